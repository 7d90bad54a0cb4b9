/* test-csv.c: the RFC 4180 reader (src/io/ep-csv.c)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule of ep-csv.h and every error message, with its exact text. No timing here: the
 * speed check is bench/csv-speed.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "io/ep-csv.h"

static EpCsv *
read_ok (const char *text,
         char        sep)
{
  g_autoptr(GError) error = NULL;
  EpCsv *csv = ep_csv_read_data (text, strlen (text), "t.csv", sep, &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static void
assert_read_fails (const char *text,
                   gsize       length,
                   char        sep,
                   EpCsvError  code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = ep_csv_read_data (text, length, "t.csv", sep, &error);

  g_assert_null (csv);
  g_assert_error (error, EP_CSV_ERROR, (int) code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_row (const EpCsv        *csv,
            guint               row,
            guint               line,
            const char * const *cells)
{
  g_assert_cmpuint (ep_csv_get_line (csv, row), ==, line);
  for (guint j = 0; cells[j] != NULL; j++)
    g_assert_cmpstr (ep_csv_get_cell (csv, row, j), ==, cells[j]);
}

static void
test_basic (void)
{
  g_autoptr(EpCsv) csv = read_ok ("time,status,group\n5,1,A\n8,0,B\n", ',');

  g_assert_cmpstr (ep_csv_get_display_name (csv), ==, "t.csv");
  g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, 2);
  g_assert_cmpuint (ep_csv_get_n_columns (csv), ==, 3);
  g_assert_cmpstr (ep_csv_get_column_name (csv, 0), ==, "time");
  g_assert_cmpstr (ep_csv_get_column_name (csv, 2), ==, "group");
  g_assert_cmpint (ep_csv_find_column (csv, "status"), ==, 1);
  g_assert_cmpint (ep_csv_find_column (csv, "Status"), ==, -1);
  g_assert_cmpint (ep_csv_find_column (csv, ""), ==, -1);
  assert_row (csv, 0, 2, (const char *[]) { "5", "1", "A", NULL });
  assert_row (csv, 1, 3, (const char *[]) { "8", "0", "B", NULL });
}

static void
test_quotes (void)
{
  /* Embedded separator, doubled quote, embedded LF and CRLF: the row after a multi-line cell
   * starts on the line the file says. */
  g_autoptr(EpCsv) csv = read_ok ("name,note\n"
                                  "\"Smith, J\",\"said \"\"no\"\"\"\n"
                                  "\"a\nb\",\"c\r\nd\"\n"
                                  "\"\",x\n"
                                  "plain\"quote,\"\"\"\"\n",
                                  ',');

  g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, 4);
  assert_row (csv, 0, 2, (const char *[]) { "Smith, J", "said \"no\"", NULL });
  assert_row (csv, 1, 3, (const char *[]) { "a\nb", "c\r\nd", NULL });
  assert_row (csv, 2, 6, (const char *[]) { "", "x", NULL });
  /* A quote inside an unquoted cell is text; """" is one quote. */
  assert_row (csv, 3, 7, (const char *[]) { "plain\"quote", "\"", NULL });
  g_assert_true (ep_csv_is_missing (csv, 2, 0));
}

static void
test_quoted_header (void)
{
  g_autoptr(EpCsv) csv = read_ok ("\"a b\",\"c,d\"\n1,2\n", ',');

  g_assert_cmpstr (ep_csv_get_column_name (csv, 0), ==, "a b");
  g_assert_cmpint (ep_csv_find_column (csv, "c,d"), ==, 1);
}

static void
test_line_ends (void)
{
  g_autoptr(EpCsv) crlf = read_ok ("a,b\r\n1,2\r\n3,4\r\n", ',');
  g_autoptr(EpCsv) no_end = read_ok ("a,b\n1,2\n3,4", ',');
  g_autoptr(EpCsv) cr_end = read_ok ("a,b\r\n1,2\r\n3,4\r", ',');
  g_autoptr(EpCsv) mixed = read_ok ("a,b\r\n1,2\n\"3\",\"4\"\r\n", ',');
  g_autoptr(EpCsv) lone_cr = read_ok ("a,b\n1\r2,3\n", ',');

  for (guint k = 0; k < 4; k++)
    {
      EpCsv *csv = (EpCsv *[]) { crlf, no_end, cr_end, mixed }[k];

      g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, 2);
      g_assert_cmpstr (ep_csv_get_column_name (csv, 1), ==, "b");
      assert_row (csv, 0, 2, (const char *[]) { "1", "2", NULL });
      assert_row (csv, 1, 3, (const char *[]) { "3", "4", NULL });
    }

  /* A CR not followed by LF is text. */
  assert_row (lone_cr, 0, 2, (const char *[]) { "1\r2", "3", NULL });
}

