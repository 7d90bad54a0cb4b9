/* ep-application.c: the Endpoint application
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-application.h"
#include "app/ep-window.h"
#include "ep-app-resources.h"

struct _EpApplication
{
  AdwApplication parent_instance;

  gboolean       recovery_offered;
};

G_DEFINE_FINAL_TYPE (EpApplication, ep_application, ADW_TYPE_APPLICATION)

static EpWindow *
ep_application_get_main_window (EpApplication *self)
{
  GtkWindow *window;

  g_assert (EP_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (ep_window_new (self));
      gtk_window_present (window);
      /* What a crashed session left unsaved is offered by the first window. */
      if (!self->recovery_offered)
        {
          self->recovery_offered = TRUE;
          ep_window_offer_recovery (EP_WINDOW (window), NULL);
        }
    }

  return EP_WINDOW (window);
}

static void
ep_application_activate (GApplication *app)
{
  EpApplication *self = EP_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (ep_application_get_main_window (self)));
}

static void
ep_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  EpApplication *self = EP_APPLICATION (app);
  EpWindow *window = ep_application_get_main_window (self);

  for (int i = 0; i < n_files; i++)
    ep_window_open_project (window, files[i]);

  gtk_window_present (GTK_WINDOW (window));
}

static void
ep_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Endpoint developers", NULL };
  EpApplication *self = user_data;
  GtkWindow *window;
  GtkWidget *about;

  g_assert (EP_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-name", _("Endpoint"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Endpoint developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Survival analysis and trial evidence for clinicians"),
                        "website", "https://endpoint.example.org",
                        "issue-url", "https://endpoint.example.org/issues",
                        "copyright", "© 2026 The Endpoint developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your names, one name per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Statistical references"),
                                                (const char *[]) {
                                                  "R survival https://github.com/therneau/survival",
                                                  "R cmprsk https://cran.r-project.org/package=cmprsk",
                                                  "R metafor https://www.metafor-project.org",
                                                  NULL });
  gtk_window_present (GTK_WINDOW (about));
}

static void
ep_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  EpApplication *self = user_data;
  GList *windows;

  g_assert (EP_IS_APPLICATION (self));

  /* Close windows rather than quitting outright so each can save its state. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "about", ep_application_about_action },
  { "quit", ep_application_quit_action },
};

static void
ep_application_startup (GApplication *app)
{
  EpApplication *self = EP_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new-project", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export-figure", { "<Control>e", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.show-place::trials", { "<Alt>1", NULL } },
    { "win.show-place::cohorts", { "<Alt>2", NULL } },
    { "win.show-place::figures", { "<Alt>3", NULL } },
  };

  G_APPLICATION_CLASS (ep_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}

static void
ep_application_class_init (EpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* Before any widget class looks up its template. */
  ep_app_register_resource ();

  app_class->startup = ep_application_startup;
  app_class->activate = ep_application_activate;
  app_class->open = ep_application_open;
}

static void
ep_application_init (EpApplication *self)
{
}

EpApplication *
ep_application_new (void)
{
  return g_object_new (EP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}
