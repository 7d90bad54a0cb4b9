/* test-cif.c: cumulative incidence and Gray's test (src/core/ep-cif.c) against R's cmprsk
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected numbers come from R 4.2.2 with cmprsk 2.2-11:
 * - the reference case cr_sim (tests/data/reference: make_reference.R's cif_ref(), i.e.
 *   cuminc (time, status, group) and timepoints (ci, c(6, 12, 24, 36)), read from its JSON);
 * - test-cif-expected.h, written by tests/data/cif/make-expected.R, which names the R call
 *   before each array;
 * - hand-derived cases where the comment says how.
 * Tolerance: relative 1e-9 (absolute 1e-12 near zero); R printed 17 significant digits.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "core/ep-cif.h"
#include "core/ep-levels.h"
#include "io/ep-csv.h"

#include "ep-test-cli.h"
#include "test-cif-expected.h"

#define RTOL 1e-9
#define ATOL 1e-12

static void
assert_close (double      actual,
              double      expected,
              const char *what)
{
  if (isnan (expected))
    {
      if (!isnan (actual))
        g_test_fail_printf ("%s: expected NaN (R's NA), got %.17g", what, actual);
      return;
    }
  if (!(fabs (actual - expected) <= ATOL + RTOL * fabs (expected)))
    g_test_fail_printf ("%s: expected %.17g, got %.17g", what, expected, actual);
}

static EpCifResult *
fit_ok (const double *time,
        const int    *status,
        const guint  *group,
        guint         n_groups,
        gsize         n)
{
  g_autoptr(GError) error = NULL;
  EpCifResult *fit = ep_cif_fit (time, status, group, n_groups, n, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fit);
  return fit;
}

static EpGrayResult *
gray_ok (const double *time,
         const int    *status,
         const guint  *group,
         guint         n_groups,
         const guint  *stratum,
         guint         n_strata,
         gsize         n,
         double        rho)
{
  g_autoptr(GError) error = NULL;
  EpGrayResult *gray = ep_gray_test (time, status, group, n_groups, stratum, n_strata, n, rho,
                                     &error);

  g_assert_no_error (error);
  g_assert_nonnull (gray);
  return gray;
}

/* Compares every curve of fit with cuminc's $time, $est, $var laid end to end, group-major. */
static void
assert_curves (const EpCifResult *fit,
               const gsize       *len,
               const double      *time,
               const double      *est,
               const double      *var)
{
  gsize offset = 0;

  for (guint g = 0; g < fit->n_groups; g++)
    for (guint c = 0; c < fit->n_causes; c++)
      {
        const EpCifCurve *curve = ep_cif_result_get_curve (fit, g, c);
        guint k = g * fit->n_causes + c;

        g_assert_cmpint (curve->cause, ==, fit->causes[c]);
        g_assert_cmpuint (curve->n_points, ==, len[k]);
        for (gsize i = 0; i < curve->n_points; i++)
          {
            g_autofree char *what = g_strdup_printf ("group %u cause %d point %" G_GSIZE_FORMAT,
                                                     g, curve->cause, i);

            g_assert_cmpfloat (curve->time[i], ==, time[offset + i]);
            assert_close (curve->estimate[i], est[offset + i], what);
            assert_close (curve->variance[i], var[offset + i], what);
          }
        offset += len[k];
      }
}

/* The reference case, through the core: the CSV read with ep-csv, groups ordered by
 * ep-levels, every number of expected/cr_sim_cif.json compared. */
