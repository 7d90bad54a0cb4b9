/* ep-sheet.h: spreadsheet files (.xlsx, .ods, .xls) read as a table of cell texts
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sheet becomes an EpCsv (ep-csv.h): the same table of texts a CSV file becomes, so the
 * importer's typing (ep-import.h) and endpoint-cli's columns read a spreadsheet exactly as
 * they read CSV. Each cell's text is what a CSV export of the value would hold, as readxl's
 * read_excel() reads the value:
 *   number               the C-locale decimal the file stores ("0.1", "1.5E-3")
 *   number with a date   "YYYY-MM-DD", or "YYYY-MM-DD HH:MM:SS" when the time is not midnight;
 *   or time format       from Excel's serial days in the workbook's 1900 or 1904 system, with
 *                        the 1900 system's phantom 1900-02-29 (serial 60) refused
 *   boolean              "TRUE" / "FALSE" (the importer's yes/no)
 *   text, shared string,
 *   inline, formula      the text, or the formula's cached value (formulas are never evaluated)
 *   error (#N/A, #DIV/0!) and empty cells   "" (missing)
 * A merged range keeps its value in its top-left cell; the others are empty (as in readxl).
 * The table is the sheet's used range: leading and trailing empty rows and columns are
 * dropped; the first row of it is the header unless EP_CSV_NO_HEADER. Rows are numbered in
 * messages as the spreadsheet numbers them.
 *
 * Reading is streamed (libzip + libxml2's xmlTextReader for .xlsx and .ods, FreeXL for .xls):
 * memory grows with the cells that hold something, not with the file. Refused with a message
 * that names the file: a sheet of more than EP_SHEET_MAX_ROWS rows or EP_SHEET_MAX_COLUMNS
 * columns, a used range of more than EP_SHEET_MAX_CELLS cells, a damaged or truncated archive,
 * an archive member that inflates past EP_SHEET_MAX_INFLATED bytes or more than
 * EP_SHEET_MAX_RATIO times its compressed size (a zip bomb), XML with a document type
 * declaration (entity expansion; spreadsheets never declare one), and ill-formed XML.
 */
#pragma once

#include <glib.h>

#include "io/ep-csv.h"

G_BEGIN_DECLS

#define EP_SHEET_ERROR (ep_sheet_error_quark ())

typedef enum
{
  EP_SHEET_ERROR_OPEN,        /* the file cannot be opened or read */
  EP_SHEET_ERROR_BAD_FILE,    /* not a workbook, damaged or truncated */
  EP_SHEET_ERROR_NO_SHEET,    /* no sheet of the name asked for */
  EP_SHEET_ERROR_TOO_LARGE,   /* over a row, column, cell or size limit */
  EP_SHEET_ERROR_UNSAFE,      /* a zip bomb or XML with a DTD */
  EP_SHEET_ERROR_INVALID,     /* a cell that cannot be read (a date that does not exist) */
} EpSheetError;

typedef enum
{
  EP_SHEET_FORMAT_NONE,
  EP_SHEET_FORMAT_XLSX,       /* Office Open XML: .xlsx, .xlsm */
  EP_SHEET_FORMAT_ODS,        /* OpenDocument spreadsheet: .ods */
  EP_SHEET_FORMAT_XLS,        /* Excel 97-2003 (BIFF): .xls */
} EpSheetFormat;

/* Excel's own limits; LibreOffice's are the same or smaller. */
#define EP_SHEET_MAX_ROWS      1048576u
#define EP_SHEET_MAX_COLUMNS   16384u
/* rows x columns of the used range: 64 million cells (a 1e6 x 8 cohort is 8 million) */
#define EP_SHEET_MAX_CELLS     (64u * 1024u * 1024u)
/* one archive member, inflated: 2 GiB */
#define EP_SHEET_MAX_INFLATED  (G_GUINT64_CONSTANT (2) << 30)
/* inflated / compressed, checked on members larger than 10 MiB (Apache POI's rule is 100) */
#define EP_SHEET_MAX_RATIO     200

GQuark         ep_sheet_error_quark      (void);

/* By the file name's extension (case-insensitive). */
EpSheetFormat  ep_sheet_format_for_path  (const char  *path);

/* The workbook's sheet names in order, NULL-terminated. */
char         **ep_sheet_list             (const char  *path,
                                          GError     **error);

/* Reads one sheet: sheet is its name, or a 1-based number as text ("2") when no sheet has
 * that name, or NULL for the first sheet. max_rows > 0 stops after that many rows of the used
 * range (the import preview); 0 reads all. The display name in messages is the file's base
 * name, followed by "[sheet]" when the workbook has more than one sheet. */
EpCsv         *ep_sheet_read             (const char  *path,
                                          const char  *sheet,
                                          EpCsvFlags   flags,
                                          guint        max_rows,
                                          GError     **error);

/* The same from a workbook in memory (tests, the fuzz target); display_name names it. */
EpCsv         *ep_sheet_read_data        (const void  *data,
                                          gsize        length,
                                          EpSheetFormat format,
                                          const char  *display_name,
                                          const char  *sheet,
                                          EpCsvFlags   flags,
                                          guint        max_rows,
                                          GError     **error);

/* Days since 1970-01-01 and seconds into the day of an Excel serial date-time. In the 1900
 * system serial 1 is 1900-01-01 and serial 60 is Lotus 1-2-3's 1900-02-29, a day that never
 * was (FALSE), so serials from 61 on are one day ahead of a count from 1899-12-31; in the
 * 1904 system serial 0 is 1904-01-01. FALSE also for a negative or non-finite serial. */
gboolean       ep_sheet_serial_to_date   (double       serial,
                                          gboolean     date1904,
                                          gint32      *days,
                                          guint       *seconds);

/* Whether an Excel number format shows a date or a time: a built-in format id of the date
 * and time families (14-22, 27-36, 45-47, 50-58, 71-81, as readxl), or a format code with
 * d, m, y, h or s outside quoted text, escapes and [colour]/[$locale] brackets. */
gboolean       ep_sheet_is_date_format   (guint        id,
                                          const char  *code);

G_END_DECLS
