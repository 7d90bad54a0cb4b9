/* ep-cli-meta.c: endpoint-cli meta: pooled proportions or ratios, overall and by subgroup
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three forms (design.md, docs/meta-analysis.md):
 *   meta --csv F --events COL --total COL --label COL [--subgroup COL]
 *        [--method FE|DL|REML|PM|SJ|ML|GLMM] [--measure logit|ft] [--knapp-hartung]
 *   meta --csv F --ratio COL --lower COL --upper COL --label COL [--subgroup COL] [--method ...]
 *   meta --csv F --events1 COL --total1 COL --events2 COL --total2 COL --label COL
 *        [--measure OR|RR|RD] [--method FE|DL|REML|PM|SJ|ML|MH|PETO]
 * and for every form --conf-level L, --r-script FILE.R (metafor: escalc and rma for the
 * inverse-variance methods, rma.glmm for GLMM, rma.mh and rma.peto for two arms), and for the
 * inverse-variance methods --leave1out
 * (leave1out) and --regtest (Egger's regtest). The JSON is shaped like
 * tests/data/reference/expected/meta_*.json and hr_studies_dl.json, with more keys: the
 * pooling-scale values, H², the Q-profile intervals of tau^2, I^2 and H^2, the subgroups'
 * fixed-effect models, warnings.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "cli/ep-cli-rscript.h"
#include "core/ep-meta.h"
#include "core/ep-meta-reg.h"
#include "core/ep-meta-binary.h"

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
  else if (g_ascii_strcasecmp (text, "PM") == 0)
    *method = EP_META_METHOD_PM;
  else if (g_ascii_strcasecmp (text, "SJ") == 0)
    *method = EP_META_METHOD_SJ;
  else if (g_ascii_strcasecmp (text, "ML") == 0)
    *method = EP_META_METHOD_ML;
  else if (g_ascii_strcasecmp (text, "GLMM") == 0)
    *method = EP_META_METHOD_GLMM;
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
    case EP_META_METHOD_PM:
      return "PM";
    case EP_META_METHOD_SJ:
      return "SJ";
    case EP_META_METHOD_ML:
      return "ML";
    case EP_META_METHOD_GLMM:
      return "GLMM";
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
static gboolean
read_counts (const EpCliData *data,
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
  const char *name = ep_cli_data_file_name (data);

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
static gboolean
read_ratios (const EpCliData *data,
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
  const char *name = ep_cli_data_file_name (data);

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

void
ep_cli_meta_options_clear (EpCliMetaOptions *options)
{
  g_clear_pointer (&options->events, g_free);
  g_clear_pointer (&options->total, g_free);
  g_clear_pointer (&options->ratio, g_free);
  g_clear_pointer (&options->lower, g_free);
  g_clear_pointer (&options->upper, g_free);
  g_clear_pointer (&options->label, g_free);
  g_clear_pointer (&options->subgroup, g_free);
  g_clear_pointer (&options->method, g_free);
  g_clear_pointer (&options->measure, g_free);
}

/* The studies of endpoint-cli meta, shared with endpoint-cli plot forest: loads the label,
 * the counts (options->events set) or the ratios, and the subgroup column, and reads them.
 * The options must have been checked: either events and total, or ratio, lower and upper. */
EpCliMetaStudies *
ep_cli_meta_read_studies (const char              *path,
                          const char              *sep,
                          const EpCliMetaOptions  *options,
                          GError                 **error)
{
  g_autoptr(EpCliMetaStudies) studies = NULL;
  const char *columns[6] = { options->label, NULL, NULL, NULL, NULL, NULL };
  guint c = 1;

  g_return_val_if_fail (options->label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options->events != NULL)
    {
      columns[c++] = options->events;
      columns[c++] = options->total;
    }
  else
    {
      columns[c++] = options->ratio;
      columns[c++] = options->lower;
      columns[c++] = options->upper;
    }
  if (options->subgroup != NULL)
    columns[c++] = options->subgroup;

  studies = g_new0 (EpCliMetaStudies, 1);
  studies->data = ep_cli_data_load (path, sep, columns, error);
  if (studies->data == NULL)
    return NULL;
  if (studies->data->n_rows == 0)
    {
      g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_NO_ROWS,
                   _("%s: no study to pool: every row misses a value in a column used"),
                   ep_cli_data_file_name (studies->data));
      return NULL;
    }

  if (options->events != NULL)
    {
      if (!read_counts (studies->data, options->events, options->total,
                        &studies->events, &studies->total, error))
        return NULL;
    }
  else if (!read_ratios (studies->data, options->ratio, options->lower, options->upper,
                         &studies->ratio, &studies->lower, &studies->upper,
                         &studies->yi, &studies->vi, error))
    return NULL;

  studies->labels = ep_cli_data_strings (studies->data, options->label);
  if (options->subgroup != NULL)
    studies->subgroups = ep_cli_data_levels (studies->data, options->subgroup);

  studies->input.k = studies->data->n_rows;
  studies->input.events = studies->events;
  studies->input.total = studies->total;
  studies->input.yi = studies->yi;
  studies->input.vi = studies->vi;
  if (studies->subgroups != NULL)
    {
      studies->input.subgroup = studies->subgroups->codes;
      studies->input.n_subgroups = studies->subgroups->n_levels;
      studies->input.subgroup_names = (const char * const *) studies->subgroups->levels;
    }

  return g_steal_pointer (&studies);
}

