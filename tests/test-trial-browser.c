/* test-trial-browser.c: the Trials page in a real (virtual) window
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bundled catalog in EpTrialBrowser: every record shown, search, the empty state, column
 * sorting, multi-selection enabling Compare, and the Compare window's rows and cells.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "app/ep-application.h"
#include "app/ep-trial-browser.h"
#include "app/ep-trial-compare.h"
#include "app/ep-forest-options-dialog.h"
#include "model/ep-catalog.h"

#include "ep-test-ui.h"

static EpCatalog *catalog;
static GtkWindow *window;
static EpTrialBrowser *browser;

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
has_type (GtkWidget     *widget,
          gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static guint
n_shown (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ep_trial_browser_get_selection (browser)));
}

static EpTrial *
shown (guint position)
{
  EpTrial *trial = g_list_model_get_item (G_LIST_MODEL (ep_trial_browser_get_selection (browser)),
                                          position);

  g_object_unref (trial);  /* the model keeps it */
  return trial;
}

/* With EP_SCREENSHOT_DIR set, saves the widget as NAME.png there (for docs/figures). */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("EP_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
select_ids (const char * const *ids)
{
  GtkSelectionModel *selection = ep_trial_browser_get_selection (browser);

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    if (g_strv_contains (ids, ep_trial_get_id (shown (i))))
      gtk_selection_model_select_item (selection, i, FALSE);
  ep_test_ui_iterate ();
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The pooled 259 with its two trials: the guard shows the overlap and its remedies, and the
 * count says how many arms are selected; "Keep the pooled analysis" deselects the parts. */
static void
test_browser_guard (void)
{
  static const char * const ids[] = { "blina-phase2-pooled", "blina-phase2-pilot", "mt103-211", "eliana", NULL };
  GtkWidget *revealer;
  GtkWidget *keep;
  g_autoptr(GPtrArray) selected = NULL;

  ep_trial_browser_set_search_text (browser, "");
  ep_test_ui_iterate ();
  select_ids (ids);
  g_assert_cmpuint (ep_trial_browser_get_selected (browser)->len, ==, 4);

  revealer = ep_test_ui_find (GTK_WIDGET (browser), has_type, GSIZE_TO_POINTER (GTK_TYPE_REVEALER));
  g_assert_nonnull (revealer);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (ep_test_ui_find (revealer, has_label, "Keep its trials"));
  /* the other warnings (definition, denominator, population) offer a forest by that field */
  {
    GtkWidget *stratify = ep_test_ui_find (revealer, has_label, "Forest by Subgroup");
    EpForestOptionsDialog *dialog;
    EpEvidenceForestOptions options;

    g_assert_nonnull (stratify);
    /* the first is the definition warning's: the options open with definitions as subgroups */
    g_signal_emit_by_name (stratify, "clicked");
    ep_test_ui_iterate ();
    dialog = (EpForestOptionsDialog *) ep_test_ui_find_toplevel (EP_TYPE_FOREST_OPTIONS_DIALOG);
    g_assert_nonnull (dialog);
    ep_forest_options_dialog_get_options (dialog, &options);
    g_assert_cmpstr (options.subgroup, ==, "definition");
    gtk_window_destroy (GTK_WINDOW (dialog));
    ep_test_ui_iterate ();
  }
  for (int i = 0; i < 30; i++)
    {
      g_usleep (10000);
      ep_test_ui_iterate ();
    }
  save_screenshot (GTK_WIDGET (window), "trials-guard");

  keep = ep_test_ui_find (revealer, has_label, "Keep the pooled analysis");
  g_assert_nonnull (keep);
  g_signal_emit_by_name (keep, "clicked");
  ep_test_ui_iterate ();
  selected = ep_trial_browser_get_selected (browser);
  g_assert_cmpuint (selected->len, ==, 2);
  for (guint i = 0; i < selected->len; i++)
    g_assert_true (g_strv_contains ((const char * const[]) { "blina-phase2-pooled", "eliana", NULL },
                                    ep_trial_get_id (g_ptr_array_index (selected, i))));

  gtk_selection_model_unselect_all (ep_trial_browser_get_selection (browser));
  ep_test_ui_iterate ();
}

static void
test_browser_shows_all (void)
{
  ep_trial_browser_set_search_text (browser, "");
  ep_test_ui_iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), >, 30);
  g_assert_cmpuint (n_shown (), ==, g_list_model_get_n_items (G_LIST_MODEL (catalog)));
}

