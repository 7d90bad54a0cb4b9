/* test-figure-page.c: the Figures page in the real (virtual) window
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Kaplan-Meier figure of the aml CSV through the small dialog, the preview drawing it, an
 * option changing the figure and redrawing it, Export writing a PDF of the size asked, the
 * export action following the selection, and the trial browser's forest plot of CR rate.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "app/ep-application.h"
#include "app/ep-figure-csv-dialog.h"
#include "app/ep-figure-export-dialog.h"
#include "app/ep-forest-options-dialog.h"
#include "model/ep-figure-private.h"
#include "app/ep-window-private.h"

#include "ep-test-ui.h"

static EpApplication *app;

typedef struct
{
  EpFigurePage *page;
  guint         after;
} Draws;

static gboolean
drawn_again (gpointer data)
{
  const Draws *draws = data;

  return ep_figure_page_get_preview_draws (draws->page, NULL, NULL) > draws->after;
}

/* Runs the main loop until the preview has drawn more than `after` times (at most
 * EP_TEST_UI_WAIT_US); returns its count of draws. */
static guint
wait_for_draw (EpFigurePage *page,
               guint         after)
{
  Draws draws = { page, after };

  ep_test_ui_wait_for (drawn_again, &draws);
  return ep_figure_page_get_preview_draws (page, NULL, NULL);
}

typedef struct
{
  GListModel *figures;
  guint       n_before;
} Added;

static gboolean
figure_added (gpointer data)
{
  const Added *added = data;

  return g_list_model_get_n_items (added->figures) != added->n_before;
}

static EpWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (app));
      ep_test_ui_iterate ();
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
    }

  g_assert_true (EP_IS_WINDOW (window));
  return EP_WINDOW (window);
}

/* An actionable button in the window reflects whether its action is enabled. */
static gboolean
action_enabled (EpWindow   *window,
                const char *name)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), name);
  adw_header_bar_pack_start (window->header_bar, button);
  ep_test_ui_iterate ();
  enabled = gtk_widget_get_sensitive (button);
  adw_header_bar_remove (window->header_bar, button);

  return enabled;
}

static char *
aml_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "reference", "data", "aml.csv", NULL);
}

static void
test_empty_state (void)
{
  EpWindow *window = get_window ();
  EpFigurePage *page = window->figure_page;

  g_assert_true (EP_IS_FIGURE_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (ep_figure_page_get_figures (page)), ==, 0);
  g_assert_null (ep_figure_page_get_selected (page));
  /* Nothing to export yet. */
  g_assert_false (action_enabled (window, "win.export-figure"));
}

static void
test_csv_dialog_error (void)
{
  EpWindow *window = get_window ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "figure-page-bad.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  /* An event column with a 2: the dialog says where, and stays open. */
  g_assert_true (g_file_set_contents (path, "months,dead\n5,1\n7,2\n", -1, NULL));
  dialog = ep_figure_page_new_from_csv (window->figure_page);
  g_assert_true (EP_IS_FIGURE_CSV_DIALOG (dialog));
  g_assert_true (ep_figure_csv_dialog_load_file (EP_FIGURE_CSV_DIALOG (dialog), file, &error));
  g_assert_no_error (error);
  /* Guessed from the names: months is the time, dead the event. */
  g_assert_null (ep_figure_csv_dialog_create (EP_FIGURE_CSV_DIALOG (dialog), &error));
  g_assert_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "figure-page-bad.csv:3:"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (g_list_model_get_n_items (ep_figure_page_get_figures (window->figure_page)), ==, 0);

  gtk_window_destroy (dialog);
  g_remove (path);
}

