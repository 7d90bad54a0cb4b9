/* ep-plot-i18n.h: a figure's text in the figure's language, not the process's
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * glibc's gettext() answers in the process's language (LANGUAGE wins over LC_MESSAGES and
 * uselocale()), and changing the environment while worker threads run is not safe. Figures
 * therefore read the German and Chinese catalogs themselves: the first lookup in a language
 * parses LOCALEDIR/LANG/LC_MESSAGES/endpoint.mo (or the same under $ENDPOINT_LOCALE_DIR, which
 * the build tree's tests and `build-aux/dev run` set to _build/po) into a hash table, once per
 * process, thread-safely. English is the msgid itself. A string missing from a catalog (or a
 * missing catalog) falls back to the msgid, so a user's own label passes through unchanged.
 */
#pragma once

#include <glib.h>

#include "plot/ep-plot-style.h"

G_BEGIN_DECLS

/* APP resolved to EN, DE or ZH_CN from g_get_language_names(). */
EpPlotLanguage ep_plot_language_resolve (EpPlotLanguage  language);

/* msgid in language (resolved); never NULL for a non-NULL msgid; owned by the catalog. */
const char    *ep_plot_language_gettext (EpPlotLanguage  language,
                                         const char     *msgid) G_GNUC_FORMAT (2);
const char    *ep_plot_language_ngettext (EpPlotLanguage language,
                                          const char    *msgid,
                                          const char    *msgid_plural,
                                          gulong         n) G_GNUC_FORMAT (2) G_GNUC_FORMAT (3);

/* The same in the style's language (NULL: English). */
const char    *ep_plot_gettext          (const EpPlotStyle *style,
                                         const char        *msgid) G_GNUC_FORMAT (2);
const char    *ep_plot_ngettext         (const EpPlotStyle *style,
                                         const char        *msgid,
                                         const char        *msgid_plural,
                                         gulong             n) G_GNUC_FORMAT (2) G_GNUC_FORMAT (3);

/* For tests: forget the loaded catalogs (the next lookup reads them again). Not thread-safe. */
void           ep_plot_i18n_reset       (void);

G_END_DECLS
