/* ep-cif.c: cumulative incidence with competing risks, and Gray's test
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A C reading of R cmprsk 2.2-11's Fortran (Robert Gray, GPL): cinc (the estimate and its
 * variance), tpoi (timepoints) and crstm/crst (Gray's test). The contracts are in ep-cif.h;
 * comments here point at the Fortran statement each step follows.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#include "core/ep-cif.h"
#include "core/ep-sort.h"

/* R's qr() default tolerance: a column whose norm, once the previous columns are projected
 * out, falls below this fraction of its original norm makes the matrix rank deficient. */
#define EP_GRAY_RANK_TOL 1e-7

/* Status codes up to this value are indexed through a table, larger ones through a hash. */
#define EP_CIF_DIRECT_CODES 65536

G_DEFINE_QUARK (ep-cif-error-quark, ep_cif_error)

static gboolean
check_input (const double  *time,
             const int     *status,
             const guint   *group,
             guint          n_groups,
             const guint   *stratum,
             guint          n_strata,
             gsize          n,
             GError       **error)
{
  if (n == 0)
    {
      g_set_error (error, EP_CIF_ERROR, EP_CIF_ERROR_NO_DATA, "no observations");
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (time[i]) || time[i] < 0)
        {
          g_set_error (error, EP_CIF_ERROR, EP_CIF_ERROR_INVALID_INPUT,
                       "observation %" G_GSIZE_FORMAT ": time %g is not a finite number >= 0",
                       i, time[i]);
          return FALSE;
        }
      if (status[i] < 0)
        {
          g_set_error (error, EP_CIF_ERROR, EP_CIF_ERROR_INVALID_INPUT,
                       "observation %" G_GSIZE_FORMAT ": status %d is negative; use 0 for "
                       "censored and a positive code per cause", i, status[i]);
          return FALSE;
        }
      if (group != NULL && group[i] >= n_groups)
        {
          g_set_error (error, EP_CIF_ERROR, EP_CIF_ERROR_INVALID_INPUT,
                       "observation %" G_GSIZE_FORMAT ": group code %u is not below %u",
                       i, group[i], n_groups);
          return FALSE;
        }
      if (stratum != NULL && stratum[i] >= n_strata)
        {
          g_set_error (error, EP_CIF_ERROR, EP_CIF_ERROR_INVALID_INPUT,
                       "observation %" G_GSIZE_FORMAT ": stratum code %u is not below %u",
                       i, stratum[i], n_strata);
          return FALSE;
        }
    }

  return TRUE;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a;
  int y = *(const int *) b;

  return (x > y) - (x < y);
}

/* The distinct non-zero status codes in ascending order (*causes, *n_causes) and, per
 * observation, 0 when censored or 1 + the index of its cause. */
static guint *
index_causes (const int  *status,
              gsize       n,
              int       **causes,
              guint      *n_causes)
{
  g_autofree guint *kind = g_new (guint, n);
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (int));
  int max_code = 0;

  for (gsize i = 0; i < n; i++)
    max_code = MAX (max_code, status[i]);

  if (max_code <= EP_CIF_DIRECT_CODES)
    {
      g_autofree guint *slot = g_new0 (guint, (gsize) max_code + 1);

      for (gsize i = 0; i < n; i++)
        slot[status[i]] = 1;
      for (int code = 1; code <= max_code; code++)
        if (slot[code] != 0)
          {
            g_array_append_val (codes, code);
            slot[code] = codes->len;
          }
      slot[0] = 0;
      for (gsize i = 0; i < n; i++)
        kind[i] = slot[status[i]];
    }
  else
    {
      g_autoptr(GHashTable) slot = g_hash_table_new (g_direct_hash, g_direct_equal);
      GHashTableIter iter;
      gpointer key;

      for (gsize i = 0; i < n; i++)
        if (status[i] != 0)
          g_hash_table_add (slot, GINT_TO_POINTER (status[i]));
      g_hash_table_iter_init (&iter, slot);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          int code = GPOINTER_TO_INT (key);
          g_array_append_val (codes, code);
        }
      g_array_sort (codes, compare_ints);
      for (guint c = 0; c < codes->len; c++)
        g_hash_table_insert (slot, GINT_TO_POINTER (g_array_index (codes, int, c)),
                             GUINT_TO_POINTER (c + 1));
      for (gsize i = 0; i < n; i++)
        kind[i] = status[i] == 0 ? 0 : GPOINTER_TO_UINT (g_hash_table_lookup (slot,
                                                           GINT_TO_POINTER (status[i])));
    }

  *n_causes = codes->len;
  *causes = (int *) g_array_free (g_steal_pointer (&codes), FALSE);

  return g_steal_pointer (&kind);
}

