/* ep-analysis-json.c: an analysis's result as JSON, for the project file
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project stores each analysis's last result with the fingerprint of the data it was computed
 * from (docs/project-format.md), so that opening shows results and figures without running
 * anything. The result is one JSON object:
 *
 *   {"analysis": "survival", "n": 23, "n_dropped": 0, "time_unit": "months",
 *    "groups": {levels}, "km": {…}, "logrank": {…}, "hr": [hr, lower, upper],
 *    "km_all": {…}, "cif": {…}, "gray": {…}, "cause_labels": […],
 *    "cox": {fit}, "cox_terms": [names], "cox_term_levels": [level or null],
 *    "term_labels" (in each design, optional): the display labels of the terms,
 *    "cox_univariate": [{"fit": {…}, "terms": […]} or {"error": "…"}],
 *    "group_hr" (optional): {"reference", "conf_level", "groups": [{"n", "events", "hr",
 *                 "lower", "upper", "p", "singular", "infinite"}]}, survival with 3+ groups,
 *    "cox_factors" (optional): [{"name", "column", "numeric", "labels", "terms", "n",
 *                    "events"}] per covariate, the Cox figure's rows (model/ep-cox-forest.h),
 *    "crr": {"n": …, "n_dropped": …, "terms": [names], "term_levels": [level or null],
 *            "fits": [{fit} or {"error": "…"}, one per cause]},
 *    "response": {…}, "warnings": […],
 *    "rmst": {…}, "followup": {km}, "landmark": {"time", "excluded", "mantel_byar": {fit},
 *    "simon_makuch": {km}, "overall": {km}}, "zph": {…}, "zph_terms": […],
 *    "biases": [{"kind", "message", "remedy_title", "remedy"}],
 *    "tables": [{"title": …, "header": […], "rows": [[…]], "note": …}]}
 *
 * with the core structs in io/ep-result-json.h's form. The tables are stored as shown, so the
 * results panel needs nothing else; the structs are what the figures draw.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "io/ep-result-json.h"
#include "model/ep-analysis-private.h"

static JsonArray *
strv_array (const char * const *strv,
            gsize               n)   /* G_MAXSIZE: NULL-terminated */
{
  JsonArray *array = json_array_new ();

  for (gsize i = 0; strv != NULL && (n == G_MAXSIZE ? strv[i] != NULL : i < n); i++)
    {
      if (strv[i] == NULL)
        json_array_add_null_element (array);
      else
        json_array_add_string_element (array, strv[i]);
    }
  return array;
}

static JsonObject *
design_to_json (const EpCoxFit   *fit,
                const EpDesign   *design)
{
  JsonObject *object = json_object_new ();

  json_object_set_object_member (object, "fit", ep_cox_fit_to_json (fit));
  json_object_set_array_member (object, "terms",
                                strv_array ((const char * const *) design->term_names, design->p));
  json_object_set_array_member (object, "term_levels",
                                strv_array ((const char * const *) design->term_levels, design->p));
  if (design->term_labels != NULL)
    json_object_set_array_member (object, "term_labels",
                                  strv_array ((const char * const *) design->term_labels, design->p));
  return object;
}

static gboolean invalid (GError **error, const char *where, const char *member);

/* Three or more groups: what the KM figure's "HR vs reference" shows (issue 13). */
static JsonObject *
group_hr_to_json (const EpGroupHr *hr)
{
  JsonObject *object = json_object_new ();
  JsonArray *groups = json_array_new ();

  json_object_set_int_member (object, "reference", hr->reference);
  ep_result_json_set_double (object, "conf_level", hr->conf_level);
  for (guint g = 0; g < hr->n_groups; g++)
    {
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "n", (gint64) hr->n[g]);
      json_object_set_int_member (o, "events", (gint64) hr->events[g]);
      ep_result_json_set_double (o, "hr", hr->hr[g]);
      ep_result_json_set_double (o, "lower", hr->lower[g]);
      ep_result_json_set_double (o, "upper", hr->upper[g]);
      ep_result_json_set_double (o, "p", hr->p[g]);
      json_object_set_boolean_member (o, "singular", hr->singular[g]);
      json_object_set_boolean_member (o, "infinite", hr->infinite[g]);
      json_array_add_object_element (groups, o);
    }
  json_object_set_array_member (object, "groups", groups);
  return object;
}

