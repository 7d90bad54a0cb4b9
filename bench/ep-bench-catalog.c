/* ep-bench-catalog.c: how long loading the bundled trial catalog takes
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times ep_catalog_new_default(): the GResource lookup, JSON parsing, validation of every record
 * and the EpTrial objects, i.e. what the Trials page waits for. The target (issue 4) is under
 * 50 ms. Prints the first (cold) run, the best and the median of N runs; exits 1 when the median
 * misses the target. Run by bench/catalog.sh; not a test: timings
 * depend on the machine.
 *
 * usage: ep-bench-catalog [--repeat N]
 */
#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/ep-catalog.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  int repeat = 20;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs (20)", "N" },
    { NULL }
  };
  g_autofree double *ms = NULL;
  guint n_items = 0;
  double first;

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || repeat < 1)
    {
      g_printerr ("usage: ep-bench-catalog [--repeat N]\n");
      return 2;
    }

  ms = g_new (double, repeat);
  for (int run = 0; run < repeat; run++)
    {
      g_autoptr(EpCatalog) catalog = NULL;
      gint64 t0 = g_get_monotonic_time ();

      catalog = ep_catalog_new_default (&error);
      ms[run] = (g_get_monotonic_time () - t0) / 1000.0;
      if (catalog == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      n_items = g_list_model_get_n_items (G_LIST_MODEL (catalog));
    }

  first = ms[0];
  qsort (ms, repeat, sizeof (double), compare_doubles);
  printf ("catalog: %u arms; load: first (cold) %.2f ms, best %.2f ms, median %.2f ms of %d "
          "(target < 50 ms)\n", n_items, first, ms[0], ms[repeat / 2], repeat);

  return ms[repeat / 2] < 50.0 ? 0 : 1;
}
