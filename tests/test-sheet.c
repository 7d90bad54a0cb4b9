/* test-sheet.c: .xlsx, .ods and .xls files into tables (ep-sheet.h through ep-import.h)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every fixture in tests/data/sheets was written by another program: Excel (datasets.xlsx,
 * datasets.xls and geometry.xlsx, from R's readxl package), openpyxl (cohort.xlsx, the date
 * files) or Python's zipfile with XML written out by hand (handmade.xlsx, patienten.ods, the
 * malformed files); make-fixtures.py makes them. What the cells must become is what R's
 * readxl::read_excel() reads from them: readxl-expected.json, written by readxl-expected.R,
 * with each case's R call in it.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <zip.h>

#include "io/ep-csv.h"
#include "io/ep-import.h"
#include "io/ep-sheet.h"
#include "io/ep-table.h"
#include "ep-test-cli.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sheets", name, NULL);
}

static EpTable *
import (const char  *name,
        const char  *sheet,
        GError     **error)
{
  g_autofree char *path = data_path (name);
  EpImportOptions options;

  ep_import_options_init (&options);
  options.sheet = sheet;

  return ep_import_file (path, &options, error);
}

static EpTableColumn *
col (EpTable    *table,
     const char *name)
{
  int j = ep_table_find_column (table, name);

  if (j < 0)
    g_error ("no column %s", name);
  return ep_table_get_column (table, (guint) j);
}

#define assert_cell(table, name, row, expected) \
  G_STMT_START { \
    g_autofree char *_text = ep_table_column_format (col (table, name), row); \
    g_assert_cmpstr (_text, ==, expected); \
  } G_STMT_END

/* Each case of readxl-expected.json: same rows, same column names, numbers equal to a
 * relative 1e-15 (both sides read the file's decimal text), everything else as text. */
