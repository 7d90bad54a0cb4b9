/* test-cohort.c: the cohort model: typed edits, refused edits, undo/redo, endpoints, analyses
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference numbers: the JSON files in tests/data/reference/expected (R survival, see make_reference.R
 * there), read through the cohort model and the same core the CLI uses. Date arithmetic is
 * checked against R's as.Date differences, stated beside each case.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "core/ep-cox.h"
#include "core/ep-km.h"
#include "core/ep-logrank.h"
#include "io/ep-export.h"
#include "model/ep-cohort.h"

static void
assert_rel (double actual,
            double expected,
            double tol)
{
  if (expected == 0)
    g_assert_cmpfloat (fabs (actual), <=, tol);
  else
    g_assert_cmpfloat (fabs (actual - expected) / fabs (expected), <=, tol);
}

static EpCohort *
small_cohort (void)
{
  const char *csv =
    "id,age,arm,cr,start,last,dead\n"
    "1,52,blina,yes,2024-02-28,2024-03-01,1\n"
    "2,64.5,chemo,no,2023-02-28,2023-03-01,0\n"
    "3,NA,blina,yes,2020-01-01,,0\n"
    "4,18,chemo,,2021-01-01,2022-01-01,1\n";
  g_autoptr(GError) error = NULL;
  EpTable *table = ep_import_csv_data (csv, strlen (csv), "small.csv", NULL, &error);

  g_assert_no_error (error);
  return ep_cohort_new_from_table ("small", table);
}

/* Everything an undo must restore: the cells as CSV, the column types and roles, endpoints. */
static char *
snapshot (EpCohort *cohort)
{
  GString *s = g_string_new (NULL);
  g_autofree char *csv = ep_export_csv_string (ep_cohort_get_table (cohort), ',');
  GListModel *endpoints = ep_cohort_get_endpoints (cohort);

  g_string_append (s, csv);
  for (guint j = 0; j < ep_cohort_get_n_columns (cohort); j++)
    {
      EpCohortColumn *c = ep_cohort_get_column (cohort, j);
      GPtrArray *levels = ep_cohort_column_get_levels (c);

      g_string_append_printf (s, "%s:%s:%s:%u;", ep_cohort_column_get_name (c),
                              ep_column_type_to_string (ep_cohort_column_get_column_type (c)),
                              ep_column_role_to_string (ep_cohort_column_get_role (c)),
                              levels != NULL ? levels->len : 0);
    }
  for (guint k = 0; k < g_list_model_get_n_items (endpoints); k++)
    {
      g_autoptr(EpCohortEndpoint) e = g_list_model_get_item (endpoints, k);

      g_string_append_printf (s, "[%s %s %s]", ep_cohort_endpoint_get_name (e),
                              ep_cohort_endpoint_get_event_column (e),
                              ep_time_unit_to_string (ep_cohort_endpoint_get_unit (e)));
    }
  return g_string_free (s, FALSE);
}

static void
count_signal (guint *count)
{
  (*count)++;
}