static void
test_after_unquoting (void)
{
  /* Once a quoted cell has been shortened, later cells are moved back as they are read. */
  g_autoptr(EpCsv) csv = read_ok ("a,b,c\n\"\"\"q\",1\r2,x\n3,\"\",\"y\"\"\"\r\nlast,,\n", ',');

  g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, 3);
  assert_row (csv, 0, 2, (const char *[]) { "\"q", "1\r2", "x", NULL });
  assert_row (csv, 1, 3, (const char *[]) { "3", "", "y\"", NULL });
  assert_row (csv, 2, 4, (const char *[]) { "last", "", "", NULL });
}

/* Writes cells as RFC 4180 says a writer should, reads them back, and compares. */
static void
test_round_trip (void)
{
  static const char alphabet[] = "ab1.,;\t\"\r\n é";
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);

  for (guint trial = 0; trial < 200; trial++)
    {
      const char seps[] = { ',', ';', '\t' };
      char sep = seps[trial % 3];
      guint n_columns = g_rand_int_range (rand, 1, 5);
      guint n_rows = g_rand_int_range (rand, 1, 20);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) text = g_string_new (trial % 2 ? "\xEF\xBB\xBF" : "");
      g_autoptr(EpCsv) csv = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i <= n_rows; i++)
        {
          for (guint j = 0; j < n_columns; j++)
            {
              GString *cell = g_string_new (NULL);
              guint len = g_rand_int_range (rand, i == 0 ? 1 : 0, 6);
              gboolean quote;

              /* header names: distinct; data: anything from the alphabet */
              if (i == 0)
                g_string_append_printf (cell, "c%u", j);
              for (guint k = 0; k < len; k++)
                {
                  const char *ch = alphabet + g_rand_int_range (rand, 0, sizeof alphabet - 3);

                  if ((guchar) *ch >= 0x80)
                    g_string_append (cell, "é");
                  else
                    g_string_append_c (cell, *ch);
                }
              /* an empty single-column row would be a blank line, which is skipped */
              if (n_columns == 1 && cell->len == 0)
                g_string_append_c (cell, 'z');

              quote = cell->len == 0 || strchr (cell->str, sep) || strchr (cell->str, '"') ||
                      strchr (cell->str, '\n') || strchr (cell->str, '\r') || g_rand_boolean (rand);
              if (j > 0)
                g_string_append_c (text, sep);
              if (quote)
                {
                  g_string_append_c (text, '"');
                  for (const char *c = cell->str; *c; c++)
                    {
                      if (*c == '"')
                        g_string_append_c (text, '"');
                      g_string_append_c (text, *c);
                    }
                  g_string_append_c (text, '"');
                }
              else
                {
                  g_string_append (text, cell->str);
                }
              g_ptr_array_add (cells, g_string_free (cell, FALSE));
            }
          g_string_append (text, g_rand_boolean (rand) ? "\r\n" : "\n");
        }

      csv = ep_csv_read_data (text->str, text->len, "t.csv", sep, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ep_csv_get_n_columns (csv), ==, n_columns);
      g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, n_rows);
      for (guint j = 0; j < n_columns; j++)
        g_assert_cmpstr (ep_csv_get_column_name (csv, j), ==, cells->pdata[j]);
      for (guint i = 0; i < n_rows; i++)
        for (guint j = 0; j < n_columns; j++)
          g_assert_cmpstr (ep_csv_get_cell (csv, i, j), ==, cells->pdata[(i + 1) * n_columns + j]);
    }
}

