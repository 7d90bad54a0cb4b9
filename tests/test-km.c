/* test-km.c: Kaplan-Meier (src/core/ep-km.c), log-rank (src/core/ep-logrank.c) and their sort
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference cases of tests/data/reference (R 4.2.2, survival 3.5-3; make_reference.R says
 * which survfit / summary.survfit / survdiff call produced each number) are run through the core
 * API directly, every key compared. The edge cases carry the R call that produced their
 * expected values (R 4.2.2, survival 3.5-3), printed with options (digits = 15).
 *
 * Tolerance: relative 1e-9 (the reference files hold 15 significant digits).
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "core/ep-km.h"
#include "core/ep-levels.h"
#include "core/ep-logrank.h"
#include "core/ep-sort.h"
#include "core/ep-timefix.h"
#include "io/ep-csv.h"

#define RTOL 1e-9

static void
assert_near (double      expected,
             double      actual,
             const char *what)
{
  if (isnan (expected))
    {
      if (!isnan (actual))
        g_error ("%s: expected NaN/null, got %.17g", what, actual);
      return;
    }
  if (!(fabs (actual - expected) <= RTOL * fabs (expected) + 1e-12))
    g_error ("%s: expected %.17g, got %.17g", what, expected, actual);
}

/* A JSON number, or NaN for null. */
static double
member_double (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return NAN;
  return json_node_get_double (node);
}

static JsonObject *
load_expected (const char  *name,
               JsonParser **parser_out)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected",
                                                 file, NULL);
  g_autoptr(GError) error = NULL;
  JsonParser *parser = json_parser_new ();

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  *parser_out = parser;

  return json_node_get_object (json_parser_get_root (parser));
}

/* The value after --NAME in the reference's command, or NULL. */
static const char *
command_option (char       **argv,
                const char  *name)
{
  for (guint i = 0; argv[i] != NULL && argv[i + 1] != NULL; i++)
    if (g_str_equal (argv[i], name))
      return argv[i + 1];
  return NULL;
}

/* The reference data as arrays: rows with a value in every used column, as the CLI keeps. */
typedef struct
{
  gsize     n;
  double   *time;
  int      *status;
  EpLevels *group;
  EpLevels *strata;
} Cohort;

static void
cohort_clear (Cohort *c)
{
  g_free (c->time);
  g_free (c->status);
  g_clear_pointer (&c->group, ep_levels_free);
  g_clear_pointer (&c->strata, ep_levels_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cohort, cohort_clear)

static void
load_cohort (Cohort     *c,
             const char *file,
             const char *time_col,
             const char *event_col,
             const char *group_col,
             const char *strata_col)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                 file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = ep_csv_read_file (path, ',', &error);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GPtrArray) strata = g_ptr_array_new ();
  guint col_time, col_event, col_group = 0, col_strata = 0;
  guint n_rows;

  g_assert_no_error (error);
  g_assert_true (ep_csv_lookup_column (csv, time_col, &col_time, NULL));
  g_assert_true (ep_csv_lookup_column (csv, event_col, &col_event, NULL));
  if (group_col != NULL)
    g_assert_true (ep_csv_lookup_column (csv, group_col, &col_group, NULL));
  if (strata_col != NULL)
    g_assert_true (ep_csv_lookup_column (csv, strata_col, &col_strata, NULL));

  n_rows = ep_csv_get_n_rows (csv);
  c->time = g_new (double, n_rows);
  c->status = g_new (int, n_rows);
  c->n = 0;
  for (guint row = 0; row < n_rows; row++)
    {
      double t, s;

      if (ep_csv_is_missing (csv, row, col_time) || ep_csv_is_missing (csv, row, col_event) ||
          (group_col != NULL && ep_csv_is_missing (csv, row, col_group)) ||
          (strata_col != NULL && ep_csv_is_missing (csv, row, col_strata)))
        continue;
      g_assert_true (ep_csv_get_number (csv, row, col_time, &t, NULL));
      g_assert_true (ep_csv_get_number (csv, row, col_event, &s, NULL));
      c->time[c->n] = t;
      c->status[c->n] = (int) s;
      if (group_col != NULL)
        g_ptr_array_add (groups, (gpointer) ep_csv_get_cell (csv, row, col_group));
      if (strata_col != NULL)
        g_ptr_array_add (strata, (gpointer) ep_csv_get_cell (csv, row, col_strata));
      c->n++;
    }

  if (group_col != NULL)
    c->group = ep_levels_new ((const char * const *) groups->pdata, groups->len);
  if (strata_col != NULL)
    c->strata = ep_levels_new ((const char * const *) strata->pdata, strata->len);
}

/* ---------------------------------------------------------------------------------------------
 * Kaplan-Meier: the reference cases
 */

static void
test_km_reference (gconstpointer user_data)
{
  const char *name = user_data;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *expected = load_expected (name, &parser);
  g_auto(GStrv) argv = NULL;
  g_auto(Cohort) c = { 0 };
  g_autoptr(GArray) at = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(EpKmResult) fit = NULL;
  g_autoptr(GError) error = NULL;
  EpKmConfType conf_type;
  JsonArray *groups;
  const char *at_text;

  g_assert_true (g_shell_parse_argv (json_object_get_string_member (expected, "command"),
                                     NULL, &argv, NULL));
  load_cohort (&c, command_option (argv, "--csv"), command_option (argv, "--time"),
               command_option (argv, "--event"), command_option (argv, "--group"), NULL);
  g_assert_true (ep_km_conf_type_from_string (json_object_get_string_member (expected, "conf_type"),
                                              &conf_type));
  at_text = command_option (argv, "--at");
  if (at_text != NULL)
    {
      g_auto(GStrv) items = g_strsplit (at_text, ",", -1);

      for (guint i = 0; items[i] != NULL; i++)
        {
          double t = g_ascii_strtod (items[i], NULL);

          g_array_append_val (at, t);
        }
    }

  fit = ep_km_fit (c.time, c.status, c.group != NULL ? c.group->codes : NULL,
                   c.group != NULL ? c.group->n_levels : 1, c.n, conf_type,
                   member_double (expected, "conf_level"),
                   (const double *) at->data, at->len, &error);
  g_assert_no_error (error);

  groups = json_object_get_array_member (expected, "groups");
  g_assert_cmpuint (fit->n_groups, ==, json_array_get_length (groups));
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *eg = json_array_get_object_element (groups, g);
      const char *label = json_object_get_string_member (eg, "label");
      int code = c.group != NULL ? ep_levels_find (c.group, label) : 0;
      const EpKmCurve *curve;
      JsonArray *steps;

      g_assert_cmpint (code, >=, 0);
      curve = &fit->curves[code];
      g_test_message ("%s: group %s", name, label);

      g_assert_cmpint (curve->n, ==, json_object_get_int_member (eg, "n"));
      g_assert_cmpint (curve->events, ==, json_object_get_int_member (eg, "events"));
      assert_near (member_double (eg, "median"), curve->median, "median");
      assert_near (member_double (eg, "median_lower"), curve->median_lower, "median_lower");
      assert_near (member_double (eg, "median_upper"), curve->median_upper, "median_upper");

      steps = json_object_get_array_member (eg, "steps");
      g_assert_cmpuint (curve->n_steps, ==, json_array_get_length (steps));
      for (guint j = 0; j < curve->n_steps; j++)
        {
          JsonObject *es = json_array_get_object_element (steps, j);
          const EpKmStep *s = &curve->steps[j];

          assert_near (member_double (es, "time"), s->time, "step time");
          g_assert_cmpint (s->n_risk, ==, json_object_get_int_member (es, "n_risk"));
          g_assert_cmpint (s->n_event, ==, json_object_get_int_member (es, "n_event"));
          g_assert_cmpint (s->n_censor, ==, json_object_get_int_member (es, "n_censor"));
          assert_near (member_double (es, "surv"), s->surv, "surv");
          assert_near (member_double (es, "std_err"), s->std_err, "std_err");
          assert_near (member_double (es, "lower"), s->lower, "lower");
          assert_near (member_double (es, "upper"), s->upper, "upper");
        }

      if (json_object_has_member (eg, "at"))
        {
          JsonArray *ea = json_object_get_array_member (eg, "at");

          g_assert_cmpuint (curve->n_at, ==, json_array_get_length (ea));
          for (guint a = 0; a < curve->n_at; a++)
            {
              JsonObject *e = json_array_get_object_element (ea, a);
              const EpKmAt *r = &curve->at[a];

              assert_near (member_double (e, "time"), r->time, "at time");
              g_assert_cmpint (r->n_risk, ==, json_object_get_int_member (e, "n_risk"));
              assert_near (member_double (e, "surv"), r->surv, "at surv");
              assert_near (member_double (e, "std_err"), r->std_err, "at std_err");
              assert_near (member_double (e, "lower"), r->lower, "at lower");
              assert_near (member_double (e, "upper"), r->upper, "at upper");
            }
        }
    }
}

