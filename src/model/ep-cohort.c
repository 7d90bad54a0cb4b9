/* ep-cohort.c: a patient cohort: typed columns, roles, endpoints and an undo stack
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The undo stack is a list of Edit records, each able to apply itself forwards (do, redo) and
 * backwards (undo). Every public edit builds its record, applies it forwards and pushes it;
 * a new edit drops the redo tail. Records hold what is needed to go both ways exactly: the old
 * and new text of a cell (numbers round-trip through their shortest text), the cells of
 * deleted rows, a deleted column's storage, a retyped column's old storage.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/ep-cohort.h"
#include "io/ep-labels.h"
#include "model/ep-cohort-column-private.h"
#include "model/ep-cohort-private.h"

typedef enum
{
  EDIT_CELL,
  EDIT_ROWS,
  EDIT_COLUMN,
  EDIT_RENAME,
  EDIT_RETYPE,
  EDIT_ROLE,
  EDIT_ENDPOINT,
  EDIT_GROUP,
  EDIT_LABELS,
} EditKind;

typedef struct
{
  EditKind          kind;
  const char       *label;          /* for "Undo Edit cell" */
  EpCohortColumn   *column;         /* CELL, COLUMN, RENAME, RETYPE, ROLE */
  guint             row;            /* CELL; ROWS: the first row */
  guint             n;              /* ROWS: how many */
  gboolean          insert;         /* ROWS, COLUMN: forwards inserts (else deletes) */
  char             *old_text;       /* CELL; RENAME: old name */
  char             *new_text;       /* CELL; RENAME: new name */
  guint             old_n_levels;   /* CELL: levels before the edit (a new level is dropped on undo) */
  GPtrArray        *cells;          /* ROWS: per column a GArray of n cells (NULL: empty rows) */
  guint             position;       /* COLUMN: where; ENDPOINT: where a removed one was */
  EpTableColumn    *storage;        /* COLUMN: the column's storage; RETYPE: the other version */
  gboolean          owns_storage;   /* COLUMN: TRUE while the column is out of the table */
  EpColumnRole      old_role, new_role;
  EpCohortEndpoint *old_endpoint;   /* ENDPOINT: NULL when added */
  EpCohortEndpoint *new_endpoint;   /* ENDPOINT: NULL when removed */
  GPtrArray        *parts;          /* GROUP: Edit *, applied in order, undone in reverse */
  GPtrArray        *old_labels;     /* LABELS: value labels before (EpValueLabel *, or NULL) */
  GPtrArray        *new_labels;     /* LABELS: and after; old_text / new_text: display names */
} Edit;

struct _EpCohort
{
  GObject      parent_instance;

  char        *name;
  char        *source;        /* the file's basename, for messages; NULL when made in the app */
  EpTable     *table;
  GListStore  *columns;       /* EpCohortColumn */
  GListStore  *endpoints;     /* EpCohortEndpoint */
  GPtrArray   *undo;          /* Edit *, oldest first */
  guint        n_done;        /* undo[0 .. n_done) are done; the rest can be redone */

  /* The dependency graph's clock (docs/projects.md): every applied edit, undo and redo
   * advances revision and stamps what it touched, so an analysis can tell whether the columns
   * and endpoints it read changed since its result was computed. */
  guint64      revision;
  guint64      rows_revision;     /* rows inserted or deleted: every column changed */
  GHashTable  *input_revisions;   /* "c:NAME" (column) or "e:NAME" (endpoint) -> guint64 * */

  /* While a group (a paste, a cleared block) is applied, its cells' notifications are gathered
   * and sent once per run of cells: a GtkColumnView told about 60,000 cells one row at a time
   * took minutes for a 20,000-row paste. */
  guint        batch_depth;
  gboolean     batch_any;
  guint        batch_first_row;
  guint        batch_last_row;
  GPtrArray   *batch_columns;     /* EpCohortColumn *, each once */
};

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

