/* test-reconstruct.c: patient data from a digitized KM curve (src/core/ep-reconstruct.c)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-made inputs whose answers follow from Kaplan-Meier arithmetic (S(t) = prod (1 - d/n)):
 * each curve is drawn from a known small data set, its points taken at both corners of each
 * step (as a careful digitizer does) and on the flat parts; the reconstruction must give back the
 * events (times and counts) and the numbers at risk of the table. Then every refusal of
 * ep-reconstruct.h, each naming the file's line.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "core/ep-reconstruct.h"

typedef struct
{
  double time;
  int    status;
} Obs;

/* The points of the KM curve of data: the corners of every step and a point every `grid` time
 * units on the flat parts, up to t_end. */
static GArray *
curve_points (const Obs *data,
              gsize      n,
              double     grid,
              double     t_end,
              GArray   **surv_out)
{
  GArray *t = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *s = g_array_new (FALSE, FALSE, sizeof (double));
  double surv = 1.0, next_grid = 0.0;
  gsize i = 0;

  while (TRUE)
    {
      double next_event = i < n ? data[i].time : INFINITY;

      while (next_grid < next_event && next_grid <= t_end)
        {
          /* not again at a step's time */
          if (t->len == 0 || g_array_index (t, double, t->len - 1) != next_grid)
            {
              g_array_append_val (t, next_grid);
              g_array_append_val (s, surv);
            }
          next_grid += grid;
        }
      if (i >= n)
        break;
      {
        double ti = data[i].time;
        guint d = 0, at_risk = n - i;

        while (i < n && data[i].time == ti)
          d += data[i++].status;
        if (d > 0)
          {
            g_array_append_val (t, ti);
            g_array_append_val (s, surv);
            surv *= 1.0 - (double) d / at_risk;
            g_array_append_val (t, ti);
            g_array_append_val (s, surv);
          }
      }
    }
  *surv_out = s;
  return t;
}

static guint
count_at_risk (const EpReconstructResult *r,
               double                     t)
{
  guint n = 0;

  for (gsize i = 0; i < r->n; i++)
    n += r->time[i] >= t;
  return n;
}

static guint
events_at (const EpReconstructResult *r,
           double                     t)
{
  guint n = 0;

  for (gsize i = 0; i < r->n; i++)
    n += r->time[i] == t && r->status[i] == 1;
  return n;
}

static guint
events_after (const EpReconstructResult *r,
              double                     t)
{
  guint n = 0;

  for (gsize i = 0; i < r->n; i++)
    n += r->time[i] > t && r->status[i] == 1;
  return n;
}

/* Ten patients, one death a month, nobody censored: 0.9, 0.8, ..., 0. The reconstruction must
 * be exact, and the curve must fit the points exactly. */
static void
test_no_censoring (void)
{
  Obs data[10];
  g_autoptr(GArray) s = NULL;
  g_autoptr(GArray) t = NULL;
  const double rt[] = { 0, 5 }, rn[] = { 10, 6 };
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 10; i++)
    data[i] = (Obs) { i + 1, 1 };
  t = curve_points (data, 10, 0.5, 10, &s);
  r = ep_reconstruct ((double *) t->data, (double *) s->data, t->len, rt, rn, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, ==, 10);
  g_assert_cmpuint (r->events, ==, 10);
  g_assert_cmpuint (r->censored, ==, 0);
  for (int i = 0; i < 10; i++)
    {
      g_assert_cmpfloat (r->time[i], ==, i + 1);
      g_assert_cmpint (r->status[i], ==, 1);
    }
  g_assert_cmpfloat_with_epsilon (r->rmse, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->max_abs_diff, 0.0, 1e-12);
  g_assert_cmpuint (r->n_intervals, ==, 2);
  g_assert_cmpuint (r->intervals[1].n_risk_hat, ==, 6);
  if (r->warnings[0] != NULL)
    g_error ("%s", r->warnings[0]);
}

/* Twenty patients with censoring inside the intervals. The events and the table's numbers at
 * risk come back exactly; the censoring times within an interval are Guyot's even spread. */
static const Obs censored_data[] = {
  { 1, 1 }, { 1.5, 0 }, { 2, 1 }, { 2, 1 }, { 3, 0 }, { 3.5, 1 }, { 4.5, 0 }, { 5, 1 },
  { 6, 0 }, { 6.5, 0 }, { 7, 1 }, { 8, 1 }, { 8.5, 0 }, { 9, 1 }, { 11, 0 }, { 12, 1 },
  { 13, 0 }, { 14, 1 }, { 15, 0 }, { 16, 0 },
};

