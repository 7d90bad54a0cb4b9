/* test-labels.c: value labels, display names and level order (issue 13, item 1)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The path from the mapping (io/ep-labels.h) through the cohort (an undoable edit that makes
 * analyses stale) into the analyses' tables and Cox terms, the project file and endpoint-cli.
 * The reference level: coxph (Surv (time, status) ~ factor (sex), lung) gives sex=2 a
 * coefficient of -0.531023537619508 (test-analysis.c's univariable sex); with the reference
 * moved to 2 (relevel (factor (sex), ref = "2")) the coefficient is +0.531023537619508, the same
 * model with the indicator reversed.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "core/ep-levels.h"
#include "io/ep-labels.h"
#include "io/ep-project-store.h"
#include "model/ep-analysis.h"
#include "model/ep-cohort.h"
#include "model/ep-figure.h"
#include "plot/ep-plot-i18n.h"
#include "plot/ep-plot-export.h"
#include "plot/ep-plot-layout.h"
#include <json-glib/json-glib.h>
#include "ep-test-locale.h"
#include "ep-test-pdf.h"
#include "ep-test-cli.h"

#define SEX_COEF -0.531023537619508

static EpCohort *
load_lung (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data", "lung.csv", NULL);
  g_autoptr(GError) error = NULL;
  EpCohort *cohort = ep_cohort_new_from_file (path, NULL, &error);
  const char *codes[] = { "1", NULL };
  g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_time ("OS", "time", "status", codes,
                                                                EP_TIME_UNIT_DAYS);

  g_assert_no_error (error);
  ep_cohort_set_endpoint (cohort, os);
  return cohort;
}

static GPtrArray *
value_labels (const char *first_value,
              ...)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_value_label_free);
  const char *value = first_value;
  va_list args;

  va_start (args, first_value);
  while (value != NULL)
    {
      const char *label = va_arg (args, const char *);

      g_ptr_array_add (entries, ep_value_label_new (value, label));
      value = va_arg (args, const char *);
    }
  va_end (args);
  return entries;
}

static void
test_arrange (void)
{
  const char *values[] = { "2", "10", "1", "2", "10" };
  const char *order[] = { "10", "missing", "1" };
  const char *labels[] = { "Ten", "Nobody", NULL };
  g_autoptr(EpLevels) levels = ep_levels_new (values, G_N_ELEMENTS (values));
  g_autoptr(EpLevels) copy = NULL;

  g_assert_cmpstr (levels->levels[0], ==, "1");
  g_assert_null (levels->labels);
  g_assert_cmpstr (ep_levels_get_label (levels, 2), ==, "10");

  /* listed values first, in the listed order; the others after; a value not present skipped */
  ep_levels_arrange (levels, order, labels, G_N_ELEMENTS (order));
  g_assert_cmpuint (levels->n_levels, ==, 3);
  g_assert_cmpstr (levels->levels[0], ==, "10");
  g_assert_cmpstr (levels->levels[1], ==, "1");
  g_assert_cmpstr (levels->levels[2], ==, "2");
  g_assert_cmpstr (ep_levels_get_label (levels, 0), ==, "Ten");
  g_assert_cmpstr (ep_levels_get_label (levels, 1), ==, "1");
  g_assert_cmpstr (ep_levels_get_labels (levels)[2], ==, "2");
  /* codes follow their values */
  g_assert_cmpuint (levels->codes[0], ==, 2);
  g_assert_cmpuint (levels->codes[1], ==, 0);
  g_assert_cmpuint (levels->codes[2], ==, 1);
  g_assert_cmpint (ep_levels_find (levels, "2"), ==, 2);

  copy = ep_levels_copy (levels);
  g_assert_cmpstr (copy->labels[0], ==, "Ten");
  g_assert_cmpuint (copy->codes[4], ==, 0);
}

static void
test_json (void)
{
  const char *text =
    "{\"columns\": {\"sex\": {\"name\": \"Sex\", \"levels\": [{\"value\": \"2\", \"label\": \"Female\"},"
    " {\"value\": \"1\", \"label\": \"Male\"}]}, \"ph_ecog\": {\"name\": \"ECOG\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = ep_labels_parse (text, -1, "labels.json", &error);
  g_autoptr(EpTable) table = ep_table_new (0);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *written = NULL;
  const EpColumnLabels *sex;
  static const struct { const char *text; const char *message; } bad[] = {
    { "[]", "labels.json: expected an object with “columns”" },
    { "{\"columns\": {\"sex\": {\"name\": 3}}}", "labels.json: column “sex”: “name” must be a string" },
    { "{\"columns\": {\"sex\": {\"levels\": [{\"value\": \"1\"}, {\"value\": \"1\"}]}}}",
      "labels.json: column “sex”: level 2: the value “1” is listed twice" },
    { "{\"columns\": {\"sex\": {\"levels\": [{\"label\": \"Male\"}]}}}",
      "labels.json: column “sex”: level 1: “value” must be a non-empty string" },
    { "{\"columns\": {\"sex\": {\"levels\": {}}}}", "labels.json: column “sex”: “levels” must be a list" },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, 2);
  sex = ep_labels_find (labels, "sex");
  g_assert_nonnull (sex);
  g_assert_cmpstr (sex->name, ==, "Sex");
  g_assert_cmpuint (sex->levels->len, ==, 2);
  g_assert_cmpstr (((EpValueLabel *) g_ptr_array_index (sex->levels, 0))->label, ==, "Female");
  g_assert_null (ep_labels_find (labels, "age"));

  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autoptr(GError) e = NULL;

      g_assert_null (ep_labels_parse (bad[k].text, -1, "labels.json", &e));
      g_assert_error (e, EP_LABELS_ERROR, EP_LABELS_ERROR_INVALID);
      g_assert_cmpstr (e->message, ==, bad[k].message);
    }

  /* applied to a table: a column it lacks is refused and nothing changes */
  g_assert_true (ep_table_insert_column (table, 0, ep_table_column_new ("sex", EP_COLUMN_NUMBER, 0), NULL));
  g_assert_false (ep_labels_apply (labels, table, "labels.json", &error));
  g_assert_error (error, EP_LABELS_ERROR, EP_LABELS_ERROR_NO_COLUMN);
  g_assert_cmpstr (error->message, ==, "labels.json: there is no column “ph_ecog”");
  g_clear_error (&error);
  g_assert_false (ep_labels_table_has_labels (table));
  g_assert_true (ep_table_insert_column (table, 1, ep_table_column_new ("ph_ecog", EP_COLUMN_NUMBER, 0), NULL));
  g_assert_true (ep_labels_apply (labels, table, "labels.json", &error));
  g_assert_cmpstr (ep_table_get_column (table, 0)->label, ==, "Sex");
  g_assert_true (ep_labels_table_has_labels (table));

  /* what a project stores reads back to the same mapping */
  written = ep_labels_to_text (table);
  again = ep_labels_parse (written, -1, "stored", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpstr (((EpValueLabel *) g_ptr_array_index (ep_labels_find (again, "sex")->levels, 1))->label,
                   ==, "Male");
  g_assert_cmpstr (ep_labels_find (again, "ph_ecog")->name, ==, "ECOG");
  g_assert_null (ep_labels_find (again, "ph_ecog")->levels);
}

