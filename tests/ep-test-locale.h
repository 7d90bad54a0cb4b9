/* ep-test-locale.h: a German desktop inside a test process (issue 13's figure-language tests)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* LC_ALL de_DE.UTF-8, LANGUAGE=de and the build tree's catalogs (ENDPOINT_LOCALE_DIR) bound to
 * the domain, so that _() answers in German as in the app on a German desktop. probe is a msgid
 * whose German translation is german: FALSE (and the process as it was) when the system has no
 * German locale or the catalogs do not translate probe so. */
gboolean ep_test_german_process_begin (const char *probe,
                                       const char *german);
/* Back to the C locale, without LANGUAGE. */
void     ep_test_german_process_end   (void);

G_END_DECLS
