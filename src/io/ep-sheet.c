/* ep-sheet.c: spreadsheet files (.xlsx, .ods, .xls) read as a table of cell texts
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three readers fill one Grid: a sparse list of (row, column, text offset) for the cells that
 * hold something, and one buffer of NUL-terminated texts. Shared strings are stored in that
 * buffer once and cells point to them, so a column of repeated categories costs 12 bytes a
 * cell. At the end the Grid becomes the dense offset table of an EpCsv over its used range.
 *
 * .xlsx (ECMA-376 part 1) and .ods (ODF 1.2 part 1) are zip archives of XML: libzip inflates a
 * member as libxml2's xmlTextReader asks for bytes, so nothing holds a whole sheet's XML. The
 * reader is opened without XML_PARSE_NOENT and XML_PARSE_DTDLOAD and with XML_PARSE_NONET,
 * and any document type declaration or entity reference is refused outright: no spreadsheet
 * writer produces one, and it is how entity expansion attacks start. .xls goes to FreeXL.
 */
#include "config.h"

#include <errno.h>
#include <freexl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "io/ep-sheet.h"
#include "io/ep-table.h"

G_DEFINE_QUARK (ep-sheet-error-quark, ep_sheet_error)

#define RATIO_GRACE (G_GUINT64_CONSTANT (10) << 20)

EpSheetFormat
ep_sheet_format_for_path (const char *path)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, EP_SHEET_FORMAT_NONE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm"))
    return EP_SHEET_FORMAT_XLSX;
  if (g_str_has_suffix (lower, ".ods"))
    return EP_SHEET_FORMAT_ODS;
  if (g_str_has_suffix (lower, ".xls"))
    return EP_SHEET_FORMAT_XLS;

  return EP_SHEET_FORMAT_NONE;
}

/* ---- dates ---------------------------------------------------------------------------- */

gboolean
ep_sheet_serial_to_date (double    serial,
                         gboolean  date1904,
                         gint32   *days,
                         guint    *seconds)
{
  double whole;
  double secs;
  gint64 d;

  if (!isfinite (serial) || serial < 0 || serial > 2958466.0 /* 9999-12-31 */)
    return FALSE;

  whole = floor (serial);
  secs = round ((serial - whole) * 86400.0);
  if (secs >= 86400.0)
    {
      whole += 1;
      secs = 0;
    }

  if (date1904)
    d = (gint64) whole - 24107;           /* 1904-01-01 is day -24107 */
  else if (whole >= 61)
    d = (gint64) whole - 25569;           /* 1899-12-30 + serial */
  else if (whole == 60)
    return FALSE;                         /* 1900-02-29 */
  else
    d = (gint64) whole - 25568;           /* 1899-12-31 + serial */

  *days = (gint32) d;
  *seconds = (guint) secs;

  return TRUE;
}

gboolean
ep_sheet_is_date_format (guint       id,
                         const char *code)
{
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58) || (id >= 71 && id <= 81))
    return TRUE;
  if (code == NULL)
    return FALSE;

  for (const char *c = code; *c != '\0'; c++)
    {
      switch (*c)
        {
        case '"':
          c = strchr (c + 1, '"');
          if (c == NULL)
            return FALSE;
          break;
        case '\\':
        case '_':
        case '*':
          if (c[1] == '\0')
            return FALSE;
          c++;
          break;
        case '[':
          {
            const char *end = strchr (c, ']');

            if (end == NULL)
              return FALSE;
            /* [h], [mm], [ss]: elapsed time; [Red], [$-407], [>=100]: not */
            if (end > c + 1 && strspn (c + 1, "hHmMsS") == (gsize) (end - c - 1))
              return TRUE;
            c = end;
          }
          break;
        case 'd': case 'D': case 'm': case 'M': case 'y': case 'Y':
        case 'h': case 'H': case 's': case 'S':
          return TRUE;
        default:
          break;
        }
    }

  return FALSE;
}

/* ---- the grid ------------------------------------------------------------------------- */

/* Cells usually come row by row, left to right, and every row as wide as the first. While they
 * do, the grid fills the dense offset table directly (4 bytes a cell, the table EpCsv keeps);
 * the first row's cells wait in the list until its width is known. A cell out of that order
 * or beyond that width turns the grid into the sparse list of (row, column, offset), sorted
 * at the end, which takes any order (12 bytes a cell). */
typedef struct
{
  guint32 row;
  guint32 column;
  guint32 offset;
} Cell;

typedef struct
{
  const char *display_name;
  const char *sheet_name;
  GString    *text;         /* offset 0 is "" */
  GArray     *cells;        /* Cell: the first row in dense mode, all cells in sparse mode */
  guint       max_rows;     /* the preview's limit, 0: none */
  guint32     first_row;    /* the first row with a cell, G_MAXUINT32 before */
  gboolean    full;         /* max_rows reached: the reader may stop */
  guint64     n_cells;
  gboolean    dense;
  guint32    *table;        /* dense: n_table_rows x width offsets from first_row on, 0 empty */
  gsize       table_alloc;  /* rows */
  guint32     n_table_rows;
  guint32     width;        /* 0 while the first row is read */
  guint32     last_row;     /* of the last cell, in dense mode */
  guint32     last_column;
  guint32     column_min;
  guint32     column_max;
} Grid;

static void
grid_init (Grid       *g,
           const char *display_name,
           guint       max_rows)
{
  memset (g, 0, sizeof *g);
  g->display_name = display_name;
  g->text = g_string_sized_new (4096);
  g_string_append_c (g->text, '\0');
  g->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), 1024);
  g->max_rows = max_rows;
  g->first_row = G_MAXUINT32;
  g->dense = TRUE;
  g->column_min = G_MAXUINT32;
}

static void
grid_clear (Grid *g)
{
  if (g->text != NULL)
    g_string_free (g->text, TRUE);
  if (g->cells != NULL)
    g_array_unref (g->cells);
  g->text = NULL;
  g->cells = NULL;
  g_clear_pointer (&g->table, g_free);
}

/* Dense to sparse: the table's cells join the list, and everything after goes there too. */
static void
grid_make_sparse (Grid *g)
{
  g_autoptr(GArray) first = g->cells;

  g->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), (guint) MIN (g->n_cells + 1024, G_MAXUINT));
  for (guint32 i = 0; i < g->n_table_rows; i++)
    for (guint32 j = 0; j < g->width; j++)
      if (g->table[(gsize) i * g->width + j] != 0)
        {
          Cell c = { g->first_row + i, j, g->table[(gsize) i * g->width + j] };

          g_array_append_val (g->cells, c);
        }
  /* the first row, when it is still waiting, comes before any table row */
  if (g->width == 0)
    g_array_append_vals (g->cells, first->data, first->len);
  g_clear_pointer (&g->table, g_free);
  g->dense = FALSE;
}

/* The table's row for row, extended with empty rows up to it; NULL when the table would grow
 * past the cell limit (the caller goes sparse, and the limit speaks at the end). */
static guint32 *
grid_table_row (Grid    *g,
                guint32  row)
{
  guint32 k = row - g->first_row;

  if (k >= g->n_table_rows)
    {
      if ((guint64) (k + 1) * g->width > EP_SHEET_MAX_CELLS)
        return NULL;
      if (k >= g->table_alloc)
        {
          g->table_alloc = MAX ((gsize) k + 1, g->table_alloc * 2);
          g->table = g_renew (guint32, g->table, g->table_alloc * g->width);
        }
      memset (g->table + (gsize) g->n_table_rows * g->width, 0,
              (gsize) (k + 1 - g->n_table_rows) * g->width * sizeof (guint32));
      g->n_table_rows = k + 1;
    }

  return g->table + (gsize) k * g->width;
}

/* The first row is complete: its width fixes the table's, and its cells move there. */
static void
grid_fix_width (Grid *g)
{
  guint32 *row;

  g->width = g->column_max + 1;
  g->table_alloc = 1024;
  g->table = g_new (guint32, g->table_alloc * g->width);
  row = grid_table_row (g, g->first_row);
  g_assert (row != NULL);
  for (guint i = 0; i < g->cells->len; i++)
    {
      const Cell *c = &g_array_index (g->cells, Cell, i);

      row[c->column] = c->offset;
    }
  g_array_set_size (g->cells, 0);
}

static void
grid_put (Grid    *g,
          guint32  row,
          guint32  column,
          guint32  offset)
{
  g->n_cells++;
  if (g->dense)
    {
      gboolean in_order = g->n_cells == 1 || row > g->last_row ||
                          (row == g->last_row && column > g->last_column);

      if (in_order && g->width == 0 && row != g->first_row && g->n_cells > 1)
        grid_fix_width (g);
      if (in_order && g->width == 0)
        {
          Cell cell = { row, column, offset };

          g_array_append_val (g->cells, cell);
          goto placed;
        }
      if (in_order && column < g->width)
        {
          guint32 *r = grid_table_row (g, row);

          if (r != NULL)
            {
              r[column] = offset;
              goto placed;
            }
        }
      grid_make_sparse (g);
    }

  {
    Cell cell = { row, column, offset };

    g_array_append_val (g->cells, cell);
  }

placed:
  g->last_row = row;
  g->last_column = column;
  g->column_min = MIN (g->column_min, column);
  g->column_max = MAX (g->column_max, column);
  if (g->first_row > row)
    g->first_row = row;
}

