/* ep-cli-data.c: loading the columns an endpoint-cli command uses
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "core/ep-memory.h"
#include "io/ep-json-writer.h"
#include "io/ep-labels.h"
#include "io/ep-sheet.h"
#include "io/ep-table.h"

G_DEFINE_QUARK (ep-cli-data-error-quark, ep_cli_data_error)

char *ep_cli_data_sheet = NULL;
char *ep_cli_data_labels = NULL;

gboolean
ep_cli_parse_sep (const char *text,
                  char       *sep)
{
  g_return_val_if_fail (sep != NULL, FALSE);

  if (text == NULL || strcmp (text, ",") == 0 || g_ascii_strcasecmp (text, "comma") == 0)
    *sep = ',';
  else if (strcmp (text, ";") == 0 || g_ascii_strcasecmp (text, "semicolon") == 0)
    *sep = ';';
  else if (g_ascii_strcasecmp (text, "tab") == 0 || strcmp (text, "\t") == 0 ||
           strcmp (text, "\\t") == 0)
    *sep = '\t';
  else
    return FALSE;

  return TRUE;
}

static gboolean
check_path_and_sep (const char  *path,
                    const char  *sep,
                    char        *sep_char,
                    GError     **error)
{
  if (path == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--csv is required"));
      return FALSE;
    }
  if (!ep_cli_parse_sep (sep, sep_char))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--sep must be “,”, “;” or “tab”, not “%s”"), sep);
      return FALSE;
    }
  return TRUE;
}

EpCliData *
ep_cli_data_load (const char          *path,
                  const char          *sep,
                  const char * const  *columns,
                  GError             **error)
{
  g_autoptr(EpCliData) data = NULL;
  g_autofree guint *used = NULL;
  guint n_used = 0;
  guint n_rows;
  char sep_char;

  g_return_val_if_fail (columns != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_path_and_sep (path, sep, &sep_char, error))
    return NULL;

  data = g_new0 (EpCliData, 1);
  data->path = g_strdup (path);
  data->sep = sep_char;
  if (ep_sheet_format_for_path (path) != EP_SHEET_FORMAT_NONE)
    data->csv = ep_sheet_read (path, ep_cli_data_sheet, EP_CSV_FLAGS_NONE, 0, error);
  else
    data->csv = ep_csv_read_file (path, sep_char, error);
  if (data->csv == NULL)
    return NULL;
  data->display_name = g_strdup (ep_cli_data_file_name (data));

  used = g_new (guint, g_strv_length ((char **) columns) + 1);
  for (guint k = 0; columns[k] != NULL; k++)
    {
      guint column;
      gboolean seen = FALSE;

      if (!ep_csv_lookup_column (data->csv, columns[k], &column, error))
        return NULL;
      for (guint m = 0; m < n_used; m++)
        seen = seen || used[m] == column;
      if (!seen)
        used[n_used++] = column;
    }

  /* Listwise deletion: a row is kept when no used column is missing. */
  n_rows = ep_csv_get_n_rows (data->csv);
  data->rows = g_new (guint, MAX (n_rows, 1));
  for (guint row = 0; row < n_rows; row++)
    {
      gboolean missing = FALSE;

      for (guint m = 0; m < n_used && !missing; m++)
        missing = ep_csv_is_missing (data->csv, row, used[m]);

      if (missing)
        data->n_dropped++;
      else
        data->rows[data->n_rows++] = row;
    }

  if (ep_cli_data_labels != NULL)
    {
      data->labels = ep_labels_read_file (ep_cli_data_labels, error);
      if (data->labels == NULL)
        return NULL;
      /* a column the data lacks is a mistake in the file (a typo would silently label nothing) */
      for (guint k = 0; k < data->labels->len; k++)
        {
          const EpColumnLabels *entry = g_ptr_array_index (data->labels, k);
          g_autofree char *basename = g_path_get_basename (ep_cli_data_labels);

          if (ep_csv_find_column (data->csv, entry->column) < 0)
            {
              g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                           _("%s: column “%s” is not in %s"), basename, entry->column,
                           ep_cli_data_file_name (data));
              return NULL;
            }
        }
    }

  return g_steal_pointer (&data);
}

