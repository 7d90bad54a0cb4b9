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
#define RADIX_BUCKETS  (1u << RADIX_BITS)
#define RADIX_MASK     (RADIX_BUCKETS - 1)
#define RADIX_PASSES   6                  /* 6 x 11 >= 64 bits */
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

static inline gboolean
record_less_equal (const Record *a,
                   const Record *b)
{
  return a->code < b->code || (a->code == b->code && time_key (a->time) <= time_key (b->time));
}

static void
insertion_sort (Record *a,
                gsize   n)
{
  for (gsize i = 1; i < n; i++)
    {
      Record x = a[i];
      gsize j = i;

      while (j > 0 && !record_less_equal (&a[j - 1], &x))
        {
          a[j] = a[j - 1];
          j--;
        }
      a[j] = x;
    }
}

/* Sorts a (n records) by (code, time), stably; b is n records of work space. Returns the buffer
 * that holds the result, a or b. */
static Record *
radix_sort (Record *a,
            Record *b,
            gsize   n,
            guint   n_codes)
{
  g_autofree guint *count = NULL;
  g_autofree gsize *start = NULL;
  gboolean codes_differ = FALSE;

  if (n <= SMALL_N)
    {
      insertion_sort (a, n);
      return a;
    }

  /* One histogram per digit, all filled in a single pass over the keys. */
  count = g_new0 (guint, RADIX_PASSES * RADIX_BUCKETS);
  for (gsize i = 0; i < n; i++)
    {
      guint64 key = time_key (a[i].time);

      for (guint d = 0; d < RADIX_PASSES; d++)
        count[d * RADIX_BUCKETS + ((key >> (d * RADIX_BITS)) & RADIX_MASK)]++;
      codes_differ = codes_differ || a[i].code != a[0].code;
    }

  for (guint d = 0; d < RADIX_PASSES; d++)
    {
      guint *c = count + d * RADIX_BUCKETS;
      guint shift = d * RADIX_BITS;
      guint sum = 0;
      gboolean trivial = FALSE;
      Record *swap;

      /* A digit on which every key agrees does not reorder anything. */
      for (guint k = 0; k < RADIX_BUCKETS; k++)
        {
          if (c[k] == n)
            trivial = TRUE;
          if (c[k] != 0)
            break;
        }
      if (trivial)
        continue;

      for (guint k = 0; k < RADIX_BUCKETS; k++)
        {
          guint ck = c[k];

          c[k] = sum;
          sum += ck;
        }
      for (gsize i = 0; i < n; i++)
        b[c[(time_key (a[i].time) >> shift) & RADIX_MASK]++] = a[i];

      swap = a;
      a = b;
      b = swap;
    }

  if (!codes_differ)
    return a;

  /* The most significant key last: one stable counting pass by code. */
  start = g_new0 (gsize, (gsize) n_codes + 1);
  for (gsize i = 0; i < n; i++)
    start[a[i].code + 1]++;
  for (guint k = 0; k < n_codes; k++)
    start[k + 1] += start[k];
  for (gsize i = 0; i < n; i++)
    b[start[a[i].code]++] = a[i];

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

  sorted = radix_sort (a, b, n, n_codes);
  for (gsize i = 0; i < n; i++)
    order[i] = sorted[i].aux;

  return TRUE;
}

gboolean
ep_sort_records (EpSortRecord *records,
                 gsize         n,
                 guint         n_codes)
{
  ep_autobig Record *work = NULL;
  Record *sorted;

  g_return_val_if_fail (n == 0 || records != NULL, FALSE);

  for (gsize i = 0; i < n; i++)
    if (records[i].code >= n_codes)
      return FALSE;

  if (n <= 1)
    return TRUE;

  work = n > SMALL_N ? ep_big_new (Record, n) : NULL;
  sorted = radix_sort (records, work, n, n_codes);
  if (sorted != records)
    memcpy (records, sorted, n * sizeof (Record));

  return TRUE;
}
