/* ep-project-store-reader.c: reading and checking a project file
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ep_project_store_open() and ep_project_store_open_meta() read a file nobody vouches for:
 * the SQLite header is checked before SQLite opens it, the connection is hardened, the schema
 * must be one this build knows (an older one is migrated in memory, the file untouched), and
 * every value is checked before it is handed out; a bad file is an error naming it, never a crash.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/ep-catalog-reader.h"
#include "io/ep-json-check.h"
#include "io/ep-labels.h"
#include "io/ep-project-store-private.h"

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

/* A JSON array of strings, or NULL when text is not one. */
static char **
strv_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) strv = NULL;
  JsonNode *root;
  JsonArray *array;

  if (!ep_json_check (text, -1, EP_JSON_MAX_DEPTH, NULL) || !json_parser_load_from_data (parser, text, -1, NULL))
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

  if (!ep_json_check (text, -1, EP_JSON_MAX_DEPTH, NULL) || !json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root);
}

/* Opening */

typedef struct
{
  sqlite3     *db;
  const char  *display;
  GPtrArray   *notes;     /* the open data's notes: what was repaired */
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
  guint n_bad_dates = 0, first_bad_row = 0;
  gint32 first_bad_days = 0;

#if G_BYTE_ORDER == G_BIG_ENDIAN
  {
    gsize size = _ep_project_store_cell_size (column->type);
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
          {
            gint32 days = g_array_index (column->values, gint32, i);

            if (days == EP_DATE_MISSING)
              return invalid (r, error, _("%s: row %u is the missing date but not marked "
                                          "missing"), where, i + 1);
            /* Import refuses a date outside the years 1 to 9999, and date arithmetic counts
             * on the range. A file can still hold one (crafted, or written before import
             * checked ReadStat's dates): it is read as missing, and opening says so. */
            if (!EP_DATE_IN_RANGE (days))
              {
                if (n_bad_dates++ == 0)
                  {
                    first_bad_row = i + 1;
                    first_bad_days = days;
                  }
                ep_table_column_set_missing (column, i);
              }
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (n_bad_dates > 0 && r->notes != NULL)
    g_ptr_array_add (r->notes,
                     g_strdup_printf (ngettext ("%s: %s: %u date outside the years 1 to 9999 "
                                                "is read as missing (row %u: %d days from "
                                                "1970-01-01)",
                                                "%s: %s: %u dates outside the years 1 to 9999 "
                                                "are read as missing (the first in row %u: %d "
                                                "days from 1970-01-01)", n_bad_dates),
                                      r->display, where, n_bad_dates, first_bad_row,
                                      first_bad_days));
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

      if (_ep_project_store_check_cancelled (cancellable, error))
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
      if ((guint64) cells_bytes != (guint64) n_rows * _ep_project_store_cell_size (type))
        return invalid (r, error, _("%s: %lld bytes of cells stored where the cohort has %u "
                                    "rows of %u bytes"),
                        where, (long long) cells_bytes, n_rows, (guint) _ep_project_store_cell_size (type));
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

/* Each cohort's labels (schema 3): applied to its table, checked as a --labels file is. */
static gboolean
read_labels (Reader         *r,
             EpProjectData  *data,
             GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (r->db, "SELECT cohort_id, labels FROM cohort_labels ORDER BY cohort_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return read_failed (r, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *where = NULL;
      g_autoptr(GPtrArray) labels = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *text;
      EpProjectCohort *cohort;

      if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER || id < 0
          || id >= (gint64) data->cohorts->len)
        {
          invalid (r, error, _("cohort_labels: labels for a cohort that does not exist"));
          goto out;
        }
      where = g_strdup_printf ("cohort_labels %u", (guint) id + 1);
      if (!get_text (r, stmt, 1, FALSE, where, &text, error))
        goto out;
      cohort = g_ptr_array_index (data->cohorts, id);
      labels = ep_labels_parse (text, -1, where, &local_error);
      if (labels == NULL || !ep_labels_apply (labels, cohort->table, where, &local_error))
        {
          invalid (r, error, "%s", local_error->message);
          goto out;
        }
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

/* The stored results of the analyses read before (schema version 2; a migrated version 1 file
 * has none). A row for an analysis that does not exist is damage. */
static gboolean
read_results (Reader      *r,
              GPtrArray   *analyses,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (r->db, "SELECT position, fingerprint, result FROM analysis_result "
                                 "ORDER BY position", -1, &stmt, NULL) != SQLITE_OK)
    return read_failed (r, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);
      g_autofree char *where = NULL;
      g_autofree char *result = NULL;
      const char *fingerprint;
      EpProjectItem *item;

      if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER || position < 0
          || position >= (gint64) analyses->len)
        {
          invalid (r, error, _("analysis_result: a result for an analysis that does not exist"));
          goto out;
        }
      where = g_strdup_printf ("analysis_result %u", (guint) position + 1);
      if (!get_text (r, stmt, 1, FALSE, where, &fingerprint, error) ||
          !get_json_object (r, stmt, 2, where, &result, error))
        goto out;
      item = g_ptr_array_index (analyses, position);
      g_free (item->fingerprint);
      item->fingerprint = g_strdup (fingerprint);
      g_free (item->result);
      item->result = g_steal_pointer (&result);
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

/* [] or four {"px": number, "value": number}; FALSE on anything else. */
static gboolean
ticks_from_json (const char         *text,
                 EpProjectDigitized *digitized)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;
  array = json_node_get_array (root);
  if (json_array_get_length (array) == 0)
    return TRUE;
  if (json_array_get_length (array) != 4)
    return FALSE;
  for (guint k = 0; k < 4; k++)
    {
      JsonNode *node = json_array_get_element (array, k);
      JsonObject *tick = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *px = tick != NULL ? json_object_get_member (tick, "px") : NULL;
      JsonNode *value = tick != NULL ? json_object_get_member (tick, "value") : NULL;

      if (px == NULL || value == NULL || json_node_get_value_type (px) == G_TYPE_STRING
          || json_node_get_value_type (value) == G_TYPE_STRING
          || !JSON_NODE_HOLDS_VALUE (px) || !JSON_NODE_HOLDS_VALUE (value))
        return FALSE;
      digitized->tick_px[k] = json_node_get_double (px);
      digitized->tick_value[k] = json_node_get_double (value);
      if (!isfinite (digitized->tick_px[k]) || !isfinite (digitized->tick_value[k]))
        return FALSE;
    }
  digitized->calibrated = TRUE;
  return TRUE;
}

/* The digitized figures and their curves (schema version 3; a migrated older file has none). */
static gboolean
read_digitized (Reader     *r,
                GPtrArray  *digitized,
                GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 position = 0;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (r->db, "SELECT position, name, file_name, citation, page, image, "
                                 "ticks FROM digitized_figure ORDER BY position", -1, &stmt,
                          NULL) != SQLITE_OK)
    return read_failed (r, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *where = g_strdup_printf (_("digitized figure %u"), (guint) position + 1);
      g_autoptr(GBytes) image = NULL;
      const char *name, *file_name, *citation, *ticks;
      gint64 page = sqlite3_column_int64 (stmt, 4);
      EpProjectDigitized *figure;

      if (!get_position (r, stmt, 0, position, where, error) ||
          !get_text (r, stmt, 1, FALSE, where, &name, error) ||
          !get_text (r, stmt, 2, FALSE, where, &file_name, error) ||
          !get_text (r, stmt, 3, TRUE, where, &citation, error))
        goto out;
      if (sqlite3_column_type (stmt, 4) != SQLITE_INTEGER || page < 1 || page > G_MAXINT)
        {
          invalid (r, error, _("%s: the page is not a number from 1"), where);
          goto out;
        }
      if (sqlite3_column_type (stmt, 5) != SQLITE_BLOB)
        {
          invalid (r, error, _("%s: “%s” is not an image"), where, "image");
          goto out;
        }
      image = g_bytes_new (sqlite3_column_blob (stmt, 5), sqlite3_column_bytes (stmt, 5));
      figure = ep_project_digitized_new (name, file_name, (guint) page, image);
      figure->citation = g_strdup (citation);
      g_ptr_array_add (digitized, figure);
      if (!get_text (r, stmt, 6, FALSE, where, &ticks, error))
        goto out;
      if (!ticks_from_json (ticks, figure))
        {
          invalid (r, error, _("%s: the axis ticks are not four ticks with a position and a "
                               "value"), where);
          goto out;
        }
      position++;
    }
  if (rc != SQLITE_DONE)
    {
      read_failed (r, error);
      goto out;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (sqlite3_prepare_v2 (r->db, "SELECT figure, position, name, color, points, cohort, "
                                 "trial_id, trial_arm FROM digitized_curve "
                                 "ORDER BY figure, position", -1, &stmt, NULL) != SQLITE_OK)
    return read_failed (r, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 figure_pos = sqlite3_column_int64 (stmt, 0);
      g_autofree char *where = NULL;
      const char *name, *color, *cohort, *trial_id, *trial_arm;
      const guint8 *blob;
      EpProjectDigitized *figure;
      EpProjectCurve *curve;
      guint rgb[3];
      gsize bytes, n;

      if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER || figure_pos < 0
          || figure_pos >= (gint64) digitized->len)
        {
          invalid (r, error, _("digitized_curve: a curve of a figure that does not exist"));
          goto out;
        }
      figure = g_ptr_array_index (digitized, figure_pos);
      where = g_strdup_printf (_("digitized figure “%s”, curve %u"), figure->name,
                               figure->curves->len + 1);
      if (!get_position (r, stmt, 1, figure->curves->len, where, error) ||
          !get_text (r, stmt, 2, FALSE, where, &name, error) ||
          !get_text (r, stmt, 3, FALSE, where, &color, error) ||
          !get_text (r, stmt, 5, TRUE, where, &cohort, error) ||
          !get_text (r, stmt, 6, TRUE, where, &trial_id, error) ||
          !get_text (r, stmt, 7, TRUE, where, &trial_arm, error))
        goto out;
      if (strlen (color) != 7 || sscanf (color, "#%2x%2x%2x", &rgb[0], &rgb[1], &rgb[2]) != 3)
        {
          invalid (r, error, _("%s: “%s” is not a colour #rrggbb"), where, color);
          goto out;
        }
      bytes = sqlite3_column_type (stmt, 4) == SQLITE_BLOB ? (gsize) sqlite3_column_bytes (stmt, 4)
                                                            : 1;
      if (bytes % (2 * sizeof (double)) != 0)
        {
          invalid (r, error, _("%s: the points are not pairs of numbers"), where);
          goto out;
        }
      n = bytes / (2 * sizeof (double));
      blob = sqlite3_column_blob (stmt, 4);
      curve = ep_project_curve_new (name, (guint8[3]) { rgb[0], rgb[1], rgb[2] }, 0, NULL, NULL);
      g_ptr_array_add (figure->curves, curve);
      curve->n = n;
      curve->time = g_new (double, n + 1);
      curve->surv = g_new (double, n + 1);
      for (gsize i = 0; i < n; i++)
        {
          guint64 bits[2];

          memcpy (bits, blob + 16 * i, 16);
          bits[0] = GUINT64_FROM_LE (bits[0]);
          bits[1] = GUINT64_FROM_LE (bits[1]);
          memcpy (&curve->time[i], &bits[0], 8);
          memcpy (&curve->surv[i], &bits[1], 8);
          if (!isfinite (curve->time[i]) || !isfinite (curve->surv[i]))
            {
              invalid (r, error, _("%s: point %zu is not a number"), where, i + 1);
              goto out;
            }
        }
      curve->cohort = g_strdup (cohort);
      curve->trial_id = g_strdup (trial_id);
      curve->trial_arm = g_strdup (trial_arm);
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

/* The user's own arms (schema version 3): each must be a valid catalog record, and all of
 * them together a valid catalog file (unique ids, links within), checked as the catalog does. */
static gboolean
read_user_trials (Reader     *r,
                  GPtrArray  *user_trials,
                  GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 position = 0;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (r->db, "SELECT position, id, record FROM user_trial ORDER BY position",
                          -1, &stmt, NULL) != SQLITE_OK)
    return read_failed (r, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *where = g_strdup_printf (_("own trial arm %u"), (guint) position + 1);
      g_autofree char *record = NULL;
      const char *id;

      if (!get_position (r, stmt, 0, position, where, error) ||
          !get_text (r, stmt, 1, FALSE, where, &id, error) ||
          !get_json_object (r, stmt, 2, where, &record, error))
        goto out;
      g_ptr_array_add (user_trials, g_steal_pointer (&record));
      position++;
    }
  if (rc != SQLITE_DONE)
    {
      read_failed (r, error);
      goto out;
    }
  if (user_trials->len > 0)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(GPtrArray) records = NULL;

      records = ep_catalog_read_record_jsons ((const char * const *) user_trials->pdata,
                                              user_trials->len, _("own trial arms"), &local);
      if (records == NULL)
        {
          invalid (r, error, "%s", local->message);
          goto out;
        }
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
      else if (strcmp (key, "figure_language") == 0)
        {
          g_free (data->figure_language);
          data->figure_language = g_strdup (value);
        }
      else if (strcmp (key, "figure_decimal_mark") == 0)
        {
          g_free (data->figure_decimal_mark);
          data->figure_decimal_mark = g_strdup (value);
        }
      else if (strcmp (key, "combined_cohorts") == 0)
        {
          /* checked by the model, which wrote it (a bad one loses only the marks) */
          g_free (data->combined_cohorts);
          data->combined_cohorts = g_strdup (value);
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
  FILE *file;
  guint32 page_size, n_pages, application_id;
  gsize n;

  /* a FIFO or a device is refused before fopen() could block on it */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_NOT_PROJECT,
                   _("%s: not an Endpoint project (not a regular file)"), display);
      return FALSE;
    }
  file = g_fopen (path, "rbe");
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
    if (!_ep_project_store_versions[v - 1].step_to_next (r->db, error))
      return FALSE;
  pragma = g_strdup_printf ("PRAGMA user_version = %d", EP_PROJECT_SCHEMA_VERSION);
  if (sqlite3_exec (r->db, pragma, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (r->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    return read_failed (r, error);

  return verify_schema (r, &_ep_project_store_versions[EP_PROJECT_SCHEMA_VERSION - 1], error);
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

  if (!verify_schema (r, &_ep_project_store_versions[user_version - 1], error))
    return NULL;
  if (user_version < EP_PROJECT_SCHEMA_VERSION && !migrate (r, (guint) user_version, error))
    return NULL;

  data = ep_project_data_new ();
  data->schema_version = (guint) user_version;
  r->notes = data->notes;
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
      !read_labels (r, data, error) ||
      !read_items (r, "analysis", data->analyses, error) ||
      !read_results (r, data->analyses, error) ||
      !read_items (r, "figure", data->figures, error) ||
      !read_selections (r, data->selections, error) ||
      !read_user_trials (r, data->user_trials, error) ||
      !read_digitized (r, data->digitized, error))
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
