/* test-groups.c: more than two groups (core/ep-groups.h)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers on lung (per-group hazard ratios, pairwise log-rank tests with Holm, BH and
 * Bonferroni, the test for trend) are checked against R in tests/data/reference
 * (expected/lung_groups*.json, made by make_groups.R) through endpoint-cli by test-reference.
 * Here: p.adjust against R on a vector with ties and a missing value, and the identities the
 * methods must keep.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "core/ep-groups.h"

/* R 4.2.2: p <- c(0.01, 0.04, NA, 0.03, 0.04, 0.5, 0.002)
 *          sprintf("%.17g", p.adjust(p, method)) */
static const double p_in[] = { 0.01, 0.04, NAN, 0.03, 0.04, 0.5, 0.002 };
static const double p_holm[] = { 0.050000000000000003, 0.12, NAN, 0.12, 0.12, 0.5, 0.012 };
static const double p_bh[] = { 0.029999999999999999, 0.048000000000000001, NAN,
                               0.048000000000000001, 0.048000000000000001, 0.5, 0.012 };
static const double p_bonferroni[] = { 0.059999999999999998, 0.23999999999999999, NAN,
                                       0.17999999999999999, 0.23999999999999999, 1, 0.012 };

static void
check_adjust (EpPAdjust     method,
              const double *expected)
{
  double out[G_N_ELEMENTS (p_in)];

  ep_p_adjust (p_in, G_N_ELEMENTS (p_in), method, out);
  for (guint i = 0; i < G_N_ELEMENTS (p_in); i++)
    {
      if (isnan (expected[i]))
        g_assert_true (isnan (out[i]));
      else
        g_assert_cmpfloat_with_epsilon (out[i], expected[i], 1e-15);
    }
}

static void
test_p_adjust (void)
{
  double in_place[G_N_ELEMENTS (p_in)];
  EpPAdjust method;

  check_adjust (EP_P_ADJUST_HOLM, p_holm);
  check_adjust (EP_P_ADJUST_BH, p_bh);
  check_adjust (EP_P_ADJUST_BONFERRONI, p_bonferroni);
  check_adjust (EP_P_ADJUST_NONE, p_in);

  /* in place */
  memcpy (in_place, p_in, sizeof p_in);
  ep_p_adjust (in_place, G_N_ELEMENTS (p_in), EP_P_ADJUST_HOLM, in_place);
  g_assert_cmpfloat_with_epsilon (in_place[6], 0.012, 1e-15);

  g_assert_true (ep_p_adjust_parse ("Holm", &method));
  g_assert_cmpint (method, ==, EP_P_ADJUST_HOLM);
  g_assert_true (ep_p_adjust_parse ("fdr", &method));
  g_assert_cmpint (method, ==, EP_P_ADJUST_BH);
  g_assert_true (ep_p_adjust_parse ("bonferroni", &method));
  g_assert_cmpint (method, ==, EP_P_ADJUST_BONFERRONI);
  g_assert_true (ep_p_adjust_parse ("none", &method));
  g_assert_cmpint (method, ==, EP_P_ADJUST_NONE);
  g_assert_false (ep_p_adjust_parse ("hochberg", &method));
  g_assert_false (ep_p_adjust_parse (NULL, &method));
  g_assert_cmpstr (ep_p_adjust_name (EP_P_ADJUST_BH), ==, "BH");
}

/* three groups of eight, ties across groups, some censored */
static const double time_[] = { 5, 8, 8, 12, 16, 23, 27, 30,
                                4, 6, 8, 9, 12, 15, 18, 22,
                                2, 3, 3, 6, 7, 9, 10, 14 };
static const int status_[] = { 1, 1, 0, 1, 0, 1, 1, 0,
                               1, 1, 1, 0, 1, 1, 0, 1,
                               1, 1, 1, 1, 0, 1, 1, 1 };
static const guint group_[] = { 0, 0, 0, 0, 0, 0, 0, 0,
                                1, 1, 1, 1, 1, 1, 1, 1,
                                2, 2, 2, 2, 2, 2, 2, 2 };
#define N G_N_ELEMENTS (time_)

