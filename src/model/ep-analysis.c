/* ep-analysis.c: an analysis of a cohort, its options and its results
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run is a Job: the options and the columns copied out of the cohort on the main thread
 * (prepare_*), the core calls in a GTask worker (compute_*), and a Results struct that the
 * worker fills and ep_analysis_run_finish() hands to the analysis. The worker never sees a
 * GObject but the GTask and the GCancellable.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "model/ep-analysis.h"

G_DEFINE_QUARK (ep-analysis-error-quark, ep_analysis_error)

G_DEFINE_ENUM_TYPE (EpAnalysisKind, ep_analysis_kind,
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_SURVIVAL, "survival"),
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_COX, "cox"),
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_COMPETING_RISKS, "competing-risks"),
  G_DEFINE_ENUM_VALUE (EP_ANALYSIS_RESPONSE, "response"))

/* The options; string and list options are looked up by key through these tables. */
typedef struct
{
  char    *endpoint;
  char    *group;
  char    *conf_type;
  char    *ties;
  char    *strata;
  char    *time;
  char    *status;
  char    *censor;
  char    *outcome;
  GStrv    covariates;
  GStrv    factors;
  GStrv    success;
  double   conf_level;
  double   rho;
  GArray  *landmarks;   /* double */
} Options;

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
};

static const struct { const char *key; gsize offset; } strv_keys[] = {
  { "covariates", G_STRUCT_OFFSET (Options, covariates) },
  { "factors", G_STRUCT_OFFSET (Options, factors) },
  { "success", G_STRUCT_OFFSET (Options, success) },
};

/* One Cox model's input, copied from the cohort. */
typedef struct
{
  guint      n;
  guint      n_dropped;
  double    *time;
  int       *status;
  EpLevels  *strata;
  EpDesign  *design;
} CoxInput;

typedef struct
{
  guint            n;
  guint            n_dropped;
  EpLevels        *groups;
  char            *time_unit;       /* the endpoint's unit, for headers; NULL when unknown */
  EpKmResult      *km;
  EpLogrankResult *logrank;
  EpCoxFit        *cox;
  EpDesign        *design;
  guint            n_covariates;
  EpCoxFit       **uni;
  EpDesign       **uni_design;
  char           **uni_error;
  EpCifResult     *cif;
  EpGrayResult    *gray;
  GStrv            cause_labels;
  EpResponse      *response;
  GPtrArray       *warnings;        /* char *, NULL-terminated when handed out */
  GPtrArray       *tables;          /* EpResultTable */
} Results;

struct _EpAnalysis
{
  GObject         parent_instance;

  EpAnalysisKind  kind;
  Options         options;
  Results        *results;
  gboolean        running;
  double          progress;
};

G_DEFINE_FINAL_TYPE (EpAnalysis, ep_analysis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_RUNNING,
  PROP_PROGRESS,
  PROP_HAS_RESULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void
cox_input_clear (CoxInput *input)
{
  g_clear_pointer (&input->time, g_free);
  g_clear_pointer (&input->status, g_free);
  g_clear_pointer (&input->strata, ep_levels_free);
  g_clear_pointer (&input->design, ep_design_free);
}

static void
results_free (Results *results)
{
  if (results == NULL)
    return;

  g_clear_pointer (&results->groups, ep_levels_free);
  g_free (results->time_unit);
  g_clear_pointer (&results->km, ep_km_result_free);
  g_clear_pointer (&results->logrank, ep_logrank_result_free);
  g_clear_pointer (&results->cox, ep_cox_fit_free);
  g_clear_pointer (&results->design, ep_design_free);
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
  g_strfreev (results->cause_labels);
  g_clear_pointer (&results->response, ep_response_free);
  g_clear_pointer (&results->warnings, g_ptr_array_unref);
  g_clear_pointer (&results->tables, g_ptr_array_unref);
  g_free (results);
}

static Results *
results_new (void)
{
  Results *results = g_new0 (Results, 1);

  results->warnings = g_ptr_array_new_with_free_func (g_free);
  results->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_result_table_free);

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
ep_analysis_finalize (GObject *object)
{
  EpAnalysis *self = EP_ANALYSIS (object);

  for (guint k = 0; k < G_N_ELEMENTS (string_keys); k++)
    g_free (G_STRUCT_MEMBER (char *, &self->options, string_keys[k].offset));
  for (guint k = 0; k < G_N_ELEMENTS (strv_keys); k++)
    g_strfreev (G_STRUCT_MEMBER (GStrv, &self->options, strv_keys[k].offset));
  g_clear_pointer (&self->options.landmarks, g_array_unref);
  g_clear_pointer (&self->results, results_free);

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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ep_analysis_init (EpAnalysis *self)
{
  self->options.conf_level = 0.95;
  self->options.landmarks = g_array_new (FALSE, FALSE, sizeof (double));
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
      if (o->group != NULL)
        /* TRANSLATORS: "OS by arm": an endpoint by a grouping column */
        return g_strdup_printf (_("%s by %s"), o->endpoint ? o->endpoint : "?", o->group);
      return g_strdup (o->endpoint ? o->endpoint : "?");
    case EP_ANALYSIS_COX:
      list = o->covariates != NULL ? g_strjoinv (", ", o->covariates) : g_strdup ("");
      /* TRANSLATORS: "OS: age, sex": an endpoint and the model's covariates */
      return g_strdup_printf (_("%s: %s"), o->endpoint ? o->endpoint : "?", list);
    case EP_ANALYSIS_COMPETING_RISKS:
      if (o->group != NULL)
        return g_strdup_printf (_("%s by %s"), o->status ? o->status : "?", o->group);
      return g_strdup (o->status ? o->status : "?");
    case EP_ANALYSIS_RESPONSE:
      if (o->group != NULL)
        return g_strdup_printf (_("%s by %s"), o->outcome ? o->outcome : "?", o->group);
      return g_strdup (o->outcome ? o->outcome : "?");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Preparation, on the main thread: everything the worker needs, copied. */

typedef struct
{
  EpAnalysis     *analysis;      /* for progress only, touched on the main thread */
  EpAnalysisKind  kind;
  GMainContext   *context;
  GCancellable   *cancellable;
  gulong          cancelled_id;
  gint            cancel;        /* atomic, set when cancelled; read by the Cox iterations */

  EpKmConfType    conf_type;
  double          conf_level;
  double          rho;
  double         *landmarks;
  guint           n_landmarks;
  EpCoxTies       ties;
  char          **covariates;

  guint           n;
  guint           n_dropped;
  double         *time;
  int            *status;        /* survival: 0/1; competing risks: 0 censored, 1.. causes */
  gboolean       *success;
  EpLevels       *groups;
  char           *time_unit;
  char          **cause_labels;
  CoxInput        multi;
  CoxInput       *uni;           /* [n_covariates] */
  char          **uni_error;     /* [n_covariates] a univariate model that could not be set up */
  guint           n_covariates;

  Results        *results;
} Job;

static void
job_free (Job *job)
{
  if (job->cancellable != NULL)
    g_cancellable_disconnect (job->cancellable, job->cancelled_id);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->analysis);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->landmarks);
  g_strfreev (job->covariates);
  g_free (job->time);
  g_free (job->status);
  g_free (job->success);
  g_clear_pointer (&job->groups, ep_levels_free);
  g_free (job->time_unit);
  g_strfreev (job->cause_labels);
  cox_input_clear (&job->multi);
  for (guint j = 0; j < job->n_covariates && job->uni != NULL; j++)
    {
      cox_input_clear (&job->uni[j]);
      g_free (job->uni_error[j]);
    }
  g_free (job->uni);
  g_free (job->uni_error);
  g_clear_pointer (&job->results, results_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static EpCohortColumn *
find_column (EpCohort   *cohort,
             const char *option,
             const char *name,
             GError    **error)
{
  int position;

  if (name == NULL)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Choose a column for “%s”"), option);
      return NULL;
    }

  position = ep_cohort_find_column (cohort, name);
  if (position < 0)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("The cohort has no column “%s”"), name);
      return NULL;
    }

  return ep_cohort_get_column (cohort, position);
}

