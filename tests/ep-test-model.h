/* ep-test-model.h: waiting for the model's live updates in a test
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/ep-analysis.h"

G_BEGIN_DECLS

/* Runs the main loop until the analysis has its result (FRESH, or INVALID when it cannot run)
 * and no run in its worker, then what is queued behind it; FALSE when that took more than
 * 60 s (a bound on a hang, not a speed target: on a loaded 2-core machine 20 s was too few). */
gboolean ep_test_analysis_settle (EpAnalysis *analysis);

G_END_DECLS
