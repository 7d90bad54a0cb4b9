/* ep-analysis-prepare.c: a run's input, copied out of the cohort on the main thread
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each prepare function checks the analysis's options against the cohort, drops the rows with
 * a missing value in a column used (listwise) and fills the Job with plain arrays, so that the
 * worker (ep-analysis-worker.c) never touches a GObject.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "model/ep-analysis-private.h"

static void
cox_input_clear (CoxInput *input)
{
  g_clear_pointer (&input->time, g_free);
  g_clear_pointer (&input->status, g_free);
  g_clear_pointer (&input->strata, ep_levels_free);
  g_clear_pointer (&input->design, ep_design_free);
}

void
_ep_analysis_job_free (Job *job)
{
  if (job->cancellable != NULL)
    g_cancellable_disconnect (job->cancellable, job->cancelled_id);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->analysis);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->landmarks);
  g_free (job->response);
  g_clear_pointer (&job->biases, g_ptr_array_unref);
  g_strfreev (job->covariates);
  g_free (job->time);
  g_free (job->status);
  g_free (job->success);
  g_clear_pointer (&job->groups, ep_levels_free);
  g_free (job->time_unit);
  g_strfreev (job->cause_labels);
  g_free (job->fingerprint);
  cox_input_clear (&job->multi);
  g_clear_pointer (&job->cox_factors, g_ptr_array_unref);
  cox_input_clear (&job->crr);
  for (guint j = 0; j < job->n_covariates && job->uni != NULL; j++)
    {
      cox_input_clear (&job->uni[j]);
      g_free (job->uni_error[j]);
    }
  g_free (job->uni);
  g_free (job->uni_error);
  g_clear_pointer (&job->results, _ep_analysis_results_free);
  g_free (job);
}

static EpCohortColumn *
find_column (EpCohort   *cohort,
             const char *option,
             const char *name,
             GError    **error)
{
  int position;

  if (name == NULL)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Choose a column for “%s”"), option);
      return NULL;
    }

  position = ep_cohort_find_column (cohort, name);
  if (position < 0)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("The cohort has no column “%s”"), name);
      return NULL;
    }

  return ep_cohort_get_column (cohort, position);
}

/* Rows with a value in every column of names (NULL entries skipped). */
static guint *
complete_rows (EpCohort           *cohort,
               const char * const *names,
               guint               n_names,
               guint              *n_out,
               guint              *n_dropped)
{
  guint n_rows = ep_cohort_get_n_rows (cohort);
  g_autofree const EpTableColumn **columns = g_new0 (const EpTableColumn *, n_names + 1);
  guint *rows = g_new (guint, MAX (n_rows, 1));
  guint n = 0;

  for (guint k = 0; k < n_names; k++)
    if (names[k] != NULL)
      columns[k] = ep_cohort_column_get_data (ep_cohort_get_column (cohort, ep_cohort_find_column (cohort, names[k])));

  for (guint i = 0; i < n_rows; i++)
    {
      gboolean keep = TRUE;

      for (guint k = 0; k < n_names && keep; k++)
        if (columns[k] != NULL && ep_table_column_is_missing (columns[k], i))
          keep = FALSE;
      if (keep)
        rows[n++] = i;
    }

  *n_out = n;
  *n_dropped = n_rows - n;

  return rows;
}

static gboolean
no_rows_error (guint    n_dropped,
               GError **error)
{
  g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_NO_ROWS,
               g_dngettext (GETTEXT_PACKAGE,
                            "No patient has a value in every column used (%u row dropped for missing values)",
                            "No patient has a value in every column used (%u rows dropped for missing values)",
                            n_dropped),
               n_dropped);
  return FALSE;
}

static EpCohortEndpoint *
find_endpoint (EpCohort    *cohort,
               const char  *name,
               GError     **error)
{
  EpCohortEndpoint *endpoint;

  if (name == NULL)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Choose an endpoint"));
      return NULL;
    }

  endpoint = ep_cohort_find_endpoint (cohort, name);
  if (endpoint == NULL)
    g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                 _("The cohort has no endpoint “%s”"), name);

  return endpoint;
}

