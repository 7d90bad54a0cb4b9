/* ep-cohort-endpoint.c: a named time-to-event endpoint of a cohort
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "model/ep-cohort-endpoint.h"

struct _EpCohortEndpoint
{
  GObject           parent_instance;

  char             *name;
  EpEndpointSource  source;
  char             *time_column;
  char             *start_column;
  char             *end_column;
  char             *event_column;
  char            **event_codes;
  EpTimeUnit        unit;
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_SOURCE,
  PROP_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EpCohortEndpoint, ep_cohort_endpoint, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (EpEndpointSource, ep_endpoint_source,
  G_DEFINE_ENUM_VALUE (EP_ENDPOINT_FROM_TIME, "time"),
  G_DEFINE_ENUM_VALUE (EP_ENDPOINT_FROM_DATES, "dates"))

G_DEFINE_ENUM_TYPE (EpTimeUnit, ep_time_unit,
  G_DEFINE_ENUM_VALUE (EP_TIME_UNIT_DAYS, "days"),
  G_DEFINE_ENUM_VALUE (EP_TIME_UNIT_WEEKS, "weeks"),
  G_DEFINE_ENUM_VALUE (EP_TIME_UNIT_MONTHS, "months"),
  G_DEFINE_ENUM_VALUE (EP_TIME_UNIT_YEARS, "years"))

double
ep_time_unit_days (EpTimeUnit unit)
{
  switch (unit)
    {
    case EP_TIME_UNIT_DAYS:   return 1;
    case EP_TIME_UNIT_WEEKS:  return 7;
    case EP_TIME_UNIT_MONTHS: return EP_DAYS_PER_MONTH;
    case EP_TIME_UNIT_YEARS:  return EP_DAYS_PER_YEAR;
    default:                  g_return_val_if_reached (1);
    }
}

const char *
ep_time_unit_to_string (EpTimeUnit unit)
{
  switch (unit)
    {
    case EP_TIME_UNIT_DAYS:   return "days";
    case EP_TIME_UNIT_WEEKS:  return "weeks";
    case EP_TIME_UNIT_MONTHS: return "months";
    case EP_TIME_UNIT_YEARS:  return "years";
    default:                  return "?";
    }
}

static void
ep_cohort_endpoint_finalize (GObject *object)
{
  EpCohortEndpoint *self = EP_COHORT_ENDPOINT (object);

  g_free (self->name);
  g_free (self->time_column);
  g_free (self->start_column);
  g_free (self->end_column);
  g_free (self->event_column);
  g_strfreev (self->event_codes);

  G_OBJECT_CLASS (ep_cohort_endpoint_parent_class)->finalize (object);
}

static void
ep_cohort_endpoint_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EpCohortEndpoint *self = EP_COHORT_ENDPOINT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_UNIT:
      g_value_set_enum (value, self->unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_cohort_endpoint_class_init (EpCohortEndpointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ep_cohort_endpoint_finalize;
  object_class->get_property = ep_cohort_endpoint_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL, EP_TYPE_ENDPOINT_SOURCE, EP_ENDPOINT_FROM_TIME,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_enum ("unit", NULL, NULL, EP_TYPE_TIME_UNIT, EP_TIME_UNIT_MONTHS,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ep_cohort_endpoint_init (EpCohortEndpoint *self)
{
}

static EpCohortEndpoint *
endpoint_new (const char         *name,
              EpEndpointSource    source,
              const char         *time_column,
              const char         *start_column,
              const char         *end_column,
              const char         *event_column,
              const char * const *event_codes,
              EpTimeUnit          unit)
{
  EpCohortEndpoint *self = g_object_new (EP_TYPE_COHORT_ENDPOINT, NULL);

  self->name = g_strdup (name);
  self->source = source;
  self->time_column = g_strdup (time_column);
  self->start_column = g_strdup (start_column);
  self->end_column = g_strdup (end_column);
  self->event_column = g_strdup (event_column);
  self->event_codes = g_strdupv ((char **) event_codes);
  if (self->event_codes == NULL)
    self->event_codes = g_new0 (char *, 1);
  self->unit = unit;

  return self;
}

EpCohortEndpoint *
ep_cohort_endpoint_new_time (const char         *name,
                             const char         *time_column,
                             const char         *event_column,
                             const char * const *event_codes,
                             EpTimeUnit          unit)
{
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (time_column != NULL, NULL);
  g_return_val_if_fail (event_column != NULL, NULL);

  return endpoint_new (name, EP_ENDPOINT_FROM_TIME, time_column, NULL, NULL, event_column,
                       event_codes, unit);
}

EpCohortEndpoint *
ep_cohort_endpoint_new_dates (const char         *name,
                              const char         *start_column,
                              const char         *end_column,
                              const char         *event_column,
                              const char * const *event_codes,
                              EpTimeUnit          unit)
{
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (start_column != NULL, NULL);
  g_return_val_if_fail (end_column != NULL, NULL);
  g_return_val_if_fail (event_column != NULL, NULL);

  return endpoint_new (name, EP_ENDPOINT_FROM_DATES, NULL, start_column, end_column,
                       event_column, event_codes, unit);
}

static const char *
renamed (const char *column,
         const char *old_name,
         const char *new_name)
{
  return g_strcmp0 (column, old_name) == 0 ? new_name : column;
}

EpCohortEndpoint *
ep_cohort_endpoint_rename_column (EpCohortEndpoint *self,
                                  const char       *old_name,
                                  const char       *new_name)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), NULL);

  return endpoint_new (self->name, self->source,
                       renamed (self->time_column, old_name, new_name),
                       renamed (self->start_column, old_name, new_name),
                       renamed (self->end_column, old_name, new_name),
                       renamed (self->event_column, old_name, new_name),
                       (const char * const *) self->event_codes, self->unit);
}

gboolean
ep_cohort_endpoint_uses_column (EpCohortEndpoint *self,
                                const char       *column)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), FALSE);

  return (g_strcmp0 (self->time_column, column) == 0 ||
          g_strcmp0 (self->start_column, column) == 0 ||
          g_strcmp0 (self->end_column, column) == 0 ||
          g_strcmp0 (self->event_column, column) == 0);
}

const char *
ep_cohort_endpoint_get_name (EpCohortEndpoint *self)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), NULL);
  return self->name;
}

EpEndpointSource
ep_cohort_endpoint_get_source (EpCohortEndpoint *self)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), EP_ENDPOINT_FROM_TIME);
  return self->source;
}

const char *
ep_cohort_endpoint_get_time_column (EpCohortEndpoint *self)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), NULL);
  return self->time_column;
}

const char *
ep_cohort_endpoint_get_start_column (EpCohortEndpoint *self)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), NULL);
  return self->start_column;
}

const char *
ep_cohort_endpoint_get_end_column (EpCohortEndpoint *self)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), NULL);
  return self->end_column;
}

const char *
ep_cohort_endpoint_get_event_column (EpCohortEndpoint *self)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), NULL);
  return self->event_column;
}

const char * const *
ep_cohort_endpoint_get_event_codes (EpCohortEndpoint *self)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), NULL);
  return (const char * const *) self->event_codes;
}

EpTimeUnit
ep_cohort_endpoint_get_unit (EpCohortEndpoint *self)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), EP_TIME_UNIT_MONTHS);
  return self->unit;
}

gboolean
ep_cohort_endpoint_is_event_code (EpCohortEndpoint *self,
                                  const char       *text)
{
  g_return_val_if_fail (EP_IS_COHORT_ENDPOINT (self), FALSE);

  return g_strv_contains ((const char * const *) self->event_codes, text);
}