static void
test_censoring_within_intervals (void)
{
  const gsize n = G_N_ELEMENTS (censored_data);
  g_autoptr(GArray) s = NULL;
  g_autoptr(GArray) t = NULL;
  /* n at risk (time >= t): 20 at 0, 13 at 5, 6 at 10, 3 at 14. (Without the row at 14 the
   * last interval's censoring is extrapolated at the earlier rate, 2 at risk at 14 instead of 3,
   * and the last step comes out 0.20 instead of 0.27: Guyot's method needs the table.) */
  const double rt[] = { 0, 5, 10, 14 }, rn[] = { 20, 13, 6, 3 };
  const double event_times[] = { 1, 2, 3.5, 5, 7, 8, 9, 12, 14 };
  const guint event_counts[] = { 1, 2, 1, 1, 1, 1, 1, 1, 1 };
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;

  t = curve_points (censored_data, n, 0.25, 16, &s);
  r = ep_reconstruct ((double *) t->data, (double *) s->data, t->len, rt, rn, 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, ==, 20);
  g_assert_cmpuint (count_at_risk (r, 14), ==, 3);
  g_assert_cmpuint (count_at_risk (r, 5), ==, 13);
  g_assert_cmpuint (count_at_risk (r, 10), ==, 6);
  g_assert_cmpuint (r->events, ==, 10);
  for (guint k = 0; k < G_N_ELEMENTS (event_times); k++)
    g_assert_cmpuint (events_at (r, event_times[k]), ==, event_counts[k]);
  /* sorted by time */
  for (gsize i = 1; i < r->n; i++)
    g_assert_cmpfloat (r->time[i - 1], <=, r->time[i]);
  g_assert_cmpfloat (r->max_abs_diff, <, 0.02);
}

/* The published total of events moves censoring in the last (here the only) interval: the
 * curve of 10 patients with 5 deaths (1, 2, 4, 6, 7) and censorings at 3, 3, 5, 8, 8. Without
 * the total, no censoring is assumed: 8 at risk at 4 give round (8 (1 - 0.667 / 0.8)) = 1 death
 * (KM 0.7), 7 at 6 round (7 (1 - 0.5 / 0.7)) = 2 (KM 0.5), 5 at 7 round (5 (1 - 0.333 / 0.5)) = 2,
 * 7 in all; with total_events = 5 the censoring brings them to 1, 1, 1. */
static void
test_total_events (void)
{
  const Obs data[] = { { 1, 1 }, { 2, 1 }, { 3, 0 }, { 3, 0 }, { 4, 1 }, { 5, 0 }, { 6, 1 },
                       { 7, 1 }, { 8, 0 }, { 8, 0 } };
  g_autoptr(GArray) s = NULL;
  g_autoptr(GArray) t = NULL;
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(EpReconstructResult) r0 = NULL;
  g_autoptr(GError) error = NULL;
  EpReconstructOptions o;

  t = curve_points (data, 10, 0.5, 8, &s);
  ep_reconstruct_options_init (&o);
  o.total = 10;
  r0 = ep_reconstruct ((double *) t->data, (double *) s->data, t->len, NULL, NULL, 0, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r0->events, ==, 7);
  g_assert_cmpuint (events_at (r0, 4), ==, 1);
  g_assert_cmpuint (events_at (r0, 6), ==, 2);
  g_assert_cmpuint (events_at (r0, 7), ==, 2);

  o.total_events = 5;
  r = ep_reconstruct ((double *) t->data, (double *) s->data, t->len, NULL, NULL, 0, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, ==, 10);
  g_assert_cmpuint (r->events, ==, 5);
  g_assert_cmpuint (events_at (r, 1), ==, 1);
  g_assert_cmpuint (events_at (r, 2), ==, 1);
  g_assert_cmpuint (events_at (r, 4), ==, 1);
  g_assert_cmpuint (events_at (r, 6), ==, 1);
  g_assert_cmpuint (events_at (r, 7), ==, 1);
  g_assert_cmpfloat (r->max_abs_diff, <, 0.02);
}

