/* ep-followup.h: median follow-up by the reverse Kaplan-Meier method
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ep-km.h"

G_BEGIN_DECLS

/* ep_followup_fit: the reverse Kaplan-Meier estimate of the follow-up distribution, whose
 * median (with its CI) is the median follow-up a paper reports (Schemper & Smith, Control Clin
 * Trials 1996).
 *
 * Input:   as ep_km_fit(): status 1 = event, 0 = censored, as recorded
 * Output:  an EpKmResult whose curves estimate the probability of still being followed
 *          (free with ep_km_result_free()); each curve's median, median_lower and
 *          median_upper are the median follow-up and its CI; its "events" are the censored
 *          records (the follow-up times that are observed) and n the records.
 *
 * Method (R: survfit (Surv (time, 1 - status) ~ group) and summary (fit)$table's median,
 *          0.95LCL and 0.95UCL): the roles of event and censoring are swapped, so a death ends
 *          a patient's observation of follow-up (censors it) and a censoring (the end of
 *          follow-up while alive) is the "event"; then ep_km_fit() with the same options,
 *          the tie rule included. Unlike the median of all observed times, deaths do not
 *          shorten it. */
EpKmResult  *ep_followup_fit (const double        *time,
                              const int           *status,
                              const guint         *group,
                              guint                n_groups,
                              gsize                n,
                              const EpKmOptions   *options,
                              GError             **error);

G_END_DECLS
