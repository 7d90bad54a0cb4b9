/* ep-cli-followup.c: endpoint-cli followup, median follow-up (reverse Kaplan-Meier) as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli followup --csv F --time COL --event COL [--group COL] [--conf-type log|log-log|plain]
 *                       [--conf-level 0.95] [--no-timefix] [--sep SEP] [--timing]
 *
 * The JSON has the shape of tests/data/reference/expected/lung_followup.json: per group the
 * label, n, the number of censored records (whose follow-up ended alive: the reverse curve's
 * events) and the median follow-up with its CI, from summary (survfit (Surv (time, 1 - status)
 * ~ group))$table.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "cli/ep-cli-rscript.h"
#include "core/ep-followup.h"

#define COMMAND "followup"

int
ep_cli_followup (int    argc,
                 char **argv)
{
  g_auto(EpCliSurvivalOptions) opt = { 0, };
  g_autofree char *opt_conf_type = NULL;
  double opt_conf_level = 0.95;
  gboolean opt_no_timefix = FALSE;
  g_autofree char *opt_r_script = NULL;
  g_autofree char *cmdline = g_strjoinv (" ", argv);
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt.csv),
    EP_CLI_OPTION_TIME (opt.time),
    EP_CLI_OPTION_EVENT (opt.status),
    { "group", 0, 0, G_OPTION_ARG_STRING, &opt.group,
      N_("One median follow-up per value of this column"), N_("COL") },
    { "conf-type", 0, 0, G_OPTION_ARG_STRING, &opt_conf_type,
      N_("Confidence interval transform: log (default, as survfit), log-log or plain"),
      N_("TYPE") },
    EP_CLI_OPTION_CONF_LEVEL (opt_conf_level),
    EP_CLI_OPTION_NO_TIMEFIX (opt_no_timefix),
    EP_CLI_OPTION_R_SCRIPT (opt_r_script),
    EP_CLI_OPTION_SEP (opt.sep),
    EP_CLI_OPTION_LABELS,
    EP_CLI_OPTION_TIMING (opt.timing),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliSurvivalData) survival = NULL;
  g_autoptr(EpKmResult) fit = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *groups;
  EpKmOptions options;
  const EpLevels *levels;
  EpCliTimer timer;
  double parse_s, compute_s;

  ep_km_options_init (&options);
  /* survfit's own default, so that the plain R call gives the same CI */
  options.conf_type = EP_KM_CONF_LOG;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Median follow-up by the reverse Kaplan-Meier method, as R's "
                               "survfit (Surv (time, 1 - status) ~ 1)."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (!ep_cli_survival_options_check (&opt, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (opt_conf_type != NULL && !ep_km_conf_type_from_string (opt_conf_type, &options.conf_type))
    return ep_cli_usage_error (COMMAND, _("--conf-type must be log-log, log or plain, not “%s”"),
                               opt_conf_type);
  if (!(opt_conf_level > 0.0 && opt_conf_level < 1.0))
    return ep_cli_usage_error (COMMAND, _("--conf-level must be between 0 and 1, e.g. 0.95"));
  options.conf_level = opt_conf_level;
  options.timefix = !opt_no_timefix;

  ep_cli_timer_start (&timer);

  survival = ep_cli_survival_data_load (&opt, &error);
  if (survival == NULL)
    return ep_cli_data_fail (COMMAND, error);
  levels = survival->groups;

  parse_s = ep_cli_timer_lap (&timer);

  fit = ep_followup_fit (survival->time, survival->status,
                         levels != NULL ? levels->codes : NULL,
                         levels != NULL ? levels->n_levels : 1,
                         survival->data->n_rows, &options, &error);
  if (fit == NULL)
    return ep_cli_data_fail (COMMAND, error);

  compute_s = ep_cli_timer_lap (&timer);

  root = json_object_new ();
  json_object_set_string_member (root, "analysis", "followup");
  json_object_set_string_member (root, "method", "reverse Kaplan-Meier");
  json_object_set_string_member (root, "conf_type", ep_km_conf_type_to_string (options.conf_type));
  json_object_set_double_member (root, "conf_level", opt_conf_level);
  json_object_set_int_member (root, "n", survival->data->n_rows);
  json_object_set_int_member (root, "n_dropped", survival->data->n_dropped);
  json_object_set_boolean_member (root, "timefix", fit->timefix);
  json_object_set_int_member (root, "times_merged", fit->n_timefix);

  groups = json_array_sized_new (fit->n_groups);
  for (guint g = 0; g < fit->n_groups; g++)
    {
      const EpKmCurve *curve = &fit->curves[g];
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "label", levels != NULL ? ep_levels_get_label (levels, g) : "all");
      if (levels != NULL && levels->labels != NULL)
        json_object_set_string_member (o, "value", levels->levels[g]);
      json_object_set_int_member (o, "n", curve->n);
      json_object_set_int_member (o, "censored", curve->events);
      json_object_set_double_member (o, "median", curve->median);
      json_object_set_double_member (o, "median_lower", curve->median_lower);
      json_object_set_double_member (o, "median_upper", curve->median_upper);
      json_array_add_object_element (groups, o);
    }
  json_object_set_array_member (root, "groups", groups);

  if (opt_r_script != NULL)
    {
      g_autofree char *event = ep_cli_r_name (opt.status);
      g_autofree char *reversed = g_strdup_printf ("1 - %s", event);
      g_autofree char *surv = ep_cli_r_surv (NULL, opt.time, opt.status, reversed);
      g_autofree char *rhs = ep_cli_r_rhs (opt.group);
      g_autoptr(GString) body = g_string_new (NULL);
      const char *columns[] = { opt.time, opt.status, opt.group != NULL ? opt.group : opt.time,
                                NULL };

      g_string_append_printf (body,
                              "# reverse Kaplan-Meier: the end of follow-up alive is the \"event\"\n"
                              "fit <- survfit (%s ~ %s, data = d, conf.type = \"%s\", conf.int = %.17g%s)\n"
                              "print (fit)\n"
                              "tab <- summary (fit)$table\n"
                              "if (is.null (dim (tab))) tab <- t (as.matrix (tab))\n"
                              "labels <- if (is.null (fit$strata)) \"all\" else sub (\"^[^=]*=\", \"\", names (fit$strata))\n"
                              "check <- c (setNames (tab[, \"median\"], paste0 (\"median:\", labels)))\n",
                              surv, rhs, ep_km_conf_type_to_string (options.conf_type),
                              opt_conf_level, opt_no_timefix ? ", timefix = FALSE" : "");
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
