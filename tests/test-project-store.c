/* test-project-store.c: the .endpoint file (src/io/ep-project-store.c)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Round trips (every kind of object, cells bit-exact, missing flags exact), atomic replacement,
 * cancellation, the schema-version fixtures (tests/data/project/project-vN.endpoint, one per
 * version: they stay when a new version comes, and must open migrated to the same content),
 * hostile files (each a clear error naming the file, never a crash) and a crash test: a forked
 * child saving over and over is killed with SIGKILL at random moments, 100 times, and the file
 * must open every time as one of the projects it saved.
 *
 * No statistics here: every expected value is the input itself.
 *
 * `test-project-store --write-fixture PATH` writes the current version's fixture.
 */
#include "config.h"

#include <float.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/ep-project-store.h"

/* Text that must survive as text: Pango markup, quotes, non-ASCII, SQL. */
#define MARKUP_NAME "<b>dose</b> & \"mg\" 'x' ü 中文 ); DROP TABLE cohort; --"

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ep-project-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* A project with every kind of object and the awkward values: -0.0, 1e-300, the smallest
 * subnormal, 2^53, DBL_MAX, infinities, missing cells in every type, an empty category level,
 * markup in names, a cohort of 0 rows. */
static EpProjectData *
make_data (void)
{
  EpProjectData *data = ep_project_data_new ();
  static const double numbers[] = { 0.0, -0.0, 1e-300, 4.9406564584124654e-324,
                                    9007199254740992.0, -9007199254740993.0, DBL_MAX,
                                    INFINITY, -INFINITY, NAN, 0.1, -2.5 };
  const guint n = G_N_ELEMENTS (numbers);
  const char *roles[] = { "time", "group", "event", "date", "none", NULL };
  const char *codes[] = { "1", "Dead", NULL };
  const char *ids[] = { "topp-2015", "eliana", NULL };
  EpTable *table = ep_table_new (n);
  EpTableColumn *column;
  EpProjectCohort *cohort;

  column = ep_table_column_new ("time", EP_COLUMN_NUMBER, n);
  column->label = g_strdup ("Follow-up (months) <i>from</i> enrolment");
  memcpy (column->values->data, numbers, sizeof numbers);
  g_assert_true (ep_table_insert_column (table, 0, column, NULL));

  column = ep_table_column_new (MARKUP_NAME, EP_COLUMN_CATEGORY, n);
  ep_table_column_intern_level (column, "low");
  ep_table_column_intern_level (column, "<high>");
  ep_table_column_intern_level (column, "");
  for (guint i = 0; i < n; i++)
    g_array_index (column->values, gint32, i) = i % 4 == 3 ? -1 : (gint32) (i % 4);
  g_assert_true (ep_table_insert_column (table, 1, column, NULL));

  column = ep_table_column_new ("dead", EP_COLUMN_YESNO, n);
  for (guint i = 0; i < n; i++)
    g_array_index (column->values, gint8, i) = i % 3 == 2 ? -1 : (gint8) (i % 3);
  g_assert_true (ep_table_insert_column (table, 2, column, NULL));

  column = ep_table_column_new ("diagnosis", EP_COLUMN_DATE, n);
  for (guint i = 0; i < n; i++)
    g_array_index (column->values, gint32, i) = i == 5 ? EP_DATE_MISSING
                                                       : (gint32) (i * 1000) - 40000;
  /* the first and the last day Endpoint keeps (0001-01-01 and 9999-12-31) */
  g_array_index (column->values, gint32, 0) = EP_DATE_MAX;
  g_array_index (column->values, gint32, 1) = EP_DATE_MIN;
  g_assert_true (ep_table_insert_column (table, 3, column, NULL));

  column = ep_table_column_new ("all missing", EP_COLUMN_NUMBER, n);
  g_assert_true (ep_table_insert_column (table, 4, column, NULL));

  cohort = ep_project_cohort_new ("Cohort <1>", table, roles);
  g_ptr_array_add (cohort->endpoints,
                   ep_project_endpoint_new ("OS", "time", "time", NULL, NULL, "dead", codes,
                                            "months"));
  g_ptr_array_add (cohort->endpoints,
                   ep_project_endpoint_new ("EFS", "dates", NULL, "diagnosis", "diagnosis",
                                            "dead", codes, "years"));
  g_ptr_array_add (data->cohorts, cohort);

  /* 0 rows, a few columns; and no column at all */
  table = ep_table_new (0);
  g_assert_true (ep_table_insert_column (table, 0, ep_table_column_new ("a", EP_COLUMN_CATEGORY, 0),
                                         NULL));
  g_assert_true (ep_table_insert_column (table, 1, ep_table_column_new ("b", EP_COLUMN_NUMBER, 0),
                                         NULL));
  g_ptr_array_add (data->cohorts, ep_project_cohort_new ("empty", table, NULL));
  g_ptr_array_add (data->cohorts, ep_project_cohort_new ("nothing", ep_table_new (0), NULL));

  g_ptr_array_add (data->analyses,
                   ep_project_item_new ("OS by arm", "survival", "Cohort <1>",
                                        "{\"endpoint\":\"OS\",\"conf-level\":0.95}"));
  g_ptr_array_add (data->analyses, ep_project_item_new ("no source", "cox", NULL, NULL));
  /* Schema version 2: a stored result with its fingerprint (the text is kept as it is). */
  {
    EpProjectItem *item = g_ptr_array_index (data->analyses, 0);

    item->result = g_strdup ("{\"analysis\":\"survival\",\"n\":12,\"p\":0.0653393220405049}");
    item->fingerprint = g_strdup ("5d41402abc4b2a76b9719d911017c592");
  }
  g_ptr_array_add (data->figures,
                   ep_project_item_new ("Figure 1", "km", "OS by arm",
                                        "{\"style\":{\"width-mm\":85,\"font\":\"Sans 8\"}}"));
  g_ptr_array_add (data->selections,
                   ep_project_selection_new ("BiTE vs CAR T", ids,
                                             "{\"outcome\":\"cr\",\"method\":\"REML\"}"));
  g_ptr_array_add (data->selections, ep_project_selection_new ("none picked", NULL, NULL));

  /* Schema version 3: a digitized figure (the bytes are kept as they are, whatever they are)
   * with a curve reconstructed into a cohort and attached to a catalog arm, one without a
   * cohort, and a figure not calibrated yet with no curve. */
  {
    static const guint8 image[] = { 0x89, 'P', 'N', 'G', 0, 1, 2, 255 };
    static const double time[] = { 0.0, 2.5, 2.5, 12.0 };
    static const double surv[] = { 1.0, 1.0, 0.875, 4.9406564584124654e-324 };
    g_autoptr(GBytes) bytes = g_bytes_new_static (image, sizeof image);
    EpProjectDigitized *figure = ep_project_digitized_new ("Figure 2A <ELIANA>", "eliana fig2.png",
                                                           1, bytes);
    EpProjectCurve *curve;

    figure->citation = g_strdup ("Maude SL et al. N Engl J Med 2018;378:439-448");
    figure->calibrated = TRUE;
    memcpy (figure->tick_px, ((double[4]) { 219.5, 973.0, 589.25, 31.0 }), sizeof figure->tick_px);
    memcpy (figure->tick_value, ((double[4]) { 0, 72, 0, 100 }), sizeof figure->tick_value);
    curve = ep_project_curve_new ("Tisagenlecleucel", (guint8[3]) { 0, 0x72, 0xb2 },
                                  G_N_ELEMENTS (time), time, surv);
    curve->cohort = g_strdup ("ELIANA (reconstructed)");
    curve->trial_id = g_strdup ("eliana");
    curve->trial_arm = g_strdup ("Tisagenlecleucel");
    g_ptr_array_add (figure->curves, curve);
    g_ptr_array_add (figure->curves, ep_project_curve_new ("empty", (guint8[3]) { 255, 0, 1 }, 0,
                                                           NULL, NULL));
    g_ptr_array_add (data->digitized, figure);
    g_ptr_array_add (data->digitized, ep_project_digitized_new ("not calibrated", "f.pdf", 3,
                                                                bytes));
  }

  return data;
}

