/* test-digitizer.c: the digitizer window on a bundled figure, in a real (virtual) window
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens tests/data/digitize/sim_flat_tail-endpoint.png (Endpoint's figure of the validation set),
 * calibrates the axes at the ticks endpoint-cli digitize is given in test-cli-digitize.c, clicks
 * (by API) on arm A's line at 48 months and on arm B's, and checks the traced curves against R's
 * summary(survfit) at the ticks (tests/data/digitize/expected.txt) within 0.02; then edits a
 * point, saves CSV and checks the Trials page's button opens the window. With
 * EP_TEST_SCREENSHOT=FILE.png it also writes what the window shows.
 * /digitizer/kept-in-project: the figure and its points saved in the project and reopened.
 * /digitizer/overlay: a traced arm reconstructed into a cohort, compared and combined with the
 * user's patients, overlaid on their Kaplan-Meier figure and shown on the Trials page (with
 * EP_SCREENSHOT_DIR: digitizer-traced.png, digitizer-combined.png, combined-km.png,
 * reconstruction-overlay.png,
 * trial-detail-curve.png).
 * /digitizer/figures-page-overlay: the Figures page's Published Arm row sets and removes the
 * overlay, Ctrl+Z and Ctrl+Shift+Z undo and redo it, and it is saved and reopened (with
 * EP_SCREENSHOT_DIR: figure-page-overlay.png, legend-wrapped.png).
 * /digitizer/trials-list: the Trials page's Digitized Figures group lists the project's digitized
 * figures and reopens one in the digitizer; with many figures the group scrolls within a bounded
 * height (with EP_SCREENSHOT_DIR: trials-digitized-figures.png, with the bundled catalog).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "app/ep-application.h"
#include "app/ep-digitized-list.h"
#include "app/ep-digitizer.h"
#include "app/ep-figure-page.h"
#include "app/ep-trial-browser.h"
#include "app/ep-trial-detail.h"
#include "model/ep-catalog.h"
#include "io/ep-digitize.h"
#include "model/ep-figure.h"
#include "model/ep-reconstruction.h"

#include "ep-test-ui.h"

static double
surv_at (const double *time,
         const double *surv,
         gsize         n,
         double        t)
{
  double s = 1.0;

  for (gsize i = 0; i < n && time[i] <= t; i++)
    s = surv[i];
  return s;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (window)),
                                         node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_trace (void)
{
  g_autofree char *png = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                "sim_flat_tail-endpoint.png", NULL);
  /* R: summary(survfit(Surv(time, status) ~ 1, subset(d, arm == A|B)), times = seq(0, 72, 12)) */
  const double ticks[] = { 0, 12, 24, 36, 48, 60 };
  const double expected[2][6] = { { 1.000000, 0.580000, 0.455943, 0.430869, 0.422739, 0.422739 },
                                  { 1.000000, 0.770000, 0.598093, 0.514932, 0.514932, 0.514932 } };
  /* a pixel on each line at 48 months: x = 219 + 48 / 72 (973 - 219), y = 589 - S (589 - 31) */
  const double click[2][2] = { { 721.7, 589 - 0.4227 * 558 }, { 721.7, 589 - 0.5149 * 558 } };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-digitizer-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "points.csv", NULL);
  g_autofree char *text = NULL;
  GtkWidget *window = ep_digitizer_new (NULL);
  EpDigitizer *digitizer = EP_DIGITIZER (window);
  const char *screenshot = g_getenv ("EP_TEST_SCREENSHOT");

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 640);
  gtk_window_present (GTK_WINDOW (window));
  ep_test_ui_iterate ();

  /* tracing before the axes are calibrated is refused */
  g_assert_true (ep_digitizer_open (digitizer, png, &error));
  g_assert_no_error (error);
  g_assert_false (ep_digitizer_trace_at (digitizer, click[0][0], click[0][1], &error));
  g_assert_error (error, EP_DIGITIZE_ERROR, EP_DIGITIZE_ERROR_CALIBRATION);
  g_clear_error (&error);

  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_X1, 219, 0);
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_X2, 973, 72);
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_Y1, 589, 0);
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_Y2, 31, 1);
  for (guint a = 0; a < 2; a++)
    {
      const double *t, *s;
      gsize n;

      g_assert_true (ep_digitizer_trace_at (digitizer, click[a][0], click[a][1], &error));
      g_assert_no_error (error);
      g_assert_cmpuint (ep_digitizer_get_n_curves (digitizer), ==, a + 1);
      n = ep_digitizer_get_points (digitizer, a, &t, &s);
      g_assert_cmpuint (n, >, 100);
      for (guint k = 0; k < G_N_ELEMENTS (ticks); k++)
        g_assert_cmpfloat (fabs (surv_at (t, s, n, ticks[k]) - expected[a][k]), <, 0.02);
    }
  g_assert_cmpstr (ep_digitizer_get_curve_name (digitizer, 1), ==, "Curve 2");
  ep_test_ui_iterate ();

  if (screenshot != NULL)
    save_screenshot (window, screenshot);

  g_assert_true (ep_digitizer_save (digitizer, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "curve,time,surv\n\"Curve 1\",0,"));
  g_assert_nonnull (strstr (text, "\n\"Curve 2\","));

  /* a file that is not a figure says so and keeps the figure */
  g_assert_false (ep_digitizer_open (digitizer, csv, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (ep_digitizer_get_n_curves (digitizer), ==, 2);

  g_remove (csv);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  ep_test_ui_iterate ();
}

/* The figure, its ticks and its curves are kept in the project after each change, saved with
 * it, and come back on reopening, as they were left (docs/project-format.md, version 3). */
static void
test_kept_in_project (void)
{
  g_autofree char *png = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                "sim_flat_tail-endpoint.png", NULL);
  g_autofree char *dir = g_dir_make_tmp ("test-digitizer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kept.endpoint", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EpProject) project = ep_project_new ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const EpProjectDigitized *stored;
  GtkWidget *window = ep_digitizer_new (NULL);
  EpDigitizer *digitizer = EP_DIGITIZER (window);
  const double *t1, *s1, *t2, *s2;
  gsize n1, n2;

  gtk_window_present (GTK_WINDOW (window));
  ep_digitizer_set_project (digitizer, project);
  g_assert_true (ep_digitizer_open (digitizer, png, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ep_digitizer_get_stored_name (digitizer), ==, "sim_flat_tail-endpoint.png");
  g_assert_cmpuint (ep_project_get_n_digitized (project), ==, 1);
  g_assert_true (ep_project_get_modified (project));
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_X1, 219, 0);
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_X2, 973, 72);
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_Y1, 589, 0);
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_Y2, 31, 1);
  ep_digitizer_set_citation (digitizer, "Validation set, sim_flat_tail");
  g_assert_true (ep_digitizer_trace_at (digitizer, 721.7, 589 - 0.4227 * 558, &error));
  g_assert_no_error (error);
  stored = ep_project_find_digitized (project, "sim_flat_tail-endpoint.png");
  g_assert_nonnull (stored);
  g_assert_true (stored->calibrated);
  g_assert_cmpfloat (stored->tick_px[1], ==, 973);
  g_assert_cmpfloat (stored->tick_value[1], ==, 72);
  g_assert_cmpuint (stored->curves->len, ==, 1);
  n1 = ep_digitizer_get_points (digitizer, 0, &t1, &s1);
  g_assert_cmpuint (((EpProjectCurve *) g_ptr_array_index (stored->curves, 0))->n, ==, n1);

  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));
  ep_test_ui_iterate ();

  /* reopened: the image is the file's bytes, the ticks and the points as they were */
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  stored = ep_project_find_digitized (back, "sim_flat_tail-endpoint.png");
  g_assert_nonnull (stored);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (stored->image, NULL), g_bytes_get_size (stored->image),
                   contents, length);
  g_assert_cmpstr (stored->citation, ==, "Validation set, sim_flat_tail");

  window = ep_digitizer_new (NULL);
  digitizer = EP_DIGITIZER (window);
  gtk_window_present (GTK_WINDOW (window));
  ep_digitizer_set_project (digitizer, back);
  g_assert_true (ep_digitizer_open_stored (digitizer, "sim_flat_tail-endpoint.png", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ep_digitizer_get_n_curves (digitizer), ==, 1);
  n2 = ep_digitizer_get_points (digitizer, 0, &t2, &s2);
  g_assert_cmpuint (n2, ==, ((EpProjectCurve *) g_ptr_array_index (stored->curves, 0))->n);
  g_assert_cmpmem (t2, n2 * sizeof (double), ((EpProjectCurve *) g_ptr_array_index (stored->curves, 0))->time,
                   n2 * sizeof (double));
  /* and it traces on from there, with the stored calibration */
  g_assert_true (ep_digitizer_trace_at (digitizer, 721.7, 589 - 0.5149 * 558, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ep_project_find_digitized (back, "sim_flat_tail-endpoint.png")->curves->len, ==, 2);
  g_assert_false (ep_digitizer_open_stored (digitizer, "no such figure", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  gtk_window_destroy (GTK_WINDOW (window));
  ep_test_ui_iterate ();
  g_remove (path);
  g_rmdir (dir);
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* Whether a label under widget contains text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  return ep_test_ui_find (widget, label_contains, text) != NULL;
}

static gboolean
is_curve_group (GtkWidget     *widget,
                gconstpointer  data)
{
  return ADW_IS_PREFERENCES_GROUP (widget)
         && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)),
                       "Published Curve") == 0;
}

