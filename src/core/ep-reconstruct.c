/* ep-reconstruct.c: patient-level data from a published Kaplan-Meier curve (Guyot 2012)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract, the clean-up and the method are in ep-reconstruct.h. Variable names follow
 * Guyot et al.'s R code: t_S and S the points, n_hat the reconstructed number at risk at each
 * point, d the events, cen the censorings in the gap after each point, KM_hat the reconstructed
 * curve, lower/upper the first and last point of each at-risk interval.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/ep-reconstruct.h"

#define MAX_ROUNDS 10000
#define SLIVER     0.1

G_DEFINE_QUARK (ep-reconstruct-error-quark, ep_reconstruct_error)

typedef struct
{
  double t;
  double s;
  gsize  row;       /* input row (0-based); G_MAXSIZE for an added point */
} Point;

void
ep_reconstruct_options_init (EpReconstructOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->total_events = -1;
  options->total = -1;
  options->max_rise = 0.02;
  options->time_jitter = 0.005;
}

void
ep_reconstruct_result_free (EpReconstructResult *result)
{
  if (result == NULL)
    return;
  g_free (result->time);
  g_free (result->status);
  g_free (result->point_time);
  g_free (result->point_surv);
  g_free (result->intervals);
  g_strfreev (result->warnings);
  g_free (result);
}

/* "points.csv:17" when the caller gave names and lines, else "point 17". */
static char *
where (const char  *name,
       const guint *lines,
       gsize        row,
       gboolean     at_risk)
{
  if (name != NULL && lines != NULL)
    return g_strdup_printf ("%s:%u", name, lines[row]);
  if (name != NULL)
    return at_risk ? g_strdup_printf (_("%s: row %u"), name, (guint) (row + 1))
                   : g_strdup_printf (_("%s: point %u"), name, (guint) (row + 1));
  return at_risk ? g_strdup_printf (_("at-risk row %u"), (guint) (row + 1))
                 : g_strdup_printf (_("point %u"), (guint) (row + 1));
}

static char *
where_point (const EpReconstructOptions *o,
             gsize                       row)
{
  return where (o->points_name, o->points_lines, row, FALSE);
}

static char *
where_risk (const EpReconstructOptions *o,
            gsize                       row)
{
  return where (o->at_risk_name, o->at_risk_lines, row, TRUE);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const Point *p = a, *q = b;

  if (p->t != q->t)
    return p->t < q->t ? -1 : 1;
  if (p->s != q->s)
    return p->s > q->s ? -1 : 1;
  return p->row < q->row ? -1 : (p->row > q->row);
}

