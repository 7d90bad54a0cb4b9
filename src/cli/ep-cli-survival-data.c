/* ep-cli-survival-data.c: the data of endpoint-cli's time-to-event commands
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * km, logrank, cif, plot km and plot cif read the same columns in the same way: a time, an
 * event indicator or a status code per cause, and optionally a group and a strata column
 * (ep-cli-data.h). Reading them here keeps the order of the checks, and so which message a
 * user sees first, the same in every command.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "core/ep-memory.h"

void
ep_cli_survival_options_clear (EpCliSurvivalOptions *options)
{
  g_clear_pointer (&options->csv, g_free);
  g_clear_pointer (&options->sep, g_free);
  g_clear_pointer (&options->time, g_free);
  g_clear_pointer (&options->status, g_free);
  g_clear_pointer (&options->group, g_free);
  g_clear_pointer (&options->strata, g_free);
  g_clear_pointer (&options->start, g_free);
}

gboolean
ep_cli_survival_options_check (const EpCliSurvivalOptions  *options,
                               GError                     **error)
{
  const char *message = NULL;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->csv == NULL)
    message = _("--csv is required");
  else if (options->time == NULL)
    message = _("--time is required");
  else if (options->status == NULL)
    message = options->causes ? _("--status is required") : _("--event is required");
  if (message == NULL)
    return TRUE;

  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, message);
  return FALSE;
}

EpCliSurvivalData *
ep_cli_survival_data_load (const EpCliSurvivalOptions  *options,
                           GError                     **error)
{
  g_autoptr(EpCliSurvivalData) survival = NULL;
  const char *names[6] = { NULL, };
  EpCliColumnKind kinds[6];
  guint n_names = 0;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->time != NULL, NULL);
  g_return_val_if_fail (options->status != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kinds[n_names] = EP_CLI_COLUMN_NUMBER;
  names[n_names++] = options->time;
  kinds[n_names] = EP_CLI_COLUMN_NUMBER;
  names[n_names++] = options->status;
  if (options->group != NULL)
    {
      kinds[n_names] = EP_CLI_COLUMN_FACTOR;
      names[n_names++] = options->group;
    }
  if (options->strata != NULL)
    {
      kinds[n_names] = EP_CLI_COLUMN_FACTOR;
      names[n_names++] = options->strata;
    }
  if (options->start != NULL)
    {
      kinds[n_names] = EP_CLI_COLUMN_NUMBER;
      names[n_names++] = options->start;
    }

  survival = g_new0 (EpCliSurvivalData, 1);
  survival->data = ep_cli_data_load_typed (options->csv, options->sep, names, kinds, error);
  if (survival->data == NULL)
    return NULL;
  if (survival->data->n_rows == 0)
    {
      g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_NO_ROWS,
                   _("%s: no rows with a value in every column used (%u dropped for missing values)"),
                   ep_cli_data_file_name (survival->data), survival->data->n_dropped);
      return NULL;
    }

  survival->time = ep_cli_data_times_big (survival->data, options->time, error);
  if (survival->time == NULL)
    return NULL;
  if (options->start != NULL)
    {
      survival->start = ep_cli_data_times_big (survival->data, options->start, error);
      if (survival->start == NULL)
        return NULL;
      for (guint i = 0; i < survival->data->n_rows; i++)
        if (!(survival->time[i] > survival->start[i]))
          {
            g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                         _("%s:%u: column “%s”: %g is not after the start time %g (column “%s”)"),
                         ep_cli_data_file_name (survival->data),
                         ep_cli_data_line (survival->data, i),
                         options->time, survival->time[i], survival->start[i], options->start);
            return NULL;
          }
    }
  if (options->causes)
    survival->status = ep_cli_cif_read_status (survival->data, options->status, error);
  else
    survival->status = ep_cli_data_events_big (survival->data, options->status, error);
  if (survival->status == NULL)
    return NULL;
  if (options->group != NULL)
    survival->groups = ep_cli_data_levels (survival->data, options->group);
  if (options->strata != NULL)
    survival->strata = ep_cli_data_levels (survival->data, options->strata);

  return g_steal_pointer (&survival);
}

void
ep_cli_survival_data_free (EpCliSurvivalData *survival)
{
  if (survival == NULL)
    return;

  g_clear_pointer (&survival->strata, ep_levels_free);
  g_clear_pointer (&survival->groups, ep_levels_free);
  /* from ep_cli_data_*_big(), or (the status of cif) g_malloc(): ep_big_free() frees both */
  ep_big_free (survival->status);
  ep_big_free (survival->time);
  ep_big_free (survival->start);
  g_clear_pointer (&survival->data, ep_cli_data_free);
  g_free (survival);
}

gboolean
ep_cli_parse_at (const char  *text,
                 GArray     **at,
                 GError     **error)
{
  g_autoptr(GArray) times = NULL;

  g_return_val_if_fail (at != NULL && *at == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return TRUE;

  if (!ep_cli_parse_doubles (text, &times))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--at must be a comma-separated list of numbers, not “%s”"), text);
      return FALSE;
    }
  for (guint a = 0; a < times->len; a++)
    if (g_array_index (times, double, a) < 0.0)
      {
        g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                             _("--at times must be 0 or more"));
        return FALSE;
      }

  *at = g_steal_pointer (&times);
  return TRUE;
}
