/* ep-window-actions.c: EpWindow's actions (win.*)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accelerators are set on the application (ep-application.c) so that menus and the shortcuts
 * window show them.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-window-private.h"

/* Ctrl+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S: the project (ep-window-project.c), each asking about
 * unsaved changes where it would lose them. */
static void
ep_window_actions_new_project (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  _ep_window_new_project (EP_WINDOW (widget));
}

static void
ep_window_actions_open (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  _ep_window_open_chooser (EP_WINDOW (widget));
}

static void
ep_window_actions_open_recent (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  ep_window_open_project (EP_WINDOW (widget), file);
}

static void
ep_window_actions_open_example (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  _ep_window_open_example (EP_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
ep_window_actions_save (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  _ep_window_save (EP_WINDOW (widget));
}

static void
ep_window_actions_save_as (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  _ep_window_save_as (EP_WINDOW (widget));
}

static void
ep_window_actions_cancel_operation (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  _ep_window_cancel_operation (EP_WINDOW (widget));
}

static void
ep_window_actions_show_cohort (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  _ep_window_show_cohort (EP_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Ctrl+F: the search of the visible place. */
static void
ep_window_actions_search (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  EpWindow *self = EP_WINDOW (widget);

  g_assert (EP_IS_WINDOW (self));

  if (g_strcmp0 (ep_window_get_place (self), "trials") == 0)
    ep_trial_browser_focus_search (self->trial_browser);
}

/* Ctrl+E: the export dialog of the selected figure. */
static void
ep_window_actions_export_figure (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  EpWindow *self = EP_WINDOW (widget);

  g_assert (EP_IS_WINDOW (self));

  if (ep_figure_page_get_selected (self->figure_page) == NULL)
    return;

  ep_window_set_place (self, "figures");
  ep_figure_page_export (self->figure_page);
}

/* Alt+1, Alt+2, Alt+3: the three places, from anywhere in the window. */
static void
ep_window_actions_show_place (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  EpWindow *self = EP_WINDOW (widget);

  g_assert (EP_IS_WINDOW (self));

  ep_window_set_place (self, g_variant_get_string (param, NULL));
}

/* The Undo of the toast after an analysis was removed: the project's history (analyses and
 * figures; the data have their own undo in the cohort editor). */
static void
ep_window_actions_undo_project (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  _ep_window_undo_project (EP_WINDOW (widget));
}

void
_ep_window_class_actions_init (EpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, ep_window_actions_new_project);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, ep_window_actions_open);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", ep_window_actions_open_recent);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", ep_window_actions_open_example);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, ep_window_actions_save);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, ep_window_actions_save_as);
  gtk_widget_class_install_action (widget_class, "win.cancel-operation", NULL, ep_window_actions_cancel_operation);
  gtk_widget_class_install_action (widget_class, "win.show-cohort", "s", ep_window_actions_show_cohort);
  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, ep_window_actions_export_figure);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, ep_window_actions_search);
  gtk_widget_class_install_action (widget_class, "win.show-place", "s", ep_window_actions_show_place);
  gtk_widget_class_install_action (widget_class, "win.undo-project", NULL, ep_window_actions_undo_project);
}

void
_ep_window_actions_update (EpWindow *self)
{
  g_assert (EP_IS_WINDOW (self));

  /* One save or open at a time; Cancel is the progress toast's button. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", self->operation == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", self->operation == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-operation", self->operation != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-figure",
                                 ep_figure_page_get_selected (self->figure_page) != NULL);
}