/* ---------------------------------------------------------------------------------------------
 * Kaplan-Meier: edge cases
 */

static EpKmResult *
fit_one (const double *time,
         const int    *status,
         gsize         n,
         EpKmConfType  conf_type,
         double        conf_level,
         const double *at,
         gsize         n_at)
{
  g_autoptr(GError) error = NULL;
  EpKmResult *fit = ep_km_fit (time, status, NULL, 1, n, conf_type, conf_level, at, n_at, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fit);
  g_assert_cmpuint (fit->n_groups, ==, 1);
  return fit;
}

/* d <- data.frame(t = c(2, 4, 4, 7), s = c(0, 0, 0, 0))
 * f <- survfit(Surv(t, s) ~ 1, d, conf.type = "log-log"); summary(f, censored = TRUE);
 * summary(f)$table; summary(f, times = c(1, 5, 10), extend = TRUE)
 *   steps: time 2, 4, 7; n.risk 4, 3, 1; n.censor 1, 2, 1; surv 1; std.err 0; CI NA (log-log)
 *   median, 0.95LCL, 0.95UCL: NA
 *   at 1: n.risk 4, surv 1, CI 1, 1 (survfit0's row); at 5: n.risk 1, CI NA; at 10: n.risk 0
 * with conf.type = "log": CI 1, 1 at every step */
static void
test_km_all_censored (void)
{
  const double time[] = { 2, 4, 4, 7 };
  const int status[] = { 0, 0, 0, 0 };
  const double at[] = { 10, 1, 5 };   /* unsorted on purpose: reported ascending, as R */
  g_autoptr(EpKmResult) fit = fit_one (time, status, 4, EP_KM_CONF_LOG_LOG, 0.95, at, 3);
  g_autoptr(EpKmResult) fit_log = fit_one (time, status, 4, EP_KM_CONF_LOG, 0.95, NULL, 0);
  const EpKmCurve *c = &fit->curves[0];
  const guint n_risk[] = { 4, 3, 1 };
  const guint n_censor[] = { 1, 2, 1 };

  g_assert_cmpuint (c->n, ==, 4);
  g_assert_cmpuint (c->events, ==, 0);
  g_assert_cmpuint (c->n_steps, ==, 3);
  for (guint j = 0; j < 3; j++)
    {
      g_assert_cmpuint (c->steps[j].n_risk, ==, n_risk[j]);
      g_assert_cmpuint (c->steps[j].n_event, ==, 0);
      g_assert_cmpuint (c->steps[j].n_censor, ==, n_censor[j]);
      g_assert_cmpfloat (c->steps[j].surv, ==, 1.0);
      g_assert_cmpfloat (c->steps[j].std_err, ==, 0.0);
      g_assert_true (isnan (c->steps[j].lower) && isnan (c->steps[j].upper));
      g_assert_cmpfloat (fit_log->curves[0].steps[j].lower, ==, 1.0);
      g_assert_cmpfloat (fit_log->curves[0].steps[j].upper, ==, 1.0);
    }
  g_assert_true (isnan (c->median));
  g_assert_true (isnan (c->median_lower));
  g_assert_true (isnan (c->median_upper));
  g_assert_true (isnan (fit_log->curves[0].median));

  g_assert_cmpuint (c->n_at, ==, 3);
  g_assert_cmpfloat (c->at[0].time, ==, 1);
  g_assert_cmpuint (c->at[0].n_risk, ==, 4);
  g_assert_cmpfloat (c->at[0].surv, ==, 1.0);
  g_assert_cmpfloat (c->at[0].lower, ==, 1.0);
  g_assert_cmpfloat (c->at[0].upper, ==, 1.0);
  g_assert_cmpfloat (c->at[1].time, ==, 5);
  g_assert_cmpuint (c->at[1].n_risk, ==, 1);
  g_assert_true (isnan (c->at[1].lower));
  g_assert_cmpfloat (c->at[2].time, ==, 10);
  g_assert_cmpuint (c->at[2].n_risk, ==, 0);
  g_assert_cmpfloat (c->at[2].surv, ==, 1.0);
  g_assert_cmpfloat (c->at[2].std_err, ==, 0.0);
}

/* d <- data.frame(t = 5, s = 1); f <- survfit(Surv(t, s) ~ 1, d, conf.type = "log-log")
 *   step: time 5, n.risk 1, n.event 1, surv 0, std.err NaN, CI NA; median 5, LCL NA, UCL NA
 *   summary(f, times = c(1, 5, 9), extend = TRUE): n.risk 1, 1, 0; surv 1, 0, 0;
 *   std.err 0, NaN, NaN; CI (1, 1), NA, NA
 * d <- data.frame(t = 5, s = 0), conf.type = "plain": surv 1, std.err 0, CI 1, 1; median NA */
static void
test_km_one_subject (void)
{
  const double time[] = { 5 };
  const int event[] = { 1 };
  const int censored[] = { 0 };
  const double at[] = { 1, 5, 9 };
  g_autoptr(EpKmResult) fit = fit_one (time, event, 1, EP_KM_CONF_LOG_LOG, 0.95, at, 3);
  g_autoptr(EpKmResult) fit0 = fit_one (time, censored, 1, EP_KM_CONF_PLAIN, 0.95, NULL, 0);
  const EpKmCurve *c = &fit->curves[0];
  const EpKmCurve *c0 = &fit0->curves[0];

  g_assert_cmpuint (c->n_steps, ==, 1);
  g_assert_cmpuint (c->steps[0].n_risk, ==, 1);
  g_assert_cmpuint (c->steps[0].n_event, ==, 1);
  g_assert_cmpfloat (c->steps[0].surv, ==, 0.0);
  g_assert_true (isnan (c->steps[0].std_err));
  g_assert_true (isnan (c->steps[0].lower) && isnan (c->steps[0].upper));
  g_assert_cmpfloat (c->median, ==, 5.0);
  g_assert_true (isnan (c->median_lower) && isnan (c->median_upper));

  g_assert_cmpuint (c->at[0].n_risk, ==, 1);
  g_assert_cmpfloat (c->at[0].surv, ==, 1.0);
  g_assert_cmpfloat (c->at[0].std_err, ==, 0.0);
  g_assert_cmpuint (c->at[1].n_risk, ==, 1);
  g_assert_cmpfloat (c->at[1].surv, ==, 0.0);
  g_assert_true (isnan (c->at[1].std_err));
  g_assert_cmpuint (c->at[2].n_risk, ==, 0);
  g_assert_cmpfloat (c->at[2].surv, ==, 0.0);
  g_assert_true (isnan (c->at[2].std_err) && isnan (c->at[2].lower) && isnan (c->at[2].upper));

  g_assert_cmpuint (c0->n_steps, ==, 1);
  g_assert_cmpuint (c0->steps[0].n_censor, ==, 1);
  g_assert_cmpfloat (c0->steps[0].surv, ==, 1.0);
  g_assert_cmpfloat (c0->steps[0].std_err, ==, 0.0);
  g_assert_cmpfloat (c0->steps[0].lower, ==, 1.0);
  g_assert_cmpfloat (c0->steps[0].upper, ==, 1.0);
  g_assert_true (isnan (c0->median));
}

