/* ep-sort.h: the one sort that survival methods need
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ep_sort_order_by_code_and_time: a stable ordering permutation by (code, time).
 *
 * Input:   time     n values; any doubles except NaN (a NaN sorts after +Inf, but callers
 *                   reject NaN before sorting)
 *          code     n integer codes in [0, n_codes), e.g. group or stratum; NULL: all 0
 *          n_codes  number of codes (ignored when code is NULL)
 *          n        number of observations, n < G_MAXUINT
 * Output:  order    n indices such that (code[order[i]], time[order[i]]) ascends; ties keep
 *                   their input order (stable)
 * Method:  least-significant-digit radix sort of the IEEE-754 bit patterns (mapped so that
 *          unsigned order is numeric order; -0.0 and +0.0 are one key), restricted to the bits
 *          in which the keys differ, with the code above them when that fits into 64 bits
 *          (else one stable counting pass by code after the time), in digits of at most 11
 *          bits, skipping digits on which all keys agree: O(n) time, O(n) work space, no
 *          comparisons. Small inputs (n <= 32) use insertion sort.
 * Returns: FALSE only when a code is out of range (order is then unspecified). */
gboolean ep_sort_order_by_code_and_time (const double *time,
                                         const guint  *code,
                                         guint         n_codes,
                                         gsize         n,
                                         guint        *order);

/* One observation as the survival kernels read it after sorting: sorting the records
 * themselves, rather than an index, lets the kernels' passes read memory in order. */
typedef struct
{
  double  time;
  guint32 code;          /* sort key after time: group or stratum, in [0, n_codes) */
  guint32 aux;           /* carried along unchanged: e.g. status, or group << 1 | status */
} EpSortRecord;

/* ep_sort_records: sorts n records in place by (code, time), stably, by the method of
 * ep_sort_order_by_code_and_time(). Times must not be NaN. Returns FALSE (records untouched)
 * when a code is >= n_codes. */
gboolean ep_sort_records                (EpSortRecord *records,
                                         gsize         n,
                                         guint         n_codes);

/* EpSortTimeHook: sees the records sorted by time alone (stably; codes not yet in order) and
 * may change their times, as long as it keeps them ascending (e.g. R's tie rule,
 * ep_timefix_sorted()); it must not change the codes. */
typedef void (*EpSortTimeHook) (EpSortRecord *records,
                                gsize         n,
                                gpointer      data);

/* ep_sort_records_hook: ep_sort_records() with a look at the records between the two keys:
 * they are sorted by time first (the hook is called on them then, for any n), then
 * stably by code. The order is ep_sort_records()'s on the hook's times, except that records
 * whose new times are equal keep the order of their old times (then of their input order).
 * Returns FALSE (records untouched, hook not called) when a code is >= n_codes. */
gboolean ep_sort_records_hook           (EpSortRecord   *records,
                                         gsize           n,
                                         guint           n_codes,
                                         EpSortTimeHook  hook,
                                         gpointer        hook_data);

G_END_DECLS
