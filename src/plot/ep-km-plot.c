/* ep-km-plot.c: the Kaplan-Meier figure
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns an EpKmResult into the step figure of ep-step-figure.c: one series per group read in
 * place from the EpKmStep arrays, and the numbers at risk counted at the ticks.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "plot/ep-km-plot.h"
#include "plot/ep-plot-private.h"
#include "plot/ep-risk.h"

void
ep_time_plot_options_init (EpTimePlotOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (EpTimePlotOptions) {
    .ci = EP_PLOT_CI_BANDS,
    .censor_marks = TRUE,
    .risk_table = TRUE,
    .risk_table_events = FALSE,
    .median_lines = FALSE,
    .legend = EP_PLOT_LEGEND_INSIDE,
    .data_unit = EP_PLOT_TIME_UNSPECIFIED,
    .time_unit = EP_PLOT_TIME_UNSPECIFIED,
    .tick_interval = 0.0,
    .x_max = 0.0,
    .y_min = 0.0,
    .y_max = 1.0,
    .y_percent = FALSE,
  };
}

void
ep_km_plot_init (EpKmPlot         *plot,
                 const EpKmResult *fit)
{
  g_return_if_fail (plot != NULL);

  *plot = (EpKmPlot) {
    .fit = fit,
    .logrank_p = NAN,
    .hr = NAN,
    .hr_lower = NAN,
    .hr_upper = NAN,
  };
  ep_time_plot_options_init (&plot->options);
}

gboolean
ep_plot_time_unit_from_string (const char     *name,
                               EpPlotTimeUnit *unit)
{
  static const char *names[] = { "unspecified", "days", "weeks", "months", "years" };

  g_return_val_if_fail (unit != NULL, FALSE);

  for (guint i = 1; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *unit = (EpPlotTimeUnit) i;
        return TRUE;
      }

  return FALSE;
}

gboolean
ep_plot_ci_from_string (const char *name,
                        EpPlotCi   *ci)
{
  g_return_val_if_fail (ci != NULL, FALSE);

  if (g_strcmp0 (name, "bands") == 0)
    *ci = EP_PLOT_CI_BANDS;
  else if (g_strcmp0 (name, "lines") == 0)
    *ci = EP_PLOT_CI_LINES;
  else if (g_strcmp0 (name, "none") == 0)
    *ci = EP_PLOT_CI_NONE;
  else
    return FALSE;

  return TRUE;
}

static char *
group_label (const char * const *labels,
             guint               g,
             guint               n_groups,
             const EpPlotStyle  *style)
{
  if (labels != NULL && labels[g] != NULL)
    return g_strdup (labels[g]);
  if (n_groups == 1)
    return g_strdup (P_ (style, N_("All patients")));

  return g_strdup_printf (P_ (style, N_("Group %u")), g + 1);
}

static char *
km_annotation (const EpKmPlot    *plot,
               const EpPlotStyle *style)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (!isnan (plot->logrank_p))
    {
      g_autofree char *p = EP_PLOT_P (style, plot->logrank_p);

      /* "< 0.001" reads "p < 0.001", a number reads "p = 0.065" */
      if (p[0] == '<' || p[0] == '>')
        g_string_append_printf (text, P_ (style, N_("Log-rank p %s")), p);
      else
        g_string_append_printf (text, P_ (style, N_("Log-rank p = %s")), p);
    }

  if (!isnan (plot->hr))
    {
      g_autofree char *hr = NULL;
      g_autofree char *lo = NULL;
      g_autofree char *hi = NULL;

      /* Two decimals, more when the interval is so narrow (a large cohort) that they would
       * print the same number three times. */
      for (int d = 2; d <= 4; d++)
        {
          g_clear_pointer (&hr, g_free);
          g_clear_pointer (&lo, g_free);
          g_clear_pointer (&hi, g_free);
          hr = EP_PLOT_NUMBER (style, plot->hr, d);
          lo = EP_PLOT_NUMBER (style, plot->hr_lower, d);
          hi = EP_PLOT_NUMBER (style, plot->hr_upper, d);
          if (strcmp (lo, hr) != 0 && strcmp (hr, hi) != 0)
            break;
        }

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* "HR 0.42 (95% CI 0.18–0.99)" */
      g_string_append_printf (text, P_ (style, N_("HR %s (95%% CI %s–%s)")), hr, lo, hi);
      if (plot->hr_label != NULL)
        g_string_append_printf (text, "\n%s", plot->hr_label);
    }

  /* Each group against the reference, in the groups' order. */
  for (guint g = 0; plot->group_hr != NULL && g < plot->fit->n_groups; g++)
    {
      g_autofree char *label = group_label (plot->labels, g, plot->fit->n_groups, style);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (g == plot->group_hr_reference)
        /* TRANSLATORS: the reference group's line of the hazard ratios on a KM figure */
        g_string_append_printf (text, P_ (style, N_("%s: reference")), label);
      else if (!isfinite (plot->group_hr[g]))
        g_string_append_printf (text, P_ (style, N_("%s: HR not estimable")), label);
      else
        {
          g_autofree char *hr = EP_PLOT_NUMBER (style, plot->group_hr[g], 2);
          g_autofree char *lo = EP_PLOT_NUMBER (style, plot->group_hr_lower[g], 2);
          g_autofree char *hi = EP_PLOT_NUMBER (style, plot->group_hr_upper[g], 2);

          /* TRANSLATORS: a group's hazard ratio against the reference group on a KM figure:
           * "ECOG 1: HR 1.55 (1.09–2.21)" */
          g_string_append_printf (text, P_ (style, N_("%s: HR %s (%s–%s)")), label, hr, lo, hi);
        }
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

void
ep_km_plot_render (cairo_t           *cr,
                   double             width,
                   double             height,
                   const EpKmPlot    *plot,
                   const EpPlotStyle *style,
                   EpPlotLayout      *layout)
{
  const EpTimePlotOptions *options;
  const EpKmResult *fit;
  g_autofree EpStepSeries *series = NULL;
  g_autofree double *ticks = NULL;
  g_autofree char *x_label = NULL;
  g_autofree char *annotation = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  EpRiskRow *rows = NULL;
  guint n_rows = 0;
  EpStepFigure figure = { 0, };
  guint n_overlay;
  double data_max = 0.0, x_max;
  int decimals;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (plot != NULL && plot->fit != NULL);
  g_return_if_fail (style != NULL);

  fit = plot->fit;
  options = &plot->options;

  figure.time_scale = ep_plot_time_scale (options);
  n_overlay = plot->overlay != NULL ? plot->overlay->n_groups : 0;
  series = g_new0 (EpStepSeries, MAX (fit->n_groups + n_overlay, 1));
  for (guint g = 0; g < fit->n_groups; g++)
    {
      const EpKmCurve *curve = &fit->curves[g];
      EpStepSeries *s = &series[g];

      g_ptr_array_add (labels, group_label (plot->labels, g, fit->n_groups, style));
      s->label = g_ptr_array_index (labels, g);
      s->color = ep_plot_palette_color (style->palette, g);
      s->y0 = 1.0;
      s->n = curve->n_steps;
      s->stride = sizeof (EpKmStep);
      s->median = curve->median;
      if (curve->n_steps == 0)
        continue;
      s->t = &curve->steps[0].time;
      s->y = &curve->steps[0].surv;
      if (options->ci != EP_PLOT_CI_NONE)
        {
          s->lower = &curve->steps[0].lower;
          s->upper = &curve->steps[0].upper;
        }
      if (options->censor_marks)
        s->n_censor = &curve->steps[0].n_censor;
      s->t_end = curve->steps[curve->n_steps - 1].time;
      data_max = MAX (data_max, s->t_end * figure.time_scale);
    }

  for (guint g = 0; g < n_overlay; g++)
    {
      const EpKmCurve *curve = &plot->overlay->curves[g];
      EpStepSeries *s = &series[fit->n_groups + g];

      g_ptr_array_add (labels, plot->overlay_labels != NULL && plot->overlay_labels[g] != NULL
                               ? g_strdup (plot->overlay_labels[g])
                               : g_strdup_printf (P_ (style, N_("Published arm %u")), g + 1));
      s->label = g_ptr_array_index (labels, fit->n_groups + g);
      s->color = ep_plot_palette_color (style->palette, fit->n_groups + g);
      s->dash = 3.0 * style->line_width;
      s->y0 = 1.0;
      s->n = curve->n_steps;
      s->stride = sizeof (EpKmStep);
      s->median = curve->median;
      if (curve->n_steps == 0)
        continue;
      s->t = &curve->steps[0].time;
      s->y = &curve->steps[0].surv;
      s->t_end = curve->steps[curve->n_steps - 1].time;
      data_max = MAX (data_max, s->t_end * figure.time_scale);
    }

  figure.n_ticks = ep_plot_time_ticks (options, data_max, &x_max, &ticks, &decimals);
  figure.ticks = ticks;
  figure.x_max = x_max;
  figure.x_decimals = decimals;

  if (options->risk_table)
    rows = ep_risk_rows_from_km (fit, (const char * const *) labels->pdata, style,
                                 options->risk_table_events, ticks, figure.n_ticks,
                                 figure.time_scale, &n_rows);

  x_label = ep_plot_time_axis_label (options, style);
  annotation = km_annotation (plot, style);

  figure.series = series;
  figure.n_series = fit->n_groups + n_overlay;
  figure.y_min = isfinite (options->y_min) ? options->y_min : 0.0;
  figure.y_max = isfinite (options->y_max) ? options->y_max : 1.0;
  figure.y_step = ep_plot_nice_step (figure.y_max - figure.y_min, 5);
  if (figure.y_step == 0.25)
    figure.y_step = 0.2;
  figure.y_percent = options->y_percent;
  figure.ci = options->ci;
  figure.censor_marks = options->censor_marks;
  figure.median_lines = options->median_lines;
  figure.legend = fit->n_groups + n_overlay > 1 ? options->legend : EP_PLOT_LEGEND_NONE;
  figure.legend_corner = EP_CORNER_TOP_RIGHT;
  figure.annotation_corner = EP_CORNER_BOTTOM_LEFT;
  figure.x_label = style->x_label != NULL ? style->x_label : x_label;
  figure.y_label = style->y_label != NULL ? style->y_label
                   : options->y_percent ? P_ (style, N_("Survival (%)"))
                   : P_ (style, N_("Survival probability"));
  figure.annotation = annotation;
  figure.risk_title = options->risk_table ? P_ (style, N_("Number at risk")) : NULL;
  figure.rows = rows;
  figure.n_rows = n_rows;

  ep_step_figure_draw (cr, width, height, &figure, style, layout);

  ep_risk_rows_free (rows, n_rows);
}
