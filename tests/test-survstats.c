/* test-survstats.c: the reviewer's survival statistics of issue 16 (core and CLI contract)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers against R are in the reference harness (tests/data/reference, cases made by
 * make_survstats.R: rmst, followup, ties_*, *_zph, entry_*, response_landmark). Here: the
 * building blocks on inputs small enough to check by hand, and the CLI's errors.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/ep-bias.h"
#include "core/ep-km.h"
#include "core/ep-landmark.h"
#include "core/ep-rmst.h"
#include "core/ep-timefix.h"
#include "ep-test-cli.h"

/* aeqSurv: 0.1 + 0.2 joins 0.3 (relative difference 1.9e-16); 1e-9 apart joins (absolute
 * rule); 0.3001 stays. */
static void
test_timefix_rule (void)
{
  const double stop[] = { 0.3, 0.1 + 0.2, 0.3001, 5.0, 5.0 + 1e-9, 7.0 };
  double fixed[G_N_ELEMENTS (stop)];
  gsize changed;

  changed = ep_timefix (G_N_ELEMENTS (stop), NULL, stop, EP_TIMEFIX_TOLERANCE, NULL, fixed);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (fixed[1] == 0.3);
  g_assert_true (fixed[2] == 0.3001);
  g_assert_true (fixed[4] == 5.0);
  g_assert_true (fixed[5] == 7.0);

  /* tolerance 0: nothing moves (timefix = FALSE) */
  changed = ep_timefix (G_N_ELEMENTS (stop), NULL, stop, 0.0, NULL, fixed);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (fixed[1] == 0.1 + 0.2);
}

