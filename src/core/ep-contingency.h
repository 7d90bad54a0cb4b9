/* ep-contingency.h: tests of independence in contingency tables
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ep_fisher_test_2xk: Fisher's exact test of independence in a 2 x k table, as R's
 * fisher.test (x) (two-sided; for k = 2 as fisher.test's 2 x 2 path, which gives the same
 * p-value as its hypergeometric sum).
 *
 * Input:   table   2 x k counts, row-major: table[j] the first row (e.g. successes) and
 *                  table[k + j] the second row (failures) of column (group) j
 *          k       columns, k >= 2
 * Output:  the two-sided p-value, in [0, 1]; NaN when k < 2.
 * Method:  given the margins, the first row (x_1..x_k) is multivariate hypergeometric:
 *            P(x) = prod_j choose (n_j, x_j) / choose (N, S),
 *          n_j the column totals, S the first row's total, N the grand total. The p-value is the
 *          sum of P over all tables with P <= P(observed) (1 + 1e-7), the relative tolerance
 *          R uses (fisher.test's relErr) so that tables as probable as the observed one are
 *          counted despite rounding. The tables are enumerated column by column in log space
 *          (a network algorithm, Mehta and Patel 1983): a partial table whose most probable
 *          completion is still below the bound contributes all its completions at once,
 *          sum_{completions} prod choose (n_j, x_j) = choose (N_rest, S_rest) (Vandermonde),
 *          and one whose least probable completion is above the bound contributes nothing. The
 *          bounds come from a dynamic programme over (column, remaining successes).
 *          Degenerate margins (S = 0, S = N, or a single non-empty column) give p = 1, as R.
 * Cost:    at most O(k S^2) for the bounds, then enumeration of the boundary tables only. */
double   ep_fisher_test_2xk   (const guint *table,
                               guint        k);

/* ep_chisq_test: Pearson's chi-square test of independence in an r x c table, without
 * continuity correction, as R's chisq.test (x, correct = FALSE).
 *
 * Input:   table   r x c counts, row-major (table[i * c + j])
 *          r, c    rows and columns, both >= 2
 * Output:  *statistic  X^2 = sum_ij (O_ij - E_ij)^2 / E_ij, E_ij = row_i col_j / N
 *          *df         (r - 1) (c - 1)
 *          *p_value    upper tail of chi-square with df degrees of freedom (GSL)
 *          *small_expected (optional) TRUE when some E_ij < 5: R warns "Chi-squared
 *                      approximation may be incorrect" then, and so should the caller.
 * A table with an empty row or column has E_ij = 0 in it and, as in R, the statistic and the
 * p-value are NaN. Returns FALSE (outputs untouched) when r < 2 or c < 2. */
gboolean ep_chisq_test        (const guint *table,
                               guint        r,
                               guint        c,
                               double      *statistic,
                               guint       *df,
                               double      *p_value,
                               gboolean    *small_expected);

G_END_DECLS
