/* ep-cli-data.c: loading the columns an endpoint-cli command uses
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
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

  if (path == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--csv is required"));
      return NULL;
    }
  if (!ep_cli_parse_sep (sep, &sep_char))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--sep must be “,”, “;” or “tab”, not “%s”"), sep);
      return NULL;
    }

  data = g_new0 (EpCliData, 1);
  if (ep_sheet_format_for_path (path) != EP_SHEET_FORMAT_NONE)
    data->csv = ep_sheet_read (path, ep_cli_data_sheet, EP_CSV_FLAGS_NONE, 0, error);
  else
    data->csv = ep_csv_read_file (path, sep_char, error);
  if (data->csv == NULL)
    return NULL;

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
                           ep_csv_get_display_name (data->csv));
              return NULL;
            }
        }
    }

  return g_steal_pointer (&data);
}

void
ep_cli_data_free (EpCliData *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->csv, ep_csv_free);
  g_clear_pointer (&data->labels, g_ptr_array_unref);
  g_free (data->rows);
  g_free (data);
}

guint
ep_cli_data_line (const EpCliData *data,
                  guint            i)
{
  g_return_val_if_fail (data != NULL, 0);
  g_return_val_if_fail (i < data->n_rows, 0);

  return ep_csv_get_line (data->csv, data->rows[i]);
}

static gboolean
find_column (const EpCliData  *data,
             const char       *name,
             guint            *column,
             GError          **error)
{
  return ep_csv_lookup_column (data->csv, name, column, error);
}

double *
ep_cli_data_numbers (const EpCliData  *data,
                     const char       *column,
                     GError          **error)
{
  g_autofree double *values = NULL;
  guint j;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!find_column (data, column, &j, error))
    return NULL;

  values = g_new (double, MAX (data->n_rows, 1));
  for (guint i = 0; i < data->n_rows; i++)
    if (!ep_csv_get_number (data->csv, data->rows[i], j, &values[i], error))
      return NULL;

  return g_steal_pointer (&values);
}

double *
ep_cli_data_times (const EpCliData  *data,
                   const char       *column,
                   GError          **error)
{
  g_autofree double *values = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  values = ep_cli_data_numbers (data, column, error);
  if (values == NULL)
    return NULL;

  for (guint i = 0; i < data->n_rows; i++)
    if (values[i] < 0)
      {
        guint j = (guint) ep_csv_find_column (data->csv, column);

        g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                     _("%s:%u: column \"%s\": \"%s\" is negative; a time must be 0 or more"),
                     ep_csv_get_display_name (data->csv), ep_cli_data_line (data, i), column,
                     ep_csv_get_cell (data->csv, data->rows[i], j));
        return NULL;
      }

  return g_steal_pointer (&values);
}

int *
ep_cli_data_events (const EpCliData  *data,
                    const char       *column,
                    GError          **error)
{
  g_autofree double *values = NULL;
  g_autofree int *events = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  values = ep_cli_data_numbers (data, column, error);
  if (values == NULL)
    return NULL;

  events = g_new (int, MAX (data->n_rows, 1));
  for (guint i = 0; i < data->n_rows; i++)
    {
      if (values[i] != 0 && values[i] != 1)
        {
          guint j = (guint) ep_csv_find_column (data->csv, column);
          g_autofree char *shown = ep_value_excerpt (ep_csv_get_cell (data->csv, data->rows[i], j));

          g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                       _("%s:%u: column \"%s\": \"%s\" is not an event code; "
                         "use 1 for an event and 0 for censored"),
                       ep_csv_get_display_name (data->csv), ep_cli_data_line (data, i), column,
                       shown);
          return NULL;
        }
      events[i] = values[i] == 1;
    }

  return g_steal_pointer (&events);
}

const char **
ep_cli_data_strings (const EpCliData *data,
                     const char      *column)
{
  const char **strings;
  int j;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  j = ep_csv_find_column (data->csv, column);
  g_return_val_if_fail (j >= 0, NULL);

  strings = g_new (const char *, data->n_rows + 1);
  for (guint i = 0; i < data->n_rows; i++)
    strings[i] = ep_csv_get_cell (data->csv, data->rows[i], (guint) j);
  strings[data->n_rows] = NULL;

  return strings;
}

EpLevels *
ep_cli_data_levels (const EpCliData *data,
                    const char      *column)
{
  g_autofree const char **strings = NULL;
  const EpColumnLabels *entry;
  EpLevels *levels;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

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

void
ep_cli_timer_start (EpCliTimer *timer)
{
  g_return_if_fail (timer != NULL);

  timer->last = g_get_monotonic_time ();
}

double
ep_cli_timer_lap (EpCliTimer *timer)
{
  gint64 now = g_get_monotonic_time ();
  double seconds;

  g_return_val_if_fail (timer != NULL, 0.0);

  seconds = (now - timer->last) / (double) G_USEC_PER_SEC;
  timer->last = now;

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
  json_object_set_object_member (object, "timing", timing);
}