/* No at-risk table: one interval, the total required. */
/* Guyot uses the total of events only in the last interval. Here the last interval, [10, 18],
 * has nobody censored (4 at risk, 4 deaths to zero), and the first spreads its censorings evenly
 * over [0, 10]: with 2 of them (at 3.5 and 7) and 10 deaths its drops already meet the 4 at risk
 * at 10, so one of the 11 deaths is lost (14 events for the published 15). ep-reconstruct.h,
 * step 4b: the missing event is a patient censored in the first interval who dies instead, at
 * the drop and from the gap whose curve is nearest the points: every death at its own time
 * again, one censoring left (at 7, the middle of the gap (6, 8] it was spread into). */
static void
test_total_events_earlier_interval (void)
{
  const Obs data[] = { { 1, 1 }, { 2, 1 }, { 2, 1 }, { 3, 1 }, { 4, 1 }, { 5, 1 }, { 5, 1 },
                       { 6, 1 }, { 8, 1 }, { 9, 1 }, { 9, 1 }, { 9.6, 0 }, { 12, 1 }, { 14, 1 },
                       { 16, 1 }, { 18, 1 } };
  const double risk_time[] = { 0, 10, 20 };
  const double n_risk[] = { 16, 4, 0 };
  const double death_time[] = { 1, 2, 3, 4, 5, 6, 8, 9, 12, 14, 16, 18 };
  const guint deaths[] = { 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 1, 1 };
  g_autoptr(GArray) s = NULL;
  g_autoptr(GArray) t = NULL;
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;
  EpReconstructOptions o;

  t = curve_points (data, G_N_ELEMENTS (data), 100, 18, &s);
  ep_reconstruct_options_init (&o);
  o.total_events = 15;
  r = ep_reconstruct ((double *) t->data, (double *) s->data, t->len, risk_time, n_risk, 3, &o,
                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, ==, 16);
  g_assert_cmpuint (r->events, ==, 15);
  for (gsize i = 0; i < G_N_ELEMENTS (death_time); i++)
    g_assert_cmpuint (events_at (r, death_time[i]), ==, deaths[i]);
  g_assert_cmpuint (count_at_risk (r, 10), ==, 4);
  g_assert_cmpuint (r->censored, ==, 1);
  for (gsize i = 0; i < r->n; i++)
    if (r->status[i] == 0)
      g_assert_cmpfloat (r->time[i], ==, 7);
  /* KM arithmetic: censored at 7 instead of 9.6, so 7 at risk at 8 instead of 8: after 9 the
   * curve is (1/2)(6/7)(4/6) = 2/7 against the points' (1/2)(7/8)(5/7) = 5/16 */
  g_assert_cmpfloat_with_epsilon (r->max_abs_diff, 5.0 / 16.0 - 2.0 / 7.0, 1e-9);
  g_assert_nonnull (r->warnings[0]);
  g_assert_nonnull (strstr (r->warnings[0], "give 14 events, the published total is 15"));
  g_assert_null (r->warnings[1]);
}

/* The same rule leaves a total the curve does not support alone: 13 patients, deaths at 1..8
 * and 14, 16, 18, censored at 9.5 and 9.7. Guyot's even spread (2.5, 4.5, 7.5) loses the death
 * at 6 (10 events for 11), but every change of a censoring into a death puts the curve further
 * from the points than it is (the censorings are late, the spread puts them early), so nothing
 * is changed and the shortfall is reported. */
static void
test_total_events_not_supported (void)
{
  const Obs data[] = { { 1, 1 }, { 2, 1 }, { 3, 1 }, { 4, 1 }, { 5, 1 }, { 6, 1 }, { 7, 1 },
                       { 8, 1 }, { 9.5, 0 }, { 9.7, 0 }, { 14, 1 }, { 16, 1 }, { 18, 1 } };
  const double risk_time[] = { 0, 10, 20 };
  const double n_risk[] = { 13, 3, 0 };
  g_autoptr(GArray) s = NULL;
  g_autoptr(GArray) t = NULL;
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;
  EpReconstructOptions o;

  t = curve_points (data, G_N_ELEMENTS (data), 100, 18, &s);
  ep_reconstruct_options_init (&o);
  o.total_events = 11;
  r = ep_reconstruct ((double *) t->data, (double *) s->data, t->len, risk_time, n_risk, 3, &o,
                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->events, ==, 10);
  g_assert_cmpuint (events_at (r, 6), ==, 0);
  g_assert_cmpuint (count_at_risk (r, 10), ==, 3);
  g_assert_nonnull (r->warnings[0]);
  g_assert_cmpstr (r->warnings[0], ==, "The reconstruction has 10 events; the published total is 11");
  g_assert_null (r->warnings[1]);
}

