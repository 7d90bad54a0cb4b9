/* test-cli-survival.c: endpoint-cli km and logrank as a user runs them
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built endpoint-cli ($ENDPOINT_CLI) on small files written to a temporary folder and
 * checks the contract of design.md: JSON on stdout and exit 0, or one line on stderr and exit 1
 * (data error: file, line, column) or 2 (usage error). The numbers themselves are checked in
 * test-km.c (core) and by the reference harness (CLI against R).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ep-test-cli.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = ep_test_make_temp_dir ("test-cli-survival-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  ep_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Writes name into the fixture's folder; returns its path. */
static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs endpoint-cli with the NULL-terminated arguments; a "@NAME" argument is replaced by the
 * path of NAME in the fixture's folder. */
static void
run_cli (EpTestCliRun *run,
         Fixture      *fixture,
         const char   *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    {
      if (arg[0] == '@')
        g_ptr_array_add (args, g_build_filename (fixture->dir, arg + 1, NULL));
      else
        g_ptr_array_add (args, g_strdup (arg));
    }
  va_end (ap);
  g_ptr_array_add (args, NULL);

  ep_test_cli_runv (run, (const char * const *) args->pdata);
}

/* Exit status as expected, nothing on stdout, and exactly one line on stderr that starts with
 * prefix and contains part. */
static void
assert_error (const EpTestCliRun *run,
              int                 status,
              const char         *prefix,
              const char         *part)
{
  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, prefix));
  g_assert_nonnull (strstr (run->err, part));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

/* lines:                        1                 2         3          4       5         6 */
static const char cohort[] = "time,status,arm,site\n5,1,2,x\n8,0,10,y\n,1,2,x\n3,1,10,x\n7,1,2,y\n"
                             "9,0,10,y\n";

/* Hand-computed: arm 2 has times 5 (event), 7 (event): S = 1/2 at 5, 0 at 7, median = 6
 * (the curve is 0.5 from 5 to 7: survfit's midpoint rule). arm 10 has 3 (event), 8 and 9
 * (censored): S = 2/3 from 3 on, median not reached. Line 4 has no time: n_dropped 1. */
static void
test_km_output (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_auto(EpTestCliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = write_file (fixture, "cohort.csv", cohort);
  JsonObject *root;
  JsonArray *groups;
  JsonObject *g0, *g1;

  run_cli (&run, fixture, "km", "--csv", "@cohort.csv", "--time", "time", "--event", "status",
           "--group", "arm", "--at", "6,1", "--timing", NULL);
  root = ep_test_cli_parse_json (&run, parser);

  g_assert_cmpstr (json_object_get_string_member (root, "analysis"), ==, "km");
  g_assert_cmpstr (json_object_get_string_member (root, "conf_type"), ==, "log-log");
  g_assert_cmpint (json_object_get_int_member (root, "n_dropped"), ==, 1);
  g_assert_true (json_object_has_member (root, "timing"));
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "timing"),
                                         "compute_s"));

  /* numeric order of the levels: 2 before 10 */
  groups = json_object_get_array_member (root, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);
  g0 = json_array_get_object_element (groups, 0);
  g1 = json_array_get_object_element (groups, 1);
  g_assert_cmpstr (json_object_get_string_member (g0, "label"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (g1, "label"), ==, "10");
  g_assert_cmpint (json_object_get_int_member (g0, "n"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (g0, "median"), ==, 6);
  g_assert_true (json_node_is_null (json_object_get_member (g1, "median")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (g1, "steps")), ==, 3);

  /* --at is reported in ascending order, as summary.survfit */
  {
    JsonArray *at = json_object_get_array_member (g1, "at");
    JsonObject *a0 = json_array_get_object_element (at, 0);
    JsonObject *a1 = json_array_get_object_element (at, 1);

    g_assert_cmpfloat (json_object_get_double_member (a0, "time"), ==, 1);
    g_assert_cmpfloat (json_object_get_double_member (a0, "surv"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (a0, "n_risk"), ==, 3);
    g_assert_cmpfloat (json_object_get_double_member (a1, "time"), ==, 6);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (a1, "surv"), 2.0 / 3.0, 1e-15);
    g_assert_cmpint (json_object_get_int_member (a1, "n_risk"), ==, 2);
  }

  /* no --group: one curve labelled "all" */
  {
    g_auto(EpTestCliRun) run2 = { 0 };
    g_autoptr(JsonParser) parser2 = json_parser_new ();
    JsonObject *root2;

    run_cli (&run2, fixture, "km", "--csv", "@cohort.csv", "--time", "time", "--event", "status",
             "--conf-type", "plain", NULL);
    root2 = ep_test_cli_parse_json (&run2, parser2);
    groups = json_object_get_array_member (root2, "groups");
    g_assert_cmpuint (json_array_get_length (groups), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0),
                                                    "label"), ==, "all");
    g_assert_cmpstr (json_object_get_string_member (root2, "conf_type"), ==, "plain");
  }
}

