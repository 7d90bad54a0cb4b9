/* test-csv-columns.c: the column reader's values equal the CSV reader's, bit for bit
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The definition is ep_csv_read_file() with ep_csv_is_missing(), ep_csv_get_number() and the
 * cell texts (expected() below). Files of random shape (quoted cells, CRLF, blank lines, BOM,
 * missing values, numbers of every form, UTF-8 levels, a trailing separator, no final line
 * end) and broken ones (ragged, bad quotes, invalid UTF-8, not a number, unknown column) go
 * through both; the single pass must be taken for the clean files and must agree everywhere.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "io/ep-csv.h"
#include "io/ep-csv-columns.h"

static guint64
bits (double x)
{
  guint64 b;

  memcpy (&b, &x, sizeof b);
  return b;
}

/* What the columns must be, from the CSV reader; NULL with its error. */
static EpCsvColumns *
expected (const char             *path,
          const char * const     *names,
          const EpCsvColumnKind  *kinds,
          guint                   n,
          GError                **error)
{
  g_autoptr(EpCsv) csv = ep_csv_read_file (path, ',', error);
  EpCsvColumns *out;

  if (csv == NULL)
    return NULL;
  out = g_new0 (EpCsvColumns, 1);
  out->n_rows = ep_csv_get_n_rows (csv);
  out->n_columns = n;
  out->columns = g_new0 (EpCsvColumn, n);
  out->lines = g_new (guint32, out->n_rows + 1);
  for (guint i = 0; i < out->n_rows; i++)
    out->lines[i] = ep_csv_get_line (csv, i);
  for (guint k = 0; k < n; k++)
    {
      EpCsvColumn *c = &out->columns[k];
      guint j;

      if (!ep_csv_lookup_column (csv, names[k], &j, error))
        {
          ep_csv_columns_free (out);
          return NULL;
        }
      c->name = g_strdup (names[k]);
      c->kind = kinds[k];
      c->numbers = g_new (double, out->n_rows + 1);
      c->codes = g_new (gint32, out->n_rows + 1);
      c->levels = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < out->n_rows; i++)
        {
          if (kinds[k] == EP_CSV_COLUMN_NUMBER)
            {
              if (ep_csv_is_missing (csv, i, j))
                c->numbers[i] = NAN;
              else if (!ep_csv_get_number (csv, i, j, &c->numbers[i], error))
                {
                  ep_csv_columns_free (out);
                  return NULL;
                }
            }
          else if (ep_csv_is_missing (csv, i, j))
            c->codes[i] = -1;
          else
            {
              const char *text = ep_csv_get_cell (csv, i, j);
              guint l;

              for (l = 0; l < c->levels->len; l++)
                if (strcmp (c->levels->pdata[l], text) == 0)
                  break;
              if (l == c->levels->len)
                g_ptr_array_add (c->levels, g_strdup (text));
              c->codes[i] = (gint32) l;
            }
        }
    }

  return out;
}

/* got against want (the definition): the same rows, lines, doubles to the bit, codes, levels,
 * or the same message. */
static void
compare (const char          *text,
         EpCsvColumns        *want,
         GError              *want_error,
         EpCsvColumns        *got,
         GError              *got_error,
         const char * const  *names,
         const EpCsvColumnKind *kinds,
         guint                n,
         gboolean             must_be_fast)
{
  if (want == NULL)
    {
      g_assert_null (got);
      g_assert_nonnull (got_error);
      g_assert_cmpstr (got_error->message, ==, want_error->message);
      return;
    }
  g_assert_no_error (got_error);
  if (must_be_fast && got->fell_back)
    g_error ("the single pass gave up on a clean file:\n%.300s", text);
  g_assert_cmpuint (got->n_rows, ==, want->n_rows);
  for (guint i = 0; i < want->n_rows; i++)
    g_assert_cmpuint (got->lines[i], ==, want->lines[i]);
  for (guint k = 0; k < n; k++)
    {
      EpCsvColumn *w = &want->columns[k], *g = &got->columns[k];

      for (guint i = 0; i < want->n_rows; i++)
        if (kinds[k] == EP_CSV_COLUMN_NUMBER)
          {
            if (bits (w->numbers[i]) != bits (g->numbers[i]))
              g_error ("column %s row %u: %.17g, not %.17g", names[k], i, g->numbers[i],
                       w->numbers[i]);
          }
        else
          g_assert_cmpint (g->codes[i], ==, w->codes[i]);
      if (kinds[k] == EP_CSV_COLUMN_FACTOR)
        {
          g_assert_cmpuint (g->levels->len, ==, w->levels->len);
          for (guint l = 0; l < w->levels->len; l++)
            g_assert_cmpstr (g->levels->pdata[l], ==, w->levels->pdata[l]);
        }
    }
}