static void
test_typed_edits (void)
{
  g_autoptr(EpCohort) cohort = small_cohort ();
  g_autoptr(GError) error = NULL;
  g_autofree char *age = NULL;
  g_autofree char *arm = NULL;
  g_autofree char *cr = NULL;
  g_autofree char *start = NULL;
  g_autofree char *missing = NULL;
  guint n_changed = 0;

  g_assert_cmpuint (ep_cohort_get_n_rows (cohort), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cohort)), ==, 4);
  g_assert_cmpint (ep_cohort_column_get_column_type (ep_cohort_get_column (cohort, 1)), ==, EP_COLUMN_NUMBER);
  g_assert_cmpint (ep_cohort_column_get_column_type (ep_cohort_get_column (cohort, 3)), ==, EP_COLUMN_YESNO);
  g_assert_cmpint (ep_cohort_column_get_column_type (ep_cohort_get_column (cohort, 4)), ==, EP_COLUMN_DATE);
  g_assert_cmpuint (ep_cohort_column_get_n_missing (ep_cohort_get_column (cohort, 1)), ==, 1);

  g_signal_connect_swapped (cohort, "cell-changed", G_CALLBACK (count_signal), &n_changed);

  g_assert_true (ep_cohort_set_text (cohort, 2, 1, "47.25", &error));
  g_assert_true (ep_cohort_set_text (cohort, 0, 2, "inotuzumab", &error));
  g_assert_true (ep_cohort_set_text (cohort, 3, 3, "Y", &error));
  g_assert_true (ep_cohort_set_text (cohort, 1, 4, "29.02.2024", &error));
  g_assert_true (ep_cohort_set_text (cohort, 0, 1, "NA", &error));
  g_assert_no_error (error);

  age = ep_cohort_get_text (cohort, 2, 1);
  arm = ep_cohort_get_text (cohort, 0, 2);
  cr = ep_cohort_get_text (cohort, 3, 3);
  start = ep_cohort_get_text (cohort, 1, 4);
  missing = ep_cohort_get_text (cohort, 0, 1);
  g_assert_cmpstr (age, ==, "47.25");
  g_assert_cmpstr (arm, ==, "inotuzumab");
  g_assert_cmpstr (cr, ==, "yes");
  g_assert_cmpstr (start, ==, "2024-02-29");
  g_assert_cmpstr (missing, ==, "");
  g_assert_true (ep_cohort_is_missing (cohort, 0, 1));
  g_assert_cmpuint (ep_cohort_column_get_levels (ep_cohort_get_column (cohort, 2))->len, ==, 3);
  g_assert_cmpuint (n_changed, ==, 5);

  /* sorting the view: numbers numerically with a missing value (row 0 after the edits) last,
   * categories by text, dates by time, no before yes */
  g_assert_cmpint (ep_cohort_compare_rows (cohort, 1, 1, 2), >, 0);     /* 64.5 > 47.25 */
  g_assert_cmpint (ep_cohort_compare_rows (cohort, 1, 0, 3), >, 0);     /* missing last */
  g_assert_cmpint (ep_cohort_compare_rows (cohort, 1, 3, 0), <, 0);
  g_assert_cmpint (ep_cohort_compare_rows (cohort, 1, 0, 0), ==, 0);
  g_assert_cmpint (ep_cohort_compare_rows (cohort, 2, 0, 1), >, 0);     /* inotuzumab > chemo */
  g_assert_cmpint (ep_cohort_compare_rows (cohort, 4, 2, 1), <, 0);     /* 2020 < 2024 */
  g_assert_cmpint (ep_cohort_compare_rows (cohort, 3, 1, 0), <, 0);     /* no < yes */

  /* the row model reads the same cells, lazily */
  {
    g_autoptr(EpCohortRow) row = g_list_model_get_item (G_LIST_MODEL (cohort), 2);
    g_autofree char *text = ep_cohort_row_get_text (row, 1);

    g_assert_cmpstr (text, ==, "47.25");
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (cohort), 4));
  }
}

