/* test-hostile.c: hostile and broken files never crash Endpoint (issue 12)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case is an input crafted here (a JSON text, an SPSS or Stata file written with ReadStat's
 * writer and then patched byte by byte, a device or a FIFO) for one class of the issue: JSON that
 * hides its nesting, names and labels that are blank or not UTF-8, dates past the year 9999,
 * files that are not regular files. One rule holds throughout: what import accepts, save writes
 * and open reads back; everything else is a GError naming the file.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <readstat.h>

#include "io/ep-mo.h"
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/ep-csv.h"
#include "io/ep-export.h"
#include "io/ep-import.h"
#include "io/ep-json-check.h"
#include "io/ep-project-store.h"
#include "io/ep-table.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Strict JSON */

static void
test_json_check (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "{\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\n\"]}", NULL },
    { "  ", NULL },                                   /* blank: json-glib gives no root */
    { "[[[[]]]]", NULL },
    { "[[[[[]]]]]", "1:5: nested too deep" },          /* with a limit of 4 below */
    { "[/* \" */ 1]", "1:2: Parse error: unexpected character (only strict JSON is read: no "
                      "comments, no single quotes)" },
    { "['\"', 1]", "1:2: Parse error: unexpected character (only strict JSON is read: no "
                   "comments, no single quotes)" },
    { "[1,]", "1:4: Parse error: unexpected character (only strict JSON is read: no comments, "
              "no single quotes)" },
    { "{\"a\" 1}", "1:6: Parse error: expected “:”" },
    { "{\"a\": 1 \"b\": 2}", "1:9: Parse error: expected “,” or “}”" },
    { "[1\n 2]", "2:2: Parse error: expected “,” or “]”" },
    { "[\"ab", "1:2: Parse error: a string that never ends" },
    { "[1] 2", "1:5: Parse error: text after the end of the JSON value" },
    { "[01]", "1:3: Parse error: expected “,” or “]”" },
    { "[\"\\x\"]", "1:3: Parse error: an unknown escape in a string" },
    { "[\"a\tb\x1f\"]", NULL },   /* raw control characters, as json-glib writes them */
    { "[1", "1:3: Parse error: the JSON value is incomplete" },
    { "[\"\xff\"]", "1:3: the text is not valid UTF-8" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *message = NULL;
      g_autofree char *shown = g_strescape (cases[c].text, NULL);
      gboolean ok = ep_json_check (cases[c].text, -1, 4, &message);

      g_test_message ("%s", shown);
      g_assert_cmpint (ok, ==, cases[c].message == NULL);
      g_assert_cmpstr (message, ==, cases[c].message);
    }

  /* a NUL byte inside the given length is not JSON */
  g_assert_false (ep_json_check ("[1,\0 2]", 7, 4, NULL));
  g_assert_false (ep_json_check ("[\"a\0\"]", 5, 4, NULL));
  g_assert_true (ep_json_check ("[1, 2]", 6, 4, NULL));
}

/* ReadStat files, crafted */

static ssize_t
write_bytes (const void *data,
             size_t      len,
             void       *ctx)
{
  g_byte_array_append (ctx, data, (guint) len);
  return (ssize_t) len;
}

/* An SPSS (or, with dta, a Stata 118) file of three rows: "first" (a value-labelled number with
 * the given variable label and value label), "second" (a plain number) and, when date is not
 * NAN, "when" (a date holding date in the format's units in every row). */
