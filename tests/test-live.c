/* test-live.c: the live project graph, cohort -> analysis -> figure
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An analysis bound to its cohort (through the project) follows the data: an edit of a column
 * it reads makes it stale and brings it up to date in the background, an edit elsewhere leaves
 * it fresh, a deleted input makes it invalid with a message and an undo brings it back; newer
 * edits cancel the running update; a figure made from it redraws from the new result and
 * refuses to export while stale; a saved project reopens with its results and figures without
 * running anything, and a stored result that no longer matches the data is computed again.
 *
 * The numbers: survdiff (Surv (time, status) ~ x, data = aml) gives p = 0.0653393220405049
 * (tests/data/reference/expected/aml_logrank.json); after an edit the expected numbers are
 * those of a fresh run on the edited cohort (the same core, checked against R elsewhere).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include <sqlite3.h>
#include <string.h>

#include "model/ep-project.h"

#include "ep-test-model.h"

#define AML_LOGRANK_P 0.0653393220405049

static EpCohort *
load_aml (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  g_autoptr(GError) error = NULL;
  EpCohort *cohort = ep_cohort_new_from_example (dir, "aml", &error);

  g_assert_no_error (error);
  return cohort;
}

static EpAnalysis *
survival_analysis (void)
{
  EpAnalysis *analysis = ep_analysis_new (EP_ANALYSIS_SURVIVAL);

  ep_analysis_set_string (analysis, "endpoint", "OS");
  ep_analysis_set_string (analysis, "group", "x");
  return analysis;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static double
logrank_p (EpAnalysis *analysis)
{
  const EpLogrankResult *logrank = ep_analysis_get_logrank (analysis);

  g_assert_nonnull (logrank);
  return logrank->p;
}

/* p of a fresh, unbound run on the cohort as it is now. */
static double
fresh_p (EpCohort *cohort)
{
  g_autoptr(EpAnalysis) analysis = survival_analysis ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ep_analysis_run (analysis, cohort, NULL, &error));
  g_assert_no_error (error);
  return logrank_p (analysis);
}

static void
set_text (EpCohort   *cohort,
          guint       row,
          guint       column,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ep_cohort_set_text (cohort, row, column, text, &error));
  g_assert_no_error (error);
}

