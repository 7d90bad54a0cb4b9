/* ep-figure-csv-dialog.h
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-figure.h"

G_BEGIN_DECLS

#define EP_TYPE_FIGURE_CSV_DIALOG (ep_figure_csv_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EpFigureCsvDialog, ep_figure_csv_dialog, EP, FIGURE_CSV_DIALOG, AdwWindow)

GtkWidget  *ep_figure_csv_dialog_new         (GtkWindow         *parent);
/* Reads the file (CSV, or any file the importer reads) and offers its columns, with a guess of
 * the time, event and group columns. */
gboolean    ep_figure_csv_dialog_load_file   (EpFigureCsvDialog *self,
                                              GFile             *file,
                                              GError           **error);
/* Chooses the columns by name; group NULL: one curve. FALSE if a name is not a column. */
gboolean    ep_figure_csv_dialog_set_columns (EpFigureCsvDialog *self,
                                              const char        *time_column,
                                              const char        *event_column,
                                              const char        *group_column);
/* EP_FIGURE_KM or EP_FIGURE_CIF (the event column is then the status: 0 censored, 1, 2, … the
 * cause). */
void        ep_figure_csv_dialog_set_kind    (EpFigureCsvDialog *self,
                                              EpFigureKind       kind);
/* Makes the figure, emits ::figure-created with it and closes; on a data error returns NULL,
 * shows the message and stays open. What the Create button does. */
EpFigure   *ep_figure_csv_dialog_create      (EpFigureCsvDialog *self,
                                              GError           **error);

G_END_DECLS
