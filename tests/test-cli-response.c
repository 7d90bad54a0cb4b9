/* test-cli-response.c: endpoint-cli response and convert, run as a user would
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs $ENDPOINT_CLI on the bundled seed 004 cohort (data/examples) and on small files written
 * here; checks the JSON, the exit status (0, 1 data error, 2 usage error) and stderr. Expected
 * numbers are R 4.2's with options(digits = 17), the call beside each.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "ep-test-cli.h"

static void
assert_rel (double actual,
            double expected)
{
  g_assert_cmpfloat (fabs (actual - expected) / fabs (expected), <=, 1e-9);
}

static char *
seed004 (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                "seed004-blinatumomab.csv", NULL);
}

static void
test_response_seed004 (void)
{
  /* Yin 2024: 25/30 responders (CR + CRi), 9/13 with a high leukemic load, 12 MRD-negative. */
  g_autofree char *csv = seed004 ();
  g_auto(EpTestCliRun) all = { 0 };
  g_auto(EpTestCliRun) burden = { 0 };
  g_auto(EpTestCliRun) mrd = { 0 };
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  JsonObject *o, *g;
  JsonArray *groups;

  ep_test_cli_run (&all, "response", "--csv", csv, "--outcome", "response", "--success", "CR,CRi", NULL);
  g_assert_cmpint (all.status, ==, 0);
  o = ep_test_parse_json_object (p1, all.out);
  g_assert_cmpstr (json_object_get_string_member (o, "analysis"), ==, "response");
  g = json_array_get_object_element (json_object_get_array_member (o, "groups"), 0);
  g_assert_cmpint (json_object_get_int_member (g, "n"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (g, "successes"), ==, 25);
  /* 83.3% as published; binom.test (25, 30)$conf.int */
  assert_rel (json_object_get_double_member (g, "pct"), 250.0 / 3.0);
  assert_rel (json_object_get_double_member (g, "lower"), 0.65278830116585618);
  assert_rel (json_object_get_double_member (g, "upper"), 0.94357830353192851);
  g_assert_true (json_object_get_null_member (o, "fisher_p"));

  ep_test_cli_run (&burden, "response", "--csv", csv, "--outcome", "response", "--success", "CR, CRi",
                   "--group", "high_burden", NULL);
  g_assert_cmpint (burden.status, ==, 0);
  o = ep_test_parse_json_object (p2, burden.out);
  groups = json_object_get_array_member (o, "groups");
  g = json_array_get_object_element (groups, 1);
  g_assert_cmpstr (json_object_get_string_member (g, "label"), ==, "yes");
  g_assert_cmpint (json_object_get_int_member (g, "n"), ==, 13);
  g_assert_cmpint (json_object_get_int_member (g, "successes"), ==, 9);
  /* fisher.test (matrix (c(16,1, 9,4), nrow = 2))$p.value; chisq.test (.., correct = FALSE) */
  assert_rel (json_object_get_double_member (o, "fisher_p"), 0.13774858602444812);
  assert_rel (json_object_get_double_member (o, "chisq"), 3.2850678733031682);
  g_assert_cmpint (json_object_get_int_member (o, "chisq_df"), ==, 1);
  assert_rel (json_object_get_double_member (o, "chisq_p"), 0.069912737677351927);

  /* yes/no column: "Yes" is read as the column's yes */
  ep_test_cli_run (&mrd, "response", "--csv", csv, "--outcome", "mrd_negative", "--success", "Yes", NULL);
  g_assert_cmpint (mrd.status, ==, 0);
  o = ep_test_parse_json_object (p3, mrd.out);
  g = json_array_get_object_element (json_object_get_array_member (o, "groups"), 0);
  g_assert_cmpint (json_object_get_int_member (g, "successes"), ==, 12);
}

