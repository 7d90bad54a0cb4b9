/* ep-step-figure.c: the engine under the Kaplan-Meier and cumulative incidence figures
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws step curves on a time axis with their table of numbers at risk. The geometry, from the
 * top: title; plot area (axes at its left and bottom edges, ticks outside); tick labels and the
 * x-axis label; the table, whose numbers are centred on the x of the ticks. The left margin is
 * the wider of the y-axis labels and the table's row labels, so the table's columns and the
 * axis share one x mapping by construction.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "plot/ep-plot-private.h"

#define AT(base, j, stride) (*(const double *) ((const char *) (base) + (j) * (stride)))
#define AT_UINT(base, j, stride) (*(const guint *) ((const char *) (base) + (j) * (stride)))

typedef struct
{
  double plot_x;
  double plot_y;
  double plot_w;
  double plot_h;
  double x_max;
  double y_min;
  double y_max;
  double time_scale;
} Frame;

typedef struct
{
  double x;
  double y;
} Point;

static inline double
frame_x (const Frame *f,
         double       t_axis)
{
  return f->plot_x + t_axis / f->x_max * f->plot_w;
}

/* A series' time t (data units) on the axis (axis units): shifted by its t_offset. */
static inline double
axis_time (const Frame        *f,
           const EpStepSeries *s,
           double              t)
{
  return (t + s->t_offset) * f->time_scale;
}

static inline double
frame_y (const Frame *f,
         double       value)
{
  return f->plot_y + f->plot_h - (value - f->y_min) / (f->y_max - f->y_min) * f->plot_h;
}

/* Steps are drawn each at its own x. Two tolerances, in user units:
 *  - identical: 1/256 of a device unit (cairo's fixed-point grid: closer positions are the same
 *    position to cairo, in every backend), below which two steps are one vertical;
 *  - dense: one device pixel (image surfaces: screen, PNG, TIFF) or a tenth of a point (PDF, PS,
 *    SVG). A stretch of steps within this distance of its first step is drawn step by step when
 *    it has at most DENSE_STEPS steps; a denser one (a cohort of thousands: hundreds of steps in
 *    a pixel column) is drawn as one vertical spanning it, which bounds the path at about
 *    2 x (DENSE_STEPS + 1) vertices per pixel column whatever the number of steps.
 * Before, every stretch within a device pixel was one vertical at its first step's time, which
 * moved a second death 0.74 px early in a journal figure (docs/reconstruction.md). */
#define DENSE_STEPS 8

static double
device_distance (cairo_t *cr,
                 double   device)
{
  double dx = device, dy = 0.0;

  cairo_device_to_user_distance (cr, &dx, &dy);

  return hypot (dx, dy);
}

static double
merge_tolerance (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return device_distance (cr, 0.1);
    default:
      return device_distance (cr, 1.0);
    }
}

static double
identical_tolerance (cairo_t *cr)
{
  return device_distance (cr, 1.0 / 256.0);
}

static inline double
series_value (const EpStepSeries *s,
              const double       *values,
              gsize               j)
{
  double v = AT (values, j, s->stride);

  return isnan (v) ? AT (s->y, j, s->stride) : v;
}

static inline void
push_point (GArray *points,
            double  x,
            double  y)
{
  Point p = { x, y };

  g_array_append_val (points, p);
}

/* Whether step k lies at or beyond x_run (within tol of the run's start no longer) or beyond
 * the axis: monotone in k, since the times ascend. */
static inline gboolean
ends_run (const Frame        *f,
          const EpStepSeries *s,
          gsize               k,
          double              x_run)
{
  double t = axis_time (f, s, AT (s->t, k, s->stride));

  return t > f->x_max || frame_x (f, t) >= x_run;
}

/* Where the runs of a series start: runs[0] is the first step at least tol right of x = 0,
 * runs[i + 1] the first at least tol right of runs[i]; the last entry is the first step past
 * the x limit (or n). The steps before runs[0] are merged into the curve's start. The runs
 * depend on the times only, so the curve and its two confidence limits share them. Each run's
 * end is found by galloping from its start and then bisecting, which keeps the probes near in
 * memory: O(columns x log (steps per column)), not O(n). */
static GArray *
step_runs (const Frame        *f,
           const EpStepSeries *s,
           double              tol)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (gsize));
  double cur_x = frame_x (f, axis_time (f, s, 0.0));
  gsize j = 0, previous = 1;

  for (;;)
    {
      gsize lo = j, hi;

      /* the first k >= j that ends the run of cur_x: gallop from a guess (the previous run's
       * length: the density of steps changes slowly), then bisect */
      if (j < s->n && !ends_run (f, s, j, cur_x + tol))
        {
          gsize guess = MIN (j + MAX (previous, 1), s->n - 1), step = 1;

          if (guess > j && ends_run (f, s, guess, cur_x + tol))
            {
              hi = guess;
              lo = j + 1;
              while (guess > j + step)
                {
                  if (!ends_run (f, s, guess - step, cur_x + tol))
                    {
                      lo = guess - step + 1;
                      break;
                    }
                  hi = guess - step;
                  step *= 2;
                }
            }
          else
            {
              lo = MAX (guess, j) + 1;
              while (guess + step < s->n && !ends_run (f, s, guess + step, cur_x + tol))
                {
                  lo = guess + step + 1;
                  step *= 2;
                }
              hi = MIN (guess + step, s->n);
            }
          while (lo < hi)
            {
              gsize mid = lo + (hi - lo) / 2;

              if (ends_run (f, s, mid, cur_x + tol))
                hi = mid;
              else
                lo = mid + 1;
            }
        }
      previous = lo - j;
      j = lo;
      g_array_append_val (runs, j);
      if (j >= s->n || axis_time (f, s, AT (s->t, j, s->stride)) > f->x_max)
        break;
      cur_x = frame_x (f, axis_time (f, s, AT (s->t, j, s->stride)));
    }

  return runs;
}

/* The runs of step_runs() at the dense tolerance, split where they have few steps: a stretch
 * of at most DENSE_STEPS steps gets a run at every step at least `identical` right of the
 * previous run's start, so each step is drawn at its own x; a denser stretch stays one run. */
