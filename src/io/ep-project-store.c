/* ep-project-store.c: the .endpoint project file (a SQLite database), read and written
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-project-store.h, the format for users in docs/project-format.md.
 *
 * Schema versions: `_ep_project_store_versions[]` lists, for every schema version this build
 * reads, the CREATE statements of that version (to verify a file against) and the step that
 * migrates a database of that version to the next one (NULL for the current version). To add
 * version N: append its schema, give version 1 its step (an ALTER/UPDATE on the in-memory
 * copy), bump EP_PROJECT_SCHEMA_VERSION, and add a fixture
 * tests/data/project/project-v2.endpoint; the test harness (tests/test-project-store.c) opens
 * every fixture project-vN.endpoint.
 *
 * This file holds the schema versions, the plain data and the helpers both sides use; the
 * writer is ep-project-store-writer.c, the reader ep-project-store-reader.c, and
 * ep-project-store-private.h declares what they share.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "io/ep-project-store-private.h"

G_DEFINE_QUARK (ep-project-store-error-quark, ep_project_store_error)

/* Schema, version 1. The text is compared with the file's sqlite_schema, so it is never
 * reformatted: a new layout is a new version. */
const char * const _ep_project_store_schema_v1[] = {
  "CREATE TABLE README (topic TEXT PRIMARY KEY, text TEXT NOT NULL)",
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  "CREATE TABLE cohort (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n_rows INTEGER NOT NULL)",
  "CREATE TABLE cohort_column (cohort_id INTEGER NOT NULL, position INTEGER NOT NULL, "
    "name TEXT NOT NULL, label TEXT, type TEXT NOT NULL, role TEXT NOT NULL, levels TEXT, "
    "missing BLOB, cells BLOB NOT NULL, PRIMARY KEY (cohort_id, position))",
  "CREATE TABLE endpoint (cohort_id INTEGER NOT NULL, position INTEGER NOT NULL, "
    "name TEXT NOT NULL, source TEXT NOT NULL, time_column TEXT, start_column TEXT, "
    "end_column TEXT, event_column TEXT NOT NULL, event_codes TEXT NOT NULL, unit TEXT NOT NULL, "
    "PRIMARY KEY (cohort_id, position))",
  "CREATE TABLE analysis (position INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
    "source TEXT, options TEXT NOT NULL)",
  "CREATE TABLE figure (position INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
    "source TEXT, options TEXT NOT NULL)",
  "CREATE TABLE trial_selection (position INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "trial_ids TEXT NOT NULL, options TEXT NOT NULL)",
  NULL
};

/* Schema, version 2: version 1 and each analysis's last result (the JSON of
 * model/ep-analysis-json.c) with the fingerprint of the data it was computed from, by the
 * analysis's position. An analysis without a row has no stored result. */
#define SCHEMA_V2_ANALYSIS_RESULT \
  "CREATE TABLE analysis_result (position INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, " \
    "result TEXT NOT NULL)"

const char * const _ep_project_store_schema_v2[] = {
  "CREATE TABLE README (topic TEXT PRIMARY KEY, text TEXT NOT NULL)",
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  "CREATE TABLE cohort (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n_rows INTEGER NOT NULL)",
  "CREATE TABLE cohort_column (cohort_id INTEGER NOT NULL, position INTEGER NOT NULL, "
    "name TEXT NOT NULL, label TEXT, type TEXT NOT NULL, role TEXT NOT NULL, levels TEXT, "
    "missing BLOB, cells BLOB NOT NULL, PRIMARY KEY (cohort_id, position))",
  "CREATE TABLE endpoint (cohort_id INTEGER NOT NULL, position INTEGER NOT NULL, "
    "name TEXT NOT NULL, source TEXT NOT NULL, time_column TEXT, start_column TEXT, "
    "end_column TEXT, event_column TEXT NOT NULL, event_codes TEXT NOT NULL, unit TEXT NOT NULL, "
    "PRIMARY KEY (cohort_id, position))",
  "CREATE TABLE analysis (position INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
    "source TEXT, options TEXT NOT NULL)",
  "CREATE TABLE figure (position INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
    "source TEXT, options TEXT NOT NULL)",
  "CREATE TABLE trial_selection (position INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "trial_ids TEXT NOT NULL, options TEXT NOT NULL)",
  SCHEMA_V2_ANALYSIS_RESULT,
  NULL
};

/* Schema, version 3: version 2, the user's own trial arms, the digitized figures and the
 * cohorts' labels.
 *
 * The user's own trial arms: each a record of the trial catalog's schema (docs/catalog.md) as
 * JSON text, by position; id repeats the record's id for the sqlite3 shell. A project without
 * own arms has no rows. */
