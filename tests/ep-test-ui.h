/* ep-test-ui.h: what the UI tests share: screenshots and reading a figure's layout
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/ep-figure.h"

G_BEGIN_DECLS

/* How long a UI test waits for something the app does in a worker or after a timeout (an
 * analysis, an import, an autosave, a resize) before it calls it a failure. It bounds a hang; it
 * is not a speed target (those are in bench/). A shared 2-core machine under a load average of
 * 25 gave a 10 s wait too little: the recovery file of a 23-row cohort was not written in time. */
#define EP_TEST_UI_WAIT_US (60 * G_USEC_PER_SEC)

/* Runs what is pending on the default main context without blocking (at most 200 dispatches):
 * after an action, lets its updates and the layout happen. */
void       ep_test_ui_iterate   (void);
/* Runs the main loop until condition (data) holds or EP_TEST_UI_WAIT_US has passed, then
 * iterate; returns condition (data). It polls (a non-blocking iteration, else a 1 ms sleep), so
 * a condition that no main-loop event announces, or a worker that never posts, cannot make it
 * block past the bound. */
gboolean   ep_test_ui_wait_for  (gboolean  (*condition) (gpointer),
                                 gpointer     data);
/* Depth-first, root included: the first widget for which match (widget, data) holds. */
GtkWidget *ep_test_ui_find      (GtkWidget  *root,
                                 gboolean  (*match) (GtkWidget *, gconstpointer),
                                 gconstpointer data);
/* The newest toplevel window of a type (a dialog the test just made the app open), or NULL. */
GtkWindow *ep_test_ui_find_toplevel (GType type);

/* Saves widget as EP_SCREENSHOT_DIR/name.png when that variable is set (docs/figures are made
 * this way); nothing otherwise. settle: let pending updates and layout happen first; FALSE
 * draws the state as it is now (an update still running), laying out only as much as needed. */
void    ep_test_ui_save_screenshot   (GtkWidget  *widget,
                                      const char *name,
                                      gboolean    settle);
/* The text of the figure's first annotation (the log-rank line), as its layout places it. */
char   *ep_test_ui_figure_annotation (EpFigure   *figure);

G_END_DECLS