static GArray *
split_runs (const Frame        *f,
            const EpStepSeries *s,
            GArray             *coarse,
            double              identical)
{
  const gsize *r = (const gsize *) (const void *) coarse->data;
  GArray *runs = g_array_sized_new (FALSE, FALSE, sizeof (gsize), coarse->len);
  double cur_x = frame_x (f, axis_time (f, s, 0.0));
  gsize a = 0;

  for (guint i = 0; i < coarse->len; i++)
    {
      gsize b = r[i];

      /* the stretch [a, b): merged into the curve's start (i = 0, cur_x the start's x) or into
       * the run at step a (cur_x its x) */
      if (b - a <= DENSE_STEPS)
        for (gsize j = i == 0 ? 0 : a + 1; j < b; j++)
          {
            double x = frame_x (f, axis_time (f, s, AT (s->t, j, s->stride)));

            if (x >= cur_x + identical)
              {
                g_array_append_val (runs, j);
                cur_x = x;
              }
          }
      g_array_append_val (runs, b);
      if (i + 1 < coarse->len)
        {
          a = b;
          cur_x = frame_x (f, axis_time (f, s, AT (s->t, b, s->stride)));
        }
    }
  g_array_unref (coarse);

  return runs;
}

/* The vertices of a series' step path (values: s->y, s->lower or s->upper) over its runs, cut
 * at the x limit. A run becomes one vertical from the level before it to the level after its
 * last step: exact at the merging resolution, since the curve is monotone within it or close
 * enough that nobody sees the difference. */
static void
step_vertices (const Frame        *f,
               const EpStepSeries *s,
               const double       *values,
               const GArray       *runs,
               GArray             *points)
{
  const gsize *r = (const gsize *) (const void *) runs->data;
  double cur_x = frame_x (f, axis_time (f, s, 0.0));
  double last_y = frame_y (f, s->y0);   /* the level of the last vertex pushed */
  double pending = r[0] > 0 ? frame_y (f, series_value (s, values, r[0] - 1)) : last_y;
  double x_end;

  push_point (points, cur_x, last_y);

  for (guint i = 0; i + 1 < runs->len; i++)
    {
      double x = frame_x (f, axis_time (f, s, AT (s->t, r[i], s->stride)));

      if (pending != last_y)
        push_point (points, cur_x, pending);
      push_point (points, x, pending);
      last_y = pending;
      cur_x = x;
      pending = frame_y (f, series_value (s, values, r[i + 1] - 1));
    }

  if (pending != last_y)
    push_point (points, cur_x, pending);
  last_y = pending;

  x_end = frame_x (f, MIN (axis_time (f, s, s->t_end), f->x_max));
  if (x_end > cur_x)
    push_point (points, x_end, last_y);
}

static void
path_points (cairo_t      *cr,
             const GArray *points,
             gboolean      reverse,
             gboolean      move)
{
  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &g_array_index (points, Point, reverse ? points->len - 1 - i : i);

      if (i == 0 && move)
        cairo_move_to (cr, p->x, p->y);
      else
        cairo_line_to (cr, p->x, p->y);
    }
}

static void
draw_band (cairo_t            *cr,
           const Frame        *f,
           const EpStepSeries *s,
           const GArray       *runs)
{
  g_autoptr(GArray) upper = g_array_new (FALSE, FALSE, sizeof (Point));
  g_autoptr(GArray) lower = g_array_new (FALSE, FALSE, sizeof (Point));

  step_vertices (f, s, s->upper, runs, upper);
  step_vertices (f, s, s->lower, runs, lower);
  path_points (cr, upper, FALSE, TRUE);
  path_points (cr, lower, TRUE, FALSE);
  cairo_close_path (cr);
  ep_plot_set_color (cr, s->color, 0.15);
  cairo_fill (cr);
}

static void
draw_ci_lines (cairo_t            *cr,
               const Frame        *f,
               const EpStepSeries *s,
               const GArray       *runs,
               const EpPlotStyle  *style)
{
  const double *limits[2] = { s->lower, s->upper };
  double dashes[2] = { 2.0 * style->line_width, 1.5 * style->line_width };

  cairo_save (cr);
  cairo_set_line_width (cr, 0.5 * style->line_width);
  cairo_set_dash (cr, dashes, 2, 0.0);
  ep_plot_set_color (cr, s->color, 1.0);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Point));

      step_vertices (f, s, limits[k], runs, points);
      path_points (cr, points, FALSE, TRUE);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_curve (cairo_t            *cr,
            const Frame        *f,
            const EpStepSeries *s,
            guint               index,
            const GArray       *runs,
            const EpPlotStyle  *style,
            EpPlotLayout       *layout)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Point));
  const Point *first, *last;

  step_vertices (f, s, s->y, runs, points);

  cairo_save (cr);
  ep_plot_set_color (cr, s->color, 1.0);
  cairo_set_line_width (cr, style->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  if (s->dash > 0.0)
    {
      double dashes[2] = { s->dash, 0.6 * s->dash };

      cairo_set_dash (cr, dashes, 2, 0.0);
    }
  path_points (cr, points, FALSE, TRUE);
  cairo_stroke (cr);
  cairo_restore (cr);

  first = &g_array_index (points, Point, 0);
  last = &g_array_index (points, Point, points->len - 1);
  if (layout != NULL)
    ep_plot_layout_add (layout, EP_PLOT_ITEM_CURVE, (int) index, (int) points->len, s->dash,
                        last->x, last->y, last->x - first->x, last->y - first->y, s->label);
  /* the path itself, so that a test can check each step's height against the estimate */
  for (guint i = 0; layout != NULL && i < points->len; i++)
    ep_plot_layout_add (layout, EP_PLOT_ITEM_CURVE_VERTEX, (int) index, (int) i, 0.0,
                        g_array_index (points, Point, i).x, g_array_index (points, Point, i).y,
                        0.0, 0.0, NULL);
}

/* Vertical ticks on the curve at the censoring times. Marks within tol of the last one drawn,
 * in x and in y, are drawn once (they would cover the same pixels). Over a run of steps (one
 * merged column, see step_runs()) where the curve moves less than tol, one mark at its first
 * censoring stands for all; only steep runs are walked step by step. Marks denser on average
 * than one per MARK_SPACING points are left out: they would only thicken the line (a cohort of
 * thousands). */
#define MARK_SPACING 1.5

