/* ep-json-check.h: strict JSON, bounded nesting, checked before json-glib parses it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* JSON from a file is nested at most this deep. Endpoint's own files are 4 deep at most. */
#define EP_JSON_MAX_DEPTH 64

gboolean ep_json_check (const char  *text,
                        gssize       length,
                        guint        max_depth,
                        char       **message);

G_END_DECLS
