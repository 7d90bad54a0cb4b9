/* ep-project-store-writer.c: writing a project file
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ep_project_store_save() writes the whole project into a new SQLite database beside the
 * target (schema and README of the current version, then meta, cohorts with their columns as
 * BLOBs, endpoints, analyses, figures, trial selections), syncs it and renames it over the
 * target, so that a crash leaves either the old file or the new one.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/ep-catalog-reader.h"
#include "io/ep-file-check.h"
#include "io/ep-labels.h"
#include "io/ep-project-store-private.h"

/* What the README table says, for whoever opens the file with the sqlite3 shell. */
static const char * const readme_v1[][2] = {
  { "0 about",
    "An Endpoint project file (the format is described in docs/project-format.md of Endpoint's "
    "sources). "
    "PRAGMA application_id is 0x456e6450 ('EndP'), PRAGMA user_version the schema version." },
  { "meta",
    "key/value: format, app_version (the Endpoint that wrote the file), created and modified "
    "(ISO 8601, UTC); in a recovery file also origin (the project file it is a copy of); optionally "
    "figure_language (en, de, zh_CN or app) and figure_decimal_mark (auto, dot or comma), "
    "the defaults of new figures; combined_cohorts (JSON: each cohort made of the user's "
    "patients and a reconstructed published arm, with what it was made from)." },
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
    "Analyses in order: name (an id that figures refer to), kind, source (the cohort's name), "
    "options (JSON)." },
  { "analysis_result",
    "The last result of the analysis at the same position, as JSON (the fits and the tables "
    "as shown), and the SHA-256 fingerprint of the cohort data it was computed from: opening "
    "shows it without computing; a fingerprint that does not match the data means the result "
    "is computed again." },
  { "figure",
    "Figures in order: name, kind, source (the analysis or cohort), options (JSON, with the "
    "plot style)." },
  { "cohort_labels",
    "The labels of a cohort's columns (issue 13), as JSON: {\"columns\": {NAME: {\"name\": "
    "display name, \"levels\": [{\"value\": cell text, \"label\": display label}, ...]}}}; the "
    "levels in the order tables and figures show them, the first being a factor's reference. "
    "The same mapping endpoint-cli reads with --labels." },
  { "trial_selection",
    "Trials picked from the catalog: trial_ids (JSON array of catalog ids) and the "
    "meta-analysis options (JSON)." },
  { "user_trial",
    "The user's own trial arms: record is one arm in the trial catalog's JSON schema "
    "(schema_version 2, see Endpoint's docs/catalog.md), id its id." },
  { "digitized_figure",
    "Published figures opened in the digitizer: the image file's bytes (PNG, JPEG, SVG or "
    "PDF) and name, the PDF page, the citation, and ticks: a JSON array of the four axis "
    "ticks [{\"px\": image units, \"value\": v}] (time x1, x2; survival y1, y2), [] before "
    "calibration." },
  { "digitized_curve",
    "Curves traced on a digitized_figure (figure = its position): name, color (#rrggbb), "
    "points (little-endian float64 pairs time, survival as a proportion), cohort (the "
    "cohort reconstructed from it, or NULL), trial_id and trial_arm (the catalog arm it is "
    "attached to, or NULL)." },
};

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
  /* what is a step's name; a statement's SQL (what == NULL) is no message for a person */
  if (what == NULL)
    g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_IO,
                 _("%s: cannot save the project (%s)"), w->display,
                 w->db != NULL ? sqlite3_errmsg (w->db) : g_strerror (ENOMEM));
  else
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
    return write_failed (w, NULL, error);
  return TRUE;
}

