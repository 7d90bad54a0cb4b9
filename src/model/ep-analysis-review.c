/* ep-analysis-review.c: what a statistical reviewer asks of an analysis (issue 16)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of EpAnalysis that go beyond the estimates themselves:
 *  - survival: the restricted mean survival time (ep-rmst.h) and the median follow-up by
 *    reverse Kaplan-Meier (ep-followup.h) with every run; the landmark analysis with the
 *    Mantel-Byar test and the Simon-Makuch curves (ep-landmark.h) when a response time and a
 *    landmark are set;
 *  - Cox: the proportional-hazards check (ep-cox-zph.h);
 *  - the biases the options invite (ep-bias.h), each with the analysis that avoids it, found
 *    on the main thread while the run is prepared and kept with the result:
 *      guarantee time  a survival analysis grouped by a column that records something that
 *                      happens after time zero (its name says response, CR, MRD, transplant,
 *                      or its role is "outcome"); the remedy is a landmark analysis from a
 *                      number column that holds the time of that event (a name with the same
 *                      words, e.g. "response_month"), at the landmark by which 90% of the
 *                      recorded responses had happened;
 *      competing risk  a survival analysis of an endpoint whose name (or event column) says
 *                      relapse or progression, in a cohort with a column that records death;
 *                      the remedy is the cumulative incidence with death as a competing event.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/ep-bias.h"
#include "core/ep-followup.h"
#include "core/ep-landmark.h"
#include "model/ep-analysis-private.h"

/* Options */

static double *
double_slot (EpAnalysis *self,
             const char *key)
{
  if (g_strcmp0 (key, "landmark-time") == 0)
    return &self->options.landmark_time;
  if (g_strcmp0 (key, "rmst-tau") == 0)
    return &self->options.rmst_tau;
  return NULL;
}

void
ep_analysis_set_double (EpAnalysis *self,
                        const char *key,
                        double      value)
{
  double *slot;

  g_return_if_fail (EP_IS_ANALYSIS (self));
  slot = double_slot (self, key);
  g_return_if_fail (slot != NULL);

  /* A landmark may be 0 (everybody is followed from the start); a tau must be > 0. */
  if (!isfinite (value) || value < 0.0 || (value == 0.0 && slot == &self->options.rmst_tau))
    value = NAN;
  *slot = value;
}

double
ep_analysis_get_double (EpAnalysis *self,
                        const char *key)
{
  double *slot;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), NAN);
  slot = double_slot (self, key);
  g_return_val_if_fail (slot != NULL, NAN);

  return *slot;
}

/* Results */

const EpRmstResult *
ep_analysis_get_rmst (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->results != NULL ? self->results->rmst : NULL;
}

const EpKmResult *
ep_analysis_get_followup (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->results != NULL ? self->results->followup : NULL;
}

double
ep_analysis_get_landmark_time (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NAN);
  return self->results != NULL ? self->results->landmark_time : NAN;
}

guint
ep_analysis_get_landmark_excluded (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), 0);
  return self->results != NULL ? self->results->landmark_excluded : 0;
}

const EpCoxFit *
ep_analysis_get_mantel_byar (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->results != NULL ? self->results->mantel_byar : NULL;
}

const EpKmResult *
ep_analysis_get_landmark_overall (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->results != NULL ? self->results->landmark_overall : NULL;
}

const EpKmResult *
ep_analysis_get_simon_makuch (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->results != NULL ? self->results->simon_makuch : NULL;
}

const EpCoxZph *
ep_analysis_get_zph (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->results != NULL ? self->results->zph : NULL;
}

const char * const *
ep_analysis_get_zph_terms (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->results != NULL ? (const char * const *) self->results->zph_terms : NULL;
}

guint
ep_analysis_get_n_biases (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), 0);
  return self->results != NULL ? self->results->biases->len : 0;
}

const EpAnalysisBias *
ep_analysis_get_bias (EpAnalysis *self,
                      guint       index)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (index < ep_analysis_get_n_biases (self), NULL);
  return g_ptr_array_index (self->results->biases, index);
}

EpAnalysis *
ep_analysis_new_remedy (EpAnalysis  *self,
                        guint        index,
                        GError     **error)
{
  const EpAnalysisBias *bias;
  g_autoptr(GVariant) options = NULL;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  bias = index < ep_analysis_get_n_biases (self) ? ep_analysis_get_bias (self, index) : NULL;
  if (bias == NULL || bias->remedy == NULL
      || (options = g_variant_parse (G_VARIANT_TYPE_VARDICT, bias->remedy, NULL, NULL, NULL)) == NULL)
    {
      g_set_error_literal (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                           _("There is no analysis to offer for this warning"));
      return NULL;
    }
  return ep_analysis_new_from_variant (options, error);
}

