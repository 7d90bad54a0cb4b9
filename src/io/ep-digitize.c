/* ep-digitize.c: trace a step curve of a Kaplan-Meier figure by its colour
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The method is in ep-digitize.h. ep_digitize_trace() calibrates the axes, finds where the
 * curve starts and whether its first step is hidden (find_start(), line_width(),
 * decide_first_step(): a Start), walks the curve column by column (walk_curve(): a Walk;
 * walk_column() sorts each column's run at the level and hands it to follow_line(),
 * walk_tall_region(), hidden_step(), hidden_at_level() or look_ahead()) and then has its drops
 * refined (ep-digitize-refine.c).
 *
 * Coordinates: column x, row y are raster pixel indices; a pixel covers [x, x + 1) so its
 * centre is x + 0.5; L, the curve's level, is a continuous raster y.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/ep-digitize.h"
#include "io/ep-digitize-private.h"

G_DEFINE_QUARK (ep-digitize-error-quark, ep_digitize_error)

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

/* An axis's raster position -> value map, v = *a + *b * position, from its two ticks (given in
 * image pixels, so scaled to the raster). FALSE for ticks less than a pixel apart or of one
 * value. */
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
  /* values so far apart that their difference overflows, or so close that it vanishes */
  return isfinite (*a) && isfinite (*b) && *b != 0.0;
}

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

/* The runs of the curve's colour in column x, top to bottom, within the rows searched. */
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

/* Where the curve starts and how its first step shows: the three start rules.
 *
 * The walk starts at survival 1 at the start of the time axis. What it needs to know first is
 * where the curve shows there, and whether the first run it meets is a step down from survival
 * 1 whose top is hidden (under another colour's line, under the y axis, left of it). */
typedef struct
{
  double   x_start;      /* the start of the time axis (raster x) */
  int      x0;           /* its column */
  int      column;       /* the first column where the curve shows */
  Run      run;          /* its run nearest to survival 1 there */
  double   level;        /* the level the walk starts at */
  gboolean step;         /* that run is a first step (or a mark) down from survival 1 */
  gboolean left;         /* a first step whose vertical shows only left of x_start */
  double   step_pos;     /* where that first step's drop is placed (raster x) */
  double   refine_from;  /* drops are refined from here on (_ep_digitize_refine_drops()) */
} Start;

/* The first column where the curve shows: the run nearest to survival 1 in the first columns
 * from x_start. Another curve drawn over it at 1 can hide it up to its first step: then the
 * first run near 1 within a third of the width (that step's top) starts it, at survival 1. */
static gboolean
find_start (const Tracer *tr,
            double        t_start,
            double        y_one,
            double        span,
            Start        *s,
            GError      **error)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  int width = tr->image->width, x_search;

  s->column = -1;
  s->x_start = (t_start - tr->ax) / tr->bx;
  if (s->x_start < -1.0 || s->x_start > width)
    {
      g_set_error (error, EP_DIGITIZE_ERROR, EP_DIGITIZE_ERROR_NOT_FOUND,
                   _("The start time %g is outside the image, whose time axis runs from %g to "
                     "%g"), t_start, tr->ax, tr->ax + tr->bx * width);
      return FALSE;
    }
  s->x0 = CLAMP ((int) floor (s->x_start), 0, width - 1);
  x_search = MIN (width, s->x0 + MAX (12, width / 3));
  for (int x = s->x0; x < x_search && s->column < 0; x++)
    {
      double best = 0.05 * span;

      column_runs (tr, x, runs);
      for (guint i = 0; i < runs->len; i++)
        {
          const Run *r = &g_array_index (runs, Run, i);
          double dist = MAX (0.0, MAX (r->top - y_one, y_one - (r->bottom + 1)));

          if (dist <= best)
            {
              best = dist;
              s->column = x;
              s->run = *r;
            }
        }
    }
  if (s->column < 0)
    {
      g_set_error (error, EP_DIGITIZE_ERROR, EP_DIGITIZE_ERROR_NOT_FOUND,
                   _("No pixel of the colour #%02x%02x%02x near survival 1 at the start of the "
                     "time axis (image pixels %d to %d): check the colour, the tolerance and "
                     "the y-axis ticks"),
                   tr->color[0], tr->color[1], tr->color[2],
                   (int) (s->x0 / tr->image->scale), (int) (x_search / tr->image->scale));
      return FALSE;
    }
  return TRUE;
}

/* The line width: the most common height of the colour's runs from column x on (the
 * horizontal parts of the curve outnumber its steps, marks and the legend's sample); h when
 * there is none. */
