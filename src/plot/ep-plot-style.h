/* ep-plot-style.h: how a figure looks: fonts, lines, colours, physical size
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * EpPlotStyle is a plain struct with owned strings, not a GObject: a figure (EpFigure in the
 * model layer, an options panel in the app, endpoint-cli plot) keeps one by value, fills it with
 * ep_plot_style_init() and changes fields directly; ep_plot_style_clear() frees the strings and
 * ep_plot_style_copy() duplicates them. Every renderer takes a const EpPlotStyle * and never keeps
 * it. Sizes are in points (1/72 inch) except width_mm and height_mm, which only the exporters
 * read: a renderer draws into whatever width and height in points it is given.
 *
 * Numbers in figures are written with the style's decimal mark (ep_plot_style_decimal_comma()),
 * never with the user's locale, and the figure's text is in the style's language
 * (ep_plot_gettext(), ep-plot-i18n.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Colour sets for groups, in the order groups are given colours. */
typedef enum
{
  EP_PLOT_PALETTE_OKABE_ITO,  /* colour-blind safe (Okabe & Ito 2008), the default */
  EP_PLOT_PALETTE_GRAYSCALE,  /* black and greys, for print without colour */
  EP_PLOT_PALETTE_NEJM,       /* muted red, blue, orange, green as in NEJM figures */
  EP_PLOT_PALETTE_LANCET,     /* dark blue, red, green, teal as in Lancet figures */
  EP_PLOT_PALETTE_JCO,        /* blue, ochre, grey, red as in JCO figures */
} EpPlotPalette;

/* The language of a figure's own text (axis titles, legends, table headings, annotations),
 * independent of the app's language (issue 13): a figure for an English journal is English
 * whatever LANG says. EP_PLOT_LANGUAGE_APP follows the process's message language. */
typedef enum
{
  EP_PLOT_LANGUAGE_EN,        /* English, the default */
  EP_PLOT_LANGUAGE_DE,        /* German */
  EP_PLOT_LANGUAGE_ZH_CN,     /* Simplified Chinese */
  EP_PLOT_LANGUAGE_APP,       /* the app's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) */
} EpPlotLanguage;

/* The decimal mark of numbers in a figure; AUTO follows the figure's language (German: comma;
 * English and Chinese: dot). Never the process's LC_NUMERIC. */
typedef enum
{
  EP_PLOT_DECIMAL_AUTO,
  EP_PLOT_DECIMAL_DOT,
  EP_PLOT_DECIMAL_COMMA,
} EpPlotDecimalMark;

typedef struct
{
  double red;
  double green;
  double blue;
} EpPlotRgb;

typedef struct
{
  char          *font_family;  /* a Pango family list, default "Liberation Sans, DejaVu Sans"
                                * (Arial metrics, as most journals ask) */
  double         font_size;    /* points: tick labels, tables, legend; default 7 */
  double         title_size;   /* points: the title; axis labels use font_size + 0.5; default 8 */
  double         line_width;   /* points: curves, whiskers; default 1.0 */
  double         axis_width;   /* points: axes and ticks; default 0.6 */
  EpPlotPalette  palette;
  double         width_mm;     /* the exported figure's size; default 85 x 70 (one column) */
  double         height_mm;
  double         dpi;          /* PNG and TIFF resolution; default 600 */
  char          *title;        /* NULL or "": none */
  char          *x_label;      /* NULL: the renderer's default ("Time (months)", "CR rate (%)") */
  char          *y_label;      /* NULL: the renderer's default ("Survival probability") */
  gboolean       transparent;  /* FALSE: the renderer first paints the whole area white */
  EpPlotLanguage language;     /* the figure's text; default English */
  EpPlotDecimalMark decimal_mark; /* default AUTO: by the language */
} EpPlotStyle;

void          ep_plot_style_init          (EpPlotStyle       *style);
void          ep_plot_style_clear         (EpPlotStyle       *style);
void          ep_plot_style_copy          (const EpPlotStyle *src,
                                           EpPlotStyle       *dest);

/* TRUE when numbers in the figure take a decimal comma (explicitly, or AUTO in German). */
gboolean      ep_plot_style_decimal_comma (const EpPlotStyle *style);

/* "en", "de", "zh_CN", "app" (and "zh-CN", "zh"); FALSE for anything else. */
gboolean      ep_plot_language_from_string (const char       *name,
                                            EpPlotLanguage   *language);
const char   *ep_plot_language_to_string  (EpPlotLanguage     language);
/* "auto", "dot", "comma" */
gboolean      ep_plot_decimal_mark_from_string (const char   *name,
                                                EpPlotDecimalMark *mark);
const char   *ep_plot_decimal_mark_to_string (EpPlotDecimalMark mark);

/* "okabe-ito", "grayscale", "nejm", "lancet", "jco"; FALSE for anything else. */
gboolean      ep_plot_palette_from_string (const char        *name,
                                           EpPlotPalette     *palette);
const char   *ep_plot_palette_to_string   (EpPlotPalette      palette);

/* The colour of the index-th group (wrapping around the palette's colours). */
EpPlotRgb     ep_plot_palette_color       (EpPlotPalette      palette,
                                           guint              index);

/* Physical sizes: points = mm / 25.4 * 72; pixels = mm / 25.4 * dpi, rounded to the nearest. */
double        ep_plot_mm_to_pt            (double             mm);
int           ep_plot_mm_to_px            (double             mm,
                                           double             dpi);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EpPlotStyle, ep_plot_style_clear)

G_END_DECLS