static void
test_refused_edits (void)
{
  g_autoptr(EpCohort) cohort = small_cohort ();
  g_autofree char *before = snapshot (cohort);
  g_autofree char *after = NULL;
  static const struct { guint column; const char *text; const char *message; } cases[] = {
    { 1, "abc", "column \"age\": \"abc\" is not a number" },
    { 1, "12,5", "column \"age\": \"12,5\" is not a number" },
    { 3, "maybe", "column \"cr\": \"maybe\" is not yes or no" },
    { 4, "2023-02-29", "column \"start\": \"2023-02-29\" is not a date (YYYY-MM-DD)" },
    { 4, "03/04/2021", "column \"start\": \"03/04/2021\" is not a date (YYYY-MM-DD)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ep_cohort_set_text (cohort, 0, cases[i].column, cases[i].text, &error));
      g_assert_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_INVALID_VALUE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* a column that cannot become a number, a duplicate name */
  {
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;

    g_assert_false (ep_cohort_set_column_type (cohort, 2, EP_COLUMN_NUMBER, &e1));
    g_assert_cmpstr (e1->message, ==,
                     "column \"arm\" cannot become number: row 1: \"blina\" is not a number");
    g_assert_false (ep_cohort_rename_column (cohort, 1, "arm", &e2));
    g_assert_cmpstr (e2->message, ==, "There is already a column \"arm\"");
  }

  after = snapshot (cohort);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (ep_cohort_can_undo (cohort));
}

static void
test_undo_redo (void)
{
  g_autoptr(EpCohort) cohort = small_cohort ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  const char *codes[] = { "1", NULL };
  g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_dates ("OS", "start", "last", "dead",
                                                                 codes, EP_TIME_UNIT_MONTHS);
  g_autoptr(EpCohortEndpoint) os_days = ep_cohort_endpoint_new_dates ("OS", "start", "last", "dead",
                                                                      codes, EP_TIME_UNIT_DAYS);
  g_autoptr(EpCohortEndpoint) pfs = ep_cohort_endpoint_new_dates ("PFS", "start", "last", "dead",
                                                                  codes, EP_TIME_UNIT_YEARS);
  guint n_steps;

  g_ptr_array_add (states, snapshot (cohort));
#define STEP(call) G_STMT_START { g_assert_true (call); g_ptr_array_add (states, snapshot (cohort)); } G_STMT_END
  STEP (ep_cohort_set_text (cohort, 0, 1, "99", NULL));
  STEP (ep_cohort_set_text (cohort, 1, 2, "CAR T", NULL));          /* a new level */
  STEP (ep_cohort_set_text (cohort, 2, 4, "", NULL));               /* a date made missing */
  ep_cohort_insert_rows (cohort, 1, 2);
  g_ptr_array_add (states, snapshot (cohort));
  STEP (ep_cohort_set_text (cohort, 1, 0, "17", NULL));
  ep_cohort_duplicate_row (cohort, 0);
  g_ptr_array_add (states, snapshot (cohort));
  ep_cohort_delete_rows (cohort, 3, 2);
  g_ptr_array_add (states, snapshot (cohort));
  STEP (ep_cohort_add_column (cohort, 2, "mrd", EP_COLUMN_YESNO, NULL));
  STEP (ep_cohort_set_text (cohort, 0, 2, "yes", NULL));
  STEP (ep_cohort_rename_column (cohort, 7, "death", NULL));
  STEP (ep_cohort_set_column_type (cohort, 1, EP_COLUMN_CATEGORY, NULL));
  STEP (ep_cohort_set_column_type (cohort, 4, EP_COLUMN_NUMBER, NULL));   /* yes/no -> 1/0 */
  ep_cohort_set_column_role (cohort, 7, EP_COLUMN_ROLE_EVENT);
  g_ptr_array_add (states, snapshot (cohort));
  ep_cohort_delete_column (cohort, 3);
  g_ptr_array_add (states, snapshot (cohort));
  ep_cohort_set_endpoint (cohort, os);
  g_ptr_array_add (states, snapshot (cohort));
  ep_cohort_set_endpoint (cohort, os_days);      /* replaces OS */
  g_ptr_array_add (states, snapshot (cohort));
  ep_cohort_set_endpoint (cohort, pfs);
  g_ptr_array_add (states, snapshot (cohort));
  STEP (ep_cohort_rename_column (cohort, 4, "start_date", NULL));  /* the endpoint follows */
  ep_cohort_remove_endpoint (cohort, "OS");
  g_ptr_array_add (states, snapshot (cohort));
#undef STEP

  n_steps = states->len - 1;

  /* back to the original, one step at a time */
  for (guint k = n_steps; k > 0; k--)
    {
      g_autofree char *now = NULL;

      g_assert_true (ep_cohort_can_undo (cohort));
      g_assert_true (ep_cohort_undo (cohort));
      now = snapshot (cohort);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, k - 1));
    }
  g_assert_false (ep_cohort_can_undo (cohort));
  g_assert_false (ep_cohort_undo (cohort));

  /* and forwards again */
  for (guint k = 1; k <= n_steps; k++)
    {
      g_autofree char *now = NULL;

      g_assert_true (ep_cohort_redo (cohort));
      now = snapshot (cohort);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, k));
    }
  g_assert_false (ep_cohort_can_redo (cohort));

  /* a new edit after undo drops the redo tail */
  g_assert_true (ep_cohort_undo (cohort));
  g_assert_true (ep_cohort_undo (cohort));
  g_assert_true (ep_cohort_set_text (cohort, 0, 0, "5", NULL));
  g_assert_false (ep_cohort_can_redo (cohort));
  g_assert_cmpstr (ep_cohort_get_undo_label (cohort), ==, "Edit cell");
}

