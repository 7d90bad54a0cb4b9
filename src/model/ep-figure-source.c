/* ep-figure-source.c: a figure's data source as JSON, and the figure made from it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "io/ep-catalog-reader.h"
#include "model/ep-catalog.h"
#include "model/ep-evidence-forest.h"
#include "model/ep-figure-source.h"

/* A string member: required ones must be there, optional ones may be absent or null. */
static gboolean
get_string (JsonObject   *source,
            const char   *name,
            gboolean      required,
            const char  **value,
            GError      **error)
{
  JsonNode *node = json_object_get_member (source, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                   _("The figure's data source has no “%s”"), name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                   _("The figure's data source: “%s” is not a text"), name);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

static char **
get_strv (JsonObject  *source,
          const char  *name,
          GError     **error)
{
  JsonNode *node = json_object_get_member (source, name);
  g_autoptr(GPtrArray) strv = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                   _("The figure's data source: “%s” is not a list of texts"), name);
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      JsonNode *element = json_array_get_element (array, k);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                       _("The figure's data source: “%s” is not a list of texts"), name);
          return NULL;
        }
      g_ptr_array_add (strv, g_strdup (json_node_get_string (element)));
    }
  g_ptr_array_add (strv, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&strv), FALSE);
}

const char *
ep_figure_source_get_cohort (JsonObject *source)
{
  const char *cohort = NULL;

  g_return_val_if_fail (source != NULL, NULL);

  get_string (source, "cohort", FALSE, &cohort, NULL);
  return cohort;
}

static EpCohort *
find_cohort (JsonObject          *source,
             EpCohortLookupFunc   lookup,
             gpointer             user_data,
             GError             **error)
{
  const char *name;
  EpCohort *cohort;

  if (!get_string (source, "cohort", TRUE, &name, error))
    return NULL;
  cohort = lookup != NULL ? lookup (name, user_data) : NULL;
  if (cohort == NULL)
    g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                 _("The figure's data source: there is no cohort “%s”"), name);
  return cohort;
}

/* Catalog arms, labelled and grouped as the Trials page does (ep-trial-browser.c). */
static EpFigure *
forest_from_trials (JsonObject  *source,
                    GError     **error)
{
  g_auto(GStrv) ids = get_strv (source, "trials", error);
  g_autoptr(EpCatalog) catalog = NULL;
  g_autoptr(GPtrArray) trials = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) arms = g_array_new (FALSE, TRUE, sizeof (EpMetaArm));
  const char *outcome_text;
  EpFigureOutcome outcome;

  if (ids == NULL || !get_string (source, "outcome", TRUE, &outcome_text, error))
    return NULL;
  /* a forest drawn with options (ep-evidence-forest.c) is drawn again with them */
  if (json_object_has_member (source, "options") || strcmp (outcome_text, "relapse") == 0 ||
      strcmp (outcome_text, "hsct") == 0)
    return ep_evidence_forest_new_from_source (source, error);
  if (strcmp (outcome_text, "cr") == 0)
    outcome = EP_FIGURE_OUTCOME_CR;
  else if (strcmp (outcome_text, "mrd-negative") == 0)
    outcome = EP_FIGURE_OUTCOME_MRD_NEG;
  else
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                   _("The figure's data source: unknown outcome “%s”"), outcome_text);
      return NULL;
    }

  catalog = ep_catalog_new_for_source (source, error);
  if (catalog == NULL)
    return NULL;
  for (guint k = 0; ids[k] != NULL; k++)
    {
      EpTrial *trial = ep_catalog_lookup (catalog, ids[k]);

      if (trial == NULL)
        {
          g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                       _("The figure's data source: there is no trial “%s” in the catalog"), ids[k]);
          return NULL;
        }
      g_ptr_array_add (trials, trial);
    }

  for (guint i = 0; i < trials->len; i++)
    {
      EpTrial *trial = g_ptr_array_index (trials, i);
      gboolean shared = FALSE;
      EpMetaArm arm;

      for (guint j = 0; j < trials->len; j++)
        shared |= j != i && g_strcmp0 (ep_trial_get_trial (trial),
                                       ep_trial_get_trial (g_ptr_array_index (trials, j))) == 0;
      g_ptr_array_add (labels, shared ? g_strdup_printf ("%s: %s", ep_trial_get_trial_label (trial),
                                                         ep_trial_get_arm (trial))
                                      : g_strdup (ep_trial_get_trial_label (trial)));
      arm.label = g_ptr_array_index (labels, i);
      arm.class_name = ep_drug_class_to_string (ep_trial_get_drug_class (trial));
      arm.n = ep_trial_get_n (trial);
      arm.percent = outcome == EP_FIGURE_OUTCOME_CR ? ep_trial_get_cr_pct (trial)
                                                    : ep_trial_get_mrd_neg_pct (trial);
      g_array_append_val (arms, arm);
    }

  return ep_figure_new_forest_arms ((EpMetaArm *) arms->data, arms->len, outcome, error);
}

EpFigure *
ep_figure_new_from_source (JsonObject          *source,
                           EpCohortLookupFunc   lookup,
                           gpointer             user_data,
                           GError             **error)
{
  const char *kind, *time, *event, *group, *endpoint;
  EpCohort *cohort;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!get_string (source, "kind", TRUE, &kind, error))
    return NULL;

  if (strcmp (kind, "forest-proportions") == 0)
    return forest_from_trials (source, error);

  cohort = find_cohort (source, lookup, user_data, error);
  if (cohort == NULL)
    return NULL;

  if (strcmp (kind, "km") == 0)
    {
      if (!get_string (source, "endpoint", FALSE, &endpoint, error) ||
          !get_string (source, "group", FALSE, &group, error))
        return NULL;
      if (endpoint != NULL)
        return ep_figure_new_km (cohort, endpoint, group, error);
      if (!get_string (source, "time", TRUE, &time, error) ||
          !get_string (source, "event", TRUE, &event, error))
        return NULL;
      return ep_figure_new_km_columns (cohort, time, event, group, error);
    }

  if (strcmp (kind, "cif") == 0)
    {
      const char *status;

      if (!get_string (source, "time", TRUE, &time, error) ||
          !get_string (source, "status", TRUE, &status, error) ||
          !get_string (source, "group", FALSE, &group, error))
        return NULL;
      return ep_figure_new_cif (cohort, time, status, group, error);
    }

  if (strcmp (kind, "cox-table") == 0)
    {
      g_auto(GStrv) covariates = NULL;

      if (!get_string (source, "time", TRUE, &time, error) ||
          !get_string (source, "event", TRUE, &event, error))
        return NULL;
      covariates = get_strv (source, "covariates", error);
      if (covariates == NULL)
        return NULL;
      return ep_figure_new_cox_table (cohort, time, event, (const char * const *) covariates,
                                      error);
    }

  if (strcmp (kind, "forest-ratios") == 0)
    {
      const char *label, *ratio, *lower, *upper, *subgroup;

      if (!get_string (source, "label", TRUE, &label, error) ||
          !get_string (source, "ratio", TRUE, &ratio, error) ||
          !get_string (source, "lower", TRUE, &lower, error) ||
          !get_string (source, "upper", TRUE, &upper, error) ||
          !get_string (source, "subgroup", FALSE, &subgroup, error))
        return NULL;
      return ep_figure_new_forest_ratios (cohort, label, ratio, lower, upper, subgroup, error);
    }

  g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
               _("The figure's data source: unknown kind “%s”"), kind);
  return NULL;
}
