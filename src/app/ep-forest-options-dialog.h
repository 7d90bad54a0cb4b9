/* ep-forest-options-dialog.h: the options of a forest plot of catalog arms
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-evidence-forest.h"

G_BEGIN_DECLS

#define EP_TYPE_FOREST_OPTIONS_DIALOG (ep_forest_options_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EpForestOptionsDialog, ep_forest_options_dialog, EP, FOREST_OPTIONS_DIALOG, AdwWindow)

/* "draw" is emitted when the user asks for the figure; read the options then. */
GtkWidget *ep_forest_options_dialog_new         (GtkWindow               *parent);
/* Preselects the subgroup field ("population", ...: ep_evidence_forest_subgroup_fields()). */
void       ep_forest_options_dialog_set_subgroup (EpForestOptionsDialog  *self,
                                                  const char             *field);
void       ep_forest_options_dialog_get_options (EpForestOptionsDialog   *self,
                                                 EpEvidenceForestOptions *options);
/* Chooses the method and the confidence level (0.90, 0.95 or 0.99), as the rows would. */
void       ep_forest_options_dialog_set_method  (EpForestOptionsDialog   *self,
                                                 EpMetaMethod             method,
                                                 double                   level);
/* Chooses the effect (a proportion, or a contrast of two arms) and the two-arm pooling. */
void       ep_forest_options_dialog_set_effect  (EpForestOptionsDialog   *self,
                                                 EpEvidenceEffect         effect,
                                                 EpEvidencePooling        pooling);
/* The line shown under the method: why the GLMM is recommended, or what another gives up. */
const char *ep_forest_options_dialog_get_method_reason (EpForestOptionsDialog *self);

G_END_DECLS
