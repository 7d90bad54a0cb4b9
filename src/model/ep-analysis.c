/* ep-analysis.c: an analysis of a cohort, its options and its results
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run is a Job: the options and the columns copied out of the cohort on the main thread
 * (ep-analysis-prepare.c), the core calls in a GTask worker (ep-analysis-worker.c) that build
 * the tables (ep-analysis-tables.c), and a Results struct that the worker fills and
 * ep_analysis_run_finish() hands to the analysis. The worker never sees a GObject but the
 * GTask and the GCancellable. ep-analysis-private.h holds what these files share.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/ep-analysis-private.h"

G_DEFINE_QUARK (ep-analysis-error-quark, ep_analysis_error)

G_DEFINE_ENUM_TYPE (EpAnalysisKind, ep_analysis_kind,
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_SURVIVAL, "survival"),
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_COX, "cox"),
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_COMPETING_RISKS, "competing-risks"),
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_RESPONSE, "response"))

G_DEFINE_ENUM_TYPE (EpAnalysisState, ep_analysis_state,
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_STATE_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_STATE_FRESH, "fresh"),
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_STATE_STALE, "stale"),
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_STATE_INVALID, "invalid"))

/* String and list options are looked up by key through these tables. */
static const struct { const char *key; gsize offset; } string_keys[] = {
  { "endpoint", G_STRUCT_OFFSET (Options, endpoint) },
  { "group", G_STRUCT_OFFSET (Options, group) },
  { "conf-type", G_STRUCT_OFFSET (Options, conf_type) },
  { "ties", G_STRUCT_OFFSET (Options, ties) },
  { "strata", G_STRUCT_OFFSET (Options, strata) },
  { "time", G_STRUCT_OFFSET (Options, time) },
  { "status", G_STRUCT_OFFSET (Options, status) },
  { "censor", G_STRUCT_OFFSET (Options, censor) },
  { "outcome", G_STRUCT_OFFSET (Options, outcome) },
  { "response-time", G_STRUCT_OFFSET (Options, response_time) },
  { "competing", G_STRUCT_OFFSET (Options, competing) },
  { "competing-event", G_STRUCT_OFFSET (Options, competing_event) },
};

static const struct { const char *key; gsize offset; } strv_keys[] = {
  { "covariates", G_STRUCT_OFFSET (Options, covariates) },
  { "factors", G_STRUCT_OFFSET (Options, factors) },
  { "success", G_STRUCT_OFFSET (Options, success) },
};

G_DEFINE_FINAL_TYPE (EpAnalysis, ep_analysis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_RUNNING,
  PROP_PROGRESS,
  PROP_HAS_RESULTS,
  PROP_STATE,
  N_PROPS
};

enum {
  RESULTS_CHANGED,
  OPTIONS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
ep_result_table_free (EpResultTable *table)
{
  if (table == NULL)
    return;

  g_free (table->title);
  g_strfreev (table->header);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table->note);
  g_free (table);
}

