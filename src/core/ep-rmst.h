/* ep-rmst.h: restricted mean survival time per group, its difference and ratio
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ep-km.h"

G_BEGIN_DECLS

#define EP_RMST_ERROR (ep_rmst_error_quark ())

typedef enum
{
  EP_RMST_ERROR_INVALID_TAU,   /* tau is not a finite number > 0 */
} EpRmstError;

/* One group's restricted mean: the area under its Kaplan-Meier curve from 0 to tau. */
typedef struct
{
  guint    n;
  guint    events;
  double   rmst;
  double   se;
  double   lower;
  double   upper;
  double   last_time;          /* the group's last follow-up time */
  gboolean tau_beyond_data;    /* tau > last_time: the curve was carried flat to tau */
} EpRmstGroup;

/* Group `level` against group 0 (the reference), as survRM2's "RMST (arm=1)-(arm=0)" and
 * "RMST (arm=1)/(arm=0)" rows. */
typedef struct
{
  guint  level;
  double diff;
  double diff_se;
  double diff_lower;
  double diff_upper;
  double diff_p;
  double ratio;
  double ratio_lower;
  double ratio_upper;
  double ratio_p;
} EpRmstContrast;

typedef struct
{
  double          tau;
  double          conf_level;
  guint           n_groups;
  EpRmstGroup    *groups;       /* one per KM curve, in code order */
  guint           n_contrasts;  /* n_groups - 1 */
  EpRmstContrast *contrasts;    /* group 1, 2, … against group 0 */
} EpRmstResult;

GQuark        ep_rmst_error_quark (void);

/* ep_rmst_from_km: restricted mean survival time up to tau for each curve of a Kaplan-Meier
 * fit, with its standard error and CI, and each group against the first as a difference and
 * a ratio with CIs (Uno et al., J Clin Oncol 2014; Royston & Parmar, BMC Med Res Methodol 2013).
 *
 * Input:   km          a fit from ep_km_fit() (its steps: every distinct time with n_risk and
 *                      n_event); the tie rule and the groups are those of the fit
 *          tau         the truncation time, finite and > 0
 *          conf_level  in (0, 1), e.g. 0.95
 * Output:  a result; free with ep_rmst_result_free().
 *
 * Method (R survival 3.5 survmean(), the "rmean" and "se(rmean)" of print (fit, rmean = tau)
 * and summary (fit, rmean = tau)$table; survRM2 1.0-4 rmst2() for the contrasts):
 *   With the distinct times t_1 < … < t_m <= tau of the curve, t_0 = 0, t_{m+1} = tau, and
 *   S(t_0) = 1:
 *     rmst        = sum_{i=0}^{m} (t_{i+1} - t_i) S(t_i)
 *     A_i         = sum_{j=i}^{m} (t_{j+1} - t_j) S(t_j), the area from t_i to tau
 *     var (rmst)  = sum_{i=1}^{m} A_i^2 d_i / (n_i (n_i - d_i)), a term with n_i = d_i is 0
 *   (the Greenwood-type variance of survmean and survRM2). The CI is rmst -+ z se with
 *   z = qnorm ((1 + conf_level) / 2), as survRM2. When tau is beyond a group's last time the
 *   curve is carried flat to tau, as survmean does (survRM2 refuses); tau_beyond_data says so.
 *   Contrast of group k with group 0:
 *     diff  = rmst_k - rmst_0,  se = sqrt (var_k + var_0),  CI diff -+ z se,
 *             p = 2 (1 - Phi (|diff| / se))
 *     ratio = rmst_k / rmst_0,  on the log scale with se = sqrt (var_k / rmst_k^2 +
 *             var_0 / rmst_0^2): CI exp (log ratio -+ z se), p = 2 (1 - Phi (|log ratio| / se))
 *   A group without records has rmst, se and its contrasts NaN.
 * Errors:  EP_RMST_ERROR_INVALID_TAU for a tau that is not finite and > 0. */
EpRmstResult *ep_rmst_from_km     (const EpKmResult  *km,
                                   double             tau,
                                   double             conf_level,
                                   GError           **error);

void          ep_rmst_result_free (EpRmstResult      *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpRmstResult, ep_rmst_result_free)

G_END_DECLS
