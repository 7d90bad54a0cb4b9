/* ep-km.c: Kaplan-Meier estimate of the survival function
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract, the method and its sources are in ep-km.h. The variable names follow survfit:
 * n_risk (n_j), n_event (d_j), surv (S), greenwood (the running sum d_j / (n_j (n_j - d_j)), the
 * variance of log S).
 */
#include "config.h"

#include <float.h>
#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "core/ep-km.h"
#include "core/ep-memory.h"
#include "core/ep-observations.h"
#include "core/ep-sort.h"
#include "core/ep-timefix.h"

/* survmean's minmin tolerance, .Machine$double.eps^0.5 */
#define MEDIAN_TOL 1.4901161193847656e-08

/* The public result and the two blocks that the curves point into. */
typedef struct
{
  EpKmResult  result;
  EpKmStep   *step_storage;
  EpKmAt     *at_storage;
  double     *entry_storage;   /* delayed entry: the curves' entry times, or NULL */
} EpKmResultReal;

G_DEFINE_QUARK (ep-km-error-quark, ep_km_error)

gboolean
ep_km_conf_type_from_string (const char   *name,
                             EpKmConfType *conf_type)
{
  g_return_val_if_fail (conf_type != NULL, FALSE);

  if (g_strcmp0 (name, "log-log") == 0)
    *conf_type = EP_KM_CONF_LOG_LOG;
  else if (g_strcmp0 (name, "log") == 0)
    *conf_type = EP_KM_CONF_LOG;
  else if (g_strcmp0 (name, "plain") == 0)
    *conf_type = EP_KM_CONF_PLAIN;
  else
    return FALSE;

  return TRUE;
}

