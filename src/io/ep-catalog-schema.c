/* ep-catalog-schema.c: the trial catalog's schema as tables of field descriptors
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table per JSON object of the catalog (record, outcome, definition, endpoint, ...), one row
 * per field: its JSON name, type, whether it is required and may be null, its range or allowed
 * values, where it lives in the C struct, and what it means. Four things follow these tables
 * and nothing else:
 *   - the reader and validator (read_object), which fills the structs of ep-catalog-reader.h;
 *   - freeing (free_object);
 *   - the JSON writer (write_object), used by endpoint-cli and by the export of a user's arms;
 *   - the schema section of docs/catalog.md (ep_catalog_schema_markdown; test-catalog checks
 *     that the page holds exactly this text).
 * Rules that tie fields together (a landmark needs its time, n <= N, a CI contains its
 * estimate) are each table's `check` function.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "io/ep-catalog-schema-private.h"

typedef enum
{
  FIELD_STRING,      /* char *; with `values`, one of them */
  FIELD_ENUM,        /* int (an enum) = index in `values` + `shift`; null: shift - 1 */
  FIELD_NUMBER,      /* double in [min, max]; NaN: null */
  FIELD_COUNT,       /* int in [min, max]; -1: null */
  FIELD_BOOLEAN,     /* gboolean; absent: FALSE */
  FIELD_STRINGS,     /* char ** (NULL-terminated, never NULL) of non-empty strings */
  FIELD_OBJECT,      /* pointer to a struct of `object`; NULL: null */
  FIELD_LIST,        /* GPtrArray of structs of `object`, never NULL; min: least length */
} FieldType;

enum
{
  REQUIRED = 1 << 0,   /* must be present (possibly as null where NULLABLE) */
  NULLABLE = 1 << 1,
};

typedef struct _ObjectSchema ObjectSchema;

typedef struct
{
  const char          *name;
  FieldType            type;
  guint                flags;
  gsize                offset;
  double               min;
  double               max;
  const char * const  *values;
  int                  shift;
  const ObjectSchema  *object;
  const char          *meaning;
} FieldSchema;

typedef gboolean (*CheckFunc) (const EpCatalogContext *ctx,
                               gconstpointer           item,
                               const char             *path,
                               GError                **error);

struct _ObjectSchema
{
  const char        *name;       /* as the docs call it: "record", "outcome" */
  gsize              size;
  const FieldSchema *fields;     /* ends with a NULL name */
  CheckFunc          check;
};

/* Enumerations. The record-level ones are shared with ep-catalog-reader.c's to/from-string
 * functions. */

const char * const ep_catalog_drug_class_names[] = {
  "BiTE", "CAR T", "antibody-drug conjugate", "chemotherapy", "combination", NULL
};
const char * const ep_catalog_setting_names[] = {
  "r/r", "MRD-positive", "frontline", NULL
};
const char * const ep_catalog_population_names[] = {
  "pediatric", "AYA", "adult", "all ages", NULL
};
const char * const ep_catalog_ph_names[] = {
  "Ph-", "Ph+", "mixed", NULL
};
const char * const ep_catalog_endpoint_kind_names[] = {
  "median", "landmark", "crude", NULL
};
static const char * const endpoint_names[] = {
  "OS", "EFS", "RFS", "LFS", "PFS", "DFS", NULL
};
static const char * const denominator_kind_names[] = {
  "enrolled", "infused", "evaluable", "responders", "transplanted", NULL
};
static const char * const response_names[] = {
  "CR", "CR/CRh", "CR/CRi", "CR/CRh/CRi", "MRD-negative", "molecular response", "relapse",
  "HSCT", "other", NULL
};
static const char * const estimate_names[] = {
  "crude proportion", "KM rate", "cumulative incidence", "share at follow-up", NULL
};
static const char * const toxicity_event_names[] = {
  "CRS", "neurotoxicity", "adverse reaction", "serious adverse reaction",
  "fatal adverse reaction", "discontinuation for adverse reaction", "neutropenia", "anaemia",
  "thrombocytopenia", "fever", "infection", "tumour lysis syndrome", "capillary leak syndrome",
  "elevated liver enzymes", "infusion-related reaction", "oedema", "arrhythmia", "rash", NULL
};
static const char * const toxicity_grade_names[] = {
  "any", "1-2", ">=3", "3-4", "5", "severe", "unspecified", NULL
};
static const char * const hr_timing_names[] = {
  "baseline", "postbaseline", NULL
};
static const char * const hr_analysis_names[] = {
  "univariate", "multivariate", NULL
};
static const char * const comparison_measure_names[] = {
  "proportions", "medians", "hazard ratio", "odds ratio", "difference", NULL
};
static const char * const p_qualifier_names[] = {
  "=", "<", ">", NULL
};

/* Rules between fields */

static gboolean
check_interval (const EpCatalogContext *ctx,
                const char             *path,
                double                  value,
                double                  lower,
                double                  upper,
                GError                **error)
{
  if (isnan (lower) != isnan (upper))
    return ep_catalog_field_error (ctx, path, isnan (lower) ? "ci_lower" : "ci_upper", error,
                                   EP_CATALOG_ERROR_MISSING_FIELD,
                                   _("a confidence interval needs both limits"));
  if (isnan (lower))
    return TRUE;

  if (lower > upper)
    return ep_catalog_field_error (ctx, path, "ci_lower", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("the lower limit %g is above the upper limit %g"),
                                   lower, upper);

  if (!isnan (value) && (value < lower || value > upper))
    return ep_catalog_field_error (ctx, path, "ci_lower", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("the estimate %g lies outside its interval %g to %g"),
                                   value, lower, upper);
  return TRUE;
}

