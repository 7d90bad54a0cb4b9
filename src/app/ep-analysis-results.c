/* ep-analysis-results.c: the results of an analysis of a cohort, as tables
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While the analysis runs: a progress bar and Cancel. Then each EpResultTable of the analysis
 * as a grid of labels (numbers right-aligned in tabular figures), its title above and its note
 * below; Copy puts ep_analysis_to_tsv() on the clipboard, the same text as shown.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-analysis-results.h"
#include "plot/ep-km-plot.h"
#include "plot/ep-zph-plot.h"

struct _EpAnalysisResults
{
  AdwBin           parent_instance;

  EpAnalysis      *analysis;
  GCancellable    *cancellable;
  char            *caveat;     /* shown above the tables, e.g. for reconstructed data */

  /* Template children */
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkWidget       *figure_button;
  GtkRevealer     *progress_revealer;
  GtkProgressBar  *progress_bar;
  GtkStack        *content_stack;
  GtkBox          *tables_box;
  AdwStatusPage   *error_status;
};

G_DEFINE_FINAL_TYPE (EpAnalysisResults, ep_analysis_results, ADW_TYPE_BIN)

enum {
  RUN_ANALYSIS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Issue 16: the figures of the proportional-hazards check and of the Simon-Makuch curves,
 * drawn from the analysis's result with src/plot at the exported size scaled to the widget. */

typedef enum
{
  FIGURE_ZPH,
  FIGURE_SIMON_MAKUCH,
} FigureKind;

static void
draw_figure (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  EpAnalysisResults *self = data;
  FigureKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "figure-kind"));
  g_auto(EpPlotStyle) style = { 0, };
  double w, h, scale;

  if (self->analysis == NULL || !ep_analysis_has_results (self->analysis))
    return;
  ep_plot_style_init (&style);
  w = ep_plot_mm_to_pt (kind == FIGURE_ZPH ? 170 : 110);
  h = ep_plot_mm_to_pt (70);
  scale = MIN (width / w, height / h);
  cairo_scale (cr, scale, scale);
  if (kind == FIGURE_ZPH && ep_analysis_get_zph (self->analysis) != NULL)
    {
      const EpCoxZph *zph = ep_analysis_get_zph (self->analysis);
      const EpCoxFit *fit = ep_analysis_get_cox (self->analysis);
      g_autofree double *coef = g_new (double, MAX (zph->n_terms, 1));
      EpZphPlot plot = { zph, ep_analysis_get_zph_terms (self->analysis), coef,
                         ep_analysis_get_time_unit (self->analysis) };

      /* one column per term: its coefficient; a factor of several columns is drawn on the
       * scale of its linear predictor, where a constant effect is 1 (cox.zph) */
      for (guint t = 0; t < zph->n_terms; t++)
        coef[t] = fit != NULL && fit->p == zph->n_terms ? fit->coef[t] : NAN;
      ep_zph_plot_render (cr, w, h, &plot, &style, NULL);
    }
  else if (kind == FIGURE_SIMON_MAKUCH && ep_analysis_get_simon_makuch (self->analysis) != NULL)
    {
      const char *labels[] = { _("Before response"), _("After response"), NULL };
      EpPlotTimeUnit unit = EP_PLOT_TIME_UNSPECIFIED;
      EpKmPlot plot;

      ep_km_plot_init (&plot, ep_analysis_get_simon_makuch (self->analysis));
      plot.labels = labels;
      if (ep_plot_time_unit_from_string (ep_analysis_get_time_unit (self->analysis), &unit))
        plot.options.data_unit = plot.options.time_unit = unit;
      plot.options.risk_table = FALSE;
      ep_km_plot_render (cr, w, h, &plot, &style, NULL);
    }
}

static GtkWidget *
figure_widget (EpAnalysisResults *self,
               FigureKind         kind,
               const char        *title,
               const char        *note)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (area), "figure-kind", GINT_TO_POINTER (kind));
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), kind == FIGURE_ZPH ? 680 : 440);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 280);
  gtk_widget_set_halign (area, GTK_ALIGN_START);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_figure, self, NULL);
  gtk_widget_set_name (area, kind == FIGURE_ZPH ? "zph-figure" : "simon-makuch-figure");
  gtk_box_append (GTK_BOX (box), area);
  if (note != NULL)
    {
      GtkWidget *n = gtk_label_new (note);

      gtk_label_set_xalign (GTK_LABEL (n), 0.0);
      gtk_label_set_wrap (GTK_LABEL (n), TRUE);
      gtk_widget_add_css_class (n, "dim-label");
      gtk_box_append (GTK_BOX (box), n);
    }
  return box;
}

