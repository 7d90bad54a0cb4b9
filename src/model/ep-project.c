/* ep-project.c: a project: cohorts, analyses, figures and trial selections, saved as one file
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model side of the .endpoint file: converts the objects to and from the plain data of
 * io/ep-project-store.h. A save snapshots everything on the calling thread (tables copied,
 * analyses as their options), then writes the snapshot in a worker; an open reads and checks
 * everything in the worker and hands a finished project back.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "model/ep-cohort-column-private.h"
#include "model/ep-figure-source.h"
#include "model/ep-project.h"

#define PROJECT_SUFFIX ".endpoint"

struct _EpProject
{
  GObject       parent_instance;

  GFile        *file;
  char         *title;
  gboolean      modified;
  guint64       generation;     /* bumped on every change; a save knows what it wrote */
  GDateTime    *created;
  GDateTime    *saved;
  guint         file_version;
  double        progress;

  GListStore   *cohorts;        /* EpCohort */
  GListStore   *analyses;       /* EpAnalysis */
  GHashTable   *analysis_cohort; /* EpAnalysis * -> EpCohort * (both referenced by the stores) */
  GListStore   *figures;        /* EpFigure */
  GHashTable   *figure_entries; /* EpFigure * -> FigureEntry * */
  GPtrArray    *selections;     /* EpProjectSelection * */

  char         *recovery_path;
};

typedef struct
{
  char       *name;
  JsonObject *source;
} FigureEntry;

static void
figure_entry_free (FigureEntry *entry)
{
  g_free (entry->name);
  json_object_unref (entry->source);
  g_free (entry);
}

enum
{
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EpProject, ep_project, G_TYPE_OBJECT)
G_DEFINE_QUARK (ep-project-error-quark, ep_project_error)

static void
ep_project_finalize (GObject *object)
{
  EpProject *self = EP_PROJECT (object);

  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->cohorts)); k++)
    {
      g_autoptr(EpCohort) cohort = g_list_model_get_item (G_LIST_MODEL (self->cohorts), k);
      g_signal_handlers_disconnect_by_data (cohort, self);
    }
  g_clear_object (&self->file);
  g_free (self->title);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->saved, g_date_time_unref);
  g_hash_table_unref (self->analysis_cohort);
  g_clear_object (&self->analyses);
  g_clear_object (&self->cohorts);
  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->figures)); k++)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (G_LIST_MODEL (self->figures), k);
      g_signal_handlers_disconnect_by_data (figure, self);
    }
  g_hash_table_unref (self->figure_entries);
  g_clear_object (&self->figures);
  g_ptr_array_unref (self->selections);
  g_free (self->recovery_path);

  G_OBJECT_CLASS (ep_project_parent_class)->finalize (object);
}

static void
ep_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EpProject *self = EP_PROJECT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, ep_project_get_title (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_project_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EpProject *self = EP_PROJECT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      ep_project_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_project_class_init (EpProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ep_project_finalize;
  object_class->get_property = ep_project_get_property;
  object_class->set_property = ep_project_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Every edit, even while already modified: the window's autosave listens to it. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ep_project_init (EpProject *self)
{
  self->cohorts = g_list_store_new (EP_TYPE_COHORT);
  self->analyses = g_list_store_new (EP_TYPE_ANALYSIS);
  self->analysis_cohort = g_hash_table_new (NULL, NULL);
  self->figures = g_list_store_new (EP_TYPE_FIGURE);
  self->figure_entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) figure_entry_free);
  self->selections = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_selection_free);
}

EpProject *
ep_project_new (void)
{
  return g_object_new (EP_TYPE_PROJECT, NULL);
}

/* State */

GFile *
ep_project_get_file (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  return self->file;
}

const char *
ep_project_get_title (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);

  if (self->title == NULL)
    {
      if (self->file != NULL)
        {
          g_autofree char *basename = g_file_get_basename (self->file);

          if (g_str_has_suffix (basename, PROJECT_SUFFIX) &&
              strlen (basename) > strlen (PROJECT_SUFFIX))
            basename[strlen (basename) - strlen (PROJECT_SUFFIX)] = '\0';
          self->title = g_steal_pointer (&basename);
        }
      else
        self->title = g_strdup (_("Untitled Project"));
    }
  return self->title;
}

