/* ep-bench-plot.c: frame time of the Kaplan-Meier renderer on a large cohort
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: ep-bench-plot [N_SUBJECTS (1000000)] [FRAMES (20)] [TARGET: screen, hidpi or pdf (all)]
 *
 * Simulates N subjects in two groups (exponential event times in days, uniform censoring, as
 * bench/ep-bench-generate.c), fits the curves once (ep_km_fit), then times ep_km_plot_render():
 *   screen   an image surface of 1200 x 800 pixels at scale 1 (a GtkDrawingArea's software
 *            rendering), CI bands, censoring marks, the at-risk table: steps merged per pixel
 *   hidpi    the same at scale 2 (2400 x 1600 device pixels)
 *   pdf      a PDF surface (steps merged within 0.1 pt), written to /dev/null
 * It prints one JSON object: the fit time, and per target the median and the worst frame in
 * milliseconds of wall time, and the median in CPU time of the thread (the figure on an idle
 * machine: on a loaded one the wall time includes waiting for a core). Not part of meson test:
 * bench/plot.sh runs it.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/ep-km.h"
#include "plot/ep-km-plot.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

typedef enum
{
  TARGET_SCREEN,
  TARGET_HIDPI,
  TARGET_PDF,
} Target;

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
frame (Target             target,
       const EpKmPlot    *plot,
       const EpPlotStyle *style,
       gsize             *bytes,
       double            *cpu_ms)
{
  double cpu_start = thread_cpu_ms ();
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 start = g_get_monotonic_time ();
  double width = 1200, height = 800;

  switch (target)
    {
    case TARGET_HIDPI:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2400, 1600);
      cr = cairo_create (surface);
      cairo_scale (cr, 2, 2);
      break;
    case TARGET_PDF:
      surface = cairo_pdf_surface_create_for_stream (discard, bytes, width, height);
      cr = cairo_create (surface);
      break;
    case TARGET_SCREEN:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 800);
      cr = cairo_create (surface);
      break;
    }

  ep_km_plot_render (cr, width, height, plot, style, NULL);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  *cpu_ms = thread_cpu_ms () - cpu_start;

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  gsize n = argc > 1 ? (gsize) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint frames = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 20;
  static const char *names[] = { "screen_1200x800", "hidpi_2400x1600", "pdf" };
  static const char *labels[] = { "Control", "Treatment", NULL };
  g_autofree double *time = g_new (double, n);
  g_autofree int *status = g_new (int, n);
  g_autofree guint *group = g_new (guint, n);
  g_autofree double *ms = g_new (double, MAX (frames, 1));
  g_autofree double *cpu = g_new (double, MAX (frames, 1));
  g_autoptr(EpKmResult) fit = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(EpPlotStyle) style = { 0, };
  GRand *rand = g_rand_new_with_seed (20260101);
  EpKmPlot plot;
  gint64 start;
  double fit_ms;
  gsize steps = 0;

  if (n == 0 || frames == 0)
    {
      fprintf (stderr, "usage: ep-bench-plot [N_SUBJECTS] [FRAMES]\n");
      return 2;
    }

  /* Two groups, hazards 1/700 and 1/1000 per day, censored uniformly over 5 years; times in
   * whole days plus a fraction, so that nearly every time is distinct (the worst case). */
  for (gsize i = 0; i < n; i++)
    {
      double rate = (i % 2 == 0) ? 1.0 / 700.0 : 1.0 / 1000.0;
      double t = -log (g_rand_double_range (rand, 1e-300, 1.0)) / rate;
      double c = g_rand_double_range (rand, 0.0, 5 * 365.25);

      group[i] = i % 2;
      time[i] = MIN (t, c);
      status[i] = t <= c;
    }
  g_rand_free (rand);

  start = g_get_monotonic_time ();
  fit = ep_km_fit (time, status, group, 2, n, EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, &error);
  fit_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (fit == NULL)
    {
      fprintf (stderr, "ep-bench-plot: %s\n", error->message);
      return 1;
    }
  for (guint g = 0; g < fit->n_groups; g++)
    steps += fit->curves[g].n_steps;

  ep_plot_style_init (&style);
  ep_km_plot_init (&plot, fit);
  plot.labels = labels;
  plot.options.risk_table = TRUE;
  plot.options.time_unit = EP_PLOT_TIME_MONTHS;
  plot.logrank_p = 1e-12;

  printf ("{\n  \"subjects\": %" G_GSIZE_FORMAT ",\n  \"steps\": %" G_GSIZE_FORMAT ",\n"
          "  \"fit_ms\": %.1f,\n  \"frames\": %u", n, steps, fit_ms, frames);
  for (guint t = 0; t < G_N_ELEMENTS (names); t++)
    {
      gsize bytes = 0;

      if (argc > 3 && !g_str_has_prefix (names[t], argv[3]))
        continue;

      for (guint f = 0; f < frames; f++)
        {
          bytes = 0;
          ms[f] = frame ((Target) t, &plot, &style, &bytes, &cpu[f]);
        }
      qsort (ms, frames, sizeof (double), compare_doubles);
      qsort (cpu, frames, sizeof (double), compare_doubles);
      printf (",\n  \"%s\": { \"median_ms\": %.2f, \"max_ms\": %.2f, \"cpu_median_ms\": %.2f",
              names[t], ms[frames / 2], ms[frames - 1], cpu[frames / 2]);
      if (t == TARGET_PDF)
        printf (", \"bytes\": %" G_GSIZE_FORMAT, bytes);
      printf (" }");
    }
  printf ("\n}\n");

  return 0;
}