/* ep_km_fit applies the rule by default and says so; ep_km_fit_full can turn it off. */
static void
test_timefix_km (void)
{
  const double time[] = { 0.3, 0.1 + 0.2, 1.0, 2.0 };
  const int status[] = { 1, 1, 0, 1 };
  g_autoptr(EpKmResult) merged = NULL;
  g_autoptr(EpKmResult) apart = NULL;
  EpKmOptions options;

  merged = ep_km_fit (time, status, NULL, 1, 4, EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, NULL);
  g_assert_true (merged->timefix);
  g_assert_cmpuint (merged->n_timefix, ==, 1);
  g_assert_cmpuint (merged->curves[0].n_steps, ==, 3);
  g_assert_cmpuint (merged->curves[0].steps[0].n_event, ==, 2);

  ep_km_options_init (&options);
  options.timefix = FALSE;
  apart = ep_km_fit_full (NULL, time, status, NULL, 1, 4, &options, NULL, 0, NULL);
  g_assert_false (apart->timefix);
  g_assert_cmpuint (apart->n_timefix, ==, 0);
  g_assert_cmpuint (apart->curves[0].n_steps, ==, 4);
  /* the product is the same, the Greenwood variance is not: 4 at risk with 2 deaths vs
   * 4 then 3 with one death each */
  g_assert_cmpfloat_with_epsilon (apart->curves[0].steps[1].surv, 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (merged->curves[0].steps[0].surv, 0.5, 1e-15);
}

/* RMST by hand: times 2 (event), 4 (event), 6 (censored) in 3 patients, tau 5.
 * S = 1 on [0, 2), 2/3 on [2, 4), 1/3 on [4, 5]: rmst = 2 + 2 * 2/3 + 1 * 1/3 = 11/3.
 * hh: at 2, 1 / (3 * 2); at 4, 1 / (2 * 1). Areas after: from 2, 2 * 2/3 + 1/3 = 5/3; from 4,
 * 1/3. var = (5/3)^2 / 6 + (1/3)^2 / 2 = 25/54 + 1/18 = 28/54. */
static void
test_rmst_by_hand (void)
{
  const double time[] = { 2, 4, 6 };
  const int status[] = { 1, 1, 0 };
  g_autoptr(EpKmResult) km = ep_km_fit (time, status, NULL, 1, 3, EP_KM_CONF_LOG_LOG, 0.95,
                                        NULL, 0, NULL);
  g_autoptr(EpRmstResult) rmst = NULL;
  g_autoptr(GError) error = NULL;

  rmst = ep_rmst_from_km (km, 5.0, 0.95, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (rmst->groups[0].rmst, 11.0 / 3.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (rmst->groups[0].se, sqrt (28.0 / 54.0), 1e-14);
  g_assert_false (rmst->groups[0].tau_beyond_data);
  g_assert_cmpuint (rmst->n_contrasts, ==, 0);

  /* beyond the last time the curve is carried flat: 11/3 + 3 * 1/3 at tau 8 */
  g_clear_pointer (&rmst, ep_rmst_result_free);
  rmst = ep_rmst_from_km (km, 8.0, 0.95, &error);
  g_assert_cmpfloat_with_epsilon (rmst->groups[0].rmst, 11.0 / 3.0 + 1.0, 1e-14);
  g_assert_true (rmst->groups[0].tau_beyond_data);

  g_clear_pointer (&rmst, ep_rmst_result_free);
  rmst = ep_rmst_from_km (km, 0.0, 0.95, &error);
  g_assert_null (rmst);
  g_assert_error (error, EP_RMST_ERROR, EP_RMST_ERROR_INVALID_TAU);
}

/* tmerge's split: responder at 3 of 10 -> (0,3] state 0 and (3,10] state 1 with the event;
 * response at 10 (the end) or none -> one row state 0; response at 0 -> one row state 1. */
static void
test_split_response (void)
{
  const double time[] = { 10, 10, 8, 5 };
  const int status[] = { 1, 0, 1, 0 };
  const double response[] = { 3, 10, NAN, 0 };
  g_autoptr(EpTdSplit) split = ep_td_split_response (time, status, response, 4);

  g_assert_cmpuint (split->n, ==, 5);
  g_assert_cmpuint (split->n_responders, ==, 2);
  g_assert_true (split->stop[0] == 3 && split->event[0] == 0 && split->state[0] == 0);
  g_assert_true (split->start[1] == 3 && split->stop[1] == 10 && split->event[1] == 1 &&
                 split->state[1] == 1);
  g_assert_true (split->state[2] == 0 && split->stop[2] == 10);
  g_assert_true (split->state[3] == 0 && split->event[3] == 1);
  g_assert_true (split->state[4] == 1 && split->start[4] == 0);
}

/* Landmark at 4: the patient censored at 4 is out; response at 4 counts, at 6 does not. */
static void
test_landmark_select (void)
{
  const double time[] = { 4, 9, 12, 7 };
  const int status[] = { 0, 1, 0, 1 };
  const double response[] = { 2, 4, 6, NAN };
  g_autoptr(EpLandmarkSet) set = ep_landmark_select (time, status, response, 4, 4.0);

  g_assert_cmpuint (set->n, ==, 3);
  g_assert_cmpuint (set->n_excluded, ==, 1);
  g_assert_cmpfloat (set->time[0], ==, 5.0);
  g_assert_cmpuint (set->responded[0], ==, 1);
  g_assert_cmpuint (set->responded[1], ==, 0);
  g_assert_cmpuint (set->responded[2], ==, 0);
}

/* The columns of the seed 004 example (data/examples/seed004-blinatumomab.csv). */
static void
test_bias_names (void)
{
  const char *further[] = { "Blina", "Allo-HSCT", "CART+allo-HSCT", "None", NULL };
  const char *outcome[] = { "Alive", "Dead", NULL };
  const char *risk[] = { "Poor", "Standard", NULL };

  g_assert_cmpint (ep_bias_post_baseline ("response", NULL), ==, EP_BIAS_RESPONSE);
  g_assert_cmpint (ep_bias_post_baseline ("mrd_negative", NULL), ==, EP_BIAS_MRD);
  g_assert_cmpint (ep_bias_post_baseline ("Best response (CR/CRi)", NULL), ==, EP_BIAS_RESPONSE);
  g_assert_cmpint (ep_bias_post_baseline ("further_therapy", further), ==, EP_BIAS_TRANSPLANT);
  g_assert_cmpint (ep_bias_post_baseline ("HSCT", NULL), ==, EP_BIAS_TRANSPLANT);
  /* baseline columns: no warning; "cr" only as a whole word */
  g_assert_cmpint (ep_bias_post_baseline ("risk", risk), ==, EP_BIAS_NONE);
  g_assert_cmpint (ep_bias_post_baseline ("high_burden", NULL), ==, EP_BIAS_NONE);
  g_assert_cmpint (ep_bias_post_baseline ("creatinine", NULL), ==, EP_BIAS_NONE);
  g_assert_cmpint (ep_bias_post_baseline ("disease_status", NULL), ==, EP_BIAS_NONE);

  g_assert_true (ep_bias_is_relapse_name ("relapse"));
  g_assert_true (ep_bias_is_relapse_name ("Time to progression"));
  g_assert_true (ep_bias_is_relapse_name ("CIR"));
  g_assert_false (ep_bias_is_relapse_name ("OS"));
  /* relapse-free survival counts death as an event: no competing risk */
  g_assert_false (ep_bias_is_relapse_name ("relapse_free_survival"));
  g_assert_false (ep_bias_is_relapse_name ("Progression-free survival"));

  g_assert_true (ep_bias_records_death ("outcome", outcome));
  g_assert_true (ep_bias_records_death ("cause_of_death", NULL));
  g_assert_false (ep_bias_records_death ("risk", risk));
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "reference", "data", name, NULL);
}

/* The JSON says when times were merged, and --no-timefix keeps them apart. */
static void
test_cli_times_merged (void)
{
  g_autofree char *csv = data_path ("ties.csv");
  g_auto(EpTestCliRun) run = { 0, };
  g_auto(EpTestCliRun) run2 = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonObject *root;

  ep_test_cli_run (&run, "logrank", "--csv", csv, "--time", "time", "--event", "status",
                   "--group", "group", NULL);
  root = ep_test_cli_parse_json (&run, parser);
  g_assert_true (json_object_get_boolean_member (root, "timefix"));
  g_assert_cmpint (json_object_get_int_member (root, "times_merged"), >, 0);

  ep_test_cli_run (&run2, "logrank", "--csv", csv, "--time", "time", "--event", "status",
                   "--group", "group", "--no-timefix", NULL);
  root = ep_test_cli_parse_json (&run2, parser2);
  g_assert_false (json_object_get_boolean_member (root, "timefix"));
  g_assert_cmpint (json_object_get_int_member (root, "times_merged"), ==, 0);
}

static void
assert_usage_error (EpTestCliRun *run,
                    const char   *part)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, part));
}