static GByteArray *
write_file (gboolean    dta,
            const char *second,
            const char *var_label,
            const char *value_label,
            double      date)
{
  GByteArray *bytes = g_byte_array_new ();
  readstat_writer_t *w = readstat_writer_init ();
  readstat_label_set_t *labels;
  readstat_variable_t *a, *b, *d = NULL;

  readstat_set_data_writer (w, write_bytes);
  labels = readstat_add_label_set (w, READSTAT_TYPE_DOUBLE, "firstlab");
  readstat_label_double_value (labels, 1, value_label);
  a = readstat_add_variable (w, "first", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_set_label (a, var_label);
  readstat_variable_set_label_set (a, labels);
  b = readstat_add_variable (w, second, READSTAT_TYPE_DOUBLE, 0);
  if (!isnan (date))
    {
      d = readstat_add_variable (w, "when", READSTAT_TYPE_DOUBLE, 0);
      readstat_variable_set_format (d, dta ? "%td" : "DATE11");
    }
  if (dta)
    {
      readstat_writer_set_file_format_version (w, 118);
      g_assert_cmpint (readstat_begin_writing_dta (w, bytes, 3), ==, READSTAT_OK);
    }
  else
    g_assert_cmpint (readstat_begin_writing_sav (w, bytes, 3), ==, READSTAT_OK);
  for (int i = 0; i < 3; i++)
    {
      readstat_begin_row (w);
      readstat_insert_double_value (w, a, 1);
      readstat_insert_double_value (w, b, i);
      if (d != NULL)
        readstat_insert_double_value (w, d, i == 1 ? date : 0);
      readstat_end_row (w);
    }
  g_assert_cmpint (readstat_end_writing (w), ==, READSTAT_OK);
  readstat_writer_free (w);
  return bytes;
}

/* Replaces every occurrence of from (case-insensitively, as SPSS keeps upper-case short names)
 * by to, of the same length; returns how many it replaced. */
static guint
patch (GByteArray *bytes,
       const char *from,
       const char *to)
{
  gsize n = strlen (from);
  guint count = 0;

  g_assert_cmpuint (strlen (to), ==, n);
  for (gsize k = 0; k + n <= bytes->len; k++)
    if (g_ascii_strncasecmp ((const char *) bytes->data + k, from, n) == 0)
      {
        memcpy (bytes->data + k, to, n);
        count++;
      }
  return count;
}

static EpTable *
import_bytes (GByteArray  *bytes,
              const char  *name,
              GError     **error)
{
  g_autofree char *path = tmp_path (name);

  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, NULL));
  return ep_import_file (path, NULL, error);
}

/* What import accepted saves and reopens, with the same names, labels and cells; takes the
 * table. */
