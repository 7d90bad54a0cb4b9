/* ep-digitize.c: trace a step curve of a Kaplan-Meier figure by its colour
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The method is in ep-digitize.h. Coordinates: column x, row y are raster pixel indices; a
 * pixel covers [x, x + 1) so its centre is x + 0.5; L, the curve's level, is a continuous
 * raster y.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/ep-digitize.h"

G_DEFINE_QUARK (ep-digitize-error-quark, ep_digitize_error)

typedef struct
{
  int top;          /* rows, inclusive */
  int bottom;
} Run;

typedef struct
{
  const EpImage *image;
  guint8         color[3];
  double         tol2;
  int            y_lo, y_hi;     /* rows searched */
  /* raster position -> value: v = a + b * position */
  double         ax, bx, ay, by;
  gboolean       percent;
  GArray        *time;
  GArray        *surv;
} Tracer;

void
ep_digitize_options_init (EpDigitizeOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->tolerance = 60.0;
}

void
ep_digitize_result_free (EpDigitizeResult *result)
{
  if (result == NULL)
    return;
  g_free (result->time);
  g_free (result->surv);
  g_free (result);
}

gboolean
ep_axis_calibration_parse (const char        *text,
                           EpAxisCalibration *axis)
{
  g_auto(GStrv) pairs = NULL;
  double v[4];

  g_return_val_if_fail (axis != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  pairs = g_strsplit (text, ",", -1);
  if (g_strv_length (pairs) != 2)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      g_auto(GStrv) parts = g_strsplit (pairs[i], ":", -1);

      if (g_strv_length (parts) != 2)
        return FALSE;
      for (guint j = 0; j < 2; j++)
        {
          char *end = NULL;
          const char *s = g_strstrip (parts[j]);

          v[2 * i + j] = g_ascii_strtod (s, &end);
          if (*s == '\0' || end == NULL || *end != '\0' || !isfinite (v[2 * i + j]))
            return FALSE;
        }
    }
  *axis = (EpAxisCalibration) { v[0], v[1], v[2], v[3] };
  return TRUE;
}

static gboolean
in_mask (const Tracer *tr,
         int           x,
         int           y)
{
  const guint8 *p = tr->image->rgb + (gsize) y * tr->image->stride + 3 * (gsize) x;
  double d0 = p[0] - tr->color[0], d1 = p[1] - tr->color[1], d2 = p[2] - tr->color[2];

  return d0 * d0 + d1 * d1 + d2 * d2 <= tr->tol2;
}

static gboolean is_ink (const Tracer *tr, int x, int y);

/* Whether something else is drawn over level L in column x. */
static gboolean
covered_at (const Tracer *tr,
            int           x,
            double        L,
            double        tol)
{
  for (int y = MAX (tr->y_lo, (int) floor (L - tol)); y <= MIN (tr->y_hi, (int) ceil (L + tol)); y++)
    if (is_ink (tr, x, y))
      return TRUE;
  return FALSE;
}

/* A pixel of a line drawn over the curve (another curve, an axis, text): far from white. The
 * background, grid lines and confidence bands (tints of 15-30%) are not. */
static gboolean
is_ink (const Tracer *tr,
        int           x,
        int           y)
{
  const guint8 *p = tr->image->rgb + (gsize) y * tr->image->stride + 3 * (gsize) x;
  double d0 = 255 - p[0], d1 = 255 - p[1], d2 = 255 - p[2];

  return d0 * d0 + d1 * d1 + d2 * d2 > 110.0 * 110.0;
}

static void
column_runs (const Tracer *tr,
             int           x,
             GArray       *runs)
{
  Run run = { -1, -1 };

  g_array_set_size (runs, 0);
  for (int y = tr->y_lo; y <= tr->y_hi; y++)
    {
      if (in_mask (tr, x, y))
        {
          if (run.top < 0)
            run.top = y;
          run.bottom = y;
        }
      else if (run.top >= 0)
        {
          g_array_append_val (runs, run);
          run.top = -1;
        }
    }
  if (run.top >= 0)
    g_array_append_val (runs, run);
}

static double
centre (const Run *r)
{
  return (r->top + r->bottom + 1) / 2.0;
}

static int
height (const Run *r)
{
  return r->bottom - r->top + 1;
}

/* The run through level L (within tol), or NULL. */
static const Run *
run_at (GArray *runs,
        double  L,
        double  tol)
{
  for (guint i = 0; i < runs->len; i++)
    {
      const Run *r = &g_array_index (runs, Run, i);

      if (r->top - tol <= L && L <= r->bottom + 1 + tol)
        return r;
    }
  return NULL;
}

/* The leftmost column, not before x_min, of the tall region that run (in column x) belongs to:
 * the columns left of x whose runs are taller than thin and connected row-wise, one to the
 * next. A vertical step (or a staircase) whose upper part is hidden under another line shows
 * below that line from its first column, but the trace only notices it where the line it
 * follows is hidden too; this finds where the step really began. */
static int
tall_region_start (const Tracer *tr,
                   int           x,
                   Run           run,
                   int           x_min,
                   double        thin,
                   GArray       *runs,
                   Run          *first)
{
  *first = run;
  for (int k = x - 1; k >= x_min; k--)
    {
      const Run *next = NULL;

      column_runs (tr, k, runs);
      for (guint i = 0; i < runs->len; i++)
        {
          const Run *q = &g_array_index (runs, Run, i);

          /* a tall run, or one reaching higher than the run found at x (the lower part of a
           * vertical below the line that hides its upper part) */
          if (q->top > first->bottom + 1 || q->bottom < first->top - 1
              || (height (q) <= thin && q->top >= run.top - 1))
            continue;
          if (next == NULL || q->bottom > next->bottom)
            next = q;
        }
      if (next == NULL)
        return k + 1;
      *first = *next;
    }
  return x_min;
}

static void
add_point (Tracer *tr,
           double  x,
           double  L)
{
  double t = tr->ax + tr->bx * x;
  double s = tr->ay + tr->by * L;

  if (tr->percent)
    s /= 100.0;
  g_array_append_val (tr->time, t);
  g_array_append_val (tr->surv, s);
}

/* A step found where it comes out from under another line, as the tall run `run` in column x:
 * if its region began left of x (tall_region_start(), not before x_floor), the points from
 * there on are taken back and *level is the level before them; returns that first column
 * (x when the region starts at x, and nothing changes) and its run in *first. */
static int
backtrack (Tracer *tr,
           int     x,
           Run     run,
           int     x_floor,
           double  thin,
           GArray *runs,
           double *level,
           Run    *first)
{
  int x_left = tall_region_start (tr, x, run, x_floor, thin, runs, first);
  double t_left = tr->ax + tr->bx * (x_left + 0.25), s;

  if (x_left >= x)
    return x;
  while (tr->time->len > 1
         && (tr->bx > 0 ? g_array_index (tr->time, double, tr->time->len - 1) >= t_left
                        : g_array_index (tr->time, double, tr->time->len - 1) <= t_left))
    {
      g_array_set_size (tr->time, tr->time->len - 1);
      g_array_set_size (tr->surv, tr->surv->len - 1);
    }
  s = g_array_index (tr->surv, double, tr->surv->len - 1);
  if (tr->percent)
    s *= 100.0;
  *level = (s - tr->ay) / tr->by;
  return x_left;
}

/* Sub-pixel placement of the drops from the anti-aliased coverage (docs/reconstruction.md).
 *
 * The tracer finds a drop to a pixel: the vertical's columns in the colour mask, whose edge
 * pixels are in or out depending on how much of them the line covers. A drop taller than the
 * line is wide has rows where only its vertical is drawn; in such a row the pixels' shades give
 * how much of each pixel the line covers (against that row's background on each side), and the
 * coverage-weighted mean column is the vertical's centre to a small fraction of a pixel. Rows
 * next to a censor mark or another line are wider than the line and left out. Two steps
 * closer than the line's width, which the tracer reads as one drop, show as two columns, the
 * upper rows at the first and the lower at the second: the drop is split. Drops lower than
 * the line is wide (no such rows) keep the tracer's position. */

