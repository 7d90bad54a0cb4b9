/* ep-test-pdf.c: the text of an exported PDF, as a reader's search finds it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ep-test-pdf.h"

char *
ep_test_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", path, "-", NULL };
  char *text = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &text, NULL, &status, NULL))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("pdftotext could not read %s", path);
      g_free (text);
      return g_strdup ("");
    }
  return g_strdelimit (text, "\n", ' ');
}
