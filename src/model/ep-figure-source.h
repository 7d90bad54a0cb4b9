/* ep-figure-source.h: a figure's data source as JSON, and the figure made from it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An EpFigure keeps its results, not the arguments that produced them; a project must make each
 * figure again when it is opened. A source is the arguments of the ep_figure_new_*() call, as a
 * JSON object (optional members in brackets):
 *
 *   {"kind": "km", "cohort": C, "endpoint": E, ["group": G]}          ep_figure_new_km
 *   {"kind": "km", "cohort": C, "time": T, "event": D, ["group": G]}  ep_figure_new_km_columns
 *   {"kind": "cif", "cohort": C, "time": T, "status": S, ["group": G]}
 *   {"kind": "cox-table", "cohort": C, "time": T, "event": D, "covariates": [A, B, …]}
 *   {"kind": "forest-ratios", "cohort": C, "label": L, "ratio": R, "lower": LO, "upper": UP,
 *    ["subgroup": SG]}
 *   {"kind": "forest-proportions", "trials": [catalog ids], "outcome": "cr" | "mrd-negative"}
 *
 * C names a cohort, found through the lookup function (a project's cohorts); catalog ids are
 * looked up in the bundled catalog, each arm labelled with its trial's name (and its arm's, when
 * two arms of one trial are picked), grouped by therapy class: as the Trials page does.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "model/ep-cohort.h"
#include "model/ep-figure.h"

G_BEGIN_DECLS

typedef EpCohort *(*EpCohortLookupFunc) (const char *name,
                                         gpointer    user_data);

/* NULL with EP_FIGURE_ERROR_INVALID (a malformed source, an unknown cohort or trial) or the
 * constructor's error. The figure has its default options. */
EpFigure  *ep_figure_new_from_source   (JsonObject          *source,
                                        EpCohortLookupFunc   lookup,
                                        gpointer             user_data,
                                        GError             **error);

/* The cohort a source names, or NULL (forest-proportions). */
const char *ep_figure_source_get_cohort (JsonObject         *source);

G_END_DECLS
