/* ep-reconstruction.h: a published arm, reconstructed from a digitized figure, as a cohort
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 17, docs/reconstruction.md. A curve traced in the digitizer (kept in the project as an
 * EpProjectCurve of an EpProjectDigitized) becomes patients by Guyot's algorithm
 * (core/ep-reconstruct.h): a cohort with the columns time, event (1 event, 0 censored) and arm
 * (the curve's name), usable in every analysis. The curve names that cohort, so the project
 * knows it is reconstructed, from which figure and citation (ep_project_find_reconstruction());
 * it may also name the catalog arm it belongs to, for the Trials page. Every use says that the
 * data are approximate (ep_reconstruction_caveat()).
 */
#pragma once

#include "core/ep-reconstruct.h"
#include "model/ep-cohort.h"
#include "model/ep-figure.h"
#include "model/ep-project.h"

G_BEGIN_DECLS

/* The sentence shown beside every figure and test that uses reconstructed data. */
const char *ep_reconstruction_caveat        (void);

/* "Tisagenlecleucel (reconstructed from Maude 2018)": a published arm named in a sentence (the
 * note above a reconstructed cohort's results). The source is the figure's citation, else its
 * file name. */
char       *ep_reconstruction_label         (const EpProjectDigitized *figure,
                                             const EpProjectCurve     *curve);
/* "Tisagenlecleucel (Maude 2018)": a published arm named in a figure, short enough for a legend
 * and a table of numbers at risk at journal size (85 mm): the overlay's legend entry and the
 * published level of a combined cohort's column "source" (and so its curve, its row at risk and
 * its Cox term). The figure's caveat says that the arm is reconstructed
 * (docs/reconstruction.md, "Combining with your patients"). */
char       *ep_reconstruction_figure_label  (const EpProjectDigitized *figure,
                                             const EpProjectCurve     *curve);

/* Reconstructs curve `curve` of the digitized figure `figure_name` from the numbers at risk
 * (n_rows rows of risk_time, n_risk; n_rows 0: none) and the totals (-1: unknown), as
 * endpoint-cli reconstruct does, and adds the cohort `cohort_name` (columns time, event, arm;
 * roles time, event, group; an endpoint "OS" in `unit`) to the project, linked from the curve.
 * Returns the cohort (the project's), or NULL with the reconstruction's error. */
EpCohort   *ep_project_reconstruct_curve    (EpProject                *project,
                                             const char               *figure_name,
                                             guint                     curve,
                                             const double             *risk_time,
                                             const double             *n_risk,
                                             gsize                     n_rows,
                                             int                       total,
                                             int                       total_events,
                                             EpTimeUnit                unit,
                                             const char               *cohort_name,
                                             GError                  **error);

/* The same, and with report not NULL also the reconstruction's result (the fit's RMSE and
 * maximum difference, the at-risk table as reconstructed, the warnings; to free). */
EpCohort   *ep_project_reconstruct_curve_full (EpProject            *project,
                                               const char           *figure_name,
                                               guint                 curve,
                                               const double         *risk_time,
                                               const double         *n_risk,
                                               gsize                 n_rows,
                                               int                   total,
                                               int                   total_events,
                                               EpTimeUnit            unit,
                                               const char           *cohort_name,
                                               EpReconstructResult **report,
                                               GError              **error);

/* Sets the reconstructed cohort `cohort_name` (NULL: none) beside the curves of the project's
 * Kaplan-Meier figure: dashed, labelled with its source (ep_reconstruction_label()), the caveat
 * among the figure's notes (ep_figure_set_overlay()). The figure's data source keeps the
 * cohort's name ("overlay": C), so the overlay is saved with the project and drawn again when
 * it is opened; removing the cohort removes it. A change is a step of the project's history
 * (ep_project_undo() puts the previous published arm, or none, back). FALSE with an error when
 * the cohort is not a reconstruction of the project or the figure is not a Kaplan-Meier
 * figure. */
gboolean    ep_project_set_figure_overlay   (EpProject                *project,
                                             EpFigure                 *figure,
                                             const char               *cohort_name,
                                             GError                  **error);
/* The reconstructed cohort overlaid on the figure, or NULL. */
const char *ep_project_get_figure_overlay   (EpProject                *project,
                                             EpFigure                 *figure);

/* Attaches curve `curve` of the digitized figure to a catalog arm (trial id, arm label; NULL
 * detaches it), so that the Trials page shows its curve. */
