/* ep-import.h: reading a cohort's data file into an EpTable
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Formats, chosen by the file name's extension:
 *   .csv .txt           delimited text (ep-csv.h), separator guessed unless given
 *   .tsv .tab           tab-separated text
 *   .sav .zsav          SPSS (ReadStat)
 *   .dta                Stata (ReadStat)
 *   .sas7bdat .xpt      SAS data set and SAS transport (ReadStat)
 *   .xlsx .xlsm .ods    Excel and OpenDocument spreadsheets (ep-sheet.h), one sheet
 *   .xls                Excel 97-2003 (ep-sheet.h, FreeXL)
 *
 * Delimited text: every column gets a type by these rules, in order, over its non-missing
 * cells (missing: "", "NA", "."):
 *   1. every cell a number (C locale, or with the decimal comma when asked)   -> number
 *   2. every cell yes/no, y/n or true/false (any case; not 1/0)                -> yes/no
 *   3. every cell a date: YYYY-MM-DD, YYYY/MM/DD or DD.MM.YYYY                  -> date
 *   4. anything else, and a column with no value at all                        -> category
 * so a 0/1 status column stays a number, as the survival analyses want it.
 *
 * Spreadsheets: each cell becomes the text ep-sheet.h describes (numbers as stored, dates in
 * ISO form from date-formatted cells, TRUE/FALSE, errors missing) and is typed as delimited
 * text is, always with the decimal point: numbers in a spreadsheet are numbers, not text.
 *
 * SPSS, Stata, SAS: numeric variables with value labels become categories (the labels, in the
 * order of their values; a value without a label keeps its number as text); user-defined
 * missing values (SPSS missing values and ranges, Stata .a-.z, SAS .A-.Z) and system missing
 * become missing; numeric variables with a date format (SPSS DATE/ADATE/EDATE/SDATE/JDATE...,
 * Stata %td, SAS DATE/MMDDYY/DDMMYY/YYMMDD/E8601DA...) become dates; string variables are
 * typed by the rules of delimited text; other numeric variables are numbers.
 *
 * Errors name the file and, for text, the line and column:
 *   lung.csv:17: column "time": "abc" is not a number
 *   trial.sav: not an SPSS file (wrong magic number or a damaged header)
 *   trial.sav: row 12: the file ends early (truncated?)
 * A failed import returns NULL and has no other effect.
 */
#pragma once

#include <glib.h>

#include "io/ep-csv.h"
#include "io/ep-table.h"

G_BEGIN_DECLS

#define EP_IMPORT_ERROR (ep_import_error_quark ())

typedef enum
{
  EP_IMPORT_ERROR_UNKNOWN_FORMAT,   /* an extension we do not read */
  EP_IMPORT_ERROR_OPEN,             /* the file cannot be opened or read */
  EP_IMPORT_ERROR_BAD_FILE,         /* not a file of its format (magic, header) */
  EP_IMPORT_ERROR_TRUNCATED,        /* the file ends early */
  EP_IMPORT_ERROR_INVALID,          /* a value that does not fit its column's type */
} EpImportError;

typedef enum
{
  EP_FILE_FORMAT_UNKNOWN,
  EP_FILE_FORMAT_CSV,
  EP_FILE_FORMAT_TSV,
  EP_FILE_FORMAT_SAV,
  EP_FILE_FORMAT_DTA,
  EP_FILE_FORMAT_SAS7BDAT,
  EP_FILE_FORMAT_XPORT,
  EP_FILE_FORMAT_XLSX,
  EP_FILE_FORMAT_ODS,
  EP_FILE_FORMAT_XLS,
} EpFileFormat;

/* Delimited text, and header and sheet for spreadsheets; the other formats ignore them. */
typedef struct
{
  char         sep;           /* ',', ';' or '\t'; 0: guess from the first line */
  char         decimal_mark;  /* '.' or ','; 0: guess with the separator (ep_import_guess_dialect) */
  gboolean     header;        /* the first row holds the column names (else V1, V2, ...) */
  const int   *types;         /* n_types types by column position (EpColumnType), -1: guess */
  guint        n_types;
  const char  *sheet;         /* spreadsheets: a sheet name or 1-based number; NULL: the first */
  const char  *encoding;      /* text: an iconv name ("UTF-8", "WINDOWS-1252", ...); NULL: detect
                               * (ep_csv_detect_encoding) */
} EpImportOptions;

