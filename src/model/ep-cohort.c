/* ep-cohort.c: a patient cohort: typed columns, roles, endpoints and an undo stack
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object, its list model of rows, what it reads and its revisions; its edits and the undo
 * stack are in ep-cohort-edit.c, reading and typing files into it in ep-cohort-input.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "model/ep-cohort.h"
#include "io/ep-labels.h"
#include "model/ep-cohort-column-private.h"
#include "model/ep-cohort-private.h"


enum
{
  PROP_0,
  PROP_NAME,
  PROP_N_ROWS,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_REVISION,
  N_PROPS
};

enum
{
  CELL_CHANGED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void ep_cohort_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EpCohort, ep_cohort, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ep_cohort_list_model_init))

G_DEFINE_QUARK (ep-cohort-error-quark, ep_cohort_error)


/* GListModel */

static GType
ep_cohort_get_item_type (GListModel *model)
{
  return EP_TYPE_COHORT_ROW;
}

static guint
ep_cohort_get_n_items (GListModel *model)
{
  return EP_COHORT (model)->table->n_rows;
}

static gpointer
ep_cohort_get_item (GListModel *model,
                    guint       position)
{
  EpCohort *self = EP_COHORT (model);

  if (position >= self->table->n_rows)
    return NULL;

  return ep_cohort_row_new (self, position);
}

static void
ep_cohort_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ep_cohort_get_item_type;
  iface->get_n_items = ep_cohort_get_n_items;
  iface->get_item = ep_cohort_get_item;
}

/* GObject */

static void
ep_cohort_finalize (GObject *object)
{
  EpCohort *self = EP_COHORT (object);

  /* edits may own columns that are out of the table: free them first */
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_object (&self->columns);
  g_clear_object (&self->endpoints);
  g_clear_pointer (&self->table, ep_table_free);
  g_free (self->name);
  g_free (self->source);
  g_clear_pointer (&self->input_revisions, g_hash_table_unref);
  g_clear_pointer (&self->batch_columns, g_ptr_array_unref);

  G_OBJECT_CLASS (ep_cohort_parent_class)->finalize (object);
}

