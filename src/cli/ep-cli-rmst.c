/* ep-cli-rmst.c: endpoint-cli rmst, restricted mean survival time as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli rmst --csv F --time COL --event COL [--group COL] --tau T [--conf-level 0.95]
 *                   [--no-timefix] [--sep SEP] [--timing]
 *
 * The JSON has the shape of tests/data/reference/expected/aml_rmst.json: per group the label,
 * n, events, rmst with its se and CI (survival's print (fit, rmean = tau)), and per group after
 * the first a contrast against the first: the difference and the ratio of the restricted means
 * with their CIs and p-values (survRM2's rmst2).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "cli/ep-cli-rscript.h"
#include "core/ep-km.h"
#include "core/ep-rmst.h"

#define COMMAND "rmst"

int
ep_cli_rmst (int    argc,
             char **argv)
{
  g_auto(EpCliSurvivalOptions) opt = { 0, };
  double opt_tau = NAN;
  double opt_conf_level = 0.95;
  gboolean opt_no_timefix = FALSE;
  g_autofree char *opt_r_script = NULL;
  g_autofree char *cmdline = g_strjoinv (" ", argv);
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt.csv),
    EP_CLI_OPTION_TIME (opt.time),
    EP_CLI_OPTION_EVENT (opt.status),
    { "group", 0, 0, G_OPTION_ARG_STRING, &opt.group,
      N_("One restricted mean per value of this column, each compared with the first"),
      N_("COL") },
    { "tau", 0, 0, G_OPTION_ARG_DOUBLE, &opt_tau,
      N_("The restriction time: the mean is the area under the curve from 0 to this time"),
      N_("T") },
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
  g_autoptr(EpKmResult) km = NULL;
  g_autoptr(EpRmstResult) rmst = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *groups, *contrasts;
  EpKmOptions km_options;
  const EpLevels *levels;
  EpCliTimer timer;
  double parse_s, compute_s;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Restricted mean survival time up to --tau per group, with the "
                               "difference and ratio between groups, as R's print (survfit (…), "
                               "rmean = tau) and survRM2."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (!ep_cli_survival_options_check (&opt, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (isnan (opt_tau))
    return ep_cli_usage_error (COMMAND, _("--tau is required"));
  if (!(isfinite (opt_tau) && opt_tau > 0.0))
    return ep_cli_usage_error (COMMAND, _("--tau must be a number greater than 0"));
  if (!(opt_conf_level > 0.0 && opt_conf_level < 1.0))
    return ep_cli_usage_error (COMMAND, _("--conf-level must be between 0 and 1, e.g. 0.95"));

  ep_cli_timer_start (&timer);

  survival = ep_cli_survival_data_load (&opt, &error);
  if (survival == NULL)
    return ep_cli_data_fail (COMMAND, error);
  levels = survival->groups;

  parse_s = ep_cli_timer_lap (&timer);

  ep_km_options_init (&km_options);
  km_options.conf_level = opt_conf_level;
  km_options.timefix = !opt_no_timefix;
  km = ep_km_fit_full (NULL, survival->time, survival->status,
                       levels != NULL ? levels->codes : NULL,
                       levels != NULL ? levels->n_levels : 1,
                       survival->data->n_rows, &km_options, NULL, 0, &error);
  if (km == NULL)
    return ep_cli_data_fail (COMMAND, error);
  rmst = ep_rmst_from_km (km, opt_tau, opt_conf_level, &error);
  if (rmst == NULL)
    return ep_cli_data_fail (COMMAND, error);

  compute_s = ep_cli_timer_lap (&timer);

  root = json_object_new ();
  json_object_set_string_member (root, "analysis", "rmst");
  json_object_set_double_member (root, "tau", opt_tau);
  json_object_set_double_member (root, "conf_level", opt_conf_level);
  json_object_set_int_member (root, "n", survival->data->n_rows);
  json_object_set_int_member (root, "n_dropped", survival->data->n_dropped);
  json_object_set_boolean_member (root, "timefix", km->timefix);
  json_object_set_int_member (root, "times_merged", km->n_timefix);

  groups = json_array_sized_new (rmst->n_groups);
  for (guint g = 0; g < rmst->n_groups; g++)
    {
      const EpRmstGroup *r = &rmst->groups[g];
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "label", levels != NULL ? ep_levels_get_label (levels, g) : "all");
      if (levels != NULL && levels->labels != NULL)
        json_object_set_string_member (o, "value", levels->levels[g]);
      json_object_set_int_member (o, "n", r->n);
      json_object_set_int_member (o, "events", r->events);
      json_object_set_double_member (o, "rmst", r->rmst);
      json_object_set_double_member (o, "se", r->se);
      json_object_set_double_member (o, "lower", r->lower);
      json_object_set_double_member (o, "upper", r->upper);
      json_object_set_boolean_member (o, "tau_beyond_data", r->tau_beyond_data);
      json_array_add_object_element (groups, o);
    }
  json_object_set_array_member (root, "groups", groups);

  contrasts = json_array_sized_new (rmst->n_contrasts);
  for (guint k = 0; k < rmst->n_contrasts; k++)
    {
      const EpRmstContrast *c = &rmst->contrasts[k];
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "label", ep_levels_get_label (levels, c->level));
      json_object_set_string_member (o, "reference", ep_levels_get_label (levels, 0));
      json_object_set_double_member (o, "diff", c->diff);
      json_object_set_double_member (o, "diff_se", c->diff_se);
      json_object_set_double_member (o, "diff_lower", c->diff_lower);
      json_object_set_double_member (o, "diff_upper", c->diff_upper);
      json_object_set_double_member (o, "diff_p", c->diff_p);
      json_object_set_double_member (o, "ratio", c->ratio);
      json_object_set_double_member (o, "ratio_lower", c->ratio_lower);
      json_object_set_double_member (o, "ratio_upper", c->ratio_upper);
      json_object_set_double_member (o, "ratio_p", c->ratio_p);
      json_array_add_object_element (contrasts, o);
    }
  json_object_set_array_member (root, "contrasts", contrasts);

  for (guint g = 0; g < rmst->n_groups; g++)
    if (rmst->groups[g].tau_beyond_data)
      {
        json_object_set_string_member (root, "warning",
                                       _("τ is beyond the last follow-up time of a group; its "
                                         "curve was carried flat to τ"));
        break;
      }

  if (opt_r_script != NULL)
    {
      g_autofree char *surv = ep_cli_r_surv (NULL, opt.time, opt.status, NULL);
      g_autofree char *rhs = ep_cli_r_rhs (opt.group);
      g_autoptr(GString) body = g_string_new (NULL);
      const char *columns[] = { opt.time, opt.status, opt.group != NULL ? opt.group : opt.time,
                                NULL };

      g_string_append_printf (body,
                              "tau <- %.17g\n"
                              "fit <- survfit (%s ~ %s, data = d%s)\n"
                              "print (fit, rmean = tau)\n"
                              "tab <- summary (fit, rmean = tau)$table\n"
                              "if (is.null (dim (tab))) tab <- t (as.matrix (tab))\n"
                              "labels <- if (is.null (fit$strata)) \"all\" else sub (\"^[^=]*=\", \"\", names (fit$strata))\n"
                              "r <- tab[, \"rmean\"]; se <- tab[, \"se(rmean)\"]; z <- qnorm (1 - (1 - %.17g) / 2)\n"
                              "# each group against the first, as survRM2::rmst2\n"
                              "k <- seq_along (r)[-1]\n"
                              "diff <- r[k] - r[1]; diff_se <- sqrt (se[k]^2 + se[1]^2)\n"
                              "log_ratio <- log (r[k] / r[1]); log_se <- sqrt (se[k]^2 / r[k]^2 + se[1]^2 / r[1]^2)\n"
                              "print (data.frame (group = labels[k], diff, lower = diff - z * diff_se, upper = diff + z * diff_se,\n"
                              "                   p = 2 * pnorm (-abs (diff / diff_se)), ratio = exp (log_ratio),\n"
                              "                   ratio_lower = exp (log_ratio - z * log_se), ratio_upper = exp (log_ratio + z * log_se)))\n"
                              "check <- c (setNames (r, paste0 (\"rmst:\", labels)), setNames (se, paste0 (\"se:\", labels)),\n"
                              "            setNames (diff, paste0 (\"diff:\", labels[k])))\n",
                              opt_tau, surv, rhs, opt_no_timefix ? ", timefix = FALSE" : "",
                              opt_conf_level);
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
