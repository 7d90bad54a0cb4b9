/* ep-comparability.c: the comparability guard for catalog arms
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks read only the catalog's schema version 2 fields (includes, the outcome's
 * structured definition, denominator kind and estimate kind, population, setting, conflicts),
 * so what they say is what the seeds say; a field the source does not state is "not stated"
 * and counts as a difference of its own.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/ep-comparability.h"
#include "model/ep-figure-private.h"
#include "model/ep-meta-input.h"

G_DEFINE_QUARK (ep-comparability-error-quark, ep_comparability_error)

static void
warning_free (gpointer data)
{
  EpComparabilityWarning *warning = data;

  g_free (warning->message);
  g_free (warning->remedy);
  g_strfreev (warning->ids);
  g_free (warning->field);
  g_clear_pointer (&warning->phrase, ep_plot_phrase_unref);
  g_free (warning);
}

/* message: a phrase (consumed), written in the app's language for message and kept for the
 * figures' footnotes. */
static EpComparabilityWarning *
add_warning (GPtrArray           *warnings,
             EpComparabilityKind  kind,
             EpPlotPhrase        *message,
             char                *remedy,
             const char          *field)
{
  EpComparabilityWarning *warning = g_new0 (EpComparabilityWarning, 1);

  warning->kind = kind;
  warning->blocks_pooling = kind == EP_COMPARABILITY_OVERLAP;
  warning->phrase = message;
  warning->message = ep_plot_phrase_write_app (message);
  warning->remedy = remedy;
  warning->field = g_strdup (field);
  warning->ids = g_new0 (char *, 1);
  g_ptr_array_add (warnings, warning);
  return warning;
}

static const EpCatalogOutcome *
outcome_of (const EpCatalogRecord *record,
            const char            *outcome)
{
  if (strcmp (outcome, "mrd") == 0)
    return record->mrd_negative;
  if (strcmp (outcome, "relapse") == 0)
    return record->relapse;
  if (strcmp (outcome, "hsct") == 0)
    return record->hsct;
  return record->cr;
}

/* msgids: written in the app's or the figure's language */
static const char *
outcome_name (const char *outcome)
{
  if (strcmp (outcome, "mrd") == 0)
    return N_("MRD negativity");
  if (strcmp (outcome, "relapse") == 0)
    return N_("Relapse");
  if (strcmp (outcome, "hsct") == 0)
    return N_("Consolidative HSCT");
  return N_("CR");
}

static const char not_stated[] = N_("not stated");

/* "CR (2), CR/CRi (3)" over the arms that report the outcome; NULL when all agree. A value
 * "not stated" is written in the reader's language. */
static EpPlotPhrase *
describe_values (GPtrArray  *trials,
                 const char *outcome,
                 const char *(*value_of) (EpTrial *trial, const char *outcome))
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_plot_phrase_unref);

  for (guint i = 0; i < trials->len; i++)
    {
      EpTrial *trial = g_ptr_array_index (trials, i);
      const EpCatalogOutcome *o = outcome_of (ep_trial_get_record (trial), outcome);
      const char *value;

      if (outcome != NULL && (o == NULL || isnan (o->value)))
        continue;
      value = value_of (trial, outcome);
      if (!g_hash_table_contains (counts, value))
        g_ptr_array_add (order, (gpointer) value);
      g_hash_table_insert (counts, (gpointer) value,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, value)) + 1));
    }

  if (order->len < 2)
    return NULL;

  for (guint i = 0; i < order->len; i++)
    {
      const char *value = g_ptr_array_index (order, i);
      g_autoptr(GPtrArray) part = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_plot_phrase_unref);
      g_autofree char *count = g_strdup_printf (" (%u)", GPOINTER_TO_UINT (g_hash_table_lookup (counts, value)));

      g_ptr_array_add (part, value == not_stated ? ep_plot_phrase_msgid (value) : ep_plot_phrase_text (value));
      g_ptr_array_add (part, ep_plot_phrase_text (count));
      g_ptr_array_add (parts, ep_plot_phrase_join ("", part));
    }
  return ep_plot_phrase_join (", ", parts);
}

static const char *
definition_of (EpTrial    *trial,
               const char *outcome)
{
  const EpCatalogOutcome *o = outcome_of (ep_trial_get_record (trial), outcome);

  return o->definition->response != NULL ? o->definition->response : not_stated;
}

static const char *
denominator_of (EpTrial    *trial,
                const char *outcome)
{
  const EpCatalogOutcome *o = outcome_of (ep_trial_get_record (trial), outcome);

  return o->denominator_kind != NULL ? o->denominator_kind : not_stated;
}

static const char *
estimate_of (EpTrial    *trial,
             const char *outcome)
{
  const EpCatalogOutcome *o = outcome_of (ep_trial_get_record (trial), outcome);

  return o->estimate != NULL ? o->estimate : not_stated;
}

static const char *
population_of (EpTrial    *trial,
               const char *outcome)
{
  const char *population = ep_trial_population_to_string (ep_trial_get_record (trial)->population);

  return population != NULL ? population : not_stated;
}

