/* ep-landmark.h: analyses by a response that happens after time zero (guarantee-time bias)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grouping patients by something that happens during follow-up (response, CR, MRD negativity,
 * transplant) and comparing their survival from time zero credits the responders with the time
 * they had to survive in order to respond: the guarantee-time (immortal-time) bias (Anderson,
 * Cain & Gelber, J Clin Oncol 1983). Two remedies, both from a "time of response" per patient:
 *   - the landmark analysis: only the patients still followed at a landmark time L, grouped by
 *     whether they had responded by L, with time counted from L;
 *   - response as a time-dependent covariate: each patient's follow-up is split at the
 *     response into (0, r] as a non-responder and (r, t] as a responder; a Cox model on those
 *     (start, stop] rows gives the Mantel-Byar score test (Mantel & Byar, JASA 1974) and the
 *     hazard ratio, and Kaplan-Meier curves on them with delayed entry are the Simon-Makuch
 *     curves (Simon & Makuch, Stat Med 1984).
 * These functions only prepare the rows; ep_km_fit_full(), ep_logrank_test() and ep_cox_fit()
 * do the statistics.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The patients of a landmark analysis. */
typedef struct
{
  gsize    n;            /* patients still followed at the landmark: time > landmark */
  gsize   *row;          /* n indices into the input */
  double  *time;         /* n times from the landmark: time - landmark */
  int     *status;       /* n event indicators, as input */
  guint   *responded;    /* n codes: 1 responded at or before the landmark, 0 not (yet) */
  gsize    n_excluded;   /* patients whose follow-up ended at or before the landmark */
} EpLandmarkSet;

/* ep_landmark_select: the landmark data set at time landmark (>= 0).
 *
 * Input:   time, status  n follow-up times (>= 0) and event indicators (0/1)
 *          response      n response times; NaN when the patient never responded
 *          landmark      L
 * Method:  R: d2 <- subset (d, time > L); d2$time <- d2$time - L;
 *          d2$responded <- !is.na (d2$rtime) & d2$rtime <= L. A patient who died or was
 *          censored at or before L is left out (n_excluded); one who responds after L counts
 *          as a non-responder, as the landmark method requires. */
EpLandmarkSet *ep_landmark_select      (const double  *time,
                                        const int     *status,
                                        const double  *response,
                                        gsize          n,
                                        double         landmark);
void           ep_landmark_set_free    (EpLandmarkSet *set);

/* Follow-up split at the response: (start, stop] rows with a time-dependent state. */
typedef struct
{
  gsize    n;            /* rows */
  double  *start;
  double  *stop;
  int     *event;        /* the patient's event on the row that ends at their time, else 0 */
  guint   *state;        /* 0 before the response, 1 from it on */
  gsize   *id;           /* the input index of the patient */
  gsize    n_patients;
  gsize    n_responders; /* patients with a response before the end of their follow-up */
} EpTdSplit;

/* ep_td_split_response: splits each patient's follow-up (0, time] at the response time r.
 *
 * Method:  as R's tmerge (d, d, id, death = event (time, status), state = tdc (rtime)):
 *            r missing or r >= time   one row (0, time], state 0
 *            r <= 0                   one row (0, time], state 1
 *            0 < r < time             (0, r] state 0 event 0, and (r, time] state 1 event
 *                                     status
 *          A time of 0 gives no row (an interval (0, 0] is empty; tmerge drops it too). */
EpTdSplit     *ep_td_split_response    (const double  *time,
                                        const int     *status,
                                        const double  *response,
                                        gsize          n);
void           ep_td_split_free        (EpTdSplit     *split);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpLandmarkSet, ep_landmark_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpTdSplit, ep_td_split_free)

G_END_DECLS