static void
test_cohort_undo (void)
{
  g_autoptr(EpCohort) cohort = load_lung ();
  g_autoptr(GPtrArray) labels = value_labels ("2", "Female", "1", "Male", NULL);
  g_autoptr(GPtrArray) twice = value_labels ("1", "A", "1", "B", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpLevels) levels = NULL;
  guint rows[] = { 0, 1, 2, 3, 4, 5, 6 };
  int sex = ep_cohort_find_column (cohort, "sex");
  const char *used[] = { "sex", NULL };
  const char *other[] = { "age", NULL };
  guint64 revision, before, age_before, age_after;
  EpCohortColumn *column = ep_cohort_get_column (cohort, (guint) sex);

  g_assert_true (ep_cohort_get_input_revision (cohort, other, NULL, &age_before, NULL));
  before = ep_cohort_get_revision (cohort);
  g_assert_true (ep_cohort_set_column_labels (cohort, (guint) sex, "Sex", labels, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ep_cohort_get_revision (cohort), ==, before + 1);
  g_assert_true (ep_cohort_get_input_revision (cohort, used, NULL, &revision, NULL));
  g_assert_cmpuint (revision, ==, before + 1);
  g_assert_true (ep_cohort_get_input_revision (cohort, other, NULL, &age_after, NULL));
  g_assert_cmpuint (age_after, ==, age_before);
  g_assert_cmpstr (ep_cohort_column_get_display_name (column), ==, "Sex");
  g_assert_cmpstr (ep_cohort_get_undo_label (cohort), ==, "Edit labels");

  levels = ep_cohort_get_levels (cohort, "sex", rows, G_N_ELEMENTS (rows), &error);
  g_assert_cmpstr (levels->levels[0], ==, "2");
  g_assert_cmpstr (ep_levels_get_label (levels, 0), ==, "Female");
  g_assert_cmpstr (ep_levels_get_label (levels, 1), ==, "Male");
  g_clear_pointer (&levels, ep_levels_free);

  /* the same again is no edit; a value listed twice is refused */
  g_assert_true (ep_cohort_set_column_labels (cohort, (guint) sex, "Sex", labels, &error));
  g_assert_cmpuint (ep_cohort_get_revision (cohort), ==, before + 1);
  g_assert_false (ep_cohort_set_column_labels (cohort, (guint) sex, NULL, twice, &error));
  g_assert_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_true (ep_cohort_undo (cohort));
  g_assert_cmpuint (ep_cohort_get_revision (cohort), ==, before + 2);
  g_assert_cmpstr (ep_cohort_column_get_display_name (column), ==, "sex");
  g_assert_null (ep_cohort_column_get_value_labels (column));
  levels = ep_cohort_get_levels (cohort, "sex", rows, G_N_ELEMENTS (rows), &error);
  g_assert_cmpstr (levels->levels[0], ==, "1");
  g_assert_cmpstr (ep_levels_get_label (levels, 0), ==, "1");
  g_clear_pointer (&levels, ep_levels_free);

  g_assert_true (ep_cohort_redo (cohort));
  g_assert_cmpuint (ep_cohort_column_get_value_labels (column)->len, ==, 2);
  g_assert_cmpstr (ep_cohort_column_get_label (column), ==, "Sex");
}

static const char *
cell (EpAnalysis *analysis,
      guint       table,
      guint       row,
      guint       column)
{
  GPtrArray *tables = ep_analysis_get_tables (analysis);
  EpResultTable *t = g_ptr_array_index (tables, table);

  return ((char **) g_ptr_array_index (t->rows, row))[column];
}

static void
test_analysis (void)
{
  g_autoptr(EpCohort) cohort = load_lung ();
  g_autoptr(EpAnalysis) survival = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
  g_autoptr(GPtrArray) male_first = value_labels ("1", "Male", "2", "Female", NULL);
  g_autoptr(GPtrArray) female_first = value_labels ("2", "Female", "1", "Male", NULL);
  g_autoptr(GError) error = NULL;
  const char *covariates[] = { "sex", NULL };
  guint sex = (guint) ep_cohort_find_column (cohort, "sex");
  const EpDesign *design;
  const EpCoxFit *fit;

  g_assert_true (ep_cohort_set_column_labels (cohort, sex, "Sex", male_first, &error));

  ep_analysis_set_string (survival, "endpoint", "OS");
  ep_analysis_set_string (survival, "group", "sex");
  g_assert_true (ep_analysis_run (survival, cohort, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cell (survival, 0, 0, 0), ==, "Male");
  g_assert_cmpstr (cell (survival, 0, 1, 0), ==, "Female");
  g_assert_cmpstr (cell (survival, 1, 0, 0), ==, "Male");
  g_assert_cmpuint (ep_analysis_get_km (survival)->curves[0].n, ==, 138);

  ep_analysis_set_string (cox, "endpoint", "OS");
  ep_analysis_set_strv (cox, "covariates", covariates);
  ep_analysis_set_strv (cox, "factors", covariates);
  g_assert_true (ep_analysis_run (cox, cohort, NULL, &error));
  g_assert_no_error (error);
  fit = ep_analysis_get_cox (cox);
  design = ep_analysis_get_cox_design (cox);
  g_assert_cmpfloat_with_epsilon (fit->coef[0], SEX_COEF, 1e-6 * fabs (SEX_COEF));
  g_assert_cmpstr (design->term_names[0], ==, "sex=2");
  g_assert_cmpstr (design->term_labels[0], ==, "Sex: Female vs Male");
  g_assert_cmpstr (cell (cox, 0, 0, 0), ==, "Sex: Female vs Male");

  /* Reordering makes Female the reference: the HR inverts, as relevel () in R */
  g_assert_true (ep_cohort_set_column_labels (cohort, sex, "Sex", female_first, &error));
  g_assert_true (ep_analysis_run (cox, cohort, NULL, &error));
  g_assert_no_error (error);
  fit = ep_analysis_get_cox (cox);
  design = ep_analysis_get_cox_design (cox);
  g_assert_cmpfloat_with_epsilon (fit->coef[0], -SEX_COEF, 1e-6 * fabs (SEX_COEF));
  g_assert_cmpstr (design->term_names[0], ==, "sex=1");
  g_assert_cmpstr (cell (cox, 0, 0, 0), ==, "Sex: Male vs Female");

  g_assert_true (ep_analysis_run (survival, cohort, NULL, &error));
  g_assert_cmpstr (cell (survival, 0, 0, 0), ==, "Female");
  g_assert_cmpuint (ep_analysis_get_km (survival)->curves[0].n, ==, 90);
}

static void
test_project_store (void)
{
  g_autoptr(EpProjectData) data = ep_project_data_new ();
  g_autoptr(EpProjectData) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ep_test_make_temp_dir ("ep-labels-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "labels.endpoint", NULL);
  EpTable *table = ep_table_new (3);
  EpTableColumn *sex = ep_table_column_new ("sex", EP_COLUMN_NUMBER, 3);
  const EpTableColumn *back;
  const EpValueLabel *first;

  for (guint i = 0; i < 3; i++)
    g_assert_true (ep_table_column_set_text (sex, i, i == 1 ? "2" : "1", '.', NULL));
  sex->label = g_strdup ("Sex");
  sex->value_labels = value_labels ("2", "Female", "1", NULL, NULL);
  g_assert_true (ep_table_insert_column (table, 0, sex, NULL));
  g_assert_true (ep_table_insert_column (table, 1, ep_table_column_new ("age", EP_COLUMN_NUMBER, 3), NULL));
  g_ptr_array_add (data->cohorts, ep_project_cohort_new ("lung", table, NULL));
  g_ptr_array_add (data->cohorts, ep_project_cohort_new ("plain", ep_table_new (0), NULL));

  g_assert_true (ep_project_store_save (data, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  read = ep_project_store_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->cohorts->len, ==, 2);
  back = ep_table_get_column (((EpProjectCohort *) g_ptr_array_index (read->cohorts, 0))->table, 0);
  g_assert_cmpstr (back->label, ==, "Sex");
  g_assert_nonnull (back->value_labels);
  g_assert_cmpuint (back->value_labels->len, ==, 2);
  first = g_ptr_array_index (back->value_labels, 0);
  g_assert_cmpstr (first->value, ==, "2");
  g_assert_cmpstr (first->label, ==, "Female");
  g_assert_null (((EpValueLabel *) g_ptr_array_index (back->value_labels, 1))->label);
  g_assert_null (ep_table_get_column (((EpProjectCohort *) g_ptr_array_index (read->cohorts, 0))->table, 1)->value_labels);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cli (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "reference", "data", "lung.csv", NULL);
  g_autofree char *dir = ep_test_make_temp_dir ("ep-labels-cli-XXXXXX");
  g_autofree char *labels = g_build_filename (dir, "labels.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_auto(EpTestCliRun) km = { 0 };
  g_auto(EpTestCliRun) cox = { 0 };
  g_auto(EpTestCliRun) wrong = { 0 };
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  JsonArray *groups, *terms;
  JsonObject *term;

  g_assert_true (g_file_set_contents (labels,
    "{\"columns\": {\"sex\": {\"name\": \"Sex\", \"levels\": [{\"value\": \"2\", \"label\": \"Female\"},"
    " {\"value\": \"1\", \"label\": \"Male\"}]}}}", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"columns\": {\"gender\": {}}}", -1, NULL));

  ep_test_cli_run (&km, "km", "--csv", csv, "--time", "time", "--event", "status", "--group", "sex",
                   "--labels", labels, NULL);
  g_assert_cmpint (km.status, ==, 0);
  groups = json_object_get_array_member (ep_test_cli_parse_json (&km, p1), "groups");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0), "label"), ==, "Female");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0), "value"), ==, "2");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (groups, 0), "n"), ==, 90);

  ep_test_cli_run (&cox, "cox", "--csv", csv, "--time", "time", "--event", "status",
                   "--covariates", "sex", "--factors", "sex", "--labels", labels, NULL);
  g_assert_cmpint (cox.status, ==, 0);
  terms = json_object_get_array_member (ep_test_cli_parse_json (&cox, p2), "terms");
  term = json_array_get_object_element (terms, 0);
  g_assert_cmpstr (json_object_get_string_member (term, "name"), ==, "sex=1");
  g_assert_cmpstr (json_object_get_string_member (term, "label"), ==, "Sex: Male vs Female");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (term, "coef"), -SEX_COEF,
                                  1e-6 * fabs (SEX_COEF));

  /* the same file for rmst, followup and plot (issue 13; crr: /labels/cli-crr); meta does not take it */
  {
    g_auto(EpTestCliRun) rmst = { 0 };
    g_auto(EpTestCliRun) followup = { 0 };
    g_auto(EpTestCliRun) plot = { 0 };
    g_autoptr(JsonParser) p3 = json_parser_new ();
    g_autoptr(JsonParser) p4 = json_parser_new ();
    g_autofree char *pdf = g_build_filename (dir, "km.pdf", NULL);
    g_autofree char *text = NULL;
    JsonObject *root, *first;

    ep_test_cli_run (&rmst, "rmst", "--csv", csv, "--time", "time", "--event", "status",
                     "--group", "sex", "--tau", "365", "--labels", labels, NULL);
    root = ep_test_cli_parse_json (&rmst, p3);
    first = json_array_get_object_element (json_object_get_array_member (root, "groups"), 0);
    g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "Female");
    g_assert_cmpstr (json_object_get_string_member (first, "value"), ==, "2");
    g_assert_cmpint (json_object_get_int_member (first, "n"), ==, 90);
    first = json_array_get_object_element (json_object_get_array_member (root, "contrasts"), 0);
    g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "Male");
    g_assert_cmpstr (json_object_get_string_member (first, "reference"), ==, "Female");

    ep_test_cli_run (&followup, "followup", "--csv", csv, "--time", "time", "--event", "status",
                     "--group", "sex", "--labels", labels, NULL);
    root = ep_test_cli_parse_json (&followup, p4);
    first = json_array_get_object_element (json_object_get_array_member (root, "groups"), 0);
    g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "Female");

    ep_test_cli_run (&plot, "plot", "km", "--csv", csv, "--time", "time", "--event", "status",
                     "--group", "sex", "--risk-table", "--labels", labels, "--out", pdf, NULL);
    g_assert_cmpint (plot.status, ==, 0);
    text = ep_test_pdf_text (pdf);
    if (text != NULL)
      {
        /* the legend and the risk table: Female first, as the file orders the levels */
        g_assert_nonnull (strstr (text, "Female 90"));
        g_assert_nonnull (strstr (text, "Male 138"));
        g_assert_null (strstr (text, "sex=1"));
      }
    g_unlink (pdf);
  }

  ep_test_cli_run (&wrong, "km", "--csv", csv, "--time", "time", "--event", "status", "--group", "sex",
                   "--labels", bad, NULL);
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_nonnull (strstr (wrong.err, "bad.json: column “gender” is not in lung.csv"));

  g_unlink (labels);
  g_unlink (bad);
  g_rmdir (dir);
}