static void
test_bom (void)
{
  g_autoptr(EpCsv) csv = read_ok ("\xEF\xBB\xBFtime,status\n1,0\n", ',');

  g_assert_cmpstr (ep_csv_get_column_name (csv, 0), ==, "time");
  g_assert_cmpint (ep_csv_find_column (csv, "time"), ==, 0);
  assert_row (csv, 0, 2, (const char *[]) { "1", "0", NULL });
}

static void
test_separators (void)
{
  g_autoptr(EpCsv) semi = read_ok ("a;b\n1,5;\"x;y\"\n", ';');
  g_autoptr(EpCsv) tab = read_ok ("a\tb\n1,5\t\"x\ty\"\n", '\t');
  g_autoptr(EpCsv) comma = read_ok ("a;b\n1;2\n", ',');

  assert_row (semi, 0, 2, (const char *[]) { "1,5", "x;y", NULL });
  assert_row (tab, 0, 2, (const char *[]) { "1,5", "x\ty", NULL });
  /* The wrong separator gives one column; the commands then report the unknown column. */
  g_assert_cmpuint (ep_csv_get_n_columns (comma), ==, 1);
  g_assert_cmpstr (ep_csv_get_column_name (comma, 0), ==, "a;b");
}

static void
test_missing (void)
{
  g_autoptr(EpCsv) csv = read_ok ("a,b,c,d,e,f,g,h\n"
                                  ",NA,.,\"\",na,N/A,0,\" \"\n", ',');

  g_assert_true (ep_csv_is_missing (csv, 0, 0));   /* empty */
  g_assert_true (ep_csv_is_missing (csv, 0, 1));   /* NA */
  g_assert_true (ep_csv_is_missing (csv, 0, 2));   /* . */
  g_assert_true (ep_csv_is_missing (csv, 0, 3));   /* a quoted empty cell */
  g_assert_false (ep_csv_is_missing (csv, 0, 4));  /* only NA, . and empty are missing */
  g_assert_false (ep_csv_is_missing (csv, 0, 5));
  g_assert_false (ep_csv_is_missing (csv, 0, 6));
  g_assert_false (ep_csv_is_missing (csv, 0, 7));
  g_assert_cmpstr (ep_csv_get_cell (csv, 0, 0), ==, "");
}

static void
test_blank_lines (void)
{
  /* Lines with nothing on them are skipped, before the header too; line numbers still count
   * them. A trailing empty cell ("1,") is not a blank line. */
  g_autoptr(EpCsv) csv = read_ok ("\n\na,b\n\n1,2\r\n\r\n3,\n\n", ',');
  g_autoptr(EpCsv) end = read_ok ("a,b\n1,", ',');

  g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, 2);
  g_assert_cmpstr (ep_csv_get_column_name (csv, 0), ==, "a");
  assert_row (csv, 0, 5, (const char *[]) { "1", "2", NULL });
  assert_row (csv, 1, 7, (const char *[]) { "3", "", NULL });
  g_assert_true (ep_csv_is_missing (csv, 1, 1));

  g_assert_cmpuint (ep_csv_get_n_rows (end), ==, 1);
  assert_row (end, 0, 2, (const char *[]) { "1", "", NULL });
}

static void
test_header_only (void)
{
  g_autoptr(EpCsv) csv = read_ok ("time,status\n", ',');
  g_autoptr(EpCsv) one = read_ok ("x", ',');

  g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, 0);
  g_assert_cmpuint (ep_csv_get_n_columns (csv), ==, 2);
  g_assert_cmpuint (ep_csv_get_n_rows (one), ==, 0);
  g_assert_cmpstr (ep_csv_get_column_name (one, 0), ==, "x");
}

static void
test_empty_header_names (void)
{
  /* Spreadsheets write an unnamed first column for row names: allowed, never a duplicate. */
  g_autoptr(EpCsv) csv = read_ok (",,a\n1,2,3\n", ',');

  g_assert_cmpuint (ep_csv_get_n_columns (csv), ==, 3);
  g_assert_cmpstr (ep_csv_get_column_name (csv, 1), ==, "");
  g_assert_cmpint (ep_csv_find_column (csv, "a"), ==, 2);
}

