/* ep-window-recovery.c: the window's autosave and the recovery of unsaved changes
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Autosave: every edit ("changed") restarts a quiet timer (5 s), bounded so that the recovery
 * file is written at most 30 s after the first edit not yet in it; every analysis run that
 * finishes writes it at once. A save or a clean close removes it. At start the application asks
 * the first window to offer what a crashed session left (ep_window_offer_recovery); recovering
 * replaces the window's project, after Save / Discard when it has unsaved changes.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "app/ep-window-private.h"

/* ---- autosave -------------------------------------------------------------------------------- */

static void
recovery_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(EpWindow) self = data;
  EpProject *project = EP_PROJECT (object);
  g_autoptr(GError) error = NULL;

  self->recovery_running = FALSE;
  if (ep_project_write_recovery_finish (project, result, &error))
    self->recovery_writes++;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Unsaved changes could not be kept for recovery: %s"),
                                               error->message);

      _ep_window_toast_escaped (self, text);
    }

  /* Saved, replaced or closed while it was written: the copy is stale. */
  if (project != self->project || !ep_project_get_modified (project) || self->close_confirmed)
    {
      ep_project_discard_recovery (project);
      return;
    }

  if (self->recovery_again)
    {
      self->recovery_again = FALSE;
      _ep_window_write_recovery (self);
    }
}

void
_ep_window_write_recovery (EpWindow *self)
{
  g_assert (EP_IS_WINDOW (self));

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->project == NULL || !ep_project_get_modified (self->project) || self->close_confirmed)
    return;
  if (self->recovery_running)
    {
      self->recovery_again = TRUE;
      return;
    }

  self->recovery_running = TRUE;
  self->first_unsaved_edit = 0;
  if (self->recovery_cancellable == NULL)
    self->recovery_cancellable = g_cancellable_new ();
  ep_project_write_recovery_async (self->project, self->recovery_cancellable, recovery_written_cb,
                                   g_object_ref (self));
}

static gboolean
autosave_cb (gpointer data)
{
  EpWindow *self = data;

  self->autosave_id = 0;
  _ep_window_write_recovery (self);
  return G_SOURCE_REMOVE;
}

/* A quiet moment after the last edit, but never later than autosave_max_ms after the first
 * edit not yet written. */
void
_ep_window_project_changed (EpWindow  *self,
                            EpProject *project)
{
  gint64 now = g_get_monotonic_time ();
  gint64 left;

  if (self->first_unsaved_edit == 0)
    self->first_unsaved_edit = now;
  left = (gint64) self->autosave_max_ms - (now - self->first_unsaved_edit) / 1000;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  /* The ceiling has passed: write now. A zero timeout would be replaced by the next edit before
   * it ran whenever edits come faster than the main loop turns (issue 12). */
  if (left <= 0)
    {
      _ep_window_write_recovery (self);
      return;
    }
  self->autosave_id = g_timeout_add ((guint) MIN (left, (gint64) self->autosave_quiet_ms),
                                     autosave_cb, self);
}

/* ---- recovery -------------------------------------------------------------------------------- */

void
_ep_window_recover (EpWindow   *self,
                    const char *path)
{
  g_autoptr(EpProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = ep_project_open_recovery (path, NULL, &error);
  if (project == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *name = _ep_window_file_display_name (file);
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Recover “%s”"), name);

      _ep_window_show_error (self, heading, error);
      return;
    }
  _ep_window_set_project (self, project);
  ep_window_show_toast (self, _("Unsaved changes recovered"));
}

typedef struct
{
  EpWindow *window;
  char     *path;
  char     *dir;
} RecoveryOffer;

static void
recovery_offer_free (RecoveryOffer *offer)
{
  g_object_unref (offer->window);
  g_free (offer->path);
  g_free (offer->dir);
  g_free (offer);
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      RecoveryOffer    *offer)
{
  EpWindow *self = offer->window;

  if (g_strcmp0 (response, "recover") == 0)
    _ep_window_ask_recover (self, offer->path);
  else if (g_strcmp0 (response, "discard") == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!ep_project_remove_recovery_file (offer->path, &error))
        _ep_window_toast_escaped (self, error->message);
      /* The next one, if a crash left several. */
      ep_window_offer_recovery (self, offer->dir);
    }
}