/* Hand-checkable shape; the statistic is checked against survdiff in test-km.c. */
static void
test_logrank_output (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_auto(EpTestCliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = write_file (fixture, "cohort.csv", cohort);
  JsonObject *root;
  JsonArray *groups;
  double o = 0, e = 0;

  run_cli (&run, fixture, "logrank", "--csv", "@cohort.csv", "--time", "time", "--event", "status",
           "--group", "arm", "--strata", "site", "--rho", "1", NULL);
  root = ep_test_cli_parse_json (&run, parser);

  g_assert_cmpstr (json_object_get_string_member (root, "analysis"), ==, "logrank");
  g_assert_cmpfloat (json_object_get_double_member (root, "rho"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "df"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "n_dropped"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "strata")), ==, 2);
  groups = json_object_get_array_member (root, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0),
                                                  "label"), ==, "2");
  /* sum O = sum E within each stratum, so also in total */
  for (guint k = 0; k < 2; k++)
    {
      JsonObject *g = json_array_get_object_element (groups, k);

      o += json_object_get_double_member (g, "observed");
      e += json_object_get_double_member (g, "expected");
    }
  g_assert_cmpfloat_with_epsilon (o, e, 1e-12);
}

/* km --logrank: the log-rank test from the same read of the file, as survdiff gives it (R 4.2.2,
 * survival 3.5: survdiff (Surv (time, status) ~ x, data = aml), tests/data/reference/
 * make_visible.R's aml_logrank.json) and as the logrank command gives it, to the bit. */
