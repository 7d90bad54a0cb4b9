/* ep-json-writer.c: JSON written straight into a buffer, doubles in their shortest form
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout and the number format are those endpoint-cli has always printed (from a json-glib
 * tree with g_ascii_formatd() and g_ascii_strtod()); tests/test-json-writer.c checks both
 * against that printer, byte for byte. What is faster: no tree when a command writes
 * directly, a whole number below 10^15 written as an integer (what "%.15g" gives), printf in
 * the C locale without copying, and the read-back through ep-number.h's exact fast path first.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/ep-json-writer.h"
#include "io/ep-number.h"

static locale_t
c_locale (void)
{
  static gsize c = 0;

  if (g_once_init_enter (&c))
    g_once_init_leave (&c, (gsize) newlocale (LC_ALL_MASK, "C", (locale_t) 0));
  return (locale_t) c;
}

static gboolean
reads_back (const char *text,
            gsize       length,
            double      value,
            locale_t    c)
{
  double x;

  if (!ep_number_parse_fast (text, text + length, '.', &x))
    x = strtod_l (text, NULL, c);
  return x == value;
}

gsize
ep_json_format_double (char   *buf,
                       double  value)
{
  locale_t c, old;
  int length = 0;

  if (!isfinite (value))
    {
      memcpy (buf, "null", 5);
      return 4;
    }

  /* a whole number below 10^15: "%.15g" prints its digits */
  if (fabs (value) < 1e15 && value == (double) (gint64) value && !(value == 0 && signbit (value)))
    {
      char digits[24];
      gint64 v = (gint64) value;
      guint64 u = v < 0 ? (guint64) -v : (guint64) v;
      int n = 0, k = 0;

      do
        {
          digits[n++] = (char) ('0' + u % 10);
          u /= 10;
        }
      while (u != 0);
      if (v < 0)
        buf[k++] = '-';
      while (n > 0)
        buf[k++] = digits[--n];
      buf[k] = '\0';
      return (gsize) k;
    }

  c = c_locale ();
  old = uselocale (c);
  length = snprintf (buf, EP_JSON_DOUBLE_BUF_SIZE, "%.15g", value);
  if (!reads_back (buf, (gsize) length, value, c))
    {
      length = snprintf (buf, EP_JSON_DOUBLE_BUF_SIZE, "%.16g", value);
      if (!reads_back (buf, (gsize) length, value, c))
        length = snprintf (buf, EP_JSON_DOUBLE_BUF_SIZE, "%.17g", value);
    }
  uselocale (old);

  return (gsize) length;
}

/* ---- the writer ------------------------------------------------------------------------ */

struct _EpJsonWriter
{
  GString *out;
  GArray  *counts;     /* per open container: members or elements so far */
  GArray  *is_array;   /* per open container */
};

EpJsonWriter *
ep_json_writer_new (void)
{
  EpJsonWriter *writer = g_new0 (EpJsonWriter, 1);

  writer->out = g_string_sized_new (4096);
  writer->counts = g_array_new (FALSE, FALSE, sizeof (guint));
  writer->is_array = g_array_new (FALSE, FALSE, sizeof (gboolean));
  return writer;
}

void
ep_json_writer_free (EpJsonWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->out != NULL)
    g_string_free (writer->out, TRUE);
  g_array_unref (writer->counts);
  g_array_unref (writer->is_array);
  g_free (writer);
}

char *
ep_json_writer_free_to_string (EpJsonWriter *writer)
{
  char *text;

  g_return_val_if_fail (writer != NULL, NULL);

  g_string_append_c (writer->out, '\n');
  text = g_string_free (writer->out, FALSE);
  writer->out = NULL;
  ep_json_writer_free (writer);
  return text;
}

static void
newline_indent (EpJsonWriter *writer,
                guint         depth)
{
  GString *out = writer->out;

  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append_len (out, "  ", 2);
}

/* Before a value: in an array, the separator and the element's line. */
static void
before_value (EpJsonWriter *writer)
{
  guint depth = writer->counts->len;

  if (depth == 0 || !g_array_index (writer->is_array, gboolean, depth - 1))
    return;
  if (g_array_index (writer->counts, guint, depth - 1)++ > 0)
    g_string_append_c (writer->out, ',');
  newline_indent (writer, depth);
}

