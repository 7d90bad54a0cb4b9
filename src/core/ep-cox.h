/* ep-cox.h: Cox proportional hazards regression
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_COX_ERROR (ep_cox_error_quark ())

typedef enum
{
  EP_COX_ERROR_INPUT,       /* a time, status, covariate or stratum code is out of range */
  EP_COX_ERROR_NO_EVENTS,   /* every observation is censored */
  EP_COX_ERROR_SINGULAR,    /* not one coefficient can be estimated */
  EP_COX_ERROR_OVERFLOW,    /* exp (eta) overflows even after recentring */
  EP_COX_ERROR_CANCELLED,   /* options->cancel was set */
} EpCoxError;

typedef enum
{
  EP_COX_TIES_EFRON,
  EP_COX_TIES_BRESLOW,
} EpCoxTies;

/* Defaults are coxph.control()'s: eps 1e-9, toler_chol .Machine$double.eps^0.75,
 * iter_max 20, toler_inf sqrt (eps); conf_level 0.95. iter_max = 0 evaluates the model at
 * beta = 0 only, as coxph (..., iter.max = 0): coef 0, score u(0), var I(0)^-1, converged
 * FALSE and no warning. */
typedef struct
{
  EpCoxTies           ties;
  guint               iter_max;
  double              eps;
  double              toler_chol;
  double              toler_inf;
  double              conf_level;
  const char * const *term_names;  /* p names used in warnings; NULL: "x1", "x2", … */
  const gint         *cancel;      /* read atomically between iterations; NULL: never */
  gboolean            timefix;     /* R's tie rule (ep-timefix.h), coxph.control's timefix;
                                    * default TRUE */
  const double       *weights;     /* n case weights > 0 (coxph's weights =), or NULL: all 1.
                                    * Each row counts as that many copies: sums over the risk
                                    * set and over the events are weighted; Efron's d terms
                                    * of a tied time carry the mean weight of its events. The
                                    * concordance stays unweighted. */
  gboolean            skip_concordance; /* leave Harrell's C out (NaN, counts 0): a caller
                                         * that needs only the coefficients (a figure's HR)
                                         * saves its sort and pass; default FALSE */
} EpCoxOptions;

void        ep_cox_options_init (EpCoxOptions *options);

typedef struct
{
  gsize     n;              /* observations (rows) used */
  gsize     n_events;
  guint     p;              /* terms */

  /* Per term, length p. A coefficient that the design cannot identify (a column collinear
   * with earlier ones) is NAN in coef, se, hr, hr_lower, hr_upper, z and p, and singular[j] is
   * TRUE. infinite[j] is TRUE when the likelihood is monotone in that coefficient (coxph's
   * "coefficient may be infinite"): the number is then the value at which the log-likelihood
   * stopped changing, not an estimate. */
  double   *coef;
  double   *se;
  double   *hr;
  double   *hr_lower;
  double   *hr_upper;
  double   *z;
  double   *p_value;
  gboolean *singular;
  gboolean *infinite;
  double   *var;            /* p x p row-major inverse information (0 rows for singular) */
  double   *means;          /* the centring constants (0 for a column of -1/0/1 values) */
  double   *score;          /* the score vector u at the final coefficients */

  double    conf_level;
  double    loglik_null;    /* partial log-likelihood at beta = 0 */
  double    loglik;         /* at the fit */
  double    lr_chisq;       /* 2 (loglik - loglik_null) */
  double    wald_chisq;     /* coef' var^-1 coef over the identified coefficients */
  double    score_chisq;    /* u(0)' I(0)^-1 u(0), the score (log-rank) test */
  guint     df;             /* identified coefficients: the df of the three tests */
  double    lr_p;
  double    wald_p;
  double    score_p;

  /* Harrell's C as coxph reports it (survival::concordancefit (y, lp, strata,
   * reverse = TRUE, timefix = FALSE)): the counts of comparable pairs and the
   * infinitesimal-jackknife standard error. */
  double    concordance;
  double    concordance_se;
  double    concordant;     /* pairs where the earlier event has the higher risk score */
  double    discordant;
  double    tied_risk;      /* comparable pairs with equal risk scores (count 1/2) */
  double    tied_time;      /* events at the same time, risk scores differ (not comparable) */
  double    tied_both;      /* events at the same time with equal risk scores */

  guint     iterations;
  gboolean  converged;
  guint     rank;           /* of the information matrix at the fit */
  char    **warnings;       /* NULL-terminated, translated; empty when none */
  gboolean  timefix;        /* R's tie rule was applied */
  gsize     n_timefix;      /* observations whose start or stop time it merged */
} EpCoxFit;