static void
test_endpoint_dates (void)
{
  /* start -> last: 2024-02-28 -> 2024-03-01 is 2 days (2024 is a leap year), 2023-02-28 ->
   * 2023-03-01 is 1 day, 2021-01-01 -> 2022-01-01 is 365 days (R: as.numeric (as.Date (end) -
   * as.Date (start))). Row 3 has no last date: dropped. Months are 30.4375 days, years 365.25. */
  g_autoptr(EpCohort) cohort = small_cohort ();
  const char *codes[] = { "1", NULL };
  g_autoptr(EpCohortEndpoint) days = ep_cohort_endpoint_new_dates ("OS", "start", "last", "dead",
                                                                   codes, EP_TIME_UNIT_DAYS);
  g_autoptr(EpCohortEndpoint) months = ep_cohort_endpoint_new_dates ("OS", "start", "last", "dead",
                                                                     codes, EP_TIME_UNIT_MONTHS);
  g_autoptr(EpCohortEndpoint) years = ep_cohort_endpoint_new_dates ("OS", "start", "last", "dead",
                                                                    codes, EP_TIME_UNIT_YEARS);
  g_autoptr(EpEndpointData) d = NULL;
  g_autoptr(EpEndpointData) m = NULL;
  g_autoptr(EpEndpointData) y = NULL;
  g_autoptr(EpEndpointData) none = NULL;
  g_autoptr(GError) error = NULL;
  const char *also[] = { "age", NULL };

  d = ep_cohort_resolve_endpoint (cohort, days, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (d->n, ==, 3);
  g_assert_cmpuint (d->n_dropped, ==, 1);
  g_assert_cmpuint (d->rows[2], ==, 3);
  g_assert_cmpfloat (d->time[0], ==, 2);
  g_assert_cmpfloat (d->time[1], ==, 1);
  g_assert_cmpfloat (d->time[2], ==, 365);
  g_assert_cmpint (d->event[0], ==, 1);
  g_assert_cmpint (d->event[1], ==, 0);

  m = ep_cohort_resolve_endpoint (cohort, months, NULL, &error);
  g_assert_no_error (error);
  assert_rel (m->time[2], 365 / 30.4375, 1e-15);
  y = ep_cohort_resolve_endpoint (cohort, years, NULL, &error);
  assert_rel (y->time[2], 365 / 365.25, 1e-15);

  /* listwise: also requiring age drops row 3 (no date) and row 3's NA age is the same row */
  none = ep_cohort_resolve_endpoint (cohort, days, also, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->n, ==, 3);

  /* an end before the start is an error naming the row */
  g_assert_true (ep_cohort_set_text (cohort, 1, 5, "2023-01-01", NULL));
  {
    g_autoptr(EpEndpointData) bad = NULL;
    g_autoptr(GError) e = NULL;

    bad = ep_cohort_resolve_endpoint (cohort, days, NULL, &e);
    g_assert_null (bad);
    g_assert_cmpstr (e->message, ==,
                     "row 2: column \"last\": 2023-01-01 is before column \"start\": 2023-02-28");
  }
}

static JsonObject *
load_expected (const char *name,
               JsonParser **parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected",
                                                 name, NULL);
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_file (*parser, path, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*parser));
}

static double
member (JsonObject *o,
        const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);
}

static void
assert_rel_or_nan (double actual,
                   double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    assert_rel (actual, expected, 1e-5);
}

