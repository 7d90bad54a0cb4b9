/* ep-trial-edit-dialog.h: add or edit a trial arm of the user's own, saved in the project
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-project.h"
#include "model/ep-trial.h"

G_BEGIN_DECLS

#define EP_TYPE_TRIAL_EDIT_DIALOG (ep_trial_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EpTrialEditDialog, ep_trial_edit_dialog, EP, TRIAL_EDIT_DIALOG, AdwWindow)

/* trial NULL: a new arm; else its fields to edit (a bundled arm's edit becomes an own arm with
 * the same id, which takes its place). Save validates and stores the arm in project
 * (ep_project_set_user_trial()) and closes; Cancel closes and changes nothing. */
GtkWidget  *ep_trial_edit_dialog_new         (GtkWindow          *parent,
                                              EpProject          *project,
                                              EpTrial            *trial);
/* Sets a field by its row's name ("trial_row", "n_row", "cr_value_row", "citation_row", ...),
 * for tests and scripted input. */
void        ep_trial_edit_dialog_set_field   (EpTrialEditDialog  *self,
                                              const char         *row,
                                              const char         *text);
/* What Save does; FALSE with the message shown (and in error) when a field is wrong. */
gboolean    ep_trial_edit_dialog_save        (EpTrialEditDialog  *self,
                                              GError            **error);
/* The message shown for the last failed save, or NULL. */
const char *ep_trial_edit_dialog_get_error   (EpTrialEditDialog  *self);

G_END_DECLS
