/* test-cli-data.c: endpoint-cli's data loading (src/cli/ep-cli-data.c)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Column resolution, listwise deletion and its count, per-column arrays of the kept rows, and
 * the messages a command prints for bad data.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const char *text = user_data;

  fixture->dir = g_dir_make_tmp ("test-cli-data-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "cohort.csv", NULL);
  g_file_set_contents (fixture->path, text, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* lines:        1                   2          3          4             5          6          7 */
static const char cohort[] = "time,status,group,age\n5,1,B,60\n8,0,A,NA\n.,1,A,70\n12,1,,55\n3,0,A,61\n";

static void
test_listwise (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char *columns[] = { "time", "status", "group", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) data = ep_cli_data_load (fixture->path, NULL, columns, &error);
  g_autofree double *time = NULL;
  g_autofree int *status = NULL;
  g_autofree const char **group = NULL;
  g_autoptr(EpLevels) levels = NULL;

  g_assert_no_error (error);
  /* Line 4 has no time and line 5 no group; age is not used, so its NA drops nothing. */
  g_assert_cmpuint (data->n_rows, ==, 3);
  g_assert_cmpuint (data->n_dropped, ==, 2);
  g_assert_cmpuint (ep_cli_data_line (data, 0), ==, 2);
  g_assert_cmpuint (ep_cli_data_line (data, 1), ==, 3);
  g_assert_cmpuint (ep_cli_data_line (data, 2), ==, 6);

  time = ep_cli_data_times (data, "time", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (time[0], ==, 5);
  g_assert_cmpfloat (time[1], ==, 8);
  g_assert_cmpfloat (time[2], ==, 3);

  status = ep_cli_data_events (data, "status", &error);
  g_assert_no_error (error);
  g_assert_cmpint (status[0], ==, 1);
  g_assert_cmpint (status[1], ==, 0);
  g_assert_cmpint (status[2], ==, 0);

  group = ep_cli_data_strings (data, "group");
  g_assert_cmpstr (group[0], ==, "B");
  g_assert_cmpstr (group[2], ==, "A");
  g_assert_null (group[3]);

  levels = ep_cli_data_levels (data, "group");
  g_assert_cmpuint (levels->n_levels, ==, 2);
  g_assert_cmpstr (levels->levels[0], ==, "A");
  g_assert_cmpuint (levels->codes[0], ==, 1);
  g_assert_cmpuint (levels->codes[1], ==, 0);
}

static void
test_listwise_all_columns (Fixture       *fixture,
                           gconstpointer  user_data)
{
  /* A column named twice counts once; adding age drops line 3 as well. */
  const char *columns[] = { "time", "age", "time", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) data = ep_cli_data_load (fixture->path, ",", columns, &error);
  g_autofree double *age = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (data->n_rows, ==, 3);
  g_assert_cmpuint (data->n_dropped, ==, 2);
  age = ep_cli_data_numbers (data, "age", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (age[0], ==, 60);
  g_assert_cmpfloat (age[1], ==, 55);
  g_assert_cmpfloat (age[2], ==, 61);
}

static void
test_unknown_column (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *columns[] = { "time", "stauts", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) data = ep_cli_data_load (fixture->path, NULL, columns, &error);

  g_assert_null (data);
  g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_NO_COLUMN);
  g_assert_cmpstr (error->message, ==, "cohort.csv: there is no column \"stauts\"");
}

static const char bad_values[] =
  "time\tstatus\tdose\n1\t1\t2.5\n2\t0\tabc\n-4\t2\t1\n";

static void
test_bad_values (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *columns[] = { "time", "status", "dose", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) data = ep_cli_data_load (fixture->path, "tab", columns, &error);
  g_autofree double *dose = NULL;
  g_autofree double *time = NULL;
  g_autofree double *time_raw = NULL;
  g_autofree int *status = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (data->n_rows, ==, 3);

  dose = ep_cli_data_numbers (data, "dose", &error);
  g_assert_null (dose);
  g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_NOT_A_NUMBER);
  g_assert_cmpstr (error->message, ==, "cohort.csv:3: column \"dose\": \"abc\" is not a number");
  g_clear_error (&error);

  time = ep_cli_data_times (data, "time", &error);
  g_assert_null (time);
  g_assert_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "cohort.csv:4: column \"time\": \"-4\" is negative; a time must be 0 or more");
  g_clear_error (&error);

  /* A negative number is still a number. */
  time_raw = ep_cli_data_numbers (data, "time", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (time_raw[2], ==, -4);

  status = ep_cli_data_events (data, "status", &error);
  g_assert_null (status);
  g_assert_error (error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "cohort.csv:4: column \"status\": \"2\" is not an event code; "
                   "use 1 for an event and 0 for censored");
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *columns[] = { "time", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) no_path = ep_cli_data_load (NULL, NULL, columns, &error);
  g_autoptr(EpCliData) bad_sep = NULL;

  g_assert_null (no_path);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "--csv is required");
  g_clear_error (&error);

  bad_sep = ep_cli_data_load (fixture->path, "|", columns, &error);
  g_assert_null (bad_sep);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_cmpint (ep_cli_data_fail ("km", error), ==, EP_CLI_EXIT_USAGE);
}

