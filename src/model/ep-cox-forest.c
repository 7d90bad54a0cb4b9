/* ep-cox-forest.c: a Cox model's hazard ratios in the layout of seed 002's Table 3
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/ep-analysis.h"
#include "model/ep-cohort-column.h"
#include "model/ep-cox-forest.h"

void
ep_cox_factor_free (EpCoxFactor *factor)
{
  if (factor == NULL)
    return;
  g_free (factor->name);
  g_free (factor->column);
  g_strfreev (factor->labels);
  for (guint k = 0; factor->terms != NULL && k < factor->n_levels; k++)
    g_free (factor->terms[k]);
  g_free (factor->terms);
  g_free (factor->n);
  g_free (factor->events);
  g_free (factor);
}

static EpCoxFactor *
factor_new (guint n_levels)
{
  EpCoxFactor *factor = g_new0 (EpCoxFactor, 1);

  factor->n_levels = n_levels;
  factor->labels = g_new0 (char *, n_levels + 1);
  factor->terms = g_new0 (char *, MAX (n_levels, 1));
  factor->n = g_new0 (guint, MAX (n_levels, 1));
  factor->events = g_new0 (guint, MAX (n_levels, 1));
  return factor;
}

GPtrArray *
ep_cox_factors_new (EpCohort           *cohort,
                    const char * const *covariates,
                    const EpDesign     *design,
                    const int          *status)
{
  GPtrArray *factors = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_cox_factor_free);

  g_return_val_if_fail (EP_IS_COHORT (cohort), factors);
  g_return_val_if_fail (design != NULL && status != NULL, factors);

  for (guint j = 0; j < design->n_columns; j++)
    {
      int position = ep_cohort_find_column (cohort, covariates[j]);
      const char *name = position >= 0
                         ? ep_cohort_column_get_display_name (ep_cohort_get_column (cohort, position))
                         : covariates[j];
      const EpLevels *levels = design->levels != NULL ? design->levels[j] : NULL;
      EpCoxFactor *factor;

      if (levels == NULL)
        {
          factor = factor_new (1);
          factor->numeric = TRUE;
          factor->labels[0] = g_strdup (name);
          for (guint t = 0; t < design->p; t++)
            if (design->term_column[t] == j)
              factor->terms[0] = g_strdup (design->term_names[t]);
          factor->n[0] = (guint) design->n;
          for (gsize i = 0; i < design->n; i++)
            factor->events[0] += status[i] != 0;
        }
      else
        {
          factor = factor_new (levels->n_levels);
          for (guint k = 0; k < levels->n_levels; k++)
            {
              factor->labels[k] = g_strdup (ep_levels_get_label (levels, k));
              /* the reference (first) level has no term */
              for (guint t = 0; t < design->p && k > 0; t++)
                if (design->term_column[t] == j && design->term_levels[t] != NULL
                    && strcmp (design->term_levels[t], levels->levels[k]) == 0)
                  factor->terms[k] = g_strdup (design->term_names[t]);
            }
          for (gsize i = 0; i < design->n && i < levels->n; i++)
            {
              factor->n[levels->codes[i]]++;
              factor->events[levels->codes[i]] += status[i] != 0;
            }
        }
      factor->name = g_strdup (name);
      factor->column = g_strdup (covariates[j]);
      g_ptr_array_add (factors, factor);
    }

  return factors;
}

/* ---- JSON ---------------------------------------------------------------------------------- */

JsonArray *
ep_cox_factors_to_json (const GPtrArray *factors)
{
  JsonArray *array = json_array_new ();

  for (guint f = 0; factors != NULL && f < factors->len; f++)
    {
      const EpCoxFactor *factor = g_ptr_array_index ((GPtrArray *) factors, f);
      JsonObject *o = json_object_new ();
      JsonArray *labels = json_array_new (), *terms = json_array_new ();
      JsonArray *n = json_array_new (), *events = json_array_new ();

      json_object_set_string_member (o, "name", factor->name);
      json_object_set_string_member (o, "column", factor->column);
      json_object_set_boolean_member (o, "numeric", factor->numeric);
      for (guint k = 0; k < factor->n_levels; k++)
        {
          json_array_add_string_element (labels, factor->labels[k]);
          if (factor->terms[k] != NULL)
            json_array_add_string_element (terms, factor->terms[k]);
          else
            json_array_add_null_element (terms);
          json_array_add_int_element (n, factor->n[k]);
          json_array_add_int_element (events, factor->events[k]);
        }
      json_object_set_array_member (o, "labels", labels);
      json_object_set_array_member (o, "terms", terms);
      json_object_set_array_member (o, "n", n);
      json_object_set_array_member (o, "events", events);
      json_array_add_object_element (array, o);
    }

  return array;
}

static gboolean
invalid (GError    **error,
         const char *where,
         const char *member)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("%s: “%s” of the stored Cox figure rows is not valid"), where, member);
  return FALSE;
}