static void
test_hr_reference (void)
{
  g_autoptr(EpGroupHr) first = NULL;
  g_autoptr(EpGroupHr) last = NULL;
  g_autoptr(EpGroupHr) bad = NULL;
  g_autoptr(GError) error = NULL;

  first = ep_group_hr (NULL, time_, status_, group_, 3, 0, NULL, 0, N, NULL, &error);
  g_assert_no_error (error);
  last = ep_group_hr (NULL, time_, status_, group_, 3, 2, NULL, 0, N, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (first->n[1], ==, 8);
  g_assert_cmpuint (first->events[2], ==, 7);
  g_assert_cmpfloat (first->hr[0], ==, 1.0);
  g_assert_true (isnan (first->se[0]) && isnan (first->p[0]));
  g_assert_cmpfloat (last->hr[2], ==, 1.0);

  /* the same model: HR(2 vs 0) inverts, HR(1 vs 2) = HR(1 vs 0) / HR(2 vs 0), same tests */
  g_assert_cmpfloat_with_epsilon (last->hr[0] * first->hr[2], 1.0, 1e-8);
  g_assert_cmpfloat_with_epsilon (last->hr[1], first->hr[1] / first->hr[2], 1e-8);
  g_assert_cmpfloat_with_epsilon (last->se[0], first->se[2], 1e-8);
  g_assert_cmpfloat_with_epsilon (last->p[0], first->p[2], 1e-8);
  g_assert_cmpfloat_with_epsilon (last->lr_chisq, first->lr_chisq, 1e-8);
  g_assert_cmpfloat_with_epsilon (last->score_chisq, first->score_chisq, 1e-8);
  g_assert_cmpuint (first->df, ==, 2);

  bad = ep_group_hr (NULL, time_, status_, group_, 3, 3, NULL, 0, N, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, EP_GROUPS_ERROR, EP_GROUPS_ERROR_INPUT);
  g_clear_error (&error);
  bad = ep_group_hr (NULL, time_, status_, group_, 2, 0, NULL, 0, N, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, EP_GROUPS_ERROR, EP_GROUPS_ERROR_INPUT);
}

static void
test_pairwise (void)
{
  g_autoptr(EpLogrankPairwise) pw = NULL;
  g_autoptr(EpLogrankPairwise) empty = NULL;
  g_autoptr(EpLogrankResult) two = NULL;
  g_autoptr(GError) error = NULL;

  pw = ep_logrank_pairwise (NULL, time_, status_, group_, 3, NULL, 0, N, 0.0, TRUE,
                            EP_P_ADJUST_BONFERRONI, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw->n_pairs, ==, 3);
  /* R's order: 1 vs 0, 2 vs 0, 2 vs 1 */
  g_assert_cmpuint (pw->pairs[0].group, ==, 1);
  g_assert_cmpuint (pw->pairs[0].versus, ==, 0);
  g_assert_cmpuint (pw->pairs[1].group, ==, 2);
  g_assert_cmpuint (pw->pairs[2].versus, ==, 1);

  /* the first pair is the two-group test on the first sixteen rows */
  two = ep_logrank_test (time_, status_, group_, 2, NULL, 0, 16, 0.0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pw->pairs[0].chisq, two->chisq, 1e-12);
  g_assert_cmpfloat_with_epsilon (pw->pairs[0].p, two->p, 1e-12);
  for (guint k = 0; k < 3; k++)
    g_assert_cmpfloat_with_epsilon (pw->pairs[k].p_adjusted, MIN (1.0, 3 * pw->pairs[k].p),
                                    1e-15);

  /* a fourth group without rows: its pairs have no p and do not count in the adjustment */
  empty = ep_logrank_pairwise (NULL, time_, status_, group_, 4, NULL, 0, N, 0.0, TRUE,
                               EP_P_ADJUST_BONFERRONI, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->n_pairs, ==, 6);
  for (guint k = 0; k < 6; k++)
    if (empty->pairs[k].group == 3)
      g_assert_true (isnan (empty->pairs[k].p) && isnan (empty->pairs[k].p_adjusted));
    else
      g_assert_cmpfloat_with_epsilon (empty->pairs[k].p_adjusted,
                                      MIN (1.0, 3 * empty->pairs[k].p), 1e-15);
}

static void
test_trend (void)
{
  g_autoptr(EpLogrankResult) test = NULL;
  g_autoptr(EpLogrankResult) two = NULL;
  g_autoptr(EpLogrankTrend) plain = NULL;
  g_autoptr(EpLogrankTrend) scaled = NULL;
  g_autoptr(EpLogrankTrend) binary = NULL;
  g_autoptr(EpLogrankTrend) flat = NULL;
  g_autoptr(GError) error = NULL;
  const double affine[] = { 10, 7, 4 };     /* 13 - 3 w: the same test */
  const double constant[] = { 2, 2, 2 };

  test = ep_logrank_test (time_, status_, group_, 3, NULL, 0, N, 0.0, &error);
  g_assert_no_error (error);
  plain = ep_logrank_trend (test, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (plain->scores[2], ==, 3.0);
  g_assert_cmpuint (plain->df, ==, 1);
  scaled = ep_logrank_trend (test, affine, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (scaled->chisq, plain->chisq, 1e-10 * plain->chisq);
  g_assert_cmpfloat_with_epsilon (scaled->p, plain->p, 1e-12);
  g_assert_true (plain->chisq <= test->chisq + 1e-12);

  /* two groups: the trend test is the log-rank test */
  two = ep_logrank_test (time_, status_, group_, 2, NULL, 0, 16, 0.0, &error);
  g_assert_no_error (error);
  binary = ep_logrank_trend (two, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (binary->chisq, two->chisq, 1e-10 * two->chisq);

  flat = ep_logrank_trend (test, constant, &error);
  g_assert_null (flat);
  g_assert_error (error, EP_GROUPS_ERROR, EP_GROUPS_ERROR_NO_VARIANCE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/groups/p-adjust", test_p_adjust);
  g_test_add_func ("/groups/hr-reference", test_hr_reference);
  g_test_add_func ("/groups/pairwise", test_pairwise);
  g_test_add_func ("/groups/trend", test_trend);

  return g_test_run ();
}
