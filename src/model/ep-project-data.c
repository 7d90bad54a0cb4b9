/* ep-project-data.c: a project as the plain data of the project store, and back
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The snapshot runs on the main thread: tables are copied, analyses kept as their options (a
 * JSON object), figures as their data source and look. The way back runs in the open worker
 * and checks everything before it builds anything; a file that does not hold together is an
 * EP_PROJECT_ERROR_INVALID naming the file and the part.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "model/ep-cohort-column-private.h"
#include "model/ep-figure-source.h"
#include "model/ep-project-private.h"

/* Conversion to the store's plain data (on the main thread) */

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  g_type_class_unref (klass);
  g_return_val_if_fail (enum_value != NULL, "none");
  return enum_value->value_nick;
}

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value_by_nick (klass, nick);

  if (enum_value != NULL)
    *value = enum_value->value;
  g_type_class_unref (klass);
  return enum_value != NULL;
}

static EpProjectCohort *
cohort_to_data (EpCohort *cohort)
{
  const EpTable *table = ep_cohort_get_table (cohort);
  EpTable *copy = ep_table_new (table->n_rows);
  g_autoptr(GPtrArray) roles = g_ptr_array_new ();
  GListModel *endpoints = ep_cohort_get_endpoints (cohort);
  EpProjectCohort *data;

  for (guint j = 0; j < ep_table_get_n_columns (table); j++)
    {
      EpCohortColumn *column = ep_cohort_get_column (cohort, j);

      g_ptr_array_add (copy->columns, ep_table_column_copy (ep_table_get_column (table, j)));
      g_ptr_array_add (roles, (gpointer) enum_nick (EP_TYPE_COLUMN_ROLE,
                                                    ep_cohort_column_get_role (column)));
    }
  g_ptr_array_add (roles, NULL);

  data = ep_project_cohort_new (ep_cohort_get_name (cohort), copy,
                                (const char * const *) roles->pdata);
  for (guint k = 0; k < g_list_model_get_n_items (endpoints); k++)
    {
      g_autoptr(EpCohortEndpoint) endpoint = g_list_model_get_item (endpoints, k);

      g_ptr_array_add (data->endpoints,
                       ep_project_endpoint_new (ep_cohort_endpoint_get_name (endpoint),
                                                enum_nick (EP_TYPE_ENDPOINT_SOURCE,
                                                           ep_cohort_endpoint_get_source (endpoint)),
                                                ep_cohort_endpoint_get_time_column (endpoint),
                                                ep_cohort_endpoint_get_start_column (endpoint),
                                                ep_cohort_endpoint_get_end_column (endpoint),
                                                ep_cohort_endpoint_get_event_column (endpoint),
                                                ep_cohort_endpoint_get_event_codes (endpoint),
                                                enum_nick (EP_TYPE_TIME_UNIT,
                                                           ep_cohort_endpoint_get_unit (endpoint))));
    }
  return data;
}

/* An a{sv} of strings, string lists, doubles and double lists as a JSON object: the types are
 * those of ep_analysis_to_variant() and come back from their JSON form (see analysis_from_item). */
static char *
vardict_to_json (GVariant *dict)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  json_builder_begin_object (builder);
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          json_builder_set_member_name (builder, key);
          json_builder_add_string_value (builder, g_variant_get_string (value, NULL));
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        {
          json_builder_set_member_name (builder, key);
          json_builder_add_double_value (builder, g_variant_get_double (value));
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_autofree const char **strv = g_variant_get_strv (value, NULL);

          json_builder_set_member_name (builder, key);
          json_builder_begin_array (builder);
          for (guint k = 0; strv[k] != NULL; k++)
            json_builder_add_string_value (builder, strv[k]);
          json_builder_end_array (builder);
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE ("ad")))
        {
          gsize n = 0;
          const double *values = g_variant_get_fixed_array (value, &n, sizeof (double));

          json_builder_set_member_name (builder, key);
          json_builder_begin_array (builder);
          for (gsize k = 0; k < n; k++)
            json_builder_add_double_value (builder, values[k]);
          json_builder_end_array (builder);
        }
      else
        g_critical ("analysis option “%s” of type %s cannot be saved", key,
                    g_variant_get_type_string (value));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

