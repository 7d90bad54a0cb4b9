/* ep-cli-cif.c: endpoint-cli cif, cumulative incidence with competing risks as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli cif --csv F --time COL --status COL [--group COL] [--strata COL] [--rho R]
 *                  [--at T1,T2,..] [--no-curves] [--r-script FILE.R] [--sep SEP] [--timing]
 *
 * The JSON has the shape of tests/data/reference/expected/cr_sim_cif.json (cmprsk's cuminc,
 * timepoints and $Tests): per group the label and per cause the estimate and its standard
 * error at the --at times, plus the whole curve as cuminc returns it (time, estimate,
 * variance, with the corners of the steps duplicated); Gray's test per cause when there is a
 * --group. Status 0 is censored, every other whole number a cause.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "cli/ep-cli-rscript.h"
#include "core/ep-cif.h"
#include "io/ep-table.h"

#define COMMAND "cif"

/* The status column as cause codes: whole numbers, 0 or more (shared with endpoint-cli plot
 * cif through ep-cli-data.h). */
int *
ep_cli_cif_read_status (const EpCliData  *data,
                        const char       *column,
                        GError          **error)
{
  g_autofree double *values = NULL;
  g_autofree int *status = NULL;

  values = ep_cli_data_numbers (data, column, error);
  if (values == NULL)
    return NULL;

  status = g_new (int, MAX (data->n_rows, 1));
  for (guint i = 0; i < data->n_rows; i++)
    {
      if (!(values[i] >= 0 && values[i] <= G_MAXINT && values[i] == floor (values[i])))
        {
          g_autofree char *cell = ep_cli_data_cell (data, i, column);
          g_autofree char *shown = ep_value_excerpt (cell != NULL ? cell : "");

          g_set_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                       _("%s:%u: column \"%s\": \"%s\" is not a status code; use 0 for "
                         "censored and a whole number 1 or more for each cause"),
                       ep_cli_data_file_name (data), ep_cli_data_line (data, i), column,
                       shown);
          return NULL;
        }
      status[i] = (int) values[i];
    }

  return g_steal_pointer (&status);
}

/* cif --censor: status values equal as text or as numbers ("0" and "0.0") */
static gboolean
cif_same_code (const char *a,
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

/* The label of cause code c (1-based with --censor; the code itself otherwise): labels holds
 * one label per cause in code order, and fit->causes are ascending. */
static const char *
cause_label (GPtrArray         *labels,
             const EpCifResult *fit,
             int                code)
{
  for (guint c = 0; c < fit->n_causes && c < labels->len; c++)
    if (fit->causes[c] == code)
      return g_ptr_array_index (labels, c);

  return "?";
}

static JsonArray *
doubles_to_json (const double *values,
                 gsize         n)
{
  JsonArray *array = json_array_sized_new (n);

  for (gsize i = 0; i < n; i++)
    json_array_add_double_element (array, values[i]);

  return array;
}

static JsonObject *
cause_to_json (const EpCifCurve *curve,
               const char       *label,
               const GArray     *at,
               double            level,
               gboolean          with_curve)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "cause", label);
  json_object_set_int_member (o, "events", curve->n_events);

  if (at != NULL)
    {
      JsonArray *points = json_array_sized_new (at->len);

      for (guint k = 0; k < at->len; k++)
        {
          JsonObject *p = json_object_new ();
          double t = g_array_index (at, double, k);
          double estimate, variance;

          /* NaN (JSON null) past the group's last time, as timepoints() gives NA. */
          ep_cif_curve_at (curve, t, &estimate, &variance);
          json_object_set_double_member (p, "time", t);
          json_object_set_double_member (p, "estimate", estimate);
          json_object_set_double_member (p, "std_err", sqrt (variance));
          {
            double lower, upper;

            /* the pointwise log(-log) interval the app draws (ep_cif_loglog_ci) */
            ep_cif_loglog_ci (estimate, variance, level, &lower, &upper);
            json_object_set_double_member (p, "lower", lower);
            json_object_set_double_member (p, "upper", upper);
          }
          json_array_add_object_element (points, p);
        }
      json_object_set_array_member (o, "at", points);
    }

  if (with_curve)
    {
      JsonObject *c = json_object_new ();

      json_object_set_array_member (c, "time", doubles_to_json (curve->time, curve->n_points));
      json_object_set_array_member (c, "estimate",
                                    doubles_to_json (curve->estimate, curve->n_points));
      json_object_set_array_member (c, "variance",
                                    doubles_to_json (curve->variance, curve->n_points));
      json_object_set_object_member (o, "curve", c);
    }

  return o;
}

