/* fuzz-csv.c: CSV and TSV import, then save and reopen what was accepted
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the options (separator guessed or given, decimal mark, header); the rest
 * is the file.
 */
#include "config.h"

#include "io/ep-import.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char seps[] = { 0, ',', ';', '\t' };
  EpImportOptions options;
  g_autoptr(GError) error = NULL;
  EpTable *table;

  fuzz_init ();
  if (size < 1)
    return 0;
  ep_import_options_init (&options);
  options.sep = seps[data[0] & 3];
  options.decimal_mark = (data[0] & 4) ? ',' : '.';
  options.header = !(data[0] & 8);
  if (options.decimal_mark == ',' && options.sep == ',')
    options.sep = ';';
  table = ep_import_csv_data ((const char *) data + 1, size - 1, "fuzz.csv", &options, &error);
  if (table == NULL)
    {
      if (error == NULL || !g_str_has_prefix (error->message, "fuzz.csv"))
        abort ();
      return 0;
    }
  fuzz_check_round_trip (table);
  return 0;
}
