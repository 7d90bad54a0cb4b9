/* ep-figure-export-dialog.h
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-figure.h"

G_BEGIN_DECLS

#define EP_TYPE_FIGURE_EXPORT_DIALOG (ep_figure_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EpFigureExportDialog, ep_figure_export_dialog, EP, FIGURE_EXPORT_DIALOG, AdwWindow)

GtkWidget    *ep_figure_export_dialog_new        (GtkWindow            *parent,
                                                  EpFigure             *figure);
EpPlotFormat  ep_figure_export_dialog_get_format (EpFigureExportDialog *self);
void          ep_figure_export_dialog_set_format (EpFigureExportDialog *self,
                                                  EpPlotFormat          format);
/* The size asked, in millimetres, and the resolution of PNG and TIFF. */
void          ep_figure_export_dialog_set_size   (EpFigureExportDialog *self,
                                                  double                width_mm,
                                                  double                height_mm,
                                                  double                dpi);
/* Gives the figure the size asked and writes it to file, in the format of the file's extension
 * when it has one we write, else in the chosen format with its extension added. What the file
 * chooser's Export does; returns the file written (or NULL with error). */
GFile        *ep_figure_export_dialog_save       (EpFigureExportDialog *self,
                                                  GFile                *file,
                                                  GError              **error);

G_END_DECLS
