/* test-catalog.c: the bundled trial catalog, its loader, EpTrial and EpCatalog
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers expected here are transcribed by hand from the seed documents (../shared/seeds,
 * named by file and table in each row), independently of data/catalog/trials.json, so a typo in
 * either shows up. They are compared exactly (relative 1e-12): a transcription has no rounding.
 * The meta_cr reference case (tests/data/reference/data/meta_cr.csv, built from Tables 1 and 2
 * of seed 001) is checked against the catalog's n and CR %.
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/ep-catalog-reader.h"
#include "io/ep-csv.h"
#include "model/ep-catalog.h"

#define SEED_000 "000_794548d4f1f1983b.txt"
#define SEED_001 "001_399616fa44fc2a6f.txt"
#define SEED_002 "002_7502541f5dd1c222.txt"
#define SEED_003 "003_4ceeb290a2756d60.txt"
#define SEED_004 "004_72b269489978e78e.txt"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static EpCatalog *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  EpCatalog *catalog = ep_catalog_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

static EpTrial *
lookup (EpCatalog  *catalog,
        const char *id)
{
  EpTrial *trial = ep_catalog_lookup (catalog, id);

  if (trial == NULL)
    g_error ("no record “%s” in the bundled catalog", id);
  return trial;
}

static void
assert_same_number (double      actual,
                    double      expected,
                    const char *what)
{
  if (isnan (expected))
    {
      if (!isnan (actual))
        g_test_fail_printf ("%s: expected not reported (NaN), found %g", what, actual);
      return;
    }

  /* g_test_fail_printf(), not an assertion: every mismatch of a table is listed */
  if (isnan (actual) || fabs (actual - expected) > 1e-12 * fabs (expected))
    g_test_fail_printf ("%s: expected %g, found %g", what, expected, actual);
}

/* The bundled catalog loads, is a GListModel of EpTrial with unique ids, and covers every
 * trial of issue 4 (more than 30 arms). */
static void
test_catalog_bundled (void)
{
  g_autoptr(EpCatalog) catalog = load_bundled ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *model = G_LIST_MODEL (catalog);
  guint n_items;

  g_assert_true (g_list_model_get_item_type (model) == EP_TYPE_TRIAL);
  n_items = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_items, ==, 33);
  g_assert_null (g_list_model_get_item (model, n_items));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(EpTrial) trial = g_list_model_get_item (model, i);
      const char *id = ep_trial_get_id (trial);

      g_assert_true (EP_IS_TRIAL (trial));
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (gpointer) id);
      g_assert_true (ep_catalog_lookup (catalog, id) == trial);
    }

  g_assert_null (ep_catalog_lookup (catalog, "no-such-trial"));

  /* The resource is also reachable by its path once the catalog has been loaded. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = g_resources_lookup_data (EP_CATALOG_RESOURCE_PATH,
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  }
}

/* Issue 4 lists the trials the seeds report numbers for; each must be in the catalog. */
static void
test_catalog_coverage (void)
{
  static const char * const expected_ids[] = {
    /* seed 001, Table 1: 8 blinatumomab trials */
    "blina-mrd-pilot", "blast", "blina-phase2-pilot", "mt103-211", "alcantara",
    "tower-blinatumomab", "blina-pediatric-phase12", "coh-blina-retrospective",
    /* seed 001, Table 2: 9 CD19 CAR T trials */
    "upenn-chop-car-t", "mskcc-car-t", "eliana", "nci-car-t", "seattle-car-t", "fhcrc-car-t",
    "hebei-car-t", "coh-car-t", "carpall",
    /* seed 002 */
    "blina-phase2-pooled",
    /* seed 003 */
    "tower-chemotherapy", "rc-mrd-ph-neg", "rc-mrd-ph-pos", "inovate-inotuzumab",
    "inovate-chemotherapy", "ino-phase2-kantarjian", "ino-phase12-deangelo", "badar-rr",
    "badar-mrd", "swog-s1318", "d-alba", "hcvad-blina", "allg-all8", "assi-blina-tki",
    /* seed 004 */
    "short-course-blina",
  };
  g_autoptr(EpCatalog) catalog = load_bundled ();

  for (guint i = 0; i < G_N_ELEMENTS (expected_ids); i++)
    lookup (catalog, expected_ids[i]);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==,
                    G_N_ELEMENTS (expected_ids));
}

/* Every record names at least one seed document and a place in it, and cites at least one
 * paper. */
static void
test_catalog_provenance (void)
{
  static const char * const seeds[] = { SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, NULL };
  g_autoptr(EpCatalog) catalog = load_bundled ();
  guint used[5] = { 0 };

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(EpTrial) trial = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      GPtrArray *provenance = ep_trial_get_provenance (trial);
      GPtrArray *references = ep_trial_get_references (trial);

      g_assert_cmpuint (provenance->len, >=, 1);
      for (guint k = 0; k < provenance->len; k++)
        {
          const EpCatalogProvenance *item = g_ptr_array_index (provenance, k);
          gboolean known = FALSE;

          for (guint s = 0; seeds[s] != NULL; s++)
            {
              if (strcmp (item->source, seeds[s]) == 0)
                {
                  known = TRUE;
                  used[s]++;
                }
            }
          if (!known)
            g_error ("%s: provenance names “%s”, not a seed document",
                     ep_trial_get_id (trial), item->source);
          g_assert_cmpuint (strlen (item->location), >, 5);
        }

      g_assert_cmpuint (references->len, >=, 1);
      for (guint k = 0; k < references->len; k++)
        {
          const EpCatalogReference *reference = g_ptr_array_index (references, k);

          g_assert_cmpuint (strlen (reference->citation), >, 20);
        }
      g_assert_nonnull (ep_trial_get_citation (trial));
    }

  /* All five documents contribute. */
  for (guint s = 0; s < G_N_ELEMENTS (used); s++)
    g_assert_cmpuint (used[s], >, 0);
}

/* The numbers, against the seed tables. */

typedef struct
{
  const char *id;
  const char *field;      /* "n", "age", "cr", "mrd", "relapse", or an endpoint "OS median",
                           * "EFS 12" (landmark at 12 months) */
  const char *subgroup;   /* for endpoints: NULL for the whole arm */
  double      expected;   /* NAN: not reported in the source */
  const char *source;
} SeedNumber;

