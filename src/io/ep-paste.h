/* ep-paste.h: a block of cells from the clipboard (tab-separated text or an HTML table)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Excel, LibreOffice and web pages put on the clipboard when cells are copied:
 *   text/plain  rows on lines, cells separated by tabs; a cell holding a tab, a line break or
 *               a quote is in double quotes with "" for a quote (as Excel writes it)
 *   text/html   a <table> of <tr> rows of <td>/<th> cells (the first table), read with
 *               libxml2's HTML parser, network and entities off; colspan repeats empty cells
 * Rows shorter than the longest are padded with empty cells; a trailing line end adds no row.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint   n_rows;
  guint   n_columns;
  char  **cells;      /* n_rows * n_columns texts, row by row, never NULL */
} EpPasteBlock;

void           ep_paste_block_free   (EpPasteBlock *block);

/* NULL when the text holds no cell. */
EpPasteBlock  *ep_paste_parse_text   (const char   *text);
/* NULL when the HTML has no table with a cell. */
EpPasteBlock  *ep_paste_parse_html   (const char   *html,
                                      gsize         length);

/* The block as tab-separated text with a header row first (for the import preview), quoted
 * where a cell needs it. */
char          *ep_paste_block_to_tsv (const EpPasteBlock *block);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpPasteBlock, ep_paste_block_free)

G_END_DECLS
