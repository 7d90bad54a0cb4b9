/* ep-project-history.c: the project's undo history: adding and removing analyses and figures,
 * an analysis's options, a figure's options and style, a figure's published arm, a cohort
 * combined from the user's patients and a published arm
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One linear history per project (docs/projects.md, "Undo"). A step is a list of actions done
 * together (removing an analysis takes its figures along: one step); undo applies the inverse
 * of each action, last first; redo applies them again, first first. An action holds the
 * objects it moved, so an analysis or a figure that was removed comes back as the same object,
 * with its options, its id and its last result; an analysis that comes back is bound to its
 * cohort again and, if the data changed while it was away, computed again (the live graph).
 * The cohorts' data have their own histories (EpCohort); removing a cohort clears this one.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "model/ep-project-private.h"

/* Changes to one figure's options within this time (typing a title, dragging a size) are one
 * step. */
#define HISTORY_MERGE_US (800 * G_TIME_SPAN_MILLISECOND)

typedef enum
{
  ACTION_FIGURE_LOOK,
  ACTION_ADD_ANALYSIS,
  ACTION_REMOVE_ANALYSIS,
  ACTION_ANALYSIS_OPTIONS,
  ACTION_ADD_FIGURE,
  ACTION_REMOVE_FIGURE,
  ACTION_FIGURE_OVERLAY,
  ACTION_ADD_COHORT,
} ActionKind;

typedef struct
{
  ActionKind  kind;
  GObject    *object;     /* the EpFigure or EpAnalysis */
  EpCohort   *cohort;     /* an analysis's cohort */
  guint       position;   /* where it was in its list */
  char       *name;       /* a figure's name */
  JsonObject *source;     /* a figure's data source; an added cohort's combined mark */
  JsonNode   *before;     /* a figure's look */
  JsonNode   *after;
  GVariant   *options_before;
  GVariant   *options_after;
  char       *overlay_before;   /* a figure's published arm: the reconstructed cohort */
  char       *overlay_after;
} Action;

struct _ProjectStep
{
  GPtrArray *actions;     /* Action *, in the order done */
  gint64     when;
};

static void
action_free (Action *action)
{
  g_clear_object (&action->object);
  g_clear_object (&action->cohort);
  g_free (action->name);
  g_clear_pointer (&action->source, json_object_unref);
  g_clear_pointer (&action->before, json_node_unref);
  g_clear_pointer (&action->after, json_node_unref);
  g_clear_pointer (&action->options_before, g_variant_unref);
  g_clear_pointer (&action->options_after, g_variant_unref);
  g_free (action->overlay_before);
  g_free (action->overlay_after);
  g_free (action);
}

void
_ep_project_step_free (ProjectStep *step)
{
  g_ptr_array_unref (step->actions);
  g_free (step);
}

static ProjectStep *
step_new (void)
{
  ProjectStep *step = g_new0 (ProjectStep, 1);

  step->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) action_free);
  step->when = g_get_monotonic_time ();
  return step;
}

static void
notify_history (EpProject *self)
{
  g_object_notify (G_OBJECT (self), "can-undo");
  g_object_notify (G_OBJECT (self), "can-redo");
}

/* Records an action: into the open group, or as a step of its own. What was undone is
 * forgotten (a new action after undo ends the redo). */
static void
record (EpProject *self,
        Action    *action)
{
  if (self->applying_history)
    {
      action_free (action);
      return;
    }
  if (self->group != NULL)
    {
      g_ptr_array_add (self->group->actions, action);
      return;
    }
  g_ptr_array_set_size (self->history, self->n_done);
  g_ptr_array_add (self->history, step_new ());
  g_ptr_array_add (((ProjectStep *) self->history->pdata[self->history->len - 1])->actions, action);
  self->n_done = self->history->len;
  notify_history (self);
}

void
ep_project_begin_step (EpProject *self)
{
  g_return_if_fail (EP_IS_PROJECT (self));

  if (self->group_depth++ == 0)
    self->group = step_new ();
}

