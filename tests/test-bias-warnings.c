/* test-bias-warnings.c: the reviewer's analyses in the Cohorts page (issue 16), in a real
 * (virtual) window
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cohort: seed 004's 30 patients (response, MRD, relapse and vital status as in
 * data/examples/seed004-blinatumomab.csv) with follow-up and response times made up for the
 * test (tests/data/seed004-timed.csv; the paper gives none per patient), as the CLI tests of
 * the landmark analysis use made-up times (tests/data/reference/data/response.csv).
 *  - Overall survival grouped by response raises the guarantee-time warning; its button runs
 *    the landmark analysis, whose results add the Mantel-Byar test and the Simon-Makuch curves.
 *  - Relapse with deaths censored raises the competing-risk warning; its button runs the
 *    cumulative incidence with death as a competing event.
 *  - Survival results carry RMST and the median follow-up; a Cox model the PH check and its
 *    figure. With EP_SCREENSHOT_DIR set, the results are saved as PNGs (docs/figures).
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "app/ep-analysis-dialog.h"
#include "app/ep-analysis-results.h"
#include "app/ep-application.h"
#include "ep-test-ui.h"
#include "app/ep-cohort-page.h"
#include "model/ep-figure.h"

static EpApplication *app;
static GtkWindow *window;
static EpCohortPage *page;
static EpCohort *cohort;

static gboolean
has_mapped_action (GtkWidget     *widget,
                   gconstpointer  action)
{
  return GTK_IS_ACTIONABLE (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static GtkWidget *
find_action (GtkWidget  *root,
             const char *action)
{
  return ep_test_ui_find (root, has_mapped_action, action);
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  return ep_test_ui_find (root, has_name, name);
}

static gboolean
analysis_done (gpointer data)
{
  return ep_analysis_has_results (EP_ANALYSIS (data)) && !ep_analysis_get_running (EP_ANALYSIS (data));
}

/* The shown analysis once its worker is done (at most EP_TEST_UI_WAIT_US). */
static EpAnalysis *
wait_shown (void)
{
  EpAnalysisResults *results = ep_cohort_page_get_results (page);
  EpAnalysis *analysis = ep_analysis_results_get_analysis (results);

  g_assert_nonnull (analysis);
  g_assert_true (ep_test_ui_wait_for (analysis_done, analysis));
  return analysis;
}

static EpAnalysis *
run (EpAnalysis *analysis)
{
  ep_cohort_page_run_analysis (page, analysis);
  return wait_shown ();
}

