/* ep-cli-cox.c: endpoint-cli cox, Cox proportional hazards regression as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli cox --csv F --time COL --event COL --covariates A,B,.. [--factors A,..]
 *                  [--strata COL] [--start COL] [--ties efron|breslow] [--conf-level 0.95]
 *                  [--sep SEP] [--timing]
 *
 * The JSON has the shape of tests/data/reference/expected/lung_cox_efron.json and its
 * siblings (summary.coxph's table and tests): per term the name, coef, se, hr with its CI, z
 * and p; the log-likelihoods, the LR, Wald and score tests, the concordance and the number of
 * iterations. Beyond the reference keys: n_dropped, each test's df and p, the concordance's
 * standard error, converged, per term "singular" and "infinite", and "warnings" (also printed
 * on stderr), which say when a coefficient cannot be estimated or may be infinite.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "core/ep-cox.h"
#include "cli/ep-cli-rscript.h"
#include "core/ep-cox-robust.h"
#include "core/ep-cox-zph.h"
#include "core/ep-design.h"
#include "core/ep-memory.h"

#define COMMAND "cox"

static JsonArray *
terms_to_json (const EpCoxFit *fit,
               const EpDesign *design)
{
  JsonArray *array = json_array_sized_new (fit->p);

  for (guint j = 0; j < fit->p; j++)
    {
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "name", design->term_names[j]);
      if (design->term_labels != NULL && design->term_labels[j] != NULL)
        json_object_set_string_member (o, "label", design->term_labels[j]);
      json_object_set_double_member (o, "coef", fit->coef[j]);
      json_object_set_double_member (o, "se", fit->se[j]);
      json_object_set_double_member (o, "hr", fit->hr[j]);
      json_object_set_double_member (o, "hr_lower", fit->hr_lower[j]);
      json_object_set_double_member (o, "hr_upper", fit->hr_upper[j]);
      json_object_set_double_member (o, "z", fit->z[j]);
      json_object_set_double_member (o, "p", fit->p_value[j]);
      json_object_set_boolean_member (o, "singular", fit->singular[j]);
      json_object_set_boolean_member (o, "infinite", fit->infinite[j]);
      json_array_add_object_element (array, o);
    }

  return array;
}

/* --cluster: coxph (..., cluster = id)'s summary: per term "robust_se", and z, p and the HR's CI
 * from it ("se" stays the model-based one, as summary.coxph's se(coef)); "wald_chisq" and its
 * p from the robust variance; "naive" keeps the model-based Wald test. */
