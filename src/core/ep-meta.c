/* ep-meta.c: inverse-variance meta-analysis (fixed effect, DerSimonian-Laird, REML)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is ep_meta_pool()'s comment in ep-meta.h. The formulas follow metafor 3.8's
 * rma.uni for the intercept-only model, where the matrices reduce to sums over studies:
 *   X = 1, W = diag (w), (X'WX)^-1 = 1 / sum w, P = W - w w' / sum w.
 */
#include "config.h"

#include <float.h>
#include <math.h>

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>

#include "core/ep-binom.h"
#include "core/ep-meta.h"
#include "core/ep-meta-reg.h"
#include "core/ep-glmm.h"


G_DEFINE_QUARK (ep-meta-error-quark, ep_meta_error)

void
ep_meta_options_init (EpMetaOptions *options)
{
  g_return_if_fail (options != NULL);

  options->method = EP_META_METHOD_DL;
  options->knapp_hartung = FALSE;
  options->level = 0.95;
  options->max_iter = 100;
  options->threshold = 1e-5;
}

/* transf.pft: the Freeman-Tukey double arcsine of a proportion p in a study of n. */
double
ep_meta_transf_pft (double p,
                    double n)
{
  double x = p * n;

  return 0.5 * (asin (sqrt (x / (n + 1.0))) + asin (sqrt ((x + 1.0) / (n + 1.0))));
}

static double
sign (double x)
{
  return (x > 0.0) - (x < 0.0);
}

/* transf.ipft (Miller 1978): the inverse of the double arcsine for a study of n; values beyond
 * the transforms of 0 and 1 are truncated to 0 and 1, as metafor does. */
double
ep_meta_transf_ipft (double t,
                     double n)
{
  double s = sin (2.0 * t);
  double root = 1.0 - pow (s + (s - 1.0 / s) / n, 2.0);
  double z = 0.5 * (1.0 - sign (cos (2.0 * t)) * sqrt (root));

  if (t > ep_meta_transf_pft (1.0, n))
    return 1.0;
  if (t < ep_meta_transf_pft (0.0, n))
    return 0.0;
  if (!isfinite (z))
    return NAN;

  return z;
}

/* One set of studies on the pooling scale. */
typedef struct
{
  guint         k;
  const double *y;
  const double *v;
  double        n_harmonic;   /* ft: harmonic mean of n_i for the back-transformation */
  const char   *name;         /* subgroup name for warnings, NULL for all studies */
  const guint  *x;            /* GLMM: the pool's event and patient counts */
  const guint  *n;
} Pool;

static double
back_transform (EpMetaMeasure measure,
                double        t,
                double        n_harmonic)
{
  switch (measure)
    {
    case EP_META_MEASURE_LOGIT:
      return 1.0 / (1.0 + exp (-t));
    case EP_META_MEASURE_FT:
      return ep_meta_transf_ipft (t, n_harmonic);
    case EP_META_MEASURE_LOG_RATIO:
      return exp (t);
    case EP_META_MEASURE_GENERIC:
    default:
      return t;
    }
}

/* The warnings of one pooling, as sentences (the result's warnings) and as data. */
typedef struct
{
  GPtrArray *text;    /* char * */
  GPtrArray *items;   /* EpMetaWarning * */
} Warnings;

static void
warning_free (EpMetaWarning *warning)
{
  g_free (warning->subgroup);
  g_free (warning->text);
  g_free (warning);
}

/* format: an N_() msgid with n_args (at most 3) %u conversions; NULL with text for a sentence
 * as it is. */
static void
add_warning_full (Warnings   *warnings,
                  const Pool *pool,
                  const char *format,
                  const char *text,
                  guint       n_args,
                  guint       a0,
                  guint       a1,
                  guint       a2)
{
  EpMetaWarning *warning = g_new0 (EpMetaWarning, 1);
  g_autofree char *message = NULL;

  g_assert (n_args <= G_N_ELEMENTS (warning->args));
  warning->subgroup = g_strdup (pool->name);
  warning->format = format;
  warning->n_args = n_args;
  warning->args[0] = a0;
  warning->args[1] = a1;
  warning->args[2] = a2;
  warning->text = format == NULL ? g_strdup (text) : NULL;
  g_ptr_array_add (warnings->items, warning);

  if (format != NULL)
    {
      /* the msgids' conversions are n_args times %u */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      switch (n_args)
        {
        case 0:
          message = g_strdup (_(format));
          break;
        case 1:
          message = g_strdup_printf (_(format), a0);
          break;
        case 2:
          message = g_strdup_printf (_(format), a0, a1);
          break;
        default:
          message = g_strdup_printf (_(format), a0, a1, a2);
          break;
        }
#pragma GCC diagnostic pop
      text = message;
    }
  if (pool->name != NULL)
    /* Translators: the first %s is a subgroup's name (a therapy class), the second a sentence */
    g_ptr_array_add (warnings->text, g_strdup_printf (_("Subgroup “%s”: %s"), pool->name, text));
  else
    g_ptr_array_add (warnings->text, g_strdup (text));
}

