/* test-cli-digitize.c: endpoint-cli digitize and reconstruct on committed figures
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small, fixed part of the validation set (bench/reconstruct/validate.py): two figures of
 * one journal column at 300 dpi, one drawn by Endpoint (sim_flat_tail: a cure fraction, flat
 * censored tails, CI bands, censor marks) and one by matplotlib (R's lung by sex: both curves at
 * 1 at the start, the other arm's band drawn over the curve). Each arm is traced and
 * reconstructed from the numbers at risk at the ticks and its total of events; the
 * reconstructed curve must agree with the true one (tests/data/digitize/make-expected.R:
 * summary(survfit(...), times = ticks, extend = TRUE) and print(fit, rmean = tau)) within 0.02
 * at every tick and 1% in RMST, and the two arms as one cohort (--arm) must give Cox's HR
 * within 5% (coxph on the true data). Then the PDF and SVG loaders on the same figure drawn as PDF
 * and SVG, and the refusals.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "core/ep-km.h"
#include "io/ep-csv.h"
#include "ep-test-cli.h"

typedef struct
{
  const char   *figure;
  const char   *data;
  const char   *x_axis;
  const char   *y_axis;
  const char   *color[2];
  double        ticks[7];
  double        tau;
  guint         n_risk[2][7];
  guint         events[2];
  double        surv[2][7];
  double        rmst[2];
  double        hr;           /* coxph (Surv (time, status) ~ arm), B vs A */
} Figure;

/* make-expected.R's output (expected.txt). The pixel positions of the ticks: Endpoint's from
 * its PNG (bench/reconstruct/axes.py), matplotlib's from its data-to-pixel transform. */
static const Figure endpoint_figure = {
  "sim_flat_tail-endpoint.png", "sim_flat_tail.csv", "219:0,973:72", "589:0,31:1",
  { "#0072B2", "#D55E00" },
  { 0, 12, 24, 36, 48, 60, 72 }, 60,
  { { 200, 117, 73, 53, 38, 22, 0 }, { 200, 154, 94, 64, 41, 16, 0 } },
  { 112, 90 },
  { { 1.000000, 0.580000, 0.455943, 0.430869, 0.422739, 0.422739, 0.422739 },
    { 1.000000, 0.770000, 0.598093, 0.514932, 0.514932, 0.514932, 0.514932 } },
  { 30.646619, 37.392823 },
  0.673618,
};

static const Figure matplotlib_figure = {
  "lung-matplotlib.png", "lung.csv", "160.630:0,963.780:1200", "694.488:0,33.071:1",
  { "#1f77b4", "#ff7f0e" },
  { 0, 200, 400, 600, 800, 1000, 1200 }, 800,
  { { 138, 78, 31, 13, 6, 2, 0 }, { 90, 66, 26, 11, 2, 0, 0 } },
  { 112, 53 },
  { { 1.000000, 0.607307, 0.297678, 0.145088, 0.066964, 0.035714, 0.035714 },
    { 1.000000, 0.794593, 0.508914, 0.343260, 0.083214, 0.083214, 0.083214 } },
  { 316.486007, 442.173704 },
  0.588003,
};

/* Reads time,status and fits the KM curve, read at the ticks. */
static EpKmResult *
fit_ipd (const char   *path,
         const double *ticks,
         gsize         n_ticks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = ep_csv_read_file (path, ',', &error);
  g_autofree double *time = NULL;
  g_autofree int *status = NULL;
  guint n;
  EpKmResult *fit;

  g_assert_no_error (error);
  n = ep_csv_get_n_rows (csv);
  time = g_new (double, n);
  status = g_new (int, n);
  for (guint i = 0; i < n; i++)
    {
      double s;

      g_assert_true (ep_csv_get_number (csv, i, 0, &time[i], &error));
      g_assert_true (ep_csv_get_number (csv, i, 1, &s, &error));
      status[i] = (int) s;
    }
  fit = ep_km_fit (time, status, NULL, 1, n, EP_KM_CONF_LOG_LOG, 0.95, ticks, n_ticks, &error);
  g_assert_no_error (error);
  return fit;
}

