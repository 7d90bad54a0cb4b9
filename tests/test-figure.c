/* test-figure.c: EpFigure, the figure model of the Figures page
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Kaplan-Meier figure of the aml CSV (numbers at risk from R, the page size of its PDF and
 * SVG), a forest plot of the seed 001 arms pooled by class (one row per arm, a diamond per
 * class and overall, the pooled values from metafor), a competing-risks figure, a Cox table,
 * the options through JSON and back, ::changed, and the data errors.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/ep-csv.h"
#include "model/ep-figure.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "reference", "data", name, NULL);
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("test-figure-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

/* Files with binary streams (PDF) hold NUL bytes: match over the whole length. */
static double
regex_number (const char *text,
              gsize       length,
              const char *pattern,
              guint       group)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  if (!g_regex_match_full (regex, text, length, 0, 0, &match, NULL))
    g_error ("no match for %s", pattern);
  number = g_match_info_fetch (match, group);

  return g_ascii_strtod (number, NULL);
}

static EpFigure *
aml_figure (void)
{
  g_autofree char *path = data_path ("aml.csv");
  g_autoptr(GError) error = NULL;
  EpFigure *figure = ep_figure_new_km_from_file (path, "time", "status", "x", &error);

  g_assert_no_error (error);
  g_assert_nonnull (figure);
  /* Fixed fonts for tests (fonts-dejavu-core). */
  g_object_set (figure, "font-family", "DejaVu Sans", NULL);
  return figure;
}

/* ---- Kaplan-Meier -------------------------------------------------------------------------- */

static void
test_km_aml (void)
{
  /* R 4.2.2, survival 3.5-3:
   *   f <- survfit (Surv (time, status) ~ x, aml.csv)
   *   summary (f, times = seq (0, 175, 25), extend = TRUE)$n.risk */
  static const double ticks[] = { 0, 25, 50, 75, 100, 125, 150, 175 };
  static const double n_risk[2][8] = {
    { 11, 6, 1, 1, 1, 1, 1, 0 },
    { 12, 5, 0, 0, 0, 0, 0, 0 },
  };
  g_autoptr(EpFigure) figure = aml_figure ();
  g_autoptr(EpPlotLayout) layout = NULL;
  const EpPlotItem *annotation;

  g_assert_cmpint (ep_figure_get_kind (figure), ==, EP_FIGURE_KM);
  g_assert_cmpstr (ep_figure_get_subtitle (figure), ==, "aml.csv: time, status by x");
  g_assert_cmpstr (ep_figure_get_display_name (figure), ==, "Kaplan-Meier Curves");
  g_assert_nonnull (ep_figure_get_path (figure));
  g_assert_nonnull (ep_figure_get_cohort (figure));
  g_assert_null (ep_figure_get_notes (figure)[0]);

  layout = ep_figure_layout (figure);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_RISK_NUMBER), ==, 16);
  for (guint k = 0; k < G_N_ELEMENTS (ticks); k++)
    {
      const EpPlotItem *tick = ep_plot_layout_find (layout, EP_PLOT_ITEM_X_TICK, -1, (int) k);

      g_assert_nonnull (tick);
      g_assert_cmpfloat (tick->value, ==, ticks[k]);
      for (int g = 0; g < 2; g++)
        {
          const EpPlotItem *number = ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, g, (int) k);

          g_assert_nonnull (number);
          g_assert_cmpfloat (number->value, ==, n_risk[g][k]);
          g_assert_cmpfloat_with_epsilon (number->x, tick->x, 1e-9);
        }
    }
  g_assert_cmpstr (ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_LABEL, 1, -1)->text, ==, "Nonmaintained");

  /* survdiff (Surv (time, status) ~ x, aml)$pvalue = 0.06533932; the hazard ratio of
   * coxph (Surv (time, status) ~ x, aml): 2.498 (0.916 to 6.813), aml_cox.json */
  annotation = ep_plot_layout_find (layout, EP_PLOT_ITEM_ANNOTATION, -1, -1);
  g_assert_nonnull (annotation);
  g_assert_true (g_str_has_prefix (annotation->text, "Log-rank p = 0.065"));
  g_assert_nonnull (strstr (annotation->text, "2.50"));
  g_assert_nonnull (strstr (annotation->text, "Nonmaintained vs Maintained"));

  /* The comparison under the HR is made when drawn, in the figure's language (issue 13
   * item 5): German "vs." and commas, whatever the process's language. */
  if (g_getenv ("ENDPOINT_LOCALE_DIR") != NULL)
    {
      g_object_set (figure, "language", EP_PLOT_LANGUAGE_DE, NULL);
      g_clear_pointer (&layout, ep_plot_layout_free);
      layout = ep_figure_layout (figure);
      annotation = ep_plot_layout_find (layout, EP_PLOT_ITEM_ANNOTATION, -1, -1);
      g_assert_nonnull (strstr (annotation->text, "Nonmaintained vs. Maintained"));
      g_assert_nonnull (strstr (annotation->text, "2,50"));
      g_object_set (figure, "language", EP_PLOT_LANGUAGE_EN, NULL);
    }

  /* Without statistics there is no annotation. */
  g_object_set (figure, "show-stats", FALSE, NULL);
  g_clear_pointer (&layout, ep_plot_layout_free);
  layout = ep_figure_layout (figure);
  g_assert_null (ep_plot_layout_find (layout, EP_PLOT_ITEM_ANNOTATION, -1, -1));
}

