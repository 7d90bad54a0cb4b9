/* test-cli-plot.c: endpoint-cli plot km|cif|forest as a user runs it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built endpoint-cli ($ENDPOINT_CLI) on the reference data and checks the exit status
 * of design.md's contract (0 success, 1 data error, 2 usage error), the JSON it prints, and the
 * files it writes (format by extension, size in points and pixels).
 */
#include "config.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ep-test-cli.h"
#include "ep-test-pdf.h"

static char *
data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "reference", "data", name, NULL);
}

static void
test_plot_km (void)
{
  g_autofree char *csv = data_file ("aml.csv");
  g_autofree char *dir = ep_test_make_temp_dir ("test-cli-plot-XXXXXX");
  g_autofree char *pdf = g_build_filename (dir, "aml.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(EpTestCliRun) run = { 0 };
  JsonObject *object;

  ep_test_cli_run (&run, "plot", "km", "--csv", csv, "--time", "time", "--event", "status",
                   "--group", "x", "--risk-table", "--data-unit", "weeks", "--ci", "lines",
                   "--title", "AML", "--out", pdf, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  object = ep_test_parse_json_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (object, "figure"), ==, "km");
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "pdf");
  /* 85 x 70 mm by default: 240.9449 x 198.4252 pt (mm / 25.4 * 72) */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "width_pt"),
                                  85.0 / 25.4 * 72.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "height_pt"),
                                  70.0 / 25.4 * 72.0, 1e-9);

  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  ep_test_remove_dir (dir);
}

static void
test_plot_png_size (void)
{
  g_autofree char *csv = data_file ("aml.csv");
  g_autofree char *dir = ep_test_make_temp_dir ("test-cli-plot-XXXXXX");
  g_autofree char *png = g_build_filename (dir, "aml.png", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(EpTestCliRun) run = { 0 };
  cairo_surface_t *image;
  JsonObject *object;

  ep_test_cli_run (&run, "plot", "km", "--csv", csv, "--time", "time", "--event", "status",
                   "--group", "x", "--width-mm", "60", "--height-mm", "50", "--dpi", "200",
                   "--palette", "grayscale", "--out", png, NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* 60 mm at 200 dpi = 472.44 -> 472 px; 50 mm = 393.70 -> 394 px (hand-computed) */
  object = ep_test_parse_json_object (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (object, "width_px"), ==, 472);
  g_assert_cmpint (json_object_get_int_member (object, "height_px"), ==, 394);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 472);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 394);
  cairo_surface_destroy (image);

  ep_test_remove_dir (dir);
}

static void
test_plot_cif_and_forest (void)
{
  g_autofree char *cr_sim = data_file ("cr_sim.csv");
  g_autofree char *meta_cr = data_file ("meta_cr.csv");
  g_autofree char *hr = data_file ("hr_studies.csv");
  g_autofree char *dir = ep_test_make_temp_dir ("test-cli-plot-XXXXXX");
  g_autofree char *svg = g_build_filename (dir, "cif.svg", NULL);
  g_autofree char *tiff = g_build_filename (dir, "forest.tif", NULL);
  g_autofree char *eps = g_build_filename (dir, "hr.eps", NULL);
  g_autofree char *contents = NULL;

  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "plot", "cif", "--csv", cr_sim, "--time", "time", "--status", "status",
                     "--group", "group", "--cause", "1", "--cause-labels", "Relapse,Death in remission",
                     "--risk-table", "--time-unit", "months", "--data-unit", "months", "--out", svg, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<svg"));
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "plot", "forest", "--csv", meta_cr, "--events", "cr", "--total", "n",
                     "--label", "trial", "--subgroup", "class", "--method", "REML",
                     "--estimate-label", "CR rate", "--width-mm", "170", "--height-mm", "120",
                     "--dpi", "150", "--out", tiff, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (tiff, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "plot", "forest", "--csv", hr, "--ratio", "hr", "--lower", "lower",
                     "--upper", "upper", "--label", "study", "--favours-left", "Favours treatment",
                     "--favours-right", "Favours control", "--out", eps, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (eps, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "%!PS-Adobe-3.0 EPSF-3.0"));
  }

  {
    g_autofree char *lung = data_file ("lung.csv");
    g_autofree char *pdf = g_build_filename (dir, "cox.pdf", NULL);
    g_auto(EpTestCliRun) run = { 0 };

    /* the hazard-ratio table form: coxph (Surv (time, status) ~ age + factor (sex) +
     * factor (ph_ecog)) drawn as a forest */
    ep_test_cli_run (&run, "plot", "forest", "--cox", "--csv", lung, "--time", "time", "--event",
                     "status", "--covariates", "age,sex,ph_ecog", "--factors", "sex,ph_ecog",
                     "--out", pdf, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_autofree char *lung = data_file ("lung.csv");
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "plot", "forest", "--cox", "--csv", lung, "--time", "time", "--event",
                     "status", "--covariates", "age,age", "--out", "never.pdf", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "“age” twice"));
  }

  ep_test_remove_dir (dir);
}

