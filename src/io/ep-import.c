/* ep-import.c: reading a cohort's data file into an EpTable
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "io/ep-csv.h"
#include "io/ep-file-check.h"
#include "io/ep-import.h"
#include "io/ep-readstat.h"
#include "io/ep-sheet.h"

G_DEFINE_QUARK (ep-import-error-quark, ep_import_error)

void
ep_import_options_init (EpImportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->sep = 0;
  options->decimal_mark = '.';
  options->header = TRUE;
}

EpFileFormat
ep_import_format_for_path (const char *path)
{
  static const struct { const char *suffix; EpFileFormat format; } suffixes[] = {
    { ".csv", EP_FILE_FORMAT_CSV },
    { ".txt", EP_FILE_FORMAT_CSV },
    { ".tsv", EP_FILE_FORMAT_TSV },
    { ".tab", EP_FILE_FORMAT_TSV },
    { ".sav", EP_FILE_FORMAT_SAV },
    { ".zsav", EP_FILE_FORMAT_SAV },
    { ".dta", EP_FILE_FORMAT_DTA },
    { ".sas7bdat", EP_FILE_FORMAT_SAS7BDAT },
    { ".xpt", EP_FILE_FORMAT_XPORT },
    { ".xlsx", EP_FILE_FORMAT_XLSX },
    { ".xlsm", EP_FILE_FORMAT_XLSX },
    { ".ods", EP_FILE_FORMAT_ODS },
    { ".xls", EP_FILE_FORMAT_XLS },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, EP_FILE_FORMAT_UNKNOWN);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i].suffix))
      return suffixes[i].format;

  return EP_FILE_FORMAT_UNKNOWN;
}

char
ep_import_guess_separator (const char *data,
                           gsize       length)
{
  guint comma = 0, semicolon = 0, tab = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n')
        break;
      else if (c == ',')
        comma++;
      else if (c == ';')
        semicolon++;
      else if (c == '\t')
        tab++;
    }

  if (tab > comma && tab >= semicolon)
    return '\t';
  if (semicolon > comma)
    return ';';

  return ',';
}

/* "1.234,5", "1,234", "12 345.6", "1'234": digits in groups of three after a first group of
 * one to three, joined by a separator that is not the decimal mark (and an optional fraction
 * after the decimal mark). Such a cell is never read as a number: which mark is which cannot
 * be known for certain, and a misread is a wrong number. */
static gboolean
has_thousands_separator (const char *text,
                         char        decimal_mark)
{
  const char *s = text;
  char group = 0;
  int lead = 0, groups = 0;

  while (*s == ' ')
    s++;
  if (*s == '-' || *s == '+')
    s++;
  while (g_ascii_isdigit (*s) && lead < 4)
    s++, lead++;
  if (lead == 0 || lead > 3)
    return FALSE;
  for (;;)
    {
      char c = *s;

      if ((c == '.' || c == ',' || c == ' ' || c == '\'') && c != decimal_mark &&
          (group == 0 || c == group) &&
          g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[2]) && g_ascii_isdigit (s[3]) &&
          !g_ascii_isdigit (s[4]))
        {
          group = c;
          groups++;
          s += 4;
          continue;
        }
      break;
    }
  if (groups == 0)
    return FALSE;
  /* with the decimal mark ',' "1,234" alone is a decimal; "1.234" alone is a thousand */
  if (*s == decimal_mark || (*s == (decimal_mark == ',' ? '.' : ',') && group != *s))
    {
      s++;
      while (g_ascii_isdigit (*s))
        s++;
    }
  while (*s == ' ')
    s++;

  return *s == '\0';
}

/* "3,5", "-0,25": a number once the comma is a decimal point. */
static gboolean
is_comma_decimal (const char *text)
{
  double x;

  return strchr (text, ',') != NULL && ep_value_parse_number (text, ',', &x);
}