static void
edit_free (Edit *edit)
{
  g_clear_object (&edit->column);
  g_free (edit->old_text);
  g_free (edit->new_text);
  g_clear_pointer (&edit->cells, g_ptr_array_unref);
  /* a deleted column's storage is owned by the edit while it is out of the table */
  if (edit->kind == EDIT_RETYPE || (edit->kind == EDIT_COLUMN && edit->owns_storage))
    g_clear_pointer (&edit->storage, ep_table_column_free);
  g_clear_object (&edit->old_endpoint);
  g_clear_object (&edit->new_endpoint);
  g_clear_pointer (&edit->parts, g_ptr_array_unref);
  g_clear_pointer (&edit->old_labels, g_ptr_array_unref);
  g_clear_pointer (&edit->new_labels, g_ptr_array_unref);
  g_free (edit);
}

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
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
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

static int
find_endpoint (EpCohort   *self,
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

  k = find_endpoint (self, name);
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

/* Applying edits */

static guint
column_position (EpCohort       *self,
                 EpCohortColumn *column)
{
  guint position = 0;

  if (!g_list_store_find (self->columns, column, &position))
    g_return_val_if_reached (0);
  return position;
}

static void
rows_changed (EpCohort *self,
              guint     position,
              guint     removed,
              guint     added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROWS]);
}

static void
notify_all_columns (EpCohort *self)
{
  for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (self->columns)); j++)
    ep_cohort_column_cells_changed (ep_cohort_get_column (self, j));
}

/* Cells of rows [row, row + n) of every column, as GArrays, to put back later. */
static GPtrArray *
copy_cells (EpCohort *self,
            guint     row,
            guint     n)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint j = 0; j < ep_table_get_n_columns (self->table); j++)
    {
      EpTableColumn *c = ep_table_get_column (self->table, j);
      guint size = g_array_get_element_size (c->values);
      GArray *slice = g_array_sized_new (FALSE, FALSE, size, n);

      g_array_append_vals (slice, c->values->data + (gsize) row * size, n);
      g_ptr_array_add (cells, slice);
    }
  return cells;
}

static void
paste_cells (EpCohort  *self,
             guint      row,
             GPtrArray *cells)
{
  for (guint j = 0; j < cells->len && j < ep_table_get_n_columns (self->table); j++)
    {
      EpTableColumn *c = ep_table_get_column (self->table, j);
      GArray *slice = g_ptr_array_index (cells, j);
      guint size = g_array_get_element_size (c->values);

      memcpy (c->values->data + (gsize) row * size, slice->data, (gsize) slice->len * size);
    }
}

static void
apply_rows (EpCohort *self,
            Edit     *edit,
            gboolean  insert)
{
  if (insert)
    {
      ep_table_insert_rows (self->table, edit->row, edit->n);
      if (edit->cells != NULL)
        paste_cells (self, edit->row, edit->cells);
      rows_changed (self, edit->row, 0, edit->n);
    }
  else
    {
      ep_table_remove_rows (self->table, edit->row, edit->n);
      rows_changed (self, edit->row, edit->n, 0);
    }
  notify_all_columns (self);
}

static void
apply_column (EpCohort *self,
              Edit     *edit,
              gboolean  insert)
{
  if (insert)
    {
      /* the name was checked when the edit was made, and undo keeps names unique */
      if (!ep_table_insert_column (self->table, edit->position, edit->storage, NULL))
        g_return_if_reached ();
      edit->owns_storage = FALSE;
      /* listed first: the storage and role notifications reach handlers that read the columns
       * list and the table together (the editor rebuilds its columns), so both must agree */
      g_list_store_insert (self->columns, edit->position, edit->column);
      ep_cohort_column_set_storage (edit->column, edit->storage);
      ep_cohort_column_set_role (edit->column, edit->new_role);
    }
  else
    {
      edit->new_role = ep_cohort_column_get_role (edit->column);
      edit->storage = ep_table_steal_column (self->table, edit->position);
      edit->owns_storage = TRUE;
      g_list_store_remove (self->columns, edit->position);
    }
}

