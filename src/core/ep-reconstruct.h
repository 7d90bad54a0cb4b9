/* ep-reconstruct.h: patient-level data from a published Kaplan-Meier curve (Guyot 2012)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_RECONSTRUCT_ERROR (ep_reconstruct_error_quark ())

/* The most patients a reconstruction makes (a total or a number at risk above it is refused:
 * the counts are ints, and a typo of a few digits would allocate gigabytes). */
#define EP_RECONSTRUCT_MAX_PATIENTS 1000000

typedef enum
{
  EP_RECONSTRUCT_ERROR_INPUT,     /* no points, a NaN or negative time, survival far outside
                                   * [0, 1], a number at risk that is negative or fractional,
                                   * a total or number at risk above
                                   * EP_RECONSTRUCT_MAX_PATIENTS */
  EP_RECONSTRUCT_ERROR_RISING,    /* survival rises after the clean-up */
  EP_RECONSTRUCT_ERROR_AT_RISK,   /* at-risk times not increasing, numbers at risk increasing,
                                   * or a total that disagrees with the number at risk at 0 */
  EP_RECONSTRUCT_ERROR_NO_TOTAL,  /* neither an at-risk row at time 0 nor a total */
} EpReconstructError;

typedef struct
{
  int          total_events;    /* the published number of events; -1: unknown */
  int          total;           /* the number of patients at time 0; -1: unknown (the at-risk
                                 * table's row at time 0 gives it) */
  double       max_rise;        /* a rise of survival up to this is digitizing noise and is
                                 * flattened; more is refused (default 0.02) */
  double       time_jitter;     /* a larger rise within this fraction of the time range of the
                                 * lowest point so far is a step's corner clicked in the wrong
                                 * order and is flattened too (default 0.005) */
  /* For messages only (may be NULL): the files' display names and, per input row, the line of
   * the file it came from. Errors then read "points.csv:17: ..."; without them "point 17: ...". */
  const char  *points_name;
  const guint *points_lines;
  const char  *at_risk_name;
  const guint *at_risk_lines;
} EpReconstructOptions;

/* One row of the at-risk table as the reconstruction saw it. */
typedef struct
{
  double time;
  guint  n_risk;                /* as given (after the at-risk clean-up) */
  guint  n_risk_hat;            /* patients of the reconstructed data with time >= this time */
} EpReconstructInterval;

typedef struct
{
  gsize                   n;              /* patients */
  double                 *time;           /* n times, ascending */
  int                    *status;         /* n indicators: 1 event, 0 censored */
  guint                   events;
  guint                   censored;
  gsize                   n_points;       /* digitized points after the clean-up */
  double                 *point_time;     /* the cleaned points (without the points the */
  double                 *point_surv;     /* algorithm inserts at the at-risk times) */
  double                  rmse;           /* of the reconstructed KM against the cleaned points */
  double                  max_abs_diff;
  gsize                   n_intervals;
  EpReconstructInterval  *intervals;
  char                  **warnings;       /* NULL-terminated, translated sentences */
} EpReconstructResult;

GQuark                ep_reconstruct_error_quark   (void);

void                  ep_reconstruct_options_init  (EpReconstructOptions *options);