static gboolean
all_digits (const char *text,
            gsize       min_length,
            gsize       max_length)
{
  gsize length = strlen (text);

  if (length < min_length || length > max_length)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
check_outcome (const EpCatalogContext *ctx,
               gconstpointer           item,
               const char             *path,
               GError                **error)
{
  const EpCatalogOutcome *outcome = item;

  if (outcome->numerator >= 0 && outcome->denominator < 0)
    return ep_catalog_field_error (ctx, path, "denominator", error, EP_CATALOG_ERROR_MISSING_FIELD,
                                   _("a numerator needs its denominator"));
  if (outcome->numerator > outcome->denominator && outcome->denominator >= 0)
    return ep_catalog_field_error (ctx, path, "numerator", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("%d is more than the denominator %d"),
                                   outcome->numerator, outcome->denominator);

  /* The printed percentage is rounded (61/75 is printed 81%), but not by a whole point. */
  if (outcome->numerator >= 0 && !isnan (outcome->value) &&
      fabs (100.0 * outcome->numerator / outcome->denominator - outcome->value) > 1.0)
    return ep_catalog_field_error (ctx, path, "value", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("%g%% does not match %d/%d"), outcome->value,
                                   outcome->numerator, outcome->denominator);

  if (outcome->estimate != NULL && isnan (outcome->months) &&
      (strcmp (outcome->estimate, "KM rate") == 0 ||
       strcmp (outcome->estimate, "cumulative incidence") == 0))
    return ep_catalog_field_error (ctx, path, "months", error, EP_CATALOG_ERROR_MISSING_FIELD,
                                   _("a Kaplan-Meier rate or cumulative incidence needs its time"));

  if (outcome->estimate != NULL && isnan (outcome->follow_up_months) &&
      strcmp (outcome->estimate, "share at follow-up") == 0)
    return ep_catalog_field_error (ctx, path, "follow_up_months", error,
                                   EP_CATALOG_ERROR_MISSING_FIELD,
                                   _("a share at follow-up needs the median follow-up"));
  return TRUE;
}

static gboolean
check_endpoint (const EpCatalogContext *ctx,
                gconstpointer           item,
                const char             *path,
                GError                **error)
{
  const EpCatalogEndpoint *endpoint = item;

  switch (endpoint->kind)
    {
    case EP_ENDPOINT_KIND_LANDMARK:
      if (isnan (endpoint->months))
        return ep_catalog_field_error (ctx, path, "months", error, EP_CATALOG_ERROR_MISSING_FIELD,
                                       _("required field is missing"));
      if (endpoint->months <= 0.0)
        return ep_catalog_field_error (ctx, path, "months", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                       _("a landmark time must be positive"));
      break;
    case EP_ENDPOINT_KIND_CRUDE:
      if (!isnan (endpoint->months))
        return ep_catalog_field_error (ctx, path, "months", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                       _("a share at follow-up has no landmark time (omit “months”)"));
      if (isnan (endpoint->follow_up_months))
        return ep_catalog_field_error (ctx, path, "follow_up_months", error,
                                       EP_CATALOG_ERROR_MISSING_FIELD,
                                       _("a share at follow-up needs the median follow-up"));
      break;
    case EP_ENDPOINT_KIND_MEDIAN:
    default:
      if (!isnan (endpoint->months))
        return ep_catalog_field_error (ctx, path, "months", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                       _("a median has no landmark time (omit “months”)"));
      break;
    }

  if (endpoint->kind != EP_ENDPOINT_KIND_MEDIAN &&
      ((!isnan (endpoint->value) && endpoint->value > 100.0) ||
       (!isnan (endpoint->ci_upper) && endpoint->ci_upper > 100.0)))
    return ep_catalog_field_error (ctx, path, "value", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("%g is outside the allowed range %g to %g"),
                                   endpoint->value > 100.0 ? endpoint->value : endpoint->ci_upper,
                                   0.0, 100.0);

  if (!check_interval (ctx, path, endpoint->value, endpoint->ci_lower, endpoint->ci_upper, error))
    return FALSE;

  if (endpoint->not_reached &&
      (endpoint->kind != EP_ENDPOINT_KIND_MEDIAN || !isnan (endpoint->value)))
    return ep_catalog_field_error (ctx, path, "not_reached", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("only a median with a null value can be “not reached”"));
  return TRUE;
}

static gboolean
check_response (const EpCatalogContext *ctx,
                gconstpointer           item,
                const char             *path,
                GError                **error)
{
  const EpCatalogResponse *response = item;

  if (response->n < 0 && isnan (response->pct))
    return ep_catalog_field_error (ctx, path, NULL, error, EP_CATALOG_ERROR_MISSING_FIELD,
                                   _("a response needs “n”, “pct” or both"));
  return TRUE;
}

static gboolean
check_incidence (const EpCatalogContext *ctx,
                 gconstpointer           item,
                 const char             *path,
                 GError                **error)
{
  const EpCatalogIncidence *incidence = item;

  if (incidence->months <= 0.0)
    return ep_catalog_field_error (ctx, path, "months", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("a landmark time must be positive"));
  return check_interval (ctx, path, incidence->value, incidence->ci_lower, incidence->ci_upper,
                         error);
}

static gboolean
check_hazard_ratio (const EpCatalogContext *ctx,
                    gconstpointer           item,
                    const char             *path,
                    GError                **error)
{
  const EpCatalogHazardRatio *hr = item;

  if (hr->hr <= 0.0)
    return ep_catalog_field_error (ctx, path, "hr", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("a hazard ratio must be positive"));
  return check_interval (ctx, path, hr->hr, hr->ci_lower, hr->ci_upper, error);
}

static gboolean
check_toxicity (const EpCatalogContext *ctx,
                gconstpointer           item,
                const char             *path,
                GError                **error)
{
  const EpCatalogToxicity *toxicity = item;

  if (toxicity->n < 0 && isnan (toxicity->pct))
    return ep_catalog_field_error (ctx, path, NULL, error, EP_CATALOG_ERROR_MISSING_FIELD,
                                   _("a toxicity needs “n”, “pct” or both"));
  if (toxicity->n >= 0 && toxicity->denominator >= 0 && toxicity->n > toxicity->denominator)
    return ep_catalog_field_error (ctx, path, "n", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("%d is more than the denominator %d"),
                                   toxicity->n, toxicity->denominator);
  return TRUE;
}

static gboolean
check_comparison (const EpCatalogContext *ctx,
                  gconstpointer           item,
                  const char             *path,
                  GError                **error)
{
  const EpCatalogComparison *comparison = item;

  if (isnan (comparison->estimate) && (isnan (comparison->value) || isnan (comparison->value_versus)))
    return ep_catalog_field_error (ctx, path, NULL, error, EP_CATALOG_ERROR_MISSING_FIELD,
                                   _("a comparison needs an estimate or both arms' values"));
  if (comparison->p_qualifier != NULL && isnan (comparison->p))
    return ep_catalog_field_error (ctx, path, "p", error, EP_CATALOG_ERROR_MISSING_FIELD,
                                   _("required when “p_qualifier” is given"));
  return check_interval (ctx, path, comparison->estimate, comparison->ci_lower,
                         comparison->ci_upper, error);
}

static gboolean
check_baseline (const EpCatalogContext *ctx,
                gconstpointer           item,
                const char             *path,
                GError                **error)
{
  const EpCatalogBaseline *baseline = item;

  if (baseline->n < 0 && isnan (baseline->pct) && isnan (baseline->median))
    return ep_catalog_field_error (ctx, path, NULL, error, EP_CATALOG_ERROR_MISSING_FIELD,
                                   _("a baseline characteristic needs “n”, “pct” or “median”"));
  return TRUE;
}

static gboolean
check_reference (const EpCatalogContext *ctx,
                 gconstpointer           item,
                 const char             *path,
                 GError                **error)
{
  const EpCatalogReference *reference = item;

  /* DOIs are "10.<registrant>/<suffix>"; a URL or a "doi:" prefix would not resolve when the
   * page builds https://doi.org/<doi>. */
  if (reference->doi != NULL &&
      (!g_str_has_prefix (reference->doi, "10.") || strchr (reference->doi, '/') == NULL ||
       strchr (reference->doi, ' ') != NULL))
    return ep_catalog_field_error (ctx, path, "doi", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("“%s” is not a DOI (expected 10.xxxx/...)"), reference->doi);

  if (reference->pmid != NULL && !all_digits (reference->pmid, 1, 9))
    return ep_catalog_field_error (ctx, path, "pmid", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("“%s” is not a PubMed id"), reference->pmid);

  if (reference->nct != NULL &&
      (!g_str_has_prefix (reference->nct, "NCT") || !all_digits (reference->nct + 3, 8, 8)))
    return ep_catalog_field_error (ctx, path, "nct", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                   _("“%s” is not a ClinicalTrials.gov number (NCT and 8 digits)"),
                                   reference->nct);
  return TRUE;
}

static gboolean
check_record (const EpCatalogContext *ctx,
              gconstpointer           item,
              const char             *path,
              GError                **error)
{
  const EpCatalogRecord *record = item;

  for (guint i = 0; i < record->outcomes->len; i++)
    {
      const EpCatalogOutcome *outcome = g_ptr_array_index (record->outcomes, i);
      g_autofree char *element = g_strdup_printf ("outcomes[%u]", i);

      if (outcome->name == NULL)
        return ep_catalog_field_error (ctx, element, "name", error, EP_CATALOG_ERROR_MISSING_FIELD,
                                       _("required field is missing"));
    }

  for (guint i = 0; record->includes[i] != NULL; i++)
    if (strcmp (record->includes[i], record->id) == 0)
      return ep_catalog_field_error (ctx, NULL, "includes", error, EP_CATALOG_ERROR_INVALID_VALUE,
                                     _("a record cannot include itself"));
  return TRUE;
}

/* The tables. F(struct, member) is the member's offset. */

#define F(type, member) offsetof (type, member)
#define PCT 0.0, 100.0
#define MONTHS 0.0, 1200.0
#define ANY 0.0, 0.0

static const ObjectSchema source_schema;
static const ObjectSchema definition_schema;

static const FieldSchema source_fields[] = {
  { "document", FIELD_STRING, REQUIRED, F (EpCatalogSource, document), ANY, NULL, 0, NULL,
    "the seed's file name, or a citation (author, journal, year)" },
  { "location", FIELD_STRING, REQUIRED, F (EpCatalogSource, location), ANY, NULL, 0, NULL,
    "table, row, section or paragraph, page" },
  { NULL }
};
static const ObjectSchema source_schema = {
  "source", sizeof (EpCatalogSource), source_fields, NULL
};

static const FieldSchema definition_fields[] = {
  { "response", FIELD_STRING, NULLABLE, F (EpCatalogDefinition, response), ANY, response_names, 0,
    NULL, "what is counted; null: the source does not say" },
  { "mrd_threshold", FIELD_NUMBER, NULLABLE, F (EpCatalogDefinition, mrd_threshold), 0.0, 1.0,
    NULL, 0, NULL, "MRD negativity below this fraction (0.0001 for 10^-4)" },
  { "mrd_method", FIELD_STRING, NULLABLE, F (EpCatalogDefinition, mrd_method), ANY, NULL, 0, NULL,
    "\"flow cytometry\", \"RT-qPCR\", \"NGS\"" },
  { "text", FIELD_STRING, REQUIRED, F (EpCatalogDefinition, text), ANY, NULL, 0, NULL,
    "the definition in words, with the source's column or footnote" },
  { NULL }
};
static const ObjectSchema definition_schema = {
  "definition", sizeof (EpCatalogDefinition), definition_fields, NULL
};

static const FieldSchema outcome_fields[] = {
  { "name", FIELD_STRING, NULLABLE, F (EpCatalogOutcome, name), ANY, NULL, 0, NULL,
    "required in `outcomes`: \"CR alone\", \"CD19-negative relapse\"" },
  { "value", FIELD_NUMBER, REQUIRED | NULLABLE, F (EpCatalogOutcome, value), PCT, NULL, 0, NULL,
    "percent as printed; null: not reported (a reported 0 is 0)" },
  { "numerator", FIELD_COUNT, NULLABLE, F (EpCatalogOutcome, numerator), 0.0, G_MAXINT, NULL, 0,
    NULL, "patients with the outcome, where printed" },
  { "denominator", FIELD_COUNT, NULLABLE, F (EpCatalogOutcome, denominator), 1.0, G_MAXINT, NULL,
    0, NULL, "patients the percentage is of, where printed or stated" },
  { "denominator_kind", FIELD_STRING, NULLABLE, F (EpCatalogOutcome, denominator_kind), ANY,
    denominator_kind_names, 0, NULL, "whom the denominator counts; null: not stated" },
  { "definition", FIELD_OBJECT, REQUIRED, F (EpCatalogOutcome, definition), ANY, NULL, 0,
    &definition_schema, "what counts" },
  { "estimate", FIELD_STRING, NULLABLE, F (EpCatalogOutcome, estimate), ANY, estimate_names, 0,
    NULL, "how the number was estimated; null: not stated" },
  { "time_origin", FIELD_STRING, NULLABLE, F (EpCatalogOutcome, time_origin), ANY, NULL, 0, NULL,
    "time zero of a time-to-event estimate (\"enrolment\", \"CR\", \"infusion\")" },
  { "months", FIELD_NUMBER, NULLABLE, F (EpCatalogOutcome, months), MONTHS, NULL, 0, NULL,
    "time of a KM rate or cumulative incidence" },
  { "follow_up_months", FIELD_NUMBER, NULLABLE, F (EpCatalogOutcome, follow_up_months), MONTHS,
    NULL, 0, NULL, "median follow-up" },
  { "subgroup", FIELD_STRING, NULLABLE, F (EpCatalogOutcome, subgroup), ANY, NULL, 0, NULL,
    "null: the whole arm" },
  { "source", FIELD_OBJECT, NULLABLE, F (EpCatalogOutcome, source), ANY, NULL, 0, &source_schema,
    "where the number is printed; null: the record's first provenance entry" },
  { "note", FIELD_STRING, NULLABLE, F (EpCatalogOutcome, note), ANY, NULL, 0, NULL,
    "an ambiguity or the source's wording" },
  { NULL }
};
static const ObjectSchema outcome_schema = {
  "outcome", sizeof (EpCatalogOutcome), outcome_fields, check_outcome
};

static const FieldSchema endpoint_fields[] = {
  { "name", FIELD_STRING, REQUIRED, F (EpCatalogEndpoint, name), ANY, endpoint_names, 0, NULL,
    "the survival endpoint" },
  { "kind", FIELD_ENUM, REQUIRED, F (EpCatalogEndpoint, kind), ANY,
    ep_catalog_endpoint_kind_names, 0, NULL,
    "median; landmark (Kaplan-Meier rate at `months`); crude (share event-free at the median "
    "follow-up, not a KM rate)" },
  { "months", FIELD_NUMBER, NULLABLE, F (EpCatalogEndpoint, months), MONTHS, NULL, 0, NULL,
    "landmark time (required for a landmark; absent otherwise)" },
  { "value", FIELD_NUMBER, REQUIRED | NULLABLE, F (EpCatalogEndpoint, value), MONTHS, NULL, 0,
    NULL, "a median in months, or a rate in percent (0-100); null: not reported" },
  { "ci_lower", FIELD_NUMBER, NULLABLE, F (EpCatalogEndpoint, ci_lower), MONTHS, NULL, 0, NULL,
    "95% CI, both or neither, containing `value`" },
  { "ci_upper", FIELD_NUMBER, NULLABLE, F (EpCatalogEndpoint, ci_upper), MONTHS, NULL, 0, NULL,
    "" },
  { "not_reached", FIELD_BOOLEAN, 0, F (EpCatalogEndpoint, not_reached), ANY, NULL, 0, NULL,
    "a median reported as not reached (value null)" },
  { "nr_ambiguous", FIELD_BOOLEAN, 0, F (EpCatalogEndpoint, nr_ambiguous), ANY, NULL, 0, NULL,
    "the source prints \"NR\", which may mean not reached or not reported" },
  { "follow_up_months", FIELD_NUMBER, NULLABLE, F (EpCatalogEndpoint, follow_up_months), MONTHS,
    NULL, 0, NULL, "median follow-up (required for a crude share)" },
  { "follow_up_range", FIELD_STRING, NULLABLE, F (EpCatalogEndpoint, follow_up_range), ANY, NULL,
    0, NULL, "its range, \"0.3-60.8\"" },
  { "time_origin", FIELD_STRING, NULLABLE, F (EpCatalogEndpoint, time_origin), ANY, NULL, 0, NULL,
    "time zero: \"enrolment\", \"CR\", \"infusion\", \"randomization\"" },
  { "subgroup", FIELD_STRING, NULLABLE, F (EpCatalogEndpoint, subgroup), ANY, NULL, 0, NULL,
    "null: the whole arm" },
  { "source", FIELD_OBJECT, NULLABLE, F (EpCatalogEndpoint, source), ANY, NULL, 0, &source_schema,
    "where it is printed" },
  { "note", FIELD_STRING, NULLABLE, F (EpCatalogEndpoint, note), ANY, NULL, 0, NULL, "" },
  { NULL }
};
static const ObjectSchema endpoint_schema = {
  "endpoint", sizeof (EpCatalogEndpoint), endpoint_fields, check_endpoint
};

static const FieldSchema response_fields[] = {
  { "category", FIELD_STRING, REQUIRED, F (EpCatalogResponse, category), ANY, NULL, 0, NULL,
    "\"CR\", \"CRh within 2 cycles\", \"MRD responder\"" },
  { "n", FIELD_COUNT, NULLABLE, F (EpCatalogResponse, n), 0.0, G_MAXINT, NULL, 0, NULL,
    "patients (at least one of n and pct)" },
  { "pct", FIELD_NUMBER, NULLABLE, F (EpCatalogResponse, pct), PCT, NULL, 0, NULL, "percent" },
  { "denominator", FIELD_COUNT, NULLABLE, F (EpCatalogResponse, denominator), 1.0, G_MAXINT,
    NULL, 0, NULL, "of how many" },
  { "subgroup", FIELD_STRING, NULLABLE, F (EpCatalogResponse, subgroup), ANY, NULL, 0, NULL, "" },
  { "source", FIELD_OBJECT, NULLABLE, F (EpCatalogResponse, source), ANY, NULL, 0, &source_schema,
    "" },
  { "note", FIELD_STRING, NULLABLE, F (EpCatalogResponse, note), ANY, NULL, 0, NULL, "" },
  { NULL }
};
static const ObjectSchema response_schema = {
  "response", sizeof (EpCatalogResponse), response_fields, check_response
};

static const FieldSchema incidence_fields[] = {
  { "event", FIELD_STRING, REQUIRED, F (EpCatalogIncidence, event), ANY, NULL, 0, NULL,
    "\"relapse\"" },
  { "months", FIELD_NUMBER, REQUIRED, F (EpCatalogIncidence, months), MONTHS, NULL, 0, NULL,
    "time, > 0" },
  { "value", FIELD_NUMBER, REQUIRED, F (EpCatalogIncidence, value), PCT, NULL, 0, NULL, "percent" },
  { "ci_lower", FIELD_NUMBER, NULLABLE, F (EpCatalogIncidence, ci_lower), PCT, NULL, 0, NULL,
    "95% CI" },
  { "ci_upper", FIELD_NUMBER, NULLABLE, F (EpCatalogIncidence, ci_upper), PCT, NULL, 0, NULL, "" },
  { "competing", FIELD_STRING, NULLABLE, F (EpCatalogIncidence, competing), ANY, NULL, 0, NULL,
    "the competing event; null: the source does not say how it was estimated" },
  { "subgroup", FIELD_STRING, NULLABLE, F (EpCatalogIncidence, subgroup), ANY, NULL, 0, NULL, "" },
  { "source", FIELD_OBJECT, NULLABLE, F (EpCatalogIncidence, source), ANY, NULL, 0,
    &source_schema, "" },
  { "note", FIELD_STRING, NULLABLE, F (EpCatalogIncidence, note), ANY, NULL, 0, NULL, "" },
  { NULL }
};
static const ObjectSchema incidence_schema = {
  "incidence", sizeof (EpCatalogIncidence), incidence_fields, check_incidence
};

static const FieldSchema hazard_ratio_fields[] = {
  { "outcome", FIELD_STRING, REQUIRED, F (EpCatalogHazardRatio, outcome), ANY, NULL, 0, NULL,
    "an endpoint name" },
  { "factor", FIELD_STRING, REQUIRED, F (EpCatalogHazardRatio, factor), ANY, NULL, 0, NULL,
    "\"Sex\"" },
  { "comparison", FIELD_STRING, NULLABLE, F (EpCatalogHazardRatio, comparison), ANY, NULL, 0,
    NULL, "numerator/denominator as printed: \"male/female\"" },
  { "timing", FIELD_STRING, NULLABLE, F (EpCatalogHazardRatio, timing), ANY, hr_timing_names, 0,
    NULL, "postbaseline: a time-dependent covariate" },
  { "analysis", FIELD_ENUM, REQUIRED, F (EpCatalogHazardRatio, multivariate), ANY,
    hr_analysis_names, 0, NULL, "" },
  { "hr", FIELD_NUMBER, REQUIRED, F (EpCatalogHazardRatio, hr), 0.0, 1e6, NULL, 0, NULL, "> 0" },
  { "ci_lower", FIELD_NUMBER, NULLABLE, F (EpCatalogHazardRatio, ci_lower), 0.0, 1e6, NULL, 0,
    NULL, "95% CI" },
  { "ci_upper", FIELD_NUMBER, NULLABLE, F (EpCatalogHazardRatio, ci_upper), 0.0, 1e6, NULL, 0,
    NULL, "" },
  { NULL }
};
static const ObjectSchema hazard_ratio_schema = {
  "hazard ratio", sizeof (EpCatalogHazardRatio), hazard_ratio_fields, check_hazard_ratio
};

static const FieldSchema toxicity_fields[] = {
  { "event", FIELD_STRING, REQUIRED, F (EpCatalogToxicity, event), ANY, toxicity_event_names, 0,
    NULL, "the adverse event" },
  { "grade", FIELD_STRING, REQUIRED, F (EpCatalogToxicity, grade), ANY, toxicity_grade_names, 0,
    NULL, "\"severe\" when the source says so without a grade" },
  { "pct", FIELD_NUMBER, NULLABLE, F (EpCatalogToxicity, pct), PCT, NULL, 0, NULL,
    "percent (at least one of pct and n)" },
  { "n", FIELD_COUNT, NULLABLE, F (EpCatalogToxicity, n), 0.0, G_MAXINT, NULL, 0, NULL,
    "patients; a count without a printed percentage stays a count" },
  { "denominator", FIELD_COUNT, NULLABLE, F (EpCatalogToxicity, denominator), 1.0, G_MAXINT, NULL,
    0, NULL, "patients assessed" },
  { "grading", FIELD_STRING, NULLABLE, F (EpCatalogToxicity, grading), ANY, NULL, 0, NULL,
    "the grading system (\"CTCAE v4.03\", \"Lee 2014\", \"Penn\"); null: not stated" },
  { "subgroup", FIELD_STRING, NULLABLE, F (EpCatalogToxicity, subgroup), ANY, NULL, 0, NULL, "" },
  { "source", FIELD_OBJECT, NULLABLE, F (EpCatalogToxicity, source), ANY, NULL, 0, &source_schema,
    "" },
  { "note", FIELD_STRING, NULLABLE, F (EpCatalogToxicity, note), ANY, NULL, 0, NULL, "" },
  { NULL }
};
static const ObjectSchema toxicity_schema = {
  "toxicity", sizeof (EpCatalogToxicity), toxicity_fields, check_toxicity
};

static const FieldSchema comparison_fields[] = {
  { "outcome", FIELD_STRING, REQUIRED, F (EpCatalogComparison, outcome), ANY, NULL, 0, NULL,
    "\"CR\", \"OS\"" },
  { "versus", FIELD_STRING, REQUIRED, F (EpCatalogComparison, versus), ANY, NULL, 0, NULL,
    "the other arm's record id" },
  { "measure", FIELD_STRING, REQUIRED, F (EpCatalogComparison, measure), ANY,
    comparison_measure_names, 0, NULL, "what is compared" },
  { "value", FIELD_NUMBER, NULLABLE, F (EpCatalogComparison, value), 0.0, 1e6, NULL, 0, NULL,
    "this arm's percent or median" },
  { "value_versus", FIELD_NUMBER, NULLABLE, F (EpCatalogComparison, value_versus), 0.0, 1e6, NULL,
    0, NULL, "the other arm's" },
  { "estimate", FIELD_NUMBER, NULLABLE, F (EpCatalogComparison, estimate), -1e6, 1e6, NULL, 0,
    NULL, "HR, OR or difference (an estimate or both values are needed)" },
  { "ci_lower", FIELD_NUMBER, NULLABLE, F (EpCatalogComparison, ci_lower), -1e6, 1e6, NULL, 0,
    NULL, "95% CI of the estimate" },
  { "ci_upper", FIELD_NUMBER, NULLABLE, F (EpCatalogComparison, ci_upper), -1e6, 1e6, NULL, 0,
    NULL, "" },
  { "p", FIELD_NUMBER, NULLABLE, F (EpCatalogComparison, p), 0.0, 1.0, NULL, 0, NULL,
    "the printed p-value" },
  { "p_qualifier", FIELD_STRING, NULLABLE, F (EpCatalogComparison, p_qualifier), ANY,
    p_qualifier_names, 0, NULL, "\"<\" for \"P < 0.001\"" },
  { "source", FIELD_OBJECT, NULLABLE, F (EpCatalogComparison, source), ANY, NULL, 0,
    &source_schema, "" },
  { "note", FIELD_STRING, NULLABLE, F (EpCatalogComparison, note), ANY, NULL, 0, NULL, "" },
  { NULL }
};
static const ObjectSchema comparison_schema = {
  "comparison", sizeof (EpCatalogComparison), comparison_fields, check_comparison
};

static const FieldSchema baseline_fields[] = {
  { "characteristic", FIELD_STRING, REQUIRED, F (EpCatalogBaseline, characteristic), ANY, NULL, 0,
    NULL, "\"Bone marrow blasts >= 50%\", \"Prior allo-HSCT\"" },
  { "n", FIELD_COUNT, NULLABLE, F (EpCatalogBaseline, n), 0.0, G_MAXINT, NULL, 0, NULL,
    "patients (at least one of n, pct, median)" },
  { "pct", FIELD_NUMBER, NULLABLE, F (EpCatalogBaseline, pct), PCT, NULL, 0, NULL, "percent" },
  { "median", FIELD_NUMBER, NULLABLE, F (EpCatalogBaseline, median), 0.0, 1e6, NULL, 0, NULL,
    "a median, in the characteristic's unit" },
  { "range", FIELD_STRING, NULLABLE, F (EpCatalogBaseline, range), ANY, NULL, 0, NULL,
    "its range as printed" },
  { "subgroup", FIELD_STRING, NULLABLE, F (EpCatalogBaseline, subgroup), ANY, NULL, 0, NULL, "" },
  { "source", FIELD_OBJECT, NULLABLE, F (EpCatalogBaseline, source), ANY, NULL, 0, &source_schema,
    "" },
  { "note", FIELD_STRING, NULLABLE, F (EpCatalogBaseline, note), ANY, NULL, 0, NULL, "" },
  { NULL }
};
static const ObjectSchema baseline_schema = {
  "baseline", sizeof (EpCatalogBaseline), baseline_fields, check_baseline
};

static const FieldSchema conflict_fields[] = {
  { "field", FIELD_STRING, REQUIRED, F (EpCatalogConflict, field), ANY, NULL, 0, NULL,
    "the field or number in question" },
  { "description", FIELD_STRING, REQUIRED, F (EpCatalogConflict, description), ANY, NULL, 0, NULL,
    "both values and where each is printed" },
  { "kept", FIELD_STRING, NULLABLE, F (EpCatalogConflict, kept), ANY, NULL, 0, NULL,
    "which value the record keeps, and why" },
  { NULL }
};
static const ObjectSchema conflict_schema = {
  "conflict", sizeof (EpCatalogConflict), conflict_fields, NULL
};

static const FieldSchema reference_fields[] = {
  { "citation", FIELD_STRING, REQUIRED, F (EpCatalogReference, citation), ANY, NULL, 0, NULL,
    "as printed in the seed's reference list" },
  { "doi", FIELD_STRING, NULLABLE, F (EpCatalogReference, doi), ANY, NULL, 0, NULL,
    "10.xxxx/..., no URL prefix" },
  { "pmid", FIELD_STRING, NULLABLE, F (EpCatalogReference, pmid), ANY, NULL, 0, NULL, "digits" },
  { "nct", FIELD_STRING, NULLABLE, F (EpCatalogReference, nct), ANY, NULL, 0, NULL,
    "NCT and 8 digits" },
  { "registry", FIELD_STRING, NULLABLE, F (EpCatalogReference, registry), ANY, NULL, 0, NULL,
    "another registry's id" },
  { NULL }
};
static const ObjectSchema reference_schema = {
  "reference", sizeof (EpCatalogReference), reference_fields, check_reference
};

static const FieldSchema provenance_fields[] = {
  { "source", FIELD_STRING, REQUIRED, F (EpCatalogProvenance, source), ANY, NULL, 0, NULL,
    "the seed's file name (or, for a user's arm, the citation)" },
  { "location", FIELD_STRING, REQUIRED, F (EpCatalogProvenance, location), ANY, NULL, 0, NULL,
    "table, row or section, with the source's reference numbers" },
  { "note", FIELD_STRING, NULLABLE, F (EpCatalogProvenance, note), ANY, NULL, 0, NULL,
    "an ambiguity or a decision" },
  { NULL }
};
static const ObjectSchema provenance_schema = {
  "provenance", sizeof (EpCatalogProvenance), provenance_fields, NULL
};

static const FieldSchema record_fields[] = {
  { "id", FIELD_STRING, REQUIRED, F (EpCatalogRecord, id), ANY, NULL, 0, NULL,
    "unique, stable; lower-case letters, digits and `-`" },
  { "trial", FIELD_STRING, REQUIRED, F (EpCatalogRecord, trial), ANY, NULL, 0, NULL,
    "the trial's name as the source gives it" },
  { "aliases", FIELD_STRINGS, 0, F (EpCatalogRecord, aliases), ANY, NULL, 0, NULL,
    "other names for the search box (\"TOWER\", \"Maude 2018\", \"NCT01466179\")" },
  { "arm", FIELD_STRING, REQUIRED, F (EpCatalogRecord, arm), ANY, NULL, 0, NULL,
    "the arm or cohort" },
  { "agent", FIELD_STRING, REQUIRED, F (EpCatalogRecord, agent), ANY, NULL, 0, NULL,
    "the treatment" },
  { "class", FIELD_ENUM, REQUIRED, F (EpCatalogRecord, drug_class), ANY,
    ep_catalog_drug_class_names, 0, NULL, "therapy class" },
  { "target", FIELD_STRING, NULLABLE, F (EpCatalogRecord, target), ANY, NULL, 0, NULL,
    "antigen(s): \"CD19\"; null for chemotherapy" },
  { "phase", FIELD_STRING, NULLABLE, F (EpCatalogRecord, phase), ANY, NULL, 0, NULL,
    "\"1/2\", \"2\", \"3\"; null for retrospective series" },
  { "design", FIELD_STRING, NULLABLE, F (EpCatalogRecord, design), ANY, NULL, 0, NULL,
    "randomization, eligibility, retrospective, interim analysis" },
  { "setting", FIELD_ENUM, REQUIRED, F (EpCatalogRecord, setting), ANY, ep_catalog_setting_names,
    0, NULL, "disease setting" },
  { "population", FIELD_ENUM, REQUIRED | NULLABLE, F (EpCatalogRecord, population), ANY,
    ep_catalog_population_names, 1, NULL, "age group; null: not stated" },
  { "ph", FIELD_ENUM, REQUIRED | NULLABLE, F (EpCatalogRecord, ph), ANY, ep_catalog_ph_names, 1,
    NULL, "Philadelphia chromosome; null: not stated" },
  { "n", FIELD_COUNT, REQUIRED | NULLABLE, F (EpCatalogRecord, n), 1.0, G_MAXINT, NULL, 0, NULL,
    "patients in the arm as the source's table gives it (see `cr.denominator_kind`)" },
  { "median_age", FIELD_NUMBER, NULLABLE, F (EpCatalogRecord, median_age), 0.0, 120.0, NULL, 0,
    NULL, "years" },
  { "age_range", FIELD_STRING, NULLABLE, F (EpCatalogRecord, age_range), ANY, NULL, 0, NULL,
    "as printed: \"18-79\", \"<1-17\"" },
  { "cr", FIELD_OBJECT, REQUIRED | NULLABLE, F (EpCatalogRecord, cr), ANY, NULL, 0,
    &outcome_schema, "complete remission; null: the source has no such number" },
  { "mrd_negative", FIELD_OBJECT, REQUIRED | NULLABLE, F (EpCatalogRecord, mrd_negative), ANY,
    NULL, 0, &outcome_schema, "MRD-negative" },
  { "relapse", FIELD_OBJECT, REQUIRED | NULLABLE, F (EpCatalogRecord, relapse), ANY, NULL, 0,
    &outcome_schema, "relapse" },
  { "hsct", FIELD_OBJECT, NULLABLE, F (EpCatalogRecord, hsct), ANY, NULL, 0, &outcome_schema,
    "consolidative allogeneic HSCT after the treatment" },
  { "outcomes", FIELD_LIST, 0, F (EpCatalogRecord, outcomes), ANY, NULL, 0, &outcome_schema,
    "other proportions (each with a `name`)" },
  { "includes", FIELD_STRINGS, 0, F (EpCatalogRecord, includes), ANY, NULL, 0, NULL,
    "ids of records whose patients this arm also counts (a pooled analysis)" },
  { "endpoints", FIELD_LIST, REQUIRED, F (EpCatalogRecord, endpoints), ANY, NULL, 0,
    &endpoint_schema, "survival endpoints; may be empty" },
  { "responses", FIELD_LIST, 0, F (EpCatalogRecord, responses), ANY, NULL, 0, &response_schema,
    "a response table" },
  { "cumulative_incidence", FIELD_LIST, 0, F (EpCatalogRecord, cumulative_incidence), ANY, NULL,
    0, &incidence_schema, "cumulative incidence of an event at times" },
  { "hazard_ratios", FIELD_LIST, 0, F (EpCatalogRecord, hazard_ratios), ANY, NULL, 0,
    &hazard_ratio_schema, "a published Cox table" },
  { "comparisons", FIELD_LIST, 0, F (EpCatalogRecord, comparisons), ANY, NULL, 0,
    &comparison_schema, "between-arm results against another record" },
  { "baseline", FIELD_LIST, 0, F (EpCatalogRecord, baseline), ANY, NULL, 0, &baseline_schema,
    "baseline characteristics" },
  { "toxicity", FIELD_LIST, 0, F (EpCatalogRecord, toxicity), ANY, NULL, 0, &toxicity_schema,
    "adverse events by grade" },
  { "conflicts", FIELD_LIST, 0, F (EpCatalogRecord, conflicts), ANY, NULL, 0, &conflict_schema,
    "numbers the sources disagree about" },
  { "dosing", FIELD_STRING, NULLABLE, F (EpCatalogRecord, dosing), ANY, NULL, 0, NULL,
    "dose, schedule, cycles" },
  { "notes", FIELD_STRING, NULLABLE, F (EpCatalogRecord, notes), ANY, NULL, 0, NULL,
    "other published facts that have no field" },
  { "references", FIELD_LIST, REQUIRED, F (EpCatalogRecord, references), 1.0, 0.0, NULL, 0,
    &reference_schema, "at least one" },
  { "provenance", FIELD_LIST, REQUIRED, F (EpCatalogRecord, provenance), 1.0, 0.0, NULL, 0,
    &provenance_schema, "at least one" },
  { NULL }
};
static const ObjectSchema record_schema = {
  "record", sizeof (EpCatalogRecord), record_fields, check_record
};

/* The nested tables in the order the docs list them. */
static const ObjectSchema * const all_schemas[] = {
  &record_schema, &outcome_schema, &definition_schema, &source_schema, &endpoint_schema,
  &response_schema, &incidence_schema, &hazard_ratio_schema, &comparison_schema,
  &baseline_schema, &toxicity_schema, &conflict_schema, &reference_schema, &provenance_schema,
  NULL
};

#define MEMBER(item, field, type) ((type *) ((char *) (item) + (field)->offset))

/* Initialising and freeing */

static gpointer
new_object (const ObjectSchema *schema)
{
  gpointer item = g_malloc0 (schema->size);

  for (const FieldSchema *field = schema->fields; field->name != NULL; field++)
    {
      switch (field->type)
        {
        case FIELD_NUMBER:
          *MEMBER (item, field, double) = NAN;
          break;
        case FIELD_COUNT:
          *MEMBER (item, field, int) = -1;
          break;
        case FIELD_ENUM:
          *MEMBER (item, field, int) = field->shift - 1;
          break;
        case FIELD_LIST:
          *MEMBER (item, field, GPtrArray *) = g_ptr_array_new ();
          break;
        case FIELD_STRINGS:
          *MEMBER (item, field, char **) = g_new0 (char *, 1);
          break;
        case FIELD_STRING:
        case FIELD_BOOLEAN:
        case FIELD_OBJECT:
        default:
          break;
        }
    }

  return item;
}

static void
free_object (const ObjectSchema *schema,
             gpointer            item)
{
  if (item == NULL)
    return;

  for (const FieldSchema *field = schema->fields; field->name != NULL; field++)
    {
      switch (field->type)
        {
        case FIELD_STRING:
          g_free (*MEMBER (item, field, char *));
          break;
        case FIELD_STRINGS:
          g_strfreev (*MEMBER (item, field, char **));
          break;
        case FIELD_OBJECT:
          free_object (field->object, *MEMBER (item, field, gpointer));
          break;
        case FIELD_LIST:
          {
            GPtrArray *list = *MEMBER (item, field, GPtrArray *);

            for (guint i = 0; list != NULL && i < list->len; i++)
              free_object (field->object, g_ptr_array_index (list, i));
            if (list != NULL)
              g_ptr_array_unref (list);
          }
          break;
        case FIELD_NUMBER:
        case FIELD_COUNT:
        case FIELD_ENUM:
        case FIELD_BOOLEAN:
        default:
          break;
        }
    }

  g_free (item);
}

void
ep_catalog_record_free (EpCatalogRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->cr_definition);
  g_free (record->mrd_definition);
  g_free (record->relapse_definition);
  free_object (&record_schema, record);
}

