/* ep-sheet-ods.c: OpenDocument spreadsheets (.ods)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ODF 1.2 part 1: content.xml holds every sheet (<table:table>); a cell's typed value is in
 * its office:value-type and office:*-value attributes, its displayed text in <text:p>
 * paragraphs. Rows and cells may be repeated (number-rows-repeated, -columns-repeated).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "io/ep-sheet-private.h"

/* "PT13H05M00S" (ISO 8601 duration) -> "13:05:00" */
static gsize
format_ods_time (const char *value,
                 char       *buf,
                 gsize       size)
{
  double h = 0, m = 0, s = 0;
  const char *p = value;

  if (*p == '-')
    return 0;
  if (*p == 'P')
    p++;
  while (*p != '\0')
    {
      char *end = NULL;
      double x;

      if (*p == 'T')
        {
          p++;
          continue;
        }
      x = g_ascii_strtod (p, &end);
      if (end == p)
        return 0;
      p = end;
      if (*p == 'D')
        h += 24 * x;
      else if (*p == 'H')
        h += x;
      else if (*p == 'M')
        m = x;
      else if (*p == 'S')
        s = x;
      else
        return 0;
      p++;
    }

  return (gsize) g_snprintf (buf, size, "%02.0f:%02.0f:%02.0f", h, m, round (s));
}

typedef struct
{
  guint64  column;
  guint32  offset;
} RowCell;