static void
assert_columns_equal (const EpTableColumn *a,
                      const EpTableColumn *b,
                      guint                n_rows)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->label, ==, b->label);
  g_assert_cmpint (a->type, ==, b->type);
  g_assert_cmpuint (a->values->len, ==, n_rows);
  g_assert_cmpuint (b->values->len, ==, n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_assert_cmpint (ep_table_column_is_missing (a, i), ==, ep_table_column_is_missing (b, i));
      if (ep_table_column_is_missing (a, i))
        continue;
      if (a->type == EP_COLUMN_NUMBER)
        {
          /* bit-exact: -0.0 stays negative, subnormals stay */
          double x = g_array_index (a->values, double, i), y = g_array_index (b->values, double, i);
          g_assert_cmpmem (&x, sizeof x, &y, sizeof y);
        }
      else if (a->type == EP_COLUMN_YESNO)
        g_assert_cmpint (g_array_index (a->values, gint8, i), ==,
                         g_array_index (b->values, gint8, i));
      else
        g_assert_cmpint (g_array_index (a->values, gint32, i), ==,
                         g_array_index (b->values, gint32, i));
    }
  g_assert_cmpint (a->levels != NULL, ==, b->levels != NULL);
  if (a->levels != NULL)
    {
      g_assert_cmpuint (a->levels->len, ==, b->levels->len);
      for (guint k = 0; k < a->levels->len; k++)
        g_assert_cmpstr (g_ptr_array_index (a->levels, k), ==, g_ptr_array_index (b->levels, k));
    }
}

static void
assert_items_equal (GPtrArray *a,
                    GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint k = 0; k < a->len; k++)
    {
      const EpProjectItem *x = g_ptr_array_index (a, k), *y = g_ptr_array_index (b, k);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->kind, ==, y->kind);
      g_assert_cmpstr (x->source, ==, y->source);
      g_assert_cmpstr (x->options, ==, y->options);
      g_assert_cmpstr (x->result, ==, y->result);
      g_assert_cmpstr (x->fingerprint, ==, y->fingerprint);
    }
}

