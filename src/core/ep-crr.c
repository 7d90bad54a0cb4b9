/* ep-crr.c: Fine-Gray subdistribution hazards regression (cmprsk::crr)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-crr.h. Subjects are sorted by time once; every sum over a risk set is a
 * running total, so one evaluation of the likelihood, score and information is O(n p^2).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>

#include "core/ep-crr.h"

G_DEFINE_QUARK (ep-crr-error-quark, ep_crr_error)

#define GTOL 1e-6
#define MAX_ITER 10

typedef struct
{
  gsize         n;
  guint         p;
  guint        *order;     /* [n] subjects by ascending time */
  const double *time;
  const int    *status;
  const double *x;
  double       *g_minus;   /* [n] G(t_i-), by subject */
  guint         n_times;   /* distinct failure times of the cause */
  double       *t;         /* [K] */
  guint        *d;         /* [K] failures of the cause at t_k */
  double       *g;         /* [K] G(t_k-) */
  gsize        *first;     /* [K] position in order of the first subject with time >= t_k */
  /* at the current b */
  double       *e;         /* [n] exp (x b), by subject */
  double       *s0;        /* [K] */
  double       *s1;        /* [K * p] */
  double       *s2;        /* [K * p * p] */
} Crr;

static int
compare_time (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const double *time = data;
  double ta = time[*(const guint *) a], tb = time[*(const guint *) b];

  return (ta > tb) - (ta < tb);
}

static const double *
row (const Crr *m,
     guint      i)
{
  return m->x + (gsize) i * m->p;
}

/* S_0, S_1, S_2 at each failure time for b: the tail sums over t_j >= t_k plus G(t_k-) times
 * the sums of e/G(t_j-) over other-cause failures with t_j < t_k. */
static void
risk_sums (Crr          *m,
           const double *b)
{
  guint p = m->p, K = m->n_times;
  g_autofree double *a0 = g_new0 (double, 1);
  g_autofree double *a1 = g_new0 (double, p);
  g_autofree double *a2 = g_new0 (double, p * p);
  gsize pos;
  guint k;

  for (gsize i = 0; i < m->n; i++)
    {
      double xb = 0.0;

      for (guint c = 0; c < p; c++)
        xb += row (m, i)[c] * b[c];
      m->e[i] = exp (xb);
    }

  /* tails, walking down */
  pos = m->n;
  memset (m->s1, 0, sizeof (double) * K * p);
  memset (m->s2, 0, sizeof (double) * K * p * p);
  for (k = K; k-- > 0;)
    {
      while (pos > m->first[k])
        {
          guint i = m->order[--pos];
          const double *xi = row (m, i);

          a0[0] += m->e[i];
          for (guint r = 0; r < p; r++)
            {
              a1[r] += m->e[i] * xi[r];
              for (guint c = 0; c < p; c++)
                a2[r * p + c] += m->e[i] * xi[r] * xi[c];
            }
        }
      m->s0[k] = a0[0];
      memcpy (m->s1 + (gsize) k * p, a1, sizeof (double) * p);
      memcpy (m->s2 + (gsize) k * p * p, a2, sizeof (double) * p * p);
    }

  /* other-cause failures before t_k, walking up */
  a0[0] = 0.0;
  memset (a1, 0, sizeof (double) * p);
  memset (a2, 0, sizeof (double) * p * p);
  pos = 0;
  for (k = 0; k < K; k++)
    {
      while (pos < m->first[k])
        {
          guint i = m->order[pos++];
          const double *xi = row (m, i);
          double w;

          if (m->status[i] != 2)
            continue;
          w = m->e[i] / m->g_minus[i];
          a0[0] += w;
          for (guint r = 0; r < p; r++)
            {
              a1[r] += w * xi[r];
              for (guint c = 0; c < p; c++)
                a2[r * p + c] += w * xi[r] * xi[c];
            }
        }
      m->s0[k] += m->g[k] * a0[0];
      for (guint r = 0; r < p; r++)
        {
          m->s1[(gsize) k * p + r] += m->g[k] * a1[r];
          for (guint c = 0; c < p; c++)
            m->s2[(gsize) k * p * p + r * p + c] += m->g[k] * a2[r * p + c];
        }
    }
}

