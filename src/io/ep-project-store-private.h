/* ep-project-store-private.h: what the files of the project store share
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ep-project-store.c holds the schema versions, the plain data and the helpers both sides use;
 * ep-project-store-writer.c writes a project file; ep-project-store-reader.c reads and checks one.
 */
#pragma once

#include <sqlite3.h>

#include "io/ep-project-store.h"

G_BEGIN_DECLS

typedef gboolean (*MigrationStep) (sqlite3  *db,
                                   GError  **error);

typedef struct
{
  guint               version;
  const char * const *schema;
  MigrationStep       step_to_next;   /* NULL: the current version */
} SchemaVersion;

/* The CREATE statements of schema version 1, NULL-terminated. */
extern const char * const _ep_project_store_schema_v1[];
/* and of version 2 */
extern const char * const _ep_project_store_schema_v2[];
/* and of version 3, the one this build writes */
extern const char * const _ep_project_store_schema_v3[];

/* Every schema version this build reads, [0] being version 1; EP_PROJECT_SCHEMA_VERSION of them. */
extern const SchemaVersion _ep_project_store_versions[];

gsize    _ep_project_store_cell_size        (EpColumnType   type);
gboolean _ep_project_store_check_cancelled  (GCancellable  *cancellable,
                                             GError       **error);

G_END_DECLS
