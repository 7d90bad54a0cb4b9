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

G_END_DECLS