/* -l(b); with score and info non-NULL also the gradient of -l (= -U) and I. */
static double
objective (Crr          *m,
           const double *b,
           double       *neg_score,
           double       *info)
{
  guint p = m->p;
  double f = 0.0;

  risk_sums (m, b);
  if (neg_score != NULL)
    {
      memset (neg_score, 0, sizeof (double) * p);
      memset (info, 0, sizeof (double) * p * p);
    }

  for (guint k = 0; k < m->n_times; k++)
    {
      const double *s1 = m->s1 + (gsize) k * p;
      const double *s2 = m->s2 + (gsize) k * p * p;
      double s0 = m->s0[k];

      f += m->d[k] * log (s0);
      if (neg_score != NULL)
        for (guint r = 0; r < p; r++)
          {
            neg_score[r] += m->d[k] * s1[r] / s0;
            for (guint c = 0; c < p; c++)
              info[r * p + c] += m->d[k] * (s2[r * p + c] / s0 - s1[r] * s1[c] / (s0 * s0));
          }
    }
  for (gsize i = 0; i < m->n; i++)
    if (m->status[i] == 1)
      {
        f -= log (m->e[i]);
        if (neg_score != NULL)
          for (guint r = 0; r < p; r++)
            neg_score[r] -= row (m, i)[r];
      }

  return f;
}

/* Solves a x = rhs for the symmetric p x p a (copied); FALSE if singular. With inverse non-NULL
 * also returns a^-1. */
static gboolean
solve (const double *a,
       const double *rhs,
       guint         p,
       double       *x,
       double       *inverse)
{
  gsl_matrix *lu = gsl_matrix_alloc (p, p);
  gsl_permutation *perm = gsl_permutation_alloc (p);
  gboolean ok;
  int signum;

  memcpy (lu->data, a, sizeof (double) * p * p);
  ok = gsl_linalg_LU_decomp (lu, perm, &signum) == 0 && isfinite (gsl_linalg_LU_lndet (lu));
  if (ok && x != NULL)
    {
      gsl_vector_const_view bv = gsl_vector_const_view_array (rhs, p);
      gsl_vector_view xv = gsl_vector_view_array (x, p);

      ok = gsl_linalg_LU_solve (lu, perm, &bv.vector, &xv.vector) == 0;
    }
  if (ok && inverse != NULL)
    {
      gsl_matrix_view iv = gsl_matrix_view_array (inverse, p, p);

      ok = gsl_linalg_LU_invert (lu, perm, &iv.matrix) == 0;
    }
  gsl_matrix_free (lu);
  gsl_permutation_free (perm);

  return ok;
}

