/* ep-cif.h: cumulative incidence with competing risks, and Gray's test
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers are those of R's cmprsk package (Gray; version 2.2-11): ep_cif_fit() is
 * cuminc()'s Fortran routine cinc, ep_cif_curve_at() is timepoints() (routine tpoi) and
 * ep_gray_test() is cuminc()'s $Tests (routines crstm and crst).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_CIF_ERROR (ep_cif_error_quark ())

typedef enum
{
  EP_CIF_ERROR_INVALID_INPUT,  /* a negative or NaN time, a negative status, a bad code */
  EP_CIF_ERROR_NO_DATA,        /* no observations */
  EP_CIF_ERROR_TOO_FEW_GROUPS, /* Gray's test: fewer than two groups with observations */
} EpCifError;

/* One cause in one group: the step function exactly as cuminc() returns it
 * (cuminc (...)[["group cause"]]$time, $est, $var). With t_1 < ... < t_k the distinct times
 * with an event of this cause in the group and t_max the group's largest time (event or
 * censoring), there are n_points = 2 k + 2 points:
 *   time      0,  t_1, t_1,  t_2, t_2,  ...,  t_k, t_k,  t_max
 *   estimate  0,  0,   F_1,  F_1, F_2,  ...,  F_k-1, F_k, F_k
 * so that joining the points draws the steps; variance follows the same layout. */
typedef struct
{
  int     cause;               /* the status code */
  guint   n_events;            /* events of this cause in the group */
  gsize   n_points;
  double *time;
  double *estimate;            /* cumulative incidence F(t) */
  double *variance;            /* cmprsk's variance of F(t) (see ep_cif_fit) */
} EpCifCurve;

typedef struct
{
  guint       n_groups;
  guint       n_causes;
  int        *causes;          /* n_causes distinct non-zero status codes, ascending */
  guint      *n;               /* n_groups: observations per group */
  EpCifCurve *curves;          /* n_groups * n_causes: group g, cause c at [g * n_causes + c] */
} EpCifResult;

/* Gray's test for one cause. */
typedef struct
{
  int      cause;
  double   stat;               /* s' V^-1 s; NaN when V is singular */
  guint    df;                 /* groups with observations - 1 */
  double   p;                  /* upper chi-square tail; NaN when stat is */
  gboolean singular;           /* V not of full rank: cuminc() reports stat -1 and p 1 */
} EpGrayCause;

typedef struct
{
  double       rho;
  guint        n_groups;       /* groups with observations (the groups compared) */
  guint        n_causes;
  EpGrayCause *causes;         /* one per cause, ascending cause code */
} EpGrayResult;

GQuark             ep_cif_error_quark   (void);

/* ep_cif_fit: the Aalen-Johansen cumulative incidence of each cause in each group, with
 * cmprsk's variance.
 *
 * Input:   time      n follow-up times, >= 0 and finite (any unit; the output keeps it)
 *          status    n codes: 0 = censored, any other value >= 1 = failure from that cause
 *          group     n group codes in [0, n_groups); NULL: one group (n_groups ignored, 1)
 *          n_groups  number of groups; a group without observations gets curves with no points
 *          n         number of observations, >= 1; need not be sorted
 * Output:  a result with a curve per group and cause; free with ep_cif_result_free(). A cause
 *          is any non-zero code present in the data; a group with no event of a cause gets the
 *          flat curve (0, 0), (t_max, 0). All censored: n_causes = 0.
 *
 * Method (cmprsk cinc, Gray 1988 / Kalbfleisch & Prentice 1980), per group, over the distinct
 *   times t of the group in ascending order, with n_t at risk (time >= t), d_t failures from the
 *   cause of interest, e_t from any other cause, and S(t-) the all-cause Kaplan-Meier survival
 *   just before t:
 *     F(t)  = F(t-) + S(t-) d_t / n_t                                  (Aalen-Johansen)
 *     S(t)  = S(t-) (n_t - d_t - e_t) / n_t
 *   The variance (Gray's delta-method form as coded in cinc, not the Greenwood-Aalen form) keeps
 *   three sums over the failure times so far, with for m failures at t the tie factor
 *   c(m) = 1 - (m - 1) / (n_t - 1) (1 when m = 1) and w(m) = S(t-)^2 c(m) m / n_t^2:
 *     other causes (e_t > 0 and S(t) > 0), with a = F(t) / S(t), b = 1 / S(t):
 *       v1 += a^2 w(e_t),  v2 += a b w(e_t),  v3 += b^2 w(e_t)
 *     this cause (d_t > 0), with b = 1 / S(t) (0 when S(t) = 0) and a = 1 + b F(t):
 *       v1 += a^2 w(d_t),  v2 += a b w(d_t),  v3 += b^2 w(d_t)
 *     Var F(t) = v1 + F(t)^2 v3 - 2 F(t) v2, recorded at the event times of the cause only
 *   (cinc leaves the variance flat between them, as cuminc() returns it).
 * Cost:    one O(n) radix sort by (group, time) (ep-sort.h) and one pass. Contributions of
 *          other causes' failures are summed once for all causes and added to a cause's v1..v3
 *          when it next fails (its F is constant meanwhile), so the pass is O(n) whatever the
 *          number of causes; the sums agree with cinc's to rounding.
 * Errors:  EP_CIF_ERROR_INVALID_INPUT names the offending observation (0-based) for a negative
 *          or non-finite time, a negative status or a group code out of range;
 *          EP_CIF_ERROR_NO_DATA when n = 0. Callers that know file lines should check first. */