static void
test_reference_cr_sim (void)
{
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                     "cr_sim.csv", NULL);
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "data", "reference",
                                                      "expected", "cr_sim_cif.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EpLevels) levels = NULL;
  g_autoptr(EpCifResult) fit = NULL;
  g_autoptr(EpGrayResult) gray = NULL;
  g_autofree double *time = NULL;
  g_autofree int *status = NULL;
  g_autofree const char **labels = NULL;
  JsonObject *root;
  JsonArray *groups, *tests;
  guint n, col_time, col_status, col_group;

  csv = ep_csv_read_file (csv_path, ',', &error);
  g_assert_no_error (error);
  g_assert_true (ep_csv_lookup_column (csv, "time", &col_time, &error));
  g_assert_true (ep_csv_lookup_column (csv, "status", &col_status, &error));
  g_assert_true (ep_csv_lookup_column (csv, "group", &col_group, &error));
  n = ep_csv_get_n_rows (csv);
  g_assert_cmpuint (n, ==, 240);
  time = g_new (double, n);
  status = g_new (int, n);
  labels = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      double s;

      g_assert_true (ep_csv_get_number (csv, i, col_time, &time[i], &error));
      g_assert_true (ep_csv_get_number (csv, i, col_status, &s, &error));
      status[i] = (int) s;
      labels[i] = ep_csv_get_cell (csv, i, col_group);
    }
  levels = ep_levels_new (labels, n);

  fit = fit_ok (time, status, levels->codes, levels->n_levels, n);
  gray = gray_ok (time, status, levels->codes, levels->n_levels, NULL, 0, n, 0);

  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  groups = json_object_get_array_member (root, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, fit->n_groups);
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *causes = json_object_get_array_member (group, "causes");

      g_assert_cmpstr (json_object_get_string_member (group, "label"), ==, levels->levels[g]);
      g_assert_cmpuint (json_array_get_length (causes), ==, fit->n_causes);
      for (guint c = 0; c < json_array_get_length (causes); c++)
        {
          JsonObject *cause = json_array_get_object_element (causes, c);
          JsonArray *at = json_object_get_array_member (cause, "at");
          const EpCifCurve *curve = ep_cif_result_get_curve (fit, g, c);
          g_autofree char *code = g_strdup_printf ("%d", curve->cause);

          g_assert_cmpstr (json_object_get_string_member (cause, "cause"), ==, code);
          for (guint k = 0; k < json_array_get_length (at); k++)
            {
              JsonObject *point = json_array_get_object_element (at, k);
              double t = json_object_get_double_member (point, "time");
              g_autofree char *what = g_strdup_printf ("cr_sim group %s cause %s at %g",
                                                       levels->levels[g], code, t);
              double estimate, variance;

              g_assert_true (ep_cif_curve_at (curve, t, &estimate, &variance));
              assert_close (estimate, json_object_get_double_member (point, "estimate"), what);
              assert_close (sqrt (variance), json_object_get_double_member (point, "std_err"),
                            what);
            }
        }
    }

  tests = json_object_get_array_member (root, "gray");
  g_assert_cmpuint (json_array_get_length (tests), ==, gray->n_causes);
  g_assert_cmpuint (gray->n_groups, ==, 2);
  for (guint c = 0; c < gray->n_causes; c++)
    {
      JsonObject *test = json_array_get_object_element (tests, c);
      g_autofree char *code = g_strdup_printf ("%d", gray->causes[c].cause);

      g_assert_cmpstr (json_object_get_string_member (test, "cause"), ==, code);
      g_assert_false (gray->causes[c].singular);
      g_assert_cmpuint (gray->causes[c].df, ==, json_object_get_int_member (test, "df"));
      assert_close (gray->causes[c].stat, json_object_get_double_member (test, "stat"), "stat");
      assert_close (gray->causes[c].p, json_object_get_double_member (test, "p"), "p");
    }
}

/* Three groups and three causes with ties between causes, censorings tied with failures and
 * failures at time 0: every point of every curve as cuminc() returns it. */
static void
test_three_curves (void)
{
  g_autoptr(EpCifResult) fit = fit_ok (three_time, three_status, three_group, 3,
                                       G_N_ELEMENTS (three_time));

  g_assert_cmpuint (fit->n_causes, ==, 3);
  g_assert_cmpint (fit->causes[0], ==, 1);
  g_assert_cmpint (fit->causes[1], ==, 2);
  g_assert_cmpint (fit->causes[2], ==, 3);
  assert_curves (fit, three_len, three_curve_time, three_curve_est, three_curve_var);
}