/* The sandwich's middle: sum_i (eta_i + psi_i)(eta_i + psi_i)' at the current risk sums. */
static void
score_variance (Crr    *m,
                double *v2)
{
  guint p = m->p, K = m->n_times;
  g_autofree double *xbar = g_new (double, (gsize) K * p);
  g_autofree double *pre0 = g_new0 (double, K + 1);          /* sum_{k' < k} d/S0 */
  g_autofree double *pre1 = g_new0 (double, (gsize) (K + 1) * p);
  g_autofree double *suf0 = g_new0 (double, K + 1);          /* sum_{k' >= k} G d/S0 */
  g_autofree double *suf1 = g_new0 (double, (gsize) (K + 1) * p);
  g_autofree double *ss2 = g_new0 (double, p);
  g_autofree double *q = g_new0 (double, p);
  g_autofree double *acc_b1 = g_new0 (double, p);           /* A (u): other causes before u */
  g_autofree double *score = g_new (double, p);
  double acc_b0 = 0.0;
  gsize pos = 0;

  memset (v2, 0, sizeof (double) * p * p);
  for (guint k = 0; k < K; k++)
    {
      double a = m->d[k] / m->s0[k];

      for (guint r = 0; r < p; r++)
        xbar[(gsize) k * p + r] = m->s1[(gsize) k * p + r] / m->s0[k];
      pre0[k + 1] = pre0[k] + a;
      for (guint r = 0; r < p; r++)
        pre1[(gsize) (k + 1) * p + r] = pre1[(gsize) k * p + r] + a * xbar[(gsize) k * p + r];
    }
  for (guint k = K; k-- > 0;)
    {
      double a = m->g[k] * m->d[k] / m->s0[k];

      suf0[k] = suf0[k + 1] + a;
      for (guint r = 0; r < p; r++)
        suf1[(gsize) k * p + r] = suf1[(gsize) (k + 1) * p + r] + a * xbar[(gsize) k * p + r];
    }

  /* groups of tied times, ascending; kk: the first failure time >= the group's time */
  {
    guint kk = 0;

    while (pos < m->n)
      {
        double u = m->time[m->order[pos]];
        gsize end = pos;
        guint n_censored = 0;
        guint k_le;                       /* failure times <= u: indices < k_le */
        double at_risk = (double) (m->n - pos);

        while (end < m->n && m->time[m->order[end]] == u)
          {
            if (m->status[m->order[end]] == 0)
              n_censored++;
            end++;
          }
        while (kk < K && m->t[kk] < u)
          kk++;
        k_le = (kk < K && m->t[kk] == u) ? kk + 1 : kk;

        /* q (u) = A (u) C (u) - B (u) D (u) over failure times >= u and other-cause failures
         * before u; the censoring martingale's part of psi */
        if (n_censored > 0)
          {
            for (guint r = 0; r < p; r++)
              {
                q[r] = acc_b1[r] * suf0[kk] - acc_b0 * suf1[(gsize) kk * p + r];
                ss2[r] -= n_censored * q[r] / (at_risk * at_risk);
              }
          }

        for (gsize s = pos; s < end; s++)
          {
            guint i = m->order[s];
            const double *xi = row (m, i);

            for (guint r = 0; r < p; r++)
              {
                double eta = 0.0;

                if (m->status[i] == 1)
                  eta += xi[r] - xbar[(gsize) (k_le - 1) * p + r];
                /* at risk with weight 1 at failure times <= t_i */
                eta -= m->e[i] * (xi[r] * pre0[k_le] - pre1[(gsize) k_le * p + r]);
                /* an other-cause failure stays, weighted, at failure times > t_i */
                if (m->status[i] == 2)
                  eta -= m->e[i] / m->g_minus[i] *
                         (xi[r] * suf0[k_le] - suf1[(gsize) k_le * p + r]);
                score[r] = eta + ss2[r];
                if (m->status[i] == 0)
                  score[r] += q[r] / at_risk;
              }
            for (guint r = 0; r < p; r++)
              for (guint c = 0; c < p; c++)
                v2[r * p + c] += score[r] * score[c];
          }

        /* other-cause failures at u count for later censoring times */
        for (gsize s = pos; s < end; s++)
          {
            guint i = m->order[s];

            if (m->status[i] != 2)
              continue;
            acc_b0 += m->e[i] / m->g_minus[i];
            for (guint r = 0; r < p; r++)
              acc_b1[r] += m->e[i] / m->g_minus[i] * row (m, i)[r];
          }
        pos = end;
      }
  }
}