static double
line_width (const Tracer *tr,
            int           x,
            double        h)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  guint counts[64] = { 0 };
  guint best = 0;

  for (; x < tr->image->width; x++)
    {
      column_runs (tr, x, runs);
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
  return MAX (h, 1.0);
}

/* Whether every row from survival 1 down to `top` (not more than a few line widths below it)
 * is another colour's ink in column x: an occluder over a vertical that goes on under it up
 * to 1, not background. */
static gboolean
drawn_over_from_one (const Tracer *tr,
                     int           x,
                     int           top,
                     double        y_one,
                     double        h)
{
  if (top - y_one > 3.0 * h + 2.0)
    return FALSE;
  for (int y = MAX (tr->y_lo, (int) floor (y_one)); y < top; y++)
    if (!is_ink (tr, x, y))
      return FALSE;
  return TRUE;
}

/* Rule 3: a first step whose vertical shows only left of the start of the axis. The first
 * column where the curve shows is further down than rule 2 reaches (the level after the first
 * step(s), its top under another colour's ink), but at or just left of the calibrated start,
 * beyond the ink that hides the start (the y axis or a spine), the curve's colour runs down
 * from near survival 1 (or from other ink over it), taller than a line and not below that
 * column's run: the step's vertical, whose left edge (returned; -1 if there is none) says
 * where it is. (veteran arm B drawn by matplotlib: the vertical at column 159, the spine at
 * 160-162, x = 0 at 160.6.) */
static int
vertical_left_of_start (const Tracer *tr,
                        const Start  *s,
                        double        y_one,
                        double        h,
                        double        thin)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  int n_cols = (int) ceil (h) + 1;

  for (int c = s->x0; c >= MAX (0, s->x0 - n_cols); c--)
    {
      if (c >= s->column)
        continue;
      /* every column from here to the first visible one is ink at that run's top */
      for (int k = c + 1; k < s->column; k++)
        if (!is_ink (tr, k, s->run.top))
          return -1;
      column_runs (tr, c, runs);
      for (guint i = 0; i < runs->len; i++)
        {
          const Run *r = &g_array_index (runs, Run, i);

          /* reaching up to survival 1, or drawn over from there down to its top */
          if ((r->top <= y_one + h || drawn_over_from_one (tr, c, r->top, y_one, h))
              && r->bottom + 1 <= s->run.top + h && height (r) > thin)
            {
              int y_mid = (r->top + r->bottom) / 2, left_edge = c;

              while (left_edge - 1 >= 0 && in_mask (tr, left_edge - 1, y_mid))
                left_edge--;
              return left_edge;
            }
        }
    }
  return -1;
}

/* Where a first step's drop is placed: at the first column where it shows, or, when the
 * columns just left of it are another colour's ink (the y axis or a spine drawn over the
 * start), where it may lie anywhere under them: at the centre of the hidden columns, the
 * visible ones and any ink right of them (another arm's line over the vertical's right side),
 * all together no wider than a line and one partly covered column, hidden columns counted
 * first; not before the start of the axis. (veteran arm B drawn by Endpoint: the first deaths,
 * 0.74 px apart, were read 0.76 px after the first.) */
static void
place_first_step (const Tracer *tr,
                  Start        *s,
                  double        h)
{
  int width = tr->image->width, x = s->column;
  int y_mid = (s->run.top + s->run.bottom) / 2, n_hidden = 0, n_vis = 1, n_right = 0;
  int n_max = (int) ceil (h) + 1;   /* a vertical's columns: its width, and one partly covered */

  while (n_vis < n_max && x + n_vis < width && in_mask (tr, x + n_vis, y_mid))
    n_vis++;
  while (n_hidden + n_vis < n_max && x - n_hidden - 1 >= 0
         && is_ink (tr, x - n_hidden - 1, y_mid)
         && !in_mask (tr, x - n_hidden - 1, y_mid))
    n_hidden++;
  /* ink right of the visible part (another line drawn over the vertical's right side) */
  while (n_hidden > 0 && n_hidden + n_vis + n_right < n_max && x + n_vis + n_right < width
         && is_ink (tr, x + n_vis + n_right, y_mid)
         && !in_mask (tr, x + n_vis + n_right, y_mid))
    n_right++;
  if (n_hidden > 0)
    {
      s->step_pos = MAX (s->x_start, x + (n_vis + n_right - n_hidden) / 2.0);
      /* its visible rows' shades say where the visible part is, not the vertical: the drop
       * is not refined from them (refine_drops()) */
      s->refine_from = MAX (s->refine_from, x + 1.0);
    }
}

