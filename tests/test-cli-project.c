/* test-cli-project.c: endpoint-cli project new / show
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built endpoint-cli ($ENDPOINT_CLI) as a script would: the JSON it prints, atomic
 * replacement of an existing file, and the exit codes (0; 1 with one stderr line naming the
 * file for a data error; 2 for a usage error). Expected counts are those of the input files
 * (data/examples/aml.csv: 23 rows, 3 columns; seed004-blinatumomab.csv: 30 rows).
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "ep-test-cli.h"
#include "io/ep-project-store.h"

/* Every run here is endpoint-cli project. */
#define run_cli(run, ...) ep_test_cli_run ((run), "project", __VA_ARGS__)

static char *
example (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
test_new_and_show (void)
{
  g_autofree char *aml = example ("aml.csv");
  g_autofree char *seed = example ("seed004-blinatumomab.csv");
  g_autofree char *dir = ep_test_make_temp_dir ("ep-cli-project-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "study.endpoint", NULL);
  g_auto(EpTestCliRun) made = { 0 };
  g_auto(EpTestCliRun) shown = { 0 };
  g_autoptr(JsonParser) made_parser = json_parser_new ();
  g_autoptr(JsonParser) shown_parser = json_parser_new ();
  JsonObject *object, *cohort, *column;
  JsonArray *cohorts, *columns;

  /* an existing file is replaced */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  run_cli (&made, "new", "--out", path, "--csv", aml, "--csv", seed, NULL);
  object = ep_test_cli_parse_json (&made, made_parser);
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "study");
  g_assert_cmpint (json_object_get_int_member (object, "format_version"), ==,
                   EP_PROJECT_SCHEMA_VERSION);
  g_assert_nonnull (json_object_get_string_member (object, "created"));
  cohorts = json_object_get_array_member (object, "cohorts");
  g_assert_cmpuint (json_array_get_length (cohorts), ==, 2);
  cohort = json_array_get_object_element (cohorts, 0);
  g_assert_cmpstr (json_object_get_string_member (cohort, "name"), ==, "aml");
  g_assert_cmpint (json_object_get_int_member (cohort, "rows"), ==, 23);
  columns = json_object_get_array_member (cohort, "columns");
  g_assert_cmpuint (json_array_get_length (columns), ==, 3);
  column = json_array_get_object_element (columns, 2);
  g_assert_cmpstr (json_object_get_string_member (column, "name"), ==, "x");
  g_assert_cmpstr (json_object_get_string_member (column, "type"), ==, "category");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (column, "levels")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cohort, "endpoints")), ==, 0);
  /* the labels mapping (issue 13), what --labels reads: none yet */
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (
                      json_object_get_object_member (cohort, "labels"), "columns")), ==, 0);
  cohort = json_array_get_object_element (cohorts, 1);
  g_assert_cmpint (json_object_get_int_member (cohort, "rows"), ==, 30);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "analyses")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "figures")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "trial_selections")), ==, 0);

  /* show prints the same project */
  run_cli (&shown, "show", path, NULL);
  ep_test_cli_parse_json (&shown, shown_parser);
  g_assert_true (json_node_equal (json_parser_get_root (made_parser),
                                   json_parser_get_root (shown_parser)));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_markup_and_empty (void)
{
  g_autofree char *dir = ep_test_make_temp_dir ("ep-cli-project-XXXXXX");
  g_autofree char *csv = g_build_filename (dir, "m.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "m.endpoint", NULL);
  g_autofree char *empty = g_build_filename (dir, "e.endpoint", NULL);
  g_auto(EpTestCliRun) run = { 0 };
  g_auto(EpTestCliRun) run_empty = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser_empty = json_parser_new ();
  JsonObject *object, *cohort, *column;

  g_assert_true (g_file_set_contents (csv, "\"<b>dose</b> & co\",arm\n1,<i>A</i>\n2,B\n", -1, NULL));
  run_cli (&run, "new", "--out", path, "--csv", csv, NULL);
  object = ep_test_cli_parse_json (&run, parser);
  cohort = json_array_get_object_element (json_object_get_array_member (object, "cohorts"), 0);
  column = json_array_get_object_element (json_object_get_array_member (cohort, "columns"), 0);
  g_assert_cmpstr (json_object_get_string_member (column, "name"), ==, "<b>dose</b> & co");
  column = json_array_get_object_element (json_object_get_array_member (cohort, "columns"), 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (column, "levels"), 0),
                   ==, "<i>A</i>");

  run_cli (&run_empty, "new", "--out", empty, NULL);
  object = ep_test_cli_parse_json (&run_empty, parser_empty);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "cohorts")), ==, 0);

  g_unlink (csv);
  g_unlink (path);
  g_unlink (empty);
  g_rmdir (dir);
}

static JsonObject *
first_analysis (JsonObject *project)
{
  return json_array_get_object_element (json_object_get_array_member (project, "analyses"), 0);
}