EpCliData *
ep_cli_data_load_typed (const char             *path,
                        const char             *sep,
                        const char * const     *columns,
                        const EpCliColumnKind  *kinds,
                        GError                **error)
{
  g_autoptr(EpCliData) data = NULL;
  g_autofree const char **names = NULL;
  g_autofree EpCsvColumnKind *column_kinds = NULL;
  guint n_names = 0, n_columns;
  char sep_char;

  g_return_val_if_fail (columns != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_path_and_sep (path, sep, &sep_char, error))
    return NULL;
  if (kinds == NULL || ep_cli_data_labels != NULL ||
      ep_sheet_format_for_path (path) != EP_SHEET_FORMAT_NONE)
    return ep_cli_data_load (path, sep, columns, error);

  /* each column once, with the kind it is first asked for */
  n_columns = g_strv_length ((char **) columns);
  names = g_new (const char *, n_columns + 1);
  column_kinds = g_new (EpCsvColumnKind, n_columns + 1);
  for (guint k = 0; k < n_columns; k++)
    {
      gboolean seen = FALSE;

      for (guint m = 0; m < n_names && !seen; m++)
        seen = strcmp (names[m], columns[k]) == 0;
      if (seen)
        continue;
      names[n_names] = columns[k];
      column_kinds[n_names++] = kinds[k] == EP_CLI_COLUMN_FACTOR ? EP_CSV_COLUMN_FACTOR
                                                                 : EP_CSV_COLUMN_NUMBER;
    }

  data = g_new0 (EpCliData, 1);
  data->path = g_strdup (path);
  data->sep = sep_char;
  data->columns = ep_csv_read_columns_try (path, sep_char, names, column_kinds, n_names);
  if (data->columns == NULL)
    return ep_cli_data_load (path, sep, columns, error);
  data->display_name = g_strdup (data->columns->display_name);

  /* Listwise deletion: a row is kept when no used column is missing. */
  data->rows = g_new (guint, MAX (data->columns->n_rows, 1));
  for (guint row = 0; row < data->columns->n_rows; row++)
    {
      gboolean missing = FALSE;

      for (guint m = 0; m < n_names && !missing; m++)
        {
          const EpCsvColumn *c = &data->columns->columns[m];

          missing = c->kind == EP_CSV_COLUMN_NUMBER ? isnan (c->numbers[row]) : c->codes[row] < 0;
        }
      if (missing)
        data->n_dropped++;
      else
        data->rows[data->n_rows++] = row;
    }

  return g_steal_pointer (&data);
}

void
ep_cli_data_free (EpCliData *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->csv, ep_csv_free);
  g_clear_pointer (&data->columns, ep_csv_columns_free);
  g_clear_pointer (&data->labels, g_ptr_array_unref);
  g_free (data->rows);
  ep_big_free (data->lines);
  g_free (data->path);
  g_free (data->display_name);
  g_free (data);
}

const char *
ep_cli_data_file_name (const EpCliData *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  if (data->display_name == NULL && data->csv != NULL)
    return ep_csv_get_display_name (data->csv);
  return data->display_name;
}

EpCsv *
ep_cli_data_csv (const EpCliData  *data,
                 GError          **error)
{
  EpCliData *mutable = (EpCliData *) data;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data->csv == NULL && data->path == NULL)
    g_set_error_literal (error, EP_CSV_ERROR, EP_CSV_ERROR_IO, "no file");
  else if (data->csv == NULL)
    mutable->csv = ep_csv_read_file (data->path, data->sep, error);

  return data->csv;
}

/* The column's typed values from the column reader, or NULL. */
static const EpCsvColumn *
typed_column (const EpCliData *data,
              const char      *name)
{
  if (data->columns == NULL)
    return NULL;
  for (guint k = 0; k < data->columns->n_columns; k++)
    if (strcmp (data->columns->columns[k].name, name) == 0)
      return &data->columns->columns[k];
  return NULL;
}

