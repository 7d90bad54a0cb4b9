/* test-comparability.c: the comparability guard over the bundled catalog
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The overlap, definitions and denominators come from the catalog's schema version 2 fields
 * (checked against the seeds by test-catalog): seed 002 pools the phase 2 pilot (n = 36) and
 * MT103-211 (n = 189) into 259 patients; seed 002's CR is CR alone, seed 001's tables count
 * CR/CRi; ELIANA's MRD-negative rate is of infused patients, the pooled analysis's of enrolled.
 */
#include "config.h"

#include <glib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "model/ep-catalog.h"
#include "model/ep-comparability.h"
#include "model/ep-evidence-forest.h"
#include "model/ep-evidence-two-arm.h"
#include "model/ep-figure-private.h"
#include "model/ep-figure-source.h"
#include "io/ep-csv.h"
#include <json-glib/json-glib.h>
#include "ep-test-locale.h"
#include "ep-test-pdf.h"
#include <math.h>

static char *forest_notes (EpFigure *figure);

static GPtrArray *
select_trials (EpCatalog          *catalog,
               const char * const *ids)
{
  GPtrArray *trials = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      EpTrial *trial = ep_catalog_lookup (catalog, ids[i]);

      g_assert_nonnull (trial);
      g_ptr_array_add (trials, trial);
    }
  return trials;
}

static const EpComparabilityWarning *
find_kind (GPtrArray           *warnings,
           EpComparabilityKind  kind)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const EpComparabilityWarning *warning = g_ptr_array_index (warnings, i);

      if (warning->kind == kind)
        return warning;
    }
  return NULL;
}

/* The pooled 259 with its two parts: pooling is refused, naming the parent and the parts;
 * the parent alone, or the parts alone, pool. */
static void
test_overlap (void)
{
  static const char * const both[] = { "blina-phase2-pooled", "blina-phase2-pilot", "mt103-211", "alcantara", NULL };
  static const char * const parent[] = { "blina-phase2-pooled", "alcantara", NULL };
  static const char * const parts[] = { "blina-phase2-pilot", "mt103-211", "alcantara", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
  g_autoptr(GPtrArray) selection = select_trials (catalog, both);
  g_autoptr(GPtrArray) warnings = ep_comparability_check (selection, "cr");
  g_autoptr(GPtrArray) refused_warnings = NULL;
  g_autoptr(EpFigure) refused = NULL;
  const EpComparabilityWarning *overlap;

  g_assert_false (ep_comparability_can_pool (warnings));
  overlap = find_kind (warnings, EP_COMPARABILITY_OVERLAP);
  g_assert_nonnull (overlap);
  g_assert_true (overlap->blocks_pooling);
  g_assert_cmpuint (g_strv_length (overlap->ids), ==, 3);
  g_assert_cmpstr (overlap->ids[0], ==, "blina-phase2-pooled");
  g_assert_cmpstr (overlap->ids[1], ==, "blina-phase2-pilot");
  g_assert_cmpstr (overlap->ids[2], ==, "mt103-211");
  g_assert_nonnull (strstr (overlap->message, "n = 259"));
  g_assert_nonnull (strstr (overlap->message, "twice"));
  g_assert_nonnull (overlap->remedy);

  refused = ep_comparability_new_forest (selection, EP_FIGURE_OUTCOME_CR, &refused_warnings, &error);
  g_assert_null (refused);
  g_assert_error (error, EP_COMPARABILITY_ERROR, EP_COMPARABILITY_ERROR_OVERLAP);
  g_assert_nonnull (refused_warnings);
  g_clear_error (&error);

  {
    g_autoptr(GPtrArray) only_parent = select_trials (catalog, parent);
    g_autoptr(GPtrArray) w = ep_comparability_check (only_parent, "cr");

    g_assert_true (ep_comparability_can_pool (w));
    g_assert_null (find_kind (w, EP_COMPARABILITY_OVERLAP));
  }
  {
    g_autoptr(GPtrArray) only_parts = select_trials (catalog, parts);
    g_autoptr(GPtrArray) w = ep_comparability_check (only_parts, "cr");

    g_assert_true (ep_comparability_can_pool (w));
  }
}

/* Definitions, denominators, populations, settings, estimate kinds and disputed n. */
static void
test_differences (void)
{
  static const char * const mixed[] = { "blina-phase2-pooled", "tower-blinatumomab", "tower-chemotherapy", "eliana", "blina-mrd-pilot", NULL };
  static const char * const same[] = { "upenn-chop-car-t", "mskcc-car-t", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
  g_autoptr(GPtrArray) selection = select_trials (catalog, mixed);
  g_autoptr(GPtrArray) warnings = ep_comparability_check (selection, "cr");
  g_autoptr(GPtrArray) mrd = ep_comparability_check (selection, "mrd");
  const EpComparabilityWarning *warning;

  g_assert_true (ep_comparability_can_pool (warnings));

  /* CR: pooled "CR" (seed 002), TOWER chemotherapy "CR" (seed 003), TOWER blinatumomab and
   * ELIANA "CR/CRi" (seed 001 footnote); the MRD pilot reports no CR and is not counted */
  warning = find_kind (warnings, EP_COMPARABILITY_DEFINITION);
  g_assert_nonnull (warning);
  g_assert_cmpstr (warning->message, ==, "CR is defined differently: CR (2), CR/CRi (2)");
  g_assert_cmpstr (warning->field, ==, "definition");

  /* ELIANA's CR is of infused patients, the others' of enrolled */
  warning = find_kind (warnings, EP_COMPARABILITY_DENOMINATOR);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning->message, "infused (1)"));
  g_assert_nonnull (strstr (warning->message, "enrolled (3)"));

  /* ELIANA is AYA, the rest adult; the MRD pilot is MRD-positive (only for MRD) */
  warning = find_kind (warnings, EP_COMPARABILITY_POPULATION);
  g_assert_nonnull (warning);
  g_assert_cmpstr (warning->field, ==, "population");
  g_assert_null (find_kind (warnings, EP_COMPARABILITY_SETTING));
  g_assert_nonnull (find_kind (mrd, EP_COMPARABILITY_SETTING));

  /* TOWER chemotherapy: 124 printed, 405 - 271 = 134 */
  warning = find_kind (warnings, EP_COMPARABILITY_DISPUTED);
  g_assert_nonnull (warning);
  g_assert_cmpstr (warning->ids[0], ==, "tower-chemotherapy");
  g_assert_nonnull (strstr (warning->message, "134"));

  /* the pooled relapse is a cumulative incidence */
  {
    static const char * const relapse[] = { "blina-phase2-pooled", "short-course-blina", NULL };
    g_autoptr(GPtrArray) r = select_trials (catalog, relapse);
    g_autoptr(GPtrArray) w = ep_comparability_check (r, "relapse");

    g_assert_nonnull (find_kind (w, EP_COMPARABILITY_ESTIMATE));
  }

  /* two Table 2 arms with one definition, one population kind, one setting: no warning but
   * the denominators (MSKCC's is not stated) */
  {
    g_autoptr(GPtrArray) s = select_trials (catalog, same);
    g_autoptr(GPtrArray) w = ep_comparability_check (s, "cr");

    g_assert_null (find_kind (w, EP_COMPARABILITY_DEFINITION));
    g_assert_null (find_kind (w, EP_COMPARABILITY_OVERLAP));
    g_assert_null (find_kind (w, EP_COMPARABILITY_SETTING));
  }
}

