/* ep-figure-new.c: making a figure from its data
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The constructors: a Kaplan-Meier or cumulative incidence figure from a cohort endpoint (or
 * a data file), a Cox table or a forest plot of ratios from a cohort, a forest plot from
 * meta-analysis arms. Each resolves the rows it uses, runs the fits it shows (the curves, the
 * log-rank or Gray's p, a two-group hazard ratio) and sets its default labels and size.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/ep-cox-forest.h"
#include "model/ep-figure-private.h"

/* ---- helpers ------------------------------------------------------------------------------- */

static void
ep_figure_add_note (EpFigure   *self,
                    const char *note)
{
  /* Keep the array NULL-terminated for ep_figure_get_notes(). */
  g_ptr_array_insert (self->notes, self->notes->len - 1, g_strdup (note));
}

/* The rows of a cohort endpoint with every other column used present, and the group levels. */
static EpEndpointData *
resolve (EpFigure          *self,
         EpCohort          *cohort,
         EpCohortEndpoint  *endpoint,
         const char        *group_column,
         const char * const *more,
         EpLevels         **levels,
         GError           **error)
{
  g_autoptr(GPtrArray) required = g_ptr_array_new ();
  g_autoptr(EpEndpointData) data = NULL;

  if (group_column != NULL)
    g_ptr_array_add (required, (gpointer) group_column);
  for (guint k = 0; more != NULL && more[k] != NULL; k++)
    g_ptr_array_add (required, (gpointer) more[k]);
  g_ptr_array_add (required, NULL);

  data = ep_cohort_resolve_endpoint (cohort, endpoint, (const char * const *) required->pdata,
                                     error);
  if (data == NULL)
    return NULL;
  if (data->n == 0)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("%s: no rows with a value in every column used (%u dropped for missing values)"),
                   ep_cohort_get_name (cohort), data->n_dropped);
      return NULL;
    }
  if (data->n_dropped > 0)
    {
      g_autofree char *note =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u row dropped for a missing value",
                                      "%u rows dropped for missing values", data->n_dropped),
                         data->n_dropped);

      ep_figure_add_note (self, note);
    }

  if (group_column != NULL)
    {
      *levels = ep_cohort_get_levels (cohort, group_column, data->rows, data->n, error);
      if (*levels == NULL)
        return NULL;
    }

  return g_steal_pointer (&data);
}

/* Codes of a number column over rows, each an integer in [0, max_code]. */
static int *
read_codes (EpFigure    *self,
            EpCohort    *cohort,
            const char  *column,
            const guint *rows,
            guint        n,
            int          max_code,
            GError     **error)
{
  g_autofree double *values = ep_cohort_get_numbers (cohort, column, rows, n, error);
  g_autofree int *codes = NULL;

  if (values == NULL)
    return NULL;

  codes = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (!(values[i] >= 0 && values[i] <= max_code && values[i] == floor (values[i])))
        {
          g_autofree char *text = ep_cohort_get_text (cohort, rows[i],
                                                      ep_cohort_find_column (cohort, column));
          g_autofree char *where = NULL;

          /* A file read with its header: row i is on line i + 2, as the CSV messages count. */
          if (self->path != NULL)
            {
              g_autofree char *basename = g_path_get_basename (self->path);

              where = g_strdup_printf ("%s:%u", basename, rows[i] + 2);
            }
          else
            where = g_strdup_printf (_("%s: row %u"), ep_cohort_get_name (cohort), rows[i] + 1);

          if (max_code == 1)
            g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                         _("%s: column \"%s\": %s is not 0 (censored) or 1 (event)"),
                         where, column, text);
          else
            g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                         _("%s: column \"%s\": %s is not 0 (censored) or a cause code 1, 2, …"),
                         where, column, text);
          return NULL;
        }
      codes[i] = (int) values[i];
    }

  return g_steal_pointer (&codes);
}

static void
ep_figure_set_source (EpFigure   *self,
                      EpCohort   *cohort,
                      const char *what)
{
  g_set_object (&self->cohort, cohort);
  g_free (self->subtitle);
  self->subtitle = g_strdup_printf ("%s: %s", ep_cohort_get_name (cohort), what);
}

/* The hazard ratio of the second group against the first: coxph (Surv (time, status) ~ group). */
static void
ep_figure_two_group_hr (EpFigure     *self,
                        const double *time,
                        const int    *event,
                        guint         n)
{
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autoptr(EpCoxFit) fit = NULL;

  for (guint i = 0; i < n; i++)
    x[i] = self->levels->codes[i] == 1 ? 1.0 : 0.0;

  fit = ep_cox_fit (n, NULL, time, event, x, 1, NULL, 0, NULL, NULL);
  if (fit == NULL || !fit->converged || fit->singular[0] || fit->infinite[0])
    {
      ep_figure_add_note (self, _("The hazard ratio could not be estimated (no events in a "
                                  "group, or the model did not converge); it is not shown."));
      return;
    }

  self->hr = fit->hr[0];
  self->hr_lower = fit->hr_lower[0];
  self->hr_upper = fit->hr_upper[0];
  /* "Nonmaintained vs Maintained" */
  self->hr_label = g_strdup_printf (_("%s vs %s"), ep_levels_get_label (self->levels, 1),
                                    ep_levels_get_label (self->levels, 0));
}