static void
test_km_export_sizes (void)
{
  g_autoptr(EpFigure) figure = aml_figure ();
  g_autofree char *pdf = temp_path ("aml.pdf");
  g_autofree char *svg = temp_path ("aml.svg");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  /* 120 mm = 340.1575 pt, 90 mm = 255.1181 pt (mm / 25.4 x 72, hand-computed) */
  const double w = 120.0 / 25.4 * 72.0, h = 90.0 / 25.4 * 72.0;
  gsize length;

  g_object_set (figure, "width-mm", 120.0, "height-mm", 90.0, NULL);

  g_assert_true (ep_figure_export (figure, pdf, EP_PLOT_FORMAT_PDF, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &text, &length, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_cmpfloat_with_epsilon (regex_number (text, length, "/MediaBox \\[ *0 0 ([0-9.]+) ([0-9.]+) *\\]", 1), w, 1e-3);
  g_assert_cmpfloat_with_epsilon (regex_number (text, length, "/MediaBox \\[ *0 0 ([0-9.]+) ([0-9.]+) *\\]", 2), h, 1e-3);
  g_clear_pointer (&text, g_free);

  g_assert_true (ep_figure_export (figure, svg, EP_PLOT_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, &length, NULL));
  g_assert_cmpfloat_with_epsilon (regex_number (text, length, "<svg[^>]* width=\"([0-9.]+)pt\"", 1), w, 1e-3);
  g_assert_cmpfloat_with_epsilon (regex_number (text, length, "<svg[^>]* height=\"([0-9.]+)pt\"", 1), h, 1e-3);
  /* something was drawn: the curves are paths */
  g_assert_nonnull (strstr (text, "<path"));

  remove_temp (pdf);
  remove_temp (svg);
}

static void
test_km_bad_event (void)
{
  g_autofree char *path = temp_path ("bad.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpFigure) figure = NULL;

  /* A 2 in an event column must not count silently as censored. */
  g_assert_true (g_file_set_contents (path, "t,e\n5,1\n7,0\n9,2\n", -1, NULL));
  figure = ep_figure_new_km_from_file (path, "t", "e", NULL, &error);
  g_assert_null (figure);
  g_assert_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.csv"));
  g_assert_nonnull (strstr (error->message, "bad.csv:4:"));
  g_assert_nonnull (strstr (error->message, "\"e\""));
  g_clear_error (&error);

  /* A column that is not there. */
  figure = ep_figure_new_km_from_file (path, "time", "e", NULL, &error);
  g_assert_null (figure);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "time"));
  g_clear_error (&error);

  /* A missing file names itself. */
  figure = ep_figure_new_km_from_file ("/nonexistent/x.csv", "t", "e", NULL, &error);
  g_assert_null (figure);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Rows missing a value are dropped and said so. */
  g_assert_true (g_file_set_contents (path, "t,e\n5,1\n7,\n9,0\n", -1, NULL));
  figure = ep_figure_new_km_from_file (path, "t", "e", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ep_figure_get_notes (figure)[0]);
  g_assert_nonnull (strstr (ep_figure_get_notes (figure)[0], "1 row dropped"));

  remove_temp (path);
}

/* ---- options ------------------------------------------------------------------------------- */

static void
count_changed_cb (EpFigure *figure,
                  guint    *count)
{
  (*count)++;
}

static void
test_changed (void)
{
  g_autoptr(EpFigure) figure = aml_figure ();
  guint count = 0;

  g_signal_connect (figure, "changed", G_CALLBACK (count_changed_cb), &count);

  g_object_set (figure, "ci", EP_PLOT_CI_LINES, NULL);
  g_assert_cmpuint (count, ==, 1);
  /* The same value again: nothing to redraw. */
  g_object_set (figure, "ci", EP_PLOT_CI_LINES, NULL);
  g_assert_cmpuint (count, ==, 1);
  /* Several at once: one redraw. */
  g_object_set (figure, "risk-table", FALSE, "median-lines", TRUE, "width-mm", 100.0, NULL);
  g_assert_cmpuint (count, ==, 2);
  ep_figure_set_title (figure, "Overall survival");
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (ep_figure_get_display_name (figure), ==, "Overall survival");
  /* An empty title is no title. */
  ep_figure_set_title (figure, "");
  g_assert_null (ep_figure_get_title (figure));
  g_assert_cmpfloat (ep_figure_get_aspect_ratio (figure), ==, 100.0 / 70.0);
}

static void
test_json_round_trip (void)
{
  g_autoptr(EpFigure) figure = aml_figure ();
  g_autoptr(EpFigure) copy = aml_figure ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *title = NULL;
  g_autofree char *font = NULL;
  EpPlotCi ci;
  EpPlotTimeUnit unit;
  EpPlotPalette palette;
  gboolean events, percent;
  double width, tick, dpi, font_size;

  g_object_set (figure,
                "title", "Overall survival “AML”",
                "ci", EP_PLOT_CI_LINES,
                "risk-table-events", TRUE,
                "time-unit", EP_PLOT_TIME_MONTHS,
                "data-unit", EP_PLOT_TIME_WEEKS,
                "tick-interval", 6.0,
                "y-percent", TRUE,
                "palette", EP_PLOT_PALETTE_LANCET,
                "language", EP_PLOT_LANGUAGE_ZH_CN,
                "decimal-mark", EP_PLOT_DECIMAL_COMMA,
                "font-family", "DejaVu Serif",
                "font-size", 8.5,
                "width-mm", 174.0,
                "dpi", 300.0,
                NULL);
  node = ep_figure_to_json (figure);
  text = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (text, "\"kind\":\"km\""));
  g_assert_nonnull (strstr (text, "\"ci\":\"lines\""));
  g_assert_nonnull (strstr (text, "\"palette\":\"lancet\""));
  g_assert_nonnull (strstr (text, "\"language\":\"zh_CN\""));
  g_assert_nonnull (strstr (text, "\"decimal-mark\":\"comma\""));

  /* Through text, as a project would store it. */
  parsed = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (ep_figure_load_json (copy, parsed, &error));
  g_assert_no_error (error);

  g_object_get (copy, "title", &title, "ci", &ci, "risk-table-events", &events,
                "time-unit", &unit, "tick-interval", &tick, "y-percent", &percent,
                "palette", &palette, "font-family", &font, "font-size", &font_size,
                "width-mm", &width, "dpi", &dpi, NULL);
  g_assert_cmpstr (title, ==, "Overall survival “AML”");
  g_assert_cmpint (ci, ==, EP_PLOT_CI_LINES);
  g_assert_true (events);
  g_assert_cmpint (unit, ==, EP_PLOT_TIME_MONTHS);
  g_assert_cmpfloat (tick, ==, 6.0);
  g_assert_true (percent);
  g_assert_cmpint (palette, ==, EP_PLOT_PALETTE_LANCET);
  g_assert_cmpint (ep_figure_get_style (copy)->language, ==, EP_PLOT_LANGUAGE_ZH_CN);
  g_assert_cmpint (ep_figure_get_style (copy)->decimal_mark, ==, EP_PLOT_DECIMAL_COMMA);
  g_assert_cmpstr (font, ==, "DejaVu Serif");
  g_assert_cmpfloat (font_size, ==, 8.5);
  g_assert_cmpfloat (width, ==, 174.0);
  g_assert_cmpfloat (dpi, ==, 300.0);
  /* The title size follows the font size (8 + 1.5). */
  g_assert_cmpfloat (ep_figure_get_style (copy)->title_size, ==, 9.5);

  /* Every option made the trip. */
  again = ep_figure_to_json (copy);
  text_again = json_to_string (again, FALSE);
  g_assert_cmpstr (text_again, ==, text);
}

