/* ep-trial-detail.h
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-project.h"
#include "model/ep-trial.h"

G_BEGIN_DECLS

#define EP_TYPE_TRIAL_DETAIL (ep_trial_detail_get_type ())

G_DECLARE_FINAL_TYPE (EpTrialDetail, ep_trial_detail, EP, TRIAL_DETAIL, AdwBin)

GtkWidget *ep_trial_detail_new       (void);
EpTrial   *ep_trial_detail_get_trial (EpTrialDetail *self);
/* The project whose digitized curves attached to catalog arms are shown (NULL: the window's). */
void       ep_trial_detail_set_project (EpTrialDetail *self,
                                        EpProject     *project);
void       ep_trial_detail_set_trial (EpTrialDetail *self,
                                      EpTrial       *trial);

G_END_DECLS
