/* test-cli-trials.c: endpoint-cli trials: output, filters, exit codes
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built endpoint-cli ($ENDPOINT_CLI) as a script would and checks the JSON it prints
 * ({"trials": [...]}, design.md and issue 4) and the exit status: 0 success (also for no match),
 * 1 for a catalog that cannot be read, 2 for a usage error. The counts are those of the bundled
 * catalog (data/catalog/trials.json; see test-catalog.c for where its numbers come from).
 */
#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ep-test-cli.h"

/* Every run here is endpoint-cli trials. */
#define run_cli(run, ...) ep_test_cli_run ((run), "trials", __VA_ARGS__)

/* Parses a successful run's stdout and returns its "trials" array (owned by *root). */
static JsonArray *
parse_trials (const EpTestCliRun  *run,
              JsonNode           **root)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  ep_test_cli_parse_json (run, parser);
  *root = json_node_copy (json_parser_get_root (parser));
  object = json_node_get_object (*root);
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  g_assert_true (json_object_has_member (object, "trials"));
  return json_object_get_array_member (object, "trials");
}

static JsonObject *
find_trial (JsonArray  *trials,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (trials); i++)
    {
      JsonObject *trial = json_array_get_object_element (trials, i);

      if (strcmp (json_object_get_string_member (trial, "id"), id) == 0)
        return trial;
    }

  g_error ("no trial “%s” in the output", id);
  return NULL;
}

/* The whole catalog, with the keys issue 4 asks for on every arm. */
static void
test_trials_all (void)
{
  static const char * const keys[] = {
    "id", "trial", "arm", "agent", "class", "setting", "population", "n", "cr_pct",
    "mrd_neg_pct", "endpoints", "references", "source",
  };
  g_auto(EpTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *trials;
  JsonObject *blast, *eliana, *short_course;

  run_cli (&run, NULL);
  trials = parse_trials (&run, &root);
  g_assert_cmpuint (json_array_get_length (trials), ==, 33);

  for (guint i = 0; i < json_array_get_length (trials); i++)
    {
      JsonObject *trial = json_array_get_object_element (trials, i);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (!json_object_has_member (trial, keys[k]))
          g_error ("trial %u has no “%s”", i, keys[k]);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (trial, "source")), >=, 1);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (trial, "references")), >=, 1);
    }

  /* BLAST's CR is "NA" in seed 001 Table 1: null, not 0 */
  blast = find_trial (trials, "blast");
  g_assert_true (json_node_is_null (json_object_get_member (blast, "cr_pct")));
  g_assert_cmpint (json_object_get_int_member (blast, "n"), ==, 116);

  /* ELIANA (seed 001 Table 2): n 75, CR 81% */
  eliana = find_trial (trials, "eliana");
  g_assert_cmpstr (json_object_get_string_member (eliana, "class"), ==, "CAR T");
  g_assert_cmpfloat (json_object_get_double_member (eliana, "cr_pct"), ==, 81);
  g_assert_cmpstr (json_object_get_string_member (eliana, "headline_survival"), ==,
                   "12-mo OS 76%");

  /* seed 004: 2-year OS 82.62% (95% CI 63.14-92.37), printed as published */
  short_course = find_trial (trials, "short-course-blina");
  {
    JsonArray *endpoints = json_object_get_array_member (short_course, "endpoints");
    JsonObject *os = json_array_get_object_element (endpoints, 0);

    g_assert_cmpstr (json_object_get_string_member (os, "name"), ==, "OS");
    g_assert_cmpfloat (json_object_get_double_member (os, "value"), ==, 82.62);
    g_assert_cmpfloat (json_object_get_double_member (os, "ci_lower"), ==, 63.14);
  }
  g_assert_nonnull (strstr (run.out, " 82.62,"));
  g_assert_null (strstr (run.out, "82.620000"));
}

typedef struct
{
  const char *option;
  const char *value;
  guint       count;
  const char *key;      /* every match has this key equal to `expected` */
  const char *expected;
} FilterCase;