static const EpResultTable *
find_table (EpAnalysis *analysis,
            const char *prefix)
{
  GPtrArray *tables = ep_analysis_get_tables (analysis);

  for (guint t = 0; t < tables->len; t++)
    {
      const EpResultTable *table = g_ptr_array_index (tables, t);

      if (g_str_has_prefix (table->title, prefix))
        return table;
    }
  return NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("EP_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      g_usleep (20000);
      ep_test_ui_iterate ();
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  if (node == NULL)
    g_error ("no screenshot of %s", name);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Scrolls the results so that widget is at the top (for a screenshot of it). */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t point;

  if (scrolled == NULL)
    return;
  ep_test_ui_iterate ();
  if (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                              MAX (point.y - 12, 0));
  ep_test_ui_iterate ();
}

/* The project stores the new results and options with the analysis and restores them as
 * they were (ep-analysis-json.c): the result read back equals the one computed. */
static void
assert_round_trip (EpAnalysis *analysis)
{
  g_autofree char *json = ep_analysis_results_to_json (analysis);
  g_autoptr(GVariant) options = g_variant_ref_sink (ep_analysis_to_variant (analysis));
  g_autoptr(EpAnalysis) copy = ep_analysis_new_from_variant (options, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *json2 = NULL;

  g_assert_nonnull (copy);
  for (guint k = 0; k < 2; k++)
    {
      const char *key = k == 0 ? "landmark-time" : "rmst-tau";
      double a = ep_analysis_get_double (analysis, key), b = ep_analysis_get_double (copy, key);

      g_assert_true ((isnan (a) && isnan (b)) || a == b);
    }
  g_assert_cmpstr (ep_analysis_get_string (copy, "response-time"), ==,
                   ep_analysis_get_string (analysis, "response-time"));
  g_assert_true (ep_analysis_restore_results (copy, json, "0000", "test", &error));
  g_assert_no_error (error);
  json2 = ep_analysis_results_to_json (copy);
  g_assert_cmpstr (json, ==, json2);
  g_assert_cmpuint (ep_analysis_get_n_biases (copy), ==, ep_analysis_get_n_biases (analysis));
  for (guint b = 0; b < ep_analysis_get_n_biases (copy); b++)
    g_assert_cmpstr (ep_analysis_get_bias (copy, b)->remedy, ==,
                     ep_analysis_get_bias (analysis, b)->remedy);
  g_assert_true ((ep_analysis_get_rmst (copy) != NULL) == (ep_analysis_get_rmst (analysis) != NULL));
  g_assert_true ((ep_analysis_get_zph (copy) != NULL) == (ep_analysis_get_zph (analysis) != NULL));
  g_assert_true ((ep_analysis_get_mantel_byar (copy) != NULL) ==
                 (ep_analysis_get_mantel_byar (analysis) != NULL));
  if (ep_analysis_get_zph (copy) != NULL)
    g_assert_cmpfloat (ep_analysis_get_zph (copy)->global_chisq, ==,
                       ep_analysis_get_zph (analysis)->global_chisq);
  if (ep_analysis_get_rmst (copy) != NULL)
    g_assert_cmpfloat (ep_analysis_get_rmst (copy)->groups[0].rmst, ==,
                       ep_analysis_get_rmst (analysis)->groups[0].rmst);
}

/* Grouping by response: the guarantee-time warning and its landmark analysis. */
static void
test_guarantee_time (void)
{
  g_autoptr(EpAnalysis) survival = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  EpAnalysis *shown, *landmark;
  const EpAnalysisBias *bias = NULL;
  GtkWidget *button;
  const EpKmResult *km;

  ep_analysis_set_string (survival, "endpoint", "OS");
  ep_analysis_set_string (survival, "group", "response");
  shown = run (survival);
  g_assert_true (shown == survival);

  for (guint b = 0; b < ep_analysis_get_n_biases (shown); b++)
    if (ep_analysis_get_bias (shown, b)->kind == EP_ANALYSIS_BIAS_GUARANTEE_TIME)
      bias = ep_analysis_get_bias (shown, b);
  g_assert_nonnull (bias);
  g_assert_nonnull (strstr (bias->message, "response"));
  g_assert_nonnull (bias->remedy);

  /* RMST and the median follow-up come with every survival result */
  g_assert_nonnull (ep_analysis_get_rmst (shown));
  g_assert_cmpuint (ep_analysis_get_rmst (shown)->n_groups, ==, 3);
  g_assert_nonnull (ep_analysis_get_followup (shown));
  g_assert_nonnull (find_table (shown, "Restricted mean survival time"));
  g_assert_nonnull (find_table (shown, "Follow-up"));
  save_screenshot (GTK_WIDGET (window), "bias-guarantee-time");
  scroll_to (find_action (GTK_WIDGET (ep_cohort_page_get_results (page)), "results.run-remedy"));

  /* the offered landmark analysis runs from the warning's button */
  button = find_action (GTK_WIDGET (ep_cohort_page_get_results (page)), "results.run-remedy");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  ep_test_ui_iterate ();
  g_assert_true (ep_analysis_results_get_analysis (ep_cohort_page_get_results (page)) != survival);
  landmark = wait_shown ();
  g_assert_true (landmark != survival);
  g_assert_cmpint (ep_analysis_get_kind (landmark), ==, EP_ANALYSIS_SURVIVAL);
  g_assert_cmpstr (ep_analysis_get_string (landmark, "response-time"), ==, "response_month");
  /* the landmark: 90% of the 25 response times (type 1 quantile) */
  g_assert_cmpfloat (ep_analysis_get_landmark_time (landmark), ==, 2.4);
  km = ep_analysis_get_km (landmark);
  g_assert_cmpuint (km->n_groups, ==, 2);
  /* every responder responded by 2.4 months and is followed beyond it; the non-responders
   * followed beyond it are patients 6 (3.1) and 9 (4.3) */
  g_assert_cmpuint (km->curves[1].n, ==, 25);
  g_assert_cmpuint (km->curves[0].n, ==, 2);
  g_assert_cmpuint (ep_analysis_get_landmark_excluded (landmark), ==, 3);
  g_assert_nonnull (ep_analysis_get_logrank (landmark));
  g_assert_nonnull (ep_analysis_get_mantel_byar (landmark));
  g_assert_nonnull (ep_analysis_get_simon_makuch (landmark));
  g_assert_nonnull (find_table (landmark, "Response as a time-dependent covariate"));
  /* a landmark analysis does not warn of the bias it avoids */
  for (guint b = 0; b < ep_analysis_get_n_biases (landmark); b++)
    g_assert_cmpint (ep_analysis_get_bias (landmark, b)->kind, !=, EP_ANALYSIS_BIAS_GUARANTEE_TIME);
  /* both are the project's analyses of the cohort */
  g_assert_nonnull (find_named (GTK_WIDGET (ep_cohort_page_get_results (page)), "simon-makuch-figure"));
  save_screenshot (GTK_WIDGET (window), "bias-landmark");

  /* Edit Options keeps it a landmark analysis, with its landmark in a row of its own */
  {
    EpAnalysisDialog *dialog = ep_analysis_dialog_new (cohort, EP_ANALYSIS_SURVIVAL, landmark);
    g_autoptr(EpAnalysis) edited = ep_analysis_dialog_build (dialog, NULL);

    g_assert_nonnull (edited);
    g_assert_cmpstr (ep_analysis_get_string (edited, "response-time"), ==, "response_month");
    g_assert_cmpfloat (ep_analysis_get_double (edited, "landmark-time"), ==, 2.4);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* its figure: the landmark curves from the landmark on the original time axis (docs/figures/
   * landmark-original-axis.png is made by test-window-project /window-project/landmark-figures) */
  {
    g_autoptr(EpFigure) figure = NULL;
    g_autoptr(GError) error = NULL;
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 400);
    cairo_t *cr = cairo_create (surface);
    const char *dir = g_getenv ("EP_SCREENSHOT_DIR");

    ep_analysis_set_id (landmark, "landmark-test");
    figure = ep_figure_new_for_analysis (landmark, &error);
    g_assert_no_error (error);
    cairo_scale (cr, 2, 2);
    ep_figure_render (figure, cr, 240, 200, NULL);
    if (dir != NULL)
      {
        g_autofree char *path = g_build_filename (dir, "landmark-figure.png", NULL);

        g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      }
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  assert_round_trip (shown);
  assert_round_trip (landmark);
}

/* Relapse with deaths censored: the competing-risk warning and its CIF. */
static void
test_competing_risk (void)
{
  g_autoptr(EpAnalysis) relapse = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  EpAnalysis *shown, *cif_analysis;
  const EpAnalysisBias *bias = NULL;
  const EpCifResult *cif;
  GtkWidget *button;

  ep_analysis_set_string (relapse, "endpoint", "Relapse");
  shown = run (relapse);
  for (guint b = 0; b < ep_analysis_get_n_biases (shown); b++)
    if (ep_analysis_get_bias (shown, b)->kind == EP_ANALYSIS_BIAS_COMPETING_RISK)
      bias = ep_analysis_get_bias (shown, b);
  g_assert_nonnull (bias);
  g_assert_nonnull (strstr (bias->message, "outcome"));
  g_assert_nonnull (bias->remedy);

  button = find_action (GTK_WIDGET (ep_cohort_page_get_results (page)), "results.run-remedy");
  g_assert_nonnull (button);
  save_screenshot (GTK_WIDGET (window), "bias-competing-risk");
  g_signal_emit_by_name (button, "clicked");
  ep_test_ui_iterate ();
  cif_analysis = wait_shown ();
  g_assert_cmpint (ep_analysis_get_kind (cif_analysis), ==, EP_ANALYSIS_COMPETING_RISKS);
  cif = ep_analysis_get_cif (cif_analysis);
  g_assert_nonnull (cif);
  /* 26 patients with a relapse status (the 4 non-responders without one are dropped);
   * relapse (5) and death without relapse (patient 6) */
  g_assert_cmpuint (ep_analysis_get_n (cif_analysis), ==, 26);
  g_assert_cmpuint (cif->n_causes, ==, 2);
  g_assert_cmpstr (ep_analysis_get_cause_label (cif_analysis, 0), ==, "Relapse");
  g_assert_cmpstr (ep_analysis_get_cause_label (cif_analysis, 1), ==, "Dead");
  g_assert_cmpuint (ep_cif_result_get_curve (cif, 0, 0)->n_events, ==, 5);
  g_assert_cmpuint (ep_cif_result_get_curve (cif, 0, 1)->n_events, ==, 1);
  /* side by side with the naive curve */
  g_assert_nonnull (find_table (cif_analysis, "Relapse: one minus Kaplan-Meier"));
  save_screenshot (GTK_WIDGET (window), "bias-cif");
  assert_round_trip (shown);
  assert_round_trip (cif_analysis);
}

/* A Cox model of OS: the PH check and its figure. */
static void
test_zph (void)
{
  g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
  const char *covariates[] = { "mrd_negative", "age", NULL };
  EpAnalysis *shown;
  GtkWidget *figure;

  ep_analysis_set_strv (cox, "covariates", covariates);
  ep_analysis_set_string (cox, "endpoint", "OS");
  shown = run (cox);
  g_assert_nonnull (ep_analysis_get_zph (shown));
  g_assert_cmpuint (ep_analysis_get_zph (shown)->n_terms, ==, 2);
  g_assert_nonnull (find_table (shown, "Proportional hazards check"));
  figure = find_named (GTK_WIDGET (ep_cohort_page_get_results (page)), "zph-figure");
  g_assert_nonnull (figure);
  scroll_to (figure);
  save_screenshot (GTK_WIDGET (window), "cox-ph-check");
  assert_round_trip (shown);
}

/* Survival results with RMST and follow-up, for the docs' screenshot. */
static void
test_rmst_followup (void)
{
  g_autoptr(EpAnalysis) survival = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  EpAnalysis *shown;
  const EpResultTable *table;

  ep_analysis_set_string (survival, "endpoint", "OS");
  ep_analysis_set_string (survival, "group", "mrd_negative");
  ep_analysis_set_double (survival, "rmst-tau", 12.0);
  shown = run (survival);
  g_assert_cmpfloat (ep_analysis_get_rmst (shown)->tau, ==, 12.0);
  g_assert_cmpuint (ep_analysis_get_rmst (shown)->n_contrasts, ==, 1);
  table = find_table (shown, "Restricted mean survival time up to 12");
  g_assert_nonnull (table);
  g_assert_cmpuint (table->rows->len, ==, 2);
  assert_round_trip (shown);
  scroll_to (gtk_widget_get_first_child (GTK_WIDGET (ep_cohort_page_get_results (page))));
  save_screenshot (GTK_WIDGET (window), "survival-rmst-followup");
}

/* Issue 13's defaults and guards in the dialogs: the landmark field names the endpoint's unit;
 * the competing-risks dialog proposes the column of a few integer codes with a 0 as Status, not
 * the time column, and a time column chosen as Status is refused. */
static void
test_dialog_defaults (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                 "cr_sim.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cr_cohort = ep_cohort_new_from_file (path, NULL, &error);
  EpAnalysisDialog *dialog;

  g_assert_no_error (error);

  /* survival on OS (months): the unit is in the landmark row's title */
  dialog = ep_analysis_dialog_new (cohort, EP_ANALYSIS_SURVIVAL, NULL);
  g_assert_true (ep_analysis_dialog_select (dialog, "endpoint", "OS"));
  g_assert_cmpstr (ep_analysis_dialog_get_landmark_title (dialog), ==,
                   "Landmark times in months, comma-separated");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* competing risks on cr_sim.csv: Status defaults to "status", never "time" */
  dialog = ep_analysis_dialog_new (cr_cohort, EP_ANALYSIS_COMPETING_RISKS, NULL);
  g_assert_true (ep_analysis_dialog_select (dialog, "time", "time"));
  {
    g_autoptr(EpAnalysis) analysis = ep_analysis_dialog_build (dialog, &error);

    g_assert_no_error (error);
    g_assert_nonnull (analysis);
    g_assert_cmpstr (ep_analysis_get_string (analysis, "status"), ==, "status");
  }
  /* the time column as Status (hundreds of distinct values): refused with the reason */
  g_assert_true (ep_analysis_dialog_select (dialog, "status", "time"));
  {
    g_autoptr(EpAnalysis) analysis = ep_analysis_dialog_build (dialog, &error);

    if (analysis != NULL)
      {
        g_assert_no_error (error);
        g_assert_false (ep_analysis_run (analysis, cr_cohort, NULL, &error));
      }
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "this looks like a time column"));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  const char *dead[] = { "Dead", NULL };
  const char *yes[] = { "yes", NULL };
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      if (g_getenv ("EP_TEST_REQUIRE_DISPLAY") != NULL)
        {
          g_printerr ("no display although EP_TEST_REQUIRE_DISPLAY is set\n");
          return 1;
        }
      g_test_skip ("no display: run under Xvfb (build-aux/dev test does)");
      return g_test_run ();
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  adw_init ();
  app = ep_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_hold (G_APPLICATION (app));
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    g_error ("cannot register the application");

  csv = g_test_build_filename (G_TEST_DIST, "data", "seed004-timed.csv", NULL);
  cohort = ep_cohort_new_from_file (csv, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_time ("OS", "months", "outcome", dead,
                                                                  EP_TIME_UNIT_MONTHS);
    g_autoptr(EpCohortEndpoint) rel = ep_cohort_endpoint_new_time ("Relapse", "months", "relapse",
                                                                   yes, EP_TIME_UNIT_MONTHS);

    ep_cohort_set_endpoint (cohort, os);
    ep_cohort_set_endpoint (cohort, rel);
  }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 900);
  page = EP_COHORT_PAGE (ep_cohort_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  ep_cohort_page_set_cohort (page, cohort);
  ep_test_ui_iterate ();

  g_test_add_func ("/bias-warnings/guarantee-time", test_guarantee_time);
  g_test_add_func ("/bias-warnings/competing-risk", test_competing_risk);
  g_test_add_func ("/bias-warnings/rmst-followup", test_rmst_followup);
  g_test_add_func ("/bias-warnings/zph", test_zph);
  g_test_add_func ("/bias-warnings/dialog-defaults", test_dialog_defaults);

  ret = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&cohort);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return ret;
}