static void
warn (GPtrArray  *warnings,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
warn (GPtrArray  *warnings,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Steps 1-4 of the points' clean-up (ep-reconstruct.h). */
static GArray *
clean_points (const double               *point_time,
              const double               *point_surv,
              gsize                       n_points,
              const EpReconstructOptions *o,
              GPtrArray                  *warnings,
              GError                    **error)
{
  g_autoptr(GArray) points = g_array_sized_new (FALSE, FALSE, sizeof (Point), n_points + 1);
  g_autoptr(GArray) clean = NULL;
  double t_min = 0.0, t_max = 0.0, range, min_s;
  gsize i_min;
  guint n_clamped = 0, n_flattened = 0, n_duplicates = 0;

  if (n_points == 0)
    {
      g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_INPUT,
                   _("There are no digitized points"));
      return NULL;
    }

  for (gsize i = 0; i < n_points; i++)
    {
      if (!isfinite (point_time[i]) || !isfinite (point_surv[i]))
        {
          g_autofree char *w = where_point (o, i);
          g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_INPUT,
                       _("%s: the time and the survival must be finite numbers"), w);
          return NULL;
        }
      t_min = i == 0 ? point_time[i] : MIN (t_min, point_time[i]);
      t_max = i == 0 ? point_time[i] : MAX (t_max, point_time[i]);
    }
  range = MAX (t_max, 0.0) - MIN (t_min, 0.0);

  for (gsize i = 0; i < n_points; i++)
    {
      Point p = { point_time[i], point_surv[i], i };

      if (p.t < 0.0)
        {
          if (p.t < -0.01 * range)
            {
              g_autofree char *w = where_point (o, i);
              g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_INPUT,
                           _("%s: the time %g is negative"), w, p.t);
              return NULL;
            }
          p.t = 0.0;
          n_clamped++;
        }
      if (p.s < -o->max_rise || p.s > 1.0 + o->max_rise)
        {
          g_autofree char *w = where_point (o, i);
          g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_INPUT,
                       _("%s: the survival %g is not a proportion between 0 and 1 (a "
                         "percentage must be divided by 100)"), w, p.s);
          return NULL;
        }
      if (p.s < 0.0 || p.s > 1.0)
        {
          p.s = CLAMP (p.s, 0.0, 1.0);
          n_clamped++;
        }
      g_array_append_val (points, p);
    }
  if (n_clamped > 0)
    warn (warnings, g_dngettext (GETTEXT_PACKAGE,
                                 "%u point slightly outside the axes was moved onto them",
                                 "%u points slightly outside the axes were moved onto them",
                                 n_clamped), n_clamped);

  g_array_sort (points, compare_points);
  if (!(g_array_index (points, Point, 0).t == 0.0 && g_array_index (points, Point, 0).s == 1.0))
    {
      Point origin = { 0.0, 1.0, G_MAXSIZE };
      g_array_prepend_val (points, origin);
    }

  /* Running minimum (step 3) and duplicates (step 4). */
  clean = g_array_sized_new (FALSE, FALSE, sizeof (Point), points->len);
  min_s = 1.0;
  i_min = 0;
  for (guint i = 0; i < points->len; i++)
    {
      Point p = g_array_index (points, Point, i);

      if (p.s > min_s)
        {
          const Point *low = &g_array_index (points, Point, i_min);

          if (p.s - min_s > o->max_rise && p.t - low->t > o->time_jitter * range)
            {
              g_autofree char *w = where_point (o, p.row);
              g_autofree char *w_low = low->row == G_MAXSIZE ? g_strdup ("(0, 1)")
                                                             : where_point (o, low->row);
              g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_RISING,
                           _("%s: the survival rises to %g at time %g, above %g at time %g "
                             "(%s); a survival curve cannot rise: is a point from another "
                             "curve?"), w, p.s, p.t, low->s, low->t, w_low);
              return NULL;
            }
          p.s = min_s;
          n_flattened++;
        }
      else if (p.s < min_s)
        {
          min_s = p.s;
          i_min = i;
        }

      if (clean->len > 0)
        {
          const Point *prev = &g_array_index (clean, Point, clean->len - 1);

          if (prev->t == p.t && prev->s == p.s)
            {
              n_duplicates++;
              continue;
            }
        }
      g_array_append_val (clean, p);
    }
  if (n_flattened > 0)
    warn (warnings, g_dngettext (GETTEXT_PACKAGE,
                                 "%u point above an earlier one was lowered to keep the curve "
                                 "from rising",
                                 "%u points above earlier ones were lowered to keep the curve "
                                 "from rising",
                                 n_flattened), n_flattened);
  if (n_duplicates > 0)
    warn (warnings, g_dngettext (GETTEXT_PACKAGE, "%u duplicate point was dropped",
                                 "%u duplicate points were dropped", n_duplicates),
          n_duplicates);

  return g_steal_pointer (&clean);
}

typedef struct
{
  double t;
  guint  n;
} Risk;

static GArray *
clean_at_risk (const double               *risk_time,
               const double               *n_risk,
               gsize                       n_rows,
               const EpReconstructOptions *o,
               GError                    **error)
{
  g_autoptr(GArray) risk = g_array_sized_new (FALSE, FALSE, sizeof (Risk), n_rows + 1);

  for (gsize i = 0; i < n_rows; i++)
    {
      Risk r = { risk_time[i], 0 };

      if (!isfinite (risk_time[i]) || risk_time[i] < 0.0)
        {
          g_autofree char *w = where_risk (o, i);
          g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_INPUT,
                       _("%s: the time must be a number >= 0"), w);
          return NULL;
        }
      if (!isfinite (n_risk[i]) || n_risk[i] < 0.0 || n_risk[i] != floor (n_risk[i]))
        {
          g_autofree char *w = where_risk (o, i);
          g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_INPUT,
                       _("%s: the number at risk %g is not a whole number >= 0"), w, n_risk[i]);
          return NULL;
        }
      if (n_risk[i] > EP_RECONSTRUCT_MAX_PATIENTS)
        {
          g_autofree char *w = where_risk (o, i);
          g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_INPUT,
                       _("%s: %.0f at risk; a reconstruction takes at most %d patients"), w,
                       n_risk[i], EP_RECONSTRUCT_MAX_PATIENTS);
          return NULL;
        }
      r.n = (guint) n_risk[i];
      if (i > 0 && !(risk_time[i] > risk_time[i - 1]))
        {
          g_autofree char *w = where_risk (o, i);
          g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_AT_RISK,
                       _("%s: the at-risk times must increase, but %g follows %g"), w,
                       risk_time[i], risk_time[i - 1]);
          return NULL;
        }
      if (i > 0 && n_risk[i] > n_risk[i - 1])
        {
          g_autofree char *w = where_risk (o, i);
          g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_AT_RISK,
                       _("%s: the number at risk rises from %g to %g; it can only fall "
                         "(is it another arm's row?)"), w, n_risk[i - 1], n_risk[i]);
          return NULL;
        }
      g_array_append_val (risk, r);
    }

  if (o->total > EP_RECONSTRUCT_MAX_PATIENTS)
    {
      g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_INPUT,
                   _("The total of %d patients is more than a reconstruction takes (at most %d)"),
                   o->total, EP_RECONSTRUCT_MAX_PATIENTS);
      return NULL;
    }
  if (risk->len > 0 && g_array_index (risk, Risk, 0).t == 0.0)
    {
      if (o->total >= 0 && (guint) o->total != g_array_index (risk, Risk, 0).n)
        {
          g_autofree char *w = where_risk (o, 0);
          g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_AT_RISK,
                       _("%s: %u at risk at time 0, but the total is %d"), w,
                       g_array_index (risk, Risk, 0).n, o->total);
          return NULL;
        }
    }
  else if (o->total >= 0)
    {
      Risk r = { 0.0, (guint) o->total };

      if (risk->len > 0 && r.n < g_array_index (risk, Risk, 0).n)
        {
          g_autofree char *w = where_risk (o, 0);
          g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_AT_RISK,
                       _("%s: %u at risk, more than the total of %d"), w,
                       g_array_index (risk, Risk, 0).n, o->total);
          return NULL;
        }
      g_array_prepend_val (risk, r);
    }
  else
    {
      g_set_error (error, EP_RECONSTRUCT_ERROR, EP_RECONSTRUCT_ERROR_NO_TOTAL,
                   risk->len == 0
                   ? _("Without a number-at-risk table the total number of patients is needed")
                   : _("The number-at-risk table has no row at time 0: give the total number "
                       "of patients"));
      return NULL;
    }

  return g_steal_pointer (&risk);
}

