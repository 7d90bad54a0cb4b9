/* ep-plot-text.c: text and numbers in figures
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text goes through Pango with plain text (never markup), so labels typed by the user need no
 * escaping. The Pango context is set to 72 dpi and unhinted metrics: a font of size s points is
 * s user units high whatever the surface, and the figure's geometry is the same on screen and in
 * every exported format.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plot/ep-plot-private.h"

PangoLayout *
ep_plot_text_new (cairo_t           *cr,
                  const EpPlotStyle *style,
                  double             size,
                  EpTextFlags        flags,
                  const char        *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *font;

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  font = pango_font_description_from_string (style->font_family != NULL ? style->font_family
                                                                          : "Sans");
  pango_font_description_set_size (font, (int) lround (size * PANGO_SCALE));
  if (flags & EP_TEXT_BOLD)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (flags & EP_TEXT_ITALIC)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

void
ep_plot_text_size (PangoLayout *layout,
                   double      *width,
                   double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
ep_plot_text_wrap_balanced (PangoLayout *layout,
                            double       max_width)
{
  int hi = (int) floor (max_width * PANGO_SCALE);
  int lo;
  int n_lines;
  double width;

  ep_plot_text_size (layout, &width, NULL);
  if (max_width <= 0.0 || width <= max_width)
    return;

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, hi);
  n_lines = pango_layout_get_line_count (layout);
  if (n_lines < 2)
    return;

  /* the narrowest width with n_lines lines, to a hundredth of a point: n_lines lines of the
   * text's whole width / n_lines is the least any wrapping can do */
  lo = (int) floor (width * PANGO_SCALE / n_lines) - 1;
  while (hi - lo > PANGO_SCALE / 100)
    {
      int mid = lo + (hi - lo) / 2;

      pango_layout_set_width (layout, mid);
      if (pango_layout_get_line_count (layout) > n_lines)
        lo = mid;
      else
        hi = mid;
    }
  pango_layout_set_width (layout, hi);
}

double
ep_plot_text_width (cairo_t           *cr,
                    const EpPlotStyle *style,
                    double             size,
                    EpTextFlags        flags,
                    const char        *text)
{
  g_autoptr(PangoLayout) layout = ep_plot_text_new (cr, style, size, flags, text);
  double width;

  ep_plot_text_size (layout, &width, NULL);

  return width;
}

double
ep_plot_text_draw (cairo_t           *cr,
                   const EpPlotStyle *style,
                   double             size,
                   EpTextFlags        flags,
                   const char        *text,
                   double             x,
                   double             y,
                   double             halign,
                   double             valign)
{
  g_autoptr(PangoLayout) layout = ep_plot_text_new (cr, style, size, flags, text);
  double width, height, left;

  ep_plot_text_size (layout, &width, &height);
  left = x - halign * width;
  cairo_move_to (cr, left, y - valign * height);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);

  return left;
}

void
ep_plot_text_draw_vertical (cairo_t           *cr,
                            const EpPlotStyle *style,
                            double             size,
                            const char        *text,
                            double             x,
                            double             y)
{
  g_autoptr(PangoLayout) layout = ep_plot_text_new (cr, style, size, EP_TEXT_REGULAR, text);
  double width, height;

  ep_plot_text_size (layout, &width, &height);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, -G_PI / 2.0);
  cairo_move_to (cr, -width / 2.0, -height / 2.0);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  cairo_restore (cr);
}

char *
ep_plot_format_number (double value,
                       int    decimals)
{
  return ep_plot_format_decimal (value, decimals, FALSE);
}

/* Written with g_ascii_formatd, whatever LC_NUMERIC says; the comma replaces the dot after. */
static char *
with_mark (char     *text,
           gboolean  comma)
{
  char *dot;

  if (comma && (dot = strchr (text, '.')) != NULL)
    *dot = ',';

  return text;
}

char *
ep_plot_format_decimal (double   value,
                        int      decimals,
                        gboolean comma)
{
  char format[16];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("NA");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 12));
  g_ascii_formatd (buffer, sizeof buffer, format, value);

  /* "-0.0" is 0; a minus sign, not a hyphen, in typeset numbers. */
  if (buffer[0] == '-')
    {
      gboolean zero = TRUE;

      for (const char *c = buffer + 1; *c != '\0'; c++)
        if (*c >= '1' && *c <= '9')
          zero = FALSE;
      if (zero)
        return with_mark (g_strdup (buffer + 1), comma);
      return with_mark (g_strconcat ("−", buffer + 1, NULL), comma);
    }

  return with_mark (g_strdup (buffer), comma);
}

char *
ep_plot_format_p (double p)
{
  return ep_plot_format_p_decimal (p, FALSE);
}

char *
ep_plot_format_p_decimal (double   p,
                          gboolean comma)
{
  if (isnan (p))
    return g_strdup ("NA");
  if (p < 0.001)
    return g_strdup (comma ? "< 0,001" : "< 0.001");
  if (p < 0.1)
    return ep_plot_format_decimal (p, 3, comma);
  if (p > 0.99)
    return g_strdup (comma ? "> 0,99" : "> 0.99");

  return ep_plot_format_decimal (p, 2, comma);
}

int
ep_plot_step_decimals (double step)
{
  int decimals = 0;

  if (!(step > 0.0) || !isfinite (step))
    return 0;

  while (decimals < 6 && fabs (step * pow (10, decimals) - round (step * pow (10, decimals))) > 1e-6)
    decimals++;

  return decimals;
}

double
ep_plot_nice_step (double range,
                   guint  target)
{
  static const double mantissas[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double raw, magnitude;

  if (!(range > 0.0) || !isfinite (range) || target == 0)
    return 1.0;

  raw = range / target;
  magnitude = pow (10.0, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    if (mantissas[i] * magnitude >= raw * (1.0 - 1e-9))
      return mantissas[i] * magnitude;

  return 10.0 * magnitude;
}

void
ep_plot_set_color (cairo_t   *cr,
                   EpPlotRgb  color,
                   double     alpha)
{
  if (alpha >= 1.0)
    cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  else
    cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
}