static gboolean
add_robust (JsonObject            *root,
            const EpCliCoxFitted  *fitted,
            EpCoxTies              ties,
            gboolean               timefix,
            GError               **error)
{
  const EpCoxFit *fit = fitted->fit;
  const guint p = fit->p;
  g_autofree double *rvar = g_new (double, (gsize) p * p);
  JsonArray *terms = json_object_get_array_member (root, "terms");
  double zq = gsl_cdf_ugaussian_Pinv (1.0 - (1.0 - fit->conf_level) / 2.0);
  double wald = 0.0;
  guint df = 0;

  if (!ep_cox_robust_variance (fitted->data->n_rows, fitted->start, fitted->stop,
                               fitted->status, fitted->design->x, p,
                               fitted->strata != NULL ? fitted->strata->codes : NULL,
                               fitted->strata != NULL ? fitted->strata->n_levels : 0,
                               fitted->weights, fitted->clusters->codes,
                               fitted->clusters->n_levels, fit, ties, timefix, rvar))
    {
      g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                   _("%s: the robust variance cannot be computed for this model"),
                   ep_cli_data_file_name (fitted->data));
      return FALSE;
    }

  for (guint j = 0; j < p; j++)
    {
      JsonObject *o = json_array_get_object_element (terms, j);
      double se = sqrt (rvar[j * p + j]);
      double z = fit->coef[j] / se;

      json_object_set_double_member (o, "robust_se", se);
      json_object_set_double_member (o, "z", z);
      json_object_set_double_member (o, "p", 2.0 * gsl_cdf_ugaussian_Q (fabs (z)));
      json_object_set_double_member (o, "hr_lower", exp (fit->coef[j] - zq * se));
      json_object_set_double_member (o, "hr_upper", exp (fit->coef[j] + zq * se));
    }

  /* the robust Wald test over the identified terms: beta' rvar^-1 beta */
  {
    g_autofree guint *keep = g_new (guint, p);
    g_autofree double *m = NULL;
    gsl_matrix_view mv;
    gsl_permutation *perm;
    int signum;

    for (guint j = 0; j < p; j++)
      if (!fit->singular[j])
        keep[df++] = j;
    m = g_new (double, (gsize) df * df);
    for (guint r = 0; r < df; r++)
      for (guint c = 0; c < df; c++)
        m[r * df + c] = rvar[keep[r] * p + keep[c]];
    mv = gsl_matrix_view_array (m, df, df);
    perm = gsl_permutation_alloc (MAX (df, 1));
    gsl_set_error_handler_off ();
    if (df > 0 && gsl_linalg_LU_decomp (&mv.matrix, perm, &signum) == 0)
      {
        g_autofree double *b = g_new (double, df);
        g_autofree double *sol = g_new (double, df);
        gsl_vector_view bv = gsl_vector_view_array (b, df);
        gsl_vector_view sv = gsl_vector_view_array (sol, df);

        for (guint r = 0; r < df; r++)
          b[r] = fit->coef[keep[r]];
        if (gsl_linalg_LU_solve (&mv.matrix, perm, &bv.vector, &sv.vector) == 0)
          for (guint r = 0; r < df; r++)
            wald += b[r] * sol[r];
        else
          wald = NAN;
      }
    else
      wald = NAN;
    gsl_permutation_free (perm);
  }
  json_object_set_double_member (root, "naive_wald_chisq", fit->wald_chisq);
  json_object_set_double_member (root, "wald_chisq", wald);
  json_object_set_double_member (root, "wald_p",
                                 isfinite (wald) ? gsl_cdf_chisq_Q (wald, df) : NAN);
  json_object_set_int_member (root, "n_clusters", fitted->clusters->n_levels);

  return TRUE;
}

/* cox.zph's table and its residuals: "zph": {transform, terms [{name, chisq, df, p}], global,
 * time, x, y [{name, values}]}. A factor's columns form one term named after the column. */
