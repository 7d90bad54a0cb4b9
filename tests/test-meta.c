/* test-meta.c: binomial intervals, meta-analysis (core) and endpoint-cli meta
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected numbers come from R 4.2.2 with metafor 3.8-1: the reference cases of
 * tests/data/reference (make_reference.R, meta_ref and meta_ratio_ref) are read from their JSON
 * files; every other number names the R call that produced it, or says how it was computed by
 * hand. Tolerance: relative 1e-6 (the project's contract is 1e-5).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "core/ep-binom.h"
#include "core/ep-meta.h"

#include "ep-test-cli.h"

#define RTOL 1e-6

static void
assert_close (double      actual,
              double      expected,
              const char *what)
{
  if (!(fabs (actual - expected) <= RTOL * fabs (expected) + 1e-12))
    {
      g_test_message ("%s: expected %.15g, got %.15g", what, expected, actual);
      g_test_fail ();
    }
}

static JsonObject *
load_expected (const char *name,
               JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected",
                                                 name, NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

static double
member (JsonObject *object,
        const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_double_member (object, name);
}

/* Binomial intervals */

typedef struct
{
  guint  x;
  guint  n;
  double cp_lower, cp_upper;        /* binom.test (x, n)$conf.int */
  double cp90_lower, cp90_upper;    /* binom.test (x, n, conf.level = 0.9)$conf.int */
  double wilson_lower, wilson_upper; /* prop.test (x, n, correct = FALSE)$conf.int */
} BinomCase;

static const BinomCase binom_cases[] = {
  { 0, 10, 0, 0.308497107818761, 0, 0.258865550893052, 0, 0.277532799862889 },
  { 10, 10, 0.691502892181239, 1, 0.741134449106948, 1, 0.722467200137111, 1 },
  { 1, 1, 0.025, 1, 0.05, 1, 0.206549314377238, 1 },
  { 0, 1, 0, 0.975, 0, 0.95, 0, 0.793450685622763 },
  { 25, 36, 0.51892936999992, 0.836526015371506, 0.545316268686756, 0.818246229298065,
    0.531437271494897, 0.819955484051701 },
  { 1, 1000, 2.53174874912941e-05, 0.00555892427982663, 5.12919789090178e-05,
    0.00473499357549978, 0.000176546370626078, 0.00564255859795793 },
  /* GSL's own gsl_cdf_beta_Pinv aborts the process on this one */
  { 5000, 10000, 0.49015138058998, 0.50984861941002, 0.491726504403739, 0.508273495596261,
    0.490202061815405, 0.509797938184595 },
  { 3, 250000, 2.47469532832767e-06, 3.50686877749436e-05, 3.27077352280092e-06,
    3.10143312470795e-05, 4.08109111514446e-06, 3.52841392879858e-05 },
};

static void
test_binom_intervals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (binom_cases); i++)
    {
      const BinomCase *c = &binom_cases[i];
      double lower = -1.0, upper = -1.0;

      g_test_message ("x = %u, n = %u", c->x, c->n);
      g_assert_true (ep_binom_clopper_pearson (c->x, c->n, 0.95, &lower, &upper));
      assert_close (lower, c->cp_lower, "Clopper-Pearson lower");
      assert_close (upper, c->cp_upper, "Clopper-Pearson upper");
      g_assert_true (ep_binom_clopper_pearson (c->x, c->n, 0.90, &lower, &upper));
      assert_close (lower, c->cp90_lower, "Clopper-Pearson 90% lower");
      assert_close (upper, c->cp90_upper, "Clopper-Pearson 90% upper");
      g_assert_true (ep_binom_wilson (c->x, c->n, 0.95, &lower, &upper));
      assert_close (lower, c->wilson_lower, "Wilson lower");
      assert_close (upper, c->wilson_upper, "Wilson upper");
    }

  /* x = 0 and x = n give exactly 0 and 1, as binom.test's p.L and p.U */
  {
    double lower, upper;

    g_assert_true (ep_binom_clopper_pearson (0, 7, 0.95, &lower, &upper));
    g_assert_cmpfloat (lower, ==, 0.0);
    g_assert_true (ep_binom_clopper_pearson (7, 7, 0.95, &lower, &upper));
    g_assert_cmpfloat (upper, ==, 1.0);
  }
}

/* Beyond about 10^7 patients GSL cannot evaluate the beta distribution (its continued fraction
 * gives up): the interval is refused, never made up, and ep_meta_pool() says so. */
static void
test_binom_too_large (void)
{
  static const guint x[] = { 2500000, 30 };
  static const guint n[] = { 10000000, 100 };
  EpMetaData data = { .k = 2, .measure = EP_META_MEASURE_LOGIT, .events = x, .total = n };
  g_autoptr(EpMetaResult) result = NULL;
  double lower = -1.0, upper = -1.0;

  g_assert_false (ep_binom_clopper_pearson (2500000, 10000000, 0.95, &lower, &upper));
  g_assert_cmpfloat (lower, ==, -1.0);
  /* 10^6 still works: binom.test (250000, 1e6)$conf.int = 0.249151535685546 0.250849912596548 */
  g_assert_true (ep_binom_clopper_pearson (250000, 1000000, 0.95, &lower, &upper));
  assert_close (lower, 0.249151535685546, "CP lower n = 1e6");
  assert_close (upper, 0.250849912596548, "CP upper n = 1e6");

  result = ep_meta_pool (&data, NULL, NULL);
  g_assert_nonnull (result);
  g_assert_true (isnan (result->lower[0]));
  g_assert_false (isnan (result->lower[1]));
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0), "Study 1"));
}