static EpGroupHr *
group_hr_from_json (JsonObject  *object,
                    const char  *where,
                    GError     **error)
{
  g_autoptr(EpGroupHr) hr = g_new0 (EpGroupHr, 1);
  JsonNode *node = json_object_get_member (object, "groups");
  JsonArray *groups;
  guint n, reference, count;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, where, "group_hr"), NULL;
  groups = json_node_get_array (node);
  n = json_array_get_length (groups);
  if (n < 2 || n > 100000
      || !ep_result_json_get_uint (object, "reference", where, n - 1, &reference, error)
      || !ep_result_json_get_double (object, "conf_level", where, &hr->conf_level, error))
    return n < 2 || n > 100000 ? (invalid (error, where, "group_hr"), NULL) : NULL;
  hr->n_groups = n;
  hr->reference = reference;
  hr->n = g_new0 (gsize, n);
  hr->events = g_new0 (gsize, n);
  hr->coef = g_new (double, n);
  hr->se = g_new (double, n);
  hr->hr = g_new (double, n);
  hr->lower = g_new (double, n);
  hr->upper = g_new (double, n);
  hr->z = g_new (double, n);
  hr->p = g_new (double, n);
  hr->singular = g_new0 (gboolean, n);
  hr->infinite = g_new0 (gboolean, n);
  hr->warnings = g_new0 (char *, 1);
  hr->lr_chisq = hr->wald_chisq = hr->score_chisq = NAN;
  hr->lr_p = hr->wald_p = hr->score_p = NAN;
  for (guint g = 0; g < n; g++)
    {
      JsonNode *e = json_array_get_element (groups, g);
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return invalid (error, where, "group_hr"), NULL;
      o = json_node_get_object (e);
      hr->coef[g] = hr->se[g] = hr->z[g] = NAN;
      if (!ep_result_json_get_uint (o, "n", where, G_MAXUINT, &count, error))
        return NULL;
      hr->n[g] = count;
      if (!ep_result_json_get_uint (o, "events", where, count, &count, error)
          || !ep_result_json_get_double (o, "hr", where, &hr->hr[g], error)
          || !ep_result_json_get_double (o, "lower", where, &hr->lower[g], error)
          || !ep_result_json_get_double (o, "upper", where, &hr->upper[g], error)
          || !ep_result_json_get_double (o, "p", where, &hr->p[g], error))
        return NULL;
      hr->events[g] = count;
      hr->singular[g] = json_object_get_boolean_member_with_default (o, "singular", FALSE);
      hr->infinite[g] = json_object_get_boolean_member_with_default (o, "infinite", FALSE);
    }
  return g_steal_pointer (&hr);
}

