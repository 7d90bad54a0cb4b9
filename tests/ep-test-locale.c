/* ep-test-locale.c: a German desktop inside a test process
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ep-test-locale.h"

gboolean
ep_test_german_process_begin (const char *probe,
                              const char *german)
{
  const char *dir = g_getenv ("ENDPOINT_LOCALE_DIR");

  if (dir == NULL || setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    return FALSE;
  g_setenv ("LANGUAGE", "de", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (strcmp (dgettext (GETTEXT_PACKAGE, probe), german) != 0)
    {
      ep_test_german_process_end ();
      return FALSE;
    }
  return TRUE;
}

void
ep_test_german_process_end (void)
{
  setlocale (LC_ALL, "C");
  g_unsetenv ("LANGUAGE");
}