#define SCHEMA_V3_USER_TRIAL \
  "CREATE TABLE user_trial (position INTEGER PRIMARY KEY, id TEXT NOT NULL, record TEXT NOT NULL)"

/* The digitized figures of issue 17 (docs/reconstruction.md): the image file's bytes with its calibration (a JSON array of four {"px", "value"} ticks, or
 * [] before it is calibrated), and each traced curve's points as one BLOB of little-endian
 * float64 pairs (time, survival), with the cohort reconstructed from it and the catalog arm it
 * is attached to. */
#define SCHEMA_V3_DIGITIZED_FIGURE \
  "CREATE TABLE digitized_figure (position INTEGER PRIMARY KEY, name TEXT NOT NULL, " \
    "file_name TEXT NOT NULL, citation TEXT, page INTEGER NOT NULL, image BLOB NOT NULL, " \
    "ticks TEXT NOT NULL)"
#define SCHEMA_V3_DIGITIZED_CURVE \
  "CREATE TABLE digitized_curve (figure INTEGER NOT NULL, position INTEGER NOT NULL, " \
    "name TEXT NOT NULL, color TEXT NOT NULL, points BLOB NOT NULL, cohort TEXT, " \
    "trial_id TEXT, trial_arm TEXT, PRIMARY KEY (figure, position))"

/* Each cohort's labels (issue 13): the mapping of io/ep-labels.h (display names, value labels
 * and level order by column) as JSON text, the same text `endpoint-cli … --labels FILE.json`
 * reads. A cohort without a row has no value labels. */
#define SCHEMA_V3_COHORT_LABELS \
  "CREATE TABLE cohort_labels (cohort_id INTEGER PRIMARY KEY, labels TEXT NOT NULL)"

const char * const _ep_project_store_schema_v3[] = {
  "CREATE TABLE README (topic TEXT PRIMARY KEY, text TEXT NOT NULL)",
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  "CREATE TABLE cohort (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n_rows INTEGER NOT NULL)",
  "CREATE TABLE cohort_column (cohort_id INTEGER NOT NULL, position INTEGER NOT NULL, "
    "name TEXT NOT NULL, label TEXT, type TEXT NOT NULL, role TEXT NOT NULL, levels TEXT, "
    "missing BLOB, cells BLOB NOT NULL, PRIMARY KEY (cohort_id, position))",
  "CREATE TABLE endpoint (cohort_id INTEGER NOT NULL, position INTEGER NOT NULL, "
    "name TEXT NOT NULL, source TEXT NOT NULL, time_column TEXT, start_column TEXT, "
    "end_column TEXT, event_column TEXT NOT NULL, event_codes TEXT NOT NULL, unit TEXT NOT NULL, "
    "PRIMARY KEY (cohort_id, position))",
  "CREATE TABLE analysis (position INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
    "source TEXT, options TEXT NOT NULL)",
  "CREATE TABLE figure (position INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
    "source TEXT, options TEXT NOT NULL)",
  "CREATE TABLE trial_selection (position INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "trial_ids TEXT NOT NULL, options TEXT NOT NULL)",
  SCHEMA_V2_ANALYSIS_RESULT,
  SCHEMA_V3_USER_TRIAL,
  SCHEMA_V3_DIGITIZED_FIGURE,
  SCHEMA_V3_DIGITIZED_CURVE,
  SCHEMA_V3_COHORT_LABELS,
  NULL
};