static const char *
setting_of (EpTrial    *trial,
            const char *outcome)
{
  return ep_trial_setting_to_string (ep_trial_get_record (trial)->setting);
}

static const char *
label_of (EpTrial *trial)
{
  return ep_trial_get_trial (trial);
}

GPtrArray *
ep_comparability_check (GPtrArray  *trials,
                        const char *outcome)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (warning_free);
  EpPlotPhrase *text = NULL;

  g_return_val_if_fail (trials != NULL, warnings);
  if (outcome == NULL)
    outcome = "cr";

  /* Overlap: a record that includes the patients of another selected record. */
  for (guint i = 0; i < trials->len; i++)
    {
      EpTrial *parent = g_ptr_array_index (trials, i);
      const EpCatalogRecord *record = ep_trial_get_record (parent);
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_plot_phrase_unref);
      guint n_parts = 0;

      for (guint k = 0; record->includes[k] != NULL; k++)
        for (guint j = 0; j < trials->len; j++)
          {
            EpTrial *part = g_ptr_array_index (trials, j);

            if (strcmp (ep_trial_get_id (part), record->includes[k]) != 0)
              continue;
            if (n_parts == 0)
              g_strv_builder_add (ids, record->id);
            g_strv_builder_add (ids, ep_trial_get_id (part));
            {
              g_autofree char *quoted = g_strdup_printf ("“%s”", label_of (part));

              if (n_parts > 0)
                g_ptr_array_add (parts, ep_plot_phrase_msgid (N_(" and ")));
              g_ptr_array_add (parts, ep_plot_phrase_text (quoted));
            }
            n_parts++;
          }

      if (n_parts > 0)
        {
          EpComparabilityWarning *warning;

          warning = add_warning (warnings, EP_COMPARABILITY_OVERLAP,
                                 /* TRANSLATORS: "“Pooled analysis” (n = 259) contains the patients of “A” and “B”: ..." */
                                 ep_plot_phrase_new (N_("“%s” (n = %d) contains the patients of %s: "
                                                        "pooling them counts patients twice"),
                                                     ep_plot_phrase_text (label_of (parent)),
                                                     ep_plot_phrase_number (record->n, 0),
                                                     ep_plot_phrase_join ("", parts), NULL),
                                 g_strdup_printf (_("Keep either “%s” or the trials it contains, "
                                                    "not both"), label_of (parent)),
                                 NULL);
          g_strfreev (warning->ids);
          warning->ids = g_strv_builder_end (ids);
        }
    }

  if ((text = describe_values (trials, outcome, definition_of)) != NULL)
    add_warning (warnings, EP_COMPARABILITY_DEFINITION,
                 /* TRANSLATORS: "CR is defined differently: CR (1), CR/CRi (6)" */
                 ep_plot_phrase_new (N_("%s is defined differently: %s"),
                                     ep_plot_phrase_msgid (outcome_name (outcome)), text, NULL),
                 g_strdup (_("Exclude the arms with another definition or stratify by it")),
                 "definition");
  text = NULL;  /* consumed */

  if ((text = describe_values (trials, outcome, denominator_of)) != NULL)
    add_warning (warnings, EP_COMPARABILITY_DENOMINATOR,
                 ep_plot_phrase_new (N_("The denominators count different patients: %s"), text, NULL),
                 g_strdup (_("Exclude the arms with another denominator or stratify by it")),
                 "denominator");
  text = NULL;  /* consumed */

  if ((text = describe_values (trials, outcome, estimate_of)) != NULL)
    add_warning (warnings, EP_COMPARABILITY_ESTIMATE,
                 ep_plot_phrase_new (N_("The numbers are different kinds of estimate: %s"), text, NULL),
                 g_strdup (_("Exclude the arms with another kind of estimate")),
                 "estimate");
  text = NULL;  /* consumed */

  if ((text = describe_values (trials, outcome, population_of)) != NULL)
    add_warning (warnings, EP_COMPARABILITY_POPULATION,
                 ep_plot_phrase_new (N_("The populations differ in age: %s"), text, NULL),
                 g_strdup (_("Stratify by population")),
                 "population");
  text = NULL;  /* consumed */

  if ((text = describe_values (trials, outcome, setting_of)) != NULL)
    add_warning (warnings, EP_COMPARABILITY_SETTING,
                 ep_plot_phrase_new (N_("The disease settings differ: %s"), text, NULL),
                 g_strdup (_("Stratify by setting or exclude the other settings")),
                 "setting");
  text = NULL;  /* consumed */

  for (guint i = 0; i < trials->len; i++)
    {
      EpTrial *trial = g_ptr_array_index (trials, i);
      const EpCatalogRecord *record = ep_trial_get_record (trial);

      for (guint k = 0; k < record->conflicts->len; k++)
        {
          const EpCatalogConflict *conflict = g_ptr_array_index (record->conflicts, k);
          EpComparabilityWarning *warning;

          if (strcmp (conflict->field, "n") != 0)
            continue;
          warning = add_warning (warnings, EP_COMPARABILITY_DISPUTED,
                                 ep_plot_phrase_new (N_("“%s”: the number of patients is disputed "
                                                        "(%s)"),
                                                     ep_plot_phrase_text (label_of (trial)),
                                                     ep_plot_phrase_text (conflict->description), NULL),
                                 g_strdup (_("Check the source, or exclude the arm")),
                                 NULL);
          g_strfreev (warning->ids);
          warning->ids = g_new0 (char *, 2);
          warning->ids[0] = g_strdup (record->id);
        }
    }

  return warnings;
}

