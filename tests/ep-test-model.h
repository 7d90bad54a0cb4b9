/* ep-test-model.h: waiting for the model's live updates in a test
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/ep-analysis.h"
#include "model/ep-project.h"
#include "model/ep-reconstruction.h"

G_BEGIN_DECLS

/* Runs the main loop until the analysis has its result (FRESH, or INVALID when it cannot run)
 * and no run in its worker, then what is queued behind it; FALSE when that took more than
 * 60 s (a bound on a hang, not a speed target: on a loaded 2-core machine 20 s was too few). */
gboolean ep_test_analysis_settle (EpAnalysis *analysis);

/* Issue 17: adds to project a digitized figure "fig2.png" (Smith 2020) with the curve "Drug X"
 * (20 patients, 4 deaths at 10, 20 and 30 months each, 8 censored at 40) and reconstructs it into
 * the cohort "Drug X (published)", in months; report (when not NULL) gets the reconstruction's
 * report. Returns the cohort (owned by the project). */
EpCohort *ep_test_add_published_arm (EpProject            *project,
                                     EpReconstructResult **report);

G_END_DECLS
