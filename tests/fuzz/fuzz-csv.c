/* fuzz-csv.c: CSV and TSV import, then save and reopen what was accepted; the CSV reader and
 * the import against the way they read before issue 19's shared tokenizer
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the options (separator guessed or given, decimal mark, header); the rest
 * is the file. Three properties, any failure aborts:
 * - what the importer accepts saves and reopens, cell for cell (fuzz_check_round_trip());
 * - ep_csv_read_data_full() (the tokenizer shared with the column reader, UTF-8 checked cell by
 *   cell, no line count) gives what the reader gave before, kept below as the reference
 *   (ref_csv_read_owned(): main's ep-csv.c at acc2cfe, its own UTF-8 pass, newline count and
 *   tokenizer): the same cells, lines and names, or the same error code and message, with
 *   and without a header row;
 * - the import with the encoding guessed (which now splits the text as UTF-8 first and reads it
 *   again through the guess only when it is not) gives what the import with the guessed
 *   encoding given gives (the way every import went before): the same table bit for bit, or
 *   the same message.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "io/ep-csv.h"
#include "io/ep-import.h"
#include "fuzz-common.h"

/* ---- the reference: ep-csv.c's reader as it was (main at acc2cfe), unchanged but for names ---- */

typedef struct _RefCsv RefCsv;

struct _RefCsv
{
  char    *display_name;
  char    *buffer;      /* the cells, NUL-terminated, parsed in place */
  guint32 *offsets;     /* (n_rows + 1) * n_columns offsets into buffer; row 0 is the header */
  guint32 *lines;       /* n_rows + 1: the 1-based line each row starts on */
  guint    n_rows;      /* data rows, without the header */
  guint    n_columns;
};

static void
ref_csv_free (RefCsv *csv)
{
  if (csv == NULL)
    return;

  g_free (csv->display_name);
  g_free (csv->buffer);
  g_free (csv->offsets);
  g_free (csv->lines);
  g_free (csv);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefCsv, ref_csv_free)

/* Where the first byte that is not UTF-8 sits, or G_MAXSIZE. Plain ASCII (the usual case) is
 * checked eight bytes at a time before handing anything else to g_utf8_validate_len(). */
static gsize
find_invalid_utf8 (const char *data,
                   gsize       length)
{
  const char *end = NULL;
  gsize i = 0;

  while (i + 8 <= length)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      /* a byte with its high bit set, or a NUL byte (which g_utf8_validate_len() rejects) */
      if ((word | ((word - G_GUINT64_CONSTANT (0x0101010101010101)) & ~word)) &
          G_GUINT64_CONSTANT (0x8080808080808080))
        break;
      i += 8;
    }

  if (g_utf8_validate_len (data + i, length - i, &end))
    return G_MAXSIZE;

  return end - data;
}

/* A column's name for messages: "time" when the header names it, else its 1-based number. */
static char *
describe_column (const RefCsv *csv,
                 gboolean     have_header,
                 guint        column)
{
  if (have_header && column < csv->n_columns)
    {
      const char *name = csv->buffer + csv->offsets[column];

      if (*name != '\0')
        return g_strdup_printf (_("column \"%s\""), name);
    }

  return g_strdup_printf (_("column %u"), column + 1);
}

typedef struct
{
  RefCsv   *csv;
  gsize    n_cells;
  gsize    n_alloc;
  gsize    n_lines_alloc;
  gsize    n_newlines;      /* LF bytes in the file: at most that many + 1 rows */
  gsize    length;          /* bytes in the file */
  guint    n_fields;        /* fields in the row being read */
  guint    n_rows_total;    /* rows stored, the header included */
  gsize    invalid_at;      /* offset of the first invalid UTF-8 byte, or G_MAXSIZE */
  gboolean no_header;       /* EP_CSV_NO_HEADER: the first row is data, not names */
  EpCsvProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} Parser;

static void
parser_grow_cells (Parser *p,
                   gsize   n_alloc)
{
  p->n_alloc = MAX (n_alloc, 64);
  p->csv->offsets = g_renew (guint32, p->csv->offsets, p->n_alloc);
}