void
_ep_analysis_results_free (Results *results)
{
  if (results == NULL)
    return;

  g_clear_pointer (&results->groups, ep_levels_free);
  g_clear_pointer (&results->km_all, ep_km_result_free);
  g_free (results->time_unit);
  g_clear_pointer (&results->km, ep_km_result_free);
  g_clear_pointer (&results->logrank, ep_logrank_result_free);
  g_clear_pointer (&results->group_hr, ep_group_hr_free);
  g_clear_pointer (&results->pairwise, ep_logrank_pairwise_free);
  g_clear_pointer (&results->trend, ep_logrank_trend_free);
  g_clear_pointer (&results->cox, ep_cox_fit_free);
  g_clear_pointer (&results->design, ep_design_free);
  g_clear_pointer (&results->cox_factors, g_ptr_array_unref);
  for (guint j = 0; j < results->n_covariates; j++)
    {
      g_clear_pointer (&results->uni[j], ep_cox_fit_free);
      g_clear_pointer (&results->uni_design[j], ep_design_free);
      g_free (results->uni_error[j]);
    }
  g_free (results->uni);
  g_free (results->uni_design);
  g_free (results->uni_error);
  g_clear_pointer (&results->cif, ep_cif_result_free);
  g_clear_pointer (&results->gray, ep_gray_result_free);
  for (guint c = 0; c < results->n_crr; c++)
    {
      g_clear_pointer (&results->crr[c], ep_crr_result_free);
      g_free (results->crr_error[c]);
    }
  g_free (results->crr);
  g_free (results->crr_error);
  g_clear_pointer (&results->crr_design, ep_design_free);
  g_strfreev (results->cause_labels);
  g_clear_pointer (&results->response, ep_response_free);
  g_clear_pointer (&results->rmst, ep_rmst_result_free);
  g_clear_pointer (&results->followup, ep_km_result_free);
  g_clear_pointer (&results->mantel_byar, ep_cox_fit_free);
  g_clear_pointer (&results->simon_makuch, ep_km_result_free);
  g_clear_pointer (&results->landmark_overall, ep_km_result_free);
  g_clear_pointer (&results->zph, ep_cox_zph_free);
  g_strfreev (results->zph_terms);
  g_clear_pointer (&results->biases, g_ptr_array_unref);
  g_clear_pointer (&results->warnings, g_ptr_array_unref);
  g_clear_pointer (&results->tables, g_ptr_array_unref);
  g_free (results);
}

Results *
_ep_analysis_results_new (void)
{
  Results *results = g_new0 (Results, 1);

  results->warnings = g_ptr_array_new_with_free_func (g_free);
  results->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_result_table_free);
  results->hr = results->hr_lower = results->hr_upper = NAN;
  results->landmark_time = NAN;
  results->biases = g_ptr_array_new_with_free_func ((GDestroyNotify) _ep_analysis_bias_free);

  return results;
}

/* Kinds */

const char *
ep_analysis_kind_to_string (EpAnalysisKind kind)
{
  switch (kind)
    {
    case EP_ANALYSIS_SURVIVAL:        return "survival";
    case EP_ANALYSIS_COX:             return "cox";
    case EP_ANALYSIS_COMPETING_RISKS: return "competing-risks";
    case EP_ANALYSIS_RESPONSE:        return "response";
    default:                          g_return_val_if_reached (NULL);
    }
}

gboolean
ep_analysis_kind_from_string (const char     *text,
                              EpAnalysisKind *kind)
{
  for (int k = EP_ANALYSIS_SURVIVAL; k <= EP_ANALYSIS_RESPONSE; k++)
    if (g_strcmp0 (text, ep_analysis_kind_to_string (k)) == 0)
      {
        *kind = k;
        return TRUE;
      }

  return FALSE;
}

const char *
ep_analysis_kind_get_title (EpAnalysisKind kind)
{
  switch (kind)
    {
    case EP_ANALYSIS_SURVIVAL:        return _("Survival");
    case EP_ANALYSIS_COX:             return _("Cox Regression");
    case EP_ANALYSIS_COMPETING_RISKS: return _("Competing Risks");
    case EP_ANALYSIS_RESPONSE:        return _("Response");
    default:                          g_return_val_if_reached (NULL);
    }
}

/* GObject */

static void
ep_analysis_dispose (GObject *object)
{
  _ep_analysis_dispose_live (EP_ANALYSIS (object));

  G_OBJECT_CLASS (ep_analysis_parent_class)->dispose (object);
}

static void
ep_analysis_finalize (GObject *object)
{
  EpAnalysis *self = EP_ANALYSIS (object);

  for (guint k = 0; k < G_N_ELEMENTS (string_keys); k++)
    g_free (G_STRUCT_MEMBER (char *, &self->options, string_keys[k].offset));
  for (guint k = 0; k < G_N_ELEMENTS (strv_keys); k++)
    g_strfreev (G_STRUCT_MEMBER (GStrv, &self->options, strv_keys[k].offset));
  g_clear_pointer (&self->options.landmarks, g_array_unref);
  g_clear_pointer (&self->results, _ep_analysis_results_free);

  G_OBJECT_CLASS (ep_analysis_parent_class)->finalize (object);
}

