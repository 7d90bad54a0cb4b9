/* ep-smooth.c: a local linear smoother for figures
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ep-smooth.h.
 */
#include "config.h"

#include <math.h>

#include "core/ep-smooth.h"

/* The smooth at a, and sum_i l_i(a)^2 when l2 is not NULL; FALSE with too little weight. */
static gboolean
local_linear_at (const double *x,
                 const double *y,
                 gsize         n,
                 double        h,
                 double        a,
                 double       *value,
                 double       *l2)
{
  double s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0, det, sum_l2 = 0;
  guint used = 0;

  for (gsize i = 0; i < n; i++)
    {
      double d, w;

      if (isnan (x[i]) || isnan (y[i]))
        continue;
      d = x[i] - a;
      w = exp (-0.5 * (d / h) * (d / h));
      s0 += w;
      s1 += w * d;
      s2 += w * d * d;
      t0 += w * y[i];
      t1 += w * d * y[i];
      used += w > 1e-8;
    }
  det = s0 * s2 - s1 * s1;
  if (used < 3 || !(det > 1e-12 * s0 * s2))
    return FALSE;
  *value = (s2 * t0 - s1 * t1) / det;
  if (l2 != NULL)
    {
      for (gsize i = 0; i < n; i++)
        {
          double d, w, l;

          if (isnan (x[i]) || isnan (y[i]))
            continue;
          d = x[i] - a;
          w = exp (-0.5 * (d / h) * (d / h));
          l = w * (s2 - s1 * d) / det;
          sum_l2 += l * l;
        }
      *l2 = sum_l2;
    }
  return TRUE;
}

void
ep_smooth_local_linear (const double *x,
                        const double *y,
                        gsize         n,
                        double        bandwidth,
                        const double *at,
                        gsize         n_out,
                        double       *fit,
                        double       *se)
{
  double rss = 0.0, sigma2 = NAN;
  gsize m = 0;

  g_return_if_fail (bandwidth > 0.0);

  if (se != NULL)
    {
      for (gsize i = 0; i < n; i++)
        {
          double v;

          if (isnan (x[i]) || isnan (y[i]) || !local_linear_at (x, y, n, bandwidth, x[i], &v, NULL))
            continue;
          rss += (y[i] - v) * (y[i] - v);
          m++;
        }
      if (m > 2)
        sigma2 = rss / (m - 2);
    }

  for (gsize k = 0; k < n_out; k++)
    {
      double v, l2;

      if (local_linear_at (x, y, n, bandwidth, at[k], &v, se != NULL ? &l2 : NULL))
        {
          fit[k] = v;
          if (se != NULL)
            se[k] = sqrt (sigma2 * l2);
        }
      else
        {
          fit[k] = NAN;
          if (se != NULL)
            se[k] = NAN;
        }
    }
}