/* The warnings are printed on the exported figure: pdftotext finds them in the PDF. */
static void
test_footnote_in_pdf (void)
{
  static const char * const mixed[] = { "blina-phase2-pooled", "tower-blinatumomab", "eliana", "seattle-car-t", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
  g_autoptr(GPtrArray) selection = select_trials (catalog, mixed);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(EpFigure) figure = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ep-comparability-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "forest.pdf", NULL);
  g_autofree char *flat = NULL;

  g_assert_no_error (error);
  figure = ep_comparability_new_forest (selection, EP_FIGURE_OUTCOME_CR, &warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (figure);
  g_assert_nonnull (find_kind (warnings, EP_COMPARABILITY_DEFINITION));
  g_assert_true (ep_figure_export (figure, pdf, EP_PLOT_FORMAT_PDF, &error));
  g_assert_no_error (error);

  flat = ep_test_pdf_text (pdf);
  if (flat == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  if (strstr (flat, "CR is defined differently") == NULL)
    g_test_fail_printf ("the PDF's text lacks the definition footnote: %s", flat);
  if (strstr (flat, "denominators count different patients") == NULL)
    g_test_fail_printf ("the PDF's text lacks the denominator footnote: %s", flat);

  if (g_getenv ("EP_KEEP_PDF") == NULL)
    {
      g_remove (pdf);
      g_rmdir (dir);
    }
  else
    g_print ("# %s\n", pdf);
}

static void
assert_close (double      actual,
              double      expected,
              const char *what)
{
  if (isnan (expected) != isnan (actual) ||
      (!isnan (expected) && fabs (actual - expected) > 1e-5 * MAX (fabs (expected), 1e-8)))
    g_test_fail_printf ("%s: %.10g, metafor %.10g", what, actual, expected);
}

static void
assert_pool (const EpMetaPool *pool,
             JsonObject       *expected,
             gboolean          fixed,
             const char       *what)
{
  const EpMetaEstimate *e = fixed ? &pool->fixed : &pool->random;
  g_autofree char *w = NULL;

  g_assert_cmpint (pool->k, ==, json_object_get_int_member (expected, "k"));
#define CHECK(field, member) \
  w = (g_free (w), g_strdup_printf ("%s %s", what, member)); \
  assert_close (field, json_object_get_null_member (expected, member) ? NAN \
                       : json_object_get_double_member (expected, member), w)
  CHECK (e->estimate, "estimate");
  CHECK (e->lower, "lower");
  CHECK (e->upper, "upper");
  if (!fixed)
    {
      CHECK (e->pi_lower, "pi_lower");
      CHECK (e->pi_upper, "pi_upper");
    }
  CHECK (pool->tau2, "tau2");
  CHECK (pool->q, "q");
#undef CHECK
}

/* The forest's options against metafor (tests/data/reference/evidence/evidence-forest.R): the
 * arms' x/N as the CSV lists them, and the pooled estimates, tau^2, Q and prediction
 * intervals overall and per subgroup. */
static void
test_forest_vs_metafor (void)
{
  static const char * const mrd_ids[] = {
    "blina-phase2-pilot", "mt103-211", "alcantara", "tower-blinatumomab", "blina-pediatric-phase12",
    "coh-blina-retrospective", "upenn-chop-car-t", "mskcc-car-t", "eliana", "nci-car-t",
    "seattle-car-t", "fhcrc-car-t", "hebei-car-t", "coh-car-t", "carpall", NULL
  };
  static const struct {
    const char *csv, *json, *outcome, *subgroup;
    EpMetaMethod method;
    gboolean knha;
    EpEvidenceSort sort;
  } cases[] = {
    { "mrd_population.csv", "mrd_population_reml_knha.json", "mrd", "population", EP_META_METHOD_REML, TRUE, EP_EVIDENCE_SORT_EFFECT },
    { "cr_class.csv", "cr_class_dl_knha.json", "cr", "class", EP_META_METHOD_DL, TRUE, EP_EVIDENCE_SORT_SELECTION },
    { "cr_class.csv", "cr_class_fe.json", "cr", "class", EP_META_METHOD_FE, FALSE, EP_EVIDENCE_SORT_SELECTION },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
  g_autoptr(GPtrArray) selection = select_trials (catalog, mrd_ids);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "data", "reference", "evidence", cases[c].csv, NULL);
      g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "data", "reference", "evidence", cases[c].json, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      EpEvidenceForestOptions options;
      g_autoptr(EpMetaResult) result = NULL;
      g_auto(GStrv) labels = NULL;
      g_auto(GStrv) groups = NULL;
      g_autoptr(EpFigure) figure = NULL;
      JsonObject *root;
      JsonArray *subgroups, *names;
      EpCsv *csv;
      gboolean fixed = cases[c].method == EP_META_METHOD_FE;

      ep_evidence_forest_options_init (&options);
      options.outcome = cases[c].outcome;
      options.subgroup = cases[c].subgroup;
      options.method = cases[c].method;
      options.knapp_hartung = cases[c].knha;
      options.prediction = TRUE;
      options.sort = cases[c].sort;
      figure = ep_evidence_forest_new (selection, &options, &result, &labels, &groups, &error);
      g_assert_no_error (error);
      g_assert_nonnull (figure);

      /* the arms' x/N */
      csv = ep_csv_read_file (csv_path, ',', &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, result->k);
      for (guint i = 0; i < result->k; i++)
        {
          double x, n;
          guint row;

          for (row = 0; row < result->k && strcmp (labels[i], ep_csv_get_cell (csv, row, 0)) != 0; row++)
            ;
          g_assert_cmpuint (row, <, result->k);
          g_assert_true (ep_csv_get_number (csv, row, 2, &x, &error));
          g_assert_true (ep_csv_get_number (csv, row, 3, &n, &error));
          assert_close (result->estimate[i], x / n, labels[i]);
        }
      /* sorted by effect: the proportions ascend */
      for (guint i = 1; cases[c].sort == EP_EVIDENCE_SORT_EFFECT && i < result->k; i++)
        g_assert_cmpfloat (result->estimate[i - 1], <=, result->estimate[i]);
      ep_csv_free (csv);

      g_assert_true (json_parser_load_from_file (parser, json_path, &error));
      root = json_node_get_object (json_parser_get_root (parser));
      assert_pool (&result->overall, json_object_get_object_member (root, "overall"), fixed, "overall");
      subgroups = json_object_get_array_member (root, "subgroups");
      names = json_object_get_array_member (root, "groups");
      g_assert_cmpuint (json_array_get_length (subgroups), ==, result->n_subgroups);
      for (guint r = 0; r < json_array_get_length (names); r++)
        {
          const char *name = json_array_get_string_element (names, r);
          guint g;

          for (g = 0; groups[g] != NULL && strcmp (groups[g], name) != 0; g++)
            ;
          g_assert_nonnull (groups[g]);
          assert_pool (&result->subgroups[g], json_array_get_object_element (subgroups, r), fixed, name);
        }
    }
}

/* Hiding the overall estimate, the method and prediction lines, the axis: on the PDF. */
static void
test_forest_options_in_pdf (void)
{
  static const char * const ids[] = { "eliana", "seattle-car-t", "tower-blinatumomab", "alcantara", "blina-mrd-pilot", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
  g_autoptr(GPtrArray) selection = select_trials (catalog, ids);
  g_autoptr(EpFigure) figure = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ep-forest-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "forest.pdf", NULL);
  g_autofree char *flat = NULL;
  EpEvidenceForestOptions options;

  ep_evidence_forest_options_init (&options);
  options.outcome = "cr";
  options.method = EP_META_METHOD_REML;
  options.knapp_hartung = TRUE;
  options.prediction = TRUE;
  options.show_overall = FALSE;
  options.subgroup = "class";
  options.x_min = 0;
  options.x_max = 100;
  figure = ep_evidence_forest_new (selection, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ep_figure_export (figure, pdf, EP_PLOT_FORMAT_PDF, &error));
  g_assert_no_error (error);

  flat = ep_test_pdf_text (pdf);
  if (flat == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (flat, "Method: random effects, REML, Knapp-Hartung"));
  g_assert_nonnull (strstr (flat, "Prediction interval, CAR T"));
  /* the MRD pilot reports no CR: it is left out, and the figure says so */
  g_assert_nonnull (strstr (flat, "Left out: MRD pilot (not reported)"));
  g_assert_null (strstr (flat, "Overall"));
  g_assert_nonnull (strstr (flat, "Subtotal"));
  g_remove (pdf);
  g_rmdir (dir);
}

/* Long footnotes (the guard's warnings naming many arms, the derived denominators) are wrapped
 * to the figure's width: pdftotext reads each whole note back from the PDF, and every note's
 * box in the layout lies inside the page, also on a narrow figure. */
static void
test_footnote_wrapped (void)
{
  static const char * const ids[] = {
    "blina-phase2-pilot", "mt103-211", "alcantara", "tower-blinatumomab", "blina-pediatric-phase12",
    "coh-blina-retrospective", "upenn-chop-car-t", "mskcc-car-t", "eliana", "nci-car-t",
    "seattle-car-t", "fhcrc-car-t", "hebei-car-t", "coh-car-t", "carpall", "tower-chemotherapy",
    "blina-mrd-pilot", NULL
  };
  static const double widths_mm[] = { 170.0, 90.0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
  g_autoptr(GPtrArray) selection = select_trials (catalog, ids);
  EpEvidenceForestOptions options;

  ep_evidence_forest_options_init (&options);
  options.outcome = "mrd";
  options.method = EP_META_METHOD_REML;
  options.subgroup = "population";

  for (guint w = 0; w < G_N_ELEMENTS (widths_mm); w++)
    {
      g_autoptr(EpFigure) figure = ep_evidence_forest_new (selection, &options, NULL, NULL, NULL,
                                                          &error);
      g_autofree char *dir = g_dir_make_tmp ("ep-footnote-XXXXXX", &error);
      g_autofree char *pdf = g_build_filename (dir, "forest.pdf", NULL);
      g_autofree char *out = NULL;
      g_autoptr(GString) flat = NULL;
      EpPlotLayout *layout;
      guint n_notes = 0, n_long = 0;

      g_assert_no_error (error);
      g_assert_nonnull (figure);
      if (w > 0)
        g_object_set (figure, "width-mm", widths_mm[w], NULL);
      g_assert_true (ep_figure_export (figure, pdf, EP_PLOT_FORMAT_PDF, &error));
      g_assert_no_error (error);

      layout = ep_figure_layout (figure);
      for (guint i = 0; i < layout->items->len; i++)
        {
          const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, i);

          if (item->kind != EP_PLOT_ITEM_NOTE)
            continue;
          n_notes++;
          n_long += item->col > 1;
          /* inside the page (half a point of rounding) */
          g_assert_cmpfloat (item->x, >=, 0.0);
          g_assert_cmpfloat (item->y, >=, 0.0);
          g_assert_cmpfloat (item->x + item->width, <=, layout->width + 0.5);
          g_assert_cmpfloat (item->y + item->height, <=, layout->height + 0.5);
        }
      g_assert_cmpuint (n_notes, >=, 3);
      g_assert_cmpuint (n_long, >=, 1);   /* some note did need wrapping */

      out = ep_test_pdf_text (pdf);
      if (out == NULL)
        {
          g_test_skip ("pdftotext is not installed");
          ep_plot_layout_free (layout);
          return;
        }
      /* lines joined by one space, as the words of a note were */
      flat = g_string_new (NULL);
      {
        g_auto(GStrv) words = g_strsplit (out, " ", -1);

        for (guint k = 0; words[k] != NULL; k++)
          if (words[k][0] != '\0')
            g_string_append_printf (flat, "%s%s", flat->len > 0 ? " " : "", words[k]);
      }
      for (guint i = 0; i < layout->items->len; i++)
        {
          const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, i);

          if (item->kind == EP_PLOT_ITEM_NOTE && strstr (flat->str, item->text) == NULL)
            g_test_fail_printf ("width %g mm: the PDF's text lacks the note “%s”: %s",
                                widths_mm[w], item->text, flat->str);
        }
      g_assert_nonnull (strstr (flat->str, "Derived N (not published)"));
      ep_plot_layout_free (layout);
      g_remove (pdf);
      g_rmdir (dir);
    }
}

