/* ep-evidence.h: how a catalog number is shown: value with its exact CI, definition,
 * denominator, and a citation instead of a file name
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "io/ep-catalog-reader.h"

G_BEGIN_DECLS

/* A readable citation for a source document: the five seed files by their article
 * ("Topp et al., Cancer 2021"); any other document as given. */
const char *ep_evidence_document_citation (const char              *document);

/* The N behind a percentage: the outcome's denominator, else the arm's n when the outcome
 * counts enrolled patients (or does not say whom), else for a percentage of responders
 * round (n × CR% / 100) with *derived (may be NULL) set; -1 when unknown. */
int         ep_evidence_outcome_total     (const EpCatalogRecord   *record,
                                           const EpCatalogOutcome  *outcome,
                                           gboolean                *derived);

/* "81% (95% CI 70.7–89.4)": the printed percentage and the exact Clopper-Pearson interval
 * (R binom.test) of x/N, x the numerator or round (value × N / 100); "81%" when N is unknown;
 * "—" when the outcome is NULL or not reported. A reported 0 is "0%". */
char       *ep_evidence_format_outcome    (const EpCatalogRecord   *record,
                                           const EpCatalogOutcome  *outcome);
/* "CR/CRi · 61/75 infused · crude proportion": what the number counts; "" for NULL. */
char       *ep_evidence_describe_outcome  (const EpCatalogRecord   *record,
                                           const EpCatalogOutcome  *outcome);
/* "Seed citation, location" of the number (its own source, else the record's first
 * provenance), for a tooltip. */
char       *ep_evidence_outcome_source    (const EpCatalogRecord   *record,
                                           const EpCatalogOutcome  *outcome);
/* "56.7% (17/30)", "4/30", "0/30", "11%"; "—" when neither n nor pct. */
char       *ep_evidence_format_toxicity   (const EpCatalogToxicity *toxicity);

G_END_DECLS
