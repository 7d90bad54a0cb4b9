/* ep-bench-live.c: from a committed edit to the redrawn figure (issue 11's live graph)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project with an N-row cohort (time, status, two arms), a survival analysis of it (KM and
 * log-rank) and its Kaplan-Meier figure. Each of 20 edits changes one follow-up time; the clock
 * runs from the edit to the moment the figure, after the analysis's background update, has
 * been drawn again (rendered into an image surface the size of the preview, as the Figures
 * page does). Prints the median and worst wall time, the process CPU time per edit, and the
 * load average, as JSON. Targets on the 2-core machine: <= 150 ms at 1e5, <= 1 s at 1e6.
 * Usage: ep-bench-live [ROWS] [EDITS]
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "core/ep-memory.h"
#include "model/ep-project.h"

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static EpCohort *
make_cohort (guint n)
{
  EpTable *table = ep_table_new (n);
  EpTableColumn *time = ep_table_column_new ("time", EP_COLUMN_NUMBER, n);
  EpTableColumn *status = ep_table_column_new ("status", EP_COLUMN_NUMBER, n);
  EpTableColumn *arm = ep_table_column_new ("arm", EP_COLUMN_CATEGORY, n);
  const char *codes[] = { "1", NULL };
  g_autoptr(EpCohortEndpoint) os = NULL;
  GRand *rand = g_rand_new_with_seed (11);
  EpCohort *cohort;

  ep_table_column_intern_level (arm, "A");
  ep_table_column_intern_level (arm, "B");
  for (guint i = 0; i < n; i++)
    {
      int group = i % 2;
      /* exponential times, hazard 1.0 vs 0.7, uniform censoring: many distinct times */
      double t = -log (1.0 - g_rand_double (rand)) / (group == 0 ? 1.0 : 0.7);
      double c = g_rand_double_range (rand, 0.0, 3.0);

      g_array_index (time->values, double, i) = MIN (t, c);
      g_array_index (status->values, double, i) = t <= c;
      g_array_index (arm->values, gint32, i) = group;
    }
  g_rand_free (rand);
  if (!ep_table_insert_column (table, 0, time, NULL) ||
      !ep_table_insert_column (table, 1, status, NULL) ||
      !ep_table_insert_column (table, 2, arm, NULL))
    g_error ("cannot build the cohort");
  cohort = ep_cohort_new_from_table ("registry", table);
  os = ep_cohort_endpoint_new_time ("OS", "time", "status", codes, EP_TIME_UNIT_YEARS);
  ep_cohort_set_endpoint (cohort, os);
  return cohort;
}

typedef struct
{
  gboolean redrawn;
} Wait;

static void
figure_changed_cb (EpFigure *figure,
                   Wait     *wait)
{
  /* the preview redraws on ::changed: draw as it would, once the new result is there */
  if (!ep_figure_is_outdated (figure))
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 700);
      cairo_t *cr = cairo_create (surface);

      ep_figure_render (figure, cr, 900, 700, NULL);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      wait->redrawn = TRUE;
    }
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
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint edits = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 20;
  g_autoptr(EpProject) project = ep_project_new ();
  g_autoptr(EpCohort) cohort = NULL;
  g_autoptr(EpAnalysis) analysis = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(JsonObject) source = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree double *wall = g_new (double, MAX (edits, 1));
  double cpu0, cpu1, load[3] = { 0, 0, 0 };
  EpFigure *figure;
  Wait wait = { FALSE };

  /* as the app does at its start (src/app/main.c) */
  ep_memory_tune ();
  cohort = make_cohort (n);
  ep_project_add_cohort (project, cohort);
  ep_analysis_set_string (analysis, "endpoint", "OS");
  ep_analysis_set_string (analysis, "group", "arm");
  ep_project_add_analysis (project, analysis, cohort);
  if (!ep_analysis_run (analysis, cohort, NULL, &error))
    g_error ("%s", error->message);
  json_object_set_string_member (source, "kind", "analysis");
  json_object_set_string_member (source, "analysis", ep_analysis_get_id (analysis));
  json_object_set_string_member (source, "cohort", "registry");
  figure = ep_project_add_figure (project, "KM", source, &error);
  if (figure == NULL)
    g_error ("%s", error->message);
  g_signal_connect (figure, "changed", G_CALLBACK (figure_changed_cb), &wait);

  cpu0 = cpu_seconds ();
  for (guint e = 0; e < edits; e++)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];
      gint64 t0;

      g_ascii_formatd (text, sizeof text, "%.6f", 0.5 + e * 0.01);
      wait.redrawn = FALSE;
      t0 = g_get_monotonic_time ();
      if (!ep_cohort_set_text (cohort, (e * 7919) % n, 0, text, &error))
        g_error ("%s", error->message);
      while (!wait.redrawn)
        g_main_context_iteration (NULL, TRUE);
      wall[e] = (g_get_monotonic_time () - t0) / 1e6;
    }
  cpu1 = cpu_seconds ();
  getloadavg (load, 3);

  qsort (wall, edits, sizeof (double), compare_doubles);
  g_print ("{ \"rows\": %u, \"edits\": %u, \"median_s\": %.4f, \"max_s\": %.4f, "
           "\"cpu_s_per_edit\": %.4f, \"debounce_s\": 0.025, \"loadavg\": [%.2f, %.2f, %.2f] }\n",
           n, edits, wall[edits / 2], wall[edits - 1], (cpu1 - cpu0) / edits,
           load[0], load[1], load[2]);
  return 0;
}