/* crr --labels (issue 13): the same file as km and cox: a factor's levels in the file's order
 * (the first the reference, so the coefficient changes sign), each term's label as cox writes
 * it, and the cause's value label. */
static void
test_cli_crr (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "reference", "data", "crr_sim.csv", NULL);
  g_autofree char *dir = ep_test_make_temp_dir ("ep-labels-crr-XXXXXX");
  g_autofree char *labels = g_build_filename (dir, "labels.json", NULL);
  g_auto(EpTestCliRun) plain = { 0 };
  g_auto(EpTestCliRun) labelled = { 0 };
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  JsonObject *root, *term, *plain_term, *test;

  g_assert_true (g_file_set_contents (labels,
    "{\"columns\": {\"status\": {\"name\": \"Status\", \"levels\": ["
    "{\"value\": \"relapse\", \"label\": \"Relapse\"}, {\"value\": \"death\", \"label\": \"Death in remission\"},"
    " {\"value\": \"censored\", \"label\": \"Censored\"}]},"
    " \"arm\": {\"name\": \"Arm\", \"levels\": [{\"value\": \"chemo\", \"label\": \"Chemotherapy\"},"
    " {\"value\": \"blina\", \"label\": \"Blinatumomab\"}]}}}", -1, NULL));

  ep_test_cli_run (&plain, "crr", "--csv", csv, "--time", "days", "--status", "status",
                   "--cause", "relapse", "--censor", "censored", "--covariates", "age,arm",
                   "--factors", "arm", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  root = ep_test_cli_parse_json (&plain, p1);
  plain_term = json_array_get_object_element (json_object_get_array_member (root, "terms"), 1);
  /* without labels: byte order, blina the reference */
  g_assert_cmpstr (json_object_get_string_member (plain_term, "name"), ==, "arm=chemo");
  g_assert_false (json_object_has_member (plain_term, "label"));
  g_assert_false (json_object_has_member (root, "cause_label"));

  ep_test_cli_run (&labelled, "crr", "--csv", csv, "--time", "days", "--status", "status",
                   "--cause", "relapse", "--censor", "censored", "--covariates", "age,arm",
                   "--factors", "arm", "--labels", labels, NULL);
  g_assert_cmpint (labelled.status, ==, 0);
  root = ep_test_cli_parse_json (&labelled, p2);
  g_assert_cmpstr (json_object_get_string_member (root, "cause_label"), ==, "Relapse");
  term = json_array_get_object_element (json_object_get_array_member (root, "terms"), 0);
  g_assert_cmpstr (json_object_get_string_member (term, "label"), ==, "age");
  term = json_array_get_object_element (json_object_get_array_member (root, "terms"), 1);
  /* the file's order: chemotherapy the reference, the same fit with the sign turned */
  g_assert_cmpstr (json_object_get_string_member (term, "name"), ==, "arm=blina");
  g_assert_cmpstr (json_object_get_string_member (term, "label"), ==, "Arm: Blinatumomab vs Chemotherapy");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (term, "coef"),
                                  -json_object_get_double_member (plain_term, "coef"),
                                  1e-6 * fabs (json_object_get_double_member (plain_term, "coef")));
  test = json_array_get_object_element (json_object_get_array_member (root, "wald_tests"), 1);
  g_assert_cmpstr (json_object_get_string_member (test, "label"), ==, "Arm");

  g_unlink (labels);
  g_rmdir (dir);
}