/* Whether the curve starts with a step from survival 1 whose top is hidden, and where that
 * step is; the level the walk starts at. Rule 1: a curve that starts with a run taller than a
 * line reaching up to survival 1 (a death within a line's width of the start, an event at time
 * 0, a mark) starts at survival 1 itself; the tall run is then a step (or a mark) that the
 * walk places. (Its centre, taken as the level, made a start below 1 and lost the step.)
 * Rule 2: the same when the tall run's top is drawn over (another arm's line or a spine at
 * survival 1). Rule 3: vertical_left_of_start(). A curve found only further right (hidden
 * under another curve at 1 up to its first step) starts at survival 1 too. */
static void
decide_first_step (const Tracer *tr,
                   Start        *s,
                   double        y_one,
                   double        h,
                   double        thin)
{
  gboolean near = s->column <= s->x0 + 12;   /* the curve shows from the start on */
  int left_edge = -1;

  if (near && height (&s->run) > thin)
    s->step = s->run.top <= y_one + 1.0
              || drawn_over_from_one (tr, s->column, s->run.top, y_one, h);
  if (!s->step && near && s->run.top > y_one + h)
    {
      left_edge = vertical_left_of_start (tr, s, y_one, h, thin);
      s->step = s->left = left_edge >= 0;
    }

  s->step_pos = MAX (s->x_start, s->column + 0.5);
  s->refine_from = ceil (s->x_start) + 1.0;
  if (s->step)
    place_first_step (tr, s, h);
  if (s->left)
    {
      /* a vertical seen only left of the start: a line's width from its left edge */
      s->step_pos = MAX (s->x_start, left_edge + h / 2.0);
      s->refine_from = MAX (s->refine_from, s->column + 1.0);
    }
  if (!near || s->step)
    s->level = y_one;
  else
    s->level = MAX (centre (&s->run), y_one);
}

/* Rule 3's first step, once the drops are placed: the walk drops from survival 1 where the
 * curve first shows; the drop goes back to the vertical seen only left of the start
 * (vertical_left_of_start()) when that is earlier. */
static void
place_left_vertical (Tracer      *tr,
                     const Start *s)
{
  GArray *time = tr->time, *surv = tr->surv;
  double t = tr->ax + tr->bx * s->step_pos;

  if (time->len >= 3
      && g_array_index (time, double, 1) == g_array_index (time, double, 2)
      && g_array_index (surv, double, 2) < g_array_index (surv, double, 1)
      && t < g_array_index (time, double, 1))
    g_array_index (time, double, 1) = g_array_index (time, double, 2) = t;
}

/* The walk's state: the curve's level and what the walk has passed. */
typedef struct
{
  Tracer      *tr;
  const Start *start;
  GArray      *runs;         /* the runs of the column at hand */
  GArray      *runs2;        /* those of the columns looked back on (backtrack()) */
  int          width;
  double       y_one;        /* rows of survival 1 and 0 */
  double       y_zero;
  double       h;            /* the line's width (line_width()) */
  double       tol;          /* a run within this many rows of the level is at the level */
  double       thin;         /* a run up to this tall is the line; a taller one a step or mark */
  double       mark_tol;     /* a thin run this close to the level after a tall one: the line
                              * went on, the tall run was a mark; further down it is a step,
                              * however small */
  double       L;            /* the curve's level */
  int          last_seen;    /* the last column where the curve showed */
  int          x_floor;      /* the first column after the last drop (a hidden step's region
                              * is not looked for before it) */
  gboolean     forced;       /* the next column must take forced_run as a step's region */
  Run          forced_run;
  guint        n_drops;
  guint        n_marks;
  guint        n_gaps;
} Walk;

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

/* A step found where it comes out from under another line, as the tall run `run` in column x:
 * if its region began left of x (tall_region_start(), not before x_floor), the points from
 * there on are taken back and the level is the one before them; returns that first column
 * (x when the region starts at x, and nothing changes) and its run in forced_run. */
static int
backtrack (Walk      *walk,
           int        x,
           const Run *run)
{
  Tracer *tr = walk->tr;
  int x_left = tall_region_start (tr, x, *run, walk->x_floor, walk->thin, walk->runs2,
                                  &walk->forced_run);
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
  walk->L = (s - tr->ay) / tr->by;
  return x_left;
}

/* A drop at raster x pos from level `from` to level `to`. */
static void
add_drop (Walk   *walk,
          double  pos,
          double  from,
          double  to)
{
  walk->n_drops++;
  add_point (walk->tr, pos, from);
  add_point (walk->tr, pos, to);
}