static void
add_warning (Warnings   *warnings,
             const Pool *pool,
             const char *format)
{
  add_warning_full (warnings, pool, format, NULL, 0, 0, 0, 0);
}

/* The sums of the intercept-only model with weights w: sum w, and the parts of tr (P) and
 * tr (PP) computed without cancellation when one weight dominates. With
 * S = sum w and S_-i = S - w_i (taken from prefix and suffix sums, not by subtraction):
 *   P_ii = w_i S_-i / S,   tr P = sum P_ii,
 *   tr PP = sum_i P_ii^2 + sum_{i != j} w_i^2 w_j^2 / S^2. */
static void
weight_traces (const double *w,
               guint         k,
               double       *sum_w,
               double       *tr_p,
               double       *tr_pp)
{
  g_autofree double *suffix = g_new0 (double, k + 1);
  double s = 0.0;
  double prefix = 0.0;
  double prefix_sq = 0.0;
  double off_diagonal = 0.0;
  double diagonal = 0.0;
  double diagonal_sq = 0.0;

  for (guint i = k; i-- > 0;)
    suffix[i] = suffix[i + 1] + w[i];
  s = suffix[0];

  for (guint i = 0; i < k; i++)
    {
      double s_minus_i = prefix + suffix[i + 1];
      double p_ii = w[i] * s_minus_i / s;

      diagonal += p_ii;
      diagonal_sq += p_ii * p_ii;
      off_diagonal += 2.0 * w[i] * w[i] * prefix_sq;
      prefix += w[i];
      prefix_sq += w[i] * w[i];
    }

  *sum_w = s;
  *tr_p = diagonal;
  *tr_pp = diagonal_sq + off_diagonal / (s * s);
}

static double
weighted_mean (const double *y,
               const double *w,
               guint         k)
{
  double sw = 0.0;
  double swy = 0.0;

  for (guint i = 0; i < k; i++)
    {
      sw += w[i];
      swy += w[i] * y[i];
    }

  return swy / sw;
}

/* The restricted log-likelihood of the intercept-only model at tau2 (rma.uni's ll.REML):
 *   -(k-1)/2 log 2pi - 1/2 sum log (v + tau2) - 1/2 log sum w - 1/2 sum w (y - beta)^2. */
static double
reml_loglik (const Pool *pool,
             double      tau2,
             double     *w)
{
  double sum_w = 0.0;
  double sum_log = 0.0;
  double rss = 0.0;
  double beta;

  for (guint i = 0; i < pool->k; i++)
    {
      w[i] = 1.0 / (pool->v[i] + tau2);
      sum_w += w[i];
      sum_log += log (pool->v[i] + tau2);
    }
  beta = weighted_mean (pool->y, w, pool->k);
  for (guint i = 0; i < pool->k; i++)
    rss += w[i] * (pool->y[i] - beta) * (pool->y[i] - beta);

  return -0.5 * (pool->k - 1.0) * log (2.0 * G_PI) - 0.5 * sum_log - 0.5 * log (sum_w) - 0.5 * rss;
}

/* REML estimate of tau^2 by Fisher scoring (rma.uni, method = "REML"); see ep-meta.h. */
static double
reml_tau2 (const Pool          *pool,
           const EpMetaOptions *options,
           gboolean            *converged,
           guint               *iterations,
           gboolean            *damped,
           Warnings            *warnings)
{
  guint k = pool->k;
  g_autofree double *w = g_new (double, k);
  double ybar = 0.0;
  double rss = 0.0;
  double tr_pv = 0.0;
  double tau2;
  double change = options->threshold + 1.0;
  double last_tau2 = 0.0, last_step = 0.0;
  guint iter = 0;

  *converged = TRUE;
  *damped = FALSE;

  /* Starting value: the Hedges (HE) estimator, (RSS - tr (PV)) / (k - p) with P = I - J/k. */
  for (guint i = 0; i < k; i++)
    ybar += pool->y[i] / k;
  for (guint i = 0; i < k; i++)
    {
      rss += (pool->y[i] - ybar) * (pool->y[i] - ybar);
      tr_pv += pool->v[i] * (1.0 - 1.0 / k);
    }
  tau2 = MAX (0.0, (rss - tr_pv) / (k - 1.0));

  while (change > options->threshold)
    {
      double previous = tau2;
      double sum_w, tr_p, tr_pp, beta, y_ppy = 0.0, adjustment;

      iter++;
      for (guint i = 0; i < k; i++)
        w[i] = 1.0 / (pool->v[i] + tau2);
      weight_traces (w, k, &sum_w, &tr_p, &tr_pp);
      beta = weighted_mean (pool->y, w, k);

      /* P y = w (y - beta), so y'PPy = sum w^2 (y - beta)^2. */
      for (guint i = 0; i < k; i++)
        y_ppy += w[i] * w[i] * (pool->y[i] - beta) * (pool->y[i] - beta);

      adjustment = (y_ppy - tr_p) / tr_pp;
      if (isnan (adjustment))
        adjustment = 0.0;
      /* Step-halving: never step below tau^2 = 0. */
      while (tau2 + adjustment < 0.0)
        adjustment /= 2.0;
      change = fabs (adjustment);

      /* Damping (see ep-meta.h): a slow oscillation takes the secant step between the last two
       * points, and a step after which the restricted likelihood is lower is halved. */
      if (ep_meta_damp_step (iter, previous, adjustment, &last_tau2, &last_step, &adjustment))
        {
          *damped = TRUE;
          change = fabs (adjustment);
        }
      {
        double ll_old = reml_loglik (pool, previous, w);

        for (guint h = 0; h < 60 && adjustment != 0.0; h++)
          {
            if (reml_loglik (pool, previous + adjustment, w) >= ll_old - 1e-12 * fabs (ll_old))
              break;
            adjustment /= 2.0;
            *damped = TRUE;
          }
      }
      if (*damped)
        change = fabs (adjustment);
      tau2 += adjustment;

      if (iter > options->max_iter)
        {
          *converged = FALSE;
          break;
        }
    }

  *iterations = iter;

  if (!*converged)
    {
      add_warning_full (warnings, pool,
                        N_("REML estimation of τ² did not converge in %u iterations; "
                           "the results are not reliable"), NULL, 1, options->max_iter, 0, 0);
      return tau2;
    }

  /* ll0check: Fisher scoring may stop at a local maximum when the likelihood is highest at 0. */
  if (tau2 > options->threshold &&
      reml_loglik (pool, 0.0, w) - reml_loglik (pool, tau2, w) > pow (DBL_EPSILON, 0.25))
    {
      add_warning (warnings, pool,
                   N_("REML scoring stopped at a local maximum; τ² was set to 0"));
      tau2 = 0.0;
    }

  return MAX (0.0, tau2);
}

