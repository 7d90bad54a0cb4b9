/* ep-forest-plot.c: forest plots
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Columns, left to right: label | detail | plot | estimate [CI] | weight | extra. Every column's
 * width is that of its widest text, the plot takes what is left (at least a fifth of the
 * figure). Text columns of numbers are right-aligned, so with the fonts' tabular figures the
 * digits line up.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plot/ep-forest-plot.h"
#include "plot/ep-plot-private.h"

static void
row_clear (gpointer data)
{
  EpForestRow *row = data;

  g_clear_pointer (&row->label, g_free);
  g_clear_pointer (&row->detail, g_free);
  g_clear_pointer (&row->extra, g_free);
  g_clear_pointer (&row->text, g_free);
  g_clear_pointer (&row->extra_b, g_free);
  g_clear_pointer (&row->text_b, g_free);
  g_clear_pointer (&row->phrase, ep_plot_phrase_unref);
  g_clear_pointer (&row->detail_phrase, ep_plot_phrase_unref);
}

EpForestPlot *
ep_forest_plot_new (EpForestScale scale)
{
  EpForestPlot *plot = g_new0 (EpForestPlot, 1);

  plot->scale = scale;
  plot->rows = g_array_new (FALSE, TRUE, sizeof (EpForestRow));
  g_array_set_clear_func (plot->rows, row_clear);
  plot->label_header = g_strdup (N_("Study"));
  plot->null_value = scale == EP_FOREST_SCALE_RATIO ? 1.0 : NAN;
  plot->x_min = NAN;
  plot->x_max = NAN;
  plot->decimals = -1;
  plot->n_panels = 1;

  return plot;
}

void
ep_forest_plot_free (EpForestPlot *plot)
{
  if (plot == NULL)
    return;

  g_array_unref (plot->rows);
  g_free (plot->label_header);
  g_free (plot->detail_header);
  g_free (plot->estimate_header);
  g_free (plot->weight_header);
  g_free (plot->extra_header);
  g_free (plot->x_label);
  g_free (plot->favours_left);
  g_free (plot->favours_right);
  g_free (plot->panel_header);
  g_free (plot->panel_header_b);
  g_clear_pointer (&plot->estimate_header_phrase, ep_plot_phrase_unref);
  g_clear_pointer (&plot->x_label_phrase, ep_plot_phrase_unref);
  g_free (plot);
}

EpForestRow *
ep_forest_plot_add_row (EpForestPlot    *plot,
                        EpForestRowKind  kind,
                        const char      *label,
                        const char      *detail,
                        double           estimate,
                        double           lower,
                        double           upper,
                        double           weight)
{
  EpForestRow row = {
    .kind = kind, .label = g_strdup (label), .detail = g_strdup (detail),
    .estimate = estimate, .lower = lower, .upper = upper, .weight = weight,
    .group = G_MAXUINT, .estimate_b = NAN, .lower_b = NAN, .upper_b = NAN,
  };

  g_return_val_if_fail (plot != NULL, NULL);

  g_array_append_val (plot->rows, row);

  return &g_array_index (plot->rows, EpForestRow, plot->rows->len - 1);
}

EpForestRow *
ep_forest_plot_add_phrase (EpForestPlot *plot,
                           EpPlotPhrase *phrase)
{
  EpForestRow *row;

  g_return_val_if_fail (plot != NULL && phrase != NULL, NULL);

  row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_NOTE, NULL, NULL, NAN, NAN, NAN, NAN);
  row->label_text = EP_FOREST_TEXT_PHRASE;
  row->phrase = phrase;
  return row;
}

guint
ep_forest_plot_count_rows (const EpForestPlot *plot,
                           EpForestRowKind     kind)
{
  guint count = 0;

  g_return_val_if_fail (plot != NULL, 0);

  for (guint i = 0; i < plot->rows->len; i++)
    count += g_array_index (plot->rows, EpForestRow, i).kind == kind;

  return count;
}

/* Sets row's label to the heterogeneity of pool, written when drawn (row_label()). */
static void
set_heterogeneity (EpForestRow      *row,
                   const EpMetaPool *pool,
                   EpMetaMethod      method)
{
  row->label_text = method == EP_META_METHOD_FE ? EP_FOREST_TEXT_HETEROGENEITY_FE
                    : method == EP_META_METHOD_GLMM ? EP_FOREST_TEXT_HETEROGENEITY_LRT
                    : EP_FOREST_TEXT_HETEROGENEITY_RE;
  row->values[0] = pool->i2;
  row->values[1] = pool->tau2;
  row->values[2] = pool->q;
  row->values[3] = pool->q_p;
  row->count = pool->q_df;
}

static char *
counts_text (guint events,
             guint total)
{
  return g_strdup_printf ("%u/%u", events, total);
}

static void
add_pool_rows (EpForestPlot       *plot,
               const EpMetaResult *result,
               const EpMetaPool   *pool,
               EpForestText        label_text,
               const char         *model,
               const char         *detail,
               double              weight,
               guint               group)
{
  EpForestRow *row;

  row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_POOLED, NULL, detail,
                                pool->random.estimate, pool->random.lower, pool->random.upper,
                                weight);
  row->label_text = label_text;
  row->model = model;
  row->count = pool->k;
  row->group = group;
  if (pool->k > 1)
    {
      row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_NOTE, NULL, NULL, NAN, NAN, NAN, NAN);
      set_heterogeneity (row, pool, result->method);
      row->group = group;
    }
}

