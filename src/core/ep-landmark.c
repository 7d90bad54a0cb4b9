/* ep-landmark.c: analyses by a response that happens after time zero
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract and the methods are in ep-landmark.h.
 */
#include "config.h"

#include <math.h>

#include "core/ep-landmark.h"

EpLandmarkSet *
ep_landmark_select (const double *time,
                    const int    *status,
                    const double *response,
                    gsize         n,
                    double        landmark)
{
  EpLandmarkSet *set;

  g_return_val_if_fail (n == 0 || (time != NULL && status != NULL && response != NULL), NULL);
  g_return_val_if_fail (isfinite (landmark) && landmark >= 0.0, NULL);

  set = g_new0 (EpLandmarkSet, 1);
  set->row = g_new (gsize, MAX (n, 1));
  set->time = g_new (double, MAX (n, 1));
  set->status = g_new (int, MAX (n, 1));
  set->responded = g_new (guint, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      if (!(time[i] > landmark))
        {
          set->n_excluded++;
          continue;
        }
      set->row[set->n] = i;
      set->time[set->n] = time[i] - landmark;
      set->status[set->n] = status[i];
      set->responded[set->n] = !isnan (response[i]) && response[i] <= landmark;
      set->n++;
    }

  return set;
}

void
ep_landmark_set_free (EpLandmarkSet *set)
{
  if (set == NULL)
    return;

  g_free (set->row);
  g_free (set->time);
  g_free (set->status);
  g_free (set->responded);
  g_free (set);
}

EpTdSplit *
ep_td_split_response (const double *time,
                      const int    *status,
                      const double *response,
                      gsize         n)
{
  EpTdSplit *split;
  gsize m = 0;

  g_return_val_if_fail (n == 0 || (time != NULL && status != NULL && response != NULL), NULL);

  split = g_new0 (EpTdSplit, 1);
  split->start = g_new (double, 2 * n + 1);
  split->stop = g_new (double, 2 * n + 1);
  split->event = g_new (int, 2 * n + 1);
  split->state = g_new (guint, 2 * n + 1);
  split->id = g_new (gsize, 2 * n + 1);

  for (gsize i = 0; i < n; i++)
    {
      double r = response[i];

      if (!(time[i] > 0.0))
        continue;
      split->n_patients++;
      if (!isnan (r) && r > 0.0 && r < time[i])
        {
          split->start[m] = 0.0;
          split->stop[m] = r;
          split->event[m] = 0;
          split->state[m] = 0;
          split->id[m] = i;
          m++;
          split->start[m] = r;
          split->stop[m] = time[i];
          split->event[m] = status[i];
          split->state[m] = 1;
          split->id[m] = i;
          m++;
          split->n_responders++;
        }
      else
        {
          gboolean at_start = !isnan (r) && r <= 0.0;

          split->start[m] = 0.0;
          split->stop[m] = time[i];
          split->event[m] = status[i];
          split->state[m] = at_start ? 1 : 0;
          split->id[m] = i;
          m++;
          if (at_start)
            split->n_responders++;
        }
    }
  split->n = m;

  return split;
}

void
ep_td_split_free (EpTdSplit *split)
{
  if (split == NULL)
    return;

  g_free (split->start);
  g_free (split->stop);
  g_free (split->event);
  g_free (split->state);
  g_free (split->id);
  g_free (split);
}
