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

  if (!append_patients (own, time_column, event_column, 0, time, status, groups, error))
    return NULL;
  n_own = time->len;
  if (!append_patients (published, "time", "event", 1, time, status, groups, error))
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
  label = ep_reconstruction_label (digitized, curve);
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
