/* ep-plot-i18n.c: a figure's text in the figure's language (see ep-plot-i18n.h)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GNU .mo format: a header of 32-bit words (magic 0x950412de in the file's byte order,
 * revision, N, offset of the msgid table, offset of the msgstr table), each table N pairs of
 * (length, offset). A plural entry's msgid is "singular\0plural" and its msgstr the forms
 * separated by NUL; a context is "context\004msgid". We key the table by the singular.
 */
#include "config.h"

#include <string.h>

#include "plot/ep-plot-i18n.h"

typedef struct
{
  char  *forms;   /* the msgstr, its forms separated by NUL, NUL-terminated */
  gsize  length;  /* bytes in forms without the final NUL */
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->forms);
  g_free (entry);
}

static const char *const catalog_names[] = {
  [EP_PLOT_LANGUAGE_DE] = "de",
  [EP_PLOT_LANGUAGE_ZH_CN] = "zh_CN",
};

static GMutex lock;
static GHashTable *catalogs[EP_PLOT_LANGUAGE_APP];  /* NULL: not read yet */

static guint32
word (const guint8 *data,
      gsize         offset,
      gboolean      swap)
{
  guint32 w;

  memcpy (&w, data + offset, 4);

  return swap ? GUINT32_SWAP_LE_BE (w) : w;
}

/* The entries of a .mo file; an empty table for a file that is missing or malformed. */
static GHashTable *
read_catalog (const char *path)
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
      Entry *entry;

      if (id_offset > size || id_length >= size - id_offset
          || str_offset > size || str_length >= size - str_offset)
        continue;
      /* The header (msgid "") and untranslated entries. */
      if (id_length == 0 || str_length == 0 || data[str_offset] == '\0')
        continue;

      entry = g_new0 (Entry, 1);
      entry->forms = g_malloc (str_length + 1);
      memcpy (entry->forms, data + str_offset, str_length);
      entry->forms[str_length] = '\0';
      entry->length = str_length;
      /* g_strndup stops at the NUL between singular and plural. */
      g_hash_table_replace (table, g_strndup ((const char *) data + id_offset, id_length), entry);
    }

  return table;
}

static char *
catalog_path (const char *dir,
              const char *name)
{
  return g_build_filename (dir, name, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
}

static GHashTable *
catalog (EpPlotLanguage language)
{
  GHashTable *table;

  if (language != EP_PLOT_LANGUAGE_DE && language != EP_PLOT_LANGUAGE_ZH_CN)
    return NULL;

  g_mutex_lock (&lock);
  if (catalogs[language] == NULL)
    {
      const char *dir = g_getenv ("ENDPOINT_LOCALE_DIR");
      g_autofree char *path = NULL;

      if (dir != NULL && *dir != '\0')
        path = catalog_path (dir, catalog_names[language]);
      if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_free (path);
          path = catalog_path (LOCALEDIR, catalog_names[language]);
        }
      catalogs[language] = read_catalog (path);
    }
  table = catalogs[language];
  g_mutex_unlock (&lock);

  /* Filled once, only read afterwards. */
  return table;
}

EpPlotLanguage
ep_plot_language_resolve (EpPlotLanguage language)
{
  const char * const *names;

  if (language != EP_PLOT_LANGUAGE_APP)
    return language;

  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "de"))
        return EP_PLOT_LANGUAGE_DE;
      if (g_str_has_prefix (names[i], "zh"))
        return EP_PLOT_LANGUAGE_ZH_CN;
      if (g_str_has_prefix (names[i], "en") || strcmp (names[i], "C") == 0)
        return EP_PLOT_LANGUAGE_EN;
    }

  return EP_PLOT_LANGUAGE_EN;
}

static const Entry *
lookup (EpPlotLanguage language,
        const char    *msgid)
{
  GHashTable *table = catalog (ep_plot_language_resolve (language));

  return table != NULL ? g_hash_table_lookup (table, msgid) : NULL;
}

const char *
ep_plot_language_gettext (EpPlotLanguage  language,
                          const char     *msgid)
{
  const Entry *entry;

  if (msgid == NULL || *msgid == '\0')
    return msgid;

  entry = lookup (language, msgid);

  return entry != NULL ? entry->forms : msgid;
}

const char *
ep_plot_language_ngettext (EpPlotLanguage language,
                           const char    *msgid,
                           const char    *msgid_plural,
                           gulong         n)
{
  EpPlotLanguage resolved = ep_plot_language_resolve (language);
  const Entry *entry;
  const char *form;
  guint index;

  g_return_val_if_fail (msgid != NULL && msgid_plural != NULL, msgid);

  entry = lookup (resolved, msgid);
  if (entry == NULL)
    return n == 1 ? msgid : msgid_plural;

  /* The plural rules of our catalogs: German as English; Chinese has one form. */
  index = resolved == EP_PLOT_LANGUAGE_ZH_CN ? 0 : (n == 1 ? 0 : 1);
  form = entry->forms;
  for (guint k = 0; k < index; k++)
    {
      gsize used = (gsize) (form - entry->forms) + strlen (form);

      if (used >= entry->length)
        return entry->forms;
      form += strlen (form) + 1;
    }

  return form;
}

const char *
ep_plot_gettext (const EpPlotStyle *style,
                 const char        *msgid)
{
  return ep_plot_language_gettext (style != NULL ? style->language : EP_PLOT_LANGUAGE_EN, msgid);
}

const char *
ep_plot_ngettext (const EpPlotStyle *style,
                  const char        *msgid,
                  const char        *msgid_plural,
                  gulong             n)
{
  return ep_plot_language_ngettext (style != NULL ? style->language : EP_PLOT_LANGUAGE_EN,
                                    msgid, msgid_plural, n);
}

void
ep_plot_i18n_reset (void)
{
  g_mutex_lock (&lock);
  for (guint i = 0; i < G_N_ELEMENTS (catalogs); i++)
    g_clear_pointer (&catalogs[i], g_hash_table_unref);
  g_mutex_unlock (&lock);
}
