/* ep-catalog-reader.c: the trial catalog's JSON reader and validator
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema lives in docs/catalog.md; this file is its executable form. Each record is read by
 * a small table of field readers that know the field's JSON type, whether it is required,
 * whether null is allowed and its range, so that every rule produces the same kind of message:
 *   FILE: record "ID": field "PATH": WHAT
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "io/ep-catalog-reader.h"
#include "io/ep-file-check.h"
#include "io/ep-json-check.h"

G_DEFINE_QUARK (ep-catalog-error-quark, ep_catalog_error)

/* Enumerations: canonical spellings, in enum order. */

static const char * const drug_class_names[] = {
  "BiTE", "CAR T", "antibody-drug conjugate", "chemotherapy", "combination", NULL
};
static const char * const setting_names[] = {
  "r/r", "MRD-positive", "frontline", NULL
};
/* index 0 of the two below is "not reported", written as null in the JSON */
static const char * const population_names[] = {
  "pediatric", "AYA", "adult", "all ages", NULL
};
static const char * const ph_names[] = {
  "Ph-", "Ph+", "mixed", NULL
};
static const char * const endpoint_names[] = {
  "OS", "EFS", "RFS", "LFS", "PFS", "DFS", NULL
};
static const char * const endpoint_kind_names[] = {
  "median", "landmark", NULL
};
static const char * const toxicity_event_names[] = {
  "CRS", "neurotoxicity", NULL
};
static const char * const toxicity_grade_names[] = {
  "any", ">=3", "severe", "unspecified", NULL
};
static const char * const hr_timing_names[] = {
  "baseline", "postbaseline", NULL
};
static const char * const hr_analysis_names[] = {
  "univariate", "multivariate", NULL
};

static int
lookup_name (const char * const *names,
             const char          *text)
{
  if (text == NULL)
    return -1;

  for (int i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (names[i], text) == 0)
      return i;

  return -1;
}

const char *
ep_drug_class_to_string (EpDrugClass drug_class)
{
  g_return_val_if_fail (drug_class <= EP_DRUG_CLASS_COMBINATION, NULL);
  return drug_class_names[drug_class];
}

const char *
ep_trial_setting_to_string (EpTrialSetting setting)
{
  g_return_val_if_fail (setting <= EP_TRIAL_SETTING_FRONTLINE, NULL);
  return setting_names[setting];
}

const char *
ep_trial_population_to_string (EpTrialPopulation population)
{
  g_return_val_if_fail (population <= EP_TRIAL_POPULATION_ALL_AGES, NULL);
  if (population == EP_TRIAL_POPULATION_NOT_REPORTED)
    return NULL;
  return population_names[population - 1];
}

const char *
ep_ph_status_to_string (EpPhStatus ph)
{
  g_return_val_if_fail (ph <= EP_PH_STATUS_MIXED, NULL);
  if (ph == EP_PH_STATUS_NOT_REPORTED)
    return NULL;
  return ph_names[ph - 1];
}

const char *
ep_endpoint_kind_to_string (EpEndpointKind kind)
{
  g_return_val_if_fail (kind <= EP_ENDPOINT_KIND_LANDMARK, NULL);
  return endpoint_kind_names[kind];
}

gboolean
ep_drug_class_from_string (const char  *text,
                           EpDrugClass *drug_class)
{
  int i = lookup_name (drug_class_names, text);

  if (i < 0)
    return FALSE;
  if (drug_class != NULL)
    *drug_class = (EpDrugClass) i;
  return TRUE;
}

gboolean
ep_trial_setting_from_string (const char     *text,
                              EpTrialSetting *setting)
{
  int i = lookup_name (setting_names, text);

  if (i < 0)
    return FALSE;
  if (setting != NULL)
    *setting = (EpTrialSetting) i;
  return TRUE;
}

gboolean
ep_trial_population_from_string (const char        *text,
                                 EpTrialPopulation *population)
{
  int i = lookup_name (population_names, text);

  if (i < 0)
    return FALSE;
  if (population != NULL)
    *population = (EpTrialPopulation) (i + 1);
  return TRUE;
}

gboolean
ep_ph_status_from_string (const char *text,
                          EpPhStatus *ph)
{
  int i = lookup_name (ph_names, text);

  if (i < 0)
    return FALSE;
  if (ph != NULL)
    *ph = (EpPhStatus) (i + 1);
  return TRUE;
}

const char * const *
ep_drug_class_names (void)
{
  return drug_class_names;
}

const char * const *
ep_trial_setting_names (void)
{
  return setting_names;
}

const char * const *
ep_trial_population_names (void)
{
  return population_names;
}

const char * const *
ep_ph_status_names (void)
{
  return ph_names;
}

/* Freeing */

static void
endpoint_free (gpointer data)
{
  EpCatalogEndpoint *endpoint = data;

  g_free (endpoint->name);
  g_free (endpoint->follow_up_range);
  g_free (endpoint->subgroup);
  g_free (endpoint->note);
  g_free (endpoint);
}

static void
response_free (gpointer data)
{
  EpCatalogResponse *response = data;

  g_free (response->category);
  g_free (response->subgroup);
  g_free (response->note);
  g_free (response);
}

static void
incidence_free (gpointer data)
{
  EpCatalogIncidence *incidence = data;

  g_free (incidence->event);
  g_free (incidence->competing);
  g_free (incidence->subgroup);
  g_free (incidence->note);
  g_free (incidence);
}

