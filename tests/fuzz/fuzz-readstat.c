/* fuzz-readstat.c: SPSS, Stata and SAS import through ReadStat, then save and reopen
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format follows the file's magic (as a user's file would be named), so seeds of every
 * format mutate within their own reader.
 */
#include "config.h"

#include <string.h>

#include "io/ep-import.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *name = "fuzz.sas7bdat";
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  EpTable *table;

  fuzz_init ();
  if (size >= 4 && (memcmp (data, "$FL2", 4) == 0 || memcmp (data, "$FL3", 4) == 0))
    name = "fuzz.sav";
  else if (size >= 1 && (data[0] == '<' || (data[0] >= 104 && data[0] <= 115)))
    name = "fuzz.dta";
  else if (size >= 1 && data[0] == 'H')
    name = "fuzz.xpt";
  path = fuzz_write (name, data, size);
  table = ep_import_file (path, NULL, &error);
  g_unlink (path);
  if (table == NULL)
    {
      if (error == NULL || !g_str_has_prefix (error->message, name))
        abort ();
      return 0;
    }
  fuzz_check_round_trip (table);
  return 0;
}