static void
assert_data_equal (const EpProjectData *a,
                   const EpProjectData *b)
{
  g_assert_cmpuint (a->cohorts->len, ==, b->cohorts->len);
  for (guint c = 0; c < a->cohorts->len; c++)
    {
      const EpProjectCohort *x = g_ptr_array_index (a->cohorts, c);
      const EpProjectCohort *y = g_ptr_array_index (b->cohorts, c);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpuint (x->table->n_rows, ==, y->table->n_rows);
      g_assert_cmpuint (ep_table_get_n_columns (x->table), ==, ep_table_get_n_columns (y->table));
      g_assert_cmpstrv (x->roles, y->roles);
      for (guint j = 0; j < ep_table_get_n_columns (x->table); j++)
        assert_columns_equal (ep_table_get_column (x->table, j), ep_table_get_column (y->table, j),
                              x->table->n_rows);
      g_assert_cmpuint (x->endpoints->len, ==, y->endpoints->len);
      for (guint k = 0; k < x->endpoints->len; k++)
        {
          const EpProjectEndpoint *e = g_ptr_array_index (x->endpoints, k);
          const EpProjectEndpoint *f = g_ptr_array_index (y->endpoints, k);

          g_assert_cmpstr (e->name, ==, f->name);
          g_assert_cmpstr (e->source, ==, f->source);
          g_assert_cmpstr (e->time_column, ==, f->time_column);
          g_assert_cmpstr (e->start_column, ==, f->start_column);
          g_assert_cmpstr (e->end_column, ==, f->end_column);
          g_assert_cmpstr (e->event_column, ==, f->event_column);
          g_assert_cmpstrv (e->event_codes, f->event_codes);
          g_assert_cmpstr (e->unit, ==, f->unit);
        }
    }
  assert_items_equal (a->analyses, b->analyses);
  assert_items_equal (a->figures, b->figures);
  g_assert_cmpuint (a->selections->len, ==, b->selections->len);
  for (guint k = 0; k < a->selections->len; k++)
    {
      const EpProjectSelection *x = g_ptr_array_index (a->selections, k);
      const EpProjectSelection *y = g_ptr_array_index (b->selections, k);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstrv (x->trial_ids, y->trial_ids);
      g_assert_cmpstr (x->options, ==, y->options);
    }
  g_assert_cmpuint (a->digitized->len, ==, b->digitized->len);
  for (guint k = 0; k < a->digitized->len; k++)
    {
      const EpProjectDigitized *x = g_ptr_array_index (a->digitized, k);
      const EpProjectDigitized *y = g_ptr_array_index (b->digitized, k);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->file_name, ==, y->file_name);
      g_assert_cmpstr (x->citation, ==, y->citation);
      g_assert_cmpuint (x->page, ==, y->page);
      g_assert_true (g_bytes_equal (x->image, y->image));
      g_assert_cmpint (x->calibrated, ==, y->calibrated);
      if (x->calibrated)
        {
          g_assert_cmpmem (x->tick_px, sizeof x->tick_px, y->tick_px, sizeof y->tick_px);
          g_assert_cmpmem (x->tick_value, sizeof x->tick_value, y->tick_value, sizeof y->tick_value);
        }
      g_assert_cmpuint (x->curves->len, ==, y->curves->len);
      for (guint c = 0; c < x->curves->len; c++)
        {
          const EpProjectCurve *u = g_ptr_array_index (x->curves, c);
          const EpProjectCurve *v = g_ptr_array_index (y->curves, c);

          g_assert_cmpstr (u->name, ==, v->name);
          g_assert_cmpmem (u->color, 3, v->color, 3);
          g_assert_cmpuint (u->n, ==, v->n);
          /* bit-exact, the subnormal included */
          g_assert_cmpmem (u->time, u->n * sizeof (double), v->time, v->n * sizeof (double));
          g_assert_cmpmem (u->surv, u->n * sizeof (double), v->surv, v->n * sizeof (double));
          g_assert_cmpstr (u->cohort, ==, v->cohort);
          g_assert_cmpstr (u->trial_id, ==, v->trial_id);
          g_assert_cmpstr (u->trial_arm, ==, v->trial_arm);
        }
    }
}

static void
save_ok (EpProjectData *data,
         const char    *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ep_project_store_save (data, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static EpProjectData *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  EpProjectData *data = ep_project_store_open (path, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.endpoint", NULL);
  g_autoptr(EpProjectData) data = make_data ();
  g_autoptr(EpProjectData) back = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  g_assert_true (ep_project_store_save (data, path, progress_cb, fractions, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (data->created);
  g_assert_nonnull (data->modified);
  g_assert_cmpstr (data->app_version, ==, PACKAGE_VERSION);
  /* no temporary file left beside it */
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_assert_cmpuint (fractions->len, >, 1);
  for (guint k = 1; k < fractions->len; k++)
    g_assert_cmpfloat (g_array_index (fractions, double, k), >=,
                       g_array_index (fractions, double, k - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  g_array_set_size (fractions, 0);
  back = ep_project_store_open (path, progress_cb, fractions, NULL, &error);
  g_assert_no_error (error);
  assert_data_equal (data, back);
  g_assert_cmpuint (back->schema_version, ==, EP_PROJECT_SCHEMA_VERSION);
  g_assert_cmpstr (back->app_version, ==, PACKAGE_VERSION);
  g_assert_true (g_date_time_equal (back->created, data->created));
  g_assert_true (g_date_time_equal (back->modified, data->modified));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  /* A second save keeps the creation time and replaces the file in place. */
  {
    g_autoptr(GDateTime) created = g_date_time_ref (back->created);
    g_autoptr(EpProjectData) again = NULL;

    g_ptr_array_remove_index (back->cohorts, 2);
    save_ok (back, path);
    g_assert_cmpuint (count_files (dir), ==, 1);
    again = open_ok (path);
    g_assert_cmpuint (again->cohorts->len, ==, 2);
    g_assert_true (g_date_time_equal (again->created, created));
  }

  rm_rf (dir);
}

/* What the sqlite3 shell shows: the README table, application_id and user_version. */
static void
test_readable (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.endpoint", NULL);
  g_autoptr(EpProjectData) data = make_data ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  save_ok (data, path);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM README), "
                                           "(SELECT value FROM meta WHERE key = 'format'), "
                                           "(SELECT n_rows FROM cohort WHERE id = 0), "
                                           "(SELECT length(cells) FROM cohort_column WHERE "
                                           "cohort_id = 0 AND position = 0)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  /* one topic per table: README, meta, cohort, cohort_column, endpoint, analysis,
   * analysis_result, figure, cohort_labels, trial_selection, user_trial, digitized_figure,
   * digitized_curve */
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 13);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "endpoint-project");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 12);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 12 * 8);
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, EP_PROJECT_APPLICATION_ID);
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, EP_PROJECT_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  rm_rf (dir);
}

