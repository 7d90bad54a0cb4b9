/* test-plot.c: the figure renderers and the exporters
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Structure, not pixels: the page size of each format against the millimetres asked, every
 * number at risk of the aml case against R and against the x of its tick (in the renderer's
 * layout and, independently, in the PDF's text as pdftotext -bbox reads it), one forest row per
 * study and a diamond per pooled estimate, clipped curves that end on the axis, PNG and TIFF
 * pixel sizes and resolution tags. Fonts are fixed to DejaVu Sans (fonts-dejavu-core).
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <tiffio.h>

#include "core/ep-cif.h"
#include "core/ep-cox.h"
#include "core/ep-km.h"
#include "core/ep-landmark.h"
#include "core/ep-meta.h"
#include "io/ep-csv.h"
#include "plot/ep-cif-plot.h"
#include "plot/ep-forest-plot.h"
#include "plot/ep-km-plot.h"
#include "plot/ep-plot-export.h"
#include "plot/ep-plot-private.h"
#include "plot/ep-risk.h"

/* tests/data/reference/data/aml.csv: time (weeks), status, x (0 Maintained, 1 Nonmaintained). */
static const double aml_time[] = {
  9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161,
  5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45,
};
static const int aml_status[] = {
  1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0,
  1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1,
};
static const guint aml_group[] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};
static const char *aml_labels[] = { "Maintained", "Nonmaintained", NULL };

/* R 4.2.2, survival 3.5-3:
 *   f <- survfit (Surv (time, status) ~ x, aml.csv)
 *   summary (f, times = seq (0, 175, 25), extend = TRUE)$n.risk */
static const double aml_ticks[] = { 0, 25, 50, 75, 100, 125, 150, 175 };
static const double aml_n_risk[2][8] = {
  { 11, 6, 1, 1, 1, 1, 1, 0 },
  { 12, 5, 0, 0, 0, 0, 0, 0 },
};

static void
test_style (EpPlotStyle *style)
{
  ep_plot_style_init (style);
  g_free (style->font_family);
  style->font_family = g_strdup ("DejaVu Sans");
}

static EpKmResult *
aml_fit (void)
{
  g_autoptr(GError) error = NULL;
  EpKmResult *fit = ep_km_fit (aml_time, aml_status, aml_group, 2, G_N_ELEMENTS (aml_time),
                               EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, &error);

  g_assert_no_error (error);
  return fit;
}

static void
aml_plot (EpKmPlot         *plot,
          const EpKmResult *fit)
{
  ep_km_plot_init (plot, fit);
  plot->labels = aml_labels;
  plot->options.risk_table = TRUE;
  /* survdiff (Surv (time, status) ~ x, aml)$pvalue */
  plot->logrank_p = 0.06533932;
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("test-plot-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

/* ---- style and numbers --------------------------------------------------------------------- */

static void
test_style_defaults (void)
{
  g_auto(EpPlotStyle) style = { 0, };
  g_auto(EpPlotStyle) copy = { 0, };
  EpPlotPalette palette;
  EpPlotRgb blue;

  ep_plot_style_init (&style);
  g_assert_cmpfloat (style.width_mm, ==, 85.0);
  g_assert_cmpint (style.palette, ==, EP_PLOT_PALETTE_OKABE_ITO);
  style.title = g_strdup ("Overall survival");
  ep_plot_style_copy (&style, &copy);
  g_assert_cmpstr (copy.title, ==, "Overall survival");
  g_assert_true (copy.title != style.title);

  g_assert_true (ep_plot_palette_from_string ("grayscale", &palette));
  g_assert_cmpint (palette, ==, EP_PLOT_PALETTE_GRAYSCALE);
  g_assert_true (ep_plot_palette_from_string ("NEJM", &palette));
  g_assert_cmpint (palette, ==, EP_PLOT_PALETTE_NEJM);
  g_assert_false (ep_plot_palette_from_string ("rainbow", &palette));
  /* Okabe-Ito blue #0072B2 first */
  blue = ep_plot_palette_color (EP_PLOT_PALETTE_OKABE_ITO, 0);
  g_assert_cmpfloat_with_epsilon (blue.blue, 0xB2 / 255.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (blue.red, 0.0, 1e-12);

  /* 85 mm = 240.944881... pt; at 300 dpi 1003.94 -> 1004 px (hand-computed) */
  g_assert_cmpfloat_with_epsilon (ep_plot_mm_to_pt (85.0), 85.0 / 25.4 * 72.0, 1e-12);
  g_assert_cmpint (ep_plot_mm_to_px (85.0, 300.0), ==, 1004);
  g_assert_cmpint (ep_plot_mm_to_px (70.0, 600.0), ==, 1654);
}

static void
test_number_format (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autofree char *f = NULL;

  /* A comma-decimal locale must not leak into figures (if the system has one). */
  setlocale (LC_ALL, "de_DE.UTF-8");
  a = ep_plot_format_number (0.065, 3);
  b = ep_plot_format_number (-2.5, 1);
  c = ep_plot_format_number (-0.0001, 2);
  d = ep_plot_format_p (0.0004);
  e = ep_plot_format_p (0.06533932);
  f = ep_plot_format_p (0.43);
  setlocale (LC_ALL, "C");

  g_assert_cmpstr (a, ==, "0.065");
  g_assert_cmpstr (b, ==, "−2.5");
  g_assert_cmpstr (c, ==, "0.00");
  g_assert_cmpstr (d, ==, "< 0.001");
  g_assert_cmpstr (e, ==, "0.065");
  g_assert_cmpstr (f, ==, "0.43");

  g_assert_cmpint (ep_plot_step_decimals (25.0), ==, 0);
  g_assert_cmpint (ep_plot_step_decimals (0.2), ==, 1);
  g_assert_cmpint (ep_plot_step_decimals (0.25), ==, 2);
  g_assert_cmpfloat (ep_plot_nice_step (161.0, 6), ==, 50.0);
  g_assert_cmpfloat (ep_plot_nice_step (161.0, 8), ==, 25.0);
}

/* Issue 13: the decimal mark and the text language of a figure, whatever the process's locale. */
static void
test_number_decimal_mark (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  EpPlotStyle style = { 0 };

  a = ep_plot_format_decimal (0.065, 3, TRUE);
  b = ep_plot_format_decimal (-2.5, 1, TRUE);
  c = ep_plot_format_p_decimal (0.0004, TRUE);
  d = ep_plot_format_decimal (1234.5, 1, TRUE);
  g_assert_cmpstr (a, ==, "0,065");
  g_assert_cmpstr (b, ==, "−2,5");
  g_assert_cmpstr (c, ==, "< 0,001");
  g_assert_cmpstr (d, ==, "1234,5");

  /* AUTO follows the language: a comma in German only. */
  style.language = EP_PLOT_LANGUAGE_EN;
  g_assert_false (ep_plot_style_decimal_comma (&style));
  style.language = EP_PLOT_LANGUAGE_DE;
  g_assert_true (ep_plot_style_decimal_comma (&style));
  style.language = EP_PLOT_LANGUAGE_ZH_CN;
  g_assert_false (ep_plot_style_decimal_comma (&style));
  style.decimal_mark = EP_PLOT_DECIMAL_COMMA;
  g_assert_true (ep_plot_style_decimal_comma (&style));
  style.language = EP_PLOT_LANGUAGE_DE;
  style.decimal_mark = EP_PLOT_DECIMAL_DOT;
  g_assert_false (ep_plot_style_decimal_comma (&style));
}

static void
test_figure_language (void)
{
  g_autofree char *locale_dir = NULL;
  EpPlotLanguage language;
  EpPlotDecimalMark mark;

  g_assert_true (ep_plot_language_from_string ("zh-CN", &language));
  g_assert_cmpint (language, ==, EP_PLOT_LANGUAGE_ZH_CN);
  g_assert_true (ep_plot_language_from_string ("de", &language));
  g_assert_cmpint (language, ==, EP_PLOT_LANGUAGE_DE);
  g_assert_false (ep_plot_language_from_string ("fr", &language));
  g_assert_true (ep_plot_decimal_mark_from_string ("comma", &mark));
  g_assert_cmpint (mark, ==, EP_PLOT_DECIMAL_COMMA);
  g_assert_cmpstr (ep_plot_language_to_string (EP_PLOT_LANGUAGE_ZH_CN), ==, "zh_CN");

  /* English is the msgid; a text that is in no catalog passes through. */
  g_assert_cmpstr (ep_plot_language_gettext (EP_PLOT_LANGUAGE_EN, "Survival probability"), ==,
                   "Survival probability");
  g_assert_cmpstr (ep_plot_language_gettext (EP_PLOT_LANGUAGE_DE, "Overall survival, my cohort"),
                   ==, "Overall survival, my cohort");

  if (g_getenv ("ENDPOINT_LOCALE_DIR") == NULL)
    {
      g_test_skip ("ENDPOINT_LOCALE_DIR is not set: the build tree's catalogs are unknown");
      return;
    }
  /* The catalogs of the build tree (tests/meson.build), whatever LANGUAGE says. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpstr (ep_plot_language_gettext (EP_PLOT_LANGUAGE_DE, "Survival probability"), ==,
                   "Überlebenswahrscheinlichkeit");
  g_assert_cmpstr (ep_plot_language_gettext (EP_PLOT_LANGUAGE_DE, "Log-rank p = %s"), ==,
                   "Log-Rank-p = %s");
  g_assert_cmpstr (ep_plot_language_gettext (EP_PLOT_LANGUAGE_ZH_CN, "Survival probability"), ==,
                   "生存概率");
  g_assert_cmpstr (ep_plot_language_gettext (EP_PLOT_LANGUAGE_EN, "Survival probability"), ==,
                   "Survival probability");
  g_unsetenv ("LANGUAGE");

  /* A catalog folder that is not there: English, no crash. */
  ep_plot_i18n_reset ();
  locale_dir = g_strdup (g_getenv ("ENDPOINT_LOCALE_DIR"));
  g_setenv ("ENDPOINT_LOCALE_DIR", "/nonexistent-endpoint-locale", TRUE);
  /* (LOCALEDIR may hold an installed catalog; only check that the lookup answers.) */
  g_assert_nonnull (ep_plot_language_gettext (EP_PLOT_LANGUAGE_DE, "Survival probability"));
  g_setenv ("ENDPOINT_LOCALE_DIR", locale_dir, TRUE);
  ep_plot_i18n_reset ();
}

/* ---- Kaplan-Meier -------------------------------------------------------------------------- */

/* The figure drawn to a PDF in memory, with its layout. */
static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static void
render_km_pdf (const EpKmPlot    *plot,
               const EpPlotStyle *style,
               EpPlotLayout      *layout)
{
  double w = ep_plot_mm_to_pt (style->width_mm), h = ep_plot_mm_to_pt (style->height_mm);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (discard, NULL, w, h);
  cairo_t *cr = cairo_create (surface);

  ep_km_plot_render (cr, w, h, plot, style, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_km_risk_table_layout (void)
{
  g_autoptr(EpKmResult) fit = aml_fit ();
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  EpKmPlot plot;

  test_style (&style);
  aml_plot (&plot, fit);
  render_km_pdf (&plot, &style, layout);

  /* Ticks every 25 weeks to 175, the first round step past the last time (161). */
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_X_TICK), ==, G_N_ELEMENTS (aml_ticks));
  g_assert_cmpfloat (layout->x_max, ==, 175.0);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_RISK_NUMBER), ==, 16);

  for (guint k = 0; k < G_N_ELEMENTS (aml_ticks); k++)
    {
      const EpPlotItem *tick = ep_plot_layout_find (layout, EP_PLOT_ITEM_X_TICK, -1, (int) k);
      double expected_x = layout->plot_x + aml_ticks[k] / 175.0 * layout->plot_width;

      g_assert_nonnull (tick);
      g_assert_cmpfloat (tick->value, ==, aml_ticks[k]);
      g_assert_cmpfloat_with_epsilon (tick->x, expected_x, 1e-9);

      for (int g = 0; g < 2; g++)
        {
          const EpPlotItem *number = ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER,
                                                          g, (int) k);
          g_autofree char *text = g_strdup_printf ("%.0f", aml_n_risk[g][k]);

          g_assert_nonnull (number);
          g_assert_cmpfloat (number->value, ==, aml_n_risk[g][k]);
          g_assert_cmpstr (number->text, ==, text);
          /* centred on the tick */
          g_assert_cmpfloat_with_epsilon (number->x, tick->x, 1e-9);
          /* under the plot, rows in group order */
          g_assert_cmpfloat (number->y, >, layout->plot_y + layout->plot_height);
          if (g == 1)
            g_assert_cmpfloat (number->y, >,
                               ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, 0, (int) k)->y);
        }
    }

  g_assert_cmpstr (ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_LABEL, 0, -1)->text, ==, "Maintained");
  g_assert_cmpstr (ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_LABEL, 1, -1)->text, ==, "Nonmaintained");
  g_assert_cmpstr (ep_plot_layout_find (layout, EP_PLOT_ITEM_ANNOTATION, -1, -1)->text, ==,
                   "Log-rank p = 0.065");
  /* y ticks 0, 0.2, … 1 with dot decimals */
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_Y_TICK), ==, 6);
  g_assert_cmpstr (ep_plot_layout_find (layout, EP_PLOT_ITEM_Y_TICK, -1, 1)->text, ==, "0.2");
}