char *
ep_cli_data_cell (const EpCliData *data,
                  guint            i,
                  const char      *column)
{
  g_autoptr(GError) error = NULL;
  EpCsv *csv;
  int j;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (i < data->n_rows, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  csv = ep_cli_data_csv (data, &error);
  if (csv == NULL || data->rows[i] >= ep_csv_get_n_rows (csv) ||
      (j = ep_csv_find_column (csv, column)) < 0)
    return NULL;

  return g_strdup (ep_csv_get_cell (csv, data->rows[i], (guint) j));
}

guint
ep_cli_data_line (const EpCliData *data,
                  guint            i)
{
  g_return_val_if_fail (data != NULL, 0);
  g_return_val_if_fail (i < data->n_rows, 0);

  if (data->columns != NULL)
    return data->columns->lines[data->rows[i]];
  if (data->lines != NULL)
    return data->lines[i];
  return ep_csv_get_line (data->csv, data->rows[i]);
}

void
ep_cli_data_release_columns (EpCliData *data)
{
  g_return_if_fail (data != NULL);

  if (data->columns == NULL)
    return;
  data->lines = ep_big_new (guint32, MAX (data->n_rows, 1));
  for (guint i = 0; i < data->n_rows; i++)
    data->lines[i] = data->columns->lines[data->rows[i]];
  g_clear_pointer (&data->columns, ep_csv_columns_free);
}

static gboolean
find_column (const EpCliData  *data,
             const char       *name,
             guint            *column,
             GError          **error)
{
  EpCsv *csv = ep_cli_data_csv (data, error);

  return csv != NULL && ep_csv_lookup_column (csv, name, column, error);
}

/* The three readers below with the array from g_new() (big FALSE: g_free) or from
 * ep_big_alloc() (big TRUE: ep_big_free; huge pages, one fault per 2 MiB instead of 512 for a
 * million rows, and a block that an earlier array freed is reused). */
static gpointer
column_alloc (gsize    n,
              gsize    size,
              gboolean big)
{
  return big ? ep_big_alloc_n (MAX (n, 1), size) : g_malloc_n (MAX (n, 1), size);
}

static void
column_free (gpointer block,
             gboolean big)
{
  if (big)
    ep_big_free (block);
  else
    g_free (block);
}

static double *
read_numbers (const EpCliData  *data,
              const char       *column,
              gboolean          big,
              GError          **error)
{
  double *values;
  const EpCsvColumn *typed;
  guint j;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  typed = typed_column (data, column);
  if (typed != NULL && typed->kind == EP_CSV_COLUMN_NUMBER)
    {
      values = column_alloc (data->n_rows, sizeof (double), big);
      for (guint i = 0; i < data->n_rows; i++)
        values[i] = typed->numbers[data->rows[i]];
      return values;
    }

  if (!find_column (data, column, &j, error))
    return NULL;

  values = column_alloc (data->n_rows, sizeof (double), big);
  for (guint i = 0; i < data->n_rows; i++)
    if (!ep_csv_get_number (data->csv, data->rows[i], j, &values[i], error))
      {
        column_free (values, big);
        return NULL;
      }

  return values;
}

static double *
read_times (const EpCliData  *data,
            const char       *column,
            gboolean          big,
            GError          **error)
{
  double *values;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  values = read_numbers (data, column, big, error);
  if (values == NULL)
    return NULL;

  for (guint i = 0; i < data->n_rows; i++)
    if (values[i] < 0)
      {
        g_autofree char *cell = ep_cli_data_cell (data, i, column);

        g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                     _("%s:%u: column \"%s\": \"%s\" is negative; a time must be 0 or more"),
                     ep_cli_data_file_name (data), ep_cli_data_line (data, i), column,
                     cell != NULL ? cell : "");
        column_free (values, big);
        return NULL;
      }

  return values;
}

static int *
read_events (const EpCliData  *data,
             const char       *column,
             gboolean          big,
             GError          **error)
{
  const EpCsvColumn *typed;
  g_autofree double *own = NULL;
  const double *values;
  const guint *rows = NULL;
  int *events;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* the typed column is read in place: no copy of the doubles first */
  typed = typed_column (data, column);
  if (typed != NULL && typed->kind == EP_CSV_COLUMN_NUMBER)
    {
      values = typed->numbers;
      rows = data->rows;
    }
  else
    {
      own = read_numbers (data, column, FALSE, error);
      if (own == NULL)
        return NULL;
      values = own;
    }

  events = column_alloc (data->n_rows, sizeof (int), big);
  for (guint i = 0; i < data->n_rows; i++)
    {
      double value = values[rows != NULL ? rows[i] : i];

      if (value != 0 && value != 1)
        {
          g_autofree char *cell = ep_cli_data_cell (data, i, column);
          g_autofree char *shown = ep_value_excerpt (cell != NULL ? cell : "");

          g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                       _("%s:%u: column \"%s\": \"%s\" is not an event code; "
                         "use 1 for an event and 0 for censored"),
                       ep_cli_data_file_name (data), ep_cli_data_line (data, i), column,
                       shown);
          column_free (events, big);
          return NULL;
        }
      events[i] = value == 1;
    }

  return events;
}