/* KM and log-rank of a reference data set, read into a cohort and analysed as the editor does. */
static void
check_survival (const char *data,
                const char *group,
                const char *km_json,
                const char *logrank_json)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data", data, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = ep_cohort_new_from_file (path, NULL, &error);
  const char *codes[] = { "1", NULL };
  const char *also[] = { group, NULL };
  g_autoptr(EpCohortEndpoint) os = NULL;
  g_autoptr(EpEndpointData) d = NULL;
  g_autoptr(EpLevels) levels = NULL;
  g_autoptr(EpKmResult) km = NULL;
  g_autoptr(EpLogrankResult) lr = NULL;
  g_autoptr(JsonParser) p1 = NULL;
  g_autoptr(JsonParser) p2 = NULL;
  JsonObject *expected_km, *expected_lr;
  JsonArray *groups;

  g_assert_no_error (error);
  os = ep_cohort_endpoint_new_time ("OS", "time", "status", codes, EP_TIME_UNIT_DAYS);
  ep_cohort_set_endpoint (cohort, os);
  d = ep_cohort_resolve_endpoint (cohort, ep_cohort_find_endpoint (cohort, "OS"), also, &error);
  g_assert_no_error (error);
  levels = ep_cohort_get_levels (cohort, group, d->rows, d->n, &error);
  g_assert_no_error (error);

  expected_km = load_expected (km_json, &p1);
  km = ep_km_fit (d->time, d->event, levels->codes, levels->n_levels, d->n, EP_KM_CONF_LOG_LOG,
                  0.95, NULL, 0, &error);
  g_assert_no_error (error);
  groups = json_object_get_array_member (expected_km, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, levels->n_levels);
  for (guint g = 0; g < levels->n_levels; g++)
    {
      JsonObject *eg = json_array_get_object_element (groups, g);
      JsonArray *steps = json_object_get_array_member (eg, "steps");

      g_assert_cmpstr (levels->levels[g], ==, json_object_get_string_member (eg, "label"));
      g_assert_cmpuint (km->curves[g].n, ==, json_object_get_int_member (eg, "n"));
      g_assert_cmpuint (km->curves[g].events, ==, json_object_get_int_member (eg, "events"));
      assert_rel_or_nan (km->curves[g].median, member (eg, "median"));
      assert_rel_or_nan (km->curves[g].median_lower, member (eg, "median_lower"));
      assert_rel_or_nan (km->curves[g].median_upper, member (eg, "median_upper"));
      g_assert_cmpuint (km->curves[g].n_steps, ==, json_array_get_length (steps));
      for (guint s = 0; s < km->curves[g].n_steps; s++)
        {
          JsonObject *es = json_array_get_object_element (steps, s);

          assert_rel (km->curves[g].steps[s].time, member (es, "time"), 1e-12);
          assert_rel (km->curves[g].steps[s].surv, member (es, "surv"), 1e-5);
        }
    }

  expected_lr = load_expected (logrank_json, &p2);
  lr = ep_logrank_test (d->time, d->event, levels->codes, levels->n_levels, NULL, 1, d->n, 0,
                        &error);
  g_assert_no_error (error);
  assert_rel (lr->chisq, member (expected_lr, "chisq"), 1e-5);
  assert_rel (lr->p, member (expected_lr, "p"), 1e-5);
}

static void
test_analysis_aml (void)
{
  check_survival ("aml.csv", "x", "aml_km_loglog.json", "aml_logrank.json");
}

static void
test_analysis_lung (void)
{
  check_survival ("lung.csv", "sex", "lung_km.json", "lung_logrank.json");
}

/* coxph (Surv (time, status) ~ age + sex + ph_ecog, lung, ties = "efron"), the reference case
 * lung_cox_efron.json, with the covariates read from the cohort. */
