/* ep-cohort-private.h: what EpCohort's files (ep-cohort.c, ep-cohort-edit.c, ep-cohort-input.c)
 * share
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/ep-cohort.h"

G_BEGIN_DECLS

struct _EpCohort
{
  GObject      parent_instance;

  char        *name;
  char        *source;        /* the file's basename, for messages; NULL when made in the app */
  EpTable     *table;
  GListStore  *columns;       /* EpCohortColumn */
  GListStore  *endpoints;     /* EpCohortEndpoint */
  GPtrArray   *undo;          /* Edit *, oldest first */
  guint        n_done;        /* undo[0 .. n_done) are done; the rest can be redone */

  /* The dependency graph's clock (docs/projects.md): every applied edit, undo and redo
   * advances revision and stamps what it touched, so an analysis can tell whether the columns
   * and endpoints it read changed since its result was computed. */
  guint64      revision;
  guint64      rows_revision;     /* rows inserted or deleted: every column changed */
  GHashTable  *input_revisions;   /* "c:NAME" (column) or "e:NAME" (endpoint) -> guint64 * */

  /* While a group (a paste, a cleared block) is applied, its cells' notifications are gathered
   * and sent once per run of cells: a GtkColumnView told about 60,000 cells one row at a time
   * took minutes for a 20,000-row paste. */
  guint        batch_depth;
  gboolean     batch_any;
  guint        batch_first_row;
  guint        batch_last_row;
  GPtrArray   *batch_columns;     /* EpCohortColumn *, each once */
};

/* What messages call the cohort: its file's basename, else its name. */
const char *ep_cohort_describe          (EpCohort   *self);

/* ep-cohort.c: the endpoint named name's position in the list, or -1. */
int         ep_cohort_endpoint_position (EpCohort   *self,
                                         const char *name);
/* ep-cohort.c: the notifications edits send. */
void        ep_cohort_notify_n_rows     (EpCohort   *self);
void        ep_cohort_notify_undo       (EpCohort   *self);
void        ep_cohort_emit_changed      (EpCohort   *self);
void        ep_cohort_emit_cell_changed (EpCohort   *self,
                                         guint       row,
                                         guint       column);

/* ep-cohort-edit.c: frees an Edit record of the undo stack. */
void        ep_cohort_edit_free         (gpointer    edit);

G_END_DECLS