static void
test_cli_errors (void)
{
  g_autofree char *aml = data_path ("aml.csv");
  g_autofree char *resp = data_path ("response.csv");
  g_auto(EpTestCliRun) r1 = { 0, };
  g_auto(EpTestCliRun) r2 = { 0, };
  g_auto(EpTestCliRun) r3 = { 0, };
  g_auto(EpTestCliRun) r4 = { 0, };
  g_auto(EpTestCliRun) r5 = { 0, };

  ep_test_cli_run (&r1, "rmst", "--csv", aml, "--time", "time", "--event", "status", NULL);
  assert_usage_error (&r1, "--tau is required");
  ep_test_cli_run (&r2, "rmst", "--csv", aml, "--time", "time", "--event", "status",
                   "--tau", "-1", NULL);
  assert_usage_error (&r2, "--tau must be");
  ep_test_cli_run (&r3, "landmark", "--csv", resp, "--time", "time", "--event", "status",
                   "--landmark", "6", NULL);
  assert_usage_error (&r3, "--response-time is required");
  ep_test_cli_run (&r4, "cox", "--csv", aml, "--time", "time", "--event", "status",
                   "--covariates", "x", "--factors", "x", "--zph", "--transform", "sqrt", NULL);
  assert_usage_error (&r4, "--transform must be");

  /* a response time that is not a number names file, line and column */
  ep_test_cli_run (&r5, "landmark", "--csv", aml, "--time", "time", "--event", "status",
                   "--response-time", "x", "--landmark", "6", NULL);
  g_assert_cmpint (r5.status, ==, 1);
  g_assert_nonnull (strstr (r5.err, "aml.csv:2"));
  g_assert_nonnull (strstr (r5.err, "x"));
}

