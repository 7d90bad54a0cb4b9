/* ep-crr.h: Fine-Gray proportional subdistribution hazards regression
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers are those of R's cmprsk 2.2-11 crr() (coefficients, robust variance, pseudo
 * log-likelihoods, baseline jumps) and predict.crr() (cumulative incidence for covariate values):
 * see tests/data/reference/make_synthesis.R for the R calls.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_CRR_ERROR (ep_crr_error_quark ())

typedef enum
{
  EP_CRR_ERROR_INVALID_INPUT,   /* a bad time, status or covariate value */
  EP_CRR_ERROR_NO_EVENTS,       /* no failure from the cause of interest */
  EP_CRR_ERROR_SINGULAR,        /* the information matrix cannot be inverted */
} EpCrrError;

typedef struct
{
  gsize    n;
  guint    p;
  double  *coef;          /* [p] beta */
  double  *var;           /* [p * p] row-major robust (sandwich) variance, crr's $var */
  double  *se;            /* [p] sqrt (diag var) */
  double  *z;             /* [p] coef / se */
  double  *p_value;       /* [p] 2 (1 - Phi (|z|)) */
  double  *hr;            /* [p] exp (coef): the subdistribution hazard ratio */
  double  *lower;         /* [p] exp (coef -+ z_level se) */
  double  *upper;
  double   level;
  double   loglik;        /* pseudo log-likelihood at beta (crr's $loglik) */
  double   loglik_null;   /* at beta = 0 ($loglik.null) */
  double   wald_chisq;    /* beta' var^-1 beta, df p */
  double   wald_p;
  gboolean converged;
  guint    iterations;
  guint    n_events;      /* failures from the cause of interest */
  guint    n_competing;   /* failures from other causes */
  guint    n_times;       /* distinct failure times of the cause ($uftime) */
  double  *times;         /* [n_times] */
  double  *jumps;         /* [n_times] baseline subdistribution hazard jumps ($bfitj) */
} EpCrrResult;

GQuark        ep_crr_error_quark    (void);

/* ep_crr_fit: Fine and Gray's (1999) proportional subdistribution hazards model, as
 * cmprsk::crr (ftime, fstatus, cov1, failcode, cencode) with one censoring group and no
 * time-varying covariates.
 *
 * Input:   time     n times >= 0, finite
 *          status   n codes: 0 censored, 1 failure from the cause of interest, 2 from another
 *          x        n x p covariates, row-major; p >= 1
 *          level    confidence level of the hazard-ratio intervals (0.95)
 * Method:  G(t-) is the Kaplan-Meier estimate of the censoring distribution (censoring as the
 *   event, all other observations at risk) just before t. At a distinct failure time t of the
 *   cause, subject j has weight w_j(t) = 1 if t_j >= t; G(t-) / G(t_j-) if t_j < t and j failed
 *   from another cause; 0 otherwise (censored or failed from the cause before t). With
 *   S_r(t) = sum_j w_j(t) e^(x_j b) x_j^(r), the pseudo log-likelihood is
 *   l(b) = sum over failures i of the cause [x_i b - log S_0(t_i)] (Breslow ties), the score
 *   U = sum (x_i - S_1/S_0) and the information I = sum (S_2/S_0 - (S_1/S_0)^2).
 *   Newton-Raphson as crr: from b = 0, step -I^-1 (-U) with backtracking (halve while
 *   -l(b + s) > -l(b) + 1e-4 s'(-U), at most 20 times); converged when
 *   max |U_j| max (|b_j|, 1) < max (|l|, 1) 1e-6; at most 10 steps (crr's gtol and maxiter).
 *   Variance: the sandwich I^-1 (sum_i (eta_i + psi_i)^2) I^-1 of Fine and Gray, where eta_i is
 *   subject i's score residual (dN_i minus its weighted share of each dLambda) and psi_i the
 *   term for the estimated censoring distribution:
 *     q(u) = sum over failures j of the cause with t_j >= u of (1/S_0(t_j)) sum over subjects k
 *            failed from another cause with t_k < u of e^(x_k b) G(t_j-)/G(t_k-) (x_k - xbar(t_j)),
 *     psi_i = -sum over censoring times u <= t_i of c(u) q(u) / R(u)^2 + [i censored] q(t_i) / R(t_i),
 *   c(u) the number censored at u and R(u) the number with time >= u. Sums are taken with
 *   running totals, so the cost is O(n p^2) after one sort (crr's Fortran loops are O(n^2) and
 *   O(n^3)); they agree with crr to rounding.
 *   jumps: d(t) / S_0(t) at each distinct failure time (crr's bfitj).
 * Errors:  EP_CRR_ERROR_INVALID_INPUT (naming the 0-based observation), EP_CRR_ERROR_NO_EVENTS,
 *          EP_CRR_ERROR_SINGULAR. A fit that did not converge is returned with converged FALSE. */
EpCrrResult  *ep_crr_fit            (const double   *time,
                                     const int      *status,
                                     const double   *x,
                                     gsize           n,
                                     guint           p,
                                     double          level,
                                     GError        **error);

void          ep_crr_result_free    (EpCrrResult    *result);

/* ep_crr_wald: the Wald test of the coefficients listed in terms (m of them, e.g. a factor's
 * indicators): b_S' var_S^-1 b_S on m df. FALSE if var_S is singular. */
gboolean      ep_crr_wald           (const EpCrrResult *result,
                                     const guint       *terms,
                                     guint              m,
                                     double            *chisq,
                                     double            *p_value);

/* ep_crr_predict: the cumulative incidence of the cause for covariates z [p], as predict.crr:
 * F(t) = 1 - exp (-e^(z b) sum over failure times s <= t of jumps(s)), at each of the result's
 * times; returns a new array of n_times values. */
double       *ep_crr_predict        (const EpCrrResult *result,
                                     const double      *z);

/* F at time t from ep_crr_predict()'s values: 0 before the first failure time. */
double        ep_crr_predict_at     (const EpCrrResult *result,
                                     const double      *cif,
                                     double             t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpCrrResult, ep_crr_result_free)

G_END_DECLS