/* KM geometry (issue 12): every horizontal step of the drawn curve is at the KM estimate after
 * that time, and each censored subject has one mark, on the curve at its time. R:
 * summary (survfit (Surv (time, status) ~ x, aml)); survfit (...)$n.censor: Maintained is
 * censored at 13, 28, 45 and 161, Nonmaintained at 16. */
/* A legend entry longer than its space (a published arm's label with its whole citation, 69
 * characters) wraps: at 85 mm, inside and outside the plot area, every entry stays inside the
 * figure, the long one takes more than one line, the short ones one, and each entry starts
 * below the one before it (the box grows to hold the wrapped lines). */
static void
test_km_legend_wrap (void)
{
  const char *long_label = "Drug X (reconstructed from Smith et al., N Engl J Med 2020, Figure 2)";
  const char *overlay_labels[] = { long_label, NULL };
  g_autoptr(EpKmResult) fit = aml_fit ();
  g_autoptr(EpKmResult) published = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(EpPlotStyle) style = { 0, };
  EpKmPlot plot;

  /* the published arm: all of aml as one curve */
  published = ep_km_fit (aml_time, aml_status, NULL, 1, G_N_ELEMENTS (aml_time),
                         EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, &error);
  g_assert_no_error (error);
  test_style (&style);
  aml_plot (&plot, fit);
  plot.overlay = published;
  plot.overlay_labels = overlay_labels;

  for (int where = 0; where < 2; where++)
    {
      g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
      double bottom = -1.0;

      plot.options.legend = where == 0 ? EP_PLOT_LEGEND_INSIDE : EP_PLOT_LEGEND_OUTSIDE;
      render_km_pdf (&plot, &style, layout);
      g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_LEGEND), ==, 3);
      for (int i = 0; i < 3; i++)
        {
          const EpPlotItem *entry = ep_plot_layout_find (layout, EP_PLOT_ITEM_LEGEND, i, -1);

          g_test_message ("%s legend, entry %d: x %.1f..%.1f of %.1f, y %.1f..%.1f, %d lines",
                          where == 0 ? "inside" : "outside", i, entry->x,
                          entry->x + entry->width, layout->width, entry->y,
                          entry->y + entry->height, entry->col);
          g_assert_cmpfloat (entry->x, >=, 0.0);
          g_assert_cmpfloat (entry->x + entry->width, <=, layout->width);
          g_assert_cmpfloat (entry->y + entry->height, <=, layout->height);
          /* the long label's lines are its own: the entry is at least two lines high */
          if (i == 2)
            g_assert_cmpfloat (entry->height, >=, 2 * style.font_size);
          /* under the one before it, not over it */
          if (bottom >= 0.0)
            g_assert_cmpfloat (entry->y, >=, bottom - 1e-9);
          bottom = entry->y + entry->height;
          if (where == 1)
            /* outside: right of the plot area */
            g_assert_cmpfloat (entry->x, >, layout->plot_x + layout->plot_width);
        }
      /* the group names keep their line; the long label wraps */
      g_assert_cmpint (ep_plot_layout_find (layout, EP_PLOT_ITEM_LEGEND, 0, -1)->col, ==, 1);
      g_assert_cmpint (ep_plot_layout_find (layout, EP_PLOT_ITEM_LEGEND, 1, -1)->col, ==, 1);
      g_assert_cmpint (ep_plot_layout_find (layout, EP_PLOT_ITEM_LEGEND, 2, -1)->col, >=, 2);
    }
}

/* The widths of a layout's lines, widest first in *widest, last line in *last. */
static guint
line_widths (PangoLayout *layout,
             double      *widest,
             double      *last)
{
  guint n = (guint) pango_layout_get_line_count (layout);

  *widest = 0.0;
  for (guint i = 0; i < n; i++)
    {
      PangoRectangle logical;

      pango_layout_line_get_extents (pango_layout_get_line_readonly (layout, (int) i), NULL,
                                     &logical);
      *last = (double) logical.width / PANGO_SCALE;
      *widest = MAX (*widest, *last);
    }
  return n;
}

/* A wrapped label's lines are balanced: at a width where plain word wrapping leaves one short
 * word on the last line ("... Figure" / "2)"), ep_plot_text_wrap_balanced() takes as many
 * lines, none wider than the width, the last at least half as wide as the widest; a label that
 * fits is not wrapped. */
