/* ep-analysis-results.h: the results of an analysis of a cohort, as tables
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-analysis.h"

G_BEGIN_DECLS

#define EP_TYPE_ANALYSIS_RESULTS (ep_analysis_results_get_type ())

G_DECLARE_FINAL_TYPE (EpAnalysisResults, ep_analysis_results, EP, ANALYSIS_RESULTS, AdwBin)

GtkWidget  *ep_analysis_results_new          (void);
/* Shows analysis: its progress while it runs (cancellable through cancellable), its tables
 * once it has results. */
void        ep_analysis_results_set_analysis (EpAnalysisResults *self,
                                              EpAnalysis        *analysis,
                                              GCancellable      *cancellable);
EpAnalysis *ep_analysis_results_get_analysis (EpAnalysisResults *self);
/* A sentence shown above the results (NULL: none): the cohort page sets the caveat of
 * reconstructed data (model/ep-reconstruction.h) for a cohort reconstructed from a figure. */
void        ep_analysis_results_set_caveat   (EpAnalysisResults *self,
                                              const char        *caveat);
const char *ep_analysis_results_get_caveat   (EpAnalysisResults *self);
/* Shows why the analysis did not run. */
void        ep_analysis_results_show_error   (EpAnalysisResults *self,
                                              const GError      *error);
/* The shown tables as tab-separated text (what Copy puts on the clipboard); NULL when none. */
char       *ep_analysis_results_get_text     (EpAnalysisResults *self);

G_END_DECLS
