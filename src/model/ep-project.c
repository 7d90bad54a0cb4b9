/* ep-project.c: a project: cohorts, analyses, figures and trial selections, saved as one file
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model side of the .endpoint file: converts the objects to and from the plain data of
 * io/ep-project-store.h (ep-project-data.c). A save snapshots everything on the calling thread
 * (tables copied, analyses as their options), then writes the snapshot in a worker; an open
 * reads and checks everything in the worker and hands a finished project back
 * (ep-project-file.c). Recovery copies are in ep-project-recovery.c; ep-project-private.h holds
 * what these files share.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "io/ep-catalog-reader.h"
#include "io/ep-result-json.h"
#include "model/ep-figure-source.h"
#include "model/ep-project-private.h"
#include "model/ep-reconstruction.h"

static void
figure_entry_free (FigureEntry *entry)
{
  g_free (entry->name);
  json_object_unref (entry->source);
  g_clear_pointer (&entry->look, json_node_unref);
  g_free (entry);
}

enum
{
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_PROGRESS,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  USER_TRIALS_CHANGED,
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
  g_ptr_array_unref (self->user_trials);
  g_ptr_array_unref (self->digitized);
  json_object_unref (self->combined);
  g_free (self->recovery_path);

  g_clear_pointer (&self->open_notes, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->group, _ep_project_step_free);

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
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ep_project_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, ep_project_can_redo (self));
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
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Every edit, even while already modified: the window's autosave listens to it. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* the own trial arms changed (set, removed, or a project opened with them) */
  signals[USER_TRIALS_CHANGED] =
    g_signal_new ("user-trials-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
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
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) _ep_project_step_free);
  self->user_trials = g_ptr_array_new_with_free_func (g_free);
  self->digitized = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_digitized_free);
  self->combined = json_object_new ();
  self->open_notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->open_notes, NULL);
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

void
_ep_project_set_file (EpProject *self,
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

  _ep_project_set_file (self, NULL);
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

void
_ep_project_changed (EpProject *self)
{
  changed (self);
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

/* The fraction of a save written so far, on the main thread. */
void
_ep_project_set_progress (EpProject *self,
                          double     fraction)
{
  self->progress = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
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
  /* a reconstructed cohort's overlays follow its rows (issue 17) */
  if (pspec != NULL && strcmp (pspec->name, "can-undo") == 0)
    _ep_project_refresh_overlays (self, ep_cohort_get_name (cohort));
  changed (self);
}

void
_ep_project_watch_cohort (EpProject *self,
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

  _ep_project_unique_cohort_name (self, cohort);
  _ep_project_watch_cohort (self, cohort);
  g_list_store_append (self->cohorts, cohort);
  changed (self);
}

void
_ep_project_unique_cohort_name (EpProject *self,
                                EpCohort  *cohort)
{
  g_autofree char *name = NULL;

  if (ep_project_find_cohort (self, ep_cohort_get_name (cohort)) == NULL)
    return;
  for (guint k = 2; ; k++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%u)", ep_cohort_get_name (cohort), k);
      if (ep_project_find_cohort (self, name) == NULL)
        break;
    }
  ep_cohort_set_name (cohort, name);
}

void
_ep_project_put_cohort (EpProject *self,
                        EpCohort  *cohort,
                        guint      position)
{
  _ep_project_watch_cohort (self, cohort);
  g_list_store_insert (self->cohorts,
                       MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->cohorts))),
                       cohort);
  changed (self);
}

void
_ep_project_take_cohort (EpProject *self,
                         EpCohort  *cohort)
{
  guint position;

  if (!g_list_store_find (self->cohorts, cohort, &position))
    return;

  for (guint k = g_list_model_get_n_items (G_LIST_MODEL (self->analyses)); k > 0; k--)
    {
      g_autoptr(EpAnalysis) analysis = g_list_model_get_item (G_LIST_MODEL (self->analyses), k - 1);

      if (g_hash_table_lookup (self->analysis_cohort, analysis) == cohort)
        ep_project_remove_analysis (self, analysis);
    }
  _ep_project_drop_overlays (self, ep_cohort_get_name (cohort));
  for (guint k = g_list_model_get_n_items (G_LIST_MODEL (self->figures)); k > 0; k--)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (G_LIST_MODEL (self->figures), k - 1);
      const char *source = ep_figure_source_get_cohort (ep_project_get_figure_source (self, figure));

      if (source != NULL && strcmp (source, ep_cohort_get_name (cohort)) == 0)
        ep_project_remove_figure (self, figure);
    }
  /* a cohort combined from the user's patients and a published arm: its mark goes with it */
  _ep_project_set_combined (self, ep_cohort_get_name (cohort), NULL);
  g_signal_handlers_disconnect_by_data (cohort, self);
  g_list_store_remove (self->cohorts, position);
  changed (self);
}