static inline void
parser_push_cell (Parser  *p,
                  guint32  offset)
{
  if (G_UNLIKELY (p->n_cells == p->n_alloc))
    parser_grow_cells (p, p->n_alloc * 2);
  p->csv->offsets[p->n_cells++] = offset;
}

static inline void
parser_push_line (Parser  *p,
                  guint32  line)
{
  if (G_UNLIKELY (p->n_rows_total == p->n_lines_alloc))
    {
      p->n_lines_alloc = MAX (256, p->n_lines_alloc * 2);
      p->csv->lines = g_renew (guint32, p->csv->lines, p->n_lines_alloc);
    }
  p->csv->lines[p->n_rows_total] = line;
}

/* Checks a finished row's field count and stores its line. The header fixes the count. */
static gboolean
parser_end_row (Parser  *p,
                guint    row_line,
                GError **error)
{
  RefCsv *csv = p->csv;

  if (p->n_rows_total == 0)
    {
      /* The header fixes the width: room for every line of the file, once. Every cell but
       * the last ends in a byte of its own, which bounds this when newlines are quoted. */
      csv->n_columns = p->n_fields;
      parser_grow_cells (p, MIN ((p->n_newlines + 2) * csv->n_columns, p->length + 2));
    }
  else if (p->n_fields != csv->n_columns)
    {
      g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_RAGGED,
                   /* TRANSLATORS: "lung.csv:17: 7 fields, but the header has 8" */
                   ngettext ("%s:%u: %u field, but the header has %u",
                             "%s:%u: %u fields, but the header has %u", p->n_fields),
                   csv->display_name, row_line, p->n_fields, csv->n_columns);
      return FALSE;
    }

  parser_push_line (p, row_line);
  p->n_rows_total++;
  p->n_fields = 0;

  /* every 8192 rows: how far (rows of the lines there are), and whether to stop */
  if ((p->n_rows_total & 8191) == 0)
    {
      if (g_cancellable_set_error_if_cancelled (p->cancellable, error))
        return FALSE;
      if (p->progress != NULL)
        p->progress (MIN (1.0, (double) p->n_rows_total / (double) (p->n_newlines + 1)),
                     p->progress_data);
    }

  return TRUE;
}

static gboolean
parser_cell_error (Parser      *p,
                   EpCsvError   code,
                   guint        line,
                   const char  *what,
                   GError     **error)
{
  g_autofree char *column = describe_column (p->csv, p->n_rows_total > 0 && !p->no_header,
                                             p->n_fields);

  g_set_error (error, EP_CSV_ERROR, code, "%s:%u: %s: %s",
               p->csv->display_name, line, column, what);
  return FALSE;
}

