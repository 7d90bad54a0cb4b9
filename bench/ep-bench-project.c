/* ep-bench-project.c: saving and opening a 1e6-row x 8-column project
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 8's targets: a 1e6 x 8 cohort saves in under 2 s and opens in under 1 s. The cohort has
 * the mix of a real one: 5 number columns (times, ages, labs; 2 % missing), a category column
 * (4 levels), a yes/no column and a date column. Times the whole of ep_project_store_save()
 * (temporary file, one transaction, fsync, rename, directory fsync) and of
 * ep_project_store_open() (quick_check, schema check, every cell read and checked), best and
 * median of N runs, and the file's size; then the same through EpProject (ep_project_save(),
 * which adds the copy of the cohort taken before a save, and ep_project_open(), which adds the
 * EpCohort built after reading), which is what the app waits for. Exits 1 when a median misses
 * its target. Run by bench/project.sh; not a test: timings depend on the
 * machine and its disk.
 *
 * usage: ep-bench-project [--rows N] [--repeat N] [--dir DIR]
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/ep-project-store.h"
#include "model/ep-project.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static EpProjectData *
make_data (guint n_rows)
{
  EpProjectData *data = ep_project_data_new ();
  EpTable *table = ep_table_new (n_rows);
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  const char *roles[] = { "time", "covariate", "covariate", "covariate", "covariate", "group",
                          "event", "date", NULL };

  for (guint j = 0; j < 5; j++)
    {
      g_autofree char *name = g_strdup_printf ("x%u", j);
      EpTableColumn *column = ep_table_column_new (name, EP_COLUMN_NUMBER, n_rows);

      for (guint i = 0; i < n_rows; i++)
        g_array_index (column->values, double, i) =
          g_rand_int_range (rand, 0, 50) == 0 ? NAN : g_rand_double_range (rand, 0, 100);
      ep_table_insert_column (table, j, column, NULL);
    }
  {
    EpTableColumn *column = ep_table_column_new ("arm", EP_COLUMN_CATEGORY, n_rows);

    ep_table_column_intern_level (column, "A");
    ep_table_column_intern_level (column, "B");
    ep_table_column_intern_level (column, "C");
    ep_table_column_intern_level (column, "D");
    for (guint i = 0; i < n_rows; i++)
      g_array_index (column->values, gint32, i) = g_rand_int_range (rand, 0, 4);
    ep_table_insert_column (table, 5, column, NULL);
  }
  {
    EpTableColumn *column = ep_table_column_new ("dead", EP_COLUMN_YESNO, n_rows);

    for (guint i = 0; i < n_rows; i++)
      g_array_index (column->values, gint8, i) = (gint8) g_rand_int_range (rand, 0, 2);
    ep_table_insert_column (table, 6, column, NULL);
  }
  {
    EpTableColumn *column = ep_table_column_new ("diagnosed", EP_COLUMN_DATE, n_rows);

    for (guint i = 0; i < n_rows; i++)
      g_array_index (column->values, gint32, i) = g_rand_int_range (rand, 15000, 20000);
    ep_table_insert_column (table, 7, column, NULL);
  }
  g_ptr_array_add (data->cohorts, ep_project_cohort_new ("bench", table, roles));

  return data;
}

int
main (int    argc,
      char **argv)
{
  int rows = 1000000, repeat = 5;
  g_autofree char *dir = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Rows (1000000)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs (5)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to write (a new temporary directory)", "DIR" },
    { NULL }
  };
  g_autoptr(EpProjectData) data = NULL;
  g_autofree char *path = NULL;
  g_autofree double *save_s = NULL, *open_s = NULL;
  GStatBuf st;
  gboolean made_dir;
  int status = 0;

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || repeat < 1 || rows < 0)
    {
      g_printerr ("usage: ep-bench-project [--rows N] [--repeat N] [--dir DIR]\n");
      return 2;
    }
  made_dir = dir == NULL;
  if (made_dir)
    dir = g_dir_make_tmp ("ep-bench-project-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.endpoint", NULL);

  data = make_data ((guint) rows);
  save_s = g_new (double, repeat);
  open_s = g_new (double, repeat);

  /* The store alone. */
  for (int r = 0; r < repeat; r++)
    {
      g_autoptr(EpProjectData) back = NULL;
      gint64 t0 = g_get_monotonic_time (), t1, t2;

      if (!ep_project_store_save (data, path, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      back = ep_project_store_open (path, NULL, NULL, NULL, &error);
      if (back == NULL)
        g_error ("%s", error->message);
      t2 = g_get_monotonic_time ();
      save_s[r] = (t1 - t0) / 1e6;
      open_s[r] = (t2 - t1) / 1e6;
    }
  qsort (save_s, repeat, sizeof (double), compare_doubles);
  qsort (open_s, repeat, sizeof (double), compare_doubles);
  g_stat (path, &st);

  printf ("project %d rows x 8 columns: file %.1f MB\n", rows, st.st_size / 1e6);
  printf ("  store save: best %.3f s, median %.3f s\n", save_s[0], save_s[repeat / 2]);
  printf ("  store open: best %.3f s, median %.3f s\n", open_s[0], open_s[repeat / 2]);

  /* Through the model, as the app does it. */
  {
    g_autoptr(EpProject) project = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (path);
    EpProjectCohort *cohort = g_ptr_array_index (data->cohorts, 0);

    project = ep_project_new ();
    ep_project_add_cohort (project, ep_cohort_new_from_table ("bench", g_steal_pointer (&cohort->table)));
    for (int r = 0; r < repeat; r++)
      {
        g_autoptr(EpProject) back = NULL;
        gint64 t0 = g_get_monotonic_time (), t1, t2;

        if (!ep_project_save (project, file, NULL, &error))
          g_error ("%s", error->message);
        t1 = g_get_monotonic_time ();
        back = ep_project_open (file, NULL, &error);
        if (back == NULL)
          g_error ("%s", error->message);
        t2 = g_get_monotonic_time ();
        save_s[r] = (t1 - t0) / 1e6;
        open_s[r] = (t2 - t1) / 1e6;
      }
  }
  qsort (save_s, repeat, sizeof (double), compare_doubles);
  qsort (open_s, repeat, sizeof (double), compare_doubles);
  printf ("  EpProject save: best %.3f s, median %.3f s (target < 2 s)\n", save_s[0],
          save_s[repeat / 2]);
  printf ("  EpProject open: best %.3f s, median %.3f s (target < 1 s)\n", open_s[0],
          open_s[repeat / 2]);
  if (save_s[repeat / 2] >= 2.0 || open_s[repeat / 2] >= 1.0)
    status = 1;

  g_unlink (path);
  if (made_dir)
    g_rmdir (dir);
  return status;
}
