/* ep-cif-plot.c: the cumulative incidence figure
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cuminc's curves come as the points (0, 0), (t1, 0), (t1, F1), (t2, F1), … (t_max, F_k); the
 * jumps are the even points from the third on, read in place with a stride of two doubles.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <math.h>

#include "plot/ep-cif-plot.h"
#include "plot/ep-plot-private.h"
#include "plot/ep-risk.h"

void
ep_cif_plot_init (EpCifPlot         *plot,
                  const EpCifResult *fit)
{
  g_return_if_fail (plot != NULL);

  *plot = (EpCifPlot) { .fit = fit, .conf_level = 0.95 };
  ep_time_plot_options_init (&plot->options);
  plot->options.ci = EP_PLOT_CI_NONE;
  plot->options.censor_marks = FALSE;
  plot->options.y_max = NAN;
}

static gboolean
cause_shown (const EpCifPlot *plot,
             guint            c)
{
  return plot->causes_shown == 0 || (c < 64 && (plot->causes_shown >> c & 1));
}

static char *
cause_label (const EpCifPlot   *plot,
             guint              c,
             const EpPlotStyle *style)
{
  if (plot->cause_labels != NULL && plot->cause_labels[c] != NULL)
    return g_strdup (plot->cause_labels[c]);

  return g_strdup_printf (P_ (style, N_("Cause %d")), plot->fit->causes[c]);
}

static char *
group_label (const EpCifPlot   *plot,
             guint              g,
             const EpPlotStyle *style)
{
  if (plot->group_labels != NULL && plot->group_labels[g] != NULL)
    return g_strdup (plot->group_labels[g]);
  if (plot->fit->n_groups == 1)
    return g_strdup (P_ (style, N_("All patients")));

  return g_strdup_printf (P_ (style, N_("Group %u")), g + 1);
}

/* Pointwise limits on the log(-log F) scale, NaN where F is 0 or 1 (the curve is used there). */
static void
fill_limits (const EpCifCurve *curve,
             double            z,
             double           *lower,
             double           *upper)
{
  for (gsize i = 0; i < curve->n_points; i++)
    {
      double F = curve->estimate[i];
      double se = sqrt (curve->variance[i]);

      lower[i] = upper[i] = NAN;
      if (F > 0.0 && F < 1.0 && isfinite (se))
        {
          double k = z * se / (F * log (F));

          lower[i] = pow (F, exp (-k));
          upper[i] = pow (F, exp (k));
        }
    }
}