static gboolean
grid_check_position (Grid     *g,
                     guint64   row,
                     guint64   column,
                     GError  **error)
{
  if (row >= EP_SHEET_MAX_ROWS)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_TOO_LARGE,
                   _("%s: the sheet has more than %u rows, more than a spreadsheet can hold; "
                     "split it or save it as CSV"),
                   g->display_name, EP_SHEET_MAX_ROWS);
      return FALSE;
    }
  if (column >= EP_SHEET_MAX_COLUMNS)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_TOO_LARGE,
                   _("%s: the sheet has more than %u columns, more than a spreadsheet can hold"),
                   g->display_name, EP_SHEET_MAX_COLUMNS);
      return FALSE;
    }
  if (g->n_cells >= EP_SHEET_MAX_CELLS)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_TOO_LARGE,
                   _("%s: the sheet has more than %u cells, more than Endpoint reads"),
                   g->display_name, EP_SHEET_MAX_CELLS);
      return FALSE;
    }

  return TRUE;
}

/* A cell pointing at a text already in the buffer (a shared string). */
static gboolean
grid_add_offset (Grid     *g,
                 guint64   row,
                 guint64   column,
                 guint32   offset,
                 GError  **error)
{
  if (g->text->str[offset] == '\0' || g->full)
    return TRUE;
  if (g->max_rows > 0 && g->first_row != G_MAXUINT32 && row >= (guint64) g->first_row + g->max_rows)
    {
      g->full = TRUE;
      return TRUE;
    }
  if (!grid_check_position (g, row, column, error))
    return FALSE;

  grid_put (g, (guint32) row, (guint32) column, offset);

  return TRUE;
}

/* Appends a text to the buffer; its offset, or 0 for "" and on error. */
static gboolean
grid_store_text (Grid        *g,
                 const char  *text,
                 gsize        length,
                 guint32     *offset,
                 GError     **error)
{
  *offset = 0;
  if (length == 0)
    return TRUE;
  if ((guint64) g->text->len + length + 1 >= G_MAXUINT32)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_TOO_LARGE,
                   _("%s: the sheet holds more than 4 GB of text, more than Endpoint reads"),
                   g->display_name);
      return FALSE;
    }
  *offset = (guint32) g->text->len;
  g_string_append_len (g->text, text, (gssize) length);
  g_string_append_c (g->text, '\0');

  return TRUE;
}

static gboolean
grid_add_text (Grid        *g,
               guint64      row,
               guint64      column,
               const char  *text,
               gsize        length,
               GError     **error)
{
  guint32 offset;

  if (length == 0 || g->full)
    return TRUE;
  if (!grid_check_position (g, row, column, error))
    return FALSE;
  if (!grid_store_text (g, text, length, &offset, error))
    return FALSE;

  return grid_add_offset (g, row, column, offset, error);
}

/* The text of a number cell, as a date when its format shows one. */
static gboolean
grid_add_number (Grid        *g,
                 guint64      row,
                 guint64      column,
                 const char  *value,
                 gboolean     is_date,
                 gboolean     date1904,
                 GError     **error)
{
  char buf[64];
  double serial;
  char *end = NULL;
  gint32 days;
  guint seconds;
  gsize n;

  while (*value == ' ')
    value++;
  if (!is_date || *value == '\0')
    return grid_add_text (g, row, column, value, strlen (value), error);

  serial = g_ascii_strtod (value, &end);
  if (end == value || !ep_sheet_serial_to_date (serial, date1904, &days, &seconds))
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_INVALID,
                   /* TRANSLATORS: book.xlsx:17: column 3: the date serial 60 ... */
                   _("%s:%u: column %u: the date serial %s is not a day of the calendar "
                     "(Excel's 1900-02-29, which never was, or a negative date)"),
                   g->display_name, (guint) row + 1, (guint) column + 1, value);
      return FALSE;
    }

  n = ep_value_format_date_buf (days, buf);
  if (seconds != 0)
    n += (gsize) g_snprintf (buf + n, sizeof buf - n, " %02u:%02u:%02u",
                             seconds / 3600, seconds / 60 % 60, seconds % 60);

  return grid_add_text (g, row, column, buf, n, error);
}

static gint
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const Cell *x = a, *y = b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return (x->column > y->column) - (x->column < y->column);
}

static EpCsv *
grid_finish (Grid        *g,
             EpCsvFlags   flags,
             GError     **error)
{
  guint32 row0 = G_MAXUINT32, row1 = 0, col0 = G_MAXUINT32, col1 = 0;
  guint64 n_rows, n_columns;
  guint32 *offsets;
  guint32 *lines;
  gsize length;

  if (g->dense && g->width == 0 && g->cells->len > 0)
    grid_fix_width (g);                       /* a sheet of one row */

  if (g->n_cells == 0)
    {
      g_set_error (error, EP_CSV_ERROR, EP_CSV_ERROR_EMPTY,
                   _("%s: the sheet is empty; a header row with the column names is required"),
                   g->display_name);
      return NULL;
    }

  if (g->dense)
    {
      row0 = g->first_row;
      row1 = g->first_row + g->n_table_rows - 1;
      col0 = g->column_min;
      col1 = g->column_max;
    }
  else
    for (guint i = 0; i < g->cells->len; i++)
      {
        const Cell *c = &g_array_index (g->cells, Cell, i);

        row0 = MIN (row0, c->row);
        row1 = MAX (row1, c->row);
        col0 = MIN (col0, c->column);
        col1 = MAX (col1, c->column);
      }

  n_rows = (guint64) row1 - row0 + 1;
  n_columns = (guint64) col1 - col0 + 1;
  if (n_rows * n_columns > EP_SHEET_MAX_CELLS)
    {
      /* both are below 2^21: they fit a guint */
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_TOO_LARGE,
                   _("%s: the sheet's used range is %u rows by %u columns, more than Endpoint "
                     "reads (%u cells); a stray value far to the right or below the data can "
                     "cause this"),
                   g->display_name, (guint) n_rows, (guint) n_columns, EP_SHEET_MAX_CELLS);
      return NULL;
    }

  if (g->dense)
    {
      /* the used columns of each row, moved to the front in place */
      offsets = g_steal_pointer (&g->table);
      if (col0 != 0 || n_columns != g->width)
        for (guint64 i = 0; i < n_rows; i++)
          memmove (offsets + i * n_columns, offsets + i * g->width + col0,
                   n_columns * sizeof (guint32));
      offsets = g_renew (guint32, offsets, MAX (n_rows * n_columns, 1));
    }
  else
    {
      /* Readers emit cells in order; a file that does not (a repeated cell) keeps the last. */
      for (guint i = 1; i < g->cells->len; i++)
        if (compare_cells (&g_array_index (g->cells, Cell, i - 1),
                           &g_array_index (g->cells, Cell, i)) > 0)
          {
            g_array_sort (g->cells, compare_cells);
            break;
          }

      offsets = g_new0 (guint32, n_rows * n_columns);
      for (guint i = 0; i < g->cells->len; i++)
        {
          const Cell *c = &g_array_index (g->cells, Cell, i);

          offsets[(gsize) (c->row - row0) * n_columns + (c->column - col0)] = c->offset;
        }
    }
  lines = g_new (guint32, n_rows);
  for (guint64 i = 0; i < n_rows; i++)
    lines[i] = row0 + (guint32) i + 1;

  g_clear_pointer (&g->cells, g_array_unref);
  length = g->text->len - 1;

  return ep_csv_new_from_cells (g->display_name, g_string_free (g_steal_pointer (&g->text), FALSE),
                                length, offsets, lines, (guint) n_rows, (guint) n_columns,
                                flags, error);
}

/* ---- zip members as XML --------------------------------------------------------------- */

typedef struct
{
  const char  *display_name;
  zip_t       *zip;
} Archive;

typedef struct
{
  Archive          *archive;
  char             *member;
  zip_file_t       *file;
  guint64           declared;     /* the inflated size the archive states */
  guint64           inflated;     /* bytes read so far */
  gboolean          bomb;
  gboolean          doctype;      /* a <!DOCTYPE in the prolog */
  gboolean          in_body;      /* the prolog is over: the root element has begun */
  char             *zip_error;
  char             *xml_error;
  xmlTextReaderPtr  reader;
} Xml;

static int
xml_read_cb (void *context,
             char *buffer,
             int   length)
{
  Xml *x = context;
  zip_int64_t n;

  n = zip_fread (x->file, buffer, (zip_uint64_t) length);
  if (n < 0)
    {
      if (x->zip_error == NULL)
        x->zip_error = g_strdup (zip_error_strerror (zip_file_get_error (x->file)));
      return -1;
    }
  x->inflated += (guint64) n;
  if (x->inflated > x->declared || x->inflated > EP_SHEET_MAX_INFLATED)
    {
      x->bomb = TRUE;
      return -1;
    }

  /* A DTD is refused before libxml2 sees it: spreadsheets never declare one, and entity
   * expansion starts there. Only the prolog is looked at, up to the root element's "<". */
  for (zip_int64_t i = 0; !x->in_body && i + 1 < n; i++)
    {
      if (buffer[i] != '<')
        continue;
      if (g_ascii_isalpha (buffer[i + 1]))
        x->in_body = TRUE;
      else if (buffer[i + 1] == '!' && n - i >= 9 && memcmp (buffer + i, "<!DOCTYPE", 9) == 0)
        {
          x->doctype = TRUE;
          return -1;
        }
    }

  return (int) n;
}

