/* test-cox.c: Cox regression (src/core/ep-cox.c), its concordance and design matrix, and
 * endpoint-cli cox
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the expected numbers come from:
 * - the reference cases (tests/data/reference, read from their JSON): R 4.2.2, survival 3.5-3,
 *   make_reference.R's cox_ref(), i.e. coxph (formula, data, ties) and summary();
 * - Therneau & Grambsch's two small data sets at beta = 0: log-likelihood, score and
 *   information worked out by hand from the risk sets (T & G 2000, Appendix E; the working is
 *   in the comments) and confirmed with coxph (..., iter.max = 0) and coxph.detail();
 * - other R values, printed with options (digits = 15), with the R call in the comment.
 * Tolerance: relative 1e-6 (absolute 1e-12 near zero) unless a comment says otherwise.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "core/ep-concordance.h"
#include "core/ep-cox.h"
#include "core/ep-design.h"
#include "core/ep-levels.h"
#include "core/ep-permute.h"
#include "core/ep-sort.h"
#include "core/ep-timefix.h"
#include "io/ep-csv.h"

#include "ep-test-cli.h"

#define RTOL 1e-6
#define ATOL 1e-12

static void
assert_close_tol (double      actual,
                  double      expected,
                  double      rtol,
                  const char *what)
{
  if (isnan (expected))
    {
      if (!isnan (actual))
        g_test_fail_printf ("%s: expected NaN (R's NA), got %.17g", what, actual);
      return;
    }
  if (!(fabs (actual - expected) <= ATOL + rtol * fabs (expected)))
    g_test_fail_printf ("%s: expected %.17g, got %.17g", what, expected, actual);
}

static void
assert_close (double      actual,
              double      expected,
              const char *what)
{
  assert_close_tol (actual, expected, RTOL, what);
}

static gboolean
has_warning (const EpCoxFit *fit,
             const char     *text)
{
  for (guint i = 0; fit->warnings[i] != NULL; i++)
    if (strstr (fit->warnings[i], text) != NULL)
      return TRUE;
  return FALSE;
}

static EpCoxFit *
fit_ok (gsize               n,
        const double       *start,
        const double       *stop,
        const int          *status,
        const double       *x,
        guint               p,
        const guint        *strata,
        guint               n_strata,
        const EpCoxOptions *options)
{
  g_autoptr(GError) error = NULL;
  EpCoxFit *fit = ep_cox_fit (n, start, stop, status, x, p, strata, n_strata, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fit);
  return fit;
}

/* ---- the reference cases through the core API ---- */

typedef struct
{
  const char *expected;     /* tests/data/reference/expected/NAME.json */
  const char *data;         /* tests/data/reference/data/NAME */
  const char *start;        /* the columns, as in the JSON's "command" */
  const char *time;
  const char *event;
  const char *covariates;
  const char *factors;
  const char *strata;
  EpCoxTies   ties;
} RefCase;

/* The cox_ref() calls of make_reference.R (formula in the comment). */
static const RefCase ref_cases[] = {
  /* coxph (Surv (time, status) ~ x, tg1, ties = "breslow") */
  { "tg1_cox_breslow", "tg1.csv", NULL, "time", "status", "x", NULL, NULL, EP_COX_TIES_BRESLOW },
  /* coxph (Surv (time, status) ~ x, tg1, ties = "efron") */
  { "tg1_cox_efron", "tg1.csv", NULL, "time", "status", "x", NULL, NULL, EP_COX_TIES_EFRON },
  /* coxph (Surv (start, stop, event) ~ x, tg2, ties = "breslow") */
  { "tg2_cox_breslow", "tg2.csv", "start", "stop", "event", "x", NULL, NULL, EP_COX_TIES_BRESLOW },
  /* coxph (Surv (start, stop, event) ~ x, tg2, ties = "efron") */
  { "tg2_cox_efron", "tg2.csv", "start", "stop", "event", "x", NULL, NULL, EP_COX_TIES_EFRON },
  /* coxph (Surv (time, status) ~ x, aml, ties = "efron"), x a character column */
  { "aml_cox", "aml.csv", NULL, "time", "status", "x", "x", NULL, EP_COX_TIES_EFRON },
  /* coxph (Surv (time, status) ~ age + sex + ph_ecog, lung, ties = "efron") */
  { "lung_cox_efron", "lung.csv", NULL, "time", "status", "age,sex,ph_ecog", NULL, NULL,
    EP_COX_TIES_EFRON },
  /* coxph (Surv (time, status) ~ age + sex + ph_ecog, lung, ties = "breslow") */
  { "lung_cox_breslow", "lung.csv", NULL, "time", "status", "age,sex,ph_ecog", NULL, NULL,
    EP_COX_TIES_BRESLOW },
  /* coxph (Surv (time, status) ~ age + sex + strata (ph_ecog), lung, ties = "efron") */
  { "lung_cox_strata", "lung.csv", NULL, "time", "status", "age,sex", NULL, "ph_ecog",
    EP_COX_TIES_EFRON },
};

/* A CSV's columns with listwise deletion, as the CLI does. */
typedef struct
{
  gsize       n;
  double     *start;
  double     *stop;
  int        *status;
  guint      *strata;
  guint       n_strata;
  EpDesign   *design;
} RefData;

static void
ref_data_clear (RefData *data)
{
  g_free (data->start);
  g_free (data->stop);
  g_free (data->status);
  g_free (data->strata);
  ep_design_free (data->design);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RefData, ref_data_clear)

