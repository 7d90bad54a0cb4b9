/* ep-json-writer.h: JSON written straight into a buffer, doubles in their shortest form
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli's output (design.md, the CLI contract): an object or array opens a line per
 * member or element, indented by two spaces a level, "name": value, "{}" and "[]" when empty,
 * a newline at the end. A double is written in the shortest of "%.15g", "%.16g" and "%.17g"
 * (C locale) that reads back to the same double, NaN and the infinities as null ("not
 * estimable"). A command writes its members in order with the writer, or hands it a json-glib
 * tree (ep_json_writer_node()); both give the same bytes.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Enough for any double this writes, with its NUL. */
#define EP_JSON_DOUBLE_BUF_SIZE 32

/* Writes value into buf (EP_JSON_DOUBLE_BUF_SIZE bytes): the shortest of %.15g, %.16g, %.17g
 * that strtod reads back as value, bit for bit; "null" when it is not finite. Returns the
 * length. */
gsize         ep_json_format_double      (char          *buf,
                                          double         value);

typedef struct _EpJsonWriter EpJsonWriter;

EpJsonWriter *ep_json_writer_new         (void);
/* The text written (with the final newline) for g_free(); frees the writer. */
char         *ep_json_writer_free_to_string (EpJsonWriter *writer);
void          ep_json_writer_free        (EpJsonWriter  *writer);

void          ep_json_writer_begin_object (EpJsonWriter *writer);
void          ep_json_writer_end_object  (EpJsonWriter  *writer);
void          ep_json_writer_begin_array (EpJsonWriter  *writer);
void          ep_json_writer_end_array   (EpJsonWriter  *writer);
/* The name of the next member of the object being written. */
void          ep_json_writer_member      (EpJsonWriter  *writer,
                                          const char    *name);
void          ep_json_writer_double      (EpJsonWriter  *writer,
                                          double         value);
void          ep_json_writer_int         (EpJsonWriter  *writer,
                                          gint64         value);
void          ep_json_writer_boolean     (EpJsonWriter  *writer,
                                          gboolean       value);
void          ep_json_writer_string      (EpJsonWriter  *writer,
                                          const char    *text);
void          ep_json_writer_null        (EpJsonWriter  *writer);
/* A json-glib node (object, array or value) as the next value. */
void          ep_json_writer_node        (EpJsonWriter  *writer,
                                          JsonNode      *node);

/* member + value in one call */
void          ep_json_writer_double_member  (EpJsonWriter *writer, const char *name, double value);
void          ep_json_writer_int_member     (EpJsonWriter *writer, const char *name, gint64 value);
void          ep_json_writer_boolean_member (EpJsonWriter *writer, const char *name, gboolean value);
void          ep_json_writer_string_member  (EpJsonWriter *writer, const char *name, const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpJsonWriter, ep_json_writer_free)

G_END_DECLS