void
ep_project_remove_cohort (EpProject *self,
                          EpCohort  *cohort)
{
  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (EP_IS_COHORT (cohort));

  if (!g_list_store_find (self->cohorts, cohort, NULL))
    return;
  _ep_project_take_cohort (self, cohort);
  /* The history's analyses and figures may be of this cohort: it starts again. */
  _ep_project_clear_history (self);
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

  _ep_project_insert_analysis (self, analysis, cohort, G_MAXUINT);
  _ep_project_record_analysis (self, analysis, cohort,
                               g_list_model_get_n_items (G_LIST_MODEL (self->analyses)) - 1, TRUE);
  changed (self);
}

void
_ep_project_insert_analysis (EpProject  *self,
                             EpAnalysis *analysis,
                             EpCohort   *cohort,
                             guint       position)
{
  _ep_project_give_id (self, analysis);
  g_hash_table_insert (self->analysis_cohort, analysis, cohort);
  /* From now on it follows its cohort's data (the live graph); bound before it is listed, so
   * that whoever filters the list by cohort sees it. */
  ep_analysis_bind_cohort (analysis, cohort);
  g_list_store_insert (self->analyses,
                       MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->analyses))),
                       analysis);
}

void
_ep_project_give_id (EpProject  *self,
                     EpAnalysis *analysis)
{
  const char *id = ep_analysis_get_id (analysis);

  if (id == NULL || ep_project_find_analysis (self, id) != NULL)
    for (guint k = g_list_model_get_n_items (G_LIST_MODEL (self->analyses)) + 1; ; k++)
      {
        g_autofree char *fresh = g_strdup_printf ("analysis-%u", k);

        if (ep_project_find_analysis (self, fresh) == NULL)
          {
            ep_analysis_set_id (analysis, fresh);
            break;
          }
      }
}

EpAnalysis *
ep_project_find_analysis (EpProject  *self,
                          const char *id)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->analyses)); k++)
    {
      g_autoptr(EpAnalysis) analysis = g_list_model_get_item (G_LIST_MODEL (self->analyses), k);

      if (g_strcmp0 (ep_analysis_get_id (analysis), id) == 0)
        return analysis;
    }
  return NULL;
}

const char * const *
ep_project_get_open_notes (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  return (const char * const *) self->open_notes->pdata;
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

  g_object_ref (analysis);
  /* One step: the figures that show it go with it. */
  ep_project_begin_step (self);
  for (guint k = g_list_model_get_n_items (G_LIST_MODEL (self->figures)); k > 0; k--)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (G_LIST_MODEL (self->figures), k - 1);

      if (ep_figure_get_analysis (figure) == analysis)
        ep_project_remove_figure (self, figure);
    }
  g_list_store_find (self->analyses, analysis, &position);
  _ep_project_record_analysis (self, analysis, g_hash_table_lookup (self->analysis_cohort, analysis),
                               position, FALSE);
  g_hash_table_remove (self->analysis_cohort, analysis);
  g_list_store_remove (self->analyses, position);
  /* unbound after it left the list (a list filtered by cohort drops it first) */
  ep_analysis_bind_cohort (analysis, NULL);
  ep_project_end_step (self);
  g_object_unref (analysis);
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

/* A change of a figure's options or style is a step of the project's history
 * (ep-project-history.c) that puts back its previous ep_figure_to_json() look. A new result of
 * the figure's analysis changes no option and records nothing. */