static double
cell_number (const EpCsv *csv,
             guint        row,
             guint        column)
{
  g_autoptr(GError) error = NULL;
  double value = NAN;

  g_assert_true (ep_csv_get_number (csv, row, column, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
ref_data_load (RefData       *data,
               const RefCase *c)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                 c->data, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = ep_csv_read_file (path, ',', &error);
  g_auto(GStrv) covariates = g_strsplit (c->covariates, ",", -1);
  g_auto(GStrv) factors = g_strsplit (c->factors != NULL ? c->factors : "", ",", -1);
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) keep = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autofree EpDesignColumn *columns = NULL;
  const char *names[4] = { c->time, c->event, c->start, c->strata };
  guint n_cov = g_strv_length (covariates);
  guint col;

  g_assert_no_error (error);
  memset (data, 0, sizeof *data);

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    if (names[k] != NULL)
      {
        g_assert_true (ep_csv_lookup_column (csv, names[k], &col, NULL));
        g_array_append_val (used, col);
      }
  for (guint k = 0; k < n_cov; k++)
    {
      g_assert_true (ep_csv_lookup_column (csv, covariates[k], &col, NULL));
      g_array_append_val (used, col);
    }

  for (guint row = 0; row < ep_csv_get_n_rows (csv); row++)
    {
      gboolean complete = TRUE;

      for (guint k = 0; k < used->len && complete; k++)
        complete = !ep_csv_is_missing (csv, row, g_array_index (used, guint, k));
      if (complete)
        g_array_append_val (keep, row);
    }

  data->n = keep->len;
  data->stop = g_new (double, data->n);
  data->status = g_new (int, data->n);
  if (c->start != NULL)
    data->start = g_new (double, data->n);
  for (gsize i = 0; i < data->n; i++)
    {
      guint row = g_array_index (keep, guint, i);

      ep_csv_lookup_column (csv, c->time, &col, NULL);
      data->stop[i] = cell_number (csv, row, col);
      ep_csv_lookup_column (csv, c->event, &col, NULL);
      data->status[i] = (int) cell_number (csv, row, col);
      if (c->start != NULL)
        {
          ep_csv_lookup_column (csv, c->start, &col, NULL);
          data->start[i] = cell_number (csv, row, col);
        }
    }

  if (c->strata != NULL)
    {
      g_autofree const char **values = g_new0 (const char *, data->n + 1);
      g_autoptr(EpLevels) levels = NULL;

      ep_csv_lookup_column (csv, c->strata, &col, NULL);
      for (gsize i = 0; i < data->n; i++)
        values[i] = ep_csv_get_cell (csv, g_array_index (keep, guint, i), col);
      levels = ep_levels_new (values, data->n);
      data->n_strata = levels->n_levels;
      data->strata = g_memdup2 (levels->codes, data->n * sizeof (guint));
    }

  columns = g_new0 (EpDesignColumn, n_cov);
  for (guint k = 0; k < n_cov; k++)
    {
      columns[k].name = covariates[k];
      ep_csv_lookup_column (csv, covariates[k], &col, NULL);
      if (g_strv_contains ((const char * const *) factors, covariates[k]))
        {
          const char **values = g_new0 (const char *, data->n + 1);

          for (gsize i = 0; i < data->n; i++)
            values[i] = ep_csv_get_cell (csv, g_array_index (keep, guint, i), col);
          columns[k].kind = EP_DESIGN_FACTOR;
          columns[k].strings = values;
          g_ptr_array_add (owned, values);
        }
      else
        {
          double *values = g_new (double, data->n);

          for (gsize i = 0; i < data->n; i++)
            values[i] = cell_number (csv, g_array_index (keep, guint, i), col);
          columns[k].kind = EP_DESIGN_NUMERIC;
          columns[k].numbers = values;
          g_ptr_array_add (owned, values);
        }
    }

  data->design = ep_design_new (columns, n_cov, data->n, &error);
  g_assert_no_error (error);
}

static JsonObject *
load_expected (JsonParser *parser,
               const char *name)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected",
                                                 file, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
check_member (JsonObject *expected,
              const char *member,
              double      actual,
              const char *name)
{
  g_autofree char *what = g_strdup_printf ("%s: %s", name, member);

  assert_close (actual, json_object_get_double_member (expected, member), what);
}

static void
test_reference (gconstpointer user_data)
{
  const RefCase *c = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(RefData) data = { 0, };
  g_autoptr(EpCoxFit) fit = NULL;
  JsonObject *expected = load_expected (parser, c->expected);
  JsonArray *terms = json_object_get_array_member (expected, "terms");
  EpCoxOptions options;

  ref_data_load (&data, c);
  ep_cox_options_init (&options);
  options.ties = c->ties;
  fit = fit_ok (data.n, data.start, data.stop, data.status, data.design->x, data.design->p,
                data.strata, data.n_strata, &options);

  g_assert_cmpuint (fit->n, ==, json_object_get_int_member (expected, "n"));
  g_assert_cmpuint (fit->n_events, ==, json_object_get_int_member (expected, "events"));
  g_assert_cmpuint (fit->p, ==, json_array_get_length (terms));
  for (guint j = 0; j < fit->p; j++)
    {
      JsonObject *term = json_array_get_object_element (terms, j);
      g_autofree char *name = g_strdup_printf ("%s: term %s", c->expected,
                                               json_object_get_string_member (term, "name"));

      g_assert_cmpstr (data.design->term_names[j], ==, json_object_get_string_member (term, "name"));
      check_member (term, "coef", fit->coef[j], name);
      check_member (term, "se", fit->se[j], name);
      check_member (term, "hr", fit->hr[j], name);
      check_member (term, "hr_lower", fit->hr_lower[j], name);
      check_member (term, "hr_upper", fit->hr_upper[j], name);
      check_member (term, "z", fit->z[j], name);
      check_member (term, "p", fit->p_value[j], name);
      g_assert_false (fit->singular[j]);
      g_assert_false (fit->infinite[j]);
    }
  check_member (expected, "loglik_null", fit->loglik_null, c->expected);
  check_member (expected, "loglik", fit->loglik, c->expected);
  check_member (expected, "lr_chisq", fit->lr_chisq, c->expected);
  check_member (expected, "lr_p", fit->lr_p, c->expected);
  check_member (expected, "wald_chisq", fit->wald_chisq, c->expected);
  check_member (expected, "score_chisq", fit->score_chisq, c->expected);
  check_member (expected, "concordance", fit->concordance, c->expected);
  g_assert_cmpuint (fit->df, ==, json_object_get_int_member (expected, "lr_df"));
  g_assert_cmpuint (fit->iterations, ==, json_object_get_int_member (expected, "iterations"));
  g_assert_true (fit->converged);
  g_assert_null (fit->warnings[0]);
}

/* coxph()$concordance["std"] is not in the reference files; R 4.2.2, survival 3.5-3,
 * options (digits = 15). */
static void
test_concordance_se (void)
{
  g_autoptr(EpCoxFit) efron = NULL;
  g_autoptr(EpCoxFit) strata = NULL;
  g_auto(RefData) lung = { 0, };
  g_auto(RefData) lung_strata = { 0, };
  EpCoxOptions options;

  ep_cox_options_init (&options);
  ref_data_load (&lung, &ref_cases[5]);
  efron = fit_ok (lung.n, NULL, lung.stop, lung.status, lung.design->x, lung.design->p,
                  NULL, 0, &options);
  /* coxph (Surv (time, status) ~ age + sex + ph.ecog, lung)$concordance: C 12544,
   * D 7117, tied.x 126, concordance 0.637135493000455, std 0.0250679738530796 */
  g_assert_cmpfloat (efron->concordant, ==, 12544);
  g_assert_cmpfloat (efron->discordant, ==, 7117);
  g_assert_cmpfloat (efron->tied_risk, ==, 126);
  g_assert_cmpfloat (efron->tied_time, ==, 28);
  assert_close (efron->concordance_se, 0.0250679738530796, "lung efron concordance se");

  ref_data_load (&lung_strata, &ref_cases[7]);
  strata = fit_ok (lung_strata.n, NULL, lung_strata.stop, lung_strata.status,
                   lung_strata.design->x, lung_strata.design->p, lung_strata.strata,
                   lung_strata.n_strata, &options);
  /* coxph (Surv (time, status) ~ age + sex + strata (ph.ecog), lung)$concordance:
   * C 4096, D 2915, tied.x 126, concordance 0.582737845032927, std 0.0264609556643969 */
  g_assert_cmpfloat (strata->concordant, ==, 4096);
  g_assert_cmpfloat (strata->discordant, ==, 2915);
  g_assert_cmpfloat (strata->tied_risk, ==, 126);
  assert_close (strata->concordance_se, 0.0264609556643969, "lung strata concordance se");
}

/* ---- Therneau & Grambsch, Appendix E: log-likelihood, score and information at 0 ---- */

/* tg1: (time, status, x) = (9,1,0) (3,NA,2) (1,1,1) (1,0,1) (6,1,1) (6,1,0) (8,0,0); the row
 * with a missing status is dropped. With r = exp (beta), the event times and risk sets are
 *   t = 1: {x=1 x3, x=0 x3}, one event (x=1): S0 = 3r + 3
 *   t = 6: {6:x=1, 6:x=0, 8:x=0, 9:x=0}, two events (x=1, x=0): S0 = r + 3
 *   t = 9: {9:x=0}, one event: S0 = 1 (adds nothing to U or I)
 * At beta = 0 (r = 1), with the mean m and variance m (1 - m) of the 0/1 covariate:
 *   Breslow: l = -log 6 - 2 log 4; U = (1 - 1/2) + (1 - 2/4) = 1;
 *            I = 1/4 + 2 (1/4)(3/4) = 5/8
 *   Efron:   the second event at t = 6 sees r + 3 - (r + 1)/2 = 3 with mean (r/2)/3 = 1/6:
 *            l = -log 6 - log 4 - log 3; U = 1/2 + (1 - 1/4 - 1/6) = 13/12;
 *            I = 1/4 + 3/16 + 5/36 = 83/144
 * (coxph (Surv (time, status) ~ x, tg1, ties = , iter.max = 0): loglik -4.56434819146784 and
 * -4.27666611901606, 1/var 0.625 and 0.576388888888889, sum of score residuals 1 and
 * 1.08333333333333.) */
static const double tg1_time[] = { 9, 1, 1, 6, 6, 8 };
static const int tg1_status[] = { 1, 1, 0, 1, 1, 0 };
static const double tg1_x[] = { 0, 1, 1, 1, 0, 0 };

/* tg2: (start, stop, event, x) = (1,2,1,1) (2,3,1,0) (5,6,1,0) (2,7,1,1) (1,8,1,0) (7,9,1,1)
 * (3,9,1,1) (4,9,0,1) (8,14,0,0) (8,17,0,0). At risk at t: start < t <= stop.
 *   t = 2: {x=1*, 0}            U += 1 - 1/2    I += 1/4    l -= log 2
 *   t = 3: {0*, 1, 0}           U += 0 - 1/3    I += 2/9    l -= log 3
 *   t = 6: {0*, 1, 0, 1, 1}     U += 0 - 3/5    I += 6/25   l -= log 5
 *   t = 7: {1*, 0, 1, 1}        U += 1 - 3/4    I += 3/16   l -= log 4
 *   t = 8: {0*, 1, 1, 1}        U += 0 - 3/4    I += 3/16   l -= log 4
 *   t = 9: {1*, 1*, 1, 0, 0}    Breslow: U += 2 - 6/5, I += 2 (6/25), l -= 2 log 5
 *                               Efron: the second event sees 2r + 2, mean 1/2:
 *                                      U += 2 - 3/5 - 1/2, I += 6/25 + 1/4, l -= log 5 + log 4
 * (* = the events). Breslow: U = -2/15, I = 2821/1800, l = -(log 2 + log 3 + 3 log 5 + 2 log 4);
 * Efron: U = -1/30, I = 2839/1800, l = -(log 2 + log 3 + 2 log 5 + 3 log 4).
 * (coxph (Surv (start, stop, event) ~ x, tg2, ties = , iter.max = 0): loglik
 * -9.39266192877014 and -9.16951837745593, 1/var 1.56722222222222 and 1.57722222222222.) */
static const double tg2_start[] = { 1, 2, 5, 2, 1, 7, 3, 4, 8, 8 };
static const double tg2_stop[] = { 2, 3, 6, 7, 8, 9, 9, 9, 14, 17 };
static const int tg2_event[] = { 1, 1, 1, 1, 1, 1, 1, 0, 0, 0 };
static const double tg2_x[] = { 1, 0, 0, 1, 0, 1, 1, 1, 0, 0 };

static void
check_at_zero (gsize         n,
               const double *start,
               const double *stop,
               const int    *status,
               const double *x,
               EpCoxTies     ties,
               double        loglik,
               double        score,
               double        information,
               const char   *what)
{
  g_autoptr(EpCoxFit) fit = NULL;
  g_autofree char *w_loglik = g_strdup_printf ("%s: loglik at 0", what);
  g_autofree char *w_score = g_strdup_printf ("%s: U(0)", what);
  g_autofree char *w_info = g_strdup_printf ("%s: I(0)", what);
  g_autofree char *w_test = g_strdup_printf ("%s: score test", what);
  EpCoxOptions options;

  /* iter_max = 0 evaluates at beta = 0, as coxph (..., iter.max = 0) */
  ep_cox_options_init (&options);
  options.ties = ties;
  options.iter_max = 0;
  fit = fit_ok (n, start, stop, status, x, 1, NULL, 0, &options);

  g_assert_cmpfloat (fit->coef[0], ==, 0.0);
  g_assert_cmpuint (fit->iterations, ==, 0);
  assert_close_tol (fit->loglik_null, loglik, 1e-12, w_loglik);
  assert_close_tol (fit->loglik, loglik, 1e-12, w_loglik);
  assert_close_tol (fit->score[0], score, 1e-12, w_score);
  assert_close_tol (1 / fit->var[0], information, 1e-12, w_info);
  assert_close_tol (fit->score_chisq, score * score / information, 1e-12, w_test);
}

static void
test_tg_at_zero (void)
{
  check_at_zero (6, NULL, tg1_time, tg1_status, tg1_x, EP_COX_TIES_BRESLOW,
                 -log (6) - 2 * log (4), 1.0, 5.0 / 8, "tg1 Breslow");
  check_at_zero (6, NULL, tg1_time, tg1_status, tg1_x, EP_COX_TIES_EFRON,
                 -log (6) - log (4) - log (3), 13.0 / 12, 83.0 / 144, "tg1 Efron");
  check_at_zero (10, tg2_start, tg2_stop, tg2_event, tg2_x, EP_COX_TIES_BRESLOW,
                 -(log (2) + log (3) + 3 * log (5) + 2 * log (4)), -2.0 / 15, 2821.0 / 1800,
                 "tg2 Breslow");
  check_at_zero (10, tg2_start, tg2_stop, tg2_event, tg2_x, EP_COX_TIES_EFRON,
                 -(log (2) + log (3) + 2 * log (5) + 3 * log (4)), -1.0 / 30, 2839.0 / 1800,
                 "tg2 Efron");
}

/* ---- concordance ---- */

/* Seven subjects, hand-counted. (time, status, risk, stratum):
 * (1,1,4,a) (2,1,3,a) (3,0,3,a) (4,1,1,a) (2,1,3,a) (5,0,2,b) (6,1,0.5,b).
 * Unstratified: the event at 1 (risk 4) beats all 6 others: 6 concordant; each event at 2
 * (risk 3) vs {3: risk 3, 4: 1, 5: 2, 6: 0.5}: 3 concordant, 1 tied; the event at 4 (risk 1)
 * vs {5: 2} discordant, {6: 0.5} concordant; the event at 6: nobody left. The two events at
 * 2 are tied on time and risk. C = 13, D = 1, T = 2, concordance (13 + 1)/16 = 0.875.
 * Within strata a, b: C = 4 + 2 = 6, D = 0, T = 2, again 0.875.
 * Variances from survival::concordancefit (Surv (time, status), risk, [strata,]
 * reverse = TRUE, timefix = FALSE)$var: 0.00634765625 and 0.0126953125. */
static void
test_concordance_hand (void)
{
  static const double time[] = { 1, 2, 3, 4, 2, 5, 6 };
  static const int status[] = { 1, 1, 0, 1, 1, 0, 1 };
  static const double risk[] = { 4, 3, 3, 1, 3, 2, 0.5 };
  static const guint strata[] = { 0, 0, 0, 0, 0, 1, 1 };
  EpConcordance c;

  g_assert_true (ep_concordance (7, NULL, time, status, risk, NULL, 0, &c));
  g_assert_cmpfloat (c.concordant, ==, 13);
  g_assert_cmpfloat (c.discordant, ==, 1);
  g_assert_cmpfloat (c.tied_risk, ==, 2);
  g_assert_cmpfloat (c.tied_time, ==, 0);
  g_assert_cmpfloat (c.tied_both, ==, 1);
  assert_close (c.concordance, 0.875, "concordance");
  assert_close (c.std_err, sqrt (0.00634765625), "concordance se");

  g_assert_true (ep_concordance (7, NULL, time, status, risk, strata, 2, &c));
  g_assert_cmpfloat (c.concordant, ==, 6);
  g_assert_cmpfloat (c.discordant, ==, 0);
  g_assert_cmpfloat (c.tied_risk, ==, 2);
  assert_close (c.concordance, 0.875, "stratified concordance");
  assert_close (c.std_err, sqrt (0.0126953125), "stratified concordance se");

  /* a status other than 0/1 is refused */
  {
    static const int bad[] = { 1, 2, 0, 1, 1, 0, 1 };

    g_assert_false (ep_concordance (7, NULL, time, bad, risk, NULL, 0, &c));
  }
}

/* skip_concordance (the figure's HR): the same fit, bit for bit, without Harrell's C. */
static void
test_skip_concordance (void)
{
  static const double time[] = { 1, 2, 3, 4, 2, 5, 6, 7, 3, 9 };
  static const int status[] = { 1, 1, 0, 1, 1, 0, 1, 1, 1, 0 };
  static const double x[] = { 1, 0, 1, 1, 0, 0, 1, 0, 1, 0 };
  g_autoptr(EpCoxFit) full = ep_cox_fit (10, NULL, time, status, x, 1, NULL, 0, NULL, NULL);
  g_autoptr(EpCoxFit) lean = NULL;
  EpCoxOptions options;

  ep_cox_options_init (&options);
  options.skip_concordance = TRUE;
  lean = ep_cox_fit (10, NULL, time, status, x, 1, NULL, 0, &options, NULL);
  g_assert_nonnull (full);
  g_assert_nonnull (lean);
  g_assert_cmpfloat (lean->coef[0], ==, full->coef[0]);
  g_assert_cmpfloat (lean->hr_lower[0], ==, full->hr_lower[0]);
  g_assert_cmpfloat (lean->loglik, ==, full->loglik);
  g_assert_true (isfinite (full->concordance));
  g_assert_true (isnan (lean->concordance));
  g_assert_cmpfloat (lean->concordant, ==, 0);
}

/* (start, stop] data: tg2 with the fitted risk score (coef < 0, so risk = -x).
 * coxph (Surv (start, stop, event) ~ x, tg2)$concordance: concordant 7, discordant 6,
 * tied.x 6, tied.xy 1, concordance 0.526315789473684, std 0.129128665050489. */
static void
test_concordance_counting (void)
{
  double risk[10];
  EpConcordance c;

  for (guint i = 0; i < 10; i++)
    risk[i] = -tg2_x[i];
  g_assert_true (ep_concordance (10, tg2_start, tg2_stop, tg2_event, risk, NULL, 0, &c));
  g_assert_cmpfloat (c.concordant, ==, 7);
  g_assert_cmpfloat (c.discordant, ==, 6);
  g_assert_cmpfloat (c.tied_risk, ==, 6);
  g_assert_cmpfloat (c.tied_both, ==, 1);
  assert_close (c.concordance, 0.526315789473684, "tg2 concordance");
  assert_close (c.std_err, 0.129128665050489, "tg2 concordance se");
}

/* ---- issue 19: the popcount dispatch and the fit from columns ---- */

/* Random data with many ties in time and in risk, strata and (start, stop] intervals: the
 * hardware-popcount walk and the portable one give the same counts and standard error to the
 * bit (they differ only in how a word's bits are counted). */
static void
test_concordance_popcount (void)
{
  const gsize n = 20000;
  g_autofree double *start = g_new (double, n);
  g_autofree double *stop = g_new (double, n);
  g_autofree int *status = g_new (int, n);
  g_autofree double *risk = g_new (double, n);
  g_autofree guint *strata = g_new (guint, n);
  GRand *rand = g_rand_new_with_seed (19);

  for (gsize i = 0; i < n; i++)
    {
      start[i] = g_rand_int_range (rand, 0, 50);
      stop[i] = start[i] + 1 + g_rand_int_range (rand, 0, 200);
      status[i] = g_rand_double (rand) < 0.6;
      risk[i] = g_rand_int_range (rand, 0, 300) / 7.0;
      strata[i] = g_rand_int_range (rand, 0, 3);
    }
  g_rand_free (rand);

  if (!ep_concordance_uses_hardware_popcount ())
    g_test_message ("this CPU has no popcnt (or it is disabled): both runs take the portable path");

  for (guint variant = 0; variant < 4; variant++)
    {
      const double *st = variant & 1 ? start : NULL;
      const guint *sa = variant & 2 ? strata : NULL;
      EpConcordance hw, portable;

      ep_concordance_set_portable (FALSE);
      g_assert_true (ep_concordance (n, st, stop, status, risk, sa, 3, &hw));
      ep_concordance_set_portable (TRUE);
      g_assert_false (ep_concordance_uses_hardware_popcount ());
      g_assert_true (ep_concordance (n, st, stop, status, risk, sa, 3, &portable));
      ep_concordance_set_portable (FALSE);

      g_assert_cmpfloat (hw.concordant, >, 0);
      g_assert_cmpmem (&hw, sizeof hw, &portable, sizeof portable);
    }
}

/* ep_concordance_sorted_in() in memory the caller lends (as ep_cox_fit lends its design
 * when it is larger than ep_big's cache keeps, at 1e7 rows) gives ep_concordance()'s numbers
 * to the bit: a block of exactly ep_concordance_work_size() full of garbage, a larger one, one
 * byte too small (its own arrays then) and none; right-censored and (start, stop], strata or
 * not, tied risks, n around the sort's insertion-sort limit. */
static void
test_concordance_lent_work (void)
{
  const gsize sizes[] = { 1, 2, 31, 32, 33, 700, 20000 };

  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      const gsize n = sizes[z];
      g_autofree double *start = g_new (double, n);
      g_autofree double *stop = g_new (double, n);
      g_autofree int *status = g_new (int, n);
      g_autofree double *risk = g_new (double, n);
      g_autofree guint *strata = g_new (guint, n);
      GRand *rand = g_rand_new_with_seed (7 + z);

      for (gsize i = 0; i < n; i++)
        {
          start[i] = g_rand_int_range (rand, 0, 50);
          stop[i] = start[i] + 1 + g_rand_int_range (rand, 0, 200);
          status[i] = i == 0 || g_rand_double (rand) < 0.6;
          risk[i] = g_rand_int_range (rand, 0, 300) / 7.0;
          strata[i] = g_rand_int_range (rand, 0, 3);
        }
      g_rand_free (rand);

      for (guint variant = 0; variant < 4; variant++)
        {
          const double *st = variant & 1 ? start : NULL;
          const guint *sa = variant & 2 ? strata : NULL;
          const gsize size = ep_concordance_work_size (n);
          g_autofree guint *order = g_new (guint, n);
          g_autofree gsize *sorted_pos = g_new (gsize, n);
          g_autofree double *time = g_new (double, n);
          g_autofree int *event = g_new (int, n);
          g_autofree double *sorted_risk = g_new (double, n);
          g_autofree gsize *range = g_new (gsize, 4);
          g_autofree gsize *start_pos = NULL;
          g_autofree double *start_time = NULL;
          g_autofree char *work = g_malloc (size + 64);
          gsize n_ranges = 0;
          EpConcordance expected, lent;

          g_assert_cmpuint (size, >=, n * 28);
          g_assert_true (ep_concordance (n, st, stop, status, risk, sa, 3, &expected));

          /* the data in (stratum, stop) order, as ep_concordance() makes them */
          g_assert_true (ep_sort_order_by_code_and_time (stop, sa, 3, n, order));
          range[0] = 0;
          for (gsize k = 0; k < n; k++)
            {
              guint i = order[k];

              sorted_pos[i] = k;
              time[k] = stop[i];
              event[k] = status[i];
              sorted_risk[k] = risk[i];
              if (k + 1 == n || (sa != NULL && sa[order[k + 1]] != sa[i]))
                range[++n_ranges] = k + 1;
            }
          if (st != NULL)
            {
              g_assert_true (ep_sort_order_by_code_and_time (st, sa, 3, n, order));
              start_pos = g_new (gsize, n);
              start_time = g_new (double, n);
              for (gsize m = 0; m < n; m++)
                {
                  start_pos[m] = sorted_pos[order[m]];
                  start_time[m] = st[order[m]];
                }
            }

          for (guint lend = 0; lend < 4; lend++)
            {
              /* exactly the size, 64 bytes more, one byte too few, none */
              const gsize lent_size = lend == 0 ? size : lend == 1 ? size + 64 : lend == 2 ? size - 1 : 0;

              memset (work, 0xa5, size + 64);
              g_assert_true (ep_concordance_sorted_in (n, time, event, sorted_risk, range,
                                                       n_ranges, start_pos, start_time,
                                                       lend == 3 ? NULL : work, lent_size,
                                                       &lent));
              g_assert_cmpmem (&expected, sizeof expected, &lent, sizeof lent);
              if (lend == 2)   /* too small: not written */
                for (gsize b = 0; b < size + 64; b++)
                  g_assert_cmpuint ((guchar) work[b], ==, 0xa5);
            }
        }
    }
}