static void
pixel (const Tracer *tr,
       int           x,
       int           y,
       double        rgb[3])
{
  const guint8 *p = tr->image->rgb + (gsize) y * tr->image->stride + 3 * (gsize) x;

  for (int i = 0; i < 3; i++)
    rgb[i] = p[i];
}

/* How much of a pixel p is the colour c over the background bg (0-1, unclamped), and in *off
 * how far p is from the line through bg and c (another colour mixed in). */
static double
coverage (const double p[3],
          const double bg[3],
          const double c[3],
          double      *off)
{
  double d[3], q[3], dd = 0.0, a = 0.0, e = 0.0;

  for (int i = 0; i < 3; i++)
    {
      d[i] = c[i] - bg[i];
      q[i] = p[i] - bg[i];
      dd += d[i] * d[i];
      a += q[i] * d[i];
    }
  a = dd > 0.0 ? a / dd : 0.0;
  for (int i = 0; i < 3; i++)
    e += (q[i] - a * d[i]) * (q[i] - a * d[i]);
  *off = sqrt (e);
  return a;
}

static double
rgb_dist (const double p[3],
          const double q[3])
{
  return sqrt ((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1])
               + (p[2] - q[2]) * (p[2] - q[2]));
}

typedef struct
{
  guint  i, last;    /* indices of the drop's first and last point (at one column) */
  double x, y0, y1;  /* raster column of the vertical, levels before and after */
  double x2, ym;     /* a drop found to be two steps: the second at x2, from level ym */
} Drop;

/* The centre of the vertical stroke crossing row y near column x: the coverage-weighted mean
 * column of the stroke's pixels, each side's partial pixel measured against that side's
 * background (two columns out, and the same three columns out: nothing else there). */
