/* ep-cli-rscript.c: --r-script, an R script that reproduces a command's numbers
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ep-cli-rscript.h.
 */
#include "config.h"

#include <string.h>

#include "cli/ep-cli-rscript.h"

char *
ep_cli_r_name (const char *column)
{
  GString *s = g_string_new ("`");

  for (const char *c = column; *c != '\0'; c++)
    {
      if (*c == '`' || *c == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *c);
    }
  g_string_append_c (s, '`');

  return g_string_free (s, FALSE);
}

char *
ep_cli_r_string (const char *text)
{
  GString *s = g_string_new ("\"");

  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *c);
    }
  g_string_append_c (s, '"');

  return g_string_free (s, FALSE);
}

static void
append_csv_field (GString    *s,
                  const char *text)
{
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (s, text);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *c);
    }
  g_string_append_c (s, '"');
}

gboolean
ep_cli_rscript_write (const char          *path,
                      const EpCliData     *data,
                      const char * const  *columns,
                      const char          *command,
                      const char          *body,
                      GError             **error)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GString) script = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree guint *index = NULL;
  g_autofree char *base = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *csv_name = NULL;
  g_autofree char *csv_literal = NULL;
  EpCsv *table;
  guint n = 0;

  g_return_val_if_fail (path != NULL && data != NULL && columns != NULL, FALSE);

  /* the cells as read (the table is read now if the columns came from the column reader) */
  table = ep_cli_data_csv (data, error);
  if (table == NULL)
    return FALSE;

  for (guint k = 0; columns[k] != NULL; k++)
    {
      gboolean seen = FALSE;

      for (guint m = 0; m < names->len; m++)
        seen = seen || strcmp (g_ptr_array_index (names, m), columns[k]) == 0;
      if (!seen)
        g_ptr_array_add (names, (gpointer) columns[k]);
    }
  index = g_new (guint, names->len);
  for (guint m = 0; m < names->len; m++)
    {
      int j = ep_csv_find_column (table, g_ptr_array_index (names, m));

      g_return_val_if_fail (j >= 0, FALSE);
      index[n++] = (guint) j;
    }

  /* the data: used columns of the rows kept, each cell as read */
  for (guint m = 0; m < n; m++)
    {
      if (m > 0)
        g_string_append_c (csv, ',');
      append_csv_field (csv, g_ptr_array_index (names, m));
    }
  g_string_append_c (csv, '\n');
  for (guint i = 0; i < data->n_rows; i++)
    {
      for (guint m = 0; m < n; m++)
        {
          if (m > 0)
            g_string_append_c (csv, ',');
          if (!ep_csv_is_missing (table, data->rows[i], index[m]))
            append_csv_field (csv, ep_csv_get_cell (table, data->rows[i], index[m]));
        }
      g_string_append_c (csv, '\n');
    }

  base = g_str_has_suffix (path, ".R") || g_str_has_suffix (path, ".r")
           ? g_strndup (path, strlen (path) - 2) : g_strdup (path);
  csv_path = g_strconcat (base, ".csv", NULL);
  csv_name = g_path_get_basename (csv_path);
  csv_literal = ep_cli_r_string (csv_name);

  g_string_append_printf (script,
                          "# Reproduces: endpoint-cli %s\n"
                          "# with R's survival package, on the %u rows the analysis used (%s).\n"
                          "# Run: Rscript %s\n"
                          "suppressMessages (library (survival))\n"
                          "args <- commandArgs (trailingOnly = FALSE)\n"
                          "here <- dirname (sub (\"^--file=\", \"\", args[grep (\"^--file=\", args)]))\n"
                          "if (length (here) == 0) here <- \".\"\n"
                          "d <- read.csv (file.path (here, %s), check.names = FALSE, stringsAsFactors = FALSE)\n"
                          "options (digits = 7)\n\n",
                          command, data->n_rows, csv_name, path, csv_literal);
  g_string_append (script, body);
  g_string_append (script,
                   "\n# The numbers endpoint-cli printed, for a check (name value):\n"
                   "cat (\"# check\\n\")\n"
                   "cat (sprintf (\"%s %.17g\\n\", names (check), unname (check)), sep = \"\")\n");

  if (!g_file_set_contents (csv_path, csv->str, (gssize) csv->len, error))
    return FALSE;

  return g_file_set_contents (path, script->str, (gssize) script->len, error);
}

char *
ep_cli_r_surv (const char *start,
               const char *time,
               const char *event,
               const char *status_expr)
{
  g_autofree char *t = ep_cli_r_name (time);
  g_autofree char *e = status_expr != NULL ? g_strdup (status_expr) : ep_cli_r_name (event);

  if (start != NULL)
    {
      g_autofree char *s = ep_cli_r_name (start);

      return g_strdup_printf ("Surv (%s, %s, %s)", s, t, e);
    }

  return g_strdup_printf ("Surv (%s, %s)", t, e);
}

char *
ep_cli_r_rhs (const char *group)
{
  return group != NULL ? ep_cli_r_name (group) : g_strdup ("1");
}