gboolean
_ep_analysis_prepare_survival (Job       *job,
                               EpAnalysis *self,
                               EpCohort   *cohort,
                               GError    **error)
{
  const Options *o = &self->options;
  EpCohortEndpoint *endpoint;
  const char *also[2] = { o->group, NULL };
  g_autoptr(EpEndpointData) d = NULL;

  endpoint = find_endpoint (cohort, o->endpoint, error);
  if (endpoint == NULL)
    return FALSE;
  /* A landmark analysis groups by the response at the landmark, not by a column. */
  if (o->response_time != NULL)
    also[0] = NULL;
  if (also[0] != NULL && find_column (cohort, _("Group"), o->group, error) == NULL)
    return FALSE;

  d = ep_cohort_resolve_endpoint (cohort, endpoint, also[0] != NULL ? also : NULL, error);
  if (d == NULL)
    return FALSE;
  if (d->n == 0)
    return no_rows_error (d->n_dropped, error);

  if (o->response_time != NULL
      && !_ep_analysis_prepare_landmark (job, self, cohort, d->rows, d->n, error))
    return FALSE;
  if (also[0] != NULL)
    {
      job->groups = ep_cohort_get_levels (cohort, o->group, d->rows, d->n, error);
      if (job->groups == NULL)
        return FALSE;
    }

  job->n = d->n;
  job->n_dropped = d->n_dropped;
  job->time = g_steal_pointer (&d->time);
  job->status = g_steal_pointer (&d->event);
  job->time_unit = g_strdup (ep_time_unit_to_string (ep_cohort_endpoint_get_unit (endpoint)));
  _ep_analysis_find_biases (job, self, cohort);

  return TRUE;
}

/* The design of covariates (numbers, or factors through their levels' texts) on the given
 * rows of the cohort, which have a value in each. */
static EpDesign *
build_design (EpCohort           *cohort,
              const char * const *covariates,
              guint               n_covariates,
              const char * const *factors,
              const guint        *rows,
              guint               n,
              GError            **error)
{
  g_autofree EpDesignColumn *columns = g_new0 (EpDesignColumn, MAX (n_covariates, 1));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) owned_levels = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_levels_free);

  for (guint j = 0; j < n_covariates; j++)
    {
      EpCohortColumn *column = find_column (cohort, _("Covariates"), covariates[j], error);
      EpColumnType type;

      if (column == NULL)
        return NULL;
      type = ep_cohort_column_get_column_type (column);
      columns[j].name = covariates[j];
      if (type == EP_COLUMN_DATE)
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
                       _("Column “%s” holds dates; a covariate must be a number or a category"),
                       covariates[j]);
          return NULL;
        }
      if (type == EP_COLUMN_NUMBER
          && (factors == NULL || !g_strv_contains (factors, covariates[j])))
        {
          double *numbers = ep_cohort_get_numbers (cohort, covariates[j], rows, n, error);

          if (numbers == NULL)
            return NULL;
          g_ptr_array_add (owned, numbers);
          columns[j].kind = EP_DESIGN_NUMERIC;
          columns[j].numbers = numbers;
        }
      else
        {
          EpLevels *levels = ep_cohort_get_levels (cohort, covariates[j], rows, n, error);
          const char **strings;

          if (levels == NULL)
            return NULL;
          g_ptr_array_add (owned_levels, levels);
          /* The texts point into the levels: no copy per cell. */
          strings = g_new (const char *, MAX (n, 1));
          for (guint i = 0; i < n; i++)
            strings[i] = levels->levels[levels->codes[i]];
          g_ptr_array_add (owned, strings);
          columns[j].kind = EP_DESIGN_FACTOR;
          columns[j].strings = strings;
          /* the user's level order: its first level is the reference */
          columns[j].levels = levels;
        }
    }

  return ep_design_new (columns, n_covariates, n, error);
}

