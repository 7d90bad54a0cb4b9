/* ep-zph-plot.c: the figure of a proportional-hazards check
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ep-zph-plot.h.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "core/ep-smooth.h"
#include "plot/ep-plot-private.h"
#include "plot/ep-zph-plot.h"

#define N_SMOOTH 80

/* The event time whose g(t) is nearest x. */
static double
time_at (const EpCoxZph *zph,
         double          x)
{
  double best = NAN, distance = INFINITY;

  for (gsize i = 0; i < zph->n_events; i++)
    if (fabs (zph->x[i] - x) < distance)
      {
        distance = fabs (zph->x[i] - x);
        best = zph->time[i];
      }
  return best;
}

static void
draw_panel (cairo_t           *cr,
            const EpZphPlot   *plot,
            guint              term,
            const EpPlotStyle *style,
            double             left,
            double             top,
            double             width,
            double             height)
{
  const EpCoxZph *zph = plot->zph;
  gsize n = zph->n_events;
  g_autofree double *y = g_new (double, MAX (n, 1));
  double at[N_SMOOTH], fit[N_SMOOTH], se[N_SMOOTH];
  double x_min = INFINITY, x_max = -INFINITY, y_min = INFINITY, y_max = -INFINITY;
  double coef = plot->coef != NULL ? plot->coef[term] : NAN;
  double fs = style->font_size;
  double pl, pr, pt, pb, y_step, x_step;
  int y_decimals;
  g_autofree char *p = EP_PLOT_P (style, zph->p[term]);
  g_autofree char *title = g_strdup_printf ("%s   p = %s", plot->terms[term], p);
  g_autofree char *x_label = NULL;
  EpPlotRgb accent = ep_plot_palette_color (style->palette, 0);
  EpPlotRgb grey = { 0.3, 0.3, 0.3 };

  for (gsize i = 0; i < n; i++)
    {
      y[i] = zph->y[i * zph->n_terms + term];
      if (isnan (y[i]))
        continue;
      x_min = MIN (x_min, zph->x[i]);
      x_max = MAX (x_max, zph->x[i]);
    }
  if (!(x_max > x_min))
    {
      x_min = isfinite (x_min) ? x_min - 0.5 : 0.0;
      x_max = x_min + 1.0;
    }
  for (guint k = 0; k < N_SMOOTH; k++)
    at[k] = x_min + (x_max - x_min) * k / (N_SMOOTH - 1);
  ep_smooth_local_linear (zph->x, y, n, (x_max - x_min) / 6.0, at, N_SMOOTH, fit, se);

  /* the y range: the smooth's band and the lines, widened by the middle 95% of the points so
   * that a few extreme residuals do not flatten the smooth (R's plot.cox.zph does the same
   * with its resid = TRUE default and the band setting the range) */
  for (guint k = 0; k < N_SMOOTH; k++)
    if (isfinite (fit[k]))
      {
        double s = isfinite (se[k]) ? 2.0 * se[k] : 0.0;

        y_min = MIN (y_min, fit[k] - s);
        y_max = MAX (y_max, fit[k] + s);
      }
  {
    g_autofree double *sorted = g_new (double, MAX (n, 1));
    gsize m = 0;

    for (gsize i = 0; i < n; i++)
      if (!isnan (y[i]))
        sorted[m++] = y[i];
    if (m > 0)
      {
        for (gsize i = 1; i < m; i++)
          for (gsize j = i; j > 0 && sorted[j - 1] > sorted[j]; j--)
            {
              double t = sorted[j];

              sorted[j] = sorted[j - 1];
              sorted[j - 1] = t;
            }
        y_min = MIN (y_min, sorted[(gsize) floor (0.025 * (m - 1))]);
        y_max = MAX (y_max, sorted[(gsize) ceil (0.975 * (m - 1))]);
      }
  }
  y_min = MIN (y_min, 0.0);
  y_max = MAX (y_max, 0.0);
  if (isfinite (coef))
    {
      y_min = MIN (y_min, coef);
      y_max = MAX (y_max, coef);
    }
  if (!(y_max > y_min))
    {
      y_min -= 1.0;
      y_max += 1.0;
    }
  y_step = ep_plot_nice_step (y_max - y_min, 4);
  y_min = floor (y_min / y_step) * y_step;
  y_max = ceil (y_max / y_step) * y_step;
  y_decimals = ep_plot_step_decimals (y_step);
  x_step = (x_max - x_min) / 4.0;

  /* the plot area */
  pl = left + 3.2 * fs + 4.0;
  pr = left + width - 0.5 * fs;
  pt = top + 2.0 * fs;
  pb = top + height - 3.4 * fs;

#define X(v) (pl + ((v) - x_min) / (x_max - x_min) * (pr - pl))
#define Y(v) (pb - ((v) - y_min) / (y_max - y_min) * (pb - pt))

  ep_plot_set_color (cr, (EpPlotRgb) { 0, 0, 0 }, 1.0);
  ep_plot_text_draw (cr, style, fs + 0.5, EP_TEXT_BOLD, title, pl, top, 0.0, 0.0);

  /* band and smooth */
  cairo_save (cr);
  cairo_rectangle (cr, pl, pt, pr - pl, pb - pt);
  cairo_clip (cr);
  {
    gboolean started = FALSE;

    for (guint k = 0; k < N_SMOOTH; k++)
      if (isfinite (fit[k]) && isfinite (se[k]))
        {
          if (!started)
            cairo_move_to (cr, X (at[k]), Y (fit[k] + 2 * se[k]));
          else
            cairo_line_to (cr, X (at[k]), Y (fit[k] + 2 * se[k]));
          started = TRUE;
        }
    for (int k = N_SMOOTH - 1; k >= 0 && started; k--)
      if (isfinite (fit[k]) && isfinite (se[k]))
        cairo_line_to (cr, X (at[k]), Y (fit[k] - 2 * se[k]));
    if (started)
      {
        cairo_close_path (cr);
        ep_plot_set_color (cr, accent, 0.15);
        cairo_fill (cr);
      }
  }
  /* the residuals */
  ep_plot_set_color (cr, grey, 0.8);
  for (gsize i = 0; i < n; i++)
    if (!isnan (y[i]))
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, X (zph->x[i]), Y (y[i]), 1.3, 0, 2 * G_PI);
      }
  cairo_fill (cr);
  /* 0 and the fitted coefficient */
  cairo_set_line_width (cr, 0.5 * style->axis_width);
  ep_plot_set_color (cr, (EpPlotRgb) { 0, 0, 0 }, 0.6);
  cairo_set_dash (cr, (double[]) { 0.8, 1.6 }, 2, 0);
  cairo_move_to (cr, pl, Y (0.0));
  cairo_line_to (cr, pr, Y (0.0));
  cairo_stroke (cr);
  if (isfinite (coef))
    {
      cairo_set_line_width (cr, 0.8 * style->line_width);
      cairo_set_dash (cr, (double[]) { 3.0, 2.0 }, 2, 0);
      ep_plot_set_color (cr, accent, 0.9);
      cairo_move_to (cr, pl, Y (coef));
      cairo_line_to (cr, pr, Y (coef));
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  /* the smooth */
  {
    gboolean started = FALSE;

    cairo_set_line_width (cr, style->line_width);
    ep_plot_set_color (cr, accent, 1.0);
    for (guint k = 0; k < N_SMOOTH; k++)
      if (isfinite (fit[k]))
        {
          if (!started)
            cairo_move_to (cr, X (at[k]), Y (fit[k]));
          else
            cairo_line_to (cr, X (at[k]), Y (fit[k]));
          started = TRUE;
        }
    cairo_stroke (cr);
  }
  cairo_restore (cr);

  /* axes */
  ep_plot_set_color (cr, (EpPlotRgb) { 0, 0, 0 }, 1.0);
  cairo_set_line_width (cr, style->axis_width);
  cairo_move_to (cr, pl, pt);
  cairo_line_to (cr, pl, pb);
  cairo_line_to (cr, pr, pb);
  cairo_stroke (cr);
  for (double v = y_min; v <= y_max + 1e-9 * y_step; v += y_step)
    {
      g_autofree char *text = EP_PLOT_NUMBER (style, v, y_decimals);

      cairo_move_to (cr, pl, Y (v));
      cairo_line_to (cr, pl - 2.5, Y (v));
      cairo_stroke (cr);
      ep_plot_text_draw (cr, style, fs, EP_TEXT_REGULAR, text, pl - 3.5, Y (v), 1.0, 0.5);
    }
  for (guint k = 0; k <= 4; k++)
    {
      double v = x_min + k * x_step;
      double t = time_at (zph, v);
      g_autofree char *text = EP_PLOT_NUMBER (style, t, fabs (t) >= 10 ? 0 : 1);

      cairo_move_to (cr, X (v), pb);
      cairo_line_to (cr, X (v), pb + 2.5);
      cairo_stroke (cr);
      ep_plot_text_draw (cr, style, fs, EP_TEXT_REGULAR, text, X (v), pb + 3.5, 0.5, 0.0);
    }
  x_label = plot->time_unit != NULL && plot->time_unit[0] != '\0'
            /* TRANSLATORS: the x axis of the PH check figure: "Time (months)" */
            ? g_strdup_printf (P_ (style, N_("Time (%s)")), plot->time_unit)
            : g_strdup (P_ (style, N_("Time")));
  ep_plot_text_draw (cr, style, fs + 0.5, EP_TEXT_REGULAR, x_label, (pl + pr) / 2,
                     pb + 3.5 + 1.4 * fs, 0.5, 0.0);
  ep_plot_text_draw_vertical (cr, style, fs + 0.5, P_ (style, N_("Beta(t)")), left + 0.2 * fs, (pt + pb) / 2);
#undef X
#undef Y
}

