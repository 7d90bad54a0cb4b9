/* ep-project-recovery.c: recovery copies of a project's unsaved changes
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each project has a copy of its own under the user data folder (endpoint/recovery/
 * UUID.endpoint): ep_project_write_recovery_async() writes it, remembering the file it belongs
 * to, and ep_project_discard_recovery() removes it. After a crash the copies are listed, newest
 * first, and one opens as its original file, modified.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "model/ep-project-private.h"

/* Recovery */

char *
ep_project_get_recovery_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "endpoint", "recovery", NULL);
}

const char *
ep_project_get_recovery_path (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);

  if (self->recovery_path == NULL)
    {
      g_autofree char *dir = ep_project_get_recovery_dir ();
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *name = g_strconcat (uuid, PROJECT_SUFFIX, NULL);

      self->recovery_path = g_build_filename (dir, name, NULL);
    }
  return self->recovery_path;
}

void
ep_project_write_recovery_async (EpProject           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *dir = NULL;

  g_return_if_fail (EP_IS_PROJECT (self));

  dir = ep_project_get_recovery_dir ();
  g_mkdir_with_parents (dir, 0700);
  _ep_project_save_async_internal (self, ep_project_get_recovery_path (self), NULL, cancellable,
                                   callback, user_data, ep_project_write_recovery_async);
}

gboolean
ep_project_write_recovery_finish (EpProject     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ep_project_discard_recovery (EpProject *self)
{
  g_return_if_fail (EP_IS_PROJECT (self));

  if (self->recovery_path != NULL)
    g_unlink (self->recovery_path);
}

void
ep_recovery_file_free (EpRecoveryFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_clear_pointer (&file->written, g_date_time_unref);
  g_free (file->origin);
  g_free (file);
}

static int
compare_recovery (gconstpointer a,
                  gconstpointer b)
{
  const EpRecoveryFile *x = *(EpRecoveryFile * const *) a;
  const EpRecoveryFile *y = *(EpRecoveryFile * const *) b;

  return -g_date_time_compare (x->written, y->written);
}

GPtrArray *
ep_project_list_recovery_files (const char *dir)
{
  g_autofree char *default_dir = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_recovery_file_free);
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    dir = default_dir = ep_project_get_recovery_dir ();
  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(EpProjectData) meta = NULL;
      GStatBuf st;
      EpRecoveryFile *file;

      /* the temporary files of an interrupted write start with "." */
      if (name[0] == '.' || !g_str_has_suffix (name, PROJECT_SUFFIX))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      file = g_new0 (EpRecoveryFile, 1);
      meta = ep_project_store_open_meta (path, NULL);
      file->readable = meta != NULL;
      if (meta != NULL)
        {
          file->written = g_date_time_to_local (meta->modified);
          file->origin = g_strdup (meta->origin);
        }
      else
        file->written = g_date_time_new_from_unix_local (st.st_mtime);
      file->path = g_steal_pointer (&path);
      g_ptr_array_add (files, file);
    }
  g_ptr_array_sort (files, compare_recovery);
  return files;
}

gboolean
ep_project_remove_recovery_file (const char  *path,
                                 GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_unlink (path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot remove the recovery file %s: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

EpProject *
ep_project_open_recovery (const char    *path,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) origin = NULL;
  g_autoptr(EpProjectData) data = NULL;
  EpProject *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = ep_project_store_open (path, NULL, NULL, cancellable, error);
  if (data == NULL)
    return NULL;
  file = g_file_new_for_path (path);
  self = _ep_project_new_from_data (data, file, error);
  if (self == NULL)
    return NULL;

  if (data->origin != NULL)
    origin = g_file_new_for_path (data->origin);
  g_clear_object (&self->file);
  g_clear_pointer (&self->title, g_free);
  self->file = g_steal_pointer (&origin);
  g_free (self->recovery_path);
  self->recovery_path = g_strdup (path);
  ep_project_set_modified (self, TRUE);

  return self;
}
