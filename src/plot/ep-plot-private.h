/* ep-plot-private.h: what the renderers in src/plot share; not for other layers
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "plot/ep-plot-layout.h"
#include "plot/ep-plot-style.h"
#include "plot/ep-plot-i18n.h"
#include "plot/ep-km-plot.h"

G_BEGIN_DECLS

/* ---- the page (ep-plot-layout.c) ---------------------------------------------------------- */

/* Starts a figure of width x height on cr: resets layout (when not NULL) to that size and,
 * unless style->transparent, paints the whole area white. */
void         ep_plot_begin_page      (cairo_t           *cr,
                                      double             width,
                                      double             height,
                                      const EpPlotStyle *style,
                                      EpPlotLayout      *layout);

/* ---- text (ep-plot-text.c) ---------------------------------------------------------------- */

typedef enum
{
  EP_TEXT_REGULAR = 0,
  EP_TEXT_BOLD    = 1 << 0,
  EP_TEXT_ITALIC  = 1 << 1,
} EpTextFlags;

/* A Pango layout for cr at 72 dpi (one point of font size is one user unit), without hinting
 * of metrics, so that a figure has the same geometry on screen, in PDF and in PNG. */
PangoLayout *ep_plot_text_new        (cairo_t           *cr,
                                      const EpPlotStyle *style,
                                      double             size,
                                      EpTextFlags        flags,
                                      const char        *text);
/* The logical size of a layout in user units. */
void         ep_plot_text_size       (PangoLayout       *layout,
                                      double            *width,
                                      double            *height);
/* Wraps layout at word boundaries to at most max_width (user units), as evenly as the words
 * allow: the narrowest width that needs no more lines than max_width does, so a label's last
 * line is not one short word ("... Figure" / "2)"). A layout that fits is left alone. */
void         ep_plot_text_wrap_balanced (PangoLayout    *layout,
                                         double          max_width);
double       ep_plot_text_width      (cairo_t           *cr,
                                      const EpPlotStyle *style,
                                      double             size,
                                      EpTextFlags        flags,
                                      const char        *text);
/* Draws text with the point (x, y) at the fraction (halign, valign) of its logical box:
 * (0, 0) top-left, (0.5, 0.5) centre, (1, 1) bottom-right. Returns the box's left x. */
double       ep_plot_text_draw       (cairo_t           *cr,
                                      const EpPlotStyle *style,
                                      double             size,
                                      EpTextFlags        flags,
                                      const char        *text,
                                      double             x,
                                      double             y,
                                      double             halign,
                                      double             valign);
/* The same, rotated 90 degrees counter-clockwise about (x, y) (a y-axis label). */
void         ep_plot_text_draw_vertical (cairo_t           *cr,
                                         const EpPlotStyle *style,
                                         double             size,
                                         const char        *text,
                                         double             x,
                                         double             y);

/* ---- numbers (ep-plot-text.c); never the locale's LC_NUMERIC, U+2212 for minus ------------- */

/* With a dot decimal. */
char        *ep_plot_format_number   (double             value,
                                      int                decimals);
/* With a dot, or a comma when comma (ep_plot_style_decimal_comma()): "0,065", "−2,5". */
char        *ep_plot_format_decimal  (double             value,
                                      int                decimals,
                                      gboolean           comma);
/* "< 0.001", "0.004", "0.065", "0.43": three decimals below 0.1, two above. */
char        *ep_plot_format_p        (double             p);
char        *ep_plot_format_p_decimal (double            p,
                                       gboolean          comma);
/* A renderer's numbers in its style's decimal mark, its text in the style's language. */
#define EP_PLOT_NUMBER(style, value, decimals) \
  ep_plot_format_decimal ((value), (decimals), ep_plot_style_decimal_comma (style))
#define EP_PLOT_P(style, p) ep_plot_format_p_decimal ((p), ep_plot_style_decimal_comma (style))
#define P_(style, msgid) ep_plot_gettext ((style), (msgid))
/* Decimals needed to write every multiple of step (0 for 10, 1 for 2.5 -> 1, 0.25 -> 2). */
int          ep_plot_step_decimals   (double             step);
/* A round step (1, 2, 2.5 or 5 x 10^k) giving about target intervals over range. */
double       ep_plot_nice_step       (double             range,
                                      guint              target);