static void
set_file (EpProject *self,
          GFile     *file)
{
  if (!g_set_object (&self->file, file))
    return;
  g_clear_pointer (&self->title, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
ep_project_forget_file (EpProject *self)
{
  g_return_if_fail (EP_IS_PROJECT (self));

  set_file (self, NULL);
}

gboolean
ep_project_get_modified (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  return self->modified;
}

void
ep_project_set_modified (EpProject *self,
                         gboolean   modified)
{
  g_return_if_fail (EP_IS_PROJECT (self));

  if (modified)
    {
      self->generation++;
      g_signal_emit (self, signals[CHANGED], 0);
    }
  modified = !!modified;
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
changed (EpProject *self)
{
  ep_project_set_modified (self, TRUE);
}

GDateTime *
ep_project_get_created (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  return self->created;
}

GDateTime *
ep_project_get_saved (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  return self->saved;
}

guint
ep_project_get_file_version (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), 0);
  return self->file_version;
}

double
ep_project_get_progress (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), 0.0);
  return self->progress;
}

/* Cohorts */

GListModel *
ep_project_get_cohorts (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->cohorts);
}

EpCohort *
ep_project_find_cohort (EpProject  *self,
                        const char *name)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->cohorts)); k++)
    {
      g_autoptr(EpCohort) cohort = g_list_model_get_item (G_LIST_MODEL (self->cohorts), k);

      if (strcmp (ep_cohort_get_name (cohort), name) == 0)
        return cohort;
    }
  return NULL;
}

static void
on_cohort_edited (EpCohort   *cohort,
                  GParamSpec *pspec,
                  EpProject  *self)
{
  /* can-undo is notified on every edit, undo and redo (ep-cohort.c, notify_undo) */
  changed (self);
}

static void
watch_cohort (EpProject *self,
              EpCohort  *cohort)
{
  g_signal_connect_object (cohort, "notify::can-undo", G_CALLBACK (on_cohort_edited), self, 0);
  g_signal_connect_object (cohort, "notify::name", G_CALLBACK (on_cohort_edited), self, 0);
}

void
ep_project_add_cohort (EpProject *self,
                       EpCohort  *cohort)
{
  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (EP_IS_COHORT (cohort));

  if (ep_project_find_cohort (self, ep_cohort_get_name (cohort)) != NULL)
    {
      g_autofree char *name = NULL;

      for (guint k = 2; ; k++)
        {
          g_free (name);
          name = g_strdup_printf ("%s (%u)", ep_cohort_get_name (cohort), k);
          if (ep_project_find_cohort (self, name) == NULL)
            break;
        }
      ep_cohort_set_name (cohort, name);
    }

  watch_cohort (self, cohort);
  g_list_store_append (self->cohorts, cohort);
  changed (self);
}

void
ep_project_remove_cohort (EpProject *self,
                          EpCohort  *cohort)
{
  guint position;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (EP_IS_COHORT (cohort));

  if (!g_list_store_find (self->cohorts, cohort, &position))
    return;

  for (guint k = g_list_model_get_n_items (G_LIST_MODEL (self->analyses)); k > 0; k--)
    {
      g_autoptr(EpAnalysis) analysis = g_list_model_get_item (G_LIST_MODEL (self->analyses), k - 1);

      if (g_hash_table_lookup (self->analysis_cohort, analysis) == cohort)
        ep_project_remove_analysis (self, analysis);
    }
  for (guint k = g_list_model_get_n_items (G_LIST_MODEL (self->figures)); k > 0; k--)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (G_LIST_MODEL (self->figures), k - 1);
      const char *source = ep_figure_source_get_cohort (ep_project_get_figure_source (self, figure));

      if (source != NULL && strcmp (source, ep_cohort_get_name (cohort)) == 0)
        ep_project_remove_figure (self, figure);
    }
  g_signal_handlers_disconnect_by_data (cohort, self);
  g_list_store_remove (self->cohorts, position);
  changed (self);
}

/* Analyses */