const char *
ep_km_conf_type_to_string (EpKmConfType conf_type)
{
  switch (conf_type)
    {
    case EP_KM_CONF_LOG_LOG:
      return "log-log";
    case EP_KM_CONF_LOG:
      return "log";
    case EP_KM_CONF_PLAIN:
      return "plain";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* survfit_confint (logse = TRUE, ulimit = TRUE, conf.lower = "usual"): the pointwise interval for
 * S from the standard error of log S. R's pmax/pmin keep NaN, which fmax/fmin would not. */
static void
km_confint (EpKmConfType  conf_type,
            double        z,
            double        surv,
            double        se_log,
            double       *lower,
            double       *upper)
{
  switch (conf_type)
    {
    case EP_KM_CONF_PLAIN:
      {
        double se2 = z * se_log * surv;     /* Klein & Moeschberger eq. 4.3.1 */

        if (isnan (se2))
          {
            *lower = *upper = NAN;
            return;
          }
        *lower = MAX (surv - se2, 0.0);
        *upper = MIN (surv + se2, 1.0);
      }
      break;

    case EP_KM_CONF_LOG:
      if (surv == 0.0)
        {
          *lower = *upper = NAN;
          return;
        }
      *lower = exp (log (surv) - z * se_log);
      *upper = MIN (exp (log (surv) + z * se_log), 1.0);
      break;

    case EP_KM_CONF_LOG_LOG:
    default:
      if (surv == 0.0 || surv == 1.0)
        {
          *lower = *upper = NAN;
          return;
        }
      {
        double se2 = z * se_log / log (surv);
        double loglog = log (-log (surv));

        *lower = exp (-exp (loglog - se2));
        *upper = exp (-exp (loglog + se2));
      }
      break;
    }
}

/* One distinct time of a curve: the product-limit and Greenwood terms carried in surv and
 * greenwood, and the step as survfit reports it. ep_km_fit_full() and ep_km_reverse() share
 * it, so a reversed curve is the same arithmetic as a fit on reversed data. */
static inline void
km_step (EpKmStep     *step,
         double        t,
         guint         n_risk,
         guint         n_event,
         guint         n_censor,
         EpKmConfType  conf_type,
         double        z,
         double       *surv,
         double       *greenwood)
{
  if (n_event > 0)
    {
      *surv *= (double) (n_risk - n_event) / n_risk;
      if (n_event < n_risk)
        *greenwood += (double) n_event / ((double) n_risk * (n_risk - n_event));
      else
        *greenwood = INFINITY;
    }

  step->time = t;
  step->n_risk = n_risk;
  step->n_event = n_event;
  step->n_censor = n_censor;
  step->surv = *surv;
  step->std_err = *surv * sqrt (*greenwood);   /* 0 x Inf = NaN at S = 0, as R */
  km_confint (conf_type, z, *surv, sqrt (*greenwood), &step->lower, &step->upper);
}

typedef enum
{
  CURVE_SURV,
  CURVE_LOWER,
  CURVE_UPPER,
} CurveField;

static inline double
curve_value (const EpKmStep *step,
             CurveField      field)
{
  switch (field)
    {
    case CURVE_LOWER:
      return step->lower;
    case CURVE_UPPER:
      return step->upper;
    case CURVE_SURV:
    default:
      return step->surv;
    }
}

/* survmean's minmin: the first time the curve is below 0.5, with the midpoint rule for a flat
 * stretch at exactly 0.5 (R survival, survmean.R). NaN points are skipped; NaN when the curve
 * never gets below 0.5 + tol. */
static double
km_minmin (const EpKmStep *steps,
           gsize           n_steps,
           CurveField      field)
{
  gsize first;
  double y1;

  for (first = 0; first < n_steps; first++)
    {
      double y = curve_value (&steps[first], field);

      if (!isnan (y) && y < 0.5 + MEDIAN_TOL)
        break;
    }
  if (first == n_steps)
    return NAN;

  y1 = curve_value (&steps[first], field);
  if (fabs (y1 - 0.5) < MEDIAN_TOL)
    {
      for (gsize j = first + 1; j < n_steps; j++)
        {
          double y = curve_value (&steps[j], field);

          if (!isnan (y) && y < y1)
            return (steps[first].time + steps[j].time) / 2.0;
        }
    }

  return steps[first].time;
}

/* summary.survfit (times = at, extend = TRUE) on one curve; at_sorted ascends. */
static void
km_read_at (const EpKmCurve *curve,
            const double    *at_sorted,
            gsize            n_at,
            EpKmAt          *out)
{
  gsize last_le = 0;   /* number of steps with time <= t */
  gsize last_lt = 0;   /* number of steps with time < t */

  for (gsize a = 0; a < n_at; a++)
    {
      double t = at_sorted[a];
      EpKmAt *r = &out[a];

      while (last_le < curve->n_steps && curve->steps[last_le].time <= t)
        last_le++;
      while (last_lt < curve->n_steps && curve->steps[last_lt].time < t)
        last_lt++;

      r->time = t;
      /* at risk at t: the first step at or after t, or nobody past the last follow-up */
      r->n_risk = last_lt < curve->n_steps ? curve->steps[last_lt].n_risk : 0;

      if (curve->n_steps == 0)
        {
          r->surv = r->std_err = r->lower = r->upper = NAN;
        }
      else if (last_le == 0)
        {
          /* before the first time: survfit0's row at the start, S = 1 with a degenerate CI */
          r->surv = 1.0;
          r->std_err = 0.0;
          r->lower = 1.0;
          r->upper = 1.0;
        }
      else
        {
          const EpKmStep *s = &curve->steps[last_le - 1];

          r->surv = s->surv;
          r->std_err = s->std_err;
          r->lower = s->lower;
          r->upper = s->upper;
        }
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

void
ep_km_options_init (EpKmOptions *options)
{
  g_return_if_fail (options != NULL);

  options->conf_type = EP_KM_CONF_LOG_LOG;
  options->conf_level = 0.95;
  options->timefix = TRUE;
}

EpKmResult *
ep_km_fit (const double  *time,
           const int     *status,
           const guint   *group,
           guint          n_groups,
           gsize          n,
           EpKmConfType   conf_type,
           double         conf_level,
           const double  *at,
           gsize          n_at,
           GError       **error)
{
  EpKmOptions options;

  ep_km_options_init (&options);
  options.conf_type = conf_type;
  options.conf_level = conf_level;

  return ep_km_fit_full (NULL, time, status, group, n_groups, n, &options, at, n_at, error);
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const EpSortRecord *x = a;
  const EpSortRecord *y = b;

  if (x->code != y->code)
    return x->code < y->code ? -1 : 1;
  return (x->time > y->time) - (x->time < y->time);
}

EpKmResult *
ep_km_fit_full (const double       *start,
                const double       *time_in,
                const int          *status,
                const guint        *group,
                guint               n_groups,
                gsize               n,
                const EpKmOptions  *options,
                const double       *at,
                gsize               n_at,
                GError            **error)
{
  ep_autobig EpSortRecord *rec = NULL;
  ep_autobig EpSortRecord *entry = NULL;
  ep_autobig double *time = NULL;
  ep_autobig double *start_fixed = NULL;
  EpKmOptions defaults;
  EpKmConfType conf_type;
  double conf_level;
  gsize n_timefix = 0;
  g_autofree gsize *group_start = NULL;
  g_autofree double *at_sorted = NULL;
  EpKmResultReal *real;
  EpKmResult *result;
  gsize n_steps_total = 0;
  double z;

  if (options == NULL)
    {
      ep_km_options_init (&defaults);
      options = &defaults;
    }
  conf_type = options->conf_type;
  conf_level = options->conf_level;

  g_return_val_if_fail (n == 0 || (time_in != NULL && status != NULL), NULL);
  g_return_val_if_fail (conf_level > 0.0 && conf_level < 1.0, NULL);
  g_return_val_if_fail (conf_type <= EP_KM_CONF_PLAIN, NULL);
  g_return_val_if_fail (n_at == 0 || at != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (group == NULL)
    n_groups = 1;
  g_return_val_if_fail (n_groups >= 1, NULL);

  if (n == 0)
    {
      g_set_error (error, EP_KM_ERROR, EP_KM_ERROR_NO_DATA,
                   _("There are no observations to estimate a survival curve from"));
      return NULL;
    }
  if (n >= G_MAXUINT)
    {
      g_set_error (error, EP_KM_ERROR, EP_KM_ERROR_INVALID_INPUT,
                   _("Too many observations (%lu)"), (unsigned long) n);
      return NULL;
    }

  {
    GQuark domain = EP_KM_ERROR;   /* once, not a call a row */

    for (gsize i = 0; i < n; i++)
      if (!ep_observation_check (i, time_in, start, status, group, n_groups, NULL, 1,
                                 domain, EP_KM_ERROR_INVALID_INPUT, error))
        return NULL;
  }
  for (gsize a = 0; a < n_at; a++)
    if (!isfinite (at[a]))
      {
        g_set_error (error, EP_KM_ERROR, EP_KM_ERROR_INVALID_INPUT,
                     _("The time %g at which to read the curve is not a finite number"), at[a]);
        return NULL;
      }

  z = gsl_cdf_ugaussian_Pinv (1.0 - (1.0 - conf_level) / 2.0);

  /* Sort the observations themselves by (group, time) so that both passes read in order.
   * R's tie rule: without entry times, on the records while they are sorted by time alone
   * (the same new times as ep_timefix(), without a sort of its own); with them, on copies of
   * both times first. Within a run of equal new times the records' order may differ between
   * the two, which no sum below sees (they add whole numbers). */
  rec = ep_big_new (EpSortRecord, n);
  if (start != NULL)
    {
      time = ep_big_new (double, n);
      start_fixed = ep_big_new (double, n);
      n_timefix = ep_timefix (n, start, time_in, options->timefix ? EP_TIMEFIX_TOLERANCE : 0.0,
                              start_fixed, time);
    }
  for (gsize i = 0; i < n; i++)
    {
      rec[i].time = time != NULL ? time[i] : time_in[i];
      rec[i].code = group != NULL ? group[i] : 0;
      rec[i].aux = (guint32) status[i];
    }
  if (start == NULL && options->timefix)
    {
      EpTimefixHook fix = { EP_TIMEFIX_TOLERANCE, 0 };

      if (!ep_sort_records_hook (rec, n, n_groups, ep_timefix_sort_hook, &fix))
        g_return_val_if_reached (NULL);   /* codes were checked above */
      n_timefix = fix.n_changed;
    }
  else if (!ep_sort_records (rec, n, n_groups))
    g_return_val_if_reached (NULL);   /* codes were checked above */

  /* First pass over the sorted data: where each group starts, and its number of distinct
   * times, so that all steps live in one block allocated once. */
  real = g_new0 (EpKmResultReal, 1);
  result = &real->result;
  result->conf_type = conf_type;
  result->conf_level = conf_level;
  result->n_groups = n_groups;
  result->curves = g_new0 (EpKmCurve, n_groups);
  result->timefix = options->timefix;
  result->n_timefix = n_timefix;
  result->delayed_entry = start != NULL;

  group_start = g_new0 (gsize, (gsize) n_groups + 1);
  for (gsize i = 0; i < n; i++)
    {
      guint g = rec[i].code;

      group_start[g + 1]++;
      if (i == 0 || rec[i - 1].code != g || rec[i - 1].time != rec[i].time)
        result->curves[g].n_steps++;
    }
  for (guint g = 0; g < n_groups; g++)
    {
      group_start[g + 1] += group_start[g];
      n_steps_total += result->curves[g].n_steps;
    }

  /* Delayed entry: the entry times sorted by (group, start), to count #{start >= t}. */
  if (start != NULL)
    {
      entry = ep_big_new (EpSortRecord, n);
      for (gsize i = 0; i < n; i++)
        {
          entry[i].time = start_fixed[i];
          entry[i].code = group != NULL ? group[i] : 0;
          entry[i].aux = 0;
        }
      qsort (entry, n, sizeof (EpSortRecord), compare_start);
      /* each curve keeps its entries after time 0, ascending, for the numbers at risk at a
       * time between its steps (ep_km_count_at_risk()) */
      real->entry_storage = g_new (double, n);
      for (gsize i = 0, k = 0; i < n; i++)
        if (entry[i].time > 0.0)
          {
            EpKmCurve *curve = &result->curves[entry[i].code];

            if (curve->n_entries == 0)
              curve->entries = real->entry_storage + k;
            real->entry_storage[k++] = entry[i].time;
            curve->n_entries++;
          }
    }

  real->step_storage = g_new (EpKmStep, n_steps_total);
  real->at_storage = n_at > 0 ? g_new (EpKmAt, (gsize) n_groups * n_at) : NULL;

  if (n_at > 0)
    {
      at_sorted = g_memdup2 (at, n_at * sizeof (double));
      qsort (at_sorted, n_at, sizeof (double), compare_doubles);
    }

  /* Second pass: one forward sweep per group. At the block of records tied at t_j,
   * n_j = (end of group) - (first record of the block). */
  {
    EpKmStep *step = real->step_storage;

    for (guint g = 0; g < n_groups; g++)
      {
        EpKmCurve *curve = &result->curves[g];
        gsize end = group_start[g + 1];
        double surv = 1.0;
        double greenwood = 0.0;
        gsize i = group_start[g];
        gsize entered = group_start[g];   /* entry[] index: entries with start < t */

        curve->n = (guint) (end - i);
        curve->steps = step;

        while (i < end)
          {
            double t = rec[i].time;
            guint n_risk = (guint) (end - i);
            guint n_event = 0;
            gsize j;

            if (entry != NULL)
              {
                /* at risk: time >= t (end - i) minus start >= t (not yet entered) */
                while (entered < end && entry[entered].time < t)
                  entered++;
                n_risk -= (guint) (end - entered);
              }

            for (j = i; j < end && rec[j].time == t; j++)
              n_event += rec[j].aux;

            km_step (step, t, n_risk, n_event, (guint) (j - i) - n_event, conf_type, z,
                     &surv, &greenwood);
            curve->events += n_event;

            step++;
            i = j;
          }

        curve->median = km_minmin (curve->steps, curve->n_steps, CURVE_SURV);
        curve->median_lower = km_minmin (curve->steps, curve->n_steps, CURVE_LOWER);
        curve->median_upper = km_minmin (curve->steps, curve->n_steps, CURVE_UPPER);

        if (n_at > 0)
          {
            curve->n_at = n_at;
            curve->at = real->at_storage + (gsize) g * n_at;
            km_read_at (curve, at_sorted, n_at, curve->at);
          }
      }
  }

  return result;
}

EpKmResult *
ep_km_reverse (const EpKmResult *km,
               EpKmConfType      conf_type,
               double            conf_level)
{
  gsize *n_steps, *n_at;
  EpKmResult *result;
  double z;

  g_return_val_if_fail (km != NULL, NULL);
  g_return_val_if_fail (!km->delayed_entry, NULL);
  g_return_val_if_fail (conf_level > 0.0 && conf_level < 1.0, NULL);

  z = gsl_cdf_ugaussian_Pinv (1.0 - (1.0 - conf_level) / 2.0);
  n_steps = g_new (gsize, MAX (km->n_groups, 1));
  n_at = g_new0 (gsize, MAX (km->n_groups, 1));
  for (guint g = 0; g < km->n_groups; g++)
    n_steps[g] = km->curves[g].n_steps;
  result = ep_km_result_new (conf_type, conf_level, km->n_groups, n_steps, n_at);
  result->timefix = km->timefix;
  result->n_timefix = km->n_timefix;
  g_free (n_steps);
  g_free (n_at);

  for (guint g = 0; g < km->n_groups; g++)
    {
      const EpKmCurve *from = &km->curves[g];
      EpKmCurve *curve = &result->curves[g];
      double surv = 1.0;
      double greenwood = 0.0;

      curve->n = from->n;
      curve->n_at = 0;
      for (gsize k = 0; k < from->n_steps; k++)
        {
          const EpKmStep *step = &from->steps[k];

          /* the censored records are the events of the reversed data, and the other way */
          km_step (&curve->steps[k], step->time, step->n_risk, step->n_censor, step->n_event,
                   conf_type, z, &surv, &greenwood);
          curve->events += step->n_censor;
        }
      curve->median = km_minmin (curve->steps, curve->n_steps, CURVE_SURV);
      curve->median_lower = km_minmin (curve->steps, curve->n_steps, CURVE_LOWER);
      curve->median_upper = km_minmin (curve->steps, curve->n_steps, CURVE_UPPER);
    }
  return result;
}

void
ep_km_result_set_entries (EpKmResult   *result,
                          guint         g,
                          const double *entries,
                          gsize         n_entries)
{
  EpKmResultReal *real = (EpKmResultReal *) result;
  gsize total = n_entries;
  double *storage;

  g_return_if_fail (result != NULL && g < result->n_groups);
  g_return_if_fail (n_entries == 0 || entries != NULL);

  /* one block for all curves: the others' entries move into the new one */
  for (guint h = 0; h < result->n_groups; h++)
    if (h != g)
      total += result->curves[h].n_entries;
  storage = g_new (double, MAX (total, 1));
  total = 0;
  for (guint h = 0; h < result->n_groups; h++)
    {
      EpKmCurve *curve = &result->curves[h];
      const double *from = h == g ? entries : curve->entries;
      gsize count = h == g ? n_entries : curve->n_entries;

      if (count > 0)
        memcpy (storage + total, from, count * sizeof (double));
      curve->entries = count > 0 ? storage + total : NULL;
      curve->n_entries = count;
      total += count;
    }
  g_free (real->entry_storage);
  real->entry_storage = storage;
}

double
ep_km_count_at_risk (const EpKmCurve *curve,
                     gsize            j,
                     double           t)
{
  gsize lo = 0, hi, first;
  double t_j;

  g_return_val_if_fail (curve != NULL, 0.0);

  if (j >= curve->n_steps)
    return 0.0;
  if (curve->n_entries == 0)
    return curve->steps[j].n_risk;

  /* the entries in [t, t_j) (after 0) have not entered yet: n_risk (t_j) counts them */
  t_j = curve->steps[j].time;
  hi = curve->n_entries;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (curve->entries[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  hi = curve->n_entries;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (curve->entries[mid] < t_j)
        lo = mid + 1;
      else
        hi = mid;
    }

  return (double) curve->steps[j].n_risk - (double) (lo - first);
}

EpKmResult *
ep_km_result_new (EpKmConfType  conf_type,
                  double        conf_level,
                  guint         n_groups,
                  const gsize  *n_steps,
                  const gsize  *n_at)
{
  EpKmResultReal *real = g_new0 (EpKmResultReal, 1);
  EpKmResult *result = &real->result;
  gsize total_steps = 0, total_at = 0;

  result->conf_type = conf_type;
  result->conf_level = conf_level;
  result->n_groups = n_groups;
  result->curves = g_new0 (EpKmCurve, MAX (n_groups, 1));
  for (guint g = 0; g < n_groups; g++)
    {
      total_steps += n_steps[g];
      total_at += n_at[g];
    }
  real->step_storage = g_new0 (EpKmStep, MAX (total_steps, 1));
  real->at_storage = g_new0 (EpKmAt, MAX (total_at, 1));
  total_steps = total_at = 0;
  for (guint g = 0; g < n_groups; g++)
    {
      EpKmCurve *curve = &result->curves[g];

      curve->n_steps = n_steps[g];
      curve->steps = real->step_storage + total_steps;
      curve->n_at = n_at[g];
      curve->at = real->at_storage + total_at;
      curve->median = curve->median_lower = curve->median_upper = NAN;
      total_steps += n_steps[g];
      total_at += n_at[g];
    }

  return result;
}

void
ep_km_result_free (EpKmResult *result)
{
  EpKmResultReal *real = (EpKmResultReal *) result;

  if (result == NULL)
    return;

  g_free (real->step_storage);
  g_free (real->at_storage);
  g_free (real->entry_storage);
  g_free (result->curves);
  g_free (real);
}
