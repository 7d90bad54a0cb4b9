/* ep-test-cli.c: running endpoint-cli from a test, as a user would
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ep-test-cli.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

void
ep_test_cli_run_clear (EpTestCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
ep_test_cli_runv (EpTestCliRun       *run,
                  const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("ENDPOINT_CLI");
  /* The sanitizers' settings (build-aux/dev test --sanitize: the suppression file, halting on
   * the first UBSan report) reach endpoint-cli too, so a leak or an overflow there fails the
   * test that ran it. */
  static const char * const forwarded[] = {
    "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS", "G_DEBUG", "G_SLICE", NULL
  };
  g_autoptr(GPtrArray) env = g_ptr_array_new_with_free_func (g_free);
  int wait_status;

  g_assert_nonnull (run);
  g_assert_nonnull (args);
  g_assert_nonnull (cli);

  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_ptr_array_add (env, g_strdup ("LC_ALL=C.UTF-8"));
  for (guint i = 0; forwarded[i] != NULL; i++)
    if (g_getenv (forwarded[i]) != NULL)
      g_ptr_array_add (env, g_strdup_printf ("%s=%s", forwarded[i], g_getenv (forwarded[i])));
  g_ptr_array_add (env, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, (char **) env->pdata, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

void
ep_test_cli_run (EpTestCliRun *run,
                 const char   *first_arg,
                 ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  ep_test_cli_runv (run, (const char * const *) args->pdata);
}

JsonObject *
ep_test_parse_json_object (JsonParser *parser,
                           const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (text);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

JsonObject *
ep_test_cli_parse_json (const EpTestCliRun *run,
                        JsonParser         *parser)
{
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  return ep_test_parse_json_object (parser, run->out);
}

char *
ep_test_make_temp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
ep_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

char *
ep_test_write_temp_file (const char *name,
                         const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ep_test_make_temp_dir ("ep-test-XXXXXX");
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

void
ep_test_remove_temp_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}
