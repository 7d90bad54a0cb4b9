/* ep-cohort-page-import.c: a data file imported in a worker thread, with progress and Cancel
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader (ep_cohort_new_from_file_full) runs in a GTask's thread and reports how far it is;
 * the page shows the file's name, a progress bar and Cancel above its views, and stays usable.
 * The cohort is set on the page (and so joins the project) only when the import ends well: a
 * cancelled or failed import leaves the page and the project as they were. A file too large for
 * memory is refused by its size before a byte is read (ep_file_check_size in the io layer).
 * A second import replaces a running one (which is cancelled).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-cohort-page-private.h"

struct _EpImportJob
{
  char            *path;
  char            *display_name;
  gboolean         has_options;
  EpImportOptions  options;        /* its pointers are the copies below */
  int             *types;
  char            *sheet;
  char            *encoding;
  GCancellable    *cancellable;
  GWeakRef         page;
  GHashTable      *roles;          /* confirmed in the dialog: column name -> role nick */

  GMutex           lock;
  double           fraction;       /* the furthest the reader has reported */
  gboolean         update_queued;  /* an idle callback will show fraction */
};

static void
import_job_clear (EpImportJob *job)
{
  g_free (job->path);
  g_free (job->display_name);
  g_free (job->types);
  g_free (job->sheet);
  g_free (job->encoding);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->roles, g_hash_table_unref);
  g_weak_ref_clear (&job->page);
  g_mutex_clear (&job->lock);
}

static EpImportJob *
import_job_ref (EpImportJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
import_job_unref (EpImportJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) import_job_clear);
}

static EpImportJob *
import_job_new (EpCohortPage          *page,
                const char            *path,
                const EpImportOptions *options)
{
  EpImportJob *job = g_atomic_rc_box_new0 (EpImportJob);

  job->path = g_strdup (path);
  job->display_name = g_path_get_basename (path);
  job->cancellable = g_cancellable_new ();
  g_weak_ref_init (&job->page, page);
  g_mutex_init (&job->lock);
  if (options != NULL)
    {
      /* the dialog that owns options may be gone before the worker reads them */
      job->has_options = TRUE;
      job->options = *options;
      job->types = options->n_types > 0 ? g_memdup2 (options->types,
                                                     options->n_types * sizeof (int))
                                        : NULL;
      job->sheet = g_strdup (options->sheet);
      job->encoding = g_strdup (options->encoding);
      job->options.types = job->types;
      job->options.n_types = job->types != NULL ? options->n_types : 0;
      job->options.sheet = job->sheet;
      job->options.encoding = job->encoding;
    }
  return job;
}

/* Main thread: shows the fraction the worker reported last. */
static gboolean
import_progress_idle (gpointer data)
{
  EpImportJob *job = data;
  g_autoptr(EpCohortPage) self = g_weak_ref_get (&job->page);
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  job->update_queued = FALSE;
  g_mutex_unlock (&job->lock);

  if (self != NULL && self->import_job == job)
    {
      self->import_fraction = fraction;
      gtk_progress_bar_set_fraction (self->import_progress, fraction);
    }
  return G_SOURCE_REMOVE;
}

/* Worker thread: keeps the furthest fraction and asks the main loop to show it (at most one
 * update waits at a time, so a fast reader does not flood the main loop). */