EpCrrResult *
ep_crr_fit (const double *time,
            const int    *status,
            const double *x,
            gsize         n,
            guint         p,
            double        level,
            GError      **error)
{
  g_autoptr(EpCrrResult) result = NULL;
  g_autofree double *b = NULL, *neg_score = NULL, *info = NULL, *step = NULL, *bn = NULL;
  g_autofree double *inv = NULL, *v2 = NULL, *tmp = NULL;
  Crr m = { 0, };
  double f, zcrit;
  guint K = 0;

  g_return_val_if_fail (time != NULL && status != NULL && x != NULL, NULL);
  g_return_val_if_fail (p >= 1, NULL);
  g_return_val_if_fail (level > 0.0 && level < 1.0, NULL);

  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (time[i]) || time[i] < 0.0 || status[i] < 0 || status[i] > 2)
        {
          g_set_error (error, EP_CRR_ERROR, EP_CRR_ERROR_INVALID_INPUT,
                       _("Observation %lu: time %g with status %d cannot be analysed"),
                       (unsigned long) i, time[i], status[i]);
          return NULL;
        }
      for (guint c = 0; c < p; c++)
        if (!isfinite (x[i * p + c]))
          {
            g_set_error (error, EP_CRR_ERROR, EP_CRR_ERROR_INVALID_INPUT,
                         _("Observation %lu: covariate %u is not a finite number"),
                         (unsigned long) i, c + 1);
            return NULL;
          }
    }

  m.n = n;
  m.p = p;
  m.time = time;
  m.status = status;
  m.x = x;
  m.order = g_new (guint, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    m.order[i] = (guint) i;
  g_qsort_with_data (m.order, (gint) n, sizeof (guint), compare_time, (gpointer) time);

  /* censoring Kaplan-Meier just before each time; the distinct failure times of the cause */
  m.g_minus = g_new (double, MAX (n, 1));
  m.t = g_new (double, MAX (n, 1));
  m.d = g_new0 (guint, MAX (n, 1));
  m.g = g_new (double, MAX (n, 1));
  m.first = g_new (gsize, MAX (n, 1));
  {
    double g = 1.0;
    gsize pos = 0;

    while (pos < n)
      {
        double u = time[m.order[pos]];
        gsize end = pos;
        guint censored = 0, failures = 0;

        while (end < n && time[m.order[end]] == u)
          {
            guint i = m.order[end];

            m.g_minus[i] = g;
            censored += status[i] == 0;
            failures += status[i] == 1;
            end++;
          }
        if (failures > 0)
          {
            m.t[K] = u;
            m.d[K] = failures;
            m.g[K] = g;
            m.first[K] = pos;
            K++;
          }
        g *= 1.0 - (double) censored / (double) (n - pos);
        pos = end;
      }
  }
  m.n_times = K;

  if (K == 0)
    {
      g_set_error_literal (error, EP_CRR_ERROR, EP_CRR_ERROR_NO_EVENTS,
                           _("No patient failed from the cause of interest"));
      goto out;
    }

  m.e = g_new (double, n);
  m.s0 = g_new (double, K);
  m.s1 = g_new (double, (gsize) K * p);
  m.s2 = g_new (double, (gsize) K * p * p);

  result = g_new0 (EpCrrResult, 1);
  result->n = n;
  result->p = p;
  result->level = level;
  for (gsize i = 0; i < n; i++)
    {
      result->n_events += status[i] == 1;
      result->n_competing += status[i] == 2;
    }

  b = g_new0 (double, p);
  bn = g_new0 (double, p);
  step = g_new0 (double, p);
  neg_score = g_new0 (double, p);
  info = g_new0 (double, p * p);

  /* Newton-Raphson with backtracking, crr's rules */
  result->converged = FALSE;
  for (guint it = 0; it <= MAX_ITER; it++)
    {
      double max_s = 0.0, gd = 0.0, fbn;
      guint halvings = 0;

      f = objective (&m, b, neg_score, info);
      for (guint r = 0; r < p; r++)
        max_s = MAX (max_s, fabs (neg_score[r]) * MAX (fabs (b[r]), 1.0));
      result->iterations = it;
      if (max_s < MAX (fabs (f), 1.0) * GTOL)
        {
          result->converged = TRUE;
          break;
        }
      if (it == MAX_ITER)
        break;
      if (!solve (info, neg_score, p, step, NULL))
        {
          g_set_error_literal (error, EP_CRR_ERROR, EP_CRR_ERROR_SINGULAR,
                               _("The information matrix is singular: a covariate may be "
                                 "constant or collinear with others"));
          g_clear_pointer (&result, ep_crr_result_free);
          goto out;
        }
      for (guint r = 0; r < p; r++)
        {
          step[r] = -step[r];
          gd += step[r] * neg_score[r];
        }
      for (;;)
        {
          for (guint r = 0; r < p; r++)
            bn[r] = b[r] + step[r];
          fbn = objective (&m, bn, NULL, NULL);
          if (!(isnan (fbn) || fbn > f + 1e-4 * gd))
            break;
          if (++halvings > 20)
            break;
          gd = 0.0;
          for (guint r = 0; r < p; r++)
            {
              step[r] *= 0.5;
              gd += step[r] * neg_score[r];
            }
        }
      if (halvings > 20)
        break;
      memcpy (b, bn, sizeof (double) * p);
    }

  /* at the final b: information, sandwich, jumps */
  f = objective (&m, b, neg_score, info);
  inv = g_new (double, p * p);
  if (!solve (info, neg_score, p, step, inv))
    {
      g_set_error_literal (error, EP_CRR_ERROR, EP_CRR_ERROR_SINGULAR,
                           _("The information matrix is singular: a covariate may be "
                             "constant or collinear with others"));
      g_clear_pointer (&result, ep_crr_result_free);
      goto out;
    }
  v2 = g_new (double, p * p);
  tmp = g_new0 (double, p * p);
  score_variance (&m, v2);

  result->coef = g_memdup2 (b, sizeof (double) * p);
  result->var = g_new0 (double, p * p);
  for (guint r = 0; r < p; r++)
    for (guint c = 0; c < p; c++)
      for (guint s = 0; s < p; s++)
        tmp[r * p + c] += inv[r * p + s] * v2[s * p + c];
  for (guint r = 0; r < p; r++)
    for (guint c = 0; c < p; c++)
      for (guint s = 0; s < p; s++)
        result->var[r * p + c] += tmp[r * p + s] * inv[s * p + c];

  result->loglik = -f;
  {
    g_autofree double *zero = g_new0 (double, p);

    result->loglik_null = -objective (&m, zero, NULL, NULL);
  }
  objective (&m, b, NULL, NULL);
  result->n_times = K;
  result->times = g_memdup2 (m.t, sizeof (double) * K);
  result->jumps = g_new (double, K);
  for (guint k = 0; k < K; k++)
    result->jumps[k] = m.d[k] / m.s0[k];

  zcrit = gsl_cdf_ugaussian_Pinv ((1.0 + level) / 2.0);
  result->se = g_new (double, p);
  result->z = g_new (double, p);
  result->p_value = g_new (double, p);
  result->hr = g_new (double, p);
  result->lower = g_new (double, p);
  result->upper = g_new (double, p);
  for (guint r = 0; r < p; r++)
    {
      result->se[r] = sqrt (result->var[r * p + r]);
      result->z[r] = b[r] / result->se[r];
      result->p_value[r] = 2.0 * gsl_cdf_ugaussian_Q (fabs (result->z[r]));
      result->hr[r] = exp (b[r]);
      result->lower[r] = exp (b[r] - zcrit * result->se[r]);
      result->upper[r] = exp (b[r] + zcrit * result->se[r]);
    }
  {
    g_autofree guint *all = g_new (guint, p);

    for (guint r = 0; r < p; r++)
      all[r] = r;
    if (!ep_crr_wald (result, all, p, &result->wald_chisq, &result->wald_p))
      result->wald_chisq = result->wald_p = NAN;
  }

out:
  g_free (m.order);
  g_free (m.g_minus);
  g_free (m.t);
  g_free (m.d);
  g_free (m.g);
  g_free (m.first);
  g_free (m.e);
  g_free (m.s0);
  g_free (m.s1);
  g_free (m.s2);

  return g_steal_pointer (&result);
}