/* The single pass. buffer[length] must be a NUL that the parser may overwrite with nothing. */
static gboolean
parse (Parser  *p,
       gsize    start,
       gsize    length,
       char     sep,
       GError **error)
{
  char *buf = p->csv->buffer;
  gsize r = start;          /* read position */
  gsize w = start;          /* write position, never ahead of r */
  guint line = 1;           /* the line r is on */
  guint row_line = 1;       /* the line the current row started on */
  guint8 special[256] = { 0 };

  /* The bytes that stop an unquoted cell; NUL is buf[length], and any NUL in the text. */
  special[(guchar) sep] = special['\n'] = special['\r'] = special[0] = 1;

  while (r < length)
    {
      gsize cell_r = r;
      guint cell_line = line;

      /* Skip a line with nothing on it, between rows only. */
      if (p->n_fields == 0)
        {
          if (buf[r] == '\n')
            {
              r++;
              line++;
              continue;
            }
          if (buf[r] == '\r' && (r + 1 == length || buf[r + 1] == '\n'))
            {
              r += (r + 1 == length) ? 1 : 2;
              line++;
              continue;
            }
          row_line = line;
        }

      parser_push_cell (p, (guint32) w);

      if (buf[r] == '"')
        {
          /* Quoted cell: up to the lone closing quote; "" is one quote; newlines are text. */
          r++;
          for (;;)
            {
              if (G_UNLIKELY (r >= length))
                return parser_cell_error (p, EP_CSV_ERROR_UNTERMINATED, cell_line,
                                          _("a quoted field is not closed before the end of the file"),
                                          error);
              if (buf[r] == '"')
                {
                  if (r + 1 < length && buf[r + 1] == '"')
                    {
                      buf[w++] = '"';
                      r += 2;
                      continue;
                    }
                  r++;
                  break;
                }
              if (buf[r] == '\n')
                line++;
              buf[w++] = buf[r++];
            }

          if (r < length && buf[r] != sep && buf[r] != '\n' &&
              !(buf[r] == '\r' && (r + 1 == length || buf[r + 1] == '\n')))
            return parser_cell_error (p, EP_CSV_ERROR_BAD_QUOTE, line,
                                      _("text after the closing quote of a quoted field"),
                                      error);
        }
      else
        {
          /* Unquoted cell, the hot loop. Until a quoted cell has shortened the text, w == r
           * and the bytes stay where they are: only the end of the cell is looked for. */
          for (;;)
            {
              char c;

              if (w == r)
                {
                  while (!special[(guchar) buf[r]])
                    r++;
                  w = r;
                }
              else
                {
                  while (!special[(guchar) (c = buf[r])])
                    {
                      buf[w++] = c;
                      r++;
                    }
                }

              if (r >= length)
                break;
              c = buf[r];
              if (c == sep || c == '\n')
                break;
              if (c == '\r' && (r + 1 == length || buf[r + 1] == '\n'))
                break;
              /* a lone CR, or a NUL byte (reported below as invalid UTF-8) */
              buf[w++] = c;
              r++;
            }
        }

      if (G_UNLIKELY (p->invalid_at >= cell_r && p->invalid_at < r))
        return parser_cell_error (p, EP_CSV_ERROR_ENCODING, cell_line,
                                  _("the text is not valid UTF-8"), error);

      p->n_fields++;

      /* What ends the cell: a separator, a line end or the end of the file. */
      if (r < length && buf[r] == sep)
        {
          buf[w++] = '\0';
          r++;
          if (r == length)
            {
              /* "a,b," at the very end: one more, empty, cell. */
              parser_push_cell (p, (guint32) w);
              buf[w++] = '\0';
              p->n_fields++;
              return parser_end_row (p, row_line, error);
            }
          continue;
        }

      /* The line end, read before the NUL is written: w may be r. */
      if (r < length)
        {
          r += (buf[r] == '\r') ? 2 : 1;
          if (r > length)
            r = length;
          line++;
        }
      buf[w++] = '\0';
      if (!parser_end_row (p, row_line, error))
        return FALSE;
    }

  if (p->n_fields > 0)
    return parser_end_row (p, row_line, error);

  return TRUE;
}

static gboolean
check_header (RefCsv   *csv,
              GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint j = 0; j < csv->n_columns; j++)
    {
      const char *name = csv->buffer + csv->offsets[j];
      gpointer first;

      if (*name == '\0')
        continue;

      if (g_hash_table_lookup_extended (seen, name, NULL, &first))
        {
          g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_DUPLICATE_HEADER,
                       _("%s:%u: column \"%s\" appears twice (columns %u and %u)"),
                       csv->display_name, csv->lines[0], name,
                       GPOINTER_TO_UINT (first) + 1, j + 1);
          return FALSE;
        }
      g_hash_table_insert (seen, (gpointer) name, GUINT_TO_POINTER (j));
    }

  return TRUE;
}

/* EP_CSV_NO_HEADER: every parsed row is data. The names V1, V2, ... (as R's read.csv with
 * header = FALSE) are appended to the buffer and become row 0, so that the accessors need
 * not know: the offsets and lines shift by one row. */
