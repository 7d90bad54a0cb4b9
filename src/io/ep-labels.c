/* ep-labels.c: a cohort's labels (display names, value labels, level order) as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is in ep-labels.h. The text may come from a colleague's project or any file on
 * the command line, so it goes through ep_json_check() before json-glib sees it, and every
 * member is checked for its type.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "io/ep-json-check.h"
#include "io/ep-labels.h"

G_DEFINE_QUARK (ep-labels-error-quark, ep_labels_error)

void
ep_column_labels_free (EpColumnLabels *labels)
{
  if (labels == NULL)
    return;
  g_free (labels->column);
  g_free (labels->name);
  g_clear_pointer (&labels->levels, g_ptr_array_unref);
  g_free (labels);
}

static gboolean
invalid (GError    **error,
         const char *where,
         const char *column,
         const char *what)
{
  if (column != NULL)
    g_set_error (error, EP_LABELS_ERROR, EP_LABELS_ERROR_INVALID,
                 /* TRANSLATORS: labels.json: column "sex": "name" must be a string */
                 _("%s: column “%s”: %s"), where, column, what);
  else
    g_set_error (error, EP_LABELS_ERROR, EP_LABELS_ERROR_INVALID, "%s: %s", where, what);
  return FALSE;
}

static const char *
string_member (JsonObject *object,
               const char *member,
               gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, member);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (node);
}

static EpColumnLabels *
parse_column (const char *column,
              JsonNode   *node,
              const char *where,
              GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  EpColumnLabels *labels;
  JsonObject *object;
  JsonNode *levels;
  const char *name;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, where, column, _("expected an object with “name” and “levels”"));
      return NULL;
    }
  object = json_node_get_object (node);
  name = string_member (object, "name", &ok);
  if (!ok)
    {
      invalid (error, where, column, _("“name” must be a string"));
      return NULL;
    }

  labels = g_new0 (EpColumnLabels, 1);
  labels->column = g_strdup (column);
  labels->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;

  levels = json_object_get_member (object, "levels");
  if (levels != NULL && !JSON_NODE_HOLDS_NULL (levels))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (levels))
        {
          invalid (error, where, column, _("“levels” must be a list"));
          ep_column_labels_free (labels);
          return NULL;
        }
      array = json_node_get_array (levels);
      labels->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_value_label_free);
      for (guint k = 0; k < json_array_get_length (array); k++)
        {
          JsonNode *entry = json_array_get_element (array, k);
          const char *value, *label;
          g_autofree char *what = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (entry))
            {
              what = g_strdup_printf (_("level %u: expected an object with “value” and “label”"), k + 1);
              invalid (error, where, column, what);
              ep_column_labels_free (labels);
              return NULL;
            }
          value = string_member (json_node_get_object (entry), "value", &ok);
          if (!ok || value == NULL || *value == '\0')
            {
              what = g_strdup_printf (_("level %u: “value” must be a non-empty string"), k + 1);
              invalid (error, where, column, what);
              ep_column_labels_free (labels);
              return NULL;
            }
          label = string_member (json_node_get_object (entry), "label", &ok);
          if (!ok)
            {
              what = g_strdup_printf (_("level %u: “label” must be a string"), k + 1);
              invalid (error, where, column, what);
              ep_column_labels_free (labels);
              return NULL;
            }
          if (!g_hash_table_add (seen, (gpointer) value))
            {
              what = g_strdup_printf (_("level %u: the value “%s” is listed twice"), k + 1, value);
              invalid (error, where, column, what);
              ep_column_labels_free (labels);
              return NULL;
            }
          g_ptr_array_add (labels->levels,
                           ep_value_label_new (value, label != NULL && *label != '\0' ? label : NULL));
        }
    }

  return labels;
}

GPtrArray *
ep_labels_parse (const char  *text,
                 gssize       length,
                 const char  *where,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_column_labels_free);
  g_autofree char *message = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *root, *columns;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (where != NULL, NULL);

  if (!ep_json_check (text, length, EP_JSON_MAX_DEPTH, &message))
    {
      invalid (error, where, NULL, message != NULL ? message : _("not valid JSON"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, length, NULL))
    {
      invalid (error, where, NULL, _("not valid JSON"));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, where, NULL, _("expected an object with “columns”"));
      return NULL;
    }
  columns = json_object_get_member (json_node_get_object (root), "columns");
  if (columns == NULL || !JSON_NODE_HOLDS_OBJECT (columns))
    {
      invalid (error, where, NULL, _("expected an object with “columns”"));
      return NULL;
    }

  members = json_object_get_members (json_node_get_object (columns));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *column = l->data;
      EpColumnLabels *labels = parse_column (column,
                                             json_object_get_member (json_node_get_object (columns), column),
                                             where, error);

      if (labels == NULL)
        return NULL;
      g_ptr_array_add (result, labels);
    }

  return g_steal_pointer (&result);
}

