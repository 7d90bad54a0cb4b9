/* ep-cli-crr.c: endpoint-cli crr, Fine-Gray subdistribution hazards regression as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli crr --csv F --time COL --status COL --covariates A,B,.. [--factors A,..]
 *                  --cause C [--censor V] [--conf-level L] [--predict "A=1,B=x" ...] [--at T1,..]
 *                  [--labels FILE.json]
 *
 * The status column holds codes, numbers or text: --cause names the event of interest, --censor
 * (default 0) the censored rows, and every other value is a competing event. Factors use
 * treatment coding against their first level, as cox; their terms are named "column=level".
 * The JSON: the subdistribution hazard-ratio table (cmprsk::crr with summary.crr), the pseudo
 * log-likelihoods, the overall Wald test and one Wald test per covariate column (a factor's
 * indicators jointly), and for each --predict the cumulative incidence of the cause at the
 * --at times (predict.crr) or at every failure time.
 *
 * --labels FILE.json (as km, cox, cif): a factor's levels in the file's order (its first level
 * the reference) and each term's "label" ("Sex: Female vs Male"), as cox; "cause_label" is the
 * status column's value label of --cause ("Relapse").
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "core/ep-crr.h"
#include "core/ep-design.h"

#define COMMAND "crr"

/* Two status codes name the same thing when equal as text or as numbers ("1" and "1.0"). */
static gboolean
same_code (const char *a,
           const char *b)
{
  char *end_a, *end_b;
  double x, y;

  if (strcmp (a, b) == 0)
    return TRUE;
  x = g_ascii_strtod (a, &end_a);
  y = g_ascii_strtod (b, &end_b);

  return end_a != a && *end_a == '\0' && end_b != b && *end_b == '\0' && x == y;
}

/* "age=60,sex=2" into the covariate vector of the design. */
static gboolean
parse_prediction (const char      *text,
                  const EpDesign  *design,
                  char * const    *covariates,
                  const char * const *factors,
                  double          *z,
                  GError         **error)
{
  g_auto(GStrv) pairs = g_strsplit (text, ",", -1);
  guint n_columns = design->n_columns;
  g_autofree gboolean *given = g_new0 (gboolean, n_columns);

  memset (z, 0, sizeof (double) * design->p);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      gint column = -1;

      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--predict: “%s” is not COLUMN=VALUE"), pairs[i]);
          return FALSE;
        }
      g_strstrip (kv[0]);
      g_strstrip (kv[1]);
      for (guint c = 0; c < n_columns; c++)
        if (strcmp (covariates[c], kv[0]) == 0)
          column = (gint) c;
      if (column < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--predict: “%s” is not one of the --covariates"), kv[0]);
          return FALSE;
        }
      given[column] = TRUE;

      if (g_strv_contains (factors, kv[0]))
        {
          const EpLevels *levels = design->levels[column];
          gboolean found = FALSE;

          for (guint l = 0; l < levels->n_levels; l++)
            if (same_code (levels->levels[l], kv[1]))
              found = TRUE;
          if (!found)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--predict: “%s” is not a level of “%s”"), kv[1], kv[0]);
              return FALSE;
            }
          for (guint t = 0; t < design->p; t++)
            if (design->term_column[t] == (guint) column && design->term_levels[t] != NULL &&
                same_code (design->term_levels[t], kv[1]))
              z[t] = 1.0;
        }
      else
        {
          char *end;
          double value = g_ascii_strtod (kv[1], &end);

          if (end == kv[1] || *end != '\0' || !isfinite (value))
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--predict: “%s” for “%s” is not a number"), kv[1], kv[0]);
              return FALSE;
            }
          for (guint t = 0; t < design->p; t++)
            if (design->term_column[t] == (guint) column)
              z[t] = value;
        }
    }

  for (guint c = 0; c < n_columns; c++)
    if (!given[c])
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--predict “%s” gives no value for “%s”"), text, covariates[c]);
        return FALSE;
      }

  return TRUE;
}