/* A forest drawn with options is drawn again from what the project keeps of it, through the
 * figure-source dispatcher; relapse, which the plain forest does not know, too. */
static void
test_forest_from_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(EpFigure) relapse = NULL;
  const char *json =
    "{\"kind\": \"forest-proportions\", \"trials\": [\"eliana\", \"seattle-car-t\", \"nci-car-t\", \"mskcc-car-t\"],"
    " \"outcome\": \"mrd-negative\", \"options\": {\"method\": \"REML\", \"knapp_hartung\": true,"
    " \"prediction\": true, \"show_overall\": false, \"sort\": 2, \"subgroup\": \"population\"}}";
  const char *json_relapse =
    "{\"kind\": \"forest-proportions\", \"trials\": [\"blina-phase2-pooled\", \"short-course-blina\"],"
    " \"outcome\": \"relapse\"}";

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  figure = ep_figure_new_from_source (json_node_get_object (json_parser_get_root (parser)), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (figure);
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_STUDY), ==, 4);
  /* by population (AYA, adult), no overall diamond */
  g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_POOLED), ==, 2);

  g_assert_true (json_parser_load_from_data (parser, json_relapse, -1, &error));
  relapse = ep_figure_new_from_source (json_node_get_object (json_parser_get_root (parser)), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ep_figure_count_forest_rows (relapse, EP_FOREST_ROW_STUDY), ==, 2);

  /* issue 18's options: the GLMM at 90%, a two-arm Peto odds ratio, and members of the wrong
   * type, which read as their defaults (file data reaches no json-glib precondition) */
  {
    static const char * const sources[] = {
      "{\"kind\": \"forest-proportions\", \"trials\": [\"eliana\", \"seattle-car-t\", \"alcantara\", \"mt103-211\"],"
      " \"outcome\": \"cr\", \"options\": {\"method\": \"GLMM\", \"level\": 0.9, \"subgroup\": \"class\"}}",
      "{\"kind\": \"forest-proportions\", \"trials\": [\"tower-blinatumomab\", \"tower-chemotherapy\"],"
      " \"outcome\": \"cr\", \"options\": {\"effect\": \"OR\", \"pooling\": \"PETO\"}}",
      "{\"kind\": \"forest-proportions\", \"trials\": [\"eliana\", \"alcantara\"], \"outcome\": \"cr\","
      " \"options\": {\"method\": 3, \"level\": \"x\", \"knapp_hartung\": \"yes\", \"sort\": {},"
      " \"effect\": [], \"x_min\": null, \"subgroup\": 2}}",
    };
    static const char * const notes[] = {
      "Method: random effects, GLMM (random-intercept logistic model)",
      "Method: Peto odds ratio, fixed effect (metafor rma.peto)",
      "Method: random effects, DerSimonian-Laird; logit",
    };

    for (guint c = 0; c < G_N_ELEMENTS (sources); c++)
      {
        g_autoptr(EpFigure) drawn = NULL;
        g_autofree char *text = NULL;

        g_assert_true (json_parser_load_from_data (parser, sources[c], -1, &error));
        drawn = ep_figure_new_from_source (json_node_get_object (json_parser_get_root (parser)), NULL, NULL, &error);
        g_assert_no_error (error);
        text = forest_notes (drawn);
        g_assert_nonnull (strstr (text, notes[c]));
        if (c == 0)
          g_assert_cmpstr (drawn->forest->estimate_header, ==, "Complete remission, % (90% CI)");
        if (c == 1)
          g_assert_cmpuint (ep_figure_count_forest_rows (drawn, EP_FOREST_ROW_STUDY), ==, 1);
      }
  }
}