static void
rename_in_endpoints (EpCohort   *self,
                     const char *old_name,
                     const char *new_name)
{
  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->endpoints)); k++)
    {
      g_autoptr(EpCohortEndpoint) e = g_list_model_get_item (G_LIST_MODEL (self->endpoints), k);

      if (ep_cohort_endpoint_uses_column (e, old_name))
        {
          g_autoptr(EpCohortEndpoint) renamed = ep_cohort_endpoint_rename_column (e, old_name,
                                                                                  new_name);

          g_list_store_splice (self->endpoints, k, 1, (gpointer *) &renamed, 1);
        }
    }
}

/* Replaces the endpoint named like from by to, removes it (to NULL), or inserts to at position
 * (clamped; G_MAXUINT appends) when there is none. */
static void
apply_endpoint (EpCohort         *self,
                EpCohortEndpoint *from,
                EpCohortEndpoint *to,
                guint             position)
{
  int k = from != NULL ? find_endpoint (self, ep_cohort_endpoint_get_name (from)) : -1;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->endpoints));

  if (k >= 0 && to != NULL)
    g_list_store_splice (self->endpoints, (guint) k, 1, (gpointer *) &to, 1);
  else if (k >= 0)
    g_list_store_remove (self->endpoints, (guint) k);
  else if (to != NULL)
    g_list_store_insert (self->endpoints, MIN (position, n), to);
}

static void
stamp (EpCohort   *self,
       char        prefix,
       const char *name)
{
  guint64 *revision;

  if (name == NULL)
    return;
  revision = g_new (guint64, 1);
  *revision = self->revision;
  g_hash_table_insert (self->input_revisions, g_strdup_printf ("%c:%s", prefix, name), revision);
}

/* Advances the revision and stamps what edit touches (both sides of a rename or an endpoint
 * replacement), before the edit's own signals, so a handler sees the new revision. */
static void
edit_stamp_touched (EpCohort *self,
                    Edit     *edit)
{
  switch (edit->kind)
    {
    case EDIT_CELL:
    case EDIT_COLUMN:
    case EDIT_RETYPE:
    case EDIT_LABELS:
      stamp (self, 'c', ep_cohort_column_get_name (edit->column));
      break;
    case EDIT_ROWS:
      self->rows_revision = self->revision;
      break;
    case EDIT_RENAME:
      stamp (self, 'c', edit->old_text);
      stamp (self, 'c', edit->new_text);
      break;
    case EDIT_ENDPOINT:
      if (edit->old_endpoint != NULL)
        stamp (self, 'e', ep_cohort_endpoint_get_name (edit->old_endpoint));
      if (edit->new_endpoint != NULL)
        stamp (self, 'e', ep_cohort_endpoint_get_name (edit->new_endpoint));
      break;
    case EDIT_GROUP:
      /* a paste: one revision, stamped on everything its parts touch */
      for (guint i = 0; i < edit->parts->len; i++)
        edit_stamp_touched (self, g_ptr_array_index (edit->parts, i));
      break;
    case EDIT_ROLE:
    default:
      break;
    }
}

static void
edit_stamp (EpCohort *self,
            Edit     *edit)
{
  self->revision++;
  edit_stamp_touched (self, edit);
}

static void
batch_add_cell (EpCohort       *self,
                guint           row,
                EpCohortColumn *column)
{
  if (!self->batch_any)
    {
      self->batch_any = TRUE;
      self->batch_first_row = self->batch_last_row = row;
    }
  self->batch_first_row = MIN (self->batch_first_row, row);
  self->batch_last_row = MAX (self->batch_last_row, row);
  if (self->batch_columns == NULL)
    self->batch_columns = g_ptr_array_new ();
  if (!g_ptr_array_find (self->batch_columns, column, NULL))
    g_ptr_array_add (self->batch_columns, column);
}

