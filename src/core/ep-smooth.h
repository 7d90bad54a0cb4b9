/* ep-smooth.h: a scatterplot smoother for figures (the time-varying coefficient of cox.zph)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ep_smooth_local_linear: a local linear regression of y on x with a Gaussian kernel, read at
 * n_out points (Fan & Gijbels 1996, ch. 3).
 *
 * Input:   x, y       n points; pairs with a NaN in either are left out
 *          bandwidth  the kernel's standard deviation, > 0, in x units
 *          at         n_out points to read the smooth at
 * Output:  fit[k]     the smooth at at[k]; se[k] (may be NULL) its pointwise standard error
 *                     from the residual variance, sqrt (sigma^2 sum_i l_i(at_k)^2) with l the
 *                     smoother's weights; NaN where fewer than 3 points carry weight.
 * Method:  at each a: weights w_i = exp (-((x_i - a) / h)^2 / 2), the weighted least-squares
 *          line through (x_i, y_i) read at a. sigma^2 is the mean squared residual of the
 *          smooth at the points themselves, on n - 2 degrees of freedom.
 * Note:    R's plot.cox.zph draws a natural spline (ns (x, df = 4)) instead; both show the
 *          drift of the coefficient, neither is a test (the test is cox.zph's). */
void ep_smooth_local_linear (const double *x,
                             const double *y,
                             gsize         n,
                             double        bandwidth,
                             const double *at,
                             gsize         n_out,
                             double       *fit,
                             double       *se);

G_END_DECLS
