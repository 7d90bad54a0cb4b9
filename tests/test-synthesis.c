/* test-synthesis.c: the issue-18 methods beyond the R reference cases: degenerate input, errors,
 * the damping flag, and the CLI's usage and data errors
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers themselves are checked against R by tests/test-reference.c on the cases that
 * tests/data/reference/make_synthesis.R writes; where a number is asserted here, its R call is
 * named beside it.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "core/ep-crr.h"
#include "core/ep-glmm.h"
#include "core/ep-meta.h"
#include "core/ep-meta-binary.h"
#include "core/ep-meta-reg.h"
#include "ep-test-cli.h"

/* hr_osc (make_synthesis.R): REML Fisher scoring oscillates; metafor stops. */
static const double osc_hr[] = { 0.4, 1.78, 0.63, 0.58, 1.32, 1.15 };
static const double osc_lower[] = { 0.04, 1.71, 0.06, 0.56, 0.28, 0.11 };
static const double osc_upper[] = { 4.2, 1.85, 6.62, 0.6, 6.33, 12.08 };

static void
test_reml_damped (void)
{
  double yi[6], vi[6];
  EpMetaData data = { 0, };
  EpMetaOptions options;
  g_autoptr(EpMetaResult) result = NULL;

  for (guint i = 0; i < 6; i++)
    g_assert_true (ep_meta_ratio_to_log (osc_hr[i], osc_lower[i], osc_upper[i], 0.95,
                                         &yi[i], &vi[i], NULL));
  data.k = 6;
  data.measure = EP_META_MEASURE_LOG_RATIO;
  data.yi = yi;
  data.vi = vi;
  ep_meta_options_init (&options);
  options.method = EP_META_METHOD_REML;
  result = ep_meta_pool (&data, &options, NULL);
  g_assert_nonnull (result);
  g_assert_true (result->overall.converged);
  g_assert_true (result->overall.damped);
  /* rma (yi, sei, method = "REML", control = list (stepadj = 0.5, threshold = 1e-12))$tau2 */
  g_assert_cmpfloat_with_epsilon (result->overall.tau2, 0.320007867462498, 1e-5);
  /* the Q-profile interval contains the estimate */
  g_assert_cmpfloat (result->overall.tau2_lb, <=, result->overall.tau2);
  g_assert_cmpfloat (result->overall.tau2_ub, >=, result->overall.tau2);
}

/* A pool without heterogeneity: every estimator gives 0, the Q-profile interval is [0, 0] when
 * Q is below the lower chi-square quantile (confint reports the null set). */
static void
test_homogeneous (void)
{
  const double yi[] = { 0.1, 0.1001, 0.0999, 0.1 };
  const double vi[] = { 0.04, 0.05, 0.03, 0.06 };
  EpMetaData data = { .k = 4, .measure = EP_META_MEASURE_GENERIC, .yi = yi, .vi = vi };
  const EpMetaMethod methods[] = { EP_META_METHOD_DL, EP_META_METHOD_REML, EP_META_METHOD_PM,
                                   EP_META_METHOD_SJ, EP_META_METHOD_ML };

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      EpMetaOptions options;
      g_autoptr(EpMetaResult) result = NULL;

      ep_meta_options_init (&options);
      options.method = methods[m];
      result = ep_meta_pool (&data, &options, NULL);
      g_assert_nonnull (result);
      g_assert_cmpfloat (result->overall.tau2, <, 1e-6);
      g_assert_cmpfloat (result->overall.tau2_lb, ==, 0.0);
      g_assert_cmpfloat (result->overall.tau2_ub, ==, 0.0);
    }
}

static void
test_regtest_needs_three (void)
{
  const double yi[] = { 0.1, 0.3 };
  const double vi[] = { 0.04, 0.05 };
  EpMetaRegtest test;
  g_autoptr(GError) error = NULL;

  g_assert_false (ep_meta_regtest (yi, vi, 2, NULL, &test, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES);
}

/* Mantel-Haenszel odds ratio: a table with no event in either arm adds nothing to R and S and
 * has no effect of its own (drop00); a set where no table has an event is an error. */
static void
test_mh_zero_tables (void)
{
  const guint a[] = { 0, 2, 0 }, n1[] = { 20, 40, 15 }, c[] = { 3, 6, 0 }, n2[] = { 21, 38, 16 };
  const guint none[] = { 0, 0 }, n[] = { 10, 10 };
  g_autoptr(EpMetaFixedResult) mh = NULL;
  g_autoptr(EpMetaFixedResult) bad = NULL;
  g_autoptr(GError) error = NULL;

  mh = ep_meta_mh (a, n1, c, n2, 3, EP_META_BINARY_OR, 0.95, NULL);
  g_assert_nonnull (mh);
  g_assert_true (mh->corrected[0]);
  g_assert_false (mh->corrected[1]);
  g_assert_true (isnan (mh->yi[2]));
  g_assert_cmpuint (mh->q_df, ==, 1);
  g_assert_cmpfloat (mh->weight[2], ==, 0.0);

  bad = ep_meta_mh (none, n, none, n, 2, EP_META_BINARY_OR, 0.95, &error);
  g_assert_null (bad);
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_INVALID);
}

