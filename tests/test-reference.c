/* test-reference.c: endpoint-cli against the numbers R computed (tests/data/reference)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project's own check-reference. Each file in tests/data/reference/expected holds what R
 * computed (survival, cmprsk, metafor; see make_reference.R there for each call) in the JSON
 * that endpoint-cli prints, plus the "command" that must reproduce it. For each file this runs
 * $ENDPOINT_CLI with that command, its .csv arguments pointed at tests/data/reference/data, and
 * compares every key of the expected file with the output by the rules of check-reference:
 *   - numbers: |expected - actual| <= 1e-9 + 1e-5 |expected| (infinities must be equal);
 *   - null must be null; strings must be equal; "command" is not compared;
 *   - an expected file may carry "tolerance": a looser relative tolerance for its numbers, where
 *     R's own optimiser limits the agreement (rma.glmm through lme4); it is not compared;
 *   - a list whose first item is an object with a "label", "name", "cause" or "time" key (the
 *     first of these it has) is matched item by item on that key, extra items are allowed;
 *     any other list must have the same length and is compared in order;
 *   - keys the expected file does not have are not checked.
 * Every difference is reported with its path, e.g.
 *   aml_km_loglog.groups[label='Maintained'].steps[time=9].surv: expected 0.909, got 0.91
 *
 * One test case per file, /reference/<file name>, registered only when the command's first
 * word is listed in --commands=km,logrank,... (default: all), so a command's cases are enabled
 * in tests/meson.build once it exists. --reference-dir=DIR reads another folder of the same
 * shape (DIR/expected, DIR/data).
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#define RTOL 1e-5

/* The relative tolerance of the case being compared: RTOL or its "tolerance". */
static double rtol = RTOL;
#define ATOL 1e-9
#define MAX_ERRORS 20

typedef struct
{
  char *name;           /* "aml_km_loglog" */
  char *expected_path;
  char *data_dir;
} ReferenceCase;

static void
reference_case_free (gpointer data)
{
  ReferenceCase *rc = data;

  g_free (rc->name);
  g_free (rc->expected_path);
  g_free (rc->data_dir);
  g_free (rc);
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE || type == G_TYPE_BOOLEAN;
}

static double
number_of (JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? 1.0 : 0.0;
  return json_node_get_double (node);
}

/* check-reference's same_num(): a is expected, b actual. */
static gboolean
same_number (JsonNode *a,
             JsonNode *b)
{
  double x, y;

  if (!is_number (b))
    return FALSE;

  x = number_of (a);
  y = number_of (b);
  if (json_node_get_value_type (a) == G_TYPE_BOOLEAN ||
      json_node_get_value_type (b) == G_TYPE_BOOLEAN)
    return x == y;
  if (isinf (x) || isinf (y))
    return x == y;

  return fabs (x - y) <= ATOL + rtol * fabs (x);
}

/* Python's str() of a JSON value, as check-reference compares strings and list keys. */
static char *
python_str (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("None");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("{...}");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("[...]");

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "True" : "False");
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  {
    double x = json_node_get_double (node);
    char buffer[64];

    if (x == floor (x) && fabs (x) < 1e16)
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", x));
    /* the shortest text that reads back as x, like Python's repr */
    for (int precision = 1; precision <= 17; precision++)
      {
        char format[16];

        g_snprintf (format, sizeof format, "%%.%dg", precision);
        g_ascii_formatd (buffer, sizeof buffer, format, x);
        if (g_ascii_strtod (buffer, NULL) == x)
          break;
      }
    return g_strdup (buffer);
  }
}

/* Python's repr() for the key in a path: strings in single quotes. */
static char *
python_repr (JsonNode *node)
{
  g_autofree char *text = python_str (node);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup_printf ("'%s'", text);

  return g_steal_pointer (&text);
}