static gboolean
row_centre (const Tracer *tr,
            int           y,
            double        x,
            double        h,
            double       *centre_out,
            double       *width_out)
{
  int k0 = (int) floor (x), lo, hi, R = -1;
  double best = G_MAXDOUBLE, c[3] = { tr->color[0], tr->color[1], tr->color[2] };
  double full[3], bg_l[3], bg_r[3], beyond[3], p[3], sum = 0.0, sum_x = 0.0, off;

  for (int k = k0 - (int) ceil (h); k <= k0 + (int) ceil (h); k++)
    if (k >= 0 && k < tr->image->width && in_mask (tr, k, y))
      {
        pixel (tr, k, y, p);
        if (rgb_dist (p, c) < best)
          {
            best = rgb_dist (p, c);
            R = k;
          }
      }
  if (R < 0)
    return FALSE;
  for (lo = R; lo - 1 >= 0 && in_mask (tr, lo - 1, y); lo--)
    ;
  for (hi = R; hi + 1 < tr->image->width && in_mask (tr, hi + 1, y); hi++)
    ;
  if (hi - lo + 1 > h + 3 || lo < 3 || hi + 3 >= tr->image->width)
    return FALSE;
  pixel (tr, R, y, full);
  pixel (tr, lo - 2, y, bg_l);
  pixel (tr, lo - 3, y, beyond);
  if (rgb_dist (bg_l, beyond) > 12.0 || rgb_dist (full, bg_l) < 60.0)
    return FALSE;
  pixel (tr, hi + 2, y, bg_r);
  pixel (tr, hi + 3, y, beyond);
  if (rgb_dist (bg_r, beyond) > 12.0 || rgb_dist (full, bg_r) < 60.0)
    return FALSE;
  for (int k = lo - 1; k <= hi + 1; k++)
    {
      double a;

      pixel (tr, k, y, p);
      a = k == R ? 1.0 : coverage (p, k < R ? bg_l : bg_r, full, &off);
      if (k != R && (off > 30.0 || a > 1.15))
        return FALSE;
      a = CLAMP (a, 0.0, 1.0);
      sum += a;
      sum_x += a * (k + 0.5);
    }
  *centre_out = sum_x / sum;
  *width_out = sum;
  return TRUE;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A drop taller than the line is wide has rows where only its vertical is drawn: there its
 * column is read from the coverage, row by row (any background on either side, so a band's
 * edge does not matter). Two steps closer than the line's width, traced as one drop, show as
 * two columns, the upper rows at the first and the lower rows at the second: the drop is
 * split. */
static void
refine_tall_drop (const Tracer *tr,
                  Drop         *d,
                  double        h,
                  double        w_line,
                  GArray       *widths)
{
  double hw = h / 2.0 + 1.0;
  int r0 = (int) ceil (d->y0 + hw), r1 = (int) floor (d->y1 - hw), n = 0;
  g_autofree double *cx = NULL;
  g_autofree double *cw = NULL;
  g_autofree int *cy = NULL;
  g_autofree double *ux = NULL;
  g_autofree int *uy = NULL;
  int un;

  if (r1 - r0 < 1)
    return;
  cx = g_new (double, r1 - r0 + 1);
  cy = g_new (int, r1 - r0 + 1);
  cw = g_new (double, r1 - r0 + 1);
  for (int y = r0; y <= r1; y++)
    if (y >= 0 && y < tr->image->height && row_centre (tr, y, d->x, h, &cx[n], &cw[n]))
      {
        if (fabs (cx[n] - d->x) > h + 1.0)
          continue;
        cy[n++] = y;
      }
  /* Every row of a vertical covers the line's width; a row wider than most (a censor mark
   * or another line beside the vertical) is left out. */
  un = n;
  ux = g_memdup2 (cx, sizeof (double) * MAX (n, 1));
  uy = g_memdup2 (cy, sizeof (int) * MAX (n, 1));
  if (n > 0)
    {
      g_autofree double *sorted = g_memdup2 (cw, sizeof (double) * n);
      double w_med;
      int m = 0;

      qsort (sorted, n, sizeof (double), cmp_double);
      w_med = w_line > 0.0 ? w_line : sorted[n / 2];
      if (widths != NULL)
        {
          /* the first pass: only collect the rows' widths */
          g_array_append_vals (widths, cw, n);
          return;
        }
      for (int i = 0; i < n; i++)
        if (fabs (cw[i] - w_med) <= 0.35)
          {
            cx[m] = cx[i];
            cw[m] = cw[i];
            cy[m++] = cy[i];
          }
      n = m;
    }
  if (n < 2 || n < (r1 - r0 + 1) / 2)
    return;
  {
    /* the upper and the lower third of the rows at different columns: two verticals, the
     * level between them at the rows half way across */
    int third = MAX (2, n / 3);
    double m1 = 0.0, m2 = 0.0;

    if (n >= 6)
      {
        double mid, y_sum = 0.0, lo1 = G_MAXDOUBLE, hi1 = -G_MAXDOUBLE;
        double lo2 = G_MAXDOUBLE, hi2 = -G_MAXDOUBLE;
        int n_mid = 0, cross = -1;

        for (int i = 0; i < third; i++)
          {
            m1 += cx[i] / third;
            lo1 = MIN (lo1, cx[i]);
            hi1 = MAX (hi1, cx[i]);
          }
        for (int i = n - third; i < n; i++)
          {
            m2 += cx[i] / third;
            lo2 = MIN (lo2, cx[i]);
            hi2 = MAX (hi2, cx[i]);
          }
        mid = (m1 + m2) / 2.0;
        if (m2 - m1 > 0.4 && m2 - m1 < h + 1.0 && hi1 < mid && lo2 > mid
            && hi1 - lo1 < 0.2 && hi2 - lo2 < 0.2)
          {
            for (int i = 0; i < n && cross < 0; i++)
              if (cx[i] > mid)
                cross = i;
            /* the level between the two: the rows between the two verticals' rows (wider,
             * with the short horizontal in them) whose centre is half way */
            for (int i = 0; i < un; i++)
              if (uy[i] > cy[cross - 1] && uy[i] < cy[cross] && fabs (ux[i] - mid) <= 0.25)
                {
                  y_sum += uy[i] + 0.5;
                  n_mid++;
                }
            d->x = m1;
            d->x2 = m2;
            d->ym = n_mid > 0 ? y_sum / n_mid : (cy[cross - 1] + cy[cross] + 1) / 2.0;
            return;
          }
      }
    qsort (cx, n, sizeof (double), cmp_double);
    m1 = n % 2 ? cx[n / 2] : (cx[n / 2 - 1] + cx[n / 2]) / 2.0;
    if (fabs (m1 - d->x) < 1.5)
      d->x = m1;
  }
}

static void
refine_drops (Tracer *tr,
              double  h,
              double  x_min)
{
  GArray *time = tr->time, *surv = tr->surv;
  guint n = 0, n_out;
  g_autofree double *X = g_new (double, 4 * time->len + 2);
  g_autofree double *Y = g_new (double, 4 * time->len + 2);
  g_autoptr(GArray) drops = g_array_new (FALSE, FALSE, sizeof (Drop));
  guint moved = 0;

  /* in raster units */
  for (guint i = 0; i < time->len; i++)
    {
      double s = g_array_index (surv, double, i) * (tr->percent ? 100.0 : 1.0);
      double x = (g_array_index (time, double, i) - tr->ax) / tr->bx;
      double y = (s - tr->ay) / tr->by;

      X[n] = x;
      Y[n] = y;
      n++;
    }
  /* the drops: runs of points at one column going down (a drop the tracer made of several
   * pairs at one column is one vertical) */
  for (guint i = 1; i < n; i++)
    if (fabs (X[i] - X[i - 1]) < 1e-9 && Y[i] > Y[i - 1] + 0.25)
      {
        Drop d = { i - 1, i, X[i], Y[i - 1], Y[i], -1.0, 0.0 };

        while (d.last + 1 < n && fabs (X[d.last + 1] - X[i]) < 1e-9 && Y[d.last + 1] >= Y[d.last])
          d.last++;
        d.y1 = Y[d.last];
        g_array_append_val (drops, d);
        i = d.last;
      }
  /* The line's drawn width: the median width of the verticals' rows over all drops (a row
   * of a vertical with a censor mark or another line beside it is wider). */
  {
    g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
    double w_line = 0.0;

    for (guint j = 0; j < drops->len; j++)
      refine_tall_drop (tr, &g_array_index (drops, Drop, j), h, 0.0, widths);
    if (widths->len > 0)
      {
        qsort (widths->data, widths->len, sizeof (double), cmp_double);
        w_line = g_array_index (widths, double, widths->len / 2);
      }
    for (guint j = 0; j < drops->len; j++)
      {
        Drop *d = &g_array_index (drops, Drop, j);
        double x0 = d->x;

        if (x0 < x_min)
          continue;   /* a step at the start, cut by the axis */

        refine_tall_drop (tr, d, h, w_line, NULL);
        if (d->x != x0)
          moved++;
      }
  }

  if (moved == 0)
    return;
  n_out = n;
  /* the drops keep their order */
  for (guint j = 1; j < drops->len; j++)
    {
      const Drop *p = &g_array_index (drops, Drop, j - 1);
      Drop *d = &g_array_index (drops, Drop, j);
      double end = p->x2 >= 0.0 ? p->x2 : p->x;

      if (d->x < end)
        d->x = end;
      if (d->x2 >= 0.0 && d->x2 < d->x)
        d->x2 = d->x;
    }

  /* Rebuild the points: each drop at its new column; a point between drops gets the level of
   * the moved step function at its column. */
  {
    guint j = 0;

    for (guint i = 0; i < n; i++)
      {
        if (j < drops->len && g_array_index (drops, Drop, j).i == i)
          {
            const Drop *d = &g_array_index (drops, Drop, j);

            for (guint k = i; k <= d->last; k++)
              X[k] = d->x2 >= 0.0 && Y[k] > d->ym ? d->x2 : d->x;
            if (d->x2 >= 0.0)
              {
                /* two steps: (x, y0) .. (x, ym) (x2, ym) .. (x2, y1) */
                X[n_out] = d->x;
                Y[n_out++] = d->ym;
                X[n_out] = d->x2;
                Y[n_out++] = d->ym;
              }
            i = d->last;
            j++;
            continue;
          }
        /* a flat point: below every drop moved left of it, above every drop moved right */
        for (guint k = 0; k < drops->len; k++)
          {
            const Drop *d = &g_array_index (drops, Drop, k);

            if (d->i < i && d->x > X[i])
              Y[i] = MIN (Y[i], d->y0);
            else if (d->i > i && d->x <= X[i])
              Y[i] = MAX (Y[i], d->y1);
          }
      }
  }
  n = n_out;
  /* sort by column (stable: the drops' pairs keep their order) */
  {
    g_autofree guint *idx = g_new (guint, n);

    for (guint i = 0; i < n; i++)
      idx[i] = i;
    for (guint i = 1; i < n; i++)
      for (guint k = i; k > 0 && (X[idx[k - 1]] > X[idx[k]]
                                  || (X[idx[k - 1]] == X[idx[k]] && Y[idx[k - 1]] > Y[idx[k]])); k--)
        {
          guint t = idx[k];
          idx[k] = idx[k - 1];
          idx[k - 1] = t;
        }
    g_array_set_size (time, 0);
    g_array_set_size (surv, 0);
    for (guint i = 0; i < n; i++)
      add_point (tr, X[idx[i]], Y[idx[i]]);
  }
}

/* Steep staircases drawn over by another colour (issue 17, docs/reconstruction.md).
 *
 * Where two arms fall steeply together at the start, or the axis's spine lies on survival 1,
 * the bottom edges of a curve's columns, which the walk reads, are often under the other
 * colour. The stroke's side edges tell the same: a line of width w around a non-increasing
 * step path (miter joins) has, in row y, its right edge at G(y + w/2) + w/2 and its left edge
 * at G(y - w/2) - w/2, where G(y') is the column where the path crosses level y' (the
 * vertical's x). Each row gives G from whichever edge lies against the background (an edge
 * against another colour, an occluder, says nothing), to a fraction of a pixel from the edge
 * pixel's shade; the rows' G, grouped by column, are the verticals, and where G changes is a
 * level. w is measured on the flat parts (flat_line_width()). A group of close drops (each
 * within a line's width and 2 px of the last) with another colour beside it in at least two
 * rows and two rows' edge readings is rebuilt from that; levels where neither edge shows lie on the straight line between
 * the edges' readings above and below them (the path is hidden there: the line halves the
 * worst case), or keep the walk's reading at the group's ends. Groups without another colour
 * beside them keep the walk's reading (refine_drops() places those). */

/* The sub-pixel position of the stroke's edge in row y, scanning the columns [x_lo, x_hi]
 * from the right (side > 0) or the left: the edge pixel's coverage against the background
 * beyond it; FALSE when the stroke is not found or something else than background lies
 * beyond its edge. */
static gboolean
stroke_edge (const Tracer *tr,
             int           y,
             int           x_lo,
             int           x_hi,
             int           side,
             double       *edge)
{
  double c[3] = { tr->color[0], tr->color[1], tr->color[2] }, p[3], bg[3], beyond[3], off, a0, a1;
  int k = side > 0 ? x_hi : x_lo, step = side > 0 ? -1 : 1, e;

  for (; k >= x_lo && k <= x_hi && !in_mask (tr, k, y); k += step)
    ;
  if (k < x_lo || k > x_hi)
    return FALSE;
  e = k - step;                 /* the partial pixel beyond the last one in the mask */
  if (e - 2 * step < 0 || e - 2 * step >= tr->image->width)
    return FALSE;
  pixel (tr, e - step, y, bg);
  pixel (tr, e - 2 * step, y, beyond);
  if (is_ink (tr, e - step, y) || rgb_dist (bg, beyond) > 12.0 || rgb_dist (c, bg) < 60.0)
    return FALSE;
  pixel (tr, e, y, p);
  a1 = coverage (p, bg, c, &off);
  if (off > 30.0 || a1 > 1.15 || a1 < -0.15)
    return FALSE;
  pixel (tr, k, y, p);
  a0 = coverage (p, bg, c, &off);
  if (off > 30.0)
    return FALSE;
  a0 = CLAMP (a0, 0.0, 1.0);
  a1 = CLAMP (a1, 0.0, 1.0);
  /* pixel k covers [k, k + 1): its covered share is at its inner side */
  *edge = side > 0 ? k + a0 + a1 : k + 1.0 - a0 - a1;
  return TRUE;
}

/* Whether another colour's ink touches the stroke in row y within [x_lo, x_hi]: a pixel next
 * to one of the colour's that is neither background nor the colour. */
static gboolean
row_occluded (const Tracer *tr,
              int           y,
              int           x_lo,
              int           x_hi)
{
  for (int k = MAX (x_lo, 1); k <= MIN (x_hi, tr->image->width - 2); k++)
    if (in_mask (tr, k, y))
      for (int s = -1; s <= 1; s += 2)
        if (!in_mask (tr, k + s, y) && is_ink (tr, k + s, y)
            && (k + 2 * s < 0 || k + 2 * s >= tr->image->width || !in_mask (tr, k + 2 * s, y)))
          {
            double c[3] = { tr->color[0], tr->color[1], tr->color[2] }, p[3], bg[3], off;

            /* an anti-aliased edge pixel of the colour itself is not another colour */
            pixel (tr, k + s, y, p);
            bg[0] = bg[1] = bg[2] = 255.0;
            coverage (p, bg, c, &off);
            if (off > 40.0)
              return TRUE;
          }
  return FALSE;
}

typedef struct
{
  double y, g;
} EdgeSample;

static int
cmp_sample (const void *a,
            const void *b)
{
  const EdgeSample *p = a, *q = b;

  return (p->y > q->y) - (p->y < q->y);
}

/* Rebuilds the group of drops between points i0 and i1 (X, Y raster; Y[i0] the level before,
 * Y[i1] after) from the stroke's edges; returns the new points in out_x, out_y (n_out). */
static gboolean
edge_staircase (const Tracer *tr,
                double        w,
                double        xa,
                double        xb,
                double        ya,
                double        yb,
                const double *px,
                const double *py,
                guint         n_pts,
                GArray       *out_x,
                GArray       *out_y)
{
  int x_lo = (int) floor (xa - w - 3.0), x_hi = (int) ceil (xb + w + 3.0);
  int y_lo = (int) floor (ya - w / 2.0), y_hi = (int) ceil (yb + w / 2.0), n_occ = 0;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (EdgeSample));
  g_autofree double *gx = NULL;
  g_autofree double *gy0 = NULL;
  g_autofree double *gy1 = NULL;
  int ng = 0;

  x_lo = MAX (x_lo, 0);
  x_hi = MIN (x_hi, tr->image->width - 1);
  for (int y = MAX (y_lo, tr->y_lo); y <= MIN (y_hi, tr->y_hi); y++)
    {
      double e;

      if (row_occluded (tr, y, x_lo, x_hi))
        n_occ++;
      /* right edge: G(y + 0.5 + w/2) = e - w/2, for levels inside (ya, yb) */
      if (y + 0.5 + w / 2.0 > ya + 0.5 && y + 0.5 + w / 2.0 < yb - 0.5
          && stroke_edge (tr, y, x_lo, x_hi, +1, &e))
        {
          EdgeSample s = { y + 0.5 + w / 2.0, e - w / 2.0 };
          g_array_append_val (samples, s);
        }
      if (y + 0.5 - w / 2.0 > ya + 0.5 && y + 0.5 - w / 2.0 < yb - 0.5
          && stroke_edge (tr, y, x_lo, x_hi, -1, &e))
        {
          EdgeSample s = { y + 0.5 - w / 2.0, e + w / 2.0 };
          g_array_append_val (samples, s);
        }
    }
  if (n_occ < 2 || samples->len < 2)
    return FALSE;
  g_array_sort (samples, cmp_sample);
  /* Levels no edge shows (both sides against the other colour): on the line between the
   * edges' readings above and below, else the walk's reading held between them (the path
   * goes right as it goes down). */
  {
    guint n_edge = samples->len, k = 0;

    for (double yp = floor (ya) + 1.0; yp < yb - 0.5; yp += 1.0)
      {
        double g = xa, lo = -G_MAXDOUBLE, hi = G_MAXDOUBLE, near = G_MAXDOUBLE;
        double y_lo_e = -G_MAXDOUBLE, y_hi_e = G_MAXDOUBLE;

        for (guint d = 0; d + 1 < n_pts; d++)
          if (py[d + 1] > py[d] && yp > py[d] && yp <= py[d + 1])
            g = px[d + 1];
        for (guint i = 0; i < n_edge; i++)
          {
            const EdgeSample *e = &g_array_index (samples, EdgeSample, i);

            near = MIN (near, fabs (e->y - yp));
            if (e->y < yp)
              {
                lo = MAX (lo, e->g);
                y_lo_e = MAX (y_lo_e, e->y);
              }
            else
              {
                hi = MIN (hi, e->g);
                y_hi_e = MIN (y_hi_e, e->y);
              }
          }
        if (near <= 1.0)
          continue;
        if (lo <= hi && y_lo_e > -G_MAXDOUBLE && y_hi_e < G_MAXDOUBLE)
          g = lo + (hi - lo) * (yp - y_lo_e) / (y_hi_e - y_lo_e);
        g = lo <= hi ? CLAMP (g, lo, hi) : (lo + hi) / 2.0;
        {
          EdgeSample s = { yp, g };
          g_array_append_val (samples, s);
          k++;
        }
      }
    if (k > 0)
      g_array_sort (samples, cmp_sample);
  }
  /* group by column: a new vertical where G moves by more than 0.5 px from the group's mean */
  gx = g_new (double, samples->len);
  gy0 = g_new (double, samples->len);
  gy1 = g_new (double, samples->len);
  {
    double sum = 0.0;
    int cnt = 0;

    for (guint i = 0; i < samples->len; i++)
      {
        const EdgeSample *s = &g_array_index (samples, EdgeSample, i);

        if (cnt > 0 && fabs (s->g - sum / cnt) > 0.5)
          {
            gx[ng++] = sum / cnt;
            sum = 0.0;
            cnt = 0;
          }
        if (cnt == 0)
          gy0[ng] = s->y;
        sum += s->g;
        cnt++;
        gy1[ng] = s->y;
      }
    gx[ng++] = sum / cnt;
  }
  if (ng > 1)
    {
      /* A vertical read in one row only that goes against its neighbours (left of the one
       * above it or right of the one below) is a corner's rounding or a stray pixel beside
       * the stroke, not a step: left out, its row is a gap. So is a reading far outside the
       * group's columns. */
      int m = 0;

      for (int j = 0; j < ng; j++)
        if (gx[j] >= xa - w - 1.0 && gx[j] <= xb + w + 1.0
            && (gy1[j] > gy0[j]
                || ((m == 0 || gx[j] >= gx[m - 1] - 0.1) && (j + 1 == ng || gx[j] <= gx[j + 1] + 0.1))))
          {
            gx[m] = gx[j];
            gy0[m] = gy0[j];
            gy1[m++] = gy1[j];
          }
      if (m == 0)
        return FALSE;
      ng = m;
    }
  /* the verticals must go right as the path goes down, and lie near the traced drops */
  for (int j = 0; j < ng; j++)
    {
      if (j > 0 && gx[j] < gx[j - 1] - 1.0)
        return FALSE;
      if (gx[j] < xa - w - 1.0 || gx[j] > xb + w + 1.0)
        return FALSE;
    }
  g_array_set_size (out_x, 0);
  g_array_set_size (out_y, 0);
  for (int j = 0; j < ng; j++)
    {
      double top = j == 0 ? ya : (gy1[j - 1] + gy0[j]) / 2.0;
      double bottom = j == ng - 1 ? yb : (gy1[j] + gy0[j + 1]) / 2.0;
      double x = j > 0 ? MAX (gx[j], gx[j - 1]) : gx[j];

      gx[j] = x;
      g_array_append_val (out_x, x);
      g_array_append_val (out_y, top);
      g_array_append_val (out_x, x);
      g_array_append_val (out_y, bottom);
    }
  return TRUE;
}

