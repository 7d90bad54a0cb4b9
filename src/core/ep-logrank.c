/* ep-logrank.c: the log-rank test and the Harrington-Fleming G-rho family
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract, the method and its sources are in ep-logrank.h. Names follow survdiff2.c:
 * risk (n_k(t)), deaths (d(t)), km (the pooled, left-continuous Kaplan-Meier of the stratum),
 * wt (S(t-)^rho), obs, exp, var.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <math.h>

#include "core/ep-cholesky.h"
#include "core/ep-logrank.h"
#include "core/ep-memory.h"
#include "core/ep-observations.h"
#include "core/ep-sort.h"
#include "core/ep-timefix.h"

/* survival's cholesky2 default tolerance for a pivot, relative to the largest diagonal */
#define CHOLESKY_TOL 1e-9

G_DEFINE_QUARK (ep-logrank-error-quark, ep_logrank_error)

/* b' V^- b for a symmetric non-negative definite m x m matrix V (row-major; overwritten) via
 * survival's cholesky2 (ep_cholesky_ldl()): V = L D L', a pivot below tol x max diag (or not
 * finite) is set to 0 and its column of L to 0 as well; then b' V^- b = sum over kept pivots of
 * z_i^2 / D_i with L z = b. *rank receives the number of kept pivots. */
static double
quadratic_form_ginv (double       *v,
                     const double *b,
                     guint         m,
                     guint        *rank)
{
  g_autofree double *z = g_new (double, MAX (m, 1));
  double q = 0.0;

  /* ep_cholesky_ldl() reads the upper triangle; V's lower one is what this test has always
   * used (the two can differ in the last bit: each is summed in its own order). */
  for (guint i = 0; i < m; i++)
    for (guint j = i + 1; j < m; j++)
      v[i * m + j] = v[j * m + i];
  *rank = ep_cholesky_ldl (v, m, CHOLESKY_TOL);
  for (guint i = 0; i < m; i++)
    if (v[i * m + i] == 0.0)
      for (guint j = i + 1; j < m; j++)
        v[j * m + i] = 0.0;

  /* chsolve2's forward step, L z = b, then the D^- weighted sum of squares. */
  for (guint i = 0; i < m; i++)
    {
      double zi = b[i];

      for (guint j = 0; j < i; j++)
        zi -= v[i * m + j] * z[j];
      z[i] = zi;
      if (v[i * m + i] > 0.0)
        q += zi * zi / v[i * m + i];
    }

  return q;
}

EpLogrankResult *
ep_logrank_test (const double  *time,
                 const int     *status,
                 const guint   *group,
                 guint          n_groups,
                 const guint   *stratum,
                 guint          n_strata,
                 gsize          n,
                 double         rho,
                 GError       **error)
{
  return ep_logrank_test_full (NULL, time, status, group, n_groups, stratum, n_strata, n, rho,
                               TRUE, error);
}

/* (stratum, start) order for the entry pointer of delayed entry */
static int
compare_entry (gconstpointer a,
               gconstpointer b)
{
  const EpSortRecord *x = a;
  const EpSortRecord *y = b;

  if (x->code != y->code)
    return x->code < y->code ? -1 : 1;
  return (x->time > y->time) - (x->time < y->time);
}