EpForestPlot *
ep_forest_plot_new_from_meta (const EpMetaResult  *result,
                              const char * const  *labels,
                              const guint         *subgroup,
                              const char * const  *subgroup_labels,
                              const guint         *events,
                              const guint         *total)
{
  gboolean counts = events != NULL && total != NULL;
  const char *model;
  EpForestScale scale;
  EpForestPlot *plot;
  guint n_groups;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (labels != NULL, NULL);

  switch (result->measure)
    {
    case EP_META_MEASURE_LOGIT:
    case EP_META_MEASURE_FT:
      scale = EP_FOREST_SCALE_PROPORTION;
      break;
    case EP_META_MEASURE_LOG_RATIO:
      scale = EP_FOREST_SCALE_RATIO;
      break;
    case EP_META_MEASURE_GENERIC:
    default:
      scale = EP_FOREST_SCALE_LINEAR;
      break;
    }

  plot = ep_forest_plot_new (scale);
  if (counts)
    plot->detail_header = g_strdup (N_("Events/N"));
  plot->weight_header = g_strdup (N_("Weight"));
  switch (scale)
    {
    case EP_FOREST_SCALE_PROPORTION:
      plot->estimate_header = g_strdup (N_("Proportion, % (95% CI)"));
      plot->x_label = g_strdup (N_("Proportion (%)"));
      break;
    case EP_FOREST_SCALE_RATIO:
      plot->estimate_header = g_strdup (N_("Ratio (95% CI)"));
      plot->x_label = g_strdup (N_("Ratio (log scale)"));
      break;
    case EP_FOREST_SCALE_LINEAR:
    default:
      plot->estimate_header = g_strdup (N_("Estimate (95% CI)"));
      break;
    }

  model = result->method == EP_META_METHOD_FE ? N_("fixed effect") : N_("random effects");
  n_groups = result->n_subgroups > 0 && subgroup != NULL && subgroup_labels != NULL
             ? result->n_subgroups : 0;

  for (guint j = 0; j < MAX (n_groups, 1); j++)
    {
      guint sum_events = 0, sum_total = 0;
      double sum_weight = 0.0;
      EpForestRow *row;

      if (n_groups > 0)
        {
          row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_HEADING, subgroup_labels[j], NULL,
                                        NAN, NAN, NAN, NAN);
          row->group = j;
        }

      for (guint i = 0; i < result->k; i++)
        {
          g_autofree char *detail = NULL;

          if (n_groups > 0 && subgroup[i] != j)
            continue;
          if (counts)
            {
              detail = counts_text (events[i], total[i]);
              sum_events += events[i];
              sum_total += total[i];
            }
          sum_weight += result->weight_random[i];
          row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_STUDY, labels[i], detail,
                                        result->estimate[i], result->lower[i], result->upper[i],
                                        result->weight_random[i]);
          row->group = n_groups > 0 ? j : 0;
        }

      if (n_groups > 0)
        {
          g_autofree char *detail = counts ? counts_text (sum_events, sum_total) : NULL;

          add_pool_rows (plot, result, &result->subgroups[j], EP_FOREST_TEXT_SUBTOTAL, model,
                         detail, sum_weight, j);
          ep_forest_plot_add_row (plot, EP_FOREST_ROW_SPACE, NULL, NULL, NAN, NAN, NAN, NAN);
        }
    }

  {
    g_autofree char *detail = NULL;

    if (counts)
      {
        guint sum_events = 0, sum_total = 0;

        for (guint i = 0; i < result->k; i++)
          sum_events += events[i], sum_total += total[i];
        detail = counts_text (sum_events, sum_total);
      }
    add_pool_rows (plot, result, &result->overall, EP_FOREST_TEXT_OVERALL, model, detail, 100.0,
                   G_MAXUINT);
  }

  if (n_groups > 1 && !isnan (result->subgroup_q))
    {
      EpForestRow *row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_NOTE, NULL, NULL,
                                                 NAN, NAN, NAN, NAN);

      row->label_text = EP_FOREST_TEXT_SUBGROUP_TEST;
      row->values[2] = result->subgroup_q;
      row->values[3] = result->subgroup_p;
      row->count = result->subgroup_df;
    }

  return plot;
}

EpForestPlot *
ep_forest_plot_new_from_cox (const EpCoxFit     *fit,
                             const char * const *term_names)
{
  EpForestPlot *plot;

  g_return_val_if_fail (fit != NULL, NULL);

  plot = ep_forest_plot_new (EP_FOREST_SCALE_RATIO);
  g_free (plot->label_header);
  plot->label_header = g_strdup (N_("Variable"));
  plot->estimate_header = g_strdup (N_("HR (95% CI)"));
  plot->extra_header = g_strdup ("p");
  plot->x_label = g_strdup (N_("Hazard ratio (log scale)"));

  for (guint j = 0; j < fit->p; j++)
    {
      g_autofree char *name = term_names != NULL && term_names[j] != NULL
                              ? g_strdup (term_names[j]) : g_strdup_printf ("x%u", j + 1);
      EpForestRow *row;

      if (fit->singular[j] || fit->infinite[j] || !isfinite (fit->hr[j]))
        {
          row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_STUDY, name, NULL,
                                        NAN, NAN, NAN, NAN);
          row->extra = g_strdup (fit->singular[j] ? N_("not estimable") : N_("infinite"));
          row->msgids = TRUE;
        }
      else
        {
          row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_STUDY, name, NULL,
                                        fit->hr[j], fit->hr_lower[j], fit->hr_upper[j], NAN);
          row->has_p = TRUE;
          row->p = fit->p_value[j];
        }
      row->group = 0;
    }

  return plot;
}

/* ---- rendering ----------------------------------------------------------------------------- */

static char *
p_cell (const EpForestPlot *plot,
        const EpPlotStyle  *style,
        double              p)
{
  gboolean comma = ep_plot_style_decimal_comma (style);

  if (plot->p_rule != EP_FOREST_P_TABLE)
    return ep_plot_format_p_decimal (p, comma);
  /* ep_analysis_format_p(): "<0.001", else three decimals */
  if (!isnan (p) && p < 0.001)
    return g_strdup (comma ? "<0,001" : "<0.001");

  return ep_plot_format_decimal (p, 3, comma);
}

char *
ep_forest_row_label (const EpForestRow *row,
                     const EpPlotStyle *style)
{
  const double *v = row->values;
  g_autofree char *i2 = NULL, *tau2 = NULL, *q = NULL, *p = NULL;
  const char *eq;
  const char *model = row->model != NULL ? P_ (style, row->model) : "";

  switch (row->label_text)
    {
    case EP_FOREST_TEXT_REFERENCE:
      /* TRANSLATORS: the reference level's row of the Cox figure: "Male (ref)" */
      return g_strdup_printf (P_ (style, N_("%s (ref)")), row->label != NULL ? row->label : "");
    case EP_FOREST_TEXT_SUBTOTAL:
      return g_strdup_printf (P_ (style, N_("Subtotal, %s (k = %u)")), model, row->count);
    case EP_FOREST_TEXT_OVERALL:
      return g_strdup_printf (P_ (style, N_("Overall, %s (k = %u)")), model, row->count);
    case EP_FOREST_TEXT_HETEROGENEITY_FE:
    case EP_FOREST_TEXT_HETEROGENEITY_RE:
    case EP_FOREST_TEXT_HETEROGENEITY_LRT:
    case EP_FOREST_TEXT_SUBGROUP_TEST:
      i2 = EP_PLOT_NUMBER (style, v[0], 0);
      tau2 = EP_PLOT_NUMBER (style, v[1], v[1] < 0.01 ? 4 : 3);
      q = EP_PLOT_NUMBER (style, v[2], 2);
      p = EP_PLOT_P (style, v[3]);
      eq = (p[0] == '<' || p[0] == '>') ? "" : "= ";
      if (row->label_text == EP_FOREST_TEXT_HETEROGENEITY_FE)
        /* Heterogeneity: I² = 62%, Q = 13.20 (df = 5), p = 0.022 */
        return g_strdup_printf (P_ (style, N_("Heterogeneity: I² = %s%%, Q = %s (df = %u), p %s%s")),
                                i2, q, row->count, eq, p);
      if (row->label_text == EP_FOREST_TEXT_HETEROGENEITY_LRT)
        /* the GLMM's heterogeneity test is a likelihood ratio (rma.glmm's QE.LRT), not Cochran's Q */
        return g_strdup_printf (P_ (style, N_("Heterogeneity: I² = %s%%, τ² = %s, LRT = %s (df = %u), p %s%s")),
                                i2, tau2, q, row->count, eq, p);
      if (row->label_text == EP_FOREST_TEXT_HETEROGENEITY_RE)
        return g_strdup_printf (P_ (style, N_("Heterogeneity: I² = %s%%, τ² = %s, Q = %s (df = %u), p %s%s")),
                                i2, tau2, q, row->count, eq, p);
      /* Test for subgroup differences: Q = 25.31 (df = 1), p < 0.001 */
      return g_strdup_printf (P_ (style, N_("Test for subgroup differences: Q = %s (df = %u), p %s%s")),
                              q, row->count, eq, p);
    case EP_FOREST_TEXT_PHRASE:
      if (row->phrase != NULL)
        return ep_plot_phrase_write (row->phrase, style);
      return g_strdup (row->label);
    case EP_FOREST_TEXT_AS_IS:
    default:
      return g_strdup (row->label);
    }
}

