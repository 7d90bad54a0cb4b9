/* ep-analysis-list.h: the analyses of a cohort, in the order made, as a side list
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-analysis.h"

G_BEGIN_DECLS

#define EP_TYPE_ANALYSIS_LIST (ep_analysis_list_get_type ())

G_DECLARE_FINAL_TYPE (EpAnalysisList, ep_analysis_list, EP, ANALYSIS_LIST, AdwBin)

GtkWidget  *ep_analysis_list_new          (void);
/* A GListModel of EpAnalysis (the cohort's analyses); NULL empties the list. Each row shows the
 * kind, the one-line options summary and whether it is up to date, and follows the analysis. */
void        ep_analysis_list_set_model    (EpAnalysisList *self,
                                           GListModel     *analyses);
/* Selects analysis's row (NULL: none) without emitting ::analysis-selected. */
void        ep_analysis_list_select       (EpAnalysisList *self,
                                           EpAnalysis     *analysis);
EpAnalysis *ep_analysis_list_get_selected (EpAnalysisList *self);
guint       ep_analysis_list_get_n_items  (EpAnalysisList *self);

G_END_DECLS
