/* ep-sheet-grid.c: the cells a spreadsheet reader finds, as the table of texts of an EpCsv
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One buffer of NUL-terminated texts (offset 0 is "") and an offset per cell. Shared strings
 * are stored in that buffer once and cells point to them. At the end the grid becomes the
 * dense offset table of an EpCsv over its used range (leading and trailing empty rows and
 * columns dropped).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "io/ep-sheet-private.h"
#include "io/ep-table.h"

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

void
ep_sheet_grid_init (Grid       *g,
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

void
ep_sheet_grid_clear (Grid *g)
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

gboolean
ep_sheet_grid_check_position (Grid     *g,
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
gboolean
ep_sheet_grid_add_offset (Grid     *g,
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
  if (!ep_sheet_grid_check_position (g, row, column, error))
    return FALSE;

  grid_put (g, (guint32) row, (guint32) column, offset);

  return TRUE;
}

/* Appends a text to the buffer; its offset, or 0 for "" and on error. */
gboolean
ep_sheet_grid_store_text (Grid        *g,
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

gboolean
ep_sheet_grid_add_text (Grid        *g,
               guint64      row,
               guint64      column,
               const char  *text,
               gsize        length,
               GError     **error)
{
  guint32 offset;

  if (length == 0 || g->full)
    return TRUE;
  if (!ep_sheet_grid_check_position (g, row, column, error))
    return FALSE;
  if (!ep_sheet_grid_store_text (g, text, length, &offset, error))
    return FALSE;

  return ep_sheet_grid_add_offset (g, row, column, offset, error);
}

/* The text of a number cell, as a date when its format shows one. */
gboolean
ep_sheet_grid_add_number (Grid        *g,
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
    return ep_sheet_grid_add_text (g, row, column, value, strlen (value), error);

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

  return ep_sheet_grid_add_text (g, row, column, buf, n, error);
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

EpCsv *
ep_sheet_grid_finish (Grid        *g,
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