static int
xml_close_cb (void *context)
{
  return 0;
}

static void
xml_error_cb (void        *context,
              xmlErrorPtr  error)
{
  Xml *x = context;

  if (x->xml_error == NULL && error != NULL && error->level >= XML_ERR_ERROR &&
      error->message != NULL)
    {
      x->xml_error = g_strdup_printf ("line %d: %s", error->line, error->message);
      g_strchomp (x->xml_error);
    }
}

static void
xml_close (Xml *x)
{
  g_clear_pointer (&x->reader, xmlFreeTextReader);
  if (x->file != NULL)
    zip_fclose (x->file);
  x->file = NULL;
  g_clear_pointer (&x->member, g_free);
  g_clear_pointer (&x->zip_error, g_free);
  g_clear_pointer (&x->xml_error, g_free);
}

static gboolean
archive_has (Archive    *a,
             const char *member)
{
  return zip_name_locate (a->zip, member, ZIP_FL_NOCASE) >= 0;
}

/* Opens a member for reading through xml_read_cb(), after the zip bomb checks. */
static gboolean
xml_open_member (Archive     *a,
                 const char  *member,
                 Xml         *x,
                 GError     **error)
{
  zip_stat_t st;
  zip_int64_t index;

  memset (x, 0, sizeof *x);
  x->archive = a;
  x->member = g_strdup (member);

  index = zip_name_locate (a->zip, member, ZIP_FL_NOCASE);
  if (index < 0 || zip_stat_index (a->zip, (zip_uint64_t) index, 0, &st) != 0)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: the workbook has no part “%s” (damaged, or not a spreadsheet)"),
                   a->display_name, member);
      return FALSE;
    }

  x->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  if (x->declared > EP_SHEET_MAX_INFLATED ||
      ((st.valid & ZIP_STAT_COMP_SIZE) && x->declared > RATIO_GRACE &&
       x->declared / MAX (st.comp_size, 1) > EP_SHEET_MAX_RATIO))
    {
      g_autofree char *inflated = g_strdup_printf ("%" G_GUINT64_FORMAT, x->declared);
      g_autofree char *compressed =
        g_strdup_printf ("%" G_GUINT64_FORMAT,
                         (guint64) ((st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0));

      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_UNSAFE,
                   _("%s: “%s” would inflate to %s bytes from %s; refused as a zip bomb"),
                   a->display_name, member, inflated, compressed);
      return FALSE;
    }

  x->file = zip_fopen_index (a->zip, (zip_uint64_t) index, 0);
  if (x->file == NULL)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: “%s” cannot be read: %s"), a->display_name, member,
                   zip_strerror (a->zip));
      return FALSE;
    }

  return TRUE;
}

static gboolean
xml_open (Archive     *a,
          const char  *member,
          Xml         *x,
          GError     **error)
{
  if (!xml_open_member (a, member, x, error))
    return FALSE;

  x->reader = xmlReaderForIO (xml_read_cb, xml_close_cb, x, member, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                              XML_PARSE_NOCDATA);
  if (x->reader == NULL)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: “%s” cannot be read as XML"), a->display_name, member);
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (x->reader, xml_error_cb, x);

  return TRUE;
}

static gboolean
xml_fail (Xml     *x,
          GError **error)
{
  const char *name = x->archive->display_name;

  if (x->doctype)
    g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_UNSAFE,
                 _("%s: “%s” declares a document type with entities, which no spreadsheet "
                   "program writes; refused (XML entity expansion)"),
                 name, x->member);
  else if (x->bomb)
    g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_UNSAFE,
                 _("%s: “%s” inflates to more than it declares or than %u MiB; refused as a "
                   "zip bomb"),
                 name, x->member, (guint) (EP_SHEET_MAX_INFLATED >> 20));
  else if (x->zip_error != NULL)
    g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                 _("%s: “%s” is damaged or truncated: %s"), name, x->member, x->zip_error);
  else
    g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                 _("%s: “%s” is not well-formed XML (%s)"), name, x->member,
                 x->xml_error != NULL ? x->xml_error : _("the document ends early"));

  return FALSE;
}

/* The next node: 1, 0 at the end, -1 with error set. */
static int
xml_next (Xml     *x,
          GError **error)
{
  int r = xmlTextReaderRead (x->reader);
  int type;

  if (r < 0 || x->bomb || x->doctype || x->zip_error != NULL)
    {
      xml_fail (x, error);
      return -1;
    }
  if (r == 0)
    return 0;

  type = xmlTextReaderNodeType (x->reader);
  if (G_UNLIKELY (type == XML_READER_TYPE_DOCUMENT_TYPE ||
                  type == XML_READER_TYPE_ENTITY_REFERENCE ||
                  type == XML_READER_TYPE_ENTITY))
    {
      x->doctype = TRUE;
      xml_fail (x, error);
      return -1;
    }

  return 1;
}

static inline gboolean
xml_is (Xml        *x,
        int         type,
        const char *local_name)
{
  return xmlTextReaderNodeType (x->reader) == type &&
         strcmp ((const char *) xmlTextReaderConstLocalName (x->reader), local_name) == 0;
}

static inline gboolean
xml_is_start (Xml        *x,
              const char *local_name)
{
  return xml_is (x, XML_READER_TYPE_ELEMENT, local_name);
}

/* The value of the current element's attribute by local name, whatever its namespace
 * prefix; NULL when absent. Valid until the next read. */
static const char *
xml_attribute (Xml        *x,
               const char *local_name)
{
  const char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (x->reader) != 1)
    return NULL;
  do
    {
      if (strcmp ((const char *) xmlTextReaderConstLocalName (x->reader), local_name) == 0)
        {
          value = (const char *) xmlTextReaderConstValue (x->reader);
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (x->reader) == 1);
  xmlTextReaderMoveToElement (x->reader);

  return value;
}

/* ---- zip members through libxml2's SAX2 interface ------------------------------------- */

/* The large parts (a sheet, the shared strings) are parsed with SAX2 callbacks rather than
 * the text reader: libxml2 then builds no node per element and hands over attribute values
 * and text in place, which is most of the difference for a million rows. The same read
 * callback feeds it, so the zip bomb and DOCTYPE checks are the same; a DTD that gets past
 * that check still stops the parse in the internalSubset callback. */
typedef struct
{
  Xml              *x;
  xmlParserCtxtPtr  ctxt;
  GError           *error;      /* set by a callback; the parse is stopped */
  gboolean          done;       /* a callback has what it needs; the parse is stopped */
  int               depth;      /* of the element being started or ended */
} Sax;

static void
sax_stop (Sax *sax)
{
  xmlStopParser (sax->ctxt);
}

static void
sax_fail (Sax    *sax,
          GError *error)
{
  if (sax->error == NULL)
    sax->error = error;
  else
    g_error_free (error);
  sax_stop (sax);
}

static void
sax_internal_subset (void          *user,
                     const xmlChar *name,
                     const xmlChar *external_id,
                     const xmlChar *system_id)
{
  Sax *sax = user;

  sax->x->doctype = TRUE;
  sax_stop (sax);
}

static void
sax_entity_decl (void          *user,
                 const xmlChar *name,
                 int            type,
                 const xmlChar *public_id,
                 const xmlChar *system_id,
                 xmlChar       *content)
{
  Sax *sax = user;

  sax->x->doctype = TRUE;
  sax_stop (sax);
}

static void
sax_reference (void          *user,
               const xmlChar *name)
{
  Sax *sax = user;

  sax->x->doctype = TRUE;
  sax_stop (sax);
}

static void
sax_error (void        *user,
           xmlErrorPtr  error)
{
  Sax *sax = user;

  xml_error_cb (sax->x, error);
}

static void
sax_handler_init (xmlSAXHandler *handler)
{
  memset (handler, 0, sizeof *handler);
  handler->initialized = XML_SAX2_MAGIC;
  handler->internalSubset = sax_internal_subset;
  handler->externalSubset = sax_internal_subset;
  handler->entityDecl = sax_entity_decl;
  handler->reference = sax_reference;
  handler->serror = sax_error;
}

/* Parses member with handler; user begins with a Sax. */
static gboolean
sax_parse (Archive        *a,
           const char     *member,
           xmlSAXHandler  *handler,
           Sax            *sax,
           GError        **error)
{
  Xml x;
  gboolean ok;

  if (!xml_open_member (a, member, &x, error))
    {
      xml_close (&x);
      return FALSE;
    }

  sax->x = &x;
  sax->ctxt = xmlCreateIOParserCtxt (handler, sax, xml_read_cb, xml_close_cb, &x,
                                     XML_CHAR_ENCODING_NONE);
  if (sax->ctxt == NULL)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: “%s” cannot be read as XML"), a->display_name, member);
      xml_close (&x);
      return FALSE;
    }
  xmlCtxtUseOptions (sax->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA);

  xmlParseDocument (sax->ctxt);

  if (sax->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sax->error));
      ok = FALSE;
    }
  else if (x.doctype || x.bomb || x.zip_error != NULL)
    ok = xml_fail (&x, error);
  else if (sax->done)
    ok = TRUE;
  else if (!sax->ctxt->wellFormed)
    ok = xml_fail (&x, error);
  else
    ok = TRUE;

  xmlFreeParserCtxt (sax->ctxt);
  sax->ctxt = NULL;
  xml_close (&x);

  return ok;
}

