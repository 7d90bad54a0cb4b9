/* ep-sort.c: stable ordering by (code, time) for the survival methods
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "core/ep-memory.h"
#include "core/ep-sort.h"

#define RADIX_BITS     11
#define SMALL_N        32

/* Maps a double to an unsigned integer with the same order: flip the sign bit of non-negative
 * numbers and every bit of negative ones. -0.0 is folded into +0.0 first so that the two zeros,
 * which compare equal, also get one key. */
static inline guint64
time_key (double t)
{
  guint64 bits;

  if (t == 0.0)
    t = 0.0;
  memcpy (&bits, &t, sizeof bits);
  if (bits & G_GUINT64_CONSTANT (0x8000000000000000))
    return ~bits;
  return bits | G_GUINT64_CONSTANT (0x8000000000000000);
}

/* The radix sort works on EpSortRecord; the 64-bit key is recomputed from the time at each
 * pass, which costs less than carrying it. ep_sort_order_by_code_and_time() carries the index
 * in aux. */
typedef EpSortRecord Record;

typedef enum
{
  BY_CODE_AND_TIME,
  BY_TIME,
  BY_CODE,
} SortBy;

static inline gboolean
record_less_equal (const Record *a,
                   const Record *b,
                   SortBy        by)
{
  switch (by)
    {
    case BY_TIME:
      return time_key (a->time) <= time_key (b->time);
    case BY_CODE:
      return a->code <= b->code;
    case BY_CODE_AND_TIME:
    default:
      return a->code < b->code
             || (a->code == b->code && time_key (a->time) <= time_key (b->time));
    }
}

static void
insertion_sort (Record *a,
                gsize   n,
                SortBy  by)
{
  for (gsize i = 1; i < n; i++)
    {
      Record x = a[i];
      gsize j = i;

      while (j > 0 && !record_less_equal (&a[j - 1], &x, by))
        {
          a[j] = a[j - 1];
          j--;
        }
      a[j] = x;
    }
}

/* The key that an LSD pass sorts by: the bits lo .. lo + width - 1 of the time's key (the only
 * bits in which the keys differ: the others are the same in every record, so they do not
 * order anything), with the code above them when it fits into 64 bits. */
typedef struct
{
  guint   lo;          /* lowest bit in which two time keys differ */
  guint   width;       /* number of bits from lo to the highest such bit; 0: one key */
  guint64 mask;        /* width ones */
  gboolean with_code;  /* code - min_code is bits width .. of the composite key */
  guint   min_code;
} KeyWindow;

static inline guint64
window_key (const KeyWindow *w,
            const Record    *r)
{
  guint64 key = w->width > 0 ? (time_key (r->time) >> w->lo) & w->mask : 0;

  if (w->with_code)
    key |= (guint64) (r->code - w->min_code) << w->width;
  return key;
}

/* Stable LSD passes over the composite key (bits bits in all) in digits of at most
 * RADIX_BITS bits, as few passes as the width needs. Returns the buffer with the result. */
static Record *
radix_passes (Record          *a,
              Record          *b,
              gsize            n,
              const KeyWindow *w,
              guint            bits)
{
  guint n_passes = (bits + RADIX_BITS - 1) / RADIX_BITS;
  guint digit_bits, buckets;
  g_autofree guint *count = NULL;

  if (n_passes == 0)
    return a;
  digit_bits = (bits + n_passes - 1) / n_passes;
  buckets = 1u << digit_bits;

  /* One histogram per digit, all filled in a single pass over the keys. */
  count = g_new0 (guint, (gsize) n_passes * buckets);
  for (gsize i = 0; i < n; i++)
    {
      guint64 key = window_key (w, &a[i]);

      for (guint d = 0; d < n_passes; d++)
        count[d * buckets + ((key >> (d * digit_bits)) & (buckets - 1))]++;
    }

  for (guint d = 0; d < n_passes; d++)
    {
      guint *c = count + (gsize) d * buckets;
      guint shift = d * digit_bits;
      guint sum = 0;
      gboolean trivial = FALSE;
      Record *swap;

      /* A digit on which every key agrees does not reorder anything. */
      for (guint k = 0; k < buckets; k++)
        {
          if (c[k] == n)
            trivial = TRUE;
          if (c[k] != 0)
            break;
        }
      if (trivial)
        continue;

      for (guint k = 0; k < buckets; k++)
        {
          guint ck = c[k];

          c[k] = sum;
          sum += ck;
        }
      for (gsize i = 0; i < n; i++)
        b[c[(window_key (w, &a[i]) >> shift) & (buckets - 1)]++] = a[i];

      swap = a;
      a = b;
      b = swap;
    }

  return a;
}

/* Sorts a (n records) by (code, time), stably; b is n records of work space. Returns the buffer
 * that holds the result, a or b. With a hook, the records are sorted by time alone first, the
 * hook sees them so, and a stable pass by code follows.
 *
 * A first pass finds the bits in which the time keys differ (their OR against their AND) and
 * the range of the codes: whole-day follow-up times up to 5 years differ in 21 bits, and with
 * two groups the composite (code, time bits) key is 22 bits, two passes of 11 bits instead of
 * three time digits and a pass by code. When the composite key would not fit into 64 bits (or
 * there is a hook), the time bits are sorted first and a stable counting pass by code
 * follows. */
