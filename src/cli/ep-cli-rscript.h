/* ep-cli-rscript.h: --r-script, an R script that reproduces a command's numbers
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A statistician checks an analysis by running it again in R. --r-script FILE.R writes FILE.R
 * and, beside it, FILE.csv: the rows and columns the analysis used (after dropping rows with a
 * missing value), each cell as it was in the input file. The script reads that CSV from its own
 * folder, makes the same call (survfit, survdiff, coxph, cox.zph, …) with the same options,
 * prints R's usual output and ends with a "# check" block of "name value" lines (17 significant
 * digits) that tests/test-survstats.c compares with the command's JSON.
 */
#pragma once

#include <glib.h>

#include "cli/ep-cli-data.h"

G_BEGIN_DECLS

#define EP_CLI_OPTION_R_SCRIPT(var) \
  { "r-script", 0, 0, G_OPTION_ARG_FILENAME, &(var), \
    N_("Also write an R script (and a CSV of the data used beside it) that reproduces this analysis"), \
    N_("FILE.R") }

/* `name` with backticks, for a formula: `ph.ecog` */
char     *ep_cli_r_name         (const char          *column);
/* "a string" as an R literal */
char     *ep_cli_r_string       (const char          *text);

/* Writes path (the script) and the data CSV beside it. columns: NULL-terminated names of the
 * columns to export (they must exist in data; a name may repeat). command: the endpoint-cli
 * command line it reproduces, for the header. body: the R code after `d <- read.csv (...)`,
 * ending with a block that fills a named numeric vector `check`. */
gboolean  ep_cli_rscript_write  (const char          *path,
                                 const EpCliData     *data,
                                 const char * const  *columns,
                                 const char          *command,
                                 const char          *body,
                                 GError             **error);

G_END_DECLS

G_BEGIN_DECLS

/* "Surv (`time`, `status`)", or with start "Surv (`start`, `time`, `status`)"; status_expr
 * replaces the event column when not NULL (e.g. "1 - `status`"). */
char     *ep_cli_r_surv         (const char          *start,
                                 const char          *time,
                                 const char          *event,
                                 const char          *status_expr);

/* The right-hand side "`group`" or "1". */
char     *ep_cli_r_rhs          (const char          *group);

G_END_DECLS
