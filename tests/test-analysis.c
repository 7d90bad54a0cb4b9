/* test-analysis.c: EpAnalysis, the analyses of a cohort as the Cohorts page runs them
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each analysis runs through ep_analysis_run() (the GTask worker, waited for) on a cohort and
 * is checked against R's numbers in tests/data/reference/expected (make_reference.R says
 * which call produced each) or against R calls quoted beside the numbers.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "model/ep-analysis.h"
#include "model/ep-format.h"

static void
assert_rel (double actual,
            double expected,
            double tolerance)
{
  if (isnan (expected))
    {
      g_assert_true (isnan (actual));
      return;
    }
  g_assert_cmpfloat_with_epsilon (actual, expected, tolerance * MAX (fabs (expected), 1e-300));
}

static EpCohort *
load_reference (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  EpCohort *cohort = ep_cohort_new_from_file (path, NULL, &error);

  g_assert_no_error (error);
  return cohort;
}

static EpCohort *
load_example (const char *id)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  g_autoptr(GError) error = NULL;
  EpCohort *cohort = ep_cohort_new_from_example (dir, id, &error);

  g_assert_no_error (error);
  return cohort;
}

static JsonObject *
load_expected (const char  *name,
               JsonParser **parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected", name, NULL);
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  json_parser_load_from_file (*parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*parser));
}

static double
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);
}

/* survfit (Surv (time, status) ~ x, aml, conf.type = "log-log") and survdiff: the reference
 * cases aml_km_loglog.json (medians, rates at 12, 24, 36 weeks) and aml_logrank.json. */
