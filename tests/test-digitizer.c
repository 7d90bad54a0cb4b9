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
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "app/ep-application.h"
#include "app/ep-digitizer.h"
#include "app/ep-trial-browser.h"
#include "io/ep-digitize.h"

static void
iterate (void)
{
  for (guint i = 0; i < 200 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

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
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
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
  iterate ();

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
  iterate ();

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
  iterate ();
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
  iterate ();

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
  iterate ();
  g_remove (path);
  g_rmdir (dir);
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
  iterate ();
  g_assert_true (gtk_widget_activate_action (browser, "trials.digitize", NULL));
  iterate ();
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
  iterate ();
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
  g_test_add_func ("/digitizer/trials-button", test_trials_button);

  return g_test_run ();
}
