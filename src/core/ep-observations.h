/* ep-observations.h: checking survival observations before an estimator reads them
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Kaplan-Meier estimate and the log-rank test take the same observations and refuse the
 * same bad ones with the same messages; the check lives here once. It is inline, so the
 * estimators' own pass over the rows (counting a group's observations) stays one pass; the
 * message is built out of line, only for the observation that fails.
 */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* Sets error (domain, code) for observation i, the first of its checks below that fails:
 * "Observation 3: the time -1 is not a finite number >= 0", and the like. Returns FALSE. */
gboolean ep_observation_fail (gsize          i,
                              const double  *time,
                              const double  *start,
                              const int     *status,
                              const guint   *group,
                              guint          n_groups,
                              const guint   *stratum,
                              guint          n_strata,
                              GQuark         domain,
                              int            code,
                              GError       **error);

/* Observation i (0-based) is one an estimator can read: its time finite and >= 0; its entry
 * time, when start is not NULL, finite and before its time; its status 0 (censored) or 1
 * (event); its group code below n_groups and its stratum code below n_strata (each when given,
 * not NULL). Otherwise sets error (domain, code), naming the observation 1-based, and returns
 * FALSE. */
static inline gboolean
ep_observation_check (gsize          i,
                      const double  *time,
                      const double  *start,
                      const int     *status,
                      const guint   *group,
                      guint          n_groups,
                      const guint   *stratum,
                      guint          n_strata,
                      GQuark         domain,
                      int            code,
                      GError       **error)
{
  if (G_LIKELY (isfinite (time[i]) && time[i] >= 0.0 &&
                (start == NULL || (isfinite (start[i]) && start[i] < time[i])) &&
                (status[i] == 0 || status[i] == 1) &&
                (group == NULL || group[i] < n_groups) &&
                (stratum == NULL || stratum[i] < n_strata)))
    return TRUE;
  return ep_observation_fail (i, time, start, status, group, n_groups, stratum, n_strata,
                              domain, code, error);
}

G_END_DECLS