GListModel *
ep_project_get_analyses (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->analyses);
}

void
ep_project_add_analysis (EpProject  *self,
                         EpAnalysis *analysis,
                         EpCohort   *cohort)
{
  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (EP_IS_ANALYSIS (analysis));
  g_return_if_fail (EP_IS_COHORT (cohort));
  g_return_if_fail (g_list_store_find (self->cohorts, cohort, NULL));

  g_hash_table_insert (self->analysis_cohort, analysis, cohort);
  g_list_store_append (self->analyses, analysis);
  changed (self);
}

void
ep_project_remove_analysis (EpProject  *self,
                            EpAnalysis *analysis)
{
  guint position;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (EP_IS_ANALYSIS (analysis));

  if (!g_list_store_find (self->analyses, analysis, &position))
    return;
  g_hash_table_remove (self->analysis_cohort, analysis);
  g_list_store_remove (self->analyses, position);
  changed (self);
}

EpCohort *
ep_project_get_analysis_cohort (EpProject  *self,
                                EpAnalysis *analysis)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  return g_hash_table_lookup (self->analysis_cohort, analysis);
}

/* Figures */

GListModel *
ep_project_get_figures (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->figures);
}

EpFigure *
ep_project_find_figure (EpProject  *self,
                        const char *name)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  g_hash_table_iter_init (&iter, self->figure_entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (strcmp (((FigureEntry *) value)->name, name) == 0)
      return key;
  return NULL;
}

const char *
ep_project_get_figure_name (EpProject *self,
                            EpFigure  *figure)
{
  FigureEntry *entry;

  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);

  entry = g_hash_table_lookup (self->figure_entries, figure);
  return entry != NULL ? entry->name : NULL;
}

JsonObject *
ep_project_get_figure_source (EpProject *self,
                              EpFigure  *figure)
{
  FigureEntry *entry;

  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);

  entry = g_hash_table_lookup (self->figure_entries, figure);
  return entry != NULL ? entry->source : NULL;
}

static EpCohort *
lookup_cohort (const char *name,
               gpointer    user_data)
{
  return ep_project_find_cohort (EP_PROJECT (user_data), name);
}

static void
on_figure_changed (EpFigure  *figure,
                   EpProject *self)
{
  changed (self);
}

/* Makes the figure and adds it, without marking the project modified. */
static EpFigure *
add_figure (EpProject   *self,
            const char  *name,
            JsonObject  *source,
            GError     **error)
{
  g_autoptr(EpFigure) figure = ep_figure_new_from_source (source, lookup_cohort, self, error);
  g_autofree char *unique = NULL;
  FigureEntry *entry;

  if (figure == NULL)
    return NULL;

  unique = g_strdup (name);
  for (guint k = 2; ep_project_find_figure (self, unique) != NULL; k++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s (%u)", name, k);
    }
  entry = g_new0 (FigureEntry, 1);
  entry->name = g_steal_pointer (&unique);
  entry->source = json_object_ref (source);
  g_hash_table_insert (self->figure_entries, figure, entry);
  g_signal_connect_object (figure, "changed", G_CALLBACK (on_figure_changed), self, 0);
  g_list_store_append (self->figures, figure);

  return figure;
}

EpFigure *
ep_project_add_figure (EpProject   *self,
                       const char  *name,
                       JsonObject  *source,
                       GError     **error)
{
  EpFigure *figure;

  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  figure = add_figure (self, name, source, error);
  if (figure != NULL)
    changed (self);
  return figure;
}

void
ep_project_remove_figure (EpProject *self,
                          EpFigure  *figure)
{
  guint position;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (EP_IS_FIGURE (figure));

  if (!g_list_store_find (self->figures, figure, &position))
    return;
  g_signal_handlers_disconnect_by_data (figure, self);
  g_hash_table_remove (self->figure_entries, figure);
  g_list_store_remove (self->figures, position);
  changed (self);
}

/* Trial selections */

static int
find_selection (EpProject  *self,
                const char *name)
{
  for (guint k = 0; k < self->selections->len; k++)
    {
      const EpProjectSelection *selection = g_ptr_array_index (self->selections, k);

      if (strcmp (selection->name, name) == 0)
        return (int) k;
    }
  return -1;
}