static gboolean
add_zph (JsonObject            *root,
         const EpCliCoxFitted  *fitted,
         EpCoxTies              ties,
         gboolean               timefix,
         EpCoxZphTransform      transform,
         GError               **error)
{
  const EpDesign *design = fitted->design;
  g_autofree guint *term = g_new (guint, design->p);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EpCoxZph) zph = NULL;
  JsonObject *o = json_object_new ();
  JsonObject *global = json_object_new ();
  JsonArray *terms = json_array_new ();
  JsonArray *time = json_array_new ();
  JsonArray *xs = json_array_new ();
  JsonArray *ys = json_array_new ();
  guint n_terms = 0;

  for (guint j = 0; j < design->p; j++)
    {
      if (j == 0 || design->term_column[j] != design->term_column[j - 1])
        {
          const char *name = design->term_names[j];

          /* cox.zph names a factor's term after its column ("x"), not "x=level" */
          if (design->term_levels[j] != NULL)
            g_ptr_array_add (names, g_strndup (name, strlen (name) -
                                                     strlen (design->term_levels[j]) - 1));
          else
            g_ptr_array_add (names, g_strdup (name));
          n_terms++;
        }
      term[j] = n_terms - 1;
    }

  zph = ep_cox_zph (fitted->data->n_rows, fitted->start, fitted->stop, fitted->status,
                    design->x, design->p,
                    fitted->strata != NULL ? fitted->strata->codes : NULL,
                    fitted->strata != NULL ? fitted->strata->n_levels : 0,
                    fitted->weights, fitted->fit, ties, timefix, term, n_terms, transform, error);
  if (zph == NULL)
    {
      json_object_unref (o);
      json_object_unref (global);
      json_array_unref (terms);
      json_array_unref (time);
      json_array_unref (xs);
      json_array_unref (ys);
      return FALSE;
    }

  for (guint tm = 0; tm < n_terms; tm++)
    {
      JsonObject *t = json_object_new ();
      JsonArray *values = json_array_sized_new (zph->n_events);
      JsonObject *y = json_object_new ();
      const char *name = g_ptr_array_index (names, tm);

      json_object_set_string_member (t, "name", name);
      json_object_set_double_member (t, "chisq", zph->chisq[tm]);
      json_object_set_int_member (t, "df", zph->df[tm]);
      json_object_set_double_member (t, "p", zph->p[tm]);
      json_array_add_object_element (terms, t);

      for (gsize e = 0; e < zph->n_events; e++)
        json_array_add_double_element (values, zph->y[e * n_terms + tm]);
      json_object_set_string_member (y, "name", name);
      json_object_set_array_member (y, "values", values);
      json_array_add_object_element (ys, y);
    }
  for (gsize e = 0; e < zph->n_events; e++)
    {
      json_array_add_double_element (time, zph->time[e]);
      json_array_add_double_element (xs, zph->x[e]);
    }
  json_object_set_double_member (global, "chisq", zph->global_chisq);
  json_object_set_int_member (global, "df", zph->global_df);
  json_object_set_double_member (global, "p", zph->global_p);

  json_object_set_string_member (o, "transform", ep_cox_zph_transform_to_string (transform));
  json_object_set_array_member (o, "terms", terms);
  json_object_set_object_member (o, "global", global);
  json_object_set_array_member (o, "time", time);
  json_object_set_array_member (o, "x", xs);
  json_object_set_array_member (o, "y", ys);
  json_object_set_object_member (root, "zph", o);

  return TRUE;
}

/* A name may appear once in --covariates; every --factors name must be a covariate. */
static gboolean
check_names (char       **covariates,
             char       **factors,
             const char **bad_name,
             gboolean    *duplicate)
{
  for (guint i = 0; covariates[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      if (strcmp (covariates[i], covariates[j]) == 0)
        {
          *bad_name = covariates[i];
          *duplicate = TRUE;
          return FALSE;
        }

  for (guint i = 0; factors[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) covariates, factors[i]))
      {
        *bad_name = factors[i];
        *duplicate = FALSE;
        return FALSE;
      }

  return TRUE;
}

/* (start, stop]: each row's stop must be after its start, named by its line. */
static gboolean
check_intervals (const EpCliData *data,
                 const double    *start,
                 const double    *stop,
                 const char      *start_column,
                 const char      *stop_column,
                 GError         **error)
{
  for (guint i = 0; i < data->n_rows; i++)
    if (!(stop[i] > start[i]))
      {
        g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                     _("%s:%u: column “%s”: %g is not after the start time %g (column “%s”)"),
                     ep_cli_data_file_name (data), ep_cli_data_line (data, i),
                     stop_column, stop[i], start[i], start_column);
        return FALSE;
      }

  return TRUE;
}

/* --ties: NULL or "efron" -> Efron, "breslow" -> Breslow; FALSE otherwise (shared with
 * endpoint-cli plot forest --cox through ep-cli-data.h). */
gboolean
ep_cli_cox_parse_ties (const char *text,
                       EpCoxTies  *ties)
{
  if (text == NULL || strcmp (text, "efron") == 0)
    *ties = EP_COX_TIES_EFRON;
  else if (strcmp (text, "breslow") == 0)
    *ties = EP_COX_TIES_BRESLOW;
  else
    return FALSE;

  return TRUE;
}

void
ep_cli_cox_fitted_clear (EpCliCoxFitted *fitted)
{
  g_clear_pointer (&fitted->fit, ep_cox_fit_free);
  g_clear_pointer (&fitted->start, ep_big_free);
  g_clear_pointer (&fitted->stop, ep_big_free);
  g_clear_pointer (&fitted->status, ep_big_free);
  g_clear_pointer (&fitted->weights, ep_big_free);
  g_clear_pointer (&fitted->clusters, ep_levels_free);
  g_clear_pointer (&fitted->design, ep_design_free);
  g_clear_pointer (&fitted->strata, ep_levels_free);
  g_clear_pointer (&fitted->data, ep_cli_data_free);
}

