/* test-import.c: CSV/TSV import with type guessing, SPSS/Stata/SAS through ReadStat, CSV export
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SPSS, Stata and SAS fixtures are written here with ReadStat's writer API into a temporary
 * directory, so every run checks that what a data manager's file holds (value labels, user
 * missing values, date formats, variable labels) arrives in the table. Malformed files are made
 * by cutting and garbling those fixtures.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <readstat.h>
#include <string.h>

#include "io/ep-csv.h"
#include "io/ep-export.h"
#include "io/ep-import.h"
#include "io/ep-table.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static EpTableColumn *
col (EpTable    *table,
     const char *name)
{
  int j = ep_table_find_column (table, name);

  g_assert_cmpint (j, >=, 0);
  return ep_table_get_column (table, (guint) j);
}

static char *
cell (EpTable    *table,
      const char *name,
      guint       row)
{
  return ep_table_column_format (col (table, name), row);
}

#define assert_cell(table, name, row, expected) \
  G_STMT_START { \
    g_autofree char *_text = cell (table, name, row); \
    g_assert_cmpstr (_text, ==, expected); \
  } G_STMT_END

/* CSV */

static void
test_csv_type_guessing (void)
{
  const char *data =
    "id,age,sex,cr,start,note,empty,status\n"
    "1,52,M,yes,2021-03-01,first,,1\n"
    "2,64.5,F,No,2021/03/15,,NA,0\n"
    "3,NA,F,TRUE,29.02.2024,\"a, b\",.,1\n"
    "4,18,M,,2021-12-31,x,,0\n";
  g_autoptr(EpTable) table = NULL;
  g_autoptr(GError) error = NULL;

  table = ep_import_csv_data (data, strlen (data), "t.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->n_rows, ==, 4);
  g_assert_cmpuint (ep_table_get_n_columns (table), ==, 8);

  g_assert_cmpint (col (table, "id")->type, ==, EP_COLUMN_NUMBER);
  g_assert_cmpint (col (table, "age")->type, ==, EP_COLUMN_NUMBER);
  g_assert_cmpint (col (table, "sex")->type, ==, EP_COLUMN_CATEGORY);
  g_assert_cmpint (col (table, "cr")->type, ==, EP_COLUMN_YESNO);
  g_assert_cmpint (col (table, "start")->type, ==, EP_COLUMN_DATE);
  g_assert_cmpint (col (table, "note")->type, ==, EP_COLUMN_CATEGORY);
  g_assert_cmpint (col (table, "empty")->type, ==, EP_COLUMN_CATEGORY);
  /* 0/1 stays a number: an event indicator */
  g_assert_cmpint (col (table, "status")->type, ==, EP_COLUMN_NUMBER);

  g_assert_cmpfloat (g_array_index (col (table, "age")->values, double, 1), ==, 64.5);
  g_assert_true (ep_table_column_is_missing (col (table, "age"), 2));
  assert_cell (table, "cr", 1, "no");
  assert_cell (table, "cr", 2, "yes");
  g_assert_true (ep_table_column_is_missing (col (table, "cr"), 3));
  assert_cell (table, "start", 1, "2021-03-15");
  assert_cell (table, "start", 2, "2024-02-29");
  assert_cell (table, "note", 2, "a, b");
  g_assert_true (ep_table_column_is_missing (col (table, "note"), 1));
  g_assert_cmpuint (ep_table_column_count_missing (col (table, "empty")), ==, 4);
  g_assert_cmpuint (col (table, "sex")->levels->len, ==, 2);
}

static void
test_csv_options (void)
{
  /* semicolons and the decimal comma, as a German spreadsheet writes them */
  const char *german = "Zeit;Gewicht\n12,5;70\n3;80,25\n";
  /* no header: names V1, V2; the first row is data even when it repeats itself */
  const char *headerless = "1,1\n2,0\n";
  const char *tsv = "a\tb\n1\tx\n";
  int forced[] = { EP_COLUMN_CATEGORY, -1 };
  g_autoptr(EpTable) t1 = NULL;
  g_autoptr(EpTable) t2 = NULL;
  g_autoptr(EpTable) t3 = NULL;
  g_autoptr(EpTable) t4 = NULL;
  g_autoptr(GError) error = NULL;
  EpImportOptions options;

  ep_import_options_init (&options);
  options.decimal_mark = ',';
  t1 = ep_import_csv_data (german, strlen (german), "de.csv", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (col (t1, "Zeit")->type, ==, EP_COLUMN_NUMBER);
  g_assert_cmpfloat (g_array_index (col (t1, "Zeit")->values, double, 0), ==, 12.5);
  g_assert_cmpfloat (g_array_index (col (t1, "Gewicht")->values, double, 1), ==, 80.25);

  ep_import_options_init (&options);
  options.header = FALSE;
  t2 = ep_import_csv_data (headerless, strlen (headerless), "h.csv", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t2->n_rows, ==, 2);
  g_assert_cmpfloat (g_array_index (col (t2, "V1")->values, double, 0), ==, 1);
  g_assert_cmpfloat (g_array_index (col (t2, "V2")->values, double, 1), ==, 0);

  /* without a header, a bad cell is named by its column's number, not by the first row's text */
  {
    g_autoptr(EpTable) bad = NULL;
    g_autoptr(GError) e = NULL;

    bad = ep_import_csv_data ("1,1\n\"2,0\n", 9, "h.csv", &options, &e);
    g_assert_null (bad);
    g_assert_cmpstr (e->message, ==,
                     "h.csv:2: column 1: a quoted field is not closed before the end of the file");
  }

  /* the separator is guessed from the first line */
  t3 = ep_import_csv_data (tsv, strlen (tsv), "t.tsv", NULL, &error);
  g_assert_no_error (error);
  assert_cell (t3, "b", 0, "x");

  /* a type chosen in the preview wins over the guess */
  ep_import_options_init (&options);
  options.types = forced;
  options.n_types = G_N_ELEMENTS (forced);
  t4 = ep_import_csv_data ("a,b\n1,2\n", 8, "f.csv", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (col (t4, "a")->type, ==, EP_COLUMN_CATEGORY);
  g_assert_cmpint (col (t4, "b")->type, ==, EP_COLUMN_NUMBER);
}

static void
test_csv_errors (void)
{
  static const struct { const char *data; int forced_first; const char *message; } cases[] = {
    { "time,status\n1,0\n2\n", -1, "bad.csv:3: 1 field, but the header has 2" },
    { "time,status\n1,0\n\"2,1\n", -1,
      "bad.csv:3: column \"time\": a quoted field is not closed before the end of the file" },
    { "time,status\n1,0\n2\xff,1\n", -1, "bad.csv:3: column \"time\": the text is not valid UTF-8" },
    { "time,status\n1,0\n\nabc,1\n", EP_COLUMN_NUMBER,
      "bad.csv:4: column \"time\": \"abc\" is not a number" },
    { "", -1, "bad.csv: the file is empty; a header row with the column names is required" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EpTable) table = NULL;
      g_autoptr(GError) error = NULL;
      EpImportOptions options;
      int forced[] = { cases[i].forced_first };

      ep_import_options_init (&options);
      options.types = forced;
      options.n_types = 1;
      options.encoding = "UTF-8";   /* detection would read \xff as Windows-1252 */
      table = ep_import_csv_data (cases[i].data, strlen (cases[i].data), "bad.csv", &options,
                                  &error);
      g_assert_null (table);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* A German Excel "CSV": Windows-1252, ';' between cells, decimal commas. Detected whole: the
 * encoding, the separator and the decimal mark, so time and dose are numbers. */
static void
test_csv_dialects (void)
{
  const char latin1[] = "id;zeit;dosis;\xe4rztin;status\n"
                        "1;3,5;1,25;M\xfcller;1\n"
                        "2;12;0,5;G\xf6rres;0\n"
                        "3;7,25;2;\x80uro;1\n";
  g_autoptr(EpTable) t = NULL;
  g_autoptr(EpTable) forced = NULL;
  g_autoptr(GError) error = NULL;
  EpImportOptions options;
  char sep, mark;

  g_assert_cmpstr (ep_csv_detect_encoding (latin1, sizeof latin1 - 1), ==, "WINDOWS-1252");
  g_assert_cmpstr (ep_csv_detect_encoding ("a\x81", 2), ==, "ISO-8859-1");
  g_assert_cmpstr (ep_csv_detect_encoding ("a,\xc3\xa9", 4), ==, "UTF-8");
  g_assert_cmpstr (ep_csv_detect_encoding ("\xff\xfe" "a\0", 4), ==, "UTF-16LE");
  g_assert_cmpstr (ep_csv_detect_encoding ("\xfe\xff\0a", 4), ==, "UTF-16BE");

  ep_import_guess_dialect ("a;b\n1,5;2\n", 10, &sep, &mark);
  g_assert_cmpint (sep, ==, ';');
  g_assert_cmpint (mark, ==, ',');
  /* one decimal point anywhere: the commas are not decimal marks */
  ep_import_guess_dialect ("a;b\n1,5;2.5\n", 12, &sep, &mark);
  g_assert_cmpint (mark, ==, '.');
  ep_import_guess_dialect ("a,b\n1,5\n", 8, &sep, &mark);
  g_assert_cmpint (sep, ==, ',');
  g_assert_cmpint (mark, ==, '.');

  ep_import_options_init (&options);
  options.decimal_mark = 0;
  t = ep_import_csv_data (latin1, sizeof latin1 - 1, "de.csv", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (col (t, "zeit")->type, ==, EP_COLUMN_NUMBER);
  g_assert_cmpint (col (t, "dosis")->type, ==, EP_COLUMN_NUMBER);
  assert_cell (t, "zeit", 2, "7.25");
  assert_cell (t, "\xc3\xa4rztin", 0, "M\xc3\xbcller");
  assert_cell (t, "\xc3\xa4rztin", 2, "\xe2\x82\xacuro");   /* 0x80 is the euro sign */

  /* the same file read as UTF-8 is refused where it is not */
  options.encoding = "UTF-8";
  forced = ep_import_csv_data (latin1, sizeof latin1 - 1, "de.csv", &options, &error);
  g_assert_null (forced);
  g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "de.csv:1: column 4: the text is not valid UTF-8");
  g_clear_error (&error);

  /* UTF-16 with its byte order mark, as Excel's "Unicode text" */
  {
    const char utf16[] = "\xff\xfe" "a\0\t\0b\0\n\0" "1\0\t\0\xe9\0\n\0";
    g_autoptr(EpTable) u = NULL;

    ep_import_options_init (&options);
    u = ep_import_csv_data (utf16, sizeof utf16 - 1, "u.txt", &options, &error);
    g_assert_no_error (error);
    assert_cell (u, "b", 0, "\xc3\xa9");
  }
}

/* Thousands separators are refused, never misread, and the preview says why. */
/* The import splits text as UTF-8 before it knows the encoding (issue 19) and goes back to the
 * guessed encoding only when a cell is not UTF-8: a Windows-1252 file whose first such byte
 * comes late (after 1,200 ASCII lines, after quoted cells that moved the text) reads as with
 * its encoding given, from a buffer and from a file (read again); an error that comes before
 * that byte is the one the converted text gives (also where it names a header cell that the
 * conversion changes); with a UTF-8 byte order mark the text is UTF-8 and the cell is refused. */
static void
test_csv_encoding_late (void)
{
  g_autoptr(GString) text = g_string_new ("id;name;dose\n");
  g_autofree char *path = tmp_path ("late.csv");
  g_autoptr(EpTable) given = NULL;
  g_autoptr(EpTable) guessed = NULL;
  g_autoptr(EpTable) from_file = NULL;
  g_autoptr(GError) error = NULL;
  EpImportOptions options;
  static const char ragged[] = "a,b\n1,\"x\"\n2\n3,Jos\xe9\n";
  static const char bom[] = "\xEF\xBB\xBF" "a,b\n1,\"x\"\n3,Jos\xe9\n";

  for (guint i = 0; i < 1200; i++)
    g_string_append_printf (text, "%u;\"p;%u\";%u,5\n", i, i, i % 7);
  g_string_append (text, "1200;M\xfcller;2,25\n1201;\x80uro;0,5\n");

  ep_import_options_init (&options);
  options.decimal_mark = 0;
  guessed = ep_import_csv_data (text->str, text->len, "late.csv", &options, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  from_file = ep_import_file (path, &options, &error);
  g_assert_no_error (error);
  options.encoding = "WINDOWS-1252";
  given = ep_import_csv_data (text->str, text->len, "late.csv", &options, &error);
  g_assert_no_error (error);
  g_unlink (path);

  g_assert_cmpuint (guessed->n_rows, ==, 1202);
  g_assert_cmpint (col (guessed, "dose")->type, ==, EP_COLUMN_NUMBER);   /* 2,25: decimal commas */
  assert_cell (guessed, "name", 1200, "M\xc3\xbcller");
  assert_cell (guessed, "name", 1201, "\xe2\x82\xacuro");
  assert_cell (guessed, "name", 3, "p;3");
  assert_cell (guessed, "dose", 1200, "2.25");
  for (guint k = 0; k < 2; k++)
    {
      EpTable *t = k == 0 ? guessed : from_file;

      g_assert_cmpuint (t->n_rows, ==, given->n_rows);
      for (guint j = 0; j < ep_table_get_n_columns (given); j++)
        {
          EpTableColumn *a = ep_table_get_column (t, j), *b = ep_table_get_column (given, j);

          g_assert_cmpstr (a->name, ==, b->name);
          g_assert_cmpint (a->type, ==, b->type);
          g_assert_cmpmem (a->values->data, a->values->len * g_array_get_element_size (a->values),
                           b->values->data, b->values->len * g_array_get_element_size (b->values));
        }
    }

  /* the error before the byte that is not UTF-8: the same as with the encoding given */
  ep_import_options_init (&options);
  g_assert_null (ep_import_csv_data (ragged, sizeof ragged - 1, "r.csv", &options, &error));
  g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_RAGGED);
  g_assert_cmpstr (error->message, ==, "r.csv:3: 1 field, but the header has 2");
  g_clear_error (&error);
  options.encoding = "WINDOWS-1252";
  g_assert_null (ep_import_csv_data (ragged, sizeof ragged - 1, "r.csv", &options, &error));
  g_assert_cmpstr (error->message, ==, "r.csv:3: 1 field, but the header has 2");
  g_clear_error (&error);

  /* an error that names a header cell in valid UTF-8 before a byte that makes the file
   * ISO 8859-1: the name as the converted text has it, as before (found by fuzz-csv) */
  {
    static const char header[] = "caf\xc3\xa9,b\n\"x\"y,1\n3,\x81\n";

    ep_import_options_init (&options);
    g_assert_null (ep_import_csv_data (header, sizeof header - 1, "h.csv", &options, &error));
    g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_BAD_QUOTE);
    g_assert_cmpstr (error->message, ==, "h.csv:2: column \"caf\xc3\x83\xc2\xa9\": text after the "
                                         "closing quote of a quoted field");
    g_clear_error (&error);
  }

  /* a UTF-8 byte order mark says UTF-8: the cell that is not is refused, not converted */
  ep_import_options_init (&options);
  g_assert_null (ep_import_csv_data (bom, sizeof bom - 1, "bom.csv", &options, &error));
  g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "bom.csv:3: column \"b\": the text is not valid UTF-8");
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

/* A Windows-1252 file whose first such byte comes after 40,000 ASCII rows is read twice (above);
 * the progress goes on from where the first reading was refused instead of back to the start
 * (it went from about 0.5 back to 0.05 before), and ends at 1. */
static void
test_csv_encoding_late_progress (void)
{
  g_autoptr(GString) text = g_string_new ("id,name\n");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = tmp_path ("late-progress.csv");
  g_autoptr(EpTable) table = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (text, "%u,p%u\n", i, i);
  g_string_append (text, "40000,M\xfcller\n");
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

  table = ep_import_file_full (path, NULL, record_progress, fractions, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  assert_cell (table, "name", 40000, "M\xc3\xbcller");

  g_assert_cmpuint (fractions->len, >, 4);
  for (guint i = 1; i < fractions->len; i++)
    {
      double before = g_array_index (fractions, double, i - 1);
      double now = g_array_index (fractions, double, i);

      g_assert_cmpfloat (now, >=, before);
    }
  /* the first reading got some way before the byte refused it */
  g_assert_cmpfloat (g_array_index (fractions, double, 1), >, 0.05);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static void
test_csv_explain (void)
{
  const char *numbers[] = { "3,5", "12", "NA" };
  const char *thousands[] = { "1.234,5", "12" };
  const char *thousands_point[] = { "1,234.5" };
  const char *commas[] = { "3,5", "12" };
  const char *words[] = { "12", "abc", "xyz" };
  const char *stray[] = { "12", "", "7.5", "n.d.", "3" };
  g_autofree char *r7 = NULL;
  const char *empty[] = { "", "NA" };
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL, *r5 = NULL, *r6 = NULL;
  double x;

  g_assert_cmpint (ep_import_explain_type (numbers, 3, ',', &r1), ==, EP_COLUMN_NUMBER);
  g_assert_cmpstr (r1, ==, "every value is a number");
  g_assert_cmpint (ep_import_explain_type (thousands, 2, ',', &r2), ==, EP_COLUMN_CATEGORY);
  g_assert_cmpstr (r2, ==, "“1.234,5” has a thousands separator, which Endpoint does not read "
                           "as a number (it could be misread); remove the separators to make "
                           "this a number column");
  g_assert_cmpint (ep_import_explain_type (thousands_point, 1, '.', &r3), ==, EP_COLUMN_CATEGORY);
  g_assert_true (g_str_has_prefix (r3, "“1,234.5” has a thousands separator"));
  g_assert_cmpint (ep_import_explain_type (commas, 2, '.', &r4), ==, EP_COLUMN_CATEGORY);
  g_assert_cmpstr (r4, ==, "“3,5” has a decimal comma; choose the comma as the decimal mark "
                           "to make this a number column");
  g_assert_cmpint (ep_import_explain_type (words, 3, '.', &r5), ==, EP_COLUMN_CATEGORY);
  g_assert_cmpstr (r5, ==, "“abc” is not a number, a date or yes/no");
  /* one stray text among numbers: the cell that did it (issue 13) */
  g_assert_cmpint (ep_import_explain_type (stray, 5, '.', &r7), ==, EP_COLUMN_CATEGORY);
  g_assert_cmpstr (r7, ==, "row 4: “n.d.” is the only value that is not a number; correct it or "
                           "leave the cell empty to make this a number column");
  g_assert_cmpint (ep_import_explain_type (empty, 2, '.', &r6), ==, EP_COLUMN_CATEGORY);
  g_assert_cmpstr (r6, ==, "the column has no values");

  /* roles guessed from names and content (issue 13) */
  {
    g_autoptr(EpTableColumn) os = ep_table_column_new ("OS_months", EP_COLUMN_NUMBER, 2);
    g_autoptr(EpTableColumn) status = ep_table_column_new ("os_status", EP_COLUMN_NUMBER, 2);
    g_autoptr(EpTableColumn) arm = ep_table_column_new ("Treatment arm", EP_COLUMN_CATEGORY, 2);
    g_autoptr(EpTableColumn) age = ep_table_column_new ("age", EP_COLUMN_NUMBER, 2);
    g_autoptr(EpTableColumn) negative = ep_table_column_new ("time", EP_COLUMN_NUMBER, 2);

    g_assert_true (ep_table_column_set_text (os, 0, "12.5", '.', NULL));
    g_assert_true (ep_table_column_set_text (status, 0, "1", '.', NULL));
    g_assert_true (ep_table_column_set_text (status, 1, "0", '.', NULL));
    g_assert_true (ep_table_column_set_text (negative, 0, "-3", '.', NULL));
    g_assert_cmpstr (ep_import_guess_role ("OS_months", os), ==, "time");
    g_assert_cmpstr (ep_import_guess_role ("os_status", status), ==, "event");
    g_assert_cmpstr (ep_import_guess_role ("Treatment arm", arm), ==, "group");
    g_assert_null (ep_import_guess_role ("age", age));
    g_assert_null (ep_import_guess_role ("time", negative));
  }

  /* and the parsers never take them */
  g_assert_false (ep_value_parse_number ("1.234,5", ',', &x));
  g_assert_false (ep_value_parse_number ("1.234", ',', &x));
  g_assert_false (ep_value_parse_number ("1,234.5", '.', &x));
  g_assert_false (ep_value_parse_number ("1,234", '.', &x));
}

static void
test_dates (void)
{
  gint32 d;
  g_autofree char *epoch = NULL;
  g_autofree char *leap = NULL;

  g_assert_true (ep_value_parse_date ("1970-01-01", &d));
  g_assert_cmpint (d, ==, 0);
  /* as.numeric (as.Date ("2024-02-29")) = 19782 in R */
  g_assert_true (ep_value_parse_date ("2024-02-29", &d));
  g_assert_cmpint (d, ==, 19782);
  leap = ep_value_format_date (d);
  g_assert_cmpstr (leap, ==, "2024-02-29");
  g_assert_false (ep_value_parse_date ("2023-02-29", &d));
  /* 1900 is not a leap year, 2000 is */
  g_assert_false (ep_value_parse_date ("1900-02-29", &d));
  g_assert_true (ep_value_parse_date ("2000-02-29", &d));
  /* as.numeric (as.Date ("1582-10-15")) = -141427 */
  g_assert_true (ep_value_parse_date ("15.10.1582", &d));
  g_assert_cmpint (d, ==, -141427);
  epoch = ep_value_format_date (-141427);
  g_assert_cmpstr (epoch, ==, "1582-10-15");
  /* day-month or month-day: refused */
  g_assert_false (ep_value_parse_date ("03/04/2021", &d));
  g_assert_false (ep_value_parse_date ("2021-13-01", &d));
}

/* Export */

static void
test_export_defuse (void)
{
  g_autoptr(EpTable) table = ep_table_new (4);
  EpTableColumn *text = ep_table_column_new ("note", EP_COLUMN_CATEGORY, 4);
  EpTableColumn *num = ep_table_column_new ("-x", EP_COLUMN_NUMBER, 4);
  g_autofree char *csv = NULL;

  g_assert_true (ep_table_column_set_text (text, 0, "=HYPERLINK(\"http://x\")", '.', NULL));
  g_assert_true (ep_table_column_set_text (text, 1, "+1", '.', NULL));
  g_assert_true (ep_table_column_set_text (text, 2, "@SUM(A1)", '.', NULL));
  g_assert_true (ep_table_column_set_text (text, 3, "-2+3", '.', NULL));
  g_assert_true (ep_table_column_set_text (num, 0, "-3", '.', NULL));
  g_assert_true (ep_table_column_set_text (num, 1, "0.1", '.', NULL));
  g_assert_true (ep_table_insert_column (table, 0, text, NULL));
  g_assert_true (ep_table_insert_column (table, 1, num, NULL));

  csv = ep_export_csv_string (table, ',');
  /* text cells defused with an apostrophe; the number -3 untouched; the header defused too */
  g_assert_cmpstr (csv, ==,
                   "note,'-x\n"
                   "\"'=HYPERLINK(\"\"http://x\"\")\",-3\n"
                   "'+1,0.1\n"
                   "'@SUM(A1),\n"
                   "'-2+3,\n");
}

static void
test_export_roundtrip (void)
{
  g_autoptr(EpTable) table = ep_table_new (2000);
  g_autoptr(EpTable) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("roundtrip.csv");
  EpTableColumn *x = ep_table_column_new ("x", EP_COLUMN_NUMBER, 2000);
  EpTableColumn *d = ep_table_column_new ("d", EP_COLUMN_DATE, 2000);
  EpTableColumn *c = ep_table_column_new ("c", EP_COLUMN_CATEGORY, 2000);
  GRand *rand = g_rand_new_with_seed (20260101);

  for (guint i = 0; i < 2000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      double v;

      /* arbitrary finite doubles over the whole range, plus some everyday ones */
      memcpy (&v, &bits, sizeof v);
      if (!isfinite (v) || i % 3 == 0)
        v = g_rand_double_range (rand, -1e6, 1e6) / 7;
      if (i % 10 == 0)
        v = i / 10 * 0.1;
      g_array_index (x->values, double, i) = (i % 97 == 5) ? NAN : v;
      g_array_index (d->values, gint32, i) = (gint32) g_rand_int_range (rand, -200000, 200000);
      g_array_index (c->values, gint32, i) =
        ep_table_column_intern_level (c, (i % 2) ? "a \"quoted\", level" : "multi\nline");
    }
  g_rand_free (rand);
  /* the edges: signed zero, subnormals, the largest double, whole numbers beyond 2^53 */
  {
    const double edges[] = { -0.0, 0.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                             9007199254740994.0, -123456789012345.0, 0.1, 1.0 / 3.0, -2.5e-7 };

    for (guint k = 0; k < G_N_ELEMENTS (edges); k++)
      g_array_index (x->values, double, 1 + k) = edges[k];
  }
  g_assert_true (ep_table_insert_column (table, 0, x, NULL));
  g_assert_true (ep_table_insert_column (table, 1, d, NULL));
  g_assert_true (ep_table_insert_column (table, 2, c, NULL));

  g_assert_true (ep_export_csv_file (table, path, ',', &error));
  g_assert_no_error (error);
  back = ep_import_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->n_rows, ==, 2000);
  g_assert_cmpint (col (back, "x")->type, ==, EP_COLUMN_NUMBER);
  g_assert_cmpint (col (back, "d")->type, ==, EP_COLUMN_DATE);
  for (guint i = 0; i < 2000; i++)
    {
      double a = g_array_index (x->values, double, i);
      double b = g_array_index (col (back, "x")->values, double, i);
      g_autofree char *ca = ep_table_column_format (c, i);
      g_autofree char *cb = cell (back, "c", i);

      /* bit for bit */
      if (isnan (a))
        g_assert_true (isnan (b));
      else
        g_assert_true (memcmp (&a, &b, sizeof a) == 0);
      g_assert_cmpint (g_array_index (d->values, gint32, i), ==,
                       g_array_index (col (back, "d")->values, gint32, i));
      g_assert_cmpstr (ca, ==, cb);
    }
}

/* ReadStat fixtures */

static ssize_t
write_bytes (const void *data,
             size_t      len,
             void       *ctx)
{
  g_byte_array_append (ctx, data, (guint) len);
  return (ssize_t) len;
}

typedef enum { FIX_SAV, FIX_ZSAV, FIX_DTA, FIX_SAS7BDAT, FIX_XPT } Fixture;

/* Five patients: id, age (with a user-missing 999 in SPSS / a tagged .a in Stata), response
 * (1 CR, 2 CRi, 3 no response, value-labelled), start date, arm (string). */
static char *
write_fixture (Fixture     kind,
               const char *name)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *path = tmp_path (name);
  readstat_writer_t *w = readstat_writer_init ();
  readstat_label_set_t *labels = NULL;
  readstat_variable_t *id, *age, *resp, *start, *arm;
  gboolean sas = kind == FIX_SAS7BDAT || kind == FIX_XPT;
  const double ages[] = { 52, 64, 999, 18, 41 };
  const int resps[] = { 1, 2, 3, 1, 4 };
  const char *arms[] = { "blina", "blina", "chemo", "", "chemo" };
  /* days since 1960-01-01 (SAS, Stata) of 2021-03-01, -03-02, 2022-02-28, 2023-02-28: R,
   * as.numeric (as.Date (..) - as.Date ("1960-01-01")); SPSS counts seconds from 1582-10-14 */
  const int start_days[] = { 22340, 22341, 22704, 23069, 0 };
  readstat_error_t status;

  readstat_set_data_writer (w, write_bytes);
  if (kind == FIX_ZSAV)
    readstat_writer_set_compression (w, READSTAT_COMPRESS_BINARY);
  if (!sas)
    {
      labels = readstat_add_label_set (w, READSTAT_TYPE_DOUBLE, "resplab");
      readstat_label_double_value (labels, 1, "CR");
      readstat_label_double_value (labels, 2, "CRi");
      readstat_label_double_value (labels, 3, "No response");
    }

  id = readstat_add_variable (w, "id", READSTAT_TYPE_DOUBLE, 0);
  age = readstat_add_variable (w, "age", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_set_label (age, "Age at start (years)");
  resp = readstat_add_variable (w, "response", READSTAT_TYPE_DOUBLE, 0);
  if (labels != NULL)
    readstat_variable_set_label_set (resp, labels);
  start = readstat_add_variable (w, "start", READSTAT_TYPE_DOUBLE, 0);
  arm = readstat_add_variable (w, "arm", READSTAT_TYPE_STRING, 8);

  switch (kind)
    {
    case FIX_SAV:
    case FIX_ZSAV:
      readstat_variable_add_missing_double_value (age, 999);
      readstat_variable_set_format (start, "DATE11");
      status = readstat_begin_writing_sav (w, bytes, 5);
      break;
    case FIX_DTA:
      readstat_variable_set_format (start, "%td");
      readstat_writer_set_file_format_version (w, 118);
      status = readstat_begin_writing_dta (w, bytes, 5);
      break;
    case FIX_SAS7BDAT:
      readstat_variable_set_format (start, "DATE9");
      status = readstat_begin_writing_sas7bdat (w, bytes, 5);
      break;
    case FIX_XPT:
    default:
      readstat_variable_set_format (start, "DATE9");
      status = readstat_begin_writing_xport (w, bytes, 5);
      break;
    }
  g_assert_cmpint (status, ==, READSTAT_OK);

  for (int i = 0; i < 5; i++)
    {
      readstat_begin_row (w);
      readstat_insert_double_value (w, id, i + 1);
      if (ages[i] == 999 && kind == FIX_DTA)
        readstat_insert_tagged_missing_value (w, age, 'a');
      else if (ages[i] == 999 && sas)
        readstat_insert_missing_value (w, age);
      else
        readstat_insert_double_value (w, age, ages[i]);
      readstat_insert_double_value (w, resp, resps[i]);
      if (i == 4)
        readstat_insert_missing_value (w, start);
      else if (kind == FIX_SAV || kind == FIX_ZSAV)
        /* 1960-01-01 is 11903760000 s after 1582-10-14: R, as.numeric (difftime (as.POSIXct ("1960-01-01", tz = "UTC"), as.POSIXct ("1582-10-14", tz = "UTC"), units = "secs")) */
        readstat_insert_double_value (w, start, 11903760000.0 + start_days[i] * 86400.0);
      else
        readstat_insert_double_value (w, start, start_days[i]);
      readstat_insert_string_value (w, arm, arms[i]);
      readstat_end_row (w);
    }
  g_assert_cmpint (readstat_end_writing (w), ==, READSTAT_OK);
  readstat_writer_free (w);

  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, NULL));
  return g_steal_pointer (&path);
}

static void
check_fixture (Fixture     kind,
               const char *name)
{
  g_autofree char *path = write_fixture (kind, name);
  g_autoptr(EpTable) table = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sas = kind == FIX_SAS7BDAT || kind == FIX_XPT;

  table = ep_import_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->n_rows, ==, 5);
  g_assert_cmpuint (ep_table_get_n_columns (table), ==, 5);

  g_assert_cmpint (col (table, "id")->type, ==, EP_COLUMN_NUMBER);
  assert_cell (table, "id", 4, "5");
  /* the user-missing 999 / tagged .a / SAS missing is missing, never 999 */
  g_assert_true (ep_table_column_is_missing (col (table, "age"), 2));
  g_assert_cmpuint (ep_table_column_count_missing (col (table, "age")), ==, 1);
  assert_cell (table, "age", 1, "64");
  if (kind != FIX_XPT)
    g_assert_cmpstr (col (table, "age")->label, ==, "Age at start (years)");

  if (!sas)
    {
      /* value labels -> categories; the unlabelled 4 keeps its number */
      g_assert_cmpint (col (table, "response")->type, ==, EP_COLUMN_CATEGORY);
      assert_cell (table, "response", 0, "CR");
      assert_cell (table, "response", 1, "CRi");
      assert_cell (table, "response", 2, "No response");
      assert_cell (table, "response", 4, "4");
    }

  g_assert_cmpint (col (table, "start")->type, ==, EP_COLUMN_DATE);
  assert_cell (table, "start", 0, "2021-03-01");
  assert_cell (table, "start", 1, "2021-03-02");
  assert_cell (table, "start", 2, "2022-02-28");
  assert_cell (table, "start", 3, "2023-02-28");
  g_assert_true (ep_table_column_is_missing (col (table, "start"), 4));

  g_assert_cmpint (col (table, "arm")->type, ==, EP_COLUMN_CATEGORY);
  assert_cell (table, "arm", 2, "chemo");
  g_assert_true (ep_table_column_is_missing (col (table, "arm"), 3));
}

static void
test_sav (void)
{
  check_fixture (FIX_SAV, "fixture.sav");
}

static void
test_zsav (void)
{
  check_fixture (FIX_ZSAV, "fixture.zsav");
}

static void
test_dta (void)
{
  check_fixture (FIX_DTA, "fixture.dta");
}

static void
test_sas7bdat (void)
{
  check_fixture (FIX_SAS7BDAT, "fixture.sas7bdat");
}

static void
test_xpt (void)
{
  check_fixture (FIX_XPT, "fixture.xpt");
}

static void
test_malformed_binary (void)
{
  static const struct { Fixture kind; const char *name; } kinds[] = {
    { FIX_SAV, "m.sav" }, { FIX_DTA, "m.dta" }, { FIX_SAS7BDAT, "m.sas7bdat" }, { FIX_XPT, "m.xpt" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *good = write_fixture (kinds[k].kind, kinds[k].name);
      g_autofree char *contents = NULL;
      g_autofree char *cut_name = g_strconcat ("cut-", kinds[k].name, NULL);
      g_autofree char *bad_name = g_strconcat ("magic-", kinds[k].name, NULL);
      g_autofree char *cut = tmp_path (cut_name);
      g_autofree char *bad = tmp_path (bad_name);
      g_autoptr(EpTable) t1 = NULL;
      g_autoptr(EpTable) t2 = NULL;
      g_autoptr(GError) e1 = NULL;
      g_autoptr(GError) e2 = NULL;
      gsize length;

      g_test_message ("format %s", kinds[k].name);
      g_assert_true (g_file_get_contents (good, &contents, &length, NULL));

      /* truncated: cut in the middle */
      g_assert_true (g_file_set_contents (cut, contents, (gssize) (length / 2), NULL));
      t1 = ep_import_file (cut, NULL, &e1);
      g_assert_null (t1);
      g_assert_nonnull (e1);
      g_test_message ("%s", e1->message);
      g_assert_true (g_str_has_prefix (e1->message, cut_name));
      g_assert_true (g_error_matches (e1, EP_IMPORT_ERROR, EP_IMPORT_ERROR_TRUNCATED) ||
                     g_error_matches (e1, EP_IMPORT_ERROR, EP_IMPORT_ERROR_BAD_FILE));

      /* wrong magic: a text file with the extension */
      g_assert_true (g_file_set_contents (bad, "time,status\n1,0\n2,1\n3,0\n4,1\n5,0\n6,1\n7,0\n"
                                          "8,1\n9,0\n10,1\n11,0\n12,1\n13,0\n", -1, NULL));
      t2 = ep_import_file (bad, NULL, &e2);
      g_assert_null (t2);
      g_test_message ("%s", e2->message);
      g_assert_true (g_error_matches (e2, EP_IMPORT_ERROR, EP_IMPORT_ERROR_BAD_FILE));
      g_assert_true (g_str_has_prefix (e2->message, bad_name));
    }
}

static void
test_unknown_and_missing (void)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autofree char *none = tmp_path ("none.sav");

  g_assert_null (ep_import_file ("cohort.numbers", NULL, &e1));
  g_assert_true (g_error_matches (e1, EP_IMPORT_ERROR, EP_IMPORT_ERROR_UNKNOWN_FORMAT));
  g_assert_true (g_str_has_prefix (e1->message, "cohort.numbers: "));
  g_assert_null (ep_import_file (none, NULL, &e2));
  g_assert_true (g_error_matches (e2, EP_IMPORT_ERROR, EP_IMPORT_ERROR_OPEN));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("ep-test-import-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/import/csv/types", test_csv_type_guessing);
  g_test_add_func ("/import/csv/options", test_csv_options);
  g_test_add_func ("/import/csv/errors", test_csv_errors);
  g_test_add_func ("/import/csv/dialects", test_csv_dialects);
  g_test_add_func ("/import/csv/encoding-late", test_csv_encoding_late);
  g_test_add_func ("/import/csv/encoding-late-progress", test_csv_encoding_late_progress);
  g_test_add_func ("/import/csv/explain", test_csv_explain);
  g_test_add_func ("/import/dates", test_dates);
  g_test_add_func ("/import/sav", test_sav);
  g_test_add_func ("/import/zsav", test_zsav);
  g_test_add_func ("/import/dta", test_dta);
  g_test_add_func ("/import/sas7bdat", test_sas7bdat);
  g_test_add_func ("/import/xpt", test_xpt);
  g_test_add_func ("/import/malformed", test_malformed_binary);
  g_test_add_func ("/import/unknown", test_unknown_and_missing);
  g_test_add_func ("/export/defuse", test_export_defuse);
  g_test_add_func ("/export/roundtrip", test_export_roundtrip);

  status = g_test_run ();

  /* leave no files behind */
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = tmp_path (name);
        g_unlink (path);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);

  return status;
}
