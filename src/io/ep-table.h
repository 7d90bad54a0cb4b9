/* ep-table.h: a plain table of typed columns, what the importers produce and the exporter writes
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Column storage: one typed array per column (a GArray), no object per cell, so a million-row
 * cohort is a few contiguous arrays. The model (EpCohort) wraps an EpTable and adds roles,
 * endpoints, signals and undo; this layer knows nothing of those.
 *
 * Cell values by type (docs/cohorts.md has the user-facing rules):
 *   EP_COLUMN_NUMBER    double; NaN is missing
 *   EP_COLUMN_CATEGORY  gint32 code into the column's levels; -1 is missing
 *   EP_COLUMN_YESNO     gint8: 1 yes, 0 no, -1 missing
 *   EP_COLUMN_DATE      gint32 days since 1970-01-01 (proleptic Gregorian); EP_DATE_MISSING
 *
 * Text forms (what a cell shows, what the CSV exporter writes, what an edit may type):
 *   number    the shortest decimal that reads back to the same double ("0.1", "1e-300"); on
 *             input C-locale decimals, or with the decimal comma when asked
 *   category  the level's text
 *   yes/no    "yes" / "no"; on input also y/n, true/false, 1/0 (case-insensitive)
 *   date      ISO 8601 "YYYY-MM-DD"; on input also "YYYY/MM/DD" and "DD.MM.YYYY"
 *   missing   "" when written; on input "", "NA" or "."
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_DATE_MISSING G_MININT32

typedef enum
{
  EP_COLUMN_NUMBER,
  EP_COLUMN_CATEGORY,
  EP_COLUMN_YESNO,
  EP_COLUMN_DATE,
} EpColumnType;

#define EP_TABLE_ERROR (ep_table_error_quark ())

typedef enum
{
  EP_TABLE_ERROR_INVALID_VALUE,   /* text that is not a value of the column's type */
  EP_TABLE_ERROR_NO_COLUMN,       /* a column asked for by name does not exist */
  EP_TABLE_ERROR_DUPLICATE_NAME,  /* two columns with one name */
  EP_TABLE_ERROR_EMPTY_NAME,
} EpTableError;

/* One entry of a column's value labels (io/ep-labels.h): a value as its cell text ("1", "CR")
 * and how tables and figures show it ("Male"); label NULL keeps the value. */
typedef struct
{
  char  *value;
  char  *label;
} EpValueLabel;

EpValueLabel   *ep_value_label_new          (const char          *value,
                                             const char          *label);
void            ep_value_label_free         (EpValueLabel        *entry);
/* A deep copy of a GPtrArray of EpValueLabel (NULL gives NULL). */
GPtrArray      *ep_value_labels_copy        (const GPtrArray     *entries);

typedef struct
{
  char          *name;
  char          *label;     /* the display name ("ECOG performance status"; an SPSS/Stata/SAS
                             * variable label on import), or NULL: the name is shown */
  EpColumnType   type;
  GArray        *values;    /* n_rows cells, element type as above */
  GPtrArray     *levels;    /* EP_COLUMN_CATEGORY: the level texts (char *) by code; else NULL */
  GPtrArray     *value_labels; /* EpValueLabel *: the level order and display labels the user (or
                                * an import) set, for a column of any type; NULL when none */
} EpTableColumn;

typedef struct
{
  guint       n_rows;
  GPtrArray  *columns;      /* EpTableColumn *, owned */
} EpTable;

GQuark          ep_table_error_quark        (void);

const char     *ep_column_type_to_string    (EpColumnType         type);

/* A column of n_rows missing cells. */
EpTableColumn  *ep_table_column_new         (const char          *name,
                                             EpColumnType         type,
                                             guint                n_rows);
/* Makes a column n_rows long without writing the new cells (the caller writes every one), a
 * large block advised transparent huge pages first (the importer's guessed numbers). */
void            ep_table_column_set_size_unwritten (EpTableColumn *column,
                                                    guint          n_rows);
EpTableColumn  *ep_table_column_copy        (const EpTableColumn *column);
void            ep_table_column_free        (EpTableColumn       *column);

gboolean        ep_table_column_is_missing  (const EpTableColumn *column,
                                             guint                row);
guint           ep_table_column_count_missing (const EpTableColumn *column);
void            ep_table_column_set_missing (EpTableColumn       *column,
                                             guint                row);
/* The cell as text (see above); "" when missing. */
char           *ep_table_column_format      (const EpTableColumn *column,
                                             guint                row);