/* Reading */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  return json_node_get_node_type (node) == JSON_NODE_VALUE &&
         json_node_get_value_type (node) == type;
}

static const char *
expected_text (const FieldSchema *field)
{
  switch (field->type)
    {
    case FIELD_STRING:
    case FIELD_ENUM:
      return _("a string");
    case FIELD_NUMBER:
      return _("a number");
    case FIELD_COUNT:
      return _("an integer");
    case FIELD_BOOLEAN:
      return _("true or false");
    case FIELD_OBJECT:
      return _("an object");
    case FIELD_STRINGS:
    case FIELD_LIST:
    default:
      return _("an array");
    }
}

static gboolean
unknown_value (const EpCatalogContext *ctx,
               const char             *path,
               const FieldSchema      *field,
               const char             *text,
               GError                **error)
{
  g_autoptr(GString) allowed = g_string_new (NULL);

  for (int i = 0; field->values[i] != NULL; i++)
    g_string_append_printf (allowed, "%s“%s”", i > 0 ? ", " : "", field->values[i]);
  if (field->flags & NULLABLE)
    g_string_append (allowed, ", null");

  return ep_catalog_field_error (ctx, path, field->name, error, EP_CATALOG_ERROR_INVALID_VALUE,
                                 _("unknown value “%s” (allowed: %s)"), text, allowed->str);
}