EpLogrankResult *
ep_logrank_test_full (const double  *start,
                      const double  *time_in,
                      const int     *status,
                      const guint   *group,
                      guint          n_groups,
                      const guint   *stratum,
                      guint          n_strata,
                      gsize          n,
                      double         rho,
                      gboolean       timefix,
                      GError       **error)
{
  g_autoptr(EpLogrankResult) result = NULL;
  ep_autobig double *time = NULL;
  ep_autobig double *start_fixed = NULL;
  ep_autobig EpSortRecord *entry = NULL;
  g_autofree double *pending = NULL;    /* per group: in the stratum, not yet entered */
  gsize entered = 0;
  ep_autobig EpSortRecord *rec = NULL;
  g_autofree double *risk = NULL;       /* n_k(t): at risk per group */
  g_autofree double *block_d = NULL;    /* d_k(t): events per group at t */
  g_autofree guint *block_r = NULL;     /* records per group leaving after t */
  g_autofree guint *keep = NULL;
  g_autofree double *vv = NULL;
  g_autofree double *diff = NULL;
  guint n_present = 0;
  guint n_keep = 0;
  GQuark domain;
  gsize s;

  g_return_val_if_fail (n == 0 || (time_in != NULL && status != NULL && group != NULL), NULL);
  g_return_val_if_fail (n_groups >= 1 && n_groups <= G_MAXUINT32 >> 1, NULL);
  g_return_val_if_fail (isfinite (rho), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (stratum == NULL)
    n_strata = 1;
  g_return_val_if_fail (n_strata >= 1, NULL);

  if (n >= G_MAXUINT)
    {
      g_set_error (error, EP_LOGRANK_ERROR, EP_LOGRANK_ERROR_INVALID_INPUT,
                   _("Too many observations (%lu)"), (unsigned long) n);
      return NULL;
    }

  result = g_new0 (EpLogrankResult, 1);
  result->rho = rho;
  result->n_groups = n_groups;
  result->n_strata = n_strata;
  result->n = g_new0 (guint, n_groups);
  result->observed = g_new0 (double, n_groups);
  result->expected = g_new0 (double, n_groups);
  result->var = g_new0 (double, (gsize) n_groups * n_groups);

  domain = EP_LOGRANK_ERROR;   /* once, not a call a row */
  for (gsize i = 0; i < n; i++)
    {
      if (!ep_observation_check (i, time_in, start, status, group, n_groups, stratum, n_strata,
                                 domain, EP_LOGRANK_ERROR_INVALID_INPUT, error))
        return NULL;
      result->n[group[i]]++;
    }

  for (guint k = 0; k < n_groups; k++)
    if (result->n[k] > 0)
      n_present++;
  if (n_present < 2)
    {
      g_set_error (error, EP_LOGRANK_ERROR, EP_LOGRANK_ERROR_ONE_GROUP,
                   _("A test comparing groups needs at least two groups with observations, "
                     "but the data have %u"), n_present);
      return NULL;
    }

  /* R's tie rule: on copies of the times with entry times, else while sorting (below) */
  result->timefix = timefix;
  result->delayed_entry = start != NULL;
  if (start != NULL)
    {
      time = ep_big_new (double, n);
      start_fixed = ep_big_new (double, n);
      result->n_timefix = ep_timefix (n, start, time_in, timefix ? EP_TIMEFIX_TOLERANCE : 0.0,
                                      start_fixed, time);
      entry = ep_big_new (EpSortRecord, n);
      for (gsize i = 0; i < n; i++)
        {
          entry[i].time = start_fixed[i];
          entry[i].code = stratum != NULL ? stratum[i] : 0;
          entry[i].aux = group[i];
        }
      qsort (entry, n, sizeof (EpSortRecord), compare_entry);
      pending = g_new0 (double, n_groups);
    }

  /* Sort the observations themselves by (stratum, time), group and status riding along in
   * aux, so that the pass reads in order. Without entry times the tie rule runs on the
   * records sorted by time alone (as in ep_km_fit_full(); the order within a run of equal new
   * times may differ from a sort of ep_timefix()'s times, which the pass's sums of whole
   * numbers do not see). */
  rec = ep_big_new (EpSortRecord, n);
  for (gsize i = 0; i < n; i++)
    {
      rec[i].time = time != NULL ? time[i] : time_in[i];
      rec[i].code = stratum != NULL ? stratum[i] : 0;
      rec[i].aux = group[i] << 1 | (guint32) status[i];
    }
  if (start == NULL && timefix)
    {
      EpTimefixHook fix = { EP_TIMEFIX_TOLERANCE, 0 };

      if (!ep_sort_records_hook (rec, n, n_strata, ep_timefix_sort_hook, &fix))
        g_return_val_if_reached (NULL);   /* codes were checked above */
      result->n_timefix = fix.n_changed;
    }
  else if (!ep_sort_records (rec, n, n_strata))
    g_return_val_if_reached (NULL);   /* codes were checked above */

  risk = g_new (double, n_groups);
  block_d = g_new0 (double, n_groups);
  block_r = g_new0 (guint, n_groups);

  /* One forward pass per stratum [s, e). */
  for (s = 0; s < n; )
    {
      guint h = rec[s].code;
      double km = 1.0;
      gsize e = s;
      gsize i;

      for (guint k = 0; k < n_groups; k++)
        risk[k] = 0.0;
      while (e < n && rec[e].code == h)
        {
          risk[rec[e].aux >> 1] += 1.0;
          e++;
        }
      if (pending != NULL)
        {
          /* everybody of the stratum is pending entry until the pointer passes their start */
          for (guint k = 0; k < n_groups; k++)
            pending[k] = risk[k];
          entered = s;
        }

      for (i = s; i < e; )
        {
          double t = rec[i].time;
          double nrisk = (double) (e - i);
          double deaths = 0.0;
          double wt = rho == 0.0 ? 1.0 : pow (km, rho);
          gsize j;

          if (pending != NULL)
            {
              /* delayed entry: those with start >= t are not at risk yet */
              while (entered < e && entry[entered].time < t)
                pending[entry[entered++].aux] -= 1.0;
              for (guint k = 0; k < n_groups; k++)
                {
                  risk[k] -= pending[k];
                  nrisk -= pending[k];
                }
            }

          for (j = i; j < e && rec[j].time == t; j++)
            {
              guint k = rec[j].aux >> 1;
              guint d = rec[j].aux & 1;

              block_d[k] += d;
              block_r[k]++;
              deaths += d;
            }

          if (deaths > 0.0)
            {
              for (guint k = 0; k < n_groups; k++)
                {
                  result->observed[k] += wt * block_d[k];
                  result->expected[k] += wt * deaths * risk[k] / nrisk;
                }

              /* hypergeometric variance; a single subject at risk carries none */
              if (nrisk > 1.0)
                {
                  double wt2 = wt * wt;

                  for (guint a = 0; a < n_groups; a++)
                    {
                      double tmp;

                      if (risk[a] == 0.0)
                        continue;
                      tmp = wt2 * deaths * risk[a] * (nrisk - deaths) / (nrisk * (nrisk - 1.0));
                      result->var[a * n_groups + a] += tmp;
                      for (guint b = 0; b < n_groups; b++)
                        result->var[a * n_groups + b] -= tmp * risk[b] / nrisk;
                    }
                }
            }

          for (guint k = 0; k < n_groups; k++)
            {
              risk[k] -= block_r[k];
              if (pending != NULL)
                risk[k] += pending[k];   /* back to #{time >= next t} */
              block_d[k] = 0.0;
              block_r[k] = 0;
            }
          km *= (nrisk - deaths) / nrisk;
          i = j;
        }

      s = e;
    }

  /* survdiff: the groups with E > 0, less the first, carry the chi-square. */
  keep = g_new (guint, n_groups);
  for (guint k = 0; k < n_groups; k++)
    if (result->expected[k] > 0.0)
      keep[n_keep++] = k;

  if (n_keep < 2)
    {
      result->chisq = 0.0;
      result->df = 0;
      result->rank = 0;
      result->p = 1.0;   /* as survdiff: pchisq (0, 0, lower.tail = FALSE) */
      return g_steal_pointer (&result);
    }

  {
    guint m = n_keep - 1;

    vv = g_new (double, (gsize) m * m);
    diff = g_new (double, m);
    for (guint a = 0; a < m; a++)
      {
        guint ka = keep[a + 1];

        diff[a] = result->observed[ka] - result->expected[ka];
        for (guint b = 0; b < m; b++)
          vv[a * m + b] = result->var[ka * n_groups + keep[b + 1]];
      }

    result->chisq = quadratic_form_ginv (vv, diff, m, &result->rank);
    result->df = m;
    result->p = gsl_cdf_chisq_Q (result->chisq, (double) m);
  }

  return g_steal_pointer (&result);
}

void
ep_logrank_result_free (EpLogrankResult *result)
{
  if (result == NULL)
    return;

  g_free (result->n);
  g_free (result->observed);
  g_free (result->expected);
  g_free (result->var);
  g_free (result);
}