static void
test_save_errors (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.endpoint", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no such dir", "p.endpoint", NULL);
  g_autoptr(EpProjectData) data = make_data ();
  g_autoptr(EpProjectData) other = ep_project_data_new ();
  g_autoptr(EpProjectData) back = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (ep_project_store_save (data, nowhere, NULL, NULL, NULL, &error));
  g_assert_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "p.endpoint"));
  g_clear_error (&error);

  /* A cancelled save leaves the old file as it was, and nothing else. */
  save_ok (data, path);
  g_cancellable_cancel (cancellable);
  g_assert_false (ep_project_store_save (other, path, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (dir), ==, 1);
  back = open_ok (path);
  assert_data_equal (data, back);

  rm_rf (dir);
}

static void
cancel_at_half (double   fraction,
                gpointer user_data)
{
  if (fraction >= 0.5)
    g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* Cancelled half-way (from the progress callback, as a Cancel button would): the save leaves
 * the old file and nothing else; the open gives no data. */
static void
test_cancel_midway (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "c.endpoint", NULL);
  g_autoptr(EpProjectData) old = make_data ();
  g_autoptr(EpProjectData) big = ep_project_data_new ();
  g_autoptr(EpProjectData) back = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  EpTable *table = ep_table_new (1000);

  for (guint j = 0; j < 10; j++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", j);
      g_assert_true (ep_table_insert_column (table, j, ep_table_column_new (name, EP_COLUMN_NUMBER,
                                                                            1000), NULL));
    }
  g_ptr_array_add (big->cohorts, ep_project_cohort_new ("big", table, NULL));

  save_ok (old, path);
  g_assert_false (ep_project_store_save (big, path, cancel_at_half, cancellable, cancellable,
                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 1);
  back = open_ok (path);
  assert_data_equal (old, back);
  g_clear_pointer (&back, ep_project_data_free);

  save_ok (big, path);
  g_cancellable_reset (cancellable);
  back = ep_project_store_open (path, cancel_at_half, cancellable, cancellable, &error);
  g_assert_null (back);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  rm_rf (dir);
}

/* Runs SQL on a saved project as an attacker would (an ordinary, writable connection). */
static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpProjectData) data = ep_project_store_open (path, NULL, NULL, NULL, &error);
  g_autofree char *basename = g_path_get_basename (path);

  g_assert_null (data);
  g_test_message ("%s", error != NULL ? error->message : "(no error)");
  g_assert_error (error, EP_PROJECT_STORE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, basename));
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

/* A fresh valid project at dir/name, for tampering. */
static char *
fresh (const char *dir,
       const char *name)
{
  g_autoptr(EpProjectData) data = make_data ();
  char *path = g_build_filename (dir, name, NULL);

  save_ok (data, path);
  return path;
}

