/* fuzz-common.h: what the libFuzzer targets share (issue 12)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "io/ep-project-store.h"
#include "io/ep-table.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* A private scratch directory for the run; messages are silenced (a refused input is normal). */
static char *fuzz_dir;

static void
fuzz_quiet (const gchar *log_domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
  /* a CRITICAL or WARNING is a finding: precondition reached with file data */
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_ERROR))
    {
      g_printerr ("%s: %s\n", log_domain ? log_domain : "", message);
      abort ();
    }
}

G_GNUC_UNUSED static void
fuzz_init (void)
{
  if (fuzz_dir != NULL)
    return;
  /* on tmpfs when there is one: every accepted input is saved (and synced) once */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
    {
      fuzz_dir = g_strdup ("/dev/shm/ep-fuzz-XXXXXX");
      if (g_mkdtemp (fuzz_dir) == NULL)
        abort ();
    }
  else
    fuzz_dir = g_dir_make_tmp ("ep-fuzz-XXXXXX", NULL);
  g_log_set_default_handler (fuzz_quiet, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

G_GNUC_UNUSED static char *
fuzz_write (const char *name, const uint8_t *data, size_t size)
{
  char *path = g_build_filename (fuzz_dir, name, NULL);

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    abort ();
  return path;
}

/* The property every importer must keep: what it accepted saves and reopens, cell for cell.
 * Takes the table. */
G_GNUC_UNUSED static void
fuzz_check_round_trip (EpTable *table)
{
  g_autofree char *path = g_build_filename (fuzz_dir, "round-trip.endpoint", NULL);
  g_autoptr(EpProjectData) data = ep_project_data_new ();
  g_autoptr(EpProjectData) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint n_columns = ep_table_get_n_columns (table), n_rows = table->n_rows, k = 0;
  EpTable *reread;

  for (guint j = 0; j < n_columns; j++)
    for (guint i = 0; i < n_rows; i++)
      g_ptr_array_add (texts, ep_table_column_format (ep_table_get_column (table, j), i));
  g_ptr_array_add (data->cohorts, ep_project_cohort_new ("c", table, NULL));
  if (!ep_project_store_save (data, path, NULL, NULL, NULL, &error))
    {
      g_printerr ("accepted but not saved: %s\n", error->message);
      abort ();
    }
  back = ep_project_store_open (path, NULL, NULL, NULL, &error);
  if (back == NULL)
    {
      g_printerr ("saved but not reopened: %s\n", error->message);
      abort ();
    }
  reread = ((EpProjectCohort *) g_ptr_array_index (back->cohorts, 0))->table;
  if (ep_table_get_n_columns (reread) != n_columns || reread->n_rows != n_rows)
    abort ();
  for (guint j = 0; j < n_columns; j++)
    for (guint i = 0; i < n_rows; i++)
      {
        g_autofree char *b = ep_table_column_format (ep_table_get_column (reread, j), i);

        if (g_strcmp0 (b, g_ptr_array_index (texts, k++)) != 0)
          {
            g_printerr ("row %u column %u changed on reopening\n", i + 1, j + 1);
            abort ();
          }
      }
  g_unlink (path);
}

/* Without -Dfuzzing a target is a replayer: main() calls this on the files named on its
 * command line (the suite's fuzz-*-replay tests run the seeds, findings among them). */
G_GNUC_UNUSED static int
fuzz_replay (int    argc,
             char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (argv[i], &contents, &length, NULL))
        {
          g_printerr ("%s: cannot read\n", argv[i]);
          return 1;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      g_print ("%s: ok\n", argv[i]);
    }

  return 0;
}