gboolean
ep_crr_wald (const EpCrrResult *result,
             const guint       *terms,
             guint              m,
             double            *chisq,
             double            *p_value)
{
  g_autofree double *v = g_new (double, (gsize) m * m);
  g_autofree double *bs = g_new (double, m);
  g_autofree double *sol = g_new (double, m);
  double stat = 0.0;

  g_return_val_if_fail (result != NULL && terms != NULL && m >= 1, FALSE);

  for (guint r = 0; r < m; r++)
    {
      bs[r] = result->coef[terms[r]];
      for (guint c = 0; c < m; c++)
        v[r * m + c] = result->var[terms[r] * result->p + terms[c]];
    }
  if (!solve (v, bs, m, sol, NULL))
    return FALSE;
  for (guint r = 0; r < m; r++)
    stat += bs[r] * sol[r];

  *chisq = stat;
  *p_value = gsl_cdf_chisq_Q (stat, m);
  return TRUE;
}

double *
ep_crr_predict (const EpCrrResult *result,
                const double      *z)
{
  double *cif = g_new (double, MAX (result->n_times, 1));
  double xb = 0.0, cum = 0.0;

  for (guint r = 0; r < result->p; r++)
    xb += z[r] * result->coef[r];
  for (guint k = 0; k < result->n_times; k++)
    {
      cum += exp (xb) * result->jumps[k];
      cif[k] = 1.0 - exp (-cum);
    }

  return cif;
}

double
ep_crr_predict_at (const EpCrrResult *result,
                   const double      *cif,
                   double             t)
{
  double value = 0.0;

  for (guint k = 0; k < result->n_times && result->times[k] <= t; k++)
    value = cif[k];

  return value;
}

void
ep_crr_result_free (EpCrrResult *result)
{
  if (result == NULL)
    return;

  g_free (result->coef);
  g_free (result->var);
  g_free (result->se);
  g_free (result->z);
  g_free (result->p_value);
  g_free (result->hr);
  g_free (result->lower);
  g_free (result->upper);
  g_free (result->times);
  g_free (result->jumps);
  g_free (result);
}
