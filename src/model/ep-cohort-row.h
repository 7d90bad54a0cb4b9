/* ep-cohort-row.h: one patient of a cohort, the item of EpCohort's GListModel
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are created on demand by g_list_model_get_item() (never one object per row in memory)
 * and read their cells from the cohort. A row object is a view of a position: after rows are
 * inserted or deleted the cohort emits items-changed and a list view asks for new items.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _EpCohort EpCohort;

#define EP_TYPE_COHORT_ROW (ep_cohort_row_get_type ())
G_DECLARE_FINAL_TYPE (EpCohortRow, ep_cohort_row, EP, COHORT_ROW, GObject)

EpCohortRow *ep_cohort_row_new        (EpCohort    *cohort,
                                       guint        index);
EpCohort    *ep_cohort_row_get_cohort (EpCohortRow *self);
guint        ep_cohort_row_get_index  (EpCohortRow *self);
/* The cell's text in column (by position); "" when missing. */
char        *ep_cohort_row_get_text   (EpCohortRow *self,
                                       guint        column);

G_END_DECLS
