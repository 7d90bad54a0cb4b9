/* ep-label-editor.c: a column's display name, value labels, level order and reference
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The levels are the column's distinct values, in the order the analyses use
 * (ep_cohort_get_levels(): the value labels' order first). Each row edits a level's display
 * label and moves it up or down; "Make reference" moves it to the top, since the first level is
 * a factor's reference (docs/project-format.md, "Labels"). Nothing changes the cohort until
 * Apply, which is one undoable edit.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-label-editor.h"

typedef struct
{
  char *value;
  char *label;      /* what the entry says; equal to value: no label */
} Level;

struct _EpLabelEditor
{
  AdwWindow     parent_instance;

  AdwEntryRow  *name_row;
  GtkListBox   *levels_list;

  EpCohort     *cohort;
  char         *column;       /* by name: the position may change while the dialog is open */
  GPtrArray    *levels;       /* Level * */
};

G_DEFINE_FINAL_TYPE (EpLabelEditor, ep_label_editor, ADW_TYPE_WINDOW)

static void
level_free (Level *level)
{
  g_free (level->value);
  g_free (level->label);
  g_free (level);
}

static void rebuild (EpLabelEditor *self);

static void
entry_changed_cb (GtkEditable *editable,
                  Level       *level)
{
  g_free (level->label);
  level->label = g_strdup (gtk_editable_get_text (editable));
}

static void
move_clicked_cb (GtkButton     *button,
                 EpLabelEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));

  ep_label_editor_move (self, index, delta);
}

static GtkWidget *
icon_button (EpLabelEditor *self,
             const char    *icon,
             const char    *tooltip,
             guint          index,
             int            delta,
             gboolean       sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, sensitive);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  return button;
}

static void
rebuild (EpLabelEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->levels_list))) != NULL)
    gtk_list_box_remove (self->levels_list, child);

  for (guint k = 0; k < self->levels->len; k++)
    {
      Level *level = g_ptr_array_index (self->levels, k);
      GtkWidget *row = adw_entry_row_new ();
      /* TRANSLATORS: the title of a level's label field: "Value 2" */
      g_autofree char *title = g_strdup_printf (_("Value %s"), level->value);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (row), level->label);
      g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), level);
      if (k == 0)
        {
          GtkWidget *tag = gtk_label_new (_("Reference"));

          gtk_widget_add_css_class (tag, "dim-label");
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), tag);
        }
      else
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                  icon_button (self, "emblem-default-symbolic",
                                               _("Make reference"), k, -(int) k, TRUE));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                icon_button (self, "go-up-symbolic", _("Move up"), k, -1, k > 0));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                icon_button (self, "go-down-symbolic", _("Move down"), k, 1,
                                             k + 1 < self->levels->len));
      gtk_list_box_append (self->levels_list, row);
    }
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  EpLabelEditor *self = EP_LABEL_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!ep_label_editor_apply (self, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Labels Not Changed"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
ep_label_editor_dispose (GObject *object)
{
  EpLabelEditor *self = EP_LABEL_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_LABEL_EDITOR);
  g_clear_object (&self->cohort);

  G_OBJECT_CLASS (ep_label_editor_parent_class)->dispose (object);
}

static void
ep_label_editor_finalize (GObject *object)
{
  EpLabelEditor *self = EP_LABEL_EDITOR (object);

  g_free (self->column);
  g_clear_pointer (&self->levels, g_ptr_array_unref);

  G_OBJECT_CLASS (ep_label_editor_parent_class)->finalize (object);
}

static void
ep_label_editor_class_init (EpLabelEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_label_editor_dispose;
  object_class->finalize = ep_label_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-label-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EpLabelEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, EpLabelEditor, levels_list);

  gtk_widget_class_install_action (widget_class, "labels.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ep_label_editor_init (EpLabelEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) level_free);
}