static void
ep_cohort_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EpCohort *self = EP_COHORT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_N_ROWS:
      g_value_set_uint (value, self->table->n_rows);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ep_cohort_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, ep_cohort_can_redo (self));
      break;
    case PROP_REVISION:
      g_value_set_uint64 (value, self->revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_cohort_class_init (EpCohortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ep_cohort_finalize;
  object_class->get_property = ep_cohort_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ROWS] =
    g_param_spec_uint ("n-rows", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_uint64 ("revision", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpCohort::changed:
   * @revision: the cohort's new revision
   *
   * A committed edit (cell, rows, column, type, role, endpoint), an undo or a redo was applied:
   * the revision advanced. ep_cohort_get_input_revision() says what it touched.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);

  /**
   * EpCohort::cell-changed:
   * @row: the row
   * @column: the column's position
   *
   * A cell's value changed (by an edit, an undo or a redo).
   */
  signals[CELL_CHANGED] =
    g_signal_new ("cell-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
ep_cohort_init (EpCohort *self)
{
  self->columns = g_list_store_new (EP_TYPE_COHORT_COLUMN);
  self->endpoints = g_list_store_new (EP_TYPE_COHORT_ENDPOINT);
  self->undo = g_ptr_array_new_with_free_func (ep_cohort_edit_free);
  self->input_revisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

EpCohort *
ep_cohort_new_from_table (const char *name,
                          EpTable    *table)
{
  EpCohort *self;

  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (EP_TYPE_COHORT, NULL);
  self->name = g_strdup (name != NULL ? name : _("Cohort"));
  self->table = table;
  for (guint j = 0; j < ep_table_get_n_columns (table); j++)
    {
      g_autoptr(EpCohortColumn) column = ep_cohort_column_new (ep_table_get_column (table, j));

      g_list_store_append (self->columns, column);
    }

  return self;
}

EpCohort *
ep_cohort_new (const char *name)
{
  return ep_cohort_new_from_table (name, ep_table_new (0));
}

EpCohort *
ep_cohort_new_from_file (const char             *path,
                         const EpImportOptions  *options,
                         GError                **error)
{
  return ep_cohort_new_from_file_full (path, options, NULL, NULL, NULL, error);
}

EpCohort *
ep_cohort_new_from_file_full (const char             *path,
                              const EpImportOptions  *options,
                              EpImportProgressFunc    progress,
                              gpointer                progress_data,
                              GCancellable           *cancellable,
                              GError                **error)
{
  g_autofree char *basename = NULL;
  EpCohort *self;
  EpTable *table;
  char *dot;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  table = ep_import_file_full (path, options, progress, progress_data, cancellable, error);
  if (table == NULL)
    return NULL;

  basename = g_path_get_basename (path);
  dot = strrchr (basename, '.');
  if (dot != NULL && dot != basename)
    *dot = '\0';

  self = ep_cohort_new_from_table (basename, table);
  self->source = g_path_get_basename (path);

  return self;
}

/* Accessors */

const char *
ep_cohort_get_name (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  return self->name;
}

void
ep_cohort_set_name (EpCohort   *self,
                    const char *name)
{
  g_return_if_fail (EP_IS_COHORT (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

guint
ep_cohort_get_n_rows (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), 0);
  return self->table->n_rows;
}

guint
ep_cohort_get_n_columns (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), 0);
  return ep_table_get_n_columns (self->table);
}

GListModel *
ep_cohort_get_columns (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  return G_LIST_MODEL (self->columns);
}

EpCohortColumn *
ep_cohort_get_column (EpCohort *self,
                      guint     position)
{
  g_autoptr(EpCohortColumn) column = NULL;

  g_return_val_if_fail (EP_IS_COHORT (self), NULL);

  column = g_list_model_get_item (G_LIST_MODEL (self->columns), position);
  return column;      /* the store keeps it alive */
}

int
ep_cohort_find_column (EpCohort   *self,
                       const char *name)
{
  g_return_val_if_fail (EP_IS_COHORT (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  return ep_table_find_column (self->table, name);
}

GListModel *
ep_cohort_get_endpoints (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  return G_LIST_MODEL (self->endpoints);
}

int
ep_cohort_endpoint_position (EpCohort   *self,
                             const char *name)
{
  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->endpoints)); k++)
    {
      g_autoptr(EpCohortEndpoint) e = g_list_model_get_item (G_LIST_MODEL (self->endpoints), k);

      if (g_strcmp0 (ep_cohort_endpoint_get_name (e), name) == 0)
        return (int) k;
    }
  return -1;
}

EpCohortEndpoint *
ep_cohort_find_endpoint (EpCohort   *self,
                         const char *name)
{
  int k;
  g_autoptr(EpCohortEndpoint) e = NULL;

  g_return_val_if_fail (EP_IS_COHORT (self), NULL);

  k = ep_cohort_endpoint_position (self, name);
  if (k < 0)
    return NULL;
  e = g_list_model_get_item (G_LIST_MODEL (self->endpoints), (guint) k);
  return e;           /* the store keeps it alive */
}

const EpTable *
ep_cohort_get_table (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  return self->table;
}

char *
ep_cohort_get_text (EpCohort *self,
                    guint     row,
                    guint     column)
{
  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  g_return_val_if_fail (row < self->table->n_rows, NULL);
  g_return_val_if_fail (column < ep_table_get_n_columns (self->table), NULL);

  return ep_table_column_format (ep_table_get_column (self->table, column), row);
}

gboolean
ep_cohort_is_missing (EpCohort *self,
                      guint     row,
                      guint     column)
{
  g_return_val_if_fail (EP_IS_COHORT (self), TRUE);
  g_return_val_if_fail (row < self->table->n_rows, TRUE);
  g_return_val_if_fail (column < ep_table_get_n_columns (self->table), TRUE);

  return ep_table_column_is_missing (ep_table_get_column (self->table, column), row);
}

int
ep_cohort_compare_rows (EpCohort *self,
                        guint     column,
                        guint     row_a,
                        guint     row_b)
{
  const EpTableColumn *c;
  gboolean miss_a, miss_b;

  g_return_val_if_fail (EP_IS_COHORT (self), 0);
  g_return_val_if_fail (column < ep_table_get_n_columns (self->table), 0);
  g_return_val_if_fail (row_a < self->table->n_rows && row_b < self->table->n_rows, 0);

  c = ep_table_get_column (self->table, column);
  miss_a = ep_table_column_is_missing (c, row_a);
  miss_b = ep_table_column_is_missing (c, row_b);
  if (miss_a || miss_b)
    return miss_a - miss_b;

  switch (c->type)
    {
    case EP_COLUMN_NUMBER:
      {
        double a = g_array_index (c->values, double, row_a);
        double b = g_array_index (c->values, double, row_b);

        return (a > b) - (a < b);
      }
    case EP_COLUMN_CATEGORY:
      return strcmp (g_ptr_array_index (c->levels, g_array_index (c->values, gint32, row_a)),
                     g_ptr_array_index (c->levels, g_array_index (c->values, gint32, row_b)));
    case EP_COLUMN_YESNO:
      return g_array_index (c->values, gint8, row_a) - g_array_index (c->values, gint8, row_b);
    case EP_COLUMN_DATE:
      {
        gint32 a = g_array_index (c->values, gint32, row_a);
        gint32 b = g_array_index (c->values, gint32, row_b);

        return (a > b) - (a < b);
      }
    default:
      g_return_val_if_reached (0);
    }
}

guint64
ep_cohort_get_revision (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), 0);
  return self->revision;
}

