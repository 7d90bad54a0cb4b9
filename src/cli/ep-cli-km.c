/* ep-cli-km.c: endpoint-cli km, Kaplan-Meier curves as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli km --csv F --time COL --event COL [--group COL] [--conf-type log-log|log|plain]
 *                 [--conf-level 0.95] [--at T1,T2,..] [--start COL] [--no-timefix] [--sep SEP]
 *                 [--logrank] [--timing]
 *
 * The JSON has the shape of tests/data/reference/expected/aml_km_loglog.json and its siblings
 * (summary.survfit's columns): per group the label, n, events, median with its CI, every
 * distinct time in "steps", and the curve read at the --at times in "at". --logrank adds
 * "logrank": the log-rank test of the groups (chisq, df, p, and per group n, observed and
 * expected), the numbers `endpoint-cli logrank` gives, from the same read of the file: R's
 * survfit and survdiff in one run.
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <math.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "cli/ep-cli-rscript.h"
#include "core/ep-km.h"
#include "core/ep-logrank.h"
#include "io/ep-json-writer.h"

#define COMMAND "km"

/* The JSON is written straight into a buffer (io/ep-json-writer.h): a million-row curve has a
 * step per distinct time, and a json-glib tree of them cost more than the fit. */
static void
write_steps (EpJsonWriter    *w,
             const EpKmCurve *curve)
{
  ep_json_writer_begin_array (w);
  for (gsize j = 0; j < curve->n_steps; j++)
    {
      const EpKmStep *s = &curve->steps[j];

      ep_json_writer_begin_object (w);
      ep_json_writer_double_member (w, "time", s->time);
      ep_json_writer_int_member (w, "n_risk", s->n_risk);
      ep_json_writer_int_member (w, "n_event", s->n_event);
      ep_json_writer_int_member (w, "n_censor", s->n_censor);
      ep_json_writer_double_member (w, "surv", s->surv);
      ep_json_writer_double_member (w, "std_err", s->std_err);
      ep_json_writer_double_member (w, "lower", s->lower);
      ep_json_writer_double_member (w, "upper", s->upper);
      ep_json_writer_end_object (w);
    }
  ep_json_writer_end_array (w);
}

static void
write_at (EpJsonWriter    *w,
          const EpKmCurve *curve)
{
  ep_json_writer_begin_array (w);
  for (gsize a = 0; a < curve->n_at; a++)
    {
      const EpKmAt *r = &curve->at[a];

      ep_json_writer_begin_object (w);
      ep_json_writer_double_member (w, "time", r->time);
      ep_json_writer_int_member (w, "n_risk", r->n_risk);
      ep_json_writer_double_member (w, "surv", r->surv);
      ep_json_writer_double_member (w, "std_err", r->std_err);
      ep_json_writer_double_member (w, "lower", r->lower);
      ep_json_writer_double_member (w, "upper", r->upper);
      ep_json_writer_end_object (w);
    }
  ep_json_writer_end_array (w);
}