static void
add_default_header (RefCsv  *csv,
                    Parser *p,
                    gsize   length)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint32 *offsets;
  guint32 *lines;

  for (guint j = 0; j < csv->n_columns; j++)
    {
      g_string_append_printf (names, "V%u", j + 1);
      g_string_append_c (names, '\0');
    }
  csv->buffer = g_realloc (csv->buffer, length + 1 + names->len);
  memcpy (csv->buffer + length + 1, names->str, names->len);

  offsets = g_new (guint32, p->n_cells + csv->n_columns);
  for (guint j = 0, at = (guint) length + 1; j < csv->n_columns; j++)
    {
      offsets[j] = at;
      at += (guint) strlen (csv->buffer + at) + 1;
    }
  memcpy (offsets + csv->n_columns, csv->offsets, p->n_cells * sizeof (guint32));
  g_free (csv->offsets);
  csv->offsets = offsets;

  lines = g_new (guint32, p->n_rows_total + 1);
  lines[0] = 0;
  memcpy (lines + 1, csv->lines, p->n_rows_total * sizeof (guint32));
  g_free (csv->lines);
  csv->lines = lines;

  csv->n_rows = p->n_rows_total;
}

/* Takes ownership of buffer, which holds length bytes followed by a NUL (ep-csv.h). */
static RefCsv *
ref_csv_read_owned (char              *buffer,
                             gsize              length,
                             const char        *display_name,
                             char               sep,
                             EpCsvFlags         flags,
                             EpCsvProgressFunc  progress,
                             gpointer           progress_data,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autoptr(RefCsv) csv = NULL;
  Parser p = { 0 };
  gsize start = 0;

  g_return_val_if_fail (buffer != NULL, NULL);
  if (G_UNLIKELY (sep != ',' && sep != ';' && sep != '\t') ||
      G_UNLIKELY (error != NULL && *error != NULL))
    {
      g_free (buffer);
      g_return_val_if_reached (NULL);
    }
  if (display_name == NULL)
    display_name = "data";

  csv = g_new0 (RefCsv, 1);
  csv->display_name = g_strdup (display_name);
  csv->buffer = buffer;
  p.csv = csv;
  p.no_header = (flags & EP_CSV_NO_HEADER) != 0;
  p.progress = progress;
  p.progress_data = progress_data;
  p.cancellable = cancellable;

  if (length >= G_MAXUINT32)
    {
      g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_IO,
                   _("%s: the file is too large (4 GB or more)"), display_name);
      return NULL;
    }

  /* A UTF-8 byte order mark, as spreadsheets write it. */
  if (length >= 3 && memcmp (buffer, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  p.invalid_at = find_invalid_utf8 (buffer + start, length - start);
  if (p.invalid_at != G_MAXSIZE)
    p.invalid_at += start;

  p.length = length;
  for (const char *nl = buffer + start;
       (nl = memchr (nl, '\n', buffer + length - nl)) != NULL;
       nl++)
    p.n_newlines++;

  if (!parse (&p, start, length, sep, error))
    return NULL;

  if (p.n_rows_total == 0)
    {
      g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_EMPTY,
                   _("%s: the file is empty; a header row with the column names is required"),
                   display_name);
      return NULL;
    }

  if (flags & EP_CSV_NO_HEADER)
    {
      add_default_header (csv, &p, length);
      return g_steal_pointer (&csv);
    }

  csv->n_rows = p.n_rows_total - 1;

  if (!check_header (csv, error))
    return NULL;

  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&csv);
}


/* ---- the properties ------------------------------------------------------------------- */

