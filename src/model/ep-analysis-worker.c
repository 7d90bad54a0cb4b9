/* ep-analysis-worker.c: a run in the GTask worker, calling the statistics core
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker reads only the Job prepared on the main thread (ep-analysis-prepare.c), fills a
 * Results with the core's fits and tests, builds the tables (ep-analysis-tables.c) and sends
 * progress back to the main thread. It never sees a GObject but the GTask and the GCancellable.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/ep-analysis-private.h"

/* Progress, from the worker to the main thread. */

typedef struct
{
  EpAnalysis *analysis;
  double      progress;
} ProgressUpdate;

static gboolean
progress_idle_cb (gpointer data)
{
  ProgressUpdate *update = data;

  _ep_analysis_update_progress (update->analysis, update->progress);

  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->analysis);
  g_free (update);
}

static void
report_progress (Job    *job,
                 double  progress)
{
  ProgressUpdate *update = g_new (ProgressUpdate, 1);

  update->analysis = g_object_ref (job->analysis);
  update->progress = progress;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_idle_cb, update,
                              progress_update_free);
}

/* The worker. */

static gboolean
check_cancel (GTask *task,
              Job   *job)
{
  return g_task_return_error_if_cancelled (task);
}

void
_ep_analysis_run_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  Job *job = task_data;
  Results *r = _ep_analysis_results_new ();
  g_autoptr(GError) error = NULL;
  guint n_groups = job->groups != NULL ? job->groups->n_levels : 1;
  const guint *codes = job->groups != NULL ? job->groups->codes : NULL;

  job->results = r;
  r->n = job->n;
  r->n_dropped = job->n_dropped;
  r->time_unit = g_strdup (job->time_unit != NULL ? job->time_unit : "");

  switch (job->kind)
    {
    case EP_ANALYSIS_SURVIVAL:
      if (job->response != NULL)
        {
          if (!_ep_analysis_run_landmark (job, r, &error))
            goto failed;
          n_groups = job->groups->n_levels;
          codes = job->groups->codes;
        }
      r->km = ep_km_fit (job->time, job->status, codes, n_groups, job->n, job->conf_type,
                         job->conf_level, job->landmarks, job->n_landmarks, &error);
      if (r->km == NULL)
        goto failed;
      _ep_analysis_run_survival_review (job, r);
      report_progress (job, 0.5);
      if (check_cancel (task, job))
        return;
      if (job->groups != NULL && job->groups->n_levels >= 2)
        {
          r->logrank = ep_logrank_test (job->time, job->status, codes, n_groups, NULL, 1,
                                        job->n, job->rho, &error);
          if (r->logrank == NULL)
            {
              /* One group left after dropping missing values: the curves stand alone. */
              g_ptr_array_add (r->warnings, g_strdup (error->message));
              g_clear_error (&error);
            }
        }
      /* Three or more groups: each group against the first (coxph with the group as a
       * factor), every pair (survminer's pairwise_survdiff with Holm's adjustment) and, when
       * the levels are numbers (ECOG 0-3, dose levels), the log-rank test for trend. What
       * cannot be computed becomes a warning; the rest of the results stand. */
      if (r->logrank != NULL && job->groups->n_levels >= 3)
        {
          EpCoxOptions options;
          g_autoptr(GError) local = NULL;

          ep_cox_options_init (&options);
          options.conf_level = job->conf_level;
          options.cancel = &job->cancel;
          r->group_hr = ep_group_hr (NULL, job->time, job->status, codes, n_groups, 0,
                                     NULL, 1, job->n, &options, &local);
          if (r->group_hr == NULL)
            {
              if (check_cancel (task, job))
                return;
              g_ptr_array_add (r->warnings, g_strdup (local->message));
              g_clear_error (&local);
            }
          r->pairwise = ep_logrank_pairwise (NULL, job->time, job->status, codes, n_groups,
                                             NULL, 1, job->n, job->rho, TRUE,
                                             EP_P_ADJUST_HOLM, &local);
          if (r->pairwise == NULL)
            {
              g_ptr_array_add (r->warnings, g_strdup (local->message));
              g_clear_error (&local);
            }
          if (job->groups->numeric)
            {
              r->trend = ep_logrank_trend (r->logrank, NULL, &local);
              if (r->trend == NULL)
                {
                  g_ptr_array_add (r->warnings, g_strdup (local->message));
                  g_clear_error (&local);
                }
            }
          if (check_cancel (task, job))
            return;
        }
      /* Two groups: the hazard ratio of the second against the first, as coxph (Surv (time,
       * status) ~ group) gives it, for the figure's legend. Not estimable (no events in a
       * group) leaves it NaN, and the figure says so. */
      if (job->groups != NULL && job->groups->n_levels == 2)
        {
          g_autofree double *x = g_new (double, MAX (job->n, 1));
          g_autoptr(EpCoxFit) fit = NULL;
          EpCoxOptions options;

          /* the HR alone: no concordance (a sort and a pass over 1e6 rows per update) */
          ep_cox_options_init (&options);
          options.skip_concordance = TRUE;
          for (guint i = 0; i < job->n; i++)
            x[i] = codes[i] == 1 ? 1.0 : 0.0;
          fit = ep_cox_fit (job->n, NULL, job->time, job->status, x, 1, NULL, 0, &options, NULL);
          if (fit != NULL && fit->converged && !fit->singular[0] && !fit->infinite[0])
            {
              r->hr = fit->hr[0];
              r->hr_lower = fit->hr_lower[0];
              r->hr_upper = fit->hr_upper[0];
            }
        }
      break;

    case EP_ANALYSIS_COX:
      {
        EpCoxOptions options;
        guint n_steps = job->n_covariates + 1;

        ep_cox_options_init (&options);
        options.ties = job->ties;
        options.conf_level = job->conf_level;
        options.cancel = &job->cancel;

        options.term_names = (const char * const *) job->multi.design->term_names;
        r->cox = ep_cox_fit (job->multi.n, NULL, job->multi.time, job->multi.status,
                             job->multi.design->x, job->multi.design->p,
                             job->multi.strata != NULL ? job->multi.strata->codes : NULL,
                             job->multi.strata != NULL ? job->multi.strata->n_levels : 0,
                             &options, &error);
        if (r->cox == NULL)
          goto failed;
        for (guint k = 0; r->cox->warnings[k] != NULL; k++)
          g_ptr_array_add (r->warnings, g_strdup (r->cox->warnings[k]));
        _ep_analysis_run_zph (job, r);
        r->design = g_steal_pointer (&job->multi.design);
        r->cox_factors = g_steal_pointer (&job->cox_factors);
        report_progress (job, 1.0 / n_steps);

        r->n_covariates = job->n_covariates;
        r->uni = g_new0 (EpCoxFit *, job->n_covariates);
        r->uni_design = g_new0 (EpDesign *, job->n_covariates);
        r->uni_error = g_new0 (char *, job->n_covariates);
        for (guint j = 0; j < job->n_covariates && job->n_covariates > 1; j++)
          {
            CoxInput *in = &job->uni[j];
            g_autoptr(GError) local_error = NULL;

            if (check_cancel (task, job))
              return;
            if (job->uni_error[j] != NULL)
              {
                r->uni_error[j] = g_strdup (job->uni_error[j]);
                continue;
              }
            options.term_names = (const char * const *) in->design->term_names;
            r->uni[j] = ep_cox_fit (in->n, NULL, in->time, in->status, in->design->x,
                                    in->design->p, in->strata != NULL ? in->strata->codes : NULL,
                                    in->strata != NULL ? in->strata->n_levels : 0,
                                    &options, &local_error);
            if (r->uni[j] == NULL)
              {
                if (g_error_matches (local_error, EP_COX_ERROR, EP_COX_ERROR_CANCELLED))
                  {
                    g_task_return_error (task, g_steal_pointer (&local_error));
                    return;
                  }
                r->uni_error[j] = g_strdup (local_error->message);
              }
            else
              r->uni_design[j] = g_steal_pointer (&in->design);
            report_progress (job, (j + 2.0) / n_steps);
          }
      }
      break;

    case EP_ANALYSIS_COMPETING_RISKS:
      r->cif = ep_cif_fit (job->time, job->status, codes, n_groups, job->n, &error);
      if (r->cif == NULL)
        goto failed;
      r->cause_labels = g_strdupv (job->cause_labels);
      if (r->cif->n_causes == 0)
        {
          g_set_error (&error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
                       _("Every patient is censored: there is no event of any cause"));
          goto failed;
        }
      /* The numbers at risk under the figure: subjects free of any event and uncensored. */
      {
        g_autofree int *any = g_new (int, MAX (job->n, 1));

        for (guint i = 0; i < job->n; i++)
          any[i] = job->status[i] != 0;
        r->km_all = ep_km_fit (job->time, any, codes, n_groups, job->n, EP_KM_CONF_LOG_LOG,
                               0.95, NULL, 0, NULL);
      }
      report_progress (job, 0.5);
      if (check_cancel (task, job))
        return;
      if (job->groups != NULL && job->groups->n_levels >= 2)
        {
          r->gray = ep_gray_test (job->time, job->status, codes, n_groups, NULL, 1, job->n,
                                  job->rho, &error);
          if (r->gray == NULL)
            {
              g_ptr_array_add (r->warnings, g_strdup (error->message));
              g_clear_error (&error);
            }
        }
      /* Fine-Gray: each cause against the others, as crr (ftime, fstatus, cov1, failcode = c,
       * cencode = the censoring value); a cause whose model fails says why in its table. */
      if (job->crr.design != NULL)
        {
          g_autofree int *code = g_new (int, MAX (job->crr.n, 1));

          r->n_crr = r->cif->n_causes;
          r->crr = g_new0 (EpCrrResult *, MAX (r->n_crr, 1));
          r->crr_error = g_new0 (char *, MAX (r->n_crr, 1));
          r->crr_n = job->crr.n;
          r->crr_n_dropped = job->crr.n_dropped;
          for (guint c = 0; c < r->n_crr; c++)
            {
              g_autoptr(GError) local_error = NULL;
              int cause = r->cif->causes[c];

              if (check_cancel (task, job))
                return;
              for (guint i = 0; i < job->crr.n; i++)
                code[i] = job->crr.status[i] == 0 ? 0 : job->crr.status[i] == cause ? 1 : 2;
              r->crr[c] = ep_crr_fit (job->crr.time, code, job->crr.design->x, job->crr.n,
                                      job->crr.design->p, job->conf_level, &local_error);
              if (r->crr[c] == NULL)
                r->crr_error[c] = g_strdup (local_error->message);
              else if (!r->crr[c]->converged)
                g_ptr_array_add (r->warnings,
                                 g_strdup_printf (_("The Fine-Gray model of %s did not converge"),
                                                  job->cause_labels[c]));
              report_progress (job, 0.5 + 0.5 * (c + 1.0) / r->n_crr);
            }
          r->crr_design = g_steal_pointer (&job->crr.design);
        }
      break;

    case EP_ANALYSIS_RESPONSE:
      r->response = ep_response_fit (job->success, codes, job->n, n_groups, job->conf_level, &error);
      if (r->response == NULL)
        goto failed;
      break;

    default:
      g_assert_not_reached ();
    }

  if (check_cancel (task, job))
    return;

  r->groups = g_steal_pointer (&job->groups);
  g_clear_pointer (&r->biases, g_ptr_array_unref);
  r->biases = g_steal_pointer (&job->biases);
  switch (job->kind)
    {
    case EP_ANALYSIS_SURVIVAL:
      _ep_analysis_tables_survival (job, r);
      _ep_analysis_tables_survival_review (job, r);
      break;
    case EP_ANALYSIS_COX:
      _ep_analysis_tables_cox (job, r);
      _ep_analysis_tables_zph (job, r);
      break;
    case EP_ANALYSIS_COMPETING_RISKS:
      _ep_analysis_tables_competing_risks (job, r);
      if (job->from_endpoint)
        _ep_analysis_tables_naive_km (job, r);
      break;
    case EP_ANALYSIS_RESPONSE:        _ep_analysis_tables_response (job, r); break;
    default:                          g_assert_not_reached ();
    }
  report_progress (job, 1.0);

  g_task_return_boolean (task, TRUE);
  return;

failed:
  if (g_error_matches (error, EP_COX_ERROR, EP_COX_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
    }
  g_task_return_error (task, g_steal_pointer (&error));
}
