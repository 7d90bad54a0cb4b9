/* ep-analysis-live.c: an analysis that follows its cohort's data
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project is a live graph, cohort -> analysis -> figure (docs/projects.md). An analysis
 * bound to its cohort listens to the cohort's "changed" signal (one per committed edit, undo or
 * redo) and compares the revision at which its inputs (the columns and endpoints its options
 * read, and the rows) last changed with the revision its result was computed at:
 *
 *   - an edit elsewhere leaves it FRESH;
 *   - an edit of an input makes it STALE and schedules an update UPDATE_DELAY_MS later
 *     (debounced: a burst of edits gives one update); an update that is running is cancelled
 *     first, so at most one job per analysis runs and the newest data wins;
 *   - an input that no longer exists (a deleted column, a removed endpoint) makes it INVALID
 *     with a message; the options and the last result are kept, and an edit that brings the
 *     input back (an undo) makes it STALE again.
 *
 * The new result replaces the old one in _ep_analysis_take_results(), which emits
 * ::results-changed, so the figures that show the analysis redraw from it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/ep-analysis-private.h"

/* Short enough that a figure follows an edit at once, long enough to fold a paste or a quick
 * series of undos into one update. */
#define UPDATE_DELAY_MS 25

static guint jobs_started;

void
_ep_analysis_count_job (void)
{
  g_atomic_int_inc (&jobs_started);
}

guint
ep_analysis_get_jobs_started (void)
{
  return (guint) g_atomic_int_get (&jobs_started);
}

static void
add_name (GPtrArray  *names,
          const char *name)
{
  if (name == NULL || *name == '\0')
    return;
  for (guint k = 0; k < names->len; k++)
    if (g_str_equal (g_ptr_array_index (names, k), name))
      return;
  g_ptr_array_add (names, g_strdup (name));
}

void
_ep_analysis_get_inputs (EpAnalysis *self,
                         GStrv      *columns_out,
                         GStrv      *endpoints_out)
{
  const Options *o = &self->options;
  GPtrArray *columns = g_ptr_array_new ();
  GPtrArray *endpoints = g_ptr_array_new ();

  switch (self->kind)
    {
    case EP_ANALYSIS_SURVIVAL:
      add_name (endpoints, o->endpoint);
      if (o->response_time != NULL)
        add_name (columns, o->response_time);
      else
        add_name (columns, o->group);
      break;
    case EP_ANALYSIS_COX:
      add_name (endpoints, o->endpoint);
      for (guint k = 0; o->covariates != NULL && o->covariates[k] != NULL; k++)
        add_name (columns, o->covariates[k]);
      add_name (columns, o->strata);
      break;
    case EP_ANALYSIS_COMPETING_RISKS:
      add_name (endpoints, o->endpoint);
      add_name (columns, o->competing);
      add_name (columns, o->time);
      add_name (columns, o->status);
      add_name (columns, o->group);
      for (guint k = 0; o->covariates != NULL && o->covariates[k] != NULL; k++)
        add_name (columns, o->covariates[k]);
      break;
    case EP_ANALYSIS_RESPONSE:
      add_name (columns, o->outcome);
      add_name (columns, o->group);
      break;
    default:
      g_assert_not_reached ();
    }

  g_ptr_array_add (columns, NULL);
  g_ptr_array_add (endpoints, NULL);
  *columns_out = (GStrv) g_ptr_array_free (columns, FALSE);
  *endpoints_out = (GStrv) g_ptr_array_free (endpoints, FALSE);
}

char *
ep_analysis_compute_fingerprint (EpAnalysis  *self,
                                 EpCohort    *cohort,
                                 GError     **error)
{
  g_auto(GStrv) columns = NULL;
  g_auto(GStrv) endpoints = NULL;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);

  _ep_analysis_get_inputs (self, &columns, &endpoints);
  return ep_cohort_fingerprint (cohort, (const char * const *) columns,
                                (const char * const *) endpoints, error);
}

const char *
ep_analysis_get_fingerprint (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->fingerprint;
}

EpAnalysisState
ep_analysis_get_state (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), EP_ANALYSIS_STATE_EMPTY);
  return self->state;
}

const char *
ep_analysis_get_state_message (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->state_message;
}

gboolean
ep_analysis_is_outdated (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), FALSE);
  return self->state == EP_ANALYSIS_STATE_STALE
         || (self->state == EP_ANALYSIS_STATE_INVALID && self->results != NULL);
}

EpCohort *
ep_analysis_get_cohort (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->cohort;
}

/* Updating */

static void schedule_update (EpAnalysis *self);

static void
update_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EpAnalysis *self = EP_ANALYSIS (object);
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ep_analysis_run_finish (self, result, &error);

  /* A newer edit cancelled this update and scheduled its own. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->live_cancellable == cancellable)
    g_clear_object (&self->live_cancellable);
  if (!ok)
    {
      _ep_analysis_set_state (self, EP_ANALYSIS_STATE_INVALID, error->message);
      return;
    }
  /* ep_analysis_run_finish() made it FRESH at the revision it was prepared at; an edit that
   * came while it ran (and found nothing to cancel yet) makes it stale again. */
  if (self->cohort != NULL)
    {
      g_auto(GStrv) columns = NULL;
      g_auto(GStrv) endpoints = NULL;
      guint64 revision = 0;

      _ep_analysis_get_inputs (self, &columns, &endpoints);
      if (ep_cohort_get_input_revision (self->cohort, (const char * const *) columns,
                                        (const char * const *) endpoints, &revision, NULL)
          && revision > self->result_revision)
        schedule_update (self);
    }
}