/* timepoints(): before 0 (NA), at 0 with a failure there, between and at event times, at the
 * largest time and past it (NA). */
static void
test_three_timepoints (void)
{
  g_autoptr(EpCifResult) fit = fit_ok (three_time, three_status, three_group, 3,
                                       G_N_ELEMENTS (three_time));
  gsize n_at = G_N_ELEMENTS (three_at);

  for (guint g = 0; g < 3; g++)
    for (guint c = 0; c < 3; c++)
      for (gsize k = 0; k < n_at; k++)
        {
          const EpCifCurve *curve = ep_cif_result_get_curve (fit, g, c);
          gsize row = g * 3 + c;
          g_autofree char *what = g_strdup_printf ("group %u cause %u at %g", g, c + 1,
                                                   three_at[k]);
          double estimate, variance;
          gboolean ok = ep_cif_curve_at (curve, three_at[k], &estimate, &variance);

          g_assert_true (ok == !isnan (three_at_est[row * n_at + k]));
          assert_close (estimate, three_at_est[row * n_at + k], what);
          assert_close (variance, three_at_var[row * n_at + k], what);
        }
}

static void
test_three_gray (void)
{
  g_autoptr(EpGrayResult) gray = gray_ok (three_time, three_status, three_group, 3, NULL, 0,
                                          G_N_ELEMENTS (three_time), 0);
  g_autoptr(EpGrayResult) strat = gray_ok (three_time, three_status, three_group, 3,
                                           three_strat, 2, G_N_ELEMENTS (three_time), 1);
  g_autoptr(EpGrayResult) rho = gray_ok (three_time, three_status, three_group, 3, NULL, 0,
                                         G_N_ELEMENTS (three_time), -0.5);

  g_assert_cmpuint (gray->n_causes, ==, 3);
  g_assert_cmpuint (gray->n_groups, ==, 3);
  for (guint c = 0; c < 3; c++)
    {
      g_assert_cmpint (gray->causes[c].cause, ==, (int) c + 1);
      g_assert_cmpuint (gray->causes[c].df, ==, 2);
      g_assert_false (gray->causes[c].singular);
      assert_close (gray->causes[c].stat, three_gray_stat[c], "stat");
      assert_close (gray->causes[c].p, three_gray_p[c], "p");
      assert_close (strat->causes[c].stat, three_strat_stat[c], "stratified stat, rho 1");
      assert_close (strat->causes[c].p, three_strat_p[c], "stratified p, rho 1");
      assert_close (rho->causes[c].stat, three_rho_stat[c], "stat, rho -0.5");
    }
}

/* Four groups (a 3 x 3 covariance), two strata, 400 observations. */
static void
test_four_groups (void)
{
  gsize n = G_N_ELEMENTS (four_time);
  g_autoptr(EpGrayResult) gray = gray_ok (four_time, four_status, four_group, 4, NULL, 0, n, 0);
  g_autoptr(EpGrayResult) strat = gray_ok (four_time, four_status, four_group, 4, four_strat, 2,
                                           n, 0);
  g_autoptr(EpCifResult) fit = fit_ok (four_time, four_status, four_group, 4, n);
  const double at[] = { 5, 10, 20 };

  g_assert_cmpuint (gray->n_causes, ==, 2);
  for (guint c = 0; c < 2; c++)
    {
      g_assert_cmpuint (gray->causes[c].df, ==, 3);
      assert_close (gray->causes[c].stat, four_gray_stat[c], "stat");
      assert_close (gray->causes[c].p, four_gray_p[c], "p");
      assert_close (strat->causes[c].stat, four_strat_stat[c], "stratified stat");
      assert_close (strat->causes[c].p, four_strat_p[c], "stratified p");
    }

  for (guint g = 0; g < 4; g++)
    for (guint c = 0; c < 2; c++)
      for (guint k = 0; k < 3; k++)
        {
          double estimate, variance;

          g_assert_true (ep_cif_curve_at (ep_cif_result_get_curve (fit, g, c), at[k],
                                          &estimate, &variance));
          assert_close (estimate, four_at_est[(g * 2 + c) * 3 + k], "four estimate");
          assert_close (variance, four_at_var[(g * 2 + c) * 3 + k], "four variance");
        }
}

