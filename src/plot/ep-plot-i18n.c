/* ep-plot-i18n.c: a figure's text in the figure's language (see ep-plot-i18n.h)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogs are read by io/ep-mo.c (the .mo format belongs with the file formats).
 */
#include "config.h"

#include <string.h>

#include "io/ep-mo.h"
#include "plot/ep-plot-i18n.h"

static const char *const catalog_names[] = {
  [EP_PLOT_LANGUAGE_DE] = "de",
  [EP_PLOT_LANGUAGE_ZH_CN] = "zh_CN",
};

static GMutex lock;
static GHashTable *catalogs[EP_PLOT_LANGUAGE_APP];  /* NULL: not read yet */

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
      catalogs[language] = ep_mo_read (path);
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

static const EpMoEntry *
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
  const EpMoEntry *entry;

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
  const EpMoEntry *entry;
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