static void
assert_fits_identical (const EpCoxFit *a,
                       const EpCoxFit *b)
{
  const guint p = a->p;

  g_assert_cmpuint (a->p, ==, b->p);
  g_assert_cmpuint (a->n_events, ==, b->n_events);
  g_assert_cmpuint (a->iterations, ==, b->iterations);
  g_assert_cmpmem (a->coef, p * sizeof (double), b->coef, p * sizeof (double));
  g_assert_cmpmem (a->se, p * sizeof (double), b->se, p * sizeof (double));
  g_assert_cmpmem (a->var, p * p * sizeof (double), b->var, p * p * sizeof (double));
  g_assert_cmpmem (a->means, p * sizeof (double), b->means, p * sizeof (double));
  g_assert_cmpmem (a->score, p * sizeof (double), b->score, p * sizeof (double));
  g_assert_cmpmem (a->singular, p * sizeof (gboolean), b->singular, p * sizeof (gboolean));
  g_assert_cmpmem (&a->loglik_null, sizeof (double), &b->loglik_null, sizeof (double));
  g_assert_cmpmem (&a->loglik, sizeof (double), &b->loglik, sizeof (double));
  g_assert_cmpmem (&a->wald_chisq, sizeof (double), &b->wald_chisq, sizeof (double));
  g_assert_cmpmem (&a->score_chisq, sizeof (double), &b->score_chisq, sizeof (double));
  g_assert_cmpmem (&a->concordance, sizeof (double), &b->concordance, sizeof (double));
  g_assert_cmpmem (&a->concordance_se, sizeof (double), &b->concordance_se, sizeof (double));
}

