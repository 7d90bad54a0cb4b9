/* test-combine.c: "Combine with your patients" (issue 17, docs/reconstruction.md)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A published arm reconstructed from a digitized curve (20 patients in months, as
 * ep_test_add_published_arm(), tests/ep-test-model.c) and the user's 12 patients (an endpoint in weeks)
 * become one new cohort, ep_project_combine_with_reconstruction(): the user's rows converted to
 * months, then the published rows, with the group column "source". The analyses a clinician
 * runs on it (log-rank with group source, Cox with the factor source) give exactly the numbers
 * of ep_reconstruction_compare() on the two cohorts, whose log-rank and Cox were checked against
 * R (test-digitizer.c /digitizer/overlay; here too: tests/data/reference/make_combined.R). The
 * cohort carries the caveat on its figures and results, is saved and reopened with its mark,
 * and its creation is undone and redone as a step of the project's history.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/ep-analysis.h"
#include "model/ep-project.h"
#include "model/ep-reconstruction.h"

#include "ep-test-model.h"


#define PUBLISHED "Drug X (published)"
/* the published level: short, for a figure at journal size (test_short_label) */
#define LABEL     "Drug X (Smith 2020)"
/* the published arm in a sentence: the note above its own results */
#define LONG_LABEL "Drug X (reconstructed from Smith 2020)"
#define OWN       "My patients"
#define COMBINED  OWN " + " LABEL

static char *
tmp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ep-combine-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static gboolean
has_note (EpFigure   *figure,
          const char *note)
{
  const char * const *notes = ep_figure_get_notes (figure);

  for (guint k = 0; notes[k] != NULL; k++)
    if (strcmp (notes[k], note) == 0)
      return TRUE;
  return FALSE;
}

static EpTableColumn *
number_column (const char   *name,
               const double *values,
               gsize         n)
{
  EpTableColumn *column = ep_table_column_new (name, EP_COLUMN_NUMBER, n);

  memcpy (column->values->data, values, n * sizeof (double));
  return column;
}

/* The user's 12 patients: times in weeks (an endpoint "EFS" in weeks), 0/1 status; one row
 * missing its time (dropped, as every analysis drops it). */
static EpCohort *
own_patients (void)
{
  const double time[] = { 4, 13, 22, 30, 35, 48, 61, NAN, 70, 96, 130, 174 };
  const double status[] = { 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0 };
  const char *codes[] = { "1", NULL };
  g_autoptr(EpCohortEndpoint) endpoint = ep_cohort_endpoint_new_time ("EFS", "time", "status",
                                                                      codes, EP_TIME_UNIT_WEEKS);
  EpTable *table = ep_table_new (G_N_ELEMENTS (time));
  EpCohort *cohort;

  g_assert_true (ep_table_insert_column (table, 0, number_column ("time", time, G_N_ELEMENTS (time)), NULL));
  g_assert_true (ep_table_insert_column (table, 1, number_column ("status", status, G_N_ELEMENTS (time)), NULL));
  cohort = ep_cohort_new_from_table (OWN, table);
  ep_cohort_set_endpoint (cohort, endpoint);
  return cohort;
}

static EpProject *
make_project (void)
{
  EpProject *project = ep_project_new ();
  g_autoptr(EpCohort) own = own_patients ();

  ep_project_add_cohort (project, own);
  ep_test_add_published_arm (project, NULL);
  return project;
}

static void
assert_rel (double actual,
            double expected,
            double tolerance)
{
  g_assert_cmpfloat (fabs (actual - expected), <=, tolerance * fabs (expected));
}

/* A KM figure of the combined cohort by source. */
static EpFigure *
add_km_figure (EpProject  *project,
               const char *cohort_name)
{
  g_autoptr(JsonObject) source = json_object_new ();
  g_autoptr(GError) error = NULL;
  EpFigure *figure;

  json_object_set_string_member (source, "kind", "km");
  json_object_set_string_member (source, "cohort", cohort_name);
  json_object_set_string_member (source, "endpoint", "EFS");
  json_object_set_string_member (source, "group", "source");
  figure = ep_project_add_figure (project, "Both arms", source, &error);
  g_assert_no_error (error);
  g_assert_nonnull (figure);
  return figure;
}

