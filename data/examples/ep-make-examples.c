/* ep-make-examples.c: writes the bundled example projects at build time
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: ep-make-examples EXAMPLES_DIR OUT_DIR
 *
 * Makes, with the same model code the application runs, the .endpoint files that the window's
 * Example Projects open (docs/projects.md):
 *  - seed004-blinatumomab.endpoint: the seed 004 cohort (Yin 2024, 30 patients; README.md);
 *  - aml.endpoint: the survival package's aml data, a survival analysis of OS by maintenance
 *    (x) and its Kaplan-Meier figure;
 *  - cr-forest-by-class.endpoint: the complete-remission forest plot, pooled by therapy class,
 *    of the arms of seed 001's Tables 1 (blinatumomab) and 2 (CD19 CAR T) that report a CR rate
 *    (their catalog ids below; provenance "001_399616fa44fc2a6f.txt" in
 *    data/catalog/trials.json), kept as a trial selection too.
 * Exit status 1 with a message on stderr when any of them cannot be made.
 */
#include "config.h"

#include <stdio.h>

#include "model/ep-analysis.h"
#include "model/ep-project.h"

static const char * const seed001_cr_arms[] = {
  "blina-phase2-pilot", "mt103-211", "alcantara", "tower-blinatumomab",
  "blina-pediatric-phase12", "coh-blina-retrospective",
  "upenn-chop-car-t", "mskcc-car-t", "eliana", "nci-car-t", "seattle-car-t", "fhcrc-car-t",
  "hebei-car-t", "coh-car-t", "carpall",
  NULL
};

static gboolean
save (EpProject   *project,
      const char  *out_dir,
      const char  *name,
      GError     **error)
{
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return ep_project_save (project, file, NULL, error);
}

static gboolean
make_seed004 (const char  *examples_dir,
              const char  *out_dir,
              GError     **error)
{
  g_autoptr(EpProject) project = ep_project_new ();
  g_autoptr(EpCohort) cohort = ep_cohort_new_from_example (examples_dir, "seed004", error);

  if (cohort == NULL)
    return FALSE;
  ep_project_add_cohort (project, cohort);
  return save (project, out_dir, "seed004-blinatumomab.endpoint", error);
}

static gboolean
make_aml (const char  *examples_dir,
          const char  *out_dir,
          GError     **error)
{
  g_autoptr(EpProject) project = ep_project_new ();
  g_autoptr(EpCohort) cohort = ep_cohort_new_from_example (examples_dir, "aml", error);
  g_autoptr(EpAnalysis) analysis = ep_analysis_new (EP_ANALYSIS_SURVIVAL);
  g_autoptr(JsonObject) source = json_object_new ();
  EpFigure *figure;

  if (cohort == NULL)
    return FALSE;
  ep_project_add_cohort (project, cohort);

  ep_analysis_set_string (analysis, "endpoint", "OS");
  ep_analysis_set_string (analysis, "group", "x");
  ep_project_add_analysis (project, analysis, cohort);
  /* The example opens with its result and figure at once: the result is stored with it. */
  if (!ep_analysis_run (analysis, cohort, NULL, error))
    return FALSE;

  /* The figure is a view of the analysis (the live graph): edit the data and it follows. */
  json_object_set_string_member (source, "kind", "analysis");
  json_object_set_string_member (source, "analysis", ep_analysis_get_id (analysis));
  json_object_set_string_member (source, "cohort", ep_cohort_get_name (cohort));
  figure = ep_project_add_figure (project, "Overall survival by maintenance", source, error);
  if (figure == NULL)
    return FALSE;
  ep_figure_set_title (figure, "Overall survival by maintenance chemotherapy");

  return save (project, out_dir, "aml.endpoint", error);
}

static gboolean
make_cr_forest (const char  *out_dir,
                GError     **error)
{
  g_autoptr(EpProject) project = ep_project_new ();
  g_autoptr(JsonObject) source = json_object_new ();
  JsonArray *trials = json_array_new ();
  EpFigure *figure;

  for (guint i = 0; seed001_cr_arms[i] != NULL; i++)
    json_array_add_string_element (trials, seed001_cr_arms[i]);
  json_object_set_string_member (source, "kind", "forest-proportions");
  json_object_set_array_member (source, "trials", trials);
  json_object_set_string_member (source, "outcome", "cr");

  figure = ep_project_add_figure (project, "Complete remission by therapy class", source, error);
  if (figure == NULL)
    return FALSE;
  ep_figure_set_title (figure, "Complete remission by therapy class");
  ep_project_set_trial_selection (project, "Seed 001, Tables 1 and 2: arms with a CR rate",
                                  seed001_cr_arms, NULL);

  return save (project, out_dir, "cr-forest-by-class.endpoint", error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s EXAMPLES_DIR OUT_DIR\n", argv[0]);
      return 2;
    }

  if (!make_seed004 (argv[1], argv[2], &error)
      || !make_aml (argv[1], argv[2], &error)
      || !make_cr_forest (argv[2], &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }

  return 0;
}