/* tau^2 by PM, SJ or ML: the meta-regression engine with an intercept only. */
static double
other_tau2 (const Pool          *pool,
            const EpMetaOptions *options,
            EpMetaPool          *out,
            Warnings            *warnings)
{
  g_autofree double *ones = g_new (double, pool->k);
  g_autoptr(EpMetaRegFit) fit = NULL;

  for (guint i = 0; i < pool->k; i++)
    ones[i] = 1.0;
  fit = ep_meta_reg_fit (pool->y, pool->v, ones, pool->k, 1, options, NULL);
  if (fit == NULL)
    return 0.0;

  out->converged = fit->converged;
  out->iterations = fit->iterations;
  out->damped = fit->damped;
  if (!fit->converged)
    add_warning (warnings, pool,
                 options->method == EP_META_METHOD_PM
                 ? N_("The Paule-Mandel estimate of τ² was not found; the results are not "
                      "reliable")
                 : N_("Maximum-likelihood estimation of τ² did not converge; the results are not "
                      "reliable"));

  return fit->tau2;
}

/* The root of Q_gen (t) = target in [0, hi], Q_gen decreasing: bisection. */
static double
qgen_root (const Pool *pool,
           double      target,
           double      hi)
{
  double lo = 0.0;

  for (guint i = 0; i < 400 && hi - lo > 1e-14 * hi; i++)
    {
      double mid = 0.5 * (lo + hi);

      if (ep_meta_reg_qgen (pool->y, pool->v, pool->k, mid) > target)
        lo = mid;
      else
        hi = mid;
    }

  return 0.5 * (lo + hi);
}

/* confint.rma.uni's Q-profile interval of tau^2; see ep-meta.h. */
static void
q_profile (const Pool *pool,
           double      tau2,
           double      level,
           double     *lower,
           double     *upper)
{
  double alpha = 1.0 - level;
  double df = pool->k - 1.0;
  double crit_u = gsl_cdf_chisq_Qinv (alpha / 2.0, df);
  double crit_l = gsl_cdf_chisq_Pinv (alpha / 2.0, df);
  double tau2_max = MAX (100.0, 10.0 * tau2);
  double q_min = ep_meta_reg_qgen (pool->y, pool->v, pool->k, 0.0);
  double q_max = ep_meta_reg_qgen (pool->y, pool->v, pool->k, tau2_max);

  /* upper bound */
  if (q_min < crit_l)
    *upper = 0.0;
  else if (q_max > crit_l)
    *upper = tau2_max;
  else
    *upper = qgen_root (pool, crit_l, tau2_max);

  /* lower bound */
  if (q_max > crit_u)
    *lower = *upper = tau2_max;
  else if (q_min < crit_u)
    *lower = 0.0;
  else
    *lower = qgen_root (pool, crit_u, tau2_max);
}