EpProjectData *
_ep_project_snapshot (EpProject *self)
{
  EpProjectData *data = ep_project_data_new ();
  GListModel *cohorts = G_LIST_MODEL (self->cohorts);
  GListModel *analyses = G_LIST_MODEL (self->analyses);

  data->created = self->created != NULL ? g_date_time_ref (self->created) : NULL;
  /* written only when not the defaults, so other projects' files are as before */
  if (self->figure_language != EP_PLOT_LANGUAGE_EN)
    data->figure_language = g_strdup (ep_plot_language_to_string (self->figure_language));
  if (self->figure_decimal_mark != EP_PLOT_DECIMAL_AUTO)
    data->figure_decimal_mark = g_strdup (ep_plot_decimal_mark_to_string (self->figure_decimal_mark));

  for (guint k = 0; k < g_list_model_get_n_items (cohorts); k++)
    {
      g_autoptr(EpCohort) cohort = g_list_model_get_item (cohorts, k);
      g_ptr_array_add (data->cohorts, cohort_to_data (cohort));
    }

  for (guint k = 0; k < g_list_model_get_n_items (analyses); k++)
    {
      g_autoptr(EpAnalysis) analysis = g_list_model_get_item (analyses, k);
      g_autoptr(GVariant) options = g_variant_ref_sink (ep_analysis_to_variant (analysis));
      g_autofree char *json = vardict_to_json (options);
      EpCohort *cohort = g_hash_table_lookup (self->analysis_cohort, analysis);
      EpProjectItem *item;

      item = ep_project_item_new (ep_analysis_get_id (analysis),
                                  ep_analysis_kind_to_string (ep_analysis_get_kind (analysis)),
                                  cohort != NULL ? ep_cohort_get_name (cohort) : NULL,
                                  json);
      /* The result with the fingerprint of the data it was computed from: a stale one is
       * stored too, and its fingerprint tells the next open to compute it again. */
      if (ep_analysis_get_fingerprint (analysis) != NULL)
        {
          item->result = ep_analysis_results_to_json (analysis);
          if (item->result != NULL)
            item->fingerprint = g_strdup (ep_analysis_get_fingerprint (analysis));
        }
      g_ptr_array_add (data->analyses, item);
    }

  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->figures)); k++)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (G_LIST_MODEL (self->figures), k);
      FigureEntry *entry = g_hash_table_lookup (self->figure_entries, figure);
      g_autoptr(JsonNode) options = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      g_autofree char *text = NULL;

      /* {"source": {...}, "figure": ep_figure_to_json ()} */
      json_object_set_object_member (object, "source", json_object_ref (entry->source));
      json_object_set_member (object, "figure", ep_figure_to_json (figure));
      json_node_take_object (options, object);
      text = json_to_string (options, FALSE);
      g_ptr_array_add (data->figures,
                       ep_project_item_new (entry->name,
                                            enum_nick (EP_TYPE_FIGURE_KIND, ep_figure_get_kind (figure)),
                                            ep_figure_source_get_cohort (entry->source), text));
    }

  for (guint k = 0; k < self->selections->len; k++)
    {
      const EpProjectSelection *selection = g_ptr_array_index (self->selections, k);
      g_ptr_array_add (data->selections,
                       ep_project_selection_new (selection->name,
                                                 (const char * const *) selection->trial_ids,
                                                 selection->options));
    }
  for (guint k = 0; k < self->user_trials->len; k++)
    g_ptr_array_add (data->user_trials, g_strdup (g_ptr_array_index (self->user_trials, k)));

  for (guint k = 0; k < self->digitized->len; k++)
    g_ptr_array_add (data->digitized, ep_project_digitized_copy (g_ptr_array_index (self->digitized, k)));
  data->combined_cohorts = _ep_project_combined_to_text (self);

  return data;
}

/* Conversion from the store's plain data (in the worker) */

static gboolean
find_digitized_name (EpProject  *self,
                     const char *name)
{
  return ep_project_find_digitized (self, name) != NULL;
}

static gboolean
project_invalid (GError     **error,
                 const char  *display,
                 const char  *format,
                 ...) G_GNUC_PRINTF (3, 4);

static gboolean
project_invalid (GError     **error,
                 const char  *display,
                 const char  *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, EP_PROJECT_ERROR, EP_PROJECT_ERROR_INVALID, "%s: %s", display, message);
  return FALSE;
}

