/* ep-test-model.c: waiting for the model's live updates in a test; a reconstructed published arm
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

/* Issue 17: a digitized figure "fig2.png" (Smith 2020) with the curve "Drug X" (20 patients, 4
 * deaths at 10, 20 and 30 months each, 8 censored at 40) reconstructed into the cohort "Drug X
 * (published)"; report (when not NULL) gets the reconstruction's report. */
EpCohort *
ep_test_add_published_arm (EpProject            *project,
                           EpReconstructResult **report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("not an image", 12);
  g_autoptr(EpProjectDigitized) digitized = ep_project_digitized_new ("fig2.png", "fig2.png", 1,
                                                                       bytes);
  const double time[] = { 0, 10, 20, 30, 40 };
  const double surv[] = { 1, 0.8, 0.6, 0.4, 0.4 };
  const double risk_time[] = { 0, 20 };
  const double n_risk[] = { 20, 16 };
  const guint8 color[3] = { 0, 0x72, 0xb2 };
  EpCohort *published;

  digitized->citation = g_strdup ("Smith 2020");
  g_ptr_array_add (digitized->curves,
                   ep_project_curve_new ("Drug X", color, G_N_ELEMENTS (time), time, surv));
  ep_project_set_digitized (project, digitized);
  published = ep_project_reconstruct_curve_full (project, "fig2.png", 0, risk_time, n_risk,
                                                 G_N_ELEMENTS (n_risk), -1, 12,
                                                 EP_TIME_UNIT_MONTHS, "Drug X (published)",
                                                 report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (published);
  return published;
}
