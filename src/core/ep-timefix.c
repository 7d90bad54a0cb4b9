/* ep-timefix.c: R's rule for times that differ only by rounding error
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract and the method are in ep-timefix.h (survival's aeqSurv()).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/ep-memory.h"
#include "core/ep-sort.h"
#include "core/ep-timefix.h"

/* On the values sorted ascending (n_y >= 2, all finite): mean (abs (unique values)), summed in
 * ascending order as R does, and whether two distinct neighbours are within tolerance. Most
 * data have none, and then nothing changes: one sequential pass says so before any value is
 * written back to its slot (a scattered write of every slot, which at 1e7 leaves the
 * caches). */
static gboolean
sorted_any_tied (const EpSortRecord *records,
                 gsize               n_y,
                 double              tolerance,
                 double             *mean_abs_out)
{
  double mean_abs = 0.0;
  gsize n_unique = 0;

  for (gsize k = 0; k < n_y; k++)
    if (k == 0 || records[k].time != records[k - 1].time)
      {
        mean_abs += fabs (records[k].time);
        n_unique++;
      }
  mean_abs /= n_unique;
  *mean_abs_out = mean_abs;

  for (gsize k = 1; k < n_y; k++)
    {
      double dy = records[k].time - records[k - 1].time;

      if (dy != 0.0 && (dy <= tolerance || dy / mean_abs <= tolerance))
        return TRUE;
    }
  return FALSE;
}

/* One step of R's cuts over sorted values y (the k-th): a value within tolerance (absolute, or
 * relative to the mean absolute value) of the previous distinct value takes the cut that value
 * took; any other starts a cut of its own. Returns the cut, kept in *cut with y in *previous. */
static inline double
take_cut (gsize   k,
          double  y,
          double *previous,
          double *cut,
          double  tolerance,
          double  mean_abs)
{
  if (k == 0)
    *cut = y;
  else if (y != *previous)
    {
      double dy = y - *previous;

      if (!(dy <= tolerance || dy / mean_abs <= tolerance))
        *cut = y;
    }
  *previous = y;
  return *cut;
}

gsize
ep_timefix (gsize          n,
            const double  *start,
            const double  *stop,
            double         tolerance,
            double        *start_out,
            double        *stop_out)
{
  ep_autobig EpSortRecord *records = NULL;
  ep_autobig double *new_value = NULL;
  gsize n_y = 0, n_changed = 0;
  double mean_abs = 0.0, previous = 0.0, cut = 0.0;
  guint stride = start != NULL ? 2 : 1;

  g_return_val_if_fail (n == 0 || stop != NULL, 0);
  g_return_val_if_fail (n == 0 || stop_out != NULL, 0);
  g_return_val_if_fail (start == NULL || start_out != NULL, 0);
  g_return_val_if_fail (n < G_MAXUINT32 / 2, 0);

  if (stop_out != stop)
    memcpy (stop_out, stop, n * sizeof (double));
  if (start != NULL && start_out != start)
    memcpy (start_out, start, n * sizeof (double));
  if (n == 0 || tolerance <= 0.0)
    return 0;

  /* Every finite time with its slot (stop of i: stride i, start of i: stride i + 1), sorted
   * once by value: R's sort (unique (y)) and findInterval (y, cuts) become one pass over the
   * sorted times, each taking the cut of its run of near-equal values. */
  records = ep_big_new (EpSortRecord, stride * n);
  for (gsize i = 0; i < n; i++)
    {
      if (isfinite (stop[i]))
        records[n_y++] = (EpSortRecord) { stop[i], 0, (guint32) (stride * i) };
      if (start != NULL && isfinite (start[i]))
        records[n_y++] = (EpSortRecord) { start[i], 0, (guint32) (stride * i + 1) };
    }
  if (n_y < 2)
    return 0;
  ep_sort_records (records, n_y, 1);

  if (!sorted_any_tied (records, n_y, tolerance, &mean_abs))
    return 0;

  /* cuts <- y[c(TRUE, !tied)]: a value within tolerance of the previous distinct value takes
   * the cut that value took */
  new_value = ep_big_new (double, stride * n);
  for (gsize k = 0; k < n_y; k++)
    new_value[records[k].aux] = take_cut (k, records[k].time, &previous, &cut, tolerance,
                                          mean_abs);

  for (gsize i = 0; i < n; i++)
    {
      double new_stop = isfinite (stop[i]) ? new_value[stride * i] : stop[i];
      double new_start = start != NULL ? (isfinite (start[i]) ? new_value[stride * i + 1] : start[i])
                                       : 0.0;

      if (start != NULL && !(new_start < new_stop) && start[i] < stop[i])
        {
          /* an interval of effective length 0: keep it as it was */
          start_out[i] = start[i];
          stop_out[i] = stop[i];
          continue;
        }
      if (new_stop != stop[i] || (start != NULL && new_start != start[i]))
        n_changed++;
      stop_out[i] = new_stop;
      if (start != NULL)
        start_out[i] = new_start;
    }

  return n_changed;
}

gsize
ep_timefix_sorted (EpSortRecord *records,
                   gsize         n,
                   double        tolerance)
{
  double mean_abs, previous = 0.0, cut = 0.0;
  gsize n_changed = 0;

  g_return_val_if_fail (n == 0 || records != NULL, 0);

  if (n < 2 || tolerance <= 0.0)
    return 0;
  if (!sorted_any_tied (records, n, tolerance, &mean_abs))
    return 0;

  /* the loop of ep_timefix(), each record taking its cut in place */
  for (gsize k = 0; k < n; k++)
    {
      double y = records[k].time;

      if (take_cut (k, y, &previous, &cut, tolerance, mean_abs) != y)
        n_changed++;
      records[k].time = cut;
    }

  return n_changed;
}

void
ep_timefix_sort_hook (EpSortRecord *records,
                      gsize         n,
                      gpointer      data)
{
  EpTimefixHook *fix = data;

  fix->n_changed = ep_timefix_sorted (records, n, fix->tolerance);
}