void
ep_cli_meta_studies_free (EpCliMetaStudies *studies)
{
  if (studies == NULL)
    return;

  g_clear_pointer (&studies->subgroups, ep_levels_free);
  g_free (studies->labels);
  g_free (studies->events);
  g_free (studies->total);
  g_free (studies->ratio);
  g_free (studies->lower);
  g_free (studies->upper);
  g_free (studies->yi);
  g_free (studies->vi);
  g_clear_pointer (&studies->data, ep_cli_data_free);
  g_free (studies);
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
  if (method == EP_META_METHOD_REML || method == EP_META_METHOD_ML)
    {
      json_object_set_int_member (object, "iterations", pool->iterations);
      json_object_set_boolean_member (object, "damped", pool->damped);
    }
  if (isfinite (pool->tau2_lb))
    {
      /* confint.rma.uni: the Q-profile interval of tau^2 and those of I^2 and H^2 from it */
      json_object_set_double_member (object, "tau2_lower", pool->tau2_lb);
      json_object_set_double_member (object, "tau2_upper", pool->tau2_ub);
      json_object_set_double_member (object, "i2_lower", pool->i2_lb);
      json_object_set_double_member (object, "i2_upper", pool->i2_ub);
      json_object_set_double_member (object, "h2_lower", pool->h2_lb);
      json_object_set_double_member (object, "h2_upper", pool->h2_ub);
    }
}

/* leave1out (): the overall pool without each study. */
static JsonArray *
leave1out_array (const EpMetaPool *pools,
                 guint             k,
                 const char      **labels)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < k; i++)
    {
      const EpMetaPool *pool = &pools[i];
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "label", labels[i]);
      json_object_set_double_member (row, "estimate", pool->random.estimate);
      json_object_set_double_member (row, "lower", pool->random.lower);
      json_object_set_double_member (row, "upper", pool->random.upper);
      json_object_set_double_member (row, "beta", pool->random.beta);
      json_object_set_double_member (row, "se", pool->random.se);
      json_object_set_double_member (row, "p", pool->random.p_value);
      json_object_set_double_member (row, "tau2", pool->tau2);
      json_object_set_double_member (row, "i2", pool->i2);
      json_object_set_double_member (row, "h2", pool->h2);
      json_object_set_double_member (row, "q", pool->q);
      json_object_set_double_member (row, "q_p", pool->q_p);
      json_array_add_object_element (array, row);
    }

  return array;
}

/* regtest (): Egger's test, model = "rma", predictor = "sei". */
static JsonObject *
regtest_object (const EpMetaRegtest *test)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "predictor", "sei");
  json_object_set_double_member (object, "statistic", test->statistic);
  if (isfinite (test->df))
    json_object_set_double_member (object, "df", test->df);
  json_object_set_double_member (object, "p", test->p_value);
  json_object_set_double_member (object, "slope", test->slope);
  json_object_set_double_member (object, "slope_se", test->slope_se);
  json_object_set_double_member (object, "limit", test->limit);
  json_object_set_double_member (object, "limit_lower", test->limit_lb);
  json_object_set_double_member (object, "limit_upper", test->limit_ub);
  json_object_set_double_member (object, "tau2", test->tau2);

  return object;
}


/* The options of the two-arm form. */
typedef struct
{
  const char *csv;
  const char *sep;
  const char *events1;
  const char *total1;
  const char *events2;
  const char *total2;
  const char *label;
  const char *subgroup;
  const char *measure;
  const char *method;
  gboolean    knapp_hartung;
  double      level;
  gboolean    leave1out;
  gboolean    regtest;
  gboolean    timing;
  const char *r_script;    /* NULL: none */
  const char *cmdline;
} TwoArmOptions;

