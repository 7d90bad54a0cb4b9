/* ep-plot-phrase.c: a figure's text made when drawn (see ep-plot-phrase.h)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "plot/ep-plot-phrase.h"
#include "plot/ep-plot-private.h"

typedef enum
{
  PHRASE_TEXT,
  PHRASE_MSGID,
  PHRASE_FORMAT,
  PHRASE_NUMBER,
  PHRASE_P,
  PHRASE_JOIN,
} PhraseKind;

struct _EpPlotPhrase
{
  PhraseKind  kind;
  char       *text;      /* TEXT: the text; MSGID, FORMAT: the msgid; JOIN: the separator */
  double      value;
  int         decimals;
  int         digits;    /* NUMBER: significant digits when > 0 (decimals then unused) */
  GPtrArray  *args;      /* FORMAT, JOIN: EpPlotPhrase */
};

static void
phrase_clear (gpointer data)
{
  EpPlotPhrase *phrase = data;

  g_free (phrase->text);
  g_clear_pointer (&phrase->args, g_ptr_array_unref);
}

static EpPlotPhrase *
phrase_new (PhraseKind  kind,
            const char *text)
{
  EpPlotPhrase *phrase = g_atomic_rc_box_new0 (EpPlotPhrase);

  phrase->kind = kind;
  phrase->text = g_strdup (text);
  return phrase;
}

EpPlotPhrase *
ep_plot_phrase_new (const char *format,
                    ...)
{
  EpPlotPhrase *phrase = phrase_new (PHRASE_FORMAT, format);
  EpPlotPhrase *arg;
  va_list args;

  phrase->args = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_plot_phrase_unref);
  va_start (args, format);
  while ((arg = va_arg (args, EpPlotPhrase *)) != NULL)
    g_ptr_array_add (phrase->args, arg);
  va_end (args);

  return phrase;
}

EpPlotPhrase *
ep_plot_phrase_text (const char *text)
{
  return phrase_new (PHRASE_TEXT, text != NULL ? text : "");
}

EpPlotPhrase *
ep_plot_phrase_msgid (const char *msgid)
{
  return phrase_new (PHRASE_MSGID, msgid != NULL ? msgid : "");
}

EpPlotPhrase *
ep_plot_phrase_number (double value,
                       int    decimals)
{
  EpPlotPhrase *phrase = phrase_new (PHRASE_NUMBER, NULL);

  phrase->value = value;
  phrase->decimals = decimals;
  return phrase;
}

EpPlotPhrase *
ep_plot_phrase_significant (double value,
                            int    digits)
{
  EpPlotPhrase *phrase = ep_plot_phrase_number (value, -1);

  phrase->digits = CLAMP (digits, 1, 17);
  return phrase;
}

EpPlotPhrase *
ep_plot_phrase_uint (guint value)
{
  return ep_plot_phrase_number (value, 0);
}

EpPlotPhrase *
ep_plot_phrase_p (double p)
{
  EpPlotPhrase *phrase = phrase_new (PHRASE_P, NULL);

  phrase->value = p;
  return phrase;
}

EpPlotPhrase *
ep_plot_phrase_join (const char *separator,
                     GPtrArray  *parts)
{
  EpPlotPhrase *phrase = phrase_new (PHRASE_JOIN, separator != NULL ? separator : "");

  phrase->args = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_plot_phrase_unref);
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    g_ptr_array_add (phrase->args, ep_plot_phrase_ref (g_ptr_array_index (parts, i)));
  return phrase;
}

EpPlotPhrase *
ep_plot_phrase_ref (EpPlotPhrase *phrase)
{
  g_return_val_if_fail (phrase != NULL, NULL);

  return g_atomic_rc_box_acquire (phrase);
}

void
ep_plot_phrase_unref (EpPlotPhrase *phrase)
{
  if (phrase != NULL)
    g_atomic_rc_box_release_full (phrase, phrase_clear);
}