void
ep_project_set_trial_selection (EpProject          *self,
                                const char         *name,
                                const char * const *trial_ids,
                                const char         *options)
{
  EpProjectSelection *selection;
  int k;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (name != NULL);

  selection = ep_project_selection_new (name, trial_ids, options);
  k = find_selection (self, name);
  if (k >= 0)
    {
      ep_project_selection_free (g_ptr_array_index (self->selections, k));
      g_ptr_array_index (self->selections, k) = selection;
    }
  else
    g_ptr_array_add (self->selections, selection);
  changed (self);
}

void
ep_project_remove_trial_selection (EpProject  *self,
                                   const char *name)
{
  int k;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (name != NULL);

  k = find_selection (self, name);
  if (k < 0)
    return;
  g_ptr_array_remove_index (self->selections, k);
  changed (self);
}

char **
ep_project_list_trial_selections (EpProject *self)
{
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);

  builder = g_strv_builder_new ();
  for (guint k = 0; k < self->selections->len; k++)
    g_strv_builder_add (builder, ((EpProjectSelection *) g_ptr_array_index (self->selections, k))->name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

const char * const *
ep_project_get_trial_selection_ids (EpProject  *self,
                                    const char *name)
{
  int k;

  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  k = find_selection (self, name);
  if (k < 0)
    return NULL;
  return (const char * const *) ((EpProjectSelection *) g_ptr_array_index (self->selections, k))->trial_ids;
}

const char *
ep_project_get_trial_selection_options (EpProject  *self,
                                        const char *name)
{
  int k;

  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  k = find_selection (self, name);
  if (k < 0)
    return NULL;
  return ((EpProjectSelection *) g_ptr_array_index (self->selections, k))->options;
}

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

static EpProjectData *
snapshot (EpProject *self)
{
  EpProjectData *data = ep_project_data_new ();
  GListModel *cohorts = G_LIST_MODEL (self->cohorts);
  GListModel *analyses = G_LIST_MODEL (self->analyses);

  data->created = self->created != NULL ? g_date_time_ref (self->created) : NULL;

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
      g_autofree char *name = ep_analysis_describe (analysis);
      EpCohort *cohort = g_hash_table_lookup (self->analysis_cohort, analysis);

      g_ptr_array_add (data->analyses,
                       ep_project_item_new (name,
                                            ep_analysis_kind_to_string (ep_analysis_get_kind (analysis)),
                                            cohort != NULL ? ep_cohort_get_name (cohort) : NULL,
                                            json));
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

  return data;
}

/* Conversion from the store's plain data (in the worker) */

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
      if ((source == EP_ENDPOINT_FROM_TIME && e->time_column == NULL) ||
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

static EpProject *
project_from_data (EpProjectData  *data,
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
      watch_cohort (self, cohort);
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
      figure = add_figure (self, item->name, source, &local_error);
      if (figure == NULL || !ep_figure_load_json (figure, look, &local_error))
        {
          project_invalid (error, display, _("figure “%s”: %s"), item->name, local_error->message);
          return NULL;
        }
    }
  g_ptr_array_extend_and_steal (self->selections, g_steal_pointer (&data->selections));
  data->selections = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_selection_free);

  self->created = data->created != NULL ? g_date_time_ref (data->created) : NULL;
  self->saved = data->modified != NULL ? g_date_time_ref (data->modified) : NULL;
  self->file_version = data->schema_version;
  self->file = g_object_ref (file);
  self->modified = FALSE;

  return g_steal_pointer (&self);
}

/* Saving */

typedef struct
{
  EpProjectData *data;
  char          *path;
  GFile         *file;          /* NULL: a copy (recovery), which changes nothing */
  guint64        generation;
  /* progress, handed to the main context */
  EpProject     *project;
  double         reported;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  ep_project_data_free (job->data);
  g_free (job->path);
  g_clear_object (&job->file);
  g_clear_object (&job->project);
  g_free (job);
}

typedef struct
{
  EpProject *project;
  double     fraction;
} ProgressUpdate;

