/* ep-bench-cohort.c: how long a million-row cohort takes to build (issue 7's 1 s target)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a 1e6 x 6 cohort (numbers, a category, yes/no, a date) the way an importer does, as
 * column arrays wrapped by EpCohort, five times, and prints the median and best wall time.
 * Usage: ep-bench-cohort [ROWS]
 */
#include "config.h"

#include <stdlib.h>

#include "model/ep-cohort.h"

static double
build_once (guint n)
{
  gint64 t0 = g_get_monotonic_time ();
  EpTable *table = ep_table_new (n);
  g_autoptr(EpCohort) cohort = NULL;
  EpTableColumn *c[6];

  c[0] = ep_table_column_new ("time", EP_COLUMN_NUMBER, n);
  c[1] = ep_table_column_new ("status", EP_COLUMN_NUMBER, n);
  c[2] = ep_table_column_new ("arm", EP_COLUMN_CATEGORY, n);
  c[3] = ep_table_column_new ("cr", EP_COLUMN_YESNO, n);
  c[4] = ep_table_column_new ("start", EP_COLUMN_DATE, n);
  c[5] = ep_table_column_new ("age", EP_COLUMN_NUMBER, n);
  ep_table_column_intern_level (c[2], "A");
  ep_table_column_intern_level (c[2], "B");
  for (guint i = 0; i < n; i++)
    {
      g_array_index (c[0]->values, double, i) = (i % 1000) + 0.5;
      g_array_index (c[1]->values, double, i) = i % 3 == 0;
      g_array_index (c[2]->values, gint32, i) = i % 2;
      g_array_index (c[3]->values, gint8, i) = i % 5 == 0;
      g_array_index (c[4]->values, gint32, i) = 18000 + (gint32) (i % 3000);
      g_array_index (c[5]->values, double, i) = 18 + i % 60;
    }
  for (guint j = 0; j < 6; j++)
    if (!ep_table_insert_column (table, j, c[j], NULL))
      g_error ("cannot insert column %u", j);
  cohort = ep_cohort_new_from_table ("registry", table);
  if (g_list_model_get_n_items (G_LIST_MODEL (cohort)) != n)
    g_error ("wrong row count");

  return (g_get_monotonic_time () - t0) / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000000;
  double runs[5];

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    runs[r] = build_once (n);
  qsort (runs, G_N_ELEMENTS (runs), sizeof runs[0], compare_doubles);

  g_print ("cohort of %u rows x 6 columns: median %.3f s, best %.3f s (target < 1 s)\n",
           n, runs[G_N_ELEMENTS (runs) / 2], runs[0]);

  return 0;
}