/* An attribute's value as a NUL-terminated string: SAX2 gives [value, end). */
typedef struct
{
  char  buf[64];
  char *heap;
} AttrText;

static const char *
attr_text (AttrText      *t,
           const xmlChar *value,
           const xmlChar *end)
{
  gsize n = (gsize) (end - value);

  if (n < sizeof t->buf)
    {
      memcpy (t->buf, value, n);
      t->buf[n] = '\0';
      return t->buf;
    }
  g_free (t->heap);
  t->heap = g_strndup ((const char *) value, n);
  return t->heap;
}

static void
attr_text_clear (AttrText *t)
{
  g_clear_pointer (&t->heap, g_free);
}

/* Calls back with each attribute of a start tag in the order the text reader lists them
 * (namespace declarations first, named by their prefix, or "xmlns"), so that a lookup by
 * local name finds what the text reader's xml_attribute() finds. */
typedef gboolean (*AttrFunc) (const char    *local_name,
                              const xmlChar *value,
                              const xmlChar *end,
                              gpointer       data);

static void
sax_each_attribute (int             n_namespaces,
                    const xmlChar **namespaces,
                    int             n_attributes,
                    const xmlChar **attributes,
                    AttrFunc        func,
                    gpointer        data)
{
  for (int i = 0; i < n_namespaces; i++)
    {
      const xmlChar *prefix = namespaces[2 * i];
      const xmlChar *uri = namespaces[2 * i + 1];

      if (uri == NULL)
        uri = (const xmlChar *) "";
      if (!func (prefix != NULL ? (const char *) prefix : "xmlns", uri, uri + strlen ((const char *) uri), data))
        return;
    }
  for (int i = 0; i < n_attributes; i++)
    if (!func ((const char *) attributes[5 * i], attributes[5 * i + 3], attributes[5 * i + 4], data))
      return;
}

typedef struct
{
  const char    *name;
  const xmlChar *value;
  const xmlChar *end;
} AttrFind;

static gboolean
attr_find_cb (const char    *local_name,
              const xmlChar *value,
              const xmlChar *end,
              gpointer       data)
{
  AttrFind *f = data;

  if (strcmp (local_name, f->name) != 0)
    return TRUE;
  f->value = value;
  f->end = end;
  return FALSE;
}

/* The first attribute of that local name, as xml_attribute() finds it; NULL when absent. */
static const char *
sax_attribute (AttrText        *t,
               const char      *local_name,
               int              n_namespaces,
               const xmlChar  **namespaces,
               int              n_attributes,
               const xmlChar  **attributes)
{
  AttrFind f = { local_name, NULL, NULL };

  sax_each_attribute (n_namespaces, namespaces, n_attributes, attributes, attr_find_cb, &f);

  return f.value != NULL ? attr_text (t, f.value, f.end) : NULL;
}

static gboolean
archive_open (Archive     *a,
              const char  *display_name,
              zip_source_t *source,
              GError     **error)
{
  zip_error_t zerror;

  memset (a, 0, sizeof *a);
  a->display_name = display_name;
  zip_error_init (&zerror);
  a->zip = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &zerror);
  if (a->zip == NULL)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: not a spreadsheet, or a damaged or truncated one: %s"),
                   display_name, zip_error_strerror (&zerror));
      zip_error_fini (&zerror);
      zip_source_free (source);
      return FALSE;
    }
  zip_error_fini (&zerror);

  return TRUE;
}

static void
archive_close (Archive *a)
{
  if (a->zip != NULL)
    zip_discard (a->zip);
  a->zip = NULL;
}

/* ---- xlsx ----------------------------------------------------------------------------- */

typedef struct
{
  char *name;
  char *member;
} SheetEntry;

static void
sheet_entry_clear (gpointer data)
{
  SheetEntry *e = data;

  g_free (e->name);
  g_free (e->member);
}

typedef struct
{
  Archive   archive;
  GArray   *sheets;           /* SheetEntry */
  char     *shared_strings;   /* member names, or NULL */
  char     *styles;
  gboolean  date1904;
  GArray   *date_styles;      /* gboolean by cellXfs index */
} Xlsx;

/* A relationship's target resolved against the part that owns it (ECMA-376 part 2, 9.3). */
static char *
resolve_target (const char *base_member,
                const char *target)
{
  g_autofree char *dir = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  if (target[0] == '/')
    return g_strdup (target + 1);

  dir = g_path_get_dirname (base_member);
  joined = (base_member[0] == '\0' || strcmp (dir, ".") == 0)
             ? g_strdup (target) : g_strconcat (dir, "/", target, NULL);
  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (out->len > 0)
            g_ptr_array_remove_index (out, out->len - 1);
          continue;
        }
      g_ptr_array_add (out, parts[i]);
    }
  g_ptr_array_add (out, NULL);

  return g_strjoinv ("/", (char **) out->pdata);
}

static void
rels_member_for (const char *member,
                 GString    *out)
{
  g_autofree char *dir = g_path_get_dirname (member);
  g_autofree char *base = g_path_get_basename (member);

  g_string_truncate (out, 0);
  if (member[0] == '\0')
    {
      g_string_append (out, "_rels/.rels");
      return;
    }
  if (strcmp (dir, ".") != 0)
    g_string_append_printf (out, "%s/", dir);
  g_string_append_printf (out, "_rels/%s.rels", base);
}

/* Reads a .rels part: calls back with (Id, Type, resolved target). */
static gboolean
read_rels (Archive     *a,
           const char  *owner,
           GHashTable  *targets_by_id,
           GHashTable  *targets_by_type_suffix,
           GError     **error)
{
  g_autoptr(GString) rels = g_string_new (NULL);
  Xml x;
  int r;

  rels_member_for (owner, rels);
  if (!archive_has (a, rels->str))
    return TRUE;
  if (!xml_open (a, rels->str, &x, error))
    {
      xml_close (&x);
      return FALSE;
    }

  while ((r = xml_next (&x, error)) > 0)
    {
      const char *id, *type, *target;
      g_autofree char *id_copy = NULL, *type_copy = NULL, *resolved = NULL;
      const char *slash;

      if (!xml_is_start (&x, "Relationship"))
        continue;
      id = xml_attribute (&x, "Id");
      id_copy = g_strdup (id);
      type = xml_attribute (&x, "Type");
      type_copy = g_strdup (type);
      target = xml_attribute (&x, "Target");
      if (id_copy == NULL || target == NULL || type_copy == NULL)
        continue;
      resolved = resolve_target (owner, target);
      slash = strrchr (type_copy, '/');
      if (targets_by_type_suffix != NULL && slash != NULL &&
          !g_hash_table_contains (targets_by_type_suffix, slash + 1))
        g_hash_table_insert (targets_by_type_suffix, g_strdup (slash + 1), g_strdup (resolved));
      if (targets_by_id != NULL)
        g_hash_table_insert (targets_by_id, g_steal_pointer (&id_copy), g_steal_pointer (&resolved));
    }
  xml_close (&x);

  return r == 0;
}

static gboolean
xlsx_read_workbook (Xlsx     *book,
                    GError  **error)
{
  Archive *a = &book->archive;
  g_autoptr(GHashTable) root = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *workbook;
  Xml x;
  int r;

  if (!read_rels (a, "", NULL, root, error))
    return FALSE;
  workbook = g_hash_table_lookup (root, "officeDocument");
  if (workbook == NULL)
    workbook = "xl/workbook.xml";
  if (!archive_has (a, workbook))
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: not an Excel workbook (it has no workbook part)"), a->display_name);
      return FALSE;
    }
  if (!read_rels (a, workbook, by_id, by_type, error))
    return FALSE;
  book->shared_strings = g_strdup (g_hash_table_lookup (by_type, "sharedStrings"));
  book->styles = g_strdup (g_hash_table_lookup (by_type, "styles"));

  if (!xml_open (a, workbook, &x, error))
    {
      xml_close (&x);
      return FALSE;
    }
  while ((r = xml_next (&x, error)) > 0)
    {
      if (xml_is_start (&x, "workbookPr"))
        {
          const char *v = xml_attribute (&x, "date1904");

          book->date1904 = v != NULL && (strcmp (v, "1") == 0 || strcmp (v, "true") == 0);
        }
      else if (xml_is_start (&x, "sheet"))
        {
          SheetEntry e = { NULL, NULL };
          g_autofree char *rid = g_strdup (xml_attribute (&x, "id"));
          const char *member = rid != NULL ? g_hash_table_lookup (by_id, rid) : NULL;

          e.name = g_strdup (xml_attribute (&x, "name"));
          if (e.name == NULL)
            e.name = g_strdup_printf ("%u", book->sheets->len + 1);
          e.member = g_strdup (member);
          g_array_append_val (book->sheets, e);
        }
    }
  xml_close (&x);
  if (r < 0)
    return FALSE;

  if (book->sheets->len == 0)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: the workbook has no sheets"), a->display_name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
