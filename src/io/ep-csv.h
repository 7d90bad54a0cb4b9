/* ep-csv.h: RFC 4180 CSV reader
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads a whole delimited text file into memory as strings. Quoted fields may hold the
 * separator, doubled quotes and newlines; lines end in LF or CRLF; a UTF-8 byte order mark is
 * skipped; the first row is the header and is required. A cell that is empty, "NA" or "." is
 * missing. Numbers are parsed in the C locale, whatever the user's locale.
 *
 * Every error names the file, the line and, where it applies, the column, in the form
 *   lung.csv:17: column "time": "abc" is not a number
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EP_CSV_ERROR (ep_csv_error_quark ())

typedef enum
{
  EP_CSV_ERROR_IO,                /* the file cannot be read */
  EP_CSV_ERROR_EMPTY,             /* no header row */
  EP_CSV_ERROR_ENCODING,          /* invalid UTF-8 */
  EP_CSV_ERROR_UNTERMINATED,      /* a quoted field runs to the end of the file */
  EP_CSV_ERROR_BAD_QUOTE,         /* text after a closing quote */
  EP_CSV_ERROR_RAGGED,            /* a row with more or fewer fields than the header */
  EP_CSV_ERROR_DUPLICATE_HEADER,  /* two columns with one name */
  EP_CSV_ERROR_NO_COLUMN,         /* a column asked for by name is not in the header */
  EP_CSV_ERROR_NOT_A_NUMBER,      /* a cell where a number is needed */
} EpCsvError;

typedef struct _EpCsv EpCsv;

typedef enum
{
  EP_CSV_FLAGS_NONE = 0,
  EP_CSV_NO_HEADER  = 1 << 0,     /* the first row is data; columns are named V1, V2, ... */
} EpCsvFlags;

GQuark       ep_csv_error_quark     (void);

/* sep: ',' (default), ';' or '\t'. display_name is used in messages (e.g. the file's basename). */
EpCsv       *ep_csv_read_file       (const char   *path,
                                     char          sep,
                                     GError      **error);
EpCsv       *ep_csv_read_data       (const char   *data,
                                     gsize         length,
                                     const char   *display_name,
                                     char          sep,
                                     GError      **error);
/* The same with flags (the import dialog's "first row is a header" switch). */
EpCsv       *ep_csv_read_file_full  (const char   *path,
                                     char          sep,
                                     EpCsvFlags    flags,
                                     GError      **error);
EpCsv       *ep_csv_read_data_full  (const char   *data,
                                     gsize         length,
                                     const char   *display_name,
                                     char          sep,
                                     EpCsvFlags    flags,
                                     GError      **error);
/* Reports how far a reader is, from 0 to 1 (called from the thread that reads). */
typedef void (*EpCsvProgressFunc) (double   fraction,
                                   gpointer user_data);

/* ep_csv_read_data_full() that reports progress as it splits rows (progress may be NULL) and
 * stops with G_IO_ERROR_CANCELLED when cancellable (may be NULL) is cancelled. */
EpCsv       *ep_csv_read_data_monitored (const char        *data,
                                         gsize              length,
                                         const char        *display_name,
                                         char               sep,
                                         EpCsvFlags         flags,
                                         EpCsvProgressFunc  progress,
                                         gpointer           progress_data,
                                         GCancellable      *cancellable,
                                         GError           **error);
/* ep_csv_read_data_monitored() on a buffer it takes (g_free()d, also on an error) instead of a
 * copy: buffer holds length bytes and a NUL after them, and is parsed in place. The importer
 * hands it the file it has read (issue 19): no second copy of a large file. */
EpCsv       *ep_csv_read_owned_monitored (char              *buffer,
                                          gsize              length,
                                          const char        *display_name,
                                          char               sep,
                                          EpCsvFlags         flags,
                                          EpCsvProgressFunc  progress,
                                          gpointer           progress_data,
                                          GCancellable      *cancellable,
                                          GError           **error);