static gboolean
ep_figure_compute_km (EpFigure         *self,
                      EpCohort         *cohort,
                      EpCohortEndpoint *endpoint,
                      gboolean          check_event_codes,
                      const char       *group_column,
                      GError          **error)
{
  g_autoptr(EpEndpointData) data = NULL;
  g_autofree int *event = NULL;

  data = resolve (self, cohort, endpoint, group_column, NULL, &self->levels, error);
  if (data == NULL)
    return FALSE;

  /* A 2 in a 0/1 column would otherwise count as censored: refuse it, as endpoint-cli km does. */
  if (check_event_codes)
    {
      event = read_codes (self, cohort, ep_cohort_endpoint_get_event_column (endpoint), data->rows,
                          data->n, 1, error);
      if (event == NULL)
        return FALSE;
      memcpy (data->event, event, data->n * sizeof (int));
    }

  self->km = ep_km_fit (data->time, data->event, self->levels != NULL ? self->levels->codes : NULL,
                        self->levels != NULL ? self->levels->n_levels : 1, data->n,
                        EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, error);
  if (self->km == NULL)
    return FALSE;

  if (self->levels != NULL && self->levels->n_levels >= 2)
    {
      g_autoptr(EpLogrankResult) logrank = ep_logrank_test (data->time, data->event,
                                                            self->levels->codes,
                                                            self->levels->n_levels, NULL, 0,
                                                            data->n, 0.0, NULL);

      if (logrank != NULL)
        self->logrank_p = logrank->p;
      if (self->levels->n_levels == 2)
        ep_figure_two_group_hr (self, data->time, data->event, data->n);
    }

  return TRUE;
}

static EpFigure *
ep_figure_new_kind (EpFigureKind kind)
{
  EpFigure *self = g_object_new (EP_TYPE_FIGURE, NULL);

  self->kind = kind;
  if (kind == EP_FIGURE_CIF)
    {
      EpCifPlot plot;

      ep_cif_plot_init (&plot, NULL);
      self->options = plot.options;
    }

  return self;
}

static char *
describe_columns (const char *time_column,
                  const char *event_column,
                  const char *group_column)
{
  if (group_column != NULL)
    /* TRANSLATORS: the data of a figure: "time, status by x" */
    return g_strdup_printf (_("%s, %s by %s"), time_column, event_column, group_column);

  return g_strdup_printf ("%s, %s", time_column, event_column);
}

/* A forest plot's height: its rows at about 3.6 mm each (7 pt text with air) plus the header
 * and the axis; two journal columns wide for its five columns. */
static void
ep_figure_size_forest (EpFigure *self)
{
  self->style.width_mm = 170.0;
  _ep_figure_fit_forest_height (self);
}

/* The Cox figure of an analysis's result: univariable and multivariable HRs (with one
 * covariate the univariable model is the multivariable one). */
static EpForestPlot *
cox_forest_from_analysis (EpAnalysis     *analysis,
                          const EpCoxFit *fit,
                          const EpDesign *design)
{
  guint n = ep_analysis_get_n_covariates (analysis);
  g_autofree const EpCoxFit **uni = g_new0 (const EpCoxFit *, MAX (n, 1));
  g_autofree const EpDesign **uni_design = g_new0 (const EpDesign *, MAX (n, 1));

  for (guint j = 0; j < n; j++)
    {
      uni[j] = n == 1 ? fit : ep_analysis_get_cox_univariate (analysis, j);
      uni_design[j] = n == 1 ? design : ep_analysis_get_cox_univariate_design (analysis, j);
    }
  return ep_cox_forest_new (fit, design, uni, uni_design, n,
                            ep_analysis_get_cox_factors (analysis));
}

/* The height for the forest's rows at the figure's width: a long note counts the lines it wraps
 * to (ep_forest_plot_note_lines()), so that wrapped footnotes stay on the page. */
void
_ep_figure_fit_forest_height (EpFigure *self)
{
  guint rows = 0;

  for (guint i = 0; i < self->forest->rows->len; i++)
    rows += g_array_index (self->forest->rows, EpForestRow, i).kind != EP_FOREST_ROW_NOTE;
  rows += ep_forest_plot_note_lines (self->forest, ep_plot_mm_to_pt (self->style.width_mm),
                                     self->style.font_size);
  self->style.height_mm = round (CLAMP (24.0 + 3.6 * rows, 60.0, 250.0));
  /* The Cox figure fits its rows exactly (issue 13: no blank third under a short model). */
  if (self->kind == EP_FIGURE_COX_TABLE)
    self->style.height_mm = ceil (ep_forest_plot_fit_height (self->forest, &self->style,
                                                             ep_plot_mm_to_pt (self->style.width_mm))
                                  * 25.4 / 72.0);
}

/* ---- constructors -------------------------------------------------------------------------- */