static void
hazard_ratio_free (gpointer data)
{
  EpCatalogHazardRatio *hr = data;

  g_free (hr->outcome);
  g_free (hr->factor);
  g_free (hr->comparison);
  g_free (hr->timing);
  g_free (hr);
}

static void
toxicity_free (gpointer data)
{
  EpCatalogToxicity *toxicity = data;

  g_free (toxicity->event);
  g_free (toxicity->grade);
  g_free (toxicity->subgroup);
  g_free (toxicity->note);
  g_free (toxicity);
}

static void
reference_free (gpointer data)
{
  EpCatalogReference *reference = data;

  g_free (reference->citation);
  g_free (reference->doi);
  g_free (reference->pmid);
  g_free (reference->nct);
  g_free (reference->registry);
  g_free (reference);
}

static void
provenance_free (gpointer data)
{
  EpCatalogProvenance *provenance = data;

  g_free (provenance->source);
  g_free (provenance->location);
  g_free (provenance->note);
  g_free (provenance);
}

void
ep_catalog_record_free (EpCatalogRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->id);
  g_free (record->trial);
  g_strfreev (record->aliases);
  g_free (record->arm);
  g_free (record->agent);
  g_free (record->target);
  g_free (record->phase);
  g_free (record->design);
  g_free (record->age_range);
  g_free (record->cr_definition);
  g_free (record->mrd_definition);
  g_free (record->relapse_definition);
  g_clear_pointer (&record->endpoints, g_ptr_array_unref);
  g_clear_pointer (&record->responses, g_ptr_array_unref);
  g_clear_pointer (&record->cumulative_incidence, g_ptr_array_unref);
  g_clear_pointer (&record->hazard_ratios, g_ptr_array_unref);
  g_clear_pointer (&record->toxicity, g_ptr_array_unref);
  g_free (record->dosing);
  g_free (record->notes);
  g_clear_pointer (&record->references, g_ptr_array_unref);
  g_clear_pointer (&record->provenance, g_ptr_array_unref);
  g_free (record);
}

static EpCatalogRecord *
record_new (void)
{
  EpCatalogRecord *record = g_new0 (EpCatalogRecord, 1);

  record->n = -1;
  record->median_age = NAN;
  record->cr_pct = NAN;
  record->mrd_neg_pct = NAN;
  record->relapse_pct = NAN;
  record->endpoints = g_ptr_array_new_with_free_func (endpoint_free);
  record->responses = g_ptr_array_new_with_free_func (response_free);
  record->cumulative_incidence = g_ptr_array_new_with_free_func (incidence_free);
  record->hazard_ratios = g_ptr_array_new_with_free_func (hazard_ratio_free);
  record->toxicity = g_ptr_array_new_with_free_func (toxicity_free);
  record->references = g_ptr_array_new_with_free_func (reference_free);
  record->provenance = g_ptr_array_new_with_free_func (provenance_free);
  return record;
}

/* Validation context: which file and which record a message is about. */

typedef struct
{
  const char *display_name;
  guint       index;        /* of the record in "trials" */
  const char *id;           /* NULL until the record's id has been read */
} Context;

static char *
record_label (const Context *ctx)
{
  if (ctx->id != NULL)
    return g_strdup_printf (_("record “%s”"), ctx->id);
  return g_strdup_printf (_("record %u"), ctx->index);
}

/* "endpoints[2]" + "months" -> "endpoints[2].months" */
static char *
field_path (const char *prefix,
            const char *field)
{
  if (prefix == NULL)
    return g_strdup (field);
  if (field == NULL)
    return g_strdup (prefix);
  return g_strdup_printf ("%s.%s", prefix, field);
}

static gboolean field_error (const Context *ctx,
                             const char    *prefix,
                             const char    *field,
                             GError       **error,
                             int            code,
                             const char    *format,
                             ...) G_GNUC_PRINTF (6, 7);

static gboolean
field_error (const Context *ctx,
             const char    *prefix,
             const char    *field,
             GError       **error,
             int            code,
             const char    *format,
             ...)
{
  g_autofree char *label = record_label (ctx);
  g_autofree char *path = field_path (prefix, field);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: "trials.json: record “eliana”: field “n”: expected an integer, found a string" */
  g_set_error (error, EP_CATALOG_ERROR, code, _("%s: %s: field “%s”: %s"),
               ctx->display_name, label, path, what);
  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    default:
      return _("a value of unknown type");
    }
}

static gboolean
node_is_null (JsonNode *node)
{
  return json_node_get_node_type (node) == JSON_NODE_NULL;
}

static gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  return json_node_get_node_type (node) == JSON_NODE_VALUE &&
         json_node_get_value_type (node) == type;
}

typedef enum
{
  OPTIONAL = 0,   /* may be absent; absent means null */
  REQUIRED = 1,   /* must be present (possibly as an explicit null where nullable) */
} Presence;

typedef enum
{
  NOT_NULL = 0,
  NULLABLE = 1,
} Nullability;

/* Fetches a member, enforcing presence and nullability. *out is NULL when the member is absent
 * or null (and that is allowed). */
static gboolean
get_member (const Context *ctx,
            JsonObject    *object,
            const char    *prefix,
            const char    *field,
            Presence       presence,
            Nullability    nullable,
            const char    *expected,
            JsonNode     **out,
            GError       **error)
{
  JsonNode *node = json_object_get_member (object, field);

  *out = NULL;
  if (node == NULL)
    {
      if (presence == REQUIRED)
        return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_MISSING_FIELD,
                            _("required field is missing"));
      return TRUE;
    }

  if (node_is_null (node))
    {
      if (nullable == NOT_NULL)
        return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_WRONG_TYPE,
                            _("expected %s, found null"), expected);
      return TRUE;
    }

  *out = node;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