static void
test_km_from_csv (void)
{
  EpWindow *window = get_window ();
  EpFigurePage *page = window->figure_page;
  g_autofree char *path = aml_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpFigure) created = NULL;
  EpFigure *figure;
  EpProject *project;
  GtkWindow *dialog;
  guint n_cohorts;
  guint draws;
  int width, height;

  dialog = ep_figure_page_new_from_csv (page);
  g_assert_true (ep_figure_csv_dialog_load_file (EP_FIGURE_CSV_DIALOG (dialog), file, &error));
  g_assert_no_error (error);
  g_assert_true (ep_figure_csv_dialog_set_columns (EP_FIGURE_CSV_DIALOG (dialog), "time", "status", "x"));
  g_assert_false (ep_figure_csv_dialog_set_columns (EP_FIGURE_CSV_DIALOG (dialog), "time", "status", "no such"));
  g_assert_true (ep_figure_csv_dialog_set_columns (EP_FIGURE_CSV_DIALOG (dialog), "time", "status", "x"));
  n_cohorts = g_list_model_get_n_items (ep_project_get_cohorts (ep_window_get_project (window)));
  created = ep_figure_csv_dialog_create (EP_FIGURE_CSV_DIALOG (dialog), &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  ep_test_ui_iterate ();

  /* Added, selected, and the window went to Figures with Export enabled. */
  g_assert_cmpuint (g_list_model_get_n_items (ep_figure_page_get_figures (page)), ==, 1);
  figure = ep_figure_page_get_selected (page);
  g_assert_cmpint (ep_figure_get_kind (figure), ==, EP_FIGURE_KM);
  g_assert_true (g_str_has_suffix (ep_figure_get_subtitle (figure), ": time, status by x"));

  /* The file's 23 patients joined the project as a cohort and the figure refers to it, so
   * saving keeps the figure even if the file goes away. */
  project = ep_window_get_project (window);
  g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_cohorts (project)), ==, n_cohorts + 1);
  {
    g_autoptr(EpCohort) cohort = g_list_model_get_item (ep_project_get_cohorts (project), n_cohorts);

    g_assert_cmpuint (ep_cohort_get_n_rows (cohort), ==, 23);
  }
  g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_figures (project)), ==, 1);
  {
    g_autoptr(EpFigure) saved = g_list_model_get_item (ep_project_get_figures (project), 0);

    g_assert_true (saved == figure);
  }

  /* A copy of the project, opened again, makes the figure again from the kept data. */
  {
    g_autofree char *dir = g_dir_make_tmp ("figure-page-XXXXXX", &error);
    g_autofree char *copy_path = g_build_filename (dir, "copy.endpoint", NULL);
    g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
    g_autoptr(EpProject) reopened = NULL;
    g_autoptr(EpFigure) again = NULL;

    g_assert_no_error (error);
    g_assert_true (ep_project_save_copy (project, copy_path, NULL, &error));
    g_assert_no_error (error);
    reopened = ep_project_open (copy, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (ep_project_get_figures (reopened)), ==, 1);
    again = g_list_model_get_item (ep_project_get_figures (reopened), 0);
    g_assert_cmpint (ep_figure_get_kind (again), ==, EP_FIGURE_KM);
    g_assert_cmpstr (ep_figure_get_subtitle (again), ==, ep_figure_get_subtitle (figure));
    g_remove (copy_path);
    g_rmdir (dir);
  }
  ep_window_set_place (window, "figures");
  g_assert_true (action_enabled (window, "win.export-figure"));

  /* The preview drew, at a real size. */
  draws = wait_for_draw (page, 0);
  g_assert_cmpuint (draws, >, 0);
  ep_figure_page_get_preview_draws (page, &width, &height);
  g_assert_cmpint (width, >, 100);
  g_assert_cmpint (height, >, 100);
}

