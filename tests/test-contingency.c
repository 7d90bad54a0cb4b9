/* test-contingency.c: Fisher's exact test (2 x k), Pearson's chi-square and response rates
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected value was printed by R 4.2 with options(digits = 17); the call is given beside
 * each case. A 2 x k table is written as R's matrix (c(row1_col1, row2_col1, row1_col2, ...),
 * nrow = 2), so column j is (successes_j, failures_j).
 */
#include "config.h"

#include <glib.h>
#include <math.h>

#include "core/ep-contingency.h"
#include "core/ep-response.h"

#define REL_TOL 1e-9

static void
assert_rel (double actual,
            double expected,
            double tol)
{
  if (expected == 0)
    g_assert_cmpfloat (fabs (actual), <=, tol);
  else
    g_assert_cmpfloat (fabs (actual - expected) / fabs (expected), <=, tol);
}

typedef struct
{
  const char *name;
  guint       k;
  guint       cols[5][2];     /* (successes, failures) per column, as R's matrix columns */
  double      fisher_p;       /* fisher.test (x)$p.value */
  double      chisq;          /* chisq.test (x, correct = FALSE)$statistic */
  guint       df;
  double      chisq_p;
} TableCase;

static const TableCase table_cases[] = {
  /* seed 004 response by burden: matrix(c(9,4, 16,1), nrow=2) */
  { "burden", 2, { { 9, 4 }, { 16, 1 } },
    0.13774858602444812, 3.2850678733031682, 1, 0.069912737677351927 },
  /* Fisher's tea tasting: matrix(c(3,1, 1,3), nrow=2) */
  { "tea", 2, { { 3, 1 }, { 1, 3 } },
    0.48571428571428582, 2, 1, 0.15729920705028447 },
  /* matrix(c(5,5, 3,7, 8,2), nrow=2) */
  { "2x3", 3, { { 5, 5 }, { 3, 7 }, { 8, 2 } },
    0.10612000501297325, 5.0892857142857144, 2, 0.078501083075968606 },
  /* matrix(c(10,20, 15,15, 25,5, 2,9), nrow=2) */
  { "2x4", 4, { { 10, 20 }, { 15, 15 }, { 25, 5 }, { 2, 9 } },
    5.5641629139200038e-05, 21.050675514961231, 3, 0.00010275562705876337 },
  /* matrix(c(12,3, 7,8, 1,9, 14,2, 6,6), nrow=2) */
  { "2x5", 5, { { 12, 3 }, { 7, 8 }, { 1, 9 }, { 14, 2 }, { 6, 6 } },
    0.00044722109348446516, 19.351666666666667, 4, 0.00067025607758324694 },
  /* matrix(c(40,60, 55,45, 70,30), nrow=2): 300 patients, many tables */
  { "2x3-large", 3, { { 40, 60 }, { 55, 45 }, { 70, 30 } },
    0.00011049082046224267, 18.18181818181818, 2, 0.00011268558050780087 },
  /* matrix(c(150,150, 170,130, 160,140, 140,160), nrow=2): 1200 patients; fisher.test needs
   * workspace = 2e8 for it. Agreement to 1e-9 relative, not to the last digit: R's network
   * algorithm and ours sum the same terms in a different order. */
  { "2x4-1200", 4, { { 150, 150 }, { 170, 130 }, { 160, 140 }, { 140, 160 } },
    0.083386720117473695, 6.6740823136818692, 3, 0.083044235311484818 },
};

static void
fill_table (const TableCase *tc,
            guint           *table)
{
  for (guint j = 0; j < tc->k; j++)
    {
      table[j] = tc->cols[j][0];
      table[tc->k + j] = tc->cols[j][1];
    }
}

static void
test_fisher_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_cases); i++)
    {
      const TableCase *tc = &table_cases[i];
      guint table[10];

      g_test_message ("case %s", tc->name);
      fill_table (tc, table);
      assert_rel (ep_fisher_test_2xk (table, tc->k), tc->fisher_p, REL_TOL);
    }
}

static void
test_chisq_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_cases); i++)
    {
      const TableCase *tc = &table_cases[i];
      guint table[10];
      double x2, p;
      guint df;
      gboolean small;

      g_test_message ("case %s", tc->name);
      fill_table (tc, table);
      g_assert_true (ep_chisq_test (table, 2, tc->k, &x2, &df, &p, &small));
      assert_rel (x2, tc->chisq, REL_TOL);
      g_assert_cmpuint (df, ==, tc->df);
      assert_rel (p, tc->chisq_p, REL_TOL);
    }
}

static void
test_degenerate (void)
{
  /* matrix(c(0,5, 0,7), nrow=2): no success anywhere. fisher.test gives 1, chisq.test NaN. */
  guint none[] = { 0, 0, 5, 7 };
  /* A single column is not a test. */
  guint one[] = { 3, 4 };
  double x2 = 0, p = 0;
  guint df = 0;
  gboolean small = FALSE;

  g_assert_cmpfloat (ep_fisher_test_2xk (none, 2), ==, 1.0);
  g_assert_true (ep_chisq_test (none, 2, 2, &x2, &df, &p, &small));
  g_assert_true (isnan (x2));
  g_assert_true (isnan (p));
  g_assert_cmpuint (df, ==, 1);
  g_assert_true (small);

  g_assert_true (isnan (ep_fisher_test_2xk (one, 1)));
  g_assert_false (ep_chisq_test (one, 2, 1, &x2, &df, &p, NULL));
}