/* A step digitized as a drop and a sliver after it (a fraction of a pixel, as a figure's
 * anti-aliasing leaves). The first step (1 -> 0.905, 10 at risk) rounds to one death, so the
 * reconstructed curve is at 0.9, below the points; a censoring (1 of the table's 10 - 2 deaths
 * - 7) is spread to 4, so 8 are at risk at 6. The drop at 6 (0.905 -> 0.845, 0.53 of a death by
 * itself) is then only 8 (1 - 0.845 / 0.9) = 0.49 of a death against the reconstructed curve,
 * and the sliver at 6.5 (0.845 -> 0.843, 0.02 of a death) tips it over half: Guyot puts the
 * death at 6.5. ep-reconstruct.h, step 2: it belongs at 6, where the curve steps. */
static void
test_sliver_after_step (void)
{
  const double t[] = { 0, 2, 2, 6, 6, 6.5, 6.5, 9.9, 12 };
  const double s[] = { 1, 1, 0.905, 0.905, 0.845, 0.845, 0.843, 0.843, 0.843 };
  const double risk_time[] = { 0, 10 };
  const double n_risk[] = { 10, 7 };
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = ep_reconstruct (t, s, G_N_ELEMENTS (t), risk_time, n_risk, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, ==, 10);
  g_assert_cmpuint (events_at (r, 2), ==, 1);
  g_assert_cmpuint (events_at (r, 6), ==, 1);
  g_assert_cmpuint (events_at (r, 6.5), ==, 0);
  g_assert_cmpuint (r->events, ==, 2);
  g_assert_cmpuint (count_at_risk (r, 10), ==, 7);
}

/* A last interval far longer than the others (a time typed as 1e24, found by
 * fuzz-reconstruct): its censoring at the earlier intervals' rate, 8 x 1e24 / 10 patients, was
 * cast to int before it was capped at the number at risk (undefined; INT_MIN on x86, which then
 * censored nobody). Capped first, the 10 at risk at 10 are censored in the last interval or die
 * at its drop. */
static void
test_long_last_interval (void)
{
  const double t[] = { 0, 5, 5, 10, 1e24, 1e24 }, s[] = { 1, 1, 0.9, 0.9, 0.9, 0.5 };
  const double rt[] = { 0, 10 }, rn[] = { 20, 10 };
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = ep_reconstruct (t, s, 6, rt, rn, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, ==, 20);
  g_assert_cmpuint (r->events + r->censored, ==, 20);
  g_assert_cmpuint (events_at (r, 5), ==, 2);
  g_assert_cmpuint (count_at_risk (r, 10), ==, 10);
  g_assert_cmpuint (r->intervals[1].n_risk_hat, ==, 10);
  for (gsize i = 0; i < r->n; i++)
    g_test_message ("%g %d", r->time[i], r->status[i]);
  /* all 10 censored before the drop at 1e24 (the rate is huge): nobody left to die there */
  g_assert_cmpuint (events_at (r, 1e24), ==, 0);
  g_assert_cmpuint (r->censored, ==, 18);
}

static void
test_no_table (void)
{
  const double t[] = { 0, 2, 2, 4, 4, 6 }, s[] = { 1, 1, 0.75, 0.75, 0.5, 0.5 };
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;
  EpReconstructOptions o;

  ep_reconstruct_options_init (&o);
  r = ep_reconstruct (t, s, 6, NULL, NULL, 0, &o, &error);
  g_assert_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_NO_TOTAL);
  g_assert_null (r);
  g_clear_error (&error);

  o.total = 8;
  r = ep_reconstruct (t, s, 6, NULL, NULL, 0, &o, &error);
  g_assert_no_error (error);
  /* 8 at risk: 2 deaths at 2 (0.75), 2 at 4 (0.5 = 0.75 x 4/6); 4 left censored at 6 */
  g_assert_cmpuint (r->n, ==, 8);
  g_assert_cmpuint (events_at (r, 2), ==, 2);
  g_assert_cmpuint (events_at (r, 4), ==, 2);
  g_assert_cmpuint (r->censored, ==, 4);
  g_assert_cmpfloat (r->time[7], ==, 6);
  g_assert_cmpuint (r->n_intervals, ==, 1);
}