/* Issue 13, item 4: the competing-risks status defaults to a column of a few integer codes
 * with 0, and a time column chosen as the status is refused instead of giving hundreds of
 * "causes". */
static void
test_status_guard (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data", "cr_sim.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = ep_cohort_new_from_file (path, NULL, &error);
  g_autoptr(EpAnalysis) cr = ep_analysis_new (EP_ANALYSIS_COMPETING_RISKS);
  g_autoptr(EpCohort) lung = load_lung ();

  g_assert_no_error (error);
  g_assert_false (ep_cohort_column_looks_like_status (cohort, 0));
  g_assert_true (ep_cohort_column_looks_like_status (cohort, 1));
  g_assert_false (ep_cohort_column_looks_like_status (cohort, 2));
  g_assert_cmpstr (ep_cohort_guess_status_column (cohort), ==, "status");
  /* lung: status 0/1 (time, age and the others are not codes with a 0) */
  g_assert_cmpstr (ep_cohort_guess_status_column (lung), ==, "status");

  ep_analysis_set_string (cr, "time", "time");
  ep_analysis_set_string (cr, "status", "time");
  g_assert_false (ep_analysis_run (cr, cohort, NULL, &error));
  g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "this looks like a time column"));
  g_clear_error (&error);

  ep_analysis_set_string (cr, "status", "status");
  g_assert_true (ep_analysis_run (cr, cohort, NULL, &error));
  g_assert_no_error (error);
}