static void
test_utf8 (void)
{
  g_autoptr(EpCsv) csv = read_ok ("groupe,durée\nÉté,1\n中文,2\n", ',');

  g_assert_cmpint (ep_csv_find_column (csv, "durée"), ==, 1);
  assert_row (csv, 1, 3, (const char *[]) { "中文", "2", NULL });
}

static void
assert_number (const char *cell,
               double      expected)
{
  g_autofree char *text = g_strdup_printf ("x\n\"%s\"\n", cell);
  g_autoptr(EpCsv) csv = read_ok (text, ',');
  g_autoptr(GError) error = NULL;
  double value = -12345;

  g_assert_true (ep_csv_get_number (csv, 0, 0, &value, &error));
  g_assert_no_error (error);
  /* Parsing is exact: bit for bit what the C library's strtod gives. */
  g_assert_cmpmem (&value, sizeof value, &expected, sizeof expected);
}

static void
test_numbers (void)
{
  assert_number ("0", 0.0);
  assert_number ("-0", -0.0);
  assert_number ("17", 17.0);
  assert_number ("-2.5", -2.5);
  assert_number ("+3", 3.0);
  assert_number ("0.1", 0.1);
  assert_number ("1.", 1.0);
  assert_number (".5", 0.5);
  assert_number ("007.250", 7.25);
  assert_number ("1e-3", 1e-3);
  assert_number ("2.5E+2", 250.0);
  assert_number (" 42 ", 42.0);
  assert_number ("\t8", 8.0);
  assert_number ("123456789012345", 123456789012345.0);
  assert_number ("1234567890123456789", 1234567890123456789.0);
  assert_number ("0.000000000000000000000001", 1e-24);
  assert_number ("3.14159265358979323846", 3.14159265358979323846);
  assert_number ("1e308", 1e308);
}

/* The fast decimal path must agree bit for bit with g_ascii_strtod on every decimal. */
static void
test_numbers_exact (void)
{
  g_autoptr(GString) text = g_string_new ("x\n");
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autoptr(EpCsv) csv = NULL;

  for (guint i = 0; i < 20000; i++)
    {
      guint int_digits = g_rand_int_range (rand, 0, 12);
      guint frac_digits = g_rand_int_range (rand, 0, 12);
      GString *cell = g_string_new (g_rand_boolean (rand) ? "-" : "");

      for (guint k = 0; k < int_digits; k++)
        g_string_append_c (cell, '0' + g_rand_int_range (rand, 0, 10));
      if (int_digits == 0)
        g_string_append_c (cell, '0');
      if (frac_digits > 0)
        {
          g_string_append_c (cell, '.');
          for (guint k = 0; k < frac_digits; k++)
            g_string_append_c (cell, '0' + g_rand_int_range (rand, 0, 10));
        }
      g_string_append_printf (text, "%s\n", cell->str);
      g_ptr_array_add (cells, g_string_free (cell, FALSE));
    }

  csv = read_ok (text->str, ',');
  g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, cells->len);
  for (guint i = 0; i < cells->len; i++)
    {
      double value = 0, expected = g_ascii_strtod (cells->pdata[i], NULL);

      g_assert_true (ep_csv_get_number (csv, i, 0, &value, NULL));
      if (memcmp (&value, &expected, sizeof value) != 0)
        g_error ("\"%s\": %.17g, strtod gives %.17g", (char *) cells->pdata[i], value, expected);
    }
}