static double
ref (JsonObject *object,
     const char *member)
{
  return json_object_get_null_member (object, member) ? NAN : json_object_get_double_member (object, member);
}

static void
assert_within (double      actual,
               double      expected,
               double      tolerance,
               const char *what)
{
  if (isnan (expected) != isnan (actual) ||
      (!isnan (expected) && fabs (actual - expected) > tolerance * MAX (fabs (expected), 1e-8)))
    g_test_fail_printf ("%s: %.10g, R %.10g", what, actual, expected);
}

/* The forest's note rows, joined by newlines. */
static char *
forest_notes (EpFigure *figure)
{
  GString *notes = g_string_new (NULL);

  for (guint i = 0; i < figure->forest->rows->len; i++)
    {
      const EpForestRow *row = &g_array_index (figure->forest->rows, EpForestRow, i);

      g_autofree char *label = ep_forest_row_label (row, NULL);

      if (row->kind == EP_FOREST_ROW_NOTE)
        g_string_append_printf (notes, "%s\n", label);
    }
  return g_string_free (notes, FALSE);
}

/* The forest's methods (issue 18) against the reference cases of make_synthesis.R on the same
 * arms (data/meta_cr.csv holds the x/N that the catalog gives these 15 arms, as cr_class.csv):
 * GLMM by class (meta_cr_glmm.json: rma.glmm (measure = "PLO") overall and per class, at the
 * 1e-4 that lme4's optimiser allows), PM, SJ and ML (meta_cr_*_l1o.json: rma (method = ...),
 * predict, confint (type = "QP")) and REML with Knapp-Hartung at a 90% level
 * (meta_cr_reml_knha90.json), at 1e-5; the figure states the method. */
