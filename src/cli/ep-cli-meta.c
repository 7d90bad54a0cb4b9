/* ep-cli-meta.c: endpoint-cli meta: pooled proportions or ratios, overall and by subgroup
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two forms (design.md):
 *   meta --csv F --events COL --total COL --label COL [--subgroup COL] [--method FE|DL|REML]
 *        [--measure logit|ft] [--knapp-hartung]
 *   meta --csv F --ratio COL --lower COL --upper COL --label COL [--subgroup COL] [--method ...]
 * The JSON is shaped like tests/data/reference/expected/meta_*.json and hr_studies_dl.json, with
 * more keys: the pooling-scale values, H², the subgroups' fixed-effect models, warnings.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "core/ep-meta.h"

#define COMMAND "meta"

/* The reported confidence intervals of ratios are read as 95% intervals. */
#define RATIO_CI_LEVEL 0.95

gboolean
ep_cli_meta_parse_method (const char   *text,
                          EpMetaMethod *method)
{
  if (text == NULL || g_ascii_strcasecmp (text, "DL") == 0)
    *method = EP_META_METHOD_DL;
  else if (g_ascii_strcasecmp (text, "FE") == 0)
    *method = EP_META_METHOD_FE;
  else if (g_ascii_strcasecmp (text, "REML") == 0)
    *method = EP_META_METHOD_REML;
  else
    return FALSE;

  return TRUE;
}

static const char *
method_name (EpMetaMethod method)
{
  switch (method)
    {
    case EP_META_METHOD_FE:
      return "FE";
    case EP_META_METHOD_REML:
      return "REML";
    case EP_META_METHOD_DL:
    default:
      return "DL";
    }
}

static const char *
measure_name (EpMetaMeasure measure)
{
  switch (measure)
    {
    case EP_META_MEASURE_FT:
      return "ft";
    case EP_META_MEASURE_LOG_RATIO:
      return "log-ratio";
    case EP_META_MEASURE_GENERIC:
      return "generic";
    case EP_META_MEASURE_LOGIT:
    default:
      return "logit";
    }
}

static const char *
cell_text (const EpCliData *data,
           guint            i,
           const char      *column)
{
  return ep_csv_get_cell (data->csv, data->rows[i], (guint) ep_csv_find_column (data->csv, column));
}

/* Event and patient counts: whole numbers, 0 <= events <= total, total >= 1. */
gboolean
ep_cli_meta_read_counts (const EpCliData *data,
                         const char      *events_column,
                         const char      *total_column,
                         guint          **events,
                         guint          **total,
                         GError         **error)
{
  g_autofree double *x = NULL;
  g_autofree double *n = NULL;
  g_autofree guint *events_out = g_new (guint, MAX (data->n_rows, 1));
  g_autofree guint *total_out = g_new (guint, MAX (data->n_rows, 1));
  const char *name = ep_csv_get_display_name (data->csv);

  if ((x = ep_cli_data_numbers (data, events_column, error)) == NULL ||
      (n = ep_cli_data_numbers (data, total_column, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < data->n_rows; i++)
    {
      guint line = ep_cli_data_line (data, i);
      const char *columns[2] = { events_column, total_column };
      double values[2] = { x[i], n[i] };

      for (guint c = 0; c < 2; c++)
        {
          if (values[c] < 0.0)
            {
              g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                           _("%s:%u: column \"%s\": \"%s\" is negative; a count must be 0 or more"),
                           name, line, columns[c], cell_text (data, i, columns[c]));
              return FALSE;
            }
          if (values[c] != floor (values[c]) || values[c] > G_MAXINT32)
            {
              g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                           _("%s:%u: column \"%s\": \"%s\" is not a whole number of patients"),
                           name, line, columns[c], cell_text (data, i, columns[c]));
              return FALSE;
            }
        }

      if (n[i] == 0.0)
        {
          g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                       _("%s:%u: column \"%s\": a study needs at least one patient"),
                       name, line, total_column);
          return FALSE;
        }
      if (x[i] > n[i])
        {
          g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                       _("%s:%u: column \"%s\": %s events are more than the %s patients of "
                         "column \"%s\""),
                       name, line, events_column, cell_text (data, i, events_column),
                       cell_text (data, i, total_column), total_column);
          return FALSE;
        }

      events_out[i] = (guint) x[i];
      total_out[i] = (guint) n[i];
    }

  *events = g_steal_pointer (&events_out);
  *total = g_steal_pointer (&total_out);
  return TRUE;
}

