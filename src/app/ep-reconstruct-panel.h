/* ep-reconstruct-panel.h: the digitizer's side panel that reconstructs a traced curve and uses it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "use" half of the digitizer (EpDigitizer embeds it under its curves): the numbers at
 * risk (typed or pasted), the totals, the time unit, the figure's source and the cohort's name,
 * and Reconstruct, which makes the curve a cohort of the project
 * (model/ep-reconstruction.h); then Overlay (on a Kaplan-Meier figure of the project), Compare
 * (log-rank and Cox against a cohort, with the caveat), Combine (a new cohort of both) and
 * Attach (to a catalog arm). It works on one curve of a digitized figure kept in the project,
 * which its owner names (ep_reconstruct_panel_set_curve()); the owner keeps the figure in the
 * project (::keep) and follows the links the project gives the curve (::curve-linked).
 * The buttons' actions are reconstruct-panel.reconstruct, .overlay, .compare, .combine and
 * .attach.
 */
#pragma once

#include <adwaita.h>

#include "model/ep-project.h"

G_BEGIN_DECLS

#define EP_TYPE_RECONSTRUCT_PANEL (ep_reconstruct_panel_get_type ())

G_DECLARE_FINAL_TYPE (EpReconstructPanel, ep_reconstruct_panel, EP, RECONSTRUCT_PANEL, GtkBox)

GtkWidget  *ep_reconstruct_panel_new          (void);
/* The project (NULL: none; the controls stay inactive). */
void        ep_reconstruct_panel_set_project  (EpReconstructPanel  *self,
                                               EpProject           *project);
/* The curve worked on: curve number `curve` (-1: none) of the project's digitized figure
 * `figure_name` (NULL: not kept in a project), named `curve_name`, and the cohort
 * reconstructed from it (NULL: not yet). Copied. */
void        ep_reconstruct_panel_set_curve    (EpReconstructPanel  *self,
                                               const char          *figure_name,
                                               int                  curve,
                                               const char          *curve_name,
                                               const char          *cohort);
/* The publication the figure comes from, as shown in the Source entry (the property
 * "citation", notified when it changes, typed or set). */
void        ep_reconstruct_panel_set_citation (EpReconstructPanel  *self,
                                               const char          *citation);
const char *ep_reconstruct_panel_get_citation (EpReconstructPanel  *self);
/* Hides what Reconstruct and the "use" buttons said (a new figure). */
void        ep_reconstruct_panel_clear        (EpReconstructPanel  *self);
/* Fills the lists again: the project's Kaplan-Meier figures and cohorts, the catalog's arms. */
void        ep_reconstruct_panel_refresh      (EpReconstructPanel  *self);

/* What the buttons do; as ep_digitizer_set_at_risk() and the rest (ep-digitizer.h). */
void        ep_reconstruct_panel_set_at_risk  (EpReconstructPanel  *self,
                                               const char          *text);
void        ep_reconstruct_panel_set_totals   (EpReconstructPanel  *self,
                                               int                  total_events,
                                               int                  total);
EpCohort   *ep_reconstruct_panel_reconstruct  (EpReconstructPanel  *self,
                                               GError             **error);
gboolean    ep_reconstruct_panel_overlay      (EpReconstructPanel  *self,
                                               const char          *figure_name,
                                               GError             **error);
char       *ep_reconstruct_panel_compare      (EpReconstructPanel  *self,
                                               const char          *cohort_name,
                                               GError             **error);
EpCohort   *ep_reconstruct_panel_combine      (EpReconstructPanel  *self,
                                               const char          *cohort_name,
                                               GError             **error);
gboolean    ep_reconstruct_panel_attach       (EpReconstructPanel  *self,
                                               const char          *trial_id,
                                               const char          *arm);

G_END_DECLS