/* Rows with a value in every column of names (NULL entries skipped). */
static guint *
complete_rows (EpCohort           *cohort,
               const char * const *names,
               guint               n_names,
               guint              *n_out,
               guint              *n_dropped)
{
  guint n_rows = ep_cohort_get_n_rows (cohort);
  g_autofree const EpTableColumn **columns = g_new0 (const EpTableColumn *, n_names + 1);
  guint *rows = g_new (guint, MAX (n_rows, 1));
  guint n = 0;

  for (guint k = 0; k < n_names; k++)
    if (names[k] != NULL)
      columns[k] = ep_cohort_column_get_data (ep_cohort_get_column (cohort, ep_cohort_find_column (cohort, names[k])));

  for (guint i = 0; i < n_rows; i++)
    {
      gboolean keep = TRUE;

      for (guint k = 0; k < n_names && keep; k++)
        if (columns[k] != NULL && ep_table_column_is_missing (columns[k], i))
          keep = FALSE;
      if (keep)
        rows[n++] = i;
    }

  *n_out = n;
  *n_dropped = n_rows - n;

  return rows;
}

static gboolean
no_rows_error (guint    n_dropped,
               GError **error)
{
  g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_NO_ROWS,
               g_dngettext (GETTEXT_PACKAGE,
                            "No patient has a value in every column used (%u row dropped for missing values)",
                            "No patient has a value in every column used (%u rows dropped for missing values)",
                            n_dropped),
               n_dropped);
  return FALSE;
}

static EpCohortEndpoint *
find_endpoint (EpCohort    *cohort,
               const char  *name,
               GError     **error)
{
  EpCohortEndpoint *endpoint;

  if (name == NULL)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Choose an endpoint"));
      return NULL;
    }

  endpoint = ep_cohort_find_endpoint (cohort, name);
  if (endpoint == NULL)
    g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                 _("The cohort has no endpoint “%s”"), name);

  return endpoint;
}

static gboolean
prepare_survival (Job       *job,
                  EpAnalysis *self,
                  EpCohort   *cohort,
                  GError    **error)
{
  const Options *o = &self->options;
  EpCohortEndpoint *endpoint;
  const char *also[2] = { o->group, NULL };
  g_autoptr(EpEndpointData) d = NULL;

  endpoint = find_endpoint (cohort, o->endpoint, error);
  if (endpoint == NULL)
    return FALSE;
  if (o->group != NULL && find_column (cohort, _("Group"), o->group, error) == NULL)
    return FALSE;

  d = ep_cohort_resolve_endpoint (cohort, endpoint, o->group != NULL ? also : NULL, error);
  if (d == NULL)
    return FALSE;
  if (d->n == 0)
    return no_rows_error (d->n_dropped, error);

  if (o->group != NULL)
    {
      job->groups = ep_cohort_get_levels (cohort, o->group, d->rows, d->n, error);
      if (job->groups == NULL)
        return FALSE;
    }

  job->n = d->n;
  job->n_dropped = d->n_dropped;
  job->time = g_steal_pointer (&d->time);
  job->status = g_steal_pointer (&d->event);
  job->time_unit = g_strdup (ep_time_unit_to_string (ep_cohort_endpoint_get_unit (endpoint)));

  return TRUE;
}