/* A thin run through the level in column x: the line goes on, never above its level. */
static int
follow_line (Walk      *walk,
             int        x,
             const Run *r)
{
  walk->L = MAX (walk->L, centre (r));
  add_point (walk->tr, x + 0.5, walk->L);
  walk->last_seen = x;
  return x + 1;
}

/* Columns x .. x_end - 1 are a censor mark's: the line goes on at its level under it. */
static int
pass_mark (Walk *walk,
           int   x,
           int   x_end)
{
  walk->n_marks++;
  for (int k = x; k < x_end; k++)
    add_point (walk->tr, k + 0.5, walk->L);
  walk->last_seen = x_end - 1;
  return x_end;
}

/* A step's region found from its hidden end in column x began at x_left: the walk goes back
 * there and takes it from its first column (forced_run, backtrack()). */
static int
retrace_from (Walk *walk,
              int   x,
              int   x_left)
{
  walk->forced = TRUE;
  walk->x_floor = x + 1;   /* not again from here: the trace always moves on */
  return x_left;
}

/* A step that comes out from under another line in column x as run r, its region begun at
 * x_left (backtrack()): a lone step (a thin run) at the centre of its columns x_left .. x - 1,
 * a staircase (a tall run) walked from its first column. */
static int
hidden_step (Walk      *walk,
             int        x,
             int        x_left,
             const Run *r)
{
  double pos = (x_left + x) / 2.0;

  if (height (r) > walk->thin)
    return retrace_from (walk, x, x_left);
  for (int k = x_left; k < x && k + 0.5 < pos; k++)
    add_point (walk->tr, k + 0.5, walk->L);
  add_drop (walk, pos, walk->L, MAX (walk->L, centre (r)));
  walk->L = MAX (walk->L, centre (r));
  add_point (walk->tr, x + 0.5, walk->L);
  walk->last_seen = x;
  walk->x_floor = x + 1;
  return x + 1;
}

/* The curve found again in column x as run r below its level after it was lost: the drop at
 * raster x pos, to a thin run's centre or to a line's width below a tall run's top (the rest of
 * a staircase, which the walk then takes from there). */
static void
drop_to (Walk      *walk,
         double     pos,
         const Run *r)
{
  double level = height (r) > walk->thin ? r->top + walk->h / 2.0 : centre (r);

  add_drop (walk, pos, walk->L, level);
  walk->L = level;
}

/* Of the runs, the one with the highest top below row y, or NULL. */
static const Run *
highest_run_below (GArray *runs,
                   double  y)
{
  const Run *best = NULL;

  for (guint i = 0; i < runs->len; i++)
    {
      const Run *q = &g_array_index (runs, Run, i);

      if (q->top > y && (best == NULL || q->top < best->top))
        best = q;
    }
  return best;
}

/* Another line drawn over the level: a run that starts just under it (its top within two line
 * widths of the level) is this curve coming out from under it (the rest of a step, or the line
 * itself); NULL if there is none. */
static const Run *
run_under_cover (const Walk *walk)
{
  const Run *r = NULL;

  for (guint i = 0; i < walk->runs->len; i++)
    {
      const Run *q = &g_array_index (walk->runs, Run, i);

      if (q->top >= walk->L - walk->tol && q->top <= walk->L + 2 * walk->h + walk->tol
          && (r == NULL || q->top < r->top))
        r = q;
    }
  return r;
}

/* The first column of a tall region is a first step of the curve (decide_first_step()) while
 * its drops are still from survival 1. */
static gboolean
is_first_step (const Walk *walk,
               int         x,
               double      level)
{
  return walk->start->step && x == walk->start->column && level <= walk->y_one;
}

/* A tall region: a vertical step, a staircase of close steps or a censor mark, followed column
 * by column from its first column x (follow_region()). */
typedef struct
{
  int      x;            /* its first column */
  int      end;          /* the first column after it */
  GArray  *tops;         /* each of its columns' run, from x on */
  GArray  *bottoms;
  Run      last;         /* its last column's run */
  int      top_min;      /* the highest and lowest rows it reaches */
  int      bottom_max;
  gboolean mark;         /* it thinned out at the level: a censor mark */
  gboolean ended;        /* it ended without thinning out */
  double   level;        /* the level after it */
} Region;

/* Follows the tall run r of column x to the right, each column's run connected to the previous
 * one's, until it thins out; that thin run decides: at the level (within mark_tol), the region
 * was a censor mark; lower, the level after the step(s). */
