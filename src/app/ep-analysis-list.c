/* ep-analysis-list.c: the analyses of a cohort, in the order made, as a side list
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The results panel's list (docs/projects.md): one row per analysis of the shown cohort, with
 * its kind, its options in one line and its state (up to date, updating, or why it cannot
 * run). Selecting a row emits ::analysis-selected; the Cohorts page then shows its tables.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-analysis-list.h"

struct _EpAnalysisList
{
  AdwBin       parent_instance;

  GtkListBox  *list_box;

  GListModel  *model;
  gboolean     selecting;
};

enum
{
  ANALYSIS_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EpAnalysisList, ep_analysis_list, ADW_TYPE_BIN)

static const char *
state_text (EpAnalysis *analysis)
{
  switch (ep_analysis_get_state (analysis))
    {
    case EP_ANALYSIS_STATE_STALE:   return _("Updating…");
    case EP_ANALYSIS_STATE_INVALID: return ep_analysis_get_state_message (analysis);
    case EP_ANALYSIS_STATE_EMPTY:   return ep_analysis_get_running (analysis) ? _("Computing…") : _("Not run yet");
    case EP_ANALYSIS_STATE_FRESH:
    default:                        return NULL;
    }
}

static void
row_update (GtkWidget  *row,
            GParamSpec *pspec,
            EpAnalysis *analysis)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *state = gtk_widget_get_next_sibling (subtitle);
  g_autofree char *description = ep_analysis_describe (analysis);
  const char *text = state_text (analysis);

  gtk_label_set_text (GTK_LABEL (title), ep_analysis_kind_get_title (ep_analysis_get_kind (analysis)));
  gtk_label_set_text (GTK_LABEL (subtitle), description);
  gtk_widget_set_tooltip_text (subtitle, description);
  gtk_label_set_text (GTK_LABEL (state), text != NULL ? text : "");
  gtk_widget_set_visible (state, text != NULL);
  if (ep_analysis_get_state (analysis) == EP_ANALYSIS_STATE_INVALID)
    gtk_widget_add_css_class (state, "error");
  else
    gtk_widget_remove_css_class (state, "error");
}

static void
row_options_changed (EpAnalysis *analysis,
                     GtkWidget  *row)
{
  row_update (row, NULL, analysis);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  EpAnalysis *analysis = EP_ANALYSIS (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
  gtk_label_set_xalign (GTK_LABEL (state), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (state, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_box_append (GTK_BOX (box), state);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "analysis", g_object_ref (analysis), g_object_unref);
  g_signal_connect_object (analysis, "notify::state", G_CALLBACK (row_update), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (analysis, "notify::running", G_CALLBACK (row_update), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (analysis, "options-changed", G_CALLBACK (row_options_changed), row, 0);
  row_update (row, NULL, analysis);

  return row;
}

static void
ep_analysis_list_row_selected_cb (EpAnalysisList *self,
                                  GtkListBoxRow  *row,
                                  GtkListBox     *list_box)
{
  g_assert (EP_IS_ANALYSIS_LIST (self));

  if (self->selecting || row == NULL)
    return;
  g_signal_emit (self, signals[ANALYSIS_SELECTED], 0, g_object_get_data (G_OBJECT (row), "analysis"));
}

static void
ep_analysis_list_dispose (GObject *object)
{
  EpAnalysisList *self = EP_ANALYSIS_LIST (object);

  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_ANALYSIS_LIST);

  G_OBJECT_CLASS (ep_analysis_list_parent_class)->dispose (object);
}

static void
ep_analysis_list_class_init (EpAnalysisListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_analysis_list_dispose;

  /**
   * EpAnalysisList::analysis-selected:
   * @analysis: the analysis whose row the user selected
   */
  signals[ANALYSIS_SELECTED] =
    g_signal_new ("analysis-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, EP_TYPE_ANALYSIS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/endpoint/Endpoint/ui/ep-analysis-list.ui");
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisList, list_box);
  gtk_widget_class_bind_template_callback (widget_class, ep_analysis_list_row_selected_cb);
}

static void
ep_analysis_list_init (EpAnalysisList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ep_analysis_list_new (void)
{
  return g_object_new (EP_TYPE_ANALYSIS_LIST, NULL);
}

void
ep_analysis_list_set_model (EpAnalysisList *self,
                            GListModel     *analyses)
{
  g_return_if_fail (EP_IS_ANALYSIS_LIST (self));
  g_return_if_fail (analyses == NULL || G_IS_LIST_MODEL (analyses));

  g_set_object (&self->model, analyses);
  self->selecting = TRUE;
  gtk_list_box_bind_model (self->list_box, analyses, analyses != NULL ? create_row : NULL, self, NULL);
  self->selecting = FALSE;
}

void
ep_analysis_list_select (EpAnalysisList *self,
                         EpAnalysis     *analysis)
{
  GtkListBoxRow *row = NULL;

  g_return_if_fail (EP_IS_ANALYSIS_LIST (self));

  for (guint i = 0; analysis != NULL && self->model != NULL
                    && i < g_list_model_get_n_items (self->model); i++)
    {
      g_autoptr(EpAnalysis) item = g_list_model_get_item (self->model, i);

      if (item == analysis)
        row = gtk_list_box_get_row_at_index (self->list_box, (int) i);
    }
  self->selecting = TRUE;
  gtk_list_box_select_row (self->list_box, row);
  self->selecting = FALSE;
}

EpAnalysis *
ep_analysis_list_get_selected (EpAnalysisList *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (EP_IS_ANALYSIS_LIST (self), NULL);

  row = gtk_list_box_get_selected_row (self->list_box);
  return row != NULL ? g_object_get_data (G_OBJECT (row), "analysis") : NULL;
}

guint
ep_analysis_list_get_n_items (EpAnalysisList *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS_LIST (self), 0);

  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}