static void
test_forest_methods (void)
{
  static const char * const ids[] = {
    "blina-phase2-pilot", "mt103-211", "alcantara", "tower-blinatumomab", "blina-pediatric-phase12",
    "coh-blina-retrospective", "upenn-chop-car-t", "mskcc-car-t", "eliana", "nci-car-t",
    "seattle-car-t", "fhcrc-car-t", "hebei-car-t", "coh-car-t", "carpall", NULL
  };
  static const struct {
    const char *json;
    EpMetaMethod method;
    gboolean knha;
    double level;
    const char *method_text;
  } cases[] = {
    { "meta_cr_pm_l1o.json", EP_META_METHOD_PM, FALSE, 0.95, "Method: random effects, Paule-Mandel; logit" },
    { "meta_cr_sj_l1o.json", EP_META_METHOD_SJ, FALSE, 0.95, "Method: random effects, Sidik-Jonkman; logit" },
    { "meta_cr_ml_l1o.json", EP_META_METHOD_ML, FALSE, 0.95, "Method: random effects, maximum likelihood; logit" },
    { "meta_cr_reml_knha90.json", EP_META_METHOD_REML, TRUE, 0.90, "Method: random effects, REML, Knapp-Hartung; logit" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
  g_autoptr(GPtrArray) selection = select_trials (catalog, ids);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected", cases[c].json, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(EpMetaResult) result = NULL;
      g_autoptr(EpFigure) figure = NULL;
      g_autofree char *notes = NULL;
      EpEvidenceForestOptions options;
      JsonObject *root, *random;

      ep_evidence_forest_options_init (&options);
      options.subgroup = "none";
      options.method = cases[c].method;
      options.knapp_hartung = cases[c].knha;
      options.level = cases[c].level;
      figure = ep_evidence_forest_new (selection, &options, &result, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_file (parser, path, &error));
      root = json_node_get_object (json_parser_get_root (parser));
      random = json_object_get_object_member (root, "random");
      assert_within (result->overall.random.estimate, ref (random, "estimate"), 1e-5, cases[c].json);
      assert_within (result->overall.random.lower, ref (random, "lower"), 1e-5, cases[c].json);
      assert_within (result->overall.random.upper, ref (random, "upper"), 1e-5, cases[c].json);
      assert_within (result->overall.random.pi_lower, ref (random, "pi_lower"), 1e-5, cases[c].json);
      assert_within (result->overall.tau2, ref (root, "tau2"), 1e-5, cases[c].json);
      assert_within (result->overall.tau2_lb, ref (root, "tau2_lower"), 1e-5, cases[c].json);
      assert_within (result->overall.tau2_ub, ref (root, "tau2_upper"), 1e-5, cases[c].json);
      assert_within (result->overall.i2_lb, ref (root, "i2_lower"), 1e-5, cases[c].json);
      notes = forest_notes (figure);
      g_assert_nonnull (strstr (notes, cases[c].method_text));
      g_assert_nonnull (strstr (notes, "Q-profile CI: τ²"));
      if (cases[c].level != 0.95)
        {
          g_assert_nonnull (strstr (notes, "; 90% confidence intervals"));
          g_assert_cmpstr (figure->forest->estimate_header, ==, "Complete remission, % (90% CI)");
        }
    }

  /* GLMM by class, the recommended model: rma.glmm overall and per class */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected", "meta_cr_glmm.json", NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(EpMetaResult) result = NULL;
    g_autoptr(EpFigure) figure = NULL;
    g_auto(GStrv) groups = NULL;
    g_autofree char *notes = NULL;
    EpEvidenceForestOptions options;
    JsonObject *root;
    JsonArray *subgroups;

    ep_evidence_forest_options_init (&options);
    options.subgroup = "class";
    options.method = EP_META_METHOD_GLMM;
    options.knapp_hartung = TRUE;   /* not with the GLMM: ignored */
    figure = ep_evidence_forest_new (selection, &options, &result, NULL, &groups, &error);
    g_assert_no_error (error);
    g_assert_true (json_parser_load_from_file (parser, path, &error));
    root = json_node_get_object (json_parser_get_root (parser));
    assert_within (result->overall.random.estimate, ref (json_object_get_object_member (root, "random"), "estimate"), 1e-4, "GLMM");
    assert_within (result->overall.random.lower, ref (json_object_get_object_member (root, "random"), "lower"), 1e-4, "GLMM lower");
    assert_within (result->overall.random.upper, ref (json_object_get_object_member (root, "random"), "upper"), 1e-4, "GLMM upper");
    assert_within (result->overall.tau2, ref (root, "tau2"), 1e-4, "GLMM tau2");
    assert_within (result->overall.q, ref (root, "q"), 1e-4, "GLMM LRT");
    subgroups = json_object_get_array_member (root, "subgroups");
    g_assert_cmpuint (result->n_subgroups, ==, 2);
    for (guint g = 0; g < 2; g++)
      {
        JsonObject *e = json_array_get_object_element (subgroups, g);

        g_assert_cmpstr (groups[g], ==, json_object_get_string_member (e, "label"));
        assert_within (result->subgroups[g].random.estimate,
                       ref (json_object_get_object_member (e, "random"), "estimate"), 1e-4, groups[g]);
        assert_within (result->subgroups[g].random.lower,
                       ref (json_object_get_object_member (e, "random"), "lower"), 1e-4, groups[g]);
        assert_within (result->subgroups[g].tau2, ref (e, "tau2"), 1e-4, groups[g]);
      }
    notes = forest_notes (figure);
    g_assert_nonnull (strstr (notes, "Method: random effects, GLMM (random-intercept logistic model); binomial likelihood"));
    g_assert_null (strstr (notes, "Knapp-Hartung"));
    /* the heterogeneity line names the likelihood-ratio test */
    g_assert_nonnull (strstr (notes, "LRT = "));
  }
}

