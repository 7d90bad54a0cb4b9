/* ep-reconstruction.c: a published arm, reconstructed from a digitized figure, as a cohort
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-reconstruction.h; the method and its validation in
 * docs/reconstruction.md.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ep-cox.h"
#include "core/ep-logrank.h"
#include "core/ep-reconstruct.h"
#include "io/ep-json-check.h"
#include "model/ep-project-private.h"
#include "model/ep-reconstruction.h"

/* apply_overlay() gives the endpoint's unit as the figure's */
G_STATIC_ASSERT ((int) EP_PLOT_TIME_DAYS - EP_PLOT_TIME_DAYS == (int) EP_TIME_UNIT_DAYS);
G_STATIC_ASSERT ((int) EP_PLOT_TIME_WEEKS - EP_PLOT_TIME_DAYS == (int) EP_TIME_UNIT_WEEKS);
G_STATIC_ASSERT ((int) EP_PLOT_TIME_MONTHS - EP_PLOT_TIME_DAYS == (int) EP_TIME_UNIT_MONTHS);
G_STATIC_ASSERT ((int) EP_PLOT_TIME_YEARS - EP_PLOT_TIME_DAYS == (int) EP_TIME_UNIT_YEARS);

const char *
ep_reconstruction_caveat (void)
{
  return _("Reconstructed data are approximate: the published arm's patients were rebuilt "
           "from a digitized figure (Guyot et al. 2012), not taken from the trial.");
}

char *
ep_reconstruction_label (const EpProjectDigitized *figure,
                         const EpProjectCurve     *curve)
{
  g_return_val_if_fail (figure != NULL && curve != NULL, NULL);

  if (figure->citation != NULL && figure->citation[0] != '\0')
    return g_strdup_printf (_("%s (reconstructed from %s)"), curve->name, figure->citation);
  return g_strdup_printf (_("%s (reconstructed from %s)"), curve->name, figure->file_name);
}

char *
ep_reconstruction_figure_label (const EpProjectDigitized *figure,
                                const EpProjectCurve     *curve)
{
  const char *source;

  g_return_val_if_fail (figure != NULL && curve != NULL, NULL);

  source = figure->citation != NULL && figure->citation[0] != '\0' ? figure->citation
                                                                    : figure->file_name;
  /* TRANSLATORS: a published arm as a figure's legend and a combined cohort's group name it:
   * the curve's name and its source, "Drug X (Smith 2020)"; the caveat under the figure says
   * that it is reconstructed. */
  return g_strdup_printf (C_("published arm", "%s (%s)"), curve->name, source);
}

static EpTableColumn *
number_column (const char   *name,
               const double *values,
               gsize         n)
{
  EpTableColumn *column = ep_table_column_new (name, EP_COLUMN_NUMBER, n);

  memcpy (column->values->data, values, n * sizeof (double));
  return column;
}

EpCohort *
ep_project_reconstruct_curve (EpProject    *project,
                              const char   *figure_name,
                              guint         curve_index,
                              const double *risk_time,
                              const double *n_risk,
                              gsize         n_rows,
                              int           total,
                              int           total_events,
                              EpTimeUnit    unit,
                              const char   *cohort_name,
                              GError      **error)
{
  return ep_project_reconstruct_curve_full (project, figure_name, curve_index, risk_time, n_risk,
                                            n_rows, total, total_events, unit, cohort_name, NULL,
                                            error);
}