EpFigure *
ep_figure_new_km (EpCohort    *cohort,
                  const char  *endpoint,
                  const char  *group_column,
                  GError     **error)
{
  g_autoptr(EpFigure) self = NULL;
  EpCohortEndpoint *ep;
  g_autofree char *what = NULL;

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ep = ep_cohort_find_endpoint (cohort, endpoint);
  if (ep == NULL)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("%s: there is no endpoint “%s”"), ep_cohort_get_name (cohort), endpoint);
      return NULL;
    }

  self = ep_figure_new_kind (EP_FIGURE_KM);
  if (!ep_figure_compute_km (self, cohort, ep, FALSE, group_column, error))
    return NULL;

  /* The endpoint knows its unit, so the axis can convert. */
  switch (ep_cohort_endpoint_get_unit (ep))
    {
    case EP_TIME_UNIT_DAYS:   self->options.data_unit = EP_PLOT_TIME_DAYS; break;
    case EP_TIME_UNIT_WEEKS:  self->options.data_unit = EP_PLOT_TIME_WEEKS; break;
    case EP_TIME_UNIT_MONTHS: self->options.data_unit = EP_PLOT_TIME_MONTHS; break;
    case EP_TIME_UNIT_YEARS:  self->options.data_unit = EP_PLOT_TIME_YEARS; break;
    default: break;
    }

  what = group_column != NULL ? g_strdup_printf (_("%s by %s"), endpoint, group_column)
                              : g_strdup (endpoint);
  ep_figure_set_source (self, cohort, what);

  return g_steal_pointer (&self);
}

static EpFigure *
new_km_columns (EpCohort    *cohort,
                const char  *path,
                const char  *time_column,
                const char  *event_column,
                const char  *group_column,
                GError     **error)
{
  static const char * const event_codes[] = { "1", NULL };
  g_autoptr(EpFigure) self = NULL;
  g_autoptr(EpCohortEndpoint) endpoint = NULL;
  g_autofree char *what = NULL;

  endpoint = ep_cohort_endpoint_new_time ("time", time_column, event_column, event_codes,
                                          EP_TIME_UNIT_DAYS);
  self = ep_figure_new_kind (EP_FIGURE_KM);
  self->path = g_strdup (path);
  if (!ep_figure_compute_km (self, cohort, endpoint, TRUE, group_column, error))
    return NULL;

  what = describe_columns (time_column, event_column, group_column);
  ep_figure_set_source (self, cohort, what);
  if (path != NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);

      /* The file's name as the person knows it, with its extension. */
      g_free (self->subtitle);
      self->subtitle = g_strdup_printf ("%s: %s", basename, what);
    }

  return g_steal_pointer (&self);
}

EpFigure *
ep_figure_new_km_columns (EpCohort    *cohort,
                          const char  *time_column,
                          const char  *event_column,
                          const char  *group_column,
                          GError     **error)
{
  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_km_columns (cohort, NULL, time_column, event_column, group_column, error);
}

EpFigure *
ep_figure_new_km_from_file (const char  *path,
                            const char  *time_column,
                            const char  *event_column,
                            const char  *group_column,
                            GError     **error)
{
  g_autoptr(EpCohort) cohort = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cohort = ep_cohort_new_from_file (path, NULL, error);
  if (cohort == NULL)
    return NULL;

  return new_km_columns (cohort, path, time_column, event_column, group_column, error);
}

EpFigure *
ep_figure_new_km_columns_of_file (EpCohort    *cohort,
                                  const char  *path,
                                  const char  *time_column,
                                  const char  *event_column,
                                  const char  *group_column,
                                  GError     **error)
{
  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_km_columns (cohort, path, time_column, event_column, group_column, error);
}

EpFigure *
ep_figure_new_cif (EpCohort    *cohort,
                   const char  *time_column,
                   const char  *status_column,
                   const char  *group_column,
                   GError     **error)
{
  static const char * const event_codes[] = { "1", NULL };
  g_autoptr(EpFigure) self = NULL;
  g_autoptr(EpCohortEndpoint) endpoint = NULL;
  g_autoptr(EpEndpointData) data = NULL;
  g_autofree int *status = NULL;
  g_autofree int *any_event = NULL;
  g_autofree char *what = NULL;
  const guint *codes;
  guint n_groups;

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (time_column != NULL && status_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The status column as the "event" column: rows missing it are dropped with the others. */
  endpoint = ep_cohort_endpoint_new_time ("time", time_column, status_column, event_codes,
                                          EP_TIME_UNIT_DAYS);
  self = ep_figure_new_kind (EP_FIGURE_CIF);
  data = resolve (self, cohort, endpoint, group_column, NULL, &self->levels, error);
  if (data == NULL)
    return NULL;
  status = read_codes (self, cohort, status_column, data->rows, data->n, G_MAXINT, error);
  if (status == NULL)
    return NULL;

  codes = self->levels != NULL ? self->levels->codes : NULL;
  n_groups = self->levels != NULL ? self->levels->n_levels : 1;
  self->cif = ep_cif_fit (data->time, status, codes, n_groups, data->n, error);
  if (self->cif == NULL)
    return NULL;
  if (self->cif->n_causes == 0)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("%s: column \"%s\": every observation is censored; there is no incidence to draw"),
                   ep_cohort_get_name (cohort), status_column);
      return NULL;
    }

  /* The numbers at risk: the all-cause Kaplan-Meier fit's n.risk. */
  any_event = g_new (int, MAX (data->n, 1));
  for (guint i = 0; i < data->n; i++)
    any_event[i] = status[i] != 0;
  self->km = ep_km_fit (data->time, any_event, codes, n_groups, data->n,
                        EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, error);
  if (self->km == NULL)
    return NULL;

  if (n_groups >= 2)
    self->gray = ep_gray_test (data->time, status, codes, n_groups, NULL, 0, data->n, 0.0, NULL);

  what = describe_columns (time_column, status_column, group_column);
  ep_figure_set_source (self, cohort, what);

  return g_steal_pointer (&self);
}