/* One Cox model's data: the endpoint, the covariates (numbers, or factors through their
 * levels' texts) and the strata, listwise over all of them. */
static gboolean
prepare_cox_input (EpCohort           *cohort,
                   EpCohortEndpoint   *endpoint,
                   const char * const *covariates,
                   guint               n_covariates,
                   const char * const *factors,
                   const char         *strata,
                   CoxInput           *input,
                   GError            **error)
{
  g_autoptr(GPtrArray) also = g_ptr_array_new ();
  g_autoptr(EpEndpointData) d = NULL;
  g_autofree EpDesignColumn *columns = g_new0 (EpDesignColumn, n_covariates);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) owned_levels = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_levels_free);

  for (guint j = 0; j < n_covariates; j++)
    g_ptr_array_add (also, (gpointer) covariates[j]);
  if (strata != NULL)
    g_ptr_array_add (also, (gpointer) strata);
  g_ptr_array_add (also, NULL);

  d = ep_cohort_resolve_endpoint (cohort, endpoint, (const char * const *) also->pdata, error);
  if (d == NULL)
    return FALSE;
  if (d->n == 0)
    return no_rows_error (d->n_dropped, error);

  for (guint j = 0; j < n_covariates; j++)
    {
      EpCohortColumn *column = find_column (cohort, _("Covariates"), covariates[j], error);
      EpColumnType type;

      if (column == NULL)
        return FALSE;
      type = ep_cohort_column_get_column_type (column);
      columns[j].name = covariates[j];
      if (type == EP_COLUMN_DATE)
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
                       _("Column “%s” holds dates; a covariate must be a number or a category"),
                       covariates[j]);
          return FALSE;
        }
      if (type == EP_COLUMN_NUMBER
          && (factors == NULL || !g_strv_contains (factors, covariates[j])))
        {
          double *numbers = ep_cohort_get_numbers (cohort, covariates[j], d->rows, d->n, error);

          if (numbers == NULL)
            return FALSE;
          g_ptr_array_add (owned, numbers);
          columns[j].kind = EP_DESIGN_NUMERIC;
          columns[j].numbers = numbers;
        }
      else
        {
          EpLevels *levels = ep_cohort_get_levels (cohort, covariates[j], d->rows, d->n, error);
          const char **strings;

          if (levels == NULL)
            return FALSE;
          g_ptr_array_add (owned_levels, levels);
          /* The texts point into the levels: no copy per cell. */
          strings = g_new (const char *, MAX (d->n, 1));
          for (guint i = 0; i < d->n; i++)
            strings[i] = levels->levels[levels->codes[i]];
          g_ptr_array_add (owned, strings);
          columns[j].kind = EP_DESIGN_FACTOR;
          columns[j].strings = strings;
        }
    }

  input->design = ep_design_new (columns, n_covariates, d->n, error);
  if (input->design == NULL)
    return FALSE;

  if (strata != NULL)
    {
      input->strata = ep_cohort_get_levels (cohort, strata, d->rows, d->n, error);
      if (input->strata == NULL)
        return FALSE;
    }

  input->n = d->n;
  input->n_dropped = d->n_dropped;
  input->time = g_steal_pointer (&d->time);
  input->status = g_steal_pointer (&d->event);

  return TRUE;
}

static gboolean
prepare_cox (Job        *job,
             EpAnalysis *self,
             EpCohort   *cohort,
             GError    **error)
{
  const Options *o = &self->options;
  EpCohortEndpoint *endpoint;
  const char * const *covariates = (const char * const *) o->covariates;
  const char * const *factors = (const char * const *) o->factors;

  endpoint = find_endpoint (cohort, o->endpoint, error);
  if (endpoint == NULL)
    return FALSE;
  if (covariates == NULL)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Choose at least one covariate"));
      return FALSE;
    }
  for (guint j = 0; covariates[j] != NULL; j++)
    if (find_column (cohort, _("Covariates"), covariates[j], error) == NULL)
      return FALSE;
  if (o->strata != NULL && find_column (cohort, _("Strata"), o->strata, error) == NULL)
    return FALSE;

  if (g_strcmp0 (o->ties, "breslow") == 0)
    job->ties = EP_COX_TIES_BRESLOW;
  else if (o->ties == NULL || strcmp (o->ties, "efron") == 0)
    job->ties = EP_COX_TIES_EFRON;
  else
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Ties must be Efron or Breslow, not “%s”"), o->ties);
      return FALSE;
    }

  job->n_covariates = g_strv_length (o->covariates);
  job->covariates = g_strdupv (o->covariates);
  if (!prepare_cox_input (cohort, endpoint, covariates, job->n_covariates, factors, o->strata,
                          &job->multi, error))
    return FALSE;

  job->n = job->multi.n;
  job->n_dropped = job->multi.n_dropped;
  job->time_unit = g_strdup (ep_time_unit_to_string (ep_cohort_endpoint_get_unit (endpoint)));

  /* Univariate models: each covariate on the rows that have it (and the strata). */
  job->uni = g_new0 (CoxInput, job->n_covariates);
  job->uni_error = g_new0 (char *, job->n_covariates);
  for (guint j = 0; j < job->n_covariates; j++)
    {
      g_autoptr(GError) local_error = NULL;

      if (job->n_covariates == 1)
        break;   /* the univariate model is the multivariable one */
      if (!prepare_cox_input (cohort, endpoint, &covariates[j], 1, factors, o->strata,
                              &job->uni[j], &local_error))
        job->uni_error[j] = g_strdup (local_error->message);
    }

  return TRUE;
}

