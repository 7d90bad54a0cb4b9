/* ep-cohort-input.c: what an analysis reads from a cohort: an endpoint's times and events,
 * a column's levels or numbers, response counts; and the guess of a status column
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Split from ep-cohort.c, which keeps the columns, the edits and the undo stack; nothing here
 * edits the cohort.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/ep-cohort.h"
#include "model/ep-cohort-private.h"
#include "io/ep-labels.h"
#include "model/ep-cohort-column-private.h"

void
ep_endpoint_data_free (EpEndpointData *data)
{
  if (data == NULL)
    return;

  g_free (data->rows);
  g_free (data->time);
  g_free (data->event);
  g_free (data);
}


static EpTableColumn *
lookup (EpCohort    *self,
        const char  *name,
        GError     **error)
{
  int j = name != NULL ? ep_table_find_column (ep_cohort_get_table (self), name) : -1;

  if (j < 0)
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_NO_COLUMN,
                   _("%s: there is no column \"%s\""), ep_cohort_describe (self), name != NULL ? name : "");
      return NULL;
    }
  return ep_table_get_column (ep_cohort_get_table (self), (guint) j);
}

static EpTableColumn *
lookup_typed (EpCohort      *self,
              const char    *name,
              EpColumnType   type,
              GError       **error)
{
  EpTableColumn *c = lookup (self, name, error);

  if (c != NULL && c->type != type)
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_WRONG_TYPE,
                   /* TRANSLATORS: column "time" is a category; it must be a number */
                   _("column \"%s\" is a %s; it must be a %s"), name,
                   ep_column_type_to_string (c->type), ep_column_type_to_string (type));
      return NULL;
    }
  return c;
}

EpEndpointData *
ep_cohort_resolve_endpoint (EpCohort           *self,
                            EpCohortEndpoint   *endpoint,
                            const char * const *also_required,
                            GError            **error)
{
  g_autoptr(EpEndpointData) data = NULL;
  g_autoptr(GPtrArray) required = g_ptr_array_new ();
  EpTableColumn *time = NULL, *start = NULL, *end = NULL, *event;
  gboolean dates;
  double days_per_unit;
  guint n_rows;

  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (endpoint), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dates = ep_cohort_endpoint_get_source (endpoint) == EP_ENDPOINT_FROM_DATES;
  days_per_unit = ep_time_unit_days (ep_cohort_endpoint_get_unit (endpoint));

  if (dates)
    {
      start = lookup_typed (self, ep_cohort_endpoint_get_start_column (endpoint), EP_COLUMN_DATE, error);
      if (start == NULL)
        return NULL;
      end = lookup_typed (self, ep_cohort_endpoint_get_end_column (endpoint), EP_COLUMN_DATE, error);
      if (end == NULL)
        return NULL;
    }
  else
    {
      time = lookup_typed (self, ep_cohort_endpoint_get_time_column (endpoint), EP_COLUMN_NUMBER, error);
      if (time == NULL)
        return NULL;
    }
  event = lookup (self, ep_cohort_endpoint_get_event_column (endpoint), error);
  if (event == NULL)
    return NULL;
  for (guint k = 0; also_required != NULL && also_required[k] != NULL; k++)
    {
      EpTableColumn *c = lookup (self, also_required[k], error);

      if (c == NULL)
        return NULL;
      g_ptr_array_add (required, c);
    }

  n_rows = ep_cohort_get_table (self)->n_rows;
  data = g_new0 (EpEndpointData, 1);
  data->rows = g_new (guint, MAX (n_rows, 1));
  data->time = g_new (double, MAX (n_rows, 1));
  data->event = g_new (int, MAX (n_rows, 1));

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *event_text = NULL;
      gboolean missing = ep_table_column_is_missing (event, i);
      double t;

      if (dates)
        missing = missing || ep_table_column_is_missing (start, i) ||
                  ep_table_column_is_missing (end, i);
      else
        missing = missing || ep_table_column_is_missing (time, i);
      for (guint k = 0; k < required->len && !missing; k++)
        missing = ep_table_column_is_missing (g_ptr_array_index (required, k), i);
      if (missing)
        {
          data->n_dropped++;
          continue;
        }

      if (dates)
        {
          gint32 d0 = g_array_index (start->values, gint32, i);
          gint32 d1 = g_array_index (end->values, gint32, i);

          if (d1 < d0)
            {
              g_autofree char *s0 = ep_value_format_date (d0);
              g_autofree char *s1 = ep_value_format_date (d1);

              g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_INVALID_TIME,
                           /* TRANSLATORS: row 7: column "last_visit": 2021-01-02 is before column "start": 2021-03-01 */
                           _("row %u: column \"%s\": %s is before column \"%s\": %s"),
                           i + 1, end->name, s1, start->name, s0);
              return NULL;
            }
          t = (double) ((gint64) d1 - d0) / days_per_unit;   /* 64 bits: no overflow */
        }
      else
        {
          t = g_array_index (time->values, double, i);
          if (t < 0)
            {
              g_autofree char *text = ep_value_format_number (t);

              g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_INVALID_TIME,
                           _("row %u: column \"%s\": %s is negative; a time must be 0 or more"),
                           i + 1, time->name, text);
              return NULL;
            }
        }

      event_text = ep_table_column_format (event, i);
      data->rows[data->n] = i;
      data->time[data->n] = t;
      data->event[data->n] = ep_cohort_endpoint_is_event_code (endpoint, event_text) ? 1 : 0;
      data->n++;
    }

  if (data->n == 0)
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_NO_ROWS,
                   _("%s: no row has a value in every column the analysis uses"), ep_cohort_describe (self));
      return NULL;
    }

  return g_steal_pointer (&data);
}

