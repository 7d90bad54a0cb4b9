/* ep-labels.h: a cohort's labels (display names, value labels, level order) as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mapping a project stores for each cohort and `endpoint-cli … --labels FILE.json` reads
 * (docs/project-format.md, "Labels"):
 *
 *   {"columns": {
 *      "sex":     {"name": "Sex", "levels": [{"value": "1", "label": "Male"},
 *                                            {"value": "2", "label": "Female"}]},
 *      "ph_ecog": {"name": "ECOG performance status"},
 *      "status":  {"levels": [{"value": "1", "label": "Relapse"},
 *                             {"value": "2", "label": "Death in remission"}]}}}
 *
 * "name" is the column's display name; "levels" lists values (as the cells write them: "1",
 * "CR", "yes") in the order tables and figures show them, each with an optional display label.
 * Values not listed follow in their natural order (ep-levels.h). The first level is the
 * reference of a factor. A competing-risks status column's labels are its cause labels.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/ep-levels.h"
#include "io/ep-table.h"

G_BEGIN_DECLS

#define EP_LABELS_ERROR (ep_labels_error_quark ())

typedef enum
{
  EP_LABELS_ERROR_INVALID,      /* not the mapping above; the message names the member */
  EP_LABELS_ERROR_NO_COLUMN,    /* a column the data does not have */
} EpLabelsError;

/* One column's labels. */
typedef struct
{
  char      *column;
  char      *name;        /* display name, or NULL */
  GPtrArray *levels;      /* EpValueLabel *, in order; NULL when the file gives none */
} EpColumnLabels;

GQuark          ep_labels_error_quark     (void);
void            ep_column_labels_free     (EpColumnLabels *labels);

/* Parses the mapping; where names the file in messages ("labels.json"). Returns a GPtrArray
 * of EpColumnLabels, or NULL with an EP_LABELS_ERROR such as
 * labels.json: column "sex": level 2: "value" must be a non-empty string. */
GPtrArray      *ep_labels_parse           (const char         *text,
                                           gssize              length,
                                           const char         *where,
                                           GError            **error);
GPtrArray      *ep_labels_read_file       (const char         *path,
                                           GError            **error);
/* The entry of a column, or NULL. */
const EpColumnLabels *ep_labels_find      (const GPtrArray    *labels,
                                           const char         *column);

/* Sets each named column's label and value_labels in table; a column the table lacks is an
 * EP_LABELS_ERROR_NO_COLUMN naming where and the column, and then nothing is changed. */
gboolean        ep_labels_apply           (const GPtrArray    *labels,
                                           EpTable            *table,
                                           const char         *where,
                                           GError            **error);

/* The mapping of the columns of table that have a display name or value labels, as a JSON
 * object ({"columns": {}} when none); ep_labels_to_text() pretty-prints it. */
JsonNode       *ep_labels_to_json         (const EpTable      *table);
char           *ep_labels_to_text         (const EpTable      *table);
/* TRUE when some column has a display name or value labels. */
gboolean        ep_labels_table_has_labels (const EpTable     *table);

/* Arranges levels (order and display labels) by a column's value labels (NULL: unchanged). */
void            ep_labels_arrange_levels  (const GPtrArray    *value_labels,
                                           EpLevels           *levels);

G_END_DECLS
