/* ep-risk.c: numbers at risk for the tables under survival and incidence figures
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plot/ep-risk.h"

void
ep_risk_count (const EpKmCurve *curve,
               const double    *times,
               guint            n,
               double          *at_risk,
               double          *censored,
               double          *events)
{
  double n_censor = 0.0, n_event = 0.0;
  gsize j = 0;

  /* Only the numbers at risk: a bisection per time instead of a pass over the steps. */
  if (censored == NULL && events == NULL)
    {
      for (guint k = 0; k < n; k++)
        {
          double t = times[k] - 1e-9 * MAX (1.0, fabs (times[k]));
          gsize lo = 0, hi = curve->n_steps;

          while (lo < hi)
            {
              gsize mid = lo + (hi - lo) / 2;

              if (curve->steps[mid].time < t)
                lo = mid + 1;
              else
                hi = mid;
            }
          at_risk[k] = ep_km_count_at_risk (curve, lo, t);
        }
      return;
    }

  for (guint k = 0; k < n; k++)
    {
      double t = times[k] - 1e-9 * MAX (1.0, fabs (times[k]));

      while (j < curve->n_steps && curve->steps[j].time < t)
        {
          n_censor += curve->steps[j].n_censor;
          n_event += curve->steps[j].n_event;
          j++;
        }
      at_risk[k] = ep_km_count_at_risk (curve, j, t);
      if (censored != NULL)
        censored[k] = n_censor;
      if (events != NULL)
        events[k] = n_event;
    }
}

EpRiskRow *
ep_risk_rows_from_km (const EpKmResult   *fit,
                      const char * const *labels,
                      const EpPlotStyle  *style,
                      gboolean            events,
                      const double       *ticks,
                      guint               n_ticks,
                      double              time_scale,
                      guint              *n_rows)
{
  g_autofree double *times = g_new (double, MAX (n_ticks, 1));
  guint per_group = events ? 4 : 1;
  EpRiskRow *rows = g_new0 (EpRiskRow, fit->n_groups * per_group);
  EpPlotRgb black = { 0, 0, 0 };

  for (guint k = 0; k < n_ticks; k++)
    times[k] = ticks[k] / time_scale;

  for (guint g = 0; g < fit->n_groups; g++)
    {
      EpRiskRow *row = &rows[g * per_group];
      EpPlotRgb color = ep_plot_palette_color (style->palette, g);

      if (!events)
        {
          row->label = g_strdup (labels[g]);
          row->color = color;
          row->values = g_new (double, MAX (n_ticks, 1));
          ep_risk_count (&fit->curves[g], times, n_ticks, row->values, NULL, NULL);
          continue;
        }

      row[0].label = g_strdup (labels[g]);
      row[0].color = color;
      row[1].label = g_strdup (P_ (style, N_("At risk")));
      row[2].label = g_strdup (P_ (style, N_("Censored")));
      row[3].label = g_strdup (P_ (style, N_("Events")));
      for (guint i = 1; i < 4; i++)
        {
          row[i].color = black;
          row[i].values = g_new (double, MAX (n_ticks, 1));
        }
      ep_risk_count (&fit->curves[g], times, n_ticks,
                     row[1].values, row[2].values, row[3].values);
    }

  *n_rows = fit->n_groups * per_group;

  return rows;
}
