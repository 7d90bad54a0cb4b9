/* ep-cohort-endpoint.h: a named time-to-event endpoint of a cohort (OS, PFS, ...)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two kinds (docs/cohorts.md):
 *  - TIME: a number column holds the follow-up time (in `unit`), an event column says what
 *    happened; a row is an event when its event cell's text is one of event_codes (e.g. "1",
 *    "Dead", "yes"), censored otherwise, missing when the cell is missing.
 *  - DATES: time = end date - start date, in days, weeks (7 days), months (30.4375 days) or
 *    years (365.25 days); the event column as above. A missing date makes the time missing;
 *    an end before the start is an error naming the row.
 * An endpoint is immutable: an edit replaces it (ep_cohort_replace_endpoint), so undo can put
 * the old one back.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  EP_ENDPOINT_FROM_TIME,
  EP_ENDPOINT_FROM_DATES,
} EpEndpointSource;

typedef enum
{
  EP_TIME_UNIT_DAYS,
  EP_TIME_UNIT_WEEKS,
  EP_TIME_UNIT_MONTHS,
  EP_TIME_UNIT_YEARS,
} EpTimeUnit;

#define EP_DAYS_PER_MONTH 30.4375
#define EP_DAYS_PER_YEAR  365.25

#define EP_TYPE_ENDPOINT_SOURCE (ep_endpoint_source_get_type ())
#define EP_TYPE_TIME_UNIT (ep_time_unit_get_type ())
GType ep_endpoint_source_get_type (void);
GType ep_time_unit_get_type (void);

#define EP_TYPE_COHORT_ENDPOINT (ep_cohort_endpoint_get_type ())
G_DECLARE_FINAL_TYPE (EpCohortEndpoint, ep_cohort_endpoint, EP, COHORT_ENDPOINT, GObject)

EpCohortEndpoint *ep_cohort_endpoint_new_time  (const char         *name,
                                                const char         *time_column,
                                                const char         *event_column,
                                                const char * const *event_codes,
                                                EpTimeUnit          unit);
EpCohortEndpoint *ep_cohort_endpoint_new_dates (const char         *name,
                                                const char         *start_column,
                                                const char         *end_column,
                                                const char         *event_column,
                                                const char * const *event_codes,
                                                EpTimeUnit          unit);
/* A copy with every reference to column old_name changed to new_name. */
EpCohortEndpoint *ep_cohort_endpoint_rename_column (EpCohortEndpoint *self,
                                                    const char       *old_name,
                                                    const char       *new_name);
gboolean          ep_cohort_endpoint_uses_column (EpCohortEndpoint *self,
                                                  const char       *column);

const char         *ep_cohort_endpoint_get_name         (EpCohortEndpoint *self);
EpEndpointSource    ep_cohort_endpoint_get_source       (EpCohortEndpoint *self);
const char         *ep_cohort_endpoint_get_time_column  (EpCohortEndpoint *self);
const char         *ep_cohort_endpoint_get_start_column (EpCohortEndpoint *self);
const char         *ep_cohort_endpoint_get_end_column   (EpCohortEndpoint *self);
const char         *ep_cohort_endpoint_get_event_column (EpCohortEndpoint *self);
const char * const *ep_cohort_endpoint_get_event_codes  (EpCohortEndpoint *self);
EpTimeUnit          ep_cohort_endpoint_get_unit         (EpCohortEndpoint *self);
gboolean            ep_cohort_endpoint_is_event_code    (EpCohortEndpoint *self,
                                                         const char       *text);

/* Days per unit: 1, 7, 30.4375, 365.25. */
double              ep_time_unit_days                   (EpTimeUnit        unit);
const char         *ep_time_unit_to_string              (EpTimeUnit        unit);

G_END_DECLS