static const char *
type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "NoneType";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "dict";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "list";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "str";
    case G_TYPE_BOOLEAN:
      return "bool";
    case G_TYPE_INT64:
      return "int";
    default:
      return "float";
    }
}

static void
add_error (GPtrArray  *errors,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
add_error (GPtrArray  *errors,
           const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (errors, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The list key of check-reference's key_of(). */
static const char *
list_key (JsonArray *expected)
{
  static const char *keys[] = { "label", "name", "cause", "time" };
  JsonNode *first;

  if (json_array_get_length (expected) == 0)
    return NULL;
  first = json_array_get_element (expected, 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return NULL;

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    if (json_object_has_member (json_node_get_object (first), keys[k]))
      return keys[k];

  return NULL;
}

static void compare (JsonNode   *expected,
                     JsonNode   *actual,
                     const char *path,
                     GPtrArray  *errors);

static gboolean
key_matches (JsonNode *expected_key,
             JsonNode *actual_key)
{
  g_autofree char *e = NULL;
  g_autofree char *a = NULL;

  if (is_number (expected_key))
    return same_number (expected_key, actual_key);

  e = python_str (expected_key);
  a = python_str (actual_key);
  return strcmp (e, a) == 0;
}

static void
compare_keyed_list (JsonArray  *expected,
                    JsonArray  *actual,
                    const char *key,
                    const char *path,
                    GPtrArray  *errors)
{
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      JsonNode *e = json_array_get_element (expected, i);
      JsonNode *e_key;
      JsonNode *match = NULL;
      g_autofree char *repr = NULL;
      g_autofree char *item_path = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (e) || !json_object_has_member (json_node_get_object (e), key))
        {
          add_error (errors, "%s[%u]: the expected item has no \"%s\"", path, i, key);
          continue;
        }
      e_key = json_object_get_member (json_node_get_object (e), key);

      for (guint j = 0; j < json_array_get_length (actual) && match == NULL; j++)
        {
          JsonNode *a = json_array_get_element (actual, j);

          if (JSON_NODE_HOLDS_OBJECT (a) &&
              json_object_has_member (json_node_get_object (a), key) &&
              key_matches (e_key, json_object_get_member (json_node_get_object (a), key)))
            match = a;
        }

      repr = python_repr (e_key);
      item_path = g_strdup_printf ("%s[%s=%s]", path, key, repr);
      if (match == NULL)
        add_error (errors, "%s: missing", item_path);
      else
        compare (e, match, item_path, errors);
    }
}

static void
compare (JsonNode   *expected,
         JsonNode   *actual,
         const char *path,
         GPtrArray  *errors)
{
  if (errors->len > MAX_ERRORS)
    return;

  if (JSON_NODE_HOLDS_NULL (expected))
    {
      if (actual != NULL && !JSON_NODE_HOLDS_NULL (actual))
        {
          g_autofree char *a = python_repr (actual);

          add_error (errors, "%s: expected null, got %s", path, a);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (expected))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (actual))
        {
          add_error (errors, "%s: expected an object, got %s", path, type_name (actual));
          return;
        }

      json_object_iter_init_ordered (&iter, json_node_get_object (expected));
      while (json_object_iter_next_ordered (&iter, &member, &value))
        {
          g_autofree char *member_path = g_strdup_printf ("%s.%s", path, member);
          JsonObject *object = json_node_get_object (actual);

          if (strcmp (member, "command") == 0 || strcmp (member, "tolerance") == 0)
            continue;
          if (!json_object_has_member (object, member))
            add_error (errors, "%s: missing", member_path);
          else
            compare (value, json_object_get_member (object, member), member_path, errors);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (expected))
    {
      JsonArray *e, *a;
      const char *key;

      if (!JSON_NODE_HOLDS_ARRAY (actual))
        {
          add_error (errors, "%s: expected a list, got %s", path, type_name (actual));
          return;
        }

      e = json_node_get_array (expected);
      a = json_node_get_array (actual);
      key = list_key (e);
      if (key != NULL)
        {
          compare_keyed_list (e, a, key, path, errors);
        }
      else
        {
          guint n = MIN (json_array_get_length (e), json_array_get_length (a));

          if (json_array_get_length (e) != json_array_get_length (a))
            add_error (errors, "%s: %u items expected, %u given", path,
                       json_array_get_length (e), json_array_get_length (a));
          for (guint i = 0; i < n; i++)
            {
              g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

              compare (json_array_get_element (e, i), json_array_get_element (a, i),
                       item_path, errors);
            }
        }
    }
  else if (is_number (expected))
    {
      if (!same_number (expected, actual))
        {
          g_autofree char *e = python_repr (expected);
          g_autofree char *a = python_repr (actual);

          add_error (errors, "%s: expected %s, got %s", path, e, a);
        }
    }
  else
    {
      g_autofree char *e = python_str (expected);
      g_autofree char *a = python_str (actual);

      if (strcmp (e, a) != 0)
        {
          g_autofree char *e_repr = python_repr (expected);
          g_autofree char *a_repr = python_repr (actual);

          add_error (errors, "%s: expected %s, got %s", path, e_repr, a_repr);
        }
    }
}

/* The expected file's command, split like a shell, with its .csv words made paths into data. */
static char **
command_argv (JsonNode    *expected,
              const char  *cli,
              const char  *data_dir,
              GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  JsonObject *object;
  const char *command;

  if (!JSON_NODE_HOLDS_OBJECT (expected) ||
      !json_object_has_member ((object = json_node_get_object (expected)), "command") ||
      (command = json_object_get_string_member (object, "command")) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the expected file has no \"command\"");
      return NULL;
    }

  if (!g_shell_parse_argv (command, NULL, &words, error))
    return NULL;

  g_strv_builder_add (builder, cli);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_has_suffix (words[i], ".csv"))
        {
          g_autofree char *path = g_build_filename (data_dir, words[i], NULL);

          g_strv_builder_add (builder, path);
        }
      else
        {
          g_strv_builder_add (builder, words[i]);
        }
    }

  return g_strv_builder_end (builder);
}