static gboolean
recovery_in_use (EpWindow   *self,
                 const char *path)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GList *windows = application != NULL ? gtk_application_get_windows (application) : NULL;

  if (self->project != NULL && g_strcmp0 (ep_project_get_recovery_path (self->project), path) == 0)
    return TRUE;
  for (GList *l = windows; l != NULL; l = l->next)
    if (EP_IS_WINDOW (l->data) && EP_WINDOW (l->data)->project != NULL
        && g_strcmp0 (ep_project_get_recovery_path (EP_WINDOW (l->data)->project), path) == 0)
      return TRUE;
  return FALSE;
}

/* "today at 14:05", "yesterday at 09:30", "on 3 November 2026 at 17:12" */
static char *
describe_time (GDateTime *time)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  int y, m, d, ny, nm, nd, yy, ym, yd;

  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_time_get_ymd (now, &ny, &nm, &nd);
  g_date_time_get_ymd (yesterday, &yy, &ym, &yd);

  if (y == ny && m == nm && d == nd)
    /* Translators: a time as g_date_time_format() writes it */
    return g_date_time_format (local, _("today at %H:%M"));
  if (y == yy && m == ym && d == yd)
    /* Translators: a time as g_date_time_format() writes it */
    return g_date_time_format (local, _("yesterday at %H:%M"));
  /* Translators: a date and time as g_date_time_format() writes it */
  return g_date_time_format (local, _("on %-d %B %Y at %H:%M"));
}

gboolean
ep_window_offer_recovery (EpWindow   *self,
                          const char *dir)
{
  g_autoptr(GPtrArray) files = NULL;
  const EpRecoveryFile *offered = NULL;
  guint n_more = 0;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  RecoveryOffer *offer;

  g_return_val_if_fail (EP_IS_WINDOW (self), FALSE);

  files = ep_project_list_recovery_files (dir);
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      const EpRecoveryFile *file = g_ptr_array_index (files, i);

      if (!file->readable || recovery_in_use (self, file->path))
        continue;
      if (offered == NULL)
        offered = file;
      else
        n_more++;
    }
  if (offered == NULL)
    return FALSE;

  when = describe_time (offered->written);
  if (offered->origin != NULL)
    {
      g_autoptr(GFile) origin = g_file_new_for_path (offered->origin);

      name = _ep_window_file_display_name (origin);
      if (g_str_has_suffix (name, ".endpoint") && strlen (name) > strlen (".endpoint"))
        name[strlen (name) - strlen (".endpoint")] = '\0';
      /* Translators: the first %s is a project's name, the second when its recovery file was
       * written ("today at 14:05") */
      body = g_strdup_printf (_("Endpoint did not close properly. The unsaved changes to “%s”, "
                                "kept %s, can be recovered."), name, when);
    }
  else
    /* Translators: %s is when the recovery file was written ("today at 14:05") */
    body = g_strdup_printf (_("Endpoint did not close properly. An untitled project, kept %s, "
                            "can be recovered."), when);
  if (n_more > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "One more recovery file follows.",
                                                            "%u more recovery files follow.",
                                                            n_more),
                                               n_more);
      g_autofree char *joined = g_strconcat (body, "\n\n", more, NULL);

      g_free (body);
      body = g_steal_pointer (&joined);
    }

  dialog = _ep_window_message_dialog (self, _("Recover Unsaved Changes?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "later", _("_Not Now"),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover");
  adw_message_dialog_set_close_response (dialog, "later");

  offer = g_new0 (RecoveryOffer, 1);
  offer->window = g_object_ref (self);
  offer->path = g_strdup (offered->path);
  offer->dir = g_strdup (dir);
  g_signal_connect_data (dialog, "response", G_CALLBACK (recovery_response_cb), offer,
                         (GClosureNotify) (void (*) (void)) recovery_offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