static void
ep_analysis_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EpAnalysis *self = EP_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_HAS_RESULTS:
      g_value_set_boolean (value, self->results != NULL);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_analysis_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EpAnalysis *self = EP_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_analysis_class_init (EpAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ep_analysis_dispose;
  object_class->finalize = ep_analysis_finalize;
  object_class->get_property = ep_analysis_get_property;
  object_class->set_property = ep_analysis_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, EP_TYPE_ANALYSIS_KIND, EP_ANALYSIS_SURVIVAL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_RESULTS] =
    g_param_spec_boolean ("has-results", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, EP_TYPE_ANALYSIS_STATE, EP_ANALYSIS_STATE_EMPTY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpAnalysis::results-changed:
   *
   * The results were replaced (a run finished, or a saved result was loaded): whatever shows
   * them reads them again. The old results are freed right after the handlers return.
   */
  signals[RESULTS_CHANGED] =
    g_signal_new ("results-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EpAnalysis::options-changed:
   *
   * ep_analysis_set_options() replaced the options (Edit Options, or its undo): whatever
   * describes the analysis describes it again; the new result follows.
   */
  signals[OPTIONS_CHANGED] =
    g_signal_new ("options-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
_ep_analysis_set_state (EpAnalysis      *self,
                        EpAnalysisState  state,
                        const char      *message)
{
  gboolean changed = self->state != state || g_strcmp0 (self->state_message, message) != 0;

  self->state = state;
  g_free (self->state_message);
  self->state_message = g_strdup (message);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_ep_analysis_take_results (EpAnalysis *self,
                           Results    *results)
{
  Results *old = self->results;

  self->results = results;
  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_RESULTS]);
  _ep_analysis_results_free (old);
}

static void
ep_analysis_init (EpAnalysis *self)
{
  self->options.conf_level = 0.95;
  self->options.landmarks = g_array_new (FALSE, FALSE, sizeof (double));
  self->options.landmark_time = NAN;
  self->options.rmst_tau = NAN;
}

EpAnalysis *
ep_analysis_new (EpAnalysisKind kind)
{
  g_return_val_if_fail (kind <= EP_ANALYSIS_RESPONSE, NULL);

  return g_object_new (EP_TYPE_ANALYSIS, "kind", kind, NULL);
}

EpAnalysisKind
ep_analysis_get_kind (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), EP_ANALYSIS_SURVIVAL);

  return self->kind;
}

/* Options */

static char **
string_slot (EpAnalysis *self,
             const char *key)
{
  for (guint k = 0; k < G_N_ELEMENTS (string_keys); k++)
    if (g_strcmp0 (key, string_keys[k].key) == 0)
      return &G_STRUCT_MEMBER (char *, &self->options, string_keys[k].offset);

  return NULL;
}

static GStrv *
strv_slot (EpAnalysis *self,
           const char *key)
{
  for (guint k = 0; k < G_N_ELEMENTS (strv_keys); k++)
    if (g_strcmp0 (key, strv_keys[k].key) == 0)
      return &G_STRUCT_MEMBER (GStrv, &self->options, strv_keys[k].offset);

  return NULL;
}