/* Ratios with their 95% CIs, as log ratios and variances: every value positive, the interval
 * wider than a point and containing its estimate. */
gboolean
ep_cli_meta_read_ratios (const EpCliData *data,
                         const char      *ratio_column,
                         const char      *lower_column,
                         const char      *upper_column,
                         double         **ratio,
                         double         **lower,
                         double         **upper,
                         double         **yi,
                         double         **vi,
                         GError         **error)
{
  g_autofree double *r = NULL;
  g_autofree double *lo = NULL;
  g_autofree double *hi = NULL;
  g_autofree double *y = g_new (double, MAX (data->n_rows, 1));
  g_autofree double *v = g_new (double, MAX (data->n_rows, 1));
  const char *name = ep_csv_get_display_name (data->csv);

  if ((r = ep_cli_data_numbers (data, ratio_column, error)) == NULL ||
      (lo = ep_cli_data_numbers (data, lower_column, error)) == NULL ||
      (hi = ep_cli_data_numbers (data, upper_column, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < data->n_rows; i++)
    {
      guint line = ep_cli_data_line (data, i);
      const char *columns[3] = { ratio_column, lower_column, upper_column };
      double values[3] = { r[i], lo[i], hi[i] };

      for (guint c = 0; c < 3; c++)
        if (!(values[c] > 0.0))
          {
            g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                         _("%s:%u: column \"%s\": \"%s\" is not positive; a ratio and its "
                           "confidence limits must be greater than 0"),
                         name, line, columns[c], cell_text (data, i, columns[c]));
            return FALSE;
          }

      if (!(lo[i] < hi[i]))
        {
          g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                       _("%s:%u: columns \"%s\" and \"%s\": the confidence interval %s to %s "
                         "is empty; the lower limit must be below the upper limit"),
                       name, line, lower_column, upper_column,
                       cell_text (data, i, lower_column), cell_text (data, i, upper_column));
          return FALSE;
        }

      if (r[i] < lo[i] || r[i] > hi[i])
        {
          g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                       _("%s:%u: column \"%s\": the estimate %s is outside its confidence "
                         "interval %s to %s"),
                       name, line, ratio_column, cell_text (data, i, ratio_column),
                       cell_text (data, i, lower_column), cell_text (data, i, upper_column));
          return FALSE;
        }

      if (!ep_meta_ratio_to_log (r[i], lo[i], hi[i], RATIO_CI_LEVEL, &y[i], &v[i], error))
        {
          g_prefix_error (error, "%s:%u: ", name, line);
          return FALSE;
        }
    }

  *ratio = g_steal_pointer (&r);
  *lower = g_steal_pointer (&lo);
  *upper = g_steal_pointer (&hi);
  *yi = g_steal_pointer (&y);
  *vi = g_steal_pointer (&v);
  return TRUE;
}

static JsonObject *
estimate_object (const EpMetaEstimate *estimate,
                 gboolean              prediction)
{
  JsonObject *object = json_object_new ();

  json_object_set_double_member (object, "estimate", estimate->estimate);
  json_object_set_double_member (object, "lower", estimate->lower);
  json_object_set_double_member (object, "upper", estimate->upper);
  if (prediction)
    {
      json_object_set_double_member (object, "pi_lower", estimate->pi_lower);
      json_object_set_double_member (object, "pi_upper", estimate->pi_upper);
    }
  /* On the pooling scale (logit, double arcsine, log ratio). */
  json_object_set_double_member (object, "beta", estimate->beta);
  json_object_set_double_member (object, "se", estimate->se);
  json_object_set_double_member (object, "p", estimate->p_value);
  if (isfinite (estimate->df))
    json_object_set_double_member (object, "df", estimate->df);

  return object;
}

