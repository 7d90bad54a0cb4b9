/* ep-risk.h: numbers at risk, censored and with an event at chosen times (private to src/plot)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "core/ep-km.h"
#include "plot/ep-plot-private.h"

G_BEGIN_DECLS

/* ep_risk_count: on one Kaplan-Meier curve, at each of n times t_k (data units, ascending):
 *   at_risk[k]  = #{time >= t_k}: the n_risk of the first step at or after t_k, 0 past the last
 *                 (summary.survfit (fit, times = t_k, extend = TRUE)$n.risk)
 *   censored[k] = censorings with time < t_k;  events[k] = events with time < t_k
 * so that at_risk + censored + events = n at every t_k (KMunicate, Morris et al., BMJ Open 2019).
 * A time within 1e-9 (relative) of a step time counts as that time, so that a tick computed in
 * another unit (12 months = 365.25 days) does not miss the subjects at exactly that time.
 * With delayed entry ((start, stop] data, e.g. Simon-Makuch curves) at_risk is the risk set
 * #{start < t_k <= stop} (ep_km_count_at_risk()), not the next step's n_risk.
 * One pass over the steps; censored and events may be NULL. */
void        ep_risk_count        (const EpKmCurve   *curve,
                                  const double      *times,
                                  guint              n,
                                  double            *at_risk,
                                  double            *censored,
                                  double            *events);

/* The table rows of a KM result at the ticks (axis units; time_scale axis units per data
 * unit): one row per group, or with events a heading per group and its three rows. */
EpRiskRow  *ep_risk_rows_from_km (const EpKmResult  *fit,
                                  const char * const *labels,
                                  const EpPlotStyle *style,
                                  gboolean           events,
                                  const double      *ticks,
                                  guint              n_ticks,
                                  double             time_scale,
                                  guint             *n_rows);

G_END_DECLS
