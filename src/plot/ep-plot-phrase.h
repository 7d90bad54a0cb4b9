/* ep-plot-phrase.h: a figure's text made when drawn, in the figure's language and decimal mark
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A note under a forest ("Method: random effects, REML; 90% confidence intervals", "Pooled (k =
 * 3)", "Note: CR is defined differently: …") is computed with the figure's data but must be
 * written in the language and decimal mark of the figure, which can change afterwards and is
 * not the process's (issue 13 item 5). An EpPlotPhrase keeps how the text is made: a msgid
 * format and its arguments, each itself a phrase (a user's text as it is, another msgid, a
 * number, a p-value, a list); ep_plot_phrase_write() writes it for a style.
 *
 * Formats take %s, %u, %d and %g conversions (also positional, %2$s), each one argument phrase in
 * order, and %% for a percent sign; the catalog's translation of the format is used, so the
 * msgids are the ones translators already know (mark them with N_()). Phrases are immutable
 * and reference counted (thread-safe), so a figure made in a worker thread can be drawn in
 * the main one.
 */
#pragma once

#include <glib.h>

#include "plot/ep-plot-style.h"

G_BEGIN_DECLS

typedef struct _EpPlotPhrase EpPlotPhrase;

/* format: an N_() msgid; the NULL-terminated arguments are phrases, consumed (transfer full). */
EpPlotPhrase *ep_plot_phrase_new        (const char          *format,
                                         ...) G_GNUC_NULL_TERMINATED;
/* A text written as it is (a trial's name, a value label). */
EpPlotPhrase *ep_plot_phrase_text       (const char          *text);
/* A msgid written in the figure's language ("random effects, REML"); no format conversions. */
EpPlotPhrase *ep_plot_phrase_msgid      (const char          *msgid);
/* A number with decimals in the figure's decimal mark; decimals < 0: the shortest form ("%g":
 * 95, 97.5). */
EpPlotPhrase *ep_plot_phrase_number     (double               value,
                                         int                  decimals);
/* A number with digits significant digits ("%.3g": 0.123, 1.45). */
EpPlotPhrase *ep_plot_phrase_significant (double              value,
                                          int                 digits);
EpPlotPhrase *ep_plot_phrase_uint       (guint                value);
/* A p-value as figures write it ("< 0.001", "0.031", "0.43", "> 0.99"). */
EpPlotPhrase *ep_plot_phrase_p          (double               p);
/* parts (EpPlotPhrase, referenced, not consumed) written one after the other, separator
 * (as it is) between them. */
EpPlotPhrase *ep_plot_phrase_join       (const char          *separator,
                                         GPtrArray           *parts);

EpPlotPhrase *ep_plot_phrase_ref        (EpPlotPhrase        *phrase);
void          ep_plot_phrase_unref      (EpPlotPhrase        *phrase);

/* The text in style's language and decimal mark (style NULL: English with dots). */
char         *ep_plot_phrase_write      (const EpPlotPhrase  *phrase,
                                         const EpPlotStyle   *style);
/* The text in the app's language (gettext) with dots: for the app's own messages. */
char         *ep_plot_phrase_write_app  (const EpPlotPhrase  *phrase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpPlotPhrase, ep_plot_phrase_unref)

G_END_DECLS
