/* ep-csv.c: RFC 4180 CSV reader
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole file is read into one buffer and parsed in place in a single pass, with the
 * tokenizer the column reader uses (ep-csv-tokenizer.h), which also tells which cells need the
 * UTF-8 check (a byte above 0x7F or a NUL), so the text is checked as it is split: no pass of
 * its own, and no count of the lines beforehand. Unquoting only ever shortens a cell, so each
 * cell is written back over its own bytes and ends in a NUL where its separator or line end
 * was. A table of 32-bit offsets (one per cell, header first) points into that buffer, in
 * 2 MiB pages (ep_big_alloc()). There is no allocation per cell, which is what makes a
 * million rows fast.
 *
 * Decisions beyond RFC 4180, written down here because they decide what a user sees:
 * - a line with nothing on it (not even a separator) is skipped, as R's read.csv does;
 * - a quote is special only at the start of a cell; a quote inside an unquoted cell is text;
 * - after a closing quote only a separator or a line end may follow;
 * - a lone CR is text, only LF and CRLF end a line (and a CR right before the end of the file);
 *   (these four are the tokenizer's, ep-csv-tokenizer.h)
 * - an empty header name is allowed (such a column cannot be asked for) and is never a duplicate.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ep-memory.h"
#include "io/ep-csv.h"
#include "io/ep-csv-tokenizer.h"
#include "io/ep-file-check.h"
#include "io/ep-table.h"

struct _EpCsv
{
  char    *display_name;
  char    *buffer;      /* the cells, NUL-terminated, parsed in place */
  guint32 *offsets;     /* (n_rows + 1) * n_columns offsets into buffer; row 0 is the header */
  guint32 *lines;       /* n_rows + 1: the 1-based line each row starts on */
  guint    n_rows;      /* data rows, without the header */
  guint    n_columns;
};

G_DEFINE_QUARK (ep-csv-error-quark, ep_csv_error)

void
ep_csv_free (EpCsv *csv)
{
  if (csv == NULL)
    return;

  g_free (csv->display_name);
  g_free (csv->buffer);
  ep_big_free (csv->offsets);
  ep_big_free (csv->lines);
  g_free (csv);
}

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
describe_column (const EpCsv *csv,
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
  EpCsv   *csv;
  gsize    n_cells;
  gsize    n_alloc;         /* offsets that csv->offsets has room for */
  gsize    n_lines_alloc;   /* lines that csv->lines has room for */
  gsize    length;          /* bytes in the file */
  guint    n_fields;        /* fields in the row being read */
  guint    n_rows_total;    /* rows stored, the header included */
  gboolean no_header;       /* EP_CSV_NO_HEADER: the first row is data, not names */
  EpCsvProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} Parser;

/* Room for n_cells offsets and n_lines lines at least (what is there is kept), in blocks
 * from ep_big_alloc(): at 2 MiB and more, 2 MiB pages that are only address space until
 * they are touched. */
static void
parser_grow (Parser *p,
             gsize   n_cells,
             gsize   n_lines)
{
  EpCsv *csv = p->csv;

  if (n_cells > p->n_alloc)
    {
      guint32 *offsets = ep_big_new (guint32, n_cells);

      if (p->n_cells > 0)
        memcpy (offsets, csv->offsets, p->n_cells * sizeof (guint32));
      ep_big_free (csv->offsets);
      csv->offsets = offsets;
      p->n_alloc = n_cells;
    }
  if (n_lines > p->n_lines_alloc)
    {
      guint32 *lines = ep_big_new (guint32, n_lines);

      if (p->n_rows_total > 0)
        memcpy (lines, csv->lines, p->n_rows_total * sizeof (guint32));
      ep_big_free (csv->lines);
      csv->lines = lines;
      p->n_lines_alloc = n_lines;
    }
}