static void
test_browser_search (void)
{
  GtkWidget *empty;

  ep_trial_browser_set_search_text (browser, "ELIANA");
  ep_test_ui_iterate ();
  g_assert_cmpuint (n_shown (), ==, 1);
  g_assert_cmpstr (ep_trial_get_trial (shown (0)), ==, "ELIANA");

  /* Case and accents don't matter; an NCT number finds its trial. */
  ep_trial_browser_set_search_text (browser, "eliana");
  ep_test_ui_iterate ();
  g_assert_cmpuint (n_shown (), ==, 1);

  /* Nothing matches: the empty state, with a way out. */
  ep_trial_browser_set_search_text (browser, "no such trial zzz");
  ep_test_ui_iterate ();
  g_assert_cmpuint (n_shown (), ==, 0);
  empty = ep_test_ui_find (GTK_WIDGET (browser), has_action, "trials.clear-filters");
  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_mapped (empty));
  g_assert_true (gtk_widget_is_sensitive (empty));
  g_signal_emit_by_name (empty, "clicked");
  ep_test_ui_iterate ();
  g_assert_cmpuint (n_shown (), ==, g_list_model_get_n_items (G_LIST_MODEL (catalog)));
}

static void
test_browser_sort (void)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (ep_test_ui_find (GTK_WIDGET (browser), has_type,
                                                      GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW)));
  GListModel *columns = gtk_column_view_get_columns (view);
  GtkColumnViewColumn *n_column = NULL;
  int previous = -1;
  gboolean seen_unreported = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "n") == 0)
        n_column = column;
    }
  g_assert_nonnull (n_column);

  gtk_column_view_sort_by_column (view, n_column, GTK_SORT_ASCENDING);
  ep_test_ui_iterate ();

  /* Ascending by n; arms that do not report n come last, never as 0. */
  for (guint i = 0; i < n_shown (); i++)
    {
      int n = ep_trial_get_n (shown (i));

      if (n < 0)
        seen_unreported = TRUE;
      else
        {
          g_assert_false (seen_unreported);
          g_assert_cmpint (n, >=, previous);
          previous = n;
        }
    }

  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
}

static void
test_browser_compare (void)
{
  GtkSelectionModel *selection = ep_trial_browser_get_selection (browser);
  GtkWidget *compare = ep_test_ui_find (GTK_WIDGET (browser), has_action, "trials.compare");
  g_autoptr(GPtrArray) selected = NULL;
  EpTrialCompare *window_compare = NULL;
  guint cr_row = G_MAXUINT;

  g_assert_nonnull (compare);
  ep_trial_browser_set_search_text (browser, "");
  gtk_selection_model_unselect_all (selection);
  ep_test_ui_iterate ();
  g_assert_false (gtk_widget_is_sensitive (compare));

  gtk_selection_model_select_item (selection, 0, TRUE);
  ep_test_ui_iterate ();
  g_assert_false (gtk_widget_is_sensitive (compare));

  gtk_selection_model_select_item (selection, 1, FALSE);
  ep_test_ui_iterate ();
  g_assert_true (gtk_widget_is_sensitive (compare));

  selected = ep_trial_browser_get_selected (browser);
  g_assert_cmpuint (selected->len, ==, 2);

  g_signal_emit_by_name (compare, "clicked");
  ep_test_ui_iterate ();

  window_compare = (EpTrialCompare *) ep_test_ui_find_toplevel (EP_TYPE_TRIAL_COMPARE);
  g_assert_nonnull (window_compare);
  g_assert_cmpuint (ep_trial_compare_get_n_arms (window_compare), ==, 2);

  /* Outcomes as rows; each cell is the arm's own value or an em dash, never a zero. */
  for (guint r = 0; r < ep_trial_compare_get_n_rows (window_compare); r++)
    if (g_strcmp0 (ep_trial_compare_get_row_label (window_compare, r), "Complete remission") == 0)
      cr_row = r;
  g_assert_cmpuint (cr_row, !=, G_MAXUINT);

  for (guint arm = 0; arm < 2; arm++)
    {
      EpTrial *trial = g_ptr_array_index (selected, arm);
      g_autofree char *expected = NULL;

      /* the printed value first; the exact CI follows when N is known */
      g_object_get (trial, "cr-text", &expected, NULL);
      g_assert_true (g_str_has_prefix (ep_trial_compare_get_cell (window_compare, cr_row, arm), expected));
    }

  gtk_window_destroy (GTK_WINDOW (window_compare));
  ep_test_ui_iterate ();
}

