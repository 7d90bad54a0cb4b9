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

#include "io/ep-catalog-schema-private.h"

G_DEFINE_QUARK (ep-catalog-error-quark, ep_catalog_error)

/* Enumerations: canonical spellings, in enum order (the tables are in ep-catalog-schema.c). */

#define drug_class_names ep_catalog_drug_class_names
#define setting_names ep_catalog_setting_names
#define population_names ep_catalog_population_names
#define ph_names ep_catalog_ph_names
#define endpoint_kind_names ep_catalog_endpoint_kind_names

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
  g_return_val_if_fail (kind <= EP_ENDPOINT_KIND_CRUDE, NULL);
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

/* Messages */

static char *
record_label (const EpCatalogContext *ctx)
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

gboolean
ep_catalog_field_error (const EpCatalogContext *ctx,
                        const char             *prefix,
                        const char             *field,
                        GError                **error,
                        int                     code,
                        const char             *format,
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

const char *
ep_catalog_describe_node (JsonNode *node)
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

#define describe_node ep_catalog_describe_node

static gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  return json_node_get_node_type (node) == JSON_NODE_VALUE &&
         json_node_get_value_type (node) == type;
}

/* Version 1 -> 2: a v1 record's flat "cr_pct" + "cr_definition" (and the MRD and relapse
 * pairs) become the v2 outcome objects "cr", "mrd_negative" and "relapse" with the value and
 * the definition's text; what v1 could not say (numerator, denominator kind, structured
 * definition, estimate kind) stays null. Everything else of v1 is valid v2. A member that is
 * missing in v1 stays missing, so the v2 validation reports it. */
static void
migrate_rate (JsonObject *record,
              const char *value_field,
              const char *definition_field,
              const char *outcome_field)
{
  JsonNode *value = json_object_get_member (record, value_field);
  JsonNode *definition = json_object_get_member (record, definition_field);
  gboolean value_null = value == NULL || JSON_NODE_HOLDS_NULL (value);
  gboolean definition_null = definition == NULL || JSON_NODE_HOLDS_NULL (definition);
  JsonObject *outcome;

  if (value == NULL && definition == NULL)
    return;

  if (value_null && definition_null)
    {
      json_object_set_null_member (record, outcome_field);
    }
  else
    {
      outcome = json_object_new ();
      json_object_set_member (outcome, "value",
                              value != NULL ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
      if (!definition_null)
        {
          JsonObject *text = json_object_new ();

          json_object_set_member (text, "text", json_node_copy (definition));
          json_object_set_object_member (outcome, "definition", text);
        }
      json_object_set_object_member (record, outcome_field, outcome);
    }

  if (value != NULL)
    json_object_remove_member (record, value_field);
  if (definition != NULL)
    json_object_remove_member (record, definition_field);
}

static void
migrate_v1_record (JsonNode *node)
{
  JsonObject *record;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  record = json_node_get_object (node);
  migrate_rate (record, "cr_pct", "cr_definition", "cr");
  migrate_rate (record, "mrd_neg_pct", "mrd_definition", "mrd_negative");
  migrate_rate (record, "relapse_pct", "relapse_definition", "relapse");
}

/* json-glib parses any depth recursively; an untrusted file must not be able to exhaust the
 * stack. Counts brackets outside strings before the parser sees the text. */
static gboolean
check_depth (const char *data,
             gsize       length,
             guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* Cross-record rules: "includes" and "comparisons[].versus" name records of the same file. */
static gboolean
check_links (GPtrArray   *records,
             GHashTable  *ids,
             const char  *display_name,
             GError     **error)
{
  for (guint i = 0; i < records->len; i++)
    {
      EpCatalogRecord *record = g_ptr_array_index (records, i);
      EpCatalogContext ctx = { display_name, i, record->id };

      for (guint k = 0; record->includes[k] != NULL; k++)
        if (!g_hash_table_contains (ids, record->includes[k]))
          {
            g_autofree char *path = g_strdup_printf ("includes[%u]", k);

            return ep_catalog_field_error (&ctx, NULL, path, error, EP_CATALOG_ERROR_INVALID_VALUE,
                                           _("“%s” is not the id of a record"),
                                           record->includes[k]);
          }

      for (guint k = 0; k < record->comparisons->len; k++)
        {
          const EpCatalogComparison *comparison = g_ptr_array_index (record->comparisons, k);

          if (!g_hash_table_contains (ids, comparison->versus))
            {
              g_autofree char *path = g_strdup_printf ("comparisons[%u]", k);

              return ep_catalog_field_error (&ctx, path, "versus", error,
                                             EP_CATALOG_ERROR_INVALID_VALUE,
                                             _("“%s” is not the id of a record"),
                                             comparison->versus);
            }
        }
    }
  return TRUE;
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
  EpCatalogContext ctx = { 0 };
  double version;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "trials.json";
  ctx.display_name = display_name;

  if (length < 0)
    length = strlen (data);

  if ((gsize) length > EP_CATALOG_MAX_BYTES)
    {
      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_IO,
                   _("%s: the file is too large (more than %d MiB)"), display_name,
                   EP_CATALOG_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  if (!check_depth (data, length, EP_CATALOG_MAX_DEPTH))
    {
      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_PARSE,
                   _("%s: the JSON nests deeper than %d levels"), display_name,
                   EP_CATALOG_MAX_DEPTH);
      return NULL;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_PARSE,
                   _("%s: the file is not valid UTF-8"), display_name);
      return NULL;
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
    if (version != 1 && version != EP_CATALOG_SCHEMA_VERSION)
      {
        g_set_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_SCHEMA,
                     _("%s: schema version %g is not supported (this version reads 1 and %d)"),
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
    if (version == 1)
      for (guint i = 0; i < json_array_get_length (trials); i++)
        migrate_v1_record (json_array_get_element (trials, i));
  }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_catalog_record_free);
  ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (trials); i++)
    {
      EpCatalogRecord *record;

      ctx.index = i;
      ctx.id = NULL;
      record = ep_catalog_schema_read_record (&ctx, json_array_get_element (trials, i), error);
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

  if (!check_links (records, ids, display_name, error))
    return NULL;

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
  if (!g_file_get_contents (path, &contents, &length, &local_error))
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
