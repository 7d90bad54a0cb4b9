/* ep-meta.h: evidence synthesis: pooled proportions and ratios, fixed and random effects
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers agree with R metafor 3.8 (rma.uni, escalc, predict.rma, transf.*): see
 * ep_meta_pool() for the contract and tests/test-meta.c for the R calls that check it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_META_ERROR (ep_meta_error_quark ())

typedef enum
{
  EP_META_ERROR_NO_STUDIES,   /* k = 0, or a subgroup with no study */
  EP_META_ERROR_INVALID,      /* a count, variance or ratio that cannot be analysed */
} EpMetaError;

/* The effect size of each study, and the scale on which studies are pooled. */
typedef enum
{
  EP_META_MEASURE_LOGIT,      /* proportions x/n, pooled as log (x / (n - x)): metafor "PLO" */
  EP_META_MEASURE_FT,         /* proportions x/n, pooled as the Freeman-Tukey double arcsine: "PFT" */
  EP_META_MEASURE_LOG_RATIO,  /* generic (yi, vi), yi a log ratio (HR, OR, RR); reported as exp */
  EP_META_MEASURE_GENERIC,    /* generic (yi, vi), reported on their own scale */
} EpMetaMeasure;

/* The estimator of the between-study variance tau^2 of the random-effects model. */
typedef enum
{
  EP_META_METHOD_FE,          /* none: the "random" model is the fixed-effect model */
  EP_META_METHOD_DL,          /* DerSimonian-Laird (method of moments) */
  EP_META_METHOD_REML,        /* restricted maximum likelihood, Fisher scoring */
  EP_META_METHOD_PM,          /* Paule-Mandel: generalised Q equal to its expectation */
  EP_META_METHOD_SJ,          /* Sidik-Jonkman */
  EP_META_METHOD_ML,          /* maximum likelihood, Fisher scoring */
  EP_META_METHOD_GLMM,        /* proportions (logit) only: random-intercept logistic model */
} EpMetaMethod;

typedef struct
{
  EpMetaMethod method;        /* default EP_META_METHOD_DL */
  gboolean     knapp_hartung; /* random-effects model only: test = "knha"; default FALSE */
  double       level;         /* confidence level of every interval; default 0.95 */
  guint        max_iter;      /* REML: Fisher scoring steps allowed; default 100 */
  double       threshold;     /* REML: converged when tau^2 changes by less; default 1e-5 */
} EpMetaOptions;

/* The studies. For proportions set events and total; for generic input set yi and vi. */
typedef struct
{
  guint          k;           /* number of studies */
  EpMetaMeasure  measure;
  const guint   *events;      /* [k] x_i, 0 <= x_i <= n_i (proportions) */
  const guint   *total;       /* [k] n_i >= 1 (proportions) */
  const double  *yi;          /* [k] effect sizes on the pooling scale (generic) */
  const double  *vi;          /* [k] their sampling variances, > 0 (generic) */
  const guint   *subgroup;    /* [k] NULL, or each study's subgroup in 0 .. n_subgroups - 1 */
  guint          n_subgroups; /* each subgroup must hold at least one study */
  const char * const *subgroup_names; /* [n_subgroups] NULL, or names used in warnings */
} EpMetaData;

/* One pooled estimate: on the pooling scale (beta, se, ci_lb, ...) and back-transformed to the
 * scale of the data (estimate, lower, ...): the inverse logit, the inverse Freeman-Tukey
 * transformation at the harmonic mean of the pool's n_i, exp, or the identity. */
typedef struct
{
  double beta;                /* pooled effect, pooling scale */
  double se;                  /* its standard error (Knapp-Hartung adjusted where asked) */
  double ci_lb;
  double ci_ub;
  double pi_lb;               /* prediction interval, pooling scale; NaN for a fixed-effect model */
  double pi_ub;
  double statistic;           /* beta / se: z, or t with df degrees of freedom */
  double df;                  /* t degrees of freedom (Knapp-Hartung), NaN for z */
  double p_value;             /* two-sided test of beta = 0 */
  double estimate;            /* back-transformed */
  double lower;
  double upper;
  double pi_lower;            /* NaN for a fixed-effect model */
  double pi_upper;
} EpMetaEstimate;