/* beta, se, interval and test of an inverse-variance pooled estimate. */
static void
pooled_estimate (const Pool     *pool,
                 EpMetaMeasure   measure,
                 const double   *w,
                 double          tau2,
                 gboolean        knapp_hartung,
                 gboolean        prediction,
                 double          level,
                 EpMetaEstimate *estimate)
{
  double sum_w = 0.0;
  double vb;
  double crit;

  for (guint i = 0; i < pool->k; i++)
    sum_w += w[i];
  estimate->beta = weighted_mean (pool->y, w, pool->k);
  vb = 1.0 / sum_w;

  if (knapp_hartung)
    {
      double rss = 0.0;
      double s2w;

      for (guint i = 0; i < pool->k; i++)
        rss += w[i] * (pool->y[i] - estimate->beta) * (pool->y[i] - estimate->beta);
      s2w = (rss <= DBL_EPSILON) ? 0.0 : rss / (pool->k - 1.0);
      vb *= s2w;
      estimate->df = pool->k - 1.0;
    }
  else
    estimate->df = NAN;

  estimate->se = sqrt (vb);
  estimate->statistic = estimate->beta / estimate->se;
  if (knapp_hartung)
    {
      crit = gsl_cdf_tdist_Pinv ((1.0 + level) / 2.0, estimate->df);
      estimate->p_value = 2.0 * gsl_cdf_tdist_Q (fabs (estimate->statistic), estimate->df);
    }
  else
    {
      crit = gsl_cdf_ugaussian_Pinv ((1.0 + level) / 2.0);
      estimate->p_value = 2.0 * gsl_cdf_ugaussian_Q (fabs (estimate->statistic));
    }

  estimate->ci_lb = estimate->beta - crit * estimate->se;
  estimate->ci_ub = estimate->beta + crit * estimate->se;
  if (prediction)
    {
      double se_pred = sqrt (vb + tau2);

      estimate->pi_lb = estimate->beta - crit * se_pred;
      estimate->pi_ub = estimate->beta + crit * se_pred;
    }
  else
    estimate->pi_lb = estimate->pi_ub = NAN;

  estimate->estimate = back_transform (measure, estimate->beta, pool->n_harmonic);
  estimate->lower = back_transform (measure, estimate->ci_lb, pool->n_harmonic);
  estimate->upper = back_transform (measure, estimate->ci_ub, pool->n_harmonic);
  estimate->pi_lower = back_transform (measure, estimate->pi_lb, pool->n_harmonic);
  estimate->pi_upper = back_transform (measure, estimate->pi_ub, pool->n_harmonic);
}

static void
glmm_estimate (double          beta,
               double          se,
               double          tau2,
               gboolean        prediction,
               double          level,
               EpMetaEstimate *e)
{
  double z = gsl_cdf_ugaussian_Pinv ((1.0 + level) / 2.0);

  e->beta = beta;
  e->se = se;
  e->ci_lb = beta - z * se;
  e->ci_ub = beta + z * se;
  e->statistic = beta / se;
  e->df = NAN;
  e->p_value = 2.0 * gsl_cdf_ugaussian_Q (fabs (e->statistic));
  e->pi_lb = prediction ? beta - z * sqrt (se * se + tau2) : NAN;
  e->pi_ub = prediction ? beta + z * sqrt (se * se + tau2) : NAN;
  e->estimate = back_transform (EP_META_MEASURE_LOGIT, e->beta, NAN);
  e->lower = back_transform (EP_META_MEASURE_LOGIT, e->ci_lb, NAN);
  e->upper = back_transform (EP_META_MEASURE_LOGIT, e->ci_ub, NAN);
  e->pi_lower = back_transform (EP_META_MEASURE_LOGIT, e->pi_lb, NAN);
  e->pi_upper = back_transform (EP_META_MEASURE_LOGIT, e->pi_ub, NAN);
}

/* EP_META_METHOD_GLMM: ep_glmm_pool() on the pool's counts (see ep-meta.h). */
static void
fit_pool_glmm (const Pool          *pool,
               const EpMetaOptions *options,
               EpMetaPool          *out,
               double              *weight_fixed,
               double              *weight_random,
               Warnings            *warnings)
{
  g_autoptr(EpGlmmResult) fit = NULL;
  g_autoptr(GError) error = NULL;
  double sum_u = 0.0, sum_w = 0.0;

  out->k = pool->k;
  out->damped = FALSE;
  out->tau2_lb = out->tau2_ub = NAN;
  out->i2_lb = out->i2_ub = out->h2_lb = out->h2_ub = NAN;

  fit = ep_glmm_pool (pool->x, pool->n, pool->k, options->level, 7, &error);
  if (fit == NULL)
    {
      /* every patient or none had the event: the logistic model has no finite estimate */
      add_warning_full (warnings, pool, NULL, error->message, 0, 0, 0, 0);
      out->converged = FALSE;
      out->iterations = 0;
      out->tau2 = out->i2 = out->q = out->q_p = NAN;
      out->h2 = NAN;
      out->q_df = pool->k - 1;
      glmm_estimate (NAN, NAN, NAN, FALSE, options->level, &out->fixed);
      glmm_estimate (NAN, NAN, NAN, TRUE, options->level, &out->random);
      for (guint i = 0; i < pool->k; i++)
        weight_fixed[i] = weight_random[i] = 100.0 / pool->k;
      return;
    }

  out->converged = fit->converged;
  out->iterations = fit->iterations;
  out->tau2 = fit->tau2;
  out->i2 = fit->i2;
  out->h2 = fit->h2;
  out->q = fit->q_lrt;
  out->q_df = fit->q_df;
  out->q_p = fit->q_lrt_p;
  glmm_estimate (fit->fixed_beta, fit->fixed_se, 0.0, FALSE, options->level, &out->fixed);
  glmm_estimate (fit->beta, fit->se, fit->tau2, TRUE, options->level, &out->random);
  if (!fit->converged)
    add_warning (warnings, pool, N_("The GLMM fit did not converge; the results are not "
                                    "reliable"));

  for (guint i = 0; i < pool->k; i++)
    {
      sum_u += 1.0 / pool->v[i];
      sum_w += 1.0 / (pool->v[i] + fit->tau2);
    }
  for (guint i = 0; i < pool->k; i++)
    {
      weight_fixed[i] = 100.0 / pool->v[i] / sum_u;
      weight_random[i] = 100.0 / (pool->v[i] + fit->tau2) / sum_w;
    }
}

