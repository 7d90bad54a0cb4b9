/* ep-binom.c: Clopper-Pearson and Wilson intervals for a binomial proportion
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "core/ep-binom.h"

/* The quantile of Beta(a, b) at probability prob: the root of I_p(a, b) = prob on (0, 1).
 *
 * GSL's gsl_cdf_beta_Pinv is accurate where it converges, but for large a and b (x = 5000,
 * n = 10000) it gives up through the GSL error handler, whose default aborts the process. So the
 * root is found here by safeguarded Newton iteration (Newton steps kept inside a shrinking bracket,
 * bisection otherwise) on gsl_cdf_beta_P, whose derivative is the beta density. Converged when a
 * step moves p by less than 4 DBL_EPSILON p; at most 400 steps (bisection alone needs ~1100 to reach
 * the smallest doubles, but Newton converges quadratically once inside the bracket).
 * Returns NaN when the distribution function itself cannot be evaluated (a + b beyond ~1e7). */
static double
beta_quantile (double prob,
               double a,
               double b)
{
  double lo = 0.0;
  double hi = 1.0;
  double p = a / (a + b);

  for (guint iter = 0; iter < 400; iter++)
    {
      double f = gsl_cdf_beta_P (p, a, b) - prob;
      double density;
      double next;

      if (!isfinite (f))
        return NAN;
      if (f == 0.0)
        return p;
      if (f < 0.0)
        lo = p;
      else
        hi = p;

      density = gsl_ran_beta_pdf (p, a, b);
      next = (density > 0.0 && isfinite (density)) ? p - f / density : NAN;
      if (!(next > lo && next < hi))
        next = 0.5 * (lo + hi);

      if (fabs (next - p) <= 4.0 * DBL_EPSILON * next || hi - lo <= 4.0 * DBL_EPSILON * hi)
        return next;
      p = next;
    }

  return p;
}

gboolean
ep_binom_clopper_pearson (guint   x,
                          guint   n,
                          double  level,
                          double *lower,
                          double *upper)
{
  double alpha;
  double p_lower;
  double p_upper;

  g_return_val_if_fail (n >= 1, FALSE);
  g_return_val_if_fail (x <= n, FALSE);
  g_return_val_if_fail (level > 0.0 && level < 1.0, FALSE);
  g_return_val_if_fail (lower != NULL && upper != NULL, FALSE);

  alpha = (1.0 - level) / 2.0;

  /* binom.test: p.L = 0 when x = 0, else qbeta (alpha, x, n - x + 1);
   *             p.U = 1 when x = n, else qbeta (1 - alpha, x + 1, n - x). */
  p_lower = (x == 0) ? 0.0 : beta_quantile (alpha, x, (double) n - x + 1.0);
  p_upper = (x == n) ? 1.0 : beta_quantile (1.0 - alpha, x + 1.0, (double) n - x);

  if (!isfinite (p_lower) || !isfinite (p_upper))
    return FALSE;

  *lower = p_lower;
  *upper = p_upper;

  return TRUE;
}

gboolean
ep_binom_wilson (guint   x,
                 guint   n,
                 double  level,
                 double *lower,
                 double *upper)
{
  double p;
  double z;
  double z2;
  double centre;
  double half_width;
  double denominator;

  g_return_val_if_fail (n >= 1, FALSE);
  g_return_val_if_fail (x <= n, FALSE);
  g_return_val_if_fail (level > 0.0 && level < 1.0, FALSE);
  g_return_val_if_fail (lower != NULL && upper != NULL, FALSE);

  p = (double) x / n;
  z = gsl_cdf_ugaussian_Pinv ((1.0 + level) / 2.0);
  z2 = z * z;

  /* prop.test with correct = FALSE (YATES = 0), two-sided. */
  centre = p + z2 / (2.0 * n);
  half_width = z * sqrt (p * (1.0 - p) / n + z2 / (4.0 * (double) n * n));
  denominator = 1.0 + z2 / n;

  *lower = (x == 0) ? 0.0 : (centre - half_width) / denominator;
  *upper = (x == n) ? 1.0 : (centre + half_width) / denominator;

  return TRUE;
}