int
ep_cli_cif (int    argc,
            char **argv)
{
  g_auto(EpCliSurvivalOptions) opt = { .causes = TRUE };
  g_autofree char *opt_at = NULL;
  g_autofree char *opt_censor = NULL;
  double opt_level = 0.95;
  double opt_rho = 0.0;
  gboolean opt_no_curves = FALSE;
  g_autofree char *opt_r_script = NULL;
  g_autofree char *cmdline = g_strjoinv (" ", argv);
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt.csv),
    EP_CLI_OPTION_TIME (opt.time),
    { "status", 0, 0, G_OPTION_ARG_STRING, &opt.status,
      N_("The status column: 0 = censored, 1, 2, … = failure from that cause"), N_("COL") },
    { "censor", 0, 0, G_OPTION_ARG_STRING, &opt_censor,
      N_("The status value of censored rows; every other value, number or text, is a cause"),
      N_("VALUE") },
    { "conf-level", 0, 0, G_OPTION_ARG_DOUBLE, &opt_level,
      N_("Confidence level of the pointwise log(-log) intervals (default 0.95)"), N_("LEVEL") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &opt.group,
      N_("One set of curves per value of this column, compared by Gray's test"), N_("COL") },
    { "strata", 0, 0, G_OPTION_ARG_STRING, &opt.strata,
      N_("Stratify Gray's test by this column"), N_("COL") },
    { "rho", 0, 0, G_OPTION_ARG_DOUBLE, &opt_rho,
      N_("Power of the weight (1 - F(t-))^rho in Gray's test (default 0)"), N_("RHO") },
    EP_CLI_OPTION_AT (opt_at),
    { "no-curves", 0, 0, G_OPTION_ARG_NONE, &opt_no_curves,
      N_("Leave the whole curves out of the JSON"), NULL },
    EP_CLI_OPTION_LABELS,
    EP_CLI_OPTION_R_SCRIPT (opt_r_script),
    EP_CLI_OPTION_SEP (opt.sep),
    EP_CLI_OPTION_TIMING (opt.timing),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliSurvivalData) survival = NULL;
  g_autoptr(EpCliData) own_data = NULL;
  g_autoptr(EpLevels) own_groups = NULL;
  g_autoptr(EpLevels) own_strata = NULL;
  g_autoptr(EpLevels) status_levels = NULL;
  g_autofree double *own_time = NULL;
  g_autofree int *own_status = NULL;
  g_autoptr(GPtrArray) cause_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) at = NULL;
  g_autoptr(EpCifResult) fit = NULL;
  g_autoptr(EpGrayResult) gray = NULL;
  g_autoptr(GError) gray_error = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *groups, *causes, *warnings;
  const EpCliData *data;
  const EpLevels *levels, *strata;
  const double *time;
  const int *status;
  EpCliTimer timer;
  double parse_s, compute_s;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Cumulative incidence of each cause in the presence of competing "
                               "risks (Aalen-Johansen) with its variance, and Gray's test "
                               "between groups, as R's cmprsk::cuminc."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (!ep_cli_survival_options_check (&opt, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (opt.strata != NULL && opt.group == NULL)
    return ep_cli_usage_error (COMMAND, _("--strata stratifies Gray's test, which needs --group"));
  if (!isfinite (opt_rho))
    return ep_cli_usage_error (COMMAND, _("--rho must be a finite number"));
  if (!ep_cli_parse_at (opt_at, &at, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (!(opt_level > 0.0 && opt_level < 1.0))
    return ep_cli_usage_error (COMMAND, _("--conf-level must be between 0 and 1, not %g"),
                               opt_level);

  ep_cli_timer_start (&timer);

  if (opt_censor == NULL)
    {
      survival = ep_cli_survival_data_load (&opt, &error);
      if (survival == NULL)
        return ep_cli_data_fail (COMMAND, error);
      data = survival->data;
      time = survival->time;
      status = survival->status;
      levels = survival->groups;
      strata = survival->strata;
    }
  else
    {
      /* Status codes as text: --censor is 0, the other values are causes 1, 2, ... in their
       * sorted order (numeric when every value is a number), reported by their text. */
      const char *names[5] = { opt.time, opt.status, NULL, NULL, NULL };
      const EpCliColumnKind kinds[4] = { EP_CLI_COLUMN_NUMBER, EP_CLI_COLUMN_FACTOR,
                                         EP_CLI_COLUMN_FACTOR, EP_CLI_COLUMN_FACTOR };
      guint n_names = 2;
      g_autofree gint *cause_of = NULL;
      gint next = 1;

      if (opt.group != NULL)
        names[n_names++] = opt.group;
      if (opt.strata != NULL)
        names[n_names++] = opt.strata;
      own_data = ep_cli_data_load_typed (opt.csv, opt.sep, names, kinds, &error);
      if (own_data == NULL)
        return ep_cli_data_fail (COMMAND, error);
      if (own_data->n_rows == 0)
        {
          g_set_error (&error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_NO_ROWS,
                       _("%s: no rows with a value in every column used (%u dropped for missing values)"),
                       ep_cli_data_file_name (own_data), own_data->n_dropped);
          return ep_cli_data_fail (COMMAND, error);
        }
      own_time = ep_cli_data_times (own_data, opt.time, &error);
      if (own_time == NULL)
        return ep_cli_data_fail (COMMAND, error);
      status_levels = ep_cli_data_levels (own_data, opt.status);
      cause_of = g_new0 (gint, status_levels->n_levels);
      for (guint l = 0; l < status_levels->n_levels; l++)
        if (cif_same_code (status_levels->levels[l], opt_censor))
          cause_of[l] = 0;
        else
          {
            cause_of[l] = next++;
            /* the status column's value labels from --labels are the cause labels */
            g_ptr_array_add (cause_labels, g_strdup (ep_levels_get_label (status_levels, l)));
          }
      own_status = g_new (int, own_data->n_rows);
      for (guint i = 0; i < own_data->n_rows; i++)
        own_status[i] = cause_of[status_levels->codes[i]];
      if (opt.group != NULL)
        own_groups = ep_cli_data_levels (own_data, opt.group);
      if (opt.strata != NULL)
        own_strata = ep_cli_data_levels (own_data, opt.strata);
      data = own_data;
      time = own_time;
      status = own_status;
      levels = own_groups;
      strata = own_strata;
    }

  parse_s = ep_cli_timer_lap (&timer);

  fit = ep_cif_fit (time, status,
                    levels != NULL ? levels->codes : NULL,
                    levels != NULL ? levels->n_levels : 1,
                    data->n_rows, &error);
  if (fit == NULL)
    return ep_cli_data_fail (COMMAND, error);
  if (levels != NULL)
    gray = ep_gray_test (time, status, levels->codes, levels->n_levels,
                         strata != NULL ? strata->codes : NULL,
                         strata != NULL ? strata->n_levels : 1,
                         data->n_rows, opt_rho, &gray_error);

  compute_s = ep_cli_timer_lap (&timer);

  root = json_object_new ();
  warnings = json_array_new ();
  json_object_set_string_member (root, "analysis", "cif");
  json_object_set_int_member (root, "n", data->n_rows);
  json_object_set_int_member (root, "n_dropped", data->n_dropped);

  if (opt_censor == NULL)
    for (guint c = 0; c < fit->n_causes; c++)
      g_ptr_array_add (cause_labels, g_strdup_printf ("%d", fit->causes[c]));
  else
    json_object_set_string_member (root, "censor", opt_censor);
  json_object_set_double_member (root, "level", opt_level);
  causes = json_array_sized_new (fit->n_causes);
  for (guint c = 0; c < fit->n_causes; c++)
    json_array_add_string_element (causes, cause_label (cause_labels, fit, fit->causes[c]));
  json_object_set_array_member (root, "causes", causes);
  if (fit->n_causes == 0)
    json_array_add_string_element (warnings,
                                   _("every observation is censored: there is no cause to "
                                     "estimate"));

  groups = json_array_sized_new (fit->n_groups);
  for (guint g = 0; g < fit->n_groups; g++)
    {
      JsonObject *o = json_object_new ();
      JsonArray *group_causes = json_array_sized_new (fit->n_causes);

      json_object_set_string_member (o, "label", levels != NULL ? ep_levels_get_label (levels, g) : "all");
      if (levels != NULL && levels->labels != NULL)
        json_object_set_string_member (o, "value", levels->levels[g]);
      json_object_set_int_member (o, "n", fit->n[g]);
      for (guint c = 0; c < fit->n_causes; c++)
        json_array_add_object_element (group_causes,
                                       cause_to_json (ep_cif_result_get_curve (fit, g, c),
                                                      cause_label (cause_labels, fit,
                                                                   fit->causes[c]),
                                                      at, opt_level, !opt_no_curves));
      json_object_set_array_member (o, "causes", group_causes);
      json_array_add_object_element (groups, o);
    }
  json_object_set_array_member (root, "groups", groups);

  if (levels != NULL)
    {
      if (gray != NULL)
        {
          JsonArray *tests = json_array_sized_new (gray->n_causes);

          for (guint c = 0; c < gray->n_causes; c++)
            {
              const EpGrayCause *test = &gray->causes[c];
              JsonObject *o = json_object_new ();

              json_object_set_string_member (o, "cause", cause_label (cause_labels, fit, test->cause));
              json_object_set_double_member (o, "stat", test->stat);
              json_object_set_int_member (o, "df", test->df);
              json_object_set_double_member (o, "p", test->p);
              json_object_set_boolean_member (o, "singular", test->singular);
              json_array_add_object_element (tests, o);
              if (test->singular)
                {
                  g_autofree char *message =
                    g_strdup_printf (_("Gray's test for cause %s cannot be computed: the "
                                       "variance of its scores is singular (a group is never "
                                       "at risk when this cause occurs?)"),
                                     cause_label (cause_labels, fit, test->cause));

                  json_array_add_string_element (warnings, message);
                }
            }
          json_object_set_array_member (root, "gray", tests);
          json_object_set_double_member (root, "rho", gray->rho);
          if (opt.strata != NULL)
            json_object_set_string_member (root, "strata", opt.strata);
        }
      else if (g_error_matches (gray_error, EP_CIF_ERROR, EP_CIF_ERROR_TOO_FEW_GROUPS))
        {
          g_autofree char *message =
            g_strdup_printf (_("Gray's test compares groups, and column \"%s\" has only one "
                               "value (\"%s\"): no test"), opt.group, levels->levels[0]);

          json_object_set_null_member (root, "gray");
          json_array_add_string_element (warnings, message);
        }
      else
        return ep_cli_data_fail (COMMAND, gray_error);
    }

  json_object_set_array_member (root, "warnings", warnings);

  if (opt_r_script != NULL)
    {
      g_autofree char *t = ep_cli_r_string (opt.time);
      g_autofree char *st = ep_cli_r_string (opt.status);
      g_autofree char *gr = opt.group != NULL ? ep_cli_r_string (opt.group) : NULL;
      g_autofree char *sr = opt.strata != NULL ? ep_cli_r_string (opt.strata) : NULL;
      g_autofree char *group_expr = gr != NULL ? g_strdup_printf ("as.character (d[[%s]])", gr)
                                               : g_strdup ("rep (\"all\", nrow (d))");
      g_autofree char *cencode = opt_censor != NULL ? ep_cli_r_string (opt_censor) : g_strdup ("0");
      g_autoptr(GString) times = g_string_new (NULL);
      g_autoptr(GString) body = g_string_new (NULL);
      const char *columns[] = { opt.time, opt.status, opt.group != NULL ? opt.group : opt.time,
                                opt.strata != NULL ? opt.strata : opt.time, NULL };

      for (guint a = 0; at != NULL && a < at->len; a++)
        g_string_append_printf (times, "%s%.17g", a > 0 ? ", " : "", g_array_index (at, double, a));
      g_string_append_printf (body,
                              "library (cmprsk)\n"
                              "ft <- d[[%s]]\n"
                              "fs <- %s (d[[%s]])\n"
                              "g <- %s\n"
                              "fit <- cuminc (ft, fs, group = g%s%s%s, rho = %.17g, cencode = %s)\n"
                              "print (fit)\n"
                              "check <- c ()\n"
                              "if (!is.null (fit$Tests))\n"
                              "  check <- c (check, setNames (fit$Tests[, \"stat\"], paste0 (\"gray:\", rownames (fit$Tests))))\n",
                              t, opt_censor != NULL ? "as.character" : "", st,
                              group_expr,
                              sr != NULL ? ", strata = d[[" : "", sr != NULL ? sr : "", sr != NULL ? "]]" : "",
                              opt_rho, cencode);
      if (times->len > 0)
        g_string_append_printf (body,
                                "at <- c (%s)\n"
                                "tp <- timepoints (fit, times = at)\n"
                                "print (tp)\n"
                                "for (r in rownames (tp$est)) for (k in seq_along (at))\n"
                                "  check[paste0 (\"cif:\", r, \"@\", format (at[k], digits = 17))] <- tp$est[r, k]\n",
                                times->str);
      if (!ep_cli_rscript_write (opt_r_script, data, columns, cmdline, body->str, &error))
        return ep_cli_data_fail (COMMAND, error);
    }

  if (opt.timing)
    ep_cli_add_timing (root, parse_s, compute_s);

  node = json_node_init_object (json_node_alloc (), root);
  ep_cli_print_json (node);

  return EP_CLI_EXIT_OK;
}
