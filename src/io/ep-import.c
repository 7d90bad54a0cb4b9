/* ep-import.c: reading a cohort's data file into an EpTable
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "io/ep-csv.h"
#include "io/ep-file-check.h"
#include "io/ep-import.h"
#include "io/ep-readstat.h"

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

EpColumnType
ep_import_guess_type (const char * const *values,
                      gsize               n,
                      char                decimal_mark)
{
  gboolean number = TRUE, yesno = TRUE, date = TRUE;
  gsize n_present = 0;

  for (gsize i = 0; i < n && (number || yesno || date); i++)
    {
      double x;
      gint32 d;

      if (ep_value_is_missing_text (values[i]))
        continue;
      n_present++;
      number = number && ep_value_parse_number (values[i], decimal_mark, &x);
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

static EpTable *
table_from_csv (const EpCsv            *csv,
                const EpImportOptions  *options,
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

      for (guint i = 0; i < n_rows; i++)
        cells[i] = ep_csv_get_cell (csv, i, j);

      if (options->types != NULL && j < options->n_types && options->types[j] >= 0)
        type = (EpColumnType) options->types[j];
      else
        type = ep_import_guess_type (cells, n_rows, options->decimal_mark);

      /* An unnamed column still needs a name in a cohort. */
      name = (ep_csv_get_column_name (csv, j)[0] != '\0')
               ? g_strdup (ep_csv_get_column_name (csv, j))
               : g_strdup_printf ("V%u", j + 1);
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

      if (!ep_table_insert_column (table, j, g_steal_pointer (&column), error))
        return NULL;
    }

  return g_steal_pointer (&table);
}

EpTable *
ep_import_csv_data (const char             *data,
                    gsize                   length,
                    const char             *display_name,
                    const EpImportOptions  *options,
                    GError                **error)
{
  g_autoptr(EpCsv) csv = NULL;
  EpImportOptions defaults;
  char sep;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      ep_import_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->decimal_mark == '.' || options->decimal_mark == ',', NULL);

  sep = options->sep != 0 ? options->sep : ep_import_guess_separator (data, length);
  csv = ep_csv_read_data_full (data, length, display_name, sep,
                               options->header ? EP_CSV_FLAGS_NONE : EP_CSV_NO_HEADER, error);
  if (csv == NULL)
    return NULL;

  return table_from_csv (csv, options, error);
}

EpTable *
ep_import_file (const char             *path,
                const EpImportOptions  *options,
                GError                **error)
{
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

  switch (format)
    {
    case EP_FILE_FORMAT_SAV:
    case EP_FILE_FORMAT_DTA:
    case EP_FILE_FORMAT_SAS7BDAT:
    case EP_FILE_FORMAT_XPORT:
      return ep_readstat_import (path, format, error);

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
      return ep_import_csv_data (contents, length, display_name, &text_options, error);

    case EP_FILE_FORMAT_UNKNOWN:
    default:
      g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("%s: unknown file type; Endpoint reads CSV, TSV, SPSS (.sav, .zsav), "
                     "Stata (.dta) and SAS (.sas7bdat, .xpt) files"), display_name);
      return NULL;
    }
}