/* A project with the aml cohort and a survival analysis of OS by x, run once. */
static EpProject *
make_project (EpCohort   **cohort_out,
              EpAnalysis **analysis_out)
{
  EpProject *project = ep_project_new ();
  g_autoptr(EpCohort) cohort = load_aml ();
  g_autoptr(EpAnalysis) analysis = survival_analysis ();
  g_autoptr(GError) error = NULL;

  ep_project_add_cohort (project, cohort);
  ep_project_add_analysis (project, analysis, cohort);
  g_assert_true (ep_analysis_run (analysis, cohort, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ep_analysis_get_state (analysis), ==, EP_ANALYSIS_STATE_FRESH);
  g_assert_cmpfloat_with_epsilon (logrank_p (analysis), AML_LOGRANK_P, 1e-12);

  *cohort_out = cohort;
  *analysis_out = analysis;
  return project;
}

static void
test_revision (void)
{
  g_autoptr(EpCohort) cohort = load_aml ();
  const char *time[] = { "time", NULL };
  const char *group[] = { "x", NULL };
  const char *os[] = { "OS", NULL };
  guint64 before, r_time = 0, r_group = 0, r_os = 0;

  before = ep_cohort_get_revision (cohort);
  set_text (cohort, 0, 0, "10");
  g_assert_cmpuint (ep_cohort_get_revision (cohort), ==, before + 1);
  g_assert_true (ep_cohort_get_input_revision (cohort, time, NULL, &r_time, NULL));
  g_assert_true (ep_cohort_get_input_revision (cohort, group, NULL, &r_group, NULL));
  g_assert_true (ep_cohort_get_input_revision (cohort, NULL, os, &r_os, NULL));
  g_assert_cmpuint (r_time, ==, before + 1);
  g_assert_cmpuint (r_group, <, r_time);
  /* the endpoint reads the time column */
  g_assert_cmpuint (r_os, ==, r_time);
  /* undo is a committed change too */
  g_assert_true (ep_cohort_undo (cohort));
  g_assert_cmpuint (ep_cohort_get_revision (cohort), ==, before + 2);
}

/* An edit of a column the analysis does not read leaves it fresh; an edit of one it reads
 * brings it up to date without anyone asking, and undo brings the original numbers back. */
static void
test_stale_and_update (void)
{
  EpCohort *cohort;
  EpAnalysis *analysis;
  g_autoptr(EpProject) project = make_project (&cohort, &analysis);
  g_autoptr(GError) error = NULL;
  guint jobs;
  double edited_p;

  /* a column nobody reads */
  g_assert_true (ep_cohort_add_column (cohort, 3, "note", EP_COLUMN_CATEGORY, &error));
  set_text (cohort, 0, 3, "checked");
  g_assert_cmpint (ep_analysis_get_state (analysis), ==, EP_ANALYSIS_STATE_FRESH);
  g_assert_false (ep_analysis_is_outdated (analysis));

  /* the time of the first patient: 9 -> 161 weeks */
  jobs = ep_analysis_get_jobs_started ();
  set_text (cohort, 0, 0, "161");
  g_assert_cmpint (ep_analysis_get_state (analysis), ==, EP_ANALYSIS_STATE_STALE);
  g_assert_true (ep_analysis_is_outdated (analysis));
  g_assert_true (ep_test_analysis_settle (analysis));
  g_assert_cmpint (ep_analysis_get_state (analysis), ==, EP_ANALYSIS_STATE_FRESH);
  g_assert_cmpuint (ep_analysis_get_jobs_started (), ==, jobs + 1);
  edited_p = fresh_p (cohort);
  g_assert_cmpfloat (fabs (edited_p - AML_LOGRANK_P), >, 1e-4);
  g_assert_cmpfloat_with_epsilon (logrank_p (analysis), edited_p, 1e-12);

  g_assert_true (ep_cohort_undo (cohort));   /* the note */
  g_assert_true (ep_cohort_undo (cohort));   /* the time */
  g_assert_true (ep_test_analysis_settle (analysis));
  g_assert_cmpfloat_with_epsilon (logrank_p (analysis), AML_LOGRANK_P, 1e-12);
}

/* A deleted column makes the analysis invalid with a message that names it, its options and
 * its last result are kept; undo brings it back up to date. */
static void
test_invalid_input (void)
{
  EpCohort *cohort;
  EpAnalysis *analysis;
  g_autoptr(EpProject) project = make_project (&cohort, &analysis);

  ep_cohort_delete_column (cohort, 2);   /* x, the group */
  g_assert_cmpint (ep_analysis_get_state (analysis), ==, EP_ANALYSIS_STATE_INVALID);
  g_assert_nonnull (strstr (ep_analysis_get_state_message (analysis), "“x”"));
  g_assert_cmpstr (ep_analysis_get_string (analysis, "group"), ==, "x");
  g_assert_true (ep_analysis_has_results (analysis));
  g_assert_true (ep_analysis_is_outdated (analysis));

  g_assert_true (ep_cohort_undo (cohort));
  g_assert_true (ep_test_analysis_settle (analysis));
  g_assert_cmpint (ep_analysis_get_state (analysis), ==, EP_ANALYSIS_STATE_FRESH);
  g_assert_cmpfloat_with_epsilon (logrank_p (analysis), AML_LOGRANK_P, 1e-12);
}

/* Edits that come while an update runs cancel it: the last edit's numbers win, and a burst of
 * edits is one update. */
static void
test_superseded (void)
{
  EpCohort *cohort;
  EpAnalysis *analysis;
  g_autoptr(EpProject) project = make_project (&cohort, &analysis);
  guint jobs = ep_analysis_get_jobs_started ();
  gboolean timed_out = FALSE;
  guint id;

  /* a burst: one update */
  set_text (cohort, 0, 0, "100");
  set_text (cohort, 1, 0, "101");
  set_text (cohort, 2, 0, "102");
  g_assert_true (ep_test_analysis_settle (analysis));
  g_assert_cmpuint (ep_analysis_get_jobs_started (), ==, jobs + 1);
  g_assert_cmpfloat_with_epsilon (logrank_p (analysis), fresh_p (cohort), 1e-12);

  /* an edit while the update runs: that update is cancelled and a new one runs */
  jobs = ep_analysis_get_jobs_started ();
  set_text (cohort, 3, 0, "103");
  id = g_timeout_add (20000, timeout_cb, &timed_out);
  while (!timed_out && !ep_analysis_get_running (analysis))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  set_text (cohort, 4, 0, "104");
  g_assert_cmpint (ep_analysis_get_state (analysis), ==, EP_ANALYSIS_STATE_STALE);
  g_assert_true (ep_test_analysis_settle (analysis));
  g_assert_cmpuint (ep_analysis_get_jobs_started (), ==, jobs + 2);
  g_assert_cmpint (ep_analysis_get_state (analysis), ==, EP_ANALYSIS_STATE_FRESH);
  g_assert_cmpfloat_with_epsilon (logrank_p (analysis), fresh_p (cohort), 1e-12);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* A figure of the analysis redraws from the new result, and an export made right after an
 * edit never carries the old numbers: it is refused until the update has arrived. */
static void
test_figure_follows (void)
{
  EpCohort *cohort;
  EpAnalysis *analysis;
  g_autoptr(EpProject) project = make_project (&cohort, &analysis);
  g_autoptr(JsonObject) source = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ep-live-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "km.svg", NULL);
  g_autofree char *svg = NULL;
  EpFigure *figure;
  guint changes = 0;

  json_object_set_string_member (source, "kind", "analysis");
  json_object_set_string_member (source, "analysis", ep_analysis_get_id (analysis));
  json_object_set_string_member (source, "cohort", ep_cohort_get_name (cohort));
  figure = ep_project_add_figure (project, "KM", source, &error);
  g_assert_no_error (error);
  g_assert_true (ep_figure_get_analysis (figure) == analysis);
  g_signal_connect_swapped (figure, "changed", G_CALLBACK (count_cb), &changes);

  g_assert_true (ep_figure_export (figure, path, EP_PLOT_FORMAT_SVG, &error));
  g_assert_no_error (error);

  set_text (cohort, 0, 0, "161");
  g_assert_true (ep_figure_is_outdated (figure));
  g_assert_false (ep_figure_export (figure, path, EP_PLOT_FORMAT_SVG, &error));
  g_assert_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_OUTDATED);
  g_clear_error (&error);

  g_assert_true (ep_test_analysis_settle (analysis));
  /* stale, then the new result: the preview redraws */
  g_assert_cmpuint (changes, >=, 2);
  g_assert_false (ep_figure_is_outdated (figure));
  g_assert_true (ep_figure_export (figure, path, EP_PLOT_FORMAT_SVG, &error));
  g_assert_no_error (error);
  /* the curve drawn is the new fit: its last step is at 161 weeks now */
  {
    const EpKmResult *km = ep_analysis_get_km (analysis);
    const EpKmCurve *curve = &km->curves[0];

    g_assert_cmpfloat (curve->steps[curve->n_steps - 1].time, ==, 161.0);
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* Saved and opened: the results and the figure come back as they were, and nothing runs. A
 * stored result whose fingerprint does not match the data is computed again, and opening says
 * so. */
static void
test_reopen (void)
{
  EpCohort *cohort;
  EpAnalysis *analysis;
  g_autoptr(EpProject) project = make_project (&cohort, &analysis);
  g_autoptr(EpProject) opened = NULL;
  g_autoptr(EpProject) damaged = NULL;
  g_autoptr(JsonObject) source = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ep-live-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "live.endpoint", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *tables_before = NULL;
  g_autofree char *tables_after = NULL;
  EpAnalysis *reopened;
  EpFigure *figure;
  guint jobs;

  json_object_set_string_member (source, "kind", "analysis");
  json_object_set_string_member (source, "analysis", ep_analysis_get_id (analysis));
  json_object_set_string_member (source, "cohort", ep_cohort_get_name (cohort));
  g_assert_nonnull (ep_project_add_figure (project, "KM", source, &error));
  set_text (cohort, 0, 0, "161");
  g_assert_true (ep_test_analysis_settle (analysis));
  tables_before = ep_analysis_to_tsv (analysis);
  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);

  jobs = ep_analysis_get_jobs_started ();
  opened = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  reopened = g_list_model_get_item (ep_project_get_analyses (opened), 0);
  g_object_unref (reopened);   /* the project holds it */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (ep_analysis_get_jobs_started (), ==, jobs);
  g_assert_cmpint (ep_analysis_get_state (reopened), ==, EP_ANALYSIS_STATE_FRESH);
  g_assert_cmpstr (ep_project_get_open_notes (opened)[0], ==, NULL);
  tables_after = ep_analysis_to_tsv (reopened);
  g_assert_cmpstr (tables_after, ==, tables_before);
  g_assert_cmpfloat (logrank_p (reopened), ==, logrank_p (analysis));
  figure = ep_project_find_figure (opened, "KM");
  g_assert_nonnull (figure);
  g_assert_true (ep_figure_get_analysis (figure) == reopened);
  g_assert_true (ep_figure_has_data (figure));
  g_assert_false (ep_figure_is_outdated (figure));
  /* and it still follows the data */
  set_text (EP_COHORT (g_list_model_get_item (ep_project_get_cohorts (opened), 0)), 1, 0, "7");
  g_object_unref (g_list_model_get_item (ep_project_get_cohorts (opened), 0));
  g_assert_true (ep_test_analysis_settle (reopened));
  g_assert_cmpuint (ep_analysis_get_jobs_started (), ==, jobs + 1);

  /* A stored result that does not match the stored data (another version, a damaged row) */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE analysis_result SET fingerprint = 'other'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  jobs = ep_analysis_get_jobs_started ();
  damaged = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ep_project_get_open_notes (damaged)[0]);
  reopened = g_list_model_get_item (ep_project_get_analyses (damaged), 0);
  g_object_unref (reopened);
  g_assert_cmpint (ep_analysis_get_state (reopened), ==, EP_ANALYSIS_STATE_STALE);
  g_assert_true (ep_test_analysis_settle (reopened));
  g_assert_cmpuint (ep_analysis_get_jobs_started (), ==, jobs + 1);
  g_assert_cmpfloat_with_epsilon (logrank_p (reopened), logrank_p (analysis), 1e-12);

  g_unlink (path);
  g_rmdir (dir);
}