char *
ep_forest_row_extra (const EpForestPlot *plot,
                     const EpForestRow  *row,
                     guint               set,
                     const EpPlotStyle  *style)
{
  const char *extra = set == 0 ? row->extra : row->extra_b;

  if (set == 0 ? row->has_p : row->has_p_b)
    return p_cell (plot, style, set == 0 ? row->p : row->p_b);
  if (extra != NULL && row->msgids)
    return g_strdup (P_ (style, extra));

  return g_strdup (extra);
}

/* A copy of plot with its rows' texts made in style's language and decimal mark: what the
 * renderer draws. */
static EpForestPlot *
plot_in_style (const EpForestPlot *plot,
               const EpPlotStyle  *style)
{
  EpForestPlot *copy = ep_forest_plot_new (plot->scale);
  GArray *rows = copy->rows;

  g_free (copy->label_header);
  *copy = *plot;
  copy->rows = rows;
  copy->label_header = g_strdup (plot->label_header);
  copy->detail_header = g_strdup (plot->detail_header);
  copy->estimate_header = g_strdup (plot->estimate_header);
  copy->weight_header = g_strdup (plot->weight_header);
  copy->extra_header = g_strdup (plot->extra_header);
  copy->x_label = g_strdup (plot->x_label);
  copy->favours_left = g_strdup (plot->favours_left);
  copy->favours_right = g_strdup (plot->favours_right);
  copy->panel_header = g_strdup (plot->panel_header);
  copy->panel_header_b = g_strdup (plot->panel_header_b);
  copy->estimate_header_phrase = NULL;
  copy->x_label_phrase = NULL;
  if (plot->estimate_header_phrase != NULL)
    {
      g_free (copy->estimate_header);
      copy->estimate_header = ep_plot_phrase_write (plot->estimate_header_phrase, style);
    }
  if (plot->x_label_phrase != NULL)
    {
      g_free (copy->x_label);
      copy->x_label = ep_plot_phrase_write (plot->x_label_phrase, style);
    }

  for (guint i = 0; i < plot->rows->len; i++)
    {
      const EpForestRow *row = &g_array_index (plot->rows, EpForestRow, i);
      g_autofree char *label = ep_forest_row_label (row, style);
      g_autofree char *detail = row->detail_phrase != NULL
                                ? ep_plot_phrase_write (row->detail_phrase, style)
                                : g_strdup (row->detail);
      EpForestRow *r = ep_forest_plot_add_row (copy, row->kind, label, detail, row->estimate,
                                               row->lower, row->upper, row->weight);
      const char *text = row->text, *text_b = row->text_b;

      if (row->msgids)
        {
          text = text != NULL ? P_ (style, text) : NULL;
          text_b = text_b != NULL ? P_ (style, text_b) : NULL;
        }
      r->group = row->group;
      r->estimate_b = row->estimate_b;
      r->lower_b = row->lower_b;
      r->upper_b = row->upper_b;
      r->text = g_strdup (text);
      r->text_b = g_strdup (text_b);
      r->extra = ep_forest_row_extra (plot, row, 0, style);
      r->extra_b = ep_forest_row_extra (plot, row, 1, style);
    }

  return copy;
}

typedef struct
{
  double x;
  double width;
  double lo;     /* axis limits, on the drawing scale (log for ratios) */
  double hi;
  gboolean log;
} Axis;

static double
axis_t (const Axis *a,
        double      value)
{
  return a->log ? log (value) : value;
}

static double
axis_x (const Axis *a,
        double      value)
{
  return a->x + (axis_t (a, value) - a->lo) / (a->hi - a->lo) * a->width;
}

static int
estimate_decimals (const EpForestPlot *plot)
{
  if (plot->decimals >= 0)
    return plot->decimals;

  return plot->scale == EP_FOREST_SCALE_PROPORTION ? 1 : 2;
}

/* The values of a row in a set: 0 its estimates, 1 its second estimates. */
static void
row_values (const EpForestRow *row,
            guint              set,
            double            *estimate,
            double            *lower,
            double            *upper)
{
  *estimate = set == 0 ? row->estimate : row->estimate_b;
  *lower = set == 0 ? row->lower : row->lower_b;
  *upper = set == 0 ? row->upper : row->upper_b;
}

static const char *
row_extra (const EpForestRow *row,
           guint              set)
{
  return set == 0 ? row->extra : row->extra_b;
}

static char *
estimate_text (const EpForestPlot *plot,
               const EpForestRow  *row,
               guint               set,
               const EpPlotStyle  *style)
{
  double f = plot->scale == EP_FOREST_SCALE_PROPORTION ? 100.0 : 1.0;
  int d = estimate_decimals (plot);
  double estimate, lower, upper;
  const char *text = set == 0 ? row->text : row->text_b;
  g_autofree char *e = NULL;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  if (text != NULL)
    return g_strdup (text);
  row_values (row, set, &estimate, &lower, &upper);
  if (isnan (estimate))
    return NULL;

  e = EP_PLOT_NUMBER (style, f * estimate, d);
  lo = EP_PLOT_NUMBER (style, f * lower, d);
  hi = EP_PLOT_NUMBER (style, f * upper, d);

  return g_strdup_printf ("%s (%s–%s)", e, lo, hi);
}

