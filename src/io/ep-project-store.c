/* ep-project-store.c: the .endpoint project file (a SQLite database), read and written
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-project-store.h, the format for users in docs/project-format.md.
 *
 * Schema versions: `versions[]` lists, for every schema version this build reads, the CREATE
 * statements of that version (to verify a file against) and the step that migrates a database
 * of that version to the next one (NULL for the current version). To add version 2: append
 * its schema, give version 1 its step (an ALTER/UPDATE on the in-memory copy), bump
 * EP_PROJECT_SCHEMA_VERSION, and add a fixture tests/data/project/project-v2.endpoint; the
 * test harness (tests/test-project-store.c) opens every fixture project-vN.endpoint.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/ep-project-store.h"

G_DEFINE_QUARK (ep-project-store-error-quark, ep_project_store_error)

/* Schema, version 1. The text is compared with the file's sqlite_schema, so it is never
 * reformatted: a new layout is a new version. */
static const char * const schema_v1[] = {
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

/* What the README table says, for whoever opens the file with the sqlite3 shell. */
static const char * const readme_v1[][2] = {
  { "0 about",
    "An Endpoint project file (the format is described in docs/project-format.md of Endpoint's "
    "sources). "
    "PRAGMA application_id is 0x456e6450 ('EndP'), PRAGMA user_version the schema version." },
  { "meta",
    "key/value: format, app_version (the Endpoint that wrote the file), created and modified "
    "(ISO 8601, UTC); in a recovery file also origin (the project file it is a copy of)." },
  { "cohort",
    "One row per patient cohort: id (its order), name, n_rows (patients)." },
  { "cohort_column",
    "One row per column of a cohort, in order of position. type: number | category | yesno | "
    "date. role: none | identifier | time | event | date | group | covariate | outcome. "
    "levels: the category texts as a JSON array (code 0 first). cells: all n_rows cells as "
    "one little-endian array: number = float64, category = int32 code into levels, yesno = "
    "int8 (1 yes, 0 no), date = int32 days since 1970-01-01. missing: a bitmap, bit (i % 8) "
    "of byte (i / 8) set when row i is missing; NULL when no cell is missing." },
  { "endpoint",
    "Time-to-event endpoints of a cohort: source time (time_column) or dates (start_column, "
    "end_column), event_column, event_codes (JSON array of the texts that mean an event), "
    "unit (days | weeks | months | years)." },
  { "analysis",
    "Analyses in order: name, kind, source (the cohort's name), options (JSON)." },
  { "figure",
    "Figures in order: name, kind, source (the analysis or cohort), options (JSON, with the "
    "plot style)." },
  { "trial_selection",
    "Trials picked from the catalog: trial_ids (JSON array of catalog ids) and the "
    "meta-analysis options (JSON)." },
};

typedef gboolean (*MigrationStep) (sqlite3  *db,
                                   GError  **error);

typedef struct
{
  guint               version;
  const char * const *schema;
  MigrationStep       step_to_next;   /* NULL: the current version */
} SchemaVersion;

static const SchemaVersion versions[] = {
  { 1, schema_v1, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (versions) == EP_PROJECT_SCHEMA_VERSION);

/* Plain data */

EpProjectData *
ep_project_data_new (void)
{
  EpProjectData *data = g_new0 (EpProjectData, 1);

  data->cohorts = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_cohort_free);
  data->analyses = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_item_free);
  data->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_item_free);
  data->selections = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_project_selection_free);

  return data;
}

void
ep_project_data_free (EpProjectData *data)
{
  if (data == NULL)
    return;

  g_free (data->app_version);
  g_free (data->origin);
  g_clear_pointer (&data->created, g_date_time_unref);
  g_clear_pointer (&data->modified, g_date_time_unref);
  g_ptr_array_unref (data->cohorts);
  g_ptr_array_unref (data->analyses);
  g_ptr_array_unref (data->figures);
  g_ptr_array_unref (data->selections);
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

  return item;
}

void
ep_project_item_free (EpProjectItem *item)
{
  if (item == NULL)
    return;

  g_free (item->name);
  g_free (item->kind);
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

/* Helpers */

static const char *
type_to_nick (EpColumnType type)
{
  switch (type)
    {
    case EP_COLUMN_NUMBER:   return "number";
    case EP_COLUMN_CATEGORY: return "category";
    case EP_COLUMN_YESNO:    return "yesno";
    case EP_COLUMN_DATE:     return "date";
    default:                 g_return_val_if_reached ("number");
    }
}

static gboolean
type_from_nick (const char   *nick,
                EpColumnType *type)
{
  static const char * const nicks[] = { "number", "category", "yesno", "date" };

  for (guint k = 0; k < G_N_ELEMENTS (nicks); k++)
    if (strcmp (nick, nicks[k]) == 0)
      {
        *type = (EpColumnType) k;
        return TRUE;
      }
  return FALSE;
}

static gsize
cell_size (EpColumnType type)
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

static char *
strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint k = 0; strv != NULL && strv[k] != NULL; k++)
    json_builder_add_string_value (builder, strv[k]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static char *
levels_to_json (const GPtrArray *levels)
{
  g_autoptr(GPtrArray) strv = g_ptr_array_new ();

  for (guint k = 0; levels != NULL && k < levels->len; k++)
    g_ptr_array_add (strv, g_ptr_array_index (levels, k));
  g_ptr_array_add (strv, NULL);

  return strv_to_json ((const char * const *) strv->pdata);
}

/* JSON from a file is nested at most this deep: json-glib's parser recurses once per level, so
 * "[[[[…" a million times deep would overflow the stack. Ours are 3 deep at most. */
#define MAX_JSON_DEPTH 32

static gboolean
json_depth_ok (const char *text)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* A JSON array of strings, or NULL when text is not one. */
static char **
strv_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) strv = NULL;
  JsonNode *root;
  JsonArray *array;

  if (!json_depth_ok (text) || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  strv = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      JsonNode *node = json_array_get_element (array, k);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return NULL;
      g_ptr_array_add (strv, g_strdup (json_node_get_string (node)));
    }
  g_ptr_array_add (strv, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&strv), FALSE);
}

static gboolean
is_json_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_depth_ok (text) || !json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root);
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Saving */

typedef struct
{
  sqlite3     *db;
  const char  *display;   /* the target's basename, for messages */
} Writer;

