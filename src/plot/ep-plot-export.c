/* ep-plot-export.c: vector files through cairo's surfaces, PNG with pHYs, TIFF through libtiff
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-ps.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <tiffio.h>

#include "plot/ep-plot-export.h"

#define MIN_MM 5.0
#define MAX_MM 2000.0
#define MIN_DPI 36.0
#define MAX_DPI 4800.0
#define MAX_PX 32767

G_DEFINE_QUARK (ep-plot-error-quark, ep_plot_error)

static const struct
{
  const char   *extension;
  EpPlotFormat  format;
} extensions[] = {
  { ".pdf", EP_PLOT_FORMAT_PDF },
  { ".svg", EP_PLOT_FORMAT_SVG },
  { ".eps", EP_PLOT_FORMAT_EPS },
  { ".ps", EP_PLOT_FORMAT_EPS },
  { ".png", EP_PLOT_FORMAT_PNG },
  { ".tif", EP_PLOT_FORMAT_TIFF },
  { ".tiff", EP_PLOT_FORMAT_TIFF },
};

gboolean
ep_plot_format_from_filename (const char   *path,
                              EpPlotFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (dot, extensions[i].extension) == 0)
      {
        *format = extensions[i].format;
        return TRUE;
      }

  return FALSE;
}

const char *
ep_plot_format_to_string (EpPlotFormat format)
{
  switch (format)
    {
    case EP_PLOT_FORMAT_PDF:
      return "pdf";
    case EP_PLOT_FORMAT_SVG:
      return "svg";
    case EP_PLOT_FORMAT_EPS:
      return "eps";
    case EP_PLOT_FORMAT_PNG:
      return "png";
    case EP_PLOT_FORMAT_TIFF:
      return "tiff";
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_WRITE, _("Could not write “%s”: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
export_vector (const char         *path,
               EpPlotFormat        format,
               const EpPlotStyle  *style,
               EpPlotDrawFunc      draw,
               gpointer            user_data,
               GError            **error)
{
  double width = style->width_mm / 25.4 * 72.0;
  double height = style->height_mm / 25.4 * 72.0;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
    case EP_PLOT_FORMAT_PDF:
      surface = cairo_pdf_surface_create (path, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Endpoint");
      if (style->title != NULL && style->title[0] != '\0')
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, style->title);
      break;
    case EP_PLOT_FORMAT_SVG:
      surface = cairo_svg_surface_create (path, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      break;
    case EP_PLOT_FORMAT_EPS:
    default:
      surface = cairo_ps_surface_create (path, width, height);
      cairo_ps_surface_set_eps (surface, TRUE);
      cairo_ps_surface_dsc_comment (surface, "%%Creator: Endpoint");
      break;
    }

  cr = cairo_create (surface);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return check_status (status, path, error);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320), bitwise: nine bytes per file. */
static guint32
png_crc (const guint8 *data,
         gsize         length)
{
  guint32 crc = 0xFFFFFFFFu;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (guint b = 0; b < 8; b++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }

  return crc ^ 0xFFFFFFFFu;
}

static void
put_be32 (guint8  *p,
          guint32  value)
{
  p[0] = value >> 24;
  p[1] = value >> 16;
  p[2] = value >> 8;
  p[3] = value;
}

/* Inserts a pHYs chunk (pixels per metre, unit 1 = metre) after IHDR, which cairo writes first:
 * 8 bytes of signature and the 25 bytes of IHDR. */
static GByteArray *
png_add_phys (GByteArray *png,
              double      dpi)
{
  guint8 chunk[4 + 4 + 9 + 4];
  guint32 ppm = (guint32) lround (dpi / 0.0254);
  GByteArray *out;

  if (png->len < 33 || memcmp (png->data + 12, "IHDR", 4) != 0)
    return g_byte_array_ref (png);

  put_be32 (chunk, 9);
  memcpy (chunk + 4, "pHYs", 4);
  put_be32 (chunk + 8, ppm);
  put_be32 (chunk + 12, ppm);
  chunk[16] = 1;
  put_be32 (chunk + 17, png_crc (chunk + 4, 4 + 9));
  out = g_byte_array_sized_new (png->len + sizeof chunk);
  g_byte_array_append (out, png->data, 33);
  g_byte_array_append (out, chunk, sizeof chunk);
  g_byte_array_append (out, png->data + 33, png->len - 33);

  return out;
}

