/* fuzz-digitize.c: the digitizer's tracer (ep_digitize_trace()) on small drawn figures
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A figure, its axis ticks, the curve's colour and the tolerance come from a user (issue 17):
 * the tracer must answer every one of them with points or a GError, reading no pixel outside
 * the image. The input bytes are
 *   0, 1    width and height, 1..200 raster pixels
 *   2       flags: bit 0 pixels as raw palette indices instead of drawing commands; bits 1-2
 *           the raster scale (1, 1, 2, 4: a vector figure's raster pixels per unit); bit 3 the
 *           colour picked as the app does it (the darkest pixel near a click) instead of from
 *           the palette; bits 4-7 the calibration's kind (below)
 *   3       tolerance (0: the default, else 1..255)
 *   4       x_start (0 most of the time; else a time, sometimes outside the axis)
 *   5       the curve's palette colour / the click's column
 *   6       the click's row
 *   7..14   the ticks' pixels and values (per calibration kind)
 *   15..    drawing commands of 4 bytes (op, a, b, c), or the raw pixels
 * The calibration goes through its text form and ep_axis_calibration_parse(), as endpoint-cli
 * digitize reads --x-axis and --y-axis. What the tracer returns must keep its contract
 * (ep-digitize.h): a GError of EP_DIGITIZE_ERROR with a message, or points with finite times
 * ascending within the image's time range and finite survival within the searched rows'
 * range, never rising when the y axis points up; any failure aborts. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "io/ep-digitize.h"
#include "io/ep-image.h"
#include "fuzz-common.h"

/* white, the curve, a second curve, black (axes, text), grey (grid), the curve anti-aliased,
 * the curve's CI band tint, a colour between the two curves */
static const guint8 palette[8][3] = {
  { 255, 255, 255 }, { 31, 119, 180 }, { 255, 127, 14 }, { 0, 0, 0 },
  { 160, 160, 160 }, { 143, 187, 217 }, { 210, 227, 240 }, { 143, 123, 97 },
};

static void
put (EpImage *image,
     int      x,
     int      y,
     guint    colour)
{
  if (x < 0 || y < 0 || x >= image->width || y >= image->height)
    return;
  memcpy (image->rgb + (gsize) y * image->stride + 3 * (gsize) x, palette[colour & 7], 3);
}

static void
rect (EpImage *image,
      int      x0,
      int      y0,
      int      x1,
      int      y1,
      guint    colour)
{
  for (int y = MIN (y0, y1); y <= MAX (y0, y1); y++)
    for (int x = MIN (x0, x1); x <= MAX (x0, x1); x++)
      put (image, x, y, colour);
}

/* A step curve from (x, y) walking right: each byte of steps a flat run and a drop. */
static void
staircase (EpImage       *image,
           int            x,
           int            y,
           int            thick,
           guint          colour,
           const uint8_t *steps,
           gsize          n_steps)
{
  for (gsize k = 0; k < n_steps && x < image->width; k++)
    {
      int run = 1 + (steps[k] & 15), drop = steps[k] >> 4;

      rect (image, x, y, x + run, y + thick - 1, colour);
      x += run;
      rect (image, x, y, x + thick - 1, y + drop + thick - 1, colour);
      y += drop;
    }
}

static void
draw (EpImage       *image,
      const uint8_t *data,
      gsize          size)
{
  int w = image->width, h = image->height;

  for (gsize i = 0; i + 4 <= size; i += 4)
    {
      guint op = data[i], colour = (op >> 3) & 7;
      int a = data[i + 1] % w, b = data[i + 2] % h, c = data[i + 3];
      int thick = 1 + (c >> 6);

      switch (op & 7)
        {
        case 0: /* a horizontal line */
          rect (image, a, b, a + (c & 63) * 2, b + thick - 1, colour);
          break;
        case 1: /* a vertical line */
          rect (image, a, b, a + thick - 1, b + (c & 63), colour);
          break;
        case 2: /* a staircase of the next bytes */
          {
            gsize n = MIN ((gsize) (c & 31), (size - i - 4));

            staircase (image, a, b, 1 + (c >> 5 & 3), colour, data + i + 4, n);
            i += n;
          }
          break;
        case 3: /* a censor mark: + or | */
          rect (image, a, b - 2 - (c & 3), a + (c >> 7), b + 2 + (c & 3), colour);
          if (c & 4)
            rect (image, a - 2, b, a + 2, b, colour);
          break;
        case 4: /* one pixel */
          put (image, a, b, colour);
          break;
        case 5: /* a filled box (legend, band) */
          rect (image, a, b, a + (c & 15), b + (c >> 4), colour);
          break;
        case 6: /* axes */
          rect (image, a, 0, a, h - 1, 3);
          rect (image, 0, b, w - 1, b, 3);
          break;
        default: /* a pixel of any colour */
          {
            guint8 *p;

            if (i + 8 > size)
              return;
            p = image->rgb + (gsize) b * image->stride + 3 * (gsize) a;
            memcpy (p, data + i + 4, 3);
            i += 4;
          }
          break;
        }
    }
}

