/* ep-timefix.h: R's rule for times that differ only by rounding error
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ep-sort.h"

G_BEGIN_DECLS

/* The tolerance of survival's timefix: sqrt (.Machine$double.eps). */
#define EP_TIMEFIX_TOLERANCE 1.4901161193847656e-08

/* ep_timefix: merges times that are equal up to floating-point noise, as R survival 3.5's
 * aeqSurv() (called by survfit, survdiff, coxph and cox.zph when timefix = TRUE, the default).
 *
 * Input:   n       observations
 *          start   n entry times, or NULL for right-censored data
 *          stop    n event or censoring times
 *          tolerance  EP_TIMEFIX_TOLERANCE for R's rule; <= 0 leaves every time as it is
 * Output:  start_out and stop_out (n each; start_out may be NULL when start is; they may be
 *          start and stop themselves) get the merged times. Returns the number of
 *          observations whose start or stop time was changed: 0 when no two times were tied.
 *
 * Method (aeqSurv): y = the sorted distinct finite values of start and stop together. Two
 *          neighbours are tied when dy <= tolerance or dy / mean (|y|) <= tolerance. The values
 *          that begin a run of ties are the cuts; each time becomes the largest cut not above it
 *          (findInterval), so 0.30000000000000004 joins 0.3. A (start, stop] interval that
 *          would shrink to length 0 is left as it is (aeqSurv stops with an error there). */
gsize  ep_timefix  (gsize          n,
                    const double  *start,
                    const double  *stop,
                    double         tolerance,
                    double        *start_out,
                    double        *stop_out);

/* ep_timefix_sorted: ep_timefix() without entry times on records already sorted by time
 * (ascending, all finite, as ep_sort_records_hook() hands them to its hook): each time is
 * replaced by its cut in place, so they stay ascending. Returns the number of records whose
 * time changed; ep_timefix() on the same times gives each observation the same new time and
 * returns the same number. */
gsize  ep_timefix_sorted (EpSortRecord  *records,
                          gsize          n,
                          double         tolerance);

/* ep_timefix_sort_hook: ep_timefix_sorted() as an EpSortTimeHook; data is an EpTimefixHook
 * whose tolerance the caller sets and whose n_changed the hook sets. */
typedef struct
{
  double tolerance;
  gsize  n_changed;
} EpTimefixHook;

void   ep_timefix_sort_hook (EpSortRecord *records,
                             gsize         n,
                             gpointer      data);

G_END_DECLS
