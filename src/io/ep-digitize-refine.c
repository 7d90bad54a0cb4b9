/* ep-digitize-refine.c: a traced curve's drops to a fraction of a pixel, and steps hidden under
 * other lines read from the strokes' edges
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second half of ep_digitize_trace() (ep-digitize.c walks the curve column by column): the
 * rules are in docs/reconstruction.md, "Where a step is put", "Sub-pixel drops" and
 * "Occluders". Coordinates as in ep-digitize-private.h.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/ep-digitize-private.h"

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
void
_ep_digitize_refine_drops (Tracer *tr,
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

gboolean
_ep_digitize_stroke_edge (const Tracer *tr,
                          int           y,
                          int           x_lo,
                          int           x_hi,
                          int           side,
                          double       *edge)
{
  return stroke_edge (tr, y, x_lo, x_hi, side, edge);
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

void
_ep_digitize_edge_drops (Tracer *tr,
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
