/* ep-bench-sheet.c: time the spreadsheet import of one file
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   ep-bench-sheet FILE.xlsx
 *
 * Reads the file as the app's import does (ep_import_file: the sheet's cells, then typed
 * columns) and prints one line of JSON: rows, columns, wall and CPU seconds, and the
 * process's peak resident memory in MB (getrusage's ru_maxrss), all for this one read.
 */
#include "config.h"

#include <glib.h>
#include <sys/resource.h>

#include "io/ep-import.h"

static double
cpu_seconds (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpTable) table = NULL;
  struct rusage u;
  gint64 t0;
  double c0;

  if (argc != 2)
    {
      g_printerr ("usage: ep-bench-sheet FILE.xlsx\n");
      return 2;
    }

  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  table = ep_import_file (argv[1], NULL, &error);
  if (table == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  getrusage (RUSAGE_SELF, &u);
  g_print ("{\"rows\": %u, \"columns\": %u, \"wall_s\": %.3f, \"cpu_s\": %.3f, \"max_rss_mb\": %.0f}\n",
           table->n_rows, ep_table_get_n_columns (table),
           (g_get_monotonic_time () - t0) / 1e6, cpu_seconds () - c0, u.ru_maxrss / 1024.0);

  return 0;
}