static void
test_survival_aml (void)
{
  g_autoptr(EpCohort) cohort = load_example ("aml");
  g_autoptr(EpAnalysis) analysis = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(JsonParser) p1 = NULL;
  g_autoptr(JsonParser) p2 = NULL;
  g_autoptr(GError) error = NULL;
  const double at[] = { 36, 12, 24 };
  const EpKmResult *km;
  const EpLogrankResult *lr;
  JsonObject *expected;
  JsonArray *groups;
  GPtrArray *tables;
  g_autofree char *tsv = NULL;

  ep_analysis_set_string (analysis, "endpoint", "OS");
  ep_analysis_set_string (analysis, "group", "x");
  ep_analysis_set_landmarks (analysis, at, G_N_ELEMENTS (at));
  g_assert_true (ep_analysis_run (analysis, cohort, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ep_analysis_get_running (analysis));
  g_assert_cmpfloat (ep_analysis_get_progress (analysis), ==, 0.0);

  km = ep_analysis_get_km (analysis);
  g_assert_nonnull (km);
  g_assert_cmpuint (ep_analysis_get_n (analysis), ==, 23);
  g_assert_cmpuint (ep_analysis_get_n_dropped (analysis), ==, 0);
  expected = load_expected ("aml_km_loglog.json", &p1);
  groups = json_object_get_array_member (expected, "groups");
  g_assert_cmpuint (km->n_groups, ==, json_array_get_length (groups));
  for (guint g = 0; g < km->n_groups; g++)
    {
      JsonObject *eg = json_array_get_object_element (groups, g);
      JsonArray *eat = json_object_get_array_member (eg, "at");

      g_assert_cmpstr (ep_analysis_get_groups (analysis)->levels[g], ==,
                       json_object_get_string_member (eg, "label"));
      g_assert_cmpuint (km->curves[g].n, ==, json_object_get_int_member (eg, "n"));
      g_assert_cmpuint (km->curves[g].events, ==, json_object_get_int_member (eg, "events"));
      assert_rel (km->curves[g].median, member (eg, "median"), 1e-9);
      assert_rel (km->curves[g].median_lower, member (eg, "median_lower"), 1e-9);
      assert_rel (km->curves[g].median_upper, member (eg, "median_upper"), 1e-9);
      g_assert_cmpuint (km->curves[g].n_at, ==, 3);
      for (guint a = 0; a < 3; a++)
        {
          JsonObject *ea = json_array_get_object_element (eat, a);

          /* the landmarks were given out of order; they come back ascending */
          assert_rel (km->curves[g].at[a].time, member (ea, "time"), 1e-12);
          assert_rel (km->curves[g].at[a].surv, member (ea, "surv"), 1e-6);
          assert_rel (km->curves[g].at[a].lower, member (ea, "lower"), 1e-6);
          assert_rel (km->curves[g].at[a].upper, member (ea, "upper"), 1e-6);
        }
    }

  lr = ep_analysis_get_logrank (analysis);
  g_assert_nonnull (lr);
  expected = load_expected ("aml_logrank.json", &p2);
  assert_rel (lr->chisq, member (expected, "chisq"), 1e-6);
  assert_rel (lr->p, member (expected, "p"), 1e-6);

  /* The table as shown: medians 31 (13–NR) and 23 (5–33) weeks, p = 0.065. */
  tables = ep_analysis_get_tables (analysis);
  /* Kaplan-Meier, log-rank, and issue 16's RMST, RMST contrasts and follow-up */
  g_assert_cmpuint (tables->len, ==, 5);
  {
    EpResultTable *t = g_ptr_array_index (tables, 0);
    char **row0 = g_ptr_array_index (t->rows, 0);
    char **row1 = g_ptr_array_index (t->rows, 1);

    g_assert_cmpuint (g_strv_length (t->header), ==, 4 + 3);
    g_assert_cmpstr (row0[0], ==, "Maintained");
    g_assert_cmpstr (row0[3], ==, "31 (13–NR)");
    g_assert_cmpstr (row1[3], ==, "23 (5–33)");
    /* 0.909090909 at 12 weeks, CI 0.508–0.987 */
    g_assert_cmpstr (row0[4], ==, "90.9% (50.8–98.7)");
  }
  tsv = ep_analysis_to_tsv (analysis);
  g_assert_nonnull (strstr (tsv, "Maintained\t11\t7\t31 (13–NR)\t"));
  g_assert_nonnull (strstr (tsv, "p = 0.065"));
}

static EpResultTable *
find_table (GPtrArray  *tables,
            const char *title)
{
  for (guint i = 0; i < tables->len; i++)
    {
      EpResultTable *t = g_ptr_array_index (tables, i);

      if (g_strcmp0 (t->title, title) == 0)
        return t;
    }
  g_error ("no table “%s”", title);
  return NULL;
}

/* Three or more groups (issue 13): lung by ph_ecog (0, 1, 2, 3). The numbers are R's in
 * tests/data/reference/expected/lung_groups.json (make_groups.R): coxph (Surv (time, status) ~
 * factor (ph_ecog)); survdiff on each pair's rows with p.adjust (p, "holm"), as
 * survminer::pairwise_survdiff; the log-rank test for trend with scores 1..4 (17.875). */
static void
test_survival_groups (void)
{
  g_autoptr(EpCohort) cohort = load_reference ("lung.csv");
  g_autoptr(EpAnalysis) analysis = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  const char *codes[] = { "1", NULL };
  g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_time ("OS", "time", "status", codes,
                                                                EP_TIME_UNIT_DAYS);
  g_autoptr(GError) error = NULL;
  static const char * const hr_rows[4][5] = {
    { "0", "63", "37", "1 (reference)", "" },
    { "1", "113", "82", "1.45 (0.98–2.13)", "0.063" },
    { "2", "50", "44", "2.50 (1.61–3.88)", "<0.001" },
    { "3", "1", "1", "9.10 (1.22–67.94)", "0.031" },
  };
  static const char * const pair_rows[6][4] = {
    { "1 vs 0", "3.46", "0.063", "0.126" },
    { "2 vs 0", "16.7", "<0.001", "<0.001" },
    { "3 vs 0", "5.78", "0.016", "0.065" },
    { "2 vs 1", "8.43", "0.004", "0.018" },
    { "3 vs 1", "5.33", "0.021", "0.065" },
    { "3 vs 2", "1.24", "0.265", "0.265" },
  };
  GPtrArray *tables;
  EpResultTable *t;

  ep_cohort_set_endpoint (cohort, os);
  ep_analysis_set_string (analysis, "endpoint", "OS");
  ep_analysis_set_string (analysis, "group", "ph_ecog");
  g_assert_true (ep_analysis_run (analysis, cohort, NULL, &error));
  g_assert_no_error (error);

  tables = ep_analysis_get_tables (analysis);
  /* KM, log-rank, HRs, pairwise, and issue 16's RMST and follow-up tables */
  g_assert_cmpuint (tables->len, >=, 4);

  /* the log-rank table's note carries the test for trend */
  t = find_table (tables, "Log-rank test");
  g_assert_nonnull (strstr (t->note, "Chi-square 22 on 3 df, p < 0.001"));
  g_assert_nonnull (strstr (t->note, "test for trend over the ordered groups: chi-square 17.9 on 1 df, p < 0.001"));

  t = find_table (tables, "Hazard ratios against 0");
  g_assert_cmpuint (t->rows->len, ==, 4);
  for (guint r = 0; r < 4; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);

      for (guint c = 0; c < 5; c++)
        g_assert_cmpstr (row[c], ==, hr_rows[r][c]);
    }

  t = find_table (tables, "Pairwise log-rank tests");
  g_assert_cmpstr (t->header[3], ==, "p (Holm)");
  g_assert_cmpuint (t->rows->len, ==, 6);
  for (guint r = 0; r < 6; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);

      for (guint c = 0; c < 4; c++)
        g_assert_cmpstr (row[c], ==, pair_rows[r][c]);
    }
  g_assert_cmpstr (t->note, ==, "p adjusted by Holm's method for 6 comparisons");
}

/* G-rho with rho = 1: survdiff (..., rho = 1), reference aml_logrank_rho1.json. */
static void
test_survival_rho (void)
{
  g_autoptr(EpCohort) cohort = load_example ("aml");
  g_autoptr(EpAnalysis) analysis = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *expected;

  ep_analysis_set_string (analysis, "endpoint", "OS");
  ep_analysis_set_string (analysis, "group", "x");
  ep_analysis_set_string (analysis, "conf-type", "plain");
  ep_analysis_set_rho (analysis, 1.0);
  g_assert_true (ep_analysis_run (analysis, cohort, NULL, &error));
  g_assert_no_error (error);
  expected = load_expected ("aml_logrank_rho1.json", &parser);
  assert_rel (ep_analysis_get_logrank (analysis)->chisq, member (expected, "chisq"), 1e-6);
  g_assert_cmpint (ep_analysis_get_km (analysis)->conf_type, ==, EP_KM_CONF_PLAIN);
}

/* The multivariable model is the reference lung_cox_efron.json (coxph (Surv (time, status) ~
 * age + sex + ph_ecog, lung)); each univariate model is coxph on the rows that have its
 * covariate:
 *   coxph (Surv (time, status) ~ age, lung):     coef 0.018720179204551463, p 0.041853131341810762, n 228
 *   coxph (Surv (time, status) ~ sex, lung):     coef -0.53102353761950816, p 0.0014912292048807638, n 228
 *   coxph (Surv (time, status) ~ ph_ecog, lung): coef 0.47594344950964984, p 2.6922335498898513e-05, n 227 */
