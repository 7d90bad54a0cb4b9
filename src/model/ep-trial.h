/* ep-trial.h: one arm of a published trial, as the Trials page shows it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable GObject around an EpCatalogRecord (io/ep-catalog-reader.h). Its read-only
 * properties are what a GtkColumnView binds to (strings, numbers, "has" flags and ready-made
 * texts); the lists (endpoints, toxicity, references, provenance...) are reached through the
 * accessors. Numbers the source does not report are NaN (doubles) or -1 (n); a "has-" property
 * says the same as a boolean, and the "-text" properties show them as an em dash.
 */
#pragma once

#include <glib-object.h>

#include "io/ep-catalog-reader.h"

G_BEGIN_DECLS

#define EP_TYPE_TRIAL (ep_trial_get_type ())

G_DECLARE_FINAL_TYPE (EpTrial, ep_trial, EP, TRIAL, GObject)

/* Takes ownership of record. */
EpTrial                 *ep_trial_new                       (EpCatalogRecord   *record);

const EpCatalogRecord   *ep_trial_get_record                (EpTrial           *self);

const char              *ep_trial_get_id                    (EpTrial           *self);
const char              *ep_trial_get_trial                 (EpTrial           *self);
/* An arm the user entered (a project's own arm): marked "(user-entered)" in its label. */
EpTrial                 *ep_trial_new_user_entered          (EpCatalogRecord   *record);
gboolean                 ep_trial_get_user_entered          (EpTrial           *self);
const char              *ep_trial_get_trial_label           (EpTrial           *self);
const char * const      *ep_trial_get_aliases               (EpTrial           *self);
const char              *ep_trial_get_arm                   (EpTrial           *self);
const char              *ep_trial_get_agent                 (EpTrial           *self);
EpDrugClass              ep_trial_get_drug_class            (EpTrial           *self);
EpTrialSetting           ep_trial_get_setting               (EpTrial           *self);
EpTrialPopulation        ep_trial_get_population            (EpTrial           *self);
EpPhStatus               ep_trial_get_ph                    (EpTrial           *self);
const char              *ep_trial_get_target                (EpTrial           *self);
const char              *ep_trial_get_phase                 (EpTrial           *self);
const char              *ep_trial_get_design                (EpTrial           *self);
int                      ep_trial_get_n                     (EpTrial           *self);
double                   ep_trial_get_median_age            (EpTrial           *self);
const char              *ep_trial_get_age_range             (EpTrial           *self);
double                   ep_trial_get_cr_pct                (EpTrial           *self);
const char              *ep_trial_get_cr_definition         (EpTrial           *self);
double                   ep_trial_get_mrd_neg_pct           (EpTrial           *self);
const char              *ep_trial_get_mrd_definition        (EpTrial           *self);
double                   ep_trial_get_relapse_pct           (EpTrial           *self);
const char              *ep_trial_get_relapse_definition    (EpTrial           *self);
const char              *ep_trial_get_dosing                (EpTrial           *self);
const char              *ep_trial_get_notes                 (EpTrial           *self);
/* The first reference's citation (every record has at least one). */
const char              *ep_trial_get_citation              (EpTrial           *self);

/* "median OS 7.7 mo", "12-mo OS 76%", "median OS not reached" (no CI, to fit a column), or ""
 * when the arm reports no whole-arm survival number. See ep_trial_get_headline_endpoint() for the rule. */
const char              *ep_trial_get_headline_survival     (EpTrial           *self);
/* The endpoint the headline is made of, or NULL. Whole-arm endpoints only (no subgroup), by
 * name in the order OS, EFS, RFS, LFS, PFS, DFS; for one name a reported median first, then the
 * landmark closest to 12 months (earlier on a tie), then a median "not reached". */
const EpCatalogEndpoint *ep_trial_get_headline_endpoint     (EpTrial           *self);

/* Element types as in io/ep-catalog-reader.h; transfer none, never NULL. */
GPtrArray               *ep_trial_get_endpoints             (EpTrial           *self);
GPtrArray               *ep_trial_get_responses             (EpTrial           *self);
GPtrArray               *ep_trial_get_cumulative_incidence  (EpTrial           *self);
GPtrArray               *ep_trial_get_hazard_ratios         (EpTrial           *self);
GPtrArray               *ep_trial_get_toxicity              (EpTrial           *self);
GPtrArray               *ep_trial_get_references            (EpTrial           *self);
GPtrArray               *ep_trial_get_provenance            (EpTrial           *self);

/* TRUE when every whitespace-separated word of text (ignoring case and accents) starts a word
 * of the trial name, arm, agent, class, target, an alias, or a reference (citation and so its
 * authors, NCT or other registry number), or of a synonym (BiTE, blinatumomab, Blincyto;
 * tisagenlecleucel, Kymriah; "CAR T", "CAR-T", "CART" are one word); a word with punctuation
 * (a DOI) may occur anywhere. Single letters are ignored. An empty text matches. */
gboolean                 ep_trial_matches_text              (EpTrial           *self,
                                                             const char        *text);

/* A one-line rendering of an endpoint for a detail pane:
 * "median OS 7.5 mo (95% CI 5.5–8.5)", "24-mo OS 82.62% (95% CI 63.14–92.37)",
 * "median OS not reached", "median OS not reported". Free with g_free(). */
char                    *ep_trial_format_endpoint           (const EpCatalogEndpoint *endpoint);
/* "81%" or "—" (not reported); free with g_free(). */
char                    *ep_trial_format_pct                (double             pct);

/* Orders two trials by one of their properties, for a GtkCustomSorter: strings by
 * g_utf8_collate(), numbers numerically, booleans FALSE first; a value that is not reported
 * (NULL, NaN, -1) sorts after every reported one (in ascending order). Ties are broken by id,
 * so the order is total and stable. An unknown property compares by id alone. */
int                      ep_trial_compare                   (EpTrial           *a,
                                                             EpTrial           *b,
                                                             const char        *property);

G_END_DECLS