/* Figure options are undoable in the project; a new result of the figure's analysis is not a
 * step. */
static void
test_figure_undo (void)
{
  EpCohort *cohort;
  EpAnalysis *analysis;
  g_autoptr(EpProject) project = make_project (&cohort, &analysis);
  g_autoptr(JsonObject) source = json_object_new ();
  g_autoptr(GError) error = NULL;
  EpFigure *figure;

  json_object_set_string_member (source, "kind", "analysis");
  json_object_set_string_member (source, "analysis", ep_analysis_get_id (analysis));
  json_object_set_string_member (source, "cohort", ep_cohort_get_name (cohort));
  figure = ep_project_add_figure (project, "KM", source, &error);
  g_assert_no_error (error);
  ep_figure_set_title (figure, "First");
  ep_project_settle_figure (project, figure);
  /* what is left to undo is adding the figure, not the options it was made with */
  g_assert_true (ep_project_can_undo (project));

  ep_figure_set_title (figure, "Second");
  g_object_set (figure, "ci", 0, NULL);
  /* an edit of the data gives the figure a new result: no option changed, nothing to undo more */
  set_text (cohort, 0, 0, "161");
  g_assert_true (ep_test_analysis_settle (analysis));
  g_assert_true (ep_project_undo (project) == figure);
  g_assert_cmpstr (ep_figure_get_title (figure), ==, "First");
  g_assert_true (ep_project_can_redo (project));
  g_assert_true (ep_project_redo (project) == figure);
  g_assert_cmpstr (ep_figure_get_title (figure), ==, "Second");
  g_assert_false (ep_project_can_redo (project));
}

