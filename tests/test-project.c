/* test-project.c: EpProject (src/model/ep-project.c): save, open, modified, async, recovery
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Round trips through the model (cohorts of the bundled examples with their roles, labels,
 * levels and endpoints; analyses with their options and cohorts; trial selections), the
 * "modified" flag, saves and opens in a GTask worker with progress and cancellation, content
 * that is a valid file but not a valid project, and recovery files, including a writer killed
 * with SIGKILL after an edit. No statistics: every expected value is the input itself.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/ep-figure-source.h"

#include "model/ep-project.h"
#include "model/ep-reconstruction.h"

#include "ep-test-model.h"

/* data/examples of the source tree */
static char *examples_dir;

static EpCohort *
example (const char *id)
{
  g_autoptr(GError) error = NULL;
  EpCohort *cohort = ep_cohort_new_from_example (examples_dir, id, &error);

  g_assert_no_error (error);
  return cohort;
}

static char *
tmp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ep-project-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

/* aml (roles and an OS endpoint from the example) and seed 004 with a dates endpoint and a
 * column label; a survival and a Cox analysis; a trial selection. */
static EpProject *
make_project (void)
{
  EpProject *project = ep_project_new ();
  g_autoptr(EpCohort) aml = example ("aml");
  g_autoptr(EpCohort) seed = example ("seed004");
  g_autoptr(EpAnalysis) survival = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(EpAnalysis) cox = ep_analysis_new (EP_ANALYSIS_COX);
  const double at[] = { 12, 24.5 };
  const char *covariates[] = { "x", NULL };
  const char *ids[] = { "blina-topp-2015", "tisagenlecleucel-eliana", NULL };
  const char *codes[] = { "1", NULL };
  g_autoptr(EpCohortEndpoint) endpoint = ep_cohort_endpoint_new_time ("EFS <weeks>", "time",
                                                                      "status", codes,
                                                                      EP_TIME_UNIT_WEEKS);

  ep_project_add_cohort (project, aml);
  ep_cohort_set_endpoint (aml, endpoint);
  ep_project_add_cohort (project, seed);

  ep_analysis_set_string (survival, "endpoint", "OS");
  ep_analysis_set_string (survival, "group", "x");
  ep_analysis_set_string (survival, "conf-type", "plain");
  ep_analysis_set_conf_level (survival, 0.9);
  ep_analysis_set_landmarks (survival, at, G_N_ELEMENTS (at));
  ep_project_add_analysis (project, survival, aml);
  ep_analysis_set_string (cox, "endpoint", "OS");
  ep_analysis_set_strv (cox, "covariates", covariates);
  ep_analysis_set_string (cox, "ties", "breslow");
  ep_project_add_analysis (project, cox, aml);

  ep_project_set_trial_selection (project, "BiTE <vs> CAR T", ids,
                                  "{\"outcome\":\"cr\",\"method\":\"REML\"}");

  /* figures: KM of an endpoint with options and style changed, a Cox table, a CR forest of
   * catalog trials */
  {
    const char *sources[][2] = {
      { "Figure 1 <KM>", "{\"kind\":\"km\",\"cohort\":\"Acute myelogenous leukemia, maintenance "
                         "chemotherapy (survival::aml)\",\"endpoint\":\"OS\",\"group\":\"x\"}" },
      { "Table 2", "{\"kind\":\"cox-table\",\"cohort\":\"Acute myelogenous leukemia, maintenance "
                   "chemotherapy (survival::aml)\",\"time\":\"time\",\"event\":\"status\","
                   "\"covariates\":[\"x\"]}" },
      { "CR by class", "{\"kind\":\"forest-proportions\",\"trials\":[\"blast\",\"alcantara\","
                       "\"tower-blinatumomab\",\"blina-pediatric-phase12\"],\"outcome\":\"cr\"}" },
    };

    for (guint k = 0; k < G_N_ELEMENTS (sources); k++)
      {
        g_autoptr(JsonNode) source = json_from_string (sources[k][1], NULL);
        g_autoptr(GError) error = NULL;
        EpFigure *figure = ep_project_add_figure (project, sources[k][0],
                                                  json_node_get_object (source), &error);

        g_assert_no_error (error);
        g_assert_nonnull (figure);
        if (k == 0)
          {
            ep_figure_set_title (figure, "Overall survival <by> arm");
            g_object_set (figure, "width-mm", 123.5, "dpi", 300.0, NULL);
          }
      }
  }
  return project;
}