static void
test_compare_bite_car_t (void)
{
  g_autoptr(GPtrArray) trials = g_ptr_array_new ();
  EpTrial *eliana = NULL;
  EpTrial *tower = NULL;
  GtkWidget *compare;
  guint os_row = G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      EpTrial *trial = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      g_object_unref (trial);
      if (g_strcmp0 (ep_trial_get_trial (trial), "ELIANA") == 0)
        eliana = trial;
      else if (g_strcmp0 (ep_trial_get_trial (trial), "Phase 3 (TOWER)") == 0 &&
               g_strcmp0 (ep_trial_get_agent (trial), "blinatumomab") == 0)
        tower = trial;
    }
  g_assert_nonnull (eliana);
  g_assert_nonnull (tower);
  g_ptr_array_add (trials, tower);
  g_ptr_array_add (trials, eliana);

  compare = ep_trial_compare_new (window, trials);

  /* Both report OS: TOWER a median, ELIANA a 12-month rate; each row shows one of them and an
   * em dash for the other. */
  for (guint r = 0; r < ep_trial_compare_get_n_rows (EP_TRIAL_COMPARE (compare)); r++)
    if (g_str_has_prefix (ep_trial_compare_get_row_label (EP_TRIAL_COMPARE (compare), r), "Median OS"))
      os_row = r;
  g_assert_cmpuint (os_row, !=, G_MAXUINT);
  g_assert_true (g_str_has_prefix (ep_trial_compare_get_cell (EP_TRIAL_COMPARE (compare), os_row, 0), "7.7"));
  g_assert_cmpstr (ep_trial_compare_get_cell (EP_TRIAL_COMPARE (compare), os_row, 1), ==, "—");

  /* CR with its exact CI from n/N: ELIANA 81% of 75 infused, x = 61; TOWER 44% of 271,
   * x = round (119.24) = 119. R: binom.test (61, 75)$conf.int = 0.7066845, 0.8940175;
   * binom.test (119, 271)$conf.int = 0.3791364, 0.5004385 */
  {
    guint cr_row = G_MAXUINT;

    for (guint r = 0; r < ep_trial_compare_get_n_rows (EP_TRIAL_COMPARE (compare)); r++)
      if (g_strcmp0 (ep_trial_compare_get_row_label (EP_TRIAL_COMPARE (compare), r), "Complete remission") == 0)
        cr_row = r;
    g_assert_cmpuint (cr_row, !=, G_MAXUINT);
    g_assert_cmpstr (ep_trial_compare_get_cell (EP_TRIAL_COMPARE (compare), cr_row, 0), ==, "44% (95% CI 37.9–50.0)");
    g_assert_cmpstr (ep_trial_compare_get_cell (EP_TRIAL_COMPARE (compare), cr_row, 1), ==, "81% (95% CI 70.7–89.4)");
  }
  gtk_window_set_default_size (GTK_WINDOW (compare), 1000, 900);
  gtk_window_present (GTK_WINDOW (compare));
  for (int i = 0; i < 30; i++)
    {
      g_usleep (10000);
      ep_test_ui_iterate ();
    }
  save_screenshot (compare, "compare-tower-eliana");

  /* a reported zero stays 0: seed 004 Table 3, no neurologic event among 30 patients */
  {
    g_autoptr(GPtrArray) pair = g_ptr_array_new ();
    GtkWidget *zero;
    guint neuro_row = G_MAXUINT;

    g_ptr_array_add (pair, ep_catalog_lookup (catalog, "short-course-blina"));
    g_ptr_array_add (pair, eliana);
    zero = ep_trial_compare_new (window, pair);
    for (guint r = 0; r < ep_trial_compare_get_n_rows (EP_TRIAL_COMPARE (zero)); r++)
      if (g_strcmp0 (ep_trial_compare_get_row_label (EP_TRIAL_COMPARE (zero), r), "neurotoxicity, grade any (%)") == 0)
        neuro_row = r;
    g_assert_cmpuint (neuro_row, !=, G_MAXUINT);
    g_assert_cmpstr (ep_trial_compare_get_cell (EP_TRIAL_COMPARE (zero), neuro_row, 0), ==, "0/30");
    g_assert_cmpstr (ep_trial_compare_get_cell (EP_TRIAL_COMPARE (zero), neuro_row, 1), ==, "40%");
    gtk_window_destroy (GTK_WINDOW (zero));
  }

  gtk_window_destroy (GTK_WINDOW (compare));
}

/* Compare with both TOWER arms and ELIANA (issue 18): TOWER's arms against each other, CR alone
 * in both (92/271 blinatumomab vs 20/124 chemotherapy, the counts of make_synthesis.R's
 * tower_cr.csv): escalc ("OR") gives 2.6726 (1.5566–4.5889) (tower_cr_or_mh.json),
 * escalc ("RD", ai = 92, n1i = 271, ci = 20, n2i = 124) 0.178193 (0.092348–0.264038); in the
 * blinatumomab column, an em dash in the others; without the chemotherapy arm there is no
 * such row. */