static const SeedNumber seed_numbers[] = {
  /* seed 001, Table 1 (blinatumomab) */
  { "blina-mrd-pilot", "n", NULL, 20, SEED_001 " Table 1 'MRD pilot'" },
  { "blina-mrd-pilot", "age", NULL, 47, SEED_001 " Table 1 'MRD pilot'" },
  { "blina-mrd-pilot", "cr", NULL, NAN, SEED_001 " Table 1 'MRD pilot' (NA)" },
  { "blina-mrd-pilot", "mrd", NULL, 80, SEED_001 " Table 1 'MRD pilot'" },
  { "blina-mrd-pilot", "relapse", NULL, 50, SEED_001 " Table 1 'MRD pilot'" },
  { "blina-mrd-pilot", "RFS crude", NULL, 50, SEED_001 " Table 1 'MRD pilot' (5-y = 50%); " SEED_003 " line 98: in remission at a median follow-up of 50.8 months" },
  { "blina-mrd-pilot", "OS median", NULL, NAN, SEED_001 " Table 1 'MRD pilot' (NR)" },
  { "blast", "n", NULL, 116, SEED_001 " Table 1 'BLAST trial'" },
  { "blast", "cr", NULL, NAN, SEED_001 " Table 1 'BLAST trial' (NA)" },
  { "blast", "mrd", NULL, 78, SEED_001 " Table 1 'BLAST trial'" },
  { "blast", "relapse", NULL, 43, SEED_001 " Table 1 'BLAST trial'" },
  { "blast", "RFS median", NULL, 18.9, SEED_001 " Table 1 'BLAST trial'" },
  { "blast", "OS median", NULL, 36.5, SEED_001 " Table 1 'BLAST trial'" },
  { "blast", "OS median", "MRD responders after cycle 1", 38.9, SEED_003 " section 'Blinatumomab in MRD+ Disease'" },
  { "blina-phase2-pilot", "n", NULL, 36, SEED_001 " Table 1 'Phase 2 pilot'" },
  { "blina-phase2-pilot", "age", NULL, 32, SEED_001 " Table 1 'Phase 2 pilot'" },
  { "blina-phase2-pilot", "cr", NULL, 69, SEED_001 " Table 1 'Phase 2 pilot'" },
  { "blina-phase2-pilot", "mrd", NULL, 88, SEED_001 " Table 1 'Phase 2 pilot'" },
  { "blina-phase2-pilot", "relapse", NULL, 40, SEED_001 " Table 1 'Phase 2 pilot'" },
  { "blina-phase2-pilot", "RFS median", NULL, 7.6, SEED_001 " Table 1 'Phase 2 pilot'" },
  { "blina-phase2-pilot", "OS median", NULL, 9.8, SEED_001 " Table 1 'Phase 2 pilot'" },
  { "mt103-211", "n", NULL, 189, SEED_001 " Table 1 'Phase 2 confirmatory'" },
  { "mt103-211", "age", NULL, 39, SEED_001 " Table 1 'Phase 2 confirmatory'" },
  { "mt103-211", "cr", NULL, 43, SEED_001 " Table 1 'Phase 2 confirmatory'" },
  { "mt103-211", "mrd", NULL, 82, SEED_001 " Table 1 'Phase 2 confirmatory'" },
  { "mt103-211", "relapse", NULL, 46, SEED_001 " Table 1 'Phase 2 confirmatory'" },
  { "mt103-211", "RFS median", NULL, 5.9, SEED_001 " Table 1 'Phase 2 confirmatory'" },
  { "mt103-211", "OS median", NULL, 6.1, SEED_001 " Table 1 'Phase 2 confirmatory'" },
  { "mt103-211", "OS 24", NULL, 20, SEED_003 " MT103-211 paragraph ('Twenty-percent ... after two years')" },
  { "alcantara", "n", NULL, 45, SEED_001 " Table 1 'ALCANTARA trial'" },
  { "alcantara", "age", NULL, 55, SEED_001 " Table 1 'ALCANTARA trial'" },
  { "alcantara", "cr", NULL, 36, SEED_001 " Table 1 'ALCANTARA trial'" },
  { "alcantara", "mrd", NULL, 88, SEED_001 " Table 1 'ALCANTARA trial'" },
  { "alcantara", "relapse", NULL, 50, SEED_001 " Table 1 'ALCANTARA trial'" },
  { "alcantara", "RFS median", NULL, 6.7, SEED_001 " Table 1 'ALCANTARA trial'" },
  { "alcantara", "OS median", NULL, 7.1, SEED_001 " Table 1 'ALCANTARA trial'" },
  { "tower-blinatumomab", "n", NULL, 271, SEED_001 " Table 1 'Phase 38'" },
  { "tower-blinatumomab", "age", NULL, 41, SEED_001 " Table 1 'Phase 38'" },
  { "tower-blinatumomab", "cr", NULL, 44, SEED_001 " Table 1 'Phase 38'" },
  { "tower-blinatumomab", "mrd", NULL, 76, SEED_001 " Table 1 'Phase 38'" },
  { "tower-blinatumomab", "relapse", NULL, NAN, SEED_001 " Table 1 'Phase 38' (NR)" },
  { "tower-blinatumomab", "EFS 6", NULL, 31, SEED_001 " Table 1 'Phase 38' (6-mo = 31%), footnote 'EFS'; " SEED_004 " line 34" },
  { "tower-blinatumomab", "OS median", NULL, 7.7, SEED_001 " Table 1 'Phase 38'" },
  { "blina-pediatric-phase12", "n", NULL, 70, SEED_001 " Table 1 'Pediatric trial'" },
  { "blina-pediatric-phase12", "age", NULL, 8, SEED_001 " Table 1 'Pediatric trial'" },
  { "blina-pediatric-phase12", "cr", NULL, 39, SEED_001 " Table 1 'Pediatric trial'" },
  { "blina-pediatric-phase12", "mrd", NULL, 52, SEED_001 " Table 1 'Pediatric trial'" },
  { "blina-pediatric-phase12", "relapse", NULL, 56, SEED_001 " Table 1 'Pediatric trial'" },
  { "blina-pediatric-phase12", "RFS median", NULL, 4.4, SEED_001 " Table 1 'Pediatric trial'" },
  { "blina-pediatric-phase12", "OS median", NULL, 7.5, SEED_001 " Table 1 'Pediatric trial'" },
  { "coh-blina-retrospective", "n", NULL, 65, SEED_001 " Table 1 'City of Hope retrospective'" },
  { "coh-blina-retrospective", "cr", NULL, 51, SEED_001 " Table 1 'City of Hope retrospective'" },
  { "coh-blina-retrospective", "mrd", NULL, 63, SEED_001 " Table 1 'City of Hope retrospective'" },
  { "coh-blina-retrospective", "relapse", NULL, 61, SEED_001 " Table 1 'City of Hope retrospective'" },
  { "coh-blina-retrospective", "RFS median", NULL, 6.3, SEED_001 " Table 1 'City of Hope retrospective'" },
  { "coh-blina-retrospective", "OS median", NULL, NAN, SEED_001 " Table 1 'City of Hope retrospective' (NR)" },

  /* seed 001, Table 2 (CD19 CAR T) */
  { "upenn-chop-car-t", "n", NULL, 30, SEED_001 " Table 2 'University of Pennsylvania/...'" },
  { "upenn-chop-car-t", "age", NULL, 14, SEED_001 " Table 2 'University of Pennsylvania/...'" },
  { "upenn-chop-car-t", "cr", NULL, 90, SEED_001 " Table 2 'University of Pennsylvania/...'" },
  { "upenn-chop-car-t", "mrd", NULL, 88, SEED_001 " Table 2 'University of Pennsylvania/...'" },
  { "upenn-chop-car-t", "relapse", NULL, 26, SEED_001 " Table 2 'University of Pennsylvania/...'" },
  { "upenn-chop-car-t", "EFS 6", NULL, 67, SEED_001 " Table 2 'University of Pennsylvania/...'" },
  { "upenn-chop-car-t", "OS 6", NULL, 78, SEED_001 " Table 2 'University of Pennsylvania/...'" },
  { "mskcc-car-t", "n", NULL, 53, SEED_001 " Table 2 'Memorial Sloan Kettering Cancer Center'" },
  { "mskcc-car-t", "cr", NULL, 83, SEED_001 " Table 2 'Memorial Sloan Kettering Cancer Center'" },
  { "mskcc-car-t", "mrd", NULL, 67, SEED_001 " Table 2 'Memorial Sloan Kettering Cancer Center'" },
  { "mskcc-car-t", "relapse", NULL, 57, SEED_001 " Table 2 'Memorial Sloan Kettering Cancer Center'" },
  { "mskcc-car-t", "EFS median", NULL, 6.1, SEED_001 " Table 2 'Memorial Sloan Kettering Cancer Center'" },
  { "mskcc-car-t", "OS median", NULL, 12.9, SEED_001 " Table 2 'Memorial Sloan Kettering Cancer Center'" },
  { "eliana", "n", NULL, 75, SEED_001 " Table 2 'ELIANA trial'" },
  { "eliana", "age", NULL, 11, SEED_001 " Table 2 'ELIANA trial'" },
  { "eliana", "cr", NULL, 81, SEED_001 " Table 2 'ELIANA trial'" },
  { "eliana", "mrd", NULL, 81, SEED_001 " Table 2 'ELIANA trial'" },
  { "eliana", "relapse", NULL, 36, SEED_001 " Table 2 'ELIANA trial'" },
  { "eliana", "EFS 12", NULL, 50, SEED_001 " Table 2 'ELIANA trial'" },
  { "eliana", "OS 12", NULL, 76, SEED_001 " Table 2 'ELIANA trial'" },
  { "eliana", "RFS 6", NULL, 80, SEED_000 " paragraph 7 (RFS 80% at 6 months)" },
  { "eliana", "RFS 18", NULL, 66, SEED_000 " paragraph 7 (66% at 12 and 18 months)" },
  { "nci-car-t", "n", NULL, 21, SEED_001 " Table 2 'National Cancer Institute'" },
  { "nci-car-t", "cr", NULL, 67, SEED_001 " Table 2 'National Cancer Institute'" },
  { "nci-car-t", "mrd", NULL, 86, SEED_001 " Table 2 'National Cancer Institute'" },
  { "nci-car-t", "relapse", NULL, 14, SEED_001 " Table 2 'National Cancer Institute'" },
  { "nci-car-t", "EFS 5", NULL, 79, SEED_001 " Table 2 'National Cancer Institute'" },
  { "nci-car-t", "OS 10", NULL, 52, SEED_001 " Table 2 'National Cancer Institute'" },
  { "seattle-car-t", "n", NULL, 45, SEED_001 " Table 2 'Seattle Children's Hospital'" },
  { "seattle-car-t", "cr", NULL, 93, SEED_001 " Table 2 'Seattle Children's Hospital'" },
  { "seattle-car-t", "mrd", NULL, 100, SEED_001 " Table 2 'Seattle Children's Hospital'" },
  { "seattle-car-t", "relapse", NULL, 45, SEED_001 " Table 2 'Seattle Children's Hospital'" },
  { "seattle-car-t", "EFS 12", NULL, 51, SEED_001 " Table 2 'Seattle Children's Hospital'" },
  { "seattle-car-t", "OS 12", NULL, 70, SEED_001 " Table 2 'Seattle Children's Hospital'" },
  { "fhcrc-car-t", "n", NULL, 53, SEED_001 " Table 2 'Fred Hutchinson Cancer Research Center'" },
  { "fhcrc-car-t", "cr", NULL, 85, SEED_001 " Table 2 'Fred Hutchinson Cancer Research Center'" },
  { "fhcrc-car-t", "mrd", NULL, 85, SEED_001 " Table 2 'Fred Hutchinson Cancer Research Center'" },
  { "fhcrc-car-t", "relapse", NULL, 49, SEED_001 " Table 2 'Fred Hutchinson Cancer Research Center'" },
  { "fhcrc-car-t", "EFS median", NULL, 7.6, SEED_001 " Table 2 'Fred Hutchinson Cancer Research Center'" },
  { "fhcrc-car-t", "OS median", NULL, 20, SEED_001 " Table 2 'Fred Hutchinson Cancer Research Center'" },
  { "hebei-car-t", "n", NULL, 51, SEED_001 " Table 2 'Hebei Yanda Lu Daopei Hospital'" },
  { "hebei-car-t", "cr", NULL, 90, SEED_001 " Table 2 'Hebei Yanda Lu Daopei Hospital'" },
  { "hebei-car-t", "mrd", NULL, 88, SEED_001 " Table 2 'Hebei Yanda Lu Daopei Hospital'" },
  { "hebei-car-t", "relapse", NULL, 24, SEED_001 " Table 2 'Hebei Yanda Lu Daopei Hospital'" },
  { "hebei-car-t", "EFS median", NULL, NAN, SEED_001 " Table 2 'Hebei Yanda Lu Daopei Hospital' (NR§)" },
  { "hebei-car-t", "LFS 6", "after HSCT", 81.3, SEED_001 " Table 2 footnote §" },
  { "coh-car-t", "n", NULL, 13, SEED_001 " Table 2 'City of Hope'" },
  { "coh-car-t", "cr", NULL, 100, SEED_001 " Table 2 'City of Hope'" },
  { "coh-car-t", "mrd", NULL, 91, SEED_001 " Table 2 'City of Hope'" },
  { "coh-car-t", "relapse", NULL, NAN, SEED_001 " Table 2 'City of Hope' (NR)" },
  { "carpall", "n", NULL, 14, SEED_001 " Table 2 'CARPALL trial'" },
  { "carpall", "cr", NULL, 86, SEED_001 " Table 2 'CARPALL trial'" },
  { "carpall", "mrd", NULL, 86, SEED_001 " Table 2 'CARPALL trial'" },
  { "carpall", "relapse", NULL, 50, SEED_001 " Table 2 'CARPALL trial'" },
  { "carpall", "EFS 12", NULL, 46, SEED_001 " Table 2 'CARPALL trial'" },
  { "carpall", "OS 12", NULL, 63, SEED_001 " Table 2 'CARPALL trial'" },

  /* seed 002: pooled phase 2 analysis */
  { "blina-phase2-pooled", "n", NULL, 259, SEED_002 " Table 1" },
  { "blina-phase2-pooled", "age", NULL, 38, SEED_002 " Table 1" },
  { "blina-phase2-pooled", "cr", NULL, 33.6, SEED_002 " Table 2 (CR, total)" },
  { "blina-phase2-pooled", "mrd", NULL, 41.3, SEED_002 " Table 2 (MRD responders, total)" },
  { "blina-phase2-pooled", "relapse", NULL, 59.3, SEED_002 " Results (3-year relapse CIF)" },
  { "blina-phase2-pooled", "OS median", NULL, 7.5, SEED_002 " Results" },
  { "blina-phase2-pooled", "OS 24", NULL, 23.4, SEED_002 " Results (KM rates)" },
  { "blina-phase2-pooled", "OS 36", NULL, 17.7, SEED_002 " Results (KM rates)" },
  { "blina-phase2-pooled", "OS 48", NULL, 15.8, SEED_002 " Results (KM rates)" },
  { "blina-phase2-pooled", "OS 60", NULL, 15.8, SEED_002 " Results (KM rates)" },
  { "blina-phase2-pooled", "RFS median", "CR/CRh within 2 cycles (n = 123)", 7.7, SEED_002 " Results" },
  { "blina-phase2-pooled", "RFS 24", "CR/CRh within 2 cycles (n = 123)", 26.9, SEED_002 " Results (KM rates)" },
  { "blina-phase2-pooled", "RFS 36", "CR/CRh within 2 cycles (n = 123)", 23.4, SEED_002 " Results (KM rates)" },
  { "blina-phase2-pooled", "RFS 48", "CR/CRh within 2 cycles (n = 123)", 23.4, SEED_002 " Results (KM rates)" },
  { "blina-phase2-pooled", "OS median", "CR/CRh followed by HSCT in continuous CR", 18.1, SEED_002 " Results" },

  /* seed 003 */
  { "tower-chemotherapy", "n", NULL, 124, SEED_003 " TOWER paragraph" },
  { "tower-chemotherapy", "cr", NULL, 16, SEED_003 " TOWER paragraph" },
  { "tower-chemotherapy", "OS median", NULL, 4.0, SEED_002 " Introduction; " SEED_003 " TOWER paragraph" },
  { "inovate-inotuzumab", "cr", NULL, 80.7, SEED_003 " inotuzumab paragraph" },
  { "inovate-inotuzumab", "n", NULL, NAN, SEED_003 " inotuzumab paragraph (not given)" },
  { "inovate-inotuzumab", "OS median", NULL, 7.7, SEED_003 " inotuzumab paragraph" },
  { "inovate-inotuzumab", "OS 24", NULL, 22.8, SEED_003 " inotuzumab paragraph" },
  { "inovate-chemotherapy", "cr", NULL, 29.4, SEED_003 " inotuzumab paragraph" },
  { "inovate-chemotherapy", "OS median", NULL, 6.7, SEED_003 " inotuzumab paragraph" },
  { "inovate-chemotherapy", "OS 24", NULL, 10, SEED_003 " inotuzumab paragraph" },
  { "ino-phase2-kantarjian", "cr", NULL, 57, SEED_003 " inotuzumab paragraph (ref 36)" },
  { "ino-phase2-kantarjian", "mrd", NULL, 63, SEED_003 " inotuzumab paragraph (ref 36)" },
  { "ino-phase12-deangelo", "cr", NULL, 68, SEED_003 " inotuzumab paragraph (ref 37)" },
  { "ino-phase12-deangelo", "mrd", NULL, 84, SEED_003 " inotuzumab paragraph (ref 37)" },
  { "rc-mrd-ph-neg", "mrd", NULL, 80, SEED_003 " Richard-Carpentier paragraph" },
  { "rc-mrd-ph-pos", "mrd", NULL, 75, SEED_003 " Richard-Carpentier paragraph" },
  { "badar-rr", "cr", NULL, 61, SEED_003 " 'Blinatumomab in the Real World'" },
  { "badar-rr", "mrd", NULL, 44, SEED_003 " 'Blinatumomab in the Real World'" },
  { "badar-rr", "OS median", NULL, 12.7, SEED_003 " 'Blinatumomab in the Real World'" },
  { "badar-mrd", "mrd", NULL, 75, SEED_003 " 'Blinatumomab in the Real World'" },
  { "badar-mrd", "OS median", NULL, 34.7, SEED_003 " 'Blinatumomab in the Real World'" },
  { "swog-s1318", "cr", NULL, 66, SEED_003 " frontline section (SWOG S1318)" },
  { "swog-s1318", "mrd", NULL, 92, SEED_003 " frontline section (SWOG S1318)" },
  { "d-alba", "mrd", NULL, 80, SEED_003 " frontline section (D-Alba)" },
  { "d-alba", "OS 12", NULL, 94.2, SEED_003 " frontline section (D-Alba)" },
  { "d-alba", "DFS 12", NULL, 87.8, SEED_003 " frontline section (D-Alba)" },
  { "hcvad-blina", "n", NULL, 27, SEED_003 " frontline section (hyper-CVAD + blinatumomab)" },
  { "hcvad-blina", "cr", NULL, 100, SEED_003 " frontline section (hyper-CVAD + blinatumomab)" },
  { "hcvad-blina", "mrd", NULL, 96, SEED_003 " frontline section (hyper-CVAD + blinatumomab)" },
  { "hcvad-blina", "RFS 12", NULL, 76, SEED_003 " frontline section (hyper-CVAD + blinatumomab)" },
  { "hcvad-blina", "OS 12", NULL, 89, SEED_003 " frontline section (hyper-CVAD + blinatumomab)" },
  { "allg-all8", "n", NULL, 10, SEED_003 " frontline section (ALLG ALL8)" },
  { "allg-all8", "mrd", NULL, NAN, SEED_003 " frontline section (ALLG ALL8; ambiguous, not entered)" },
  { "assi-blina-tki", "n", NULL, 12, SEED_003 " Ph+ paragraph (Assi et al)" },
  { "assi-blina-tki", "mrd", NULL, 75, SEED_003 " Ph+ paragraph (Assi et al)" },

  /* seed 004: short-course blinatumomab */
  { "short-course-blina", "n", NULL, 30, SEED_004 " section 3.1" },
  { "short-course-blina", "age", NULL, 38, SEED_004 " section 3.1" },
  { "short-course-blina", "cr", NULL, 83.3, SEED_004 " section 3.2" },
  { "short-course-blina", "mrd", NULL, 40, SEED_004 " section 3.2" },
  { "short-course-blina", "relapse", NULL, 20, SEED_004 " Discussion" },
  { "short-course-blina", "OS 24", NULL, 82.62, SEED_004 " section 3.4" },
  { "short-course-blina", "PFS 24", NULL, 78.35, SEED_004 " section 3.4" },
  { "short-course-blina", "OS 24", "responders (n = 25)", 96.0, SEED_004 " section 3.4" },
  { "short-course-blina", "OS 6", "nonresponders (n = 5)", 20, SEED_004 " section 3.4" },
  { "short-course-blina", "PFS median", "no further treatment after blinatumomab", 7.4, SEED_004 " section 3.4" },
};

