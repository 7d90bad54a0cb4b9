/* ep-evidence-forest.c: a forest plot of catalog arms with options
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each arm contributes x/N: N the outcome's denominator (or the arm's n when it counts enrolled
 * patients, or round (n × CR%) responders: ep_evidence_outcome_total()), x the numerator or
 * round (value × N / 100), as
 * ep-meta-input does for the CR forest. The pooling is ep_meta_pool() on the logit scale,
 * metafor rma (measure = "PLO", method = ..., test = "knha" for Knapp-Hartung); subgroups are
 * the distinct values of the chosen field in sorted order (each pooled with its own tau^2, as
 * rma on each subset). tests/data/reference/evidence-forest.R computes the reference numbers.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/ep-result-json.h"
#include "model/ep-catalog.h"
#include "model/ep-comparability.h"
#include "model/ep-evidence-forest.h"
#include "model/ep-evidence-two-arm.h"
#include "model/ep-evidence.h"
#include "model/ep-figure-private.h"
#include "model/ep-meta-input.h"
#include "model/ep-trial.h"

static const char * const subgroup_fields[] = {
  "none", "class", "population", "setting", "definition", "denominator", NULL
};
static const char * const outcome_keys[] = { "cr", "mrd", "relapse", "hsct", NULL };

const char * const *
ep_evidence_forest_subgroup_fields (void)
{
  return subgroup_fields;
}

const char * const *
ep_evidence_forest_outcomes (void)
{
  return outcome_keys;
}

void
ep_evidence_forest_options_init (EpEvidenceForestOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->outcome = "cr";
  options->method = EP_META_METHOD_DL;
  options->level = 0.95;
  options->show_overall = TRUE;
  options->sort = EP_EVIDENCE_SORT_SELECTION;
  options->x_min = NAN;
  options->x_max = NAN;
}

static const EpCatalogOutcome *
outcome_of (const EpCatalogRecord *record,
            const char            *key)
{
  if (strcmp (key, "mrd") == 0)
    return record->mrd_negative;
  if (strcmp (key, "relapse") == 0)
    return record->relapse;
  if (strcmp (key, "hsct") == 0)
    return record->hsct;
  return record->cr;
}

/* The outcome's name as a msgid (the figure writes it in its own language). */
static const char *
outcome_msgid (const char *key)
{
  if (strcmp (key, "mrd") == 0)
    return N_("MRD-negative");
  if (strcmp (key, "relapse") == 0)
    return N_("Relapse");
  if (strcmp (key, "hsct") == 0)
    return N_("Consolidative HSCT");
  return N_("Complete remission");
}

static const char *
outcome_title (const char *key)
{
  return _(outcome_msgid (key));
}

static const char not_stated[] = N_("not stated");

static const char *
subgroup_value (const EpCatalogRecord  *record,
                const EpCatalogOutcome *outcome,
                const char             *field)
{
  const char *value = NULL;

  if (strcmp (field, "class") == 0)
    value = ep_drug_class_to_string (record->drug_class);
  else if (strcmp (field, "population") == 0)
    value = ep_trial_population_to_string (record->population);
  else if (strcmp (field, "setting") == 0)
    value = ep_trial_setting_to_string (record->setting);
  else if (strcmp (field, "definition") == 0)
    value = outcome->definition->response;
  else if (strcmp (field, "denominator") == 0)
    value = outcome->denominator_kind;

  /* a msgid: the heading is written in the figure's language (fix_headings()) */
  return value != NULL ? value : not_stated;
}

typedef struct
{
  char        *label;
  guint        events;
  guint        total;
  const char  *group;
  double       proportion;
  guint        index;
} Arm;

static void
arm_clear (gpointer data)
{
  g_free (((Arm *) data)->label);
}

static EpEvidenceSort sort_kind;

static int
compare_arms_by (gconstpointer a,
                 gconstpointer b)
{
  const Arm *x = a, *y = b;

  switch (sort_kind)
    {
    case EP_EVIDENCE_SORT_NAME:
      return g_utf8_collate (x->label, y->label);
    case EP_EVIDENCE_SORT_EFFECT:
      return (x->proportion > y->proportion) - (x->proportion < y->proportion);
    case EP_EVIDENCE_SORT_SIZE:
      return (x->total < y->total) - (x->total > y->total);
    case EP_EVIDENCE_SORT_SELECTION:
    default:
      return 0;
    }
}