static void
draw_censor_marks (cairo_t            *cr,
                   const Frame        *f,
                   const EpStepSeries *s,
                   guint               index,
                   const GArray       *runs,
                   double              tol,
                   const EpPlotStyle  *style,
                   EpPlotLayout       *layout)
{
  const gsize *r = (const gsize *) (const void *) runs->data;
  double half = 0.3 * style->font_size;
  double last_x = -G_MAXDOUBLE, last_y = -G_MAXDOUBLE;
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (Point));
  guint max_marks = (guint) (f->plot_w / MARK_SPACING) + 1;

  /* the steps before r[0], then [r[i - 1], r[i]); the last r is the first step past the axis */
  for (guint i = 0; i < runs->len && marks->len <= max_marks; i++)
    {
      gsize a = i == 0 ? 0 : r[i - 1];
      gsize b = r[i];
      gboolean flat;

      if (a >= b)
        continue;
      flat = fabs (frame_y (f, AT (s->y, b - 1, s->stride)) - frame_y (f, AT (s->y, a, s->stride)))
             < tol;

      for (gsize j = a; j < b; j++)
        {
          double x, y;

          if (AT_UINT (s->n_censor, j, s->stride) == 0)
            continue;
          x = frame_x (f, axis_time (f, s, AT (s->t, j, s->stride)));
          y = frame_y (f, AT (s->y, j, s->stride));
          if (!(x - last_x < tol && fabs (y - last_y) < tol))
            {
              push_point (marks, x, y);
              last_x = x;
              last_y = y;
            }
          if (flat)
            break;
        }
    }

  if (marks->len == 0 || marks->len > max_marks)
    return;

  cairo_save (cr);
  ep_plot_set_color (cr, s->color, 1.0);
  cairo_set_line_width (cr, 0.7 * style->line_width);
  for (guint i = 0; i < marks->len; i++)
    {
      const Point *p = &g_array_index (marks, Point, i);

      cairo_move_to (cr, p->x, p->y - half);
      cairo_line_to (cr, p->x, p->y + half);
      if (layout != NULL)
        ep_plot_layout_add (layout, EP_PLOT_ITEM_CENSOR_MARK, (int) index, (int) i, 0.0,
                            p->x, p->y, 0.0, 2.0 * half, NULL);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_median_lines (cairo_t            *cr,
                   const Frame        *f,
                   const EpStepFigure *figure,
                   const EpPlotStyle  *style)
{
  double dashes[2] = { 2.0, 2.0 };
  double y_half = frame_y (f, 0.5);
  double x_far = -G_MAXDOUBLE;

  if (!(0.5 > f->y_min && 0.5 < f->y_max))
    return;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (cr, 0.5 * style->line_width);
  cairo_set_dash (cr, dashes, 2, 0.0);
  for (guint i = 0; i < figure->n_series; i++)
    {
      double t = (figure->series[i].median + figure->series[i].t_offset) * figure->time_scale;
      double x;

      if (!isfinite (t) || t > f->x_max)
        continue;
      x = frame_x (f, t);
      cairo_move_to (cr, x, y_half);
      cairo_line_to (cr, x, f->plot_y + f->plot_h);
      x_far = MAX (x_far, x);
    }
  if (x_far > f->plot_x)
    {
      cairo_move_to (cr, f->plot_x, y_half);
      cairo_line_to (cr, x_far, y_half);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static char *
y_tick_text (const EpStepFigure *figure,
             const EpPlotStyle  *style,
             double              value)
{
  if (figure->y_percent)
    return EP_PLOT_NUMBER (style, 100.0 * value, ep_plot_step_decimals (100.0 * figure->y_step));

  return EP_PLOT_NUMBER (style, value, ep_plot_step_decimals (figure->y_step));
}

static char *
count_text (double value)
{
  return isnan (value) ? g_strdup ("") : ep_plot_format_number (value, 0);
}

static guint
n_y_ticks (const EpStepFigure *figure)
{
  return (guint) floor ((figure->y_max - figure->y_min) / figure->y_step + 1e-9) + 1;
}

/* The legend's entries: a short line in the series' colour and its label. A label wider than
 * max_label_w (points; 0: no limit) wraps onto more lines (a published arm's label with its
 * source, "Drug X (Smith et al., N Engl J Med 2020, Figure 2)"), as evenly as its words allow,
 * so it stays inside the figure; the entries under it move down, and the box grows to hold
 * them. */
static PangoLayout *
legend_text (cairo_t           *cr,
             const EpPlotStyle *style,
             const char        *label,
             double             max_label_w)
{
  PangoLayout *text = ep_plot_text_new (cr, style, style->font_size, EP_TEXT_REGULAR, label);

  ep_plot_text_wrap_balanced (text, max_label_w);
  return text;
}

/* The legend's width and, with `cols` entries a row, its height; entry_h[i] is the height of
 * entry i (a line, or as many as its label wraps to). */
static void
legend_size (cairo_t            *cr,
             const EpStepFigure *figure,
             const EpPlotStyle  *style,
             double              line_h,
             double              max_label_w,
             double             *entry_h,
             double             *width,
             double             *height)
{
  double fs = style->font_size;
  double label_w = 0.0;

  *height = 0.0;
  for (guint i = 0; i < figure->n_series; i++)
    {
      g_autoptr(PangoLayout) text = legend_text (cr, style, figure->series[i].label, max_label_w);
      double w, h;

      ep_plot_text_size (text, &w, &h);
      label_w = MAX (label_w, w);
      entry_h[i] = MAX (line_h, h);
      *height += entry_h[i];
    }
  *width = 2.0 * fs + 0.5 * fs + label_w;
}

/* The height of the legend with `cols` entries a row: each row as high as its highest entry. */
static double
legend_rows_height (const double *entry_h,
                    guint         n,
                    guint         cols)
{
  double height = 0.0;

  for (guint i = 0; i < n; i += cols)
    {
      double row_h = 0.0;

      for (guint k = i; k < MIN (n, i + cols); k++)
        row_h = MAX (row_h, entry_h[k]);
      height += row_h;
    }
  return height;
}

static void
draw_legend (cairo_t            *cr,
             const EpStepFigure *figure,
             const EpPlotStyle  *style,
             double              x0,
             double              y,
             double              line_h,
             double              max_label_w,
             const double       *entry_h,
             guint               cols,
             double              col_w,
             EpPlotLayout       *layout)
{
  double fs = style->font_size;
  double row_y = y, row_h = 0.0;

  for (guint i = 0; i < figure->n_series; i++)
    {
      const EpStepSeries *s = &figure->series[i];
      g_autoptr(PangoLayout) text = legend_text (cr, style, s->label, max_label_w);
      double x = x0 + (i % cols) * col_w;
      double cy, w;

      /* a new row under the highest entry of the last one */
      if (i % cols == 0)
        {
          row_y += row_h;
          row_h = 0.0;
          for (guint k = i; k < MIN (figure->n_series, i + cols); k++)
            row_h = MAX (row_h, entry_h[k]);
        }
      /* the line beside the label's first line */
      cy = row_y + 0.5 * line_h;

      cairo_save (cr);
      ep_plot_set_color (cr, s->color, 1.0);
      cairo_set_line_width (cr, style->line_width);
      if (s->dash > 0.0)
        {
          double dashes[2] = { s->dash, 0.6 * s->dash };

          cairo_set_dash (cr, dashes, 2, 0.0);
        }
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + 2.0 * fs, cy);
      cairo_stroke (cr);
      cairo_restore (cr);

      cairo_set_source_rgb (cr, 0, 0, 0);
      ep_plot_text_size (text, &w, NULL);
      cairo_move_to (cr, x + 2.5 * fs, row_y);
      pango_cairo_show_layout (cr, text);
      cairo_new_path (cr);
      w += 2.5 * fs;
      if (layout != NULL)
        ep_plot_layout_add (layout, EP_PLOT_ITEM_LEGEND, (int) i,
                            pango_layout_get_line_count (text), 0.0,
                            x, row_y, w, entry_h[i], s->label);
    }
}

/* A dashed vertical line at figure->marker_x (axis units) across the plot area, its label
 * written up along it from the bottom: left of the line, where a landmark analysis has no
 * curve, or right of it when the axis leaves no room there. */
static void
draw_marker (cairo_t            *cr,
             const Frame        *f,
             const EpStepFigure *figure,
             const EpPlotStyle  *style,
             EpPlotLayout       *layout)
{
  double dashes[2] = { 3.0, 2.0 };
  double size = 0.9 * style->font_size;
  double x = frame_x (f, figure->marker_x);
  g_autoptr(PangoLayout) text = ep_plot_text_new (cr, style, size, EP_TEXT_REGULAR,
                                                  figure->marker_label);
  double w, h, gap = 0.25 * style->font_size, cx, cy;

  ep_plot_text_size (text, &w, &h);
  cx = x - f->plot_x >= h + 2.0 * gap ? x - gap - h / 2.0 : x + gap + h / 2.0;
  cy = f->plot_y + f->plot_h - gap - w / 2.0;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, 0.7 * style->line_width);
  cairo_set_dash (cr, dashes, 2, 0.0);
  cairo_move_to (cr, x, f->plot_y);
  cairo_line_to (cr, x, f->plot_y + f->plot_h);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);
  ep_plot_text_draw_vertical (cr, style, size, figure->marker_label, cx, cy);
  cairo_restore (cr);
  if (layout != NULL)
    ep_plot_layout_add (layout, EP_PLOT_ITEM_MARKER, -1, -1, figure->marker_x, x, cy - w / 2.0,
                        h, w, figure->marker_label);
}

