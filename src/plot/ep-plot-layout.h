/* ep-plot-layout.h: where a renderer drew things, for hit-testing and for tests
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every renderer takes an optional EpPlotLayout and fills it with the figure's parts in the
 * cairo user space it drew in (points from the top-left corner of the figure, y down). A test
 * reads it to check alignment (each number at risk centred on the x of its tick); the app can
 * use it to know which curve or forest row is under the pointer. Rendering again resets it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  EP_PLOT_ITEM_X_TICK,         /* value: the tick in axis units; x: the tick; text: its label */
  EP_PLOT_ITEM_Y_TICK,         /* value: the tick in axis units; y: the tick; text: its label */
  EP_PLOT_ITEM_RISK_NUMBER,    /* row: table row, col: tick index, value: the count; x: the
                                * centre of the text, y: its vertical centre; text: as drawn */
  EP_PLOT_ITEM_RISK_LABEL,     /* row: table row; text: the group (and count kind) label */
  EP_PLOT_ITEM_CURVE,          /* row: series; col: the vertices of its path (after merging);
                                * x, y: where the drawn curve ends; width, height: its extent
                                * from (x - width, y - height); text: its label; value:
                                * its dash length, points (0: solid) */
  EP_PLOT_ITEM_LEGEND,         /* row: series; col: the lines its label takes (a long one
                                * wraps); x, y, width, height: the entry's box (line sample
                                * and label) */
  EP_PLOT_ITEM_ANNOTATION,     /* text: the statistics line (log-rank p, HR, Gray's p) */
  EP_PLOT_ITEM_FOREST_ROW,     /* row: the forest row; y: its centre; text: its label */
  EP_PLOT_ITEM_FOREST_SQUARE,  /* row: the forest row; x, y: the centre; width: the side */
  EP_PLOT_ITEM_FOREST_DIAMOND, /* row: the forest row; x, y: the centre; width, height */
  EP_PLOT_ITEM_FOREST_ARROW,   /* row: the forest row; x, y: the tip of a clipped whisker */
  EP_PLOT_ITEM_NULL_LINE,      /* x: the line of no effect */
  EP_PLOT_ITEM_TITLE,
  EP_PLOT_ITEM_CURVE_VERTEX,   /* row: series; col: the vertex's index in its path; x, y */
  EP_PLOT_ITEM_CENSOR_MARK,    /* row: series; x, y: the mark's centre on the curve */
  EP_PLOT_ITEM_NOTE,           /* a forest's note (footnote) wrapped to the figure's width:
                                * row: the forest row; col: its number of lines; x, y, width,
                                * height: the box of its text; text: the whole note */
  EP_PLOT_ITEM_FOREST_CELL,    /* a forest's text other than the label: row: the forest row
                                * (-1: a header); col: the column (ep-forest-plot.c's
                                * EP_FOREST_COL_*, + 8 for the second panel); x, y: the
                                * anchor; text: as drawn */
  EP_PLOT_ITEM_MARKER,         /* a vertical marker line (a landmark): value: its time in axis
                                * units; x: the line; y: the top of its label (written upward);
                                * width, height: the label's box; text: the label */
} EpPlotItemKind;

typedef struct
{
  EpPlotItemKind kind;
  int            row;
  int            col;
  double         value;
  double         x;
  double         y;
  double         width;
  double         height;
  char          *text;
} EpPlotItem;

typedef struct
{
  double     width;            /* the figure, points */
  double     height;
  double     plot_x;           /* the data area (inside the axes), points */
  double     plot_y;
  double     plot_width;
  double     plot_height;
  double     x_min;            /* the axis limits in axis units (display time unit, or the */
  double     x_max;            /* forest's data scale) */
  double     y_min;
  double     y_max;
  GArray    *items;            /* EpPlotItem, in drawing order */
} EpPlotLayout;

EpPlotLayout     *ep_plot_layout_new     (void);
void              ep_plot_layout_free    (EpPlotLayout       *layout);
void              ep_plot_layout_reset   (EpPlotLayout       *layout);

/* Appends an item (text copied, may be NULL) and returns it. */
EpPlotItem       *ep_plot_layout_add     (EpPlotLayout       *layout,
                                          EpPlotItemKind      kind,
                                          int                 row,
                                          int                 col,
                                          double              value,
                                          double              x,
                                          double              y,
                                          double              width,
                                          double              height,
                                          const char         *text);

/* The number of items of a kind, and the first one with that kind, row and col (-1: any). */
guint             ep_plot_layout_count   (const EpPlotLayout *layout,
                                          EpPlotItemKind      kind);
const EpPlotItem *ep_plot_layout_find    (const EpPlotLayout *layout,
                                          EpPlotItemKind      kind,
                                          int                 row,
                                          int                 col);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpPlotLayout, ep_plot_layout_free)

G_END_DECLS