xlsx_read_styles (Xlsx     *book,
                  GError  **error)
{
  g_autoptr(GHashTable) custom = NULL;
  gboolean in_cell_xfs = FALSE;
  Xml x;
  int r;

  if (book->styles == NULL || !archive_has (&book->archive, book->styles))
    return TRUE;

  custom = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  if (!xml_open (&book->archive, book->styles, &x, error))
    {
      xml_close (&x);
      return FALSE;
    }
  while ((r = xml_next (&x, error)) > 0)
    {
      if (xml_is_start (&x, "numFmt"))
        {
          const char *id = xml_attribute (&x, "numFmtId");
          guint64 n = id != NULL ? g_ascii_strtoull (id, NULL, 10) : 0;
          const char *code = xml_attribute (&x, "formatCode");

          if (id != NULL && n < G_MAXUINT)
            g_hash_table_insert (custom, GUINT_TO_POINTER ((guint) n), g_strdup (code));
        }
      else if (xml_is_start (&x, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (x.reader);
      else if (xml_is (&x, XML_READER_TYPE_END_ELEMENT, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && xml_is_start (&x, "xf"))
        {
          const char *id = xml_attribute (&x, "numFmtId");
          guint n = id != NULL ? (guint) MIN (g_ascii_strtoull (id, NULL, 10), G_MAXUINT) : 0;
          gboolean is_date;

          /* A custom format replaces a built-in one of its id. */
          if (g_hash_table_contains (custom, GUINT_TO_POINTER (n)))
            is_date = ep_sheet_is_date_format (0, g_hash_table_lookup (custom, GUINT_TO_POINTER (n)));
          else
            is_date = ep_sheet_is_date_format (n, NULL);
          g_array_append_val (book->date_styles, is_date);
        }
    }
  xml_close (&x);

  return r == 0;
}

/* Shared strings go straight into the grid's text buffer; offsets by index. Each <si> (at any
 * depth, not inside another) is its text without the phonetic runs (<rPh>). */
typedef struct
{
  Sax       sax;
  Grid     *grid;
  GArray   *offsets;
  GString  *text;
  int       si_depth;       /* of the <si> being read, or -1 */
  int       skip_depth;     /* of an <rPh> inside it, or -1 */
} SharedSax;

static void
shared_start (void           *user,
              const xmlChar  *local_name,
              const xmlChar  *prefix,
              const xmlChar  *uri,
              int             n_namespaces,
              const xmlChar **namespaces,
              int             n_attributes,
              int             n_defaulted,
              const xmlChar **attributes)
{
  SharedSax *s = user;
  int depth = s->sax.depth++;

  if (s->si_depth < 0)
    {
      if (strcmp ((const char *) local_name, "si") == 0)
        {
          s->si_depth = depth;
          g_string_truncate (s->text, 0);
        }
    }
  else if (s->skip_depth < 0 && strcmp ((const char *) local_name, "rPh") == 0)
    s->skip_depth = depth;
}

static void
shared_end (void          *user,
            const xmlChar *local_name,
            const xmlChar *prefix,
            const xmlChar *uri)
{
  SharedSax *s = user;
  int depth = --s->sax.depth;

  if (depth == s->skip_depth)
    s->skip_depth = -1;
  else if (depth == s->si_depth)
    {
      GError *error = NULL;
      guint32 offset;

      s->si_depth = -1;
      if (!grid_store_text (s->grid, s->text->str, s->text->len, &offset, &error))
        {
          sax_fail (&s->sax, error);
          return;
        }
      g_array_append_val (s->offsets, offset);
    }
}

static void
shared_characters (void          *user,
                   const xmlChar *text,
                   int            length)
{
  SharedSax *s = user;

  if (s->si_depth >= 0 && s->skip_depth < 0)
    g_string_append_len (s->text, (const char *) text, length);
}

static gboolean
xlsx_read_shared_strings (Xlsx     *book,
                          Grid     *grid,
                          GArray   *offsets,
                          GError  **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  SharedSax s = { { 0 }, grid, offsets, text, -1, -1 };
  xmlSAXHandler handler;

  if (book->shared_strings == NULL || !archive_has (&book->archive, book->shared_strings))
    return TRUE;

  sax_handler_init (&handler);
  handler.startElementNs = shared_start;
  handler.endElementNs = shared_end;
  handler.characters = shared_characters;
  handler.ignorableWhitespace = shared_characters;

  return sax_parse (&book->archive, book->shared_strings, &handler, &s.sax, error);
}

/* "BC12" -> column 54 (0-based), row 11 (0-based); FALSE when malformed. */
static gboolean
parse_cell_reference (const char *ref,
                      guint64    *row,
                      guint64    *column)
{
  guint64 c = 0, r = 0;
  const char *s = ref;

  while (g_ascii_isalpha (*s) && s - ref < 4)
    c = c * 26 + (guint64) (g_ascii_toupper (*s++) - 'A' + 1);
  if (s == ref)
    return FALSE;
  if (!g_ascii_isdigit (*s))
    {
      if (*s != '\0')
        return FALSE;
      r = 0;          /* a column only ("A:C" in a dimension) */
    }
  while (g_ascii_isdigit (*s) && r < G_MAXUINT32)
    r = r * 10 + (guint64) (*s++ - '0');
  if (*s != '\0')
    return FALSE;

  *column = c - 1;
  *row = r > 0 ? r - 1 : 0;
  return TRUE;
}

/* The sheet: <row r="5"> and <c r="B5" s="3" t="s"><f>..</f><v>..</v></c> (or <is> for an
 * inline string) at any depth, and <dimension ref="A1:H1000001">. Inside a <c> only its
 * <v>, <is> (without <rPh>) and <f> (skipped) count; the last <v> or <is> is the value. */
enum { CAPTURE_NONE, CAPTURE_V, CAPTURE_IS, CAPTURE_F };

typedef struct
{
  Sax        sax;
  Xlsx      *book;
  Grid      *grid;
  GArray    *shared;
  guint64    row;
  guint64    column;
  gboolean   have_row;
  int        cell_depth;      /* of the <c> being read, or -1 */
  char       type[16];
  gint64     style;
  gboolean   have_value;
  int        capture;
  int        capture_depth;
  int        skip_depth;      /* of an <rPh> inside <is>, or -1 */
  GString   *value;
  AttrText   attr;
} SheetSax;

static gboolean
sheet_cell_attribute_cb (const char    *an,
                         const xmlChar *value,
                         const xmlChar *end,
                         gpointer       data)
{
  SheetSax *s = data;

  if (an[0] == 'r' && an[1] == '\0')
    {
      guint64 rr, cc;

      if (parse_cell_reference (attr_text (&s->attr, value, end), &rr, &cc))
        {
          s->row = rr;
          s->column = cc;
        }
    }
  else if (an[0] == 't' && an[1] == '\0')
    {
      gsize n = MIN ((gsize) (end - value), sizeof s->type - 1);

      memcpy (s->type, value, n);
      s->type[n] = '\0';
    }
  else if (an[0] == 's' && an[1] == '\0')
    s->style = g_ascii_strtoll (attr_text (&s->attr, value, end), NULL, 10);

  return TRUE;
}

static void
sheet_start (void           *user,
             const xmlChar  *local_name,
             const xmlChar  *prefix,
             const xmlChar  *uri,
             int             n_namespaces,
             const xmlChar **namespaces,
             int             n_attributes,
             int             n_defaulted,
             const xmlChar **attributes)
{
  SheetSax *s = user;
  const char *name = (const char *) local_name;
  int depth = s->sax.depth++;
  GError *error = NULL;

  if (s->cell_depth >= 0)
    {
      if (s->capture == CAPTURE_NONE)
        {
          if (name[0] == 'v' && name[1] == '\0')
            s->capture = CAPTURE_V;
          else if (name[0] == 'i' && name[1] == 's' && name[2] == '\0')
            s->capture = CAPTURE_IS;
          else if (name[0] == 'f' && name[1] == '\0')
            s->capture = CAPTURE_F;
          else
            return;
          s->capture_depth = depth;
          s->skip_depth = -1;
          if (s->capture != CAPTURE_F)
            {
              g_string_truncate (s->value, 0);
              s->have_value = TRUE;
            }
        }
      else if (s->capture == CAPTURE_IS && s->skip_depth < 0 && strcmp (name, "rPh") == 0)
        s->skip_depth = depth;
      return;
    }

  if (name[0] == 'c' && name[1] == '\0')
    {
      s->cell_depth = depth;
      s->column = s->column == G_MAXUINT64 ? 0 : s->column + 1;
      strcpy (s->type, "n");
      s->style = -1;
      s->have_value = FALSE;
      s->capture = CAPTURE_NONE;
      g_string_truncate (s->value, 0);
      sax_each_attribute (n_namespaces, namespaces, n_attributes, attributes,
                          sheet_cell_attribute_cb, s);
      return;
    }

  if (strcmp (name, "row") == 0)
    {
      const char *rr = sax_attribute (&s->attr, "r", n_namespaces, namespaces, n_attributes,
                                      attributes);
      guint64 n = rr != NULL ? g_ascii_strtoull (rr, NULL, 10) : 0;

      s->row = n > 0 ? n - 1 : (s->have_row ? s->row + 1 : 0);
      s->have_row = TRUE;
      s->column = G_MAXUINT64;   /* the next cell without a reference is column 0 */
      if (s->row >= EP_SHEET_MAX_ROWS && !grid_check_position (s->grid, s->row, 0, &error))
        sax_fail (&s->sax, error);
      return;
    }

  if (strcmp (name, "dimension") == 0)
    {
      const char *ref = sax_attribute (&s->attr, "ref", n_namespaces, namespaces, n_attributes,
                                       attributes);
      const char *colon = ref != NULL ? strchr (ref, ':') : NULL;
      guint64 last_row, last_column;

      if (colon != NULL && parse_cell_reference (colon + 1, &last_row, &last_column) &&
          !grid_check_position (s->grid, last_row, last_column, &error))
        sax_fail (&s->sax, error);
      return;
    }
}

/* A cell's value into the grid, by its type. */
static gboolean
sheet_add_cell (SheetSax  *s,
                GError   **error)
{
  Grid *grid = s->grid;
  GString *value = s->value;
  const char *type = s->type;
  guint64 row = s->row, column = s->column;

  if (strcmp (type, "s") == 0)
    {
      guint64 index = g_ascii_strtoull (value->str, NULL, 10);

      if (index >= s->shared->len)
        {
          g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                       _("%s:%u: column %u: shared string %s does not exist (damaged file)"),
                       grid->display_name, (guint) row + 1, (guint) column + 1, value->str);
          return FALSE;
        }
      return grid_add_offset (grid, row, column, g_array_index (s->shared, guint32, index), error);
    }
  if (strcmp (type, "b") == 0)
    {
      const char *b = strcmp (g_strstrip (value->str), "1") == 0 ? "TRUE" : "FALSE";

      return grid_add_text (grid, row, column, b, strlen (b), error);
    }
  if (strcmp (type, "e") == 0)
    return TRUE;                                    /* #N/A, #DIV/0!, ...: missing */
  if (strcmp (type, "d") == 0)
    {
      /* ISO 8601 in the cell (openpyxl's iso_dates, Excel's strict files) */
      if (value->len > 10 && value->str[10] == 'T')
        {
          if (strncmp (value->str + 11, "00:00:00", 8) == 0)
            g_string_truncate (value, 10);
          else
            {
              value->str[10] = ' ';
              g_string_truncate (value, MIN (value->len, 19));
            }
        }
      return grid_add_text (grid, row, column, value->str, value->len, error);
    }
  if (strcmp (type, "n") == 0)
    {
      gboolean is_date = s->style >= 0 && (guint64) s->style < s->book->date_styles->len &&
                         g_array_index (s->book->date_styles, gboolean, s->style);

      return grid_add_number (grid, row, column, value->str, is_date, s->book->date1904, error);
    }

  /* "str" (a formula's text), "inlineStr" */
  return grid_add_text (grid, row, column, value->str, value->len, error);
}

static void
sheet_end (void          *user,
           const xmlChar *local_name,
           const xmlChar *prefix,
           const xmlChar *uri)
{
  SheetSax *s = user;
  int depth = --s->sax.depth;
  GError *error = NULL;

  if (s->cell_depth < 0)
    return;
  if (s->capture != CAPTURE_NONE)
    {
      if (depth == s->capture_depth)
        s->capture = CAPTURE_NONE;
      else if (depth == s->skip_depth)
        s->skip_depth = -1;
      return;
    }
  if (depth != s->cell_depth)
    return;

  s->cell_depth = -1;
  if (!s->have_value)
    return;
  if (!sheet_add_cell (s, &error))
    sax_fail (&s->sax, error);
  else if (s->grid->full)
    {
      s->sax.done = TRUE;
      sax_stop (&s->sax);
    }
}

static void
sheet_characters (void          *user,
                  const xmlChar *text,
                  int            length)
{
  SheetSax *s = user;

  if (s->capture == CAPTURE_V || (s->capture == CAPTURE_IS && s->skip_depth < 0))
    g_string_append_len (s->value, (const char *) text, length);
}

static gboolean
xlsx_read_sheet (Xlsx        *book,
                 const char  *member,
                 Grid        *grid,
                 GArray      *shared,
                 GError     **error)
{
  g_autoptr(GString) value = g_string_sized_new (64);
  SheetSax s;
  xmlSAXHandler handler;
  gboolean ok;

  memset (&s, 0, sizeof s);
  s.book = book;
  s.grid = grid;
  s.shared = shared;
  s.cell_depth = -1;
  s.skip_depth = -1;
  s.value = value;

  sax_handler_init (&handler);
  handler.startElementNs = sheet_start;
  handler.endElementNs = sheet_end;
  handler.characters = sheet_characters;
  handler.ignorableWhitespace = sheet_characters;

  ok = sax_parse (&book->archive, member, &handler, &s.sax, error);
  attr_text_clear (&s.attr);

  return ok;
}

static gboolean
xlsx_open (Xlsx          *book,
           const char    *display_name,
           zip_source_t  *source,
           GError       **error)
{
  memset (book, 0, sizeof *book);
  book->sheets = g_array_new (FALSE, TRUE, sizeof (SheetEntry));
  g_array_set_clear_func (book->sheets, sheet_entry_clear);
  book->date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));

  return archive_open (&book->archive, display_name, source, error);
}

