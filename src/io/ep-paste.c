/* ep-paste.c: a block of cells from the clipboard (tab-separated text or an HTML table)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "io/ep-paste.h"

void
ep_paste_block_free (EpPasteBlock *block)
{
  if (block == NULL)
    return;
  for (gsize i = 0; i < (gsize) block->n_rows * block->n_columns; i++)
    g_free (block->cells[i]);
  g_free (block->cells);
  g_free (block);
}

/* rows: GPtrArray of GPtrArray of char *; padded into a block. */
static EpPasteBlock *
block_from_rows (GPtrArray *rows)
{
  EpPasteBlock *block;
  guint width = 0;

  for (guint i = 0; i < rows->len; i++)
    width = MAX (width, ((GPtrArray *) rows->pdata[i])->len);
  if (rows->len == 0 || width == 0)
    return NULL;

  block = g_new0 (EpPasteBlock, 1);
  block->n_rows = rows->len;
  block->n_columns = width;
  block->cells = g_new0 (char *, (gsize) rows->len * width);
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = rows->pdata[i];

      for (guint j = 0; j < width; j++)
        block->cells[(gsize) i * width + j] = g_strdup (j < row->len ? row->pdata[j] : "");
    }

  return block;
}

EpPasteBlock *
ep_paste_parse_text (const char *text)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GString) cell = g_string_new (NULL);
  GPtrArray *row = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  p = text;
  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  while (*p != '\0')
    {
      gboolean end_row = FALSE;

      if (row == NULL)
        {
          row = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (rows, row);
        }
      g_string_truncate (cell, 0);
      if (*p == '"')
        {
          /* a quoted cell: up to the lone closing quote */
          p++;
          while (*p != '\0')
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (cell, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (cell, *p++);
            }
          /* anything up to the next tab or line end belongs to the cell as text */
          while (*p != '\0' && *p != '\t' && *p != '\n' && *p != '\r')
            g_string_append_c (cell, *p++);
        }
      else
        while (*p != '\0' && *p != '\t' && *p != '\n' && *p != '\r')
          g_string_append_c (cell, *p++);

      g_ptr_array_add (row, g_strdup (cell->str));
      if (*p == '\t')
        p++;
      else if (*p == '\r' || *p == '\n')
        {
          p += (*p == '\r' && p[1] == '\n') ? 2 : 1;
          end_row = TRUE;
        }
      if (end_row)
        row = NULL;
    }

  return block_from_rows (rows);
}

/* The text of a cell: its content with runs of white space made one space, trimmed. */
static char *
cell_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *c = (const char *) content; c != NULL && *c != '\0'; c++)
    {
      if (g_ascii_isspace (*c) || ((guchar) c[0] == 0xC2 && (guchar) c[1] == 0xA0))
        {
          if ((guchar) c[0] == 0xC2)
            c++;
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *c);
    }
  xmlFree (content);

  return g_string_free (out, FALSE);
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static void
collect_rows (xmlNode   *node,
              GPtrArray *rows)
{
  for (; node != NULL; node = node->next)
    {
      if (is_element (node, "tr"))
        {
          GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

          for (xmlNode *c = node->children; c != NULL; c = c->next)
            if (is_element (c, "td") || is_element (c, "th"))
              {
                xmlChar *span = xmlGetProp (c, (const xmlChar *) "colspan");
                guint64 n = span != NULL ? g_ascii_strtoull ((const char *) span, NULL, 10) : 1;

                xmlFree (span);
                g_ptr_array_add (row, cell_text (c));
                for (guint64 k = 1; k < MIN (n, 1000); k++)
                  g_ptr_array_add (row, g_strdup (""));
              }
          g_ptr_array_add (rows, row);
        }
      else if (is_element (node, "table") && rows->len > 0)
        continue;   /* a nested table: its rows are not ours */
      else
        collect_rows (node->children, rows);
    }
}

static xmlNode *
find_table (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (is_element (node, "table"))
        return node;
      found = find_table (node->children);
      if (found != NULL)
        return found;
    }
  return NULL;
}

EpPasteBlock *
ep_paste_parse_html (const char *html,
                     gsize       length)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  htmlDocPtr doc;
  xmlNode *table;
  EpPasteBlock *block;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  if (length == 0 || length > G_MAXINT)
    return NULL;
  doc = htmlReadMemory (html, (int) length, NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NOBLANKS);
  if (doc == NULL)
    return NULL;
  table = find_table (xmlDocGetRootElement (doc));
  if (table != NULL)
    collect_rows (table->children, rows);
  block = block_from_rows (rows);
  xmlFreeDoc (doc);

  return block;
}

char *
ep_paste_block_to_tsv (const EpPasteBlock *block)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (block != NULL, NULL);

  for (guint i = 0; i < block->n_rows; i++)
    {
      for (guint j = 0; j < block->n_columns; j++)
        {
          const char *cell = block->cells[(gsize) i * block->n_columns + j];

          if (j > 0)
            g_string_append_c (out, '\t');
          if (strpbrk (cell, "\t\n\r\"") != NULL)
            {
              g_string_append_c (out, '"');
              for (const char *c = cell; *c != '\0'; c++)
                {
                  if (*c == '"')
                    g_string_append_c (out, '"');
                  g_string_append_c (out, *c);
                }
              g_string_append_c (out, '"');
            }
          else
            g_string_append (out, cell);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
