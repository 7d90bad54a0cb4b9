/* ep-followup.c: median follow-up by the reverse Kaplan-Meier method
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-followup.h.
 */
#include "config.h"

#include "core/ep-followup.h"

EpKmResult *
ep_followup_fit (const double        *time,
                 const int           *status,
                 const guint         *group,
                 guint                n_groups,
                 gsize                n,
                 const EpKmOptions   *options,
                 GError             **error)
{
  g_autofree int *reversed = NULL;

  g_return_val_if_fail (n == 0 || (time != NULL && status != NULL), NULL);

  /* Surv (time, 1 - status); a status other than 0/1 is left for ep_km_fit_full() to report */
  reversed = g_new (int, n);
  for (gsize i = 0; i < n; i++)
    reversed[i] = status[i] == 0 || status[i] == 1 ? 1 - status[i] : status[i];

  return ep_km_fit_full (NULL, time, reversed, group, n_groups, n, options, NULL, 0, error);
}