static void
test_hostile (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* not SQLite at all; empty; missing */
  path = g_build_filename (dir, "text.endpoint", NULL);
  g_assert_true (g_file_set_contents (path, "time,status\n1,0\n", -1, NULL));
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_NOT_PROJECT, "not a SQLite database");
  g_free (path);
  path = g_build_filename (dir, "empty.endpoint", NULL);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_NOT_PROJECT, "not a SQLite database");
  g_free (path);
  path = g_build_filename (dir, "missing.endpoint", NULL);
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_IO, NULL);
  g_free (path);

  /* truncated: at several lengths, down to half the header */
  path = fresh (dir, "truncated.endpoint");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize cut = length - 1000; cut > 50; cut /= 3)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EpProjectData) data = NULL;

      g_assert_true (g_file_set_contents (path, contents, cut, NULL));
      data = ep_project_store_open (path, NULL, NULL, NULL, &error);
      g_assert_null (data);
      g_assert_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_CORRUPT);
      g_assert_true (g_str_has_prefix (error->message, "truncated.endpoint: "));
    }
  /* shorter than the SQLite header */
  g_assert_true (g_file_set_contents (path, contents, 10, NULL));
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_NOT_PROJECT, NULL);
  g_free (path);

  /* a SQLite database of another application */
  path = g_build_filename (dir, "foreign.endpoint", NULL);
  tamper (path, "CREATE TABLE patients (id INTEGER, name TEXT); INSERT INTO patients VALUES (1, 'x')");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_NOT_PROJECT, "another application");
  g_free (path);
  /* ... that forges our application id */
  path = g_build_filename (dir, "forged.endpoint", NULL);
  tamper (path, "PRAGMA application_id = 1164862544; PRAGMA user_version = 1; "
                "CREATE TABLE patients (id INTEGER, name TEXT)");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_SCHEMA, "table “patients”");
  g_free (path);

  /* a newer schema version */
  path = fresh (dir, "newer.endpoint");
  tamper (path, "PRAGMA user_version = 99");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_NEWER, "newer version of Endpoint");
  g_free (path);
  path = fresh (dir, "zero.endpoint");
  tamper (path, "PRAGMA user_version = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_SCHEMA, NULL);
  g_free (path);

  path = fresh (dir, "wal.endpoint");
  tamper (path, "PRAGMA journal_mode = WAL");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_SCHEMA, "write-ahead-log");
  g_free (path);

  /* planted schema objects */
  path = fresh (dir, "trigger.endpoint");
  tamper (path, "CREATE TRIGGER t AFTER INSERT ON meta BEGIN DELETE FROM cohort; END");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_SCHEMA, "trigger “t”");
  g_free (path);
  path = fresh (dir, "view.endpoint");
  tamper (path, "CREATE VIEW v AS SELECT * FROM cohort");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_SCHEMA, "view “v”");
  g_free (path);
  path = fresh (dir, "index.endpoint");
  tamper (path, "CREATE INDEX i ON cohort (name)");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_SCHEMA, "index “i”");
  g_free (path);
  path = fresh (dir, "altered.endpoint");
  tamper (path, "ALTER TABLE cohort ADD COLUMN evil TEXT");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_SCHEMA, "table “cohort”");
  g_free (path);
  path = fresh (dir, "dropped.endpoint");
  tamper (path, "DROP TABLE figure");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_SCHEMA, "missing");
  g_free (path);

  /* sizes: a declared count of 2^40 is refused before anything is allocated for it */
  path = fresh (dir, "huge.endpoint");
  tamper (path, "UPDATE cohort SET n_rows = 1099511627776 WHERE id = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_TOO_LARGE, "1099511627776");
  g_free (path);
  path = fresh (dir, "negative.endpoint");
  tamper (path, "UPDATE cohort SET n_rows = -1 WHERE id = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_TOO_LARGE, NULL);
  g_free (path);
  path = fresh (dir, "rows.endpoint");
  tamper (path, "UPDATE cohort SET n_rows = 13 WHERE id = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "13 rows");
  g_free (path);
  path = fresh (dir, "blob.endpoint");
  tamper (path, "UPDATE cohort_column SET cells = zeroblob(95) WHERE cohort_id = 0 AND position = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "column “time”: 95 bytes");
  g_free (path);
  path = fresh (dir, "bitmap.endpoint");
  tamper (path, "UPDATE cohort_column SET missing = zeroblob(100) WHERE cohort_id = 0 AND position = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "bitmap");
  g_free (path);
  path = fresh (dir, "textcells.endpoint");
  tamper (path, "UPDATE cohort_column SET cells = 'abc' WHERE cohort_id = 0 AND position = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "not a BLOB");
  g_free (path);

  /* values: a category code past the levels, a yes/no of 7, a NaN not marked missing */
  path = fresh (dir, "code.endpoint");
  tamper (path, "UPDATE cohort_column SET levels = '[\"low\"]' WHERE cohort_id = 0 AND position = 1");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "category code 1");
  g_free (path);
  path = fresh (dir, "yesno.endpoint");
  tamper (path, "UPDATE cohort_column SET cells = x'070707070707070707070707', missing = NULL "
                "WHERE cohort_id = 0 AND position = 2");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "7 is not yes");
  g_free (path);
  path = fresh (dir, "nan.endpoint");
  tamper (path, "UPDATE cohort_column SET missing = NULL WHERE cohort_id = 0 AND position = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "row 10 is NaN");
  g_free (path);
  /* dates past the year 9999 or before the year 1: import refuses them, and a crafted file
   * must not bring them in either (date differences of ±2e9 days overflowed). They are read
   * as missing, and the data's notes say so; the rest of the column is kept. */
  {
    static const struct { guint row; gint32 days; } dates[] = {
      { 4, G_MAXINT32 },
      { 4, EP_DATE_MAX + 1 },     /* 10000-01-01 */
      { 7, EP_DATE_MIN - 1 },     /* 0000-12-31 */
      { 12, G_MININT32 + 1 },
    };

    for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
      {
        g_autoptr(GString) sql = g_string_new ("UPDATE cohort_column SET missing = NULL, cells = x'");
        g_autoptr(EpProjectData) data = NULL;
        g_autofree char *note = NULL;
        EpTableColumn *column;

        for (guint i = 1; i <= 12; i++)
          {
            guint32 v = i == dates[d].row ? (guint32) dates[d].days : 0;

            /* little-endian int32 */
            for (guint b = 0; b < 4; b++)
              g_string_append_printf (sql, "%02x", (v >> (8 * b)) & 0xff);
          }
        g_string_append (sql, "' WHERE cohort_id = 0 AND position = 3");
        path = fresh (dir, "dates.endpoint");
        tamper (path, sql->str);
        data = open_ok (path);
        column = ep_table_get_column (((EpProjectCohort *) g_ptr_array_index (data->cohorts, 0))->table, 3);
        for (guint i = 1; i <= 12; i++)
          {
            g_assert_cmpint (ep_table_column_is_missing (column, i - 1), ==, i == dates[d].row);
            if (i != dates[d].row)
              g_assert_cmpint (g_array_index (column->values, gint32, i - 1), ==, 0);
          }
        g_assert_cmpuint (data->notes->len, ==, 1);
        note = g_strdup_printf ("dates.endpoint: cohort “Cohort <1>”, column “diagnosis”: 1 date "
                                "outside the years 1 to 9999 is read as missing (row %u: %d days "
                                "from 1970-01-01)", dates[d].row, dates[d].days);
        g_assert_cmpstr (g_ptr_array_index (data->notes, 0), ==, note);
        g_free (path);
      }
  }
  path = fresh (dir, "type.endpoint");
  tamper (path, "UPDATE cohort_column SET type = 'complex' WHERE cohort_id = 0 AND position = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "unknown type “complex”");
  g_free (path);
  path = fresh (dir, "utf8.endpoint");
  tamper (path, "UPDATE cohort SET name = CAST(x'41ff42' AS TEXT) WHERE id = 1");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "UTF-8");
  g_free (path);
  path = fresh (dir, "json.endpoint");
  tamper (path, "UPDATE analysis SET options = '{\"a\": ' WHERE position = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "JSON object");
  g_free (path);
  path = fresh (dir, "ids.endpoint");
  tamper (path, "UPDATE trial_selection SET trial_ids = '[1, 2]' WHERE position = 0");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "JSON array");
  g_free (path);
  /* JSON nested a million deep (a stack overflow in a recursive parser) */
  path = fresh (dir, "deep.endpoint");
  {
    GString *sql = g_string_new ("UPDATE analysis SET options = '{\"a\":");

    for (guint k = 0; k < 1000000; k++)
      g_string_append_c (sql, '[');
    for (guint k = 0; k < 1000000; k++)
      g_string_append_c (sql, ']');
    g_string_append (sql, "}' WHERE position = 0");
    tamper (path, sql->str);
    g_string_free (sql, TRUE);
  }
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "JSON object");
  g_free (path);
  path = fresh (dir, "deep-ids.endpoint");
  {
    GString *sql = g_string_new ("UPDATE trial_selection SET trial_ids = '");

    for (guint k = 0; k < 1000000; k++)
      g_string_append_c (sql, '[');
    g_string_append (sql, "' WHERE position = 0");
    tamper (path, sql->str);
    g_string_free (sql, TRUE);
  }
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "JSON array");
  g_free (path);
  /* json-glib also reads comments and single-quoted strings; a depth check that only skips
   * "..." is fooled by a quote inside them (issue 12). Only strict JSON reaches the parser. */
  {
    static const char * const disguises[] = { "/* \" */", "// \"\n", "'\"'," };

    for (guint d = 0; d < G_N_ELEMENTS (disguises); d++)
      {
        GString *sql = g_string_new ("UPDATE analysis SET options = '{\"a\": [");

        path = fresh (dir, "disguised.endpoint");
        for (const char *q = disguises[d]; *q != '\0'; q++)
          g_string_append_printf (sql, *q == '\'' ? "''" : "%c", *q);
        for (guint k = 0; k < 200000; k++)
          g_string_append_c (sql, '[');
        for (guint k = 0; k < 200000; k++)
          g_string_append_c (sql, ']');
        g_string_append (sql, "]}' WHERE position = 0");
        tamper (path, sql->str);
        g_string_free (sql, TRUE);
        assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "JSON object");
        g_free (path);
      }
  }
  path = fresh (dir, "orphan.endpoint");
  tamper (path, "UPDATE cohort_column SET cohort_id = 7 WHERE cohort_id = 1");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "belong to no cohort");
  g_free (path);
  path = fresh (dir, "gap.endpoint");
  tamper (path, "UPDATE cohort_column SET position = 9 WHERE cohort_id = 0 AND position = 2");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "positions");
  g_free (path);
  path = fresh (dir, "duplicate.endpoint");
  tamper (path, "UPDATE cohort_column SET name = 'time' WHERE cohort_id = 0 AND position = 2");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "time");
  g_free (path);
  path = fresh (dir, "meta.endpoint");
  tamper (path, "UPDATE meta SET value = 'yesterday' WHERE key = 'created'");
  assert_open_fails (path, EP_PROJECT_STORE_ERROR_INVALID, "ISO 8601");
  g_free (path);

  /* Damaged pages: a run of garbage over the middle of the file. */
  path = fresh (dir, "garbage.endpoint");
  {
    g_autofree char *bytes = NULL;
    gsize size;
    g_autoptr(GError) error = NULL;
    g_autoptr(EpProjectData) data = NULL;

    g_assert_true (g_file_get_contents (path, &bytes, &size, NULL));
    for (gsize page = 4096; page < size; page += 4096)
      for (gsize k = page + 8; k < page + 408; k++)
        bytes[k] = (char) (k * 7919);
    g_assert_true (g_file_set_contents (path, bytes, size, NULL));
    data = ep_project_store_open (path, NULL, NULL, NULL, &error);
    g_assert_null (data);
    g_assert_nonnull (error);
    g_assert_true (g_str_has_prefix (error->message, "garbage.endpoint: "));
  }

  rm_rf (dir);
}

