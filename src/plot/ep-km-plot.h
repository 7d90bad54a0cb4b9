/* ep-km-plot.h: the Kaplan-Meier figure
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A journal-style survival figure from an EpKmResult: step curves with censoring marks, the
 * confidence interval as bands or dashed lines, a number-at-risk table whose numbers are centred
 * under the x-axis ticks (optionally with KMunicate's rows of censored and events), median
 * lines, a legend and an annotation with the log-rank p and a hazard ratio.
 *
 * One call draws the whole figure into a cairo context, so the same code serves a
 * GtkDrawingArea's draw function and the exporters (ep-plot-export.h):
 *
 *   EpKmPlot plot;
 *
 *   ep_km_plot_init (&plot, fit);
 *   plot.labels = (const char * const *) levels->levels;
 *   plot.logrank_p = logrank->p;
 *   ep_km_plot_render (cr, width, height, &plot, &style, NULL);
 *
 * Sizes are points. A preview that shows the exported figure draws at the export size scaled to
 * the widget, so that fonts and lines keep their proportions:
 *
 *   double w = ep_plot_mm_to_pt (style.width_mm), h = ep_plot_mm_to_pt (style.height_mm);
 *   double scale = MIN (widget_width / w, widget_height / h);
 *
 *   cairo_scale (cr, scale, scale);
 *   ep_km_plot_render (cr, w, h, &plot, &style, layout);
 *
 * (the layout is then in figure points: divide pointer positions by scale to hit-test).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "core/ep-km.h"
#include "plot/ep-plot-layout.h"
#include "plot/ep-plot-style.h"

G_BEGIN_DECLS

typedef enum
{
  EP_PLOT_CI_NONE,
  EP_PLOT_CI_BANDS,            /* shaded, 15% of the curve's colour */
  EP_PLOT_CI_LINES,            /* thin dashed step lines */
} EpPlotCi;

typedef enum
{
  EP_PLOT_TIME_UNSPECIFIED,    /* the data's unit is unknown: no conversion, axis "Time" */
  EP_PLOT_TIME_DAYS,
  EP_PLOT_TIME_WEEKS,          /* 7 days */
  EP_PLOT_TIME_MONTHS,         /* 30.4375 days (365.25 / 12) */
  EP_PLOT_TIME_YEARS,          /* 365.25 days */
} EpPlotTimeUnit;

typedef enum
{
  EP_PLOT_LEGEND_NONE,
  EP_PLOT_LEGEND_INSIDE,       /* in the corner of the plot area the curves leave free */
  EP_PLOT_LEGEND_OUTSIDE,      /* to the right of the plot area */
} EpPlotLegend;

/* The options that survival and cumulative incidence figures share. */
typedef struct
{
  EpPlotCi        ci;                /* default EP_PLOT_CI_BANDS for KM, NONE for CIF */
  gboolean        censor_marks;      /* default TRUE for KM */
  gboolean        risk_table;        /* default TRUE */
  gboolean        risk_table_events; /* KMunicate: censored and events rows too; default FALSE */
  gboolean        median_lines;      /* default FALSE */
  EpPlotLegend    legend;            /* default INSIDE (NONE when there is one curve) */
  EpPlotTimeUnit  data_unit;         /* the unit of the fitted times; default UNSPECIFIED */
  EpPlotTimeUnit  time_unit;         /* the axis; UNSPECIFIED: data_unit. With a data_unit
                                      * UNSPECIFIED and a time_unit set, the data are in days */
  double          tick_interval;     /* axis units; 0: automatic */
  double          x_max;             /* axis units; 0 or NaN: automatic (the last time) */
  double          y_min;             /* proportions: default 0 and 1 (CIF: NaN, automatic) */
  double          y_max;
  gboolean        y_percent;         /* label the y axis 0-100 instead of 0-1 */
} EpTimePlotOptions;

/* What a KM figure shows. Pointers are borrowed for the duration of a render call. */
typedef struct
{
  const EpKmResult    *fit;
  const char * const  *labels;      /* fit->n_groups group names; NULL: "Group 1", … */
  double               logrank_p;   /* NaN: not shown */
  double               hr;          /* NaN: not shown; a hazard ratio with its CI */
  double               hr_lower;
  double               hr_upper;
  const char          *hr_label;    /* NULL, or the comparison, e.g. "B vs A", on its own line
                                     * (shown without an HR too) */
  /* Each group's hazard ratio against a reference group (issue 13: three or more groups),
   * fit->n_groups values each (NaN: not estimable), a line per group in the annotation:
   * "1: HR 1.55 (1.09–2.21)", the reference's "0: reference". NULL: not shown. */
  const double        *group_hr;
  const double        *group_hr_lower;
  const double        *group_hr_upper;
  guint                group_hr_reference;
  EpTimePlotOptions    options;
  /* Published arms set beside the curves (issue 17: reconstructed from a figure): drawn dashed
   * in the next colours, without a band or censor marks, in the legend under overlay_labels
   * (which say where they come from), not in the table of numbers at risk. NULL: none. */
  const EpKmResult    *overlay;
  const char * const  *overlay_labels;
  /* A landmark analysis on the original time axis (issue 16): fit's times are from the
   * landmark, drawn at landmark + t (data units; 0: none), the numbers at risk blank before
   * it; marker_label (NULL: none) marks the landmark with a dashed line. */
  double               time_offset;
  const char          *marker_label;
  /* With a time_offset: the curve of all patients from time 0 (its first group), drawn in grey
   * up to the landmark under before_label, without band, marks or numbers at risk. */
  const EpKmResult    *before;
  const char          *before_label;
} EpKmPlot;

void   ep_km_plot_init          (EpKmPlot          *plot,
                                 const EpKmResult  *fit);

void   ep_time_plot_options_init (EpTimePlotOptions *options);

/* "days", "weeks", "months", "years"; FALSE for anything else. */
gboolean ep_plot_time_unit_from_string (const char     *name,
                                        EpPlotTimeUnit *unit);
/* "bands", "lines", "none"; FALSE for anything else. */
gboolean ep_plot_ci_from_string        (const char     *name,
                                        EpPlotCi       *ci);

/* ep_km_plot_render: draws the figure into the rectangle (0, 0, width, height) of cr's user
 * space, in points. layout, when not NULL, is reset and filled with the positions of the ticks,
 * the numbers at risk and the ends of the curves.
 *
 * Steps are merged where they would fall within one device pixel (image surfaces) or within a
 * tenth of a point (vector surfaces), so that a 1e6-subject curve draws in milliseconds; each
 * merged run is drawn as the vertical it spans, which is exact at that resolution. Curves are
 * cut at the axis limits: a curve longer than x_max ends on the right edge of the plot area.
 * The numbers at risk at tick t are the subjects with time >= t (the n.risk of
 * summary (survfit (…), times = t)); the KMunicate rows count censorings and events with
 * time < t, so that the three rows of a group add up to its n. */
void   ep_km_plot_render        (cairo_t           *cr,
                                 double             width,
                                 double             height,
                                 const EpKmPlot    *plot,
                                 const EpPlotStyle *style,
                                 EpPlotLayout      *layout);

G_END_DECLS