/* Fixed-effect and random-effects models of one pool; weights in percent into weight_fixed and
 * weight_random ([pool->k]). */
static void
fit_pool (const Pool          *pool,
          EpMetaMeasure        measure,
          const EpMetaOptions *options,
          EpMetaPool          *out,
          double              *weight_fixed,
          double              *weight_random,
          Warnings            *warnings)
{
  guint k = pool->k;
  g_autofree double *u = g_new (double, k);
  g_autofree double *w = g_new (double, k);
  double sum_u, tr_p, tr_pp, sum_w = 0.0;
  double s2 = 0.0;
  gboolean knapp_hartung = options->knapp_hartung && options->method != EP_META_METHOD_FE;

  if (options->method == EP_META_METHOD_GLMM)
    {
      fit_pool_glmm (pool, options, out, weight_fixed, weight_random, warnings);
      return;
    }

  out->k = k;
  out->converged = TRUE;
  out->iterations = 0;
  out->damped = FALSE;
  out->tau2_lb = out->tau2_ub = NAN;
  out->i2_lb = out->i2_ub = out->h2_lb = out->h2_ub = NAN;

  /* Fixed effect and Cochran's Q, with u = 1 / vi. */
  for (guint i = 0; i < k; i++)
    u[i] = 1.0 / pool->v[i];
  weight_traces (u, k, &sum_u, &tr_p, &tr_pp);
  pooled_estimate (pool, measure, u, 0.0, FALSE, FALSE, options->level, &out->fixed);

  if (k > 1)
    {
      out->q = 0.0;
      for (guint i = 0; i < k; i++)
        out->q += u[i] * (pool->y[i] - out->fixed.beta) * (pool->y[i] - out->fixed.beta);
      out->q = MAX (0.0, out->q);
      out->q_df = k - 1;
      out->q_p = gsl_cdf_chisq_Q (out->q, out->q_df);
      s2 = (k - 1.0) / tr_p;
    }
  else
    {
      out->q = 0.0;
      out->q_df = 0;
      out->q_p = 1.0;
    }

  /* tau^2 */
  if (k == 1 || options->method == EP_META_METHOD_FE)
    out->tau2 = 0.0;
  else if (options->method == EP_META_METHOD_DL)
    out->tau2 = MAX (0.0, (out->q - (k - 1.0)) / tr_p);
  else if (options->method == EP_META_METHOD_REML)
    out->tau2 = reml_tau2 (pool, options, &out->converged, &out->iterations, &out->damped,
                           warnings);
  else
    out->tau2 = other_tau2 (pool, options, out, warnings);

  if (k == 1 && options->knapp_hartung && options->method != EP_META_METHOD_FE)
    {
      add_warning (warnings, pool,
                   N_("The Knapp-Hartung adjustment needs at least two studies; "
                      "the z test was used"));
      knapp_hartung = FALSE;
    }

  /* Random effects (the fixed-effect model again for EP_META_METHOD_FE). */
  for (guint i = 0; i < k; i++)
    {
      w[i] = 1.0 / (pool->v[i] + out->tau2);
      sum_w += w[i];
    }
  if (options->method == EP_META_METHOD_FE)
    out->random = out->fixed;
  else
    pooled_estimate (pool, measure, w, out->tau2, knapp_hartung, TRUE, options->level,
                     &out->random);

  /* I^2 and H^2 */
  if (k == 1)
    {
      out->i2 = 0.0;
      out->h2 = 1.0;
    }
  else if (options->method == EP_META_METHOD_FE)
    {
      out->i2 = MAX (0.0, 100.0 * (out->q - (k - 1.0)) / out->q);
      out->h2 = out->q / (k - 1.0);
    }
  else
    {
      out->i2 = 100.0 * out->tau2 / (s2 + out->tau2);
      out->h2 = out->tau2 / s2 + 1.0;
      q_profile (pool, out->tau2, options->level, &out->tau2_lb, &out->tau2_ub);
      out->i2_lb = 100.0 * out->tau2_lb / (s2 + out->tau2_lb);
      out->i2_ub = 100.0 * out->tau2_ub / (s2 + out->tau2_ub);
      out->h2_lb = out->tau2_lb / s2 + 1.0;
      out->h2_ub = out->tau2_ub / s2 + 1.0;
    }

  for (guint i = 0; i < k; i++)
    {
      weight_fixed[i] = 100.0 * u[i] / sum_u;
      weight_random[i] = 100.0 * w[i] / sum_w;
    }
}