static void
test_reference_case (gconstpointer data)
{
  const ReferenceCase *rc = data;
  const char *cli = g_getenv ("ENDPOINT_CLI");
  g_autoptr(JsonParser) expected_parser = json_parser_new ();
  g_autoptr(JsonParser) actual_parser = json_parser_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  if (cli == NULL)
    {
      g_test_fail_printf ("%s: ENDPOINT_CLI is not set (meson test sets it)", rc->name);
      return;
    }

  if (!json_parser_load_from_file (expected_parser, rc->expected_path, &error))
    {
      g_test_fail_printf ("%s: cannot read the expected file: %s", rc->name, error->message);
      return;
    }

  rtol = RTOL;
  if (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (expected_parser)))
    {
      JsonObject *top = json_node_get_object (json_parser_get_root (expected_parser));

      if (json_object_has_member (top, "tolerance"))
        rtol = json_object_get_double_member (top, "tolerance");
    }

  argv = command_argv (json_parser_get_root (expected_parser), cli, rc->data_dir, &error);
  if (argv == NULL)
    {
      g_test_fail_printf ("%s: %s", rc->name, error->message);
      return;
    }

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &wait_status, &error))
    {
      g_test_fail_printf ("%s: cannot run %s: %s", rc->name, cli, error->message);
      return;
    }
  if (!g_spawn_check_wait_status (wait_status, &error))
    {
      g_test_fail_printf ("%s: %s: %s", rc->name, error->message, g_strstrip (err));
      return;
    }

  if (!json_parser_load_from_data (actual_parser, out, -1, &error) ||
      json_parser_get_root (actual_parser) == NULL)
    {
      g_test_fail_printf ("%s: the output is not JSON (%s)", rc->name,
                          error != NULL ? error->message : "empty");
      return;
    }

  compare (json_parser_get_root (expected_parser), json_parser_get_root (actual_parser),
           rc->name, errors);

  if (errors->len > 0)
    {
      for (guint i = 0; i < errors->len && i < 12; i++)
        g_test_message ("%s", (char *) errors->pdata[i]);
      g_test_fail_printf ("%u difference%s from R, the first: %s", errors->len,
                          errors->len == 1 ? "" : "s", (char *) errors->pdata[0]);
    }
}

