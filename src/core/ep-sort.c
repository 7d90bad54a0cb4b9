/* ep-sort.c: stable ordering by (code, time) for the survival methods
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "core/ep-sort.h"

#define RADIX_BITS     11
#define RADIX_BUCKETS  (1u << RADIX_BITS)
#define RADIX_PASSES   6                  /* 6 x 11 >= 64 bits */
#define SMALL_N        32

typedef struct
{
  guint64 key;
  guint   index;
} KeyIndex;

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

static void
insertion_sort (KeyIndex    *a,
                const guint *code,
                gsize        n)
{
  for (gsize i = 1; i < n; i++)
    {
      KeyIndex x = a[i];
      guint cx = code != NULL ? code[x.index] : 0;
      gsize j = i;

      while (j > 0)
        {
          guint cj = code != NULL ? code[a[j - 1].index] : 0;

          if (cj < cx || (cj == cx && a[j - 1].key <= x.key))
            break;
          a[j] = a[j - 1];
          j--;
        }
      a[j] = x;
    }
}

gboolean
ep_sort_order_by_code_and_time (const double *time,
                                const guint  *code,
                                guint         n_codes,
                                gsize         n,
                                guint        *order)
{
  g_autofree KeyIndex *a = NULL;
  g_autofree KeyIndex *b = NULL;
  g_autofree guint *count = NULL;

  g_return_val_if_fail (n == 0 || time != NULL, FALSE);
  g_return_val_if_fail (n == 0 || order != NULL, FALSE);
  g_return_val_if_fail (n < G_MAXUINT, FALSE);

  if (code != NULL)
    for (gsize i = 0; i < n; i++)
      if (code[i] >= n_codes)
        return FALSE;

  if (n == 0)
    return TRUE;

  a = g_new (KeyIndex, n);
  for (gsize i = 0; i < n; i++)
    {
      a[i].key = time_key (time[i]);
      a[i].index = (guint) i;
    }

  if (n <= SMALL_N)
    {
      insertion_sort (a, code, n);
      for (gsize i = 0; i < n; i++)
        order[i] = a[i].index;
      return TRUE;
    }

  b = g_new (KeyIndex, n);

  /* One histogram per digit, all filled in a single pass over the keys. */
  count = g_new0 (guint, RADIX_PASSES * RADIX_BUCKETS);
  for (gsize i = 0; i < n; i++)
    for (guint d = 0; d < RADIX_PASSES; d++)
      count[d * RADIX_BUCKETS + ((a[i].key >> (d * RADIX_BITS)) & (RADIX_BUCKETS - 1))]++;

  for (guint d = 0; d < RADIX_PASSES; d++)
    {
      guint *c = count + d * RADIX_BUCKETS;
      guint shift = d * RADIX_BITS;
      guint sum = 0;
      gboolean trivial = FALSE;
      KeyIndex *swap;

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
        b[c[(a[i].key >> shift) & (RADIX_BUCKETS - 1)]++] = a[i];

      swap = a;
      a = b;
      b = swap;
    }

  if (code == NULL || n_codes <= 1)
    {
      for (gsize i = 0; i < n; i++)
        order[i] = a[i].index;
      return TRUE;
    }

  /* Stable counting pass by code, keeping the time order within each code. */
  {
    g_autofree gsize *start = g_new0 (gsize, (gsize) n_codes + 1);

    for (gsize i = 0; i < n; i++)
      start[code[i] + 1]++;
    for (guint k = 0; k < n_codes; k++)
      start[k + 1] += start[k];
    for (gsize i = 0; i < n; i++)
      order[start[code[a[i].index]]++] = a[i].index;
  }

  return TRUE;
}
