/* test-cli.c: endpoint-cli's surface: --version, --help and usage errors
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built endpoint-cli ($ENDPOINT_CLI) as a user would and checks stdout, stderr and the
 * exit status of the contract in design.md: 0 success, 1 data error, 2 usage error.
 */
#include "config.h"

#include <glib.h>

typedef struct
{
  char *out;
  char *err;
  int   status;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

static void
run_cli (CliRun     *run,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("ENDPOINT_CLI");
  const char *env[] = { "LC_ALL=C.UTF-8", NULL };
  va_list args;
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, (char **) env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
test_cli_version (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "endpoint-cli " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_cli_help (void)
{
  static const char *commands[] = { "km", "logrank", "cox", "cif", "meta", "trials", "plot" };
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Usage: endpoint-cli COMMAND"));

  /* One line per command of design.md, with a description. */
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      guint found = 0;

      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[j]), " ", 2);

          if (words[0] != NULL && g_str_equal (words[0], commands[i]))
            {
              g_assert_nonnull (words[1]);
              g_assert_cmpuint (strlen (g_strstrip (words[1])), >, 10);
              found++;
            }
        }
      g_assert_cmpuint (found, ==, 1);
    }

  /* -h is the same */
  {
    g_auto(CliRun) short_run = { 0 };

    run_cli (&short_run, "-h", NULL);
    g_assert_cmpint (short_run.status, ==, 0);
    g_assert_cmpstr (short_run.out, ==, run.out);
  }
}

static void
test_cli_usage_errors (void)
{
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (strstr (run.err, "Usage: endpoint-cli") != NULL);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (g_str_has_prefix (run.err, "endpoint-cli: unknown command “frobnicate”\n"));
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "--frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (g_str_has_prefix (run.err, "endpoint-cli: unknown option “--frobnicate”\n"));
    g_assert_cmpstr (run.out, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);

  return g_test_run ();
}
