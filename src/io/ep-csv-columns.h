/* ep-csv-columns.h: the columns an analysis uses, read from a CSV file straight into arrays
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ep_csv_read_columns() reads only the named columns of a file: numbers into doubles, factors
 * into 32-bit codes with a small dictionary of levels. It reads the file in chunks, checks
 * UTF-8 and splits cells in one pass, and parses each number once, straight from the bytes
 * (ep-number.h: exactly strtod's double). The values are those of ep_csv_read_file() with
 * ep_csv_is_missing() and ep_csv_get_number(), bit for bit; anything that pass does not take
 * (a file the CSV reader refuses, a cell that is not a number, quoting it does not expect)
 * is read again through ep_csv_read_file(), so errors and edge cases are those of ep-csv.h.
 */
#pragma once

#include <glib.h>

#include "io/ep-csv.h"

G_BEGIN_DECLS

typedef enum
{
  EP_CSV_COLUMN_NUMBER,   /* doubles; NAN where missing ("", "NA", ".") */
  EP_CSV_COLUMN_FACTOR,   /* codes into levels (first-seen order); -1 where missing */
} EpCsvColumnKind;

typedef struct
{
  char            *name;
  EpCsvColumnKind  kind;
  double          *numbers;   /* NUMBER: n_rows */
  gint32          *codes;     /* FACTOR: n_rows */
  GPtrArray       *levels;    /* FACTOR: char *, owned */
} EpCsvColumn;

typedef struct
{
  char        *display_name;
  guint        n_rows;
  guint        n_columns;
  EpCsvColumn *columns;       /* n_columns, in the order asked for */
  guint32     *lines;         /* n_rows: the 1-based line each data row starts on */
  gboolean     fell_back;     /* read through ep_csv_read_file() (tests, benchmarks) */
  guint        threads;       /* 1, or 2 when the single pass ran as two parts (tests) */
} EpCsvColumns;

/* names: n columns by header name; kinds: theirs. Errors are those of ep_csv_read_file(),
 * ep_csv_lookup_column() and ep_csv_get_number() (the first bad cell by column, then row). */
EpCsvColumns *ep_csv_read_columns (const char             *path,
                                   char                    sep,
                                   const char * const     *names,
                                   const EpCsvColumnKind  *kinds,
                                   guint                   n,
                                   GError                **error);
/* The single pass alone: NULL, without an error, when it gives up on the file for any reason
 * (including a cell that is not a number, a column that is not there or a column asked for
 * twice), so that the caller can take its own path through ep_csv_read_file() and report what
 * that reports. endpoint-cli's analyses read their columns this way (cli/ep-cli-data.c). */
EpCsvColumns *ep_csv_read_columns_try (const char             *path,
                                       char                    sep,
                                       const char * const     *names,
                                       const EpCsvColumnKind  *kinds,
                                       guint                   n);
void          ep_csv_columns_free (EpCsvColumns           *columns);
/* Tests: threads 1 or 2 for files of at least min_bytes (over EP_THREADS and
 * EP_THREAD_MIN_BYTES); threads 0: back to the environment and the defaults. */
void          ep_csv_columns_set_threads (guint                  threads,
                                          gsize                  min_bytes);
/* Tests: the single pass reads the file bytes at a time (at least 8; the buffer still doubles
 * for a record longer than that), so that the ends of its chunks fall inside quoted cells,
 * line ends and UTF-8 sequences; 0: back to 1 MiB. */
void          ep_csv_columns_set_chunk_size (gsize               bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpCsvColumns, ep_csv_columns_free)

G_END_DECLS
