/* ep-evidence-two-arm.c: catalog arms of randomized trials as two-arm contrasts, pooled
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ep-evidence-two-arm.h. Each arm's x/N is derived as the proportion forest derives it
 * (the numerator where the catalog gives it, else round (value x N / 100), N the outcome's
 * denominator or the arm's n), so TOWER's CR alone is 92/271 against 20/124, the counts of
 * tests/data/reference/data/tower_cr.csv (make_synthesis.R).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>


#include "model/ep-comparability.h"
#include "model/ep-evidence-two-arm.h"
#include "model/ep-evidence.h"
#include "model/ep-figure-private.h"
#include "model/ep-meta-input.h"
#include "model/ep-trial.h"

void
ep_two_arm_result_free (EpTwoArmResult *result)
{
  if (result == NULL)
    return;

  g_strfreev (result->labels);
  g_strfreev (result->arm1);
  g_strfreev (result->arm2);
  g_free (result->a);
  g_free (result->n1);
  g_free (result->c);
  g_free (result->n2);
  g_clear_pointer (&result->fixed, ep_meta_fixed_result_free);
  g_clear_pointer (&result->iv, ep_meta_result_free);
  g_clear_pointer (&result->notes, g_ptr_array_unref);
  g_clear_pointer (&result->note_phrases, g_ptr_array_unref);
  g_free (result);
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

static const char *
definition_of (const EpCatalogOutcome *outcome)
{
  return outcome != NULL && outcome->definition != NULL ? outcome->definition->response : NULL;
}

static gboolean
reported (const EpCatalogRecord  *record,
          const EpCatalogOutcome *outcome)
{
  return outcome != NULL && !isnan (outcome->value) && ep_evidence_outcome_total (record, outcome, NULL) > 0;
}

/* An `outcomes` entry of the whole arm with the given definition, reported with its N. */
static const EpCatalogOutcome *
alternative (const EpCatalogRecord *record,
             const char            *definition)
{
  for (guint i = 0; definition != NULL && record->outcomes != NULL && i < record->outcomes->len; i++)
    {
      const EpCatalogOutcome *o = g_ptr_array_index (record->outcomes, i);

      if (o->subgroup == NULL && g_strcmp0 (definition_of (o), definition) == 0 && reported (record, o))
        return o;
    }
  return NULL;
}

static void
counts (const EpCatalogRecord  *record,
        const EpCatalogOutcome *outcome,
        guint                  *events,
        guint                  *total)
{
  int n = ep_evidence_outcome_total (record, outcome, NULL);
  guint x = outcome->numerator >= 0 ? (guint) outcome->numerator
                                    : (guint) round (outcome->value * n / 100.0);

  *total = (guint) n;
  *events = MIN (x, *total);
}

/* TRUE when a is the experimental arm against b. */
static gboolean
is_experimental (const EpCatalogRecord *a,
                 const EpCatalogRecord *b)
{
  for (guint i = 0; a->comparisons != NULL && i < a->comparisons->len; i++)
    if (g_strcmp0 (((EpCatalogComparison *) g_ptr_array_index (a->comparisons, i))->versus, b->id) == 0)
      return TRUE;
  for (guint i = 0; b->comparisons != NULL && i < b->comparisons->len; i++)
    if (g_strcmp0 (((EpCatalogComparison *) g_ptr_array_index (b->comparisons, i))->versus, a->id) == 0)
      return FALSE;
  if ((a->drug_class == EP_DRUG_CLASS_CHEMOTHERAPY) != (b->drug_class == EP_DRUG_CLASS_CHEMOTHERAPY))
    return b->drug_class == EP_DRUG_CLASS_CHEMOTHERAPY;
  return TRUE;
}

static EpMetaBinaryMeasure
measure_of (EpEvidenceEffect effect)
{
  switch (effect)
    {
    case EP_EVIDENCE_EFFECT_RR:
      return EP_META_BINARY_RR;
    case EP_EVIDENCE_EFFECT_RD:
      return EP_META_BINARY_RD;
    case EP_EVIDENCE_EFFECT_OR:
    default:
      return EP_META_BINARY_OR;
    }
}