static void
test_analysis_lung_cox (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                 "lung.csv", NULL);
  const char *covariates[] = { "age", "sex", "ph_ecog", NULL };
  const char *codes[] = { "1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = ep_cohort_new_from_file (path, NULL, &error);
  g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_time ("OS", "time", "status", codes,
                                                                EP_TIME_UNIT_DAYS);
  g_autoptr(EpEndpointData) d = NULL;
  g_autoptr(EpCoxFit) fit = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree double *x = NULL;
  EpCoxOptions options;
  JsonObject *expected;
  JsonArray *terms;

  g_assert_no_error (error);
  d = ep_cohort_resolve_endpoint (cohort, os, covariates, &error);
  g_assert_no_error (error);
  /* one row lacks ph_ecog */
  g_assert_cmpuint (d->n, ==, 227);
  g_assert_cmpuint (d->n_dropped, ==, 1);

  x = g_new (double, (gsize) d->n * 3);
  for (guint k = 0; k < 3; k++)
    {
      g_autofree double *v = ep_cohort_get_numbers (cohort, covariates[k], d->rows, d->n, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < d->n; i++)
        x[(gsize) i * 3 + k] = v[i];
    }

  ep_cox_options_init (&options);
  fit = ep_cox_fit (d->n, NULL, d->time, d->event, x, 3, NULL, 1, &options, &error);
  g_assert_no_error (error);

  expected = load_expected ("lung_cox_efron.json", &parser);
  g_assert_cmpuint (fit->n, ==, json_object_get_int_member (expected, "n"));
  g_assert_cmpuint (fit->n_events, ==, json_object_get_int_member (expected, "events"));
  terms = json_object_get_array_member (expected, "terms");
  for (guint k = 0; k < 3; k++)
    {
      JsonObject *t = json_array_get_object_element (terms, k);

      g_assert_cmpstr (json_object_get_string_member (t, "name"), ==, covariates[k]);
      assert_rel (fit->coef[k], member (t, "coef"), 1e-5);
      assert_rel (fit->se[k], member (t, "se"), 1e-5);
      assert_rel (fit->p_value[k], member (t, "p"), 1e-5);
    }
}

static char *
examples_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
}