/* Random damage: a few bytes changed anywhere in a valid file, 300 times. Each open must end in a
 * project or an error that names the file, never in a crash (run under ASan/UBSan too). */
static void
test_random_damage (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = fresh (dir, "damage.endpoint");
  g_autofree char *original = NULL;
  gsize length;
  guint n_refused = 0;

  g_assert_true (g_file_get_contents (path, &original, &length, NULL));
  for (guint run = 0; run < 300; run++)
    {
      g_autofree char *bytes = g_memdup2 (original, length);
      g_autoptr(EpProjectData) data = NULL;
      g_autoptr(GError) error = NULL;
      guint n = g_test_rand_int_range (1, 20);

      for (guint k = 0; k < n; k++)
        bytes[g_test_rand_int_range (0, (gint32) length)] = (char) g_test_rand_int_range (0, 256);
      g_assert_true (g_file_set_contents (path, bytes, length, NULL));
      data = ep_project_store_open (path, NULL, NULL, NULL, &error);
      g_assert_true ((data == NULL) != (error == NULL));
      if (error != NULL)
        {
          g_assert_true (g_str_has_prefix (error->message, "damage.endpoint: "));
          n_refused++;
        }
    }
  g_test_message ("300 damaged copies: %u refused, %u opened", n_refused, 300 - n_refused);
  rm_rf (dir);
}

