/* ep-trial-query.h: the Trials page's filter (class, setting, population, Ph, search text)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One object holds what the user chose; ep_trial_query_match() says whether a trial passes.
 * The page wraps it in a GtkCustomFilter and calls gtk_filter_changed() on ::changed; the CLI
 * (endpoint-cli trials) uses the same object through ep_catalog_filter(), so both agree.
 *
 * Each criterion is a canonical string ("CAR T", "MRD-positive", "adult", "Ph+"; see
 * io/ep-catalog-reader.h) or NULL for "any"; they combine with AND. A trial whose population or
 * Ph status is not reported matches only "any". The search text matches as
 * ep_trial_matches_text() (every word, over trial, aliases, agent and references).
 */
#pragma once

#include <glib-object.h>

#include "model/ep-trial.h"

G_BEGIN_DECLS

#define EP_TYPE_TRIAL_QUERY (ep_trial_query_get_type ())

G_DECLARE_FINAL_TYPE (EpTrialQuery, ep_trial_query, EP, TRIAL_QUERY, GObject)

EpTrialQuery *ep_trial_query_new             (void);

/* Each setter takes a canonical name (matched case-insensitively) or NULL/"" for any, and
 * returns FALSE, leaving the query unchanged, for an unknown name. */
gboolean      ep_trial_query_set_drug_class  (EpTrialQuery *self,
                                              const char   *drug_class);
gboolean      ep_trial_query_set_setting     (EpTrialQuery *self,
                                              const char   *setting);
gboolean      ep_trial_query_set_population  (EpTrialQuery *self,
                                              const char   *population);
gboolean      ep_trial_query_set_ph          (EpTrialQuery *self,
                                              const char   *ph);
void          ep_trial_query_set_search_text (EpTrialQuery *self,
                                              const char   *text);

/* Canonical spelling, or NULL for any */
const char   *ep_trial_query_get_drug_class  (EpTrialQuery *self);
const char   *ep_trial_query_get_setting     (EpTrialQuery *self);
const char   *ep_trial_query_get_population  (EpTrialQuery *self);
const char   *ep_trial_query_get_ph          (EpTrialQuery *self);
const char   *ep_trial_query_get_search_text (EpTrialQuery *self);

/* TRUE when no criterion is set */
gboolean      ep_trial_query_is_empty        (EpTrialQuery *self);
void          ep_trial_query_clear           (EpTrialQuery *self);

gboolean      ep_trial_query_match           (EpTrialQuery *self,
                                              EpTrial      *trial);

G_END_DECLS