static const char *
measure_msgid (EpMetaBinaryMeasure measure)
{
  switch (measure)
    {
    case EP_META_BINARY_RR:
      return N_("risk ratio");
    case EP_META_BINARY_RD:
      return N_("risk difference");
    case EP_META_BINARY_OR:
    default:
      return N_("odds ratio");
    }
}

EpPlotPhrase *
ep_evidence_two_arm_method_phrase (EpMetaBinaryMeasure measure,
                                   EpEvidencePooling   pooling,
                                   EpMetaMethod        method)
{
  switch (pooling)
    {
    case EP_EVIDENCE_POOLING_PETO:
      return ep_plot_phrase_msgid (N_("Peto odds ratio, fixed effect (metafor rma.peto)"));
    case EP_EVIDENCE_POOLING_IV:
      /* TRANSLATORS: "odds ratio, inverse variance, random effects, REML (metafor rma)" */
      return ep_plot_phrase_new (N_("%s, inverse variance, %s (metafor escalc + rma; 0.5 added to "
                                    "every cell of a table with a zero)"),
                                 ep_plot_phrase_msgid (measure_msgid (measure)),
                                 ep_plot_phrase_msgid (ep_evidence_forest_method_msgid (method)),
                                 NULL);
    case EP_EVIDENCE_POOLING_MH:
    default:
      /* TRANSLATORS: "Mantel-Haenszel odds ratio, fixed effect (metafor rma.mh)" */
      return ep_plot_phrase_new (N_("Mantel-Haenszel %s, fixed effect (metafor rma.mh)"),
                                 ep_plot_phrase_msgid (measure_msgid (measure)), NULL);
    }
}

char *
ep_evidence_two_arm_method_text (EpMetaBinaryMeasure measure,
                                 EpEvidencePooling   pooling,
                                 EpMetaMethod        method)
{
  g_autoptr(EpPlotPhrase) phrase = ep_evidence_two_arm_method_phrase (measure, pooling, method);

  return ep_plot_phrase_write_app (phrase);
}

/* A note for Compare (the app's language) and for the figure (made when drawn). */
static void
add_note (EpTwoArmResult *result,
          EpPlotPhrase   *phrase)
{
  g_ptr_array_add (result->notes, ep_plot_phrase_write_app (phrase));
  g_ptr_array_add (result->note_phrases, phrase);
}

