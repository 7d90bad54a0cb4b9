/* ep-digitize.h: trace a step curve of a Kaplan-Meier figure by its colour
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C on a pixel buffer (ep-image.h), no image library: the GUI digitizer and endpoint-cli
 * digitize share it. It lives in src/io because it reads data out of a figure file; it is not
 * statistics (src/core) and needs no GObject.
 */
#pragma once

#include <glib.h>

#include "io/ep-image.h"

G_BEGIN_DECLS

#define EP_DIGITIZE_ERROR (ep_digitize_error_quark ())

typedef enum
{
  EP_DIGITIZE_ERROR_CALIBRATION,  /* two ticks of an axis at one pixel, or equal values; time
                                   * running left or survival down; values that put survival
                                   * 1 or 0 or the start a million pixels from the image */
  EP_DIGITIZE_ERROR_NOT_FOUND,    /* no pixel of the colour where the curve must start, or a
                                   * start time outside the image */
} EpDigitizeError;

/* An axis from two known ticks: pixel positions in document units (ep-image.h: image pixels
 * from the top-left corner, a pixel's centre at +0.5) and their values. */
typedef struct
{
  double px1, v1;
  double px2, v2;
} EpAxisCalibration;

typedef struct
{
  EpAxisCalibration x;            /* time */
  EpAxisCalibration y;            /* survival; values above 1.5 are read as percent */
  guint8            color[3];     /* the curve's colour, R G B */
  double            tolerance;    /* largest RGB distance (0-442) of a curve pixel; 0: 60 */
  double            x_start;      /* time where the curve starts (default 0) */
} EpDigitizeOptions;

typedef struct
{
  gsize   n;                      /* points, ascending in time */
  double *time;
  double *surv;                   /* proportions */
  double  line_width;             /* the traced line's thickness, raster pixels */
  guint   n_drops;                /* vertical steps found */
  guint   n_marks;                /* censor marks (or other blobs) passed over */
  guint   n_gap_columns;          /* columns where the curve was hidden */
} EpDigitizeResult;

GQuark             ep_digitize_error_quark   (void);

void               ep_digitize_options_init  (EpDigitizeOptions       *options);

/* Parses "PX1:V1,PX2:V2" (C locale). FALSE on anything else. */
gboolean           ep_axis_calibration_parse (const char              *text,
                                              EpAxisCalibration       *axis);

/* ep_digitize_trace: the points of one step curve.
 *
 * Method: pixels within `tolerance` of the colour form a mask. The trace starts at time
 * x_start, at the run of the colour nearest to survival 1 (the KM curve starts at (0, 1)), and
 * walks right column by column keeping the curve's level L (the y of its horizontal line, which
 * may only move down):
 *   - a column whose run through L is about one line width tall continues the line: L is its
 *     centre (never above the previous L);
 *   - a taller run through L is a vertical step or a censor mark: the next thin run connected to
 *     it decides; one at L (within the line width) means a mark and the level stays, else the
 *     curve dropped to the thin run nearest the tall run's bottom: two points (t, S_before) and
 *     (t, S_after);
 *   - a column without the colour at L (another curve drawn over it, text) is a gap: the level
 *     is kept and the next thin run at or below L (never above) resumes the trace;
 *   - a step found below another line that hid its upper part (where the trace lost the level,
 *     or where it followed a sliver of the line above the covering one) is taken from the first
 *     column of its vertical, found by looking back along the runs connected to it: a lone
 *     step at the centre of those columns, a staircase walked from there;
 *   - the curve ends at the last column where it was seen;
 *   - a first step within a line's width of x_start (its vertical cut by the axis, or its top
 *     under another colour's ink reaching up to survival 1) starts the curve at survival 1
 *     and drops at the first column where the curve shows;
 *   - a group of close drops with another colour drawn beside it (two arms falling steeply
 *     together, a spine) is rebuilt from the stroke's side edges where they lie against the
 *     background (right edge at G(y + w/2) + w/2, left at G(y - w/2) - w/2, G the path's
 *     column at level y, w the line's width measured on its flat parts): the edges' columns
 *     are the verticals, where they change the levels; hidden levels in between are
 *     interpolated;
 *   - within a tall region, columns reaching as far above the level as below it are a
 *     censor mark's and give no drop; so is, in a staircase, a lone column right after a drop
 *     hanging below the new level where the stroke's right edge shows no corner (a mark's tick
 *     at that death's time, the rest of it under the next step's vertical);
 *   - afterwards each drop taller than the line is wide is placed at its vertical's centre read
 *     from the anti-aliased coverage of the rows where only the vertical is drawn (sub-pixel),
 *     and split in two when its upper and lower rows are at different columns (two steps
 *     closer than the line's width);
 *   - last, no point lies before x_start or before the point before it, nor above the point
 *     before it, nor right of the image (where the rules above would put one there, it moves
 *     right, down or left to it): the points ascend in time and never rise.
 * Runs above L (the CI's upper line, legends, text) are never followed; colours other than the
 * curve's (the CI band's tint, axes, grid) are not in the mask. One point per column on the
 * flat parts keeps the censoring times' resolution for the reconstruction.
 * Errors: EP_DIGITIZE_ERROR_CALIBRATION, EP_DIGITIZE_ERROR_NOT_FOUND (the message says where
 * it looked). */
EpDigitizeResult  *ep_digitize_trace         (const EpImage           *image,
                                              const EpDigitizeOptions *options,
                                              GError                 **error);

void               ep_digitize_result_free   (EpDigitizeResult        *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpDigitizeResult, ep_digitize_result_free)

G_END_DECLS
