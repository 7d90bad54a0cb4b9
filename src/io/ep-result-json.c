/* ep-result-json.c: the core's result structs as JSON, and back
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ep-result-json.h. Every reader checks before it allocates: array lengths against the
 * counts they must match, counts against the array that holds them.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "io/ep-result-json.h"

G_DEFINE_QUARK (ep-result-json-error-quark, ep_result_json_error)

static gboolean
invalid (GError     **error,
         const char  *where,
         const char  *member)
{
  g_set_error (error, EP_RESULT_JSON_ERROR, EP_RESULT_JSON_ERROR_INVALID,
               _("%s: the stored result’s “%s” is missing or not valid"), where, member);
  return FALSE;
}

/* Scalars */

void
ep_result_json_set_double (JsonObject *object,
                           const char *member,
                           double      value)
{
  if (isnan (value))
    json_object_set_null_member (object, member);
  else if (isinf (value))
    json_object_set_string_member (object, member, value > 0 ? "Infinity" : "-Infinity");
  else
    json_object_set_double_member (object, member, value);
}

static gboolean
node_to_double (JsonNode *node,
                double   *value)
{
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *value = NAN;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return TRUE;
    case G_TYPE_INT64:
      *value = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_STRING:
      if (g_strcmp0 (json_node_get_string (node), "Infinity") == 0)
        *value = INFINITY;
      else if (g_strcmp0 (json_node_get_string (node), "-Infinity") == 0)
        *value = -INFINITY;
      else
        return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
ep_result_json_get_double (JsonObject  *object,
                           const char  *member,
                           const char  *where,
                           double      *value,
                           GError     **error)
{
  if (!node_to_double (json_object_get_member (object, member), value))
    return invalid (error, where, member);
  return TRUE;
}

const char *
ep_result_json_get_string (JsonObject *object,
                           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
ep_result_json_get_uint (JsonObject  *object,
                         const char  *member,
                         const char  *where,
                         guint        max,
                         guint       *value,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 v;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, where, member);
  v = json_node_get_int (node);
  if (v < 0 || (guint64) v > max)
    return invalid (error, where, member);
  *value = (guint) v;
  return TRUE;
}

static gboolean
get_bool (JsonObject  *object,
          const char  *member,
          const char  *where,
          gboolean    *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, where, member);
  *value = json_node_get_boolean (node);
  return TRUE;
}

/* Members added in a later version: absent reads as the default, any other type as absent
 * (never a precondition failure on untrusted text). */
static gboolean
optional_bool (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static gsize
optional_count (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return (gsize) CLAMP (json_node_get_int (node), 0, G_MAXUINT);
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *member,
           const char  *where,
           guint        length,     /* G_MAXUINT: any */
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, where, member);
      return NULL;
    }
  array = json_node_get_array (node);
  if (length != G_MAXUINT && json_array_get_length (array) != length)
    {
      invalid (error, where, member);
      return NULL;
    }
  return array;
}

/* Arrays of numbers */

static JsonArray *
doubles_to_json (const double *values,
                 gsize         n)
{
  JsonArray *array = json_array_sized_new (n);

  for (gsize i = 0; i < n; i++)
    {
      JsonNode *node = json_node_new (JSON_NODE_VALUE);

      if (isnan (values[i]))
        json_node_init_null (node);
      else if (isinf (values[i]))
        json_node_set_string (node, values[i] > 0 ? "Infinity" : "-Infinity");
      else
        json_node_set_double (node, values[i]);
      json_array_add_element (array, node);
    }
  return array;
}

static double *
doubles_from_json (JsonObject  *object,
                   const char  *member,
                   const char  *where,
                   guint        length,
                   GError     **error)
{
  JsonArray *array = get_array (object, member, where, length, error);
  g_autofree double *values = NULL;

  if (array == NULL)
    return NULL;
  values = g_new (double, MAX (json_array_get_length (array), 1));
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!node_to_double (json_array_get_element (array, i), &values[i]))
      {
        invalid (error, where, member);
        return NULL;
      }
  return g_steal_pointer (&values);
}

static JsonArray *
uints_to_json (const guint *values,
               gsize        n)
{
  JsonArray *array = json_array_sized_new (n);

  for (gsize i = 0; i < n; i++)
    json_array_add_int_element (array, values[i]);
  return array;
}

static guint *
uints_from_json (JsonObject  *object,
                 const char  *member,
                 const char  *where,
                 guint        length,
                 GError     **error)
{
  JsonArray *array = get_array (object, member, where, length, error);
  g_autofree guint *values = NULL;

  if (array == NULL)
    return NULL;
  values = g_new (guint, MAX (json_array_get_length (array), 1));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXUINT)
        {
          invalid (error, where, member);
          return NULL;
        }
      values[i] = (guint) json_node_get_int (node);
    }
  return g_steal_pointer (&values);
}