/* "OS 12" -> landmark at 12 months; "OS median" -> median */
static const EpCatalogEndpoint *
find_endpoint (EpTrial    *trial,
               const char *spec,
               const char *subgroup)
{
  g_auto(GStrv) parts = g_strsplit (spec, " ", 2);
  GPtrArray *endpoints = ep_trial_get_endpoints (trial);
  gboolean median = strcmp (parts[1], "median") == 0;
  gboolean crude = strcmp (parts[1], "crude") == 0;
  double months = median || crude ? NAN : g_ascii_strtod (parts[1], NULL);

  for (guint i = 0; i < endpoints->len; i++)
    {
      const EpCatalogEndpoint *endpoint = g_ptr_array_index (endpoints, i);

      if (strcmp (endpoint->name, parts[0]) != 0 || g_strcmp0 (endpoint->subgroup, subgroup) != 0)
        continue;
      if (median && endpoint->kind == EP_ENDPOINT_KIND_MEDIAN)
        return endpoint;
      if (crude && endpoint->kind == EP_ENDPOINT_KIND_CRUDE)
        return endpoint;
      if (!median && endpoint->kind == EP_ENDPOINT_KIND_LANDMARK && endpoint->months == months)
        return endpoint;
    }

  return NULL;
}

static void
test_catalog_seed_numbers (void)
{
  g_autoptr(EpCatalog) catalog = load_bundled ();

  g_assert_cmpuint (G_N_ELEMENTS (seed_numbers), >=, 40);

  for (guint i = 0; i < G_N_ELEMENTS (seed_numbers); i++)
    {
      const SeedNumber *row = &seed_numbers[i];
      EpTrial *trial = lookup (catalog, row->id);
      g_autofree char *what = g_strdup_printf ("%s %s%s%s (%s)", row->id, row->field,
                                               row->subgroup ? ", " : "",
                                               row->subgroup ? row->subgroup : "", row->source);
      double actual;

      if (strcmp (row->field, "n") == 0)
        actual = ep_trial_get_n (trial) >= 0 ? ep_trial_get_n (trial) : NAN;
      else if (strcmp (row->field, "age") == 0)
        actual = ep_trial_get_median_age (trial);
      else if (strcmp (row->field, "cr") == 0)
        actual = ep_trial_get_cr_pct (trial);
      else if (strcmp (row->field, "mrd") == 0)
        actual = ep_trial_get_mrd_neg_pct (trial);
      else if (strcmp (row->field, "relapse") == 0)
        actual = ep_trial_get_relapse_pct (trial);
      else
        {
          const EpCatalogEndpoint *endpoint = find_endpoint (trial, row->field, row->subgroup);

          if (endpoint == NULL)
            {
              g_test_fail_printf ("%s: no such endpoint", what);
              continue;
            }
          actual = endpoint->value;
        }

      assert_same_number (actual, row->expected, what);
    }
}

/* Confidence intervals, follow-up, hazard ratios, cumulative incidence and toxicity, which the
 * table above does not reach. */
static void
test_catalog_seed_details (void)
{
  g_autoptr(EpCatalog) catalog = load_bundled ();
  EpTrial *pooled = lookup (catalog, "blina-phase2-pooled");
  EpTrial *short_course = lookup (catalog, "short-course-blina");
  EpTrial *eliana = lookup (catalog, "eliana");
  const EpCatalogEndpoint *endpoint;
  GPtrArray *array;
  guint n_multivariate = 0;

  /* seed 002, Results: median OS 7.5 months (95% CI 5.5-8.5), follow-up 36.0 (0.3-60.8) */
  endpoint = find_endpoint (pooled, "OS median", NULL);
  g_assert_nonnull (endpoint);
  assert_same_number (endpoint->ci_lower, 5.5, "pooled OS median lower");
  assert_same_number (endpoint->ci_upper, 8.5, "pooled OS median upper");
  assert_same_number (endpoint->follow_up_months, 36.0, "pooled OS follow-up");
  g_assert_cmpstr (endpoint->follow_up_range, ==, "0.3-60.8");

  /* seed 002, Table 3: 27 hazard ratios (23 univariate rows, 4 multivariate); CR/CRh for OS,
   * multivariate 0.43 (0.25-0.74); t(4;11) for RFS, multivariate 3.14 (1.36-7.28) */
  array = ep_trial_get_hazard_ratios (pooled);
  g_assert_cmpuint (array->len, ==, 27);
  for (guint i = 0; i < array->len; i++)
    {
      const EpCatalogHazardRatio *hr = g_ptr_array_index (array, i);

      if (!hr->multivariate)
        continue;
      n_multivariate++;
      if (strcmp (hr->outcome, "OS") == 0 && strcmp (hr->factor, "CR/CRh") == 0)
        {
          assert_same_number (hr->hr, 0.43, "OS CR/CRh multivariate HR");
          assert_same_number (hr->ci_lower, 0.25, "OS CR/CRh multivariate lower");
          assert_same_number (hr->ci_upper, 0.74, "OS CR/CRh multivariate upper");
        }
      if (strcmp (hr->outcome, "RFS") == 0 && strcmp (hr->factor, "t(4;11)") == 0)
        {
          assert_same_number (hr->hr, 3.14, "RFS t(4;11) multivariate HR");
          assert_same_number (hr->ci_upper, 7.28, "RFS t(4;11) multivariate upper");
        }
    }
  g_assert_cmpuint (n_multivariate, ==, 4);

  /* seed 002, Results: relapse CIF 56.7, 59.3, 59.3, 63.2% at 2, 3, 4, 5 years */
  array = ep_trial_get_cumulative_incidence (pooled);
  g_assert_cmpuint (array->len, ==, 4);
  {
    static const double months[] = { 24, 36, 48, 60 };
    static const double value[] = { 56.7, 59.3, 59.3, 63.2 };

    for (guint i = 0; i < 4; i++)
      {
        const EpCatalogIncidence *incidence = g_ptr_array_index (array, i);

        assert_same_number (incidence->months, months[i], "CIF months");
        assert_same_number (incidence->value, value[i], "CIF value");
        g_assert_cmpstr (incidence->competing, ==, "death not due to relapse");
      }
  }

  /* seed 002, Table 2: CR 87 (33.6), CRh 36 (13.9) of 259 */
  array = ep_trial_get_responses (pooled);
  {
    const EpCatalogResponse *cr = g_ptr_array_index (array, 0);
    const EpCatalogResponse *crh = g_ptr_array_index (array, 1);

    g_assert_cmpint (cr->n, ==, 87);
    assert_same_number (cr->pct, 33.6, "pooled CR %");
    g_assert_cmpint (crh->n, ==, 36);
    assert_same_number (crh->pct, 13.9, "pooled CRh %");
  }

  /* seed 004, section 3.4: 2-year OS 82.62% (95% CI 63.14-92.37); median OS not reached */
  endpoint = find_endpoint (short_course, "OS 24", NULL);
  assert_same_number (endpoint->ci_lower, 63.14, "short-course OS 24 lower");
  assert_same_number (endpoint->ci_upper, 92.37, "short-course OS 24 upper");
  endpoint = find_endpoint (short_course, "OS median", NULL);
  g_assert_true (endpoint->not_reached);
  g_assert_true (isnan (endpoint->value));

  /* seed 004, Table 3: CRS 17 any grade (56.7%), 4 grade >= 3; no neurologic event; and the
   * nine other rows of Table 3 at any grade and grade >= 3 */
  array = ep_trial_get_toxicity (short_course);
  g_assert_cmpuint (array->len, ==, 4 + 18);
  {
    const EpCatalogToxicity *crs = g_ptr_array_index (array, 0);
    const EpCatalogToxicity *crs3 = g_ptr_array_index (array, 1);
    const EpCatalogToxicity *neuro = g_ptr_array_index (array, 2);

    g_assert_cmpstr (crs->event, ==, "CRS");
    g_assert_cmpstr (crs->grade, ==, "any");
    g_assert_cmpint (crs->n, ==, 17);
    assert_same_number (crs->pct, 56.7, "short-course CRS any %");
    g_assert_cmpstr (crs3->grade, ==, ">=3");
    g_assert_cmpint (crs3->n, ==, 4);
    g_assert_true (isnan (crs3->pct));   /* the paper gives the count only */
    g_assert_cmpstr (neuro->event, ==, "neurotoxicity");
    g_assert_cmpint (neuro->n, ==, 0);
  }

  /* seed 003, ELIANA paragraph: CRS 77%, neurologic events 40% */
  array = ep_trial_get_toxicity (eliana);
  g_assert_cmpuint (array->len, ==, 2);
  assert_same_number (((EpCatalogToxicity *) g_ptr_array_index (array, 0))->pct, 77, "ELIANA CRS");
  assert_same_number (((EpCatalogToxicity *) g_ptr_array_index (array, 1))->pct, 40, "ELIANA neuro");

  /* seed 004 header: DOI and PMID */
  {
    const EpCatalogReference *reference =
      g_ptr_array_index (ep_trial_get_references (short_course), 0);

    g_assert_cmpstr (reference->doi, ==, "10.1002/cam4.70515");
    g_assert_cmpstr (reference->pmid, ==, "39692275");
  }
}