/* Parses text as a value of the column's type and stores it; a new category text becomes a
 * new level. On failure the cell is unchanged and error is EP_TABLE_ERROR_INVALID_VALUE with a
 * message such as: "abc" is not a number. decimal_mark is '.' or ','. */
gboolean        ep_table_column_set_text    (EpTableColumn       *column,
                                             guint                row,
                                             const char          *text,
                                             char                 decimal_mark,
                                             GError             **error);
/* Sets rows [0, n) from texts, as ep_table_column_set_text() each, but a category's levels are
 * looked up in a hash table, so that a million distinct texts (patient ids) cost O(n). On a
 * text that does not fit, returns FALSE with *bad_row set and the message of set_text; the
 * rows before it are set. The importers' path. */
gboolean        ep_table_column_set_texts   (EpTableColumn       *column,
                                             const char * const  *texts,
                                             guint                n,
                                             char                 decimal_mark,
                                             guint               *bad_row,
                                             GError             **error);
/* The code of a level, adding it when new. */
gint32          ep_table_column_intern_level (EpTableColumn      *column,
                                             const char          *level);
/* Converts the column to another type through the text of each cell (numbers to categories,
 * yes/no to 1/0 numbers, and so on). A cell whose text is not a value of the new type makes
 * the conversion fail with "row 17: "abc" is not a number" and leaves the column unchanged. */
gboolean        ep_table_column_convert     (EpTableColumn       *column,
                                             EpColumnType         type,
                                             GError             **error);

EpTable        *ep_table_new                (guint                n_rows);
void            ep_table_free               (EpTable             *table);
guint           ep_table_get_n_columns      (const EpTable       *table);
EpTableColumn  *ep_table_get_column         (const EpTable       *table,
                                             guint                index);
/* -1 when there is no such column */
int             ep_table_find_column        (const EpTable       *table,
                                             const char          *name);
/* Takes ownership of column, which must have n_rows cells and a name no other column has. */
gboolean        ep_table_insert_column      (EpTable             *table,
                                             guint                position,
                                             EpTableColumn       *column,
                                             GError             **error);
/* Removes the column and returns it (the caller owns it). */
EpTableColumn  *ep_table_steal_column       (EpTable             *table,
                                             guint                position);
/* n missing rows at position, in every column. */
void            ep_table_insert_rows        (EpTable             *table,
                                             guint                position,
                                             guint                n);
void            ep_table_remove_rows        (EpTable             *table,
                                             guint                position,
                                             guint                n);

/* Value parsers shared by the importers and by editing; all accept surrounding blanks. */
gboolean        ep_value_is_missing_text    (const char          *text);
gboolean        ep_value_parse_number       (const char          *text,
                                             char                 decimal_mark,
                                             double              *value);
gboolean        ep_value_parse_yesno        (const char          *text,
                                             gint8               *value);
/* Only real calendar dates: 2023-02-29 is refused, 2024-02-29 accepted. */
gboolean        ep_value_parse_date         (const char          *text,
                                             gint32              *days);
/* The shortest round-trip decimal of a finite double, in the C locale. */
char           *ep_value_format_number      (double               value);
char           *ep_value_format_date        (gint32               days);
/* The same into buf (at least EP_NUMBER_BUF_SIZE bytes), returning the length: no allocation,
 * for the exporter's inner loop. */
#define EP_NUMBER_BUF_SIZE 40
gsize           ep_value_format_number_buf  (double               value,
                                             char                *buf);
gsize           ep_value_format_date_buf    (gint32               days,
                                             char                *buf);
/* A cell's text as a message shows it: at most EP_EXCERPT_CHARS characters and then "…", so a
 * million-character cell is not echoed whole into an error (issue 12). */
#define EP_EXCERPT_CHARS 60
char           *ep_value_excerpt            (const char          *text);

/* The dates a column holds: years 1 to 9999, as ep_date_from_ymd() accepts and the formats write
 * (0001-01-01 and 9999-12-31 in days since 1970-01-01). Anything an import would put outside is
 * refused there, so a project always saves and reopens. */
#define EP_DATE_MIN (-719162)
#define EP_DATE_MAX 2932896
#define EP_DATE_IN_RANGE(days) ((days) >= EP_DATE_MIN && (days) <= EP_DATE_MAX)

/* Days since 1970-01-01 of a calendar date; FALSE when the date does not exist. */
gboolean        ep_date_from_ymd            (int                  year,
                                             int                  month,
                                             int                  day,
                                             gint32              *days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpTable, ep_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpTableColumn, ep_table_column_free)

G_END_DECLS