static gboolean
effect_sizes (const EpMetaData *data,
              EpMetaResult     *result,
              GError          **error)
{
  double z = gsl_cdf_ugaussian_Pinv ((1.0 + result->level) / 2.0);

  for (guint i = 0; i < data->k; i++)
    {
      if (data->measure == EP_META_MEASURE_LOGIT || data->measure == EP_META_MEASURE_FT)
        {
          guint x = data->events[i];
          guint n = data->total[i];

          if (n == 0 || x > n)
            {
              g_set_error (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                           _("Study %u: %u events out of %u patients cannot be analysed"),
                           i + 1, x, n);
              return FALSE;
            }

          if (data->measure == EP_META_MEASURE_LOGIT)
            {
              double xc = x;
              double mc = (double) n - x;

              /* escalc: add = 1/2 to both cells, to = "only0" */
              result->corrected[i] = (x == 0 || x == n);
              if (result->corrected[i])
                {
                  xc += 0.5;
                  mc += 0.5;
                }
              result->yi[i] = log (xc / mc);
              result->vi[i] = 1.0 / xc + 1.0 / mc;
            }
          else
            {
              result->yi[i] = 0.5 * (asin (sqrt (x / (n + 1.0))) +
                                     asin (sqrt ((x + 1.0) / (n + 1.0))));
              result->vi[i] = 1.0 / (4.0 * n + 2.0);
            }

          result->estimate[i] = (double) x / n;
          if (!ep_binom_clopper_pearson (x, n, result->level,
                                         &result->lower[i], &result->upper[i]))
            {
              result->lower[i] = result->upper[i] = NAN;
              Pool all = { .name = NULL };
              Warnings warnings = { result->warnings, result->warning_items };

              add_warning_full (&warnings, &all,
                                N_("Study %u: the exact confidence interval of %u events out "
                                   "of %u patients cannot be computed"), NULL, 3, i + 1, x, n);
            }
        }
      else
        {
          double yi = data->yi[i];
          double vi = data->vi[i];

          if (!isfinite (yi) || !isfinite (vi) || vi <= 0.0)
            {
              g_set_error (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                           _("Study %u: effect %g with variance %g cannot be analysed"),
                           i + 1, yi, vi);
              return FALSE;
            }
          result->yi[i] = yi;
          result->vi[i] = vi;
          result->estimate[i] = back_transform (data->measure, yi, 0.0);
          result->lower[i] = back_transform (data->measure, yi - z * sqrt (vi), 0.0);
          result->upper[i] = back_transform (data->measure, yi + z * sqrt (vi), 0.0);
        }
    }

  return TRUE;
}

static double
harmonic_mean_n (const EpMetaData *data,
                 const guint      *members,
                 guint             k)
{
  double sum_inverse = 0.0;

  if (data->measure != EP_META_MEASURE_FT)
    return NAN;
  for (guint j = 0; j < k; j++)
    sum_inverse += 1.0 / data->total[members[j]];

  return k / sum_inverse;
}

/* A pool where no study has an event, or every patient has it, rests on the continuity
 * correction (logit) or on the transformation's boundary (ft): say so. Returns TRUE if it warned. */
static gboolean
warn_all_zero_or_all_n (const EpMetaData *data,
                        const guint      *members,
                        guint             k,
                        const Pool       *pool,
                        Warnings         *warnings)
{
  gboolean all_zero = TRUE;
  gboolean all_n = TRUE;

  if (data->measure != EP_META_MEASURE_LOGIT && data->measure != EP_META_MEASURE_FT)
    return FALSE;

  for (guint j = 0; j < k; j++)
    {
      all_zero = all_zero && data->events[members[j]] == 0;
      all_n = all_n && data->events[members[j]] == data->total[members[j]];
    }

  if (all_zero && data->measure == EP_META_MEASURE_LOGIT)
    add_warning (warnings, pool, N_("No study has any event: every study was corrected by "
                                    "adding 0.5 to both cells, and the pooled estimate "
                                    "reflects that correction"));
  else if (all_n && data->measure == EP_META_MEASURE_LOGIT)
    add_warning (warnings, pool, N_("Every patient of every study had the event: every "
                                    "study was corrected by adding 0.5 to both cells, and "
                                    "the pooled estimate reflects that correction"));
  else if (all_zero)
    add_warning (warnings, pool, N_("No study has any event"));
  else if (all_n)
    add_warning (warnings, pool, N_("Every patient of every study had the event"));

  return all_zero || all_n;
}