static void
test_json_errors (void)
{
  g_autoptr(EpFigure) figure = aml_figure ();
  g_autoptr(GError) error = NULL;
  static const char *bad[] = {
    "[]",
    "{\"kind\": \"forest-proportions\", \"options\": {}}",
    "{\"kind\": \"km\", \"options\": []}",
    "{\"kind\": \"km\", \"options\": {\"title\": \"x\", \"ci\": \"stripes\"}}",
    "{\"kind\": \"km\", \"options\": {\"title\": \"x\", \"risk-table\": 1}}",
    "{\"kind\": \"km\", \"options\": {\"title\": \"x\", \"width-mm\": 1}}",
    "{\"kind\": \"km\", \"options\": {\"title\": \"x\", \"dpi\": \"600\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (bad[i], &error);

      g_assert_no_error (error);
      g_assert_false (ep_figure_load_json (figure, node, &error));
      g_assert_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_JSON);
      g_clear_error (&error);
      /* nothing was applied, not even the valid title */
      g_assert_null (ep_figure_get_title (figure));
    }

  /* Unknown options are ignored (a newer version's), missing ones left alone. */
  {
    g_autoptr(JsonNode) node = json_from_string ("{\"kind\": \"km\", \"options\": "
                                                 "{\"sparkles\": true, \"median-lines\": true}}",
                                                 &error);
    gboolean median;

    g_assert_true (ep_figure_load_json (figure, node, &error));
    g_assert_no_error (error);
    g_object_get (figure, "median-lines", &median, NULL);
    g_assert_true (median);
  }
}

