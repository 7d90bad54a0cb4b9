/* ep-cli-logrank.c: endpoint-cli logrank, the log-rank and G-rho tests as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli logrank --csv F --time COL --event COL --group COL [--strata COL] [--rho R]
 *                      [--start COL] [--no-timefix] [--sep SEP] [--timing]
 *
 * The JSON has the shape of tests/data/reference/expected/aml_logrank.json and its siblings
 * (survdiff): rho, chisq, df, p and per group the label, n, observed and expected; also the
 * variance matrix of O - E ("var", rows in group order) and, with --strata, the strata labels.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "cli/ep-cli-rscript.h"
#include "core/ep-logrank.h"

#define COMMAND "logrank"

int
ep_cli_logrank (int    argc,
                char **argv)
{
  g_auto(EpCliSurvivalOptions) opt = { 0, };
  double opt_rho = 0.0;
  gboolean opt_no_timefix = FALSE;
  g_autofree char *opt_r_script = NULL;
  g_autofree char *cmdline = g_strjoinv (" ", argv);
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt.csv),
    EP_CLI_OPTION_TIME (opt.time),
    EP_CLI_OPTION_EVENT (opt.status),
    { "group", 0, 0, G_OPTION_ARG_STRING, &opt.group,
      N_("The column whose values are the groups to compare"), N_("COL") },
    { "strata", 0, 0, G_OPTION_ARG_STRING, &opt.strata,
      N_("Stratify the test by this column"), N_("COL") },
    { "rho", 0, 0, G_OPTION_ARG_DOUBLE, &opt_rho,
      N_("Harrington-Fleming weight S(t-)^rho: 0 log-rank (default), 1 Peto-Peto"), N_("RHO") },
    EP_CLI_OPTION_START (opt.start),
    EP_CLI_OPTION_NO_TIMEFIX (opt_no_timefix),
    EP_CLI_OPTION_R_SCRIPT (opt_r_script),
    EP_CLI_OPTION_LABELS,
    EP_CLI_OPTION_SEP (opt.sep),
    EP_CLI_OPTION_TIMING (opt.timing),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliSurvivalData) survival = NULL;
  g_autoptr(EpLogrankResult) test = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *groups;
  JsonArray *var;
  const EpCliData *data;
  const EpLevels *levels, *strata;
  EpCliTimer timer;
  double parse_s, compute_s;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Compare survival between groups with the log-rank test or a "
                               "Harrington-Fleming G-rho test, optionally stratified, as R's "
                               "survdiff."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (!ep_cli_survival_options_check (&opt, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (opt.group == NULL)
    return ep_cli_usage_error (COMMAND, _("--group is required"));
  if (!isfinite (opt_rho))
    return ep_cli_usage_error (COMMAND, _("--rho must be a finite number"));

  ep_cli_timer_start (&timer);

  survival = ep_cli_survival_data_load (&opt, &error);
  if (survival == NULL)
    return ep_cli_data_fail (COMMAND, error);
  data = survival->data;
  levels = survival->groups;
  strata = survival->strata;

  if (levels->n_levels < 2)
    {
      g_set_error (&error, EP_LOGRANK_ERROR, EP_LOGRANK_ERROR_ONE_GROUP,
                   _("%s: column \"%s\" has a single value (\"%s\") in the rows used; "
                     "a test comparing groups needs at least two groups"),
                   ep_csv_get_display_name (data->csv), opt.group, levels->levels[0]);
      return ep_cli_data_fail (COMMAND, error);
    }

  parse_s = ep_cli_timer_lap (&timer);

  test = ep_logrank_test_full (survival->start, survival->time, survival->status,
                               levels->codes, levels->n_levels,
                               strata != NULL ? strata->codes : NULL,
                               strata != NULL ? strata->n_levels : 1,
                               data->n_rows, opt_rho, !opt_no_timefix, &error);
  if (test == NULL)
    return ep_cli_data_fail (COMMAND, error);

  compute_s = ep_cli_timer_lap (&timer);

  root = json_object_new ();
  json_object_set_string_member (root, "analysis", "logrank");
  json_object_set_double_member (root, "rho", opt_rho);
  json_object_set_double_member (root, "chisq", test->chisq);
  json_object_set_int_member (root, "df", test->df);
  json_object_set_double_member (root, "p", test->p);
  json_object_set_int_member (root, "n", data->n_rows);
  json_object_set_int_member (root, "n_dropped", data->n_dropped);
  json_object_set_boolean_member (root, "timefix", test->timefix);
  json_object_set_int_member (root, "times_merged", test->n_timefix);
  json_object_set_boolean_member (root, "delayed_entry", test->delayed_entry);
  if (test->df == 0)
    json_object_set_string_member (root, "warning",
                                   _("Only one group has subjects at risk at an event time; "
                                     "there is nothing to compare (chi-square 0, df 0)"));
  else if (test->rank < test->df)
    json_object_set_string_member (root, "warning",
                                   _("The variance matrix is singular; the chi-square uses a "
                                     "generalized inverse"));

  groups = json_array_sized_new (test->n_groups);
  var = json_array_sized_new (test->n_groups);
  for (guint k = 0; k < test->n_groups; k++)
    {
      JsonObject *o = json_object_new ();
      JsonArray *row = json_array_sized_new (test->n_groups);

      json_object_set_string_member (o, "label", ep_levels_get_label (levels, k));
      if (levels->labels != NULL)
        json_object_set_string_member (o, "value", levels->levels[k]);
      json_object_set_int_member (o, "n", test->n[k]);
      json_object_set_double_member (o, "observed", test->observed[k]);
      json_object_set_double_member (o, "expected", test->expected[k]);
      json_array_add_object_element (groups, o);

      for (guint m = 0; m < test->n_groups; m++)
        json_array_add_double_element (row, test->var[k * test->n_groups + m]);
      json_array_add_array_element (var, row);
    }
  json_object_set_array_member (root, "groups", groups);
  json_object_set_array_member (root, "var", var);

  if (strata != NULL)
    {
      JsonArray *labels = json_array_sized_new (strata->n_levels);

      for (guint h = 0; h < strata->n_levels; h++)
        json_array_add_string_element (labels, strata->levels[h]);
      json_object_set_array_member (root, "strata", labels);
    }

  if (opt_r_script != NULL)
    {
      g_autofree char *surv = ep_cli_r_surv (NULL, opt.time, opt.status, NULL);
      g_autofree char *g = ep_cli_r_name (opt.group);
      g_autofree char *s = opt.strata != NULL ? ep_cli_r_name (opt.strata) : NULL;
      g_autoptr(GString) body = g_string_new (NULL);
      const char *columns[] = { opt.time, opt.status, opt.group,
                                opt.strata != NULL ? opt.strata : opt.time,
                                opt.start != NULL ? opt.start : opt.time, NULL };

      if (opt.start != NULL)
        {
          /* survdiff has no (start, stop] form: the same O - E and variance, written out */
          g_autofree char *st = ep_cli_r_string (opt.start);
          g_autofree char *t = ep_cli_r_string (opt.time);
          g_autofree char *e = ep_cli_r_string (opt.status);
          g_autofree char *gs = ep_cli_r_string (opt.group);

          g_string_append_printf (body,
                                  "# survdiff refuses (start, stop] data; the log-rank statistic over the risk\n"
                                  "# sets {start < t <= stop}, as endpoint-cli computes it:\n"
                                  "start <- d[[%s]]; stop <- d[[%s]]; event <- d[[%s]]; g <- as.character (d[[%s]])\n",
                                  st, t, e, gs);
          if (!opt_no_timefix)
            g_string_append (body,
                             "y <- aeqSurv (Surv (start, stop, event)); start <- y[, 1]; stop <- y[, 2]\n");
          g_string_append (body,
                           "lev <- sort (unique (g))\n"
                           "if (!anyNA (suppressWarnings (as.numeric (lev)))) lev <- lev[order (as.numeric (lev))]\n"
                           "O <- E <- rep (0, length (lev)); V <- matrix (0, length (lev), length (lev))\n"
                           "for (tt in sort (unique (stop[event == 1]))) {\n"
                           "  atr <- start < tt & stop >= tt; nr <- sum (atr); dd <- sum (atr & stop == tt & event == 1)\n"
                           "  nk <- sapply (lev, function (l) sum (atr & g == l))\n"
                           "  dk <- sapply (lev, function (l) sum (atr & g == l & stop == tt & event == 1))\n"
                           "  O <- O + dk; E <- E + dd * nk / nr\n"
                           "  if (nr > 1) V <- V + dd * (nr - dd) / (nr * (nr - 1)) * (diag (nk) - outer (nk, nk) / nr)\n"
                           "}\n"
                           "chisq <- drop ((O - E)[-1] %*% solve (V[-1, -1, drop = FALSE], (O - E)[-1]))\n"
                           "print (data.frame (group = lev, observed = O, expected = E)); print (chisq)\n"
                           "check <- c (chisq = chisq)\n");
        }
      else
        {
          g_string_append_printf (body,
                                  "sd <- survdiff (%s ~ %s%s%s%s, data = d, rho = %.17g%s)\n"
                                  "print (sd)\n"
                                  "check <- c (chisq = sd$chisq)\n",
                                  surv, g, s != NULL ? " + strata (" : "", s != NULL ? s : "",
                                  s != NULL ? ")" : "", opt_rho,
                                  opt_no_timefix ? ", timefix = FALSE" : "");
          if (opt_no_timefix)
            g_string_prepend (body,
                              "# survival 3.5-3's survdiff stops on timefix = FALSE (\"variable lengths\n"
                              "# differ\"); later versions take it.\n");
        }
      if (!ep_cli_rscript_write (opt_r_script, data, columns, cmdline, body->str, &error))
        return ep_cli_data_fail (COMMAND, error);
    }

  if (opt.timing)
    ep_cli_add_timing (root, parse_s, compute_s);

  node = json_node_init_object (json_node_alloc (), root);
  ep_cli_print_json (node);

  return EP_CLI_EXIT_OK;
}