static void
test_compare_two_arm (void)
{
  static const char * const ids[] = { "tower-chemotherapy", "tower-blinatumomab", "eliana", NULL };
  g_autoptr(GPtrArray) trials = g_ptr_array_new ();
  g_autoptr(GPtrArray) without = g_ptr_array_new ();
  EpTrialCompare *compare, *single;
  guint row = G_MAXUINT;
  const char *label = "Complete remission, experimental vs control arm (95% CI)";

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (trials, ep_catalog_lookup (catalog, ids[i]));
  compare = EP_TRIAL_COMPARE (ep_trial_compare_new (window, trials));
  for (guint r = 0; r < ep_trial_compare_get_n_rows (compare); r++)
    if (g_strcmp0 (ep_trial_compare_get_row_label (compare, r), label) == 0)
      row = r;
  g_assert_cmpuint (row, !=, G_MAXUINT);
  g_assert_cmpstr (ep_trial_compare_get_cell (compare, row, 0), ==, "—");
  g_assert_cmpstr (ep_trial_compare_get_cell (compare, row, 1), ==,
                   "OR 2.67 (1.56–4.59); RD +17.8 points (9.2–26.4) vs standard-of-care chemotherapy");
  g_assert_cmpstr (ep_trial_compare_get_cell (compare, row, 2), ==, "—");
  gtk_window_set_default_size (GTK_WINDOW (compare), 1000, 900);
  gtk_window_present (GTK_WINDOW (compare));
  for (int i = 0; i < 30; i++)
    {
      g_usleep (10000);
      ep_test_ui_iterate ();
    }
  save_screenshot (GTK_WIDGET (compare), "compare-tower-arms");
  gtk_window_destroy (GTK_WINDOW (compare));

  g_ptr_array_add (without, ep_catalog_lookup (catalog, "tower-blinatumomab"));
  g_ptr_array_add (without, ep_catalog_lookup (catalog, "eliana"));
  single = EP_TRIAL_COMPARE (ep_trial_compare_new (window, without));
  for (guint r = 0; r < ep_trial_compare_get_n_rows (single); r++)
    g_assert_cmpstr (ep_trial_compare_get_row_label (single, r), !=, label);
  gtk_window_destroy (GTK_WINDOW (single));
  ep_test_ui_iterate ();
}

/* "Forest Plot…" opens the options; their defaults are the catalog forest's (CR, by class,
 * overall shown) with the recommended GLMM (issue 18) and the rows map to
 * EpEvidenceForestOptions. */
static void
test_browser_forest_options (void)
{
  static const char * const ids[] = { "eliana", "tower-blinatumomab", NULL };
  EpForestOptionsDialog *dialog = NULL;
  EpEvidenceForestOptions options;

  select_ids (ids);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (browser), "trials.forest", NULL));
  ep_test_ui_iterate ();
  dialog = (EpForestOptionsDialog *) ep_test_ui_find_toplevel (EP_TYPE_FOREST_OPTIONS_DIALOG);
  g_assert_nonnull (dialog);

  ep_forest_options_dialog_get_options (dialog, &options);
  g_assert_cmpstr (options.outcome, ==, "cr");
  g_assert_cmpstr (options.subgroup, ==, "class");
  g_assert_cmpint (options.method, ==, EP_META_METHOD_GLMM);
  g_assert_cmpfloat (options.level, ==, 0.95);
  g_assert_cmpint (options.effect, ==, EP_EVIDENCE_EFFECT_PROPORTION);
  g_assert_true (options.show_overall);
  g_assert_false (options.knapp_hartung);
  g_assert_true (isnan (options.x_min));

  for (int i = 0; i < 30; i++)
    {
      g_usleep (10000);
      ep_test_ui_iterate ();
    }
  save_screenshot (GTK_WIDGET (dialog), "forest-options");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_selection_model_unselect_all (ep_trial_browser_get_selection (browser));
  ep_test_ui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpApplication) app = NULL;
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
  adw_init ();
  /* Registers the resources the templates come from. */
  app = ep_application_new ();

  catalog = ep_catalog_new_default (&error);
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 800);
  browser = EP_TRIAL_BROWSER (ep_trial_browser_new ());
  ep_trial_browser_set_catalog (browser, catalog);
  gtk_window_set_child (window, GTK_WIDGET (browser));
  gtk_window_present (window);
  ep_test_ui_iterate ();

  g_test_add_func ("/trial-browser/shows-all", test_browser_shows_all);
  g_test_add_func ("/trial-browser/search", test_browser_search);
  g_test_add_func ("/trial-browser/sort", test_browser_sort);
  g_test_add_func ("/trial-browser/compare", test_browser_compare);
  g_test_add_func ("/trial-browser/compare-bite-car-t", test_compare_bite_car_t);
  g_test_add_func ("/trial-browser/compare-two-arm", test_compare_two_arm);
  g_test_add_func ("/trial-browser/guard", test_browser_guard);
  g_test_add_func ("/trial-browser/forest-options", test_browser_forest_options);

  ret = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&catalog);

  return ret;
}
