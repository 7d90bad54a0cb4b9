/* test-memory.c: the large-array allocator (src/core/ep-memory.c, issue 19)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ep_big_alloc() maps 2 MiB-aligned blocks, keeps freed ones for reuse (splitting a larger
 * cached block for a smaller request, joining free neighbours) and falls back to g_malloc(). The checks read the
 * allocator's counters; each test starts with an empty cache (ep_big_trim()).
 */
#include "config.h"

#include <string.h>

#include "core/ep-memory.h"

#define MIB ((gsize) 1 << 20)

static gboolean
have_mmap (void)
{
  EpBigStats before, after;
  gpointer p;

  ep_big_trim ();
  ep_big_get_stats (&before);
  p = ep_big_alloc (4 * MIB);
  ep_big_get_stats (&after);
  ep_big_free (p);
  ep_big_trim ();
  return after.n_mapped == before.n_mapped + 1;
}

static void
test_small (void)
{
  EpBigStats before, after;
  char *p;

  ep_big_get_stats (&before);
  p = ep_big_alloc (1000);
  memset (p, 7, 1000);
  ep_big_free (p);
  p = ep_big_alloc0 (EP_BIG_THRESHOLD - 1);
  g_assert_cmpint (p[EP_BIG_THRESHOLD - 2], ==, 0);
  ep_big_free (p);
  ep_big_free (NULL);
  ep_big_get_stats (&after);
  /* below the threshold: g_malloc, the mapped blocks untouched */
  g_assert_cmpuint (after.n_mapped, ==, before.n_mapped);
  g_assert_cmpuint (after.n_fallback, ==, before.n_fallback);
}

static void
test_alignment (void)
{
  EpBigStats before, after;
  gsize sizes[] = { EP_BIG_THRESHOLD, 3 * MIB + 1, 17 * MIB, 40 * MIB + 12345 };

  if (!have_mmap ())
    {
      g_test_skip ("no anonymous mappings here");
      return;
    }
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      unsigned char *p;

      ep_big_get_stats (&before);
      p = ep_big_alloc0 (sizes[k]);
      ep_big_get_stats (&after);
      g_assert_cmpuint (after.n_mapped, ==, before.n_mapped + 1);
      g_assert_cmpuint ((guintptr) p % (2 * MIB), ==, 0);
      g_assert_cmpuint (after.live_bytes - before.live_bytes, >=, sizes[k]);
      g_assert_cmpuint ((after.live_bytes - before.live_bytes) % (2 * MIB), ==, 0);
      /* fresh: zero, and every byte writable */
      g_assert_cmpint (p[0], ==, 0);
      g_assert_cmpint (p[sizes[k] - 1], ==, 0);
      memset (p, 0xa5, sizes[k]);
      ep_big_free (p);
    }
  ep_big_trim ();
  ep_big_get_stats (&after);
  g_assert_cmpuint (after.cached_bytes, ==, 0);
}

static void
test_reuse (void)
{
  EpBigStats before, after;
  double *a, *b;
  gsize n = 5 * MIB / sizeof (double);

  if (!have_mmap ())
    {
      g_test_skip ("no anonymous mappings here");
      return;
    }
  a = ep_big_new (double, n);
  for (gsize i = 0; i < n; i++)
    a[i] = (double) i;
  ep_big_free (a);
  ep_big_get_stats (&before);
  g_assert_cmpuint (before.cached_bytes, ==, 6 * MIB);   /* the 5 MiB request's class */

  /* the same block again, pages and all, without a new mapping */
  b = ep_big_new (double, n);
  ep_big_get_stats (&after);
  g_assert_true (b == a);
  g_assert_cmpuint (after.n_reused, ==, before.n_reused + 1);
  g_assert_cmpuint (after.n_mapped, ==, before.n_mapped);
  g_assert_cmpuint (after.cached_bytes, ==, 0);
  ep_big_free (b);

  /* alloc0 of a reused block clears it */
  b = ep_big_alloc0 (n * sizeof (double));
  g_assert_true (b == a);
  for (gsize i = 0; i < n; i += 4099)
    g_assert_cmpfloat (b[i], ==, 0.0);
  ep_big_free (b);

  /* the cache keeps at most EP_BIG_CACHE_LIMIT bytes (the blocks are not touched here, so
   * this maps 560 MiB of address space but no memory) */
  {
    gpointer p[70];

    ep_big_trim ();
    for (guint k = 0; k < G_N_ELEMENTS (p); k++)
      p[k] = ep_big_alloc (8 * MIB);
    for (guint k = 0; k < G_N_ELEMENTS (p); k++)
      ep_big_free (p[k]);
    ep_big_get_stats (&after);
    g_assert_cmpuint (after.cached_bytes, >, 0);
    g_assert_cmpuint (after.cached_bytes, <=, EP_BIG_CACHE_LIMIT);
    g_assert_cmpuint (after.live_bytes, ==, 0);
  }
  ep_big_trim ();
}