/* ---- the Cox figure in seed 002's Table 3 layout (issue 13, item 2) -------------------------- */

/* tests/data/reference/figures/lung_cox_table.json (make_cox_table.R names the R calls) */
static JsonObject *
cox_reference (JsonParser **parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "figures",
                                                 "lung_cox_table.json", NULL);
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_file (*parser, path, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*parser));
}

/* The R term of a set ("multivariable", "univariable", "reversed_sex") named term. */
static JsonObject *
r_term (JsonObject *reference,
        const char *set,
        const char *term)
{
  JsonArray *terms = json_object_get_array_member (reference, set);

  for (guint k = 0; k < json_array_get_length (terms); k++)
    {
      JsonObject *o = json_array_get_object_element (terms, k);

      if (g_strcmp0 (json_object_get_string_member (o, "term"), term) == 0)
        return o;
    }
  g_assert_not_reached ();
}

static void
assert_r (double      value,
          JsonObject *term,
          const char *member)
{
  double r = json_object_get_double_member (term, member);

  g_assert_cmpfloat_with_epsilon (value, r, 1e-5 * fabs (r));
}

static const EpForestRow *
forest_row (const EpForestPlot *forest,
            const char         *label)
{
  for (guint i = 0; i < forest->rows->len; i++)
    {
      /* as drawn in English: "Male (ref)" */
      g_autofree char *text = ep_forest_row_label (&g_array_index (forest->rows, EpForestRow, i), NULL);

      if (g_strcmp0 (text, label) == 0)
        return &g_array_index (forest->rows, EpForestRow, i);
    }
  g_error ("no forest row “%s”", label);
  return NULL;
}

/* No raw term name ("sex=2") anywhere in the figure's text. */
static void
assert_no_term_names (EpFigure *figure)
{
  g_autoptr(EpPlotLayout) layout = ep_figure_layout (figure);
  guint texts = 0;

  for (guint k = 0; k < layout->items->len; k++)
    {
      const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, k);

      if (item->text == NULL)
        continue;
      texts++;
      g_assert_null (strstr (item->text, "sex="));
      g_assert_null (strstr (item->text, "ph_ecog="));
    }
  g_assert_cmpuint (texts, >, 30);
}