static gboolean
prepare_competing_risks (Job        *job,
                         EpAnalysis *self,
                         EpCohort   *cohort,
                         GError    **error)
{
  const Options *o = &self->options;
  const char *names[3] = { o->time, o->status, o->group };
  const char *censor = o->censor != NULL ? o->censor : "0";
  EpCohortColumn *time_column;
  g_autofree guint *rows = NULL;
  g_autoptr(EpLevels) status = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree int *code_of_level = NULL;
  int censor_level;
  guint n, n_dropped;
  int next_code = 1;

  time_column = find_column (cohort, _("Time"), o->time, error);
  if (time_column == NULL)
    return FALSE;
  if (ep_cohort_column_get_column_type (time_column) != EP_COLUMN_NUMBER)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
                   _("The time column “%s” must hold numbers"), o->time);
      return FALSE;
    }
  if (find_column (cohort, _("Status"), o->status, error) == NULL)
    return FALSE;
  if (o->group != NULL && find_column (cohort, _("Group"), o->group, error) == NULL)
    return FALSE;

  rows = complete_rows (cohort, names, 3, &n, &n_dropped);
  if (n == 0)
    return no_rows_error (n_dropped, error);

  job->time = ep_cohort_get_numbers (cohort, o->time, rows, n, error);
  if (job->time == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!(job->time[i] >= 0.0))
      {
        g_autofree char *text = ep_value_format_number (job->time[i]);

        g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
                     _("row %u: column “%s”: %s is negative; a time must be 0 or more"),
                     rows[i] + 1, o->time, text);
        return FALSE;
      }

  /* Causes: every status value but the censoring one, in level order, coded 1, 2, ... */
  status = ep_cohort_get_levels (cohort, o->status, rows, n, error);
  if (status == NULL)
    return FALSE;
  censor_level = ep_levels_find (status, censor);
  code_of_level = g_new (int, status->n_levels + 1);
  for (guint l = 0; l < status->n_levels; l++)
    {
      if ((int) l == censor_level)
        code_of_level[l] = 0;
      else
        {
          code_of_level[l] = next_code++;
          g_ptr_array_add (labels, g_strdup (status->levels[l]));
        }
    }
  g_ptr_array_add (labels, NULL);
  job->status = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    job->status[i] = code_of_level[status->codes[i]];
  job->cause_labels = (char **) g_ptr_array_free (g_steal_pointer (&labels), FALSE);

  if (o->group != NULL)
    {
      job->groups = ep_cohort_get_levels (cohort, o->group, rows, n, error);
      if (job->groups == NULL)
        return FALSE;
    }

  job->n = n;
  job->n_dropped = n_dropped;

  return TRUE;
}

static gboolean
prepare_response (Job        *job,
                  EpAnalysis *self,
                  EpCohort   *cohort,
                  GError    **error)
{
  const Options *o = &self->options;
  const char *names[2] = { o->outcome, o->group };
  g_autofree guint *rows = NULL;
  g_autoptr(EpLevels) outcome = NULL;
  g_autofree gboolean *level_success = NULL;
  guint n, n_dropped;

  if (find_column (cohort, _("Outcome"), o->outcome, error) == NULL)
    return FALSE;
  if (o->group != NULL && find_column (cohort, _("Group"), o->group, error) == NULL)
    return FALSE;
  if (o->success == NULL)
    {
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("Choose the outcome values that count as a response"));
      return FALSE;
    }

  rows = complete_rows (cohort, names, 2, &n, &n_dropped);
  if (n == 0)
    return no_rows_error (n_dropped, error);

  outcome = ep_cohort_get_levels (cohort, o->outcome, rows, n, error);
  if (outcome == NULL)
    return FALSE;
  level_success = g_new0 (gboolean, outcome->n_levels + 1);
  for (guint k = 0; o->success[k] != NULL; k++)
    {
      int l = ep_levels_find (outcome, o->success[k]);

      /* A typo must not silently count nobody. */
      if (l < 0)
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                       _("“%s” is not a value of column “%s”"), o->success[k], o->outcome);
          return FALSE;
        }
      level_success[l] = TRUE;
    }

  job->success = g_new (gboolean, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    job->success[i] = level_success[outcome->codes[i]];

  if (o->group != NULL)
    {
      job->groups = ep_cohort_get_levels (cohort, o->group, rows, n, error);
      if (job->groups == NULL)
        return FALSE;
    }

  job->n = n;
  job->n_dropped = n_dropped;

  return TRUE;
}

/* Progress, from the worker to the main thread. */

typedef struct
{
  EpAnalysis *analysis;
  double      progress;
} ProgressUpdate;

static gboolean
progress_idle_cb (gpointer data)
{
  ProgressUpdate *update = data;

  if (update->analysis->running && update->progress > update->analysis->progress)
    {
      update->analysis->progress = update->progress;
      g_object_notify_by_pspec (G_OBJECT (update->analysis), properties[PROP_PROGRESS]);
    }

  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->analysis);
  g_free (update);
}

static void
report_progress (Job    *job,
                 double  progress)
{
  ProgressUpdate *update = g_new (ProgressUpdate, 1);

  update->analysis = g_object_ref (job->analysis);
  update->progress = progress;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_idle_cb, update,
                              progress_update_free);
}

/* Formatting of the tables. */

/* Times and ratios with three significant digits, whole numbers from 1000 on. */
static char *
format_value (double x)
{
  if (isnan (x))
    return g_strdup ("NA");
  if (isinf (x))
    return g_strdup (x > 0 ? "Inf" : "-Inf");
  if (fabs (x) >= 1000.0)
    return g_strdup_printf ("%.0f", x);

  return g_strdup_printf ("%.3g", x);
}

