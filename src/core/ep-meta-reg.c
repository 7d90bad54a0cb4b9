/* ep-meta-reg.c: random-effects meta-regression and Egger's test (metafor rma.uni, regtest)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-meta-reg.h. Matrices are small (k studies, p <= a few columns): P is
 * formed explicitly, k x k, as rma.uni does.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "core/ep-meta-reg.h"


/* Everything rma.uni computes from one τ². */
typedef struct
{
  guint         k;
  guint         p;
  const double *y;
  const double *v;
  const double *x;
  double       *w;        /* [k] */
  double       *xtwx_inv; /* [p * p] */
  double       *beta;     /* [p] */
  double       *pm;       /* [k * k] P */
  double        rss;      /* y'Py */
  double        tr_p;
  double        tr_pp;
  double        y_ppy;
  double        sum_w;
  double        sum_w2;
  double        log_det;  /* log |X'WX| */
} Model;

static void
model_init (Model        *m,
            const double *y,
            const double *v,
            const double *x,
            guint         k,
            guint         p)
{
  m->k = k;
  m->p = p;
  m->y = y;
  m->v = v;
  m->x = x;
  m->w = g_new (double, k);
  m->xtwx_inv = g_new (double, p * p);
  m->beta = g_new (double, p);
  m->pm = g_new (double, (gsize) k * k);
}

static void
model_clear (Model *m)
{
  g_free (m->w);
  g_free (m->xtwx_inv);
  g_free (m->beta);
  g_free (m->pm);
}

/* Evaluates the model at τ² with weights w_i = weight (v_i + τ²)^-1; FALSE if X'WX is singular. */
static gboolean
model_at (Model  *m,
          double  tau2)
{
  guint k = m->k, p = m->p;
  gsl_matrix *a;
  gsl_matrix *inv;
  gsl_permutation *perm;
  g_autofree double *wx = NULL; /* W X (X'WX)^-1, k x p */
  int signum;
  gboolean ok;

  m->sum_w = m->sum_w2 = 0.0;
  for (guint i = 0; i < k; i++)
    {
      m->w[i] = 1.0 / (m->v[i] + tau2);
      m->sum_w += m->w[i];
      m->sum_w2 += m->w[i] * m->w[i];
    }

  a = gsl_matrix_calloc (p, p);
  inv = gsl_matrix_alloc (p, p);
  perm = gsl_permutation_alloc (p);
  for (guint i = 0; i < k; i++)
    for (guint r = 0; r < p; r++)
      for (guint c = 0; c < p; c++)
        *gsl_matrix_ptr (a, r, c) += m->w[i] * m->x[i * p + r] * m->x[i * p + c];

  ok = gsl_linalg_LU_decomp (a, perm, &signum) == 0;
  if (ok)
    {
      m->log_det = gsl_linalg_LU_lndet (a);
      ok = isfinite (m->log_det) && gsl_linalg_LU_invert (a, perm, inv) == 0;
    }
  if (ok)
    for (guint r = 0; r < p; r++)
      for (guint c = 0; c < p; c++)
        m->xtwx_inv[r * p + c] = gsl_matrix_get (inv, r, c);
  gsl_matrix_free (a);
  gsl_matrix_free (inv);
  gsl_permutation_free (perm);
  if (!ok)
    return FALSE;
  wx = g_new (double, (gsize) k * p);

  /* beta = (X'WX)^-1 X'Wy */
  for (guint r = 0; r < p; r++)
    {
      double s = 0.0;

      for (guint i = 0; i < k; i++)
        for (guint c = 0; c < p; c++)
          s += m->xtwx_inv[r * p + c] * m->x[i * p + c] * m->w[i] * m->y[i];
      m->beta[r] = s;
    }

  /* P = W - (W X (X'WX)^-1) (X'W) */
  for (guint i = 0; i < k; i++)
    for (guint c = 0; c < p; c++)
      {
        double s = 0.0;

        for (guint r = 0; r < p; r++)
          s += m->w[i] * m->x[i * p + r] * m->xtwx_inv[r * p + c];
        wx[i * p + c] = s;
      }
  for (guint i = 0; i < k; i++)
    for (guint j = 0; j < k; j++)
      {
        double s = 0.0;

        for (guint c = 0; c < p; c++)
          s += wx[i * p + c] * m->x[j * p + c] * m->w[j];
        m->pm[(gsize) i * k + j] = (i == j ? m->w[i] : 0.0) - s;
      }

  {
    g_autofree double *py = g_new0 (double, k);

    m->rss = m->tr_p = m->tr_pp = m->y_ppy = 0.0;
    for (guint i = 0; i < k; i++)
      {
        for (guint j = 0; j < k; j++)
          {
            double pij = m->pm[(gsize) i * k + j];

            py[i] += pij * m->y[j];
            m->tr_pp += pij * pij;   /* P symmetric: tr PP = sum P_ij^2 */
          }
        m->tr_p += m->pm[(gsize) i * k + i];
      }
    for (guint i = 0; i < k; i++)
      {
        m->rss += m->y[i] * py[i];
        m->y_ppy += py[i] * py[i];
      }
  }

  return TRUE;
}