read_string (const Context *ctx,
             JsonObject    *object,
             const char    *prefix,
             const char    *field,
             Presence       presence,
             Nullability    nullable,
             char         **out,
             GError       **error)
{
  JsonNode *node;
  const char *text;

  if (!get_member (ctx, object, prefix, field, presence, nullable, _("a string"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!node_is_type (node, G_TYPE_STRING))
    return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_WRONG_TYPE,
                        _("expected a string, found %s"), describe_node (node));

  text = json_node_get_string (node);
  if (!g_utf8_validate (text, -1, NULL))
    return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_INVALID_VALUE,
                        _("the text is not valid UTF-8"));

  /* An empty string would display as a blank that looks like data; null says "not given". */
  if (is_blank (text))
    return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_INVALID_VALUE,
                        _("empty text (use null for a value the source does not give)"));

  g_free (*out);
  *out = g_strdup (text);
  return TRUE;
}

/* A number within [min, max]; NaN when null or absent. */
static gboolean
read_number (const Context *ctx,
             JsonObject    *object,
             const char    *prefix,
             const char    *field,
             Presence       presence,
             Nullability    nullable,
             double         min,
             double         max,
             double        *out,
             GError       **error)
{
  JsonNode *node;
  double value;

  *out = NAN;
  if (!get_member (ctx, object, prefix, field, presence, nullable, _("a number"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!node_is_type (node, G_TYPE_DOUBLE) && !node_is_type (node, G_TYPE_INT64))
    return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_WRONG_TYPE,
                        _("expected a number, found %s"), describe_node (node));

  value = json_node_get_double (node);
  if (!isfinite (value) || value < min || value > max)
    return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_INVALID_VALUE,
                        _("%g is outside the allowed range %g to %g"), value, min, max);

  *out = value;
  return TRUE;
}

/* A non-negative integer; -1 when null or absent. */
static gboolean
read_count (const Context *ctx,
            JsonObject    *object,
            const char    *prefix,
            const char    *field,
            Presence       presence,
            Nullability    nullable,
            int           *out,
            GError       **error)
{
  JsonNode *node;
  gint64 value;

  *out = -1;
  if (!get_member (ctx, object, prefix, field, presence, nullable, _("an integer"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!node_is_type (node, G_TYPE_INT64))
    return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_WRONG_TYPE,
                        _("expected an integer, found %s"),
                        node_is_type (node, G_TYPE_DOUBLE) ? _("a fractional number")
                                                           : describe_node (node));

  value = json_node_get_int (node);
  if (value < 0 || value > G_MAXINT)
    return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_INVALID_VALUE,
                        /* long long: xgettext cannot see through G_GINT64_FORMAT */
                        _("%lld is not a valid count"), (long long) value);

  *out = (int) value;
  return TRUE;
}