void
ep_analysis_set_string (EpAnalysis *self,
                        const char *key,
                        const char *value)
{
  char **slot;

  g_return_if_fail (EP_IS_ANALYSIS (self));

  slot = string_slot (self, key);
  g_return_if_fail (slot != NULL);

  g_free (*slot);
  *slot = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

const char *
ep_analysis_get_string (EpAnalysis *self,
                        const char *key)
{
  char **slot;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  slot = string_slot (self, key);
  g_return_val_if_fail (slot != NULL, NULL);

  return *slot;
}

void
ep_analysis_set_strv (EpAnalysis         *self,
                      const char         *key,
                      const char * const *value)
{
  GStrv *slot;

  g_return_if_fail (EP_IS_ANALYSIS (self));

  slot = strv_slot (self, key);
  g_return_if_fail (slot != NULL);

  g_strfreev (*slot);
  *slot = value != NULL && value[0] != NULL ? g_strdupv ((char **) value) : NULL;
}

const char * const *
ep_analysis_get_strv (EpAnalysis *self,
                      const char *key)
{
  GStrv *slot;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  slot = strv_slot (self, key);
  g_return_val_if_fail (slot != NULL, NULL);

  return (const char * const *) *slot;
}

void
ep_analysis_set_conf_level (EpAnalysis *self,
                            double      level)
{
  g_return_if_fail (EP_IS_ANALYSIS (self));
  g_return_if_fail (level > 0.0 && level < 1.0);

  self->options.conf_level = level;
}

double
ep_analysis_get_conf_level (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), 0.95);

  return self->options.conf_level;
}

void
ep_analysis_set_rho (EpAnalysis *self,
                     double      rho)
{
  g_return_if_fail (EP_IS_ANALYSIS (self));
  g_return_if_fail (isfinite (rho));

  self->options.rho = rho;
}

double
ep_analysis_get_rho (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), 0.0);

  return self->options.rho;
}

void
ep_analysis_set_landmarks (EpAnalysis   *self,
                           const double *times,
                           guint         n)
{
  g_return_if_fail (EP_IS_ANALYSIS (self));
  g_return_if_fail (times != NULL || n == 0);

  g_array_set_size (self->options.landmarks, 0);
  for (guint i = 0; i < n; i++)
    {
      g_return_if_fail (isfinite (times[i]) && times[i] >= 0.0);
      g_array_append_val (self->options.landmarks, times[i]);
    }
}

const double *
ep_analysis_get_landmarks (EpAnalysis *self,
                           guint      *n)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  if (n != NULL)
    *n = self->options.landmarks->len;

  return (const double *) self->options.landmarks->data;
}

GVariant *
ep_analysis_to_variant (EpAnalysis *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "kind",
                         g_variant_new_string (ep_analysis_kind_to_string (self->kind)));
  for (guint k = 0; k < G_N_ELEMENTS (string_keys); k++)
    {
      const char *value = G_STRUCT_MEMBER (char *, &self->options, string_keys[k].offset);

      if (value != NULL)
        g_variant_builder_add (&builder, "{sv}", string_keys[k].key, g_variant_new_string (value));
    }
  for (guint k = 0; k < G_N_ELEMENTS (strv_keys); k++)
    {
      GStrv value = G_STRUCT_MEMBER (GStrv, &self->options, strv_keys[k].offset);

      if (value != NULL)
        g_variant_builder_add (&builder, "{sv}", strv_keys[k].key,
                               g_variant_new_strv ((const char * const *) value, -1));
    }
  g_variant_builder_add (&builder, "{sv}", "conf-level",
                         g_variant_new_double (self->options.conf_level));
  g_variant_builder_add (&builder, "{sv}", "rho", g_variant_new_double (self->options.rho));
  g_variant_builder_add (&builder, "{sv}", "landmarks",
                         g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                    self->options.landmarks->data,
                                                    self->options.landmarks->len,
                                                    sizeof (double)));
  /* Only when set, so that the options of an analysis without them read as before. */
  if (isfinite (self->options.landmark_time))
    g_variant_builder_add (&builder, "{sv}", "landmark-time",
                           g_variant_new_double (self->options.landmark_time));
  if (isfinite (self->options.rmst_tau))
    g_variant_builder_add (&builder, "{sv}", "rmst-tau",
                           g_variant_new_double (self->options.rmst_tau));

  return g_variant_builder_end (&builder);
}