static void
test_text_wrap_balanced (void)
{
  const char *label = "Drug X (Smith et al., N Engl J Med 2020, Figure 2)";
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 10, 10);
  cairo_t *cr = cairo_create (surface);
  g_auto(EpPlotStyle) style = { 0, };
  double orphan_width = 0.0;

  test_style (&style);
  /* a width at which greedy wrapping leaves an orphan */
  for (double w = 80.0; w < 300.0 && orphan_width == 0.0; w += 0.5)
    {
      g_autoptr(PangoLayout) greedy = ep_plot_text_new (cr, &style, 8.0, EP_TEXT_REGULAR, label);
      double widest, last;

      pango_layout_set_wrap (greedy, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_width (greedy, (int) (w * PANGO_SCALE));
      if (line_widths (greedy, &widest, &last) >= 2 && last < 0.25 * widest)
        orphan_width = w;
    }
  g_assert_cmpfloat (orphan_width, >, 0.0);

  {
    g_autoptr(PangoLayout) greedy = ep_plot_text_new (cr, &style, 8.0, EP_TEXT_REGULAR, label);
    g_autoptr(PangoLayout) balanced = ep_plot_text_new (cr, &style, 8.0, EP_TEXT_REGULAR, label);
    g_autoptr(PangoLayout) short_one = ep_plot_text_new (cr, &style, 8.0, EP_TEXT_REGULAR, "A");
    double widest, last, greedy_widest, greedy_last;
    guint n_greedy, n_balanced;

    pango_layout_set_wrap (greedy, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_width (greedy, (int) (orphan_width * PANGO_SCALE));
    n_greedy = line_widths (greedy, &greedy_widest, &greedy_last);
    ep_plot_text_wrap_balanced (balanced, orphan_width);
    n_balanced = line_widths (balanced, &widest, &last);
    g_test_message ("at %.1f pt: greedy %u lines, last %.1f of %.1f; balanced %u, last %.1f of "
                    "%.1f", orphan_width, n_greedy, greedy_last, greedy_widest, n_balanced, last,
                    widest);
    g_assert_cmpuint (n_balanced, ==, n_greedy);
    g_assert_cmpfloat (widest, <=, orphan_width + 1e-9);
    g_assert_cmpfloat (last, >=, 0.5 * widest);

    ep_plot_text_wrap_balanced (short_one, orphan_width);
    g_assert_cmpint (pango_layout_get_width (short_one), ==, -1);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_km_geometry (void)
{
  static const double surv[2][10] = {
    { 1.0, 0.909090909090909, 0.818181818181818, 0.715909090909091, 0.613636363636364,
      0.490909090909091, 0.368181818181818, 0.184090909090909, -1 },
    { 1.0, 0.833333333333333, 0.666666666666667, 0.583333333333333, 0.486111111111111,
      0.388888888888889, 0.291666666666667, 0.194444444444444, 0.0972222222222222, 0.0 },
  };
  static const guint n_levels[2] = { 8, 10 };
  static const double censored[2][4] = { { 13, 28, 45, 161 }, { 16 } };
  static const guint n_censored[2] = { 4, 1 };
  g_autoptr(EpKmResult) fit = aml_fit ();
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  EpKmPlot plot;

  test_style (&style);
  aml_plot (&plot, fit);
  plot.options.ci = EP_PLOT_CI_NONE;
  render_km_pdf (&plot, &style, layout);

  for (int g = 0; g < 2; g++)
    {
      double last_y = NAN;
      guint level = 0, marks = 0;

      for (guint k = 0; k < layout->items->len; k++)
        {
          const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, k);
          double value = layout->y_max - (item->y - layout->plot_y) / layout->plot_height
                                         * (layout->y_max - layout->y_min);
          double time = layout->x_min + (item->x - layout->plot_x) / layout->plot_width
                                        * (layout->x_max - layout->x_min);

          if (item->row != g)
            continue;
          if (item->kind == EP_PLOT_ITEM_CURVE_VERTEX && item->y != last_y)
            {
              /* a new level: the next estimate, in order */
              g_assert_cmpuint (level, <, n_levels[g]);
              g_assert_cmpfloat_with_epsilon (value, surv[g][level], 1e-9);
              level++;
              last_y = item->y;
            }
          else if (item->kind == EP_PLOT_ITEM_CENSOR_MARK)
            {
              guint step = 0;

              g_assert_cmpuint (marks, <, n_censored[g]);
              g_assert_cmpfloat_with_epsilon (time, censored[g][marks], 1e-9);
              /* on the curve: the estimate after the last event at or before its time */
              for (guint j = 0; j < fit->curves[g].n_steps; j++)
                if (fit->curves[g].steps[j].time <= censored[g][marks])
                  step = j;
              g_assert_cmpfloat_with_epsilon (value, fit->curves[g].steps[step].surv, 1e-9);
              marks++;
            }
        }
      g_assert_cmpuint (level, ==, n_levels[g]);
      g_assert_cmpuint (marks, ==, n_censored[g]);
    }
}

/* pdftotext -bbox on the exported PDF: the drawn text, not the layout, is where it should be. */
typedef struct
{
  char   *text;
  double  x_min;
  double  y_min;
  double  x_max;
  double  y_max;
} Word;

static void
word_clear (gpointer data)
{
  g_free (((Word *) data)->text);
}

static GArray *
pdf_words (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  const char *argv[] = { "pdftotext", "-bbox", pdf, NULL, NULL };
  GArray *words;
  int wait_status;

  out = g_strconcat (pdf, ".html", NULL);
  argv[3] = out;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &wait_status, &error) ||
      !g_spawn_check_wait_status (wait_status, NULL))
    return NULL;

  g_assert_true (g_file_get_contents (out, &html, NULL, NULL));
  g_remove (out);

  regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
                       "yMax=\"([0-9.]+)\">([^<]*)</word>", 0, 0, &error);
  g_assert_no_error (error);
  words = g_array_new (FALSE, TRUE, sizeof (Word));
  g_array_set_clear_func (words, word_clear);
  g_regex_match (regex, html, 0, &match);
  while (g_match_info_matches (match))
    {
      Word w;
      g_autofree char *a = g_match_info_fetch (match, 1);
      g_autofree char *b = g_match_info_fetch (match, 2);
      g_autofree char *c = g_match_info_fetch (match, 3);
      g_autofree char *d = g_match_info_fetch (match, 4);

      w.x_min = g_ascii_strtod (a, NULL);
      w.y_min = g_ascii_strtod (b, NULL);
      w.x_max = g_ascii_strtod (c, NULL);
      w.y_max = g_ascii_strtod (d, NULL);
      w.text = g_match_info_fetch (match, 5);
      g_array_append_val (words, w);
      g_match_info_next (match, NULL);
    }

  return words;
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  const Word *wa = *(const Word * const *) a;
  const Word *wb = *(const Word * const *) b;

  return (wa->x_min > wb->x_min) - (wa->x_min < wb->x_min);
}

typedef struct
{
  const EpKmPlot    *plot;
  const EpPlotStyle *style;
  EpPlotLayout      *layout;
} KmDraw;

static void
draw_km (cairo_t  *cr,
         double    width,
         double    height,
         gpointer  user_data)
{
  KmDraw *d = user_data;

  ep_km_plot_render (cr, width, height, d->plot, d->style, d->layout);
}

static void
test_km_pdf_text_positions (void)
{
  g_autoptr(EpKmResult) fit = aml_fit ();
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_autoptr(GArray) words = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("aml.pdf");
  g_auto(EpPlotStyle) style = { 0, };
  EpKmPlot plot;
  KmDraw draw = { &plot, &style, layout };
  double table_top = G_MAXDOUBLE;
  guint found[2] = { 0, 0 };

  test_style (&style);
  aml_plot (&plot, fit);
  g_assert_true (ep_plot_export (path, EP_PLOT_FORMAT_PDF, &style, draw_km, &draw, &error));
  g_assert_no_error (error);

  words = pdf_words (path);
  remove_temp (path);
  if (words == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  /* The table starts under its title, "Number at risk". */
  for (guint i = 0; i < words->len; i++)
    if (g_strcmp0 (g_array_index (words, Word, i).text, "Number") == 0)
      table_top = g_array_index (words, Word, i).y_max;
  g_assert_cmpfloat (table_top, <, G_MAXDOUBLE);

  /* Each row: the numbers left to right are R's n.risk, each centred within 0.3 pt of the
   * x of its tick. Rows are told apart by their y (the group's label on the same line). */
  for (int g = 0; g < 2; g++)
    {
      const EpPlotItem *label = ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_LABEL, g, -1);
      g_autoptr(GPtrArray) row = g_ptr_array_new ();

      for (guint i = 0; i < words->len; i++)
        {
          Word *w = &g_array_index (words, Word, i);

          if (w->y_min >= table_top && fabs ((w->y_min + w->y_max) / 2.0 - label->y) < 2.0 &&
              g_ascii_isdigit (w->text[0]))
            g_ptr_array_add (row, w);
        }
      /* pdftotext lists words in drawing order; read the row left to right */
      g_ptr_array_sort (row, compare_words);

      for (guint k = 0; k < row->len; k++)
        {
          const Word *w = g_ptr_array_index (row, k);
          const EpPlotItem *tick;
          double centre = (w->x_min + w->x_max) / 2.0;
          g_autofree char *expected = NULL;

          g_assert_cmpuint (k, <, G_N_ELEMENTS (aml_ticks));
          tick = ep_plot_layout_find (layout, EP_PLOT_ITEM_X_TICK, -1, (int) k);
          expected = g_strdup_printf ("%.0f", aml_n_risk[g][k]);
          g_assert_cmpstr (w->text, ==, expected);
          g_assert_cmpfloat (fabs (centre - tick->x), <, 0.3);
        }
      found[g] = row->len;
    }
  g_assert_cmpuint (found[0], ==, G_N_ELEMENTS (aml_ticks));
  g_assert_cmpuint (found[1], ==, G_N_ELEMENTS (aml_ticks));
}