/* --split-out writes the (start, stop] rows that the Mantel-Byar test used. */
static void
test_cli_split_out (void)
{
  g_autofree char *resp = data_path ("response.csv");
  g_autofree char *dir = ep_test_make_temp_dir ("test-survstats-XXXXXX");
  g_autofree char *out = g_build_filename (dir, "split.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(EpTestCliRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  JsonObject *root;

  ep_test_cli_run (&run, "landmark", "--csv", resp, "--time", "time", "--event", "status",
                   "--response-time", "rtime", "--landmark", "6", "--split-out", out, NULL);
  root = ep_test_cli_parse_json (&run, parser);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "id,tstart,tstop,event,state");
  /* header + rows + the empty string after the last newline */
  g_assert_cmpint (g_strv_length (lines) - 2, ==,
                   json_object_get_int_member (json_object_get_object_member (root, "mantel_byar"),
                                               "n_rows"));
  ep_test_remove_dir (dir);
}

/* ---- --r-script: the exported script, run with Rscript, gives the command's numbers ---- */

static JsonObject *
find_labelled (JsonArray  *array,
               const char *key,
               const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, key), value) == 0)
        return o;
    }
  return NULL;
}

static double
member_number (JsonObject *o,
               const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NAN;
  return json_node_get_double (node);
}