EpAnalysis *
ep_analysis_new_from_variant (GVariant  *options,
                              GError   **error)
{
  g_autoptr(EpAnalysis) self = NULL;
  const char *kind_text = NULL;
  EpAnalysisKind kind;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (options != NULL, NULL);

  if (!g_variant_is_of_type (options, G_VARIANT_TYPE_VARDICT)
      || !g_variant_lookup (options, "kind", "&s", &kind_text)
      || !ep_analysis_kind_from_string (kind_text, &kind))
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Not an analysis: no known kind"));
      return NULL;
    }

  self = ep_analysis_new (kind);
  g_variant_iter_init (&iter, options);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      if (strcmp (key, "kind") == 0)
        continue;
      if (string_slot (self, key) != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        ep_analysis_set_string (self, key, g_variant_get_string (value, NULL));
      else if (strv_slot (self, key) != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_autofree const char **strv = g_variant_get_strv (value, NULL);

          ep_analysis_set_strv (self, key, strv);
        }
      else if (strcmp (key, "conf-level") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE)
               && g_variant_get_double (value) > 0.0 && g_variant_get_double (value) < 1.0)
        self->options.conf_level = g_variant_get_double (value);
      else if (strcmp (key, "rho") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE)
               && isfinite (g_variant_get_double (value)))
        self->options.rho = g_variant_get_double (value);
      else if ((strcmp (key, "landmark-time") == 0 || strcmp (key, "rmst-tau") == 0)
               && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        ep_analysis_set_double (self, key, g_variant_get_double (value));
      else if (strcmp (key, "landmarks") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE ("ad")))
        {
          gsize n = 0;
          const double *times = g_variant_get_fixed_array (value, &n, sizeof (double));

          for (gsize i = 0; i < n; i++)
            if (isfinite (times[i]) && times[i] >= 0.0)
              g_array_append_val (self->options.landmarks, times[i]);
        }
      else
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                       _("Analysis option “%s” is unknown or has the wrong type"), key);
          g_variant_unref (value);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

/* Takes the options of other (same kind) and gives other this one's: an edit of the options
 * in place, so the analysis keeps its id, its place and its figures. */
static void
swap_options (EpAnalysis *self,
              EpAnalysis *other)
{
  Options tmp = self->options;

  self->options = other->options;
  other->options = tmp;
}

gboolean
ep_analysis_set_options (EpAnalysis  *self,
                         GVariant    *options,
                         GError     **error)
{
  g_autoptr(EpAnalysis) parsed = NULL;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  parsed = ep_analysis_new_from_variant (options, error);
  if (parsed == NULL)
    return FALSE;
  if (parsed->kind != self->kind)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("The options are those of another kind of analysis"));
      return FALSE;
    }
  swap_options (self, parsed);
  g_signal_emit (self, signals[OPTIONS_CHANGED], 0);
  /* The result is of the old options: bound to a cohort, it is computed again. */
  ep_analysis_refresh (self);
  return TRUE;
}

