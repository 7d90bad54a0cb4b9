/* ep-concordance.h: Harrell's concordance of a risk score with censored survival
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double concordant;    /* comparable pairs where the earlier event has the higher risk */
  double discordant;    /* … the lower risk */
  double tied_risk;     /* comparable pairs with equal risk */
  double tied_time;     /* pairs of events at one time with different risks (not comparable) */
  double tied_both;     /* pairs of events at one time with equal risks */
  double concordance;   /* (concordant + tied_risk / 2) / (concordant + discordant + tied_risk) */
  double std_err;       /* infinitesimal jackknife standard error of concordance */
} EpConcordance;

/* ep_concordance: the concordance that survival::coxph reports for a fitted model
 * (survival 3.5: concordancefit (y, lp, strata, reverse = TRUE, timefix = FALSE), case
 * weights 1, timewt "n").
 *
 * Input:   n        observations
 *          start    n entry times or NULL (right-censored data)
 *          stop     n event/censoring times
 *          status   n codes, 1 event, 0 censored
 *          risk     n risk scores (higher = shorter expected survival, e.g. the linear
 *                   predictor); equality is exact floating-point equality
 *          strata   n codes in [0, n_strata) or NULL; pairs are formed within a stratum only
 * Output:  *result; NAN concordance when there is no comparable pair.
 * Method:  an event of i at time t is compared with every j at risk at t in i's stratum and
 *          not itself an event at t: stop_j > t, or stop_j = t and j censored (a censoring at
 *          t is taken to follow the event), and with start, start_j < t. Walking the times
 *          backwards, the subjects at risk sit in a bitmap over their positions in risk order
 *          with a Fenwick tree of its word counts, so each event counts its higher / lower /
 *          equal partners in O(log n): O(n log n) in all, in cache for a million subjects. The standard error is the infinitesimal jackknife of Somers' d
 *          (Therneau & Atkinson, "The concordance statistic", survival vignette, 2020):
 *          with d = (C - D) / N, N = C + D + T and per subject counts c_i, d_i, t_i of the
 *          pairs it takes part in (in either role), dfbeta_i = (c_i - d_i) / N
 *          - d (c_i + d_i + t_i) / N, var (C-index) = sum dfbeta_i^2 / 4.
 * Memory:  28 bytes per subject of work arrays in one block from ep_big_alloc() (or lent
 *          by the caller: ep_concordance_sorted_in()): the risk sort's 16-byte records, whose
 *          place the 32-bit pair counts take once the 12-byte positions in risk order are
 *          made; plus the sort's own 16 bytes a subject while it runs and the two sets'
 *          bitmaps and trees (n / 4 bytes). 32-bit counts: n must be below 2^30.
 * Returns: FALSE only for invalid codes (a status other than 0/1, a stratum code out of
 *          range); the inputs must be finite. Re-entrant. */
gboolean ep_concordance (gsize          n,
                         const double  *start,
                         const double  *stop,
                         const int     *status,
                         const double  *risk,
                         const guint   *strata,
                         guint          n_strata,
                         EpConcordance *result);

/* ep_concordance_sorted: ep_concordance() on data already in (stratum, stop) order, for a
 * caller that has sorted them (ep_cox_fit).
 *
 * Input:   time, status, risk   n values in ascending (stratum, stop) order
 *          range                n_ranges + 1 bounds: stratum s is rows [range[s], range[s+1]),
 *                               range[0] = 0, range[n_ranges] = n
 *          start_pos, start_time  NULL for right-censored data; else, in ascending
 *                               (stratum, start) order, each row's position in the stop order
 *                               and its start time
 * Output, method and re-entrancy as ep_concordance(). */
gboolean ep_concordance_sorted (gsize          n,
                                const double  *time,
                                const int     *status,
                                const double  *risk,
                                const gsize   *range,
                                gsize          n_ranges,
                                const gsize   *start_pos,
                                const double  *start_time,
                                EpConcordance *result);

/* ep_concordance_sorted_in: ep_concordance_sorted() with its work arrays in memory the
 * caller lends (ep_cox_fit lends its design when that is larger than ep_big_alloc()'s cache
 * keeps): work_size bytes at work, 8-byte aligned (as malloc and ep_big_alloc give); used
 * when work_size >= ep_concordance_work_size (n), else (and with work NULL) the block comes
 * from ep_big_alloc() as in ep_concordance_sorted(). The contents of work are overwritten.
 * Memory that is already resident saves faulting in fresh pages (at 1e7 rows 280 MB). Same
 * numbers either way. */
gsize    ep_concordance_work_size (gsize n);
gboolean ep_concordance_sorted_in (gsize          n,
                                   const double  *time,
                                   const int     *status,
                                   const double  *risk,
                                   const gsize   *range,
                                   gsize          n_ranges,
                                   const gsize   *start_pos,
                                   const double  *start_time,
                                   gpointer       work,
                                   gsize          work_size,
                                   EpConcordance *result);

/* The walk counts set members with popcount. On x86 it is compiled twice, for the baseline
 * instruction set (a libgcc call per count) and with the popcnt instruction, and the second
 * is used when the CPU has it (__builtin_cpu_supports, checked at run time: one binary runs
 * on older CPUs too). Both give the same numbers. ep_concordance_set_portable (TRUE) (or the
 * environment variable EP_PORTABLE_POPCOUNT, read once) forces the baseline path: for the
 * tests and benchmarks. */
void     ep_concordance_set_portable           (gboolean portable);
gboolean ep_concordance_uses_hardware_popcount (void);

G_END_DECLS