/* The JSON number that a "# check" name of the script stands for (ep-cli-rscript.h). */
static double
json_value_of (JsonObject *root,
               const char *name)
{
  const char *colon = strchr (name, ':');
  g_autofree char *kind = colon != NULL ? g_strndup (name, colon - name) : g_strdup (name);
  const char *arg = colon != NULL ? colon + 1 : NULL;
  JsonArray *groups = json_object_has_member (root, "groups")
                        ? json_object_get_array_member (root, "groups") : NULL;
  JsonArray *terms = json_object_has_member (root, "terms")
                       ? json_object_get_array_member (root, "terms") : NULL;

  if (g_str_has_prefix (kind, "median") || strcmp (kind, "rmst") == 0 ||
      (strcmp (kind, "se") == 0 && terms == NULL))
    return member_number (find_labelled (groups, "label", arg), kind);
  if (strcmp (kind, "diff") == 0)
    return member_number (find_labelled (json_object_get_array_member (root, "contrasts"),
                                         "label", arg), "diff");
  if (strcmp (kind, "coef") == 0 || strcmp (kind, "se") == 0 || strcmp (kind, "robust_se") == 0)
    return member_number (json_array_get_object_element (terms, atoi (arg) - 1), kind);
  if (strcmp (kind, "zph") == 0)
    {
      JsonObject *zph = json_object_get_object_member (root, "zph");
      JsonArray *zterms = json_object_get_array_member (zph, "terms");
      guint i = (guint) atoi (arg) - 1;

      if (i < json_array_get_length (zterms))
        return member_number (json_array_get_object_element (zterms, i), "chisq");
      return member_number (json_object_get_object_member (zph, "global"), "chisq");
    }
  if (strcmp (kind, "meta_fixed") == 0)
    return member_number (json_object_get_object_member (root, "fixed"), "beta");
  if (strcmp (kind, "meta_random") == 0)
    return member_number (json_object_get_object_member (root, "random"), "beta");
  if (strcmp (kind, "meta_tau2") == 0)
    return member_number (root, "tau2");
  if (strcmp (kind, "meta_q") == 0)
    return member_number (root, "q");
  if (strcmp (kind, "glmm_fixed") == 0)
    return member_number (json_object_get_object_member (root, "fixed"), "beta");
  if (strcmp (kind, "glmm_random") == 0)
    return member_number (json_object_get_object_member (root, "random"), "beta");
  if (strcmp (kind, "glmm_tau2") == 0)
    return member_number (root, "tau2");
  if (strcmp (kind, "gray") == 0)
    return member_number (find_labelled (json_object_get_array_member (root, "gray"), "cause", arg),
                          "stat");
  if (strcmp (kind, "cif") == 0)
    {
      /* "cif:GROUP CAUSE@TIME", cmprsk's row name and the time */
      const char *at = strrchr (arg, '@');
      g_autofree char *row = g_strndup (arg, at - arg);
      const char *space = strrchr (row, ' ');
      g_autofree char *group = g_strndup (row, space - row);
      JsonObject *g = find_labelled (groups, "label", group);
      JsonObject *c = find_labelled (json_object_get_array_member (g, "causes"), "cause", space + 1);
      JsonArray *points = json_object_get_array_member (c, "at");
      double t = g_ascii_strtod (at + 1, NULL);

      for (guint k = 0; k < json_array_get_length (points); k++)
        {
          JsonObject *p = json_array_get_object_element (points, k);

          if (fabs (member_number (p, "time") - t) <= 1e-12 * fabs (t))
            return member_number (p, "estimate");
        }
      g_assert_not_reached ();
    }
  if (strcmp (kind, "loglik") == 0 || strcmp (kind, "chisq") == 0)
    return member_number (root, kind);
  if (strcmp (kind, "score") == 0)
    return member_number (root, "score_chisq");
  if (strcmp (kind, "landmark_chisq") == 0)
    return member_number (json_object_get_object_member (
                            json_object_get_object_member (root, "landmark_analysis"), "logrank"),
                          "chisq");
  if (strcmp (kind, "mantel_byar_score") == 0)
    return member_number (json_object_get_object_member (root, "mantel_byar"), "score_chisq");
  if (strcmp (kind, "hr") == 0)
    return member_number (json_array_get_object_element (
                            json_object_get_array_member (
                              json_object_get_object_member (root, "hazard_ratios"), "groups"),
                            atoi (arg) - 1),
                          "hr");
  if (strcmp (kind, "p_adjusted") == 0)
    return member_number (json_array_get_object_element (
                            json_object_get_array_member (
                              json_object_get_object_member (root, "pairwise"), "comparisons"),
                            atoi (arg) - 1),
                          "p_adjusted");
  if (strcmp (kind, "trend_chisq") == 0)
    return member_number (json_object_get_object_member (root, "trend"), "chisq");
  if (strcmp (kind, "mantel_byar_coef") == 0)
    return member_number (json_object_get_object_member (root, "mantel_byar"), "coef");

  g_assert_not_reached ();
}

static gboolean
r_with_survival (void)
{
  static int found = -1;
  g_autofree char *rscript = NULL;
  const char *argv[] = { NULL, "-e", "library (survival); library (cmprsk); library (metafor)", NULL };
  int status = 1;

  if (found >= 0)
    return found;
  found = 0;
  rscript = g_find_program_in_path ("Rscript");
  if (rscript == NULL)
    return FALSE;
  argv[0] = rscript;
  if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
      g_spawn_check_wait_status (status, NULL))
    found = 1;
  return found;
}

typedef struct
{
  const char *name;
  const char *args[24];   /* after the command, "@F" is a data file; NULL-terminated */
} RScriptCase;

