/* ep-trial-browser.h
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/ep-catalog.h"
#include "model/ep-project.h"

G_BEGIN_DECLS

#define EP_TYPE_TRIAL_BROWSER (ep_trial_browser_get_type ())

G_DECLARE_FINAL_TYPE (EpTrialBrowser, ep_trial_browser, EP, TRIAL_BROWSER, AdwBin)

GtkWidget  *ep_trial_browser_new                 (void);
EpCatalog  *ep_trial_browser_get_catalog         (EpTrialBrowser *self);
void        ep_trial_browser_set_catalog         (EpTrialBrowser *self,
                                                  EpCatalog      *catalog);
/* Shows why the catalog could not be loaded instead of the list. */
void        ep_trial_browser_show_error          (EpTrialBrowser *self,
                                                  const GError   *error);
/* The shown (filtered and sorted) trials, with their selection. */
GtkSelectionModel *ep_trial_browser_get_selection (EpTrialBrowser *self);
/* The selected trials in shown order; free with g_ptr_array_unref(). */
GPtrArray  *ep_trial_browser_get_selected        (EpTrialBrowser *self);
void        ep_trial_browser_set_search_text     (EpTrialBrowser *self,
                                                  const char     *text);
void        ep_trial_browser_focus_search        (EpTrialBrowser *self);

/* Selects the arms with these catalog ids (clearing the filters so that all are listed), e.g.
 * a reopened project's trial selection; returns how many were found. */
guint              ep_trial_browser_select_ids (EpTrialBrowser     *self,
                                                const char * const *ids);

/* Opens the dialog that adds (trial NULL) or edits an arm of the window's project; returns it. */
GtkWidget         *ep_trial_browser_edit_arm   (EpTrialBrowser     *self,
                                                EpTrial            *trial);
/* Writes the project's own arms as a catalog file (what "Export Own Arms…" saves). */
gboolean           ep_trial_browser_export_arms (EpTrialBrowser    *self,
                                                 GFile             *file,
                                                 GError           **error);
/* The project whose digitized figures the page lists (the window's; NULL: none). */
void               ep_trial_browser_set_project (EpTrialBrowser    *self,
                                                 EpProject         *project);

G_END_DECLS
