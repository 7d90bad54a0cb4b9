/* test-number.c: the fast number parser (ep-number.h) gives strtod's doubles, bit for bit
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference is glibc's strtod() through g_ascii_strtod(), which rounds correctly. Every
 * string the fast path accepts must come out as the same 64 bits; every string must be
 * accepted or refused by ep_value_parse_number() exactly as by the plain strtod() version it
 * replaced (reference_parse_number below, the function as it was before the fast path).
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/ep-number.h"
#include "io/ep-table.h"

/* ep_value_parse_number() before the fast path: the definition of what is a number. */
static gboolean
reference_parse_number (const char *text,
                        char        decimal_mark,
                        double     *value)
{
  g_autofree char *copy = NULL;
  const char *s = text;
  char *end = NULL;
  double x;

  while (*s == ' ' || *s == '\t')
    s++;
  if (*s == '\0' || strpbrk (s, "xX") != NULL)
    return FALSE;
  if (g_ascii_isalpha (*s) || ((*s == '-' || *s == '+') && g_ascii_isalpha (s[1])))
    return FALSE;
  if (decimal_mark == ',')
    {
      if (strchr (s, '.') != NULL)
        return FALSE;
      copy = g_strdup (s);
      g_strdelimit (copy, ",", '.');
      s = copy;
    }
  x = g_ascii_strtod (s, &end);
  if (end == s)
    return FALSE;
  while (*end == ' ' || *end == '\t')
    end++;
  if (*end != '\0' || !isfinite (x))
    return FALSE;
  *value = x;
  return TRUE;
}

static guint64
bits (double x)
{
  guint64 b;

  memcpy (&b, &x, sizeof b);
  return b;
}

static guint n_fast;

/* One string, both marks: the fast path (when it answers) and ep_value_parse_number() against
 * the reference. */
static void
check (const char *text)
{
  const char marks[] = { '.', ',' };

  for (guint k = 0; k < G_N_ELEMENTS (marks); k++)
    {
      double want = 0, got = 0, fast = 0;
      gboolean want_ok = reference_parse_number (text, marks[k], &want);
      gboolean got_ok = ep_value_parse_number (text, marks[k], &got);
      const char *s = text;

      if (want_ok != got_ok || (want_ok && bits (want) != bits (got)))
        g_error ("\"%s\" (mark '%c'): reference %d %.17g, ep_value_parse_number %d %.17g",
                 text, marks[k], want_ok, want, got_ok, got);

      while (*s == ' ' || *s == '\t')
        s++;
      if (ep_number_parse_fast (s, NULL, marks[k], &fast))
        {
          n_fast++;
          if (!want_ok || bits (fast) != bits (want))
            g_error ("\"%s\" (mark '%c'): fast %.17g, strtod %d %.17g", text, marks[k], fast,
                     want_ok, want);
        }
      /* the bounded form reads the same text without its NUL */
      if (*s != '\0')
        {
          g_autofree char *padded = g_strconcat (s, "9", NULL);
          double bounded = 0;
          gboolean ok = ep_number_parse_fast (padded, padded + strlen (s), marks[k], &bounded);
          gboolean ok0 = ep_number_parse_fast (s, NULL, marks[k], &fast);

          g_assert_cmpint (ok, ==, ok0);
          if (ok)
            g_assert_cmpuint (bits (bounded), ==, bits (fast));
        }
    }
}