/* Names with markup, quotes and SQL come back as the same text. */
static void
test_markup_names (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = fresh (dir, "markup.endpoint");
  g_autoptr(EpProjectData) data = open_ok (path);
  const EpProjectCohort *cohort = g_ptr_array_index (data->cohorts, 0);
  const EpTableColumn *column = ep_table_get_column (cohort->table, 1);

  g_assert_cmpstr (cohort->name, ==, "Cohort <1>");
  g_assert_cmpstr (column->name, ==, MARKUP_NAME);
  g_assert_cmpstr (g_ptr_array_index (column->levels, 1), ==, "<high>");
  rm_rf (dir);
}

/* The fixtures of every schema version open to the same content (migrated when older). */
static void
test_fixtures (void)
{
  g_autoptr(EpProjectData) expected = make_data ();

  for (guint version = 1; version <= EP_PROJECT_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("project-v%u.endpoint", version);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "project", name, NULL);
      g_autoptr(EpProjectData) data = open_ok (path);

      g_test_message ("%s", name);
      g_assert_cmpuint (data->schema_version, ==, version);
      /* Version 1 stored no results: a migrated file has none. */
      if (version == 1)
        for (guint k = 0; k < expected->analyses->len; k++)
          {
            EpProjectItem *item = g_ptr_array_index (expected->analyses, k);

            g_clear_pointer (&item->result, g_free);
            g_clear_pointer (&item->fingerprint, g_free);
          }
      else
        {
          g_autoptr(EpProjectData) current = make_data ();

          g_ptr_array_unref (expected->analyses);
          expected->analyses = g_ptr_array_ref (current->analyses);
        }
      /* Versions 1 and 2 had no digitized figures: a migrated file has none. */
      if (version < 3)
        g_ptr_array_set_size (expected->digitized, 0);
      else
        {
          g_autoptr(EpProjectData) current = make_data ();

          g_ptr_array_unref (expected->digitized);
          expected->digitized = g_ptr_array_ref (current->digitized);
        }
      /* Files written before open checked dates hold 2^31 - 1 days (the year 5881580) in
       * row 1: read as missing, with a note. */
      {
        EpProjectCohort *cohort = g_ptr_array_index (expected->cohorts, 0);
        EpTableColumn *column = ep_table_get_column (cohort->table, 3);

        g_array_index (column->values, gint32, 0) = EP_DATE_MISSING;
        g_array_index (column->values, gint32, 1) = -39000;
        g_assert_cmpuint (data->notes->len, ==, 1);
        g_assert_true (g_str_has_prefix (g_ptr_array_index (data->notes, 0), name));
        g_assert_nonnull (strstr (g_ptr_array_index (data->notes, 0),
                                  "column “diagnosis”: 1 date outside the years 1 to 9999 is read as "
                                  "missing (row 1: 2147483647 days from 1970-01-01)"));
      }
      assert_data_equal (expected, data);
    }
}

/* Crash test. The child saves project "save K" (K = 1, 2, ...) over and over; each cohort's
 * cells are a function of K, so a mix of two saves cannot pass for either. */
static EpProjectData *
crash_data (guint k)
{
  EpProjectData *data = ep_project_data_new ();
  const guint n = 50000;
  EpTable *table = ep_table_new (n);
  g_autofree char *name = g_strdup_printf ("save %u", k);

  for (guint j = 0; j < 3; j++)
    {
      g_autofree char *column_name = g_strdup_printf ("c%u", j);
      EpTableColumn *column = ep_table_column_new (column_name, EP_COLUMN_NUMBER, n);

      for (guint i = 0; i < n; i++)
        g_array_index (column->values, double, i) = (double) k * 1e6 + i + j / 10.0;
      g_assert_true (ep_table_insert_column (table, j, column, NULL));
    }
  g_ptr_array_add (data->cohorts, ep_project_cohort_new (name, table, NULL));
  g_ptr_array_add (data->analyses, ep_project_item_new (name, "survival", name, NULL));

  return data;
}

