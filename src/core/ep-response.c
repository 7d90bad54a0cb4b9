/* ep-response.c: response rates by group
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "core/ep-binom.h"
#include "core/ep-contingency.h"
#include "core/ep-response.h"

G_DEFINE_QUARK (ep-response-error-quark, ep_response_error)

void
ep_response_free (EpResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->groups);
  g_free (response);
}

EpResponse *
ep_response_fit (const gboolean *success,
                 const guint    *group,
                 gsize           n,
                 guint           n_groups,
                 double          level,
                 GError        **error)
{
  g_autoptr(EpResponse) response = NULL;
  g_autofree guint *table = NULL;
  guint k = 0;

  g_return_val_if_fail (success != NULL || n == 0, NULL);
  g_return_val_if_fail (n_groups >= 1, NULL);
  g_return_val_if_fail (level > 0 && level < 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  response = g_new0 (EpResponse, 1);
  response->n_groups = n_groups;
  response->groups = g_new0 (EpResponseGroup, n_groups);

  for (gsize i = 0; i < n; i++)
    {
      guint g = (group != NULL) ? group[i] : 0;

      if (g >= n_groups)
        {
          g_set_error (error, EP_RESPONSE_ERROR, EP_RESPONSE_ERROR_INVALID,
                       _("group code %u is out of range (%u groups)"), g, n_groups);
          return NULL;
        }
      response->groups[g].n++;
      response->groups[g].successes += success[i] ? 1 : 0;
    }

  /* The 2 x k table of the non-empty groups: responders first, then non-responders. */
  table = g_new0 (guint, 2 * (gsize) n_groups);
  for (guint g = 0; g < n_groups; g++)
    {
      EpResponseGroup *rg = &response->groups[g];

      rg->pct = rg->lower = rg->upper = NAN;
      if (rg->n == 0)
        continue;
      rg->pct = 100.0 * rg->successes / rg->n;
      ep_binom_clopper_pearson (rg->successes, rg->n, level, &rg->lower, &rg->upper);
      table[k++] = rg->successes;
    }
  for (guint g = 0, m = 0; g < n_groups; g++)
    if (response->groups[g].n > 0)
      table[k + m++] = response->groups[g].n - response->groups[g].successes;

  response->fisher_p = response->chisq = response->chisq_p = NAN;
  if (k >= 2)
    {
      /* ep_fisher_test_2xk wants the second row right after the first: k columns each. */
      response->fisher_p = ep_fisher_test_2xk (table, k);
      ep_chisq_test (table, 2, k, &response->chisq, &response->chisq_df,
                     &response->chisq_p, &response->chisq_small_expected);
    }

  return g_steal_pointer (&response);
}