/* The decimal mark of text separated by sep: see ep_import_guess_dialect(). */
static char
guess_decimal_mark (const char *data,
                    gsize       length,
                    char        sep)
{
  g_autoptr(EpCsv) csv = NULL;
  guint comma = 0, point = 0;
  gsize prefix = 0;

  if (sep == ',')
    return '.';

  /* the first lines are enough to tell, and reading them is cheap */
  for (guint lines = 0; prefix < length && lines < 1000; prefix++)
    if (data[prefix] == '\n')
      lines++;
  csv = ep_csv_read_data_full (data, prefix, "data", sep, EP_CSV_NO_HEADER, NULL);
  if (csv == NULL)
    return '.';

  /* row 0 is the header, or data: either way names are not numbers */
  for (guint i = 0; i < ep_csv_get_n_rows (csv); i++)
    for (guint j = 0; j < ep_csv_get_n_columns (csv); j++)
      {
        const char *cell = ep_csv_get_cell (csv, i, j);
        double x;

        if (has_thousands_separator (cell, ',') || has_thousands_separator (cell, '.'))
          continue;
        if (is_comma_decimal (cell))
          comma++;
        else if (strchr (cell, '.') != NULL && ep_value_parse_number (cell, '.', &x))
          point++;
      }

  return comma > 0 && point == 0 ? ',' : '.';
}

void
ep_import_guess_dialect (const char *data,
                         gsize       length,
                         char       *sep,
                         char       *decimal_mark)
{
  g_return_if_fail (sep != NULL && decimal_mark != NULL);

  *sep = ep_import_guess_separator (data, length);
  *decimal_mark = guess_decimal_mark (data, length, *sep);
}

/* yes/no words only: a 0/1 column is a number. */
static gboolean
is_yesno_word (const char *text)
{
  static const char * const words[] = { "yes", "no", "y", "n", "true", "false", NULL };
  g_autofree char *t = g_strstrip (g_strdup (text));

  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (t, words[i]) == 0)
      return TRUE;

  return FALSE;
}

/* ep_import_guess_type(); numbers, when not NULL, receives each value read as a number
 * (NAN when missing) as long as every value so far is one, which is all of them when the
 * answer is EP_COLUMN_NUMBER: exactly what ep_table_column_set_texts() would store. */
static EpColumnType
guess_type_into (const char * const *values,
                 gsize               n,
                 char                decimal_mark,
                 double             *numbers)
{
  gboolean number = TRUE, yesno = TRUE, date = TRUE;
  gsize n_present = 0;
  double scratch;

  for (gsize i = 0; i < n && (number || yesno || date); i++)
    {
      double *x = numbers != NULL && number ? &numbers[i] : &scratch;
      gint32 d;

      /* a cell that starts with a digit is not missing: no strlen() for the usual number */
      if (!g_ascii_isdigit (values[i][0]) && ep_value_is_missing_text (values[i]))
        {
          *x = NAN;
          continue;
        }
      n_present++;
      number = number && ep_value_parse_number (values[i], decimal_mark, x);
      yesno = yesno && is_yesno_word (values[i]);
      date = date && ep_value_parse_date (values[i], &d);
    }

  if (n_present == 0)
    return EP_COLUMN_CATEGORY;
  if (number)
    return EP_COLUMN_NUMBER;
  if (yesno)
    return EP_COLUMN_YESNO;
  if (date)
    return EP_COLUMN_DATE;

  return EP_COLUMN_CATEGORY;
}

/* TRUE when one of name's words (split at anything not a letter) is in words; "OS_months"
 * has "os" and "months", "pfs2" has "pfs". */
static gboolean
name_has_word (const char         *name,
               const char * const *words)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_auto(GStrv) parts = NULL;

  for (char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p))
      *p = ' ';
  parts = g_strsplit (lower, " ", -1);
  for (guint k = 0; parts[k] != NULL; k++)
    if (*parts[k] != '\0' && g_strv_contains (words, parts[k]))
      return TRUE;
  return FALSE;
}

const char *
ep_import_guess_role (const char          *name,
                      const EpTableColumn *column)
{
  static const char * const time_words[] = { "time", "os", "pfs", "efs", "dfs", "rfs", "months",
                                             "days", "weeks", "years", "futime", "survtime", NULL };
  static const char * const event_words[] = { "status", "event", "dead", "died", "death",
                                              "censor", "censored", "cens", "fustat", NULL };
  static const char * const group_words[] = { "arm", "group", "treatment", "trt", NULL };
  guint n_rows;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  n_rows = column->values->len;
  /* the event words first: "os_status" is the status of OS, not its time */
  if (name_has_word (name, event_words))
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < n_rows && g_hash_table_size (seen) <= 10; i++)
        if (!ep_table_column_is_missing (column, i))
          g_hash_table_add (seen, ep_table_column_format (column, i));
      if (g_hash_table_size (seen) >= 1 && g_hash_table_size (seen) <= 10)
        return "event";
      return NULL;
    }
  if (name_has_word (name, time_words))
    {
      if (column->type != EP_COLUMN_NUMBER)
        return NULL;
      for (guint i = 0; i < n_rows; i++)
        if (g_array_index (column->values, double, i) < 0)
          return NULL;
      return "time";
    }
  if (name_has_word (name, group_words))
    return "group";
  return NULL;
}