static Record *
radix_sort (Record         *a,
            Record         *b,
            gsize           n,
            EpSortTimeHook  hook,
            gpointer        hook_data)
{
  g_autofree gsize *start = NULL;
  guint64 key_and = ~G_GUINT64_CONSTANT (0), key_or = 0, varying;
  guint min_code = G_MAXUINT, max_code = 0, code_bits = 0;
  KeyWindow w = { 0, 0, 0, FALSE, 0 };
  Record *sorted;

  if (n <= SMALL_N)
    {
      if (hook == NULL)
        {
          insertion_sort (a, n, BY_CODE_AND_TIME);
          return a;
        }
      insertion_sort (a, n, BY_TIME);
      hook (a, n, hook_data);
      insertion_sort (a, n, BY_CODE);
      return a;
    }

  for (gsize i = 0; i < n; i++)
    {
      guint64 key = time_key (a[i].time);

      key_and &= key;
      key_or |= key;
      min_code = MIN (min_code, a[i].code);
      max_code = MAX (max_code, a[i].code);
    }
  varying = key_or ^ key_and;
  if (varying != 0)
    {
      w.lo = (guint) __builtin_ctzll (varying);
      w.width = 64 - (guint) __builtin_clzll (varying) - w.lo;
      w.mask = w.width == 64 ? ~G_GUINT64_CONSTANT (0)
                             : (G_GUINT64_CONSTANT (1) << w.width) - 1;
    }
  if (max_code > min_code)
    code_bits = 32 - (guint) __builtin_clz (max_code - min_code);
  w.min_code = min_code;

  if (hook == NULL && w.width + code_bits <= 64)
    {
      w.with_code = code_bits > 0;
      return radix_passes (a, b, n, &w, w.width + code_bits);
    }

  sorted = radix_passes (a, b, n, &w, w.width);
  b = sorted == a ? b : a;
  a = sorted;
  if (hook != NULL)
    hook (a, n, hook_data);
  if (code_bits == 0)
    return a;

  /* The most significant key last: one stable counting pass by code. */
  start = g_new0 (gsize, (gsize) (max_code - min_code) + 2);
  for (gsize i = 0; i < n; i++)
    start[a[i].code - min_code + 1]++;
  for (guint k = 0; k < max_code - min_code; k++)
    start[k + 1] += start[k];
  for (gsize i = 0; i < n; i++)
    b[start[a[i].code - min_code]++] = a[i];

  return b;
}

gboolean
ep_sort_order_by_code_and_time (const double *time,
                                const guint  *code,
                                guint         n_codes,
                                gsize         n,
                                guint        *order)
{
  ep_autobig Record *a = NULL;
  ep_autobig Record *b = NULL;
  Record *sorted;

  g_return_val_if_fail (n == 0 || time != NULL, FALSE);
  g_return_val_if_fail (n == 0 || order != NULL, FALSE);
  g_return_val_if_fail (n < G_MAXUINT, FALSE);

  if (code == NULL)
    n_codes = 1;
  else
    for (gsize i = 0; i < n; i++)
      if (code[i] >= n_codes)
        return FALSE;

  if (n == 0)
    return TRUE;

  a = ep_big_new (Record, n);
  b = ep_big_new (Record, n);
  for (gsize i = 0; i < n; i++)
    {
      a[i].time = time[i];
      a[i].code = code != NULL ? code[i] : 0;
      a[i].aux = (guint32) i;
    }

  sorted = radix_sort (a, b, n, NULL, NULL);
  for (gsize i = 0; i < n; i++)
    order[i] = sorted[i].aux;

  return TRUE;
}

static gboolean
sort_records (EpSortRecord   *records,
              gsize           n,
              guint           n_codes,
              EpSortTimeHook  hook,
              gpointer        hook_data)
{
  ep_autobig Record *work = NULL;
  Record *sorted;

  g_return_val_if_fail (n == 0 || records != NULL, FALSE);

  for (gsize i = 0; i < n; i++)
    if (records[i].code >= n_codes)
      return FALSE;

  if (n <= 1)
    {
      if (hook != NULL)
        hook (records, n, hook_data);
      return TRUE;
    }

  work = n > SMALL_N ? ep_big_new (Record, n) : NULL;
  sorted = radix_sort (records, work, n, hook, hook_data);
  if (sorted != records)
    memcpy (records, sorted, n * sizeof (Record));

  return TRUE;
}

gboolean
ep_sort_records (EpSortRecord *records,
                 gsize         n,
                 guint         n_codes)
{
  return sort_records (records, n, n_codes, NULL, NULL);
}

gboolean
ep_sort_records_hook (EpSortRecord   *records,
                      gsize           n,
                      guint           n_codes,
                      EpSortTimeHook  hook,
                      gpointer        hook_data)
{
  g_return_val_if_fail (hook != NULL, FALSE);

  return sort_records (records, n, n_codes, hook, hook_data);
}