/* The command word of an expected file ("km" for "km --csv aml.csv ..."), or NULL. */
static char *
command_word (const char *expected_path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) words = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *command;

  if (!json_parser_load_from_file (parser, expected_path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "command"))
    return NULL;
  command = json_object_get_string_member (object, "command");
  if (command == NULL || !g_shell_parse_argv (command, NULL, &words, NULL))
    return NULL;

  return g_strdup (words[0]);
}

static void
test_unreadable_case (gconstpointer data)
{
  const ReferenceCase *rc = data;

  g_test_fail_printf ("%s: the expected file is not JSON with a \"command\"", rc->name);
}

static void
test_command_without_case (gconstpointer data)
{
  g_test_fail_printf ("--commands names \"%s\", but no expected file runs that command",
                      (const char *) data);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *commands_arg = NULL;
  g_autofree char *reference_dir = NULL;
  g_autofree char *expected_dir = NULL;
  g_autofree char *data_dir = NULL;
  g_auto(GStrv) commands = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *entry;
  int kept = 1;

  setlocale (LC_ALL, "");

  /* Our own options, taken out before g_test_init() sees argv. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--commands="))
        commands_arg = g_strdup (argv[i] + strlen ("--commands="));
      else if (g_str_has_prefix (argv[i], "--reference-dir="))
        reference_dir = g_strdup (argv[i] + strlen ("--reference-dir="));
      else
        argv[kept++] = argv[i];
    }
  argv[kept] = NULL;
  argc = kept;

  g_test_init (&argc, &argv, NULL);

  if (reference_dir == NULL)
    reference_dir = g_test_build_filename (G_TEST_DIST, "data", "reference", NULL);
  expected_dir = g_build_filename (reference_dir, "expected", NULL);
  data_dir = g_build_filename (reference_dir, "data", NULL);
  if (commands_arg != NULL && strcmp (commands_arg, "all") != 0)
    commands = g_strsplit (commands_arg, ",", -1);

  dir = g_dir_open (expected_dir, 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".json"))
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = names->pdata[i];
      ReferenceCase *rc = g_new0 (ReferenceCase, 1);
      g_autofree char *test_path = NULL;
      g_autofree char *word = NULL;

      rc->name = g_strndup (file, strlen (file) - strlen (".json"));
      rc->expected_path = g_build_filename (expected_dir, file, NULL);
      rc->data_dir = g_strdup (data_dir);
      test_path = g_strdup_printf ("/reference/%s", rc->name);
      word = command_word (rc->expected_path);

      if (word == NULL)
        {
          g_test_add_data_func_full (test_path, rc, test_unreadable_case, reference_case_free);
        }
      else if (commands == NULL || g_strv_contains ((const char * const *) commands, word))
        {
          g_test_add_data_func_full (test_path, rc, test_reference_case, reference_case_free);
          g_hash_table_add (used, g_steal_pointer (&word));
        }
      else
        {
          reference_case_free (rc);
        }
    }

  /* A command in --commands without a case is a typo that would silently test nothing. */
  for (guint k = 0; commands != NULL && commands[k] != NULL; k++)
    if (!g_hash_table_contains (used, commands[k]))
      {
        g_autofree char *test_path = g_strdup_printf ("/reference/no-case/%s", commands[k]);

        g_test_add_data_func (test_path, commands[k], test_command_without_case);
      }

  return g_test_run ();
}