static void
test_cox_lung (void)
{
  g_autoptr(EpCohort) cohort = load_reference ("lung.csv");
  g_autoptr(EpAnalysis) analysis = ep_analysis_new (EP_ANALYSIS_COX);
  const char *covariates[] = { "age", "sex", "ph_ecog", NULL };
  const char *codes[] = { "1", NULL };
  const double uni_coef[] = { 0.018720179204551463, -0.53102353761950816, 0.47594344950964984 };
  const double uni_p[] = { 0.041853131341810762, 0.0014912292048807638, 2.6922335498898513e-05 };
  const guint uni_n[] = { 228, 228, 227 };
  g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_time ("OS", "time", "status", codes,
                                                                EP_TIME_UNIT_DAYS);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  const EpCoxFit *fit;
  JsonObject *expected;
  JsonArray *terms;
  EpResultTable *table;

  ep_cohort_set_endpoint (cohort, os);
  ep_analysis_set_string (analysis, "endpoint", "OS");
  ep_analysis_set_strv (analysis, "covariates", covariates);
  g_assert_true (ep_analysis_run (analysis, cohort, NULL, &error));
  g_assert_no_error (error);

  fit = ep_analysis_get_cox (analysis);
  expected = load_expected ("lung_cox_efron.json", &parser);
  g_assert_cmpuint (fit->n, ==, json_object_get_int_member (expected, "n"));
  g_assert_cmpuint (ep_analysis_get_n_dropped (analysis), ==, 1);
  terms = json_object_get_array_member (expected, "terms");
  for (guint k = 0; k < 3; k++)
    {
      JsonObject *t = json_array_get_object_element (terms, k);

      assert_rel (fit->coef[k], member (t, "coef"), 1e-6);
      assert_rel (fit->hr_lower[k], member (t, "hr_lower"), 1e-6);
      assert_rel (fit->p_value[k], member (t, "p"), 1e-6);
    }
  assert_rel (fit->lr_chisq, member (expected, "lr_chisq"), 1e-6);

  g_assert_cmpuint (ep_analysis_get_n_covariates (analysis), ==, 3);
  for (guint k = 0; k < 3; k++)
    {
      const EpCoxFit *uni = ep_analysis_get_cox_univariate (analysis, k);

      g_assert_nonnull (uni);
      g_assert_null (ep_analysis_get_cox_univariate_error (analysis, k));
      g_assert_cmpuint (uni->n, ==, uni_n[k]);
      assert_rel (uni->coef[0], uni_coef[k], 1e-6);
      assert_rel (uni->p_value[0], uni_p[k], 1e-6);
    }

  /* Table 3 of seed 002: factor, univariable HR (CI), p, multivariable HR (CI), p. */
  table = g_ptr_array_index (ep_analysis_get_tables (analysis), 0);
  g_assert_cmpuint (g_strv_length (table->header), ==, 5);
  g_assert_cmpuint (table->rows->len, ==, 3);
  {
    char **sex = g_ptr_array_index (table->rows, 1);

    char **ecog = g_ptr_array_index (table->rows, 2);

    g_assert_cmpstr (sex[0], ==, "sex");
    /* exp (-0.531) = 0.588, shown with two decimals; p 0.00149 */
    g_assert_true (g_str_has_prefix (sex[1], "0.59 ("));
    g_assert_cmpstr (sex[2], ==, "0.001");
    /* The shown text of the multivariable cells (issue 12), R: summary (coxph (Surv (time,
     * status) ~ age + sex + ph_ecog, lung)): sex p 9.86e-4 and ph_ecog p 4.45e-5 are both
     * "<0.001" (not "<0.0001", not "0.001"); ph_ecog HR 1.5899912 (1.2726752–1.9864236);
     * univariable ph_ecog p 2.69e-5 (tests/data/reference/make_table_text.R) */
    g_assert_cmpstr (sex[4], ==, "<0.001");
    g_assert_cmpstr (ecog[0], ==, "ph_ecog");
    g_assert_cmpstr (ecog[2], ==, "<0.001");
    g_assert_cmpstr (ecog[3], ==, "1.59 (1.27–1.99)");
    g_assert_cmpstr (ecog[4], ==, "<0.001");
  }
}

/* A factor covariate, treatment coding against the first level:
 * coxph (Surv (time, status) ~ age + factor (ph_ecog), lung): coefficients
 * 0.010790505658058414, 0.35872246516530409, 0.85680088120979847, 2.1073311278222624; n 227. */
