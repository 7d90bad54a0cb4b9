/* ep-cli-project.c: endpoint-cli project: make and inspect .endpoint project files
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   project new --out P.endpoint [--csv F ...]   a project with one cohort per file (any file
 *                                                the importer reads); an existing P is replaced
 *                                                atomically (written beside it, synced, renamed)
 *   project show P.endpoint                      what the project holds, with each analysis's
 *                                                stored result and its state
 *   project run P.endpoint                       computes every stale analysis and saves
 *   plot --project P.endpoint --figure NAME --out FILE
 *                                                a saved figure, drawn as the app draws it
 *                                                (ep_cli_project_plot, called by ep-cli-plot.c)
 *
 * Both print the project as JSON: {"file", "format_version", "created", "modified",
 * "cohorts": [{"name", "rows", "columns": [{"name", "type", "role", "n_missing", "label"?,
 * "levels"?}], "labels": {"columns": {…}} (io/ep-labels.h, the mapping --labels reads),
 * "endpoints": [...]}], "analyses": [{"name", "kind", "cohort", "options", "id", "state", "state_message",
 * "fingerprint", "result"}],
 * "figures": [{"name", "kind", "source", "options"}], "trial_selections": [{"name",
 * "trial_ids", "options"}]}. Names are printed as the text they are (JSON-escaped, never
 * interpreted). Exit 0, 1 when a file cannot be read or written (the message names it and
 * says what is wrong), 2 on a usage error.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "model/ep-project.h"
#include "io/ep-labels.h"

#define COMMAND "project"

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  g_type_class_unref (klass);
  return enum_value != NULL ? enum_value->value_nick : "?";
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *time)
{
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  add_string_or_null (builder, name, text);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint k = 0; strv != NULL && strv[k] != NULL; k++)
    json_builder_add_string_value (builder, strv[k]);
  json_builder_end_array (builder);
}

/* options: JSON text of an object (as stored) */
static void
add_json_text (JsonBuilder *builder,
               const char  *name,
               const char  *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_builder_set_member_name (builder, name);
  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL))
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (builder);
}

static void
add_cohort (JsonBuilder *builder,
            EpCohort    *cohort)
{
  GListModel *endpoints = ep_cohort_get_endpoints (cohort);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ep_cohort_get_name (cohort));
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, ep_cohort_get_n_rows (cohort));

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint j = 0; j < ep_cohort_get_n_columns (cohort); j++)
    {
      EpCohortColumn *column = ep_cohort_get_column (cohort, j);
      GPtrArray *levels = ep_cohort_column_get_levels (column);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ep_cohort_column_get_name (column));
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder,
                                     ep_column_type_to_string (ep_cohort_column_get_column_type (column)));
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, ep_column_role_to_string (ep_cohort_column_get_role (column)));
      json_builder_set_member_name (builder, "n_missing");
      json_builder_add_int_value (builder, ep_cohort_column_get_n_missing (column));
      if (ep_cohort_column_get_label (column) != NULL)
        {
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, ep_cohort_column_get_label (column));
        }
      if (levels != NULL)
        {
          json_builder_set_member_name (builder, "levels");
          json_builder_begin_array (builder);
          for (guint k = 0; k < levels->len; k++)
            json_builder_add_string_value (builder, g_ptr_array_index (levels, k));
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The labels mapping as the project stores it: what --labels reads */
  json_builder_set_member_name (builder, "labels");
  json_builder_add_value (builder, ep_labels_to_json (ep_cohort_get_table (cohort)));

  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_array (builder);
  for (guint k = 0; k < g_list_model_get_n_items (endpoints); k++)
    {
      g_autoptr(EpCohortEndpoint) endpoint = g_list_model_get_item (endpoints, k);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ep_cohort_endpoint_get_name (endpoint));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, enum_nick (EP_TYPE_ENDPOINT_SOURCE,
                                                         ep_cohort_endpoint_get_source (endpoint)));
      if (ep_cohort_endpoint_get_source (endpoint) == EP_ENDPOINT_FROM_TIME)
        add_string_or_null (builder, "time", ep_cohort_endpoint_get_time_column (endpoint));
      else
        {
          add_string_or_null (builder, "start", ep_cohort_endpoint_get_start_column (endpoint));
          add_string_or_null (builder, "end", ep_cohort_endpoint_get_end_column (endpoint));
        }
      add_string_or_null (builder, "event", ep_cohort_endpoint_get_event_column (endpoint));
      add_strv (builder, "event_codes", ep_cohort_endpoint_get_event_codes (endpoint));
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, ep_time_unit_to_string (ep_cohort_endpoint_get_unit (endpoint)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_analysis (JsonBuilder *builder,
              EpProject   *project,
              EpAnalysis  *analysis)
{
  g_autoptr(GVariant) options = g_variant_ref_sink (ep_analysis_to_variant (analysis));
  g_autofree char *name = ep_analysis_describe (analysis);
  EpCohort *cohort = ep_project_get_analysis_cohort (project, analysis);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, ep_analysis_kind_to_string (ep_analysis_get_kind (analysis)));
  add_string_or_null (builder, "cohort", cohort != NULL ? ep_cohort_get_name (cohort) : NULL);
  json_builder_set_member_name (builder, "options");
  json_builder_add_value (builder, json_gvariant_serialize (options));
  add_string_or_null (builder, "id", ep_analysis_get_id (analysis));
  add_string_or_null (builder, "state", enum_nick (EP_TYPE_ANALYSIS_STATE,
                                                   ep_analysis_get_state (analysis)));
  add_string_or_null (builder, "state_message", ep_analysis_get_state_message (analysis));
  add_string_or_null (builder, "fingerprint", ep_analysis_get_fingerprint (analysis));
  /* The stored result (docs/project-format.md), as the project holds it; null when none. */
  json_builder_set_member_name (builder, "result");
  {
    g_autofree char *result = ep_analysis_results_to_json (analysis);
    g_autoptr(JsonParser) parser = json_parser_new ();

    if (result != NULL && json_parser_load_from_data (parser, result, -1, NULL))
      json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
    else
      json_builder_add_null_value (builder);
  }
  json_builder_end_object (builder);
}

