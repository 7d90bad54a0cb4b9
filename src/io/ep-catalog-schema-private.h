/* ep-catalog-schema-private.h: the catalog schema's field tables, shared by the reader
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "io/ep-catalog-reader.h"

G_BEGIN_DECLS

/* Which file and which record a message is about. */
typedef struct
{
  const char *display_name;
  guint       index;        /* of the record in "trials" */
  const char *id;           /* NULL until the record's id has been read */
} EpCatalogContext;

/* The record-level enumerations, in enum order (population and Ph: index + 1, null is 0). */
extern const char * const ep_catalog_drug_class_names[];
extern const char * const ep_catalog_setting_names[];
extern const char * const ep_catalog_population_names[];
extern const char * const ep_catalog_ph_names[];
extern const char * const ep_catalog_endpoint_kind_names[];

gboolean         ep_catalog_field_error        (const EpCatalogContext *ctx,
                                                const char             *prefix,
                                                const char             *field,
                                                GError                **error,
                                                int                     code,
                                                const char             *format,
                                                ...) G_GNUC_PRINTF (6, 7);

const char      *ep_catalog_describe_node      (JsonNode               *node);

/* Reads and validates one record against the record table (every nested table included). */
EpCatalogRecord *ep_catalog_schema_read_record (EpCatalogContext       *ctx,
                                                JsonNode               *node,
                                                GError                **error);

G_END_DECLS
