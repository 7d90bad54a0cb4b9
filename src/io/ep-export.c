/* ep-export.c: writing an EpTable as CSV
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "io/ep-export.h"

static void
append_escaped (GString    *out,
                const char *text,
                char        sep,
                gboolean    defuse)
{
  gboolean formula = defuse && (text[0] == '=' || text[0] == '+' || text[0] == '-' ||
                                text[0] == '@' || text[0] == '\t' || text[0] == '\r');
  gsize len = strlen (text);
  gboolean quote = strchr (text, sep) != NULL || strchr (text, '"') != NULL ||
                   strchr (text, '\n') != NULL || strchr (text, '\r') != NULL ||
                   (len > 0 && (text[0] == ' ' || text[len - 1] == ' '));

  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

char *
ep_export_escape_text (const char *text,
                       char        sep,
                       gboolean    defuse)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  append_escaped (out, text, sep, defuse);
  return g_string_free (out, FALSE);
}

char *
ep_export_csv_string (const EpTable *table,
                      char           sep)
{
  GString *out;
  guint n_columns;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (sep == ',' || sep == ';' || sep == '\t', NULL);

  n_columns = ep_table_get_n_columns (table);
  out = g_string_sized_new (64 + (gsize) table->n_rows * n_columns * 8);

  for (guint j = 0; j < n_columns; j++)
    {
      if (j > 0)
        g_string_append_c (out, sep);
      append_escaped (out, ep_table_get_column (table, j)->name, sep, TRUE);
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < table->n_rows; i++)
    {
      for (guint j = 0; j < n_columns; j++)
        {
          const EpTableColumn *column = ep_table_get_column (table, j);
          char buf[EP_NUMBER_BUF_SIZE];
          gsize len;

          if (j > 0)
            g_string_append_c (out, sep);
          if (ep_table_column_is_missing (column, i))
            continue;

          /* Numbers and dates are never formulas ("-3" stays a number) and never need quotes. */
          switch (column->type)
            {
            case EP_COLUMN_NUMBER:
              len = ep_value_format_number_buf (g_array_index (column->values, double, i), buf);
              g_string_append_len (out, buf, (gssize) len);
              break;
            case EP_COLUMN_DATE:
              len = ep_value_format_date_buf (g_array_index (column->values, gint32, i), buf);
              g_string_append_len (out, buf, (gssize) len);
              break;
            case EP_COLUMN_YESNO:
              g_string_append (out, g_array_index (column->values, gint8, i) ? "yes" : "no");
              break;
            case EP_COLUMN_CATEGORY:
            default:
              append_escaped (out, g_ptr_array_index (column->levels,
                                                      g_array_index (column->values, gint32, i)),
                              sep, TRUE);
              break;
            }
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

gboolean
ep_export_csv_file (const EpTable  *table,
                    const char     *path,
                    char            sep,
                    GError        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = ep_export_csv_string (table, sep);
  return g_file_set_contents (path, text, -1, error);
}