static void
follow_region (Walk      *walk,
               int        x,
               const Run *r,
               Region    *reg)
{
  Run prev = *r;
  int x2;

  reg->x = x;
  reg->top_min = r->top;
  reg->bottom_max = r->bottom;
  reg->mark = FALSE;
  reg->ended = TRUE;
  reg->level = walk->L;
  g_array_append_val (reg->bottoms, prev.bottom);
  g_array_append_val (reg->tops, prev.top);
  for (x2 = x + 1; x2 < walk->width; x2++)
    {
      const Run *next = NULL;

      column_runs (walk->tr, x2, walk->runs);
      for (guint i = 0; i < walk->runs->len; i++)
        {
          const Run *q = &g_array_index (walk->runs, Run, i);

          if (q->top > prev.bottom + 1 || q->bottom < prev.top - 1)
            continue;
          if (height (q) <= walk->thin && fabs (centre (q) - walk->L) <= walk->mark_tol)
            {
              next = q;
              reg->mark = TRUE;
              break;
            }
          if (next == NULL || q->bottom > next->bottom)
            next = q;
        }
      if (next == NULL)
        break;
      if (reg->mark || height (next) <= walk->thin)
        {
          reg->ended = FALSE;
          reg->level = MAX (walk->L, centre (next));
          break;
        }
      prev = *next;
      reg->top_min = MIN (reg->top_min, prev.top);
      reg->bottom_max = MAX (reg->bottom_max, prev.bottom);
      g_array_append_val (reg->bottoms, prev.bottom);
      g_array_append_val (reg->tops, prev.top);
    }
  reg->end = x2;
  reg->last = prev;
}

/* A column of a censor mark reaches as far above the line as below it (a tick centred on the
 * line, within mark_tol); a step's column leaves the line downwards (its top at the line's
 * top), and a column where a mark and a step's vertical overlap reaches further below than
 * above. */
static gboolean
is_mark_tick (const Walk *walk,
              int         top,
              int         bottom)
{
  double L = walk->L;

  return L - top > walk->h / 2.0 + walk->mark_tol
         && fabs ((L - top) - (bottom + 1 - L)) <= walk->mark_tol;
}

/* A censor mark at a death's time, hanging below the step it sits on (issue 17, veteran arm B
 * drawn by matplotlib): the tick is centred on the level after the step, so its upper half is
 * inside the step's vertical and only its lower half shows, a column or so hanging below the
 * new level, right after the column that gave the drop. When the next step follows within a
 * line's width, its vertical covers the rest of the tick and the region does not thin out:
 * the bottom-edge rule read the tick's bottom as a step of its own (87 and 90 days traced as
 * drops at 87.7, 88.9 and 90.1). Column k, whose bottom says the curve dropped to level `to`,
 * is such a tick when the stroke's right edge (against the background, to a fraction of a
 * pixel: _ep_digitize_stroke_edge()) is crossed at the same column two pixels above and
 * below `to` (within 0.1 px): no vertical ends at `to`, the rows under it are the next
 * step's. FALSE when it cannot be told (either edge not read). */
static gboolean
tick_below_step (const Walk *walk,
                 int         k,
                 double      to)
{
  double w = walk->h + 0.2, g[2];
  int x_hi = MIN (walk->width - 1, k + (int) ceil (walk->h) + 3);

  for (int j = 0; j < 2; j++)
    {
      int y = (int) floor (to + (j == 0 ? -2.0 : 2.0) - w / 2.0);

      if (y < walk->tr->y_lo || y > walk->tr->y_hi
          || !_ep_digitize_stroke_edge (walk->tr, y, k, x_hi, +1, &g[j]))
        return FALSE;
    }
  return g[1] - g[0] < 0.1;
}

/* The drops of a region of steps, from the level to reg->level.
 *
 * The line of width h around the path y(t) has its bottom edge at column k at y(k + h/2) + h/2
 * (a column's left edge k): each column's bottom gives the level half a line width to its
 * right, so close steps keep their own times.
 *
 * A lone step (every tall column has the same bottom) is placed at the centre of its tall
 * columns, the vertical segment's x, instead: h, the mode of the horizontal runs' heights, is
 * not how many columns a vertical covers in the mask. Anti-aliasing leaves a line's edge pixels
 * in or out of the mask depending on where the edge falls, so a 4.2-pixel line is 3 rows tall
 * on most flat stretches and 4 columns wide on a vertical, and h / 2 from the first column put
 * lone steps up to a pixel early (docs/reconstruction.md).
 *
 * Marks right before a step (close censorings, drawn into one region with the step's vertical,
 * is_mark_tick()) are no drop: their columns are left out. */