static void
test_cox_factor (void)
{
  g_autoptr(EpCohort) cohort = load_reference ("lung.csv");
  g_autoptr(EpAnalysis) analysis = ep_analysis_new (EP_ANALYSIS_COX);
  const char *covariates[] = { "age", "ph_ecog", NULL };
  const char *factors[] = { "ph_ecog", NULL };
  const char *codes[] = { "1", NULL };
  const double coef[] = { 0.010790505658058414, 0.35872246516530409, 0.85680088120979847,
                          2.1073311278222624 };
  g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_time ("OS", "time", "status", codes,
                                                                EP_TIME_UNIT_DAYS);
  g_autoptr(GError) error = NULL;
  const EpCoxFit *fit;
  EpResultTable *table;

  ep_cohort_set_endpoint (cohort, os);
  ep_analysis_set_string (analysis, "endpoint", "OS");
  ep_analysis_set_strv (analysis, "covariates", covariates);
  ep_analysis_set_strv (analysis, "factors", factors);
  g_assert_true (ep_analysis_run (analysis, cohort, NULL, &error));
  g_assert_no_error (error);
  fit = ep_analysis_get_cox (analysis);
  g_assert_cmpuint (fit->p, ==, 4);
  g_assert_cmpuint (fit->n, ==, 227);
  for (guint k = 0; k < 4; k++)
    assert_rel (fit->coef[k], coef[k], 1e-6);
  g_assert_cmpstr (ep_analysis_get_cox_design (analysis)->term_names[1], ==, "ph_ecog=1");
  table = g_ptr_array_index (ep_analysis_get_tables (analysis), 0);
  g_assert_cmpstr (((char **) g_ptr_array_index (table->rows, 1))[0], ==, "ph_ecog: 1 vs 0");
}

/* cuminc (time, status, group, cencode = 0) on cr_sim: reference cr_sim_cif.json
 * (estimates at 6, 12, 24, 36 and Gray's test per cause). */
static void
test_competing_risks (void)
{
  g_autoptr(EpCohort) cohort = load_reference ("cr_sim.csv");
  g_autoptr(EpAnalysis) analysis = ep_analysis_new (EP_ANALYSIS_COMPETING_RISKS);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  const double at[] = { 6, 12, 24, 36 };
  const EpCifResult *cif;
  const EpGrayResult *gray;
  JsonObject *expected;
  JsonArray *groups, *tests;

  ep_analysis_set_string (analysis, "time", "time");
  ep_analysis_set_string (analysis, "status", "status");
  ep_analysis_set_string (analysis, "group", "group");
  ep_analysis_set_landmarks (analysis, at, 4);
  g_assert_true (ep_analysis_run (analysis, cohort, NULL, &error));
  g_assert_no_error (error);

  cif = ep_analysis_get_cif (analysis);
  gray = ep_analysis_get_gray (analysis);
  expected = load_expected ("cr_sim_cif.json", &parser);
  groups = json_object_get_array_member (expected, "groups");
  g_assert_cmpuint (cif->n_causes, ==, 2);
  g_assert_cmpstr (ep_analysis_get_cause_label (analysis, 1), ==, "2");
  for (guint g = 0; g < cif->n_groups; g++)
    {
      JsonArray *causes = json_object_get_array_member (json_array_get_object_element (groups, g), "causes");

      for (guint c = 0; c < cif->n_causes; c++)
        {
          JsonArray *eat = json_object_get_array_member (json_array_get_object_element (causes, c), "at");

          for (guint a = 0; a < 4; a++)
            {
              double f, v;

              ep_cif_curve_at (ep_cif_result_get_curve (cif, g, c), at[a], &f, &v);
              assert_rel (f, member (json_array_get_object_element (eat, a), "estimate"), 1e-6);
              assert_rel (sqrt (v), member (json_array_get_object_element (eat, a), "std_err"), 1e-6);
            }
        }
    }
  tests = json_object_get_array_member (expected, "gray");
  for (guint c = 0; c < 2; c++)
    {
      assert_rel (gray->causes[c].stat, member (json_array_get_object_element (tests, c), "stat"), 1e-6);
      assert_rel (gray->causes[c].p, member (json_array_get_object_element (tests, c), "p"), 1e-6);
    }
  g_assert_cmpuint (ep_analysis_get_tables (analysis)->len, ==, 2);

  /* The table as shown (issue 12): cuminc estimates with the interval on the log(-log) scale,
   * f^exp (-+ qnorm (0.975) sqrt (v) / (f log f)), from timepoints (cuminc (...)) in R
   * (tests/data/reference/make_table_text.R); the plain interval f -+ z sqrt (v) would show
   * 34.5% (25.7–43.3) in the first cell and 3.5% (0.1–7.0) in the third row. */
  {
    EpResultTable *t = g_ptr_array_index (ep_analysis_get_tables (analysis), 0);
    EpResultTable *g = g_ptr_array_index (ep_analysis_get_tables (analysis), 1);
    static const char * const shown[4][6] = {
      { "A", "1", "34.5% (25.9–43.3)", "55.9% (46.0–64.7)", "72.0% (62.0–79.8)", "74.6% (64.6–82.2)" },
      { "A", "2", "3.5% (1.2–8.2)", "10.9% (5.9–17.6)", "16.4% (9.9–24.2)", "17.7% (10.8–25.8)" },
      { "B", "1", "22.8% (16.0–30.5)", "42.1% (33.2–50.7)", "51.0% (41.7–59.6)", "62.0% (51.7–70.7)" },
      { "B", "2", "15.7% (10.0–22.6)", "19.8% (13.4–27.2)", "29.9% (21.9–38.3)", "33.5% (24.8–42.4)" },
    };

    g_assert_cmpuint (t->rows->len, ==, 4);
    for (guint r = 0; r < 4; r++)
      {
        char **row = g_ptr_array_index (t->rows, r);

        g_assert_cmpstr (row[0], ==, shown[r][0]);
        g_assert_cmpstr (row[1], ==, shown[r][1]);
        for (guint a = 0; a < 4; a++)
          g_assert_cmpstr (row[4 + a], ==, shown[r][2 + a]);
      }
    /* Gray's test: p 0.008399617 and 0.005605321 */
    g_assert_cmpstr (((char **) g_ptr_array_index (g->rows, 0))[3], ==, "0.008");
    g_assert_cmpstr (((char **) g_ptr_array_index (g->rows, 1))[3], ==, "0.006");
  }
}