static void
test_binom_invalid (void)
{
  double lower = -1.0, upper = -1.0;

  if (g_test_subprocess ())
    {
      /* x > n is a programming error: critical, FALSE, outputs untouched */
      g_assert_false (ep_binom_clopper_pearson (3, 2, 0.95, &lower, &upper));
      g_assert_cmpfloat (lower, ==, -1.0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*x <= n*");
}

/* The reference cases: tests/data/reference/data/meta_cr.csv (seed 001, Tables 1 and 2) */

static const char *cr_trial[] = {
  "Phase 2 pilot", "Phase 2 confirmatory", "ALCANTARA", "Phase 3 (TOWER)", "Pediatric phase 1/2",
  "City of Hope retrospective", "UPenn/CHOP", "MSKCC", "ELIANA", "NCI", "Seattle Children's",
  "FHCRC", "Hebei Yanda Lu Daopei", "City of Hope (CAR)", "CARPALL",
};
static const guint cr_events[] = { 25, 81, 16, 119, 27, 33, 27, 44, 61, 14, 42, 45, 46, 13, 12 };
static const guint cr_total[] = { 36, 189, 45, 271, 70, 65, 30, 53, 75, 21, 45, 53, 51, 13, 14 };
static const guint cr_class[] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
static const char *cr_class_names[] = { "BiTE", "CAR T" };

static void
compare_estimate (const EpMetaEstimate *actual,
                  JsonObject           *expected,
                  const char           *what)
{
  g_autofree char *w1 = g_strdup_printf ("%s estimate", what);
  g_autofree char *w2 = g_strdup_printf ("%s lower", what);
  g_autofree char *w3 = g_strdup_printf ("%s upper", what);

  assert_close (actual->estimate, member (expected, "estimate"), w1);
  assert_close (actual->lower, member (expected, "lower"), w2);
  assert_close (actual->upper, member (expected, "upper"), w3);
  if (json_object_has_member (expected, "pi_lower"))
    {
      assert_close (actual->pi_lower, member (expected, "pi_lower"), "pi_lower");
      assert_close (actual->pi_upper, member (expected, "pi_upper"), "pi_upper");
    }
}

/* Every number of an expected meta_*.json or hr_studies_dl.json against the core's result;
 * studies are in file order. */
static void
compare_with_reference (const EpMetaResult *result,
                        JsonObject         *expected,
                        const char * const *labels)
{
  JsonArray *studies = json_object_get_array_member (expected, "studies");

  g_assert_cmpuint (json_array_get_length (studies), ==, result->k);
  for (guint i = 0; i < result->k; i++)
    {
      JsonObject *study = json_array_get_object_element (studies, i);

      g_assert_cmpstr (json_object_get_string_member (study, "label"), ==, labels[i]);
      if (result->measure != EP_META_MEASURE_LOG_RATIO)
        {
          assert_close (result->estimate[i], member (study, "estimate"), "study estimate");
          assert_close (result->lower[i], member (study, "lower"), "study lower");
          assert_close (result->upper[i], member (study, "upper"), "study upper");
        }
      assert_close (result->weight_fixed[i], member (study, "weight_fixed"), "weight_fixed");
      assert_close (result->weight_random[i], member (study, "weight_random"), "weight_random");
    }

  compare_estimate (&result->overall.fixed, json_object_get_object_member (expected, "fixed"),
                    "fixed");
  compare_estimate (&result->overall.random, json_object_get_object_member (expected, "random"),
                    "random");
  assert_close (result->overall.tau2, member (expected, "tau2"), "tau2");
  assert_close (result->overall.i2, member (expected, "i2"), "i2");
  assert_close (result->overall.q, member (expected, "q"), "q");
  g_assert_cmpuint (result->overall.q_df, ==, json_object_get_int_member (expected, "q_df"));
  assert_close (result->overall.q_p, member (expected, "q_p"), "q_p");
  g_assert_true (result->converged);

  if (json_object_has_member (expected, "subgroups"))
    {
      JsonArray *subgroups = json_object_get_array_member (expected, "subgroups");
      JsonObject *test = json_object_get_object_member (expected, "subgroup_test");

      g_assert_cmpuint (json_array_get_length (subgroups), ==, result->n_subgroups);
      for (guint j = 0; j < result->n_subgroups; j++)
        {
          JsonObject *subgroup = json_array_get_object_element (subgroups, j);

          g_assert_cmpstr (json_object_get_string_member (subgroup, "label"), ==,
                           cr_class_names[j]);
          g_assert_cmpuint (result->subgroups[j].k, ==,
                            json_object_get_int_member (subgroup, "k"));
          compare_estimate (&result->subgroups[j].random,
                            json_object_get_object_member (subgroup, "random"), "subgroup");
          assert_close (result->subgroups[j].tau2, member (subgroup, "tau2"), "subgroup tau2");
          assert_close (result->subgroups[j].i2, member (subgroup, "i2"), "subgroup i2");
        }
      assert_close (result->subgroup_q, member (test, "q"), "subgroup test q");
      g_assert_cmpuint (result->subgroup_df, ==, json_object_get_int_member (test, "df"));
      assert_close (result->subgroup_p, member (test, "p"), "subgroup test p");
    }
  else
    g_assert_cmpuint (result->n_subgroups, ==, 0);
}

typedef struct
{
  const char    *file;
  EpMetaMeasure  measure;
  EpMetaMethod   method;
  gboolean       knapp_hartung;
} CrCase;

static void
test_reference_cr (gconstpointer user_data)
{
  const CrCase *c = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EpMetaResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *expected = load_expected (c->file, parser);
  EpMetaOptions options;
  EpMetaData data = {
    .k = G_N_ELEMENTS (cr_events),
    .measure = c->measure,
    .events = cr_events,
    .total = cr_total,
    .subgroup = cr_class,
    .n_subgroups = 2,
    .subgroup_names = cr_class_names,
  };

  ep_meta_options_init (&options);
  options.method = c->method;
  options.knapp_hartung = c->knapp_hartung;
  result = ep_meta_pool (&data, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->warnings->len, ==, 0);

  compare_with_reference (result, expected, cr_trial);
}

/* The README's example: BiTE 45.4% [38.9, 52.0], CAR T 84.9% [79.5, 89.1] with DL (the issue,
 * rounded from meta_cr_dl.json). */
static void
test_readme_example (void)
{
  g_autoptr(EpMetaResult) result = NULL;
  EpMetaData data = {
    .k = G_N_ELEMENTS (cr_events), .measure = EP_META_MEASURE_LOGIT,
    .events = cr_events, .total = cr_total, .subgroup = cr_class, .n_subgroups = 2,
  };

  result = ep_meta_pool (&data, NULL, NULL);
  g_assert_nonnull (result);
  g_assert_cmpfloat (round (1000 * result->subgroups[0].random.estimate), ==, 454);
  g_assert_cmpfloat (round (1000 * result->subgroups[0].random.lower), ==, 389);
  g_assert_cmpfloat (round (1000 * result->subgroups[0].random.upper), ==, 520);
  g_assert_cmpfloat (round (1000 * result->subgroups[1].random.estimate), ==, 849);
  g_assert_cmpfloat (round (1000 * result->subgroups[1].random.lower), ==, 795);
  g_assert_cmpfloat (round (1000 * result->subgroups[1].random.upper), ==, 891);
}

/* tests/data/reference/data/hr_studies.csv */
static const char *hr_study[] = { "Study A", "Study B", "Study C", "Study D", "Study E", "Study F" };
static const double hr_ratio[] = { 0.62, 0.81, 0.55, 0.97, 0.70, 0.48 };
static const double hr_lower[] = { 0.41, 0.60, 0.33, 0.71, 0.52, 0.25 };
static const double hr_upper[] = { 0.94, 1.09, 0.92, 1.32, 0.94, 0.92 };

static EpMetaResult *
pool_hr (EpMetaMethod method,
         gboolean     knapp_hartung)
{
  double yi[G_N_ELEMENTS (hr_ratio)];
  double vi[G_N_ELEMENTS (hr_ratio)];
  EpMetaOptions options;
  EpMetaData data = {
    .k = G_N_ELEMENTS (hr_ratio), .measure = EP_META_MEASURE_LOG_RATIO, .yi = yi, .vi = vi,
  };
  g_autoptr(GError) error = NULL;
  EpMetaResult *result;

  for (guint i = 0; i < G_N_ELEMENTS (hr_ratio); i++)
    {
      g_assert_true (ep_meta_ratio_to_log (hr_ratio[i], hr_lower[i], hr_upper[i], 0.95,
                                           &yi[i], &vi[i], &error));
      g_assert_no_error (error);
    }

  ep_meta_options_init (&options);
  options.method = method;
  options.knapp_hartung = knapp_hartung;
  result = ep_meta_pool (&data, &options, &error);
  g_assert_no_error (error);

  return result;
}

static void
test_reference_hr (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *expected = load_expected ("hr_studies_dl.json", parser);
  g_autoptr(EpMetaResult) result = pool_hr (EP_META_METHOD_DL, FALSE);

  compare_with_reference (result, expected, hr_study);

  /* yi, vi of study F: escalc-free, log (0.48) and ((log (0.92) - log (0.25)) / (2 qnorm (.975)))^2
   * = 0.110477667406618 (R) */
  assert_close (result->yi[5], log (0.48), "yi");
  assert_close (result->vi[5], 0.110477667406618, "vi");
}

static void
test_hr_knapp_hartung_and_reml (void)
{
  g_autoptr(EpMetaResult) knha = pool_hr (EP_META_METHOD_DL, TRUE);
  g_autoptr(EpMetaResult) reml = pool_hr (EP_META_METHOD_REML, FALSE);

  /* rma (yi = log (hr), sei = (log (upper) - log (lower)) / (2 * qnorm (0.975)), method = "DL",
   *      test = "knha"); predict (fit, transf = exp) */
  assert_close (knha->overall.random.estimate, 0.724995220971617, "knha estimate");
  assert_close (knha->overall.random.lower, 0.567908987629379, "knha lower");
  assert_close (knha->overall.random.upper, 0.925532227665156, "knha upper");
  assert_close (knha->overall.random.pi_lower, 0.485621098488006, "knha pi_lower");
  assert_close (knha->overall.random.pi_upper, 1.08236250868879, "knha pi_upper");
  assert_close (knha->overall.random.se, 0.0949994615415985, "knha se");
  assert_close (knha->overall.random.p_value, 0.0195636031765457, "knha pval");
  g_assert_cmpfloat (knha->overall.random.df, ==, 5.0);
  assert_close (knha->overall.h2, 1.41923916483853, "H2");

  /* the same with method = "REML", test = "z" */
  assert_close (reml->overall.tau2, 0.0139601748301169, "REML tau2");
  assert_close (reml->overall.i2, 27.6977002057463, "REML I2");
  assert_close (reml->overall.h2, 1.38308186993448, "REML H2");
  assert_close (reml->overall.random.estimate, 0.72603373645412, "REML estimate");
  assert_close (reml->overall.random.lower, 0.605685326661951, "REML lower");
  assert_close (reml->overall.random.upper, 0.870295123995521, "REML upper");
  assert_close (reml->overall.random.pi_lower, 0.541061016689544, "REML pi_lower");
  assert_close (reml->overall.random.pi_upper, 0.974243144876191, "REML pi_upper");
  assert_close (reml->overall.random.p_value, 0.000535506535060149, "REML pval");
  assert_close (reml->weight_random[5], 6.87131371508282, "REML weight F");
  g_assert_true (isnan (reml->overall.random.df));
}

/* Hand-checkable cases */

/* Two studies, 10/20 and 20/40: both logits are 0, so Q = 0, tau^2 = 0 (DL and REML), I^2 = 0
 * and the random-effects model is the fixed-effect one. By hand: vi = 1/10 + 1/10 = 0.2 and
 * 1/20 + 1/20 = 0.1, weights 5 and 10 (33.3% and 66.7%), se = 1/sqrt (15), estimate 1/2,
 * CI 1 / (1 + exp (-+ 1.959963984540054 / sqrt 15)). */
static void
test_zero_heterogeneity (void)
{
  static const guint x[] = { 10, 20 };
  static const guint n[] = { 20, 40 };
  EpMetaData data = { .k = 2, .measure = EP_META_MEASURE_LOGIT, .events = x, .total = n };
  EpMetaMethod methods[] = { EP_META_METHOD_DL, EP_META_METHOD_REML };

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(EpMetaResult) result = NULL;
      EpMetaOptions options;
      double half = 1.959963984540054 / sqrt (15.0);

      ep_meta_options_init (&options);
      options.method = methods[m];
      result = ep_meta_pool (&data, &options, NULL);
      g_assert_nonnull (result);

      g_assert_cmpfloat (result->overall.q, ==, 0.0);
      g_assert_cmpuint (result->overall.q_df, ==, 1);
      g_assert_cmpfloat (result->overall.q_p, ==, 1.0);
      g_assert_cmpfloat (result->overall.tau2, ==, 0.0);
      g_assert_cmpfloat (result->overall.i2, ==, 0.0);
      g_assert_cmpfloat (result->overall.h2, ==, 1.0);
      assert_close (result->vi[0], 0.2, "vi 1");
      assert_close (result->vi[1], 0.1, "vi 2");
      assert_close (result->weight_fixed[0], 100.0 / 3.0, "weight 1");
      assert_close (result->weight_random[1], 200.0 / 3.0, "weight 2");
      assert_close (result->overall.fixed.se, 1.0 / sqrt (15.0), "se");
      assert_close (result->overall.fixed.estimate, 0.5, "FE estimate");
      assert_close (result->overall.fixed.lower, 1.0 / (1.0 + exp (half)), "FE lower");
      assert_close (result->overall.fixed.upper, 1.0 / (1.0 + exp (-half)), "FE upper");
      assert_close (result->overall.random.estimate, result->overall.fixed.estimate, "RE = FE");
      assert_close (result->overall.random.lower, result->overall.fixed.lower, "RE lower");
      assert_close (result->overall.random.upper, result->overall.fixed.upper, "RE upper");
      /* tau^2 = 0: the prediction interval is the confidence interval */
      assert_close (result->overall.random.pi_lower, result->overall.fixed.lower, "PI lower");
      assert_close (result->overall.random.pi_upper, result->overall.fixed.upper, "PI upper");
    }
}

/* A 0/10 study gets 0.5 in both cells: yi = log (0.5 / 10.5) = -log 21, vi = 1/0.5 + 1/10.5
 * (by hand); the pooled values are rma (measure = "PLO", xi = c(0, 5, 12), ni = c(10, 20, 15),
 * method = "DL") and predict (fit, transf = transf.ilogit). */
static void
test_zero_events_study (void)
{
  static const guint x[] = { 0, 5, 12 };
  static const guint n[] = { 10, 20, 15 };
  EpMetaData data = { .k = 3, .measure = EP_META_MEASURE_LOGIT, .events = x, .total = n };
  g_autoptr(EpMetaResult) result = ep_meta_pool (&data, NULL, NULL);

  g_assert_nonnull (result);
  g_assert_true (result->corrected[0]);
  g_assert_false (result->corrected[1]);
  assert_close (result->yi[0], -log (21.0), "yi corrected");
  assert_close (result->vi[0], 2.0 + 1.0 / 10.5, "vi corrected");
  /* the study's own proportion and CI are uncorrected: 0 [0, binom.test (0, 10) upper] */
  g_assert_cmpfloat (result->estimate[0], ==, 0.0);
  g_assert_cmpfloat (result->lower[0], ==, 0.0);
  assert_close (result->upper[0], 0.308497107818761, "CP upper 0/10");
  g_assert_cmpuint (result->warnings->len, ==, 0);

  assert_close (result->overall.tau2, 2.99881672479258, "tau2");
  assert_close (result->overall.i2, 84.3765789097199, "I2");
  assert_close (result->overall.h2, 6.40064678677924, "H2");
  assert_close (result->overall.q, 12.8012935735585, "Q");
  assert_close (result->overall.q_p, 0.00166048294736402, "Q p");
  assert_close (result->overall.random.estimate, 0.339809878138662, "estimate");
  assert_close (result->overall.random.lower, 0.0540705204518753, "lower");
  assert_close (result->overall.random.upper, 0.82253180430666, "upper");
  assert_close (result->overall.random.pi_lower, 0.00894531223307297, "pi_lower");
  assert_close (result->overall.random.pi_upper, 0.967053122562351, "pi_upper");
  assert_close (result->weight_random[0], 24.6826489925478, "weight");
}

/* Degenerate input */

static void
test_no_studies (void)
{
  g_autoptr(GError) error = NULL;
  EpMetaData data = { .k = 0, .measure = EP_META_MEASURE_LOGIT, .events = NULL, .total = NULL };
  EpMetaResult *result = ep_meta_pool (&data, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES);
}

/* One study: rma (measure = "PLO", xi = 7, ni = 20, method = "REML") (and "DL" with
 * test = "knha", which metafor turns into test = "z" with a warning): tau^2 = 0, Q = 0, p = 1,
 * I^2 = 0, H^2 = 1; predict: 0.35 [0.176843017167936, 0.574395110753365], PI = CI. */
static void
test_one_study (void)
{
  static const guint x[] = { 7 };
  static const guint n[] = { 20 };
  EpMetaData data = { .k = 1, .measure = EP_META_MEASURE_LOGIT, .events = x, .total = n };
  EpMetaMethod methods[] = { EP_META_METHOD_REML, EP_META_METHOD_DL };

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(EpMetaResult) result = NULL;
      EpMetaOptions options;

      ep_meta_options_init (&options);
      options.method = methods[m];
      options.knapp_hartung = methods[m] == EP_META_METHOD_DL;
      result = ep_meta_pool (&data, &options, NULL);
      g_assert_nonnull (result);

      g_assert_cmpfloat (result->overall.tau2, ==, 0.0);
      g_assert_cmpfloat (result->overall.q, ==, 0.0);
      g_assert_cmpuint (result->overall.q_df, ==, 0);
      g_assert_cmpfloat (result->overall.q_p, ==, 1.0);
      g_assert_cmpfloat (result->overall.i2, ==, 0.0);
      g_assert_cmpfloat (result->overall.h2, ==, 1.0);
      g_assert_cmpfloat (result->weight_random[0], ==, 100.0);
      assert_close (result->overall.random.estimate, 0.35, "estimate");
      assert_close (result->overall.random.lower, 0.176843017167936, "lower");
      assert_close (result->overall.random.upper, 0.574395110753365, "upper");
      assert_close (result->overall.random.pi_lower, 0.176843017167936, "pi_lower");
      assert_close (result->overall.random.pi_upper, 0.574395110753365, "pi_upper");
      g_assert_true (isnan (result->overall.random.df));
      /* the Knapp-Hartung request is reported as ignored */
      g_assert_cmpuint (result->warnings->len, ==, options.knapp_hartung ? 1 : 0);
    }
}

