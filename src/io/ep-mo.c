/* ep-mo.c: a GNU gettext .mo catalog, read into a table (see ep-mo.h)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GNU .mo format: a header of 32-bit words (magic 0x950412de in the file's byte order,
 * revision, N, offset of the msgid table, offset of the msgstr table), each table N pairs of
 * (length, offset). A plural entry's msgid is "singular\0plural" and its msgstr the forms
 * separated by NUL; a context is "context\004msgid". The table is keyed by the singular.
 */
#include "config.h"

#include <string.h>

#include "io/ep-mo.h"

static void
entry_free (gpointer data)
{
  EpMoEntry *entry = data;

  g_free (entry->forms);
  g_free (entry);
}

static guint32
word (const guint8 *data,
      gsize         offset,
      gboolean      swap)
{
  guint32 w;

  memcpy (&w, data + offset, 4);

  return swap ? GUINT32_SWAP_LE_BE (w) : w;
}

GHashTable *
ep_mo_read (const char *path)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  g_autofree char *contents = NULL;
  const guint8 *data;
  gsize size = 0;
  guint32 magic, n, originals, translations;
  gboolean swap;

  if (!g_file_get_contents (path, &contents, &size, NULL) || size < 20)
    return table;

  data = (const guint8 *) contents;
  memcpy (&magic, data, 4);
  if (magic == 0x950412de)
    swap = FALSE;
  else if (GUINT32_SWAP_LE_BE (magic) == 0x950412de)
    swap = TRUE;
  else
    return table;

  n = word (data, 8, swap);
  originals = word (data, 12, swap);
  translations = word (data, 16, swap);
  if (originals > size || translations > size
      || n > (size - originals) / 8 || n > (size - translations) / 8)
    return table;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_length = word (data, originals + 8 * i, swap);
      guint32 id_offset = word (data, originals + 8 * i + 4, swap);
      guint32 str_length = word (data, translations + 8 * i, swap);
      guint32 str_offset = word (data, translations + 8 * i + 4, swap);
      EpMoEntry *entry;

      if (id_offset > size || id_length >= size - id_offset
          || str_offset > size || str_length >= size - str_offset)
        continue;
      /* The header (msgid "") and untranslated entries. */
      if (id_length == 0 || str_length == 0 || data[str_offset] == '\0')
        continue;

      entry = g_new0 (EpMoEntry, 1);
      entry->forms = g_malloc (str_length + 1);
      memcpy (entry->forms, data + str_offset, str_length);
      entry->forms[str_length] = '\0';
      entry->length = str_length;
      /* g_strndup stops at the NUL between singular and plural. */
      g_hash_table_replace (table, g_strndup ((const char *) data + id_offset, id_length), entry);
    }

  return table;
}