/* KMunicate rows: at risk + censored + events = n at every tick, and R's counts. */
static void
test_km_kmunicate (void)
{
  g_autoptr(EpKmResult) fit = aml_fit ();
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  EpKmPlot plot;

  test_style (&style);
  style.height_mm = 90.0;
  aml_plot (&plot, fit);
  plot.options.risk_table_events = TRUE;
  render_km_pdf (&plot, &style, layout);

  /* per group: a heading row, then at risk, censored, events */
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_RISK_LABEL), ==, 8);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_RISK_NUMBER), ==, 6 * 8);
  for (int g = 0; g < 2; g++)
    for (int k = 0; k < 8; k++)
      {
        double at_risk = ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, 4 * g + 1, k)->value;
        double censored = ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, 4 * g + 2, k)->value;
        double events = ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, 4 * g + 3, k)->value;

        g_assert_cmpfloat (at_risk, ==, aml_n_risk[g][k]);
        g_assert_cmpfloat (at_risk + censored + events, ==, fit->curves[g].n);
      }
  /* Maintained at 50 weeks: events at 9, 13, 18, 23, 31, 34, 48 (7) and censored at 13, 28,
   * 45 (3); cumsum (summary (f, times = c (25, 50))$n.event) for x = Maintained = 4, 7 */
  g_assert_cmpfloat (ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, 3, 2)->value, ==, 7);
  g_assert_cmpfloat (ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, 2, 2)->value, ==, 3);
}

/* Counting at ticks in another unit: 12 months is 365.25 days; a subject with exactly that
 * time is at risk at the tick (hand-computed). */
static void
test_km_units (void)
{
  static const double time[] = { 100, 365.25, 400, 800 };
  static const int status[] = { 1, 0, 1, 0 };
  g_autoptr(EpKmResult) fit = ep_km_fit (time, status, NULL, 1, 4, EP_KM_CONF_LOG_LOG, 0.95,
                                         NULL, 0, NULL);
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  EpKmPlot plot;
  double months[] = { 0, 12 / (12.0 / 365.25), 24 / (12.0 / 365.25) };
  double at_risk[3];

  ep_risk_count (&fit->curves[0], months, 3, at_risk, NULL, NULL);
  g_assert_cmpfloat (at_risk[0], ==, 4);
  g_assert_cmpfloat (at_risk[1], ==, 3);
  g_assert_cmpfloat (at_risk[2], ==, 1);

  test_style (&style);
  ep_km_plot_init (&plot, fit);
  plot.options.risk_table = TRUE;
  plot.options.time_unit = EP_PLOT_TIME_MONTHS;   /* data in days */
  render_km_pdf (&plot, &style, layout);
  /* 800 days = 26.3 months: ticks 0, 6, …, 30 */
  g_assert_cmpfloat (layout->x_max, ==, 30.0);
  g_assert_cmpfloat (ep_plot_layout_find (layout, EP_PLOT_ITEM_X_TICK, -1, 2)->value, ==, 12.0);
  g_assert_cmpfloat (ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, 0, 2)->value, ==, 3);
}

/* A curve longer than the axis ends exactly on its right edge, one shorter where it stops; no
 * ink right of the plot area within it. */
static void
test_km_clipped (void)
{
  g_autoptr(EpKmResult) fit = aml_fit ();
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  cairo_surface_t *surface;
  cairo_t *cr;
  EpKmPlot plot;
  const EpPlotItem *curve;
  int width = 480, height = 400;
  guint ink = 0;

  test_style (&style);
  aml_plot (&plot, fit);
  plot.options.x_max = 100.0;
  plot.options.risk_table = FALSE;
  plot.options.legend = EP_PLOT_LEGEND_NONE;
  plot.logrank_p = NAN;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  ep_km_plot_render (cr, width, height, &plot, &style, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_assert_cmpfloat (layout->x_max, ==, 100.0);
  /* Maintained: last time 161 > 100, cut at the right edge */
  curve = ep_plot_layout_find (layout, EP_PLOT_ITEM_CURVE, 0, -1);
  g_assert_cmpfloat_with_epsilon (curve->x, layout->plot_x + layout->plot_width, 1e-9);
  /* Nonmaintained: last time 45 */
  curve = ep_plot_layout_find (layout, EP_PLOT_ITEM_CURVE, 1, -1);
  g_assert_cmpfloat_with_epsilon (curve->x, layout->plot_x + 45.0 / 100.0 * layout->plot_width,
                                  1e-9);

  for (int y = (int) ceil (layout->plot_y); y < (int) (layout->plot_y + layout->plot_height) - 2; y++)
    for (int x = (int) ceil (layout->plot_x + layout->plot_width) + 1; x < width; x++)
      {
        guint32 pixel = ((guint32 *) (cairo_image_surface_get_data (surface)
                                      + y * cairo_image_surface_get_stride (surface)))[x];

        if ((pixel & 0xFFFFFF) != 0xFFFFFF)
          ink++;
      }
  g_assert_cmpuint (ink, ==, 0);
  cairo_surface_destroy (surface);
}

/* A long curve: on an image surface more than 8 steps within a pixel merge into one vertical,
 * so the path has about two vertices per pixel column where the steps are dense (and each step
 * its own vertical in the sparse tail); in vector output the merging is at 0.1 pt and keeps
 * more. */
static void
test_km_merging (void)
{
  const gsize n = 100000;
  g_autofree double *time = g_new (double, n);
  g_autofree int *status = g_new (int, n);
  g_autoptr(EpKmResult) fit = NULL;
  g_autoptr(EpPlotLayout) raster = ep_plot_layout_new ();
  g_autoptr(EpPlotLayout) vector = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  cairo_surface_t *surface;
  cairo_t *cr;
  EpKmPlot plot;
  GRand *rand = g_rand_new_with_seed (42);
  guint raster_vertices, vector_vertices;

  for (gsize i = 0; i < n; i++)
    {
      time[i] = -log (g_rand_double_range (rand, 1e-12, 1.0)) * 1000.0;
      status[i] = g_rand_double (rand) < 0.7;
    }
  g_rand_free (rand);
  fit = ep_km_fit (time, status, NULL, 1, n, EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, NULL);
  /* nearly every time is a step; R's tie rule merges the few within 1.5e-8 of a neighbour */
  g_assert_cmpuint (fit->curves[0].n_steps, ==, n - fit->n_timefix);

  test_style (&style);
  ep_km_plot_init (&plot, fit);
  plot.options.ci = EP_PLOT_CI_NONE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cr = cairo_create (surface);
  ep_km_plot_render (cr, 400, 300, &plot, &style, raster);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  surface = cairo_pdf_surface_create_for_stream (discard, NULL, 400, 300);
  cr = cairo_create (surface);
  ep_km_plot_render (cr, 400, 300, &plot, &style, vector);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* the vertex count is the CURVE item's col */
  raster_vertices = ep_plot_layout_find (raster, EP_PLOT_ITEM_CURVE, 0, -1)->col;
  vector_vertices = ep_plot_layout_find (vector, EP_PLOT_ITEM_CURVE, 0, -1)->col;
  g_assert_cmpuint (raster_vertices, <=, 2 * 400 + 4);
  g_assert_cmpuint (vector_vertices, >, raster_vertices);
  g_assert_cmpuint (vector_vertices, <=, 2 * 4000 + 4);
  /* both end at the last time */
  g_assert_cmpfloat_with_epsilon (ep_plot_layout_find (raster, EP_PLOT_ITEM_CURVE, 0, -1)->x,
                                  ep_plot_layout_find (vector, EP_PLOT_ITEM_CURVE, 0, -1)->x, 1e-9);
}

/* Whether the curve of series 0 has a vertical (two consecutive vertices, the second lower) at
 * the x of time t, within 1e-6 user units. */
static gboolean
has_vertical_at (const EpPlotLayout *layout,
                 double              t)
{
  double x = layout->plot_x + (t - layout->x_min) / (layout->x_max - layout->x_min)
             * layout->plot_width;
  const EpPlotItem *previous = NULL;

  for (guint k = 0; k < layout->items->len; k++)
    {
      const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, k);

      if (item->kind != EP_PLOT_ITEM_CURVE_VERTEX || item->row != 0)
        continue;
      if (previous != NULL && fabs (previous->x - x) < 1e-6 && fabs (item->x - x) < 1e-6
          && item->y > previous->y)
        return TRUE;
      previous = item;
    }
  return FALSE;
}

