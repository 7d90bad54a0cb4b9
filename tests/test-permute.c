/* test-permute.c: the partitioned scatter (ep-permute) against the plain one
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The definition is the plain scatter, dest[index[i]] = row i: every test compares the bytes
 * that EpScatter leaves with what that loop leaves, on random permutations.
 */
#include "config.h"

#include <string.h>

#include "core/ep-permute.h"

static guint32 *
random_permutation (GRand *rand,
                    gsize  n)
{
  guint32 *index = g_new (guint32, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    index[i] = (guint32) i;
  for (gsize i = n; i > 1; i--)
    {
      gsize j = (gsize) g_rand_int_range (rand, 0, (gint32) i);
      guint32 t = index[i - 1];

      index[i - 1] = index[j];
      index[j] = t;
    }
  return index;
}

/* n rows of `size` bytes through EpScatter and through the plain loop. */
static void
check_scatter (GRand   *rand,
               gsize    n,
               gsize    size,
               gboolean expect_partitioned)
{
  g_autofree guint32 *index = random_permutation (rand, n);
  g_autofree guchar *src = g_new (guchar, MAX (n, 1) * size);
  g_autofree guchar *plain = g_new (guchar, MAX (n, 1) * size);
  g_autofree guchar *dest = g_new (guchar, MAX (n, 1) * size);
  g_autofree guint32 *wide = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *wide_plain = g_new (guint32, MAX (n, 1));
  EpScatter s;

  for (gsize b = 0; b < n * size; b++)
    src[b] = (guchar) g_rand_int (rand);
  for (gsize i = 0; i < n; i++)
    {
      memcpy (plain + index[i] * size, src + i * size, size);
      wide_plain[index[i]] = (guint32) (i * 2654435761u);
    }

  /* two arrays written through the same slots, as Cox writes its columns */
  ep_scatter_init (&s, n, size + sizeof (guint32));
  g_assert_cmpint (s.low != NULL, ==, expect_partitioned);
  g_assert_cmpint (ep_scatter_pays (n, size + sizeof (guint32)), ==, expect_partitioned);
  for (gsize i = 0; i < n; i++)
    {
      gsize slot = ep_scatter_slot (&s, index[i]);

      g_assert_cmpuint (slot, <, n);
      memcpy (dest + slot * size, src + i * size, size);
      wide[slot] = (guint32) (i * 2654435761u);
    }
  ep_scatter_finish (&s, dest, size);
  ep_scatter_finish (&s, wide, sizeof (guint32));
  ep_scatter_clear (&s);

  g_assert_cmpmem (dest, n * size, plain, n * size);
  g_assert_cmpmem (wide, n * sizeof (guint32), wide_plain, n * sizeof (guint32));
}

/* Blocks of 8 rows (shift 3) so that the sizes around the blocks' edges are small: 0, 1, one
 * block and a row either side, two, a ragged last block; element sizes with a copy of their
 * own (4, 8, 12, 16) and the general one (6, 24, 48). */
static void
test_scatter_edges (void)
{
  const gsize sizes[] = { 0, 1, 2, 7, 8, 9, 15, 16, 17, 23, 24, 25, 63, 64, 65, 1000, 4099 };
  const gsize elems[] = { 4, 8, 12, 16, 6, 24, 48 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1908);

  ep_scatter_set_limits (1, 3);
  for (guint a = 0; a < G_N_ELEMENTS (sizes); a++)
    for (guint e = 0; e < G_N_ELEMENTS (elems); e++)
      check_scatter (rand, sizes[a], elems[e], sizes[a] > 8);   /* one block: direct */
  ep_scatter_set_limits (0, 0);
}

/* The default blocks (65,536 rows) and threshold: below it the slots are the destinations;
 * above, partitioned, with a ragged last block. */
static void
test_scatter_default (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1909);
  const gsize big = EP_SCATTER_MIN_BYTES / (16 + sizeof (guint32)) + 12345;

  ep_scatter_set_limits (0, 0);
  check_scatter (rand, 1000, 16, FALSE);
  check_scatter (rand, EP_SCATTER_MIN_BYTES / (16 + sizeof (guint32)) - 1, 16, FALSE);
  check_scatter (rand, big, 16, TRUE);
  /* a smaller threshold, the default blocks: around one block */
  ep_scatter_set_limits (1, 0);
  check_scatter (rand, 65536, 8, FALSE);
  check_scatter (rand, 65537, 8, TRUE);
  check_scatter (rand, 3 * 65536, 12, TRUE);
  ep_scatter_set_limits (0, 0);
}

/* ep_permute_invert against position[order[k]] = k, partitioned and not. */
static void
test_invert (void)
{
  const gsize sizes[] = { 0, 1, 5, 16, 17, 100, 5000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1910);

  for (guint limits = 0; limits < 2; limits++)
    {
      ep_scatter_set_limits (limits ? 1 : 0, limits ? 4 : 0);
      for (guint a = 0; a < G_N_ELEMENTS (sizes); a++)
        {
          const gsize n = sizes[a];
          g_autofree guint32 *order = random_permutation (rand, n);
          g_autofree guint32 *position = g_new (guint32, MAX (n, 1));
          g_autofree guint32 *plain = g_new (guint32, MAX (n, 1));

          for (gsize k = 0; k < n; k++)
            plain[order[k]] = (guint32) k;
          ep_permute_invert (order, n, position);
          g_assert_cmpmem (position, n * sizeof (guint32), plain, n * sizeof (guint32));
        }
    }
  ep_scatter_set_limits (0, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/permute/scatter/edges", test_scatter_edges);
  g_test_add_func ("/permute/scatter/default", test_scatter_default);
  g_test_add_func ("/permute/invert", test_invert);

  return g_test_run ();
}