/* A bias warning with the button that runs the analysis avoiding it. */
static GtkWidget *
bias_widget (const EpAnalysisBias *bias,
             guint                index)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (bias->message);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_add_css_class (label, "warning");
  gtk_box_append (GTK_BOX (box), label);
  if (bias->remedy != NULL)
    {
      GtkWidget *button = gtk_button_new_with_label (bias->remedy_title);

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_margin_start (button, 12);
      gtk_widget_set_margin_bottom (button, 12);
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "results.run-remedy");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
      gtk_box_append (GTK_BOX (box), button);
    }
  else
    gtk_widget_set_margin_bottom (label, 12);
  return box;
}

static void
ep_analysis_results_clear_tables (EpAnalysisResults *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tables_box))) != NULL)
    gtk_box_remove (self->tables_box, child);
}

/* A cell is numeric when it starts like a number ("31 (13–NR)", "<0.001", "90.9% ..."). */
static gboolean
looks_numeric (const char *text)
{
  return text[0] != '\0' && (g_ascii_isdigit (text[0]) || text[0] == '<' || text[0] == '-'
                             || g_str_equal (text, "NA") || g_str_equal (text, "—"));
}

static GtkWidget *
table_widget (const EpResultTable *table)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (table->title);
  GtkWidget *grid = gtk_grid_new ();
  guint n_columns = g_strv_length (table->header);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (box), title);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *label = gtk_label_new (table->header[c]);

      gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0.0 : 1.0);
      gtk_label_set_justify (GTK_LABEL (label), c == 0 ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
      /* A wrapped header grows upwards: the column's name sits on its numbers. */
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (GTK_GRID (grid), label, c, 0, 1, 1);
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);
          gboolean numeric = c > 0 && looks_numeric (cells[c]);

          gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          if (numeric)
            gtk_widget_add_css_class (label, "numeric");
          gtk_grid_attach (GTK_GRID (grid), label, c, r + 1, 1, 1);
        }
    }
  gtk_box_append (GTK_BOX (box), grid);

  if (table->note != NULL)
    {
      GtkWidget *note = gtk_label_new (table->note);

      gtk_label_set_xalign (GTK_LABEL (note), 0.0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_selectable (GTK_LABEL (note), TRUE);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), note);
    }

  return box;
}