static char *
format_p (double p)
{
  if (isnan (p))
    return g_strdup ("NA");
  if (p < 0.001)
    return g_strdup ("<0.001");

  return g_strdup_printf ("%.3f", p);
}

/* Hazard ratios with two decimals, as tables in journals (Table 3 of seed 002): 2.50, 0.59. */
static char *
format_ratio (double x)
{
  if (!isfinite (x))
    return format_value (x);
  if (x < 0.01)
    return g_strdup_printf ("%.2g", x);

  return g_strdup_printf ("%.2f", x);
}

static char *
format_ratio_ci (double hr,
                 double lower,
                 double upper)
{
  g_autofree char *e = format_ratio (hr);
  g_autofree char *l = format_ratio (lower);
  g_autofree char *u = format_ratio (upper);

  return g_strdup_printf ("%s (%s–%s)", e, l, u);
}

/* "31 (18–NR)": not reached is NR */
static char *
format_estimate_ci (double estimate,
                    double lower,
                    double upper,
                    gboolean nr)
{
  g_autofree char *e = isnan (estimate) && nr ? g_strdup (C_("median", "NR")) : format_value (estimate);
  g_autofree char *l = isnan (lower) && nr ? g_strdup (C_("median", "NR")) : format_value (lower);
  g_autofree char *u = isnan (upper) && nr ? g_strdup (C_("median", "NR")) : format_value (upper);

  return g_strdup_printf ("%s (%s–%s)", e, l, u);
}

/* A proportion as a percentage with its interval: "83.3% (65.3–94.4)". */
static char *
format_percent_ci (double p,
                   double lower,
                   double upper)
{
  if (isnan (p))
    return g_strdup ("NA");
  if (isnan (lower) || isnan (upper))
    return g_strdup_printf ("%.1f%%", 100.0 * p);

  return g_strdup_printf ("%.1f%% (%.1f–%.1f)", 100.0 * p, 100.0 * lower, 100.0 * upper);
}