int
ep_cli_km (int    argc,
           char **argv)
{
  g_auto(EpCliSurvivalOptions) opt = { 0, };
  g_autofree char *opt_conf_type = NULL;
  g_autofree char *opt_at = NULL;
  double opt_conf_level = 0.95;
  gboolean opt_no_timefix = FALSE;
  g_autofree char *opt_r_script = NULL;
  gboolean opt_logrank = FALSE;
  g_autofree char *cmdline = g_strjoinv (" ", argv);
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt.csv),
    EP_CLI_OPTION_TIME (opt.time),
    EP_CLI_OPTION_EVENT (opt.status),
    { "group", 0, 0, G_OPTION_ARG_STRING, &opt.group,
      N_("One curve per value of this column"), N_("COL") },
    EP_CLI_OPTION_CONF_TYPE (opt_conf_type),
    EP_CLI_OPTION_CONF_LEVEL (opt_conf_level),
    EP_CLI_OPTION_AT (opt_at),
    EP_CLI_OPTION_START (opt.start),
    EP_CLI_OPTION_NO_TIMEFIX (opt_no_timefix),
    { "logrank", 0, 0, G_OPTION_ARG_NONE, &opt_logrank,
      N_("Also test the groups with the log-rank test (as the logrank command)"), NULL },
    EP_CLI_OPTION_R_SCRIPT (opt_r_script),
    EP_CLI_OPTION_LABELS,
    EP_CLI_OPTION_SEP (opt.sep),
    EP_CLI_OPTION_TIMING (opt.timing),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliSurvivalData) survival = NULL;
  g_autoptr(GArray) at = NULL;
  g_autoptr(EpKmResult) fit = NULL;
  g_autoptr(EpLogrankResult) test = NULL;
  g_autoptr(EpJsonWriter) w = NULL;
  g_autofree char *text = NULL;
  EpKmConfType conf_type = EP_KM_CONF_LOG_LOG;
  EpKmOptions options;
  const EpLevels *levels;
  EpCliTimer timer;
  double parse_s, compute_s;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Kaplan-Meier survival curves with Greenwood standard errors, "
                               "pointwise confidence intervals and median survival, as R's "
                               "survfit and summary.survfit."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (!ep_cli_survival_options_check (&opt, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (opt_conf_type != NULL && !ep_km_conf_type_from_string (opt_conf_type, &conf_type))
    return ep_cli_usage_error (COMMAND, _("--conf-type must be log-log, log or plain, not “%s”"),
                               opt_conf_type);
  if (!(opt_conf_level > 0.0 && opt_conf_level < 1.0))
    return ep_cli_usage_error (COMMAND, _("--conf-level must be between 0 and 1, e.g. 0.95"));
  if (!ep_cli_parse_at (opt_at, &at, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (opt_logrank && opt.group == NULL)
    return ep_cli_usage_error (COMMAND, _("--logrank needs --group"));

  ep_cli_timer_start (&timer);

  survival = ep_cli_survival_data_load (&opt, &error);
  if (survival == NULL)
    return ep_cli_data_fail (COMMAND, error);
  levels = survival->groups;
  /* everything the analyses need is in survival now: the file's typed columns go before the
   * arrays of the fit are made, which then reuse those pages (bench/README.md, "Linear to
   * 1e7") */
  ep_cli_data_release_columns (survival->data);

  parse_s = ep_cli_timer_lap (&timer);

  ep_km_options_init (&options);
  options.conf_type = conf_type;
  options.conf_level = opt_conf_level;
  options.timefix = !opt_no_timefix;
  fit = ep_km_fit_full (survival->start, survival->time, survival->status,
                        levels != NULL ? levels->codes : NULL,
                        levels != NULL ? levels->n_levels : 1,
                        survival->data->n_rows, &options,
                        at != NULL ? (const double *) at->data : NULL,
                        at != NULL ? at->len : 0,
                        &error);
  if (fit == NULL)
    return ep_cli_data_fail (COMMAND, error);
  if (opt_logrank)
    {
      if (levels->n_levels < 2)
        {
          g_set_error (&error, EP_LOGRANK_ERROR, EP_LOGRANK_ERROR_ONE_GROUP,
                       _("%s: column \"%s\" has a single value (\"%s\") in the rows used; "
                         "a test comparing groups needs at least two groups"),
                       ep_cli_data_file_name (survival->data), opt.group, levels->levels[0]);
          return ep_cli_data_fail (COMMAND, error);
        }
      test = ep_logrank_test_full (survival->start, survival->time, survival->status,
                                   levels->codes, levels->n_levels, NULL, 1,
                                   survival->data->n_rows, 0.0, !opt_no_timefix, &error);
      if (test == NULL)
        return ep_cli_data_fail (COMMAND, error);
    }

  compute_s = ep_cli_timer_lap (&timer);

  w = ep_json_writer_new ();
  ep_json_writer_begin_object (w);
  ep_json_writer_string_member (w, "analysis", "km");
  ep_json_writer_string_member (w, "conf_type", ep_km_conf_type_to_string (conf_type));
  ep_json_writer_double_member (w, "conf_level", opt_conf_level);
  ep_json_writer_int_member (w, "n", survival->data->n_rows);
  ep_json_writer_int_member (w, "n_dropped", survival->data->n_dropped);
  ep_json_writer_boolean_member (w, "timefix", fit->timefix);
  ep_json_writer_int_member (w, "times_merged", fit->n_timefix);
  ep_json_writer_boolean_member (w, "delayed_entry", fit->delayed_entry);

  ep_json_writer_member (w, "groups");
  ep_json_writer_begin_array (w);
  for (guint g = 0; g < fit->n_groups; g++)
    {
      const EpKmCurve *curve = &fit->curves[g];

      ep_json_writer_begin_object (w);
      ep_json_writer_string_member (w, "label", levels != NULL ? ep_levels_get_label (levels, g) : "all");
      if (levels != NULL && levels->labels != NULL)
        ep_json_writer_string_member (w, "value", levels->levels[g]);
      ep_json_writer_int_member (w, "n", curve->n);
      ep_json_writer_int_member (w, "events", curve->events);
      ep_json_writer_double_member (w, "median", curve->median);
      ep_json_writer_double_member (w, "median_lower", curve->median_lower);
      ep_json_writer_double_member (w, "median_upper", curve->median_upper);
      ep_json_writer_member (w, "steps");
      write_steps (w, curve);
      if (at != NULL)
        {
          ep_json_writer_member (w, "at");
          write_at (w, curve);
        }
      ep_json_writer_end_object (w);
    }
  ep_json_writer_end_array (w);

  if (test != NULL)
    {
      ep_json_writer_member (w, "logrank");
      ep_json_writer_begin_object (w);
      ep_json_writer_double_member (w, "chisq", test->chisq);
      ep_json_writer_int_member (w, "df", test->df);
      ep_json_writer_double_member (w, "p", test->p);
      if (test->df == 0)
        ep_json_writer_string_member (w, "warning",
                                      _("Only one group has subjects at risk at an event time; "
                                        "there is nothing to compare (chi-square 0, df 0)"));
      else if (test->rank < test->df)
        ep_json_writer_string_member (w, "warning",
                                      _("The variance matrix is singular; the chi-square uses a "
                                        "generalized inverse"));
      ep_json_writer_member (w, "groups");
      ep_json_writer_begin_array (w);
      for (guint k = 0; k < test->n_groups; k++)
        {
          ep_json_writer_begin_object (w);
          ep_json_writer_string_member (w, "label", ep_levels_get_label (levels, k));
          ep_json_writer_int_member (w, "n", test->n[k]);
          ep_json_writer_double_member (w, "observed", test->observed[k]);
          ep_json_writer_double_member (w, "expected", test->expected[k]);
          ep_json_writer_end_object (w);
        }
      ep_json_writer_end_array (w);
      ep_json_writer_end_object (w);
    }

  if (opt_r_script != NULL)
    {
      g_autofree char *surv = ep_cli_r_surv (opt.start, opt.time, opt.status, NULL);
      g_autofree char *rhs = ep_cli_r_rhs (opt.group);
      g_autoptr(GString) body = g_string_new (NULL);
      const char *columns[] = { opt.time, opt.status, opt.group != NULL ? opt.group : opt.time,
                                opt.start != NULL ? opt.start : opt.time, NULL };

      g_string_append_printf (body,
                              "fit <- survfit (%s ~ %s, data = d, conf.type = \"%s\", "
                              "conf.int = %.17g%s)\n"
                              "print (fit)\n"
                              "print (summary (fit, censored = TRUE))\n",
                              surv, rhs, ep_km_conf_type_to_string (conf_type), opt_conf_level,
                              opt_no_timefix ? ", timefix = FALSE" : "");
      if (at != NULL)
        {
          g_string_append (body, "print (summary (fit, times = c (");
          for (guint a = 0; a < at->len; a++)
            g_string_append_printf (body, "%s%.17g", a > 0 ? ", " : "",
                                    g_array_index (at, double, a));
          g_string_append (body, "), extend = TRUE))\n");
        }
      g_string_append (body,
                       "tab <- summary (fit)$table\n"
                       "if (is.null (dim (tab))) tab <- t (as.matrix (tab))\n"
                       "labels <- if (is.null (fit$strata)) \"all\" else sub (\"^[^=]*=\", \"\", names (fit$strata))\n"
                       "check <- c (setNames (tab[, \"median\"], paste0 (\"median:\", labels)),\n"
                       "            setNames (tab[, grep (\"LCL$\", colnames (tab))], paste0 (\"median_lower:\", labels)),\n"
                       "            setNames (tab[, grep (\"UCL$\", colnames (tab))], paste0 (\"median_upper:\", labels)))\n");
      if (!ep_cli_rscript_write (opt_r_script, survival->data, columns, cmdline, body->str,
                                 &error))
        return ep_cli_data_fail (COMMAND, error);
    }

  if (opt.timing)
    ep_cli_write_timing (w, parse_s, compute_s);
  ep_json_writer_end_object (w);

  text = ep_json_writer_free_to_string (g_steal_pointer (&w));
  fputs (text, stdout);
  fflush (stdout);

  return EP_CLI_EXIT_OK;
}