static gboolean
read_boolean (const Context *ctx,
              JsonObject    *object,
              const char    *prefix,
              const char    *field,
              gboolean      *out,
              GError       **error)
{
  JsonNode *node;

  *out = FALSE;
  if (!get_member (ctx, object, prefix, field, OPTIONAL, NOT_NULL, _("true or false"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!node_is_type (node, G_TYPE_BOOLEAN))
    return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_WRONG_TYPE,
                        _("expected true or false, found %s"), describe_node (node));

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* One of `names` (case-sensitive in the file: the catalog is written in canonical spelling).
 * *out is -1 when null or absent. */
static gboolean
read_enum (const Context      *ctx,
           JsonObject         *object,
           const char         *prefix,
           const char         *field,
           Presence            presence,
           Nullability         nullable,
           const char * const *names,
           int                *out,
           GError            **error)
{
  g_autofree char *text = NULL;

  *out = -1;
  if (!read_string (ctx, object, prefix, field, presence, nullable, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  for (int i = 0; names[i] != NULL; i++)
    {
      if (strcmp (names[i], text) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  {
    g_autoptr(GString) allowed = g_string_new (NULL);

    for (int i = 0; names[i] != NULL; i++)
      g_string_append_printf (allowed, "%s“%s”", i > 0 ? ", " : "", names[i]);
    if (nullable == NULLABLE)
      g_string_append (allowed, ", null");

    return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_INVALID_VALUE,
                        _("unknown value “%s” (allowed: %s)"), text, allowed->str);
  }
}

static gboolean
read_array (const Context *ctx,
            JsonObject    *object,
            const char    *prefix,
            const char    *field,
            Presence       presence,
            JsonArray    **out,
            GError       **error)
{
  JsonNode *node;

  *out = NULL;
  if (!get_member (ctx, object, prefix, field, presence, NOT_NULL, _("an array"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (json_node_get_node_type (node) != JSON_NODE_ARRAY)
    return field_error (ctx, prefix, field, error, EP_CATALOG_ERROR_WRONG_TYPE,
                        _("expected an array, found %s"), describe_node (node));

  *out = json_node_get_array (node);
  return TRUE;
}

/* The i-th element of an array field, which must be an object; *path becomes "field[i]". */
static gboolean
array_object (const Context *ctx,
              JsonArray     *array,
              const char    *prefix,
              const char    *field,
              guint          i,
              JsonObject   **out,
              char         **path,
              GError       **error)
{
  JsonNode *node = json_array_get_element (array, i);
  g_autofree char *element = g_strdup_printf ("%s[%u]", field, i);

  *out = NULL;
  *path = field_path (prefix, element);
  if (json_node_get_node_type (node) != JSON_NODE_OBJECT)
    return field_error (ctx, *path, NULL, error, EP_CATALOG_ERROR_WRONG_TYPE,
                        _("expected an object, found %s"), describe_node (node));

  *out = json_node_get_object (node);
  return TRUE;
}

/* Rejects members the schema does not have: a typo ("cr_pc") must not silently become "not
 * reported". */
static gboolean
check_known_fields (const Context      *ctx,
                    JsonObject         *object,
                    const char         *prefix,
                    const char * const *known,
                    GError            **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!g_strv_contains (known, name))
        return field_error (ctx, prefix, name, error, EP_CATALOG_ERROR_UNKNOWN_FIELD,
                            _("not a field of the catalog schema"));
    }

  return TRUE;
}

/* lower <= upper, and lower <= value <= upper when all are given. */
static gboolean
check_interval (const Context *ctx,
                const char    *prefix,
                double         value,
                double         lower,
                double         upper,
                GError       **error)
{
  if (isnan (lower) != isnan (upper))
    return field_error (ctx, prefix, isnan (lower) ? "ci_lower" : "ci_upper", error,
                        EP_CATALOG_ERROR_MISSING_FIELD,
                        _("a confidence interval needs both limits"));

  if (isnan (lower))
    return TRUE;

  if (lower > upper)
    return field_error (ctx, prefix, "ci_lower", error, EP_CATALOG_ERROR_INVALID_VALUE,
                        _("the lower limit %g is above the upper limit %g"), lower, upper);

  if (!isnan (value) && (value < lower || value > upper))
    return field_error (ctx, prefix, "ci_lower", error, EP_CATALOG_ERROR_INVALID_VALUE,
                        _("the estimate %g lies outside its interval %g to %g"),
                        value, lower, upper);

  return TRUE;
}

/* Nested objects */

static gboolean
read_endpoint (const Context *ctx,
               JsonObject    *object,
               const char    *path,
               GPtrArray     *endpoints,
               GError       **error)
{
  static const char * const known[] = {
    "name", "kind", "months", "value", "ci_lower", "ci_upper", "not_reached",
    "follow_up_months", "follow_up_range", "subgroup", "note", NULL
  };
  EpCatalogEndpoint *endpoint = g_new0 (EpCatalogEndpoint, 1);
  int name, kind;

  /* Owned by the array from here; on failure the caller frees it with the record. */
  g_ptr_array_add (endpoints, endpoint);
  if (!check_known_fields (ctx, object, path, known, error) ||
      !read_enum (ctx, object, path, "name", REQUIRED, NOT_NULL, endpoint_names, &name, error) ||
      !read_enum (ctx, object, path, "kind", REQUIRED, NOT_NULL, endpoint_kind_names, &kind, error))
    return FALSE;

  endpoint->name = g_strdup (endpoint_names[name]);
  endpoint->kind = (EpEndpointKind) kind;

  if (endpoint->kind == EP_ENDPOINT_KIND_LANDMARK)
    {
      if (!read_number (ctx, object, path, "months", REQUIRED, NOT_NULL, 0.0, 1200.0,
                        &endpoint->months, error) ||
          !read_number (ctx, object, path, "value", REQUIRED, NULLABLE, 0.0, 100.0,
                        &endpoint->value, error) ||
          !read_number (ctx, object, path, "ci_lower", OPTIONAL, NULLABLE, 0.0, 100.0,
                        &endpoint->ci_lower, error) ||
          !read_number (ctx, object, path, "ci_upper", OPTIONAL, NULLABLE, 0.0, 100.0,
                        &endpoint->ci_upper, error))
        return FALSE;
      if (endpoint->months <= 0.0)
        return field_error (ctx, path, "months", error, EP_CATALOG_ERROR_INVALID_VALUE,
                            _("a landmark time must be positive"));
    }
  else
    {
      JsonNode *months = json_object_get_member (object, "months");

      if (months != NULL && !node_is_null (months))
        return field_error (ctx, path, "months", error, EP_CATALOG_ERROR_INVALID_VALUE,
                            _("a median has no landmark time (omit “months”)"));
      endpoint->months = NAN;
      if (!read_number (ctx, object, path, "value", REQUIRED, NULLABLE, 0.0, 1200.0,
                        &endpoint->value, error) ||
          !read_number (ctx, object, path, "ci_lower", OPTIONAL, NULLABLE, 0.0, 1200.0,
                        &endpoint->ci_lower, error) ||
          !read_number (ctx, object, path, "ci_upper", OPTIONAL, NULLABLE, 0.0, 1200.0,
                        &endpoint->ci_upper, error))
        return FALSE;
    }

  if (!check_interval (ctx, path, endpoint->value, endpoint->ci_lower, endpoint->ci_upper, error) ||
      !read_boolean (ctx, object, path, "not_reached", &endpoint->not_reached, error) ||
      !read_number (ctx, object, path, "follow_up_months", OPTIONAL, NULLABLE, 0.0, 1200.0,
                    &endpoint->follow_up_months, error) ||
      !read_string (ctx, object, path, "follow_up_range", OPTIONAL, NULLABLE,
                    &endpoint->follow_up_range, error) ||
      !read_string (ctx, object, path, "subgroup", OPTIONAL, NULLABLE, &endpoint->subgroup, error) ||
      !read_string (ctx, object, path, "note", OPTIONAL, NULLABLE, &endpoint->note, error))
    return FALSE;

  if (endpoint->not_reached &&
      (endpoint->kind != EP_ENDPOINT_KIND_MEDIAN || !isnan (endpoint->value)))
    return field_error (ctx, path, "not_reached", error, EP_CATALOG_ERROR_INVALID_VALUE,
                        _("only a median with a null value can be “not reached”"));

  return TRUE;
}

static gboolean
read_response (const Context *ctx,
               JsonObject    *object,
               const char    *path,
               GPtrArray     *responses,
               GError       **error)
{
  static const char * const known[] = { "category", "n", "pct", "subgroup", "note", NULL };
  EpCatalogResponse *response = g_new0 (EpCatalogResponse, 1);

  g_ptr_array_add (responses, response);
  if (!check_known_fields (ctx, object, path, known, error) ||
      !read_string (ctx, object, path, "category", REQUIRED, NOT_NULL, &response->category, error) ||
      !read_count (ctx, object, path, "n", OPTIONAL, NULLABLE, &response->n, error) ||
      !read_number (ctx, object, path, "pct", OPTIONAL, NULLABLE, 0.0, 100.0, &response->pct, error) ||
      !read_string (ctx, object, path, "subgroup", OPTIONAL, NULLABLE, &response->subgroup, error) ||
      !read_string (ctx, object, path, "note", OPTIONAL, NULLABLE, &response->note, error))
    return FALSE;

  if (response->n < 0 && isnan (response->pct))
    return field_error (ctx, path, NULL, error, EP_CATALOG_ERROR_MISSING_FIELD,
                        _("a response needs “n”, “pct” or both"));

  return TRUE;
}

static gboolean
read_incidence (const Context *ctx,
                JsonObject    *object,
                const char    *path,
                GPtrArray     *incidences,
                GError       **error)
{
  static const char * const known[] = {
    "event", "months", "value", "ci_lower", "ci_upper", "competing", "subgroup", "note", NULL
  };
  EpCatalogIncidence *incidence = g_new0 (EpCatalogIncidence, 1);

  g_ptr_array_add (incidences, incidence);
  if (!check_known_fields (ctx, object, path, known, error) ||
      !read_string (ctx, object, path, "event", REQUIRED, NOT_NULL, &incidence->event, error) ||
      !read_number (ctx, object, path, "months", REQUIRED, NOT_NULL, 0.0, 1200.0,
                    &incidence->months, error) ||
      !read_number (ctx, object, path, "value", REQUIRED, NOT_NULL, 0.0, 100.0,
                    &incidence->value, error) ||
      !read_number (ctx, object, path, "ci_lower", OPTIONAL, NULLABLE, 0.0, 100.0,
                    &incidence->ci_lower, error) ||
      !read_number (ctx, object, path, "ci_upper", OPTIONAL, NULLABLE, 0.0, 100.0,
                    &incidence->ci_upper, error) ||
      !check_interval (ctx, path, incidence->value, incidence->ci_lower, incidence->ci_upper, error) ||
      !read_string (ctx, object, path, "competing", OPTIONAL, NULLABLE, &incidence->competing, error) ||
      !read_string (ctx, object, path, "subgroup", OPTIONAL, NULLABLE, &incidence->subgroup, error) ||
      !read_string (ctx, object, path, "note", OPTIONAL, NULLABLE, &incidence->note, error))
    return FALSE;

  return TRUE;
}

static gboolean
read_hazard_ratio (const Context *ctx,
                   JsonObject    *object,
                   const char    *path,
                   GPtrArray     *hazard_ratios,
                   GError       **error)
{
  static const char * const known[] = {
    "outcome", "factor", "comparison", "timing", "analysis", "hr", "ci_lower", "ci_upper", NULL
  };
  EpCatalogHazardRatio *hr = g_new0 (EpCatalogHazardRatio, 1);
  int outcome, timing, analysis;

  g_ptr_array_add (hazard_ratios, hr);
  if (!check_known_fields (ctx, object, path, known, error) ||
      !read_enum (ctx, object, path, "outcome", REQUIRED, NOT_NULL, endpoint_names, &outcome, error) ||
      !read_string (ctx, object, path, "factor", REQUIRED, NOT_NULL, &hr->factor, error) ||
      !read_string (ctx, object, path, "comparison", OPTIONAL, NULLABLE, &hr->comparison, error) ||
      !read_enum (ctx, object, path, "timing", OPTIONAL, NULLABLE, hr_timing_names, &timing, error) ||
      !read_enum (ctx, object, path, "analysis", REQUIRED, NOT_NULL, hr_analysis_names, &analysis, error) ||
      !read_number (ctx, object, path, "hr", REQUIRED, NOT_NULL, G_MINDOUBLE, G_MAXDOUBLE, &hr->hr, error) ||
      !read_number (ctx, object, path, "ci_lower", OPTIONAL, NULLABLE, G_MINDOUBLE, G_MAXDOUBLE,
                    &hr->ci_lower, error) ||
      !read_number (ctx, object, path, "ci_upper", OPTIONAL, NULLABLE, G_MINDOUBLE, G_MAXDOUBLE,
                    &hr->ci_upper, error) ||
      !check_interval (ctx, path, hr->hr, hr->ci_lower, hr->ci_upper, error))
    return FALSE;

  hr->outcome = g_strdup (endpoint_names[outcome]);
  hr->timing = timing >= 0 ? g_strdup (hr_timing_names[timing]) : NULL;
  hr->multivariate = analysis == 1;
  return TRUE;
}

static gboolean
read_toxicity (const Context *ctx,
               JsonObject    *object,
               const char    *path,
               GPtrArray     *toxicities,
               GError       **error)
{
  static const char * const known[] = { "event", "grade", "pct", "n", "subgroup", "note", NULL };
  EpCatalogToxicity *toxicity = g_new0 (EpCatalogToxicity, 1);
  int event, grade;

  g_ptr_array_add (toxicities, toxicity);
  if (!check_known_fields (ctx, object, path, known, error) ||
      !read_enum (ctx, object, path, "event", REQUIRED, NOT_NULL, toxicity_event_names, &event, error) ||
      !read_enum (ctx, object, path, "grade", REQUIRED, NOT_NULL, toxicity_grade_names, &grade, error) ||
      !read_number (ctx, object, path, "pct", OPTIONAL, NULLABLE, 0.0, 100.0, &toxicity->pct, error) ||
      !read_count (ctx, object, path, "n", OPTIONAL, NULLABLE, &toxicity->n, error) ||
      !read_string (ctx, object, path, "subgroup", OPTIONAL, NULLABLE, &toxicity->subgroup, error) ||
      !read_string (ctx, object, path, "note", OPTIONAL, NULLABLE, &toxicity->note, error))
    return FALSE;

  toxicity->event = g_strdup (toxicity_event_names[event]);
  toxicity->grade = g_strdup (toxicity_grade_names[grade]);

  if (toxicity->n < 0 && isnan (toxicity->pct))
    return field_error (ctx, path, NULL, error, EP_CATALOG_ERROR_MISSING_FIELD,
                        _("a toxicity needs “n”, “pct” or both"));

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
read_reference (const Context *ctx,
                JsonObject    *object,
                const char    *path,
                GPtrArray     *references,
                GError       **error)
{
  static const char * const known[] = { "citation", "doi", "pmid", "nct", "registry", NULL };
  EpCatalogReference *reference = g_new0 (EpCatalogReference, 1);

  g_ptr_array_add (references, reference);
  if (!check_known_fields (ctx, object, path, known, error) ||
      !read_string (ctx, object, path, "citation", REQUIRED, NOT_NULL, &reference->citation, error) ||
      !read_string (ctx, object, path, "doi", OPTIONAL, NULLABLE, &reference->doi, error) ||
      !read_string (ctx, object, path, "pmid", OPTIONAL, NULLABLE, &reference->pmid, error) ||
      !read_string (ctx, object, path, "nct", OPTIONAL, NULLABLE, &reference->nct, error) ||
      !read_string (ctx, object, path, "registry", OPTIONAL, NULLABLE, &reference->registry, error))
    return FALSE;

  /* DOIs are "10.<registrant>/<suffix>"; a URL or a "doi:" prefix would not resolve when the
   * page builds https://doi.org/<doi>. */
  if (reference->doi != NULL &&
      (!g_str_has_prefix (reference->doi, "10.") || strchr (reference->doi, '/') == NULL ||
       strchr (reference->doi, ' ') != NULL))
    return field_error (ctx, path, "doi", error, EP_CATALOG_ERROR_INVALID_VALUE,
                        _("“%s” is not a DOI (expected 10.xxxx/...)"), reference->doi);

  if (reference->pmid != NULL && !all_digits (reference->pmid, 1, 9))
    return field_error (ctx, path, "pmid", error, EP_CATALOG_ERROR_INVALID_VALUE,
                        _("“%s” is not a PubMed id"), reference->pmid);

  if (reference->nct != NULL &&
      (!g_str_has_prefix (reference->nct, "NCT") || !all_digits (reference->nct + 3, 8, 8)))
    return field_error (ctx, path, "nct", error, EP_CATALOG_ERROR_INVALID_VALUE,
                        _("“%s” is not a ClinicalTrials.gov number (NCT and 8 digits)"),
                        reference->nct);

  return TRUE;
}

static gboolean
read_provenance (const Context *ctx,
                 JsonObject    *object,
                 const char    *path,
                 GPtrArray     *provenance,
                 GError       **error)
{
  static const char * const known[] = { "source", "location", "note", NULL };
  EpCatalogProvenance *item = g_new0 (EpCatalogProvenance, 1);

  g_ptr_array_add (provenance, item);
  if (!check_known_fields (ctx, object, path, known, error) ||
      !read_string (ctx, object, path, "source", REQUIRED, NOT_NULL, &item->source, error) ||
      !read_string (ctx, object, path, "location", REQUIRED, NOT_NULL, &item->location, error) ||
      !read_string (ctx, object, path, "note", OPTIONAL, NULLABLE, &item->note, error))
    return FALSE;

  return TRUE;
}

typedef gboolean (*ReadItemFunc) (const Context *ctx,
                                  JsonObject    *object,
                                  const char    *path,
                                  GPtrArray     *items,
                                  GError       **error);

static gboolean
read_list (const Context *ctx,
           JsonObject    *object,
           const char    *field,
           Presence       presence,
           guint          min_length,
           ReadItemFunc   read_item,
           GPtrArray     *items,
           GError       **error)
{
  JsonArray *array;

  if (!read_array (ctx, object, NULL, field, presence, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  if (json_array_get_length (array) < min_length)
    return field_error (ctx, NULL, field, error, EP_CATALOG_ERROR_MISSING_FIELD,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "needs at least %u entry",
                                     "needs at least %u entries", min_length),
                        min_length);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *item = NULL;

      if (!array_object (ctx, array, NULL, field, i, &item, &path, error) ||
          !read_item (ctx, item, path, items, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_aliases (const Context *ctx,
              JsonObject    *object,
              char        ***out,
              GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!read_array (ctx, object, NULL, "aliases", OPTIONAL, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("aliases[%u]", i);

      if (!node_is_type (node, G_TYPE_STRING) || *json_node_get_string (node) == '\0')
        return field_error (ctx, NULL, path, error, EP_CATALOG_ERROR_WRONG_TYPE,
                            _("expected a non-empty string, found %s"), describe_node (node));
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
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

/* A percentage and its definition go together: a number without a definition cannot be
 * compared with another trial's. */
static gboolean
read_rate (const Context *ctx,
           JsonObject    *object,
           const char    *field,
           const char    *definition_field,
           double        *value,
           char         **definition,
           GError       **error)
{
  if (!read_number (ctx, object, NULL, field, REQUIRED, NULLABLE, 0.0, 100.0, value, error) ||
      !read_string (ctx, object, NULL, definition_field, OPTIONAL, NULLABLE, definition, error))
    return FALSE;

  if (!isnan (*value) && *definition == NULL)
    return field_error (ctx, NULL, definition_field, error, EP_CATALOG_ERROR_MISSING_FIELD,
                        _("required when “%s” is a number"), field);

  return TRUE;
}

static EpCatalogRecord *
read_record (Context    *ctx,
             JsonNode   *node,
             GError    **error)
{
  static const char * const known[] = {
    "id", "trial", "aliases", "arm", "agent", "class", "target", "phase", "design", "setting",
    "population", "ph", "n", "median_age", "age_range", "cr_pct", "cr_definition",
    "mrd_neg_pct", "mrd_definition", "relapse_pct", "relapse_definition", "endpoints",
    "responses", "cumulative_incidence", "hazard_ratios", "toxicity", "dosing", "notes",
    "references", "provenance", NULL
  };
  g_autoptr(EpCatalogRecord) record = record_new ();
  JsonObject *object;
  int drug_class, setting, population, ph;

  if (json_node_get_node_type (node) != JSON_NODE_OBJECT)
    {
      g_autofree char *label = record_label (ctx);

      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_WRONG_TYPE,
                   _("%s: %s: expected an object, found %s"),
                   ctx->display_name, label, describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);

  /* The id first, so that every later message can name the record by it. */
  if (!read_string (ctx, object, NULL, "id", REQUIRED, NOT_NULL, &record->id, error))
    return NULL;
  if (!valid_id (record->id))
    {
      field_error (ctx, NULL, "id", error, EP_CATALOG_ERROR_INVALID_VALUE,
                   _("“%s” is not a valid id (lower-case letters, digits and “-”)"), record->id);
      return NULL;
    }
  ctx->id = record->id;

  if (!check_known_fields (ctx, object, NULL, known, error) ||
      !read_string (ctx, object, NULL, "trial", REQUIRED, NOT_NULL, &record->trial, error) ||
      !read_aliases (ctx, object, &record->aliases, error) ||
      !read_string (ctx, object, NULL, "arm", REQUIRED, NOT_NULL, &record->arm, error) ||
      !read_string (ctx, object, NULL, "agent", REQUIRED, NOT_NULL, &record->agent, error) ||
      !read_enum (ctx, object, NULL, "class", REQUIRED, NOT_NULL, drug_class_names, &drug_class, error) ||
      !read_string (ctx, object, NULL, "target", OPTIONAL, NULLABLE, &record->target, error) ||
      !read_string (ctx, object, NULL, "phase", OPTIONAL, NULLABLE, &record->phase, error) ||
      !read_string (ctx, object, NULL, "design", OPTIONAL, NULLABLE, &record->design, error) ||
      !read_enum (ctx, object, NULL, "setting", REQUIRED, NOT_NULL, setting_names, &setting, error) ||
      !read_enum (ctx, object, NULL, "population", REQUIRED, NULLABLE, population_names, &population, error) ||
      !read_enum (ctx, object, NULL, "ph", REQUIRED, NULLABLE, ph_names, &ph, error) ||
      !read_count (ctx, object, NULL, "n", REQUIRED, NULLABLE, &record->n, error) ||
      !read_number (ctx, object, NULL, "median_age", OPTIONAL, NULLABLE, 0.0, 120.0,
                    &record->median_age, error) ||
      !read_string (ctx, object, NULL, "age_range", OPTIONAL, NULLABLE, &record->age_range, error) ||
      !read_rate (ctx, object, "cr_pct", "cr_definition",
                  &record->cr_pct, &record->cr_definition, error) ||
      !read_rate (ctx, object, "mrd_neg_pct", "mrd_definition",
                  &record->mrd_neg_pct, &record->mrd_definition, error) ||
      !read_rate (ctx, object, "relapse_pct", "relapse_definition",
                  &record->relapse_pct, &record->relapse_definition, error) ||
      !read_list (ctx, object, "endpoints", REQUIRED, 0, read_endpoint, record->endpoints, error) ||
      !read_list (ctx, object, "responses", OPTIONAL, 0, read_response, record->responses, error) ||
      !read_list (ctx, object, "cumulative_incidence", OPTIONAL, 0, read_incidence,
                  record->cumulative_incidence, error) ||
      !read_list (ctx, object, "hazard_ratios", OPTIONAL, 0, read_hazard_ratio,
                  record->hazard_ratios, error) ||
      !read_list (ctx, object, "toxicity", OPTIONAL, 0, read_toxicity, record->toxicity, error) ||
      !read_string (ctx, object, NULL, "dosing", OPTIONAL, NULLABLE, &record->dosing, error) ||
      !read_string (ctx, object, NULL, "notes", OPTIONAL, NULLABLE, &record->notes, error) ||
      !read_list (ctx, object, "references", REQUIRED, 1, read_reference, record->references, error) ||
      !read_list (ctx, object, "provenance", REQUIRED, 1, read_provenance, record->provenance, error))
    return NULL;

  record->drug_class = (EpDrugClass) drug_class;
  record->setting = (EpTrialSetting) setting;
  record->population = (EpTrialPopulation) (population + 1);   /* -1 (null) -> NOT_REPORTED */
  record->ph = (EpPhStatus) (ph + 1);

  if (record->n == 0)
    {
      field_error (ctx, NULL, "n", error, EP_CATALOG_ERROR_INVALID_VALUE,
                   _("an arm has at least one patient (use null when n is not reported)"));
      return NULL;
    }

  return g_steal_pointer (&record);
}

/* Reading */

GPtrArray *
ep_catalog_read_data (const char  *data,
                      gssize       length,
                      const char  *display_name,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  JsonObject *top;
  JsonArray *trials;
  Context ctx = { 0 };
  double version;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "trials.json";
  ctx.display_name = display_name;

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_PARSE,
                   _("%s: the file is not valid UTF-8"), display_name);
      return NULL;
    }

  /* strict JSON, nested at most EP_JSON_MAX_DEPTH deep, before json-glib's recursive parser */
  {
    g_autofree char *message = NULL;

    if (length > 0 && !ep_json_check (data, length, EP_JSON_MAX_DEPTH, &message))
      {
        g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_PARSE, "%s:%s",
                     display_name, message);
        return NULL;
      }
  }

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      /* json-glib says "<data>:LINE:COL: Parse error: ..."; name the file instead. */
      const char *message = parse_error->message;

      if (g_str_has_prefix (message, "<data>:"))
        g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_PARSE, "%s:%s",
                     display_name, message + strlen ("<data>:"));
      else
        g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_PARSE,
                     _("%s: not valid JSON: %s"), display_name, message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_PARSE,
                   _("%s: the file is empty"), display_name);
      return NULL;
    }

  if (json_node_get_node_type (root) != JSON_NODE_OBJECT)
    {
      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_SCHEMA,
                   _("%s: expected an object with “schema_version” and “trials”, found %s"),
                   display_name, describe_node (root));
      return NULL;
    }
  top = json_node_get_object (root);

  {
    static const char * const known[] = { "schema_version", "description", "trials", NULL };
    JsonObjectIter iter;
    const char *name;
    JsonNode *member;
    JsonNode *version_node = json_object_get_member (top, "schema_version");
    JsonNode *trials_node = json_object_get_member (top, "trials");

    json_object_iter_init (&iter, top);
    while (json_object_iter_next (&iter, &name, &member))
      {
        if (!g_strv_contains (known, name))
          {
            g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_UNKNOWN_FIELD,
                         _("%s: top-level field “%s” is not part of the catalog schema"),
                         display_name, name);
            return NULL;
          }
      }

    if (version_node == NULL || !node_is_type (version_node, G_TYPE_INT64))
      {
        g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_SCHEMA,
                     _("%s: “schema_version” is missing or not an integer"), display_name);
        return NULL;
      }
    version = json_node_get_int (version_node);
    if (version != EP_CATALOG_SCHEMA_VERSION)
      {
        g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_SCHEMA,
                     _("%s: schema version %g is not supported (this version reads %d)"),
                     display_name, version, EP_CATALOG_SCHEMA_VERSION);
        return NULL;
      }

    if (trials_node == NULL || json_node_get_node_type (trials_node) != JSON_NODE_ARRAY)
      {
        g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_SCHEMA,
                     _("%s: “trials” is missing or not an array"), display_name);
        return NULL;
      }
    trials = json_node_get_array (trials_node);
  }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_catalog_record_free);
  ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (trials); i++)
    {
      EpCatalogRecord *record;

      ctx.index = i;
      ctx.id = NULL;
      record = read_record (&ctx, json_array_get_element (trials, i), error);
      if (record == NULL)
        return NULL;

      if (g_hash_table_contains (ids, record->id))
        {
          g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_DUPLICATE_ID,
                       _("%s: record %u: field “id”: “%s” is already the id of another record"),
                       display_name, i, record->id);
          ep_catalog_record_free (record);
          return NULL;
        }

      g_ptr_array_add (records, record);
      g_hash_table_add (ids, record->id);
    }

  return g_steal_pointer (&records);
}

GPtrArray *
ep_catalog_read_bytes (GBytes      *bytes,
                       const char  *display_name,
                       GError     **error)
{
  gsize length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length > G_MAXSSIZE)
    {
      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_IO,
                   _("%s: the file is too large"), display_name);
      return NULL;
    }

  return ep_catalog_read_data (length > 0 ? data : "", (gssize) length, display_name, error);
}

GPtrArray *
ep_catalog_read_file (const char  *path,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display_name = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_path_get_basename (path);
  if (!ep_file_read_bounded (path, EP_FILE_MAX_CATALOG_BYTES, &contents, &length, &local_error))
    {
      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_IO,
                   "%s", local_error->message);
      return NULL;
    }

  if (length > G_MAXSSIZE)
    {
      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_IO,
                   _("%s: the file is too large"), display_name);
      return NULL;
    }

  return ep_catalog_read_data (contents, (gssize) length, display_name, error);
}
