/* ep-memory.c: how the process asks the C library for memory
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-memory.h.
 */
#include "config.h"

#include "core/ep-memory.h"

#include <string.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#if defined(G_OS_UNIX)
#include <sys/mman.h>
#if defined(MAP_ANONYMOUS)
#define EP_BIG_MMAP 1
#endif
#endif

void
ep_memory_tune (void)
{
#ifdef __GLIBC__
  /* Setting the threshold also stops glibc from adjusting it (and the trim threshold) itself. */
  mallopt (M_MMAP_THRESHOLD, 1 << 30);
  mallopt (M_TRIM_THRESHOLD, 256 << 20);
#endif
}

/* ---- large arrays ---- */

#define UNIT          EP_BIG_THRESHOLD
#define PER_CLASS     4

typedef struct
{
  gpointer block;
  gsize    size;    /* the class's size, the mapping's length */
} Cached;

static GMutex      big_lock;
static GHashTable *big_live;        /* block -> its mapped size (live mapped blocks) */
static Cached      big_cache[64];   /* free blocks, unordered */
static guint       big_n_cached;
static EpBigStats  big_stats;
static gboolean    big_force_malloc;

/* The size class of a request: whole units of 2 MiB; above 8 units, a multiple of a quarter
 * of the largest power of two not above it (so at most 25 % more address space, which costs
 * nothing until touched). */
static gsize
size_class (gsize size)
{
  gsize units = (size + UNIT - 1) / UNIT, step = 1;

  if (units > 8)
    {
      gsize top = units;

      while (top & (top - 1))
        top &= top - 1;
      step = top / 4;
    }
  return (units + step - 1) / step * step * UNIT;
}

/* Before mapping fresh pages: memory that malloc's heaps hold free (the temporaries of reading
 * a file, say) cannot serve a mapped block, and with ep_memory_tune()'s thresholds it would
 * stay resident beside it. When there is more than a block's worth, it goes back to the
 * system first, so the new block does not raise the peak. (Blocks from the cache never get
 * here: a recomputation that reuses its blocks does not trim.) */
static void
trim_heap (gsize size)
{
#if defined(__GLIBC__) && defined(__GLIBC_PREREQ)
#if __GLIBC_PREREQ(2, 33)
  struct mallinfo2 info = mallinfo2 ();

  if (info.fordblks >= MAX (size, EP_BIG_THRESHOLD))
    malloc_trim (0);
#endif
#endif
  (void) size;
}

#ifdef EP_BIG_MMAP
static gpointer
map_aligned (gsize size)
{
  char *raw, *aligned;
  gsize head, tail;

  if (size > G_MAXSIZE - UNIT)
    return NULL;
  raw = mmap (NULL, size + UNIT, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED)
    return NULL;
  aligned = (char *) (((guintptr) raw + UNIT - 1) & ~(guintptr) (UNIT - 1));
  head = (gsize) (aligned - raw);
  tail = UNIT - head;
  if (head > 0)
    munmap (raw, head);
  if (tail > 0)
    munmap (aligned + size, tail);
#ifdef MADV_HUGEPAGE
  /* may fail (a kernel without transparent huge pages): the block is still usable */
  madvise (aligned, size, MADV_HUGEPAGE);
#endif
  return aligned;
}
#endif

/* Keeps a free block for reuse if there is room, joined with the cached blocks next to it
 * (pieces of one split block, or mappings that happen to touch: all are whole 2 MiB pages of
 * anonymous memory, so a joined range is one block). FALSE: unmap *block, *size, which then
 * cover the joined range. big_lock held. */
static gboolean
cache_keep (gpointer *block,
            gsize    *size)
{
  char *b = *block;
  gsize length = *size;
  guint same = 0;

  for (guint k = 0; k < big_n_cached;)
    {
      char *other = big_cache[k].block;
      gsize other_size = big_cache[k].size;

      if (other + other_size == b || b + length == other)
        {
          b = MIN (b, other);
          length += other_size;
          big_stats.cached_bytes -= other_size;
          big_cache[k] = big_cache[--big_n_cached];
          k = 0;
          continue;
        }
      k++;
    }
  *block = b;
  *size = length;

  for (guint k = 0; k < big_n_cached; k++)
    same += big_cache[k].size == length;
  if (same >= PER_CLASS || big_n_cached >= G_N_ELEMENTS (big_cache) ||
      big_stats.cached_bytes + length > EP_BIG_CACHE_LIMIT)
    return FALSE;
  big_cache[big_n_cached].block = b;
  big_cache[big_n_cached].size = length;
  big_n_cached++;
  big_stats.cached_bytes += length;
  return TRUE;
}

/* Takes a block of class size from the cache, else the front of the smallest larger one,
 * whose rest (2 MiB-aligned too, as every size is a multiple of 2 MiB) is a free block of
 * its own, so that what the cache holds resident serves several smaller requests. Sets
 * *unmap to a rest that the cache has no room for. big_lock held. */
