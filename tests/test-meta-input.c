/* test-meta-input.c: catalog arms as the input of a proportions meta-analysis
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The arms are the seed 001 trials of tests/data/reference/data/meta_cr.csv, whose `cr` column R
 * computed as round (n * cr_pct / 100) (make_visible.R); pooled, they must give
 * meta_cr_dl.json's subgroup estimates (metafor, see tests/data/reference/README.md).
 */
#include "config.h"

#include <string.h>
#include <math.h>

#include "io/ep-csv.h"
#include "model/ep-meta-input.h"

typedef struct
{
  GPtrArray *labels;     /* char *, owned */
  GPtrArray *classes;
  GArray    *arms;       /* EpMetaArm pointing into labels and classes */
  GArray    *cr;         /* guint: the file's cr column */
} SeedArms;

static void
seed_arms_free (SeedArms *seed)
{
  g_ptr_array_unref (seed->labels);
  g_ptr_array_unref (seed->classes);
  g_array_unref (seed->arms);
  g_array_unref (seed->cr);
  g_free (seed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeedArms, seed_arms_free)

static double
number (EpCsv      *csv,
        guint       row,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  guint column = 0;
  double value = NAN;

  g_assert_true (ep_csv_lookup_column (csv, name, &column, &error));
  g_assert_true (ep_csv_get_number (csv, row, column, &value, &error));
  g_assert_no_error (error);

  return value;
}

static const char *
text (EpCsv      *csv,
      guint       row,
      const char *name)
{
  guint column = 0;

  g_assert_true (ep_csv_lookup_column (csv, name, &column, NULL));
  return ep_csv_get_cell (csv, row, column);
}

static SeedArms *
load_seed_arms (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                 "meta_cr.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = ep_csv_read_file (path, ',', &error);
  SeedArms *seed = g_new0 (SeedArms, 1);

  g_assert_no_error (error);
  seed->labels = g_ptr_array_new_with_free_func (g_free);
  seed->classes = g_ptr_array_new_with_free_func (g_free);
  seed->arms = g_array_new (FALSE, TRUE, sizeof (EpMetaArm));
  seed->cr = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint row = 0; row < ep_csv_get_n_rows (csv); row++)
    {
      guint cr = (guint) number (csv, row, "cr");

      g_ptr_array_add (seed->labels, g_strdup (text (csv, row, "trial")));
      g_ptr_array_add (seed->classes, g_strdup (text (csv, row, "class")));
      g_array_append_val (seed->cr, cr);
    }
  for (guint row = 0; row < ep_csv_get_n_rows (csv); row++)
    {
      EpMetaArm arm = {
        .label = g_ptr_array_index (seed->labels, row),
        .class_name = g_ptr_array_index (seed->classes, row),
        .n = (int) number (csv, row, "n"),
        .percent = number (csv, row, "cr_pct"),
      };

      g_array_append_val (seed->arms, arm);
    }
  g_assert_cmpuint (seed->arms->len, ==, 15);

  return seed;
}