double *
ep_cli_data_numbers (const EpCliData  *data,
                     const char       *column,
                     GError          **error)
{
  return read_numbers (data, column, FALSE, error);
}

double *
ep_cli_data_times (const EpCliData  *data,
                   const char       *column,
                   GError          **error)
{
  return read_times (data, column, FALSE, error);
}

int *
ep_cli_data_events (const EpCliData  *data,
                    const char       *column,
                    GError          **error)
{
  return read_events (data, column, FALSE, error);
}

double *
ep_cli_data_numbers_big (const EpCliData  *data,
                         const char       *column,
                         GError          **error)
{
  return read_numbers (data, column, TRUE, error);
}

double *
ep_cli_data_times_big (const EpCliData  *data,
                       const char       *column,
                       GError          **error)
{
  return read_times (data, column, TRUE, error);
}

int *
ep_cli_data_events_big (const EpCliData  *data,
                        const char       *column,
                        GError          **error)
{
  return read_events (data, column, TRUE, error);
}

const char **
ep_cli_data_strings (const EpCliData *data,
                     const char      *column)
{
  const EpCsvColumn *typed;
  const char **strings;
  EpCsv *csv;
  int j;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  typed = typed_column (data, column);
  if (typed != NULL && typed->kind == EP_CSV_COLUMN_FACTOR)
    {
      /* the dictionary's level texts, which are the cells' texts */
      strings = g_new (const char *, data->n_rows + 1);
      for (guint i = 0; i < data->n_rows; i++)
        strings[i] = typed->levels->pdata[typed->codes[data->rows[i]]];
      strings[data->n_rows] = NULL;
      return strings;
    }

  csv = ep_cli_data_csv (data, NULL);
  g_return_val_if_fail (csv != NULL, NULL);
  j = ep_csv_find_column (csv, column);
  g_return_val_if_fail (j >= 0, NULL);

  strings = g_new (const char *, data->n_rows + 1);
  for (guint i = 0; i < data->n_rows; i++)
    strings[i] = ep_csv_get_cell (csv, data->rows[i], (guint) j);
  strings[data->n_rows] = NULL;

  return strings;
}

/* ep_levels_new() of the kept rows' texts, from the codes: the levels depend only on the
 * distinct texts, so ep_levels_new() of those, in their order of first appearance among the
 * kept rows, gives the same levels, and each row's code follows from its text's. */
static EpLevels *
levels_from_codes (const EpCliData   *data,
                   const EpCsvColumn *typed)
{
  g_autofree gint32 *first = g_new (gint32, MAX (typed->levels->len, 1));
  g_autoptr(GPtrArray) distinct = g_ptr_array_new ();
  EpLevels *sub, *levels;

  for (guint l = 0; l < typed->levels->len; l++)
    first[l] = -1;
  for (guint i = 0; i < data->n_rows; i++)
    {
      gint32 code = typed->codes[data->rows[i]];

      if (first[code] < 0)
        {
          first[code] = (gint32) distinct->len;
          g_ptr_array_add (distinct, typed->levels->pdata[code]);
        }
    }

  sub = ep_levels_new ((const char * const *) distinct->pdata, distinct->len);
  levels = g_new0 (EpLevels, 1);
  levels->n_levels = sub->n_levels;
  levels->levels = g_steal_pointer (&sub->levels);
  levels->numeric = sub->numeric;
  levels->n = data->n_rows;
  levels->codes = g_new (guint, MAX (data->n_rows, 1));
  for (guint i = 0; i < data->n_rows; i++)
    levels->codes[i] = sub->codes[first[typed->codes[data->rows[i]]]];
  ep_levels_free (sub);

  return levels;
}

