/* ep-cohort-column-private.h: what EpCohort needs from its columns
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/ep-cohort-column.h"

G_BEGIN_DECLS

/* data is not owned: it belongs to the cohort's table (or to an undo entry while deleted). */
EpCohortColumn *ep_cohort_column_new         (EpTableColumn  *data);
EpTableColumn  *ep_cohort_column_get_storage (EpCohortColumn *self);
void            ep_cohort_column_set_storage (EpCohortColumn *self,
                                              EpTableColumn  *data);
void            ep_cohort_column_set_name    (EpCohortColumn *self,
                                              const char     *name);
void            ep_cohort_column_set_role    (EpCohortColumn *self,
                                              EpColumnRole    role);
/* Emits notify::label after the display name or the value labels changed. */
void            ep_cohort_column_labels_changed (EpCohortColumn *self);
/* Emits the notifies for type, levels and missing count after the cells changed. */
void            ep_cohort_column_cells_changed (EpCohortColumn *self);

G_END_DECLS