void
_ep_analysis_bias_free (EpAnalysisBias *bias)
{
  if (bias == NULL)
    return;
  g_free (bias->message);
  g_free (bias->remedy_title);
  g_free (bias->remedy);
  g_free (bias);
}

static void
add_bias (GPtrArray          *biases,
          EpAnalysisBiasKind  kind,
          char               *message,          /* taken */
          const char         *remedy_title,
          EpAnalysis         *remedy)           /* NULL: none */
{
  EpAnalysisBias *bias = g_new0 (EpAnalysisBias, 1);

  bias->kind = kind;
  bias->message = message;
  if (remedy != NULL)
    {
      g_autoptr(GVariant) options = g_variant_ref_sink (ep_analysis_to_variant (remedy));

      bias->remedy_title = g_strdup (remedy_title);
      bias->remedy = g_variant_print (options, TRUE);
    }
  g_ptr_array_add (biases, bias);
}

/* Finding the biases (main thread) */

/* The values of a column as text (category levels; "yes"/"no"; NULL for numbers and dates). */
static GStrv
column_values (EpCohortColumn *column)
{
  GPtrArray *levels = ep_cohort_column_get_levels (column);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (ep_cohort_column_get_column_type (column) == EP_COLUMN_YESNO)
    {
      g_strv_builder_add (builder, "yes");
      g_strv_builder_add (builder, "no");
    }
  for (guint i = 0; levels != NULL && i < levels->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (levels, i));
  return g_strv_builder_end (builder);
}

/* A number column holding the time of what the group column records: a name that says the
 * same thing (response, MRD, transplant) and is not the endpoint's time. */
