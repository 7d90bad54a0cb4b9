/* ep-catalog-reader.h: the trial catalog's JSON reader and validator
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads data/catalog/trials.json (schema: docs/catalog.md) into plain structs, one
 * EpCatalogRecord per trial arm. Every record is validated before any is returned: a field that
 * is missing, of the wrong type, outside its range, of an unknown value (class, setting,
 * population, Ph status, endpoint name...) or not in the schema fails the whole load with a
 * GError that names the file, the record (by id, or by its 0-based index when the id itself is
 * unusable) and the field's path, e.g.
 *   trials.json: record "eliana": field "endpoints[1].months": expected a number, found a string
 *
 * Conventions of the structs: a number the source does not report is NaN (an integer count is
 * -1); a text the source does not give is NULL; percentages are 0-100, times are in months. The
 * records are immutable once read; the model layer (EpTrial) wraps them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_CATALOG_ERROR (ep_catalog_error_quark ())

typedef enum
{
  EP_CATALOG_ERROR_IO,              /* the file or resource cannot be read */
  EP_CATALOG_ERROR_PARSE,           /* not valid JSON */
  EP_CATALOG_ERROR_SCHEMA,          /* the top level is not {"schema_version": 1, "trials": [...]} */
  EP_CATALOG_ERROR_MISSING_FIELD,   /* a required field is absent */
  EP_CATALOG_ERROR_WRONG_TYPE,      /* a field holds the wrong JSON type (or null where not allowed) */
  EP_CATALOG_ERROR_INVALID_VALUE,   /* an unknown enumerated value, or a number out of range */
  EP_CATALOG_ERROR_UNKNOWN_FIELD,   /* a field the schema does not have (usually a typo) */
  EP_CATALOG_ERROR_DUPLICATE_ID,    /* two records with one id */
} EpCatalogError;

#define EP_CATALOG_SCHEMA_VERSION 1

typedef enum
{
  EP_DRUG_CLASS_BITE,
  EP_DRUG_CLASS_CAR_T,
  EP_DRUG_CLASS_ADC,
  EP_DRUG_CLASS_CHEMOTHERAPY,
  EP_DRUG_CLASS_COMBINATION,
} EpDrugClass;

typedef enum
{
  EP_TRIAL_SETTING_RR,
  EP_TRIAL_SETTING_MRD_POSITIVE,
  EP_TRIAL_SETTING_FRONTLINE,
} EpTrialSetting;

typedef enum
{
  EP_TRIAL_POPULATION_NOT_REPORTED,
  EP_TRIAL_POPULATION_PEDIATRIC,
  EP_TRIAL_POPULATION_AYA,
  EP_TRIAL_POPULATION_ADULT,
  EP_TRIAL_POPULATION_ALL_AGES,
} EpTrialPopulation;

typedef enum
{
  EP_PH_STATUS_NOT_REPORTED,
  EP_PH_STATUS_NEGATIVE,
  EP_PH_STATUS_POSITIVE,
  EP_PH_STATUS_MIXED,
} EpPhStatus;

typedef enum
{
  EP_ENDPOINT_KIND_MEDIAN,          /* value: median time in months */
  EP_ENDPOINT_KIND_LANDMARK,        /* value: percent event-free (alive) at `months` */
} EpEndpointKind;

/* One survival endpoint: a median, or a Kaplan-Meier (landmark) rate at a fixed time. */
typedef struct
{
  char           *name;              /* "OS", "EFS", "RFS", "LFS", "PFS" or "DFS" */
  EpEndpointKind  kind;
  double          months;            /* landmark time in months; NaN for a median */
  double          value;             /* months (median) or percent (landmark); NaN: not reported */
  double          ci_lower;          /* 95% CI in the unit of value; NaN when not given */
  double          ci_upper;
  gboolean        not_reached;       /* a median the source reports as not reached (value NaN) */
  double          follow_up_months;  /* median follow-up; NaN when not given */
  char           *follow_up_range;   /* "0.3-60.8" (months) or NULL */
  char           *subgroup;          /* NULL: the whole arm */
  char           *note;
} EpCatalogEndpoint;

/* One row of a response table: a category with a count and/or a percentage. */
typedef struct
{
  char   *category;                  /* "CR", "CRh within 2 cycles", "MRD responder", ... */
  int     n;                         /* -1 when not given */
  double  pct;                       /* NaN when not given */
  char   *subgroup;                  /* NULL: the whole arm */
  char   *note;
} EpCatalogResponse;

/* A cumulative incidence (or other crude event rate) at a time, e.g. relapse at 36 months. */
typedef struct
{
  char   *event;                     /* "relapse" */
  double  months;
  double  value;                     /* percent */
  double  ci_lower;                  /* NaN when not given */
  double  ci_upper;
  char   *competing;                 /* the competing event, or NULL when not stated */
  char   *subgroup;
  char   *note;
} EpCatalogIncidence;