/* R's tie rule applied while the fit sorts (no entry times) is the rule applied first on copies
 * (ep_timefix(), then a fit without it), to the bit: with times that it merges (0.1 + 0.2
 * against 0.3; 2e-8 apart, merged by the relative rule only) and without, strata or not,
 * both tie methods, n around the insertion sort's 32. */
static void
test_timefix_in_sort (void)
{
  const gsize sizes[] = { 20, 33, 400, 3000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1919);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint variant = 0; variant < 8; variant++)
      {
        gsize n = sizes[s];
        gboolean near_ties = variant & 1, with_strata = variant & 2;
        g_autofree double *stop = g_new (double, n);
        g_autofree double *fixed = g_new (double, n);
        g_autofree int *status = g_new (int, n);
        g_autofree double *x = g_new (double, n * 2);
        g_autofree guint *strata = g_new (guint, n);
        g_autoptr(EpCoxFit) in_sort = NULL;
        g_autoptr(EpCoxFit) before = NULL;
        EpCoxOptions options;
        gsize n_fixed;

        for (gsize i = 0; i < n; i++)
          {
            double b = g_rand_int_range (rand, 1, 30) / 10.0;

            switch (near_ties ? g_rand_int_range (rand, 0, 4) : 0)
              {
              case 1: stop[i] = b + 0.1 + 0.2 - 0.3; break;
              case 2: stop[i] = b * (1 + 1e-10); break;
              case 3: stop[i] = b + 2e-8; break;
              default: stop[i] = b; break;
              }
            status[i] = g_rand_int_range (rand, 0, 3) > 0;
            x[2 * i] = g_rand_double_range (rand, -1, 1);
            x[2 * i + 1] = g_rand_int_range (rand, 0, 2);
            strata[i] = g_rand_int_range (rand, 0, 3);
          }
        n_fixed = ep_timefix (n, NULL, stop, EP_TIMEFIX_TOLERANCE, NULL, fixed);
        if (near_ties && n >= 400)
          g_assert_cmpuint (n_fixed, >, 0);

        ep_cox_options_init (&options);
        options.ties = variant & 4 ? EP_COX_TIES_BRESLOW : EP_COX_TIES_EFRON;
        in_sort = ep_cox_fit (n, NULL, stop, status, x, 2, with_strata ? strata : NULL,
                              with_strata ? 3 : 0, &options, NULL);
        options.timefix = FALSE;
        before = ep_cox_fit (n, NULL, fixed, status, x, 2, with_strata ? strata : NULL,
                             with_strata ? 3 : 0, &options, NULL);
        g_assert_nonnull (in_sort);
        g_assert_nonnull (before);
        g_assert_cmpuint (in_sort->n_timefix, ==, n_fixed);
        assert_fits_identical (in_sort, before);
      }
}

/* ep_cox_fit_columns on a design's columns is ep_cox_fit on its matrix, to the bit: numeric
 * and factor terms, with and without strata, start times and weights, both tie rules. */
