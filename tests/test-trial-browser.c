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
#include "model/ep-catalog.h"

static EpCatalog *catalog;
static GtkWindow *window;
static EpTrialBrowser *browser;

static void
iterate (void)
{
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* Depth-first search of the widget tree. */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

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

static void
test_browser_shows_all (void)
{
  ep_trial_browser_set_search_text (browser, "");
  iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), >, 30);
  g_assert_cmpuint (n_shown (), ==, g_list_model_get_n_items (G_LIST_MODEL (catalog)));
}

static void
test_browser_search (void)
{
  GtkWidget *empty;

  ep_trial_browser_set_search_text (browser, "ELIANA");
  iterate ();
  g_assert_cmpuint (n_shown (), ==, 1);
  g_assert_cmpstr (ep_trial_get_trial (shown (0)), ==, "ELIANA");

  /* Case and accents don't matter; an NCT number finds its trial. */
  ep_trial_browser_set_search_text (browser, "eliana");
  iterate ();
  g_assert_cmpuint (n_shown (), ==, 1);

  /* Nothing matches: the empty state, with a way out. */
  ep_trial_browser_set_search_text (browser, "no such trial zzz");
  iterate ();
  g_assert_cmpuint (n_shown (), ==, 0);
  empty = find_widget (GTK_WIDGET (browser), has_action, "trials.clear-filters");
  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_mapped (empty));
  g_assert_true (gtk_widget_is_sensitive (empty));
  g_signal_emit_by_name (empty, "clicked");
  iterate ();
  g_assert_cmpuint (n_shown (), ==, g_list_model_get_n_items (G_LIST_MODEL (catalog)));
}

static void
test_browser_sort (void)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (browser), has_type,
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
  iterate ();

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
  GtkWidget *compare = find_widget (GTK_WIDGET (browser), has_action, "trials.compare");
  g_autoptr(GPtrArray) selected = NULL;
  GListModel *toplevels;
  EpTrialCompare *window_compare = NULL;
  guint cr_row = G_MAXUINT;

  g_assert_nonnull (compare);
  ep_trial_browser_set_search_text (browser, "");
  gtk_selection_model_unselect_all (selection);
  iterate ();
  g_assert_false (gtk_widget_is_sensitive (compare));

  gtk_selection_model_select_item (selection, 0, TRUE);
  iterate ();
  g_assert_false (gtk_widget_is_sensitive (compare));

  gtk_selection_model_select_item (selection, 1, FALSE);
  iterate ();
  g_assert_true (gtk_widget_is_sensitive (compare));

  selected = ep_trial_browser_get_selected (browser);
  g_assert_cmpuint (selected->len, ==, 2);

  g_signal_emit_by_name (compare, "clicked");
  iterate ();

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (EP_IS_TRIAL_COMPARE (toplevel))
        window_compare = EP_TRIAL_COMPARE (toplevel);
    }
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

      g_object_get (trial, "cr-text", &expected, NULL);
      g_assert_cmpstr (ep_trial_compare_get_cell (window_compare, cr_row, arm), ==, expected);
    }

  gtk_window_destroy (GTK_WINDOW (window_compare));
  iterate ();
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

  gtk_window_destroy (GTK_WINDOW (compare));
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
  iterate ();

  g_test_add_func ("/trial-browser/shows-all", test_browser_shows_all);
  g_test_add_func ("/trial-browser/search", test_browser_search);
  g_test_add_func ("/trial-browser/sort", test_browser_sort);
  g_test_add_func ("/trial-browser/compare", test_browser_compare);
  g_test_add_func ("/trial-browser/compare-bite-car-t", test_compare_bite_car_t);

  ret = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&catalog);

  return ret;
}