void         ep_plot_set_color       (cairo_t           *cr,
                                      EpPlotRgb          color,
                                      double             alpha);

/* ---- step figures (ep-step-figure.c): the engine under the KM and CIF renderers ------------- */

/* One right-continuous step curve: value y0 from time 0, then y[j] from t[j] on, flat to t_end.
 * Arrays are read with a byte stride so that EpKmStep arrays can be used in place. */
typedef struct
{
  const char   *label;
  EpPlotRgb     color;
  double        dash;        /* 0: solid; else the dash length in points */
  double        y0;
  gsize         n;
  gsize         stride;      /* bytes between consecutive t (and y, lower, upper, n_censor) */
  const double *t;           /* data time units, ascending */
  const double *y;
  const double *lower;       /* NULL: no CI; NaN entries: the CI is the curve there */
  const double *upper;
  const guint  *n_censor;    /* NULL: no censoring marks */
  double        t_end;
  double        median;      /* data time units; NaN: no median line */
  double        t_offset;    /* data time units added to every time (t, t_end, median): a
                              * landmark analysis's curves drawn on the original time axis
                              * start at the landmark; 0: none */
} EpStepSeries;

/* A row of the table under the plot: a label and a number per tick (NaN: blank). A row whose
 * values is NULL is a heading (KMunicate's group name above its three rows). */
typedef struct
{
  char      *label;
  EpPlotRgb  color;
  double    *values;
} EpRiskRow;

typedef enum
{
  EP_CORNER_TOP_LEFT,
  EP_CORNER_TOP_RIGHT,
  EP_CORNER_BOTTOM_LEFT,
  EP_CORNER_BOTTOM_RIGHT,
} EpCorner;

typedef struct
{
  EpStepSeries *series;
  guint         n_series;
  double        time_scale;   /* axis units per data time unit */
  double        x_max;        /* axis units; the axis starts at 0 */
  guint         n_ticks;
  const double *ticks;        /* axis units */
  int           x_decimals;
  double        y_min;
  double        y_max;
  double        y_step;
  gboolean      y_max_flexible; /* y_max came from the data: raise it (up to 1) for the legend */
  gboolean      y_percent;
  EpPlotCi      ci;
  gboolean      censor_marks;
  gboolean      median_lines;
  EpPlotLegend  legend;
  EpCorner      legend_corner;      /* for EP_PLOT_LEGEND_INSIDE */
  EpCorner      annotation_corner;  /* below the legend when it is the legend's corner */
  const char   *x_label;
  const char   *y_label;
  const char   *annotation;   /* NULL or lines separated by '\n' */
  const char   *risk_title;   /* NULL: no table */
  guint         n_rows;
  EpRiskRow    *rows;
  const char   *marker_label; /* NULL: none; else a dashed vertical line at marker_x (axis
                               * units) with this label at its top ("Landmark: 6 months") */
  double        marker_x;
} EpStepFigure;

void         ep_step_figure_draw     (cairo_t            *cr,
                                      double              width,
                                      double              height,
                                      const EpStepFigure *figure,
                                      const EpPlotStyle  *style,
                                      EpPlotLayout       *layout);

/* Shared by the KM and CIF renderers: days per unit, unit names, axis ticks. */
double       ep_plot_time_unit_days  (EpPlotTimeUnit     unit);
double       ep_plot_time_scale      (const EpTimePlotOptions *options);
char        *ep_plot_time_axis_label (const EpTimePlotOptions *options,
                                      const EpPlotStyle  *style);
/* Fills ticks (g_free) from 0 to *x_max (updated to the last tick when automatic). */
guint        ep_plot_time_ticks      (const EpTimePlotOptions *options,
                                      double             data_max,
                                      double            *x_max,
                                      double           **ticks,
                                      int               *decimals);
void         ep_risk_rows_free       (EpRiskRow          *rows,
                                      guint               n_rows);

G_END_DECLS