EpLevels *
ep_cli_data_levels (const EpCliData *data,
                    const char      *column)
{
  g_autofree const char **strings = NULL;
  const EpColumnLabels *entry;
  const EpCsvColumn *typed;
  EpLevels *levels;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  typed = typed_column (data, column);
  if (typed != NULL && typed->kind == EP_CSV_COLUMN_FACTOR)
    return levels_from_codes (data, typed);

  strings = ep_cli_data_strings (data, column);
  if (strings == NULL)
    return NULL;

  levels = ep_levels_new (strings, data->n_rows);
  entry = ep_labels_find (data->labels, column);
  if (entry != NULL)
    ep_labels_arrange_levels (entry->levels, levels);
  return levels;
}

const char *
ep_cli_data_display_name (const EpCliData *data,
                          const char      *column)
{
  const EpColumnLabels *entry;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  entry = ep_labels_find (data->labels, column);
  return entry != NULL && entry->name != NULL ? entry->name : column;
}

int
ep_cli_data_fail (const char   *command,
                  const GError *error)
{
  g_return_val_if_fail (error != NULL, EP_CLI_EXIT_DATA);

  if (error->domain == G_OPTION_ERROR)
    return ep_cli_usage_error (command, "%s", error->message);

  return ep_cli_data_error (error);
}

/* The CPU seconds of the first two laps since the last ep_cli_timer_start() (a command runs
 * one timer: reading, then computing). */
static double cpu_laps[2];
static guint n_cpu_laps;

static gint64
cpu_microseconds (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

void
ep_cli_timer_start (EpCliTimer *timer)
{
  g_return_if_fail (timer != NULL);

  timer->last = g_get_monotonic_time ();
  timer->last_cpu = cpu_microseconds ();
  n_cpu_laps = 0;
}

double
ep_cli_timer_lap (EpCliTimer *timer)
{
  gint64 now = g_get_monotonic_time ();
  gint64 now_cpu = cpu_microseconds ();
  double seconds;

  g_return_val_if_fail (timer != NULL, 0.0);

  seconds = (now - timer->last) / (double) G_USEC_PER_SEC;
  if (n_cpu_laps < G_N_ELEMENTS (cpu_laps))
    cpu_laps[n_cpu_laps++] = (now_cpu - timer->last_cpu) / (double) G_USEC_PER_SEC;
  timer->last = now;
  timer->last_cpu = now_cpu;

  return seconds;
}

void
ep_cli_add_timing (JsonObject *object,
                   double      parse_s,
                   double      compute_s)
{
  JsonObject *timing;

  g_return_if_fail (object != NULL);

  timing = json_object_new ();
  json_object_set_double_member (timing, "parse_s", parse_s);
  json_object_set_double_member (timing, "compute_s", compute_s);
  json_object_set_double_member (timing, "parse_cpu_s", cpu_laps[0]);
  json_object_set_double_member (timing, "compute_cpu_s", cpu_laps[1]);
  json_object_set_object_member (object, "timing", timing);
}

void
ep_cli_write_timing (EpJsonWriter *writer,
                     double        parse_s,
                     double        compute_s)
{
  g_return_if_fail (writer != NULL);

  ep_json_writer_member (writer, "timing");
  ep_json_writer_begin_object (writer);
  ep_json_writer_double_member (writer, "parse_s", parse_s);
  ep_json_writer_double_member (writer, "compute_s", compute_s);
  ep_json_writer_double_member (writer, "parse_cpu_s", cpu_laps[0]);
  ep_json_writer_double_member (writer, "compute_cpu_s", cpu_laps[1]);
  ep_json_writer_end_object (writer);
}

void
ep_cli_data_set_term_labels (const EpCliData  *data,
                             EpDesign         *design,
                             char * const     *covariates)
{
  g_return_if_fail (data != NULL && design != NULL && covariates != NULL);

  g_strfreev (design->term_labels);
  design->term_labels = g_new0 (char *, design->p + 1);
  for (guint t = 0; t < design->p; t++)
    {
      guint j = design->term_column[t];
      const char *name = ep_cli_data_display_name (data, covariates[j]);
      const EpLevels *levels = design->levels[j];

      if (levels != NULL && design->term_levels[t] != NULL)
        {
          int k = ep_levels_find (levels, design->term_levels[t]);

          design->term_labels[t] = g_strdup_printf ("%s: %s vs %s", name,
                                                    k >= 0 ? ep_levels_get_label (levels, (guint) k)
                                                           : design->term_levels[t],
                                                    ep_levels_get_label (levels, 0));
        }
      else
        design->term_labels[t] = g_strdup (name);
    }
}