static EpFigure *
add_view (EpProject  *project,
          EpCohort   *cohort,
          EpAnalysis *analysis,
          const char *name)
{
  g_autoptr(JsonObject) source = json_object_new ();
  g_autoptr(GError) error = NULL;
  EpFigure *figure;

  json_object_set_string_member (source, "kind", "analysis");
  json_object_set_string_member (source, "analysis", ep_analysis_get_id (analysis));
  json_object_set_string_member (source, "cohort", ep_cohort_get_name (cohort));
  figure = ep_project_add_figure (project, name, source, &error);
  g_assert_no_error (error);
  return figure;
}

/* Removing an analysis takes its figures along, in one step; undo brings back the same
 * objects in their places, with their options and ids, and an analysis that missed an edit
 * while it was away is brought up to date; redo removes them again. Adding is undone too. */
static void
test_undo_remove_analysis (void)
{
  EpCohort *cohort;
  EpAnalysis *analysis;
  g_autoptr(EpProject) project = make_project (&cohort, &analysis);
  GListModel *analyses = ep_project_get_analyses (project);
  GListModel *figures = ep_project_get_figures (project);
  g_autoptr(EpAnalysis) other = survival_analysis ();
  g_autofree char *id = g_strdup (ep_analysis_get_id (analysis));
  EpFigure *figure, *unrelated;
  double p_before = logrank_p (analysis);

  ep_analysis_set_string (other, "group", NULL);
  ep_project_add_analysis (project, other, cohort);
  ep_analysis_refresh (other);
  g_assert_true (ep_test_analysis_settle (other));
  figure = add_view (project, cohort, analysis, "KM by x");
  unrelated = add_view (project, cohort, other, "KM");
  ep_figure_set_title (figure, "Maintenance");
  ep_project_settle_figure (project, figure);
  g_assert_cmpuint (g_list_model_get_n_items (analyses), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (figures), ==, 2);

  g_object_ref (analysis);
  g_object_ref (figure);
  ep_project_remove_analysis (project, analysis);
  g_assert_cmpuint (g_list_model_get_n_items (analyses), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (figures), ==, 1);
  g_assert_null (ep_project_find_figure (project, "KM by x"));
  g_assert_true (ep_project_find_figure (project, "KM") == unrelated);

  /* edited while it was away */
  set_text (cohort, 0, 0, "161");
  g_assert_true (ep_project_undo (project) == (gpointer) analysis);
  g_assert_cmpuint (g_list_model_get_n_items (analyses), ==, 2);
  g_assert_true (g_list_model_get_item (analyses, 0) == (gpointer) analysis);
  g_object_unref (analysis);   /* the get_item reference */
  g_assert_cmpstr (ep_analysis_get_id (analysis), ==, id);
  g_assert_true (ep_project_find_figure (project, "KM by x") == figure);
  g_assert_cmpstr (ep_figure_get_title (figure), ==, "Maintenance");
  g_assert_true (ep_figure_get_analysis (figure) == analysis);
  g_assert_true (ep_test_analysis_settle (analysis));
  g_assert_cmpint (ep_analysis_get_state (analysis), ==, EP_ANALYSIS_STATE_FRESH);
  g_assert_cmpfloat (logrank_p (analysis), ==, fresh_p (cohort));
  g_assert_cmpfloat (logrank_p (analysis), !=, p_before);

  g_assert_true (ep_project_redo (project) == (gpointer) analysis);
  g_assert_cmpuint (g_list_model_get_n_items (analyses), ==, 1);
  g_assert_null (ep_project_find_figure (project, "KM by x"));
  g_assert_true (ep_project_undo (project) == (gpointer) analysis);
  g_assert_cmpuint (g_list_model_get_n_items (figures), ==, 2);

  /* back to before "other" and both figures were added: one analysis, no figure */
  g_assert_true (ep_project_undo (project) == (gpointer) unrelated);
  g_assert_true (ep_project_undo (project) == (gpointer) figure);
  g_assert_true (ep_project_undo (project) == (gpointer) other);
  g_assert_cmpuint (g_list_model_get_n_items (analyses), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (figures), ==, 0);
  g_assert_null (ep_analysis_get_cohort (other));
  g_assert_true (ep_project_redo (project) == (gpointer) other);
  g_assert_true (ep_analysis_get_cohort (other) == cohort);
  g_object_unref (figure);
  g_object_unref (analysis);
}