static void
test_binary_invalid (void)
{
  const guint a[] = { 5 }, n1[] = { 4 }, c[] = { 1 }, n2[] = { 10 };
  double yi[1], vi[1];
  gboolean corrected[1];
  g_autoptr(GError) error = NULL;

  g_assert_false (ep_meta_binary_effects (a, n1, c, n2, 1, EP_META_BINARY_RR, FALSE, FALSE,
                                          yi, vi, corrected, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_INVALID);
}

/* GLMM: one study is its own binomial proportion (tau^2 = 0); all events is an error. */
static void
test_glmm_edges (void)
{
  const guint x[] = { 13, 12 }, n[] = { 13, 12 };
  const guint x1[] = { 7 }, n1[] = { 20 };
  g_autoptr(EpGlmmResult) one = NULL;
  g_autoptr(EpGlmmResult) all = NULL;
  g_autoptr(GError) error = NULL;

  one = ep_glmm_pool (x1, n1, 1, 0.95, 7, NULL);
  g_assert_nonnull (one);
  g_assert_cmpfloat_with_epsilon (one->estimate, 0.35, 1e-7);
  g_assert_cmpfloat (one->tau2, <, 1e-8);

  all = ep_glmm_pool (x, n, 2, 0.95, 7, &error);
  g_assert_null (all);
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_INVALID);
}

/* crr: no failure of the cause is an error; a negative time names the observation. */
static void
test_crr_errors (void)
{
  const double time[] = { 1, 2, 3, 4 };
  const double bad_time[] = { 1, -2, 3, 4 };
  const int status[] = { 0, 2, 0, 2 };
  const double x[] = { 0, 1, 0, 1 };
  g_autoptr(EpCrrResult) fit = NULL;
  g_autoptr(EpCrrResult) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  fit = ep_crr_fit (time, status, x, 4, 1, 0.95, &error);
  g_assert_null (fit);
  g_assert_error (error, EP_CRR_ERROR, EP_CRR_ERROR_NO_EVENTS);

  bad = ep_crr_fit (bad_time, status, x, 4, 1, 0.95, &error2);
  g_assert_null (bad);
  g_assert_error (error2, EP_CRR_ERROR, EP_CRR_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error2->message, "Observation 1"));
}

static void
run_cli (const char   *command,
         const char   *csv_text,
         EpTestCliRun *run,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *path = NULL;
  const char *arg;
  va_list ap;

  if (g_getenv ("ENDPOINT_CLI") == NULL)
    {
      g_test_skip ("ENDPOINT_CLI is not set; run under meson test");
      run->status = -1;
      return;
    }

  path = ep_test_write_temp_file ("synthesis.csv", csv_text);
  g_ptr_array_add (args, (char *) command);
  g_ptr_array_add (args, (char *) "--csv");
  g_ptr_array_add (args, path);
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  ep_test_cli_runv (run, (const char * const *) args->pdata);
  ep_test_remove_temp_file (path);
}

#define ARMS "--events1", "a", "--total1", "n1", "--events2", "c", "--total2", "n2", "--label", "t"