/* Yin 2024 (seed 004): 25 of 30 responded (CR or CRi), 9 of the 13 with a high leukemic load.
 * binom.test (25, 30)$conf.int = 0.65278830116585618, 0.94357830353192851;
 * fisher.test (matrix (c(16, 1, 9, 4), nrow = 2))$p.value = 0.13774858602444812. */
static void
test_response_seed004 (void)
{
  g_autoptr(EpCohort) cohort = load_example ("seed004");
  g_autoptr(EpAnalysis) all = ep_analysis_new (EP_ANALYSIS_RESPONSE);
  g_autoptr(EpAnalysis) burden = ep_analysis_new (EP_ANALYSIS_RESPONSE);
  const char *responders[] = { "CR", "CRi", NULL };
  g_autoptr(GError) error = NULL;
  const EpResponse *r;
  g_autofree char *tsv = NULL;

  ep_analysis_set_string (all, "outcome", "response");
  ep_analysis_set_strv (all, "success", responders);
  g_assert_true (ep_analysis_run (all, cohort, NULL, &error));
  g_assert_no_error (error);
  r = ep_analysis_get_response (all);
  g_assert_cmpuint (r->n_groups, ==, 1);
  g_assert_cmpuint (r->groups[0].n, ==, 30);
  g_assert_cmpuint (r->groups[0].successes, ==, 25);
  assert_rel (r->groups[0].lower, 0.65278830116585618, 1e-9);
  assert_rel (r->groups[0].upper, 0.94357830353192851, 1e-9);

  ep_analysis_set_string (burden, "outcome", "response");
  ep_analysis_set_strv (burden, "success", responders);
  ep_analysis_set_string (burden, "group", "high_burden");
  g_assert_true (ep_analysis_run (burden, cohort, NULL, &error));
  g_assert_no_error (error);
  r = ep_analysis_get_response (burden);
  g_assert_cmpstr (ep_analysis_get_groups (burden)->levels[1], ==, "yes");
  g_assert_cmpuint (r->groups[1].n, ==, 13);
  g_assert_cmpuint (r->groups[1].successes, ==, 9);
  assert_rel (r->fisher_p, 0.13774858602444812, 1e-9);
  tsv = ep_analysis_to_tsv (burden);
  g_assert_nonnull (strstr (tsv, "yes\t13\t9\t69.2% ("));
  g_assert_nonnull (strstr (tsv, "Fisher's exact test: p = 0.138"));
}

static void
test_errors (void)
{
  g_autoptr(EpCohort) cohort = load_example ("seed004");
  g_autoptr(EpCohort) aml = load_example ("aml");
  const char *typo[] = { "CR", "Cri", NULL };
  const char *date_like[] = { "age", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpAnalysis) response = ep_analysis_new (EP_ANALYSIS_RESPONSE);
  g_autoptr(EpAnalysis) survival = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* a success value that is not in the data counts nobody: refused */
  ep_analysis_set_string (response, "outcome", "response");
  ep_analysis_set_strv (response, "success", typo);
  g_assert_false (ep_analysis_run (response, cohort, NULL, &error));
  g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "Cri"));
  g_assert_false (ep_analysis_has_results (response));
  g_clear_error (&error);

  /* an unknown column */
  ep_analysis_set_string (response, "group", "arm");
  g_assert_false (ep_analysis_run (response, cohort, NULL, &error));
  g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION);
  g_clear_error (&error);

  /* no endpoint chosen, and one that does not exist */
  g_assert_false (ep_analysis_run (survival, aml, NULL, &error));
  g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION);
  g_clear_error (&error);
  ep_analysis_set_string (survival, "endpoint", "PFS");
  g_assert_false (ep_analysis_run (survival, aml, NULL, &error));
  g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION);
  g_clear_error (&error);

  /* Cox without covariates */
  ep_analysis_set_string (cox, "endpoint", "OS");
  g_assert_false (ep_analysis_run (cox, aml, NULL, &error));
  g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION);
  g_clear_error (&error);
  /* a covariate column that the aml cohort does not have */
  ep_analysis_set_strv (cox, "covariates", date_like);
  g_assert_false (ep_analysis_run (cox, aml, NULL, &error));
  g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION);
  g_clear_error (&error);

  /* cancelled before it starts: the cancellation, not results */
  ep_analysis_set_string (survival, "endpoint", "OS");
  g_cancellable_cancel (cancellable);
  g_assert_false (ep_analysis_run (survival, aml, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ep_analysis_has_results (survival));
  g_assert_false (ep_analysis_get_running (survival));
}

/* Every row missing the group: nothing to analyse, and the message counts the dropped rows. */
static void
test_no_rows (void)
{
  g_autoptr(EpCohort) cohort = load_example ("aml");
  g_autoptr(EpAnalysis) survival = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(EpAnalysis) response = ep_analysis_new (EP_ANALYSIS_RESPONSE);
  const char *one[] = { "1", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (ep_cohort_add_column (cohort, 3, "arm", EP_COLUMN_CATEGORY, &error));
  ep_analysis_set_string (survival, "endpoint", "OS");
  ep_analysis_set_string (survival, "group", "arm");
  g_assert_false (ep_analysis_run (survival, cohort, NULL, &error));
  g_assert_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_NO_ROWS);
  g_assert_false (ep_analysis_has_results (survival));
  g_clear_error (&error);

  ep_analysis_set_string (response, "outcome", "status");
  ep_analysis_set_strv (response, "success", one);
  ep_analysis_set_string (response, "group", "arm");
  g_assert_false (ep_analysis_run (response, cohort, NULL, &error));
  g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_NO_ROWS);
  g_assert_nonnull (strstr (error->message, "23 rows dropped"));
}