static void
test_trials_filters (void)
{
  static const FilterCase cases[] = {
    { "--class", "CAR T", 9, "class", "CAR T" },
    { "--class", "car t", 9, "class", "CAR T" },                 /* case-insensitive */
    { "--class", "BiTE", 13, "class", "BiTE" },
    { "--class", "antibody-drug conjugate", 3, "class", "antibody-drug conjugate" },
    { "--class", "chemotherapy", 2, "class", "chemotherapy" },
    { "--class", "combination", 6, "class", "combination" },
    { "--setting", "frontline", 4, "setting", "frontline" },
    { "--setting", "MRD-positive", 5, "setting", "MRD-positive" },
    { "--setting", "r/r", 24, "setting", "r/r" },
    { "--population", "pediatric", 2, "population", "pediatric" },
    { "--ph", "Ph+", 4, "ph", "Ph+" },
    { "--search", "ELIANA", 1, "id", "eliana" },
    { "--search", "TOWER", 2, "trial", "Phase 3 (TOWER)" },
    { "--search", "no such trial", 0, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(EpTestCliRun) run = { 0 };
      g_autoptr(JsonNode) root = NULL;
      JsonArray *trials;

      run_cli (&run, cases[i].option, cases[i].value, NULL);
      trials = parse_trials (&run, &root);
      if (json_array_get_length (trials) != cases[i].count)
        {
          g_test_fail_printf ("%s “%s”: %u arms, expected %u", cases[i].option, cases[i].value,
                              json_array_get_length (trials), cases[i].count);
          continue;
        }

      for (guint k = 0; cases[i].key != NULL && k < json_array_get_length (trials); k++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (trials, k),
                                                        cases[i].key), ==, cases[i].expected);
    }
}

/* Filters combine: BiTE arms in r/r are 9 of the 13 BiTE arms; with "--search" too. */
static void
test_trials_combined (void)
{
  g_auto(EpTestCliRun) run = { 0 };
  g_auto(EpTestCliRun) run2 = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) root2 = NULL;

  run_cli (&run, "--class", "BiTE", "--setting", "r/r", NULL);
  g_assert_cmpuint (json_array_get_length (parse_trials (&run, &root)), ==, 9);

  run_cli (&run2, "--class=CAR T", "--search", "Maude", NULL);
  g_assert_cmpuint (json_array_get_length (parse_trials (&run2, &root2)), ==, 2);
}

static void
test_trials_usage_errors (void)
{
  static const char * const bad[][2] = {
    { "--class", "CAR-T" },
    { "--setting", "relapsed" },
    { "--population", "kids" },
    { "--ph", "positive" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(EpTestCliRun) run = { 0 };
      g_autofree char *expected = g_strdup_printf ("endpoint-cli trials: %s: unknown value “%s”",
                                                   bad[i][0], bad[i][1]);

      run_cli (&run, bad[i][0], bad[i][1], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, expected));
      g_assert_nonnull (strstr (run.err, "allowed:"));
    }

  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, "--bogus", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, "extra", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, "endpoint-cli trials: unexpected argument “extra”\n");
  }
  {
    g_auto(EpTestCliRun) run = { 0 };

    run_cli (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--class"));
    g_assert_nonnull (strstr (run.out, "--search"));
  }
}

/* A broken catalog file is a data error: exit 1 and one line naming record and field. */
static void
test_trials_data_errors (void)
{
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "data", "catalog",
                                                   "unknown-class.json", NULL);
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "catalog",
                                                  "valid-minimal.json", NULL);
  g_auto(EpTestCliRun) run = { 0 };
  g_auto(EpTestCliRun) missing = { 0 };
  g_auto(EpTestCliRun) usage_first = { 0 };
  g_auto(EpTestCliRun) other = { 0 };
  g_autoptr(JsonNode) root = NULL;

  run_cli (&run, "--catalog", broken, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "unknown-class.json: record “car-t-typo”: field “class”:"));
  /* one line */
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);

  run_cli (&missing, "--catalog", "/nonexistent/trials.json", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/trials.json"));

  /* a usage error is reported as such even with a broken catalog */
  run_cli (&usage_first, "--catalog", broken, "--class", "nope", NULL);
  g_assert_cmpint (usage_first.status, ==, 2);

  /* another catalog file is merged into the bundled one: its arm is added */
  run_cli (&other, "--catalog", valid, NULL);
  g_assert_cmpuint (json_array_get_length (parse_trials (&other, &root)), ==, 33 + 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/trials/all", test_trials_all);
  g_test_add_func ("/cli/trials/filters", test_trials_filters);
  g_test_add_func ("/cli/trials/combined", test_trials_combined);
  g_test_add_func ("/cli/trials/usage-errors", test_trials_usage_errors);
  g_test_add_func ("/cli/trials/data-errors", test_trials_data_errors);

  return g_test_run ();
}