/* The p-value is a probability over all tables with these margins: summing P(table) over
 * every table must give 1. Checked by making every table qualify (the least probable one
 * observed, hand-picked) against a direct enumeration for a small 2 x 3 table. */
static void
test_fisher_sums_to_one (void)
{
  /* The most extreme table of margins n = (4, 4, 4), S = 4 is (4, 0, 0): its probability
   * 1 / choose (12, 4) = 1/495 is the smallest, but (0, 4, 0) and (0, 0, 4) tie with it, so
   * p = 3/495 by hand. */
  guint extreme[] = { 4, 0, 0, 0, 4, 4 };

  assert_rel (ep_fisher_test_2xk (extreme, 3), 3.0 / 495.0, 1e-12);
}

static void
test_response_seed004 (void)
{
  /* Seed 004 (Yin 2024, Table 2): 30 patients; by disease burden (blasts > 50%), 9 of 13
   * high-burden and 16 of 17 low-burden patients responded (CR or CRi). */
  gboolean success[30];
  guint group[30];
  g_autoptr(EpResponse) r = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 30; i++)
    {
      group[i] = i < 13 ? 0 : 1;
      success[i] = (i < 13) ? i < 9 : (i - 13) < 16;
    }

  r = ep_response_fit (success, group, 30, 2, 0.95, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_groups, ==, 2);
  g_assert_cmpuint (r->groups[0].n, ==, 13);
  g_assert_cmpuint (r->groups[0].successes, ==, 9);
  g_assert_cmpuint (r->groups[1].n, ==, 17);
  g_assert_cmpuint (r->groups[1].successes, ==, 16);
  /* 9/13 = 69.2% as published */
  assert_rel (r->groups[0].pct, 100.0 * 9 / 13, 1e-12);
  /* binom.test (9, 13)$conf.int */
  assert_rel (r->groups[0].lower, 0.38573833824929471, 1e-9);
  assert_rel (r->groups[0].upper, 0.90907960542790334, 1e-9);
  /* binom.test (16, 17)$conf.int */
  assert_rel (r->groups[1].lower, 0.71311060333277931, 1e-9);
  assert_rel (r->groups[1].upper, 0.99851182560873342, 1e-9);
  /* fisher.test (matrix (c(9,4, 16,1), nrow = 2))$p.value and chisq.test (.., correct = FALSE) */
  assert_rel (r->fisher_p, 0.13774858602444812, 1e-9);
  assert_rel (r->chisq, 3.2850678733031682, 1e-9);
  g_assert_cmpuint (r->chisq_df, ==, 1);
  assert_rel (r->chisq_p, 0.069912737677351927, 1e-9);
  g_assert_true (r->chisq_small_expected);
}

static void
test_response_one_group (void)
{
  /* 25 of 30 responders overall (seed 004); binom.test (25, 30)$conf.int */
  gboolean success[30];
  g_autoptr(EpResponse) r = NULL;

  for (guint i = 0; i < 30; i++)
    success[i] = i < 25;
  r = ep_response_fit (success, NULL, 30, 1, 0.95, NULL);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->groups[0].successes, ==, 25);
  assert_rel (r->groups[0].pct, 100.0 * 25 / 30, 1e-12);
  assert_rel (r->groups[0].lower, 0.65278830116585618, 1e-9);
  assert_rel (r->groups[0].upper, 0.94357830353192851, 1e-9);
  g_assert_true (isnan (r->fisher_p));
  g_assert_true (isnan (r->chisq));
}

static void
test_response_edges (void)
{
  /* All responders in one group, none in the other: binom.test (5, 5) and (0, 5);
   * fisher.test (matrix (c(5,0, 0,5), nrow = 2))$p.value = 2/252 = 0.0079365079365079 (hand:
   * the two extreme tables, each 1/choose(10,5)). An empty group (code 2) is left out of the
   * tests and reported with NaN. */
  gboolean success[] = { TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE };
  guint group[] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1 };
  guint bad[] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 3 };
  g_autoptr(EpResponse) r = NULL;
  g_autoptr(EpResponse) r_bad = NULL;
  g_autoptr(GError) error = NULL;

  r = ep_response_fit (success, group, 10, 3, 0.95, NULL);
  g_assert_nonnull (r);
  assert_rel (r->groups[0].lower, 0.47817624989501861, 1e-9);
  g_assert_cmpfloat (r->groups[0].upper, ==, 1.0);
  g_assert_cmpfloat (r->groups[1].lower, ==, 0.0);
  assert_rel (r->groups[1].upper, 0.52182375010498139, 1e-9);
  g_assert_cmpuint (r->groups[2].n, ==, 0);
  g_assert_true (isnan (r->groups[2].pct));
  assert_rel (r->fisher_p, 2.0 / 252.0, 1e-12);

  r_bad = ep_response_fit (success, bad, 10, 3, 0.95, &error);
  g_assert_null (r_bad);
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contingency/fisher", test_fisher_cases);
  g_test_add_func ("/contingency/fisher-ties", test_fisher_sums_to_one);
  g_test_add_func ("/contingency/chisq", test_chisq_cases);
  g_test_add_func ("/contingency/degenerate", test_degenerate);
  g_test_add_func ("/response/seed004-burden", test_response_seed004);
  g_test_add_func ("/response/one-group", test_response_one_group);
  g_test_add_func ("/response/edges", test_response_edges);

  return g_test_run ();
}