/* Two deaths closer than a device pixel (0.66 px on an image surface) or than a tenth of a point
 * (0.05 pt in a PDF) are two verticals, each at its own time: the renderer used to draw them as
 * one at the first time, which moved the second death (docs/reconstruction.md, veteran). */
static void
test_km_close_steps (void)
{
  /* deaths at 10, 500 and 500 + d, 800; censored at 900 */
  for (guint k = 0; k < 2; k++)
    {
      gboolean pdf = k == 1;
      double d = pdf ? 0.15 : 2.0;   /* x_max 1000 over about 330 units: 0.05 pt, 0.66 px */
      double time[] = { 10, 500, 500 + d, 800, 900 };
      int status[] = { 1, 1, 1, 1, 0 };
      g_autoptr(EpKmResult) fit = ep_km_fit (time, status, NULL, 1, G_N_ELEMENTS (time),
                                             EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, NULL);
      g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
      g_auto(EpPlotStyle) style = { 0, };
      cairo_surface_t *surface;
      cairo_t *cr;
      EpKmPlot plot;
      double unit;

      test_style (&style);
      ep_km_plot_init (&plot, fit);
      plot.options.ci = EP_PLOT_CI_NONE;
      plot.options.x_max = 1000.0;
      plot.options.risk_table = FALSE;
      plot.options.legend = EP_PLOT_LEGEND_NONE;
      surface = pdf ? cairo_pdf_surface_create_for_stream (discard, NULL, 400, 300)
                    : cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
      cr = cairo_create (surface);
      ep_km_plot_render (cr, 400, 300, &plot, &style, layout);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      unit = d / (layout->x_max - layout->x_min) * layout->plot_width;
      g_assert_cmpfloat (unit, <, pdf ? 0.1 : 1.0);
      g_assert_cmpfloat (unit, >, pdf ? 0.01 : 0.5);
      g_assert_true (has_vertical_at (layout, 10));
      g_assert_true (has_vertical_at (layout, 500));
      g_assert_true (has_vertical_at (layout, 500 + d));
      g_assert_true (has_vertical_at (layout, 800));
    }
}

/* Degenerate input draws without crashing or warnings: a group without records, one group with
 * every time censored, a figure too small for its text. */
static void
test_km_degenerate (void)
{
  static const double time[] = { 3, 7, 7, 12 };
  static const int status[] = { 0, 0, 0, 0 };
  static const guint group[] = { 0, 0, 2, 2 };
  g_autoptr(EpKmResult) fit = ep_km_fit (time, status, group, 3, 4, EP_KM_CONF_LOG_LOG, 0.95,
                                         NULL, 0, NULL);
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  cairo_surface_t *surface;
  cairo_t *cr;
  EpKmPlot plot;

  g_assert_cmpuint (fit->curves[1].n_steps, ==, 0);
  test_style (&style);
  ep_km_plot_init (&plot, fit);
  plot.options.risk_table = TRUE;
  plot.options.median_lines = TRUE;
  plot.options.risk_table_events = TRUE;

  for (guint k = 0; k < 2; k++)
    {
      double size = k == 0 ? 300.0 : 20.0;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) size, (int) size);
      cr = cairo_create (surface);
      ep_km_plot_render (cr, size, size, &plot, &style, layout);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  /* three curves, the empty one included; flat at 1 to the last time (no events) */
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_CURVE), ==, 3);
  /* the empty group is 0 at risk everywhere */
  g_assert_cmpfloat (ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, 5, 0)->value, ==, 0);
  /* no p values asked: no annotation */
  g_assert_null (ep_plot_layout_find (layout, EP_PLOT_ITEM_ANNOTATION, -1, -1));
}

/* ---- export -------------------------------------------------------------------------------- */

static char *
export_aml (EpPlotFormat  format,
            const char   *name,
            double        width_mm,
            double        height_mm,
            double        dpi)
{
  g_autoptr(EpKmResult) fit = aml_fit ();
  g_autoptr(GError) error = NULL;
  g_auto(EpPlotStyle) style = { 0, };
  char *path = temp_path (name);
  EpKmPlot plot;
  KmDraw draw = { &plot, &style, NULL };

  test_style (&style);
  style.width_mm = width_mm;
  style.height_mm = height_mm;
  style.dpi = dpi;
  aml_plot (&plot, fit);
  g_assert_true (ep_plot_export (path, format, &style, draw_km, &draw, &error));
  g_assert_no_error (error);

  return path;
}

/* Files with binary streams (PDF) hold NUL bytes: match over the whole length. */
static double
regex_number (const char *text,
              gsize       length,
              const char *pattern,
              guint       group)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  if (!g_regex_match_full (regex, text, length, 0, 0, &match, NULL))
    g_error ("no match for %s", pattern);
  number = g_match_info_fetch (match, group);

  return g_ascii_strtod (number, NULL);
}

static void
test_export_vector_sizes (void)
{
  /* points = mm / 25.4 * 72 (hand-computed): 85 mm = 240.9449 pt, 70 mm = 198.4252 pt,
   * 180 mm = 510.2362 pt, 120 mm = 340.1575 pt */
  static const double sizes[][2] = { { 85, 70 }, { 180, 120 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      double w = sizes[i][0] / 25.4 * 72.0, h = sizes[i][1] / 25.4 * 72.0;
      g_autofree char *pdf = export_aml (EP_PLOT_FORMAT_PDF, "f.pdf", sizes[i][0], sizes[i][1], 300);
      g_autofree char *svg = export_aml (EP_PLOT_FORMAT_SVG, "f.svg", sizes[i][0], sizes[i][1], 300);
      g_autofree char *eps = export_aml (EP_PLOT_FORMAT_EPS, "f.eps", sizes[i][0], sizes[i][1], 300);
      g_autofree char *text = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (pdf, &text, &length, NULL));
      g_assert_true (g_str_has_prefix (text, "%PDF-"));
      g_assert_cmpfloat_with_epsilon (regex_number (text, length, "/MediaBox \\[ *0 0 ([0-9.]+) ([0-9.]+) *\\]", 1), w, 1e-3);
      g_assert_cmpfloat_with_epsilon (regex_number (text, length, "/MediaBox \\[ *0 0 ([0-9.]+) ([0-9.]+) *\\]", 2), h, 1e-3);
      g_clear_pointer (&text, g_free);

      g_assert_true (g_file_get_contents (svg, &text, &length, NULL));
      g_assert_cmpfloat_with_epsilon (regex_number (text, length, "<svg[^>]* width=\"([0-9.]+)pt\"", 1), w, 1e-3);
      g_assert_cmpfloat_with_epsilon (regex_number (text, length, "<svg[^>]* height=\"([0-9.]+)pt\"", 1), h, 1e-3);
      g_clear_pointer (&text, g_free);

      g_assert_true (g_file_get_contents (eps, &text, &length, NULL));
      g_assert_true (g_str_has_prefix (text, "%!PS-Adobe-3.0 EPSF-3.0"));
      /* DSC bounding boxes are whole points: the size rounded up (the white background is ink
       * over the whole page, so cairo's EPS box is the page) */
      g_assert_cmpfloat (regex_number (text, length, "%%BoundingBox: 0 0 ([0-9]+) ([0-9]+)", 1), ==, ceil (w));
      g_assert_cmpfloat (regex_number (text, length, "%%BoundingBox: 0 0 ([0-9]+) ([0-9]+)", 2), ==, ceil (h));

      remove_temp (pdf);
      remove_temp (svg);
      remove_temp (eps);
    }
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
test_export_png (void)
{
  /* 85 x 70 mm at 300 dpi: 1004 x 827 px; pHYs 300 / 0.0254 = 11811 px per metre
   * (hand-computed) */
  g_autofree char *path = export_aml (EP_PLOT_FORMAT_PNG, "f.png", 85, 70, 300);
  g_autofree guint8 *data = NULL;
  cairo_surface_t *image;
  const guint8 *phys;
  gsize length;

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1004);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 827);
  cairo_surface_destroy (image);

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  phys = memmem (data, length, "pHYs", 4);
  g_assert_nonnull (phys);
  g_assert_cmpuint (be32 (phys - 4), ==, 9);
  g_assert_cmpuint (be32 (phys + 4), ==, 11811);
  g_assert_cmpuint (be32 (phys + 8), ==, 11811);
  g_assert_cmpuint (phys[12], ==, 1);
  /* before the image data, as the PNG specification requires */
  g_assert_true (phys < (const guint8 *) memmem (data, length, "IDAT", 4));

  remove_temp (path);
}