static char *
weight_text (const EpForestRow *row,
             const EpPlotStyle *style)
{
  g_autofree char *w = NULL;

  if (isnan (row->weight) || row->kind == EP_FOREST_ROW_HEADING || row->kind == EP_FOREST_ROW_NOTE)
    return NULL;
  w = EP_PLOT_NUMBER (style, row->weight, 1);

  return g_strdup_printf ("%s%%", w);
}

/* The axis limits and ticks (data scale). Proportions: 0 to 1 by 0.2. Ratios: the 1-2-5 values
 * around the data and the null. Linear: round numbers around the data and the null. */
static guint
axis_ticks (const EpForestPlot *plot,
            double             *lo,
            double             *hi,
            double            **ticks)
{
  double data_lo = G_MAXDOUBLE, data_hi = -G_MAXDOUBLE;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < plot->rows->len; i++)
    {
      const EpForestRow *row = &g_array_index (plot->rows, EpForestRow, i);

      for (guint set = 0; set < (plot->n_panels == 2 ? 2u : 1u); set++)
        {
          double estimate, lower, upper;

          row_values (row, set, &estimate, &lower, &upper);
          if (isnan (estimate))
            continue;
          if (isfinite (lower))
            data_lo = MIN (data_lo, lower);
          if (isfinite (upper))
            data_hi = MAX (data_hi, upper);
        }
    }
  if (!isnan (plot->null_value))
    {
      data_lo = MIN (data_lo, plot->null_value);
      data_hi = MAX (data_hi, plot->null_value);
    }

  if (plot->scale == EP_FOREST_SCALE_PROPORTION)
    {
      *lo = isnan (plot->x_min) ? 0.0 : plot->x_min;
      *hi = isnan (plot->x_max) ? 1.0 : plot->x_max;
      for (double t = 0.0; t <= 1.0 + 1e-9; t += 0.2)
        if (t >= *lo - 1e-9 && t <= *hi + 1e-9)
          g_array_append_val (out, t);
    }
  else if (plot->scale == EP_FOREST_SCALE_RATIO)
    {
      static const double mantissa[] = { 1.0, 2.0, 5.0 };
      g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));

      for (int e = -3; e <= 3; e++)
        for (guint m = 0; m < G_N_ELEMENTS (mantissa); m++)
          {
            double v = mantissa[m] * pow (10.0, e);

            g_array_append_val (all, v);
          }
      if (!(data_lo > 0.0))
        data_lo = 0.5;
      if (!(data_hi > 0.0) || data_hi < data_lo)
        data_hi = 2.0;
      *lo = 0.001;
      *hi = 5000.0;
      for (guint i = 0; i < all->len; i++)
        {
          double v = g_array_index (all, double, i);

          if (v <= data_lo * (1 + 1e-9))
            *lo = v;
          if (v >= data_hi * (1 - 1e-9) && *hi == 5000.0)
            *hi = v;
        }
      if (!isnan (plot->x_min) && plot->x_min > 0.0)
        *lo = plot->x_min;
      if (!isnan (plot->x_max) && plot->x_max > *lo)
        *hi = plot->x_max;
      for (guint i = 0; i < all->len; i++)
        {
          double v = g_array_index (all, double, i);

          if (v >= *lo * (1 - 1e-9) && v <= *hi * (1 + 1e-9))
            g_array_append_val (out, v);
        }
      /* Too many: keep 1, 10, 0.1 … and the ends. */
      if (out->len > 7)
        {
          for (guint i = out->len; i-- > 0;)
            {
              double v = g_array_index (out, double, i);
              double l = log10 (v);

              if (fabs (l - round (l)) > 1e-9 && i != 0 && i != out->len - 1)
                g_array_remove_index (out, i);
            }
        }
    }
  else
    {
      double step;

      if (data_lo > data_hi)
        data_lo = -1.0, data_hi = 1.0;
      step = ep_plot_nice_step (data_hi - data_lo, 5);
      *lo = isnan (plot->x_min) ? floor (data_lo / step) * step : plot->x_min;
      *hi = isnan (plot->x_max) ? ceil (data_hi / step) * step : plot->x_max;
      if (*hi <= *lo)
        *hi = *lo + step;
      for (double t = ceil (*lo / step - 1e-9) * step; t <= *hi + 1e-9 * step; t += step)
        g_array_append_val (out, t);
    }

  {
    guint n = out->len;

    *ticks = (double *) (void *) g_array_free (out, FALSE);
    return n;
  }
}

/* lines: of a note wrapped to the figure's width (1 for other rows) */
static double
row_units (const EpForestRow *row,
           guint              lines)
{
  switch (row->kind)
    {
    case EP_FOREST_ROW_SPACE:
      return 0.5;
    case EP_FOREST_ROW_NOTE:
      return 0.9 * MAX (lines, 1);
    default:
      return 1.0;
    }
}

static EpPlotRgb
row_color (const EpPlotStyle *style,
           const EpForestRow *row)
{
  EpPlotRgb black = { 0, 0, 0 };

  return row->group == G_MAXUINT ? black : ep_plot_palette_color (style->palette, row->group);
}