static void
test_cox_figure (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *reference = cox_reference (&parser);
  g_autoptr(EpCohort) cohort = load_lung ();
  g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(EpFigure) direct = NULL;
  g_autoptr(EpPlotLayout) layout = NULL;
  g_autoptr(GPtrArray) male_first = value_labels ("1", "Male", "2", "Female", NULL);
  g_autoptr(GPtrArray) female_first = value_labels ("2", "Female", "1", "Male", NULL);
  /* value labels make a number column a factor in a figure made straight from the cohort */
  g_autoptr(GPtrArray) ecog = value_labels ("0", "0", "1", "1", "2", "2", "3", "3", NULL);
  g_autoptr(GError) error = NULL;
  const char *covariates[] = { "age", "sex", "ph_ecog", NULL };
  const char *factors[] = { "sex", "ph_ecog", NULL };
  static const char *expected[] = { "Age", "Sex", "Male (ref)", "Female", "ECOG performance status",
                                    "0 (ref)", "1", "2", "3" };
  static const char *terms[] = { "age", NULL, NULL, "sex=2", NULL, NULL, "ph_ecog=1", "ph_ecog=2",
                                 "ph_ecog=3" };
  const EpForestPlot *forest;
  const EpForestRow *row;
  double height, bottom_axis = 0.0, row_h;

  g_assert_true (ep_cohort_set_column_labels (cohort, (guint) ep_cohort_find_column (cohort, "sex"),
                                              "Sex", male_first, &error));
  g_assert_true (ep_cohort_set_column_labels (cohort, (guint) ep_cohort_find_column (cohort, "age"),
                                              "Age", NULL, &error));
  g_assert_true (ep_cohort_set_column_labels (cohort, (guint) ep_cohort_find_column (cohort, "ph_ecog"),
                                              "ECOG performance status", ecog, &error));
  ep_analysis_set_string (cox, "endpoint", "OS");
  ep_analysis_set_strv (cox, "covariates", covariates);
  ep_analysis_set_strv (cox, "factors", factors);
  g_assert_true (ep_analysis_run (cox, cohort, NULL, &error));
  g_assert_no_error (error);
  figure = ep_figure_new_for_analysis (cox, &error);
  g_assert_no_error (error);
  forest = ep_figure_get_forest (figure);

  /* a heading per factor, its levels with the reference first; two panels */
  g_assert_cmpuint (forest->rows->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (forest->n_panels, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *label = NULL;

      row = &g_array_index (forest->rows, EpForestRow, i);
      label = ep_forest_row_label (row, NULL);
      g_assert_cmpstr (label, ==, expected[i]);
      if (terms[i] == NULL)
        continue;
      /* multivariable (estimate) and univariable (estimate_b) as R's coxph */
      assert_r (row->estimate, r_term (reference, "multivariable", terms[i]), "hr");
      assert_r (row->lower, r_term (reference, "multivariable", terms[i]), "lower");
      assert_r (row->upper, r_term (reference, "multivariable", terms[i]), "upper");
      assert_r (row->estimate_b, r_term (reference, "univariable", terms[i]), "hr");
      assert_r (row->lower_b, r_term (reference, "univariable", terms[i]), "lower");
      assert_r (row->upper_b, r_term (reference, "univariable", terms[i]), "upper");
    }
  g_assert_cmpint (forest_row (forest, "Sex")->kind, ==, EP_FOREST_ROW_HEADING);
  /* events/n per level in the multivariable model's 227 rows (R's table (sex) on them) */
  g_assert_cmpstr (forest_row (forest, "Male (ref)")->detail, ==, "111/137");
  g_assert_cmpstr (forest_row (forest, "Female")->detail, ==, "53/90");
  g_assert_cmpstr (forest_row (forest, "Male (ref)")->text, ==, "1 (reference)");
  g_assert_true (isnan (forest_row (forest, "Male (ref)")->estimate));
  /* p exactly as the result table writes it: row 1 of the table is sex=2 */
  {
    g_autofree char *p_b = ep_forest_row_extra (forest, forest_row (forest, "Female"), 1, NULL);
    g_autofree char *p = ep_forest_row_extra (forest, forest_row (forest, "Female"), 0, NULL);

    g_assert_cmpstr (p_b, ==, cell (cox, 0, 1, 2));
    g_assert_cmpstr (p, ==, cell (cox, 0, 1, 4));
  }
  /* Issue 13 item 5: the row texts and p are made when drawn, in the figure's language and
   * decimal mark, not in the process's: German words and the table's digits with a comma. */
  {
    g_auto(EpPlotStyle) de = { 0, };
    g_autofree char *label = NULL;
    g_autofree char *p = NULL;
    g_autofree char *expected_p = g_strdup (cell (cox, 0, 1, 4));

    ep_plot_style_init (&de);
    de.language = EP_PLOT_LANGUAGE_DE;
    label = ep_forest_row_label (forest_row (forest, "Male (ref)"), &de);
    p = ep_forest_row_extra (forest, forest_row (forest, "Female"), 0, &de);
    g_strdelimit (expected_p, ".", ',');
    g_assert_cmpstr (p, ==, expected_p);
    if (g_getenv ("ENDPOINT_LOCALE_DIR") != NULL)
      {
        g_assert_cmpstr (label, ==, "Male (Ref.)");
        g_assert_cmpstr (ep_plot_gettext (&de, forest_row (forest, "Male (ref)")->text), ==,
                         "1 (Referenz)");
      }
  }
  assert_no_term_names (figure);

  /* The height fits the rows: under the axis only its ticks and label, less than three rows. */
  layout = ep_figure_layout (figure);
  height = layout->height;
  row_h = layout->plot_height / layout->y_max;
  for (guint k = 0; k < layout->items->len; k++)
    if (g_array_index (layout->items, EpPlotItem, k).kind == EP_PLOT_ITEM_X_TICK)
      bottom_axis = g_array_index (layout->items, EpPlotItem, k).y;
  g_assert_cmpfloat (bottom_axis - (layout->plot_y + layout->plot_height), <=, row_h);
  g_assert_cmpfloat (height - bottom_axis, <, 3.0 * row_h);

  /* The same figure made straight from the cohort: the labels, not "sex=2". */
  direct = ep_figure_new_cox_table (cohort, "time", "status", covariates, &error);
  g_assert_no_error (error);
  forest = ep_figure_get_forest (direct);
  g_assert_cmpstr (g_array_index (forest->rows, EpForestRow, 1).label, ==, "Sex");
  row = forest_row (forest, "Female");
  assert_r (row->estimate, r_term (reference, "multivariable", "sex=2"), "hr");
  assert_r (row->estimate_b, r_term (reference, "univariable", "sex=2"), "hr");
  assert_no_term_names (direct);

  /* Female as the reference: the figure follows, and the HR inverts as relevel () in R. */
  g_assert_true (ep_cohort_set_column_labels (cohort, (guint) ep_cohort_find_column (cohort, "sex"),
                                              "Sex", female_first, &error));
  g_assert_true (ep_analysis_run (cox, cohort, NULL, &error));
  forest = ep_figure_get_forest (figure);
  {
    g_autofree char *label = ep_forest_row_label (&g_array_index (forest->rows, EpForestRow, 2), NULL);

    g_assert_cmpstr (label, ==, "Female (ref)");
  }
  row = forest_row (forest, "Male");
  assert_r (row->estimate_b, r_term (reference, "reversed_sex", "sex=1"), "hr");
  assert_r (row->lower_b, r_term (reference, "reversed_sex", "sex=1"), "lower");
  g_assert_cmpfloat_with_epsilon (row->estimate,
                                  1.0 / json_object_get_double_member (r_term (reference, "multivariable", "sex=2"), "hr"),
                                  1e-5 * row->estimate);
  assert_no_term_names (figure);

  /* Without the univariable panel: the multivariable one alone. */
  g_object_set (figure, "univariable", FALSE, NULL);
  g_clear_pointer (&layout, ep_plot_layout_free);
  layout = ep_figure_layout (figure);
  g_assert_null (ep_plot_layout_find (layout, EP_PLOT_ITEM_NULL_LINE, -1, 1));
  g_object_set (figure, "univariable", TRUE, NULL);
  g_clear_pointer (&layout, ep_plot_layout_free);
  layout = ep_figure_layout (figure);
  g_assert_nonnull (ep_plot_layout_find (layout, EP_PLOT_ITEM_NULL_LINE, -1, 1));
}

/* The Cox figure's rows and the group HRs are stored with the result: a restored result draws
 * the same figures without running (issue 13). */
static void
test_cox_figure_restored (void)
{
  g_autoptr(EpCohort) cohort = load_lung ();
  g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
  g_autoptr(EpAnalysis) copy = ep_analysis_new (EP_ANALYSIS_COX);
  g_autoptr(EpAnalysis) survival = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(EpAnalysis) survival_copy = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(EpFigure) km = NULL;
  g_autoptr(EpPlotLayout) layout = NULL;
  g_autoptr(GPtrArray) male_first = value_labels ("1", "Male", "2", "Female", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *survival_json = NULL;
  const char *covariates[] = { "age", "sex", NULL };
  const EpForestPlot *forest;
  gboolean found = FALSE;

  g_assert_true (ep_cohort_set_column_labels (cohort, (guint) ep_cohort_find_column (cohort, "sex"),
                                              "Sex", male_first, &error));
  ep_analysis_set_string (cox, "endpoint", "OS");
  ep_analysis_set_strv (cox, "covariates", covariates);
  ep_analysis_set_strv (cox, "factors", &covariates[1]);
  g_assert_true (ep_analysis_run (cox, cohort, NULL, &error));
  json = ep_analysis_results_to_json (cox);
  g_assert_true (ep_analysis_restore_results (copy, json, "x", "test", &error));
  g_assert_no_error (error);
  figure = ep_figure_new_for_analysis (copy, &error);
  g_assert_no_error (error);
  forest = ep_figure_get_forest (figure);
  g_assert_cmpuint (forest->rows->len, ==, 4);   /* Age, Sex, Male (ref), Female */
  g_assert_cmpstr (forest_row (forest, "Male (ref)")->detail, ==, "112/138");
  /* coxph (Surv (time, status) ~ factor (sex), lung) */
  g_assert_cmpfloat_with_epsilon (forest_row (forest, "Female")->estimate_b, 0.588002818563589,
                                  1e-5 * 0.588002818563589);

  ep_analysis_set_string (survival, "endpoint", "OS");
  ep_analysis_set_string (survival, "group", "ph_ecog");
  g_assert_true (ep_analysis_run (survival, cohort, NULL, &error));
  survival_json = ep_analysis_results_to_json (survival);
  g_assert_true (ep_analysis_restore_results (survival_copy, survival_json, "x", "test", &error));
  g_assert_no_error (error);
  g_assert_nonnull (ep_analysis_get_group_hr (survival_copy));
  km = ep_figure_new_for_analysis (survival_copy, &error);
  g_assert_no_error (error);
  g_object_set (km, "group-hr", TRUE, NULL);
  layout = ep_figure_layout (km);
  for (guint k = 0; k < layout->items->len; k++)
    {
      const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, k);

      /* expected/lung_groups.json: coxph (Surv (time, status) ~ g), ECOG 2 vs 0 */
      if (item->kind == EP_PLOT_ITEM_ANNOTATION && item->text != NULL
          && strstr (item->text, "2: HR 2.50 (1.61–3.88)") != NULL)
        found = TRUE;
    }
  g_assert_true (found);
}

/* ---- issue 13 item 5: figures of a German desktop in the figure's language ------------------ */

/* The figure's text as pdftotext reads its PDF, lines joined; NULL without pdftotext. */
static char *
exported_text (EpFigure       *figure,
               EpPlotLanguage  language)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ep_test_make_temp_dir ("ep-labels-language-XXXXXX");
  g_autofree char *pdf = g_build_filename (dir, "figure.pdf", NULL);
  char *out;

  g_object_set (figure, "language", language, NULL);
  g_assert_true (ep_figure_export (figure, pdf, EP_PLOT_FORMAT_PDF, &error));
  g_assert_no_error (error);
  out = ep_test_pdf_text (pdf);
  g_remove (pdf);
  g_rmdir (dir);
  return out;
}

