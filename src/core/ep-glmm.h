/* ep-glmm.h: pooled proportions by a random-intercept logistic regression (GLMM)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers are those of R metafor 3.8-1's rma.glmm (measure = "PLO"), which fits
 *   lme4::glmer (cbind (xi, ni - xi) ~ 1 + (1 | study), family = binomial, nAGQ = 7)
 * (lme4 1.1-31): maximum likelihood with the random intercept integrated out by adaptive
 * Gauss-Hermite quadrature with 7 nodes per study (rma.glmm's default nAGQ = 7; nAGQ = 1 would
 * be the Laplace approximation). See tests/data/reference/make_synthesis.R.
 */
#pragma once

#include <glib.h>

#include "core/ep-meta.h"

G_BEGIN_DECLS

typedef struct
{
  guint    k;
  guint    n_agq;        /* quadrature nodes per study (7) */
  /* random-effects model */
  double   beta;         /* pooled logit */
  double   se;           /* from the inverse Hessian of -loglik in (tau, beta), as lme4's vcov */
  double   ci_lb;
  double   ci_ub;
  double   z;
  double   p_value;
  double   estimate;     /* inverse logit of beta, lower and upper */
  double   lower;
  double   upper;
  double   tau2;         /* tau^2 = theta^2 */
  double   i2;           /* 100 tau^2 / (s^2 + tau^2), s^2 from escalc's logit variances */
  double   h2;
  double   loglik;       /* marginal log-likelihood (with the binomial coefficients) */
  /* fixed-effect model: glm (cbind (xi, ni - xi) ~ 1, family = binomial) */
  double   fixed_beta;
  double   fixed_se;
  double   fixed_estimate;
  double   fixed_lower;
  double   fixed_upper;
  /* likelihood-ratio test for heterogeneity, rma.glmm's QE.LRT: 2 (ll_saturated - ll_FE),
   * df k - 1 */
  double   q_lrt;
  guint    q_df;
  double   q_lrt_p;
  gboolean converged;
  guint    iterations;
} EpGlmmResult;

/* ep_glmm_pool: the random-intercept logistic model
 *     x_i ~ Binomial (n_i, p_i),  logit p_i = beta + tau u_i,  u_i ~ N (0, 1)
 * fitted by maximum likelihood over (beta, tau).
 * Integration: for each study, h(u) = x (beta + tau u) - n log (1 + e^(beta + tau u)) - u^2 / 2
 *   is maximised by Newton (mode u*, sigma = (-h''(u*))^-1/2) and
 *   L_i = (2 pi)^-1/2 sqrt 2 sigma sum_j w_j exp (h (u* + sqrt 2 sigma z_j) + z_j^2)
 *   with the n_agq-point Gauss-Hermite rule (z_j, w_j) (GSL's gsl_integration_fixed hermite);
 *   with n_agq = 1 this is the Laplace approximation. As lme4's nAGQ > 1 fit (the conditional
 *   modes are found with beta fixed; beta and tau are optimised together).
 * Optimisation: Newton-Raphson on (beta, tau) with central-difference derivatives and step
 *   halving, from the fixed-effect beta and tau = 0.5, to a gradient below 1e-9; tau is reported
 *   as |tau| (the likelihood is even in tau). lme4 stops its derivative-free optimiser earlier
 *   (its default tolerances), so the agreement with R is about 1e-4 relative, not 1e-6.
 * Standard error: the beta-block of the inverse of the central-difference Hessian of
 *   -loglik in (tau, beta), as lme4's vcov () with its finite-difference Hessian; CI
 *   beta -+ z se, z test (rma.glmm's test = "z").
 * Input:   events, total  [k] x_i <= n_i, n_i >= 1; k >= 1; level in (0, 1); n_agq 1 .. 25.
 * Errors:  EP_META_ERROR_INVALID for bad counts; EP_META_ERROR_NO_STUDIES for k = 0. */
EpGlmmResult *ep_glmm_pool         (const guint   *events,
                                    const guint   *total,
                                    guint          k,
                                    double         level,
                                    guint          n_agq,
                                    GError       **error);

void          ep_glmm_result_free  (EpGlmmResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpGlmmResult, ep_glmm_result_free)

G_END_DECLS