static JsonArray *
strv_to_json (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static char **
strv_from_json (JsonObject  *object,
                const char  *member,
                const char  *where,
                GError     **error)
{
  JsonArray *array = get_array (object, member, where, G_MAXUINT, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || !g_utf8_validate (json_node_get_string (node), -1, NULL))
        {
          invalid (error, where, member);
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

/* Levels */

JsonObject *
ep_levels_to_json (const EpLevels *levels)
{
  JsonObject *object = json_object_new ();

  json_object_set_array_member (object, "levels", strv_to_json ((const char * const *) levels->levels));
  json_object_set_boolean_member (object, "numeric", levels->numeric);
  if (levels->labels != NULL)
    json_object_set_array_member (object, "labels", strv_to_json ((const char * const *) levels->labels));
  return object;
}

EpLevels *
ep_levels_from_json (JsonObject  *object,
                     const char  *where,
                     GError     **error)
{
  g_auto(GStrv) texts = strv_from_json (object, "levels", where, error);
  g_auto(GStrv) labels = NULL;
  EpLevels *levels;
  gboolean numeric;

  if (texts == NULL || !get_bool (object, "numeric", where, &numeric, error))
    return NULL;
  /* "labels" (the display labels, issue 13) is optional: results saved before it have none */
  if (json_object_has_member (object, "labels"))
    {
      labels = strv_from_json (object, "labels", where, error);
      if (labels == NULL)
        return NULL;
      if (g_strv_length (labels) != g_strv_length (texts))
        {
          invalid (error, where, "labels");
          return NULL;
        }
    }
  levels = g_new0 (EpLevels, 1);
  levels->n_levels = g_strv_length (texts);
  levels->levels = g_steal_pointer (&texts);
  levels->labels = g_steal_pointer (&labels);
  levels->numeric = numeric;
  return levels;
}

/* Kaplan-Meier */

JsonObject *
ep_km_result_to_json (const EpKmResult *km)
{
  JsonObject *object = json_object_new ();
  JsonArray *curves = json_array_sized_new (km->n_groups);

  json_object_set_string_member (object, "conf_type", ep_km_conf_type_to_string (km->conf_type));
  ep_result_json_set_double (object, "conf_level", km->conf_level);
  json_object_set_boolean_member (object, "timefix", km->timefix);
  json_object_set_int_member (object, "n_timefix", km->n_timefix);
  for (guint g = 0; g < km->n_groups; g++)
    {
      const EpKmCurve *curve = &km->curves[g];
      JsonObject *c = json_object_new ();
      JsonArray *steps = json_array_sized_new (curve->n_steps);
      JsonArray *at = json_array_sized_new (curve->n_at);

      json_object_set_int_member (c, "n", curve->n);
      json_object_set_int_member (c, "events", curve->events);
      ep_result_json_set_double (c, "median", curve->median);
      ep_result_json_set_double (c, "median_lower", curve->median_lower);
      ep_result_json_set_double (c, "median_upper", curve->median_upper);
      for (gsize j = 0; j < curve->n_steps; j++)
        {
          const EpKmStep *s = &curve->steps[j];
          JsonObject *o = json_object_new ();

          ep_result_json_set_double (o, "time", s->time);
          json_object_set_int_member (o, "n_risk", s->n_risk);
          json_object_set_int_member (o, "n_event", s->n_event);
          json_object_set_int_member (o, "n_censor", s->n_censor);
          ep_result_json_set_double (o, "surv", s->surv);
          ep_result_json_set_double (o, "std_err", s->std_err);
          ep_result_json_set_double (o, "lower", s->lower);
          ep_result_json_set_double (o, "upper", s->upper);
          json_array_add_object_element (steps, o);
        }
      for (gsize j = 0; j < curve->n_at; j++)
        {
          const EpKmAt *a = &curve->at[j];
          JsonObject *o = json_object_new ();

          ep_result_json_set_double (o, "time", a->time);
          json_object_set_int_member (o, "n_risk", a->n_risk);
          ep_result_json_set_double (o, "surv", a->surv);
          ep_result_json_set_double (o, "std_err", a->std_err);
          ep_result_json_set_double (o, "lower", a->lower);
          ep_result_json_set_double (o, "upper", a->upper);
          json_array_add_object_element (at, o);
        }
      json_object_set_array_member (c, "steps", steps);
      json_object_set_array_member (c, "at", at);
      /* delayed entry: the entry times after 0, for the numbers at risk between steps */
      if (curve->n_entries > 0)
        json_object_set_array_member (c, "entries",
                                      doubles_to_json (curve->entries, curve->n_entries));
      json_array_add_object_element (curves, c);
    }
  json_object_set_array_member (object, "curves", curves);
  return object;
}

static gboolean
element_object (JsonArray   *array,
                guint        i,
                const char  *where,
                const char  *member,
                JsonObject **object,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, where, member);
  *object = json_node_get_object (node);
  return TRUE;
}

EpKmResult *
ep_km_result_from_json (JsonObject  *object,
                        const char  *where,
                        GError     **error)
{
  g_autoptr(EpKmResult) km = NULL;
  JsonArray *curves;
  EpKmConfType conf_type;
  double conf_level;
  guint n_groups;
  g_autofree gsize *n_steps = NULL;
  g_autofree gsize *n_at = NULL;
  const char *type = ep_result_json_get_string (object, "conf_type");

  if (type == NULL || !ep_km_conf_type_from_string (type, &conf_type))
    return invalid (error, where, "conf_type"), NULL;
  if (!ep_result_json_get_double (object, "conf_level", where, &conf_level, error))
    return NULL;
  if (!(conf_level > 0 && conf_level < 1))
    return invalid (error, where, "conf_level"), NULL;
  curves = get_array (object, "curves", where, G_MAXUINT, error);
  if (curves == NULL)
    return NULL;
  n_groups = json_array_get_length (curves);
  if (n_groups == 0)
    return invalid (error, where, "curves"), NULL;

  n_steps = g_new0 (gsize, n_groups);
  n_at = g_new0 (gsize, n_groups);
  for (guint g = 0; g < n_groups; g++)
    {
      JsonObject *c;
      JsonArray *steps, *at;

      if (!element_object (curves, g, where, "curves", &c, error) ||
          (steps = get_array (c, "steps", where, G_MAXUINT, error)) == NULL ||
          (at = get_array (c, "at", where, G_MAXUINT, error)) == NULL)
        return NULL;
      n_steps[g] = json_array_get_length (steps);
      n_at[g] = json_array_get_length (at);
    }

  km = ep_km_result_new (conf_type, conf_level, n_groups, n_steps, n_at);
  /* R's tie rule (absent from results saved before it: not applied) */
  km->timefix = optional_bool (object, "timefix");
  km->n_timefix = optional_count (object, "n_timefix");
  for (guint g = 0; g < n_groups; g++)
    {
      EpKmCurve *curve = &km->curves[g];
      JsonObject *c = json_array_get_object_element (curves, g);
      JsonArray *steps = json_object_get_array_member (c, "steps");
      JsonArray *at = json_object_get_array_member (c, "at");

      if (!ep_result_json_get_uint (c, "n", where, G_MAXUINT, &curve->n, error) ||
          !ep_result_json_get_uint (c, "events", where, curve->n, &curve->events, error) ||
          !ep_result_json_get_double (c, "median", where, &curve->median, error) ||
          !ep_result_json_get_double (c, "median_lower", where, &curve->median_lower, error) ||
          !ep_result_json_get_double (c, "median_upper", where, &curve->median_upper, error))
        return NULL;
      for (gsize j = 0; j < curve->n_steps; j++)
        {
          EpKmStep *s = &curve->steps[j];
          JsonObject *o;

          if (!element_object (steps, j, where, "steps", &o, error) ||
              !ep_result_json_get_double (o, "time", where, &s->time, error) ||
              !ep_result_json_get_uint (o, "n_risk", where, curve->n, &s->n_risk, error) ||
              !ep_result_json_get_uint (o, "n_event", where, s->n_risk, &s->n_event, error) ||
              !ep_result_json_get_uint (o, "n_censor", where, s->n_risk, &s->n_censor, error) ||
              !ep_result_json_get_double (o, "surv", where, &s->surv, error) ||
              !ep_result_json_get_double (o, "std_err", where, &s->std_err, error) ||
              !ep_result_json_get_double (o, "lower", where, &s->lower, error) ||
              !ep_result_json_get_double (o, "upper", where, &s->upper, error))
            return NULL;
          /* what the renderer relies on: finite ascending times, 0 <= S <= 1 */
          if (!isfinite (s->time) || (j > 0 && !(s->time > curve->steps[j - 1].time)))
            return invalid (error, where, "time"), NULL;
          if (!(s->surv >= 0 && s->surv <= 1))
            return invalid (error, where, "surv"), NULL;
        }
      for (gsize j = 0; j < curve->n_at; j++)
        {
          EpKmAt *a = &curve->at[j];
          JsonObject *o;

          if (!element_object (at, j, where, "at", &o, error) ||
              !ep_result_json_get_double (o, "time", where, &a->time, error) ||
              !ep_result_json_get_uint (o, "n_risk", where, curve->n, &a->n_risk, error) ||
              !ep_result_json_get_double (o, "surv", where, &a->surv, error) ||
              !ep_result_json_get_double (o, "std_err", where, &a->std_err, error) ||
              !ep_result_json_get_double (o, "lower", where, &a->lower, error) ||
              !ep_result_json_get_double (o, "upper", where, &a->upper, error))
            return NULL;
        }
      /* optional (results without delayed entry, or saved before it was kept) */
      if (json_object_has_member (c, "entries"))
        {
          JsonArray *entries = get_array (c, "entries", where, G_MAXUINT, error);
          guint n_entries;
          g_autofree double *values = NULL;

          if (entries == NULL)
            return NULL;
          n_entries = json_array_get_length (entries);
          if (n_entries > curve->n)
            return invalid (error, where, "entries"), NULL;
          values = g_new (double, MAX (n_entries, 1));
          for (guint k = 0; k < n_entries; k++)
            {
              JsonNode *node = json_array_get_element (entries, k);

              if (!JSON_NODE_HOLDS_VALUE (node) ||
                  json_node_get_value_type (node) == G_TYPE_STRING ||
                  json_node_get_value_type (node) == G_TYPE_BOOLEAN)
                return invalid (error, where, "entries"), NULL;
              values[k] = json_node_get_double (node);
              if (!isfinite (values[k]) || !(values[k] > 0) || (k > 0 && values[k] < values[k - 1]))
                return invalid (error, where, "entries"), NULL;
            }
          ep_km_result_set_entries (km, g, values, n_entries);
          km->delayed_entry = n_entries > 0 || km->delayed_entry;
        }
    }

  return g_steal_pointer (&km);
}

/* Log-rank */

JsonObject *
ep_logrank_result_to_json (const EpLogrankResult *logrank)
{
  JsonObject *object = json_object_new ();
  gsize k = logrank->n_groups;

  ep_result_json_set_double (object, "rho", logrank->rho);
  json_object_set_int_member (object, "n_groups", logrank->n_groups);
  json_object_set_int_member (object, "n_strata", logrank->n_strata);
  json_object_set_array_member (object, "n", uints_to_json (logrank->n, k));
  json_object_set_array_member (object, "observed", doubles_to_json (logrank->observed, k));
  json_object_set_array_member (object, "expected", doubles_to_json (logrank->expected, k));
  json_object_set_array_member (object, "var", doubles_to_json (logrank->var, k * k));
  ep_result_json_set_double (object, "chisq", logrank->chisq);
  json_object_set_int_member (object, "df", logrank->df);
  json_object_set_int_member (object, "rank", logrank->rank);
  ep_result_json_set_double (object, "p", logrank->p);
  json_object_set_boolean_member (object, "timefix", logrank->timefix);
  json_object_set_int_member (object, "n_timefix", logrank->n_timefix);
  return object;
}

EpLogrankResult *
ep_logrank_result_from_json (JsonObject  *object,
                             const char  *where,
                             GError     **error)
{
  g_autoptr(EpLogrankResult) logrank = g_new0 (EpLogrankResult, 1);
  guint k;

  if (!ep_result_json_get_double (object, "rho", where, &logrank->rho, error) ||
      !ep_result_json_get_uint (object, "n_groups", where, 4096, &logrank->n_groups, error) ||
      !ep_result_json_get_uint (object, "n_strata", where, G_MAXUINT, &logrank->n_strata, error))
    return NULL;
  k = logrank->n_groups;
  if ((logrank->n = uints_from_json (object, "n", where, k, error)) == NULL ||
      (logrank->observed = doubles_from_json (object, "observed", where, k, error)) == NULL ||
      (logrank->expected = doubles_from_json (object, "expected", where, k, error)) == NULL ||
      (logrank->var = doubles_from_json (object, "var", where, k * k, error)) == NULL ||
      !ep_result_json_get_double (object, "chisq", where, &logrank->chisq, error) ||
      !ep_result_json_get_uint (object, "df", where, k, &logrank->df, error) ||
      !ep_result_json_get_uint (object, "rank", where, k, &logrank->rank, error) ||
      !ep_result_json_get_double (object, "p", where, &logrank->p, error))
    return NULL;
  logrank->timefix = optional_bool (object, "timefix");
  logrank->n_timefix = optional_count (object, "n_timefix");
  return g_steal_pointer (&logrank);
}

/* Cox */

static JsonArray *
booleans_to_json (const gboolean *values,
                  gsize           n)
{
  JsonArray *array = json_array_sized_new (n);

  for (gsize i = 0; i < n; i++)
    json_array_add_boolean_element (array, values[i]);
  return array;
}

static gboolean *
booleans_from_json (JsonObject  *object,
                    const char  *member,
                    const char  *where,
                    guint        length,
                    GError     **error)
{
  JsonArray *array = get_array (object, member, where, length, error);
  g_autofree gboolean *values = NULL;

  if (array == NULL)
    return NULL;
  values = g_new (gboolean, MAX (length, 1));
  for (guint i = 0; i < length; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          invalid (error, where, member);
          return NULL;
        }
      values[i] = json_node_get_boolean (node);
    }
  return g_steal_pointer (&values);
}

JsonObject *
ep_cox_fit_to_json (const EpCoxFit *fit)
{
  JsonObject *object = json_object_new ();
  gsize p = fit->p;

  json_object_set_int_member (object, "n", fit->n);
  json_object_set_int_member (object, "n_events", fit->n_events);
  json_object_set_int_member (object, "p", fit->p);
  json_object_set_array_member (object, "coef", doubles_to_json (fit->coef, p));
  json_object_set_array_member (object, "se", doubles_to_json (fit->se, p));
  json_object_set_array_member (object, "hr", doubles_to_json (fit->hr, p));
  json_object_set_array_member (object, "hr_lower", doubles_to_json (fit->hr_lower, p));
  json_object_set_array_member (object, "hr_upper", doubles_to_json (fit->hr_upper, p));
  json_object_set_array_member (object, "z", doubles_to_json (fit->z, p));
  json_object_set_array_member (object, "p_value", doubles_to_json (fit->p_value, p));
  json_object_set_array_member (object, "singular", booleans_to_json (fit->singular, p));
  json_object_set_array_member (object, "infinite", booleans_to_json (fit->infinite, p));
  json_object_set_array_member (object, "var", doubles_to_json (fit->var, p * p));
  json_object_set_array_member (object, "means", doubles_to_json (fit->means, p));
  json_object_set_array_member (object, "score", doubles_to_json (fit->score, p));
  ep_result_json_set_double (object, "conf_level", fit->conf_level);
  ep_result_json_set_double (object, "loglik_null", fit->loglik_null);
  ep_result_json_set_double (object, "loglik", fit->loglik);
  ep_result_json_set_double (object, "lr_chisq", fit->lr_chisq);
  ep_result_json_set_double (object, "wald_chisq", fit->wald_chisq);
  ep_result_json_set_double (object, "score_chisq", fit->score_chisq);
  json_object_set_int_member (object, "df", fit->df);
  ep_result_json_set_double (object, "lr_p", fit->lr_p);
  ep_result_json_set_double (object, "wald_p", fit->wald_p);
  ep_result_json_set_double (object, "score_p", fit->score_p);
  ep_result_json_set_double (object, "concordance", fit->concordance);
  ep_result_json_set_double (object, "concordance_se", fit->concordance_se);
  ep_result_json_set_double (object, "concordant", fit->concordant);
  ep_result_json_set_double (object, "discordant", fit->discordant);
  ep_result_json_set_double (object, "tied_risk", fit->tied_risk);
  ep_result_json_set_double (object, "tied_time", fit->tied_time);
  ep_result_json_set_double (object, "tied_both", fit->tied_both);
  json_object_set_int_member (object, "iterations", fit->iterations);
  json_object_set_boolean_member (object, "converged", fit->converged);
  json_object_set_int_member (object, "rank", fit->rank);
  json_object_set_array_member (object, "warnings", strv_to_json ((const char * const *) fit->warnings));
  return object;
}

EpCoxFit *
ep_cox_fit_from_json (JsonObject  *object,
                      const char  *where,
                      GError     **error)
{
  g_autoptr(EpCoxFit) fit = g_new0 (EpCoxFit, 1);
  guint n, n_events, p;

  if (!ep_result_json_get_uint (object, "n", where, G_MAXUINT, &n, error) ||
      !ep_result_json_get_uint (object, "n_events", where, n, &n_events, error) ||
      !ep_result_json_get_uint (object, "p", where, 10000, &p, error))
    return NULL;
  fit->n = n;
  fit->n_events = n_events;
  fit->p = p;
  fit->warnings = strv_from_json (object, "warnings", where, error);
  if (fit->warnings == NULL ||
      (fit->coef = doubles_from_json (object, "coef", where, p, error)) == NULL ||
      (fit->se = doubles_from_json (object, "se", where, p, error)) == NULL ||
      (fit->hr = doubles_from_json (object, "hr", where, p, error)) == NULL ||
      (fit->hr_lower = doubles_from_json (object, "hr_lower", where, p, error)) == NULL ||
      (fit->hr_upper = doubles_from_json (object, "hr_upper", where, p, error)) == NULL ||
      (fit->z = doubles_from_json (object, "z", where, p, error)) == NULL ||
      (fit->p_value = doubles_from_json (object, "p_value", where, p, error)) == NULL ||
      (fit->singular = booleans_from_json (object, "singular", where, p, error)) == NULL ||
      (fit->infinite = booleans_from_json (object, "infinite", where, p, error)) == NULL ||
      (fit->var = doubles_from_json (object, "var", where, p * p, error)) == NULL ||
      (fit->means = doubles_from_json (object, "means", where, p, error)) == NULL ||
      (fit->score = doubles_from_json (object, "score", where, p, error)) == NULL ||
      !ep_result_json_get_double (object, "conf_level", where, &fit->conf_level, error) ||
      !ep_result_json_get_double (object, "loglik_null", where, &fit->loglik_null, error) ||
      !ep_result_json_get_double (object, "loglik", where, &fit->loglik, error) ||
      !ep_result_json_get_double (object, "lr_chisq", where, &fit->lr_chisq, error) ||
      !ep_result_json_get_double (object, "wald_chisq", where, &fit->wald_chisq, error) ||
      !ep_result_json_get_double (object, "score_chisq", where, &fit->score_chisq, error) ||
      !ep_result_json_get_uint (object, "df", where, p, &fit->df, error) ||
      !ep_result_json_get_double (object, "lr_p", where, &fit->lr_p, error) ||
      !ep_result_json_get_double (object, "wald_p", where, &fit->wald_p, error) ||
      !ep_result_json_get_double (object, "score_p", where, &fit->score_p, error) ||
      !ep_result_json_get_double (object, "concordance", where, &fit->concordance, error) ||
      !ep_result_json_get_double (object, "concordance_se", where, &fit->concordance_se, error) ||
      !ep_result_json_get_double (object, "concordant", where, &fit->concordant, error) ||
      !ep_result_json_get_double (object, "discordant", where, &fit->discordant, error) ||
      !ep_result_json_get_double (object, "tied_risk", where, &fit->tied_risk, error) ||
      !ep_result_json_get_double (object, "tied_time", where, &fit->tied_time, error) ||
      !ep_result_json_get_double (object, "tied_both", where, &fit->tied_both, error) ||
      !ep_result_json_get_uint (object, "iterations", where, G_MAXUINT, &fit->iterations, error) ||
      !get_bool (object, "converged", where, &fit->converged, error) ||
      !ep_result_json_get_uint (object, "rank", where, p, &fit->rank, error))
    return NULL;
  return g_steal_pointer (&fit);
}

/* Cumulative incidence and Gray's test */

JsonObject *
ep_cif_result_to_json (const EpCifResult *cif)
{
  JsonObject *object = json_object_new ();
  JsonArray *causes = json_array_sized_new (cif->n_causes);
  JsonArray *curves = json_array_new ();

  json_object_set_int_member (object, "n_groups", cif->n_groups);
  for (guint c = 0; c < cif->n_causes; c++)
    json_array_add_int_element (causes, cif->causes[c]);
  json_object_set_array_member (object, "causes", causes);
  json_object_set_array_member (object, "n", uints_to_json (cif->n, cif->n_groups));
  for (gsize i = 0; i < (gsize) cif->n_groups * cif->n_causes; i++)
    {
      const EpCifCurve *curve = &cif->curves[i];
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "cause", curve->cause);
      json_object_set_int_member (o, "n_events", curve->n_events);
      json_object_set_array_member (o, "time", doubles_to_json (curve->time, curve->n_points));
      json_object_set_array_member (o, "estimate", doubles_to_json (curve->estimate, curve->n_points));
      json_object_set_array_member (o, "variance", doubles_to_json (curve->variance, curve->n_points));
      json_array_add_object_element (curves, o);
    }
  json_object_set_array_member (object, "curves", curves);
  return object;
}