static gboolean
write_tiff (const char       *path,
            cairo_surface_t  *surface,
            double            dpi,
            gboolean          alpha,
            GError          **error)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *pixels = cairo_image_surface_get_data (surface);
  guint samples = alpha ? 4 : 3;
  g_autofree guint8 *line = g_new (guint8, (gsize) width * samples);
  TIFF *tiff;
  gboolean ok = TRUE;

  tiff = TIFFOpen (path, "w");
  if (tiff == NULL)
    {
      g_set_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_WRITE, _("Could not write “%s”"), path);
      return FALSE;
    }

  TIFFSetField (tiff, TIFFTAG_IMAGEWIDTH, (guint32) width);
  TIFFSetField (tiff, TIFFTAG_IMAGELENGTH, (guint32) height);
  TIFFSetField (tiff, TIFFTAG_SAMPLESPERPIXEL, samples);
  TIFFSetField (tiff, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField (tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
  TIFFSetField (tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField (tiff, TIFFTAG_ORIENTATION, ORIENTATION_TOPLEFT);
  TIFFSetField (tiff, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
  TIFFSetField (tiff, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
  TIFFSetField (tiff, TIFFTAG_XRESOLUTION, (float) dpi);
  TIFFSetField (tiff, TIFFTAG_YRESOLUTION, (float) dpi);
  TIFFSetField (tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
  TIFFSetField (tiff, TIFFTAG_SOFTWARE, "Endpoint");
  TIFFSetField (tiff, TIFFTAG_ROWSPERSTRIP, TIFFDefaultStripSize (tiff, 0));
  if (alpha)
    {
      guint16 extra[] = { EXTRASAMPLE_ASSOCALPHA };

      TIFFSetField (tiff, TIFFTAG_EXTRASAMPLES, 1, extra);
    }

  /* cairo's ARGB32 is a native-endian 32-bit word with premultiplied colour: TIFF's
   * associated alpha, so the samples are copied as they are. */
  for (int y = 0; y < height && ok; y++)
    {
      const guint32 *row = (const guint32 *) (pixels + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x];
          guint8 *out = line + (gsize) x * samples;

          out[0] = p >> 16;
          out[1] = p >> 8;
          out[2] = p;
          if (alpha)
            out[3] = p >> 24;
        }
      ok = TIFFWriteScanline (tiff, line, (guint32) y, 0) >= 0;
    }

  TIFFClose (tiff);

  if (!ok)
    g_set_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_WRITE, _("Could not write “%s”"), path);

  return ok;
}

static gboolean
export_raster (const char         *path,
               EpPlotFormat        format,
               const EpPlotStyle  *style,
               EpPlotDrawFunc      draw,
               gpointer            user_data,
               GError            **error)
{
  int width_px = (int) lround (style->width_mm / 25.4 * style->dpi);
  int height_px = (int) lround (style->height_mm / 25.4 * style->dpi);
  double scale = style->dpi / 72.0;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok;

  if (width_px > MAX_PX || height_px > MAX_PX)
    {
      g_set_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_SIZE,
                   _("%d × %d pixels is too large; lower the resolution or the size"),
                   width_px, height_px);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width_px, height_px);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  /* The figure fills the rounded pixel size exactly. */
  draw (cr, width_px / scale, height_px / scale, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (!check_status (status, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  if (format == EP_PLOT_FORMAT_PNG)
    {
      g_autoptr(GByteArray) png = g_byte_array_new ();
      g_autoptr(GError) local_error = NULL;

      status = cairo_surface_write_to_png_stream (surface, append_bytes, png);
      ok = check_status (status, path, error);
      if (ok)
        {
          g_autoptr(GByteArray) file = png_add_phys (png, style->dpi);

          ok = g_file_set_contents (path, (const char *) file->data, file->len, &local_error);
          if (!ok)
            g_set_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_WRITE, _("Could not write “%s”: %s"),
                         path, local_error->message);
        }
    }
  else
    ok = write_tiff (path, surface, style->dpi, style->transparent, error);

  cairo_surface_destroy (surface);

  return ok;
}

gboolean
ep_plot_export (const char         *path,
                EpPlotFormat        format,
                const EpPlotStyle  *style,
                EpPlotDrawFunc      draw,
                gpointer            user_data,
                GError            **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(style->width_mm >= MIN_MM && style->width_mm <= MAX_MM &&
        style->height_mm >= MIN_MM && style->height_mm <= MAX_MM))
    {
      g_set_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_SIZE,
                   _("A figure must be between %g and %g mm wide and high"), MIN_MM, MAX_MM);
      return FALSE;
    }

  switch (format)
    {
    case EP_PLOT_FORMAT_PDF:
    case EP_PLOT_FORMAT_SVG:
    case EP_PLOT_FORMAT_EPS:
      return export_vector (path, format, style, draw, user_data, error);

    case EP_PLOT_FORMAT_PNG:
    case EP_PLOT_FORMAT_TIFF:
      if (!(style->dpi >= MIN_DPI && style->dpi <= MAX_DPI))
        {
          g_set_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_SIZE,
                       _("The resolution must be between %g and %g dpi"), MIN_DPI, MAX_DPI);
          return FALSE;
        }
      return export_raster (path, format, style, draw, user_data, error);

    default:
      g_set_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_FORMAT, _("Unknown figure format"));
      return FALSE;
    }
}