/* TOWER's two arms as one 2 x 2 table (make_synthesis.R's tower_cr.csv: CR alone, 92/271
 * blinatumomab vs 20/124 chemotherapy): the odds ratio by Mantel-Haenszel is
 * tower_cr_or_mh.json (rma.mh), the risk ratio by inverse variance with a fixed effect
 * tower_cr_rr_fe.json (escalc + rma (method = "FE")); the figure states the method and that
 * the blinatumomab arm's CR/CRi was not compared with the chemotherapy arm's CR. An arm
 * without its partner is left out; no pair at all is an error. The options go through the
 * project's JSON and draw the same figure. */
static void
test_two_arm (void)
{
  static const char * const tower[] = { "tower-chemotherapy", "tower-blinatumomab", "eliana", NULL };
  static const char * const alone[] = { "tower-blinatumomab", "eliana", NULL };
  static const struct {
    const char *json;
    EpEvidenceEffect effect;
    EpEvidencePooling pooling;
    const char *method;
  } cases[] = {
    { "tower_cr_or_mh.json", EP_EVIDENCE_EFFECT_OR, EP_EVIDENCE_POOLING_MH, "Method: Mantel-Haenszel odds ratio, fixed effect (metafor rma.mh)" },
    { "tower_cr_rr_fe.json", EP_EVIDENCE_EFFECT_RR, EP_EVIDENCE_POOLING_IV, "Method: risk ratio, inverse variance, fixed effect (inverse variance)" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
  g_autoptr(GPtrArray) selection = select_trials (catalog, tower);
  g_autoptr(GPtrArray) unpaired = select_trials (catalog, alone);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "expected", cases[c].json, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(EpTwoArmResult) result = NULL;
      g_autoptr(EpFigure) figure = NULL;
      g_autoptr(EpFigure) again = NULL;
      g_autoptr(JsonObject) saved = NULL;
      g_autofree char *notes = NULL;
      EpEvidenceForestOptions options, read;
      JsonObject *root, *fixed;
      double estimate, lower, upper;

      ep_evidence_forest_options_init (&options);
      options.effect = cases[c].effect;
      options.pooling = cases[c].pooling;
      options.method = EP_META_METHOD_FE;
      figure = ep_evidence_two_arm_new (selection, &options, &result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->k, ==, 1);
      g_assert_cmpstr (result->arm1[0], ==, "blinatumomab");
      g_assert_cmpuint (result->a[0], ==, 92);
      g_assert_cmpuint (result->n1[0], ==, 271);
      g_assert_cmpuint (result->c[0], ==, 20);
      g_assert_cmpuint (result->n2[0], ==, 124);
      g_assert_true (json_parser_load_from_file (parser, path, &error));
      root = json_node_get_object (json_parser_get_root (parser));
      fixed = json_object_get_object_member (root, c == 0 ? "fixed" : "random");
      if (result->fixed != NULL)
        estimate = result->fixed->estimate, lower = result->fixed->lower, upper = result->fixed->upper;
      else
        estimate = result->iv->overall.random.estimate, lower = result->iv->overall.random.lower,
        upper = result->iv->overall.random.upper;
      assert_within (estimate, ref (fixed, "estimate"), 1e-5, cases[c].json);
      assert_within (lower, ref (fixed, "lower"), 1e-5, cases[c].json);
      assert_within (upper, ref (fixed, "upper"), 1e-5, cases[c].json);
      g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_STUDY), ==, 1);
      g_assert_cmpuint (ep_figure_count_forest_rows (figure, EP_FOREST_ROW_POOLED), ==, 1);
      notes = forest_notes (figure);
      g_assert_nonnull (strstr (notes, cases[c].method));
      g_assert_nonnull (strstr (notes, "Phase 3 (TOWER): CR in both arms (the blinatumomab arm's CR/CRi is not compared"));
      g_assert_nonnull (strstr (notes, "Left out (no other arm of the trial selected): ELIANA"));

      /* through the project's options and ep_evidence_forest_new () */
      saved = ep_evidence_forest_options_to_json (&options);
      ep_evidence_forest_options_init (&read);
      ep_evidence_forest_options_from_json (saved, &read);
      g_assert_cmpint (read.effect, ==, options.effect);
      g_assert_cmpint (read.pooling, ==, options.pooling);
      g_assert_cmpint (read.method, ==, EP_META_METHOD_FE);
      again = ep_evidence_forest_new (selection, &read, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (g_array_index (again->forest->rows, EpForestRow, 1).estimate, ==,
                         g_array_index (figure->forest->rows, EpForestRow, 1).estimate);
    }

  /* Peto pools odds ratios only; no pair, no figure */
  {
    EpEvidenceForestOptions options;
    g_autoptr(EpFigure) none = NULL;

    ep_evidence_forest_options_init (&options);
    options.effect = EP_EVIDENCE_EFFECT_RD;
    options.pooling = EP_EVIDENCE_POOLING_PETO;
    none = ep_evidence_two_arm_new (selection, &options, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID);
    g_clear_error (&error);
    options.effect = EP_EVIDENCE_EFFECT_OR;
    none = ep_evidence_two_arm_new (unpaired, &options, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA);
  }
}

