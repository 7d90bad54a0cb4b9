/* test-levels.c: levels of a categorical variable (src/core/ep-levels.c)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected orders are hand-derived from the rule in ep-levels.h: numeric order when every
 * value is a number, byte order (strcmp) otherwise.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "core/ep-levels.h"

static void
assert_levels (const EpLevels     *levels,
               const char * const *expected)
{
  g_assert_cmpuint (levels->n_levels, ==, g_strv_length ((char **) expected));
  for (guint k = 0; expected[k] != NULL; k++)
    g_assert_cmpstr (levels->levels[k], ==, expected[k]);
  g_assert_null (levels->levels[levels->n_levels]);
}

static void
assert_codes (const EpLevels     *levels,
              const char * const *values)
{
  g_assert_cmpuint (levels->n, ==, g_strv_length ((char **) values));
  for (gsize i = 0; i < levels->n; i++)
    {
      g_assert_cmpuint (levels->codes[i], <, levels->n_levels);
      g_assert_cmpstr (levels->levels[levels->codes[i]], ==, values[i]);
    }
}

static void
test_numeric_order (void)
{
  const char *values[] = { "10", "2", "1", "2", "10", "-3", "0.5", "1e1x", NULL };
  g_autoptr(EpLevels) levels = ep_levels_new (values, 7);

  /* "2" < "10" because every value is a number; "1e1x" is outside the 7 values. */
  g_assert_true (levels->numeric);
  assert_levels (levels, (const char *[]) { "-3", "0.5", "1", "2", "10", NULL });
  g_assert_cmpuint (levels->codes[0], ==, 4);
  g_assert_cmpuint (levels->codes[1], ==, 3);
  g_assert_cmpuint (levels->codes[2], ==, 2);
  g_assert_cmpuint (levels->codes[5], ==, 0);
  values[7] = NULL;
  assert_codes (levels, values);
}

static void
test_text_order (void)
{
  /* One value that is not a number makes the whole order byte order: "10" < "2" < "a". */
  const char *values[] = { "2", "a", "10", "Nonmaintained", "Maintained", "a", NULL };
  g_autoptr(EpLevels) levels = ep_levels_new (values, 6);

  g_assert_false (levels->numeric);
  assert_levels (levels, (const char *[]) { "10", "2", "Maintained", "Nonmaintained", "a", NULL });
  assert_codes (levels, values);
}

static void
test_byte_order (void)
{
  /* Byte order whatever the locale: upper case before lower case, ASCII before "É". */
  const char *values[] = { "éte", "b", "Été", "B", "a", NULL };
  g_autoptr(EpLevels) levels = ep_levels_new (values, 5);

  assert_levels (levels, (const char *[]) { "B", "a", "b", "Été", "éte", NULL });
  assert_codes (levels, values);
}

static void
test_equal_numbers (void)
{
  /* "1" and "1.0" are different labels with the same value: numeric order, then text. */
  const char *values[] = { "1.0", "2", "1", " 3", NULL };
  g_autoptr(EpLevels) levels = ep_levels_new (values, 4);

  g_assert_true (levels->numeric);
  assert_levels (levels, (const char *[]) { "1", "1.0", "2", " 3", NULL });
  assert_codes (levels, values);
}

static void
test_not_numbers (void)
{
  double value = 0;

  g_assert_true (ep_levels_parse_number ("2.5", &value));
  g_assert_cmpfloat (value, ==, 2.5);
  g_assert_true (ep_levels_parse_number (" -1e2 ", &value));
  g_assert_cmpfloat (value, ==, -100.0);
  g_assert_false (ep_levels_parse_number ("", &value));
  g_assert_false (ep_levels_parse_number ("  ", &value));
  g_assert_false (ep_levels_parse_number ("nan", &value));
  g_assert_false (ep_levels_parse_number ("inf", &value));
  g_assert_false (ep_levels_parse_number ("0x1A", &value));
  g_assert_false (ep_levels_parse_number ("1,5", &value));
  g_assert_false (ep_levels_parse_number ("3 mg", &value));
}

static void
test_single_and_empty (void)
{
  const char *values[] = { "A", "A", "A", NULL };
  g_autoptr(EpLevels) one = ep_levels_new (values, 3);
  g_autoptr(EpLevels) none = ep_levels_new (NULL, 0);

  assert_levels (one, (const char *[]) { "A", NULL });
  assert_codes (one, values);
  g_assert_cmpuint (none->n_levels, ==, 0);
  g_assert_null (none->levels[0]);
  g_assert_false (none->numeric);
}

static void
test_find (void)
{
  const char *values[] = { "b", "a", NULL };
  g_autoptr(EpLevels) levels = ep_levels_new (values, 2);

  g_assert_cmpint (ep_levels_find (levels, "a"), ==, 0);
  g_assert_cmpint (ep_levels_find (levels, "b"), ==, 1);
  g_assert_cmpint (ep_levels_find (levels, "c"), ==, -1);
}

static void
test_many (void)
{
  /* 100 000 values in runs and at random: codes must follow the values exactly. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EpLevels) levels = NULL;

  for (guint i = 0; i < 100000; i++)
    {
      guint v = (i % 3 == 0) ? (guint) g_rand_int_range (rand, 0, 50) : (i / 1000) % 50;

      g_ptr_array_add (strings, g_strdup_printf ("%u", v * 7));
    }

  levels = ep_levels_new ((const char * const *) strings->pdata, strings->len);
  g_assert_true (levels->numeric);
  g_assert_cmpuint (levels->n_levels, ==, 50);
  for (guint k = 0; k < levels->n_levels; k++)
    g_assert_cmpuint (g_ascii_strtoull (levels->levels[k], NULL, 10), ==, 7 * k);
  for (guint i = 0; i < strings->len; i++)
    g_assert_cmpuint (7 * levels->codes[i], ==, g_ascii_strtoull (strings->pdata[i], NULL, 10));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/levels/numeric-order", test_numeric_order);
  g_test_add_func ("/levels/text-order", test_text_order);
  g_test_add_func ("/levels/byte-order", test_byte_order);
  g_test_add_func ("/levels/equal-numbers", test_equal_numbers);
  g_test_add_func ("/levels/not-numbers", test_not_numbers);
  g_test_add_func ("/levels/single-and-empty", test_single_and_empty);
  g_test_add_func ("/levels/find", test_find);
  g_test_add_func ("/levels/many", test_many);

  return g_test_run ();
}