/* The meta_cr reference case was built from seed 001 Tables 1 and 2: its trials' n and CR %
 * must be the catalog's. */
static void
test_catalog_meta_cr (void)
{
  static const struct { const char *label; const char *id; } map[] = {
    { "Phase 2 pilot", "blina-phase2-pilot" },
    { "Phase 2 confirmatory", "mt103-211" },
    { "ALCANTARA", "alcantara" },
    { "Phase 3 (TOWER)", "tower-blinatumomab" },
    { "Pediatric phase 1/2", "blina-pediatric-phase12" },
    { "City of Hope retrospective", "coh-blina-retrospective" },
    { "UPenn/CHOP", "upenn-chop-car-t" },
    { "MSKCC", "mskcc-car-t" },
    { "ELIANA", "eliana" },
    { "NCI", "nci-car-t" },
    { "Seattle Children's", "seattle-car-t" },
    { "FHCRC", "fhcrc-car-t" },
    { "Hebei Yanda Lu Daopei", "hebei-car-t" },
    { "City of Hope (CAR)", "coh-car-t" },
    { "CARPALL", "carpall" },
  };
  g_autoptr(EpCatalog) catalog = load_bundled ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "data",
                                                 "meta_cr.csv", NULL);
  EpCsv *csv = ep_csv_read_file (path, ',', &error);
  guint trial_col, class_col, n_col, pct_col;

  g_assert_no_error (error);
  g_assert_true (ep_csv_lookup_column (csv, "trial", &trial_col, &error));
  g_assert_true (ep_csv_lookup_column (csv, "class", &class_col, &error));
  g_assert_true (ep_csv_lookup_column (csv, "n", &n_col, &error));
  g_assert_true (ep_csv_lookup_column (csv, "cr_pct", &pct_col, &error));
  g_assert_cmpuint (ep_csv_get_n_rows (csv), ==, G_N_ELEMENTS (map));

  for (guint row = 0; row < ep_csv_get_n_rows (csv); row++)
    {
      const char *label = ep_csv_get_cell (csv, row, trial_col);
      const char *id = NULL;
      EpTrial *trial;
      double n, pct;

      for (guint k = 0; k < G_N_ELEMENTS (map); k++)
        if (strcmp (map[k].label, label) == 0)
          id = map[k].id;
      if (id == NULL)
        g_error ("meta_cr.csv: trial “%s” has no catalog record", label);

      trial = lookup (catalog, id);
      g_assert_true (ep_csv_get_number (csv, row, n_col, &n, &error));
      g_assert_true (ep_csv_get_number (csv, row, pct_col, &pct, &error));
      g_assert_cmpint (ep_trial_get_n (trial), ==, (int) n);
      assert_same_number (ep_trial_get_cr_pct (trial), pct, label);
      g_assert_cmpstr (ep_csv_get_cell (csv, row, class_col), ==,
                       ep_drug_class_to_string (ep_trial_get_drug_class (trial)));
    }

  ep_csv_free (csv);
}

/* What a table binds to. */
static void
test_trial_properties (void)
{
  g_autoptr(EpCatalog) catalog = load_bundled ();
  EpTrial *eliana = lookup (catalog, "eliana");
  EpTrial *blast = lookup (catalog, "blast");
  EpTrial *inovate = lookup (catalog, "inovate-inotuzumab");
  g_autofree char *id = NULL;
  g_autofree char *drug_class = NULL;
  g_autofree char *setting = NULL;
  g_autofree char *population = NULL;
  g_autofree char *ph = NULL;
  g_autofree char *age_text = NULL;
  g_autofree char *cr_text = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *n_text = NULL;
  g_autofree char *citation = NULL;
  int n;
  double cr_pct, mrd;
  gboolean has_cr, has_relapse;

  g_object_get (eliana,
                "id", &id, "drug-class", &drug_class, "setting", &setting,
                "population", &population, "ph", &ph, "n", &n, "cr-pct", &cr_pct,
                "has-cr", &has_cr, "cr-text", &cr_text, "median-age-text", &age_text,
                "headline-survival", &headline, "mrd-neg-pct", &mrd, "citation", &citation,
                NULL);
  g_assert_cmpstr (id, ==, "eliana");
  g_assert_cmpstr (drug_class, ==, "CAR T");
  g_assert_cmpstr (setting, ==, "r/r");
  g_assert_cmpstr (population, ==, "AYA");
  g_assert_null (ph);                               /* not reported */
  g_assert_cmpint (n, ==, 75);
  g_assert_cmpfloat (cr_pct, ==, 81);
  g_assert_true (has_cr);
  g_assert_cmpstr (cr_text, ==, "81%");
  g_assert_cmpstr (age_text, ==, "11 (3–23)");
  g_assert_cmpstr (headline, ==, "12-mo OS 76%");
  g_assert_cmpfloat (mrd, ==, 81);
  g_assert_true (g_str_has_prefix (citation, "Maude SL, Laetsch TW"));

  /* BLAST: CR "NA" in seed 001 Table 1 is not reported, not 0 */
  g_clear_pointer (&cr_text, g_free);
  g_object_get (blast, "cr-pct", &cr_pct, "has-cr", &has_cr, "cr-text", &cr_text,
                "has-relapse", &has_relapse, NULL);
  g_assert_true (isnan (cr_pct));
  g_assert_false (has_cr);
  g_assert_cmpstr (cr_text, ==, "—");
  g_assert_true (has_relapse);

  /* INO-VATE: n and population not given in the seeds */
  g_clear_pointer (&population, g_free);
  g_object_get (inovate, "n", &n, "n-text", &n_text, "population", &population, NULL);
  g_assert_cmpint (n, ==, -1);
  g_assert_cmpstr (n_text, ==, "—");
  g_assert_null (population);
  g_assert_cmpint (ep_trial_get_population (inovate), ==, EP_TRIAL_POPULATION_NOT_REPORTED);

  g_assert_cmpstr (ep_trial_get_aliases (eliana)[0], ==, "ELIANA trial");
  g_assert_cmpstr (ep_trial_get_agent (eliana), ==, "tisagenlecleucel");
}

/* The headline survival text and the rule that chooses it (ep-trial.h). */
static void
test_trial_headline (void)
{
  static const struct { const char *id; const char *headline; } cases[] = {
    { "blina-phase2-pooled", "median OS 7.5 mo" },     /* median OS preferred over landmarks */
    { "eliana", "12-mo OS 76%" },                      /* OS before EFS/RFS */
    { "nci-car-t", "10-mo OS 52%" },
    { "upenn-chop-car-t", "6-mo OS 78%" },
    { "coh-blina-retrospective", "median RFS 6.3 mo" },/* OS "NR": the next endpoint */
    { "blina-mrd-pilot", "RFS 50% at 50.8-mo median follow-up" },
    { "short-course-blina", "24-mo OS 82.62%" },       /* a landmark before "not reached" */
    { "d-alba", "12-mo OS 94.2%" },
    { "hebei-car-t", "" },                             /* only a subgroup's LFS */
    { "allg-all8", "" },                               /* no endpoints */
  };
  g_autoptr(EpCatalog) catalog = load_bundled ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (ep_trial_get_headline_survival (lookup (catalog, cases[i].id)), ==,
                     cases[i].headline);

  g_assert_null (ep_trial_get_headline_endpoint (lookup (catalog, "hebei-car-t")));
}

static void
test_trial_format (void)
{
  g_autoptr(EpCatalog) catalog = load_bundled ();
  EpTrial *pooled = lookup (catalog, "blina-phase2-pooled");
  EpTrial *short_course = lookup (catalog, "short-course-blina");
  EpTrial *coh = lookup (catalog, "coh-blina-retrospective");
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *text3 = NULL;
  g_autofree char *text4 = NULL;
  g_autofree char *text5 = NULL;
  g_autofree char *pct1 = NULL;
  g_autofree char *pct2 = NULL;

  text1 = ep_trial_format_endpoint (find_endpoint (pooled, "OS median", NULL));
  g_assert_cmpstr (text1, ==, "median OS 7.5 mo (95% CI 5.5–8.5)");
  text2 = ep_trial_format_endpoint (find_endpoint (short_course, "OS 24", NULL));
  g_assert_cmpstr (text2, ==, "24-mo OS 82.62% (95% CI 63.14–92.37)");
  text3 = ep_trial_format_endpoint (find_endpoint (short_course, "OS median", NULL));
  g_assert_cmpstr (text3, ==, "median OS not reached");
  text4 = ep_trial_format_endpoint (find_endpoint (coh, "OS median", NULL));
  g_assert_cmpstr (text4, ==, "median OS not reported");
  text5 = ep_trial_format_endpoint (find_endpoint (pooled, "RFS 24", "CR/CRh within 2 cycles (n = 123)"));
  g_assert_cmpstr (text5, ==, "24-mo RFS 26.9%");

  pct1 = ep_trial_format_pct (33.6);
  g_assert_cmpstr (pct1, ==, "33.6%");
  pct2 = ep_trial_format_pct (NAN);
  g_assert_cmpstr (pct2, ==, "—");
}

/* Filters */

static guint
count_matches (EpCatalog    *catalog,
               EpTrialQuery *query)
{
  g_autoptr(GListModel) matches = ep_catalog_filter (catalog, query);

  g_assert_true (g_list_model_get_item_type (matches) == EP_TYPE_TRIAL);
  return g_list_model_get_n_items (matches);
}

static void
on_changed (EpTrialQuery *query,
            guint        *count)
{
  (*count)++;
}

static void
test_query_filters (void)
{
  g_autoptr(EpCatalog) catalog = load_bundled ();
  g_autoptr(EpTrialQuery) query = ep_trial_query_new ();
  g_autoptr(GListModel) frontline = NULL;
  guint changes = 0;

  g_signal_connect (query, "changed", G_CALLBACK (on_changed), &changes);
  g_assert_true (ep_trial_query_is_empty (query));
  g_assert_cmpuint (count_matches (catalog, query), ==, 33);
  g_assert_cmpuint (count_matches (catalog, NULL), ==, 33);

  /* the 9 CAR T trials of seed 001 Table 2; names match case-insensitively */
  g_assert_true (ep_trial_query_set_drug_class (query, "car t"));
  g_assert_cmpstr (ep_trial_query_get_drug_class (query), ==, "CAR T");
  g_assert_cmpuint (count_matches (catalog, query), ==, 9);
  g_assert_cmpuint (changes, ==, 1);

  /* setting the same value again is not a change */
  g_assert_true (ep_trial_query_set_drug_class (query, "CAR T"));
  g_assert_cmpuint (changes, ==, 1);

  /* an unknown value is refused and leaves the query as it was */
  g_assert_false (ep_trial_query_set_drug_class (query, "CAR-T"));
  g_assert_cmpstr (ep_trial_query_get_drug_class (query), ==, "CAR T");
  g_assert_false (ep_trial_query_set_setting (query, "relapsed"));
  g_assert_false (ep_trial_query_set_population (query, "children"));
  g_assert_false (ep_trial_query_set_ph (query, "positive"));
  g_assert_cmpuint (changes, ==, 1);

  /* CAR T and pediatric: CARPALL only (seed 001 Table 2, ages 1-19) */
  g_assert_true (ep_trial_query_set_population (query, "pediatric"));
  g_assert_cmpuint (count_matches (catalog, query), ==, 1);

  /* BiTE in r/r: 9 arms (13 BiTE arms, 4 of them MRD-positive) */
  ep_trial_query_clear (query);
  g_assert_true (ep_trial_query_is_empty (query));
  g_assert_true (ep_trial_query_set_drug_class (query, "BiTE"));
  g_assert_cmpuint (count_matches (catalog, query), ==, 13);
  g_assert_true (ep_trial_query_set_setting (query, "r/r"));
  g_assert_cmpuint (count_matches (catalog, query), ==, 9);
  g_assert_true (ep_trial_query_set_setting (query, "MRD-positive"));
  g_assert_cmpuint (count_matches (catalog, query), ==, 4);

  /* frontline: SWOG S1318, D-ALBA, hyper-CVAD + blinatumomab, ALLG ALL8, in catalog order */
  ep_trial_query_clear (query);
  g_assert_true (ep_trial_query_set_setting (query, "frontline"));
  frontline = ep_catalog_filter (catalog, query);
  g_assert_cmpuint (g_list_model_get_n_items (frontline), ==, 4);
  {
    static const char * const ids[] = { "swog-s1318", "d-alba", "hcvad-blina", "allg-all8" };

    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(EpTrial) trial = g_list_model_get_item (frontline, i);

        g_assert_cmpstr (ep_trial_get_id (trial), ==, ids[i]);
      }
  }

  /* Ph+: ALCANTARA, Richard-Carpentier Ph+ cohort, D-ALBA, Assi */
  ep_trial_query_clear (query);
  g_assert_true (ep_trial_query_set_ph (query, "Ph+"));
  g_assert_cmpuint (count_matches (catalog, query), ==, 4);
  /* an arm whose Ph status is not reported matches only "any" */
  g_assert_false (ep_trial_query_match (query, lookup (catalog, "eliana")));
  g_assert_true (ep_trial_query_set_ph (query, NULL));
  g_assert_true (ep_trial_query_match (query, lookup (catalog, "eliana")));

  /* the antibody-drug conjugates: the three inotuzumab arms */
  g_assert_true (ep_trial_query_set_drug_class (query, "antibody-drug conjugate"));
  g_assert_cmpuint (count_matches (catalog, query), ==, 3);

  /* the properties are the same criteria, for binding */
  g_object_set (query, "drug-class", "chemotherapy", NULL);
  g_assert_cmpuint (count_matches (catalog, query), ==, 2);
}

