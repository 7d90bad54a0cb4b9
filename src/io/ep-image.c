/* ep-image.c: a figure file as a pixel buffer, for the digitizer
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "io/ep-image.h"

G_DEFINE_QUARK (ep-image-error-quark, ep_image_error)

/* Neither poppler-glib 22 nor librsvg 2.54 declares these. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsvgHandle, g_object_unref)

/* Rasters larger than this (per side) are refused: a mistyped scale should not eat the memory. */
#define MAX_SIDE 20000

EpImage *
ep_image_new (int width,
              int height)
{
  EpImage *image = g_new0 (EpImage, 1);

  image->width = width;
  image->height = height;
  image->stride = 3 * width;
  image->rgb = g_malloc ((gsize) image->stride * height);
  memset (image->rgb, 255, (gsize) image->stride * height);
  image->scale = 1.0;
  return image;
}

void
ep_image_free (EpImage *image)
{
  if (image == NULL)
    return;
  g_free (image->rgb);
  g_free (image);
}

static EpImage *
from_pixbuf (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf), rs = gdk_pixbuf_get_rowstride (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  EpImage *image = ep_image_new (w, h);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = src + (gsize) y * rs + (gsize) x * n;
        guint8 *q = image->rgb + (gsize) y * image->stride + 3 * x;
        int a = alpha ? p[3] : 255;

        /* Composite on white. */
        for (int c = 0; c < 3; c++)
          q[c] = (guint8) ((p[c] * a + 255 * (255 - a) + 127) / 255);
      }
  return image;
}

static EpImage *
from_surface (cairo_surface_t *surface,
              double           scale)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int rs = cairo_image_surface_get_stride (surface);
  const guint8 *src;
  EpImage *image = ep_image_new (w, h);

  cairo_surface_flush (surface);
  src = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (src + (gsize) y * rs + 4 * (gsize) x);
        guint8 *q = image->rgb + (gsize) y * image->stride + 3 * x;

        /* The surface was painted white first, so it is opaque. */
        q[0] = (px >> 16) & 0xff;
        q[1] = (px >> 8) & 0xff;
        q[2] = px & 0xff;
      }
  image->scale = scale;
  return image;
}

static cairo_surface_t *
white_surface (double   width,
               double   height,
               double   scale,
               cairo_t **cr,
               GError  **error)
{
  double w = ceil (width * scale), h = ceil (height * scale);
  cairo_surface_t *surface;

  if (!(w >= 1 && h >= 1 && w <= MAX_SIDE && h <= MAX_SIDE))
    {
      g_set_error (error, EP_IMAGE_ERROR, EP_IMAGE_ERROR_FORMAT,
                   _("The figure would be %.0f × %.0f pixels at this scale"), w, h);
      return NULL;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
  *cr = cairo_create (surface);
  cairo_set_source_rgb (*cr, 1, 1, 1);
  cairo_paint (*cr);
  cairo_scale (*cr, scale, scale);
  return surface;
}

static EpImage *
load_pdf (const char *path,
          int         page_number,
          double      scale,
          GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(GError) local = NULL;
  cairo_surface_t *surface;
  cairo_t *cr = NULL;
  double w, h;
  EpImage *image;

  doc = poppler_document_new_from_gfile (file, NULL, NULL, &local);
  if (doc == NULL)
    {
      g_set_error (error, EP_IMAGE_ERROR, EP_IMAGE_ERROR_FORMAT, "%s: %s", path, local->message);
      return NULL;
    }
  if (page_number < 1 || page_number > poppler_document_get_n_pages (doc))
    {
      g_set_error (error, EP_IMAGE_ERROR, EP_IMAGE_ERROR_PAGE,
                   _("%s: there is no page %d (the document has %d)"), path, page_number,
                   poppler_document_get_n_pages (doc));
      return NULL;
    }
  page = poppler_document_get_page (doc, page_number - 1);
  poppler_page_get_size (page, &w, &h);
  surface = white_surface (w, h, scale, &cr, error);
  if (surface == NULL)
    return NULL;
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  image = from_surface (surface, scale);
  cairo_surface_destroy (surface);
  return image;
}

static EpImage *
load_svg (const char *path,
          double      scale,
          GError    **error)
{
  g_autoptr(RsvgHandle) handle = NULL;
  g_autoptr(GError) local = NULL;
  cairo_surface_t *surface;
  cairo_t *cr = NULL;
  RsvgRectangle viewport;
  double w, h;
  EpImage *image;

  handle = rsvg_handle_new_from_file (path, &local);
  if (handle == NULL)
    {
      g_set_error (error, EP_IMAGE_ERROR, EP_IMAGE_ERROR_FORMAT, "%s: %s", path, local->message);
      return NULL;
    }
  rsvg_handle_set_dpi (handle, 96.0);
  if (!rsvg_handle_get_intrinsic_size_in_pixels (handle, &w, &h))
    {
      g_set_error (error, EP_IMAGE_ERROR, EP_IMAGE_ERROR_FORMAT,
                   _("%s: the SVG has no size of its own (width and height)"), path);
      return NULL;
    }
  surface = white_surface (w, h, scale, &cr, error);
  if (surface == NULL)
    return NULL;
  viewport = (RsvgRectangle) { 0, 0, w, h };
  if (!rsvg_handle_render_document (handle, cr, &viewport, &local))
    {
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_set_error (error, EP_IMAGE_ERROR, EP_IMAGE_ERROR_FORMAT, "%s: %s", path, local->message);
      return NULL;
    }
  cairo_destroy (cr);
  image = from_surface (surface, scale);
  cairo_surface_destroy (surface);
  return image;
}

EpImage *
ep_image_load (const char  *path,
               int          page,
               double       vector_scale,
               GError     **error)
{
  g_autofree char *head = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  char buffer[512];
  gssize got;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(vector_scale > 0.0))
    vector_scale = 4.0;

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local);
  if (stream == NULL)
    {
      g_set_error (error, EP_IMAGE_ERROR, EP_IMAGE_ERROR_FORMAT, "%s", local->message);
      return NULL;
    }
  got = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer - 1, NULL, NULL);
  if (got < 0)
    got = 0;
  buffer[got] = '\0';

  if (got >= 5 && memcmp (buffer, "%PDF-", 5) == 0)
    return load_pdf (path, page, vector_scale, error);
  head = g_ascii_strdown (buffer, got);
  if (strstr (head, "<svg") != NULL
      || (g_str_has_prefix (g_strchug (head), "<?xml") && g_str_has_suffix (path, ".svg")))
    return load_svg (path, vector_scale, error);

  pixbuf = gdk_pixbuf_new_from_file (path, &local);
  if (pixbuf == NULL)
    {
      g_set_error (error, EP_IMAGE_ERROR, EP_IMAGE_ERROR_FORMAT,
                   _("%s: not an image Endpoint can read (PNG, JPEG, SVG or PDF): %s"), path,
                   local->message);
      return NULL;
    }
  return from_pixbuf (pixbuf);
}