static void
assert_round_trip (EpTable *table)
{
  g_autofree char *path = tmp_path ("round-trip.endpoint");
  g_autoptr(EpProjectData) data = ep_project_data_new ();
  g_autoptr(EpProjectData) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint n_columns = ep_table_get_n_columns (table), n_rows = table->n_rows, k = 0;
  EpTable *reread;

  for (guint j = 0; j < n_columns; j++)
    {
      const EpTableColumn *column = ep_table_get_column (table, j);

      g_assert_true (g_utf8_validate (column->name, -1, NULL));
      g_assert_true (column->label == NULL || g_utf8_validate (column->label, -1, NULL));
      g_ptr_array_add (texts, g_strdup (column->name));
      for (guint i = 0; i < n_rows; i++)
        g_ptr_array_add (texts, ep_table_column_format (column, i));
    }
  g_ptr_array_add (data->cohorts, ep_project_cohort_new ("c", table, NULL));
  g_assert_true (ep_project_store_save (data, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  back = ep_project_store_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  reread = ((EpProjectCohort *) g_ptr_array_index (back->cohorts, 0))->table;
  g_assert_cmpuint (ep_table_get_n_columns (reread), ==, n_columns);
  for (guint j = 0; j < n_columns; j++)
    {
      g_assert_cmpstr (ep_table_get_column (reread, j)->name, ==, g_ptr_array_index (texts, k++));
      for (guint i = 0; i < n_rows; i++)
        {
          g_autofree char *b = ep_table_column_format (ep_table_get_column (reread, j), i);

          g_assert_cmpstr (b, ==, g_ptr_array_index (texts, k++));
        }
    }
  g_unlink (path);
}

/* Invalid UTF-8 in an SPSS variable label, value label and variable name: imported as U+FFFD,
 * and the project saves and reopens (it used to save, then not reopen). */
static void
check_utf8 (gboolean    dta,
            const char *name)
{
  g_autoptr(GByteArray) bytes = write_file (dta, "qqqq", "Age \xc3(years)", "C\xffR", NAN);
  g_autoptr(EpTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *level = NULL;
  const EpTableColumn *first;

  g_assert_cmpuint (patch (bytes, "qqqq", "q\xfeqq"), >, 0);
  table = import_bytes (bytes, name, &error);
  g_test_message ("%s: %s", name, error != NULL ? error->message : "imported");
  if (table == NULL)
    {
      /* refused (ReadStat converts SPSS text to UTF-8 and stops at a bad byte): by name */
      g_assert_true (g_str_has_prefix (error->message, name));
      return;
    }
  first = ep_table_get_column (table, 0);
  g_assert_cmpstr (first->label, ==, "Age \xef\xbf\xbd(years)");
  level = ep_table_column_format (first, 0);
  g_assert_cmpstr (level, ==, "C\xef\xbf\xbdR");
  g_assert_true (g_utf8_validate (ep_table_get_column (table, 1)->name, -1, NULL));
  assert_round_trip (g_steal_pointer (&table));
}

static void
test_readstat_utf8 (void)
{
  check_utf8 (FALSE, "utf8.sav");
  check_utf8 (TRUE, "utf8.dta");
}

/* A blank variable name (ReadStat then gives NULL): named after its position. */
static void
test_readstat_blank_name (void)
{
  g_autoptr(GByteArray) bytes = write_file (TRUE, "blankvar", "l", "CR", NAN);
  g_autoptr(EpTable) table = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  for (gsize k = 0; k + 9 <= bytes->len; k++)
    if (memcmp (bytes->data + k, "blankvar", 9) == 0)
      {
        memset (bytes->data + k, 0, 8);
        count++;
      }
  g_assert_cmpuint (count, >, 0);
  table = import_bytes (bytes, "blank.dta", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ep_table_get_n_columns (table), ==, 2);
  g_assert_cmpstr (ep_table_get_column (table, 0)->name, ==, "first");
  g_assert_cmpstr (ep_table_get_column (table, 1)->name, ==, "V2");
  assert_round_trip (g_steal_pointer (&table));
}

/* An empty value label ("" for the code 1): the level is the code, as for an unlabelled
 * value. It was a level "" that saved, then did not reopen ("level 1: “value” must be a
 * non-empty string"); found by fuzz-readstat. */
static void
test_readstat_empty_label (void)
{
  for (guint dta = 0; dta < 2; dta++)
    {
      g_autoptr(GByteArray) bytes = write_file (dta, "second", "l", "", NAN);
      g_autoptr(EpTable) table = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *level = NULL;

      table = import_bytes (bytes, dta ? "empty-label.dta" : "empty-label.sav", &error);
      g_assert_no_error (error);
      g_assert_cmpint (ep_table_get_column (table, 0)->type, ==, EP_COLUMN_CATEGORY);
      level = ep_table_column_format (ep_table_get_column (table, 0), 0);
      g_assert_cmpstr (level, ==, "1");
      assert_round_trip (g_steal_pointer (&table));
    }
}

/* A .mo catalog cut short or with its header's offsets pointing outside the file (the figures
 * read the de catalog themselves, io/ep-mo.c): fewer entries or none, never a read outside it
 * (the sanitizer suite runs this too). The real catalog reads whole. */
static void
test_mo_truncated (void)
{
  const char *dir = g_getenv ("ENDPOINT_LOCALE_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) whole = NULL;
  gsize size = 0;

  if (dir == NULL)
    {
      g_test_skip ("ENDPOINT_LOCALE_DIR is not set (tests/meson.build sets it)");
      return;
    }
  path = g_build_filename (dir, "de", "LC_MESSAGES", "endpoint.mo", NULL);
  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  whole = ep_mo_read (path);
  g_assert_cmpuint (g_hash_table_size (whole), >, 1000);
  g_assert_cmpstr (((EpMoEntry *) g_hash_table_lookup (whole, "Survival probability"))->forms, ==,
                   "Überlebenswahrscheinlichkeit");

  for (gsize cut = 0; cut < size; cut += 1 + cut / 3)
    {
      g_autofree char *part = tmp_path ("cut.mo");
      g_autoptr(GHashTable) table = NULL;

      g_assert_true (g_file_set_contents (part, contents, (gssize) cut, NULL));
      table = ep_mo_read (part);
      g_assert_cmpuint (g_hash_table_size (table), <=, g_hash_table_size (whole));
    }
  /* N, the msgid table's offset and the msgstr table's offset set to huge values in turn */
  for (guint word = 2; word <= 4; word++)
    {
      g_autofree char *bad = g_memdup2 (contents, size);
      g_autofree char *part = tmp_path ("bad.mo");
      g_autoptr(GHashTable) table = NULL;
      guint32 huge = 0xfffffff0u;

      memcpy (bad + 4 * word, &huge, 4);
      g_assert_true (g_file_set_contents (part, bad, (gssize) size, NULL));
      table = ep_mo_read (part);
      g_assert_cmpuint (g_hash_table_size (table), ==, 0);
    }
}

/* Two variables with one name: refused, and the message names the file. */
static void
test_readstat_duplicate (void)
{
  g_autoptr(GByteArray) bytes = write_file (TRUE, "firsu", "l", "CR", NAN);
  g_autoptr(EpTable) table = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (patch (bytes, "firsu", "first"), >, 0);
  table = import_bytes (bytes, "twice.dta", &error);
  g_assert_null (table);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "twice.dta: "));
  g_assert_nonnull (strstr (error->message, "first"));
}

/* Dates: 1e300 and 4e15 days, and the year 10000, are refused by name; the years 1 and 9999
 * are read. They once became the year 5881193 through an undefined float-to-int cast. */
static void
test_readstat_dates (void)
{
  static const struct { double days; const char *text; } cases[] = {
    /* days since 1960-01-01: R, as.numeric (as.Date ("9999-12-31") - as.Date ("1960-01-01")),
     * and the same for 0001-01-01 */
    { 2936549.0, "9999-12-31" },
    { -715509.0, "0001-01-01" },
    { 2936550.0, NULL },
    { -715510.0, NULL },
    { 1e300, NULL },
    { -1e300, NULL },
    { 4e15, NULL },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GByteArray) bytes = write_file (TRUE, "second", "l", "CR", cases[c].days);
      g_autoptr(EpTable) table = NULL;
      g_autoptr(GError) error = NULL;

      table = import_bytes (bytes, "dates.dta", &error);
      if (cases[c].text != NULL)
        {
          g_autofree char *text = NULL;

          g_assert_no_error (error);
          text = ep_table_column_format (ep_table_get_column (table, 2), 1);
          g_assert_cmpstr (text, ==, cases[c].text);
          assert_round_trip (g_steal_pointer (&table));
        }
      else
        {
          g_assert_null (table);
          g_assert_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, "dates.dta: row 2: variable “when”: the date is "
                                               "outside the years 1 to 9999");
        }
    }
}

