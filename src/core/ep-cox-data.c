/* ep-cox-data.c: Cox's data in time order: checked, sorted, centred and scaled
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ep-cox-data.h; the fit is in ep-cox.c. Above a few hundred thousand rows the rows go
 * into time order through ep-permute's partitioned scatter rather than a gather that reads
 * the columns at random (bench/README.md, "Cox: linear to 1e7, session 8").
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ep-cox-data.h"
#include "core/ep-memory.h"
#include "core/ep-permute.h"
#include "core/ep-sort.h"
#include "core/ep-timefix.h"

#if defined(__GNUC__)
#define EP_COX_PREFETCH(address) __builtin_prefetch (address)
#else
#define EP_COX_PREFETCH(address) ((void) 0)
#endif

/* How many rows ahead the gather into time order asks for its values (cox_data_gather). */
#define GATHER_AHEAD 24

void
ep_cox_data_clear (CoxData *d)
{
  ep_big_free (d->time);
  ep_big_free (d->status);
  ep_big_free (d->wt);
  ep_big_free (d->z);
  g_free (d->range);
  ep_big_free (d->start_pos);
  ep_big_free (d->start_time);
  ep_big_free (d->eta);
  g_free (d->a);
  g_free (d->a2);
  g_free (d->cmat);
  g_free (d->cmat2);
}

static inline double
source_value (const CoxSource *src,
              gsize            i,
              guint            j,
              guint            p)
{
  const EpCoxColumn *c;

  if (src->x != NULL)
    return src->x[i * p + j];
  c = &src->columns[j];
  if (c->numbers != NULL)
    return c->numbers[i];
  return c->codes[i] == c->code ? 1.0 : 0.0;
}

/* The bytes of a row that the gather into time order writes. */
static gsize
gather_row_bytes (const CoxData *d)
{
  return d->p * sizeof (double) + sizeof (double) + sizeof (int)
         + (d->wt != NULL ? sizeof (double) : 0);
}

/* Row i of the input, centred and scaled, at row k of d. */
static inline void
cox_data_put (CoxData         *d,
              gsize            k,
              gsize            i,
              const double    *stop,
              const int       *status,
              const CoxSource *x,
              const double    *weights,
              const double    *means,
              const double    *scale)
{
  const guint p = d->p;

  d->time[k] = stop[i];
  d->status[k] = status[i];
  if (d->wt != NULL)
    d->wt[k] = weights[i];
  for (guint j = 0; j < p; j++)
    d->z[k * p + j] = (source_value (x, i, j, p) - means[j]) * scale[j];
}

/* Into time order by reading the input at random (order[k]: the row that goes to k), for
 * data in cache. */
static void
cox_data_gather (CoxData         *d,
                 const double    *stop,
                 const int       *status,
                 const CoxSource *x,
                 const double    *weights,
                 const double    *means,
                 const double    *scale,
                 const guint     *order)
{
  const gsize n = d->n;
  const guint p = d->p;

  for (gsize k = 0; k < n; k++)
    {
      /* ask for the row's values GATHER_AHEAD rows ahead, in every column */
      if (k + GATHER_AHEAD < n)
        {
          const gsize ia = order[k + GATHER_AHEAD];

          if (x->x != NULL)
            {
              EP_COX_PREFETCH (x->x + ia * p);
              EP_COX_PREFETCH (x->x + ia * p + p - 1);
            }
          else
            for (guint j = 0; j < p; j++)
              {
                if (x->columns[j].numbers != NULL)
                  EP_COX_PREFETCH (x->columns[j].numbers + ia);
                else
                  EP_COX_PREFETCH (x->columns[j].codes + ia);
              }
          EP_COX_PREFETCH (stop + ia);
          EP_COX_PREFETCH (status + ia);
          if (d->wt != NULL)
            EP_COX_PREFETCH (weights + ia);
        }
      cox_data_put (d, k, order[k], stop, status, x, weights, means, scale);
    }
}

/* The same rows into time order by reading the input in order and scattering it through
 * ep-permute's blocks (position[i]: where row i goes): at 1e7 rows the gather's random reads
 * were most of cox_fit's own time and grew faster than the rows. Same values, same places. */
static void
cox_data_scatter (CoxData         *d,
                  const double    *stop,
                  const int       *status,
                  const CoxSource *x,
                  const double    *weights,
                  const double    *means,
                  const double    *scale,
                  const guint32   *position)
{
  EpScatter scatter;

  ep_scatter_init (&scatter, d->n, gather_row_bytes (d));
  for (gsize i = 0; i < d->n; i++)
    cox_data_put (d, ep_scatter_slot (&scatter, position[i]), i, stop, status, x, weights,
                  means, scale);
  ep_scatter_finish (&scatter, d->time, sizeof (double));
  ep_scatter_finish (&scatter, d->status, sizeof (int));
  if (d->wt != NULL)
    ep_scatter_finish (&scatter, d->wt, sizeof (double));
  ep_scatter_finish (&scatter, d->z, d->p * sizeof (double));
  ep_scatter_clear (&scatter);
}