static void
test_plot_usage_errors (void)
{
  g_autofree char *csv = data_file ("aml.csv");
  const char *cases[][2] = {
    { "--ci", "dots" },
    { "--time-unit", "fortnights" },
    { "--dpi", "5" },
    { "--width-mm", "0" },
    { "--palette", "rainbow" },
    { "--legend", "above" },
  };

  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "plot", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "km, cif or forest"));
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "plot", "bar", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "plot", "km", "--csv", csv, "--time", "time", "--event", "status", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--out is required"));
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "plot", "km", "--csv", csv, "--time", "time", "--event", "status",
                     "--out", "figure.docx", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "figure.docx"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(EpTestCliRun) run = { 0 };

      ep_test_cli_run (&run, "plot", "km", "--csv", csv, "--time", "time", "--event", "status",
                       cases[i][0], cases[i][1], "--out", "never.pdf", NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i][0]));
      g_assert_false (g_file_test ("never.pdf", G_FILE_TEST_EXISTS));
    }
}

static void
test_plot_data_errors (void)
{
  g_autofree char *dir = ep_test_make_temp_dir ("test-cli-plot-XXXXXX");
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "never.pdf", NULL);
  g_autofree char *aml = data_file ("aml.csv");

  g_assert_true (g_file_set_contents (bad, "time,status\n5,1\nabc,0\n", -1, NULL));
  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "plot", "km", "--csv", bad, "--time", "time", "--event", "status",
                     "--out", out, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "bad.csv:3: column \"time\": \"abc\" is not a number"));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "plot", "cif", "--csv", aml, "--time", "time", "--status", "nosuch",
                     "--out", out, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "nosuch"));
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    /* a file that cannot be written is a failure of the run, not of the command line */
    ep_test_cli_run (&run, "plot", "km", "--csv", aml, "--time", "time", "--event", "status",
                     "--out", "/nonexistent/directory/figure.pdf", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "/nonexistent/directory/figure.pdf"));
  }

  ep_test_remove_dir (dir);
}

/* Issue 13: a figure's language and decimal mark do not follow the user's locale. endpoint-cli
 * runs with LANG=de_DE.UTF-8 and LANGUAGE=de (a German desktop); its catalogs are the build
 * tree's (ENDPOINT_LOCALE_DIR, set by tests/meson.build). pdftotext reads the PDF's text. */
