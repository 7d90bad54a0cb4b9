/* ep-export.h: writing an EpTable as CSV
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 with LF line ends, a header row of column names, every cell in its text form
 * (ep-table.h): numbers as the shortest decimal that reads back to the same double, so export
 * and import round-trip exactly; dates as YYYY-MM-DD; yes/no as yes and no; missing cells
 * empty. A text cell is quoted when it holds the separator, a quote, a CR or LF, or leading or
 * trailing blanks.
 *
 * Formula defusing (CSV injection, OWASP): a text cell (a category level, a column name) that
 * begins with '=', '+', '-', '@', a tab or a CR is written with a leading apostrophe ('=SUM(A1))
 * so that a spreadsheet shows it as text instead of running it. Number cells are never
 * touched: -3 stays -3. Importing the file again keeps the apostrophe, which is the price of
 * safety and is documented in docs/cohorts.md.
 */
#pragma once

#include <gio/gio.h>

#include "io/ep-table.h"

G_BEGIN_DECLS

/* The CSV text of the table (sep ',' ';' or '\t'). */
char     *ep_export_csv_string (const EpTable  *table,
                                char            sep);

/* Writes the file atomically (g_file_set_contents): a failed export leaves any old file. */
gboolean  ep_export_csv_file   (const EpTable  *table,
                                const char     *path,
                                char            sep,
                                GError        **error);

/* The cell text with formula characters defused and quoted as needed. */
char     *ep_export_escape_text (const char    *text,
                                 char           sep,
                                 gboolean       defuse);

G_END_DECLS