EpColumnType
ep_import_guess_type (const char * const *values,
                      gsize               n,
                      char                decimal_mark)
{
  return guess_type_into (values, n, decimal_mark, NULL);
}

EpColumnType
ep_import_explain_type (const char * const  *values,
                        gsize                n,
                        char                 decimal_mark,
                        char               **reason)
{
  EpColumnType type = ep_import_guess_type (values, n, decimal_mark);
  const char *first_bad = NULL;
  gsize first_bad_row = 0, n_bad = 0, n_numbers = 0;

  g_return_val_if_fail (reason != NULL, type);

  switch (type)
    {
    case EP_COLUMN_NUMBER:
      *reason = g_strdup (_("every value is a number"));
      return type;
    case EP_COLUMN_YESNO:
      *reason = g_strdup (_("every value is yes/no, y/n or true/false"));
      return type;
    case EP_COLUMN_DATE:
      *reason = g_strdup (_("every value is a date (YYYY-MM-DD, YYYY/MM/DD or DD.MM.YYYY)"));
      return type;
    case EP_COLUMN_CATEGORY:
    default:
      break;
    }

  for (gsize i = 0; i < n; i++)
    {
      double x;

      if (ep_value_is_missing_text (values[i]))
        continue;
      if (ep_value_parse_number (values[i], decimal_mark, &x))
        n_numbers++;
      else if (n_bad++ == 0)
        {
          first_bad = values[i];
          first_bad_row = i;
        }
    }

  if (first_bad == NULL)
    *reason = g_strdup (_("the column has no values"));
  else if (has_thousands_separator (first_bad, decimal_mark))
    *reason = g_strdup_printf (_("“%s” has a thousands separator, which Endpoint does not read "
                                 "as a number (it could be misread); remove the separators "
                                 "to make this a number column"), first_bad);
  else if (decimal_mark == '.' && is_comma_decimal (first_bad))
    *reason = g_strdup_printf (_("“%s” has a decimal comma; choose the comma as the decimal "
                                 "mark to make this a number column"), first_bad);
  else if (n_bad == 1 && n_numbers > 0)
    /* one stray text made a number column a category (issue 13): say which cell */
    *reason = g_strdup_printf (_("row %lu: “%s” is the only value that is not a number; correct "
                                 "it or leave the cell empty to make this a number column"),
                               (unsigned long) first_bad_row + 1, first_bad);
  else
    *reason = g_strdup_printf (_("“%s” is not a number, a date or yes/no"), first_bad);

  return type;
}

/* Progress and cancellation of an import, and the share of the whole a step reports in. */
typedef struct
{
  EpImportProgressFunc  progress;
  gpointer              progress_data;
  GCancellable         *cancellable;
  double                from;
  double                to;
  double               *reached;   /* the furthest point reported, shared by copies; or NULL */
} Monitor;

static void
monitor_report (Monitor *m,
                double   fraction)
{
  double at;

  if (m == NULL || m->progress == NULL)
    return;
  at = m->from + (m->to - m->from) * CLAMP (fraction, 0.0, 1.0);
  if (m->reached != NULL)
    *m->reached = MAX (*m->reached, at);
  m->progress (at, m->progress_data);
}

static void
monitor_step_cb (double   fraction,
                 gpointer user_data)
{
  monitor_report (user_data, fraction);
}

static EpTable *
table_from_csv_monitored (const EpCsv            *csv,
                          const EpImportOptions  *options,
                          Monitor                *m,
                          GError                **error);

static EpTable *
table_from_csv (const EpCsv            *csv,
                const EpImportOptions  *options,
                GError                **error)
{
  return table_from_csv_monitored (csv, options, NULL, error);
}