static void
test_numbers_locale (void)
{
  const char *locales[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8" };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *found = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (locales) && found == NULL; k++)
    found = setlocale (LC_NUMERIC, locales[k]);

  if (found == NULL)
    {
      g_test_skip ("no locale with a decimal comma is installed");
      return;
    }

  assert_number ("1.5", 1.5);
  setlocale (LC_NUMERIC, saved);
}

static void
assert_not_a_number (const char *cell,
                     const char *message)
{
  g_autofree char *text = g_strdup_printf ("id,time\n1,2\n2,\"%s\"\n", cell);
  g_autoptr(EpCsv) csv = read_ok (text, ',');
  g_autoptr(GError) error = NULL;
  double value = 0;

  g_assert_false (ep_csv_get_number (csv, 1, 1, &value, &error));
  g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_NOT_A_NUMBER);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_not_a_number (void)
{
  assert_not_a_number ("abc", "t.csv:3: column \"time\": \"abc\" is not a number");
  assert_not_a_number ("1.5x", "t.csv:3: column \"time\": \"1.5x\" is not a number");
  assert_not_a_number ("1,5", "t.csv:3: column \"time\": \"1,5\" is not a number");
  assert_not_a_number ("1 2", "t.csv:3: column \"time\": \"1 2\" is not a number");
  assert_not_a_number ("", "t.csv:3: column \"time\": \"\" is not a number");
  assert_not_a_number ("NA", "t.csv:3: column \"time\": \"NA\" is not a number");
  assert_not_a_number ("nan", "t.csv:3: column \"time\": \"nan\" is not a number");
  assert_not_a_number ("NaN", "t.csv:3: column \"time\": \"NaN\" is not a number");
  assert_not_a_number ("inf", "t.csv:3: column \"time\": \"inf\" is not a number");
  assert_not_a_number ("-Infinity", "t.csv:3: column \"time\": \"-Infinity\" is not a number");
  assert_not_a_number ("1e999", "t.csv:3: column \"time\": \"1e999\" is not a number");
  assert_not_a_number ("0x10", "t.csv:3: column \"time\": \"0x10\" is not a number");
  assert_not_a_number ("-", "t.csv:3: column \"time\": \"-\" is not a number");
  assert_not_a_number ("1e", "t.csv:3: column \"time\": \"1e\" is not a number");
}

static void
test_error_ragged (void)
{
  assert_read_fails ("a,b,c\n1,2,3\n4,5\n", -1 + sizeof "a,b,c\n1,2,3\n4,5\n", ',',
                     EP_CSV_ERROR_RAGGED, "t.csv:3: 2 fields, but the header has 3");
  assert_read_fails ("a,b\n1,2,3\n", -1 + sizeof "a,b\n1,2,3\n", ',',
                     EP_CSV_ERROR_RAGGED, "t.csv:2: 3 fields, but the header has 2");
  assert_read_fails ("a,b\n\"x\ny\"\n", -1 + sizeof "a,b\n\"x\ny\"\n", ',',
                     EP_CSV_ERROR_RAGGED, "t.csv:2: 1 field, but the header has 2");
  /* the last line, without a line end */
  assert_read_fails ("a,b\n1,2\n3", -1 + sizeof "a,b\n1,2\n3", ',',
                     EP_CSV_ERROR_RAGGED, "t.csv:3: 1 field, but the header has 2");
}

static void
test_error_unterminated (void)
{
  assert_read_fails ("a,b\n1,2\n3,\"open\n4,5\n", -1 + sizeof "a,b\n1,2\n3,\"open\n4,5\n", ',',
                     EP_CSV_ERROR_UNTERMINATED,
                     "t.csv:3: column \"b\": a quoted field is not closed before the end of the file");
  assert_read_fails ("a,\"b\n", -1 + sizeof "a,\"b\n", ',',
                     EP_CSV_ERROR_UNTERMINATED,
                     "t.csv:1: column 2: a quoted field is not closed before the end of the file");
}

static void
test_error_bad_quote (void)
{
  assert_read_fails ("a,b\n\"x\"y,2\n", -1 + sizeof "a,b\n\"x\"y,2\n", ',',
                     EP_CSV_ERROR_BAD_QUOTE,
                     "t.csv:2: column \"a\": text after the closing quote of a quoted field");
  assert_read_fails ("a,b\n1,\"x\" \n", -1 + sizeof "a,b\n1,\"x\" \n", ',',
                     EP_CSV_ERROR_BAD_QUOTE,
                     "t.csv:2: column \"b\": text after the closing quote of a quoted field");
}

static void
test_error_encoding (void)
{
  /* Latin-1 "é" in a data row, in a quoted cell after a multi-line cell, in the header, and a
   * NUL byte in a pure ASCII file (found by the eight-bytes-at-a-time check). */
  assert_read_fails ("name,age\nJos\xE9,3\n", -1 + sizeof "name,age\nJos\xE9,3\n", ',',
                     EP_CSV_ERROR_ENCODING, "t.csv:2: column \"name\": the text is not valid UTF-8");
  assert_read_fails ("a,b\n\"1\n2\",3\n4,\"\xFF\"\n", -1 + sizeof "a,b\n\"1\n2\",3\n4,\"\xFF\"\n", ',',
                     EP_CSV_ERROR_ENCODING, "t.csv:4: column \"b\": the text is not valid UTF-8");
  assert_read_fails ("id,dur\xE9\x65\n1,2\n", -1 + sizeof "id,dur\xE9\x65\n1,2\n", ',',
                     EP_CSV_ERROR_ENCODING, "t.csv:1: column 2: the text is not valid UTF-8");
  assert_read_fails ("abcdefgh,ijklmnop\n12345678,1234\0" "5678\n",
                     -1 + sizeof "abcdefgh,ijklmnop\n12345678,1234\0" "5678\n", ',',
                     EP_CSV_ERROR_ENCODING, "t.csv:2: column \"ijklmnop\": the text is not valid UTF-8");
}

/* The table of cells grows past its first guess (parser_reserve(): four bytes a cell): one-digit
 * cells are two bytes each, and a ragged row of many fields grows it in the middle of a row. */
static void
test_table_grows (void)
{
  g_autoptr(GString) text = g_string_new ("a,b,c\n");
  g_autoptr(GString) ragged = g_string_new ("a,b\n1,2\n");
  g_autoptr(EpCsv) csv = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (text, "%u,%u,%u\n", i % 10, (i / 10) % 10, (i / 100) % 10);
  csv = read_ok (text->str, ',');
  g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, 50000);
  for (guint i = 0; i < 50000; i += 997)
    {
      char cells[3][2] = { { (char) ('0' + i % 10), 0 }, { (char) ('0' + (i / 10) % 10), 0 },
                           { (char) ('0' + (i / 100) % 10), 0 } };
      const char * const row[] = { cells[0], cells[1], cells[2], NULL };

      assert_row (csv, i, i + 2, row);
    }
  assert_row (csv, 49999, 50001, (const char * const[]) { "9", "9", "9", NULL });

  for (guint j = 0; j < 100000; j++)
    g_string_append (ragged, j == 0 ? "x" : ",x");
  g_string_append (ragged, "\n");
  assert_read_fails (ragged->str, ragged->len, ',', EP_CSV_ERROR_RAGGED,
                     "t.csv:3: 100000 fields, but the header has 2");
}

