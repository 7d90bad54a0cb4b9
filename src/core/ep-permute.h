/* ep-permute.h: moving large arrays into another order without random access to memory
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* EpScatter: dest[index[i]] = row i, for rows produced in one order and wanted in another
 * (index a permutation of 0 .. n-1), in two passes that both touch memory in order.
 *
 * Writing each row straight to dest[index[i]] is a cache miss per row once the arrays are
 * larger than the cache (and a TLB miss per row without huge pages): at 1e7 rows its cost
 * per row grows with n. Here the destination is cut into blocks of 65,536 rows, few enough
 * that pass 1's streams stay apart in the caches and small enough that pass 2 stays in them.
 *
 *   pass 1 (the caller): for each row i in its own order, slot = ep_scatter_slot (s, index[i])
 *          and write the row's values at dest[slot] of every array. The slots of the rows
 *          that belong in block b are block b's own rows, handed out in order, so pass 1
 *          writes one sequential stream per block. ep_scatter_slot() notes where in its
 *          block each slot's row belongs (16 bits a row).
 *   pass 2: ep_scatter_finish (s, array, size) for each array: every block is copied to a
 *          buffer and its rows written back to their places, inside the cache.
 *
 * Below EP_SCATTER_MIN_BYTES (the arrays then sit in cache, and the two passes cost more than
 * they save) the slot is the destination itself and ep_scatter_finish() does nothing, so the
 * caller's code is the same at every size. Either way dest holds exactly the rows a plain
 * scatter writes: only where the bytes go changes, never the values. */
#define EP_SCATTER_MIN_BYTES ((gsize) 16 << 20)

typedef struct
{
  gsize    n;
  guint    shift;     /* blocks of 1 << shift rows */
  gsize    n_blocks;
  gsize   *next;      /* n_blocks: each block's next free slot */
  guint16 *low;       /* n: where slot s's row goes in its block; NULL: slots are destinations */
} EpScatter;

/* row_bytes: the bytes of a row in all the arrays that pass 1 writes together. Partitioning
 * pays when n x row_bytes >= EP_SCATTER_MIN_BYTES and there is more than one block;
 * ep_scatter_pays() says whether ep_scatter_init() will partition, for callers that have a
 * cheaper way for data in cache (a gather with prefetching). */
gboolean ep_scatter_pays (gsize n,
                          gsize row_bytes);
void ep_scatter_init   (EpScatter *s,
                        gsize      n,
                        gsize      row_bytes);
void ep_scatter_finish (EpScatter *s,
                        gpointer   array,
                        gsize      size);
void ep_scatter_clear  (EpScatter *s);

/* For the tests and benchmarks: the size from which the rows are partitioned and the blocks'
 * rows as a power of two, 1 to 16 (0: the defaults, EP_SCATTER_MIN_BYTES and 16). Not
 * thread-safe: set it before any scatter runs. */
void ep_scatter_set_limits (gsize min_bytes,
                            guint shift);

/* Pass 1: the slot for the row that belongs at dest (dest < n; each dest exactly once). */
static inline gsize
ep_scatter_slot (EpScatter *s,
                 gsize      dest)
{
  gsize slot;

  if (s->low == NULL)
    return dest;
  slot = s->next[dest >> s->shift]++;
  s->low[slot] = (guint16) (dest & (((gsize) 1 << s->shift) - 1));
  return slot;
}

/* position[order[k]] = k for k < n (the inverse of a permutation), through EpScatter. */
void ep_permute_invert (const guint32 *order,
                        gsize          n,
                        guint32       *position);

G_END_DECLS
