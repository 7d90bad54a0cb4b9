/* ep-cohort-page-analysis.c: the Cohorts page's analyses: their options dialog, the run in a
 * worker thread with its results, and the figure of the results on the Figures page
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-analysis-dialog.h"
#include "app/ep-cohort-page-private.h"
#include "app/ep-window.h"
#include "model/ep-reconstruction.h"

static void set_caveat (EpCohortPage *self);

static void
analysis_dialog_run_cb (EpAnalysisDialog *dialog,
                        EpAnalysis       *analysis,
                        EpCohortPage     *self)
{
  g_autoptr(EpAnalysis) edited = g_steal_pointer (&self->editing);

  /* Edit Options of one of the project's analyses: it takes the new options in place (its id
   * and its figures stay) and is computed again in the background. */
  if (edited != NULL && edited != analysis && ep_analysis_get_id (edited) != NULL
      && ep_analysis_get_kind (edited) == ep_analysis_get_kind (analysis))
    {
      _ep_cohort_page_emit_analysis_edit (self, edited, analysis);
      _ep_cohort_page_show_analysis (self, edited);
      gtk_stack_set_visible_child_name (self->stack, "results");
      return;
    }
  ep_cohort_page_run_analysis (self, analysis);
}

void
ep_cohort_page_analyze (EpCohortPage   *self,
                        EpAnalysisKind  kind)
{
  EpAnalysisDialog *dialog;

  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (self->cohort != NULL);

  dialog = ep_analysis_dialog_new (self->cohort, kind, self->last[kind]);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "run", G_CALLBACK (analysis_dialog_run_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ep_cohort_page_analyze_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  EpAnalysisKind kind;

  if (ep_analysis_kind_from_string (g_variant_get_string (param, NULL), &kind))
    ep_cohort_page_analyze (EP_COHORT_PAGE (widget), kind);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(EpCohortPage) self = data;
  EpAnalysis *analysis = EP_ANALYSIS (object);
  g_autoptr(GError) error = NULL;

  if (!ep_analysis_run_finish (analysis, result, &error)
      && ep_analysis_results_get_analysis (self->results) == analysis)
    ep_analysis_results_show_error (self->results, error);
  _ep_cohort_page_update_actions (self);
}

void
ep_cohort_page_run_analysis (EpCohortPage *self,
                             EpAnalysis   *analysis)
{
  EpAnalysisKind kind;

  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (EP_IS_ANALYSIS (analysis));
  g_return_if_fail (self->cohort != NULL);

  /* One analysis at a time: a new one replaces the one running. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  kind = ep_analysis_get_kind (analysis);
  g_set_object (&self->last[kind], analysis);
  g_set_object (&self->shown, analysis);
  set_caveat (self);
  ep_analysis_results_set_analysis (self->results, analysis, self->cancellable);
  gtk_stack_set_visible_child_name (self->stack, "results");
  _ep_cohort_page_update_actions (self);

  _ep_cohort_page_emit_analysis_run (self, analysis);
  ep_analysis_list_select (self->analysis_list, analysis);
  ep_analysis_run_async (analysis, self->cohort, self->cancellable, run_cb, g_object_ref (self));
}

void
ep_cohort_page_remember_analysis (EpCohortPage *self,
                                  EpAnalysis   *analysis)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (EP_IS_ANALYSIS (analysis));

  g_set_object (&self->last[ep_analysis_get_kind (analysis)], analysis);
}

/* The figure of the results on the Figures page: a view of the analysis itself (Kaplan-Meier
 * curves, cumulative incidence or the hazard-ratio table), so it follows the analysis when the
 * data change (the live graph, docs/projects.md). */
static JsonObject *
source_for_analysis (EpCohort   *cohort,
                     EpAnalysis *analysis)
{
  JsonObject *source = json_object_new ();

  json_object_set_string_member (source, "kind", "analysis");
  json_object_set_string_member (source, "analysis", ep_analysis_get_id (analysis));
  json_object_set_string_member (source, "cohort", ep_cohort_get_name (cohort));
  return source;
}

static void
ep_cohort_page_show_figure_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autoptr(JsonObject) source = NULL;

  if (self->cohort == NULL || self->shown == NULL || !EP_IS_WINDOW (root))
    return;

  figure = ep_analysis_get_id (self->shown) != NULL
           ? ep_figure_new_for_analysis (self->shown, &error) : NULL;
  if (figure == NULL && error == NULL)
    g_set_error_literal (&error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_NOT_RUN,
                         _("This analysis is not part of the project"));
  if (figure == NULL)
    {
      _ep_cohort_page_show_message (self, error->message);
      return;
    }
  title = ep_analysis_describe (self->shown);
  ep_figure_set_title (figure, title);
  source = source_for_analysis (self->cohort, self->shown);
  ep_window_add_figure (EP_WINDOW (root), figure, source);
}

/* A landmark analysis's Simon-Makuch curves on the Figures page (issue 16): a view of the
 * analysis like the figure above, its source saying which curves it draws. */
static void
ep_cohort_page_show_simon_makuch_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  g_autofree char *title = NULL;
  g_autoptr(JsonObject) source = NULL;

  if (self->cohort == NULL || self->shown == NULL || !EP_IS_WINDOW (root)
      || ep_analysis_get_id (self->shown) == NULL)
    return;

  figure = ep_figure_new_simon_makuch (self->shown, &error);
  if (figure == NULL)
    {
      _ep_cohort_page_show_message (self, error->message);
      return;
    }
  what = ep_analysis_describe (self->shown);
  /* TRANSLATORS: a figure's title: "Simon-Makuch: OS by response" */
  title = g_strdup_printf (_("Simon-Makuch: %s"), what);
  ep_figure_set_title (figure, title);
  source = source_for_analysis (self->cohort, self->shown);
  json_object_set_string_member (source, "view", "simon-makuch");
  ep_window_add_figure (EP_WINDOW (root), figure, source);
}