GQuark      ep_cox_error_quark  (void);

/* ep_cox_fit: Cox proportional hazards model by Newton-Raphson on the partial likelihood,
 * as R's survival::coxph (coxph.fit/coxfit6 for right-censored data, agreg.fit/agfit4 for
 * (start, stop] data), survival 3.5.
 *
 * Input:   n        observations, n >= 1
 *          start    n entry times, or NULL for right-censored data (everyone at risk from
 *                   -infinity); with start, observation i is at risk on (start[i], stop[i]]
 *          stop     n event or censoring times, any finite doubles (start[i] < stop[i])
 *          status   n codes: 1 event, 0 censored (anything else is an error)
 *          x        the n x p design matrix, row-major (x[i * p + j]), finite
 *          p        number of terms, p >= 1
 *          strata   n stratum codes in [0, n_strata), or NULL for one stratum; each stratum
 *                   has its own baseline hazard, the coefficients are shared
 *          options  NULL for the defaults (Efron ties)
 * Output:  an EpCoxFit (free with ep_cox_fit_free), or NULL with error set.
 *
 * Method:  the partial log-likelihood, summed over strata and distinct event times t with d
 *          events D(t) and risk set R(t) (Therneau & Grambsch 2000, sec. 3.3; Efron 1977):
 *            Breslow  l = sum_t [ sum_{i in D} eta_i - d log S0 ]
 *            Efron    l = sum_t sum_{k=0}^{d-1} [ eta_{i_k} - log (S0 - k/d S0_D) ]
 *          with eta = x beta, S0 = sum_{R(t)} exp (eta), S0_D its part over D(t); the score u
 *          and information I are the first and minus second derivatives with the same
 *          weighted means (the Efron terms use the k/d-thinned sums, summed in closed form
 *          so that d tied events cost O(d + p^2), not O(d p^2)). Covariates are centred
 *          at their mean and scaled by the mean absolute deviation, except a column whose
 *          values are all in {-1, 0, 1} (coxph's nocenter); the coefficients are reported on
 *          the original scale. One pass per iteration over the rows sorted once by (stratum,
 *          stop) descending accumulates u and I in O(n p^2); with start times a second order
 *          by start removes rows as they leave the risk set. If the mean eta of a batch
 *          drifts more than 200 from the current reference, the sums are rescaled (agfit4's
 *          recentring), so exp never overflows for sane data.
 *          Newton-Raphson from beta = 0: the step solves I delta = u by a Cholesky (LDL')
 *          factorisation whose pivot below toler_chol x max diag(I) marks the column as
 *          redundant (its step and variance are 0: coxph's cholesky2/chsolve2/chinv2). When
 *          the log-likelihood falls, the step is halved toward the previous beta
 *          (beta <- (beta_new + h beta_old) / (h + 1), h = 1, 2, …).
 * Convergence: |1 - loglik_old / loglik_new| <= eps, at most iter_max iterations; for
 *          (start, stop] data only on a full (not halved) step, as agfit4. Not converging is
 *          reported in converged and warnings, with the best estimate so far; if then the
 *          largest linear predictor exceeds 500 or the remaining step is not finite, every
 *          identified term is flagged infinite ("One or more coefficients may be infinite").
 * Tests:   LR 2 (l(beta) - l(0)); Wald beta' V^-1 beta (coxph.wtest, the same Cholesky on
 *          V restricted to identified terms); score u(0)' I(0)^-1 u(0). df = identified
 *          terms; p from the chi-square upper tail. Per term z = beta / se, two-sided normal
 *          p, HR = exp (beta) with exp (beta -+ z_{(1+level)/2} se).
 * Monotone likelihood: after convergence, a term whose remaining Newton step
 *          |(u' V)_j| exceeds eps and toler_inf |beta_j| (right-censored; coxph.fit) or
 *          toler_inf (1 + |beta_j|) ((start, stop]; agreg.fit) is flagged infinite, with
 *          coxph's warning "Loglik converged before variable j; coefficient may be infinite".
 * Singular design: a collinear column gets coef NAN, singular TRUE and the warning "X
 *          matrix deemed to be singular; variable j", as coxph with singular.ok = TRUE. If no
 *          coefficient is identified at all, EP_COX_ERROR_SINGULAR.
 * Concordance: see ep_concordance() in core/ep-concordance.h, on lp = x beta (unidentified
 *          terms counted as 0), within strata.
 * Errors:  n or p = 0, a non-finite value, stop <= start, a status other than 0/1 or a
 *          stratum code out of range: EP_COX_ERROR_INPUT naming the observation, counted
 *          from 1 (a caller with a file checks these first, with file lines); no event at
 *          all: EP_COX_ERROR_NO_EVENTS (coxph would return NA on 0 df); options->cancel set:
 *          EP_COX_ERROR_CANCELLED.
 * Ties:    with options->timefix (the default) start and stop times that differ only by
 *          rounding error are merged first by R's rule (ep_timefix(), coxph's timefix = TRUE).
 * Memory:  the sorted, centred copy of the design (n p doubles) and the times, status and
 *          linear predictor in time order, from ep_big_alloc(); the caller's stop, start and x
 *          are not read after that copy is made, and the design's copy is freed before the
 *          concordance's work arrays are taken.
 * Re-entrant: no globals; all work arrays are allocated per call. */
