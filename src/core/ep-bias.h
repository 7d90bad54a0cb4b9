/* ep-bias.h: recognising the two classic biases of survival comparisons from column names
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Heuristics for the app's warnings (issue 16), kept here so that the model, the app and the
 * CLI recognise the same columns and a test pins them down:
 *   - guarantee-time (immortal-time) bias: grouping by something that happens after time zero
 *     (response, CR, MRD negativity, transplant); the remedies are in ep-landmark.h;
 *   - competing-risk bias: 1 - Kaplan-Meier of relapse or progression with deaths censored
 *     overestimates its incidence when the cohort also records death; the remedy is the
 *     cumulative incidence (ep-cif.h) with death as a competing event.
 * Matching is on whole words of the name, case-insensitive, words split at anything that is not
 * a letter or digit ("mrd_negative" has the words "mrd" and "negative").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  EP_BIAS_NONE = 0,
  EP_BIAS_RESPONSE,       /* response, responder, CR, CRi, remission, ORR */
  EP_BIAS_MRD,            /* MRD */
  EP_BIAS_TRANSPLANT,     /* transplant, HSCT, SCT, allo-HSCT, BMT */
} EpBiasPostBaseline;

/* What a column's name (or, when values is not NULL, one of its values: "Allo-HSCT") says
 * happened after time zero, or EP_BIAS_NONE. values: NULL-terminated, may be NULL. */
EpBiasPostBaseline  ep_bias_post_baseline    (const char         *name,
                                              const char * const *values);

/* TRUE when an event's name says relapse, progression or recurrence ("relapse", "PD",
 * "progression", "CIR", "TTP"), the events that death competes with; FALSE for a composite
 * that counts death as an event ("relapse-free survival"). */
gboolean            ep_bias_is_relapse_name  (const char         *name);

/* TRUE when a column's name or one of its values (NULL-terminated, may be NULL) records death
 * ("death", "dead", "died", "deceased", "vital status", "cause_of_death"). */
gboolean            ep_bias_records_death    (const char         *name,
                                              const char * const *values);

G_END_DECLS