EpTwoArmResult *
ep_evidence_two_arm_pool (GPtrArray                     *trials,
                          const EpEvidenceForestOptions *options,
                          GError                       **error)
{
  g_autoptr(EpTwoArmResult) result = g_new0 (EpTwoArmResult, 1);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) arm1 = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) arm2 = g_strv_builder_new ();
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) n1 = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) c = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) n2 = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *used = g_new0 (gboolean, MAX (trials->len, 1));
  g_autoptr(GPtrArray) alone = g_ptr_array_new ();
  const char *key = options->outcome != NULL ? options->outcome : "cr";

  g_return_val_if_fail (trials != NULL && options != NULL, NULL);

  result->measure = measure_of (options->effect);
  result->pooling = options->pooling;
  result->notes = g_ptr_array_new_with_free_func (g_free);
  result->note_phrases = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_plot_phrase_unref);
  if (options->pooling == EP_EVIDENCE_POOLING_PETO && result->measure != EP_META_BINARY_OR)
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                           _("Peto's method pools odds ratios only"));
      return NULL;
    }

  /* pairs of arms of one trial, in the order of the first of each pair */
  for (guint i = 0; i < trials->len; i++)
    {
      const EpCatalogRecord *x = ep_trial_get_record (g_ptr_array_index (trials, i));
      const EpCatalogRecord *y = NULL, *e, *k;
      const EpCatalogOutcome *oe, *ok;
      guint ev, tv, ek, tk;

      if (used[i])
        continue;
      for (guint j = i + 1; j < trials->len && y == NULL; j++)
        {
          const EpCatalogRecord *r = ep_trial_get_record (g_ptr_array_index (trials, j));

          if (!used[j] && g_strcmp0 (r->trial, x->trial) == 0)
            {
              y = r;
              used[j] = TRUE;
            }
        }
      used[i] = TRUE;
      if (y == NULL)
        {
          g_ptr_array_add (alone, x->trial);
          continue;
        }

      e = is_experimental (x, y) ? x : y;
      k = e == x ? y : x;
      oe = outcome_of (e, key);
      ok = outcome_of (k, key);
      /* like with like: another definition of the outcome where the two differ */
      if (reported (e, oe) && reported (k, ok) && g_strcmp0 (definition_of (oe), definition_of (ok)) != 0)
        {
          const EpCatalogOutcome *alt_e = alternative (e, definition_of (ok));
          const EpCatalogOutcome *alt_k = alt_e == NULL ? alternative (k, definition_of (oe)) : NULL;

          if (alt_e != NULL || alt_k != NULL)
            {
              const char *from = definition_of (alt_e != NULL ? oe : ok);

              if (alt_e != NULL)
                oe = alt_e;
              else
                ok = alt_k;
              /* TRANSLATORS: "Phase 3 (TOWER): CR in both arms (the blinatumomab arm's CR/CRi
               * is not compared with the other arm's CR)" */
              add_note (result,
                        ep_plot_phrase_new (N_("%s: %s in both arms (the %s arm's %s is not "
                                               "compared with the other arm's %s)"),
                                            ep_plot_phrase_text (e->trial),
                                            ep_plot_phrase_text (definition_of (oe)),
                                            ep_plot_phrase_text (alt_e != NULL ? e->arm : k->arm),
                                            ep_plot_phrase_text (from),
                                            ep_plot_phrase_text (definition_of (oe)), NULL));
            }
          else
            add_note (result,
                      ep_plot_phrase_new (N_("%s: the arms define the outcome differently (%s vs %s)"),
                                          ep_plot_phrase_text (e->trial),
                                          ep_plot_phrase_text (definition_of (oe)),
                                          ep_plot_phrase_text (definition_of (ok)), NULL));
        }
      if (!reported (e, oe) || !reported (k, ok))
        {
          add_note (result,
                    ep_plot_phrase_new (N_("Left out: %s (an arm does not report the outcome with its N)"),
                                        ep_plot_phrase_text (e->trial), NULL));
          continue;
        }

      counts (e, oe, &ev, &tv);
      counts (k, ok, &ek, &tk);
      g_array_append_val (a, ev);
      g_array_append_val (n1, tv);
      g_array_append_val (c, ek);
      g_array_append_val (n2, tk);
      g_strv_builder_add (labels, e->trial);
      g_strv_builder_add (arm1, e->arm);
      g_strv_builder_add (arm2, k->arm);
    }
  if (alone->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (alone, NULL);
      list = g_strjoinv ("; ", (char **) alone->pdata);
      add_note (result, ep_plot_phrase_new (N_("Left out (no other arm of the trial selected): %s"),
                                            ep_plot_phrase_text (list), NULL));
    }

  result->k = a->len;
  result->labels = g_strv_builder_end (labels);
  result->arm1 = g_strv_builder_end (arm1);
  result->arm2 = g_strv_builder_end (arm2);
  result->a = (guint *) g_array_steal (a, NULL);
  result->n1 = (guint *) g_array_steal (n1, NULL);
  result->c = (guint *) g_array_steal (c, NULL);
  result->n2 = (guint *) g_array_steal (n2, NULL);
  if (result->k == 0)
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                           _("Select two arms of one randomized trial, both reporting the outcome, "
                             "to compare them"));
      return NULL;
    }

  switch (options->pooling)
    {
    case EP_EVIDENCE_POOLING_MH:
      result->fixed = ep_meta_mh (result->a, result->n1, result->c, result->n2, result->k,
                                  result->measure, options->level, error);
      break;
    case EP_EVIDENCE_POOLING_PETO:
      result->fixed = ep_meta_peto (result->a, result->n1, result->c, result->n2, result->k,
                                    options->level, error);
      break;
    case EP_EVIDENCE_POOLING_IV:
    default:
      {
        g_autofree double *yi = g_new (double, result->k);
        g_autofree double *vi = g_new (double, result->k);
        g_autofree gboolean *corrected = g_new (gboolean, result->k);
        EpMetaData data = { 0 };
        EpMetaOptions meta_options;

        if (!ep_meta_binary_effects (result->a, result->n1, result->c, result->n2, result->k,
                                     result->measure, FALSE, FALSE, yi, vi, corrected, error))
          return NULL;
        data.k = result->k;
        data.measure = result->measure == EP_META_BINARY_RD ? EP_META_MEASURE_GENERIC
                                                            : EP_META_MEASURE_LOG_RATIO;
        data.yi = yi;
        data.vi = vi;
        ep_meta_options_init (&meta_options);
        meta_options.method = options->method == EP_META_METHOD_GLMM ? EP_META_METHOD_REML : options->method;
        meta_options.level = options->level;
        meta_options.knapp_hartung = options->knapp_hartung && meta_options.method != EP_META_METHOD_FE;
        result->iv = ep_meta_pool (&data, &meta_options, error);
      }
      break;
    }
  if (result->fixed == NULL && result->iv == NULL)
    return NULL;

  return g_steal_pointer (&result);
}

