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

static void
analysis_dialog_run_cb (EpAnalysisDialog *dialog,
                        EpAnalysis       *analysis,
                        EpCohortPage     *self)
{
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
  ep_analysis_results_set_analysis (self->results, analysis, self->cancellable);
  gtk_stack_set_visible_child_name (self->stack, "results");
  _ep_cohort_page_update_actions (self);

  _ep_cohort_page_emit_analysis_run (self, analysis);
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

static void
ep_cohort_page_show_results_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);

  if (self->shown != NULL)
    gtk_stack_set_visible_child_name (self->stack, "results");
}

void
_ep_cohort_page_class_analysis_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "cohort.analyze", "s", ep_cohort_page_analyze_action);
  gtk_widget_class_install_action (widget_class, "cohort.show-results", NULL, ep_cohort_page_show_results_action);
  gtk_widget_class_install_action (widget_class, "cohort.show-figure", NULL, ep_cohort_page_show_figure_action);
}