/* d <- data.frame(t = rep(3, 5), s = c(1, 0, 1, 1, 0))
 * survfit(Surv(t, s) ~ 1, d, conf.type = "log-log"):
 *   one step: time 3, n.risk 5, n.event 3, n.censor 2, surv 0.4, std.err 0.219089023002066,
 *   lower 0.0519757503774676, upper 0.752815791358755; median 3, 0.95LCL 3, 0.95UCL NA
 *   summary(f, times = c(0, 3, 4), extend = TRUE): n.risk 5, 5, 0; surv 1, 0.4, 0.4
 * conf.type = "plain": lower 0 (clipped), upper 0.829406594492118 */
static void
test_km_all_tied (void)
{
  const double time[] = { 3, 3, 3, 3, 3 };
  const int status[] = { 1, 0, 1, 1, 0 };
  const double at[] = { 0, 3, 4 };
  g_autoptr(EpKmResult) fit = fit_one (time, status, 5, EP_KM_CONF_LOG_LOG, 0.95, at, 3);
  g_autoptr(EpKmResult) plain = fit_one (time, status, 5, EP_KM_CONF_PLAIN, 0.95, NULL, 0);
  const EpKmCurve *c = &fit->curves[0];

  g_assert_cmpuint (c->n_steps, ==, 1);
  g_assert_cmpuint (c->steps[0].n_risk, ==, 5);
  g_assert_cmpuint (c->steps[0].n_event, ==, 3);
  g_assert_cmpuint (c->steps[0].n_censor, ==, 2);
  assert_near (0.4, c->steps[0].surv, "surv");
  assert_near (0.219089023002066, c->steps[0].std_err, "std_err");
  assert_near (0.0519757503774676, c->steps[0].lower, "lower");
  assert_near (0.752815791358755, c->steps[0].upper, "upper");
  g_assert_cmpfloat (c->median, ==, 3);
  g_assert_cmpfloat (c->median_lower, ==, 3);
  g_assert_true (isnan (c->median_upper));

  g_assert_cmpuint (c->at[0].n_risk, ==, 5);
  g_assert_cmpfloat (c->at[0].surv, ==, 1.0);
  g_assert_cmpuint (c->at[1].n_risk, ==, 5);
  assert_near (0.4, c->at[1].surv, "at 3");
  g_assert_cmpuint (c->at[2].n_risk, ==, 0);
  assert_near (0.4, c->at[2].surv, "at 4");
  assert_near (0.752815791358755, c->at[2].upper, "at 4 upper");

  g_assert_cmpfloat (plain->curves[0].steps[0].lower, ==, 0.0);
  assert_near (0.829406594492118, plain->curves[0].steps[0].upper, "plain upper");
}

/* The median on a flat stretch at exactly 0.5 (survmean's midpoint rule):
 * d <- data.frame(t = c(1, 2, 3, 4, 8, 9), s = c(1, 1, 1, 0, 1, 1))
 *   log-log: summary(f)$table median 5.5 = (3 + 8) / 2, 0.95LCL 1, 0.95UCL NA
 *   plain:   median 5.5, 0.95LCL 2, 0.95UCL NA
 * and a curve that ends at 0.5: d <- data.frame(t = 1:4, s = c(1, 1, 0, 0)) -> median 2,
 * 0.95LCL 1, 0.95UCL NA (conf.type = "log", survfit's default) */
static void
test_km_median_flat (void)
{
  const double time[] = { 1, 2, 3, 4, 8, 9 };
  const int status[] = { 1, 1, 1, 0, 1, 1 };
  const double time_end[] = { 1, 2, 3, 4 };
  const int status_end[] = { 1, 1, 0, 0 };
  g_autoptr(EpKmResult) loglog = fit_one (time, status, 6, EP_KM_CONF_LOG_LOG, 0.95, NULL, 0);
  g_autoptr(EpKmResult) plain = fit_one (time, status, 6, EP_KM_CONF_PLAIN, 0.95, NULL, 0);
  g_autoptr(EpKmResult) end = fit_one (time_end, status_end, 4, EP_KM_CONF_LOG, 0.95, NULL, 0);

  g_assert_cmpfloat (loglog->curves[0].median, ==, 5.5);
  g_assert_cmpfloat (loglog->curves[0].median_lower, ==, 1);
  g_assert_true (isnan (loglog->curves[0].median_upper));
  g_assert_cmpfloat (plain->curves[0].median, ==, 5.5);
  g_assert_cmpfloat (plain->curves[0].median_lower, ==, 2);
  g_assert_true (isnan (plain->curves[0].median_upper));
  g_assert_cmpfloat (end->curves[0].median, ==, 2);
  g_assert_cmpfloat (end->curves[0].median_lower, ==, 1);
  g_assert_true (isnan (end->curves[0].median_upper));
}

/* A confidence level other than 0.95 and --at past the end of a curve that reaches 0:
 * a <- read.csv ("aml.csv"); f <- survfit(Surv(time, status) ~ x, a, conf.type = "log-log",
 *                                          conf.int = 0.90)
 *   Maintained:    step 23: lower 0.3234555108947046, upper 0.809534436374599;
 *                  table median 31, 0.9LCL 18, 0.9UCL 48;
 *                  summary(f[1], times = 200, extend = TRUE): n.risk 0, surv 0.184090909090909,
 *                  std.err 0.1534927457862937, lower 0.0222433979987111, upper 0.471166182529230
 *   Nonmaintained: table median 23, 0.9LCL 8, 0.9UCL 33;
 *                  summary(f[2], times = 60, extend = TRUE): n.risk 0, surv 0, std.err NaN, CI NA
 * l <- read.csv ("lung.csv"); survfit(Surv(time, status) ~ sex, l, conf.type = "plain",
 *                                     conf.int = 0.80): sex=1 median 270, 0.8LCL 223,
 *                                     0.8UCL 291; sex=2 426, 351, 473 */