/* Files that are not regular files are refused at once: /dev/zero used to grow the buffer
 * until memory ran out, a FIFO blocked forever. */
static void
test_not_regular (void)
{
  g_autofree char *fifo_csv = tmp_path ("fifo.csv");
  g_autofree char *fifo_project = tmp_path ("fifo.endpoint");
  g_autofree char *zero_csv = tmp_path ("zero.csv");
  const char *paths[] = { fifo_csv, zero_csv, fifo_project };

  g_assert_cmpint (mkfifo (fifo_csv, 0600), ==, 0);
  g_assert_cmpint (mkfifo (fifo_project, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero_csv), ==, 0);

  for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
    {
      g_autofree char *name = g_path_get_basename (paths[k]);
      g_autofree char *expected = g_strdup_printf ("%s: not a regular file", name);
      g_autoptr(GError) e1 = NULL;
      g_autoptr(GError) e2 = NULL;
      g_autoptr(GError) e3 = NULL;
      g_autoptr(EpTable) table = NULL;
      g_autoptr(EpCsv) csv = NULL;
      g_autoptr(EpProjectData) data = NULL;

      if (k < 2)
        {
          table = ep_import_file (paths[k], NULL, &e1);
          g_assert_null (table);
          g_assert_cmpstr (e1->message, ==, expected);
          csv = ep_csv_read_file (paths[k], ',', &e2);
          g_assert_null (csv);
          g_assert_error (e2, EP_CSV_ERROR, EP_CSV_ERROR_IO);
          g_assert_cmpstr (e2->message, ==, expected);
        }
      data = ep_project_store_open (paths[k], NULL, NULL, NULL, &e3);
      g_assert_null (data);
      g_assert_nonnull (e3);
      g_assert_true (g_str_has_prefix (e3->message, name));
    }
}

/* A file larger than the bound is refused by its size before a byte is read (a sparse file:
 * 2 GB on paper, nothing on disk). */