static void
test_readxl (void)
{
  g_autofree char *path = data_path ("readxl-expected.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "cases");
  g_assert_cmpuint (json_array_get_length (cases), >=, 10);

  for (guint k = 0; k < json_array_get_length (cases); k++)
    {
      JsonObject *c = json_array_get_object_element (cases, k);
      const char *sheet = json_object_get_string_member (c, "sheet");
      JsonArray *columns = json_object_get_array_member (c, "columns");
      g_autoptr(EpTable) table = NULL;

      g_test_message ("%s", json_object_get_string_member (c, "call"));
      table = import (json_object_get_string_member (c, "file"), sheet[0] ? sheet : NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (table->n_rows, ==, json_object_get_int_member (c, "n_rows"));
      g_assert_cmpuint (ep_table_get_n_columns (table), ==, json_array_get_length (columns));

      for (guint j = 0; j < json_array_get_length (columns); j++)
        {
          JsonObject *e = json_array_get_object_element (columns, j);
          JsonArray *values = json_object_get_array_member (e, "values");
          const char *kind = json_object_get_string_member (e, "kind");
          EpTableColumn *column = ep_table_get_column (table, j);

          g_assert_cmpstr (column->name, ==, json_object_get_string_member (e, "name"));
          if (strcmp (kind, "number") == 0)
            g_assert_cmpint (column->type, ==, EP_COLUMN_NUMBER);

          for (guint i = 0; i < table->n_rows; i++)
            {
              const char *expected = json_array_get_string_element (values, i);
              g_autofree char *text = ep_table_column_format (column, i);

              if (strcmp (kind, "number") == 0 && expected[0] != '\0')
                {
                  double want = g_ascii_strtod (expected, NULL);
                  double got = g_array_index (column->values, double, i);

                  g_assert_cmpfloat_with_epsilon (got, want, 1e-15 * MAX (1.0, fabs (want)));
                }
              else
                g_assert_cmpstr (text, ==, expected);
            }
        }
    }
}

static void
test_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpTable) t = import ("cohort.xlsx", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (t->n_rows, ==, 7);
  g_assert_cmpint (col (t, "time")->type, ==, EP_COLUMN_NUMBER);
  g_assert_cmpint (col (t, "arm")->type, ==, EP_COLUMN_CATEGORY);
  g_assert_cmpint (col (t, "enrolled")->type, ==, EP_COLUMN_DATE);
  g_assert_cmpint (col (t, "responder")->type, ==, EP_COLUMN_YESNO);
  /* #N/A is missing, and the column stays a number column */
  g_assert_cmpint (col (t, "crp")->type, ==, EP_COLUMN_NUMBER);
  g_assert_true (ep_table_column_is_missing (col (t, "crp"), 1));
  /* the merged H7:H8 keeps its value in H7 only */
  assert_cell (t, "note", 5, "merged note");
  assert_cell (t, "note", 6, "");
}

/* Cells as ECMA-376 allows them but openpyxl does not write them: cached formula values,
 * inline and rich strings (without the phonetic run), cells without a reference, custom and
 * built-in date formats, booleans, errors, an ISO date cell, an empty row kept. */
static void
test_handmade (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpTable) t = import ("handmade.xlsx", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (t->n_rows, ==, 4);
  assert_cell (t, "id", 1, "2");                          /* =A2+1, cached 2 */
  assert_cell (t, "dose", 0, "2.5");                      /* 0.00" mg" is not a date format */
  assert_cell (t, "dose", 1, "");                         /* #N/A */
  assert_cell (t, "dose", 3, "0.001");
  assert_cell (t, "visit", 0, "2023-03-15");              /* 45000, [$-407]dd/mm/yyyy */
  assert_cell (t, "visit", 1, "2023-03-16 18:00:00");     /* 45001.75, format 14 */
  assert_cell (t, "visit", 3, "2024-02-29");              /* t="d" */
  assert_cell (t, "inline", 0, "inline");                 /* two runs of an inline string */
  assert_cell (t, "rich text ", 0, "ab");                 /* a formula's cached text */
  assert_cell (t, "flag", 0, "yes");
  assert_cell (t, "flag", 1, "no");
  g_assert_cmpint (col (t, "flag")->type, ==, EP_COLUMN_YESNO);
  for (guint j = 0; j < ep_table_get_n_columns (t); j++)
    g_assert_true (ep_table_column_is_missing (ep_table_get_column (t, j), 2));
}

static void
test_ods (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpTable) t = import ("patienten.ods", "Patienten", &error);
  g_auto(GStrv) names = NULL;
  g_autofree char *path = data_path ("patienten.ods");

  g_assert_no_error (error);
  /* the used range starts at B3; the repeated row holds its cells twice */
  g_assert_cmpuint (ep_table_get_n_columns (t), ==, 5);
  g_assert_cmpuint (t->n_rows, ==, 4);
  assert_cell (t, "zeit", 0, "2.5");
  assert_cell (t, "zeit", 1, "");                         /* #DIV/0! */
  assert_cell (t, "zeit", 3, "0.25");                     /* 25 % */
  assert_cell (t, "diagnose", 0, "2023-01-05");
  assert_cell (t, "diagnose", 1, "2023-02-28 14:30:00");
  assert_cell (t, "ansprechen", 0, "yes");
  assert_cell (t, "bemerkung", 0, "zwei  Leerzeichen\nund Zeile");  /* not the comment */
  assert_cell (t, "bemerkung", 2, "13:05:00");
  assert_cell (t, "id", 3, "3");

  names = ep_sheet_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[1], ==, "Patienten");
}

static void
test_sheets (void)
{
  const char *files[] = { "datasets.xlsx", "datasets.xls" };

  for (guint k = 0; k < G_N_ELEMENTS (files); k++)
    {
      g_autofree char *path = data_path (files[k]);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) names = ep_sheet_list (path, &error);
      g_autoptr(EpTable) by_number = NULL;
      g_autoptr(EpTable) missing = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (names), ==, 4);
      g_assert_cmpstr (names[0], ==, "iris");
      g_assert_cmpstr (names[3], ==, "quakes");

      by_number = import (files[k], "3", &error);
      g_assert_no_error (error);
      g_assert_nonnull (col (by_number, "feed"));          /* chickwts */
      g_assert_cmpuint (by_number->n_rows, ==, 71);

      missing = import (files[k], "lung", &error);
      g_assert_null (missing);
      g_assert_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_NO_SHEET);
      g_assert_nonnull (strstr (error->message, "there is no sheet “lung”; the sheets are “iris”, "
                                                "“mtcars”, “chickwts”, “quakes”"));
    }
}