static void
assert_cohorts_equal (EpCohort *a,
                      EpCohort *b)
{
  const EpTable *x = ep_cohort_get_table (a), *y = ep_cohort_get_table (b);
  GListModel *ea = ep_cohort_get_endpoints (a), *eb = ep_cohort_get_endpoints (b);

  g_assert_cmpstr (ep_cohort_get_name (a), ==, ep_cohort_get_name (b));
  g_assert_cmpuint (x->n_rows, ==, y->n_rows);
  g_assert_cmpuint (ep_table_get_n_columns (x), ==, ep_table_get_n_columns (y));
  for (guint j = 0; j < ep_table_get_n_columns (x); j++)
    {
      const EpTableColumn *c = ep_table_get_column (x, j), *d = ep_table_get_column (y, j);

      g_assert_cmpstr (c->name, ==, d->name);
      g_assert_cmpstr (c->label, ==, d->label);
      g_assert_cmpint (c->type, ==, d->type);
      g_assert_cmpint (ep_cohort_column_get_role (ep_cohort_get_column (a, j)), ==,
                       ep_cohort_column_get_role (ep_cohort_get_column (b, j)));
      for (guint i = 0; i < x->n_rows; i++)
        {
          g_autofree char *s = ep_table_column_format (c, i);
          g_autofree char *t = ep_table_column_format (d, i);

          g_assert_cmpint (ep_table_column_is_missing (c, i), ==, ep_table_column_is_missing (d, i));
          g_assert_cmpstr (s, ==, t);
        }
      if (!ep_table_column_count_missing (c) && c->type == EP_COLUMN_NUMBER)
        g_assert_cmpmem (c->values->data, x->n_rows * sizeof (double),
                         d->values->data, y->n_rows * sizeof (double));
      if (c->levels != NULL)
        {
          g_assert_cmpuint (c->levels->len, ==, d->levels->len);
          for (guint k = 0; k < c->levels->len; k++)
            g_assert_cmpstr (g_ptr_array_index (c->levels, k), ==, g_ptr_array_index (d->levels, k));
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (ea), ==, g_list_model_get_n_items (eb));
  for (guint k = 0; k < g_list_model_get_n_items (ea); k++)
    {
      g_autoptr(EpCohortEndpoint) e = g_list_model_get_item (ea, k);
      g_autoptr(EpCohortEndpoint) f = g_list_model_get_item (eb, k);

      g_assert_cmpstr (ep_cohort_endpoint_get_name (e), ==, ep_cohort_endpoint_get_name (f));
      g_assert_cmpint (ep_cohort_endpoint_get_source (e), ==, ep_cohort_endpoint_get_source (f));
      g_assert_cmpstr (ep_cohort_endpoint_get_time_column (e), ==, ep_cohort_endpoint_get_time_column (f));
      g_assert_cmpstr (ep_cohort_endpoint_get_start_column (e), ==, ep_cohort_endpoint_get_start_column (f));
      g_assert_cmpstr (ep_cohort_endpoint_get_end_column (e), ==, ep_cohort_endpoint_get_end_column (f));
      g_assert_cmpstr (ep_cohort_endpoint_get_event_column (e), ==, ep_cohort_endpoint_get_event_column (f));
      g_assert_cmpstrv (ep_cohort_endpoint_get_event_codes (e), ep_cohort_endpoint_get_event_codes (f));
      g_assert_cmpint (ep_cohort_endpoint_get_unit (e), ==, ep_cohort_endpoint_get_unit (f));
    }
}

static void
assert_projects_equal (EpProject *a,
                       EpProject *b)
{
  GListModel *ca = ep_project_get_cohorts (a), *cb = ep_project_get_cohorts (b);
  GListModel *aa = ep_project_get_analyses (a), *ab = ep_project_get_analyses (b);
  g_auto(GStrv) sa = ep_project_list_trial_selections (a);
  g_auto(GStrv) sb = ep_project_list_trial_selections (b);

  g_assert_cmpuint (g_list_model_get_n_items (ca), ==, g_list_model_get_n_items (cb));
  for (guint k = 0; k < g_list_model_get_n_items (ca); k++)
    {
      g_autoptr(EpCohort) x = g_list_model_get_item (ca, k);
      g_autoptr(EpCohort) y = g_list_model_get_item (cb, k);

      assert_cohorts_equal (x, y);
    }

  g_assert_cmpuint (g_list_model_get_n_items (aa), ==, g_list_model_get_n_items (ab));
  for (guint k = 0; k < g_list_model_get_n_items (aa); k++)
    {
      g_autoptr(EpAnalysis) x = g_list_model_get_item (aa, k);
      g_autoptr(EpAnalysis) y = g_list_model_get_item (ab, k);
      g_autoptr(GVariant) vx = g_variant_ref_sink (ep_analysis_to_variant (x));
      g_autoptr(GVariant) vy = g_variant_ref_sink (ep_analysis_to_variant (y));

      if (!g_variant_equal (vx, vy))
        {
          g_autofree char *px = g_variant_print (vx, TRUE);
          g_autofree char *py = g_variant_print (vy, TRUE);

          g_error ("analysis %u: %s != %s", k, px, py);
        }
      g_assert_cmpstr (ep_cohort_get_name (ep_project_get_analysis_cohort (a, x)), ==,
                       ep_cohort_get_name (ep_project_get_analysis_cohort (b, y)));
    }

  g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_figures (a)), ==,
                    g_list_model_get_n_items (ep_project_get_figures (b)));
  for (guint k = 0; k < g_list_model_get_n_items (ep_project_get_figures (a)); k++)
    {
      g_autoptr(EpFigure) x = g_list_model_get_item (ep_project_get_figures (a), k);
      g_autoptr(EpFigure) y = g_list_model_get_item (ep_project_get_figures (b), k);
      g_autoptr(JsonNode) jx = ep_figure_to_json (x);
      g_autoptr(JsonNode) jy = ep_figure_to_json (y);
      g_autoptr(JsonNode) sx = json_node_init_object (json_node_alloc (),
                                                      ep_project_get_figure_source (a, x));
      g_autoptr(JsonNode) sy = json_node_init_object (json_node_alloc (),
                                                      ep_project_get_figure_source (b, y));

      g_assert_cmpstr (ep_project_get_figure_name (a, x), ==, ep_project_get_figure_name (b, y));
      g_assert_true (json_node_equal (sx, sy));
      if (!json_node_equal (jx, jy))
        {
          g_autofree char *tx = json_to_string (jx, FALSE);
          g_autofree char *ty = json_to_string (jy, FALSE);

          g_error ("figure %u: %s != %s", k, tx, ty);
        }
      g_assert_cmpuint (ep_figure_count_forest_rows (x, EP_FOREST_ROW_STUDY), ==,
                        ep_figure_count_forest_rows (y, EP_FOREST_ROW_STUDY));
    }

  g_assert_cmpstrv (sa, sb);
  for (guint k = 0; sa[k] != NULL; k++)
    {
      g_assert_cmpstrv (ep_project_get_trial_selection_ids (a, sa[k]),
                        ep_project_get_trial_selection_ids (b, sb[k]));
      g_assert_cmpstr (ep_project_get_trial_selection_options (a, sa[k]), ==,
                       ep_project_get_trial_selection_options (b, sb[k]));
    }
}

static void
test_new (void)
{
  g_autoptr(EpProject) project = ep_project_new ();

  g_assert_null (ep_project_get_file (project));
  g_assert_false (ep_project_get_modified (project));
  g_assert_cmpstr (ep_project_get_title (project), ==, "Untitled Project");
  g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_cohorts (project)), ==, 0);
  g_assert_cmpuint (ep_project_get_file_version (project), ==, 0);
}

static void
test_round_trip (void)
{
  g_autofree char *path = tmp_path ("Study <1>.endpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCohort) cohort = NULL;

  g_assert_true (ep_project_get_modified (project));
  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ep_project_get_modified (project));
  g_assert_true (g_file_equal (ep_project_get_file (project), file));
  g_assert_cmpstr (ep_project_get_title (project), ==, "Study <1>");
  g_assert_nonnull (ep_project_get_created (project));

  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  assert_projects_equal (project, back);
  g_assert_false (ep_project_get_modified (back));
  g_assert_cmpstr (ep_project_get_title (back), ==, "Study <1>");
  g_assert_cmpuint (ep_project_get_file_version (back), ==, EP_PROJECT_SCHEMA_VERSION);
  g_assert_true (g_date_time_equal (ep_project_get_created (back), ep_project_get_created (project)));

  /* Opened as saved, not as edits: nothing to undo. */
  cohort = g_list_model_get_item (ep_project_get_cohorts (back), 0);
  g_assert_false (ep_cohort_can_undo (cohort));

  g_unlink (path);
}