/* One hazard ratio of a published Cox model table. */
typedef struct
{
  char     *outcome;                 /* endpoint name, "OS" or "RFS" */
  char     *factor;                  /* "Sex" */
  char     *comparison;              /* "male/female" (numerator/denominator) or NULL */
  char     *timing;                  /* "baseline", "postbaseline" (time-dependent) or NULL */
  gboolean  multivariate;            /* FALSE: univariate */
  double    hr;
  double    ci_lower;                /* NaN when not given */
  double    ci_upper;
} EpCatalogHazardRatio;

/* Cytokine release syndrome or neurotoxicity at a grade. */
typedef struct
{
  char   *event;                     /* "CRS" or "neurotoxicity" */
  char   *grade;                     /* "any", ">=3", "severe" or "unspecified" */
  double  pct;                       /* NaN when not given */
  int     n;                         /* -1 when not given */
  char   *subgroup;
  char   *note;
} EpCatalogToxicity;

typedef struct
{
  char *citation;
  char *doi;                         /* "10.1056/NEJMoa1609783" or NULL */
  char *pmid;
  char *nct;                         /* "NCT01466179" or NULL */
  char *registry;                    /* another registry's id (e.g. ACTRN...) or NULL */
} EpCatalogReference;

/* Where the record's numbers come from: a seed document and a table or section in it. */
typedef struct
{
  char *source;                      /* the seed's file name */
  char *location;                    /* "Table 1, row 'BLAST trial'" */
  char *note;                        /* an ambiguity met there, or NULL */
} EpCatalogProvenance;

typedef struct
{
  char               *id;
  char               *trial;
  char              **aliases;              /* NULL-terminated, never NULL */
  char               *arm;
  char               *agent;
  EpDrugClass         drug_class;
  char               *target;
  char               *phase;
  char               *design;
  EpTrialSetting      setting;
  EpTrialPopulation   population;
  EpPhStatus          ph;
  int                 n;                    /* -1: not reported */
  double              median_age;           /* years; NaN: not reported */
  char               *age_range;            /* "18-79", "<1-17" or NULL */
  double              cr_pct;               /* NaN: not reported */
  char               *cr_definition;
  double              mrd_neg_pct;
  char               *mrd_definition;
  double              relapse_pct;
  char               *relapse_definition;
  GPtrArray          *endpoints;            /* EpCatalogEndpoint, never NULL */
  GPtrArray          *responses;            /* EpCatalogResponse, never NULL */
  GPtrArray          *cumulative_incidence; /* EpCatalogIncidence, never NULL */
  GPtrArray          *hazard_ratios;        /* EpCatalogHazardRatio, never NULL */
  GPtrArray          *toxicity;             /* EpCatalogToxicity, never NULL */
  char               *dosing;
  char               *notes;
  GPtrArray          *references;           /* EpCatalogReference, at least one */
  GPtrArray          *provenance;           /* EpCatalogProvenance, at least one */
} EpCatalogRecord;

GQuark       ep_catalog_error_quark         (void);

/* Each returns a GPtrArray of EpCatalogRecord (element free function set), in file order, or
 * NULL with error set. display_name is the name used in messages ("trials.json"). */
GPtrArray   *ep_catalog_read_data           (const char          *data,
                                             gssize               length,
                                             const char          *display_name,
                                             GError             **error);
GPtrArray   *ep_catalog_read_bytes          (GBytes              *bytes,
                                             const char          *display_name,
                                             GError             **error);
GPtrArray   *ep_catalog_read_file           (const char          *path,
                                             GError             **error);

void         ep_catalog_record_free         (EpCatalogRecord     *record);

/* The canonical spellings used in the JSON, the CLI and the filters. */
const char  *ep_drug_class_to_string        (EpDrugClass          drug_class);
const char  *ep_trial_setting_to_string     (EpTrialSetting       setting);
/* NULL for EP_TRIAL_POPULATION_NOT_REPORTED / EP_PH_STATUS_NOT_REPORTED */
const char  *ep_trial_population_to_string (EpTrialPopulation    population);
const char  *ep_ph_status_to_string         (EpPhStatus           ph);
const char  *ep_endpoint_kind_to_string     (EpEndpointKind       kind);

/* Case-insensitive; FALSE for an unknown name. */
gboolean     ep_drug_class_from_string      (const char          *text,
                                             EpDrugClass         *drug_class);
gboolean     ep_trial_setting_from_string   (const char          *text,
                                             EpTrialSetting      *setting);
gboolean     ep_trial_population_from_string (const char         *text,
                                             EpTrialPopulation   *population);
gboolean     ep_ph_status_from_string       (const char          *text,
                                             EpPhStatus          *ph);

/* NULL-terminated lists of the allowed spellings, for messages and drop-downs. */
const char * const *ep_drug_class_names       (void);
const char * const *ep_trial_setting_names    (void);
const char * const *ep_trial_population_names (void);
const char * const *ep_ph_status_names        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpCatalogRecord, ep_catalog_record_free)

G_END_DECLS