/* Types the cells column by column (the rows of each column in one go). */
static EpTable *
table_from_csv_monitored (const EpCsv            *csv,
                          const EpImportOptions  *options,
                          Monitor                *m,
                          GError                **error)
{
  g_autoptr(EpTable) table = NULL;
  guint n_rows = ep_csv_get_n_rows (csv);
  guint n_columns = ep_csv_get_n_columns (csv);
  g_autofree const char **cells = g_new (const char *, MAX (n_rows, 1));

  table = ep_table_new (n_rows);

  for (guint j = 0; j < n_columns; j++)
    {
      g_autoptr(EpTableColumn) column = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = NULL;
      EpColumnType type;
      guint bad_row = 0;

      if (m != NULL && g_cancellable_set_error_if_cancelled (m->cancellable, error))
        return NULL;
      monitor_report (m, (double) j / MAX (n_columns, 1));
      for (guint i = 0; i < n_rows; i++)
        cells[i] = ep_csv_get_cell (csv, i, j);

      /* An unnamed column still needs a name in a cohort: V and its position, made unique
       * (V2.1, V2.2, ...) when the header names another column so (found by fuzz-csv:
       * "a,,V2" gave two columns V2 and a message without the file's name). */
      if (ep_csv_get_column_name (csv, j)[0] != '\0')
        name = g_strdup (ep_csv_get_column_name (csv, j));
      else
        {
          name = g_strdup_printf ("V%u", j + 1);
          for (guint k = 1; ep_csv_find_column (csv, name) >= 0 ||
                            ep_table_find_column (table, name) >= 0; k++)
            {
              g_free (name);
              name = g_strdup_printf ("V%u.%u", j + 1, k);
            }
        }

      if (options->types != NULL && j < options->n_types && options->types[j] >= 0)
        type = (EpColumnType) options->types[j];
      else
        {
          /* Guessing parses every number; a number column keeps what it parsed. */
          column = ep_table_column_new (name, EP_COLUMN_NUMBER, 0);
          /* every row is written or the column dropped: not filled first (a text column's
           * guess stops at its first cell), and in huge pages */
          ep_table_column_set_size_unwritten (column, n_rows);
          type = guess_type_into (cells, n_rows, options->decimal_mark,
                                  (double *) (void *) column->values->data);
          if (type == EP_COLUMN_NUMBER)
            goto insert;
          g_clear_pointer (&column, ep_table_column_free);
        }

      column = ep_table_column_new (name, type, n_rows);

      if (!ep_table_column_set_texts (column, cells, n_rows, options->decimal_mark, &bad_row,
                                      &local_error))
        {
          g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_INVALID,
                       /* TRANSLATORS: lung.csv:17: column "time": "abc" is not a number */
                       _("%s:%u: column \"%s\": %s"), ep_csv_get_display_name (csv),
                       ep_csv_get_line (csv, bad_row), name, local_error->message);
          return NULL;
        }

    insert:
      if (!ep_table_insert_column (table, j, g_steal_pointer (&column), &local_error))
        {
          g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_INVALID, "%s: %s",
                       ep_csv_get_display_name (csv), local_error->message);
          return NULL;
        }
    }

  monitor_report (m, 1.0);
  return g_steal_pointer (&table);
}

EpTable *
ep_import_csv_table (const EpCsv            *csv,
                     const EpImportOptions  *options,
                     GError                **error)
{
  EpImportOptions resolved;

  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options != NULL)
    resolved = *options;
  else
    ep_import_options_init (&resolved);
  if (resolved.decimal_mark != ',')
    resolved.decimal_mark = '.';

  return table_from_csv (csv, &resolved, error);
}

/* Where the bytes of a text import came from, to read them again: a path, or the caller's
 * buffer (which it still holds). */
typedef struct
{
  const char *path;
  const char *data;
  gsize       length;
} Source;

static EpTable *
import_csv_data (char                   *data,
                 gsize                   length,
                 const char             *display_name,
                 const EpImportOptions  *options,
                 const Source           *source,
                 Monitor                *m,
                 GError                **error);

EpTable *
ep_import_csv_data (const char             *data,
                    gsize                   length,
                    const char             *display_name,
                    const EpImportOptions  *options,
                    GError                **error)
{
  Source source = { NULL, data, length };
  char *copy;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* the reader splits the text in place: a copy of the caller's, ending in a NUL */
  copy = g_malloc (length + 1);
  if (length > 0)
    memcpy (copy, data, length);
  copy[length] = '\0';
  return import_csv_data (copy, length, display_name, options, &source, NULL, error);
}

