/* ep-figure-options.h
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-figure.h"
#include "model/ep-project.h"

G_BEGIN_DECLS

#define EP_TYPE_FIGURE_OPTIONS (ep_figure_options_get_type ())

G_DECLARE_FINAL_TYPE (EpFigureOptions, ep_figure_options, EP, FIGURE_OPTIONS, AdwBin)

GtkWidget  *ep_figure_options_new        (void);
EpFigure   *ep_figure_options_get_figure (EpFigureOptions *self);
/* Binds every row to the figure's property (both ways); NULL unbinds. */
void        ep_figure_options_set_figure (EpFigureOptions *self,
                                          EpFigure        *figure);
/* The row of an option by its property name ("ci", "risk-table"), for tests. */
GtkWidget  *ep_figure_options_get_row    (EpFigureOptions *self,
                                          const char      *property);

/* The project the figure belongs to (not owned; NULL for none): with it, a Kaplan-Meier
 * figure's options offer the project's reconstructed arms to overlay (Published Arm). */
void        ep_figure_options_set_project (EpFigureOptions *self,
                                           EpProject       *project);
/* The Published Arm row (an AdwComboRow: None, then the reconstructed cohorts), for tests. */
GtkWidget  *ep_figure_options_get_overlay_row (EpFigureOptions *self);

G_END_DECLS