static void
test_option_changes_figure (void)
{
  EpWindow *window = get_window ();
  EpFigurePage *page = window->figure_page;
  EpFigure *figure = ep_figure_page_get_selected (page);
  EpFigureOptions *options = ep_figure_page_get_options (page);
  GtkWidget *ci_row, *risk_row, *title_row;
  EpPlotCi ci;
  gboolean risk_table;
  guint draws;

  g_assert_nonnull (figure);
  g_assert_true (ep_figure_options_get_figure (options) == figure);

  /* Confidence interval: Dashed Lines. */
  ci_row = ep_figure_options_get_row (options, "ci");
  g_assert_true (ADW_IS_COMBO_ROW (ci_row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (ci_row)), ==, EP_PLOT_CI_BANDS);
  draws = ep_figure_page_get_preview_draws (page, NULL, NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (ci_row), 2);
  g_object_get (figure, "ci", &ci, NULL);
  g_assert_cmpint (ci, ==, EP_PLOT_CI_LINES);
  /* and the preview drew again */
  g_assert_cmpuint (wait_for_draw (page, draws), >, draws);

  /* The number-at-risk switch, flipped as the row's click flips it. */
  risk_row = ep_figure_options_get_row (options, "risk-table");
  g_assert_true (gtk_widget_is_visible (risk_row));
  g_assert_true (gtk_widget_activate (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (risk_row))));
  g_object_get (figure, "risk-table", &risk_table, NULL);
  g_assert_false (risk_table);

  /* The title, typed. */
  title_row = ep_figure_options_get_row (options, "title");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Overall survival");
  g_assert_cmpstr (ep_figure_get_title (figure), ==, "Overall survival");

  /* A saved value outside a control's usual steps is shown, not clamped back into the figure. */
  g_object_set (figure, "font-size", 2.5, "line-width", 0.1, NULL);
  g_assert_cmpfloat (ep_figure_get_style (figure)->font_size, ==, 2.5);
  g_assert_cmpfloat (ep_figure_get_style (figure)->line_width, ==, 0.1);
  g_object_set (figure, "font-size", 7.0, "line-width", 1.0, NULL);

  /* Issue 13: the figure's language and decimal mark, whatever the app's language. */
  {
    GtkWidget *language_row = ep_figure_options_get_row (options, "language");
    GtkWidget *mark_row = ep_figure_options_get_row (options, "decimal-mark");
    EpPlotLanguage language;
    EpPlotDecimalMark mark;

    g_assert_true (ADW_IS_COMBO_ROW (language_row));
    g_assert_true (gtk_widget_is_visible (language_row));
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (language_row)), ==, EP_PLOT_LANGUAGE_EN);
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (mark_row)), ==, EP_PLOT_DECIMAL_AUTO);
    adw_combo_row_set_selected (ADW_COMBO_ROW (language_row), EP_PLOT_LANGUAGE_DE);
    adw_combo_row_set_selected (ADW_COMBO_ROW (mark_row), EP_PLOT_DECIMAL_DOT);
    g_object_get (figure, "language", &language, "decimal-mark", &mark, NULL);
    g_assert_cmpint (language, ==, EP_PLOT_LANGUAGE_DE);
    g_assert_cmpint (mark, ==, EP_PLOT_DECIMAL_DOT);
    g_object_set (figure, "language", EP_PLOT_LANGUAGE_EN, "decimal-mark", EP_PLOT_DECIMAL_AUTO, NULL);
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (language_row)), ==, EP_PLOT_LANGUAGE_EN);
  }

  /* And the other way: a property set elsewhere shows in the row. */
  g_object_set (figure, "ci", EP_PLOT_CI_NONE, NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (ci_row)), ==, EP_PLOT_CI_NONE);
}