static JsonArray *
member_array (JsonObject *o,
              const char *member,
              guint       length)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  if (json_array_get_length (json_node_get_array (node)) != length)
    return NULL;
  return json_node_get_array (node);
}

static const char *
member_string (JsonObject *o,
               const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

GPtrArray *
ep_cox_factors_from_json (JsonArray   *array,
                          const char  *where,
                          GError     **error)
{
  g_autoptr(GPtrArray) factors = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_cox_factor_free);

  for (guint f = 0; f < json_array_get_length (array); f++)
    {
      JsonNode *node = json_array_get_element (array, f);
      JsonObject *o;
      JsonArray *labels, *terms, *n, *events;
      EpCoxFactor *factor;
      guint n_levels;
      const char *name, *column;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, where, "cox_factors"), NULL;
      o = json_node_get_object (node);
      name = member_string (o, "name");
      column = member_string (o, "column");
      node = json_object_get_member (o, "labels");
      if (name == NULL || column == NULL || node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, where, "cox_factors"), NULL;
      n_levels = json_array_get_length (json_node_get_array (node));
      labels = json_node_get_array (node);
      terms = member_array (o, "terms", n_levels);
      n = member_array (o, "n", n_levels);
      events = member_array (o, "events", n_levels);
      if (terms == NULL || n == NULL || events == NULL || n_levels == 0 || n_levels > 100000)
        return invalid (error, where, "cox_factors"), NULL;

      factor = factor_new (n_levels);
      g_ptr_array_add (factors, factor);
      factor->name = g_strdup (name);
      factor->column = g_strdup (column);
      factor->numeric = json_object_get_boolean_member_with_default (o, "numeric", FALSE);
      for (guint k = 0; k < n_levels; k++)
        {
          JsonNode *label = json_array_get_element (labels, k);
          JsonNode *term = json_array_get_element (terms, k);
          JsonNode *count = json_array_get_element (n, k);
          JsonNode *event = json_array_get_element (events, k);

          if (!JSON_NODE_HOLDS_VALUE (label) || json_node_get_value_type (label) != G_TYPE_STRING
              || !JSON_NODE_HOLDS_VALUE (count) || !JSON_NODE_HOLDS_VALUE (event)
              || json_node_get_value_type (count) != G_TYPE_INT64
              || json_node_get_value_type (event) != G_TYPE_INT64
              || json_node_get_int (count) < 0 || json_node_get_int (event) < 0
              || json_node_get_int (event) > json_node_get_int (count)
              || json_node_get_int (count) > G_MAXUINT)
            return invalid (error, where, "cox_factors"), NULL;
          factor->labels[k] = g_strdup (json_node_get_string (label));
          if (!JSON_NODE_HOLDS_NULL (term))
            {
              if (!JSON_NODE_HOLDS_VALUE (term) || json_node_get_value_type (term) != G_TYPE_STRING)
                return invalid (error, where, "cox_factors"), NULL;
              factor->terms[k] = g_strdup (json_node_get_string (term));
            }
          factor->n[k] = (guint) json_node_get_int (count);
          factor->events[k] = (guint) json_node_get_int (event);
        }
    }

  return g_steal_pointer (&factors);
}

/* ---- the figure ---------------------------------------------------------------------------- */

static int
find_term (const EpDesign *design,
           const char     *term)
{
  for (guint t = 0; design != NULL && term != NULL && t < design->p; t++)
    if (g_strcmp0 (design->term_names[t], term) == 0)
      return (int) t;
  return -1;
}

/* Sets one estimate of a row (set 0: multivariable, 1: univariable) from term t of fit. */
static void
set_estimate (EpForestRow    *row,
              guint           set,
              const EpCoxFit *fit,
              int             t)
{
  double *estimate = set == 0 ? &row->estimate : &row->estimate_b;
  double *lower = set == 0 ? &row->lower : &row->lower_b;
  double *upper = set == 0 ? &row->upper : &row->upper_b;
  gboolean *has_p = set == 0 ? &row->has_p : &row->has_p_b;
  double *p = set == 0 ? &row->p : &row->p_b;
  char **text = set == 0 ? &row->text : &row->text_b;

  if (fit == NULL || t < 0)
    {
      /* no such model (it failed): a dash, as the table's */
      *text = g_strdup ("—");
      return;
    }
  if (fit->singular[t] || fit->infinite[t] || !isfinite (fit->hr[t]))
    {
      /* msgids: written in the figure's language when drawn */
      *text = g_strdup (fit->singular[t] ? N_("not estimable") : N_("infinite"));
      row->msgids = TRUE;
      return;
    }
  *estimate = fit->hr[t];
  *lower = fit->hr_lower[t];
  *upper = fit->hr_upper[t];
  /* written when drawn as ep_analysis_format_p() writes it, in the figure's decimal mark */
  *has_p = TRUE;
  *p = fit->p_value[t];
}