static void
test_fit_columns (void)
{
  const gsize n = 3000;
  g_autofree double *start = g_new (double, n);
  g_autofree double *stop = g_new (double, n);
  g_autofree int *status = g_new (int, n);
  g_autofree double *age = g_new (double, n);
  g_autofree double *dose = g_new (double, n);
  g_autofree double *weights = g_new (double, n);
  g_autofree guint *strata = g_new (guint, n);
  g_autofree char **arm = g_new0 (char *, n + 1);
  static const char *const arms[] = { "A", "B", "C" };
  EpDesignColumn columns[3] = {
    { "age", EP_DESIGN_NUMERIC, NULL, NULL, NULL },
    { "arm", EP_DESIGN_FACTOR, NULL, NULL, NULL },
    { "dose", EP_DESIGN_NUMERIC, NULL, NULL, NULL },
  };
  g_autoptr(EpDesign) design = NULL;
  g_autoptr(EpDesign) terms = NULL;
  g_autofree EpCoxColumn *cox_columns = NULL;
  GRand *rand = g_rand_new_with_seed (1919);

  for (gsize i = 0; i < n; i++)
    {
      start[i] = g_rand_int_range (rand, 0, 20);
      stop[i] = start[i] + 1 + g_rand_int_range (rand, 0, 100);
      status[i] = g_rand_double (rand) < 0.5;
      age[i] = 40 + g_rand_double (rand) * 40;
      dose[i] = g_rand_int_range (rand, 0, 2);   /* 0/1: not centred */
      weights[i] = 0.5 + g_rand_double (rand);
      strata[i] = g_rand_int_range (rand, 0, 2);
      arm[i] = (char *) arms[g_rand_int_range (rand, 0, 3)];
    }
  g_rand_free (rand);
  columns[0].numbers = age;
  columns[1].strings = (const char * const *) arm;
  columns[2].numbers = dose;

  design = ep_design_new (columns, 3, n, NULL);
  terms = ep_design_new_terms (columns, 3, n, NULL);
  g_assert_nonnull (design);
  g_assert_nonnull (terms);
  g_assert_null (terms->x);
  g_assert_cmpuint (terms->p, ==, 4);
  g_assert_cmpstrv (terms->term_names, design->term_names);
  cox_columns = g_new (EpCoxColumn, terms->p);
  ep_design_cox_columns (terms, columns, cox_columns);

  for (guint variant = 0; variant < 16; variant++)
    {
      EpCoxOptions options;
      g_autoptr(EpCoxFit) from_x = NULL;
      g_autoptr(EpCoxFit) from_columns = NULL;
      g_autoptr(GError) error = NULL;
      const double *st = variant & 1 ? start : NULL;
      const guint *sa = variant & 2 ? strata : NULL;

      ep_cox_options_init (&options);
      options.ties = variant & 4 ? EP_COX_TIES_BRESLOW : EP_COX_TIES_EFRON;
      options.weights = variant & 8 ? weights : NULL;
      from_x = ep_cox_fit (n, st, stop, status, design->x, design->p, sa, 2, &options, &error);
      g_assert_no_error (error);
      from_columns = ep_cox_fit_columns (n, st, stop, status, cox_columns, terms->p, sa, 2,
                                         &options, &error);
      g_assert_no_error (error);
      assert_fits_identical (from_x, from_columns);
    }

  /* the first bad value in row order is named, as from the matrix */
  {
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(EpCoxFit) f1 = NULL;
    g_autoptr(EpCoxFit) f2 = NULL;

    age[7] = NAN;
    dose[5] = INFINITY;
    design->x[7 * design->p + 0] = NAN;
    design->x[5 * design->p + 3] = INFINITY;
    f1 = ep_cox_fit (n, NULL, stop, status, design->x, design->p, NULL, 0, NULL, &e1);
    f2 = ep_cox_fit_columns (n, NULL, stop, status, cox_columns, terms->p, NULL, 0, NULL, &e2);
    g_assert_null (f1);
    g_assert_null (f2);
    g_assert_error (e2, EP_COX_ERROR, EP_COX_ERROR_INPUT);
    g_assert_cmpstr (e1->message, ==, e2->message);
  }
}

/* The data put into time order and the concordance's places made through ep-permute's
 * partitioned scatter (forced here with blocks of 16 rows; at the default sizes only above
 * about 280,000 rows) give the plain gather's fit to the bit: start times or not, strata with
 * one empty, weights, both tie rules, times the tie rule merges. */
static void
test_partitioned (void)
{
  const gsize n = 2500;
  g_autofree double *start = g_new (double, n);
  g_autofree double *stop = g_new (double, n);
  g_autofree int *status = g_new (int, n);
  g_autofree double *x = g_new (double, n * 3);
  g_autofree double *weights = g_new (double, n);
  g_autofree guint *strata = g_new (guint, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1920);

  for (gsize i = 0; i < n; i++)
    {
      start[i] = g_rand_int_range (rand, 0, 20);
      stop[i] = start[i] + 1 + g_rand_int_range (rand, 0, 100) / 10.0;
      if (g_rand_int_range (rand, 0, 10) == 0)
        stop[i] *= 1 + 1e-10;   /* merged with its neighbours by the tie rule */
      status[i] = g_rand_double (rand) < 0.6;
      x[3 * i] = g_rand_double_range (rand, -2, 2);
      x[3 * i + 1] = g_rand_int_range (rand, 0, 2);
      x[3 * i + 2] = g_rand_int_range (rand, 0, 5) * 0.5;   /* ties in the risk score */
      weights[i] = 0.5 + g_rand_double (rand);
      strata[i] = (guint) g_rand_int_range (rand, 0, 3);
      strata[i] += strata[i] == 2;   /* codes 0, 1, 3 of 4 */
    }

  for (guint variant = 0; variant < 16; variant++)
    {
      const double *st = variant & 1 ? start : NULL;
      const guint *sa = variant & 2 ? strata : NULL;
      g_autoptr(EpCoxFit) plain = NULL;
      g_autoptr(EpCoxFit) partitioned = NULL;
      EpCoxOptions options;

      ep_cox_options_init (&options);
      options.ties = variant & 4 ? EP_COX_TIES_BRESLOW : EP_COX_TIES_EFRON;
      options.weights = variant & 8 ? weights : NULL;
      ep_scatter_set_limits (0, 0);
      plain = ep_cox_fit (n, st, stop, status, x, 3, sa, 4, &options, NULL);
      ep_scatter_set_limits (1, 4);
      partitioned = ep_cox_fit (n, st, stop, status, x, 3, sa, 4, &options, NULL);
      ep_scatter_set_limits (0, 0);
      g_assert_nonnull (plain);
      g_assert_nonnull (partitioned);
      g_assert_cmpuint (plain->n_timefix, >, 0);
      assert_fits_identical (plain, partitioned);
      g_assert_cmpmem (&plain->concordant, sizeof (double), &partitioned->concordant,
                       sizeof (double));
      g_assert_cmpmem (&plain->tied_both, sizeof (double), &partitioned->tied_both,
                       sizeof (double));
    }
}

/* ---- edge cases ---- */

static void
test_all_censored (void)
{
  static const double time[] = { 1, 2, 3, 4, 5 };
  static const int status[] = { 0, 0, 0, 0, 0 };
  static const double x[] = { 1, 0, 1, 0, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCoxFit) fit = ep_cox_fit (5, NULL, time, status, x, 1, NULL, 0, NULL, &error);

  /* coxph returns coef NA with a 0-df test; we refuse with a clear error instead */
  g_assert_null (fit);
  g_assert_error (error, EP_COX_ERROR, EP_COX_ERROR_NO_EVENTS);
}

static void
test_one_subject (void)
{
  static const double time[] = { 5 };
  static const int status[] = { 1 };
  static const double x[] = { 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCoxFit) fit = ep_cox_fit (1, NULL, time, status, x, 1, NULL, 0, NULL, &error);

  /* a risk set of one: the information is 0, nothing can be estimated (coxph stops with an
   * error in the concordance) */
  g_assert_null (fit);
  g_assert_error (error, EP_COX_ERROR, EP_COX_ERROR_SINGULAR);
}

/* Every time tied: six subjects at t = 3, four events (x = 1, 0, 0, 1), two censored (x = 1).
 * Breslow, by hand: l (beta) = 2 beta - 4 log (4r + 2), U = 2 - 16 r / (4r + 2) = 0 at
 * r = 1/2: beta = log (1/2); I = 4 (4r)(2)/(4r + 2)^2 = 1 there, so se = 1.
 * (coxph (Surv (time, status) ~ x, ties = "breslow"): -0.69314718055995, se 1, loglik
 * -7.16703787691222 -6.93147180559945, 3 iterations.)
 * Efron: coxph (Surv (time, status) ~ x): coef -1.05998228374652, se 1.01486663522311, loglik
 * -5.88610403145016 -5.36213151936237, concordance 0.75, 4 iterations. */