static gboolean
prepare (Writer        *w,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (w->db, sql, -1, stmt, NULL) != SQLITE_OK)
    return write_failed (w, NULL, error);
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
      write_failed (w, NULL, error);
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
  if (_ep_project_store_cell_size (column->type) > 1)
    {
      gsize size = _ep_project_store_cell_size (column->type);
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
    { "figure_language", data->figure_language },         /* only when set */
    { "figure_decimal_mark", data->figure_decimal_mark },
    { "combined_cohorts", data->combined_cohorts },       /* only when there are any */
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

/* Each analysis's stored result, by its position (schema version 2). */
static gboolean
write_results (Writer     *w,
               GPtrArray  *analyses,
               GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (!prepare (w, "INSERT INTO analysis_result (position, fingerprint, result) "
                   "VALUES (?1, ?2, ?3)", &stmt, error))
    return FALSE;
  for (guint k = 0; ok && k < analyses->len; k++)
    {
      const EpProjectItem *item = g_ptr_array_index (analyses, k);

      if (item->result == NULL || item->fingerprint == NULL)
        continue;
      sqlite3_bind_int64 (stmt, 1, k);
      bind_text (stmt, 2, item->fingerprint);
      bind_text (stmt, 3, item->result);
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

static char *
ticks_to_json (const EpProjectDigitized *digitized)
{
  GString *text = g_string_new ("[");

  for (guint k = 0; digitized->calibrated && k < 4; k++)
    {
      char px[G_ASCII_DTOSTR_BUF_SIZE], value[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (text, "%s{\"px\": %s, \"value\": %s}", k > 0 ? ", " : "",
                              g_ascii_dtostr (px, sizeof px, digitized->tick_px[k]),
                              g_ascii_dtostr (value, sizeof value, digitized->tick_value[k]));
    }
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

/* The digitized figures and their curves (schema version 3). */
static gboolean
write_digitized (Writer     *w,
                 GPtrArray  *digitized,
                 GError    **error)
{
  sqlite3_stmt *figure_stmt = NULL, *curve_stmt = NULL;
  gboolean ok = FALSE;

  if (!prepare (w, "INSERT INTO digitized_figure (position, name, file_name, citation, page, "
                   "image, ticks) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &figure_stmt, error) ||
      !prepare (w, "INSERT INTO digitized_curve (figure, position, name, color, points, cohort, "
                   "trial_id, trial_arm) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                &curve_stmt, error))
    goto out;
  for (guint k = 0; k < digitized->len; k++)
    {
      const EpProjectDigitized *figure = g_ptr_array_index (digitized, k);
      g_autofree char *ticks = ticks_to_json (figure);
      gsize size = 0;
      gconstpointer bytes = g_bytes_get_data (figure->image, &size);

      sqlite3_bind_int64 (figure_stmt, 1, k);
      bind_text (figure_stmt, 2, figure->name);
      bind_text (figure_stmt, 3, figure->file_name);
      bind_text (figure_stmt, 4, figure->citation);
      sqlite3_bind_int64 (figure_stmt, 5, figure->page);
      sqlite3_bind_blob64 (figure_stmt, 6, size > 0 ? bytes : "", size, SQLITE_STATIC);
      bind_text (figure_stmt, 7, ticks);
      if (!step_done (w, figure_stmt, error))
        goto out;

      for (guint c = 0; c < figure->curves->len; c++)
        {
          const EpProjectCurve *curve = g_ptr_array_index (figure->curves, c);
          g_autofree char *color = g_strdup_printf ("#%02x%02x%02x", curve->color[0],
                                                    curve->color[1], curve->color[2]);
          g_autofree double *points = g_new (double, 2 * curve->n + 1);

          for (gsize i = 0; i < curve->n; i++)
            {
              points[2 * i] = curve->time[i];
              points[2 * i + 1] = curve->surv[i];
            }
#if G_BYTE_ORDER == G_BIG_ENDIAN
          for (gsize i = 0; i < 2 * curve->n; i++)
            {
              guint64 bits;

              memcpy (&bits, &points[i], 8);
              bits = GUINT64_SWAP_LE_BE (bits);
              memcpy (&points[i], &bits, 8);
            }
#endif
          sqlite3_bind_int64 (curve_stmt, 1, k);
          sqlite3_bind_int64 (curve_stmt, 2, c);
          bind_text (curve_stmt, 3, curve->name);
          bind_text (curve_stmt, 4, color);
          sqlite3_bind_blob64 (curve_stmt, 5, points, 2 * curve->n * sizeof (double),
                               SQLITE_STATIC);
          bind_text (curve_stmt, 6, curve->cohort);
          bind_text (curve_stmt, 7, curve->trial_id);
          bind_text (curve_stmt, 8, curve->trial_arm);
          if (!step_done (w, curve_stmt, error))
            goto out;
        }
    }
  ok = TRUE;

out:
  sqlite3_finalize (figure_stmt);
  sqlite3_finalize (curve_stmt);
  return ok;
}

static gboolean
write_user_trials (Writer     *w,
                   GPtrArray  *records,
                   GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (!prepare (w, "INSERT INTO user_trial (position, id, record) VALUES (?1, ?2, ?3)", &stmt,
                error))
    return FALSE;
  for (guint k = 0; ok && k < records->len; k++)
    {
      const char *record = g_ptr_array_index (records, k);
      g_autofree char *id = ep_catalog_record_json_id (record);

      sqlite3_bind_int64 (stmt, 1, k);
      bind_text (stmt, 2, id != NULL ? id : "");
      bind_text (stmt, 3, record);
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
  sqlite3_stmt *labels_stmt = NULL;
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
                &endpoint_stmt, error) ||
      !prepare (w, "INSERT INTO cohort_labels (cohort_id, labels) VALUES (?1, ?2)",
                &labels_stmt, error))
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
          gsize missing_bytes, cells_bytes = (gsize) n_rows * _ep_project_store_cell_size (column->type);
          const void *cells;

          if (_ep_project_store_check_cancelled (cancellable, error))
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
      if (ep_labels_table_has_labels (table))
        {
          g_autofree char *labels = ep_labels_to_text (table);

          sqlite3_bind_int64 (labels_stmt, 1, c);
          bind_text (labels_stmt, 2, labels);
          if (!step_done (w, labels_stmt, error))
            goto out;
        }
      done += 1;
    }

  ok = TRUE;

out:
  sqlite3_finalize (cohort_stmt);
  sqlite3_finalize (column_stmt);
  sqlite3_finalize (endpoint_stmt);
  sqlite3_finalize (labels_stmt);
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
  for (guint k = 0; _ep_project_store_schema_v3[k] != NULL; k++)
    if (!exec (w, _ep_project_store_schema_v3[k], error))
      return FALSE;

  if (!write_meta (w, data, error) ||
      !write_cohorts (w, data, progress, progress_data, cancellable, error) ||
      !write_items (w, "INSERT INTO analysis (position, name, kind, source, options) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)", data->analyses, error) ||
      !write_results (w, data->analyses, error) ||
      !write_items (w, "INSERT INTO figure (position, name, kind, source, options) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)", data->figures, error) ||
      !write_selections (w, data->selections, error) ||
      !write_user_trials (w, data->user_trials, error) ||
      !write_digitized (w, data->digitized, error))
    return FALSE;

  if (_ep_project_store_check_cancelled (cancellable, error))
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

  if (_ep_project_store_check_cancelled (cancellable, error))
    return FALSE;

  if (data->created == NULL)
    data->created = g_date_time_new_now_utc ();
  g_clear_pointer (&data->modified, g_date_time_unref);
  data->modified = g_date_time_new_now_utc ();
  g_free (data->app_version);
  data->app_version = g_strdup (PACKAGE_VERSION);

  /* What a killed save left behind goes first (ep-file-check.c); our own temporary file is
   * flock()ed until the rename so that no other save takes it for stale. */
  ep_file_remove_stale_temps (dir, display);
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
  (void) flock (fd, LOCK_EX | LOCK_NB);
  /* Keep the permissions of the file we replace. */
  if (g_stat (path, &st) == 0)
    (void) fchmod (fd, st.st_mode & 07777);

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
    g_unlink (tmp_path);
  close (fd);
  if (!ok)
    return FALSE;

  /* The rename itself is durable once the directory is synced. */
  if (!sync_path (dir, TRUE, display, error))
    return FALSE;

  if (progress != NULL)
    progress (1.0, progress_data);

  return TRUE;
}