static gpointer
cache_take (gsize     size,
            gsize    *taken,
            gpointer *unmap,
            gsize    *unmap_size)
{
  guint best = G_MAXUINT;
  gpointer block;

  for (guint k = 0; k < big_n_cached; k++)
    if (big_cache[k].size >= size &&
        (best == G_MAXUINT || big_cache[k].size < big_cache[best].size))
      best = k;
  if (best == G_MAXUINT)
    return NULL;
  block = big_cache[best].block;
  *taken = big_cache[best].size;
  big_cache[best] = big_cache[--big_n_cached];
  big_stats.cached_bytes -= *taken;
  if (*taken > size)
    {
      gpointer rest = (char *) block + size;
      gsize rest_size = *taken - size;

      *taken = size;
      if (!cache_keep (&rest, &rest_size))
        {
          *unmap = rest;
          *unmap_size = rest_size;
        }
    }
  return block;
}

static gpointer
big_alloc (gsize    size,
           gboolean zero)
{
  gsize class_size, taken = 0, unmap_size = 0;
  gpointer block = NULL, unmap = NULL;
  gboolean reused = FALSE;

  if (size < EP_BIG_THRESHOLD)
    return zero ? g_malloc0 (MAX (size, 1)) : g_malloc (MAX (size, 1));

  class_size = size_class (size);

  g_mutex_lock (&big_lock);
  if (!big_force_malloc)
    {
      block = cache_take (class_size, &taken, &unmap, &unmap_size);
      reused = block != NULL;
    }
  g_mutex_unlock (&big_lock);
#ifdef EP_BIG_MMAP
  if (unmap != NULL)
    munmap (unmap, unmap_size);
#endif

#ifdef EP_BIG_MMAP
  if (block == NULL && !big_force_malloc)
    {
      trim_heap (class_size);
      block = map_aligned (class_size);
      taken = class_size;
    }
#endif

  if (block == NULL)
    {
      g_mutex_lock (&big_lock);
      big_stats.n_fallback++;
      g_mutex_unlock (&big_lock);
      return zero ? g_malloc0 (size) : g_malloc (size);
    }

  g_mutex_lock (&big_lock);
  if (big_live == NULL)
    big_live = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_hash_table_insert (big_live, block, GSIZE_TO_POINTER (taken));
  big_stats.live_bytes += taken;
  if (reused)
    big_stats.n_reused++;
  else
    big_stats.n_mapped++;
  g_mutex_unlock (&big_lock);

  /* a fresh mapping is zero already */
  if (zero && reused)
    memset (block, 0, size);
  return block;
}

gpointer
ep_big_alloc (gsize size)
{
  return big_alloc (size, FALSE);
}

gpointer
ep_big_alloc0 (gsize size)
{
  return big_alloc (size, TRUE);
}

gpointer
ep_big_alloc_n (gsize n_blocks,
                gsize block_size)
{
  gsize size;

  if (!g_size_checked_mul (&size, n_blocks, block_size))
    g_error ("%s: overflow allocating %" G_GSIZE_FORMAT "*%" G_GSIZE_FORMAT " bytes",
             G_STRLOC, n_blocks, block_size);
  return big_alloc (size, FALSE);
}

void
ep_big_free (gpointer block)
{
  gsize size = 0;
  gboolean keep = FALSE;

  if (block == NULL)
    return;

  g_mutex_lock (&big_lock);
  if (big_live != NULL)
    {
      gpointer value;

      if (g_hash_table_lookup_extended (big_live, block, NULL, &value))
        {
          size = GPOINTER_TO_SIZE (value);
          g_hash_table_remove (big_live, block);
          big_stats.live_bytes -= size;
          keep = cache_keep (&block, &size);
        }
    }
  g_mutex_unlock (&big_lock);

  if (size == 0)
    g_free (block);
#ifdef EP_BIG_MMAP
  else if (!keep)
    munmap (block, size);
#endif
}

void
ep_big_freep (gpointer location)
{
  ep_big_free (*(gpointer *) location);
}

void
ep_big_trim (void)
{
  Cached cached[G_N_ELEMENTS (big_cache)];
  guint n;

  g_mutex_lock (&big_lock);
  n = big_n_cached;
  memcpy (cached, big_cache, n * sizeof (Cached));
  big_n_cached = 0;
  big_stats.cached_bytes = 0;
  g_mutex_unlock (&big_lock);

#ifdef EP_BIG_MMAP
  for (guint k = 0; k < n; k++)
    munmap (cached[k].block, cached[k].size);
#endif
}

void
ep_big_get_stats (EpBigStats *stats)
{
  g_return_if_fail (stats != NULL);

  g_mutex_lock (&big_lock);
  *stats = big_stats;
  g_mutex_unlock (&big_lock);
}

void
ep_big_set_force_malloc (gboolean force)
{
  g_mutex_lock (&big_lock);
  big_force_malloc = force;
  g_mutex_unlock (&big_lock);
}