static JsonObject *
fixed_object (const EpMetaFixedResult *fixed)
{
  JsonObject *object = json_object_new ();

  json_object_set_double_member (object, "estimate", fixed->estimate);
  json_object_set_double_member (object, "lower", fixed->lower);
  json_object_set_double_member (object, "upper", fixed->upper);
  json_object_set_double_member (object, "beta", fixed->beta);
  json_object_set_double_member (object, "se", fixed->se);
  json_object_set_double_member (object, "z", fixed->z);
  json_object_set_double_member (object, "p", fixed->p_value);

  return object;
}

/* --r-script for two arms: metafor's rma.mh or rma.peto on the counts, or escalc and rma for
 * the inverse-variance methods (escalc's default 1/2 added to a study with a zero cell, as
 * ep_meta_binary_effects()); the check block holds the pooled log ratio (the difference for
 * RD), Cochran's Q and, for a random-effects method, tau^2 and its pooled estimate. */
static gboolean
two_arm_r_script (const TwoArmOptions  *opt,
                  EpCliData            *data,
                  const char * const   *columns,
                  EpMetaBinaryMeasure   measure,
                  gboolean              mh,
                  gboolean              peto,
                  const EpMetaOptions  *options,
                  GError              **error)
{
  g_autofree char *label = ep_cli_r_string (opt->label);
  g_autofree char *e1 = ep_cli_r_string (opt->events1);
  g_autofree char *n1 = ep_cli_r_string (opt->total1);
  g_autofree char *e2 = ep_cli_r_string (opt->events2);
  g_autofree char *n2 = ep_cli_r_string (opt->total2);
  g_autofree char *counts = g_strdup_printf ("ai = d[[%s]], n1i = d[[%s]], ci = d[[%s]], "
                                             "n2i = d[[%s]]", e1, n1, e2, n2);
  const char *m = measure == EP_META_BINARY_OR ? "OR" : measure == EP_META_BINARY_RR ? "RR" : "RD";
  g_autoptr(GString) body = g_string_new ("library (metafor)\n");

  if (peto)
    g_string_append_printf (body,
                            "fit <- rma.peto (%s, slab = d[[%s]], level = %.17g)\n"
                            "print (fit)\n"
                            "check <- c (meta_fixed = unname (coef (fit)), meta_q = fit$QE)\n",
                            counts, label, 100.0 * opt->level);
  else if (mh)
    g_string_append_printf (body,
                            "fit <- rma.mh (measure = \"%s\", %s, slab = d[[%s]], level = %.17g)\n"
                            "print (fit)\n"
                            "check <- c (meta_fixed = unname (coef (fit)), meta_q = fit$QE)\n",
                            m, counts, label, 100.0 * opt->level);
  else
    g_string_append_printf (body,
                            "es <- escalc (measure = \"%s\", %s, slab = d[[%s]])\n"
                            "fixed <- rma (yi, vi, data = es, method = \"FE\", level = %.17g)\n"
                            "fit <- rma (yi, vi, data = es, method = \"%s\", test = \"%s\", level = %.17g)\n"
                            "print (fit)\n"
                            "check <- c (meta_fixed = unname (coef (fixed)), meta_q = fit$QE)\n"
                            "if (fit$method != \"FE\")\n"
                            "  check <- c (check, meta_random = unname (coef (fit)), meta_tau2 = fit$tau2)\n",
                            m, counts, label, 100.0 * opt->level, method_name (options->method),
                            options->knapp_hartung ? "knha" : "z", 100.0 * opt->level);

  return ep_cli_rscript_write (opt->r_script, data, columns, opt->cmdline, body->str, error);
}

/* meta --events1 A --total1 N1 --events2 C --total2 N2: OR, RR or RD of two arms, by inverse
 * variance (escalc + rma.uni, every --method), Mantel-Haenszel (rma.mh) or Peto (rma.peto). */