/* At-risk times past the last digitized point (the figure's axis runs to 24, the trace stopped
 * at 16): the published R code indexes past its arrays there; here the curve is extended flat
 * and the numbers at risk are still met. */
static void
test_at_risk_past_last_point (void)
{
  const double t[] = { 0, 4, 4, 8, 12, 16 }, s[] = { 1, 1, 0.8, 0.8, 0.8, 0.8 };
  const double rt[] = { 0, 8, 16, 20, 24 }, rn[] = { 10, 8, 5, 3, 0 };
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = ep_reconstruct (t, s, 6, rt, rn, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, ==, 10);
  g_assert_cmpuint (r->events, ==, 2);
  g_assert_cmpuint (events_at (r, 4), ==, 2);
  g_assert_cmpuint (count_at_risk (r, 16), ==, 5);
  g_assert_cmpuint (count_at_risk (r, 20), ==, 3);
  g_assert_cmpuint (count_at_risk (r, 24), ==, 0);
  g_assert_nonnull (r->warnings[0]);
  g_assert_nonnull (strstr (r->warnings[0], "extended"));
}

/* A flat tail with heavy censoring and digitizing noise (a dip of 0.004 that comes back): no
 * events may be invented after the last drop, whatever the total of events says. */
static void
test_flat_censored_tail (void)
{
  GArray *t = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *s = g_array_new (FALSE, FALSE, sizeof (double));
  const double rt[] = { 0, 10, 20, 30, 40 }, rn[] = { 100, 60, 38, 20, 4 };
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;
  EpReconstructOptions o;
  double surv = 1.0;

  /* 40 deaths over the first 10 months (one every quarter month), then flat at 0.6 to 44 */
  for (int k = 0; k < 40; k++)
    {
      double tk = 0.25 * (k + 1), s_new = 1.0 - 0.01 * (k + 1);
      g_array_append_val (t, tk);
      g_array_append_val (s, surv);
      g_array_append_val (t, tk);
      g_array_append_val (s, s_new);
      surv = s_new;
    }
  for (int k = 0; k <= 340; k++)
    {
      double tk = 10.0 + 0.1 * k, sk = surv + ((k % 7) == 3 ? -0.004 : (k % 5) == 1 ? 0.003 : 0.0);
      g_array_append_val (t, tk);
      g_array_append_val (s, sk);
    }
  ep_reconstruct_options_init (&o);
  o.total_events = 45;    /* a total that does not fit the curve: it must not invent deaths */
  r = ep_reconstruct ((double *) t->data, (double *) s->data, t->len, rt, rn, 5, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, ==, 100);
  g_assert_cmpuint (events_after (r, 10.0), <=, 1);
  g_assert_cmpuint (count_at_risk (r, 20), ==, 38);
  g_assert_cmpuint (count_at_risk (r, 30), ==, 20);
  g_assert_cmpuint (count_at_risk (r, 40), ==, 4);
  g_assert_cmpfloat (r->max_abs_diff, <, 0.01);
  g_array_unref (t);
  g_array_unref (s);
}

/* The clean-up: unsorted input without (0, 1), a small rise, a duplicate and a step's corners
 * clicked in the wrong order all pass, with warnings; the cleaned curve is monotone. */
