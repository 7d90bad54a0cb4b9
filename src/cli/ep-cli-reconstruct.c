/* ep-cli-reconstruct.c: endpoint-cli reconstruct, patient data from a digitized KM curve
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli reconstruct --points points.csv [--at-risk nrisk.csv] [--total-events N]
 *                          [--total N] [--arm LABEL] --out ipd.csv [--sep SEP]
 *
 * points.csv has the columns time,surv (survival as a proportion; what endpoint-cli digitize
 * writes), nrisk.csv time,n_risk (the figure's number-at-risk table). The method is Guyot et al.
 * 2012 (ep_reconstruct() in src/core/ep-reconstruct.h). ipd.csv gets time,status (1 event,
 * 0 censored), with --arm also arm (the label on every row: files of several arms
 * concatenated make one cohort for km/logrank/cox --group arm), and stdout one JSON object:
 *   {"analysis": "reconstruct", "n", "events", "censored", "n_points", "rmse", "max_abs_diff",
 *    "at_risk": [{"time", "n_risk", "n_risk_hat"}], "warnings": [...], "out"}
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "core/ep-reconstruct.h"

#define COMMAND "reconstruct"

/* time,status[,arm]; the arm's label quoted as CSV, quotes doubled. */
static gboolean
write_ipd (const char                *path,
           const EpReconstructResult *result,
           const char                *arm,
           GError                   **error)
{
  g_autoptr(GString) text = g_string_new (arm != NULL ? "time,status,arm\n" : "time,status\n");
  g_autoptr(GString) label = g_string_new (arm);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (arm != NULL)
    {
      g_string_replace (label, "\"", "\"\"", 0);
      g_string_prepend_c (label, '"');
      g_string_append_c (label, '"');
    }
  for (gsize i = 0; i < result->n; i++)
    g_string_append_printf (text, arm != NULL ? "%s,%d,%s\n" : "%s,%d\n",
                            g_ascii_formatd (buffer, sizeof buffer, "%.10g", result->time[i]),
                            result->status[i], label->str);
  return g_file_set_contents (path, text->str, text->len, error);
}