void
ep_project_end_step (EpProject *self)
{
  ProjectStep *group;

  g_return_if_fail (EP_IS_PROJECT (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;
  group = g_steal_pointer (&self->group);
  if (group->actions->len == 0)
    {
      _ep_project_step_free (group);
      return;
    }
  g_ptr_array_set_size (self->history, self->n_done);
  g_ptr_array_add (self->history, group);
  self->n_done = self->history->len;
  notify_history (self);
}

void
_ep_project_clear_history (EpProject *self)
{
  g_ptr_array_set_size (self->history, 0);
  self->n_done = 0;
  notify_history (self);
}

/* ---- recording ----------------------------------------------------------------------------- */

void
_ep_project_record_analysis (EpProject  *self,
                             EpAnalysis *analysis,
                             EpCohort   *cohort,
                             guint       position,
                             gboolean    added)
{
  Action *action = g_new0 (Action, 1);

  action->kind = added ? ACTION_ADD_ANALYSIS : ACTION_REMOVE_ANALYSIS;
  action->object = G_OBJECT (g_object_ref (analysis));
  action->cohort = g_object_ref (cohort);
  action->position = position;
  record (self, action);
}

void
_ep_project_record_figure (EpProject   *self,
                           EpFigure    *figure,
                           FigureEntry *entry,
                           guint        position,
                           gboolean     added)
{
  Action *action = g_new0 (Action, 1);

  action->kind = added ? ACTION_ADD_FIGURE : ACTION_REMOVE_FIGURE;
  action->object = G_OBJECT (g_object_ref (figure));
  action->position = position;
  action->name = g_strdup (entry->name);
  action->source = json_object_ref (entry->source);
  record (self, action);
}

/* A cohort made in the project (issue 17: combined from the user's patients and a published
 * arm): undo takes it out again with what was made of it since (those steps are undone first,
 * the history being linear), redo puts the same object back, with its mark. */
void
_ep_project_record_cohort (EpProject  *self,
                           EpCohort   *cohort,
                           guint       position,
                           JsonObject *mark)
{
  Action *action = g_new0 (Action, 1);

  action->kind = ACTION_ADD_COHORT;
  action->object = G_OBJECT (g_object_ref (cohort));
  action->position = position;
  action->source = mark != NULL ? json_object_ref (mark) : NULL;
  record (self, action);
}

/* A change of a figure's look (ep_figure_to_json()): merged into the last step when that is a
 * look of the same figure made a moment ago. */
void
_ep_project_record_look (EpProject *self,
                         EpFigure  *figure,
                         JsonNode  *before,
                         JsonNode  *after)
{
  ProjectStep *top = self->n_done > 0 && self->group == NULL
                     ? g_ptr_array_index (self->history, self->n_done - 1) : NULL;
  gint64 now = g_get_monotonic_time ();
  Action *action;

  if (self->applying_history)
    return;
  if (top != NULL && self->n_done == self->history->len && top->actions->len == 1
      && now - top->when < HISTORY_MERGE_US)
    {
      Action *last = g_ptr_array_index (top->actions, 0);

      if (last->kind == ACTION_FIGURE_LOOK && last->object == G_OBJECT (figure))
        {
          json_node_unref (last->after);
          last->after = json_node_ref (after);
          top->when = now;
          return;
        }
    }

  action = g_new0 (Action, 1);
  action->kind = ACTION_FIGURE_LOOK;
  action->object = G_OBJECT (g_object_ref (figure));
  action->before = json_node_ref (before);
  action->after = json_node_ref (after);
  record (self, action);
}

/* Drops the changes of figure's look from the history: the look it has now is where its
 * history starts (ep_project_settle_figure()). Adding and removing it stay. */
void
_ep_project_forget_looks (EpProject *self,
                          EpFigure  *figure)
{
  for (guint k = self->history->len; k > 0; k--)
    {
      ProjectStep *step = g_ptr_array_index (self->history, k - 1);

      for (guint a = step->actions->len; a > 0; a--)
        {
          Action *action = g_ptr_array_index (step->actions, a - 1);

          if (action->kind == ACTION_FIGURE_LOOK && action->object == G_OBJECT (figure))
            g_ptr_array_remove_index (step->actions, a - 1);
        }
      if (step->actions->len == 0)
        {
          if (k - 1 < self->n_done)
            self->n_done--;
          g_ptr_array_remove_index (self->history, k - 1);
        }
    }
  notify_history (self);
}

/* Setting, changing or removing a figure's published arm (issue 17): a step of its own, like
 * a change of the figure's options. The overlay is not part of the figure's look (it is in its
 * data source), so it has an action of its own. */
void
_ep_project_record_overlay (EpProject  *self,
                            EpFigure   *figure,
                            const char *before,
                            const char *after)
{
  Action *action;

  if (self->applying_history || g_strcmp0 (before, after) == 0)
    return;
  action = g_new0 (Action, 1);
  action->kind = ACTION_FIGURE_OVERLAY;
  action->object = G_OBJECT (g_object_ref (figure));
  action->overlay_before = g_strdup (before);
  action->overlay_after = g_strdup (after);
  record (self, action);
}

gboolean
ep_project_set_analysis_options (EpProject   *self,
                                 EpAnalysis  *analysis,
                                 GVariant    *options,
                                 GError     **error)
{
  g_autoptr(GVariant) before = NULL;
  g_autoptr(GVariant) after = NULL;
  Action *action;

  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (EP_IS_ANALYSIS (analysis), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  before = g_variant_ref_sink (ep_analysis_to_variant (analysis));
  if (!ep_analysis_set_options (analysis, options, error))
    return FALSE;
  after = g_variant_ref_sink (ep_analysis_to_variant (analysis));
  if (g_variant_equal (before, after))
    return TRUE;

  action = g_new0 (Action, 1);
  action->kind = ACTION_ANALYSIS_OPTIONS;
  action->object = G_OBJECT (g_object_ref (analysis));
  action->options_before = g_steal_pointer (&before);
  action->options_after = g_steal_pointer (&after);
  record (self, action);
  _ep_project_changed (self);
  return TRUE;
}

/* ---- undo and redo ------------------------------------------------------------------------- */

gboolean
ep_project_can_undo (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  return self->n_done > 0;
}

gboolean
ep_project_can_redo (EpProject *self)
{
  g_return_val_if_fail (EP_IS_PROJECT (self), FALSE);
  return self->n_done < self->history->len;
}

/* Does the action (forward) or its inverse (backward). */
static void
apply (EpProject *self,
       Action    *action,
       gboolean   forward)
{
  switch (action->kind)
    {
    case ACTION_FIGURE_LOOK:
      _ep_project_set_figure_look (self, EP_FIGURE (action->object),
                                   forward ? action->after : action->before);
      break;
    case ACTION_FIGURE_OVERLAY:
      {
        g_autoptr(GError) error = NULL;

        /* the cohort was there when it was recorded, and removing a cohort clears the
         * history: this cannot fail but for a figure that cannot be fitted any more */
        if (!_ep_project_put_overlay (self, EP_FIGURE (action->object),
                                      forward ? action->overlay_after : action->overlay_before,
                                      &error))
          g_warning ("Cannot put back the published arm: %s", error->message);
      }
      break;
    case ACTION_ANALYSIS_OPTIONS:
      /* its own options, recorded from it: they parse */
      ep_analysis_set_options (EP_ANALYSIS (action->object),
                               forward ? action->options_after : action->options_before, NULL);
      break;
    case ACTION_ADD_ANALYSIS:
    case ACTION_REMOVE_ANALYSIS:
      if (forward == (action->kind == ACTION_ADD_ANALYSIS))
        _ep_project_insert_analysis (self, EP_ANALYSIS (action->object), action->cohort,
                                     action->position);
      else
        ep_project_remove_analysis (self, EP_ANALYSIS (action->object));
      break;
    case ACTION_ADD_FIGURE:
    case ACTION_REMOVE_FIGURE:
      if (forward == (action->kind == ACTION_ADD_FIGURE))
        _ep_project_insert_figure (self, EP_FIGURE (action->object), action->name,
                                   action->source, action->position);
      else
        ep_project_remove_figure (self, EP_FIGURE (action->object));
      break;
    case ACTION_ADD_COHORT:
      if (forward)
        {
          /* a cohort made since (not a step: an import) may have taken its name */
          _ep_project_unique_cohort_name (self, EP_COHORT (action->object));
          /* the mark first: what follows the project's cohorts sees it */
          if (action->source != NULL)
            _ep_project_set_combined (self, ep_cohort_get_name (EP_COHORT (action->object)),
                                      action->source);
          _ep_project_put_cohort (self, EP_COHORT (action->object), action->position);
        }
      else
        _ep_project_take_cohort (self, EP_COHORT (action->object));
      break;
    default:
      g_assert_not_reached ();
    }
}

gpointer
ep_project_undo (EpProject *self)
{
  ProjectStep *step;

  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);

  if (self->n_done == 0)
    return NULL;
  step = g_ptr_array_index (self->history, --self->n_done);
  self->applying_history = TRUE;
  for (guint a = step->actions->len; a > 0; a--)
    apply (self, g_ptr_array_index (step->actions, a - 1), FALSE);
  self->applying_history = FALSE;
  _ep_project_changed (self);
  notify_history (self);
  return ((Action *) g_ptr_array_index (step->actions, step->actions->len - 1))->object;
}

gpointer
ep_project_redo (EpProject *self)
{
  ProjectStep *step;

  g_return_val_if_fail (EP_IS_PROJECT (self), NULL);

  if (self->n_done >= self->history->len)
    return NULL;
  step = g_ptr_array_index (self->history, self->n_done++);
  self->applying_history = TRUE;
  for (guint a = 0; a < step->actions->len; a++)
    apply (self, g_ptr_array_index (step->actions, a), TRUE);
  self->applying_history = FALSE;
  _ep_project_changed (self);
  notify_history (self);
  return ((Action *) g_ptr_array_index (step->actions, step->actions->len - 1))->object;
}