static EpCohort *
cohort_from_data (EpProjectCohort  *data,
                  const char       *display,
                  GError          **error)
{
  g_autoptr(EpCohort) cohort = NULL;
  guint n_columns = ep_table_get_n_columns (data->table);
  GListStore *endpoints;

  /* Check everything before building anything. */
  for (guint j = 0; j < n_columns; j++)
    {
      int role;

      if (!enum_from_nick (EP_TYPE_COLUMN_ROLE, data->roles[j], &role))
        {
          project_invalid (error, display, _("cohort “%s”, column “%s”: unknown role “%s”"),
                           data->name, ep_table_get_column (data->table, j)->name, data->roles[j]);
          return NULL;
        }
    }
  for (guint k = 0; k < data->endpoints->len; k++)
    {
      const EpProjectEndpoint *e = g_ptr_array_index (data->endpoints, k);
      const char *columns[] = { e->time_column, e->start_column, e->end_column, e->event_column };
      int source, unit;

      if (!enum_from_nick (EP_TYPE_ENDPOINT_SOURCE, e->source, &source) ||
          !enum_from_nick (EP_TYPE_TIME_UNIT, e->unit, &unit))
        {
          project_invalid (error, display, _("cohort “%s”, endpoint “%s”: unknown source “%s” or "
                                             "unit “%s”"), data->name, e->name, e->source, e->unit);
          return NULL;
        }
      if (e->name == NULL || *e->name == '\0')
        {
          project_invalid (error, display, _("cohort “%s”: an endpoint has no name"), data->name);
          return NULL;
        }
      if (e->event_column == NULL ||
          (source == EP_ENDPOINT_FROM_TIME && e->time_column == NULL) ||
          (source == EP_ENDPOINT_FROM_DATES && (e->start_column == NULL || e->end_column == NULL)))
        {
          project_invalid (error, display, _("cohort “%s”, endpoint “%s”: a column is missing"),
                           data->name, e->name);
          return NULL;
        }
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        if (columns[c] != NULL && ep_table_find_column (data->table, columns[c]) < 0)
          {
            project_invalid (error, display, _("cohort “%s”, endpoint “%s”: there is no column “%s”"),
                             data->name, e->name, columns[c]);
            return NULL;
          }
    }

  cohort = ep_cohort_new_from_table (data->name, g_steal_pointer (&data->table));
  /* Roles and endpoints as they were saved, not as edits: the undo stack starts empty. */
  for (guint j = 0; j < n_columns; j++)
    {
      int role = EP_COLUMN_ROLE_NONE;

      enum_from_nick (EP_TYPE_COLUMN_ROLE, data->roles[j], &role);
      ep_cohort_column_set_role (ep_cohort_get_column (cohort, j), role);
    }
  endpoints = G_LIST_STORE (ep_cohort_get_endpoints (cohort));
  for (guint k = 0; k < data->endpoints->len; k++)
    {
      const EpProjectEndpoint *e = g_ptr_array_index (data->endpoints, k);
      g_autoptr(EpCohortEndpoint) endpoint = NULL;
      int source = 0, unit = 0;

      enum_from_nick (EP_TYPE_ENDPOINT_SOURCE, e->source, &source);
      enum_from_nick (EP_TYPE_TIME_UNIT, e->unit, &unit);
      if (source == EP_ENDPOINT_FROM_TIME)
        endpoint = ep_cohort_endpoint_new_time (e->name, e->time_column, e->event_column,
                                                (const char * const *) e->event_codes, unit);
      else
        endpoint = ep_cohort_endpoint_new_dates (e->name, e->start_column, e->end_column,
                                                 e->event_column,
                                                 (const char * const *) e->event_codes, unit);
      g_list_store_append (endpoints, endpoint);
    }

  return g_steal_pointer (&cohort);
}

/* The JSON of vardict_to_json() back to an a{sv}: strings, numbers (as doubles), arrays of
 * strings or of numbers; an empty array is left out (every list option defaults to empty). */