static void
test_all_tied (void)
{
  static const double time[] = { 3, 3, 3, 3, 3, 3 };
  static const int status[] = { 1, 1, 0, 1, 1, 0 };
  static const double x[] = { 1, 0, 1, 0, 1, 1 };
  g_autoptr(EpCoxFit) breslow = NULL;
  g_autoptr(EpCoxFit) efron = NULL;
  EpCoxOptions options;

  ep_cox_options_init (&options);
  options.ties = EP_COX_TIES_BRESLOW;
  breslow = fit_ok (6, NULL, time, status, x, 1, NULL, 0, &options);
  assert_close (breslow->coef[0], log (0.5), "Breslow coef");
  assert_close (breslow->se[0], 1.0, "Breslow se");
  assert_close (breslow->loglik_null, 2 * 0 - 4 * log (6), "Breslow loglik at 0");
  assert_close (breslow->loglik, 2 * log (0.5) - 4 * log (4 * 0.5 + 2), "Breslow loglik");
  g_assert_cmpuint (breslow->iterations, ==, 3);
  /* the events are tied with each other in time (not comparable); each is compared with the
   * two censored at the same time, who count as still at risk: 4 x 2 = 8 pairs */
  g_assert_cmpfloat (breslow->concordant + breslow->discordant + breslow->tied_risk, ==, 8);

  efron = fit_ok (6, NULL, time, status, x, 1, NULL, 0, NULL);
  assert_close (efron->coef[0], -1.05998228374652, "Efron coef");
  assert_close (efron->se[0], 1.01486663522311, "Efron se");
  assert_close (efron->loglik_null, -5.88610403145016, "Efron loglik at 0");
  assert_close (efron->loglik, -5.36213151936237, "Efron loglik");
  assert_close (efron->concordance, 0.75, "Efron concordance");
  g_assert_cmpuint (efron->iterations, ==, 4);
  g_assert_true (efron->converged);
  g_assert_null (efron->warnings[0]);
}

/* Group B has no event: its coefficient runs off to -infinity.
 * m <- data.frame (time = c(5,8,12,3,9,15,20,7,11,14), status = c(1,1,1,1,0,0,0,1,1,0),
 *                  g = rep (c("A","B","C"), c(4,3,3)))
 * coxph (Surv (time, status) ~ g, m): warning "Loglik converged before variable 1;
 * coefficient may be infinite", coef -21.436024032456 -0.844290391281206, se
 * 18913.4652191466 0.876372199081629, loglik -11.5208936346194 -8.03000517700035, 20
 * iterations. */
static const double mono_time[] = { 5, 8, 12, 3, 9, 15, 20, 7, 11, 14 };
static const int mono_status[] = { 1, 1, 1, 1, 0, 0, 0, 1, 1, 0 };
static const char * const mono_g[] = { "A", "A", "A", "A", "B", "B", "B", "C", "C", "C", NULL };

static void
test_zero_event_level (void)
{
  const EpDesignColumn column = { "g", EP_DESIGN_FACTOR, NULL, mono_g };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpDesign) design = ep_design_new (&column, 1, 10, &error);
  g_autoptr(EpCoxFit) fit = NULL;
  EpCoxOptions options;

  g_assert_no_error (error);
  g_assert_cmpuint (design->p, ==, 2);
  g_assert_cmpstr (design->term_names[0], ==, "g=B");
  g_assert_cmpstr (design->term_names[1], ==, "g=C");

  ep_cox_options_init (&options);
  options.term_names = (const char * const *) design->term_names;
  fit = fit_ok (10, NULL, mono_time, mono_status, design->x, 2, NULL, 0, &options);

  g_assert_true (fit->infinite[0]);
  g_assert_false (fit->infinite[1]);
  g_assert_true (has_warning (fit, "variable 1 (g=B); coefficient may be infinite"));
  g_assert_null (fit->warnings[1]);
  g_assert_cmpfloat (fit->coef[0], <, -10);
  /* the finite coefficient and the likelihood agree with R; the "infinite" one is where the
   * likelihood stopped changing, which R reaches on the same path */
  assert_close (fit->coef[1], -0.844290391281206, "coef g=C");
  assert_close (fit->se[1], 0.876372199081629, "se g=C");
  assert_close (fit->loglik, -8.03000517700035, "loglik");
  assert_close_tol (fit->coef[0], -21.436024032456, 1e-4, "coef g=B");
  g_assert_cmpuint (fit->iterations, ==, 20);
}

/* Out of iterations: the same data with iter_max = 3 (coxph (..., iter.max = 3) warns "Ran out
 * of iterations and did not converge"). */
static void
test_not_converged (void)
{
  const EpDesignColumn column = { "g", EP_DESIGN_FACTOR, NULL, mono_g };
  g_autoptr(EpDesign) design = ep_design_new (&column, 1, 10, NULL);
  g_autoptr(EpCoxFit) fit = NULL;
  EpCoxOptions options;

  ep_cox_options_init (&options);
  options.iter_max = 3;
  fit = fit_ok (10, NULL, mono_time, mono_status, design->x, 2, NULL, 0, &options);
  g_assert_false (fit->converged);
  g_assert_cmpuint (fit->iterations, ==, 3);
  g_assert_true (has_warning (fit, "did not converge"));
}

/* Collinear: lung with age2 = 2 age.
 * coxph (Surv (time, status) ~ age + sex + age2, lung): coef 0.0170453318454113
 * -0.513218517108384 NA, se 0.00922327347696912 0.167457962355768, loglik -749.909801390395
 * -742.84824578377, wald.test 13.4732494513703, score 13.7223214895153, 3 iterations; the
 * likelihood-ratio test has 2 df. (This lung has all 228 rows: status and age, sex have no
 * missing values.) */
static void
test_collinear (void)
{
  static const RefCase lung = {
    NULL, "lung.csv", NULL, "time", "status", "age,sex", NULL, NULL, EP_COX_TIES_EFRON
  };
  g_auto(RefData) data = { 0, };
  g_autofree double *x = NULL;
  g_autoptr(EpCoxFit) fit = NULL;

  ref_data_load (&data, &lung);
  g_assert_cmpuint (data.n, ==, 228);
  x = g_new (double, data.n * 3);
  for (gsize i = 0; i < data.n; i++)
    {
      x[i * 3 + 0] = data.design->x[i * 2 + 0];
      x[i * 3 + 1] = data.design->x[i * 2 + 1];
      x[i * 3 + 2] = 2 * data.design->x[i * 2 + 0];
    }
  fit = fit_ok (data.n, NULL, data.stop, data.status, x, 3, NULL, 0, NULL);

  g_assert_false (fit->singular[0]);
  g_assert_false (fit->singular[1]);
  g_assert_true (fit->singular[2]);
  g_assert_true (isnan (fit->coef[2]) && isnan (fit->se[2]) && isnan (fit->p_value[2]));
  g_assert_true (has_warning (fit, "variable 3"));
  g_assert_true (has_warning (fit, "singular"));
  g_assert_cmpuint (fit->df, ==, 2);
  assert_close (fit->coef[0], 0.0170453318454113, "coef age");
  assert_close (fit->coef[1], -0.513218517108384, "coef sex");
  assert_close (fit->se[0], 0.00922327347696912, "se age");
  assert_close (fit->se[1], 0.167457962355768, "se sex");
  assert_close (fit->loglik_null, -749.909801390395, "loglik at 0");
  assert_close (fit->loglik, -742.84824578377, "loglik");
  assert_close (fit->wald_chisq, 13.4732494513703, "Wald");
  assert_close (fit->score_chisq, 13.7223214895153, "score");
  g_assert_cmpuint (fit->iterations, ==, 3);
}

static void
test_invalid_input (void)
{
  static const double time[] = { 1, 2, 3 };
  static const double x[] = { 0, 1, 0 };
  static const int status_bad[] = { 1, 2, 0 };
  static const int status[] = { 1, 1, 0 };
  static const double start_bad[] = { 0, 2, 1 };
  static const double time_nan[] = { 1, NAN, 3 };
  static const guint strata_bad[] = { 0, 3, 0 };
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autoptr(GError) e5 = NULL;

  g_assert_null (ep_cox_fit (3, NULL, time, status_bad, x, 1, NULL, 0, NULL, &e1));
  g_assert_error (e1, EP_COX_ERROR, EP_COX_ERROR_INPUT);
  g_assert_nonnull (strstr (e1->message, "2"));
  /* stop <= start on the second observation */
  g_assert_null (ep_cox_fit (3, start_bad, time, status, x, 1, NULL, 0, NULL, &e2));
  g_assert_error (e2, EP_COX_ERROR, EP_COX_ERROR_INPUT);
  g_assert_null (ep_cox_fit (3, NULL, time_nan, status, x, 1, NULL, 0, NULL, &e3));
  g_assert_error (e3, EP_COX_ERROR, EP_COX_ERROR_INPUT);
  g_assert_null (ep_cox_fit (3, NULL, time, status, x, 1, strata_bad, 2, NULL, &e4));
  g_assert_error (e4, EP_COX_ERROR, EP_COX_ERROR_INPUT);
  g_assert_null (ep_cox_fit (0, NULL, time, status, x, 1, NULL, 0, NULL, &e5));
  g_assert_error (e5, EP_COX_ERROR, EP_COX_ERROR_INPUT);
}