static void
batch_flush (EpCohort *self)
{
  if (!self->batch_any)
    return;
  self->batch_any = FALSE;
  if (self->batch_first_row < self->table->n_rows)
    {
      guint n = MIN (self->batch_last_row, self->table->n_rows - 1) - self->batch_first_row + 1;

      rows_changed (self, self->batch_first_row, n, n);
    }
  for (guint i = 0; i < self->batch_columns->len; i++)
    ep_cohort_column_cells_changed (g_ptr_array_index (self->batch_columns, i));
  g_ptr_array_set_size (self->batch_columns, 0);
}

static void edit_apply_real (EpCohort *self,
                             Edit     *edit,
                             gboolean  forwards);

static void
edit_apply (EpCohort *self,
            Edit     *edit,
            gboolean  forwards)
{
  edit_stamp (self, edit);
  edit_apply_real (self, edit, forwards);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
  g_signal_emit (self, signals[CHANGED], 0, self->revision);
}

static void
edit_apply_real (EpCohort *self,
                 Edit     *edit,
                 gboolean  forwards)
{
  switch (edit->kind)
    {
    case EDIT_CELL:
      {
        EpTableColumn *c = ep_cohort_column_get_storage (edit->column);
        guint j = column_position (self, edit->column);

        /* a cell of a block learns its level count when first applied: a level brought in
         * by an earlier cell of the same block is that cell's to remove */
        if (edit->old_n_levels == G_MAXUINT)
          edit->old_n_levels = c->levels != NULL ? c->levels->len : 0;
        if (!ep_table_column_set_text (c, edit->row, forwards ? edit->new_text : edit->old_text,
                                       '.', NULL))
          g_return_if_reached ();
        /* a level that only this edit brought in goes away with it */
        if (!forwards && c->levels != NULL && c->levels->len > edit->old_n_levels)
          g_ptr_array_set_size (c->levels, edit->old_n_levels);
        g_signal_emit (self, signals[CELL_CHANGED], 0, edit->row, j);
        if (self->batch_depth > 0)
          batch_add_cell (self, edit->row, edit->column);
        else
          {
            rows_changed (self, edit->row, 1, 1);
            ep_cohort_column_cells_changed (edit->column);
          }
      }
      break;

    case EDIT_ROWS:
      apply_rows (self, edit, forwards == edit->insert);
      break;

    case EDIT_COLUMN:
      apply_column (self, edit, forwards == edit->insert);
      rows_changed (self, 0, self->table->n_rows, self->table->n_rows);
      break;

    case EDIT_RENAME:
      {
        const char *from = forwards ? edit->old_text : edit->new_text;
        const char *to = forwards ? edit->new_text : edit->old_text;

        ep_cohort_column_set_name (edit->column, to);
        rename_in_endpoints (self, from, to);
      }
      break;

    case EDIT_RETYPE:
      {
        /* swap the storage's contents with the other version kept in the edit */
        EpTableColumn *c = ep_cohort_column_get_storage (edit->column);
        EpTableColumn tmp = *c;

        c->type = edit->storage->type;
        c->values = edit->storage->values;
        c->levels = edit->storage->levels;
        edit->storage->type = tmp.type;
        edit->storage->values = tmp.values;
        edit->storage->levels = tmp.levels;
        ep_cohort_column_cells_changed (edit->column);
        rows_changed (self, 0, self->table->n_rows, self->table->n_rows);
      }
      break;

    case EDIT_ROLE:
      ep_cohort_column_set_role (edit->column, forwards ? edit->new_role : edit->old_role);
      break;

    case EDIT_LABELS:
      {
        EpTableColumn *c = ep_cohort_column_get_storage (edit->column);

        g_free (c->label);
        c->label = g_strdup (forwards ? edit->new_text : edit->old_text);
        g_clear_pointer (&c->value_labels, g_ptr_array_unref);
        c->value_labels = ep_value_labels_copy (forwards ? edit->new_labels : edit->old_labels);
        ep_cohort_column_labels_changed (edit->column);
      }
      break;

    case EDIT_ENDPOINT:
      if (forwards)
        apply_endpoint (self, edit->old_endpoint != NULL ? edit->old_endpoint : edit->new_endpoint,
                        edit->new_endpoint, edit->position);
      else
        apply_endpoint (self, edit->new_endpoint != NULL ? edit->new_endpoint : edit->old_endpoint,
                        edit->old_endpoint, edit->position);
      break;

    case EDIT_GROUP:
      /* a paste or a cleared block: its parts, as one step; the cells' notifications are sent
       * once per run of cells, before any other part (rows added or removed) and at the end */
      self->batch_depth++;
      for (guint i = 0; i < edit->parts->len; i++)
        {
          Edit *part = g_ptr_array_index (edit->parts, forwards ? i : edit->parts->len - 1 - i);

          if (part->kind != EDIT_CELL)
            batch_flush (self);
          edit_apply_real (self, part, forwards);
        }
      batch_flush (self);
      self->batch_depth--;
      break;

    default:
      g_return_if_reached ();
    }
}