static void
test_query_search (void)
{
  static const struct { const char *text; guint count; } cases[] = {
    { "ELIANA", 1 },              /* the page's test: one row */
    { "eliana", 1 },              /* case */
    { "  ELIANA  ", 1 },          /* blanks */
    { "tisagenlecleucel", 1 },    /* the agent */
    { "Gökbuget", 7 },            /* citations (author of 7 arms' references) */
    { "gokbuget", 7 },            /* accents folded */
    { "Maude", 2 },               /* UPenn/CHOP (2014) and ELIANA (2018) */
    { "maude 2014", 1 },          /* every word must match */
    { "inotuzumab", 4 },          /* agent of 3 arms, and INO-VATE's citation for its chemo arm */
    { "TOWER", 2 },               /* both arms */
    { "NCT01466179", 2 },         /* MT103-211 and the pooled analysis */
    { "NCT02143414", 1 },         /* SWOG S1318, by its reference's registration only */
    { "10.1002/cam4.70515", 1 },  /* a DOI */
    { "Lancet Oncol", 3 },        /* Topp 2015 (2 arms), Kantarjian 2012 */
    /* words and prefixes over class, target and synonyms (issue 15) */
    { "BiTE", 20 },               /* the class, and blinatumomab (also in TOWER chemo's citation) */
    { "blinatumomab", 20 },       /* the same arms */
    { "CAR T", 9 },               /* seed 001 Table 2, ELIANA included; not Carpentier, not "t" */
    { "car-t", 9 },
    { "kymriah", 1 },             /* tisagenlecleucel: ELIANA */
    { "CD19", 28 },               /* the target */
    { "t", 33 },                  /* a single letter is no criterion */
    { "gokb", 7 },                /* a prefix of an author */
    { "zzzz", 0 },
    { "", 33 },
  };
  g_autoptr(EpCatalog) catalog = load_bundled ();
  g_autoptr(EpTrialQuery) query = ep_trial_query_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ep_trial_query_set_search_text (query, cases[i].text);
      if (count_matches (catalog, query) != cases[i].count)
        g_test_fail_printf ("search “%s”: %u matches, expected %u", cases[i].text,
                            count_matches (catalog, query), cases[i].count);
    }

  /* an empty search text is no criterion */
  g_assert_true (ep_trial_query_is_empty (query));

  /* search combines with the other criteria */
  ep_trial_query_set_search_text (query, "blinatumomab");
  g_assert_true (ep_trial_query_set_setting (query, "frontline"));
  g_assert_cmpuint (count_matches (catalog, query), ==, 4);
}

/* Getters for sorting: ep_trial_compare() orders numbers, puts "not reported" last, and
 * breaks ties by id. */
static int
compare_by_property (gconstpointer a,
                     gconstpointer b,
                     gpointer      property)
{
  return ep_trial_compare ((EpTrial *) a, (EpTrial *) b, property);
}

static void
test_trial_compare (void)
{
  g_autoptr(EpCatalog) catalog = load_bundled ();
  g_autoptr(GListModel) all = ep_catalog_filter (catalog, NULL);
  GListStore *store = G_LIST_STORE (all);
  guint n_items = g_list_model_get_n_items (all);

  /* by n: smallest reported n is ALLG ALL8's 10 patients, the largest TOWER's 271 blinatumomab
   * arm; the 10 arms without n (Richard-Carpentier x2, INO-VATE x2, the two earlier inotuzumab
   * studies, Badar x2, SWOG S1318, D-ALBA) come last */
  g_list_store_sort (store, compare_by_property, (gpointer) "n");
  {
    g_autoptr(EpTrial) first = g_list_model_get_item (all, 0);
    g_autoptr(EpTrial) last_reported = g_list_model_get_item (all, n_items - 11);
    g_autoptr(EpTrial) last = g_list_model_get_item (all, n_items - 1);

    g_assert_cmpstr (ep_trial_get_id (first), ==, "allg-all8");
    g_assert_cmpstr (ep_trial_get_id (last_reported), ==, "tower-blinatumomab");
    g_assert_cmpint (ep_trial_get_n (last), ==, -1);
  }

  /* by CR %: lowest is TOWER's chemotherapy arm (16%), NaN last */
  g_list_store_sort (store, compare_by_property, (gpointer) "cr-pct");
  {
    g_autoptr(EpTrial) first = g_list_model_get_item (all, 0);
    g_autoptr(EpTrial) last = g_list_model_get_item (all, n_items - 1);
    double previous = -1;

    g_assert_cmpstr (ep_trial_get_id (first), ==, "tower-chemotherapy");
    g_assert_true (isnan (ep_trial_get_cr_pct (last)));
    for (guint i = 0; i < n_items; i++)
      {
        g_autoptr(EpTrial) trial = g_list_model_get_item (all, i);
        double cr = ep_trial_get_cr_pct (trial);

        if (isnan (cr))
          break;
        g_assert_cmpfloat (cr, >=, previous);
        previous = cr;
      }
  }

  /* strings by collation; ties (two TOWER arms) by id */
  {
    EpTrial *blin = lookup (catalog, "tower-blinatumomab");
    EpTrial *chemo = lookup (catalog, "tower-chemotherapy");

    g_assert_cmpint (ep_trial_compare (blin, chemo, "trial"), <, 0);
    g_assert_cmpint (ep_trial_compare (chemo, blin, "trial"), >, 0);
    g_assert_cmpint (ep_trial_compare (blin, blin, "trial"), ==, 0);
    g_assert_cmpint (ep_trial_compare (lookup (catalog, "alcantara"), blin, "trial"), <, 0);
    /* population NULL (not reported) after "adult" */
    g_assert_cmpint (ep_trial_compare (lookup (catalog, "inovate-inotuzumab"), blin,
                                       "population"), >, 0);
  }
}

/* Broken catalogs give one clear error, naming the record and field, and no crash. */

typedef struct
{
  const char *file;
  int         code;
  const char *message;     /* the whole message, or its start when it ends in "..." */
} BrokenCase;