/* Runs every analysis whose result is missing or does not agree with its data (there is no
 * main loop here to run the live graph's updates); returns how many ran, or -1 with an error. */
static int
bring_up_to_date (EpProject  *project,
                  GError    **error)
{
  GListModel *analyses = ep_project_get_analyses (project);
  int n_run = 0;

  for (guint k = 0; k < g_list_model_get_n_items (analyses); k++)
    {
      g_autoptr(EpAnalysis) analysis = g_list_model_get_item (analyses, k);
      EpCohort *cohort = ep_project_get_analysis_cohort (project, analysis);
      g_autoptr(GError) local_error = NULL;

      if (cohort == NULL || (ep_analysis_get_state (analysis) == EP_ANALYSIS_STATE_FRESH
                             && ep_analysis_has_results (analysis)))
        continue;
      if (!ep_analysis_run (analysis, cohort, NULL, &local_error))
        {
          g_autofree char *title = ep_analysis_describe (analysis);

          /* an analysis whose inputs are gone stays as it is, saying why */
          g_printerr ("%s: %s\n", title, local_error->message);
          continue;
        }
      n_run++;
    }
  return n_run;
}

static JsonNode *
project_to_json (EpProject  *project,
                 const char *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *cohorts = ep_project_get_cohorts (project);
  GListModel *analyses = ep_project_get_analyses (project);
  GListModel *figures = ep_project_get_figures (project);
  g_auto(GStrv) selections = ep_project_list_trial_selections (project);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, ep_project_get_title (project));
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, ep_project_get_file_version (project));
  add_time (builder, "created", ep_project_get_created (project));
  add_time (builder, "modified", ep_project_get_saved (project));

  json_builder_set_member_name (builder, "cohorts");
  json_builder_begin_array (builder);
  for (guint k = 0; k < g_list_model_get_n_items (cohorts); k++)
    {
      g_autoptr(EpCohort) cohort = g_list_model_get_item (cohorts, k);
      add_cohort (builder, cohort);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "analyses");
  json_builder_begin_array (builder);
  for (guint k = 0; k < g_list_model_get_n_items (analyses); k++)
    {
      g_autoptr(EpAnalysis) analysis = g_list_model_get_item (analyses, k);
      add_analysis (builder, project, analysis);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "figures");
  json_builder_begin_array (builder);
  for (guint k = 0; k < g_list_model_get_n_items (figures); k++)
    {
      g_autoptr(EpFigure) figure = g_list_model_get_item (figures, k);
      g_autoptr(JsonNode) look = ep_figure_to_json (figure);
      JsonObject *source = ep_project_get_figure_source (project, figure);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "name", ep_project_get_figure_name (project, figure));
      add_string_or_null (builder, "kind", json_object_get_string_member (json_node_get_object (look),
                                                                          "kind"));
      json_builder_set_member_name (builder, "source");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (), source));
      json_builder_set_member_name (builder, "options");
      json_builder_add_value (builder, json_node_copy (json_object_get_member (json_node_get_object (look),
                                                                               "options")));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "trial_selections");
  json_builder_begin_array (builder);
  for (guint k = 0; selections[k] != NULL; k++)
    {
      json_builder_begin_object (builder);
      add_string_or_null (builder, "name", selections[k]);
      add_strv (builder, "trial_ids", ep_project_get_trial_selection_ids (project, selections[k]));
      add_json_text (builder, "options",
                     ep_project_get_trial_selection_options (project, selections[k]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
project_new (int    argc,
             char **argv)
{
  g_autofree char *opt_out = NULL;
  g_auto(GStrv) opt_csv = NULL;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out,
      N_("The project file to write (replaced atomically when it exists)"), N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_csv,
      N_("A cohort's data: CSV, TSV, SPSS, Stata or SAS (repeat for more cohorts)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(EpProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!ep_cli_parse_options (COMMAND " new", NULL,
                             _("Make a project file with one cohort per data file."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;
  if (argc != 1)
    return ep_cli_usage_error (COMMAND " new", _("unexpected argument “%s”"), argv[1]);
  if (opt_out == NULL)
    return ep_cli_usage_error (COMMAND " new", _("--out FILE is required"));
  /* the project would replace its own input (issue 12) */
  for (guint k = 0; opt_csv != NULL && opt_csv[k] != NULL; k++)
    {
      GStatBuf a, b;
      g_autofree char *ca = g_canonicalize_filename (opt_csv[k], NULL);
      g_autofree char *cb = g_canonicalize_filename (opt_out, NULL);

      if (strcmp (ca, cb) == 0 ||
          (g_stat (opt_csv[k], &a) == 0 && g_stat (opt_out, &b) == 0 &&
           a.st_dev == b.st_dev && a.st_ino == b.st_ino))
        return ep_cli_usage_error (COMMAND " new", _("--out names the input file; the project "
                                                     "would replace it"));
    }

  project = ep_project_new ();
  for (guint k = 0; opt_csv != NULL && opt_csv[k] != NULL; k++)
    {
      g_autoptr(EpCohort) cohort = ep_cohort_new_from_file (opt_csv[k], NULL, &error);

      if (cohort == NULL)
        return ep_cli_data_error (error);
      ep_project_add_cohort (project, cohort);
    }

  file = g_file_new_for_commandline_arg (opt_out);
  if (!ep_project_save (project, file, NULL, &error))
    return ep_cli_data_error (error);

  node = project_to_json (project, opt_out);
  ep_cli_print_json (node);
  return EP_CLI_EXIT_OK;
}

static int
project_show (int    argc,
              char **argv)
{
  g_autoptr(EpProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!ep_cli_parse_options (COMMAND " show", _("FILE.endpoint"),
                             _("Print what a project file holds, as JSON."), NULL, &argc, &argv))
    return EP_CLI_EXIT_USAGE;
  if (argc != 2)
    return ep_cli_usage_error (COMMAND " show", _("give one project file"));

  file = g_file_new_for_commandline_arg (argv[1]);
  project = ep_project_open (file, NULL, &error);
  if (project == NULL)
    return ep_cli_data_error (error);

  /* what the store repaired on opening (dates out of range read as missing): those notes
   * name the file; a stored result computed again is no news for the file's contents */
  {
    g_autofree char *display = g_file_get_basename (file);
    g_autofree char *prefix = g_strconcat (display, ": ", NULL);

    for (const char * const *note = ep_project_get_open_notes (project); *note != NULL; note++)
      if (g_str_has_prefix (*note, prefix))
        g_printerr ("%s\n", *note);
  }
  node = project_to_json (project, argv[1]);
  ep_cli_print_json (node);
  return EP_CLI_EXIT_OK;
}

/* endpoint-cli project run P.endpoint: for scripted pipelines, computes every analysis that is
 * stale (its stored result does not match its data, or it has none) and saves the project. */
static int
project_run (int    argc,
             char **argv)
{
  g_autoptr(EpProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  int n_run;

  if (!ep_cli_parse_options (COMMAND " run", _("FILE.endpoint"),
                             _("Compute every analysis whose stored result does not match its "
                               "data, and save the project."), NULL, &argc, &argv))
    return EP_CLI_EXIT_USAGE;
  if (argc != 2)
    return ep_cli_usage_error (COMMAND " run", _("give one project file"));

  file = g_file_new_for_commandline_arg (argv[1]);
  project = ep_project_open (file, NULL, &error);
  if (project == NULL)
    return ep_cli_data_error (error);
  n_run = bring_up_to_date (project, &error);
  if (n_run > 0 && !ep_project_save (project, file, NULL, &error))
    return ep_cli_data_error (error);

  node = project_to_json (project, argv[1]);
  json_object_set_int_member (json_node_get_object (node), "analyses_run", n_run);
  ep_cli_print_json (node);
  return EP_CLI_EXIT_OK;
}

/* endpoint-cli plot --project P.endpoint --figure NAME --out FILE: a saved figure rendered by
 * the same code as the app's view and export, at the size and resolution saved with it. */
int
ep_cli_project_plot (int    argc,
                     char **argv)
{
  g_autofree char *opt_project = NULL;
  g_autofree char *opt_figure = NULL;
  g_autofree char *opt_out = NULL;
  const GOptionEntry entries[] = {
    { "project", 0, 0, G_OPTION_ARG_FILENAME, &opt_project,
      N_("The project file"), N_("FILE") },
    { "figure", 0, 0, G_OPTION_ARG_STRING, &opt_figure,
      N_("The figure's name in the project"), N_("NAME") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out,
      N_("The file to write: .pdf, .svg, .eps, .png or .tif"), N_("FILE") },
    { NULL }
  };
  g_autoptr(EpProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  EpPlotFormat format;
  EpFigure *figure;

  if (!ep_cli_parse_options ("plot", NULL,
                             _("Draw a figure saved in a project, exactly as the app shows it."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;
  if (argc != 1)
    return ep_cli_usage_error ("plot", _("unexpected argument “%s”"), argv[1]);
  if (opt_project == NULL || opt_figure == NULL || opt_out == NULL)
    return ep_cli_usage_error ("plot", _("--project FILE, --figure NAME and --out FILE are required"));
  if (!ep_plot_format_from_filename (opt_out, &format))
    return ep_cli_usage_error ("plot", _("--out must end in .pdf, .svg, .eps, .png or .tif"));

  file = g_file_new_for_commandline_arg (opt_project);
  project = ep_project_open (file, NULL, &error);
  if (project == NULL)
    return ep_cli_data_error (error);
  figure = ep_project_find_figure (project, opt_figure);
  if (figure == NULL)
    {
      g_autofree char *display = g_path_get_basename (opt_project);

      g_printerr (_("%s: there is no figure “%s”\n"), display, opt_figure);
      return EP_CLI_EXIT_DATA;
    }
  /* A figure of an analysis draws its stored result; one that no longer matches its data is
   * computed first, so the file never disagrees with the data. */
  if (ep_figure_get_analysis (figure) != NULL && ep_figure_is_outdated (figure)
      && bring_up_to_date (project, &error) < 0)
    return ep_cli_data_error (error);
  if (!ep_figure_export (figure, opt_out, format, &error))
    return ep_cli_data_error (error);

  root = json_object_new ();
  json_object_set_string_member (root, "figure", opt_figure);
  json_object_set_string_member (root, "project", opt_project);
  json_object_set_string_member (root, "output", opt_out);
  json_object_set_string_member (root, "format", ep_plot_format_to_string (format));
  /* what the file does not draw but its caption should say (rows dropped; the caveat of a
   * published arm reconstructed from a figure, issue 17) */
  {
    const char * const *notes = ep_figure_get_notes (figure);
    JsonArray *array = json_array_new ();

    for (guint k = 0; notes[k] != NULL; k++)
      json_array_add_string_element (array, notes[k]);
    json_object_set_array_member (root, "notes", array);
  }
  node = json_node_init_object (json_node_alloc (), root);
  ep_cli_print_json (node);
  return EP_CLI_EXIT_OK;
}

int
ep_cli_project (int    argc,
                char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "new") == 0)
    return project_new (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "show") == 0)
    return project_show (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "run") == 0)
    return project_run (argc - 1, argv + 1);

  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print ("%s\n\n%s\n%s\n%s\n", _("Usage: endpoint-cli project new|show|run …"),
               _("  new --out P.endpoint [--csv F …]   make a project, one cohort per file"),
               _("  show P.endpoint                    print what a project holds, as JSON"),
               _("  run P.endpoint                     compute stale analyses and save"));
      return EP_CLI_EXIT_OK;
    }
  if (argc < 2)
    return ep_cli_usage_error (COMMAND, _("give a subcommand: new, show or run"));
  return ep_cli_usage_error (COMMAND, _("unknown subcommand “%s” (new, show or run)"), argv[1]);
}