EpCifResult *
ep_cif_result_from_json (JsonObject  *object,
                         const char  *where,
                         GError     **error)
{
  g_autoptr(EpCifResult) cif = g_new0 (EpCifResult, 1);
  JsonArray *causes, *curves;

  if (!ep_result_json_get_uint (object, "n_groups", where, 4096, &cif->n_groups, error) ||
      (causes = get_array (object, "causes", where, G_MAXUINT, error)) == NULL)
    return NULL;
  cif->n_causes = MIN (json_array_get_length (causes), 4096);
  if (cif->n_causes != json_array_get_length (causes) ||
      (curves = get_array (object, "curves", where, cif->n_groups * cif->n_causes, error)) == NULL)
    return invalid (error, where, "curves"), NULL;
  cif->causes = g_new0 (int, MAX (cif->n_causes, 1));
  for (guint c = 0; c < cif->n_causes; c++)
    {
      JsonNode *node = json_array_get_element (causes, c);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < G_MININT || json_node_get_int (node) > G_MAXINT)
        return invalid (error, where, "causes"), NULL;
      cif->causes[c] = (int) json_node_get_int (node);
    }
  if ((cif->n = uints_from_json (object, "n", where, cif->n_groups, error)) == NULL)
    return NULL;
  cif->curves = g_new0 (EpCifCurve, MAX ((gsize) cif->n_groups * cif->n_causes, 1));
  for (guint i = 0; i < cif->n_groups * cif->n_causes; i++)
    {
      EpCifCurve *curve = &cif->curves[i];
      JsonObject *o;
      JsonArray *time;
      guint cause;

      if (!element_object (curves, i, where, "curves", &o, error) ||
          !ep_result_json_get_uint (o, "n_events", where, G_MAXUINT, &curve->n_events, error) ||
          (time = get_array (o, "time", where, G_MAXUINT, error)) == NULL)
        return NULL;
      if (!ep_result_json_get_uint (o, "cause", where, G_MAXINT, &cause, error))
        return NULL;
      curve->cause = (int) cause;
      curve->n_points = json_array_get_length (time);
      if ((curve->time = doubles_from_json (o, "time", where, curve->n_points, error)) == NULL ||
          (curve->estimate = doubles_from_json (o, "estimate", where, curve->n_points, error)) == NULL ||
          (curve->variance = doubles_from_json (o, "variance", where, curve->n_points, error)) == NULL)
        return NULL;
      for (gsize j = 0; j < curve->n_points; j++)
        if (!isfinite (curve->time[j]) || !(curve->estimate[j] >= 0 && curve->estimate[j] <= 1))
          return invalid (error, where, "estimate"), NULL;
    }
  return g_steal_pointer (&cif);
}