/* The file through the definition and through the column reader twice: on one thread
 * (as EP_THREADS=1) and split in two parts at any size (as EP_THREADS=2 EP_THREAD_MIN_BYTES=1).
 * Returns the threads the second read ran on (2 when the split was a record boundary and the
 * single pass took the file; 1 otherwise). */
static guint
check_file (const char             *text,
            gsize                   length,
            const char * const     *names,
            const EpCsvColumnKind  *kinds,
            guint                   n,
            gboolean                must_be_fast)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) want_error = NULL;
  g_autoptr(GError) one_error = NULL;
  g_autoptr(GError) two_error = NULL;
  g_autoptr(EpCsvColumns) want = NULL;
  g_autoptr(EpCsvColumns) one = NULL;
  g_autoptr(EpCsvColumns) two = NULL;
  int fd = g_file_open_tmp ("endpoint-columns-XXXXXX.csv", &path, NULL);

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_file_set_contents (path, text, (gssize) length, NULL));
  g_close (fd, NULL);

  want = expected (path, names, kinds, n, &want_error);
  ep_csv_columns_set_threads (1, 0);
  one = ep_csv_read_columns (path, ',', names, kinds, n, &one_error);
  ep_csv_columns_set_threads (2, 1);
  two = ep_csv_read_columns (path, ',', names, kinds, n, &two_error);
  ep_csv_columns_set_threads (0, 0);
  g_unlink (path);

  compare (text, want, want_error, one, one_error, names, kinds, n, must_be_fast);
  compare (text, want, want_error, two, two_error, names, kinds, n, must_be_fast);
  if (one != NULL)
    g_assert_cmpuint (one->threads, ==, 1);

  return two != NULL ? two->threads : 1;
}

static const char *
random_number (GRand *rand,
               char  *buf,
               gsize  size)
{
  switch (g_rand_int_range (rand, 0, 12))
    {
    case 0: return "NA";
    case 1: return "";
    case 2: return ".";
    case 3: g_snprintf (buf, size, "%d", g_rand_int_range (rand, -5, 4000)); return buf;
    case 4: return g_ascii_formatd (buf, (int) size, "%.17g", g_rand_double_range (rand, -1e3, 1e3));
    case 5: return g_ascii_formatd (buf, (int) size, "%.3e", g_rand_double_range (rand, -1e30, 1e30));
    case 6: return g_ascii_dtostr (buf, (int) size, ldexp (g_rand_double (rand), g_rand_int_range (rand, -1070, 1000)));
    case 7: g_snprintf (buf, size, " %d.5 ", g_rand_int_range (rand, 0, 99)); return buf;
    case 8: g_snprintf (buf, size, "\"%d\"", g_rand_int_range (rand, 0, 99)); return buf;
    case 9: return g_rand_boolean (rand) ? "-0" : "1e-400";
    default: return g_ascii_formatd (buf, (int) size, "%.6f", g_rand_double_range (rand, -3, 3));
    }
}