static void
draw_arrow (cairo_t *cr,
            double   x,
            double   y,
            double   direction,
            double   size)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - direction * size, y - size * 0.6);
  cairo_line_to (cr, x - direction * size, y + size * 0.6);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* A note (a footnote: the method, a guard's warning) as a Pango layout wrapped at word
 * boundaries to max_width points, so that no line runs off the figure. */
static PangoLayout *
note_layout (cairo_t           *cr,
             const EpPlotStyle *style,
             double             size,
             const char        *text,
             double             max_width)
{
  PangoLayout *layout = ep_plot_text_new (cr, style, size, EP_TEXT_ITALIC, text);

  pango_layout_set_width (layout, (int) floor (MAX (max_width, size) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  return layout;
}

/* An estimate of a figure's note lines without a cairo context (for sizing a figure before it
 * is drawn): about 0.55 em a character of the small italic text. */
guint
ep_forest_plot_note_lines (const EpForestPlot *plot,
                           double              width_pt,
                           double              font_size)
{
  double small = font_size - 0.5;
  double per_line = MAX ((width_pt - 2.0 * font_size) / (0.55 * small), 20.0);
  guint lines = 0;

  g_return_val_if_fail (plot != NULL, 0);

  for (guint i = 0; i < plot->rows->len; i++)
    {
      const EpForestRow *row = &g_array_index (plot->rows, EpForestRow, i);

      g_autofree char *label = ep_forest_row_label (row, NULL);

      if (row->kind == EP_FOREST_ROW_NOTE && label != NULL)
        lines += (guint) MAX (1.0, ceil (g_utf8_strlen (label, -1) / per_line));
    }

  return lines;
}

/* Column numbers of EP_PLOT_ITEM_FOREST_CELL (a second panel's columns add 8). */
enum
{
  COL_DETAIL = 1,
  COL_ESTIMATE = 2,
  COL_WEIGHT = 3,
  COL_EXTRA = 4,
  COL_PANEL = 5,
};

/* Draws a text cell and records it in the layout. */
static void
cell (cairo_t           *cr,
      const EpPlotStyle *style,
      double             size,
      EpTextFlags        flags,
      const char        *text,
      double             x,
      double             y,
      double             halign,
      double             valign,
      EpPlotLayout      *layout,
      int                row,
      int                col)
{
  ep_plot_text_draw (cr, style, size, flags, text, x, y, halign, valign);
  if (layout != NULL)
    ep_plot_layout_add (layout, EP_PLOT_ITEM_FOREST_CELL, row, col, 0.0, x, y, 0.0, 0.0, text);
}

/* What the vertical geometry needs: the text's line height, the space above the rows and
 * under them, the rows' height in row units and each note's wrapped lines. */
typedef struct
{
  double  line_h;
  double  top;         /* from the figure's top to the first row */
  double  axis_h;      /* from the last row to the figure's bottom */
  double  units;
  guint  *note_lines;  /* rows->len */
  double  indent;
} Geometry;

static gboolean
has_panel_headers (const EpForestPlot *plot)
{
  return plot->n_panels == 2 && (plot->panel_header != NULL || plot->panel_header_b != NULL);
}

static void
measure (cairo_t            *cr,
         double              width,
         const EpForestPlot *plot,
         const EpPlotStyle  *style,
         Geometry           *g)
{
  double fs = style->font_size, small = fs - 0.5, pad = 0.5 * fs, tick_len = 0.45 * fs;
  double title_h = 0.0;
  gboolean has_title = style->title != NULL && style->title[0] != '\0';
  g_autoptr(PangoLayout) probe = ep_plot_text_new (cr, style, fs, EP_TEXT_REGULAR, "0");

  ep_plot_text_size (probe, NULL, &g->line_h);
  if (has_title)
    {
      g_autoptr(PangoLayout) t = ep_plot_text_new (cr, style, style->title_size, EP_TEXT_BOLD,
                                                   style->title);

      ep_plot_text_size (t, NULL, &title_h);
    }

  g->indent = 0.0;
  for (guint i = 0; i < plot->rows->len; i++)
    if (g_array_index (plot->rows, EpForestRow, i).kind == EP_FOREST_ROW_HEADING)
      g->indent = fs;

  g->units = 0.0;
  g->note_lines = g_new0 (guint, plot->rows->len + 1);
  for (guint i = 0; i < plot->rows->len; i++)
    {
      const EpForestRow *row = &g_array_index (plot->rows, EpForestRow, i);

      if (row->kind == EP_FOREST_ROW_NOTE)
        {
          g_autoptr(PangoLayout) note = note_layout (cr, style, small, row->label,
                                                     width - 2.0 * pad
                                                     - (row->group != G_MAXUINT ? g->indent : 0.0));

          g->note_lines[i] = (guint) pango_layout_get_line_count (note);
        }
      g->units += row_units (row, g->note_lines[i]);
    }

  g->top = pad + (has_title ? title_h + 0.6 * fs : 0.0) + g->line_h + 0.5 * fs
           + (has_panel_headers (plot) ? g->line_h + 0.3 * fs : 0.0);
  g->axis_h = tick_len + 0.2 * fs + g->line_h + 0.3 * fs + g->line_h
              + (plot->favours_left != NULL || plot->favours_right != NULL ? g->line_h : 0.0)
              + pad;
}

/* The natural row height, in lines: what ep_forest_plot_fit_height() sizes a figure for. */
#define NATURAL_ROW 1.3

double
ep_forest_plot_fit_height (const EpForestPlot *plot,
                           const EpPlotStyle  *style,
                           double              width)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  Geometry g = { 0, };
  EpForestPlot *styled;
  double height;

  g_return_val_if_fail (plot != NULL && style != NULL, 0.0);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  styled = plot_in_style (plot, style);
  measure (cr, width, styled, style, &g);
  ep_forest_plot_free (styled);
  height = g.top + g.units * NATURAL_ROW * g.line_h + g.axis_h;
  g_free (g.note_lines);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return ceil (height);
}

/* Draws a row's estimate of a set on a panel's axis: a square (sized by weight) with whiskers
 * for a study, a diamond for a pooled estimate. */
static void
draw_marker (cairo_t            *cr,
             const EpPlotStyle  *style,
             const EpForestRow  *row,
             guint               i,
             guint               set,
             int                 panel,
             const Axis         *axis,
             double              cy,
             double              row_h,
             double              square_max,
             double              max_weight,
             double              line_h,
             EpPlotRgb           color,
             EpPlotLayout       *layout)
{
  double fs = style->font_size;
  double estimate, lower, upper;
  double t_lo, t_hi, t_est, x_lo, x_hi, x_est, arrow = 0.45 * fs;
  gboolean cut_lo, cut_hi;
  int col = panel == 0 ? -1 : panel;

  row_values (row, set, &estimate, &lower, &upper);
  if (isnan (estimate) || isnan (lower) || isnan (upper) ||
      (axis->log && !(lower > 0.0 && estimate > 0.0)))
    return;

  t_lo = axis_t (axis, lower);
  t_hi = axis_t (axis, upper);
  t_est = axis_t (axis, estimate);
  x_lo = MAX (axis_x (axis, lower), axis->x);
  x_hi = MIN (axis_x (axis, upper), axis->x + axis->width);
  x_est = axis_x (axis, estimate);
  cut_lo = t_lo < axis->lo;
  cut_hi = t_hi > axis->hi;
  ep_plot_set_color (cr, color, 1.0);

  if (row->kind == EP_FOREST_ROW_STUDY)
    {
      double side = isnan (row->weight) || max_weight <= 0.0
                    ? 0.5 * square_max
                    : MAX (0.25 * line_h, square_max * sqrt (row->weight / max_weight));

      cairo_set_line_width (cr, 0.8 * style->line_width);
      cairo_move_to (cr, x_lo + (cut_lo ? arrow : 0.0), cy);
      cairo_line_to (cr, x_hi - (cut_hi ? arrow : 0.0), cy);
      cairo_stroke (cr);
      if (cut_lo)
        {
          draw_arrow (cr, x_lo, cy, -1.0, arrow);
          if (layout != NULL)
            ep_plot_layout_add (layout, EP_PLOT_ITEM_FOREST_ARROW, (int) i, panel == 0 ? 0 : 2 * panel,
                                lower, x_lo, cy, arrow, arrow, NULL);
        }
      if (cut_hi)
        {
          draw_arrow (cr, x_hi, cy, 1.0, arrow);
          if (layout != NULL)
            ep_plot_layout_add (layout, EP_PLOT_ITEM_FOREST_ARROW, (int) i, panel == 0 ? 1 : 2 * panel + 1,
                                upper, x_hi, cy, arrow, arrow, NULL);
        }
      if (t_est >= axis->lo && t_est <= axis->hi)
        {
          cairo_rectangle (cr, x_est - side / 2.0, cy - side / 2.0, side, side);
          cairo_fill (cr);
          if (layout != NULL)
            ep_plot_layout_add (layout, EP_PLOT_ITEM_FOREST_SQUARE, (int) i, col,
                                estimate, x_est, cy, side, side, row->label);
        }
    }
  else
    {
      double half = 0.35 * row_h;

      x_est = CLAMP (x_est, axis->x, axis->x + axis->width);
      cairo_move_to (cr, x_lo, cy);
      cairo_line_to (cr, x_est, cy - half);
      cairo_line_to (cr, x_hi, cy);
      cairo_line_to (cr, x_est, cy + half);
      cairo_close_path (cr);
      cairo_fill (cr);
      if (layout != NULL)
        ep_plot_layout_add (layout, EP_PLOT_ITEM_FOREST_DIAMOND, (int) i, col,
                            estimate, x_est, cy, x_hi - x_lo, 2.0 * half, row->label);
    }
}

static void
render_styled (cairo_t            *cr,
               double              width,
               double              height,
               const EpForestPlot *plot,
               const EpPlotStyle  *style,
               EpPlotLayout       *layout)
{
  double fs, small, pad, gap, line_h;
  double label_w, detail_w = 0.0, weight_w = 0.0;
  double estimate_w[2] = { 0.0, 0.0 }, extra_w[2] = { 0.0, 0.0 }, panel_right[2];
  double indent, units, row_h, y, axis_y, max_weight = 0.0, square_max;
  double tick_len, lo, hi;
  double overall_estimate = NAN;
  g_autofree double *ticks = NULL;
  guint *note_lines;
  gboolean has_title;
  guint n_ticks, n_panels, sets[2];
  Geometry geometry = { 0, };
  Axis axes[2];

  g_return_if_fail (cr != NULL);
  g_return_if_fail (plot != NULL);
  g_return_if_fail (style != NULL);

  fs = style->font_size;
  small = fs - 0.5;
  pad = 0.5 * fs;
  gap = 1.2 * fs;
  tick_len = 0.45 * fs;
  has_title = style->title != NULL && style->title[0] != '\0';
  n_panels = plot->n_panels == 2 ? 2 : 1;
  /* the set each panel shows, left to right */
  sets[0] = n_panels == 2 && plot->b_first ? 1 : 0;
  sets[1] = 1 - sets[0];

  cairo_save (cr);
  ep_plot_begin_page (cr, width, height, style, layout);

  measure (cr, width, plot, style, &geometry);
  line_h = geometry.line_h;
  indent = geometry.indent;
  units = geometry.units;
  note_lines = geometry.note_lines;

  /* Column widths. */
  label_w = ep_plot_text_width (cr, style, fs, EP_TEXT_BOLD, P_ (style, plot->label_header));
  if (plot->detail_header != NULL)
    detail_w = ep_plot_text_width (cr, style, fs, EP_TEXT_BOLD, P_ (style, plot->detail_header));
  for (guint k = 0; k < n_panels; k++)
    {
      if (plot->estimate_header != NULL)
        estimate_w[k] = ep_plot_text_width (cr, style, fs, EP_TEXT_BOLD, P_ (style, plot->estimate_header));
      if (plot->extra_header != NULL)
        extra_w[k] = ep_plot_text_width (cr, style, fs, EP_TEXT_BOLD, plot->extra_header);
    }
  if (plot->weight_header != NULL && n_panels == 1)
    weight_w = ep_plot_text_width (cr, style, fs, EP_TEXT_BOLD, P_ (style, plot->weight_header));

  for (guint i = 0; i < plot->rows->len; i++)
    {
      const EpForestRow *row = &g_array_index (plot->rows, EpForestRow, i);
      EpTextFlags flags = row->kind == EP_FOREST_ROW_STUDY ? EP_TEXT_REGULAR : EP_TEXT_BOLD;
      g_autofree char *weight = weight_text (row, style);

      if (row->kind == EP_FOREST_ROW_STUDY && !isnan (row->weight))
        max_weight = MAX (max_weight, row->weight);
      if (row->kind == EP_FOREST_ROW_POOLED && row->group == G_MAXUINT)
        overall_estimate = row->estimate;
      if (row->kind == EP_FOREST_ROW_NOTE || row->kind == EP_FOREST_ROW_SPACE)
        continue;

      label_w = MAX (label_w, ep_plot_text_width (cr, style, fs, flags, row->label)
                              + (row->kind == EP_FOREST_ROW_STUDY ? indent : 0.0));
      if (plot->detail_header != NULL && row->detail != NULL)
        detail_w = MAX (detail_w, ep_plot_text_width (cr, style, fs, flags, row->detail));
      for (guint k = 0; k < n_panels; k++)
        {
          g_autofree char *estimate = estimate_text (plot, row, sets[k], style);
          const char *extra = row_extra (row, sets[k]);

          if (plot->estimate_header != NULL && estimate != NULL)
            estimate_w[k] = MAX (estimate_w[k], ep_plot_text_width (cr, style, fs, flags, estimate));
          if (plot->extra_header != NULL && extra != NULL)
            extra_w[k] = MAX (extra_w[k], ep_plot_text_width (cr, style, fs, flags, extra));
        }
      if (plot->weight_header != NULL && n_panels == 1 && weight != NULL)
        weight_w = MAX (weight_w, ep_plot_text_width (cr, style, fs, flags, weight));
    }

  /* The plot columns take what the text leaves, at least a fifth of the width between them. */
  {
    double x0 = pad + label_w + gap + (plot->detail_header != NULL ? detail_w + gap : 0.0);
    double text_w = 0.0, axis_w;

    for (guint k = 0; k < n_panels; k++)
      text_w += gap + estimate_w[k] + (plot->extra_header != NULL ? gap + extra_w[k] : 0.0);
    text_w += (n_panels - 1) * gap;
    if (plot->weight_header != NULL && n_panels == 1)
      text_w += gap + weight_w;
    axis_w = MAX ((width - x0 - text_w - pad) / n_panels, width / (5.0 * n_panels));
    for (guint k = 0; k < n_panels; k++)
      {
        axes[k].x = k == 0 ? x0 : panel_right[k - 1] + gap;
        axes[k].width = axis_w;
        panel_right[k] = axes[k].x + axis_w + gap + estimate_w[k]
                         + (plot->extra_header != NULL ? gap + extra_w[k] : 0.0);
      }
  }
  n_ticks = axis_ticks (plot, &lo, &hi, &ticks);
  for (guint k = 0; k < n_panels; k++)
    {
      axes[k].log = plot->scale == EP_FOREST_SCALE_RATIO;
      axes[k].lo = axis_t (&axes[k], lo);
      axes[k].hi = axis_t (&axes[k], hi);
      if (!(axes[k].hi > axes[k].lo))
        axes[k].hi = axes[k].lo + 1.0;
    }

  /* Rows share the height left under the headers and above the axis, between one and 1.6
   * lines each. */
  row_h = units > 0 ? (height - geometry.top - geometry.axis_h) / units : line_h;
  row_h = CLAMP (row_h, 1.0 * line_h, 1.6 * line_h);
  y = geometry.top;
  square_max = 0.7 * row_h;

  if (layout != NULL)
    {
      layout->plot_x = axes[0].x;
      layout->plot_y = y;
      layout->plot_width = axes[0].width;
      layout->plot_height = units * row_h;
      layout->x_min = lo;
      layout->x_max = hi;
      layout->y_min = 0.0;
      layout->y_max = units;
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (has_title)
    ep_plot_text_draw (cr, style, style->title_size, EP_TEXT_BOLD, style->title, pad, pad, 0, 0);

  /* Headers and the rule under them; with two panels each panel's name over its columns. */
  {
    double hy = y - 0.5 * fs;
    double x_right = pad + label_w;

    ep_plot_text_draw (cr, style, fs, EP_TEXT_BOLD, P_ (style, plot->label_header), pad, hy, 0.0, 1.0);
    if (plot->detail_header != NULL)
      cell (cr, style, fs, EP_TEXT_BOLD, P_ (style, plot->detail_header), pad + label_w + gap + detail_w, hy,
            1.0, 1.0, layout, -1, COL_DETAIL);
    for (guint k = 0; k < n_panels; k++)
      {
        double px = axes[k].x + axes[k].width + gap;
        const char *panel = sets[k] == 0 ? plot->panel_header : plot->panel_header_b;

        if (plot->estimate_header != NULL)
          cell (cr, style, fs, EP_TEXT_BOLD, P_ (style, plot->estimate_header), px + estimate_w[k], hy,
                1.0, 1.0, layout, -1, COL_ESTIMATE + 8 * (int) k);
        px += estimate_w[k];
        if (plot->weight_header != NULL && n_panels == 1)
          {
            px += gap + weight_w;
            cell (cr, style, fs, EP_TEXT_BOLD, P_ (style, plot->weight_header), px, hy, 1.0, 1.0, layout, -1,
                  COL_WEIGHT);
          }
        if (plot->extra_header != NULL)
          {
            px += gap + extra_w[k];
            cell (cr, style, fs, EP_TEXT_BOLD, plot->extra_header, px, hy, 1.0, 1.0, layout, -1,
                  COL_EXTRA + 8 * (int) k);
          }
        x_right = px;
        if (has_panel_headers (plot) && panel != NULL)
          {
            double py = hy - line_h - 0.3 * fs;

            cell (cr, style, fs, EP_TEXT_BOLD, P_ (style, panel), (axes[k].x + px) / 2.0, py, 0.5, 1.0,
                  layout, -1, COL_PANEL + 8 * (int) k);
            cairo_set_line_width (cr, 0.5 * style->axis_width);
            cairo_move_to (cr, axes[k].x, py + 0.15 * fs);
            cairo_line_to (cr, px, py + 0.15 * fs);
            cairo_stroke (cr);
          }
      }
    cairo_set_line_width (cr, 0.5 * style->axis_width);
    cairo_move_to (cr, pad, y - 0.25 * fs);
    cairo_line_to (cr, x_right, y - 0.25 * fs);
    cairo_stroke (cr);
  }

  axis_y = y + units * row_h + 0.25 * fs;

  /* The null lines and the overall estimate's dotted line, under the markers. */
  for (guint k = 0; k < n_panels; k++)
    if (!isnan (plot->null_value) && axis_t (&axes[k], plot->null_value) >= axes[k].lo &&
        axis_t (&axes[k], plot->null_value) <= axes[k].hi)
      {
        double x = axis_x (&axes[k], plot->null_value);

        cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
        cairo_set_line_width (cr, style->axis_width);
        cairo_move_to (cr, x, y);
        cairo_line_to (cr, x, axis_y);
        cairo_stroke (cr);
        if (layout != NULL)
          ep_plot_layout_add (layout, EP_PLOT_ITEM_NULL_LINE, -1, k == 0 ? -1 : (int) k,
                              plot->null_value, x, y, 0.0, axis_y - y, NULL);
      }
  if (!isnan (overall_estimate) && axis_t (&axes[0], overall_estimate) > axes[0].lo &&
      axis_t (&axes[0], overall_estimate) < axes[0].hi)
    {
      double dashes[2] = { 1.0, 1.5 };
      double x = axis_x (&axes[0], overall_estimate);
      double end = y, row_y = y;

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
      cairo_set_line_width (cr, 0.5 * style->axis_width);
      cairo_set_dash (cr, dashes, 2, 0.0);

      /* down to the last study or estimate: not through the notes (footnotes) under them */
      for (guint i = 0; i < plot->rows->len; i++)
        {
          const EpForestRow *row = &g_array_index (plot->rows, EpForestRow, i);

          row_y += row_units (row, note_lines[i]) * row_h;
          if (row->kind != EP_FOREST_ROW_NOTE && row->kind != EP_FOREST_ROW_SPACE)
            end = row_y;
        }
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, end);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* Rows. */
  for (guint i = 0; i < plot->rows->len; i++)
    {
      const EpForestRow *row = &g_array_index (plot->rows, EpForestRow, i);
      double h = row_units (row, note_lines[i]) * row_h;
      double cy = y + h / 2.0;
      EpTextFlags flags = row->kind == EP_FOREST_ROW_STUDY ? EP_TEXT_REGULAR : EP_TEXT_BOLD;
      g_autofree char *weight = weight_text (row, style);
      EpPlotRgb color = row_color (style, row);

      if (layout != NULL)
        ep_plot_layout_add (layout, EP_PLOT_ITEM_FOREST_ROW, (int) i, (int) row->kind, 0.0,
                            pad, cy, 0.0, h, row->label);

      cairo_set_source_rgb (cr, 0, 0, 0);
      switch (row->kind)
        {
        case EP_FOREST_ROW_SPACE:
          y += h;
          continue;
        case EP_FOREST_ROW_NOTE:
          {
            double note_x = pad + (row->group != G_MAXUINT ? indent : 0.0);
            g_autoptr(PangoLayout) note = note_layout (cr, style, small, row->label,
                                                       width - pad - note_x);
            PangoRectangle logical;

            /* wrapped to the figure's width; its lines centred in the row as one block */
            pango_layout_get_extents (note, NULL, &logical);
            cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
            cairo_move_to (cr, note_x, cy - 0.5 * logical.height / PANGO_SCALE);
            pango_cairo_show_layout (cr, note);
            cairo_new_path (cr);
            if (layout != NULL)
              ep_plot_layout_add (layout, EP_PLOT_ITEM_NOTE, (int) i,
                                  pango_layout_get_line_count (note),
                                  0.0, note_x + (double) logical.x / PANGO_SCALE,
                                  cy - 0.5 * logical.height / PANGO_SCALE,
                                  (double) logical.width / PANGO_SCALE,
                                  (double) logical.height / PANGO_SCALE, row->label);
            y += h;
            continue;
          }
        case EP_FOREST_ROW_HEADING:
          ep_plot_set_color (cr, color, 1.0);
          ep_plot_text_draw (cr, style, fs, EP_TEXT_BOLD, row->label, pad, cy, 0.0, 0.5);
          y += h;
          continue;
        case EP_FOREST_ROW_STUDY:
          ep_plot_text_draw (cr, style, fs, flags, row->label, pad + indent, cy, 0.0, 0.5);
          break;
        case EP_FOREST_ROW_POOLED:
        default:
          ep_plot_text_draw (cr, style, fs, flags, row->label, pad, cy, 0.0, 0.5);
          break;
        }

      if (plot->detail_header != NULL && row->detail != NULL)
        cell (cr, style, fs, flags, row->detail, pad + label_w + gap + detail_w, cy, 1.0, 0.5,
              layout, (int) i, COL_DETAIL);
      for (guint k = 0; k < n_panels; k++)
        {
          g_autofree char *estimate = estimate_text (plot, row, sets[k], style);
          const char *extra = row_extra (row, sets[k]);
          double x_right = axes[k].x + axes[k].width + gap;

          cairo_set_source_rgb (cr, 0, 0, 0);
          if (estimate != NULL && plot->estimate_header != NULL)
            cell (cr, style, fs, flags, estimate, x_right + estimate_w[k], cy, 1.0, 0.5,
                  layout, (int) i, COL_ESTIMATE + 8 * (int) k);
          x_right += estimate_w[k];
          if (plot->weight_header != NULL && n_panels == 1)
            {
              x_right += gap + weight_w;
              if (weight != NULL)
                cell (cr, style, fs, flags, weight, x_right, cy, 1.0, 0.5, layout, (int) i,
                      COL_WEIGHT);
            }
          if (plot->extra_header != NULL)
            {
              x_right += gap + extra_w[k];
              if (extra != NULL)
                cell (cr, style, fs, flags, extra, x_right, cy, 1.0, 0.5, layout, (int) i,
                      COL_EXTRA + 8 * (int) k);
            }
          draw_marker (cr, style, row, i, sets[k], (int) k, &axes[k], cy, row_h, square_max,
                       max_weight, line_h, color, layout);
        }
      y += h;
    }

  /* The axes. */
  for (guint k = 0; k < n_panels; k++)
    {
      const Axis *axis = &axes[k];
      double ly = axis_y + tick_len + 0.2 * fs + line_h + 0.3 * fs;
      double null_x = !isnan (plot->null_value) ? axis_x (axis, plot->null_value)
                                                : axis->x + axis->width / 2.0;

      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, style->axis_width);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
      cairo_move_to (cr, axis->x, axis_y);
      cairo_line_to (cr, axis->x + axis->width, axis_y);
      cairo_stroke (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      for (guint t = 0; t < n_ticks; t++)
        {
          double v = ticks[t];
          double x = axis_x (axis, v);
          g_autofree char *text = NULL;

          if (plot->scale == EP_FOREST_SCALE_PROPORTION)
            text = EP_PLOT_NUMBER (style, 100.0 * v, 0);
          else if (plot->scale == EP_FOREST_SCALE_RATIO)
            text = EP_PLOT_NUMBER (style, v, MAX (0, (int) ceil (-log10 (v) - 1e-9)));
          else
            text = EP_PLOT_NUMBER (style, v, ep_plot_step_decimals (n_ticks > 1 ? ticks[1] - ticks[0]
                                                                                : 1.0));
          cairo_move_to (cr, x, axis_y);
          cairo_line_to (cr, x, axis_y + tick_len);
          cairo_stroke (cr);
          ep_plot_text_draw (cr, style, fs, EP_TEXT_REGULAR, text, x, axis_y + tick_len + 0.2 * fs,
                             0.5, 0.0);
          /* the first panel's ticks are numbered 0.., the second's from n_ticks */
          if (layout != NULL)
            ep_plot_layout_add (layout, EP_PLOT_ITEM_X_TICK, -1, (int) (t + k * n_ticks), v, x,
                                axis_y, 0.0, tick_len, text);
        }

      if (plot->favours_left != NULL || plot->favours_right != NULL)
        {
          g_autofree char *left = plot->favours_left != NULL
                                  ? g_strconcat ("← ", P_ (style, plot->favours_left), NULL) : NULL;
          g_autofree char *right = plot->favours_right != NULL
                                   ? g_strconcat (P_ (style, plot->favours_right), " →", NULL) : NULL;

          if (left != NULL)
            ep_plot_text_draw (cr, style, small, EP_TEXT_REGULAR, left, null_x - 0.5 * fs, ly,
                               1.0, 0.0);
          if (right != NULL)
            ep_plot_text_draw (cr, style, small, EP_TEXT_REGULAR, right, null_x + 0.5 * fs, ly,
                               0.0, 0.0);
          ly += line_h;
        }
      if (plot->x_label != NULL)
        ep_plot_text_draw (cr, style, fs, EP_TEXT_REGULAR, P_ (style, plot->x_label),
                           axis->x + axis->width / 2.0, ly, 0.5, 0.0);
    }

  g_free (note_lines);
  cairo_restore (cr);
}

void
ep_forest_plot_render (cairo_t            *cr,
                       double              width,
                       double              height,
                       const EpForestPlot *plot,
                       const EpPlotStyle  *style,
                       EpPlotLayout       *layout)
{
  EpForestPlot *styled;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (plot != NULL);
  g_return_if_fail (style != NULL);

  styled = plot_in_style (plot, style);
  render_styled (cr, width, height, styled, style, layout);
  ep_forest_plot_free (styled);
}