static void
test_modified (void)
{
  g_autofree char *path = tmp_path ("m.endpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(EpCohort) cohort = NULL;
  g_autoptr(EpCohort) other = example ("aml");
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "x", NULL };

  g_assert_true (ep_project_save (project, file, NULL, &error));
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  cohort = g_list_model_get_item (ep_project_get_cohorts (back), 0);

  /* a cell edit, its undo */
  g_assert_true (ep_cohort_set_text (cohort, 0, 0, "99", &error));
  g_assert_true (ep_project_get_modified (back));
  g_assert_true (ep_project_save (back, file, NULL, &error));
  g_assert_false (ep_project_get_modified (back));
  g_assert_true (ep_cohort_undo (cohort));
  g_assert_true (ep_project_get_modified (back));
  ep_project_set_modified (back, FALSE);

  /* a role, a trial selection, a new cohort (renamed: the name is taken) */
  ep_cohort_set_column_role (cohort, 0, EP_COLUMN_ROLE_COVARIATE);
  g_assert_true (ep_project_get_modified (back));
  ep_project_set_modified (back, FALSE);
  ep_project_set_trial_selection (back, "s", ids, NULL);
  g_assert_true (ep_project_get_modified (back));
  ep_project_set_modified (back, FALSE);
  ep_project_add_cohort (back, other);
  g_assert_true (ep_project_get_modified (back));
  g_assert_cmpstr (ep_cohort_get_name (other), ==, "Acute myelogenous leukemia, maintenance "
                                                   "chemotherapy (survival::aml) (2)");
  /* removing the cohort removes its analyses */
  ep_project_remove_cohort (back, cohort);
  g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_analyses (back)), ==, 0);

  g_unlink (path);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  ep_project_save_finish (EP_PROJECT (object), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static void
on_progress_notify (EpProject  *project,
                    GParamSpec *pspec,
                    GArray     *fractions)
{
  double fraction = ep_project_get_progress (project);

  g_array_append_val (fractions, fraction);
}

static void
wait_for (GError **error)
{
  while (*error == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_async_save (void)
{
  g_autofree char *path = tmp_path ("a.endpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(EpCohort) cohort = g_list_model_get_item (ep_project_get_cohorts (project), 0);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_signal_connect (project, "notify::progress", G_CALLBACK (on_progress_notify), fractions);
  ep_project_save_async (project, file, NULL, on_saved, &error);
  wait_for (&error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);   /* "ok" */
  g_clear_error (&error);
  g_assert_false (ep_project_get_modified (project));
  g_assert_cmpuint (fractions->len, >, 1);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  /* An edit while the copy is written: the project stays modified. */
  ep_project_save_async (project, file, NULL, on_saved, &error);
  g_assert_true (ep_cohort_set_text (cohort, 1, 0, "7", NULL));
  wait_for (&error);
  g_clear_error (&error);
  g_assert_true (ep_project_get_modified (project));

  /* Cancelled: an error, and the file keeps the last save (cell 1 is not 7 there). */
  g_cancellable_cancel (cancellable);
  ep_project_save_async (project, file, cancellable, on_saved, &error);
  wait_for (&error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (ep_project_get_modified (project));
  {
    g_autoptr(EpProject) back = ep_project_open (file, NULL, NULL);
    g_autoptr(EpCohort) saved = g_list_model_get_item (ep_project_get_cohorts (back), 0);
    g_autofree char *text = ep_cohort_get_text (saved, 1, 0);

    g_assert_cmpstr (text, !=, "7");
  }

  g_unlink (path);
}

typedef struct
{
  EpProject *project;
  GError    *error;
  GArray    *fractions;
  gboolean   done;
} OpenResult;

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  OpenResult *open = user_data;

  open->project = ep_project_open_finish (result, &open->error);
  open->done = TRUE;
}

static void
on_open_progress (double   fraction,
                  gpointer user_data)
{
  OpenResult *open = user_data;

  g_assert_false (open->done);
  g_array_append_val (open->fractions, fraction);
}

static void
test_async_open (void)
{
  g_autofree char *path = tmp_path ("o.endpoint");
  g_autofree char *bad = tmp_path ("bad.endpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(EpProject) project = make_project ();
  OpenResult open = { NULL, NULL, g_array_new (FALSE, FALSE, sizeof (double)), FALSE };

  g_assert_true (ep_project_save (project, file, NULL, NULL));
  ep_project_open_async (file, on_open_progress, &open, NULL, on_opened, &open);
  while (!open.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (open.error);
  assert_projects_equal (project, open.project);
  g_assert_cmpuint (open.fractions->len, >, 0);
  g_assert_cmpfloat (g_array_index (open.fractions, double, open.fractions->len - 1), ==, 1.0);
  g_clear_object (&open.project);

  g_assert_true (g_file_set_contents (bad, "not a project", -1, NULL));
  open.done = FALSE;
  ep_project_open_async (bad_file, NULL, NULL, NULL, on_opened, &open);
  while (!open.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (open.project);
  g_assert_error (open.error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_NOT_PROJECT);
  g_assert_cmpstr (open.error->message, ==,
                   "bad.endpoint: not an Endpoint project (not a SQLite database)");
  g_clear_error (&open.error);
  g_array_unref (open.fractions);

  g_unlink (path);
  g_unlink (bad);
}

static void
test_figures (void)
{
  g_autofree char *path = tmp_path ("f.endpoint");
  g_autofree char *png = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bad = json_from_string ("{\"kind\":\"km\",\"cohort\":\"nobody\","
                                              "\"endpoint\":\"OS\"}", NULL);
  g_autoptr(JsonNode) bad_trial = json_from_string ("{\"kind\":\"forest-proportions\","
                                                    "\"trials\":[\"no-such-trial\"],"
                                                    "\"outcome\":\"cr\"}", NULL);
  g_autoptr(EpCohort) aml = NULL;
  EpFigure *figure;

  g_assert_null (ep_project_add_figure (project, "x", json_node_get_object (bad), &error));
  g_assert_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The figure's data source: there is no cohort “nobody”");
  g_clear_error (&error);
  g_assert_null (ep_project_add_figure (project, "x", json_node_get_object (bad_trial), &error));
  g_assert_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  assert_projects_equal (project, back);

  /* a figure's option is an edit of the project */
  figure = ep_project_find_figure (back, "Figure 1 <KM>");
  g_assert_nonnull (figure);
  g_assert_cmpstr (ep_figure_get_title (figure), ==, "Overall survival <by> arm");
  g_assert_false (ep_project_get_modified (back));
  ep_figure_set_title (figure, "OS");
  g_assert_true (ep_project_get_modified (back));

  /* endpoint-cli plot --project renders it at its saved size: 123.5 mm at 300 dpi */
  {
    const char *cli = g_getenv ("ENDPOINT_CLI");
    g_autofree char *out = NULL, *err = NULL, *bytes = NULL;
    gsize length;
    int status;
    guint32 width;

    png = g_strconcat (path, ".png", NULL);
    g_assert_nonnull (cli);
    {
      const char *argv[] = { cli, "plot", "--project", path, "--figure", "Figure 1 <KM>",
                             "--out", png, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (err, ==, "");
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
    g_assert_true (g_file_get_contents (png, &bytes, &length, NULL));
    g_assert_cmpuint (length, >, 24);
    g_assert_cmpmem (bytes + 12, 4, "IHDR", 4);
    width = (guint32) (guint8) bytes[16] << 24 | (guint32) (guint8) bytes[17] << 16 |
            (guint32) (guint8) bytes[18] << 8 | (guint8) bytes[19];
    /* 123.5 / 25.4 * 300 = 1458.66 pixels */
    g_assert_cmpuint (width, >=, 1458);
    g_assert_cmpuint (width, <=, 1459);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    {
      const char *argv[] = { cli, "plot", "--project", path, "--figure", "Figure 9",
                             "--out", png, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 1);
      g_assert_cmpstr (err, ==, "f.endpoint: there is no figure “Figure 9”\n");
    }
  }

  /* removing a cohort removes the figures made from it */
  aml = g_list_model_get_item (ep_project_get_cohorts (back), 0);
  ep_project_remove_cohort (back, aml);
  g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_figures (back)), ==, 1);
  g_assert_nonnull (ep_project_find_figure (back, "CR by class"));

  g_unlink (png);
  g_unlink (path);
}

/* A valid file whose content is no project: each a clear error, no project. */
static void
assert_invalid (EpProjectData *data,
                const char    *message)
{
  g_autofree char *path = tmp_path ("invalid.endpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpProject) project = NULL;

  g_assert_true (ep_project_store_save (data, path, NULL, NULL, NULL, NULL));
  project = ep_project_open (file, NULL, &error);
  g_assert_null (project);
  g_assert_error (error, EP_PROJECT_ERROR, EP_PROJECT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  g_unlink (path);
}

static EpProjectData *
one_cohort (const char *role)
{
  EpProjectData *data = ep_project_data_new ();
  EpTable *table = ep_table_new (2);
  const char *roles[] = { role, NULL };

  ep_table_insert_column (table, 0, ep_table_column_new ("t", EP_COLUMN_NUMBER, 2), NULL);
  g_ptr_array_add (data->cohorts, ep_project_cohort_new ("c", table, roles));
  return data;
}

static void
test_invalid_content (void)
{
  const char *codes[] = { "1", NULL };
  EpProjectData *data;
  EpProjectCohort *cohort;

  data = one_cohort ("boss");
  assert_invalid (data, "invalid.endpoint: cohort “c”, column “t”: unknown role “boss”");
  ep_project_data_free (data);

  data = one_cohort ("time");
  cohort = g_ptr_array_index (data->cohorts, 0);
  g_ptr_array_add (cohort->endpoints, ep_project_endpoint_new ("OS", "time", "t", NULL, NULL,
                                                               "status", codes, "days"));
  assert_invalid (data, "invalid.endpoint: cohort “c”, endpoint “OS”: there is no column “status”");
  ep_project_data_free (data);

  data = one_cohort ("time");
  cohort = g_ptr_array_index (data->cohorts, 0);
  g_ptr_array_add (cohort->endpoints, ep_project_endpoint_new ("OS", "time", "t", NULL, NULL,
                                                               "t", codes, "fortnights"));
  assert_invalid (data, "invalid.endpoint: cohort “c”, endpoint “OS”: unknown source “time” or "
                        "unit “fortnights”");
  ep_project_data_free (data);

  /* an empty endpoint name would reach ep_cohort_endpoint_new_time()'s precondition (issue 12) */
  data = one_cohort ("time");
  cohort = g_ptr_array_index (data->cohorts, 0);
  g_ptr_array_add (cohort->endpoints, ep_project_endpoint_new ("", "time", "t", NULL, NULL,
                                                               "t", codes, "days"));
  assert_invalid (data, "invalid.endpoint: cohort “c”: an endpoint has no name");
  ep_project_data_free (data);

  data = one_cohort ("time");
  g_ptr_array_add (data->cohorts, ep_project_cohort_new ("c", ep_table_new (0), NULL));
  assert_invalid (data, "invalid.endpoint: two cohorts are named “c”");
  ep_project_data_free (data);

  data = one_cohort ("time");
  g_ptr_array_add (data->analyses, ep_project_item_new ("a", "survival", "d",
                                                        "{\"kind\":\"survival\"}"));
  assert_invalid (data, "invalid.endpoint: analysis “a”: there is no cohort “d”");
  ep_project_data_free (data);

  data = one_cohort ("time");
  g_ptr_array_add (data->analyses, ep_project_item_new ("a", "survival", "c",
                                                        "{\"kind\":\"survival\",\"rho\":[true]}"));
  assert_invalid (data, "invalid.endpoint: analysis “a”: the options are not those of an analysis");
  ep_project_data_free (data);

  data = one_cohort ("time");
  g_ptr_array_add (data->figures, ep_project_item_new ("f", "km", "c", "{\"figure\":{}}"));
  assert_invalid (data, "invalid.endpoint: figure “f”: no data source or options");
  ep_project_data_free (data);

  data = one_cohort ("time");
  g_ptr_array_add (data->figures, ep_project_item_new ("f", "km", "c",
                                                       "{\"source\":{\"kind\":\"pie\",\"cohort\":\"c\"},"
                                                       "\"figure\":{}}"));
  assert_invalid (data, "invalid.endpoint: figure “f”: The figure's data source: unknown kind “pie”");
  ep_project_data_free (data);

  data = one_cohort ("time");
  g_ptr_array_add (data->analyses, ep_project_item_new ("a", "survival", "c", "{\"kind\":\"x\"}"));
  assert_invalid (data, "invalid.endpoint: analysis “a”: Not an analysis: no known kind");
  ep_project_data_free (data);
}

static void
on_recovery_written (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GError **error = user_data;

  ep_project_write_recovery_finish (EP_PROJECT (object), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static void
test_recovery (void)
{
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ep_project_get_recovery_dir ();
  g_autoptr(GFile) file = NULL;
  const EpRecoveryFile *recovery;

  /* G_TEST_OPTION_ISOLATE_DIRS: a private data dir */
  g_assert_true (g_str_has_prefix (dir, g_get_user_data_dir ()));
  files = ep_project_list_recovery_files (NULL);
  g_assert_cmpuint (files->len, ==, 0);
  g_clear_pointer (&files, g_ptr_array_unref);

  ep_project_write_recovery_async (project, NULL, on_recovery_written, &error);
  wait_for (&error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  /* a copy: neither the file nor the modified flag changes */
  g_assert_null (ep_project_get_file (project));
  g_assert_true (ep_project_get_modified (project));

  files = ep_project_list_recovery_files (NULL);
  g_assert_cmpuint (files->len, ==, 1);
  recovery = g_ptr_array_index (files, 0);
  g_assert_cmpstr (recovery->path, ==, ep_project_get_recovery_path (project));
  g_assert_nonnull (recovery->written);
  g_assert_true (recovery->readable);
  g_assert_null (recovery->origin);           /* untitled */
  file = g_file_new_for_path (recovery->path);
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  assert_projects_equal (project, back);
  g_clear_pointer (&files, g_ptr_array_unref);
  g_clear_object (&back);

  ep_project_discard_recovery (project);
  files = ep_project_list_recovery_files (NULL);
  g_assert_cmpuint (files->len, ==, 0);
  g_clear_pointer (&files, g_ptr_array_unref);

  /* A saved project, then an edit: the recovery copy names the file it belongs to, and opens
   * as that project, modified, keeping its recovery path. */
  {
    g_autofree char *path = g_build_filename (g_get_user_data_dir (), "Study.endpoint", NULL);
    g_autoptr(GFile) saved = g_file_new_for_path (path);
    g_autoptr(EpCohort) cohort = g_list_model_get_item (ep_project_get_cohorts (project), 0);
    g_autofree char *damaged = g_build_filename (dir, "damaged.endpoint", NULL);
    g_autofree char *text = NULL;
    g_autoptr(EpCohort) recovered = NULL;
    const EpRecoveryFile *good = NULL, *bad = NULL;

    g_assert_true (ep_project_save (project, saved, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (ep_cohort_set_text (cohort, 2, 0, "77", NULL));
    ep_project_write_recovery_async (project, NULL, on_recovery_written, &error);
    wait_for (&error);
    g_clear_error (&error);
    g_assert_true (g_file_set_contents (damaged, "not a project", -1, NULL));

    files = ep_project_list_recovery_files (NULL);
    g_assert_cmpuint (files->len, ==, 2);
    for (guint k = 0; k < files->len; k++)
      {
        const EpRecoveryFile *f = g_ptr_array_index (files, k);

        if (f->readable)
          good = f;
        else
          bad = f;
      }
    g_assert_nonnull (good);
    g_assert_nonnull (bad);
    g_assert_cmpstr (bad->path, ==, damaged);
    g_assert_cmpstr (good->origin, ==, path);

    back = ep_project_open_recovery (good->path, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_equal (ep_project_get_file (back), saved));
    g_assert_cmpstr (ep_project_get_title (back), ==, "Study");
    g_assert_true (ep_project_get_modified (back));
    g_assert_cmpstr (ep_project_get_recovery_path (back), ==, good->path);
    recovered = g_list_model_get_item (ep_project_get_cohorts (back), 0);
    text = ep_cohort_get_text (recovered, 2, 0);
    g_assert_cmpstr (text, ==, "77");
    assert_projects_equal (project, back);

    ep_project_discard_recovery (back);
    g_assert_true (ep_project_remove_recovery_file (damaged, NULL));
    g_clear_pointer (&files, g_ptr_array_unref);
    files = ep_project_list_recovery_files (NULL);
    g_assert_cmpuint (files->len, ==, 0);
    g_unlink (path);
  }

  g_assert_false (ep_project_remove_recovery_file ("/nonexistent/x.endpoint", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The child of test_recovery_after_kill (a fresh process: GLib's thread pool does not survive
 * a fork): edits, writes its recovery file, says so on stdout, then keeps editing until killed. */
static int
recovery_child (void)
{
  EpProject *project = make_project ();
  EpCohort *edited = g_list_model_get_item (ep_project_get_cohorts (project), 0);
  GError *error = NULL;

  ep_cohort_set_text (edited, 3, 0, "1234.5", NULL);
  ep_project_write_recovery_async (project, NULL, on_recovery_written, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return 3;
  printf ("written\n");
  fflush (stdout);
  /* more edits, never written, then the crash */
  for (;;)
    {
      ep_cohort_set_text (edited, 4, 0, "1", NULL);
      g_usleep (1000);
    }
  return 0;
}

/* Edits, a recovery write, then SIGKILL: the next start finds the recovery file with the edit. */
static void
test_recovery_after_kill (void)
{
  g_autofree char *dir = ep_project_get_recovery_dir ();
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME",
                                        g_get_user_data_dir (), TRUE);
  const char *argv[] = { self, "--recovery-child", examples_dir, NULL };
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(EpProject) back = NULL;
  g_autoptr(EpCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char line[16] = "";
  GPid pid;
  int out;
  FILE *stream;

  g_assert_nonnull (self);
  g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  stream = fdopen (out, "r");
  g_assert_nonnull (fgets (line, sizeof line, stream));
  fclose (stream);
  g_assert_cmpstr (line, ==, "written\n");
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);

  files = ep_project_list_recovery_files (dir);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (((EpRecoveryFile *) g_ptr_array_index (files, 0))->readable);
  back = ep_project_open_recovery (((EpRecoveryFile *) g_ptr_array_index (files, 0))->path, NULL,
                                   &error);
  g_assert_no_error (error);
  g_assert_null (ep_project_get_file (back));
  g_assert_true (ep_project_get_modified (back));
  cohort = g_list_model_get_item (ep_project_get_cohorts (back), 0);
  text = ep_cohort_get_text (cohort, 3, 0);
  g_assert_cmpstr (text, ==, "1234.5");
  g_assert_true (ep_project_remove_recovery_file (((EpRecoveryFile *) g_ptr_array_index (files, 0))->path,
                                                  &error));
  g_assert_no_error (error);
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

/* Issue 17: a published arm reconstructed from a digitized curve and set beside a Kaplan-Meier
 * figure is kept in the figure's data source ("overlay"), so saving and opening the project
 * draws it again (dashed, labelled with its source, the caveat among the notes); removing the
 * reconstructed cohort removes the overlay. */
static void
test_overlay (void)
{
  g_autofree char *path = tmp_path ("overlay.endpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EpReconstructResult) report = NULL;
  const char *label = "Drug X (Smith 2020)";
  EpFigure *figure;

  ep_test_add_published_arm (project, &report);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n, ==, 20);
  g_assert_cmpuint (report->events, ==, 12);
  g_assert_cmpfloat (report->max_abs_diff, <, 1e-9);

  /* a figure of the reconstructed cohort itself carries the caveat too, and keeps it when the
   * project is reopened (below) */
  {
    g_autoptr(JsonNode) source = json_from_string ("{\"kind\":\"km\",\"cohort\":\"Drug X "
                                                   "(published)\",\"endpoint\":\"OS\"}", NULL);
    EpFigure *own = ep_project_add_figure (project, "Published arm", json_node_get_object (source),
                                           &error);

    g_assert_no_error (error);
    g_assert_nonnull (own);
    g_assert_true (has_note (own, ep_reconstruction_caveat ()));
  }

  /* make_project()'s Kaplan-Meier figure of aml */
  figure = ep_project_find_figure (project, "Figure 1 <KM>");
  g_assert_nonnull (figure);
  g_assert_null (ep_project_get_figure_overlay (project, figure));
  g_assert_false (has_note (figure, ep_reconstruction_caveat ()));
  /* only reconstructed cohorts can be overlaid */
  {
    g_autoptr(EpCohort) aml = g_list_model_get_item (ep_project_get_cohorts (project), 0);

    g_assert_false (ep_project_set_figure_overlay (project, figure, ep_cohort_get_name (aml),
                                                   &error));
  }
  g_assert_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ep_project_set_figure_overlay (project, figure, "Drug X (published)", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ep_project_get_figure_overlay (project, figure), ==, "Drug X (published)");
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  g_assert_true (ep_project_get_modified (project));
  /* an undo step of its own: undo takes the published arm away (and only it), redo sets it
   * again */
  g_assert_true (ep_project_undo (project) == (gpointer) figure);
  g_assert_null (ep_project_get_figure_overlay (project, figure));
  g_assert_false (has_note (figure, ep_reconstruction_caveat ()));
  g_assert_true (ep_project_find_figure (project, "Figure 1 <KM>") == figure);
  g_assert_true (ep_project_redo (project) == (gpointer) figure);
  g_assert_cmpstr (ep_project_get_figure_overlay (project, figure), ==, "Drug X (published)");
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));

  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  figure = ep_project_find_figure (back, "Figure 1 <KM>");
  g_assert_nonnull (figure);
  g_assert_cmpstr (ep_project_get_figure_overlay (back, figure), ==, "Drug X (published)");
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  g_assert_false (ep_project_get_modified (back));
  g_assert_true (has_note (ep_project_find_figure (back, "Published arm"),
                           ep_reconstruction_caveat ()));
  {
    /* the legend names the published arm by its source */
    g_autoptr(EpPlotLayout) layout = ep_figure_layout (figure);
    gboolean found = FALSE;

    for (guint k = 0; k < layout->items->len; k++)
      {
        const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, k);

        /* the published arm's curve: dashed, in the figure's unit (weeks: aml's endpoint)
         * while the reconstruction is in months, so its last patient at 40 months ends it
         * at 40 x 30.4375 / 7 = 173.9 weeks */
        if (item->kind == EP_PLOT_ITEM_CURVE && item->text != NULL
            && strcmp (item->text, label) == 0)
          {
            double end = layout->x_min + (item->x - layout->plot_x) / layout->plot_width
                                         * (layout->x_max - layout->x_min);

            g_assert_cmpfloat (item->value, >, 0.0);
            g_assert_cmpfloat (fabs (end - 40 * 30.4375 / 7), <, 0.01 * end);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* removing the overlay (and saving) leaves the figure without it */
  g_assert_true (ep_project_set_figure_overlay (back, figure, NULL, &error));
  g_assert_null (ep_project_get_figure_overlay (back, figure));
  g_assert_false (has_note (figure, ep_reconstruction_caveat ()));
  /* and undo puts it back */
  g_assert_true (ep_project_undo (back) == (gpointer) figure);
  g_assert_cmpstr (ep_project_get_figure_overlay (back, figure), ==, "Drug X (published)");
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
  g_assert_false (ep_project_can_undo (back));
  g_assert_true (ep_project_set_figure_overlay (back, figure, NULL, &error));

  /* removing the reconstructed cohort removes its overlay */
  g_assert_true (ep_project_set_figure_overlay (back, figure, "Drug X (published)", &error));
  ep_project_remove_cohort (back, ep_project_find_cohort (back, "Drug X (published)"));
  g_assert_null (ep_project_get_figure_overlay (back, figure));
  g_assert_false (has_note (figure, ep_reconstruction_caveat ()));
}

/* Where the dashed curve labelled `label` ends, in the axis's unit (-1 when it is not drawn). */
static double
overlay_end (EpFigure   *figure,
             const char *label)
{
  g_autoptr(EpPlotLayout) layout = ep_figure_layout (figure);

  for (guint k = 0; k < layout->items->len; k++)
    {
      const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, k);

      if (item->kind == EP_PLOT_ITEM_CURVE && item->text != NULL && strcmp (item->text, label) == 0)
        return layout->x_min + (item->x - layout->plot_x) / layout->plot_width
                               * (layout->x_max - layout->x_min);
    }
  return -1.0;
}

/* Issue 17: the published arm follows the figure and its own cohort. Its times (months) are
 * drawn in the figure's data unit, also after that unit changes (the Figures page's Data Unit,
 * undone and redone); an edit of the reconstructed cohort (a time changed, a row deleted, and
 * their undo) redraws it. The axis shows the data's unit (the figure has no axis unit), so the
 * arm's last patient at 40 months ends it at 40 x 30.4375 / 7 = 173.9 weeks, 1217.5 days or 40
 * months. */
static void
test_overlay_follows (void)
{
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(GError) error = NULL;
  const char *label = "Drug X (Smith 2020)";
  EpPlotTimeUnit axis_unit, data_unit;
  EpCohort *published;
  EpFigure *figure;
  int time_column;
  guint last;

  published = ep_test_add_published_arm (project, NULL);

  figure = ep_project_find_figure (project, "Figure 1 <KM>");
  g_assert_true (ep_project_set_figure_overlay (project, figure, "Drug X (published)", &error));
  g_assert_no_error (error);
  g_object_get (figure, "time-unit", &axis_unit, "data-unit", &data_unit, NULL);
  g_assert_cmpint (axis_unit, ==, EP_PLOT_TIME_UNSPECIFIED);
  g_assert_cmpint (data_unit, ==, EP_PLOT_TIME_WEEKS);
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 40 * 30.4375 / 7, 0.5);

  /* the figure's data said to be in days: the arm is converted to days; before, it stayed in
   * weeks (173.9 "days") */
  g_object_set (figure, "data-unit", EP_PLOT_TIME_DAYS, NULL);
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 40 * 30.4375, 0.5);
  /* undo and redo the data unit: the arm follows each way */
  g_assert_true (ep_project_undo (project) == (gpointer) figure);
  g_object_get (figure, "data-unit", &data_unit, NULL);
  g_assert_cmpint (data_unit, ==, EP_PLOT_TIME_WEEKS);
  g_assert_cmpstr (ep_project_get_figure_overlay (project, figure), ==, "Drug X (published)");
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 40 * 30.4375 / 7, 0.5);
  g_assert_true (ep_project_redo (project) == (gpointer) figure);
  g_object_get (figure, "data-unit", &data_unit, NULL);
  g_assert_cmpint (data_unit, ==, EP_PLOT_TIME_DAYS);
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 40 * 30.4375, 0.5);
  /* in months: the arm's own unit, drawn as it is */
  g_object_set (figure, "data-unit", EP_PLOT_TIME_MONTHS, NULL);
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 40, 0.05);

  /* the reconstructed cohort edited: its last patient followed to 60 months, then that row
   * deleted; each edit and its undo redraws the arm */
  time_column = ep_cohort_find_column (published, "time");
  g_assert_cmpint (time_column, >=, 0);
  last = ep_cohort_get_n_rows (published) - 1;
  g_assert_true (ep_cohort_set_text (published, last, (guint) time_column, "60", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 60, 0.05);
  ep_cohort_delete_rows (published, last, 1);
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 40, 0.05);
  g_assert_true (ep_cohort_undo (published));
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 60, 0.05);
  g_assert_true (ep_cohort_undo (published));
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 40, 0.05);
  /* the overlay is still the figure's, with its caveat */
  g_assert_cmpstr (ep_project_get_figure_overlay (project, figure), ==, "Drug X (published)");
  g_assert_true (has_note (figure, ep_reconstruction_caveat ()));
}

/* Issue 17: a published arm over a figure of an analysis (the live graph) follows the
 * analysis's unit: the cohort's endpoint changed from weeks to days makes the analysis run
 * again in days, and the arm (months) is drawn in days too (1217.5 for its last patient at 40
 * months, where it stayed at 173.9 before); the endpoint's change undone, in weeks again. */
static void
test_overlay_follows_analysis (void)
{
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "1", NULL };
  const char *label = "Drug X (Smith 2020)";
  g_autoptr(EpAnalysis) analysis = g_list_model_get_item (ep_project_get_analyses (project), 0);
  g_autoptr(EpCohort) aml = g_list_model_get_item (ep_project_get_cohorts (project), 0);
  g_autoptr(JsonObject) source = json_object_new ();
  g_autoptr(EpCohortEndpoint) days = ep_cohort_endpoint_new_time ("OS", "time", "status", codes,
                                                                  EP_TIME_UNIT_DAYS);
  EpPlotTimeUnit data_unit;
  EpFigure *figure;

  ep_test_add_published_arm (project, NULL);

  g_assert_cmpint (ep_analysis_get_kind (analysis), ==, EP_ANALYSIS_SURVIVAL);
  /* run once; from then on it follows its cohort (the live graph) */
  g_assert_true (ep_analysis_run (analysis, aml, NULL, &error));
  g_assert_no_error (error);
  json_object_set_string_member (source, "kind", "analysis");
  json_object_set_string_member (source, "analysis", ep_analysis_get_id (analysis));
  json_object_set_string_member (source, "cohort", ep_cohort_get_name (aml));
  figure = ep_project_add_figure (project, "Live KM", source, &error);
  g_assert_no_error (error);
  g_assert_true (ep_figure_get_analysis (figure) == analysis);
  g_assert_true (ep_project_set_figure_overlay (project, figure, "Drug X (published)", &error));
  g_assert_no_error (error);
  g_object_get (figure, "data-unit", &data_unit, NULL);
  g_assert_cmpint (data_unit, ==, EP_PLOT_TIME_WEEKS);
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 40 * 30.4375 / 7, 0.5);

  ep_cohort_set_endpoint (aml, days);
  g_assert_true (ep_test_analysis_settle (analysis));
  g_object_get (figure, "data-unit", &data_unit, NULL);
  g_assert_cmpint (data_unit, ==, EP_PLOT_TIME_DAYS);
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 40 * 30.4375, 0.5);

  g_assert_true (ep_cohort_undo (aml));
  g_assert_true (ep_test_analysis_settle (analysis));
  g_object_get (figure, "data-unit", &data_unit, NULL);
  g_assert_cmpint (data_unit, ==, EP_PLOT_TIME_WEEKS);
  g_assert_cmpfloat_with_epsilon (overlay_end (figure, label), 40 * 30.4375 / 7, 0.5);
}

/* The notes endpoint-cli plot --project prints in its JSON for a figure of the project saved at
 * path (the figure is written to an SVG beside it). */
static char **
cli_plot_notes (const char *path,
                const char *figure)
{
  const char *cli = g_getenv ("ENDPOINT_CLI");
  g_autofree char *svg = g_strconcat (path, ".svg", NULL);
  const char *argv[] = { cli, "plot", "--project", path, "--figure", figure, "--out", svg, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) notes = g_strv_builder_new ();
  JsonObject *root;
  JsonArray *array;
  int status;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  g_unlink (svg);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "figure"), ==, figure);
  /* the member is always there, an empty array when there is nothing to say */
  g_assert_true (json_object_has_member (root, "notes"));
  array = json_object_get_array_member (root, "notes");
  for (guint k = 0; k < json_array_get_length (array); k++)
    g_strv_builder_add (notes, json_array_get_string_element (array, k));
  return g_strv_builder_end (notes);
}

/* Issue 17: endpoint-cli plot --project draws a figure with a published arm and puts the caveat
 * that reconstructed data are approximate in its JSON "notes" (the file draws the arm but not
 * the notes: they are for the caption); so does a figure of the reconstructed cohort itself,
 * and a figure without either has no caveat. */
static void
test_overlay_cli (void)
{
  g_autofree char *path = tmp_path ("overlay-cli.endpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) source = json_from_string ("{\"kind\":\"km\",\"cohort\":\"Drug X "
                                                 "(published)\",\"endpoint\":\"OS\"}", NULL);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) overlaid = NULL;
  g_auto(GStrv) own = NULL;

  ep_test_add_published_arm (project, NULL);
  g_assert_nonnull (ep_project_add_figure (project, "Published arm", json_node_get_object (source),
                                           &error));
  g_assert_no_error (error);

  /* no published arm yet: no caveat */
  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  before = cli_plot_notes (path, "Figure 1 <KM>");
  g_assert_false (g_strv_contains ((const char * const *) before, ep_reconstruction_caveat ()));

  g_assert_true (ep_project_set_figure_overlay (project,
                                                ep_project_find_figure (project, "Figure 1 <KM>"),
                                                "Drug X (published)", &error));
  g_assert_no_error (error);
  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  overlaid = cli_plot_notes (path, "Figure 1 <KM>");
  g_assert_true (g_strv_contains ((const char * const *) overlaid, ep_reconstruction_caveat ()));
  own = cli_plot_notes (path, "Published arm");
  g_assert_true (g_strv_contains ((const char * const *) own, ep_reconstruction_caveat ()));
  g_unlink (path);
}

/* Issue 13: the project's figure language and decimal mark: new figures get them, existing ones
 * keep theirs, and they are saved with the project (meta keys figure_language and
 * figure_decimal_mark). */
static void
test_figure_defaults (void)
{
  g_autofree char *path = tmp_path ("lang.endpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(EpProject) project = make_project ();
  g_autoptr(EpProject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) source = json_from_string ("{\"kind\":\"km\",\"cohort\":\"Acute myelogenous "
                                                 "leukemia, maintenance chemotherapy "
                                                 "(survival::aml)\",\"endpoint\":\"OS\"}", NULL);
  EpFigure *old = ep_project_find_figure (project, "Figure 1 <KM>");
  EpFigure *figure;
  EpPlotLanguage language;
  EpPlotDecimalMark mark;

  ep_project_get_figure_defaults (project, &language, &mark);
  g_assert_cmpint (language, ==, EP_PLOT_LANGUAGE_EN);
  g_assert_cmpint (mark, ==, EP_PLOT_DECIMAL_AUTO);

  ep_project_set_figure_defaults (project, EP_PLOT_LANGUAGE_DE, EP_PLOT_DECIMAL_DOT);
  g_assert_true (ep_project_get_modified (project));
  g_assert_cmpint (ep_figure_get_style (old)->language, ==, EP_PLOT_LANGUAGE_EN);

  figure = ep_project_add_figure (project, "German", json_node_get_object (source), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ep_figure_get_style (figure)->language, ==, EP_PLOT_LANGUAGE_DE);
  g_assert_cmpint (ep_figure_get_style (figure)->decimal_mark, ==, EP_PLOT_DECIMAL_DOT);
  /* the default is no option change to undo: undo removes the figure itself */
  g_assert_true (ep_project_undo (project) != NULL);
  g_assert_null (ep_project_find_figure (project, "German"));
  g_assert_true (ep_project_redo (project) != NULL);
  figure = ep_project_find_figure (project, "German");
  g_assert_nonnull (figure);
  g_assert_cmpint (ep_figure_get_style (figure)->language, ==, EP_PLOT_LANGUAGE_DE);

  g_assert_true (ep_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  back = ep_project_open (file, NULL, &error);
  g_assert_no_error (error);
  ep_project_get_figure_defaults (back, &language, &mark);
  g_assert_cmpint (language, ==, EP_PLOT_LANGUAGE_DE);
  g_assert_cmpint (mark, ==, EP_PLOT_DECIMAL_DOT);
  g_assert_cmpint (ep_figure_get_style (ep_project_find_figure (back, "German"))->language, ==,
                   EP_PLOT_LANGUAGE_DE);
  g_assert_cmpint (ep_figure_get_style (ep_project_find_figure (back, "Figure 1 <KM>"))->language,
                   ==, EP_PLOT_LANGUAGE_EN);
  g_remove (path);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--recovery-child") == 0)
    {
      examples_dir = argv[2];
      return recovery_child ();
    }

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  examples_dir = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);

  g_test_add_func ("/project/new", test_new);
  g_test_add_func ("/project/round-trip", test_round_trip);
  g_test_add_func ("/project/modified", test_modified);
  g_test_add_func ("/project/async-save", test_async_save);
  g_test_add_func ("/project/async-open", test_async_open);
  g_test_add_func ("/project/figures", test_figures);
  g_test_add_func ("/project/overlay", test_overlay);
  g_test_add_func ("/project/overlay-follows", test_overlay_follows);
  g_test_add_func ("/project/overlay-cli", test_overlay_cli);
  g_test_add_func ("/project/overlay-follows-analysis", test_overlay_follows_analysis);
  g_test_add_func ("/project/figure-defaults", test_figure_defaults);
  g_test_add_func ("/project/invalid-content", test_invalid_content);
  g_test_add_func ("/project/recovery", test_recovery);
  g_test_add_func ("/project/recovery-after-kill", test_recovery_after_kill);

  return g_test_run ();
}