/* The model of endpoint-cli cox, shared with endpoint-cli plot forest --cox: checks the column
 * names (a G_OPTION_ERROR, that is a usage error, for a name given twice or a factor that is
 * not a covariate), loads the columns, builds the design and fits. On failure fitted is
 * cleared and error says why, naming the file (and line, column) where it applies. */
gboolean
ep_cli_cox_fit_model (const EpCliCoxModel  *model,
                      EpCliCoxFitted       *fitted,
                      GError              **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GArray) kinds = NULL;
  g_autoptr(GPtrArray) owned = NULL;
  g_autofree EpDesignColumn *design_columns = NULL;
  ep_autobig double *stop = NULL;
  ep_autobig double *start = NULL;
  ep_autobig int *status = NULL;
  g_auto(GStrv) covariates = NULL;
  g_auto(GStrv) factors = NULL;
  g_autoptr(GPtrArray) owned_levels = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_levels_free);
  g_autofree EpCoxColumn *cox_columns = NULL;
  EpCoxOptions options = model->options;
  EpCliTimer timer;
  const char *bad_name = NULL;
  gboolean duplicate = FALSE;
  guint n_covariates;

  memset (fitted, 0, sizeof *fitted);

  covariates = ep_cli_split_names (model->covariates);
  factors = ep_cli_split_names (model->factors);
  n_covariates = g_strv_length (covariates);
  if (n_covariates == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--covariates names no column"));
      return FALSE;
    }
  if (!check_names (covariates, factors, &bad_name, &duplicate))
    {
      if (duplicate)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--covariates names “%s” twice"), bad_name);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--factors: “%s” is not one of the --covariates"), bad_name);
      return FALSE;
    }

  ep_cli_timer_start (&timer);

  columns = g_ptr_array_new ();
  kinds = g_array_new (FALSE, FALSE, sizeof (EpCliColumnKind));
#define ADD_COLUMN(name, kind) \
  G_STMT_START { \
    EpCliColumnKind k_ = (kind); \
    g_ptr_array_add (columns, (char *) (name)); \
    g_array_append_val (kinds, k_); \
  } G_STMT_END
  ADD_COLUMN (model->time, EP_CLI_COLUMN_NUMBER);
  ADD_COLUMN (model->event, EP_CLI_COLUMN_NUMBER);
  if (model->start != NULL)
    ADD_COLUMN (model->start, EP_CLI_COLUMN_NUMBER);
  if (model->strata != NULL)
    ADD_COLUMN (model->strata, EP_CLI_COLUMN_FACTOR);
  if (model->weights != NULL)
    ADD_COLUMN (model->weights, EP_CLI_COLUMN_NUMBER);
  if (model->cluster != NULL)
    ADD_COLUMN (model->cluster, EP_CLI_COLUMN_FACTOR);
  for (guint i = 0; i < n_covariates; i++)
    ADD_COLUMN (covariates[i], g_strv_contains ((const char * const *) factors, covariates[i])
                                 ? EP_CLI_COLUMN_FACTOR : EP_CLI_COLUMN_NUMBER);