/* Every study 0 events: rma (measure = "PLO", xi = c(0, 0, 0), ni = c(10, 20, 30), method = "DL")
 * -> 0.0258672212233352 [0.00520897907735917, 0.118679656043894], tau^2 = 0,
 *    Q = 0.280762466752238; every study n: xi = ni, method = "REML" -> 0.974132778776665
 *    [0.881320343956106, 0.994791020922641]. Both warn that the result rests on the correction. */
static void
test_all_zero_or_all_n (void)
{
  static const guint zero[] = { 0, 0, 0 };
  static const guint n[] = { 10, 20, 30 };
  EpMetaData data = { .k = 3, .measure = EP_META_MEASURE_LOGIT, .events = zero, .total = n };
  g_autoptr(EpMetaResult) none = NULL;
  g_autoptr(EpMetaResult) all = NULL;
  EpMetaOptions options;

  none = ep_meta_pool (&data, NULL, NULL);
  g_assert_nonnull (none);
  g_assert_cmpuint (none->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (none->warnings, 0), "0.5"));
  g_assert_cmpfloat (none->overall.tau2, ==, 0.0);
  assert_close (none->overall.q, 0.280762466752238, "Q");
  assert_close (none->overall.random.estimate, 0.0258672212233352, "estimate");
  assert_close (none->overall.random.lower, 0.00520897907735917, "lower");
  assert_close (none->overall.random.upper, 0.118679656043894, "upper");

  data.events = n;
  ep_meta_options_init (&options);
  options.method = EP_META_METHOD_REML;
  all = ep_meta_pool (&data, &options, NULL);
  g_assert_nonnull (all);
  g_assert_cmpuint (all->warnings->len, ==, 1);
  g_assert_true (all->converged);
  g_assert_cmpfloat (all->overall.tau2, ==, 0.0);
  assert_close (all->overall.random.estimate, 0.974132778776665, "estimate");
  assert_close (all->overall.random.lower, 0.881320343956106, "lower");
  assert_close (all->overall.random.upper, 0.994791020922641, "upper");
}