static void
on_figure_changed (EpFigure  *figure,
                   EpProject *self)
{
  FigureEntry *entry = g_hash_table_lookup (self->figure_entries, figure);
  g_autoptr(JsonNode) look = NULL;

  if (entry != NULL && !self->applying_history)
    {
      look = ep_figure_to_json (figure);
      if (entry->look != NULL && json_node_equal (entry->look, look))
        return;   /* a new result of its analysis: the figure redraws, the project is as it was */
      if (entry->look != NULL)
        _ep_project_record_look (self, figure, entry->look, look);
      g_clear_pointer (&entry->look, json_node_unref);
      entry->look = g_steal_pointer (&look);
    }
  changed (self);
}

void
_ep_project_set_figure_look (EpProject *self,
                             EpFigure  *figure,
                             JsonNode  *look)
{
  FigureEntry *entry = g_hash_table_lookup (self->figure_entries, figure);
  gboolean applying = self->applying_history;

  self->applying_history = TRUE;
  ep_figure_load_json (figure, look, NULL);
  self->applying_history = applying;
  if (entry != NULL)
    {
      g_clear_pointer (&entry->look, json_node_unref);
      entry->look = ep_figure_to_json (figure);
    }
}

void
ep_project_settle_figure (EpProject *self,
                          EpFigure  *figure)
{
  FigureEntry *entry;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (EP_IS_FIGURE (figure));

  entry = g_hash_table_lookup (self->figure_entries, figure);
  if (entry == NULL)
    return;
  g_clear_pointer (&entry->look, json_node_unref);
  entry->look = ep_figure_to_json (figure);
  _ep_project_forget_looks (self, figure);
}

/* Makes the figure and adds it, without marking the project modified. */
EpFigure *
_ep_project_add_figure (EpProject   *self,
                        const char  *name,
                        JsonObject  *source,
                        GError     **error)
{
  g_autoptr(EpFigure) figure = NULL;

  /* A view of one of the project's analyses (the live graph): {"kind": "analysis",
   * "analysis": ID, "cohort": C}. */
  if (g_strcmp0 (ep_result_json_get_string (source, "kind"), "analysis") == 0)
    {
      const char *id = ep_result_json_get_string (source, "analysis");
      EpAnalysis *analysis = id != NULL ? ep_project_find_analysis (self, id) : NULL;

      if (analysis == NULL)
        {
          g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                       _("there is no analysis “%s”"), id != NULL ? id : "");
          return NULL;
        }
      /* {"view": "simon-makuch"}: a landmark analysis's Simon-Makuch curves (issue 16) */
      if (g_strcmp0 (ep_result_json_get_string (source, "view"), "simon-makuch") == 0)
        figure = ep_figure_new_simon_makuch (analysis, error);
      else
        figure = ep_figure_new_for_analysis (analysis, error);
    }
  else
    figure = ep_figure_new_from_source (source, lookup_cohort, self, error);

  if (figure == NULL)
    return NULL;

  _ep_project_insert_figure (self, figure, name, source, G_MAXUINT);
  return figure;
}

/* A figure of a reconstructed cohort says so among its notes, as the cohort's analyses' results
 * do (issue 17). */
static void
mark_reconstructed (EpProject  *self,
                    EpFigure   *figure,
                    JsonObject *source)
{
  const char *cohort = ep_figure_source_get_cohort (source);

  /* also a cohort combined from the user's patients and a published arm */
  if (cohort != NULL && (ep_project_find_reconstruction (self, cohort, NULL) != NULL
                         || ep_project_find_combined (self, cohort, NULL, NULL, NULL)))
    ep_figure_set_data_note (figure, ep_reconstruction_caveat ());
}

/* After opening: the digitized figures are read after the figures. */
void
_ep_project_mark_reconstructed_figures (EpProject *self)
{
  GHashTableIter iter;
  gpointer figure, entry;

  g_hash_table_iter_init (&iter, self->figure_entries);
  while (g_hash_table_iter_next (&iter, &figure, &entry))
    mark_reconstructed (self, figure, ((FigureEntry *) entry)->source);
}