/* The stored results: `project show` prints them, `project run` computes what no longer
 * matches the data and saves, `plot --project` draws from the stored result. The example
 * aml.endpoint (written by the build) holds survdiff (Surv (time, status) ~ x, aml):
 * p = 0.0653393220405049 (tests/data/reference/expected/aml_logrank.json). */
static void
test_stored_results (void)
{
  g_autofree char *built = g_test_build_filename (G_TEST_BUILT, "..", "data", "examples",
                                                  "aml.endpoint", NULL);
  g_autofree char *dir = ep_test_make_temp_dir ("ep-cli-project-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "aml.endpoint", NULL);
  g_autofree char *png = g_build_filename (dir, "km.png", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (built, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  {
    g_auto(EpTestCliRun) shown = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *analysis, *result;

    run_cli (&shown, "show", path, NULL);
    g_assert_cmpint (shown.status, ==, 0);
    analysis = first_analysis (ep_test_cli_parse_json (&shown, parser));
    g_assert_cmpstr (json_object_get_string_member (analysis, "state"), ==, "fresh");
    result = json_object_get_object_member (analysis, "result");
    g_assert_nonnull (result);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (result, "logrank"), "p"),
                                    0.0653393220405049, 1e-12);
  }

  /* A result that no longer matches its data: show says so, run computes it and saves. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE analysis_result SET fingerprint = 'changed'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  {
    g_auto(EpTestCliRun) shown = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();

    run_cli (&shown, "show", path, NULL);
    g_assert_cmpint (shown.status, ==, 0);
    g_assert_cmpstr (json_object_get_string_member (first_analysis (ep_test_cli_parse_json (&shown, parser)),
                                                    "state"), ==, "stale");
  }
  {
    g_auto(EpTestCliRun) ran = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *object;

    run_cli (&ran, "run", path, NULL);
    g_assert_cmpint (ran.status, ==, 0);
    object = ep_test_cli_parse_json (&ran, parser);
    g_assert_cmpint (json_object_get_int_member (object, "analyses_run"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (first_analysis (object), "state"), ==, "fresh");
  }
  {
    g_auto(EpTestCliRun) shown = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *analysis;

    run_cli (&shown, "show", path, NULL);
    analysis = first_analysis (ep_test_cli_parse_json (&shown, parser));
    g_assert_cmpstr (json_object_get_string_member (analysis, "state"), ==, "fresh");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (json_object_get_object_member (analysis, "result"), "logrank"), "p"),
                                    0.0653393220405049, 1e-12);
  }
  {
    g_auto(EpTestCliRun) plotted = { 0 };

    ep_test_cli_run (&plotted, "plot", "--project", path, "--figure",
                     "Overall survival by maintenance", "--out", png, NULL);
    g_assert_cmpint (plotted.status, ==, 0);
    g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  }

  g_unlink (png);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = ep_test_make_temp_dir ("ep-cli-project-XXXXXX");
  g_autofree char *csv = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "keep.endpoint", NULL);
  g_autofree char *text = g_build_filename (dir, "text.endpoint", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (g_file_set_contents (text, "time,status\n", -1, NULL));

  /* a CSV that cannot be read: exit 1, the importer's message, the old file untouched */
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, "new", "--out", path, "--csv", csv, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "bad.csv"));
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "old");
    g_assert_cmpuint (count_files (dir), ==, 2);
  }

  /* hostile or foreign files: one line naming the file */
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, "show", text, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "text.endpoint: not an Endpoint project (not a SQLite database)\n");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };
    g_auto(EpTestCliRun) made = { 0 };
    g_autofree char *newer = g_build_filename (dir, "newer.endpoint", NULL);
    sqlite3 *db = NULL;

    run_cli (&made, "new", "--out", newer, NULL);
    g_assert_cmpint (made.status, ==, 0);
    g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
    g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d",
                                               EP_PROJECT_SCHEMA_VERSION + 1);

    g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    run_cli (&run, "show", newer, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, "newer.endpoint: this project was saved by a newer "
                                              "version of Endpoint"));
    g_unlink (newer);
  }

  /* usage errors */
  {
    const char *cases[][3] = {
      { "new", NULL, NULL },                  /* no --out */
      { "show", NULL, NULL },                 /* no file */
      { "show", "a", "b" },                   /* two files */
      { "open", NULL, NULL },                 /* unknown subcommand */
      { "new", "--out", NULL },               /* --out without a value */
    };

    for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
      {
        g_auto(EpTestCliRun) run = { 0 };

        run_cli (&run, cases[k][0], cases[k][1], cases[k][2], NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_true (g_str_has_prefix (run.err, "endpoint-cli project"));
      }
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  g_unlink (path);
  g_unlink (text);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-project/new-and-show", test_new_and_show);
  g_test_add_func ("/cli-project/markup-and-empty", test_markup_and_empty);
  g_test_add_func ("/cli-project/errors", test_errors);
  g_test_add_func ("/cli-project/stored-results", test_stored_results);

  return g_test_run ();
}