static void
test_variant (void)
{
  g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
  g_autoptr(EpAnalysis) copy = NULL;
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GVariant) parsed = NULL;
  g_autoptr(GVariant) bad = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *covariates[] = { "age", "sex", NULL };
  const double at[] = { 12, 24.5 };
  const double *landmarks;
  guint n;

  ep_analysis_set_string (cox, "endpoint", "OS");
  ep_analysis_set_string (cox, "ties", "breslow");
  ep_analysis_set_strv (cox, "covariates", covariates);
  ep_analysis_set_conf_level (cox, 0.9);
  ep_analysis_set_landmarks (cox, at, 2);

  options = g_variant_ref_sink (ep_analysis_to_variant (cox));
  text = g_variant_print (options, TRUE);
  parsed = g_variant_parse (NULL, text, NULL, NULL, &error);
  g_assert_no_error (error);
  copy = ep_analysis_new_from_variant (parsed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ep_analysis_get_kind (copy), ==, EP_ANALYSIS_COX);
  g_assert_cmpstr (ep_analysis_get_string (copy, "endpoint"), ==, "OS");
  g_assert_cmpstr (ep_analysis_get_string (copy, "ties"), ==, "breslow");
  g_assert_null (ep_analysis_get_string (copy, "group"));
  g_assert_cmpstrv (ep_analysis_get_strv (copy, "covariates"), covariates);
  g_assert_cmpfloat (ep_analysis_get_conf_level (copy), ==, 0.9);
  landmarks = ep_analysis_get_landmarks (copy, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (landmarks[1], ==, 24.5);
  g_assert_true (g_variant_equal (options, ep_analysis_to_variant (copy)));

  bad = g_variant_ref_sink (g_variant_parse (NULL, "{'kind': <'anova'>}", NULL, NULL, NULL));
  g_assert_null (ep_analysis_new_from_variant (bad, &error));
  g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION);
}

/* A cohort large enough for progress to be reported before the result arrives. */
static void
progress_cb (EpAnalysis *analysis,
             GParamSpec *pspec,
             guint      *n)
{
  if (ep_analysis_get_running (analysis))
    (*n)++;
}

static void
test_progress (void)
{
  g_autoptr(EpCohort) cohort = ep_cohort_new ("big");
  g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
  const char *covariates[] = { "x", "g", NULL };
  const char *codes[] = { "1", NULL };
  g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_time ("OS", "t", "e", codes,
                                                                EP_TIME_UNIT_MONTHS);
  g_autoptr(GError) error = NULL;
  guint n_updates = 0;
  GRand *rand = g_rand_new_with_seed (7);

  g_assert_true (ep_cohort_add_column (cohort, 0, "t", EP_COLUMN_NUMBER, &error));
  g_assert_true (ep_cohort_add_column (cohort, 1, "e", EP_COLUMN_NUMBER, &error));
  g_assert_true (ep_cohort_add_column (cohort, 2, "x", EP_COLUMN_NUMBER, &error));
  g_assert_true (ep_cohort_add_column (cohort, 3, "g", EP_COLUMN_CATEGORY, &error));
  ep_cohort_insert_rows (cohort, 0, 2000);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *t = g_strdup_printf ("%.2f", g_rand_double_range (rand, 0.1, 60));

      g_assert_true (ep_cohort_set_text (cohort, i, 0, t, &error));
      g_assert_true (ep_cohort_set_text (cohort, i, 1, g_rand_boolean (rand) ? "1" : "0", &error));
      g_assert_true (ep_cohort_set_text (cohort, i, 2, g_rand_boolean (rand) ? "1.5" : "-2", &error));
      g_assert_true (ep_cohort_set_text (cohort, i, 3, g_rand_boolean (rand) ? "A" : "B", &error));
    }
  g_rand_free (rand);
  ep_cohort_set_endpoint (cohort, os);

  ep_analysis_set_string (cox, "endpoint", "OS");
  ep_analysis_set_strv (cox, "covariates", covariates);
  g_signal_connect (cox, "notify::progress", G_CALLBACK (progress_cb), &n_updates);
  g_assert_true (ep_analysis_run (cox, cohort, NULL, &error));
  g_assert_no_error (error);
  /* one update per model: the multivariable and two univariable ones, and the tables */
  g_assert_cmpuint (n_updates, >=, 3);
  g_assert_nonnull (ep_analysis_get_cox (cox));
}

/* Fine-Gray beside the CIF (issue 18): competing risks on crr_sim.csv (text status codes)
 * with the covariates age, arm and risk (arm and risk categorical). Relapse is
 * tests/data/reference/expected/crr_sim_relapse.json (crr (days, status, model.matrix
 * (~ age + arm + risk)[, -1], failcode = "relapse", cencode = "censored"), Wald tests of each
 * covariate from $var); death is the same call with failcode = "death", printed with
 * sprintf ("%.10g"): coef 0.03743583718, -0.6138773795, 1.114208807, 0.9921980729; se
 * 0.01085893373, 0.2883637029, 0.3826716502, 0.375500938. The result goes through the
 * project's JSON and back unchanged. */
