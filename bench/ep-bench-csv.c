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
 * With --columns-only (bench/scaling.sh) it runs ep_csv_read_columns() alone, the column kinds
 * guessed from the first data row, and prints its best wall and CPU time: the process's peak
 * memory is then the column reader's own.
 *
 * With --import (issue 19, the app's import) it times ep_csv_read_file() alone and the app's
 * whole import, ep_import_file() (read, encoding, separator, splitting, guessing every column's
 * type, typed columns), interleaved, and prints the best wall and CPU time of each and a sha256
 * of the imported table (names, types, values bit for bit, levels), so that a change to the
 * import can be shown to give the same table.
 *
 * usage: ep-bench-csv [--repeat N] [--columns-only | --import] FILE
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "io/ep-csv.h"
#include "io/ep-csv-columns.h"
#include "io/ep-import.h"

static double
cpu_seconds (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

/* ep_csv_read_columns() alone: every column, kinds from the first data row (a number there
 * makes a number column); prints "columns WALL s wall, CPU s CPU" and the rows read. */
static int
columns_alone (const char *path,
               int         repeat)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL, names = NULL, first = NULL;
  g_autofree EpCsvColumnKind *kinds = NULL;
  double best_wall = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;
  guint n, n_rows = 0;
  FILE *f = fopen (path, "r");
  char buf[4096];
  size_t got;

  if (f == NULL)
    {
      g_printerr ("ep-bench-csv: cannot read %s\n", path);
      return 1;
    }
  got = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[got] = '\0';
  lines = g_strsplit (buf, "\n", 3);
  if (g_strv_length (lines) < 3)
    {
      g_printerr ("ep-bench-csv: %s: no data row in the first 4 KiB\n", path);
      return 1;
    }
  names = g_strsplit (lines[0], ",", -1);
  first = g_strsplit (lines[1], ",", -1);
  n = g_strv_length (names);
  kinds = g_new (EpCsvColumnKind, n);
  for (guint j = 0; j < n; j++)
    {
      char *end = NULL;

      kinds[j] = EP_CSV_COLUMN_FACTOR;
      if (j < g_strv_length (first) && first[j][0] != '\0')
        {
          g_ascii_strtod (first[j], &end);
          if (end != NULL && *end == '\0')
            kinds[j] = EP_CSV_COLUMN_NUMBER;
        }
    }

  for (int run = 0; run < repeat; run++)
    {
      g_autoptr(EpCsvColumns) columns = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_seconds ();

      columns = ep_csv_read_columns (path, ',', (const char * const *) names, kinds, n, &error);
      if (columns == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      best_wall = MIN (best_wall, (g_get_monotonic_time () - t0) / 1e6);
      best_cpu = MIN (best_cpu, cpu_seconds () - c0);
      n_rows = columns->n_rows;
      if (columns->fell_back)
        g_print ("fell back to ep_csv_read_file\n");
    }
  g_print ("columns %.6f s wall, %.6f s CPU (ep_csv_read_columns, %u rows x %u columns, best of %d)\n",
           best_wall, best_cpu, n_rows, n, repeat);

  return 0;
}

/* sha256 of everything an import gives: each column's name, type, values and levels. */
static char *
table_digest (const EpTable *table)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint j = 0; j < ep_table_get_n_columns (table); j++)
    {
      const EpTableColumn *c = ep_table_get_column (table, j);
      guint32 type = c->type;

      g_checksum_update (sum, (const guchar *) c->name, strlen (c->name) + 1);
      g_checksum_update (sum, (const guchar *) &type, sizeof type);
      g_checksum_update (sum, (const guchar *) c->values->data,
                         (gssize) c->values->len * g_array_get_element_size (c->values));
      for (guint k = 0; c->levels != NULL && k < c->levels->len; k++)
        g_checksum_update (sum, c->levels->pdata[k], strlen (c->levels->pdata[k]) + 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* ep_csv_read_file() and ep_import_file(), interleaved; prints the best of each. */
static int
import_timed (const char *path,
              int         repeat)
{
  double read_wall = G_MAXDOUBLE, read_cpu = G_MAXDOUBLE;
  double import_wall = G_MAXDOUBLE, import_cpu = G_MAXDOUBLE;
  g_autofree char *digest = NULL;
  guint n_rows = 0, n_columns = 0;
  double load[3] = { 0 };

  for (int run = 0; run < repeat; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EpCsv) csv = NULL;
      g_autoptr(EpTable) table = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_seconds ();

      csv = ep_csv_read_file (path, ',', &error);
      if (csv == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      read_wall = MIN (read_wall, (g_get_monotonic_time () - t0) / 1e6);
      read_cpu = MIN (read_cpu, cpu_seconds () - c0);
      g_clear_pointer (&csv, ep_csv_free);

      t0 = g_get_monotonic_time ();
      c0 = cpu_seconds ();
      table = ep_import_file (path, NULL, &error);
      if (table == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      import_wall = MIN (import_wall, (g_get_monotonic_time () - t0) / 1e6);
      import_cpu = MIN (import_cpu, cpu_seconds () - c0);
      if (run == 0)
        {
          digest = table_digest (table);
          n_rows = table->n_rows;
          n_columns = ep_table_get_n_columns (table);
        }
    }

  if (getloadavg (load, 3) < 0)
    load[0] = load[1] = load[2] = -1;
  g_print ("read      %.3f s wall, %.3f s CPU  (ep_csv_read_file, best of %d)\n",
           read_wall, read_cpu, repeat);
  g_print ("import    %.3f s wall, %.3f s CPU  (ep_import_file, %u rows x %u columns, best of %d)\n",
           import_wall, import_cpu, n_rows, n_columns, repeat);
  g_print ("table     sha256 %s\n", digest);
  g_print ("load      %.2f %.2f %.2f\n", load[0], load[1], load[2]);

  return 0;
}

int
main (int    argc,
      char **argv)
{
  int repeat = 3;
  gboolean columns_only = FALSE, import = FALSE;
  double best_read = G_MAXDOUBLE, best_numbers = G_MAXDOUBLE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs; the best is reported (3)", "N" },
    { "columns-only", 0, 0, G_OPTION_ARG_NONE, &columns_only, "Only ep_csv_read_columns", NULL },
    { "import", 0, 0, G_OPTION_ARG_NONE, &import, "ep_csv_read_file and the app's ep_import_file", NULL },
    { NULL }
  };
  GStatBuf st;
  guint n_rows = 0, n_columns = 0, n_numeric = 0;

  context = g_option_context_new ("FILE");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || repeat < 1)
    {
      g_printerr ("usage: ep-bench-csv [--repeat N] [--columns-only | --import] FILE\n");
      return 2;
    }
  if (g_stat (argv[1], &st) != 0)
    {
      g_printerr ("ep-bench-csv: cannot read %s\n", argv[1]);
      return 1;
    }

  if (columns_only)
    return columns_alone (argv[1], repeat);
  if (import)
    return import_timed (argv[1], repeat);

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