/* ties keep the selection's order (g_array_sort is not stable) */
static int
compare_arms (gconstpointer a,
              gconstpointer b)
{
  int order = compare_arms_by (a, b);

  if (order != 0)
    return order;
  return (((const Arm *) a)->index > ((const Arm *) b)->index) -
         (((const Arm *) a)->index < ((const Arm *) b)->index);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static const char * const method_names[] = {
  [EP_META_METHOD_FE] = "FE", [EP_META_METHOD_DL] = "DL", [EP_META_METHOD_REML] = "REML",
  [EP_META_METHOD_PM] = "PM", [EP_META_METHOD_SJ] = "SJ", [EP_META_METHOD_ML] = "ML",
  [EP_META_METHOD_GLMM] = "GLMM",
};

const char *
ep_evidence_forest_method_to_string (EpMetaMethod method)
{
  g_return_val_if_fail (method < G_N_ELEMENTS (method_names), "DL");

  return method_names[method];
}

gboolean
ep_evidence_forest_method_from_string (const char   *text,
                                       EpMetaMethod *method)
{
  for (guint m = 0; text != NULL && m < G_N_ELEMENTS (method_names); m++)
    if (g_ascii_strcasecmp (text, method_names[m]) == 0)
      {
        *method = (EpMetaMethod) m;
        return TRUE;
      }
  return FALSE;
}

const char *
ep_evidence_forest_method_msgid (EpMetaMethod method)
{
  switch (method)
    {
    case EP_META_METHOD_FE:
      return N_("fixed effect (inverse variance)");
    case EP_META_METHOD_REML:
      return N_("random effects, REML");
    case EP_META_METHOD_PM:
      return N_("random effects, Paule-Mandel");
    case EP_META_METHOD_SJ:
      return N_("random effects, Sidik-Jonkman");
    case EP_META_METHOD_ML:
      return N_("random effects, maximum likelihood");
    case EP_META_METHOD_GLMM:
      return N_("random effects, GLMM (random-intercept logistic model)");
    case EP_META_METHOD_DL:
    default:
      return N_("random effects, DerSimonian-Laird");
    }
}

const char *
ep_evidence_forest_method_title (EpMetaMethod method)
{
  return _(ep_evidence_forest_method_msgid (method));
}

/* "random effects, REML, Knapp-Hartung; logit-transformed proportions (metafor “PLO”);
 * Clopper-Pearson CIs per arm" with the level where it is not 95%, made when drawn */
static EpPlotPhrase *
method_phrase (const EpEvidenceForestOptions *options)
{
  EpPlotPhrase *title = ep_plot_phrase_msgid (ep_evidence_forest_method_msgid (options->method));
  EpPlotPhrase *model = options->knapp_hartung
                        /* TRANSLATORS: "random effects, REML, Knapp-Hartung" */
                        ? ep_plot_phrase_new (N_("%s, Knapp-Hartung"), title, NULL) : title;
  EpPlotPhrase *level;
  EpPlotPhrase *scale;

  if (fabs (options->level - 0.95) > 1e-9)
    /* TRANSLATORS: "; 90% confidence intervals" */
    level = ep_plot_phrase_new (N_("; %s%% confidence intervals"),
                                ep_plot_phrase_number (100.0 * options->level, -1), NULL);
  else
    level = ep_plot_phrase_text ("");
  scale = ep_plot_phrase_msgid (options->method == EP_META_METHOD_GLMM
                                /* the GLMM's likelihood is binomial: it needs no
                                 * transformation of each arm */
                                ? N_("binomial likelihood of the counts, 7-point adaptive quadrature (metafor rma.glmm)")
                                : N_("logit-transformed proportions (metafor “PLO”)"));

  /* TRANSLATORS: "Method: random effects, REML; logit-transformed proportions (metafor “PLO”);
   * Clopper-Pearson CIs per arm" */
  return ep_plot_phrase_new (N_("Method: %s; %s; Clopper-Pearson CIs per arm%s"), model, scale,
                             level, NULL);
}

static const char * const effect_names[] = { "proportion", "OR", "RR", "RD" };
static const char * const pooling_names[] = { "MH", "PETO", "IV" };

JsonObject *
ep_evidence_forest_options_to_json (const EpEvidenceForestOptions *options)
{
  JsonObject *saved = json_object_new ();

  g_return_val_if_fail (options != NULL, saved);

  json_object_set_string_member (saved, "method", ep_evidence_forest_method_to_string (options->method));
  json_object_set_boolean_member (saved, "knapp_hartung", options->knapp_hartung);
  json_object_set_double_member (saved, "level", options->level);
  json_object_set_boolean_member (saved, "prediction", options->prediction);
  json_object_set_boolean_member (saved, "show_overall", options->show_overall);
  json_object_set_int_member (saved, "sort", options->sort);
  json_object_set_string_member (saved, "effect", effect_names[options->effect]);
  json_object_set_string_member (saved, "pooling", pooling_names[options->pooling]);
  json_object_set_string_member (saved, "subgroup", options->subgroup != NULL ? options->subgroup : "none");
  if (!isnan (options->x_min))
    json_object_set_double_member (saved, "x_min", options->x_min);
  if (!isnan (options->x_max))
    json_object_set_double_member (saved, "x_max", options->x_max);
  return saved;
}

/* Members read only when they have the expected type, so that file data never reaches a
 * json-glib precondition; otherwise the default. */
static const char *
saved_string (JsonObject *saved,
              const char *member,
              const char *fallback)
{
  const char *text = ep_result_json_get_string (saved, member);

  return text != NULL ? text : fallback;
}

static double
saved_double (JsonObject *saved,
              const char *member,
              double      fallback)
{
  JsonNode *node = json_object_get_member (saved, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return fallback;
}

static gboolean
saved_boolean (JsonObject *saved,
               const char *member,
               gboolean    fallback)
{
  JsonNode *node = json_object_get_member (saved, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

void
ep_evidence_forest_options_from_json (JsonObject              *saved,
                                      EpEvidenceForestOptions *options)
{
  const char *text;
  double level, sort;

  g_return_if_fail (saved != NULL && options != NULL);

  if (!ep_evidence_forest_method_from_string (saved_string (saved, "method", "DL"), &options->method))
    options->method = EP_META_METHOD_DL;
  options->knapp_hartung = saved_boolean (saved, "knapp_hartung", FALSE);
  level = saved_double (saved, "level", 0.95);
  options->level = level > 0.0 && level < 1.0 ? level : 0.95;
  options->prediction = saved_boolean (saved, "prediction", FALSE);
  options->show_overall = saved_boolean (saved, "show_overall", TRUE);
  sort = saved_double (saved, "sort", 0.0);
  options->sort = sort >= 0.0 && sort <= EP_EVIDENCE_SORT_SIZE ? (EpEvidenceSort) sort
                                                                : EP_EVIDENCE_SORT_SELECTION;
  /* a known field is a static string; an unknown one points into the JSON, and
   * ep_evidence_forest_new() refuses it */
  text = saved_string (saved, "subgroup", "class");
  options->subgroup = text;
  for (guint i = 0; subgroup_fields[i] != NULL; i++)
    if (g_strcmp0 (text, subgroup_fields[i]) == 0)
      options->subgroup = subgroup_fields[i];
  options->x_min = saved_double (saved, "x_min", NAN);
  options->x_max = saved_double (saved, "x_max", NAN);
  text = saved_string (saved, "effect", "proportion");
  for (guint i = 0; i < G_N_ELEMENTS (effect_names); i++)
    if (g_strcmp0 (text, effect_names[i]) == 0)
      options->effect = (EpEvidenceEffect) i;
  text = saved_string (saved, "pooling", "MH");
  for (guint i = 0; i < G_N_ELEMENTS (pooling_names); i++)
    if (g_strcmp0 (text, pooling_names[i]) == 0)
      options->pooling = (EpEvidencePooling) i;
}

/* A note under the forest, written when drawn in the figure's language (phrase consumed). */
static void
add_note (EpForestPlot *forest,
          EpPlotPhrase *phrase)
{
  ep_forest_plot_add_phrase (forest, phrase);
}

/* A warning of the pooling in the figure's language (the core keeps its msgid and numbers). */
static EpPlotPhrase *
meta_warning_phrase (const EpMetaWarning *warning)
{
  EpPlotPhrase *sentence;

  if (warning->format == NULL)
    sentence = ep_plot_phrase_text (warning->text);
  else if (warning->n_args == 0)
    sentence = ep_plot_phrase_msgid (warning->format);
  else if (warning->n_args == 1)
    sentence = ep_plot_phrase_new (warning->format, ep_plot_phrase_uint (warning->args[0]), NULL);
  else if (warning->n_args == 2)
    sentence = ep_plot_phrase_new (warning->format, ep_plot_phrase_uint (warning->args[0]),
                                   ep_plot_phrase_uint (warning->args[1]), NULL);
  else
    sentence = ep_plot_phrase_new (warning->format, ep_plot_phrase_uint (warning->args[0]),
                                   ep_plot_phrase_uint (warning->args[1]),
                                   ep_plot_phrase_uint (warning->args[2]), NULL);

  if (warning->subgroup == NULL)
    return sentence;
  /* Translators: the first %s is a subgroup's name (a therapy class), the second a sentence */
  return ep_plot_phrase_new (N_("Subgroup “%s”: %s"), ep_plot_phrase_text (warning->subgroup),
                             sentence, NULL);
}

/* A subgroup's name: the catalog's value as it is, "not stated" in the figure's language. */
static EpPlotPhrase *
group_phrase (const char *group)
{
  return group == not_stated || g_strcmp0 (group, not_stated) == 0 ? ep_plot_phrase_msgid (group)
                                                                   : ep_plot_phrase_text (group);
}

static EpPlotPhrase *
prediction_phrase (EpPlotPhrase         *name,
                   const EpMetaEstimate *estimate)
{
  /* TRANSLATORS: "Prediction interval, CAR T: 52.1–97.3%" */
  return ep_plot_phrase_new (N_("Prediction interval, %s: %s–%s%%"), name,
                             ep_plot_phrase_number (100.0 * estimate->pi_lower, 1),
                             ep_plot_phrase_number (100.0 * estimate->pi_upper, 1), NULL);
}

/* "Overall heterogeneity, 95% Q-profile CI: τ² 0.12–1.45, I² 41–89%" (confint.rma.uni) */
static EpPlotPhrase *
heterogeneity_ci_phrase (const EpMetaPool *pool,
                         double            level)
{
  /* TRANSLATORS: "Overall heterogeneity, 95% Q-profile CI: τ² 0.12–1.45, I² 41–89%" */
  return ep_plot_phrase_new (N_("Overall heterogeneity, %s%% Q-profile CI: τ² %s–%s, I² %s–%s%%"),
                             ep_plot_phrase_number (100.0 * level, -1),
                             ep_plot_phrase_significant (pool->tau2_lb, 3),
                             ep_plot_phrase_significant (pool->tau2_ub, 3),
                             ep_plot_phrase_number (pool->i2_lb, 0),
                             ep_plot_phrase_number (pool->i2_ub, 0), NULL);
}

/* The heading rows of subgroups "not stated": in the figure's language. */
static void
fix_headings (EpForestPlot *forest)
{
  for (guint i = 0; i < forest->rows->len; i++)
    {
      EpForestRow *row = &g_array_index (forest->rows, EpForestRow, i);

      if (row->kind == EP_FOREST_ROW_HEADING && row->label_text == EP_FOREST_TEXT_AS_IS
          && g_strcmp0 (row->label, not_stated) == 0)
        {
          row->label_text = EP_FOREST_TEXT_PHRASE;
          row->phrase = ep_plot_phrase_msgid (not_stated);
        }
    }
}

EpFigure *
ep_evidence_forest_new (GPtrArray                     *trials,
                        const EpEvidenceForestOptions *options_in,
                        EpMetaResult                 **result_out,
                        GStrv                         *labels_out,
                        GStrv                         *groups_out,
                        GError                       **error)
{
  EpEvidenceForestOptions options;
  const char *key;
  const char *field;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GArray) arms = g_array_new (FALSE, TRUE, sizeof (Arm));
  g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_plot_phrase_unref);
  g_autoptr(GPtrArray) derived_arms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autofree guint *events = NULL;
  g_autofree guint *total = NULL;
  g_autofree guint *codes = NULL;
  g_autofree const char **labels = NULL;
  g_autoptr(EpMetaResult) result = NULL;
  g_autoptr(EpFigure) figure = NULL;
  EpMetaOptions meta_options;
  EpMetaData data = { 0 };
  EpForestPlot *forest;
  gboolean by_group;
  gboolean shared;

  g_return_val_if_fail (trials != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options_in != NULL)
    options = *options_in;
  else
    ep_evidence_forest_options_init (&options);
  key = options.outcome != NULL ? options.outcome : "cr";
  field = options.subgroup != NULL ? options.subgroup : "none";
  if (options.effect != EP_EVIDENCE_EFFECT_PROPORTION)
    {
      if (result_out != NULL)
        *result_out = NULL;
      if (labels_out != NULL)
        *labels_out = NULL;
      if (groups_out != NULL)
        *groups_out = NULL;
      return ep_evidence_two_arm_new (trials, &options, NULL, error);
    }
  if (!g_strv_contains (outcome_keys, key) || !g_strv_contains (subgroup_fields, field))
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                   _("Unknown outcome “%s” or subgroup field “%s”"), key, field);
      return NULL;
    }

  warnings = ep_comparability_check (trials, key);
  if (!ep_comparability_can_pool (warnings))
    {
      const EpComparabilityWarning *overlap = g_ptr_array_index (warnings, 0);

      g_set_error (error, EP_COMPARABILITY_ERROR, EP_COMPARABILITY_ERROR_OVERLAP,
                   "%s. %s.", overlap->message, overlap->remedy);
      return NULL;
    }

  g_array_set_clear_func (arms, arm_clear);
  for (guint i = 0; i < trials->len; i++)
    {
      EpTrial *trial = g_ptr_array_index (trials, i);
      const EpCatalogRecord *record = ep_trial_get_record (trial);
      const EpCatalogOutcome *outcome = outcome_of (record, key);
      gboolean derived = FALSE;
      int n = ep_evidence_outcome_total (record, outcome, &derived);
      Arm arm = { 0 };

      shared = FALSE;
      for (guint j = 0; j < trials->len; j++)
        shared |= j != i && g_strcmp0 (record->trial,
                                       ep_trial_get_trial (g_ptr_array_index (trials, j))) == 0;
      arm.label = shared ? g_strdup_printf ("%s: %s", ep_trial_get_trial_label (trial), record->arm)
                         : g_strdup (ep_trial_get_trial_label (trial));

      if (outcome == NULL || isnan (outcome->value) || n <= 0)
        {
          g_ptr_array_add (excluded, ep_plot_phrase_new (outcome == NULL || isnan (outcome->value)
                                                         ? N_("%s (not reported)")
                                                         : N_("%s (N not known)"),
                                                         ep_plot_phrase_text (arm.label), NULL));
          g_free (arm.label);
          continue;
        }

      if (derived)
        g_ptr_array_add (derived_arms, g_strdup (arm.label));
      arm.total = (guint) n;
      arm.events = outcome->numerator >= 0 ? (guint) outcome->numerator
                                           : (guint) round (outcome->value * n / 100.0);
      arm.events = MIN (arm.events, arm.total);
      arm.proportion = (double) arm.events / arm.total;
      arm.group = subgroup_value (record, outcome, field);
      arm.index = i;
      g_array_append_val (arms, arm);
    }

  if (arms->len == 0)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("None of the arms reports this outcome with its number of patients"));
      return NULL;
    }

  sort_kind = options.sort;
  g_array_sort (arms, compare_arms);

  /* subgroups: the distinct values, sorted */
  by_group = strcmp (field, "none") != 0;
  for (guint i = 0; by_group && i < arms->len; i++)
    {
      const char *group = g_array_index (arms, Arm, i).group;
      gboolean known = FALSE;

      for (guint g = 0; g < groups->len && !known; g++)
        known = strcmp (g_ptr_array_index (groups, g), group) == 0;
      if (!known)
        g_ptr_array_add (groups, (gpointer) group);
    }
  g_ptr_array_sort (groups, compare_strings);
  by_group = by_group && groups->len >= 2;

  events = g_new0 (guint, arms->len);
  total = g_new0 (guint, arms->len);
  codes = g_new0 (guint, arms->len);
  labels = g_new0 (const char *, arms->len + 1);
  for (guint i = 0; i < arms->len; i++)
    {
      const Arm *arm = &g_array_index (arms, Arm, i);

      events[i] = arm->events;
      total[i] = arm->total;
      labels[i] = arm->label;
      for (guint g = 0; by_group && g < groups->len; g++)
        if (strcmp (g_ptr_array_index (groups, g), arm->group) == 0)
          codes[i] = g;
    }
  g_ptr_array_add (groups, NULL);

  data.k = arms->len;
  data.measure = EP_META_MEASURE_LOGIT;
  data.events = events;
  data.total = total;
  if (by_group)
    {
      data.subgroup = codes;
      data.n_subgroups = groups->len - 1;
      data.subgroup_names = (const char * const *) groups->pdata;
    }
  ep_meta_options_init (&meta_options);
  if (!(options.level > 0.0 && options.level < 1.0))
    options.level = 0.95;
  options.knapp_hartung = options.knapp_hartung && options.method != EP_META_METHOD_FE
                          && options.method != EP_META_METHOD_GLMM;
  meta_options.method = options.method;
  meta_options.level = options.level;
  meta_options.knapp_hartung = options.knapp_hartung;
  result = ep_meta_pool (&data, &meta_options, error);
  if (result == NULL)
    return NULL;

  /* A figure of the right kind and size, whose forest is replaced by this one. */
  {
    g_autofree EpMetaArm *placeholder = g_new0 (EpMetaArm, 1);

    placeholder[0].label = labels[0];
    placeholder[0].class_name = "";
    placeholder[0].n = (int) total[0];
    placeholder[0].percent = 100.0 * events[0] / total[0];
    figure = ep_figure_new_forest_arms (placeholder, 1, EP_FIGURE_OUTCOME_CR, error);
    if (figure == NULL)
      return NULL;
  }

  forest = ep_forest_plot_new_from_meta (result, labels, by_group ? codes : NULL,
                                         by_group ? (const char * const *) groups->pdata : NULL,
                                         events, total);
  g_free (forest->label_header);
  forest->label_header = g_strdup (N_("Trial"));
  fix_headings (forest);
  /* the headers made when drawn, in the figure's language (the strings: English) */
  g_free (forest->estimate_header);
  /* TRANSLATORS: "Complete remission, % (95% CI)" */
  forest->estimate_header_phrase = ep_plot_phrase_new (N_("%s, %% (%s%% CI)"),
                                                       ep_plot_phrase_msgid (outcome_msgid (key)),
                                                       ep_plot_phrase_number (100.0 * options.level, -1),
                                                       NULL);
  forest->estimate_header = ep_plot_phrase_write (forest->estimate_header_phrase, NULL);
  g_free (forest->x_label);
  forest->x_label_phrase = ep_plot_phrase_new (N_("%s (%%)"),
                                               ep_plot_phrase_msgid (outcome_msgid (key)), NULL);
  forest->x_label = ep_plot_phrase_write (forest->x_label_phrase, NULL);
  forest->x_min = isnan (options.x_min) ? NAN : options.x_min / 100.0;
  forest->x_max = isnan (options.x_max) ? NAN : options.x_max / 100.0;

  if (!options.show_overall)
    for (guint i = 0; i < forest->rows->len; i++)
      {
        EpForestRow *row = &g_array_index (forest->rows, EpForestRow, i);

        if (row->kind == EP_FOREST_ROW_POOLED && row->group == G_MAXUINT)
          {
            /* the overall diamond and its heterogeneity line */
            if (i + 1 < forest->rows->len &&
                g_array_index (forest->rows, EpForestRow, i + 1).kind == EP_FOREST_ROW_NOTE)
              g_array_remove_index (forest->rows, i + 1);
            g_array_remove_index (forest->rows, i);
            break;
          }
      }

  if (options.prediction && options.method != EP_META_METHOD_FE)
    {
      for (guint g = 0; by_group && g < result->n_subgroups; g++)
        if (result->subgroups[g].k > 1)
          {
            add_note (forest, prediction_phrase (group_phrase (g_ptr_array_index (groups, g)),
                                                 &result->subgroups[g].random));
          }
      if (options.show_overall && result->k > 1)
        {
          add_note (forest, prediction_phrase (ep_plot_phrase_msgid (N_("overall")),
                                               &result->overall.random));
        }
    }

  add_note (forest, method_phrase (&options));
  if (options.method != EP_META_METHOD_FE && options.method != EP_META_METHOD_GLMM
      && options.show_overall && !isnan (result->overall.tau2_lb))
    {
      add_note (forest, heterogeneity_ci_phrase (&result->overall, options.level));
    }
  for (guint w = 0; w < result->warning_items->len; w++)
    add_note (forest, meta_warning_phrase (g_ptr_array_index (result->warning_items, w)));
  if (derived_arms->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (derived_arms, NULL);
      list = g_strjoinv ("; ", (char **) derived_arms->pdata);
      /* the rows of these arms carry a dagger on their x/N */
      for (guint r = 0; r < forest->rows->len; r++)
        {
          EpForestRow *row = &g_array_index (forest->rows, EpForestRow, r);

          if (row->kind == EP_FOREST_ROW_STUDY && row->detail != NULL &&
              g_strv_contains ((const char * const *) derived_arms->pdata, row->label))
            {
              char *detail = g_strconcat (row->detail, "†", NULL);

              g_free (row->detail);
              row->detail = detail;
            }
        }
      /* TRANSLATORS: arms whose rate is "% of those in CR": N is not published but computed */
      add_note (forest, ep_plot_phrase_new (N_("† Derived N (not published): responders = round(n × CR%% / 100) "
                                               "from the published n and CR%%, events = round(rate × N / 100): %s"),
                                            ep_plot_phrase_text (list), NULL));
    }
  if (excluded->len > 0)
    {
      add_note (forest, ep_plot_phrase_new (N_("Left out: %s"), ep_plot_phrase_join ("; ", excluded),
                                            NULL));
    }

  ep_forest_plot_free (figure->forest);
  figure->forest = forest;
  g_free (figure->forest_x_label);
  figure->forest_x_label = g_strdup (forest->x_label);
  g_free (figure->subtitle);
  figure->subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %u arm",
                                                   "%s of %u arms", arms->len),
                                      outcome_title (key), arms->len);
  ep_comparability_add_footnotes (figure, warnings);
  _ep_figure_fit_forest_height (figure);

  if (labels_out != NULL)
    {
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint i = 0; i < arms->len; i++)
        g_strv_builder_add (builder, g_array_index (arms, Arm, i).label);
      *labels_out = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }
  if (groups_out != NULL)
    *groups_out = by_group ? g_strdupv ((char **) groups->pdata) : g_new0 (char *, 1);
  if (result_out != NULL)
    *result_out = g_steal_pointer (&result);

  return g_steal_pointer (&figure);
}