static void
test_competing_risks_fine_gray (void)
{
  g_autoptr(EpCohort) cohort = load_reference ("crr_sim.csv");
  g_autoptr(EpAnalysis) analysis = ep_analysis_new (EP_ANALYSIS_COMPETING_RISKS);
  g_autoptr(EpAnalysis) restored = ep_analysis_new (EP_ANALYSIS_COMPETING_RISKS);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  const char *covariates[] = { "age", "arm", "risk", NULL };
  const char *factors[] = { "arm", "risk", NULL };
  const double death_coef[] = { 0.03743583718, -0.6138773795, 1.114208807, 0.9921980729 };
  const double death_se[] = { 0.01085893373, 0.2883637029, 0.3826716502, 0.375500938 };
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_autofree char *tsv = NULL;
  const EpCrrResult *relapse, *death;
  const EpDesign *design;
  JsonObject *expected;
  JsonArray *terms, *wald;
  GPtrArray *tables;

  ep_analysis_set_string (analysis, "time", "days");
  ep_analysis_set_string (analysis, "status", "status");
  ep_analysis_set_string (analysis, "censor", "censored");
  ep_analysis_set_string (analysis, "group", "arm");
  ep_analysis_set_strv (analysis, "covariates", covariates);
  ep_analysis_set_strv (analysis, "factors", factors);
  g_assert_true (ep_analysis_run (analysis, cohort, NULL, &error));
  g_assert_no_error (error);

  /* causes in level order: death, relapse */
  g_assert_cmpstr (ep_analysis_get_cause_label (analysis, 0), ==, "death");
  g_assert_cmpstr (ep_analysis_get_cause_label (analysis, 1), ==, "relapse");
  design = ep_analysis_get_crr_design (analysis);
  g_assert_nonnull (design);
  g_assert_cmpuint (design->p, ==, 4);
  relapse = ep_analysis_get_crr (analysis, 1);
  death = ep_analysis_get_crr (analysis, 0);
  g_assert_nonnull (relapse);
  g_assert_nonnull (death);
  g_assert_null (ep_analysis_get_crr (analysis, 2));

  expected = load_expected ("crr_sim_relapse.json", &parser);
  g_assert_cmpuint (relapse->n, ==, json_object_get_int_member (expected, "n"));
  g_assert_cmpuint (relapse->n_events, ==, json_object_get_int_member (expected, "n_events"));
  g_assert_cmpuint (relapse->n_competing, ==, json_object_get_int_member (expected, "n_competing"));
  terms = json_object_get_array_member (expected, "terms");
  for (guint t = 0; t < 4; t++)
    {
      JsonObject *e = json_array_get_object_element (terms, t);

      g_assert_cmpstr (design->term_names[t], ==, json_object_get_string_member (e, "name"));
      assert_rel (relapse->coef[t], member (e, "coef"), 1e-5);
      assert_rel (relapse->se[t], member (e, "se"), 1e-5);
      assert_rel (relapse->p_value[t], member (e, "p"), 1e-5);
      assert_rel (relapse->lower[t], member (e, "lower"), 1e-5);
      assert_rel (relapse->upper[t], member (e, "upper"), 1e-5);
      assert_rel (death->coef[t], death_coef[t], 1e-5);
      assert_rel (death->se[t], death_se[t], 1e-5);
    }

  /* the tables: CIF, Gray's test, one Fine-Gray table per cause, the Wald tests */
  tables = ep_analysis_get_tables (analysis);
  g_assert_cmpuint (tables->len, ==, 5);
  {
    EpResultTable *fg = g_ptr_array_index (tables, 3);
    EpResultTable *tests = g_ptr_array_index (tables, 4);

    g_assert_cmpstr (fg->title, ==, "Fine-Gray regression: relapse");
    g_assert_cmpstr (((char **) g_ptr_array_index (fg->rows, 1))[0], ==, "arm: chemo vs blina");
    /* exp (0.8326) = 2.30 (1.67–3.17), z 5.06, p 4.2e-07 */
    g_assert_cmpstr (((char **) g_ptr_array_index (fg->rows, 1))[1], ==, "2.30 (1.67–3.17)");
    g_assert_cmpstr (((char **) g_ptr_array_index (fg->rows, 1))[3], ==, "<0.001");
    g_assert_nonnull (strstr (fg->note, "162 events, 52 competing events"));
    /* "p < 0.001", not "p <0.001" or "p = <0.001" (issue 13) */
    g_assert_nonnull (strstr (fg->note, "df, p < 0.001"));
    /* Wald tests: death age, arm, risk, all; relapse age, arm, risk, all */
    g_assert_cmpuint (tests->rows->len, ==, 8);
    wald = json_object_get_array_member (expected, "wald_tests");
    for (guint j = 0; j < 3; j++)
      {
        char **row = g_ptr_array_index (tests->rows, 4 + j);
        JsonObject *e = json_array_get_object_element (wald, j);
        g_autofree char *chisq = g_strdup_printf ("%.3g", member (e, "chisq"));

        g_assert_cmpstr (row[0], ==, "relapse");
        g_assert_cmpstr (row[1], ==, json_object_get_string_member (e, "name"));
        g_assert_cmpstr (row[2], ==, chisq);
      }
    g_assert_cmpstr (((char **) g_ptr_array_index (tests->rows, 7))[1], ==, "All covariates");
  }

  /* the project's JSON: the same models and tables, and the same JSON again */
  json = ep_analysis_results_to_json (analysis);
  g_assert_true (ep_analysis_restore_results (restored, json, "fingerprint", "test", &error));
  g_assert_no_error (error);
  for (guint c = 0; c < 2; c++)
    {
      const EpCrrResult *a = ep_analysis_get_crr (analysis, c);
      const EpCrrResult *b = ep_analysis_get_crr (restored, c);

      g_assert_nonnull (b);
      g_assert_cmpuint (b->p, ==, a->p);
      g_assert_cmpuint (b->n_times, ==, a->n_times);
      for (guint t = 0; t < a->p; t++)
        {
          g_assert_cmpfloat (b->coef[t], ==, a->coef[t]);
          g_assert_cmpfloat (b->se[t], ==, a->se[t]);
          g_assert_cmpfloat (b->lower[t], ==, a->lower[t]);
        }
      for (guint k = 0; k < a->n_times; k++)
        g_assert_cmpfloat (b->jumps[k], ==, a->jumps[k]);
    }
  g_assert_cmpstrv (ep_analysis_get_crr_design (restored)->term_names, design->term_names);
  g_assert_cmpstr (ep_analysis_get_crr_design (restored)->term_levels[1], ==, "chemo");
  json_again = ep_analysis_results_to_json (restored);
  g_assert_cmpstr (json_again, ==, json);
  tsv = ep_analysis_to_tsv (restored);
  g_assert_nonnull (strstr (tsv, "Fine-Gray regression: relapse\n"));

  /* a stored result whose models do not match its causes is refused */
  {
    g_autoptr(EpAnalysis) bad = ep_analysis_new (EP_ANALYSIS_COMPETING_RISKS);
    g_autoptr(GString) broken = g_string_new (json);

    g_string_replace (broken, "\"fits\":[{", "\"fits\":[{\"error\":\"x\"},{", 1);
    g_assert_false (ep_analysis_restore_results (bad, broken->str, "fingerprint", "test", &error));
    g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA);
    g_clear_error (&error);
  }

  /* the options a project keeps */
  {
    g_autoptr(GVariant) variant = g_variant_ref_sink (ep_analysis_to_variant (analysis));
    g_autoptr(EpAnalysis) back = ep_analysis_new_from_variant (variant, &error);

    g_assert_no_error (error);
    g_assert_cmpstrv (ep_analysis_get_strv (back, "covariates"), covariates);
    g_assert_cmpstrv (ep_analysis_get_strv (back, "factors"), factors);
  }

  /* Without covariates: the CIF alone, as before */
  ep_analysis_set_strv (analysis, "covariates", NULL);
  g_assert_true (ep_analysis_run (analysis, cohort, NULL, &error));
  g_assert_null (ep_analysis_get_crr_design (analysis));
  g_assert_cmpuint (ep_analysis_get_tables (analysis)->len, ==, 2);
}

