/* ep-response.h: response rates by group (a binary outcome in k groups)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_RESPONSE_ERROR (ep_response_error_quark ())

typedef enum
{
  EP_RESPONSE_ERROR_INVALID,    /* a group code out of range */
} EpResponseError;

typedef struct
{
  guint   n;            /* patients in the group */
  guint   successes;    /* responders */
  double  pct;          /* 100 successes / n */
  double  lower;        /* Clopper-Pearson limits as proportions (binom.test), at level */
  double  upper;
} EpResponseGroup;

typedef struct
{
  guint             n_groups;
  EpResponseGroup  *groups;          /* n_groups, in code order */
  double            fisher_p;        /* fisher.test on the 2 x k table; NaN with < 2 groups */
  double            chisq;           /* chisq.test (correct = FALSE) on the same table */
  guint             chisq_df;
  double            chisq_p;
  gboolean          chisq_small_expected;   /* an expected count < 5: the approximation is poor */
} EpResponse;

/* ep_response_fit: counts, percentages and exact confidence intervals of a binary outcome per
 * group, and the tests of equal response across groups.
 *
 * Input:   success   n flags, TRUE for a responder (missing values already removed)
 *          group     n codes in [0, n_groups), or NULL for one group
 *          n_groups  number of groups (1 when group is NULL)
 *          level     confidence level of the intervals, in (0, 1)
 * Output:  per group n, successes, pct, and the Clopper-Pearson interval (ep_binom.h); a group
 *          with no patient has NaN pct and limits. The 2 x k table (responders, non-responders
 *          by group; empty groups left out) goes to ep_fisher_test_2xk() and ep_chisq_test();
 *          with fewer than two non-empty groups the test fields are NaN.
 * Returns: NULL with an error only for invalid arguments (a code out of range). */
GQuark      ep_response_error_quark (void);

EpResponse *ep_response_fit  (const gboolean *success,
                              const guint    *group,
                              gsize           n,
                              guint           n_groups,
                              double          level,
                              GError        **error);
void        ep_response_free (EpResponse     *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpResponse, ep_response_free)

G_END_DECLS
