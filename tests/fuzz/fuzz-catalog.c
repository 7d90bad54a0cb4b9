/* fuzz-catalog.c: the trial catalog reader on any bytes
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "io/ep-catalog-reader.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  fuzz_init ();
  records = ep_catalog_read_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  if (records == NULL && (error == NULL || !g_str_has_prefix (error->message, "fuzz.json")))
    abort ();
  return 0;
}