/* Issue 13: one percent format per language in result tables: "34.6%", "34,6 %", "34.6%".
 * Each language in a subprocess, since the locale and LANGUAGE are the process's. */
static void
percent_in (const char *language,
            const char *numeric,
            const char *expected)
{
  g_autofree char *text = NULL;

  g_setenv ("LANGUAGE", language, TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ENDPOINT_LOCALE_DIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* glibc ignores LANGUAGE in the C locale */
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL && setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_skip ("no locale to translate in");
      return;
    }
  setlocale (LC_NUMERIC, numeric);
  text = ep_format_percent (34.56, 1);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  text = ep_format_percent (NAN, 1);
  g_assert_cmpstr (text, ==, "NA");
}

static void
test_percent_format (void)
{
  if (g_getenv ("ENDPOINT_LOCALE_DIR") == NULL)
    {
      g_test_skip ("ENDPOINT_LOCALE_DIR is not set");
      return;
    }
  if (g_test_subprocess ())
    {
      const char *which = g_getenv ("EP_TEST_PERCENT");

      if (g_strcmp0 (which, "en") == 0)
        percent_in ("en", "C", "34.6%");
      else if (g_strcmp0 (which, "de") == 0)
        {
          if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
            percent_in ("de", "C", "34.6 %");
          else
            percent_in ("de", "de_DE.UTF-8", "34,6 %");
        }
      else
        percent_in ("zh_CN", "C", "34.6%");
      return;
    }

  for (guint i = 0; i < 3; i++)
    {
      const char *which = (const char *[]) { "en", "de", "zh_CN" }[i];

      g_setenv ("EP_TEST_PERCENT", which, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
  g_unsetenv ("EP_TEST_PERCENT");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/percent-format", test_percent_format);

  g_test_add_func ("/analysis/survival/aml", test_survival_aml);
  g_test_add_func ("/analysis/survival/rho", test_survival_rho);
  g_test_add_func ("/analysis/survival/groups", test_survival_groups);
  g_test_add_func ("/analysis/cox/lung", test_cox_lung);
  g_test_add_func ("/analysis/cox/factor", test_cox_factor);
  g_test_add_func ("/analysis/competing-risks/cr-sim", test_competing_risks);
  g_test_add_func ("/analysis/competing-risks/fine-gray", test_competing_risks_fine_gray);
  g_test_add_func ("/analysis/response/seed004", test_response_seed004);
  g_test_add_func ("/analysis/errors", test_errors);
  g_test_add_func ("/analysis/no-rows", test_no_rows);
  g_test_add_func ("/analysis/variant", test_variant);
  g_test_add_func ("/analysis/progress", test_progress);

  return g_test_run ();
}