static void
test_cancel (void)
{
  gint cancel = 1;
  g_autoptr(GError) error = NULL;
  EpCoxOptions options;

  ep_cox_options_init (&options);
  options.cancel = &cancel;
  g_assert_null (ep_cox_fit (6, NULL, tg1_time, tg1_status, tg1_x, 1, NULL, 0, &options, &error));
  g_assert_error (error, EP_COX_ERROR, EP_COX_ERROR_CANCELLED);
}

/* Two fits with shuffled rows give the same answer (the sort is internal), and strata codes
 * may come in any order. */
static void
test_row_order (void)
{
  static const double time[] = { 8, 6, 6, 1, 1, 9 };
  static const int status[] = { 0, 1, 1, 0, 1, 1 };
  static const double x[] = { 0, 0, 1, 1, 1, 0 };
  g_autoptr(EpCoxFit) a = fit_ok (6, NULL, tg1_time, tg1_status, tg1_x, 1, NULL, 0, NULL);
  g_autoptr(EpCoxFit) b = fit_ok (6, NULL, time, status, x, 1, NULL, 0, NULL);

  /* tg1_cox_efron.json: coef 1.6768574855882 */
  assert_close (a->coef[0], 1.6768574855882, "tg1 coef");
  assert_close_tol (b->coef[0], a->coef[0], 1e-12, "shuffled coef");
  assert_close_tol (b->concordance, a->concordance, 1e-12, "shuffled concordance");
}

/* ---- the design matrix ---- */

static void
test_design (void)
{
  static const char * const dose[] = { "10", "2", "10", "1", "2", NULL };
  static const double age[] = { 50, 61, 72, 45, 58 };
  const EpDesignColumn columns[] = {
    { "age", EP_DESIGN_NUMERIC, age, NULL },
    { "dose", EP_DESIGN_FACTOR, NULL, dose },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpDesign) design = ep_design_new (columns, 2, 5, &error);
  /* levels 1 < 2 < 10 in numeric order (not "1" < "10" < "2"): reference 1 */
  static const double expected[] = {
    50, 0, 1,
    61, 1, 0,
    72, 0, 1,
    45, 0, 0,
    58, 1, 0,
  };

  g_assert_no_error (error);
  g_assert_cmpuint (design->p, ==, 3);
  g_assert_cmpstr (design->term_names[0], ==, "age");
  g_assert_cmpstr (design->term_names[1], ==, "dose=2");
  g_assert_cmpstr (design->term_names[2], ==, "dose=10");
  g_assert_null (design->term_names[3]);
  g_assert_cmpuint (design->term_column[2], ==, 1);
  g_assert_cmpstr (design->term_levels[2], ==, "10");
  g_assert_null (design->term_levels[0]);
  g_assert_cmpstr (design->levels[1]->levels[0], ==, "1");
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    g_assert_cmpfloat (design->x[k], ==, expected[k]);
}

static void
test_design_one_level (void)
{
  static const char * const arm[] = { "A", "A", "A", NULL };
  const EpDesignColumn column = { "arm", EP_DESIGN_FACTOR, NULL, arm };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpDesign) design = ep_design_new (&column, 1, 3, &error);

  g_assert_null (design);
  g_assert_error (error, EP_DESIGN_ERROR, EP_DESIGN_ERROR_ONE_LEVEL);
  g_assert_nonnull (strstr (error->message, "arm"));
}

/* ---- endpoint-cli cox, run as a user would ($ENDPOINT_CLI, set by tests/meson.build) ---- */

/* Every run here is endpoint-cli cox. */
#define run_cli(run, ...) ep_test_cli_run ((run), "cox", __VA_ARGS__)

/* One line on stderr. */
static void
assert_one_line (const char *text)
{
  const char *newline = strchr (text, '\n');

  g_assert_nonnull (newline);
  g_assert_cmpint (newline[1], ==, '\0');
}

static void
test_cli_factor (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                 "aml.csv", NULL);
  g_auto(EpTestCliRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) expected_parser = json_parser_new ();
  JsonObject *root, *term, *expected, *expected_term;

  run_cli (&run, "--csv", path, "--time", "time", "--event", "status", "--covariates", "x",
           "--factors", "x", NULL);
  root = ep_test_cli_parse_json (&run, parser);
  expected = load_expected (expected_parser, "aml_cox");
  expected_term = json_array_get_object_element (json_object_get_array_member (expected, "terms"), 0);

  g_assert_cmpstr (json_object_get_string_member (root, "analysis"), ==, "cox");
  g_assert_cmpstr (json_object_get_string_member (root, "ties"), ==, "efron");
  g_assert_cmpint (json_object_get_int_member (root, "n"), ==, 23);
  g_assert_cmpint (json_object_get_int_member (root, "n_dropped"), ==, 0);
  term = json_array_get_object_element (json_object_get_array_member (root, "terms"), 0);
  g_assert_cmpstr (json_object_get_string_member (term, "name"), ==, "x=Nonmaintained");
  assert_close (json_object_get_double_member (term, "coef"),
                json_object_get_double_member (expected_term, "coef"), "aml coef");
  g_assert_false (json_object_get_boolean_member (term, "infinite"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==, 0);
}

static void
test_cli_monotone (void)
{
  g_autofree char *path = ep_test_write_temp_file ("mono.csv",
                                                   "time,status,g\n5,1,A\n8,1,A\n12,1,A\n3,1,A\n9,0,B\n"
                                                   "15,0,B\n20,0,B\n7,1,C\n11,1,C\n14,0,C\n");
  g_auto(EpTestCliRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *term;
  JsonArray *warnings;

  run_cli (&run, "--csv", path, "--time", "time", "--event", "status", "--covariates", "g",
           "--factors", "g", NULL);
  ep_test_remove_temp_file (path);
  g_assert_cmpint (run.status, ==, 0);
  root = ep_test_parse_json_object (parser, run.out);
  term = json_array_get_object_element (json_object_get_array_member (root, "terms"), 0);
  g_assert_cmpstr (json_object_get_string_member (term, "name"), ==, "g=B");
  g_assert_true (json_object_get_boolean_member (term, "infinite"));
  warnings = json_object_get_array_member (root, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  g_assert_nonnull (strstr (json_array_get_string_element (warnings, 0), "may be infinite"));
  /* and on stderr, for a reader of the terminal */
  g_assert_nonnull (strstr (run.err, "may be infinite"));
}

static void
test_cli_bad_status (void)
{
  g_autofree char *path = ep_test_write_temp_file ("bad.csv",
                                                   "time,status,x\n1,1,0\n2,0,1\n3,2,1\n4,1,0\n");
  g_auto(EpTestCliRun) run = { 0, };

  run_cli (&run, "--csv", path, "--time", "time", "--event", "status", "--covariates", "x", NULL);
  ep_test_remove_temp_file (path);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_line (run.err);
  /* the fourth line of the file, the column and the value */
  g_assert_nonnull (strstr (run.err, "bad.csv:4:"));
  g_assert_nonnull (strstr (run.err, "status"));
  g_assert_nonnull (strstr (run.err, "2"));
}

static void
test_cli_bad_interval (void)
{
  g_autofree char *path = ep_test_write_temp_file ("cp.csv",
                                                   "start,stop,event,x\n0,5,1,0\n2,7,0,1\n6,6,1,1\n1,9,1,0\n");
  g_auto(EpTestCliRun) run = { 0, };

  run_cli (&run, "--csv", path, "--start", "start", "--time", "stop", "--event", "event",
           "--covariates", "x", NULL);
  ep_test_remove_temp_file (path);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, "cp.csv:4:"));
  g_assert_nonnull (strstr (run.err, "stop"));
}

static void
test_cli_negative_time (void)
{
  g_autofree char *path = ep_test_write_temp_file ("neg.csv",
                                                   "time,status,x\n1,1,0\n-2,0,1\n3,1,1\n");
  g_auto(EpTestCliRun) run = { 0, };

  run_cli (&run, "--csv", path, "--time", "time", "--event", "status", "--covariates", "x", NULL);
  ep_test_remove_temp_file (path);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, "neg.csv:3:"));
  g_assert_nonnull (strstr (run.err, "time"));
}

static void
test_cli_empty (void)
{
  g_autofree char *empty = ep_test_write_temp_file ("empty.csv", "");
  g_autofree char *header = ep_test_write_temp_file ("header.csv", "time,status,x\n");
  g_autofree char *missing = ep_test_write_temp_file ("missing.csv", "time,status,x\n1,1,\n2,,1\n");
  g_auto(EpTestCliRun) a = { 0, };
  g_auto(EpTestCliRun) b = { 0, };
  g_auto(EpTestCliRun) c = { 0, };

  run_cli (&a, "--csv", empty, "--time", "time", "--event", "status", "--covariates", "x", NULL);
  run_cli (&b, "--csv", header, "--time", "time", "--event", "status", "--covariates", "x", NULL);
  run_cli (&c, "--csv", missing, "--time", "time", "--event", "status", "--covariates", "x", NULL);
  ep_test_remove_temp_file (empty);
  ep_test_remove_temp_file (header);
  ep_test_remove_temp_file (missing);

  g_assert_cmpint (a.status, ==, 1);
  assert_one_line (a.err);
  g_assert_nonnull (strstr (a.err, "empty.csv"));
  g_assert_cmpint (b.status, ==, 1);
  assert_one_line (b.err);
  g_assert_nonnull (strstr (b.err, "header.csv"));
  g_assert_cmpint (c.status, ==, 1);
  assert_one_line (c.err);
  g_assert_nonnull (strstr (c.err, "2 dropped"));
}

