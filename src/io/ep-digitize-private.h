/* ep-digitize-private.h: what the tracer's two files share (ep-digitize.c walks the curve,
 * ep-digitize-refine.c places its drops to a fraction of a pixel and reads steps hidden under
 * other lines from the strokes' edges)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinates: column x, row y are raster pixel indices; a pixel covers [x, x + 1) so its
 * centre is x + 0.5; L, the curve's level, is a continuous raster y.
 */
#pragma once

#include <glib.h>

#include "io/ep-digitize.h"

G_BEGIN_DECLS

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

/* Whether the pixel is the curve's colour (within the tolerance). */
static inline gboolean
in_mask (const Tracer *tr,
         int           x,
         int           y)
{
  const guint8 *p = tr->image->rgb + (gsize) y * tr->image->stride + 3 * (gsize) x;
  double d0 = p[0] - tr->color[0], d1 = p[1] - tr->color[1], d2 = p[2] - tr->color[2];

  return d0 * d0 + d1 * d1 + d2 * d2 <= tr->tol2;
}

/* A pixel of a line drawn over the curve (another curve, an axis, text): far from white. The
 * background, grid lines and confidence bands (tints of 15-30%) are not. */
static inline gboolean
is_ink (const Tracer *tr,
        int           x,
        int           y)
{
  const guint8 *p = tr->image->rgb + (gsize) y * tr->image->stride + 3 * (gsize) x;
  double d0 = 255 - p[0], d1 = 255 - p[1], d2 = 255 - p[2];

  return d0 * d0 + d1 * d1 + d2 * d2 > 110.0 * 110.0;
}

/* A point of the curve at raster position (x, L), in the axes' values. */
static inline void
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

/* ep-digitize-refine.c: the drops of the traced points moved to where the pixels' shades put
 * them (h: the line's height; only from x_min on), and steep staircases under another colour
 * read from the strokes' edges. */
void _ep_digitize_refine_drops (Tracer *tr,
                                double  h,
                                double  x_min);
void _ep_digitize_edge_drops   (Tracer *tr,
                                double  h);
/* The sub-pixel position of the stroke's right (side > 0) or left edge in row y within the
 * columns [x_lo, x_hi], from the edge pixel's shade; FALSE when something else than
 * background lies beyond it. */
gboolean _ep_digitize_stroke_edge (const Tracer *tr,
                                   int           y,
                                   int           x_lo,
                                   int           x_hi,
                                   int           side,
                                   double       *edge);

G_END_DECLS
