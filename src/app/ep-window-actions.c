/* ep-window-actions.c: EpWindow's actions (win.*)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accelerators are set on the application (ep-application.c) so that menus and the shortcuts
 * window show them. Actions that a later feature gives meaning to exist already and stay
 * disabled until then.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-window-private.h"

static void
ep_window_open_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            EpWindow        *self)
{
  g_assert (EP_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        ep_window_open_project (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
ep_window_actions_open (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  EpWindow *self = EP_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();

  g_assert (EP_IS_WINDOW (self));

  gtk_file_filter_set_name (projects, _("Endpoint Projects"));
  gtk_file_filter_add_mime_type (projects, "application/x-endpoint-project");
  gtk_file_filter_add_suffix (projects, "endpoint");

  dialog = gtk_file_chooser_native_new (_("Open Project"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), projects);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response",
                    G_CALLBACK (ep_window_open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
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

/* Shared by the actions that have no implementation yet; they are disabled, so this only runs
 * if one is activated programmatically. */
static void
ep_window_actions_not_yet (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  g_debug ("%s is not available yet", action_name);
}

void
_ep_window_class_actions_init (EpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, ep_window_actions_not_yet);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, ep_window_actions_open);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, ep_window_actions_not_yet);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, ep_window_actions_not_yet);
  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, ep_window_actions_export_figure);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, ep_window_actions_search);
  gtk_widget_class_install_action (widget_class, "win.show-place", "s", ep_window_actions_show_place);
}

void
_ep_window_actions_update (EpWindow *self)
{
  g_assert (EP_IS_WINDOW (self));

  /* Projects and figures arrive with later features. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-project", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-figure",
                                 ep_figure_page_get_selected (self->figure_page) != NULL);
}