GtkWidget *
ep_label_editor_new (GtkWindow *parent,
                     EpCohort  *cohort,
                     guint      position)
{
  EpLabelEditor *self;
  EpCohortColumn *column;
  const EpTableColumn *data;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(EpLevels) levels = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (position < ep_cohort_get_n_columns (cohort), NULL);

  self = g_object_new (EP_TYPE_LABEL_EDITOR, "transient-for", parent, NULL);
  self->cohort = g_object_ref (cohort);
  column = ep_cohort_get_column (cohort, position);
  data = ep_cohort_column_get_data (column);
  self->column = g_strdup (ep_cohort_column_get_name (column));
  /* TRANSLATORS: the label editor's title: "Labels of sex" */
  title = g_strdup_printf (_("Labels of %s"), self->column);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         ep_cohort_column_get_label (column) != NULL ? ep_cohort_column_get_label (column) : "");

  for (guint i = 0; i < ep_cohort_get_n_rows (cohort); i++)
    if (!ep_table_column_is_missing (data, i))
      g_array_append_val (rows, i);
  levels = ep_cohort_get_levels (cohort, self->column, (const guint *) rows->data, rows->len, NULL);
  for (guint k = 0; levels != NULL && k < levels->n_levels; k++)
    {
      Level *level = g_new0 (Level, 1);

      level->value = g_strdup (levels->levels[k]);
      level->label = g_strdup (ep_levels_get_label (levels, k));
      g_ptr_array_add (self->levels, level);
    }
  rebuild (self);

  return GTK_WIDGET (self);
}

guint
ep_label_editor_get_n_levels (EpLabelEditor *self)
{
  g_return_val_if_fail (EP_IS_LABEL_EDITOR (self), 0);
  return self->levels->len;
}

const char *
ep_label_editor_get_value (EpLabelEditor *self,
                           guint          index)
{
  g_return_val_if_fail (EP_IS_LABEL_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->levels->len, NULL);
  return ((Level *) g_ptr_array_index (self->levels, index))->value;
}

void
ep_label_editor_set_label (EpLabelEditor *self,
                           guint          index,
                           const char    *label)
{
  GtkListBoxRow *row;

  g_return_if_fail (EP_IS_LABEL_EDITOR (self));
  g_return_if_fail (index < self->levels->len);

  /* through the entry, as typing does */
  row = gtk_list_box_get_row_at_index (self->levels_list, (int) index);
  gtk_editable_set_text (GTK_EDITABLE (row), label);
}

void
ep_label_editor_set_display_name (EpLabelEditor *self,
                                  const char    *name)
{
  g_return_if_fail (EP_IS_LABEL_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

void
ep_label_editor_move (EpLabelEditor *self,
                      guint          index,
                      int            delta)
{
  gint64 target;
  Level *level;

  g_return_if_fail (EP_IS_LABEL_EDITOR (self));
  g_return_if_fail (index < self->levels->len);

  target = CLAMP ((gint64) index + delta, 0, (gint64) self->levels->len - 1);
  if (target == index)
    return;
  level = g_ptr_array_steal_index (self->levels, index);
  g_ptr_array_insert (self->levels, (int) target, level);
  rebuild (self);
}

gboolean
ep_label_editor_apply (EpLabelEditor  *self,
                       GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_value_label_free);
  gboolean any = FALSE;
  int position;

  g_return_val_if_fail (EP_IS_LABEL_EDITOR (self), FALSE);

  position = ep_cohort_find_column (self->cohort, self->column);
  if (position < 0)
    {
      g_set_error (error, EP_COHORT_ERROR, EP_COHORT_ERROR_NO_COLUMN,
                   _("The column “%s” no longer exists"), self->column);
      return FALSE;
    }

  for (guint k = 0; k < self->levels->len; k++)
    {
      Level *level = g_ptr_array_index (self->levels, k);
      g_autofree char *label = g_strstrip (g_strdup (level->label));
      gboolean labelled = *label != '\0' && g_strcmp0 (label, level->value) != 0;

      g_ptr_array_add (entries, ep_value_label_new (level->value, labelled ? label : NULL));
      any = any || labelled;
    }
  /* the natural order with no label is no value labels at all */
  if (!any)
    {
      g_autoptr(EpLevels) natural = NULL;
      const char **values = g_new (const char *, MAX (self->levels->len, 1));
      gboolean same = TRUE;

      for (guint k = 0; k < self->levels->len; k++)
        values[k] = ((Level *) g_ptr_array_index (self->levels, k))->value;
      natural = ep_levels_new (values, self->levels->len);
      for (guint k = 0; k < self->levels->len && same; k++)
        same = g_strcmp0 (natural->levels[k], values[k]) == 0;
      g_free (values);
      if (same)
        g_ptr_array_set_size (entries, 0);
    }

  return ep_cohort_set_column_labels (self->cohort, (guint) position,
                                      gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                      entries, error);
}