static void
ep_analysis_results_update (EpAnalysisResults *self)
{
  gboolean running;

  g_assert (EP_IS_ANALYSIS_RESULTS (self));

  running = self->analysis != NULL && ep_analysis_get_running (self->analysis);
  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.copy",
                                 self->analysis != NULL && !running
                                 && ep_analysis_has_results (self->analysis));

  ep_analysis_results_clear_tables (self);
  /* The live graph: the last result stays on screen while an edit of the data is being taken
   * in, marked as updating; an analysis whose inputs are gone says why above it. */
  if (self->analysis != NULL
      && (ep_analysis_get_state (self->analysis) == EP_ANALYSIS_STATE_INVALID
          || ep_analysis_get_state (self->analysis) == EP_ANALYSIS_STATE_STALE)
      && ep_analysis_has_results (self->analysis))
    {
      const char *message = ep_analysis_get_state (self->analysis) == EP_ANALYSIS_STATE_INVALID
                            ? ep_analysis_get_state_message (self->analysis)
                            : _("Updating… these results are from before the last edit of the data");
      GtkWidget *label = gtk_label_new (message);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (self->tables_box, label);
    }
  if (self->analysis != NULL && ep_analysis_has_results (self->analysis)
      && (!running || ep_analysis_get_state (self->analysis) != EP_ANALYSIS_STATE_EMPTY))
    {
      GPtrArray *tables = ep_analysis_get_tables (self->analysis);
      const char * const *warnings = ep_analysis_get_warnings (self->analysis);

      if (self->caveat != NULL)
        {
          GtkWidget *label = gtk_label_new (self->caveat);

          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "warning");
          gtk_box_append (self->tables_box, label);
        }
      /* the biases first: they say whether the tables below answer the question */
      for (guint b = 0; b < ep_analysis_get_n_biases (self->analysis); b++)
        gtk_box_append (self->tables_box, bias_widget (ep_analysis_get_bias (self->analysis, b), b));
      for (guint t = 0; t < tables->len; t++)
        gtk_box_append (self->tables_box, table_widget (g_ptr_array_index (tables, t)));
      if (ep_analysis_get_zph (self->analysis) != NULL)
        gtk_box_append (self->tables_box,
                        figure_widget (self, FIGURE_ZPH, _("Scaled Schoenfeld residuals"),
                                       _("Each point estimates a coefficient at an event time; "
                                         "the line is their smooth with ±2 standard errors. A "
                                         "flat line at the dashed coefficient means proportional "
                                         "hazards; the dotted line is no effect.")));
      if (ep_analysis_get_simon_makuch (self->analysis) != NULL)
        gtk_box_append (self->tables_box,
                        figure_widget (self, FIGURE_SIMON_MAKUCH, _("Simon-Makuch curves"),
                                       _("Survival before and after the response, with patients "
                                         "moving to the responders' curve when they respond "
                                         "(Kaplan-Meier with delayed entry).")));
      for (guint w = 0; warnings != NULL && warnings[w] != NULL; w++)
        {
          GtkWidget *label = gtk_label_new (warnings[w]);

          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "warning");
          gtk_box_append (self->tables_box, label);
        }
      gtk_stack_set_visible_child_name (self->content_stack, "tables");
    }
}

static void
ep_analysis_results_progress_cb (EpAnalysisResults *self,
                                 GParamSpec        *pspec,
                                 EpAnalysis        *analysis)
{
  gtk_progress_bar_set_fraction (self->progress_bar, ep_analysis_get_progress (analysis));
}

static void
ep_analysis_results_running_cb (EpAnalysisResults *self,
                                GParamSpec        *pspec,
                                EpAnalysis        *analysis)
{
  ep_analysis_results_update (self);
}

static void
ep_analysis_results_copy_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  EpAnalysisResults *self = EP_ANALYSIS_RESULTS (widget);
  g_autofree char *text = ep_analysis_results_get_text (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
ep_analysis_results_run_remedy_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  EpAnalysisResults *self = EP_ANALYSIS_RESULTS (widget);
  g_autoptr(EpAnalysis) remedy = NULL;
  g_autoptr(GError) error = NULL;

  if (self->analysis == NULL)
    return;
  remedy = ep_analysis_new_remedy (self->analysis, g_variant_get_uint32 (param), &error);
  if (remedy == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  g_signal_emit (self, signals[RUN_ANALYSIS], 0, remedy);
}

static void
ep_analysis_results_cancel_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  EpAnalysisResults *self = EP_ANALYSIS_RESULTS (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Edit Options changed it in place: the subtitle says what it is now. */
static void
ep_analysis_results_options_cb (EpAnalysisResults *self)
{
  g_autofree char *description = ep_analysis_describe (self->analysis);

  gtk_label_set_text (self->subtitle_label, description);
  ep_analysis_results_update (self);
}

static void
ep_analysis_results_disconnect (EpAnalysisResults *self)
{
  if (self->analysis != NULL)
    g_signal_handlers_disconnect_by_data (self->analysis, self);
  g_clear_object (&self->analysis);
  g_clear_object (&self->cancellable);
}

static void
ep_analysis_results_dispose (GObject *object)
{
  EpAnalysisResults *self = EP_ANALYSIS_RESULTS (object);

  ep_analysis_results_disconnect (self);
  g_clear_pointer (&self->caveat, g_free);

  G_OBJECT_CLASS (ep_analysis_results_parent_class)->dispose (object);
}

static void
ep_analysis_results_class_init (EpAnalysisResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_analysis_results_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-analysis-results.ui");
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisResults, title_label);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisResults, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisResults, figure_button);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisResults, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisResults, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisResults, content_stack);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisResults, tables_box);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisResults, error_status);

  gtk_widget_class_install_action (widget_class, "results.copy", NULL, ep_analysis_results_copy_action);
  gtk_widget_class_install_action (widget_class, "results.cancel", NULL, ep_analysis_results_cancel_action);
  gtk_widget_class_install_action (widget_class, "results.run-remedy", "u", ep_analysis_results_run_remedy_action);

  /* ::run-analysis (EpAnalysis *analysis): a bias warning's remedy was asked for; the page
   * runs it as a new analysis of the cohort. */
  signals[RUN_ANALYSIS] = g_signal_new ("run-analysis", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, EP_TYPE_ANALYSIS);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "results.copy", NULL);
}