/* Version 1 had no stored results: every analysis is computed again when it is next shown. */
static gboolean
migrate_v1_to_v2 (sqlite3  *db,
                  GError  **error)
{
  if (sqlite3_exec (db, SCHEMA_V2_ANALYSIS_RESULT, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_CORRUPT,
                   "migration to version 2: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* Version 2 had no own trial arms and no digitized figures: the three tables, empty. */
static gboolean
migrate_v2_to_v3 (sqlite3  *db,
                  GError  **error)
{
  if (sqlite3_exec (db, SCHEMA_V3_USER_TRIAL, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, SCHEMA_V3_DIGITIZED_FIGURE, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, SCHEMA_V3_DIGITIZED_CURVE, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, SCHEMA_V3_COHORT_LABELS, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_CORRUPT,
                   "migration to version 3: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

const SchemaVersion _ep_project_store_versions[] = {
  { 1, _ep_project_store_schema_v1, migrate_v1_to_v2 },
  { 2, _ep_project_store_schema_v2, migrate_v2_to_v3 },
  { 3, _ep_project_store_schema_v3, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (_ep_project_store_versions) == EP_PROJECT_SCHEMA_VERSION);

/* Plain data */

EpProjectData *
ep_project_data_new (void)
{
  EpProjectData *data = g_new0 (EpProjectData, 1);

  data->cohorts = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_cohort_free);
  data->analyses = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_item_free);
  data->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_item_free);
  data->selections = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_selection_free);
  data->user_trials = g_ptr_array_new_with_free_func (g_free);
  data->digitized = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_digitized_free);
  data->notes = g_ptr_array_new_with_free_func (g_free);

  return data;
}

void
ep_project_data_free (EpProjectData *data)
{
  if (data == NULL)
    return;

  g_free (data->app_version);
  g_free (data->origin);
  g_free (data->figure_language);
  g_free (data->figure_decimal_mark);
  g_free (data->combined_cohorts);
  g_clear_pointer (&data->created, g_date_time_unref);
  g_clear_pointer (&data->modified, g_date_time_unref);
  g_ptr_array_unref (data->cohorts);
  g_ptr_array_unref (data->analyses);
  g_ptr_array_unref (data->figures);
  g_ptr_array_unref (data->selections);
  g_ptr_array_unref (data->user_trials);
  g_ptr_array_unref (data->digitized);
  g_ptr_array_unref (data->notes);
  g_free (data);
}

EpProjectCohort *
ep_project_cohort_new (const char         *name,
                       EpTable            *table,
                       const char * const *roles)
{
  EpProjectCohort *cohort;
  guint n_columns;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  n_columns = ep_table_get_n_columns (table);
  cohort = g_new0 (EpProjectCohort, 1);
  cohort->name = g_strdup (name);
  cohort->table = table;
  cohort->roles = g_new0 (char *, n_columns + 1);
  for (guint j = 0; j < n_columns; j++)
    cohort->roles[j] = g_strdup (roles != NULL && roles[j] != NULL ? roles[j] : "none");
  cohort->endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_endpoint_free);

  return cohort;
}

void
ep_project_cohort_free (EpProjectCohort *cohort)
{
  if (cohort == NULL)
    return;

  g_free (cohort->name);
  ep_table_free (cohort->table);
  g_strfreev (cohort->roles);
  g_ptr_array_unref (cohort->endpoints);
  g_free (cohort);
}

EpProjectEndpoint *
ep_project_endpoint_new (const char         *name,
                         const char         *source,
                         const char         *time_column,
                         const char         *start_column,
                         const char         *end_column,
                         const char         *event_column,
                         const char * const *event_codes,
                         const char         *unit)
{
  EpProjectEndpoint *endpoint;

  g_return_val_if_fail (name != NULL && source != NULL && event_column != NULL, NULL);
  g_return_val_if_fail (unit != NULL, NULL);

  endpoint = g_new0 (EpProjectEndpoint, 1);
  endpoint->name = g_strdup (name);
  endpoint->source = g_strdup (source);
  endpoint->time_column = g_strdup (time_column);
  endpoint->start_column = g_strdup (start_column);
  endpoint->end_column = g_strdup (end_column);
  endpoint->event_column = g_strdup (event_column);
  endpoint->event_codes = event_codes != NULL ? g_strdupv ((char **) event_codes)
                                              : g_new0 (char *, 1);
  endpoint->unit = g_strdup (unit);

  return endpoint;
}

void
ep_project_endpoint_free (EpProjectEndpoint *endpoint)
{
  if (endpoint == NULL)
    return;

  g_free (endpoint->name);
  g_free (endpoint->source);
  g_free (endpoint->time_column);
  g_free (endpoint->start_column);
  g_free (endpoint->end_column);
  g_free (endpoint->event_column);
  g_strfreev (endpoint->event_codes);
  g_free (endpoint->unit);
  g_free (endpoint);
}

EpProjectItem *
ep_project_item_new (const char *name,
                     const char *kind,
                     const char *source,
                     const char *options)
{
  EpProjectItem *item;

  g_return_val_if_fail (name != NULL && kind != NULL, NULL);

  item = g_new0 (EpProjectItem, 1);
  item->name = g_strdup (name);
  item->kind = g_strdup (kind);
  item->source = g_strdup (source);
  item->options = g_strdup (options != NULL ? options : "{}");
  item->result = NULL;
  item->fingerprint = NULL;

  return item;
}

void
ep_project_item_free (EpProjectItem *item)
{
  if (item == NULL)
    return;

  g_free (item->name);
  g_free (item->kind);
  g_free (item->result);
  g_free (item->fingerprint);
  g_free (item->source);
  g_free (item->options);
  g_free (item);
}

EpProjectSelection *
ep_project_selection_new (const char         *name,
                          const char * const *trial_ids,
                          const char         *options)
{
  EpProjectSelection *selection;

  g_return_val_if_fail (name != NULL, NULL);

  selection = g_new0 (EpProjectSelection, 1);
  selection->name = g_strdup (name);
  selection->trial_ids = trial_ids != NULL ? g_strdupv ((char **) trial_ids) : g_new0 (char *, 1);
  selection->options = g_strdup (options != NULL ? options : "{}");

  return selection;
}

void
ep_project_selection_free (EpProjectSelection *selection)
{
  if (selection == NULL)
    return;

  g_free (selection->name);
  g_strfreev (selection->trial_ids);
  g_free (selection->options);
  g_free (selection);
}

EpProjectCurve *
ep_project_curve_new (const char   *name,
                      const guint8  color[3],
                      gsize         n,
                      const double *time,
                      const double *surv)
{
  EpProjectCurve *curve;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (n == 0 || (time != NULL && surv != NULL), NULL);

  curve = g_new0 (EpProjectCurve, 1);
  curve->name = g_strdup (name);
  if (color != NULL)
    memcpy (curve->color, color, 3);
  curve->n = n;
  curve->time = g_memdup2 (time, n * sizeof (double));
  curve->surv = g_memdup2 (surv, n * sizeof (double));

  return curve;
}

EpProjectCurve *
ep_project_curve_copy (const EpProjectCurve *curve)
{
  EpProjectCurve *copy;

  g_return_val_if_fail (curve != NULL, NULL);

  copy = ep_project_curve_new (curve->name, curve->color, curve->n, curve->time, curve->surv);
  copy->cohort = g_strdup (curve->cohort);
  copy->trial_id = g_strdup (curve->trial_id);
  copy->trial_arm = g_strdup (curve->trial_arm);

  return copy;
}

void
ep_project_curve_free (EpProjectCurve *curve)
{
  if (curve == NULL)
    return;

  g_free (curve->name);
  g_free (curve->time);
  g_free (curve->surv);
  g_free (curve->cohort);
  g_free (curve->trial_id);
  g_free (curve->trial_arm);
  g_free (curve);
}

EpProjectDigitized *
ep_project_digitized_new (const char *name,
                          const char *file_name,
                          guint       page,
                          GBytes     *image)
{
  EpProjectDigitized *digitized;

  g_return_val_if_fail (name != NULL && file_name != NULL && image != NULL, NULL);

  digitized = g_new0 (EpProjectDigitized, 1);
  digitized->name = g_strdup (name);
  digitized->file_name = g_strdup (file_name);
  digitized->page = MAX (page, 1);
  digitized->image = g_bytes_ref (image);
  digitized->curves = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_curve_free);

  return digitized;
}

