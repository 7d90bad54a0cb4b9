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

#include "core/ep-timefix.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* findInterval (t, cuts): the largest cut <= t, or t itself before the first cut. */
static double
cut_of (const double *cuts,
        gsize         n_cuts,
        double        t)
{
  gsize lo = 0, hi = n_cuts;

  if (!isfinite (t) || n_cuts == 0 || t < cuts[0])
    return t;
  while (hi - lo > 1)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (cuts[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }

  return cuts[lo];
}

gsize
ep_timefix (gsize          n,
            const double  *start,
            const double  *stop,
            double         tolerance,
            double        *start_out,
            double        *stop_out)
{
  g_autofree double *y = NULL;
  g_autofree double *cuts = NULL;
  gsize n_y = 0, n_unique = 0, n_cuts = 0, n_changed = 0;
  gboolean any_tied = FALSE;
  double mean_abs = 0.0;

  g_return_val_if_fail (n == 0 || stop != NULL, 0);
  g_return_val_if_fail (n == 0 || stop_out != NULL, 0);
  g_return_val_if_fail (start == NULL || start_out != NULL, 0);

  if (stop_out != stop)
    memcpy (stop_out, stop, n * sizeof (double));
  if (start != NULL && start_out != start)
    memcpy (start_out, start, n * sizeof (double));
  if (n == 0 || tolerance <= 0.0)
    return 0;

  y = g_new (double, start != NULL ? 2 * n : n);
  for (gsize i = 0; i < n; i++)
    {
      if (isfinite (stop[i]))
        y[n_y++] = stop[i];
      if (start != NULL && isfinite (start[i]))
        y[n_y++] = start[i];
    }
  if (n_y < 2)
    return 0;
  qsort (y, n_y, sizeof (double), compare_doubles);
  for (gsize i = 0; i < n_y; i++)
    if (n_unique == 0 || y[i] != y[n_unique - 1])
      y[n_unique++] = y[i];
  for (gsize i = 0; i < n_unique; i++)
    mean_abs += fabs (y[i]);
  mean_abs /= n_unique;

  /* cuts <- y[c(TRUE, !tied)] */
  cuts = g_new (double, n_unique);
  cuts[n_cuts++] = y[0];
  for (gsize i = 1; i < n_unique; i++)
    {
      double dy = y[i] - y[i - 1];
      gboolean tied = dy <= tolerance || dy / mean_abs <= tolerance;

      if (tied)
        any_tied = TRUE;
      else
        cuts[n_cuts++] = y[i];
    }
  if (!any_tied)
    return 0;

  for (gsize i = 0; i < n; i++)
    {
      double new_stop = cut_of (cuts, n_cuts, stop[i]);
      double new_start = start != NULL ? cut_of (cuts, n_cuts, start[i]) : 0.0;

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
