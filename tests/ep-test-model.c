/* ep-test-model.c: waiting for the model's live updates in a test
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ep-test-model.h"

static gboolean
settled (EpAnalysis *analysis)
{
  EpAnalysisState state = ep_analysis_get_state (analysis);

  return (state == EP_ANALYSIS_STATE_FRESH || state == EP_ANALYSIS_STATE_INVALID)
         && !ep_analysis_get_running (analysis);
}

gboolean
ep_test_analysis_settle (EpAnalysis *analysis)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* polling: no wait on an event that a finished worker may never post */
  while (!settled (analysis) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return settled (analysis);
}
