/* test-digitize.c: ep_digitize_trace() on small hand-made images with known answers
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each image is 200 x 120 pixels, white, with the time axis 0..100 over columns 0..200 and
 * survival 1..0 over rows 10..110 (calibrated at pixel edges: x = 2 t, y = 110 - 100 S), so a
 * pixel is 0.5 time units and 0.01 survival. Curves are drawn with cairo (anti-aliased) in
 * blue, a line 3 pixels wide, as a KM step function (miter joins).
 */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "io/ep-digitize.h"
#include "io/ep-image.h"

#define W 200
#define H 120

static double
xp (double t)
{
  return 2.0 * t;
}

static double
yp (double s)
{
  return 110.0 - 100.0 * s;
}

/* steps: n (time, surv after) pairs, drawn from (0, 1) to t_end. */
static void
draw_steps (cairo_t      *cr,
            const double *steps,
            int           n,
            double        t_end,
            double        r,
            double        g,
            double        b,
            double        width)
{
  double s = 1.0;

  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_move_to (cr, xp (0), yp (1));
  for (int i = 0; i < n; i++)
    {
      cairo_line_to (cr, xp (steps[2 * i]), yp (s));
      s = steps[2 * i + 1];
      cairo_line_to (cr, xp (steps[2 * i]), yp (s));
    }
  cairo_line_to (cr, xp (t_end), yp (s));
  cairo_stroke (cr);
}

static EpImage *
surface_to_image (cairo_surface_t *surface)
{
  EpImage *image = ep_image_new (W, H);
  const guint8 *data;
  int stride;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + 4 * x);
        guint8 *p = image->rgb + (gsize) y * image->stride + 3 * (gsize) x;

        p[0] = (px >> 16) & 0xff;
        p[1] = (px >> 8) & 0xff;
        p[2] = px & 0xff;
      }
  return image;
}

static cairo_surface_t *
white_surface (cairo_t **cr)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);

  *cr = cairo_create (surface);
  cairo_set_source_rgb (*cr, 1, 1, 1);
  cairo_paint (*cr);
  return surface;
}

/* The blue curve of image traced with the given calibration of the axes. */
static EpDigitizeResult *
trace_blue_on (const EpImage           *image,
               const EpAxisCalibration *x,
               const EpAxisCalibration *y)
{
  EpDigitizeOptions options;
  GError *error = NULL;
  EpDigitizeResult *result;

  ep_digitize_options_init (&options);
  options.x = *x;
  options.y = *y;
  options.color[0] = 0;
  options.color[1] = 0x72;
  options.color[2] = 0xb2;
  result = ep_digitize_trace (image, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  for (gsize i = 0; i < result->n && i < 8; i++)
    g_test_message ("%g %g", result->time[i], result->surv[i]);
  return result;
}

static EpDigitizeResult *
trace_blue (const EpImage *image)
{
  const EpAxisCalibration x = { 0.0, 0.0, 200.0, 100.0 };
  const EpAxisCalibration y = { 110.0, 0.0, 10.0, 1.0 };

  return trace_blue_on (image, &x, &y);
}

/* A black vertical line 3 px wide at x, as a figure's y axis or spine drawn over the curves. */
static void
draw_axis (cairo_t *cr,
           double   x)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 3.0);
  cairo_move_to (cr, x, 5.0);
  cairo_line_to (cr, x, 115.0);
  cairo_stroke (cr);
}

/* The traced curve's value at t (right-continuous, as the reconstruction reads the points). */
static double
traced_at (const EpDigitizeResult *r,
           double                  t)
{
  double s = 1.0;

  for (gsize i = 0; i < r->n && r->time[i] <= t; i++)
    s = r->surv[i];
  return s;
}

/* Largest distance of the trace from the true step function, allowing a step to be off by
 * tol_t in time (the figure's resolution). */
static double
max_diff_within (const EpDigitizeResult *r,
                 const double           *steps,
                 int                     n,
                 double                  t_end,
                 double                  tol_t)
{
  double worst = 0.0;

  for (double t = 0.0; t <= t_end; t += 0.05)
    {
      double lo = 1.0, hi = 0.0, s_tr = traced_at (r, t);

      /* the range of the true curve over [t - tol_t, t + tol_t] */
      for (double u = MAX (0.0, t - tol_t); u <= t + tol_t + 1e-9; u += 0.05)
        {
          double s = 1.0;

          for (int i = 0; i < n && steps[2 * i] <= u; i++)
            s = steps[2 * i + 1];
          lo = MIN (lo, s);
          hi = MAX (hi, s);
        }
      worst = MAX (worst, MAX (lo - s_tr, s_tr - hi));
    }
  return worst;
}

