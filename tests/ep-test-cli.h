/* ep-test-cli.h: running endpoint-cli from a test, as a user would
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests of the CLI contract (design.md: JSON on stdout and exit 0; one line on stderr and
 * exit 1 for a data error, 2 for a usage error) share these helpers. ep_test_cli_run() spawns
 * $ENDPOINT_CLI (set by tests/meson.build) in the C.UTF-8 locale with nothing else in its
 * environment, so messages are the untranslated ones, and collects stdout, stderr and the exit
 * status. A command word that a whole file uses is best prepended by a one-line local macro:
 *
 *   #define run_cli(run, ...) ep_test_cli_run ((run), "cif", __VA_ARGS__)
 *
 *   g_auto(EpTestCliRun) run = { 0 };
 *   g_autoptr(JsonParser) parser = json_parser_new ();
 *
 *   run_cli (&run, "--csv", path, "--time", "t", "--status", "s", NULL);
 *   root = ep_test_cli_parse_json (&run, parser);
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *out;      /* stdout, NUL-terminated */
  char *err;      /* stderr, NUL-terminated */
  int   status;   /* the exit status */
} EpTestCliRun;

void         ep_test_cli_run_clear     (EpTestCliRun        *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EpTestCliRun, ep_test_cli_run_clear)

/* Runs $ENDPOINT_CLI with args (NULL-terminated, without the program itself) and waits for it.
 * Fails the test if it cannot be spawned or does not exit normally. */
void         ep_test_cli_runv          (EpTestCliRun        *run,
                                        const char * const  *args);

/* Like ep_test_cli_runv() with the arguments given in the call, NULL last. */
void         ep_test_cli_run           (EpTestCliRun        *run,
                                        const char          *first_arg,
                                        ...) G_GNUC_NULL_TERMINATED;

/* Loads text into parser and returns its root, which must be an object (owned by parser). */
JsonObject  *ep_test_parse_json_object (JsonParser          *parser,
                                        const char          *text);

/* A successful run's stdout: asserts exit 0 and nothing on stderr, then parses stdout into
 * parser and returns its root object (owned by parser). */
JsonObject  *ep_test_cli_parse_json    (const EpTestCliRun  *run,
                                        JsonParser          *parser);

/* A fresh temporary folder made from tmpl ("test-x-XXXXXX"); free the path with g_free(). */
char        *ep_test_make_temp_dir     (const char          *tmpl);

/* Removes the files in dir, then dir itself (one level: the tests make no subfolders). */
void         ep_test_remove_dir        (const char          *dir);

/* Writes text to name in a fresh temporary folder and returns the file's path (g_free);
 * ep_test_remove_temp_file() removes the file and its folder. */
char        *ep_test_write_temp_file   (const char          *name,
                                        const char          *text);
void         ep_test_remove_temp_file  (const char          *path);

G_END_DECLS
