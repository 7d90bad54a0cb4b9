/* ep-label-editor.h: a column's display name, value labels, level order and reference
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-cohort.h"

G_BEGIN_DECLS

#define EP_TYPE_LABEL_EDITOR (ep_label_editor_get_type ())

G_DECLARE_FINAL_TYPE (EpLabelEditor, ep_label_editor, EP, LABEL_EDITOR, AdwWindow)

/* The editor of the column at position of cohort; Apply makes one undoable edit
 * (ep_cohort_set_column_labels()) and closes. */
GtkWidget  *ep_label_editor_new        (GtkWindow     *parent,
                                        EpCohort      *cohort,
                                        guint          position);
guint       ep_label_editor_get_n_levels (EpLabelEditor *self);
/* The value of the level shown at index (0 is the reference). */
const char *ep_label_editor_get_value  (EpLabelEditor *self,
                                        guint          index);
/* What the user does, for tests: type a label, move a level, make it the reference, apply. */
void        ep_label_editor_set_label  (EpLabelEditor *self,
                                        guint          index,
                                        const char    *label);
void        ep_label_editor_set_display_name (EpLabelEditor *self,
                                              const char    *name);
void        ep_label_editor_move       (EpLabelEditor *self,
                                        guint          index,
                                        int            delta);
gboolean    ep_label_editor_apply      (EpLabelEditor *self,
                                        GError       **error);

G_END_DECLS
