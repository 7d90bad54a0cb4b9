/* ep-json-check.c: strict JSON, bounded nesting, checked before json-glib parses it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib's parser recurses once per level of nesting, so "[[[[…" a hundred thousand levels
 * deep overflows the stack. Its scanner also accepts more than JSON: comments and single-quoted
 * strings. A depth count that skips only "…" strings is therefore fooled by `/ * " * /` followed by
 * deep nesting. ep_json_check() does not guess at json-glib's grammar: it accepts only strict
 * JSON (RFC 8259) in valid UTF-8, with an iterative parser of its own, and only text it accepts
 * is handed to json-glib. Whatever json-glib would do with a comment, it never sees one.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "io/ep-json-check.h"

typedef enum
{
  WANT_VALUE,            /* a value must come: after ':' or ',' in an array, or at the start */
  WANT_VALUE_OR_CLOSE,   /* just after '[' */
  WANT_KEY,              /* after ',' in an object */
  WANT_KEY_OR_CLOSE,     /* just after '{' */
  WANT_COLON,
  WANT_COMMA_OR_CLOSE,   /* after a value inside a container */
  WANT_END,              /* the top-level value is complete */
} State;

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
} Cursor;

static void
position (const Cursor *c,
          const char   *at,
          guint        *line,
          guint        *column)
{
  *line = 1;
  *column = 1;
  for (const char *q = c->start; q < at; q++)
    {
      if (*q == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) *q & 0xc0) != 0x80)
        (*column)++;
    }
}

static gboolean
fail (const Cursor  *c,
      const char    *at,
      const char    *reason,
      char         **message)
{
  guint line, column;

  if (message != NULL)
    {
      position (c, at, &line, &column);
      *message = g_strdup_printf ("%u:%u: %s", line, column, reason);
    }
  return FALSE;
}

static gboolean
is_digit (char ch)
{
  return ch >= '0' && ch <= '9';
}

