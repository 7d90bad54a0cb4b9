/* ep-groups.h: more than two groups: hazard ratios against a reference level, pairwise
 * log-rank tests with adjusted p-values, and the log-rank test for trend
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ep-cox.h"
#include "core/ep-logrank.h"

G_BEGIN_DECLS

#define EP_GROUPS_ERROR (ep_groups_error_quark ())

typedef enum
{
  EP_GROUPS_ERROR_INPUT,         /* a group code or the reference out of range, bad scores */
  EP_GROUPS_ERROR_NO_VARIANCE,   /* the trend statistic has no variance (w' V w = 0) */
} EpGroupsError;

GQuark       ep_groups_error_quark  (void);

/* ---- multiple-testing adjustment ---- */

typedef enum
{
  EP_P_ADJUST_HOLM,         /* the default */
  EP_P_ADJUST_BH,
  EP_P_ADJUST_BONFERRONI,
  EP_P_ADJUST_NONE,
} EpPAdjust;

/* R's p.adjust method names: "holm", "BH" (also "fdr"), "bonferroni", "none"; case-insensitive.
 * FALSE for anything else. */
gboolean     ep_p_adjust_parse      (const char   *name,
                                     EpPAdjust    *method);
/* "holm", "BH", "bonferroni", "none" */
const char  *ep_p_adjust_name       (EpPAdjust     method);

/* ep_p_adjust: adjusted p-values, as R's stats::p.adjust (p, method, n = sum (!is.na (p))).
 *
 * Input:   p         n p-values in [0, 1]; NaN is a missing value (it stays NaN and does not
 *                    count in m)
 *          adjusted  n outputs (may be p itself)
 * Method:  with m the number of p-values that are not NaN and p_(1) <= … <= p_(m) sorted:
 *            Bonferroni  min (1, m p)
 *            Holm        p~_(i) = min (1, max_{j <= i} (m - j + 1) p_(j))        (Holm 1979)
 *            BH          p~_(i) = min (1, min_{j >= i} m / j p_(j))  (Benjamini & Hochberg 1995)
 *            none        p
 *          Ties give equal adjusted values whatever their order, as in R. */
void         ep_p_adjust            (const double *p,
                                     gsize         n,
                                     EpPAdjust     method,
                                     double       *adjusted);

/* ---- hazard ratio of each group against a reference level ---- */

typedef struct
{
  guint     n_groups;
  guint     reference;     /* the reference group's code */
  gsize    *n;             /* [n_groups] rows per group */
  gsize    *events;        /* [n_groups] events per group */

  /* [n_groups], the reference group's row has coef 0 and hr 1 and NAN elsewhere; a group the
   * model cannot identify (no rows, or collinear) has NAN and singular TRUE; infinite as
   * EpCoxFit's (e.g. a group without events). */
  double   *coef;
  double   *se;
  double   *hr;
  double   *lower;
  double   *upper;
  double   *z;
  double   *p;
  gboolean *singular;
  gboolean *infinite;

  double    conf_level;
  double    lr_chisq;      /* the model's global tests, df = identified terms */
  double    wald_chisq;
  double    score_chisq;
  double    lr_p;
  double    wald_p;
  double    score_p;
  guint     df;
  gboolean  converged;
  char    **warnings;      /* NULL-terminated, translated (ep_cox_fit's); empty when none */
} EpGroupHr;

/* ep_group_hr: the hazard ratio of each group against a reference group, from one Cox model
 * with the group as a factor.
 *
 * Input:   start      NULL, or n entry times ((start, stop] data, as ep_cox_fit())
 *          time       n follow-up times
 *          status     n event indicators: 1 event, 0 censored
 *          group      n group codes in [0, n_groups)
 *          n_groups   number of groups, >= 2
 *          reference  the reference group's code, < n_groups (the usual choice: 0, the first level)
 *          stratum    n stratum codes in [0, n_strata), or NULL: one stratum
 *          options    NULL for coxph's defaults (Efron ties, 95% CI)
 * Output:  an EpGroupHr (free with ep_group_hr_free()), or NULL with error set.
 * Method:  the design of R's treatment contrasts with the reference level first
 *          (coxph (Surv (time, status) ~ relevel (factor (g), ref = reference))): one 0/1
 *          column per other group in code order, fitted by ep_cox_fit(); per group
 *          HR = exp (beta), exp (beta -+ z se), Wald z and two-sided p; the model's LR, Wald
 *          and score tests. Groups keep their code order in the result.
 * Errors:  EP_GROUPS_ERROR_INPUT for a code or reference out of range, n_groups < 2; the
 *          errors of ep_cox_fit() (no events, input). */
EpGroupHr   *ep_group_hr            (const double       *start,
                                     const double       *time,
                                     const int          *status,
                                     const guint        *group,
                                     guint               n_groups,
                                     guint               reference,
                                     const guint        *stratum,
                                     guint               n_strata,
                                     gsize               n,
                                     const EpCoxOptions *options,
                                     GError            **error);
void         ep_group_hr_free       (EpGroupHr          *hr);