/* A set of studies pooled together: all of them, or one subgroup. */
typedef struct
{
  guint          k;
  EpMetaEstimate fixed;       /* inverse-variance fixed effect, always with the z test */
  EpMetaEstimate random;      /* the options' method (equal to fixed for EP_META_METHOD_FE) */
  double         tau2;        /* 0 for EP_META_METHOD_FE */
  double         i2;          /* percent; see ep_meta_pool() */
  double         h2;
  double         q;           /* Cochran's Q with fixed-effect weights */
  guint          q_df;        /* k - 1 */
  double         q_p;         /* P (chi^2_{k-1} > q); 1 when k = 1 */
  gboolean       converged;   /* FALSE: REML stopped after max_iter steps; tau^2 is the last step */
  guint          iterations;  /* REML Fisher scoring steps taken; 0 otherwise */
  gboolean       damped;      /* ML/REML: a Fisher step was halved because the likelihood fell */
  /* Q-profile confidence interval of tau^2 (confint.rma.uni, type "QP") at the options' level,
   * and the I^2 and H^2 intervals derived from it; NaN for FE and for k = 1. */
  double         tau2_lb;
  double         tau2_ub;
  double         i2_lb;
  double         i2_ub;
  double         h2_lb;
  double         h2_ub;
} EpMetaPool;

typedef struct
{
  EpMetaMeasure  measure;
  EpMetaMethod   method;
  gboolean       knapp_hartung;
  double         level;
  guint          k;

  /* Per study, in input order. */
  double        *yi;               /* effect size on the pooling scale (after any correction) */
  double        *vi;               /* its sampling variance */
  gboolean      *corrected;        /* logit: 0.5 was added to both cells (0 or n events) */
  double        *estimate;         /* x/n, exp (yi) or yi */
  double        *lower;            /* proportions: Clopper-Pearson; otherwise yi -+ z sqrt (vi) */
  double        *upper;            /*   back-transformed */
  double        *weight_fixed;     /* percent of the overall fixed-effect model */
  double        *weight_random;    /* percent of the overall random-effects model */
  double        *weight_subgroup_fixed;  /* percent within its subgroup; NULL without subgroups */
  double        *weight_subgroup_random;

  EpMetaPool     overall;

  guint          n_subgroups;      /* 0 without subgroups */
  EpMetaPool    *subgroups;        /* [n_subgroups], each pooled separately with its own tau^2 */
  double         subgroup_q;       /* test for subgroup differences; NaN without subgroups */
  guint          subgroup_df;      /* n_subgroups - 1 */
  double         subgroup_p;

  gboolean       converged;        /* every REML fit converged */
  GPtrArray     *warnings;         /* char *, translated sentences for the user; never NULL */
  GPtrArray     *warning_items;    /* EpMetaWarning *, the same warnings as data (same order) */
} EpMetaResult;

/* A warning as data, so that a figure can write it in its own language (issue 13): an N_()
 * msgid with n_args %u conversions and their values, for the pool of subgroup (NULL: all
 * studies), whose translation is "Subgroup “%s”: %s"; or, when format is NULL, text as it is
 * (a message from the GLMM's fit, in the app's language). */
typedef struct
{
  char          *subgroup;
  const char    *format;
  guint          n_args;
  guint          args[3];
  char          *text;
} EpMetaWarning;

GQuark        ep_meta_error_quark   (void);

void          ep_meta_options_init  (EpMetaOptions       *options);