/* The area under the curve's steps up to tau. */
static double
rmst (const EpKmCurve *c,
      double           tau)
{
  double area = 0.0, t = 0.0, s = 1.0;

  for (gsize j = 0; j < c->n_steps && c->steps[j].time <= tau; j++)
    {
      area += (c->steps[j].time - t) * s;
      t = c->steps[j].time;
      s = c->steps[j].surv;
    }
  return area + (tau - t) * s;
}

static void
check_figure (gconstpointer data)
{
  const Figure *f = data;
  g_autofree char *dir = ep_test_make_temp_dir ("test-digitize-XXXXXX");
  g_autofree char *png = g_test_build_filename (G_TEST_DIST, "data", "digitize", f->figure, NULL);

  for (guint a = 0; a < 2; a++)
    {
      g_auto(EpTestCliRun) run = { 0 };
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GString) nrisk = g_string_new ("time,n_risk\n");
      g_autofree char *points = g_build_filename (dir, a == 0 ? "a.csv" : "b.csv", NULL);
      g_autofree char *risk = g_build_filename (dir, a == 0 ? "a-risk.csv" : "b-risk.csv", NULL);
      g_autofree char *ipd = g_build_filename (dir, a == 0 ? "a-ipd.csv" : "b-ipd.csv", NULL);
      g_autofree char *events = g_strdup_printf ("%u", f->events[a]);
      g_autoptr(EpKmResult) fit = NULL;
      JsonObject *o;

      ep_test_cli_run (&run, "digitize", png, "--x-axis", f->x_axis, "--y-axis", f->y_axis,
                       "--color", f->color[a], "--out", points, NULL);
      o = ep_test_cli_parse_json (&run, parser);
      g_assert_cmpint (json_object_get_int_member (o, "n_points"), >, 100);
      ep_test_cli_run_clear (&run);

      for (guint k = 0; k < 7; k++)
        g_string_append_printf (nrisk, "%g,%u\n", f->ticks[k], f->n_risk[a][k]);
      g_assert_true (g_file_set_contents (risk, nrisk->str, -1, NULL));
      ep_test_cli_run (&run, "reconstruct", "--points", points, "--at-risk", risk,
                       "--total-events", events, "--arm", a == 0 ? "A" : "B", "--out", ipd,
                       NULL);
      o = ep_test_cli_parse_json (&run, parser);
      g_assert_cmpint (json_object_get_int_member (o, "n"), ==, f->n_risk[a][0]);
      g_assert_cmpfloat (json_object_get_double_member (o, "max_abs_diff"), <, 0.03);

      fit = fit_ipd (ipd, f->ticks, 7);
      for (guint k = 0; k < 7; k++)
        {
          double diff = fabs (fit->curves[0].at[k].surv - f->surv[a][k]);

          if (diff > 0.02)
            g_error ("%s arm %u at %g: %g, true %g", f->figure, a, f->ticks[k],
                     fit->curves[0].at[k].surv, f->surv[a][k]);
        }
      g_assert_cmpfloat (fabs (rmst (&fit->curves[0], f->tau) / f->rmst[a] - 1.0), <, 0.01);
    }

  /* The two reconstructed arms as one cohort (--arm): Cox's HR within 5% of the true one. */
  {
    g_auto(EpTestCliRun) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *a_path = g_build_filename (dir, "a-ipd.csv", NULL);
    g_autofree char *b_path = g_build_filename (dir, "b-ipd.csv", NULL);
    g_autofree char *both = g_build_filename (dir, "both.csv", NULL);
    g_autofree char *a_text = NULL, *b_text = NULL, *text = NULL;
    JsonObject *o, *term;

    g_assert_true (g_file_get_contents (a_path, &a_text, NULL, NULL));
    g_assert_true (g_file_get_contents (b_path, &b_text, NULL, NULL));
    g_assert_true (g_str_has_prefix (a_text, "time,status,arm\n"));
    text = g_strconcat (a_text, strchr (b_text, '\n') + 1, NULL);
    g_assert_true (g_file_set_contents (both, text, -1, NULL));
    ep_test_cli_run (&run, "cox", "--csv", both, "--time", "time", "--event", "status",
                     "--covariates", "arm", "--factors", "arm", NULL);
    o = ep_test_cli_parse_json (&run, parser);
    term = json_array_get_object_element (json_object_get_array_member (o, "terms"), 0);
    g_assert_cmpstr (json_object_get_string_member (term, "name"), ==, "arm=B");
    g_assert_cmpfloat (fabs (json_object_get_double_member (term, "hr") / f->hr - 1.0), <, 0.05);
  }
  ep_test_remove_dir (dir);
}