static guint64
lookup_revision (EpCohort   *self,
                 char        prefix,
                 const char *name)
{
  g_autofree char *key = g_strdup_printf ("%c:%s", prefix, name);
  const guint64 *revision = g_hash_table_lookup (self->input_revisions, key);

  return revision != NULL ? *revision : 0;
}

gboolean
ep_cohort_get_input_revision (EpCohort           *self,
                              const char * const *columns,
                              const char * const *endpoints,
                              guint64            *revision,
                              GError            **error)
{
  guint64 latest;

  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);

  latest = self->rows_revision;
  for (guint k = 0; endpoints != NULL && endpoints[k] != NULL; k++)
    {
      EpCohortEndpoint *endpoint = ep_cohort_find_endpoint (self, endpoints[k]);
      const char *used[4];

      if (endpoint == NULL)
        {
          g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_NO_COLUMN,
                       _("The endpoint “%s” no longer exists"), endpoints[k]);
          return FALSE;
        }
      latest = MAX (latest, lookup_revision (self, 'e', endpoints[k]));
      used[0] = ep_cohort_endpoint_get_time_column (endpoint);
      used[1] = ep_cohort_endpoint_get_start_column (endpoint);
      used[2] = ep_cohort_endpoint_get_end_column (endpoint);
      used[3] = ep_cohort_endpoint_get_event_column (endpoint);
      for (guint c = 0; c < G_N_ELEMENTS (used); c++)
        if (used[c] != NULL)
          latest = MAX (latest, lookup_revision (self, 'c', used[c]));
    }
  for (guint k = 0; columns != NULL && columns[k] != NULL; k++)
    {
      if (ep_cohort_find_column (self, columns[k]) < 0)
        {
          g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_NO_COLUMN,
                       _("The column “%s” no longer exists"), columns[k]);
          return FALSE;
        }
      latest = MAX (latest, lookup_revision (self, 'c', columns[k]));
    }

  *revision = latest;
  return TRUE;
}