static void
test_random_files (void)
{
  static const char * const levels[] = { "A", "B", "\"quoted, with comma\"", "Müller", "NA", "",
                                         "\"two\nlines\"", "x y", "c", "d", "e", "f", "g", "h",
                                         "i", "j", "k" };
  static const char * const names[] = { "time", "status", "group", "x1" };
  static const EpCsvColumnKind kinds[] = { EP_CSV_COLUMN_NUMBER, EP_CSV_COLUMN_NUMBER,
                                           EP_CSV_COLUMN_FACTOR, EP_CSV_COLUMN_NUMBER };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1202);

  for (guint f = 0; f < 300; f++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      guint n_rows = g_rand_int_range (rand, 0, f < 20 ? 40000 : 60);
      gboolean crlf = g_rand_int_range (rand, 0, 4) == 0;
      const char *eol = crlf ? "\r\n" : "\n";
      char buf[64];

      if (g_rand_int_range (rand, 0, 5) == 0)
        g_string_append (s, "\xEF\xBB\xBF");
      g_string_append_printf (s, "id,time,\"status\",group,x1,note%s", eol);
      for (guint i = 0; i < n_rows; i++)
        {
          if (g_rand_int_range (rand, 0, 30) == 0)
            g_string_append (s, eol);                /* a blank line */
          g_string_append_printf (s, "%u,", i);
          g_string_append_printf (s, "%s,", random_number (rand, buf, sizeof buf));
          g_string_append_printf (s, "%d,", g_rand_int_range (rand, 0, 2));
          g_string_append_printf (s, "%s,", levels[g_rand_int_range (rand, 0, f % 2 ? 17 : 4)]);
          g_string_append_printf (s, "%s,", random_number (rand, buf, sizeof buf));
          g_string_append_printf (s, "%s", g_rand_boolean (rand) ? "\"a,\"\"b\"\"\"" : "é");
          if (i + 1 < n_rows || g_rand_boolean (rand))
            g_string_append (s, eol);
        }
      check_file (s->str, s->len, names, kinds, G_N_ELEMENTS (names), TRUE);

      /* the same file broken in one place */
      if (s->len > 40)
        {
          static const char * const breaks[] = { "\xff", "abc", ",", "\"x\"y", "\r", "0x1",
                                                  "\n1,2\n", "\"", "1e999" };
          gsize at = (gsize) g_rand_int_range (rand, 30, (gint32) s->len);

          g_string_insert (s, (gssize) at, breaks[g_rand_int_range (rand, 0, G_N_ELEMENTS (breaks))]);
          check_file (s->str, s->len, names, kinds, G_N_ELEMENTS (names), FALSE);
        }
    }
}