static void
test_km_conf_level (void)
{
  g_auto(Cohort) aml = { 0 };
  g_auto(Cohort) lung = { 0 };
  const double at[] = { 60, 200 };
  g_autoptr(EpKmResult) fit = NULL;
  g_autoptr(EpKmResult) lfit = NULL;
  g_autoptr(GError) error = NULL;
  const EpKmCurve *m, *nm;

  load_cohort (&aml, "aml.csv", "time", "status", "x", NULL);
  fit = ep_km_fit (aml.time, aml.status, aml.group->codes, aml.group->n_levels, aml.n,
                   EP_KM_CONF_LOG_LOG, 0.90, at, 2, &error);
  g_assert_no_error (error);
  m = &fit->curves[ep_levels_find (aml.group, "Maintained")];
  nm = &fit->curves[ep_levels_find (aml.group, "Nonmaintained")];

  g_assert_cmpfloat (m->steps[3].time, ==, 23);
  assert_near (0.3234555108947046, m->steps[3].lower, "0.90 lower");
  assert_near (0.809534436374599, m->steps[3].upper, "0.90 upper");
  g_assert_cmpfloat (m->median, ==, 31);
  g_assert_cmpfloat (m->median_lower, ==, 18);
  g_assert_cmpfloat (m->median_upper, ==, 48);
  g_assert_cmpfloat (nm->median, ==, 23);
  g_assert_cmpfloat (nm->median_lower, ==, 8);
  g_assert_cmpfloat (nm->median_upper, ==, 33);

  g_assert_cmpfloat (m->at[1].time, ==, 200);
  g_assert_cmpuint (m->at[1].n_risk, ==, 0);
  assert_near (0.184090909090909, m->at[1].surv, "at 200 surv");
  assert_near (0.1534927457862937, m->at[1].std_err, "at 200 std_err");
  assert_near (0.0222433979987111, m->at[1].lower, "at 200 lower");
  assert_near (0.471166182529230, m->at[1].upper, "at 200 upper");
  g_assert_cmpuint (nm->at[0].n_risk, ==, 0);
  g_assert_cmpfloat (nm->at[0].surv, ==, 0.0);
  g_assert_true (isnan (nm->at[0].std_err) && isnan (nm->at[0].lower) && isnan (nm->at[0].upper));

  load_cohort (&lung, "lung.csv", "time", "status", "sex", NULL);
  lfit = ep_km_fit (lung.time, lung.status, lung.group->codes, lung.group->n_levels, lung.n,
                    EP_KM_CONF_PLAIN, 0.80, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (lfit->curves[0].median, ==, 270);
  g_assert_cmpfloat (lfit->curves[0].median_lower, ==, 223);
  g_assert_cmpfloat (lfit->curves[0].median_upper, ==, 291);
  g_assert_cmpfloat (lfit->curves[1].median, ==, 426);
  g_assert_cmpfloat (lfit->curves[1].median_lower, ==, 351);
  g_assert_cmpfloat (lfit->curves[1].median_upper, ==, 473);
}

/* Groups, one of them without events:
 * d <- data.frame(t = c(1, 3, 4, 6, 8, 2, 5, 9), s = c(1, 1, 0, 1, 0, 0, 0, 0),
 *                 g = c(1, 1, 1, 1, 1, 2, 2, 2))
 * survfit(Surv(t, s) ~ 1, d[d$g == 2, ]): steps 2, 5, 9 with n.risk 3, 2, 1, surv 1, median NA
 * group 1 by hand: S = 4/5 at 1, 4/5 x 3/4 = 0.6 at 3, 0.6 x 1/2 = 0.3 at 6; median 6 */
static void
test_km_group_without_events (void)
{
  const double time[] = { 1, 3, 4, 6, 8, 2, 5, 9 };
  const int status[] = { 1, 1, 0, 1, 0, 0, 0, 0 };
  const guint group[] = { 0, 0, 0, 0, 0, 1, 1, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpKmResult) fit = ep_km_fit (time, status, group, 2, 8, EP_KM_CONF_LOG_LOG, 0.95,
                                         NULL, 0, &error);
  const EpKmCurve *c1, *c2;

  g_assert_no_error (error);
  c1 = &fit->curves[0];
  c2 = &fit->curves[1];
  g_assert_cmpuint (c1->n_steps, ==, 5);
  assert_near (0.3, c1->steps[3].surv, "group 1 at 6");
  g_assert_cmpfloat (c1->median, ==, 6);
  g_assert_cmpuint (c2->n, ==, 3);
  g_assert_cmpuint (c2->events, ==, 0);
  g_assert_cmpuint (c2->n_steps, ==, 3);
  g_assert_cmpuint (c2->steps[0].n_risk, ==, 3);
  g_assert_cmpuint (c2->steps[2].n_risk, ==, 1);
  g_assert_cmpfloat (c2->steps[2].surv, ==, 1.0);
  g_assert_true (isnan (c2->median));
}

static void
test_km_invalid (void)
{
  const double time[] = { 1, -2, 3 };
  const double time_nan[] = { 1, NAN, 3 };
  const double time_ok[] = { 1, 2, 3 };
  const int status[] = { 1, 0, 1 };
  const int status_bad[] = { 1, 2, 1 };
  const guint group_bad[] = { 0, 1, 2 };
  const double at_bad[] = { INFINITY };
  EpKmResult *fit;
  GError *error = NULL;

  fit = ep_km_fit (time, status, NULL, 1, 3, EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, &error);
  g_assert_null (fit);
  g_assert_error (error, EP_KM_ERROR, EP_KM_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Observation 2"));
  g_clear_error (&error);

  fit = ep_km_fit (time_nan, status, NULL, 1, 3, EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, &error);
  g_assert_null (fit);
  g_assert_error (error, EP_KM_ERROR, EP_KM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  fit = ep_km_fit (time_ok, status_bad, NULL, 1, 3, EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, &error);
  g_assert_null (fit);
  g_assert_error (error, EP_KM_ERROR, EP_KM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  fit = ep_km_fit (time_ok, status, group_bad, 2, 3, EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, &error);
  g_assert_null (fit);
  g_assert_error (error, EP_KM_ERROR, EP_KM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  fit = ep_km_fit (time_ok, status, NULL, 1, 3, EP_KM_CONF_LOG_LOG, 0.95, at_bad, 1, &error);
  g_assert_null (fit);
  g_assert_error (error, EP_KM_ERROR, EP_KM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  fit = ep_km_fit (time_ok, status, NULL, 1, 0, EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, &error);
  g_assert_null (fit);
  g_assert_error (error, EP_KM_ERROR, EP_KM_ERROR_NO_DATA);
  g_clear_error (&error);
}

static void
assert_curves_identical (const EpKmResult *a,
                         const EpKmResult *b)
{
  g_assert_cmpuint (a->n_groups, ==, b->n_groups);
  g_assert_cmpuint (a->n_timefix, ==, b->n_timefix);
  for (guint g = 0; g < a->n_groups; g++)
    {
      const EpKmCurve *x = &a->curves[g], *y = &b->curves[g];

      g_assert_cmpuint (x->n, ==, y->n);
      g_assert_cmpuint (x->events, ==, y->events);
      g_assert_cmpuint (x->n_steps, ==, y->n_steps);
      g_assert_cmpmem (&x->median, sizeof (double), &y->median, sizeof (double));
      g_assert_cmpmem (&x->median_lower, sizeof (double), &y->median_lower, sizeof (double));
      g_assert_cmpmem (&x->median_upper, sizeof (double), &y->median_upper, sizeof (double));
      /* bit for bit, NaNs included (field by field: the struct has padding) */
      for (gsize k = 0; k < x->n_steps; k++)
        {
          const EpKmStep *p = &x->steps[k], *q = &y->steps[k];

          g_assert_cmpmem (&p->time, sizeof (double), &q->time, sizeof (double));
          g_assert_cmpuint (p->n_risk, ==, q->n_risk);
          g_assert_cmpuint (p->n_event, ==, q->n_event);
          g_assert_cmpuint (p->n_censor, ==, q->n_censor);
          g_assert_cmpmem (&p->surv, sizeof (double), &q->surv, sizeof (double));
          g_assert_cmpmem (&p->std_err, sizeof (double), &q->std_err, sizeof (double));
          g_assert_cmpmem (&p->lower, sizeof (double), &q->lower, sizeof (double));
          g_assert_cmpmem (&p->upper, sizeof (double), &q->upper, sizeof (double));
        }
    }
}

/* The reverse Kaplan-Meier from a fit's table equals the fit of Surv (time, 1 - status), bit
 * for bit: random data with many ties, near-equal times (R's tie rule), two groups, every CI
 * type; checked against R through ep_followup_fit in test-survstats. */
static void
test_km_reverse (void)
{
  GRand *rand = g_rand_new_with_seed (7);
  const gsize n = 3000;
  g_autofree double *time = g_new (double, n);
  g_autofree int *status = g_new (int, n);
  g_autofree int *reversed = g_new (int, n);
  g_autofree guint *group = g_new (guint, n);

  for (gsize i = 0; i < n; i++)
    {
      time[i] = g_rand_int_range (rand, 1, 200) + (i % 7 == 0 ? 1e-10 : 0.0);
      status[i] = g_rand_int_range (rand, 0, 3) > 0;
      reversed[i] = 1 - status[i];
      group[i] = g_rand_int_range (rand, 0, 2);
    }
  g_rand_free (rand);
  for (EpKmConfType type = EP_KM_CONF_LOG_LOG; type <= EP_KM_CONF_PLAIN; type++)
    {
      g_autoptr(EpKmResult) km = ep_km_fit (time, status, group, 2, n, type, 0.9, NULL, 0, NULL);
      g_autoptr(EpKmResult) fitted = ep_km_fit (time, reversed, group, 2, n, type, 0.9, NULL, 0,
                                                NULL);
      g_autoptr(EpKmResult) derived = ep_km_reverse (km, type, 0.9);

      g_assert_cmpuint (km->n_timefix, >, 0);
      assert_curves_identical (fitted, derived);
    }
}

static void
test_km_conf_type_names (void)
{
  EpKmConfType t;

  g_assert_true (ep_km_conf_type_from_string ("log-log", &t));
  g_assert_cmpint (t, ==, EP_KM_CONF_LOG_LOG);
  g_assert_true (ep_km_conf_type_from_string ("log", &t));
  g_assert_cmpint (t, ==, EP_KM_CONF_LOG);
  g_assert_true (ep_km_conf_type_from_string ("plain", &t));
  g_assert_cmpint (t, ==, EP_KM_CONF_PLAIN);
  g_assert_false (ep_km_conf_type_from_string ("loglog", &t));
  g_assert_false (ep_km_conf_type_from_string (NULL, &t));
  g_assert_cmpstr (ep_km_conf_type_to_string (EP_KM_CONF_LOG_LOG), ==, "log-log");
  g_assert_cmpstr (ep_km_conf_type_to_string (EP_KM_CONF_PLAIN), ==, "plain");
}

/* ---------------------------------------------------------------------------------------------
 * Log-rank: the reference cases
 */

static void
test_logrank_reference (gconstpointer user_data)
{
  const char *name = user_data;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *expected = load_expected (name, &parser);
  g_auto(GStrv) argv = NULL;
  g_auto(Cohort) c = { 0 };
  g_autoptr(EpLogrankResult) test = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *groups;

  g_assert_true (g_shell_parse_argv (json_object_get_string_member (expected, "command"),
                                     NULL, &argv, NULL));
  load_cohort (&c, command_option (argv, "--csv"), command_option (argv, "--time"),
               command_option (argv, "--event"), command_option (argv, "--group"),
               command_option (argv, "--strata"));

  test = ep_logrank_test (c.time, c.status, c.group->codes, c.group->n_levels,
                          c.strata != NULL ? c.strata->codes : NULL,
                          c.strata != NULL ? c.strata->n_levels : 1,
                          c.n, member_double (expected, "rho"), &error);
  g_assert_no_error (error);

  assert_near (member_double (expected, "chisq"), test->chisq, "chisq");
  g_assert_cmpint (test->df, ==, json_object_get_int_member (expected, "df"));
  assert_near (member_double (expected, "p"), test->p, "p");

  groups = json_object_get_array_member (expected, "groups");
  g_assert_cmpuint (test->n_groups, ==, json_array_get_length (groups));
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *eg = json_array_get_object_element (groups, g);
      int k = ep_levels_find (c.group, json_object_get_string_member (eg, "label"));

      g_assert_cmpint (k, >=, 0);
      g_assert_cmpint (test->n[k], ==, json_object_get_int_member (eg, "n"));
      assert_near (member_double (eg, "observed"), test->observed[k], "observed");
      assert_near (member_double (eg, "expected"), test->expected[k], "expected");
    }
}

/* ---------------------------------------------------------------------------------------------
 * Log-rank: edge cases. d3 is
 *   d3 <- data.frame(t = c(1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12, 13),
 *                    s = c(1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 0),
 *                    g = rep(c("a", "b", "c"), 5), h = rep(1:2, c(7, 8)))
 */

static const double d3_time[] = { 1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12, 13 };
static const int d3_status[] = { 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 0 };
static const guint d3_group[] = { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2 };
static const guint d3_strata[] = { 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 };

static void
assert_logrank (const EpLogrankResult *test,
                const double          *observed,
                const double          *expected,
                const double          *var,
                double                 chisq,
                double                 p)
{
  for (guint k = 0; k < test->n_groups; k++)
    {
      assert_near (observed[k], test->observed[k], "observed");
      assert_near (expected[k], test->expected[k], "expected");
      for (guint m = 0; m < test->n_groups; m++)
        assert_near (var[k * test->n_groups + m], test->var[k * test->n_groups + m], "var");
    }
  assert_near (chisq, test->chisq, "chisq");
  assert_near (p, test->p, "p");
  g_assert_cmpuint (test->df, ==, test->n_groups - 1);
  g_assert_cmpuint (test->rank, ==, test->df);
}

/* survdiff(Surv(t, s) ~ g, d3, rho = 1) and rho = 0.5: three groups, G-rho weights */
static void
test_logrank_rho (void)
{
  /* rho = 1 */
  const double o1[] = { 2.58888888888889, 3.15777777777778, 0.95875000000000 };
  const double e1[] = { 1.84222222222222, 2.30611111111111, 2.55708333333333 };
  const double v1[] = { 1.013413927469136, -0.487528202160494, -0.525885725308642,
                        -0.487528202160494, 1.116706597222222, -0.629178395061728,
                        -0.525885725308642, -0.629178395061728, 1.155064120370370 };
  /* rho = 0.5 */
  const double o5[] = { 2.78078592185006, 3.90267838189193, 1.37865495628976 };
  const double e5[] = { 2.13050989151715, 2.79138215453667, 3.14022721397793 };
  const double v5[] = { 1.303604858104858, -0.617174452861953, -0.686430405242905,
                        -0.617174452861953, 1.496270758177008, -0.879096305315055,
                        -0.686430405242905, -0.879096305315055, 1.565526710557960 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpLogrankResult) r1 = ep_logrank_test (d3_time, d3_status, d3_group, 3, NULL, 1, 15,
                                                   1.0, &error);
  g_autoptr(EpLogrankResult) r5 = NULL;

  g_assert_no_error (error);
  assert_logrank (r1, o1, e1, v1, 2.21217699256555, 0.33085055657);
  r5 = ep_logrank_test (d3_time, d3_status, d3_group, 3, NULL, 1, 15, 0.5, &error);
  g_assert_no_error (error);
  assert_logrank (r5, o5, e5, v5, 1.99704058245668, 0.368424198549194);
}

/* survdiff(Surv(t, s) ~ g + strata(h), d3) and with rho = 1: O and E are summed over strata
 * (rowSums of the matrices R prints) */
static void
test_logrank_stratified (void)
{
  const double o0[] = { 3, 5, 2 };
  const double e0[] = { 2.09523809523809 + 0.985714285714286,
                        1.20238095238095 + 1.810714285714285,
                        1.70238095238095 + 2.203571428571428 };
  const double v0[] = { 1.928424036281179, -0.787553854875283, -1.14087018140590,
                        -0.787553854875283, 1.951982709750567, -1.16442885487528,
                        -1.140870181405896, -1.164428854875283, 2.30529903628118 };
  const double o1[] = { 2.07142857142857, 1.39285714285714 + 2.2, 1.475 };
  const double e1[] = { 1.428571428571429 + 0.8, 0.928571428571428 + 1.3,
                        1.107142857142857 + 1.575 };
  const double v1[] = { 1.132627551020408, -0.523494897959184, -0.609132653061224,
                        -0.523494897959184, 1.170535714285714, -0.647040816326531,
                        -0.609132653061224, -0.647040816326531, 1.256173469387755 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpLogrankResult) r0 = ep_logrank_test (d3_time, d3_status, d3_group, 3, d3_strata, 2,
                                                   15, 0.0, &error);
  g_autoptr(EpLogrankResult) r1 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (r0->n_strata, ==, 2);
  g_assert_cmpuint (r0->n[0], ==, 5);
  assert_logrank (r0, o0, e0, v0, 2.34492257173111, 0.30960397881932);
  r1 = ep_logrank_test (d3_time, d3_status, d3_group, 3, d3_strata, 2, 15, 1.0, &error);
  g_assert_no_error (error);
  assert_logrank (r1, o1, e1, v1, 1.81849691135714, 0.402826852533568);
}

/* d <- data.frame(t = c(1, 3, 4, 6, 8, 2, 5, 9), s = c(1, 1, 0, 1, 0, 0, 0, 0),
 *                 g = c(1, 1, 1, 1, 1, 2, 2, 2)); survdiff(Surv(t, s) ~ g, d)
 *   obs 3, 0; exp 1.95833333333333, 1.04166666666667; var 0.678819444444444 (+-);
 *   chisq 1.59846547314578, p 0.206120811179111 */
static void
test_logrank_group_without_events (void)
{
  const double time[] = { 1, 3, 4, 6, 8, 2, 5, 9 };
  const int status[] = { 1, 1, 0, 1, 0, 0, 0, 0 };
  const guint group[] = { 0, 0, 0, 0, 0, 1, 1, 1 };
  const double o[] = { 3, 0 };
  const double e[] = { 1.95833333333333, 1.04166666666667 };
  const double v[] = { 0.678819444444444, -0.678819444444444,
                       -0.678819444444444, 0.678819444444444 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpLogrankResult) r = ep_logrank_test (time, status, group, 2, NULL, 1, 8, 0.0, &error);

  g_assert_no_error (error);
  assert_logrank (r, o, e, v, 1.59846547314578, 0.206120811179111);
}

/* A group whose subjects all leave before the first event has E = 0 and drops out of the test:
 * d <- data.frame(t = c(1, 2, 3, 4, 0.5), s = c(1, 1, 0, 1, 0), g = c(1, 1, 1, 1, 2))
 * survdiff(Surv(t, s) ~ g, d): obs 3, 0; exp 3, 0; chisq 0; pvalue 1 (df 0) */
static void
test_logrank_nothing_to_compare (void)
{
  const double time[] = { 1, 2, 3, 4, 0.5 };
  const int status[] = { 1, 1, 0, 1, 0 };
  const guint group[] = { 0, 0, 0, 0, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpLogrankResult) r = ep_logrank_test (time, status, group, 2, NULL, 1, 5, 0.0, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (r->expected[0], ==, 3);
  g_assert_cmpfloat (r->expected[1], ==, 0);
  g_assert_cmpfloat (r->chisq, ==, 0);
  g_assert_cmpuint (r->df, ==, 0);
  g_assert_cmpfloat (r->p, ==, 1);
}

/* A singular variance: group c is alone in its stratum, so it has E = 1 but no variance, and
 * V^- sets its pivot aside (rank 1 of 2). R's survdiff stops there ("system is exactly
 * singular"); Endpoint's chi-square is then that of the other groups, here
 *   d <- data.frame(t = 1:8, s = c(1, 0, 1, 1, 0, 1, 0, 1), g = rep(c("a", "b"), 4))
 *   survdiff(Surv(t, s) ~ g, d)$chisq = 0.0739030023094688
 * df stays #{E_k > 0} - 1 = 2 (ep-logrank.h). */
/* The Kaplan-Meier fit and the log-rank test refuse the same bad observations with the same
 * messages (one check, ep-observations.h), each in its own error domain, naming the first bad
 * observation 1-based; observation 1 is fine in each case. */
static void
test_observations_refused (void)
{
  static const struct
  {
    double      time[2];
    double      start[2];
    int         status[2];
    guint       group[2];
    guint       stratum[2];
    gboolean    with_start;
    const char *message;
  } cases[] = {
    { { 1, -2 }, { 0, 0 }, { 1, 0 }, { 0, 1 }, { 0, 0 }, FALSE,
      "Observation 2: the time -2 is not a finite number >= 0" },
    { { 1, NAN }, { 0, 0 }, { 1, 0 }, { 0, 1 }, { 0, 0 }, FALSE,
      "Observation 2: the time nan is not a finite number >= 0" },
    { { 1, 2 }, { 0, 2 }, { 1, 0 }, { 0, 1 }, { 0, 0 }, TRUE,
      "Observation 2: the entry time 2 is not a finite number before the time 2" },
    { { 1, 2 }, { 0, 0 }, { 1, 2 }, { 0, 1 }, { 0, 0 }, FALSE,
      "Observation 2: the event status 2 is not 0 (censored) or 1 (event)" },
    { { 1, 2 }, { 0, 0 }, { 1, 0 }, { 0, 2 }, { 0, 0 }, FALSE,
      "Observation 2: the group code 2 is not below 2" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const double *start = cases[k].with_start ? cases[k].start : NULL;
      g_autoptr(GError) km_error = NULL;
      g_autoptr(GError) lr_error = NULL;
      EpKmResult *fit = ep_km_fit_full (start, cases[k].time, cases[k].status, cases[k].group, 2,
                                        2, NULL, NULL, 0, &km_error);
      EpLogrankResult *test = ep_logrank_test_full (start, cases[k].time, cases[k].status,
                                                    cases[k].group, 2, NULL, 1, 2, 0.0, TRUE,
                                                    &lr_error);

      g_assert_null (fit);
      g_assert_null (test);
      g_assert_error (km_error, EP_KM_ERROR, EP_KM_ERROR_INVALID_INPUT);
      g_assert_error (lr_error, EP_LOGRANK_ERROR, EP_LOGRANK_ERROR_INVALID_INPUT);
      g_assert_cmpstr (km_error->message, ==, cases[k].message);
      g_assert_cmpstr (lr_error->message, ==, cases[k].message);
    }

  /* a stratum code out of range: the log-rank test's only (the fit takes no strata) */
  {
    const double time[] = { 1, 2, 3 };
    const int status[] = { 1, 0, 1 };
    const guint group[] = { 0, 1, 0 };
    const guint stratum[] = { 0, 0, 5 };
    g_autoptr(GError) error = NULL;

    g_assert_null (ep_logrank_test (time, status, group, 2, stratum, 2, 3, 0.0, &error));
    g_assert_error (error, EP_LOGRANK_ERROR, EP_LOGRANK_ERROR_INVALID_INPUT);
    g_assert_cmpstr (error->message, ==, "Observation 3: the stratum code 5 is not below 2");
  }
}

static void
test_logrank_singular_variance (void)
{
  const double time[] = { 1, 2, 3, 4, 5, 6, 7, 8, 5 };
  const int status[] = { 1, 0, 1, 1, 0, 1, 0, 1, 1 };
  const guint group[] = { 0, 1, 0, 1, 0, 1, 0, 1, 2 };
  const guint stratum[] = { 0, 0, 0, 0, 0, 0, 0, 0, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpLogrankResult) r = ep_logrank_test (time, status, group, 3, stratum, 2, 9, 0.0,
                                                  &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (r->expected[2], ==, 1);
  g_assert_cmpfloat (r->var[2 * 3 + 2], ==, 0);
  g_assert_cmpuint (r->df, ==, 2);
  g_assert_cmpuint (r->rank, ==, 1);
  assert_near (0.0739030023094688, r->chisq, "chisq");
}

static void
test_logrank_one_group (void)
{
  const double time[] = { 1, 2, 3 };
  const int status[] = { 1, 0, 1 };
  const guint group_one[] = { 0, 0, 0 };
  const guint group_used[] = { 1, 1, 1 };   /* two codes, one of them empty */
  const int status_bad[] = { 1, 3, 1 };
  const guint group_two[] = { 0, 1, 0 };
  EpLogrankResult *r;
  GError *error = NULL;

  r = ep_logrank_test (time, status, group_one, 1, NULL, 1, 3, 0.0, &error);
  g_assert_null (r);
  g_assert_error (error, EP_LOGRANK_ERROR, EP_LOGRANK_ERROR_ONE_GROUP);
  g_clear_error (&error);

  r = ep_logrank_test (time, status, group_used, 2, NULL, 1, 3, 0.0, &error);
  g_assert_null (r);
  g_assert_error (error, EP_LOGRANK_ERROR, EP_LOGRANK_ERROR_ONE_GROUP);
  g_clear_error (&error);

  r = ep_logrank_test (time, status_bad, group_two, 2, NULL, 1, 3, 0.0, &error);
  g_assert_null (r);
  g_assert_error (error, EP_LOGRANK_ERROR, EP_LOGRANK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
}

/* ---------------------------------------------------------------------------------------------
 * The sort: checked against its definition (ascending (code, time), stable, a permutation)
 */

static void
check_order (const double *time,
             const guint  *code,
             gsize         n,
             const guint  *order)
{
  g_autofree gboolean *seen = g_new0 (gboolean, n);

  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpuint (order[i], <, n);
      g_assert_false (seen[order[i]]);
      seen[order[i]] = TRUE;
      if (i > 0)
        {
          guint a = order[i - 1], b = order[i];
          guint ca = code != NULL ? code[a] : 0, cb = code != NULL ? code[b] : 0;

          g_assert_cmpuint (ca, <=, cb);
          if (ca == cb)
            {
              g_assert_cmpfloat (time[a], <=, time[b]);
              if (time[a] == time[b])
                g_assert_cmpuint (a, <, b);   /* stable */
            }
        }
    }
}

static void
test_sort (void)
{
  const gsize sizes[] = { 0, 1, 5, 32, 33, 1000, 20000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gsize n = sizes[s];
      g_autofree double *time = g_new (double, MAX (n, 1));
      g_autofree guint *code = g_new (guint, MAX (n, 1));
      g_autofree guint *order = g_new (guint, MAX (n, 1));

      for (gsize i = 0; i < n; i++)
        {
          /* ties, negatives, both zeros, tiny and huge magnitudes */
          switch (g_rand_int_range (rand, 0, 6))
            {
            case 0: time[i] = g_rand_int_range (rand, 0, 20); break;
            case 1: time[i] = -g_rand_double_range (rand, 0, 100); break;
            case 2: time[i] = g_rand_boolean (rand) ? 0.0 : -0.0; break;
            case 3: time[i] = g_rand_double (rand) * 1e-300; break;
            case 4: time[i] = g_rand_double (rand) * 1e300; break;
            default: time[i] = g_rand_double_range (rand, 0, 1000); break;
            }
          code[i] = g_rand_int_range (rand, 0, 4);
        }

      g_assert_true (ep_sort_order_by_code_and_time (time, code, 4, n, order));
      check_order (time, code, n, order);
      g_assert_true (ep_sort_order_by_code_and_time (time, NULL, 0, n, order));
      check_order (time, NULL, n, order);
      if (n > 0)
        {
          code[n - 1] = 4;
          g_assert_false (ep_sort_order_by_code_and_time (time, code, 4, n, order));
        }
    }
}

/* ep_sort_records: the same order as ep_sort_order_by_code_and_time, the payload carried */
static void
test_sort_records (void)
{
  const gsize sizes[] = { 0, 1, 7, 33, 5000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gsize n = sizes[s];
      g_autofree double *time = g_new (double, MAX (n, 1));
      g_autofree guint *code = g_new (guint, MAX (n, 1));
      g_autofree guint *order = g_new (guint, MAX (n, 1));
      g_autofree EpSortRecord *rec = g_new (EpSortRecord, MAX (n, 1));

      for (gsize i = 0; i < n; i++)
        {
          time[i] = g_rand_int_range (rand, 0, 50) / 4.0;
          code[i] = g_rand_int_range (rand, 0, 3);
          rec[i].time = time[i];
          rec[i].code = code[i];
          rec[i].aux = (guint32) i;
        }

      g_assert_true (ep_sort_records (rec, n, 3));
      g_assert_true (ep_sort_order_by_code_and_time (time, code, 3, n, order));
      check_order (time, code, n, order);
      for (gsize i = 0; i < n; i++)
        {
          g_assert_cmpuint (rec[i].aux, ==, order[i]);
          g_assert_cmpfloat (rec[i].time, ==, time[order[i]]);
          g_assert_cmpuint (rec[i].code, ==, code[order[i]]);
        }
      if (n > 0)
        {
          rec[0].code = 3;
          g_assert_false (ep_sort_records (rec, n, 3));
        }
    }
}

/* The reference order: (code, time) ascending with -0.0 == +0.0, ties by input position (aux
 * holds it), by qsort. */
static int
compare_reference (gconstpointer pa,
                   gconstpointer pb)
{
  const EpSortRecord *a = pa, *b = pb;

  if (a->code != b->code)
    return a->code < b->code ? -1 : 1;
  if (a->time != b->time)
    return a->time < b->time ? -1 : 1;
  return (a->aux > b->aux) - (a->aux < b->aux);
}

typedef enum
{
  KEYS_DAYS,        /* whole days 0 .. 1825: 21 varying bits, code folded into the key */
  KEYS_ANY,         /* negatives, both zeros, tiny and huge: all 64 bits, then a code pass */
  KEYS_ONE,         /* one time for all: no time bits, only the code */
  KEYS_ZEROS,       /* -0.0 and +0.0 only: one key */
  KEYS_WIDE_54,     /* 54 varying bits: with 10 code bits exactly 64, folded */
  KEYS_WIDE_55,     /* 55 varying bits: with 10 code bits 65, a code pass */
  KEYS_FEW,         /* two values, far apart in the low bits */
} Keys;

static double
make_time (GRand *rand,
           Keys   keys,
           gsize  i)
{
  switch (keys)
    {
    case KEYS_DAYS:
      return g_rand_int_range (rand, 0, 1826);
    case KEYS_ANY:
      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0: return -g_rand_double_range (rand, 0, 100);
        case 1: return g_rand_boolean (rand) ? 0.0 : -0.0;
        case 2: return g_rand_double (rand) * 1e-300;
        case 3: return g_rand_double (rand) * 1e300;
        default: return g_rand_int_range (rand, 0, 8);
        }
    case KEYS_ONE:
      return 42.0;
    case KEYS_ZEROS:
      return g_rand_boolean (rand) ? 0.0 : -0.0;
    case KEYS_WIDE_54:
    case KEYS_WIDE_55:
      {
        /* positive doubles whose keys differ in bits 0 .. 53 (or 54): mantissas of 1.x with
         * exponents 0 .. 3 (or 0 .. 7), one value with the lowest bit set */
        int e = g_rand_int_range (rand, 0, keys == KEYS_WIDE_54 ? 4 : 8);
        double m = 1.0 + g_rand_int_range (rand, 0, 64) / 64.0;

        if (i == 0)
          return 1.0000000000000002;
        return ldexp (m, e);
      }
    case KEYS_FEW:
    default:
      return g_rand_boolean (rand) ? 1.0 : 1.0000000000000002;
    }
}

/* ep_sort_records against qsort's order on every kind of key set, sizes around the insertion
 * sort's limit (32) and larger, codes from a range that need not start at 0. */
static void
test_sort_window (void)
{
  const gsize sizes[] = { 2, 31, 32, 33, 34, 100, 4099 };
  const guint code_ranges[][2] = { { 0, 1 }, { 0, 2 }, { 3, 6 }, { 0, 1000 }, { 7, 8 } };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (Keys keys = KEYS_DAYS; keys <= KEYS_FEW; keys++)
    for (guint c = 0; c < G_N_ELEMENTS (code_ranges); c++)
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          gsize n = sizes[s];
          guint lo = code_ranges[c][0], hi = code_ranges[c][1];
          g_autofree EpSortRecord *rec = g_new (EpSortRecord, n);
          g_autofree EpSortRecord *want = g_new (EpSortRecord, n);

          for (gsize i = 0; i < n; i++)
            {
              rec[i].time = make_time (rand, keys, i);
              rec[i].code = lo + (guint) g_rand_int_range (rand, 0, (gint32) (hi - lo));
              rec[i].aux = (guint32) i;
            }
          if (hi - lo == 1000 && n > 1)
            {
              rec[0].code = lo;        /* the whole range: 10 code bits */
              rec[1].code = hi - 1;
            }
          memcpy (want, rec, n * sizeof *rec);
          qsort (want, n, sizeof *want, compare_reference);

          g_assert_true (ep_sort_records (rec, n, hi));
          for (gsize i = 0; i < n; i++)
            {
              if (rec[i].aux != want[i].aux)
                g_error ("keys %d, codes %u..%u, n %zu: position %zu holds %u, expected %u",
                         keys, lo, hi, n, i, rec[i].aux, want[i].aux);
              g_assert_cmpuint (rec[i].code, ==, want[i].code);
              g_assert_true (memcmp (&rec[i].time, &want[i].time, sizeof (double)) == 0);
            }
        }
}

typedef struct
{
  gsize     calls;
  gboolean  by_time;     /* the hook saw the records ascending by time, stably */
  gboolean  codes_kept;
} HookSeen;

static void
check_hook (EpSortRecord *records,
            gsize         n,
            gpointer      data)
{
  HookSeen *seen = data;

  seen->calls++;
  for (gsize i = 1; i < n; i++)
    if (records[i - 1].time > records[i].time ||
        (records[i - 1].time == records[i].time && records[i - 1].aux > records[i].aux))
      seen->by_time = FALSE;
}

/* ep_sort_records_hook: the hook sees the records by time alone; without a change of times the
 * result is ep_sort_records()'s; with R's tie rule as the hook, every record has the time that
 * ep_timefix() gives its observation and the count of changed times is ep_timefix()'s. */
static void
test_sort_hook (void)
{
  const gsize sizes[] = { 0, 1, 2, 32, 33, 500, 5000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1919);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint round = 0; round < 3; round++)
      {
        gsize n = sizes[s];
        g_autofree EpSortRecord *rec = g_new (EpSortRecord, MAX (n, 1));
        g_autofree EpSortRecord *want = g_new (EpSortRecord, MAX (n, 1));
        g_autofree double *time = g_new (double, MAX (n, 1));
        g_autofree double *fixed = g_new (double, MAX (n, 1));
        HookSeen seen = { 0, TRUE, TRUE };
        EpTimefixHook fix = { EP_TIMEFIX_TOLERANCE, 0 };
        gsize n_fixed;

        for (gsize i = 0; i < n; i++)
          {
            double b = g_rand_int_range (rand, 0, 40) / 10.0;

            /* near-ties (0.1 + 0.2 against 0.3; 2e-8 apart: tied by the relative rule only),
             * exact ties, both zeros */
            switch (round == 0 ? 0 : g_rand_int_range (rand, 0, 6))
              {
              case 5: time[i] = b + 2e-8; break;
              case 0: time[i] = b; break;
              case 1: time[i] = b + 1e-12; break;
              case 2: time[i] = b * (1 + 1e-10); break;
              case 3: time[i] = b + 0.1 + 0.2 - 0.3; break;
              default: time[i] = g_rand_boolean (rand) ? 0.0 : -0.0; break;
              }
            rec[i] = (EpSortRecord) { time[i], (guint32) g_rand_int_range (rand, 0, 3),
                                      (guint32) i };
          }

        /* an identity hook: ep_sort_records()'s order */
        memcpy (want, rec, n * sizeof *rec);
        g_assert_true (ep_sort_records (want, n, 3));
        g_assert_true (ep_sort_records_hook (rec, n, 3, check_hook, &seen));
        g_assert_cmpuint (seen.calls, ==, 1);
        g_assert_true (seen.by_time);
        for (gsize i = 0; i < n; i++)
          g_assert_cmpuint (rec[i].aux, ==, want[i].aux);

        /* R's tie rule as the hook */
        for (gsize i = 0; i < n; i++)
          rec[i] = (EpSortRecord) { time[i], want[i].code, (guint32) i };
        for (gsize i = 0; i < n; i++)
          rec[want[i].aux].code = want[i].code;
        n_fixed = ep_timefix (n, NULL, time, EP_TIMEFIX_TOLERANCE, NULL, fixed);
        g_assert_true (ep_sort_records_hook (rec, n, 3, ep_timefix_sort_hook, &fix));
        g_assert_cmpuint (fix.n_changed, ==, n_fixed);
        if (round > 0 && n >= 500)
          g_assert_cmpuint (n_fixed, >, 0);     /* the rule did merge times here */
        for (gsize i = 0; i < n; i++)
          {
            g_assert_true (memcmp (&rec[i].time, &fixed[rec[i].aux], sizeof (double)) == 0);
            if (i > 0)
              {
                g_assert_cmpuint (rec[i - 1].code, <=, rec[i].code);
                if (rec[i - 1].code == rec[i].code)
                  g_assert_cmpfloat (rec[i - 1].time, <=, rec[i].time);
              }
          }

        if (n > 0)
          {
            rec[0].code = 3;
            seen.calls = 0;
            g_assert_false (ep_sort_records_hook (rec, n, 3, check_hook, &seen));
            g_assert_cmpuint (seen.calls, ==, 0);
          }
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/km/reference/aml-loglog", "aml_km_loglog", test_km_reference);
  g_test_add_data_func ("/km/reference/aml-log", "aml_km_log", test_km_reference);
  g_test_add_data_func ("/km/reference/aml-plain", "aml_km_plain", test_km_reference);
  g_test_add_data_func ("/km/reference/lung", "lung_km", test_km_reference);
  g_test_add_data_func ("/km/reference/tg1", "tg1_km", test_km_reference);
  g_test_add_func ("/km/all-censored", test_km_all_censored);
  g_test_add_func ("/km/one-subject", test_km_one_subject);
  g_test_add_func ("/km/all-tied", test_km_all_tied);
  g_test_add_func ("/km/median-flat", test_km_median_flat);
  g_test_add_func ("/km/conf-level", test_km_conf_level);
  g_test_add_func ("/km/group-without-events", test_km_group_without_events);
  g_test_add_func ("/km/invalid", test_km_invalid);
  g_test_add_func ("/km/conf-type-names", test_km_conf_type_names);
  g_test_add_func ("/km/reverse", test_km_reverse);

  g_test_add_data_func ("/logrank/reference/aml", "aml_logrank", test_logrank_reference);
  g_test_add_data_func ("/logrank/reference/aml-rho1", "aml_logrank_rho1", test_logrank_reference);
  g_test_add_data_func ("/logrank/reference/lung", "lung_logrank", test_logrank_reference);
  g_test_add_data_func ("/logrank/reference/lung-strata", "lung_logrank_strat",
                        test_logrank_reference);
  g_test_add_func ("/logrank/rho", test_logrank_rho);
  g_test_add_func ("/logrank/stratified", test_logrank_stratified);
  g_test_add_func ("/logrank/group-without-events", test_logrank_group_without_events);
  g_test_add_func ("/logrank/nothing-to-compare", test_logrank_nothing_to_compare);
  g_test_add_func ("/logrank/one-group", test_logrank_one_group);
  g_test_add_func ("/logrank/singular-variance", test_logrank_singular_variance);
  g_test_add_func ("/logrank/observations-refused", test_observations_refused);

  g_test_add_func ("/sort/order", test_sort);
  g_test_add_func ("/sort/records", test_sort_records);
  g_test_add_func ("/sort/window", test_sort_window);
  g_test_add_func ("/sort/hook", test_sort_hook);

  return g_test_run ();
}
