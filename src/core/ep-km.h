/* ep-km.h: Kaplan-Meier estimate of the survival function
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_KM_ERROR (ep_km_error_quark ())

typedef enum
{
  EP_KM_ERROR_INVALID_INPUT,   /* a negative or NaN time, a status other than 0/1, a bad code */
  EP_KM_ERROR_NO_DATA,         /* no observations */
} EpKmError;

/* The transform on which the pointwise confidence interval is symmetric (survfit's conf.type). */
typedef enum
{
  EP_KM_CONF_LOG_LOG,          /* "log-log": on log(-log S); Kalbfleisch & Prentice (2002) */
  EP_KM_CONF_LOG,              /* "log": on log S, upper limit capped at 1 */
  EP_KM_CONF_PLAIN,            /* "plain": on S, clipped to [0, 1] */
} EpKmConfType;

/* One distinct time of one curve (an event time, a censoring time, or both). */
typedef struct
{
  double time;
  guint  n_risk;               /* subjects with time >= this time */
  guint  n_event;
  guint  n_censor;
  double surv;                 /* S(t), right-continuous */
  double std_err;              /* Greenwood standard error of S(t), survival scale; NaN at S = 0 */
  double lower;                /* pointwise CI; NaN where the transform is undefined */
  double upper;
} EpKmStep;

/* The curve read at a chosen time t, as summary (fit, times = t, extend = TRUE). */
typedef struct
{
  double time;
  guint  n_risk;               /* at risk at t: subjects with time >= t (0 past the last time) */
  double surv;                 /* S(t); 1 before the first time; kept past the last */
  double std_err;
  double lower;
  double upper;
} EpKmAt;

typedef struct
{
  guint     n;                 /* records in the group */
  guint     events;
  double    median;            /* NaN when the curve does not reach 0.5 */
  double    median_lower;      /* NaN when the confidence curve does not reach 0.5 */
  double    median_upper;
  gsize     n_steps;
  EpKmStep *steps;             /* ascending distinct times; points into the result's storage */
  gsize     n_at;
  EpKmAt   *at;                /* the chosen times in ascending order */
  gsize     n_entries;         /* delayed entry: records whose start is after 0 */
  double   *entries;           /* their start times, ascending (NULL when none) */
} EpKmCurve;

typedef struct
{
  EpKmConfType  conf_type;
  double        conf_level;
  guint         n_groups;
  EpKmCurve    *curves;        /* one per group code, in code order */
  gboolean      timefix;       /* R's tie rule was applied (ep-timefix.h) */
  gsize         n_timefix;     /* observations whose time it merged with a nearly equal one */
  gboolean      delayed_entry; /* fitted on (start, stop] data */
} EpKmResult;

/* What ep_km_fit_full() does beyond ep_km_fit()'s arguments. */
typedef struct
{
  EpKmConfType  conf_type;     /* default log-log */
  double        conf_level;    /* default 0.95 */
  gboolean      timefix;       /* default TRUE: R's aeqSurv() rule, as survfit (timefix = TRUE) */
} EpKmOptions;

void         ep_km_options_init  (EpKmOptions *options);

GQuark       ep_km_error_quark   (void);

/* ep_km_fit: Kaplan-Meier curves per group with Greenwood errors, pointwise CIs and medians.
 *
 * Input:   time        n follow-up times, >= 0, finite (any unit; the output keeps it)
 *          status      n event indicators: 1 = event, 0 = censored (right censoring)
 *          group       n group codes in [0, n_groups); NULL: one group (n_groups ignored, 1)
 *          n_groups    number of groups; a group without records gets an empty curve
 *          n           number of observations, >= 1; need not be sorted
 *          conf_type   transform for the pointwise CI
 *          conf_level  in (0, 1), e.g. 0.95
 *          at          n_at times at which to read the curves (any order; reported ascending),
 *                      may be NULL when n_at = 0
 * Output:  a result with one curve per group; free with ep_km_result_free().
 *
 * Method (R survival 3.5 survfit.formula with stype = 1, ctype = 1 and summary.survfit):
 *   At each distinct time t_j of a group, n_j = #{time >= t_j}, d_j = events at t_j.
 *     S(t)          = prod_{t_j <= t} (1 - d_j / n_j)                          (Kaplan & Meier 1958)
 *     se(log S(t))  = sqrt (sum_{t_j <= t} d_j / (n_j (n_j - d_j)))            (Greenwood 1926)
 *                     infinite once d_j = n_j
 *     std_err       = S(t) se(log S(t)), the survival-scale error summary.survfit prints;
 *                     NaN at S = 0 (0 x Inf, as R).
 *   With z = qnorm ((1 + conf_level) / 2) and s = se(log S) (survfit_confint):
 *     log-log  exp (-exp (log (-log S) -+ z s / log S)), undefined (NaN) at S = 0 and S = 1
 *     log      S exp (-+ z s), upper capped at 1, undefined at S = 0
 *     plain    S -+ z s S clipped to [0, 1]
 *   Median and its CI (survmean's minmin, the value in summary (fit)$table): on a curve y at
 *   the times x, keep the points with y < 0.5 + tol (tol = sqrt (DBL_EPSILON), NaN dropped); none:
 *   NaN (not reached); if the first kept point is 0.5 within tol and a later kept point is lower,
 *   the midpoint of their times (a flat stretch at exactly 0.5), else the first kept time. The
 *   CI limits apply the same rule to the lower and upper confidence curves.
 *   At a chosen time t (summary.survfit with extend = TRUE): the last step with time <= t, or
 *   S = 1, std_err = 0, CI = [1, 1] before the first step (survfit0's row at time 0); n_risk is
 *   that of the first step with time >= t, or 0 past the last.
 * Cost:    one O(n) radix sort by (group, time), then one forward pass; n_risk at a time is the
 *          count of records at or after it, so no reverse pass is needed.
 * Errors:  EP_KM_ERROR_INVALID_INPUT names the offending observation (1-based, input order)
 *          for a negative or non-finite time, a status other than 0 or 1, or a group code out
 *          of range; EP_KM_ERROR_NO_DATA when n = 0. Callers that know file lines should check
 *          first and report those.
 * Ties:    times that differ only by rounding error (0.30000000000000004 and 0.3) are merged
 *          first by R's rule (ep_timefix(), survfit's timefix = TRUE); n_timefix says how many
 *          observations moved. ep_km_fit_full() can turn this off. */