/* One group: the curves of cuminc (time, status); Gray's test does not apply and says so. */
static void
test_one_group (void)
{
  gsize n = G_N_ELEMENTS (three_time);
  g_autoptr(EpCifResult) fit = fit_ok (three_time, three_status, NULL, 0, n);
  g_autofree guint *zero = g_new0 (guint, n);
  g_autoptr(GError) error = NULL;
  EpGrayResult *gray;

  g_assert_cmpuint (fit->n_groups, ==, 1);
  g_assert_cmpuint (fit->n[0], ==, n);
  assert_curves (fit, one_len, one_curve_time, one_curve_est, one_curve_var);

  /* Also when more groups are declared but only one has observations. */
  gray = ep_gray_test (three_time, three_status, zero, 3, NULL, 0, n, 0, &error);
  g_assert_error (error, EP_CIF_ERROR, EP_CIF_ERROR_TOO_FEW_GROUPS);
  g_assert_null (gray);
}

/* The last time empties the risk set with failures of both causes (S(t) = 0, where cinc skips
 * the other-cause term and uses 1 / S = 0). */
static void
test_risk_set_emptied (void)
{
  const double time[] = { 1, 2, 2, 3, 4, 4, 5, 5, 5 };
  const int status[] = { 1, 2, 0, 1, 1, 2, 1, 2, 1 };
  g_autoptr(EpCifResult) fit = fit_ok (time, status, NULL, 0, G_N_ELEMENTS (time));
  const EpCifCurve *c1 = ep_cif_result_get_curve (fit, 0, 0);
  const EpCifCurve *c2 = ep_cif_result_get_curve (fit, 0, 1);

  g_assert_cmpuint (c1->n_points, ==, G_N_ELEMENTS (end_est1));
  g_assert_cmpuint (c2->n_points, ==, G_N_ELEMENTS (end_est2));
  for (gsize i = 0; i < c1->n_points; i++)
    {
      assert_close (c1->estimate[i], end_est1[i], "cause 1 estimate");
      assert_close (c1->variance[i], end_var1[i], "cause 1 variance");
    }
  for (gsize i = 0; i < c2->n_points; i++)
    {
      assert_close (c2->estimate[i], end_est2[i], "cause 2 estimate");
      assert_close (c2->variance[i], end_var2[i], "cause 2 variance");
    }
  /* Hand check: the two cumulative incidences and the survival add up to 1 at the end. */
  assert_close (c1->estimate[c1->n_points - 1] + c2->estimate[c2->n_points - 1], 1, "sum");
  g_assert_cmpuint (c1->n_events, ==, 5);
  g_assert_cmpuint (c2->n_events, ==, 3);
}

/* A group whose subjects are all censored before the first failure is never at risk at a
 * failure time: score and variance are 0. cuminc() reports stat -1 and pv 1 (see the end of
 * test-cif-expected.h); here the cause is flagged singular with NaN, never a number. */
static void
test_singular (void)
{
  const double time[] = { 0.5, 0.5, 1, 2, 3, 4 };
  const int status[] = { 0, 0, 1, 2, 1, 0 };
  const guint group[] = { 0, 0, 1, 1, 1, 1 };
  g_autoptr(EpGrayResult) gray = gray_ok (time, status, group, 2, NULL, 0, 6, 0);

  g_assert_cmpuint (gray->n_causes, ==, 2);
  for (guint c = 0; c < 2; c++)
    {
      g_assert_true (gray->causes[c].singular);
      g_assert_true (isnan (gray->causes[c].stat));
      g_assert_true (isnan (gray->causes[c].p));
      g_assert_cmpuint (gray->causes[c].df, ==, 1);
    }
}