EpCoxFit   *ep_cox_fit          (gsize               n,
                                 const double       *start,
                                 const double       *stop,
                                 const int          *status,
                                 const double       *x,
                                 guint               p,
                                 const guint        *strata,
                                 guint               n_strata,
                                 const EpCoxOptions *options,
                                 GError            **error);

/* One term of the design as ep_cox_fit_columns() reads it: a numeric covariate, or the 0/1
 * indicator of one level of a factor (treatment coding, as ep_design_new() makes it). */
typedef struct
{
  const double *numbers;   /* n values, or NULL for an indicator */
  const guint  *codes;     /* numbers NULL: the term is 1.0 where codes[i] == code, else 0.0 */
  guint         code;
} EpCoxColumn;

/* ep_cox_fit_columns: ep_cox_fit() with the design given as p columns instead of the n x p
 * row-major matrix: term j of row i is columns[j].numbers[i], or (codes[i] == code) for an
 * indicator. The same numbers to the last bit as ep_cox_fit() on the matrix these columns
 * make (the same sums in the same order; tests/test-cox.c checks it); the fit builds its one
 * time-ordered, centred copy straight from the columns, so a caller needs no row-major copy
 * of its data (at a million rows and 6 terms that is 48 MB less at the peak). Errors name the
 * first bad (observation, covariate) in row order, as ep_cox_fit(). */
EpCoxFit   *ep_cox_fit_columns  (gsize               n,
                                 const double       *start,
                                 const double       *stop,
                                 const int          *status,
                                 const EpCoxColumn  *columns,
                                 guint               p,
                                 const guint        *strata,
                                 guint               n_strata,
                                 const EpCoxOptions *options,
                                 GError            **error);

void        ep_cox_fit_free     (EpCoxFit           *fit);

/* The walk of each iteration on two threads for strata of right-censored rows of at least
 * min_rows (results to rounding, not to the bit; off unless EP_COX_THREADS=2, with
 * EP_THREAD_MIN_ROWS, default 100000). Tests: threads 1 or 2 over the environment; 0: back
 * to it. */
void        ep_cox_set_threads  (guint               threads,
                                 gsize               min_rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpCoxFit, ep_cox_fit_free)

G_END_DECLS