char *
ep_analysis_results_to_json (EpAnalysis *self)
{
  const Results *r;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;
  JsonArray *tables;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  r = self->results;
  if (r == NULL)
    return NULL;

  o = json_object_new ();
  json_object_set_string_member (o, "analysis", ep_analysis_kind_to_string (self->kind));
  json_object_set_int_member (o, "n", r->n);
  json_object_set_int_member (o, "n_dropped", r->n_dropped);
  json_object_set_string_member (o, "time_unit", r->time_unit != NULL ? r->time_unit : "");
  if (r->groups != NULL)
    json_object_set_object_member (o, "groups", ep_levels_to_json (r->groups));
  if (r->km != NULL)
    json_object_set_object_member (o, "km", ep_km_result_to_json (r->km));
  if (r->km_all != NULL)
    json_object_set_object_member (o, "km_all", ep_km_result_to_json (r->km_all));
  if (r->logrank != NULL)
    json_object_set_object_member (o, "logrank", ep_logrank_result_to_json (r->logrank));
  if (!isnan (r->hr))
    {
      JsonObject *hr = json_object_new ();

      ep_result_json_set_double (hr, "hr", r->hr);
      ep_result_json_set_double (hr, "lower", r->hr_lower);
      ep_result_json_set_double (hr, "upper", r->hr_upper);
      json_object_set_object_member (o, "hr", hr);
    }
  if (r->cox != NULL && r->design != NULL)
    json_object_set_object_member (o, "cox", design_to_json (r->cox, r->design));
  if (r->n_covariates > 0)
    {
      JsonArray *uni = json_array_new ();

      for (guint j = 0; j < r->n_covariates; j++)
        {
          if (r->uni[j] != NULL && r->uni_design[j] != NULL)
            json_array_add_object_element (uni, design_to_json (r->uni[j], r->uni_design[j]));
          else
            {
              JsonObject *e = json_object_new ();

              json_object_set_string_member (e, "error", r->uni_error[j] != NULL ? r->uni_error[j] : "");
              json_array_add_object_element (uni, e);
            }
        }
      json_object_set_array_member (o, "cox_univariate", uni);
    }
  if (r->cox_factors != NULL)
    json_object_set_array_member (o, "cox_factors", ep_cox_factors_to_json (r->cox_factors));
  if (r->group_hr != NULL)
    json_object_set_object_member (o, "group_hr", group_hr_to_json (r->group_hr));
  if (r->cif != NULL)
    json_object_set_object_member (o, "cif", ep_cif_result_to_json (r->cif));
  if (r->gray != NULL)
    json_object_set_object_member (o, "gray", ep_gray_result_to_json (r->gray));
  if (r->cause_labels != NULL)
    json_object_set_array_member (o, "cause_labels",
                                  strv_array ((const char * const *) r->cause_labels, G_MAXSIZE));
  if (r->crr_design != NULL)
    {
      JsonObject *crr = json_object_new ();
      JsonArray *fits = json_array_new ();

      json_object_set_int_member (crr, "n", r->crr_n);
      json_object_set_int_member (crr, "n_dropped", r->crr_n_dropped);
      json_object_set_array_member (crr, "terms", strv_array ((const char * const *) r->crr_design->term_names,
                                                              r->crr_design->p));
      json_object_set_array_member (crr, "term_levels", strv_array ((const char * const *) r->crr_design->term_levels,
                                                                    r->crr_design->p));
      for (guint c = 0; c < r->n_crr; c++)
        {
          if (r->crr[c] != NULL)
            json_array_add_object_element (fits, ep_crr_result_to_json (r->crr[c]));
          else
            {
              JsonObject *e = json_object_new ();

              json_object_set_string_member (e, "error", r->crr_error[c] != NULL ? r->crr_error[c] : "");
              json_array_add_object_element (fits, e);
            }
        }
      json_object_set_array_member (crr, "fits", fits);
      json_object_set_object_member (o, "crr", crr);
    }
  if (r->response != NULL)
    json_object_set_object_member (o, "response", ep_response_to_json (r->response));
  /* issue 16 */
  if (r->rmst != NULL)
    json_object_set_object_member (o, "rmst", ep_rmst_result_to_json (r->rmst));
  if (r->followup != NULL)
    json_object_set_object_member (o, "followup", ep_km_result_to_json (r->followup));
  if (!isnan (r->landmark_time))
    {
      JsonObject *lm = json_object_new ();

      ep_result_json_set_double (lm, "time", r->landmark_time);
      json_object_set_int_member (lm, "excluded", r->landmark_excluded);
      if (r->mantel_byar != NULL)
        json_object_set_object_member (lm, "mantel_byar", ep_cox_fit_to_json (r->mantel_byar));
      if (r->simon_makuch != NULL)
        json_object_set_object_member (lm, "simon_makuch", ep_km_result_to_json (r->simon_makuch));
      if (r->landmark_overall != NULL)
        json_object_set_object_member (lm, "overall", ep_km_result_to_json (r->landmark_overall));
      json_object_set_object_member (o, "landmark", lm);
    }
  if (r->zph != NULL && r->zph_terms != NULL)
    {
      json_object_set_object_member (o, "zph", ep_cox_zph_to_json (r->zph));
      json_object_set_array_member (o, "zph_terms",
                                    strv_array ((const char * const *) r->zph_terms, G_MAXSIZE));
    }
  if (r->biases->len > 0)
    {
      JsonArray *biases = json_array_new ();

      for (guint k = 0; k < r->biases->len; k++)
        {
          const EpAnalysisBias *bias = g_ptr_array_index (r->biases, k);
          JsonObject *bo = json_object_new ();

          json_object_set_string_member (bo, "kind", bias->kind == EP_ANALYSIS_BIAS_GUARANTEE_TIME
                                                     ? "guarantee-time" : "competing-risk");
          json_object_set_string_member (bo, "message", bias->message);
          if (bias->remedy != NULL)
            {
              json_object_set_string_member (bo, "remedy_title", bias->remedy_title);
              json_object_set_string_member (bo, "remedy", bias->remedy);
            }
          json_array_add_object_element (biases, bo);
        }
      json_object_set_array_member (o, "biases", biases);
    }
  json_object_set_array_member (o, "warnings",
                                strv_array ((const char * const *) r->warnings->pdata,
                                            r->warnings->len > 0 && g_ptr_array_index (r->warnings, r->warnings->len - 1) == NULL
                                            ? r->warnings->len - 1 : r->warnings->len));

  tables = json_array_new ();
  for (guint t = 0; t < r->tables->len; t++)
    {
      const EpResultTable *table = g_ptr_array_index (r->tables, t);
      JsonObject *to = json_object_new ();
      JsonArray *rows = json_array_new ();

      json_object_set_string_member (to, "title", table->title);
      json_object_set_array_member (to, "header", strv_array ((const char * const *) table->header, G_MAXSIZE));
      for (guint k = 0; k < table->rows->len; k++)
        json_array_add_array_element (rows, strv_array (g_ptr_array_index (table->rows, k), G_MAXSIZE));
      json_object_set_array_member (to, "rows", rows);
      if (table->note != NULL)
        json_object_set_string_member (to, "note", table->note);
      json_array_add_object_element (tables, to);
    }
  json_object_set_array_member (o, "tables", tables);

  node = json_node_init_object (json_node_alloc (), o);
  json_object_unref (o);
  return json_to_string (node, FALSE);
}

