/* ep-cox-data.h: Cox's data in time order, for ep-cox.c (private to the Cox fit)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ep-cox.h"

G_BEGIN_DECLS

/* The data, sorted once: what the iteration and the concordance walk over. */
typedef struct
{
  gsize         n;
  guint         p;
  gboolean      efron;
  gboolean      counting;

  /* rows sorted by (stratum, stop) ascending; walked from the end */
  double       *time;
  int          *status;
  double       *wt;           /* case weights in the sorted order; NULL: all 1 */
  double       *z;            /* n x p, centred and scaled */
  gsize         n_ranges;
  gsize        *range;        /* n_ranges + 1 bounds of the strata in the sorted rows */

  /* (start, stop] only: rows by (stratum, start) ascending, as positions in the sorted rows */
  gsize        *start_pos;
  double       *start_time;

  /* work */
  double       *eta;
  double       *a;
  double       *a2;
  double       *cmat;
  double       *cmat2;
} CoxData;

/* The covariates: a row-major matrix (ep_cox_fit) or one array per term (ep_cox_fit_columns). */
typedef struct
{
  const double      *x;         /* n x p row-major, or NULL */
  const EpCoxColumn *columns;   /* p columns when x is NULL */
} CoxSource;

/* Checks the input (the first bad value in row order named in error); sorts by (stratum,
 * stop), applies R's tie rule when tolerance > 0 and there are no entry times (n_timefix:
 * the times it changed), centres and scales the covariates (means, scale: p each) into d.
 * FALSE with error set on bad input; d is then to be cleared as well. */
gboolean ep_cox_data_init  (CoxData            *d,
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
                            GError            **error);
void     ep_cox_data_clear (CoxData            *d);

G_END_DECLS
