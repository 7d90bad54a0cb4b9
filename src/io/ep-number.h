/* ep-number.h: the fast path of decimal number parsing, equal to strtod's results
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ep_number_parse_fast() reads the common shape of a number in a data file,
 *   [+-] digits [mark digits] [(e|E) [+-] digits]    (digits on at least one side of the mark)
 * followed only by spaces and tabs, and returns TRUE with the value when that value can be
 * computed exactly as strtod() computes it: the significant digits (at most 19) form an integer
 * w below 2^53 and the decimal exponent e is within [-22, 22], so w and 10^|e| are both exact
 * doubles and one IEEE multiplication or division rounds w x 10^e correctly (Clinger's fast
 * path), the same correctly rounded double glibc's strtod() returns. A zero mantissa is a
 * signed zero whatever the exponent. Everything else (more digits, larger exponents, hex,
 * "inf", other characters, a missing exponent digit) returns FALSE, and the caller asks
 * g_ascii_strtod() with its own rules; so a caller's results never depend on this path.
 *
 * mark is the decimal mark ('.' or ','). text runs to end (exclusive), or to a NUL when end is
 * NULL; the text must not begin with a blank (the callers skip those first).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

static inline gboolean
ep_number_parse_fast (const char *text,
                      const char *end,
                      char        mark,
                      double     *value)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  const char *s = text;
  guint64 w = 0;
  int n_digits = 0;         /* significant digits in w */
  int scale = 0;            /* digits after the mark that went into w */
  int e = 0;
  gboolean negative = FALSE, any = FALSE;
  double x;

#define EP_NUMBER_AT_END(p) ((end != NULL) ? (p) >= end : *(p) == '\0')
#define EP_NUMBER_DIGIT(p) (!EP_NUMBER_AT_END (p) && (guint) (*(p) - '0') < 10u)

  if (!EP_NUMBER_AT_END (s) && (*s == '-' || *s == '+'))
    negative = (*s++ == '-');

  while (EP_NUMBER_DIGIT (s) && *s == '0')
    {
      s++;
      any = TRUE;
    }
  for (; EP_NUMBER_DIGIT (s); s++)
    {
      if (++n_digits > 19)
        return FALSE;
      w = w * 10 + (guint64) (*s - '0');
      any = TRUE;
    }
  if (!EP_NUMBER_AT_END (s) && *s == mark)
    {
      s++;
      for (; EP_NUMBER_DIGIT (s); s++)
        {
          any = TRUE;
          if (w == 0 && *s == '0')
            {
              scale++;    /* a leading zero of the fraction: not significant */
              continue;
            }
          if (++n_digits > 19)
            return FALSE;
          w = w * 10 + (guint64) (*s - '0');
          scale++;
        }
    }
  if (!any)
    return FALSE;
  if (!EP_NUMBER_AT_END (s) && (*s == 'e' || *s == 'E'))
    {
      gboolean e_negative = FALSE;

      s++;
      if (!EP_NUMBER_AT_END (s) && (*s == '-' || *s == '+'))
        e_negative = (*s++ == '-');
      if (!EP_NUMBER_DIGIT (s))
        return FALSE;
      for (; EP_NUMBER_DIGIT (s); s++)
        {
          if (e > 100000)
            return FALSE;
          e = e * 10 + (*s - '0');
        }
      if (e_negative)
        e = -e;
    }
  while (!EP_NUMBER_AT_END (s) && (*s == ' ' || *s == '\t'))
    s++;
  if (!EP_NUMBER_AT_END (s))
    return FALSE;

#undef EP_NUMBER_DIGIT
#undef EP_NUMBER_AT_END

  if (w == 0)
    {
      *value = negative ? -0.0 : 0.0;
      return TRUE;
    }
  if (w > (G_GUINT64_CONSTANT (1) << 53))
    return FALSE;
  e -= scale;
  if (e < -22 || e > 22)
    return FALSE;

  x = (double) w;
  if (e < 0)
    x /= powers[-e];
  else
    x *= powers[e];
  *value = negative ? -x : x;

  return TRUE;
}

G_END_DECLS
