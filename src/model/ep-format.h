/* ep-format.h: numbers in result tables, Copy Table and notes, in the app's language
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every percentage in a result table goes through ep_format_percent(), so a table never mixes
 * "34,6%" and "33,6 %" (issue 13): the number is written as the table's other numbers (the
 * locale's decimal mark, as printf writes it) and the sign is placed by the catalog's "%s%%":
 * "34.6%" in English and Chinese, "34,6 %" in German (Duden: a space before the sign).
 * Figures do not use this: their language is their own (src/plot/ep-plot-i18n.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* percent (already times 100) with decimals digits: "34.6%"; NaN: "NA". */
char *ep_format_percent (double percent,
                         int    decimals);

G_END_DECLS
