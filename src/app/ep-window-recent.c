/* ep-window-recent.c: the window's recent and example projects, in the primary menu and in the
 * Cohorts page's welcome state
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recent projects are GtkRecentManager's (the newest N_RECENT that still exist); the example
 * projects are written by the build. An example opens as a template: it has no file, so Save
 * asks where.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "app/ep-window-private.h"

#define N_RECENT 6

/* ---- recent projects ------------------------------------------------------------------------- */

/* Menu labels take mnemonics: a file named "R_and_D" keeps its underscores. */
char *
_ep_window_escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *x = *(GtkRecentInfo * const *) a;
  GtkRecentInfo *y = *(GtkRecentInfo * const *) b;

  return g_date_time_compare (gtk_recent_info_get_modified (y), gtk_recent_info_get_modified (x));
}

static void
ep_window_update_recent (EpWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GPtrArray) projects = g_ptr_array_new ();
  GList *items;

  g_assert (EP_IS_WINDOW (self));

  items = gtk_recent_manager_get_items (manager);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);

      if ((g_strcmp0 (gtk_recent_info_get_mime_type (info), EP_WINDOW_PROJECT_MIME_TYPE) == 0
           || g_str_has_suffix (uri, ".endpoint"))
          && gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (projects, info);
    }
  g_ptr_array_sort (projects, compare_recent);

  g_menu_remove_all (self->recent_menu);
  for (GtkWidget *row; (row = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL;)
    gtk_list_box_remove (self->recent_list, row);
  gtk_widget_set_visible (self->recent_box, projects->len > 0);

  for (guint i = 0; i < projects->len && i < N_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (projects, i);
      g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *name = _ep_window_file_display_name (file);
      g_autofree char *where = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;
      const char *home = g_get_home_dir ();
      GtkWidget *row;

      if (g_str_has_suffix (name, ".endpoint"))
        name[strlen (name) - strlen (".endpoint")] = '\0';
      label = _ep_window_escape_mnemonic (name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);

      /* The welcome state's row: the name, and the folder with ~ for the home folder. */
      where = folder != NULL ? g_file_get_path (folder) : NULL;
      if (where != NULL && g_str_has_prefix (where, home)
          && (where[strlen (home)] == '/' || where[strlen (home)] == '\0'))
        {
          char *tilde = g_strconcat ("~", where + strlen (home), NULL);

          g_free (where);
          where = tilde;
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where != NULL ? where : "");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                              g_variant_new_string (gtk_recent_info_get_uri (info)));
      gtk_list_box_append (self->recent_list, row);
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

void
_ep_window_add_recent (EpWindow *self,
                       GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) EP_WINDOW_PROJECT_MIME_TYPE,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "endpoint %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  if (data.app_name == NULL)
    data.app_name = (char *) "Endpoint";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* ---- example projects ------------------------------------------------------------------------ */

/* The example projects the build writes (data/examples/ep-make-examples.c): id, file, title. */
static const struct {
  const char *id;
  const char *file;
  const char *title;
} example_projects[] = {
  { "seed004", "seed004-blinatumomab.endpoint", N_("Short-Course Blinatumomab, 30 Patients") },
  { "aml", "aml.endpoint", N_("Acute Myeloid Leukemia, Maintenance (aml)") },
  { "cr-forest", "cr-forest-by-class.endpoint", N_("Complete Remission by Therapy Class") },
};

void
_ep_window_open_example (EpWindow   *self,
                         const char *id)
{
  const char *dir = self->example_projects_dir;

  g_assert (EP_IS_WINDOW (self));

  if (dir == NULL)
    dir = g_getenv ("ENDPOINT_EXAMPLE_PROJECTS_DIR");
  if (dir == NULL)
    dir = PKGDATADIR "/examples";

  for (guint i = 0; i < G_N_ELEMENTS (example_projects); i++)
    if (g_strcmp0 (example_projects[i].id, id) == 0)
      {
        g_autofree char *path = g_build_filename (dir, example_projects[i].file, NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);

        _ep_window_ask_open (self, file, TRUE);
      }
}

/* ---- the welcome state and the menu ---------------------------------------------------------- */

static GtkWidget *
welcome_list (const char  *heading,
              GtkListBox **list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (heading);

  gtk_widget_add_css_class (label, "heading");
  *list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (*list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (*list), "boxed-list");
  gtk_widget_set_size_request (GTK_WIDGET (*list), 360, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*list));
  return box;
}

/* The Cohorts page's welcome state lists the recent projects (hidden while there is none) and
 * the example projects, after Import…. */
static void
ep_window_add_welcome (EpWindow *self)
{
  static const char *descriptions[] = {
    N_("Cohort of 30 patients with response and outcome"),
    N_("Cohort, survival analysis and Kaplan-Meier figure"),
    N_("Forest plot of 15 trial arms, pooled by class"),
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkListBox *examples;

  G_STATIC_ASSERT (G_N_ELEMENTS (descriptions) == G_N_ELEMENTS (example_projects));

  self->recent_box = welcome_list (_("Recent Projects"), &self->recent_list);
  gtk_box_append (GTK_BOX (box), self->recent_box);
  gtk_box_append (GTK_BOX (box), welcome_list (_("Example Projects"), &examples));

  for (guint i = 0; i < G_N_ELEMENTS (example_projects); i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(example_projects[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(descriptions[i]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-example");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                              g_variant_new_string (example_projects[i].id));
      gtk_list_box_append (examples, row);
    }

  ep_cohort_page_add_welcome_section (self->cohort_page, box);
}

void
_ep_window_recent_init (EpWindow *self,
                        GMenu    *menu)
{
  g_autoptr(GMenu) examples = g_menu_new ();

  g_assert (EP_IS_WINDOW (self));

  self->recent_menu = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (example_projects); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(example_projects[i].title), NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-example",
                                               g_variant_new_string (example_projects[i].id));
      g_menu_append_item (examples, item);
    }
  g_menu_insert_section (menu, 1, _("Recent Projects"), G_MENU_MODEL (self->recent_menu));
  g_menu_insert_submenu (menu, 2, _("_Example Projects"), G_MENU_MODEL (examples));
  ep_window_add_welcome (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (ep_window_update_recent), self, G_CONNECT_SWAPPED);
  ep_window_update_recent (self);
}