EpCohort *
ep_project_reconstruct_curve_full (EpProject            *project,
                                   const char           *figure_name,
                                   guint                 curve_index,
                                   const double         *risk_time,
                                   const double         *n_risk,
                                   gsize                 n_rows,
                                   int                   total,
                                   int                   total_events,
                                   EpTimeUnit            unit,
                                   const char           *cohort_name,
                                   EpReconstructResult **report,
                                   GError              **error)
{
  const EpProjectDigitized *stored;
  g_autoptr(EpProjectDigitized) updated = NULL;
  g_autoptr(EpReconstructResult) result = NULL;
  g_autoptr(EpCohort) cohort = NULL;
  g_autoptr(EpCohortEndpoint) endpoint = NULL;
  g_autofree double *events = NULL;
  const char *codes[] = { "1", NULL };
  const EpProjectCurve *curve;
  EpReconstructOptions options;
  EpTableColumn *arm;
  EpTable *table;

  g_return_val_if_fail (EP_IS_PROJECT (project), NULL);
  g_return_val_if_fail (figure_name != NULL && cohort_name != NULL, NULL);

  stored = ep_project_find_digitized (project, figure_name);
  g_return_val_if_fail (stored != NULL && curve_index < stored->curves->len, NULL);
  curve = g_ptr_array_index (stored->curves, curve_index);

  ep_reconstruct_options_init (&options);
  options.total = total;
  options.total_events = total_events;
  result = ep_reconstruct (curve->time, curve->surv, curve->n, risk_time, n_risk, n_rows,
                           &options, error);
  if (result == NULL)
    return NULL;

  table = ep_table_new (result->n);
  events = g_new (double, result->n + 1);
  for (gsize i = 0; i < result->n; i++)
    events[i] = result->status[i];
  g_assert_true (ep_table_insert_column (table, 0, number_column ("time", result->time, result->n), NULL));
  g_assert_true (ep_table_insert_column (table, 1, number_column ("event", events, result->n), NULL));
  arm = ep_table_column_new ("arm", EP_COLUMN_CATEGORY, result->n);
  ep_table_column_intern_level (arm, curve->name);
  for (gsize i = 0; i < result->n; i++)
    g_array_index (arm->values, gint32, i) = 0;
  g_assert_true (ep_table_insert_column (table, 2, arm, NULL));

  cohort = ep_cohort_new_from_table (cohort_name, table);
  ep_cohort_set_column_role (cohort, 0, EP_COLUMN_ROLE_TIME);
  ep_cohort_set_column_role (cohort, 1, EP_COLUMN_ROLE_EVENT);
  ep_cohort_set_column_role (cohort, 2, EP_COLUMN_ROLE_GROUP);
  endpoint = ep_cohort_endpoint_new_time ("OS", "time", "event", codes, unit);
  ep_cohort_set_endpoint (cohort, endpoint);
  ep_project_add_cohort (project, cohort);

  /* the curve names its cohort: that is what marks the cohort as reconstructed */
  updated = ep_project_digitized_copy (stored);
  {
    EpProjectCurve *c = g_ptr_array_index (updated->curves, curve_index);

    g_free (c->cohort);
    c->cohort = g_strdup (ep_cohort_get_name (cohort));
  }
  ep_project_set_digitized (project, updated);

  if (report != NULL)
    *report = g_steal_pointer (&result);
  return cohort;
}

void
ep_project_attach_curve (EpProject  *project,
                         const char *figure_name,
                         guint       curve_index,
                         const char *trial_id,
                         const char *arm)
{
  const EpProjectDigitized *stored;
  g_autoptr(EpProjectDigitized) updated = NULL;
  EpProjectCurve *curve;

  g_return_if_fail (EP_IS_PROJECT (project));
  g_return_if_fail (figure_name != NULL);

  stored = ep_project_find_digitized (project, figure_name);
  g_return_if_fail (stored != NULL && curve_index < stored->curves->len);
  updated = ep_project_digitized_copy (stored);
  curve = g_ptr_array_index (updated->curves, curve_index);
  g_free (curve->trial_id);
  g_free (curve->trial_arm);
  curve->trial_id = g_strdup (trial_id);
  curve->trial_arm = trial_id != NULL ? g_strdup (arm) : NULL;
  ep_project_set_digitized (project, updated);
}

