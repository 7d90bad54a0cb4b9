/* ep-window-project.c: the window's project: new, open, save, unsaved changes, the pages
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns one EpProject. The Cohorts page's cohort is one of the project's cohorts (a
 * cohort opened or imported there is added to it; the primary menu's Cohorts section switches
 * between them), every analysis run there is one of the project's analyses, and the figures of
 * the Figures page are the project's figures (made again from their data source on open); a
 * figure the CSV dialog made from a file brings the file's data along as a cohort. A figure
 * without a data source is shown but not saved, and a toast says so.
 *
 * Saves and opens run in a GTask worker (EpProject) with a bar under the header showing their
 * progress and a Cancel button; a failure is an AdwMessageDialog naming the file and the
 * reason, and leaves the project as it was. Replacing a modified project (New, Open, a
 * recovery, closing the window) first asks Save / Discard / Cancel.
 *
 * Siblings: the recent and example projects are in ep-window-recent.c, autosave and the
 * recovery of a crashed session's changes in ep-window-recovery.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include "app/ep-window-private.h"

#define AUTOSAVE_QUIET_MS 5000
#define AUTOSAVE_MAX_MS   30000

typedef enum
{
  PENDING_CLOSE,
  PENDING_NEW,
  PENDING_OPEN,
  PENDING_OPEN_EXAMPLE,
  PENDING_RECOVER,
} PendingKind;

typedef struct
{
  PendingKind  kind;
  GFile       *file;
  char        *path;
} Pending;

static Pending *
pending_new (PendingKind  kind,
             GFile       *file,
             const char  *path)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->kind = kind;
  pending->file = file != NULL ? g_object_ref (file) : NULL;
  pending->path = g_strdup (path);
  return pending;
}

static void
pending_free (Pending *pending)
{
  if (pending == NULL)
    return;
  g_clear_object (&pending->file);
  g_free (pending->path);
  g_free (pending);
}

char *
_ep_window_file_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));
  return g_file_get_basename (file);
}

/* ---- title, menus ---------------------------------------------------------------------------- */

static void
ep_window_update_title (EpWindow *self)
{
  const char *title = ep_project_get_title (self->project);
  gboolean modified = ep_project_get_modified (self->project);
  g_autofree char *window_title = NULL;
  const char *subtitle = modified ? _("Unsaved Changes") : NULL;

  g_assert (EP_IS_WINDOW (self));

  /* GNOME's mark for a document with unsaved changes, in the title the window list shows. */
  window_title = modified ? g_strdup_printf ("• %s", title) : g_strdup (title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle != NULL ? subtitle : "");
  adw_window_title_set_title (self->project_title, title);
  adw_window_title_set_subtitle (self->project_title, subtitle != NULL ? subtitle : "");
}

/* The header's project title stands beside the view switcher; when the switcher folds into
 * a title of its own (a narrow window), that one shows the project. */
static void
ep_window_update_project_title_visible (EpWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->project_title),
                          !adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static gboolean list_contains (GListModel *model, gpointer item);

static void
ep_window_update_cohorts (EpWindow *self)
{
  GListModel *cohorts = ep_project_get_cohorts (self->project);
  EpCohort *shown = ep_cohort_page_get_cohort (self->cohort_page);

  g_assert (EP_IS_WINDOW (self));

  /* a cohort the project took out (the undo of its creation, issue 17's combined cohort) is
   * not left on the Cohorts page */
  if (!self->syncing && shown != NULL && !list_contains (cohorts, shown))
    {
      g_autoptr(EpCohort) first = g_list_model_get_n_items (cohorts) > 0
                                  ? g_list_model_get_item (cohorts, 0) : NULL;

      ep_cohort_page_set_cohort (self->cohort_page, first);
    }

  g_menu_remove_all (self->cohorts_menu);
  for (guint i = 0; i < g_list_model_get_n_items (cohorts); i++)
    {
      g_autoptr(EpCohort) cohort = g_list_model_get_item (cohorts, i);
      g_autofree char *label = _ep_window_escape_mnemonic (ep_cohort_get_name (cohort));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.show-cohort",
                                               g_variant_new_string (ep_cohort_get_name (cohort)));
      g_menu_append_item (self->cohorts_menu, item);
    }
}