/* ---- issue 13 item 5: the Trials page's forests in the figure's language -------------------- */

/* The figure's text as pdftotext reads its PDF export, lines joined; NULL without pdftotext. */
static char *
exported_text (EpFigure       *figure,
               EpPlotLanguage  language)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ep-figure-language-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "forest.pdf", NULL);
  char *out;

  g_assert_no_error (error);
  g_object_set (figure, "language", language, NULL);
  g_assert_true (ep_figure_export (figure, pdf, EP_PLOT_FORMAT_PDF, &error));
  g_assert_no_error (error);
  out = ep_test_pdf_text (pdf);
  if (g_getenv ("EP_KEEP_PDF") != NULL)
    {
      g_autofree char *kept = g_strdup_printf ("%s/forest-%s.pdf", g_get_tmp_dir (),
                                               language == EP_PLOT_LANGUAGE_DE ? "de" : "en");

      g_rename (pdf, kept);
      g_print ("# %s\n", kept);
    }
  g_remove (pdf);
  g_rmdir (dir);
  return out;
}

static void
assert_text (const char *text,
             const char *part,
             gboolean    expected)
{
  if ((strstr (text, part) != NULL) != expected)
    g_test_fail_printf ("“%s” %s in the figure's text: %s", part,
                        expected ? "missing" : "unexpected", text);
}

/* Under a German desktop (the process's locale and language German) the Trials page's forests
 * (proportions with subgroups and notes, two arms, the comparability figure) export in English
 * with dot decimals when the figure's language is English, and in German with decimal commas
 * when it is German: their headers, pooled rows and notes are made when drawn. */