/* The rows of a cohort with both a time and a 0/1 event (numbers), appended to the arrays. */
static gboolean
append_patients (EpCohort    *cohort,
                 const char  *time_column,
                 const char  *event_column,
                 guint        group,
                 GArray      *time,
                 GArray      *status,
                 GArray      *groups,
                 GError     **error)
{
  const EpTable *table = ep_cohort_get_table (cohort);
  int jt = ep_table_find_column (table, time_column);
  int je = ep_table_find_column (table, event_column);
  const EpTableColumn *ct, *ce;

  if (jt < 0 || je < 0
      || (ct = ep_table_get_column (table, jt))->type != EP_COLUMN_NUMBER
      || (ce = ep_table_get_column (table, je))->type != EP_COLUMN_NUMBER)
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_WRONG_TYPE,
                   _("Cohort “%s” has no number columns “%s” and “%s”"),
                   ep_cohort_get_name (cohort), time_column, event_column);
      return FALSE;
    }
  for (guint i = 0; i < table->n_rows; i++)
    {
      double t, e;
      int s;

      if (ep_table_column_is_missing (ct, i) || ep_table_column_is_missing (ce, i))
        continue;
      t = g_array_index (ct->values, double, i);
      e = g_array_index (ce->values, double, i);
      if (e != 0.0 && e != 1.0)
        {
          g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_WRONG_TYPE,
                       _("Cohort “%s”, row %u: the event “%s” is %g, not 1 (event) or 0 "
                         "(censored)"), ep_cohort_get_name (cohort), i + 1, event_column, e);
          return FALSE;
        }
      s = (int) e;
      g_array_append_val (time, t);
      g_array_append_val (status, s);
      g_array_append_val (groups, group);
    }
  return TRUE;
}

gboolean
ep_reconstruction_own_columns (EpCohort          *cohort,
                               const char       **time_column,
                               const char       **event_column,
                               EpCohortEndpoint **endpoint)
{
  GListModel *endpoints;
  GListModel *columns;

  g_return_val_if_fail (EP_IS_COHORT (cohort), FALSE);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, FALSE);

  endpoints = ep_cohort_get_endpoints (cohort);
  columns = ep_cohort_get_columns (cohort);
  *time_column = *event_column = NULL;
  if (endpoint != NULL)
    *endpoint = NULL;
  for (guint k = 0; k < g_list_model_get_n_items (endpoints); k++)
    {
      g_autoptr(EpCohortEndpoint) e = g_list_model_get_item (endpoints, k);

      if (ep_cohort_endpoint_get_time_column (e) != NULL)
        {
          *time_column = ep_cohort_endpoint_get_time_column (e);
          *event_column = ep_cohort_endpoint_get_event_column (e);
          if (endpoint != NULL)
            *endpoint = e;   /* the cohort's list holds it */
          return TRUE;
        }
    }
  for (guint k = 0; k < g_list_model_get_n_items (columns); k++)
    {
      g_autoptr(EpCohortColumn) column = g_list_model_get_item (columns, k);

      if (ep_cohort_column_get_role (column) == EP_COLUMN_ROLE_TIME && *time_column == NULL)
        *time_column = ep_cohort_column_get_name (column);
      else if (ep_cohort_column_get_role (column) == EP_COLUMN_ROLE_EVENT && *event_column == NULL)
        *event_column = ep_cohort_column_get_name (column);
    }
  return *time_column != NULL && *event_column != NULL;
}

/* The unit of the user's times: that of the cohort's time endpoint on these columns; FALSE
 * when it has none. */
static gboolean
own_unit (EpCohort    *own,
          const char  *time_column,
          const char  *event_column,
          EpTimeUnit  *unit)
{
  GListModel *endpoints = ep_cohort_get_endpoints (own);

  for (guint k = 0; k < g_list_model_get_n_items (endpoints); k++)
    {
      g_autoptr(EpCohortEndpoint) e = g_list_model_get_item (endpoints, k);

      if (g_strcmp0 (ep_cohort_endpoint_get_time_column (e), time_column) == 0
          && g_strcmp0 (ep_cohort_endpoint_get_event_column (e), event_column) == 0)
        {
          *unit = ep_cohort_endpoint_get_unit (e);
          return TRUE;
        }
    }
  return FALSE;
}

/* The unit of a reconstructed arm's times: its endpoint "OS" (ep_project_reconstruct_curve()). */
static gboolean
published_unit (EpCohort   *published,
                EpTimeUnit *unit)
{
  EpCohortEndpoint *endpoint = ep_cohort_find_endpoint (published, "OS");

  if (endpoint == NULL)
    return FALSE;
  *unit = ep_cohort_endpoint_get_unit (endpoint);
  return TRUE;
}