/* Reading back */

static gboolean
invalid (GError     **error,
         const char  *where,
         const char  *member)
{
  g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
               _("%s: the stored result’s “%s” is missing or not valid"), where, member);
  return FALSE;
}

static GStrv
strings_from (JsonNode    *node,
              gboolean     allow_null,
              const char  *where,
              const char  *member,
              GError     **error)
{
  JsonArray *array;
  GStrv strv;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, where, member), NULL;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  strv = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (allow_null && JSON_NODE_HOLDS_NULL (e))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING
          || !g_utf8_validate (json_node_get_string (e), -1, NULL))
        {
          for (guint k = 0; k < i; k++)
            g_free (strv[k]);
          g_free (strv);
          return invalid (error, where, member), NULL;
        }
      strv[i] = g_strdup (json_node_get_string (e));
    }
  return strv;
}

static gboolean
design_from (JsonObject  *object,
             const char  *where,
             EpCoxFit   **fit,
             EpDesign   **design,
             GError     **error)
{
  JsonNode *fit_node = json_object_get_member (object, "fit");
  g_autoptr(EpCoxFit) f = NULL;
  g_autoptr(EpDesign) d = NULL;
  GStrv names, levels;

  if (fit_node == NULL || !JSON_NODE_HOLDS_OBJECT (fit_node))
    return invalid (error, where, "fit");
  f = ep_cox_fit_from_json (json_node_get_object (fit_node), where, error);
  if (f == NULL)
    return FALSE;
  names = strings_from (json_object_get_member (object, "terms"), FALSE, where, "terms", error);
  if (names == NULL)
    return FALSE;
  d = g_new0 (EpDesign, 1);
  d->term_names = names;
  d->p = g_strv_length (names);
  if (d->p != f->p)
    return invalid (error, where, "terms");
  levels = strings_from (json_object_get_member (object, "term_levels"), TRUE, where,
                         "term_levels", error);
  if (levels == NULL)
    return FALSE;
  if (json_array_get_length (json_object_get_array_member (object, "term_levels")) != d->p)
    {
      /* as many entries as the array, which is not p */
      for (guint j = 0; j < json_array_get_length (json_object_get_array_member (object, "term_levels")); j++)
        g_free (levels[j]);
      g_free (levels);
      return invalid (error, where, "term_levels");
    }
  d->term_levels = levels;   /* p entries, NULL for a numeric term, as ep_design_new() makes */
  d->term_column = g_new0 (guint, MAX (d->p, 1));
  /* optional (issue 13): results saved before labels have none */
  if (json_object_has_member (object, "term_labels"))
    {
      GStrv labels = strings_from (json_object_get_member (object, "term_labels"), FALSE, where,
                                   "term_labels", error);

      if (labels == NULL)
        return FALSE;
      d->term_labels = labels;
      if (g_strv_length (labels) != d->p)
        return invalid (error, where, "term_labels");
    }
  *fit = g_steal_pointer (&f);
  *design = g_steal_pointer (&d);
  return TRUE;
}

