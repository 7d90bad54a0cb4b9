/* ep-timefix.h: R's rule for times that differ only by rounding error
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
