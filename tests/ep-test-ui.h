/* ep-test-ui.h: what the UI tests share: screenshots and reading a figure's layout
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/ep-figure.h"

G_BEGIN_DECLS

/* Saves widget as EP_SCREENSHOT_DIR/name.png when that variable is set (docs/figures are made
 * this way); nothing otherwise. settle: let pending updates and layout happen first; FALSE
 * draws the state as it is now (an update still running), laying out only as much as needed. */
void    ep_test_ui_save_screenshot   (GtkWidget  *widget,
                                      const char *name,
                                      gboolean    settle);
/* The text of the figure's first annotation (the log-rank line), as its layout places it. */
char   *ep_test_ui_figure_annotation (EpFigure   *figure);

G_END_DECLS