static void
notify_undo (EpCohort *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Applies a new edit and pushes it; the redo tail is dropped. */
static void
push (EpCohort *self,
      Edit     *edit)
{
  if (self->n_done < self->undo->len)
    g_ptr_array_remove_range (self->undo, self->n_done, self->undo->len - self->n_done);
  edit_apply (self, edit, TRUE);
  g_ptr_array_add (self->undo, edit);
  self->n_done = self->undo->len;
  notify_undo (self);
}

gboolean
ep_cohort_can_undo (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);
  return self->n_done > 0;
}

gboolean
ep_cohort_can_redo (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);
  return self->n_done < self->undo->len;
}

const char *
ep_cohort_get_undo_label (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  if (self->n_done == 0)
    return NULL;
  return _(((Edit *) g_ptr_array_index (self->undo, self->n_done - 1))->label);
}

const char *
ep_cohort_get_redo_label (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), NULL);
  if (self->n_done >= self->undo->len)
    return NULL;
  return _(((Edit *) g_ptr_array_index (self->undo, self->n_done))->label);
}

gboolean
ep_cohort_undo (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);

  if (self->n_done == 0)
    return FALSE;
  self->n_done--;
  edit_apply (self, g_ptr_array_index (self->undo, self->n_done), FALSE);
  notify_undo (self);
  return TRUE;
}

gboolean
ep_cohort_redo (EpCohort *self)
{
  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);

  if (self->n_done >= self->undo->len)
    return FALSE;
  edit_apply (self, g_ptr_array_index (self->undo, self->n_done), TRUE);
  self->n_done++;
  notify_undo (self);
  return TRUE;
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

gboolean
ep_cohort_set_text (EpCohort    *self,
                    guint        row,
                    guint        column,
                    const char  *text,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(EpTableColumn) probe = NULL;
  EpTableColumn *c;
  Edit *edit;

  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);
  g_return_val_if_fail (row < self->table->n_rows, FALSE);
  g_return_val_if_fail (column < ep_table_get_n_columns (self->table), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  c = ep_table_get_column (self->table, column);

  /* Validate on a one-cell probe so that a refused edit changes nothing. */
  probe = ep_table_column_new (c->name, c->type, 1);
  if (!ep_table_column_set_text (probe, 0, text, '.', &local_error))
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_INVALID_VALUE,
                   /* TRANSLATORS: column "age": "abc" is not a number */
                   _("column \"%s\": %s"), c->name, local_error->message);
      return FALSE;
    }

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_CELL;
  edit->label = N_("Edit cell");
  edit->column = g_object_ref (ep_cohort_get_column (self, column));
  edit->row = row;
  edit->old_text = ep_table_column_format (c, row);
  /* store the canonical text of the new value, so that redo is exact ("1.50" -> "1.5") */
  edit->new_text = ep_table_column_format (probe, 0);
  edit->old_n_levels = c->levels != NULL ? c->levels->len : 0;
  push (self, edit);

  return TRUE;
}

