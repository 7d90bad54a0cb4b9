/* ep-meta-reg.h: random-effects meta-regression (rma.uni with moderators), the τ² estimators
 * PM, SJ, ML beside DL and REML, and Egger's regression test (regtest)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers agree with R metafor 3.8-1 (rma.uni, regtest): see tests/test-meta-reg.c and
 * tests/data/reference/make_synthesis.R for the R calls.
 */
#pragma once

#include <glib.h>

#include "core/ep-meta.h"

G_BEGIN_DECLS

/* A fitted model y = X beta + u + e, u ~ N(0, tau^2), e_i ~ N(0, v_i). */
typedef struct
{
  guint    k;
  guint    p;
  double   tau2;
  double  *beta;        /* [p] */
  double  *vb;          /* [p * p] row-major (X'WX)^-1, W = diag (1 / (v + tau^2)) */
  double   qe;          /* test for residual heterogeneity: y'Py with w = 1 / v */
  guint    qe_df;       /* k - p */
  double   ll;          /* ML or REML log-likelihood at tau^2 (NaN for the other methods) */
  gboolean converged;   /* FALSE: ML/REML scoring or the PM search stopped early */
  guint    iterations;  /* Fisher scoring steps (ML, REML), 0 otherwise */
  gboolean damped;      /* a Fisher step was halved because the likelihood fell */
} EpMetaRegFit;

/* ep_meta_reg_fit: the τ² estimate and the weighted least-squares coefficients of a
 * random-effects meta-regression, as metafor 3.8's rma.uni (yi, vi, mods = X[, -1], method =).
 *
 * Input:   y, v    [k] effect sizes and sampling variances (v > 0, finite)
 *          x       [k * p] row-major design matrix (first column 1 for an intercept), rank p,
 *                  k > p (k = p only with EP_META_METHOD_FE)
 *          method  FE, DL, REML, PM, SJ or ML; options for level, max_iter, threshold
 * τ², with W = diag (w), w = 1 / (v + τ²), P = W - W X (X'WX)^-1 X'W, and P0, W0 those at τ² = 0:
 *   FE    0
 *   DL    max (0, (y'P0y - (k - p)) / tr P0)
 *   SJ    τ0² = sum (y - ybar)² / k (ybar the unweighted mean); τ² = τ0² y'P(τ0²)y / (k - p)
 *   PM    the root of y'P(τ²)y = k - p (0 when y'P0y < k - p), found by bisection refined with
 *         the secant to |step| < 1e-12 (metafor: uniroot with tol 1.2e-4 in [0, 100]; the
 *         reference uses control = list(tol = 1e-12) so both give the root itself; here the
 *         bracket is doubled past 100 when needed instead of stopping)
 *   ML    Fisher scoring from the Hedges estimate: τ² += (y'PPy - sum w) / sum w²
 *   REML  Fisher scoring from the Hedges estimate: τ² += (y'PPy - tr P) / tr PP
 *         Both as rma.uni: a step that would leave τ² < 0 is halved until it does not; converged
 *         when a step changes τ² by at most options->threshold; not converged after max_iter
 *         steps; then ll0check (τ² = 0 when the likelihood there is higher by more than
 *         DBL_EPSILON^(1/4)). Damping, beyond metafor: a step after which the log-likelihood
 *         is lower than before is halved (up to 60 times) until it is not, and a slow oscillation
 *         (see ep_meta_damp_step()) takes the secant step instead; convergence is then judged on
 *         the step taken. Where neither happens the iterations and the estimate are metafor's;
 *         where Fisher scoring oscillates (metafor stops "did not converge") the fit reaches the
 *         maximum that metafor finds with control = list(stepadj = 0.5).
 * beta = (X'WX)^-1 X'Wy, vb = (X'WX)^-1 (no Knapp-Hartung factor: the caller applies it).
 * Returns: NULL with EP_META_ERROR_INVALID for a singular X'WX or bad input. */
EpMetaRegFit *ep_meta_reg_fit        (const double        *y,
                                      const double        *v,
                                      const double        *x,
                                      guint                k,
                                      guint                p,
                                      const EpMetaOptions *options,
                                      GError             **error);

void          ep_meta_reg_fit_free   (EpMetaRegFit        *fit);

/* The damping of ML and REML Fisher scoring shared by ep_meta_pool() and ep_meta_reg_fit().
 * step is the full Fisher step at tau2 (already kept >= 0), last_* the previous point. When the
 * step changes sign and shrinks by less than half (scoring oscillates slowly, the case where
 * metafor stops after 100 steps), *taken is the secant step to the root of the Fisher step
 * through the last two points and TRUE is returned; otherwise *taken = step. */
gboolean      ep_meta_damp_step      (guint                iter,
                                      double               tau2,
                                      double               step,
                                      double              *last_tau2,
                                      double              *last_step,
                                      double              *taken);

/* Q_gen (τ²) = y'P(τ²)y of the intercept-only model, metafor's .QE.func: the generalised
 * Q statistic that the Paule-Mandel estimator and the Q-profile interval invert. */
double        ep_meta_reg_qgen       (const double        *y,
                                      const double        *v,
                                      guint                k,
                                      double               tau2);

/* Egger's regression test for funnel-plot asymmetry, as regtest (x) for a model x fitted with
 * rma.uni (yi, vi, method =, test =): the default model = "rma", predictor = "sei".
 *   rma (yi, vi, mods = ~ sqrt (vi), method = x's method, test = x's test): the coefficient of
 *   sqrt (vi) is tested (z, or t with k - 2 df under Knapp-Hartung), and the intercept is the
 *   "limit estimate" (the effect as the standard error goes to 0) with its CI.
 * Knapp-Hartung as rma.uni: vb multiplied by sum w (y - X beta)^2 / (k - p). Needs k >= 3. */
typedef struct
{
  double   statistic;   /* z (or t) of the sqrt (vi) coefficient */
  double   df;          /* NaN for z, k - 2 for t */
  double   p_value;
  double   slope;       /* the coefficient of sqrt (vi) and its SE */
  double   slope_se;
  double   limit;       /* intercept: the limit estimate, on the pooling scale */
  double   limit_lb;
  double   limit_ub;
  double   tau2;        /* residual τ² of the regression */
  gboolean converged;
} EpMetaRegtest;

gboolean      ep_meta_regtest        (const double        *y,
                                      const double        *v,
                                      guint                k,
                                      const EpMetaOptions *options,
                                      EpMetaRegtest       *out,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpMetaRegFit, ep_meta_reg_fit_free)

G_END_DECLS