static void
test_edge_files (void)
{
  static const char * const names[] = { "a", "b" };
  static const EpCsvColumnKind kinds[] = { EP_CSV_COLUMN_NUMBER, EP_CSV_COLUMN_FACTOR };
  static const char * const files[] = {
    "", "a,b", "a,b\n", "a,b\n1,x", "a,b\n1,x\n", "a,b\n1,x,\n", "a,b,\n1,x,", "a,b,c\n1,x,\n",
    "a,b\r\n1,x\r\n\r\n2,y\r", "a,b\n\n\n1,x\n\n", "a,b\n1,\"x\ny\"\n2,z\n", "a,a\n1,2\n",
    "b,a\n\"x\",1\n", "a\n1\n", "a,b\n1,x\n2\n", "a,b\n\"1\"x,y\n", "a,b\n1,x\ry\n",
    "a,b\n1,\"unterminated\n", "a,b\n1,x\"y\n", "a,b\n1,\xc3\n", "a,b\n 1 ,NA\n.,.\n",
    "a,b\n0x1,x\n", "a,b\ninf,x\n", "a,b\n1e5,x\n-0,y\n+.5,z\n5.,w\n",
    ",a,b\n,1,x\n", "a,b\n1,x\n\r", "\xEF\xBB\xBF" "a,b\n1,x\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    check_file (files[i], strlen (files[i]), names, kinds, 2, FALSE);
}

/* The numbers the single pass reads while finding the cell ([-]digits[.digits]) around the
 * edges of that path: 19 and 20 digits, 2^53 and 2^53 + 1, 22 and 23 decimals, signed zeros,
 * leading zeros, a mark without digits on one side; then random digit strings of 1 to 25
 * digits, the mark anywhere, either sign, each the same double as the CSV reader's. */
static void
test_plain_numbers (void)
{
  static const char * const names[] = { "a", "b" };
  static const EpCsvColumnKind kinds[] = { EP_CSV_COLUMN_NUMBER, EP_CSV_COLUMN_NUMBER };
  static const char * const cells[] = {
    "0", "-0", "0.0", "-0.000", "-.5", ".5", "5.", "-5.", "00012", "-0012.50",
    "1234567890123456789", "12345678901234567890", "9007199254740992", "9007199254740993",
    "-9007199254740993", "0.1234567890123456789", "1.0000000000000000000000",
    "0.0000000000000000000001", "0.00000000000000000000001", "123456789.0123456789",
    "18446744073709551615", "18446744073709551616", "99999999999999999999999",
    "0.30000000000000004", "1.7976931348623157", "4.9406564584124654",
  };
  static const char * const odd[] = { "1.5 ", " 1.5", "-", "--1", "1.2.3", "1-2", "12e", "1e5",
                                      "+1", "1.5\t", "1x", "-.", "." };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_autoptr(GString) s = g_string_new ("a,b\n");

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_string_append_printf (s, "%s,%s\n", cells[i], cells[G_N_ELEMENTS (cells) - 1 - i]);
  for (guint i = 0; i < 200000; i++)
    {
      for (guint c = 0; c < 2; c++)
        {
          guint n = (guint) g_rand_int_range (rand, 1, 26);
          guint mark = (guint) g_rand_int_range (rand, 0, (gint32) n + 3);   /* > n: none */

          if (g_rand_boolean (rand))
            g_string_append_c (s, '-');
          for (guint d = 0; d < n; d++)
            {
              if (d == mark)
                g_string_append_c (s, '.');
              g_string_append_c (s, (char) ('0' + g_rand_int_range (rand, 0, d < 3 && g_rand_boolean (rand) ? 1 : 10)));
            }
          g_string_append_c (s, c == 0 ? ',' : '\n');
        }
    }
  check_file (s->str, s->len, names, kinds, 2, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *text = g_strdup_printf ("a,b\n1,2\n%s,3\n4,%s\n", odd[i], odd[i]);

      check_file (text, strlen (text), names, kinds, 2, FALSE);
    }
}

/* Records longer than the 1 MiB buffer, and a buffer edge inside every kind of token. */
static void
test_long_records (void)
{
  static const char * const names[] = { "a", "b" };
  static const EpCsvColumnKind kinds[] = { EP_CSV_COLUMN_NUMBER, EP_CSV_COLUMN_FACTOR };
  g_autoptr(GString) s = g_string_new ("a,b,c\r\n");

  for (guint i = 0; i < 300000; i++)
    g_string_append_printf (s, "%u.25,\"l%u\",%s\r\n", i, i % 13, i % 7 ? "x" : "\"q\nq\"");
  g_string_append (s, "1,");
  for (guint i = 0; i < (3u << 20); i++)
    g_string_append_c (s, 'z');
  g_string_append (s, ",\n2,y,\"");
  for (guint i = 0; i < (2u << 20); i++)
    g_string_append_c (s, i % 100 ? 'w' : '\n');
  g_string_append (s, "\"\n");
  check_file (s->str, s->len, names, kinds, 2, TRUE);
}

/* The single pass in two parts (issue 19): split at a line end near the middle of the rows,
 * each part on its own thread, joined. Levels that first appear in the second part come after
 * the first part's, in their order; a line end inside a quoted cell (with commas) near the
 * middle leaves the first part to read on alone; CRLF and blank lines at the split; a cell
 * that is not a number in the second part, or in both, gives the reader's message for the
 * first. Every file is also compared with the one-thread read and the definition
 * (check_file()). */
static void
test_threads (void)
{
  static const char * const names[] = { "x", "group", "note" };
  static const EpCsvColumnKind kinds[] = { EP_CSV_COLUMN_NUMBER, EP_CSV_COLUMN_FACTOR,
                                           EP_CSV_COLUMN_FACTOR };
  static const char * const early[] = { "A", "B", "\"A, or B\"" };
  static const char * const late[] = { "C", "A", "\"D\nd\"", "B", "E", "\"A, or B\"", "F" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  guint landed = 0, alone = 0;

  /* levels first seen in the second half, LF and CRLF, blank lines anywhere */
  for (guint f = 0; f < 40; f++)
    {
      g_autoptr(GString) s = g_string_new ("id,x,group,note,other\n");
      const char *eol = f % 2 ? "\r\n" : "\n";
      guint n_rows = 500 + (guint) g_rand_int_range (rand, 0, 1000);

      for (guint i = 0; i < n_rows; i++)
        {
          gboolean second_half = i >= n_rows / 2 + 20;

          if (f % 4 >= 2 && g_rand_int_range (rand, 0, 3) == 0)
            g_string_append (s, eol);             /* blank lines, also at the split */
          g_string_append_printf (s, "%u,%.17g,%s,%s,%d%s", i, g_rand_double_range (rand, -1, 1),
                                  second_half ? late[g_rand_int_range (rand, 0, G_N_ELEMENTS (late))]
                                              : early[g_rand_int_range (rand, 0, G_N_ELEMENTS (early))],
                                  g_rand_boolean (rand) ? "n" : "", i % 7, eol);
        }
      g_assert_cmpuint (check_file (s->str, s->len, names, kinds, 3, TRUE), ==, 2);
    }

  /* quoted cells with line ends and commas in every row, some long: the line end near the
   * middle is sometimes inside one */
  for (guint f = 0; f < 60; f++)
    {
      g_autoptr(GString) s = g_string_new ("id,x,group,note\r\n");
      guint n_rows = 200 + (guint) g_rand_int_range (rand, 0, 400);

      for (guint i = 0; i < n_rows; i++)
        {
          g_string_append_printf (s, "%u,%d,%s,\"", i, g_rand_int_range (rand, 0, 100),
                                  (i > n_rows / 2 ? late : early)[g_rand_int_range (rand, 0, 3)]);
          for (guint l = (guint) g_rand_int_range (rand, 0, 30); l > 0; l--)
            g_string_append (s, g_rand_boolean (rand) ? "a line,\n" : "\r\nx");
          g_string_append (s, "\"\r\n");
        }
      if (check_file (s->str, s->len, names, kinds, 2, TRUE) == 2)
        landed++;
      else
        alone++;
    }
  g_test_message ("quoted line ends: %u files in two parts, %u read on by the first", landed, alone);
  g_assert_cmpuint (landed, >, 0);
  g_assert_cmpuint (alone, >, 0);

  /* one bad cell in the second half, then one in each half: the first one's message */
  for (guint f = 0; f < 3; f++)
    {
      g_autoptr(GString) s = g_string_new ("x,group\n");

      for (guint i = 0; i < 2000; i++)
        {
          if ((i == 1500 && f >= 1) || (i == 300 && f == 2) || (i == 1999 && f == 0))
            g_string_append (s, "abc,A\n");
          else
            g_string_append_printf (s, "%u,%s\n", i, i < 1000 ? "A" : "B");
        }
      check_file (s->str, s->len, names, kinds, 2, FALSE);
    }
}

/* The tokenizer at the ends of the single pass's chunks (ep_csv_columns_set_chunk_size()):
 * with every chunk size from 8 to 64 bytes a chunk ends inside each quoted cell (one with a
 * separator, one with a CRLF in it), between each CR and its LF, inside each UTF-8 sequence
 * and inside each number; the single pass must still take the file and give the CSV reader's
 * values. A sequence that is not UTF-8, split by a chunk's end, gives the reader's message. */
static void
test_chunk_ends (void)
{
  static const char * const names[] = { "a", "b" };
  static const EpCsvColumnKind kinds[] = { EP_CSV_COLUMN_NUMBER, EP_CSV_COLUMN_FACTOR };
  static const char clean[] =
    "a,b\r\n1.5,\"x, y\"\r\n2,\"two\r\nlines\"\r\n-3.25,M\xC3\xBCller\r\n"
    "\"4\",\xE4\xB8\xAD\xE6\x96\x87\r\n\r\n12345.678901,\"\"\r\nNA,\xF0\x9F\x98\x80\r\n"
    "7,M\xC3\xBCller\r\n";
  static const char bad[] = "a,b\n1,x\n2,\xE4\xB8\n3,y\n";
  g_autofree char *dir = g_dir_make_tmp ("endpoint-chunks-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chunks.csv", NULL);

  g_assert_true (g_file_set_contents (path, bad, sizeof bad - 1, NULL));
  for (gsize chunk = 8; chunk <= 64; chunk++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EpCsvColumns) got = NULL;

      ep_csv_columns_set_chunk_size (chunk);
      check_file (clean, sizeof clean - 1, names, kinds, 2, TRUE);

      ep_csv_columns_set_threads (1, 0);
      got = ep_csv_read_columns (path, ',', names, kinds, 2, &error);
      ep_csv_columns_set_threads (0, 0);
      g_assert_null (got);
      g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_ENCODING);
      g_assert_cmpstr (error->message, ==, "chunks.csv:3: column \"b\": the text is not valid UTF-8");
      g_assert_null (ep_csv_read_columns_try (path, ',', names, kinds, 2));
    }
  ep_csv_columns_set_chunk_size (0);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-columns/edge-files", test_edge_files);
  g_test_add_func ("/csv-columns/random-files", test_random_files);
  g_test_add_func ("/csv-columns/long-records", test_long_records);
  g_test_add_func ("/csv-columns/plain-numbers", test_plain_numbers);
  g_test_add_func ("/csv-columns/threads", test_threads);
  g_test_add_func ("/csv-columns/chunk-ends", test_chunk_ends);

  return g_test_run ();
}