static void
test_loader_broken (void)
{
  static const BrokenCase cases[] = {
    /* the file, line and column of the missing comma (ep-json-check.c finds it) */
    { "bad-json.json", EP_CATALOG_ERROR_PARSE, "bad-json.json:6:17: Parse error: expected “,” or “}”" },
    { "missing-field.json", EP_CATALOG_ERROR_MISSING_FIELD,
      "missing-field.json: record “eliana-like”: field “n”: required field is missing" },
    { "wrong-type.json", EP_CATALOG_ERROR_WRONG_TYPE,
      "wrong-type.json: record “n-as-text”: field “n”: expected an integer, found a string" },
    { "unknown-class.json", EP_CATALOG_ERROR_INVALID_VALUE,
      "unknown-class.json: record “car-t-typo”: field “class”: unknown value “CAR-T” (allowed: "
      "“BiTE”, “CAR T”, “antibody-drug conjugate”, “chemotherapy”, “combination”)" },
    { "missing-id.json", EP_CATALOG_ERROR_MISSING_FIELD,
      "missing-id.json: record 1: field “id”: required field is missing" },
    { "bad-endpoint.json", EP_CATALOG_ERROR_MISSING_FIELD,
      "bad-endpoint.json: record “landmark-without-time”: field “endpoints[1].months”: "
      "required field is missing" },
    { "unknown-field.json", EP_CATALOG_ERROR_UNKNOWN_FIELD,
      "unknown-field.json: record “typo-field”: field “cr_pc”: not a field of the catalog schema" },
    { "no-provenance.json", EP_CATALOG_ERROR_MISSING_FIELD,
      "no-provenance.json: record “unsourced”: field “provenance”: needs at least 1 entry" },
    { "duplicate-id.json", EP_CATALOG_ERROR_DUPLICATE_ID,
      "duplicate-id.json: record 1: field “id”: “good-arm” is already the id of another record" },
    { "pct-out-of-range.json", EP_CATALOG_ERROR_INVALID_VALUE,
      "pct-out-of-range.json: record “cr-over-100”: field “cr.value”: 810 is outside the allowed "
      "range 0 to 100" },
    { "empty.json", EP_CATALOG_ERROR_PARSE, "empty.json: the file is empty" },
    { "not-an-object.json", EP_CATALOG_ERROR_SCHEMA,
      "not-an-object.json: expected an object with “schema_version” and “trials”, found an array" },
    { "future-version.json", EP_CATALOG_ERROR_SCHEMA,
      "future-version.json: schema version 3 is not supported (this version reads 1 and 2)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "catalog",
                                                     cases[i].file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(EpCatalog) catalog = ep_catalog_new_from_file (path, &error);

      g_assert_null (catalog);
      g_assert_error (error, EP_CATALOG_ERROR, cases[i].code);
      if (g_str_has_suffix (cases[i].message, "..."))
        {
          g_autofree char *start = g_strndup (cases[i].message, strlen (cases[i].message) - 3);

          if (!g_str_has_prefix (error->message, start))
            g_test_fail_printf ("%s: “%s” does not start with “%s”", cases[i].file,
                                error->message, start);
        }
      else
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_loader_valid_minimal (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "catalog",
                                                 "valid-minimal.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_from_file (path, &error);
  g_autoptr(GError) missing_error = NULL;
  g_autoptr(EpCatalog) missing = NULL;
  EpTrial *trial;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 1);
  trial = lookup (catalog, "good-arm");
  g_assert_cmpint (ep_trial_get_n (trial), ==, 10);
  g_assert_true (isnan (ep_trial_get_mrd_neg_pct (trial)));
  g_assert_true (isnan (ep_trial_get_median_age (trial)));
  g_assert_null (ep_trial_get_target (trial));
  g_assert_cmpstr (ep_trial_get_headline_survival (trial), ==, "");
  g_assert_cmpuint (ep_trial_get_endpoints (trial)->len, ==, 0);
  g_assert_nonnull (ep_trial_get_aliases (trial));
  g_assert_null (ep_trial_get_aliases (trial)[0]);

  /* a file that does not exist: an IO error naming it */
  missing = ep_catalog_new_from_file ("/nonexistent/trials.json", &missing_error);
  g_assert_null (missing);
  g_assert_error (missing_error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_IO);
  g_assert_nonnull (strstr (missing_error->message, "/nonexistent/trials.json"));
}

/* More rules, on inline data: each is one edit of a valid record. */
static void
test_loader_rules (void)
{
  static const struct { const char *edit; const char *replacement; int code; const char *field; } cases[] = {
    /* a number needs its definition */
    { "\"cr_definition\": \"CR\", ", "", EP_CATALOG_ERROR_MISSING_FIELD, "field “cr.definition”" },
    /* null where not allowed */
    { "\"class\": \"BiTE\"", "\"class\": null", EP_CATALOG_ERROR_WRONG_TYPE, "field “class”" },
    /* a fractional count */
    { "\"n\": 10", "\"n\": 10.5", EP_CATALOG_ERROR_WRONG_TYPE, "field “n”" },
    /* zero patients is not "not reported" */
    { "\"n\": 10", "\"n\": 0", EP_CATALOG_ERROR_INVALID_VALUE, "field “n”" },
    /* an empty text is not "not given" */
    { "\"arm\": \"single arm\"", "\"arm\": \" \"", EP_CATALOG_ERROR_INVALID_VALUE, "field “arm”" },
    /* unknown setting, population, Ph */
    { "\"setting\": \"r/r\"", "\"setting\": \"relapsed\"", EP_CATALOG_ERROR_INVALID_VALUE, "field “setting”" },
    { "\"population\": \"adult\"", "\"population\": \"adults\"", EP_CATALOG_ERROR_INVALID_VALUE, "field “population”" },
    { "\"ph\": null", "\"ph\": \"Ph negative\"", EP_CATALOG_ERROR_INVALID_VALUE, "field “ph”" },
    /* endpoints: unknown name, median with a time, CI not around the estimate, "not reached"
     * with a value */
    { "\"endpoints\": []", "\"endpoints\": [{\"name\": \"TTP\", \"kind\": \"median\", \"value\": 3}]",
      EP_CATALOG_ERROR_INVALID_VALUE, "field “endpoints[0].name”" },
    { "\"endpoints\": []", "\"endpoints\": [{\"name\": \"OS\", \"kind\": \"median\", \"months\": 12, \"value\": 3}]",
      EP_CATALOG_ERROR_INVALID_VALUE, "field “endpoints[0].months”" },
    { "\"endpoints\": []", "\"endpoints\": [{\"name\": \"OS\", \"kind\": \"median\", \"value\": 9, \"ci_lower\": 5.5, \"ci_upper\": 8.5}]",
      EP_CATALOG_ERROR_INVALID_VALUE, "field “endpoints[0].ci_lower”" },
    { "\"endpoints\": []", "\"endpoints\": [{\"name\": \"OS\", \"kind\": \"median\", \"value\": 9, \"not_reached\": true}]",
      EP_CATALOG_ERROR_INVALID_VALUE, "field “endpoints[0].not_reached”" },
    { "\"endpoints\": []", "\"endpoints\": [{\"name\": \"OS\", \"kind\": \"landmark\", \"months\": 12, \"value\": 176}]",
      EP_CATALOG_ERROR_INVALID_VALUE, "field “endpoints[0].value”" },
    { "\"endpoints\": []", "\"endpoints\": {}", EP_CATALOG_ERROR_WRONG_TYPE, "field “endpoints”" },
    { "\"endpoints\": []", "\"endpoints\": [7]", EP_CATALOG_ERROR_WRONG_TYPE, "field “endpoints[0]”" },
    /* references: malformed identifiers */
    { "{\"citation\": \"A paper.\"}", "{\"citation\": \"A paper.\", \"nct\": \"NCT123\"}",
      EP_CATALOG_ERROR_INVALID_VALUE, "field “references[0].nct”" },
    { "{\"citation\": \"A paper.\"}", "{\"citation\": \"A paper.\", \"doi\": \"https://doi.org/10.1/x\"}",
      EP_CATALOG_ERROR_INVALID_VALUE, "field “references[0].doi”" },
    { "\"references\": [{\"citation\": \"A paper.\"}]", "\"references\": []",
      EP_CATALOG_ERROR_MISSING_FIELD, "field “references”" },
    /* toxicity: unknown event or grade, and a count or percentage is needed */
    { "\"endpoints\": []", "\"endpoints\": [], \"toxicity\": [{\"event\": \"ICANS\", \"grade\": \"any\", \"pct\": 3}]",
      EP_CATALOG_ERROR_INVALID_VALUE, "field “toxicity[0].event”" },
    { "\"endpoints\": []", "\"endpoints\": [], \"toxicity\": [{\"event\": \"CRS\", \"grade\": \"3+\", \"pct\": 3}]",
      EP_CATALOG_ERROR_INVALID_VALUE, "field “toxicity[0].grade”" },
    { "\"endpoints\": []", "\"endpoints\": [], \"toxicity\": [{\"event\": \"CRS\", \"grade\": \"any\"}]",
      EP_CATALOG_ERROR_MISSING_FIELD, "field “toxicity[0]”" },
    /* hazard ratios must be positive */
    { "\"endpoints\": []", "\"endpoints\": [], \"hazard_ratios\": [{\"outcome\": \"OS\", \"factor\": \"Sex\", \"analysis\": \"univariate\", \"hr\": 0}]",
      EP_CATALOG_ERROR_INVALID_VALUE, "field “hazard_ratios[0].hr”" },
    /* the id's spelling */
    { "\"id\": \"good-arm\"", "\"id\": \"Good Arm\"", EP_CATALOG_ERROR_INVALID_VALUE, "record 0: field “id”" },
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "catalog",
                                                 "valid-minimal.json", NULL);
  g_autofree char *valid = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &valid, NULL, &error));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (valid);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) rule_error = NULL;

      g_assert_cmpuint (g_string_replace (text, cases[i].edit, cases[i].replacement, 1), ==, 1);
      records = ep_catalog_read_data (text->str, text->len, "edited.json", &rule_error);
      if (records != NULL)
        {
          g_test_fail_printf ("case %u (%s): loaded", i, cases[i].replacement);
          continue;
        }
      g_assert_error (rule_error, EP_CATALOG_ERROR, cases[i].code);
      if (strstr (rule_error->message, cases[i].field) == NULL)
        g_test_fail_printf ("case %u: “%s” does not name %s", i, rule_error->message,
                            cases[i].field);
      g_assert_true (g_str_has_prefix (rule_error->message, "edited.json: record "));
    }
}


/* Schema version 2: what each headline number counts, for every arm. */

static const EpCatalogOutcome *
headline_outcome (EpTrial    *trial,
                  const char *which)
{
  const EpCatalogRecord *record = ep_trial_get_record (trial);

  if (strcmp (which, "cr") == 0)
    return record->cr;
  if (strcmp (which, "mrd") == 0)
    return record->mrd_negative;
  if (strcmp (which, "relapse") == 0)
    return record->relapse;
  return record->hsct;
}

/* Every reported CR, MRD, relapse and HSCT number has a structured definition; the overlap
 * between records is declared exactly once (the pooled 259 contains the phase 2 pilot and
 * MT103-211); the denominators the seeds state are filled in. */
static void
test_catalog_v2_fields (void)
{
  static const char * const whiches[] = { "cr", "mrd", "relapse", "hsct" };
  static const struct { const char *id; const char *which; const char *kind; int den; const char *source; } denominators[] = {
    { "eliana", "mrd", "infused", 75, SEED_003 " line 124: 'Of those patients who received tisagenlecleucel infusion, 81%'" },
    { "eliana", "cr", "infused", 75, SEED_003 " line 124" },
    { "seattle-car-t", "cr", "enrolled", 45, SEED_001 " line 513: ref 17 'Intent-to-treat leukemia remission'" },
    { "blina-mrd-pilot", "mrd", "evaluable", 20, SEED_003 " line 98: 16 (80%) of 20 evaluable" },
    { "blast", "mrd", "evaluable", 113, SEED_003 " BLAST paragraph: 113 evaluable" },
    { "blina-phase2-pooled", "cr", "enrolled", 259, SEED_002 " Table 2: 87 (33.6)" },
    { "blina-phase2-pooled", "mrd", "enrolled", 259, SEED_002 " Table 2: 107 (41.3)" },
    { "blina-phase2-pooled", "relapse", "responders", 123, SEED_002 " line 130: CR/CRh within 2 cycles" },
    { "short-course-blina", "cr", "enrolled", 30, SEED_004 " line 102: 25 (83.3%)" },
    { "short-course-blina", "mrd", "enrolled", 30, SEED_004 " line 102: 12 (40%)" },
    { "short-course-blina", "relapse", "responders", 25, SEED_004 " Discussion: 20% of responders" },
    { "tower-blinatumomab", "mrd", "responders", -1, SEED_001 " text: 'of those achieving CR'" },
    { "assi-blina-tki", "mrd", "enrolled", 12, SEED_003 " line 92: 75% (9/12)" },
  };
  g_autoptr(EpCatalog) catalog = load_bundled ();
  guint n_including = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(EpTrial) trial = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      const EpCatalogRecord *record = ep_trial_get_record (trial);

      for (guint w = 0; w < G_N_ELEMENTS (whiches); w++)
        {
          const EpCatalogOutcome *outcome = headline_outcome (trial, whiches[w]);

          if (outcome == NULL || isnan (outcome->value))
            continue;
          g_assert_nonnull (outcome->definition);
          if (outcome->definition->response == NULL)
            g_test_fail_printf ("%s %s: no structured definition", record->id, whiches[w]);
        }

      /* the v1 shorthand follows the v2 objects */
      assert_same_number (record->cr_pct, record->cr != NULL ? record->cr->value : NAN, record->id);

      if (record->includes[0] != NULL)
        {
          n_including++;
          g_assert_cmpstr (record->id, ==, "blina-phase2-pooled");
          g_assert_cmpuint (g_strv_length (record->includes), ==, 2);
          g_assert_true (g_strv_contains ((const char * const *) record->includes, "blina-phase2-pilot"));
          g_assert_true (g_strv_contains ((const char * const *) record->includes, "mt103-211"));
        }
    }
  g_assert_cmpuint (n_including, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (denominators); i++)
    {
      const EpCatalogOutcome *outcome = headline_outcome (lookup (catalog, denominators[i].id),
                                                          denominators[i].which);
      g_autofree char *what = g_strdup_printf ("%s %s (%s)", denominators[i].id,
                                               denominators[i].which, denominators[i].source);

      if (outcome == NULL)
        {
          g_test_fail_printf ("%s: no outcome", what);
          continue;
        }
      if (g_strcmp0 (outcome->denominator_kind, denominators[i].kind) != 0)
        g_test_fail_printf ("%s: denominator kind %s, expected %s", what,
                            outcome->denominator_kind, denominators[i].kind);
      if (outcome->denominator != denominators[i].den)
        g_test_fail_printf ("%s: denominator %d, expected %d", what, outcome->denominator,
                            denominators[i].den);
    }

  /* Seed 001's two tables share one footnote *, so their arms share one CR definition, apart
   * from MT103-211 and ALCANTARA, which seed 003 reports as CR/CRh. */
  {
    const char *text = ep_trial_get_record (lookup (catalog, "tower-blinatumomab"))->cr->definition->text;

    g_assert_cmpstr (ep_trial_get_record (lookup (catalog, "eliana"))->cr->definition->text, ==, text);
    g_assert_cmpstr (ep_trial_get_record (lookup (catalog, "eliana"))->cr->definition->response, ==, "CR/CRi");
    g_assert_cmpstr (ep_trial_get_record (lookup (catalog, "mt103-211"))->cr->definition->response, ==, "CR/CRh");
    g_assert_cmpstr (ep_trial_get_record (lookup (catalog, "blina-phase2-pooled"))->cr->definition->response, ==, "CR");
  }
}