/* The running state of one cause within one group (cinc's locals). */
typedef struct
{
  double v1, v2, v3;     /* cinc's variance sums */
  double g_seen;         /* the shared sum g (below) already folded into v1..v3 */
  guint  d;              /* failures of this cause at the current time */
  gsize  last;           /* index of the last point written (cinc's lcnt - 1) */
} CauseState;

/* cinc for every cause of one group at once. order[lo..hi) lists the group's observations by
 * ascending time; kind as index_causes(). */
static void
fit_group (const double *time,
           const guint  *kind,
           const guint  *order,
           gsize         lo,
           gsize         hi,
           guint         n_causes,
           EpCifCurve   *curves,
           CauseState   *state,
           guint        *touched)
{
  double fk = 1;         /* all-cause Kaplan-Meier S(t-) */
  double rs = hi - lo;   /* at risk */
  double g = 0;          /* sum over failure times of w(e) for a cause with no failure there */
  gsize i = lo;

  for (guint c = 0; c < n_causes; c++)
    {
      memset (&state[c], 0, sizeof state[c]);
      curves[c].time[0] = 0;
      curves[c].estimate[0] = 0;
      curves[c].variance[0] = 0;
    }

  while (i < hi)
    {
      double t = time[order[i]];
      guint n_touched = 0;
      guint nd = 0;
      gsize j;
      double fkn, w_all = 0;

      for (j = i; j < hi && time[order[j]] == t; j++)
        {
          guint k = kind[order[j]];

          if (k == 0)
            continue;
          nd++;
          if (state[k - 1].d++ == 0)
            touched[n_touched++] = k - 1;
        }

      if (nd > 0)
        {
          /* fkn = fk (rs - nd) / rs: the all-cause survival S(t). */
          fkn = fk * (rs - nd) / rs;

          /* A cause without a failure at t sees all nd failures as "other causes" (cinc's
           * nd2 block): v1 += (F/S)^2 w, v2 += (F/S)(1/S) w, v3 += (1/S)^2 w, with its F
           * unchanged since its last failure. Their sum over times is kept once, in g. */
          if (fkn > 0)
            {
              double t5 = nd > 1 ? 1 - (nd - 1.) / (rs - 1.) : 1;
              double t6 = fk * fk * t5 * nd / (rs * rs);
              double t3 = 1. / fkn;

              w_all = t3 * t3 * t6;
            }

          for (guint u = 0; u < n_touched; u++)
            {
              guint c = touched[u];
              CauseState *st = &state[c];
              EpCifCurve *curve = &curves[c];
              guint nd1 = st->d;
              guint nd2 = nd - nd1;
              double f_old = curve->estimate[st->last];
              double delta = g - st->g_seen;
              double f_new, t2, t3, t4, t5, t6;
              gsize l;

              /* Bring in the other causes' failures since this cause's last one. */
              st->v1 += f_old * f_old * delta;
              st->v2 += f_old * delta;
              st->v3 += delta;
              st->g_seen = g + w_all;

              /* lcnt = lcnt + 2; f(lcnt) = f(lcnt - 1) + fk nd1 / rs */
              l = st->last + 2;
              f_new = f_old + fk * nd1 / rs;
              curve->time[l - 1] = t;
              curve->time[l] = t;
              curve->estimate[l - 1] = f_old;
              curve->estimate[l] = f_new;
              curve->variance[l - 1] = curve->variance[l - 2];

              /* Failures of the other causes at this same time (statement 30's predecessor). */
              if (nd2 > 0 && fkn > 0)
                {
                  t5 = nd2 > 1 ? 1 - (nd2 - 1.) / (rs - 1.) : 1;
                  t6 = fk * fk * t5 * nd2 / (rs * rs);
                  t3 = 1. / fkn;
                  t4 = f_new / fkn;
                  st->v1 += t4 * t4 * t6;
                  st->v2 += t3 * t4 * t6;
                  st->v3 += t3 * t3 * t6;
                }

              /* Failures of this cause (statement 30). */
              t5 = nd1 > 1 ? 1 - (nd1 - 1.) / (rs - 1.) : 1;
              t6 = fk * fk * t5 * nd1 / (rs * rs);
              t3 = fkn > 0 ? 1 / fkn : 0;
              t4 = 1 + t3 * f_new;
              st->v1 += t4 * t4 * t6;
              st->v2 += t3 * t4 * t6;
              st->v3 += t3 * t3 * t6;

              t2 = f_new;
              curve->variance[l] = st->v1 + t2 * t2 * st->v3 - 2 * t2 * st->v2;
              st->last = l;
              st->d = 0;
            }

          g += w_all;
          fk = fkn;
        }

      /* rs = n - l: everyone with this time leaves the risk set. */
      rs -= (double) (j - i);
      i = j;
    }

  /* Statement 50: the last point carries the curve to the largest time. */
  for (guint c = 0; c < n_causes; c++)
    {
      EpCifCurve *curve = &curves[c];
      gsize l = state[c].last + 1;

      curve->time[l] = time[order[hi - 1]];
      curve->estimate[l] = curve->estimate[l - 1];
      curve->variance[l] = curve->variance[l - 1];
      g_assert (l + 1 == curve->n_points);
    }
}

