/* ep-cox-robust.h: the robust (sandwich) variance of a Cox model, with clusters
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ep-cox.h"

G_BEGIN_DECLS

/* ep_cox_robust_variance: the infinitesimal-jackknife (sandwich) variance of the coefficients
 * of a fitted Cox model, summed within clusters (Lin & Wei, JASA 1989; Therneau & Grambsch
 * 2000, sec. 7.2), as R survival 3.5's coxph (..., cluster = id) "robust se" and fit$var.
 *
 * Input:   n, start, stop, status, x, p, strata, n_strata: the data ep_cox_fit() was given
 *          weights   the fit's case weights, or NULL
 *          cluster   n cluster codes in [0, n_clusters) (patients of repeated events, the eyes
 *                    of one patient), or NULL: each observation its own cluster
 *          fit, ties, timefix  the fit and the options it was made with
 * Output:  robust_var, p x p row-major; returns FALSE (and fills NaN) when the fit has no
 *          variance to start from.
 *
 * Method (coxph.fit / residuals.coxph (type = "dfbeta", weighted = TRUE), C routines
 *          coxscore2 and agscore2): the score residual of observation i,
 *            U_i = sum over event times t with i at risk of
 *                  [i died at t] (x_i - xbar(t)) - r_i dLambda(t) (x_i - xbar(t)),
 *          r_i = exp (x_i beta), dLambda(t) = (weighted deaths at t) / sum_R w r, xbar(t) the
 *          risk-weighted mean; with Efron ties the d tied deaths enter the d terms in
 *          fractions: term k (k = 0..d-1) has the deaths down-weighted by k/d in its mean and
 *          denominator, each death gets 1/d of its (x_i - xbar_k) and (1 - k/d) of the hazard
 *          part. dfbeta_i = U_i V (V the model-based variance), D_c = sum_{i in c} w_i
 *          dfbeta_i, robust_var = sum_c D_c D_c'. Risk sets of (start, stop] data are
 *          {start < t <= stop}.
 * Cost:    O(n D p) for D distinct event times. */
gboolean     ep_cox_robust_variance (gsize               n,
                                     const double       *start,
                                     const double       *stop,
                                     const int          *status,
                                     const double       *x,
                                     guint               p,
                                     const guint        *strata,
                                     guint               n_strata,
                                     const double       *weights,
                                     const guint        *cluster,
                                     guint               n_clusters,
                                     const EpCoxFit     *fit,
                                     EpCoxTies           ties,
                                     gboolean            timefix,
                                     double             *robust_var);

G_END_DECLS