static void
test_export_tiff (void)
{
  /* 120 x 90 mm at 600 dpi: 2835 x 2126 px (hand-computed: 4724.4 / 25.4 … rounded) */
  g_autofree char *path = export_aml (EP_PLOT_FORMAT_TIFF, "f.tiff", 120, 90, 600);
  TIFF *tiff = TIFFOpen (path, "r");
  guint32 width = 0, height = 0;
  guint16 compression = 0, unit = 0, samples = 0;
  float x_res = 0, y_res = 0;

  g_assert_nonnull (tiff);
  TIFFGetField (tiff, TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField (tiff, TIFFTAG_IMAGELENGTH, &height);
  TIFFGetField (tiff, TIFFTAG_COMPRESSION, &compression);
  TIFFGetField (tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
  g_assert_true (TIFFGetField (tiff, TIFFTAG_XRESOLUTION, &x_res));
  g_assert_true (TIFFGetField (tiff, TIFFTAG_YRESOLUTION, &y_res));
  g_assert_true (TIFFGetField (tiff, TIFFTAG_RESOLUTIONUNIT, &unit));
  TIFFClose (tiff);

  g_assert_cmpuint (width, ==, (guint32) lround (120 / 25.4 * 600));
  g_assert_cmpuint (width, ==, 2835);
  g_assert_cmpuint (height, ==, 2126);
  g_assert_cmpuint (compression, ==, COMPRESSION_LZW);
  g_assert_cmpuint (samples, ==, 3);
  g_assert_cmpfloat (x_res, ==, 600.0f);
  g_assert_cmpfloat (y_res, ==, 600.0f);
  g_assert_cmpuint (unit, ==, RESUNIT_INCH);

  remove_temp (path);
}

static void
test_export_errors (void)
{
  g_autoptr(EpKmResult) fit = aml_fit ();
  g_autoptr(GError) error = NULL;
  g_auto(EpPlotStyle) style = { 0, };
  EpKmPlot plot;
  KmDraw draw = { &plot, &style, NULL };
  EpPlotFormat format;

  g_assert_true (ep_plot_format_from_filename ("a/b/Figure 1.TIFF", &format));
  g_assert_cmpint (format, ==, EP_PLOT_FORMAT_TIFF);
  g_assert_true (ep_plot_format_from_filename ("f.eps", &format));
  g_assert_cmpint (format, ==, EP_PLOT_FORMAT_EPS);
  g_assert_false (ep_plot_format_from_filename ("f.docx", &format));
  g_assert_false (ep_plot_format_from_filename ("dir.pdf/file", &format));

  test_style (&style);
  aml_plot (&plot, fit);
  style.dpi = 10;
  g_assert_false (ep_plot_export ("/nonexistent/never.png", EP_PLOT_FORMAT_PNG, &style, draw_km,
                                  &draw, &error));
  g_assert_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_SIZE);
  g_clear_error (&error);

  style.dpi = 300;
  g_assert_false (ep_plot_export ("/nonexistent/dir/never.pdf", EP_PLOT_FORMAT_PDF, &style,
                                  draw_km, &draw, &error));
  g_assert_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_WRITE);
  g_clear_error (&error);

  g_assert_false (ep_plot_export ("/nonexistent/dir/never.tiff", EP_PLOT_FORMAT_TIFF, &style,
                                  draw_km, &draw, &error));
  g_assert_error (error, EP_PLOT_ERROR, EP_PLOT_ERROR_WRITE);
}

/* ---- Simon-Makuch curves and a landmark analysis on the original time axis (issue 16) ----- */

