/* ep-project-file.c: saving a project to a .endpoint file and opening one
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save snapshots the project on the calling thread (ep-project-data.c) and writes it with
 * the project store in a GTask worker, reporting progress back to the main context; a copy
 * (recovery) changes nothing in the project. An open reads and checks the whole file in the
 * worker and hands a finished project back.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/ep-project-private.h"

/* Saving */

typedef struct
{
  EpProjectData *data;
  char          *path;
  GFile         *file;          /* NULL: a copy (recovery), which changes nothing */
  guint64        generation;
  /* progress, handed to the main context */
  EpProject     *project;
  double         reported;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  ep_project_data_free (job->data);
  g_free (job->path);
  g_clear_object (&job->file);
  g_clear_object (&job->project);
  g_free (job);
}

typedef struct
{
  EpProject *project;
  double     fraction;
} ProgressUpdate;

static gboolean
apply_progress (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  _ep_project_set_progress (update->project, update->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  g_object_unref (update->project);
  g_free (update);
}

static void
save_progress (double   fraction,
               gpointer user_data)
{
  SaveJob *job = user_data;
  ProgressUpdate *update;

  /* at most a hundred updates per save */
  if (fraction < 1.0 && fraction - job->reported < 0.01)
    return;
  job->reported = fraction;
  update = g_new0 (ProgressUpdate, 1);
  update->project = g_object_ref (job->project);
  update->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, apply_progress, update,
                              progress_update_free);
}

static SaveJob *
save_job_new (EpProject  *self,
              const char *path,
              GFile      *file)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->data = _ep_project_snapshot (self);
  /* A recovery copy remembers which file it belongs to. */
  if (file == NULL && self->file != NULL)
    job->data->origin = g_file_get_path (self->file);
  job->path = g_strdup (path);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->generation = self->generation;
  job->project = g_object_ref (self);
  return job;
}

/* Back on the main thread after a successful write. */
static void
save_job_done (EpProject *self,
               SaveJob   *job)
{
  if (job->file == NULL)
    return;

  if (self->created == NULL)
    self->created = g_date_time_ref (job->data->created);
  g_clear_pointer (&self->saved, g_date_time_unref);
  self->saved = g_date_time_ref (job->data->modified);
  self->file_version = EP_PROJECT_SCHEMA_VERSION;
  _ep_project_set_file (self, job->file);
  /* Edits made while the copy was being written are not in the file. */
  if (self->generation == job->generation)
    ep_project_set_modified (self, FALSE);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (!ep_project_store_save (job->data, job->path, save_progress, job, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
_ep_project_save_async_internal (EpProject           *self,
                                 const char          *path,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data,
                                 gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, save_job_new (self, path, file), (GDestroyNotify) save_job_free);
  _ep_project_set_progress (self, 0.0);
  g_task_run_in_thread (task, save_thread);
}

void
ep_project_save_async (EpProject           *self,
                       GFile               *file,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  g_return_if_fail (path != NULL);
  _ep_project_save_async_internal (self, path, file, cancellable, callback, user_data,
                                   ep_project_save_async);
}

gboolean
ep_project_save_finish (EpProject     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  save_job_done (self, g_task_get_task_data (task));
  return TRUE;
}

gboolean
ep_project_save (EpProject     *self,
                 GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *path = NULL;
  SaveJob *job;
  gboolean ok;

  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Projects can only be saved to local files"));
      return FALSE;
    }
  job = save_job_new (self, path, file);
  ok = ep_project_store_save (job->data, path, NULL, NULL, cancellable, error);
  if (ok)
    save_job_done (self, job);
  save_job_free (job);
  return ok;
}

gboolean
ep_project_save_copy (EpProject     *self,
                      const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(EpProjectData) data = NULL;

  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = _ep_project_snapshot (self);
  return ep_project_store_save (data, path, NULL, NULL, cancellable, error);
}

/* Opening */

typedef struct
{
  GFile                 *file;
  EpProjectProgressFunc  progress;
  gpointer               progress_data;
  GMainContext          *context;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_clear_object (&job->file);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  GTask   *task;      /* a reference: the job lives as long as any pending update */
  double   fraction;
} OpenProgress;

static gboolean
apply_open_progress (gpointer user_data)
{
  OpenProgress *update = user_data;
  OpenJob *job = g_task_get_task_data (update->task);

  job->progress (update->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
open_progress_free (gpointer user_data)
{
  OpenProgress *update = user_data;

  g_object_unref (update->task);
  g_free (update);
}

static void
open_progress (double   fraction,
               gpointer user_data)
{
  GTask *task = user_data;
  OpenJob *job = g_task_get_task_data (task);
  OpenProgress *update;

  if (job->progress == NULL)
    return;
  update = g_new0 (OpenProgress, 1);
  update->task = g_object_ref (task);
  update->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, apply_open_progress, update,
                              open_progress_free);
}

static EpProject *
open_file (GFile                 *file,
           EpProjectProgressFunc  progress,
           gpointer               progress_data,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(EpProjectData) data = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Projects can only be opened from local files"));
      return NULL;
    }
  data = ep_project_store_open (path, progress, progress_data, cancellable, error);
  if (data == NULL)
    return NULL;
  return _ep_project_new_from_data (data, file, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  EpProject *project = open_file (job->file, open_progress, task, cancellable, &error);

  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

void
ep_project_open_async (GFile                 *file,
                       EpProjectProgressFunc  progress,
                       gpointer               progress_data,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (OpenJob, 1);
  job->file = g_object_ref (file);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ep_project_open_async);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_thread);
}

EpProject *
ep_project_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

EpProject *
ep_project_open (GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_file (file, NULL, NULL, cancellable, error);
}
