/* ep-cli-trials.c: endpoint-cli trials: the trial catalog as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   trials [--class C] [--setting S] [--population P] [--ph PH] [--search TEXT] [--catalog FILE]
 *
 * Prints {"trials": [...]}, one object per trial arm in catalog order, filtered by the same
 * EpTrialQuery the Trials page uses. Every field of the catalog record is printed (schema:
 * docs/catalog.md) under its JSON name, with two renamings for the CLI contract: the record's
 * provenance is printed as "source", and a "headline_survival" text is added. A number the
 * source does not report is null, never 0.
 *
 * Exit status: 0 (also when nothing matches: an empty list), 2 for an unknown class, setting,
 * population or Ph value, 1 when the catalog cannot be read (with --catalog FILE, the message
 * names the record and field).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cli/ep-cli.h"
#include "model/ep-catalog.h"

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

static void
add_count (JsonBuilder *builder,
           const char  *name,
           int          value)
{
  json_builder_set_member_name (builder, name);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_endpoints (JsonBuilder *builder,
               GPtrArray   *endpoints)
{
  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_array (builder);
  for (guint i = 0; i < endpoints->len; i++)
    {
      const EpCatalogEndpoint *endpoint = g_ptr_array_index (endpoints, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", endpoint->name);
      add_string (builder, "kind", ep_endpoint_kind_to_string (endpoint->kind));
      add_number (builder, "months", endpoint->months);
      add_number (builder, "value", endpoint->value);
      add_number (builder, "ci_lower", endpoint->ci_lower);
      add_number (builder, "ci_upper", endpoint->ci_upper);
      json_builder_set_member_name (builder, "not_reached");
      json_builder_add_boolean_value (builder, endpoint->not_reached);
      add_number (builder, "follow_up_months", endpoint->follow_up_months);
      add_string (builder, "follow_up_range", endpoint->follow_up_range);
      add_string (builder, "subgroup", endpoint->subgroup);
      add_string (builder, "note", endpoint->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_responses (JsonBuilder *builder,
               GPtrArray   *responses)
{
  json_builder_set_member_name (builder, "responses");
  json_builder_begin_array (builder);
  for (guint i = 0; i < responses->len; i++)
    {
      const EpCatalogResponse *response = g_ptr_array_index (responses, i);

      json_builder_begin_object (builder);
      add_string (builder, "category", response->category);
      add_count (builder, "n", response->n);
      add_number (builder, "pct", response->pct);
      add_string (builder, "subgroup", response->subgroup);
      add_string (builder, "note", response->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_incidence (JsonBuilder *builder,
               GPtrArray   *incidences)
{
  json_builder_set_member_name (builder, "cumulative_incidence");
  json_builder_begin_array (builder);
  for (guint i = 0; i < incidences->len; i++)
    {
      const EpCatalogIncidence *incidence = g_ptr_array_index (incidences, i);

      json_builder_begin_object (builder);
      add_string (builder, "event", incidence->event);
      add_number (builder, "months", incidence->months);
      add_number (builder, "value", incidence->value);
      add_number (builder, "ci_lower", incidence->ci_lower);
      add_number (builder, "ci_upper", incidence->ci_upper);
      add_string (builder, "competing", incidence->competing);
      add_string (builder, "subgroup", incidence->subgroup);
      add_string (builder, "note", incidence->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_hazard_ratios (JsonBuilder *builder,
                   GPtrArray   *hazard_ratios)
{
  json_builder_set_member_name (builder, "hazard_ratios");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hazard_ratios->len; i++)
    {
      const EpCatalogHazardRatio *hr = g_ptr_array_index (hazard_ratios, i);

      json_builder_begin_object (builder);
      add_string (builder, "outcome", hr->outcome);
      add_string (builder, "factor", hr->factor);
      add_string (builder, "comparison", hr->comparison);
      add_string (builder, "timing", hr->timing);
      add_string (builder, "analysis", hr->multivariate ? "multivariate" : "univariate");
      add_number (builder, "hr", hr->hr);
      add_number (builder, "ci_lower", hr->ci_lower);
      add_number (builder, "ci_upper", hr->ci_upper);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_toxicity (JsonBuilder *builder,
              GPtrArray   *toxicities)
{
  json_builder_set_member_name (builder, "toxicity");
  json_builder_begin_array (builder);
  for (guint i = 0; i < toxicities->len; i++)
    {
      const EpCatalogToxicity *toxicity = g_ptr_array_index (toxicities, i);

      json_builder_begin_object (builder);
      add_string (builder, "event", toxicity->event);
      add_string (builder, "grade", toxicity->grade);
      add_number (builder, "pct", toxicity->pct);
      add_count (builder, "n", toxicity->n);
      add_string (builder, "subgroup", toxicity->subgroup);
      add_string (builder, "note", toxicity->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_references (JsonBuilder *builder,
                GPtrArray   *references)
{
  json_builder_set_member_name (builder, "references");
  json_builder_begin_array (builder);
  for (guint i = 0; i < references->len; i++)
    {
      const EpCatalogReference *reference = g_ptr_array_index (references, i);

      json_builder_begin_object (builder);
      add_string (builder, "citation", reference->citation);
      add_string (builder, "doi", reference->doi);
      add_string (builder, "pmid", reference->pmid);
      add_string (builder, "nct", reference->nct);
      add_string (builder, "registry", reference->registry);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_source (JsonBuilder *builder,
            GPtrArray   *provenance)
{
  json_builder_set_member_name (builder, "source");
  json_builder_begin_array (builder);
  for (guint i = 0; i < provenance->len; i++)
    {
      const EpCatalogProvenance *item = g_ptr_array_index (provenance, i);

      json_builder_begin_object (builder);
      add_string (builder, "source", item->source);
      add_string (builder, "location", item->location);
      add_string (builder, "note", item->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_trial (JsonBuilder *builder,
           EpTrial     *trial)
{
  const EpCatalogRecord *record = ep_trial_get_record (trial);

  json_builder_begin_object (builder);
  add_string (builder, "id", record->id);
  add_string (builder, "trial", record->trial);
  json_builder_set_member_name (builder, "aliases");
  json_builder_begin_array (builder);
  for (guint i = 0; record->aliases[i] != NULL; i++)
    json_builder_add_string_value (builder, record->aliases[i]);
  json_builder_end_array (builder);
  add_string (builder, "arm", record->arm);
  add_string (builder, "agent", record->agent);
  add_string (builder, "class", ep_drug_class_to_string (record->drug_class));
  add_string (builder, "target", record->target);
  add_string (builder, "phase", record->phase);
  add_string (builder, "design", record->design);
  add_string (builder, "setting", ep_trial_setting_to_string (record->setting));
  add_string (builder, "population", ep_trial_population_to_string (record->population));
  add_string (builder, "ph", ep_ph_status_to_string (record->ph));
  add_count (builder, "n", record->n);
  add_number (builder, "median_age", record->median_age);
  add_string (builder, "age_range", record->age_range);
  add_number (builder, "cr_pct", record->cr_pct);
  add_string (builder, "cr_definition", record->cr_definition);
  add_number (builder, "mrd_neg_pct", record->mrd_neg_pct);
  add_string (builder, "mrd_definition", record->mrd_definition);
  add_number (builder, "relapse_pct", record->relapse_pct);
  add_string (builder, "relapse_definition", record->relapse_definition);
  add_string (builder, "headline_survival", ep_trial_get_headline_survival (trial));
  add_endpoints (builder, record->endpoints);
  add_responses (builder, record->responses);
  add_incidence (builder, record->cumulative_incidence);
  add_hazard_ratios (builder, record->hazard_ratios);
  add_toxicity (builder, record->toxicity);
  add_string (builder, "dosing", record->dosing);
  add_string (builder, "notes", record->notes);
  add_references (builder, record->references);
  add_source (builder, record->provenance);
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
      N_("Read this catalog file instead of the bundled one"), N_("FILE") },
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

  if (opt_catalog != NULL)
    catalog = ep_catalog_new_from_file (opt_catalog, &error);
  else
    catalog = ep_catalog_new_default (&error);
  if (catalog == NULL)
    return ep_cli_data_error (error);

  matches = ep_catalog_filter (catalog, query);

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