void
_ep_project_insert_figure (EpProject  *self,
                           EpFigure   *figure,
                           const char *name,
                           JsonObject *source,
                           guint       position)
{
  g_autofree char *unique = g_strdup (name);
  FigureEntry *entry;

  for (guint k = 2; ep_project_find_figure (self, unique) != NULL; k++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s (%u)", name, k);
    }
  /* a figure of a reconstructed cohort says so, as its analyses' results do (issue 17) */
  mark_reconstructed (self, figure, source);
  entry = g_new0 (FigureEntry, 1);
  entry->name = g_steal_pointer (&unique);
  entry->source = json_object_ref (source);
  entry->look = ep_figure_to_json (figure);
  g_hash_table_insert (self->figure_entries, figure, entry);
  g_signal_connect_object (figure, "changed", G_CALLBACK (on_figure_changed), self, 0);
  g_list_store_insert (self->figures,
                       MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->figures))),
                       figure);
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

  figure = _ep_project_add_figure (self, name, source, error);
  if (figure != NULL)
    {
      FigureEntry *entry = g_hash_table_lookup (self->figure_entries, figure);
      gboolean applying = self->applying_history;

      /* The project's figure language and decimal mark (issue 13); part of the new figure,
       * not a change of its options to undo. */
      self->applying_history = TRUE;
      g_object_set (figure, "language", self->figure_language,
                    "decimal-mark", self->figure_decimal_mark, NULL);
      self->applying_history = applying;
      if (entry != NULL)
        {
          g_clear_pointer (&entry->look, json_node_unref);
          entry->look = ep_figure_to_json (figure);
        }
      _ep_project_record_figure (self, figure, g_hash_table_lookup (self->figure_entries, figure),
                                 g_list_model_get_n_items (G_LIST_MODEL (self->figures)) - 1, TRUE);
      changed (self);
    }
  return figure;
}

void
ep_project_get_figure_defaults (EpProject         *self,
                                EpPlotLanguage    *language,
                                EpPlotDecimalMark *decimal_mark)
{
  g_return_if_fail (EP_IS_PROJECT (self));

  if (language != NULL)
    *language = (EpPlotLanguage) self->figure_language;
  if (decimal_mark != NULL)
    *decimal_mark = (EpPlotDecimalMark) self->figure_decimal_mark;
}

void
ep_project_set_figure_defaults (EpProject         *self,
                                EpPlotLanguage     language,
                                EpPlotDecimalMark  decimal_mark)
{
  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail ((guint) language <= EP_PLOT_LANGUAGE_APP);
  g_return_if_fail ((guint) decimal_mark <= EP_PLOT_DECIMAL_COMMA);

  if (self->figure_language == (int) language && self->figure_decimal_mark == (int) decimal_mark)
    return;
  self->figure_language = language;
  self->figure_decimal_mark = decimal_mark;
  changed (self);
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
  g_object_ref (figure);
  g_signal_handlers_disconnect_by_data (figure, self);
  /* the figure itself is kept by the history, with its look: undo puts it back */
  _ep_project_record_figure (self, figure, g_hash_table_lookup (self->figure_entries, figure),
                             position, FALSE);
  g_hash_table_remove (self->figure_entries, figure);
  g_list_store_remove (self->figures, position);
  g_object_unref (figure);
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

/* The user's own trial arms */

static int
find_user_trial (EpProject  *self,
                 const char *id)
{
  for (guint k = 0; k < self->user_trials->len; k++)
    {
      g_autofree char *other = ep_catalog_record_json_id (g_ptr_array_index (self->user_trials, k));

      if (g_strcmp0 (other, id) == 0)
        return (int) k;
    }
  return -1;
}

gboolean
ep_project_set_user_trial (EpProject   *self,
                           const char  *record_json,
                           GError     **error)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *id = NULL;
  int k;

  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (record_json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* checked together with the other own arms, as the catalog file they export to */
  texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->user_trials->len; i++)
    g_ptr_array_add (texts, g_strdup (g_ptr_array_index (self->user_trials, i)));
  id = ep_catalog_record_json_id (record_json);
  k = id != NULL ? find_user_trial (self, id) : -1;
  if (k >= 0)
    {
      g_free (g_ptr_array_index (texts, k));
      g_ptr_array_index (texts, k) = g_strdup (record_json);
    }
  else
    g_ptr_array_add (texts, g_strdup (record_json));
  records = ep_catalog_read_record_jsons ((const char * const *) texts->pdata, texts->len,
                                          _("own trial arms"), error);
  if (records == NULL)
    return FALSE;

  g_ptr_array_unref (self->user_trials);
  self->user_trials = g_steal_pointer (&texts);
  changed (self);
  g_signal_emit (self, signals[USER_TRIALS_CHANGED], 0);
  return TRUE;
}