/* What tables and the forest call each term: the column's display name, and for a factor
 * "Sex: Female vs Male" with the levels' display labels. */
static void
set_term_labels (EpCohort           *cohort,
                 EpDesign           *design,
                 const char * const *covariates)
{
  design->term_labels = g_new0 (char *, design->p + 1);
  for (guint t = 0; t < design->p; t++)
    {
      guint j = design->term_column[t];
      const char *name = ep_cohort_column_get_display_name (
        ep_cohort_get_column (cohort, ep_cohort_find_column (cohort, covariates[j])));
      const EpLevels *levels = design->levels[j];

      if (levels != NULL && design->term_levels[t] != NULL)
        {
          int k = ep_levels_find (levels, design->term_levels[t]);

          /* TRANSLATORS: a Cox model's factor term: "Sex: Female vs Male" */
          design->term_labels[t] = g_strdup_printf (_("%s: %s vs %s"), name,
                                                    k >= 0 ? ep_levels_get_label (levels, (guint) k)
                                                           : design->term_levels[t],
                                                    ep_levels_get_label (levels, 0));
        }
      else
        design->term_labels[t] = g_strdup (name);
    }
}

EpDesign *
ep_analysis_build_cox_design (EpCohort           *cohort,
                              const char * const *covariates,
                              guint               n_covariates,
                              const char * const *factors,
                              const guint        *rows,
                              guint               n,
                              GError            **error)
{
  EpDesign *design = build_design (cohort, covariates, n_covariates, factors, rows, n, error);

  if (design != NULL)
    set_term_labels (cohort, design, covariates);
  return design;
}

/* One Cox model's data: the endpoint, the covariates and the strata, listwise over all of
 * them. */
static gboolean
prepare_cox_input (EpCohort           *cohort,
                   EpCohortEndpoint   *endpoint,
                   const char * const *covariates,
                   guint               n_covariates,
                   const char * const *factors,
                   const char         *strata,
                   CoxInput           *input,
                   GError            **error)
{
  g_autoptr(GPtrArray) also = g_ptr_array_new ();
  g_autoptr(EpEndpointData) d = NULL;

  for (guint j = 0; j < n_covariates; j++)
    g_ptr_array_add (also, (gpointer) covariates[j]);
  if (strata != NULL)
    g_ptr_array_add (also, (gpointer) strata);
  g_ptr_array_add (also, NULL);

  d = ep_cohort_resolve_endpoint (cohort, endpoint, (const char * const *) also->pdata, error);
  if (d == NULL)
    return FALSE;
  if (d->n == 0)
    return no_rows_error (d->n_dropped, error);

  input->design = ep_analysis_build_cox_design (cohort, covariates, n_covariates, factors,
                                                d->rows, d->n, error);
  if (input->design == NULL)
    return FALSE;

  if (strata != NULL)
    {
      input->strata = ep_cohort_get_levels (cohort, strata, d->rows, d->n, error);
      if (input->strata == NULL)
        return FALSE;
    }

  input->n = d->n;
  input->n_dropped = d->n_dropped;
  input->time = g_steal_pointer (&d->time);
  input->status = g_steal_pointer (&d->event);

  return TRUE;
}