/* A smaller request takes the front of a larger cached block; the rest stays cached and
 * serves the next request. */
static void
test_split (void)
{
  EpBigStats stats;
  char *big, *a, *b, *c;

  if (!have_mmap ())
    {
      g_test_skip ("no anonymous mappings here");
      return;
    }
  big = ep_big_alloc (16 * MIB);
  memset (big, 1, 16 * MIB);
  ep_big_free (big);

  a = ep_big_alloc (4 * MIB);
  g_assert_true (a == big);
  ep_big_get_stats (&stats);
  g_assert_cmpuint (stats.cached_bytes, ==, 12 * MIB);
  b = ep_big_alloc (8 * MIB);
  g_assert_true (b == big + 4 * MIB);
  c = ep_big_alloc (4 * MIB);
  g_assert_true (c == big + 12 * MIB);
  ep_big_get_stats (&stats);
  g_assert_cmpuint (stats.cached_bytes, ==, 0);
  /* the pieces are blocks of their own: each is freed and reused alone */
  memset (b, 2, 8 * MIB);
  ep_big_free (a);
  ep_big_free (c);
  g_assert_cmpint (b[0], ==, 2);
  g_assert_cmpint (b[8 * MIB - 1], ==, 2);
  ep_big_free (b);
  ep_big_get_stats (&stats);
  g_assert_cmpuint (stats.cached_bytes, ==, 16 * MIB);
  /* the three free pieces joined again: one block serves the whole size */
  a = ep_big_alloc (16 * MIB);
  g_assert_true (a == big);
  g_assert_cmpint (a[4 * MIB], ==, 2);       /* b's pages, kept */
  g_assert_cmpint (a[16 * MIB - 1], ==, 1);
  ep_big_free (a);
  ep_big_trim ();
}

/* Where mmap() is unavailable every block comes from g_malloc() and ep_big_free() gives it
 * back there (MALLOC_CHECK_=2 in the test environment catches a wrong free). */
static void
test_fallback (void)
{
  EpBigStats before, after;
  char *p, *q;

  ep_big_trim ();
  ep_big_set_force_malloc (TRUE);
  ep_big_get_stats (&before);
  p = ep_big_alloc (6 * MIB);
  q = ep_big_alloc0 (3 * MIB);
  memset (p, 3, 6 * MIB);
  g_assert_cmpint (q[3 * MIB - 1], ==, 0);
  ep_big_get_stats (&after);
  g_assert_cmpuint (after.n_fallback, ==, before.n_fallback + 2);
  g_assert_cmpuint (after.n_mapped, ==, before.n_mapped);
  g_assert_cmpuint (after.live_bytes, ==, before.live_bytes);
  ep_big_free (p);
  ep_big_free (q);
  ep_big_get_stats (&after);
  g_assert_cmpuint (after.cached_bytes, ==, 0);
  ep_big_set_force_malloc (FALSE);
}

static void
test_overflow (void)
{
  if (g_test_subprocess ())
    {
      ep_big_alloc_n (G_MAXSIZE / 2, 3);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*overflow*");
}

static gpointer
thread_main (gpointer data)
{
  guint seed = GPOINTER_TO_UINT (data);

  for (guint k = 0; k < 40; k++)
    {
      gsize size = (2 + (seed + k) % 7) * MIB;
      unsigned char *p = ep_big_alloc (size);

      p[0] = p[size - 1] = (unsigned char) k;
      g_assert_cmpint (p[0], ==, (unsigned char) k);
      ep_big_free (p);
    }
  return NULL;
}

static void
test_threads (void)
{
  GThread *threads[4];
  EpBigStats stats;

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("big", thread_main, GUINT_TO_POINTER (t));
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);
  ep_big_get_stats (&stats);
  g_assert_cmpuint (stats.live_bytes, ==, 0);
  ep_big_trim ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memory/big/small", test_small);
  g_test_add_func ("/memory/big/alignment", test_alignment);
  g_test_add_func ("/memory/big/reuse", test_reuse);
  g_test_add_func ("/memory/big/split", test_split);
  g_test_add_func ("/memory/big/fallback", test_fallback);
  g_test_add_func ("/memory/big/overflow", test_overflow);
  g_test_add_func ("/memory/big/threads", test_threads);

  return g_test_run ();
}