static void
test_export_pdf (void)
{
  EpWindow *window = get_window ();
  EpFigurePage *page = window->figure_page;
  g_autofree char *dir = g_dir_make_tmp ("test-figure-page-XXXXXX", NULL);
  g_autofree char *base = g_build_filename (dir, "aml-km", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (base);
  g_autoptr(GFile) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("/MediaBox \\[ *0 0 ([0-9.]+) ([0-9.]+) *\\]", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = NULL;
  g_autofree char *w = NULL;
  g_autofree char *h = NULL;
  g_autofree char *written_path = NULL;
  GtkWindow *dialog;
  gsize length;

  dialog = ep_figure_page_export (page);
  g_assert_true (EP_IS_FIGURE_EXPORT_DIALOG (dialog));
  /* It starts at the figure's size (85 x 70 mm by default). */
  g_assert_cmpint (ep_figure_export_dialog_get_format (EP_FIGURE_EXPORT_DIALOG (dialog)), ==, EP_PLOT_FORMAT_PDF);
  ep_figure_export_dialog_set_size (EP_FIGURE_EXPORT_DIALOG (dialog), 120.0, 90.0, 300.0);
  /* A name without an extension gets the format's. */
  written = ep_figure_export_dialog_save (EP_FIGURE_EXPORT_DIALOG (dialog), file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  written_path = g_file_get_path (written);
  g_assert_true (g_str_has_suffix (written_path, "aml-km.pdf"));

  /* 120 mm = 340.1575 pt, 90 mm = 255.1181 pt (mm / 25.4 x 72, hand-computed) */
  g_assert_true (g_file_get_contents (written_path, &text, &length, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_true (g_regex_match_full (regex, text, length, 0, 0, &match, NULL));
  w = g_match_info_fetch (match, 1);
  h = g_match_info_fetch (match, 2);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (w, NULL), 120.0 / 25.4 * 72.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (h, NULL), 90.0 / 25.4 * 72.0, 1e-3);

  /* The figure took the size, so the preview shows what was written. */
  g_assert_cmpfloat (ep_figure_get_style (ep_figure_page_get_selected (page))->width_mm, ==, 120.0);

  gtk_window_destroy (dialog);
  g_remove (written_path);
  g_rmdir (dir);
}

static void
test_forest_from_trials (void)
{
  EpWindow *window = get_window ();
  EpTrialBrowser *browser = window->trial_browser;
  GtkSelectionModel *selection;
  EpFigure *figure;
  guint n_before, n_selected = 0;

  ep_window_set_place (window, "trials");
  ep_trial_browser_set_search_text (browser, "");
  ep_test_ui_iterate ();
  selection = ep_trial_browser_get_selection (browser);
  gtk_selection_model_unselect_all (selection);
  n_before = g_list_model_get_n_items (ep_figure_page_get_figures (window->figure_page));

  /* Not with fewer than two arms. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (browser), "trials.forest-cr", NULL) &&
                  g_list_model_get_n_items (ep_figure_page_get_figures (window->figure_page)) > n_before);

  /* ELIANA (CAR T) and a blinatumomab (BiTE) arm that report CR. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(EpTrial) trial = g_list_model_get_item (G_LIST_MODEL (selection), i);
      gboolean want = g_strcmp0 (ep_trial_get_trial (trial), "ELIANA") == 0 ||
                      (g_strcmp0 (ep_trial_get_trial (trial), "Phase 3 (TOWER)") == 0 &&
                       ep_trial_get_drug_class (trial) == EP_DRUG_CLASS_BITE);

      if (want)
        {
          gtk_selection_model_select_item (selection, i, FALSE);
          n_selected++;
        }
    }
  g_assert_cmpuint (n_selected, ==, 2);
  ep_test_ui_iterate ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (browser), "trials.forest-cr", NULL));
  ep_test_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (ep_figure_page_get_figures (window->figure_page)), ==, n_before + 1);
  figure = ep_figure_page_get_selected (window->figure_page);
  g_assert_cmpint (ep_figure_get_kind (figure), ==, EP_FIGURE_FOREST_PROPORTIONS);
  /* One row per arm, a diamond per class and the overall one. */
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_STUDY), ==, 2);
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_POOLED), ==, 3);
  g_assert_cmpstr (ep_window_get_place (window), ==, "figures");

  /* The forest figure has no curves or time axis to set. */
  g_assert_false (gtk_widget_is_visible (ep_figure_options_get_row (ep_figure_page_get_options (window->figure_page),
                                                                    "risk-table")));

  /* Removing both figures brings back the empty state and disables Export. */
  gtk_widget_activate_action (GTK_WIDGET (window->figure_page), "figures.remove", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window->figure_page), "figures.remove", NULL);
  ep_test_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (ep_figure_page_get_figures (window->figure_page)), ==, 0);
  g_assert_false (action_enabled (window, "win.export-figure"));
}

