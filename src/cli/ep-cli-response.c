/* ep-cli-response.c: endpoint-cli response, response rates by group as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli response --csv F --outcome COL --success V1,V2 [--group COL] [--conf-level 0.95]
 *                       [--sep SEP]
 *
 * The file goes through the cohort import (so --csv may also be an SPSS, Stata or SAS file) and
 * the analysis through ep_cohort_response(), the code the Cohorts page runs:
 *   {"analysis": "response", "groups": [{"label", "n", "successes", "pct", "lower", "upper"}],
 *    "fisher_p", "chisq", "chisq_df", "chisq_p", ...}
 * pct in percent, lower/upper the Clopper-Pearson limits as proportions (binom.test), fisher_p
 * as fisher.test on the 2 x k table, chisq as chisq.test (correct = FALSE); the tests are null
 * with a single group. Groups in ep-levels order (numeric when every value is a number).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "model/ep-cohort.h"

#define COMMAND "response"

int
ep_cli_response (int    argc,
                 char **argv)
{
  g_autofree char *opt_csv = NULL;
  g_autofree char *opt_sep = NULL;
  g_autofree char *opt_outcome = NULL;
  g_autofree char *opt_success = NULL;
  g_autofree char *opt_group = NULL;
  double opt_conf_level = 0.95;
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_csv,
      N_("The data file (CSV with a header row, or SPSS, Stata, SAS)"), N_("FILE") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &opt_outcome,
      N_("The outcome column (e.g. the response)"), N_("COL") },
    { "success", 0, 0, G_OPTION_ARG_STRING, &opt_success,
      N_("The outcome values that count as a response"), N_("V1,V2,…") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &opt_group,
      N_("Compare the groups of this column"), N_("COL") },
    { "conf-level", 0, 0, G_OPTION_ARG_DOUBLE, &opt_conf_level,
      N_("Confidence level between 0 and 1 (default 0.95)"), N_("LEVEL") },
    EP_CLI_OPTION_SEP (opt_sep),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = NULL;
  g_autoptr(EpResponse) response = NULL;
  g_autoptr(EpLevels) levels = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) success = NULL;
  JsonArray *groups, *values;
  EpImportOptions options;
  guint n_dropped = 0, n = 0;
  char sep;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Response rates by group: counts, percentages with exact "
                               "(Clopper-Pearson) confidence intervals, Fisher's exact test and "
                               "the chi-square test, as R's binom.test, fisher.test and "
                               "chisq.test (correct = FALSE)."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (opt_csv == NULL)
    return ep_cli_usage_error (COMMAND, _("--csv is required"));
  if (opt_outcome == NULL)
    return ep_cli_usage_error (COMMAND, _("--outcome is required"));
  if (opt_success == NULL)
    return ep_cli_usage_error (COMMAND, _("--success is required"));
  success = ep_cli_split_names (opt_success);
  if (success[0] == NULL)
    return ep_cli_usage_error (COMMAND, _("--success needs at least one value"));
  if (!(opt_conf_level > 0.0 && opt_conf_level < 1.0))
    return ep_cli_usage_error (COMMAND, _("--conf-level must be between 0 and 1, e.g. 0.95"));
  if (!ep_cli_parse_sep (opt_sep, &sep))
    return ep_cli_usage_error (COMMAND, _("--sep must be “,”, “;” or “tab”, not “%s”"), opt_sep);

  ep_import_options_init (&options);
  options.sep = opt_sep != NULL ? sep : 0;
  options.sheet = ep_cli_data_sheet;
  cohort = ep_cohort_new_from_file (opt_csv, &options, &error);
  if (cohort == NULL)
    return ep_cli_data_error (error);

  response = ep_cohort_response (cohort, opt_outcome, (const char * const *) success, opt_group,
                                 opt_conf_level, &levels, &n_dropped, &error);
  if (response == NULL)
    return ep_cli_data_error (error);

  root = json_object_new ();
  json_object_set_string_member (root, "analysis", "response");
  json_object_set_string_member (root, "outcome", opt_outcome);
  values = json_array_new ();
  for (guint k = 0; success[k] != NULL; k++)
    json_array_add_string_element (values, success[k]);
  json_object_set_array_member (root, "success", values);
  if (opt_group != NULL)
    json_object_set_string_member (root, "group", opt_group);
  json_object_set_double_member (root, "conf_level", opt_conf_level);

  groups = json_array_sized_new (response->n_groups);
  for (guint g = 0; g < response->n_groups; g++)
    {
      const EpResponseGroup *rg = &response->groups[g];
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "label", levels != NULL ? levels->levels[g] : "all");
      json_object_set_int_member (o, "n", rg->n);
      json_object_set_int_member (o, "successes", rg->successes);
      json_object_set_double_member (o, "pct", rg->pct);
      json_object_set_double_member (o, "lower", rg->lower);
      json_object_set_double_member (o, "upper", rg->upper);
      json_array_add_object_element (groups, o);
      n += rg->n;
    }
  json_object_set_int_member (root, "n", n);
  json_object_set_int_member (root, "n_dropped", n_dropped);
  json_object_set_array_member (root, "groups", groups);
  json_object_set_double_member (root, "fisher_p", response->fisher_p);
  json_object_set_double_member (root, "chisq", response->chisq);
  if (isnan (response->chisq))
    json_object_set_null_member (root, "chisq_df");
  else
    json_object_set_int_member (root, "chisq_df", response->chisq_df);
  json_object_set_double_member (root, "chisq_p", response->chisq_p);
  json_object_set_boolean_member (root, "chisq_small_expected", response->chisq_small_expected);

  node = json_node_init_object (json_node_alloc (), root);
  ep_cli_print_json (node);

  return EP_CLI_EXIT_OK;
}