static gboolean read_object (const EpCatalogContext *ctx,
                             const ObjectSchema     *schema,
                             JsonNode               *node,
                             const char             *path,
                             gpointer                item,
                             GError                **error);

static gpointer
read_new_object (const EpCatalogContext *ctx,
                 const ObjectSchema     *schema,
                 JsonNode               *node,
                 const char             *path,
                 GError                **error)
{
  gpointer item = new_object (schema);

  if (!read_object (ctx, schema, node, path, item, error))
    {
      free_object (schema, item);
      return NULL;
    }
  return item;
}

static gboolean
read_field (const EpCatalogContext *ctx,
            const FieldSchema      *field,
            JsonObject             *object,
            const char             *path,
            gpointer                item,
            GError                **error)
{
  JsonNode *node = json_object_get_member (object, field->name);

  if (node == NULL)
    {
      if (field->flags & REQUIRED)
        return ep_catalog_field_error (ctx, path, field->name, error,
                                       EP_CATALOG_ERROR_MISSING_FIELD,
                                       _("required field is missing"));
      return TRUE;
    }

  if (json_node_get_node_type (node) == JSON_NODE_NULL)
    {
      if (!(field->flags & NULLABLE))
        return ep_catalog_field_error (ctx, path, field->name, error, EP_CATALOG_ERROR_WRONG_TYPE,
                                       _("expected %s, found null"), expected_text (field));
      return TRUE;
    }

  switch (field->type)
    {
    case FIELD_STRING:
    case FIELD_ENUM:
      {
        const char *text;

        if (!node_is_type (node, G_TYPE_STRING))
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_WRONG_TYPE,
                                         _("expected a string, found %s"),
                                         ep_catalog_describe_node (node));
        text = json_node_get_string (node);
        if (!g_utf8_validate (text, -1, NULL))
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_INVALID_VALUE,
                                         _("the text is not valid UTF-8"));
        /* An empty string would display as a blank that looks like data; null says "not
         * given". */
        if (is_blank (text))
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_INVALID_VALUE,
                                         _("empty text (use null for a value the source does "
                                           "not give)"));
        if (field->values != NULL)
          {
            int index = -1;

            /* case-sensitive: the catalog is written in canonical spelling */
            for (int i = 0; field->values[i] != NULL; i++)
              if (strcmp (field->values[i], text) == 0)
                index = i;
            if (index < 0)
              return unknown_value (ctx, path, field, text, error);
            if (field->type == FIELD_ENUM)
              {
                *MEMBER (item, field, int) = index + field->shift;
                return TRUE;
              }
          }
        g_free (*MEMBER (item, field, char *));
        *MEMBER (item, field, char *) = g_strdup (text);
        return TRUE;
      }

    case FIELD_NUMBER:
      {
        double value;

        if (!node_is_type (node, G_TYPE_DOUBLE) && !node_is_type (node, G_TYPE_INT64))
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_WRONG_TYPE,
                                         _("expected a number, found %s"),
                                         ep_catalog_describe_node (node));
        value = json_node_get_double (node);
        if (!isfinite (value) || value < field->min || value > field->max)
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_INVALID_VALUE,
                                         _("%g is outside the allowed range %g to %g"),
                                         value, field->min, field->max);
        *MEMBER (item, field, double) = value;
        return TRUE;
      }

    case FIELD_COUNT:
      {
        gint64 value;

        if (!node_is_type (node, G_TYPE_INT64))
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_WRONG_TYPE,
                                         _("expected an integer, found %s"),
                                         node_is_type (node, G_TYPE_DOUBLE)
                                           ? _("a fractional number")
                                           : ep_catalog_describe_node (node));
        value = json_node_get_int (node);
        if (value < 0 || value > G_MAXINT)
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_INVALID_VALUE,
                                         /* long long: xgettext cannot see through
                                          * G_GINT64_FORMAT */
                                         _("%lld is not a valid count"), (long long) value);
        if (value < field->min)
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_INVALID_VALUE,
                                         _("%lld is below the least allowed value %g (use null "
                                           "when it is not reported)"),
                                         (long long) value, field->min);
        *MEMBER (item, field, int) = (int) value;
        return TRUE;
      }

    case FIELD_BOOLEAN:
      if (!node_is_type (node, G_TYPE_BOOLEAN))
        return ep_catalog_field_error (ctx, path, field->name, error, EP_CATALOG_ERROR_WRONG_TYPE,
                                       _("expected true or false, found %s"),
                                       ep_catalog_describe_node (node));
      *MEMBER (item, field, gboolean) = json_node_get_boolean (node);
      return TRUE;

    case FIELD_STRINGS:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        JsonArray *array;

        if (json_node_get_node_type (node) != JSON_NODE_ARRAY)
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_WRONG_TYPE,
                                         _("expected an array, found %s"),
                                         ep_catalog_describe_node (node));
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);
            g_autofree char *name = g_strdup_printf ("%s[%u]", field->name, i);

            if (!node_is_type (element, G_TYPE_STRING) ||
                is_blank (json_node_get_string (element)) ||
                !g_utf8_validate (json_node_get_string (element), -1, NULL))
              return ep_catalog_field_error (ctx, path, name, error, EP_CATALOG_ERROR_WRONG_TYPE,
                                             _("expected a non-empty string, found %s"),
                                             ep_catalog_describe_node (element));
            g_strv_builder_add (builder, json_node_get_string (element));
          }
        g_strfreev (*MEMBER (item, field, char **));
        *MEMBER (item, field, char **) = g_strv_builder_end (builder);
        return TRUE;
      }

    case FIELD_OBJECT:
      {
        g_autofree char *child_path = path != NULL ? g_strdup_printf ("%s.%s", path, field->name)
                                                   : g_strdup (field->name);
        gpointer child = read_new_object (ctx, field->object, node, child_path, error);

        if (child == NULL)
          return FALSE;
        *MEMBER (item, field, gpointer) = child;
        return TRUE;
      }

    case FIELD_LIST:
    default:
      {
        GPtrArray *list = *MEMBER (item, field, GPtrArray *);
        JsonArray *array;

        if (json_node_get_node_type (node) != JSON_NODE_ARRAY)
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_WRONG_TYPE,
                                         _("expected an array, found %s"),
                                         ep_catalog_describe_node (node));
        array = json_node_get_array (node);
        if (json_array_get_length (array) < (guint) field->min)
          return ep_catalog_field_error (ctx, path, field->name, error,
                                         EP_CATALOG_ERROR_MISSING_FIELD,
                                         g_dngettext (GETTEXT_PACKAGE,
                                                      "needs at least %u entry",
                                                      "needs at least %u entries",
                                                      (guint) field->min),
                                         (guint) field->min);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *child_path = path != NULL
                                            ? g_strdup_printf ("%s.%s[%u]", path, field->name, i)
                                            : g_strdup_printf ("%s[%u]", field->name, i);
            gpointer child = read_new_object (ctx, field->object,
                                              json_array_get_element (array, i), child_path,
                                              error);

            if (child == NULL)
              return FALSE;
            g_ptr_array_add (list, child);
          }
        return TRUE;
      }
    }
}