static void
ep_analysis_results_init (EpAnalysisResults *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  ep_analysis_results_update (self);
}

GtkWidget *
ep_analysis_results_new (void)
{
  return g_object_new (EP_TYPE_ANALYSIS_RESULTS, NULL);
}

void
ep_analysis_results_set_analysis (EpAnalysisResults *self,
                                  EpAnalysis        *analysis,
                                  GCancellable      *cancellable)
{
  g_autofree char *description = NULL;

  g_return_if_fail (EP_IS_ANALYSIS_RESULTS (self));
  g_return_if_fail (analysis == NULL || EP_IS_ANALYSIS (analysis));

  ep_analysis_results_disconnect (self);
  if (analysis != NULL)
    {
      self->analysis = g_object_ref (analysis);
      self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
      g_signal_connect_swapped (analysis, "notify::progress",
                                G_CALLBACK (ep_analysis_results_progress_cb), self);
      g_signal_connect_swapped (analysis, "notify::running",
                                G_CALLBACK (ep_analysis_results_running_cb), self);
      g_signal_connect_swapped (analysis, "notify::has-results",
                                G_CALLBACK (ep_analysis_results_running_cb), self);
      g_signal_connect_swapped (analysis, "notify::state",
                                G_CALLBACK (ep_analysis_results_running_cb), self);
      g_signal_connect_swapped (analysis, "results-changed",
                                G_CALLBACK (ep_analysis_results_update), self);
      g_signal_connect_swapped (analysis, "options-changed",
                                G_CALLBACK (ep_analysis_results_options_cb), self);
      description = ep_analysis_describe (analysis);
      gtk_label_set_text (self->title_label, ep_analysis_kind_get_title (ep_analysis_get_kind (analysis)));
      gtk_label_set_text (self->subtitle_label, description);
      gtk_progress_bar_set_fraction (self->progress_bar, ep_analysis_get_progress (analysis));
    }
  else
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
    }
  /* A response table has no figure of its own. */
  gtk_widget_set_visible (self->figure_button,
                          analysis != NULL && ep_analysis_get_kind (analysis) != EP_ANALYSIS_RESPONSE);
  gtk_stack_set_visible_child_name (self->content_stack, "tables");

  ep_analysis_results_update (self);
}

EpAnalysis *
ep_analysis_results_get_analysis (EpAnalysisResults *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS_RESULTS (self), NULL);

  return self->analysis;
}

void
ep_analysis_results_show_error (EpAnalysisResults *self,
                                const GError      *error)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (EP_IS_ANALYSIS_RESULTS (self));
  g_return_if_fail (error != NULL);

  ep_analysis_results_update (self);
  ep_analysis_results_clear_tables (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.copy", FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_status_page_set_title (self->error_status, _("Analysis Cancelled"));
  else
    adw_status_page_set_title (self->error_status, _("The Analysis Could Not Run"));
  /* The description is markup; the message may quote the user's data. */
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_status, escaped);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

char *
ep_analysis_results_get_text (EpAnalysisResults *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS_RESULTS (self), NULL);

  if (self->analysis == NULL || ep_analysis_get_running (self->analysis))
    return NULL;

  return ep_analysis_to_tsv (self->analysis);
}

void
ep_analysis_results_set_caveat (EpAnalysisResults *self,
                                const char        *caveat)
{
  g_return_if_fail (EP_IS_ANALYSIS_RESULTS (self));

  if (g_strcmp0 (self->caveat, caveat) == 0)
    return;
  g_free (self->caveat);
  self->caveat = g_strdup (caveat);
  ep_analysis_results_update (self);
}

const char *
ep_analysis_results_get_caveat (EpAnalysisResults *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS_RESULTS (self), NULL);

  return self->caveat;
}
