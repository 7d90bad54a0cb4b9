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
#include <json-glib/json-glib.h>

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

/* Version 2 (docs/catalog.md) gives every headline number its numerator, denominator,
 * structured definition, estimate kind and source; version 1 files are migrated on load. */
#define EP_CATALOG_SCHEMA_VERSION 2

/* Limits on an untrusted file: its size and how deeply its JSON nests. */
#define EP_CATALOG_MAX_BYTES (16 * 1024 * 1024)
#define EP_CATALOG_MAX_DEPTH 32

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
  EP_ENDPOINT_KIND_LANDMARK,        /* value: percent event-free (alive) at `months` (Kaplan-Meier) */
  EP_ENDPOINT_KIND_CRUDE,           /* value: percent event-free at a median follow-up
                                     * (`follow_up_months`), not a Kaplan-Meier rate */
} EpEndpointKind;

/* Where one number comes from: a document (a seed file name, or the citation of a user's
 * source) and a table, row, paragraph or page in it. */
typedef struct
{
  char *document;
  char *location;
} EpCatalogSource;

/* What a proportion counts. `response` is one of "CR", "CR/CRh", "CR/CRi", "CR/CRh/CRi",
 * "MRD-negative", "molecular response", "relapse", "HSCT", "other". */
typedef struct
{
  char   *response;
  double  mrd_threshold;             /* e.g. 1e-4; NaN when not stated or not an MRD measure */
  char   *mrd_method;                /* "flow cytometry", "RT-qPCR", ... or NULL */
  char   *text;                      /* the source's own wording and any caveat */
} EpCatalogDefinition;

/* One proportion of an arm (CR, MRD-negative, relapse, consolidative HSCT, or another named
 * one): the printed percentage and, where known, n/N and whom N counts. */
typedef struct
{
  char                *name;             /* for `outcomes` entries: "CR alone", ... */
  double               value;            /* percent as printed; NaN: not reported */
  int                  numerator;        /* -1: not given */
  int                  denominator;      /* -1: not given */
  char                *denominator_kind; /* "enrolled", "infused", "evaluable", "responders",
                                          * "transplanted" or NULL (not stated) */
  EpCatalogDefinition *definition;       /* never NULL */
  char                *estimate;         /* "crude proportion", "KM rate",
                                          * "cumulative incidence", "share at follow-up" or NULL */
  char                *time_origin;      /* "enrolment", "CR", "infusion", ... or NULL */
  double               months;           /* time of a KM / cumulative-incidence estimate */
  double               follow_up_months; /* median follow-up; NaN when not given */
  char                *subgroup;         /* for `outcomes` entries; NULL: the whole arm */
  EpCatalogSource     *source;           /* NULL: the record's first provenance entry */
  char                *note;
} EpCatalogOutcome;

/* A result that compares this arm with another record (TOWER blinatumomab vs chemotherapy). */
typedef struct
{
  char            *outcome;          /* "CR", "OS", ... */
  char            *versus;           /* the other record's id */
  char            *measure;          /* "proportions", "medians", "hazard ratio", "odds ratio",
                                      * "difference" */
  double           value;            /* this arm's value (percent or months); NaN for a ratio */
  double           value_versus;     /* the other arm's */
  double           estimate;         /* HR, OR or difference; NaN when only the values are given */
  double           ci_lower;
  double           ci_upper;
  double           p;                /* NaN when not given */
  char            *p_qualifier;      /* "<" for "P < 0.001", "=" or NULL */
  EpCatalogSource *source;
  char            *note;
} EpCatalogComparison;

/* A baseline characteristic: a count and/or percentage, or a median with range. */
typedef struct
{
  char            *characteristic;   /* "Bone marrow blasts >= 50%", "Prior allo-HSCT", "Age" */
  int              n;                /* -1 when not given */
  double           pct;              /* NaN when not given */
  double           median;           /* NaN when not given */
  char            *range;            /* "18-79" or NULL */
  char            *subgroup;
  EpCatalogSource *source;
  char            *note;
} EpCatalogBaseline;

