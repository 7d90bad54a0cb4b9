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

#include "ep-test-cli.h"

static void
test_cli_version (void)
{
  g_auto(EpTestCliRun) run = { 0 };

  ep_test_cli_run (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "endpoint-cli " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_cli_help (void)
{
  static const char *commands[] = { "km", "logrank", "cox", "cif", "meta", "trials", "plot" };
  g_auto(EpTestCliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  ep_test_cli_run (&run, "--help", NULL);
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
    g_auto(EpTestCliRun) short_run = { 0 };

    ep_test_cli_run (&short_run, "-h", NULL);
    g_assert_cmpint (short_run.status, ==, 0);
    g_assert_cmpstr (short_run.out, ==, run.out);
  }
}

static void
test_cli_usage_errors (void)
{
  {
    g_auto(EpTestCliRun) run = { 0 };
    const char * const no_args[] = { NULL };

    ep_test_cli_runv (&run, no_args);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (strstr (run.err, "Usage: endpoint-cli") != NULL);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (g_str_has_prefix (run.err, "endpoint-cli: unknown command “frobnicate”\n"));
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    ep_test_cli_run (&run, "--frobnicate", NULL);
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