static void
row_estimates (EpForestRow              *row,
               const EpCoxFit           *multi,
               const EpDesign           *design,
               const EpCoxFit           *uni,
               const EpDesign           *uni_design,
               gboolean                  two,
               const char               *term)
{
  set_estimate (row, 0, multi, find_term (design, term));
  if (two)
    set_estimate (row, 1, uni, find_term (uni_design, term));
}

EpForestPlot *
ep_cox_forest_new (const EpCoxFit         *multi,
                   const EpDesign         *design,
                   const EpCoxFit * const *uni,
                   const EpDesign * const *uni_design,
                   guint                   n_covariates,
                   const GPtrArray        *factors)
{
  EpForestPlot *plot;
  gboolean two = FALSE;

  g_return_val_if_fail (multi != NULL && design != NULL, NULL);

  for (guint j = 0; uni != NULL && uni_design != NULL && j < n_covariates; j++)
    two |= uni[j] != NULL && uni_design[j] != NULL;

  plot = ep_forest_plot_new (EP_FOREST_SCALE_RATIO);
  g_free (plot->label_header);
  /* The texts are msgids, written in the figure's language when drawn (ep_plot_gettext()). */
  plot->label_header = g_strdup (N_("Factor"));
  plot->p_rule = EP_FOREST_P_TABLE;
  if (fabs (multi->conf_level - 0.95) < 1e-9)
    plot->estimate_header = g_strdup (N_("HR (95% CI)"));
  else
    {
      /* another level: "HR (90% CI)" in the figure's language and decimal mark ("97,5") */
      /* TRANSLATORS: the HR column of the Cox figure at another confidence level than 95% */
      plot->estimate_header_phrase = ep_plot_phrase_new (N_("HR (%s%% CI)"),
                                                         ep_plot_phrase_number (100.0 * multi->conf_level, -1),
                                                         NULL);
      plot->estimate_header = ep_plot_phrase_write (plot->estimate_header_phrase, NULL);
    }
  plot->extra_header = g_strdup ("p");
  plot->x_label = g_strdup (N_("Hazard ratio (log scale)"));
  if (two)
    {
      plot->n_panels = 2;
      plot->b_first = TRUE;
      /* TRANSLATORS: a panel header of the Cox figure, over its HR columns */
      plot->panel_header = g_strdup (N_("Multivariable"));
      /* TRANSLATORS: a panel header of the Cox figure, over its HR columns */
      plot->panel_header_b = g_strdup (N_("Univariable"));
    }

  if (factors == NULL)
    {
      /* a result saved before the factors were: one row per term */
      for (guint t = 0; t < design->p; t++)
        {
          guint j = design->term_column[t];
          const char *label = design->term_labels != NULL && design->term_labels[t] != NULL
                              ? design->term_labels[t] : design->term_names[t];
          EpForestRow *row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_STUDY, label, NULL,
                                                     NAN, NAN, NAN, NAN);

          row->group = 0;
          row_estimates (row, multi, design, two && j < n_covariates ? uni[j] : NULL,
                         two && j < n_covariates ? uni_design[j] : NULL, two, design->term_names[t]);
        }
      return plot;
    }

  plot->detail_header = g_strdup (N_("Events/N"));
  for (guint j = 0; j < factors->len; j++)
    {
      const EpCoxFactor *factor = g_ptr_array_index ((GPtrArray *) factors, j);
      const EpCoxFit *u = two && j < n_covariates ? uni[j] : NULL;
      const EpDesign *ud = two && j < n_covariates ? uni_design[j] : NULL;

      if (factor->numeric)
        {
          EpForestRow *row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_STUDY, factor->name,
                                                     NULL, NAN, NAN, NAN, NAN);

          row->group = 0;
          row_estimates (row, multi, design, u, ud, two, factor->terms[0]);
          continue;
        }

      ep_forest_plot_add_row (plot, EP_FOREST_ROW_HEADING, factor->name, NULL, NAN, NAN, NAN, NAN);
      for (guint k = 0; k < factor->n_levels; k++)
        {
          g_autofree char *detail = g_strdup_printf ("%u/%u", factor->events[k], factor->n[k]);
          EpForestRow *row = ep_forest_plot_add_row (plot, EP_FOREST_ROW_STUDY, factor->labels[k],
                                                     detail, NAN, NAN, NAN, NAN);

          row->group = 0;
          if (k == 0)
            {
              /* "Male (ref)" and "1 (reference)", in the figure's language when drawn */
              row->label_text = EP_FOREST_TEXT_REFERENCE;
              row->text = g_strdup (N_("1 (reference)"));
              if (two)
                row->text_b = g_strdup (N_("1 (reference)"));
              row->msgids = TRUE;
            }
          else
            row_estimates (row, multi, design, u, ud, two, factor->terms[k]);
        }
    }

  return plot;
}