/* After a quoted cell the cells are moved back over the quotes as they are checked: a cell
 * that is not UTF-8 after such a move is still named by its own line and column, and a NUL
 * inside quotes is not text. */
static void
test_error_encoding_after_quotes (void)
{
  static const char moved[] = "a,b\n\"x\"\"y\",z\n1,2\n3,\xE4\xB8\n";
  static const char nul[] = "a,b\n1,\"x\0y\"\n";
  static const char crlf[] = "a,b\r\n\"q\",1\r\n\xC3\xA9,\"\xC3\"\r\n";
  g_autoptr(EpCsv) csv = read_ok ("a,b\n\"x\"\"y\",z\n1,2\n3,\xE4\xB8\xAD\n", ',');

  assert_row (csv, 0, 2, (const char * const[]) { "x\"y", "z", NULL });
  assert_row (csv, 1, 3, (const char * const[]) { "1", "2", NULL });
  assert_row (csv, 2, 4, (const char * const[]) { "3", "\xE4\xB8\xAD", NULL });
  assert_read_fails (moved, sizeof moved - 1, ',', EP_CSV_ERROR_ENCODING,
                     "t.csv:4: column \"b\": the text is not valid UTF-8");
  assert_read_fails (nul, sizeof nul - 1, ',', EP_CSV_ERROR_ENCODING,
                     "t.csv:2: column \"b\": the text is not valid UTF-8");
  assert_read_fails (crlf, sizeof crlf - 1, ',', EP_CSV_ERROR_ENCODING,
                     "t.csv:3: column \"b\": the text is not valid UTF-8");
}