/* The tick positions and values the user gives, in document units. Kinds: a plain figure
 * (survival as a proportion or percent), ticks anywhere, equal pixels or values, reversed
 * axes, huge values, ticks outside the image. */
static void
make_calibration (guint                kind,
                  const uint8_t       *b,
                  int                  w,
                  int                  h,
                  double               scale,
                  EpDigitizeOptions   *o)
{
  double W = w / scale, H = h / scale;

  switch (kind)
    {
    case 0: case 1: case 2: case 3: case 4: case 5:
      /* axes at a margin, 0..b[2] in time, survival 0..1 (or 0..100) */
      o->x = (EpAxisCalibration) { b[0] % 16 / scale, 0.0, W - b[1] % 16 / scale, 1 + b[2] };
      o->y = (EpAxisCalibration) { H - b[3] % 16 / scale, 0.0, b[4] % 16 / scale,
                                   kind == 5 ? 100.0 : 1.0 };
      break;
    case 6: /* any pixels (256ths of the image), small values */
      o->x = (EpAxisCalibration) { b[0] * W / 256, b[1] % 8, b[2] * W / 256, b[3] % 8 };
      o->y = (EpAxisCalibration) { b[4] * H / 256, (b[5] % 5) / 4.0, b[6] * H / 256,
                                   (b[7] % 5) / 4.0 };
      break;
    case 7: /* the y axis upside down */
      o->x = (EpAxisCalibration) { 0, 0, W, 10 };
      o->y = (EpAxisCalibration) { b[0] % 16 / scale, 0.0, H - b[1] % 16 / scale, 1.0 };
      break;
    case 8: /* the x axis reversed */
      o->x = (EpAxisCalibration) { 0, 10, W, 0 };
      o->y = (EpAxisCalibration) { H, 0.0, 0, 1.0 };
      break;
    case 9: /* huge values */
      o->x = (EpAxisCalibration) { 0, -1e308 * (b[0] & 1), W, 1e308 };
      o->y = (EpAxisCalibration) { H, (b[1] & 1) ? -1e308 : 0.0, 0, (b[2] & 1) ? 1e308 : 1.0 };
      break;
    case 10: /* tiny differences */
      o->x = (EpAxisCalibration) { 0, 0, W, 1e-300 };
      o->y = (EpAxisCalibration) { H, 0, 0, (b[0] & 1) ? 1e-300 : 1.0 };
      break;
    case 11: /* ticks far outside the image */
      o->x = (EpAxisCalibration) { -1e6 * b[0], 0, 1e6 * b[1] + 1, 10 };
      o->y = (EpAxisCalibration) { 1e6 * b[2] + 1, 0, -1e6 * b[3], 1 };
      break;
    case 12: /* ticks one pixel apart at most */
      o->x = (EpAxisCalibration) { b[0] % 4 / scale, 0, (b[0] % 4 + b[1] % 3) / scale, 1 };
      o->y = (EpAxisCalibration) { b[2] % 4 / scale, 1, (b[2] % 4 + b[3] % 3) / scale, 0 };
      break;
    case 13: /* percent and negative values */
      o->x = (EpAxisCalibration) { 0, -b[0], W, b[1] };
      o->y = (EpAxisCalibration) { H, -(double) b[2], 0, 100 + b[3] };
      break;
    default: /* any values from the bytes, read as doubles */
      {
        double v[4];

        for (int k = 0; k < 4; k++)
          v[k] = ((gint8) b[k]) * pow (10.0, (b[k + 4] % 16) - 8);
        o->x = (EpAxisCalibration) { 0, v[0], W, v[1] };
        o->y = (EpAxisCalibration) { H, v[2], 0, v[3] };
      }
      break;
    }
}