/* (start, stop] data: the rows in (stratum, start) order (order), as their positions in the
 * stop order and their start times; above 16 MB through ep-permute, as the rest. */
static void
cox_data_start_order (CoxData       *d,
                      const double  *start,
                      const guint   *order,
                      const guint32 *position)
{
  const gsize n = d->n;
  ep_autobig guint32 *by_start = NULL;
  EpScatter scatter;

  if (!ep_scatter_pays (n, sizeof (gsize) + sizeof (double)))
    {
      for (gsize m = 0; m < n; m++)
        {
          d->start_pos[m] = position[order[m]];
          d->start_time[m] = start[order[m]];
        }
      return;
    }

  by_start = ep_big_new (guint32, n);
  ep_permute_invert ((const guint32 *) order, n, by_start);
  ep_scatter_init (&scatter, n, sizeof (gsize) + sizeof (double));
  for (gsize i = 0; i < n; i++)
    {
      gsize m = ep_scatter_slot (&scatter, by_start[i]);

      d->start_pos[m] = position[i];
      d->start_time[m] = start[i];
    }
  ep_scatter_finish (&scatter, d->start_pos, sizeof (gsize));
  ep_scatter_finish (&scatter, d->start_time, sizeof (double));
  ep_scatter_clear (&scatter);
}

/* The strata's bounds in the sorted rows, which are in ascending stratum order: counted in
 * one pass over the codes in input order; strata without rows get no range. */
static void
cox_data_ranges (CoxData     *d,
                 const guint *strata,
                 guint        n_strata)
{
  g_autofree gsize *count = NULL;

  d->range = g_new (gsize, (strata != NULL ? n_strata : 1) + 1);
  d->range[0] = 0;
  d->n_ranges = 0;
  if (strata == NULL)
    {
      d->range[++d->n_ranges] = d->n;
      return;
    }
  count = g_new0 (gsize, n_strata);
  for (gsize i = 0; i < d->n; i++)
    count[strata[i]]++;
  for (guint s = 0; s < n_strata; s++)
    if (count[s] > 0)
      {
        d->range[d->n_ranges + 1] = d->range[d->n_ranges] + count[s];
        d->n_ranges++;
      }
}