/* The survival at the ticks read from a traced curve (points file: time,surv steps). */
static void
read_points_at (const char   *path,
                const double *ticks,
                double       *surv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = ep_csv_read_file (path, ',', &error);

  g_assert_no_error (error);
  for (guint k = 0; k < 7; k++)
    {
      surv[k] = 1.0;
      for (guint i = 0; i < ep_csv_get_n_rows (csv); i++)
        {
          double t, s;

          g_assert_true (ep_csv_get_number (csv, i, 0, &t, NULL));
          g_assert_true (ep_csv_get_number (csv, i, 1, &s, NULL));
          if (t <= ticks[k])
            surv[k] = s;
        }
    }
}

/* The same Endpoint figure as PDF (points: 72/300 of the PNG's pixels) and SVG (CSS pixels:
 * 96/300) traces to the same curve as the PNG: within 0.02 at the ticks (the curve is steep at
 * 12, where a step drawn one pixel early or late moves the reading by a step). */
static void
test_pdf_and_svg (void)
{
  const Figure *f = &endpoint_figure;
  g_autofree char *dir = ep_test_make_temp_dir ("test-digitize-XXXXXX");
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "data", "digitize", f->data, NULL);
  g_autofree char *png = g_test_build_filename (G_TEST_DIST, "data", "digitize", f->figure, NULL);
  const char *formats[] = { "pdf", "svg" };
  const double unit[] = { 72.0 / 300.0, 96.0 / 300.0 };
  g_autofree char *ref = g_build_filename (dir, "ref.csv", NULL);
  double s_ref[7];

  {
    g_auto(EpTestCliRun) run = { 0 };
    ep_test_cli_run (&run, "digitize", png, "--x-axis", f->x_axis, "--y-axis", f->y_axis,
                     "--color", f->color[0], "--out", ref, NULL);
    g_assert_cmpint (run.status, ==, 0);
    read_points_at (ref, f->ticks, s_ref);
  }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_auto(EpTestCliRun) run = { 0 };
      g_autofree char *name = g_strdup_printf ("figure.%s", formats[i]);
      g_autofree char *figure = g_build_filename (dir, name, NULL);
      g_autofree char *points = g_build_filename (dir, "points.csv", NULL);
      char x_axis[64], y_axis[64], b1[G_ASCII_DTOSTR_BUF_SIZE], b2[G_ASCII_DTOSTR_BUF_SIZE];
      double s[7];

      /* the options validate.py draws the PNG with */
      ep_test_cli_run (&run, "plot", "km", "--csv", data, "--time", "time", "--event", "status",
                       "--group", "arm", "--x-max", "72", "--tick-interval", "12",
                       "--risk-table", "--out", figure, NULL);
      g_assert_cmpint (run.status, ==, 0);
      ep_test_cli_run_clear (&run);

      g_snprintf (x_axis, sizeof x_axis, "%s:0,%s:72",
                  g_ascii_dtostr (b1, sizeof b1, 219 * unit[i]),
                  g_ascii_dtostr (b2, sizeof b2, 973 * unit[i]));
      g_snprintf (y_axis, sizeof y_axis, "%s:0,%s:1",
                  g_ascii_dtostr (b1, sizeof b1, 589 * unit[i]),
                  g_ascii_dtostr (b2, sizeof b2, 31 * unit[i]));
      ep_test_cli_run (&run, "digitize", figure, "--x-axis", x_axis, "--y-axis", y_axis,
                       "--color", f->color[0], "--out", points, NULL);
      if (run.status != 0)
        g_error ("%s: %s", formats[i], run.err);
      read_points_at (points, f->ticks, s);
      for (guint k = 0; k < 7; k++)
        g_assert_cmpfloat (fabs (s[k] - s_ref[k]), <, 0.02);
    }
  ep_test_remove_dir (dir);
}