JsonObject *
ep_gray_result_to_json (const EpGrayResult *gray)
{
  JsonObject *object = json_object_new ();
  JsonArray *causes = json_array_sized_new (gray->n_causes);

  ep_result_json_set_double (object, "rho", gray->rho);
  json_object_set_int_member (object, "n_groups", gray->n_groups);
  for (guint c = 0; c < gray->n_causes; c++)
    {
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "cause", gray->causes[c].cause);
      ep_result_json_set_double (o, "stat", gray->causes[c].stat);
      json_object_set_int_member (o, "df", gray->causes[c].df);
      ep_result_json_set_double (o, "p", gray->causes[c].p);
      json_object_set_boolean_member (o, "singular", gray->causes[c].singular);
      json_array_add_object_element (causes, o);
    }
  json_object_set_array_member (object, "causes", causes);
  return object;
}

EpGrayResult *
ep_gray_result_from_json (JsonObject  *object,
                          const char  *where,
                          GError     **error)
{
  g_autoptr(EpGrayResult) gray = g_new0 (EpGrayResult, 1);
  JsonArray *causes;

  if (!ep_result_json_get_double (object, "rho", where, &gray->rho, error) ||
      !ep_result_json_get_uint (object, "n_groups", where, 4096, &gray->n_groups, error) ||
      (causes = get_array (object, "causes", where, G_MAXUINT, error)) == NULL)
    return NULL;
  gray->n_causes = MIN (json_array_get_length (causes), 4096);
  gray->causes = g_new0 (EpGrayCause, MAX (gray->n_causes, 1));
  for (guint c = 0; c < gray->n_causes; c++)
    {
      EpGrayCause *g = &gray->causes[c];
      JsonObject *o;
      guint cause;

      if (!element_object (causes, c, where, "causes", &o, error) ||
          !ep_result_json_get_uint (o, "cause", where, G_MAXINT, &cause, error) ||
          !ep_result_json_get_double (o, "stat", where, &g->stat, error) ||
          !ep_result_json_get_uint (o, "df", where, 4096, &g->df, error) ||
          !ep_result_json_get_double (o, "p", where, &g->p, error) ||
          !get_bool (o, "singular", where, &g->singular, error))
        return NULL;
      g->cause = (int) cause;
    }
  return g_steal_pointer (&gray);
}