static void
test_too_large (void)
{
  g_autofree char *path = tmp_path ("big.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpTable) table = NULL;
  g_autoptr(EpCsv) csv = NULL;
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  fputs ("time,status\n", file);
  g_assert_cmpint (ftruncate (fileno (file), (off_t) 2000000000), ==, 0);
  fclose (file);

  table = ep_import_file (path, NULL, &error);
  g_assert_null (table);
  g_assert_cmpstr (error->message, ==, "big.csv: the file is 2.0\xc2\xa0" "GB, more than the 1.0\xc2\xa0" "GB "
                                       "Endpoint reads");
  g_clear_error (&error);
  csv = ep_csv_read_file (path, ',', &error);
  g_assert_null (csv);
  g_assert_cmpstr (error->message, ==, "big.csv: the file is 2.0\xc2\xa0" "GB, more than the 1.0\xc2\xa0" "GB "
                                       "Endpoint reads");
  g_unlink (path);
}

/* A save removes the temporary files of a killed save beside it, but not one that a running
 * save holds (flock). */
static void
test_stale_temps (void)
{
  g_autofree char *dir = tmp_path ("stale");
  g_autofree char *path = g_build_filename (dir, "p.endpoint", NULL);
  g_autofree char *stale = g_build_filename (dir, ".p.endpoint.Ab12Cd", NULL);
  g_autofree char *held = g_build_filename (dir, ".p.endpoint.Zz99Yy", NULL);
  g_autofree char *other = g_build_filename (dir, ".q.endpoint.Ab12Cd", NULL);
  g_autoptr(EpProjectData) data = ep_project_data_new ();
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale, "half a project", -1, NULL));
  g_assert_true (g_file_set_contents (held, "a save in progress", -1, NULL));
  g_assert_true (g_file_set_contents (other, "another project's", -1, NULL));
  fd = g_open (held, O_RDONLY, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  g_assert_true (ep_project_store_save (data, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (held, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  close (fd);
  g_unlink (held);
  g_unlink (other);
  g_unlink (path);
  g_rmdir (dir);
}

/* Messages: a million-character cell is shown by its first 60 characters; a header read as one
 * column hints at the separator and the line ends. */
static void
test_messages (void)
{
  g_autoptr(GString) text = g_string_new ("time,status\n");
  g_autoptr(EpCsv) csv = NULL;
  g_autoptr(EpCsv) semicolons = NULL;
  g_autoptr(EpCsv) cr_only = NULL;
  g_autoptr(GError) error = NULL;
  double x;

  for (guint k = 0; k < 1000000; k++)
    g_string_append_c (text, 'x');
  g_string_append (text, ",1\n");
  csv = ep_csv_read_data (text->str, text->len, "long.csv", ',', &error);
  g_assert_no_error (error);
  g_assert_false (ep_csv_get_number (csv, 0, 0, &x, &error));
  g_assert_cmpstr (error->message, ==, "long.csv:2: column \"time\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                       "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\" is not a number");
  g_clear_error (&error);

  semicolons = ep_csv_read_data ("time;status\n1;0\n", 16, "semi.csv", ',', &error);
  g_assert_no_error (error);
  g_assert_false (ep_csv_lookup_column (semicolons, "time", NULL, &error));
  g_assert_cmpstr (error->message, ==, "semi.csv: there is no column \"time\", but there is "
                                       "\"time;status\": is the separator right (comma, semicolon "
                                       "or tab), and do the lines end in a line feed?");
  g_clear_error (&error);

  cr_only = ep_csv_read_data ("time\r1\r2\r", 9, "cr.csv", ',', &error);
  if (cr_only != NULL)
    {
      g_assert_false (ep_csv_lookup_column (cr_only, "status", NULL, &error));
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "line feed"));
      /* the CR is shown, not sent to the terminal */
      g_assert_null (strchr (error->message, '\r'));
    }
}

/* CSV export defuses a cell that a spreadsheet would run as a formula also when it starts with
 * a tab or a carriage return (issue 12), as with = + - @; the apostrophe goes inside quotes. */
static void
test_export_formula_prefixes (void)
{
  g_autoptr(EpTable) table = ep_table_new (3);
  EpTableColumn *text = ep_table_column_new ("note", EP_COLUMN_CATEGORY, 3);
  g_autofree char *csv = NULL;
  g_autofree char *tsv = NULL;

  g_array_index (text->values, gint32, 0) = ep_table_column_intern_level (text, "\t=cmd|' /C calc'!A0");
  g_array_index (text->values, gint32, 1) = ep_table_column_intern_level (text, "\r=1+1");
  g_array_index (text->values, gint32, 2) = ep_table_column_intern_level (text, "plain");
  g_assert_true (ep_table_insert_column (table, 0, text, NULL));

  csv = ep_export_csv_string (table, ',');
  g_assert_cmpstr (csv, ==, "note\n"
                            "'\t=cmd|' /C calc'!A0\n"
                            "\"'\r=1+1\"\n"
                            "plain\n");
  tsv = ep_export_csv_string (table, '\t');
  g_assert_cmpstr (tsv, ==, "note\n"
                            "\"'\t=cmd|' /C calc'!A0\"\n"
                            "\"'\r=1+1\"\n"
                            "plain\n");
}

/* Found by fuzz-csv: a category level with a control character (0x1f) was imported and saved,
 * but json-glib writes it raw into the levels' JSON and the strict check refused it on reopening.
 * Raw control characters inside strings are accepted now (ep-json-check.c). */
static void
test_control_character_level (void)
{
  static const char text[] = "time,arm\n1,a\x1f" "b\n2,c\n";
  g_autoptr(GError) error = NULL;
  EpTable *table = ep_import_csv_data (text, sizeof text - 1, "ctl.csv", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (ep_table_get_column (table, 1)->type, ==, EP_COLUMN_CATEGORY);
  assert_round_trip (table);
}

/* A column without a name is named V and its position; when the header names another column
 * so, the unnamed one becomes V2.1 (found by fuzz-csv: "a,,V2" was refused with "There is
 * already a column "V2"", a message without the file's name). The fuzzer's own input, in
 * Windows-1252 as detected, is imported too. */
static void
test_unnamed_column_collision (void)
{
  static const char text[] = "a,,V2,,V4.1\n1,2,3,4,5\n";
  static const char found[] = "atrde\xff" "4+e\xff\xff\xff\xff" "5m,,V2";
  g_autoptr(GError) error = NULL;
  EpTable *table = ep_import_csv_data (text, sizeof text - 1, "unnamed.csv", NULL, &error);
  const char *names[] = { "a", "V2.1", "V2", "V4", "V4.1" };

  g_assert_no_error (error);
  g_assert_cmpuint (ep_table_get_n_columns (table), ==, G_N_ELEMENTS (names));
  for (guint j = 0; j < G_N_ELEMENTS (names); j++)
    g_assert_cmpstr (ep_table_get_column (table, j)->name, ==, names[j]);
  assert_round_trip (table);

  table = ep_import_csv_data (found, sizeof found - 1, "found.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ep_table_get_column (table, 1)->name, ==, "V2.1");
  assert_round_trip (table);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("ep-test-hostile-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/hostile/json-check", test_json_check);
  g_test_add_func ("/hostile/readstat/utf8", test_readstat_utf8);
  g_test_add_func ("/hostile/readstat/blank-name", test_readstat_blank_name);
  g_test_add_func ("/hostile/readstat/duplicate", test_readstat_duplicate);
  g_test_add_func ("/hostile/readstat/empty-label", test_readstat_empty_label);
  g_test_add_func ("/hostile/readstat/dates", test_readstat_dates);
  g_test_add_func ("/hostile/mo/truncated", test_mo_truncated);
  g_test_add_func ("/hostile/files/not-regular", test_not_regular);
  g_test_add_func ("/hostile/files/too-large", test_too_large);
  g_test_add_func ("/hostile/files/stale-temps", test_stale_temps);
  g_test_add_func ("/hostile/messages", test_messages);
  g_test_add_func ("/hostile/csv/control-character-level", test_control_character_level);
  g_test_add_func ("/hostile/csv/unnamed-column-collision", test_unnamed_column_collision);
  g_test_add_func ("/hostile/export/formula-prefixes", test_export_formula_prefixes);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = tmp_path (name);
        g_unlink (path);
      }
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