static void
test_error_duplicate_header (void)
{
  assert_read_fails ("time,age,status,age\n1,2,3,4\n", -1 + sizeof "time,age,status,age\n1,2,3,4\n", ',',
                     EP_CSV_ERROR_DUPLICATE_HEADER,
                     "t.csv:1: column \"age\" appears twice (columns 2 and 4)");
  /* the header's line is reported when blank lines come before it */
  assert_read_fails ("\na;a\n", -1 + sizeof "\na;a\n", ';',
                     EP_CSV_ERROR_DUPLICATE_HEADER,
                     "t.csv:2: column \"a\" appears twice (columns 1 and 2)");
}

static void
test_error_empty (void)
{
  const char *message = "t.csv: the file is empty; a header row with the column names is required";

  assert_read_fails ("", 0, ',', EP_CSV_ERROR_EMPTY, message);
  assert_read_fails (NULL, 0, ',', EP_CSV_ERROR_EMPTY, message);
  assert_read_fails ("\xEF\xBB\xBF", 3, ',', EP_CSV_ERROR_EMPTY, message);
  assert_read_fails ("\n\r\n\n", 4, ',', EP_CSV_ERROR_EMPTY, message);
}

static void
test_error_no_column (void)
{
  g_autoptr(EpCsv) csv = read_ok ("time,status\n1,0\n", ',');
  g_autoptr(GError) error = NULL;
  guint column = 99;

  g_assert_true (ep_csv_lookup_column (csv, "status", &column, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (column, ==, 1);

  g_assert_false (ep_csv_lookup_column (csv, "Status", &column, &error));
  g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_NO_COLUMN);
  g_assert_cmpstr (error->message, ==, "t.csv: there is no column \"Status\"");
}

static void
test_read_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(EpCsv) csv = NULL;
  g_autoptr(EpCsv) none = NULL;
  double value = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "cohort.csv", NULL);
  g_file_set_contents (path, "time;status\r\n12,5;1\r\nabc;0\r\n", -1, &error);
  g_assert_no_error (error);

  csv = ep_csv_read_file (path, ';', &error);
  g_assert_no_error (error);
  /* Messages name the file by its basename. */
  g_assert_cmpstr (ep_csv_get_display_name (csv), ==, "cohort.csv");
  g_assert_false (ep_csv_get_number (csv, 1, 0, &value, &error));
  g_assert_cmpstr (error->message, ==, "cohort.csv:3: column \"time\": \"abc\" is not a number");
  g_clear_error (&error);

  missing = g_build_filename (dir, "none.csv", NULL);
  none = ep_csv_read_file (missing, ',', &error);
  g_assert_null (none);
  g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "none.csv"));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/basic", test_basic);
  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/quoted-header", test_quoted_header);
  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/after-unquoting", test_after_unquoting);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/separators", test_separators);
  g_test_add_func ("/csv/missing", test_missing);
  g_test_add_func ("/csv/blank-lines", test_blank_lines);
  g_test_add_func ("/csv/header-only", test_header_only);
  g_test_add_func ("/csv/empty-header-names", test_empty_header_names);
  g_test_add_func ("/csv/utf8", test_utf8);
  g_test_add_func ("/csv/numbers", test_numbers);
  g_test_add_func ("/csv/numbers-exact", test_numbers_exact);
  g_test_add_func ("/csv/numbers-locale", test_numbers_locale);
  g_test_add_func ("/csv/not-a-number", test_not_a_number);
  g_test_add_func ("/csv/error/ragged", test_error_ragged);
  g_test_add_func ("/csv/error/unterminated", test_error_unterminated);
  g_test_add_func ("/csv/error/bad-quote", test_error_bad_quote);
  g_test_add_func ("/csv/error/encoding", test_error_encoding);
  g_test_add_func ("/csv/error/duplicate-header", test_error_duplicate_header);
  g_test_add_func ("/csv/table-grows", test_table_grows);
  g_test_add_func ("/csv/error/encoding-after-quotes", test_error_encoding_after_quotes);
  g_test_add_func ("/csv/error/empty", test_error_empty);
  g_test_add_func ("/csv/error/no-column", test_error_no_column);
  g_test_add_func ("/csv/read-file", test_read_file);

  return g_test_run ();
}