/* The same warning for a subgroup whose studies all have 0 events, naming it. */
static void
test_subgroup_all_zero (void)
{
  static const guint x[] = { 0, 0, 3 };
  static const guint n[] = { 20, 15, 30 };
  static const guint subgroup[] = { 0, 0, 1 };
  const char *names[] = { "X", "Y" };
  EpMetaData data = { .k = 3, .measure = EP_META_MEASURE_LOGIT, .events = x, .total = n,
                      .subgroup = subgroup, .n_subgroups = 2, .subgroup_names = names };
  g_autoptr(EpMetaResult) result = ep_meta_pool (&data, NULL, NULL);

  g_assert_nonnull (result);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0), "“X”"));
  g_assert_true (result->corrected[0] && result->corrected[1] && !result->corrected[2]);
}

/* tau^2 truncated at 0: rma (measure = "PLO", xi = c(10, 11, 12), ni = c(50, 50, 50)) with DL
 * and with REML both give tau^2 = 0 (Q = 0.232668587566971 < df = 2) and
 * 0.220437098667642 [0.16114429367297, 0.293902868719779]. */
static void
test_tau2_zero (void)
{
  static const guint x[] = { 10, 11, 12 };
  static const guint n[] = { 50, 50, 50 };
  EpMetaData data = { .k = 3, .measure = EP_META_MEASURE_LOGIT, .events = x, .total = n };
  EpMetaMethod methods[] = { EP_META_METHOD_DL, EP_META_METHOD_REML };

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(EpMetaResult) result = NULL;
      EpMetaOptions options;

      ep_meta_options_init (&options);
      options.method = methods[m];
      result = ep_meta_pool (&data, &options, NULL);
      g_assert_nonnull (result);
      g_assert_true (result->converged);
      g_assert_cmpfloat (result->overall.tau2, ==, 0.0);
      g_assert_cmpfloat (result->overall.i2, ==, 0.0);
      assert_close (result->overall.q, 0.232668587566971, "Q");
      assert_close (result->overall.q_p, 0.890177592716775, "Q p");
      assert_close (result->overall.random.estimate, 0.220437098667642, "estimate");
      assert_close (result->overall.random.lower, 0.16114429367297, "lower");
      assert_close (result->overall.random.upper, 0.293902868719779, "upper");
      assert_close (result->weight_random[2], 35.4863813229572, "weight");
    }
}