gboolean
ep_sheet_ods_read (Archive     *a,
          const char  *sheet,
          gboolean     list_only,
          GPtrArray   *names,
          Grid        *grid,
          GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) para = g_string_new (NULL);
  g_autoptr(GArray) row_cells = g_array_new (FALSE, FALSE, sizeof (RowCell));
  gboolean in_table = FALSE, found = FALSE;
  guint64 row = 0, column = 0, rows_repeated = 1;
  guint table_index = 0;
  Xml x;
  int r = 0;

  if (!ep_sheet_xml_open (a, "content.xml", &x, error))
    {
      ep_sheet_xml_close (&x);
      return FALSE;
    }

  while ((grid == NULL || !grid->full) && (r = ep_sheet_xml_next (&x, error)) > 0)
    {
      int type = xmlTextReaderNodeType (x.reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (x.reader);

      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (in_table && strcmp (name, "table") == 0)
            {
              in_table = FALSE;
              break;          /* the one sheet asked for is read */
            }
          if (in_table && strcmp (name, "table-row") == 0)
            {
              /* a row repeated N times holds its cells N times (bounded by the limits) */
              for (guint64 k = 0; k < rows_repeated && row_cells->len > 0; k++)
                for (guint i = 0; i < row_cells->len; i++)
                  {
                    RowCell *c = &g_array_index (row_cells, RowCell, i);

                    if (!ep_sheet_grid_add_offset (grid, row + k, c->column, c->offset, error))
                      {
                        r = -1;
                        goto out;
                      }
                    if (grid->full)
                      goto out;
                  }
              row += rows_repeated;
            }
          continue;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;

      if (strcmp (name, "table") == 0 && !in_table)
        {
          const char *tn = ep_sheet_xml_attribute (&x, "name");
          g_autofree char *number = g_strdup_printf ("%u", ++table_index);

          if (names != NULL)
            g_ptr_array_add (names, g_strdup (tn != NULL ? tn : number));
          if (list_only)
            continue;
          if (!found && (sheet == NULL || g_strcmp0 (tn, sheet) == 0 ||
                         (tn == NULL && strcmp (number, sheet) == 0)))
            {
              found = TRUE;
              in_table = !xmlTextReaderIsEmptyElement (x.reader);
              row = 0;
            }
          continue;
        }
      if (!in_table)
        continue;

      if (strcmp (name, "table-row") == 0)
        {
          const char *rep = ep_sheet_xml_attribute (&x, "number-rows-repeated");

          rows_repeated = rep != NULL ? MAX (g_ascii_strtoull (rep, NULL, 10), 1) : 1;
          column = 0;
          g_array_set_size (row_cells, 0);
          if (xmlTextReaderIsEmptyElement (x.reader))
            row += rows_repeated;
          continue;
        }

      if (strcmp (name, "table-cell") == 0 || strcmp (name, "covered-table-cell") == 0)
        {
          const char *value_type = NULL, *calc_type = NULL, *value = NULL, *date = NULL;
          const char *time = NULL, *boolean = NULL, *string = NULL;
          guint64 repeated = 1;
          char buf[64];
          const char *out = NULL;
          gsize out_len = 0;
          g_autofree char *vt = NULL, *ct = NULL, *v = NULL, *d = NULL, *t = NULL, *b = NULL, *s = NULL;

          if (xmlTextReaderMoveToFirstAttribute (x.reader) == 1)
            {
              do
                {
                  const char *an = (const char *) xmlTextReaderConstLocalName (x.reader);
                  const char *av = (const char *) xmlTextReaderConstValue (x.reader);
                  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (x.reader);

                  if (strcmp (an, "value-type") == 0)
                    {
                      if (ns != NULL && strstr (ns, "calcext") != NULL)
                        ct = g_strdup (av);
                      else
                        vt = g_strdup (av);
                    }
                  else if (strcmp (an, "value") == 0)
                    v = g_strdup (av);
                  else if (strcmp (an, "date-value") == 0)
                    d = g_strdup (av);
                  else if (strcmp (an, "time-value") == 0)
                    t = g_strdup (av);
                  else if (strcmp (an, "boolean-value") == 0)
                    b = g_strdup (av);
                  else if (strcmp (an, "string-value") == 0)
                    s = g_strdup (av);
                  else if (strcmp (an, "number-columns-repeated") == 0)
                    repeated = MAX (g_ascii_strtoull (av, NULL, 10), 1);
                }
              while (xmlTextReaderMoveToNextAttribute (x.reader) == 1);
              xmlTextReaderMoveToElement (x.reader);
            }
          value_type = vt, calc_type = ct, value = v, date = d, time = t, boolean = b, string = s;

          /* The displayed text: <text:p> paragraphs joined by line breaks, with <text:s/>
           * spaces, tabs and line breaks; an <office:annotation> is a comment, not the value. */
          g_string_truncate (text, 0);
          if (!xmlTextReaderIsEmptyElement (x.reader))
            {
              int depth = xmlTextReaderDepth (x.reader);
              int skip_depth = -1;
              guint n_paragraphs = 0;

              for (;;)
                {
                  int rr = ep_sheet_xml_next (&x, error);
                  int nt, dd;
                  const char *nn;

                  if (rr <= 0)
                    {
                      if (rr == 0)
                        ep_sheet_xml_fail (&x, error);
                      r = -1;
                      goto out;
                    }
                  nt = xmlTextReaderNodeType (x.reader);
                  dd = xmlTextReaderDepth (x.reader);
                  nn = (const char *) xmlTextReaderConstLocalName (x.reader);
                  if (nt == XML_READER_TYPE_END_ELEMENT)
                    {
                      if (dd == depth)
                        break;
                      if (dd == skip_depth)
                        skip_depth = -1;
                      continue;
                    }
                  if (skip_depth >= 0)
                    continue;
                  if (nt == XML_READER_TYPE_ELEMENT)
                    {
                      if (strcmp (nn, "annotation") == 0)
                        {
                          if (!xmlTextReaderIsEmptyElement (x.reader))
                            skip_depth = dd;
                        }
                      else if (strcmp (nn, "p") == 0)
                        {
                          if (n_paragraphs++ > 0)
                            g_string_append_c (text, '\n');
                        }
                      else if (strcmp (nn, "s") == 0)
                        {
                          const char *c = ep_sheet_xml_attribute (&x, "c");
                          guint64 n = c != NULL ? g_ascii_strtoull (c, NULL, 10) : 1;

                          for (guint64 k = 0; k < MIN (n, 1000); k++)
                            g_string_append_c (text, ' ');
                        }
                      else if (strcmp (nn, "tab") == 0)
                        g_string_append_c (text, '\t');
                      else if (strcmp (nn, "line-break") == 0)
                        g_string_append_c (text, '\n');
                      continue;
                    }
                  if (nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_CDATA ||
                      nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                      nt == XML_READER_TYPE_WHITESPACE)
                    g_string_append (text, (const char *) xmlTextReaderConstValue (x.reader));
                }
            }

          if (calc_type != NULL && strcmp (calc_type, "error") == 0)
            out = NULL;                                   /* #N/A and friends: missing */
          else if (value_type == NULL)
            out = text->str, out_len = text->len;
          else if (strcmp (value_type, "float") == 0 || strcmp (value_type, "percentage") == 0 ||
                   strcmp (value_type, "currency") == 0)
            out = value, out_len = value != NULL ? strlen (value) : 0;
          else if (strcmp (value_type, "date") == 0 && date != NULL)
            {
              /* "2023-01-05" or "2023-01-05T13:30:00[.5]" */
              gsize n = MIN (strlen (date), 19);

              memcpy (buf, date, n);
              buf[n] = '\0';
              if (n > 10 && buf[10] == 'T')
                {
                  if (strcmp (buf + 11, "00:00:00") == 0)
                    n = 10;
                  else
                    buf[10] = ' ';
                }
              out = buf, out_len = MIN (n, 19);
            }
          else if (strcmp (value_type, "time") == 0 && time != NULL)
            out = buf, out_len = format_ods_time (time, buf, sizeof buf);
          else if (strcmp (value_type, "boolean") == 0 && boolean != NULL)
            out = strcmp (boolean, "true") == 0 ? "TRUE" : "FALSE", out_len = strlen (out);
          else if (string != NULL)
            out = string, out_len = strlen (string);
          else
            out = text->str, out_len = text->len;

          if (out != NULL && out_len > 0)
            {
              guint32 offset;

              if (column + repeated > EP_SHEET_MAX_COLUMNS &&
                  !ep_sheet_grid_check_position (grid, row, column + repeated, error))
                {
                  r = -1;
                  break;
                }
              if (!ep_sheet_grid_check_position (grid, row, column, error) ||
                  !ep_sheet_grid_store_text (grid, out, out_len, &offset, error))
                {
                  r = -1;
                  break;
                }
              for (guint64 k = 0; k < repeated; k++)
                {
                  RowCell rc = { column + k, offset };

                  g_array_append_val (row_cells, rc);
                }
              if (row_cells->len > EP_SHEET_MAX_CELLS)
                {
                  ep_sheet_grid_check_position (grid, row, EP_SHEET_MAX_COLUMNS, error);
                  r = -1;
                  break;
                }
            }
          column += repeated;
          continue;
        }
    }
out:
  ep_sheet_xml_close (&x);
  if (r < 0)
    return FALSE;

  if (!list_only && !found)
    return FALSE;   /* the caller names the sheet */

  return TRUE;
}