static void
test_refusals (void)
{
  g_autofree char *png = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                endpoint_figure.figure, NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                endpoint_figure.data, NULL);
  g_auto(EpTestCliRun) run = { 0 };

  /* usage errors: a malformed colour, axis or a missing --out */
  ep_test_cli_run (&run, "digitize", png, "--x-axis", "219:0,973:72", "--y-axis", "589:0,31:1",
                   "--color", "blue", "--out", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--color"));
  ep_test_cli_run_clear (&run);
  ep_test_cli_run (&run, "digitize", png, "--x-axis", "219:0", "--y-axis", "589:0,31:1",
                   "--color", "#0072B2", "--out", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--x-axis"));
  ep_test_cli_run_clear (&run);
  ep_test_cli_run (&run, "reconstruct", "--points", csv, NULL);
  g_assert_cmpint (run.status, ==, 2);
  ep_test_cli_run_clear (&run);

  /* data errors: a colour that is not in the figure, a file that is not an image, two ticks
   * at one pixel */
  ep_test_cli_run (&run, "digitize", png, "--x-axis", "219:0,973:72", "--y-axis", "589:0,31:1",
                   "--color", "#00ff00", "--out", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "#00ff00"));
  ep_test_cli_run_clear (&run);
  ep_test_cli_run (&run, "digitize", csv, "--x-axis", "219:0,973:72", "--y-axis", "589:0,31:1",
                   "--color", "#0072B2", "--out", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "sim_flat_tail.csv"));
  ep_test_cli_run_clear (&run);
  ep_test_cli_run (&run, "digitize", png, "--x-axis", "219:0,219:72", "--y-axis", "589:0,31:1",
                   "--color", "#0072B2", "--out", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 1);
  ep_test_cli_run_clear (&run);
  /* the ticks' values swapped (time running left), a start past the axis's end (found by
   * fuzz-digitize: points descending in time, or starting at the given time far right of the
   * figure), a total far beyond any trial (fuzz-reconstruct: an int overflow) */
  ep_test_cli_run (&run, "digitize", png, "--x-axis", "219:72,973:0", "--y-axis", "589:0,31:1",
                   "--color", "#0072B2", "--out", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Time must increase to the right"));
  ep_test_cli_run_clear (&run);
  ep_test_cli_run (&run, "digitize", png, "--x-axis", "219:0,973:72", "--y-axis", "589:0,31:1",
                   "--color", "#0072B2", "--x-start", "500", "--out", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "The start time 500 is outside the image"));
  ep_test_cli_run_clear (&run);
  {
    g_autofree char *points = NULL;
    int fd = g_file_open_tmp ("ep-points-XXXXXX.csv", &points, NULL);

    g_assert_cmpint (fd, >=, 0);
    close (fd);
    g_assert_true (g_file_set_contents (points, "time,surv\n0,1\n1,0.5\n", -1, NULL));
    ep_test_cli_run (&run, "reconstruct", "--points", points, "--total", "2147483647", "--out",
                     "/dev/null", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "at most 1000000"));
    ep_test_cli_run_clear (&run);
    g_unlink (points);
  }

  /* reconstruct: the points file is not time,surv (it names the file and the column) */
  ep_test_cli_run (&run, "reconstruct", "--points", csv, "--total", "10", "--out", "/dev/null",
                   NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "surv"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/cli-digitize/endpoint-figure", &endpoint_figure, check_figure);
  g_test_add_data_func ("/cli-digitize/matplotlib-figure", &matplotlib_figure, check_figure);
  g_test_add_func ("/cli-digitize/pdf-and-svg", test_pdf_and_svg);
  g_test_add_func ("/cli-digitize/refusals", test_refusals);

  return g_test_run ();
}