static void
test_csv_dialog_create_in_thread (void)
{
  EpWindow *window = get_window ();
  EpFigurePage *page = window->figure_page;
  g_autofree char *path = aml_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GListModel *figures = ep_figure_page_get_figures (page);
  guint n_before = g_list_model_get_n_items (figures);
  Added added = { figures, n_before };
  GtkWindow *dialog;

  /* The Create button: a cumulative incidence figure fitted in a worker thread. */
  dialog = ep_figure_page_new_from_csv (page);
  g_assert_true (ep_figure_csv_dialog_load_file (EP_FIGURE_CSV_DIALOG (dialog), file, &error));
  g_assert_no_error (error);
  ep_figure_csv_dialog_set_kind (EP_FIGURE_CSV_DIALOG (dialog), EP_FIGURE_CIF);
  g_assert_true (ep_figure_csv_dialog_set_columns (EP_FIGURE_CSV_DIALOG (dialog), "time", "status", "x"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.create", NULL));

  ep_test_ui_wait_for (figure_added, &added);

  g_assert_cmpuint (g_list_model_get_n_items (figures), ==, n_before + 1);
  g_assert_cmpint (ep_figure_get_kind (ep_figure_page_get_selected (page)), ==, EP_FIGURE_CIF);
  ep_figure_page_remove_figure (page, ep_figure_page_get_selected (page));
}

/* With EP_SCREENSHOT_DIR set, saves the widget as NAME.png there (for docs/figures). */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("EP_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GskRenderNode *node = NULL;
  int width, height;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      ep_test_ui_iterate ();
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        g_usleep (20000);
    }
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
select_trial_ids (EpTrialBrowser     *browser,
                  const char * const *ids)
{
  GtkSelectionModel *selection = ep_trial_browser_get_selection (browser);
  guint n = 0;

  ep_trial_browser_set_search_text (browser, "");
  ep_test_ui_iterate ();
  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(EpTrial) trial = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_strv_contains (ids, ep_trial_get_id (trial)))
        {
          gtk_selection_model_select_item (selection, i, FALSE);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, g_strv_length ((char **) ids));
  ep_test_ui_iterate ();
}

static EpForestOptionsDialog *
open_forest_dialog (EpTrialBrowser *browser)
{
  EpForestOptionsDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (browser), "trials.forest", NULL));
  ep_test_ui_iterate ();
  dialog = (EpForestOptionsDialog *) ep_test_ui_find_toplevel (EP_TYPE_FOREST_OPTIONS_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static double
json_number (JsonObject *object,
             const char *member)
{
  return json_object_get_double_member (object, member);
}

/* The pooled rows of a forest figure, in order. */
static const EpForestRow *
pooled_row (EpFigure *figure,
            guint     index)
{
  for (guint i = 0; i < figure->forest->rows->len; i++)
    {
      const EpForestRow *row = &g_array_index (figure->forest->rows, EpForestRow, i);

      if (row->kind == EP_FOREST_ROW_POOLED && index-- == 0)
        return row;
    }
  return NULL;
}

/* Issue 18 in the window: the Trials page's forest options propose the GLMM for proportions
 * with its reason; Draw puts a GLMM forest of CR by class on the Figures page whose diamonds
 * are rma.glmm's (tests/data/reference/expected/meta_cr_glmm.json, at the 1e-4 of lme4's
 * optimiser) and which names its method. Then TOWER's two arms as a Mantel-Haenszel odds ratio
 * (tower_cr_or_mh.json: rma.mh on CR alone, 92/271 vs 20/124). */
static void
test_forest_methods_from_dialog (void)
{
  static const char * const cr_ids[] = {
    "blina-phase2-pilot", "mt103-211", "alcantara", "tower-blinatumomab", "blina-pediatric-phase12",
    "coh-blina-retrospective", "upenn-chop-car-t", "mskcc-car-t", "eliana", "nci-car-t",
    "seattle-car-t", "fhcrc-car-t", "hebei-car-t", "coh-car-t", "carpall", NULL
  };
  static const char * const tower_ids[] = { "tower-blinatumomab", "tower-chemotherapy", NULL };
  EpWindow *window = get_window ();
  EpTrialBrowser *browser = window->trial_browser;
  g_autofree char *glmm_path = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected", "meta_cr_glmm.json", NULL);
  g_autofree char *mh_path = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected", "tower_cr_or_mh.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  EpForestOptionsDialog *dialog;
  EpEvidenceForestOptions options;
  EpFigure *figure;
  JsonObject *root, *sub;
  guint n_before;
  gboolean method_named = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 1000);
  ep_window_set_place (window, "trials");
  select_trial_ids (browser, cr_ids);
  n_before = g_list_model_get_n_items (ep_figure_page_get_figures (window->figure_page));

  dialog = open_forest_dialog (browser);
  ep_forest_options_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.method, ==, EP_META_METHOD_GLMM);
  g_assert_cmpint (options.effect, ==, EP_EVIDENCE_EFFECT_PROPORTION);
  g_assert_cmpfloat (options.level, ==, 0.95);
  g_assert_false (options.knapp_hartung);
  g_assert_nonnull (strstr (ep_forest_options_dialog_get_method_reason (dialog), "no 0.5 correction"));
  /* another method says what it gives up */
  ep_forest_options_dialog_set_method (dialog, EP_META_METHOD_DL, 0.95);
  g_assert_nonnull (strstr (ep_forest_options_dialog_get_method_reason (dialog), "GLMM is recommended"));
  ep_forest_options_dialog_set_method (dialog, EP_META_METHOD_GLMM, 0.95);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "forest.draw", NULL));
  ep_test_ui_iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (ep_figure_page_get_figures (window->figure_page)), ==, n_before + 1);
  figure = ep_figure_page_get_selected (window->figure_page);
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_STUDY), ==, 15);
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_POOLED), ==, 3);
  g_assert_true (json_parser_load_from_file (parser, glmm_path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint g = 0; g < 2; g++)
    {
      sub = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (root, "subgroups"), g),
                                           "random");
      g_assert_cmpfloat_with_epsilon (pooled_row (figure, g)->estimate, json_number (sub, "estimate"),
                                      1e-4 * json_number (sub, "estimate"));
      g_assert_cmpfloat_with_epsilon (pooled_row (figure, g)->lower, json_number (sub, "lower"),
                                      1e-4 * json_number (sub, "lower"));
    }
  sub = json_object_get_object_member (root, "random");
  g_assert_cmpfloat_with_epsilon (pooled_row (figure, 2)->estimate, json_number (sub, "estimate"),
                                  1e-4 * json_number (sub, "estimate"));
  for (guint i = 0; i < figure->forest->rows->len; i++)
    {
      const EpForestRow *row = &g_array_index (figure->forest->rows, EpForestRow, i);
      g_autofree char *label = ep_forest_row_label (row, NULL);

      method_named |= row->kind == EP_FOREST_ROW_NOTE
                      && g_str_has_prefix (label, "Method: random effects, GLMM");
    }
  g_assert_true (method_named);
  g_assert_cmpstr (ep_window_get_place (window), ==, "figures");
  /* wide enough for the longest centre's name and every column */
  g_object_set (figure, "width-mm", 250.0, NULL);
  save_screenshot (GTK_WIDGET (window), "forest-glmm-cr-by-class");

  /* TOWER: the odds ratio of its two arms */
  ep_window_set_place (window, "trials");
  select_trial_ids (browser, tower_ids);
  dialog = open_forest_dialog (browser);
  ep_forest_options_dialog_set_effect (dialog, EP_EVIDENCE_EFFECT_OR, EP_EVIDENCE_POOLING_MH);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "forest.draw", NULL));
  ep_test_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (ep_figure_page_get_figures (window->figure_page)), ==, n_before + 2);
  figure = ep_figure_page_get_selected (window->figure_page);
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_STUDY), ==, 1);
  g_assert_true (json_parser_load_from_file (parser, mh_path, &error));
  sub = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "fixed");
  g_assert_cmpfloat_with_epsilon (pooled_row (figure, 0)->estimate, json_number (sub, "estimate"),
                                  1e-5 * json_number (sub, "estimate"));
  g_assert_cmpfloat_with_epsilon (pooled_row (figure, 0)->upper, json_number (sub, "upper"),
                                  1e-5 * json_number (sub, "upper"));
  save_screenshot (GTK_WIDGET (window), "forest-tower-or-mh");

  gtk_widget_activate_action (GTK_WIDGET (window->figure_page), "figures.remove", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window->figure_page), "figures.remove", NULL);
  gtk_selection_model_unselect_all (ep_trial_browser_get_selection (browser));
  ep_test_ui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      /* build-aux/dev test provides a display: there, no display is a failure, not a skip */
      if (g_getenv ("EP_TEST_REQUIRE_DISPLAY") != NULL)
        {
          g_printerr ("no display although EP_TEST_REQUIRE_DISPLAY is set\n");
          return 1;
        }
      g_test_skip ("no display: run under Xvfb (build-aux/dev test does)");
      return g_test_run ();
    }
  /* Animations off: the tests check states, not motion, and libadwaita 1.2's AdwFlap can
   * interpolate a size from a NaN progress when a reveal animation is replaced within one frame
   * (a Gtk-WARNING "attempt to allocate ... with width -2147483648", fatal in a test). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* A switch flips at once, not at the end of its animation. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = ep_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_hold (G_APPLICATION (app));
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

  g_test_add_func ("/figure-page/empty-state", test_empty_state);
  g_test_add_func ("/figure-page/csv-dialog-error", test_csv_dialog_error);
  g_test_add_func ("/figure-page/km-from-csv", test_km_from_csv);
  g_test_add_func ("/figure-page/option-changes-figure", test_option_changes_figure);
  g_test_add_func ("/figure-page/export-pdf", test_export_pdf);
  g_test_add_func ("/figure-page/forest-from-trials", test_forest_from_trials);
  g_test_add_func ("/figure-page/forest-methods-from-dialog", test_forest_methods_from_dialog);
  g_test_add_func ("/figure-page/csv-dialog-create-in-thread", test_csv_dialog_create_in_thread);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return ret;
}
