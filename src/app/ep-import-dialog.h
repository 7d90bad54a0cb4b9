/* ep-import-dialog.h: the preview of a delimited text file before it is imported
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "io/ep-import.h"

G_BEGIN_DECLS

#define EP_TYPE_IMPORT_DIALOG (ep_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EpImportDialog, ep_import_dialog, EP, IMPORT_DIALOG, AdwWindow)

/* NULL with the reader's error when the file cannot be read at all. Emits "import" (the file)
 * when the user imports; ep_import_dialog_get_options() then holds the choices. */
EpImportDialog        *ep_import_dialog_new         (GFile          *file,
                                                     GError        **error);
/* Separator, decimal mark, header row and the type of each column, as chosen. Valid while
 * the dialog lives. */
const EpImportOptions *ep_import_dialog_get_options (EpImportDialog *self);
/* The preview's columns (names as read). */
guint                  ep_import_dialog_get_n_columns (EpImportDialog *self);
/* The roles guessed from the columns' names and content that the user ticked ("Use this
 * role"): column name -> role nick ("time", "event", "group"); nothing is assigned unticked
 * (issue 13). Transfer full. */
GHashTable            *ep_import_dialog_get_confirmed_roles (EpImportDialog *self);
/* The tick box of a column's guessed role; NULL when nothing was guessed (for tests). */
GtkWidget             *ep_import_dialog_get_role_check (EpImportDialog *self,
                                                        guint           column);
/* Sets a column's type (EpColumnType) as the user would; FALSE when out of range. */
gboolean               ep_import_dialog_set_column_type (EpImportDialog *self,
                                                         guint           column,
                                                         EpColumnType    type);

G_END_DECLS