static void
place_region_drops (Walk   *walk,
                    Region *reg)
{
  GArray *bottoms = reg->bottoms;
  double lev = walk->L, w = walk->h;
  gboolean lone = TRUE;
  int first_step = -1, n_step = 0, dropped = -2;

  for (guint i = 0; i < bottoms->len; i++)
    {
      int top = g_array_index (reg->tops, int, i), bottom = g_array_index (bottoms, int, i);

      if (is_mark_tick (walk, top, bottom))
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
  if (lone && n_step > 0 && n_step <= walk->h + 2.0)
    w = n_step;
  else
    lone = FALSE;

  for (guint i = 0; i < bottoms->len; i++)
    {
      int k = reg->x + (int) i;
      double level;

      if (g_array_index (bottoms, int, i) < 0)
        continue;
      level = CLAMP (g_array_index (bottoms, int, i) + 1 - walk->h / 2.0, lev, reg->level);
      /* a lone column hanging below the level right after a drop, inside a staircase: a
       * mark's tick at the drop's time (tick_below_step()), no step */
      if (level > lev + 0.5 && !lone && level < reg->level && dropped == (int) i - 1
          && i + 1 < bottoms->len && !is_first_step (walk, reg->x, lev)
          && g_array_index (bottoms, int, i - 1) != g_array_index (bottoms, int, i)
          && g_array_index (bottoms, int, i + 1) != g_array_index (bottoms, int, i)
          && tick_below_step (walk, k, level))
        continue;
      if (level > lev + 0.5)
        {
          /* the first step of a curve whose vertical is cut by the start of the axis (or
           * hidden under it): at the first column where it shows */
          double pos = is_first_step (walk, reg->x, lev)
                         ? walk->start->step_pos : MIN (k + w / 2.0, (double) reg->end);

          add_drop (walk, pos, lev, level);
          lev = level;
          dropped = (int) i;
        }
    }
  if (lev < reg->level)
    {
      double pos = lone ? reg->end - w / 2.0
                        : MIN (reg->end - 1 + walk->h / 2.0, (double) reg->end);

      if (is_first_step (walk, reg->x, lev))
        pos = walk->start->step_pos;
      add_drop (walk, pos, lev, reg->level);
    }
}

/* A tall run r through the level in column x: a censor mark is passed over, a step (or a
 * staircase) placed; the walk goes on after the region. */
static int
walk_tall_region (Walk      *walk,
                  int        x,
                  const Run *r)
{
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) bottoms = g_array_new (FALSE, FALSE, sizeof (int));
  Region reg = { .tops = tops, .bottoms = bottoms };

  follow_region (walk, x, r, &reg);
  if (reg.mark)
    return pass_mark (walk, x, reg.end);
  if (reg.ended)
    {
      /* The curve ends in the tall region: a last step down, or a mark above and below the
       * line (a censored last patient, drawn a few columns wide at 300 dpi): as far above the
       * level as below it. */
      if (walk->L - reg.top_min >= 0.7 * (reg.bottom_max + 1 - walk->L))
        return pass_mark (walk, x, reg.end);
      reg.level = MAX (walk->L, reg.last.bottom + 1 - walk->h / 2.0);
      /* A step that runs into the x axis (drawn over its end, or clipped) goes to zero. */
      if (fabs (reg.last.bottom + 1 - walk->y_zero) <= walk->h + 2.0)
        reg.level = MAX (walk->L, walk->y_zero);
    }
  place_region_drops (walk, &reg);
  walk->L = reg.level;
  walk->last_seen = reg.end - 1;
  walk->x_floor = MAX (walk->x_floor, reg.end);
  /* Where the tall region ends without thinning out, the curve may go on under another line
   * or end: the columns after it tell. */
  return reg.end;
}

/* No run at the level in column x, and another line drawn over it. Under a translucent band
 * the curve keeps a shade of its colour, so look again with a looser colour match; if it
 * shows below, it dropped while hidden (two curves at 1 at the start): the nearest run below
 * is it, and it dropped at least to that run's top (a tall run, the rest of a staircase, is
 * then walked from there). */
static int
hidden_at_level (Walk *walk,
                 int   x)
{
  Tracer *tr = walk->tr;
  double tol2 = tr->tol2;
  const Run *r;
  int x_left;

  tr->tol2 = 4.0 * tol2;
  column_runs (tr, x, walk->runs);
  tr->tol2 = tol2;
  r = run_at (walk->runs, walk->L, walk->tol);
  if (r != NULL && height (r) <= walk->thin)
    return follow_line (walk, x, r);

  column_runs (tr, x, walk->runs);
  r = highest_run_below (walk->runs, walk->L + walk->mark_tol);
  if (r == NULL)
    {
      walk->n_gaps++;
      return x + 1;
    }
  /* the step began further left, its upper part hidden */
  x_left = backtrack (walk, x, r);
  if (x_left < x)
    return hidden_step (walk, x, x_left, r);
  drop_to (walk, x, r);
  walk->last_seen = x;
  walk->x_floor = MAX (walk->x_floor, x + 1);
  return height (r) > walk->thin ? x : x + 1;
}