static void
xlsx_close (Xlsx *book)
{
  archive_close (&book->archive);
  g_clear_pointer (&book->sheets, g_array_unref);
  g_clear_pointer (&book->date_styles, g_array_unref);
  g_clear_pointer (&book->shared_strings, g_free);
  g_clear_pointer (&book->styles, g_free);
}

/* ---- ods ------------------------------------------------------------------------------ */

/* "PT13H05M00S" (ISO 8601 duration) -> "13:05:00" */
static gsize
format_ods_time (const char *value,
                 char       *buf,
                 gsize       size)
{
  double h = 0, m = 0, s = 0;
  const char *p = value;

  if (*p == '-')
    return 0;
  if (*p == 'P')
    p++;
  while (*p != '\0')
    {
      char *end = NULL;
      double x;

      if (*p == 'T')
        {
          p++;
          continue;
        }
      x = g_ascii_strtod (p, &end);
      if (end == p)
        return 0;
      p = end;
      if (*p == 'D')
        h += 24 * x;
      else if (*p == 'H')
        h += x;
      else if (*p == 'M')
        m = x;
      else if (*p == 'S')
        s = x;
      else
        return 0;
      p++;
    }

  return (gsize) g_snprintf (buf, size, "%02.0f:%02.0f:%02.0f", h, m, round (s));
}

typedef struct
{
  guint64  column;
  guint32  offset;
} RowCell;

