/* ep-plot-export.h: a figure to PDF, SVG, EPS, PNG or TIFF at its exact physical size
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The size is style->width_mm x style->height_mm. Vector files are that size in points
 * (mm / 25.4 x 72; the SVG's width and height are written in "pt"; EPS's %%BoundingBox is
 * whole points, the size rounded up, and cairo computes it from the ink, so a figure drawn with
 * style->transparent may get a smaller box). Raster files are
 * round (mm / 25.4 x dpi) pixels each way and carry the resolution: PNG in a pHYs chunk (pixels
 * per metre, rounded, which every reader turns back into the dpi), TIFF in XResolution,
 * YResolution and ResolutionUnit = inch, compressed with LZW (libtiff). The renderer draws at
 * dpi / 72 device pixels per point, so a raster file is the vector figure sampled.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "plot/ep-plot-style.h"

G_BEGIN_DECLS

#define EP_PLOT_ERROR (ep_plot_error_quark ())

typedef enum
{
  EP_PLOT_ERROR_FORMAT,   /* a file name whose extension is not a format we write */
  EP_PLOT_ERROR_SIZE,     /* a size or resolution out of range */
  EP_PLOT_ERROR_WRITE,    /* the file could not be written */
} EpPlotError;

typedef enum
{
  EP_PLOT_FORMAT_PDF,
  EP_PLOT_FORMAT_SVG,
  EP_PLOT_FORMAT_EPS,
  EP_PLOT_FORMAT_PNG,
  EP_PLOT_FORMAT_TIFF,
} EpPlotFormat;

/* Draws a figure into (0, 0, width, height) points of cr: ep_km_plot_render() and its
 * siblings with their data bound. */
typedef void (*EpPlotDrawFunc) (cairo_t    *cr,
                                double      width,
                                double      height,
                                gpointer    user_data);

GQuark       ep_plot_error_quark             (void);

/* From the extension, case-insensitive: .pdf .svg .eps .ps .png .tif .tiff. */
gboolean     ep_plot_format_from_filename    (const char        *path,
                                              EpPlotFormat      *format);
const char  *ep_plot_format_to_string        (EpPlotFormat       format);

/* ep_plot_export: writes the figure that draw draws to path in format, at style's size and,
 * for PNG and TIFF, its dpi. Limits: 5 to 2000 mm each way, 36 to 4800 dpi and at most
 * 32767 pixels each way. Returns FALSE with EP_PLOT_ERROR on a bad size or a failed write. */
gboolean     ep_plot_export                  (const char        *path,
                                              EpPlotFormat       format,
                                              const EpPlotStyle *style,
                                              EpPlotDrawFunc     draw,
                                              gpointer           user_data,
                                              GError           **error);

G_END_DECLS
