/* ep-window.c: Endpoint's main window
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window with three places, switched from the header: Trials (the evidence catalog),
 * Cohorts (patient-level data) and Figures (survival and forest plots). What they show is the
 * window's project (ep-window-project.c).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-window-private.h"

G_DEFINE_FINAL_TYPE (EpWindow, ep_window, ADW_TYPE_APPLICATION_WINDOW)

/* The schema is looked up rather than assumed: an uninstalled binary run without
 * GSETTINGS_SCHEMA_DIR still starts, it only forgets its size. */
static GSettings *
ep_window_create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_warning ("GSettings schema %s not found; window state will not be kept", APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
ep_window_restore_state (EpWindow *self)
{
  int width, height;

  g_assert (EP_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
ep_window_save_state (EpWindow *self)
{
  int width, height;
  gboolean maximized;

  g_assert (EP_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* The unmaximized size, so that unmaximizing next time restores it. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

/* The bundled catalog is validated as it loads; if that ever fails, the Trials page says why
 * instead of showing part of it. */
static void
ep_window_load_catalog (EpWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (EP_IS_WINDOW (self));

  self->catalog = ep_catalog_new_default (&error);
  if (self->catalog != NULL)
    {
      ep_trial_browser_set_catalog (self->trial_browser, self->catalog);
      /* The first thing a person does here is look for a trial. */
      ep_trial_browser_focus_search (self->trial_browser);
    }
  else
    ep_trial_browser_show_error (self->trial_browser, error);
}

static gboolean
ep_window_close_request (GtkWindow *window)
{
  EpWindow *self = EP_WINDOW (window);

  /* Unsaved changes are asked about first; the window closes after the answer. */
  if (!_ep_window_project_close_request (self))
    return TRUE;

  ep_window_save_state (self);

  return GTK_WINDOW_CLASS (ep_window_parent_class)->close_request (window);
}

static void
ep_window_dispose (GObject *object)
{
  EpWindow *self = EP_WINDOW (object);

  _ep_window_project_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_WINDOW);

  G_OBJECT_CLASS (ep_window_parent_class)->dispose (object);
}

static void
ep_window_finalize (GObject *object)
{
  EpWindow *self = EP_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);
  _ep_window_project_finalize (self);

  G_OBJECT_CLASS (ep_window_parent_class)->finalize (object);
}

static void
ep_window_class_init (EpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ep_window_dispose;
  object_class->finalize = ep_window_finalize;

  window_class->close_request = ep_window_close_request;

  g_type_ensure (EP_TYPE_TRIAL_BROWSER);
  g_type_ensure (EP_TYPE_FIGURE_PAGE);
  g_type_ensure (EP_TYPE_COHORT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, project_title);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, trial_browser);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, cohort_page);
  gtk_widget_class_bind_template_child (widget_class, EpWindow, figure_page);

  _ep_window_class_actions_init (klass);
}

static void
ep_window_init (EpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = ep_window_create_settings ();
  ep_window_restore_state (self);

  ep_window_load_catalog (self);
  _ep_window_project_init (self);

  /* Export Figure follows the selected figure. */
  g_signal_connect_object (self->figure_page, "notify::selected-figure",
                           G_CALLBACK (_ep_window_actions_update), self, G_CONNECT_SWAPPED);
  _ep_window_actions_update (self);
}

EpWindow *
ep_window_new (EpApplication *application)
{
  g_return_val_if_fail (EP_IS_APPLICATION (application), NULL);

  return g_object_new (EP_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
ep_window_show_toast (EpWindow   *self,
                      const char *title)
{
  AdwToast *toast;

  g_return_if_fail (EP_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
ep_window_set_place (EpWindow   *self,
                     const char *name)
{
  g_return_if_fail (EP_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
ep_window_get_place (EpWindow *self)
{
  g_return_val_if_fail (EP_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}
