/* ep-sheet-xls.c: Excel 97-2003 workbooks (.xls, BIFF) through FreeXL
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <freexl.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "io/ep-sheet-private.h"
#include "io/ep-table.h"

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

gboolean
ep_sheet_xls_read (const char  *path,
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
            ok = ep_sheet_grid_add_text (grid, i, j, buf, strlen (buf), error);
            break;
          case FREEXL_CELL_DOUBLE:
            if (isfinite (cell.value.double_value))
              ok = ep_sheet_grid_add_text (grid, i, j, buf,
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
                  ok = ep_sheet_grid_add_text (grid, i, j, t, n, error);
                else
                  {
                    g_autofree char *valid = g_utf8_make_valid (t, (gssize) n);

                    ok = ep_sheet_grid_add_text (grid, i, j, valid, strlen (valid), error);
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

