/* fuzz-xlsx.c: libFuzzer target for the .xlsx reader (ep_sheet_read_data)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes are read as an .xlsx workbook, then as the importer would type them. The reader
 * must return a table or an error, never crash, leak or read out of bounds.
 *
 *   CC=clang CXX=clang++ meson setup _fuzz -Dfuzzing=true -Db_sanitize=address -Dui_tests=false
 *   ninja -C _fuzz tests/fuzz-xlsx
 *   _fuzz/tests/fuzz-xlsx -max_len=200000 -timeout=10 CORPUS/ tests/data/sheets/
 *
 * Without -Dfuzzing the same file builds a replayer (main below) that runs every file named on
 * its command line once: the test suite replays the committed fixtures through it, so the
 * target always builds and its inputs still pass.
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "io/ep-import.h"
#include "io/ep-sheet.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = NULL;

  csv = ep_sheet_read_data (data, size, EP_SHEET_FORMAT_XLSX, "fuzz.xlsx", NULL,
                            EP_CSV_FLAGS_NONE, 0, &error);
  if (csv == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }

  /* every cell is valid UTF-8 and readable */
  for (guint i = 0; i < ep_csv_get_n_rows (csv); i++)
    for (guint j = 0; j < ep_csv_get_n_columns (csv); j++)
      g_assert (g_utf8_validate (ep_csv_get_cell (csv, i, j), -1, NULL));

  return 0;
}

#ifndef EP_FUZZING
int
main (int    argc,
      char **argv)
{
  return fuzz_replay (argc, argv);
}
#endif