static gboolean
update_cb (gpointer data)
{
  EpAnalysis *self = data;

  self->debounce_id = 0;
  if (self->cohort == NULL)
    return G_SOURCE_REMOVE;

  if (self->live_cancellable != NULL)
    {
      g_cancellable_cancel (self->live_cancellable);
      g_clear_object (&self->live_cancellable);
    }
  self->live_cancellable = g_cancellable_new ();
  ep_analysis_run_async (self, self->cohort, self->live_cancellable, update_done_cb,
                         g_object_ref (self->live_cancellable));

  return G_SOURCE_REMOVE;
}

static void
schedule_update (EpAnalysis *self)
{
  /* The running update computes on data that is already old: stop it. */
  if (self->live_cancellable != NULL)
    {
      g_cancellable_cancel (self->live_cancellable);
      g_clear_object (&self->live_cancellable);
    }
  _ep_analysis_set_state (self, EP_ANALYSIS_STATE_STALE, NULL);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add_full (G_PRIORITY_DEFAULT, UPDATE_DELAY_MS, update_cb,
                                          g_object_ref (self), g_object_unref);
}

static void
cohort_changed_cb (EpCohort   *cohort,
                   guint64     revision,
                   EpAnalysis *self)
{
  g_auto(GStrv) columns = NULL;
  g_auto(GStrv) endpoints = NULL;
  g_autoptr(GError) error = NULL;
  guint64 input_revision = 0;

  /* Never run: nothing to keep up to date. */
  if (self->state == EP_ANALYSIS_STATE_EMPTY && self->results == NULL && !self->running)
    return;

  _ep_analysis_get_inputs (self, &columns, &endpoints);
  if (!ep_cohort_get_input_revision (cohort, (const char * const *) columns,
                                     (const char * const *) endpoints, &input_revision, &error))
    {
      if (self->live_cancellable != NULL)
        {
          g_cancellable_cancel (self->live_cancellable);
          g_clear_object (&self->live_cancellable);
        }
      g_clear_handle_id (&self->debounce_id, g_source_remove);
      _ep_analysis_set_state (self, EP_ANALYSIS_STATE_INVALID, error->message);
      return;
    }

  if (input_revision > self->result_revision || self->state == EP_ANALYSIS_STATE_INVALID)
    schedule_update (self);
}

void
ep_analysis_bind_cohort (EpAnalysis *self,
                         EpCohort   *cohort)
{
  g_return_if_fail (EP_IS_ANALYSIS (self));
  g_return_if_fail (cohort == NULL || EP_IS_COHORT (cohort));

  if (self->cohort == cohort)
    return;

  if (self->cohort != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->cohort);
      g_clear_object (&self->cohort);
    }
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->live_cancellable != NULL)
    {
      g_cancellable_cancel (self->live_cancellable);
      g_clear_object (&self->live_cancellable);
    }

  if (cohort == NULL)
    return;

  self->cohort = g_object_ref (cohort);
  /* A plain handler: the analysis holds the cohort and disconnects when unbound or disposed. */
  self->changed_id = g_signal_connect (cohort, "changed", G_CALLBACK (cohort_changed_cb), self);
  /* A result that was computed elsewhere (a saved project) is only kept when its fingerprint
   * says the data are the same; else it is brought up to date now. */
  if (self->results != NULL && self->restored)
    {
      g_autofree char *fingerprint = ep_analysis_compute_fingerprint (self, cohort, NULL);

      self->restored = FALSE;
      if (fingerprint == NULL || self->fingerprint == NULL
          || !g_str_equal (fingerprint, self->fingerprint))
        schedule_update (self);
      else
        {
          g_auto(GStrv) columns = NULL;
          g_auto(GStrv) endpoints = NULL;

          _ep_analysis_get_inputs (self, &columns, &endpoints);
          ep_cohort_get_input_revision (cohort, (const char * const *) columns,
                                        (const char * const *) endpoints,
                                        &self->result_revision, NULL);
          _ep_analysis_set_state (self, EP_ANALYSIS_STATE_FRESH, NULL);
        }
    }
  /* Bound again (the undo of its removal): the data may have changed while it was away. */
  else if (self->results != NULL)
    cohort_changed_cb (cohort, 0, self);
}

void
ep_analysis_refresh (EpAnalysis *self)
{
  g_return_if_fail (EP_IS_ANALYSIS (self));

  if (self->cohort != NULL)
    schedule_update (self);
}

const char *
ep_analysis_get_id (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->id;
}

void
ep_analysis_set_id (EpAnalysis *self,
                    const char *id)
{
  g_return_if_fail (EP_IS_ANALYSIS (self));
  g_free (self->id);
  self->id = g_strdup (id);
}

void
_ep_analysis_dispose_live (EpAnalysis *self)
{
  ep_analysis_bind_cohort (self, NULL);
  g_clear_pointer (&self->state_message, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->id, g_free);
}