/* A lone step and a staircase in the open: each step within half a pixel (0.25 time units). */
/* The trace's contract (ep-digitize.h): its points ascend in time and never rise. */
static void
assert_ascends_never_rises (const EpDigitizeResult *r)
{
  for (gsize i = 0; i < r->n; i++)
    {
      g_test_message ("%g %g", r->time[i], r->surv[i]);
      if (i > 0)
        {
          g_assert_cmpfloat (r->time[i], >=, r->time[i - 1]);
          g_assert_cmpfloat (r->surv[i], <=, r->surv[i - 1]);
        }
    }
}

static void
test_plain_steps (void)
{
  static const double steps[] = { 20.0, 0.80, 45.0, 0.62, 47.0, 0.55, 49.0, 0.50, 70.0, 0.35 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;

  draw_steps (cr, steps, 5, 90.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 3.0);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);
  r = trace_blue (image);
  g_assert_cmpfloat (fabs (r->surv[r->n - 1] - 0.35), <, 0.01);
  g_assert_cmpfloat (max_diff_within (r, steps, 5, 88.0, 0.25), <, 0.015);
}

/* A step whose upper part is hidden under another arm's thicker line drawn over it (the two
 * arms near 1 at the start of a trial): the step shows below that line from its first column,
 * and is placed there, not where the traced level is lost (issue 17). */
static void
test_step_under_other_line (void)
{
  static const double steps[] = { 30.0, 0.90, 60.0, 0.80 };
  static const double other[] = { 1.0, 0.965 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;

  draw_steps (cr, steps, 2, 90.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 3.0);
  draw_steps (cr, other, 1, 95.0, 0xd5 / 255.0, 0x5e / 255.0, 0.0, 5.0);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);
  r = trace_blue (image);
  for (gsize i = 0; i < r->n; i++)
    g_test_message ("%g %g", r->time[i], r->surv[i]);
  g_assert_cmpfloat (fabs (traced_at (r, 31.0) - 0.90), <, 0.01);
  g_assert_cmpfloat (fabs (traced_at (r, 29.0) - 1.00), <, 0.015);
  g_assert_cmpfloat (max_diff_within (r, steps, 2, 88.0, 0.25), <, 0.015);
}

static void
fill (EpImage      *image,
      int           x0,
      int           x1,
      int           y0,
      int           y1,
      const guint8 *rgb)
{
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      memcpy (image->rgb + (gsize) y * image->stride + 3 * (gsize) x, rgb, 3);
}

/* The curve at 1 under another line that leaves only a sliver of it above (matplotlib's top
 * spine, or the other arm): pixel by pixel, a line 4 rows tall (rows 8-11, survival 1) with a
 * step at t = 30 (columns 58-61) down to 0.80 (rows 28-31), an orange line over rows 10-11, and
 * the sliver's last column lighter (an anti-aliased corner, out of the colour mask). The trace
 * follows the sliver to column 60 and meets the vertical in column 61; the step is placed at the
 * centre of all four of its columns, t = 30, not at column 61 (t = 30.75). */
static void
test_step_under_sliver (void)
{
  static const guint8 blue[3] = { 0x00, 0x72, 0xb2 };
  static const guint8 light[3] = { 0x80, 0xb8, 0xd8 };
  static const guint8 orange[3] = { 0xd5, 0x5e, 0x00 };
  static const double steps[] = { 30.0, 0.80 };
  g_autoptr(EpImage) image = ep_image_new (W, H);
  g_autoptr(EpDigitizeResult) r = NULL;

  fill (image, 0, 61, 8, 11, blue);
  fill (image, 58, 61, 8, 31, blue);
  fill (image, 58, 180, 28, 31, blue);
  fill (image, 0, 199, 10, 11, orange);
  fill (image, 61, 61, 8, 9, light);
  r = trace_blue (image);
  g_assert_cmpfloat (fabs (traced_at (r, 29.8) - 1.0), <, 0.01);
  g_assert_cmpfloat (fabs (traced_at (r, 30.2) - 0.80), <, 0.01);
  g_assert_cmpfloat (max_diff_within (r, steps, 1, 88.0, 0.25), <, 0.015);
}