/* No run at the level in column x and nothing drawn over it: the curve went on lower. Look
 * ahead (a few percent of the width) for the nearest run below; the curve ends if there is
 * none. */
static int
look_ahead (Walk *walk,
            int   x)
{
  int limit = MIN (walk->width, x + MAX (8, walk->width / 30));

  for (int x2 = x; x2 < limit; x2++)
    {
      const Run *r;

      column_runs (walk->tr, x2, walk->runs);
      if (run_at (walk->runs, walk->L, walk->tol) != NULL)
        return x2;     /* it is back at its level: the walk takes it */
      r = highest_run_below (walk->runs, walk->L);
      if (r != NULL)
        {
          walk->n_gaps += x2 - x;
          drop_to (walk, x, r);
          walk->last_seen = x2;
          return height (r) > walk->thin ? x2 : x2 + 1;
        }
    }
  return walk->width;
}

/* One column x of the walk: sorts its run at the level (the line going on, a step or a mark, a
 * step coming out from under another line, none) and hands it on; returns the column the walk
 * goes on from (walk->width: the curve ends). */
static int
walk_column (Walk *walk,
             int   x)
{
  Tracer *tr = walk->tr;
  gboolean was_forced = walk->forced;
  const Run *r;
  int x_left;

  /* At survival 0 there is nothing more to trace (and the axis line lies there, so a line
   * within its width of the axis is on it): the last point is on the axis, survival exactly
   * 0, and so are the points before it at that level when it lies below the axis (a drop's
   * lower point; else the survival would rise to the last point). */
  if (fabs (walk->L - walk->y_zero) <= walk->h + 1.0)
    {
      for (guint i = tr->surv->len; i > 0 && g_array_index (tr->surv, double, i - 1) < 0.0; i--)
        g_array_index (tr->surv, double, i - 1) = 0.0;
      g_array_index (tr->surv, double, tr->surv->len - 1) = 0.0;
      return walk->width;
    }

  column_runs (tr, x, walk->runs);
  r = run_at (walk->runs, walk->L, walk->tol);
  if (walk->forced)
    {
      /* a step's region found from its hidden end: take it from its first column */
      walk->forced = FALSE;
      r = &walk->forced_run;
    }
  else if (r == NULL && covered_at (tr, x, walk->L, walk->tol))
    {
      r = run_under_cover (walk);
      if (r != NULL && r->top > walk->L + walk->mark_tol
          && (x_left = backtrack (walk, x, r)) < x)
        return hidden_step (walk, x, x_left, r);
    }
  if (r != NULL && height (r) <= walk->thin)
    return follow_line (walk, x, r);

  /* A tall run where the trace followed a thin one (a sliver of the line above another line
   * drawn over it) up to here: the vertical may have begun columns earlier, under the sliver;
   * take it from its first column. */
  if (r != NULL && !was_forced
      && (x_left = backtrack (walk, x, r)) < x)
    return retrace_from (walk, x, x_left);
  if (r != NULL)
    return walk_tall_region (walk, x, r);

  /* No run at the level: hidden under something else, or the curve went on lower. */
  if (covered_at (tr, x, walk->L, walk->tol))
    return hidden_at_level (walk, x);
  return look_ahead (walk, x);
}

/* The walk from the curve's first column to where it ends, adding its points; the gap
 * columns' trailing stretch is dropped: the curve ends where it was last seen. */