/* One Cox model of covariates on the rows of the endpoint that have each of them, its design
 * through ep_analysis_build_cox_design() (the display names and level labels the tables use).
 * factors: NULL, or where the model's levels with events/n go. */
static EpCoxFit *
cohort_cox_fit (EpFigure            *self,
                EpCohort            *cohort,
                EpCohortEndpoint    *endpoint,
                const char * const  *covariates,
                const char          *event_column,
                EpDesign           **design,
                GPtrArray          **factors,
                GError             **error)
{
  g_autoptr(EpEndpointData) data = NULL;
  g_autofree int *event = NULL;
  g_autoptr(GPtrArray) labelled = g_ptr_array_new ();
  EpCoxOptions options;
  EpCoxFit *fit;

  /* a number column with value labels (1 = Male, 2 = Female) is a factor, as the labels say */
  for (guint j = 0; covariates[j] != NULL; j++)
    {
      int position = ep_cohort_find_column (cohort, covariates[j]);
      GPtrArray *value_labels = position >= 0
        ? ep_cohort_column_get_value_labels (ep_cohort_get_column (cohort, position)) : NULL;

      if (value_labels != NULL && value_labels->len > 0)
        g_ptr_array_add (labelled, (gpointer) covariates[j]);
    }
  g_ptr_array_add (labelled, NULL);

  data = ep_cohort_resolve_endpoint (cohort, endpoint, covariates, error);
  if (data == NULL)
    return NULL;
  if (data->n == 0)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("%s: no rows with a value in every column used (%u dropped for missing values)"),
                   ep_cohort_get_name (cohort), data->n_dropped);
      return NULL;
    }
  event = read_codes (self, cohort, event_column, data->rows, data->n, 1, error);
  if (event == NULL)
    return NULL;
  *design = ep_analysis_build_cox_design (cohort, covariates, g_strv_length ((char **) covariates),
                                          (const char * const *) labelled->pdata, data->rows,
                                          data->n, error);
  if (*design == NULL)
    return NULL;
  ep_cox_options_init (&options);
  options.term_names = (const char * const *) (*design)->term_names;
  fit = ep_cox_fit (data->n, NULL, data->time, event, (*design)->x, (*design)->p, NULL, 0,
                    &options, error);
  if (fit != NULL && factors != NULL)
    *factors = ep_cox_factors_new (cohort, covariates, *design, event);
  return fit;
}

EpFigure *
ep_figure_new_cox_table (EpCohort            *cohort,
                         const char          *time_column,
                         const char          *event_column,
                         const char * const  *covariates,
                         GError             **error)
{
  static const char * const event_codes[] = { "1", NULL };
  g_autoptr(EpFigure) self = NULL;
  g_autoptr(EpCohortEndpoint) endpoint = NULL;
  g_autoptr(EpEndpointData) data = NULL;
  g_autoptr(EpDesign) design = NULL;
  g_autoptr(EpCoxFit) fit = NULL;
  g_autoptr(GPtrArray) factors = NULL;
  g_autoptr(GPtrArray) uni = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_cox_fit_free);
  g_autoptr(GPtrArray) uni_design = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_design_free);
  g_autofree char *joined = NULL;
  g_autofree char *what = NULL;
  guint n_covariates;

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, NULL);
  g_return_val_if_fail (covariates != NULL && covariates[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  endpoint = ep_cohort_endpoint_new_time ("time", time_column, event_column, event_codes,
                                          EP_TIME_UNIT_DAYS);
  self = ep_figure_new_kind (EP_FIGURE_COX_TABLE);
  /* the rows' check and the note of rows dropped for a missing value */
  data = resolve (self, cohort, endpoint, NULL, covariates, NULL, error);
  if (data == NULL)
    return NULL;
  for (guint k = 0; covariates[k] != NULL; k++)
    if (ep_cohort_find_column (cohort, covariates[k]) < 0)
      {
        g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                     _("%s: there is no column “%s”"), ep_cohort_get_name (cohort), covariates[k]);
        return NULL;
      }

  /* The multivariable model, listwise over every covariate, with the levels' events/n. */
  fit = cohort_cox_fit (self, cohort, endpoint, covariates, event_column, &design, &factors, error);
  if (fit == NULL)
    return NULL;
  for (guint w = 0; fit->warnings != NULL && fit->warnings[w] != NULL; w++)
    ep_figure_add_note (self, fit->warnings[w]);

  /* One univariable model per covariate, on the rows that have it (as the analysis's). */
  n_covariates = g_strv_length ((char **) covariates);
  for (guint j = 0; j < n_covariates; j++)
    {
      const char *one[] = { covariates[j], NULL };
      EpDesign *d = NULL;
      EpCoxFit *u = n_covariates > 1
                    ? cohort_cox_fit (self, cohort, endpoint, one, event_column, &d, NULL, NULL)
                    : NULL;

      g_ptr_array_add (uni, u);
      g_ptr_array_add (uni_design, u != NULL ? d : NULL);
      if (u == NULL)
        g_clear_pointer (&d, ep_design_free);
    }
  if (n_covariates == 1)
    self->forest = ep_cox_forest_new (fit, design, (const EpCoxFit * const *) &fit,
                                      (const EpDesign * const *) &design, 1, factors);
  else
    self->forest = ep_cox_forest_new (fit, design, (const EpCoxFit * const *) uni->pdata,
                                      (const EpDesign * const *) uni_design->pdata, n_covariates,
                                      factors);
  self->forest_x_label = g_strdup (self->forest->x_label);
  ep_figure_size_forest (self);

  joined = g_strjoinv (", ", (char **) covariates);
  what = g_strdup_printf (_("Cox model of %s, %s on %s"), time_column, event_column, joined);
  ep_figure_set_source (self, cohort, what);

  return g_steal_pointer (&self);
}