EpLevels *
ep_cohort_get_levels (EpCohort     *self,
                      const char   *column,
                      const guint  *rows,
                      guint         n,
                      GError      **error)
{
  g_autoptr(GPtrArray) texts = NULL;
  EpTableColumn *c;
  EpLevels *levels;

  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  g_return_val_if_fail (rows != NULL || n == 0, NULL);

  c = lookup (self, column, error);
  if (c == NULL)
    return NULL;

  texts = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (texts, ep_table_column_format (c, rows[i]));

  levels = ep_levels_new ((const char * const *) texts->pdata, n);
  ep_labels_arrange_levels (c->value_labels, levels);
  return levels;
}

gboolean
ep_cohort_column_looks_like_status (EpCohort *self,
                                    guint     position)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_double_hash, g_double_equal);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  const EpTableColumn *c;
  gboolean zero = FALSE;

  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);
  g_return_val_if_fail (position < ep_table_get_n_columns (ep_cohort_get_table (self)), FALSE);

  c = ep_table_get_column (ep_cohort_get_table (self), position);
  if (c->type != EP_COLUMN_NUMBER)
    return FALSE;
  /* the values live in the GArray: the hash keys point into a copy that does not move */
  g_array_set_size (values, 11);
  for (guint i = 0; i < ep_cohort_get_table (self)->n_rows; i++)
    {
      double x = g_array_index (c->values, double, i);

      if (isnan (x))
        continue;
      if (x != floor (x) || x < 0)
        return FALSE;
      zero = zero || x == 0.0;
      if (!g_hash_table_contains (seen, &x))
        {
          guint k = g_hash_table_size (seen);

          if (k >= 10)
            return FALSE;
          g_array_index (values, double, k) = x;
          g_hash_table_add (seen, &g_array_index (values, double, k));
        }
    }
  return zero && g_hash_table_size (seen) >= 2;
}

const char *
ep_cohort_guess_status_column (EpCohort *self)
{
  guint n = ep_table_get_n_columns (ep_cohort_get_table (self));

  g_return_val_if_fail (EP_IS_COHORT (self), NULL);

  for (guint j = 0; j < n; j++)
    if (ep_cohort_column_get_role (ep_cohort_get_column (self, j)) == EP_COLUMN_ROLE_EVENT
        && ep_cohort_column_looks_like_status (self, j))
      return ep_cohort_column_get_name (ep_cohort_get_column (self, j));
  for (guint j = 0; j < n; j++)
    if (ep_cohort_column_looks_like_status (self, j))
      return ep_cohort_column_get_name (ep_cohort_get_column (self, j));
  return NULL;
}