EpCifResult       *ep_cif_fit           (const double       *time,
                                         const int          *status,
                                         const guint        *group,
                                         guint               n_groups,
                                         gsize               n,
                                         GError            **error);

void               ep_cif_result_free   (EpCifResult        *result);

/* The curve of group g and cause index c (0-based in result->causes). */
const EpCifCurve  *ep_cif_result_get_curve (const EpCifResult *result,
                                            guint              group,
                                            guint              cause_index);

/* ep_cif_curve_at: the curve read at time t, as cmprsk's timepoints() (routine tpoi).
 * The step function is right-continuous: F at the last event time <= t, 0 before the first
 * event. Past the group's largest time t_max, and for t < 0, there is no estimate: both outputs
 * are NaN (timepoints() gives NA) and FALSE is returned. The variance is the one recorded at
 * that last event time. */
gboolean           ep_cif_curve_at      (const EpCifCurve   *curve,
                                         double              t,
                                         double             *estimate,
                                         double             *variance);

/* ep_cif_loglog_ci: the pointwise confidence interval of a cumulative incidence F with
 * variance var on the log(-log) scale, the interval Endpoint's plots draw (cmprsk has none; the
 * formula is the one of survival's conf.type = "log-log" applied to F):
 *   k = z sqrt (var) / (F log F), z = qnorm ((1 + level) / 2);
 *   lower = F^exp (-k), upper = F^exp (k).
 * Where F is 0 or 1, or var is not finite, both limits are F (NaN for a NaN F). */
void               ep_cif_loglog_ci     (double              estimate,
                                         double              variance,
                                         double              level,
                                         double             *lower,
                                         double             *upper);

/* ep_gray_test: Gray's (1988) k-sample test of equal cumulative incidence, for each cause.
 *
 * Input:   time, status, n   as ep_cif_fit()
 *          group     n group codes in [0, n_groups); groups without observations are left out
 *                    (as cuminc() drops empty factor levels)
 *          stratum   n stratum codes in [0, n_strata), or NULL for one stratum
 *          rho       the power of the weight (1 - F(t-))^rho; cuminc()'s default is 0
 * Output:  per cause, the statistic, its degrees of freedom and p; free with
 *          ep_gray_result_free(). All censored: n_causes = 0.
 *
 * Method (cmprsk crstm/crst; Gray 1988, Ann. Statist. 16:1141-54): within each stratum and for
 *   the cause of interest, at each distinct time with d_1 failures of the cause (over all
 *   groups), F_k(t-) and S_k(t-) the group's cumulative incidence and all-cause Kaplan-Meier
 *   survival, R_k = n_k (1 - F_k(t-)) / S_k(t-) and R = sum_k R_k, the score of group k is
 *     s_k = sum_t (1 - F(t-))^rho (d_1k - d_1 R_k / R)
 *   with F the pooled cumulative incidence, and its covariance is crst's plug-in estimate
 *   from the asymptotic representation as sums over the failures of the cause and of the other
 *   causes (code followed term by term, including its tie corrections). Scores and covariances
 *   of the first K - 1 groups are summed over strata; stat = s' V^-1 s ~ chi-square (K - 1).
 *   As cuminc(), V must be of full rank by a pivoted QR test with tolerance 1e-7 (R's qr());
 *   otherwise the cause is flagged singular with stat and p NaN. p is the upper chi-square
 *   tail computed directly (gsl_cdf_chisq_Q), which agrees with R's 1 - pchisq() wherever
 *   that has digits left.
 * Cost:    one O(n) radix sort by (stratum, time), then per cause one pass of
 *          O(n + distinct times x K^2).
 * Errors:  as ep_cif_fit(), plus EP_CIF_ERROR_TOO_FEW_GROUPS when fewer than two groups have
 *          observations. */
EpGrayResult      *ep_gray_test         (const double       *time,
                                         const int          *status,
                                         const guint        *group,
                                         guint               n_groups,
                                         const guint        *stratum,
                                         guint               n_strata,
                                         gsize               n,
                                         double              rho,
                                         GError            **error);

void               ep_gray_result_free  (EpGrayResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpCifResult, ep_cif_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpGrayResult, ep_gray_result_free)

G_END_DECLS