/* The patients of Compare and Combine, in one place: the user's (group 0), their times
 * converted to the published arm's unit when both units are known and differ, then the
 * published arm's (group 1). */
static gboolean
gather_patients (EpCohort    *own,
                 const char  *time_column,
                 const char  *event_column,
                 EpCohort    *published,
                 GArray      *time,
                 GArray      *status,
                 GArray      *groups,
                 gsize       *n_own,
                 GError     **error)
{
  EpTimeUnit from, to;

  if (!append_patients (own, time_column, event_column, 0, time, status, groups, error))
    return FALSE;
  *n_own = time->len;
  if (own_unit (own, time_column, event_column, &from) && published_unit (published, &to)
      && from != to)
    {
      double scale = ep_time_unit_days (from) / ep_time_unit_days (to);

      for (gsize i = 0; i < *n_own; i++)
        g_array_index (time, double, i) *= scale;
    }
  return append_patients (published, "time", "event", 1, time, status, groups, error);
}

EpReconstructionComparison *
ep_reconstruction_compare (EpCohort    *own,
                           const char  *time_column,
                           const char  *event_column,
                           EpCohort    *published,
                           GError     **error)
{
  g_autoptr(GArray) time = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) status = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(EpLogrankResult) logrank = NULL;
  g_autoptr(EpCoxFit) cox = NULL;
  g_autofree double *x = NULL;
  EpReconstructionComparison *c;
  EpCoxOptions options;
  gsize n_own;

  g_return_val_if_fail (EP_IS_COHORT (own) && EP_IS_COHORT (published), NULL);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, NULL);

  if (!gather_patients (own, time_column, event_column, published, time, status, groups, &n_own,
                        error))
    return NULL;

  logrank = ep_logrank_test ((const double *) time->data, (const int *) status->data,
                             (const guint *) groups->data, 2, NULL, 1, time->len, 0.0, error);
  if (logrank == NULL)
    return NULL;
  x = g_new (double, time->len + 1);
  for (guint i = 0; i < time->len; i++)
    x[i] = g_array_index (groups, guint, i);
  ep_cox_options_init (&options);
  cox = ep_cox_fit (time->len, NULL, (const double *) time->data, (const int *) status->data, x,
                    1, NULL, 1, &options, error);
  if (cox == NULL)
    return NULL;

  c = g_new0 (EpReconstructionComparison, 1);
  c->n_own = n_own;
  c->n_published = time->len - n_own;
  for (guint i = 0; i < time->len; i++)
    {
      if (g_array_index (status, int, i) == 0)
        continue;
      if (i < n_own)
        c->events_own++;
      else
        c->events_published++;
    }
  c->chisq = logrank->chisq;
  c->p = logrank->p;
  c->hr = cox->hr[0];
  c->hr_lower = cox->hr_lower[0];
  c->hr_upper = cox->hr_upper[0];
  c->caveat = g_strdup (ep_reconstruction_caveat ());
  return c;
}

void
ep_reconstruction_comparison_free (EpReconstructionComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_free (comparison->caveat);
  g_free (comparison);
}

/* ---- combining with the user's patients ---------------------------------------------------- */