static const char *
find_response_time (EpCohort           *cohort,
                    EpBiasPostBaseline  what,
                    const char         *group,
                    const char         *endpoint_time)
{
  const char *fallback = NULL;

  for (guint j = 0; j < ep_cohort_get_n_columns (cohort); j++)
    {
      EpCohortColumn *column = ep_cohort_get_column (cohort, j);
      const char *name = ep_cohort_column_get_name (column);
      EpBiasPostBaseline kind;

      if (ep_cohort_column_get_column_type (column) != EP_COLUMN_NUMBER
          || g_strcmp0 (name, group) == 0 || g_strcmp0 (name, endpoint_time) == 0)
        continue;
      kind = ep_bias_post_baseline (name, NULL);
      if (kind == what)
        return name;
      if (kind != EP_BIAS_NONE && fallback == NULL)
        fallback = name;
    }
  return fallback;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The time by which 90% of the recorded responses had happened (R: quantile (r, 0.9,
 * type = 1)); NaN without any. */
static double
default_landmark (EpCohort   *cohort,
                  const char *column)
{
  const EpTableColumn *data = ep_cohort_column_get_data (ep_cohort_get_column (cohort, ep_cohort_find_column (cohort, column)));
  guint n_rows = ep_cohort_get_n_rows (cohort);
  g_autofree guint *rows = g_new (guint, MAX (n_rows, 1));
  g_autofree double *values = NULL;
  guint n = 0;

  for (guint i = 0; i < n_rows; i++)
    if (!ep_table_column_is_missing (data, i))
      rows[n++] = i;
  if (n == 0)
    return NAN;
  values = ep_cohort_get_numbers (cohort, column, rows, n, NULL);
  if (values == NULL)
    return NAN;
  qsort (values, n, sizeof (double), compare_doubles);
  return values[(guint) ceil (0.9 * n) - 1];
}

/* The column that records death, and its value for a death. */
static gboolean
find_death (EpCohort    *cohort,
            const char  *skip,
            const char **column_out,
            char       **value_out)
{
  static const char *const yes[] = { "1", "yes", "Yes", "YES", "TRUE", "true", NULL };

  for (guint pass = 0; pass < 2; pass++)
    for (guint j = 0; j < ep_cohort_get_n_columns (cohort); j++)
      {
        EpCohortColumn *column = ep_cohort_get_column (cohort, j);
        const char *name = ep_cohort_column_get_name (column);
        g_auto(GStrv) values = NULL;

        if (g_strcmp0 (name, skip) == 0)
          continue;
        values = column_values (column);
        /* first a value that says death ("Dead"), then a column named so with a yes value */
        for (guint k = 0; values[k] != NULL; k++)
          {
            const char *one[] = { values[k], NULL };

            if (pass == 0 && ep_bias_records_death (NULL, one))
              {
                *column_out = name;
                *value_out = g_strdup (values[k]);
                return TRUE;
              }
            if (pass == 1 && ep_bias_records_death (name, NULL) && g_strv_contains (yes, values[k]))
              {
                *column_out = name;
                *value_out = g_strdup (values[k]);
                return TRUE;
              }
          }
        if (pass == 1 && ep_bias_records_death (name, NULL)
            && ep_cohort_column_get_column_type (column) == EP_COLUMN_NUMBER)
          {
            *column_out = name;
            *value_out = g_strdup ("1");
            return TRUE;
          }
      }
  return FALSE;
}

void
_ep_analysis_find_biases (Job        *job,
                          EpAnalysis *self,
                          EpCohort   *cohort)
{
  const Options *o = &self->options;
  EpCohortEndpoint *endpoint = o->endpoint != NULL ? ep_cohort_find_endpoint (cohort, o->endpoint) : NULL;
  const char *time_column = endpoint != NULL ? ep_cohort_endpoint_get_time_column (endpoint) : NULL;
  const char *event_column = endpoint != NULL ? ep_cohort_endpoint_get_event_column (endpoint) : NULL;

  if (self->kind != EP_ANALYSIS_SURVIVAL || endpoint == NULL)
    return;

  /* Guarantee time: grouped by a response (a landmark analysis is the remedy itself). */
  if (o->group != NULL && o->response_time == NULL)
    {
      int position = ep_cohort_find_column (cohort, o->group);
      EpCohortColumn *column = position >= 0 ? ep_cohort_get_column (cohort, position) : NULL;
      g_auto(GStrv) values = column != NULL ? column_values (column) : NULL;
      EpBiasPostBaseline what = column != NULL ? ep_bias_post_baseline (o->group, (const char * const *) values)
                                               : EP_BIAS_NONE;

      if (what == EP_BIAS_NONE && column != NULL && ep_cohort_column_get_role (column) == EP_COLUMN_ROLE_OUTCOME)
        what = EP_BIAS_RESPONSE;
      if (what != EP_BIAS_NONE)
        {
          const char *rtime = find_response_time (cohort, what, o->group, time_column);
          double landmark = rtime != NULL ? default_landmark (cohort, rtime) : NAN;
          g_autoptr(EpAnalysis) remedy = NULL;
          char *message;

          if (rtime != NULL && isfinite (landmark))
            {
              remedy = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
              ep_analysis_set_string (remedy, "endpoint", o->endpoint);
              ep_analysis_set_string (remedy, "response-time", rtime);
              ep_analysis_set_double (remedy, "landmark-time", landmark);
              ep_analysis_set_conf_level (remedy, o->conf_level);
              message = g_strdup_printf (
                _("Guarantee-time bias: “%s” records something that happens after time zero. "
                  "Patients must survive long enough to respond, so comparing the groups from "
                  "time zero favours the responders. A landmark analysis at %g %s (from “%s”) "
                  "compares only patients alive at the landmark, grouped by their response "
                  "by then; its results add the Mantel-Byar test and the Simon-Makuch curves."),
                o->group, landmark, job->time_unit != NULL ? job->time_unit : "", rtime);
            }
          else
            message = g_strdup_printf (
              _("Guarantee-time bias: “%s” records something that happens after time zero. "
                "Patients must survive long enough to respond, so comparing the groups from "
                "time zero favours the responders. Add a column with the time of the response "
                "to run a landmark analysis or the Mantel-Byar test."), o->group);
          add_bias (job->biases, EP_ANALYSIS_BIAS_GUARANTEE_TIME, message,
                    _("Run Landmark Analysis"), remedy);
        }
    }

  /* Competing risk: relapse with deaths censored, in a cohort that records death. */
  if (ep_bias_is_relapse_name (o->endpoint) || ep_bias_is_relapse_name (event_column))
    {
      const char *death_column = NULL;
      g_autofree char *death_value = NULL;

      if (find_death (cohort, event_column, &death_column, &death_value))
        {
          g_autoptr(EpAnalysis) remedy = ep_analysis_new (EP_ANALYSIS_COMPETING_RISKS);

          ep_analysis_set_string (remedy, "endpoint", o->endpoint);
          ep_analysis_set_string (remedy, "competing", death_column);
          ep_analysis_set_string (remedy, "competing-event", death_value);
          ep_analysis_set_string (remedy, "group", o->group);
          ep_analysis_set_conf_level (remedy, o->conf_level);
          add_bias (job->biases, EP_ANALYSIS_BIAS_COMPETING_RISK,
                    g_strdup_printf (
                      _("Competing-risk bias: “%s” counts deaths as censored, and the cohort "
                        "records death (“%s” is “%s”). One minus Kaplan-Meier then "
                        "overestimates the incidence of %s; the cumulative incidence with "
                        "death as a competing event does not."),
                      o->endpoint, death_column, death_value, o->endpoint),
                    _("Show Cumulative Incidence"), remedy);
        }
    }
}

/* The response times of the kept rows, NaN where empty; an error for a column that is not a
 * number column or a negative time. */
gboolean
_ep_analysis_prepare_landmark (Job         *job,
                               EpAnalysis  *self,
                               EpCohort    *cohort,
                               const guint *rows,
                               guint        n,
                               GError     **error)
{
  const Options *o = &self->options;
  int position = ep_cohort_find_column (cohort, o->response_time);
  const EpTableColumn *data;

  if (!isfinite (o->landmark_time))
    {
      g_set_error_literal (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                           _("Choose a landmark time"));
      return FALSE;
    }
  if (position < 0)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("The cohort has no column “%s”"), o->response_time);
      return FALSE;
    }
  if (ep_cohort_column_get_column_type (ep_cohort_get_column (cohort, position)) != EP_COLUMN_NUMBER)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
                   _("The response time column “%s” must hold numbers"), o->response_time);
      return FALSE;
    }
  data = ep_cohort_column_get_data (ep_cohort_get_column (cohort, position));
  job->response = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (ep_table_column_is_missing (data, rows[i]))
        job->response[i] = NAN;
      else
        {
          g_autofree double *one = ep_cohort_get_numbers (cohort, o->response_time, &rows[i], 1, error);

          if (one == NULL)
            return FALSE;
          if (!(one[0] >= 0.0))
            {
              g_autofree char *text = ep_value_format_number (one[0]);

              g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
                           _("row %u: column “%s”: %s is negative; a time must be 0 or more"),
                           rows[i] + 1, o->response_time, text);
              return FALSE;
            }
          job->response[i] = one[0];
        }
    }
  return TRUE;
}

