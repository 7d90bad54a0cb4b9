/* test-json-writer.c: io/ep-json-writer.h against the printer endpoint-cli used before it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The old printer (kept here as the definition): a json-glib tree, each double the shortest of
 * g_ascii_formatd "%.15g", "%.16g", "%.17g" that g_ascii_strtod reads back, null when not
 * finite. The writer must give the same bytes, and every double must read back bit for bit.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "io/ep-json-writer.h"

static void
old_double (GString *out,
            double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (digits == 17 || g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
check_double (double value)
{
  g_autoptr(GString) old = g_string_new (NULL);
  char buf[EP_JSON_DOUBLE_BUF_SIZE];
  gsize length = ep_json_format_double (buf, value);

  old_double (old, value);
  if (strcmp (buf, old->str) != 0 || length != strlen (buf))
    g_error ("%a: writer \"%s\", old printer \"%s\"", value, buf, old->str);
  if (isfinite (value))
    {
      double back = g_ascii_strtod (buf, NULL);

      /* bit for bit (a zero keeps its sign) */
      g_assert_true (memcmp (&back, &value, sizeof back) == 0);
    }
}

static void
test_doubles (void)
{
  static const double edges[] = {
    0.0, -0.0, 1.0, -1.0, 0.95, 0.1, 1e15, -1e15, 1e15 - 1, 999999999999999.0, 1e16, 1e22,
    1e23, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.30000000000000004,
    365.0, 1.0 / 3.0, 2.0 / 3.0, 123456.789, 9007199254740993.0, -2.5e-7, NAN, INFINITY,
    -INFINITY,
  };
  GRand *rand = g_rand_new_with_seed (19);

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    check_double (edges[i]);
  for (guint i = 0; i < 50000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      double x;

      memcpy (&x, &bits, sizeof x);
      check_double (x);                                          /* any bit pattern */
      check_double (g_rand_double_range (rand, -1, 1));          /* probabilities, estimates */
      check_double (floor (g_rand_double_range (rand, -1e6, 1e6)));  /* whole numbers */
      check_double (g_rand_int_range (rand, 0, 100000) / 1000.0);    /* short decimals */
      check_double (exp (g_rand_double_range (rand, -700, 700)));
    }
  g_rand_free (rand);
}

/* the old tree printer's layout */
static void old_node (GString *out, JsonNode *node, guint depth);

static void
old_indent (GString *out,
            guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
old_string (GString    *out,
            const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    switch (*p)
      {
      case '"':  g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default:
        if (*p < 0x20)
          g_string_append_printf (out, "\\u%04x", *p);
        else
          g_string_append_c (out, (char) *p);
      }
  g_string_append_c (out, '"');
}

static void
old_node (GString  *out,
          JsonNode *node,
          guint     depth)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      if (members == NULL)
        {
          g_string_append (out, "{}");
          return;
        }
      g_string_append_c (out, '{');
      for (GList *l = members; l != NULL; l = l->next)
        {
          old_indent (out, depth + 1);
          old_string (out, l->data);
          g_string_append (out, ": ");
          old_node (out, json_object_get_member (object, l->data), depth + 1);
          if (l->next != NULL)
            g_string_append_c (out, ',');
        }
      old_indent (out, depth);
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint length = json_array_get_length (array);

      if (length == 0)
        {
          g_string_append (out, "[]");
          return;
        }
      g_string_append_c (out, '[');
      for (guint i = 0; i < length; i++)
        {
          old_indent (out, depth + 1);
          old_node (out, json_array_get_element (array, i), depth + 1);
          if (i + 1 < length)
            g_string_append_c (out, ',');
        }
      old_indent (out, depth);
      g_string_append_c (out, ']');
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    switch (json_node_get_value_type (node))
      {
      case G_TYPE_DOUBLE: old_double (out, json_node_get_double (node)); break;
      case G_TYPE_INT64: g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node)); break;
      case G_TYPE_BOOLEAN: g_string_append (out, json_node_get_boolean (node) ? "true" : "false"); break;
      case G_TYPE_STRING: old_string (out, json_node_get_string (node)); break;
      default: g_string_append (out, "null"); break;
      }
  else
    g_string_append (out, "null");
}

/* Every reference case's expected JSON (R's numbers, nested objects, arrays, nulls, strings
 * with escapes): the writer from the tree and the old printer give the same bytes. */
static void
test_trees (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GString) old = g_string_new (NULL);
      g_autofree char *text = NULL;
      EpJsonWriter *writer;

      if (!g_str_has_suffix (name, ".json") || !json_parser_load_from_file (parser, path, NULL))
        continue;
      old_node (old, json_parser_get_root (parser), 0);
      g_string_append_c (old, '\n');
      writer = ep_json_writer_new ();
      ep_json_writer_node (writer, json_parser_get_root (parser));
      text = ep_json_writer_free_to_string (writer);
      g_assert_cmpstr (text, ==, old->str);
      n++;
    }
  g_assert_cmpuint (n, >, 10);
}

/* Written member by member: the same as the tree of the same members. */
static void
test_direct (void)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) old = g_string_new (NULL);
  g_autofree char *text = NULL;
  JsonArray *array = json_array_new ();
  JsonObject *o = json_object_new ();
  EpJsonWriter *w = ep_json_writer_new ();

  json_object_set_string_member (root, "analysis", "km \"x\"\n");
  json_object_set_double_member (root, "conf_level", 0.95);
  json_object_set_array_member (root, "empty", json_array_new ());
  json_object_set_object_member (root, "none", json_object_new ());
  json_object_set_double_member (o, "surv", 2.0 / 3.0);
  json_object_set_int_member (o, "n", -4);
  json_object_set_boolean_member (o, "ok", TRUE);
  json_object_set_null_member (o, "missing");
  json_array_add_object_element (array, o);
  json_array_add_double_element (array, NAN);
  json_object_set_array_member (root, "groups", array);
  node = json_node_init_object (json_node_alloc (), root);
  old_node (old, node, 0);
  g_string_append_c (old, '\n');

  ep_json_writer_begin_object (w);
  ep_json_writer_string_member (w, "analysis", "km \"x\"\n");
  ep_json_writer_double_member (w, "conf_level", 0.95);
  ep_json_writer_member (w, "empty");
  ep_json_writer_begin_array (w);
  ep_json_writer_end_array (w);
  ep_json_writer_member (w, "none");
  ep_json_writer_begin_object (w);
  ep_json_writer_end_object (w);
  ep_json_writer_member (w, "groups");
  ep_json_writer_begin_array (w);
  ep_json_writer_begin_object (w);
  ep_json_writer_double_member (w, "surv", 2.0 / 3.0);
  ep_json_writer_int_member (w, "n", -4);
  ep_json_writer_boolean_member (w, "ok", TRUE);
  ep_json_writer_member (w, "missing");
  ep_json_writer_null (w);
  ep_json_writer_end_object (w);
  ep_json_writer_double (w, NAN);
  ep_json_writer_end_array (w);
  ep_json_writer_end_object (w);
  text = ep_json_writer_free_to_string (w);

  g_assert_cmpstr (text, ==, old->str);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-writer/doubles", test_doubles);
  g_test_add_func ("/json-writer/trees", test_trees);
  g_test_add_func ("/json-writer/direct", test_direct);

  return g_test_run ();
}
