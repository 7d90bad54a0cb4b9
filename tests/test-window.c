/* test-window.c: the application shell under a real (virtual) X server
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds EpApplication and its window, and checks what a person finds there: the title, the
 * three places with their empty states, the primary menu's actions and their shortcuts, the
 * About window and the kept window size. Skipped when no display is available.
 */
#include "config.h"

#include <adwaita.h>

#include "app/ep-application.h"
#include "ep-test-ui.h"
#include "app/ep-window-private.h"

static EpApplication *app;

/* The X server answers a resize asynchronously, and GTK takes the size it reports as the new
 * default size: iterating a fixed number of times can close the window before the answer to an
 * earlier configure arrives (and turns 900 back into the first size). Resize, then wait until
 * the window's allocation has changed (up to 10 s) and for anything queued behind it. */
static void
resize_and_wait (GtkWindow *window,
                 int        width,
                 int        height)
{
  gint64 deadline = g_get_monotonic_time () + EP_TEST_UI_WAIT_US;
  int before = gtk_widget_get_width (GTK_WIDGET (window));

  gtk_window_set_default_size (window, width, height);
  while (g_get_monotonic_time () < deadline
         && gtk_widget_get_width (GTK_WIDGET (window)) == before)
    {
      ep_test_ui_iterate ();
      g_usleep (10000);
    }
  for (guint i = 0; i < 10; i++)
    {
      ep_test_ui_iterate ();
      g_usleep (5000);
    }
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

static void
test_window_title_and_places (void)
{
  EpWindow *window = get_window ();
  static const char *places[] = { "trials", "cohorts", "figures" };
  static const char *titles[] = { "Trials", "Cohorts", "Figures" };
  g_autoptr(GtkSelectionModel) pages = NULL;

  /* The window is titled after its project (test-window-project.c checks the unsaved mark). */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Project");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  pages = adw_view_stack_get_pages (window->stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, places[i]);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));

      /* Trials shows the catalog; the places still to come show an empty state that says what
       * will live there. */
      if (i == 0)
        {
          g_assert_true (EP_IS_TRIAL_BROWSER (child));
          g_assert_nonnull (ep_trial_browser_get_catalog (EP_TRIAL_BROWSER (child)));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ep_trial_browser_get_selection (EP_TRIAL_BROWSER (child)))),
                            >, 30);
        }
      else if (i == 1)
        {
          /* Cohorts: the page, in its welcome state until a cohort is opened. */
          g_assert_true (EP_IS_COHORT_PAGE (child));
          g_assert_null (ep_cohort_page_get_cohort (EP_COHORT_PAGE (child)));
          g_assert_cmpstr (ep_cohort_page_get_view (EP_COHORT_PAGE (child)), ==, "welcome");
        }
      else if (i == 2)
        {
          /* Figures: the page, with its empty state until a figure is added. */
          g_assert_true (EP_IS_FIGURE_PAGE (child));
          g_assert_cmpuint (g_list_model_get_n_items (ep_figure_page_get_figures (EP_FIGURE_PAGE (child))), ==, 0);
          g_assert_null (ep_figure_page_get_selected (EP_FIGURE_PAGE (child)));
        }
      else
        {
          g_assert_true (ADW_IS_STATUS_PAGE (child));
          g_assert_cmpuint (strlen (adw_status_page_get_title (ADW_STATUS_PAGE (child))), >, 0);
          g_assert_cmpuint (strlen (adw_status_page_get_description (ADW_STATUS_PAGE (child))), >, 20);
        }

      ep_window_set_place (window, places[i]);
      ep_test_ui_iterate ();
      g_assert_cmpstr (ep_window_get_place (window), ==, places[i]);
    }

  /* The switcher in the header drives the same stack. */
  g_assert_true (adw_view_switcher_title_get_stack (window->switcher_title) == window->stack);
  g_assert_true (adw_view_switcher_bar_get_stack (window->switcher_bar) == window->stack);
}

/* Collects every action named by the menu, descending into sections. */
static void
collect_menu_actions (GMenuModel *model,
                      GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, g_steal_pointer (&action));

      section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (section != NULL)
        collect_menu_actions (section, actions);
    }
}

static gboolean
window_has_action (EpWindow   *window,
                   const char *name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (window);
  const char *prefixed = name;
  const char *action_name;
  GType owner;
  const GVariantType *parameter_type;
  const char *property_name;

  for (guint i = 0;
       gtk_widget_class_query_action (klass, i, &owner, &action_name, &parameter_type, &property_name);
       i++)
    if (g_strcmp0 (action_name, prefixed) == 0)
      return TRUE;

  /* GtkApplicationWindow's own, e.g. show-help-overlay */
  if (g_str_has_prefix (name, "win."))
    return g_action_group_has_action (G_ACTION_GROUP (window), name + 4);

  return FALSE;
}