static int
meta_two_arm (const TwoArmOptions *opt)
{
  const char *columns[7] = { opt->label, opt->events1, opt->total1, opt->events2, opt->total2,
                             opt->subgroup, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) data = NULL;
  g_autoptr(EpLevels) levels = NULL;
  g_autofree guint *a = NULL, *n1 = NULL, *c = NULL, *n2 = NULL;
  g_autofree const char **labels = NULL;
  g_autofree double *yi = NULL, *vi = NULL;
  g_autofree gboolean *corrected = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *studies_json;
  EpMetaBinaryMeasure measure;
  EpMetaOptions options;
  gboolean mh = FALSE, peto = FALSE;
  EpCliTimer timer;
  double parse_s, compute_s;
  guint k;

  if (opt->measure == NULL || g_ascii_strcasecmp (opt->measure, "OR") == 0)
    measure = EP_META_BINARY_OR;
  else if (g_ascii_strcasecmp (opt->measure, "RR") == 0)
    measure = EP_META_BINARY_RR;
  else if (g_ascii_strcasecmp (opt->measure, "RD") == 0)
    measure = EP_META_BINARY_RD;
  else
    return ep_cli_usage_error (COMMAND, _("--measure must be OR, RR or RD for two arms, not “%s”"),
                               opt->measure);

  ep_meta_options_init (&options);
  options.level = opt->level;
  options.knapp_hartung = opt->knapp_hartung;
  if (opt->method != NULL && g_ascii_strcasecmp (opt->method, "MH") == 0)
    mh = TRUE;
  else if (opt->method != NULL && g_ascii_strcasecmp (opt->method, "PETO") == 0)
    peto = TRUE;
  else if (!ep_cli_meta_parse_method (opt->method, &options.method))
    return ep_cli_usage_error (COMMAND, _("--method must be FE, DL, REML, PM, SJ, ML, MH or PETO "
                                          "for two arms, not “%s”"), opt->method);
  if (!mh && !peto && options.method == EP_META_METHOD_GLMM)
    return ep_cli_usage_error (COMMAND, _("--method GLMM pools proportions (--events and "
                                          "--total) on the logit scale"));
  if (peto && measure != EP_META_BINARY_OR)
    return ep_cli_usage_error (COMMAND, _("Peto's method pools odds ratios only"));
  if ((mh || peto) && (opt->subgroup != NULL || opt->leave1out || opt->regtest ||
                       opt->knapp_hartung))
    return ep_cli_usage_error (COMMAND, _("--subgroup, --leave1out, --regtest and "
                                          "--knapp-hartung apply to inverse-variance methods, not "
                                          "to MH or PETO"));
  if (opt->total1 == NULL || opt->events2 == NULL || opt->total2 == NULL)
    return ep_cli_usage_error (COMMAND, _("two arms need --events1, --total1, --events2 and "
                                          "--total2"));

  ep_cli_timer_start (&timer);
  data = ep_cli_data_load (opt->csv, opt->sep, columns, &error);
  if (data == NULL)
    return ep_cli_data_fail (COMMAND, error);
  if (data->n_rows == 0)
    {
      g_set_error (&error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_NO_ROWS,
                   _("%s: no study to pool: every row misses a value in a column used"),
                   ep_cli_data_file_name (data));
      return ep_cli_data_fail (COMMAND, error);
    }
  if (!read_counts (data, opt->events1, opt->total1, &a, &n1, &error) ||
      !read_counts (data, opt->events2, opt->total2, &c, &n2, &error))
    return ep_cli_data_fail (COMMAND, error);
  labels = ep_cli_data_strings (data, opt->label);
  if (opt->subgroup != NULL)
    levels = ep_cli_data_levels (data, opt->subgroup);
  k = data->n_rows;
  parse_s = ep_cli_timer_lap (&timer);

  root = json_node_init_object (json_node_alloc (), json_object_new ());
  object = json_node_get_object (root);
  json_object_set_string_member (object, "analysis", "meta");
  json_object_set_string_member (object, "measure",
                                 measure == EP_META_BINARY_OR ? "OR"
                                 : measure == EP_META_BINARY_RR ? "RR" : "RD");
  json_object_set_string_member (object, "method", mh ? "MH" : peto ? "PETO"
                                 : method_name (options.method));
  json_object_set_double_member (object, "level", options.level);
  json_object_set_int_member (object, "k", k);
  json_object_set_int_member (object, "n_dropped", data->n_dropped);
  studies_json = json_array_new ();

  if (mh || peto)
    {
      g_autoptr(EpMetaFixedResult) fixed = NULL;

      fixed = peto ? ep_meta_peto (a, n1, c, n2, k, options.level, &error)
                   : ep_meta_mh (a, n1, c, n2, k, measure, options.level, &error);
      if (fixed == NULL)
        {
          g_prefix_error (&error, "%s: ", ep_cli_data_file_name (data));
          return ep_cli_data_fail (COMMAND, error);
        }
      compute_s = ep_cli_timer_lap (&timer);

      for (guint i = 0; i < k; i++)
        {
          JsonObject *study = json_object_new ();

          json_object_set_string_member (study, "label", labels[i]);
          json_object_set_int_member (study, "events1", a[i]);
          json_object_set_int_member (study, "total1", n1[i]);
          json_object_set_int_member (study, "events2", c[i]);
          json_object_set_int_member (study, "total2", n2[i]);
          json_object_set_double_member (study, "weight", fixed->weight[i]);
          if (isfinite (fixed->yi[i]))
            {
              json_object_set_double_member (study, "yi", fixed->yi[i]);
              json_object_set_double_member (study, "vi", fixed->vi[i]);
            }
          else
            {
              json_object_set_null_member (study, "yi");
              json_object_set_null_member (study, "vi");
            }
          json_object_set_boolean_member (study, "corrected", fixed->corrected[i]);
          json_array_add_object_element (studies_json, study);
        }
      json_object_set_array_member (object, "studies", studies_json);
      json_object_set_object_member (object, "fixed", fixed_object (fixed));
      json_object_set_double_member (object, "q", fixed->q);
      json_object_set_int_member (object, "q_df", fixed->q_df);
      json_object_set_double_member (object, "q_p", fixed->q_p);
      json_object_set_double_member (object, "i2", fixed->i2);
      json_object_set_double_member (object, "h2", fixed->h2);
      if (isfinite (fixed->cmh))
        {
          json_object_set_double_member (object, "cmh", fixed->cmh);
          json_object_set_double_member (object, "cmh_p", fixed->cmh_p);
        }
      json_object_set_array_member (object, "warnings", json_array_new ());
    }
  else
    {
      g_autoptr(EpMetaResult) result = NULL;
      EpMetaData input = { 0, };

      yi = g_new (double, k);
      vi = g_new (double, k);
      corrected = g_new (gboolean, k);
      if (!ep_meta_binary_effects (a, n1, c, n2, k, measure, FALSE, FALSE, yi, vi, corrected,
                                   &error))
        {
          g_prefix_error (&error, "%s: ", ep_cli_data_file_name (data));
          return ep_cli_data_fail (COMMAND, error);
        }
      input.k = k;
      input.measure = measure == EP_META_BINARY_RD ? EP_META_MEASURE_GENERIC
                                                   : EP_META_MEASURE_LOG_RATIO;
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
          g_prefix_error (&error, "%s: ", ep_cli_data_file_name (data));
          return ep_cli_data_fail (COMMAND, error);
        }
      compute_s = ep_cli_timer_lap (&timer);
      json_object_set_boolean_member (object, "knapp_hartung", result->knapp_hartung);

      for (guint i = 0; i < k; i++)
        {
          JsonObject *study = json_object_new ();

          json_object_set_string_member (study, "label", labels[i]);
          if (levels != NULL)
            json_object_set_string_member (study, "subgroup", levels->levels[levels->codes[i]]);
          json_object_set_int_member (study, "events1", a[i]);
          json_object_set_int_member (study, "total1", n1[i]);
          json_object_set_int_member (study, "events2", c[i]);
          json_object_set_int_member (study, "total2", n2[i]);
          /* escalc's effect with yi -+ z sqrt (vi), back-transformed */
          json_object_set_double_member (study, "estimate", result->estimate[i]);
          json_object_set_double_member (study, "lower", result->lower[i]);
          json_object_set_double_member (study, "upper", result->upper[i]);
          json_object_set_double_member (study, "weight_fixed", result->weight_fixed[i]);
          json_object_set_double_member (study, "weight_random", result->weight_random[i]);
          json_object_set_double_member (study, "yi", yi[i]);
          json_object_set_double_member (study, "vi", vi[i]);
          json_object_set_boolean_member (study, "corrected", corrected[i]);
          json_array_add_object_element (studies_json, study);
        }
      json_object_set_array_member (object, "studies", studies_json);
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

      if (opt->leave1out)
        {
          g_autofree EpMetaPool *pools = ep_meta_leave1out (&input, &options, &error);

          if (pools == NULL)
            return ep_cli_data_fail (COMMAND, error);
          json_object_set_array_member (object, "leave1out", leave1out_array (pools, k, labels));
        }
      if (opt->regtest)
        {
          EpMetaRegtest test;

          if (!ep_meta_regtest (yi, vi, k, &options, &test, &error))
            return ep_cli_data_fail (COMMAND, error);
          json_object_set_object_member (object, "regtest", regtest_object (&test));
        }

      {
        JsonArray *warnings = json_array_new ();

        for (guint w = 0; w < result->warnings->len; w++)
          {
            const char *text = g_ptr_array_index (result->warnings, w);

            g_printerr ("endpoint-cli %s: %s: %s\n", COMMAND, _("warning"), text);
            json_array_add_string_element (warnings, text);
          }
        json_object_set_array_member (object, "warnings", warnings);
      }
    }

  if (opt->r_script != NULL && !two_arm_r_script (opt, data, (const char * const *) columns, measure, mh, peto,
                                                     &options, &error))
    return ep_cli_data_fail (COMMAND, error);

  if (opt->timing)
    ep_cli_add_timing (object, parse_s, compute_s);
  ep_cli_print_json (root);

  return EP_CLI_EXIT_OK;
}