/* Messages name the file, the sheet when there are several, and the row. */
static void
test_cell_error (void)
{
  g_autofree char *path = data_path ("cohort.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpTable) t = NULL;
  EpImportOptions options;
  int types[] = { -1, -1, -1, EP_COLUMN_NUMBER };

  ep_import_options_init (&options);
  options.types = types;
  options.n_types = G_N_ELEMENTS (types);
  t = ep_import_file (path, &options, &error);
  g_assert_null (t);
  g_assert_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "cohort.xlsx[patients]:2: column \"arm\": \"blinatumomab\" is not a number");
}

static void
test_serial_dates (void)
{
  static const struct { double serial; gboolean mac; const char *date; guint seconds; } cases[] = {
    { 1, FALSE, "1900-01-01", 0 },
    { 59, FALSE, "1900-02-28", 0 },
    { 61, FALSE, "1900-03-01", 0 },
    { 25569, FALSE, "1970-01-01", 0 },
    { 45000.5, FALSE, "2023-03-15", 43200 },
    { 0, TRUE, "1904-01-01", 0 },
    { 43524, TRUE, "2023-03-01", 0 },       /* = 44986 in the 1900 system */
    { 44986, FALSE, "2023-03-01", 0 },
    { 0.999999999, FALSE, "1900-01-01", 0 },  /* rounds up to the next day */
  };
  gint32 days;
  guint seconds;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (ep_sheet_serial_to_date (cases[i].serial, cases[i].mac, &days, &seconds));
      text = ep_value_format_date (days);
      g_assert_cmpstr (text, ==, cases[i].date);
      g_assert_cmpuint (seconds, ==, cases[i].seconds);
    }
  /* Lotus's 1900-02-29, and dates before the epoch */
  g_assert_false (ep_sheet_serial_to_date (60, FALSE, &days, &seconds));
  g_assert_false (ep_sheet_serial_to_date (60.5, FALSE, &days, &seconds));
  g_assert_false (ep_sheet_serial_to_date (-1, FALSE, &days, &seconds));
  g_assert_false (ep_sheet_serial_to_date (NAN, TRUE, &days, &seconds));
}

static void
test_date_formats (void)
{
  g_assert_true (ep_sheet_is_date_format (14, NULL));
  g_assert_true (ep_sheet_is_date_format (22, NULL));
  g_assert_false (ep_sheet_is_date_format (0, NULL));
  g_assert_false (ep_sheet_is_date_format (4, NULL));
  g_assert_true (ep_sheet_is_date_format (164, "dd/mm/yyyy"));
  g_assert_true (ep_sheet_is_date_format (164, "[$-407]DD.MM.YYYY;@"));
  g_assert_true (ep_sheet_is_date_format (164, "[h]:mm"));
  g_assert_false (ep_sheet_is_date_format (164, "0.00\" mg\""));
  g_assert_false (ep_sheet_is_date_format (164, "[Red]#,##0.00"));
  g_assert_false (ep_sheet_is_date_format (164, "General"));
  g_assert_false (ep_sheet_is_date_format (164, "0.0\\m"));
}

static void
assert_refused (const char *name,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpTable) t = import (name, NULL, &error);

  g_assert_null (t);
  g_assert_error (error, EP_SHEET_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_malformed (void)
{
  assert_refused ("truncated.xlsx", EP_SHEET_ERROR_BAD_FILE,
                  "truncated.xlsx: not a spreadsheet, or a damaged or truncated one: "
                  "Not a zip archive");
  assert_refused ("bomb.xlsx", EP_SHEET_ERROR_UNSAFE,
                  "bomb.xlsx: “xl/worksheets/sheet1.xml” would inflate to 67109071 bytes from "
                  "65419; refused as a zip bomb");
  assert_refused ("entities.xlsx", EP_SHEET_ERROR_UNSAFE,
                  "entities.xlsx: “xl/worksheets/sheet1.xml” declares a document type with "
                  "entities, which no spreadsheet program writes; refused (XML entity expansion)");
  assert_refused ("dimension.xlsx", EP_SHEET_ERROR_TOO_LARGE,
                  "dimension.xlsx: the sheet has more than 1048576 rows, more than a spreadsheet "
                  "can hold; split it or save it as CSV");
  assert_refused ("phantom.xlsx", EP_SHEET_ERROR_INVALID,
                  "phantom.xlsx:2: column 1: the date serial 60 is not a day of the calendar "
                  "(Excel's 1900-02-29, which never was, or a negative date)");
}

/* Bytes that are not a zip at all, and a zip that is not a workbook. */
static void
test_not_a_workbook (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = NULL;
  const char junk[] = "id,time\n1,2\n";

  csv = ep_sheet_read_data (junk, sizeof junk - 1, EP_SHEET_FORMAT_XLSX, "renamed.xlsx", NULL,
                            0, 0, &error);
  g_assert_null (csv);
  g_assert_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE);
  g_clear_error (&error);

  csv = ep_sheet_read_data (junk, sizeof junk - 1, EP_SHEET_FORMAT_XLS, "renamed.xls", NULL,
                            0, 0, &error);
  g_assert_null (csv);
  g_assert_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE);
  g_assert_cmpstr (error->message, ==,
                   "renamed.xls: not an Excel 97-2003 workbook, or a damaged one");
}

