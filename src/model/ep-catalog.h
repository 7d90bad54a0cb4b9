/* ep-catalog.h: the trial catalog as a list model of EpTrial
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * EpCatalog implements GListModel (item type EpTrial) in file order. The bundled catalog
 * (data/catalog/trials.json, compiled into the model library's GResource at
 * EP_CATALOG_RESOURCE_PATH) is read by ep_catalog_new_default(); a catalog file on disk by
 * ep_catalog_new_from_file(). Loading validates every record (io/ep-catalog-reader.h) and fails
 * as a whole, with a GError naming the record and the field, rather than showing part of it.
 *
 * For the Trials page: wrap the catalog in a GtkFilterListModel with a GtkCustomFilter that
 * calls ep_trial_query_match(), and a GtkSortListModel whose column sorters use
 * ep_trial_compare() or the numeric/string properties of EpTrial.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "model/ep-trial.h"
#include "model/ep-trial-query.h"

G_BEGIN_DECLS

#define EP_CATALOG_RESOURCE_PATH "/io/github/endpoint/Endpoint/catalog/trials.json"

#define EP_TYPE_CATALOG (ep_catalog_get_type ())

G_DECLARE_FINAL_TYPE (EpCatalog, ep_catalog, EP, CATALOG, GObject)

/* The catalog shipped with Endpoint. */
EpCatalog  *ep_catalog_new_default   (GError       **error);
EpCatalog  *ep_catalog_new_from_file (const char    *path,
                                      GError       **error);
/* display_name names the data in error messages ("trials.json") */
EpCatalog  *ep_catalog_new_from_bytes (GBytes       *bytes,
                                       const char   *display_name,
                                       GError      **error);

/* Adds the records of a catalog file (version 1 or 2, validated as any catalog) to self: a
 * record whose id is already in the catalog replaces that arm in place (a user's edit of a
 * bundled arm), any other is appended (a user's own arm). Links (includes, comparisons) are
 * checked within the file. On error self is unchanged. */
gboolean    ep_catalog_merge_file    (EpCatalog     *self,
                                      const char    *path,
                                      GError       **error);

/* Replaces the user's own arms (a project's; each a catalog record as a JSON object text,
 * validated as one catalog file) on top of the catalog as it was before the first call: an arm
 * whose id is a bundled arm's replaces it in place (a user's edit), any other is appended.
 * The arms are EpTrial "user-entered". NULL or empty: none. On error self is unchanged. */
gboolean    ep_catalog_set_user_records (EpCatalog  *self,
                                         GPtrArray  *record_jsons,
                                         GError    **error);
/* The bundled (not user-entered) arm with that id, or NULL; transfer none. */
EpTrial    *ep_catalog_lookup_bundled   (EpCatalog  *self,
                                         const char *id);
/* The bundled catalog with the user's arms a figure's source carries in its "user_trials"
 * member (a list of record objects), so that a figure of own arms is drawn again from the
 * project alone. */
EpCatalog  *ep_catalog_new_for_source   (JsonObject *source,
                                         GError    **error);

/* The trial with that id, or NULL; transfer none. */
EpTrial    *ep_catalog_lookup        (EpCatalog     *self,
                                      const char    *id);

/* A new list (a GListStore of EpTrial, in catalog order) of the trials that match the query;
 * NULL query: all of them. */
GListModel *ep_catalog_filter        (EpCatalog     *self,
                                      EpTrialQuery  *query);

G_END_DECLS