/* Spreads n_censor censorings evenly over (t_S[lo], t_S[hi]) (Guyot: cen.t) and counts them
 * into the gaps (t_S[k], t_S[k+1]] for k in [lo, hi) (hist(cen.t, breaks = t_S[lo:hi]), whose
 * first bin is closed). Zero-length gaps get none. */
static void
spread_censoring (const double *t_S,
                  gsize         lo,
                  gsize         hi,
                  int           n_censor,
                  int          *cen)
{
  double from = t_S[lo], to = t_S[hi];
  gsize k = lo;

  for (gsize j = lo; j < hi; j++)
    cen[j] = 0;
  if (n_censor <= 0 || hi <= lo || !(to > from))
    return;

  for (int j = 1; j <= n_censor; j++)
    {
      double c = from + j * (to - from) / (n_censor + 1);

      while (k + 1 < hi && c > t_S[k + 1])
        k++;
      cen[k]++;
    }
}

/* Step 2 of the method over points lo..hi (inclusive): events where the curve drops and the
 * number at risk after each point. n_hat[lo] is set by the caller. Returns the last point
 * with an event. */
static gsize
walk_interval (const double *t_S,
               const double *S,
               gsize         k_zero,
               gsize         lo,
               gsize         hi,
               gsize         last,
               gsize         n_total_points,
               int          *n_hat,
               int          *d,
               int          *cen,
               double       *KM_hat)
{
  for (gsize k = lo; k <= hi; k++)
    {
      if (k == 0)
        {
          d[k] = 0;
          KM_hat[k] = 1.0;
        }
      else
        {
          d[k] = 0;
          /* No events where the curve does not drop, in an empty risk set or after zero. */
          if (S[k] < S[k - 1] && n_hat[k] > 0 && KM_hat[last] > 0.0)
            {
              double dk = round (n_hat[k] * (1.0 - S[k] / KM_hat[last]));
              d[k] = (int) CLAMP (dk, 0.0, (double) n_hat[k]);
            }
          if (S[k] <= 0.0 && d[k] > 1 && d[k] == n_hat[k] && last > 0 && d[last] > 0
              && S[last - 1] > S[last])
            {
              /* A drop to zero kills everyone at risk, however many that is: the ratio says
               * nothing. Take the number at risk from the previous step instead, as one death
               * in 1 / (1 - S_after / S_before) at risk there, less that death, and let the
               * others leave (censored) in the last gap of non-zero length before it. */
              double implied = 1.0 / (1.0 - S[last] / S[last - 1]) - 1.0;
              int dk = (int) CLAMP (round (implied), 1.0, (double) n_hat[k]);
              int excess = n_hat[k] - dk;
              gsize j = k;

              while (j > lo && !(t_S[j - 1] < t_S[k]))
                j--;
              if (excess > 0 && j > lo)
                {
                  cen[j - 1] += excess;
                  for (gsize m = j; m <= k; m++)
                    n_hat[m] -= excess;
                  d[k] = dk;
                }
            }
          if (d[k] > 0 && S[k] > 0.0 && n_hat[k] * (1.0 - S[k] / S[k - 1]) < SLIVER)
            {
              /* This drop is a sliver, a tenth of a death or less by itself, and it only tipped
               * the drops since the last event over half a death: the death belongs at the
               * largest of them if that one holds half a death by itself (the step the figure
               * shows), not at the sliver after it. */
              gsize j = k;

              for (gsize m = MAX (MAX (last + 1, lo), 1); m < k; m++)
                if (S[m - 1] - S[m] > S[j - 1] - S[j])
                  j = m;
              if (j != k && n_hat[j] * (1.0 - S[j] / S[j - 1]) >= 0.5)
                {
                  d[j] = d[k];
                  d[k] = 0;
                  for (gsize m = j; m < k; m++)
                    {
                      cen[m] = CLAMP (cen[m], 0, MAX (n_hat[m] - d[m], 0));
                      if (k_zero != G_MAXSIZE && m < k_zero && n_hat[m] - d[m] >= 1)
                        cen[m] = MIN (cen[m], n_hat[m] - d[m] - 1);
                      n_hat[m + 1] = n_hat[m] - d[m] - cen[m];
                    }
                  KM_hat[j] = n_hat[j] > 0 ? KM_hat[last] * (1.0 - (double) d[j] / n_hat[j])
                                           : KM_hat[last];
                  for (gsize m = j + 1; m <= k; m++)
                    KM_hat[m] = KM_hat[j];
                  last = j;
                }
            }
          KM_hat[k] = d[k] > 0 && n_hat[k] > 0
                      ? KM_hat[last] * (1.0 - (double) d[k] / n_hat[k])
                      : KM_hat[last];
        }
      if (k + 1 < n_total_points)
        {
          cen[k] = CLAMP (cen[k], 0, MAX (n_hat[k] - d[k], 0));
          /* A curve that reaches zero had someone left to die there. */
          if (k_zero != G_MAXSIZE && k < k_zero && n_hat[k] - d[k] >= 1)
            cen[k] = MIN (cen[k], n_hat[k] - d[k] - 1);
          n_hat[k + 1] = n_hat[k] - d[k] - cen[k];
        }
      if (d[k] != 0)
        last = k;
    }
  return last;
}