static GVariant *
vardict_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GVariantBuilder builder;
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_variant_builder_add (&builder, "{sv}", key,
                               g_variant_new_string (json_node_get_string (node)));
      else if (JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                                                json_node_get_value_type (node) == G_TYPE_INT64))
        g_variant_builder_add (&builder, "{sv}", key,
                               g_variant_new_double (json_node_get_double (node)));
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint n = json_array_get_length (array);
          gboolean strings = TRUE, numbers = TRUE;

          if (n == 0)
            continue;
          for (guint k = 0; k < n; k++)
            {
              JsonNode *element = json_array_get_element (array, k);
              GType type = JSON_NODE_HOLDS_VALUE (element) ? json_node_get_value_type (element)
                                                           : G_TYPE_INVALID;

              strings = strings && type == G_TYPE_STRING;
              numbers = numbers && (type == G_TYPE_DOUBLE || type == G_TYPE_INT64);
            }
          if (strings)
            {
              g_autoptr(GPtrArray) strv = g_ptr_array_new ();

              for (guint k = 0; k < n; k++)
                g_ptr_array_add (strv, (gpointer) json_array_get_string_element (array, k));
              g_variant_builder_add (&builder, "{sv}", key,
                                     g_variant_new_strv ((const char * const *) strv->pdata, n));
            }
          else if (numbers)
            {
              g_autofree double *values = g_new (double, n);

              for (guint k = 0; k < n; k++)
                values[k] = json_array_get_double_element (array, k);
              g_variant_builder_add (&builder, "{sv}", key,
                                     g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, values, n,
                                                                sizeof (double)));
            }
          else
            {
              g_variant_builder_clear (&builder);
              return NULL;
            }
        }
      else
        {
          g_variant_builder_clear (&builder);
          return NULL;
        }
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

