/* ep-cli-landmark.c: endpoint-cli landmark, survival by a response during follow-up
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli landmark --csv F --time COL --event COL --response-time COL --landmark L
 *                       [--at T1,T2,..] [--split-out FILE] [--no-timefix] [--sep SEP] [--timing]
 *
 * Three analyses that avoid the guarantee-time bias of comparing responders with
 * non-responders from time zero (core/ep-landmark.h), in one JSON object shaped like
 * tests/data/reference/expected/response_landmark.json:
 *   "landmark"      patients followed beyond L, grouped by response at or before L, time from L:
 *                   Kaplan-Meier per group (as km) and the log-rank test (as logrank);
 *   "mantel_byar"   the response as a time-dependent covariate: coxph (Surv (tstart, tstop,
 *                   event) ~ state) on the split rows, its score test (Mantel-Byar), HR and CI;
 *   "simon_makuch"  survfit (Surv (tstart, tstop, event) ~ state) on the same rows.
 * The response-time column may be empty for patients who never responded; only the time and
 * event columns drop rows with missing values. --split-out writes the (start, stop] rows as
 * CSV (id = the data line, tstart, tstop, event, state) for use elsewhere.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "cli/ep-cli-rscript.h"
#include "core/ep-cox.h"
#include "core/ep-km.h"
#include "core/ep-landmark.h"
#include "core/ep-logrank.h"

#define COMMAND "landmark"

static const char *const state_labels[] = { "non-responder", "responder" };

static JsonObject *
curve_to_json (const EpKmCurve *curve,
               const char      *label,
               gboolean         with_steps)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "label", label);
  json_object_set_int_member (o, "n", curve->n);
  json_object_set_int_member (o, "events", curve->events);
  json_object_set_double_member (o, "median", curve->median);
  json_object_set_double_member (o, "median_lower", curve->median_lower);
  json_object_set_double_member (o, "median_upper", curve->median_upper);
  if (with_steps)
    {
      JsonArray *steps = json_array_sized_new (curve->n_steps);

      for (gsize j = 0; j < curve->n_steps; j++)
        {
          const EpKmStep *s = &curve->steps[j];
          JsonObject *so = json_object_new ();

          json_object_set_double_member (so, "time", s->time);
          json_object_set_int_member (so, "n_risk", s->n_risk);
          json_object_set_int_member (so, "n_event", s->n_event);
          json_object_set_int_member (so, "n_censor", s->n_censor);
          json_object_set_double_member (so, "surv", s->surv);
          json_object_set_double_member (so, "std_err", s->std_err);
          json_object_set_double_member (so, "lower", s->lower);
          json_object_set_double_member (so, "upper", s->upper);
          json_array_add_object_element (steps, so);
        }
      json_object_set_array_member (o, "steps", steps);
    }
  if (curve->n_at > 0)
    {
      JsonArray *at = json_array_sized_new (curve->n_at);

      for (gsize a = 0; a < curve->n_at; a++)
        {
          const EpKmAt *r = &curve->at[a];
          JsonObject *ao = json_object_new ();

          json_object_set_double_member (ao, "time", r->time);
          json_object_set_double_member (ao, "surv", r->surv);
          json_object_set_double_member (ao, "std_err", r->std_err);
          json_object_set_double_member (ao, "lower", r->lower);
          json_object_set_double_member (ao, "upper", r->upper);
          json_array_add_object_element (at, ao);
        }
      json_object_set_array_member (o, "at", at);
    }

  return o;
}

/* The response times of the kept rows: a number, or NaN for an empty cell (no response). */
static double *
read_response (const EpCliData  *data,
               const char       *column,
               GError          **error)
{
  g_autofree double *values = NULL;
  EpCsv *csv = ep_cli_data_csv (data, error);
  int j;

  if (csv == NULL)
    return NULL;
  j = ep_csv_find_column (csv, column);
  if (j < 0)
    {
      g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                   _("%s: there is no column “%s”"),
                   ep_cli_data_file_name (data), column);
      return NULL;
    }

  values = g_new (double, MAX (data->n_rows, 1));
  for (guint i = 0; i < data->n_rows; i++)
    {
      if (ep_csv_is_missing (csv, data->rows[i], (guint) j))
        values[i] = NAN;
      else if (!ep_csv_get_number (csv, data->rows[i], (guint) j, &values[i], error))
        return NULL;
      else if (!isfinite (values[i]) || values[i] < 0.0)
        {
          g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                       _("%s:%u: column “%s”: %g is not a time (0 or more)"),
                       ep_cli_data_file_name (data), ep_cli_data_line (data, i),
                       column, values[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&values);
}

/* the shortest text that reads back as x, in the C locale */
static const char *
format_time (char   *buffer,
             gsize   size,
             double  x)
{
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, size, format, x);
      if (g_ascii_strtod (buffer, NULL) == x)
        break;
    }

  return buffer;
}