static void
test_window_menu_and_shortcuts (void)
{
  EpWindow *window = get_window ();
  GMenuModel *menu = gtk_menu_button_get_menu_model (window->primary_menu_button);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "win.new-project", "<Control>n" },
    { "win.open", "<Control>o" },
    { "win.save", "<Control>s" },
    { "win.save-as", "<Shift><Control>s" },
    { "win.export-figure", "<Control>e" },
    { "win.show-help-overlay", "<Control>question" },
    { "app.about", NULL },
  };

  g_assert_nonnull (menu);
  collect_menu_actions (menu, actions);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean in_menu = FALSE;

      for (guint j = 0; j < actions->len; j++)
        in_menu |= g_str_equal (g_ptr_array_index (actions, j), expected[i].action);
      g_assert_true (in_menu);

      if (g_str_has_prefix (expected[i].action, "win."))
        g_assert_true (window_has_action (window, expected[i].action));
      else
        g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), expected[i].action + 4));

      if (expected[i].accel != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                        expected[i].action);
          guint key_a, key_e;
          GdkModifierType mods_a, mods_e;

          g_assert_nonnull (accels[0]);
          g_assert_true (gtk_accelerator_parse (accels[0], &key_a, &mods_a));
          g_assert_true (gtk_accelerator_parse (expected[i].accel, &key_e, &mods_e));
          g_assert_cmpuint (key_a, ==, key_e);
          g_assert_cmpuint (mods_a, ==, mods_e);
        }
    }

  /* Quit has Ctrl+Q; the help overlay (shortcuts window) was loaded from the resources. */
  {
    g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
    g_assert_cmpstr (quit[0], ==, "<Control>q");
  }
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  /* Alt+1/2/3 reach the three places from anywhere. */
  {
    static const char *places[] = { "trials", "cohorts", "figures" };

    for (guint i = 0; i < G_N_ELEMENTS (places); i++)
      {
        g_autofree char *detailed = g_strdup_printf ("win.show-place::%s", places[i]);
        g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
        g_auto(GStrv) place_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), detailed);

        g_assert_cmpstr (place_accels[0], ==, accel);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-place", "s", places[i]));
        ep_test_ui_iterate ();
        g_assert_cmpstr (ep_window_get_place (window), ==, places[i]);
      }
    ep_window_set_place (window, "trials");
  }
}

static void
test_window_about (void)
{
  EpWindow *window = get_window ();
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ep_test_ui_iterate ();

  about = ep_test_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Endpoint");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)));
  g_assert_nonnull (adw_about_window_get_developers (ADW_ABOUT_WINDOW (about)));
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));

  gtk_window_destroy (about);
  ep_test_ui_iterate ();
}

/* An actionable button in the window reflects whether its action is enabled. */
static gboolean
action_is_enabled (EpWindow   *window,
                   const char *action)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  adw_header_bar_pack_start (window->header_bar, button);
  ep_test_ui_iterate ();
  enabled = gtk_widget_get_sensitive (button);
  adw_header_bar_remove (window->header_bar, button);

  return enabled;
}

static void
test_window_disabled_actions (void)
{
  EpWindow *window = get_window ();

  /* Export Figure stays off until there is a figure. */
  g_assert_false (action_is_enabled (window, "win.export-figure"));

  /* The project's actions, About and the shortcuts window work. */
  g_assert_true (action_is_enabled (window, "win.save"));
  g_assert_true (action_is_enabled (window, "win.save-as"));
  g_assert_true (action_is_enabled (window, "win.new-project"));
  g_assert_true (action_is_enabled (window, "win.open"));
  g_assert_true (action_is_enabled (window, "app.about"));
  g_assert_true (action_is_enabled (window, "win.show-help-overlay"));
}

static void
test_window_open_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/<b>markup</b>.endpoint");
  GFile *files[] = { file };

  /* Opening a project from the command line presents the window and must not crash on a name
   * that looks like markup (it is escaped for the toast). */
  g_application_open (G_APPLICATION (app), files, 1, "");
  ep_test_ui_iterate ();
  g_assert_nonnull (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static void
test_window_state_kept (void)
{
  EpWindow *window = get_window ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  resize_and_wait (GTK_WINDOW (window), 900, 650);
  gtk_window_close (GTK_WINDOW (window));
  ep_test_ui_iterate ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window comes back at that size. */
  window = get_window ();
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 650);
  }
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

  app = ep_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_hold (G_APPLICATION (app));
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

  g_test_add_func ("/window/title-and-places", test_window_title_and_places);
  g_test_add_func ("/window/menu-and-shortcuts", test_window_menu_and_shortcuts);
  g_test_add_func ("/window/disabled-actions", test_window_disabled_actions);
  g_test_add_func ("/window/about", test_window_about);
  g_test_add_func ("/window/open-file", test_window_open_file);
  g_test_add_func ("/window/state-kept", test_window_state_kept);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return ret;
}