/* The models and heterogeneity of a pool, into object (overall or one subgroup). */
static void
add_pool (JsonObject       *object,
          const EpMetaPool *pool,
          EpMetaMethod      method)
{
  gboolean prediction = method != EP_META_METHOD_FE;

  json_object_set_object_member (object, "fixed", estimate_object (&pool->fixed, FALSE));
  json_object_set_object_member (object, "random", estimate_object (&pool->random, prediction));
  json_object_set_double_member (object, "tau2", pool->tau2);
  json_object_set_double_member (object, "i2", pool->i2);
  json_object_set_double_member (object, "h2", pool->h2);
  json_object_set_double_member (object, "q", pool->q);
  json_object_set_int_member (object, "q_df", pool->q_df);
  json_object_set_double_member (object, "q_p", pool->q_p);
  json_object_set_boolean_member (object, "converged", pool->converged);
  if (method == EP_META_METHOD_REML)
    json_object_set_int_member (object, "iterations", pool->iterations);
}

int
ep_cli_meta (int    argc,
             char **argv)
{
  g_autofree char *opt_csv = NULL;
  g_autofree char *opt_sep = NULL;
  g_autofree char *opt_events = NULL;
  g_autofree char *opt_total = NULL;
  g_autofree char *opt_ratio = NULL;
  g_autofree char *opt_lower = NULL;
  g_autofree char *opt_upper = NULL;
  g_autofree char *opt_label = NULL;
  g_autofree char *opt_subgroup = NULL;
  g_autofree char *opt_method = NULL;
  g_autofree char *opt_measure = NULL;
  gboolean opt_knapp_hartung = FALSE;
  gboolean opt_timing = FALSE;
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt_csv),
    EP_CLI_OPTION_SEP (opt_sep),
    { "events", 0, 0, G_OPTION_ARG_STRING, &opt_events,
      N_("Column of the number of patients with the outcome"), N_("COL") },
    { "total", 0, 0, G_OPTION_ARG_STRING, &opt_total,
      N_("Column of the number of patients"), N_("COL") },
    { "ratio", 0, 0, G_OPTION_ARG_STRING, &opt_ratio,
      N_("Column of the ratio (HR, OR, RR), pooled on the log scale"), N_("COL") },
    { "lower", 0, 0, G_OPTION_ARG_STRING, &opt_lower,
      N_("Column of the lower limit of the ratio's 95% confidence interval"), N_("COL") },
    { "upper", 0, 0, G_OPTION_ARG_STRING, &opt_upper,
      N_("Column of the upper limit of the ratio's 95% confidence interval"), N_("COL") },
    { "label", 0, 0, G_OPTION_ARG_STRING, &opt_label,
      N_("Column of the study names"), N_("COL") },
    { "subgroup", 0, 0, G_OPTION_ARG_STRING, &opt_subgroup,
      N_("Column of the subgroup (therapy class) each study is pooled in"), N_("COL") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &opt_method,
      N_("Between-study variance: FE (none), DL (default) or REML"), N_("METHOD") },
    { "measure", 0, 0, G_OPTION_ARG_STRING, &opt_measure,
      N_("Scale of pooled proportions: logit (default) or ft (Freeman-Tukey)"), N_("MEASURE") },
    { "knapp-hartung", 0, 0, G_OPTION_ARG_NONE, &opt_knapp_hartung,
      N_("Knapp-Hartung t test and interval for the random-effects model"), NULL },
    EP_CLI_OPTION_TIMING (opt_timing),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) data = NULL;
  g_autoptr(EpLevels) levels = NULL;
  g_autoptr(EpMetaResult) result = NULL;
  g_autofree guint *events = NULL;
  g_autofree guint *total = NULL;
  g_autofree double *ratio = NULL;
  g_autofree double *lower = NULL;
  g_autofree double *upper = NULL;
  g_autofree double *yi = NULL;
  g_autofree double *vi = NULL;
  g_autofree const char **labels = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *studies;
  EpMetaOptions options;
  EpMetaData input = { 0 };
  EpCliTimer timer;
  gboolean proportions;
  double parse_s;
  double compute_s;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Pools response rates (events of total) or ratios with their 95% "
                               "confidence intervals, with fixed and random effects, "
                               "heterogeneity and subgroups, as R's metafor."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);

  proportions = opt_events != NULL || opt_total != NULL;
  if (proportions && (opt_ratio != NULL || opt_lower != NULL || opt_upper != NULL))
    return ep_cli_usage_error (COMMAND, _("use either --events and --total, or --ratio, --lower "
                                          "and --upper, not both"));
  if (proportions && (opt_events == NULL || opt_total == NULL))
    return ep_cli_usage_error (COMMAND, _("--events and --total go together"));
  if (!proportions && (opt_ratio == NULL || opt_lower == NULL || opt_upper == NULL))
    return ep_cli_usage_error (COMMAND, _("give --events and --total, or --ratio, --lower and "
                                          "--upper"));
  if (opt_label == NULL)
    return ep_cli_usage_error (COMMAND, _("--label is required"));

  ep_meta_options_init (&options);
  if (!ep_cli_meta_parse_method (opt_method, &options.method))
    return ep_cli_usage_error (COMMAND, _("--method must be FE, DL or REML, not “%s”"),
                               opt_method);
  options.knapp_hartung = opt_knapp_hartung;

  if (!proportions)
    {
      if (opt_measure != NULL)
        return ep_cli_usage_error (COMMAND, _("--measure applies to --events and --total; "
                                              "ratios are pooled on the log scale"));
      input.measure = EP_META_MEASURE_LOG_RATIO;
    }
  else if (opt_measure == NULL || g_ascii_strcasecmp (opt_measure, "logit") == 0)
    input.measure = EP_META_MEASURE_LOGIT;
  else if (g_ascii_strcasecmp (opt_measure, "ft") == 0)
    input.measure = EP_META_MEASURE_FT;
  else
    return ep_cli_usage_error (COMMAND, _("--measure must be logit or ft, not “%s”"),
                               opt_measure);

  ep_cli_timer_start (&timer);
  {
    const char *columns[6] = { opt_label, NULL, NULL, NULL, NULL, NULL };
    guint c = 1;

    if (proportions)
      {
        columns[c++] = opt_events;
        columns[c++] = opt_total;
      }
    else
      {
        columns[c++] = opt_ratio;
        columns[c++] = opt_lower;
        columns[c++] = opt_upper;
      }
    if (opt_subgroup != NULL)
      columns[c++] = opt_subgroup;

    data = ep_cli_data_load (opt_csv, opt_sep, columns, &error);
    if (data == NULL)
      return ep_cli_data_fail (COMMAND, error);
  }

  if (data->n_rows == 0)
    {
      g_set_error (&error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_NO_ROWS,
                   _("%s: no study to pool: every row misses a value in a column used"),
                   ep_csv_get_display_name (data->csv));
      return ep_cli_data_fail (COMMAND, error);
    }

  if (proportions)
    {
      if (!ep_cli_meta_read_counts (data, opt_events, opt_total, &events, &total, &error))
        return ep_cli_data_fail (COMMAND, error);
    }
  else if (!ep_cli_meta_read_ratios (data, opt_ratio, opt_lower, opt_upper,
                                     &ratio, &lower, &upper, &yi, &vi, &error))
    return ep_cli_data_fail (COMMAND, error);

  labels = ep_cli_data_strings (data, opt_label);
  if (opt_subgroup != NULL)
    levels = ep_cli_data_levels (data, opt_subgroup);
  parse_s = ep_cli_timer_lap (&timer);

  input.k = data->n_rows;
  input.events = events;
  input.total = total;
  input.yi = yi;
  input.vi = vi;
  if (levels != NULL)
    {
      input.subgroup = levels->codes;
      input.n_subgroups = levels->n_levels;
      input.subgroup_names = (const char * const *) levels->levels;
    }

  result = ep_meta_pool (&input, &options, &error);
  if (result == NULL)
    {
      g_prefix_error (&error, "%s: ", ep_csv_get_display_name (data->csv));
      return ep_cli_data_fail (COMMAND, error);
    }
  compute_s = ep_cli_timer_lap (&timer);

  for (guint w = 0; w < result->warnings->len; w++)
    g_printerr ("endpoint-cli %s: %s: %s\n", COMMAND, _("warning"),
                (const char *) g_ptr_array_index (result->warnings, w));

  root = json_node_init_object (json_node_alloc (), json_object_new ());
  object = json_node_get_object (root);
  json_object_set_string_member (object, "analysis", "meta");
  json_object_set_string_member (object, "measure", measure_name (result->measure));
  json_object_set_string_member (object, "method", method_name (result->method));
  json_object_set_boolean_member (object, "knapp_hartung", result->knapp_hartung);
  json_object_set_double_member (object, "level", result->level);
  json_object_set_int_member (object, "k", result->k);
  json_object_set_int_member (object, "n_dropped", data->n_dropped);

  studies = json_array_new ();
  for (guint i = 0; i < result->k; i++)
    {
      JsonObject *study = json_object_new ();

      json_object_set_string_member (study, "label", labels[i]);
      if (levels != NULL)
        json_object_set_string_member (study, "subgroup", levels->levels[levels->codes[i]]);
      if (proportions)
        {
          json_object_set_int_member (study, "events", events[i]);
          json_object_set_int_member (study, "total", total[i]);
          /* x/n with its Clopper-Pearson interval (binom.test) */
          json_object_set_double_member (study, "estimate", result->estimate[i]);
          json_object_set_double_member (study, "lower", result->lower[i]);
          json_object_set_double_member (study, "upper", result->upper[i]);
        }
      else
        {
          /* the ratio and the interval as reported */
          json_object_set_double_member (study, "estimate", ratio[i]);
          json_object_set_double_member (study, "lower", lower[i]);
          json_object_set_double_member (study, "upper", upper[i]);
        }
      json_object_set_double_member (study, "weight_fixed", result->weight_fixed[i]);
      json_object_set_double_member (study, "weight_random", result->weight_random[i]);
      if (levels != NULL)
        {
          json_object_set_double_member (study, "weight_subgroup_fixed",
                                         result->weight_subgroup_fixed[i]);
          json_object_set_double_member (study, "weight_subgroup_random",
                                         result->weight_subgroup_random[i]);
        }
      json_object_set_double_member (study, "yi", result->yi[i]);
      json_object_set_double_member (study, "vi", result->vi[i]);
      if (result->measure == EP_META_MEASURE_LOGIT)
        json_object_set_boolean_member (study, "corrected", result->corrected[i]);
      json_array_add_object_element (studies, study);
    }
  json_object_set_array_member (object, "studies", studies);

  add_pool (object, &result->overall, result->method);

  if (levels != NULL)
    {
      JsonArray *subgroups = json_array_new ();
      JsonObject *test = json_object_new ();

      for (guint j = 0; j < result->n_subgroups; j++)
        {
          JsonObject *subgroup = json_object_new ();

          json_object_set_string_member (subgroup, "label", levels->levels[j]);
          json_object_set_int_member (subgroup, "k", result->subgroups[j].k);
          add_pool (subgroup, &result->subgroups[j], result->method);
          json_array_add_object_element (subgroups, subgroup);
        }
      json_object_set_array_member (object, "subgroups", subgroups);

      json_object_set_double_member (test, "q", result->subgroup_q);
      json_object_set_int_member (test, "df", result->subgroup_df);
      json_object_set_double_member (test, "p", result->subgroup_p);
      json_object_set_object_member (object, "subgroup_test", test);
    }

  {
    JsonArray *warnings = json_array_new ();

    for (guint w = 0; w < result->warnings->len; w++)
      json_array_add_string_element (warnings, g_ptr_array_index (result->warnings, w));
    json_object_set_array_member (object, "warnings", warnings);
  }

  if (opt_timing)
    ep_cli_add_timing (object, parse_s, compute_s);

  ep_cli_print_json (root);

  return EP_CLI_EXIT_OK;
}