static char *
cif_annotation (const EpCifPlot   *plot,
                guint              n_shown,
                const EpPlotStyle *style)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (plot->gray == NULL)
    return NULL;

  for (guint i = 0; i < plot->gray->n_causes; i++)
    {
      const EpGrayCause *test = &plot->gray->causes[i];
      g_autofree char *p = NULL;
      g_autofree char *label = NULL;
      int c = -1;

      for (guint k = 0; k < plot->fit->n_causes; k++)
        if (plot->fit->causes[k] == test->cause)
          c = (int) k;
      if (c < 0 || !cause_shown (plot, (guint) c) || isnan (test->p))
        continue;

      p = EP_PLOT_P (style, test->p);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (n_shown > 1)
        {
          label = cause_label (plot, (guint) c, style);
          g_string_append_printf (text, "%s: ", label);
        }
      if (p[0] == '<' || p[0] == '>')
        g_string_append_printf (text, P_ (style, N_("Gray's test p %s")), p);
      else
        g_string_append_printf (text, P_ (style, N_("Gray's test p = %s")), p);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

void
ep_cif_plot_render (cairo_t           *cr,
                    double             width,
                    double             height,
                    const EpCifPlot   *plot,
                    const EpPlotStyle *style,
                    EpPlotLayout      *layout)
{
  static const double dashes[] = { 0.0, 3.0, 1.2 };
  const EpTimePlotOptions *options;
  const EpCifResult *fit;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) limits = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) group_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) series = g_array_new (FALSE, TRUE, sizeof (EpStepSeries));
  g_autofree double *ticks = NULL;
  g_autofree char *x_label = NULL;
  g_autofree char *annotation = NULL;
  EpRiskRow *rows = NULL;
  guint n_rows = 0, n_shown = 0;
  EpStepFigure figure = { 0, };
  double data_max = 0.0, x_max, y_top = 0.0;
  double z = gsl_cdf_ugaussian_Pinv ((1.0 + (plot != NULL ? plot->conf_level : 0.95)) / 2.0);
  int decimals;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (plot != NULL && plot->fit != NULL);
  g_return_if_fail (style != NULL);

  fit = plot->fit;
  options = &plot->options;
  figure.time_scale = ep_plot_time_scale (options);

  for (guint c = 0; c < fit->n_causes; c++)
    n_shown += cause_shown (plot, c);

  for (guint g = 0; g < fit->n_groups; g++)
    {
      g_ptr_array_add (group_names, group_label (plot, g, style));

      for (guint c = 0, shown = 0; c < fit->n_causes; c++)
        {
          const EpCifCurve *curve = ep_cif_result_get_curve (fit, g, c);
          EpStepSeries s = { 0, };
          g_autofree char *cause = NULL;

          if (!cause_shown (plot, c))
            continue;
          shown++;
          if (curve->n_points < 2)
            continue;

          cause = cause_label (plot, c, style);
          if (fit->n_groups == 1)
            g_ptr_array_add (labels, g_strdup (cause));
          else if (n_shown == 1)
            g_ptr_array_add (labels, g_strdup (g_ptr_array_index (group_names, g)));
          else
            g_ptr_array_add (labels, g_strdup_printf ("%s, %s", (char *) g_ptr_array_index (group_names, g),
                                                      cause));
          s.label = g_ptr_array_index (labels, labels->len - 1);
          s.color = ep_plot_palette_color (style->palette, fit->n_groups == 1 ? shown - 1 : g);
          s.dash = fit->n_groups == 1 ? 0.0
                   : dashes[(shown - 1) % G_N_ELEMENTS (dashes)] * style->line_width;
          s.y0 = 0.0;
          s.n = (curve->n_points - 2) / 2;
          s.stride = 2 * sizeof (double);
          s.t = curve->time + 2;
          s.y = curve->estimate + 2;
          s.t_end = curve->time[curve->n_points - 1];
          s.median = NAN;
          if (options->ci != EP_PLOT_CI_NONE)
            {
              double *lower = g_new (double, curve->n_points);
              double *upper = g_new (double, curve->n_points);

              fill_limits (curve, z, lower, upper);
              g_ptr_array_add (limits, lower);
              g_ptr_array_add (limits, upper);
              s.lower = lower + 2;
              s.upper = upper + 2;
              for (gsize i = 0; i < curve->n_points; i++)
                if (isfinite (upper[i]))
                  y_top = MAX (y_top, upper[i]);
            }
          for (gsize i = 0; i < curve->n_points; i++)
            y_top = MAX (y_top, curve->estimate[i]);
          data_max = MAX (data_max, s.t_end * figure.time_scale);
          g_array_append_val (series, s);
        }
    }

  figure.n_ticks = ep_plot_time_ticks (options, data_max, &x_max, &ticks, &decimals);
  figure.ticks = ticks;
  figure.x_max = x_max;
  figure.x_decimals = decimals;

  if (options->risk_table && plot->at_risk != NULL && plot->at_risk->n_groups == fit->n_groups)
    rows = ep_risk_rows_from_km (plot->at_risk, (const char * const *) group_names->pdata, style,
                                 options->risk_table_events, ticks, figure.n_ticks,
                                 figure.time_scale, &n_rows);

  x_label = ep_plot_time_axis_label (options, style);
  annotation = cif_annotation (plot, n_shown, style);

  figure.series = (EpStepSeries *) series->data;
  figure.n_series = series->len;
  figure.y_min = isfinite (options->y_min) ? options->y_min : 0.0;
  figure.y_max = isfinite (options->y_max) ? options->y_max
                 : MIN (1.0, MAX (0.1, ceil (y_top * 10.0 - 1e-9) / 10.0));
  figure.y_step = ep_plot_nice_step (figure.y_max - figure.y_min, 5);
  figure.y_max_flexible = !isfinite (options->y_max);
  figure.y_percent = options->y_percent;
  figure.ci = options->ci;
  figure.censor_marks = FALSE;
  figure.median_lines = FALSE;
  figure.legend = series->len > 1 ? options->legend : EP_PLOT_LEGEND_NONE;
  figure.legend_corner = EP_CORNER_TOP_LEFT;
  figure.annotation_corner = EP_CORNER_TOP_LEFT;
  figure.x_label = style->x_label != NULL ? style->x_label : x_label;
  figure.y_label = style->y_label != NULL ? style->y_label
                   : options->y_percent ? P_ (style, N_("Cumulative incidence (%)"))
                   : P_ (style, N_("Cumulative incidence"));
  figure.annotation = annotation;
  figure.risk_title = rows != NULL ? P_ (style, N_("Number at risk")) : NULL;
  figure.rows = rows;
  figure.n_rows = n_rows;

  ep_step_figure_draw (cr, width, height, &figure, style, layout);

  ep_risk_rows_free (rows, n_rows);
}