/* Computing (worker thread) */

/* The landmark analysis replaces the Kaplan-Meier input: the patients followed beyond the
 * landmark, time from it, grouped by response by it. */
gboolean
_ep_analysis_run_landmark (Job      *job,
                           Results  *r,
                           GError  **error)
{
  g_autoptr(EpLandmarkSet) set = ep_landmark_select (job->time, job->status, job->response,
                                                     job->n, job->landmark_time);
  g_autoptr(EpTdSplit) split = NULL;
  g_autofree char *no = g_strdup_printf (_("No response by %g"), job->landmark_time);
  g_autofree char *yes = g_strdup_printf (_("Response by %g"), job->landmark_time);
  const char *values[] = { no, yes, NULL };
  EpKmOptions km_options;

  if (set->n == 0)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_NO_ROWS,
                   _("No patient is followed beyond the landmark %g"), job->landmark_time);
      return FALSE;
    }

  /* everybody from time 0, for the figure's curve before the landmark */
  ep_km_options_init (&km_options);
  km_options.conf_type = job->conf_type;
  km_options.conf_level = job->conf_level;
  r->landmark_overall = ep_km_fit_full (NULL, job->time, job->status, NULL, 1, job->n,
                                        &km_options, NULL, 0, NULL);

  /* the Mantel-Byar test and the Simon-Makuch curves use everybody, split at the response */
  split = ep_td_split_response (job->time, job->status, job->response, job->n);
  if (split->n_responders > 0 && split->n_responders < split->n_patients)
    {
      const char *term_names[] = { "response", NULL };
      g_autofree double *x = g_new (double, MAX (split->n, 1));
      EpCoxOptions cox_options;

      for (gsize k = 0; k < split->n; k++)
        x[k] = split->state[k];
      ep_cox_options_init (&cox_options);
      cox_options.conf_level = job->conf_level;
      cox_options.term_names = term_names;
      r->mantel_byar = ep_cox_fit (split->n, split->start, split->stop, split->event, x, 1,
                                   NULL, 0, &cox_options, NULL);
      r->simon_makuch = ep_km_fit_full (split->start, split->stop, split->event, split->state,
                                        2, split->n, &km_options, NULL, 0, NULL);
    }
  else
    g_ptr_array_add (r->warnings,
                     g_strdup (_("The Mantel-Byar test needs patients with and without a "
                                 "response during follow-up")));

  /* the job's data become the landmark set */
  g_clear_pointer (&job->groups, ep_levels_free);
  job->groups = g_new0 (EpLevels, 1);
  job->groups->n_levels = 2;
  job->groups->levels = g_strdupv ((char **) values);
  job->groups->codes = g_memdup2 (set->responded, sizeof (guint) * MAX (set->n, 1));
  job->groups->n = set->n;
  g_free (job->time);
  job->time = g_memdup2 (set->time, sizeof (double) * MAX (set->n, 1));
  g_free (job->status);
  job->status = g_memdup2 (set->status, sizeof (int) * MAX (set->n, 1));
  r->landmark_time = job->landmark_time;
  r->landmark_excluded = set->n_excluded;
  r->n = set->n;
  job->n = set->n;
  return TRUE;
}