/* Response */

JsonObject *
ep_response_to_json (const EpResponse *response)
{
  JsonObject *object = json_object_new ();
  JsonArray *groups = json_array_sized_new (response->n_groups);

  for (guint g = 0; g < response->n_groups; g++)
    {
      const EpResponseGroup *r = &response->groups[g];
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "n", r->n);
      json_object_set_int_member (o, "successes", r->successes);
      ep_result_json_set_double (o, "pct", r->pct);
      ep_result_json_set_double (o, "lower", r->lower);
      ep_result_json_set_double (o, "upper", r->upper);
      json_array_add_object_element (groups, o);
    }
  json_object_set_array_member (object, "groups", groups);
  ep_result_json_set_double (object, "fisher_p", response->fisher_p);
  ep_result_json_set_double (object, "chisq", response->chisq);
  json_object_set_int_member (object, "chisq_df", response->chisq_df);
  ep_result_json_set_double (object, "chisq_p", response->chisq_p);
  json_object_set_boolean_member (object, "chisq_small_expected", response->chisq_small_expected);
  return object;
}

EpResponse *
ep_response_from_json (JsonObject  *object,
                       const char  *where,
                       GError     **error)
{
  g_autoptr(EpResponse) response = g_new0 (EpResponse, 1);
  JsonArray *groups = get_array (object, "groups", where, G_MAXUINT, error);

  if (groups == NULL)
    return NULL;
  response->n_groups = MIN (json_array_get_length (groups), 4096);
  response->groups = g_new0 (EpResponseGroup, MAX (response->n_groups, 1));
  for (guint g = 0; g < response->n_groups; g++)
    {
      EpResponseGroup *r = &response->groups[g];
      JsonObject *o;

      if (!element_object (groups, g, where, "groups", &o, error) ||
          !ep_result_json_get_uint (o, "n", where, G_MAXUINT, &r->n, error) ||
          !ep_result_json_get_uint (o, "successes", where, r->n, &r->successes, error) ||
          !ep_result_json_get_double (o, "pct", where, &r->pct, error) ||
          !ep_result_json_get_double (o, "lower", where, &r->lower, error) ||
          !ep_result_json_get_double (o, "upper", where, &r->upper, error))
        return NULL;
    }
  if (!ep_result_json_get_double (object, "fisher_p", where, &response->fisher_p, error) ||
      !ep_result_json_get_double (object, "chisq", where, &response->chisq, error) ||
      !ep_result_json_get_uint (object, "chisq_df", where, 4096, &response->chisq_df, error) ||
      !ep_result_json_get_double (object, "chisq_p", where, &response->chisq_p, error) ||
      !get_bool (object, "chisq_small_expected", where, &response->chisq_small_expected, error))
    return NULL;
  return g_steal_pointer (&response);
}