static void
ep_cohort_page_show_results_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  ep_cohort_page_show_results (EP_COHORT_PAGE (widget));
}

/* The results panel: the project's analyses of the shown cohort, in the order made. */

static gboolean
analysis_of_cohort (gpointer item,
                    gpointer user_data)
{
  EpCohortPage *self = user_data;

  return self->cohort != NULL && ep_analysis_get_cohort (EP_ANALYSIS (item)) == self->cohort;
}

static void
analyses_changed_cb (EpCohortPage *self)
{
  /* The shown analysis left the project (removed, replaced by a rerun): show the last one. */
  gboolean listed = FALSE;

  for (guint i = 0; self->shown != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->analyses)); i++)
    {
      g_autoptr(EpAnalysis) item = g_list_model_get_item (G_LIST_MODEL (self->analyses), i);

      listed |= item == self->shown;
    }
  if (self->shown != NULL && ep_analysis_get_id (self->shown) != NULL && !listed)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->analyses));
      g_autoptr(EpAnalysis) last = n > 0 ? g_list_model_get_item (G_LIST_MODEL (self->analyses), n - 1) : NULL;

      _ep_cohort_page_show_analysis (self, last);
      if (last == NULL)
        gtk_stack_set_visible_child_name (self->stack, self->cohort != NULL ? "editor" : "welcome");
    }
  _ep_cohort_page_update_actions (self);
}

/* A bias warning's remedy (ep-analysis-results.c): a new analysis of the shown cohort. */
static void
results_run_analysis_cb (EpCohortPage      *self,
                         EpAnalysis        *analysis,
                         EpAnalysisResults *results)
{
  if (self->cohort != NULL)
    ep_cohort_page_run_analysis (self, analysis);
}

void
_ep_cohort_page_analysis_init (EpCohortPage *self)
{
  g_signal_connect_object (self->results, "run-analysis", G_CALLBACK (results_run_analysis_cb),
                           self, G_CONNECT_SWAPPED);
  self->analyses_filter = gtk_custom_filter_new (analysis_of_cohort, self, NULL);
  self->analyses = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->analyses_filter)));
  g_signal_connect_object (self->analyses, "items-changed", G_CALLBACK (analyses_changed_cb), self,
                           G_CONNECT_SWAPPED);
  ep_analysis_list_set_model (self->analysis_list, G_LIST_MODEL (self->analyses));
}

/* A cohort reconstructed from a published figure, or combined from the user's patients and
 * such an arm, says so above every result: where it comes from and that the data are
 * approximate (issue 17; ep_project_get_reconstruction_note()). */