EpCohort *
ep_project_combine_with_reconstruction (EpProject   *project,
                                        const char  *own_name,
                                        const char  *published_name,
                                        const char  *combined_name,
                                        GError     **error)
{
  g_autoptr(GArray) time = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) status = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(EpCohort) cohort = NULL;
  g_autoptr(EpCohortEndpoint) endpoint = NULL;
  g_autoptr(JsonObject) mark = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree double *events = NULL;
  g_autofree char *label = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *made = NULL;
  const char *codes[] = { "1", NULL };
  const EpProjectDigitized *digitized = NULL;
  const EpProjectCurve *curve;
  const char *time_column, *event_column;
  EpCohortEndpoint *own_endpoint = NULL;
  EpCohort *own, *published;
  EpTableColumn *source;
  EpTimeUnit unit = EP_TIME_UNIT_MONTHS;   /* the digitizer's default, if nothing says */
  EpTable *table;
  gsize n_own;

  g_return_val_if_fail (EP_IS_PROJECT (project), NULL);
  g_return_val_if_fail (own_name != NULL && published_name != NULL, NULL);

  own = ep_project_find_cohort (project, own_name);
  published = ep_project_find_cohort (project, published_name);
  if (own == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no cohort “%s”"),
                   own_name);
      return NULL;
    }
  curve = ep_project_find_reconstruction (project, published_name, &digitized);
  if (published == NULL || curve == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no reconstructed cohort “%s”"), published_name);
      return NULL;
    }
  if (own == published || ep_project_find_reconstruction (project, own_name, NULL) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is a reconstructed arm: choose a cohort of your own patients"),
                   own_name);
      return NULL;
    }
  /* a combined cohort read as the user's would hold the published patients twice */
  if (ep_project_find_combined (project, own_name, NULL, NULL, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” already holds a published arm: choose a cohort of your own "
                     "patients"), own_name);
      return NULL;
    }
  if (!ep_reconstruction_own_columns (own, &time_column, &event_column, &own_endpoint))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cohort “%s” has no time and event columns: give it a survival endpoint "
                     "on the Cohorts page"), own_name);
      return NULL;
    }
  label = ep_reconstruction_figure_label (digitized, curve);
  if (strcmp (label, own_name) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cohort “%s” has the name of the published arm: the two could not be "
                     "told apart"), own_name);
      return NULL;
    }
  if (!gather_patients (own, time_column, event_column, published, time, status, groups,
                        &n_own, error))
    return NULL;

  /* time, event, source: the user's rows first, then the published arm's */
  table = ep_table_new (time->len);
  events = g_new (double, time->len + 1);
  for (guint i = 0; i < time->len; i++)
    events[i] = g_array_index (status, int, i);
  g_assert_true (ep_table_insert_column (table, 0, number_column ("time", (const double *) time->data,
                                                                   time->len), NULL));
  g_assert_true (ep_table_insert_column (table, 1, number_column ("event", events, time->len), NULL));
  source = ep_table_column_new ("source", EP_COLUMN_CATEGORY, time->len);
  ep_table_column_intern_level (source, own_name);   /* code 0 */
  ep_table_column_intern_level (source, label);      /* code 1 */
  for (guint i = 0; i < time->len; i++)
    g_array_index (source->values, gint32, i) = (gint32) g_array_index (groups, guint, i);
  /* the user's patients first: the reference of a Cox model, the first curve */
  source->value_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_value_label_free);
  g_ptr_array_add (source->value_labels, ep_value_label_new (own_name, NULL));
  g_ptr_array_add (source->value_labels, ep_value_label_new (label, NULL));
  g_assert_true (ep_table_insert_column (table, 2, source, NULL));

  base = combined_name != NULL ? g_strdup (combined_name)
                               : g_strdup_printf (_("%s + %s"), own_name, label);
  name = g_strdup (base);
  for (guint k = 2; ep_project_find_cohort (project, name) != NULL; k++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%u)", base, k);
    }
  cohort = ep_cohort_new_from_table (name, table);
  ep_cohort_set_column_role (cohort, 0, EP_COLUMN_ROLE_TIME);
  ep_cohort_set_column_role (cohort, 1, EP_COLUMN_ROLE_EVENT);
  ep_cohort_set_column_role (cohort, 2, EP_COLUMN_ROLE_GROUP);
  if (!published_unit (published, &unit) && own_endpoint != NULL)
    unit = ep_cohort_endpoint_get_unit (own_endpoint);
  endpoint = ep_cohort_endpoint_new_time (own_endpoint != NULL
                                          ? ep_cohort_endpoint_get_name (own_endpoint) : "OS",
                                          "time", "event", codes, unit);
  ep_cohort_set_endpoint (cohort, endpoint);

  /* the mark first, so that whatever follows the project's cohorts sees it */
  made = g_date_time_format_iso8601 (now);
  mark = json_object_new ();
  json_object_set_string_member (mark, "own", own_name);
  json_object_set_string_member (mark, "published", published_name);
  json_object_set_string_member (mark, "label", label);
  json_object_set_string_member (mark, "made", made);
  _ep_project_set_combined (project, name, mark);
  ep_project_add_cohort (project, cohort);
  _ep_project_record_cohort (project, cohort,
                             g_list_model_get_n_items (ep_project_get_cohorts (project)) - 1, mark);
  return cohort;
}