EpFigure *
ep_figure_new_forest_ratios (EpCohort    *cohort,
                             const char  *label_column,
                             const char  *ratio_column,
                             const char  *lower_column,
                             const char  *upper_column,
                             const char  *subgroup_column,
                             GError     **error)
{
  const char *used[] = { label_column, ratio_column, lower_column, upper_column, subgroup_column };
  g_autoptr(EpFigure) self = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(EpMetaResult) result = NULL;
  g_autoptr(EpLevels) levels = NULL;
  g_autofree double *ratio = NULL;
  g_autofree double *lower = NULL;
  g_autofree double *upper = NULL;
  g_autofree double *yi = NULL;
  g_autofree double *vi = NULL;
  g_auto(GStrv) labels = NULL;
  g_autofree char *what = NULL;
  EpMetaData input = { 0, };
  int positions[G_N_ELEMENTS (used)];
  guint n_used = subgroup_column != NULL ? 5 : 4;
  guint n_rows = ep_cohort_get_n_rows (cohort);

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (label_column != NULL && ratio_column != NULL, NULL);
  g_return_val_if_fail (lower_column != NULL && upper_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint c = 0; c < n_used; c++)
    if ((positions[c] = ep_cohort_find_column (cohort, used[c])) < 0)
      {
        g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                     _("%s: there is no column “%s”"), ep_cohort_get_name (cohort), used[c]);
        return NULL;
      }

  self = ep_figure_new_kind (EP_FIGURE_FOREST_RATIOS);
  for (guint i = 0; i < n_rows; i++)
    {
      gboolean missing = FALSE;

      for (guint c = 0; c < n_used && !missing; c++)
        missing = ep_cohort_is_missing (cohort, i, positions[c]);
      if (!missing)
        g_array_append_val (rows, i);
    }
  if (rows->len == 0)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("%s: no study to pool: every row misses a value in a column used"),
                   ep_cohort_get_name (cohort));
      return NULL;
    }
  if (rows->len < n_rows)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u row dropped for a missing value",
                                                            "%u rows dropped for missing values",
                                                            n_rows - rows->len),
                                               n_rows - rows->len);
      ep_figure_add_note (self, note);
    }

  if ((ratio = ep_cohort_get_numbers (cohort, ratio_column, (guint *) rows->data, rows->len, error)) == NULL ||
      (lower = ep_cohort_get_numbers (cohort, lower_column, (guint *) rows->data, rows->len, error)) == NULL ||
      (upper = ep_cohort_get_numbers (cohort, upper_column, (guint *) rows->data, rows->len, error)) == NULL)
    return NULL;

  yi = g_new (double, rows->len);
  vi = g_new (double, rows->len);
  labels = g_new0 (char *, rows->len + 1);
  for (guint i = 0; i < rows->len; i++)
    {
      guint row = g_array_index (rows, guint, i);

      labels[i] = ep_cohort_get_text (cohort, row, positions[0]);
      if (!ep_meta_ratio_to_log (ratio[i], lower[i], upper[i], 0.95, &yi[i], &vi[i], error))
        {
          g_prefix_error (error, _("%s: row %u: "), ep_cohort_get_name (cohort), row + 1);
          return NULL;
        }
    }
  if (subgroup_column != NULL)
    {
      levels = ep_cohort_get_levels (cohort, subgroup_column, (guint *) rows->data, rows->len, error);
      if (levels == NULL)
        return NULL;
    }

  input.k = rows->len;
  input.measure = EP_META_MEASURE_LOG_RATIO;
  input.yi = yi;
  input.vi = vi;
  if (levels != NULL)
    {
      input.subgroup = levels->codes;
      input.n_subgroups = levels->n_levels;
      input.subgroup_names = (const char * const *) levels->levels;
    }
  result = ep_meta_pool (&input, NULL, error);
  if (result == NULL)
    {
      g_prefix_error (error, "%s: ", ep_cohort_get_name (cohort));
      return NULL;
    }
  for (guint w = 0; w < result->warnings->len; w++)
    ep_figure_add_note (self, g_ptr_array_index (result->warnings, w));

  self->forest = ep_forest_plot_new_from_meta (result, (const char * const *) labels,
                                               levels != NULL ? levels->codes : NULL,
                                               levels != NULL ? (const char * const *) levels->levels : NULL,
                                               NULL, NULL);
  /* The ratios as reported, not as re-derived from the log scale (as endpoint-cli plot). */
  for (guint i = 0, s = 0; i < self->forest->rows->len; i++)
    {
      EpForestRow *row = &g_array_index (self->forest->rows, EpForestRow, i);

      if (row->kind != EP_FOREST_ROW_STUDY)
        continue;
      row->estimate = ratio[s];
      row->lower = lower[s];
      row->upper = upper[s];
      s++;
    }
  self->forest_x_label = g_strdup (self->forest->x_label);
  ep_figure_size_forest (self);

  what = g_strdup_printf (_("%s [%s, %s]"), ratio_column, lower_column, upper_column);
  ep_figure_set_source (self, cohort, what);

  return g_steal_pointer (&self);
}

