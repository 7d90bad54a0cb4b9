/* ep-cli-common.c: option parsing, errors and JSON output shared by endpoint-cli's commands
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "cli/ep-cli.h"
#include "io/ep-json-writer.h"

gboolean
ep_cli_parse_options (const char          *command,
                      const char          *parameter_string,
                      const char          *summary,
                      const GOptionEntry  *entries,
                      int                 *argc,
                      char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("endpoint-cli %s", command);

  g_set_prgname (prgname);
  context = g_option_context_new (parameter_string);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      ep_cli_usage_error (command, "%s", error->message);
      g_printerr (_("Try “endpoint-cli %s --help”.\n"), command);
      return FALSE;
    }

  return TRUE;
}

int
ep_cli_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    g_printerr ("endpoint-cli %s: %s\n", command, message);
  else
    g_printerr ("endpoint-cli: %s\n", message);

  return EP_CLI_EXIT_USAGE;
}

int
ep_cli_data_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, EP_CLI_EXIT_DATA);

  g_printerr ("%s\n", error->message);

  return EP_CLI_EXIT_DATA;
}

/* JSON output: io/ep-json-writer.h (each double in the shortest form that reads back as the
 * same double, NaN or infinity as null), here from json-glib's tree. */

char *
ep_cli_json_to_string (JsonNode *node)
{
  EpJsonWriter *writer;

  g_return_val_if_fail (node != NULL, NULL);

  writer = ep_json_writer_new ();
  ep_json_writer_node (writer, node);
  return ep_json_writer_free_to_string (writer);
}

void
ep_cli_print_json (JsonNode *node)
{
  g_autofree char *text = ep_cli_json_to_string (node);

  fputs (text, stdout);
  fflush (stdout);
}

gboolean
ep_cli_parse_doubles (const char  *text,
                      GArray     **values)
{
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) items = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);
      char *end = NULL;
      double value;

      if (*item == '\0')
        return FALSE;
      value = g_ascii_strtod (item, &end);
      if (end == item || *end != '\0' || !isfinite (value))
        return FALSE;
      g_array_append_val (result, value);
    }

  *values = g_steal_pointer (&result);
  return TRUE;
}

char **
ep_cli_split_names (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  if (text == NULL)
    return g_strv_builder_end (builder);

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);

      if (*item != '\0')
        g_strv_builder_add (builder, item);
    }

  return g_strv_builder_end (builder);
}