/* The fixed-effect method: I^2 from Q. rma (measure = "PLO", xi = c(5, 12, 30, 8),
 * ni = c(20, 25, 50, 40), method = "FE"): I^2 = 81.501533495164, H^2 = 5.40585350541665,
 * 0.42461948369824 [0.338119955071153, 0.515996364361646]. */
static void
test_fixed_effect_method (void)
{
  static const guint x[] = { 5, 12, 30, 8 };
  static const guint n[] = { 20, 25, 50, 40 };
  EpMetaData data = { .k = 4, .measure = EP_META_MEASURE_LOGIT, .events = x, .total = n };
  g_autoptr(EpMetaResult) result = NULL;
  EpMetaOptions options;

  ep_meta_options_init (&options);
  options.method = EP_META_METHOD_FE;
  options.knapp_hartung = TRUE;   /* not meant for FE: ignored, as make_reference.R does */
  result = ep_meta_pool (&data, &options, NULL);
  g_assert_nonnull (result);
  g_assert_false (result->knapp_hartung);
  g_assert_cmpfloat (result->overall.tau2, ==, 0.0);
  assert_close (result->overall.i2, 81.501533495164, "I2");
  assert_close (result->overall.h2, 5.40585350541665, "H2");
  assert_close (result->overall.q, 16.21756051625, "Q");
  assert_close (result->overall.random.estimate, 0.42461948369824, "estimate");
  assert_close (result->overall.random.lower, 0.338119955071153, "lower");
  assert_close (result->overall.random.upper, 0.515996364361646, "upper");
  assert_close (result->overall.random.p_value, 0.105464784491894, "pval");
  g_assert_true (isnan (result->overall.random.pi_lower));
  assert_close (result->weight_random[2], 42.2684043677351, "weight");
}