/* The line's drawn width from its flat parts: in a column of the horizontal line, the shares
 * of the pixels the line covers (each measured against the background on its side) add up to
 * its width. The median over the flat points whose column has plain background above and
 * below the line; 0 when there are too few. */
static double
flat_line_width (const Tracer *tr,
                 const double *X,
                 const double *Y,
                 guint         n,
                 double        h)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  double c[3] = { tr->color[0], tr->color[1], tr->color[2] };

  for (guint i = 1; i + 1 < n; i++)
    {
      int k = (int) floor (X[i]), y = (int) floor (Y[i]), top, bottom;
      double bg_t[3], bg_b[3], beyond[3], p[3], off, sum = 0.0;
      gboolean ok = TRUE;

      if (Y[i - 1] != Y[i] || Y[i + 1] != Y[i] || k < 0 || k >= tr->image->width)
        continue;
      if (y < tr->y_lo + 4 || y > tr->y_hi - 4 || !in_mask (tr, k, y))
        continue;
      for (top = y; top - 1 >= tr->y_lo && in_mask (tr, k, top - 1); top--)
        ;
      for (bottom = y; bottom + 1 <= tr->y_hi && in_mask (tr, k, bottom + 1); bottom++)
        ;
      if (bottom - top + 1 > h + 1.0 || top - 3 < tr->y_lo || bottom + 3 > tr->y_hi)
        continue;
      pixel (tr, k, top - 2, bg_t);
      pixel (tr, k, top - 3, beyond);
      ok = ok && rgb_dist (bg_t, beyond) <= 12.0 && !is_ink (tr, k, top - 2);
      pixel (tr, k, bottom + 2, bg_b);
      pixel (tr, k, bottom + 3, beyond);
      ok = ok && rgb_dist (bg_b, beyond) <= 12.0 && !is_ink (tr, k, bottom + 2);
      if (!ok)
        continue;
      for (int r = top - 1; r <= bottom + 1 && ok; r++)
        {
          double a;

          pixel (tr, k, r, p);
          a = coverage (p, r <= y ? bg_t : bg_b, c, &off);
          ok = off <= 30.0 && a <= 1.15;
          sum += CLAMP (a, 0.0, 1.0);
        }
      if (ok)
        g_array_append_val (widths, sum);
    }
  if (widths->len < 10)
    return 0.0;
  g_array_sort (widths, cmp_double);
  return g_array_index (widths, double, widths->len / 2);
}

