/* ep-bench-generate.c: a simulated survival cohort for the benchmarks
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes N rows of time,status,group,x1,x2,x3,x4,x5 (8 columns) as CSV:
 *   group  "A" or "B" with probability 1/2;
 *   x1..x5 independent standard normal (Box-Muller), printed with 6 decimals;
 *   time   min(T, C) in days, rounded up to whole days unless --decimals is given, where
 *          T ~ Exponential(rate = lambda0 * exp(beta' z)), lambda0 = log 2 / 365 (median one
 *          year at z = 0), z = (group == "B", x1..x5), beta = (-0.4, 0.3, -0.2, 0.1, 0.05, 0)
 *          and C ~ Uniform(0, 5 years) administrative censoring;
 *   status 1 when T <= C, else 0.
 * The seed is fixed (--seed), so every run of a benchmark reads the same data.
 *
 * usage: ep-bench-generate [--rows N] [--seed S] [--decimals D] OUTPUT.csv
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double
standard_normal (GRand *rand)
{
  double u1 = 1.0 - g_rand_double (rand);   /* (0, 1] */
  double u2 = g_rand_double (rand);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

int
main (int    argc,
      char **argv)
{
  static const double beta[6] = { -0.4, 0.3, -0.2, 0.1, 0.05, 0.0 };
  gint64 rows = 1000000;
  gint64 seed = 20260101;
  int decimals = -1;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *buffer = NULL;
  const double lambda0 = log (2.0) / 365.0;
  FILE *out;
  GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows, "Number of rows (1000000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed", "S" },
    { "decimals", 0, 0, G_OPTION_ARG_INT, &decimals, "Decimals of time (default: whole days)", "D" },
    { NULL }
  };

  context = g_option_context_new ("OUTPUT.csv");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || rows < 1)
    {
      g_printerr ("usage: ep-bench-generate [--rows N] [--seed S] [--decimals D] OUTPUT.csv\n");
      return 2;
    }

  out = fopen (argv[1], "w");
  if (out == NULL)
    {
      g_printerr ("ep-bench-generate: cannot write %s\n", argv[1]);
      return 1;
    }
  buffer = g_malloc (1 << 20);
  setvbuf (out, buffer, _IOFBF, 1 << 20);

  rand = g_rand_new_with_seed ((guint32) seed);
  fputs ("time,status,group,x1,x2,x3,x4,x5\n", out);
  for (gint64 i = 0; i < rows; i++)
    {
      double z[6];
      double eta = 0.0, t, c, time;
      char text[G_ASCII_DTOSTR_BUF_SIZE];
      gboolean event;

      z[0] = g_rand_boolean (rand) ? 1.0 : 0.0;
      for (int k = 1; k < 6; k++)
        z[k] = standard_normal (rand);
      for (int k = 0; k < 6; k++)
        eta += beta[k] * z[k];

      t = -log (1.0 - g_rand_double (rand)) / (lambda0 * exp (eta));
      c = 5.0 * 365.0 * g_rand_double (rand);
      event = t <= c;
      time = event ? t : c;
      if (decimals < 0)
        time = MAX (1.0, ceil (time));

      if (decimals < 0)
        g_snprintf (text, sizeof text, "%.0f", time);
      else
        g_snprintf (text, sizeof text, "%.*f", decimals, time);

      fprintf (out, "%s,%d,%s,%.6f,%.6f,%.6f,%.6f,%.6f\n", text, event ? 1 : 0,
               z[0] != 0.0 ? "B" : "A", z[1], z[2], z[3], z[4], z[5]);
    }

  if (fclose (out) != 0)
    {
      g_printerr ("ep-bench-generate: error writing %s\n", argv[1]);
      return 1;
    }

  return 0;
}