void        ep_project_attach_curve         (EpProject                *project,
                                             const char               *figure_name,
                                             guint                     curve,
                                             const char               *trial_id,
                                             const char               *arm);

/* The time and event columns of the user's cohort as Compare and Combine read them: its first
 * time endpoint's (*endpoint: that endpoint, for its unit), else the columns with the time and
 * event roles (*endpoint NULL: the unit is not known). FALSE when it has neither. endpoint may
 * be NULL. */
gboolean    ep_reconstruction_own_columns   (EpCohort                 *cohort,
                                             const char              **time_column,
                                             const char              **event_column,
                                             EpCohortEndpoint        **endpoint);

/* The user's cohort (time and event columns, numbers, event 1 / censored 0; rows missing
 * either are dropped) against a reconstructed one (its time and event columns): the log-rank
 * test (survdiff) and the Cox hazard ratio of the published arm against the user's patients
 * (coxph, Efron), with the caveat. The user's times are in the unit of the cohort's time
 * endpoint on these columns, if it has one, and are converted to the published arm's (its
 * endpoint "OS") when the two differ (weeks to months: x 7 / 30.4375); with either unit
 * unknown they are taken as they are. */
typedef struct
{
  gsize    n_own, n_published;
  guint    events_own, events_published;
  double   chisq, p;                 /* log-rank, 1 df */
  double   hr, hr_lower, hr_upper;   /* published vs own, 95% CI */
  char    *caveat;
} EpReconstructionComparison;

EpReconstructionComparison *ep_reconstruction_compare (EpCohort     *own,
                                                       const char   *time_column,
                                                       const char   *event_column,
                                                       EpCohort     *published,
                                                       GError      **error);
void        ep_reconstruction_comparison_free (EpReconstructionComparison *comparison);

/* The patients of a reconstructed cohort (its time and event columns): arrays of n, to
 * g_free. FALSE when the cohort has no such number columns. */
gboolean    ep_reconstruction_get_patients  (EpCohort                 *cohort,
                                             double                  **time,
                                             int                     **status,
                                             gsize                    *n);

/* "Combine with your patients" (docs/reconstruction.md): a NEW cohort of the project made of
 * the user's cohort `own_name` (its time and event columns as ep_reconstruction_own_columns()
 * reads them, times converted to the published arm's unit as ep_reconstruction_compare()
 * does) followed by the patients of the reconstructed cohort `published_name`, with the
 * columns time, event (1 event, 0 censored) and source, a category whose levels are the own
 * cohort's name and the published arm's short label ("Drug X (Smith 2020)",
 * ep_reconstruction_figure_label()), in that order (value labels: the user's patients are the
 * reference of a Cox model and the first curve); roles time, event and group, and a time
 * endpoint (the own endpoint's name, else "OS") in the published arm's unit. Neither source
 * cohort is changed. combined_name NULL: "OWN + LABEL"; a name that is taken is numbered
 * ("… (2)"). The cohort is marked as partly
 * reconstructed (ep_project_find_combined(): its figures carry the caveat, its results the
 * note ep_project_get_reconstruction_note()), saved with the project, and its creation is a
 * step of the project's history (ep_project_undo() takes it out again, redo puts it back).
 * It is a snapshot: later edits of either source cohort do not reach it. Returns the cohort
 * (the project's), or NULL with an error: no such cohort, published_name not a reconstructed
 * cohort, own_name a reconstructed or combined one or without time and event columns, an
 * event that is not 0 or 1. */
EpCohort   *ep_project_combine_with_reconstruction (EpProject    *project,
                                                    const char   *own_name,
                                                    const char   *published_name,
                                                    const char   *combined_name,
                                                    GError      **error);

/* Whether cohort_name was made by ep_project_combine_with_reconstruction(); if so, the names
 * of the cohorts it was made from and the published arm's label, as they were then (each may
 * be NULL; transfer none). */
gboolean    ep_project_find_combined        (EpProject                *project,
                                             const char               *cohort_name,
                                             const char              **own_name,
                                             const char              **published_name,
                                             const char              **label);

/* What the results of a cohort say above them (translated; NULL for a cohort with no
 * reconstructed data): for a reconstructed cohort its source and the caveat; for a combined
 * one what it was made from and when, that it is a snapshot, and the caveat. */
char       *ep_project_get_reconstruction_note (EpProject             *project,
                                                const char            *cohort_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpReconstructionComparison, ep_reconstruction_comparison_free)

G_END_DECLS
