/* ep-logrank.h: the log-rank test and the Harrington-Fleming G-rho family
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_LOGRANK_ERROR (ep_logrank_error_quark ())

typedef enum
{
  EP_LOGRANK_ERROR_INVALID_INPUT,   /* a negative or NaN time, a status other than 0/1, a bad code */
  EP_LOGRANK_ERROR_ONE_GROUP,       /* fewer than two groups have observations */
} EpLogrankError;

typedef struct
{
  double   rho;
  guint    n_groups;
  guint    n_strata;
  guint   *n;            /* [n_groups] subjects per group, all strata */
  double  *observed;     /* [n_groups] sum over strata of the weighted events, sum w(t) d_k(t) */
  double  *expected;     /* [n_groups] sum over strata of sum w(t) d(t) n_k(t) / n(t) */
  double  *var;          /* [n_groups x n_groups] row-major variance of O - E, summed over strata */
  double   chisq;
  guint    df;           /* groups with expected > 0, minus 1 */
  guint    rank;         /* rank of the variance matrix used for the chi-square (df if full) */
  double   p;            /* upper tail of chi-square(df) at chisq */
  gboolean timefix;      /* R's tie rule was applied (ep-timefix.h) */
  gsize    n_timefix;    /* observations whose time it merged with a nearly equal one */
  gboolean delayed_entry; /* computed on (start, stop] data */
} EpLogrankResult;

GQuark            ep_logrank_error_quark  (void);

/* ep_logrank_test: k-sample log-rank test (rho = 0) and the G-rho tests, optionally stratified.
 *
 * Input:   time      n follow-up times, >= 0, finite
 *          status    n event indicators: 1 = event, 0 = censored
 *          group     n group codes in [0, n_groups); at least two codes must occur
 *          n_groups  number of groups
 *          stratum   n stratum codes in [0, n_strata); NULL: one stratum
 *          n_strata  number of strata (ignored when stratum is NULL)
 *          n         number of observations; need not be sorted
 *          rho       the G-rho weight exponent, finite (0: log-rank; 1: the Peto-Peto/Prentice
 *                    modification of the Gehan-Wilcoxon test; survdiff, too, accepts rho < 0)
 * Output:  a result; free with ep_logrank_result_free().
 *
 * Method (R survival 3.5 survdiff, C routine survdiff2; Harrington & Fleming 1982):
 *   Within each stratum, at each distinct event time t with n(t) at risk, d(t) events, n_k(t)
 *   at risk and d_k(t) events in group k, and weight w(t) = S(t-)^rho where S is the pooled
 *   Kaplan-Meier estimate of the stratum, left-continuous:
 *     O_k   += w d_k
 *     E_k   += w d n_k / n
 *     V_jk  += w^2 d (n - d) / (n (n - 1)) n_j (delta_jk - n_k / n)      (skipped when n = 1)
 *   O, E and V are summed over strata. With the groups whose E_k > 0, the first one dropped,
 *     chisq = (O - E)' V^- (O - E),   df = #{E_k > 0} - 1,
 *   V^- a generalized inverse: a Cholesky (LDL') decomposition that sets aside a pivot smaller
 *   than 1e-9 times the largest diagonal element (survival's cholesky2/chsolve2). When V is of
 *   full rank this is survdiff's solve(). p from GSL's chi-square upper tail.
 * Cost:    one O(n) radix sort by (stratum, time), then one forward pass, O(k^2) per event time.
 * Ties:    times that differ only by rounding error are merged first by R's rule
 *          (ep_timefix(), survdiff's timefix = TRUE); n_timefix says how many moved.
 * Errors:  EP_LOGRANK_ERROR_INVALID_INPUT (names the observation, 1-based) or
 *          EP_LOGRANK_ERROR_ONE_GROUP when fewer than two groups have observations. */
EpLogrankResult  *ep_logrank_test        (const double  *time,
                                          const int     *status,
                                          const guint   *group,
                                          guint          n_groups,
                                          const guint   *stratum,
                                          guint          n_strata,
                                          gsize          n,
                                          double         rho,
                                          GError       **error);

/* ep_logrank_test_full: ep_logrank_test() with the tie rule optional and delayed entry.
 *
 * Input:   start    NULL, or n entry times (finite, start[i] < time[i]): observation i is at
 *                   risk on (start[i], time[i]] (left truncation)
 *          timefix  TRUE for R's tie rule (the default of ep_logrank_test())
 *          the rest as ep_logrank_test()
 * Method:  as ep_logrank_test() with n_k(t) = #{group k: start < t <= time}. R's survdiff
 *          refuses (start, stop] data; this is the hypergeometric log-rank statistic over those
 *          risk sets (Klein & Moeschberger 2003, sec. 7.3 and 9.4), which the reference script
 *          computes by hand. With timefix, start and stop times are merged together. */
EpLogrankResult  *ep_logrank_test_full   (const double  *start,
                                          const double  *time,
                                          const int     *status,
                                          const guint   *group,
                                          guint          n_groups,
                                          const guint   *stratum,
                                          guint          n_strata,
                                          gsize          n,
                                          double         rho,
                                          gboolean       timefix,
                                          GError       **error);

void              ep_logrank_result_free (EpLogrankResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpLogrankResult, ep_logrank_result_free)

G_END_DECLS