gboolean
ep_project_find_combined (EpProject   *project,
                          const char  *cohort_name,
                          const char **own_name,
                          const char **published_name,
                          const char **label)
{
  JsonObject *mark;
  const char **out[] = { own_name, published_name, label };
  const char *keys[] = { "own", "published", "label" };

  g_return_val_if_fail (EP_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (cohort_name != NULL, FALSE);

  if (!json_object_has_member (project->combined, cohort_name))
    return FALSE;
  mark = json_object_get_object_member (project->combined, cohort_name);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    if (out[k] != NULL)
      *out[k] = json_object_get_string_member_with_default (mark, keys[k], NULL);
  return TRUE;
}

char *
ep_project_get_reconstruction_note (EpProject  *project,
                                    const char *cohort_name)
{
  const EpProjectDigitized *figure = NULL;
  const EpProjectCurve *curve;
  const char *own = NULL, *label = NULL, *made;
  g_autofree char *date = NULL;

  g_return_val_if_fail (EP_IS_PROJECT (project), NULL);
  g_return_val_if_fail (cohort_name != NULL, NULL);

  curve = ep_project_find_reconstruction (project, cohort_name, &figure);
  if (curve != NULL)
    {
      g_autofree char *source = ep_reconstruction_label (figure, curve);

      /* "Tisagenlecleucel (reconstructed from Maude 2018). Reconstructed data are …" */
      return g_strdup_printf (_("%s. %s"), source, ep_reconstruction_caveat ());
    }
  if (!ep_project_find_combined (project, cohort_name, &own, NULL, &label))
    return NULL;
  made = json_object_get_string_member_with_default (
           json_object_get_object_member (project->combined, cohort_name), "made", NULL);
  {
    g_autoptr(GDateTime) when = made != NULL ? g_date_time_new_from_iso8601 (made, NULL) : NULL;

    date = when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("?");
  }
  return g_strdup_printf (_("Your patients of “%s” and %s, combined on %s: a copy of both as "
                            "they were then (later edits of either cohort are not in it). %s"),
                          own != NULL ? own : "?", label != NULL ? label : "?", date,
                          ep_reconstruction_caveat ());
}

void
_ep_project_set_combined (EpProject  *project,
                          const char *cohort_name,
                          JsonObject *mark)
{
  if (mark == NULL && !json_object_has_member (project->combined, cohort_name))
    return;
  if (mark != NULL)
    json_object_set_object_member (project->combined, cohort_name, json_object_ref (mark));
  else
    json_object_remove_member (project->combined, cohort_name);
  _ep_project_changed (project);
}

char *
_ep_project_combined_to_text (EpProject *project)
{
  g_autoptr(JsonNode) node = NULL;

  if (json_object_get_size (project->combined) == 0)
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, project->combined);
  return json_to_string (node, FALSE);
}

/* A mark as the model writes it: an object whose own, published, label and made are strings
 * (label required). */
static gboolean
valid_mark (JsonNode *node)
{
  const char *keys[] = { "own", "published", "label", "made" };
  JsonObject *mark;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  mark = json_node_get_object (node);
  if (!json_object_has_member (mark, "label"))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      JsonNode *member = json_object_get_member (mark, keys[k]);

      if (member != NULL && (!JSON_NODE_HOLDS_VALUE (member)
                             || json_node_get_value_type (member) != G_TYPE_STRING))
        return FALSE;
    }
  return TRUE;
}