typedef struct
{
  double x;
  double y;
  double w;
  double h;
} Box;

/* The index of the last step at or before t (data units), or -1 before the first. */
static gssize
series_index_at (const EpStepSeries *s,
                 double              t)
{
  gsize lo = 0, hi = s->n;

  /* the number of steps with time <= t */
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (AT (s->t, mid, s->stride) <= t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return (gssize) lo - 1;
}

/* The lowest and highest y (figure coordinates) of a series and, when shown, its CI at step
 * index j (-1: the start). */
static void
series_extent_at (const Frame        *f,
                  const EpStepSeries *s,
                  gboolean            ci,
                  gssize              j,
                  double             *y_min,
                  double             *y_max)
{
  double v = j < 0 ? s->y0 : AT (s->y, j, s->stride);
  double y = frame_y (f, v);

  *y_min = MIN (*y_min, y);
  *y_max = MAX (*y_max, y);
  if (ci && j >= 0 && s->lower != NULL && s->upper != NULL)
    {
      double lo = frame_y (f, series_value (s, s->lower, (gsize) j));
      double hi = frame_y (f, series_value (s, s->upper, (gsize) j));

      *y_min = MIN (*y_min, MIN (lo, hi));
      *y_max = MAX (*y_max, MAX (lo, hi));
    }
}

/* Whether a box in the plot area meets a curve or its confidence interval. The curves are
 * monotone (their CIs nearly so), so over the box's x range a curve spans the values at its two
 * ends. */
static gboolean
box_hits_curves (const EpStepFigure *figure,
                 const Frame        *f,
                 const Box          *box,
                 double              clearance)
{
  double ta = (box->x - f->plot_x) / f->plot_w * f->x_max;
  double tb = (box->x + box->w - f->plot_x) / f->plot_w * f->x_max;
  gboolean ci = figure->ci != EP_PLOT_CI_NONE;

  for (guint i = 0; i < figure->n_series; i++)
    {
      const EpStepSeries *s = &figure->series[i];
      double t_end = axis_time (f, s, s->t_end);
      double y_min = G_MAXDOUBLE, y_max = -G_MAXDOUBLE;

      if (s->n == 0 || ta > t_end)
        continue;
      series_extent_at (f, s, ci, series_index_at (s, ta / f->time_scale - s->t_offset),
                        &y_min, &y_max);
      series_extent_at (f, s, ci,
                        series_index_at (s, MIN (tb, t_end) / f->time_scale - s->t_offset),
                        &y_min, &y_max);
      /* with a clearance of half a line */
      if (y_max + clearance >= box->y && y_min - clearance <= box->y + box->h)
        return TRUE;

      /* the median lines: across at 0.5 to the median, then down to the axis */
      if (figure->median_lines && isfinite (s->median) && axis_time (f, s, s->median) <= f->x_max)
        {
          double x = frame_x (f, axis_time (f, s, s->median)), y = frame_y (f, 0.5);

          if (box->y <= y + clearance && box->y + box->h >= y - clearance && box->x <= x)
            return TRUE;
          if (box->x <= x + clearance && box->x + box->w >= x - clearance &&
              box->y + box->h >= y)
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
boxes_meet (const Box *a,
            const Box *b)
{
  return a->w > 0.0 && b->w > 0.0 &&
         a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static Box
corner_box (const Frame *f,
            EpCorner     corner,
            double       w,
            double       h,
            double       inset)
{
  gboolean left = corner == EP_CORNER_TOP_LEFT || corner == EP_CORNER_BOTTOM_LEFT;
  gboolean top = corner == EP_CORNER_TOP_LEFT || corner == EP_CORNER_TOP_RIGHT;
  Box box = { 0, 0, w, h };

  box.x = left ? f->plot_x + 1.5 * inset : f->plot_x + f->plot_w - inset - w;
  box.y = top ? f->plot_y + inset : f->plot_y + f->plot_h - 1.5 * inset - h;

  return box;
}

/* The legend goes to the first corner, from the figure's preferred one, where it meets no curve;
 * the annotation to the first place, from its preferred corner or stacked under (over) the
 * legend, where it meets neither. When no place is free, the preferred ones are used. */
#define PLACED_LEGEND 1u
#define PLACED_NOTE   2u

static guint
place_boxes (const EpStepFigure *figure,
             const Frame        *f,
             double              legend_w,
             double              legend_h,
             double              note_w,
             double              note_h,
             double              inset,
             double              line_h,
             Box                *legend,
             Box                *note)
{
  EpCorner order[4];
  gboolean found = FALSE, legend_found;

  order[0] = figure->legend_corner;
  for (guint c = 0, k = 1; c < 4; c++)
    if ((EpCorner) c != figure->legend_corner)
      order[k++] = (EpCorner) c;

  *legend = corner_box (f, figure->legend_corner, legend_w, legend_h, inset);
  if (legend_w > 0.0)
    for (guint k = 0; k < 4 && !found; k++)
      {
        Box box = corner_box (f, order[k], legend_w, legend_h, inset);

        if (!box_hits_curves (figure, f, &box, line_h / 2.0))
          *legend = box, found = TRUE;
      }
  else
    {
      legend->w = 0.0;
      found = TRUE;
    }
  legend_found = found;

  if (note_w <= 0.0)
    return (legend_found ? PLACED_LEGEND : 0u) | PLACED_NOTE;

  order[0] = figure->annotation_corner;
  for (guint c = 0, k = 1; c < 4; c++)
    if ((EpCorner) c != figure->annotation_corner)
      order[k++] = (EpCorner) c;

  *note = corner_box (f, figure->annotation_corner, note_w, note_h, inset);
  found = FALSE;
  for (guint k = 0; k < 4 && !found; k++)
    {
      Box box = corner_box (f, order[k], note_w, note_h, inset);

      if (boxes_meet (&box, legend))
        {
          /* Stack with the legend when in its corner. */
          gboolean top = order[k] == EP_CORNER_TOP_LEFT || order[k] == EP_CORNER_TOP_RIGHT;

          box.y = top ? legend->y + legend->h + 0.5 * line_h
                      : legend->y - 0.5 * line_h - note_h;
          if (boxes_meet (&box, legend))
            continue;
        }
      if (!box_hits_curves (figure, f, &box, line_h / 2.0))
        *note = box, found = TRUE;
    }

  return (legend_found ? PLACED_LEGEND : 0u) | (found ? PLACED_NOTE : 0u);
}

void
ep_step_figure_draw (cairo_t            *cr,
                     double              width,
                     double              height,
                     const EpStepFigure *figure,
                     const EpPlotStyle  *style,
                     EpPlotLayout       *layout)
{
  double fs = style->font_size;
  double label_size = fs + 0.5;
  double pad = 0.5 * fs;
  double tick_len = 0.45 * fs;
  double line_h, label_h, title_h = 0.0;
  double y_tick_w = 0.0, risk_label_w = 0.0, first_number_w = 0.0, last_number_w = 0.0;
  double legend_w = 0.0, legend_h = 0.0, legend_label_w = 0.0;
  g_autofree double *entry_h = g_new0 (double, MAX (figure->n_series, 1));
  double left, right, bottom, row_h, indent = 0.0;
  double tol, identical;
  gboolean has_title = style->title != NULL && style->title[0] != '\0';
  gboolean has_table = figure->risk_title != NULL && figure->n_rows > 0 && figure->n_ticks > 0;
  guint n_y = n_y_ticks (figure);
  Frame f = { 0, };
  g_auto(GStrv) lines = figure->annotation != NULL ? g_strsplit (figure->annotation, "\n", -1)
                                                   : NULL;
  guint n_lines = lines != NULL ? g_strv_length (lines) : 0;
  double note_w = 0.0, note_h = n_lines * 0.0;
  Box legend_box = { 0, }, note_box = { 0, };
  gboolean legend_inside = figure->legend == EP_PLOT_LEGEND_INSIDE && figure->n_series > 0;
  guint legend_cols = 1;
  g_autoptr(GPtrArray) runs = NULL;

  cairo_save (cr);
  ep_plot_begin_page (cr, width, height, style, layout);

  /* Measure. */
  {
    g_autoptr(PangoLayout) probe = ep_plot_text_new (cr, style, fs, EP_TEXT_REGULAR, "0");
    g_autoptr(PangoLayout) probe_label = ep_plot_text_new (cr, style, label_size,
                                                           EP_TEXT_REGULAR, "0");

    ep_plot_text_size (probe, NULL, &line_h);
    ep_plot_text_size (probe_label, NULL, &label_h);
    note_h = n_lines * line_h;
    if (has_title)
      {
        g_autoptr(PangoLayout) t = ep_plot_text_new (cr, style, style->title_size, EP_TEXT_BOLD,
                                                     style->title);

        ep_plot_text_size (t, NULL, &title_h);
      }
  }

  for (guint k = 0; k < n_y; k++)
    {
      g_autofree char *text = y_tick_text (figure, style, figure->y_min + k * figure->y_step);

      y_tick_w = MAX (y_tick_w, ep_plot_text_width (cr, style, fs, EP_TEXT_REGULAR, text));
    }

  if (has_table)
    {
      gboolean after_heading = FALSE;

      for (guint r = 0; r < figure->n_rows; r++)
        {
          const EpRiskRow *row = &figure->rows[r];
          double w = ep_plot_text_width (cr, style, fs, EP_TEXT_BOLD, row->label);

          if (row->values == NULL)
            after_heading = TRUE, indent = fs;
          else
            {
              g_autofree char *first = count_text (row->values[0]);
              g_autofree char *last = count_text (row->values[figure->n_ticks - 1]);

              first_number_w = MAX (first_number_w,
                                    ep_plot_text_width (cr, style, fs, EP_TEXT_REGULAR, first));
              last_number_w = MAX (last_number_w,
                                   ep_plot_text_width (cr, style, fs, EP_TEXT_REGULAR, last));
              if (after_heading)
                w += fs;
            }
          risk_label_w = MAX (risk_label_w, w);
        }
      risk_label_w = MAX (risk_label_w, ep_plot_text_width (cr, style, fs, EP_TEXT_BOLD,
                                                            figure->risk_title)
                                        - first_number_w / 2.0 - fs);
    }

  /* Place the plot area. */
  left = pad + label_h + 0.4 * fs + y_tick_w + 0.3 * fs + tick_len;
  if (has_table)
    left = MAX (left, pad + risk_label_w + fs + first_number_w / 2.0);

  right = pad;
  if (figure->n_ticks > 0)
    {
      g_autofree char *text = EP_PLOT_NUMBER (style, figure->ticks[figure->n_ticks - 1],
                                              figure->x_decimals);

      right += MAX (ep_plot_text_width (cr, style, fs, EP_TEXT_REGULAR, text),
                    last_number_w) / 2.0;
    }
  /* The legend's labels wrap where they would leave the space they have: inside, the plot
   * area's width less the line sample and the insets (at 85 mm about 45 characters); outside,
   * half of it (the rest is the plot). Never narrower than 8 em, so that a group's name keeps
   * its line. */
  if (figure->legend != EP_PLOT_LEGEND_NONE && figure->n_series > 0)
    {
      double avail = width - left - right;

      legend_label_w = figure->legend == EP_PLOT_LEGEND_OUTSIDE ? 0.5 * avail - 3.5 * fs
                                                                : avail - 4.0 * fs;
      legend_label_w = MAX (legend_label_w, 8.0 * fs);
      legend_size (cr, figure, style, line_h, legend_label_w, entry_h, &legend_w, &legend_h);
    }
  if (figure->legend == EP_PLOT_LEGEND_OUTSIDE && legend_w > 0.0)
    right += legend_w + fs;

  row_h = 1.1 * line_h;
  bottom = tick_len + 0.2 * fs + line_h + 0.2 * fs + label_h + pad;
  if (has_table)
    bottom += 0.8 * fs + row_h + figure->n_rows * row_h;

  f.plot_x = left;
  f.plot_y = pad + (has_title ? title_h + 0.4 * fs : 0.0) + line_h / 2.0;
  f.plot_w = MAX (width - left - right, 1.0);
  f.plot_h = MAX (height - f.plot_y - bottom, 1.0);
  f.x_max = figure->x_max > 0.0 ? figure->x_max : 1.0;
  f.y_min = figure->y_min;
  f.y_max = figure->y_max > figure->y_min ? figure->y_max : figure->y_min + 1.0;
  f.time_scale = figure->time_scale;

  if (layout != NULL)
    {
      layout->plot_x = f.plot_x;
      layout->plot_y = f.plot_y;
      layout->plot_width = f.plot_w;
      layout->plot_height = f.plot_h;
      layout->x_min = 0.0;
      layout->x_max = f.x_max;
      layout->y_min = f.y_min;
    }

  tol = merge_tolerance (cr);
  identical = identical_tolerance (cr);

  /* The legend and the annotation go in the corners the curves leave free; an incidence axis
   * whose top was chosen from the data grows by a step at a time until they fit. */
  for (guint i = 0; i < n_lines; i++)
    note_w = MAX (note_w, ep_plot_text_width (cr, style, fs, EP_TEXT_REGULAR, lines[i]));
  {
    double legend_in_w = legend_inside ? legend_w : 0.0;
    double note_in_w = n_lines > 0 ? note_w : 0.0;
    gboolean legend_above = FALSE, note_above = FALSE;
    double plot_y0 = f.plot_y, plot_h0 = f.plot_h, shift = 0.0, legend_rows_h = 0.0;

    /* At most three rounds: everything inside; then what did not fit goes above the plot
     * area (which moves down), and the rest is placed again. */
    for (guint round = 0; round < 3; round++)
      {
        guint placed;

        f.y_max = figure->y_max > figure->y_min ? figure->y_max : figure->y_min + 1.0;
        for (;;)
          {
            placed = place_boxes (figure, &f, legend_in_w, legend_h, note_in_w, note_h,
                                  0.5 * fs, line_h, &legend_box, &note_box);
            if (placed == (PLACED_LEGEND | PLACED_NOTE) || !figure->y_max_flexible ||
                f.y_max + figure->y_step > 1.0 + 1e-9)
              break;
            f.y_max += figure->y_step;
          }
        if (placed == (PLACED_LEGEND | PLACED_NOTE))
          break;

        if (legend_in_w > 0.0 && !(placed & PLACED_LEGEND))
          {
            legend_above = TRUE;
            legend_in_w = 0.0;
          }
        else if (note_in_w > 0.0 && !(placed & PLACED_NOTE))
          {
            note_above = TRUE;
            note_in_w = 0.0;
          }

        shift = 0.0;
        if (legend_above)
          {
            legend_cols = MAX (1, (guint) floor ((plot_h0 > 0 ? f.plot_w + fs : fs) / (legend_w + fs)));
            legend_cols = MIN (legend_cols, figure->n_series);
            legend_rows_h = legend_rows_height (entry_h, figure->n_series, legend_cols);
            shift += legend_rows_h;
          }
        if (note_above &&
            !(legend_above && legend_cols * (legend_w + fs) + note_w <= f.plot_w &&
              note_h <= legend_rows_h))
          shift += note_h;
        shift += 0.3 * fs;
        f.plot_y = plot_y0 + shift;
        f.plot_h = MAX (plot_h0 - shift, 1.0);
      }

    if (legend_above)
      legend_box = (Box) { f.plot_x, plot_y0 - line_h / 2.0,
                           legend_cols * (legend_w + fs), legend_rows_h };
    if (note_above)
      {
        note_box = (Box) { f.plot_x + f.plot_w - note_w, plot_y0 - line_h / 2.0, note_w, note_h };
        if (legend_above && legend_box.x + legend_box.w > note_box.x)
          note_box.y += legend_rows_h;
      }
    if (layout != NULL)
      {
        layout->plot_y = f.plot_y;
        layout->plot_height = f.plot_h;
      }
  }

  n_y = (guint) floor ((f.y_max - f.y_min) / figure->y_step + 1e-9) + 1;
  if (layout != NULL)
    layout->y_max = f.y_max;

  /* Title, flush left with the figure. */
  if (has_title)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      ep_plot_text_draw (cr, style, style->title_size, EP_TEXT_BOLD, style->title,
                         pad, pad, 0.0, 0.0);
      if (layout != NULL)
        ep_plot_layout_add (layout, EP_PLOT_ITEM_TITLE, -1, -1, 0.0, pad, pad, 0, title_h,
                            style->title);
    }

  /* Curves, clipped to the plot area widened up and down by half a line (a curve at 1 or 0 is
   * drawn whole) but not to the right: a cut curve ends on the edge. */
  cairo_save (cr);
  cairo_rectangle (cr, f.plot_x - style->line_width, f.plot_y - style->line_width,
                   f.plot_w + style->line_width, f.plot_h + 2.0 * style->line_width);
  cairo_clip (cr);
  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < figure->n_series; i++)
    g_ptr_array_add (runs, split_runs (&f, &figure->series[i],
                                       step_runs (&f, &figure->series[i], tol), identical));
  if (figure->ci == EP_PLOT_CI_BANDS)
    for (guint i = 0; i < figure->n_series; i++)
      if (figure->series[i].lower != NULL && figure->series[i].upper != NULL)
        draw_band (cr, &f, &figure->series[i], g_ptr_array_index (runs, i));
  if (figure->median_lines)
    draw_median_lines (cr, &f, figure, style);
  for (guint i = 0; i < figure->n_series; i++)
    {
      const EpStepSeries *s = &figure->series[i];

      if (figure->ci == EP_PLOT_CI_LINES && s->lower != NULL && s->upper != NULL)
        draw_ci_lines (cr, &f, s, g_ptr_array_index (runs, i), style);
      draw_curve (cr, &f, s, i, g_ptr_array_index (runs, i), style, layout);
      if (figure->censor_marks && s->n_censor != NULL)
        draw_censor_marks (cr, &f, s, i, g_ptr_array_index (runs, i), tol, style, layout);
    }
  cairo_restore (cr);

  if (figure->marker_label != NULL && figure->marker_x >= 0.0 && figure->marker_x <= f.x_max)
    draw_marker (cr, &f, figure, style, layout);

  /* Axes: the left and bottom edges, ticks outside. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, style->axis_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  cairo_move_to (cr, f.plot_x, f.plot_y);
  cairo_line_to (cr, f.plot_x, f.plot_y + f.plot_h);
  cairo_line_to (cr, f.plot_x + f.plot_w, f.plot_y + f.plot_h);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  for (guint k = 0; k < figure->n_ticks; k++)
    {
      double x = frame_x (&f, figure->ticks[k]);
      double y = f.plot_y + f.plot_h;
      g_autofree char *text = EP_PLOT_NUMBER (style, figure->ticks[k], figure->x_decimals);

      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, y + tick_len);
      cairo_stroke (cr);
      ep_plot_text_draw (cr, style, fs, EP_TEXT_REGULAR, text, x, y + tick_len + 0.2 * fs,
                         0.5, 0.0);
      if (layout != NULL)
        ep_plot_layout_add (layout, EP_PLOT_ITEM_X_TICK, -1, (int) k, figure->ticks[k],
                            x, y, 0.0, tick_len, text);
    }

  for (guint k = 0; k < n_y; k++)
    {
      double value = figure->y_min + k * figure->y_step;
      double y = frame_y (&f, value);
      g_autofree char *text = y_tick_text (figure, style, value);

      cairo_move_to (cr, f.plot_x, y);
      cairo_line_to (cr, f.plot_x - tick_len, y);
      cairo_stroke (cr);
      ep_plot_text_draw (cr, style, fs, EP_TEXT_REGULAR, text,
                         f.plot_x - tick_len - 0.3 * fs, y, 1.0, 0.5);
      if (layout != NULL)
        ep_plot_layout_add (layout, EP_PLOT_ITEM_Y_TICK, -1, (int) k, value,
                            f.plot_x, y, tick_len, 0.0, text);
    }

  if (figure->x_label != NULL)
    ep_plot_text_draw (cr, style, label_size, EP_TEXT_REGULAR, figure->x_label,
                       f.plot_x + f.plot_w / 2.0,
                       f.plot_y + f.plot_h + tick_len + 0.2 * fs + line_h + 0.2 * fs, 0.5, 0.0);
  if (figure->y_label != NULL)
    ep_plot_text_draw_vertical (cr, style, label_size, figure->y_label,
                                f.plot_x - tick_len - 0.3 * fs - y_tick_w - 0.4 * fs
                                - label_h / 2.0,
                                f.plot_y + f.plot_h / 2.0);

  /* Legend and annotation. */
  if (legend_inside)
    draw_legend (cr, figure, style, legend_box.x, legend_box.y, line_h, legend_label_w, entry_h,
                 legend_cols, legend_w + fs, layout);
  else if (figure->legend == EP_PLOT_LEGEND_OUTSIDE && legend_w > 0.0)
    draw_legend (cr, figure, style, f.plot_x + f.plot_w + fs, f.plot_y, line_h, legend_label_w,
                 entry_h, 1, 0.0, layout);

  if (n_lines > 0)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      for (guint i = 0; i < n_lines; i++)
        ep_plot_text_draw (cr, style, fs, EP_TEXT_REGULAR, lines[i],
                           note_box.x, note_box.y + i * line_h, 0.0, 0.0);
      if (layout != NULL)
        ep_plot_layout_add (layout, EP_PLOT_ITEM_ANNOTATION, -1, -1, 0.0,
                            note_box.x, note_box.y, note_w, note_h, figure->annotation);
    }

  /* The table: its title flush left, then one row per group; every number centred on its
   * tick's x, which is the same frame_x() the axis used. */
  if (has_table)
    {
      double y = f.plot_y + f.plot_h + tick_len + 0.2 * fs + line_h + 0.2 * fs + label_h
                 + 0.8 * fs;
      gboolean after_heading = FALSE;
      double number_size = fs, widest = 0.0;

      /* Numbers wider than the distance between ticks (a large cohort in a narrow figure)
       * are set smaller, down to 3/4 of the font size, so that neighbours do not touch. */
      for (guint r = 0; r < figure->n_rows; r++)
        for (guint k = 0; figure->rows[r].values != NULL && k < figure->n_ticks; k++)
          {
            g_autofree char *text = count_text (figure->rows[r].values[k]);

            widest = MAX (widest, ep_plot_text_width (cr, style, fs, EP_TEXT_REGULAR, text));
          }
      if (figure->n_ticks > 1)
        {
          double spacing = frame_x (&f, figure->ticks[1]) - frame_x (&f, figure->ticks[0]);

          if (widest + 0.5 * fs > spacing && widest > 0.0)
            number_size = MAX (0.75 * fs, fs * (spacing - 0.5 * fs) / widest);
        }

      cairo_set_source_rgb (cr, 0, 0, 0);
      ep_plot_text_draw (cr, style, fs, EP_TEXT_BOLD, figure->risk_title, pad, y, 0.0, 0.0);
      y += row_h;

      for (guint r = 0; r < figure->n_rows; r++, y += row_h)
        {
          const EpRiskRow *row = &figure->rows[r];
          double cy = y + row_h / 2.0;
          double label_x = pad;

          if (row->values == NULL)
            after_heading = TRUE;
          else if (after_heading)
            label_x += indent;

          ep_plot_set_color (cr, row->color, 1.0);
          ep_plot_text_draw (cr, style, fs, EP_TEXT_BOLD, row->label, label_x, cy, 0.0, 0.5);
          if (layout != NULL)
            ep_plot_layout_add (layout, EP_PLOT_ITEM_RISK_LABEL, (int) r, -1, 0.0,
                                label_x, cy, 0.0, row_h, row->label);
          if (row->values == NULL)
            continue;

          cairo_set_source_rgb (cr, 0, 0, 0);
          for (guint k = 0; k < figure->n_ticks; k++)
            {
              g_autofree char *text = count_text (row->values[k]);
              double x = frame_x (&f, figure->ticks[k]);
              double w = ep_plot_text_width (cr, style, number_size, EP_TEXT_REGULAR, text);

              ep_plot_text_draw (cr, style, number_size, EP_TEXT_REGULAR, text, x, cy, 0.5, 0.5);
              if (layout != NULL)
                ep_plot_layout_add (layout, EP_PLOT_ITEM_RISK_NUMBER, (int) r, (int) k,
                                    row->values[k], x, cy, w, line_h, text);
            }
        }
    }

  cairo_restore (cr);
}

double
ep_plot_time_unit_days (EpPlotTimeUnit unit)
{
  switch (unit)
    {
    case EP_PLOT_TIME_WEEKS:
      return 7.0;
    case EP_PLOT_TIME_MONTHS:
      return 365.25 / 12.0;
    case EP_PLOT_TIME_YEARS:
      return 365.25;
    case EP_PLOT_TIME_DAYS:
    case EP_PLOT_TIME_UNSPECIFIED:
    default:
      return 1.0;
    }
}

static EpPlotTimeUnit
axis_unit (const EpTimePlotOptions *options)
{
  return options->time_unit != EP_PLOT_TIME_UNSPECIFIED ? options->time_unit : options->data_unit;
}

double
ep_plot_time_scale (const EpTimePlotOptions *options)
{
  EpPlotTimeUnit data_unit = options->data_unit;

  if (options->time_unit == EP_PLOT_TIME_UNSPECIFIED)
    return 1.0;
  if (data_unit == EP_PLOT_TIME_UNSPECIFIED)
    data_unit = EP_PLOT_TIME_DAYS;

  return ep_plot_time_unit_days (data_unit) / ep_plot_time_unit_days (options->time_unit);
}

char *
ep_plot_time_axis_label (const EpTimePlotOptions *options,
                         const EpPlotStyle       *style)
{
  switch (axis_unit (options))
    {
    case EP_PLOT_TIME_DAYS:
      return g_strdup (P_ (style, N_("Time (days)")));
    case EP_PLOT_TIME_WEEKS:
      return g_strdup (P_ (style, N_("Time (weeks)")));
    case EP_PLOT_TIME_MONTHS:
      return g_strdup (P_ (style, N_("Time (months)")));
    case EP_PLOT_TIME_YEARS:
      return g_strdup (P_ (style, N_("Time (years)")));
    case EP_PLOT_TIME_UNSPECIFIED:
    default:
      return g_strdup (P_ (style, N_("Time")));
    }
}

/* A step that reads well in the unit: months in 3, 6, 12; weeks in 4, 8, 12, 26, 52 … */
static double
unit_step (EpPlotTimeUnit unit,
           double         range)
{
  static const double months[] = { 1, 2, 3, 6, 12, 24, 36, 60, 120 };
  static const double days[] = { 1, 2, 5, 7, 14, 30, 60, 90, 180, 365, 730 };
  const double *steps = NULL;
  guint n = 0;

  if (unit == EP_PLOT_TIME_MONTHS)
    steps = months, n = G_N_ELEMENTS (months);
  else if (unit == EP_PLOT_TIME_DAYS && range >= 14.0 && range <= 7300.0)
    steps = days, n = G_N_ELEMENTS (days);

  for (guint i = 0; i < n; i++)
    if (range / steps[i] <= 8.0)
      return steps[i];

  /* Round steps giving 4 to 8 intervals; the one whose last tick overshoots the data least,
   * so that the curves fill the axis. */
  {
    double best = ep_plot_nice_step (range, 6), best_waste = G_MAXDOUBLE;

    for (guint target = 4; target <= 8; target++)
      {
        double step = ep_plot_nice_step (range, target);
        double waste = ceil (range / step - 1e-9) * step - range;

        if (range / step > 8.0 + 1e-9)
          continue;
        if (waste < best_waste - 1e-9 * range)
          best = step, best_waste = waste;
      }

    return best;
  }
}

guint
ep_plot_time_ticks (const EpTimePlotOptions *options,
                    double                   data_max,
                    double                  *x_max,
                    double                 **ticks,
                    int                     *decimals)
{
  double limit = options->x_max > 0.0 ? options->x_max : data_max;
  double step;
  guint n;

  if (!(limit > 0.0) || !isfinite (limit))
    limit = 1.0;

  step = options->tick_interval > 0.0 ? options->tick_interval : unit_step (axis_unit (options), limit);
  if (limit / step > 200.0)
    step = ep_plot_nice_step (limit, 6);

  /* Automatic limit: the last tick at or beyond the data. A limit given: ticks up to it. */
  if (!(options->x_max > 0.0))
    limit = ceil (limit / step - 1e-9) * step;

  n = (guint) floor (limit / step + 1e-9) + 1;
  *ticks = g_new (double, n);
  for (guint k = 0; k < n; k++)
    (*ticks)[k] = k * step;

  *x_max = limit;
  *decimals = ep_plot_step_decimals (step);

  return n;
}

void
ep_risk_rows_free (EpRiskRow *rows,
                   guint      n_rows)
{
  for (guint r = 0; r < n_rows; r++)
    {
      g_free (rows[r].label);
      g_free (rows[r].values);
    }
  g_free (rows);
}