/* All censored: no cause, so no curve and no test (hand-derived; R has no answer here:
 * cuminc (c(3, 1, 2, 2), c(0, 0, 0, 0), c(0, 1, 0, 1)) stops with "NAs in foreign function
 * call (arg 3)"). */
static void
test_all_censored (void)
{
  const double time[] = { 3, 1, 2, 2 };
  const int status[] = { 0, 0, 0, 0 };
  const guint group[] = { 0, 1, 0, 1 };
  g_autoptr(EpCifResult) fit = fit_ok (time, status, group, 2, 4);
  g_autoptr(EpGrayResult) gray = gray_ok (time, status, group, 2, NULL, 0, 4, 0);

  g_assert_cmpuint (fit->n_causes, ==, 0);
  g_assert_cmpuint (fit->n[0], ==, 2);
  g_assert_cmpuint (fit->n[1], ==, 2);
  g_assert_cmpuint (gray->n_causes, ==, 0);
  g_assert_cmpuint (gray->n_groups, ==, 2);
}

/* Hand-derived: declaring an empty group in between, and recoding the causes to large codes
 * (7, 100000, 200000: the hash path, same order), must change nothing but the labels. An empty
 * group has curves without points, and Gray's test leaves it out as cuminc() drops empty
 * factor levels. A cause absent from a group gives the flat curve (0, 0), (t_max, 0). */
static void
test_recoding (void)
{
  gsize n = G_N_ELEMENTS (three_time);
  g_autofree guint *group = g_new (guint, n);
  g_autofree int *status = g_new (int, n);
  const int code[] = { 0, 7, 100000, 200000 };
  g_autoptr(EpCifResult) fit = NULL;
  g_autoptr(EpGrayResult) gray = NULL;
  g_autoptr(EpCifResult) sparse = NULL;
  const double time2[] = { 1, 2, 3 };
  const int status2[] = { 1, 2, 0 };
  const guint group2[] = { 0, 1, 1 };
  const EpCifCurve *flat;
  gsize offset = 0;

  for (gsize i = 0; i < n; i++)
    {
      group[i] = three_group[i] == 0 ? 0 : three_group[i] + 1;
      status[i] = code[three_status[i]];
    }
  fit = fit_ok (three_time, status, group, 4, n);
  gray = gray_ok (three_time, status, group, 4, NULL, 0, n, 0);

  g_assert_cmpuint (fit->n_causes, ==, 3);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (fit->causes[c], ==, code[c + 1]);
  g_assert_cmpuint (fit->n[1], ==, 0);
  for (guint g = 0; g < 4; g++)
    for (guint c = 0; c < 3; c++)
      {
        const EpCifCurve *curve = ep_cif_result_get_curve (fit, g, c);
        gsize len;

        if (g == 1)
          {
            g_assert_cmpuint (curve->n_points, ==, 0);
            g_assert_false (ep_cif_curve_at (curve, 1, NULL, NULL));
            continue;
          }
        len = three_len[(g == 0 ? 0 : g - 1) * 3 + c];
        g_assert_cmpuint (curve->n_points, ==, len);
        for (gsize i = 0; i < len; i++)
          {
            assert_close (curve->estimate[i], three_curve_est[offset + i], "recoded estimate");
            assert_close (curve->variance[i], three_curve_var[offset + i], "recoded variance");
          }
        offset += len;
      }

  g_assert_cmpuint (gray->n_groups, ==, 3);
  for (guint c = 0; c < 3; c++)
    {
      g_assert_cmpint (gray->causes[c].cause, ==, code[c + 1]);
      g_assert_cmpuint (gray->causes[c].df, ==, 2);
      assert_close (gray->causes[c].stat, three_gray_stat[c], "recoded stat");
    }

  sparse = fit_ok (time2, status2, group2, 2, 3);
  flat = ep_cif_result_get_curve (sparse, 0, 1);
  g_assert_cmpint (flat->cause, ==, 2);
  g_assert_cmpuint (flat->n_events, ==, 0);
  g_assert_cmpuint (flat->n_points, ==, 2);
  g_assert_cmpfloat (flat->time[1], ==, 1);
  g_assert_cmpfloat (flat->estimate[1], ==, 0);
  g_assert_cmpfloat (flat->variance[1], ==, 0);
}

