/* ep-window.h
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "app/ep-application.h"
#include "model/ep-figure.h"

G_BEGIN_DECLS

#define EP_TYPE_WINDOW (ep_window_get_type ())

G_DECLARE_FINAL_TYPE (EpWindow, ep_window, EP, WINDOW, AdwApplicationWindow)

EpWindow *ep_window_new            (EpApplication *application);
void      ep_window_open_project   (EpWindow      *self,
                                    GFile         *file);
void      ep_window_show_toast     (EpWindow      *self,
                                    const char    *title);
void      ep_window_set_place      (EpWindow      *self,
                                    const char    *name);
const char *ep_window_get_place    (EpWindow      *self);
/* Adds the figure to the Figures page, selects it and shows the page. */
void      ep_window_add_figure     (EpWindow      *self,
                                    EpFigure      *figure);

G_END_DECLS
