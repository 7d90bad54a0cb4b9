/* ep-observations.c: the messages for survival observations an estimator cannot read
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-observations.h.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "core/ep-observations.h"

gboolean
ep_observation_fail (gsize          i,
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
  unsigned long row = (unsigned long) (i + 1);

  if (!isfinite (time[i]) || time[i] < 0.0)
    g_set_error (error, domain, code,
                 _("Observation %lu: the time %g is not a finite number >= 0"), row, time[i]);
  else if (start != NULL && !(isfinite (start[i]) && start[i] < time[i]))
    g_set_error (error, domain, code,
                 _("Observation %lu: the entry time %g is not a finite number before "
                   "the time %g"), row, start[i], time[i]);
  else if (status[i] != 0 && status[i] != 1)
    g_set_error (error, domain, code,
                 _("Observation %lu: the event status %d is not 0 (censored) or 1 (event)"),
                 row, status[i]);
  else if (group != NULL && group[i] >= n_groups)
    g_set_error (error, domain, code,
                 _("Observation %lu: the group code %u is not below %u"), row, group[i],
                 n_groups);
  else if (stratum != NULL && stratum[i] >= n_strata)
    g_set_error (error, domain, code,
                 _("Observation %lu: the stratum code %u is not below %u"), row, stratum[i],
                 n_strata);
  else
    g_return_val_if_reached (FALSE);   /* called for an observation that passes */
  return FALSE;
}