/* As endpoint-cli digitize reads it: the ticks as text, "PX1:V1,PX2:V2". */
static void
through_text (EpAxisCalibration *axis)
{
  char a[4][G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *text = NULL;
  EpAxisCalibration back;

  text = g_strdup_printf ("%s:%s,%s:%s", g_ascii_dtostr (a[0], sizeof a[0], axis->px1),
                          g_ascii_dtostr (a[1], sizeof a[1], axis->v1),
                          g_ascii_dtostr (a[2], sizeof a[2], axis->px2),
                          g_ascii_dtostr (a[3], sizeof a[3], axis->v2));
  if (!ep_axis_calibration_parse (text, &back) || memcmp (&back, axis, sizeof back) != 0)
    {
      g_printerr ("calibration \"%s\" not read back\n", text);
      abort ();
    }
}

/* The app's click: of the pixels within 3 units of it, the one farthest from white. */
static void
colour_at_click (const EpImage *image,
                 int            rx,
                 int            ry,
                 guint8         colour[3])
{
  int radius = (int) ceil (3 * image->scale);
  double best = -1.0;

  for (int py = MAX (0, ry - radius); py <= MIN (image->height - 1, ry + radius); py++)
    for (int px = MAX (0, rx - radius); px <= MIN (image->width - 1, rx + radius); px++)
      {
        const guint8 *p = image->rgb + (gsize) py * image->stride + 3 * (gsize) px;
        double d = (255.0 - p[0]) * (255.0 - p[0]) + (255.0 - p[1]) * (255.0 - p[1])
                   + (255.0 - p[2]) * (255.0 - p[2]);

        if (d > best)
          {
            best = d;
            memcpy (colour, p, 3);
          }
      }
}

#define FAIL(...) G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

static void
check_result (const EpImage           *image,
              const EpDigitizeOptions *o,
              const EpDigitizeResult  *r)
{
  double scale = image->scale;
  /* value = a + b * raster position, as the tracer calibrates */
  double bx = (o->x.v2 - o->x.v1) / (o->x.px2 * scale - o->x.px1 * scale);
  double ax = o->x.v1 - bx * o->x.px1 * scale;
  double by = (o->y.v2 - o->y.v1) / (o->y.px2 * scale - o->y.px1 * scale);
  double ay = o->y.v1 - by * o->y.px1 * scale;
  double div = MAX (o->y.v1, o->y.v2) > 1.5 ? 100.0 : 1.0;
  double t_lo, t_hi, s_lo, s_hi, slack_s;

  if (!isfinite (ax) || !isfinite (bx) || !isfinite (ay) || !isfinite (by))
    return;  /* reported below if the tracer returns non-finite values */
  t_lo = MIN (ax + bx * -1.0, ax + bx * (image->width + 1.0));
  t_hi = MAX (ax + bx * -1.0, ax + bx * (image->width + 1.0));
  s_lo = MIN (ay + by * -2.0, ay + by * (image->height + 2.0)) / div;
  s_hi = MAX (ay + by * -2.0, ay + by * (image->height + 2.0)) / div;
  slack_s = 1e-9 * MAX (1.0, MAX (fabs (s_lo), fabs (s_hi)));

  if (r->n == 0)
    FAIL ("no points but no error");
  /* a point per column, two per drop, a drop per row at most (a vertical line traced as a
   * staircase of one-row steps), and a few more */
  if (r->n > 4 * ((gsize) image->width + (gsize) image->height) + 8)
    FAIL ("%zu points from %d columns and %d rows", r->n, image->width, image->height);
  if (!(r->line_width > 0.0 && r->line_width <= image->height + 1.0))
    FAIL ("line width %g", r->line_width);
  for (gsize i = 0; i < r->n; i++)
    {
      if (!isfinite (r->time[i]) || !isfinite (r->surv[i]))
        FAIL ("point %zu: (%g, %g) not finite", i, r->time[i], r->surv[i]);
      if (r->time[i] < t_lo - 1e-9 * fabs (t_lo) || r->time[i] > t_hi + 1e-9 * fabs (t_hi))
        FAIL ("point %zu: time %g outside the image's [%g, %g]", i, r->time[i], t_lo, t_hi);
      /* 0 exactly: a trace that ends within a line's width of the x axis ends on it, which
       * may lie outside the image (ep-digitize.c, walk_column()) */
      if ((r->surv[i] < s_lo - slack_s || r->surv[i] > s_hi + slack_s) && r->surv[i] != 0.0)
        FAIL ("point %zu: survival %g outside the image's [%g, %g]", i, r->surv[i], s_lo, s_hi);
      if (i > 0 && r->time[i] < r->time[i - 1])
        FAIL ("point %zu: time %.17g after %.17g", i, r->time[i], r->time[i - 1]);
      /* the level only moves down the image: survival never rises when the axis points up */
      if (i > 0 && by < 0.0 && bx > 0.0 && r->surv[i] > r->surv[i - 1] + slack_s)
        FAIL ("point %zu: survival %.17g after %.17g", i, r->surv[i], r->surv[i - 1]);
    }
}

/* FUZZ_DIGITIZE_PRINT=1: the case as text, to turn a finding into a unit test */
static void
print_case (const EpImage           *image,
            const EpDigitizeOptions *o,
            const EpDigitizeResult  *r)
{
  g_printerr ("%dx%d scale %g x %g:%g,%g:%g y %g:%g,%g:%g colour %d,%d,%d tol %g x_start %g\n",
              image->width, image->height, image->scale, o->x.px1, o->x.v1, o->x.px2, o->x.v2,
              o->y.px1, o->y.v1, o->y.px2, o->y.v2, o->color[0], o->color[1], o->color[2],
              o->tolerance, o->x_start);
  for (int y = 0; y < image->height; y++)
    {
      for (int x = 0; x < image->width; x++)
        {
          const guint8 *p = image->rgb + (gsize) y * image->stride + 3 * (gsize) x;
          char c = '?';

          for (int k = 0; k < 8; k++)
            if (memcmp (p, palette[k], 3) == 0)
              c = ".CoKg+b~"[k];
          g_printerr ("%c", c);
        }
      g_printerr ("\n");
    }
  for (gsize i = 0; i < r->n; i++)
    g_printerr ("%.17g %.17g\n", r->time[i], r->surv[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  EpDigitizeOptions o;
  static const double scales[] = { 1.0, 1.0, 2.0, 4.0 };
  int w, h;
  guint flags;

  fuzz_init ();
  if (size < 15)
    return 0;
  w = 1 + data[0] % 200;
  h = 1 + data[1] % 200;
  flags = data[2];
  image = ep_image_new (w, h);
  image->scale = scales[(flags >> 1) & 3];
  if (flags & 1)
    {
      /* raw: two palette indices a byte */
      gsize n = (gsize) w * h;

      for (gsize k = 0; k < n && 15 + k / 2 < size; k++)
        {
          guint v = data[15 + k / 2] >> (4 * (k & 1));

          put (image, (int) (k % w), (int) (k / w), (v & 8) ? 0 : v);
        }
    }
  else
    draw (image, data + 15, size - 15);

  ep_digitize_options_init (&o);
  make_calibration (flags >> 4, data + 7, w, h, image->scale, &o);
  through_text (&o.x);
  through_text (&o.y);
  o.tolerance = data[3];
  if (data[4] != 0)
    o.x_start = (data[4] & 128) ? -(double) (data[4] & 127) : (data[4] & 127) / 4.0;
  if (flags & 8)
    colour_at_click (image, data[5] % w, data[6] % h, o.color);
  else
    memcpy (o.color, palette[1 + data[5] % 7], 3);

  result = ep_digitize_trace (image, &o, &error);
  if (result == NULL)
    {
      if (error == NULL || error->domain != EP_DIGITIZE_ERROR || error->message[0] == '\0')
        FAIL ("no points and no error");
      return 0;
    }
  if (error != NULL)
    FAIL ("points and an error");
  if (g_getenv ("FUZZ_DIGITIZE_PRINT") != NULL)
    print_case (image, &o, result);
  check_result (image, &o, result);
  return 0;
}

#ifndef EP_FUZZING
/* Without -Dfuzzing: a replayer of the files named on its command line (the suite's
 * fuzz-digitize-replay runs the seeds, the findings among them, through the checks above). */
int
main (int    argc,
      char **argv)
{
  return fuzz_replay (argc, argv);
}
#endif
