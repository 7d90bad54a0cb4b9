/* ep-permute.c: moving large arrays into another order without random access to memory
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ep-permute.h. A partitioned (one-digit radix) scatter done in place: block b of the
 * destination is also pass 1's bucket for the rows bound for block b, as exactly that many
 * rows are (index is a permutation), so no second array of the data's size is needed; only
 * 16 bits a row say where in its block each row goes.
 */
#include "config.h"

#include <string.h>

#include "core/ep-memory.h"
#include "core/ep-permute.h"

/* Blocks of 65,536 rows (16-bit places): at 1e7 rows, 153 streams for pass 1 to write, which
 * the caches keep apart; smaller blocks that fit L2 made pass 2 a little cheaper and pass 1
 * dearer, more than that (2,442 blocks of 4,096 rows: pass 1 twice as long at 1e7). */
#define SHIFT 16

static gsize min_bytes_set;   /* ep_scatter_set_limits(); 0: the defaults */
static guint shift_set;

void
ep_scatter_set_limits (gsize min_bytes,
                       guint shift)
{
  g_return_if_fail (shift <= SHIFT);

  min_bytes_set = min_bytes;
  shift_set = shift;
}

static guint
scatter_shift (void)
{
  return shift_set > 0 ? shift_set : SHIFT;
}

gboolean
ep_scatter_pays (gsize n,
                 gsize row_bytes)
{
  const gsize min_bytes = min_bytes_set > 0 ? min_bytes_set : EP_SCATTER_MIN_BYTES;

  return n >= min_bytes / MAX (row_bytes, 1) && n > ((gsize) 1 << scatter_shift ());
}

void
ep_scatter_init (EpScatter *s,
                 gsize      n,
                 gsize      row_bytes)
{
  g_return_if_fail (s != NULL);

  memset (s, 0, sizeof *s);
  s->n = n;
  s->shift = scatter_shift ();
  s->n_blocks = (n >> s->shift) + ((n & (((gsize) 1 << s->shift) - 1)) != 0);
  if (!ep_scatter_pays (n, row_bytes))
    return;   /* in cache: the slot is the destination */

  s->next = g_new (gsize, s->n_blocks);
  for (gsize b = 0; b < s->n_blocks; b++)
    s->next[b] = b << s->shift;
  s->low = ep_big_new (guint16, n);
}

void
ep_scatter_clear (EpScatter *s)
{
  g_return_if_fail (s != NULL);

  g_clear_pointer (&s->next, g_free);
  g_clear_pointer (&s->low, ep_big_free);
}

/* place_block() for rows of `words` 8-byte words: fixed-size copies the compiler makes moves
 * of, where a memcpy of a size known only at run time is a library call a row. */
static void
place_words (char          *array,
             const char    *buffer,
             const guint16 *low,
             gsize          len,
             gsize          words)
{
  for (gsize r = 0; r < len; r++)
    {
      char *to = array + (gsize) low[r] * words * 8;
      const char *from = buffer + r * words * 8;

      for (gsize w = 0; w < words; w++)
        memcpy (to + w * 8, from + w * 8, 8);
    }
}

/* Block [base, base + len) of array: each row from where pass 1 put it to where it belongs.
 * The common sizes get a fixed-size copy the compiler turns into one move. */
static void
place_block (char          *array,
             char          *buffer,
             const guint16 *low,
             gsize          len,
             gsize          size)
{
  memcpy (buffer, array, len * size);
  switch (size)
    {
    case 4:
      for (gsize r = 0; r < len; r++)
        memcpy (array + (gsize) low[r] * 4, buffer + r * 4, 4);
      break;
    case 8:
      for (gsize r = 0; r < len; r++)
        memcpy (array + (gsize) low[r] * 8, buffer + r * 8, 8);
      break;
    case 12:
      for (gsize r = 0; r < len; r++)
        memcpy (array + (gsize) low[r] * 12, buffer + r * 12, 12);
      break;
    case 16:
      for (gsize r = 0; r < len; r++)
        memcpy (array + (gsize) low[r] * 16, buffer + r * 16, 16);
      break;
    default:
      if (size % 8 == 0)   /* Cox's rows of p doubles: words, not a memcpy call a row */
        place_words (array, buffer, low, len, size / 8);
      else
        for (gsize r = 0; r < len; r++)
          memcpy (array + (gsize) low[r] * size, buffer + r * size, size);
      break;
    }
}

void
ep_scatter_finish (EpScatter *s,
                   gpointer   array,
                   gsize      size)
{
  const gsize rows = (gsize) 1 << s->shift;
  g_autofree char *buffer = NULL;

  g_return_if_fail (s != NULL);

  if (s->low == NULL || s->n == 0)
    return;
  g_return_if_fail (array != NULL && size > 0);

  buffer = g_malloc (rows * size);
  for (gsize b = 0; b < s->n_blocks; b++)
    {
      const gsize base = b << s->shift;

      g_assert (s->next[b] == MIN (base + rows, s->n));   /* every row of the block came */
      place_block ((char *) array + base * size, buffer, s->low + base,
                   MIN (rows, s->n - base), size);
    }
}

void
ep_permute_invert (const guint32 *order,
                   gsize          n,
                   guint32       *position)
{
  EpScatter s;

  g_return_if_fail (n == 0 || (order != NULL && position != NULL));

  ep_scatter_init (&s, n, sizeof (guint32));
  for (gsize k = 0; k < n; k++)
    position[ep_scatter_slot (&s, order[k])] = (guint32) k;
  ep_scatter_finish (&s, position, sizeof (guint32));
  ep_scatter_clear (&s);
}