static void
test_edge_cases (void)
{
  static const char * const cases[] = {
    "0", "-0", "+0", "0.", ".0", "-.0", "+.5", ".", "-", "+", "", " ", "  \t ", "00", "-00.000",
    "1", "-1", " 1", "1 ", "\t1\t", "1 2", "1e", "1e+", "1e-", "e5", ".e5", "1.e5", "1e5",
    "1E5", "1e+05", "1e-05", "1e-22", "1e22", "1e23", "1e-23", "9e22", "1.5e-300", "1e308",
    "1e309", "-1e309", "1e-324", "4.9e-324", "2.4703282292062327e-324", "1.7976931348623157e308",
    "2.2250738585072014e-308", "2.2250738585072011e-308", "0e99999999", "1e99999999",
    "9007199254740991", "9007199254740992", "9007199254740993", "9007199254740994",
    "18446744073709551615", "18446744073709551616", "1234567890123456789",
    "12345678901234567890", "123456789012345678901234567890", "0.1", "0.2", "0.3", "0.7",
    "3.14159265358979323846", "0.000001", "-0.813325", "283", "1,5", "1,5e3", "1.5", "1,5,5",
    "1.5.5", "1..5", ",5", "5,", "1.5 ", "1,5\t", "0x10", "0X1p3", "inf", "-inf", "Inf",
    "infinity", "nan", "NaN", "-nan", "NA", "1x", "x1", "1e5x", "1d5", "1f", "--1", "+-1",
    "1-", "1+", "\n1", "1\n", "1\r", "\v1", "1_000", "1'000", "١", "1\xc2\xa0",
    "0.30000000000000004", "0.1000000000000000055511151231257827",
    "9.800000000000001", "45000.5", "0.999999999", "1e-7", "123.456e-2", "-987654321.123456",
    "000000000000000000000000000001", "0.000000000000000000000000000001",
    "1.00000000000000000000000000001", "7.2057594037927933e16", "72057594037927933",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check (cases[i]);
}

/* Decimal strings of every shape the grammar allows, and some it does not. */
static void
test_random_strings (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);
  GString *s = g_string_new (NULL);

  for (guint n = 0; n < 300000; n++)
    {
      int int_digits = g_rand_int_range (rand, 0, 22);
      int frac_digits = g_rand_int_range (rand, -1, 22);    /* -1: no mark */
      int leading_zeros = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, 6) : 0;

      g_string_truncate (s, 0);
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0: g_string_append_c (s, '-'); break;
        case 1: g_string_append_c (s, '+'); break;
        default: break;
        }
      for (int i = 0; i < leading_zeros; i++)
        g_string_append_c (s, '0');
      for (int i = 0; i < int_digits; i++)
        g_string_append_c (s, (char) ('0' + g_rand_int_range (rand, 0, 10)));
      if (frac_digits >= 0)
        {
          g_string_append_c (s, g_rand_int_range (rand, 0, 4) == 0 ? ',' : '.');
          if (g_rand_int_range (rand, 0, 3) == 0)
            for (int i = 0; i < g_rand_int_range (rand, 1, 8); i++)
              g_string_append_c (s, '0');
          for (int i = 0; i < frac_digits; i++)
            g_string_append_c (s, (char) ('0' + g_rand_int_range (rand, 0, 10)));
        }
      if (g_rand_int_range (rand, 0, 3) == 0)
        g_string_append_printf (s, "%c%s%d", g_rand_boolean (rand) ? 'e' : 'E',
                                g_rand_boolean (rand) ? "-" : (g_rand_boolean (rand) ? "+" : ""),
                                g_rand_int_range (rand, 0, 40));
      if (g_rand_int_range (rand, 0, 10) == 0)
        g_string_append (s, g_rand_boolean (rand) ? " " : "\t ");
      if (g_rand_int_range (rand, 0, 50) == 0)
        g_string_append_c (s, "xe.,+- 5"[g_rand_int_range (rand, 0, 8)]);
      check (s->str);
    }
  g_string_free (s, TRUE);
}

/* Doubles as programs print them: shortest round trip, %.17g, %.15g, fixed decimals. */
static void
test_printed_doubles (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint n = 0; n < 200000; n++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double x;
      guint64 b = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);

      switch (n % 4)
        {
        case 0:
          memcpy (&x, &b, sizeof x);            /* any bit pattern */
          break;
        case 1:
          x = g_rand_double_range (rand, -1e6, 1e6);
          break;
        case 2:
          x = ldexp (g_rand_double (rand), g_rand_int_range (rand, -80, 80));
          break;
        default:
          x = round (g_rand_double_range (rand, 0, 1e7)) / 1e3;
          break;
        }
      if (!isfinite (x))
        continue;
      check (g_ascii_dtostr (buf, sizeof buf, x));
      check (g_ascii_formatd (buf, sizeof buf, "%.17g", x));
      check (g_ascii_formatd (buf, sizeof buf, "%.15g", x));
      check (g_ascii_formatd (buf, sizeof buf, "%.6f", x));
      check (g_ascii_formatd (buf, sizeof buf, "%.3e", x));
    }
  /* most of these must take the fast path, or it would not be worth having */
  g_assert_cmpuint (n_fast, >, 500000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number/edge-cases", test_edge_cases);
  g_test_add_func ("/number/random-strings", test_random_strings);
  g_test_add_func ("/number/printed-doubles", test_printed_doubles);

  return g_test_run ();
}