/* The squared distance of the curve made by d and cen to the points lo..hi, entering the
 * interval at km with n at risk; *km_end is the curve after hi. INFINITY when the counts are
 * impossible (a negative number at risk). */
static double
interval_fit (const double *S,
              gsize         lo,
              gsize         hi,
              double        km,
              int           n,
              const int    *d,
              const int    *cen,
              double       *km_end)
{
  double err = 0.0;

  for (gsize m = lo; m <= hi; m++)
    {
      if (d[m] > n || n - d[m] - cen[m] < 0)
        return INFINITY;
      if (d[m] > 0)
        km *= 1.0 - (double) d[m] / n;
      err += (km - S[m]) * (km - S[m]);
      n -= d[m] + cen[m];
    }
  *km_end = km;
  return err;
}

/* After Guyot's step 5: the reconstruction has fewer events than the published total, and the
 * last interval had no censoring left to turn into them. Each missing event is a patient censored
 * in an earlier interval who died instead, at one of its drops: of all such changes (a drop k
 * that holds more than its d[k] deaths by itself, and a gap j with a censoring, in one interval
 * before the last), the one whose curve is nearest the points (least squares, over the points of
 * that interval and, scaled by the change at its end, all later ones), and only if that curve is
 * nearer the points than the one without the change: a total the curve does not support is left
 * (and reported). The numbers at risk at the printed times stay as they are. Returns the number
 * of patients changed. */