/* ---- messages -------------------------------------------------------------------------------- */

static void
dialog_destroyed_cb (EpWindow  *self,
                     GtkWidget *dialog)
{
  if (self->dialog == ADW_MESSAGE_DIALOG (dialog))
    self->dialog = NULL;
}

/* Answered: it is no longer the dialog shown, even before it is destroyed. */
static void
dialog_response_cb (EpWindow         *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  if (self->dialog == dialog)
    self->dialog = NULL;
}

AdwMessageDialog *
_ep_window_message_dialog (EpWindow   *self,
                           const char *heading,
                           const char *body)
{
  GtkWidget *dialog;

  /* Heading and body are plain text (no markup), so file names and messages need no escaping. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  self->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  return ADW_MESSAGE_DIALOG (dialog);
}

void
_ep_window_show_error (EpWindow     *self,
                       const char   *heading,
                       const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = _ep_window_message_dialog (self, heading, error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Toast titles are Pango markup; names and messages are escaped before they go in. */
void
_ep_window_toast_escaped (EpWindow   *self,
                          const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  ep_window_show_toast (self, escaped);
}

/* ---- progress -------------------------------------------------------------------------------- */

static void
ep_window_set_progress (EpWindow *self,
                        double    fraction)
{
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

/* A bar under the header with the file's name, the progress and Cancel; the window stays
 * usable while the worker runs. */
static void
ep_window_begin_operation (EpWindow   *self,
                           const char *title)
{
  g_assert (self->operation == NULL);

  self->operation = g_cancellable_new ();
  gtk_label_set_text (self->progress_label, title);
  ep_window_set_progress (self, 0.0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  _ep_window_actions_update (self);
}

static void
ep_window_end_operation (EpWindow *self)
{
  g_clear_object (&self->operation);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  _ep_window_actions_update (self);
}

void
_ep_window_cancel_operation (EpWindow *self)
{
  g_assert (EP_IS_WINDOW (self));

  if (self->operation != NULL)
    g_cancellable_cancel (self->operation);
}

gboolean
ep_window_get_busy (EpWindow *self)
{
  g_return_val_if_fail (EP_IS_WINDOW (self), FALSE);

  return self->operation != NULL;
}

/* ---- the pages and the project --------------------------------------------------------------- */

static gboolean
list_contains (GListModel *model,
               gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return TRUE;
    }
  return FALSE;
}

/* A cohort opened, imported or made from an example on the Cohorts page joins the project. */
static void
cohort_page_cohort_cb (EpWindow     *self,
                       GParamSpec   *pspec,
                       EpCohortPage *page)
{
  EpCohort *cohort = ep_cohort_page_get_cohort (page);

  if (self->syncing || cohort == NULL)
    return;
  if (!list_contains (ep_project_get_cohorts (self->project), cohort))
    ep_project_add_cohort (self->project, cohort);
}

static void
analysis_running_cb (EpWindow   *self,
                     GParamSpec *pspec,
                     EpAnalysis *analysis)
{
  if (!ep_analysis_get_running (analysis))
    _ep_window_write_recovery (self);
}

/* An analysis leaves the project with the figures that show it, as one step of the project's
 * history (ep_project_remove_analysis()); the Figures page follows the project's figures
 * (project_figures_changed_cb), and a toast offers the undo. */
static void
cohort_page_analysis_remove_cb (EpWindow     *self,
                                EpAnalysis   *analysis,
                                EpCohortPage *page)
{
  g_autofree char *description = ep_analysis_describe (analysis);
  /* Translators: %s describes an analysis ("OS by arm") */
  g_autofree char *title = g_strdup_printf (_("“%s” removed"), description);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  ep_project_remove_analysis (self->project, analysis);

  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "win.undo-project");
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Edit Options: the analysis takes the new options in place (same id, same figures) and is
 * computed again; one step of the project's history. */
static void
cohort_page_analysis_edit_cb (EpWindow     *self,
                              EpAnalysis   *analysis,
                              EpAnalysis   *edited,
                              EpCohortPage *page)
{
  g_autoptr(GVariant) options = g_variant_ref_sink (ep_analysis_to_variant (edited));
  g_autoptr(GError) error = NULL;

  if (!ep_project_set_analysis_options (self->project, analysis, options, &error))
    _ep_window_toast_escaped (self, error->message);
}

/* Undo of the project's history from a toast or the Cohorts page (the Figures page has its own
 * Ctrl+Z): an analysis brought back is shown. */
void
_ep_window_undo_project (EpWindow *self)
{
  gpointer changed;

  if (self->project == NULL)
    return;
  changed = ep_project_undo (self->project);
  if (EP_IS_ANALYSIS (changed)
      && ep_project_get_analysis_cohort (self->project, changed) == ep_cohort_page_get_cohort (self->cohort_page))
    ep_cohort_page_show_analysis (self->cohort_page, changed);
}

/* The Figures page lists the project's figures: one the project removed (with its analysis) or
 * brought back (undo) leaves or joins it. Figures shown but not saved (no data source) stay. */
static void
project_figures_changed_cb (EpWindow   *self,
                            guint       position,
                            guint       removed,
                            guint       added,
                            GListModel *figures)
{
  GListModel *page_figures = ep_figure_page_get_figures (self->figure_page);
  gboolean syncing = self->syncing;

  if (syncing)
    return;
  self->syncing = TRUE;
  for (guint i = g_list_model_get_n_items (page_figures); removed > 0 && i > 0; i--)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (page_figures, i - 1);

      if (!list_contains (figures, figure) && g_object_get_data (G_OBJECT (figure), "ep-unsaved") == NULL)
        ep_figure_page_remove_figure (self->figure_page, figure);
    }
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (figures, i);

      if (!list_contains (page_figures, figure))
        ep_figure_page_add_figure (self->figure_page, figure);
    }
  self->syncing = syncing;
}