static char *
plot_args_in_german_desktop_to (const char * const *args,
                                const char         *out_option,
                                const char         *figure_language,
                                const char         *decimal_mark)
{
  g_autofree char *dir = ep_test_make_temp_dir ("test-cli-plot-lang-XXXXXX");
  g_autofree char *pdf = g_build_filename (dir, "km.pdf", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *text;
  int status;

  /* the test's environment (with the sanitizer options the sanitizer suite sets, which the
   * child needs too: tests/lsan.supp) as a German desktop's */
  env = g_get_environ ();
  env = g_environ_unsetenv (env, "LC_ALL");
  env = g_environ_unsetenv (env, "LC_MESSAGES");
  env = g_environ_setenv (env, "LANG", "de_DE.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "de", TRUE);
  env = g_environ_setenv (env, "LC_NUMERIC", "de_DE.UTF-8", TRUE);
  env = g_environ_setenv (env, "ENDPOINT_LOCALE_DIR", g_getenv ("ENDPOINT_LOCALE_DIR"), TRUE);
  g_ptr_array_add (argv, (char *) g_getenv ("ENDPOINT_CLI"));
  for (const char *const *a = args; *a != NULL; a++)
    g_ptr_array_add (argv, (char *) *a);
  g_ptr_array_add (argv, (char *) out_option);
  g_ptr_array_add (argv, pdf);
  if (figure_language != NULL)
    {
      g_ptr_array_add (argv, "--figure-language");
      g_ptr_array_add (argv, (char *) figure_language);
    }
  if (decimal_mark != NULL)
    {
      g_ptr_array_add (argv, "--decimal-mark");
      g_ptr_array_add (argv, (char *) decimal_mark);
    }
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  text = ep_test_pdf_text (pdf);
  g_remove (pdf);
  g_rmdir (dir);

  return text;
}

static char *
plot_args_in_german_desktop (const char * const *args,
                             const char         *figure_language,
                             const char         *decimal_mark)
{
  return plot_args_in_german_desktop_to (args, "--out", figure_language, decimal_mark);
}

static char *
plot_text_in_german_desktop (const char *figure_language,
                             const char *decimal_mark)
{
  g_autofree char *csv = data_file ("lung.csv");
  const char *args[] = { "plot", "km", "--csv", csv, "--time", "time", "--event", "status",
                         "--group", "sex", "--risk-table", NULL };

  return plot_args_in_german_desktop (args, figure_language, decimal_mark);
}

static void
assert_contains (const char *text,
                 const char *part,
                 gboolean    expected)
{
  if ((strstr (text, part) != NULL) != expected)
    g_test_fail_printf ("“%s” %s in the figure's text: %s", part,
                        expected ? "missing" : "unexpected", text);
}

static void
test_plot_figure_language (void)
{
  g_autofree char *english = NULL;
  g_autofree char *german = NULL;
  g_autofree char *german_dot = NULL;
  g_autofree char *english_comma = NULL;
  g_autofree char *chinese = NULL;
  g_autofree char *as_app = NULL;
  g_autofree char *by_default = NULL;

  if (g_getenv ("ENDPOINT_LOCALE_DIR") == NULL)
    {
      g_test_skip ("ENDPOINT_LOCALE_DIR is not set");
      return;
    }
  english = plot_text_in_german_desktop ("en", NULL);
  if (english == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  assert_contains (english, "Survival probability", TRUE);
  assert_contains (english, "Number at risk", TRUE);
  assert_contains (english, "Log-rank p = 0.001", TRUE);
  assert_contains (english, "HR 0.59 (95% CI 0.42–0.82)", TRUE);
  assert_contains (english, "0.2 0.4", TRUE);
  assert_contains (english, "0,2", FALSE);
  assert_contains (english, "Überlebens", FALSE);
  /* the comparison under the HR, made when drawn (issue 13 item 5) */
  assert_contains (english, "sex=2 vs sex=1", TRUE);

  /* No option: English too, whatever LANG says. */
  by_default = plot_text_in_german_desktop (NULL, NULL);
  assert_contains (by_default, "Survival probability", TRUE);
  assert_contains (by_default, "0.2 0.4", TRUE);

  german = plot_text_in_german_desktop ("de", NULL);
  assert_contains (german, "Überlebenswahrscheinlichkeit", TRUE);
  assert_contains (german, "Anzahl unter Risiko", TRUE);
  assert_contains (german, "Log-Rank-p = 0,001", TRUE);
  assert_contains (german, "0,2 0,4", TRUE);
  assert_contains (german, "HR 0,59", TRUE);
  assert_contains (german, "Survival", FALSE);
  assert_contains (german, "sex=2 vs. sex=1", TRUE);

  german_dot = plot_text_in_german_desktop ("de", "dot");
  assert_contains (german_dot, "Überlebenswahrscheinlichkeit", TRUE);
  assert_contains (german_dot, "0.2 0.4", TRUE);

  english_comma = plot_text_in_german_desktop ("en", "comma");
  assert_contains (english_comma, "Survival probability", TRUE);
  assert_contains (english_comma, "0,2 0,4", TRUE);

  /* "as the app": the process's language, German here */
  as_app = plot_text_in_german_desktop ("app", NULL);
  assert_contains (as_app, "Überlebenswahrscheinlichkeit", TRUE);
  assert_contains (as_app, "0,2 0,4", TRUE);

  chinese = plot_text_in_german_desktop ("zh_CN", NULL);
  assert_contains (chinese, "生存概率", TRUE);
  assert_contains (chinese, "0.2 0.4", TRUE);
}

/* The forest plots' notes, pooled rows and p-values are written when drawn, in the figure's
 * language and decimal mark, not in the process's (issue 13 item 5). */
static void
test_plot_figure_language_forest (void)
{
  g_autofree char *meta_cr = data_file ("meta_cr.csv");
  g_autofree char *lung = data_file ("lung.csv");
  const char *meta[] = { "plot", "forest", "--csv", meta_cr, "--events", "cr", "--total", "n",
                         "--label", "trial", "--subgroup", "class", "--method", "REML",
                         "--width-mm", "170", "--height-mm", "200", NULL };
  const char *cox[] = { "plot", "forest", "--cox", "--csv", lung, "--time", "time", "--event",
                        "status", "--covariates", "age,sex,ph_ecog", "--factors", "sex,ph_ecog",
                        NULL };
  g_autofree char *english = NULL;
  g_autofree char *german = NULL;
  g_autofree char *cox_english = NULL;
  g_autofree char *cox_german = NULL;

  if (g_getenv ("ENDPOINT_LOCALE_DIR") == NULL)
    {
      g_test_skip ("ENDPOINT_LOCALE_DIR is not set");
      return;
    }
  english = plot_args_in_german_desktop (meta, "en", NULL);
  if (english == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  assert_contains (english, "Heterogeneity: I² = ", TRUE);
  assert_contains (english, "Overall, random effects (k = ", TRUE);
  assert_contains (english, "Subtotal, random effects", TRUE);
  assert_contains (english, "Test for subgroup differences", TRUE);
  assert_contains (english, "Heterogenität", FALSE);
  assert_contains (english, "Gesamt", FALSE);
  assert_contains (english, "zufällige", FALSE);
  g_assert_true (g_regex_match_simple ("Q = [0-9]+\\.[0-9][0-9] ", english, 0, 0));

  german = plot_args_in_german_desktop (meta, "de", NULL);
  assert_contains (german, "Heterogenität: I² = ", TRUE);
  assert_contains (german, "Gesamt, zufällige Effekte", TRUE);
  assert_contains (german, "Test for subgroup", FALSE);
  assert_contains (german, "Heterogeneity", FALSE);
  assert_contains (german, "Overall", FALSE);
  g_assert_true (g_regex_match_simple ("Q = [0-9]+,[0-9][0-9] ", german, 0, 0));

  /* the Cox table as a forest: p-values in the figure's decimal mark */
  cox_english = plot_args_in_german_desktop (cox, "en", NULL);
  assert_contains (cox_english, "Hazard ratio (log scale)", TRUE);
  g_assert_true (g_regex_match_simple (" 0\\.[0-9][0-9]", cox_english, 0, 0));
  g_assert_false (g_regex_match_simple (" 0,[0-9][0-9]", cox_english, 0, 0));
  cox_german = plot_args_in_german_desktop (cox, "de", NULL);
  assert_contains (cox_german, "Hazard ratio", FALSE);
  g_assert_true (g_regex_match_simple (" 0,[0-9][0-9]", cox_german, 0, 0));
}

/* The Trials page's forest (endpoint-cli trials --forest, the same ep_evidence_forest_new()):
 * its headers, method, prediction and comparability notes in the figure's language and decimal
 * mark, not the German desktop's (issue 13 item 5). */
static void
test_plot_figure_language_trials (void)
{
  const char *trials[] = { "trials", "--ids", "blina-phase2-pooled,tower-blinatumomab,eliana,seattle-car-t",
                           "--subgroup", "class", "--method", "REML", "--knapp-hartung",
                           "--prediction", NULL };
  g_autofree char *english = NULL;
  g_autofree char *german = NULL;

  if (g_getenv ("ENDPOINT_LOCALE_DIR") == NULL)
    {
      g_test_skip ("ENDPOINT_LOCALE_DIR is not set");
      return;
    }
  english = plot_args_in_german_desktop_to (trials, "--forest", NULL, NULL);
  if (english == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  assert_contains (english, "Trial", TRUE);
  assert_contains (english, "Complete remission, % (95% CI)", TRUE);
  assert_contains (english, "Method: random effects, REML, Knapp-Hartung", TRUE);
  assert_contains (english, "Prediction interval", TRUE);
  assert_contains (english, "Note: CR is defined differently", TRUE);
  assert_contains (english, "Studie", FALSE);
  assert_contains (english, "Methode", FALSE);
  assert_contains (english, "Hinweis", FALSE);
  g_assert_false (g_regex_match_simple ("[0-9],[0-9]", english, 0, 0));
  g_assert_true (g_regex_match_simple ("[0-9]\\.[0-9]–[0-9]", english, 0, 0));

  german = plot_args_in_german_desktop_to (trials, "--forest", "de", NULL);
  assert_contains (german, "Studie", TRUE);
  assert_contains (german, "Komplette Remission, % (95-%-KI)", TRUE);
  assert_contains (german, "Methode: ", TRUE);
  assert_contains (german, "Hinweis: CR ist unterschiedlich definiert", TRUE);
  assert_contains (german, "Method:", FALSE);
  assert_contains (german, "Prediction interval", FALSE);
  g_assert_true (g_regex_match_simple ("[0-9],[0-9]–[0-9]", german, 0, 0));
}

static void
test_plot_figure_language_errors (void)
{
  g_autofree char *csv = data_file ("aml.csv");
  g_auto(EpTestCliRun) run = { 0 };
  g_auto(EpTestCliRun) run2 = { 0 };

  ep_test_cli_run (&run, "plot", "km", "--csv", csv, "--time", "time", "--event", "status",
                   "--out", "x.pdf", "--figure-language", "fr", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--figure-language"));
  ep_test_cli_run (&run2, "plot", "km", "--csv", csv, "--time", "time", "--event", "status",
                   "--out", "x.pdf", "--decimal-mark", "semicolon", NULL);
  g_assert_cmpint (run2.status, ==, 2);
  g_assert_nonnull (strstr (run2.err, "--decimal-mark"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/plot/km", test_plot_km);
  g_test_add_func ("/cli/plot/png-size", test_plot_png_size);
  g_test_add_func ("/cli/plot/cif-and-forest", test_plot_cif_and_forest);
  g_test_add_func ("/cli/plot/usage-errors", test_plot_usage_errors);
  g_test_add_func ("/cli/plot/data-errors", test_plot_data_errors);
  g_test_add_func ("/cli/plot/figure-language", test_plot_figure_language);
  g_test_add_func ("/cli/plot/figure-language-errors", test_plot_figure_language_errors);
  g_test_add_func ("/cli/plot/figure-language-forest", test_plot_figure_language_forest);
  g_test_add_func ("/cli/plot/figure-language-trials", test_plot_figure_language_trials);

  return g_test_run ();
}