gboolean
_ep_analysis_prepare_cox (Job        *job,
                          EpAnalysis *self,
                          EpCohort   *cohort,
                          GError    **error)
{
  const Options *o = &self->options;
  EpCohortEndpoint *endpoint;
  const char * const *covariates = (const char * const *) o->covariates;
  const char * const *factors = (const char * const *) o->factors;

  endpoint = find_endpoint (cohort, o->endpoint, error);
  if (endpoint == NULL)
    return FALSE;
  if (covariates == NULL)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Choose at least one covariate"));
      return FALSE;
    }
  for (guint j = 0; covariates[j] != NULL; j++)
    if (find_column (cohort, _("Covariates"), covariates[j], error) == NULL)
      return FALSE;
  if (o->strata != NULL && find_column (cohort, _("Strata"), o->strata, error) == NULL)
    return FALSE;

  if (g_strcmp0 (o->ties, "breslow") == 0)
    job->ties = EP_COX_TIES_BRESLOW;
  else if (o->ties == NULL || strcmp (o->ties, "efron") == 0)
    job->ties = EP_COX_TIES_EFRON;
  else
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Ties must be Efron or Breslow, not “%s”"), o->ties);
      return FALSE;
    }

  job->n_covariates = g_strv_length (o->covariates);
  job->covariates = g_strdupv (o->covariates);
  if (!prepare_cox_input (cohort, endpoint, covariates, job->n_covariates, factors, o->strata,
                          &job->multi, error))
    return FALSE;

  job->n = job->multi.n;
  job->n_dropped = job->multi.n_dropped;
  /* the figure's rows: levels with their events/n in the model's rows */
  job->cox_factors = ep_cox_factors_new (cohort, covariates, job->multi.design, job->multi.status);
  job->time_unit = g_strdup (ep_time_unit_to_string (ep_cohort_endpoint_get_unit (endpoint)));

  /* Univariate models: each covariate on the rows that have it (and the strata). */
  job->uni = g_new0 (CoxInput, job->n_covariates);
  job->uni_error = g_new0 (char *, job->n_covariates);
  for (guint j = 0; j < job->n_covariates; j++)
    {
      g_autoptr(GError) local_error = NULL;

      if (job->n_covariates == 1)
        break;   /* the univariate model is the multivariable one */
      if (!prepare_cox_input (cohort, endpoint, &covariates[j], 1, factors, o->strata,
                              &job->uni[j], &local_error))
        job->uni_error[j] = g_strdup (local_error->message);
    }

  return TRUE;
}

/* Competing risks from an endpoint (its event is cause 1) and a column that records the
 * competing event (a censored row with competing-event there is cause 2): the remedy for
 * 1 - Kaplan-Meier of relapse with deaths censored. */
static gboolean
prepare_competing_endpoint (Job        *job,
                            EpAnalysis *self,
                            EpCohort   *cohort,
                            GError    **error)
{
  const Options *o = &self->options;
  const char *also[3] = { o->competing, o->group, NULL };
  EpCohortEndpoint *endpoint;
  g_autoptr(EpEndpointData) d = NULL;
  g_autoptr(EpLevels) competing = NULL;
  int competing_level;

  endpoint = find_endpoint (cohort, o->endpoint, error);
  if (endpoint == NULL)
    return FALSE;
  if (find_column (cohort, _("Competing event"), o->competing, error) == NULL)
    return FALSE;
  if (o->competing_event == NULL)
    {
      g_set_error_literal (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                           _("Choose the value that records the competing event"));
      return FALSE;
    }
  if (o->group != NULL && find_column (cohort, _("Group"), o->group, error) == NULL)
    return FALSE;

  d = ep_cohort_resolve_endpoint (cohort, endpoint, also, error);
  if (d == NULL)
    return FALSE;
  if (d->n == 0)
    return no_rows_error (d->n_dropped, error);

  competing = ep_cohort_get_levels (cohort, o->competing, d->rows, d->n, error);
  if (competing == NULL)
    return FALSE;
  competing_level = ep_levels_find (competing, o->competing_event);
  job->status = g_new (int, MAX (d->n, 1));
  for (guint i = 0; i < d->n; i++)
    job->status[i] = d->event[i] ? 1 : (int) competing->codes[i] == competing_level ? 2 : 0;
  {
    const char *labels[] = { o->endpoint, o->competing_event, NULL };

    job->cause_labels = g_strdupv ((char **) labels);
  }
  if (o->group != NULL)
    {
      job->groups = ep_cohort_get_levels (cohort, o->group, d->rows, d->n, error);
      if (job->groups == NULL)
        return FALSE;
    }

  job->n = d->n;
  job->n_dropped = d->n_dropped;
  job->time = g_steal_pointer (&d->time);
  job->time_unit = g_strdup (ep_time_unit_to_string (ep_cohort_endpoint_get_unit (endpoint)));
  job->from_endpoint = TRUE;
  return TRUE;
}