/* Rejects members the schema does not have: a typo ("cr_pc") must not silently become "not
 * reported". */
static gboolean
check_known_fields (const EpCatalogContext *ctx,
                    const ObjectSchema     *schema,
                    JsonObject             *object,
                    const char             *path,
                    GError                **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      gboolean known = FALSE;

      for (const FieldSchema *field = schema->fields; field->name != NULL && !known; field++)
        known = strcmp (field->name, name) == 0;
      if (!known)
        return ep_catalog_field_error (ctx, path, name, error, EP_CATALOG_ERROR_UNKNOWN_FIELD,
                                       _("not a field of the catalog schema"));
    }
  return TRUE;
}

static gboolean
read_object (const EpCatalogContext *ctx,
             const ObjectSchema     *schema,
             JsonNode               *node,
             const char             *path,
             gpointer                item,
             GError                **error)
{
  JsonObject *object;

  if (json_node_get_node_type (node) != JSON_NODE_OBJECT)
    return ep_catalog_field_error (ctx, path, NULL, error, EP_CATALOG_ERROR_WRONG_TYPE,
                                   _("expected an object, found %s"),
                                   ep_catalog_describe_node (node));
  object = json_node_get_object (node);

  if (!check_known_fields (ctx, schema, object, path, error))
    return FALSE;

  for (const FieldSchema *field = schema->fields; field->name != NULL; field++)
    if (!read_field (ctx, field, object, path, item, error))
      return FALSE;

  return schema->check == NULL || schema->check (ctx, item, path, error);
}