/* ep_reconstruct: individual patient data whose Kaplan-Meier curve matches digitized points.
 *
 * Input:   point_time, point_surv  n_points digitized points of one curve (any order; time in
 *                      any unit, >= 0 within noise; survival as a proportion)
 *          risk_time, n_risk       n_risk_rows rows of the figure's number-at-risk table (times
 *                      ascending, numbers non-increasing, whole); may be NULL when n_risk_rows
 *                      is 0: then options->total is required and there is one interval
 *          options     NULL for the defaults (ep_reconstruct_options_init())
 * Output:  a result with the patients sorted by time; free with ep_reconstruct_result_free().
 *
 * Clean-up of the points (before the algorithm; each step that changes something warns):
 *   1. times within -1% of the time range below 0 become 0; survival in [-max_rise, 0) or
 *      (1, 1 + max_rise] is clamped to [0, 1], further out is refused;
 *   2. sort by time, at equal times by falling survival; a point (0, 1) is added first;
 *   3. running minimum: a point above the lowest earlier point is set to it; if it is more than
 *      max_rise above and further than time_jitter x range in time, the input is refused
 *      (EP_RECONSTRUCT_ERROR_RISING names both rows);
 *   4. exact duplicates (same time and survival) are dropped.
 * Clean-up of the at-risk table: times must rise strictly and numbers must not rise
 *   (EP_RECONSTRUCT_ERROR_AT_RISK names the row); with options->total and no row at time 0 a row
 *   (0, total) is added; a row at time 0 that disagrees with total is refused; with neither,
 *   EP_RECONSTRUCT_ERROR_NO_TOTAL. A total or a number at risk above
 *   EP_RECONSTRUCT_MAX_PATIENTS is refused (EP_RECONSTRUCT_ERROR_INPUT).
 *
 * Method (Guyot, Ades, Ouwens & Welton, BMC Med Res Methodol 2012;12:9, and their R code;
 * the variable names are theirs: S, n_hat, d, cen, KM_hat, lower, upper):
 *   0. At every at-risk time t_i without a point, a point (t_i, S(t_i-)) is inserted, so each
 *      interval [t_i, t_{i+1}) starts with a point of its own; lower[i] is that point, upper[i]
 *      the last point before t_{i+1}. At-risk times past the last point extend the curve flat
 *      (with a warning): the table says patients were followed that long.
 *   1. Interval i < last: first guess of its censored patients
 *        n_censor[i] = round (n_risk[i] S[lower[i+1]] / S[lower[i]] - n_risk[i+1]),
 *      spread evenly over the interval's time and counted into the points' gaps (cen[k]).
 *   2. Walking its points: d[k] = round (n_hat[k] (1 - S[k] / KM_hat[last])) with last the
 *      previous point with an event, KM_hat[k] = KM_hat[last] (1 - d[k] / n_hat[k]),
 *      n_hat[k+1] = n_hat[k] - d[k] - cen[k].
 *      Not in Guyot's method: when the drop at k is a sliver (n_hat[k] (1 - S[k] / S[k-1])
 *      < 0.1, a tenth of a death by itself) that only tipped the drops since the last event over
 *      half a death, its deaths go to the largest of those drops if that one alone holds half a
 *      death (n_hat (1 - S / S_before) >= 0.5): the step is there, the sliver after it is the
 *      figure's anti-aliasing. Guyot rounds against the reconstructed curve, which lags below
 *      the points by up to half a death when censorings were spread before the deaths, and then
 *      puts the death at the sliver.
 *   3. n_censor[i] += n_hat[lower[i+1]] - n_risk[i+1]; repeat 1-3 until the reconstructed number
 *      at risk at t_{i+1} equals the published one (or no censoring is left to remove).
 *   4. Last interval: censoring at the average rate of the earlier ones (none with one
 *      interval), then steps 2; with total_events, the last interval's censoring is adjusted
 *      until the events add up (Guyot's step 5).
 *   4b. Not in Guyot's method: if the events are still fewer than total_events (the last
 *      interval had no censoring left to turn into events, e.g. nobody at risk in it), each
 *      missing event is a patient censored in an earlier interval who dies instead, at one of
 *      that interval's drops. Of all such changes (a drop k whose height alone is more than
 *      d[k] + 1/2 deaths at n_hat[k], a gap with a censoring, one interval before the last) the
 *      one whose curve is nearest the points is made (least squares over the interval's points
 *      and, scaled by the change at its end, all later ones), if it is nearer than the curve
 *      without it; else the shortfall stays and is reported. The numbers at risk at the printed
 *      times do not change. Guyot uses the total only in the last interval, so a death that the
 *      rounding of an earlier step turned into a censoring was lost for good. A reconstruction
 *      with more events than the total is left as it is (taking deaths away made the
 *      validation's curves worse, docs/reconstruction.md).
 *   5. Events at t_S[k] (d[k] patients), censorings at the middle of each gap (cen[k]), and the
 *      patients still at risk after the last point censored at its time.
 * Robustness (where the published R code fails or invents events):
 *   - d[k] = 0 where the curve does not drop (S[k] >= S[k-1]): a flat, heavily censored tail gets
 *     no events from accumulated rounding;
 *   - d[k] is clamped to [0, n_hat[k]], cen[k] to [0, n_hat[k] - d[k]] (no negative counts), and
 *     nothing is divided by an empty risk set or a zero survival;
 *   - zero-length gaps (a step's two corners) are skipped when spreading censoring instead of
 *     breaking hist();
 *   - each adjustment loop stops after 10000 rounds with a warning.
 * Fit report: the reconstructed KM curve against each cleaned point, as the distance from the
 *   point to the step function's graph at that time (0 when the point lies on the vertical of a
 *   step, between S(t-) and S(t)); rmse and max_abs_diff over the points.
 * Errors:  EP_RECONSTRUCT_ERROR_* as above, each naming the file's line (or the row). */
EpReconstructResult  *ep_reconstruct               (const double               *point_time,
                                                    const double               *point_surv,
                                                    gsize                       n_points,
                                                    const double               *risk_time,
                                                    const double               *n_risk,
                                                    gsize                       n_risk_rows,
                                                    const EpReconstructOptions *options,
                                                    GError                    **error);

void                  ep_reconstruct_result_free   (EpReconstructResult        *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpReconstructResult, ep_reconstruct_result_free)

G_END_DECLS