static JsonObject *
member_object (JsonObject *o,
               const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The Fine-Gray models: the design's term names and levels, one fit (or error) per cause. */
static gboolean
crr_from (JsonObject  *object,
          const char  *where,
          Results     *r,
          GError     **error)
{
  g_autoptr(EpDesign) d = g_new0 (EpDesign, 1);
  JsonNode *node;
  JsonArray *fits;
  GStrv levels;
  guint n_levels;

  if (!ep_result_json_get_uint (object, "n", where, G_MAXUINT, &r->crr_n, error) ||
      !ep_result_json_get_uint (object, "n_dropped", where, G_MAXUINT, &r->crr_n_dropped, error))
    return FALSE;
  d->term_names = strings_from (json_object_get_member (object, "terms"), FALSE, where, "crr", error);
  if (d->term_names == NULL)
    return FALSE;
  d->p = g_strv_length (d->term_names);
  levels = strings_from (json_object_get_member (object, "term_levels"), TRUE, where, "crr", error);
  if (levels == NULL)
    return FALSE;
  n_levels = json_array_get_length (json_object_get_array_member (object, "term_levels"));
  if (n_levels != d->p)
    {
      for (guint j = 0; j < n_levels; j++)
        g_free (levels[j]);
      g_free (levels);
      return invalid (error, where, "crr");
    }
  d->term_levels = levels;   /* p entries, NULL for a numeric term */
  d->term_column = g_new0 (guint, MAX (d->p, 1));

  node = json_object_get_member (object, "fits");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, where, "crr");
  fits = json_node_get_array (node);
  r->n_crr = MIN (json_array_get_length (fits), 4096);
  r->crr = g_new0 (EpCrrResult *, MAX (r->n_crr, 1));
  r->crr_error = g_new0 (char *, MAX (r->n_crr, 1));
  for (guint c = 0; c < r->n_crr; c++)
    {
      JsonNode *e = json_array_get_element (fits, c);
      JsonObject *eo;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return invalid (error, where, "crr");
      eo = json_node_get_object (e);
      if (json_object_has_member (eo, "error"))
        {
          const char *message = ep_result_json_get_string (eo, "error");

          if (message == NULL || !g_utf8_validate (message, -1, NULL))
            return invalid (error, where, "crr");
          r->crr_error[c] = g_strdup (message);
        }
      else if ((r->crr[c] = ep_crr_result_from_json (eo, where, error)) == NULL)
        return FALSE;
      else if (r->crr[c]->p != d->p)
        return invalid (error, where, "crr");
    }
  r->crr_design = g_steal_pointer (&d);
  return TRUE;
}

