/* ep-cohort-sidebar.h: the Cohorts page's side panel: a cohort's endpoints and columns
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-cohort.h"

G_BEGIN_DECLS

#define EP_TYPE_COHORT_SIDEBAR (ep_cohort_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (EpCohortSidebar, ep_cohort_sidebar, EP, COHORT_SIDEBAR, AdwBin)

GtkWidget *ep_cohort_sidebar_new        (void);
EpCohort  *ep_cohort_sidebar_get_cohort (EpCohortSidebar *self);
/* The cohort listed; NULL empties both lists. */
void       ep_cohort_sidebar_set_cohort (EpCohortSidebar *self,
                                         EpCohort        *cohort);

G_END_DECLS