/* ---- forest plots -------------------------------------------------------------------------- */

/* The seed 001 arms: tests/data/reference/data/meta_cr.csv (trial, class, n, cr_pct). */
static EpFigure *
seed_forest (GError **error)
{
  g_autofree char *path = data_path ("meta_cr.csv");
  g_autoptr(EpCsv) csv = ep_csv_read_file (path, ',', NULL);
  g_autoptr(GArray) arms = g_array_new (FALSE, TRUE, sizeof (EpMetaArm));
  int trial, class, n, pct;

  g_assert_nonnull (csv);
  trial = ep_csv_find_column (csv, "trial");
  class = ep_csv_find_column (csv, "class");
  n = ep_csv_find_column (csv, "n");
  pct = ep_csv_find_column (csv, "cr_pct");
  for (guint row = 0; row < ep_csv_get_n_rows (csv); row++)
    {
      EpMetaArm arm = {
        .label = ep_csv_get_cell (csv, row, trial),
        .class_name = ep_csv_get_cell (csv, row, class),
        .n = atoi (ep_csv_get_cell (csv, row, n)),
        .percent = g_ascii_strtod (ep_csv_get_cell (csv, row, pct), NULL),
      };

      g_array_append_val (arms, arm);
    }
  g_assert_cmpuint (arms->len, ==, 15);

  return ep_figure_new_forest_arms ((EpMetaArm *) arms->data, arms->len, EP_FIGURE_OUTCOME_CR,
                                    error);
}

static void
test_forest_arms (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpFigure) figure = seed_forest (&error);
  g_autoptr(EpPlotLayout) layout = NULL;
  /* metafor 3.8, make_reference.R (meta_cr_dl.json): rma (measure = "PLO", xi = cr, ni = n,
   * method = "DL") per class and overall, back-transformed with transf.ilogit */
  static const struct { const char *label; double estimate; } pooled[] = {
    { "BiTE", 0.453980289579463 },
    { "CAR T", 0.848781845651113 },
  };
  const double overall = 0.713444489782061;
  guint n_pooled = 0;

  g_assert_no_error (error);
  g_assert_cmpint (ep_figure_get_kind (figure), ==, EP_FIGURE_FOREST_PROPORTIONS);
  g_assert_cmpstr (ep_figure_get_subtitle (figure), ==, "CR rate of 15 arms");
  g_object_set (figure, "font-family", "DejaVu Sans", NULL);

  /* One row per arm, a heading and a diamond per class, and the overall diamond. */
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_STUDY), ==, 15);
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_HEADING), ==, 2);
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_POOLED), ==, 3);

  layout = ep_figure_layout (figure);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_FOREST_SQUARE), ==, 15);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_FOREST_DIAMOND), ==, 3);

  /* Each diamond sits at its pooled estimate on the axis (percent, linear). */
  for (guint i = 0; i < layout->items->len; i++)
    {
      const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, i);
      double estimate, x;

      if (item->kind != EP_PLOT_ITEM_FOREST_DIAMOND)
        continue;
      estimate = n_pooled < G_N_ELEMENTS (pooled) ? pooled[n_pooled].estimate : overall;
      x = layout->plot_x + (estimate - layout->x_min) / (layout->x_max - layout->x_min) * layout->plot_width;
      g_assert_cmpfloat_with_epsilon (item->x, x, 1e-6 * layout->plot_width);
      n_pooled++;
    }
  g_assert_cmpuint (n_pooled, ==, 3);

  /* The rows say which class each diamond pools. */
  for (guint g = 0; g < G_N_ELEMENTS (pooled); g++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < layout->items->len; i++)
        {
          const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, i);

          if (item->kind == EP_PLOT_ITEM_FOREST_ROW && item->col == EP_FOREST_ROW_HEADING &&
              g_strcmp0 (item->text, pooled[g].label) == 0)
            found = TRUE;
        }
      g_assert_true (found);
    }
}