static gboolean
valid_id (const char *id)
{
  if (*id == '\0' || *id == '-')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

EpCatalogRecord *
ep_catalog_schema_read_record (EpCatalogContext  *ctx,
                               JsonNode          *node,
                               GError           **error)
{
  EpCatalogRecord *record;
  g_autofree char *id_copy = NULL;

  if (json_node_get_node_type (node) != JSON_NODE_OBJECT)
    {
      g_autofree char *label = g_strdup_printf (_("record %u"), ctx->index);

      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_WRONG_TYPE,
                   _("%s: %s: expected an object, found %s"),
                   ctx->display_name, label, ep_catalog_describe_node (node));
      return NULL;
    }
  record = new_object (&record_schema);

  /* The id first, so that every later message can name the record by it. */
  if (!read_field (ctx, &record_fields[0], json_node_get_object (node), NULL, record, error))
    goto fail;
  if (!valid_id (record->id))
    {
      ep_catalog_field_error (ctx, NULL, "id", error, EP_CATALOG_ERROR_INVALID_VALUE,
                              _("“%s” is not a valid id (lower-case letters, digits and “-”)"),
                              record->id);
      goto fail;
    }
  /* read_object() reads "id" again (replacing the string): messages use a copy */
  id_copy = g_strdup (record->id);
  ctx->id = id_copy;

  if (!read_object (ctx, &record_schema, node, NULL, record, error))
    goto fail;
  ctx->id = record->id;

  /* The table columns' shorthand. */
  record->cr_pct = record->cr != NULL ? record->cr->value : NAN;
  record->cr_definition = record->cr != NULL ? g_strdup (record->cr->definition->text) : NULL;
  record->mrd_neg_pct = record->mrd_negative != NULL ? record->mrd_negative->value : NAN;
  record->mrd_definition = record->mrd_negative != NULL
                             ? g_strdup (record->mrd_negative->definition->text) : NULL;
  record->relapse_pct = record->relapse != NULL ? record->relapse->value : NAN;
  record->relapse_definition = record->relapse != NULL
                                 ? g_strdup (record->relapse->definition->text) : NULL;
  return record;

fail:
  ctx->id = NULL;
  ep_catalog_record_free (record);
  return NULL;
}