/* A string from its opening quote; leaves c->p after the closing quote. */
static gboolean
scan_string (Cursor  *c,
             char   **message)
{
  const char *open = c->p++;

  while (c->p < c->end)
    {
      guchar ch = (guchar) *c->p;

      if (ch == '"')
        {
          c->p++;
          return TRUE;
        }
      /* json-glib 1.6 writes control characters other than \b \f \n \r \t raw (a level
       * "a\x1fb" from a CSV file): accepted, as json-glib reads them, so that a project saves and
       * reopens; only NUL, which would end the text, is refused. */
      if (ch == 0)
        return fail (c, c->p, _("Parse error: a control character inside a string"), message);
      if (ch == '\\')
        {
          if (c->p + 1 >= c->end)
            break;
          switch (c->p[1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              c->p += 2;
              break;
            case 'u':
              if (c->end - c->p < 6 || !g_ascii_isxdigit (c->p[2]) || !g_ascii_isxdigit (c->p[3]) ||
                  !g_ascii_isxdigit (c->p[4]) || !g_ascii_isxdigit (c->p[5]))
                return fail (c, c->p, _("Parse error: a bad \\u escape"), message);
              c->p += 6;
              break;
            default:
              return fail (c, c->p, _("Parse error: an unknown escape in a string"), message);
            }
          continue;
        }
      c->p++;
    }
  return fail (c, open, _("Parse error: a string that never ends"), message);
}

static gboolean
scan_number (Cursor  *c,
             char   **message)
{
  const char *start = c->p;

  if (c->p < c->end && *c->p == '-')
    c->p++;
  if (c->p < c->end && *c->p == '0')
    c->p++;
  else if (c->p < c->end && is_digit (*c->p))
    while (c->p < c->end && is_digit (*c->p))
      c->p++;
  else
    return fail (c, start, _("Parse error: not a number"), message);
  if (c->p < c->end && *c->p == '.')
    {
      c->p++;
      if (c->p >= c->end || !is_digit (*c->p))
        return fail (c, start, _("Parse error: not a number"), message);
      while (c->p < c->end && is_digit (*c->p))
        c->p++;
    }
  if (c->p < c->end && (*c->p == 'e' || *c->p == 'E'))
    {
      c->p++;
      if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
        c->p++;
      if (c->p >= c->end || !is_digit (*c->p))
        return fail (c, start, _("Parse error: not a number"), message);
      while (c->p < c->end && is_digit (*c->p))
        c->p++;
    }
  return TRUE;
}

static gboolean
scan_literal (Cursor  *c,
              char   **message)
{
  static const char * const words[] = { "true", "false", "null" };

  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    {
      gsize n = strlen (words[k]);

      if ((gsize) (c->end - c->p) >= n && memcmp (c->p, words[k], n) == 0)
        {
          c->p += n;
          return TRUE;
        }
    }
  return fail (c, c->p, _("Parse error: unexpected character (only strict JSON is read: no "
                          "comments, no single quotes)"), message);
}

/*
 * ep_json_check:
 * @text: the JSON text
 * @length: its length in bytes, or -1 when NUL-terminated
 * @max_depth: the deepest nesting of arrays and objects allowed (at most 4096)
 * @message: (out) (optional): on failure "LINE:COLUMN: reason", to be prefixed with a file name
 *
 * Returns: TRUE when @text is one strict JSON value (RFC 8259: no comments, no single-quoted
 * strings, no trailing commas, no NUL bytes; but raw control characters inside strings, as
 * json-glib writes them) in valid UTF-8, nested at most @max_depth deep,
 * or when it is blank (json-glib then gives no root node).
 * Only then may it go to json-glib's recursive parser.
 */
gboolean
ep_json_check (const char  *text,
               gssize       length,
               guint        max_depth,
               char       **message)
{
  guint8 stack[4096];   /* '[' or '{' per open level */
  guint depth = 0;
  State state = WANT_VALUE;
  Cursor c;
  const char *bad;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (max_depth <= G_N_ELEMENTS (stack), FALSE);

  if (message != NULL)
    *message = NULL;
  if (length < 0)
    length = strlen (text);
  c.start = c.p = text;
  c.end = text + length;

  if (!g_utf8_validate (text, length, &bad))
    return fail (&c, bad, _("the text is not valid UTF-8"), message);

  while (TRUE)
    {
      char ch;

      while (c.p < c.end && (*c.p == ' ' || *c.p == '\t' || *c.p == '\n' || *c.p == '\r'))
        c.p++;
      if (c.p >= c.end)
        break;
      ch = *c.p;

      switch (state)
        {
        case WANT_END:
          return fail (&c, c.p, _("Parse error: text after the end of the JSON value"), message);

        case WANT_COLON:
          if (ch != ':')
            return fail (&c, c.p, _("Parse error: expected “:”"), message);
          c.p++;
          state = WANT_VALUE;
          continue;

        case WANT_COMMA_OR_CLOSE:
          if (ch == ',')
            {
              c.p++;
              state = stack[depth - 1] == '{' ? WANT_KEY : WANT_VALUE;
              continue;
            }
          if ((ch == ']' && stack[depth - 1] == '[') || (ch == '}' && stack[depth - 1] == '{'))
            break;   /* closes below */
          return fail (&c, c.p, stack[depth - 1] == '{' ? _("Parse error: expected “,” or “}”")
                                                          : _("Parse error: expected “,” or “]”"),
                       message);

        case WANT_KEY:
        case WANT_KEY_OR_CLOSE:
          if (ch == '}' && state == WANT_KEY_OR_CLOSE)
            break;   /* closes below */
          if (ch != '"')
            return fail (&c, c.p, _("Parse error: expected a member name in double quotes"),
                         message);
          if (!scan_string (&c, message))
            return FALSE;
          state = WANT_COLON;
          continue;

        case WANT_VALUE:
        case WANT_VALUE_OR_CLOSE:
          if (ch == ']' && state == WANT_VALUE_OR_CLOSE)
            break;   /* closes below */
          if (ch == '[' || ch == '{')
            {
              if (depth >= max_depth)
                return fail (&c, c.p, _("nested too deep"), message);
              stack[depth++] = (guint8) ch;
              c.p++;
              state = ch == '[' ? WANT_VALUE_OR_CLOSE : WANT_KEY_OR_CLOSE;
              continue;
            }
          if (ch == '"')
            {
              if (!scan_string (&c, message))
                return FALSE;
            }
          else if (ch == '-' || is_digit (ch))
            {
              if (!scan_number (&c, message))
                return FALSE;
            }
          else if (!scan_literal (&c, message))
            return FALSE;
          state = depth > 0 ? WANT_COMMA_OR_CLOSE : WANT_END;
          continue;
        }

      /* a closing bracket that matches the innermost open one */
      c.p++;
      depth--;
      state = depth > 0 ? WANT_COMMA_OR_CLOSE : WANT_END;
    }

  /* Empty or blank text is safe: json-glib gives no root node, which every caller checks. */
  if (state != WANT_END && !(state == WANT_VALUE && depth == 0))
    return fail (&c, c.end, _("Parse error: the JSON value is incomplete"), message);
  return TRUE;
}