GPtrArray *
ep_labels_read_file (const char  *path,
                     GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *basename = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  basename = g_path_get_basename (path);
  return ep_labels_parse (text, (gssize) length, basename, error);
}

const EpColumnLabels *
ep_labels_find (const GPtrArray *labels,
                const char      *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  for (guint k = 0; labels != NULL && k < labels->len; k++)
    {
      const EpColumnLabels *entry = g_ptr_array_index ((GPtrArray *) labels, k);

      if (strcmp (entry->column, column) == 0)
        return entry;
    }
  return NULL;
}

gboolean
ep_labels_apply (const GPtrArray *labels,
                 EpTable         *table,
                 const char      *where,
                 GError         **error)
{
  g_return_val_if_fail (table != NULL, FALSE);

  for (guint k = 0; labels != NULL && k < labels->len; k++)
    {
      const EpColumnLabels *entry = g_ptr_array_index ((GPtrArray *) labels, k);

      if (ep_table_find_column (table, entry->column) < 0)
        {
          g_set_error (error, EP_LABELS_ERROR, EP_LABELS_ERROR_NO_COLUMN,
                       _("%s: there is no column “%s”"), where, entry->column);
          return FALSE;
        }
    }

  for (guint k = 0; labels != NULL && k < labels->len; k++)
    {
      const EpColumnLabels *entry = g_ptr_array_index ((GPtrArray *) labels, k);
      EpTableColumn *column = ep_table_get_column (table, (guint) ep_table_find_column (table, entry->column));

      g_free (column->label);
      column->label = g_strdup (entry->name);
      g_clear_pointer (&column->value_labels, g_ptr_array_unref);
      if (entry->levels != NULL && entry->levels->len > 0)
        column->value_labels = ep_value_labels_copy (entry->levels);
    }
  return TRUE;
}

static gboolean
column_has_labels (const EpTableColumn *column)
{
  return (column->label != NULL && *column->label != '\0')
         || (column->value_labels != NULL && column->value_labels->len > 0);
}

gboolean
ep_labels_table_has_labels (const EpTable *table)
{
  g_return_val_if_fail (table != NULL, FALSE);

  for (guint j = 0; j < ep_table_get_n_columns (table); j++)
    if (column_has_labels (ep_table_get_column (table, j)))
      return TRUE;
  return FALSE;
}

JsonNode *
ep_labels_to_json (const EpTable *table)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (table != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  for (guint j = 0; j < ep_table_get_n_columns (table); j++)
    {
      const EpTableColumn *column = ep_table_get_column (table, j);

      if (!column_has_labels (column))
        continue;
      json_builder_set_member_name (builder, column->name);
      json_builder_begin_object (builder);
      if (column->label != NULL && *column->label != '\0')
        {
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, column->label);
        }
      if (column->value_labels != NULL && column->value_labels->len > 0)
        {
          json_builder_set_member_name (builder, "levels");
          json_builder_begin_array (builder);
          for (guint k = 0; k < column->value_labels->len; k++)
            {
              const EpValueLabel *e = g_ptr_array_index (column->value_labels, k);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "value");
              json_builder_add_string_value (builder, e->value);
              if (e->label != NULL)
                {
                  json_builder_set_member_name (builder, "label");
                  json_builder_add_string_value (builder, e->label);
                }
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
ep_labels_to_text (const EpTable *table)
{
  g_autoptr(JsonNode) root = ep_labels_to_json (table);

  return json_to_string (root, TRUE);
}

void
ep_labels_arrange_levels (const GPtrArray *value_labels,
                          EpLevels        *levels)
{
  g_autofree const char **order = NULL;
  g_autofree const char **labels = NULL;

  g_return_if_fail (levels != NULL);

  if (value_labels == NULL || value_labels->len == 0)
    return;
  order = g_new (const char *, value_labels->len);
  labels = g_new (const char *, value_labels->len);
  for (guint k = 0; k < value_labels->len; k++)
    {
      const EpValueLabel *e = g_ptr_array_index ((GPtrArray *) value_labels, k);

      order[k] = e->value;
      labels[k] = e->label;
    }
  ep_levels_arrange (levels, order, labels, value_labels->len);
}
