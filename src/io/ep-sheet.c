/* ep-sheet.c: spreadsheet files (.xlsx, .ods, .xls) read as a table of cell texts
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The public functions (ep-sheet.h): which format a file is, which sheet is meant, and the
 * reader for it (ep-sheet-xlsx.c, ep-sheet-ods.c, ep-sheet-xls.c), each filling a Grid
 * (ep-sheet-grid.c) that becomes an EpCsv. ep-sheet-private.h says what they share.
 *
 * .xlsx (ECMA-376 part 1) and .ods (ODF 1.2 part 1) are zip archives of XML: libzip inflates a
 * member as libxml2 asks for bytes, so nothing holds a whole sheet's XML. The parser runs
 * without XML_PARSE_NOENT and XML_PARSE_DTDLOAD and with XML_PARSE_NONET, and any document
 * type declaration or entity reference is refused outright: no spreadsheet writer produces
 * one, and it is how entity expansion attacks start (ep-sheet-xml.c). .xls goes to FreeXL.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "io/ep-sheet.h"
#include "io/ep-sheet-private.h"
#include "io/ep-table.h"

G_DEFINE_QUARK (ep-sheet-error-quark, ep_sheet_error)

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
    return ep_sheet_ods_read (a, NULL, TRUE, names, NULL, error);

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

  ok = ep_sheet_xlsx_open (&book, base_name, source, error) &&
       (format == EP_SHEET_FORMAT_ODS || ep_sheet_xlsx_read_workbook (&book, error));
  if (!ok)
    goto done;
  if (format == EP_SHEET_FORMAT_ODS && !ep_sheet_archive_has (&book.archive, "content.xml"))
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
  ep_sheet_grid_init (&grid, display_name, max_rows);
  grid.sheet_name = names->pdata[chosen];

  if (format == EP_SHEET_FORMAT_ODS)
    ok = ep_sheet_ods_read (&book.archive, names->pdata[chosen], FALSE, NULL, &grid, error);
  else
    {
      g_autoptr(GArray) shared = g_array_new (FALSE, FALSE, sizeof (guint32));
      const SheetEntry *e = &g_array_index (book.sheets, SheetEntry, chosen);

      ok = ep_sheet_xlsx_read_styles (&book, error) &&
           ep_sheet_xlsx_read_shared_strings (&book, &grid, shared, error);
      if (ok && (e->member == NULL || !ep_sheet_archive_has (&book.archive, e->member)))
        {
          g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                       _("%s: the sheet “%s” has no data part (a chart sheet, or a damaged file)"),
                       base_name, e->name);
          ok = FALSE;
        }
      ok = ok && ep_sheet_xlsx_read_sheet (&book, e->member, &grid, shared, error);
    }
  if (ok)
    csv = ep_sheet_grid_finish (&grid, flags, error);
  ep_sheet_grid_clear (&grid);

done:
  ep_sheet_xlsx_close (&book);
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
      if (!ep_sheet_xls_read (path, display_name, NULL, names, NULL, error))
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

  if (!ep_sheet_xls_read (path, display_name, NULL, names, NULL, error))
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
  ep_sheet_grid_init (&grid, grid_name, max_rows);
  if (ep_sheet_xls_read (path, grid_name, chosen_name, NULL, &grid, error))
    csv = ep_sheet_grid_finish (&grid, flags, error);
  ep_sheet_grid_clear (&grid);

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