gboolean
ep_cohort_set_block (EpCohort            *self,
                     guint                row,
                     guint                column,
                     guint                n_rows,
                     guint                n_columns,
                     const char * const  *texts,
                     const char          *label,
                     GError             **error)
{
  guint n_table_columns;
  guint n_new_rows = 0;
  Edit *group;

  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);
  g_return_val_if_fail (texts != NULL || n_rows * n_columns == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_table_columns = ep_table_get_n_columns (self->table);
  if (n_rows == 0 || n_columns == 0)
    return TRUE;
  if (column >= n_table_columns || column + n_columns > n_table_columns)
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_INVALID_VALUE,
                   _("the block has %u columns, more than the %u from the cursor to the last column"),
                   n_columns, column < n_table_columns ? n_table_columns - column : 0);
      return FALSE;
    }
  if (row > self->table->n_rows)
    row = self->table->n_rows;
  if (row + n_rows > self->table->n_rows)
    n_new_rows = row + n_rows - self->table->n_rows;

  /* Every text is checked on a probe first, so that a refused block changes nothing. */
  for (guint j = 0; j < n_columns; j++)
    {
      EpTableColumn *c = ep_table_get_column (self->table, column + j);
      g_autoptr(EpTableColumn) probe = ep_table_column_new (c->name, c->type, 1);

      for (guint i = 0; i < n_rows; i++)
        {
          g_autoptr(GError) local_error = NULL;

          if (!ep_table_column_set_text (probe, 0, texts[(gsize) i * n_columns + j], '.',
                                         &local_error))
            {
              g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_INVALID_VALUE,
                           /* TRANSLATORS: row 12, column "age": "abc" is not a number */
                           _("row %u, column \"%s\": %s"), row + i + 1, c->name,
                           local_error->message);
              return FALSE;
            }
        }
    }

  group = g_new0 (Edit, 1);
  group->kind = EDIT_GROUP;
  group->label = label != NULL ? label : N_("Paste");
  group->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);

  if (n_new_rows > 0)
    {
      Edit *rows = g_new0 (Edit, 1);

      rows->kind = EDIT_ROWS;
      rows->label = N_("Add rows");
      rows->row = self->table->n_rows;
      rows->n = n_new_rows;
      rows->insert = TRUE;
      g_ptr_array_add (group->parts, rows);
    }

  for (guint i = 0; i < n_rows; i++)
    for (guint j = 0; j < n_columns; j++)
      {
        EpTableColumn *c = ep_table_get_column (self->table, column + j);
        g_autoptr(EpTableColumn) probe = ep_table_column_new (c->name, c->type, 1);
        Edit *edit;

        ep_table_column_set_text (probe, 0, texts[(gsize) i * n_columns + j], '.', NULL);
        edit = g_new0 (Edit, 1);
        edit->kind = EDIT_CELL;
        edit->label = N_("Edit cell");
        edit->column = g_object_ref (ep_cohort_get_column (self, column + j));
        edit->row = row + i;
        /* rows added by this step are missing before it */
        edit->old_text = row + i < self->table->n_rows ? ep_table_column_format (c, row + i)
                                                       : g_strdup ("");
        edit->new_text = ep_table_column_format (probe, 0);
        /* levels grow in step order, so undoing in reverse restores each count */
        edit->old_n_levels = G_MAXUINT;
        g_ptr_array_add (group->parts, edit);
      }

  push (self, group);
  return TRUE;
}

void
ep_cohort_insert_rows (EpCohort *self,
                       guint     position,
                       guint     n)
{
  Edit *edit;

  g_return_if_fail (EP_IS_COHORT (self));
  g_return_if_fail (position <= self->table->n_rows);

  if (n == 0)
    return;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_ROWS;
  edit->label = n == 1 ? N_("Add row") : N_("Add rows");
  edit->row = position;
  edit->n = n;
  edit->insert = TRUE;
  push (self, edit);
}

void
ep_cohort_delete_rows (EpCohort *self,
                       guint     position,
                       guint     n)
{
  Edit *edit;

  g_return_if_fail (EP_IS_COHORT (self));
  g_return_if_fail (position + n <= self->table->n_rows);

  if (n == 0)
    return;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_ROWS;
  edit->label = n == 1 ? N_("Delete row") : N_("Delete rows");
  edit->row = position;
  edit->n = n;
  edit->insert = FALSE;
  edit->cells = copy_cells (self, position, n);
  push (self, edit);
}