int
ep_cli_crr (int    argc,
            char **argv)
{
  g_autofree char *opt_csv = NULL;
  g_autofree char *opt_sep = NULL;
  g_autofree char *opt_time = NULL;
  g_autofree char *opt_status = NULL;
  g_autofree char *opt_covariates = NULL;
  g_autofree char *opt_factors = NULL;
  g_autofree char *opt_cause = NULL;
  g_autofree char *opt_censor = NULL;
  g_autofree char *opt_at = NULL;
  g_auto(GStrv) opt_predict = NULL;
  double opt_level = 0.95;
  gboolean opt_timing = FALSE;
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt_csv),
    EP_CLI_OPTION_SEP (opt_sep),
    { "time", 0, 0, G_OPTION_ARG_STRING, &opt_time,
      N_("The follow-up time column (0 or more)"), N_("COL") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &opt_status,
      N_("Column of the status: the cause of each event, or the censoring value"), N_("COL") },
    { "covariates", 0, 0, G_OPTION_ARG_STRING, &opt_covariates,
      N_("The covariate columns, in model order"), N_("A,B,…") },
    { "factors", 0, 0, G_OPTION_ARG_STRING, &opt_factors,
      N_("Covariates that are categorical: treatment coding against the first level"),
      N_("A,…") },
    { "cause", 0, 0, G_OPTION_ARG_STRING, &opt_cause,
      N_("Status value of the event of interest"), N_("VALUE") },
    { "censor", 0, 0, G_OPTION_ARG_STRING, &opt_censor,
      N_("Status value of censored rows (default 0)"), N_("VALUE") },
    { "conf-level", 0, 0, G_OPTION_ARG_DOUBLE, &opt_level,
      N_("Confidence level of the hazard ratios between 0 and 1 (default 0.95)"), N_("LEVEL") },
    { "predict", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_predict,
      N_("Covariate values for a predicted cumulative incidence (repeatable)"),
      N_("A=1,B=x") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &opt_at,
      N_("Times at which to report the predicted cumulative incidence"), N_("T1,T2,…") },
    EP_CLI_OPTION_LABELS,
    EP_CLI_OPTION_TIMING (opt_timing),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) owned = NULL;
  g_autoptr(GPtrArray) owned_levels = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_levels_free);
  g_autoptr(EpCliData) data = NULL;
  g_autoptr(EpDesign) design = NULL;
  g_autoptr(EpCrrResult) fit = NULL;
  g_autoptr(GArray) at = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) covariates = NULL;
  g_auto(GStrv) factors = NULL;
  g_autofree EpDesignColumn *design_columns = NULL;
  g_autofree double *time = NULL;
  g_autofree int *status = NULL;
  g_autofree const char **codes = NULL;
  g_autofree double *zvec = NULL;
  const char *censor;
  JsonObject *object;
  JsonArray *terms;
  EpCliTimer timer;
  double parse_s, compute_s;
  guint n_covariates;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Fine-Gray regression of the subdistribution hazard of one cause "
                               "in the presence of competing risks, as R's cmprsk::crr."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;
  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (opt_time == NULL || opt_status == NULL)
    return ep_cli_usage_error (COMMAND, _("--time and --status are required"));
  if (opt_covariates == NULL)
    return ep_cli_usage_error (COMMAND, _("--covariates is required"));
  if (opt_cause == NULL)
    return ep_cli_usage_error (COMMAND, _("--cause is required"));
  if (!(opt_level > 0.0 && opt_level < 1.0))
    return ep_cli_usage_error (COMMAND, _("--conf-level must be between 0 and 1, not %g"),
                               opt_level);
  censor = opt_censor != NULL ? opt_censor : "0";
  if (same_code (censor, opt_cause))
    return ep_cli_usage_error (COMMAND, _("--cause and --censor must differ"));
  if (!ep_cli_parse_at (opt_at, &at, &error))
    return ep_cli_usage_error (COMMAND, "%s", error->message);

  covariates = ep_cli_split_names (opt_covariates);
  factors = ep_cli_split_names (opt_factors);
  n_covariates = g_strv_length (covariates);
  if (n_covariates == 0)
    return ep_cli_usage_error (COMMAND, _("--covariates names no column"));
  for (guint i = 0; factors[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) covariates, factors[i]))
      return ep_cli_usage_error (COMMAND, _("--factors: “%s” is not one of the --covariates"),
                                 factors[i]);

  ep_cli_timer_start (&timer);
  columns = g_ptr_array_new ();
  g_ptr_array_add (columns, opt_time);
  g_ptr_array_add (columns, opt_status);
  for (guint i = 0; i < n_covariates; i++)
    g_ptr_array_add (columns, covariates[i]);
  g_ptr_array_add (columns, NULL);

  data = ep_cli_data_load (opt_csv, opt_sep, (const char * const *) columns->pdata, &error);
  if (data == NULL)
    return ep_cli_data_fail (COMMAND, error);
  if (data->n_rows == 0)
    {
      g_set_error (&error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_NO_ROWS,
                   _("%s: no rows with a value in every column used (%u dropped for missing values)"),
                   ep_cli_data_file_name (data), data->n_dropped);
      return ep_cli_data_fail (COMMAND, error);
    }
  time = ep_cli_data_times (data, opt_time, &error);
  if (time == NULL)
    return ep_cli_data_fail (COMMAND, error);
  codes = ep_cli_data_strings (data, opt_status);
  status = g_new (int, data->n_rows);
  for (guint i = 0; i < data->n_rows; i++)
    status[i] = same_code (codes[i], opt_cause) ? 1 : same_code (codes[i], censor) ? 0 : 2;

  owned = g_ptr_array_new_with_free_func (g_free);
  design_columns = g_new0 (EpDesignColumn, n_covariates);
  for (guint i = 0; i < n_covariates; i++)
    {
      EpDesignColumn *column = &design_columns[i];

      column->name = covariates[i];
      if (g_strv_contains ((const char * const *) factors, covariates[i]))
        {
          const char **strings = ep_cli_data_strings (data, covariates[i]);

          g_ptr_array_add (owned, strings);
          column->kind = EP_DESIGN_FACTOR;
          column->strings = strings;
          /* the levels arranged by --labels (its first level the reference), as cox */
          if (data->labels != NULL)
            {
              EpLevels *levels = ep_cli_data_levels (data, covariates[i]);

              g_ptr_array_add (owned_levels, levels);
              column->levels = levels;
            }
        }
      else
        {
          double *numbers = ep_cli_data_numbers (data, covariates[i], &error);

          if (numbers == NULL)
            return ep_cli_data_fail (COMMAND, error);
          g_ptr_array_add (owned, numbers);
          column->kind = EP_DESIGN_NUMERIC;
          column->numbers = numbers;
        }
    }
  design = ep_design_new (design_columns, n_covariates, data->n_rows, &error);
  if (design == NULL)
    {
      g_prefix_error (&error, "%s: ", ep_cli_data_file_name (data));
      return ep_cli_data_fail (COMMAND, error);
    }
  if (data->labels != NULL)
    ep_cli_data_set_term_labels (data, design, covariates);
  parse_s = ep_cli_timer_lap (&timer);

  fit = ep_crr_fit (time, status, design->x, data->n_rows, design->p, opt_level, &error);
  if (fit == NULL)
    {
      g_prefix_error (&error, "%s: ", ep_cli_data_file_name (data));
      return ep_cli_data_fail (COMMAND, error);
    }
  compute_s = ep_cli_timer_lap (&timer);
  if (!fit->converged)
    g_printerr ("endpoint-cli %s: %s: %s\n", COMMAND, _("warning"),
                _("the Newton-Raphson iterations did not converge; the estimates are not "
                  "reliable"));

  root = json_node_init_object (json_node_alloc (), json_object_new ());
  object = json_node_get_object (root);
  json_object_set_string_member (object, "analysis", "crr");
  json_object_set_string_member (object, "cause", opt_cause);
  if (data->labels != NULL)
    {
      /* the status column's value label of the cause, as cif's cause labels */
      g_autoptr(EpLevels) levels = ep_cli_data_levels (data, opt_status);

      for (guint l = 0; l < levels->n_levels; l++)
        if (same_code (levels->levels[l], opt_cause))
          json_object_set_string_member (object, "cause_label", ep_levels_get_label (levels, l));
    }
  json_object_set_string_member (object, "censor", censor);
  json_object_set_double_member (object, "level", opt_level);
  json_object_set_int_member (object, "n", data->n_rows);
  json_object_set_int_member (object, "n_dropped", data->n_dropped);
  json_object_set_int_member (object, "n_events", fit->n_events);
  json_object_set_int_member (object, "n_competing", fit->n_competing);
  json_object_set_int_member (object, "n_censored", data->n_rows - fit->n_events - fit->n_competing);

  terms = json_array_new ();
  for (guint t = 0; t < design->p; t++)
    {
      JsonObject *term = json_object_new ();

      json_object_set_string_member (term, "name", design->term_names[t]);
      if (design->term_labels != NULL && design->term_labels[t] != NULL)
        json_object_set_string_member (term, "label", design->term_labels[t]);
      json_object_set_double_member (term, "coef", fit->coef[t]);
      json_object_set_double_member (term, "hr", fit->hr[t]);
      json_object_set_double_member (term, "se", fit->se[t]);
      json_object_set_double_member (term, "z", fit->z[t]);
      json_object_set_double_member (term, "p", fit->p_value[t]);
      json_object_set_double_member (term, "lower", fit->lower[t]);
      json_object_set_double_member (term, "upper", fit->upper[t]);
      json_array_add_object_element (terms, term);
    }
  json_object_set_array_member (object, "terms", terms);
  json_object_set_double_member (object, "loglik", fit->loglik);
  json_object_set_double_member (object, "loglik_null", fit->loglik_null);
  /* summary.crr's pseudo likelihood-ratio statistic */
  json_object_set_double_member (object, "lr_chisq", -2.0 * (fit->loglik_null - fit->loglik));
  json_object_set_int_member (object, "lr_df", design->p);
  json_object_set_double_member (object, "wald_chisq", fit->wald_chisq);
  json_object_set_int_member (object, "wald_df", design->p);
  json_object_set_double_member (object, "wald_p", fit->wald_p);

  {
    JsonArray *tests = json_array_new ();

    for (guint c = 0; c < n_covariates; c++)
      {
        g_autofree guint *idx = g_new (guint, design->p);
        JsonObject *test = json_object_new ();
        double chisq = NAN, p = NAN;
        guint m = 0;

        for (guint t = 0; t < design->p; t++)
          if (design->term_column[t] == c)
            idx[m++] = t;
        ep_crr_wald (fit, idx, m, &chisq, &p);
        json_object_set_string_member (test, "name", covariates[c]);
        if (data->labels != NULL)
          json_object_set_string_member (test, "label", ep_cli_data_display_name (data, covariates[c]));
        json_object_set_double_member (test, "chisq", chisq);
        json_object_set_int_member (test, "df", m);
        json_object_set_double_member (test, "p", p);
        json_array_add_object_element (tests, test);
      }
    json_object_set_array_member (object, "wald_tests", tests);
  }
  json_object_set_boolean_member (object, "converged", fit->converged);
  json_object_set_int_member (object, "iterations", fit->iterations);

  if (opt_predict != NULL)
    {
      JsonArray *predictions = json_array_new ();

      zvec = g_new (double, design->p);
      for (guint j = 0; opt_predict[j] != NULL; j++)
        {
          g_autofree double *cif = NULL;
          JsonObject *prediction;
          JsonArray *points = json_array_new ();

          if (!parse_prediction (opt_predict[j], design, covariates,
                                 (const char * const *) factors, zvec, &error))
            {
              json_array_unref (points);
              json_array_unref (predictions);
              return ep_cli_usage_error (COMMAND, "%s", error->message);
            }
          cif = ep_crr_predict (fit, zvec);
          prediction = json_object_new ();
          json_object_set_string_member (prediction, "label", opt_predict[j]);
          if (at != NULL)
            for (guint a = 0; a < at->len; a++)
              {
                JsonObject *point = json_object_new ();
                double t = g_array_index (at, double, a);

                json_object_set_double_member (point, "time", t);
                json_object_set_double_member (point, "cif", ep_crr_predict_at (fit, cif, t));
                json_array_add_object_element (points, point);
              }
          else
            for (guint k = 0; k < fit->n_times; k++)
              {
                JsonObject *point = json_object_new ();

                json_object_set_double_member (point, "time", fit->times[k]);
                json_object_set_double_member (point, "cif", cif[k]);
                json_array_add_object_element (points, point);
              }
          json_object_set_array_member (prediction, "at", points);
          json_array_add_object_element (predictions, prediction);
        }
      json_object_set_array_member (object, "predictions", predictions);
    }

  if (opt_timing)
    ep_cli_add_timing (object, parse_s, compute_s);
  ep_cli_print_json (root);

  return EP_CLI_EXIT_OK;
}