static void
edge_drops (Tracer *tr,
            double  h)
{
  GArray *time = tr->time, *surv = tr->surv;
  guint n = time->len;
  g_autofree double *X = g_new (double, n + 1);
  g_autofree double *Y = g_new (double, n + 1);
  g_autoptr(GArray) nx = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ny = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ex = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ey = g_array_new (FALSE, FALSE, sizeof (double));
  double w = h + 0.2;
  gboolean changed = FALSE;

  for (guint i = 0; i < n; i++)
    {
      double s = g_array_index (surv, double, i) * (tr->percent ? 100.0 : 1.0);

      X[i] = (g_array_index (time, double, i) - tr->ax) / tr->bx;
      Y[i] = (s - tr->ay) / tr->by;
    }
  w = flat_line_width (tr, X, Y, n, h);
  if (w <= 0.0)
    w = h + 0.2;
  for (guint i = 0; i < n; i++)
    {
      guint i0, i1, j;

      if (!(i + 1 < n && Y[i + 1] > Y[i] + 0.25 && X[i + 1] - X[i] <= w + 0.5))
        {
          g_array_append_val (nx, X[i]);
          g_array_append_val (ny, Y[i]);
          continue;
        }
      /* a group of drops (a vertical, or the level moving down within a column as the
       * walk followed a run's centre): each next one within a line's width and 2 px of the
       * last one */
      i0 = i;
      i1 = i + 1;
      for (j = i + 1; j + 1 < n; j++)
        {
          if (Y[j + 1] > Y[j] + 0.25)
            {
              if (X[j] - X[i1] > w + 2.0 || X[j + 1] - X[j] > w + 0.5)
                break;
              i1 = j + 1;
            }
          else if (X[j + 1] - X[i1] > w + 2.0)
            break;
        }
      if (Y[i1] - Y[i0] >= w
          && edge_staircase (tr, w, X[i0], X[i1], Y[i0], Y[i1], X + i0, Y + i0,
                             i1 - i0 + 1, ex, ey))
        {
          double x_prev = nx->len > 0 ? g_array_index (nx, double, nx->len - 1) : -G_MAXDOUBLE;
          double x_next = i1 + 1 < n ? X[i1 + 1] : G_MAXDOUBLE;

          for (guint k = 0; k < ex->len; k++)
            {
              double x = CLAMP (g_array_index (ex, double, k), x_prev, x_next);

              g_array_append_val (nx, x);
              g_array_append_val (ny, g_array_index (ey, double, k));
            }
          changed = TRUE;
          i = i1;
          continue;
        }
      g_array_append_val (nx, X[i]);
      g_array_append_val (ny, Y[i]);
    }
  if (!changed)
    return;
  g_array_set_size (time, 0);
  g_array_set_size (surv, 0);
  for (guint i = 0; i < nx->len; i++)
    add_point (tr, g_array_index (nx, double, i), g_array_index (ny, double, i));
}

static gboolean
calibrate (const EpAxisCalibration *axis,
           double                   scale,
           double                  *a,
           double                  *b)
{
  double p1 = axis->px1 * scale, p2 = axis->px2 * scale;

  if (!(fabs (p2 - p1) >= 1.0) || axis->v1 == axis->v2)
    return FALSE;
  *b = (axis->v2 - axis->v1) / (p2 - p1);
  *a = axis->v1 - *b * p1;
  return TRUE;
}