/* Once the header has fixed the width (it ends at end_of_header): room for the rows the rest
 * of the file holds if its cells take four bytes or more on average, which is nearly always
 * (the table grows by doubling otherwise), and never more than it can hold: a data row of n
 * fields takes n bytes at least (n - 1 separators and a line end; a row of one field has a
 * byte of text, or it would be a blank line), the last row one less. Nothing is counted
 * beforehand (the newline count was a pass of its own). */
static void
parser_reserve (Parser *p,
                gsize   end_of_header)
{
  gsize rest = p->length - MIN (end_of_header, p->length);
  gsize n = MAX (p->csv->n_columns, 1);
  gsize bound = (rest + 1) / MAX (n, 2) + 1;
  gsize rows = MIN (bound, rest / (4 * n) + 1024) + 1;

  parser_grow (p, rows * n, rows);
}

static inline void
parser_push_cell (Parser  *p,
                  guint32  offset)
{
  if (G_UNLIKELY (p->n_cells == p->n_alloc))
    parser_grow (p, MAX (64, p->n_alloc * 2), 0);
  p->csv->offsets[p->n_cells++] = offset;
}

/* Checks a finished row's field count and stores its line. The header fixes the count. r is
 * where the reader is (for the progress). */
static gboolean
parser_end_row (Parser  *p,
                guint    row_line,
                gsize    r,
                GError **error)
{
  EpCsv *csv = p->csv;

  if (p->n_rows_total == 0)
    csv->n_columns = p->n_fields;         /* the header fixes the width */
  else if (p->n_fields != csv->n_columns)
    {
      g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_RAGGED,
                   /* TRANSLATORS: "lung.csv:17: 7 fields, but the header has 8" */
                   ngettext ("%s:%u: %u field, but the header has %u",
                             "%s:%u: %u fields, but the header has %u", p->n_fields),
                   csv->display_name, row_line, p->n_fields, csv->n_columns);
      return FALSE;
    }
  if (G_UNLIKELY (p->n_rows_total == p->n_lines_alloc))
    parser_grow (p, 0, MAX (256, p->n_lines_alloc * 2));

  csv->lines[p->n_rows_total++] = row_line;
  p->n_fields = 0;
  if (p->n_rows_total == 1)
    parser_reserve (p, r);

  /* every 8192 rows: how far (bytes of the file), and whether to stop */
  if ((p->n_rows_total & 8191) == 0)
    {
      if (g_cancellable_set_error_if_cancelled (p->cancellable, error))
        return FALSE;
      if (p->progress != NULL)
        p->progress (MIN (1.0, (double) r / (double) MAX (p->length, 1)), p->progress_data);
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

/* A cell parse() does not take as it is: an error, a cell to check for UTF-8, to unquote or
 * to move (after a quoted cell has shortened the text). Its text goes to *w. */
static G_GNUC_NO_INLINE gboolean
store_cell (Parser          *p,
            char            *buf,
            const EpCsvCell *cell,
            EpCsvCellEnd     end,
            guint            cell_line,
            gsize           *w,
            GError         **error)
{
  gsize to = *w;

  if (end == EP_CSV_END_UNTERMINATED)
    return parser_cell_error (p, EP_CSV_ERROR_UNTERMINATED, cell_line,
                              _("a quoted field is not closed before the end of the file"),
                              error);
  if (end == EP_CSV_END_BAD_QUOTE)
    return parser_cell_error (p, EP_CSV_ERROR_BAD_QUOTE, cell_line + cell->newlines,
                              _("text after the closing quote of a quoted field"),
                              error);
  if (!ep_csv_cell_is_utf8 (buf, cell))
    return parser_cell_error (p, EP_CSV_ERROR_ENCODING, cell_line,
                              _("the text is not valid UTF-8"), error);

  /* "" is one quote */
  if (cell->flags & EP_CSV_CELL_ESCAPED)
    for (gsize i = cell->start; i < cell->end; i++)
      {
        buf[to++] = buf[i];
        i += buf[i] == '"';
      }
  else
    {
      if (to != cell->start)
        memmove (buf + to, buf + cell->start, cell->end - cell->start);
      to += cell->end - cell->start;
    }
  *w = to;

  return TRUE;
}

/* The single pass over the buffer, with the tokenizer the column reader uses
 * (ep-csv-tokenizer.h); each cell is checked for UTF-8 as it is found and written back over
 * its own bytes, unquoted, ending in a NUL. Until a quoted cell has shortened the text a cell
 * is where it was and only its NUL is written. buffer[length] must be a NUL. */
static gboolean
parse (Parser  *p,
       gsize    start,
       gsize    length,
       char     sep,
       GError **error)
{
  char *buf = p->csv->buffer;
  EpCsvTokenizer t;
  gsize r = start;          /* read position */
  gsize w = start;          /* write position, never ahead of r */
  guint line = 1;           /* the line r is on */

  ep_csv_tokenizer_init (&t, sep);

  for (;;)
    {
      guint row_line;

      ep_csv_skip_blank_lines (buf, length, TRUE, &r, &line);
      if (r >= length)
        break;
      row_line = line;

      for (;;)
        {
          EpCsvCell cell;
          EpCsvCellEnd end;

          end = ep_csv_scan_cell (&t, buf, length, TRUE, r, &r, &cell);
          parser_push_cell (p, (guint32) w);
          if (G_LIKELY (end <= EP_CSV_END_DATA && cell.flags == 0 && w == cell.start))
            w = cell.end;                           /* where it is: only its NUL to write */
          else if (!store_cell (p, buf, &cell, end, line, &w, error))
            return FALSE;
          line += cell.newlines;
          buf[w++] = '\0';
          p->n_fields++;

          if (end == EP_CSV_END_SEPARATOR)
            continue;
          if (end == EP_CSV_END_LINE)
            line++;
          break;
        }

      if (!parser_end_row (p, row_line, r, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_header (EpCsv   *csv,
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
add_default_header (EpCsv  *csv,
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

  offsets = ep_big_new (guint32, p->n_cells + csv->n_columns);
  for (guint j = 0, at = (guint) length + 1; j < csv->n_columns; j++)
    {
      offsets[j] = at;
      at += (guint) strlen (csv->buffer + at) + 1;
    }
  memcpy (offsets + csv->n_columns, csv->offsets, p->n_cells * sizeof (guint32));
  ep_big_free (csv->offsets);
  csv->offsets = offsets;

  lines = ep_big_new (guint32, p->n_rows_total + 1);
  lines[0] = 0;
  memcpy (lines + 1, csv->lines, p->n_rows_total * sizeof (guint32));
  ep_big_free (csv->lines);
  csv->lines = lines;

  csv->n_rows = p->n_rows_total;
}

/* Takes ownership of buffer, which holds length bytes followed by a NUL (ep-csv.h). */
EpCsv *
ep_csv_read_owned_monitored (char              *buffer,
                             gsize              length,
                             const char        *display_name,
                             char               sep,
                             EpCsvFlags         flags,
                             EpCsvProgressFunc  progress,
                             gpointer           progress_data,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autoptr(EpCsv) csv = NULL;
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

  csv = g_new0 (EpCsv, 1);
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

  p.length = length;
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

static EpCsv *
parse_buffer (char        *buffer,
              gsize        length,
              const char  *display_name,
              char         sep,
              EpCsvFlags   flags,
              GError     **error)
{
  return ep_csv_read_owned_monitored (buffer, length, display_name, sep, flags, NULL, NULL,
                                      NULL, error);
}

EpCsv *
ep_csv_read_data (const char  *data,
                  gsize        length,
                  const char  *display_name,
                  char         sep,
                  GError     **error)
{
  return ep_csv_read_data_full (data, length, display_name, sep, EP_CSV_FLAGS_NONE, error);
}

EpCsv *
ep_csv_read_data_full (const char  *data,
                       gsize        length,
                       const char  *display_name,
                       char         sep,
                       EpCsvFlags   flags,
                       GError     **error)
{
  return ep_csv_read_data_monitored (data, length, display_name, sep, flags, NULL, NULL, NULL,
                                     error);
}

EpCsv *
ep_csv_read_data_monitored (const char        *data,
                            gsize              length,
                            const char        *display_name,
                            char               sep,
                            EpCsvFlags         flags,
                            EpCsvProgressFunc  progress,
                            gpointer           progress_data,
                            GCancellable      *cancellable,
                            GError           **error)
{
  char *buffer;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* a copy to split in place; the separator and the name are checked there */
  buffer = g_malloc (length + 1);
  if (length > 0)
    memcpy (buffer, data, length);
  buffer[length] = '\0';

  return ep_csv_read_owned_monitored (buffer, length, display_name, sep, flags, progress,
                                      progress_data, cancellable, error);
}

EpCsv *
ep_csv_read_file (const char  *path,
                  char         sep,
                  GError     **error)
{
  return ep_csv_read_file_full (path, sep, EP_CSV_FLAGS_NONE, error);
}

EpCsv *
ep_csv_read_file_full (const char  *path,
                       char         sep,
                       EpCsvFlags   flags,
                       GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (sep == ',' || sep == ';' || sep == '\t', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_path_get_basename (path);

  /* NUL-terminated, as parse_buffer() needs; a regular file of a bounded size (issue 12) */
  if (!ep_file_read_bounded (path, EP_FILE_MAX_TABLE_BYTES, &contents, &length, &local_error))
    {
      g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_IO, "%s", local_error->message);
      return NULL;
    }

  return parse_buffer (contents, length, display_name, sep, flags, error);
}

/* Spreadsheets (ep-sheet.c): the cells come split already; only the header rules of a file
 * apply. Kept apart from the text parser above on purpose. */
EpCsv *
ep_csv_new_from_cells (const char  *display_name,
                       char        *buffer,
                       gsize        buffer_length,
                       guint32     *offsets,
                       guint32     *lines,
                       guint        n_rows_total,
                       guint        n_columns,
                       EpCsvFlags   flags,
                       GError     **error)
{
  g_autoptr(EpCsv) csv = g_new0 (EpCsv, 1);

  g_return_val_if_fail (buffer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  csv->display_name = g_strdup (display_name != NULL ? display_name : "data");
  csv->buffer = buffer;
  csv->offsets = offsets;
  csv->lines = lines;
  csv->n_columns = n_columns;

  if (n_rows_total == 0 || n_columns == 0)
    {
      g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_EMPTY,
                   _("%s: the file is empty; a header row with the column names is required"),
                   csv->display_name);
      return NULL;
    }

  if (flags & EP_CSV_NO_HEADER)
    {
      Parser p = { 0 };

      p.csv = csv;
      p.n_cells = (gsize) n_rows_total * n_columns;
      p.n_rows_total = n_rows_total;
      add_default_header (csv, &p, buffer_length);
      return g_steal_pointer (&csv);
    }

  csv->n_rows = n_rows_total - 1;
  if (!check_header (csv, error))
    return NULL;

  return g_steal_pointer (&csv);
}

const char *
ep_csv_get_display_name (const EpCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);

  return csv->display_name;
}

guint
ep_csv_get_n_rows (const EpCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);

  return csv->n_rows;
}

guint
ep_csv_get_n_columns (const EpCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);

  return csv->n_columns;
}

const char *
ep_csv_get_column_name (const EpCsv *csv,
                        guint        column)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (column < csv->n_columns, NULL);

  return csv->buffer + csv->offsets[column];
}

int
ep_csv_find_column (const EpCsv *csv,
                    const char  *name)
{
  g_return_val_if_fail (csv != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  if (*name == '\0')
    return -1;

  for (guint j = 0; j < csv->n_columns; j++)
    if (strcmp (csv->buffer + csv->offsets[j], name) == 0)
      return (int) j;

  return -1;
}

gboolean
ep_csv_lookup_column (const EpCsv  *csv,
                      const char   *name,
                      guint        *column,
                      GError      **error)
{
  int j;

  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  j = ep_csv_find_column (csv, name);
  if (j < 0)
    {
      const char *header = NULL;

      /* one column whose name holds a separator, or a name with a CR in it: the file was
       * split wrongly (another separator, or lines that end in CR alone) */
      if (csv->n_columns == 1 && strpbrk (ep_csv_get_column_name (csv, 0), ",;\t|\r") != NULL)
        header = ep_csv_get_column_name (csv, 0);
      for (guint k = 0; k < csv->n_columns && header == NULL; k++)
        if (strchr (ep_csv_get_column_name (csv, k), '\r') != NULL)
          header = ep_csv_get_column_name (csv, k);
      if (header != NULL)
        {
          g_autofree char *shown = ep_value_excerpt (header);

          g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_NO_COLUMN,
                       /* TRANSLATORS: the header was split wrongly: a column "time;status" */
                       _("%s: there is no column \"%s\", but there is \"%s\": is the separator "
                         "right (comma, semicolon or tab), and do the lines end in a line feed?"),
                       csv->display_name, name, shown);
          return FALSE;
        }
      g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_NO_COLUMN,
                   _("%s: there is no column \"%s\""), csv->display_name, name);
      return FALSE;
    }

  if (column != NULL)
    *column = (guint) j;

  return TRUE;
}

const char *
ep_csv_get_cell (const EpCsv *csv,
                 guint        row,
                 guint        column)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (row < csv->n_rows, NULL);
  g_return_val_if_fail (column < csv->n_columns, NULL);

  return csv->buffer + csv->offsets[(gsize) (row + 1) * csv->n_columns + column];
}

gboolean
ep_csv_is_missing (const EpCsv *csv,
                   guint        row,
                   guint        column)
{
  const char *cell;

  g_return_val_if_fail (csv != NULL, TRUE);
  g_return_val_if_fail (row < csv->n_rows, TRUE);
  g_return_val_if_fail (column < csv->n_columns, TRUE);

  cell = csv->buffer + csv->offsets[(gsize) (row + 1) * csv->n_columns + column];

  return (cell[0] == '\0' ||
          (cell[0] == '.' && cell[1] == '\0') ||
          (cell[0] == 'N' && cell[1] == 'A' && cell[2] == '\0'));
}

guint
ep_csv_get_line (const EpCsv *csv,
                 guint        row)
{
  g_return_val_if_fail (csv != NULL, 0);
  g_return_val_if_fail (row < csv->n_rows, 0);

  return csv->lines[row + 1];
}

static const double exact_powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* Clinger's fast path: a decimal with at most 15 significant digits and a power of ten up to
 * 22 is an exact integer times or over an exact power of ten, so one IEEE multiplication or
 * division rounds it correctly, exactly as strtod would. Anything else returns FALSE and goes
 * to g_ascii_strtod(). */
static gboolean
parse_simple_decimal (const char *s,
                      double     *value)
{
  guint64 mantissa = 0;
  int digits = 0;
  int scale = 0;
  gboolean negative = FALSE;
  gboolean any = FALSE;
  double x;

  if (*s == '-' || *s == '+')
    negative = (*s++ == '-');

  while (*s == '0')
    {
      s++;
      any = TRUE;
    }
  for (; *s >= '0' && *s <= '9'; s++, any = TRUE)
    {
      if (++digits > 15)
        return FALSE;
      mantissa = mantissa * 10 + (guint64) (*s - '0');
    }
  if (*s == '.')
    {
      s++;
      for (; *s >= '0' && *s <= '9'; s++, any = TRUE)
        {
          if (mantissa == 0 && *s == '0')
            {
              scale++;
              continue;
            }
          if (++digits > 15)
            return FALSE;
          mantissa = mantissa * 10 + (guint64) (*s - '0');
          scale++;
        }
    }
  if (!any || scale > 22)
    return FALSE;
  while (is_blank (*s))
    s++;
  if (*s != '\0')
    return FALSE;

  x = (double) mantissa;
  if (scale > 0)
    x /= exact_powers_of_ten[scale];
  *value = negative ? -x : x;

  return TRUE;
}

gboolean
ep_csv_get_number (const EpCsv  *csv,
                   guint         row,
                   guint         column,
                   double       *value,
                   GError      **error)
{
  const char *cell;
  const char *s;
  char *end = NULL;
  double x;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (row < csv->n_rows, FALSE);
  g_return_val_if_fail (column < csv->n_columns, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cell = ep_csv_get_cell (csv, row, column);
  s = cell;
  while (is_blank (*s))
    s++;

  if (parse_simple_decimal (s, value))
    return TRUE;

  /* Hexadecimal is left out on purpose: no clinical export writes it, and "0x1" is a typo. */
  if (*s != '\0' && strpbrk (s, "xX") == NULL)
    {
      x = g_ascii_strtod (s, &end);
      if (end != s)
        {
          while (is_blank (*end))
            end++;
          if (*end == '\0' && isfinite (x))
            {
              *value = x;
              return TRUE;
            }
        }
    }

  shown = ep_value_excerpt (cell);
  g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_NOT_A_NUMBER,
               _("%s:%u: column \"%s\": \"%s\" is not a number"),
               csv->display_name, ep_csv_get_line (csv, row),
               ep_csv_get_column_name (csv, column), shown);
  return FALSE;
}

/* ---- Encodings (the importer's; ep_csv_read_* stay UTF-8 only) ------------------------- */

const char *
ep_csv_detect_encoding (const char *data,
                        gsize       length)
{
  const guchar *u = (const guchar *) data;

  g_return_val_if_fail (data != NULL || length == 0, "UTF-8");

  if (length >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    return "UTF-8";
  if (length >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    return "UTF-16LE";
  if (length >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    return "UTF-16BE";
  if (find_invalid_utf8 (data, length) == G_MAXSIZE)
    return "UTF-8";
  for (gsize i = 0; i < length; i++)
    if (u[i] == 0x81 || u[i] == 0x8D || u[i] == 0x8F || u[i] == 0x90 || u[i] == 0x9D)
      return "ISO-8859-1";

  return "WINDOWS-1252";
}

gboolean
ep_csv_convert_to_utf8 (const char  *data,
                        gsize        length,
                        const char  *encoding,
                        const char  *display_name,
                        char       **utf8,
                        gsize       *utf8_length,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  gsize skip = 0;
  char *out;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (encoding != NULL, FALSE);
  g_return_val_if_fail (utf8 != NULL && utf8_length != NULL, FALSE);

  *utf8 = NULL;
  *utf8_length = 0;
  if (display_name == NULL)
    display_name = "data";

  /* UTF-8 is read in place; the CSV reader checks it and names the cell that is not. */
  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0)
    return TRUE;

  if ((g_ascii_strcasecmp (encoding, "UTF-16LE") == 0 && length >= 2 &&
       (guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
      (g_ascii_strcasecmp (encoding, "UTF-16BE") == 0 && length >= 2 &&
       (guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    skip = 2;

  out = g_convert (data + skip, (gssize) (length - skip), "UTF-8", encoding, &bytes_read,
                   utf8_length, &local_error);
  if (out == NULL)
    {
      if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_ENCODING,
                     _("%s: the encoding “%s” is not known"), display_name, encoding);
      else
        g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_ENCODING,
                     _("%s: byte %lu is not text in the encoding %s; choose another encoding"),
                     display_name, (gulong) (bytes_read + skip + 1), encoding);
      return FALSE;
    }

  *utf8 = out;
  return TRUE;
}