EpProject *
_ep_project_new_from_data (EpProjectData  *data,
                           GFile          *file,
                           GError        **error)
{
  g_autoptr(EpProject) self = ep_project_new ();
  g_autofree char *display = g_file_get_basename (file);

  for (guint k = 0; k < data->cohorts->len; k++)
    {
      EpProjectCohort *cohort_data = g_ptr_array_index (data->cohorts, k);
      g_autoptr(EpCohort) cohort = NULL;

      if (ep_project_find_cohort (self, cohort_data->name) != NULL)
        {
          project_invalid (error, display, _("two cohorts are named “%s”"), cohort_data->name);
          return NULL;
        }
      cohort = cohort_from_data (cohort_data, display, error);
      if (cohort == NULL)
        return NULL;
      _ep_project_watch_cohort (self, cohort);
      g_list_store_append (self->cohorts, cohort);
    }

  for (guint k = 0; k < data->analyses->len; k++)
    {
      const EpProjectItem *item = g_ptr_array_index (data->analyses, k);
      g_autoptr(GVariant) options = vardict_from_json (item->options);
      g_autoptr(EpAnalysis) analysis = NULL;
      g_autoptr(GError) local_error = NULL;
      EpCohort *cohort = item->source != NULL ? ep_project_find_cohort (self, item->source) : NULL;

      if (cohort == NULL)
        {
          project_invalid (error, display, _("analysis “%s”: there is no cohort “%s”"), item->name,
                           item->source != NULL ? item->source : "");
          return NULL;
        }
      if (options != NULL)
        analysis = ep_analysis_new_from_variant (options, &local_error);
      if (analysis == NULL)
        {
          project_invalid (error, display, _("analysis “%s”: %s"), item->name,
                           local_error != NULL ? local_error->message
                                               : _("the options are not those of an analysis"));
          return NULL;
        }
      /* An id from the file (version 1 files have descriptions there: kept when unique). */
      ep_analysis_set_id (analysis, item->name);
      _ep_project_give_id (self, analysis);
      if (item->result != NULL && item->fingerprint != NULL)
        {
          g_autofree char *where = g_strdup_printf ("%s: analysis %u", display, k + 1);
          g_autoptr(GError) result_error = NULL;

          if (!ep_analysis_restore_results (analysis, item->result, item->fingerprint, where,
                                            &result_error))
            g_ptr_array_insert (self->open_notes, self->open_notes->len - 1,
                                g_strdup_printf (_("%s; it is computed again."),
                                                 result_error->message));
        }
      g_hash_table_insert (self->analysis_cohort, analysis, cohort);
      g_list_store_append (self->analyses, analysis);
    }

  for (guint k = 0; k < data->figures->len; k++)
    {
      const EpProjectItem *item = g_ptr_array_index (data->figures, k);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) local_error = NULL;
      JsonObject *options = NULL, *source = NULL;
      JsonNode *look = NULL;
      EpFigure *figure = NULL;

      /* the store checked that options is a JSON object */
      if (json_parser_load_from_data (parser, item->options, -1, NULL))
        options = json_node_get_object (json_parser_get_root (parser));
      if (options != NULL && json_object_has_member (options, "source") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (options, "source")))
        source = json_object_get_object_member (options, "source");
      if (options != NULL)
        look = json_object_get_member (options, "figure");
      if (source == NULL || look == NULL)
        {
          project_invalid (error, display, _("figure “%s”: no data source or options"), item->name);
          return NULL;
        }
      if (ep_project_find_figure (self, item->name) != NULL)
        {
          project_invalid (error, display, _("two figures are named “%s”"), item->name);
          return NULL;
        }
      figure = _ep_project_add_figure (self, item->name, source, &local_error);
      if (figure == NULL || !ep_figure_load_json (figure, look, &local_error))
        {
          project_invalid (error, display, _("figure “%s”: %s"), item->name, local_error->message);
          return NULL;
        }
      /* as saved: the start of its undo history */
      ep_project_settle_figure (self, figure);
    }
  g_ptr_array_extend_and_steal (self->selections, g_steal_pointer (&data->selections));
  data->selections = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_selection_free);
  g_ptr_array_extend_and_steal (self->user_trials, g_steal_pointer (&data->user_trials));
  data->user_trials = g_ptr_array_new_with_free_func (g_free);
  /* A reconstructed cohort named by a curve must exist; a curve naming a missing one only
   * loses the link (the points stay). */
  for (guint k = 0; k < data->digitized->len; k++)
    {
      EpProjectDigitized *digitized = g_ptr_array_index (data->digitized, k);

      if (find_digitized_name (self, digitized->name))
        {
          project_invalid (error, display, _("two digitized figures are named “%s”"),
                           digitized->name);
          return NULL;
        }
      for (guint c = 0; c < digitized->curves->len; c++)
        {
          EpProjectCurve *curve = g_ptr_array_index (digitized->curves, c);

          if (curve->cohort != NULL && ep_project_find_cohort (self, curve->cohort) == NULL)
            g_clear_pointer (&curve->cohort, g_free);
        }
      g_ptr_array_add (self->digitized, g_steal_pointer (&g_ptr_array_index (data->digitized, k)));
    }
  g_ptr_array_set_free_func (data->digitized, NULL);
  g_ptr_array_set_size (data->digitized, 0);
  g_ptr_array_set_free_func (data->digitized, (GDestroyNotify) ep_project_digitized_free);
  /* the cohorts combined from the user's patients and a published arm, marked again */
  _ep_project_combined_from_text (self, data->combined_cohorts);
  /* the published arms set beside Kaplan-Meier figures: their cohorts and curves are back */
  _ep_project_restore_overlays (self);
  _ep_project_mark_reconstructed_figures (self);

  /* Bind every analysis to its cohort: a stored result whose fingerprint matches the data
   * stays as it is (nothing is computed); any other one is brought up to date in the
   * background, and the user is told. */
  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->analyses)); k++)
    {
      g_autoptr(EpAnalysis) analysis = g_list_model_get_item (G_LIST_MODEL (self->analyses), k);
      gboolean had_result = ep_analysis_has_results (analysis);

      ep_analysis_bind_cohort (analysis, g_hash_table_lookup (self->analysis_cohort, analysis));
      if (had_result && ep_analysis_get_state (analysis) == EP_ANALYSIS_STATE_STALE)
        {
          g_autofree char *title = ep_analysis_describe (analysis);

          g_ptr_array_insert (self->open_notes, self->open_notes->len - 1,
                              g_strdup_printf (_("The saved result of “%s” did not match the data "
                                                 "(a file written by another version, or a "
                                                 "changed row); it is computed again."), title));
        }
      else if (!had_result)
        ep_analysis_refresh (analysis);
    }

  /* what the store repaired (dates out of range read as missing) */
  for (guint k = 0; k < data->notes->len; k++)
    g_ptr_array_insert (self->open_notes, self->open_notes->len - 1,
                        g_strdup (g_ptr_array_index (data->notes, k)));

  self->created = data->created != NULL ? g_date_time_ref (data->created) : NULL;
  {
    EpPlotLanguage language;
    EpPlotDecimalMark mark;

    /* an unknown value (a later version's language) keeps the default */
    if (ep_plot_language_from_string (data->figure_language, &language))
      self->figure_language = language;
    if (ep_plot_decimal_mark_from_string (data->figure_decimal_mark, &mark))
      self->figure_decimal_mark = mark;
  }
  self->saved = data->modified != NULL ? g_date_time_ref (data->modified) : NULL;
  self->file_version = data->schema_version;
  self->file = g_object_ref (file);
  self->modified = FALSE;

  return g_steal_pointer (&self);
}