/* A table whose cells another reader has already split (a spreadsheet, ep-sheet.h), so that
 * everything downstream of EpCsv (the importer's typing, endpoint-cli's columns) reads it as
 * it reads a CSV file. buffer holds buffer_length + 1 bytes of NUL-terminated cell texts (valid
 * UTF-8; the last byte is a NUL); offsets holds n_rows_total * n_columns offsets into it, row by row, row 0 the header
 * (with EP_CSV_NO_HEADER: the first data row, and the columns are named V1, V2, ...); lines
 * holds the number shown in messages for each row (a spreadsheet's row number). Takes
 * ownership of buffer, offsets and lines, also on failure. Fails as a file would on an empty
 * table or a duplicate column name. */
EpCsv       *ep_csv_new_from_cells  (const char   *display_name,
                                     char         *buffer,
                                     gsize         buffer_length,
                                     guint32      *offsets,
                                     guint32      *lines,
                                     guint         n_rows_total,
                                     guint         n_columns,
                                     EpCsvFlags    flags,
                                     GError      **error);
void         ep_csv_free            (EpCsv        *csv);

const char  *ep_csv_get_display_name (const EpCsv *csv);
guint        ep_csv_get_n_rows      (const EpCsv  *csv);
guint        ep_csv_get_n_columns   (const EpCsv  *csv);
const char  *ep_csv_get_column_name (const EpCsv  *csv,
                                     guint         column);
/* -1 when there is no such column */
int          ep_csv_find_column     (const EpCsv  *csv,
                                     const char   *name);
/* Like ep_csv_find_column() but sets EP_CSV_ERROR_NO_COLUMN naming the file and the column. */
gboolean     ep_csv_lookup_column   (const EpCsv  *csv,
                                     const char   *name,
                                     guint        *column,
                                     GError      **error);
/* The cell's text, never NULL ("" when empty). row 0 is the first data row. */
const char  *ep_csv_get_cell        (const EpCsv  *csv,
                                     guint         row,
                                     guint         column);
/* TRUE for an empty cell, "NA" or "." */
gboolean     ep_csv_is_missing      (const EpCsv  *csv,
                                     guint         row,
                                     guint         column);
/* The 1-based line of the file where the row starts (the header is line 1). */
guint        ep_csv_get_line        (const EpCsv  *csv,
                                     guint         row);
/* Parses a finite number in the C locale; EP_CSV_ERROR_NOT_A_NUMBER names file, line, column. */
gboolean     ep_csv_get_number      (const EpCsv  *csv,
                                     guint         row,
                                     guint         column,
                                     double       *value,
                                     GError      **error);

/* Text encodings (the import's dialects; the reader above takes UTF-8 only).
 *
 * The encoding of a text file, by these rules in order: a byte order mark for UTF-8
 * ("UTF-8"), UTF-16 little or big endian ("UTF-16LE", "UTF-16BE"); valid UTF-8 (ASCII is)
 * ("UTF-8"); else Windows-1252, the Western European code page that Excel writes "CSV" in
 * ("WINDOWS-1252"), unless a byte that code page leaves undefined occurs (0x81, 0x8D, 0x8F,
 * 0x90, 0x9D), then ISO 8859-1 ("ISO-8859-1"), in which every byte is a character. UTF-16
 * without a byte order mark is not guessed. */
const char  *ep_csv_detect_encoding (const char   *data,
                                     gsize         length);
/* data in encoding (an iconv name such as those above) as UTF-8 in *utf8 (NUL-terminated,
 * without a byte order mark), or *utf8 = NULL when data is UTF-8 already and needs no copy.
 * EP_CSV_ERROR_ENCODING names the file and the byte offset of the first byte that is not
 * text in that encoding. */
gboolean     ep_csv_convert_to_utf8 (const char   *data,
                                     gsize         length,
                                     const char   *encoding,
                                     const char   *display_name,
                                     char        **utf8,
                                     gsize        *utf8_length,
                                     GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpCsv, ep_csv_free)

G_END_DECLS
