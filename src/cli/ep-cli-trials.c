/* ep-cli-trials.c: endpoint-cli trials: the trial catalog as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   trials [--class C] [--setting S] [--population P] [--ph PH] [--search TEXT] [--catalog FILE]
 *          [--ids ID,..] [--forest OUT --outcome .. --method .. ... [--figure-language L]
 *          [--decimal-mark M]] [--schema-markdown]
 *
 * Prints {"trials": [...]}, one object per trial arm in catalog order, filtered by the same
 * EpTrialQuery the Trials page uses. Every field of the catalog record is printed (schema:
 * docs/catalog.md, written from the schema's field table) under its JSON name; for the CLI
 * contract the version-1 headline numbers (cr_pct, mrd_neg_pct, relapse_pct and their
 * definitions), a "headline_survival" text and the provenance as "source" are added. A number
 * the source does not report is null, never 0.
 *
 * Exit status: 0 (also when nothing matches: an empty list), 2 for an unknown class, setting,
 * population or Ph value, 1 when the catalog cannot be read (with --catalog FILE, the message
 * names the record and field).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "model/ep-catalog.h"
#include "model/ep-evidence-forest.h"
#include "plot/ep-plot-export.h"

#define COMMAND "trials"

static void
add_string (JsonBuilder *builder,
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
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (!isnan (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The record as the catalog file holds it (schema version 2, written from the schema's field
 * table), then the CLI contract's extras: the flat headline numbers of version 1 (cr_pct,
 * cr_definition, ...), "headline_survival", and the provenance again as "source". */