/* The evidence schema version 2 added: each number against the seed line it cites. */
static void
test_catalog_v2_evidence (void)
{
  static const struct { const char *id; double pct; int num; int den; const char *source; } hsct[] = {
    { "blast", 67, 74, 110, SEED_003 " line 100: '67% (74/110) underwent allo-HSCT'" },
    { "mt103-211", 40, -1, -1, SEED_003 " line 88: 'Of the patients that achieved a CR/CRh, 40%'" },
    { "alcantara", 44, -1, -1, SEED_003 " line 92: '44% of responders proceeding with allo-HSCT'" },
    { "blina-phase2-pooled", 30.9, 80, 259, SEED_002 " line 110: '80 (30.9)'" },
    { "short-course-blina", 32, 8, 25, SEED_004 " line 102: 'allo-HSCT (n = 8)' of 25 responders" },
    { "blina-mrd-pilot", 45, 9, 20, SEED_003 " line 98: 'Forty-five percent of the evaluable patients'" },
  };
  static const struct { const char *event; const char *grade; double pct; } tower_toxicity[] = {
    /* seed 003 line 74 */
    { "adverse reaction", "any", 98.5 },
    { "serious adverse reaction", "any", 61.8 },
    { "fatal adverse reaction", "5", 19.1 },
    { "discontinuation for adverse reaction", "any", 12.4 },
    { "neurotoxicity", "any", 50 },
    { "neurotoxicity", ">=3", 15 },
    { "CRS", "any", 11 },
    { "CRS", ">=3", 1 },
  };
  static const struct { const char *characteristic; int n; double pct; } pooled_baseline[] = {
    /* seed 002 Table 1, lines 50-83 */
    { "Age, years", -1, NAN },
    { "Male sex", 160, 61.8 },
    { "Primary refractory", 25, 9.7 },
    { "Prior relapses >= 2", 88, 34.0 },
    { "Prior allo-HSCT", 88, 34.0 },
    { "Bone marrow blasts >= 50%", 178, 68.7 },
    { "t(4;11)", 16, 6.2 },
    { "ECOG performance status 0", 90, 34.7 },
    { "ECOG performance status 1", 129, 49.8 },
    { "ECOG performance status 2", 38, 14.7 },
  };
  /* seed 004 Table 3 (lines 152-163): any grade, grade >= 3, after CRS and neurologic event */
  static const struct { const char *event; int any; int severe; } table3[] = {
    { "neutropenia", 22, 11 }, { "anaemia", 25, 9 }, { "thrombocytopenia", 19, 11 },
    { "fever", 17, 5 }, { "infection", 4, 0 }, { "tumour lysis syndrome", 2, 0 },
    { "capillary leak syndrome", 0, 0 }, { "elevated liver enzymes", 0, 0 },
    { "infusion-related reaction", 0, 0 },
  };
  /* seed 004 Table 1 (lines 65-94): the 30 patients' ages */
  static const double ages[] = {
    52, 64, 18, 32, 41, 18, 61, 46, 27, 32, 52, 35, 61, 27, 20,
    42, 22, 34, 32, 30, 28, 57, 22, 51, 77, 19, 32, 54, 33, 39,
  };
  g_autoptr(EpCatalog) catalog = load_bundled ();
  const EpCatalogRecord *tower = ep_trial_get_record (lookup (catalog, "tower-blinatumomab"));
  const EpCatalogRecord *pooled = ep_trial_get_record (lookup (catalog, "blina-phase2-pooled"));
  const EpCatalogRecord *short_course = ep_trial_get_record (lookup (catalog, "short-course-blina"));
  const EpCatalogRecord *pilot = ep_trial_get_record (lookup (catalog, "blina-mrd-pilot"));
  const EpCatalogComparison *comparison;
  const EpCatalogEndpoint *endpoint;
  double sorted[G_N_ELEMENTS (ages)];

  for (guint i = 0; i < G_N_ELEMENTS (hsct); i++)
    {
      const EpCatalogOutcome *outcome = ep_trial_get_record (lookup (catalog, hsct[i].id))->hsct;

      g_assert_nonnull (outcome);
      assert_same_number (outcome->value, hsct[i].pct, hsct[i].source);
      g_assert_cmpint (outcome->numerator, ==, hsct[i].num);
      g_assert_cmpint (outcome->denominator, ==, hsct[i].den);
      g_assert_cmpstr (outcome->definition->response, ==, "HSCT");
      g_assert_nonnull (outcome->source);
    }

  /* seed 003 line 94: CR 34% vs 16%, P < 0.001; OS 7.7 vs 4 months, P = 0.01 */
  g_assert_cmpuint (tower->comparisons->len, ==, 2);
  comparison = g_ptr_array_index (tower->comparisons, 0);
  g_assert_cmpstr (comparison->versus, ==, "tower-chemotherapy");
  assert_same_number (comparison->value, 34, "TOWER CR");
  assert_same_number (comparison->value_versus, 16, "TOWER chemotherapy CR");
  assert_same_number (comparison->p, 0.001, "TOWER CR p");
  g_assert_cmpstr (comparison->p_qualifier, ==, "<");
  comparison = g_ptr_array_index (tower->comparisons, 1);
  g_assert_cmpstr (comparison->outcome, ==, "OS");
  assert_same_number (comparison->value, 7.7, "TOWER OS");
  assert_same_number (comparison->value_versus, 4.0, "TOWER chemotherapy OS");
  assert_same_number (comparison->p, 0.01, "TOWER OS p");
  g_assert_cmpuint (tower->outcomes->len, ==, 1);
  assert_same_number (((EpCatalogOutcome *) g_ptr_array_index (tower->outcomes, 0))->value, 34,
                      "TOWER CR alone");

  /* labelling fixes: TOWER's 6-month 31% is EFS; the MRD pilot's 50% a share at 50.8 months */
  g_assert_nonnull (find_endpoint (lookup (catalog, "tower-blinatumomab"), "EFS 6", NULL));
  g_assert_null (find_endpoint (lookup (catalog, "tower-blinatumomab"), "RFS 6", NULL));
  endpoint = find_endpoint (lookup (catalog, "blina-mrd-pilot"), "RFS crude", NULL);
  g_assert_nonnull (endpoint);
  assert_same_number (endpoint->follow_up_months, 50.8, SEED_003 " line 98: median follow-up 50.8 months");
  g_assert_true (isnan (endpoint->months));
  g_assert_null (find_endpoint (lookup (catalog, "blina-mrd-pilot"), "RFS 60", NULL));
  (void) pilot;

  /* Table 2's "NR" for Hebei and City of Hope is flagged as ambiguous */
  endpoint = find_endpoint (lookup (catalog, "hebei-car-t"), "EFS median", NULL);
  g_assert_true (endpoint->nr_ambiguous);
  endpoint = find_endpoint (lookup (catalog, "coh-car-t"), "OS median", NULL);
  g_assert_nonnull (endpoint);
  g_assert_true (endpoint->nr_ambiguous);

  for (guint i = 0; i < G_N_ELEMENTS (tower_toxicity); i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < tower->toxicity->len; k++)
        {
          const EpCatalogToxicity *toxicity = g_ptr_array_index (tower->toxicity, k);

          if (strcmp (toxicity->event, tower_toxicity[i].event) == 0 &&
              strcmp (toxicity->grade, tower_toxicity[i].grade) == 0)
            {
              found = TRUE;
              assert_same_number (toxicity->pct, tower_toxicity[i].pct, toxicity->event);
              g_assert_nonnull (toxicity->source);
            }
        }
      if (!found)
        g_test_fail_printf ("TOWER toxicity %s %s missing", tower_toxicity[i].event,
                            tower_toxicity[i].grade);
    }

  g_assert_cmpuint (pooled->baseline->len, ==, G_N_ELEMENTS (pooled_baseline));
  for (guint i = 0; i < G_N_ELEMENTS (pooled_baseline); i++)
    {
      const EpCatalogBaseline *row = g_ptr_array_index (pooled->baseline, i);

      g_assert_cmpstr (row->characteristic, ==, pooled_baseline[i].characteristic);
      g_assert_cmpint (row->n, ==, pooled_baseline[i].n);
      assert_same_number (row->pct, pooled_baseline[i].pct, row->characteristic);
    }
  assert_same_number (((EpCatalogBaseline *) g_ptr_array_index (pooled->baseline, 0))->median, 38,
                      SEED_002 " line 50");

  for (guint i = 0; i < G_N_ELEMENTS (table3); i++)
    for (guint k = 0; k < short_course->toxicity->len; k++)
      {
        const EpCatalogToxicity *toxicity = g_ptr_array_index (short_course->toxicity, k);

        if (strcmp (toxicity->event, table3[i].event) != 0)
          continue;
        g_assert_cmpint (toxicity->n, ==, strcmp (toxicity->grade, "any") == 0
                                            ? table3[i].any : table3[i].severe);
        g_assert_cmpint (toxicity->denominator, ==, 30);
      }

  /* the median age conflict: 38 in the text (kept), 33.5 from Table 1 */
  memcpy (sorted, ages, sizeof ages);
  qsort (sorted, G_N_ELEMENTS (sorted), sizeof (double), compare_doubles);
  assert_same_number ((sorted[14] + sorted[15]) / 2.0, 33.5, "median of seed 004 Table 1 ages");
  assert_same_number (short_course->median_age, 38, SEED_004 " line 58");
  {
    const EpCatalogConflict *conflict = g_ptr_array_index (short_course->conflicts, 0);

    g_assert_cmpstr (conflict->field, ==, "median_age");
    g_assert_nonnull (strstr (conflict->description, "33.5"));
    g_assert_cmpuint (short_course->conflicts->len, ==, 4);
  }
  g_assert_cmpuint (ep_trial_get_record (lookup (catalog, "tower-chemotherapy"))->conflicts->len, ==, 1);
}

/* docs/catalog.md's schema section is the schema tables' own Markdown. */
static void
test_schema_docs (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "catalog.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *markdown = ep_catalog_schema_markdown ();
  g_autoptr(GError) error = NULL;
  const char *begin, *end;
  g_autofree char *section = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  begin = strstr (text, "<!-- schema-table:begin -->\n");
  end = strstr (text, "<!-- schema-table:end -->");
  g_assert_nonnull (begin);
  g_assert_nonnull (end);
  begin += strlen ("<!-- schema-table:begin -->\n");
  section = g_strndup (begin, end - begin);
  g_assert_cmpstr (section, ==, markdown);
  g_assert_nonnull (strstr (markdown, "| `denominator_kind` | one of `enrolled`, `infused`"));
}

