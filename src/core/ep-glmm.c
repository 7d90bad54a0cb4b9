/* ep-glmm.c: random-intercept logistic regression for pooled proportions (rma.glmm, "PLO")
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-glmm.h.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>

#include "core/ep-glmm.h"

typedef struct
{
  guint         k;
  const guint  *x;
  const guint  *n;
  guint         n_agq;
  const double *z;   /* Gauss-Hermite nodes and weights for exp (-z^2) */
  const double *w;
  double        log_binom;  /* sum log choose (n, x) */
} Problem;

static double
log1pexp (double eta)
{
  return eta > 0.0 ? eta + log1p (exp (-eta)) : log1p (exp (eta));
}

/* h (u) of one study, see ep-glmm.h */
static double
study_h (double x,
         double n,
         double beta,
         double tau,
         double u)
{
  double eta = beta + tau * u;

  return x * eta - n * log1pexp (eta) - 0.5 * u * u;
}

/* log L_i by adaptive Gauss-Hermite quadrature */
static double
study_loglik (const Problem *pr,
              guint          i,
              double         beta,
              double         tau)
{
  double x = pr->x[i], n = pr->n[i];
  double u = 0.0, sigma, hmax, sum = 0.0;

  /* the mode of the concave h by Newton */
  for (guint it = 0; it < 100; it++)
    {
      double eta = beta + tau * u;
      double p = 1.0 / (1.0 + exp (-eta));
      double d1 = tau * (x - n * p) - u;
      double d2 = -tau * tau * n * p * (1.0 - p) - 1.0;
      double step = -d1 / d2;

      u += step;
      if (fabs (step) < 1e-13 * (1.0 + fabs (u)))
        break;
    }
  {
    double eta = beta + tau * u;
    double p = 1.0 / (1.0 + exp (-eta));

    sigma = 1.0 / sqrt (tau * tau * n * p * (1.0 - p) + 1.0);
  }

  hmax = study_h (x, n, beta, tau, u);
  for (guint j = 0; j < pr->n_agq; j++)
    {
      double uj = u + G_SQRT2 * sigma * pr->z[j];

      sum += pr->w[j] * exp (study_h (x, n, beta, tau, uj) - hmax + pr->z[j] * pr->z[j]);
    }

  return hmax + log (sum * G_SQRT2 * sigma) - 0.5 * log (2.0 * G_PI);
}

static double
loglik (const Problem *pr,
        double         beta,
        double         tau)
{
  double ll = pr->log_binom;

  for (guint i = 0; i < pr->k; i++)
    ll += study_loglik (pr, i, beta, tau);

  return ll;
}

/* Central-difference gradient and Hessian of the log-likelihood in (beta, tau). */
static void
derivatives (const Problem *pr,
             const double   theta[2],
             double         grad[2],
             double         hess[2][2])
{
  const double h[2] = { 1e-4 * (1.0 + fabs (theta[0])), 1e-4 * (1.0 + fabs (theta[1])) };
  double f0 = loglik (pr, theta[0], theta[1]);

  for (guint a = 0; a < 2; a++)
    {
      double tp[2] = { theta[0], theta[1] }, tm[2] = { theta[0], theta[1] };
      double fp, fm;

      tp[a] += h[a];
      tm[a] -= h[a];
      fp = loglik (pr, tp[0], tp[1]);
      fm = loglik (pr, tm[0], tm[1]);
      grad[a] = (fp - fm) / (2.0 * h[a]);
      hess[a][a] = (fp - 2.0 * f0 + fm) / (h[a] * h[a]);
    }
  {
    double fpp = loglik (pr, theta[0] + h[0], theta[1] + h[1]);
    double fpm = loglik (pr, theta[0] + h[0], theta[1] - h[1]);
    double fmp = loglik (pr, theta[0] - h[0], theta[1] + h[1]);
    double fmm = loglik (pr, theta[0] - h[0], theta[1] - h[1]);

    hess[0][1] = hess[1][0] = (fpp - fpm - fmp + fmm) / (4.0 * h[0] * h[1]);
  }
}