int
ep_cli_reconstruct (int    argc,
                    char **argv)
{
  g_autofree char *opt_points = NULL;
  g_autofree char *opt_at_risk = NULL;
  g_autofree char *opt_out = NULL;
  g_autofree char *opt_sep = NULL;
  g_autofree char *opt_arm = NULL;
  int opt_total_events = -1;
  int opt_total = -1;
  const GOptionEntry entries[] = {
    { "points", 0, 0, G_OPTION_ARG_FILENAME, &opt_points,
      N_("The digitized curve: CSV with the columns time and surv (a proportion)"), N_("FILE") },
    { "at-risk", 0, 0, G_OPTION_ARG_FILENAME, &opt_at_risk,
      N_("The number-at-risk table: CSV with the columns time and n_risk"), N_("FILE") },
    { "total-events", 0, 0, G_OPTION_ARG_INT, &opt_total_events,
      N_("The published total number of events"), N_("N") },
    { "total", 0, 0, G_OPTION_ARG_INT, &opt_total,
      N_("The number of patients (needed without an at-risk row at time 0)"), N_("N") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out,
      N_("Write the patients here: CSV with the columns time and status"), N_("FILE") },
    { "arm", 0, 0, G_OPTION_ARG_STRING, &opt_arm,
      N_("Add an arm column with this label (a cohort to compare with others)"), N_("LABEL") },
    EP_CLI_OPTION_SEP (opt_sep),
    { NULL }
  };
  const char *point_columns[] = { "time", "surv", NULL };
  const char *risk_columns[] = { "time", "n_risk", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) points = NULL;
  g_autoptr(EpCliData) at_risk = NULL;
  g_autoptr(EpReconstructResult) result = NULL;
  g_autofree double *t = NULL, *s = NULL, *rt = NULL, *rn = NULL;
  g_autofree guint *point_lines = NULL, *risk_lines = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *points_name = NULL, *at_risk_name = NULL;
  EpReconstructOptions options;
  JsonArray *array;
  gsize n_risk_rows = 0;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Reconstruct patient-level data (time, status) from a digitized "
                               "Kaplan-Meier curve and its number-at-risk table, by the "
                               "algorithm of Guyot et al. (BMC Med Res Methodol 2012;12:9)."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (opt_points == NULL)
    return ep_cli_usage_error (COMMAND, _("--points is required"));
  if (opt_out == NULL)
    return ep_cli_usage_error (COMMAND, _("--out is required"));
  if (opt_total_events < -1 || opt_total < -1)
    return ep_cli_usage_error (COMMAND, _("--total and --total-events must be 0 or more"));
  if (opt_at_risk == NULL && opt_total < 0)
    return ep_cli_usage_error (COMMAND, _("without --at-risk, --total is required"));

  points = ep_cli_data_load (opt_points, opt_sep, point_columns, &error);
  if (points == NULL)
    return ep_cli_data_fail (COMMAND, error);
  t = ep_cli_data_numbers (points, "time", &error);
  if (t == NULL)
    return ep_cli_data_fail (COMMAND, error);
  s = ep_cli_data_numbers (points, "surv", &error);
  if (s == NULL)
    return ep_cli_data_fail (COMMAND, error);
  point_lines = g_new (guint, MAX (points->n_rows, 1));
  for (guint i = 0; i < points->n_rows; i++)
    point_lines[i] = ep_cli_data_line (points, i);
  points_name = g_path_get_basename (opt_points);

  if (opt_at_risk != NULL)
    {
      at_risk = ep_cli_data_load (opt_at_risk, opt_sep, risk_columns, &error);
      if (at_risk == NULL)
        return ep_cli_data_fail (COMMAND, error);
      rt = ep_cli_data_numbers (at_risk, "time", &error);
      if (rt == NULL)
        return ep_cli_data_fail (COMMAND, error);
      rn = ep_cli_data_numbers (at_risk, "n_risk", &error);
      if (rn == NULL)
        return ep_cli_data_fail (COMMAND, error);
      n_risk_rows = at_risk->n_rows;
      risk_lines = g_new (guint, MAX (n_risk_rows, 1));
      for (guint i = 0; i < n_risk_rows; i++)
        risk_lines[i] = ep_cli_data_line (at_risk, i);
      at_risk_name = g_path_get_basename (opt_at_risk);
    }

  ep_reconstruct_options_init (&options);
  options.total_events = opt_total_events;
  options.total = opt_total;
  options.points_name = points_name;
  options.points_lines = point_lines;
  options.at_risk_name = at_risk_name;
  options.at_risk_lines = risk_lines;

  result = ep_reconstruct (t, s, points->n_rows, rt, rn, n_risk_rows, &options, &error);
  if (result == NULL)
    return ep_cli_data_error (error);

  if (!write_ipd (opt_out, result, opt_arm, &error))
    return ep_cli_data_error (error);

  root = json_object_new ();
  json_object_set_string_member (root, "analysis", "reconstruct");
  json_object_set_string_member (root, "method", "guyot2012");
  json_object_set_int_member (root, "n", result->n);
  json_object_set_int_member (root, "events", result->events);
  json_object_set_int_member (root, "censored", result->censored);
  json_object_set_int_member (root, "n_points", result->n_points);
  json_object_set_double_member (root, "rmse", result->rmse);
  json_object_set_double_member (root, "max_abs_diff", result->max_abs_diff);
  array = json_array_new ();
  for (gsize i = 0; i < result->n_intervals; i++)
    {
      JsonObject *o = json_object_new ();

      json_object_set_double_member (o, "time", result->intervals[i].time);
      json_object_set_int_member (o, "n_risk", result->intervals[i].n_risk);
      json_object_set_int_member (o, "n_risk_hat", result->intervals[i].n_risk_hat);
      json_array_add_object_element (array, o);
    }
  json_object_set_array_member (root, "at_risk", array);
  array = json_array_new ();
  for (guint i = 0; result->warnings[i] != NULL; i++)
    json_array_add_string_element (array, result->warnings[i]);
  json_object_set_array_member (root, "warnings", array);
  json_object_set_string_member (root, "out", opt_out);

  node = json_node_init_object (json_node_alloc (), root);
  ep_cli_print_json (node);

  return EP_CLI_EXIT_OK;
}
