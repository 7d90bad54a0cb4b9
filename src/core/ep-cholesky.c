/* ep-cholesky.c: the generalised Cholesky (LDL') with redundant columns of R survival
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * survival 3.5's cholesky2.c / chsolve2.c / chinv2.c (Therneau), moved out of ep-cox.c
 * unchanged: the contract is in ep-cholesky.h.
 */
#include "config.h"

#include <math.h>

#include "core/ep-cholesky.h"

/* m: p x p symmetric, row-major, upper triangle and diagonal read. On return the strict lower
 * triangle holds the unit lower factor L, the diagonal D (0 for a redundant column). A pivot
 * that is not finite or below toler x (largest diagonal) is redundant. Returns the rank. */
guint
ep_cholesky_ldl (double *m,
                 guint   p,
                 double  toler)
{
  double eps = 0;
  guint rank = 0;

  for (guint i = 0; i < p; i++)
    {
      if (m[i * p + i] > eps)
        eps = m[i * p + i];
      for (guint j = i + 1; j < p; j++)
        m[j * p + i] = m[i * p + j];
    }
  if (eps == 0)
    {
      /* no positive diagonal: every column is constant within the risk sets */
      for (guint i = 0; i < p; i++)
        m[i * p + i] = 0;
      return 0;
    }
  eps *= toler;

  for (guint i = 0; i < p; i++)
    {
      double pivot = m[i * p + i];

      if (!isfinite (pivot) || pivot < eps)
        {
          m[i * p + i] = 0;
          continue;
        }
      rank++;
      for (guint j = i + 1; j < p; j++)
        {
          double temp = m[j * p + i] / pivot;

          m[j * p + i] = temp;
          m[j * p + j] -= temp * temp * pivot;
          for (guint k = j + 1; k < p; k++)
            m[k * p + j] -= temp * m[k * p + i];
        }
    }

  return rank;
}

/* Solves L D L' b = y in place, b = 0 in the redundant coordinates. */
void
ep_cholesky_solve (const double *m,
                   guint         p,
                   double       *y)
{
  for (guint i = 0; i < p; i++)
    {
      double temp = y[i];

      for (guint j = 0; j < i; j++)
        temp -= y[j] * m[i * p + j];
      y[i] = temp;
    }
  for (guint i = p; i-- > 0;)
    {
      if (m[i * p + i] == 0)
        {
          y[i] = 0;
          continue;
        }
      {
        double temp = y[i] / m[i * p + i];

        for (guint j = i + 1; j < p; j++)
          temp -= y[j] * m[j * p + i];
        y[i] = temp;
      }
    }
}

/* Replaces the factorisation by the (generalised) inverse, full and symmetric; the rows and
 * columns of redundant coordinates are 0. */
void
ep_cholesky_invert (double *m,
                    guint   p)
{
  /* invert L in the lower triangle, D on the diagonal */
  for (guint i = 0; i < p; i++)
    {
      if (m[i * p + i] > 0)
        {
          m[i * p + i] = 1 / m[i * p + i];
          for (guint j = i + 1; j < p; j++)
            {
              m[j * p + i] = -m[j * p + i];
              for (guint k = 0; k < i; k++)
                m[j * p + k] += m[j * p + i] * m[i * p + k];
            }
        }
    }

  /* L^-T D^-1 L^-1 into the upper triangle */
  for (guint i = 0; i < p; i++)
    {
      if (m[i * p + i] == 0)
        {
          for (guint j = 0; j < i; j++)
            m[j * p + i] = 0;
          for (guint j = i; j < p; j++)
            m[i * p + j] = 0;
          continue;
        }
      for (guint j = i + 1; j < p; j++)
        {
          double temp = m[j * p + i] * m[j * p + j];

          m[i * p + j] = temp;
          for (guint k = i; k < j; k++)
            m[i * p + k] += temp * m[j * p + k];
        }
    }

  for (guint i = 0; i < p; i++)
    for (guint j = i + 1; j < p; j++)
      m[j * p + i] = m[i * p + j];
}