char *
ep_analysis_describe (EpAnalysis *self)
{
  const Options *o;
  g_autofree char *list = NULL;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  o = &self->options;
  switch (self->kind)
    {
    case EP_ANALYSIS_SURVIVAL:
      if (o->response_time != NULL && isfinite (o->landmark_time))
        /* TRANSLATORS: "OS by response at the 3 landmark": an endpoint, a landmark analysis */
        return g_strdup_printf (_("%s by response at the landmark %g"),
                                o->endpoint ? o->endpoint : "?", o->landmark_time);
      if (o->group != NULL)
        /* TRANSLATORS: "OS by arm": an endpoint by a grouping column */
        return g_strdup_printf (_("%s by %s"), o->endpoint ? o->endpoint : "?", o->group);
      return g_strdup (o->endpoint ? o->endpoint : "?");
    case EP_ANALYSIS_COX:
      list = o->covariates != NULL ? g_strjoinv (", ", o->covariates) : g_strdup ("");
      /* TRANSLATORS: "OS: age, sex": an endpoint and the model's covariates */
      return g_strdup_printf (_("%s: %s"), o->endpoint ? o->endpoint : "?", list);
    case EP_ANALYSIS_COMPETING_RISKS:
      {
        g_autofree char *base = NULL;

        if (o->endpoint != NULL && o->group != NULL)
          /* TRANSLATORS: "Relapse with Dead competing, by arm" */
          base = g_strdup_printf (_("%s with %s competing, by %s"), o->endpoint,
                                  o->competing_event ? o->competing_event : "?", o->group);
        else if (o->endpoint != NULL)
          /* TRANSLATORS: "Relapse with Dead competing": an endpoint and its competing event */
          base = g_strdup_printf (_("%s with %s competing"), o->endpoint,
                                  o->competing_event ? o->competing_event : "?");
        else if (o->group != NULL)
          base = g_strdup_printf (_("%s by %s"), o->status ? o->status : "?", o->group);
        else
          base = g_strdup (o->status ? o->status : "?");

        if (o->covariates == NULL || o->covariates[0] == NULL)
          return g_steal_pointer (&base);
        list = g_strjoinv (", ", o->covariates);
        /* TRANSLATORS: "status by arm; Fine-Gray: age, arm" */
        return g_strdup_printf (_("%s; Fine-Gray: %s"), base, list);
      }
    case EP_ANALYSIS_RESPONSE:
      if (o->group != NULL)
        return g_strdup_printf (_("%s by %s"), o->outcome ? o->outcome : "?", o->group);
      return g_strdup (o->outcome ? o->outcome : "?");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Running */

/* Progress from the worker, delivered on the main thread: it only grows while running. */
void
_ep_analysis_update_progress (EpAnalysis *self,
                              double      progress)
{
  if (self->running && progress > self->progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      data)
{
  Job *job = data;

  g_atomic_int_set (&job->cancel, 1);
}

static void
ep_analysis_set_running (EpAnalysis *self,
                         gboolean    running)
{
  if (self->running == running)
    return;

  self->running = running;
  self->progress = 0.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

void
ep_analysis_run_async (EpAnalysis          *self,
                       EpCohort            *cohort,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(Job) job = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  g_return_if_fail (EP_IS_ANALYSIS (self));
  g_return_if_fail (EP_IS_COHORT (cohort));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ep_analysis_run_async);
  g_task_set_return_on_cancel (task, FALSE);

  job = g_new0 (Job, 1);
  job->analysis = g_object_ref (self);
  job->kind = self->kind;
  job->context = g_main_context_ref_thread_default ();
  job->conf_level = self->options.conf_level;
  job->rho = self->options.rho;
  job->landmark_time = self->options.landmark_time;
  job->rmst_tau = self->options.rmst_tau;
  job->biases = g_ptr_array_new_with_free_func ((GDestroyNotify) _ep_analysis_bias_free);
  job->n_landmarks = self->options.landmarks->len;
  job->landmarks = g_memdup2 (self->options.landmarks->data, sizeof (double) * MAX (job->n_landmarks, 1));
  job->conf_type = EP_KM_CONF_LOG_LOG;
  if (self->options.conf_type != NULL
      && !ep_km_conf_type_from_string (self->options.conf_type, &job->conf_type))
    g_set_error (&error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                 _("The confidence interval type must be log-log, log or plain, not “%s”"),
                 self->options.conf_type);
  else
    switch (self->kind)
      {
      case EP_ANALYSIS_SURVIVAL:        ok = _ep_analysis_prepare_survival (job, self, cohort, &error); break;
      case EP_ANALYSIS_COX:             ok = _ep_analysis_prepare_cox (job, self, cohort, &error); break;
      case EP_ANALYSIS_COMPETING_RISKS: ok = _ep_analysis_prepare_competing_risks (job, self, cohort, &error); break;
      case EP_ANALYSIS_RESPONSE:        ok = _ep_analysis_prepare_response (job, self, cohort, &error); break;
      default:                          g_assert_not_reached ();
      }

  if (ok)
    {
      g_auto(GStrv) columns = NULL;
      g_auto(GStrv) endpoints = NULL;

      /* What the result will have been computed from, for the live graph and the saved file. */
      _ep_analysis_get_inputs (self, &columns, &endpoints);
      ok = ep_cohort_get_input_revision (cohort, (const char * const *) columns,
                                         (const char * const *) endpoints,
                                         &job->input_revision, &error);
      if (ok)
        job->fingerprint = ep_cohort_fingerprint (cohort, (const char * const *) columns,
                                                  (const char * const *) endpoints, &error);
      ok = ok && job->fingerprint != NULL;
    }

  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _ep_analysis_count_job ();
  if (cancellable != NULL)
    {
      job->cancellable = g_object_ref (cancellable);
      job->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), job, NULL);
    }

  ep_analysis_set_running (self, TRUE);
  g_task_set_task_data (task, g_steal_pointer (&job), (GDestroyNotify) _ep_analysis_job_free);
  g_task_run_in_thread (task, _ep_analysis_run_thread);
}

gboolean
ep_analysis_run_finish (EpAnalysis    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  Job *job;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (job != NULL)
    ep_analysis_set_running (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  g_ptr_array_add (job->results->warnings, NULL);
  /* Two runs overlapped (one the user started, one the live graph did): never let the older
   * data's result replace the newer one. */
  if (self->fingerprint != NULL && self->state == EP_ANALYSIS_STATE_FRESH
      && job->input_revision < self->result_revision)
    return TRUE;
  self->result_revision = job->input_revision;
  g_free (self->fingerprint);
  self->fingerprint = g_strdup (job->fingerprint);
  self->restored = FALSE;
  _ep_analysis_set_state (self, EP_ANALYSIS_STATE_FRESH, NULL);
  _ep_analysis_take_results (self, g_steal_pointer (&job->results));

  return TRUE;
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} SyncRun;

static void
sync_run_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  SyncRun *run = data;

  run->result = g_object_ref (result);
  g_main_loop_quit (run->loop);
}

gboolean
ep_analysis_run (EpAnalysis    *self,
                 EpCohort      *cohort,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncRun run = { NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (EP_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (EP_IS_COHORT (cohort), FALSE);

  g_main_context_push_thread_default (context);
  run.loop = g_main_loop_new (context, FALSE);
  ep_analysis_run_async (self, cohort, cancellable, sync_run_cb, &run);
  g_main_loop_run (run.loop);
  ok = ep_analysis_run_finish (self, run.result, error);
  /* Progress updates queued after the result. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  g_main_loop_unref (run.loop);
  g_object_unref (run.result);

  return ok;
}

gboolean
ep_analysis_get_running (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), FALSE);

  return self->running;
}

double
ep_analysis_get_progress (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), 0.0);

  return self->progress;
}

gboolean
ep_analysis_has_results (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), FALSE);

  return self->results != NULL;
}

/* Result accessors */

guint
ep_analysis_get_n (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), 0);

  return self->results != NULL ? self->results->n : 0;
}

guint
ep_analysis_get_n_dropped (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), 0);

  return self->results != NULL ? self->results->n_dropped : 0;
}