/* Every analysis run on the Cohorts page is one of the project's, and is kept in the recovery
 * file as soon as it has run. The dialog makes a new EpAnalysis for every run: one with the same
 * kind and options on the same cohort replaces the earlier one, so reruns add nothing. */
static void
cohort_page_analysis_run_cb (EpWindow     *self,
                             EpAnalysis   *analysis,
                             EpCohortPage *page)
{
  GListModel *analyses = ep_project_get_analyses (self->project);
  EpCohort *cohort = ep_cohort_page_get_cohort (page);

  if (cohort == NULL)
    return;
  if (!list_contains (analyses, analysis))
    {
      g_autoptr(GVariant) options = g_variant_ref_sink (ep_analysis_to_variant (analysis));

      /* one step of the history: a rerun replaces its twin */
      ep_project_begin_step (self->project);
      for (guint i = g_list_model_get_n_items (analyses); i > 0; i--)
        {
          g_autoptr(EpAnalysis) other = g_list_model_get_item (analyses, i - 1);
          g_autoptr(GVariant) other_options = g_variant_ref_sink (ep_analysis_to_variant (other));

          if (ep_project_get_analysis_cohort (self->project, other) == cohort
              && g_variant_equal (options, other_options))
            ep_project_remove_analysis (self->project, other);
        }

      ep_project_add_analysis (self->project, analysis, cohort);
      ep_project_end_step (self->project);
      g_signal_connect_object (analysis, "notify::running", G_CALLBACK (analysis_running_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else
    ep_project_set_modified (self->project, TRUE);
}

/* A figure the Figures page made from a data file: the file's data join the project as a cohort
 * and the figure refers to it, so the saved project does not depend on the file. */
static gboolean
figure_page_figure_from_file_cb (EpWindow     *self,
                                 EpFigure     *figure,
                                 EpCohort     *cohort,
                                 JsonObject   *source,
                                 EpFigurePage *page)
{
  g_autoptr(JsonObject) named = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  g_assert (EP_IS_WINDOW (self));

  /* Added first: the project may rename it ("aml (2)") to keep cohort names unique. */
  ep_project_add_cohort (self->project, cohort);

  json_object_iter_init (&iter, source);
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (named, member, json_node_copy (value));
  json_object_set_string_member (named, "cohort", ep_cohort_get_name (cohort));

  ep_window_add_figure (self, figure, named);

  return TRUE;
}

/* A figure removed on the Figures page leaves the project; one added that is not the project's
 * (with no data source to make it again) is said so. */
static void
figure_page_items_changed_cb (EpWindow   *self,
                              guint       position,
                              guint       removed,
                              guint       added,
                              GListModel *page_figures)
{
  GListModel *figures = ep_project_get_figures (self->project);

  if (self->syncing)
    return;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (page_figures, i);

      if (!list_contains (figures, figure))
        {
          g_object_set_data (G_OBJECT (figure), "ep-unsaved", GINT_TO_POINTER (TRUE));
          /* Translators: %s is a figure's name */
          g_autofree char *text = g_strdup_printf (_("“%s” is shown but not saved with the project"),
                                                   ep_figure_get_display_name (figure));

          _ep_window_toast_escaped (self, text);
        }
    }
  if (removed == 0)
    return;

  for (guint i = g_list_model_get_n_items (figures); i > 0; i--)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (figures, i - 1);

      if (!list_contains (page_figures, figure))
        ep_project_remove_figure (self->project, figure);
    }
}

/* The analysis dialogs of the page's cohort start from that cohort's saved analyses. */
static void
ep_window_remember_analyses (EpWindow *self)
{
  GListModel *analyses = ep_project_get_analyses (self->project);
  EpCohort *cohort = ep_cohort_page_get_cohort (self->cohort_page);

  for (guint i = 0; cohort != NULL && i < g_list_model_get_n_items (analyses); i++)
    {
      g_autoptr(EpAnalysis) analysis = g_list_model_get_item (analyses, i);

      if (ep_project_get_analysis_cohort (self->project, analysis) == cohort)
        ep_cohort_page_remember_analysis (self->cohort_page, analysis);
    }
}

static void
ep_window_fill_pages (EpWindow *self)
{
  GListModel *page_figures = ep_figure_page_get_figures (self->figure_page);
  GListModel *cohorts = ep_project_get_cohorts (self->project);
  GListModel *analyses = ep_project_get_analyses (self->project);
  GListModel *figures = ep_project_get_figures (self->project);
  g_autoptr(EpCohort) first = NULL;

  self->syncing = TRUE;

  while (g_list_model_get_n_items (page_figures) > 0)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (page_figures, 0);

      ep_figure_page_remove_figure (self->figure_page, figure);
    }
  for (guint i = 0; i < g_list_model_get_n_items (figures); i++)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (figures, i);

      ep_figure_page_add_figure (self->figure_page, figure);
    }

  ep_cohort_page_set_analyses (self->cohort_page, analyses);
  if (g_list_model_get_n_items (cohorts) > 0)
    first = g_list_model_get_item (cohorts, 0);
  ep_cohort_page_set_cohort (self->cohort_page, first);
  ep_window_remember_analyses (self);
  /* A reopened project shows its results first: the Cohorts page with its results panel. */
  if (g_list_model_get_n_items (ep_cohort_page_get_analyses (self->cohort_page)) > 0)
    {
      ep_cohort_page_show_results (self->cohort_page);
      ep_window_set_place (self, "cohorts");
    }

  for (guint i = 0; i < g_list_model_get_n_items (analyses); i++)
    {
      g_autoptr(EpAnalysis) analysis = g_list_model_get_item (analyses, i);

      g_signal_connect_object (analysis, "notify::running", G_CALLBACK (analysis_running_cb), self,
                               G_CONNECT_SWAPPED);
    }

  /* The Trials page comes back with the project's last trial selection selected. */
  {
    g_auto(GStrv) names = ep_project_list_trial_selections (self->project);
    guint n = names != NULL ? g_strv_length (names) : 0;

    if (n > 0 && ep_trial_browser_get_catalog (self->trial_browser) != NULL)
      ep_trial_browser_select_ids (self->trial_browser,
                                   ep_project_get_trial_selection_ids (self->project,
                                                                       names[n - 1]));
  }

  self->syncing = FALSE;
}