/* Two sources (or two places of one) that disagree about a number. */
typedef struct
{
  char *field;                       /* "median_age", "n", "relapse", ... */
  char *description;                 /* both values and where each is printed */
  char *kept;                        /* which value the record keeps, and why */
} EpCatalogConflict;

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
  gboolean        nr_ambiguous;      /* the source prints "NR": not reached or not reported */
  double          follow_up_months;  /* median follow-up; NaN when not given */
  char           *follow_up_range;   /* "0.3-60.8" (months) or NULL */
  char           *time_origin;       /* "enrolment", "CR", "infusion", ... or NULL */
  char           *subgroup;          /* NULL: the whole arm */
  EpCatalogSource *source;           /* NULL: the record's provenance */
  char           *note;
} EpCatalogEndpoint;

/* One row of a response table: a category with a count and/or a percentage. */
typedef struct
{
  char   *category;                  /* "CR", "CRh within 2 cycles", "MRD responder", ... */
  int              n;                /* -1 when not given */
  double           pct;              /* NaN when not given */
  int              denominator;      /* -1 when not given */
  char            *subgroup;         /* NULL: the whole arm */
  EpCatalogSource *source;
  char            *note;
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
  EpCatalogSource *source;
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

/* An adverse event at a grade, with the grading system when the source names it. */
typedef struct
{
  char            *event;            /* "CRS", "neurotoxicity", "serious adverse reaction", ... */
  char            *grade;            /* "any", "1-2", ">=3", "3-4", "5", "severe" or "unspecified" */
  double           pct;              /* NaN when not given */
  int              n;                /* -1 when not given */
  int              denominator;      /* -1 when not given */
  char            *grading;          /* "CTCAE v4.03", "Lee 2014", "Penn", ... or NULL */
  char            *subgroup;
  EpCatalogSource *source;
  char            *note;
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
  EpCatalogOutcome   *cr;                   /* NULL: the source has no such number */
  EpCatalogOutcome   *mrd_negative;
  EpCatalogOutcome   *relapse;
  EpCatalogOutcome   *hsct;                 /* consolidative allogeneic HSCT */
  GPtrArray          *outcomes;             /* EpCatalogOutcome: other proportions */
  char              **includes;             /* ids of records whose patients this arm contains */
  GPtrArray          *comparisons;          /* EpCatalogComparison */
  GPtrArray          *baseline;             /* EpCatalogBaseline */
  GPtrArray          *conflicts;            /* EpCatalogConflict */
  /* Derived on load from cr, mrd_negative, relapse (value and definition text), for the
   * table columns: */
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

/* The catalog JSON of one record (schema version 2), member by member into an object the
 * caller has begun; used by endpoint-cli and by the export of a user's own arms. */
void         ep_catalog_record_write_members (const EpCatalogRecord *record,
                                              JsonBuilder           *builder);
/* A whole catalog file: {"schema_version": 2, "trials": [...]}; records is EpCatalogRecord. */
char        *ep_catalog_write_data           (GPtrArray             *records,
                                              const char            *description);

/* One record as a compact JSON object (what a project stores of a user's own arm). */
char        *ep_catalog_record_to_json       (const EpCatalogRecord *record);
/* The "id" member of a record's JSON object text, or NULL. */
char        *ep_catalog_record_json_id       (const char            *record_json);
/* {"schema_version": 2, "trials": [the n objects]}: a catalog file of a user's arms. */
char        *ep_catalog_records_json_document (const char * const  *record_jsons,
                                               guint                n);
/* Validates n record objects as one catalog file (every check of ep_catalog_read_data()); the
 * records in order, or NULL with an error naming display_name, the record and the field. */
GPtrArray   *ep_catalog_read_record_jsons    (const char * const   *record_jsons,
                                              guint                 n,
                                              const char           *display_name,
                                              GError              **error);

/* The schema's field tables as the Markdown of docs/catalog.md's "Record fields" section. */
char        *ep_catalog_schema_markdown      (void);

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
