/* ep-contingency.c: Fisher's exact test for 2 x k tables and Pearson's chi-square test
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>

#include "core/ep-contingency.h"

/* fisher.test's relErr: tables within this relative distance of the observed probability
 * count as equally probable. */
#define EP_FISHER_REL_ERR 1e-7

typedef struct
{
  guint         k;
  const guint  *n_col;      /* n_j, column totals */
  const guint  *n_rest;     /* n_rest[j] = sum_{l >= j} n_l */
  guint         S;          /* first-row total */
  double      **max_lw;     /* max_lw[j][s]: largest sum_{l >= j} lchoose (n_l, x_l), sum x_l = s */
  double      **min_lw;     /* the smallest */
  double        bound;      /* log P(observed) (1 + relErr), up to the constant choose (N, S) */
  double        log_total;  /* lchoose (N, S) */
  double        p;          /* the accumulated p-value */
} FisherNetwork;

/* Adds the probabilities of all completions of a partial table (columns < j fixed, with
 * log weight lw and s successes left for columns >= j) that are no more probable than the
 * observed table. */
static void
fisher_walk (FisherNetwork *net,
             guint          j,
             guint          s,
             double         lw)
{
  guint x_lo, x_hi;

  if (lw + net->max_lw[j][s] <= net->bound)
    {
      /* Every completion qualifies: Vandermonde's identity sums them at once. */
      net->p += exp (lw + gsl_sf_lnchoose (net->n_rest[j], s) - net->log_total);
      return;
    }
  if (lw + net->min_lw[j][s] > net->bound || j == net->k)
    return;

  x_lo = (s > net->n_rest[j + 1]) ? s - net->n_rest[j + 1] : 0;
  x_hi = MIN (net->n_col[j], s);
  for (guint x = x_lo; x <= x_hi; x++)
    fisher_walk (net, j + 1, s - x, lw + gsl_sf_lnchoose (net->n_col[j], x));
}

double
ep_fisher_test_2xk (const guint *table,
                    guint        k)
{
  g_autofree guint *n_col = NULL;
  g_autofree guint *n_rest = NULL;
  g_autofree double *lw_store = NULL;
  g_autofree double **max_lw = NULL;
  g_autofree double **min_lw = NULL;
  FisherNetwork net = { 0 };
  guint S = 0, N = 0, n_nonempty = 0;
  double lw_obs = 0;

  g_return_val_if_fail (table != NULL, NAN);

  if (k < 2)
    return NAN;

  n_col = g_new0 (guint, k);
  n_rest = g_new0 (guint, k + 1);
  for (guint j = 0; j < k; j++)
    {
      n_col[j] = table[j] + table[k + j];
      S += table[j];
      N += n_col[j];
      n_nonempty += n_col[j] > 0;
      lw_obs += gsl_sf_lnchoose (n_col[j], table[j]);
    }
  for (guint j = k; j-- > 0;)
    n_rest[j] = n_rest[j + 1] + n_col[j];

  /* Only one table has these margins. */
  if (S == 0 || S == N || n_nonempty < 2)
    return 1.0;

  /* Bounds over (column, remaining successes), from the last column backwards. */
  lw_store = g_new (double, (gsize) 2 * (k + 1) * (S + 1));
  max_lw = g_new (double *, k + 1);
  min_lw = g_new (double *, k + 1);
  for (guint j = 0; j <= k; j++)
    {
      max_lw[j] = lw_store + (gsize) 2 * j * (S + 1);
      min_lw[j] = max_lw[j] + (S + 1);
      for (guint s = 0; s <= S; s++)
        {
          max_lw[j][s] = -INFINITY;
          min_lw[j][s] = INFINITY;
        }
    }
  max_lw[k][0] = 0;
  min_lw[k][0] = 0;
  for (guint j = k; j-- > 0;)
    for (guint s = 0; s <= MIN (S, n_rest[j]); s++)
      {
        guint x_lo = (s > n_rest[j + 1]) ? s - n_rest[j + 1] : 0;
        guint x_hi = MIN (n_col[j], s);

        for (guint x = x_lo; x <= x_hi; x++)
          {
            double w = gsl_sf_lnchoose (n_col[j], x);

            max_lw[j][s] = MAX (max_lw[j][s], w + max_lw[j + 1][s - x]);
            min_lw[j][s] = MIN (min_lw[j][s], w + min_lw[j + 1][s - x]);
          }
      }

  net.k = k;
  net.n_col = n_col;
  net.n_rest = n_rest;
  net.S = S;
  net.max_lw = max_lw;
  net.min_lw = min_lw;
  net.bound = lw_obs + log1p (EP_FISHER_REL_ERR);
  net.log_total = gsl_sf_lnchoose (N, S);
  net.p = 0;

  fisher_walk (&net, 0, S, 0.0);

  return MIN (net.p, 1.0);
}

gboolean
ep_chisq_test (const guint *table,
               guint        r,
               guint        c,
               double      *statistic,
               guint       *df,
               double      *p_value,
               gboolean    *small_expected)
{
  g_autofree double *row = NULL;
  g_autofree double *col = NULL;
  double N = 0, X2 = 0;
  gboolean small = FALSE;

  g_return_val_if_fail (table != NULL, FALSE);

  if (r < 2 || c < 2)
    return FALSE;

  row = g_new0 (double, r);
  col = g_new0 (double, c);
  for (guint i = 0; i < r; i++)
    for (guint j = 0; j < c; j++)
      {
        row[i] += table[i * c + j];
        col[j] += table[i * c + j];
        N += table[i * c + j];
      }

  for (guint i = 0; i < r; i++)
    for (guint j = 0; j < c; j++)
      {
        double E = row[i] * col[j] / N;
        double d = table[i * c + j] - E;

        /* E = 0 gives 0/0 = NaN, as chisq.test does for an empty row or column. */
        X2 += d * d / E;
        small = small || E < 5;
      }

  *statistic = X2;
  *df = (r - 1) * (c - 1);
  *p_value = isnan (X2) ? NAN : gsl_cdf_chisq_Q (X2, *df);
  if (small_expected != NULL)
    *small_expected = small;

  return TRUE;
}
