/* ep-binom.h: confidence intervals for a binomial proportion
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ep_binom_clopper_pearson: the exact (Clopper-Pearson 1934) interval, as R's binom.test.
 *
 * Input:   x       events, 0 <= x <= n
 *          n       trials, n >= 1
 *          level   confidence level in (0, 1), e.g. 0.95
 * Output:  *lower, *upper  the two-sided interval for the proportion x / n
 * Method:  with alpha = (1 - level) / 2,
 *            lower = qbeta (alpha, x, n - x + 1)       (0 when x = 0)
 *            upper = qbeta (1 - alpha, x + 1, n - x)   (1 when x = n)
 *          which is exactly binom.test()$conf.int. The beta quantiles are found by safeguarded
 *          Newton iteration on GSL's regularised incomplete beta (gsl_cdf_beta_P), to about
 *          1e-14 relative of R's qbeta; GSL's own inverse aborts for large n.
 * Returns: FALSE (and leaves the outputs untouched) when the preconditions do not hold, or when
 *          n is so large (beyond about 10^7) that GSL cannot evaluate the beta distribution. */
gboolean ep_binom_clopper_pearson (guint   x,
                                   guint   n,
                                   double  level,
                                   double *lower,
                                   double *upper);

/* ep_binom_wilson: the Wilson (1927) score interval without continuity correction, as R's
 * prop.test (x, n, correct = FALSE)$conf.int.
 *
 * Input:   as ep_binom_clopper_pearson
 * Method:  with p = x / n and z = qnorm ((1 + level) / 2),
 *            (p + z^2 / 2n -+ z sqrt (p (1 - p) / n + z^2 / 4n^2)) / (1 + z^2 / n),
 *          the lower limit set to 0 when x = 0 and the upper to 1 when x = n (as prop.test).
 * Returns: FALSE when the preconditions do not hold. */
gboolean ep_binom_wilson          (guint   x,
                                   guint   n,
                                   double  level,
                                   double *lower,
                                   double *upper);

G_END_DECLS