EpKmResult  *ep_km_fit           (const double  *time,
                                  const int     *status,
                                  const guint   *group,
                                  guint          n_groups,
                                  gsize          n,
                                  EpKmConfType   conf_type,
                                  double         conf_level,
                                  const double  *at,
                                  gsize          n_at,
                                  GError       **error);

/* ep_km_fit_full: ep_km_fit() with options and, optionally, delayed entry (left truncation).
 *
 * Input:   start    NULL, or n entry times (finite, start[i] < time[i]): observation i is at
 *                   risk on (start[i], time[i]], as survfit (Surv (start, stop, event) ~ g)
 *          options  NULL for the defaults (ep_km_options_init())
 *          the rest as ep_km_fit()
 * Method:  as ep_km_fit(), with n_j = #{start < t_j <= time}: subjects enter the risk set at
 *          their entry time (Klein & Moeschberger 2003, sec. 4.6). The curve is the product
 *          over the stop times, the conditional survival given entry; with a risk set of 0 the
 *          curve is undefined there and survfit would stop, so the first entry time of a group
 *          must come before its first stop time (else the subjects at risk are only those that
 *          entered, which is what this computes). With timefix, start and stop times are
 *          merged together (aeqSurv on both columns).
 *          At a chosen time, n_risk is that of the first step at or after it. */
EpKmResult  *ep_km_fit_full      (const double       *start,
                                  const double       *time,
                                  const int          *status,
                                  const guint        *group,
                                  guint               n_groups,
                                  gsize               n,
                                  const EpKmOptions  *options,
                                  const double       *at,
                                  gsize               n_at,
                                  GError            **error);

/* ep_km_count_at_risk: the subjects at risk at time t on a curve, where j is the first step
 * with time >= t: #{start < t <= time} (the counting-process risk set, Andersen & Gill 1982)
 * for t > 0, and #{start = 0} at t = 0; 0 past the last step (j = n_steps). Without delayed
 * entry this is n_risk of step j, which is also what summary (fit, times = t)$n.risk gives;
 * with it, R's summary gives n_risk of step j, counting those who enter between t and t_j,
 * and this does not: in R, sum (tstart < t & tstop >= t) per curve. */
double       ep_km_count_at_risk (const EpKmCurve *curve,
                                  gsize            j,
                                  double           t);
/* Sets curve g's entry times (ascending, > 0; copied), for a result read back from its saved
 * form. */
void         ep_km_result_set_entries (EpKmResult   *result,
                                       guint         g,
                                       const double *entries,
                                       gsize         n_entries);

/* An empty result with room for n_steps[g] steps and n_at[g] landmark rows per group, for a
 * result read back from its saved form (the fields are the caller's to fill). */
EpKmResult  *ep_km_result_new    (EpKmConfType   conf_type,
                                  double         conf_level,
                                  guint          n_groups,
                                  const gsize   *n_steps,
                                  const gsize   *n_at);
/* ep_km_reverse: the Kaplan-Meier fit of the same data with event and censoring swapped
 * (Surv (time, 1 - status)), from a right-censored fit's table: every step keeps its time and
 * number at risk, its events and censorings trade places. The same numbers, bit for bit, as
 * ep_km_fit_full() on the reversed status with the same tie rule, without sorting again (the
 * reverse Kaplan-Meier of median follow-up, ep-followup.h). Not for delayed entry. */
EpKmResult  *ep_km_reverse       (const EpKmResult *km,
                                  EpKmConfType      conf_type,
                                  double            conf_level);

void         ep_km_result_free   (EpKmResult    *result);

/* "log-log", "log" or "plain" (survfit's conf.type names); FALSE for anything else. */
gboolean     ep_km_conf_type_from_string (const char   *name,
                                          EpKmConfType *conf_type);
const char  *ep_km_conf_type_to_string   (EpKmConfType  conf_type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpKmResult, ep_km_result_free)

G_END_DECLS
