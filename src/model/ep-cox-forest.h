/* ep-cox-forest.h: a Cox model's hazard ratios as a figure in the layout of seed 002's Table 3
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One heading per factor (its display name), one row per level in the user's order, the
 * reference first ("Male (ref)"), with events/n of each level in the multivariable model's
 * rows; the univariable HR (one model per covariate) and the multivariable HR side by side,
 * each with its p written when drawn as the result table writes it (ep_analysis_format_p()),
 * in the figure's decimal mark; fixed words are msgids drawn in the figure's language. A number
 * covariate is one row. docs/cox.md says why two panels.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/ep-cox.h"
#include "core/ep-design.h"
#include "model/ep-cohort.h"
#include "plot/ep-forest-plot.h"

G_BEGIN_DECLS

typedef struct
{
  char      *name;       /* the column's display name ("ECOG performance status") */
  char      *column;     /* the column ("ph_ecog") */
  gboolean   numeric;    /* a number: one level, the term itself */
  guint      n_levels;
  char     **labels;     /* n_levels display labels, the reference first; NULL-terminated */
  char     **terms;      /* n_levels term names ("sex=2"); NULL for the reference level */
  guint     *n;          /* n_levels: patients of each level in the model's rows */
  guint     *events;     /* n_levels: their events */
} EpCoxFactor;

void          ep_cox_factor_free      (EpCoxFactor         *factor);

/* The factors of design (made by ep_analysis_build_cox_design() on the cohort's columns
 * covariates), counted over its rows with status (design->n values, 0 censored). Returns a
 * GPtrArray of EpCoxFactor, one per covariate. */
GPtrArray    *ep_cox_factors_new      (EpCohort            *cohort,
                                       const char * const  *covariates,
                                       const EpDesign      *design,
                                       const int           *status);

/* For the project file: [{"name", "column", "numeric", "labels", "terms", "n", "events"}]. */
JsonArray    *ep_cox_factors_to_json  (const GPtrArray     *factors);
/* NULL with error naming where and the member when the array is malformed. */
GPtrArray    *ep_cox_factors_from_json (JsonArray          *array,
                                        const char         *where,
                                        GError            **error);

/* The figure: multi (with its design's term names and labels) and, for each of n_covariates
 * covariates, its univariable model uni[j] with uni_design[j] (NULL where it failed; all NULL
 * or n_covariates == 0: one panel). factors: ep_cox_factors_new()'s, or NULL (a result saved
 * before they were: one row per term, labelled by the design's term labels). The plot has
 * two panels when there are univariable models, univariable on the left. */
EpForestPlot *ep_cox_forest_new       (const EpCoxFit             *multi,
                                       const EpDesign             *design,
                                       const EpCoxFit * const     *uni,
                                       const EpDesign * const     *uni_design,
                                       guint                       n_covariates,
                                       const GPtrArray            *factors);

G_END_DECLS