int
ep_cli_meta (int    argc,
             char **argv)
{
  g_autofree char *opt_csv = NULL;
  g_autofree char *opt_sep = NULL;
  g_auto(EpCliMetaOptions) opt_meta = { 0, };
  gboolean opt_timing = FALSE;
  double opt_level = 0.95;
  gboolean opt_leave1out = FALSE;
  gboolean opt_regtest = FALSE;
  g_autofree char *opt_events1 = NULL;
  g_autofree char *opt_total1 = NULL;
  g_autofree char *opt_events2 = NULL;
  g_autofree char *opt_total2 = NULL;
  g_autofree char *opt_r_script = NULL;
  g_autofree char *cmdline = g_strjoinv (" ", argv);
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt_csv),
    EP_CLI_OPTION_SEP (opt_sep),
    EP_CLI_META_OPTIONS (opt_meta),
    { "conf-level", 0, 0, G_OPTION_ARG_DOUBLE, &opt_level,
      N_("Confidence level of every interval (default 0.95)"), N_("LEVEL") },
    { "leave1out", 0, 0, G_OPTION_ARG_NONE, &opt_leave1out,
      N_("Also pool without each study in turn (leave-one-out)"), NULL },
    { "regtest", 0, 0, G_OPTION_ARG_NONE, &opt_regtest,
      N_("Also run Egger's regression test for funnel-plot asymmetry"), NULL },
    { "events1", 0, 0, G_OPTION_ARG_STRING, &opt_events1,
      N_("Two arms: column of the events in the experimental arm"), N_("COL") },
    { "total1", 0, 0, G_OPTION_ARG_STRING, &opt_total1,
      N_("Two arms: column of the patients in the experimental arm"), N_("COL") },
    { "events2", 0, 0, G_OPTION_ARG_STRING, &opt_events2,
      N_("Two arms: column of the events in the control arm"), N_("COL") },
    { "total2", 0, 0, G_OPTION_ARG_STRING, &opt_total2,
      N_("Two arms: column of the patients in the control arm"), N_("COL") },
    EP_CLI_OPTION_R_SCRIPT (opt_r_script),
    EP_CLI_OPTION_TIMING (opt_timing),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliMetaStudies) studies = NULL;
  g_autoptr(EpMetaResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *studies_json;
  EpMetaOptions options;
  EpMetaMeasure measure;
  const EpLevels *levels;
  EpCliTimer timer;
  gboolean proportions;
  gboolean glmm;
  double parse_s;
  double compute_s;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             /* xgettext:no-c-format */
                             _("Pools response rates (events of total) or ratios with their 95% "
                               "confidence intervals, with fixed and random effects, "
                               "heterogeneity and subgroups, as R's metafor."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);

  if (opt_events1 != NULL || opt_total1 != NULL || opt_events2 != NULL || opt_total2 != NULL)
    {
      TwoArmOptions two = { 0, };

      if (opt_meta.events != NULL || opt_meta.total != NULL || opt_meta.ratio != NULL ||
          opt_meta.lower != NULL || opt_meta.upper != NULL)
        return ep_cli_usage_error (COMMAND, _("use one form: --events and --total, --ratio with "
                                              "its limits, or --events1, --total1, --events2 and "
                                              "--total2"));
      if (opt_events1 == NULL)
        return ep_cli_usage_error (COMMAND, _("two arms need --events1, --total1, --events2 and "
                                              "--total2"));
      if (opt_meta.label == NULL)
        return ep_cli_usage_error (COMMAND, _("--label is required"));
      if (!(opt_level > 0.0 && opt_level < 1.0))
        return ep_cli_usage_error (COMMAND, _("--conf-level must be between 0 and 1, not %g"),
                                   opt_level);
      two.csv = opt_csv;
      two.sep = opt_sep;
      two.events1 = opt_events1;
      two.total1 = opt_total1;
      two.events2 = opt_events2;
      two.total2 = opt_total2;
      two.label = opt_meta.label;
      two.subgroup = opt_meta.subgroup;
      two.measure = opt_meta.measure;
      two.method = opt_meta.method;
      two.knapp_hartung = opt_meta.knapp_hartung;
      two.level = opt_level;
      two.leave1out = opt_leave1out;
      two.regtest = opt_regtest;
      two.timing = opt_timing;
      two.r_script = opt_r_script;
      two.cmdline = cmdline;
      return meta_two_arm (&two);
    }

  proportions = opt_meta.events != NULL || opt_meta.total != NULL;
  if (proportions &&
      (opt_meta.ratio != NULL || opt_meta.lower != NULL || opt_meta.upper != NULL))
    return ep_cli_usage_error (COMMAND, _("use either --events and --total, or --ratio, --lower "
                                          "and --upper, not both"));
  if (proportions && (opt_meta.events == NULL || opt_meta.total == NULL))
    return ep_cli_usage_error (COMMAND, _("--events and --total go together"));
  if (!proportions &&
      (opt_meta.ratio == NULL || opt_meta.lower == NULL || opt_meta.upper == NULL))
    return ep_cli_usage_error (COMMAND, _("give --events and --total, or --ratio, --lower and "
                                          "--upper"));
  if (opt_meta.label == NULL)
    return ep_cli_usage_error (COMMAND, _("--label is required"));

  ep_meta_options_init (&options);
  glmm = opt_meta.method != NULL && g_ascii_strcasecmp (opt_meta.method, "GLMM") == 0;
  if (glmm)
    {
      if (!proportions || (opt_meta.measure != NULL &&
                           g_ascii_strcasecmp (opt_meta.measure, "logit") != 0))
        return ep_cli_usage_error (COMMAND, _("--method GLMM pools proportions (--events and "
                                              "--total) on the logit scale"));
      if (opt_meta.knapp_hartung || opt_leave1out || opt_regtest)
        return ep_cli_usage_error (COMMAND, _("--knapp-hartung, --leave1out and --regtest do not "
                                              "apply to --method GLMM"));
    }
  if (!ep_cli_meta_parse_method (opt_meta.method, &options.method))
    return ep_cli_usage_error (COMMAND, _("--method must be FE, DL, REML, PM, SJ, ML or GLMM, "
                                          "not “%s”"), opt_meta.method);
  options.knapp_hartung = opt_meta.knapp_hartung;
  if (!(opt_level > 0.0 && opt_level < 1.0))
    return ep_cli_usage_error (COMMAND, _("--conf-level must be between 0 and 1, not %g"),
                               opt_level);
  options.level = opt_level;

  if (!proportions)
    {
      if (opt_meta.measure != NULL)
        return ep_cli_usage_error (COMMAND, _("--measure applies to --events and --total; "
                                              "ratios are pooled on the log scale"));
      measure = EP_META_MEASURE_LOG_RATIO;
    }
  else if (opt_meta.measure == NULL || g_ascii_strcasecmp (opt_meta.measure, "logit") == 0)
    measure = EP_META_MEASURE_LOGIT;
  else if (g_ascii_strcasecmp (opt_meta.measure, "ft") == 0)
    measure = EP_META_MEASURE_FT;
  else
    return ep_cli_usage_error (COMMAND, _("--measure must be logit or ft, not “%s”"),
                               opt_meta.measure);

  ep_cli_timer_start (&timer);
  studies = ep_cli_meta_read_studies (opt_csv, opt_sep, &opt_meta, &error);
  if (studies == NULL)
    return ep_cli_data_fail (COMMAND, error);
  studies->input.measure = measure;
  levels = studies->subgroups;
  parse_s = ep_cli_timer_lap (&timer);

  result = ep_meta_pool (&studies->input, &options, &error);
  if (result == NULL)
    {
      g_prefix_error (&error, "%s: ", ep_cli_data_file_name (studies->data));
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
  json_object_set_int_member (object, "n_dropped", studies->data->n_dropped);

  studies_json = json_array_new ();
  for (guint i = 0; i < result->k; i++)
    {
      JsonObject *study = json_object_new ();

      json_object_set_string_member (study, "label", studies->labels[i]);
      if (levels != NULL)
        json_object_set_string_member (study, "subgroup", levels->levels[levels->codes[i]]);
      if (proportions)
        {
          json_object_set_int_member (study, "events", studies->events[i]);
          json_object_set_int_member (study, "total", studies->total[i]);
          /* x/n with its Clopper-Pearson interval (binom.test) */
          json_object_set_double_member (study, "estimate", result->estimate[i]);
          json_object_set_double_member (study, "lower", result->lower[i]);
          json_object_set_double_member (study, "upper", result->upper[i]);
        }
      else
        {
          /* the ratio and the interval as reported */
          json_object_set_double_member (study, "estimate", studies->ratio[i]);
          json_object_set_double_member (study, "lower", studies->lower[i]);
          json_object_set_double_member (study, "upper", studies->upper[i]);
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
      json_array_add_object_element (studies_json, study);
    }
  json_object_set_array_member (object, "studies", studies_json);

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

  if (opt_leave1out)
    {
      g_autofree EpMetaPool *pools = ep_meta_leave1out (&studies->input, &options, &error);

      if (pools == NULL)
        {
          g_prefix_error (&error, "%s: ", ep_cli_data_file_name (studies->data));
          return ep_cli_data_fail (COMMAND, error);
        }
      json_object_set_array_member (object, "leave1out",
                                    leave1out_array (pools, result->k, studies->labels));
    }

  if (opt_regtest)
    {
      EpMetaRegtest test;

      if (!ep_meta_regtest (result->yi, result->vi, result->k, &options, &test, &error))
        {
          g_prefix_error (&error, "%s: ", ep_cli_data_file_name (studies->data));
          return ep_cli_data_fail (COMMAND, error);
        }
      json_object_set_object_member (object, "regtest", regtest_object (&test));
    }

  {
    JsonArray *warnings = json_array_new ();

    for (guint w = 0; w < result->warnings->len; w++)
      json_array_add_string_element (warnings, g_ptr_array_index (result->warnings, w));
    json_object_set_array_member (object, "warnings", warnings);
  }

  if (opt_r_script != NULL)
    {
      g_autofree char *label = ep_cli_r_string (opt_meta.label);
      g_autoptr(GString) body = g_string_new (NULL);
      const char *columns[] = { opt_meta.label,
                                proportions ? opt_meta.events : opt_meta.ratio,
                                proportions ? opt_meta.total : opt_meta.lower,
                                proportions ? opt_meta.total : opt_meta.upper, NULL };

      g_string_append (body, "library (metafor)\n");
      if (glmm)
        {
          g_autofree char *e = ep_cli_r_string (opt_meta.events);
          g_autofree char *n = ep_cli_r_string (opt_meta.total);

          /* the binomial-normal model by lme4's glmer (nAGQ = 7, rma.glmm's default); its
           * optimiser agrees with Endpoint's to about 1e-4 (make_synthesis.R) */
          g_string_append_printf (body,
                                  "fixed <- rma.glmm (measure = \"PLO\", xi = d[[%s]], ni = d[[%s]], method = \"FE\", level = %.17g)\n"
                                  "fit <- rma.glmm (measure = \"PLO\", xi = d[[%s]], ni = d[[%s]], slab = d[[%s]], level = %.17g)\n"
                                  "print (fit)\n"
                                  "check <- c (glmm_fixed = unname (coef (fixed)), glmm_random = unname (coef (fit)),\n"
                                  "            glmm_tau2 = fit$tau2)\n",
                                  e, n, 100.0 * opt_level, e, n, label, 100.0 * opt_level);
        }
      else if (proportions)
        {
          g_autofree char *e = ep_cli_r_string (opt_meta.events);
          g_autofree char *n = ep_cli_r_string (opt_meta.total);

          /* escalc's default continuity correction: 1/2 added to the cells of a study with a
           * zero cell (add = 1/2, to = "only0"), as Endpoint's logit */
          g_string_append_printf (body, "es <- escalc (measure = \"%s\", xi = d[[%s]], ni = d[[%s]])\n",
                                  measure == EP_META_MEASURE_FT ? "PFT" : "PLO", e, n);
        }
      else
        {
          g_autofree char *r = ep_cli_r_string (opt_meta.ratio);
          g_autofree char *l = ep_cli_r_string (opt_meta.lower);
          g_autofree char *u = ep_cli_r_string (opt_meta.upper);

          /* log ratio; its variance from the reported 95% interval */
          g_string_append_printf (body,
                                  "es <- data.frame (yi = log (d[[%s]]),\n"
                                  "                  vi = ((log (d[[%s]]) - log (d[[%s]])) / (2 * qnorm (0.975)))^2)\n",
                                  r, u, l);
        }
      if (!glmm)
        g_string_append_printf (body,
                                "rownames (es) <- d[[%s]]\n"
                                "fixed <- rma (yi, vi, data = es, method = \"FE\", level = %.17g)\n"
                                "fit <- rma (yi, vi, data = es, method = \"%s\", test = \"%s\", level = %.17g)\n"
                                "print (fit)\n"
                                "check <- c (meta_fixed = unname (coef (fixed)), meta_q = fit$QE)\n"
                                "if (fit$method != \"FE\")\n"
                                "  check <- c (check, meta_random = unname (coef (fit)), meta_tau2 = fit$tau2)\n",
                                label, 100.0 * opt_level, method_name (result->method),
                                result->knapp_hartung ? "knha" : "z", 100.0 * opt_level);
      if (!ep_cli_rscript_write (opt_r_script, studies->data, columns, cmdline, body->str, &error))
        return ep_cli_data_fail (COMMAND, error);
    }

  if (opt_timing)
    ep_cli_add_timing (object, parse_s, compute_s);

  ep_cli_print_json (root);

  return EP_CLI_EXIT_OK;
}