static JsonObject *
read_reference (JsonParser *parser,
                const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "figure",
                                                 name, NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* tests/data/reference/data/response.csv split at the response (tmerge's rows). */
static EpTdSplit *
read_response_split (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                 "response.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = ep_csv_read_file (path, ',', &error);
  g_autofree double *time = NULL;
  g_autofree double *response = NULL;
  g_autofree int *status = NULL;
  guint n;

  g_assert_no_error (error);
  n = ep_csv_get_n_rows (csv);
  time = g_new (double, n);
  response = g_new (double, n);
  status = g_new (int, n);
  for (guint i = 0; i < n; i++)
    {
      double s;

      g_assert_true (ep_csv_get_number (csv, i, 0, &time[i], NULL));
      g_assert_true (ep_csv_get_number (csv, i, 1, &s, NULL));
      status[i] = (int) s;
      if (!ep_csv_get_number (csv, i, 2, &response[i], NULL))
        response[i] = NAN;
    }
  return ep_td_split_response (time, status, response, n);
}

/* The Simon-Makuch figure: its curves are survfit's on (start, stop] rows and the numbers at
 * risk under it are each curve's risk set at the tick, sum (tstart < t & tstop >= t) in R
 * (make_simon_makuch.R: figure/response_simon_makuch.json), not summary (fit, times = t)'s
 * n.risk of the next step (which counts patients who respond later). */
static void
test_simon_makuch (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *ref = read_reference (parser, "response_simon_makuch.json");
  JsonArray *ticks = json_object_get_array_member (ref, "ticks");
  JsonArray *curves = json_object_get_array_member (ref, "curves");
  g_autoptr(EpTdSplit) split = read_response_split ();
  g_autoptr(EpKmResult) fit = NULL;
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  EpKmPlot plot;

  fit = ep_km_fit_full (split->start, split->stop, split->event, split->state, 2, split->n, NULL,
                        NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (fit->delayed_entry);
  for (guint g = 0; g < 2; g++)
    {
      JsonObject *curve = json_array_get_object_element (curves, g);
      JsonObject *steps = json_object_get_object_member (curve, "steps");
      JsonArray *t = json_object_get_array_member (steps, "time");
      JsonArray *surv = json_object_get_array_member (steps, "surv");
      JsonArray *n_risk = json_object_get_array_member (steps, "n_risk");
      JsonArray *lower = json_object_get_array_member (steps, "lower");
      JsonArray *at_risk = json_object_get_array_member (curve, "at_risk");
      const EpKmCurve *c = &fit->curves[g];

      g_assert_cmpuint (c->n_steps, ==, json_array_get_length (t));
      for (guint j = 0; j < c->n_steps; j++)
        {
          double l = json_array_get_double_element (lower, j);

          g_assert_cmpfloat_with_epsilon (c->steps[j].time, json_array_get_double_element (t, j), 1e-9);
          g_assert_cmpuint (c->steps[j].n_risk, ==, json_array_get_int_element (n_risk, j));
          g_assert_cmpfloat_with_epsilon (c->steps[j].surv, json_array_get_double_element (surv, j),
                                          1e-5 * json_array_get_double_element (surv, j));
          if (l > 0)
            g_assert_cmpfloat_with_epsilon (c->steps[j].lower, l, 1e-5 * l);
        }
      /* the counting-process risk sets at the ticks */
      for (guint k = 0; k < json_array_get_length (ticks); k++)
        {
          double tk = json_array_get_double_element (ticks, k);
          double expected = json_array_get_int_element (at_risk, k);
          double counted;

          ep_risk_count (c, &tk, 1, &counted, NULL, NULL);
          g_assert_cmpfloat (counted, ==, expected);
        }
    }

  /* the figure's table: the same numbers, under the ticks 0, 10, ..., 40 */
  ep_plot_style_init (&style);
  ep_km_plot_init (&plot, fit);
  plot.options.tick_interval = 10;
  plot.options.x_max = 40;
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  ep_km_plot_render (cr, 300, 250, &plot, &style, layout);
  for (guint g = 0; g < 2; g++)
    {
      JsonArray *at_risk = json_object_get_array_member (json_array_get_object_element (curves, g),
                                                         "at_risk");

      for (guint k = 0; k < json_array_get_length (ticks); k++)
        {
          const EpPlotItem *item = ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, (int) g,
                                                        (int) k);

          g_assert_nonnull (item);
          g_assert_cmpfloat (item->value, ==, json_array_get_int_element (at_risk, k));
        }
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A landmark analysis drawn on the original time axis: curves from the landmark, the landmark
 * marked, the numbers at risk blank before it and those at landmark + t after. */
static void
test_landmark_axis (void)
{
  g_autoptr(EpKmResult) fit = NULL;
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_autoptr(EpPlotLayout) shifted = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  cairo_surface_t *surface;
  cairo_t *cr;
  const EpPlotItem *marker, *vertex;
  EpKmPlot plot;
  double at[1];

  fit = ep_km_fit (aml_time, aml_status, aml_group, 2, G_N_ELEMENTS (aml_time),
                   EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, NULL);
  ep_plot_style_init (&style);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);

  /* from the landmark: ticks 0, 20, ..., 160 weeks */
  ep_km_plot_init (&plot, fit);
  plot.options.tick_interval = 20;
  ep_km_plot_render (cr, 300, 250, &plot, &style, layout);
  g_assert_null (ep_plot_layout_find (layout, EP_PLOT_ITEM_MARKER, -1, -1));

  /* at 20 + t: the axis reaches 181, the marker is at 20 and its label says so */
  plot.time_offset = 20;
  plot.marker_label = "Landmark: 20 weeks";
  ep_km_plot_render (cr, 300, 250, &plot, &style, shifted);
  marker = ep_plot_layout_find (shifted, EP_PLOT_ITEM_MARKER, -1, -1);
  g_assert_nonnull (marker);
  g_assert_cmpstr (marker->text, ==, "Landmark: 20 weeks");
  g_assert_cmpfloat (marker->value, ==, 20);
  g_assert_cmpfloat (shifted->x_max, >=, 181);
  /* each curve starts at the marker */
  for (int g = 0; g < 2; g++)
    {
      vertex = ep_plot_layout_find (shifted, EP_PLOT_ITEM_CURVE_VERTEX, g, 0);
      g_assert_nonnull (vertex);
      g_assert_cmpfloat_with_epsilon (vertex->x, marker->x, 1e-9);
    }
  /* numbers at risk: none under the tick at 0; under 40, the count at 20 from the landmark */
  vertex = ep_plot_layout_find (shifted, EP_PLOT_ITEM_RISK_NUMBER, 0, 0);
  g_assert_true (vertex == NULL || (isnan (vertex->value) && g_strcmp0 (vertex->text, "") == 0));
  at[0] = 20;
  for (int g = 0; g < 2; g++)
    {
      const EpPlotItem *tick = ep_plot_layout_find (shifted, EP_PLOT_ITEM_X_TICK, -1, 2);
      const EpPlotItem *number = ep_plot_layout_find (shifted, EP_PLOT_ITEM_RISK_NUMBER, g, 2);
      double expected;

      g_assert_cmpfloat (tick->value, ==, 40);
      ep_risk_count (&fit->curves[g], at, 1, &expected, NULL, NULL);
      g_assert_nonnull (number);
      g_assert_cmpfloat (number->value, ==, expected);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* ---- cumulative incidence ------------------------------------------------------------------ */

static void
read_cr_sim (double **time,
             int    **status,
             guint  **group,
             guint   *n)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                 "cr_sim.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = ep_csv_read_file (path, ',', &error);

  g_assert_no_error (error);
  *n = ep_csv_get_n_rows (csv);
  *time = g_new (double, *n);
  *status = g_new (int, *n);
  *group = g_new (guint, *n);
  for (guint i = 0; i < *n; i++)
    {
      double s;

      g_assert_true (ep_csv_get_number (csv, i, 0, &(*time)[i], NULL));
      g_assert_true (ep_csv_get_number (csv, i, 1, &s, NULL));
      (*status)[i] = (int) s;
      (*group)[i] = strcmp (ep_csv_get_cell (csv, i, 2), "A") == 0 ? 0 : 1;
    }
}

static void
test_cif_layout (void)
{
  g_autofree double *time = NULL;
  g_autofree int *status = NULL;
  g_autofree guint *group = NULL;
  g_autofree int *any = NULL;
  g_autoptr(EpCifResult) fit = NULL;
  g_autoptr(EpKmResult) at_risk = NULL;
  g_autoptr(EpGrayResult) gray = NULL;
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  const char *groups[] = { "A", "B" };
  const char *causes[] = { "Relapse", "Death in remission" };
  /* survfit (Surv (time, status != 0) ~ group, cr_sim.csv):
   * summary (f, times = seq (0, 50, 10), extend = TRUE)$n.risk */
  static const double n_risk[2][6] = { { 113, 44, 12, 7, 2, 0 }, { 127, 54, 20, 8, 1, 0 } };
  cairo_surface_t *surface;
  cairo_t *cr;
  EpCifPlot plot;
  guint n;

  read_cr_sim (&time, &status, &group, &n);
  fit = ep_cif_fit (time, status, group, 2, n, NULL);
  any = g_new (int, n);
  for (guint i = 0; i < n; i++)
    any[i] = status[i] != 0;
  at_risk = ep_km_fit (time, any, group, 2, n, EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, NULL);
  gray = ep_gray_test (time, status, group, 2, NULL, 0, n, 0.0, NULL);

  test_style (&style);
  ep_cif_plot_init (&plot, fit);
  plot.at_risk = at_risk;
  plot.gray = gray;
  plot.group_labels = groups;
  plot.cause_labels = causes;

  surface = cairo_svg_surface_create_for_stream (discard, NULL, 240, 200);
  cr = cairo_create (surface);
  ep_cif_plot_render (cr, 240, 200, &plot, &style, layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* two groups x two causes */
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_CURVE), ==, 4);
  g_assert_cmpstr (ep_plot_layout_find (layout, EP_PLOT_ITEM_CURVE, 1, -1)->text, ==,
                   "A, Death in remission");
  /* max (time) = 46.5: ticks 0, 10, … 50 */
  g_assert_cmpfloat (layout->x_max, ==, 50.0);
  for (int g = 0; g < 2; g++)
    for (int k = 0; k < 6; k++)
      {
        const EpPlotItem *number = ep_plot_layout_find (layout, EP_PLOT_ITEM_RISK_NUMBER, g, k);

        g_assert_cmpfloat (number->value, ==, n_risk[g][k]);
        g_assert_cmpfloat_with_epsilon (number->x,
                                        ep_plot_layout_find (layout, EP_PLOT_ITEM_X_TICK, -1, k)->x,
                                        1e-9);
      }
  /* Gray's test p (cmprsk::cuminc (...)$Tests, tests/data/reference/expected/cr_sim_cif.json)
   * in the annotation */
  g_assert_nonnull (strstr (ep_plot_layout_find (layout, EP_PLOT_ITEM_ANNOTATION, -1, -1)->text,
                            "Relapse: Gray's test p = "));
  /* The highest curve (0.78) leaves room for the legend: the axis top is the next tenth or
   * more, never above 1 */
  g_assert_cmpfloat (layout->y_max, >=, 0.8);
  g_assert_cmpfloat (layout->y_max, <=, 1.0);
  /* the legend and the annotation do not overlap */
  {
    const EpPlotItem *note = ep_plot_layout_find (layout, EP_PLOT_ITEM_ANNOTATION, -1, -1);

    for (int i = 0; i < 4; i++)
      {
        const EpPlotItem *entry = ep_plot_layout_find (layout, EP_PLOT_ITEM_LEGEND, i, -1);

        g_assert_false (entry->x < note->x + note->width && note->x < entry->x + entry->width &&
                        entry->y < note->y + note->height && note->y < entry->y + entry->height);
      }
  }
}

/* ---- forest -------------------------------------------------------------------------------- */

/* tests/data/reference/data/meta_cr.csv */
static const char *meta_trials[] = {
  "Phase 2 pilot", "Phase 2 confirmatory", "ALCANTARA", "Phase 3 (TOWER)",
  "Pediatric phase 1/2", "City of Hope retrospective", "UPenn/CHOP", "MSKCC", "ELIANA", "NCI",
  "Seattle Children's", "FHCRC", "Hebei Yanda Lu Daopei", "City of Hope (CAR)", "CARPALL",
};
static const guint meta_class[] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
static const guint meta_n[] = { 36, 189, 45, 271, 70, 65, 30, 53, 75, 21, 45, 53, 51, 13, 14 };
static const guint meta_cr[] = { 25, 81, 16, 119, 27, 33, 27, 44, 61, 14, 42, 45, 46, 13, 12 };

static void
test_forest_meta (void)
{
  const char *classes[] = { "BiTE", "CAR T" };
  g_autoptr(EpMetaResult) result = NULL;
  g_autoptr(EpForestPlot) plot = NULL;
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_autoptr(GError) error = NULL;
  g_auto(EpPlotStyle) style = { 0, };
  EpMetaData data = {
    .k = 15, .measure = EP_META_MEASURE_LOGIT, .events = meta_cr, .total = meta_n,
    .subgroup = meta_class, .n_subgroups = 2,
  };
  cairo_surface_t *surface;
  cairo_t *cr;
  double last_y = -1.0;
  guint study = 0;

  result = ep_meta_pool (&data, NULL, &error);
  g_assert_no_error (error);
  plot = ep_forest_plot_new_from_meta (result, meta_trials, meta_class, classes, meta_cr, meta_n);
  g_assert_cmpuint (ep_forest_plot_count_rows (plot, EP_FOREST_ROW_STUDY), ==, 15);
  g_assert_cmpuint (ep_forest_plot_count_rows (plot, EP_FOREST_ROW_POOLED), ==, 3);
  g_assert_cmpuint (ep_forest_plot_count_rows (plot, EP_FOREST_ROW_HEADING), ==, 2);

  test_style (&style);
  surface = cairo_pdf_surface_create_for_stream (discard, NULL, 480, 340);
  cr = cairo_create (surface);
  ep_forest_plot_render (cr, 480, 340, plot, &style, layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_FOREST_ROW), ==, plot->rows->len);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_FOREST_SQUARE), ==, 15);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_FOREST_DIAMOND), ==, 3);

  for (guint i = 0; i < layout->items->len; i++)
    {
      const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, i);
      const EpPlotItem *square;

      if (item->kind != EP_PLOT_ITEM_FOREST_ROW)
        continue;
      /* rows go down the page */
      g_assert_cmpfloat (item->y, >, last_y);
      last_y = item->y;
      if (item->col != EP_FOREST_ROW_STUDY)
        continue;

      /* studies in input order within their class (BiTE first), each with its square on its
       * row at x/n */
      g_assert_cmpstr (item->text, ==, meta_trials[study]);
      square = ep_plot_layout_find (layout, EP_PLOT_ITEM_FOREST_SQUARE, item->row, -1);
      g_assert_nonnull (square);
      g_assert_cmpfloat_with_epsilon (square->y, item->y, 1e-9);
      g_assert_cmpfloat_with_epsilon (square->value, (double) meta_cr[study] / meta_n[study], 1e-12);
      g_assert_cmpfloat_with_epsilon (square->x, layout->plot_x + square->value * layout->plot_width,
                                      1e-9);
      study++;
    }
  g_assert_cmpuint (study, ==, 15);

  /* Squares' areas follow the weights: Phase 3 (TOWER) outweighs City of Hope (CAR). */
  {
    int tower = -1, coh = -1;

    for (guint i = 0; i < plot->rows->len; i++)
      {
        const char *label = g_array_index (plot->rows, EpForestRow, i).label;

        if (g_strcmp0 (label, "Phase 3 (TOWER)") == 0)
          tower = (int) i;
        if (g_strcmp0 (label, "City of Hope (CAR)") == 0)
          coh = (int) i;
      }
    g_assert_cmpfloat (ep_plot_layout_find (layout, EP_PLOT_ITEM_FOREST_SQUARE, tower, -1)->width,
                       >, ep_plot_layout_find (layout, EP_PLOT_ITEM_FOREST_SQUARE, coh, -1)->width);
  }

  /* The overall diamond spans the pooled CI: metafor rma (measure = "PLO", method = "DL"),
   * transf.ilogit: tests/data/reference/expected/meta_cr_dl.json */
  {
    const EpPlotItem *overall = NULL;

    for (guint i = 0; i < layout->items->len; i++)
      {
        const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, i);

        if (item->kind == EP_PLOT_ITEM_FOREST_DIAMOND)
          overall = item;
      }
    g_assert_cmpfloat_with_epsilon (overall->value, result->overall.random.estimate, 1e-12);
    g_assert_cmpfloat_with_epsilon (overall->width,
                                    (result->overall.random.upper - result->overall.random.lower)
                                    * layout->plot_width, 1e-9);
  }
  /* no null line for proportions unless asked */
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_NULL_LINE), ==, 0);
}

