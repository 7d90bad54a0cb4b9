/* ep-memory.h: how the process asks the C library for memory
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ep_memory_tune: called once at the start of a program (the app, endpoint-cli, the benches).
 * With glibc, blocks up to 1 GiB come from malloc's heaps instead of fresh mmap()s, and up to
 * 256 MiB of freed memory stays in the process: a live analysis that recomputes a million
 * rows on every edit reuses the pages of the previous run instead of faulting in new ones
 * (each fresh 4 KiB page costs 15-20 µs on this kind of virtual machine, about a third of an
 * update at 1e6 rows; bench/README.md, "live.sh"). Peak memory is unchanged; memory that was
 * used stays mapped until the process needs it again. A no-op elsewhere. */
void ep_memory_tune (void);

/* Large work arrays (issue 19): ep_big_alloc() and ep_big_free().
 *
 * A block of at least EP_BIG_THRESHOLD bytes (2 MiB) is an anonymous mapping, 2 MiB-aligned,
 * rounded up to a size class (multiples of 2 MiB: 1 to 8 units exactly, then steps of a
 * quarter of the power of two below), with madvise (MADV_HUGEPAGE) so that the kernel backs
 * it by transparent huge pages (one fault per 2 MiB instead of 512). A freed block is kept
 * (up to 4 per class and EP_BIG_CACHE_LIMIT bytes in all) and handed out again for the
 * smallest class that fits, so a recomputation reuses pages that are already there instead
 * of faulting in fresh ones; a request that finds no cached block of its class takes the
 * smallest larger cached one (resident already, so this never raises the process's peak
 * memory) before it maps new memory. Smaller requests, and every request where mmap() is
 * not available or fails, go to g_malloc(); ep_big_free() tells them apart. Thread-safe.
 * The contents of a new block are undefined (ep_big_alloc0(): zero). Aborts like g_malloc()
 * when memory runs out. */
#define EP_BIG_THRESHOLD   ((gsize) 2 << 20)
#define EP_BIG_CACHE_LIMIT ((gsize) 256 << 20)

gpointer ep_big_alloc   (gsize    size);
gpointer ep_big_alloc0  (gsize    size);
/* n_blocks x block_size bytes, aborting on overflow (as g_new). */
gpointer ep_big_alloc_n (gsize    n_blocks,
                         gsize    block_size);
void     ep_big_free    (gpointer block);
/* Unmaps the cached free blocks (a program about to stay idle; the tests). */
void     ep_big_trim    (void);

#define ep_big_new(type, n)  ((type *) ep_big_alloc_n ((n), sizeof (type)))
/* for __attribute__((cleanup)): frees *(void **) location */
void     ep_big_freep   (gpointer location);
#define ep_autobig __attribute__ ((cleanup (ep_big_freep)))

/* For the tests and benchmarks: counts since the start of the process. */
typedef struct
{
  guint64 n_mapped;     /* blocks mapped fresh */
  guint64 n_reused;     /* blocks handed out again from the cache */
  guint64 n_fallback;   /* large requests served by g_malloc() */
  gsize   live_bytes;   /* mapped bytes in use */
  gsize   cached_bytes; /* mapped bytes kept for reuse */
} EpBigStats;

void     ep_big_get_stats       (EpBigStats *stats);
/* TRUE: behave as where mmap() is unavailable (every block from g_malloc); tests only. */
void     ep_big_set_force_malloc (gboolean   force);

G_END_DECLS