/* A single observation failing at time 2. R: cuminc (2, 1)[["1 1"]] has $time c(0, 2, 2, 2),
 * $est c(0, 0, 1, 1) and $var c(0, 0, 1, 1): at S(t) = 0 cinc takes 1 / S as 0, so the only
 * term is v1 = w = S(t-)^2 d / n^2 = 1 (ep-cif.h), an artefact of the formula that is kept. */
static void
test_one_subject (void)
{
  const double time[] = { 2 };
  const int status[] = { 1 };
  g_autoptr(EpCifResult) fit = fit_ok (time, status, NULL, 0, 1);
  const EpCifCurve *curve = ep_cif_result_get_curve (fit, 0, 0);
  const double expected_time[] = { 0, 2, 2, 2 };
  const double expected_est[] = { 0, 0, 1, 1 };

  g_assert_cmpuint (curve->n_points, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (curve->time[i], ==, expected_time[i]);
      g_assert_cmpfloat (curve->estimate[i], ==, expected_est[i]);
      g_assert_cmpfloat (curve->variance[i], ==, expected_est[i]);
    }
}

static void
test_invalid_input (void)
{
  const double time[] = { 1, 2, 3 };
  const double nan_time[] = { 1, NAN, 3 };
  const double negative_time[] = { 1, 2, -3 };
  const int status[] = { 1, 0, 2 };
  const int negative_status[] = { 1, -1, 2 };
  const guint group[] = { 0, 1, 2 };
  struct
  {
    const double *time;
    const int    *status;
    const guint  *group;
    guint         n_groups;
    gsize         n;
    const char   *message;
  } cases[] = {
    { nan_time, status, NULL, 1, 3, "observation 1: time nan is not a finite number >= 0" },
    { negative_time, status, NULL, 1, 3, "observation 2: time -3 is not a finite number >= 0" },
    { time, negative_status, NULL, 1, 3,
      "observation 1: status -1 is negative; use 0 for censored and a positive code per cause" },
    { time, status, group, 2, 3, "observation 2: group code 2 is not below 2" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) gray_error = NULL;
      EpCifResult *fit = ep_cif_fit (cases[k].time, cases[k].status, cases[k].group,
                                     cases[k].n_groups, cases[k].n, &error);
      EpGrayResult *gray = ep_gray_test (cases[k].time, cases[k].status,
                                         cases[k].group != NULL ? cases[k].group : group, 2,
                                         NULL, 0, cases[k].n, 0, &gray_error);

      g_assert_null (fit);
      g_assert_error (error, EP_CIF_ERROR, EP_CIF_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, cases[k].message);
      g_assert_null (gray);
      g_assert_error (gray_error, EP_CIF_ERROR, EP_CIF_ERROR_INVALID_INPUT);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (ep_cif_fit (time, status, NULL, 1, 0, &error));
    g_assert_error (error, EP_CIF_ERROR, EP_CIF_ERROR_NO_DATA);
  }
}

/* endpoint-cli cif, run as a user would ($ENDPOINT_CLI, set by tests/meson.build). */
#define run_cli(run, ...) ep_test_cli_run ((run), "cif", __VA_ARGS__)