static void
test_parse_sep (void)
{
  char sep = 0;

  g_assert_true (ep_cli_parse_sep (NULL, &sep) && sep == ',');
  g_assert_true (ep_cli_parse_sep (",", &sep) && sep == ',');
  g_assert_true (ep_cli_parse_sep (";", &sep) && sep == ';');
  g_assert_true (ep_cli_parse_sep ("tab", &sep) && sep == '\t');
  g_assert_true (ep_cli_parse_sep ("\t", &sep) && sep == '\t');
  g_assert_false (ep_cli_parse_sep ("", &sep));
  g_assert_false (ep_cli_parse_sep (",,", &sep));
  g_assert_false (ep_cli_parse_sep ("|", &sep));
}

static void
test_data_errors_exit (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char *columns[] = { "time", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) data = ep_cli_data_load (fixture->path, NULL, columns, &error);

  /* An empty file: a data error, exit 1. */
  g_assert_null (data);
  g_assert_error (error, EP_CSV_ERROR, EP_CSV_ERROR_EMPTY);
  g_assert_cmpint (ep_cli_data_fail ("km", error), ==, EP_CLI_EXIT_DATA);
}

static void
test_no_rows_left (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *columns[] = { "time", "age", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliData) data = ep_cli_data_load (fixture->path, NULL, columns, &error);
  g_autofree double *time = NULL;
  g_autofree const char **age = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (data->n_rows, ==, 0);
  g_assert_cmpuint (data->n_dropped, ==, 2);
  time = ep_cli_data_numbers (data, "time", &error);
  g_assert_no_error (error);
  g_assert_nonnull (time);
  age = ep_cli_data_strings (data, "age");
  g_assert_null (age[0]);
}

static void
test_timing (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *timing;
  EpCliTimer timer;
  double first, second;

  ep_cli_timer_start (&timer);
  g_usleep (2000);
  first = ep_cli_timer_lap (&timer);
  second = ep_cli_timer_lap (&timer);
  g_assert_cmpfloat (first, >=, 0.002);
  g_assert_cmpfloat (first, <, 10.0);
  g_assert_cmpfloat (second, >=, 0.0);
  g_assert_cmpfloat (second, <, first);

  ep_cli_add_timing (object, 0.25, 1.5);
  timing = json_object_get_object_member (object, "timing");
  g_assert_nonnull (timing);
  g_assert_cmpfloat (json_object_get_double_member (timing, "parse_s"), ==, 0.25);
  g_assert_cmpfloat (json_object_get_double_member (timing, "compute_s"), ==, 1.5);
}

#define add_fixture_test(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add_fixture_test ("/cli-data/listwise", cohort, test_listwise);
  add_fixture_test ("/cli-data/listwise-all-columns", cohort, test_listwise_all_columns);
  add_fixture_test ("/cli-data/unknown-column", cohort, test_unknown_column);
  add_fixture_test ("/cli-data/bad-values", bad_values, test_bad_values);
  add_fixture_test ("/cli-data/usage-errors", cohort, test_usage_errors);
  add_fixture_test ("/cli-data/empty-file", "", test_data_errors_exit);
  add_fixture_test ("/cli-data/no-rows-left", "time,age\n1,NA\n2,.\n", test_no_rows_left);
  g_test_add_func ("/cli-data/parse-sep", test_parse_sep);
  g_test_add_func ("/cli-data/timing", test_timing);

  return g_test_run ();
}