static void
add_trial (JsonBuilder *builder,
           EpTrial     *trial)
{
  const EpCatalogRecord *record = ep_trial_get_record (trial);

  json_builder_begin_object (builder);
  ep_catalog_record_write_members (record, builder);
  add_number (builder, "cr_pct", record->cr_pct);
  add_string (builder, "cr_definition", record->cr_definition);
  add_number (builder, "mrd_neg_pct", record->mrd_neg_pct);
  add_string (builder, "mrd_definition", record->mrd_definition);
  add_number (builder, "relapse_pct", record->relapse_pct);
  add_string (builder, "relapse_definition", record->relapse_definition);
  add_string (builder, "headline_survival", ep_trial_get_headline_survival (trial));
  json_builder_set_member_name (builder, "source");
  json_builder_begin_array (builder);
  for (guint i = 0; i < record->provenance->len; i++)
    {
      const EpCatalogProvenance *item = g_ptr_array_index (record->provenance, i);

      json_builder_begin_object (builder);
      add_string (builder, "source", item->source);
      add_string (builder, "location", item->location);
      add_string (builder, "note", item->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* "“a”, “b”, “c”" for a usage message */
static char *
quoted_list (const char * const *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "", names[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
invalid_value (const char         *option,
               const char         *value,
               const char * const *names)
{
  g_autofree char *allowed = quoted_list (names);

  return ep_cli_usage_error (COMMAND, _("--%s: unknown value “%s” (allowed: %s)"),
                             option, value, allowed);
}

/* --forest: the guarded forest of the matching arms (ep_evidence_forest_new()), and its pooled
 * estimates as JSON, for the metafor reference cases. */
static void
add_pool (JsonBuilder      *builder,
          const char       *name,
          const EpMetaPool *pool)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "k");
  json_builder_add_int_value (builder, pool->k);
  add_number (builder, "estimate", pool->random.estimate);
  add_number (builder, "lower", pool->random.lower);
  add_number (builder, "upper", pool->random.upper);
  add_number (builder, "pi_lower", pool->random.pi_lower);
  add_number (builder, "pi_upper", pool->random.pi_upper);
  add_number (builder, "tau2", pool->tau2);
  add_number (builder, "i2", pool->i2);
  add_number (builder, "q", pool->q);
  json_builder_end_object (builder);
}

static int
forest (GListModel *matches,
        const char *out,
        const char *outcome,
        const char *method,
        gboolean    knapp_hartung,
        gboolean    prediction,
        gboolean    show_overall,
        const char *sort,
        const char *subgroup,
        double      x_min,
        double      x_max,
        const char *language,
        const char *decimal_mark)
{
  static const char * const methods[] = { "FE", "DL", "REML", NULL };
  static const char * const sorts[] = { "selection", "name", "effect", "size", NULL };
  EpEvidenceForestOptions options;
  g_autoptr(GPtrArray) trials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(EpMetaResult) result = NULL;
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) groups = NULL;
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  EpPlotFormat format;
  EpPlotLanguage figure_language = EP_PLOT_LANGUAGE_EN;
  EpPlotDecimalMark figure_mark = EP_PLOT_DECIMAL_AUTO;

  /* the figure's language and decimal mark, never the process's (issue 13) */
  if (language != NULL && !ep_plot_language_from_string (language, &figure_language))
    return ep_cli_usage_error (COMMAND, _("--figure-language must be en, de, zh_CN or app, not “%s”"),
                               language);
  if (decimal_mark != NULL && !ep_plot_decimal_mark_from_string (decimal_mark, &figure_mark))
    return ep_cli_usage_error (COMMAND, _("--decimal-mark must be dot or comma, not “%s”"),
                               decimal_mark);
  ep_evidence_forest_options_init (&options);
  if (outcome != NULL && !g_strv_contains (ep_evidence_forest_outcomes (), outcome))
    return invalid_value ("outcome", outcome, ep_evidence_forest_outcomes ());
  if (outcome != NULL)
    options.outcome = outcome;
  if (method != NULL)
    {
      if (!g_strv_contains (methods, method))
        return invalid_value ("method", method, methods);
      options.method = strcmp (method, "FE") == 0 ? EP_META_METHOD_FE
                       : strcmp (method, "REML") == 0 ? EP_META_METHOD_REML : EP_META_METHOD_DL;
    }
  if (sort != NULL)
    {
      if (!g_strv_contains (sorts, sort))
        return invalid_value ("sort", sort, sorts);
      for (guint i = 0; sorts[i] != NULL; i++)
        if (strcmp (sorts[i], sort) == 0)
          options.sort = (EpEvidenceSort) i;
    }
  if (subgroup != NULL && !g_strv_contains (ep_evidence_forest_subgroup_fields (), subgroup))
    return invalid_value ("subgroup", subgroup, ep_evidence_forest_subgroup_fields ());
  options.subgroup = subgroup;
  options.knapp_hartung = knapp_hartung;
  options.prediction = prediction;
  options.show_overall = show_overall;
  options.x_min = x_min;
  options.x_max = x_max;
  if (!ep_plot_format_from_filename (out, &format))
    return ep_cli_usage_error (COMMAND, _("--forest: unknown file type of “%s”"), out);

  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    g_ptr_array_add (trials, g_list_model_get_item (matches, i));

  figure = ep_evidence_forest_new (trials, &options, &result, &labels, &groups, &error);
  if (figure != NULL)
    g_object_set (figure, "language", figure_language, "decimal-mark", figure_mark, NULL);
  if (figure == NULL || !ep_figure_export (figure, out, format, &error))
    return ep_cli_data_error (error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "arms");
  json_builder_begin_array (builder);
  for (guint i = 0; labels[i] != NULL; i++)
    json_builder_add_string_value (builder, labels[i]);
  json_builder_end_array (builder);
  add_pool (builder, "overall", &result->overall);
  json_builder_set_member_name (builder, "subgroups");
  json_builder_begin_array (builder);
  for (guint g = 0; g < result->n_subgroups; g++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "group", groups[g]);
      add_pool (builder, "pool", &result->subgroups[g]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_number (builder, "subgroup_q", result->subgroup_q);
  add_number (builder, "subgroup_p", result->subgroup_p);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  ep_cli_print_json (root);

  return EP_CLI_EXIT_OK;
}

int
ep_cli_trials (int    argc,
               char **argv)
{
  g_autofree char *opt_class = NULL;
  g_autofree char *opt_setting = NULL;
  g_autofree char *opt_population = NULL;
  g_autofree char *opt_ph = NULL;
  g_autofree char *opt_search = NULL;
  g_autofree char *opt_catalog = NULL;
  gboolean opt_schema = FALSE;
  g_autofree char *opt_ids = NULL;
  g_autofree char *opt_forest = NULL;
  g_autofree char *opt_outcome = NULL;
  g_autofree char *opt_method = NULL;
  g_autofree char *opt_sort = NULL;
  g_autofree char *opt_subgroup = NULL;
  gboolean opt_kh = FALSE;
  gboolean opt_prediction = FALSE;
  gboolean opt_no_overall = FALSE;
  double opt_x_min = NAN;
  double opt_x_max = NAN;
  g_autofree char *opt_language = NULL;
  g_autofree char *opt_decimal_mark = NULL;
  const GOptionEntry entries[] = {
    { "class", 0, 0, G_OPTION_ARG_STRING, &opt_class,
      N_("Only this therapy class: BiTE, “CAR T”, “antibody-drug conjugate”, chemotherapy, "
         "combination"), N_("CLASS") },
    { "setting", 0, 0, G_OPTION_ARG_STRING, &opt_setting,
      N_("Only this setting: r/r, MRD-positive, frontline"), N_("SETTING") },
    { "population", 0, 0, G_OPTION_ARG_STRING, &opt_population,
      N_("Only this population: pediatric, AYA, adult, “all ages”"), N_("POPULATION") },
    { "ph", 0, 0, G_OPTION_ARG_STRING, &opt_ph,
      N_("Only this Philadelphia chromosome status: Ph-, Ph+, mixed"), N_("PH") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &opt_search,
      N_("Only arms whose trial name, agent or citation contains every word of TEXT"),
      N_("TEXT") },
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &opt_catalog,
      N_("Merge this catalog file into the bundled one (its arms are added, or replace the "
         "bundled arms with the same ids)"), N_("FILE") },
    { "ids", 0, 0, G_OPTION_ARG_STRING, &opt_ids,
      N_("Only these arms, by catalog id, in this order: ID1,ID2,..."), N_("IDS") },
    { "forest", 0, 0, G_OPTION_ARG_FILENAME, &opt_forest,
      N_("Draw the matching arms' forest plot into this file (pdf, svg, eps, png, tiff) and print "
         "the pooled estimates as JSON"), N_("FILE") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &opt_outcome,
      N_("Forest: cr (default), mrd, relapse or hsct"), N_("OUTCOME") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &opt_method,
      N_("Forest: FE, DL (default) or REML"), N_("METHOD") },
    { "knapp-hartung", 0, 0, G_OPTION_ARG_NONE, &opt_kh,
      N_("Forest: Knapp-Hartung test and CI of the random-effects model"), NULL },
    { "prediction", 0, 0, G_OPTION_ARG_NONE, &opt_prediction,
      N_("Forest: print the prediction interval of each pool"), NULL },
    { "no-overall", 0, 0, G_OPTION_ARG_NONE, &opt_no_overall,
      N_("Forest: no overall estimate"), NULL },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &opt_sort,
      N_("Forest: selection (default), name, effect or size"), N_("ORDER") },
    { "subgroup", 0, 0, G_OPTION_ARG_STRING, &opt_subgroup,
      N_("Forest: pool by class, population, setting, definition or denominator"), N_("FIELD") },
    { "x-min", 0, 0, G_OPTION_ARG_DOUBLE, &opt_x_min,
      N_("Forest: the axis from this percentage"), N_("PCT") },
    { "x-max", 0, 0, G_OPTION_ARG_DOUBLE, &opt_x_max,
      N_("Forest: the axis to this percentage"), N_("PCT") },
    { "figure-language", 0, 0, G_OPTION_ARG_STRING, &opt_language,
      N_("Language of the figure's text: en (default), de, zh_CN or app (as LANG); never the "
         "locale otherwise"), N_("LANG") },
    { "decimal-mark", 0, 0, G_OPTION_ARG_STRING, &opt_decimal_mark,
      N_("Decimal mark of the figure's numbers: dot or comma (default: by the figure language, "
         "comma in German)"), N_("MARK") },
    { "schema-markdown", 0, 0, G_OPTION_ARG_NONE, &opt_schema,
      N_("Print the catalog schema's field tables as Markdown (for docs/catalog.md) and exit"),
      NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCatalog) catalog = NULL;
  g_autoptr(EpTrialQuery) query = NULL;
  g_autoptr(GListModel) matches = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Prints the trial catalog (one object per trial arm, with its "
                               "numbers, references and sources) as JSON, optionally filtered "
                               "as on the Trials page."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);

  if (opt_schema)
    {
      g_autofree char *markdown = ep_catalog_schema_markdown ();

      g_print ("%s", markdown);
      return EP_CLI_EXIT_OK;
    }

  /* The query is built (and the values checked) before the catalog is read, so a usage error
   * is reported as such even when the catalog is broken. */
  query = ep_trial_query_new ();
  if (!ep_trial_query_set_drug_class (query, opt_class))
    return invalid_value ("class", opt_class, ep_drug_class_names ());
  if (!ep_trial_query_set_setting (query, opt_setting))
    return invalid_value ("setting", opt_setting, ep_trial_setting_names ());
  if (!ep_trial_query_set_population (query, opt_population))
    return invalid_value ("population", opt_population, ep_trial_population_names ());
  if (!ep_trial_query_set_ph (query, opt_ph))
    return invalid_value ("ph", opt_ph, ep_ph_status_names ());
  ep_trial_query_set_search_text (query, opt_search);

  /* --catalog merges a file into the bundled catalog: its arms are added, or replace the bundled
   * arms with their ids (a whole edited catalog replaces them all) */
  catalog = ep_catalog_new_default (&error);
  if (catalog == NULL)
    return ep_cli_data_error (error);
  if (opt_catalog != NULL && !ep_catalog_merge_file (catalog, opt_catalog, &error))
    return ep_cli_data_error (error);

  matches = ep_catalog_filter (catalog, query);

  if (opt_ids != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (opt_ids, ",", -1);
      GListStore *store = g_list_store_new (EP_TYPE_TRIAL);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          EpTrial *trial = ep_catalog_lookup (catalog, g_strstrip (ids[i]));

          if (trial == NULL)
            {
              g_object_unref (store);
              return ep_cli_usage_error (COMMAND, _("--ids: no arm “%s” in the catalog"), ids[i]);
            }
          for (guint k = 0; k < g_list_model_get_n_items (matches); k++)
            {
              g_autoptr(EpTrial) match = g_list_model_get_item (matches, k);

              if (match == trial)
                g_list_store_append (store, trial);
            }
        }
      g_object_unref (matches);
      matches = G_LIST_MODEL (store);
    }

  if (opt_forest != NULL)
    return forest (matches, opt_forest, opt_outcome, opt_method, opt_kh, opt_prediction,
                   !opt_no_overall, opt_sort, opt_subgroup, opt_x_min, opt_x_max, opt_language,
                   opt_decimal_mark);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "trials");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(EpTrial) trial = g_list_model_get_item (matches, i);

      add_trial (builder, trial);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  ep_cli_print_json (root);

  return EP_CLI_EXIT_OK;
}