EpFigure *
ep_figure_new_forest_arms (const EpMetaArm  *arms,
                           guint             n_arms,
                           EpFigureOutcome   outcome,
                           GError          **error)
{
  g_autoptr(EpFigure) self = NULL;
  g_autoptr(EpMetaInput) input = NULL;
  g_autoptr(EpMetaResult) result = NULL;
  EpMetaData data;
  gboolean by_class;

  g_return_val_if_fail (arms != NULL || n_arms == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = ep_figure_new_kind (EP_FIGURE_FOREST_PROPORTIONS);
  input = ep_meta_input_new (arms, n_arms, error);
  if (input == NULL)
    return NULL;

  for (guint e = 0; e < input->n_excluded; e++)
    {
      const EpMetaArm *arm = &arms[input->excluded[e]];
      g_autofree char *note = NULL;

      if (input->exclusion[e] == EP_META_ARM_N_NOT_REPORTED)
        note = g_strdup_printf (_("%s: left out, the number of patients is not reported"), arm->label);
      else if (outcome == EP_FIGURE_OUTCOME_CR)
        note = g_strdup_printf (_("%s: left out, the CR rate is not reported"), arm->label);
      else
        note = g_strdup_printf (_("%s: left out, the MRD-negative rate is not reported"), arm->label);
      ep_figure_add_note (self, note);
    }
  if (input->k == 0)
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                           outcome == EP_FIGURE_OUTCOME_CR
                           ? _("None of the arms reports its CR rate and number of patients")
                           : _("None of the arms reports its MRD-negative rate and number of patients"));
      return NULL;
    }

  /* Pooled by class only when there is more than one class; otherwise one overall diamond. */
  by_class = input->n_subgroups >= 2;
  ep_meta_input_get_data (input, EP_META_MEASURE_LOGIT, by_class, &data);
  result = ep_meta_pool (&data, NULL, error);
  if (result == NULL)
    return NULL;
  for (guint w = 0; w < result->warnings->len; w++)
    ep_figure_add_note (self, g_ptr_array_index (result->warnings, w));

  self->forest = ep_forest_plot_new_from_meta (result, (const char * const *) input->labels,
                                               by_class ? input->subgroup : NULL,
                                               by_class ? (const char * const *) input->subgroup_names : NULL,
                                               input->events, input->total);
  g_free (self->forest->label_header);
  self->forest->label_header = g_strdup (N_("Trial"));
  g_free (self->forest->estimate_header);
  g_free (self->forest->x_label);
  if (outcome == EP_FIGURE_OUTCOME_CR)
    {
      self->forest->estimate_header = g_strdup (N_("CR, % (95% CI)"));
      self->forest->x_label = g_strdup (N_("Complete remission (%)"));
      self->subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "CR rate of %u arm",
                                                     "CR rate of %u arms", input->k), input->k);
    }
  else
    {
      self->forest->estimate_header = g_strdup (N_("MRD-negative, % (95% CI)"));
      self->forest->x_label = g_strdup (N_("MRD negativity (%)"));
      self->subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "MRD-negative rate of %u arm",
                                                     "MRD-negative rate of %u arms", input->k),
                                        input->k);
    }
  self->forest_x_label = g_strdup (self->forest->x_label);
  ep_figure_size_forest (self);

  return g_steal_pointer (&self);
}

/* Views of an analysis (the live graph, docs/projects.md) */

static EpPlotTimeUnit
plot_unit (const char *unit)
{
  if (g_strcmp0 (unit, "weeks") == 0)
    return EP_PLOT_TIME_WEEKS;
  if (g_strcmp0 (unit, "months") == 0)
    return EP_PLOT_TIME_MONTHS;
  if (g_strcmp0 (unit, "years") == 0)
    return EP_PLOT_TIME_YEARS;
  return EP_PLOT_TIME_DAYS;
}

/* The Simon-Makuch curves of a landmark analysis, with the Mantel-Byar test's hazard ratio
 * and p: the time-dependent Cox model on the same split rows. */