static void
set_caveat (EpCohortPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *text = NULL;

  if (EP_IS_WINDOW (root) && self->cohort != NULL)
    text = ep_project_get_reconstruction_note (ep_window_get_project (EP_WINDOW (root)),
                                               ep_cohort_get_name (self->cohort));
  ep_analysis_results_set_caveat (self->results, text);
}

void
_ep_cohort_page_show_analysis (EpCohortPage *self,
                               EpAnalysis   *analysis)
{
  g_set_object (&self->shown, analysis);
  if (analysis != NULL)
    g_set_object (&self->last[ep_analysis_get_kind (analysis)], analysis);
  set_caveat (self);
  ep_analysis_results_set_analysis (self->results, analysis, NULL);
  ep_analysis_list_select (self->analysis_list, analysis);
  _ep_cohort_page_update_actions (self);
}

void
ep_cohort_page_set_analyses (EpCohortPage *self,
                             GListModel   *analyses)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (analyses == NULL || G_IS_LIST_MODEL (analyses));

  gtk_filter_list_model_set_model (self->analyses, analyses);
  gtk_filter_changed (GTK_FILTER (self->analyses_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

GListModel *
ep_cohort_page_get_analyses (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);
  return G_LIST_MODEL (self->analyses);
}

void
ep_cohort_page_show_analysis (EpCohortPage *self,
                              EpAnalysis   *analysis)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (EP_IS_ANALYSIS (analysis));

  _ep_cohort_page_show_analysis (self, analysis);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

void
ep_cohort_page_show_results (EpCohortPage *self)
{
  guint n;

  g_return_if_fail (EP_IS_COHORT_PAGE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->analyses));
  if (self->shown == NULL && n > 0)
    {
      g_autoptr(EpAnalysis) last = g_list_model_get_item (G_LIST_MODEL (self->analyses), n - 1);

      _ep_cohort_page_show_analysis (self, last);
    }
  if (self->shown != NULL)
    gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
ep_cohort_page_analysis_selected_cb (EpCohortPage   *self,
                                     EpAnalysis     *analysis,
                                     EpAnalysisList *list)
{
  _ep_cohort_page_show_analysis (self, analysis);
}

/* Edit Options… and Duplicate…: the dialog starts from the shown analysis; Run replaces it
 * (edit) or adds a new one (duplicate). */
static void
open_dialog_for (EpCohortPage *self,
                 EpAnalysis   *analysis,
                 gboolean      replace)
{
  EpAnalysisDialog *dialog;

  g_clear_object (&self->editing);
  if (replace)
    self->editing = g_object_ref (analysis);
  dialog = ep_analysis_dialog_new (self->cohort, ep_analysis_get_kind (analysis), analysis);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "run", G_CALLBACK (analysis_dialog_run_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ep_cohort_page_edit_analysis_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);

  if (self->cohort != NULL && self->shown != NULL)
    open_dialog_for (self, self->shown, TRUE);
}

static void
ep_cohort_page_duplicate_analysis_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);

  if (self->cohort != NULL && self->shown != NULL)
    open_dialog_for (self, self->shown, FALSE);
}

static void
ep_cohort_page_remove_analysis_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  g_autoptr(EpAnalysis) analysis = self->shown != NULL ? g_object_ref (self->shown) : NULL;

  if (analysis != NULL)
    _ep_cohort_page_emit_analysis_remove (self, analysis);
}

void
_ep_cohort_page_class_analysis_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, ep_cohort_page_analysis_selected_cb);
  gtk_widget_class_install_action (widget_class, "cohort.edit-analysis", NULL, ep_cohort_page_edit_analysis_action);
  gtk_widget_class_install_action (widget_class, "cohort.duplicate-analysis", NULL, ep_cohort_page_duplicate_analysis_action);
  gtk_widget_class_install_action (widget_class, "cohort.remove-analysis", NULL, ep_cohort_page_remove_analysis_action);
  gtk_widget_class_install_action (widget_class, "cohort.analyze", "s", ep_cohort_page_analyze_action);
  gtk_widget_class_install_action (widget_class, "cohort.show-results", NULL, ep_cohort_page_show_results_action);
  gtk_widget_class_install_action (widget_class, "cohort.show-figure", NULL, ep_cohort_page_show_figure_action);
  gtk_widget_class_install_action (widget_class, "cohort.show-simon-makuch", NULL, ep_cohort_page_show_simon_makuch_action);
}
