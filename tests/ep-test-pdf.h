/* ep-test-pdf.h: the text of an exported PDF, as a reader's search finds it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text pdftotext -raw reads from the PDF at path, its line breaks made spaces (so that a
 * wrapped note is found whole), or NULL when pdftotext cannot be run (the caller skips). */
char *ep_test_pdf_text (const char *path);

G_END_DECLS