/* Freeman-Tukey with a 0-event study and REML, back-transformed at the harmonic mean of n
 * (truncated at 0): rma (measure = "PFT", xi = c(0, 3, 9), ni = c(15, 20, 25), method = "REML");
 * predict (fit, transf = transf.ipft.hm, targs = list (ni = c(15, 20, 25))). */
static void
test_freeman_tukey_zero (void)
{
  static const guint x[] = { 0, 3, 9 };
  static const guint n[] = { 15, 20, 25 };
  EpMetaData data = { .k = 3, .measure = EP_META_MEASURE_FT, .events = x, .total = n };
  g_autoptr(EpMetaResult) result = NULL;
  EpMetaOptions options;

  ep_meta_options_init (&options);
  options.method = EP_META_METHOD_REML;
  result = ep_meta_pool (&data, &options, NULL);
  g_assert_nonnull (result);
  g_assert_false (result->corrected[0]);
  assert_close (result->yi[0], 0.126340127571039, "yi");
  assert_close (result->vi[0], 1.0 / 62.0, "vi (by hand: 1 / (4 n + 2))");
  assert_close (result->overall.tau2, 0.0549863860287315, "tau2");
  assert_close (result->overall.i2, 81.5480278240608, "I2");
  assert_close (result->overall.random.beta, 0.406463712932588, "beta");
  assert_close (result->overall.random.estimate, 0.139209575916029, "estimate");
  g_assert_cmpfloat (result->overall.random.lower, ==, 0.0);
  assert_close (result->overall.random.upper, 0.411383712782506, "upper");
  g_assert_cmpfloat (result->overall.random.pi_lower, ==, 0.0);
  assert_close (result->overall.random.pi_upper, 0.671997348544395, "pi_upper");
}

/* REML that does not converge is flagged: meta_cr needs 4 Fisher scoring steps (R:
 * rma (measure = "PLO", xi = cr, ni = n, method = "REML", verbose = TRUE) prints "converged
 * after 4 iterations"); allowed 1, the fit reports non-convergence. */
static void
test_reml_not_converged (void)
{
  EpMetaData data = {
    .k = G_N_ELEMENTS (cr_events), .measure = EP_META_MEASURE_LOGIT,
    .events = cr_events, .total = cr_total,
  };
  g_autoptr(EpMetaResult) ok = NULL;
  g_autoptr(EpMetaResult) stopped = NULL;
  EpMetaOptions options;

  ep_meta_options_init (&options);
  options.method = EP_META_METHOD_REML;
  ok = ep_meta_pool (&data, &options, NULL);
  g_assert_true (ok->converged);
  g_assert_cmpuint (ok->overall.iterations, ==, 4);

  options.max_iter = 1;
  stopped = ep_meta_pool (&data, &options, NULL);
  g_assert_nonnull (stopped);
  g_assert_false (stopped->converged);
  g_assert_false (stopped->overall.converged);
  g_assert_cmpuint (stopped->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (stopped->warnings, 0), "converge"));
}

