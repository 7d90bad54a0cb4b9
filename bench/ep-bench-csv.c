/* ep-bench-csv.c: how fast the CSV reader is
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads FILE with ep_csv_read_file() and then converts every cell of every column whose first
 * value is a number, and prints both times. The target (issue 3) is 1e6 rows x 8 columns read
 * in under 1 s. Then reads the same columns with ep_csv_read_columns() (issue 19: numbers
 * straight into arrays, the other columns as factor codes; target 0.3 s), prints its wall and
 * CPU time, and checks that every number is the same double, bit for bit, and every factor
 * the same text ("identical" or the first difference). Run by bench/csv.sh and
 * bench/survival.sh; not a test: timings depend on the machine.
 *
 * usage: ep-bench-csv [--repeat N] FILE
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "io/ep-csv.h"
#include "io/ep-csv-columns.h"

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
  int repeat = 3;
  double best_read = G_MAXDOUBLE, best_numbers = G_MAXDOUBLE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs; the best is reported (3)", "N" },
    { NULL }
  };
  GStatBuf st;
  guint n_rows = 0, n_columns = 0, n_numeric = 0;

  context = g_option_context_new ("FILE");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || repeat < 1)
    {
      g_printerr ("usage: ep-bench-csv [--repeat N] FILE\n");
      return 2;
    }
  if (g_stat (argv[1], &st) != 0)
    {
      g_printerr ("ep-bench-csv: cannot read %s\n", argv[1]);
      return 1;
    }

  for (int run = 0; run < repeat; run++)
    {
      g_autoptr(EpCsv) csv = NULL;
      gint64 t0 = g_get_monotonic_time (), t1, t2;
      double sum = 0.0;

      csv = ep_csv_read_file (argv[1], ',', &error);
      if (csv == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      t1 = g_get_monotonic_time ();

      n_rows = ep_csv_get_n_rows (csv);
      n_columns = ep_csv_get_n_columns (csv);
      n_numeric = 0;
      for (guint j = 0; j < n_columns; j++)
        {
          double x;

          if (n_rows == 0 || !ep_csv_get_number (csv, 0, j, &x, NULL))
            continue;
          n_numeric++;
          for (guint i = 0; i < n_rows; i++)
            {
              if (ep_csv_is_missing (csv, i, j))
                continue;
              if (!ep_csv_get_number (csv, i, j, &x, &error))
                {
                  g_printerr ("%s\n", error->message);
                  return 1;
                }
              sum += x;
            }
        }
      t2 = g_get_monotonic_time ();

      best_read = MIN (best_read, (t1 - t0) / 1e6);
      best_numbers = MIN (best_numbers, (t2 - t1) / 1e6);
      if (run == 0)
        g_print ("checksum %.6g\n", sum);
    }

  /* The column reader: every column, numbers as numbers, the rest as factors. */
  {
    g_autoptr(EpCsv) csv = ep_csv_read_file (argv[1], ',', &error);
    g_autofree const char **names = NULL;
    g_autofree EpCsvColumnKind *kinds = NULL;
    double best_wall = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;
    gboolean identical = TRUE, fell_back = FALSE;

    if (csv == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    names = g_new (const char *, n_columns);
    kinds = g_new (EpCsvColumnKind, n_columns);
    for (guint j = 0; j < n_columns; j++)
      {
        double x;

        names[j] = ep_csv_get_column_name (csv, j);
        kinds[j] = n_rows > 0 && ep_csv_get_number (csv, 0, j, &x, NULL)
                     ? EP_CSV_COLUMN_NUMBER : EP_CSV_COLUMN_FACTOR;
      }
    for (int run = 0; run < repeat; run++)
      {
        g_autoptr(EpCsvColumns) columns = NULL;
        gint64 t0 = g_get_monotonic_time ();
        double c0 = cpu_seconds ();

        columns = ep_csv_read_columns (argv[1], ',', names, kinds, n_columns, &error);
        if (columns == NULL)
          {
            g_printerr ("%s\n", error->message);
            return 1;
          }
        best_wall = MIN (best_wall, (g_get_monotonic_time () - t0) / 1e6);
        best_cpu = MIN (best_cpu, cpu_seconds () - c0);
        fell_back = columns->fell_back;
        if (run > 0)
          continue;

        /* the same values as the CSV reader's, to the bit */
        for (guint j = 0; j < n_columns && identical; j++)
          for (guint i = 0; i < n_rows && identical; i++)
            {
              const EpCsvColumn *c = &columns->columns[j];
              double x = NAN;

              if (c->kind == EP_CSV_COLUMN_NUMBER)
                {
                  if (!ep_csv_is_missing (csv, i, j))
                    ep_csv_get_number (csv, i, j, &x, NULL);
                  identical = memcmp (&x, &c->numbers[i], sizeof x) == 0;
                }
              else if (ep_csv_is_missing (csv, i, j))
                identical = c->codes[i] == -1;
              else
                identical = c->codes[i] >= 0 &&
                            strcmp (c->levels->pdata[c->codes[i]], ep_csv_get_cell (csv, i, j)) == 0;
              if (!identical)
                g_print ("columns   differ at row %u, column %s\n", i + 1, names[j]);
            }
      }
    g_print ("columns   %.3f s wall, %.3f s CPU  (ep_csv_read_columns, all %u columns, best of %d%s)\n",
             best_wall, best_cpu, n_columns, repeat, fell_back ? "; fell back" : "");
    g_print ("columns   %s to ep_csv_read_file + ep_csv_get_number (target 0.3 s)\n",
             identical ? "identical" : "NOT identical");
  }

  g_print ("file      %s: %.1f MB, %u rows x %u columns (%u numeric)\n",
           argv[1], st.st_size / 1e6, n_rows, n_columns, n_numeric);
  g_print ("read      %.3f s  (ep_csv_read_file, best of %d)\n", best_read, repeat);
  g_print ("numbers   %.3f s  (ep_csv_get_number on every numeric cell)\n", best_numbers);
  g_print ("total     %.3f s  (target for reading 1e6 x 8: under 1 s)\n", best_read + best_numbers);

  return 0;
}