EpCifResult *
ep_cif_fit (const double  *time,
            const int     *status,
            const guint   *group,
            guint          n_groups,
            gsize          n,
            GError       **error)
{
  g_autoptr(EpCifResult) result = NULL;
  g_autofree guint *kind = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *start = NULL;
  g_autofree CauseState *state = NULL;
  g_autofree guint *touched = NULL;
  g_autofree gsize *stamp = NULL;
  guint n_causes;

  g_return_val_if_fail (n == 0 || (time != NULL && status != NULL), NULL);
  g_return_val_if_fail (n < G_MAXUINT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (group == NULL)
    n_groups = 1;
  g_return_val_if_fail (n_groups >= 1, NULL);

  if (!check_input (time, status, group, n_groups, NULL, 0, n, error))
    return NULL;

  result = g_new0 (EpCifResult, 1);
  result->n_groups = n_groups;
  kind = index_causes (status, n, &result->causes, &result->n_causes);
  n_causes = result->n_causes;
  result->n = g_new0 (guint, n_groups);
  result->curves = g_new0 (EpCifCurve, (gsize) n_groups * n_causes);

  /* Sizes: 2 points per distinct failure time of the cause, plus the first and the last.
   * A block is a run of equal (group, time); stamp[c] is the last block where cause c failed. */
  order = g_new (guint, n);
  ep_sort_order_by_code_and_time (time, group, n_groups, n, order);
  start = g_new0 (guint, (gsize) n_groups + 1);
  stamp = g_new0 (gsize, MAX (n_causes, 1));
  for (gsize i = 0, block = 0; i < n; i++)
    {
      guint gi = group != NULL ? group[order[i]] : 0;
      guint k = kind[order[i]];

      if (i == 0 || time[order[i - 1]] != time[order[i]] ||
          (group != NULL && group[order[i - 1]] != gi))
        block++;
      start[gi + 1]++;
      if (k != 0)
        {
          EpCifCurve *curve = &result->curves[(gsize) gi * n_causes + k - 1];

          curve->n_events++;
          if (stamp[k - 1] != block)
            {
              stamp[k - 1] = block;
              curve->n_points += 2;
            }
        }
    }

  for (guint gi = 0; gi < n_groups; gi++)
    {
      start[gi + 1] += start[gi];
      result->n[gi] = start[gi + 1] - start[gi];
      for (guint c = 0; c < n_causes; c++)
        {
          EpCifCurve *curve = &result->curves[(gsize) gi * n_causes + c];

          curve->cause = result->causes[c];
          if (result->n[gi] == 0)
            continue;
          curve->n_points += 2;
          curve->time = g_new (double, curve->n_points);
          curve->estimate = g_new (double, curve->n_points);
          curve->variance = g_new (double, curve->n_points);
        }
    }

  state = g_new0 (CauseState, MAX (n_causes, 1));
  touched = g_new (guint, MAX (n_causes, 1));
  for (guint gi = 0; gi < n_groups; gi++)
    if (result->n[gi] > 0)
      fit_group (time, kind, order, start[gi], start[gi + 1], n_causes,
                 &result->curves[(gsize) gi * n_causes], state, touched);

  return g_steal_pointer (&result);
}

void
ep_cif_result_free (EpCifResult *result)
{
  if (result == NULL)
    return;

  for (gsize i = 0; i < (gsize) result->n_groups * result->n_causes; i++)
    {
      g_free (result->curves[i].time);
      g_free (result->curves[i].estimate);
      g_free (result->curves[i].variance);
    }
  g_free (result->curves);
  g_free (result->causes);
  g_free (result->n);
  g_free (result);
}

const EpCifCurve *
ep_cif_result_get_curve (const EpCifResult *result,
                         guint              group,
                         guint              cause_index)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (group < result->n_groups, NULL);
  g_return_val_if_fail (cause_index < result->n_causes, NULL);

  return &result->curves[(gsize) group * result->n_causes + cause_index];
}