static void
test_cli_two_arm_errors (void)
{
  const char *csv = "t,a,n1,c,n2,x,n\nA,5,20,3,21,4,9\nB,30,25,6,38,3,9\n";
  g_auto(EpTestCliRun) run = { 0 };

  /* 30 events of 25 patients on line 3 */
  run_cli ("meta", csv, &run, ARMS, "--method", "MH", NULL);
  if (run.status == -1)
    return;
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "synthesis.csv:3"));
  g_assert_nonnull (strstr (run.err, "\"a\""));
  ep_test_cli_run_clear (&run);

  /* Peto pools odds ratios only */
  run_cli ("meta", csv, &run, ARMS, "--method", "PETO", "--measure", "RR", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ep_test_cli_run_clear (&run);

  /* two forms at once */
  run_cli ("meta", csv, &run, ARMS, "--events", "x", "--total", "n", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ep_test_cli_run_clear (&run);

  /* GLMM is for single proportions */
  run_cli ("meta", csv, &run, ARMS, "--method", "GLMM", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ep_test_cli_run_clear (&run);

  /* a confidence level outside (0, 1) */
  run_cli ("meta", csv, &run, "--events", "x", "--total", "n", "--label", "t",
           "--conf-level", "95", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--conf-level"));
}

static void
test_cli_crr (void)
{
  const char *csv = "days,status,arm\n5,relapse,A\n8,death,B\n9,censored,A\n12,relapse,B\n"
                    "15,relapse,A\n20,censored,B\n22,death,A\n30,relapse,B\n";
  g_auto(EpTestCliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  run_cli ("crr", csv, &run, "--time", "days", "--status", "status", "--covariates", "arm",
           "--factors", "arm", "--cause", "relapse", "--censor", "censored", NULL);
  if (run.status == -1)
    return;
  g_assert_cmpint (run.status, ==, 0);
  root = ep_test_parse_json_object (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (root, "n_events"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (root, "n_competing"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (root, "terms"),
                                                    0), "name"), ==, "arm=B");
  ep_test_cli_run_clear (&run);

  /* --cause is required; a --predict without every covariate is a usage error */
  run_cli ("crr", csv, &run, "--time", "days", "--status", "status", "--covariates", "arm", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ep_test_cli_run_clear (&run);
  run_cli ("crr", csv, &run, "--time", "days", "--status", "status", "--covariates", "arm",
           "--factors", "arm", "--cause", "relapse", "--censor", "censored",
           "--predict", "arm=C", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "level"));
  ep_test_cli_run_clear (&run);

  /* cif with text codes: two causes, named by their text */
  run_cli ("cif", csv, &run, "--time", "days", "--status", "status", "--censor", "censored",
           "--at", "10", "--no-curves", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"relapse\""));
  g_assert_nonnull (strstr (run.out, "\"lower\""));
}

/* One table's interval as the forest shows it, TOWER's CR 92/271 vs 20/124:
 * summary (escalc ("OR", ai = 92, bi = 179, ci = 20, di = 104)) back-transformed with exp, and
 * summary (escalc ("RD", ...), level = 90). */
static void
test_study_ci (void)
{
  double e, l, u;

  g_assert_true (ep_meta_binary_study_ci (EP_META_BINARY_OR, log (92.0 * 104 / (179.0 * 20)),
                                          1.0 / 92 + 1.0 / 179 + 1.0 / 20 + 1.0 / 104, 0.95,
                                          &e, &l, &u));
  g_assert_cmpfloat_with_epsilon (e, 2.67262569832402, 1e-9 * 2.67);
  g_assert_cmpfloat_with_epsilon (l, 1.55656638324157, 1e-9 * 1.56);
  g_assert_cmpfloat_with_epsilon (u, 4.5889004158414, 1e-9 * 4.59);
  {
    double p1 = 92.0 / 271, p2 = 20.0 / 124;

    g_assert_true (ep_meta_binary_study_ci (EP_META_BINARY_RD, p1 - p2,
                                            p1 * (1 - p1) / 271 + p2 * (1 - p2) / 124, 0.90,
                                            &e, &l, &u));
  }
  g_assert_cmpfloat_with_epsilon (e, 0.178193072253303, 1e-9 * 0.178);
  g_assert_cmpfloat_with_epsilon (l, 0.106149858143638, 1e-9 * 0.106);
  g_assert_cmpfloat_with_epsilon (u, 0.250236286362969, 1e-9 * 0.250);
  g_assert_false (ep_meta_binary_study_ci (EP_META_BINARY_OR, NAN, 1.0, 0.95, &e, &l, &u));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/synthesis/reml-damped", test_reml_damped);
  g_test_add_func ("/synthesis/study-ci", test_study_ci);
  g_test_add_func ("/synthesis/homogeneous", test_homogeneous);
  g_test_add_func ("/synthesis/regtest-needs-three", test_regtest_needs_three);
  g_test_add_func ("/synthesis/mh-zero-tables", test_mh_zero_tables);
  g_test_add_func ("/synthesis/binary-invalid", test_binary_invalid);
  g_test_add_func ("/synthesis/glmm-edges", test_glmm_edges);
  g_test_add_func ("/synthesis/crr-errors", test_crr_errors);
  g_test_add_func ("/synthesis/cli-two-arm-errors", test_cli_two_arm_errors);
  g_test_add_func ("/synthesis/cli-crr", test_cli_crr);

  return g_test_run ();
}
