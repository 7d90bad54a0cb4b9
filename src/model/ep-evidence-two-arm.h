/* ep-evidence-two-arm.h: catalog arms of randomized trials as two-arm contrasts, pooled
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two selected arms of one trial (TOWER: blinatumomab vs chemotherapy) make one 2 x 2 table
 * for an outcome: events/N in the experimental arm against events/N in the control arm. The
 * tables of the selected trials are pooled as an odds ratio, a risk ratio or a risk
 * difference by Mantel-Haenszel (metafor rma.mh), Peto (rma.peto, odds ratio only) or inverse
 * variance (escalc + rma.uni with the options' tau^2 estimator), with metafor's 0.5
 * continuity-correction rules (core/ep-meta-binary.h); the forest plot states the method.
 *
 * Which arm is which: the arm whose catalog `comparisons` name the other is experimental;
 * otherwise the arm that is not chemotherapy; otherwise the first selected. Like with like:
 * when the two arms define the outcome differently (TOWER's blinatumomab CR/CRi 44% against
 * the chemotherapy arm's CR 16%), an `outcomes` entry of one arm with the other arm's
 * definition is used instead (the blinatumomab arm's "CR alone", 34%), and the figure says so;
 * when there is none, the figure says that the definitions differ.
 */
#pragma once

#include <glib.h>

#include "core/ep-meta-binary.h"
#include "model/ep-evidence-forest.h"
#include "plot/ep-plot-phrase.h"
#include "model/ep-figure.h"

G_BEGIN_DECLS

typedef struct
{
  guint                k;          /* trials with two arms reporting the outcome */
  char               **labels;     /* [k] trial names, NULL-terminated */
  char               **arm1;       /* [k] the experimental arm's name */
  char               **arm2;       /* [k] the control arm's name */
  guint               *a;          /* [k] events, experimental arm */
  guint               *n1;         /* [k] patients, experimental arm */
  guint               *c;          /* [k] events, control arm */
  guint               *n2;         /* [k] patients, control arm */
  EpMetaBinaryMeasure  measure;
  EpEvidencePooling    pooling;
  EpMetaFixedResult   *fixed;      /* Mantel-Haenszel or Peto; NULL for inverse variance */
  EpMetaResult        *iv;         /* inverse variance; NULL otherwise */
  GPtrArray           *notes;      /* char *: like-with-like choices, arms left out, in the
                                    * app's language */
  GPtrArray           *note_phrases; /* EpPlotPhrase: the same, for the figure's language */
} EpTwoArmResult;

void        ep_two_arm_result_free   (EpTwoArmResult *result);

/* ep_evidence_two_arm_pool: the 2 x 2 tables of the selected arms (trials: EpTrial) for
 * options->outcome, pooled as options->effect by options->pooling (options->method is the
 * tau^2 estimator of inverse-variance pooling; GLMM there means REML). Arms without a partner
 * from their trial, or without the outcome, are left out and listed in notes.
 * Errors: EP_FIGURE_ERROR_NO_DATA when no trial has two arms with the outcome; the core's
 * errors (an undefined estimate, Peto with a measure other than OR). */
EpTwoArmResult *ep_evidence_two_arm_pool (GPtrArray                     *trials,
                                          const EpEvidenceForestOptions *options,
                                          GError                       **error);

/* Trial s's own effect as the forest shows it: exp (yi), or yi for a risk difference, with the
 * interval yi -+ z sqrt (vi) at level (escalc's, with its 0.5 correction of a zero cell); FALSE
 * when the table has no effect (no event in either arm). */
gboolean    ep_two_arm_result_get_study (const EpTwoArmResult *result,
                                         guint                 s,
                                         double                level,
                                         double               *estimate,
                                         double               *lower,
                                         double               *upper);

/* The forest of ep_evidence_two_arm_pool()'s result: one row per trial (the counts of both
 * arms, its effect and CI, its weight), the pooled diamond with heterogeneity, the method and
 * the notes under it. *result (may be NULL) receives the pooled numbers. */
EpFigure   *ep_evidence_two_arm_new  (GPtrArray                     *trials,
                                      const EpEvidenceForestOptions *options,
                                      EpTwoArmResult               **result,
                                      GError                       **error);

/* "Mantel-Haenszel odds ratio (metafor rma.mh)" ... translated: for the figure and Compare. */
char       *ep_evidence_two_arm_method_text (EpMetaBinaryMeasure measure,
                                             EpEvidencePooling   pooling,
                                             EpMetaMethod        method);

/* The same, made when drawn in the figure's language. */
EpPlotPhrase *ep_evidence_two_arm_method_phrase (EpMetaBinaryMeasure measure,
                                                 EpEvidencePooling   pooling,
                                                 EpMetaMethod        method);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpTwoArmResult, ep_two_arm_result_free)

G_END_DECLS