static void
check_reader (const char *text,
              gsize       length,
              char        sep,
              EpCsvFlags  flags)
{
  g_autoptr(GError) want_error = NULL;
  g_autoptr(GError) got_error = NULL;
  g_autoptr(RefCsv) want = NULL;
  g_autoptr(EpCsv) got = NULL;
  char *copy = g_malloc (length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  want = ref_csv_read_owned (copy, length, "fuzz.csv", sep, flags, NULL, NULL, NULL, &want_error);
  got = ep_csv_read_data_full (text, length, "fuzz.csv", sep, flags, &got_error);
  if (want == NULL || got == NULL)
    {
      if (want != NULL || got != NULL || want_error->code != got_error->code ||
          strcmp (want_error->message, got_error->message) != 0)
        {
          g_printerr ("reader: \"%s\" where it was \"%s\"\n",
                      got_error != NULL ? got_error->message : "(a table)",
                      want_error != NULL ? want_error->message : "(a table)");
          abort ();
        }
      return;
    }
  if (ep_csv_get_n_rows (got) != want->n_rows || ep_csv_get_n_columns (got) != want->n_columns)
    {
      g_printerr ("reader: %u x %u where it was %u x %u\n", ep_csv_get_n_rows (got),
                  ep_csv_get_n_columns (got), want->n_rows, want->n_columns);
      abort ();
    }
  for (guint j = 0; j < want->n_columns; j++)
    if (strcmp (ep_csv_get_column_name (got, j), want->buffer + want->offsets[j]) != 0)
      abort ();
  for (guint i = 0; i < want->n_rows; i++)
    {
      if (ep_csv_get_line (got, i) != want->lines[i + 1])
        abort ();
      for (guint j = 0; j < want->n_columns; j++)
        if (strcmp (ep_csv_get_cell (got, i, j),
                    want->buffer + want->offsets[(gsize) (i + 1) * want->n_columns + j]) != 0)
          {
            g_printerr ("reader: row %u column %u differs\n", i + 1, j + 1);
            abort ();
          }
    }
}

static gboolean
tables_equal (EpTable *a,
              EpTable *b)
{
  if (a->n_rows != b->n_rows || ep_table_get_n_columns (a) != ep_table_get_n_columns (b))
    return FALSE;
  for (guint j = 0; j < ep_table_get_n_columns (a); j++)
    {
      EpTableColumn *x = ep_table_get_column (a, j), *y = ep_table_get_column (b, j);

      if (strcmp (x->name, y->name) != 0 || x->type != y->type ||
          x->values->len != y->values->len ||
          (x->values->len > 0 &&
           memcmp (x->values->data, y->values->data,
                   (gsize) x->values->len * g_array_get_element_size (x->values)) != 0) ||
          (x->levels == NULL) != (y->levels == NULL))
        return FALSE;
      for (guint k = 0; x->levels != NULL && k < x->levels->len; k++)
        if (k >= y->levels->len || x->levels->len != y->levels->len ||
            strcmp (x->levels->pdata[k], y->levels->pdata[k]) != 0)
          return FALSE;
    }
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char seps[] = { 0, ',', ';', '\t' };
  EpImportOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) given_error = NULL;
  EpTable *table;
  EpTable *given;
  const char *text = (const char *) data + 1;

  fuzz_init ();
  if (size < 1)
    return 0;
  ep_import_options_init (&options);
  options.sep = seps[data[0] & 3];
  options.decimal_mark = (data[0] & 4) ? ',' : '.';
  options.header = !(data[0] & 8);
  if (options.decimal_mark == ',' && options.sep == ',')
    options.sep = ';';

  check_reader (text, size - 1, options.sep != 0 ? options.sep : ',',
                options.header ? EP_CSV_FLAGS_NONE : EP_CSV_NO_HEADER);

  table = ep_import_csv_data (text, size - 1, "fuzz.csv", &options, &error);
  options.encoding = ep_csv_detect_encoding (text, size - 1);
  given = ep_import_csv_data (text, size - 1, "fuzz.csv", &options, &given_error);
  if ((table == NULL) != (given == NULL) ||
      (table == NULL && strcmp (error->message, given_error->message) != 0) ||
      (table != NULL && !tables_equal (table, given)))
    {
      g_printerr ("import: \"%s\" where the encoding given gives \"%s\"\n",
                  error != NULL ? error->message : "(a table)",
                  given_error != NULL ? given_error->message : "(a table)");
      abort ();
    }
  g_clear_pointer (&given, ep_table_free);
  if (table == NULL)
    {
      if (error == NULL || !g_str_has_prefix (error->message, "fuzz.csv"))
        abort ();
      return 0;
    }
  fuzz_check_round_trip (table);
  return 0;
}