/* Ratios: a log axis with the null line at 1, whiskers cut at the axis end with an arrow. */
static void
test_forest_ratio (void)
{
  /* tests/data/reference/data/hr_studies.csv, first four studies */
  static const double hr[] = { 0.62, 0.81, 0.55, 0.97 };
  static const double lo[] = { 0.41, 0.60, 0.33, 0.71 };
  static const double hi[] = { 0.94, 1.09, 0.92, 1.32 };
  const char *labels[] = { "Study A", "Study B", "Study C", "Study D" };
  double yi[4], vi[4];
  g_autoptr(EpMetaResult) result = NULL;
  g_autoptr(EpForestPlot) plot = NULL;
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_auto(EpPlotStyle) style = { 0, };
  EpMetaData data = { .k = 4, .measure = EP_META_MEASURE_LOG_RATIO, .yi = yi, .vi = vi };
  cairo_surface_t *surface;
  cairo_t *cr;
  const EpPlotItem *null_line, *arrow;

  for (guint i = 0; i < 4; i++)
    g_assert_true (ep_meta_ratio_to_log (hr[i], lo[i], hi[i], 0.95, &yi[i], &vi[i], NULL));
  result = ep_meta_pool (&data, NULL, NULL);
  plot = ep_forest_plot_new_from_meta (result, labels, NULL, NULL, NULL, NULL);
  plot->x_max = 1.25;   /* Study D's upper limit 1.32 is cut */
  plot->favours_left = g_strdup ("Favours treatment");
  plot->favours_right = g_strdup ("Favours control");

  test_style (&style);
  surface = cairo_pdf_surface_create_for_stream (discard, NULL, 400, 160);
  cr = cairo_create (surface);
  ep_forest_plot_render (cr, 400, 160, plot, &style, layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_FOREST_SQUARE), ==, 4);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_FOREST_DIAMOND), ==, 1);
  /* axis from 0.2 (the 1-2-5 value below 0.33) to 1.25 on a log scale */
  g_assert_cmpfloat (layout->x_min, ==, 0.2);
  null_line = ep_plot_layout_find (layout, EP_PLOT_ITEM_NULL_LINE, -1, -1);
  g_assert_nonnull (null_line);
  g_assert_cmpfloat_with_epsilon (null_line->x, layout->plot_x + log (1.0 / 0.2) / log (1.25 / 0.2)
                                                * layout->plot_width, 1e-9);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_FOREST_ARROW), ==, 1);
  arrow = ep_plot_layout_find (layout, EP_PLOT_ITEM_FOREST_ARROW, -1, -1);
  /* the study's CI as re-derived on the log scale, exp (yi + 1.96 sqrt (vi)), about 1.32 */
  g_assert_cmpfloat (arrow->value, ==, result->upper[3]);
  g_assert_cmpfloat_with_epsilon (arrow->value, 1.32, 0.01);
  g_assert_cmpfloat_with_epsilon (arrow->x, layout->plot_x + layout->plot_width, 1e-9);
  g_assert_cmpstr (ep_plot_layout_find (layout, EP_PLOT_ITEM_FOREST_ROW, arrow->row, -1)->text, ==,
                   "Study D");
}

/* The Cox table form: coxph (Surv (time, status) ~ x, aml): HR 2.498105 (0.9159073, 6.813496). */
static void
test_forest_cox (void)
{
  const char *terms[] = { "x=Nonmaintained" };
  g_autofree double *x = g_new (double, G_N_ELEMENTS (aml_time));
  g_autoptr(EpCoxFit) fit = NULL;
  g_autoptr(EpForestPlot) plot = NULL;
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  g_autoptr(GError) error = NULL;
  g_auto(EpPlotStyle) style = { 0, };
  const EpForestRow *row;
  cairo_surface_t *surface;
  cairo_t *cr;

  for (guint i = 0; i < G_N_ELEMENTS (aml_time); i++)
    x[i] = aml_group[i];
  fit = ep_cox_fit (G_N_ELEMENTS (aml_time), NULL, aml_time, aml_status, x, 1, NULL, 0, NULL,
                    &error);
  g_assert_no_error (error);
  plot = ep_forest_plot_new_from_cox (fit, terms);
  g_assert_cmpuint (plot->rows->len, ==, 1);
  row = &g_array_index (plot->rows, EpForestRow, 0);
  g_assert_cmpfloat_with_epsilon (row->estimate, 2.498105, 1e-5 * 2.498105);
  g_assert_cmpfloat_with_epsilon (row->lower, 0.9159073, 1e-5 * 0.9159073);
  g_assert_cmpfloat_with_epsilon (row->upper, 6.813496, 1e-5 * 6.813496);
  /* summary (coxph (Surv (time, status) ~ x, aml))$coefficients Pr(>|z|) = 0.07371486 */
  {
    g_autofree char *p = ep_forest_row_extra (plot, row, 0, NULL);

    g_assert_cmpstr (p, ==, "0.074");
  }

  test_style (&style);
  surface = cairo_pdf_surface_create_for_stream (discard, NULL, 400, 100);
  cr = cairo_create (surface);
  ep_forest_plot_render (cr, 400, 100, plot, &style, layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (ep_plot_layout_count (layout, EP_PLOT_ITEM_FOREST_SQUARE), ==, 1);
  g_assert_nonnull (ep_plot_layout_find (layout, EP_PLOT_ITEM_NULL_LINE, -1, -1));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/style", test_style_defaults);
  g_test_add_func ("/plot/numbers", test_number_format);
  g_test_add_func ("/plot/numbers/decimal-mark", test_number_decimal_mark);
  g_test_add_func ("/plot/figure-language", test_figure_language);
  g_test_add_func ("/plot/km/risk-table-layout", test_km_risk_table_layout);
  g_test_add_func ("/plot/km/geometry", test_km_geometry);
  g_test_add_func ("/plot/km/legend-wrap", test_km_legend_wrap);
  g_test_add_func ("/plot/text/wrap-balanced", test_text_wrap_balanced);
  g_test_add_func ("/plot/km/pdf-text-positions", test_km_pdf_text_positions);
  g_test_add_func ("/plot/km/kmunicate", test_km_kmunicate);
  g_test_add_func ("/plot/km/units", test_km_units);
  g_test_add_func ("/plot/km/clipped", test_km_clipped);
  g_test_add_func ("/plot/km/merging", test_km_merging);
  g_test_add_func ("/plot/km/close-steps", test_km_close_steps);
  g_test_add_func ("/plot/km/degenerate", test_km_degenerate);
  g_test_add_func ("/plot/export/vector-sizes", test_export_vector_sizes);
  g_test_add_func ("/plot/export/png", test_export_png);
  g_test_add_func ("/plot/export/tiff", test_export_tiff);
  g_test_add_func ("/plot/export/errors", test_export_errors);
  g_test_add_func ("/plot/cif/layout", test_cif_layout);
  g_test_add_func ("/plot/km/simon-makuch", test_simon_makuch);
  g_test_add_func ("/plot/km/landmark-axis", test_landmark_axis);
  g_test_add_func ("/plot/forest/meta", test_forest_meta);
  g_test_add_func ("/plot/forest/ratio", test_forest_ratio);
  g_test_add_func ("/plot/forest/cox", test_forest_cox);

  return g_test_run ();
}