gboolean
ep_two_arm_result_get_study (const EpTwoArmResult *result,
                             guint                 s,
                             double                level,
                             double               *estimate,
                             double               *lower,
                             double               *upper)
{
  g_return_val_if_fail (result != NULL && s < result->k, FALSE);

  /* the core's interval (ep-meta-binary.h) for either fit's study effects */
  return ep_meta_binary_study_ci (result->measure,
                                  result->fixed != NULL ? result->fixed->yi[s] : result->iv->yi[s],
                                  result->fixed != NULL ? result->fixed->vi[s] : result->iv->vi[s],
                                  level, estimate, lower, upper);
}

/* The counts of both arms, "92/271 vs 20/124", written when drawn ("vs." in German). */
static EpPlotPhrase *
counts_phrase (guint events_1,
               guint total_1,
               guint events_2,
               guint total_2)
{
  /* TRANSLATORS: the counts of a two-arm trial, "92/271 vs 20/124" */
  return ep_plot_phrase_new (N_("%u/%u vs %u/%u"), ep_plot_phrase_uint (events_1),
                             ep_plot_phrase_uint (total_1), ep_plot_phrase_uint (events_2),
                             ep_plot_phrase_uint (total_2), NULL);
}

/* A row's detail as counts_phrase (the string: English). */
static void
set_counts (EpForestRow  *row,
            EpPlotPhrase *phrase)
{
  row->detail_phrase = phrase;
  g_free (row->detail);
  row->detail = ep_plot_phrase_write (phrase, NULL);
}