static const RScriptCase rscript_cases[] = {
  { "km", { "km", "--csv", "@aml.csv", "--time", "time", "--event", "status", "--group", "x",
            "--at", "12,24", NULL } },
  { "km-start", { "km", "--csv", "@entry.csv", "--start", "start", "--time", "stop", "--event",
                  "event", "--group", "group", NULL } },
  { "logrank", { "logrank", "--csv", "@lung.csv", "--time", "time", "--event", "status",
                 "--group", "sex", "--strata", "ph_ecog", NULL } },
  { "logrank-groups", { "logrank", "--csv", "@lung.csv", "--time", "time", "--event", "status",
                        "--group", "ph_ecog", "--strata", "sex", "--reference", "1",
                        "--pairwise", "--adjust", "BH", "--trend", NULL } },
  { "logrank-groups-start", { "logrank", "--csv", "@entry.csv", "--start", "start", "--time",
                              "stop", "--event", "event", "--group", "group", "--hr",
                              "--pairwise", "--trend", NULL } },
  { "logrank-start", { "logrank", "--csv", "@entry.csv", "--start", "start", "--time", "stop",
                       "--event", "event", "--group", "group", NULL } },
  { "cox", { "cox", "--csv", "@lung_weights.csv", "--time", "time", "--event", "status",
             "--covariates", "age,sex,ph_ecog", "--factors", "ph_ecog", "--weights", "fw",
             "--cluster", "ph_karno", "--zph", NULL } },
  { "cox-ties", { "cox", "--csv", "@ties.csv", "--time", "time", "--event", "status",
                  "--covariates", "x", "--ties", "breslow", NULL } },
  { "rmst", { "rmst", "--csv", "@aml.csv", "--time", "time", "--event", "status", "--group",
              "x", "--tau", "40", NULL } },
  { "followup", { "followup", "--csv", "@lung.csv", "--time", "time", "--event", "status",
                  "--group", "sex", NULL } },
  { "cif", { "cif", "--csv", "@cr_sim.csv", "--time", "time", "--status", "status", "--group",
             "group", "--at", "6,12", NULL } },
  { "cif-censor", { "cif", "--csv", "@cr_sim.csv", "--time", "time", "--status", "status",
                    "--censor", "0", "--at", "12", NULL } },
  { "meta-proportions", { "meta", "--csv", "@meta_cr.csv", "--events", "cr", "--total", "n",
                          "--label", "trial", "--method", "REML", NULL } },
  { "meta-ratios", { "meta", "--csv", "@hr_studies.csv", "--ratio", "hr", "--lower", "lower",
                     "--upper", "upper", "--label", "study", "--method", "DL", NULL } },
  { "landmark", { "landmark", "--csv", "@response.csv", "--time", "time", "--event", "status",
                  "--response-time", "rtime", "--landmark", "6", NULL } },
  /* two arms: rma.mh, rma.peto, escalc + rma; zero cells and a double-zero study in sparse.csv */
  { "meta-two-arm-mh", { "meta", "--csv", "@sparse.csv", "--events1", "e1", "--total1", "n1",
                         "--events2", "e2", "--total2", "n2", "--label", "trial", "--measure",
                         "RR", "--method", "MH", NULL } },
  { "meta-two-arm-mh-or", { "meta", "--csv", "@bcg.csv", "--events1", "e1", "--total1", "n1",
                            "--events2", "e2", "--total2", "n2", "--label", "trial", "--measure",
                            "OR", "--method", "MH", "--conf-level", "0.9", NULL } },
  { "meta-two-arm-peto", { "meta", "--csv", "@sparse.csv", "--events1", "e1", "--total1", "n1",
                           "--events2", "e2", "--total2", "n2", "--label", "trial", "--method",
                           "PETO", NULL } },
  { "meta-two-arm-iv", { "meta", "--csv", "@bcg.csv", "--events1", "e1", "--total1", "n1",
                         "--events2", "e2", "--total2", "n2", "--label", "trial", "--measure",
                         "RD", "--method", "REML", "--knapp-hartung", NULL } },
  { "meta-two-arm-iv-or", { "meta", "--csv", "@sparse.csv", "--events1", "e1", "--total1", "n1",
                            "--events2", "e2", "--total2", "n2", "--label", "trial", "--measure",
                            "OR", "--method", "DL", NULL } },
  /* rma.glmm: lme4's optimiser agrees to about 1e-4 (the glmm_ names are compared at 1e-4) */
  { "meta-glmm", { "meta", "--csv", "@meta_cr.csv", "--events", "cr", "--total", "n", "--label",
                   "trial", "--method", "GLMM", NULL } },
};