/* The test for subgroup differences: fixed-effect Q across the subgroups' pooled estimates. */
static void
subgroup_test (EpMetaResult *result)
{
  guint g = result->n_subgroups;
  double sum_u = 0.0;
  double sum_uy = 0.0;
  double beta;
  double q = 0.0;

  result->subgroup_df = g - 1;
  if (g == 1)
    {
      result->subgroup_q = 0.0;
      result->subgroup_p = 1.0;
      return;
    }

  for (guint j = 0; j < g; j++)
    {
      const EpMetaEstimate *e = &result->subgroups[j].random;
      double u = 1.0 / (e->se * e->se);

      if (!isfinite (u))
        {
          result->subgroup_q = result->subgroup_p = NAN;
          return;
        }
      sum_u += u;
      sum_uy += u * e->beta;
    }
  beta = sum_uy / sum_u;
  for (guint j = 0; j < g; j++)
    {
      const EpMetaEstimate *e = &result->subgroups[j].random;

      q += (e->beta - beta) * (e->beta - beta) / (e->se * e->se);
    }

  result->subgroup_q = q;
  result->subgroup_p = gsl_cdf_chisq_Q (q, g - 1);
}

EpMetaResult *
ep_meta_pool (const EpMetaData    *data,
              const EpMetaOptions *options,
              GError             **error)
{
  g_autoptr(EpMetaResult) result = NULL;
  EpMetaOptions defaults;
  g_autofree guint *all = NULL;
  Pool pool;
  Warnings warnings;
  gboolean warned_all;
  guint k;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      ep_meta_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->level > 0.0 && options->level < 1.0, NULL);
  g_return_val_if_fail (options->method <= EP_META_METHOD_GLMM, NULL);

  k = data->k;
  if (k == 0)
    {
      g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES,
                           _("There is no study to pool"));
      return NULL;
    }

  if (data->measure == EP_META_MEASURE_LOGIT || data->measure == EP_META_MEASURE_FT)
    g_return_val_if_fail (data->events != NULL && data->total != NULL, NULL);
  else
    g_return_val_if_fail (data->yi != NULL && data->vi != NULL, NULL);
  g_return_val_if_fail (data->subgroup == NULL || data->n_subgroups > 0, NULL);

  if (options->method == EP_META_METHOD_GLMM && data->measure != EP_META_MEASURE_LOGIT)
    {
      g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                           _("The GLMM pools proportions (events of patients) on the logit "
                             "scale"));
      return NULL;
    }

  result = g_new0 (EpMetaResult, 1);
  result->measure = data->measure;
  result->method = options->method;
  result->knapp_hartung = options->knapp_hartung && options->method != EP_META_METHOD_FE &&
                          options->method != EP_META_METHOD_GLMM;
  result->level = options->level;
  result->k = k;
  result->yi = g_new0 (double, k);
  result->vi = g_new0 (double, k);
  result->corrected = g_new0 (gboolean, k);
  result->estimate = g_new0 (double, k);
  result->lower = g_new0 (double, k);
  result->upper = g_new0 (double, k);
  result->weight_fixed = g_new0 (double, k);
  result->weight_random = g_new0 (double, k);
  result->subgroup_q = NAN;
  result->subgroup_p = NAN;
  result->converged = TRUE;
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  result->warning_items = g_ptr_array_new_with_free_func ((GDestroyNotify) warning_free);
  warnings.text = result->warnings;
  warnings.items = result->warning_items;

  if (!effect_sizes (data, result, error))
    return NULL;

  all = g_new (guint, k);
  for (guint i = 0; i < k; i++)
    all[i] = i;
  pool.k = k;
  pool.y = result->yi;
  pool.v = result->vi;
  pool.n_harmonic = harmonic_mean_n (data, all, k);
  pool.name = NULL;
  pool.x = data->events;
  pool.n = data->total;
  warned_all = warn_all_zero_or_all_n (data, all, k, &pool, &warnings);
  fit_pool (&pool, data->measure, options, &result->overall,
            result->weight_fixed, result->weight_random, &warnings);
  result->converged = result->overall.converged;

  if (data->subgroup != NULL)
    {
      guint g = data->n_subgroups;

      for (guint i = 0; i < k; i++)
        if (data->subgroup[i] >= g)
          {
            g_set_error (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                         _("Study %u: subgroup %u does not exist"), i + 1, data->subgroup[i]);
            return NULL;
          }

      result->n_subgroups = g;
      result->subgroups = g_new0 (EpMetaPool, g);
      result->weight_subgroup_fixed = g_new0 (double, k);
      result->weight_subgroup_random = g_new0 (double, k);

      for (guint j = 0; j < g; j++)
        {
          g_autofree guint *members = g_new (guint, k);
          g_autofree double *y = g_new (double, k);
          g_autofree double *v = g_new (double, k);
          g_autofree double *wf = g_new (double, k);
          g_autofree double *wr = g_new (double, k);
          g_autofree guint *xs = g_new0 (guint, k);
          g_autofree guint *ns = g_new0 (guint, k);
          guint kj = 0;

          for (guint i = 0; i < k; i++)
            if (data->subgroup[i] == j)
              {
                members[kj] = i;
                y[kj] = result->yi[i];
                v[kj] = result->vi[i];
                if (data->events != NULL)
                  {
                    xs[kj] = data->events[i];
                    ns[kj] = data->total[i];
                  }
                kj++;
              }

          if (kj == 0)
            {
              if (data->subgroup_names != NULL)
                g_set_error (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES,
                             _("Subgroup “%s” has no study"), data->subgroup_names[j]);
              else
                g_set_error (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES,
                             _("Subgroup %u has no study"), j);
              return NULL;
            }

          pool.k = kj;
          pool.y = y;
          pool.v = v;
          pool.x = xs;
          pool.n = ns;
          pool.n_harmonic = harmonic_mean_n (data, members, kj);
          g_autofree char *number = g_strdup_printf ("%u", j + 1);

          pool.name = data->subgroup_names != NULL ? data->subgroup_names[j] : number;
          if (!warned_all)
            warn_all_zero_or_all_n (data, members, kj, &pool, &warnings);
          fit_pool (&pool, data->measure, options, &result->subgroups[j], wf, wr,
                    &warnings);
          result->converged = result->converged && result->subgroups[j].converged;

          for (guint m = 0; m < kj; m++)
            {
              result->weight_subgroup_fixed[members[m]] = wf[m];
              result->weight_subgroup_random[members[m]] = wr[m];
            }
        }

      subgroup_test (result);
    }

  return g_steal_pointer (&result);
}