gboolean
_ep_analysis_prepare_competing_risks (Job        *job,
                                      EpAnalysis *self,
                                      EpCohort   *cohort,
                                      GError    **error)
{
  const Options *o = &self->options;
  const char *names[3] = { o->time, o->status, o->group };
  const char *censor = o->censor != NULL ? o->censor : "0";
  EpCohortColumn *time_column;
  g_autofree guint *rows = NULL;
  g_autoptr(EpLevels) status = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree int *code_of_level = NULL;
  int censor_level;
  guint n, n_dropped;
  int next_code = 1;

  if (o->endpoint != NULL)
    return prepare_competing_endpoint (job, self, cohort, error);

  time_column = find_column (cohort, _("Time"), o->time, error);
  if (time_column == NULL)
    return FALSE;
  if (ep_cohort_column_get_column_type (time_column) != EP_COLUMN_NUMBER)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
                   _("The time column “%s” must hold numbers"), o->time);
      return FALSE;
    }
  if (find_column (cohort, _("Status"), o->status, error) == NULL)
    return FALSE;
  if (o->group != NULL && find_column (cohort, _("Group"), o->group, error) == NULL)
    return FALSE;
  for (guint j = 0; o->covariates != NULL && o->covariates[j] != NULL; j++)
    if (find_column (cohort, _("Covariates"), o->covariates[j], error) == NULL)
      return FALSE;

  rows = complete_rows (cohort, names, 3, &n, &n_dropped);
  if (n == 0)
    return no_rows_error (n_dropped, error);

  job->time = ep_cohort_get_numbers (cohort, o->time, rows, n, error);
  if (job->time == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!(job->time[i] >= 0.0))
      {
        g_autofree char *text = ep_value_format_number (job->time[i]);

        g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
                     _("row %u: column “%s”: %s is negative; a time must be 0 or more"),
                     rows[i] + 1, o->time, text);
        return FALSE;
      }

  /* Causes: every status value but the censoring one, in level order, coded 1, 2, ... */
  status = ep_cohort_get_levels (cohort, o->status, rows, n, error);
  if (status == NULL)
    return FALSE;
  /* Hundreds of "causes" (0.1, 0.2, …) are a time column chosen by mistake (issue 13). */
  if (status->n_levels > 10)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("The status column “%s” has %u different values: this looks like a time "
                     "column. Choose a column of a few codes (0 = censored, 1, 2, … = causes)."),
                   o->status, status->n_levels);
      return FALSE;
    }
  censor_level = ep_levels_find (status, censor);
  code_of_level = g_new (int, status->n_levels + 1);
  for (guint l = 0; l < status->n_levels; l++)
    {
      if ((int) l == censor_level)
        code_of_level[l] = 0;
      else
        {
          code_of_level[l] = next_code++;
          /* the status column's value labels are the cause labels ("Relapse") */
          g_ptr_array_add (labels, g_strdup (ep_levels_get_label (status, l)));
        }
    }
  g_ptr_array_add (labels, NULL);
  job->status = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    job->status[i] = code_of_level[status->codes[i]];
  job->cause_labels = (char **) g_ptr_array_free (g_steal_pointer (&labels), FALSE);

  /* Fine-Gray: on the CIF's rows that have every covariate, so its times and status values
   * are checked above; the causes coded as for the CIF. */
  if (o->covariates != NULL && o->covariates[0] != NULL)
    {
      g_autoptr(GPtrArray) used = g_ptr_array_new ();
      g_autofree guint *crr_rows = NULL;
      g_autoptr(EpLevels) crr_status = NULL;
      guint crr_n, crr_dropped;

      g_ptr_array_add (used, (gpointer) o->time);
      g_ptr_array_add (used, (gpointer) o->status);
      g_ptr_array_add (used, (gpointer) o->group);   /* NULL: skipped */
      for (guint j = 0; o->covariates[j] != NULL; j++)
        g_ptr_array_add (used, o->covariates[j]);
      crr_rows = complete_rows (cohort, (const char * const *) used->pdata, used->len, &crr_n, &crr_dropped);
      if (crr_n == 0)
        return no_rows_error (crr_dropped, error);
      job->crr.design = build_design (cohort, (const char * const *) o->covariates,
                                      g_strv_length (o->covariates),
                                      (const char * const *) o->factors, crr_rows, crr_n, error);
      if (job->crr.design == NULL)
        return FALSE;
      job->crr.time = ep_cohort_get_numbers (cohort, o->time, crr_rows, crr_n, error);
      if (job->crr.time == NULL)
        return FALSE;
      crr_status = ep_cohort_get_levels (cohort, o->status, crr_rows, crr_n, error);
      if (crr_status == NULL)
        return FALSE;
      job->crr.status = g_new (int, MAX (crr_n, 1));
      for (guint i = 0; i < crr_n; i++)
        {
          /* the same codes as the CIF's: the level's text looked up in the CIF's levels */
          int l = ep_levels_find (status, crr_status->levels[crr_status->codes[i]]);

          g_assert (l >= 0);
          job->crr.status[i] = code_of_level[l];
        }
      job->crr.n = crr_n;
      job->crr.n_dropped = crr_dropped;
      job->covariates = g_strdupv (o->covariates);
    }

  if (o->group != NULL)
    {
      job->groups = ep_cohort_get_levels (cohort, o->group, rows, n, error);
      if (job->groups == NULL)
        return FALSE;
    }

  job->n = n;
  job->n_dropped = n_dropped;

  return TRUE;
}

