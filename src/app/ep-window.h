/* ep-window.h
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "app/ep-application.h"
#include "model/ep-figure.h"
#include "model/ep-project.h"

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
/* Adds the figure to the Figures page, selects it and shows the page. With its data source
 * (model/ep-figure-source.h) the figure becomes one of the project's, made again from the
 * source with the options of figure; without one it is shown but not saved. */
void      ep_window_add_figure     (EpWindow      *self,
                                    EpFigure      *figure,
                                    JsonObject    *source);

/* The project the window edits (ep-window-project.c). */
EpProject *ep_window_get_project   (EpWindow      *self);
/* Saves to file (NULL: the project's own file, else asks where) in a worker, with progress. */
void      ep_window_save_project   (EpWindow      *self,
                                    GFile         *file);
/* TRUE while a save or an open runs. */
gboolean  ep_window_get_busy       (EpWindow      *self);
/* Offers to recover what a crashed session left in dir (NULL: the user's recovery dir);
 * FALSE when there is nothing to offer. */
gboolean  ep_window_offer_recovery (EpWindow      *self,
                                    const char    *dir);
/* The message dialog the window shows (unsaved changes, an error, recovery), or NULL. */
AdwMessageDialog *ep_window_get_message_dialog (EpWindow *self);

G_END_DECLS