/* Fine-Gray regression */

JsonObject *
ep_crr_result_to_json (const EpCrrResult *crr)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "n", (gint64) crr->n);
  json_object_set_int_member (object, "p", crr->p);
  json_object_set_array_member (object, "coef", doubles_to_json (crr->coef, crr->p));
  json_object_set_array_member (object, "var", doubles_to_json (crr->var, (gsize) crr->p * crr->p));
  json_object_set_array_member (object, "se", doubles_to_json (crr->se, crr->p));
  json_object_set_array_member (object, "z", doubles_to_json (crr->z, crr->p));
  json_object_set_array_member (object, "p_value", doubles_to_json (crr->p_value, crr->p));
  json_object_set_array_member (object, "hr", doubles_to_json (crr->hr, crr->p));
  json_object_set_array_member (object, "lower", doubles_to_json (crr->lower, crr->p));
  json_object_set_array_member (object, "upper", doubles_to_json (crr->upper, crr->p));
  ep_result_json_set_double (object, "level", crr->level);
  ep_result_json_set_double (object, "loglik", crr->loglik);
  ep_result_json_set_double (object, "loglik_null", crr->loglik_null);
  ep_result_json_set_double (object, "wald_chisq", crr->wald_chisq);
  ep_result_json_set_double (object, "wald_p", crr->wald_p);
  json_object_set_boolean_member (object, "converged", crr->converged);
  json_object_set_int_member (object, "iterations", crr->iterations);
  json_object_set_int_member (object, "n_events", crr->n_events);
  json_object_set_int_member (object, "n_competing", crr->n_competing);
  json_object_set_int_member (object, "n_times", crr->n_times);
  json_object_set_array_member (object, "times", doubles_to_json (crr->times, crr->n_times));
  json_object_set_array_member (object, "jumps", doubles_to_json (crr->jumps, crr->n_times));
  return object;
}