/* Writing */

static void write_object (JsonBuilder        *builder,
                          const ObjectSchema *schema,
                          gconstpointer       item);

static void
write_members (JsonBuilder        *builder,
               const ObjectSchema *schema,
               gconstpointer       item)
{
  for (const FieldSchema *field = schema->fields; field->name != NULL; field++)
    {
      json_builder_set_member_name (builder, field->name);
      switch (field->type)
        {
        case FIELD_STRING:
          {
            const char *text = *MEMBER (item, field, char *);

            if (text != NULL)
              json_builder_add_string_value (builder, text);
            else
              json_builder_add_null_value (builder);
          }
          break;
        case FIELD_ENUM:
          {
            int index = *MEMBER (item, field, int) - field->shift;

            if (index >= 0)
              json_builder_add_string_value (builder, field->values[index]);
            else
              json_builder_add_null_value (builder);
          }
          break;
        case FIELD_NUMBER:
          {
            double value = *MEMBER (item, field, double);

            if (!isnan (value))
              json_builder_add_double_value (builder, value);
            else
              json_builder_add_null_value (builder);
          }
          break;
        case FIELD_COUNT:
          {
            int value = *MEMBER (item, field, int);

            if (value >= 0)
              json_builder_add_int_value (builder, value);
            else
              json_builder_add_null_value (builder);
          }
          break;
        case FIELD_BOOLEAN:
          json_builder_add_boolean_value (builder, *MEMBER (item, field, gboolean));
          break;
        case FIELD_STRINGS:
          {
            char **strings = *MEMBER (item, field, char **);

            json_builder_begin_array (builder);
            for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
              json_builder_add_string_value (builder, strings[i]);
            json_builder_end_array (builder);
          }
          break;
        case FIELD_OBJECT:
          {
            gconstpointer child = *MEMBER (item, field, gpointer);

            if (child != NULL)
              write_object (builder, field->object, child);
            else
              json_builder_add_null_value (builder);
          }
          break;
        case FIELD_LIST:
        default:
          {
            GPtrArray *list = *MEMBER (item, field, GPtrArray *);

            json_builder_begin_array (builder);
            for (guint i = 0; list != NULL && i < list->len; i++)
              write_object (builder, field->object, g_ptr_array_index (list, i));
            json_builder_end_array (builder);
          }
          break;
        }
    }
}