/* rma.uni's ML and REML log-likelihoods at the τ² last given to model_at(). */
static double
model_loglik (const Model  *m,
              EpMetaMethod  method,
              double        tau2)
{
  double sum_log = 0.0;
  double rss = 0.0;

  for (guint i = 0; i < m->k; i++)
    {
      double fitted = 0.0;

      for (guint c = 0; c < m->p; c++)
        fitted += m->x[i * m->p + c] * m->beta[c];
      sum_log += log (m->v[i] + tau2);
      rss += m->w[i] * (m->y[i] - fitted) * (m->y[i] - fitted);
    }

  if (method == EP_META_METHOD_ML)
    return -0.5 * m->k * log (2.0 * G_PI) - 0.5 * sum_log - 0.5 * rss;
  return -0.5 * (m->k - (double) m->p) * log (2.0 * G_PI) - 0.5 * sum_log - 0.5 * m->log_det
         - 0.5 * rss;
}

/* The Hedges (HE) estimator, rma.uni's starting value for ML and REML:
 * (RSS_OLS - tr (P_OLS V)) / (k - p) with P_OLS = I - X (X'X)^-1 X'. */
static double
hedges_tau2 (const double *y,
             const double *v,
             const double *x,
             guint         k,
             guint         p)
{
  g_autofree double *ones = g_new (double, k);
  Model m;
  double tr_pv = 0.0;
  double rss;

  for (guint i = 0; i < k; i++)
    ones[i] = 1.0;
  /* model_at with v = 1 and τ² = 0 gives W = I, so P is P_OLS. */
  model_init (&m, y, ones, x, k, p);
  if (!model_at (&m, 0.0))
    {
      model_clear (&m);
      return 0.0;
    }
  for (guint i = 0; i < k; i++)
    tr_pv += m.pm[(gsize) i * k + i] * v[i];
  rss = m.rss;
  model_clear (&m);

  return MAX (0.0, (rss - tr_pv) / (k - (double) p));
}

/* Fisher scoring for ML or REML, damped; see the header. */
static double
scoring_tau2 (Model               *m,
              EpMetaMethod         method,
              const EpMetaOptions *options,
              EpMetaRegFit        *fit)
{
  double tau2 = hedges_tau2 (m->y, m->v, m->x, m->k, m->p);
  double change = options->threshold + 1.0;
  double last_tau2 = 0.0, last_step = 0.0;
  guint iter = 0;

  fit->converged = TRUE;
  fit->damped = FALSE;

  while (change > options->threshold)
    {
      double adj, ll_old;

      iter++;
      model_at (m, tau2);
      ll_old = model_loglik (m, method, tau2);
      if (method == EP_META_METHOD_ML)
        adj = (m->y_ppy - m->sum_w) / m->sum_w2;
      else
        adj = (m->y_ppy - m->tr_p) / m->tr_pp;
      if (isnan (adj))
        adj = 0.0;
      while (tau2 + adj < 0.0)
        adj /= 2.0;
      change = fabs (adj);
      if (ep_meta_damp_step (iter, tau2, adj, &last_tau2, &last_step, &adj))
        {
          fit->damped = TRUE;
          change = fabs (adj);
        }

      /* Damping: halve a step that lowers the likelihood. */
      {
        double step = adj;

        for (guint h = 0; h < 60 && step != 0.0; h++)
          {
            model_at (m, tau2 + step);
            if (model_loglik (m, method, tau2 + step) >= ll_old - 1e-12 * fabs (ll_old))
              break;
            step /= 2.0;
            fit->damped = TRUE;
          }
        if (fit->damped)
          change = fabs (step);
        tau2 += step;
      }

      if (iter > options->max_iter)
        {
          fit->converged = FALSE;
          break;
        }
    }

  fit->iterations = iter;
  if (!fit->converged)
    return tau2;

  /* ll0check */
  model_at (m, tau2);
  {
    double ll = model_loglik (m, method, tau2);
    double ll0;

    model_at (m, 0.0);
    ll0 = model_loglik (m, method, 0.0);
    if (ll0 - ll > pow (DBL_EPSILON, 0.25) && tau2 > options->threshold)
      tau2 = 0.0;
  }

  return MAX (0.0, tau2);
}