EpProjectDigitized *
ep_project_digitized_copy (const EpProjectDigitized *digitized)
{
  EpProjectDigitized *copy;

  g_return_val_if_fail (digitized != NULL, NULL);

  copy = ep_project_digitized_new (digitized->name, digitized->file_name, digitized->page,
                                   digitized->image);
  copy->citation = g_strdup (digitized->citation);
  copy->calibrated = digitized->calibrated;
  memcpy (copy->tick_px, digitized->tick_px, sizeof copy->tick_px);
  memcpy (copy->tick_value, digitized->tick_value, sizeof copy->tick_value);
  for (guint k = 0; k < digitized->curves->len; k++)
    g_ptr_array_add (copy->curves, ep_project_curve_copy (g_ptr_array_index (digitized->curves, k)));

  return copy;
}

void
ep_project_digitized_free (EpProjectDigitized *digitized)
{
  if (digitized == NULL)
    return;

  g_free (digitized->name);
  g_free (digitized->file_name);
  g_free (digitized->citation);
  g_bytes_unref (digitized->image);
  g_ptr_array_unref (digitized->curves);
  g_free (digitized);
}

/* Helpers */

gsize
_ep_project_store_cell_size (EpColumnType type)
{
  switch (type)
    {
    case EP_COLUMN_NUMBER:   return 8;
    case EP_COLUMN_CATEGORY: return 4;
    case EP_COLUMN_YESNO:    return 1;
    case EP_COLUMN_DATE:     return 4;
    default:                 g_return_val_if_reached (8);
    }
}

gboolean
_ep_project_store_check_cancelled (GCancellable  *cancellable,
                                   GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}