static void
import_progress_cb (double   fraction,
                    gpointer data)
{
  EpImportJob *job = data;
  gboolean queue;

  g_mutex_lock (&job->lock);
  job->fraction = MAX (job->fraction, fraction);
  queue = !job->update_queued;
  job->update_queued = TRUE;
  g_mutex_unlock (&job->lock);

  if (queue)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, import_progress_idle, import_job_ref (job),
                     (GDestroyNotify) import_job_unref);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EpImportJob *job = task_data;
  GError *error = NULL;
  EpCohort *cohort;

  cohort = ep_cohort_new_from_file_full (job->path, job->has_options ? &job->options : NULL,
                                         import_progress_cb, job, cancellable, &error);
  if (cohort == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cohort, g_object_unref);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  EpCohortPage *self = EP_COHORT_PAGE (source);
  EpImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(EpCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;

  /* a cancelled task gives G_IO_ERROR_CANCELLED here even when the reader had finished */
  cohort = g_task_propagate_pointer (G_TASK (result), &error);

  /* replaced by another import, or the page is gone: nothing to show */
  if (self->import_job != job)
    return;

  g_mutex_lock (&job->lock);
  self->import_fraction = job->fraction;
  g_mutex_unlock (&job->lock);
  g_clear_pointer (&self->import_job, import_job_unref);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);

  if (cohort != NULL)
    {
      /* the roles the user confirmed in the preview (issue 13); guesses alone are never applied */
      if (job->roles != NULL)
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (EP_TYPE_COLUMN_ROLE);
          GHashTableIter iter;
          gpointer name, nick;

          g_hash_table_iter_init (&iter, job->roles);
          while (g_hash_table_iter_next (&iter, &name, &nick))
            {
              int position = ep_cohort_find_column (cohort, name);
              GEnumValue *role = g_enum_get_value_by_nick (klass, nick);

              if (position >= 0 && role != NULL)
                ep_cohort_set_column_role (cohort, (guint) position, role->value);
            }
        }
      ep_cohort_page_set_cohort (self, cohort);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is a file name */
      message = g_strdup_printf (_("Import of “%s” cancelled; nothing was changed"),
                                 job->display_name);
      _ep_cohort_page_show_message (self, message);
    }
  else
    _ep_cohort_page_show_message (self, error->message);
}

void
ep_cohort_page_import_file (EpCohortPage          *self,
                            GFile                 *file,
                            const EpImportOptions *options)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  EpImportJob *job;

  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _ep_cohort_page_show_message (self, _("Only local files can be imported"));
      return;
    }

  ep_cohort_page_cancel_import (self);
  job = import_job_new (self, path, options);
  job->roles = g_steal_pointer (&self->import_roles);
  self->import_job = import_job_ref (job);
  self->import_fraction = 0.0;

  /* TRANSLATORS: %s is a file name */
  title = g_strdup_printf (_("Importing “%s”…"), job->display_name);
  gtk_label_set_text (self->import_label, title);
  gtk_progress_bar_set_fraction (self->import_progress, 0.0);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);

  task = g_task_new (self, job->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, ep_cohort_page_import_file);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_unref);
  g_task_run_in_thread (task, import_thread);
}

void
ep_cohort_page_cancel_import (EpCohortPage *self)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));

  /* the task reports the cancellation when its thread returns */
  if (self->import_job != NULL)
    g_cancellable_cancel (self->import_job->cancellable);
}

gboolean
ep_cohort_page_get_importing (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), FALSE);

  return self->import_job != NULL;
}

double
ep_cohort_page_get_import_progress (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), 0.0);

  /* while it runs: how far the reader is, not what the progress bar shows yet (the bar is
   * updated from an idle, which the result, delivered at a higher priority, can overtake) */
  if (self->import_job != NULL)
    {
      double fraction;

      g_mutex_lock (&self->import_job->lock);
      fraction = self->import_job->fraction;
      g_mutex_unlock (&self->import_job->lock);
      return fraction;
    }
  return self->import_fraction;
}

void
_ep_cohort_page_import_cancel_cb (EpCohortPage *self)
{
  ep_cohort_page_cancel_import (self);
}

/* The page goes: a running import is cancelled and its result dropped. */
void
_ep_cohort_page_import_dispose (EpCohortPage *self)
{
  if (self->import_job != NULL)
    {
      g_cancellable_cancel (self->import_job->cancellable);
      g_clear_pointer (&self->import_job, import_job_unref);
    }
  g_clear_pointer (&self->import_roles, g_hash_table_unref);
}
