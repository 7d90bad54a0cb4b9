/* fuzz-reconstruct.c: endpoint-cli reconstruct's inputs, read as it reads them, and
 * ep_reconstruct() on what they give
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The points (time,surv) and the number-at-risk table (time,n_risk) come from a user or a
 * colleague (issue 17). The input bytes are
 *   0       flags: bits 0-1 the separator (",", ",", ";", tab); bit 2 no at-risk table; bit 3 the
 *           app's call (no file names or lines: "point 17"); bits 4-5 --total (none, the byte 1,
 *           byte 1 x 97, G_MAXINT); bits 6-7 --total-events (none, byte 2, byte 2 x 13, G_MAXINT)
 *   1, 2    the totals' bytes
 *   3..     points.csv, then (after the first NUL byte) nrisk.csv
 * The files are read as ep-cli-reconstruct.c reads them (ep_cli_data_load() and
 * ep_cli_data_numbers()), the totals checked as it checks them, and ep_reconstruct() runs on the
 * numbers. Every refusal must be a GError with a message (from the readers naming the file and
 * line, from ep_reconstruct() the file and line or the row, or saying what is missing); a
 * warning or critical (a precondition reached with file data) aborts (fuzz-common.h). A result
 * must keep the contract of ep-reconstruct.h: n patients (the total, or the at-risk row at 0),
 * events + censored = n, times finite, >= 0 and ascending, status 0 or 1, the cleaned points
 * finite, sorted and never rising within [0, 1], the fit's numbers finite, the intervals' times
 * ascending and their reconstructed numbers at risk never above n and never rising. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cli/ep-cli-data.h"
#include "core/ep-reconstruct.h"
#include "fuzz-common.h"

#define FAIL(...) G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

static void
check_refusal (const GError *error,
               const char   *what)
{
  if (error == NULL || error->message == NULL || error->message[0] == '\0')
    FAIL ("%s: refused without a message", what);
}

static void
check_result (const EpReconstructResult *r,
              gsize                      n_rows,
              const double              *risk_time,
              const double              *n_risk,
              int                        total)
{
  guint events = 0, censored = 0;
  gsize n_expected = G_MAXSIZE;

  if (total >= 0)
    n_expected = (gsize) total;
  for (gsize i = 0; i < n_rows; i++)
    if (risk_time[i] == 0.0)
      n_expected = (gsize) n_risk[i];
  if (n_expected != G_MAXSIZE && r->n != n_expected)
    FAIL ("%zu patients, the total is %zu", r->n, n_expected);
  if (r->events + r->censored != r->n)
    FAIL ("%u events + %u censored != %zu", r->events, r->censored, r->n);
  for (gsize i = 0; i < r->n; i++)
    {
      if (!isfinite (r->time[i]) || r->time[i] < 0.0)
        FAIL ("patient %zu: time %g", i, r->time[i]);
      if (i > 0 && r->time[i] < r->time[i - 1])
        FAIL ("patient %zu: time %.17g after %.17g", i, r->time[i], r->time[i - 1]);
      if (r->status[i] != 0 && r->status[i] != 1)
        FAIL ("patient %zu: status %d", i, r->status[i]);
      events += r->status[i] == 1;
      censored += r->status[i] == 0;
    }
  if (events != r->events || censored != r->censored)
    FAIL ("%u events and %u censored counted, %u and %u reported", events, censored,
          r->events, r->censored);
  if (r->n_points == 0)
    FAIL ("no cleaned points");
  for (gsize k = 0; k < r->n_points; k++)
    {
      if (!isfinite (r->point_time[k]) || r->point_time[k] < 0.0 || !(r->point_surv[k] >= 0.0)
          || r->point_surv[k] > 1.0)
        FAIL ("cleaned point %zu: (%g, %g)", k, r->point_time[k], r->point_surv[k]);
      if (k > 0 && (r->point_time[k] < r->point_time[k - 1]
                    || r->point_surv[k] > r->point_surv[k - 1]))
        FAIL ("cleaned point %zu: (%.17g, %.17g) after (%.17g, %.17g)", k, r->point_time[k],
              r->point_surv[k], r->point_time[k - 1], r->point_surv[k - 1]);
    }
  if (!isfinite (r->rmse) || r->rmse < 0.0 || !isfinite (r->max_abs_diff)
      || r->max_abs_diff < r->rmse - 1e-12 || r->max_abs_diff > 1.0 + 1e-12)
    FAIL ("rmse %g, max_abs_diff %g", r->rmse, r->max_abs_diff);
  for (gsize i = 0; i < r->n_intervals; i++)
    {
      const EpReconstructInterval *v = &r->intervals[i];

      if (!isfinite (v->time) || v->time < 0.0 || v->n_risk_hat > r->n)
        FAIL ("interval %zu: time %g, %u at risk of %zu", i, v->time, v->n_risk_hat, r->n);
      if (i > 0 && (v->time <= r->intervals[i - 1].time
                    || v->n_risk > r->intervals[i - 1].n_risk
                    || v->n_risk_hat > r->intervals[i - 1].n_risk_hat))
        FAIL ("interval %zu: (%g, %u, %u) after (%g, %u, %u)", i, v->time, v->n_risk,
              v->n_risk_hat, r->intervals[i - 1].time, r->intervals[i - 1].n_risk,
              r->intervals[i - 1].n_risk_hat);
    }
  if (r->warnings == NULL)
    FAIL ("no warnings array");
  for (guint i = 0; r->warnings[i] != NULL; i++)
    if (r->warnings[i][0] == '\0')
      FAIL ("an empty warning");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *seps[] = { ",", ",", ";", "tab" };
  const char *point_columns[] = { "time", "surv", NULL };
  const char *risk_columns[] = { "time", "n_risk", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) points = NULL;
  g_autoptr(EpCliData) at_risk = NULL;
  g_autoptr(EpReconstructResult) result = NULL;
  g_autofree double *t = NULL, *s = NULL, *rt = NULL, *rn = NULL;
  g_autofree guint *point_lines = NULL, *risk_lines = NULL;
  g_autofree char *points_path = NULL, *risk_path = NULL;
  const uint8_t *split;
  EpReconstructOptions options;
  gsize n_risk_rows = 0, n_points_bytes;
  guint flags;
  int total = -1, total_events = -1;
  gboolean app;

  fuzz_init ();
  if (size < 3)
    return 0;
  flags = data[0];
  app = (flags & 8) != 0;
  switch ((flags >> 4) & 3)
    {
    case 1: total = data[1]; break;
    case 2: total = data[1] * 97; break;
    case 3: total = G_MAXINT; break;
    default: break;
    }
  switch ((flags >> 6) & 3)
    {
    case 1: total_events = data[2]; break;
    case 2: total_events = data[2] * 13; break;
    case 3: total_events = G_MAXINT; break;
    default: break;
    }
  /* what ep-cli-reconstruct.c refuses before reading */
  if ((flags & 4) && total < 0)
    return 0;

  data += 3;
  size -= 3;
  split = memchr (data, 0, size);
  n_points_bytes = split != NULL ? (gsize) (split - data) : size;
  points_path = fuzz_write ("points.csv", data, n_points_bytes);
  if (!(flags & 4))
    {
      gsize rest = split != NULL ? size - n_points_bytes - 1 : 0;

      risk_path = fuzz_write ("nrisk.csv", split != NULL ? split + 1 : data, rest);
    }

  /* ep-cli-reconstruct.c's reading */
  points = ep_cli_data_load (points_path, seps[flags & 3], point_columns, &error);
  if (points == NULL)
    {
      check_refusal (error, "points");
      return 0;
    }
  t = ep_cli_data_numbers (points, "time", &error);
  if (t == NULL)
    {
      check_refusal (error, "points' times");
      return 0;
    }
  s = ep_cli_data_numbers (points, "surv", &error);
  if (s == NULL)
    {
      check_refusal (error, "points' survival");
      return 0;
    }
  point_lines = g_new (guint, MAX (points->n_rows, 1));
  for (guint i = 0; i < points->n_rows; i++)
    point_lines[i] = ep_cli_data_line (points, i);

  if (risk_path != NULL)
    {
      at_risk = ep_cli_data_load (risk_path, seps[flags & 3], risk_columns, &error);
      if (at_risk == NULL)
        {
          check_refusal (error, "at-risk table");
          return 0;
        }
      rt = ep_cli_data_numbers (at_risk, "time", &error);
      if (rt == NULL)
        {
          check_refusal (error, "at-risk times");
          return 0;
        }
      rn = ep_cli_data_numbers (at_risk, "n_risk", &error);
      if (rn == NULL)
        {
          check_refusal (error, "numbers at risk");
          return 0;
        }
      n_risk_rows = at_risk->n_rows;
      risk_lines = g_new (guint, MAX (n_risk_rows, 1));
      for (guint i = 0; i < n_risk_rows; i++)
        risk_lines[i] = ep_cli_data_line (at_risk, i);
    }

  ep_reconstruct_options_init (&options);
  options.total_events = total_events;
  options.total = total;
  if (!app)
    {
      options.points_name = "points.csv";
      options.points_lines = point_lines;
      options.at_risk_name = "nrisk.csv";
      options.at_risk_lines = risk_lines;
    }
  result = ep_reconstruct (t, s, points->n_rows, rt, rn, n_risk_rows, &options, &error);
  if (result == NULL)
    {
      check_refusal (error, "reconstruction");
      if (error->domain != EP_RECONSTRUCT_ERROR)
        FAIL ("reconstruction refused outside its domain: %s", error->message);
      if (!app && total <= EP_RECONSTRUCT_MAX_PATIENTS && (error->code == EP_RECONSTRUCT_ERROR_RISING
                   || (error->code == EP_RECONSTRUCT_ERROR_INPUT && points->n_rows > 0))
          && strstr (error->message, "points.csv:") == NULL
          && strstr (error->message, "nrisk.csv:") == NULL)
        FAIL ("refused without the file: %s", error->message);
      return 0;
    }
  check_result (result, n_risk_rows, rt, rn, total);
  return 0;
}

#ifndef EP_FUZZING
/* Without -Dfuzzing: a replayer of the files named on its command line (the suite's
 * fuzz-reconstruct-replay runs the seeds, the findings among them, through the checks above). */
int
main (int    argc,
      char **argv)
{
  return fuzz_replay (argc, argv);
}
#endif
