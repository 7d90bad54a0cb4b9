/* ep-image.h: a figure file as a pixel buffer, for the digitizer
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads PNG and JPEG (gdk-pixbuf), SVG (librsvg) and one page of a PDF (poppler-glib) into an
 * RGB buffer composited on white, which ep-digitize.h traces. Raster images keep their pixels
 * (scale 1). Vector images are rasterised at `scale` raster pixels per document unit, where the
 * document unit is the SVG's CSS pixel or the PDF's point (1/72 inch): positions a user gives
 * (axis ticks) are in document units, and the digitizer multiplies them by the scale.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EP_IMAGE_ERROR (ep_image_error_quark ())

typedef enum
{
  EP_IMAGE_ERROR_FORMAT,   /* not a PNG, JPEG, SVG or PDF, or the library cannot read it */
  EP_IMAGE_ERROR_PAGE,     /* the PDF has no such page */
} EpImageError;

typedef struct
{
  int     width;           /* raster pixels */
  int     height;
  int     stride;          /* bytes per row: 3 * width */
  guint8 *rgb;             /* R, G, B per pixel, rows from the top */
  double  scale;           /* raster pixels per document unit (1 for PNG and JPEG) */
} EpImage;

GQuark    ep_image_error_quark (void);

/* page: 1-based, PDF only (ignored otherwise). vector_scale: raster pixels per document unit
 * for SVG and PDF (e.g. 4); ignored for raster images. The format comes from the content
 * (PDF and SVG by their first bytes), not the file name. */
EpImage  *ep_image_load        (const char  *path,
                                int          page,
                                double       vector_scale,
                                GError     **error);
/* A buffer of the given size, white. */
EpImage  *ep_image_new         (int          width,
                                int          height);
void      ep_image_free        (EpImage     *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpImage, ep_image_free)

G_END_DECLS