static int
settle_total (const double *S,
              gsize         Nk,
              const gsize  *lower,
              const gsize  *upper,
              gsize         n_before_last,
              gsize         k_zero,
              int           missing,
              int          *n_hat,
              int          *d,
              int          *cen)
{
  g_autofree double *km = g_new (double, Nk);
  int changed = 0;

  while (changed < missing)
    {
      gsize best_k = G_MAXSIZE, best_j = 0, best_i = 0;
      double best = INFINITY, now = 0.0;

      /* the reconstructed curve at each point */
      for (gsize m = 0; m < Nk; m++)
        {
          double prev = m > 0 ? km[m - 1] : 1.0;
          km[m] = d[m] > 0 && n_hat[m] > 0 ? prev * (1.0 - (double) d[m] / n_hat[m]) : prev;
        }

      for (gsize i = 0; i < n_before_last; i++)
        {
          gsize lo = lower[i], hi = upper[i];
          double km_in = lo > 0 ? km[lo - 1] : 1.0, km_old = km[hi], a = 0.0, b = 0.0, c = 0.0;

          if (km[hi] <= 0.0)
            continue;
          for (gsize m = hi + 1; m < Nk; m++)
            {
              a += km[m] * km[m];
              b += km[m] * S[m];
              c += S[m] * S[m];
            }
          /* the curve as it is, from this interval on: a change is made only if it brings
           * the curve nearer the points than that */
          now = interval_fit (S, lo, hi, km_in, n_hat[lo], d, cen, &km_old) + a - 2.0 * b + c;
          for (gsize k = MAX (lo, 1); k <= hi; k++)
            {
              /* only a drop that holds more than its deaths by itself: at the number at risk
               * there, the drop alone rounds to more than d[k] (not the noise of a flat
               * stretch, nor a total that does not fit the curve) */
              if (!(S[k] > 0.0) || !(S[k] < S[k - 1]) || (k_zero != G_MAXSIZE && k >= k_zero)
                  || n_hat[k] * (1.0 - S[k] / S[k - 1]) < d[k] + 0.5)
                continue;
              for (gsize j = lo; j <= hi; j++)
                {
                  double km_new = 0.0, err, r;

                  if (cen[j] <= 0)
                    continue;
                  d[k]++;
                  cen[j]--;
                  err = interval_fit (S, lo, hi, km_in, n_hat[lo], d, cen, &km_new);
                  d[k]--;
                  cen[j]++;
                  r = km_new / km_old;
                  err += r * r * a - 2.0 * r * b + c - now;
                  if (err < best)
                    {
                      best = err;
                      best_k = k;
                      best_j = j;
                      best_i = i;
                    }
                }
            }
        }
      if (best_k == G_MAXSIZE || !(best < 0.0))
        break;
      d[best_k]++;
      cen[best_j]--;
      for (gsize m = lower[best_i] + 1; m <= upper[best_i]; m++)
        n_hat[m] = n_hat[m - 1] - d[m - 1] - cen[m - 1];
      changed++;
    }
  return changed;
}

static int
sum_int (const int *v,
         gsize      from,
         gsize      to)
{
  int s = 0;

  for (gsize k = from; k <= to; k++)
    s += v[k];
  return s;
}

typedef struct
{
  double time;
  int    status;
} Patient;

static int
compare_patients (const void *a,
                  const void *b)
{
  const Patient *p = a, *q = b;

  if (p->time != q->time)
    return p->time < q->time ? -1 : 1;
  return q->status - p->status;
}

/* The reconstructed KM's value just before and at time t, from sorted data. */
static void
km_at (const double *time,
       const int    *status,
       gsize         n,
       double        t,
       double       *s_before,
       double       *s_at)
{
  double s = 1.0;
  gsize i = 0;

  *s_before = 1.0;
  while (i < n && time[i] <= t)
    {
      double ti = time[i];
      gsize at_risk = n - i;
      guint events = 0;

      while (i < n && time[i] == ti)
        events += status[i++] == 1;
      if (ti < t)
        *s_before = s * (1.0 - (double) events / at_risk);
      s *= 1.0 - (double) events / at_risk;
    }
  *s_at = s;
}