/* The height-weighted mean time of the trace's drops in [t1, t2] (a drop: two points at one
 * time, the second lower), and their count. */
static double
mean_drop_time (const EpDigitizeResult *r,
                double                  t1,
                double                  t2,
                int                    *count)
{
  double sum = 0.0, weight = 0.0;

  *count = 0;
  for (gsize i = 1; i < r->n; i++)
    if (r->time[i] == r->time[i - 1] && r->surv[i] < r->surv[i - 1]
        && r->time[i] >= t1 && r->time[i] <= t2)
      {
        sum += r->time[i] * (r->surv[i - 1] - r->surv[i]);
        weight += r->surv[i - 1] - r->surv[i];
        (*count)++;
      }
  return weight > 0.0 ? sum / weight : -1.0;
}

/* Steps at fractional pixel positions, read from the anti-aliased coverage (issue 17): lone
 * steps at x = 40.6 and 90.3 px, two steps 0.7 px apart (x = 120.0 and 120.7) and a staircase
 * of four steps 2.2 px apart, each 2 px high (less than the line's width). Each lone step's
 * time comes back within 0.06 pixel (0.03 time units) and the close pair (each step 7-8 px
 * high, so some rows show only one of its verticals) as two drops, each within 0.06 pixel. The
 * staircase's steps, lower than the line is wide, have no such rows and keep the tracer's
 * whole-pixel reading: the curve must still be within half a pixel everywhere. Whole-pixel reading put them up to half a pixel
 * off (the lone steps at 20.25 and 45.25, the pair as one drop at 60.25). */
static void
test_subpixel_steps (void)
{
  static const double steps[] = { 20.3, 0.82, 45.15, 0.70, 60.0, 0.62, 60.35, 0.55,
                                  75.2, 0.53, 76.3, 0.51, 77.4, 0.49, 78.5, 0.47 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;
  int count;

  draw_steps (cr, steps, 8, 95.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 3.0);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);
  r = trace_blue (image);
  for (gsize i = 0; i < r->n; i++)
    if (i > 0 && r->time[i] == r->time[i - 1])
      g_test_message ("drop at %g: %g -> %g", r->time[i], r->surv[i - 1], r->surv[i]);
  g_assert_cmpfloat (fabs (mean_drop_time (r, 18.0, 23.0, &count) - 20.3), <, 0.03);
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat (fabs (mean_drop_time (r, 43.0, 48.0, &count) - 45.15), <, 0.03);
  g_assert_cmpint (count, ==, 1);
  /* the pair: heights 0.08 and 0.07 at 60.0 and 60.35 */
  g_assert_cmpfloat (fabs (mean_drop_time (r, 58.0, 63.0, &count)
                           - (0.08 * 60.0 + 0.07 * 60.35) / 0.15), <, 0.03);
  /* ... and, tall enough for rows where only one of the two verticals is drawn, split */
  g_assert_cmpfloat (fabs (mean_drop_time (r, 58.0, 60.175, &count) - 60.0), <, 0.03);
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat (fabs (mean_drop_time (r, 60.175, 63.0, &count) - 60.35), <, 0.03);
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat (max_diff_within (r, steps, 8, 93.0, 0.25), <, 0.015);
}

/* A death 0.8 px after the start (t = 0.4): the curve starts at survival 1 and drops there,
 * not at a start below 1 (veteran drawn by matplotlib, issue 17). */
static void
test_step_at_start (void)
{
  static const double steps[] = { 0.4, 0.95, 40.0, 0.80 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;

  draw_steps (cr, steps, 2, 90.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 3.0);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);
  r = trace_blue (image);
  g_assert_cmpfloat (r->time[0], ==, 0.0);
  g_assert_cmpfloat (fabs (r->surv[0] - 1.0), <, 0.005);
  g_assert_cmpfloat (max_diff_within (r, steps, 2, 88.0, 0.25), <, 0.015);
}

/* Censor marks just before a step, so close that the marks' ticks and the step's vertical are
 * one region in the colour mask (sim_heavy_censoring drawn by Endpoint, arm B, issue 17): a
 * mark reaches as far above the line as below it, a step leaves the line downwards only. The
 * marks are no drop; the step is one drop, at its time. The old code read the marks' lower
 * half as a drop of 0.04 at t = 41. */