gboolean
_ep_analysis_prepare_response (Job        *job,
                               EpAnalysis *self,
                               EpCohort   *cohort,
                               GError    **error)
{
  const Options *o = &self->options;
  const char *names[2] = { o->outcome, o->group };
  g_autofree guint *rows = NULL;
  g_autoptr(EpLevels) outcome = NULL;
  g_autofree gboolean *level_success = NULL;
  guint n, n_dropped;

  if (find_column (cohort, _("Outcome"), o->outcome, error) == NULL)
    return FALSE;
  if (o->group != NULL && find_column (cohort, _("Group"), o->group, error) == NULL)
    return FALSE;
  if (o->success == NULL)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Choose the outcome values that count as a response"));
      return FALSE;
    }

  rows = complete_rows (cohort, names, 2, &n, &n_dropped);
  if (n == 0)
    return no_rows_error (n_dropped, error);

  outcome = ep_cohort_get_levels (cohort, o->outcome, rows, n, error);
  if (outcome == NULL)
    return FALSE;
  level_success = g_new0 (gboolean, outcome->n_levels + 1);
  for (guint k = 0; o->success[k] != NULL; k++)
    {
      int l = ep_levels_find (outcome, o->success[k]);

      /* A typo must not silently count nobody. */
      if (l < 0)
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                       _("“%s” is not a value of column “%s”"), o->success[k], o->outcome);
          return FALSE;
        }
      level_success[l] = TRUE;
    }

  job->success = g_new (gboolean, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    job->success[i] = level_success[outcome->codes[i]];

  if (o->group != NULL)
    {
      job->groups = ep_cohort_get_levels (cohort, o->group, rows, n, error);
      if (job->groups == NULL)
        return FALSE;
    }

  job->n = n;
  job->n_dropped = n_dropped;

  return TRUE;
}