static gboolean
apply_progress (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  update->project->progress = update->fraction;
  g_object_notify_by_pspec (G_OBJECT (update->project), properties[PROP_PROGRESS]);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  g_object_unref (update->project);
  g_free (update);
}

static void
save_progress (double   fraction,
               gpointer user_data)
{
  SaveJob *job = user_data;
  ProgressUpdate *update;

  /* at most a hundred updates per save */
  if (fraction < 1.0 && fraction - job->reported < 0.01)
    return;
  job->reported = fraction;
  update = g_new0 (ProgressUpdate, 1);
  update->project = g_object_ref (job->project);
  update->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, apply_progress, update,
                              progress_update_free);
}

static SaveJob *
save_job_new (EpProject  *self,
              const char *path,
              GFile      *file)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->data = snapshot (self);
  /* A recovery copy remembers which file it belongs to. */
  if (file == NULL && self->file != NULL)
    job->data->origin = g_file_get_path (self->file);
  job->path = g_strdup (path);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->generation = self->generation;
  job->project = g_object_ref (self);
  return job;
}

/* Back on the main thread after a successful write. */
static void
save_job_done (EpProject *self,
               SaveJob   *job)
{
  if (job->file == NULL)
    return;

  if (self->created == NULL)
    self->created = g_date_time_ref (job->data->created);
  g_clear_pointer (&self->saved, g_date_time_unref);
  self->saved = g_date_time_ref (job->data->modified);
  self->file_version = EP_PROJECT_SCHEMA_VERSION;
  set_file (self, job->file);
  /* Edits made while the copy was being written are not in the file. */
  if (self->generation == job->generation)
    ep_project_set_modified (self, FALSE);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (!ep_project_store_save (job->data, job->path, save_progress, job, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_async_internal (EpProject           *self,
                     const char          *path,
                     GFile               *file,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data,
                     gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, save_job_new (self, path, file), (GDestroyNotify) save_job_free);
  self->progress = 0.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_task_run_in_thread (task, save_thread);
}

void
ep_project_save_async (EpProject           *self,
                       GFile               *file,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  g_return_if_fail (path != NULL);
  save_async_internal (self, path, file, cancellable, callback, user_data, ep_project_save_async);
}

gboolean
ep_project_save_finish (EpProject     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  save_job_done (self, g_task_get_task_data (task));
  return TRUE;
}

gboolean
ep_project_save (EpProject     *self,
                 GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *path = NULL;
  SaveJob *job;
  gboolean ok;

  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Projects can only be saved to local files"));
      return FALSE;
    }
  job = save_job_new (self, path, file);
  ok = ep_project_store_save (job->data, path, NULL, NULL, cancellable, error);
  if (ok)
    save_job_done (self, job);
  save_job_free (job);
  return ok;
}

gboolean
ep_project_save_copy (EpProject     *self,
                      const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(EpProjectData) data = NULL;

  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = snapshot (self);
  return ep_project_store_save (data, path, NULL, NULL, cancellable, error);
}

/* Opening */

typedef struct
{
  GFile                 *file;
  EpProjectProgressFunc  progress;
  gpointer               progress_data;
  GMainContext          *context;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_clear_object (&job->file);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  GTask   *task;      /* a reference: the job lives as long as any pending update */
  double   fraction;
} OpenProgress;

static gboolean
apply_open_progress (gpointer user_data)
{
  OpenProgress *update = user_data;
  OpenJob *job = g_task_get_task_data (update->task);

  job->progress (update->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
open_progress_free (gpointer user_data)
{
  OpenProgress *update = user_data;

  g_object_unref (update->task);
  g_free (update);
}

static void
open_progress (double   fraction,
               gpointer user_data)
{
  GTask *task = user_data;
  OpenJob *job = g_task_get_task_data (task);
  OpenProgress *update;

  if (job->progress == NULL)
    return;
  update = g_new0 (OpenProgress, 1);
  update->task = g_object_ref (task);
  update->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, apply_open_progress, update,
                              open_progress_free);
}

static EpProject *
open_file (GFile                 *file,
           EpProjectProgressFunc  progress,
           gpointer               progress_data,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(EpProjectData) data = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Projects can only be opened from local files"));
      return NULL;
    }
  data = ep_project_store_open (path, progress, progress_data, cancellable, error);
  if (data == NULL)
    return NULL;
  return project_from_data (data, file, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  EpProject *project = open_file (job->file, open_progress, task, cancellable, &error);

  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

void
ep_project_open_async (GFile                 *file,
                       EpProjectProgressFunc  progress,
                       gpointer               progress_data,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (OpenJob, 1);
  job->file = g_object_ref (file);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ep_project_open_async);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_thread);
}

EpProject *
ep_project_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

EpProject *
ep_project_open (GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_file (file, NULL, NULL, cancellable, error);
}

/* Recovery */

char *
ep_project_get_recovery_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "endpoint", "recovery", NULL);
}