static void
ep_figure_load_simon_makuch (EpFigure *self)
{
  EpAnalysis *analysis = self->analysis;
  const EpCoxFit *cox = ep_analysis_get_mantel_byar (analysis);
  const char *format;

  /* not the landmark groups: the curves are by the response as it changes */
  self->levels = NULL;
  self->km = (EpKmResult *) ep_analysis_get_simon_makuch (analysis);
  self->options.data_unit = plot_unit (ep_analysis_get_time_unit (analysis));
  /* the curves' names are written when drawn, in the figure's language (ep_figure_render()) */
  if (self->km == NULL)
    {
      ep_figure_add_note (self, _("The Simon-Makuch curves need patients with and without a "
                                  "response during follow-up"));
      return;
    }
  ep_figure_add_note (self, _("Simon-Makuch curves: patients count as not responding until their "
                              "response and as responders from then on; the numbers at risk "
                              "are those on each curve at that time."));
  if (cox == NULL || cox->p != 1 || !isfinite (cox->score_p))
    return;
  /* The Mantel-Byar line is written when drawn, in the figure's language and decimal mark
   * (ep_figure_render()); p as the figure writes one: "< 0.001", "> 0.99" read "p %s". */
  if (cox->converged && !cox->singular[0] && !cox->infinite[0] && isfinite (cox->hr_upper[0]))
    {
      self->hr = cox->hr[0];
      self->hr_lower = cox->hr_lower[0];
      self->hr_upper = cox->hr_upper[0];
      /* TRANSLATORS: under the HR of a Simon-Makuch figure; %s is "0.031" or "< 0.001" */
      format = cox->score_p < 0.001 || cox->score_p > 0.99
               ? N_("Responded vs not (time-dependent)\nMantel-Byar p %s")
               : N_("Responded vs not (time-dependent)\nMantel-Byar p = %s");
    }
  else
    {
      ep_figure_add_note (self, _("The hazard ratio of responding could not be estimated (no "
                                  "events in a group, or the model did not converge); it is "
                                  "not shown."));
      /* TRANSLATORS: on a Simon-Makuch figure; %s is "0.031" or "< 0.001" */
      format = cox->score_p < 0.001 || cox->score_p > 0.99 ? N_("Mantel-Byar p %s")
                                                          : N_("Mantel-Byar p = %s");
    }
  self->hr_phrase = ep_plot_phrase_new (format, ep_plot_phrase_p (cox->score_p), NULL);
  /* as drawn in English (the figure draws hr_phrase) */
  self->hr_label = ep_plot_phrase_write (self->hr_phrase, NULL);
}