static void
hash_column (GChecksum           *checksum,
             const EpTableColumn *column,
             guint                n_rows)
{
  guint32 header[2] = { GUINT32_TO_LE ((guint32) column->type), GUINT32_TO_LE (n_rows) };

  g_checksum_update (checksum, (const guchar *) column->name, strlen (column->name) + 1);
  g_checksum_update (checksum, (const guchar *) header, sizeof header);
  g_checksum_update (checksum, (const guchar *) column->values->data,
                     (gsize) column->values->len * g_array_get_element_size (column->values));
  for (guint k = 0; column->levels != NULL && k < column->levels->len; k++)
    {
      const char *level = g_ptr_array_index (column->levels, k);

      g_checksum_update (checksum, (const guchar *) level, strlen (level) + 1);
    }
  /* Labels change what results say (issue 13); hashed only when set, so a column without them
   * keeps the fingerprint it had before labels existed. */
  if (column->label != NULL || column->value_labels != NULL)
    {
      g_checksum_update (checksum, (const guchar *) "labels", 7);
      if (column->label != NULL)
        g_checksum_update (checksum, (const guchar *) column->label, strlen (column->label) + 1);
      for (guint k = 0; column->value_labels != NULL && k < column->value_labels->len; k++)
        {
          const EpValueLabel *e = g_ptr_array_index (column->value_labels, k);

          g_checksum_update (checksum, (const guchar *) "|", 1);
          g_checksum_update (checksum, (const guchar *) e->value, strlen (e->value) + 1);
          if (e->label != NULL)
            g_checksum_update (checksum, (const guchar *) e->label, strlen (e->label) + 1);
        }
    }
}

static gboolean
hash_named_column (EpCohort    *self,
                   GChecksum   *checksum,
                   const char  *name,
                   GError     **error)
{
  int j = ep_cohort_find_column (self, name);

  if (j < 0)
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_NO_COLUMN,
                   _("The column “%s” no longer exists"), name);
      return FALSE;
    }
  hash_column (checksum, ep_table_get_column (self->table, (guint) j), self->table->n_rows);
  return TRUE;
}

char *
ep_cohort_fingerprint (EpCohort           *self,
                       const char * const *columns,
                       const char * const *endpoints,
                       GError            **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (EP_IS_COHORT (self), NULL);

  /* A version tag, so that a change of what is hashed never matches an old file by chance. */
  g_checksum_update (checksum, (const guchar *) "endpoint-inputs-1", -1);
  for (guint k = 0; endpoints != NULL && endpoints[k] != NULL; k++)
    {
      EpCohortEndpoint *endpoint = ep_cohort_find_endpoint (self, endpoints[k]);
      const char *used[4];
      const char * const *codes;
      g_autofree char *definition = NULL;

      if (endpoint == NULL)
        {
          g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_NO_COLUMN,
                       _("The endpoint “%s” no longer exists"), endpoints[k]);
          return NULL;
        }
      used[0] = ep_cohort_endpoint_get_time_column (endpoint);
      used[1] = ep_cohort_endpoint_get_start_column (endpoint);
      used[2] = ep_cohort_endpoint_get_end_column (endpoint);
      used[3] = ep_cohort_endpoint_get_event_column (endpoint);
      definition = g_strdup_printf ("e:%s|%d|%d", endpoints[k],
                                    (int) ep_cohort_endpoint_get_source (endpoint),
                                    (int) ep_cohort_endpoint_get_unit (endpoint));
      g_checksum_update (checksum, (const guchar *) definition, strlen (definition) + 1);
      codes = ep_cohort_endpoint_get_event_codes (endpoint);
      for (guint c = 0; codes != NULL && codes[c] != NULL; c++)
        g_checksum_update (checksum, (const guchar *) codes[c], strlen (codes[c]) + 1);
      for (guint c = 0; c < G_N_ELEMENTS (used); c++)
        {
          g_checksum_update (checksum, (const guchar *) "|", 1);
          if (used[c] != NULL && !hash_named_column (self, checksum, used[c], error))
            return NULL;
        }
    }
  for (guint k = 0; columns != NULL && columns[k] != NULL; k++)
    if (!hash_named_column (self, checksum, columns[k], error))
      return NULL;

  return g_strdup (g_checksum_get_string (checksum));
}