EpCrrResult *
ep_crr_result_from_json (JsonObject  *object,
                         const char  *where,
                         GError     **error)
{
  g_autoptr(EpCrrResult) crr = g_new0 (EpCrrResult, 1);
  guint n, p;

  if (!ep_result_json_get_uint (object, "n", where, G_MAXUINT, &n, error) ||
      !ep_result_json_get_uint (object, "p", where, 10000, &p, error) ||
      !ep_result_json_get_uint (object, "n_events", where, n, &crr->n_events, error) ||
      !ep_result_json_get_uint (object, "n_competing", where, n, &crr->n_competing, error) ||
      !ep_result_json_get_uint (object, "n_times", where, n, &crr->n_times, error))
    return NULL;
  crr->n = n;
  crr->p = p;
  if ((crr->coef = doubles_from_json (object, "coef", where, p, error)) == NULL ||
      (crr->var = doubles_from_json (object, "var", where, p * p, error)) == NULL ||
      (crr->se = doubles_from_json (object, "se", where, p, error)) == NULL ||
      (crr->z = doubles_from_json (object, "z", where, p, error)) == NULL ||
      (crr->p_value = doubles_from_json (object, "p_value", where, p, error)) == NULL ||
      (crr->hr = doubles_from_json (object, "hr", where, p, error)) == NULL ||
      (crr->lower = doubles_from_json (object, "lower", where, p, error)) == NULL ||
      (crr->upper = doubles_from_json (object, "upper", where, p, error)) == NULL ||
      (crr->times = doubles_from_json (object, "times", where, crr->n_times, error)) == NULL ||
      (crr->jumps = doubles_from_json (object, "jumps", where, crr->n_times, error)) == NULL ||
      !ep_result_json_get_double (object, "level", where, &crr->level, error) ||
      !ep_result_json_get_double (object, "loglik", where, &crr->loglik, error) ||
      !ep_result_json_get_double (object, "loglik_null", where, &crr->loglik_null, error) ||
      !ep_result_json_get_double (object, "wald_chisq", where, &crr->wald_chisq, error) ||
      !ep_result_json_get_double (object, "wald_p", where, &crr->wald_p, error) ||
      !get_bool (object, "converged", where, &crr->converged, error) ||
      !ep_result_json_get_uint (object, "iterations", where, G_MAXUINT, &crr->iterations, error))
    return NULL;
  return g_steal_pointer (&crr);
}

/* Restricted mean survival time */

JsonObject *
ep_rmst_result_to_json (const EpRmstResult *rmst)
{
  JsonObject *object = json_object_new ();
  JsonArray *groups = json_array_sized_new (rmst->n_groups);
  JsonArray *contrasts = json_array_sized_new (rmst->n_contrasts);

  ep_result_json_set_double (object, "tau", rmst->tau);
  ep_result_json_set_double (object, "conf_level", rmst->conf_level);
  for (guint g = 0; g < rmst->n_groups; g++)
    {
      const EpRmstGroup *r = &rmst->groups[g];
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "n", r->n);
      json_object_set_int_member (o, "events", r->events);
      ep_result_json_set_double (o, "rmst", r->rmst);
      ep_result_json_set_double (o, "se", r->se);
      ep_result_json_set_double (o, "lower", r->lower);
      ep_result_json_set_double (o, "upper", r->upper);
      ep_result_json_set_double (o, "last_time", r->last_time);
      json_object_set_boolean_member (o, "tau_beyond_data", r->tau_beyond_data);
      json_array_add_object_element (groups, o);
    }
  for (guint k = 0; k < rmst->n_contrasts; k++)
    {
      const EpRmstContrast *c = &rmst->contrasts[k];
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "level", c->level);
      ep_result_json_set_double (o, "diff", c->diff);
      ep_result_json_set_double (o, "diff_se", c->diff_se);
      ep_result_json_set_double (o, "diff_lower", c->diff_lower);
      ep_result_json_set_double (o, "diff_upper", c->diff_upper);
      ep_result_json_set_double (o, "diff_p", c->diff_p);
      ep_result_json_set_double (o, "ratio", c->ratio);
      ep_result_json_set_double (o, "ratio_lower", c->ratio_lower);
      ep_result_json_set_double (o, "ratio_upper", c->ratio_upper);
      ep_result_json_set_double (o, "ratio_p", c->ratio_p);
      json_array_add_object_element (contrasts, o);
    }
  json_object_set_array_member (object, "groups", groups);
  json_object_set_array_member (object, "contrasts", contrasts);
  return object;
}