static gboolean
write_split (const char       *path,
             const EpTdSplit  *split,
             const EpCliData  *data,
             GError          **error)
{
  g_autoptr(GString) text = g_string_new ("id,tstart,tstop,event,state\n");
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  for (gsize r = 0; r < split->n; r++)
    g_string_append_printf (text, "%u,%s,%s,%d,%u\n",
                            ep_cli_data_line (data, (guint) split->id[r]),
                            format_time (a, sizeof a, split->start[r]),
                            format_time (b, sizeof b, split->stop[r]),
                            split->event[r], split->state[r]);

  return g_file_set_contents (path, text->str, (gssize) text->len, error);
}

int
ep_cli_landmark (int    argc,
                 char **argv)
{
  g_auto(EpCliSurvivalOptions) opt = { 0, };
  g_autofree char *opt_response = NULL;
  g_autofree char *opt_at = NULL;
  g_autofree char *opt_split_out = NULL;
  double opt_landmark = NAN;
  gboolean opt_no_timefix = FALSE;
  g_autofree char *opt_r_script = NULL;
  g_autofree char *cmdline = g_strjoinv (" ", argv);
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt.csv),
    EP_CLI_OPTION_TIME (opt.time),
    EP_CLI_OPTION_EVENT (opt.status),
    { "response-time", 0, 0, G_OPTION_ARG_STRING, &opt_response,
      N_("Column of the time of response (empty: never responded), on the scale of --time"),
      N_("COL") },
    { "landmark", 0, 0, G_OPTION_ARG_DOUBLE, &opt_landmark,
      N_("The landmark time: patients followed beyond it, grouped by response at it"),
      N_("L") },
    EP_CLI_OPTION_AT (opt_at),
    { "split-out", 0, 0, G_OPTION_ARG_FILENAME, &opt_split_out,
      N_("Write the follow-up split at the response as (start, stop] rows to this CSV file"),
      N_("FILE") },
    EP_CLI_OPTION_NO_TIMEFIX (opt_no_timefix),
    EP_CLI_OPTION_R_SCRIPT (opt_r_script),
    EP_CLI_OPTION_SEP (opt.sep),
    EP_CLI_OPTION_TIMING (opt.timing),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliSurvivalData) survival = NULL;
  g_autofree double *response = NULL;
  g_autoptr(EpLandmarkSet) set = NULL;
  g_autoptr(EpTdSplit) split = NULL;
  g_autoptr(EpKmResult) landmark_km = NULL;
  g_autoptr(EpLogrankResult) landmark_lr = NULL;
  g_autoptr(EpCoxFit) cox = NULL;
  g_autoptr(EpKmResult) sm_km = NULL;
  g_autoptr(GArray) at = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree double *x = NULL;
  JsonObject *lm, *mb, *sm;
  JsonArray *groups;
  EpKmOptions km_options;
  EpCoxOptions cox_options;
  EpCliTimer timer;
  double parse_s, compute_s;
  const char *term_names[] = { "state", NULL };

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Survival by a response that happens during follow-up, without "
                               "guarantee-time bias: a landmark analysis, the Mantel-Byar test "
                               "and Simon-Makuch curves."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (!ep_cli_survival_options_check (&opt, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (opt_response == NULL)
    return ep_cli_usage_error (COMMAND, _("--response-time is required"));
  if (isnan (opt_landmark))
    return ep_cli_usage_error (COMMAND, _("--landmark is required"));
  if (!(isfinite (opt_landmark) && opt_landmark >= 0.0))
    return ep_cli_usage_error (COMMAND, _("--landmark must be a time (0 or more)"));
  if (!ep_cli_parse_at (opt_at, &at, &error))
    return ep_cli_data_fail (COMMAND, error);

  ep_cli_timer_start (&timer);

  survival = ep_cli_survival_data_load (&opt, &error);
  if (survival == NULL)
    return ep_cli_data_fail (COMMAND, error);
  response = read_response (survival->data, opt_response, &error);
  if (response == NULL)
    return ep_cli_data_fail (COMMAND, error);

  parse_s = ep_cli_timer_lap (&timer);

  ep_km_options_init (&km_options);
  km_options.timefix = !opt_no_timefix;

  /* 1. landmark */
  set = ep_landmark_select (survival->time, survival->status, response,
                            survival->data->n_rows, opt_landmark);
  if (set->n == 0)
    {
      g_set_error (&error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_NO_ROWS,
                   _("%s: no patient is followed beyond the landmark %g"),
                   ep_cli_data_file_name (survival->data), opt_landmark);
      return ep_cli_data_fail (COMMAND, error);
    }
  landmark_km = ep_km_fit_full (NULL, set->time, set->status, set->responded, 2, set->n,
                                &km_options,
                                at != NULL ? (const double *) at->data : NULL,
                                at != NULL ? at->len : 0, &error);
  if (landmark_km == NULL)
    return ep_cli_data_fail (COMMAND, error);
  if (landmark_km->curves[0].n > 0 && landmark_km->curves[1].n > 0)
    {
      landmark_lr = ep_logrank_test_full (NULL, set->time, set->status, set->responded, 2,
                                          NULL, 1, set->n, 0.0, !opt_no_timefix, &error);
      if (landmark_lr == NULL)
        return ep_cli_data_fail (COMMAND, error);
    }

  /* 2. and 3. response as a time-dependent covariate */
  split = ep_td_split_response (survival->time, survival->status, response,
                                survival->data->n_rows);
  if (split->n_responders == 0 || split->n_responders == split->n_patients)
    {
      g_set_error (&error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                   _("%s: column “%s”: the time-dependent analysis needs patients with and "
                     "without a response during follow-up"),
                   ep_cli_data_file_name (survival->data), opt_response);
      return ep_cli_data_fail (COMMAND, error);
    }
  if (opt_split_out != NULL && !write_split (opt_split_out, split, survival->data, &error))
    return ep_cli_data_fail (COMMAND, error);

  x = g_new (double, split->n);
  for (gsize r = 0; r < split->n; r++)
    x[r] = split->state[r];
  ep_cox_options_init (&cox_options);
  cox_options.timefix = !opt_no_timefix;
  cox_options.term_names = term_names;
  cox = ep_cox_fit (split->n, split->start, split->stop, split->event, x, 1, NULL, 0,
                    &cox_options, &error);
  if (cox == NULL)
    {
      g_prefix_error (&error, "%s: ", ep_cli_data_file_name (survival->data));
      return ep_cli_data_fail (COMMAND, error);
    }
  sm_km = ep_km_fit_full (split->start, split->stop, split->event, split->state, 2, split->n,
                          &km_options,
                          at != NULL ? (const double *) at->data : NULL,
                          at != NULL ? at->len : 0, &error);
  if (sm_km == NULL)
    return ep_cli_data_fail (COMMAND, error);

  compute_s = ep_cli_timer_lap (&timer);

  root = json_object_new ();
  json_object_set_string_member (root, "analysis", "landmark");
  json_object_set_double_member (root, "landmark", opt_landmark);
  json_object_set_int_member (root, "n", survival->data->n_rows);
  json_object_set_int_member (root, "n_dropped", survival->data->n_dropped);
  json_object_set_boolean_member (root, "timefix", !opt_no_timefix);

  lm = json_object_new ();
  json_object_set_int_member (lm, "n", set->n);
  json_object_set_int_member (lm, "n_excluded", set->n_excluded);
  groups = json_array_new ();
  for (guint g = 0; g < 2; g++)
    json_array_add_object_element (groups, curve_to_json (&landmark_km->curves[g],
                                                          state_labels[g], FALSE));
  json_object_set_array_member (lm, "groups", groups);
  if (landmark_lr != NULL)
    {
      JsonObject *lr = json_object_new ();

      json_object_set_double_member (lr, "chisq", landmark_lr->chisq);
      json_object_set_int_member (lr, "df", landmark_lr->df);
      json_object_set_double_member (lr, "p", landmark_lr->p);
      json_object_set_object_member (lm, "logrank", lr);
    }
  else
    json_object_set_string_member (lm, "warning",
                                   _("Only one group is followed beyond the landmark; there is "
                                     "nothing to compare"));
  json_object_set_object_member (root, "landmark_analysis", lm);

  mb = json_object_new ();
  json_object_set_int_member (mb, "n_rows", split->n);
  json_object_set_int_member (mb, "n_responders", split->n_responders);
  json_object_set_double_member (mb, "score_chisq", cox->score_chisq);
  json_object_set_int_member (mb, "score_df", cox->df);
  json_object_set_double_member (mb, "score_p", cox->score_p);
  json_object_set_double_member (mb, "coef", cox->coef[0]);
  json_object_set_double_member (mb, "se", cox->se[0]);
  json_object_set_double_member (mb, "hr", cox->hr[0]);
  json_object_set_double_member (mb, "hr_lower", cox->hr_lower[0]);
  json_object_set_double_member (mb, "hr_upper", cox->hr_upper[0]);
  json_object_set_double_member (mb, "p", cox->p_value[0]);
  json_object_set_object_member (root, "mantel_byar", mb);

  sm = json_object_new ();
  groups = json_array_new ();
  for (guint g = 0; g < 2; g++)
    json_array_add_object_element (groups, curve_to_json (&sm_km->curves[g], state_labels[g],
                                                          TRUE));
  json_object_set_array_member (sm, "groups", groups);
  json_object_set_object_member (root, "simon_makuch", sm);

  if (opt_r_script != NULL)
    {
      g_autofree char *t = ep_cli_r_string (opt.time);
      g_autofree char *e = ep_cli_r_string (opt.status);
      g_autofree char *r = ep_cli_r_string (opt_response);
      g_autoptr(GString) body = g_string_new (NULL);
      const char *columns[] = { opt.time, opt.status, opt_response, NULL };
      const char *fix = opt_no_timefix ? ", timefix = FALSE" : "";

      g_string_append_printf (body,
                              "d$.time <- d[[%s]]; d$.status <- d[[%s]]; d$.rtime <- d[[%s]]\n"
                              "L <- %.17g\n"
                              "# 1. landmark: patients followed beyond L, grouped by response at L, time from L\n"
                              "d2 <- subset (d, .time > L)\n"
                              "d2$.t <- d2$.time - L\n"
                              "d2$.group <- ifelse (!is.na (d2$.rtime) & d2$.rtime <= L, \"responder\", \"non-responder\")\n"
                              "lfit <- survfit (Surv (.t, .status) ~ .group, data = d2, conf.type = \"log-log\"%s)\n"
                              "print (lfit)\n"
                              "lsd <- survdiff (Surv (.t, .status) ~ .group, data = d2)\n"
                              "print (lsd)\n"
                              "# 2. Mantel-Byar: response as a time-dependent covariate, (start, stop] rows by tmerge\n"
                              "d$.id <- seq_len (nrow (d))\n"
                              "td <- tmerge (d[, c (\".id\", \".time\", \".status\")], d, id = .id,\n"
                              "              death = event (.time, .status), state = tdc (.rtime))\n"
                              "mb <- coxph (Surv (tstart, tstop, death) ~ state, data = td%s)\n"
                              "print (summary (mb))\n"
                              "# 3. Simon-Makuch curves: Kaplan-Meier on the same rows, with delayed entry\n"
                              "smfit <- survfit (Surv (tstart, tstop, death) ~ state, data = td, conf.type = \"log-log\"%s)\n"
                              "print (smfit)\n"
                              "check <- c (landmark_chisq = lsd$chisq, mantel_byar_score = unname (mb$score),\n"
                              "            mantel_byar_coef = unname (coef (mb)))\n",
                              t, e, r, opt_landmark, fix,
                              opt_no_timefix ? ", control = coxph.control (timefix = FALSE)" : "",
                              fix);
      if (!ep_cli_rscript_write (opt_r_script, survival->data, columns, cmdline, body->str,
                                 &error))
        return ep_cli_data_fail (COMMAND, error);
    }

  if (opt.timing)
    ep_cli_add_timing (root, parse_s, compute_s);

  node = json_node_init_object (json_node_alloc (), root);
  ep_cli_print_json (node);

  return EP_CLI_EXIT_OK;
}