/* Edit Options changes the analysis in place (same id, same figures), computes it again, and is
 * undone as one step. */
static void
test_undo_options (void)
{
  EpCohort *cohort;
  EpAnalysis *analysis;
  g_autoptr(EpProject) project = make_project (&cohort, &analysis);
  g_autoptr(GVariant) before = g_variant_ref_sink (ep_analysis_to_variant (analysis));
  g_autoptr(GVariant) options = NULL;
  g_autoptr(EpAnalysis) edited = survival_analysis ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (ep_analysis_get_id (analysis));
  EpFigure *figure = add_view (project, cohort, analysis, "KM by x");
  guint signalled = 0;

  ep_analysis_set_string (edited, "group", NULL);
  options = g_variant_ref_sink (ep_analysis_to_variant (edited));
  g_signal_connect_swapped (analysis, "options-changed", G_CALLBACK (count_cb), &signalled);
  g_assert_true (ep_project_set_analysis_options (project, analysis, options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signalled, ==, 1);
  g_assert_cmpstr (ep_analysis_get_id (analysis), ==, id);
  g_assert_true (ep_figure_get_analysis (figure) == analysis);
  g_assert_cmpint (ep_analysis_get_state (analysis), ==, EP_ANALYSIS_STATE_STALE);
  g_assert_true (ep_test_analysis_settle (analysis));
  g_assert_null (ep_analysis_get_logrank (analysis));   /* one group: no test */

  g_assert_true (ep_project_undo (project) == (gpointer) analysis);
  g_assert_cmpstr (ep_analysis_get_string (analysis, "group"), ==, "x");
  g_assert_true (ep_test_analysis_settle (analysis));
  g_assert_cmpfloat_with_epsilon (logrank_p (analysis), AML_LOGRANK_P, 1e-12);

  /* another kind's options are refused and change nothing */
  {
    g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
    g_autoptr(GVariant) cox_options = g_variant_ref_sink (ep_analysis_to_variant (cox));
    g_autoptr(GVariant) now = NULL;

    g_assert_false (ep_project_set_analysis_options (project, analysis, cox_options, &error));
    g_assert_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION);
    now = g_variant_ref_sink (ep_analysis_to_variant (analysis));
    g_assert_true (g_variant_equal (now, before));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live/revision", test_revision);
  g_test_add_func ("/live/stale-and-update", test_stale_and_update);
  g_test_add_func ("/live/invalid-input", test_invalid_input);
  g_test_add_func ("/live/superseded", test_superseded);
  g_test_add_func ("/live/figure-follows", test_figure_follows);
  g_test_add_func ("/live/reopen", test_reopen);
  g_test_add_func ("/live/figure-undo", test_figure_undo);
  g_test_add_func ("/live/undo-remove-analysis", test_undo_remove_analysis);
  g_test_add_func ("/live/undo-options", test_undo_options);

  return g_test_run ();
}