static gboolean
ods_read (Archive     *a,
          const char  *sheet,
          gboolean     list_only,
          GPtrArray   *names,
          Grid        *grid,
          GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) para = g_string_new (NULL);
  g_autoptr(GArray) row_cells = g_array_new (FALSE, FALSE, sizeof (RowCell));
  gboolean in_table = FALSE, found = FALSE;
  guint64 row = 0, column = 0, rows_repeated = 1;
  guint table_index = 0;
  Xml x;
  int r = 0;

  if (!xml_open (a, "content.xml", &x, error))
    {
      xml_close (&x);
      return FALSE;
    }

  while ((grid == NULL || !grid->full) && (r = xml_next (&x, error)) > 0)
    {
      int type = xmlTextReaderNodeType (x.reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (x.reader);

      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (in_table && strcmp (name, "table") == 0)
            {
              in_table = FALSE;
              break;          /* the one sheet asked for is read */
            }
          if (in_table && strcmp (name, "table-row") == 0)
            {
              /* a row repeated N times holds its cells N times (bounded by the limits) */
              for (guint64 k = 0; k < rows_repeated && row_cells->len > 0; k++)
                for (guint i = 0; i < row_cells->len; i++)
                  {
                    RowCell *c = &g_array_index (row_cells, RowCell, i);

                    if (!grid_add_offset (grid, row + k, c->column, c->offset, error))
                      {
                        r = -1;
                        goto out;
                      }
                    if (grid->full)
                      goto out;
                  }
              row += rows_repeated;
            }
          continue;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;

      if (strcmp (name, "table") == 0 && !in_table)
        {
          const char *tn = xml_attribute (&x, "name");
          g_autofree char *number = g_strdup_printf ("%u", ++table_index);

          if (names != NULL)
            g_ptr_array_add (names, g_strdup (tn != NULL ? tn : number));
          if (list_only)
            continue;
          if (!found && (sheet == NULL || g_strcmp0 (tn, sheet) == 0 ||
                         (tn == NULL && strcmp (number, sheet) == 0)))
            {
              found = TRUE;
              in_table = !xmlTextReaderIsEmptyElement (x.reader);
              row = 0;
            }
          continue;
        }
      if (!in_table)
        continue;

      if (strcmp (name, "table-row") == 0)
        {
          const char *rep = xml_attribute (&x, "number-rows-repeated");

          rows_repeated = rep != NULL ? MAX (g_ascii_strtoull (rep, NULL, 10), 1) : 1;
          column = 0;
          g_array_set_size (row_cells, 0);
          if (xmlTextReaderIsEmptyElement (x.reader))
            row += rows_repeated;
          continue;
        }

      if (strcmp (name, "table-cell") == 0 || strcmp (name, "covered-table-cell") == 0)
        {
          const char *value_type = NULL, *calc_type = NULL, *value = NULL, *date = NULL;
          const char *time = NULL, *boolean = NULL, *string = NULL;
          guint64 repeated = 1;
          char buf[64];
          const char *out = NULL;
          gsize out_len = 0;
          g_autofree char *vt = NULL, *ct = NULL, *v = NULL, *d = NULL, *t = NULL, *b = NULL, *s = NULL;

          if (xmlTextReaderMoveToFirstAttribute (x.reader) == 1)
            {
              do
                {
                  const char *an = (const char *) xmlTextReaderConstLocalName (x.reader);
                  const char *av = (const char *) xmlTextReaderConstValue (x.reader);
                  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (x.reader);

                  if (strcmp (an, "value-type") == 0)
                    {
                      if (ns != NULL && strstr (ns, "calcext") != NULL)
                        ct = g_strdup (av);
                      else
                        vt = g_strdup (av);
                    }
                  else if (strcmp (an, "value") == 0)
                    v = g_strdup (av);
                  else if (strcmp (an, "date-value") == 0)
                    d = g_strdup (av);
                  else if (strcmp (an, "time-value") == 0)
                    t = g_strdup (av);
                  else if (strcmp (an, "boolean-value") == 0)
                    b = g_strdup (av);
                  else if (strcmp (an, "string-value") == 0)
                    s = g_strdup (av);
                  else if (strcmp (an, "number-columns-repeated") == 0)
                    repeated = MAX (g_ascii_strtoull (av, NULL, 10), 1);
                }
              while (xmlTextReaderMoveToNextAttribute (x.reader) == 1);
              xmlTextReaderMoveToElement (x.reader);
            }
          value_type = vt, calc_type = ct, value = v, date = d, time = t, boolean = b, string = s;

          /* The displayed text: <text:p> paragraphs joined by line breaks, with <text:s/>
           * spaces, tabs and line breaks; an <office:annotation> is a comment, not the value. */
          g_string_truncate (text, 0);
          if (!xmlTextReaderIsEmptyElement (x.reader))
            {
              int depth = xmlTextReaderDepth (x.reader);
              int skip_depth = -1;
              guint n_paragraphs = 0;

              for (;;)
                {
                  int rr = xml_next (&x, error);
                  int nt, dd;
                  const char *nn;

                  if (rr <= 0)
                    {
                      if (rr == 0)
                        xml_fail (&x, error);
                      r = -1;
                      goto out;
                    }
                  nt = xmlTextReaderNodeType (x.reader);
                  dd = xmlTextReaderDepth (x.reader);
                  nn = (const char *) xmlTextReaderConstLocalName (x.reader);
                  if (nt == XML_READER_TYPE_END_ELEMENT)
                    {
                      if (dd == depth)
                        break;
                      if (dd == skip_depth)
                        skip_depth = -1;
                      continue;
                    }
                  if (skip_depth >= 0)
                    continue;
                  if (nt == XML_READER_TYPE_ELEMENT)
                    {
                      if (strcmp (nn, "annotation") == 0)
                        {
                          if (!xmlTextReaderIsEmptyElement (x.reader))
                            skip_depth = dd;
                        }
                      else if (strcmp (nn, "p") == 0)
                        {
                          if (n_paragraphs++ > 0)
                            g_string_append_c (text, '\n');
                        }
                      else if (strcmp (nn, "s") == 0)
                        {
                          const char *c = xml_attribute (&x, "c");
                          guint64 n = c != NULL ? g_ascii_strtoull (c, NULL, 10) : 1;

                          for (guint64 k = 0; k < MIN (n, 1000); k++)
                            g_string_append_c (text, ' ');
                        }
                      else if (strcmp (nn, "tab") == 0)
                        g_string_append_c (text, '\t');
                      else if (strcmp (nn, "line-break") == 0)
                        g_string_append_c (text, '\n');
                      continue;
                    }
                  if (nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_CDATA ||
                      nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                      nt == XML_READER_TYPE_WHITESPACE)
                    g_string_append (text, (const char *) xmlTextReaderConstValue (x.reader));
                }
            }

          if (calc_type != NULL && strcmp (calc_type, "error") == 0)
            out = NULL;                                   /* #N/A and friends: missing */
          else if (value_type == NULL)
            out = text->str, out_len = text->len;
          else if (strcmp (value_type, "float") == 0 || strcmp (value_type, "percentage") == 0 ||
                   strcmp (value_type, "currency") == 0)
            out = value, out_len = value != NULL ? strlen (value) : 0;
          else if (strcmp (value_type, "date") == 0 && date != NULL)
            {
              /* "2023-01-05" or "2023-01-05T13:30:00[.5]" */
              gsize n = MIN (strlen (date), 19);

              memcpy (buf, date, n);
              buf[n] = '\0';
              if (n > 10 && buf[10] == 'T')
                {
                  if (strcmp (buf + 11, "00:00:00") == 0)
                    n = 10;
                  else
                    buf[10] = ' ';
                }
              out = buf, out_len = MIN (n, 19);
            }
          else if (strcmp (value_type, "time") == 0 && time != NULL)
            out = buf, out_len = format_ods_time (time, buf, sizeof buf);
          else if (strcmp (value_type, "boolean") == 0 && boolean != NULL)
            out = strcmp (boolean, "true") == 0 ? "TRUE" : "FALSE", out_len = strlen (out);
          else if (string != NULL)
            out = string, out_len = strlen (string);
          else
            out = text->str, out_len = text->len;

          if (out != NULL && out_len > 0)
            {
              guint32 offset;

              if (column + repeated > EP_SHEET_MAX_COLUMNS &&
                  !grid_check_position (grid, row, column + repeated, error))
                {
                  r = -1;
                  break;
                }
              if (!grid_check_position (grid, row, column, error) ||
                  !grid_store_text (grid, out, out_len, &offset, error))
                {
                  r = -1;
                  break;
                }
              for (guint64 k = 0; k < repeated; k++)
                {
                  RowCell rc = { column + k, offset };

                  g_array_append_val (row_cells, rc);
                }
              if (row_cells->len > EP_SHEET_MAX_CELLS)
                {
                  grid_check_position (grid, row, EP_SHEET_MAX_COLUMNS, error);
                  r = -1;
                  break;
                }
            }
          column += repeated;
          continue;
        }
    }
out:
  xml_close (&x);
  if (r < 0)
    return FALSE;

  if (!list_only && !found)
    return FALSE;   /* the caller names the sheet */

  return TRUE;
}

/* ---- xls (FreeXL) --------------------------------------------------------------------- */

static const char *
freexl_message (int code)
{
  switch (code)
    {
    case FREEXL_FILE_NOT_FOUND:
      return _("the file cannot be opened");
    case FREEXL_INSUFFICIENT_MEMORY:
      return _("not enough memory");
    default:
      return _("not an Excel 97-2003 workbook, or a damaged one");
    }
}

static gboolean
xls_read (const char  *path,
          const char  *display_name,
          const char  *sheet,
          GPtrArray   *names,
          Grid        *grid,
          GError     **error)
{
  const void *handle = NULL;
  unsigned int n_sheets = 0, n_rows = 0;
  unsigned short n_columns = 0;
  int chosen = -1;
  int rc;

  rc = names != NULL && grid == NULL ? freexl_open_info (path, &handle)
                                     : freexl_open (path, &handle);
  if (rc != FREEXL_OK)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE, "%s: %s", display_name,
                   freexl_message (rc));
      freexl_close (handle);
      return FALSE;
    }
  if (freexl_get_info (handle, FREEXL_BIFF_SHEET_COUNT, &n_sheets) != FREEXL_OK)
    n_sheets = 0;

  for (unsigned int i = 0; i < n_sheets && i < G_MAXUSHORT; i++)
    {
      const char *name = NULL;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      if (freexl_get_worksheet_name (handle, (unsigned short) i, &name) != FREEXL_OK || name == NULL)
        name = number;
      if (names != NULL)
        g_ptr_array_add (names, g_utf8_make_valid (name, -1));
      if (chosen < 0 && (sheet == NULL || strcmp (sheet, name) == 0))
        chosen = (int) i;
    }
  if (grid == NULL)
    {
      freexl_close (handle);
      return TRUE;
    }
  if (chosen < 0)
    {
      freexl_close (handle);
      return FALSE;   /* the caller names the sheet */
    }

  if (freexl_select_active_worksheet (handle, (unsigned short) chosen) != FREEXL_OK ||
      freexl_worksheet_dimensions (handle, &n_rows, &n_columns) != FREEXL_OK)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE, "%s: %s", display_name,
                   freexl_message (FREEXL_ILLEGAL_CELL_ROW_COL));
      freexl_close (handle);
      return FALSE;
    }

  for (unsigned int i = 0; i < n_rows && !grid->full; i++)
    for (unsigned short j = 0; j < n_columns; j++)
      {
        FreeXL_CellValue cell;
        char buf[EP_NUMBER_BUF_SIZE];
        gboolean ok = TRUE;

        if (freexl_get_cell_value (handle, i, j, &cell) != FREEXL_OK)
          continue;
        switch (cell.type)
          {
          case FREEXL_CELL_INT:
            g_snprintf (buf, sizeof buf, "%d", cell.value.int_value);
            ok = grid_add_text (grid, i, j, buf, strlen (buf), error);
            break;
          case FREEXL_CELL_DOUBLE:
            if (isfinite (cell.value.double_value))
              ok = grid_add_text (grid, i, j, buf,
                                  ep_value_format_number_buf (cell.value.double_value, buf), error);
            break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
          case FREEXL_CELL_DATE:
          case FREEXL_CELL_DATETIME:
          case FREEXL_CELL_TIME:
            if (cell.value.text_value != NULL)
              {
                const char *t = cell.value.text_value;
                gsize n = strlen (t);

                if (cell.type == FREEXL_CELL_DATETIME && n == 19 &&
                    strcmp (t + 10, " 00:00:00") == 0)
                  n = 10;
                if (g_utf8_validate_len (t, n, NULL))
                  ok = grid_add_text (grid, i, j, t, n, error);
                else
                  {
                    g_autofree char *valid = g_utf8_make_valid (t, (gssize) n);

                    ok = grid_add_text (grid, i, j, valid, strlen (valid), error);
                  }
              }
            break;
          default:
            break;
          }
        if (!ok)
          {
            freexl_close (handle);
            return FALSE;
          }
      }

  freexl_close (handle);
  return TRUE;
}