gboolean
ep_cif_curve_at (const EpCifCurve *curve,
                 double            t,
                 double           *estimate,
                 double           *variance)
{
  gsize n, lo, hi, index;

  g_return_val_if_fail (curve != NULL, FALSE);

  if (estimate != NULL)
    *estimate = NAN;
  if (variance != NULL)
    *variance = NAN;

  n = curve->n_points;
  if (n < 2 || isnan (t) || t > curve->time[n - 1] || t < curve->time[0])
    return FALSE;

  /* tpoi: the point after the last of time[0 .. n - 2] that is <= t (time[0] = 0 <= t). With
   * the duplicated corners that is the value after the jump at the last event time <= t, and
   * the last point for t_k <= t <= t_max. */
  lo = 0;
  hi = n - 1;
  while (hi - lo > 1)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (curve->time[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }
  index = lo + 1;

  if (estimate != NULL)
    *estimate = curve->estimate[index];
  if (variance != NULL)
    *variance = curve->variance[index];

  return TRUE;
}

/* Work space of crst for ng groups. */
typedef struct
{
  guint   ng;
  double *rs;            /* at risk per group */
  double *f1m, *f1;      /* the cause's cumulative incidence per group, left / right limit */
  double *skmm, *skm;    /* all-cause Kaplan-Meier per group, left / right limit */
  double *v3;
  double *c;             /* ng x ng, row-major */
  double *a;             /* ng x ng */
  double *v2;            /* (ng - 1) x ng */
  guint  *d;             /* 3 x ng: censored, failed from the cause, from another cause */
} GrayWork;

#define M(x, i, j) ((x)[(gsize) (i) * w->ng + (j)])

/* crst: the score s (ng - 1) and the packed lower triangle v of its covariance in one stratum.
 * order[lo..hi) lists the stratum's observations by ascending time; m is 0, 1 or 2 (censored,
 * the cause of interest, another cause) per observation and gcode the compact group code. */
static void
gray_stratum (const double *time,
              const guint  *m,
              const guint  *gcode,
              const guint  *order,
              gsize         lo,
              gsize         hi,
              double        rho,
              GrayWork     *w,
              double       *s,
              double       *v)
{
  guint ng = w->ng;
  guint ng1 = ng - 1;
  double fm = 0, f = 0;
  gsize ll = lo;

  for (guint i = 0; i < ng; i++)
    {
      w->rs[i] = 0;
      w->f1m[i] = w->f1[i] = 0;
      w->skmm[i] = w->skm[i] = 1;
      w->v3[i] = 0;
      for (guint j = 0; j < ng; j++)
        M (w->c, i, j) = 0;
      for (guint j = 0; j < ng1; j++)
        M (w->v2, j, i) = 0;
    }
  for (gsize i = lo; i < hi; i++)
    w->rs[gcode[order[i]]] += 1;
  for (guint i = 0; i < ng1; i++)
    s[i] = 0;
  for (guint l = 0; l < ng1 * (ng1 + 1) / 2; l++)
    v[l] = 0;

  while (ll < hi)
    {
      double t = time[order[ll]];
      gsize lu;
      guint nd1 = 0, nd2 = 0;

      memset (w->d, 0, 3 * ng * sizeof (guint));
      for (lu = ll; lu < hi && time[order[lu]] == t; lu++)
        w->d[m[order[lu]] * ng + gcode[order[lu]]]++;
      for (guint i = 0; i < ng; i++)
        {
          nd1 += w->d[ng + i];
          nd2 += w->d[2 * ng + i];
        }

      if (nd1 > 0 || nd2 > 0)
        {
          double tr = 0, tq = 0, fb;

          /* Statement 60: tr = sum_k n_k / S_k(t-), tq = sum_k n_k (1 - F_k(t-)) / S_k(t-). */
          for (guint i = 0; i < ng; i++)
            {
              double rs = w->rs[i];
              double td;

              if (rs <= 0)
                continue;
              td = w->d[ng + i] + w->d[2 * ng + i];
              w->skm[i] = w->skmm[i] * (rs - td) / rs;
              w->f1[i] = w->f1m[i] + (w->skmm[i] * w->d[ng + i]) / rs;
              tr += rs / w->skmm[i];
              tq += rs * (1 - w->f1m[i]) / w->skmm[i];
            }
          f = fm + nd1 / tr;
          fb = pow (1 - fm, rho);

          /* Statements 66-69: a(i, j) and the running c(i, j). */
          for (guint i = 0; i < ng; i++)
            {
              double t1;

              for (guint j = i; j < ng; j++)
                M (w->a, i, j) = 0;
              if (w->rs[i] <= 0)
                continue;
              t1 = w->rs[i] / w->skmm[i];
              M (w->a, i, i) = fb * t1 * (1 - t1 / tr);
              M (w->c, i, i) += M (w->a, i, i) * nd1 / (tr * (1 - fm));
              for (guint j = i + 1; j < ng; j++)
                {
                  if (w->rs[j] <= 0)
                    continue;
                  M (w->a, i, j) = -fb * t1 * w->rs[j] / (w->skmm[j] * tr);
                  M (w->c, i, j) += M (w->a, i, j) * nd1 / (tr * (1 - fm));
                }
            }
          for (guint i = 1; i < ng; i++)
            for (guint j = 0; j < i; j++)
              {
                M (w->a, i, j) = M (w->a, j, i);
                M (w->c, i, j) = M (w->c, j, i);
              }

          /* Statement 74: the score. */
          for (guint i = 0; i < ng1; i++)
            {
              if (w->rs[i] <= 0)
                continue;
              s[i] += fb * (w->d[ng + i] - nd1 * w->rs[i] * (1 - w->f1m[i]) /
                                           (w->skmm[i] * tq));
            }

          /* Statements 72-71: failures from the cause of interest. */
          if (nd1 > 0)
            for (guint k = 0; k < ng; k++)
              {
                double t3, t4 = 1, t5 = 1;

                if (w->rs[k] <= 0)
                  continue;
                if (w->skm[k] > 0)
                  t4 = 1 - (1 - f) / w->skm[k];
                if (nd1 > 1)
                  t5 = 1 - (nd1 - 1.) / (tr * w->skmm[k] - 1);
                t3 = t5 * w->skmm[k] * nd1 / (tr * w->rs[k]);
                w->v3[k] += t4 * t4 * t3;
                for (guint i = 0; i < ng1; i++)
                  {
                    double t1 = M (w->a, i, k) - t4 * M (w->c, i, k);

                    M (w->v2, i, k) += t1 * t4 * t3;
                    for (guint j = 0; j <= i; j++)
                      {
                        double t2 = M (w->a, j, k) - t4 * M (w->c, j, k);

                        v[i * (i + 1) / 2 + j] += t1 * t2 * t3;
                      }
                  }
              }

          /* Statements 82-81: failures from the other causes (rs(k)**2 in double here). */
          if (nd2 > 0)
            for (guint k = 0; k < ng; k++)
              {
                double rs = w->rs[k];
                guint d2 = w->d[2 * ng + k];
                double t3, t4, t5 = 1;

                if (w->skm[k] <= 0 || d2 == 0)
                  continue;
                t4 = (1 - f) / w->skm[k];
                if (d2 > 1)
                  t5 = 1 - (d2 - 1.) / (rs - 1.);
                t3 = t5 * ((w->skmm[k] * w->skmm[k]) * d2) / (rs * rs);
                w->v3[k] += t4 * t4 * t3;
                for (guint i = 0; i < ng1; i++)
                  {
                    double t1 = t4 * M (w->c, i, k);

                    M (w->v2, i, k) -= t1 * t4 * t3;
                    for (guint j = 0; j <= i; j++)
                      {
                        double t2 = t4 * M (w->c, j, k);

                        v[i * (i + 1) / 2 + j] += t1 * t2 * t3;
                      }
                  }
              }
        }

      /* Statement 90: leave the risk set, move the left limits on. */
      for (gsize i = ll; i < lu; i++)
        w->rs[gcode[order[i]]] -= 1;
      fm = f;
      for (guint i = 0; i < ng; i++)
        {
          w->f1m[i] = w->f1[i];
          w->skmm[i] = w->skm[i];
        }
      ll = lu;
    }

  /* Statement 30: the terms of the covariance carried by c, v2 and v3. */
  for (guint i = 0; i < ng1; i++)
    for (guint j = 0; j <= i; j++)
      {
        double *vl = &v[i * (i + 1) / 2 + j];

        for (guint k = 0; k < ng; k++)
          {
            *vl += M (w->c, i, k) * M (w->c, j, k) * w->v3[k];
            *vl += M (w->c, i, k) * M (w->v2, j, k);
            *vl += M (w->c, j, k) * M (w->v2, i, k);
          }
      }
}

#undef M

/* R's qr() rank decision (LINPACK dqrdc2 with limited pivoting): a column is deficient when
 * its norm after removing the accepted columns is below tol times its original norm. Done
 * here as modified Gram-Schmidt, which computes the same residual norms. */
static gboolean
full_rank (const double *v,
           guint         k)
{
  g_autofree double *q = g_new (double, (gsize) k * k);
  guint accepted = 0;

  for (guint j = 0; j < k; j++)
    {
      double *r = &q[(gsize) accepted * k];
      double norm0 = 0, norm = 0;

      for (guint i = 0; i < k; i++)
        {
          r[i] = v[(gsize) i * k + j];
          norm0 += r[i] * r[i];
        }
      norm0 = sqrt (norm0);
      for (guint p = 0; p < accepted; p++)
        {
          const double *qp = &q[(gsize) p * k];
          double dot = 0;

          for (guint i = 0; i < k; i++)
            dot += qp[i] * r[i];
          for (guint i = 0; i < k; i++)
            r[i] -= dot * qp[i];
        }
      for (guint i = 0; i < k; i++)
        norm += r[i] * r[i];
      norm = sqrt (norm);
      if (norm0 == 0 || norm < EP_GRAY_RANK_TOL * norm0)
        return FALSE;
      for (guint i = 0; i < k; i++)
        r[i] /= norm;
      accepted++;
    }

  return TRUE;
}

/* stat = s' V^-1 s by LU; NaN when V is singular. A zero pivot is checked here rather than
 * left to gsl_linalg_LU_solve, whose error would go through GSL's process-wide handler. */
static double
quadratic_form (const double *s,
                const double *vmat,
                guint         k)
{
  gsl_matrix *lu = gsl_matrix_alloc (k, k);
  gsl_permutation *perm = gsl_permutation_alloc (k);
  gsl_vector *x = gsl_vector_alloc (k);
  gsl_vector_const_view b = gsl_vector_const_view_array (s, k);
  gboolean singular = FALSE;
  double stat = NAN;
  int signum;

  for (guint i = 0; i < k; i++)
    for (guint j = 0; j < k; j++)
      gsl_matrix_set (lu, i, j, vmat[(gsize) i * k + j]);

  gsl_linalg_LU_decomp (lu, perm, &signum);
  for (guint i = 0; i < k; i++)
    if (!(fabs (gsl_matrix_get (lu, i, i)) > 0))
      singular = TRUE;

  if (!singular && gsl_linalg_LU_solve (lu, perm, &b.vector, x) == GSL_SUCCESS)
    {
      stat = 0;
      for (guint i = 0; i < k; i++)
        stat += s[i] * gsl_vector_get (x, i);
    }

  gsl_vector_free (x);
  gsl_permutation_free (perm);
  gsl_matrix_free (lu);

  return stat;
}

EpGrayResult *
ep_gray_test (const double  *time,
              const int     *status,
              const guint   *group,
              guint          n_groups,
              const guint   *stratum,
              guint          n_strata,
              gsize          n,
              double         rho,
              GError       **error)
{
  g_autoptr(EpGrayResult) result = NULL;
  g_autofree guint *kind = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *gcode = NULL;
  g_autofree guint *remap = NULL;
  g_autofree guint *start = NULL;
  g_autofree guint *m = NULL;
  g_autofree int *causes = NULL;
  g_autofree double *work = NULL;
  g_autofree guint *dwork = NULL;
  g_autofree double *s = NULL, *v = NULL, *st = NULL, *vt = NULL, *vmat = NULL;
  GrayWork w;
  guint n_causes, ng, ng1, nv;

  g_return_val_if_fail (n == 0 || (time != NULL && status != NULL && group != NULL), NULL);
  g_return_val_if_fail (n < G_MAXUINT, NULL);
  g_return_val_if_fail (isfinite (rho), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (stratum == NULL)
    n_strata = 1;

  if (!check_input (time, status, group, n_groups, stratum, n_strata, n, error))
    return NULL;

  /* cuminc: d$group <- factor (d$group, names (ugg)[ugg > 0]): empty groups are left out. */
  remap = g_new0 (guint, n_groups);
  for (gsize i = 0; i < n; i++)
    remap[group[i]] = 1;
  ng = 0;
  for (guint gi = 0; gi < n_groups; gi++)
    remap[gi] = remap[gi] ? ng++ : G_MAXUINT;
  if (ng < 2)
    {
      g_set_error (error, EP_CIF_ERROR, EP_CIF_ERROR_TOO_FEW_GROUPS,
                   "Gray's test compares groups, and only %u group has observations", ng);
      return NULL;
    }
  gcode = g_new (guint, n);
  for (gsize i = 0; i < n; i++)
    gcode[i] = remap[group[i]];

  kind = index_causes (status, n, &causes, &n_causes);

  result = g_new0 (EpGrayResult, 1);
  result->rho = rho;
  result->n_groups = ng;
  result->n_causes = n_causes;
  result->causes = g_new0 (EpGrayCause, MAX (n_causes, 1));

  order = g_new (guint, n);
  ep_sort_order_by_code_and_time (time, stratum, n_strata, n, order);
  start = g_new0 (guint, (gsize) n_strata + 1);
  for (gsize i = 0; i < n; i++)
    start[(stratum != NULL ? stratum[i] : 0) + 1]++;
  for (guint k = 0; k < n_strata; k++)
    start[k + 1] += start[k];

  ng1 = ng - 1;
  nv = ng1 * (ng1 + 1) / 2;
  work = g_new (double, 6 * (gsize) ng + 2 * (gsize) ng * ng + (gsize) ng1 * ng);
  dwork = g_new (guint, 3 * (gsize) ng);
  w.ng = ng;
  w.rs = work;
  w.f1m = w.rs + ng;
  w.f1 = w.f1m + ng;
  w.skmm = w.f1 + ng;
  w.skm = w.skmm + ng;
  w.v3 = w.skm + ng;
  w.c = w.v3 + ng;
  w.a = w.c + (gsize) ng * ng;
  w.v2 = w.a + (gsize) ng * ng;
  w.d = dwork;

  m = g_new (guint, n);
  s = g_new (double, ng1);
  v = g_new (double, nv);
  st = g_new (double, ng1);
  vt = g_new (double, nv);
  vmat = g_new (double, (gsize) ng1 * ng1);

  for (guint c = 0; c < n_causes; c++)
    {
      EpGrayCause *out = &result->causes[c];

      /* causeind <- 2 * censind - causeind: 0 censored, 1 this cause, 2 another cause. */
      for (gsize i = 0; i < n; i++)
        m[i] = kind[i] == 0 ? 0 : (kind[i] == c + 1 ? 1 : 2);

      /* crstm: sum the strata's scores and covariances. */
      memset (s, 0, ng1 * sizeof (double));
      memset (v, 0, nv * sizeof (double));
      for (guint k = 0; k < n_strata; k++)
        {
          if (start[k + 1] == start[k])
            continue;
          gray_stratum (time, m, gcode, order, start[k], start[k + 1], rho, &w, st, vt);
          for (guint i = 0; i < ng1; i++)
            s[i] += st[i];
          for (guint l = 0; l < nv; l++)
            v[l] += vt[l];
        }
      for (guint i = 0; i < ng1; i++)
        for (guint j = 0; j <= i; j++)
          vmat[(gsize) i * ng1 + j] = vmat[(gsize) j * ng1 + i] = v[i * (i + 1) / 2 + j];

      out->cause = causes[c];
      out->df = ng1;
      out->stat = NAN;
      out->p = NAN;
      out->singular = !full_rank (vmat, ng1);
      if (!out->singular)
        {
          out->stat = quadratic_form (s, vmat, ng1);
          if (isfinite (out->stat))
            out->p = gsl_cdf_chisq_Q (MAX (out->stat, 0), ng1);
          else
            out->singular = TRUE;
        }
    }

  return g_steal_pointer (&result);
}

void
ep_gray_result_free (EpGrayResult *result)
{
  if (result == NULL)
    return;

  g_free (result->causes);
  g_free (result);
}

void
ep_cif_loglog_ci (double  estimate,
                  double  variance,
                  double  level,
                  double *lower,
                  double *upper)
{
  double z = gsl_cdf_ugaussian_Pinv ((1.0 + level) / 2.0);
  double se = sqrt (variance);

  *lower = *upper = estimate;
  if (estimate > 0.0 && estimate < 1.0 && isfinite (se))
    {
      double k = z * se / (estimate * log (estimate));

      *lower = pow (estimate, exp (-k));
      *upper = pow (estimate, exp (k));
    }
}