/* RMST and the median follow-up, after the Kaplan-Meier fit. */
void
_ep_analysis_run_survival_review (Job     *job,
                                  Results *r)
{
  const guint *codes = job->groups != NULL ? job->groups->codes : NULL;
  guint n_groups = job->groups != NULL ? job->groups->n_levels : 1;
  double tau = job->rmst_tau;
  g_autoptr(GError) error = NULL;
  EpKmOptions options;

  if (!isfinite (tau))
    {
      /* survRM2's default: the shortest of the groups' last follow-up times */
      tau = INFINITY;
      for (guint g = 0; g < r->km->n_groups; g++)
        {
          const EpKmCurve *curve = &r->km->curves[g];

          if (curve->n_steps > 0)
            tau = MIN (tau, curve->steps[curve->n_steps - 1].time);
        }
    }
  if (isfinite (tau) && tau > 0.0)
    {
      r->rmst = ep_rmst_from_km (r->km, tau, job->conf_level, &error);
      if (r->rmst == NULL)
        g_ptr_array_add (r->warnings, g_strdup (error->message));
      g_clear_error (&error);
    }

  ep_km_options_init (&options);
  options.conf_type = job->conf_type;
  options.conf_level = job->conf_level;
  /* from the curves' table: the same numbers as a fit on the reversed data, without sorting
   * a million times again on every live update */
  r->followup = r->km != NULL && !r->km->delayed_entry
                ? ep_km_reverse (r->km, options.conf_type, options.conf_level)
                : ep_followup_fit (job->time, job->status, codes, n_groups, job->n, &options, NULL);
}

/* cox.zph of the multivariable model, before its design is handed to the results. */
void
_ep_analysis_run_zph (Job     *job,
                      Results *r)
{
  const EpDesign *design = job->multi.design;
  g_autofree guint *term = g_new (guint, MAX (design->p, 1));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_terms = 0;

  for (guint j = 0; j < design->p; j++)
    {
      if (j == 0 || design->term_column[j] != design->term_column[j - 1])
        {
          const char *name = design->term_names[j];

          /* cox.zph names a factor's term after its column ("x"), not "x=level" */
          if (design->term_levels[j] != NULL)
            g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (design->term_levels[j]) - 1));
          else
            g_ptr_array_add (names, g_strdup (name));
          n_terms++;
        }
      term[j] = n_terms - 1;
    }
  r->zph = ep_cox_zph (job->multi.n, NULL, job->multi.time, job->multi.status, design->x,
                       design->p, job->multi.strata != NULL ? job->multi.strata->codes : NULL,
                       job->multi.strata != NULL ? job->multi.strata->n_levels : 0, NULL, r->cox,
                       job->ties, TRUE, term, n_terms, EP_COX_ZPH_KM, &error);
  if (r->zph == NULL)
    {
      /* TRANSLATORS: the proportional-hazards check could not be made; the reason follows */
      g_ptr_array_add (r->warnings, g_strdup_printf (_("Proportional-hazards check: %s"),
                                                     error->message));
      return;
    }
  g_ptr_array_add (names, NULL);
  r->zph_terms = (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}