void
_ep_project_combined_from_text (EpProject  *project,
                                const char *text)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (text == NULL)
    return;
  /* from a file nobody vouches for: strict JSON of bounded nesting before json-glib sees it */
  if (ep_json_check (text, -1, EP_JSON_MAX_DEPTH, NULL))
    root = json_from_string (text, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* older versions ignore the key; a bad one loses only the marks, with a note */
      g_ptr_array_insert (project->open_notes, project->open_notes->len - 1,
                          g_strdup (_("The marks of the cohorts combined with a published arm "
                                      "could not be read: their results and figures do not say "
                                      "that part of their data are reconstructed.")));
      return;
    }
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (ep_project_find_cohort (project, name) == NULL)
        continue;   /* the cohort is gone, as a curve's link to a missing cohort */
      if (!valid_mark (node))
        {
          g_ptr_array_insert (project->open_notes, project->open_notes->len - 1,
                              g_strdup_printf (_("Cohort “%s”: the mark of a cohort combined "
                                                 "with a published arm could not be read: its "
                                                 "results and figures do not say that part of "
                                                 "its data are reconstructed."), name));
          continue;
        }
      json_object_set_object_member (project->combined, name,
                                     json_object_ref (json_node_get_object (node)));
    }
}

gboolean
ep_reconstruction_get_patients (EpCohort  *cohort,
                                double   **time,
                                int      **status,
                                gsize     *n)
{
  g_autoptr(GArray) t = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) s = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) g = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (EP_IS_COHORT (cohort), FALSE);

  if (!append_patients (cohort, "time", "event", 0, t, s, g, NULL))
    return FALSE;
  *n = t->len;
  *time = (double *) g_array_free (g_steal_pointer (&t), FALSE);
  *status = (int *) g_array_free (g_steal_pointer (&s), FALSE);
  return TRUE;
}

/* The overlay a figure's data source names ("overlay": the reconstructed cohort), or NULL. */
const char *
ep_project_get_figure_overlay (EpProject *project,
                               EpFigure  *figure)
{
  JsonObject *source;

  g_return_val_if_fail (EP_IS_PROJECT (project), NULL);
  g_return_val_if_fail (EP_IS_FIGURE (figure), NULL);

  source = ep_project_get_figure_source (project, figure);
  if (source == NULL || !json_object_has_member (source, "overlay")
      || !JSON_NODE_HOLDS_VALUE (json_object_get_member (source, "overlay")))
    return NULL;
  return json_object_get_string_member (source, "overlay");
}

/* Draws the reconstructed cohort on the figure, without touching the source. */
static gboolean
apply_overlay (EpProject   *project,
               EpFigure    *figure,
               const char  *cohort_name,
               GError     **error)
{
  const EpProjectDigitized *digitized = NULL;
  const EpProjectCurve *curve;
  EpCohort *cohort;
  g_autofree double *time = NULL;
  g_autofree int *status = NULL;
  g_autofree char *label = NULL;
  gsize n = 0;
  EpPlotTimeUnit unit = EP_PLOT_TIME_UNSPECIFIED;

  if (cohort_name == NULL)
    return ep_figure_set_overlay (figure, NULL, NULL, 0, EP_PLOT_TIME_UNSPECIFIED, NULL, NULL,
                                  error);

  cohort = ep_project_find_cohort (project, cohort_name);
  curve = ep_project_find_reconstruction (project, cohort_name, &digitized);
  if (cohort == NULL || curve == NULL)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                   _("There is no reconstructed cohort “%s”"), cohort_name);
      return FALSE;
    }
  if (ep_figure_get_kind (figure) != EP_FIGURE_KM)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                   _("A published arm can only be set beside Kaplan-Meier curves"));
      return FALSE;
    }
  if (!ep_reconstruction_get_patients (cohort, &time, &status, &n))
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                   _("Cohort “%s” has no number columns “%s” and “%s”"), cohort_name, "time",
                   "event");
      return FALSE;
    }
  /* the published arm's times are in its endpoint's unit; the figure draws them in its own
   * data unit, converting again when that changes (ep_figure_set_overlay()) */
  {
    EpCohortEndpoint *endpoint = ep_cohort_find_endpoint (cohort, "OS");

    if (endpoint != NULL)
      /* EpPlotTimeUnit is EpTimeUnit + 1 (UNSPECIFIED first) */
      unit = (EpPlotTimeUnit) (ep_cohort_endpoint_get_unit (endpoint) + EP_PLOT_TIME_DAYS);
  }
  label = ep_reconstruction_figure_label (digitized, curve);
  return ep_figure_set_overlay (figure, time, status, n, unit, label, ep_reconstruction_caveat (),
                                error);
}