static void
test_invalid_input (void)
{
  static const guint x[] = { 5, 12 };
  static const guint n[] = { 10, 10 };
  static const guint bad_subgroup[] = { 0, 2 };
  static const guint one_subgroup[] = { 0, 0 };
  static const double yi[] = { 0.1, 0.2 };
  static const double vi[] = { 0.1, 0.0 };
  const char *names[] = { "A", "B" };
  EpMetaData data = { .k = 2, .measure = EP_META_MEASURE_LOGIT, .events = x, .total = n };
  g_autoptr(GError) error = NULL;

  /* 12 events out of 10 */
  g_assert_null (ep_meta_pool (&data, NULL, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Study 2"));
  g_clear_error (&error);

  /* a variance of 0 */
  data = (EpMetaData) { .k = 2, .measure = EP_META_MEASURE_GENERIC, .yi = yi, .vi = vi };
  g_assert_null (ep_meta_pool (&data, NULL, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_INVALID);
  g_clear_error (&error);

  /* a subgroup index out of range, and an empty subgroup ("B") */
  data = (EpMetaData) { .k = 2, .measure = EP_META_MEASURE_LOGIT, .events = n, .total = n,
                        .subgroup = bad_subgroup, .n_subgroups = 2 };
  g_assert_null (ep_meta_pool (&data, NULL, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_INVALID);
  g_clear_error (&error);
  data.subgroup = one_subgroup;
  data.subgroup_names = names;
  g_assert_null (ep_meta_pool (&data, NULL, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES);
  g_assert_nonnull (strstr (error->message, "“B”"));
}

static void
test_ratio_to_log (void)
{
  g_autoptr(GError) error = NULL;
  double yi = 0.0, vi = 0.0;

  /* 0.62 (0.41 to 0.94): by hand, log 0.62 and ((log 0.94 - log 0.41) / 3.919927969080108)^2 */
  g_assert_true (ep_meta_ratio_to_log (0.62, 0.41, 0.94, 0.95, &yi, &vi, &error));
  g_assert_no_error (error);
  assert_close (yi, log (0.62), "yi");
  assert_close (vi, pow ((log (0.94) - log (0.41)) / 3.919927969080108, 2.0), "vi");

  /* a CI that does not contain its estimate */
  g_assert_false (ep_meta_ratio_to_log (1.5, 0.41, 0.94, 0.95, &yi, &vi, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_INVALID);
  g_clear_error (&error);
  /* non-positive values */
  g_assert_false (ep_meta_ratio_to_log (0.5, 0.0, 0.94, 0.95, &yi, &vi, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ep_meta_ratio_to_log (-0.5, -0.6, 0.94, 0.95, &yi, &vi, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_INVALID);
  g_clear_error (&error);
  /* an interval of zero width (its variance would be 0) */
  g_assert_false (ep_meta_ratio_to_log (0.5, 0.5, 0.5, 0.95, &yi, &vi, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_INVALID);
}

/* endpoint-cli meta */

/* Writes csv_text to a fresh studies.csv and runs endpoint-cli meta --csv it ARGS... */
static void
run_cli (const char   *csv_text,
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

  path = ep_test_write_temp_file ("studies.csv", csv_text);
  g_ptr_array_add (args, (char *) "meta");
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

#define PROPORTION_ARGS "--events", "cr", "--total", "n", "--label", "trial"

static void
assert_data_error (const char *csv_text,
                   const char *stderr_part)
{
  EpTestCliRun run = { 0 };

  run_cli (csv_text, &run, PROPORTION_ARGS, NULL);
  if (run.status == -1)
    return;
  g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, stderr_part));
  /* one line */
  g_assert_null (strchr (strchr (run.err, '\n') + 1, '\n'));
  ep_test_cli_run_clear (&run);
}

static void
test_cli_count_errors (void)
{
  /* events > total, naming file, line and column */
  assert_data_error ("trial,cr,n\nA,5,10\nB,12,10\n",
                     "studies.csv:3: column \"cr\": 12 events are more than the 10 patients");
  /* negative counts */
  assert_data_error ("trial,cr,n\nA,5,10\nB,-1,10\n", "studies.csv:3: column \"cr\": \"-1\" is negative");
  assert_data_error ("trial,cr,n\nA,5,-10\n", "studies.csv:2: column \"n\": \"-10\" is negative");
  /* non-integer counts */
  assert_data_error ("trial,cr,n\nA,2.5,10\n",
                     "studies.csv:2: column \"cr\": \"2.5\" is not a whole number");
  assert_data_error ("trial,cr,n\nA,2,10.5\n",
                     "studies.csv:2: column \"n\": \"10.5\" is not a whole number");
  /* no patient */
  assert_data_error ("trial,cr,n\nA,0,0\n", "studies.csv:2: column \"n\"");
  /* not a number (the CSV layer's message) */
  assert_data_error ("trial,cr,n\nA,5,10\nB,abc,10\n", "studies.csv:3: column \"cr\"");
  /* nothing left to pool */
  assert_data_error ("trial,cr,n\nA,NA,10\n", "studies.csv");
}

static void
test_cli_ratio_errors (void)
{
  struct
  {
    const char *csv;
    const char *message;
  } cases[] = {
    /* the CI does not contain its estimate */
    { "study,hr,lower,upper\nA,0.62,0.41,0.94\nB,0.5,0.6,0.9\n",
      "studies.csv:3: column \"hr\": the estimate 0.5 is outside its confidence interval" },
    /* a value that is not positive */
    { "study,hr,lower,upper\nA,0.62,0,0.94\n", "studies.csv:2: column \"lower\": \"0\" is not positive" },
    { "study,hr,lower,upper\nA,-0.62,0.41,0.94\n", "studies.csv:2: column \"hr\"" },
    /* limits in the wrong order */
    { "study,hr,lower,upper\nA,0.62,0.94,0.41\n", "studies.csv:2: columns \"lower\" and \"upper\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EpTestCliRun run = { 0 };

      run_cli (cases[i].csv, &run, "--ratio", "hr", "--lower", "lower", "--upper", "upper",
               "--label", "study", NULL);
      if (run.status == -1)
        return;
      g_test_message ("stderr: %s", run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, cases[i].message));
      ep_test_cli_run_clear (&run);
    }
}

static void
test_cli_usage_errors (void)
{
  const char *csv = "trial,cr,n,hr,lower,upper\nA,5,10,0.5,0.4,0.6\n";
  EpTestCliRun run = { 0 };

  /* --events without --total */
  run_cli (csv, &run, "--events", "cr", "--label", "trial", NULL);
  if (run.status == -1)
    return;
  g_assert_cmpint (run.status, ==, 2);
  ep_test_cli_run_clear (&run);
  /* both forms at once */
  run_cli (csv, &run, PROPORTION_ARGS, "--ratio", "hr", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ep_test_cli_run_clear (&run);
  /* an unknown method (Hunter-Schmidt is not offered) and measure */
  run_cli (csv, &run, PROPORTION_ARGS, "--method", "HS", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--method"));
  ep_test_cli_run_clear (&run);
  run_cli (csv, &run, PROPORTION_ARGS, "--measure", "arcsine", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ep_test_cli_run_clear (&run);
  /* --measure does not apply to ratios */
  run_cli (csv, &run, "--ratio", "hr", "--lower", "lower", "--upper", "upper", "--label",
           "trial", "--measure", "ft", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ep_test_cli_run_clear (&run);
  /* --label is required; an unknown column is a data error */
  run_cli (csv, &run, "--events", "cr", "--total", "n", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ep_test_cli_run_clear (&run);
  run_cli (csv, &run, "--events", "cr", "--total", "patients", "--label", "trial", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "patients"));
  ep_test_cli_run_clear (&run);
}

/* A run that works: a missing row is dropped and counted, a 0/n study is corrected, subgroups
 * (one with a single study) are pooled, and the JSON parses. The numbers themselves are checked
 * against R by the reference harness (tests/data/reference, meta_*.json). */
static void
test_cli_output (void)
{
  const char *csv =
    "trial,class,cr,n\n"
    "A,X,5,20\n"
    "B,X,12,15\n"
    "C,X,NA,30\n"
    "D,Y,10,10\n";
  g_autoptr(JsonParser) parser = json_parser_new ();
  EpTestCliRun run = { 0 };
  JsonObject *root;
  JsonArray *studies;
  JsonArray *subgroups;

  run_cli (csv, &run, PROPORTION_ARGS, "--subgroup", "class", "--method", "REML", NULL);
  if (run.status == -1)
    return;
  g_assert_cmpint (run.status, ==, 0);
  root = ep_test_parse_json_object (parser, run.out);

  g_assert_cmpstr (json_object_get_string_member (root, "analysis"), ==, "meta");
  g_assert_cmpstr (json_object_get_string_member (root, "method"), ==, "REML");
  g_assert_cmpstr (json_object_get_string_member (root, "measure"), ==, "logit");
  g_assert_cmpint (json_object_get_int_member (root, "n_dropped"), ==, 1);
  studies = json_object_get_array_member (root, "studies");
  g_assert_cmpuint (json_array_get_length (studies), ==, 3);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (studies, 2),
                                                 "corrected"));
  /* 10/10 with binom.test (10, 10)$conf.int: [0.691502892181239, 1] */
  assert_close (json_object_get_double_member (json_array_get_object_element (studies, 2),
                                               "lower"), 0.691502892181239, "CP lower");
  subgroups = json_object_get_array_member (root, "subgroups");
  g_assert_cmpuint (json_array_get_length (subgroups), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (subgroups, 1),
                                                  "label"), ==, "Y");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (subgroups, 1),
                                               "k"), ==, 1);
  g_assert_true (json_object_has_member (root, "subgroup_test"));
  ep_test_cli_run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  static const CrCase cr_cases[] = {
    { "meta_cr_dl.json", EP_META_MEASURE_LOGIT, EP_META_METHOD_DL, FALSE },
    { "meta_cr_reml.json", EP_META_MEASURE_LOGIT, EP_META_METHOD_REML, FALSE },
    { "meta_cr_reml_knha.json", EP_META_MEASURE_LOGIT, EP_META_METHOD_REML, TRUE },
    { "meta_cr_ft.json", EP_META_MEASURE_FT, EP_META_METHOD_DL, FALSE },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/binom/intervals", test_binom_intervals);
  g_test_add_func ("/binom/invalid", test_binom_invalid);
  g_test_add_func ("/binom/too-large", test_binom_too_large);
  for (guint i = 0; i < G_N_ELEMENTS (cr_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/meta/reference/%s", cr_cases[i].file);

      g_test_add_data_func (path, &cr_cases[i], test_reference_cr);
    }
  g_test_add_func ("/meta/reference/hr_studies_dl.json", test_reference_hr);
  g_test_add_func ("/meta/readme-example", test_readme_example);
  g_test_add_func ("/meta/ratio/knapp-hartung-reml", test_hr_knapp_hartung_and_reml);
  g_test_add_func ("/meta/ratio/to-log", test_ratio_to_log);
  g_test_add_func ("/meta/hand/zero-heterogeneity", test_zero_heterogeneity);
  g_test_add_func ("/meta/hand/zero-events-study", test_zero_events_study);
  g_test_add_func ("/meta/degenerate/no-studies", test_no_studies);
  g_test_add_func ("/meta/degenerate/one-study", test_one_study);
  g_test_add_func ("/meta/degenerate/all-zero-or-all-n", test_all_zero_or_all_n);
  g_test_add_func ("/meta/degenerate/subgroup-all-zero", test_subgroup_all_zero);
  g_test_add_func ("/meta/degenerate/tau2-zero", test_tau2_zero);
  g_test_add_func ("/meta/degenerate/reml-not-converged", test_reml_not_converged);
  g_test_add_func ("/meta/degenerate/invalid-input", test_invalid_input);
  g_test_add_func ("/meta/fixed-effect-method", test_fixed_effect_method);
  g_test_add_func ("/meta/freeman-tukey-zero", test_freeman_tukey_zero);
  g_test_add_func ("/meta/cli/count-errors", test_cli_count_errors);
  g_test_add_func ("/meta/cli/ratio-errors", test_cli_ratio_errors);
  g_test_add_func ("/meta/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/meta/cli/output", test_cli_output);

  return g_test_run ();
}