static void
draw_figure (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        figure)
{
  /* at its own size (85 x 70 mm), scaled to the area, as the Figures page shows it */
  const EpPlotStyle *style = ep_figure_get_style (EP_FIGURE (figure));
  double w = style->width_mm / 25.4 * 72.0, h = style->height_mm / 25.4 * 72.0;
  double scale = MIN (width / w, height / h);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, (width - w * scale) / 2.0, (height - h * scale) / 2.0);
  cairo_scale (cr, scale, scale);
  ep_figure_render (EP_FIGURE (figure), cr, w, h, NULL);
}

/* The true patients of one arm of tests/data/digitize/sim_flat_tail.csv as a cohort: time,
 * status. */
static EpCohort *
true_arm (const char *csv,
          const char *arm)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) time = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) status = g_array_new (FALSE, FALSE, sizeof (double));
  EpTableColumn *column;
  EpTable *table;

  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      double t, e;

      if (g_strv_length (cells) != 3 || strcmp (cells[2], arm) != 0)
        continue;
      t = g_ascii_strtod (cells[0], NULL);
      e = g_ascii_strtod (cells[1], NULL);
      g_array_append_val (time, t);
      g_array_append_val (status, e);
    }
  table = ep_table_new (time->len);
  column = ep_table_column_new ("time", EP_COLUMN_NUMBER, time->len);
  memcpy (column->values->data, time->data, time->len * sizeof (double));
  g_assert_true (ep_table_insert_column (table, 0, column, NULL));
  column = ep_table_column_new ("status", EP_COLUMN_NUMBER, time->len);
  memcpy (column->values->data, status->data, time->len * sizeof (double));
  g_assert_true (ep_table_insert_column (table, 1, column, NULL));
  return ep_cohort_new_from_table ("My patients", table);
}

