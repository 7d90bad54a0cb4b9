/* ep-analysis-dialog.h: the options of an analysis of a cohort
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-analysis.h"

G_BEGIN_DECLS

#define EP_TYPE_ANALYSIS_DIALOG (ep_analysis_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EpAnalysisDialog, ep_analysis_dialog, EP, ANALYSIS_DIALOG, AdwWindow)

/* Emits "run" (EpAnalysis *) when the user runs it, then closes. previous (may be NULL) gives
 * the options to start from. */
EpAnalysisDialog *ep_analysis_dialog_new    (EpCohort         *cohort,
                                             EpAnalysisKind    kind,
                                             EpAnalysis       *previous);
/* The analysis the options describe now; NULL with a message when one is missing. */
EpAnalysis       *ep_analysis_dialog_build  (EpAnalysisDialog *self,
                                             GError          **error);
/* Chooses value (a column or endpoint name; NULL: none) in the row of option key ("endpoint",
 * "group", "time", "status", "outcome", "strata"); FALSE when it is not offered. */
gboolean          ep_analysis_dialog_select (EpAnalysisDialog *self,
                                             const char       *key,
                                             const char       *value);

/* Ticks (or unticks) the covariate column name, as categorical where factor says so (a
 * category column always is); FALSE when the dialog does not list it. */
gboolean          ep_analysis_dialog_set_covariate (EpAnalysisDialog *self,
                                                    const char       *name,
                                                    gboolean          include,
                                                    gboolean          factor);

/* The title of the landmark times row, which names the endpoint's unit (for tests). */
const char       *ep_analysis_dialog_get_landmark_title (EpAnalysisDialog *self);

G_END_DECLS