double *
ep_cohort_get_numbers (EpCohort     *self,
                       const char   *column,
                       const guint  *rows,
                       guint         n,
                       GError      **error)
{
  EpTableColumn *c;
  double *values;

  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  g_return_val_if_fail (rows != NULL || n == 0, NULL);

  c = lookup_typed (self, column, EP_COLUMN_NUMBER, error);
  if (c == NULL)
    return NULL;

  values = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    values[i] = g_array_index (c->values, double, rows[i]);

  return values;
}

EpResponse *
ep_cohort_response (EpCohort           *self,
                    const char         *outcome,
                    const char * const *success,
                    const char         *group,
                    double              level,
                    EpLevels          **groups_out,
                    guint              *n_dropped,
                    GError            **error)
{
  g_autoptr(EpLevels) levels = NULL;
  g_autofree guint *rows = NULL;
  g_autofree gboolean *responder = NULL;
  g_autoptr(GPtrArray) wanted = NULL;
  g_autofree gboolean *found = NULL;
  EpTableColumn *out, *grp = NULL;
  guint n = 0, dropped = 0;
  EpResponse *response;

  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  g_return_val_if_fail (success != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out = lookup (self, outcome, error);
  if (out == NULL)
    return NULL;
  if (group != NULL && (grp = lookup (self, group, error)) == NULL)
    return NULL;

  /* The success values in the column's own text form ("Yes" -> "yes" in a yes/no column,
   * "1.0" -> "1" in a number column), and each must occur: a typo is not 0%. */
  wanted = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; success[k] != NULL; k++)
    {
      g_autoptr(EpTableColumn) probe = ep_table_column_new ("", out->type, 1);

      if (ep_table_column_set_text (probe, 0, success[k], '.', NULL))
        g_ptr_array_add (wanted, ep_table_column_format (probe, 0));
      else
        g_ptr_array_add (wanted, g_strdup (success[k]));
    }
  g_ptr_array_add (wanted, NULL);
  found = g_new0 (gboolean, wanted->len);

  rows = g_new (guint, MAX (ep_cohort_get_table (self)->n_rows, 1));
  responder = g_new (gboolean, MAX (ep_cohort_get_table (self)->n_rows, 1));
  for (guint i = 0; i < ep_cohort_get_table (self)->n_rows; i++)
    {
      g_autofree char *text = NULL;

      if (ep_table_column_is_missing (out, i) || (grp != NULL && ep_table_column_is_missing (grp, i)))
        {
          dropped++;
          continue;
        }
      text = ep_table_column_format (out, i);
      responder[n] = FALSE;
      for (guint k = 0; k + 1 < wanted->len; k++)
        if (strcmp (text, g_ptr_array_index (wanted, k)) == 0)
          responder[n] = found[k] = TRUE;
      rows[n++] = i;
    }

  for (guint k = 0; k + 1 < wanted->len; k++)
    if (!found[k])
      {
        g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_INVALID_VALUE,
                     /* TRANSLATORS: seed004.csv: column "response": no row has "Cr" */
                     _("%s: column \"%s\": no row has \"%s\""), ep_cohort_describe (self), outcome,
                     (const char *) g_ptr_array_index (wanted, k));
        return NULL;
      }

  if (n == 0)
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_NO_ROWS,
                   _("%s: no row has a value in every column the analysis uses"), ep_cohort_describe (self));
      return NULL;
    }

  if (grp != NULL)
    {
      levels = ep_cohort_get_levels (self, group, rows, n, error);
      if (levels == NULL)
        return NULL;
    }

  response = ep_response_fit (responder, levels != NULL ? levels->codes : NULL, n,
                              levels != NULL ? levels->n_levels : 1, level, error);
  if (response == NULL)
    return NULL;

  if (n_dropped != NULL)
    *n_dropped = dropped;
  if (groups_out != NULL)
    *groups_out = g_steal_pointer (&levels);

  return response;
}