typedef struct
{
  const EpPlotStyle *style;   /* NULL with app: gettext */
  gboolean           app;
  gboolean           comma;
} Writer;

static const char *
translate (const Writer *w,
           const char   *msgid)
{
  if (w->app)
    return *msgid != '\0' ? g_dgettext (GETTEXT_PACKAGE, msgid) : msgid;
  return ep_plot_gettext (w->style, msgid);
}

/* value with digits significant digits ("%.3g"; 0: "%g"), with the writer's mark. */
static char *
shortest (double   value,
          int      digits,
          gboolean comma)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  char *dot;

  if (digits > 0)
    g_snprintf (format, sizeof format, "%%.%dg", digits);
  else
    g_strlcpy (format, "%g", sizeof format);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  if (comma && (dot = strchr (buffer, '.')) != NULL)
    *dot = ',';
  return g_strdup (buffer);
}

static void
write_phrase (const Writer       *w,
              const EpPlotPhrase *phrase,
              GString            *out);

/* format with its %s, %u, %d, %g (also %N$s) replaced by the arguments and %% by %. */
static void
write_format (const Writer       *w,
              const EpPlotPhrase *phrase,
              GString            *out)
{
  const char *format = translate (w, phrase->text);
  guint next = 0;

  for (const char *c = format; *c != '\0'; c++)
    {
      const char *d = c + 1;
      guint index = next;

      if (*c != '%')
        {
          g_string_append_c (out, *c);
          continue;
        }
      if (*d == '%')
        {
          g_string_append_c (out, '%');
          c = d;
          continue;
        }
      if (g_ascii_isdigit (*d))
        {
          guint n = 0;
          const char *e = d;

          while (g_ascii_isdigit (*e))
            n = 10 * n + (guint) (*e++ - '0');
          if (*e == '$' && n > 0)
            {
              index = n - 1;
              d = e + 1;
            }
        }
      if (*d != 's' && *d != 'u' && *d != 'd' && *d != 'g')
        {
          /* not a conversion this knows: the text as it is */
          g_string_append_c (out, *c);
          continue;
        }
      if (index < phrase->args->len)
        write_phrase (w, g_ptr_array_index (phrase->args, index), out);
      next = index + 1;
      c = d;
    }
}

static void
write_phrase (const Writer       *w,
              const EpPlotPhrase *phrase,
              GString            *out)
{
  g_autofree char *number = NULL;

  switch (phrase->kind)
    {
    case PHRASE_TEXT:
      g_string_append (out, phrase->text);
      break;
    case PHRASE_MSGID:
      g_string_append (out, translate (w, phrase->text));
      break;
    case PHRASE_FORMAT:
      write_format (w, phrase, out);
      break;
    case PHRASE_NUMBER:
      number = phrase->decimals < 0 ? shortest (phrase->value, phrase->digits, w->comma)
                                    : ep_plot_format_decimal (phrase->value, phrase->decimals,
                                                              w->comma);
      g_string_append (out, number);
      break;
    case PHRASE_P:
      number = ep_plot_format_p_decimal (phrase->value, w->comma);
      g_string_append (out, number);
      break;
    case PHRASE_JOIN:
      for (guint i = 0; i < phrase->args->len; i++)
        {
          if (i > 0)
            g_string_append (out, phrase->text);
          write_phrase (w, g_ptr_array_index (phrase->args, i), out);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
ep_plot_phrase_write (const EpPlotPhrase *phrase,
                      const EpPlotStyle  *style)
{
  Writer w = { style, FALSE, style != NULL && ep_plot_style_decimal_comma (style) };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (phrase != NULL, g_string_free (out, FALSE));

  write_phrase (&w, phrase, out);
  return g_string_free (out, FALSE);
}

char *
ep_plot_phrase_write_app (const EpPlotPhrase *phrase)
{
  Writer w = { NULL, TRUE, FALSE };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (phrase != NULL, g_string_free (out, FALSE));

  write_phrase (&w, phrase, out);
  return g_string_free (out, FALSE);
}
