/* ep-digitizer.h: a window that turns a published Kaplan-Meier figure into points
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open a PNG, JPEG, SVG or PDF page (src/io/ep-image.h); calibrate each axis by clicking two of
 * its ticks and typing their values; click a curve to trace it by its colour
 * (src/io/ep-digitize.h); add points with a click and delete the nearest with a right click;
 * several curves, each with a name; save them as CSV (curve,time,surv) for
 * endpoint-cli reconstruct. Positions are in the image's own units (pixels; SVG pixels; PDF
 * points), as endpoint-cli digitize takes them. Under the curves, a panel of its own
 * (EpReconstructPanel, app/ep-reconstruct-panel.h) works on the selected curve: the numbers at
 * risk (typed or pasted), the totals and Reconstruct, which makes the curve a cohort of the
 * project (model/ep-reconstruction.h); then Overlay (on a Kaplan-Meier figure of the project),
 * Compare (log-rank and Cox against a cohort, with the caveat), Combine and Attach (to a
 * catalog arm). The ep_digitizer_ calls below for those are the panel's.
 */
#pragma once

#include <adwaita.h>

#include "app/ep-reconstruct-panel.h"
#include "model/ep-project.h"

G_BEGIN_DECLS

#define EP_TYPE_DIGITIZER (ep_digitizer_get_type ())

G_DECLARE_FINAL_TYPE (EpDigitizer, ep_digitizer, EP, DIGITIZER, AdwWindow)

typedef enum
{
  EP_DIGITIZER_TICK_X1,
  EP_DIGITIZER_TICK_X2,
  EP_DIGITIZER_TICK_Y1,
  EP_DIGITIZER_TICK_Y2,
} EpDigitizerTick;

GtkWidget  *ep_digitizer_new            (GtkWindow        *parent);
gboolean    ep_digitizer_open           (EpDigitizer      *self,
                                         const char       *path,
                                         GError          **error);
/* The project the figure, its calibration and its curves are kept in (as a digitized figure,
 * updated after every change), or NULL. Set it before opening a file. */
void        ep_digitizer_set_project    (EpDigitizer      *self,
                                         EpProject        *project);
/* The name the figure is kept under in the project, or NULL. */
const char *ep_digitizer_get_stored_name (EpDigitizer     *self);
/* The publication the figure comes from (kept with it). */
void        ep_digitizer_set_citation   (EpDigitizer      *self,
                                         const char       *citation);
/* Opens a figure kept in the project, with its ticks and curves, as it was left. */
gboolean    ep_digitizer_open_stored    (EpDigitizer      *self,
                                         const char       *name,
                                         GError          **error);
/* A tick at position px (x for X ticks, y for Y ticks, image units) with its value. */
void        ep_digitizer_set_tick       (EpDigitizer      *self,
                                         EpDigitizerTick   tick,
                                         double            px,
                                         double            value);
/* Traces the curve whose colour is under (x, y) (image units) and adds it. */
gboolean    ep_digitizer_trace_at       (EpDigitizer      *self,
                                         double            x,
                                         double            y,
                                         GError          **error);
guint       ep_digitizer_get_n_curves   (EpDigitizer      *self);
const char *ep_digitizer_get_curve_name (EpDigitizer      *self,
                                         guint             curve);
/* The curve's points, ascending in time; the arrays belong to the window. */
gsize       ep_digitizer_get_points     (EpDigitizer      *self,
                                         guint             curve,
                                         const double    **time,
                                         const double    **surv);
/* The panel under the curves (its actions: reconstruct-panel.reconstruct, …). */
EpReconstructPanel *ep_digitizer_get_panel (EpDigitizer  *self);
/* Reconstructing the selected curve (what the Reconstruct button does): the numbers at risk
 * as typed in the window (one row per line: time, number), the totals (0: not given). */
void        ep_digitizer_set_at_risk    (EpDigitizer      *self,
                                         const char       *text);
void        ep_digitizer_set_totals     (EpDigitizer      *self,
                                         int               total_events,
                                         int               total);
/* Reconstructs the selected curve into a cohort of the project (named as typed, else
 * "CURVE (published)"), shows the fit and the warnings; the cohort (the project's) or NULL. */
EpCohort   *ep_digitizer_reconstruct    (EpDigitizer      *self,
                                         GError          **error);
/* The selected curve's reconstructed cohort overlaid on the project's figure `figure_name`
 * (ep_project_set_figure_overlay()), compared with the cohort `cohort_name` (the text shown,
 * with the caveat; to free), attached to a catalog arm (Overlay, Compare, Attach). */
gboolean    ep_digitizer_overlay        (EpDigitizer      *self,
                                         const char       *figure_name,
                                         GError          **error);
char       *ep_digitizer_compare        (EpDigitizer      *self,
                                         const char       *cohort_name,
                                         GError          **error);
gboolean    ep_digitizer_attach         (EpDigitizer      *self,
                                         const char       *trial_id,
                                         const char       *arm);
/* Combine: a new cohort of the project made of the cohort `cohort_name` (the user's patients)
 * and the selected curve's reconstructed cohort, with the group column "source"
 * (ep_project_combine_with_reconstruction()); says so under the buttons. The new cohort (the
 * project's) or NULL. */
EpCohort   *ep_digitizer_combine        (EpDigitizer      *self,
                                         const char       *cohort_name,
                                         GError          **error);

/* Writes curve,time,surv for every curve. */
gboolean    ep_digitizer_save           (EpDigitizer      *self,
                                         const char       *path,
                                         GError          **error);

G_END_DECLS
