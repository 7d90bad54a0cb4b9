/* ep-mo.h: a GNU gettext .mo catalog, read into a table
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures' own translations (src/plot/ep-plot-i18n.c) read the de and zh_CN catalogs with
 * this rather than through gettext(), whose answer follows the process's language. Every offset
 * and length is checked against the file's size: a truncated or malformed file gives fewer
 * entries (or none), never a read outside it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char  *forms;   /* the msgstr, its forms separated by NUL, NUL-terminated */
  gsize  length;  /* bytes in forms without the final NUL */
} EpMoEntry;

/* The translated entries of the .mo file at path, msgid (the singular; "context\004msgid" with a
 * context) -> EpMoEntry; untranslated entries and the header are left out. An empty table for a
 * file that is missing or malformed. */
GHashTable *ep_mo_read (const char *path);

G_END_DECLS