/* ---- pairwise log-rank tests ---- */

typedef struct
{
  guint   group;          /* the later group of the pair (code) */
  guint   versus;         /* the earlier group (code), versus < group */
  double  chisq;          /* the log-rank (G-rho) chi-square on the rows of the two groups */
  double  p;              /* upper tail of chi-square(1); NAN when a group has no rows */
  double  p_adjusted;     /* adjusted over all pairs with a p-value */
} EpLogrankPair;

typedef struct
{
  guint          n_groups;
  guint          n_pairs;  /* n_groups (n_groups - 1) / 2 */
  EpLogrankPair *pairs;    /* in R's order: versus 0 with group 1, 2, …; then versus 1, … */
  EpPAdjust      adjust;
  double         rho;
} EpLogrankPairwise;

/* ep_logrank_pairwise: the log-rank (or G-rho) test of every pair of groups, with adjusted
 * p-values, as survminer::pairwise_survdiff (survminer 0.4.9).
 *
 * Input:   as ep_logrank_test_full() (start may be NULL; stratum may be NULL), and
 *          adjust     the multiple-testing adjustment over all pairs (ep_p_adjust())
 * Output:  an EpLogrankPairwise (free with ep_logrank_pairwise_free()), or NULL with error set.
 * Method:  for each pair (versus, group), ep_logrank_test_full() on the rows of those two
 *          groups only (survdiff on the pair's subset, stratified when stratum is given),
 *          p = P(chi-square(1) > chisq) (pairwise_survdiff's df = number of groups - 1 = 1),
 *          then p.adjust over the pairs (stats::pairwise.table). survminer's default
 *          adjustment is BH; the caller chooses (endpoint-cli's default is Holm).
 * Cost:    k (k - 1) / 2 log-rank tests, each on the rows of its pair.
 * Errors:  the input errors of ep_logrank_test_full() (invalid time or status), prefixed with
 *          the pair and counting observations within the pair's rows: a caller checks the
 *          data first (the k-group test does); EP_GROUPS_ERROR_INPUT for a group code out of
 *          range or n_groups < 2. */
EpLogrankPairwise *ep_logrank_pairwise (const double  *start,
                                        const double  *time,
                                        const int     *status,
                                        const guint   *group,
                                        guint          n_groups,
                                        const guint   *stratum,
                                        guint          n_strata,
                                        gsize          n,
                                        double         rho,
                                        gboolean       timefix,
                                        EpPAdjust      adjust,
                                        GError       **error);
void         ep_logrank_pairwise_free (EpLogrankPairwise *pairwise);

/* ---- the log-rank test for trend ---- */

typedef struct
{
  guint    n_groups;
  double  *scores;        /* [n_groups] the scores used */
  double   u;             /* sum_k w_k (O_k - E_k) */
  double   var;           /* w' V w */
  double   chisq;         /* u^2 / var */
  guint    df;            /* 1 */
  double   p;             /* upper tail of chi-square(1) */
} EpLogrankTrend;

/* ep_logrank_trend: the log-rank test for trend over ordered groups.
 *
 * Input:   test     a k-group log-rank (or G-rho) result of ep_logrank_test_full(), stratified
 *                   or not
 *          scores   k finite scores in group order, or NULL for 1, 2, …, k
 * Output:  an EpLogrankTrend (free with ep_logrank_trend_free()), or NULL with error set.
 * Method:  Collett (2015), Modelling Survival Data in Medical Research, 3rd ed., sec. 2.6.2
 *          (Stata's sts test, trend): with O - E and its variance matrix V from survdiff
 *          (summed over strata),
 *            U = sum_k w_k (O_k - E_k),   V_T = w' V w,   chisq = U^2 / V_T on 1 df.
 *          The statistic does not change when the scores are shifted or scaled. In R:
 *            sd <- survdiff (Surv (time, status) ~ g, data = d)   # + strata (s), rho = as used
 *            w <- seq_along (sd$n); U <- sum (w * (sd$obs - sd$exp))   # rowSums with strata
 *            chisq <- U^2 / drop (t (w) %*% sd$var %*% w)
 *          It is the score test of coxph (Surv (time, status) ~ w[g]) only when no two events
 *          share a time: with ties the Cox score test uses Breslow's or Efron's information,
 *          not the hypergeometric variance (on lung with ph.ecog: 17.875 here and with the
 *          written-out survdiff call, 17.828 for coxph's Breslow and 17.889 for Efron).
 * Errors:  EP_GROUPS_ERROR_INPUT for a non-finite score or fewer than two groups;
 *          EP_GROUPS_ERROR_NO_VARIANCE when w' V w is not positive (no events, or the groups
 *          that have events all share one score). */
EpLogrankTrend *ep_logrank_trend    (const EpLogrankResult *test,
                                     const double          *scores,
                                     GError               **error);
void         ep_logrank_trend_free  (EpLogrankTrend        *trend);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpGroupHr, ep_group_hr_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpLogrankPairwise, ep_logrank_pairwise_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpLogrankTrend, ep_logrank_trend_free)

G_END_DECLS