EpDigitizeResult *
ep_digitize_trace (const EpImage           *image,
                   const EpDigitizeOptions *options,
                   GError                 **error)
{
  Tracer tr = { 0 };
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) runs2 = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) time = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) surv = g_array_new (FALSE, FALSE, sizeof (double));
  EpDigitizeResult *result;
  double y_one, y_zero, span, L = 0.0, h = 0.0, tol, thin, mark_tol, x_start;
  double start_pos, refine_from;
  int start_top = 0, start_h = 0;
  gboolean start_step = FALSE, start_left = FALSE;
  int left_edge = -1;
  int x0, x, x_search, start = -1, last_seen, width = image->width;
  double tolerance = options->tolerance > 0.0 ? options->tolerance : 60.0;
  double tol2, loose2;
  guint n_drops = 0, n_marks = 0, n_gaps = 0;
  /* x_floor: the first column after the last drop (a hidden step's region is not looked for
   * before it); forced: a tall run the next column must take as a step's region */
  int x_floor = 0, x_left;
  gboolean forced = FALSE;
  Run forced_run = { -1, -1 };

  g_return_val_if_fail (image != NULL && options != NULL, NULL);

  tr.image = image;
  memcpy (tr.color, options->color, 3);
  tr.tol2 = tolerance * tolerance;
  tol2 = tr.tol2;
  loose2 = 4.0 * tr.tol2;
  tr.time = time;
  tr.surv = surv;
  tr.percent = MAX (options->y.v1, options->y.v2) > 1.5;
  if (!calibrate (&options->x, image->scale, &tr.ax, &tr.bx)
      || !calibrate (&options->y, image->scale, &tr.ay, &tr.by))
    {
      g_set_error (error, EP_DIGITIZE_ERROR, EP_DIGITIZE_ERROR_CALIBRATION,
                   _("Each axis needs two ticks at different pixels with different values"));
      return NULL;
    }

  /* Rows of survival 1 and 0, and the rows searched: the axis range and 3% more. */
  y_one = ((tr.percent ? 100.0 : 1.0) - tr.ay) / tr.by;
  y_zero = (0.0 - tr.ay) / tr.by;
  span = fabs (y_zero - y_one);
  tr.y_lo = CLAMP ((int) floor (MIN (y_one, y_zero) - 0.03 * span), 0, image->height - 1);
  tr.y_hi = CLAMP ((int) ceil (MAX (y_one, y_zero) + 0.03 * span), 0, image->height - 1);

  /* The start: the run nearest to survival 1 in the first columns from x_start. Another
   * curve drawn over it at 1 can hide it up to its first step: then the first run near 1
   * within a third of the width (that step's top) starts it, at survival 1. */
  x_start = (options->x_start - tr.ax) / tr.bx;
  x0 = CLAMP ((int) floor (x_start), 0, width - 1);
  x_search = MIN (width, x0 + MAX (12, width / 3));
  for (x = x0; x < x_search && start < 0; x++)
    {
      double best = 0.05 * span;

      column_runs (&tr, x, runs);
      for (guint i = 0; i < runs->len; i++)
        {
          const Run *r = &g_array_index (runs, Run, i);
          double dist = MAX (0.0, MAX (r->top - y_one, y_one - (r->bottom + 1)));

          if (dist <= best)
            {
              best = dist;
              start = x;
              L = centre (r);
              h = height (r);
              start_top = r->top;
              start_h = height (r);
            }
        }
    }
  if (start < 0)
    {
      g_set_error (error, EP_DIGITIZE_ERROR, EP_DIGITIZE_ERROR_NOT_FOUND,
                   _("No pixel of the colour #%02x%02x%02x near survival 1 at the start of the "
                     "time axis (image pixels %d to %d): check the colour, the tolerance and "
                     "the y-axis ticks"),
                   options->color[0], options->color[1], options->color[2],
                   (int) (x0 / image->scale), (int) (x_search / image->scale));
      return NULL;
    }

  /* The line width: the most common height of the colour's runs right of the start (the
   * horizontal parts of the curve outnumber its steps, marks and the legend's sample). */
  {
    guint counts[64] = { 0 };
    guint best = 0;

    for (x = start; x < width; x++)
      {
        column_runs (&tr, x, runs);
        for (guint i = 0; i < runs->len; i++)
          {
            int ht = height (&g_array_index (runs, Run, i));
            if (ht < 64)
              counts[ht]++;
          }
      }
    for (guint k = 1; k < 64; k++)
      if (counts[k] > counts[best])
        best = k;
    if (best > 0)
      h = best;
  }
  h = MAX (h, 1.0);
  tol = h / 2.0 + 1.0;
  thin = h + MAX (2.0, 0.6 * h);
  /* A thin run this close to the level after a tall one: the line went on, the tall run was a
   * mark. Further down it is a step, however small. */
  mark_tol = MAX (1.5, 0.25 * h);
  /* A curve that starts with a run taller than a line reaching up to survival 1 (a death
   * within a line's width of the start, an event at time 0, a mark) starts at survival 1
   * itself; the tall run is then a step (or a mark) that the walk below places. (Its centre,
   * taken as the level, made a start below 1 and lost the step.) */
  start_step = start <= x0 + 12 && start_h > thin && start_top <= y_one + 1.0;
  /* The same when the tall run's top is drawn over (another arm's line or a spine at
   * survival 1): every row from survival 1 down to its top is another colour's ink, an
   * occluder, not background; the vertical goes on under it up to 1. */
  if (!start_step && start <= x0 + 12 && start_h > thin && start_top > y_one + 1.0
           && start_top - y_one <= 3.0 * h + 2.0)
    {
      gboolean hidden = TRUE;

      for (int y = MAX (tr.y_lo, (int) floor (y_one)); y < start_top && hidden; y++)
        hidden = is_ink (&tr, start, y);
      start_step = hidden;
    }
  /* A first step whose vertical shows only left of the start of the axis: the first column
   * where the curve shows is further down than rule 2 reaches (the level after the first
   * step(s), its top under another colour's ink), but at or just left of the calibrated
   * start, beyond the ink that hides the start (the y axis or a spine), the curve's colour
   * runs down from near survival 1 (or from other ink over it), taller than a line and not
   * below that column's run: the step's vertical, whose left edge says where it is. (veteran arm B drawn by matplotlib:
   * the vertical at column 159, the spine at 160-162, x = 0 at 160.6.) */
  if (!start_step && start <= x0 + 12 && start_top > y_one + h)
    {
      int n_cols = (int) ceil (h) + 1;

      for (int c = x0; c >= MAX (0, x0 - n_cols) && left_edge < 0; c--)
        {
          gboolean covered = TRUE;

          if (c >= start)
            continue;
          /* every column from here to the first visible one is ink at that run's top */
          for (int k = c + 1; k < start && covered; k++)
            covered = is_ink (&tr, k, start_top);
          if (!covered)
            break;
          column_runs (&tr, c, runs);
          for (guint i = 0; i < runs->len; i++)
            {
              const Run *r = &g_array_index (runs, Run, i);
              gboolean reaches = r->top <= y_one + h;

              /* or drawn over from survival 1 down to its top */
              if (!reaches && r->top - y_one <= 3.0 * h + 2.0)
                {
                  reaches = TRUE;
                  for (int y = MAX (tr.y_lo, (int) floor (y_one)); y < r->top && reaches; y++)
                    reaches = is_ink (&tr, c, y);
                }
              if (reaches && r->bottom + 1 <= start_top + h && height (r) > thin)
                {
                  int y_mid = (r->top + r->bottom) / 2;

                  left_edge = c;
                  while (left_edge - 1 >= 0 && in_mask (&tr, left_edge - 1, y_mid))
                    left_edge--;
                  break;
                }
            }
        }
      if (left_edge >= 0)
        start_step = start_left = TRUE;
    }
  /* Where that first step's drop is placed: at the first column where it shows, or, when the
   * columns just left of it are another colour's ink (the y axis or a spine drawn over the
   * start), where it may lie anywhere under them: at the centre of the hidden columns, the
   * visible ones and any ink right of them (another arm's line over the vertical's right side),
   * all together no wider than a line and one partly covered column, hidden columns counted
   * first; not before the start of the axis. (veteran arm B drawn by Endpoint: the first deaths,
   * 0.74 px apart, were read 0.76 px after the first.) */
  start_pos = MAX (x_start, start + 0.5);
  refine_from = ceil (x_start) + 1.0;
  if (start_step)
    {
      int y_mid = (start_top + start_top + start_h - 1) / 2, n_hidden = 0, n_vis = 1, n_right = 0;
      int n_max = (int) ceil (h) + 1;   /* a vertical's columns: its width, and one partly covered */

      while (n_vis < n_max && start + n_vis < width && in_mask (&tr, start + n_vis, y_mid))
        n_vis++;
      while (n_hidden + n_vis < n_max && start - n_hidden - 1 >= 0
             && is_ink (&tr, start - n_hidden - 1, y_mid)
             && !in_mask (&tr, start - n_hidden - 1, y_mid))
        n_hidden++;
      /* ink right of the visible part (another line drawn over the vertical's right side) */
      while (n_hidden > 0 && n_hidden + n_vis + n_right < n_max && start + n_vis + n_right < width
             && is_ink (&tr, start + n_vis + n_right, y_mid)
             && !in_mask (&tr, start + n_vis + n_right, y_mid))
        n_right++;
      if (n_hidden > 0)
        {
          start_pos = MAX (x_start, start + (n_vis + n_right - n_hidden) / 2.0);
          /* its visible rows' shades say where the visible part is, not the vertical: the
           * drop is not refined from them (refine_drops()) */
          refine_from = MAX (refine_from, start + 1.0);
        }
      /* a vertical seen only left of the start: a line's width from its left edge */
      if (start_left)
        {
          start_pos = MAX (x_start, left_edge + h / 2.0);
          refine_from = MAX (refine_from, start + 1.0);
        }
    }
  if (start > x0 + 12 || start_step)
    L = y_one;
  else
    L = MAX (L, y_one);

  add_point (&tr, x_start, L);
  last_seen = start;
  x_floor = start;
  for (x = start; x < width; x++)
    {
      const Run *r;
      gboolean was_forced = forced;

      /* At survival 0 there is nothing more to trace (and the axis line lies there, so a
       * line within its width of the axis is on it). */
      if (fabs (L - y_zero) <= h + 1.0)
        {
          /* the last point is on the axis: survival exactly 0 */
          g_array_index (surv, double, surv->len - 1) = 0.0;
          break;
        }

      column_runs (&tr, x, runs);
      r = run_at (runs, L, tol);
      if (forced)
        {
          /* a step's region found from its hidden end (below): take it from its first column */
          forced = FALSE;
          r = &forced_run;
        }
      else if (r == NULL && covered_at (&tr, x, L, tol))
        {
          /* Another line drawn over the level: a run that starts just under it is this
           * curve coming out from under it (the rest of a step, or the line itself). */
          for (guint i = 0; i < runs->len; i++)
            {
              const Run *q = &g_array_index (runs, Run, i);

              if (q->top >= L - tol && q->top <= L + 2 * h + tol && (r == NULL || q->top < r->top))
                r = q;
            }
          if (r != NULL && r->top > L + mark_tol
              && (x_left = backtrack (&tr, x, *r, x_floor, thin, runs2, &L, &forced_run)) < x)
            {
              if (height (r) <= thin)
                {
                  /* a lone step, its columns x_left .. x - 1: at their centre */
                  double pos = (x_left + x) / 2.0;

                  for (int k = x_left; k < x && k + 0.5 < pos; k++)
                    add_point (&tr, k + 0.5, L);
                  n_drops++;
                  add_point (&tr, pos, L);
                  L = MAX (L, centre (r));
                  add_point (&tr, pos, L);
                  add_point (&tr, x + 0.5, L);
                  last_seen = x;
                  x_floor = x + 1;
                  continue;
                }
              forced = TRUE;
              x_floor = x + 1;   /* not again from here: the trace always moves on */
              x = x_left - 1;
              continue;
            }
        }
      if (r != NULL && height (r) <= thin)
        {
          L = MAX (L, centre (r));
          add_point (&tr, x + 0.5, L);
          last_seen = x;
          continue;
        }

      /* A tall run where the trace followed a thin one (a sliver of the line above another
       * line drawn over it) up to here: the vertical may have begun columns earlier, under
       * the sliver; take it from its first column. */
      if (r != NULL && !was_forced
          && (x_left = backtrack (&tr, x, *r, x_floor, thin, runs2, &L, &forced_run)) < x)
        {
          forced = TRUE;
          x_floor = x + 1;
          x = x_left - 1;
          continue;
        }

      if (r != NULL)
        {
          /* A vertical step, a staircase of close steps or a censor mark: follow the tall
           * region column by column (each column's run connected to the previous one's)
           * until it thins out; that thin run decides. */
          g_autoptr(GArray) bottoms = g_array_new (FALSE, FALSE, sizeof (int));
          g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (int));
          Run prev = *r;
          int x2, top_min = r->top, bottom_max = r->bottom;
          gboolean mark = FALSE, ended = TRUE;
          double L_new = L;

          g_array_append_val (bottoms, prev.bottom);
          g_array_append_val (tops, prev.top);
          for (x2 = x + 1; x2 < width; x2++)
            {
              const Run *next = NULL;

              column_runs (&tr, x2, runs);
              for (guint i = 0; i < runs->len; i++)
                {
                  const Run *q = &g_array_index (runs, Run, i);

                  if (q->top > prev.bottom + 1 || q->bottom < prev.top - 1)
                    continue;
                  if (height (q) <= thin && fabs (centre (q) - L) <= mark_tol)
                    {
                      next = q;
                      mark = TRUE;
                      break;
                    }
                  if (next == NULL || q->bottom > next->bottom)
                    next = q;
                }
              if (next == NULL)
                break;
              if (mark || height (next) <= thin)
                {
                  ended = FALSE;
                  L_new = MAX (L, centre (next));
                  break;
                }
              prev = *next;
              top_min = MIN (top_min, prev.top);
              bottom_max = MAX (bottom_max, prev.bottom);
              g_array_append_val (bottoms, prev.bottom);
              g_array_append_val (tops, prev.top);
            }

          if (mark)
            {
              n_marks++;
              for (int k = x; k < x2; k++)
                add_point (&tr, k + 0.5, L);
              last_seen = x2 - 1;
              x = x2 - 1;
              continue;
            }
          if (ended)
            {
              /* The curve ends in the tall region: a last step down, or a mark above and
               * below the line (a censored last patient, drawn a few columns wide at 300
               * dpi): as far above the level as below it. */
              Run last = prev;

              if (L - top_min >= 0.7 * (bottom_max + 1 - L))
                {
                  n_marks++;
                  for (int k = x; k < x2; k++)
                    add_point (&tr, k + 0.5, L);
                  last_seen = x2 - 1;
                  x = x2 - 1;
                  continue;
                }
              L_new = MAX (L, last.bottom + 1 - h / 2.0);
              /* A step that runs into the x axis (drawn over its end, or clipped) goes to
               * zero. */
              if (fabs (last.bottom + 1 - y_zero) <= h + 2.0)
                L_new = MAX (L, y_zero);
            }
          {
            /* The line of width h around the path y(t) has its bottom edge at column k at
             * y(k + h/2) + h/2 (a column's left edge k): each column's bottom gives the level
             * half a line width to its right, so close steps keep their own times.
             *
             * A lone step (every tall column has the same bottom) is placed at the centre of
             * its tall columns, the vertical segment's x, instead: h, the mode of the
             * horizontal runs' heights, is not how many columns a vertical covers in the
             * mask. Anti-aliasing leaves a line's edge pixels in or out of the mask
             * depending on where the edge falls, so a 4.2-pixel line is 3 rows tall on most
             * flat stretches and 4 columns wide on a vertical, and h / 2 from the first
             * column put lone steps up to a pixel early (docs/reconstruction.md). */
            double lev = L, w = h;
            gboolean lone = TRUE;
            int first_step = -1, n_step = 0;

            /* A column of a censor mark reaches as far above the line as below it (a tick
             * centred on the line, within mark_tol); a step's column leaves the line downwards
             * (its top at the line's top), and a column where a mark and a step's vertical
             * overlap reaches further below than above. Marks right before a step (close censorings, drawn into one
             * region with the step's vertical) are no drop: their columns are left out. */
            for (guint i = 0; i < bottoms->len; i++)
              {
                int top = g_array_index (tops, int, i), bottom = g_array_index (bottoms, int, i);
                gboolean is_mark = L - top > h / 2.0 + mark_tol
                                   && fabs ((L - top) - (bottom + 1 - L)) <= mark_tol;

                if (is_mark)
                  {
                    g_array_index (bottoms, int, i) = -1;
                    continue;
                  }
                if (first_step < 0)
                  first_step = (int) i;
                else
                  lone = lone && bottom == g_array_index (bottoms, int, first_step);
                n_step++;
              }
            if (lone && n_step > 0 && n_step <= h + 2.0)
              w = n_step;
            else
              lone = FALSE;

            for (guint i = 0; i < bottoms->len; i++)
              {
                int k = x + (int) i;
                double level;

                if (g_array_index (bottoms, int, i) < 0)
                  continue;
                level = CLAMP (g_array_index (bottoms, int, i) + 1 - h / 2.0, lev, L_new);

                if (level > lev + 0.5)
                  {
                    /* the first step of a curve whose vertical is cut by the start of the
                     * axis (or hidden under it): at the first column where it shows */
                    double pos = start_step && x == start && lev <= y_one
                                   ? start_pos : MIN (k + w / 2.0, (double) x2);

                    n_drops++;
                    add_point (&tr, pos, lev);
                    add_point (&tr, pos, level);
                    lev = level;
                  }
              }
            if (lev < L_new)
              {
                double pos = lone ? x2 - w / 2.0 : MIN (x2 - 1 + h / 2.0, (double) x2);

                if (start_step && x == start && lev <= y_one)
                  pos = start_pos;

                n_drops++;
                add_point (&tr, pos, lev);
                add_point (&tr, pos, L_new);
              }
            L = L_new;
            last_seen = x2 - 1;
            x_floor = MAX (x_floor, x2);
            /* Where the tall region ends without thinning out, the curve may go on under
             * another line or end: the columns after it tell. */
            x = x2 - 1;
            continue;
          }
        }

      /* No run at the level: hidden under something else, or the curve went on lower. */
      {
        gboolean covered = FALSE;

        for (int y = MAX (tr.y_lo, (int) floor (L - tol)); y <= MIN (tr.y_hi, (int) ceil (L + tol)); y++)
          covered = covered || is_ink (&tr, x, y);
        if (covered)
          {
            /* Drawn over at its level: under a translucent band it keeps a shade of its
             * colour, so look again with a looser colour match; if it shows below, it
             * dropped while hidden (two curves at 1 at the start): the nearest run below is
             * it. */
            const Run *best = NULL;

            tr.tol2 = loose2;
            column_runs (&tr, x, runs);
            tr.tol2 = tol2;
            r = run_at (runs, L, tol);
            if (r != NULL && height (r) <= thin)
              {
                L = MAX (L, centre (r));
                add_point (&tr, x + 0.5, L);
                last_seen = x;
                continue;
              }
            column_runs (&tr, x, runs);

            for (guint i = 0; i < runs->len; i++)
              {
                const Run *q = &g_array_index (runs, Run, i);

                if (q->top > L + mark_tol && (best == NULL || q->top < best->top))
                  best = q;
              }
            if (best != NULL)
              {
                /* It dropped at least to the top of that run; a tall run (the rest of a
                 * staircase) is then walked from there. */
                gboolean tall_run = height (best) > thin;

                if ((x_left = backtrack (&tr, x, *best, x_floor, thin, runs2, &L,
                                         &forced_run)) < x)
                  {
                    /* the step began further left, its upper part hidden: a lone step at the
                     * centre of its columns, or a staircase taken from its first column */
                    if (!tall_run)
                      {
                        double pos = (x_left + x) / 2.0;

                        for (int k = x_left; k < x && k + 0.5 < pos; k++)
                          add_point (&tr, k + 0.5, L);
                        n_drops++;
                        add_point (&tr, pos, L);
                        L = MAX (L, centre (best));
                        add_point (&tr, pos, L);
                        add_point (&tr, x + 0.5, L);
                        last_seen = x;
                        x_floor = x + 1;
                        continue;
                      }
                    forced = TRUE;
                    x_floor = x + 1;
                    x = x_left - 1;
                    continue;
                  }
                n_drops++;
                add_point (&tr, x, L);
                L = tall_run ? best->top + h / 2.0 : centre (best);
                add_point (&tr, x, L);
                last_seen = x;
                x_floor = MAX (x_floor, x + 1);
                if (tall_run)
                  x--;
              }
            else
              n_gaps++;
            continue;
          }
      }
      {
        /* Look ahead (a few percent of the width) for the nearest run below. */
        int limit = MIN (width, x + MAX (8, width / 30));
        int x2;
        gboolean resumed = FALSE;

        for (x2 = x; x2 < limit && !resumed; x2++)
          {
            const Run *best = NULL;

            column_runs (&tr, x2, runs);
            r = run_at (runs, L, tol);
            if (r != NULL)
              break;     /* it is back at its level: the main loop takes it */
            for (guint i = 0; i < runs->len; i++)
              {
                const Run *q = &g_array_index (runs, Run, i);

                if (q->top > L && (best == NULL || q->top < best->top))
                  best = q;
              }
            if (best != NULL)
              {
                double x_drop = x;
                gboolean tall_run = height (best) > thin;

                n_drops++;
                n_gaps += x2 - x;
                add_point (&tr, x_drop, L);
                L = tall_run ? best->top + h / 2.0 : centre (best);
                add_point (&tr, x_drop, L);
                resumed = TRUE;
                last_seen = x2;
                x = tall_run ? x2 - 1 : x2;
              }
          }
        if (!resumed && x2 >= limit)
          break;
        if (!resumed)
          x = x2 - 1;
      }
    }

  /* Drop the gap columns' trailing stretch: the curve ends where it was last seen. */
  {
    double t_end = tr.ax + tr.bx * (last_seen + 1.0 + h / 2.0);

    while (time->len > 1 && g_array_index (time, double, time->len - 1) > t_end + 1e-9)
      {
        g_array_set_size (time, time->len - 1);
        g_array_set_size (surv, surv->len - 1);
      }
  }

  edge_drops (&tr, h);
  refine_drops (&tr, h, refine_from);
  /* the first step of a vertical seen only left of the start: where that vertical is */
  if (start_left && time->len >= 3
      && g_array_index (time, double, 1) == g_array_index (time, double, 2)
      && g_array_index (surv, double, 2) < g_array_index (surv, double, 1))
    {
      double t = tr.ax + tr.bx * start_pos;

      if (t < g_array_index (time, double, 1))
        g_array_index (time, double, 1) = g_array_index (time, double, 2) = t;
    }

  result = g_new0 (EpDigitizeResult, 1);
  result->n = time->len;
  result->time = (double *) g_array_free (g_steal_pointer (&time), FALSE);
  result->surv = (double *) g_array_free (g_steal_pointer (&surv), FALSE);
  result->line_width = h;
  result->n_drops = n_drops;
  result->n_marks = n_marks;
  result->n_gap_columns = n_gaps;
  return result;
}