void
ep_zph_plot_render (cairo_t           *cr,
                    double             width,
                    double             height,
                    const EpZphPlot   *plot,
                    const EpPlotStyle *style,
                    EpPlotLayout      *layout)
{
  guint n_terms, columns, rows;
  double panel_w, panel_h, top = 0.0;

  g_return_if_fail (plot != NULL && plot->zph != NULL && plot->terms != NULL);

  ep_plot_begin_page (cr, width, height, style, layout);
  n_terms = plot->zph->n_terms;
  if (n_terms == 0)
    return;
  if (style->title != NULL && style->title[0] != '\0')
    {
      ep_plot_set_color (cr, (EpPlotRgb) { 0, 0, 0 }, 1.0);
      ep_plot_text_draw (cr, style, style->title_size, EP_TEXT_BOLD, style->title, width / 2,
                         2.0, 0.5, 0.0);
      top = style->title_size * 1.6;
    }
  columns = MIN (n_terms, 3);
  rows = (n_terms + columns - 1) / columns;
  panel_w = width / columns;
  panel_h = (height - top) / rows;
  for (guint t = 0; t < n_terms; t++)
    draw_panel (cr, plot, t, style, (t % columns) * panel_w + 2.0,
                top + (t / columns) * panel_h + 2.0, panel_w - 4.0, panel_h - 4.0);
}