static void
append_string (GString    *out,
               const char *text)
{
  const guchar *p = (const guchar *) text, *run = p;

  g_string_append_c (out, '"');
  for (;; p++)
    {
      const char *escape = NULL;
      char u[8];

      if (*p >= 0x20 && *p != '"' && *p != '\\')
        continue;
      g_string_append_len (out, (const char *) run, (const char *) p - (const char *) run);
      if (*p == '\0')
        break;
      switch (*p)
        {
        case '"':  escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (u, sizeof u, "\\u%04x", *p);
          escape = u;
        }
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_c (out, '"');
}

static void
open_container (EpJsonWriter *writer,
                gboolean      array)
{
  guint zero = 0;

  before_value (writer);
  g_string_append_c (writer->out, array ? '[' : '{');
  g_array_append_val (writer->counts, zero);
  g_array_append_val (writer->is_array, array);
}

static void
close_container (EpJsonWriter *writer,
                 gboolean      array)
{
  guint depth = writer->counts->len;

  g_return_if_fail (depth > 0);
  g_return_if_fail (g_array_index (writer->is_array, gboolean, depth - 1) == array);

  if (g_array_index (writer->counts, guint, depth - 1) > 0)
    newline_indent (writer, depth - 1);
  g_string_append_c (writer->out, array ? ']' : '}');
  g_array_set_size (writer->counts, depth - 1);
  g_array_set_size (writer->is_array, depth - 1);
}

void
ep_json_writer_begin_object (EpJsonWriter *writer)
{
  open_container (writer, FALSE);
}

void
ep_json_writer_end_object (EpJsonWriter *writer)
{
  close_container (writer, FALSE);
}

void
ep_json_writer_begin_array (EpJsonWriter *writer)
{
  open_container (writer, TRUE);
}

void
ep_json_writer_end_array (EpJsonWriter *writer)
{
  close_container (writer, TRUE);
}

void
ep_json_writer_member (EpJsonWriter *writer,
                       const char   *name)
{
  guint depth = writer->counts->len;

  g_return_if_fail (depth > 0 && !g_array_index (writer->is_array, gboolean, depth - 1));

  if (g_array_index (writer->counts, guint, depth - 1)++ > 0)
    g_string_append_c (writer->out, ',');
  newline_indent (writer, depth);
  append_string (writer->out, name);
  g_string_append_len (writer->out, ": ", 2);
}

void
ep_json_writer_double (EpJsonWriter *writer,
                       double        value)
{
  char buf[EP_JSON_DOUBLE_BUF_SIZE];
  gsize length;

  before_value (writer);
  length = ep_json_format_double (buf, value);
  g_string_append_len (writer->out, buf, (gssize) length);
}

void
ep_json_writer_int (EpJsonWriter *writer,
                    gint64        value)
{
  char buf[24];
  int length;

  before_value (writer);
  length = g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  g_string_append_len (writer->out, buf, length);
}

void
ep_json_writer_boolean (EpJsonWriter *writer,
                        gboolean      value)
{
  before_value (writer);
  g_string_append (writer->out, value ? "true" : "false");
}

void
ep_json_writer_string (EpJsonWriter *writer,
                       const char   *text)
{
  before_value (writer);
  append_string (writer->out, text);
}

void
ep_json_writer_null (EpJsonWriter *writer)
{
  before_value (writer);
  g_string_append (writer->out, "null");
}

void
ep_json_writer_node (EpJsonWriter *writer,
                     JsonNode     *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        ep_json_writer_begin_object (writer);
        for (GList *l = members; l != NULL; l = l->next)
          {
            ep_json_writer_member (writer, l->data);
            ep_json_writer_node (writer, json_object_get_member (object, l->data));
          }
        ep_json_writer_end_object (writer);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        ep_json_writer_begin_array (writer);
        for (guint i = 0; i < length; i++)
          ep_json_writer_node (writer, json_array_get_element (array, i));
        ep_json_writer_end_array (writer);
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_DOUBLE:
          ep_json_writer_double (writer, json_node_get_double (node));
          break;
        case G_TYPE_INT64:
          ep_json_writer_int (writer, json_node_get_int (node));
          break;
        case G_TYPE_BOOLEAN:
          ep_json_writer_boolean (writer, json_node_get_boolean (node));
          break;
        case G_TYPE_STRING:
          ep_json_writer_string (writer, json_node_get_string (node));
          break;
        default:
          ep_json_writer_null (writer);
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      ep_json_writer_null (writer);
      break;
    }
}

void
ep_json_writer_double_member (EpJsonWriter *writer, const char *name, double value)
{
  ep_json_writer_member (writer, name);
  ep_json_writer_double (writer, value);
}

void
ep_json_writer_int_member (EpJsonWriter *writer, const char *name, gint64 value)
{
  ep_json_writer_member (writer, name);
  ep_json_writer_int (writer, value);
}

void
ep_json_writer_boolean_member (EpJsonWriter *writer, const char *name, gboolean value)
{
  ep_json_writer_member (writer, name);
  ep_json_writer_boolean (writer, value);
}

void
ep_json_writer_string_member (EpJsonWriter *writer, const char *name, const char *text)
{
  ep_json_writer_member (writer, name);
  ep_json_writer_string (writer, text);
}