EpRmstResult *
ep_rmst_result_from_json (JsonObject  *object,
                          const char  *where,
                          GError     **error)
{
  g_autoptr(EpRmstResult) rmst = g_new0 (EpRmstResult, 1);
  JsonArray *groups, *contrasts;

  if (!ep_result_json_get_double (object, "tau", where, &rmst->tau, error) ||
      !ep_result_json_get_double (object, "conf_level", where, &rmst->conf_level, error) ||
      (groups = get_array (object, "groups", where, G_MAXUINT, error)) == NULL ||
      (contrasts = get_array (object, "contrasts", where, G_MAXUINT, error)) == NULL)
    return NULL;
  if (json_array_get_length (groups) > 4096 || json_array_get_length (contrasts) > 4096)
    return invalid (error, where, "groups"), NULL;
  rmst->n_groups = json_array_get_length (groups);
  rmst->n_contrasts = json_array_get_length (contrasts);
  rmst->groups = g_new0 (EpRmstGroup, MAX (rmst->n_groups, 1));
  rmst->contrasts = g_new0 (EpRmstContrast, MAX (rmst->n_contrasts, 1));
  for (guint g = 0; g < rmst->n_groups; g++)
    {
      EpRmstGroup *r = &rmst->groups[g];
      JsonObject *o;

      if (!element_object (groups, g, where, "groups", &o, error) ||
          !ep_result_json_get_uint (o, "n", where, G_MAXUINT, &r->n, error) ||
          !ep_result_json_get_uint (o, "events", where, G_MAXUINT, &r->events, error) ||
          !ep_result_json_get_double (o, "rmst", where, &r->rmst, error) ||
          !ep_result_json_get_double (o, "se", where, &r->se, error) ||
          !ep_result_json_get_double (o, "lower", where, &r->lower, error) ||
          !ep_result_json_get_double (o, "upper", where, &r->upper, error) ||
          !ep_result_json_get_double (o, "last_time", where, &r->last_time, error))
        return NULL;
      r->tau_beyond_data = optional_bool (o, "tau_beyond_data");
    }
  for (guint k = 0; k < rmst->n_contrasts; k++)
    {
      EpRmstContrast *c = &rmst->contrasts[k];
      JsonObject *o;

      if (!element_object (contrasts, k, where, "contrasts", &o, error) ||
          !ep_result_json_get_uint (o, "level", where, rmst->n_groups, &c->level, error) ||
          !ep_result_json_get_double (o, "diff", where, &c->diff, error) ||
          !ep_result_json_get_double (o, "diff_se", where, &c->diff_se, error) ||
          !ep_result_json_get_double (o, "diff_lower", where, &c->diff_lower, error) ||
          !ep_result_json_get_double (o, "diff_upper", where, &c->diff_upper, error) ||
          !ep_result_json_get_double (o, "diff_p", where, &c->diff_p, error) ||
          !ep_result_json_get_double (o, "ratio", where, &c->ratio, error) ||
          !ep_result_json_get_double (o, "ratio_lower", where, &c->ratio_lower, error) ||
          !ep_result_json_get_double (o, "ratio_upper", where, &c->ratio_upper, error) ||
          !ep_result_json_get_double (o, "ratio_p", where, &c->ratio_p, error))
        return NULL;
    }
  return g_steal_pointer (&rmst);
}

/* The proportional-hazards check */

JsonObject *
ep_cox_zph_to_json (const EpCoxZph *zph)
{
  JsonObject *object = json_object_new ();
  gsize t = zph->n_terms;

  json_object_set_string_member (object, "transform",
                                 ep_cox_zph_transform_to_string (zph->transform));
  json_object_set_int_member (object, "n_terms", zph->n_terms);
  json_object_set_array_member (object, "chisq", doubles_to_json (zph->chisq, t));
  json_object_set_array_member (object, "df", uints_to_json (zph->df, t));
  json_object_set_array_member (object, "p", doubles_to_json (zph->p, t));
  ep_result_json_set_double (object, "global_chisq", zph->global_chisq);
  json_object_set_int_member (object, "global_df", zph->global_df);
  ep_result_json_set_double (object, "global_p", zph->global_p);
  json_object_set_int_member (object, "n_events", zph->n_events);
  json_object_set_array_member (object, "time", doubles_to_json (zph->time, zph->n_events));
  json_object_set_array_member (object, "x", doubles_to_json (zph->x, zph->n_events));
  json_object_set_array_member (object, "stratum", uints_to_json (zph->stratum, zph->n_events));
  json_object_set_array_member (object, "y", doubles_to_json (zph->y, zph->n_events * t));
  json_object_set_array_member (object, "var", doubles_to_json (zph->var, t * t));
  return object;
}

EpCoxZph *
ep_cox_zph_from_json (JsonObject  *object,
                      const char  *where,
                      GError     **error)
{
  g_autoptr(EpCoxZph) zph = g_new0 (EpCoxZph, 1);
  const char *transform = ep_result_json_get_string (object, "transform");
  guint n_events, t;

  if (transform == NULL || !ep_cox_zph_transform_from_string (transform, &zph->transform))
    return invalid (error, where, "transform"), NULL;
  if (!ep_result_json_get_uint (object, "n_terms", where, 4096, &zph->n_terms, error) ||
      !ep_result_json_get_uint (object, "n_events", where, 10000000, &n_events, error))
    return NULL;
  t = zph->n_terms;
  if ((guint64) n_events * MAX (t, 1) > 100000000)
    return invalid (error, where, "n_events"), NULL;
  zph->n_events = n_events;
  if ((zph->chisq = doubles_from_json (object, "chisq", where, t, error)) == NULL ||
      (zph->df = uints_from_json (object, "df", where, t, error)) == NULL ||
      (zph->p = doubles_from_json (object, "p", where, t, error)) == NULL ||
      !ep_result_json_get_double (object, "global_chisq", where, &zph->global_chisq, error) ||
      !ep_result_json_get_uint (object, "global_df", where, G_MAXUINT, &zph->global_df, error) ||
      !ep_result_json_get_double (object, "global_p", where, &zph->global_p, error) ||
      (zph->time = doubles_from_json (object, "time", where, n_events, error)) == NULL ||
      (zph->x = doubles_from_json (object, "x", where, n_events, error)) == NULL ||
      (zph->stratum = uints_from_json (object, "stratum", where, n_events, error)) == NULL ||
      (zph->y = doubles_from_json (object, "y", where, n_events * t, error)) == NULL ||
      (zph->var = doubles_from_json (object, "var", where, t * t, error)) == NULL)
    return NULL;
  return g_steal_pointer (&zph);
}