static EpResultTable *
table_new (const char *title,
           ...)
{
  EpResultTable *table = g_new0 (EpResultTable, 1);
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  va_list args;
  const char *cell;

  table->title = g_strdup (title);
  va_start (args, title);
  while ((cell = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (header, cell);
  va_end (args);
  table->header = g_strv_builder_end (header);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  return table;
}

/* Appends a row; the cells are taken (g_free'd strings), n of them. */
static void
table_add_row (EpResultTable *table,
               GPtrArray     *cells)
{
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (table->rows, g_ptr_array_free (cells, FALSE));
}

static const char *
group_label (const EpLevels *groups,
             guint           g)
{
  return groups != NULL ? groups->levels[g] : _("All patients");
}

static char *
dropped_note (guint n,
              guint n_dropped)
{
  if (n_dropped == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u patient", "%u patients", n), n);

  /* TRANSLATORS: "28 patients; 2 dropped for missing values" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u patients; %u dropped for a missing value",
                                       "%u patients; %u dropped for missing values",
                                       n_dropped),
                          n, n_dropped);
}

static void
tables_survival (Job     *job,
                 Results *r)
{
  EpResultTable *table;
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  g_autofree char *median_header = NULL;

  table = g_new0 (EpResultTable, 1);
  table->title = g_strdup (_("Kaplan-Meier estimates"));
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_strv_builder_add (header, _("Group"));
  g_strv_builder_add (header, _("n"));
  g_strv_builder_add (header, _("Events"));
  /* TRANSLATORS: "Median, weeks (95% CI)" */
  median_header = g_strdup_printf (_("Median, %s (%g%% CI)"), r->time_unit, 100.0 * job->conf_level);
  g_strv_builder_add (header, median_header);
  for (guint a = 0; a < job->n_landmarks; a++)
    {
      g_autofree char *t = format_value (job->landmarks[a]);
      /* TRANSLATORS: "At 52 weeks (95% CI)": the survival rate at a landmark time */
      g_autofree char *h = g_strdup_printf (_("At %s %s (%g%% CI)"), t, r->time_unit,
                                            100.0 * job->conf_level);

      g_strv_builder_add (header, h);
    }
  table->header = g_strv_builder_end (header);

  for (guint g = 0; g < r->km->n_groups; g++)
    {
      const EpKmCurve *curve = &r->km->curves[g];
      GPtrArray *cells = g_ptr_array_new ();

      g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
      g_ptr_array_add (cells, g_strdup_printf ("%u", curve->n));
      g_ptr_array_add (cells, g_strdup_printf ("%u", curve->events));
      g_ptr_array_add (cells, format_estimate_ci (curve->median, curve->median_lower,
                                                  curve->median_upper, TRUE));
      for (guint a = 0; a < curve->n_at; a++)
        g_ptr_array_add (cells, format_percent_ci (curve->at[a].surv, curve->at[a].lower,
                                                   curve->at[a].upper));
      table_add_row (table, cells);
    }
  table->note = dropped_note (r->n, r->n_dropped);
  g_ptr_array_add (r->tables, table);

  if (r->logrank != NULL)
    {
      GPtrArray *cells;
      g_autofree char *title = NULL;

      if (job->rho == 0.0)
        title = g_strdup (_("Log-rank test"));
      else
        title = g_strdup_printf (_("G-rho test, rho = %g"), job->rho);
      table = table_new (title, _("Group"), _("n"), _("Observed"), _("Expected"), NULL);
      for (guint g = 0; g < r->logrank->n_groups; g++)
        {
          cells = g_ptr_array_new ();
          g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
          g_ptr_array_add (cells, g_strdup_printf ("%u", r->logrank->n[g]));
          g_ptr_array_add (cells, format_value (r->logrank->observed[g]));
          g_ptr_array_add (cells, format_value (r->logrank->expected[g]));
          table_add_row (table, cells);
        }
      {
        g_autofree char *chisq = format_value (r->logrank->chisq);
        g_autofree char *p = format_p (r->logrank->p);

        /* TRANSLATORS: "Chi-square 3.4 on 1 df, p = 0.065" */
        table->note = g_strdup_printf (_("Chi-square %s on %u df, p = %s"), chisq,
                                       r->logrank->df, p);
      }
      g_ptr_array_add (r->tables, table);
    }
}

static void
tables_cox (Job     *job,
            Results *r)
{
  g_autofree char *uni_header = g_strdup_printf (_("Univariable HR (%g%% CI)"), 100.0 * job->conf_level);
  g_autofree char *multi_header = g_strdup_printf (_("Multivariable HR (%g%% CI)"), 100.0 * job->conf_level);
  EpResultTable *table = table_new (_("Cox proportional hazards"), _("Factor"), uni_header,
                                    _("p"), multi_header, _("p"), NULL);
  const EpDesign *design = r->design;
  g_autoptr(GString) note = g_string_new (NULL);

  for (guint t = 0; t < design->p; t++)
    {
      GPtrArray *cells = g_ptr_array_new ();
      guint j = design->term_column[t];
      const EpCoxFit *uni = r->n_covariates == 1 ? r->cox : r->uni[j];
      const EpDesign *uni_design = r->n_covariates == 1 ? r->design : r->uni_design[j];
      int u = -1;
      g_autofree char *label = NULL;

      /* The column's own name, not "sex=M". */
      if (design->term_levels[t] != NULL)
        label = g_strdup_printf (_("%s: %s vs %s"), design->levels[j] != NULL ? job->covariates[j] : "",
                                 design->term_levels[t], design->levels[j]->levels[0]);
      else
        label = g_strdup (design->term_names[t]);
      g_ptr_array_add (cells, g_steal_pointer (&label));

      if (uni != NULL && uni_design != NULL)
        for (guint k = 0; k < uni_design->p; k++)
          if (g_strcmp0 (uni_design->term_names[k], design->term_names[t]) == 0)
            u = k;
      if (u >= 0)
        {
          g_ptr_array_add (cells, format_ratio_ci (uni->hr[u], uni->hr_lower[u], uni->hr_upper[u]));
          g_ptr_array_add (cells, format_p (uni->p_value[u]));
        }
      else
        {
          g_ptr_array_add (cells, g_strdup ("—"));
          g_ptr_array_add (cells, g_strdup ("—"));
        }
      g_ptr_array_add (cells, format_ratio_ci (r->cox->hr[t], r->cox->hr_lower[t], r->cox->hr_upper[t]));
      g_ptr_array_add (cells, format_p (r->cox->p_value[t]));
      table_add_row (table, cells);
    }

  {
    g_autofree char *dropped = dropped_note (r->n, r->n_dropped);

    g_string_append_printf (note, _("Multivariable model: %s, %u events"), dropped,
                            (guint) r->cox->n_events);
  }
  for (guint j = 0; j < r->n_covariates; j++)
    if (r->uni_error != NULL && r->uni_error[j] != NULL)
      {
        g_string_append (note, "\n");
        g_string_append_printf (note, _("Univariable model of %s: %s"), job->covariates[j],
                                r->uni_error[j]);
      }
  table->note = g_string_free (g_steal_pointer (&note), FALSE);
  g_ptr_array_add (r->tables, table);

  table = table_new (_("Multivariable model tests"), _("Test"), _("Chi-square"), _("df"), _("p"), NULL);
  {
    const char *names[3] = { _("Likelihood ratio"), _("Wald"), _("Score (log-rank)") };
    double chisq[3] = { r->cox->lr_chisq, r->cox->wald_chisq, r->cox->score_chisq };
    double p[3] = { r->cox->lr_p, r->cox->wald_p, r->cox->score_p };

    for (guint k = 0; k < 3; k++)
      {
        GPtrArray *cells = g_ptr_array_new ();

        g_ptr_array_add (cells, g_strdup (names[k]));
        g_ptr_array_add (cells, format_value (chisq[k]));
        g_ptr_array_add (cells, g_strdup_printf ("%u", r->cox->df));
        g_ptr_array_add (cells, format_p (p[k]));
        table_add_row (table, cells);
      }
  }
  {
    g_autofree char *c = g_strdup_printf ("%.3f", r->cox->concordance);
    g_autofree char *se = g_strdup_printf ("%.3f", r->cox->concordance_se);

    table->note = g_strdup_printf (_("Concordance %s (SE %s); ties: %s"), c, se,
                                   job->ties == EP_COX_TIES_EFRON ? "Efron" : "Breslow");
  }
  g_ptr_array_add (r->tables, table);
}

static void
tables_competing_risks (Job     *job,
                        Results *r)
{
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  EpResultTable *table = g_new0 (EpResultTable, 1);
  double z = gsl_cdf_ugaussian_Pinv ((1.0 + job->conf_level) / 2.0);

  table->title = g_strdup (_("Cumulative incidence"));
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_strv_builder_add (header, _("Group"));
  g_strv_builder_add (header, _("Cause"));
  g_strv_builder_add (header, _("n"));
  g_strv_builder_add (header, _("Events"));
  for (guint a = 0; a < job->n_landmarks; a++)
    {
      g_autofree char *t = format_value (job->landmarks[a]);
      /* TRANSLATORS: the cumulative incidence at a landmark time: "At 12 (95% CI)" */
      g_autofree char *h = g_strdup_printf (_("At %s (%g%% CI)"), t, 100.0 * job->conf_level);

      g_strv_builder_add (header, h);
    }
  table->header = g_strv_builder_end (header);

  for (guint g = 0; g < r->cif->n_groups; g++)
    for (guint c = 0; c < r->cif->n_causes; c++)
      {
        const EpCifCurve *curve = ep_cif_result_get_curve (r->cif, g, c);
        GPtrArray *cells = g_ptr_array_new ();

        g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
        g_ptr_array_add (cells, g_strdup (r->cause_labels[c]));
        g_ptr_array_add (cells, g_strdup_printf ("%u", r->cif->n[g]));
        g_ptr_array_add (cells, g_strdup_printf ("%u", curve->n_events));
        for (guint a = 0; a < job->n_landmarks; a++)
          {
            double f, v, lower = NAN, upper = NAN;

            if (!ep_cif_curve_at (curve, job->landmarks[a], &f, &v))
              {
                g_ptr_array_add (cells, g_strdup ("NA"));
                continue;
              }
            /* The interval on log(-log F), as tidycmprsk and Stata's stcompet do: it stays
             * within (0, 1). */
            if (f > 0.0 && f < 1.0 && v >= 0.0)
              {
                double w = z * sqrt (v) / (f * log (f));

                lower = pow (f, exp (-w));
                upper = pow (f, exp (w));
              }
            g_ptr_array_add (cells, format_percent_ci (f, lower, upper));
          }
        table_add_row (table, cells);
      }
  {
    g_autofree char *dropped = dropped_note (r->n, r->n_dropped);

    table->note = g_strdup_printf (_("%s; intervals on the log(−log) scale"), dropped);
  }
  g_ptr_array_add (r->tables, table);

  if (r->gray != NULL)
    {
      g_autofree char *title = job->rho == 0.0 ? g_strdup (_("Gray's test"))
                                               : g_strdup_printf (_("Gray's test, rho = %g"), job->rho);

      table = table_new (title, _("Cause"), _("Statistic"), _("df"), _("p"), NULL);
      for (guint c = 0; c < r->gray->n_causes; c++)
        {
          GPtrArray *cells = g_ptr_array_new ();

          g_ptr_array_add (cells, g_strdup (r->cause_labels[c]));
          g_ptr_array_add (cells, format_value (r->gray->causes[c].stat));
          g_ptr_array_add (cells, g_strdup_printf ("%u", r->gray->causes[c].df));
          g_ptr_array_add (cells, format_p (r->gray->causes[c].p));
          table_add_row (table, cells);
        }
      g_ptr_array_add (r->tables, table);
    }
}

static void
tables_response (Job     *job,
                 Results *r)
{
  g_autofree char *pct_header = g_strdup_printf (_("%% (%g%% CI, Clopper-Pearson)"), 100.0 * job->conf_level);
  EpResultTable *table = table_new (_("Response"), _("Group"), _("n"), _("Responders"),
                                    pct_header, NULL);
  const EpResponse *response = r->response;
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *dropped = dropped_note (r->n, r->n_dropped);

  for (guint g = 0; g < response->n_groups; g++)
    {
      const EpResponseGroup *group = &response->groups[g];
      GPtrArray *cells = g_ptr_array_new ();

      g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
      g_ptr_array_add (cells, g_strdup_printf ("%u", group->n));
      g_ptr_array_add (cells, g_strdup_printf ("%u", group->successes));
      g_ptr_array_add (cells, format_percent_ci (group->pct / 100.0, group->lower, group->upper));
      table_add_row (table, cells);
    }

  g_string_append (note, dropped);
  if (response->n_groups >= 2 && !isnan (response->fisher_p))
    {
      g_autofree char *fisher = format_p (response->fisher_p);
      g_autofree char *chisq = format_value (response->chisq);
      g_autofree char *chisq_p = format_p (response->chisq_p);

      g_string_append (note, "\n");
      /* Fisher's exact test for 2 x k; the chi-square is shown beside it, with R's caveat. */
      g_string_append_printf (note, _("Fisher's exact test: p = %s"), fisher);
      g_string_append (note, "\n");
      g_string_append_printf (note, _("Chi-square %s on %u df, p = %s"), chisq,
                              response->chisq_df, chisq_p);
      if (response->chisq_small_expected)
        g_string_append_printf (note, " (%s)", _("an expected count is below 5: prefer Fisher's test"));
    }
  table->note = g_string_free (g_steal_pointer (&note), FALSE);
  g_ptr_array_add (r->tables, table);
}

/* The worker. */

static gboolean
check_cancel (GTask *task,
              Job   *job)
{
  return g_task_return_error_if_cancelled (task);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  Results *r = results_new ();
  g_autoptr(GError) error = NULL;
  guint n_groups = job->groups != NULL ? job->groups->n_levels : 1;
  const guint *codes = job->groups != NULL ? job->groups->codes : NULL;

  job->results = r;
  r->n = job->n;
  r->n_dropped = job->n_dropped;
  r->time_unit = g_strdup (job->time_unit != NULL ? job->time_unit : "");

  switch (job->kind)
    {
    case EP_ANALYSIS_SURVIVAL:
      r->km = ep_km_fit (job->time, job->status, codes, n_groups, job->n, job->conf_type,
                         job->conf_level, job->landmarks, job->n_landmarks, &error);
      if (r->km == NULL)
        goto failed;
      report_progress (job, 0.5);
      if (check_cancel (task, job))
        return;
      if (job->groups != NULL && job->groups->n_levels >= 2)
        {
          r->logrank = ep_logrank_test (job->time, job->status, codes, n_groups, NULL, 1,
                                        job->n, job->rho, &error);
          if (r->logrank == NULL)
            {
              /* One group left after dropping missing values: the curves stand alone. */
              g_ptr_array_add (r->warnings, g_strdup (error->message));
              g_clear_error (&error);
            }
        }
      break;

    case EP_ANALYSIS_COX:
      {
        EpCoxOptions options;
        guint n_steps = job->n_covariates + 1;

        ep_cox_options_init (&options);
        options.ties = job->ties;
        options.conf_level = job->conf_level;
        options.cancel = &job->cancel;

        options.term_names = (const char * const *) job->multi.design->term_names;
        r->cox = ep_cox_fit (job->multi.n, NULL, job->multi.time, job->multi.status,
                             job->multi.design->x, job->multi.design->p,
                             job->multi.strata != NULL ? job->multi.strata->codes : NULL,
                             job->multi.strata != NULL ? job->multi.strata->n_levels : 0,
                             &options, &error);
        if (r->cox == NULL)
          goto failed;
        for (guint k = 0; r->cox->warnings[k] != NULL; k++)
          g_ptr_array_add (r->warnings, g_strdup (r->cox->warnings[k]));
        r->design = g_steal_pointer (&job->multi.design);
        report_progress (job, 1.0 / n_steps);

        r->n_covariates = job->n_covariates;
        r->uni = g_new0 (EpCoxFit *, job->n_covariates);
        r->uni_design = g_new0 (EpDesign *, job->n_covariates);
        r->uni_error = g_new0 (char *, job->n_covariates);
        for (guint j = 0; j < job->n_covariates && job->n_covariates > 1; j++)
          {
            CoxInput *in = &job->uni[j];
            g_autoptr(GError) local_error = NULL;

            if (check_cancel (task, job))
              return;
            if (job->uni_error[j] != NULL)
              {
                r->uni_error[j] = g_strdup (job->uni_error[j]);
                continue;
              }
            options.term_names = (const char * const *) in->design->term_names;
            r->uni[j] = ep_cox_fit (in->n, NULL, in->time, in->status, in->design->x,
                                    in->design->p, in->strata != NULL ? in->strata->codes : NULL,
                                    in->strata != NULL ? in->strata->n_levels : 0,
                                    &options, &local_error);
            if (r->uni[j] == NULL)
              {
                if (g_error_matches (local_error, EP_COX_ERROR, EP_COX_ERROR_CANCELLED))
                  {
                    g_task_return_error (task, g_steal_pointer (&local_error));
                    return;
                  }
                r->uni_error[j] = g_strdup (local_error->message);
              }
            else
              r->uni_design[j] = g_steal_pointer (&in->design);
            report_progress (job, (j + 2.0) / n_steps);
          }
      }
      break;

    case EP_ANALYSIS_COMPETING_RISKS:
      r->cif = ep_cif_fit (job->time, job->status, codes, n_groups, job->n, &error);
      if (r->cif == NULL)
        goto failed;
      r->cause_labels = g_strdupv (job->cause_labels);
      if (r->cif->n_causes == 0)
        {
          g_set_error (&error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_DATA,
                       _("Every patient is censored: there is no event of any cause"));
          goto failed;
        }
      report_progress (job, 0.5);
      if (check_cancel (task, job))
        return;
      if (job->groups != NULL && job->groups->n_levels >= 2)
        {
          r->gray = ep_gray_test (job->time, job->status, codes, n_groups, NULL, 1, job->n,
                                  job->rho, &error);
          if (r->gray == NULL)
            {
              g_ptr_array_add (r->warnings, g_strdup (error->message));
              g_clear_error (&error);
            }
        }
      break;

    case EP_ANALYSIS_RESPONSE:
      r->response = ep_response_fit (job->success, codes, job->n, n_groups, job->conf_level, &error);
      if (r->response == NULL)
        goto failed;
      break;

    default:
      g_assert_not_reached ();
    }

  if (check_cancel (task, job))
    return;

  r->groups = g_steal_pointer (&job->groups);
  switch (job->kind)
    {
    case EP_ANALYSIS_SURVIVAL:        tables_survival (job, r); break;
    case EP_ANALYSIS_COX:             tables_cox (job, r); break;
    case EP_ANALYSIS_COMPETING_RISKS: tables_competing_risks (job, r); break;
    case EP_ANALYSIS_RESPONSE:        tables_response (job, r); break;
    default:                          g_assert_not_reached ();
    }
  report_progress (job, 1.0);

  g_task_return_boolean (task, TRUE);
  return;

failed:
  if (g_error_matches (error, EP_COX_ERROR, EP_COX_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
    }
  g_task_return_error (task, g_steal_pointer (&error));
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
      case EP_ANALYSIS_SURVIVAL:        ok = prepare_survival (job, self, cohort, &error); break;
      case EP_ANALYSIS_COX:             ok = prepare_cox (job, self, cohort, &error); break;
      case EP_ANALYSIS_COMPETING_RISKS: ok = prepare_competing_risks (job, self, cohort, &error); break;
      case EP_ANALYSIS_RESPONSE:        ok = prepare_response (job, self, cohort, &error); break;
      default:                          g_assert_not_reached ();
      }

  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (cancellable != NULL)
    {
      job->cancellable = g_object_ref (cancellable);
      job->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), job, NULL);
    }

  ep_analysis_set_running (self, TRUE);
  g_task_set_task_data (task, g_steal_pointer (&job), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_thread);
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

  g_clear_pointer (&self->results, results_free);
  self->results = g_steal_pointer (&job->results);
  g_ptr_array_add (self->results->warnings, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_RESULTS]);

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

const EpGrayResult *
ep_analysis_get_gray (EpAnalysis *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS (self), NULL);

  return self->results != NULL ? self->results->gray : NULL;
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