/* Version 2 files, the rules that tie fields and records together, the writer, the limits. */
static void
test_loader_v2 (void)
{
  static const struct { const char *edit; const char *replacement; int code; const char *field; } cases[] = {
    { "\"numerator\": 12", "\"numerator\": 31", EP_CATALOG_ERROR_INVALID_VALUE, "field “cr.numerator”" },
    { "\"numerator\": 12", "\"numerator\": 15", EP_CATALOG_ERROR_INVALID_VALUE, "field “cr.value”" },
    { "\"denominator_kind\": \"enrolled\"", "\"denominator_kind\": \"treated\"", EP_CATALOG_ERROR_INVALID_VALUE, "field “cr.denominator_kind”" },
    { "\"response\": \"CR\"", "\"response\": \"CR+\"", EP_CATALOG_ERROR_INVALID_VALUE, "field “cr.definition.response”" },
    { "\"estimate\": \"crude proportion\"", "\"estimate\": \"KM rate\"", EP_CATALOG_ERROR_MISSING_FIELD, "field “cr.months”" },
    { "\"includes\": [\"part-a\"]", "\"includes\": [\"part-b\"]", EP_CATALOG_ERROR_INVALID_VALUE, "field “includes[0]”" },
    { "\"includes\": [\"part-a\"]", "\"includes\": [\"pooled\"]", EP_CATALOG_ERROR_INVALID_VALUE, "field “includes”" },
    { "\"versus\": \"pooled\"", "\"versus\": \"nobody\"", EP_CATALOG_ERROR_INVALID_VALUE, "field “comparisons[0].versus”" },
    { "\"p\": 0.001, ", "", EP_CATALOG_ERROR_MISSING_FIELD, "field “comparisons[0].p”" },
    { ", \"follow_up_months\": 50.8", "", EP_CATALOG_ERROR_MISSING_FIELD, "field “endpoints[0].follow_up_months”" },
    { "\"kind\": \"crude\"", "\"kind\": \"crude\", \"months\": 60", EP_CATALOG_ERROR_INVALID_VALUE, "field “endpoints[0].months”" },
    { "\"definition\": {\"response\": \"CR\", \"text\": \"CR alone\"}", "\"definition\": null", EP_CATALOG_ERROR_WRONG_TYPE, "field “cr.definition”" },
    { "\"source\": {\"document\": \"000_test.txt\", \"location\": \"Table 2\"}", "\"source\": {\"document\": \"000_test.txt\"}", EP_CATALOG_ERROR_MISSING_FIELD, "field “cr.source.location”" },
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "catalog", "valid-v2.json", NULL);
  g_autofree char *valid = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  const EpCatalogRecord *pooled;

  g_assert_true (g_file_get_contents (path, &valid, NULL, &error));
  records = ep_catalog_read_data (valid, -1, "valid-v2.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  pooled = g_ptr_array_index (records, 0);
  g_assert_cmpint (pooled->cr->numerator, ==, 12);
  g_assert_cmpstr (pooled->cr->source->location, ==, "Table 2");
  assert_same_number (pooled->cr_pct, 40, "v1 shorthand");
  g_assert_cmpstr (pooled->cr_definition, ==, "CR alone");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (valid);
      g_autoptr(GPtrArray) broken = NULL;
      g_autoptr(GError) rule_error = NULL;

      g_assert_cmpuint (g_string_replace (text, cases[i].edit, cases[i].replacement, 1), ==, 1);
      broken = ep_catalog_read_data (text->str, text->len, "edited.json", &rule_error);
      if (broken != NULL)
        {
          g_test_fail_printf ("case %u (%s): loaded", i, cases[i].replacement);
          continue;
        }
      g_assert_error (rule_error, EP_CATALOG_ERROR, cases[i].code);
      if (strstr (rule_error->message, cases[i].field) == NULL)
        g_test_fail_printf ("case %u: “%s” does not name %s", i, rule_error->message,
                            cases[i].field);
    }

  /* the writer's output reads back to the same output */
  written = ep_catalog_write_data (records, NULL);
  again = ep_catalog_read_data (written, -1, "written.json", &error);
  g_assert_no_error (error);
  rewritten = ep_catalog_write_data (again, NULL);
  g_assert_cmpstr (written, ==, rewritten);

  /* so does the whole bundled catalog */
  {
    g_autoptr(GBytes) bytes = g_resources_lookup_data (EP_CATALOG_RESOURCE_PATH,
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    g_autoptr(GPtrArray) bundled = NULL;
    g_autoptr(GPtrArray) bundled_again = NULL;
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    if (bytes == NULL)
      {
        g_autoptr(EpCatalog) catalog = load_bundled ();
        bytes = g_resources_lookup_data (EP_CATALOG_RESOURCE_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      }
    bundled = ep_catalog_read_bytes (bytes, "trials.json", &error);
    g_assert_no_error (error);
    first = ep_catalog_write_data (bundled, "round trip");
    bundled_again = ep_catalog_read_data (first, -1, "written.json", &error);
    g_assert_no_error (error);
    second = ep_catalog_write_data (bundled_again, "round trip");
    g_assert_cmpstr (first, ==, second);
  }

  /* a version 1 file is migrated: the minimal file's CR becomes an outcome object */
  {
    g_autofree char *v1_path = g_test_build_filename (G_TEST_DIST, "data", "catalog",
                                                      "valid-minimal.json", NULL);
    g_autoptr(GPtrArray) v1 = ep_catalog_read_file (v1_path, &error);
    const EpCatalogRecord *record;

    g_assert_no_error (error);
    record = g_ptr_array_index (v1, 0);
    g_assert_nonnull (record->cr);
    assert_same_number (record->cr->value, 50, "migrated CR");
    g_assert_cmpstr (record->cr->definition->text, ==, "CR");
    g_assert_null (record->cr->definition->response);
    g_assert_null (record->mrd_negative);
  }

  /* nesting deeper than the limit is refused before parsing */
  {
    g_autoptr(GString) deep = g_string_new ("{\"schema_version\": 2, \"trials\": ");
    g_autoptr(GPtrArray) none = NULL;
    g_autoptr(GError) deep_error = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < 100; i++)
      g_string_append_c (deep, ']');
    g_string_append_c (deep, '}');
    none = ep_catalog_read_data (deep->str, deep->len, "deep.json", &deep_error);
    g_assert_null (none);
    g_assert_error (deep_error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_PARSE);
    g_assert_nonnull (strstr (deep_error->message, "deeper than 32"));
  }
}

/* A user's catalog file merged into the bundled one: a new arm is appended, an arm with a
 * bundled id replaces it in place; the result writes out as a catalog file that reads back. */
static void
test_catalog_merge (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "catalog", "extra-arms.json", NULL);
  g_autoptr(EpCatalog) catalog = load_bundled ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *written = NULL;
  EpTrial *mine;
  EpTrial *edited;
  guint position = 0;

  g_assert_true (ep_catalog_merge_file (catalog, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 33 + 1);

  mine = lookup (catalog, "my-center-car-t");
  g_assert_cmpint (ep_trial_get_record (mine)->cr->numerator, ==, 19);
  g_assert_cmpstr (ep_trial_get_citation (mine), ==, "Our centre. CD19 CAR T in r/r B-ALL: internal report. 2025.");
  edited = lookup (catalog, "coh-car-t");
  g_assert_cmpint (ep_trial_get_setting (edited), ==, EP_TRIAL_SETTING_MRD_POSITIVE);
  /* in place: still between Hebei and CARPALL */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(EpTrial) trial = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      if (trial == edited)
        position = i;
      g_ptr_array_add (records, (gpointer) ep_trial_get_record (trial));
    }
  g_assert_cmpuint (position, ==, 16);

  written = ep_catalog_write_data (records, "merged");
  again = ep_catalog_read_data (written, -1, "merged.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 34);

  /* a broken file leaves the catalog as it was */
  {
    g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "data", "catalog", "unknown-class.json", NULL);
    g_autoptr(GError) broken_error = NULL;

    g_assert_false (ep_catalog_merge_file (catalog, broken, &broken_error));
    g_assert_error (broken_error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_INVALID_VALUE);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 34);
  }
}

/* Enumerations round-trip through their canonical names. */
static void
test_enum_names (void)
{
  const char * const *classes = ep_drug_class_names ();
  EpDrugClass drug_class;
  EpTrialPopulation population;
  EpPhStatus ph;

  g_assert_cmpuint (g_strv_length ((char **) classes), ==, 5);
  for (guint i = 0; classes[i] != NULL; i++)
    {
      g_assert_true (ep_drug_class_from_string (classes[i], &drug_class));
      g_assert_cmpstr (ep_drug_class_to_string (drug_class), ==, classes[i]);
    }
  g_assert_false (ep_drug_class_from_string ("BiTEs", NULL));
  g_assert_true (ep_trial_population_from_string ("All Ages", &population));
  g_assert_cmpint (population, ==, EP_TRIAL_POPULATION_ALL_AGES);
  g_assert_null (ep_trial_population_to_string (EP_TRIAL_POPULATION_NOT_REPORTED));
  g_assert_true (ep_ph_status_from_string ("ph+", &ph));
  g_assert_cmpint (ph, ==, EP_PH_STATUS_POSITIVE);
  g_assert_null (ep_ph_status_to_string (EP_PH_STATUS_NOT_REPORTED));
}

/* Nesting: json-glib's parser recurses per level, so a catalog nested 100000 deep (plainly, or
 * behind a comment or a single-quoted string json-glib would skip) is refused before it parses,
 * with the line and column; strict JSON is all the catalog reads (issue 12). */
static void
test_loader_deep (void)
{
  static const struct { const char *prefix; const char *message; } cases[] = {
    { "{\"schema_version\": 1, \"trials\": ", "deep.json:1:96: nested too deep" },
    { "{\"schema_version\": 1, /* \" */ \"trials\": ", "deep.json:1:23: Parse error: expected a member name in double quotes" },
    { "{\"schema_version\": 1, \"trials\": ['\"', ", "deep.json:1:34: Parse error: unexpected character (only strict JSON is read: no comments, no single quotes)" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GString) text = g_string_new (cases[c].prefix);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;

      for (guint k = 0; k < 100000; k++)
        g_string_append_c (text, '[');
      for (guint k = 0; k < 100000; k++)
        g_string_append_c (text, ']');
      g_string_append (text, "}");
      records = ep_catalog_read_data (text->str, text->len, "deep.json", &error);
      g_assert_null (records);
      g_assert_error (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_PARSE);
      /* refused by the reader's own depth check or by ep_json_check(), whichever sees it first */
      g_test_message ("%s (ep_json_check alone: %s)", error->message, cases[c].message);
      g_assert_true (g_str_has_prefix (error->message, "deep.json:"));
    }
}

/* A project's own arms on top of the bundled catalog: appended or in a bundled arm's place,
 * marked user-entered, replaced as a whole on the next call (none: the bundled catalog again);
 * an invalid arm changes nothing and the error names the record and the field. */
static void
test_user_records (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (&error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint bundled;
  EpTrial *eliana;
  g_autofree char *eliana_json = NULL;

  g_assert_no_error (error);
  bundled = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  eliana = ep_catalog_lookup (catalog, "eliana");
  eliana_json = ep_catalog_record_to_json (ep_trial_get_record (eliana));
  g_ptr_array_add (texts, g_strdup (eliana_json));
  g_ptr_array_add (texts, g_strdup (
    "{\"id\": \"user-x\", \"trial\": \"X\", \"arm\": \"a\", \"agent\": \"b\", "
    "\"class\": \"BiTE\", \"setting\": \"r/r\", \"population\": null, \"ph\": null, "
    "\"n\": 10, \"cr\": null, \"mrd_negative\": null, \"relapse\": null, \"endpoints\": [], "
    "\"references\": [{\"citation\": \"Doe, Blood 2025\"}], "
    "\"provenance\": [{\"source\": \"Doe, Blood 2025\", \"location\": \"Table 1\"}]}"));
  g_assert_true (ep_catalog_set_user_records (catalog, texts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, bundled + 1);
  g_assert_true (ep_trial_get_user_entered (ep_catalog_lookup (catalog, "eliana")));
  g_assert_false (ep_trial_get_user_entered (ep_catalog_lookup_bundled (catalog, "eliana")));
  g_assert_cmpstr (ep_trial_get_trial_label (ep_catalog_lookup (catalog, "user-x")), ==, "X (user-entered)");
  /* a record written back is the same record */
  {
    g_autofree char *again = ep_catalog_record_to_json (ep_trial_get_record (ep_catalog_lookup (catalog, "eliana")));

    g_assert_cmpstr (again, ==, eliana_json);
  }

  /* invalid: nothing changes */
  g_ptr_array_add (texts, g_strdup ("{\"id\": \"user-y\", \"trial\": \"Y\", \"n\": \"ten\"}"));
  g_assert_false (ep_catalog_set_user_records (catalog, texts, &error));
  g_assert_nonnull (strstr (error->message, "user-y"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, bundled + 1);

  g_assert_true (ep_catalog_set_user_records (catalog, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, bundled);
  g_assert_false (ep_trial_get_user_entered (ep_catalog_lookup (catalog, "eliana")));
  g_assert_null (ep_catalog_lookup (catalog, "user-x"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/bundled", test_catalog_bundled);
  g_test_add_func ("/catalog/loader/deep", test_loader_deep);
  g_test_add_func ("/catalog/coverage", test_catalog_coverage);
  g_test_add_func ("/catalog/provenance", test_catalog_provenance);
  g_test_add_func ("/catalog/seed-numbers", test_catalog_seed_numbers);
  g_test_add_func ("/catalog/seed-details", test_catalog_seed_details);
  g_test_add_func ("/catalog/meta-cr", test_catalog_meta_cr);
  g_test_add_func ("/catalog/trial/properties", test_trial_properties);
  g_test_add_func ("/catalog/trial/headline", test_trial_headline);
  g_test_add_func ("/catalog/trial/format", test_trial_format);
  g_test_add_func ("/catalog/trial/compare", test_trial_compare);
  g_test_add_func ("/catalog/query/filters", test_query_filters);
  g_test_add_func ("/catalog/query/search", test_query_search);
  g_test_add_func ("/catalog/loader/broken", test_loader_broken);
  g_test_add_func ("/catalog/loader/valid-minimal", test_loader_valid_minimal);
  g_test_add_func ("/catalog/loader/rules", test_loader_rules);
  g_test_add_func ("/catalog/enum-names", test_enum_names);
  g_test_add_func ("/catalog/v2/fields", test_catalog_v2_fields);
  g_test_add_func ("/catalog/v2/evidence", test_catalog_v2_evidence);
  g_test_add_func ("/catalog/v2/schema-docs", test_schema_docs);
  g_test_add_func ("/catalog/v2/loader", test_loader_v2);
  g_test_add_func ("/catalog/merge", test_catalog_merge);
  g_test_add_func ("/catalog/user-records", test_user_records);

  return g_test_run ();
}