static void
test_example_seed004 (void)
{
  /* Yin 2024 (seed 004), Results 3.2: 25 of 30 responded (CR or CRi), 9 of the 13 with a high
   * leukemic load (> 50% blasts), 12 were MRD-negative. */
  g_autofree char *dir = examples_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = ep_cohort_new_from_example (dir, "seed004", &error);
  const char *responders[] = { "CR", "CRi", NULL };
  const char *yes[] = { "yes", NULL };
  g_autoptr(EpResponse) all = NULL;
  g_autoptr(EpResponse) burden = NULL;
  g_autoptr(EpResponse) mrd = NULL;
  g_autoptr(EpLevels) levels = NULL;
  guint dropped = 99;

  g_assert_no_error (error);
  g_assert_cmpuint (ep_cohort_get_n_rows (cohort), ==, 30);

  all = ep_cohort_response (cohort, "response", responders, NULL, 0.95, NULL, &dropped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dropped, ==, 0);
  g_assert_cmpuint (all->groups[0].n, ==, 30);
  g_assert_cmpuint (all->groups[0].successes, ==, 25);
  /* binom.test (25, 30)$conf.int */
  assert_rel (all->groups[0].lower, 0.65278830116585618, 1e-9);
  assert_rel (all->groups[0].upper, 0.94357830353192851, 1e-9);

  burden = ep_cohort_response (cohort, "response", responders, "high_burden", 0.95, &levels,
                               NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (levels->levels[1], ==, "yes");
  g_assert_cmpuint (burden->groups[1].n, ==, 13);
  g_assert_cmpuint (burden->groups[1].successes, ==, 9);
  g_assert_cmpuint (burden->groups[0].successes, ==, 16);
  /* fisher.test (matrix (c(16,1, 9,4), nrow = 2))$p.value */
  assert_rel (burden->fisher_p, 0.13774858602444812, 1e-9);

  mrd = ep_cohort_response (cohort, "mrd_negative", yes, NULL, 0.95, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mrd->groups[0].successes, ==, 12);
}

static void
test_example_aml (void)
{
  g_autofree char *dir = examples_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = ep_cohort_new_from_example (dir, "aml", &error);
  EpCohortEndpoint *os;
  g_autoptr(EpEndpointData) d = NULL;

  g_assert_no_error (error);
  os = ep_cohort_find_endpoint (cohort, "OS");
  g_assert_nonnull (os);
  g_assert_cmpint (ep_cohort_endpoint_get_unit (os), ==, EP_TIME_UNIT_WEEKS);
  d = ep_cohort_resolve_endpoint (cohort, os, NULL, &error);
  g_assert_no_error (error);
  /* survival::aml: 23 patients, 18 deaths */
  g_assert_cmpuint (d->n, ==, 23);
  {
    guint events = 0;

    for (guint i = 0; i < d->n; i++)
      events += d->event[i];
    g_assert_cmpuint (events, ==, 18);
  }
  g_assert_false (ep_cohort_can_undo (cohort));
}

static void
test_failed_import (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "ep-test-cohort-ragged.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = NULL;

  g_assert_true (g_file_set_contents (path, "time,status\n5,1\n7\n", -1, NULL));
  cohort = ep_cohort_new_from_file (path, NULL, &error);
  g_assert_null (cohort);
  g_assert_cmpstr (error->message, ==, "ep-test-cohort-ragged.csv:3: 1 field, but the header has 2");
  g_remove (path);
}

static void
test_million_rows (void)
{
  /* A registry extract: 1e6 rows x 6 columns works end to end. How fast it is created (the
   * 1 s target) is measured by bench/cohort.sh, not asserted here: a loaded CI runner would
   * make a timed test fail for no fault of the code. */
  const guint n = 1000000;
  gint64 t0 = g_get_monotonic_time ();
  EpTable *table = ep_table_new (n);
  g_autoptr(EpCohort) cohort = NULL;
  EpTableColumn *c[6];
  double seconds;

  c[0] = ep_table_column_new ("time", EP_COLUMN_NUMBER, n);
  c[1] = ep_table_column_new ("status", EP_COLUMN_NUMBER, n);
  c[2] = ep_table_column_new ("arm", EP_COLUMN_CATEGORY, n);
  c[3] = ep_table_column_new ("cr", EP_COLUMN_YESNO, n);
  c[4] = ep_table_column_new ("start", EP_COLUMN_DATE, n);
  c[5] = ep_table_column_new ("age", EP_COLUMN_NUMBER, n);
  ep_table_column_intern_level (c[2], "A");
  ep_table_column_intern_level (c[2], "B");
  for (guint i = 0; i < n; i++)
    {
      g_array_index (c[0]->values, double, i) = (i % 1000) + 0.5;
      g_array_index (c[1]->values, double, i) = i % 3 == 0;
      g_array_index (c[2]->values, gint32, i) = i % 2;
      g_array_index (c[3]->values, gint8, i) = i % 5 == 0;
      g_array_index (c[4]->values, gint32, i) = 18000 + (gint32) (i % 3000);
      g_array_index (c[5]->values, double, i) = 18 + i % 60;
    }
  for (guint j = 0; j < 6; j++)
    g_assert_true (ep_table_insert_column (table, j, c[j], NULL));
  cohort = ep_cohort_new_from_table ("registry", table);
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  g_test_message ("1e6 x 6 cohort created in %.3f s", seconds);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cohort)), ==, n);
  /* an edit and its undo at the end of a million rows */
  g_assert_true (ep_cohort_set_text (cohort, n - 1, 2, "C", NULL));
  g_assert_true (ep_cohort_undo (cohort));
  g_assert_cmpuint (ep_cohort_column_get_levels (ep_cohort_get_column (cohort, 2))->len, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cohort/typed-edits", test_typed_edits);
  g_test_add_func ("/cohort/refused-edits", test_refused_edits);
  g_test_add_func ("/cohort/undo-redo", test_undo_redo);
  g_test_add_func ("/cohort/endpoint-dates", test_endpoint_dates);
  g_test_add_func ("/cohort/failed-import", test_failed_import);
  g_test_add_func ("/cohort/million-rows", test_million_rows);
  g_test_add_func ("/cohort/analysis/aml", test_analysis_aml);
  g_test_add_func ("/cohort/analysis/lung", test_analysis_lung);
  g_test_add_func ("/cohort/analysis/lung-cox", test_analysis_lung_cox);
  g_test_add_func ("/cohort/example/seed004", test_example_seed004);
  g_test_add_func ("/cohort/example/aml", test_example_aml);

  return g_test_run ();
}