/* A sheet of 2,000,000 rows (more than Excel's 1,048,576), streamed into a zip here with
 * libzip: refused when the reader passes the limit, with no <dimension> to warn it. */
typedef struct
{
  guint64 row;
  guint64 n_rows;
  GString *pending;
  gsize    at;
} RowsSource;

static zip_int64_t
rows_source_cb (void             *userdata,
                void             *data,
                zip_uint64_t      length,
                zip_source_cmd_t  cmd)
{
  RowsSource *s = userdata;

  switch (cmd)
    {
    case ZIP_SOURCE_OPEN:
      s->row = 0;
      s->at = 0;
      g_string_assign (s->pending, "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas."
                       "openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
      return 0;
    case ZIP_SOURCE_READ:
      {
        gsize n = 0;

        while (n < length)
          {
            if (s->at == s->pending->len)
              {
                g_string_truncate (s->pending, 0);
                s->at = 0;
                if (s->row < s->n_rows)
                  {
                    s->row++;
                    g_string_append_printf (s->pending,
                                            "<row r=\"%" G_GUINT64_FORMAT "\"><c><v>%"
                                            G_GUINT64_FORMAT "</v></c><c><v>%"
                                            G_GUINT64_FORMAT "</v></c></row>",
                                            s->row, s->row * 7919 % 10007, s->row % 97);
                  }
                else if (s->row == s->n_rows)
                  {
                    s->row++;
                    g_string_append (s->pending, "</sheetData></worksheet>");
                  }
                else
                  break;
              }
            {
              gsize k = MIN (length - n, s->pending->len - s->at);

              memcpy ((char *) data + n, s->pending->str + s->at, k);
              s->at += k;
              n += k;
            }
          }
        return (zip_int64_t) n;
      }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT:
      {
        zip_stat_t *st = data;

        zip_stat_init (st);
        st->valid |= ZIP_STAT_MTIME;
        st->mtime = 0;
        return sizeof (*st);
      }
    case ZIP_SOURCE_ERROR:
      return 2 * sizeof (int);
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap (ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                             ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                             -1);
    default:
      return -1;
    }
}

static void
add_text (zip_t      *zip,
          const char *name,
          const char *text)
{
  zip_source_t *source = zip_source_buffer (zip, text, strlen (text), 0);

  g_assert_nonnull (source);
  g_assert_cmpint (zip_file_add (zip, name, source, ZIP_FL_OVERWRITE), >=, 0);
}

static void
test_too_many_rows (void)
{
  g_autofree char *dir = g_dir_make_tmp ("endpoint-sheet-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rows.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = NULL;
  RowsSource rows = { 0, 2000000, g_string_new (NULL), 0 };
  zip_source_t *source;
  zip_t *zip;
  int err = 0;

  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  g_assert_nonnull (zip);
  add_text (zip, "_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
            "2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  add_text (zip, "xl/workbook.xml",
            "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            "<sheets><sheet name=\"big\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  add_text (zip, "xl/_rels/workbook.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
            "2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
  source = zip_source_function (zip, rows_source_cb, &rows);
  g_assert_nonnull (source);
  g_assert_cmpint (zip_file_add (zip, "xl/worksheets/sheet1.xml", source, 0), >=, 0);
  zip_set_file_compression (zip, 3, ZIP_CM_DEFLATE, 1);
  g_assert_cmpint (zip_close (zip), ==, 0);

  csv = ep_sheet_read (path, NULL, EP_CSV_FLAGS_NONE, 0, &error);
  g_assert_null (csv);
  g_assert_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "rows.xlsx: the sheet has more than 1048576 rows, more than a spreadsheet "
                   "can hold; split it or save it as CSV");

  /* the preview's first rows of the same file are fine */
  g_clear_error (&error);
  csv = ep_sheet_read (path, NULL, EP_CSV_FLAGS_NONE, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, 99);
  g_assert_cmpstr (ep_csv_get_cell (csv, 0, 0), ==, "5831");   /* row 2: 2 * 7919 % 10007 */

  g_unlink (path);
  g_rmdir (dir);
  g_string_free (rows.pending, TRUE);
}

static void
test_no_header (void)
{
  g_autofree char *path = data_path ("cohort.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = ep_sheet_read (path, "labs", EP_CSV_NO_HEADER, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, 3);
  g_assert_cmpstr (ep_csv_get_column_name (csv, 1), ==, "V2");
  g_assert_cmpstr (ep_csv_get_cell (csv, 0, 1), ==, "hb");
  g_assert_cmpstr (ep_csv_get_cell (csv, 2, 1), ==, "9.800000000000001");  /* as openpyxl stored it */
  g_assert_cmpuint (ep_csv_get_line (csv, 2), ==, 3);
}

/* endpoint-cli reads a sheet wherever it reads --csv, with --sheet; convert detects the
 * encoding and the decimal comma of a European CSV. Kaplan-Meier on cohort.xlsx's patients,
 * as survival::survfit(Surv(time, status) ~ arm) on the same 6 complete rows: the
 * blinatumomab arm's events at 7 and 12.5 give a median of 9.75. */
static void
test_cli (void)
{
  g_autofree char *path = data_path ("cohort.xlsx");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(EpTestCliRun) km = { 0 };
  g_auto(EpTestCliRun) bad = { 0 };
  g_auto(EpTestCliRun) convert = { 0 };
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  JsonObject *o;
  JsonArray *groups;

  ep_test_cli_run (&km, "km", "--csv", path, "--sheet", "patients", "--time", "time",
                   "--event", "status", "--group", "arm", NULL);
  o = ep_test_cli_parse_json (&km, parser);
  g_assert_cmpint (json_object_get_int_member (o, "n"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (o, "n_dropped"), ==, 1);
  groups = json_object_get_array_member (o, "groups");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0),
                                                  "label"), ==, "blinatumomab");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (groups, 0),
                                                    "median"), ==, 9.75);

  ep_test_cli_run (&bad, "km", "--csv", path, "--sheet", "labs", "--time", "hb", "--event",
                   "id", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_cmpstr (bad.err, ==, "cohort.xlsx[labs]:3: column \"id\": \"2\" is not an event code; "
                                "use 1 for an event and 0 for censored\n");

  csv = ep_test_write_temp_file ("de.csv", "id;zeit;\xc4rztin\n1;3,5;M\xfcller\n2;4,25;G\xf6rres\n");
  out = g_strconcat (csv, ".out.csv", NULL);
  ep_test_cli_run (&convert, "convert", csv, out, NULL);
  o = ep_test_cli_parse_json (&convert, parser);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (o, "columns"), 1),
                     "type"), ==, "number");
  {
    g_autofree char *written = NULL;

    g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
    g_assert_cmpstr (written, ==, "id,zeit,\xc3\x84rztin\n1,3.5,M\xc3\xbcller\n2,4.25,G\xc3\xb6rres\n");
  }
  g_unlink (out);
  ep_test_remove_temp_file (csv);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheet/readxl", test_readxl);
  g_test_add_func ("/sheet/types", test_types);
  g_test_add_func ("/sheet/handmade", test_handmade);
  g_test_add_func ("/sheet/ods", test_ods);
  g_test_add_func ("/sheet/sheets", test_sheets);
  g_test_add_func ("/sheet/cell-error", test_cell_error);
  g_test_add_func ("/sheet/serial-dates", test_serial_dates);
  g_test_add_func ("/sheet/date-formats", test_date_formats);
  g_test_add_func ("/sheet/malformed", test_malformed);
  g_test_add_func ("/sheet/not-a-workbook", test_not_a_workbook);
  g_test_add_func ("/sheet/too-many-rows", test_too_many_rows);
  g_test_add_func ("/sheet/no-header", test_no_header);
  g_test_add_func ("/sheet/cli", test_cli);

  return g_test_run ();
}