/* The bytes of source again, length and a NUL, for import_csv_data(). */
static char *
source_read (const Source  *source,
             gsize         *length,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (source->path == NULL)
    {
      contents = g_malloc (source->length + 1);
      if (source->length > 0)
        memcpy (contents, source->data, source->length);
      contents[source->length] = '\0';
      *length = source->length;
      return contents;
    }
  if (!ep_file_read_bounded (source->path, EP_FILE_MAX_TABLE_BYTES, &contents, length,
                             &local_error))
    {
      g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_OPEN, "%s", local_error->message);
      return NULL;
    }
  return contents;
}

/* Splits and types UTF-8 text (options resolved but for the separator and the decimal mark,
 * which are guessed here when 0); takes data. *split_failed (may be NULL): the error is the
 * reader's, not the typing's. */
static EpTable *
import_utf8 (char             *data,
             gsize             length,
             const char       *display_name,
             EpImportOptions  *resolved,
             Monitor          *m,
             gboolean         *split_failed,
             GError          **error)
{
  Monitor split = { 0 }, typed = { 0 };
  g_autoptr(EpCsv) csv = NULL;
  EpCsvFlags flags;

  if (resolved->sep == 0)
    resolved->sep = ep_import_guess_separator (data, length);
  if (resolved->decimal_mark == 0)
    resolved->decimal_mark = guess_decimal_mark (data, length, resolved->sep);

  flags = resolved->header ? EP_CSV_FLAGS_NONE : EP_CSV_NO_HEADER;
  if (m != NULL)
    {
      /* splitting the rows is about half the work, typing the cells the other half */
      split = *m;
      split.to = m->from + (m->to - m->from) * 0.5;
      typed = *m;
      typed.from = split.to;
    }
  csv = ep_csv_read_owned_monitored (data, length, display_name, resolved->sep, flags,
                                     m != NULL ? monitor_step_cb : NULL, &split,
                                     m != NULL ? m->cancellable : NULL, error);
  if (csv == NULL)
    {
      if (split_failed != NULL)
        *split_failed = TRUE;
      return NULL;
    }
  return table_from_csv_monitored (csv, resolved, m != NULL ? &typed : NULL, error);
}

/* m: NULL, or the monitor of an import whose share from m->from to m->to this is.
 * data: length bytes and a NUL, which this takes (g_free()s): the reader splits it in place
 * rather than a copy (issue 19: a 55 MB file read by ep_import_file() is not copied again).
 *
 * The encoding: with none given and no UTF-16 byte order mark, the text is split as UTF-8
 * straight away, the reader checking it cell by cell as it splits (issue 19: no pass of its
 * own). If the reader refuses it (a cell that is not UTF-8, or anything else: a message names
 * header cells, which read otherwise once a later byte makes the file Windows-1252; found by
 * fuzz-csv) and there is no UTF-8 byte order mark, the bytes are read again from source (the
 * split has overwritten them) and go the way every import went before: the encoding guessed
 * over the whole text (ep_csv_detect_encoding()), converted, split. So every table and message
 * is that way's: a text the reader takes whole is valid UTF-8 (every cell checked), which the
 * guess calls UTF-8, and the typing's messages come only after that. */
static EpTable *
import_csv_data (char                   *data,
                 gsize                   length,
                 const char             *display_name,
                 const EpImportOptions  *options,
                 const Source           *source,
                 Monitor                *m,
                 GError                **error)
{
  g_autofree char *owned = data;
  g_autofree char *utf8 = NULL;
  EpImportOptions resolved;
  gsize utf8_length = 0;
  const char *encoding;

  if (options != NULL)
    resolved = *options;
  else
    ep_import_options_init (&resolved);
  g_return_val_if_fail (resolved.decimal_mark == '.' || resolved.decimal_mark == ',' ||
                        resolved.decimal_mark == 0, NULL);

  if (resolved.encoding == NULL &&
      !(length >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                        ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))))
    {
      g_autoptr(GError) local_error = NULL;
      EpImportOptions attempt = resolved;
      gboolean bom = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0;
      gboolean split_failed = FALSE;
      EpTable *table;

      table = import_utf8 (g_steal_pointer (&owned), length, display_name, &attempt, m,
                           &split_failed, &local_error);
      if (table != NULL)
        return table;
      if (!split_failed || bom || source == NULL ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* refused as UTF-8: the bytes again, their encoding guessed as before; the progress
       * goes on from where the first reading stopped rather than back to the start */
      owned = data = source_read (source, &length, error);
      if (data == NULL)
        return NULL;
      if (m != NULL && m->reached != NULL)
        m->from = MIN (MAX (m->from, *m->reached), m->to);
    }

  /* Text in another encoding is made UTF-8 first; the reader then sees one encoding. */
  encoding = resolved.encoding != NULL ? resolved.encoding : ep_csv_detect_encoding (data, length);
  if (!ep_csv_convert_to_utf8 (data, length, encoding, display_name, &utf8, &utf8_length, error))
    return NULL;
  if (utf8 != NULL)
    {
      /* g_convert() ends its text in a NUL: the reader may take it in place of the original */
      g_clear_pointer (&owned, g_free);
      owned = g_steal_pointer (&utf8);
      data = owned;
      length = utf8_length;
    }

  return import_utf8 (g_steal_pointer (&owned), length, display_name, &resolved, m, NULL, error);
}