static void
walk_curve (Walk *walk)
{
  Tracer *tr = walk->tr;
  double t_end;

  add_point (tr, walk->start->x_start, walk->L);
  walk->last_seen = walk->start->column;
  walk->x_floor = walk->start->column;
  for (int x = walk->start->column; x < walk->width;)
    x = walk_column (walk, x);

  t_end = tr->ax + tr->bx * (walk->last_seen + 1.0 + walk->h / 2.0);
  while (tr->time->len > 1 && g_array_index (tr->time, double, tr->time->len - 1) > t_end + 1e-9)
    {
      g_array_set_size (tr->time, tr->time->len - 1);
      g_array_set_size (tr->surv, tr->surv->len - 1);
    }
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
  Start st = { 0 };
  Walk walk = { .tr = &tr, .start = &st, .runs = runs, .runs2 = runs2,
                .forced_run = { -1, -1 } };
  double span, h, tolerance;

  g_return_val_if_fail (image != NULL && options != NULL, NULL);

  tolerance = options->tolerance > 0.0 ? options->tolerance : 60.0;
  tr.image = image;
  memcpy (tr.color, options->color, 3);
  tr.tol2 = tolerance * tolerance;
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
  /* A time axis running to the left, or survival downwards: the ticks' values swapped. */
  if (tr.bx < 0.0 || tr.by > 0.0)
    {
      g_set_error (error, EP_DIGITIZE_ERROR, EP_DIGITIZE_ERROR_CALIBRATION,
                   _("Time must increase to the right and survival upwards: check the order "
                     "of the ticks' values"));
      return NULL;
    }

  /* Rows of survival 1 and 0, and the rows searched: the axis range and 3% more. */
  walk.y_one = ((tr.percent ? 100.0 : 1.0) - tr.ay) / tr.by;
  walk.y_zero = (0.0 - tr.ay) / tr.by;
  /* Ticks whose values put survival 1 or 0, or the start, a million pixels or more from the
   * image (or nowhere) leave nothing to trace, and their pixels would not fit an int. */
  if (!(fabs (walk.y_one) < 1e6 && fabs (walk.y_zero) < 1e6
        && fabs ((options->x_start - tr.ax) / tr.bx) < 1e6))
    {
      g_set_error (error, EP_DIGITIZE_ERROR, EP_DIGITIZE_ERROR_CALIBRATION,
                   _("The ticks' values put survival 1, survival 0 or the start time far "
                     "outside the image"));
      return NULL;
    }
  span = fabs (walk.y_zero - walk.y_one);
  tr.y_lo = CLAMP ((int) floor (MIN (walk.y_one, walk.y_zero) - 0.03 * span), 0, image->height - 1);
  tr.y_hi = CLAMP ((int) ceil (MAX (walk.y_one, walk.y_zero) + 0.03 * span), 0, image->height - 1);

  if (!find_start (&tr, options->x_start, walk.y_one, span, &st, error))
    return NULL;
  h = line_width (&tr, st.column, height (&st.run));
  walk.width = image->width;
  walk.h = h;
  walk.tol = h / 2.0 + 1.0;
  walk.thin = h + MAX (2.0, 0.6 * h);
  walk.mark_tol = MAX (1.5, 0.25 * h);
  decide_first_step (&tr, &st, walk.y_one, h, walk.thin);
  walk.L = st.level;
  walk_curve (&walk);

  _ep_digitize_edge_drops (&tr, h);
  _ep_digitize_refine_drops (&tr, h, st.refine_from);
  if (st.left)
    place_left_vertical (&tr, &st);
  /* No point before the start, and none before the point before it: the first column's
   * centre lies left of the start when the start is past the middle of its column, and the
   * drops' sub-pixel placement can put one drop left of the one before (seen with the
   * background's colour taken as the curve's). Such points move right to where they may be;
   * one that then repeats the point before it is dropped. Nor is any point above the one
   * before it (the level only moves down; the placement of the drops in a staircase under
   * other lines could leave flat points below a drop it moved right past them): it is
   * lowered to it. And none right of the image (the rebuild of a staircase running into its
   * right edge put a drop 5 pixels past it). */
  {
    double t0 = tr.ax + tr.bx * st.x_start, t_end = tr.ax + tr.bx * image->width;
    gboolean moved_before = FALSE;

    for (guint i = 0; i < time->len;)
      {
        double *t = &g_array_index (time, double, i);
        double *s = &g_array_index (surv, double, i);
        double lo = i == 0 ? t0 : MAX (t0, t[-1]);
        gboolean moved = *t < lo || *t > t_end;

        if (*t > t_end)
          *t = t_end;
        if (*t < lo)
          *t = lo;
        if (i > 0 && *s > s[-1])
          {
            *s = s[-1];
            moved = TRUE;
          }
        if ((moved || moved_before) && i > 0 && *t == t[-1] && *s == s[-1])
          {
            g_array_remove_index (time, i);
            g_array_remove_index (surv, i);
            continue;
          }
        moved_before = moved;
        i++;
      }
  }

  result = g_new0 (EpDigitizeResult, 1);
  result->n = time->len;
  result->time = (double *) g_array_free (g_steal_pointer (&time), FALSE);
  result->surv = (double *) g_array_free (g_steal_pointer (&surv), FALSE);
  result->line_width = h;
  result->n_drops = walk.n_drops;
  result->n_marks = walk.n_marks;
  result->n_gap_columns = walk.n_gaps;
  return result;
}