void
_ep_window_show_cohort (EpWindow   *self,
                        const char *name)
{
  EpCohort *cohort;

  g_assert (EP_IS_WINDOW (self));

  cohort = ep_project_find_cohort (self->project, name);
  if (cohort == NULL)
    return;
  ep_cohort_page_set_cohort (self->cohort_page, cohort);
  ep_window_remember_analyses (self);
  ep_window_set_place (self, "cohorts");
}

static void
project_modified_cb (EpWindow   *self,
                     GParamSpec *pspec,
                     EpProject  *project)
{
  ep_window_update_title (self);
  if (!ep_project_get_modified (project))
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->first_unsaved_edit = 0;
    }
}

/* The project's own trial arms join the catalog the Trials page shows (marked user-entered). */
static void
project_user_trials_cb (EpWindow  *self,
                        EpProject *project)
{
  g_autoptr(GError) error = NULL;

  if (self->catalog == NULL)
    return;
  if (!ep_catalog_set_user_records (self->catalog, ep_project_get_user_trials (project), &error))
    g_warning ("%s", error->message);   /* the project validated them as they were set */
}

void
_ep_window_set_project (EpWindow  *self,
                        EpProject *project)
{
  g_assert (EP_IS_WINDOW (self));
  g_assert (EP_IS_PROJECT (project));

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_signal_handlers_disconnect_by_data (ep_project_get_cohorts (self->project), self);
      g_signal_handlers_disconnect_by_data (ep_project_get_figures (self->project), self);
      /* The user saved it or chose to discard its changes. */
      ep_project_discard_recovery (self->project);
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->first_unsaved_edit = 0;
  self->recovery_again = FALSE;

  g_set_object (&self->project, project);
  g_signal_connect_object (project, "changed", G_CALLBACK (_ep_window_project_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::modified", G_CALLBACK (project_modified_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::title", G_CALLBACK (ep_window_update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (ep_project_get_cohorts (project), "items-changed",
                           G_CALLBACK (ep_window_update_cohorts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ep_project_get_figures (project), "items-changed",
                           G_CALLBACK (project_figures_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "user-trials-changed", G_CALLBACK (project_user_trials_cb),
                           self, G_CONNECT_SWAPPED);
  project_user_trials_cb (self, project);

  ep_figure_page_set_project (self->figure_page, project);
  ep_trial_browser_set_project (self->trial_browser, project);
  ep_window_fill_pages (self);
  ep_window_update_title (self);
  ep_window_update_cohorts (self);
  /* A recovered project has edits that are in no file but the recovery file. */
  if (ep_project_get_modified (project))
    _ep_window_project_changed (self, project);
}

EpProject *
ep_window_get_project (EpWindow *self)
{
  g_return_val_if_fail (EP_IS_WINDOW (self), NULL);

  return self->project;
}

/* ---- opening --------------------------------------------------------------------------------- */

typedef struct
{
  EpWindow *window;
  GFile    *file;
  gboolean  example;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->file);
  g_free (data);
}

static void
open_progress_cb (double   fraction,
                  gpointer user_data)
{
  OpenData *data = user_data;

  ep_window_set_progress (data->window, fraction);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  OpenData *data = user_data;
  EpWindow *self = data->window;
  g_autoptr(EpProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = ep_project_open_finish (result, &error);
  ep_window_end_operation (self);

  if (project == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ep_window_show_toast (self, _("Opening cancelled"));
      else
        {
          g_autofree char *name = _ep_window_file_display_name (data->file);
          /* Translators: %s is a file name */
          g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);
          g_autofree char *uri = g_file_get_uri (data->file);

          /* A file that does not open is no recent project (the file chooser may have added it
           * when it was picked). */
          gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), uri, NULL);
          _ep_window_show_error (self, heading, error);
        }
    }
  else
    {
      /* An example is a template: saving it asks where, and it is no recent project. */
      if (data->example)
        ep_project_forget_file (project);
      else
        _ep_window_add_recent (self, data->file);
      _ep_window_set_project (self, project);
      /* Stored results that did not match the data are being computed again: say so. */
      {
        const char * const *notes = ep_project_get_open_notes (project);

        if (notes[0] != NULL)
          {
            g_autofree char *escaped = g_markup_escape_text (notes[0], -1);

            ep_window_show_toast (self, escaped);
          }
      }
    }

  open_data_free (data);
}

static void
ep_window_start_open (EpWindow *self,
                      GFile    *file,
                      gboolean  example)
{
  OpenData *data;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_assert (EP_IS_WINDOW (self));

  if (self->operation != NULL)
    return;

  data = g_new0 (OpenData, 1);
  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  data->example = example;
  name = _ep_window_file_display_name (file);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Opening “%s”…"), name);
  ep_window_begin_operation (self, title);
  ep_project_open_async (file, open_progress_cb, data, self->operation, open_done_cb, data);
}

/* ---- the unsaved-changes question ------------------------------------------------------------ */

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
ep_window_run_pending (EpWindow *self,
                       Pending  *pending)
{
  switch (pending->kind)
    {
    case PENDING_CLOSE:
      /* Not from inside the dialog's response, which is the window's transient child. */
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
      break;
    case PENDING_NEW:
      {
        g_autoptr(EpProject) project = ep_project_new ();

        _ep_window_set_project (self, project);
      }
      break;
    case PENDING_OPEN:
    case PENDING_OPEN_EXAMPLE:
      ep_window_start_open (self, pending->file, pending->kind == PENDING_OPEN_EXAMPLE);
      break;
    case PENDING_RECOVER:
      _ep_window_recover (self, pending->path);
      break;
    default:
      g_assert_not_reached ();
    }
  pending_free (pending);
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     EpWindow         *self)
{
  Pending *pending = g_steal_pointer (&self->pending);

  if (g_strcmp0 (response, "discard") == 0)
    ep_window_run_pending (self, pending);
  else if (g_strcmp0 (response, "save") == 0)
    {
      /* Runs once the save has succeeded. */
      self->pending = pending;
      ep_window_save_project (self, NULL);
    }
  else
    pending_free (pending);
}

/* Runs pending at once, or after Save / Discard when the project has unsaved changes. */
static void
ep_window_proceed (EpWindow *self,
                   Pending  *pending)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  g_assert (EP_IS_WINDOW (self));

  if (self->operation != NULL)
    {
      ep_window_show_toast (self, _("Wait until the project is saved or opened"));
      pending_free (pending);
      return;
    }
  if (!ep_project_get_modified (self->project))
    {
      ep_window_run_pending (self, pending);
      return;
    }

  pending_free (self->pending);
  self->pending = pending;

  /* Translators: %s is the project's name */
  heading = g_strdup_printf (_("Save Changes to “%s”?"), ep_project_get_title (self->project));
  dialog = _ep_window_message_dialog (self, heading,
                                     _("Changes that are not saved will be lost."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_ep_window_ask_open (EpWindow *self,
                     GFile    *file,
                     gboolean  example)
{
  g_assert (EP_IS_WINDOW (self));

  ep_window_proceed (self, pending_new (example ? PENDING_OPEN_EXAMPLE : PENDING_OPEN, file, NULL));
}

void
_ep_window_ask_recover (EpWindow   *self,
                        const char *path)
{
  g_assert (EP_IS_WINDOW (self));

  ep_window_proceed (self, pending_new (PENDING_RECOVER, NULL, path));
}

void
ep_window_open_project (EpWindow *self,
                        GFile    *file)
{
  g_return_if_fail (EP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  ep_window_proceed (self, pending_new (PENDING_OPEN, file, NULL));
}

void
_ep_window_new_project (EpWindow *self)
{
  ep_window_proceed (self, pending_new (PENDING_NEW, NULL, NULL));
}

gboolean
_ep_window_project_close_request (EpWindow *self)
{
  g_assert (EP_IS_WINDOW (self));

  if (!self->close_confirmed && self->operation != NULL)
    {
      ep_window_show_toast (self, _("Wait until the project is saved or opened"));
      return FALSE;
    }
  if (!self->close_confirmed && ep_project_get_modified (self->project))
    {
      ep_window_proceed (self, pending_new (PENDING_CLOSE, NULL, NULL));
      return FALSE;
    }

  /* A clean close: nothing is left to recover. */
  self->close_confirmed = TRUE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->recovery_cancellable != NULL)
    g_cancellable_cancel (self->recovery_cancellable);
  ep_project_discard_recovery (self->project);
  return TRUE;
}

/* ---- file choosers --------------------------------------------------------------------------- */

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Endpoint Projects"));
  gtk_file_filter_add_mime_type (filter, EP_WINDOW_PROJECT_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "endpoint");
  return filter;
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  EpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        ep_window_open_project (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

void
_ep_window_open_chooser (EpWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = project_filter ();

  dialog = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     EpWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);

      /* The extension is what the file manager and the Open dialog know a project by. */
      if (basename != NULL && !g_str_has_suffix (basename, ".endpoint"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *name = g_strconcat (basename, ".endpoint", NULL);

          g_set_object (&file, g_file_get_child (parent, name));
        }
      ep_window_save_project (self, file);
    }
  else
    /* Not saved: what was to follow a save does not happen. */
    g_clear_pointer (&self->pending, pending_free);

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

void
_ep_window_save_as (EpWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = project_filter ();
  g_autofree char *name = g_strconcat (ep_project_get_title (self->project), ".endpoint", NULL);
  GFile *current = ep_project_get_file (self->project);

  dialog = gtk_file_chooser_native_new (_("Save Project"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  if (current != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (current);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- saving ---------------------------------------------------------------------------------- */

typedef struct
{
  EpWindow *window;
  GFile    *file;
  gulong    progress_id;
} SaveData;

static void
save_progress_cb (EpWindow   *self,
                  GParamSpec *pspec,
                  EpProject  *project)
{
  ep_window_set_progress (self, ep_project_get_progress (project));
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveData *data = user_data;
  EpWindow *self = data->window;
  EpProject *project = EP_PROJECT (object);
  g_autoptr(GError) error = NULL;
  Pending *pending = g_steal_pointer (&self->pending);

  g_clear_signal_handler (&data->progress_id, project);
  ep_window_end_operation (self);

  if (!ep_project_save_finish (project, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ep_window_show_toast (self, _("Saving cancelled"));
      else
        {
          g_autofree char *name = _ep_window_file_display_name (data->file);
          /* Translators: %s is a file name */
          g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

          _ep_window_show_error (self, heading, error);
        }
      pending_free (pending);
    }
  else
    {
      _ep_window_add_recent (self, data->file);
      /* The file has everything the recovery file had, unless edits came in meanwhile. */
      if (!ep_project_get_modified (project))
        ep_project_discard_recovery (project);
      if (pending != NULL && project == self->project)
        ep_window_run_pending (self, pending);
      else
        pending_free (pending);
    }

  g_object_unref (data->window);
  g_object_unref (data->file);
  g_free (data);
}

void
ep_window_save_project (EpWindow *self,
                        GFile    *file)
{
  SaveData *data;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (EP_IS_WINDOW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->operation != NULL)
    return;
  if (file == NULL)
    file = ep_project_get_file (self->project);
  if (file == NULL)
    {
      _ep_window_save_as (self);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  name = _ep_window_file_display_name (file);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Saving “%s”…"), name);
  ep_window_begin_operation (self, title);
  data->progress_id = g_signal_connect_object (self->project, "notify::progress",
                                               G_CALLBACK (save_progress_cb), self,
                                               G_CONNECT_SWAPPED);
  ep_project_save_async (self->project, file, self->operation, save_done_cb, data);
}

void
_ep_window_save (EpWindow *self)
{
  ep_window_save_project (self, NULL);
}

/* ---- figures --------------------------------------------------------------------------------- */

void
ep_window_add_figure (EpWindow   *self,
                      EpFigure   *figure,
                      JsonObject *source)
{
  g_autoptr(GError) error = NULL;
  EpFigure *saved = NULL;

  g_return_if_fail (EP_IS_WINDOW (self));
  g_return_if_fail (EP_IS_FIGURE (figure));

  if (source != NULL)
    {
      gboolean syncing = self->syncing;

      /* listed on the Figures page below, selected, not by project_figures_changed_cb */
      self->syncing = TRUE;
      saved = ep_project_add_figure (self->project, ep_figure_get_display_name (figure), source,
                                     &error);
      self->syncing = syncing;
      if (saved != NULL)
        {
          g_autoptr(JsonNode) options = ep_figure_to_json (figure);

          /* The title and options the figure was given; the same kind, so this cannot fail.
           * They are where its undo history starts. */
          ep_figure_load_json (saved, options, NULL);
          ep_project_settle_figure (self->project, saved);
        }
    }

  /* Without one, the Figures page's handler says the figure is not saved. */
  ep_figure_page_add_figure (self->figure_page, saved != NULL ? saved : figure);
  ep_window_set_place (self, "figures");
}

AdwMessageDialog *
ep_window_get_message_dialog (EpWindow *self)
{
  g_return_val_if_fail (EP_IS_WINDOW (self), NULL);

  return self->dialog;
}

/* ---- setup ----------------------------------------------------------------------------------- */

void
_ep_window_project_init (EpWindow *self)
{
  GMenu *menu = G_MENU (gtk_menu_button_get_menu_model (self->primary_menu_button));
  g_autoptr(EpProject) project = ep_project_new ();

  self->autosave_quiet_ms = AUTOSAVE_QUIET_MS;
  self->autosave_max_ms = AUTOSAVE_MAX_MS;

  /* Recent and example projects, then the project's cohorts, after New and Open. */
  _ep_window_recent_init (self, menu);
  self->cohorts_menu = g_menu_new ();
  g_menu_insert_section (menu, 3, _("Cohorts"), G_MENU_MODEL (self->cohorts_menu));

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (ep_window_update_project_title_visible), self,
                           G_CONNECT_SWAPPED);
  ep_window_update_project_title_visible (self);

  g_signal_connect_object (self->cohort_page, "notify::cohort", G_CALLBACK (cohort_page_cohort_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cohort_page, "analysis-run",
                           G_CALLBACK (cohort_page_analysis_run_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cohort_page, "analysis-remove",
                           G_CALLBACK (cohort_page_analysis_remove_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cohort_page, "analysis-edit",
                           G_CALLBACK (cohort_page_analysis_edit_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ep_figure_page_get_figures (self->figure_page), "items-changed",
                           G_CALLBACK (figure_page_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->figure_page, "figure-from-file",
                           G_CALLBACK (figure_page_figure_from_file_cb), self, G_CONNECT_SWAPPED);

  _ep_window_set_project (self, project);
}

void
_ep_window_project_dispose (EpWindow *self)
{
  /* Not a clean close (a crash or a test destroying the window): the recovery file stays. */
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->operation != NULL)
    g_cancellable_cancel (self->operation);
  if (self->recovery_cancellable != NULL)
    g_cancellable_cancel (self->recovery_cancellable);
  g_clear_pointer (&self->pending, pending_free);
  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_signal_handlers_disconnect_by_data (ep_project_get_cohorts (self->project), self);
      g_signal_handlers_disconnect_by_data (ep_project_get_figures (self->project), self);
    }
}

void
_ep_window_project_finalize (EpWindow *self)
{
  g_clear_object (&self->project);
  g_clear_object (&self->operation);
  g_clear_object (&self->recovery_cancellable);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->cohorts_menu);
  g_clear_pointer (&self->example_projects_dir, g_free);
}