void
ep_cohort_duplicate_row (EpCohort *self,
                         guint     row)
{
  Edit *edit;

  g_return_if_fail (EP_IS_COHORT (self));
  g_return_if_fail (row < self->table->n_rows);

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_ROWS;
  edit->label = N_("Duplicate row");
  edit->row = row + 1;
  edit->n = 1;
  edit->insert = TRUE;
  edit->cells = copy_cells (self, row, 1);
  push (self, edit);
}

static gboolean
check_name (EpCohort    *self,
            const char  *name,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*stripped == '\0')
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_DUPLICATE_NAME,
                   _("A column needs a name"));
      return FALSE;
    }
  if (ep_table_find_column (self->table, name) >= 0)
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_DUPLICATE_NAME,
                   _("There is already a column \"%s\""), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
ep_cohort_add_column (EpCohort      *self,
                      guint          position,
                      const char    *name,
                      EpColumnType   type,
                      GError       **error)
{
  Edit *edit;

  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);
  g_return_val_if_fail (position <= ep_table_get_n_columns (self->table), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_name (self, name, error))
    return FALSE;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_COLUMN;
  edit->label = N_("Add column");
  edit->insert = TRUE;
  edit->position = position;
  edit->storage = ep_table_column_new (name, type, self->table->n_rows);
  edit->owns_storage = TRUE;
  edit->column = ep_cohort_column_new (edit->storage);
  push (self, edit);

  return TRUE;
}

void
ep_cohort_delete_column (EpCohort *self,
                         guint     position)
{
  Edit *edit;

  g_return_if_fail (EP_IS_COHORT (self));
  g_return_if_fail (position < ep_table_get_n_columns (self->table));

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_COLUMN;
  edit->label = N_("Delete column");
  edit->insert = FALSE;
  edit->position = position;
  edit->column = g_object_ref (ep_cohort_get_column (self, position));
  push (self, edit);
}

gboolean
ep_cohort_rename_column (EpCohort    *self,
                         guint        position,
                         const char  *name,
                         GError     **error)
{
  EpCohortColumn *column;
  Edit *edit;

  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);
  g_return_val_if_fail (position < ep_table_get_n_columns (self->table), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  column = ep_cohort_get_column (self, position);
  if (g_strcmp0 (ep_cohort_column_get_name (column), name) == 0)
    return TRUE;
  if (!check_name (self, name, error))
    return FALSE;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_RENAME;
  edit->label = N_("Rename column");
  edit->column = g_object_ref (column);
  edit->old_text = g_strdup (ep_cohort_column_get_name (column));
  edit->new_text = g_strdup (name);
  push (self, edit);

  return TRUE;
}

gboolean
ep_cohort_set_column_type (EpCohort      *self,
                           guint          position,
                           EpColumnType   type,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  EpCohortColumn *column;
  EpTableColumn *converted;
  Edit *edit;

  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);
  g_return_val_if_fail (position < ep_table_get_n_columns (self->table), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  column = ep_cohort_get_column (self, position);
  if (ep_cohort_column_get_column_type (column) == type)
    return TRUE;

  /* Convert a copy; the edit then swaps it in (and back on undo). */
  converted = ep_table_column_copy (ep_cohort_column_get_storage (column));
  if (!ep_table_column_convert (converted, type, &local_error))
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_INVALID_VALUE,
                   /* TRANSLATORS: column "age" cannot become a number: row 17: "abc" is not a number */
                   _("column \"%s\" cannot become %s: %s"), ep_cohort_column_get_name (column),
                   ep_column_type_to_string (type), local_error->message);
      ep_table_column_free (converted);
      return FALSE;
    }

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_RETYPE;
  edit->label = N_("Change column type");
  edit->column = g_object_ref (column);
  edit->storage = converted;
  push (self, edit);

  return TRUE;
}

