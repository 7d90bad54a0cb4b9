/* ep-cox-robust.c: the robust (sandwich) variance of a Cox model, with clusters
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract and the method are in ep-cox-robust.h. Names follow coxscore2: score (r_i),
 * denom, e_denom (the deaths' part), a, a2, meanwt, downwt, hazard, resid.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/ep-cox-robust.h"
#include "core/ep-timefix.h"

static int
compare_doubles (const void *pa,
                 const void *pb)
{
  double a = *(const double *) pa;
  double b = *(const double *) pb;

  return (a > b) - (a < b);
}

gboolean
ep_cox_robust_variance (gsize               n,
                        const double       *start_in,
                        const double       *stop_in,
                        const int          *status,
                        const double       *x_in,
                        guint               p,
                        const guint        *strata,
                        guint               n_strata,
                        const double       *weights,
                        const guint        *cluster,
                        guint               n_clusters,
                        const EpCoxFit     *fit,
                        EpCoxTies           ties,
                        gboolean            timefix,
                        double             *robust_var)
{
  g_autofree double *stop = NULL;
  g_autofree double *start = NULL;
  g_autofree double *x = NULL;
  g_autofree double *score = NULL;
  g_autofree double *resid = NULL;
  g_autofree double *times = NULL;
  g_autofree double *a = NULL, *a2 = NULL, *mean = NULL;
  g_autofree double *dsum = NULL;
  gsize n_times = 0;

  g_return_val_if_fail (fit != NULL && fit->p == p && robust_var != NULL, FALSE);
  g_return_val_if_fail (n > 0 && stop_in != NULL && status != NULL && x_in != NULL, FALSE);

  for (gsize k = 0; k < (gsize) p * p; k++)
    robust_var[k] = NAN;
  if (fit->var == NULL)
    return FALSE;
  if (strata == NULL)
    n_strata = 1;
  if (cluster == NULL)
    n_clusters = 0;
  for (gsize i = 0; i < n; i++)
    if ((strata != NULL && strata[i] >= n_strata) ||
        (cluster != NULL && cluster[i] >= n_clusters))
      return FALSE;

  stop = g_new (double, n);
  start = start_in != NULL ? g_new (double, n) : NULL;
  ep_timefix (n, start_in, stop_in, timefix ? EP_TIMEFIX_TOLERANCE : 0.0, start, stop);

  /* centred x (a constant shift of eta cancels), r_i = exp (x_i beta) */
  x = g_memdup2 (x_in, n * p * sizeof (double));
  for (guint j = 0; j < p; j++)
    {
      double m = 0.0;

      for (gsize i = 0; i < n; i++)
        m += x[i * p + j];
      m /= n;
      for (gsize i = 0; i < n; i++)
        x[i * p + j] -= m;
    }
  score = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      double eta = 0.0;

      for (guint j = 0; j < p; j++)
        if (isfinite (fit->coef[j]))
          eta += x[i * p + j] * fit->coef[j];
      score[i] = exp (eta);
    }

  /* the distinct event times, all strata together */
  times = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    if (status[i] == 1)
      times[n_times++] = stop[i];
  qsort (times, n_times, sizeof (double), compare_doubles);
  {
    gsize m = 0;

    for (gsize k = 0; k < n_times; k++)
      if (m == 0 || times[k] != times[m - 1])
        times[m++] = times[k];
    n_times = m;
  }

  resid = g_new0 (double, n * p);
  a = g_new (double, p);
  a2 = g_new (double, p);
  mean = g_new (double, p);

  for (guint h = 0; h < n_strata; h++)
    for (gsize e = 0; e < n_times; e++)
      {
        double t = times[e];
        double denom = 0.0, e_denom = 0.0, meanwt = 0.0, deaths = 0.0;

        memset (a, 0, p * sizeof (double));
        memset (a2, 0, p * sizeof (double));
        for (gsize i = 0; i < n; i++)
          {
            double w = weights != NULL ? weights[i] : 1.0;
            double risk;

            if ((strata != NULL ? strata[i] : 0) != h || !(stop[i] >= t) ||
                (start != NULL && !(start[i] < t)))
              continue;
            risk = score[i] * w;
            denom += risk;
            for (guint j = 0; j < p; j++)
              a[j] += risk * x[i * p + j];
            if (status[i] == 1 && stop[i] == t)
              {
                deaths += 1.0;
                e_denom += risk;
                meanwt += w;
                for (guint j = 0; j < p; j++)
                  a2[j] += risk * x[i * p + j];
              }
          }
        if (deaths == 0.0)
          continue;

        if (deaths < 2.0 || ties == EP_COX_TIES_BRESLOW)
          {
            double hazard = meanwt / denom;

            for (guint j = 0; j < p; j++)
              mean[j] = a[j] / denom;
            for (gsize i = 0; i < n; i++)
              {
                gboolean dead;

                if ((strata != NULL ? strata[i] : 0) != h || !(stop[i] >= t) ||
                    (start != NULL && !(start[i] < t)))
                  continue;
                dead = status[i] == 1 && stop[i] == t;
                for (guint j = 0; j < p; j++)
                  {
                    double t2 = x[i * p + j] - mean[j];

                    if (dead)
                      resid[i * p + j] += t2;
                    resid[i * p + j] -= t2 * score[i] * hazard;
                  }
              }
          }
        else
          {
            meanwt /= deaths;
            for (guint dd = 0; dd < (guint) deaths; dd++)
              {
                double downwt = dd / deaths;
                double den = denom - downwt * e_denom;
                double hazard = meanwt / den;

                for (guint j = 0; j < p; j++)
                  mean[j] = (a[j] - downwt * a2[j]) / den;
                for (gsize i = 0; i < n; i++)
                  {
                    gboolean dead;

                    if ((strata != NULL ? strata[i] : 0) != h || !(stop[i] >= t) ||
                        (start != NULL && !(start[i] < t)))
                      continue;
                    dead = status[i] == 1 && stop[i] == t;
                    for (guint j = 0; j < p; j++)
                      {
                        double t2 = x[i * p + j] - mean[j];

                        if (dead)
                          {
                            resid[i * p + j] += t2 / deaths;
                            resid[i * p + j] -= t2 * score[i] * hazard * (1.0 - downwt);
                          }
                        else
                          resid[i * p + j] -= t2 * score[i] * hazard;
                      }
                  }
              }
          }
      }

  /* dfbeta = resid V, weighted and summed per cluster; then D' D */
  {
    gsize n_groups = cluster != NULL ? n_clusters : n;

    dsum = g_new0 (double, n_groups * p);
    for (gsize i = 0; i < n; i++)
      {
        gsize c = cluster != NULL ? cluster[i] : i;
        double w = weights != NULL ? weights[i] : 1.0;

        for (guint j = 0; j < p; j++)
          {
            double db = 0.0;

            for (guint l = 0; l < p; l++)
              db += resid[i * p + l] * fit->var[l * p + j];
            dsum[c * p + j] += w * db;
          }
      }
    for (guint j = 0; j < p; j++)
      for (guint l = 0; l < p; l++)
        {
          double v = 0.0;

          for (gsize c = 0; c < n_groups; c++)
            v += dsum[c * p + j] * dsum[c * p + l];
          robust_var[j * p + l] = v;
        }
  }

  return TRUE;
}