static void
test_response_2x4 (void)
{
  /* d <- read.csv ("seed004-blinatumomab.csv"); r <- d$response %in% c("CR", "CRi");
   * t <- table (factor (r, levels = c(TRUE, FALSE)), d$disease_status);
   * fisher.test (t)$p.value, chisq.test (t, correct = FALSE), binom.test per column */
  static const struct { const char *label; int n, x; double lower, upper; } expected[] = {
    { "First relapse", 12, 11, 0.61520383484905594, 0.99789240676813973 },
    { "Primary refractory", 9, 8, 0.51750348508266297, 0.99719086325340078 },
    { "Second relapse", 6, 5, 0.35876542100232522, 0.99578925548551056 },
    { "Third relapse", 3, 1, 0.0084037586596126413, 0.9057006759497539 },
  };
  g_autofree char *csv = seed004 ();
  g_auto(EpTestCliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  JsonArray *groups;

  ep_test_cli_run (&run, "response", "--csv", csv, "--outcome", "response", "--success", "CR,CRi",
                   "--group", "disease_status", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = ep_test_parse_json_object (parser, run.out);
  groups = json_object_get_array_member (o, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 4);
  for (guint g = 0; g < 4; g++)
    {
      JsonObject *og = json_array_get_object_element (groups, g);

      g_assert_cmpstr (json_object_get_string_member (og, "label"), ==, expected[g].label);
      g_assert_cmpint (json_object_get_int_member (og, "n"), ==, expected[g].n);
      g_assert_cmpint (json_object_get_int_member (og, "successes"), ==, expected[g].x);
      assert_rel (json_object_get_double_member (og, "lower"), expected[g].lower);
      assert_rel (json_object_get_double_member (og, "upper"), expected[g].upper);
    }
  assert_rel (json_object_get_double_member (o, "fisher_p"), 0.1560144836006927);
  assert_rel (json_object_get_double_member (o, "chisq"), 6.2000000000000002);
  g_assert_cmpint (json_object_get_int_member (o, "chisq_df"), ==, 3);
  assert_rel (json_object_get_double_member (o, "chisq_p"), 0.10227502654693751);
}

static void
test_response_errors (void)
{
  g_autofree char *csv = seed004 ();
  g_auto(EpTestCliRun) usage = { 0 };
  g_auto(EpTestCliRun) typo = { 0 };
  g_auto(EpTestCliRun) column = { 0 };

  ep_test_cli_run (&usage, "response", "--csv", csv, "--outcome", "response", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_cmpstr (usage.err, ==, "endpoint-cli response: --success is required\n");

  /* a value that never occurs is a typo, not 0% */
  ep_test_cli_run (&typo, "response", "--csv", csv, "--outcome", "response", "--success", "CR,Cri", NULL);
  g_assert_cmpint (typo.status, ==, 1);
  g_assert_cmpstr (typo.err, ==, "seed004-blinatumomab.csv: column \"response\": no row has \"Cri\"\n");

  ep_test_cli_run (&column, "response", "--csv", csv, "--outcome", "resp", "--success", "CR", NULL);
  g_assert_cmpint (column.status, ==, 1);
  g_assert_cmpstr (column.err, ==, "seed004-blinatumomab.csv: there is no column \"resp\"\n");
}

static void
test_convert (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ep-test-convert-XXXXXX", NULL);
  g_autofree char *in = g_build_filename (dir, "in.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *written = NULL;
  g_auto(EpTestCliRun) run = { 0 };
  g_auto(EpTestCliRun) fail = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  /* semicolons and decimal commas in, a formula in a text cell, a leap day */
  g_assert_true (g_file_set_contents (in,
                                      "id;weight;note;start\n"
                                      "1;70,5;=1+1;29.02.2024\n"
                                      "2;-3,25;ok;NA\n", -1, NULL));
  ep_test_cli_run (&run, "convert", in, out, "--decimal-comma", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = ep_test_parse_json_object (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (o, "n_rows"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (o, "columns"), 3),
                     "type"), ==, "date");
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  g_assert_cmpstr (written, ==,
                   "id,weight,note,start\n"
                   "1,70.5,'=1+1,2024-02-29\n"
                   "2,-3.25,ok,\n");

  g_assert_true (g_file_set_contents (bad, "time,status\n1,0\n2,1,3\n", -1, NULL));
  ep_test_cli_run (&fail, "convert", bad, out, NULL);
  g_assert_cmpint (fail.status, ==, 1);
  g_assert_cmpstr (fail.err, ==, "bad.csv:3: 3 fields, but the header has 2\n");

  g_unlink (in);
  g_unlink (out);
  g_unlink (bad);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/response/seed004", test_response_seed004);
  g_test_add_func ("/cli/response/2x4", test_response_2x4);
  g_test_add_func ("/cli/response/errors", test_response_errors);
  g_test_add_func ("/cli/convert", test_convert);

  return g_test_run ();
}