void
ep_meta_result_free (EpMetaResult *result)
{
  if (result == NULL)
    return;

  g_free (result->yi);
  g_free (result->vi);
  g_free (result->corrected);
  g_free (result->estimate);
  g_free (result->lower);
  g_free (result->upper);
  g_free (result->weight_fixed);
  g_free (result->weight_random);
  g_free (result->weight_subgroup_fixed);
  g_free (result->weight_subgroup_random);
  g_free (result->subgroups);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_clear_pointer (&result->warning_items, g_ptr_array_unref);
  g_free (result);
}

EpMetaPool *
ep_meta_leave1out (const EpMetaData    *data,
                   const EpMetaOptions *options,
                   GError             **error)
{
  g_autofree EpMetaPool *pools = NULL;
  g_autofree guint *events = NULL;
  g_autofree guint *total = NULL;
  g_autofree double *yi = NULL;
  g_autofree double *vi = NULL;
  guint k = data->k;

  g_return_val_if_fail (data != NULL, NULL);

  if (k < 2)
    {
      g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES,
                           _("Leaving one study out needs at least two studies"));
      return NULL;
    }

  pools = g_new0 (EpMetaPool, k);
  events = g_new0 (guint, k);
  total = g_new0 (guint, k);
  yi = g_new0 (double, k);
  vi = g_new0 (double, k);

  for (guint out = 0; out < k; out++)
    {
      EpMetaData subset = *data;
      g_autoptr(EpMetaResult) result = NULL;
      guint j = 0;

      for (guint i = 0; i < k; i++)
        {
          if (i == out)
            continue;
          if (data->events != NULL)
            {
              events[j] = data->events[i];
              total[j] = data->total[i];
            }
          if (data->yi != NULL)
            {
              yi[j] = data->yi[i];
              vi[j] = data->vi[i];
            }
          j++;
        }
      subset.k = k - 1;
      subset.events = data->events != NULL ? events : NULL;
      subset.total = data->total != NULL ? total : NULL;
      subset.yi = data->yi != NULL ? yi : NULL;
      subset.vi = data->vi != NULL ? vi : NULL;
      subset.subgroup = NULL;
      subset.n_subgroups = 0;
      subset.subgroup_names = NULL;

      result = ep_meta_pool (&subset, options, error);
      if (result == NULL)
        return NULL;
      pools[out] = result->overall;
    }

  return g_steal_pointer (&pools);
}

gboolean
ep_meta_ratio_to_log (double   ratio,
                      double   lower,
                      double   upper,
                      double   level,
                      double  *yi,
                      double  *vi,
                      GError **error)
{
  double sei;

  g_return_val_if_fail (level > 0.0 && level < 1.0, FALSE);
  g_return_val_if_fail (yi != NULL && vi != NULL, FALSE);

  if (!(isfinite (ratio) && ratio > 0.0) ||
      !(isfinite (lower) && lower > 0.0) ||
      !(isfinite (upper) && upper > 0.0))
    {
      g_set_error (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                   _("the ratio %g and its confidence interval %g to %g must all be positive"),
                   ratio, lower, upper);
      return FALSE;
    }

  if (!(lower < upper))
    {
      g_set_error (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                   _("the confidence interval %g to %g has no width: its lower limit must be "
                     "below its upper limit"), lower, upper);
      return FALSE;
    }

  if (ratio < lower || ratio > upper)
    {
      g_set_error (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                   _("the confidence interval %g to %g does not contain its estimate %g"),
                   lower, upper, ratio);
      return FALSE;
    }

  sei = (log (upper) - log (lower)) / (2.0 * gsl_cdf_ugaussian_Pinv ((1.0 + level) / 2.0));
  *yi = log (ratio);
  *vi = sei * sei;

  return TRUE;
}