static gboolean
write_failed (Writer      *w,
              const char  *what,
              GError     **error)
{
  g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_IO,
               _("%s: cannot save the project (%s: %s)"), w->display, what,
               w->db != NULL ? sqlite3_errmsg (w->db) : "out of memory");
  return FALSE;
}

static gboolean
exec (Writer      *w,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (w->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return write_failed (w, sql, error);
  return TRUE;
}

static gboolean
prepare (Writer        *w,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (w->db, sql, -1, stmt, NULL) != SQLITE_OK)
    return write_failed (w, sql, error);
  return TRUE;
}

static gboolean
step_done (Writer       *w,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      write_failed (w, sqlite3_sql (stmt), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* The column's cells as the file stores them: little-endian, missing cells as the type's
 * missing value; *missing gets the bitmap (NULL when nothing is missing). The returned buffer
 * points into the column on a little-endian machine (no copy), else into *scratch. */
static const void *
encode_cells (const EpTableColumn *column,
              guint                n_rows,
              guint8             **missing,
              gsize               *missing_bytes,
              gpointer            *scratch)
{
  gsize bitmap_bytes = ((gsize) n_rows + 7) / 8;
  guint8 *bitmap = NULL;

  for (guint i = 0; i < n_rows; i++)
    if (ep_table_column_is_missing (column, i))
      {
        if (bitmap == NULL)
          bitmap = g_malloc0 (bitmap_bytes);
        bitmap[i >> 3] |= (guint8) (1u << (i & 7));
      }
  *missing = bitmap;
  *missing_bytes = bitmap != NULL ? bitmap_bytes : 0;
  *scratch = NULL;

#if G_BYTE_ORDER == G_BIG_ENDIAN
  if (cell_size (column->type) > 1)
    {
      gsize size = cell_size (column->type);
      guint8 *out = g_malloc ((gsize) n_rows * size);
      const guint8 *in = (const guint8 *) column->values->data;

      for (gsize i = 0; i < n_rows; i++)
        for (gsize b = 0; b < size; b++)
          out[i * size + b] = in[i * size + size - 1 - b];
      *scratch = out;
      return out;
    }
#endif

  return column->values->data;
}

static gboolean
write_meta (Writer         *w,
            EpProjectData  *data,
            GError        **error)
{
  g_autofree char *created = g_date_time_format_iso8601 (data->created);
  g_autofree char *modified = g_date_time_format_iso8601 (data->modified);
  const char *pairs[][2] = {
    { "format", "endpoint-project" },
    { "app_version", data->app_version },
    { "created", created },
    { "modified", modified },
    { "origin", data->origin },     /* only in recovery files */
  };
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (!prepare (w, "INSERT INTO meta (key, value) VALUES (?1, ?2)", &stmt, error))
    return FALSE;
  for (guint k = 0; ok && k < G_N_ELEMENTS (pairs); k++)
    {
      if (pairs[k][1] == NULL)
        continue;
      bind_text (stmt, 1, pairs[k][0]);
      bind_text (stmt, 2, pairs[k][1]);
      ok = step_done (w, stmt, error);
    }
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  if (!prepare (w, "INSERT INTO README (topic, text) VALUES (?1, ?2)", &stmt, error))
    return FALSE;
  for (guint k = 0; ok && k < G_N_ELEMENTS (readme_v1); k++)
    {
      bind_text (stmt, 1, readme_v1[k][0]);
      bind_text (stmt, 2, readme_v1[k][1]);
      ok = step_done (w, stmt, error);
    }
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
write_items (Writer     *w,
             const char *sql,
             GPtrArray  *items,
             GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (!prepare (w, sql, &stmt, error))
    return FALSE;
  for (guint k = 0; ok && k < items->len; k++)
    {
      const EpProjectItem *item = g_ptr_array_index (items, k);

      sqlite3_bind_int64 (stmt, 1, k);
      bind_text (stmt, 2, item->name);
      bind_text (stmt, 3, item->kind);
      bind_text (stmt, 4, item->source);
      bind_text (stmt, 5, item->options);
      ok = step_done (w, stmt, error);
    }
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
write_selections (Writer     *w,
                  GPtrArray  *selections,
                  GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (!prepare (w, "INSERT INTO trial_selection (position, name, trial_ids, options) "
                   "VALUES (?1, ?2, ?3, ?4)", &stmt, error))
    return FALSE;
  for (guint k = 0; ok && k < selections->len; k++)
    {
      const EpProjectSelection *selection = g_ptr_array_index (selections, k);
      g_autofree char *ids = strv_to_json ((const char * const *) selection->trial_ids);

      sqlite3_bind_int64 (stmt, 1, k);
      bind_text (stmt, 2, selection->name);
      bind_text (stmt, 3, ids);
      bind_text (stmt, 4, selection->options);
      ok = step_done (w, stmt, error);
    }
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
write_endpoints (Writer                *w,
                 sqlite3_stmt          *stmt,
                 gint64                 cohort_id,
                 const EpProjectCohort *cohort,
                 GError               **error)
{
  for (guint k = 0; k < cohort->endpoints->len; k++)
    {
      const EpProjectEndpoint *endpoint = g_ptr_array_index (cohort->endpoints, k);
      g_autofree char *codes = strv_to_json ((const char * const *) endpoint->event_codes);

      sqlite3_bind_int64 (stmt, 1, cohort_id);
      sqlite3_bind_int64 (stmt, 2, k);
      bind_text (stmt, 3, endpoint->name);
      bind_text (stmt, 4, endpoint->source);
      bind_text (stmt, 5, endpoint->time_column);
      bind_text (stmt, 6, endpoint->start_column);
      bind_text (stmt, 7, endpoint->end_column);
      bind_text (stmt, 8, endpoint->event_column);
      bind_text (stmt, 9, codes);
      bind_text (stmt, 10, endpoint->unit);
      if (!step_done (w, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_cohorts (Writer                *w,
               EpProjectData         *data,
               EpProjectProgressFunc  progress,
               gpointer               progress_data,
               GCancellable          *cancellable,
               GError               **error)
{
  sqlite3_stmt *cohort_stmt = NULL, *column_stmt = NULL, *endpoint_stmt = NULL;
  double total = 0, done = 0;
  gboolean ok = FALSE;

  for (guint c = 0; c < data->cohorts->len; c++)
    {
      const EpProjectCohort *cohort = g_ptr_array_index (data->cohorts, c);
      total += (double) cohort->table->n_rows * ep_table_get_n_columns (cohort->table) + 1;
    }

  if (!prepare (w, "INSERT INTO cohort (id, name, n_rows) VALUES (?1, ?2, ?3)",
                &cohort_stmt, error) ||
      !prepare (w, "INSERT INTO cohort_column (cohort_id, position, name, label, type, role, "
                   "levels, missing, cells) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                &column_stmt, error) ||
      !prepare (w, "INSERT INTO endpoint (cohort_id, position, name, source, time_column, "
                   "start_column, end_column, event_column, event_codes, unit) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                &endpoint_stmt, error))
    goto out;

  for (guint c = 0; c < data->cohorts->len; c++)
    {
      const EpProjectCohort *cohort = g_ptr_array_index (data->cohorts, c);
      const EpTable *table = cohort->table;
      guint n_rows = table->n_rows;

      sqlite3_bind_int64 (cohort_stmt, 1, c);
      bind_text (cohort_stmt, 2, cohort->name);
      sqlite3_bind_int64 (cohort_stmt, 3, n_rows);
      if (!step_done (w, cohort_stmt, error))
        goto out;

      for (guint j = 0; j < ep_table_get_n_columns (table); j++)
        {
          const EpTableColumn *column = ep_table_get_column (table, j);
          g_autofree guint8 *missing = NULL;
          g_autofree gpointer scratch = NULL;
          g_autofree char *levels = NULL;
          gsize missing_bytes, cells_bytes = (gsize) n_rows * cell_size (column->type);
          const void *cells;

          if (check_cancelled (cancellable, error))
            goto out;
          /* SQLite's limit on one value (SQLITE_MAX_LENGTH, 1e9 bytes by default). */
          if (cells_bytes > (gsize) sqlite3_limit (w->db, SQLITE_LIMIT_LENGTH, -1))
            {
              g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_TOO_LARGE,
                           _("%s: cohort “%s”, column “%s”: too many rows to store (%u)"),
                           w->display, cohort->name, column->name, n_rows);
              goto out;
            }

          cells = encode_cells (column, n_rows, &missing, &missing_bytes, &scratch);
          if (column->type == EP_COLUMN_CATEGORY)
            levels = levels_to_json (column->levels);

          sqlite3_bind_int64 (column_stmt, 1, c);
          sqlite3_bind_int64 (column_stmt, 2, j);
          bind_text (column_stmt, 3, column->name);
          bind_text (column_stmt, 4, column->label);
          bind_text (column_stmt, 5, type_to_nick (column->type));
          bind_text (column_stmt, 6, cohort->roles != NULL && cohort->roles[j] != NULL
                                     ? cohort->roles[j] : "none");
          bind_text (column_stmt, 7, levels);
          if (missing != NULL)
            sqlite3_bind_blob64 (column_stmt, 8, missing, missing_bytes, SQLITE_STATIC);
          else
            sqlite3_bind_null (column_stmt, 8);
          /* a zero-length BLOB, not NULL, for a cohort of no rows */
          sqlite3_bind_blob64 (column_stmt, 9, cells_bytes > 0 ? cells : "", cells_bytes,
                               SQLITE_STATIC);
          if (!step_done (w, column_stmt, error))
            goto out;

          done += n_rows;
          if (progress != NULL)
            progress (done / total, progress_data);
        }

      if (!write_endpoints (w, endpoint_stmt, c, cohort, error))
        goto out;
      done += 1;
    }

  ok = TRUE;

out:
  sqlite3_finalize (cohort_stmt);
  sqlite3_finalize (column_stmt);
  sqlite3_finalize (endpoint_stmt);
  return ok;
}

/* fsync a file or a directory by path. */
static gboolean
sync_path (const char  *path,
           gboolean     directory,
           const char  *display,
           GError     **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int saved_errno;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_IO,
                   _("%s: cannot save the project (sync: %s)"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
write_database (Writer                *w,
                const char            *tmp_path,
                EpProjectData         *data,
                EpProjectProgressFunc  progress,
                gpointer               progress_data,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autofree char *pragmas = NULL;

  if (sqlite3_open_v2 (tmp_path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    return write_failed (w, "open", error);
  sqlite3_extended_result_codes (w->db, 1);

  /* The file is new and private until the rename: no journal is needed (a crash leaves only
   * the temporary file, which is discarded), and it is synced once, by us, before the rename.
   * SQLite's default 4 KiB pages: a small project stays small (about 50 KB), and a million-cell
   * BLOB still saves and loads at disk speed (bench/ep-bench-project.c). */
  pragmas = g_strdup_printf ("PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; "
                             "PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; "
                             "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                             EP_PROJECT_APPLICATION_ID, EP_PROJECT_SCHEMA_VERSION);
  if (!exec (w, pragmas, error) || !exec (w, "BEGIN", error))
    return FALSE;
  for (guint k = 0; schema_v1[k] != NULL; k++)
    if (!exec (w, schema_v1[k], error))
      return FALSE;

  if (!write_meta (w, data, error) ||
      !write_cohorts (w, data, progress, progress_data, cancellable, error) ||
      !write_items (w, "INSERT INTO analysis (position, name, kind, source, options) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)", data->analyses, error) ||
      !write_items (w, "INSERT INTO figure (position, name, kind, source, options) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)", data->figures, error) ||
      !write_selections (w, data->selections, error))
    return FALSE;

  if (check_cancelled (cancellable, error))
    return FALSE;

  return exec (w, "COMMIT", error);
}

gboolean
ep_project_store_save (EpProjectData          *data,
                       const char             *path,
                       EpProjectProgressFunc   progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  Writer w = { NULL, NULL };
  struct stat st;
  gboolean ok;
  int fd;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_path_get_basename (path);
  dir = g_path_get_dirname (path);
  w.display = display;

  if (check_cancelled (cancellable, error))
    return FALSE;

  if (data->created == NULL)
    data->created = g_date_time_new_now_utc ();
  g_clear_pointer (&data->modified, g_date_time_unref);
  data->modified = g_date_time_new_now_utc ();
  g_free (data->app_version);
  data->app_version = g_strdup (PACKAGE_VERSION);

  /* Beside the target, so that the rename stays within one file system. */
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, display);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_IO,
                   _("%s: cannot save the project (%s)"), display, g_strerror (saved_errno));
      return FALSE;
    }
  /* Keep the permissions of the file we replace. */
  if (g_stat (path, &st) == 0)
    (void) fchmod (fd, st.st_mode & 07777);
  close (fd);

  ok = write_database (&w, tmp_path, data, progress, progress_data, cancellable, error);
  if (w.db != NULL && sqlite3_close (w.db) != SQLITE_OK && ok)
    ok = write_failed (&w, "close", error);

  if (ok)
    ok = sync_path (tmp_path, FALSE, display, error);
  if (ok && g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_IO,
                   _("%s: cannot save the project (%s)"), display, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp_path);
      return FALSE;
    }

  /* The rename itself is durable once the directory is synced. */
  if (!sync_path (dir, TRUE, display, error))
    return FALSE;

  if (progress != NULL)
    progress (1.0, progress_data);

  return TRUE;
}

/* Opening */

typedef struct
{
  sqlite3     *db;
  const char  *display;
} Reader;

static gboolean
read_failed (Reader       *r,
             GError      **error)
{
  int rc = sqlite3_errcode (r->db) & 0xff;

  if (rc == SQLITE_NOTADB)
    g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_NOT_PROJECT,
                 _("%s: not an Endpoint project (not a SQLite database)"), r->display);
  else if (rc == SQLITE_CORRUPT)
    g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_CORRUPT,
                 _("%s: the project file is damaged (%s)"), r->display, sqlite3_errmsg (r->db));
  else if (rc == SQLITE_NOMEM || rc == SQLITE_TOOBIG)
    g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_TOO_LARGE,
                 _("%s: the project is too large to open (%s)"), r->display,
                 sqlite3_errmsg (r->db));
  else
    g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_IO,
                 _("%s: cannot read the project (%s)"), r->display, sqlite3_errmsg (r->db));
  return FALSE;
}

static gboolean invalid (Reader      *r,
                         GError     **error,
                         const char  *format,
                         ...) G_GNUC_PRINTF (3, 4);

/* "aml.endpoint: " + the message */
static gboolean
invalid (Reader      *r,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_INVALID, "%s: %s",
               r->display, message);
  return FALSE;
}

static gboolean
query_int (Reader      *r,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (r->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return read_failed (r, error);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return read_failed (r, error);
    }
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* The schema of a database as sorted "type name tbl_name sql" lines. */
static GPtrArray *
read_schema (sqlite3 *db)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                              "ORDER BY type, name", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sql = (const char *) sqlite3_column_text (stmt, 3);

      g_ptr_array_add (lines, g_strdup_printf ("%s\t%s\t%s\t%s",
                                               sqlite3_column_text (stmt, 0),
                                               sqlite3_column_text (stmt, 1),
                                               sqlite3_column_text (stmt, 2),
                                               sql != NULL ? sql : ""));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&lines);
}

/* What sqlite_schema holds in a database made by the statements of a schema version. */
static GPtrArray *
expected_schema (const char * const *schema)
{
  sqlite3 *db = NULL;
  GPtrArray *lines = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL)
      == SQLITE_OK)
    {
      gboolean ok = TRUE;

      for (guint k = 0; ok && schema[k] != NULL; k++)
        ok = sqlite3_exec (db, schema[k], NULL, NULL, NULL) == SQLITE_OK;
      if (ok)
        lines = read_schema (db);
    }
  sqlite3_close (db);

  g_return_val_if_fail (lines != NULL, NULL);
  return lines;
}

static gboolean
verify_schema (Reader               *r,
               const SchemaVersion  *version,
               GError              **error)
{
  g_autoptr(GPtrArray) expected = expected_schema (version->schema);
  g_autoptr(GPtrArray) found = read_schema (r->db);

  if (found == NULL)
    return read_failed (r, error);
  g_return_val_if_fail (expected != NULL, FALSE);

  for (guint k = 0; k < found->len; k++)
    {
      const char *line = g_ptr_array_index (found, k);
      gboolean known = FALSE;

      for (guint e = 0; !known && e < expected->len; e++)
        known = strcmp (line, g_ptr_array_index (expected, e)) == 0;
      if (!known)
        {
          g_auto(GStrv) fields = g_strsplit (line, "\t", 3);

          g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_SCHEMA,
                       _("%s: not a valid Endpoint project: unexpected or altered %s “%s” in "
                         "its schema (project format version %u)"),
                       r->display, fields[0], fields[1] != NULL ? fields[1] : "", version->version);
          return FALSE;
        }
    }
  if (found->len != expected->len)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_SCHEMA,
                   _("%s: not a valid Endpoint project: tables of the project format "
                     "(version %u) are missing"), r->display, version->version);
      return FALSE;
    }
  return TRUE;
}

/* Text of a column that must be there and be UTF-8. */
static gboolean
get_text (Reader        *r,
          sqlite3_stmt  *stmt,
          int            index,
          gboolean       nullable,
          const char    *where,
          const char   **text,
          GError       **error)
{
  int type = sqlite3_column_type (stmt, index);

  if (type == SQLITE_NULL && nullable)
    {
      *text = NULL;
      return TRUE;
    }
  if (type != SQLITE_TEXT)
    return invalid (r, error, _("%s: “%s” is not text"), where,
                    sqlite3_column_name (stmt, index));
  *text = (const char *) sqlite3_column_text (stmt, index);
  if (*text == NULL)
    return read_failed (r, error);
  if (!g_utf8_validate (*text, sqlite3_column_bytes (stmt, index), NULL) ||
      (gsize) sqlite3_column_bytes (stmt, index) != strlen (*text))
    return invalid (r, error, _("%s: “%s” is not valid UTF-8 text"), where,
                    sqlite3_column_name (stmt, index));
  return TRUE;
}

static gboolean
get_json_object (Reader        *r,
                 sqlite3_stmt  *stmt,
                 int            index,
                 const char    *where,
                 char         **out,
                 GError       **error)
{
  const char *text;

  if (!get_text (r, stmt, index, FALSE, where, &text, error))
    return FALSE;
  if (!is_json_object (text))
    return invalid (r, error, _("%s: “%s” is not a JSON object"), where,
                    sqlite3_column_name (stmt, index));
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
get_json_strv (Reader        *r,
               sqlite3_stmt  *stmt,
               int            index,
               const char    *where,
               char        ***out,
               GError       **error)
{
  const char *text;

  if (!get_text (r, stmt, index, FALSE, where, &text, error))
    return FALSE;
  *out = strv_from_json (text);
  if (*out == NULL)
    return invalid (r, error, _("%s: “%s” is not a JSON array of texts"), where,
                    sqlite3_column_name (stmt, index));
  return TRUE;
}

static gboolean
get_position (Reader        *r,
              sqlite3_stmt  *stmt,
              int            index,
              gint64         expected,
              const char    *where,
              GError       **error)
{
  if (sqlite3_column_type (stmt, index) != SQLITE_INTEGER ||
      sqlite3_column_int64 (stmt, index) != expected)
    return invalid (r, error, _("%s: positions are not 0, 1, 2, …"), where);
  return TRUE;
}

/* Reads a BLOB straight into dest (bytes long, checked by the caller). */
static gboolean
read_blob (Reader      *r,
           const char  *column,
           gint64       rowid,
           void        *dest,
           gsize        bytes,
           GError     **error)
{
  sqlite3_blob *blob = NULL;
  gboolean ok;

  if (bytes == 0)
    return TRUE;
  if (sqlite3_blob_open (r->db, "main", "cohort_column", column, rowid, 0, &blob) != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      return read_failed (r, error);
    }
  ok = (gsize) sqlite3_blob_bytes (blob) == bytes &&
       sqlite3_blob_read (blob, dest, (int) bytes, 0) == SQLITE_OK;
  if (!ok)
    read_failed (r, error);
  sqlite3_blob_close (blob);
  return ok;
}

/* Decodes cells (little-endian, in place) against the missing bitmap and checks each value. */
static gboolean
decode_cells (Reader         *r,
              EpTableColumn  *column,
              guint           n_rows,
              const guint8   *missing,
              const char     *where,
              GError        **error)
{
  guint n_levels = column->levels != NULL ? column->levels->len : 0;

#if G_BYTE_ORDER == G_BIG_ENDIAN
  {
    gsize size = cell_size (column->type);
    guint8 *cells = (guint8 *) column->values->data;

    for (gsize i = 0; size > 1 && i < n_rows; i++)
      for (gsize b = 0; b < size / 2; b++)
        {
          guint8 t = cells[i * size + b];
          cells[i * size + b] = cells[i * size + size - 1 - b];
          cells[i * size + size - 1 - b] = t;
        }
  }
#endif

  for (guint i = 0; i < n_rows; i++)
    {
      gboolean is_missing = missing != NULL && (missing[i >> 3] >> (i & 7)) & 1;

      if (is_missing)
        {
          ep_table_column_set_missing (column, i);
          continue;
        }

      switch (column->type)
        {
        case EP_COLUMN_NUMBER:
          if (isnan (g_array_index (column->values, double, i)))
            return invalid (r, error, _("%s: row %u is NaN but not marked missing"), where, i + 1);
          break;
        case EP_COLUMN_CATEGORY:
          {
            gint32 code = g_array_index (column->values, gint32, i);

            if (code < 0 || (guint) code >= n_levels)
              return invalid (r, error, _("%s: row %u: category code %d is not one of the %u "
                                          "levels"), where, i + 1, code, n_levels);
          }
          break;
        case EP_COLUMN_YESNO:
          {
            gint8 value = g_array_index (column->values, gint8, i);

            if (value != 0 && value != 1)
              return invalid (r, error, _("%s: row %u: %d is not yes (1) or no (0)"), where,
                              i + 1, value);
          }
          break;
        case EP_COLUMN_DATE:
          if (g_array_index (column->values, gint32, i) == EP_DATE_MISSING)
            return invalid (r, error, _("%s: row %u is the missing date but not marked "
                                        "missing"), where, i + 1);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static gboolean
read_columns (Reader            *r,
              sqlite3_stmt      *stmt,
              EpProjectCohort   *cohort,
              gint64             cohort_id,
              guint              n_rows,
              double            *done,
              double             total,
              EpProjectProgressFunc progress,
              gpointer           progress_data,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);
  gint64 position = 0;
  int rc;

  sqlite3_bind_int64 (stmt, 1, cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EpTableColumn) column = NULL;
      g_autofree char *where = NULL;
      g_autofree guint8 *missing = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *name, *label, *type_nick, *role, *levels;
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      gint64 missing_bytes = sqlite3_column_int64 (stmt, 8);
      gint64 cells_bytes = sqlite3_column_int64 (stmt, 10);
      const char *missing_type = (const char *) sqlite3_column_text (stmt, 7);
      const char *cells_type = (const char *) sqlite3_column_text (stmt, 9);
      gboolean has_missing;
      EpColumnType type;

      if (check_cancelled (cancellable, error))
        return FALSE;

      where = g_strdup_printf (_("cohort “%s”, column %u"), cohort->name, (guint) position + 1);
      if (!get_position (r, stmt, 1, position, where, error) ||
          !get_text (r, stmt, 2, FALSE, where, &name, error))
        return FALSE;
      g_free (where);
      where = g_strdup_printf (_("cohort “%s”, column “%s”"), cohort->name, name);
      if (!get_text (r, stmt, 3, TRUE, where, &label, error) ||
          !get_text (r, stmt, 4, FALSE, where, &type_nick, error) ||
          !get_text (r, stmt, 5, FALSE, where, &role, error) ||
          !get_text (r, stmt, 6, TRUE, where, &levels, error))
        return FALSE;
      if (!type_from_nick (type_nick, &type))
        return invalid (r, error, _("%s: unknown type “%s”"), where, type_nick);

      /* Sizes first: nothing is allocated for the cells until the BLOB is known to hold
       * exactly n_rows of them. */
      if (missing_type == NULL || cells_type == NULL)
        return read_failed (r, error);
      has_missing = strcmp (missing_type, "blob") == 0;
      if (!has_missing && strcmp (missing_type, "null") != 0)
        return invalid (r, error, _("%s: “missing” is not a BLOB"), where);
      if (strcmp (cells_type, "blob") != 0)
        return invalid (r, error, _("%s: “cells” is not a BLOB"), where);
      if ((guint64) cells_bytes != (guint64) n_rows * cell_size (type))
        return invalid (r, error, _("%s: %lld bytes of cells stored where the cohort has %u "
                                    "rows of %u bytes"),
                        where, (long long) cells_bytes, n_rows, (guint) cell_size (type));
      if (has_missing &&
          (guint64) missing_bytes != ((guint64) n_rows + 7) / 8)
        return invalid (r, error, _("%s: the missing-cell bitmap has %lld bytes where %u rows "
                                    "need %u"),
                        where, (long long) missing_bytes, n_rows, (n_rows + 7) / 8);

      column = ep_table_column_new (name, type, 0);
      column->label = g_strdup (label);
      if (type == EP_COLUMN_CATEGORY)
        {
          g_auto(GStrv) texts = levels != NULL ? strv_from_json (levels) : NULL;

          if (texts == NULL)
            return invalid (r, error, _("%s: “levels” is not a JSON array of texts"), where);
          for (guint k = 0; texts[k] != NULL; k++)
            g_ptr_array_add (column->levels, g_strdup (texts[k]));
        }
      else if (levels != NULL)
        return invalid (r, error, _("%s: levels given for a column that is not a category"),
                        where);

      g_array_set_size (column->values, n_rows);
      if (!read_blob (r, "cells", rowid, column->values->data, (gsize) cells_bytes, error))
        return FALSE;
      if (has_missing)
        {
          missing = g_malloc ((gsize) missing_bytes);
          if (!read_blob (r, "missing", rowid, missing, (gsize) missing_bytes, error))
            return FALSE;
        }
      if (!decode_cells (r, column, n_rows, missing, where, error))
        return FALSE;

      if (!ep_table_insert_column (cohort->table, ep_table_get_n_columns (cohort->table),
                                   g_steal_pointer (&column), &local_error))
        return invalid (r, error, "%s: %s", where, local_error->message);
      g_ptr_array_add (roles, g_strdup (role));

      position++;
      *done += n_rows;
      if (progress != NULL && total > 0)
        progress (MIN (*done / total, 1.0), progress_data);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return read_failed (r, error);

  g_ptr_array_add (roles, NULL);
  g_strfreev (cohort->roles);
  cohort->roles = (char **) g_ptr_array_free (g_steal_pointer (&roles), FALSE);
  return TRUE;
}

static gboolean
read_endpoints (Reader          *r,
                sqlite3_stmt    *stmt,
                EpProjectCohort *cohort,
                gint64           cohort_id,
                GError         **error)
{
  gint64 position = 0;
  int rc;

  sqlite3_bind_int64 (stmt, 1, cohort_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *where = g_strdup_printf (_("cohort “%s”, endpoint %u"), cohort->name,
                                                (guint) position + 1);
      g_auto(GStrv) codes = NULL;
      const char *name, *source, *time_column, *start_column, *end_column, *event_column, *unit;

      if (!get_position (r, stmt, 0, position, where, error) ||
          !get_text (r, stmt, 1, FALSE, where, &name, error) ||
          !get_text (r, stmt, 2, FALSE, where, &source, error) ||
          !get_text (r, stmt, 3, TRUE, where, &time_column, error) ||
          !get_text (r, stmt, 4, TRUE, where, &start_column, error) ||
          !get_text (r, stmt, 5, TRUE, where, &end_column, error) ||
          !get_text (r, stmt, 6, FALSE, where, &event_column, error) ||
          !get_json_strv (r, stmt, 7, where, &codes, error) ||
          !get_text (r, stmt, 8, FALSE, where, &unit, error))
        return FALSE;

      g_ptr_array_add (cohort->endpoints,
                       ep_project_endpoint_new (name, source, time_column, start_column,
                                                end_column, event_column,
                                                (const char * const *) codes, unit));
      position++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return read_failed (r, error);
  return TRUE;
}

static gboolean
read_cohorts (Reader                *r,
              EpProjectData         *data,
              EpProjectProgressFunc  progress,
              gpointer               progress_data,
              GCancellable          *cancellable,
              GError               **error)
{
  sqlite3_stmt *cohorts = NULL, *columns = NULL, *endpoints = NULL;
  gint64 orphans = 0, total_cells = 0;
  double done = 0;
  gint64 position = 0;
  gboolean ok = FALSE;
  int rc;

  /* Rows that belong to no cohort are a damaged (or forged) file. */
  if (!query_int (r, "SELECT (SELECT count(*) FROM cohort_column WHERE cohort_id NOT IN "
                     "(SELECT id FROM cohort)) + (SELECT count(*) FROM endpoint WHERE "
                     "cohort_id NOT IN (SELECT id FROM cohort))", &orphans, error) ||
      !query_int (r, "SELECT total(c.n_rows) FROM cohort_column JOIN cohort AS c ON "
                     "c.id = cohort_id", &total_cells, error))
    return FALSE;
  if (orphans > 0)
    return invalid (r, error, _("%lld columns or endpoints belong to no cohort"),
                    (long long) orphans);

  if (sqlite3_prepare_v2 (r->db, "SELECT id, name, n_rows FROM cohort ORDER BY id", -1,
                          &cohorts, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (r->db, "SELECT rowid, position, name, label, type, role, levels, "
                                 "typeof(missing), length(missing), typeof(cells), "
                                 "length(cells) FROM cohort_column "
                                 "WHERE cohort_id = ?1 ORDER BY position", -1,
                          &columns, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (r->db, "SELECT position, name, source, time_column, start_column, "
                                 "end_column, event_column, event_codes, unit FROM endpoint "
                                 "WHERE cohort_id = ?1 ORDER BY position", -1,
                          &endpoints, NULL) != SQLITE_OK)
    {
      read_failed (r, error);
      goto out;
    }

  while ((rc = sqlite3_step (cohorts)) == SQLITE_ROW)
    {
      g_autofree char *where = g_strdup_printf (_("cohort %u"), (guint) position + 1);
      g_autoptr(EpProjectCohort) cohort = NULL;
      gint64 id = sqlite3_column_int64 (cohorts, 0);
      gint64 n_rows = sqlite3_column_int64 (cohorts, 2);
      const char *name;

      if (!get_position (r, cohorts, 0, position, where, error) ||
          !get_text (r, cohorts, 1, FALSE, where, &name, error))
        goto out;
      /* A declared size is checked before anything is sized from it. */
      if (sqlite3_column_type (cohorts, 2) != SQLITE_INTEGER || n_rows < 0 ||
          n_rows > G_MAXINT32)
        {
          g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_TOO_LARGE,
                       _("%s: cohort “%s” declares %s rows, more than Endpoint can hold"),
                       r->display, name, sqlite3_column_text (cohorts, 2));
          goto out;
        }

      cohort = ep_project_cohort_new (name, ep_table_new ((guint) n_rows), NULL);
      if (!read_columns (r, columns, cohort, id, (guint) n_rows, &done, (double) total_cells,
                         progress, progress_data, cancellable, error) ||
          !read_endpoints (r, endpoints, cohort, id, error))
        goto out;
      g_ptr_array_add (data->cohorts, g_steal_pointer (&cohort));
      position++;
    }
  if (rc != SQLITE_DONE)
    {
      read_failed (r, error);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (cohorts);
  sqlite3_finalize (columns);
  sqlite3_finalize (endpoints);
  return ok;
}

static gboolean
read_items (Reader      *r,
            const char  *table,
            GPtrArray   *items,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT position, name, kind, source, options FROM %s "
                                          "ORDER BY position", table);
  sqlite3_stmt *stmt = NULL;
  gint64 position = 0;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (r->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return read_failed (r, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *where = g_strdup_printf ("%s %u", table, (guint) position + 1);
      g_autofree char *options = NULL;
      const char *name, *kind, *source;
      EpProjectItem *item;

      if (!get_position (r, stmt, 0, position, where, error) ||
          !get_text (r, stmt, 1, FALSE, where, &name, error) ||
          !get_text (r, stmt, 2, FALSE, where, &kind, error) ||
          !get_text (r, stmt, 3, TRUE, where, &source, error) ||
          !get_json_object (r, stmt, 4, where, &options, error))
        goto out;
      item = ep_project_item_new (name, kind, source, NULL);
      g_free (item->options);
      item->options = g_steal_pointer (&options);
      g_ptr_array_add (items, item);
      position++;
    }
  if (rc != SQLITE_DONE)
    {
      read_failed (r, error);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
read_selections (Reader     *r,
                 GPtrArray  *selections,
                 GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 position = 0;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (r->db, "SELECT position, name, trial_ids, options FROM "
                                 "trial_selection ORDER BY position", -1, &stmt, NULL)
      != SQLITE_OK)
    return read_failed (r, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *where = g_strdup_printf (_("trial selection %u"), (guint) position + 1);
      g_autofree char *options = NULL;
      g_auto(GStrv) ids = NULL;
      const char *name;
      EpProjectSelection *selection;

      if (!get_position (r, stmt, 0, position, where, error) ||
          !get_text (r, stmt, 1, FALSE, where, &name, error) ||
          !get_json_strv (r, stmt, 2, where, &ids, error) ||
          !get_json_object (r, stmt, 3, where, &options, error))
        goto out;
      selection = ep_project_selection_new (name, (const char * const *) ids, NULL);
      g_free (selection->options);
      selection->options = g_steal_pointer (&options);
      g_ptr_array_add (selections, selection);
      position++;
    }
  if (rc != SQLITE_DONE)
    {
      read_failed (r, error);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
read_meta (Reader         *r,
           EpProjectData  *data,
           GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (sqlite3_prepare_v2 (r->db, "SELECT key, value FROM meta", -1, &stmt, NULL) != SQLITE_OK)
    return read_failed (r, error);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key, *value;

      ok = get_text (r, stmt, 0, FALSE, "meta", &key, error) &&
           get_text (r, stmt, 1, FALSE, "meta", &value, error);
      if (!ok)
        break;
      if (strcmp (key, "app_version") == 0)
        {
          g_free (data->app_version);
          data->app_version = g_strdup (value);
        }
      else if (strcmp (key, "created") == 0 || strcmp (key, "modified") == 0)
        {
          GDateTime *time = g_date_time_new_from_iso8601 (value, NULL);

          if (time == NULL)
            {
              ok = invalid (r, error, _("meta: %s “%s” is not an ISO 8601 time"), key, value);
              break;
            }
          if (key[0] == 'c')
            {
              g_clear_pointer (&data->created, g_date_time_unref);
              data->created = time;
            }
          else
            {
              g_clear_pointer (&data->modified, g_date_time_unref);
              data->modified = time;
            }
        }
      else if (strcmp (key, "origin") == 0)
        {
          g_free (data->origin);
          data->origin = g_strdup (value);
        }
      else if (strcmp (key, "format") == 0 && strcmp (value, "endpoint-project") != 0)
        {
          ok = invalid (r, error, _("meta: unknown format “%s”"), value);
          break;
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = read_failed (r, error);
  sqlite3_finalize (stmt);

  return ok;
}

/* The 100-byte SQLite header (https://sqlite.org/fileformat.html#the_database_header), read
 * before SQLite sees the file, so that a text file, a truncated copy or another application's
 * database gets a message that says so. */
static gboolean
check_header (const char  *path,
              const char  *display,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  guint8 header[100];
  GStatBuf st;
  FILE *file = g_fopen (path, "rbe");
  guint32 page_size, n_pages, application_id;
  gsize n;

  if (file == NULL || g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (file != NULL)
        fclose (file);
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_IO,
                   _("%s: cannot open the project (%s)"), display, g_strerror (saved_errno));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n < sizeof magic || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_NOT_PROJECT,
                   _("%s: not an Endpoint project (not a SQLite database)"), display);
      return FALSE;
    }
  if (n < sizeof header)
    goto truncated;

  application_id = (guint32) header[68] << 24 | (guint32) header[69] << 16 |
                   (guint32) header[70] << 8 | header[71];
  if (application_id != EP_PROJECT_APPLICATION_ID)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_NOT_PROJECT,
                   _("%s: not an Endpoint project (a SQLite database of another application)"),
                   display);
      return FALSE;
    }

  /* Written with a rollback journal (bytes 18 and 19 are 1), as ep_project_store_save() does:
   * a write-ahead-log database would need its -wal and -shm files beside it. */
  if (header[18] != 1 || header[19] != 1)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_SCHEMA,
                   _("%s: not a valid Endpoint project (a write-ahead-log database)"), display);
      return FALSE;
    }

  /* page size: a power of two from 512 to 65536 (stored as 1) */
  page_size = (guint32) header[16] << 8 | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = (guint32) header[28] << 24 | (guint32) header[29] << 16 |
            (guint32) header[30] << 8 | header[31];
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_CORRUPT,
                   _("%s: the project file is damaged (bad page size %u)"), display, page_size);
      return FALSE;
    }
  if ((guint64) st.st_size < page_size || (guint64) st.st_size % page_size != 0 ||
      (guint64) n_pages * page_size > (guint64) st.st_size)
    goto truncated;

  return TRUE;

truncated:
  g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_CORRUPT,
               _("%s: the project file is damaged (it ends early: truncated?)"), display);
  return FALSE;
}

/* Connection settings for a file nobody vouches for (https://sqlite.org/security.html). */
static void
harden (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_enable_load_extension (db, 0);
  sqlite3_exec (db, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
  /* Never more than one value of SQLite's default maximum (1e9 bytes) in memory. */
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, 1000000000);
}

/* Copies the file's database into memory and runs the migration steps from version
 * `from` to the current one there; the file is not touched. */
static gboolean
migrate (Reader   *r,
         guint     from,
         GError  **error)
{
  sqlite3 *memory = NULL;
  sqlite3_backup *backup;
  g_autofree char *pragma = NULL;

  if (sqlite3_open_v2 (":memory:", &memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL)
      != SQLITE_OK)
    {
      sqlite3_close (memory);
      return read_failed (r, error);
    }
  harden (memory);
  backup = sqlite3_backup_init (memory, "main", r->db, "main");
  if (backup == NULL || sqlite3_backup_step (backup, -1) != SQLITE_DONE)
    {
      sqlite3_backup_finish (backup);
      sqlite3_close (memory);
      return read_failed (r, error);
    }
  sqlite3_backup_finish (backup);
  sqlite3_close (r->db);
  r->db = memory;

  if (sqlite3_exec (r->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return read_failed (r, error);
  for (guint v = from; v < EP_PROJECT_SCHEMA_VERSION; v++)
    if (!versions[v - 1].step_to_next (r->db, error))
      return FALSE;
  pragma = g_strdup_printf ("PRAGMA user_version = %d", EP_PROJECT_SCHEMA_VERSION);
  if (sqlite3_exec (r->db, pragma, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (r->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    return read_failed (r, error);

  return verify_schema (r, &versions[EP_PROJECT_SCHEMA_VERSION - 1], error);
}

static EpProjectData *
open_database (Reader                *r,
               const char            *path,
               gboolean               meta_only,
               EpProjectProgressFunc  progress,
               gpointer               progress_data,
               GCancellable          *cancellable,
               GError               **error)
{
  g_autoptr(EpProjectData) data = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 application_id, user_version;
  gboolean integrity_ok = FALSE;
  g_autofree char *integrity = NULL;

  if (!check_header (path, r->display, error))
    return NULL;

  if (sqlite3_open_v2 (path, &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    {
      read_failed (r, error);
      return NULL;
    }
  sqlite3_extended_result_codes (r->db, 1);
  harden (r->db);

  /* The header's fields (no row of the file is read for these). */
  if (!query_int (r, "PRAGMA application_id", &application_id, error) ||
      !query_int (r, "PRAGMA user_version", &user_version, error))
    return NULL;
  if (application_id != EP_PROJECT_APPLICATION_ID)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_NOT_PROJECT,
                   _("%s: not an Endpoint project (a SQLite database of another application)"),
                   r->display);
      return NULL;
    }
  if (user_version > EP_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_NEWER,
                   _("%s: this project was saved by a newer version of Endpoint (project "
                     "format %lld; this version reads formats up to %d). "
                     "Update Endpoint to open it."),
                   r->display, (long long) user_version, EP_PROJECT_SCHEMA_VERSION);
      return NULL;
    }
  if (user_version < 1)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_SCHEMA,
                   _("%s: not a valid Endpoint project (format version %lld)"),
                   r->display, (long long) user_version);
      return NULL;
    }

  /* Structure before content: the b-trees, then the schema, then rows. */
  if (sqlite3_prepare_v2 (r->db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    {
      read_failed (r, error);
      return NULL;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);

      integrity_ok = result != NULL && strcmp (result, "ok") == 0;
      integrity = g_strdup (result != NULL ? result : "");
    }
  else
    {
      sqlite3_finalize (stmt);
      read_failed (r, error);
      return NULL;
    }
  sqlite3_finalize (stmt);
  if (!integrity_ok)
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_CORRUPT,
                   _("%s: the project file is damaged (%s)"), r->display, integrity);
      return NULL;
    }

  if (!verify_schema (r, &versions[user_version - 1], error))
    return NULL;
  if (user_version < EP_PROJECT_SCHEMA_VERSION && !migrate (r, (guint) user_version, error))
    return NULL;

  data = ep_project_data_new ();
  data->schema_version = (guint) user_version;
  if (!read_meta (r, data, error))
    return NULL;
  if (meta_only)
    {
      if (data->created == NULL || data->modified == NULL || data->app_version == NULL)
        {
          invalid (r, error, _("meta: app_version, created or modified is missing"));
          return NULL;
        }
      return g_steal_pointer (&data);
    }
  if (!read_cohorts (r, data, progress, progress_data, cancellable, error) ||
      !read_items (r, "analysis", data->analyses, error) ||
      !read_items (r, "figure", data->figures, error) ||
      !read_selections (r, data->selections, error))
    return NULL;
  if (data->created == NULL || data->modified == NULL || data->app_version == NULL)
    {
      invalid (r, error, _("meta: app_version, created or modified is missing"));
      return NULL;
    }

  if (progress != NULL)
    progress (1.0, progress_data);

  return g_steal_pointer (&data);
}

EpProjectData *
ep_project_store_open (const char             *path,
                       EpProjectProgressFunc   progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autofree char *display = NULL;
  Reader r = { NULL, NULL };
  EpProjectData *data;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_path_get_basename (path);
  r.display = display;

  data = open_database (&r, path, FALSE, progress, progress_data, cancellable, error);
  sqlite3_close (r.db);

  return data;
}

EpProjectData *
ep_project_store_open_meta (const char  *path,
                            GError     **error)
{
  g_autofree char *display = NULL;
  Reader r = { NULL, NULL };
  EpProjectData *data;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_path_get_basename (path);
  r.display = display;

  data = open_database (&r, path, TRUE, NULL, NULL, NULL, error);
  sqlite3_close (r.db);

  return data;
}