const EpLevels *
ep_analysis_get_groups (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->groups : NULL;
}

const EpKmResult *
ep_analysis_get_km (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->km : NULL;
}

const EpLogrankResult *
ep_analysis_get_logrank (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->logrank : NULL;
}

const EpCoxFit *
ep_analysis_get_cox (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->cox : NULL;
}

const EpDesign *
ep_analysis_get_cox_design (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->design : NULL;
}

const EpGroupHr *
ep_analysis_get_group_hr (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->group_hr : NULL;
}

const GPtrArray *
ep_analysis_get_cox_factors (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->cox_factors : NULL;
}

guint
ep_analysis_get_n_covariates (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), 0);

  return self->results != NULL ? self->results->n_covariates : 0;
}

const EpCifResult *
ep_analysis_get_cif (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->cif : NULL;
}

const EpCrrResult *
ep_analysis_get_crr (EpAnalysis *self,
                     guint       cause_index)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  if (self->results == NULL || cause_index >= self->results->n_crr)
    return NULL;
  return self->results->crr[cause_index];
}

const char *
ep_analysis_get_crr_error (EpAnalysis *self,
                           guint       cause_index)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  if (self->results == NULL || cause_index >= self->results->n_crr)
    return NULL;
  return self->results->crr_error[cause_index];
}