gboolean
ep_meta_damp_step (guint   iter,
                   double  tau2,
                   double  step,
                   double *last_tau2,
                   double *last_step,
                   double *taken)
{
  gboolean secant = iter > 1 && step * *last_step < 0.0 && fabs (step) > 0.5 * fabs (*last_step);

  *taken = step;
  if (secant)
    {
      double s = -step * (tau2 - *last_tau2) / (step - *last_step);

      if (isfinite (s) && tau2 + s >= 0.0)
        *taken = s;
      else
        secant = FALSE;
    }
  *last_tau2 = tau2;
  *last_step = step;

  return secant;
}

double
ep_meta_reg_qgen (const double *y,
                  const double *v,
                  guint         k,
                  double        tau2)
{
  double sw = 0.0, swy = 0.0, beta, q = 0.0;

  for (guint i = 0; i < k; i++)
    {
      double w = 1.0 / (v[i] + tau2);

      sw += w;
      swy += w * y[i];
    }
  beta = swy / sw;
  for (guint i = 0; i < k; i++)
    q += (y[i] - beta) * (y[i] - beta) / (v[i] + tau2);

  return q;
}

/* The root of f (τ²) = y'P(τ²)y - target in [lo, hi], f decreasing: bisection to a relative
 * width of 1e-14. */
static double
qgen_root (Model  *m,
           double  target,
           double  lo,
           double  hi)
{
  for (guint i = 0; i < 400 && hi - lo > 1e-14 * MAX (hi, 1e-300); i++)
    {
      double mid = 0.5 * (lo + hi);

      model_at (m, mid);
      if (m->rss > target)
        lo = mid;
      else
        hi = mid;
    }

  return 0.5 * (lo + hi);
}

EpMetaRegFit *
ep_meta_reg_fit (const double        *y,
                 const double        *v,
                 const double        *x,
                 guint                k,
                 guint                p,
                 const EpMetaOptions *options,
                 GError             **error)
{
  g_autoptr(EpMetaRegFit) fit = NULL;
  EpMetaOptions defaults;
  Model m;
  double tau2 = 0.0;

  g_return_val_if_fail (y != NULL && v != NULL && x != NULL, NULL);
  g_return_val_if_fail (p >= 1, NULL);

  if (options == NULL)
    {
      ep_meta_options_init (&defaults);
      options = &defaults;
    }

  if (options->method == EP_META_METHOD_GLMM)
    {
      g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                           _("Egger's test is a regression of the two-step model; choose an "
                             "inverse-variance method"));
      return NULL;
    }
  if (k < p || (k == p && options->method != EP_META_METHOD_FE))
    {
      g_set_error (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES,
                   _("%u studies are too few for a model with %u coefficients"), k, p);
      return NULL;
    }
  for (guint i = 0; i < k; i++)
    if (!isfinite (y[i]) || !isfinite (v[i]) || v[i] <= 0.0)
      {
        g_set_error (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                     _("Study %u: effect %g with variance %g cannot be analysed"),
                     i + 1, y[i], v[i]);
        return NULL;
      }

  fit = g_new0 (EpMetaRegFit, 1);
  fit->k = k;
  fit->p = p;
  fit->beta = g_new0 (double, p);
  fit->vb = g_new0 (double, p * p);
  fit->qe_df = k - p;
  fit->ll = NAN;
  fit->converged = TRUE;

  model_init (&m, y, v, x, k, p);
  if (!model_at (&m, 0.0))
    {
      model_clear (&m);
      g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                           _("The moderators are collinear: the model cannot be fitted"));
      return NULL;
    }
  fit->qe = MAX (0.0, m.rss);

  switch (options->method)
    {
    case EP_META_METHOD_FE:
      tau2 = 0.0;
      break;

    case EP_META_METHOD_DL:
      tau2 = MAX (0.0, (m.rss - (k - (double) p)) / m.tr_p);
      break;

    case EP_META_METHOD_SJ:
      {
        double ybar = 0.0, tau2_0 = 0.0;

        for (guint i = 0; i < k; i++)
          ybar += y[i] / k;
        for (guint i = 0; i < k; i++)
          tau2_0 += (y[i] - ybar) * (y[i] - ybar) / k;
        model_at (&m, tau2_0);
        tau2 = tau2_0 > 0.0 ? tau2_0 * m.rss / (k - (double) p) : 0.0;
      }
      break;

    case EP_META_METHOD_PM:
      {
        double target = k - (double) p;
        double hi = 100.0;

        if (m.rss < target)
          tau2 = 0.0;
        else
          {
            for (;;)
              {
                model_at (&m, hi);
                if (m.rss <= target || hi > 1e12)
                  break;
                hi *= 2.0;
              }
            if (m.rss > target)
              fit->converged = FALSE;
            tau2 = qgen_root (&m, target, 0.0, hi);
          }
      }
      break;

    case EP_META_METHOD_ML:
    case EP_META_METHOD_REML:
    default:
      tau2 = scoring_tau2 (&m, options->method, options, fit);
      break;
    }

  fit->tau2 = tau2;
  model_at (&m, tau2);
  memcpy (fit->beta, m.beta, p * sizeof (double));
  memcpy (fit->vb, m.xtwx_inv, p * p * sizeof (double));
  if (options->method == EP_META_METHOD_ML || options->method == EP_META_METHOD_REML)
    fit->ll = model_loglik (&m, options->method, tau2);
  model_clear (&m);

  return g_steal_pointer (&fit);
}

