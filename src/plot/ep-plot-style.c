/* ep-plot-style.c: defaults, palettes and physical sizes
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plot/ep-plot-style.h"
#include "plot/ep-plot-i18n.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* Okabe-Ito, ordered so that two groups get blue and vermillion (the pair most distinct for
 * every colour-vision deficiency), yellow last since it is faint on white. */
static const EpPlotRgb okabe_ito[] = {
  RGB (0x0072B2), RGB (0xD55E00), RGB (0x009E73), RGB (0xE69F00),
  RGB (0x56B4E9), RGB (0xCC79A7), RGB (0x000000), RGB (0xF0E442),
};
static const EpPlotRgb grayscale[] = {
  RGB (0x000000), RGB (0x7F7F7F), RGB (0xB3B3B3), RGB (0x404040),
};
static const EpPlotRgb nejm[] = {
  RGB (0xBC3C29), RGB (0x0072B5), RGB (0xE18727), RGB (0x20854E),
  RGB (0x7876B1), RGB (0x6F99AD), RGB (0xFFDC91), RGB (0xEE4C97),
};
static const EpPlotRgb lancet[] = {
  RGB (0x00468B), RGB (0xED0000), RGB (0x42B540), RGB (0x0099B4),
  RGB (0x925E9F), RGB (0xFDAF91), RGB (0xAD002A), RGB (0xADB6B6),
};
static const EpPlotRgb jco[] = {
  RGB (0x0073C2), RGB (0xEFC000), RGB (0x868686), RGB (0xCD534C),
  RGB (0x7AA6DC), RGB (0x003C67), RGB (0x8F7700), RGB (0x3B3B3B),
};

static const struct
{
  const char      *name;
  const EpPlotRgb *colors;
  guint            n_colors;
} palettes[] = {
  [EP_PLOT_PALETTE_OKABE_ITO] = { "okabe-ito", okabe_ito, G_N_ELEMENTS (okabe_ito) },
  [EP_PLOT_PALETTE_GRAYSCALE] = { "grayscale", grayscale, G_N_ELEMENTS (grayscale) },
  [EP_PLOT_PALETTE_NEJM] = { "nejm", nejm, G_N_ELEMENTS (nejm) },
  [EP_PLOT_PALETTE_LANCET] = { "lancet", lancet, G_N_ELEMENTS (lancet) },
  [EP_PLOT_PALETTE_JCO] = { "jco", jco, G_N_ELEMENTS (jco) },
};

void
ep_plot_style_init (EpPlotStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->font_family = g_strdup ("Liberation Sans, DejaVu Sans");
  style->font_size = 7.0;
  style->title_size = 8.0;
  style->line_width = 1.0;
  style->axis_width = 0.6;
  style->palette = EP_PLOT_PALETTE_OKABE_ITO;
  style->width_mm = 85.0;
  style->height_mm = 70.0;
  style->dpi = 600.0;
}

void
ep_plot_style_clear (EpPlotStyle *style)
{
  g_return_if_fail (style != NULL);

  g_clear_pointer (&style->font_family, g_free);
  g_clear_pointer (&style->title, g_free);
  g_clear_pointer (&style->x_label, g_free);
  g_clear_pointer (&style->y_label, g_free);
}

void
ep_plot_style_copy (const EpPlotStyle *src,
                    EpPlotStyle       *dest)
{
  g_return_if_fail (src != NULL);
  g_return_if_fail (dest != NULL);

  *dest = *src;
  dest->font_family = g_strdup (src->font_family);
  dest->title = g_strdup (src->title);
  dest->x_label = g_strdup (src->x_label);
  dest->y_label = g_strdup (src->y_label);
}

gboolean
ep_plot_palette_from_string (const char    *name,
                             EpPlotPalette *palette)
{
  g_return_val_if_fail (palette != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
    if (g_ascii_strcasecmp (name, palettes[i].name) == 0)
      {
        *palette = (EpPlotPalette) i;
        return TRUE;
      }

  /* The other spelling. */
  if (g_ascii_strcasecmp (name, "greyscale") == 0)
    {
      *palette = EP_PLOT_PALETTE_GRAYSCALE;
      return TRUE;
    }

  return FALSE;
}

const char *
ep_plot_palette_to_string (EpPlotPalette palette)
{
  g_return_val_if_fail ((guint) palette < G_N_ELEMENTS (palettes), NULL);

  return palettes[palette].name;
}

EpPlotRgb
ep_plot_palette_color (EpPlotPalette palette,
                       guint         index)
{
  if ((guint) palette >= G_N_ELEMENTS (palettes))
    palette = EP_PLOT_PALETTE_OKABE_ITO;

  return palettes[palette].colors[index % palettes[palette].n_colors];
}

double
ep_plot_mm_to_pt (double mm)
{
  return mm / 25.4 * 72.0;
}

int
ep_plot_mm_to_px (double mm,
                  double dpi)
{
  return (int) lround (mm / 25.4 * dpi);
}

gboolean
ep_plot_style_decimal_comma (const EpPlotStyle *style)
{
  if (style == NULL)
    return FALSE;
  if (style->decimal_mark != EP_PLOT_DECIMAL_AUTO)
    return style->decimal_mark == EP_PLOT_DECIMAL_COMMA;

  return ep_plot_language_resolve (style->language) == EP_PLOT_LANGUAGE_DE;
}

static const char *const language_names[] = {
  [EP_PLOT_LANGUAGE_EN] = "en",
  [EP_PLOT_LANGUAGE_DE] = "de",
  [EP_PLOT_LANGUAGE_ZH_CN] = "zh_CN",
  [EP_PLOT_LANGUAGE_APP] = "app",
};

gboolean
ep_plot_language_from_string (const char     *name,
                              EpPlotLanguage *language)
{
  g_return_val_if_fail (language != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_ascii_strcasecmp (name, language_names[i]) == 0)
      {
        *language = (EpPlotLanguage) i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (name, "zh-CN") == 0 || g_ascii_strcasecmp (name, "zh") == 0)
    {
      *language = EP_PLOT_LANGUAGE_ZH_CN;
      return TRUE;
    }

  return FALSE;
}

const char *
ep_plot_language_to_string (EpPlotLanguage language)
{
  g_return_val_if_fail ((guint) language < G_N_ELEMENTS (language_names), NULL);

  return language_names[language];
}

static const char *const mark_names[] = {
  [EP_PLOT_DECIMAL_AUTO] = "auto",
  [EP_PLOT_DECIMAL_DOT] = "dot",
  [EP_PLOT_DECIMAL_COMMA] = "comma",
};

gboolean
ep_plot_decimal_mark_from_string (const char        *name,
                                  EpPlotDecimalMark *mark)
{
  g_return_val_if_fail (mark != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (mark_names); i++)
    if (g_ascii_strcasecmp (name, mark_names[i]) == 0)
      {
        *mark = (EpPlotDecimalMark) i;
        return TRUE;
      }

  return FALSE;
}

const char *
ep_plot_decimal_mark_to_string (EpPlotDecimalMark mark)
{
  g_return_val_if_fail ((guint) mark < G_N_ELEMENTS (mark_names), NULL);

  return mark_names[mark];
}
