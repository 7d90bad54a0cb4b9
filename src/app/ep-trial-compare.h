/* ep-trial-compare.h
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EP_TYPE_TRIAL_COMPARE (ep_trial_compare_get_type ())

G_DECLARE_FINAL_TYPE (EpTrialCompare, ep_trial_compare, EP, TRIAL_COMPARE, AdwWindow)

/* trials: EpTrial, in the order of the columns. */
GtkWidget *ep_trial_compare_new          (GtkWindow *parent,
                                          GPtrArray *trials);
guint      ep_trial_compare_get_n_arms   (EpTrialCompare *self);
/* The row labels, top to bottom, and one cell; for tests and for copying. */
guint      ep_trial_compare_get_n_rows   (EpTrialCompare *self);
const char *ep_trial_compare_get_row_label (EpTrialCompare *self,
                                            guint           row);
const char *ep_trial_compare_get_cell    (EpTrialCompare *self,
                                          guint           row,
                                          guint           arm);

G_END_DECLS