EpFigure *
ep_evidence_forest_new_from_source (JsonObject  *source,
                                    GError     **error)
{
  EpEvidenceForestOptions options;
  g_autoptr(EpCatalog) catalog = NULL;
  g_autoptr(GPtrArray) trials = g_ptr_array_new ();
  JsonObject *saved = NULL;
  JsonArray *ids;
  const char *outcome;

  g_return_val_if_fail (source != NULL, NULL);

  ep_evidence_forest_options_init (&options);
  outcome = saved_string (source, "outcome", "cr");
  options.outcome = g_strcmp0 (outcome, "mrd-negative") == 0 ? "mrd" : outcome;
  if (json_object_has_member (source, "options") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (source, "options")))
    saved = json_object_get_object_member (source, "options");
  if (saved != NULL)
    ep_evidence_forest_options_from_json (saved, &options);
  else
    options.subgroup = "class";

  if (!json_object_has_member (source, "trials") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (source, "trials")))
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_JSON,
                           _("The figure's data source has no list of trials"));
      return NULL;
    }
  ids = json_object_get_array_member (source, "trials");

  catalog = ep_catalog_new_for_source (source, error);
  if (catalog == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      const char *id = json_array_get_string_element (ids, i);
      EpTrial *trial = id != NULL ? ep_catalog_lookup (catalog, id) : NULL;

      if (trial == NULL)
        {
          g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                       _("The figure's data source: there is no trial “%s” in the catalog"),
                       id != NULL ? id : "");
          return NULL;
        }
      g_ptr_array_add (trials, trial);
    }

  return ep_evidence_forest_new (trials, &options, NULL, NULL, NULL, error);
}