static void
test_marks_before_step (void)
{
  static const double steps[] = { 20.0, 0.80, 42.5, 0.60 };
  static const double marks[] = { 40.75, 41.5, 60.0 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;
  int count;

  draw_steps (cr, steps, 2, 90.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 3.0);
  cairo_set_line_width (cr, 2.0);
  for (int i = 0; i < 3; i++)
    {
      double s = marks[i] < 42.5 ? 0.80 : 0.60;

      cairo_move_to (cr, xp (marks[i]), yp (s) - 7.0);
      cairo_line_to (cr, xp (marks[i]), yp (s) + 7.0);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);
  r = trace_blue (image);
  for (gsize i = 0; i < r->n; i++)
    if (i > 0 && r->time[i] == r->time[i - 1])
      g_test_message ("drop at %g: %g -> %g", r->time[i], r->surv[i - 1], r->surv[i]);
  g_assert_cmpfloat (fabs (traced_at (r, 41.8) - 0.80), <, 0.01);
  g_assert_cmpfloat (fabs (mean_drop_time (r, 38.0, 46.0, &count) - 42.5), <, 0.25);
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat (max_diff_within (r, steps, 2, 88.0, 0.25), <, 0.015);
}

/* A first step right after the start, its top under another arm's line drawn over survival 1
 * (sim_crossing drawn by Endpoint, arm A, issue 17): the first column where the curve shows
 * has only the vertical's lower part, below that line. The curve still starts at survival 1
 * and drops there; the old code took the visible run's centre for the start (0.975) and lost
 * the step. */
static void
test_step_at_start_under_line (void)
{
  static const double steps[] = { 0.6, 0.93, 40.0, 0.80 };
  static const double other[] = { 50.0, 0.90 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;

  draw_steps (cr, steps, 2, 90.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 3.0);
  draw_steps (cr, other, 1, 95.0, 0xd5 / 255.0, 0x5e / 255.0, 0.0, 5.0);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);
  r = trace_blue (image);
  g_assert_cmpfloat (r->time[0], ==, 0.0);
  g_assert_cmpfloat (fabs (r->surv[0] - 1.0), <, 0.005);
  g_assert_cmpfloat (max_diff_within (r, steps, 2, 88.0, 0.5), <, 0.015);
}

/* The first deaths (t = 0.6 and 1.0, 1.2 and 2 px after the start) with the y axis drawn over
 * the start: the time axis begins 8 px into the image, and a black axis line 3 px wide lies on
 * it, over the left part of the first step's vertical (veteran arm B drawn by Endpoint, issue
 * 17); another arm, drawn after it, lies over survival 1 and has its first step 2.5 px right of
 * the start. One blue column of the vertical shows between the axis and the other arm. The drop
 * may lie anywhere under the axis: it is placed at the centre of the hidden columns and the
 * visible one (t = 0.75), within half a pixel of both deaths. The old code placed it at the
 * visible column and then at the centre of that column's shades (t = 1.08, 1 px after the first
 * death). */
static void
test_step_at_start_under_axis (void)
{
  static const double steps[] = { 0.6, 0.95, 1.0, 0.91, 40.0, 0.86 };
  static const double other[] = { 2.25, 0.80, 60.0, 0.70 };
  const EpAxisCalibration x = { 8.0, 0.0, 198.0, 95.0 };
  const EpAxisCalibration y = { 110.0, 0.0, 10.0, 1.0 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;

  cairo_translate (cr, 8.0, 0.0);
  draw_steps (cr, steps, 3, 90.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 3.0);
  draw_steps (cr, other, 2, 90.0, 0xd5 / 255.0, 0x5e / 255.0, 0.0, 3.0);
  draw_axis (cr, 0.0);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);

  r = trace_blue_on (image, &x, &y);
  g_assert_cmpfloat (r->time[0], ==, 0.0);
  g_assert_cmpfloat (fabs (r->surv[0] - 1.0), <, 0.005);
  g_assert_cmpfloat (max_diff_within (r, steps, 3, 88.0, 0.25), <, 0.015);
}

/* Two first deaths (t = 0.5 and 1.0) whose verticals lie under a spine 3 px wide drawn over
 * the start of the time axis (8 px into the image), the line 4 px wide, and another arm drawn
 * over the verticals' right part with its first step at t = 1.5 (veteran arm B drawn by
 * matplotlib, issue 17): the first column where the curve shows right of them is the level
 * after both steps, 18 px below survival 1 (beyond rule 2), and the first step's vertical
 * shows only left of the spine, from survival 1 down. The curve starts at (0, 1) and drops
 * where that vertical is (a line's half width right of its left edge). The old code started
 * at the visible level and missed the steps. (Drawn levels 0.92, 0.80 and 0.70 are read as
 * 0.98, 0.95 and 0.925: the y axis is calibrated 4 times as tall.) */
static void
test_step_at_start_left_of_axis (void)
{
  static const double steps[] = { 0.5, 0.92, 1.0, 0.80, 40.0, 0.70 };
  static const double other[] = { 1.5, 0.75, 60.0, 0.60 };
  const EpAxisCalibration x = { 8.0, 0.0, 198.0, 95.0 };
  /* a y axis 4 times as tall as the drawing: the visible level (0.95) near enough to 1 for
   * the start's search */
  const EpAxisCalibration y = { 410.0, 0.0, 10.0, 1.0 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;
  int count;

  cairo_translate (cr, 8.0, 0.0);
  draw_steps (cr, steps, 3, 90.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 4.0);
  draw_steps (cr, other, 2, 90.0, 0xd5 / 255.0, 0x5e / 255.0, 0.0, 4.0);
  draw_axis (cr, 1.5);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);

  r = trace_blue_on (image, &x, &y);
  g_assert_cmpfloat (r->time[0], ==, 0.0);
  g_assert_cmpfloat (fabs (r->surv[0] - 1.0), <, 0.005);
  g_assert_cmpfloat (fabs (mean_drop_time (r, 0.0, 0.75, &count) - 0.5), <, 0.25);
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat (fabs (traced_at (r, 20.0) - 0.95), <, 0.005);
}

/* A steep staircase with another arm's staircase drawn over it a step lower (two arms falling
 * together at the start, veteran, issue 17): the bottom edges of the curve's columns, which
 * the walk reads, are under the other colour; its right edges show against the background.
 * The steps are read from those edges: the curve within half a pixel everywhere. The walk
 * alone read each step's upper part only and the rest as a slope to the next column (0.03
 * off). */
static void
staircase_under_other (gboolean stray)
{
  static const double steps[] = { 30.0, 0.92, 31.5, 0.84, 33.0, 0.76, 34.5, 0.68, 60.0, 0.55 };
  static const double other[] = { 0.0, 0.92, 30.0, 0.84, 31.5, 0.76, 33.0, 0.68, 34.5, 0.60,
                                  70.0, 0.50 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;

  draw_steps (cr, steps, 5, 90.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 3.0);
  cairo_translate (cr, -1.0, 0.0);
  draw_steps (cr, other, 6, 95.0, 0xd5 / 255.0, 0x5e / 255.0, 0.0, 3.0);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);
  if (stray)
    {
      /* a speck of the colour beside the staircase (a glyph's corner, a mark): one row whose
       * right edge is far right of every vertical */
      static const guint8 blue[3] = { 0x00, 0x72, 0xb2 };

      fill (image, 73, 74, 29, 29, blue);
    }
  r = trace_blue (image);
  for (gsize i = 0; i < r->n; i++)
    if (r->time[i] > 25 && r->time[i] < 40)
      g_test_message ("pt %g %g", r->time[i], r->surv[i]);
  g_assert_cmpfloat (max_diff_within (r, steps, 5, 88.0, 0.25), <, 0.015);
}

static void
test_staircase_under_other (void)
{
  staircase_under_other (FALSE);
}

/* The same with a speck of the colour beside it: that row's reading is left out, the rest
 * still read (a reading far outside the staircase's columns used to discard them all). */
static void
test_staircase_under_other_speck (void)
{
  staircase_under_other (TRUE);
}

/* A censor mark at a death's time inside a staircase of close steps (veteran arm B drawn by
 * matplotlib, issue 17: a death and a censoring at 87 days, the next death at 90, 2.4 px
 * later). The mark's tick is centred on the level after its step, so its upper half is inside
 * the step's vertical and its lower half hangs below the new level, where the next step's
 * vertical, two pixels right, covers all of it but one column. The line is 4 px wide with
 * round joins, as matplotlib draws it. The steps at x = 80 and 82 px (t = 40 and 41) must come
 * back as two drops, each within 0.3 px (0.15 time units), with the level between them
 * (0.50) kept; the old code read the tick's bottom as a third drop, at x = 81 (t = 40.5) down
 * to 0.44, half of the next step. */
static void
test_mark_on_step_in_staircase (void)
{
  static const double steps[] = { 30.0, 0.80, 37.0, 0.70, 38.5, 0.60, 40.0, 0.50,
                                  41.0, 0.40, 43.0, 0.30 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;
  double s = 1.0;
  int count;

  cairo_set_source_rgb (cr, 0.0, 0x72 / 255.0, 0xb2 / 255.0);
  cairo_set_line_width (cr, 4.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, xp (0), yp (1));
  for (int i = 0; i < 6; i++)
    {
      cairo_line_to (cr, xp (steps[2 * i]), yp (s));
      s = steps[2 * i + 1];
      cairo_line_to (cr, xp (steps[2 * i]), yp (s));
    }
  cairo_line_to (cr, xp (90.0), yp (s));
  cairo_stroke (cr);
  /* the tick: 3 px wide, 16 px tall, centred on (40, 0.50) */
  cairo_set_line_width (cr, 3.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_move_to (cr, xp (40.0), yp (0.50) - 8.0);
  cairo_line_to (cr, xp (40.0), yp (0.50) + 8.0);
  cairo_stroke (cr);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);
  r = trace_blue (image);
  for (gsize i = 0; i < r->n; i++)
    if (i > 0 && r->time[i] == r->time[i - 1])
      g_test_message ("drop at %g: %g -> %g", r->time[i], r->surv[i - 1], r->surv[i]);
  g_assert_cmpfloat (fabs (mean_drop_time (r, 39.3, 40.25, &count) - 40.0), <, 0.15);
  g_assert_cmpfloat (fabs (mean_drop_time (r, 40.25, 41.7, &count) - 41.0), <, 0.15);
  g_assert_cmpfloat (fabs (traced_at (r, 40.5) - 0.50), <, 0.015);
  g_assert_cmpfloat (max_diff_within (r, steps, 6, 88.0, 0.25), <, 0.02);
}

/* A trace that ends on a line half a pixel below survival 0 (the curve's colour picked on the
 * axes: a 1 px vertical at column 10 over the whole height, a 1 px horizontal in row 110, whose
 * centre is survival -0.005), an orange line over its top at survival 1 (rows 9-10): the trace
 * starts at 1 under the orange, drops onto row 110 and ends on the axis, where
 * only its last point was set to survival 0, after the drop's point at -0.005, so that the
 * survival rose (found by fuzz-digitize). Every point must be in [0, 1], never rising. */
static void
test_step_below_zero (void)
{
  static const guint8 blue[3] = { 0x00, 0x72, 0xb2 };
  static const guint8 orange[3] = { 0xd5, 0x5e, 0x00 };
  g_autoptr(EpImage) image = ep_image_new (W, H);
  g_autoptr(EpDigitizeResult) r = NULL;

  fill (image, 10, 10, 0, H - 1, blue);
  fill (image, 0, W - 1, 110, 110, blue);
  fill (image, 10, 16, 9, 10, orange);
  r = trace_blue (image);
  g_assert_cmpuint (r->n, >=, 2);
  for (gsize i = 0; i < r->n; i++)
    {
      g_test_message ("%g %g", r->time[i], r->surv[i]);
      g_assert_cmpfloat (r->surv[i], >=, 0.0);
      if (i > 0)
        g_assert_cmpfloat (r->surv[i], <=, r->surv[i - 1]);
    }
  g_assert_cmpfloat (r->surv[r->n - 1], ==, 0.0);
}

/* Ticks whose values are valid numbers but put the axes nowhere near the image (found by
 * fuzz-digitize: a pixel position of 3e302 was cast to int): survival's ticks 1e-300 apart,
 * time's ticks at -1e308 and 1e308 (their difference overflows), a start at time 1e300. Each
 * is refused as a calibration error; the plain figure with its own ticks still traces. So are
 * ticks whose values are swapped (time running to the left: the points came out descending in
 * time; survival running down: rising), and a start time past the image's right edge (150 on
 * an axis to 100, the curve flat at 1 to the edge: the first point was at 150, the next at
 * 99.75; also found by fuzz-digitize), which is not found. */
static void
test_calibration_far_outside (void)
{
  const EpAxisCalibration x = { 0.0, 0.0, 200.0, 100.0 }, y = { 110.0, 0.0, 10.0, 1.0 };
  const EpAxisCalibration x_huge = { 0.0, -1e308, 200.0, 1e308 };
  const EpAxisCalibration y_tiny = { 110.0, 0.0, 10.0, 1e-300 };
  const EpAxisCalibration x_reversed = { 0.0, 100.0, 200.0, 0.0 };
  const EpAxisCalibration y_reversed = { 110.0, 1.0, 10.0, 0.0 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;

  draw_steps (cr, NULL, 0, 100.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 3.0);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);
  for (int k = 0; k < 7; k++)
    {
      g_autoptr(EpDigitizeResult) r = NULL;
      g_autoptr(GError) error = NULL;
      EpDigitizeOptions options;
      int code;

      ep_digitize_options_init (&options);
      options.x = k == 1 ? x_huge : k == 4 ? x_reversed : x;
      options.y = k == 0 ? y_tiny : k == 5 ? y_reversed : y;
      options.x_start = k == 2 ? 1e300 : k == 6 ? 150.0 : 0.0;
      options.color[0] = 0;
      options.color[1] = 0x72;
      options.color[2] = 0xb2;
      r = ep_digitize_trace (image, &options, &error);
      if (k == 3)
        {
          g_assert_no_error (error);
          g_assert_nonnull (r);
          continue;
        }
      code = k == 6 ? EP_DIGITIZE_ERROR_NOT_FOUND : EP_DIGITIZE_ERROR_CALIBRATION;
      g_assert_error (error, EP_DIGITIZE_ERROR, code);
      g_assert_null (r);
    }
}

/* A start past the middle of its column (time 0.4: raster x 0.8 in column 0, whose centre is
 * time 0.25): the points began (0.4, 1), (0.25, 1), back in time (found by fuzz-digitize).
 * They must start at 0.4 and never go back. */
static void
test_start_within_column (void)
{
  static const double steps[] = { 20.0, 0.80 };
  const EpAxisCalibration x = { 0.0, 0.0, 200.0, 100.0 }, y = { 110.0, 0.0, 10.0, 1.0 };
  cairo_t *cr;
  cairo_surface_t *surface = white_surface (&cr);
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;
  g_autoptr(GError) error = NULL;
  EpDigitizeOptions options;

  draw_steps (cr, steps, 1, 90.0, 0.0, 0x72 / 255.0, 0xb2 / 255.0, 3.0);
  cairo_destroy (cr);
  image = surface_to_image (surface);
  cairo_surface_destroy (surface);
  ep_digitize_options_init (&options);
  options.x = x;
  options.y = y;
  options.x_start = 0.4;
  options.color[0] = 0;
  options.color[1] = 0x72;
  options.color[2] = 0xb2;
  r = ep_digitize_trace (image, &options, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < r->n && i < 4; i++)
    g_test_message ("%g %g", r->time[i], r->surv[i]);
  g_assert_cmpfloat (r->time[0], ==, 0.4);
  for (gsize i = 1; i < r->n; i++)
    g_assert_cmpfloat (r->time[i], >=, r->time[i - 1]);
  g_assert_cmpfloat (fabs (traced_at (r, 19.5) - 1.0), <, 0.01);
  g_assert_cmpfloat (fabs (traced_at (r, 20.5) - 0.80), <, 0.01);
}

/* The background's colour picked as the curve's (white, tolerance 40; found by fuzz-digitize):
 * a figure of 120 x 80 pixels with an orange band over columns 17-20 (rows 0-54), a blue line
 * in row 31 (columns 21-51) and grey specks. What the trace makes of it is no curve, but its
 * points must still be ascending in time: the drops' sub-pixel placement put one drop at
 * time 0.072 after another at 0.086. */
static void
test_background_as_colour (void)
{
  static const guint8 orange[3] = { 255, 127, 14 }, blue[3] = { 31, 119, 180 };
  static const guint8 grey[3] = { 160, 160, 160 };
  const EpAxisCalibration x = { 1.0, 0.0, 112.0, 1.0 }, y = { 79.0, 0.0, 8.0, 1.0 };
  g_autoptr(EpImage) image = ep_image_new (120, 80);
  g_autoptr(EpDigitizeResult) r = NULL;
  g_autoptr(GError) error = NULL;
  EpDigitizeOptions options;

  fill (image, 17, 20, 0, 54, orange);
  fill (image, 21, 51, 31, 31, blue);
  fill (image, 52, 52, 0, 2, grey);
  fill (image, 0, 0, 39, 49, grey);
  ep_digitize_options_init (&options);
  options.x = x;
  options.y = y;
  memset (options.color, 255, 3);
  options.tolerance = 40.0;
  r = ep_digitize_trace (image, &options, &error);
  g_assert_no_error (error);
  assert_ascends_never_rises (r);
}

/* A figure fuzz-digitize drew (tests/data/digitize/fuzz-overlap-rise.png, 150 x 100: blue
 * staircases under an orange one, black grid lines through both, a censor mark): the steep
 * staircase's rebuild from the strokes' edges read a level of 0.7875 at t = 13.14 after 0.73 at
 * t = 11.97, so the survival rose by 0.056. The trace must never rise (the level only moves
 * down); a point above the one before is lowered to it. */
static void
test_overlap_never_rises (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                 "fuzz-overlap-rise.png", NULL);
  const EpAxisCalibration x = { 10.0, 0.0, 140.0, 61.0 }, y = { 90.0, 0.0, 10.0, 1.0 };
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;
  g_autoptr(GError) error = NULL;
  EpDigitizeOptions options;

  image = ep_image_load (path, 1, 1.0, &error);
  g_assert_no_error (error);
  ep_digitize_options_init (&options);
  options.x = x;
  options.y = y;
  options.x_start = 0.5;
  options.color[0] = 31;
  options.color[1] = 119;
  options.color[2] = 180;
  r = ep_digitize_trace (image, &options, &error);
  g_assert_no_error (error);
  assert_ascends_never_rises (r);
}

/* A staircase under an orange one running into the image's right edge (a figure fuzz-digitize
 * drew, tests/data/digitize/fuzz-past-right-edge.png: 40 x 120 raster pixels at scale 4, the
 * time axis 0..1 over the width): the rebuild of the drops put the last one at t = 1.1275,
 * 5 pixels right of the image. No point may lie outside the image. */
static void
test_past_right_edge (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "digitize",
                                                 "fuzz-past-right-edge.png", NULL);
  const EpAxisCalibration x = { 0.0, 0.0, 10.0, 1.0 }, y = { 30.0, 0.0, 0.0, 100.0 };
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) r = NULL;
  g_autoptr(GError) error = NULL;
  EpDigitizeOptions options;

  image = ep_image_load (path, 1, 1.0, &error);
  g_assert_no_error (error);
  image->scale = 4.0;   /* as the fuzzer had it: a vector figure's raster */
  ep_digitize_options_init (&options);
  options.x = x;
  options.y = y;
  options.color[0] = 31;
  options.color[1] = 119;
  options.color[2] = 180;
  r = ep_digitize_trace (image, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, >, 0);
  assert_ascends_never_rises (r);
  g_assert_cmpfloat (r->time[r->n - 1], <=, 1.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/digitize/plain-steps", test_plain_steps);
  g_test_add_func ("/digitize/step-under-other-line", test_step_under_other_line);
  g_test_add_func ("/digitize/step-under-sliver", test_step_under_sliver);
  g_test_add_func ("/digitize/subpixel-steps", test_subpixel_steps);
  g_test_add_func ("/digitize/step-at-start", test_step_at_start);
  g_test_add_func ("/digitize/marks-before-step", test_marks_before_step);
  g_test_add_func ("/digitize/step-at-start-under-line", test_step_at_start_under_line);
  g_test_add_func ("/digitize/step-at-start-under-axis", test_step_at_start_under_axis);
  g_test_add_func ("/digitize/step-at-start-left-of-axis", test_step_at_start_left_of_axis);
  g_test_add_func ("/digitize/staircase-under-other", test_staircase_under_other);
  g_test_add_func ("/digitize/staircase-under-other-speck", test_staircase_under_other_speck);
  g_test_add_func ("/digitize/mark-on-step-in-staircase", test_mark_on_step_in_staircase);
  g_test_add_func ("/digitize/step-below-zero", test_step_below_zero);
  g_test_add_func ("/digitize/calibration-far-outside", test_calibration_far_outside);
  g_test_add_func ("/digitize/start-within-column", test_start_within_column);
  g_test_add_func ("/digitize/background-as-colour", test_background_as_colour);
  g_test_add_func ("/digitize/overlap-never-rises", test_overlap_never_rises);
  g_test_add_func ("/digitize/past-right-edge", test_past_right_edge);
  return g_test_run ();
}
