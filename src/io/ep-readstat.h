/* ep-readstat.h: SPSS, Stata and SAS files through ReadStat (io-internal; use ep-import.h)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "io/ep-import.h"
#include "io/ep-table.h"

G_BEGIN_DECLS

/* format: EP_FILE_FORMAT_SAV, _DTA, _SAS7BDAT or _XPORT. The rules are in ep-import.h. */
EpTable *ep_readstat_import (const char    *path,
                             EpFileFormat   format,
                             GError       **error);

/* The same, reporting progress (may be NULL) and stopping with G_IO_ERROR_CANCELLED when
 * cancellable (may be NULL) is cancelled. */
EpTable *ep_readstat_import_monitored (const char            *path,
                                       EpFileFormat           format,
                                       EpImportProgressFunc   progress,
                                       gpointer               progress_data,
                                       GCancellable          *cancellable,
                                       GError               **error);

G_END_DECLS