static void
test_cli_all_censored (void)
{
  g_autofree char *path = ep_test_write_temp_file ("cens.csv",
                                                   "time,status,x\n1,0,0\n2,0,1\n3,0,1\n");
  g_auto(EpTestCliRun) run = { 0, };

  run_cli (&run, "--csv", path, "--time", "time", "--event", "status", "--covariates", "x", NULL);
  ep_test_remove_temp_file (path);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, "cens.csv"));
  g_assert_nonnull (strstr (run.err, "censored"));
}

static void
test_cli_usage (void)
{
  g_autofree char *path = ep_test_write_temp_file ("u.csv",
                                                   "time,status,x,y\n1,1,0,1\n2,0,1,0\n3,1,1,1\n");
  g_auto(EpTestCliRun) ties = { 0, };
  g_auto(EpTestCliRun) factor = { 0, };
  g_auto(EpTestCliRun) twice = { 0, };
  g_auto(EpTestCliRun) none = { 0, };
  g_auto(EpTestCliRun) column = { 0, };

  run_cli (&ties, "--csv", path, "--time", "time", "--event", "status", "--covariates", "x",
           "--ties", "exact", NULL);
  run_cli (&factor, "--csv", path, "--time", "time", "--event", "status", "--covariates", "x",
           "--factors", "y", NULL);
  run_cli (&twice, "--csv", path, "--time", "time", "--event", "status", "--covariates", "x,x",
           NULL);
  run_cli (&none, "--csv", path, "--time", "time", "--event", "status", NULL);
  run_cli (&column, "--csv", path, "--time", "time", "--event", "status", "--covariates", "z",
           NULL);
  ep_test_remove_temp_file (path);

  g_assert_cmpint (ties.status, ==, 2);
  g_assert_nonnull (strstr (ties.err, "--ties"));
  g_assert_cmpint (factor.status, ==, 2);
  g_assert_nonnull (strstr (factor.err, "y"));
  g_assert_cmpint (twice.status, ==, 2);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "--covariates"));
  /* an unknown column is a data error naming the file and the column */
  g_assert_cmpint (column.status, ==, 1);
  g_assert_nonnull (strstr (column.err, "u.csv"));
  g_assert_nonnull (strstr (column.err, "z"));
}

/* The walk of each iteration on two threads (issue 19, ep_cox_set_threads()) against one
 * thread, on a generated data set with many ties (integer times), both tie rules, with and
 * without weights, strata and start times ((start, stop] stays on one thread): the same
 * iterations and every number to 1e-12 relative (the sums are added in another order, so not
 * to the bit; at least one variant must differ in some bit, or the threads did not run). */
static gboolean
close_enough (double a,
              double b,
              double floor)
{
  return fabs (a - b) <= 1e-12 * MAX (MAX (fabs (a), fabs (b)), floor);
}

static void
test_threads (void)
{
  const gsize n = 20000;
  const guint p = 3;
  g_autofree double *start = g_new (double, n);
  g_autofree double *stop = g_new (double, n);
  g_autofree int *status = g_new (int, n);
  g_autofree double *x = g_new (double, n * p);
  g_autofree double *weights = g_new (double, n);
  g_autofree guint *strata = g_new (guint, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  guint differ = 0;

  for (gsize i = 0; i < n; i++)
    {
      x[i * p] = g_rand_double_range (rand, -2, 2);
      x[i * p + 1] = g_rand_int_range (rand, 0, 2);
      x[i * p + 2] = 40 + g_rand_double (rand) * 40;
      stop[i] = 1 + g_rand_int_range (rand, 0, 300) + (x[i * p + 1] > 0 ? 0 : g_rand_int_range (rand, 0, 100));
      start[i] = g_rand_int_range (rand, 0, (gint32) stop[i]);
      status[i] = g_rand_double (rand) < 0.6;
      weights[i] = 0.5 + g_rand_double (rand);
      strata[i] = g_rand_int_range (rand, 0, 3) == 0;
    }

  for (guint variant = 0; variant < 16; variant++)
    {
      EpCoxOptions options;
      g_autoptr(EpCoxFit) one = NULL;
      g_autoptr(EpCoxFit) two = NULL;
      g_autoptr(GError) error = NULL;
      const double *st = variant & 1 ? start : NULL;
      const guint *sa = variant & 2 ? strata : NULL;

      ep_cox_options_init (&options);
      options.ties = variant & 4 ? EP_COX_TIES_BRESLOW : EP_COX_TIES_EFRON;
      options.weights = variant & 8 ? weights : NULL;
      ep_cox_set_threads (1, 0);
      one = ep_cox_fit (n, st, stop, status, x, p, sa, 2, &options, &error);
      g_assert_no_error (error);
      ep_cox_set_threads (2, 8);
      two = ep_cox_fit (n, st, stop, status, x, p, sa, 2, &options, &error);
      ep_cox_set_threads (0, 0);
      g_assert_no_error (error);

      g_assert_cmpuint (one->iterations, ==, two->iterations);
      g_assert_cmpuint (one->n_events, ==, two->n_events);
      for (guint i = 0; i < p; i++)
        {
          g_assert_true (close_enough (one->coef[i], two->coef[i], 0));
          g_assert_true (close_enough (one->se[i], two->se[i], 0));
          /* the score at the fit is near 0: to 1e-12 of the sums it is made of */
          g_assert_true (close_enough (one->score[i], two->score[i], (double) n));
          for (guint j = 0; j < p; j++)
            g_assert_true (close_enough (one->var[i * p + j], two->var[i * p + j], 0));
        }
      g_assert_true (close_enough (one->loglik_null, two->loglik_null, 0));
      g_assert_true (close_enough (one->loglik, two->loglik, 0));
      /* 2 (loglik - loglik_null): a difference of numbers 100 times its size (2e-12 apart
       * relative in one variant), to 1e-12 of them */
      g_assert_true (close_enough (one->lr_chisq, two->lr_chisq, fabs (one->loglik_null)));
      g_assert_true (close_enough (one->wald_chisq, two->wald_chisq, 0));
      g_assert_true (close_enough (one->score_chisq, two->score_chisq, 0));
      g_assert_true (close_enough (one->concordance, two->concordance, 0));
      if (memcmp (one->coef, two->coef, p * sizeof (double)) != 0 || one->loglik != two->loglik)
        differ++;
    }
  g_assert_cmpuint (differ, >, 0);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ref_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/cox/reference/%s", ref_cases[i].expected);

      g_test_add_data_func (name, &ref_cases[i], test_reference);
    }
  g_test_add_func ("/cox/reference/concordance-se", test_concordance_se);
  g_test_add_func ("/cox/therneau-grambsch/at-zero", test_tg_at_zero);
  g_test_add_func ("/cox/concordance/hand", test_concordance_hand);
  g_test_add_func ("/cox/concordance/skipped", test_skip_concordance);
  g_test_add_func ("/cox/concordance/counting-process", test_concordance_counting);
  g_test_add_func ("/cox/concordance/popcount-dispatch", test_concordance_popcount);
  g_test_add_func ("/cox/concordance/lent-work", test_concordance_lent_work);
  g_test_add_func ("/cox/columns/identical", test_fit_columns);
  g_test_add_func ("/cox/threads", test_threads);
  g_test_add_func ("/cox/timefix/in-sort", test_timefix_in_sort);
  g_test_add_func ("/cox/partitioned", test_partitioned);
  g_test_add_func ("/cox/edge/all-censored", test_all_censored);
  g_test_add_func ("/cox/edge/one-subject", test_one_subject);
  g_test_add_func ("/cox/edge/all-tied", test_all_tied);
  g_test_add_func ("/cox/edge/zero-event-level", test_zero_event_level);
  g_test_add_func ("/cox/edge/not-converged", test_not_converged);
  g_test_add_func ("/cox/edge/collinear", test_collinear);
  g_test_add_func ("/cox/edge/invalid-input", test_invalid_input);
  g_test_add_func ("/cox/edge/cancel", test_cancel);
  g_test_add_func ("/cox/edge/row-order", test_row_order);
  g_test_add_func ("/cox/design/treatment-coding", test_design);
  g_test_add_func ("/cox/design/one-level", test_design_one_level);
  g_test_add_func ("/cox/cli/factor", test_cli_factor);
  g_test_add_func ("/cox/cli/monotone", test_cli_monotone);
  g_test_add_func ("/cox/cli/bad-status", test_cli_bad_status);
  g_test_add_func ("/cox/cli/bad-interval", test_cli_bad_interval);
  g_test_add_func ("/cox/cli/negative-time", test_cli_negative_time);
  g_test_add_func ("/cox/cli/empty", test_cli_empty);
  g_test_add_func ("/cox/cli/all-censored", test_cli_all_censored);
  g_test_add_func ("/cox/cli/usage", test_cli_usage);

  return g_test_run ();
}