/* The new cohort: the user's rows (weeks -> months), then the published ones; time, event,
 * source with its roles, levels in order, an endpoint; the source cohorts unchanged. */
static void
test_rows (void)
{
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(GError) error = NULL;
  EpCohort *own = ep_project_find_cohort (project, OWN);
  EpCohort *published = ep_project_find_cohort (project, PUBLISHED);
  guint own_rows = ep_cohort_get_table (own)->n_rows;
  guint own_columns = ep_table_get_n_columns (ep_cohort_get_table (own));
  guint published_rows = ep_cohort_get_table (published)->n_rows;
  const EpTableColumn *time, *event, *source;
  const EpTable *table;
  EpCohortEndpoint *endpoint;
  const char *from_own = NULL, *from_published = NULL, *label = NULL;
  EpCohort *combined;

  combined = ep_project_combine_with_reconstruction (project, OWN, PUBLISHED, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (combined);
  g_assert_cmpstr (ep_cohort_get_name (combined), ==, COMBINED);
  g_assert_true (ep_project_find_cohort (project, COMBINED) == combined);

  table = ep_cohort_get_table (combined);
  /* 11 of the 12 (one has no time), then the 20 published patients */
  g_assert_cmpuint (table->n_rows, ==, 11 + published_rows);
  g_assert_cmpuint (published_rows, ==, 20);
  g_assert_cmpuint (ep_table_get_n_columns (table), ==, 3);
  time = ep_table_get_column (table, 0);
  event = ep_table_get_column (table, 1);
  source = ep_table_get_column (table, 2);
  g_assert_cmpstr (time->name, ==, "time");
  g_assert_cmpstr (event->name, ==, "event");
  g_assert_cmpstr (source->name, ==, "source");
  g_assert_cmpint (source->type, ==, EP_COLUMN_CATEGORY);
  /* 4 weeks = 4 x 7 / 30.4375 months; the row without a time is left out */
  assert_rel (g_array_index (time->values, double, 0), 4 * 7 / 30.4375, 1e-15);
  assert_rel (g_array_index (time->values, double, 7), 70 * 7 / 30.4375, 1e-15);
  assert_rel (g_array_index (time->values, double, 10), 174 * 7 / 30.4375, 1e-15);
  g_assert_cmpfloat (g_array_index (event->values, double, 7), ==, 1);
  g_assert_cmpfloat (g_array_index (event->values, double, 10), ==, 0);
  {
    g_autofree char *first = ep_table_column_format (source, 0);
    g_autofree char *last = ep_table_column_format (source, table->n_rows - 1);

    g_assert_cmpstr (first, ==, OWN);
    g_assert_cmpstr (last, ==, LABEL);
  }
  /* the user's patients first: reference and first curve */
  g_assert_nonnull (source->value_labels);
  g_assert_cmpuint (source->value_labels->len, ==, 2);
  g_assert_cmpstr (((EpValueLabel *) g_ptr_array_index (source->value_labels, 0))->value, ==, OWN);
  g_assert_cmpstr (((EpValueLabel *) g_ptr_array_index (source->value_labels, 1))->value, ==, LABEL);
  g_assert_cmpint (ep_cohort_column_get_role (ep_cohort_get_column (combined, 0)), ==, EP_COLUMN_ROLE_TIME);
  g_assert_cmpint (ep_cohort_column_get_role (ep_cohort_get_column (combined, 1)), ==, EP_COLUMN_ROLE_EVENT);
  g_assert_cmpint (ep_cohort_column_get_role (ep_cohort_get_column (combined, 2)), ==, EP_COLUMN_ROLE_GROUP);
  /* the user's endpoint's name, in the published arm's unit */
  endpoint = ep_cohort_find_endpoint (combined, "EFS");
  g_assert_nonnull (endpoint);
  g_assert_cmpint (ep_cohort_endpoint_get_unit (endpoint), ==, EP_TIME_UNIT_MONTHS);
  g_assert_cmpstr (ep_cohort_endpoint_get_time_column (endpoint), ==, "time");
  g_assert_cmpstr (ep_cohort_endpoint_get_event_column (endpoint), ==, "event");

  /* marked, with what it was made from */
  g_assert_true (ep_project_find_combined (project, COMBINED, &from_own, &from_published, &label));
  g_assert_cmpstr (from_own, ==, OWN);
  g_assert_cmpstr (from_published, ==, PUBLISHED);
  g_assert_cmpstr (label, ==, LABEL);
  g_assert_false (ep_project_find_combined (project, OWN, NULL, NULL, NULL));
  /* not a reconstruction itself: it cannot be overlaid as a published arm */
  g_assert_null (ep_project_find_reconstruction (project, COMBINED, NULL));

  /* the cohorts it was made from are as they were */
  g_assert_cmpuint (ep_cohort_get_table (own)->n_rows, ==, own_rows);
  g_assert_cmpuint (ep_table_get_n_columns (ep_cohort_get_table (own)), ==, own_columns);
  g_assert_cmpuint (ep_cohort_get_table (published)->n_rows, ==, published_rows);
  g_assert_cmpuint (ep_table_get_n_columns (ep_cohort_get_table (published)), ==, 3);

  /* a second one gets a number */
  combined = ep_project_combine_with_reconstruction (project, OWN, PUBLISHED, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ep_cohort_get_name (combined), ==, COMBINED " (2)");
  combined = ep_project_combine_with_reconstruction (project, OWN, PUBLISHED, "Both", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ep_cohort_get_name (combined), ==, "Both");
}

/* Refusals, each with a message and nothing added. */
static void
test_refusals (void)
{
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (ep_project_get_cohorts (project));

  /* the published side must be a reconstruction */
  g_assert_null (ep_project_combine_with_reconstruction (project, OWN, OWN, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no reconstructed cohort “" OWN "”");
  g_clear_error (&error);
  /* the own side must not be one */
  g_assert_null (ep_project_combine_with_reconstruction (project, PUBLISHED, PUBLISHED, NULL,
                                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* nor a combined one (its published patients would come twice) */
  g_assert_nonnull (ep_project_combine_with_reconstruction (project, OWN, PUBLISHED, NULL, &error));
  g_assert_no_error (error);
  n++;
  g_assert_null (ep_project_combine_with_reconstruction (project, COMBINED, PUBLISHED, NULL,
                                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "“" COMBINED "” already holds a published arm: choose a cohort of your own "
                   "patients");
  g_clear_error (&error);
  g_assert_null (ep_project_combine_with_reconstruction (project, "nobody", PUBLISHED, NULL,
                                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* an event that is not 0 or 1 names the row */
  {
    const double time[] = { 1, 2 };
    const double status[] = { 1, 2 };
    EpTable *table = ep_table_new (2);
    g_autoptr(EpCohort) bad = NULL;

    g_assert_true (ep_table_insert_column (table, 0, number_column ("t", time, 2), NULL));
    g_assert_true (ep_table_insert_column (table, 1, number_column ("s", status, 2), NULL));
    bad = ep_cohort_new_from_table ("Coded", table);
    ep_cohort_set_column_role (bad, 0, EP_COLUMN_ROLE_TIME);
    ep_cohort_set_column_role (bad, 1, EP_COLUMN_ROLE_EVENT);
    ep_project_add_cohort (project, bad);
    n++;
    g_assert_null (ep_project_combine_with_reconstruction (project, "Coded", PUBLISHED, NULL,
                                                           &error));
    g_assert_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_WRONG_TYPE);
    g_assert_nonnull (strstr (error->message, "row 2"));
    g_clear_error (&error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_cohorts (project)), ==, n);
  /* only the one made above is a step */
  g_assert_nonnull (ep_project_undo (project));
  g_assert_false (ep_project_can_undo (project));
}

/* The analyses of the Cohorts page on the combined cohort, with source as the group, give the
 * numbers of ep_reconstruction_compare() (its log-rank as survdiff and its Cox as coxph,
 * checked against R in test-digitizer.c and the core's tests): the same patients, the same
 * statistics. */
static void
test_same_numbers (void)
{
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpReconstructionComparison) comparison = NULL;
  g_autoptr(EpAnalysis) survival = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
  const char *covariates[] = { "source", NULL };
  const EpLogrankResult *logrank;
  const EpCoxFit *fit;
  const EpLevels *groups;
  EpCohort *combined;

  comparison = ep_reconstruction_compare (ep_project_find_cohort (project, OWN), "time", "status",
                                          ep_project_find_cohort (project, PUBLISHED), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comparison->n_own, ==, 11);
  g_assert_cmpuint (comparison->n_published, ==, 20);
  g_test_message ("compare: chisq %.10g, p %.10g, HR %.10g (%.10g to %.10g)", comparison->chisq,
                  comparison->p, comparison->hr, comparison->hr_lower, comparison->hr_upper);

  combined = ep_project_combine_with_reconstruction (project, OWN, PUBLISHED, NULL, &error);
  g_assert_no_error (error);
  /* these rows are tests/data/reference/data/combined.csv: R on them
   * (tests/data/reference/make_combined.R), survdiff and coxph, agree with Compare */
  assert_rel (comparison->chisq, 2.463061581, 1e-9);
  assert_rel (comparison->p, 0.1165514092, 1e-9);
  assert_rel (comparison->hr, 0.4991094102, 1e-9);
  assert_rel (comparison->hr_lower, 0.1819463722, 1e-9);
  assert_rel (comparison->hr_upper, 1.36914081, 1e-8);
  {
    const EpTable *t = ep_cohort_get_table (combined);
    g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                  "combined.csv", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    lines = g_strsplit (text, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, t->n_rows + 2);
    for (guint i = 0; i < t->n_rows; i++)
      {
        g_auto(GStrv) cells = g_strsplit (lines[i + 1], ",", -1);

        g_assert_cmpfloat (g_ascii_strtod (cells[0], NULL), ==,
                           g_array_index (ep_table_get_column (t, 0)->values, double, i));
        g_assert_cmpfloat (g_ascii_strtod (cells[1], NULL), ==,
                           g_array_index (ep_table_get_column (t, 1)->values, double, i));
        g_assert_cmpint (atoi (cells[2]), ==,
                         g_array_index (ep_table_get_column (t, 2)->values, gint32, i));
      }
  }

  ep_analysis_set_string (survival, "endpoint", "EFS");
  ep_analysis_set_string (survival, "group", "source");
  ep_analysis_set_double (survival, "rmst-tau", 24);
  ep_project_add_analysis (project, survival, combined);
  g_assert_true (ep_analysis_run (survival, combined, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ep_analysis_get_state (survival), ==, EP_ANALYSIS_STATE_FRESH);
  g_assert_cmpuint (ep_analysis_get_n (survival), ==, 31);
  groups = ep_analysis_get_groups (survival);
  g_assert_cmpuint (groups->n_levels, ==, 2);
  g_assert_cmpstr (ep_levels_get_label (groups, 0), ==, OWN);
  g_assert_cmpstr (ep_levels_get_label (groups, 1), ==, LABEL);
  logrank = ep_analysis_get_logrank (survival);
  g_assert_nonnull (logrank);
  assert_rel (logrank->chisq, comparison->chisq, 1e-12);
  assert_rel (logrank->p, comparison->p, 1e-12);
  g_assert_nonnull (ep_analysis_get_rmst (survival));

  ep_analysis_set_string (cox, "endpoint", "EFS");
  ep_analysis_set_strv (cox, "covariates", covariates);
  ep_analysis_set_strv (cox, "factors", covariates);
  ep_project_add_analysis (project, cox, combined);
  g_assert_true (ep_analysis_run (cox, combined, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ep_analysis_get_state (cox), ==, EP_ANALYSIS_STATE_FRESH);
  fit = ep_analysis_get_cox (cox);
  g_assert_nonnull (fit);
  g_assert_cmpuint (fit->p, ==, 1);
  /* the published arm against the user's patients, as Compare reports it */
  assert_rel (fit->hr[0], comparison->hr, 1e-9);
  assert_rel (fit->hr_lower[0], comparison->hr_lower, 1e-9);
  assert_rel (fit->hr_upper[0], comparison->hr_upper, 1e-9);
}

/* Compare converts the user's times to the published arm's unit too (the same code): the
 * patients in weeks give what the same patients in months give. */
static void
test_compare_units (void)
{
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) months = own_patients ();
  g_autoptr(EpReconstructionComparison) in_weeks = NULL;
  g_autoptr(EpReconstructionComparison) in_months = NULL;
  const char *codes[] = { "1", NULL };
  g_autoptr(EpCohortEndpoint) endpoint = ep_cohort_endpoint_new_time ("EFS", "time", "status",
                                                                      codes, EP_TIME_UNIT_MONTHS);
  EpCohort *published = ep_project_find_cohort (project, PUBLISHED);
  EpTableColumn *time = ep_table_get_column (ep_cohort_get_table (months), 0);

  for (guint i = 0; i < time->values->len; i++)
    g_array_index (time->values, double, i) *= 7 / 30.4375;
  ep_cohort_set_endpoint (months, endpoint);
  in_weeks = ep_reconstruction_compare (ep_project_find_cohort (project, OWN), "time", "status",
                                        published, &error);
  g_assert_no_error (error);
  in_months = ep_reconstruction_compare (months, "time", "status", published, &error);
  g_assert_no_error (error);
  assert_rel (in_weeks->chisq, in_months->chisq, 1e-12);
  assert_rel (in_weeks->hr, in_months->hr, 1e-9);
  /* the weeks taken as months would be another comparison */
  g_assert_cmpfloat (fabs (in_weeks->chisq - 2.463061581), <, 1e-8);
}

/* The caveat on its figures and above its results; saved and reopened with the mark; an old
 * project (no mark) is unaffected. */
static void
test_short_label (void)
{
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpPlotLayout) layout = NULL;
  g_autoptr(EpProjectDigitized) uncited = NULL;
  g_autofree char *note = NULL;
  g_autofree char *label = NULL;
  const EpProjectDigitized *digitized = NULL;
  const EpProjectCurve *curve;
  gboolean legend = FALSE, at_risk = FALSE;
  EpCohort *combined;
  EpFigure *figure;

  combined = ep_project_combine_with_reconstruction (project, OWN, PUBLISHED, NULL, &error);
  g_assert_no_error (error);
  figure = add_km_figure (project, ep_cohort_get_name (combined));
  layout = ep_figure_layout (figure);
  /* the published arm (the second series, the second row at risk) under its short label */
  for (guint k = 0; k < layout->items->len; k++)
    {
      const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, k);

      if (item->kind == EP_PLOT_ITEM_LEGEND && item->row == 1)
        {
          g_test_message ("legend: %s, %d lines", item->text, item->col);
          g_assert_cmpstr (item->text, ==, LABEL);
          g_assert_cmpint (item->col, ==, 1);   /* one line */
          legend = TRUE;
        }
      if (item->kind == EP_PLOT_ITEM_RISK_LABEL && item->row == 1)
        {
          g_assert_cmpstr (item->text, ==, LABEL);
          at_risk = TRUE;
        }
    }
  g_assert_true (legend);
  g_assert_true (at_risk);
  /* at the default 85 x 70 mm the plot keeps most of the width (with "Drug X (reconstructed
   * from Smith 2020)" as the level it had 36%: the label wrapped to three lines and the
   * table's row label pushed the plot to the right) */
  g_test_message ("plot area %.1f of %.1f pt wide", layout->plot_width, layout->width);
  g_assert_cmpfloat (layout->plot_width, >, 0.55 * layout->width);
  /* that the arm is reconstructed: the caveat under the figure, the note above the results */
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  g_assert_nonnull (strstr (ep_reconstruction_caveat (), "Reconstructed data are approximate"));
  note = ep_project_get_reconstruction_note (project, ep_cohort_get_name (combined));
  g_assert_true (g_str_has_suffix (note, ep_reconstruction_caveat ()));

  /* without a citation the source is the figure's file */
  curve = ep_project_find_reconstruction (project, PUBLISHED, &digitized);
  g_assert_nonnull (curve);
  uncited = ep_project_digitized_copy (digitized);
  g_clear_pointer (&uncited->citation, g_free);
  label = ep_reconstruction_figure_label (uncited, curve);
  g_assert_cmpstr (label, ==, "Drug X (fig2.png)");
}

static void
test_caveat_saved (void)
{
  g_autofree char *path = tmp_path ("combined.endpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  const char *label = NULL;
  EpFigure *figure;

  g_assert_nonnull (ep_project_combine_with_reconstruction (project, OWN, PUBLISHED, NULL,
                                                            &error));
  g_assert_no_error (error);
  figure = add_km_figure (project, COMBINED);
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  note = ep_project_get_reconstruction_note (project, COMBINED);
  g_assert_nonnull (note);
  g_test_message ("%s", note);
  g_assert_true (g_str_has_prefix (note, "Your patients of “" OWN "” and " LABEL ", combined on "));
  g_assert_nonnull (strstr (note, "later edits of either cohort are not in it"));
  g_assert_true (g_str_has_suffix (note, ep_reconstruction_caveat ()));
  /* the user's own cohort has no note; the published arm its own */
  g_assert_null (ep_project_get_reconstruction_note (project, OWN));
  {
    g_autofree char *published = ep_project_get_reconstruction_note (project, PUBLISHED);

    g_assert_cmpstr (published, ==, LONG_LABEL ". Reconstructed data are approximate: the published "
                                    "arm's patients were rebuilt from a digitized figure (Guyot "
                                    "et al. 2012), not taken from the trial.");
  }

  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (ep_project_get_open_notes (back)[0]);
  g_assert_false (ep_project_get_modified (back));
  g_assert_true (ep_project_find_combined (back, COMBINED, NULL, NULL, &label));
  g_assert_cmpstr (label, ==, LABEL);
  figure = ep_project_find_figure (back, "Both arms");
  g_assert_nonnull (figure);
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  {
    g_autofree char *again = ep_project_get_reconstruction_note (back, COMBINED);

    g_assert_cmpstr (again, ==, note);
  }
  g_assert_cmpuint (ep_cohort_get_table (ep_project_find_cohort (back, COMBINED))->n_rows, ==, 31);
  /* endpoint-cli plot --project says it among the figure's notes */
  {
    g_autofree char *png = g_strconcat (path, ".png", NULL);
    g_autofree char *out = NULL, *err = NULL;
    const char *argv[] = { g_getenv ("ENDPOINT_CLI"), "plot", "--project", path, "--figure",
                           "Both arms", "--out", png, NULL };
    int status;

    g_assert_nonnull (argv[0]);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_cmpstr (err, ==, "");
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "Reconstructed data are approximate"));
    g_unlink (png);
  }

  /* removing the combined cohort removes its mark, which is then not saved */
  ep_project_remove_cohort (back, ep_project_find_cohort (back, COMBINED));
  g_assert_false (ep_project_find_combined (back, COMBINED, NULL, NULL, NULL));
  g_assert_true (ep_project_save (back, file, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&back);
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ep_project_find_combined (back, COMBINED, NULL, NULL, NULL));
  g_assert_null (ep_project_find_cohort (back, COMBINED));
  g_unlink (path);
}

/* A mark the model cannot read (another program's edit of the file) loses only the mark: the
 * project opens, says so, and the cohort is an ordinary one. */
static void
test_bad_mark (void)
{
  g_autofree char *path = tmp_path ("bad-mark.endpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *notes;
  sqlite3 *db = NULL;

  g_assert_nonnull (ep_project_combine_with_reconstruction (project, OWN, PUBLISHED, NULL,
                                                            &error));
  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE meta SET value = '{\"" COMBINED "\": 3}' "
                                 "WHERE key = 'combined_cohorts'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ep_project_find_cohort (back, COMBINED));
  g_assert_false (ep_project_find_combined (back, COMBINED, NULL, NULL, NULL));
  notes = ep_project_get_open_notes (back);
  g_assert_nonnull (notes[0]);
  g_assert_nonnull (strstr (notes[0], "Cohort “" COMBINED "”: the mark of a cohort combined"));
  g_clear_object (&back);

  /* not JSON at all */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE meta SET value = 'not json' WHERE key = "
                                 "'combined_cohorts'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ep_project_find_combined (back, COMBINED, NULL, NULL, NULL));
  g_assert_nonnull (strstr (ep_project_get_open_notes (back)[0], "could not be read"));
  g_clear_object (&back);

  /* nested a million deep: refused before json-glib's recursion sees it */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    sqlite3_stmt *stmt = NULL;

    for (guint k = 0; k < 1000000; k++)
      g_string_append_c (deep, '[');
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE meta SET value = ?1 WHERE key = "
                                         "'combined_cohorts'", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, deep->str, (int) deep->len, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ep_project_find_combined (back, COMBINED, NULL, NULL, NULL));
  g_assert_nonnull (strstr (ep_project_get_open_notes (back)[0], "could not be read"));
  g_unlink (path);
}

/* Making it is a step of the project's history: undo takes it out (with the analysis made on it
 * since, undone first), redo puts the same cohort back with its mark. */
static void
test_undo (void)
{
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpAnalysis) survival = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  GListModel *cohorts = ep_project_get_cohorts (project);
  guint n = g_list_model_get_n_items (cohorts);
  EpCohort *combined;
  EpFigure *figure;

  combined = ep_project_combine_with_reconstruction (project, OWN, PUBLISHED, NULL, &error);
  g_assert_no_error (error);
  g_object_ref (combined);
  g_assert_true (ep_project_can_undo (project));
  ep_analysis_set_string (survival, "endpoint", "EFS");
  ep_analysis_set_string (survival, "group", "source");
  ep_project_add_analysis (project, survival, combined);
  g_assert_true (ep_analysis_run (survival, combined, NULL, &error));
  g_assert_no_error (error);

  /* the analysis first, then the cohort */
  g_assert_true (ep_project_undo (project) == (gpointer) survival);
  g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_analyses (project)), ==, 0);
  g_assert_true (ep_project_undo (project) == (gpointer) combined);
  g_assert_cmpuint (g_list_model_get_n_items (cohorts), ==, n);
  g_assert_null (ep_project_find_cohort (project, COMBINED));
  g_assert_false (ep_project_find_combined (project, COMBINED, NULL, NULL, NULL));
  g_assert_false (ep_project_can_undo (project));
  g_assert_nonnull (ep_project_find_cohort (project, OWN));
  g_assert_nonnull (ep_project_find_cohort (project, PUBLISHED));

  /* redo: the same cohort, marked; then its analysis */
  g_assert_true (ep_project_redo (project) == (gpointer) combined);
  g_assert_true (ep_project_find_cohort (project, COMBINED) == combined);
  g_assert_true (ep_project_find_combined (project, COMBINED, NULL, NULL, NULL));
  figure = add_km_figure (project, COMBINED);
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  /* the figure's step was recorded after the redo: the analysis's redo is gone */
  g_assert_false (ep_project_can_redo (project));
  /* undo the figure, then the cohort again */
  g_assert_true (ep_project_undo (project) == (gpointer) figure);
  g_assert_true (ep_project_undo (project) == (gpointer) combined);
  g_assert_null (ep_project_find_cohort (project, COMBINED));
  g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_figures (project)), ==, 0);
  /* a cohort of that name made meanwhile (an import: not a step): redo numbers the combined one,
   * and its mark follows */
  {
    g_autoptr(EpCohort) other = own_patients ();

    ep_cohort_set_name (other, COMBINED);
    ep_project_add_cohort (project, other);
    g_assert_true (ep_project_redo (project) == (gpointer) combined);
    g_assert_cmpstr (ep_cohort_get_name (combined), ==, COMBINED " (2)");
    g_assert_true (ep_project_find_combined (project, COMBINED " (2)", NULL, NULL, NULL));
    g_assert_false (ep_project_find_combined (project, COMBINED, NULL, NULL, NULL));
  }
  g_object_unref (combined);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/combine/rows", test_rows);
  g_test_add_func ("/combine/refusals", test_refusals);
  g_test_add_func ("/combine/same-numbers", test_same_numbers);
  g_test_add_func ("/combine/compare-units", test_compare_units);
  g_test_add_func ("/combine/short-label", test_short_label);
  g_test_add_func ("/combine/caveat-saved", test_caveat_saved);
  g_test_add_func ("/combine/bad-mark", test_bad_mark);
  g_test_add_func ("/combine/undo", test_undo);

  return g_test_run ();
}