const EpDesign *
ep_analysis_get_crr_design (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->crr_design : NULL;
}

const EpGrayResult *
ep_analysis_get_gray (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->gray : NULL;
}

const EpKmResult *
ep_analysis_get_km_all_causes (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->results != NULL ? self->results->km_all : NULL;
}

const char *
ep_analysis_get_time_unit (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);
  return self->results != NULL ? self->results->time_unit : NULL;
}

gboolean
ep_analysis_get_hr (EpAnalysis *self,
                    double     *hr,
                    double     *lower,
                    double     *upper)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), FALSE);

  if (self->results == NULL || isnan (self->results->hr))
    return FALSE;
  *hr = self->results->hr;
  *lower = self->results->hr_lower;
  *upper = self->results->hr_upper;
  return TRUE;
}

const EpResponse *
ep_analysis_get_response (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->response : NULL;
}

GPtrArray *
ep_analysis_get_tables (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->tables : NULL;
}

const char * const *
ep_analysis_get_warnings (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? (const char * const *) self->results->warnings->pdata : NULL;
}

const EpCoxFit *
ep_analysis_get_cox_univariate (EpAnalysis *self,
                                guint       covariate)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  if (self->results == NULL || covariate >= self->results->n_covariates)
    return NULL;
  if (self->results->n_covariates == 1)
    return self->results->cox;

  return self->results->uni[covariate];
}

const EpDesign *
ep_analysis_get_cox_univariate_design (EpAnalysis *self,
                                       guint       covariate)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  if (self->results == NULL || covariate >= self->results->n_covariates)
    return NULL;
  if (self->results->n_covariates == 1)
    return self->results->design;

  return self->results->uni_design[covariate];
}

const char *
ep_analysis_get_cox_univariate_error (EpAnalysis *self,
                                      guint       covariate)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  if (self->results == NULL || covariate >= self->results->n_covariates)
    return NULL;

  return self->results->uni_error[covariate];
}

const char *
ep_analysis_get_cause_label (EpAnalysis *self,
                             guint       cause_index)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  if (self->results == NULL || self->results->cause_labels == NULL
      || cause_index >= g_strv_length (self->results->cause_labels))
    return NULL;

  return self->results->cause_labels[cause_index];
}

char *
ep_analysis_to_tsv (EpAnalysis *self)
{
  g_autoptr(GString) tsv = g_string_new (NULL);

  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  if (self->results == NULL)
    return NULL;

  for (guint t = 0; t < self->results->tables->len; t++)
    {
      const EpResultTable *table = g_ptr_array_index (self->results->tables, t);
      g_autofree char *header = g_strjoinv ("\t", table->header);

      if (t > 0)
        g_string_append_c (tsv, '\n');
      g_string_append_printf (tsv, "%s\n%s\n", table->title, header);
      for (guint i = 0; i < table->rows->len; i++)
        {
          g_autofree char *row = g_strjoinv ("\t", g_ptr_array_index (table->rows, i));

          g_string_append_printf (tsv, "%s\n", row);
        }
      if (table->note != NULL)
        g_string_append_printf (tsv, "%s\n", table->note);
    }

  return g_string_free (g_steal_pointer (&tsv), FALSE);
}
