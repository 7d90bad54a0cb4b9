/* ep-result-json.h: the core's result structs as JSON, and back
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project stores each analysis's result with its data (docs/project-format.md, schema
 * version 2), so that opening shows it without computing anything. These functions write the
 * core structs (src/core) as JSON objects with every field, doubles in the shortest text that
 * reads back to the same double (json-glib prints 17 significant digits), NaN as null and the
 * infinities as the strings "Infinity" / "-Infinity"; and read them back, checking every member
 * (type, range, array lengths) into a GError: the JSON comes from a file and is untrusted. The
 * member names follow endpoint-cli's JSON where the two overlap (steps: time, n_risk, n_event,
 * n_censor, surv, std_err, lower, upper).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/ep-cif.h"
#include "core/ep-cox.h"
#include "core/ep-crr.h"
#include "core/ep-cox-zph.h"
#include "core/ep-km.h"
#include "core/ep-levels.h"
#include "core/ep-logrank.h"
#include "core/ep-response.h"
#include "core/ep-rmst.h"

G_BEGIN_DECLS

#define EP_RESULT_JSON_ERROR (ep_result_json_error_quark ())

typedef enum
{
  EP_RESULT_JSON_ERROR_INVALID,   /* a member missing, of the wrong type or out of range */
} EpResultJsonError;

GQuark           ep_result_json_error_quark (void);

/* Members of an object; a NaN is null. */
void             ep_result_json_set_double  (JsonObject           *object,
                                             const char           *member,
                                             double                value);
/* FALSE with an error naming where and member when it is missing or not a number / null. */
gboolean         ep_result_json_get_double  (JsonObject           *object,
                                             const char           *member,
                                             const char           *where,
                                             double               *value,
                                             GError              **error);
/* The member's text when it is a string, else NULL (never a precondition failure). */
const char      *ep_result_json_get_string  (JsonObject           *object,
                                             const char           *member);
gboolean         ep_result_json_get_uint    (JsonObject           *object,
                                             const char           *member,
                                             const char           *where,
                                             guint                 max,
                                             guint                *value,
                                             GError              **error);

JsonObject      *ep_levels_to_json          (const EpLevels       *levels);
/* The levels' texts and order only: codes are not stored (n = 0, codes NULL). */
EpLevels        *ep_levels_from_json        (JsonObject           *object,
                                             const char           *where,
                                             GError              **error);

JsonObject      *ep_km_result_to_json       (const EpKmResult     *km);
EpKmResult      *ep_km_result_from_json     (JsonObject           *object,
                                             const char           *where,
                                             GError              **error);

JsonObject      *ep_logrank_result_to_json  (const EpLogrankResult *logrank);
EpLogrankResult *ep_logrank_result_from_json (JsonObject          *object,
                                              const char          *where,
                                              GError             **error);

JsonObject      *ep_cox_fit_to_json         (const EpCoxFit       *fit);
EpCoxFit        *ep_cox_fit_from_json       (JsonObject           *object,
                                             const char           *where,
                                             GError              **error);

JsonObject      *ep_cif_result_to_json      (const EpCifResult    *cif);
EpCifResult     *ep_cif_result_from_json    (JsonObject           *object,
                                             const char           *where,
                                             GError              **error);

JsonObject      *ep_gray_result_to_json     (const EpGrayResult   *gray);
EpGrayResult    *ep_gray_result_from_json   (JsonObject           *object,
                                             const char           *where,
                                             GError              **error);

JsonObject      *ep_response_to_json        (const EpResponse     *response);
EpResponse      *ep_response_from_json      (JsonObject           *object,
                                             const char           *where,
                                             GError              **error);

JsonObject      *ep_crr_result_to_json      (const EpCrrResult    *crr);
EpCrrResult     *ep_crr_result_from_json    (JsonObject           *object,
                                             const char           *where,
                                             GError              **error);

/* Restricted mean survival time (ep-rmst.h): every field, groups and contrasts as arrays of
 * objects. */
JsonObject      *ep_rmst_result_to_json     (const EpRmstResult   *rmst);
EpRmstResult    *ep_rmst_result_from_json   (JsonObject           *object,
                                             const char           *where,
                                             GError              **error);

/* The proportional-hazards check (ep-cox-zph.h): the tests and the residuals of the plot. */
JsonObject      *ep_cox_zph_to_json         (const EpCoxZph       *zph);
EpCoxZph        *ep_cox_zph_from_json       (JsonObject           *object,
                                             const char           *where,
                                             GError              **error);

G_END_DECLS