#undef ADD_COLUMN
  g_ptr_array_add (columns, NULL);

  fitted->data = ep_cli_data_load_typed (model->csv, model->sep,
                                         (const char * const *) columns->pdata,
                                         (const EpCliColumnKind *) kinds->data, error);
  if (fitted->data == NULL)
    return FALSE;
  if (fitted->data->n_rows == 0)
    {
      g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_NO_ROWS,
                   _("%s: no rows with a value in every column used (%u dropped for missing values)"),
                   ep_cli_data_file_name (fitted->data), fitted->data->n_dropped);
      ep_cli_cox_fitted_clear (fitted);
      return FALSE;
    }

  stop = ep_cli_data_times_big (fitted->data, model->time, error);
  if (stop == NULL)
    goto fail;
  if (model->start != NULL)
    {
      start = ep_cli_data_times_big (fitted->data, model->start, error);
      if (start == NULL ||
          !check_intervals (fitted->data, start, stop, model->start, model->time, error))
        goto fail;
    }
  status = ep_cli_data_events_big (fitted->data, model->event, error);
  if (status == NULL)
    goto fail;
  if (model->strata != NULL)
    fitted->strata = ep_cli_data_levels (fitted->data, model->strata);
  if (model->cluster != NULL)
    fitted->clusters = ep_cli_data_levels (fitted->data, model->cluster);
  if (model->weights != NULL)
    {
      fitted->weights = ep_cli_data_numbers_big (fitted->data, model->weights, error);
      if (fitted->weights == NULL)
        goto fail;
      for (guint i = 0; i < fitted->data->n_rows; i++)
        if (!(isfinite (fitted->weights[i]) && fitted->weights[i] > 0.0))
          {
            g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                         _("%s:%u: column “%s”: %g is not a case weight (a number greater than 0)"),
                         ep_cli_data_file_name (fitted->data),
                         ep_cli_data_line (fitted->data, i), model->weights,
                         fitted->weights[i]);
            goto fail;
          }
      options.weights = fitted->weights;
    }

  /* The covariates: numbers, or text for the factors. */
  owned = g_ptr_array_new_with_free_func (ep_big_free);
  design_columns = g_new0 (EpDesignColumn, n_covariates);
  for (guint i = 0; i < n_covariates; i++)
    {
      EpDesignColumn *column = &design_columns[i];

      column->name = covariates[i];
      if (g_strv_contains ((const char * const *) factors, covariates[i]))
        {
          column->kind = EP_DESIGN_FACTOR;
          /* the levels as ep_design_new() would make them from the strings, arranged by
           * --labels (its first level the reference) when it is given; from the column
           * reader's codes without hashing a million strings (so no strings are needed) */
          {
            EpLevels *levels = ep_cli_data_levels (fitted->data, covariates[i]);

            g_ptr_array_add (owned_levels, levels);
            column->levels = levels;
          }
        }
      else
        {
          double *numbers = ep_cli_data_numbers_big (fitted->data, covariates[i], error);

          if (numbers == NULL)
            goto fail;
          g_ptr_array_add (owned, numbers);
          column->kind = EP_DESIGN_NUMERIC;
          column->numbers = numbers;
        }
    }

  /* The fit reads the columns themselves (ep_cox_fit_columns); the row-major matrix is made
   * only for --cluster and --zph, which read it after the fit. */
  fitted->design = model->keep_matrix
                   ? ep_design_new (design_columns, n_covariates, fitted->data->n_rows, error)
                   : ep_design_new_terms (design_columns, n_covariates, fitted->data->n_rows,
                                          error);
  if (fitted->design == NULL)
    {
      g_prefix_error (error, "%s: ", ep_cli_data_file_name (fitted->data));
      goto fail;
    }
  if (fitted->data->labels != NULL)
    ep_cli_data_set_term_labels (fitted->data, fitted->design, covariates);

  /* Everything the fit needs is extracted: the file's typed columns can go (messages from
   * here on name the file, or read it again for a cell), and so can the levels that the
   * design copied. */
  ep_cli_data_release_columns (fitted->data);
  g_ptr_array_set_size (owned_levels, 0);

  fitted->parse_s = ep_cli_timer_lap (&timer);

  options.term_names = (const char * const *) fitted->design->term_names;
  cox_columns = g_new0 (EpCoxColumn, MAX (fitted->design->p, 1));
  ep_design_cox_columns (fitted->design, design_columns, cox_columns);
  fitted->fit = ep_cox_fit_columns (fitted->data->n_rows, start, stop, status, cox_columns,
                                    fitted->design->p,
                                    fitted->strata != NULL ? fitted->strata->codes : NULL,
                                    fitted->strata != NULL ? fitted->strata->n_levels : 0,
                                    &options, error);
  if (fitted->fit == NULL)
    {
      g_prefix_error (error, "%s: ", ep_cli_data_file_name (fitted->data));
      goto fail;
    }

  fitted->compute_s = ep_cli_timer_lap (&timer);
  fitted->start = g_steal_pointer (&start);
  fitted->stop = g_steal_pointer (&stop);
  fitted->status = g_steal_pointer (&status);

  return TRUE;