gboolean
_ep_project_put_overlay (EpProject   *project,
                         EpFigure    *figure,
                         const char  *cohort_name,
                         GError     **error)
{
  JsonObject *source = ep_project_get_figure_source (project, figure);

  g_return_val_if_fail (source != NULL, FALSE);

  if (!apply_overlay (project, figure, cohort_name, error))
    return FALSE;
  if (cohort_name != NULL)
    json_object_set_string_member (source, "overlay", cohort_name);
  else if (json_object_has_member (source, "overlay"))
    json_object_remove_member (source, "overlay");
  _ep_project_changed (project);
  return TRUE;
}

gboolean
ep_project_set_figure_overlay (EpProject   *project,
                               EpFigure    *figure,
                               const char  *cohort_name,
                               GError     **error)
{
  g_autofree char *before = NULL;

  g_return_val_if_fail (EP_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (EP_IS_FIGURE (figure), FALSE);
  g_return_val_if_fail (ep_project_get_figure_source (project, figure) != NULL, FALSE);

  before = g_strdup (ep_project_get_figure_overlay (project, figure));
  if (!_ep_project_put_overlay (project, figure, cohort_name, error))
    return FALSE;
  /* an undo step: Ctrl+Z puts the previous published arm (or none) back */
  _ep_project_record_overlay (project, figure, before, cohort_name);
  return TRUE;
}

void
_ep_project_restore_overlays (EpProject *project)
{
  GListModel *figures = ep_project_get_figures (project);

  for (guint k = 0; k < g_list_model_get_n_items (figures); k++)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (figures, k);
      const char *name = ep_project_get_figure_overlay (project, figure);
      g_autoptr(GError) error = NULL;

      if (name == NULL)
        continue;
      if (!apply_overlay (project, figure, name, &error))
        {
          /* the cohort is gone or not a reconstruction: the figure stays without it */
          g_ptr_array_insert (project->open_notes, project->open_notes->len - 1,
                              g_strdup_printf (_("Figure “%s”: the published arm is not shown "
                                                 "(%s)."),
                                               ep_project_get_figure_name (project, figure),
                                               error->message));
          json_object_remove_member (ep_project_get_figure_source (project, figure), "overlay");
        }
    }
}

void
_ep_project_refresh_overlays (EpProject  *project,
                              const char *cohort_name)
{
  GListModel *figures = ep_project_get_figures (project);

  for (guint k = 0; k < g_list_model_get_n_items (figures); k++)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (figures, k);

      if (g_strcmp0 (ep_project_get_figure_overlay (project, figure), cohort_name) != 0)
        continue;
      /* the cohort's rows as they are now; when they cannot be drawn (the time column
       * deleted), nothing is drawn until an edit or an undo makes them drawable again, and the
       * source keeps the name */
      if (!apply_overlay (project, figure, cohort_name, NULL))
        ep_figure_set_overlay (figure, NULL, NULL, 0, EP_PLOT_TIME_UNSPECIFIED, NULL, NULL,
                               NULL);
    }
}

void
_ep_project_drop_overlays (EpProject  *project,
                           const char *cohort_name)
{
  GListModel *figures = ep_project_get_figures (project);

  for (guint k = 0; k < g_list_model_get_n_items (figures); k++)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (figures, k);

      if (g_strcmp0 (ep_project_get_figure_overlay (project, figure), cohort_name) == 0)
        {
          ep_figure_set_overlay (figure, NULL, NULL, 0, EP_PLOT_TIME_UNSPECIFIED, NULL, NULL,
                                 NULL);
          json_object_remove_member (ep_project_get_figure_source (project, figure), "overlay");
        }
    }
}
