/* main.c: the endpoint executable
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-application.h"
#include "core/ep-memory.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EpApplication) app = NULL;

  ep_memory_tune ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Endpoint"));

  app = ep_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
