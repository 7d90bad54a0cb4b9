/* ep-file-check.h: files read whole are regular files of a bounded size
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest CSV/TSV file read into memory (a million-row cohort is about 100 MB), and the
 * largest trial catalog. */
#define EP_FILE_MAX_TABLE_BYTES   G_GUINT64_CONSTANT (1000000000)
#define EP_FILE_MAX_CATALOG_BYTES G_GUINT64_CONSTANT (64000000)

gboolean ep_file_check_regular       (const char  *path,
                                      GError     **error);
gboolean ep_file_check_size          (const char  *path,
                                      guint64      max_bytes,
                                      GError     **error);
gboolean ep_file_read_bounded        (const char  *path,
                                      guint64      max_bytes,
                                      char       **contents,
                                      gsize       *length,
                                      GError     **error);
guint    ep_file_remove_stale_temps  (const char  *dir,
                                      const char  *name);

G_END_DECLS