gboolean
ep_comparability_can_pool (GPtrArray *warnings)
{
  g_return_val_if_fail (warnings != NULL, TRUE);

  for (guint i = 0; i < warnings->len; i++)
    if (((EpComparabilityWarning *) g_ptr_array_index (warnings, i))->blocks_pooling)
      return FALSE;
  return TRUE;
}

char *
ep_comparability_footnote (GPtrArray *warnings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (warnings != NULL, NULL);

  for (guint i = 0; i < warnings->len; i++)
    {
      const EpComparabilityWarning *warning = g_ptr_array_index (warnings, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: a footnote under a figure: "Note: CR is defined differently: ..." */
      g_string_append_printf (text, _("Note: %s."), warning->message);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

void
ep_comparability_add_footnotes (EpFigure  *figure,
                                GPtrArray *warnings)
{
  g_autofree char *footnote = NULL;

  g_return_if_fail (EP_IS_FIGURE (figure));
  g_return_if_fail (warnings != NULL);

  if (figure->forest == NULL || (footnote = ep_comparability_footnote (warnings)) == NULL)
    return;

  /* one note per warning, written when drawn in the figure's language */
  ep_forest_plot_add_row (figure->forest, EP_FOREST_ROW_SPACE, NULL, NULL, NAN, NAN, NAN, NAN);
  for (guint i = 0; i < warnings->len; i++)
    {
      const EpComparabilityWarning *warning = g_ptr_array_index (warnings, i);

      /* TRANSLATORS: a footnote under a figure: "Note: CR is defined differently: ..." */
      ep_forest_plot_add_phrase (figure->forest,
                                 ep_plot_phrase_new (N_("Note: %s."), ep_plot_phrase_ref (warning->phrase),
                                                     NULL));
    }

  /* as ep_figure_size_forest(): about 3.6 mm a row or a wrapped note's line */
  _ep_figure_fit_forest_height (figure);
}

EpFigure *
ep_comparability_new_forest (GPtrArray        *trials,
                             EpFigureOutcome   outcome,
                             GPtrArray       **warnings_out,
                             GError          **error)
{
  const char *key = outcome == EP_FIGURE_OUTCOME_MRD_NEG ? "mrd" : "cr";
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) arms = g_array_new (FALSE, TRUE, sizeof (EpMetaArm));
  g_autoptr(EpFigure) figure = NULL;

  g_return_val_if_fail (trials != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  warnings = ep_comparability_check (trials, key);
  if (!ep_comparability_can_pool (warnings))
    {
      const EpComparabilityWarning *overlap = g_ptr_array_index (warnings, 0);

      g_set_error (error, EP_COMPARABILITY_ERROR, EP_COMPARABILITY_ERROR_OVERLAP,
                   "%s. %s.", overlap->message, overlap->remedy);
      if (warnings_out != NULL)
        *warnings_out = g_steal_pointer (&warnings);
      return NULL;
    }

  for (guint i = 0; i < trials->len; i++)
    {
      EpTrial *trial = g_ptr_array_index (trials, i);
      const EpCatalogOutcome *o = outcome_of (ep_trial_get_record (trial), key);
      gboolean shared = FALSE;
      EpMetaArm arm;

      /* A trial with two selected arms names the arm too. */
      for (guint j = 0; j < trials->len; j++)
        shared |= j != i && g_strcmp0 (ep_trial_get_trial (trial),
                                       ep_trial_get_trial (g_ptr_array_index (trials, j))) == 0;
      g_ptr_array_add (labels, shared ? g_strdup_printf ("%s: %s", ep_trial_get_trial_label (trial),
                                                         ep_trial_get_arm (trial))
                                      : g_strdup (ep_trial_get_trial_label (trial)));
      arm.label = g_ptr_array_index (labels, i);
      arm.class_name = ep_drug_class_to_string (ep_trial_get_drug_class (trial));
      arm.n = o != NULL && o->denominator > 0 ? o->denominator : ep_trial_get_n (trial);
      arm.percent = o != NULL ? o->value : NAN;
      g_array_append_val (arms, arm);
    }

  figure = ep_figure_new_forest_arms ((EpMetaArm *) arms->data, arms->len, outcome, error);
  if (figure == NULL)
    return NULL;

  ep_comparability_add_footnotes (figure, warnings);
  if (warnings_out != NULL)
    *warnings_out = g_steal_pointer (&warnings);
  return g_steal_pointer (&figure);
}