void
ep_cohort_set_column_role (EpCohort     *self,
                           guint         position,
                           EpColumnRole  role)
{
  EpCohortColumn *column;
  Edit *edit;

  g_return_if_fail (EP_IS_COHORT (self));
  g_return_if_fail (position < ep_table_get_n_columns (self->table));

  column = ep_cohort_get_column (self, position);
  if (ep_cohort_column_get_role (column) == role)
    return;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_ROLE;
  edit->label = N_("Change column role");
  edit->column = g_object_ref (column);
  edit->old_role = ep_cohort_column_get_role (column);
  edit->new_role = role;
  push (self, edit);
}

static gboolean
same_labels (const GPtrArray *a,
             const GPtrArray *b)
{
  guint na = a != NULL ? a->len : 0, nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint k = 0; k < na; k++)
    {
      const EpValueLabel *x = g_ptr_array_index ((GPtrArray *) a, k);
      const EpValueLabel *y = g_ptr_array_index ((GPtrArray *) b, k);

      if (g_strcmp0 (x->value, y->value) != 0 || g_strcmp0 (x->label, y->label) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
ep_cohort_set_column_labels (EpCohort         *self,
                             guint             position,
                             const char       *display_name,
                             const GPtrArray  *value_labels,
                             GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  EpCohortColumn *column;
  EpTableColumn *c;
  Edit *edit;

  g_return_val_if_fail (EP_IS_COHORT (self), FALSE);
  g_return_val_if_fail (position < ep_table_get_n_columns (self->table), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  column = ep_cohort_get_column (self, position);
  c = ep_cohort_column_get_storage (column);
  if (display_name != NULL && *display_name == '\0')
    display_name = NULL;

  for (guint k = 0; value_labels != NULL && k < value_labels->len; k++)
    {
      const EpValueLabel *e = g_ptr_array_index ((GPtrArray *) value_labels, k);

      if (e->value == NULL || !g_hash_table_add (seen, e->value))
        {
          g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_INVALID_VALUE,
                       _("column \"%s\": the value “%s” is listed twice"),
                       ep_cohort_column_get_name (column), e->value != NULL ? e->value : "");
          return FALSE;
        }
    }

  if (value_labels != NULL && value_labels->len == 0)
    value_labels = NULL;
  if (g_strcmp0 (c->label, display_name) == 0 && same_labels (c->value_labels, value_labels))
    return TRUE;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_LABELS;
  edit->label = N_("Edit labels");
  edit->column = g_object_ref (column);
  edit->old_text = g_strdup (c->label);
  edit->new_text = g_strdup (display_name);
  edit->old_labels = ep_value_labels_copy (c->value_labels);
  edit->new_labels = ep_value_labels_copy (value_labels);
  push (self, edit);

  return TRUE;
}

void
ep_cohort_set_endpoint (EpCohort         *self,
                        EpCohortEndpoint *endpoint)
{
  EpCohortEndpoint *old;
  Edit *edit;

  g_return_if_fail (EP_IS_COHORT (self));
  g_return_if_fail (EP_IS_COHORT_ENDPOINT (endpoint));

  old = ep_cohort_find_endpoint (self, ep_cohort_endpoint_get_name (endpoint));

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_ENDPOINT;
  edit->label = old != NULL ? N_("Change endpoint") : N_("Add endpoint");
  edit->position = G_MAXUINT;
  edit->old_endpoint = old != NULL ? g_object_ref (old) : NULL;
  edit->new_endpoint = g_object_ref (endpoint);
  push (self, edit);
}

void
ep_cohort_remove_endpoint (EpCohort   *self,
                           const char *name)
{
  EpCohortEndpoint *old;
  Edit *edit;

  g_return_if_fail (EP_IS_COHORT (self));

  old = ep_cohort_find_endpoint (self, name);
  if (old == NULL)
    return;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_ENDPOINT;
  edit->label = N_("Remove endpoint");
  edit->position = (guint) find_endpoint (self, name);    /* undo puts it back there */
  edit->old_endpoint = g_object_ref (old);
  push (self, edit);
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