const char *
ep_project_get_recovery_path (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);

  if (self->recovery_path == NULL)
    {
      g_autofree char *dir = ep_project_get_recovery_dir ();
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *name = g_strconcat (uuid, PROJECT_SUFFIX, NULL);

      self->recovery_path = g_build_filename (dir, name, NULL);
    }
  return self->recovery_path;
}

void
ep_project_write_recovery_async (EpProject           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *dir = NULL;

  g_return_if_fail (EP_IS_PROJECT (self));

  dir = ep_project_get_recovery_dir ();
  g_mkdir_with_parents (dir, 0700);
  save_async_internal (self, ep_project_get_recovery_path (self), NULL, cancellable, callback,
                       user_data, ep_project_write_recovery_async);
}

gboolean
ep_project_write_recovery_finish (EpProject     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ep_project_discard_recovery (EpProject *self)
{
  g_return_if_fail (EP_IS_PROJECT (self));

  if (self->recovery_path != NULL)
    g_unlink (self->recovery_path);
}

void
ep_recovery_file_free (EpRecoveryFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_clear_pointer (&file->written, g_date_time_unref);
  g_free (file->origin);
  g_free (file);
}

static int
compare_recovery (gconstpointer a,
                  gconstpointer b)
{
  const EpRecoveryFile *x = *(EpRecoveryFile * const *) a;
  const EpRecoveryFile *y = *(EpRecoveryFile * const *) b;

  return -g_date_time_compare (x->written, y->written);
}

GPtrArray *
ep_project_list_recovery_files (const char *dir)
{
  g_autofree char *default_dir = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_recovery_file_free);
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    dir = default_dir = ep_project_get_recovery_dir ();
  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(EpProjectData) meta = NULL;
      GStatBuf st;
      EpRecoveryFile *file;

      /* the temporary files of an interrupted write start with "." */
      if (name[0] == '.' || !g_str_has_suffix (name, PROJECT_SUFFIX))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      file = g_new0 (EpRecoveryFile, 1);
      meta = ep_project_store_open_meta (path, NULL);
      file->readable = meta != NULL;
      if (meta != NULL)
        {
          file->written = g_date_time_to_local (meta->modified);
          file->origin = g_strdup (meta->origin);
        }
      else
        file->written = g_date_time_new_from_unix_local (st.st_mtime);
      file->path = g_steal_pointer (&path);
      g_ptr_array_add (files, file);
    }
  g_ptr_array_sort (files, compare_recovery);
  return files;
}

gboolean
ep_project_remove_recovery_file (const char  *path,
                                 GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_unlink (path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot remove the recovery file %s: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

EpProject *
ep_project_open_recovery (const char    *path,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) origin = NULL;
  g_autoptr(EpProjectData) data = NULL;
  EpProject *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = ep_project_store_open (path, NULL, NULL, cancellable, error);
  if (data == NULL)
    return NULL;
  file = g_file_new_for_path (path);
  self = project_from_data (data, file, error);
  if (self == NULL)
    return NULL;

  if (data->origin != NULL)
    origin = g_file_new_for_path (data->origin);
  g_clear_object (&self->file);
  g_clear_pointer (&self->title, g_free);
  self->file = g_steal_pointer (&origin);
  g_free (self->recovery_path);
  self->recovery_path = g_strdup (path);
  ep_project_set_modified (self, TRUE);

  return self;
}