static void
test_km_logrank (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "reference", "data", "aml.csv",
                                                NULL);
  g_auto(EpTestCliRun) km = { 0 };
  g_auto(EpTestCliRun) logrank = { 0 };
  g_auto(EpTestCliRun) alone = { 0 };
  g_autoptr(JsonParser) km_parser = json_parser_new ();
  g_autoptr(JsonParser) logrank_parser = json_parser_new ();
  JsonObject *test, *reference;
  JsonArray *groups, *reference_groups;

  run_cli (&km, fixture, "km", "--csv", csv, "--time", "time", "--event", "status", "--group", "x",
           "--logrank", NULL);
  test = json_object_get_object_member (ep_test_cli_parse_json (&km, km_parser), "logrank");
  g_assert_nonnull (test);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (test, "chisq"), 3.3963886989776,
                                  1e-9 * 3.4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (test, "p"), 0.0653393220405051,
                                  1e-9 * 0.065);
  g_assert_cmpint (json_object_get_int_member (test, "df"), ==, 1);
  groups = json_object_get_array_member (test, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_array_get_object_element (groups, 0),
                                                                 "expected"),
                                  10.6893359923007, 1e-9 * 10.7);

  run_cli (&logrank, fixture, "logrank", "--csv", csv, "--time", "time", "--event", "status",
           "--group", "x", NULL);
  reference = ep_test_cli_parse_json (&logrank, logrank_parser);
  g_assert_true (json_object_get_double_member (test, "chisq") ==
                 json_object_get_double_member (reference, "chisq"));
  g_assert_true (json_object_get_double_member (test, "p") ==
                 json_object_get_double_member (reference, "p"));
  reference_groups = json_object_get_array_member (reference, "groups");
  for (guint k = 0; k < 2; k++)
    {
      JsonObject *a = json_array_get_object_element (groups, k);
      JsonObject *b = json_array_get_object_element (reference_groups, k);

      g_assert_cmpstr (json_object_get_string_member (a, "label"), ==,
                       json_object_get_string_member (b, "label"));
      g_assert_cmpint (json_object_get_int_member (a, "n"), ==, json_object_get_int_member (b, "n"));
      g_assert_true (json_object_get_double_member (a, "observed") ==
                     json_object_get_double_member (b, "observed"));
      g_assert_true (json_object_get_double_member (a, "expected") ==
                     json_object_get_double_member (b, "expected"));
    }

  /* a test needs groups */
  run_cli (&alone, fixture, "km", "--csv", csv, "--time", "time", "--event", "status", "--logrank",
           NULL);
  assert_error (&alone, 2 /* usage */, "endpoint-cli km: ", "--logrank needs --group");
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = write_file (fixture, "cohort.csv", cohort);
  struct {
    const char *args[12];
    const char *part;
  } cases[] = {
    { { "km", "--csv", "@cohort.csv", "--time", "time", NULL }, "--event is required" },
    { { "km", "--csv", "@cohort.csv", "--event", "status", NULL }, "--time is required" },
    { { "km", "--time", "time", "--event", "status", NULL }, "--csv" },
    { { "km", "--csv", "@cohort.csv", "--time", "time", "--event", "status", "--conf-type", "loglog", NULL },
      "--conf-type" },
    { { "km", "--csv", "@cohort.csv", "--time", "time", "--event", "status", "--conf-level", "95", NULL },
      "--conf-level" },
    { { "km", "--csv", "@cohort.csv", "--time", "time", "--event", "status", "--at", "12,x", NULL },
      "--at" },
    { { "km", "--csv", "@cohort.csv", "--time", "time", "--event", "status", "--at", "-1", NULL },
      "--at" },
    { { "km", "--csv", "@cohort.csv", "--time", "time", "--event", "status", "surplus", NULL },
      "surplus" },
    { { "km", "--csv", "@cohort.csv", "--time", "time", "--event", "status", "--bogus", NULL },
      "--bogus" },
    { { "logrank", "--csv", "@cohort.csv", "--time", "time", "--event", "status", NULL },
      "--group is required" },
    { { "logrank", "--csv", "@cohort.csv", "--time", "time", "--event", "status", "--group", "arm",
        "--rho", "x", NULL }, "--rho" },
    { { "logrank", "--csv", "@cohort.csv", "--time", "time", "--event", "status", "--group", "arm",
        "--adjust", "hochberg", NULL }, "--adjust must be holm, BH, bonferroni or none, not “hochberg”" },
    { { "logrank", "--csv", "@cohort.csv", "--time", "time", "--event", "status", "--group", "arm",
        "--reference", "3", NULL }, "--reference: column “arm” has no group “3” in the rows used (its groups: 2, 10)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(EpTestCliRun) run = { 0 };
      const char * const *a = cases[i].args;
      g_autofree char *prefix = g_strdup_printf ("endpoint-cli %s: ", a[0]);

      /* up to 11 arguments; the unused ones are NULL and end the list */
      run_cli (&run, fixture, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
               NULL);
      /* GOption's own errors add a second line, "Try ... --help" */
      g_test_message ("case %u: %s", i, run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, prefix));
      g_assert_nonnull (strstr (run.err, cases[i].part));
    }
}