/* ep_meta_pool: inverse-variance meta-analysis of k studies, overall and by subgroup, as
 * metafor 3.8's rma.uni with an intercept only.
 *
 * Input:   data     the studies (see EpMetaData); options NULL for ep_meta_options_init()'s.
 * Effect sizes (escalc):
 *   logit    yi = log (x / (n - x)), vi = 1/x + 1/(n - x); a study with x = 0 or x = n first gets
 *            0.5 added to both cells (escalc's default add = 1/2, to = "only0").
 *   ft       yi = (asin sqrt (x / (n + 1)) + asin sqrt ((x + 1) / (n + 1))) / 2,
 *            vi = 1 / (4n + 2), no correction (escalc adds nothing for "PFT").
 *   generic  yi and vi as given (log ratios: see ep_meta_ratio_to_log()).
 * Models, with weights w_i = 1 / (vi + tau^2):
 *   beta = sum w y / sum w, se = 1 / sqrt (sum w), CI beta -+ z se, z = qnorm ((1 + level) / 2).
 *   fixed effect: tau^2 = 0.
 *   DL:    tau^2 = max (0, (Q - (k - 1)) / (sum u - sum u^2 / sum u)), u = 1 / vi.
 *   REML:  Fisher scoring from the Hedges estimate max (0, (sum (y - ybar)^2 - (k-1)/k sum v) / (k-1)):
 *            tau^2 <- tau^2 + (y'PPy - tr P) / tr (PP),   P = W - w w' / sum w,
 *          the step halved while it would take tau^2 below 0; converged when a step changes tau^2
 *          by no more than options->threshold (1e-5); not converged when step max_iter + 1 (101)
 *          is taken. Then metafor's ll0check: if the restricted log-likelihood at tau^2 = 0 exceeds
 *          the one at the estimate by more than DBL_EPSILON^(1/4) (and tau^2 > threshold), tau^2 is
 *          set to 0 with a warning. metafor stops on non-convergence; here pool->converged is FALSE,
 *          tau^2 is the last step's value, and a warning is added: the caller must report it.
 *          Damping beyond metafor: when the Fisher step changes sign and shrinks by less than
 *          half (a slow oscillation), the secant step through the last two points is taken
 *          (ep_meta_damp_step()); a step after which the restricted log-likelihood is lower is
 *          halved until it is not (at most 60 times); pool->damped says either happened, and
 *          convergence is then judged on the step taken. Where neither happens (every case
 *          metafor converges on in practice) the steps and the estimate are metafor's; where
 *          Fisher scoring oscillates (metafor: "did not converge") the fit reaches the
 *          maximum that metafor finds with control = list(stepadj = 0.5).
 *   PM, SJ, ML: as ep_meta_reg_fit() (ep-meta-reg.h) with an intercept only.
 *   GLMM (measure logit only, else EP_META_ERROR_INVALID): each pool is fitted by ep_glmm_pool()
 *          (ep-glmm.h: rma.glmm (measure = "PLO"), lme4 with nAGQ = 7) on its counts; random is
 *          the GLMM's estimate (z test; prediction interval beta -+ z sqrt (se^2 + tau^2) as
 *          predict.rma), fixed the fixed-effect logistic model, tau^2, I^2 and H^2 the GLMM's, Q
 *          its likelihood-ratio statistic (QE.LRT). No Q-profile interval, no Knapp-Hartung.
 *          rma.glmm defines no study weights: weight_fixed and weight_random are the two-step
 *          logit weights 1/vi and 1/(vi + tau^2_GLMM), for the sizes of a forest plot's squares.
 *          A pool where nobody or everybody had the event has no GLMM estimate: its numbers
 *          are NaN, converged FALSE, with a warning.
 *   Knapp-Hartung (test = "knha", random-effects model only): se^2 is multiplied by
 *          s2w = sum w (y - beta)^2 / (k - 1) (not truncated at 1, as metafor 3.8; 0 when the sum is
 *          below DBL_EPSILON), and the CI uses the t quantile with k - 1 df.
 *   Prediction interval (predict.rma): beta -+ crit sqrt (se^2 + tau^2), crit the CI's quantile
 *          (so t with k - 1 df under Knapp-Hartung). Not defined for the fixed-effect model.
 * Heterogeneity, with u = 1 / vi: Q = sum u (y - beta_FE)^2, df = k - 1, p = P (chi^2_df > Q);
 *   DL, REML: I^2 = 100 tau^2 / (tau^2 + s^2), H^2 = (tau^2 + s^2) / s^2 with the typical
 *             within-study variance s^2 = (k - 1) / (sum u - sum u^2 / sum u);
 *   FE:       I^2 = max (0, 100 (Q - df) / Q), H^2 = Q / df.
 * Q-profile interval of tau^2 (confint.rma.uni, type = "QP", every random-effects method, k >= 2):
 *   with Q_gen (t) = sum (y - beta_t)^2 / (v + t) (decreasing in t), alpha = 1 - level,
 *   lower = the root of Q_gen = qchisq (1 - alpha/2, k-1), 0 when Q_gen (0) is below it;
 *   upper = the root of Q_gen = qchisq (alpha/2, k-1), 0 when Q_gen (0) is below it; the search
 *   runs in [0, max (100, 10 tau^2)] and a bound beyond that end is reported as the end, as
 *   confint does. Roots by bisection to relative 1e-14 (confint's uniroot stops at 1.2e-4: the
 *   reference uses control = list(tol = 1e-12)). I^2 and H^2 bounds: the formulas above at the
 *   bounds of tau^2, with the same s^2.
 * Weights: 100 w_i / sum w in the fixed and the random-effects model.
 * One study (k = 1, as rma.uni): tau^2 = 0, Q = 0, df = 0, p = 1, I^2 = 0, H^2 = 1, z test (a
 *   Knapp-Hartung request is ignored with a warning); the pooled estimate is the study's.
 * Subgroups: each pooled as above with its own tau^2. The test for subgroup differences is the
 *   fixed-effect Q across the G subgroups' random-effects estimates beta_g with standard errors se_g
 *   (Knapp-Hartung adjusted where asked), df = G - 1: rma (yi = beta_g, sei = se_g, method = "FE")$QE,
 *   exactly as the project's reference (make_reference.R) computes it. NaN if an se_g is 0.
 * Back-transformation of beta, CI and PI: logit: 1 / (1 + exp (-t)) (transf.ilogit); ft:
 *   transf.ipft.hm with the harmonic mean of the pool's n_i; log ratio: exp; generic: identity.
 * Degenerate input: k = 0 and an empty subgroup are errors (EP_META_ERROR_NO_STUDIES); every study
 *   with 0 events, or every study with n events, gives the defined (corrected) result and a warning.
 * Errors:  EP_META_ERROR_INVALID for x > n, n = 0, a non-finite yi, a vi that is not positive and
 *   finite, or a subgroup index out of range. */
