/* ep-figure-page.h
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "app/ep-figure-options.h"
#include "model/ep-figure.h"
#include "model/ep-project.h"

G_BEGIN_DECLS

#define EP_TYPE_FIGURE_PAGE (ep_figure_page_get_type ())

G_DECLARE_FINAL_TYPE (EpFigurePage, ep_figure_page, EP, FIGURE_PAGE, AdwBin)

GtkWidget       *ep_figure_page_new                (void);
/* The figures, in list order (a GListModel of EpFigure). */
GListModel      *ep_figure_page_get_figures        (EpFigurePage *self);
/* Appends the figure and selects it. */
void             ep_figure_page_add_figure         (EpFigurePage *self,
                                                    EpFigure     *figure);
void             ep_figure_page_remove_figure      (EpFigurePage *self,
                                                    EpFigure     *figure);
EpFigure        *ep_figure_page_get_selected       (EpFigurePage *self);
void             ep_figure_page_select             (EpFigurePage *self,
                                                    EpFigure     *figure);
/* Opens the export dialog for the selected figure and returns it (NULL without a figure). */
GtkWindow       *ep_figure_page_export             (EpFigurePage *self);
/* Opens the dialog that makes a Kaplan-Meier figure from a CSV file and returns it; the figure
 * it makes is added to the page. */
GtkWindow       *ep_figure_page_new_from_csv       (EpFigurePage *self);

/* For tests: the options panel, and how often the preview's draw function ran and at what size
 * in pixels. */
EpFigureOptions *ep_figure_page_get_options        (EpFigurePage *self);
guint            ep_figure_page_get_preview_draws  (EpFigurePage *self,
                                                    int          *width,
                                                    int          *height);

/* The project whose history Ctrl+Z / Ctrl+Shift+Z undo and redo on this page (figure options);
 * not owned, NULL for none. */
void          ep_figure_page_set_project  (EpFigurePage *self,
                                           EpProject    *project);
/* TRUE while the preview shows the "Updating…" badge (or why the figure's analysis is invalid). */
gboolean      ep_figure_page_get_preview_badge (EpFigurePage *self);

G_END_DECLS