EpGlmmResult *
ep_glmm_pool (const guint  *events,
              const guint  *total,
              guint         k,
              double        level,
              guint         n_agq,
              GError      **error)
{
  g_autoptr(EpGlmmResult) result = NULL;
  gsl_integration_fixed_workspace *rule;
  Problem pr = { 0, };
  double theta[2];
  double sum_x = 0.0, sum_n = 0.0, p_fe, zcrit;
  double ll_sat = 0.0, ll_fe = 0.0;

  g_return_val_if_fail (level > 0.0 && level < 1.0, NULL);
  g_return_val_if_fail (n_agq >= 1 && n_agq <= 25, NULL);

  if (k == 0)
    {
      g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES,
                           _("There is no study to pool"));
      return NULL;
    }
  for (guint i = 0; i < k; i++)
    {
      if (total[i] == 0 || events[i] > total[i])
        {
          g_set_error (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                       _("Study %u: %u events out of %u patients cannot be analysed"),
                       i + 1, events[i], total[i]);
          return NULL;
        }
      sum_x += events[i];
      sum_n += total[i];
    }
  if (sum_x == 0.0 || sum_x == sum_n)
    {
      g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                           _("The logistic model cannot be fitted when no patient, or every "
                             "patient, had the event"));
      return NULL;
    }

  rule = gsl_integration_fixed_alloc (gsl_integration_fixed_hermite, n_agq, 0.0, 1.0, 0.0, 0.0);
  pr.k = k;
  pr.x = events;
  pr.n = total;
  pr.n_agq = n_agq;
  pr.z = gsl_integration_fixed_nodes (rule);
  pr.w = gsl_integration_fixed_weights (rule);
  for (guint i = 0; i < k; i++)
    pr.log_binom += gsl_sf_lnchoose (total[i], events[i]);

  result = g_new0 (EpGlmmResult, 1);
  result->k = k;
  result->n_agq = n_agq;
  zcrit = gsl_cdf_ugaussian_Pinv ((1.0 + level) / 2.0);

  /* fixed effect: the pooled proportion, glm's intercept and its Wald se */
  p_fe = sum_x / sum_n;
  result->fixed_beta = log (p_fe / (1.0 - p_fe));
  result->fixed_se = 1.0 / sqrt (sum_n * p_fe * (1.0 - p_fe));
  result->fixed_estimate = p_fe;
  result->fixed_lower = 1.0 / (1.0 + exp (-(result->fixed_beta - zcrit * result->fixed_se)));
  result->fixed_upper = 1.0 / (1.0 + exp (-(result->fixed_beta + zcrit * result->fixed_se)));

  /* heterogeneity: likelihood ratio of the saturated model against the fixed effect */
  for (guint i = 0; i < k; i++)
    {
      double x = events[i], n = total[i], p = x / n;

      if (x > 0)
        ll_sat += x * log (p);
      if (x < n)
        ll_sat += (n - x) * log (1.0 - p);
      ll_fe += x * log (p_fe) + (n - x) * log (1.0 - p_fe);
    }
  result->q_lrt = MAX (0.0, 2.0 * (ll_sat - ll_fe));
  result->q_df = k - 1;
  result->q_lrt_p = k > 1 ? gsl_cdf_chisq_Q (result->q_lrt, k - 1.0) : 1.0;

  /* Newton-Raphson on (beta, tau) */
  theta[0] = result->fixed_beta;
  theta[1] = 0.5;
  result->converged = FALSE;
  for (guint it = 1; it <= 200; it++)
    {
      double grad[2], hess[2][2], det, step[2], f0, scale = 1.0;

      result->iterations = it;
      derivatives (&pr, theta, grad, hess);
      if (fabs (grad[0]) < 1e-9 && fabs (grad[1]) < 1e-9)
        {
          result->converged = TRUE;
          break;
        }
      det = hess[0][0] * hess[1][1] - hess[0][1] * hess[1][0];
      if (hess[0][0] < 0.0 && det > 0.0)
        {
          step[0] = -(hess[1][1] * grad[0] - hess[0][1] * grad[1]) / det;
          step[1] = -(-hess[1][0] * grad[0] + hess[0][0] * grad[1]) / det;
        }
      else
        {
          /* not concave here: a gradient step */
          step[0] = 0.1 * grad[0];
          step[1] = 0.1 * grad[1];
        }
      f0 = loglik (&pr, theta[0], theta[1]);
      while (scale > 1e-10 &&
             !(loglik (&pr, theta[0] + scale * step[0], theta[1] + scale * step[1]) >= f0 - 1e-12))
        scale /= 2.0;
      theta[0] += scale * step[0];
      theta[1] += scale * step[1];
      if (fabs (scale * step[0]) < 1e-13 && fabs (scale * step[1]) < 1e-13)
        {
          result->converged = TRUE;
          break;
        }
    }

  theta[1] = fabs (theta[1]);
  result->beta = theta[0];
  result->tau2 = theta[1] * theta[1];
  result->loglik = loglik (&pr, theta[0], theta[1]);

  /* se from the inverse Hessian of -loglik in (beta, tau) */
  {
    double grad[2], hess[2][2], det;

    derivatives (&pr, theta, grad, hess);
    det = hess[0][0] * hess[1][1] - hess[0][1] * hess[1][0];
    if (theta[1] > 1e-6 && det > 0.0)
      result->se = sqrt (-hess[1][1] / det);
    else
      result->se = sqrt (-1.0 / hess[0][0]);   /* tau at 0: beta alone */
  }
  result->ci_lb = result->beta - zcrit * result->se;
  result->ci_ub = result->beta + zcrit * result->se;
  result->z = result->beta / result->se;
  result->p_value = 2.0 * gsl_cdf_ugaussian_Q (fabs (result->z));
  result->estimate = 1.0 / (1.0 + exp (-result->beta));
  result->lower = 1.0 / (1.0 + exp (-result->ci_lb));
  result->upper = 1.0 / (1.0 + exp (-result->ci_ub));

  /* I^2 and H^2 with the typical within-study variance of escalc's logits (add 0.5 to studies
   * with 0 or n events), as rma.glmm */
  {
    double sw = 0.0, sw2 = 0.0, s2;

    for (guint i = 0; i < k; i++)
      {
        double x = events[i], m = (double) total[i] - events[i], vi, wi;

        if (x == 0 || m == 0)
          {
            x += 0.5;
            m += 0.5;
          }
        vi = 1.0 / x + 1.0 / m;
        wi = 1.0 / vi;
        sw += wi;
        sw2 += wi * wi;
      }
    s2 = k > 1 ? (k - 1.0) * sw / (sw * sw - sw2) : NAN;
    result->i2 = k > 1 ? 100.0 * result->tau2 / (s2 + result->tau2) : 0.0;
    result->h2 = k > 1 ? result->tau2 / s2 + 1.0 : 1.0;
  }

  gsl_integration_fixed_free (rule);

  return g_steal_pointer (&result);
}

void
ep_glmm_result_free (EpGlmmResult *result)
{
  g_free (result);
}
