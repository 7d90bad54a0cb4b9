/* ep-digitized-list.h
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-project.h"

G_BEGIN_DECLS

#define EP_TYPE_DIGITIZED_LIST (ep_digitized_list_get_type ())

G_DECLARE_FINAL_TYPE (EpDigitizedList, ep_digitized_list, EP, DIGITIZED_LIST, AdwBin)

GtkWidget *ep_digitized_list_new         (void);
/* The project whose digitized figures are listed (NULL: none); the list follows its changes
 * and is hidden while it has none. */
void       ep_digitized_list_set_project (EpDigitizedList *self,
                                          EpProject       *project);
/* Opens the digitized figure `name` of the project in a digitizer window (transfer none; NULL
 * with an error when it cannot be opened). The action digitized-list.open (a string: the name)
 * does the same. */
GtkWidget *ep_digitized_list_open        (EpDigitizedList *self,
                                          const char      *name,
                                          GError         **error);

G_END_DECLS