static void
test_data_errors (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *p1 = write_file (fixture, "event.csv", "time,status\n5,1\n8,2\n");
  g_autofree char *p2 = write_file (fixture, "negative.csv", "time,status\n5,1\n8,0\n-3,1\n");
  g_autofree char *p3 = write_file (fixture, "nan.csv", "time,status\n5,1\nNaN,0\n");
  g_autofree char *p4 = write_file (fixture, "empty.csv", "");
  g_autofree char *p5 = write_file (fixture, "one.csv", "time,status,arm\n5,1,A\n8,0,A\n,1,B\n");
  g_autofree char *p6 = write_file (fixture, "missing.csv", "time,status\n,1\nNA,0\n");
  g_autofree char *p7 = write_file (fixture, "bool.csv", "time,status\n5,TRUE\n");
  g_autofree char *p8 = write_file (fixture, "censored.csv",
                                    "time,status,arm\n1,0,a\n2,0,b\n3,0,c\n4,0,a\n");

  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "km", "--csv", "@event.csv", "--time", "time", "--event", "status",
             NULL);
    assert_error (&run, 1, "event.csv:3: column \"status\"", "\"2\"");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "logrank", "--csv", "@event.csv", "--time", "time", "--event",
             "status", "--group", "status", NULL);
    assert_error (&run, 1, "event.csv:3: column \"status\"", "\"2\"");
  }
  /* more than two groups: what cannot be computed names the file and the option */
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "logrank", "--csv", "@censored.csv", "--time", "time", "--event",
             "status", "--group", "arm", "--hr", NULL);
    assert_error (&run, 1, "censored.csv: --hr: ", "at least one event");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "logrank", "--csv", "@censored.csv", "--time", "time", "--event",
             "status", "--group", "arm", "--trend", NULL);
    assert_error (&run, 1, "censored.csv: --trend: ", "no variance");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "km", "--csv", "@bool.csv", "--time", "time", "--event", "status",
             NULL);
    assert_error (&run, 1, "bool.csv:2: column \"status\"", "TRUE");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "km", "--csv", "@negative.csv", "--time", "time", "--event",
             "status", NULL);
    assert_error (&run, 1, "negative.csv:4: column \"time\"", "-3");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "km", "--csv", "@nan.csv", "--time", "time", "--event", "status",
             NULL);
    assert_error (&run, 1, "nan.csv:3: column \"time\"", "NaN");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "km", "--csv", "@empty.csv", "--time", "time", "--event", "status",
             NULL);
    assert_error (&run, 1, "empty.csv", "empty");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "km", "--csv", "@missing.csv", "--time", "time", "--event", "status",
             NULL);
    assert_error (&run, 1, "missing.csv: ", "2 dropped");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "km", "--csv", "@event.csv", "--time", "time", "--event", "died",
             NULL);
    assert_error (&run, 1, "event.csv", "died");
  }
  {
    /* line 4 (arm B) has no time: one group is left */
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, fixture, "logrank", "--csv", "@one.csv", "--time", "time", "--event",
             "status", "--group", "arm", NULL);
    assert_error (&run, 1, "one.csv: column \"arm\"", "at least two groups");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-survival/km", Fixture, NULL, fixture_set_up, test_km_output,
              fixture_tear_down);
  g_test_add ("/cli-survival/km-logrank", Fixture, NULL, fixture_set_up, test_km_logrank,
              fixture_tear_down);
  g_test_add ("/cli-survival/logrank", Fixture, NULL, fixture_set_up, test_logrank_output,
              fixture_tear_down);
  g_test_add ("/cli-survival/usage-errors", Fixture, NULL, fixture_set_up, test_usage_errors,
              fixture_tear_down);
  g_test_add ("/cli-survival/data-errors", Fixture, NULL, fixture_set_up, test_data_errors,
              fixture_tear_down);

  return g_test_run ();
}
