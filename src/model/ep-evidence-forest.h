/* ep-evidence-forest.h: a forest plot of catalog arms with options
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any proportion of the catalog (CR, MRD-negative, relapse, consolidative HSCT), pooled on the
 * logit scale as metafor's rma (measure "PLO") with the chosen model (fixed effect, DL, REML;
 * Knapp-Hartung), optionally by subgroup (class, population, setting, definition, denominator),
 * sorted, with or without the overall diamond and a prediction interval, on a chosen axis. The
 * comparability guard runs first: an overlap is refused; its other warnings, the method and the
 * arms left out are printed under the forest (and so on every export).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "core/ep-meta.h"
#include "model/ep-figure.h"

G_BEGIN_DECLS

typedef enum
{
  EP_EVIDENCE_SORT_SELECTION,     /* as selected */
  EP_EVIDENCE_SORT_NAME,
  EP_EVIDENCE_SORT_EFFECT,        /* by the arm's proportion, ascending */
  EP_EVIDENCE_SORT_SIZE,          /* by N, descending */
} EpEvidenceSort;

typedef struct
{
  const char     *outcome;        /* "cr" (default), "mrd", "relapse", "hsct" */
  EpMetaMethod    method;         /* default DL */
  gboolean        knapp_hartung;
  gboolean        prediction;     /* print the prediction interval of each random-effects pool */
  gboolean        show_overall;   /* default TRUE */
  EpEvidenceSort  sort;
  double          x_min;          /* percent; NaN: automatic */
  double          x_max;
  const char     *subgroup;       /* NULL or "none", "class", "population", "setting",
                                   * "definition", "denominator" */
} EpEvidenceForestOptions;

void        ep_evidence_forest_options_init (EpEvidenceForestOptions       *options);

/* The field names accepted as subgroup, NULL-terminated. */
const char * const *ep_evidence_forest_subgroup_fields (void);
/* The outcome keys, NULL-terminated: "cr", "mrd", "relapse", "hsct". */
const char * const *ep_evidence_forest_outcomes (void);

/* trials: EpTrial. *result (may be NULL) receives the meta-analysis (free with
 * ep_meta_result_free); *labels the arms pooled, in the forest's order; *groups the subgroups'
 * names in the result's order (empty without subgroups). Each out argument may be NULL. */
EpFigure   *ep_evidence_forest_new          (GPtrArray                     *trials,
                                             const EpEvidenceForestOptions *options,
                                             EpMetaResult                 **result,
                                             GStrv                         *labels,
                                             GStrv                         *groups,
                                             GError                       **error);

/* The figure again from what a project keeps of it (ep-trial-browser.c writes it):
 * {"kind": "forest-proportions", "trials": [ids], "outcome": "cr" | "mrd-negative" | "relapse" |
 * "hsct", "options": {"method": "FE"|"DL"|"REML", "knapp_hartung", "prediction", "show_overall",
 * "sort", "subgroup", "x_min", "x_max"}}. */
EpFigure   *ep_evidence_forest_new_from_source (JsonObject                 *source,
                                                GError                    **error);

G_END_DECLS
