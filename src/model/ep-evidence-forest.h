/* ep-evidence-forest.h: a forest plot of catalog arms with options
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any proportion of the catalog (CR, MRD-negative, relapse, consolidative HSCT), pooled on the
 * logit scale as metafor's rma (measure "PLO") with the chosen model (fixed effect; random
 * effects by DL, REML, PM, SJ or ML, with Knapp-Hartung; or the random-intercept logistic model,
 * rma.glmm, the recommended one for proportions) at a chosen confidence level, optionally by
 * subgroup (class, population, setting, definition, denominator),
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

/* What each study is: an arm's proportion, or a contrast of two arms of one randomized trial
 * (ep-evidence-two-arm.h). */
typedef enum
{
  EP_EVIDENCE_EFFECT_PROPORTION,  /* default */
  EP_EVIDENCE_EFFECT_OR,
  EP_EVIDENCE_EFFECT_RR,
  EP_EVIDENCE_EFFECT_RD,
} EpEvidenceEffect;

/* How two-arm contrasts are pooled. */
typedef enum
{
  EP_EVIDENCE_POOLING_MH,         /* Mantel-Haenszel, fixed effect (default) */
  EP_EVIDENCE_POOLING_PETO,       /* Peto's odds ratio, fixed effect */
  EP_EVIDENCE_POOLING_IV,         /* inverse variance with the options' method */
} EpEvidencePooling;

typedef struct
{
  const char     *outcome;        /* "cr" (default), "mrd", "relapse", "hsct" */
  EpMetaMethod    method;         /* default DL (the app's dialog proposes GLMM) */
  gboolean        knapp_hartung;  /* not with FE or GLMM */
  double          level;          /* confidence level of every interval; default 0.95 */
  gboolean        prediction;     /* print the prediction interval of each random-effects pool */
  gboolean        show_overall;   /* default TRUE */
  EpEvidenceSort  sort;
  double          x_min;          /* percent; NaN: automatic */
  double          x_max;
  const char     *subgroup;       /* NULL or "none", "class", "population", "setting",
                                   * "definition", "denominator" */
  EpEvidenceEffect  effect;       /* not a proportion: ep_evidence_two_arm_new() draws it */
  EpEvidencePooling pooling;
} EpEvidenceForestOptions;

void        ep_evidence_forest_options_init (EpEvidenceForestOptions       *options);

/* The options as a project keeps them (the figure source's "options" member, below), and back:
 * a missing member reads as its default; an unknown subgroup field is kept (pointing into
 * object) for ep_evidence_forest_new() to refuse. */
JsonObject *ep_evidence_forest_options_to_json   (const EpEvidenceForestOptions *options);
void        ep_evidence_forest_options_from_json (JsonObject                    *object,
                                                  EpEvidenceForestOptions       *options);
/* "FE", "DL", "REML", "PM", "SJ", "ML", "GLMM" (endpoint-cli meta --method), and back;
 * FALSE for another text. */
const char *ep_evidence_forest_method_to_string  (EpMetaMethod                   method);
gboolean    ep_evidence_forest_method_from_string (const char                   *text,
                                                   EpMetaMethod                 *method);
/* One line on the method for a reader: "Random effects, GLMM (random-intercept logistic
 * model)"... translated. */
const char *ep_evidence_forest_method_title      (EpMetaMethod                   method);
/* The same as an N_() msgid, for a figure's text in the figure's language. */
const char *ep_evidence_forest_method_msgid      (EpMetaMethod                   method);

/* The field names accepted as subgroup, NULL-terminated. */
const char * const *ep_evidence_forest_subgroup_fields (void);
/* The outcome keys, NULL-terminated: "cr", "mrd", "relapse", "hsct". */
const char * const *ep_evidence_forest_outcomes (void);

/* trials: EpTrial. With options->effect other than a proportion, the figure is
 * ep_evidence_two_arm_new()'s and the out arguments are left NULL. *result (may be NULL) receives the meta-analysis (free with
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
 * "hsct", "options": {"method": "FE"|"DL"|"REML"|"PM"|"SJ"|"ML"|"GLMM", "knapp_hartung",
 * "level", "prediction", "show_overall", "sort", "subgroup", "x_min", "x_max", "effect":
 * "proportion"|"OR"|"RR"|"RD", "pooling": "MH"|"PETO"|"IV"}}. */
EpFigure   *ep_evidence_forest_new_from_source (JsonObject                 *source,
                                                GError                    **error);

G_END_DECLS