static gboolean
is_name_entry (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_ENTRY (widget)
         && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)),
                       "Name of the selected curve") == 0;
}

static gboolean
is_text_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static void
wait_a_moment (void)
{
  for (guint i = 0; i < 20; i++)
    {
      ep_test_ui_iterate ();
      g_usleep (10000);
    }
}

/* The figure's published arm: its curve item, labelled `label` and dashed. */
static gboolean
has_dashed_curve (EpFigure   *figure,
                  const char *label)
{
  g_autoptr(EpPlotLayout) layout = ep_figure_layout (figure);

  for (guint k = 0; k < layout->items->len; k++)
    {
      const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, k);

      if (item->kind == EP_PLOT_ITEM_CURVE && g_strcmp0 (item->text, label) == 0)
        return item->value > 0.0;
    }
  return FALSE;
}

static gboolean
has_note (EpFigure   *figure,
          const char *note)
{
  const char * const *notes = ep_figure_get_notes (figure);

  for (guint k = 0; notes[k] != NULL; k++)
    if (strcmp (notes[k], note) == 0)
      return TRUE;
  return FALSE;
}

/* A window that shows a figure as the Figures page draws it, with its notes under it. */
static GtkWidget *
show_figure (EpFigure *figure)
{
  GtkWidget *view = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *area = gtk_drawing_area_new ();
  const char * const *notes = ep_figure_get_notes (figure);

  gtk_window_set_default_size (GTK_WINDOW (view), 720, 640);
  gtk_widget_set_vexpand (area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_figure, figure, NULL);
  gtk_box_append (GTK_BOX (box), area);
  for (guint k = 0; notes[k] != NULL; k++)
    {
      GtkWidget *note = gtk_label_new (notes[k]);

      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_set_margin_start (note, 12);
      gtk_widget_set_margin_end (note, 12);
      gtk_widget_set_margin_bottom (note, 6);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), note);
    }
  gtk_window_set_child (GTK_WINDOW (view), box);
  gtk_window_present (GTK_WINDOW (view));
  wait_a_moment ();
  return view;
}

/* Issue 17 end to end, through the digitizer window's controls: the bundled figure is
 * digitized, the numbers at risk are typed into the window and Reconstruct pressed (arm A
 * becomes a cohort of the project, marked with its citation and figure); Overlay sets it
 * dashed, labelled with its source, on the Kaplan-Meier figure of the user's patients (here:
 * the true arm B); Compare gives log-rank and Cox with the caveat; Attach links it to a catalog
 * arm, whose Trials page detail then shows the curve. The project is saved and reopened: the
 * overlay is still on the figure. With EP_SCREENSHOT_DIR: digitizer-traced.png,
 * reconstruction-overlay.png, trial-detail-curve.png. */
