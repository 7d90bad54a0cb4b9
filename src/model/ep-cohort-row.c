/* ep-cohort-row.c: one patient of a cohort
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model/ep-cohort.h"
#include "model/ep-cohort-row.h"

struct _EpCohortRow
{
  GObject    parent_instance;

  EpCohort  *cohort;
  guint      index;
};

enum
{
  PROP_0,
  PROP_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EpCohortRow, ep_cohort_row, G_TYPE_OBJECT)

static void
ep_cohort_row_finalize (GObject *object)
{
  EpCohortRow *self = EP_COHORT_ROW (object);

  g_clear_object (&self->cohort);

  G_OBJECT_CLASS (ep_cohort_row_parent_class)->finalize (object);
}

static void
ep_cohort_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EpCohortRow *self = EP_COHORT_ROW (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_cohort_row_class_init (EpCohortRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ep_cohort_row_finalize;
  object_class->get_property = ep_cohort_row_get_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ep_cohort_row_init (EpCohortRow *self)
{
}

EpCohortRow *
ep_cohort_row_new (EpCohort *cohort,
                   guint     index)
{
  EpCohortRow *self;

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);

  self = g_object_new (EP_TYPE_COHORT_ROW, NULL);
  self->cohort = g_object_ref (cohort);
  self->index = index;

  return self;
}

EpCohort *
ep_cohort_row_get_cohort (EpCohortRow *self)
{
  g_return_val_if_fail (EP_IS_COHORT_ROW (self), NULL);

  return self->cohort;
}

guint
ep_cohort_row_get_index (EpCohortRow *self)
{
  g_return_val_if_fail (EP_IS_COHORT_ROW (self), 0);

  return self->index;
}

char *
ep_cohort_row_get_text (EpCohortRow *self,
                        guint        column)
{
  g_return_val_if_fail (EP_IS_COHORT_ROW (self), NULL);

  if (self->index >= ep_cohort_get_n_rows (self->cohort) ||
      column >= ep_cohort_get_n_columns (self->cohort))
    return g_strdup ("");

  return ep_cohort_get_text (self->cohort, self->index, column);
}