/* Checks the input; sorts, centres and scales into d. */
gboolean
ep_cox_data_init (CoxData            *d,
                  gsize               n,
                  const double       *start,
                  const double       *stop,
                  const int          *status,
                  const CoxSource    *x,
                  guint               p,
                  const guint        *strata,
                  guint               n_strata,
                  const EpCoxOptions *options,
                  double             *means,
                  double             *scale,
                  gsize              *n_events,
                  double              tolerance,
                  gsize              *n_timefix,
                  GError            **error)
{
  ep_autobig guint *order = NULL;
  ep_autobig guint32 *position = NULL;
  g_autofree gboolean *nocenter = NULL;
  ep_autobig double *stop_fixed = NULL;

  memset (d, 0, sizeof *d);
  *n_events = 0;
  nocenter = g_new (gboolean, p);
  for (guint j = 0; j < p; j++)
    {
      nocenter[j] = TRUE;
      means[j] = 0;
    }

  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (stop[i]) || (start != NULL && !isfinite (start[i])))
        {
          g_set_error (error, EP_COX_ERROR, EP_COX_ERROR_INPUT,
                       _("Observation %lu: the time is not a finite number"),
                       (unsigned long) (i + 1));
          return FALSE;
        }
      if (start != NULL && !(stop[i] > start[i]))
        {
          g_set_error (error, EP_COX_ERROR, EP_COX_ERROR_INPUT,
                       _("Observation %lu: the stop time %g is not after the start time %g"),
                       (unsigned long) (i + 1), stop[i], start[i]);
          return FALSE;
        }
      if (status[i] != 0 && status[i] != 1)
        {
          g_set_error (error, EP_COX_ERROR, EP_COX_ERROR_INPUT,
                       _("Observation %lu: the status is %d; it must be 1 (event) or 0 (censored)"),
                       (unsigned long) (i + 1), status[i]);
          return FALSE;
        }
      if (strata != NULL && strata[i] >= n_strata)
        {
          g_set_error (error, EP_COX_ERROR, EP_COX_ERROR_INPUT,
                       _("Observation %lu: stratum code %u is out of range"),
                       (unsigned long) (i + 1), strata[i]);
          return FALSE;
        }
      if (options->weights != NULL &&
          !(isfinite (options->weights[i]) && options->weights[i] > 0.0))
        {
          g_set_error (error, EP_COX_ERROR, EP_COX_ERROR_INPUT,
                       _("Observation %lu: the case weight %g is not a number greater than 0"),
                       (unsigned long) (i + 1), options->weights[i]);
          return FALSE;
        }
      for (guint j = 0; j < p; j++)
        {
          double v = source_value (x, i, j, p);

          if (!isfinite (v))
            {
              g_set_error (error, EP_COX_ERROR, EP_COX_ERROR_INPUT,
                           _("Observation %lu: covariate %u is not a finite number"),
                           (unsigned long) (i + 1), j + 1);
              return FALSE;
            }
          /* the means' sums, in row order, in the same pass */
          means[j] += v;
          if (v != 0 && v != 1 && v != -1)
            nocenter[j] = FALSE;
        }
      *n_events += status[i];
    }

  if (*n_events == 0)
    {
      g_set_error_literal (error, EP_COX_ERROR, EP_COX_ERROR_NO_EVENTS,
                           _("Every observation is censored: a Cox model needs at least one event"));
      return FALSE;
    }

  d->n = n;
  d->p = p;
  d->efron = options->ties == EP_COX_TIES_EFRON;
  d->counting = start != NULL;

  /* Centre at the mean and scale by the mean absolute deviation; a column of -1/0/1 codes
   * is left alone (coxph's nocenter = c(-1, 0, 1)). Centring within a stratum or overall
   * changes nothing but rounding; this is overall, as coxfit6. Two passes over x in row order
   * (the means' sums in the checks' pass above, then the deviations), then the values are
   * centred and scaled as they are copied into time order. */
  {
    for (guint j = 0; j < p; j++)
      {
        means[j] = nocenter[j] ? 0 : means[j] / (double) n;
        scale[j] = 0;
      }
    for (gsize i = 0; i < n; i++)
      for (guint j = 0; j < p; j++)
        scale[j] += fabs (source_value (x, i, j, p) - means[j]);
    for (guint j = 0; j < p; j++)
      scale[j] = nocenter[j] || scale[j] == 0 ? 1.0 : (double) n / scale[j];
  }

  order = ep_big_new (guint, n);
  if (tolerance > 0.0 && start == NULL)
    {
      /* R's tie rule (without entry times; cox_fit() applies it before for counting data)
       * on the records while they are sorted by time alone: no sort of its own. When it
       * changes nothing, which is the rule, this is ep_sort_order_by_code_and_time()'s
       * order. When it merges times, the records of a merged time may be in the order of
       * their old times, so the order is made again from ep_timefix()'s times, as before:
       * ties in input order, the sums below in the same order to the bit. */
      ep_autobig EpSortRecord *rec = ep_big_new (EpSortRecord, n);
      EpTimefixHook fix = { tolerance, 0 };

      for (gsize i = 0; i < n; i++)
        rec[i] = (EpSortRecord) { stop[i], strata != NULL ? strata[i] : 0, (guint32) i };
      if (!ep_sort_records_hook (rec, n, strata != NULL ? n_strata : 1, ep_timefix_sort_hook,
                                 &fix))
        g_return_val_if_reached (FALSE);   /* strata were checked above */
      *n_timefix = fix.n_changed;
      if (fix.n_changed == 0)
        {
          for (gsize k = 0; k < n; k++)
            order[k] = rec[k].aux;
        }
      else
        {
          g_clear_pointer (&rec, ep_big_free);
          stop_fixed = ep_big_new (double, n);
          ep_timefix (n, NULL, stop, tolerance, NULL, stop_fixed);
          stop = stop_fixed;
          ep_sort_order_by_code_and_time (stop, strata, n_strata, n, order);
        }
    }
  else
    ep_sort_order_by_code_and_time (stop, strata, n_strata, n, order);

  d->time = ep_big_new (double, n);
  d->status = ep_big_new (int, n);
  d->wt = options->weights != NULL ? ep_big_new (double, n) : NULL;
  d->z = ep_big_alloc_n (n, (gsize) p * sizeof (double));
  /* the rows' positions in time order: (start, stop] data need them, the scatter too */
  if (d->counting || ep_scatter_pays (n, gather_row_bytes (d)))
    {
      position = ep_big_new (guint32, n);   /* n < G_MAXUINT: ep_sort's limit */
      ep_permute_invert ((const guint32 *) order, n, position);   /* guint: 32 bits */
    }
  if (ep_scatter_pays (n, gather_row_bytes (d)))
    cox_data_scatter (d, stop, status, x, options->weights, means, scale, position);
  else
    cox_data_gather (d, stop, status, x, options->weights, means, scale, order);
  cox_data_ranges (d, strata, n_strata);

  if (d->counting)
    {
      ep_sort_order_by_code_and_time (start, strata, n_strata, n, order);
      d->start_pos = ep_big_new (gsize, n);
      d->start_time = ep_big_new (double, n);
      cox_data_start_order (d, start, order, position);
    }

  /* the order is in d now: its memory goes to eta */
  g_clear_pointer (&order, ep_big_free);
  g_clear_pointer (&position, ep_big_free);
  d->eta = ep_big_new (double, n);
  d->a = g_new (double, p);
  d->a2 = g_new (double, p);
  d->cmat = g_new (double, (gsize) p * p);
  d->cmat2 = g_new (double, (gsize) p * p);

  return TRUE;
}