static void
test_forest_arms_excluded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpFigure) figure = NULL;
  const EpMetaArm arms[] = {
    { "A", "BiTE", 40, 50.0 },
    { "B", "BiTE", 30, NAN },      /* CR not reported */
    { "C", "CAR T", -1, 80.0 },    /* n not reported */
    { "D", "CAR T", 20, 90.0 },
  };
  const EpMetaArm none[] = {
    { "B", "BiTE", 30, NAN },
  };

  figure = ep_figure_new_forest_arms (arms, G_N_ELEMENTS (arms), EP_FIGURE_OUTCOME_CR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_STUDY), ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) ep_figure_get_notes (figure)), ==, 2);
  g_assert_nonnull (strstr (ep_figure_get_notes (figure)[0], "B"));
  g_assert_nonnull (strstr (ep_figure_get_notes (figure)[1], "C"));
  g_clear_object (&figure);

  figure = ep_figure_new_forest_arms (none, G_N_ELEMENTS (none), EP_FIGURE_OUTCOME_MRD_NEG, &error);
  g_assert_null (figure);
  g_assert_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA);
}

static void
test_forest_ratios (void)
{
  g_autofree char *path = data_path ("hr_studies.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = ep_cohort_new_from_file (path, NULL, &error);
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(EpPlotLayout) layout = NULL;

  g_assert_no_error (error);
  figure = ep_figure_new_forest_ratios (cohort, "study", "hr", "lower", "upper", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ep_figure_get_kind (figure), ==, EP_FIGURE_FOREST_RATIOS);
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_STUDY), ==,
                    ep_cohort_get_n_rows (cohort));
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_POOLED), ==, 1);
  layout = ep_figure_layout (figure);
  /* The null line at HR 1. */
  g_assert_nonnull (ep_plot_layout_find (layout, EP_PLOT_ITEM_NULL_LINE, -1, -1));
}

/* ---- competing risks and Cox --------------------------------------------------------------- */

static void
test_cif (void)
{
  g_autofree char *path = data_path ("cr_sim.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = ep_cohort_new_from_file (path, NULL, &error);
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(EpPlotLayout) layout = NULL;
  const EpPlotItem *annotation;

  g_assert_no_error (error);
  figure = ep_figure_new_cif (cohort, "time", "status", "group", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ep_figure_get_kind (figure), ==, EP_FIGURE_CIF);
  layout = ep_figure_layout (figure);
  /* Two groups x two causes. */
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_CURVE), ==, 4);
  /* Gray's p for each cause */
  annotation = ep_plot_layout_find (layout, EP_PLOT_ITEM_ANNOTATION, -1, -1);
  g_assert_nonnull (annotation);
  g_assert_nonnull (strstr (annotation->text, "Gray"));
  /* The number-at-risk table: one row per group. */
  g_assert_nonnull (ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_LABEL, 1, -1));

  g_object_set (figure, "risk-table", FALSE, NULL);
  g_clear_pointer (&layout, ep_plot_layout_free);
  layout = ep_figure_layout (figure);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_RISK_NUMBER), ==, 0);
}

static void
test_cox_table (void)
{
  g_autofree char *path = data_path ("lung.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = ep_cohort_new_from_file (path, NULL, &error);
  g_autoptr(EpFigure) figure = NULL;
  static const char *covariates[] = { "age", "sex", NULL };

  g_assert_no_error (error);
  figure = ep_figure_new_cox_table (cohort, "time", "status", covariates, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ep_figure_get_kind (figure), ==, EP_FIGURE_COX_TABLE);
  /* One row per term. */
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_STUDY), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/figure/km-aml", test_km_aml);
  g_test_add_func ("/figure/km-export-sizes", test_km_export_sizes);
  g_test_add_func ("/figure/km-bad-event", test_km_bad_event);
  g_test_add_func ("/figure/changed", test_changed);
  g_test_add_func ("/figure/json-round-trip", test_json_round_trip);
  g_test_add_func ("/figure/json-errors", test_json_errors);
  g_test_add_func ("/figure/forest-arms", test_forest_arms);
  g_test_add_func ("/figure/forest-arms-excluded", test_forest_arms_excluded);
  g_test_add_func ("/figure/forest-ratios", test_forest_ratios);
  g_test_add_func ("/figure/cif", test_cif);
  g_test_add_func ("/figure/cox-table", test_cox_table);

  return g_test_run ();
}
