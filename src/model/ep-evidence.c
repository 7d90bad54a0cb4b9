/* ep-evidence.c: how a catalog number is shown
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ep-binom.h"
#include "model/ep-evidence.h"

static const struct
{
  const char *document;
  const char *citation;
} seed_citations[] = {
  { "000_794548d4f1f1983b.txt", "Point: CAR T cells over blinatumomab in r/r B-ALL, Blood 2021 (text)" },
  { "001_399616fa44fc2a6f.txt", "Point: CAR T cells over blinatumomab in r/r B-ALL, Blood 2021" },
  { "002_7502541f5dd1c222.txt", "Topp et al., Cancer 2021 (pooled phase 2 long-term follow-up)" },
  { "003_4ceeb290a2756d60.txt", "Sigmund et al., Blood Lymphat Cancer 2020 (review)" },
  { "004_72b269489978e78e.txt", "Yin et al., Cancer Med 2024 (short-course blinatumomab)" },
};

const char *
ep_evidence_document_citation (const char *document)
{
  g_return_val_if_fail (document != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (seed_citations); i++)
    if (strcmp (seed_citations[i].document, document) == 0)
      return seed_citations[i].citation;
  return document;
}

int
ep_evidence_outcome_total (const EpCatalogRecord  *record,
                           const EpCatalogOutcome *outcome,
                           gboolean               *derived)
{
  g_return_val_if_fail (record != NULL, -1);

  if (derived != NULL)
    *derived = FALSE;
  if (outcome == NULL)
    return -1;
  if (outcome->denominator > 0)
    return outcome->denominator;
  if (outcome->denominator_kind == NULL || strcmp (outcome->denominator_kind, "enrolled") == 0)
    return record->n;

  /* "% of those achieving CR" (seed 001's MRD-CR column): the responders are round (n × CR%),
   * a derived number, said so wherever it is shown */
  if (strcmp (outcome->denominator_kind, "responders") == 0 && outcome != record->cr &&
      record->cr != NULL && !isnan (record->cr->value) && record->n > 0)
    {
      int responders = (int) round (record->n * record->cr->value / 100.0);

      if (responders > 0)
        {
          if (derived != NULL)
            *derived = TRUE;
          return responders;
        }
    }
  return -1;
}

static char *
format_pct (double pct)
{
  return g_strdup_printf ("%g%%", pct);
}

char *
ep_evidence_format_outcome (const EpCatalogRecord  *record,
                            const EpCatalogOutcome *outcome)
{
  int total;
  int events;
  double lower, upper;
  gboolean derived;
  g_autofree char *value = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  if (outcome == NULL || isnan (outcome->value))
    return g_strdup ("—");

  value = format_pct (outcome->value);
  total = ep_evidence_outcome_total (record, outcome, &derived);
  if (total <= 0)
    return g_steal_pointer (&value);

  events = outcome->numerator >= 0 ? outcome->numerator
                                   : (int) round (outcome->value * total / 100.0);
  if (events < 0 || events > total ||
      !ep_binom_clopper_pearson ((guint) events, (guint) total, 0.95, &lower, &upper))
    return g_steal_pointer (&value);

  if (derived)
    /* TRANSLATORS: a percentage with the exact 95% CI of x/N whose N is not published but
     * computed (docs/catalog.md, "Derived denominators"): "52% (95% CI 39.4–64.4, derived N)" */
    return g_strdup_printf (_("%s (95%% CI %.1f–%.1f, derived N)"), value, 100.0 * lower,
                            100.0 * upper);
  /* TRANSLATORS: a percentage with its exact 95% CI, "81% (95% CI 70.7–89.4)" */
  return g_strdup_printf (_("%s (95%% CI %.1f–%.1f)"), value, 100.0 * lower, 100.0 * upper);
}

char *
ep_evidence_describe_outcome (const EpCatalogRecord  *record,
                              const EpCatalogOutcome *outcome)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean derived;
  int total;

  g_return_val_if_fail (record != NULL, NULL);

  if (outcome == NULL)
    return g_strdup ("");

  g_string_append (text, outcome->definition->response != NULL ? outcome->definition->response
                                                                : _("definition not stated"));
  if (outcome->definition->mrd_threshold > 0.0)
    g_string_append_printf (text, " < %g", outcome->definition->mrd_threshold);
  if (outcome->definition->mrd_method != NULL)
    g_string_append_printf (text, " (%s)", outcome->definition->mrd_method);

  total = ep_evidence_outcome_total (record, outcome, &derived);
  g_string_append (text, " · ");
  if (total > 0 && derived)
    /* TRANSLATORS: "N = 119 responders, derived: round(n × CR%), not published": a denominator
     * computed from other numbers */
    g_string_append_printf (text, _("N = %d %s, derived: round(n × CR%%), not published"), total,
                            outcome->denominator_kind);
  else if (total > 0)
    {
      if (outcome->numerator >= 0)
        g_string_append_printf (text, "%d/%d", outcome->numerator, total);
      else
        /* TRANSLATORS: the denominator of a percentage, "N = 75" */
        g_string_append_printf (text, _("N = %d"), total);
      if (outcome->denominator_kind != NULL)
        g_string_append_printf (text, " %s", outcome->denominator_kind);
      else
        g_string_append (text, _(" (whom N counts is not stated)"));
    }
  else if (outcome->denominator_kind != NULL)
    /* TRANSLATORS: "of responders, N not stated" */
    g_string_append_printf (text, _("of %s, N not stated"), outcome->denominator_kind);
  else
    g_string_append (text, _("N not stated"));

  if (outcome->estimate != NULL)
    g_string_append_printf (text, " · %s", outcome->estimate);
  if (!isnan (outcome->months))
    /* TRANSLATORS: the time of an estimate, " at 36 mo" */
    g_string_append_printf (text, _(" at %g mo"), outcome->months);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
ep_evidence_outcome_source (const EpCatalogRecord  *record,
                            const EpCatalogOutcome *outcome)
{
  const EpCatalogProvenance *first;

  g_return_val_if_fail (record != NULL, NULL);

  if (outcome != NULL && outcome->source != NULL)
    return g_strdup_printf ("%s, %s", ep_evidence_document_citation (outcome->source->document),
                            outcome->source->location);

  first = g_ptr_array_index (record->provenance, 0);
  return g_strdup_printf ("%s, %s", ep_evidence_document_citation (first->source), first->location);
}

char *
ep_evidence_format_toxicity (const EpCatalogToxicity *toxicity)
{
  g_return_val_if_fail (toxicity != NULL, NULL);

  if (!isnan (toxicity->pct) && toxicity->n >= 0 && toxicity->denominator > 0)
    return g_strdup_printf ("%g%% (%d/%d)", toxicity->pct, toxicity->n, toxicity->denominator);
  if (!isnan (toxicity->pct) && toxicity->n >= 0)
    return g_strdup_printf ("%g%% (n = %d)", toxicity->pct, toxicity->n);
  if (!isnan (toxicity->pct))
    return format_pct (toxicity->pct);
  if (toxicity->n >= 0 && toxicity->denominator > 0)
    return g_strdup_printf ("%d/%d", toxicity->n, toxicity->denominator);
  if (toxicity->n >= 0)
    return g_strdup_printf ("n = %d", toxicity->n);
  return g_strdup ("—");
}