/* round (n x pct / 100) reproduces the cr column; every arm is used; classes in order. */
static void
test_seed_events (void)
{
  g_autoptr(SeedArms) seed = load_seed_arms ();
  g_autoptr(EpMetaInput) input = NULL;
  g_autoptr(GError) error = NULL;

  input = ep_meta_input_new ((EpMetaArm *) seed->arms->data, seed->arms->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (input->k, ==, 15);
  g_assert_cmpuint (input->n_excluded, ==, 0);
  for (guint i = 0; i < input->k; i++)
    {
      const EpMetaArm *arm = &g_array_index (seed->arms, EpMetaArm, i);

      g_assert_cmpuint (input->events[i], ==, g_array_index (seed->cr, guint, i));
      g_assert_cmpuint (input->total[i], ==, (guint) arm->n);
      g_assert_cmpstr (input->labels[i], ==, arm->label);
      g_assert_cmpstr (input->subgroup_names[input->subgroup[i]], ==, arm->class_name);
    }
  g_assert_cmpuint (input->n_subgroups, ==, 2);
  g_assert_cmpstr (input->subgroup_names[0], ==, "BiTE");
  g_assert_cmpstr (input->subgroup_names[1], ==, "CAR T");
  g_assert_null (input->subgroup_names[2]);
}

/* Arms that do not report the outcome are left out and listed; the rest pool to the reference:
 * meta_cr_dl.json (rma (measure = "PLO", method = "DL") per class, transf.ilogit): BiTE
 * 0.453980289579463 [0.389315144546894, 0.520236264959039], CAR T 0.848781845651113
 * [0.794625233631709, 0.890623253231918], subgroup test Q = 67.0445677541535. */
static void
test_not_reported_and_pooled (void)
{
  g_autoptr(SeedArms) seed = load_seed_arms ();
  g_autoptr(EpMetaInput) input = NULL;
  g_autoptr(EpMetaResult) result = NULL;
  g_autoptr(GError) error = NULL;
  EpMetaArm not_reported = { .label = "Trial without CR", .class_name = "CAR T", .n = 40,
                             .percent = NAN };
  EpMetaArm no_n = { .label = "Abstract without n", .class_name = "BiTE", .n = -1,
                     .percent = 50.0 };
  EpMetaData data;

  /* positions 0 and 8 of the selection */
  g_array_insert_val (seed->arms, 0, not_reported);
  g_array_insert_val (seed->arms, 8, no_n);

  input = ep_meta_input_new ((EpMetaArm *) seed->arms->data, seed->arms->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (input->k, ==, 15);
  g_assert_cmpuint (input->n_excluded, ==, 2);
  g_assert_cmpuint (input->excluded[0], ==, 0);
  g_assert_cmpint (input->exclusion[0], ==, EP_META_ARM_OUTCOME_NOT_REPORTED);
  g_assert_cmpuint (input->excluded[1], ==, 8);
  g_assert_cmpint (input->exclusion[1], ==, EP_META_ARM_N_NOT_REPORTED);
  g_assert_cmpuint (input->arm_index[0], ==, 1);
  g_assert_cmpstr (input->labels[0], ==, "Phase 2 pilot");

  ep_meta_input_get_data (input, EP_META_MEASURE_LOGIT, TRUE, &data);
  result = ep_meta_pool (&data, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (result->subgroups[0].random.estimate, 0.453980289579463, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->subgroups[0].random.lower, 0.389315144546894, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->subgroups[0].random.upper, 0.520236264959039, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->subgroups[1].random.estimate, 0.848781845651113, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->subgroups[1].random.lower, 0.794625233631709, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->subgroups[1].random.upper, 0.890623253231918, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->subgroup_q, 67.0445677541535, 67.0445677541535 * 1e-9);
}

/* R's round is half to even: round (30 * 75 / 100) = round (22.5) = 22,
 * round (10 * 35 / 100) = round (3.5) = 4, round (50 * 45 / 100) = 22 (R 4.2.2). */
static void
test_rounding (void)
{
  EpMetaArm arms[] = {
    { .label = "a", .class_name = "X", .n = 30, .percent = 75.0 },
    { .label = "b", .class_name = "X", .n = 10, .percent = 35.0 },
    { .label = "c", .class_name = "X", .n = 50, .percent = 45.0 },
    { .label = "d", .class_name = "X", .n = 13, .percent = 100.0 },
    { .label = "e", .class_name = "X", .n = 13, .percent = 0.0 },
  };
  g_autoptr(EpMetaInput) input = ep_meta_input_new (arms, G_N_ELEMENTS (arms), NULL);

  g_assert_nonnull (input);
  g_assert_cmpuint (input->events[0], ==, 22);
  g_assert_cmpuint (input->events[1], ==, 4);
  g_assert_cmpuint (input->events[2], ==, 22);
  g_assert_cmpuint (input->events[3], ==, 13);
  g_assert_cmpuint (input->events[4], ==, 0);
  g_assert_cmpuint (input->n_subgroups, ==, 1);
}

static void
test_invalid_percent (void)
{
  EpMetaArm arms[] = {
    { .label = "ok", .class_name = "X", .n = 30, .percent = 75.0 },
    { .label = "typo", .class_name = "X", .n = 30, .percent = 750.0 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpMetaInput) input = ep_meta_input_new (arms, G_N_ELEMENTS (arms), &error);

  g_assert_null (input);
  g_assert_error (error, EP_META_INPUT_ERROR, EP_META_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "typo"));
}

/* Nothing reported: an empty input, which ep_meta_pool() refuses with k = 0. */
static void
test_nothing_reported (void)
{
  EpMetaArm arms[] = {
    { .label = "a", .class_name = "X", .n = 30, .percent = NAN },
  };
  g_autoptr(EpMetaInput) input = ep_meta_input_new (arms, G_N_ELEMENTS (arms), NULL);
  g_autoptr(GError) error = NULL;
  EpMetaData data;

  g_assert_nonnull (input);
  g_assert_cmpuint (input->k, ==, 0);
  g_assert_cmpuint (input->n_excluded, ==, 1);
  ep_meta_input_get_data (input, EP_META_MEASURE_LOGIT, TRUE, &data);
  g_assert_null (ep_meta_pool (&data, NULL, &error));
  g_assert_error (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/meta-input/seed-events", test_seed_events);
  g_test_add_func ("/meta-input/not-reported-and-pooled", test_not_reported_and_pooled);
  g_test_add_func ("/meta-input/rounding", test_rounding);
  g_test_add_func ("/meta-input/invalid-percent", test_invalid_percent);
  g_test_add_func ("/meta-input/nothing-reported", test_nothing_reported);

  return g_test_run ();
}
