/* ep-cohort-column.h: one column of a cohort, as a GtkColumnView binds it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column's metadata (name, label, type, role, missing count) as properties with notify;
 * the cells themselves live in the cohort's EpTable (one typed array per column). Change a
 * column through its EpCohort (ep_cohort_rename_column() and so on) so that the edit is undoable;
 * the column object keeps its identity across undo and redo.
 */
#pragma once

#include <glib-object.h>

#include "io/ep-table.h"

G_BEGIN_DECLS

/* What a column means to the analyses. */
typedef enum
{
  EP_COLUMN_ROLE_NONE,
  EP_COLUMN_ROLE_IDENTIFIER,    /* patient id */
  EP_COLUMN_ROLE_TIME,          /* follow-up time */
  EP_COLUMN_ROLE_EVENT,         /* event / status codes */
  EP_COLUMN_ROLE_DATE,          /* a date an endpoint may start or end at */
  EP_COLUMN_ROLE_GROUP,         /* a grouping variable (arm, burden) */
  EP_COLUMN_ROLE_COVARIATE,     /* a candidate predictor */
  EP_COLUMN_ROLE_OUTCOME,       /* a categorical outcome (response) */
} EpColumnRole;

#define EP_TYPE_COLUMN_TYPE (ep_column_type_get_type ())
#define EP_TYPE_COLUMN_ROLE (ep_column_role_get_type ())
GType ep_column_type_get_type (void);
GType ep_column_role_get_type (void);

#define EP_TYPE_COHORT_COLUMN (ep_cohort_column_get_type ())
G_DECLARE_FINAL_TYPE (EpCohortColumn, ep_cohort_column, EP, COHORT_COLUMN, GObject)

const char    *ep_cohort_column_get_name      (EpCohortColumn *self);
const char    *ep_cohort_column_get_label     (EpCohortColumn *self);
/* What tables and figures call the column: its label (display name) when set, else its name. */
const char    *ep_cohort_column_get_display_name (EpCohortColumn *self);
/* The value labels (EpValueLabel *: level order and display labels), or NULL; read-only. */
GPtrArray     *ep_cohort_column_get_value_labels (EpCohortColumn *self);
EpColumnType   ep_cohort_column_get_column_type (EpCohortColumn *self);
EpColumnRole   ep_cohort_column_get_role      (EpCohortColumn *self);
guint          ep_cohort_column_get_n_missing (EpCohortColumn *self);
/* The levels of a category column (NULL otherwise), in code order. */
GPtrArray     *ep_cohort_column_get_levels    (EpCohortColumn *self);
/* The storage: read-only for callers outside the model. */
const EpTableColumn *ep_cohort_column_get_data (EpCohortColumn *self);

const char    *ep_column_role_to_string       (EpColumnRole    role);

G_END_DECLS