/* ---- the public functions ------------------------------------------------------------- */

static char *
describe_sheets (GPtrArray *names)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (s, "%s“%s”", i > 0 ? ", " : "", (const char *) names->pdata[i]);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Sheet names of an open archive (xlsx or ods). */
static gboolean
archive_sheet_names (Archive        *a,
                     EpSheetFormat   format,
                     Xlsx           *book,
                     GPtrArray      *names,
                     GError        **error)
{
  if (format == EP_SHEET_FORMAT_ODS)
    return ods_read (a, NULL, TRUE, names, NULL, error);

  for (guint i = 0; i < book->sheets->len; i++)
    g_ptr_array_add (names, g_strdup (g_array_index (book->sheets, SheetEntry, i).name));

  return TRUE;
}

/* Which of names is meant: an exact name, else a 1-based number; -1 for none. */
static int
choose_sheet (GPtrArray  *names,
              const char *sheet)
{
  guint64 n;

  if (names->len == 0)
    return -1;
  if (sheet == NULL || sheet[0] == '\0')
    return 0;
  for (guint i = 0; i < names->len; i++)
    if (strcmp (names->pdata[i], sheet) == 0)
      return (int) i;
  if (g_ascii_string_to_unsigned (sheet, 10, 1, names->len, &n, NULL))
    return (int) n - 1;

  return -1;
}

static EpCsv *
read_archive (zip_source_t   *source,
              EpSheetFormat   format,
              const char     *base_name,
              const char     *sheet,
              EpCsvFlags      flags,
              guint           max_rows,
              GPtrArray      *list,
              GError        **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display_name = NULL;
  Xlsx book;
  Grid grid;
  EpCsv *csv = NULL;
  gboolean ok;
  int chosen;

  ok = xlsx_open (&book, base_name, source, error) &&
       (format == EP_SHEET_FORMAT_ODS || xlsx_read_workbook (&book, error));
  if (!ok)
    goto done;
  if (format == EP_SHEET_FORMAT_ODS && !archive_has (&book.archive, "content.xml"))
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: not an OpenDocument spreadsheet (it has no content.xml)"), base_name);
      goto done;
    }
  if (!archive_sheet_names (&book.archive, format, &book, names, error))
    goto done;

  if (list != NULL)
    {
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (list, g_strdup (names->pdata[i]));
      goto done;
    }

  chosen = choose_sheet (names, sheet);
  if (chosen < 0)
    {
      g_autofree char *all = describe_sheets (names);

      if (names->len == 0)
        g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_NO_SHEET,
                     _("%s: the workbook has no sheets"), base_name);
      else
        g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_NO_SHEET,
                     _("%s: there is no sheet “%s”; the sheets are %s"), base_name, sheet, all);
      goto done;
    }

  display_name = names->len > 1
                   ? g_strdup_printf ("%s[%s]", base_name, (const char *) names->pdata[chosen])
                   : g_strdup (base_name);
  grid_init (&grid, display_name, max_rows);
  grid.sheet_name = names->pdata[chosen];

  if (format == EP_SHEET_FORMAT_ODS)
    ok = ods_read (&book.archive, names->pdata[chosen], FALSE, NULL, &grid, error);
  else
    {
      g_autoptr(GArray) shared = g_array_new (FALSE, FALSE, sizeof (guint32));
      const SheetEntry *e = &g_array_index (book.sheets, SheetEntry, chosen);

      ok = xlsx_read_styles (&book, error) &&
           xlsx_read_shared_strings (&book, &grid, shared, error);
      if (ok && (e->member == NULL || !archive_has (&book.archive, e->member)))
        {
          g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                       _("%s: the sheet “%s” has no data part (a chart sheet, or a damaged file)"),
                       base_name, e->name);
          ok = FALSE;
        }
      ok = ok && xlsx_read_sheet (&book, e->member, &grid, shared, error);
    }
  if (ok)
    csv = grid_finish (&grid, flags, error);
  grid_clear (&grid);

done:
  xlsx_close (&book);
  return csv;
}

static gboolean
format_is_known (EpSheetFormat  format,
                 const char    *display_name,
                 GError       **error)
{
  if (format != EP_SHEET_FORMAT_NONE)
    return TRUE;
  g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_OPEN,
               _("%s: not a spreadsheet file (.xlsx, .ods or .xls)"), display_name);
  return FALSE;
}

static zip_source_t *
source_for_file (const char  *path,
                 const char  *display_name,
                 GError     **error)
{
  zip_error_t zerror;
  zip_source_t *source;

  zip_error_init (&zerror);
  source = zip_source_file_create (path, 0, -1, &zerror);
  if (source == NULL)
    g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_OPEN, "%s: %s", display_name,
                 zip_error_strerror (&zerror));
  zip_error_fini (&zerror);

  return source;
}

static gboolean
check_readable (const char  *path,
                const char  *display_name,
                GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_OPEN,
               _("%s: the file does not exist or is not a regular file"), display_name);
  return FALSE;
}

char **
ep_sheet_list (const char  *path,
               GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display_name = NULL;
  EpSheetFormat format;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_path_get_basename (path);
  format = ep_sheet_format_for_path (path);
  if (!format_is_known (format, display_name, error) ||
      !check_readable (path, display_name, error))
    return NULL;

  if (format == EP_SHEET_FORMAT_XLS)
    {
      if (!xls_read (path, display_name, NULL, names, NULL, error))
        return NULL;
    }
  else
    {
      zip_source_t *source = source_for_file (path, display_name, error);
      g_autoptr(GError) local_error = NULL;

      if (source == NULL)
        return NULL;
      read_archive (source, format, display_name, NULL, 0, 0, names, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_ptr_array_set_free_func (names, NULL);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static EpCsv *
read_xls (const char  *path,
          const char  *display_name,
          const char  *sheet,
          EpCsvFlags   flags,
          guint        max_rows,
          GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *grid_name = NULL;
  const char *chosen_name;
  EpCsv *csv = NULL;
  Grid grid;
  int chosen;

  if (!xls_read (path, display_name, NULL, names, NULL, error))
    return NULL;
  chosen = choose_sheet (names, sheet);
  if (chosen < 0)
    {
      g_autofree char *all = describe_sheets (names);

      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_NO_SHEET,
                   _("%s: there is no sheet “%s”; the sheets are %s"), display_name,
                   sheet != NULL ? sheet : "", all);
      return NULL;
    }
  chosen_name = names->pdata[chosen];
  grid_name = names->len > 1 ? g_strdup_printf ("%s[%s]", display_name, chosen_name)
                             : g_strdup (display_name);
  grid_init (&grid, grid_name, max_rows);
  if (xls_read (path, grid_name, chosen_name, NULL, &grid, error))
    csv = grid_finish (&grid, flags, error);
  grid_clear (&grid);

  return csv;
}

EpCsv *
ep_sheet_read (const char  *path,
               const char  *sheet,
               EpCsvFlags   flags,
               guint        max_rows,
               GError     **error)
{
  g_autofree char *display_name = NULL;
  zip_source_t *source;
  EpSheetFormat format;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_path_get_basename (path);
  format = ep_sheet_format_for_path (path);
  if (!format_is_known (format, display_name, error) ||
      !check_readable (path, display_name, error))
    return NULL;

  if (format == EP_SHEET_FORMAT_XLS)
    return read_xls (path, display_name, sheet, flags, max_rows, error);

  source = source_for_file (path, display_name, error);
  if (source == NULL)
    return NULL;

  return read_archive (source, format, display_name, sheet, flags, max_rows, NULL, error);
}

EpCsv *
ep_sheet_read_data (const void     *data,
                    gsize           length,
                    EpSheetFormat   format,
                    const char     *display_name,
                    const char     *sheet,
                    EpCsvFlags      flags,
                    guint           max_rows,
                    GError        **error)
{
  zip_error_t zerror;
  zip_source_t *source;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "data";
  if (!format_is_known (format, display_name, error))
    return NULL;

  if (format == EP_SHEET_FORMAT_XLS)
    {
      g_autofree char *tmp = NULL;
      g_autoptr(GError) local_error = NULL;
      EpCsv *csv;
      int fd;

      fd = g_file_open_tmp ("endpoint-XXXXXX.xls", &tmp, &local_error);
      if (fd < 0)
        {
          g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_OPEN, "%s: %s", display_name,
                       local_error->message);
          return NULL;
        }
      g_close (fd, NULL);
      if (!g_file_set_contents (tmp, data, (gssize) length, &local_error))
        {
          g_unlink (tmp);
          g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_OPEN, "%s: %s", display_name,
                       local_error->message);
          return NULL;
        }
      csv = read_xls (tmp, display_name, sheet, flags, max_rows, error);
      g_unlink (tmp);
      return csv;
    }

  zip_error_init (&zerror);
  source = zip_source_buffer_create (data, length, 0, &zerror);
  zip_error_fini (&zerror);
  if (source == NULL)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_OPEN, "%s: out of memory", display_name);
      return NULL;
    }

  return read_archive (source, format, display_name, sheet, flags, max_rows, NULL, error);
}
