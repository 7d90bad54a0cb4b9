/* ep-comparability.h: the comparability guard for catalog arms
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before Compare or a pooled figure, ep_comparability_check() looks at the selected arms for
 * one outcome and says what differs: patients counted twice (a pooled analysis selected with
 * the trials it contains: pooling is refused), definitions (CR vs CR/CRh vs CR/CRi), whom the
 * denominator counts, populations (age group), settings (r/r vs MRD-positive vs frontline),
 * estimate kinds (crude proportion vs cumulative incidence), and disputed numbers (a record's
 * `conflicts` about n). Each warning has a message and a remedy; the figure prints them as
 * footnotes (docs/catalog.md, "Comparability guard").
 */
#pragma once

#include <glib.h>

#include "model/ep-figure.h"
#include "model/ep-trial.h"
#include "plot/ep-plot-phrase.h"

G_BEGIN_DECLS

typedef enum
{
  EP_COMPARABILITY_OVERLAP,        /* patients counted twice: refuses pooling */
  EP_COMPARABILITY_DEFINITION,
  EP_COMPARABILITY_DENOMINATOR,
  EP_COMPARABILITY_POPULATION,
  EP_COMPARABILITY_SETTING,
  EP_COMPARABILITY_ESTIMATE,
  EP_COMPARABILITY_DISPUTED,
} EpComparabilityKind;

typedef struct
{
  EpComparabilityKind  kind;
  gboolean             blocks_pooling;
  char                *message;    /* what differs, naming the arms */
  char                *remedy;     /* what to do: exclude, keep the parent or the parts, stratify */
  char               **ids;        /* the records concerned (for an overlap: parent first) */
  char                *field;      /* the field to stratify by ("population"), or NULL */
  EpPlotPhrase        *phrase;     /* message, for a figure: written in its language */
} EpComparabilityWarning;

/* outcome: "cr", "mrd", "relapse" or "hsct". trials: EpTrial. Returns EpComparabilityWarning
 * (free function set), possibly empty, in the order of the kinds above. */
GPtrArray *ep_comparability_check          (GPtrArray   *trials,
                                            const char  *outcome);
/* FALSE when a warning forbids pooling the selection. */
gboolean   ep_comparability_can_pool       (GPtrArray   *warnings);
/* One line per warning, "Note: <message>", for a figure or a toast; NULL when none. */
char      *ep_comparability_footnote       (GPtrArray   *warnings);
#define EP_COMPARABILITY_ERROR (ep_comparability_error_quark ())

typedef enum
{
  EP_COMPARABILITY_ERROR_OVERLAP,  /* the selection counts patients twice */
} EpComparabilityError;

GQuark     ep_comparability_error_quark    (void);

/* The guarded forest of catalog arms: checks the selection (refusing an overlap with an
 * EP_COMPARABILITY_ERROR that names the parent and its parts), builds the forest as
 * ep_figure_new_forest_arms() (n is the outcome's denominator where the catalog gives it, else
 * the arm's n) and prints the warnings as footnotes. *warnings (may be NULL) receives them. */
EpFigure  *ep_comparability_new_forest     (GPtrArray       *trials,
                                            EpFigureOutcome  outcome,
                                            GPtrArray      **warnings,
                                            GError         **error);
/* Prints each warning under a forest figure (and so on its export), resizing it to fit. */
void       ep_comparability_add_footnotes  (EpFigure    *figure,
                                            GPtrArray   *warnings);

G_END_DECLS
