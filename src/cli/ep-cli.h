/* ep-cli.h: what endpoint-cli's commands share
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract (design.md): every analysis command prints one JSON object on stdout and exits
 * 0 on success, 1 on a data error and 2 on a usage error, with one line on stderr that names the
 * file, line and column where that applies.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define EP_CLI_EXIT_OK    0
#define EP_CLI_EXIT_DATA  1
#define EP_CLI_EXIT_USAGE 2

/* A command's entry point: argv[0] is the command's name ("km"), not the program's. */
typedef int (*EpCliRunFunc) (int    argc,
                             char **argv);

/* Parses the command's options with GOptionContext. On an unknown option, a missing value or a
 * malformed number it prints "endpoint-cli CMD: MESSAGE" and a hint to --help on stderr and
 * returns FALSE: the caller returns EP_CLI_EXIT_USAGE. --help prints and exits 0. */
gboolean ep_cli_parse_options   (const char          *command,
                                 const char          *parameter_string,
                                 const char          *summary,
                                 const GOptionEntry  *entries,
                                 int                 *argc,
                                 char              ***argv);

/* Prints "endpoint-cli CMD: MESSAGE" on stderr; returns EP_CLI_EXIT_USAGE. */
int      ep_cli_usage_error     (const char          *command,
                                 const char          *format,
                                 ...) G_GNUC_PRINTF (2, 3);

/* Prints the error's message (which already names file, line, column) on stderr, alone on one
 * line; returns EP_CLI_EXIT_DATA. */
int      ep_cli_data_error      (const GError        *error);

/* Pretty-prints the node as JSON on stdout with a trailing newline. Each double is written in
 * the C locale in the shortest form that reads back as the same double (0.95, not
 * 0.94999999999999996); NaN and infinities become null. */
void     ep_cli_print_json      (JsonNode            *node);
/* The same text as a string; free with g_free(). */
char    *ep_cli_json_to_string  (JsonNode            *node);

/* Splits "12,24,36" into doubles (C locale). FALSE on an empty or malformed item. */
gboolean ep_cli_parse_doubles   (const char          *text,
                                 GArray             **values);

/* Splits "a,b,c" into a NULL-terminated vector of trimmed, non-empty names. */
char   **ep_cli_split_names     (const char          *text);

/* Commands; each lives in src/cli/ep-cli-<name>.c. */
int      ep_cli_km              (int argc, char **argv);
int      ep_cli_logrank         (int argc, char **argv);
int      ep_cli_cox             (int argc, char **argv);
int      ep_cli_cif             (int argc, char **argv);
int      ep_cli_crr             (int argc, char **argv);
int      ep_cli_meta            (int argc, char **argv);
int      ep_cli_trials          (int argc, char **argv);
int      ep_cli_plot            (int argc, char **argv);
int      ep_cli_response        (int argc, char **argv);
int      ep_cli_convert         (int argc, char **argv);
int      ep_cli_project         (int argc, char **argv);
int      ep_cli_digitize        (int argc, char **argv);
int      ep_cli_reconstruct     (int argc, char **argv);
int      ep_cli_rmst            (int argc, char **argv);
int      ep_cli_followup        (int argc, char **argv);
int      ep_cli_landmark        (int argc, char **argv);
/* endpoint-cli plot --project P --figure NAME --out FILE (in ep-cli-project.c) */
int      ep_cli_project_plot    (int argc, char **argv);

G_END_DECLS