EpFigure *
ep_evidence_two_arm_new (GPtrArray                     *trials,
                         const EpEvidenceForestOptions *options_in,
                         EpTwoArmResult               **result_out,
                         GError                       **error)
{
  EpEvidenceForestOptions options;
  g_autoptr(EpTwoArmResult) result = NULL;
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) experimental = g_ptr_array_new ();
  EpPlotPhrase *method;
  EpForestPlot *forest;
  gboolean rd;
  double scale;
  guint sum_a = 0, sum_n1 = 0, sum_c = 0, sum_n2 = 0;

  g_return_val_if_fail (trials != NULL, NULL);

  if (options_in != NULL)
    options = *options_in;
  else
    ep_evidence_forest_options_init (&options);
  if (options.effect == EP_EVIDENCE_EFFECT_PROPORTION)
    options.effect = EP_EVIDENCE_EFFECT_OR;
  if (!(options.level > 0.0 && options.level < 1.0))
    options.level = 0.95;
  if (options.outcome == NULL)
    options.outcome = "cr";
  if (!g_strv_contains (ep_evidence_forest_outcomes (), options.outcome))
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID, _("Unknown outcome “%s”"),
                   options.outcome);
      return NULL;
    }

  result = ep_evidence_two_arm_pool (trials, &options, error);
  if (result == NULL)
    return NULL;

  /* the guard across trials: the experimental arms (one per trial) */
  for (guint i = 0; i < trials->len; i++)
    {
      EpTrial *trial = g_ptr_array_index (trials, i);
      const EpCatalogRecord *record = ep_trial_get_record (trial);

      for (guint s = 0; s < result->k; s++)
        if (g_strcmp0 (record->trial, result->labels[s]) == 0 && g_strcmp0 (record->arm, result->arm1[s]) == 0)
          g_ptr_array_add (experimental, trial);
    }
  warnings = ep_comparability_check (experimental, options.outcome);
  if (!ep_comparability_can_pool (warnings))
    {
      const EpComparabilityWarning *overlap = g_ptr_array_index (warnings, 0);

      g_set_error (error, EP_COMPARABILITY_ERROR, EP_COMPARABILITY_ERROR_OVERLAP,
                   "%s. %s.", overlap->message, overlap->remedy);
      return NULL;
    }

  /* A figure of the right kind, whose forest is replaced by this one. */
  {
    EpMetaArm placeholder = { result->labels[0], "", (int) result->n1[0],
                              100.0 * result->a[0] / result->n1[0] };

    figure = ep_figure_new_forest_arms (&placeholder, 1, EP_FIGURE_OUTCOME_CR, error);
    if (figure == NULL)
      return NULL;
  }

  rd = result->measure == EP_META_BINARY_RD;
  scale = rd ? 100.0 : 1.0;   /* a risk difference in percentage points */
  forest = ep_forest_plot_new (rd ? EP_FOREST_SCALE_LINEAR : EP_FOREST_SCALE_RATIO);
  /* msgids and phrases: the figure writes them in its own language when drawn */
  forest->label_header = (g_free (forest->label_header), g_strdup (N_("Trial")));
  forest->detail_header = g_strdup (N_("Events/N"));
  forest->weight_header = g_strdup (N_("Weight"));
  {
    const char *title = rd ? N_("Risk difference, percentage points") : result->measure == EP_META_BINARY_RR
                             ? N_("Risk ratio") : N_("Odds ratio");

    /* TRANSLATORS: "Odds ratio (95% CI)" */
    forest->estimate_header_phrase = ep_plot_phrase_new (N_("%s (%s%% CI)"), ep_plot_phrase_msgid (title),
                                                         ep_plot_phrase_number (100.0 * options.level, -1),
                                                         NULL);
    forest->estimate_header = ep_plot_phrase_write (forest->estimate_header_phrase, NULL);
    forest->x_label_phrase = rd ? ep_plot_phrase_msgid (title)
                                : ep_plot_phrase_new (N_("%s (log scale)"), ep_plot_phrase_msgid (title), NULL);
    forest->x_label = ep_plot_phrase_write (forest->x_label_phrase, NULL);
  }
  if (rd)
    {
      forest->null_value = 0.0;
      forest->decimals = 1;
    }
  /* A higher rate is better for response, MRD negativity and transplant, worse for relapse. */
  {
    gboolean harm = strcmp (options.outcome, "relapse") == 0;

    forest->favours_left = g_strdup (harm ? N_("Favours experimental") : N_("Favours control"));
    forest->favours_right = g_strdup (harm ? N_("Favours control") : N_("Favours experimental"));
  }

  for (guint s = 0; s < result->k; s++)
    {
      EpForestRow *row;
      double estimate = NAN, lower = NAN, upper = NAN;
      double weight = result->fixed != NULL ? result->fixed->weight[s] : result->iv->weight_random[s];

      ep_two_arm_result_get_study (result, s, options.level, &estimate, &lower, &upper);
      sum_a += result->a[s], sum_n1 += result->n1[s], sum_c += result->c[s], sum_n2 += result->n2[s];
      row = ep_forest_plot_add_row (forest, EP_FOREST_ROW_STUDY, result->labels[s], NULL,
                                    scale * estimate, scale * lower, scale * upper, weight);
      set_counts (row, counts_phrase (result->a[s], result->n1[s], result->c[s], result->n2[s]));
    }

  {
    EpForestRow *row;
    double estimate, lower, upper, q_value, q_p, i2_value;
    guint q_df;

    if (result->fixed != NULL)
      {
        estimate = result->fixed->estimate, lower = result->fixed->lower, upper = result->fixed->upper;
        q_value = result->fixed->q, q_df = result->fixed->q_df, q_p = result->fixed->q_p;
        i2_value = result->fixed->i2;
      }
    else
      {
        estimate = result->iv->overall.random.estimate;
        lower = result->iv->overall.random.lower;
        upper = result->iv->overall.random.upper;
        q_value = result->iv->overall.q, q_df = result->iv->overall.q_df, q_p = result->iv->overall.q_p;
        i2_value = result->iv->overall.i2;
      }
    row = ep_forest_plot_add_row (forest, EP_FOREST_ROW_POOLED, NULL, NULL, scale * estimate,
                                  scale * lower, scale * upper, 100.0);
    row->group = G_MAXUINT;
    /* TRANSLATORS: "Pooled (k = 2)" */
    row->label_text = EP_FOREST_TEXT_PHRASE;
    row->phrase = ep_plot_phrase_new (N_("Pooled (k = %u)"), ep_plot_phrase_uint (result->k), NULL);
    row->label = ep_plot_phrase_write (row->phrase, NULL);
    set_counts (row, counts_phrase (sum_a, sum_n1, sum_c, sum_n2));
    if (result->k > 1)
      {
        /* "Heterogeneity: I² = 12%, Q = 3.40 (df = 2), p = 0.18", written when drawn as the
         * proportion forests' (ep_forest_row_label()) */
        row = ep_forest_plot_add_row (forest, EP_FOREST_ROW_NOTE, NULL, NULL, NAN, NAN, NAN, NAN);
        row->label_text = EP_FOREST_TEXT_HETEROGENEITY_FE;
        row->values[0] = i2_value;
        row->values[2] = q_value;
        row->values[3] = q_p;
        row->count = q_df;
      }
  }

  method = ep_evidence_two_arm_method_phrase (result->measure, result->pooling, options.method);
  if (fabs (options.level - 0.95) > 1e-9)
    /* TRANSLATORS: "Method: Mantel-Haenszel odds ratio ...; 90% confidence intervals" */
    ep_forest_plot_add_phrase (forest, ep_plot_phrase_new (N_("Method: %s; %s%% confidence intervals"),
                                                           method,
                                                           ep_plot_phrase_number (100.0 * options.level, -1),
                                                           NULL));
  else
    ep_forest_plot_add_phrase (forest, ep_plot_phrase_new (N_("Method: %s"), method, NULL));
  for (guint s = 0; s < result->k; s++)
    /* TRANSLATORS: "Phase 3 (TOWER): blinatumomab (experimental) vs standard-of-care
     * chemotherapy (control), events/N in this order" */
    ep_forest_plot_add_phrase (forest,
                               ep_plot_phrase_new (N_("%s: %s (experimental) vs %s (control), events/N in this order"),
                                                   ep_plot_phrase_text (result->labels[s]),
                                                   ep_plot_phrase_text (result->arm1[s]),
                                                   ep_plot_phrase_text (result->arm2[s]), NULL));
  for (guint i = 0; i < result->note_phrases->len; i++)
    ep_forest_plot_add_phrase (forest, ep_plot_phrase_ref (g_ptr_array_index (result->note_phrases, i)));

  ep_forest_plot_free (figure->forest);
  figure->forest = forest;
  g_free (figure->forest_x_label);
  figure->forest_x_label = g_strdup (forest->x_label);
  g_free (figure->subtitle);
  /* TRANSLATORS: "Odds ratio of complete remission, 1 trial" */
  figure->subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s, %u trial",
                                                   "%s of %s, %u trials", result->k),
                                      rd ? _("Risk difference") : result->measure == EP_META_BINARY_RR
                                           ? _("Risk ratio") : _("Odds ratio"),
                                      strcmp (options.outcome, "mrd") == 0 ? _("MRD negativity")
                                      : strcmp (options.outcome, "relapse") == 0 ? _("relapse")
                                      : strcmp (options.outcome, "hsct") == 0 ? _("consolidative HSCT")
                                      : _("complete remission"), result->k);
  ep_comparability_add_footnotes (figure, warnings);

  if (result_out != NULL)
    *result_out = g_steal_pointer (&result);
  return g_steal_pointer (&figure);
}
