/* fuzz-project.c: a project file from anyone: open, run every analysis, draw every figure
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>

#include "model/ep-analysis.h"
#include "model/ep-figure.h"
#include "model/ep-project.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EpProject) project = NULL;
  GListModel *analyses, *figures;

  fuzz_init ();
  path = fuzz_write ("fuzz.endpoint", data, size);
  file = g_file_new_for_path (path);
  project = ep_project_open (file, NULL, &error);
  g_unlink (path);
  if (project == NULL)
    {
      if (error == NULL || !g_str_has_prefix (error->message, "fuzz.endpoint"))
        abort ();
      return 0;
    }

  analyses = ep_project_get_analyses (project);
  for (guint k = 0; k < g_list_model_get_n_items (analyses); k++)
    {
      g_autoptr(EpAnalysis) analysis = g_list_model_get_item (analyses, k);
      EpCohort *cohort = ep_project_get_analysis_cohort (project, analysis);
      g_autoptr(GError) run_error = NULL;

      if (cohort != NULL)
        ep_analysis_run (analysis, cohort, NULL, &run_error);
    }

  figures = ep_project_get_figures (project);
  for (guint k = 0; k < g_list_model_get_n_items (figures); k++)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (figures, k);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 150);
      cairo_t *cr = cairo_create (surface);

      ep_figure_render (figure, cr, 200, 150, NULL);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  return 0;
}