static void
test_crash (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "crash.endpoint", NULL);
  guint n_old = 0, n_new = 0, n_interrupted = 0;
  gint64 save_us;

  /* The kills are spread over the first few saves of each child, however fast this machine
   * (or a sanitizer build) saves. */
  {
    g_autoptr(EpProjectData) first = crash_data (0);
    gint64 start = g_get_monotonic_time ();

    save_ok (first, path);
    save_us = MAX (g_get_monotonic_time () - start, 1000);
  }

  for (guint run = 0; run < 100; run++)
    {
      g_autoptr(EpProjectData) back = NULL;
      const EpProjectCohort *cohort;
      guint k;
      pid_t pid;
      int status;

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          for (guint i = 1; ; i++)
            {
              EpProjectData *data = crash_data (run * 1000 + i);

              if (!ep_project_store_save (data, path, NULL, NULL, NULL, NULL))
                _exit (3);
              ep_project_data_free (data);
            }
        }

      /* somewhere in the child's start or its first few saves */
      g_usleep (g_test_rand_int_range (0, (gint32) MIN (5000 + 4 * save_us, G_MAXINT32)));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      /* A kill during a save leaves its temporary file (".crash.endpoint.XXXXXX") behind, until
       * the next save (the next child's) removes it as stale: counted now, after each kill. */
      if (count_files (dir) > 1)
        n_interrupted++;

      back = open_ok (path);
      g_assert_cmpuint (back->cohorts->len, ==, 1);
      cohort = g_ptr_array_index (back->cohorts, 0);
      g_assert_true (sscanf (cohort->name, "save %u", &k) == 1);
      {
        g_autoptr(EpProjectData) expected = crash_data (k);
        assert_data_equal (expected, back);
      }
      if (k < run * 1000 + 1)
        n_old++;
      else
        n_new++;
    }
  g_test_message ("100 kills (one save takes %.1f ms): %u times the previous project, %u times "
                  "a new save; %u saves interrupted", save_us / 1000.0, n_old, n_new,
                  n_interrupted);
  /* The kills did land in the middle of saves. */
  g_assert_cmpuint (n_interrupted, >, 0);

  rm_rf (dir);
}

/* A user's own trial arms: stored as catalog records, read back as written; a project
 * without them opens with none; an arm that breaks the catalog's schema is refused with a
 * message naming the arm and the field. */
#define OWN_ARM \
  "{\"id\": \"my-arm\", \"trial\": \"My trial\", \"arm\": \"Blinatumomab\", " \
  "\"agent\": \"blinatumomab\", \"class\": \"BiTE\", \"setting\": \"r/r\", " \
  "\"population\": \"adult\", \"ph\": null, \"n\": 40, " \
  "\"cr\": {\"value\": 50, \"numerator\": 20, \"denominator\": 40, " \
  "\"definition\": {\"response\": \"CR/CRh\", \"text\": \"CR or CRh\"}}, " \
  "\"mrd_negative\": null, \"relapse\": null, \"endpoints\": [], " \
  "\"references\": [{\"citation\": \"Doe J, Blood 2025\"}], " \
  "\"provenance\": [{\"source\": \"Doe J, Blood 2025\", \"location\": \"Table 2, p. 4\"}]}"

static void
test_user_trials (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ep-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "own.endpoint", NULL);
  g_autoptr(EpProjectData) data = make_data ();
  g_autoptr(EpProjectData) back = NULL;
  g_autoptr(EpProjectData) none = NULL;
  g_autoptr(EpProjectData) bad = NULL;

  g_ptr_array_add (data->user_trials, g_strdup (OWN_ARM));
  save_ok (data, path);
  back = open_ok (path);
  g_assert_cmpuint (back->user_trials->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (back->user_trials, 0), ==, OWN_ARM);

  g_ptr_array_set_size (data->user_trials, 0);
  save_ok (data, path);
  none = open_ok (path);
  g_assert_cmpuint (none->user_trials->len, ==, 0);

  tamper (path, "INSERT INTO user_trial VALUES (0, 'my-arm', "
                "'{\"id\": \"my-arm\", \"trial\": \"My trial\", \"n\": \"forty\"}')");
  bad = ep_project_store_open (path, NULL, NULL, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, EP_PROJECT_STORE_ERROR, EP_PROJECT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "own.endpoint"));
  g_assert_nonnull (strstr (error->message, "my-arm"));
  rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--write-fixture") == 0)
    {
      g_autoptr(EpProjectData) data = make_data ();
      g_autoptr(GError) error = NULL;

      if (!ep_project_store_save (data, argv[2], NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project-store/round-trip", test_round_trip);
  g_test_add_func ("/project-store/readable", test_readable);
  g_test_add_func ("/project-store/save-errors", test_save_errors);
  g_test_add_func ("/project-store/cancel-midway", test_cancel_midway);
  g_test_add_func ("/project-store/hostile", test_hostile);
  g_test_add_func ("/project-store/random-damage", test_random_damage);
  g_test_add_func ("/project-store/markup-names", test_markup_names);
  g_test_add_func ("/project-store/fixtures", test_fixtures);
  g_test_add_func ("/project-store/user-trials", test_user_trials);
  g_test_add_func ("/project-store/crash", test_crash);

  return g_test_run ();
}