fail:
  ep_cli_cox_fitted_clear (fitted);
  return FALSE;
}

int
ep_cli_cox (int    argc,
            char **argv)
{
  g_auto(EpCliSurvivalOptions) opt = { 0, };
  g_autofree char *opt_covariates = NULL;
  g_autofree char *opt_factors = NULL;
  g_autofree char *opt_start = NULL;
  g_autofree char *opt_ties = NULL;
  double opt_conf_level = 0.95;
  gboolean opt_no_timefix = FALSE;
  gboolean opt_zph = FALSE;
  g_autofree char *opt_weights = NULL;
  g_autofree char *opt_cluster = NULL;
  g_autofree char *opt_r_script = NULL;
  g_autofree char *cmdline = g_strjoinv (" ", argv);
  g_autofree char *opt_transform = NULL;
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt.csv),
    { "time", 0, 0, G_OPTION_ARG_STRING, &opt.time,
      N_("The follow-up (or, with --start, stop) time column (0 or more)"), N_("COL") },
    EP_CLI_OPTION_EVENT (opt.status),
    { "covariates", 0, 0, G_OPTION_ARG_STRING, &opt_covariates,
      N_("The covariate columns, in model order"), N_("A,B,…") },
    { "factors", 0, 0, G_OPTION_ARG_STRING, &opt_factors,
      N_("Covariates that are categorical: treatment coding against the first level"),
      N_("A,…") },
    { "strata", 0, 0, G_OPTION_ARG_STRING, &opt.strata,
      N_("A separate baseline hazard per value of this column"), N_("COL") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &opt_start,
      N_("Entry time column: each row is at risk on (start, time]"), N_("COL") },
    { "ties", 0, 0, G_OPTION_ARG_STRING, &opt_ties,
      N_("Tied event times: efron (default) or breslow"), N_("METHOD") },
    { "conf-level", 0, 0, G_OPTION_ARG_DOUBLE, &opt_conf_level,
      N_("Confidence level of the hazard ratios between 0 and 1 (default 0.95)"), N_("LEVEL") },
    { "weights", 0, 0, G_OPTION_ARG_STRING, &opt_weights,
      N_("Case weights column (each row counts as that many patients)"), N_("COL") },
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &opt_cluster,
      N_("Cluster column (patient of repeated events, eyes of one patient): robust "
         "sandwich standard errors"), N_("COL") },
    EP_CLI_OPTION_NO_TIMEFIX (opt_no_timefix),
    EP_CLI_OPTION_R_SCRIPT (opt_r_script),
    { "zph", 0, 0, G_OPTION_ARG_NONE, &opt_zph,
      N_("Check proportional hazards: per term and global test and the scaled Schoenfeld "
         "residuals, as R's cox.zph"), NULL },
    { "transform", 0, 0, G_OPTION_ARG_STRING, &opt_transform,
      N_("Time scale of --zph: km (default), rank, identity or log"), N_("NAME") },
    EP_CLI_OPTION_LABELS,
    EP_CLI_OPTION_SEP (opt.sep),
    EP_CLI_OPTION_TIMING (opt.timing),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_auto(EpCliCoxFitted) fitted = { 0, };
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  const EpCliData *data;
  const EpLevels *strata;
  const EpDesign *design;
  const EpCoxFit *fit;
  JsonArray *warnings;
  EpCliCoxModel model = { 0, };
  EpCoxOptions options;
  EpCoxZphTransform transform = EP_COX_ZPH_KM;
  double parse_s, compute_s;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Cox proportional hazards regression with Efron or Breslow ties, "
                               "strata and (start, stop] data: hazard ratios, likelihood-ratio, "
                               "Wald and score tests and the concordance, as R's coxph."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (!ep_cli_survival_options_check (&opt, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (opt_covariates == NULL)
    return ep_cli_usage_error (COMMAND, _("--covariates is required"));

  ep_cox_options_init (&options);
  if (!ep_cli_cox_parse_ties (opt_ties, &options.ties))
    return ep_cli_usage_error (COMMAND, _("--ties must be efron or breslow, not “%s”"), opt_ties);
  if (!(opt_conf_level > 0.0 && opt_conf_level < 1.0))
    return ep_cli_usage_error (COMMAND, _("--conf-level must be between 0 and 1, e.g. 0.95"));
  options.conf_level = opt_conf_level;
  options.timefix = !opt_no_timefix;
  if (opt_transform != NULL && !ep_cox_zph_transform_from_string (opt_transform, &transform))
    return ep_cli_usage_error (COMMAND,
                               _("--transform must be km, rank, identity or log, not “%s”"),
                               opt_transform);

  model.csv = opt.csv;
  model.sep = opt.sep;
  model.time = opt.time;
  model.event = opt.status;
  model.start = opt_start;
  model.strata = opt.strata;
  model.covariates = opt_covariates;
  model.factors = opt_factors;
  model.options = options;
  model.weights = opt_weights;
  model.cluster = opt_cluster;
  model.keep_matrix = opt_cluster != NULL || opt_zph;
  if (!ep_cli_cox_fit_model (&model, &fitted, &error))
    return ep_cli_data_fail (COMMAND, error);
  data = fitted.data;
  strata = fitted.strata;
  design = fitted.design;
  fit = fitted.fit;
  parse_s = fitted.parse_s;
  compute_s = fitted.compute_s;

  root = json_object_new ();
  json_object_set_string_member (root, "analysis", "cox");
  json_object_set_string_member (root, "ties",
                                 options.ties == EP_COX_TIES_EFRON ? "efron" : "breslow");
  json_object_set_int_member (root, "n", fit->n);
  json_object_set_int_member (root, "events", fit->n_events);
  json_object_set_int_member (root, "n_dropped", data->n_dropped);
  if (strata != NULL)
    json_object_set_int_member (root, "n_strata", strata->n_levels);
  json_object_set_double_member (root, "conf_level", fit->conf_level);
  json_object_set_array_member (root, "terms", terms_to_json (fit, design));
  json_object_set_double_member (root, "loglik_null", fit->loglik_null);
  json_object_set_double_member (root, "loglik", fit->loglik);
  json_object_set_double_member (root, "lr_chisq", fit->lr_chisq);
  json_object_set_int_member (root, "lr_df", fit->df);
  json_object_set_double_member (root, "lr_p", fit->lr_p);
  json_object_set_double_member (root, "wald_chisq", fit->wald_chisq);
  json_object_set_int_member (root, "wald_df", fit->df);
  json_object_set_double_member (root, "wald_p", fit->wald_p);
  json_object_set_double_member (root, "score_chisq", fit->score_chisq);
  json_object_set_int_member (root, "score_df", fit->df);
  json_object_set_double_member (root, "score_p", fit->score_p);
  json_object_set_double_member (root, "concordance", fit->concordance);
  json_object_set_double_member (root, "concordance_se", fit->concordance_se);
  json_object_set_int_member (root, "iterations", fit->iterations);
  json_object_set_boolean_member (root, "converged", fit->converged);
  json_object_set_boolean_member (root, "timefix", fit->timefix);
  json_object_set_int_member (root, "times_merged", fit->n_timefix);

  warnings = json_array_new ();
  for (guint i = 0; fit->warnings[i] != NULL; i++)
    {
      json_array_add_string_element (warnings, fit->warnings[i]);
      g_printerr ("endpoint-cli %s: %s: %s\n", COMMAND, _("warning"), fit->warnings[i]);
    }
  json_object_set_array_member (root, "warnings", warnings);

  if (opt_cluster != NULL && !add_robust (root, &fitted, options.ties, options.timefix, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (opt_zph && !add_zph (root, &fitted, options.ties, options.timefix, transform, &error))
    {
      g_prefix_error (&error, "%s: ", ep_cli_data_file_name (data));
      return ep_cli_data_fail (COMMAND, error);
    }

  if (opt_r_script != NULL)
    {
      g_autofree char *surv = ep_cli_r_surv (opt_start, opt.time, opt.status, NULL);
      g_auto(GStrv) covariates = ep_cli_split_names (opt_covariates);
      g_auto(GStrv) factors = ep_cli_split_names (opt_factors);
      g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) rhs = g_string_new (NULL);
      g_autoptr(GString) body = g_string_new (NULL);

      g_ptr_array_add (columns, g_strdup (opt.time));
      g_ptr_array_add (columns, g_strdup (opt.status));
      if (opt_start != NULL)
        g_ptr_array_add (columns, g_strdup (opt_start));
      for (guint i = 0; covariates[i] != NULL; i++)
        {
          g_autofree char *name = ep_cli_r_name (covariates[i]);

          g_ptr_array_add (columns, g_strdup (covariates[i]));
          if (i > 0)
            g_string_append (rhs, " + ");
          if (g_strv_contains ((const char * const *) factors, covariates[i]))
            g_string_append_printf (rhs, "factor (%s)", name);
          else
            g_string_append (rhs, name);
        }
      if (opt.strata != NULL)
        {
          g_autofree char *name = ep_cli_r_name (opt.strata);

          g_ptr_array_add (columns, g_strdup (opt.strata));
          g_string_append_printf (rhs, " + strata (%s)", name);
        }
      g_string_append_printf (body, "fit <- coxph (%s ~ %s, data = d, ties = \"%s\"",
                              surv, rhs->str,
                              options.ties == EP_COX_TIES_EFRON ? "efron" : "breslow");
      if (opt_weights != NULL)
        {
          g_autofree char *name = ep_cli_r_name (opt_weights);

          g_ptr_array_add (columns, g_strdup (opt_weights));
          g_string_append_printf (body, ", weights = %s", name);
        }
      if (opt_cluster != NULL)
        {
          g_autofree char *name = ep_cli_r_string (opt_cluster);

          g_ptr_array_add (columns, g_strdup (opt_cluster));
          g_string_append_printf (body, ", cluster = d[[%s]]", name);
        }
      if (opt_no_timefix)
        g_string_append (body, ", control = coxph.control (timefix = FALSE)");
      g_string_append (body, ")\nprint (summary (fit, conf.int = ");
      g_string_append_printf (body, "%.17g))\n", opt_conf_level);
      g_string_append (body,
                       "check <- c (setNames (coef (fit), paste0 (\"coef:\", seq_along (coef (fit)))),\n"
                       "            setNames (sqrt (diag (if (is.null (fit$naive.var)) vcov (fit) else fit$naive.var)),\n"
                       "                      paste0 (\"se:\", seq_along (coef (fit)))),\n"
                       "            loglik = fit$loglik[2], score = unname (fit$score))\n");
      if (opt_cluster != NULL)
        g_string_append (body,
                         "check <- c (check, setNames (sqrt (diag (vcov (fit))), paste0 (\"robust_se:\", seq_along (coef (fit)))))\n");
      if (opt_zph)
        g_string_append_printf (body,
                                "zph <- cox.zph (fit, transform = \"%s\")\n"
                                "print (zph)\n"
                                "check <- c (check, setNames (zph$table[, \"chisq\"], paste0 (\"zph:\", seq_len (nrow (zph$table)))))\n",
                                ep_cox_zph_transform_to_string (transform));
      g_ptr_array_add (columns, NULL);
      if (!ep_cli_rscript_write (opt_r_script, data, (const char * const *) columns->pdata,
                                 cmdline, body->str, &error))
        return ep_cli_data_fail (COMMAND, error);
    }

  if (opt.timing)
    ep_cli_add_timing (root, parse_s, compute_s);

  node = json_node_init_object (json_node_alloc (), root);
  ep_cli_print_json (node);

  return EP_CLI_EXIT_OK;
}