static void
test_clean_up (void)
{
  const double t[] = { 6, 2, 2, 4, 3.99, 5, 5, 6 };
  const double s[] = { 0.5, 0.75, 1.0, 0.75, 0.5, 0.51, 0.5, 0.5 };
  const double rt[] = { 0 }, rn[] = { 8 };
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = ep_reconstruct (t, s, G_N_ELEMENTS (t), rt, rn, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (r->point_time[0], ==, 0);
  g_assert_cmpfloat (r->point_surv[0], ==, 1);
  for (gsize i = 1; i < r->n_points; i++)
    {
      g_assert_cmpfloat (r->point_time[i - 1], <=, r->point_time[i]);
      g_assert_cmpfloat (r->point_surv[i - 1], >=, r->point_surv[i]);
    }
  g_assert_cmpuint (events_at (r, 2), ==, 2);
  g_assert_cmpuint (r->events, ==, 4);
  g_assert_cmpuint (g_strv_length (r->warnings), ==, 2);  /* lowered; duplicate dropped */
}

/* The fit report against a point off the reconstructed curve by a known amount. */
static void
test_fit_report (void)
{
  /* 4 patients: deaths at 1 and 2 (0.75, 0.5); a point at time 1.5 reads 0.74 instead of 0.75 */
  const double t[] = { 0, 1, 1, 1.5, 2, 2, 3 }, s[] = { 1, 1, 0.75, 0.74, 0.74, 0.5, 0.5 };
  const double rt[] = { 0 }, rn[] = { 4 };
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = ep_reconstruct (t, s, 7, rt, rn, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->events, ==, 2);
  /* 0.74 at 1.5 and 2 (the step at 2 runs from 0.75 to 0.5, so 0.74 at 2 lies on it) */
  g_assert_cmpfloat_with_epsilon (r->max_abs_diff, 0.01, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->rmse, sqrt (0.0001 / 7), 1e-12);
}

static void
assert_refused (const double *t,
                const double *s,
                gsize         n,
                const double *rt,
                const double *rn,
                gsize         n_rows,
                int           total,
                int           code,
                const char   *message_part)
{
  const guint point_lines[] = { 2, 3, 4, 5, 6, 7, 8, 9 };
  const guint risk_lines[] = { 2, 3, 4, 5, 6 };
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;
  EpReconstructOptions o;

  ep_reconstruct_options_init (&o);
  o.total = total;
  o.points_name = "points.csv";
  o.points_lines = point_lines;
  o.at_risk_name = "nrisk.csv";
  o.at_risk_lines = risk_lines;
  r = ep_reconstruct (t, s, n, rt, rn, n_rows, &o, &error);
  g_assert_null (r);
  g_assert_error (error, EP_RECONSTRUCT_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, message_part);
}

static void
test_refusals (void)
{
  const double rt[] = { 0, 5, 10 }, rn[] = { 20, 12, 6 };
  const double t[] = { 0, 2, 2, 6, 8 }, s[] = { 1, 1, 0.7, 0.7, 0.6 };

  /* Survival rising after the clean-up: 0.6 at 8 (line 6) then 0.8 at 9 (line 7). */
  {
    const double tr[] = { 0, 2, 2, 8, 9 }, sr[] = { 1, 1, 0.6, 0.6, 0.8 };
    assert_refused (tr, sr, 5, rt, rn, 3, -1, EP_RECONSTRUCT_ERROR_RISING, "points.csv:6: ");
    assert_refused (tr, sr, 5, rt, rn, 3, -1, EP_RECONSTRUCT_ERROR_RISING, "points.csv:4");
  }
  /* At-risk numbers that increase (line 4: 15 after 12). */
  {
    const double rn_up[] = { 20, 12, 15 };
    assert_refused (t, s, 5, rt, rn_up, 3, -1, EP_RECONSTRUCT_ERROR_AT_RISK, "nrisk.csv:4: ");
  }
  /* At-risk times that do not increase (line 3). */
  {
    const double rt_same[] = { 0, 0, 10 };
    assert_refused (t, s, 5, rt_same, rn, 3, -1, EP_RECONSTRUCT_ERROR_AT_RISK, "nrisk.csv:3: ");
  }
  /* A fractional or negative number at risk (line 3). */
  {
    const double rn_frac[] = { 20, 12.5, 6 };
    assert_refused (t, s, 5, rt, rn_frac, 3, -1, EP_RECONSTRUCT_ERROR_INPUT, "nrisk.csv:3: ");
  }
  /* Survival as percent (line 4) and a negative time (line 5). */
  {
    const double sp[] = { 1, 1, 70, 0.7, 0.6 }, tn[] = { 0, 2, 2, -6, 8 };
    assert_refused (t, sp, 5, rt, rn, 3, -1, EP_RECONSTRUCT_ERROR_INPUT, "points.csv:4: ");
    assert_refused (tn, s, 5, rt, rn, 3, -1, EP_RECONSTRUCT_ERROR_INPUT, "points.csv:5: ");
  }
  /* No table row at 0 and no total; a total that disagrees with the row at 0. */
  {
    const double rt_late[] = { 5, 10 }, rn_late[] = { 12, 6 };
    assert_refused (t, s, 5, rt_late, rn_late, 2, -1, EP_RECONSTRUCT_ERROR_NO_TOTAL, "time 0");
    assert_refused (t, s, 5, rt, rn, 3, 25, EP_RECONSTRUCT_ERROR_AT_RISK, "nrisk.csv:2: ");
  }
  /* No points at all. */
  assert_refused (t, s, 0, rt, rn, 3, -1, EP_RECONSTRUCT_ERROR_INPUT, "no digitized points");
  /* A total or a number at risk far too large (a typo; found by fuzz-reconstruct: --total
   * 2147483647 overflowed n_total + 1 and asked for gigabytes): refused, not attempted. */
  {
    const double rn_huge[] = { 3e9, 12, 6 }, rn_big[] = { 1000001, 12, 6 };
    assert_refused (t, s, 5, NULL, NULL, 0, G_MAXINT, EP_RECONSTRUCT_ERROR_INPUT,
                    "at most 1000000");
    assert_refused (t, s, 5, rt, rn_huge, 3, -1, EP_RECONSTRUCT_ERROR_INPUT, "nrisk.csv:2: ");
    assert_refused (t, s, 5, rt, rn_big, 3, -1, EP_RECONSTRUCT_ERROR_INPUT,
                    "nrisk.csv:2: 1000001 at risk");
  }
}

/* A curve that drops to zero in the last interval, when the intervals before it already hold
 * the published total of events (the earlier intervals' rounding makes one too many, as in the
 * validation's sim_crossing arm B): ten patients, deaths at 1..7, censored at 7.5 and 8.5, the
 * last death at 9.5 (S = 0); the table 10 at 0, 2 at 8. The first interval comes out with 6
 * deaths (Guyot's censoring adjustment for 2 at risk at 8); the total is given as 6. The drop
 * to zero is in the figure, so the last patient still dies there (before: nobody did, and the
 * curve never reached zero), and a warning says the total is exceeded. */
static void
test_drop_to_zero_after_total (void)
{
  const Obs data[] = { { 1, 1 }, { 2, 1 }, { 3, 1 }, { 4, 1 }, { 5, 1 }, { 6, 1 }, { 7, 1 },
                       { 7.5, 0 }, { 8.5, 0 }, { 9.5, 1 } };
  const double rt[] = { 0, 8 }, rn[] = { 10, 2 };
  g_autoptr(GArray) s = NULL;
  g_autoptr(GArray) t = NULL;
  g_autoptr(EpReconstructResult) r = NULL;
  g_autoptr(GError) error = NULL;
  EpReconstructOptions o;

  t = curve_points (data, 10, 0.5, 9.5, &s);
  ep_reconstruct_options_init (&o);
  o.total_events = 6;
  r = ep_reconstruct ((double *) t->data, (double *) s->data, t->len, rt, rn, 2, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, ==, 10);
  g_assert_cmpuint (events_at (r, 9.5), ==, 1);
  g_assert_cmpuint (events_after (r, 7.0), ==, 1);
  g_assert_cmpuint (r->events, ==, 7);
  g_assert_nonnull (r->warnings[0]);
  g_assert_nonnull (strstr (r->warnings[0], "drops to zero"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reconstruct/no-censoring", test_no_censoring);
  g_test_add_func ("/reconstruct/censoring-within-intervals", test_censoring_within_intervals);
  g_test_add_func ("/reconstruct/total-events", test_total_events);
  g_test_add_func ("/reconstruct/drop-to-zero-after-total", test_drop_to_zero_after_total);
  g_test_add_func ("/reconstruct/total-events-earlier-interval",
                   test_total_events_earlier_interval);
  g_test_add_func ("/reconstruct/total-events-not-supported", test_total_events_not_supported);
  g_test_add_func ("/reconstruct/sliver-after-step", test_sliver_after_step);
  g_test_add_func ("/reconstruct/no-table", test_no_table);
  g_test_add_func ("/reconstruct/long-last-interval", test_long_last_interval);
  g_test_add_func ("/reconstruct/at-risk-past-last-point", test_at_risk_past_last_point);
  g_test_add_func ("/reconstruct/flat-censored-tail", test_flat_censored_tail);
  g_test_add_func ("/reconstruct/clean-up", test_clean_up);
  g_test_add_func ("/reconstruct/fit-report", test_fit_report);
  g_test_add_func ("/reconstruct/refusals", test_refusals);

  return g_test_run ();
}