EpReconstructResult *
ep_reconstruct (const double               *point_time,
                const double               *point_surv,
                gsize                       n_points,
                const double               *risk_time,
                const double               *n_risk_in,
                gsize                       n_risk_rows,
                const EpReconstructOptions *options,
                GError                    **error)
{
  EpReconstructOptions defaults;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) clean = NULL;
  g_autoptr(GArray) risk = NULL;
  g_autoptr(GArray) pts = NULL;
  g_autofree double *t_S = NULL, *S = NULL, *KM_hat = NULL;
  g_autofree int *n_hat = NULL, *d = NULL, *cen = NULL, *n_censor = NULL, *n_risk = NULL;
  g_autofree gsize *lower = NULL, *upper = NULL, *last_i = NULL;
  EpReconstructResult *result;
  gsize Nk, nint, L, last, k_ipd, k_zero;
  double sq = 0.0, max_diff = 0.0;
  int n_total, rest;
  guint n_warnings;

  g_return_val_if_fail (n_points == 0 || (point_time != NULL && point_surv != NULL), NULL);
  g_return_val_if_fail (n_risk_rows == 0 || (risk_time != NULL && n_risk_in != NULL), NULL);

  if (options == NULL)
    {
      ep_reconstruct_options_init (&defaults);
      options = &defaults;
    }

  clean = clean_points (point_time, point_surv, n_points, options, warnings, error);
  if (clean == NULL)
    return NULL;
  risk = clean_at_risk (risk_time, n_risk_in, n_risk_rows, options, error);
  if (risk == NULL)
    return NULL;

  /* Rows of the table after the curve has reached zero say nothing more (nobody is left);
   * without them the drop to zero falls in the last interval, where the total of events
   * settles how many die there (step 4). */
  {
    const Point *end = &g_array_index (clean, Point, clean->len - 1);

    if (end->s <= 0.0)
      {
        double t_zero = end->t;
        guint keep = risk->len;

        for (guint i = clean->len; i-- > 0 && g_array_index (clean, Point, i).s <= 0.0;)
          t_zero = g_array_index (clean, Point, i).t;
        while (keep > 1 && g_array_index (risk, Risk, keep - 1).t > t_zero)
          keep--;
        g_array_set_size (risk, keep);
      }
  }

  /* Step 0: a point at each at-risk time, so each interval starts with its own point. */
  pts = g_array_sized_new (FALSE, FALSE, sizeof (Point), clean->len + risk->len);
  g_array_append_vals (pts, clean->data, clean->len);
  {
    double t_last = g_array_index (clean, Point, clean->len - 1).t;
    guint n_extended = 0;
    double t_extended = t_last;

    for (guint i = 0; i < risk->len; i++)
      {
        const Risk *r = &g_array_index (risk, Risk, i);
        gboolean found = FALSE;
        double s_before = 1.0;
        Point p;

        for (guint k = 0; k < pts->len; k++)
          {
            const Point *q = &g_array_index (pts, Point, k);
            if (q->t == r->t)
              {
                found = TRUE;
                break;
              }
            if (q->t < r->t)
              s_before = q->s;
          }
        if (found)
          continue;
        if (r->t > t_last && r->n > 0)
          {
            n_extended++;
            t_extended = r->t;
          }
        p = (Point) { r->t, s_before, G_MAXSIZE };
        g_array_append_val (pts, p);
        g_array_sort (pts, compare_points);
      }
    if (n_extended > 0)
      warn (warnings, _("The at-risk table has patients at risk after the last point (time %g): "
                        "the curve was extended flat to time %g"), t_last, t_extended);
  }

  Nk = pts->len;
  nint = risk->len;
  t_S = g_new (double, Nk);
  S = g_new (double, Nk);
  for (gsize k = 0; k < Nk; k++)
    {
      t_S[k] = g_array_index (pts, Point, k).t;
      S[k] = g_array_index (pts, Point, k).s;
    }
  n_risk = g_new (int, nint);
  lower = g_new (gsize, nint);
  upper = g_new (gsize, nint);
  last_i = g_new0 (gsize, nint);
  n_censor = g_new0 (int, nint);
  for (gsize i = 0; i < nint; i++)
    {
      const Risk *r = &g_array_index (risk, Risk, i);

      n_risk[i] = (int) r->n;
      for (lower[i] = 0; t_S[lower[i]] < r->t; lower[i]++)
        ;
    }
  for (gsize i = 0; i < nint; i++)
    upper[i] = i + 1 < nint ? lower[i + 1] - 1 : Nk - 1;

  /* The point where the curve first reaches zero, if it does. */
  k_zero = G_MAXSIZE;
  for (gsize k = 1; k < Nk && k_zero == G_MAXSIZE; k++)
    if (S[k] <= 0.0 && S[k - 1] > 0.0)
      k_zero = k;

  n_total = n_risk[0];
  n_hat = g_new (int, Nk + 1);
  d = g_new0 (int, Nk);
  cen = g_new0 (int, Nk);
  KM_hat = g_new (double, Nk);
  for (gsize k = 0; k <= Nk; k++)
    n_hat[k] = n_total + 1;
  for (gsize k = 0; k < Nk; k++)
    KM_hat[k] = 1.0;

  /* Steps 1-3: intervals before the last. */
  for (gsize i = 0; i + 1 < nint; i++)
    {
      guint rounds = 0;

      gsize k_goal = lower[i + 1];
      int goal = n_risk[i + 1];

      /* An interval whose curve drops to zero meets any number at risk at its end (everyone
       * left dies at the drop). Aim instead at the number at risk at that drop, implied by the
       * step before it (one death in 1 / (1 - S_after / S_before) at risk, less that death). */
      for (gsize k = lower[i] + 1; k <= upper[i]; k++)
        if (S[k] <= 0.0 && S[k - 1] > 0.0)
          {
            for (gsize p = k - 1; p > lower[i]; p--)
              if (S[p] < S[p - 1] && S[p] > 0.0)
                {
                  k_goal = k;
                  goal = (int) MAX (1.0, round (1.0 / (1.0 - S[p] / S[p - 1]) - 1.0));
                  break;
                }
            break;
          }

      n_censor[i] = S[lower[i]] > 0.0
                    ? (int) round (n_risk[i] * S[lower[i + 1]] / S[lower[i]] - n_risk[i + 1])
                    : 0;
      do
        {
          if (n_censor[i] <= 0)
            n_censor[i] = 0;
          spread_censoring (t_S, lower[i], lower[i + 1], n_censor[i], cen);
          n_hat[lower[i]] = n_risk[i];
          last = walk_interval (t_S, S, k_zero, lower[i], upper[i], last_i[i], Nk, n_hat, d, cen, KM_hat);
          n_censor[i] += n_hat[k_goal] - goal;
        }
      while ((n_hat[k_goal] > goal || (n_hat[k_goal] < goal && n_censor[i] > 0))
             && ++rounds < MAX_ROUNDS);
      if (rounds >= MAX_ROUNDS)
        warn (warnings, _("The censoring between times %g and %g did not settle"),
              t_S[lower[i]], t_S[lower[i + 1]]);
      if (n_hat[lower[i + 1]] < n_risk[i + 1])
        {
          warn (warnings, _("At time %g the table has %d at risk, but the drops of the curve "
                            "leave only %d"), t_S[lower[i + 1]], n_risk[i + 1],
                n_hat[lower[i + 1]]);
          n_risk[i + 1] = n_hat[lower[i + 1]];
        }
      last_i[i + 1] = last;
    }

  /* Step 4: the last interval, censored at the average rate of the others. */
  L = nint - 1;
  n_censor[L] = 0;
  if (nint > 1)
    {
      double span = t_S[upper[L - 1]] - t_S[lower[0]];
      int before = sum_int (n_censor, 0, L - 1);

      if (span > 0.0)
        n_censor[L] = (int) CLAMP (round (before * (t_S[upper[L]] - t_S[lower[L]]) / span),
                                   -(double) G_MAXINT, (double) n_risk[L]);
    }
  spread_censoring (t_S, lower[L], upper[L], n_censor[L], cen);
  n_hat[lower[L]] = n_risk[L];
  walk_interval (t_S, S, k_zero, lower[L], upper[L], last_i[L], Nk, n_hat, d, cen, KM_hat);

  /* Guyot's step 5: the published total of events. */
  n_warnings = warnings->len;
  if (options->total_events >= 0)
    {
      int sumdL = nint > 1 ? sum_int (d, 0, upper[L - 1]) : 0;

      if (nint > 1 && sumdL >= options->total_events && k_zero != G_MAXSIZE
          && k_zero >= lower[L] && k_zero <= upper[L] && n_risk[L] > 0)
        {
          /* Already as many as the total before the last interval, but the curve drops to
           * zero in it: that drop is in the figure, and someone died there; the total is off
           * by the rounding of the earlier intervals. All but one leave (censored, spread over
           * the interval), the last one dies at the drop to zero. */
          n_censor[L] = n_risk[L] - 1;
          spread_censoring (t_S, lower[L], upper[L], n_censor[L], cen);
          n_hat[lower[L]] = n_risk[L];
          walk_interval (t_S, S, k_zero, lower[L], upper[L], last_i[L], Nk, n_hat, d, cen, KM_hat);
          warn (warnings, _("The curve has %d events before time %g and drops to zero after it: "
                            "the reconstruction has %d events, more than the total of %d"),
                sumdL, t_S[lower[L]], sum_int (d, 0, upper[L]), options->total_events);
        }
      else if (nint > 1 && sumdL >= options->total_events)
        {
          /* Already too many before the last interval: nothing happens in it. */
          for (gsize k = lower[L]; k <= upper[L]; k++)
            {
              d[k] = 0;
              cen[k] = 0;
              n_hat[k + 1] = n_risk[L];
            }
          if (sumdL > options->total_events)
            warn (warnings, _("The curve has %d events before time %g, more than the total of "
                              "%d"), sumdL, t_S[lower[L]], options->total_events);
        }
      else
        {
          int sumd = sum_int (d, 0, upper[L]);
          guint rounds = 0;

          while ((sumd > options->total_events
                  || (sumd < options->total_events && n_censor[L] > 0))
                 && rounds++ < MAX_ROUNDS)
            {
              n_censor[L] += sumd - options->total_events;
              if (n_censor[L] <= 0)
                n_censor[L] = 0;
              n_censor[L] = MIN (n_censor[L], n_risk[L]);
              spread_censoring (t_S, lower[L], upper[L], n_censor[L], cen);
              n_hat[lower[L]] = n_risk[L];
              walk_interval (t_S, S, k_zero, lower[L], upper[L], last_i[L], Nk, n_hat, d, cen, KM_hat);
              {
                int new_sumd = sum_int (d, 0, upper[L]);
                if (new_sumd == sumd && (n_censor[L] == 0 || n_censor[L] == n_risk[L]))
                  break;   /* censoring cannot move the events any further */
                sumd = new_sumd;
              }
            }
          sumd = sum_int (d, 0, upper[L]);
          if (sumd != options->total_events)
            warn (warnings, _("The reconstruction has %d events; the published total is %d"),
                  sumd, options->total_events);
        }
    }

  /* Events still missing from the published total, which the last interval had no censoring
   * left to supply: censored patients of the earlier intervals die instead (settle_total()). */
  if (options->total_events >= 0 && nint > 1)
    {
      int have = sum_int (d, 0, upper[L]);

      if (have < options->total_events)
        {
          int changed = settle_total (S, Nk, lower, upper, L, k_zero,
                                      options->total_events - have, n_hat, d, cen);

          if (changed > 0)
            {
              /* the shortfall warning of step 5 is replaced by what was done */
              g_ptr_array_set_size (warnings, n_warnings);
              warn (warnings, g_dngettext (GETTEXT_PACKAGE,
                                           "The drops of the curve give %d events, the "
                                           "published total is %d: %d patient censored before "
                                           "time %g was made an event where the curve fits "
                                           "best",
                                           "The drops of the curve give %d events, the "
                                           "published total is %d: %d patients censored before "
                                           "time %g were made events where the curve fits best",
                                           changed),
                    have, options->total_events, changed, t_S[lower[L]]);
              if (have + changed < options->total_events)
                warn (warnings, _("The reconstruction has %d events; the published total is %d"),
                      have + changed, options->total_events);
            }
        }
    }

  /* Step 5: the patients. */
  result = g_new0 (EpReconstructResult, 1);
  result->n = n_total;
  result->time = g_new (double, MAX (n_total, 1));
  result->status = g_new (int, MAX (n_total, 1));
  k_ipd = 0;
  for (gsize k = 0; k < Nk && k_ipd < (gsize) n_total; k++)
    for (int j = 0; j < d[k] && k_ipd < (gsize) n_total; j++)
      {
        result->time[k_ipd] = t_S[k];
        result->status[k_ipd++] = 1;
      }
  result->events = k_ipd;
  for (gsize k = 0; k + 1 < Nk && k_ipd < (gsize) n_total; k++)
    for (int j = 0; j < cen[k] && k_ipd < (gsize) n_total; j++)
      {
        result->time[k_ipd] = (t_S[k] + t_S[k + 1]) / 2.0;
        result->status[k_ipd++] = 0;
      }
  rest = n_total - (int) k_ipd;
  for (int j = 0; j < rest; j++)
    {
      result->time[k_ipd] = t_S[Nk - 1];
      result->status[k_ipd++] = 0;
    }
  result->censored = n_total - result->events;

  /* Sorted by time, events before censorings at a tie (survfit's convention). */
  {
    g_autofree Patient *patients = g_new (Patient, MAX (n_total, 1));

    for (gsize i = 0; i < (gsize) n_total; i++)
      patients[i] = (Patient) { result->time[i], result->status[i] };
    qsort (patients, n_total, sizeof (Patient), compare_patients);
    for (gsize i = 0; i < (gsize) n_total; i++)
      {
        result->time[i] = patients[i].time;
        result->status[i] = patients[i].status;
      }
  }

  result->n_points = clean->len;
  result->point_time = g_new (double, clean->len);
  result->point_surv = g_new (double, clean->len);
  for (guint i = 0; i < clean->len; i++)
    {
      const Point *p = &g_array_index (clean, Point, i);
      double s_before, s_at, lo, hi, diff;

      result->point_time[i] = p->t;
      result->point_surv[i] = p->s;
      km_at (result->time, result->status, result->n, p->t, &s_before, &s_at);
      lo = MIN (s_before, s_at);
      hi = MAX (s_before, s_at);
      diff = p->s < lo ? lo - p->s : p->s > hi ? p->s - hi : 0.0;
      sq += diff * diff;
      max_diff = MAX (max_diff, diff);
    }
  result->rmse = sqrt (sq / clean->len);
  result->max_abs_diff = max_diff;

  result->n_intervals = nint;
  result->intervals = g_new (EpReconstructInterval, nint);
  for (gsize i = 0; i < nint; i++)
    {
      const Risk *r = &g_array_index (risk, Risk, i);
      guint at = 0;

      for (gsize j = 0; j < result->n; j++)
        at += result->time[j] >= r->t;
      result->intervals[i] = (EpReconstructInterval) { r->t, r->n, at };
    }

  g_ptr_array_add (warnings, NULL);
  result->warnings = (char **) g_ptr_array_steal (warnings, NULL);
  return result;
}
