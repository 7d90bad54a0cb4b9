/* ep-cholesky.h: the generalised Cholesky (LDL') with redundant columns of R survival
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * survival's cholesky2 / chsolve2 / chinv2, as coxph uses them: a pivot that is not finite or
 * below toler x (largest diagonal) marks its column redundant; it is zeroed and the
 * factorisation goes on (GSL's Cholesky fails on a singular matrix instead). Matrices are
 * p x p, row-major.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* m: symmetric, upper triangle and diagonal read. On return the strict lower triangle holds
 * the unit lower factor L, the diagonal D (0 for a redundant column). Returns the rank. */
guint ep_cholesky_ldl    (double       *m,
                          guint         p,
                          double        toler);
/* Solves L D L' b = y in place (m from ep_cholesky_ldl()), b = 0 in the redundant
 * coordinates. */
void  ep_cholesky_solve  (const double *m,
                          guint         p,
                          double       *y);
/* Replaces the factorisation by the (generalised) inverse, full and symmetric; the rows and
 * columns of redundant coordinates are 0. */
void  ep_cholesky_invert (double       *m,
                          guint         p);

G_END_DECLS