GQuark        ep_import_error_quark    (void);

/* sep 0 (guess), decimal mark '.', header TRUE, no forced types */
void          ep_import_options_init   (EpImportOptions       *options);

EpFileFormat  ep_import_format_for_path (const char           *path);

/* The separator a delimited file most likely uses: of ',', ';' and '\t' the one that occurs
 * most often outside quotes in the first line (',' when none does). */
char          ep_import_guess_separator (const char           *data,
                                         gsize                 length);

/* The separator and the decimal mark of delimited text, sniffed together from its first
 * lines (data must be UTF-8): the separator as ep_import_guess_separator(); then the decimal
 * comma when the separator is not ',' and some cell reads as a number with a comma
 * ("3,5", "-0,25") while none reads as a number with a decimal point ("3.5"), as European
 * Excel writes CSV; else the decimal point. Cells with a thousands separator ("1.234,5",
 * "1,234.5") count for neither: they are never numbers. */
void          ep_import_guess_dialect   (const char           *data,
                                         gsize                 length,
                                         char                 *sep,
                                         char                 *decimal_mark);

/* How far an import is, from 0 to 1 (called from the thread that imports). */
typedef void (*EpImportProgressFunc) (double   fraction,
                                      gpointer user_data);

/* Reads any supported file. options may be NULL (defaults). */
EpTable      *ep_import_file           (const char            *path,
                                        const EpImportOptions *options,
                                        GError               **error);

/* ep_import_file() for a worker thread: reports progress (may be NULL) from 0 to 1 as the
 * reader goes through the rows, and stops with G_IO_ERROR_CANCELLED when cancellable (may be
 * NULL) is cancelled. Every format is refused at once when its file is larger than
 * EP_FILE_MAX_TABLE_BYTES (the message gives the size and the limit). */
EpTable      *ep_import_file_full      (const char            *path,
                                        const EpImportOptions *options,
                                        EpImportProgressFunc   progress,
                                        gpointer               progress_data,
                                        GCancellable          *cancellable,
                                        GError               **error);

/* Delimited text from memory; display_name is used in messages. */
EpTable      *ep_import_csv_data       (const char            *data,
                                        gsize                  length,
                                        const char            *display_name,
                                        const EpImportOptions *options,
                                        GError               **error);

/* Types the cells of csv (a delimited file's or a sheet's) into a table, with the options'
 * decimal mark (0 is taken as '.') and forced types: what ep_import_file() does after
 * reading. For the import preview, which reads only the first rows. */
EpTable      *ep_import_csv_table      (const EpCsv           *csv,
                                        const EpImportOptions *options,
                                        GError               **error);

/* The guessed type of a list of texts (the rules above), for the import preview. */
EpColumnType  ep_import_guess_type     (const char * const    *values,
                                        gsize                  n,
                                        char                   decimal_mark);
/* The same, with why, for the preview to show: "every value is a number", or the first value
 * that keeps a column from being a number, with a hint when it has a thousands separator or
 * the other decimal mark. reason is set to a translated sentence (free it). */
EpColumnType  ep_import_explain_type   (const char * const    *values,
                                        gsize                  n,
                                        char                   decimal_mark,
                                        char                 **reason);

/* A guess of what a column means from its name and content (issue 13), for the preview to
 * offer: "time" (a name with time, os, pfs, efs, dfs, months, days, weeks or years, and
 * numbers of 0 or more), "event" (status, event, dead, died, death or censor, and at most 10
 * different values) or "group" (arm, group or treatment); NULL when nothing fits. The nick is
 * an EpColumnRole's; the user confirms it, it is never applied silently. */
const char   *ep_import_guess_role     (const char            *name,
                                        const EpTableColumn   *column);

G_END_DECLS
