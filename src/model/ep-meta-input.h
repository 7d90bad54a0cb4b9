/* ep-meta-input.h: catalog arms as the input of a meta-analysis of proportions
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trial catalog reports outcomes as percentages of an arm's patients (CR 81%, MRD-negative
 * 52%). To pool one outcome across the arms a user selected, each arm becomes a study with
 * events = round (n x percent / 100), grouped by therapy class, and an arm that does not report
 * the outcome is left out and listed, so the forest plot can say which trials are missing.
 *
 * This works over a plain array of EpMetaArm, which EpTrial's arms are copied into; it holds no
 * reference to the catalog.
 */
#pragma once

#include <glib.h>

#include "core/ep-meta.h"

G_BEGIN_DECLS

#define EP_META_INPUT_ERROR (ep_meta_input_error_quark ())

typedef enum
{
  EP_META_INPUT_ERROR_INVALID,    /* a percentage outside 0..100 */
} EpMetaInputError;

/* One arm of one trial and its value for the outcome being pooled. */
typedef struct
{
  const char *label;         /* the study's name in the forest plot, e.g. "ELIANA" */
  const char *class_name;    /* therapy class, e.g. "CAR T"; the subgroup */
  int         n;             /* patients; -1 (or 0): not reported, as ep_trial_get_n() */
  double      percent;       /* the outcome in percent of n, 0..100; NaN: not reported, as
                              * ep_trial_get_cr_pct() and ep_trial_get_mrd_neg_pct() */
} EpMetaArm;

typedef enum
{
  EP_META_ARM_OUTCOME_NOT_REPORTED,
  EP_META_ARM_N_NOT_REPORTED,
} EpMetaArmExclusion;

typedef struct
{
  /* The studies, in the order of the arms; subgroup codes index subgroup_names. */
  guint                k;
  char               **labels;          /* [k], NULL-terminated */
  guint               *events;          /* [k] round (n x percent / 100), half to even as R */
  guint               *total;           /* [k] n */
  guint               *subgroup;        /* [k] */
  guint               *arm_index;       /* [k] the arm each study comes from */
  guint                n_subgroups;
  char               **subgroup_names;  /* [n_subgroups], NULL-terminated, sorted as ep-levels */

  /* The arms left out. */
  guint                n_excluded;
  guint               *excluded;        /* [n_excluded] arm indices */
  EpMetaArmExclusion  *exclusion;       /* [n_excluded] why */
} EpMetaInput;

GQuark        ep_meta_input_error_quark (void);

/* ep_meta_input_new: the proportions meta-analysis input for one outcome.
 *
 * Input:   arms[n_arms]; arms not reporting the outcome (percent NaN) or their size (n < 1)
 *          are left out and listed in excluded with the reason.
 * Output:  events_i = round (n_i x percent_i / 100), computed as R computes
 *          round (n * pct / 100) (the product first, then the division; ties to even), so the
 *          reference data's `cr` column is reproduced; classes become subgroups in the order of
 *          ep_levels_new() (as endpoint-cli meta --subgroup orders them).
 * Errors:  EP_META_INPUT_ERROR_INVALID for a reported percentage outside 0..100 (or infinite),
 *          naming the arm. No arm left is not an error here: ep_meta_pool() reports k = 0. */
EpMetaInput  *ep_meta_input_new         (const EpMetaArm  *arms,
                                         guint             n_arms,
                                         GError          **error);

void          ep_meta_input_free        (EpMetaInput      *input);

/* Fills data (measure logit or ft) to point into input, which must outlive it. Without
 * subgroups, pass with_subgroups FALSE. */
void          ep_meta_input_get_data    (const EpMetaInput *input,
                                         EpMetaMeasure      measure,
                                         gboolean           with_subgroups,
                                         EpMetaData        *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpMetaInput, ep_meta_input_free)

G_END_DECLS