static void
test_overlay (void)
{
  g_autofree char *png = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                "sim_flat_tail-endpoint.png", NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                "sim_flat_tail.csv", NULL);
  /* the numbers at risk of arm A at the ticks, as a paper prints them, pasted with a header */
  const char *at_risk = "Months\tAt risk\n0\t200\n12\t117\n24\t73\n36\t53\n48\t38\n60\t22\n";
  const char *dir = g_getenv ("EP_SCREENSHOT_DIR");
  const char *label = "Drug X (Smith 2020)";
  g_autoptr(EpProject) project = ep_project_new ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(EpCohort) mine = true_arm (csv, "B");
  g_autoptr(JsonNode) source = json_from_string ("{\"kind\":\"km\",\"cohort\":\"My patients\","
                                                 "\"time\":\"time\",\"event\":\"status\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree double *time = NULL;
  g_autofree int *status = NULL;
  g_autofree char *comparison = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  const EpProjectDigitized *stored = NULL;
  const EpProjectCurve *curve;
  GtkWidget *window = ep_digitizer_new (NULL);
  EpDigitizer *digitizer = EP_DIGITIZER (window);
  GtkWidget *view, *text_view;
  EpCohort *reconstructed;
  EpFigure *figure;
  gsize n = 0;

  /* the user's patients and their Kaplan-Meier figure */
  ep_cohort_set_column_role (mine, 0, EP_COLUMN_ROLE_TIME);
  ep_cohort_set_column_role (mine, 1, EP_COLUMN_ROLE_EVENT);
  ep_project_add_cohort (project, mine);
  figure = ep_project_add_figure (project, "My patients' OS", json_node_get_object (source),
                                  &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 1000);
  gtk_window_present (GTK_WINDOW (window));
  ep_digitizer_set_project (digitizer, project);
  g_assert_true (ep_digitizer_open (digitizer, png, &error));
  g_assert_no_error (error);
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_X1, 219, 0);
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_X2, 973, 72);
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_Y1, 589, 0);
  ep_digitizer_set_tick (digitizer, EP_DIGITIZER_TICK_Y2, 31, 1);
  ep_digitizer_set_citation (digitizer, "Smith 2020");
  g_assert_true (ep_digitizer_trace_at (digitizer, 721.7, 589 - 0.4227 * 558, &error));
  g_assert_no_error (error);
  /* named as the paper names the arm */
  {
    GtkWidget *entry = ep_test_ui_find (window, is_name_entry, NULL);

    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Drug X");
    g_signal_emit_by_name (entry, "activate");
    g_assert_cmpstr (ep_digitizer_get_curve_name (digitizer, 0), ==, "Drug X");
  }

  /* the numbers at risk typed into the window, the total of events, Reconstruct */
  text_view = ep_test_ui_find (window, is_text_view, NULL);
  g_assert_nonnull (text_view);
  /* a bad row of the table is refused, naming it */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            "0 200\n12 x117\n", -1);
  g_assert_null (ep_digitizer_reconstruct (digitizer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==,
                   "Numbers at risk, row 2: “12 x117” is not a time and a number at risk");
  g_clear_error (&error);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), at_risk, -1);
  ep_digitizer_set_totals (digitizer, 112, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ep_digitizer_get_panel (digitizer)),
                                             "reconstruct-panel.reconstruct", NULL));
  wait_a_moment ();
  g_assert_false (has_label (window, "Numbers at risk, row"));
  g_assert_true (has_label (window, "Cohort “Drug X (published)”: 200 patients"));
  g_assert_true (has_label (window, "RMSE"));
  {
    /* the side panel scrolled down to the table, the totals and the result */
    GtkWidget *inner = gtk_widget_get_ancestor (text_view, GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *panel = gtk_widget_get_ancestor (gtk_widget_get_parent (inner),
                                                GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment;

    g_assert_nonnull (panel);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (panel));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                          - gtk_adjustment_get_page_size (adjustment));
    wait_a_moment ();
  }
  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "digitizer-traced.png", NULL);
      save_screenshot (window, shot);
    }

  /* a cohort of the project, which knows where it came from */
  reconstructed = ep_project_find_cohort (project, "Drug X (published)");
  g_assert_nonnull (reconstructed);
  curve = ep_project_find_reconstruction (project, "Drug X (published)", &stored);
  g_assert_nonnull (curve);
  g_assert_cmpstr (stored->citation, ==, "Smith 2020");
  g_assert_cmpstr (stored->file_name, ==, "sim_flat_tail-endpoint.png");
  g_assert_true (ep_reconstruction_get_patients (reconstructed, &time, &status, &n));
  g_assert_cmpuint (n, ==, 200);
  g_assert_nonnull (ep_cohort_find_endpoint (reconstructed, "OS"));

  /* Overlay: the project's only Kaplan-Meier figure is the one offered */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ep_digitizer_get_panel (digitizer)),
                                             "reconstruct-panel.overlay", NULL));
  wait_a_moment ();
  g_assert_cmpstr (ep_project_get_figure_overlay (project, figure), ==, "Drug X (published)");
  g_assert_true (has_dashed_curve (figure, label));
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  g_assert_true (has_label (window, "is drawn dashed on the figure “My patients' OS”"));

  /* Compare: log-rank and Cox against the user's patients, with the caveat. The truth, R:
   *   d <- read.csv("sim_flat_tail.csv"); d$g <- factor(d$arm, levels = c("B", "A"))
   *   exp(coef(coxph(Surv(time, status) ~ g, d)))   1.484521876
   *   survdiff(Surv(time, status) ~ g, d)$chisq      7.861524438
   * the reconstruction's HR within 5% of it (the target). */
  comparison = ep_digitizer_compare (digitizer, "My patients", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (comparison, "Reconstructed data are approximate"));
  g_assert_true (has_label (window, "Reconstructed data are approximate"));
  {
    const char *hr = strstr (comparison, "hazard ratio of the published arm ");

    g_assert_nonnull (hr);
    g_assert_cmpfloat (fabs (g_ascii_strtod (hr + strlen ("hazard ratio of the published arm "),
                                             NULL) / 1.484521876 - 1), <, 0.05);
  }
  g_test_message ("%s", comparison);

  /* Combine (the cohort chosen for Compare): a NEW cohort of the user's patients and the
   * published arm with the group column "source", for every analysis; the caveat on its
   * Kaplan-Meier figure (with EP_SCREENSHOT_DIR: combined-km.png) */
  {
    const char *combined_name = "My patients + Drug X (Smith 2020)";
    guint n_cohorts = g_list_model_get_n_items (ep_project_get_cohorts (project));
    g_autoptr(JsonNode) km = NULL;
    EpCohort *combined;
    EpFigure *both;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ep_digitizer_get_panel (digitizer)),
                                               "reconstruct-panel.combine", NULL));
    wait_a_moment ();
    g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_cohorts (project)), ==,
                      n_cohorts + 1);
    combined = ep_project_find_cohort (project, combined_name);
    g_assert_nonnull (combined);
    g_assert_true (ep_project_find_combined (project, combined_name, NULL, NULL, NULL));
    g_assert_true (has_label (window, "New cohort “My patients + Drug X"));
    g_assert_cmpuint (ep_cohort_get_table (combined)->n_rows, ==,
                      ep_cohort_get_table (mine)->n_rows
                      + ep_cohort_get_table (ep_project_find_cohort (project, "Drug X (published)"))->n_rows);
    /* the user's cohort is as it was */
    g_assert_cmpuint (ep_table_get_n_columns (ep_cohort_get_table (mine)), ==, 2);
    if (dir != NULL)
      {
        /* the side panel at its end: the buttons and what Combine said */
        GtkWidget *panel = gtk_widget_get_ancestor (gtk_widget_get_parent (
                             gtk_widget_get_ancestor (text_view, GTK_TYPE_SCROLLED_WINDOW)),
                             GTK_TYPE_SCROLLED_WINDOW);
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (panel));
        g_autofree char *shot = g_build_filename (dir, "digitizer-combined.png", NULL);

        wait_a_moment ();
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                              - gtk_adjustment_get_page_size (adjustment));
        wait_a_moment ();
        save_screenshot (window, shot);
      }

    km = json_from_string ("{\"kind\":\"km\",\"cohort\":\"My patients + Drug X (Smith 2020)\","
                           "\"endpoint\":\"OS\",\"group\":\"source\"}", NULL);
    both = ep_project_add_figure (project, "Both arms", json_node_get_object (km), &error);
    g_assert_no_error (error);
    g_assert_true (has_note (both, ep_reconstruction_caveat ()));
    view = show_figure (both);
    if (dir != NULL)
      {
        g_autofree char *shot = g_build_filename (dir, "combined-km.png", NULL);
        save_screenshot (view, shot);
      }
    gtk_window_destroy (GTK_WINDOW (view));
  }

  /* Attach to a catalog arm */
  g_assert_true (ep_digitizer_attach (digitizer, "eliana", "tisagenlecleucel"));
  g_assert_nonnull (ep_project_find_arm_curve (project, "eliana", "tisagenlecleucel", NULL));
  g_assert_nonnull (ep_project_find_reconstruction (project, "Drug X (published)", NULL));

  view = show_figure (figure);
  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "reconstruction-overlay.png", NULL);
      save_screenshot (view, shot);
    }
  gtk_window_destroy (GTK_WINDOW (view));

  /* the Trials page's detail of the catalog arm shows the attached curve and its source */
  {
    g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
    EpTrial *trial;
    GtkWidget *detail_window = gtk_window_new ();
    GtkWidget *detail = ep_trial_detail_new ();

    g_assert_no_error (error);
    trial = ep_catalog_lookup (catalog, "eliana");
    g_assert_nonnull (trial);
    gtk_window_set_default_size (GTK_WINDOW (detail_window), 520, 900);
    gtk_window_set_child (GTK_WINDOW (detail_window), detail);
    ep_trial_detail_set_project (EP_TRIAL_DETAIL (detail), project);
    ep_trial_detail_set_trial (EP_TRIAL_DETAIL (detail), trial);
    gtk_window_present (GTK_WINDOW (detail_window));
    wait_a_moment ();
    g_assert_true (has_label (detail, "Published Curve"));
    g_assert_true (has_label (detail, "digitized from Smith 2020"));
    g_assert_true (has_label (detail, "Reconstructed as the cohort “Drug X (published)”"));
    if (dir != NULL)
      {
        /* the group itself: it is below the first screenful */
        g_autofree char *shot = g_build_filename (dir, "trial-detail-curve.png", NULL);
        GtkWidget *group = ep_test_ui_find (detail, is_curve_group, NULL);

        g_assert_nonnull (group);
        save_screenshot (group, shot);
      }
    gtk_window_destroy (GTK_WINDOW (detail_window));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  ep_test_ui_iterate ();

  /* saved and reopened: the overlay is still on the figure */
  {
    g_autofree char *tmp = g_dir_make_tmp ("ep-digitizer-XXXXXX", &error);

    g_assert_no_error (error);
    path = g_build_filename (tmp, "overlay.endpoint", NULL);
  }
  file = g_file_new_for_path (path);
  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  figure = ep_project_find_figure (back, "My patients' OS");
  g_assert_nonnull (figure);
  g_assert_cmpstr (ep_project_get_figure_overlay (back, figure), ==, "Drug X (published)");
  g_assert_true (has_dashed_curve (figure, label));
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  view = show_figure (figure);
  g_assert_true (has_label (view, "Reconstructed data are approximate"));
  gtk_window_destroy (GTK_WINDOW (view));

  /* the digitized figure opens again from the reopened project, its curve still linked to
   * the reconstructed cohort and the catalog arm */
  window = ep_digitizer_new (NULL);
  digitizer = EP_DIGITIZER (window);
  ep_digitizer_set_project (digitizer, back);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (window, "digitizer.open-stored", "s",
                                             "sim_flat_tail-endpoint.png"));
  wait_a_moment ();
  g_assert_cmpuint (ep_digitizer_get_n_curves (digitizer), ==, 1);
  g_assert_cmpstr (ep_digitizer_get_curve_name (digitizer, 0), ==, "Drug X");
  g_assert_nonnull (ep_project_find_arm_curve (back, "eliana", "tisagenlecleucel", NULL));
  g_free (comparison);
  comparison = ep_digitizer_compare (digitizer, "My patients", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (comparison, "Reconstructed data are approximate"));
  /* a curve is reconstructed once: again only after its cohort is removed */
  ep_digitizer_set_at_risk (digitizer, "0 200\n12 116\n24 73\n36 53\n48 38\n60 22\n");
  ep_digitizer_set_totals (digitizer, 112, 0);
  g_assert_null (ep_digitizer_reconstruct (digitizer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  ep_project_remove_cohort (back, ep_project_find_cohort (back, "Drug X (published)"));
  g_assert_null (ep_project_get_figure_overlay (back, figure));
  g_assert_nonnull (ep_digitizer_reconstruct (digitizer, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ep_project_find_reconstruction (back, "Drug X (published)", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  ep_test_ui_iterate ();
  g_unlink (path);
}

/* A project with the user's patients (the true arm B of the bundled figure's data), their
 * Kaplan-Meier figure, and a published arm reconstructed from a hand-made digitized curve whose
 * citation is long: its legend entry, "Drug X (Smith et al., N Engl J Med 2020, Figure 2)". */
static EpProject *
overlay_project (void)
{
  g_autofree char *png = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                "sim_flat_tail-endpoint.png", NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                "sim_flat_tail.csv", NULL);
  EpProject *project = ep_project_new ();
  g_autoptr(EpCohort) mine = true_arm (csv, "B");
  g_autoptr(JsonNode) source = json_from_string ("{\"kind\":\"km\",\"cohort\":\"My patients\","
                                                 "\"time\":\"time\",\"event\":\"status\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EpProjectDigitized) digitized = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  /* months; the numbers at risk at 0, 12 and 24 */
  const double time[] = { 0, 3, 6, 9, 12, 18, 24, 36, 48, 60 };
  const double surv[] = { 1, 0.9, 0.78, 0.7, 0.62, 0.55, 0.5, 0.45, 0.43, 0.43 };
  const double risk_time[] = { 0, 12, 24 };
  const double n_risk[] = { 100, 60, 45 };
  const guint8 color[3] = { 0xd5, 0x5e, 0x00 };
  EpCohort *published;

  ep_cohort_set_column_role (mine, 0, EP_COLUMN_ROLE_TIME);
  ep_cohort_set_column_role (mine, 1, EP_COLUMN_ROLE_EVENT);
  ep_project_add_cohort (project, mine);
  g_assert_nonnull (ep_project_add_figure (project, "My patients' OS",
                                           json_node_get_object (source), &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  digitized = ep_project_digitized_new ("smith2020-fig2.png", "smith2020-fig2.png", 1, bytes);
  digitized->citation = g_strdup ("Smith et al., N Engl J Med 2020, Figure 2");
  g_ptr_array_add (digitized->curves,
                   ep_project_curve_new ("Drug X", color, G_N_ELEMENTS (time), time, surv));
  ep_project_set_digitized (project, digitized);
  published = ep_project_reconstruct_curve (project, "smith2020-fig2.png", 0, risk_time, n_risk,
                                            G_N_ELEMENTS (n_risk), -1, -1, EP_TIME_UNIT_MONTHS,
                                            "Drug X (published)", &error);
  g_assert_no_error (error);
  g_assert_nonnull (published);
  ep_project_set_modified (project, FALSE);
  return project;
}

/* The Figures page of a project, in a window, with the figure selected. */
static GtkWidget *
figure_page_window (EpProject  *project,
                    EpFigure   *figure,
                    GtkWidget **page)
{
  GtkWidget *window = gtk_window_new ();
  GListModel *figures = ep_project_get_figures (project);

  *page = ep_figure_page_new ();
  ep_figure_page_set_project (EP_FIGURE_PAGE (*page), project);
  for (guint k = 0; k < g_list_model_get_n_items (figures); k++)
    {
      g_autoptr(EpFigure) item = g_list_model_get_item (figures, k);

      ep_figure_page_add_figure (EP_FIGURE_PAGE (*page), item);
    }
  ep_figure_page_select (EP_FIGURE_PAGE (*page), figure);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 1000);
  gtk_window_set_child (GTK_WINDOW (window), *page);
  gtk_window_present (GTK_WINDOW (window));
  wait_a_moment ();
  return window;
}

/* Issue 17, "Use it": the Published Arm row of a Kaplan-Meier figure's options on the Figures
 * page lists the project's reconstructed cohorts; choosing one sets it beside the curves
 * (dashed, labelled with its source, the caveat under the figure), choosing None removes it;
 * each is an undo step (figures.undo / figures.redo: Ctrl+Z, Ctrl+Shift+Z) and the row follows
 * the undo; the overlay is saved with the project and the reopened page's row shows it. */
static void
test_figures_page_overlay (void)
{
  const char *label = "Drug X (Smith et al., N Engl J Med 2020, Figure 2)";
  const char *dir = g_getenv ("EP_SCREENSHOT_DIR");
  g_autoptr(EpProject) project = overlay_project ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("ep-figures-overlay-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "overlay.endpoint", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EpFigure *figure = ep_project_find_figure (project, "My patients' OS");
  GtkWidget *window, *page, *row;
  GListModel *model;

  g_assert_nonnull (figure);
  window = figure_page_window (project, figure, &page);
  row = ep_figure_options_get_overlay_row (ep_figure_page_get_options (EP_FIGURE_PAGE (page)));

  /* the row: None and the reconstructed cohort (not the user's own) */
  g_assert_true (gtk_widget_is_visible (row));
  g_assert_true (gtk_widget_is_sensitive (row));
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "None");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==,
                   "Drug X (published)");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_assert_null (ep_project_get_figure_overlay (project, figure));
  g_assert_false (has_note (figure, ep_reconstruction_caveat ()));

  /* chosen: the published arm is on the figure, dashed, labelled with its source, the caveat
   * under the figure on the page */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  wait_a_moment ();
  g_assert_cmpstr (ep_project_get_figure_overlay (project, figure), ==, "Drug X (published)");
  g_assert_true (has_dashed_curve (figure, label));
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  g_assert_true (has_label (page, "Reconstructed data are approximate"));
  g_assert_true (ep_project_get_modified (project));
  g_assert_true (ep_project_can_undo (project));
  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "figure-page-overlay.png", NULL);

      save_screenshot (window, shot);
    }
  /* Export: the file does not draw the figure's notes, so its dialog shows the caveat for the
   * caption */
  {
    GtkWindow *export = ep_figure_page_export (EP_FIGURE_PAGE (page));

    g_assert_nonnull (export);
    wait_a_moment ();
    g_assert_true (has_label (GTK_WIDGET (export), "Reconstructed data are approximate"));
    gtk_window_destroy (export);
    wait_a_moment ();
  }

  /* Ctrl+Z: the figure as it was, the row back at None; Ctrl+Shift+Z: the arm again */
  g_assert_true (gtk_widget_activate_action (page, "figures.undo", NULL));
  wait_a_moment ();
  g_assert_null (ep_project_get_figure_overlay (project, figure));
  g_assert_false (has_dashed_curve (figure, label));
  g_assert_false (has_note (figure, ep_reconstruction_caveat ()));
  g_assert_false (has_label (page, "Reconstructed data are approximate"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_assert_true (gtk_widget_activate_action (page, "figures.redo", NULL));
  wait_a_moment ();
  g_assert_cmpstr (ep_project_get_figure_overlay (project, figure), ==, "Drug X (published)");
  g_assert_true (has_dashed_curve (figure, label));
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);

  /* None removes it, and that too is undone */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  wait_a_moment ();
  g_assert_null (ep_project_get_figure_overlay (project, figure));
  g_assert_false (has_dashed_curve (figure, label));
  g_assert_true (gtk_widget_activate_action (page, "figures.undo", NULL));
  wait_a_moment ();
  g_assert_cmpstr (ep_project_get_figure_overlay (project, figure), ==, "Drug X (published)");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);

  /* the figure itself, at its 85 mm, with the wrapped legend entry */
  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "legend-wrapped.png", NULL);
      GtkWidget *view = show_figure (figure);

      save_screenshot (view, shot);
      gtk_window_destroy (GTK_WINDOW (view));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment ();

  /* saved and reopened: the arm is on the figure and the page's row shows it */
  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  figure = ep_project_find_figure (back, "My patients' OS");
  g_assert_nonnull (figure);
  g_assert_cmpstr (ep_project_get_figure_overlay (back, figure), ==, "Drug X (published)");
  g_assert_true (has_dashed_curve (figure, label));
  window = figure_page_window (back, figure, &page);
  row = ep_figure_options_get_overlay_row (ep_figure_page_get_options (EP_FIGURE_PAGE (page)));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  g_assert_true (has_label (page, "Reconstructed data are approximate"));
  /* removed in the reopened project, saved, reopened: gone */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  wait_a_moment ();
  g_assert_null (ep_project_get_figure_overlay (back, figure));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment ();
  g_assert_true (ep_project_save (back, file, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&back);
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (ep_project_get_figure_overlay (back, ep_project_find_figure (back,
                                                                               "My patients' OS")));
  g_unlink (path);
  g_rmdir (tmp);
}

/* The Trials page's “Digitize a Figure…” opens the window. */
static void
test_trials_button (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *browser = ep_trial_browser_new ();
  GList *toplevels;
  gboolean found = FALSE;

  gtk_window_set_child (GTK_WINDOW (window), browser);
  gtk_window_present (GTK_WINDOW (window));
  ep_test_ui_iterate ();
  g_assert_true (gtk_widget_activate_action (browser, "trials.digitize", NULL));
  ep_test_ui_iterate ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (EP_IS_DIGITIZER (l->data))
      {
        found = TRUE;
        gtk_window_destroy (GTK_WINDOW (l->data));
      }
  g_list_free (toplevels);
  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (window));
  ep_test_ui_iterate ();
}

static gboolean
is_digitized_list (GtkWidget     *widget,
                   gconstpointer  data)
{
  return EP_IS_DIGITIZED_LIST (widget);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* A digitized figure of the project: the bundled figure, calibrated, with curves of the given
 * names (two points each). */
static void
add_digitized (EpProject  *project,
               const char *name,
               const char *citation,
               guint       n_curves)
{
  g_autofree char *png = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                "sim_flat_tail-endpoint.png", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EpProjectDigitized) digitized = NULL;
  const double px[4] = { 219, 973, 589, 31 }, value[4] = { 0, 72, 0, 1 };
  const double time[] = { 0, 12 }, surv[] = { 1, 0.8 };
  const char *names[] = { "Arm A", "Arm B" };
  const guint8 color[3] = { 0, 0x72, 0xb2 };

  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  digitized = ep_project_digitized_new (name, "sim_flat_tail-endpoint.png", 1, bytes);
  digitized->citation = g_strdup (citation);
  digitized->calibrated = TRUE;
  memcpy (digitized->tick_px, px, sizeof px);
  memcpy (digitized->tick_value, value, sizeof value);
  for (guint k = 0; k < n_curves; k++)
    g_ptr_array_add (digitized->curves, ep_project_curve_new (names[k], color, 2, time, surv));
  ep_project_set_digitized (project, digitized);
}

/* The Trials page lists the project's digitized figures (name, citation, curves) in a group that
 * is hidden while there are none, follows the project, and reopens one in the digitizer with its
 * curves. With EP_SCREENSHOT_DIR: trials-digitized-figures.png. */
static void
test_trials_list (void)
{
  g_autoptr(EpProject) project = ep_project_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *browser = ep_trial_browser_new ();
  GtkWidget *list, *row;
  GtkWindow *opened;
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), browser);
  /* the bundled catalog, as in the app: the group sits below its trials */
  {
    g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);

    g_assert_no_error (error);
    ep_trial_browser_set_catalog (EP_TRIAL_BROWSER (browser), catalog);
  }
  gtk_window_present (GTK_WINDOW (window));
  ep_test_ui_iterate ();
  list = ep_test_ui_find (browser, is_digitized_list, NULL);
  g_assert_nonnull (list);
  /* no project, then a project without digitized figures: hidden */
  g_assert_false (gtk_widget_get_visible (list));
  ep_trial_browser_set_project (EP_TRIAL_BROWSER (browser), project);
  ep_test_ui_iterate ();
  g_assert_false (gtk_widget_get_visible (list));

  add_digitized (project, "sim_flat_tail-endpoint.png", "Validation set, sim_flat_tail", 2);
  ep_test_ui_iterate ();
  g_assert_true (gtk_widget_get_visible (list));
  row = ep_test_ui_find (list, is_row_titled, "sim_flat_tail-endpoint.png");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Validation set, sim_flat_tail · 2 curves: Arm A, Arm B");
  /* a second figure, without curves yet, joins the list */
  add_digitized (project, "Smith 2020 Figure 2", NULL, 0);
  ep_test_ui_iterate ();
  row = ep_test_ui_find (list, is_row_titled, "Smith 2020 Figure 2");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "No curves traced yet");
  ep_test_ui_save_screenshot (window, "trials-digitized-figures", TRUE);

  /* Open reopens it in the digitizer, with its curves */
  g_assert_true (gtk_widget_activate_action (list, "digitized-list.open", "s",
                                             "sim_flat_tail-endpoint.png"));
  ep_test_ui_iterate ();
  opened = ep_test_ui_find_toplevel (EP_TYPE_DIGITIZER);
  g_assert_nonnull (opened);
  g_assert_cmpstr (ep_digitizer_get_stored_name (EP_DIGITIZER (opened)), ==,
                   "sim_flat_tail-endpoint.png");
  g_assert_cmpuint (ep_digitizer_get_n_curves (EP_DIGITIZER (opened)), ==, 2);
  gtk_window_destroy (opened);
  /* a name the project does not have: no window, an error */
  g_assert_null (ep_digitized_list_open (EP_DIGITIZED_LIST (list), "no such figure", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  /* many figures: the group scrolls within a bounded height instead of squeezing the trials */
  {
    int before = gtk_widget_get_allocated_height (list);

    for (int k = 0; k < 12; k++)
      {
        g_autofree char *name = g_strdup_printf ("Extra figure %d", k);

        add_digitized (project, name, NULL, 0);
      }
    ep_test_ui_iterate ();
    g_assert_nonnull (ep_test_ui_find (list, is_row_titled, "Extra figure 11"));
    g_assert_cmpint (gtk_widget_get_allocated_height (list), >, before);
    g_assert_cmpint (gtk_widget_get_allocated_height (list), <=, 280);
    for (int k = 0; k < 12; k++)
      {
        g_autofree char *name = g_strdup_printf ("Extra figure %d", k);

        ep_project_remove_digitized (project, name);
      }
    ep_test_ui_iterate ();
  }

  /* removed from the project: gone from the list; the last one gone: hidden */
  ep_project_remove_digitized (project, "Smith 2020 Figure 2");
  ep_test_ui_iterate ();
  g_assert_null (ep_test_ui_find (list, is_row_titled, "Smith 2020 Figure 2"));
  ep_project_remove_digitized (project, "sim_flat_tail-endpoint.png");
  ep_test_ui_iterate ();
  g_assert_false (gtk_widget_get_visible (list));

  ep_trial_browser_set_project (EP_TRIAL_BROWSER (browser), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  ep_test_ui_iterate ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(EpApplication) app = NULL;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run under Xvfb (build-aux/dev test does)");
      return g_test_run ();
    }
  adw_init ();
  /* Registers the resources the templates come from. */
  app = ep_application_new ();

  g_test_add_func ("/digitizer/trace", test_trace);
  g_test_add_func ("/digitizer/kept-in-project", test_kept_in_project);
  g_test_add_func ("/digitizer/overlay", test_overlay);
  g_test_add_func ("/digitizer/figures-page-overlay", test_figures_page_overlay);
  g_test_add_func ("/digitizer/trials-button", test_trials_button);
  g_test_add_func ("/digitizer/trials-list", test_trials_list);

  return g_test_run ();
}