/* Public edits */

void
ep_cohort_notify_n_rows (EpCohort *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROWS]);
}

void
ep_cohort_notify_undo (EpCohort *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* After an edit, undo or redo: the revision moved on. */
void
ep_cohort_emit_changed (EpCohort *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
  g_signal_emit (self, signals[CHANGED], 0, self->revision);
}

void
ep_cohort_emit_cell_changed (EpCohort *self,
                             guint     row,
                             guint     column)
{
  g_signal_emit (self, signals[CELL_CHANGED], 0, row, column);
}

/* What messages call the cohort: its file, else its name. */
const char *
ep_cohort_describe (EpCohort *self)
{
  return self->source != NULL ? self->source : self->name;
}

/* Examples */

typedef struct
{
  const char *id;
  const char *title;
  const char *file;
  const char *roles;      /* "column=role;..." */
} Example;

static const Example examples[] = {
  { "seed004", N_("Short-course blinatumomab, 30 patients (Yin 2024)"), "seed004-blinatumomab.csv",
    "patient=identifier;age=covariate;sex=covariate;disease_status=group;blasts_pct=covariate;"
    "high_burden=group;risk=group;response=outcome;mrd_negative=outcome;further_therapy=group" },
  { "aml", N_("Acute myelogenous leukemia, maintenance chemotherapy (survival::aml)"), "aml.csv",
    "time=time;status=event;x=group" },
};

const char * const *
ep_cohort_list_examples (void)
{
  static const char *list[2 * G_N_ELEMENTS (examples) + 1];

  for (guint k = 0; k < G_N_ELEMENTS (examples); k++)
    {
      list[2 * k] = examples[k].id;
      list[2 * k + 1] = examples[k].title;
    }
  return list;
}

EpCohort *
ep_cohort_new_from_example (const char  *examples_dir,
                            const char  *id,
                            GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(EpCohort) cohort = NULL;
  g_auto(GStrv) roles = NULL;
  const Example *example = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint k = 0; k < G_N_ELEMENTS (examples); k++)
    if (strcmp (examples[k].id, id) == 0)
      example = &examples[k];
  if (example == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no example “%s”"), id);
      return NULL;
    }

  if (examples_dir == NULL)
    examples_dir = PKGDATADIR "/examples";
  path = g_build_filename (examples_dir, example->file, NULL);
  cohort = ep_cohort_new_from_file (path, NULL, error);
  if (cohort == NULL)
    return NULL;
  g_free (cohort->name);
  cohort->name = g_strdup (_(example->title));

  /* Roles and endpoints are part of the example, not edits: no undo step. */
  roles = g_strsplit (example->roles, ";", -1);
  for (guint k = 0; roles[k] != NULL; k++)
    {
      g_auto(GStrv) pair = g_strsplit (roles[k], "=", 2);
      int j = ep_cohort_find_column (cohort, pair[0]);
      GEnumClass *klass = g_type_class_ref (EP_TYPE_COLUMN_ROLE);
      GEnumValue *value = g_enum_get_value_by_nick (klass, pair[1]);

      if (j >= 0 && value != NULL)
        ep_cohort_column_set_role (ep_cohort_get_column (cohort, (guint) j), value->value);
      g_type_class_unref (klass);
    }

  if (strcmp (id, "aml") == 0)
    {
      /* survival::aml: time in weeks, status 1 = death (or relapse), 0 = censored */
      const char *codes[] = { "1", NULL };
      g_autoptr(EpCohortEndpoint) os = ep_cohort_endpoint_new_time ("OS", "time", "status", codes,
                                                                    EP_TIME_UNIT_WEEKS);

      g_list_store_append (cohort->endpoints, os);
    }

  return g_steal_pointer (&cohort);
}