void
ep_meta_reg_fit_free (EpMetaRegFit *fit)
{
  if (fit == NULL)
    return;

  g_free (fit->beta);
  g_free (fit->vb);
  g_free (fit);
}

gboolean
ep_meta_regtest (const double        *y,
                 const double        *v,
                 guint                k,
                 const EpMetaOptions *options,
                 EpMetaRegtest       *out,
                 GError             **error)
{
  g_autofree double *x = NULL;
  g_autoptr(EpMetaRegFit) fit = NULL;
  EpMetaOptions defaults;
  double s2w = 1.0, crit;
  gboolean knha;

  g_return_val_if_fail (out != NULL, FALSE);

  if (options == NULL)
    {
      ep_meta_options_init (&defaults);
      options = &defaults;
    }

  if (k < 3)
    {
      g_set_error (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES,
                   _("Egger's test needs at least 3 studies"));
      return FALSE;
    }
  if (options->method == EP_META_METHOD_GLMM)
    {
      g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                           _("Egger's test is a regression of the two-step model; choose an "
                             "inverse-variance method"));
      return FALSE;
    }

  x = g_new (double, 2 * k);
  for (guint i = 0; i < k; i++)
    {
      x[2 * i] = 1.0;
      x[2 * i + 1] = sqrt (v[i]);
    }
  fit = ep_meta_reg_fit (y, v, x, k, 2, options, error);
  if (fit == NULL)
    return FALSE;

  knha = options->knapp_hartung && options->method != EP_META_METHOD_FE;
  if (knha)
    {
      double rss = 0.0;

      for (guint i = 0; i < k; i++)
        {
          double e = y[i] - fit->beta[0] - fit->beta[1] * x[2 * i + 1];

          rss += e * e / (v[i] + fit->tau2);
        }
      s2w = rss <= DBL_EPSILON ? 0.0 : rss / (k - 2.0);
    }

  out->tau2 = fit->tau2;
  out->converged = fit->converged;
  out->slope = fit->beta[1];
  out->slope_se = sqrt (s2w * fit->vb[3]);
  out->statistic = out->slope / out->slope_se;
  out->limit = fit->beta[0];
  if (knha)
    {
      out->df = k - 2.0;
      out->p_value = 2.0 * gsl_cdf_tdist_Q (fabs (out->statistic), out->df);
      crit = gsl_cdf_tdist_Pinv ((1.0 + options->level) / 2.0, out->df);
    }
  else
    {
      out->df = NAN;
      out->p_value = 2.0 * gsl_cdf_ugaussian_Q (fabs (out->statistic));
      crit = gsl_cdf_ugaussian_Pinv ((1.0 + options->level) / 2.0);
    }
  out->limit_lb = out->limit - crit * sqrt (s2w * fit->vb[0]);
  out->limit_ub = out->limit + crit * sqrt (s2w * fit->vb[0]);

  return TRUE;
}