static void
assert_text (const char *text,
             const char *part,
             gboolean    expected)
{
  if ((strstr (text, part) != NULL) != expected)
    g_test_fail_printf ("“%s” %s in the figure's text: %s", part,
                        expected ? "missing" : "unexpected", text);
}

/* Made while the process is German (as the app on a German desktop): the Cox figure at a
 * 97.5% level, the landmark figure (its line at 2.4 months), the Simon-Makuch curves (their
 * names, the Mantel-Byar line) and a competing-risks figure's unlabelled causes export in English with dot decimals when the figure's language
 * is English, and in German with commas when it is German. */
static void
test_figure_language_german_desktop (void)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "seed004-timed.csv", NULL);
  g_autoptr(EpCohort) lung = NULL;
  g_autoptr(EpCohort) cohort = NULL;
  g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
  g_autoptr(EpAnalysis) landmark = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(EpFigure) cox_figure = NULL;
  g_autoptr(EpFigure) landmark_figure = NULL;
  g_autoptr(EpFigure) sm = NULL;
  g_autoptr(EpPlotLayout) en_layout = NULL;
  g_autoptr(EpPlotLayout) de_layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cox_en = NULL, *cox_de = NULL, *sm_en = NULL, *sm_de = NULL;
  const char *covariates[] = { "age", "sex", NULL };
  const char *factors[] = { "sex", NULL };
  const char *dead[] = { "Dead", NULL };
  const EpPlotItem *item;

  if (!ep_test_german_process_begin ("Responded", "Angesprochen"))
    {
      g_test_skip ("no de_DE.UTF-8 locale or no build-tree catalogs (ENDPOINT_LOCALE_DIR)");
      return;
    }

  lung = load_lung ();
  ep_analysis_set_string (cox, "endpoint", "OS");
  ep_analysis_set_strv (cox, "covariates", covariates);
  ep_analysis_set_strv (cox, "factors", factors);
  ep_analysis_set_conf_level (cox, 0.975);
  g_assert_true (ep_analysis_run (cox, lung, NULL, &error));
  g_assert_no_error (error);
  cox_figure = ep_figure_new_for_analysis (cox, &error);
  g_assert_no_error (error);

  cohort = ep_cohort_new_from_file (seed, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_time ("OS", "months", "outcome", dead,
                                                                  EP_TIME_UNIT_MONTHS);

    ep_cohort_set_endpoint (cohort, os);
  }
  ep_analysis_set_string (landmark, "endpoint", "OS");
  ep_analysis_set_string (landmark, "response-time", "response_month");
  ep_analysis_set_double (landmark, "landmark-time", 2.4);
  g_assert_true (ep_analysis_run (landmark, cohort, NULL, &error));
  g_assert_no_error (error);
  landmark_figure = ep_figure_new_for_analysis (landmark, &error);
  g_assert_no_error (error);
  sm = ep_figure_new_simon_makuch (landmark, &error);
  g_assert_no_error (error);

  /* the landmark's line: "2.4", not LC_NUMERIC's "2,4" */
  en_layout = ep_figure_layout (landmark_figure);
  item = ep_plot_layout_find (en_layout, EP_PLOT_ITEM_MARKER, -1, -1);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->text, ==, "Landmark: 2.4 months");
  g_object_set (landmark_figure, "language", EP_PLOT_LANGUAGE_DE, NULL);
  de_layout = ep_figure_layout (landmark_figure);
  item = ep_plot_layout_find (de_layout, EP_PLOT_ITEM_MARKER, -1, -1);
  g_assert_nonnull (item);
  g_assert_nonnull (strstr (item->text, "2,4"));
  g_clear_pointer (&en_layout, ep_plot_layout_free);
  g_clear_pointer (&de_layout, ep_plot_layout_free);

  /* the Simon-Makuch curves: their names and the Mantel-Byar line */
  en_layout = ep_figure_layout (sm);
  g_assert_cmpstr (ep_plot_layout_find (en_layout, EP_PLOT_ITEM_CURVE, 0, -1)->text, ==, "No response (yet)");
  g_assert_cmpstr (ep_plot_layout_find (en_layout, EP_PLOT_ITEM_CURVE, 1, -1)->text, ==, "Responded");
  item = ep_plot_layout_find (en_layout, EP_PLOT_ITEM_ANNOTATION, -1, -1);
  g_assert_nonnull (item);
  g_assert_nonnull (strstr (item->text, "Mantel-Byar p"));
  g_assert_false (g_regex_match_simple ("[0-9],[0-9]", item->text, 0, 0));
  g_assert_true (g_regex_match_simple ("[0-9]\\.[0-9]", item->text, 0, 0));
  g_object_set (sm, "language", EP_PLOT_LANGUAGE_DE, NULL);
  de_layout = ep_figure_layout (sm);
  g_assert_cmpstr (ep_plot_layout_find (de_layout, EP_PLOT_ITEM_CURVE, 0, -1)->text, ==, "(Noch) kein Ansprechen");
  g_assert_cmpstr (ep_plot_layout_find (de_layout, EP_PLOT_ITEM_CURVE, 1, -1)->text, ==, "Angesprochen");
  item = ep_plot_layout_find (de_layout, EP_PLOT_ITEM_ANNOTATION, -1, -1);
  g_assert_nonnull (strstr (item->text, "Mantel-Byar p"));
  g_assert_true (g_regex_match_simple ("[0-9],[0-9]", item->text, 0, 0));
  g_assert_false (g_regex_match_simple ("[0-9]\\.[0-9]", item->text, 0, 0));

  /* a competing-risks analysis's unlabelled causes: "Cause 1", named when drawn */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data", "cr_sim.csv", NULL);
    g_autoptr(EpCohort) cr = ep_cohort_new_from_file (path, NULL, &error);
    g_autoptr(EpAnalysis) cif = ep_analysis_new (EP_ANALYSIS_COMPETING_RISKS);
    g_autoptr(EpFigure) cif_figure = NULL;
    g_autoptr(EpPlotLayout) cif_en = NULL;
    g_autoptr(EpPlotLayout) cif_de = NULL;

    g_assert_no_error (error);
    ep_analysis_set_string (cif, "time", "time");
    ep_analysis_set_string (cif, "status", "status");
    g_assert_true (ep_analysis_run (cif, cr, NULL, &error));
    g_assert_no_error (error);
    cif_figure = ep_figure_new_for_analysis (cif, &error);
    g_assert_no_error (error);
    cif_en = ep_figure_layout (cif_figure);
    g_assert_cmpstr (ep_plot_layout_find (cif_en, EP_PLOT_ITEM_CURVE, 0, -1)->text, ==, "Cause 1");
    g_object_set (cif_figure, "language", EP_PLOT_LANGUAGE_DE, NULL);
    cif_de = ep_figure_layout (cif_figure);
    g_assert_cmpstr (ep_plot_layout_find (cif_de, EP_PLOT_ITEM_CURVE, 0, -1)->text, ==, "Ursache 1");
  }

  cox_en = exported_text (cox_figure, EP_PLOT_LANGUAGE_EN);
  if (cox_en == NULL)
    {
      ep_test_german_process_end ();
      g_test_skip ("pdftotext is not installed");
      return;
    }
  cox_de = exported_text (cox_figure, EP_PLOT_LANGUAGE_DE);
  sm_en = exported_text (sm, EP_PLOT_LANGUAGE_EN);
  sm_de = exported_text (sm, EP_PLOT_LANGUAGE_DE);
  ep_test_german_process_end ();

  /* the Cox figure's HR column at 97.5% */
  assert_text (cox_en, "HR (97.5% CI)", TRUE);
  assert_text (cox_en, "97,5", FALSE);
  assert_text (cox_de, "HR (97,5-%-KI)", TRUE);
  assert_text (sm_en, "No response (yet)", TRUE);
  assert_text (sm_en, "Angesprochen", FALSE);
  assert_text (sm_de, "Angesprochen", TRUE);
  assert_text (sm_de, "Responded", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/labels/levels/arrange", test_arrange);
  g_test_add_func ("/labels/json", test_json);
  g_test_add_func ("/labels/cohort/undo", test_cohort_undo);
  g_test_add_func ("/labels/analysis", test_analysis);
  g_test_add_func ("/labels/cox-figure", test_cox_figure);
  g_test_add_func ("/labels/cox-figure-restored", test_cox_figure_restored);
  g_test_add_func ("/labels/project-store", test_project_store);
  g_test_add_func ("/labels/cli", test_cli);
  g_test_add_func ("/labels/cli-crr", test_cli_crr);
  g_test_add_func ("/labels/figure-language-german-desktop", test_figure_language_german_desktop);
  g_test_add_func ("/labels/status-guard", test_status_guard);

  return g_test_run ();
}
