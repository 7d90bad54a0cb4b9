/* ep-cohort-column.c: one column of a cohort
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model/ep-cohort-column-private.h"

struct _EpCohortColumn
{
  GObject         parent_instance;

  EpTableColumn  *data;     /* not owned */
  EpColumnRole    role;
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_LABEL,
  PROP_COLUMN_TYPE,
  PROP_ROLE,
  PROP_N_MISSING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EpCohortColumn, ep_cohort_column, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (EpColumnType, ep_column_type,
  G_DEFINE_ENUM_VALUE (EP_COLUMN_NUMBER, "number"),
  G_DEFINE_ENUM_VALUE (EP_COLUMN_CATEGORY, "category"),
  G_DEFINE_ENUM_VALUE (EP_COLUMN_YESNO, "yesno"),
  G_DEFINE_ENUM_VALUE (EP_COLUMN_DATE, "date"))

G_DEFINE_ENUM_TYPE (EpColumnRole, ep_column_role,
  G_DEFINE_ENUM_VALUE (EP_COLUMN_ROLE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (EP_COLUMN_ROLE_IDENTIFIER, "identifier"),
  G_DEFINE_ENUM_VALUE (EP_COLUMN_ROLE_TIME, "time"),
  G_DEFINE_ENUM_VALUE (EP_COLUMN_ROLE_EVENT, "event"),
  G_DEFINE_ENUM_VALUE (EP_COLUMN_ROLE_DATE, "date"),
  G_DEFINE_ENUM_VALUE (EP_COLUMN_ROLE_GROUP, "group"),
  G_DEFINE_ENUM_VALUE (EP_COLUMN_ROLE_COVARIATE, "covariate"),
  G_DEFINE_ENUM_VALUE (EP_COLUMN_ROLE_OUTCOME, "outcome"))

const char *
ep_column_role_to_string (EpColumnRole role)
{
  GEnumClass *klass = g_type_class_ref (EP_TYPE_COLUMN_ROLE);
  GEnumValue *value = g_enum_get_value (klass, role);

  g_type_class_unref (klass);
  return value != NULL ? value->value_nick : "none";
}

static void
ep_cohort_column_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EpCohortColumn *self = EP_COHORT_COLUMN (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, ep_cohort_column_get_name (self));
      break;
    case PROP_LABEL:
      g_value_set_string (value, ep_cohort_column_get_label (self));
      break;
    case PROP_COLUMN_TYPE:
      g_value_set_enum (value, ep_cohort_column_get_column_type (self));
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    case PROP_N_MISSING:
      g_value_set_uint (value, ep_cohort_column_get_n_missing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_cohort_column_class_init (EpCohortColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ep_cohort_column_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN_TYPE] =
    g_param_spec_enum ("column-type", NULL, NULL, EP_TYPE_COLUMN_TYPE, EP_COLUMN_NUMBER,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, EP_TYPE_COLUMN_ROLE, EP_COLUMN_ROLE_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MISSING] =
    g_param_spec_uint ("n-missing", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ep_cohort_column_init (EpCohortColumn *self)
{
}

EpCohortColumn *
ep_cohort_column_new (EpTableColumn *data)
{
  EpCohortColumn *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (EP_TYPE_COHORT_COLUMN, NULL);
  self->data = data;

  return self;
}

EpTableColumn *
ep_cohort_column_get_storage (EpCohortColumn *self)
{
  g_return_val_if_fail (EP_IS_COHORT_COLUMN (self), NULL);

  return self->data;
}

void
ep_cohort_column_set_storage (EpCohortColumn *self,
                              EpTableColumn  *data)
{
  g_return_if_fail (EP_IS_COHORT_COLUMN (self));
  g_return_if_fail (data != NULL);

  self->data = data;
  ep_cohort_column_cells_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const EpTableColumn *
ep_cohort_column_get_data (EpCohortColumn *self)
{
  g_return_val_if_fail (EP_IS_COHORT_COLUMN (self), NULL);

  return self->data;
}

const char *
ep_cohort_column_get_name (EpCohortColumn *self)
{
  g_return_val_if_fail (EP_IS_COHORT_COLUMN (self), NULL);

  return self->data->name;
}

void
ep_cohort_column_set_name (EpCohortColumn *self,
                           const char     *name)
{
  g_return_if_fail (EP_IS_COHORT_COLUMN (self));
  g_return_if_fail (name != NULL);

  g_free (self->data->name);
  self->data->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
ep_cohort_column_get_label (EpCohortColumn *self)
{
  g_return_val_if_fail (EP_IS_COHORT_COLUMN (self), NULL);

  return self->data->label;
}

const char *
ep_cohort_column_get_display_name (EpCohortColumn *self)
{
  g_return_val_if_fail (EP_IS_COHORT_COLUMN (self), NULL);

  return self->data->label != NULL && *self->data->label != '\0' ? self->data->label
                                                                  : self->data->name;
}

GPtrArray *
ep_cohort_column_get_value_labels (EpCohortColumn *self)
{
  g_return_val_if_fail (EP_IS_COHORT_COLUMN (self), NULL);

  return self->data->value_labels;
}

void
ep_cohort_column_labels_changed (EpCohortColumn *self)
{
  g_return_if_fail (EP_IS_COHORT_COLUMN (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

EpColumnType
ep_cohort_column_get_column_type (EpCohortColumn *self)
{
  g_return_val_if_fail (EP_IS_COHORT_COLUMN (self), EP_COLUMN_NUMBER);

  return self->data->type;
}

EpColumnRole
ep_cohort_column_get_role (EpCohortColumn *self)
{
  g_return_val_if_fail (EP_IS_COHORT_COLUMN (self), EP_COLUMN_ROLE_NONE);

  return self->role;
}

void
ep_cohort_column_set_role (EpCohortColumn *self,
                           EpColumnRole    role)
{
  g_return_if_fail (EP_IS_COHORT_COLUMN (self));

  if (self->role == role)
    return;
  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

guint
ep_cohort_column_get_n_missing (EpCohortColumn *self)
{
  g_return_val_if_fail (EP_IS_COHORT_COLUMN (self), 0);

  return ep_table_column_count_missing (self->data);
}

GPtrArray *
ep_cohort_column_get_levels (EpCohortColumn *self)
{
  g_return_val_if_fail (EP_IS_COHORT_COLUMN (self), NULL);

  return self->data->levels;
}

void
ep_cohort_column_cells_changed (EpCohortColumn *self)
{
  g_return_if_fail (EP_IS_COHORT_COLUMN (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN_TYPE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MISSING]);
}