/* Reads what the figure shows from the analysis's current result, borrowing it. */
static void
ep_figure_load_analysis (EpFigure *self)
{
  EpAnalysis *analysis = self->analysis;
  const EpLogrankResult *logrank;
  guint n_dropped;

  _ep_figure_clear_data (self);
  g_clear_pointer (&self->forest, ep_forest_plot_free);
  g_clear_pointer (&self->hr_label, g_free);
  g_clear_pointer (&self->forest_x_label, g_free);
  self->logrank_p = NAN;
  self->hr = self->hr_lower = self->hr_upper = NAN;
  g_ptr_array_set_size (self->notes, 0);
  g_ptr_array_add (self->notes, NULL);

  if (!ep_analysis_has_results (analysis))
    return;

  self->borrowed = TRUE;
  self->levels = (EpLevels *) ep_analysis_get_groups (analysis);
  n_dropped = ep_analysis_get_n_dropped (analysis);
  if (n_dropped > 0)
    {
      g_autofree char *note =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u row dropped for a missing value",
                                      "%u rows dropped for missing values", n_dropped),
                         n_dropped);

      ep_figure_add_note (self, note);
    }

  switch (self->kind)
    {
    case EP_FIGURE_KM:
      if (self->simon_makuch)
        {
          ep_figure_load_simon_makuch (self);
          break;
        }
      self->km = (EpKmResult *) ep_analysis_get_km (analysis);
      self->options.data_unit = plot_unit (ep_analysis_get_time_unit (analysis));
      logrank = ep_analysis_get_logrank (analysis);
      if (logrank != NULL)
        self->logrank_p = logrank->p;
      if (self->levels != NULL && self->levels->n_levels == 2)
        {
          if (ep_analysis_get_hr (analysis, &self->hr, &self->hr_lower, &self->hr_upper))
            self->hr_label = g_strdup_printf (_("%s vs %s"), ep_levels_get_label (self->levels, 1),
                                              ep_levels_get_label (self->levels, 0));
          else
            ep_figure_add_note (self, _("The hazard ratio could not be estimated (no events in a "
                                        "group, or the model did not converge); it is not shown."));
        }
      break;

    case EP_FIGURE_CIF:
      self->cif = (EpCifResult *) ep_analysis_get_cif (analysis);
      self->km = (EpKmResult *) ep_analysis_get_km_all_causes (analysis);
      self->gray = (EpGrayResult *) ep_analysis_get_gray (analysis);
      self->options.data_unit = plot_unit (ep_analysis_get_time_unit (analysis));
      if (self->cif != NULL)
        {
          /* the status column's value labels, as the table shows them */
          g_autoptr(GStrvBuilder) causes = g_strv_builder_new ();

          for (guint c = 0; c < self->cif->n_causes; c++)
            {
              const char *label = ep_analysis_get_cause_label (analysis, c);
              g_autofree char *code = g_strdup_printf ("%d", self->cif->causes[c]);

              if (label == NULL)
                break;
              /* an unlabelled code reads "Cause 1", as before labels, in the figure's language
               * when drawn (empty here: ep_figure_render()) */
              if (strcmp (label, code) == 0)
                g_strv_builder_add (causes, "");
              else
                g_strv_builder_add (causes, label);
            }
          self->cause_labels = g_strv_builder_end (causes);
        }
      break;

    case EP_FIGURE_COX_TABLE:
      {
        const EpCoxFit *fit = ep_analysis_get_cox (analysis);
        const EpDesign *design = ep_analysis_get_cox_design (analysis);

        if (fit == NULL || design == NULL)
          break;
        for (guint w = 0; fit->warnings != NULL && fit->warnings[w] != NULL; w++)
          ep_figure_add_note (self, fit->warnings[w]);
        self->forest = cox_forest_from_analysis (analysis, fit, design);
        self->forest_x_label = g_strdup (self->forest->x_label);
        ep_figure_size_forest (self);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
analysis_results_changed_cb (EpAnalysis *analysis,
                             EpFigure   *self)
{
  ep_figure_load_analysis (self);
  _ep_figure_emit_changed (self);
}

static void
analysis_state_cb (EpAnalysis *analysis,
                   GParamSpec *pspec,
                   EpFigure   *self)
{
  /* The preview shows whether it is up to date. */
  _ep_figure_emit_changed (self);
}

EpFigure *
ep_figure_new_for_analysis (EpAnalysis  *analysis,
                            GError     **error)
{
  g_autoptr(EpFigure) self = NULL;
  EpFigureKind kind;
  g_autofree char *what = NULL;

  g_return_val_if_fail (EP_IS_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (ep_analysis_get_kind (analysis))
    {
    case EP_ANALYSIS_SURVIVAL:        kind = EP_FIGURE_KM; break;
    case EP_ANALYSIS_COMPETING_RISKS: kind = EP_FIGURE_CIF; break;
    case EP_ANALYSIS_COX:             kind = EP_FIGURE_COX_TABLE; break;
    case EP_ANALYSIS_RESPONSE:
    default:
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("This analysis has no figure"));
      return NULL;
    }

  self = ep_figure_new_kind (kind);
  self->analysis = g_object_ref (analysis);
  /* Plain handlers: the figure holds the analysis and disconnects them when it goes. */
  self->results_changed_id = g_signal_connect (analysis, "results-changed",
                                               G_CALLBACK (analysis_results_changed_cb), self);
  self->state_id = g_signal_connect (analysis, "notify::state",
                                     G_CALLBACK (analysis_state_cb), self);
  ep_figure_load_analysis (self);

  what = ep_analysis_describe (analysis);
  if (ep_analysis_get_cohort (analysis) != NULL)
    ep_figure_set_source (self, ep_analysis_get_cohort (analysis), what);
  else
    self->subtitle = g_steal_pointer (&what);

  return g_steal_pointer (&self);
}

EpFigure *
ep_figure_new_simon_makuch (EpAnalysis  *analysis,
                            GError     **error)
{
  g_autoptr(EpFigure) self = NULL;
  const char *response;

  g_return_val_if_fail (EP_IS_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  response = ep_analysis_get_string (analysis, "response-time");
  if (ep_analysis_get_kind (analysis) != EP_ANALYSIS_SURVIVAL || response == NULL
      || !isfinite (ep_analysis_get_double (analysis, "landmark-time")))
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("Simon-Makuch curves need a landmark analysis (a survival analysis by the "
                     "time of response)"));
      return NULL;
    }

  self = ep_figure_new_kind (EP_FIGURE_KM);
  self->simon_makuch = TRUE;
  self->analysis = g_object_ref (analysis);
  self->results_changed_id = g_signal_connect (analysis, "results-changed",
                                               G_CALLBACK (analysis_results_changed_cb), self);
  self->state_id = g_signal_connect (analysis, "notify::state",
                                     G_CALLBACK (analysis_state_cb), self);
  ep_figure_load_analysis (self);
  {
    /* TRANSLATORS: the description of a Simon-Makuch figure in the list of figures */
    g_autofree char *what = ep_analysis_describe (analysis);
    g_autofree char *subtitle = g_strdup_printf (_("Simon-Makuch curves by “%s”: %s"),
                                                 response, what);

    if (ep_analysis_get_cohort (analysis) != NULL)
      ep_figure_set_source (self, ep_analysis_get_cohort (analysis), subtitle);
    else
      self->subtitle = g_steal_pointer (&subtitle);
  }

  return g_steal_pointer (&self);
}

gboolean
ep_figure_is_landmark (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), FALSE);
  return self->kind == EP_FIGURE_KM && self->analysis != NULL && !self->simon_makuch
         && ep_analysis_get_string (self->analysis, "response-time") != NULL
         && isfinite (ep_analysis_get_double (self->analysis, "landmark-time"));
}

gboolean
ep_figure_is_simon_makuch (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), FALSE);
  return self->simon_makuch;
}

EpAnalysis *
ep_figure_get_analysis (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);
  return self->analysis;
}

gboolean
ep_figure_is_outdated (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), FALSE);
  return self->analysis != NULL && ep_analysis_is_outdated (self->analysis);
}