static gboolean
restore (EpAnalysis  *self,
         JsonObject  *o,
         const char  *where,
         Results     *r,
         GError     **error)
{
  JsonObject *part;
  JsonNode *node;
  JsonArray *array;
  const char *kind = ep_result_json_get_string (o, "analysis");
  const char *unit = ep_result_json_get_string (o, "time_unit");

  if (g_strcmp0 (kind, ep_analysis_kind_to_string (self->kind)) != 0)
    return invalid (error, where, "analysis");
  if (!ep_result_json_get_uint (o, "n", where, G_MAXUINT, &r->n, error) ||
      !ep_result_json_get_uint (o, "n_dropped", where, G_MAXUINT, &r->n_dropped, error))
    return FALSE;
  if (unit == NULL || !g_utf8_validate (unit, -1, NULL))
    return invalid (error, where, "time_unit");
  r->time_unit = g_strdup (unit);

  if ((part = member_object (o, "groups")) != NULL
      && (r->groups = ep_levels_from_json (part, where, error)) == NULL)
    return FALSE;
  if ((part = member_object (o, "km")) != NULL
      && (r->km = ep_km_result_from_json (part, where, error)) == NULL)
    return FALSE;
  if ((part = member_object (o, "km_all")) != NULL
      && (r->km_all = ep_km_result_from_json (part, where, error)) == NULL)
    return FALSE;
  if ((part = member_object (o, "logrank")) != NULL
      && (r->logrank = ep_logrank_result_from_json (part, where, error)) == NULL)
    return FALSE;
  if ((part = member_object (o, "hr")) != NULL
      && (!ep_result_json_get_double (part, "hr", where, &r->hr, error) ||
          !ep_result_json_get_double (part, "lower", where, &r->hr_lower, error) ||
          !ep_result_json_get_double (part, "upper", where, &r->hr_upper, error)))
    return FALSE;
  if ((part = member_object (o, "cox")) != NULL
      && !design_from (part, where, &r->cox, &r->design, error))
    return FALSE;
  if ((node = json_object_get_member (o, "cox_univariate")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, where, "cox_univariate");
      array = json_node_get_array (node);
      r->n_covariates = MIN (json_array_get_length (array), 10000);
      r->uni = g_new0 (EpCoxFit *, MAX (r->n_covariates, 1));
      r->uni_design = g_new0 (EpDesign *, MAX (r->n_covariates, 1));
      r->uni_error = g_new0 (char *, MAX (r->n_covariates, 1));
      for (guint j = 0; j < r->n_covariates; j++)
        {
          JsonNode *e = json_array_get_element (array, j);
          JsonObject *eo;

          if (!JSON_NODE_HOLDS_OBJECT (e))
            return invalid (error, where, "cox_univariate");
          eo = json_node_get_object (e);
          if (json_object_has_member (eo, "error"))
            {
              const char *message = ep_result_json_get_string (eo, "error");

              if (message == NULL || !g_utf8_validate (message, -1, NULL))
                return invalid (error, where, "cox_univariate");
              r->uni_error[j] = g_strdup (message);
            }
          else if (!design_from (eo, where, &r->uni[j], &r->uni_design[j], error))
            return FALSE;
        }
    }
  /* optional (issue 13): results saved before the KM figure's HR vs reference have none */
  if ((part = member_object (o, "group_hr")) != NULL
      && (r->group_hr = group_hr_from_json (part, where, error)) == NULL)
    return FALSE;
  /* optional (issue 13): results saved before the Table 3 figure have none */
  if ((node = json_object_get_member (o, "cox_factors")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, where, "cox_factors");
      r->cox_factors = ep_cox_factors_from_json (json_node_get_array (node), where, error);
      if (r->cox_factors == NULL)
        return FALSE;
    }
  if ((part = member_object (o, "cif")) != NULL
      && (r->cif = ep_cif_result_from_json (part, where, error)) == NULL)
    return FALSE;
  if ((part = member_object (o, "gray")) != NULL
      && (r->gray = ep_gray_result_from_json (part, where, error)) == NULL)
    return FALSE;
  if ((node = json_object_get_member (o, "cause_labels")) != NULL
      && (r->cause_labels = strings_from (node, FALSE, where, "cause_labels", error)) == NULL)
    return FALSE;
  if ((part = member_object (o, "crr")) != NULL && !crr_from (part, where, r, error))
    return FALSE;
  if ((part = member_object (o, "response")) != NULL
      && (r->response = ep_response_from_json (part, where, error)) == NULL)
    return FALSE;

  /* issue 16 */
  if ((part = member_object (o, "rmst")) != NULL
      && (r->rmst = ep_rmst_result_from_json (part, where, error)) == NULL)
    return FALSE;
  if ((part = member_object (o, "followup")) != NULL
      && (r->followup = ep_km_result_from_json (part, where, error)) == NULL)
    return FALSE;
  if ((part = member_object (o, "landmark")) != NULL)
    {
      JsonObject *sub;

      if (!ep_result_json_get_double (part, "time", where, &r->landmark_time, error) ||
          !ep_result_json_get_uint (part, "excluded", where, G_MAXUINT, &r->landmark_excluded, error))
        return FALSE;
      if (isnan (r->landmark_time))
        return invalid (error, where, "landmark");
      if ((sub = member_object (part, "mantel_byar")) != NULL
          && ((r->mantel_byar = ep_cox_fit_from_json (sub, where, error)) == NULL
              || r->mantel_byar->p != 1))
        return r->mantel_byar != NULL ? invalid (error, where, "mantel_byar") : FALSE;
      if ((sub = member_object (part, "simon_makuch")) != NULL
          && ((r->simon_makuch = ep_km_result_from_json (sub, where, error)) == NULL
              || r->simon_makuch->n_groups != 2))
        return r->simon_makuch != NULL ? invalid (error, where, "simon_makuch") : FALSE;
      /* optional: results saved before it was kept draw no curve before the landmark */
      if ((sub = member_object (part, "overall")) != NULL
          && ((r->landmark_overall = ep_km_result_from_json (sub, where, error)) == NULL
              || r->landmark_overall->n_groups != 1))
        return r->landmark_overall != NULL ? invalid (error, where, "overall") : FALSE;
    }
  if ((part = member_object (o, "zph")) != NULL)
    {
      if ((r->zph = ep_cox_zph_from_json (part, where, error)) == NULL)
        return FALSE;
      r->zph_terms = strings_from (json_object_get_member (o, "zph_terms"), FALSE, where,
                                   "zph_terms", error);
      if (r->zph_terms == NULL)
        return FALSE;
      if (g_strv_length (r->zph_terms) != r->zph->n_terms)
        return invalid (error, where, "zph_terms");
    }
  if ((node = json_object_get_member (o, "biases")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, where, "biases");
      array = json_node_get_array (node);
      for (guint k = 0; k < json_array_get_length (array); k++)
        {
          JsonNode *e = json_array_get_element (array, k);
          JsonObject *bo;
          const char *bias_kind, *message, *title, *remedy;
          EpAnalysisBias *bias;

          if (!JSON_NODE_HOLDS_OBJECT (e))
            return invalid (error, where, "biases");
          bo = json_node_get_object (e);
          bias_kind = ep_result_json_get_string (bo, "kind");
          message = ep_result_json_get_string (bo, "message");
          title = ep_result_json_get_string (bo, "remedy_title");
          remedy = ep_result_json_get_string (bo, "remedy");
          if (bias_kind == NULL || message == NULL || !g_utf8_validate (message, -1, NULL)
              || (g_strcmp0 (bias_kind, "guarantee-time") != 0 && g_strcmp0 (bias_kind, "competing-risk") != 0)
              || (remedy == NULL) != (title == NULL)
              || (title != NULL && !g_utf8_validate (title, -1, NULL))
              || (remedy != NULL && !g_utf8_validate (remedy, -1, NULL)))
            return invalid (error, where, "biases");
          bias = g_new0 (EpAnalysisBias, 1);
          bias->kind = g_str_equal (bias_kind, "guarantee-time") ? EP_ANALYSIS_BIAS_GUARANTEE_TIME
                                                            : EP_ANALYSIS_BIAS_COMPETING_RISK;
          bias->message = g_strdup (message);
          bias->remedy_title = g_strdup (title);
          bias->remedy = g_strdup (remedy);
          g_ptr_array_add (r->biases, bias);
        }
    }

  /* What the figures index by group must agree with the group levels. */
  if (r->km != NULL && r->km->n_groups != (r->groups != NULL ? r->groups->n_levels : 1))
    return invalid (error, where, "km");
  if (r->km_all != NULL && r->km_all->n_groups != (r->groups != NULL ? r->groups->n_levels : 1))
    return invalid (error, where, "km_all");
  if (r->cif != NULL && r->cif->n_groups != (r->groups != NULL ? r->groups->n_levels : 1))
    return invalid (error, where, "cif");
  if (r->cif != NULL && (r->cause_labels == NULL || g_strv_length (r->cause_labels) < r->cif->n_causes))
    return invalid (error, where, "cause_labels");
  if (r->crr_design != NULL && (r->cif == NULL || r->n_crr != r->cif->n_causes))
    return invalid (error, where, "crr");
  if (r->response != NULL && r->response->n_groups != (r->groups != NULL ? r->groups->n_levels : 1))
    return invalid (error, where, "response");

  {
    g_auto(GStrv) warnings = strings_from (json_object_get_member (o, "warnings"), FALSE, where,
                                           "warnings", error);

    if (warnings == NULL)
      return FALSE;
    for (guint k = 0; warnings[k] != NULL; k++)
      g_ptr_array_add (r->warnings, g_strdup (warnings[k]));
    g_ptr_array_add (r->warnings, NULL);
  }

  node = json_object_get_member (o, "tables");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, where, "tables");
  array = json_node_get_array (node);
  for (guint t = 0; t < json_array_get_length (array); t++)
    {
      JsonNode *tn = json_array_get_element (array, t);
      g_autoptr(EpResultTable) table = g_new0 (EpResultTable, 1);
      JsonObject *to;
      JsonArray *rows;
      const char *title, *note;
      guint n_columns;

      if (!JSON_NODE_HOLDS_OBJECT (tn))
        return invalid (error, where, "tables");
      to = json_node_get_object (tn);
      title = ep_result_json_get_string (to, "title");
      note = ep_result_json_get_string (to, "note");
      if (title == NULL || !g_utf8_validate (title, -1, NULL)
          || (note != NULL && !g_utf8_validate (note, -1, NULL)))
        return invalid (error, where, "tables");
      table->title = g_strdup (title);
      table->note = g_strdup (note);
      table->header = strings_from (json_object_get_member (to, "header"), FALSE, where, "header", error);
      if (table->header == NULL)
        return FALSE;
      n_columns = g_strv_length (table->header);
      table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      node = json_object_get_member (to, "rows");
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, where, "rows");
      rows = json_node_get_array (node);
      for (guint k = 0; k < json_array_get_length (rows); k++)
        {
          GStrv row = strings_from (json_array_get_element (rows, k), FALSE, where, "rows", error);

          if (row == NULL)
            return FALSE;
          /* The results view expects as many cells as the header. */
          if (g_strv_length (row) != n_columns)
            {
              g_strfreev (row);
              return invalid (error, where, "rows");
            }
          g_ptr_array_add (table->rows, row);
        }
      g_ptr_array_add (r->tables, g_steal_pointer (&table));
    }

  return TRUE;
}

gboolean
ep_analysis_restore_results (EpAnalysis  *self,
                             const char  *json,
                             const char  *fingerprint,
                             const char  *where,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  Results *r;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (json != NULL && fingerprint != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, where, "result");

  r = _ep_analysis_results_new ();
  if (!restore (self, json_node_get_object (root), where, r, error))
    {
      _ep_analysis_results_free (r);
      return FALSE;
    }

  g_free (self->fingerprint);
  self->fingerprint = g_strdup (fingerprint);
  /* Checked against the data when the analysis is bound to its cohort. */
  self->restored = TRUE;
  _ep_analysis_set_state (self, EP_ANALYSIS_STATE_FRESH, NULL);
  _ep_analysis_take_results (self, r);
  return TRUE;
}
