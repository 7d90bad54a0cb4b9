/* ep-cohort-edit.c: EpCohort's edits and their undo stack
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

void
ep_cohort_edit_free (gpointer data)
{
  Edit *edit = data;

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
    ep_cohort_notify_n_rows (self);
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
  int k = from != NULL ? ep_cohort_endpoint_position (self, ep_cohort_endpoint_get_name (from)) : -1;
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
  ep_cohort_emit_changed (self);
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
        ep_cohort_emit_cell_changed (self, edit->row, j);
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
  ep_cohort_notify_undo (self);
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
  ep_cohort_notify_undo (self);
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
  ep_cohort_notify_undo (self);
  return TRUE;
}


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
  group->parts = g_ptr_array_new_with_free_func (ep_cohort_edit_free);

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
  edit->position = (guint) ep_cohort_endpoint_position (self, name);    /* undo puts it back there */
  edit->old_endpoint = g_object_ref (old);
  push (self, edit);
}