static void
test_rscript (gconstpointer data)
{
  const RScriptCase *rc = data;
  g_autofree char *dir = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_auto(EpTestCliRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *r_out = NULL;
  g_autofree char *r_err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  gboolean in_check = FALSE;
  guint n_checked = 0;
  int status = 0;

  if (!r_with_survival ())
    {
      g_test_skip ("Rscript with the survival, cmprsk and metafor packages is not installed; the exported R "
                   "script is not run");
      return;
    }

  dir = ep_test_make_temp_dir ("test-survstats-r-XXXXXX");
  script = g_build_filename (dir, "analysis.R", NULL);
  for (guint i = 0; rc->args[i] != NULL; i++)
    g_ptr_array_add (args, rc->args[i][0] == '@' ? data_path (rc->args[i] + 1)
                                                  : g_strdup (rc->args[i]));
  g_ptr_array_add (args, g_strdup ("--r-script"));
  g_ptr_array_add (args, g_strdup (script));
  g_ptr_array_add (args, NULL);
  ep_test_cli_runv (&run, (const char * const *) args->pdata);
  root = ep_test_cli_parse_json (&run, parser);

  {
    const char *argv[] = { "Rscript", script, NULL };

    g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &r_out, &r_err,
                  &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("Rscript %s failed:\n%s", script, r_err);
  }

  lines = g_strsplit (r_out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *space;
      g_autofree char *name = NULL;
      double r_value, cli_value;

      if (strcmp (lines[i], "# check") == 0)
        {
          in_check = TRUE;
          continue;
        }
      if (!in_check || lines[i][0] == '\0')
        continue;
      space = strrchr (lines[i], ' ');
      g_assert_nonnull (space);
      name = g_strndup (lines[i], space - lines[i]);
      r_value = strcmp (space + 1, "NA") == 0 ? NAN : g_ascii_strtod (space + 1, NULL);
      cli_value = json_value_of (root, name);
      if (isnan (r_value) || isnan (cli_value))
        {
          if (!(isnan (r_value) && isnan (cli_value)))
            g_error ("%s: %s: R %.17g, endpoint-cli %.17g", rc->name, name, r_value, cli_value);
        }
      else if (fabs (r_value - cli_value) > 1e-9 + (g_str_has_prefix (name, "glmm_") ? 1e-4 : 1e-5)
                                                    * fabs (r_value))
        g_error ("%s: %s: R %.17g, endpoint-cli %.17g", rc->name, name, r_value, cli_value);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
  ep_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/survstats/timefix/rule", test_timefix_rule);
  g_test_add_func ("/survstats/timefix/km", test_timefix_km);
  g_test_add_func ("/survstats/rmst/by-hand", test_rmst_by_hand);
  g_test_add_func ("/survstats/landmark/split", test_split_response);
  g_test_add_func ("/survstats/landmark/select", test_landmark_select);
  g_test_add_func ("/survstats/bias/names", test_bias_names);
  g_test_add_func ("/survstats/cli/times-merged", test_cli_times_merged);
  g_test_add_func ("/survstats/cli/errors", test_cli_errors);
  g_test_add_func ("/survstats/cli/split-out", test_cli_split_out);
  for (guint i = 0; i < G_N_ELEMENTS (rscript_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/survstats/r-script/%s", rscript_cases[i].name);

      g_test_add_data_func (path, &rscript_cases[i], test_rscript);
    }

  return g_test_run ();
}