EpTable *
ep_import_file (const char             *path,
                const EpImportOptions  *options,
                GError                **error)
{
  return ep_import_file_full (path, options, NULL, NULL, NULL, error);
}

EpTable *
ep_import_file_full (const char             *path,
                     const EpImportOptions  *options,
                     EpImportProgressFunc    progress,
                     gpointer                progress_data,
                     GCancellable           *cancellable,
                     GError                **error)
{
  double reached = 0.0;
  Monitor monitor = { progress, progress_data, cancellable, 0.0, 1.0, &reached };
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  EpImportOptions text_options;
  EpFileFormat format;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_path_get_basename (path);
  format = ep_import_format_for_path (path);

  /* a file too large for memory is refused by its size before a byte is read, whatever its
   * format (ReadStat and the spreadsheets keep every cell in memory too); what is not a
   * regular file is left to each reader's own message */
  if (format != EP_FILE_FORMAT_UNKNOWN && g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
      !ep_file_check_size (path, EP_FILE_MAX_TABLE_BYTES, &local_error))
    {
      g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_OPEN, "%s", local_error->message);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  switch (format)
    {
    case EP_FILE_FORMAT_SAV:
    case EP_FILE_FORMAT_DTA:
    case EP_FILE_FORMAT_SAS7BDAT:
    case EP_FILE_FORMAT_XPORT:
      return ep_readstat_import_monitored (path, format, progress, progress_data, cancellable,
                                           error);

    case EP_FILE_FORMAT_XLSX:
    case EP_FILE_FORMAT_ODS:
    case EP_FILE_FORMAT_XLS:
      {
        g_autoptr(EpCsv) csv = NULL;

        if (options != NULL)
          text_options = *options;
        else
          ep_import_options_init (&text_options);
        /* a spreadsheet's numbers are stored with a decimal point whatever it shows */
        text_options.decimal_mark = '.';
        csv = ep_sheet_read (path, text_options.sheet,
                             text_options.header ? EP_CSV_FLAGS_NONE : EP_CSV_NO_HEADER, 0,
                             error);
        if (csv == NULL)
          return NULL;
        /* the sheet is read in one go; typing its cells reports the second half */
        monitor.from = 0.5;
        return table_from_csv_monitored (csv, &text_options, &monitor, error);
      }

    case EP_FILE_FORMAT_CSV:
    case EP_FILE_FORMAT_TSV:
      if (options != NULL)
        text_options = *options;
      else
        ep_import_options_init (&text_options);
      if (format == EP_FILE_FORMAT_TSV && text_options.sep == 0)
        text_options.sep = '\t';

      if (!ep_file_read_bounded (path, EP_FILE_MAX_TABLE_BYTES, &contents, &length, &local_error))
        {
          g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_OPEN, "%s", local_error->message);
          return NULL;
        }
      /* reading the file is quick next to splitting and typing it */
      monitor.from = 0.05;
      monitor_report (&monitor, 0.0);
      {
        Source source = { path, NULL, 0 };
        char *text = g_steal_pointer (&contents);

        return import_csv_data (text, length, display_name, &text_options, &source, &monitor,
                                error);
      }

    case EP_FILE_FORMAT_UNKNOWN:
    default:
      g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("%s: unknown file type; Endpoint reads CSV, TSV, Excel (.xlsx, .xls), "
                     "OpenDocument (.ods), SPSS (.sav, .zsav), Stata (.dta) and SAS "
                     "(.sas7bdat, .xpt) files"), display_name);
      return NULL;
    }
}