/* Data errors name the file, the line and the column; usage errors exit 2. */
static void
test_cli_errors (void)
{
  struct
  {
    const char *csv;
    const char *message;
  } cases[] = {
    { "time,status\n1,1\n-3,2\n",
      "bad.csv:3: column \"time\": \"-3\" is negative; a time must be 0 or more\n" },
    { "time,status\n1,1\nNaN,2\n",
      "bad.csv:3: column \"time\": \"NaN\" is not a number\n" },
    { "time,status\n1,1\n2,0\n3,1.5\n",
      "bad.csv:4: column \"status\": \"1.5\" is not a status code; use 0 for censored and a "
      "whole number 1 or more for each cause\n" },
    { "time,status\n1,-1\n",
      "bad.csv:2: column \"status\": \"-1\" is not a status code; use 0 for censored and a "
      "whole number 1 or more for each cause\n" },
    { "time,status\n1,NA\n",
      "bad.csv: no rows with a value in every column used (1 dropped for missing values)\n" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *path = ep_test_write_temp_file ("bad.csv", cases[k].csv);
      g_auto(EpTestCliRun) run = { 0 };

      run_cli (&run, "--csv", path, "--time", "time", "--status", "status", NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==, cases[k].message);
      ep_test_remove_temp_file (path);
    }

  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, "--csv", "x.csv", "--time", "time", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, "endpoint-cli cif: --status is required\n");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, "--csv", "x.csv", "--time", "t", "--status", "s", "--at", "6,x", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

/* The "three" data as a CSV with a missing row and a stratum column: the curves, the
 * timepoints and the stratified Gray's test with rho = 1 must be cuminc's
 * (test-cif-expected.h), n_dropped must count the missing row. */
static void
test_cli_three (void)
{
  g_autoptr(GString) text = g_string_new ("t;cause;arm;centre\n");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(EpTestCliRun) run = { 0 };
  g_autofree char *path = NULL;
  JsonObject *root;
  JsonArray *groups, *tests;
  gsize offset = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (three_time); i++)
    g_string_append_printf (text, "%g;%d;arm %u;%u\n", three_time[i], three_status[i],
                            three_group[i], three_strat[i]);
  g_string_append (text, "5;NA;arm 1;0\n");
  path = ep_test_write_temp_file ("three.csv", text->str);

  run_cli (&run, "--csv", path, "--sep", ";", "--time", "t", "--status", "cause",
           "--group", "arm", "--strata", "centre", "--rho", "1", "--at", "0.5,6,15", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  root = ep_test_parse_json_object (parser, run.out);

  g_assert_cmpint (json_object_get_int_member (root, "n"), ==, G_N_ELEMENTS (three_time));
  g_assert_cmpint (json_object_get_int_member (root, "n_dropped"), ==, 1);
  groups = json_object_get_array_member (root, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 3);
  for (guint g = 0; g < 3; g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *causes = json_object_get_array_member (group, "causes");
      g_autofree char *label = g_strdup_printf ("arm %u", g);

      g_assert_cmpstr (json_object_get_string_member (group, "label"), ==, label);
      g_assert_cmpuint (json_array_get_length (causes), ==, 3);
      for (guint c = 0; c < 3; c++)
        {
          JsonObject *cause = json_array_get_object_element (causes, c);
          JsonObject *curve = json_object_get_object_member (cause, "curve");
          JsonArray *est = json_object_get_array_member (curve, "estimate");
          JsonArray *var = json_object_get_array_member (curve, "variance");
          JsonArray *at = json_object_get_array_member (cause, "at");
          gsize len = three_len[g * 3 + c];
          const guint at_index[] = { 2, 5, 8 };   /* 0.5, 6 and 15 in three_at */

          g_assert_cmpuint (json_array_get_length (est), ==, len);
          for (gsize i = 0; i < len; i++)
            {
              assert_close (json_array_get_double_element (est, i),
                            three_curve_est[offset + i], "CLI curve estimate");
              assert_close (json_array_get_double_element (var, i),
                            three_curve_var[offset + i], "CLI curve variance");
            }
          offset += len;

          for (guint k = 0; k < 3; k++)
            {
              JsonObject *point = json_array_get_object_element (at, k);
              gsize row = (g * 3 + c) * G_N_ELEMENTS (three_at) + at_index[k];
              JsonNode *e = json_object_get_member (point, "estimate");
              JsonNode *se = json_object_get_member (point, "std_err");

              if (isnan (three_at_est[row]))
                {
                  g_assert_true (JSON_NODE_HOLDS_NULL (e));
                  g_assert_true (JSON_NODE_HOLDS_NULL (se));
                  continue;
                }
              assert_close (json_node_get_double (e), three_at_est[row], "CLI at estimate");
              assert_close (json_node_get_double (se), sqrt (three_at_var[row]),
                            "CLI at std_err");
            }
        }
    }

  tests = json_object_get_array_member (root, "gray");
  g_assert_cmpuint (json_array_get_length (tests), ==, 3);
  for (guint c = 0; c < 3; c++)
    {
      JsonObject *test = json_array_get_object_element (tests, c);

      g_assert_cmpint (json_object_get_int_member (test, "df"), ==, 2);
      assert_close (json_object_get_double_member (test, "stat"), three_strat_stat[c],
                    "CLI stratified stat, rho 1");
      assert_close (json_object_get_double_member (test, "p"), three_strat_p[c],
                    "CLI stratified p, rho 1");
    }
  ep_test_remove_temp_file (path);
}

/* One group given: curves, no test, and a warning that says why (hand-checked shape). All
 * censored: no causes and a warning. */
static void
test_cli_no_test (void)
{
  g_autofree char *one = ep_test_write_temp_file ("one.csv",
                                                  "time,status,arm\n1,1,a\n2,NA,a\n3,2,a\n4,0,a\n");
  g_autofree char *censored = ep_test_write_temp_file ("censored.csv",
                                                       "time,status,arm\n1,0,a\n2,0,b\n");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_auto(EpTestCliRun) run = { 0 };
  g_auto(EpTestCliRun) run2 = { 0 };
  JsonObject *root;
  JsonArray *warnings;

  run_cli (&run, "--csv", one, "--time", "time", "--status", "status", "--group", "arm", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = ep_test_parse_json_object (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (root, "n_dropped"), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (root, "gray")));
  warnings = json_object_get_array_member (root, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (warnings, 0), ==,
                   "Gray's test compares groups, and column \"arm\" has only one value (\"a\"): "
                   "no test");

  run_cli (&run2, "--csv", censored, "--time", "time", "--status", "status", "--group", "arm",
           NULL);
  g_assert_cmpint (run2.status, ==, 0);
  root = ep_test_parse_json_object (parser2, run2.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "causes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "gray")), ==, 0);
  warnings = json_object_get_array_member (root, "warnings");
  g_assert_cmpstr (json_array_get_string_element (warnings, 0), ==,
                   "every observation is censored: there is no cause to estimate");

  ep_test_remove_temp_file (one);
  ep_test_remove_temp_file (censored);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cif/reference/cr_sim", test_reference_cr_sim);
  g_test_add_func ("/cif/three-causes/curves", test_three_curves);
  g_test_add_func ("/cif/three-causes/timepoints", test_three_timepoints);
  g_test_add_func ("/cif/three-causes/gray", test_three_gray);
  g_test_add_func ("/cif/four-groups", test_four_groups);
  g_test_add_func ("/cif/one-group", test_one_group);
  g_test_add_func ("/cif/risk-set-emptied", test_risk_set_emptied);
  g_test_add_func ("/cif/singular", test_singular);
  g_test_add_func ("/cif/all-censored", test_all_censored);
  g_test_add_func ("/cif/recoding", test_recoding);
  g_test_add_func ("/cif/one-subject", test_one_subject);
  g_test_add_func ("/cif/invalid-input", test_invalid_input);
  g_test_add_func ("/cif/cli/errors", test_cli_errors);
  g_test_add_func ("/cif/cli/three-causes", test_cli_three);
  g_test_add_func ("/cif/cli/no-test", test_cli_no_test);

  return g_test_run ();
}