static void
test_figure_language (void)
{
  static const char * const mixed[] = { "blina-phase2-pooled", "tower-blinatumomab", "eliana", "seattle-car-t", NULL };
  static const char * const tower[] = { "tower-chemotherapy", "tower-blinatumomab", "eliana", NULL };
  /* one CAR T arm: Knapp-Hartung cannot be used in its subgroup, a warning of the core's */
  static const char * const lone[] = { "blina-phase2-pooled", "tower-blinatumomab", "eliana", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
  g_autoptr(GPtrArray) selection = select_trials (catalog, mixed);
  g_autoptr(GPtrArray) pair = select_trials (catalog, tower);
  g_autoptr(GPtrArray) single = select_trials (catalog, lone);
  g_autoptr(EpFigure) proportions = NULL;
  g_autoptr(EpFigure) two_arm = NULL;
  g_autoptr(EpFigure) guarded = NULL;
  g_autoptr(EpFigure) warned = NULL;
  g_autofree char *en = NULL, *de = NULL, *en2 = NULL, *de2 = NULL, *en3 = NULL, *de3 = NULL;
  g_autofree char *en4 = NULL, *de4 = NULL;
  EpEvidenceForestOptions options;

  g_assert_no_error (error);
  if (!ep_test_german_process_begin ("Trial", "Studie"))
    {
      g_test_skip ("no de_DE.UTF-8 locale or no build-tree catalogs (ENDPOINT_LOCALE_DIR)");
      return;
    }

  /* made while the process is German, as in the app on a German desktop */
  ep_evidence_forest_options_init (&options);
  options.method = EP_META_METHOD_REML;
  options.knapp_hartung = TRUE;
  options.level = 0.975;
  options.prediction = TRUE;
  options.subgroup = "class";
  proportions = ep_evidence_forest_new (selection, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  warned = ep_evidence_forest_new (single, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ep_evidence_forest_options_init (&options);
  options.effect = EP_EVIDENCE_EFFECT_OR;
  options.pooling = EP_EVIDENCE_POOLING_MH;
  options.level = 0.975;
  two_arm = ep_evidence_forest_new (pair, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  guarded = ep_comparability_new_forest (selection, EP_FIGURE_OUTCOME_CR, NULL, &error);
  g_assert_no_error (error);

  en = exported_text (proportions, EP_PLOT_LANGUAGE_EN);
  if (en == NULL)
    {
      ep_test_german_process_end ();
      g_test_skip ("pdftotext is not installed");
      return;
    }
  de = exported_text (proportions, EP_PLOT_LANGUAGE_DE);
  en2 = exported_text (two_arm, EP_PLOT_LANGUAGE_EN);
  de2 = exported_text (two_arm, EP_PLOT_LANGUAGE_DE);
  en3 = exported_text (guarded, EP_PLOT_LANGUAGE_EN);
  de3 = exported_text (guarded, EP_PLOT_LANGUAGE_DE);
  en4 = exported_text (warned, EP_PLOT_LANGUAGE_EN);
  de4 = exported_text (warned, EP_PLOT_LANGUAGE_DE);
  ep_test_german_process_end ();

  /* a warning of the statistics core's, written in the figure's language */
  assert_text (en4, "Subgroup “CAR T”: The Knapp-Hartung adjustment needs at least two", TRUE);
  assert_text (en4, "Subgruppe", FALSE);
  assert_text (en4, "Korrektur", FALSE);
  assert_text (de4, "Subgruppe „CAR T“: Die Knapp-Hartung-Korrektur braucht mindestens", TRUE);
  assert_text (de4, "adjustment", FALSE);

  /* proportions: header, axis, method and heterogeneity notes, the comparability notes */
  assert_text (en, "Trial", TRUE);
  assert_text (en, "Complete remission, % (97.5% CI)", TRUE);
  assert_text (en, "Complete remission (%)", TRUE);
  assert_text (en, "Method: random effects, REML, Knapp-Hartung", TRUE);
  assert_text (en, "97.5% confidence intervals", TRUE);
  assert_text (en, "Note: CR is defined differently", TRUE);
  assert_text (en, "Prediction interval", TRUE);
  assert_text (en, "Studie", FALSE);
  assert_text (en, "Methode", FALSE);
  assert_text (en, "Hinweis", FALSE);
  assert_text (en, "Komplette", FALSE);
  assert_text (en, "97,5", FALSE);
  g_assert_false (g_regex_match_simple ("[0-9],[0-9]", en, 0, 0));
  assert_text (de, "Studie", TRUE);
  assert_text (de, "Komplette Remission, % (97,5-%-KI)", TRUE);
  assert_text (de, "Methode: ", TRUE);
  assert_text (de, "Hinweis: CR ist unterschiedlich definiert", TRUE);
  assert_text (de, "Method:", FALSE);
  assert_text (de, "Note:", FALSE);
  assert_text (de, "Prediction interval", FALSE);

  /* two arms: headers, counts, the pooled row, the method and arms notes, favours */
  assert_text (en2, "Odds ratio (97.5% CI)", TRUE);
  assert_text (en2, "Events/N", TRUE);
  assert_text (en2, "Pooled (k = 1)", TRUE);
  assert_text (en2, "92/271 vs 20/124", TRUE);
  assert_text (en2, "Method: Mantel-Haenszel odds ratio, fixed effect", TRUE);
  assert_text (en2, "Favours control", TRUE);
  assert_text (en2, "(experimental) vs", TRUE);
  assert_text (en2, "Left out (no other arm of the trial selected)", TRUE);
  assert_text (en2, "Gepoolt", FALSE);
  assert_text (en2, "Ereignisse", FALSE);
  assert_text (en2, "Zugunsten", FALSE);
  assert_text (en2, "Weggelassen", FALSE);
  g_assert_false (g_regex_match_simple ("[0-9],[0-9]", en2, 0, 0));
  assert_text (de2, "Odds Ratio (97,5-%-KI)", TRUE);
  assert_text (de2, "Ereignisse/N", TRUE);
  assert_text (de2, "Gepoolt (k = 1)", TRUE);
  assert_text (de2, "Methode: ", TRUE);
  assert_text (de2, "Zugunsten", TRUE);
  assert_text (de2, "Pooled", FALSE);
  assert_text (de2, "Favours", FALSE);
  g_assert_true (g_regex_match_simple ("[0-9],[0-9][0-9]", de2, 0, 0));

  /* the comparability figure's notes */
  assert_text (en3, "Note: CR is defined differently", TRUE);
  assert_text (en3, "Hinweis", FALSE);
  assert_text (de3, "Hinweis: CR ist unterschiedlich definiert", TRUE);
  assert_text (de3, "Note:", FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/comparability/overlap", test_overlap);
  g_test_add_func ("/comparability/differences", test_differences);
  g_test_add_func ("/comparability/footnote-in-pdf", test_footnote_in_pdf);
  g_test_add_func ("/comparability/forest-methods", test_forest_methods);
  g_test_add_func ("/comparability/two-arm", test_two_arm);
  g_test_add_func ("/comparability/forest-vs-metafor", test_forest_vs_metafor);
  g_test_add_func ("/comparability/forest-options-in-pdf", test_forest_options_in_pdf);
  g_test_add_func ("/comparability/forest-from-source", test_forest_from_source);
  g_test_add_func ("/comparability/footnote-wrapped", test_footnote_wrapped);
  g_test_add_func ("/comparability/figure-language", test_figure_language);

  return g_test_run ();
}