gboolean
ep_project_remove_user_trial (EpProject  *self,
                              const char *id)
{
  int k;

  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  k = find_user_trial (self, id);
  if (k < 0)
    return FALSE;
  g_ptr_array_remove_index (self->user_trials, (guint) k);
  changed (self);
  g_signal_emit (self, signals[USER_TRIALS_CHANGED], 0);
  return TRUE;
}

GPtrArray *
ep_project_get_user_trials (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  return self->user_trials;
}

char *
ep_project_export_user_trials (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  return ep_catalog_records_json_document ((const char * const *) self->user_trials->pdata,
                                           self->user_trials->len);
}

/* Digitized figures */

static int
find_digitized (EpProject  *self,
                const char *name)
{
  for (guint k = 0; k < self->digitized->len; k++)
    {
      const EpProjectDigitized *digitized = g_ptr_array_index (self->digitized, k);

      if (strcmp (digitized->name, name) == 0)
        return (int) k;
    }
  return -1;
}

guint
ep_project_get_n_digitized (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), 0);

  return self->digitized->len;
}

const EpProjectDigitized *
ep_project_get_digitized (EpProject *self,
                          guint      index)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  g_return_val_if_fail (index < self->digitized->len, NULL);

  return g_ptr_array_index (self->digitized, index);
}

const EpProjectDigitized *
ep_project_find_digitized (EpProject  *self,
                           const char *name)
{
  int k;

  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  k = find_digitized (self, name);
  return k >= 0 ? g_ptr_array_index (self->digitized, k) : NULL;
}

void
ep_project_set_digitized (EpProject                *self,
                          const EpProjectDigitized *digitized)
{
  EpProjectDigitized *copy;
  int k;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (digitized != NULL);

  copy = ep_project_digitized_copy (digitized);
  k = find_digitized (self, digitized->name);
  if (k >= 0)
    {
      ep_project_digitized_free (g_ptr_array_index (self->digitized, k));
      g_ptr_array_index (self->digitized, k) = copy;
    }
  else
    g_ptr_array_add (self->digitized, copy);
  changed (self);
}

void
ep_project_remove_digitized (EpProject  *self,
                             const char *name)
{
  int k;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (name != NULL);

  k = find_digitized (self, name);
  if (k < 0)
    return;
  g_ptr_array_remove_index (self->digitized, k);
  changed (self);
}

const EpProjectCurve *
ep_project_find_reconstruction (EpProject                 *self,
                                const char                *cohort_name,
                                const EpProjectDigitized **figure)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  g_return_val_if_fail (cohort_name != NULL, NULL);

  for (guint k = 0; k < self->digitized->len; k++)
    {
      const EpProjectDigitized *digitized = g_ptr_array_index (self->digitized, k);

      for (guint c = 0; c < digitized->curves->len; c++)
        {
          const EpProjectCurve *curve = g_ptr_array_index (digitized->curves, c);

          if (g_strcmp0 (curve->cohort, cohort_name) == 0)
            {
              if (figure != NULL)
                *figure = digitized;
              return curve;
            }
        }
    }
  return NULL;
}

const EpProjectCurve *
ep_project_find_arm_curve (EpProject                 *self,
                           const char                *trial_id,
                           const char                *arm,
                           const EpProjectDigitized **figure)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);
  g_return_val_if_fail (trial_id != NULL, NULL);

  for (guint k = 0; k < self->digitized->len; k++)
    {
      const EpProjectDigitized *digitized = g_ptr_array_index (self->digitized, k);

      for (guint c = 0; c < digitized->curves->len; c++)
        {
          const EpProjectCurve *curve = g_ptr_array_index (digitized->curves, c);

          if (g_strcmp0 (curve->trial_id, trial_id) == 0
              && (arm == NULL || g_strcmp0 (curve->trial_arm, arm) == 0))
            {
              if (figure != NULL)
                *figure = digitized;
              return curve;
            }
        }
    }
  return NULL;
}