EpMetaResult *ep_meta_pool          (const EpMetaData    *data,
                                     const EpMetaOptions *options,
                                     GError             **error);

void          ep_meta_result_free   (EpMetaResult        *result);

/* ep_meta_leave1out: the overall pool of data without each study in turn, as metafor 3.8's
 * leave1out (x) for x = rma.uni (...) fitted with options (subgroups are ignored).
 * Output:  k pools (pools[i] leaves out study i), each with its fixed and random-effects
 *          estimates, tau^2, I^2, H^2 and Q as ep_meta_pool() computes them for k - 1 studies
 *          (the random model's back-transformed estimate and CI are leave1out's with
 *          transf = the measure's back-transformation). Free with g_free().
 * Errors:  as ep_meta_pool(); k < 2 is EP_META_ERROR_NO_STUDIES. */
EpMetaPool   *ep_meta_leave1out     (const EpMetaData    *data,
                                     const EpMetaOptions *options,
                                     GError             **error);

/* ep_meta_ratio_to_log: a ratio (HR, OR, RR) reported with a confidence interval, as the
 * log ratio and its variance for generic inverse-variance pooling.
 *
 * Input:   ratio, lower, upper  > 0, lower < upper, lower <= ratio <= upper
 *          level                the interval's confidence level (0.95 for a 95% CI)
 * Output:  *yi = log (ratio), *vi = sei^2 with sei = (log (upper) - log (lower)) / (2 z),
 *          z = qnorm ((1 + level) / 2), as metafor's documentation recommends for reported CIs.
 * Returns: FALSE with EP_META_ERROR_INVALID for a value that is not positive and finite, an
 *          interval of zero width, or one that does not contain its estimate. */
gboolean      ep_meta_ratio_to_log  (double               ratio,
                                     double               lower,
                                     double               upper,
                                     double               level,
                                     double              *yi,
                                     double              *vi,
                                     GError             **error);

/* The transformations of metafor, for callers (plots) that need them. */
double        ep_meta_transf_pft      (double p,
                                       double n);
double        ep_meta_transf_ipft     (double t,
                                       double n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpMetaResult, ep_meta_result_free)

G_END_DECLS
