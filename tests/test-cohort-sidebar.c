/* test-cohort-sidebar.c: the Cohorts page's side panel (EpCohortSidebar)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns list follows the cohort's columns (type, missing count, role) and its role
 * drop-down sets the role as an undoable edit; the endpoints list describes each endpoint and
 * offers its removal; no cohort empties both. The expected texts are hand-written from the
 * cohort built here.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "app/ep-application.h"
#include "app/ep-cohort-sidebar.h"

#include "ep-test-ui.h"

/* The n-th GtkListBox under root, depth first: 0 is the endpoints, 1 the columns. */
static GtkListBox *
find_list (GtkWidget *root,
           guint     *n)
{
  if (GTK_IS_LIST_BOX (root))
    {
      if (*n == 0)
        return GTK_LIST_BOX (root);
      (*n)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = find_list (child, n);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkListBox *
sidebar_list (EpCohortSidebar *sidebar,
              guint            index)
{
  GtkListBox *list = find_list (GTK_WIDGET (sidebar), &index);

  g_assert_nonnull (list);
  return list;
}

static gboolean
has_type (GtkWidget     *widget,
          gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return ep_test_ui_find (root, has_type, GSIZE_TO_POINTER (type));
}

/* time (one missing of three) and status, both numbers. */
static EpCohort *
make_cohort (void)
{
  g_autoptr(EpTable) table = ep_table_new (3);
  EpTableColumn *time = ep_table_column_new ("time", EP_COLUMN_NUMBER, 3);
  EpTableColumn *status = ep_table_column_new ("status", EP_COLUMN_NUMBER, 3);
  const double times[] = { 6.0, 9.0, NAN }, statuses[] = { 1.0, 0.0, 1.0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_array_index (time->values, double, i) = times[i];
      g_array_index (status->values, double, i) = statuses[i];
    }
  g_assert_true (ep_table_insert_column (table, 0, time, &error));
  g_assert_no_error (error);
  g_assert_true (ep_table_insert_column (table, 1, status, &error));
  g_assert_no_error (error);
  return ep_cohort_new_from_table ("small", g_steal_pointer (&table));
}

static void
test_columns (void)
{
  g_autoptr(EpCohort) cohort = make_cohort ();
  EpCohortSidebar *sidebar = EP_COHORT_SIDEBAR (g_object_ref_sink (ep_cohort_sidebar_new ()));
  GtkListBox *columns = sidebar_list (sidebar, 1);
  GtkListBoxRow *time_row, *status_row;
  GtkDropDown *time_role, *status_role;
  EpCohortColumn *time = ep_cohort_get_column (cohort, 0);
  EpCohortColumn *status = ep_cohort_get_column (cohort, 1);
  EpColumnRole status_before = ep_cohort_column_get_role (status);
  EpColumnRole other = status_before == EP_COLUMN_ROLE_COVARIATE ? EP_COLUMN_ROLE_GROUP : EP_COLUMN_ROLE_COVARIATE;

  ep_cohort_sidebar_set_cohort (sidebar, cohort);
  g_assert_true (ep_cohort_sidebar_get_cohort (sidebar) == cohort);
  time_row = gtk_list_box_get_row_at_index (columns, 0);
  status_row = gtk_list_box_get_row_at_index (columns, 1);
  g_assert_nonnull (time_row);
  g_assert_nonnull (status_row);
  g_assert_null (gtk_list_box_get_row_at_index (columns, 2));

  /* Name, then type and how many values are missing. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (time_row)), ==, "time");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (time_row)), ==, "Number · 1 missing");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (status_row)), ==, "status");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)), ==, "Number");

  /* The drop-downs show the roles the cohort gave the columns. */
  time_role = GTK_DROP_DOWN (find_type (GTK_WIDGET (time_row), GTK_TYPE_DROP_DOWN));
  status_role = GTK_DROP_DOWN (find_type (GTK_WIDGET (status_row), GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (gtk_drop_down_get_selected (time_role), ==, ep_cohort_column_get_role (time));
  g_assert_cmpuint (gtk_drop_down_get_selected (status_role), ==, status_before);

  /* Choosing a role is an edit of the cohort, undone like any other. */
  gtk_drop_down_set_selected (status_role, other);
  g_assert_cmpint (ep_cohort_column_get_role (status), ==, other);
  g_assert_true (ep_cohort_can_undo (cohort));
  ep_cohort_undo (cohort);
  g_assert_cmpint (ep_cohort_column_get_role (status), ==, status_before);
  g_assert_cmpuint (gtk_drop_down_get_selected (status_role), ==, status_before);

  /* A role set elsewhere shows in the drop-down. */
  ep_cohort_set_column_role (cohort, 0, EP_COLUMN_ROLE_GROUP);
  g_assert_cmpuint (gtk_drop_down_get_selected (time_role), ==, EP_COLUMN_ROLE_GROUP);

  ep_cohort_sidebar_set_cohort (sidebar, NULL);
  g_assert_null (ep_cohort_sidebar_get_cohort (sidebar));
  g_assert_null (gtk_list_box_get_row_at_index (columns, 0));
  g_object_unref (sidebar);
}

static void
test_endpoints (void)
{
  g_autoptr(EpCohort) cohort = make_cohort ();
  const char *codes[] = { "1", NULL };
  g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_time ("OS", "time", "status", codes,
                                                                EP_TIME_UNIT_MONTHS);
  EpCohortSidebar *sidebar = EP_COHORT_SIDEBAR (g_object_ref_sink (ep_cohort_sidebar_new ()));
  GtkListBox *endpoints = sidebar_list (sidebar, 0);
  GtkListBoxRow *row;
  GtkWidget *remove;
  GVariant *target;

  ep_cohort_sidebar_set_cohort (sidebar, cohort);
  g_assert_null (gtk_list_box_get_row_at_index (endpoints, 0));

  ep_cohort_set_endpoint (cohort, os);
  ep_test_ui_iterate ();
  row = gtk_list_box_get_row_at_index (endpoints, 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "OS");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "time, event: status = 1; months");

  /* Its remove button is the page's action, aimed at this endpoint. */
  remove = find_type (GTK_WIDGET (row), GTK_TYPE_BUTTON);
  g_assert_nonnull (remove);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (remove)), ==, "cohort.remove-endpoint");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (remove));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "OS");

  ep_cohort_remove_endpoint (cohort, "OS");
  ep_test_ui_iterate ();
  g_assert_null (gtk_list_box_get_row_at_index (endpoints, 0));
  g_object_unref (sidebar);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EpApplication) app = NULL;

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

  g_test_add_func ("/cohort-sidebar/columns", test_columns);
  g_test_add_func ("/cohort-sidebar/endpoints", test_endpoints);

  return g_test_run ();
}