static void
write_object (JsonBuilder        *builder,
              const ObjectSchema *schema,
              gconstpointer       item)
{
  json_builder_begin_object (builder);
  write_members (builder, schema, item);
  json_builder_end_object (builder);
}

void
ep_catalog_record_write_members (const EpCatalogRecord *record,
                                 JsonBuilder           *builder)
{
  g_return_if_fail (record != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  write_members (builder, &record_schema, record);
}

char *
ep_catalog_write_data (GPtrArray  *records,
                       const char *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (records != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, EP_CATALOG_SCHEMA_VERSION);
  if (description != NULL)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
    }
  json_builder_set_member_name (builder, "trials");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    write_object (builder, &record_schema, g_ptr_array_index (records, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/* Documentation */

static const char *
schema_title (const ObjectSchema *schema)
{
  return schema->name;
}

static void
append_type (GString           *out,
             const FieldSchema *field)
{
  switch (field->type)
    {
    case FIELD_STRING:
    case FIELD_ENUM:
      if (field->values == NULL)
        {
          g_string_append (out, "string");
          break;
        }
      g_string_append (out, "one of ");
      for (int i = 0; field->values[i] != NULL; i++)
        g_string_append_printf (out, "%s`%s`", i > 0 ? ", " : "", field->values[i]);
      break;
    case FIELD_NUMBER:
      g_string_append_printf (out, "number %g to %g", field->min, field->max);
      break;
    case FIELD_COUNT:
      g_string_append_printf (out, "integer ≥ %g", field->min);
      break;
    case FIELD_BOOLEAN:
      g_string_append (out, "boolean (absent: false)");
      break;
    case FIELD_STRINGS:
      g_string_append (out, "array of strings");
      break;
    case FIELD_OBJECT:
      g_string_append_printf (out, "%s object", schema_title (field->object));
      break;
    case FIELD_LIST:
    default:
      g_string_append_printf (out, "array of %s", schema_title (field->object));
      if (field->min >= 1.0)
        g_string_append_printf (out, " (at least %g)", field->min);
      break;
    }
}

char *
ep_catalog_schema_markdown (void)
{
  GString *out = g_string_new (NULL);

  for (guint s = 0; all_schemas[s] != NULL; s++)
    {
      const ObjectSchema *schema = all_schemas[s];

      if (s > 0)
        g_string_append_printf (out, "\n### %s\n\n", schema_title (schema));
      g_string_append (out, "| field | type | required | null | meaning |\n"
                            "| --- | --- | --- | --- | --- |\n");
      for (const FieldSchema *field = schema->fields; field->name != NULL; field++)
        {
          g_string_append_printf (out, "| `%s` | ", field->name);
          append_type (out, field);
          g_string_append_printf (out, " | %s | %s | %s |\n",
                                  (field->flags & REQUIRED) ? "yes" : "no",
                                  (field->flags & NULLABLE) ? "yes" : "no",
                                  field->meaning);
        }
    }

  return g_string_free (out, FALSE);
}

/* A user's own arms: one record per JSON object text */

char *
ep_catalog_record_to_json (const EpCatalogRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  write_object (builder, &record_schema, record);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

char *
ep_catalog_record_json_id (const char *record_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (record_json != NULL, NULL);

  if (!json_parser_load_from_data (parser, record_json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "id") ||
      json_node_get_value_type (json_object_get_member (object, "id")) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_object_get_string_member (object, "id"));
}

char *
ep_catalog_records_json_document (const char * const *record_jsons,
                                  guint               n)
{
  GString *text = g_string_new ("{\"schema_version\": 2, \"trials\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s\n%s", i > 0 ? "," : "", record_jsons[i]);
  g_string_append (text, "]}");

  return g_string_free (text, FALSE);
}

GPtrArray *
ep_catalog_read_record_jsons (const char * const *record_jsons,
                              guint               n,
                              const char         *display_name,
                              GError            **error)
{
  g_autofree char *document = NULL;

  g_return_val_if_fail (n == 0 || record_jsons != NULL, NULL);

  /* each must be one JSON object on its own, so that the document cannot be spliced */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) local = NULL;
      JsonNode *root;

      if (!json_parser_load_from_data (parser, record_jsons[i], -1, &local) ||
          (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_PARSE,
                       _("%s: arm %u is not a JSON object%s%s"), display_name, i + 1,
                       local != NULL ? ": " : "", local != NULL ? local->message : "");
          return NULL;
        }
    }
  document = ep_catalog_records_json_document (record_jsons, n);
  return ep_catalog_read_data (document, -1, display_name, error);
}
