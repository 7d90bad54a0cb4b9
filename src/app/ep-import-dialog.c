/* ep-import-dialog.c: the preview of a delimited text file before it is imported
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first lines of the file are read with the same reader as the import (ep_import_csv_data)
 * under the chosen delimiter, decimal mark and header row; each column is listed with its
 * guessed type, which the user may change. A choice that the preview lines cannot satisfy (a
 * word in a column made a number) is said at once, with the line and the column, and Import
 * waits; the whole file is read only on Import, by the page, with the same options.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "app/ep-import-dialog.h"
#include "io/ep-file-check.h"

/* Enough lines to guess the types from, few enough to re-read on every change. */
#define PREVIEW_LINES 200
/* and never more than this: /dev/zero or a 2 GB file in one line is not read whole (issue 12) */
#define PREVIEW_BYTES (1 << 20)

struct _EpImportDialog
{
  AdwWindow        parent_instance;

  GFile           *file;
  char            *display_name;
  char            *preview;       /* the first PREVIEW_LINES lines */
  gsize            preview_length;
  EpImportOptions  options;
  GArray          *types;         /* int per column: EpColumnType, or -1 to guess */
  GPtrArray       *rows;          /* the column rows, to remove them */
  gboolean         building;

  /* Template children */
  AdwWindowTitle      *window_title;
  AdwComboRow         *separator_row;
  AdwComboRow         *decimal_row;
  GtkSwitch           *header_switch;
  GtkLabel            *error_label;
  AdwPreferencesGroup *columns_group;
};

G_DEFINE_FINAL_TYPE (EpImportDialog, ep_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char separators[] = { ',', ';', '\t' };

static const char *
type_title (EpColumnType type)
{
  switch (type)
    {
    case EP_COLUMN_NUMBER:   return C_("column type", "Number");
    case EP_COLUMN_CATEGORY: return C_("column type", "Category");
    case EP_COLUMN_YESNO:    return C_("column type", "Yes/No");
    case EP_COLUMN_DATE:     return C_("column type", "Date");
    default:                 return "?";
    }
}

static void
ep_import_dialog_read_options (EpImportDialog *self)
{
  guint sep = adw_combo_row_get_selected (self->separator_row);

  self->options.sep = separators[MIN (sep, G_N_ELEMENTS (separators) - 1)];
  self->options.decimal_mark = adw_combo_row_get_selected (self->decimal_row) == 1 ? ',' : '.';
  self->options.header = gtk_switch_get_active (self->header_switch);
  self->options.types = (const int *) self->types->data;
  self->options.n_types = self->types->len;
}

/* Parses the preview with the current choices; NULL and the message shown when it fails. */
static EpTable *
ep_import_dialog_parse (EpImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  EpTable *table;

  ep_import_dialog_read_options (self);
  table = ep_import_csv_data (self->preview, self->preview_length, self->display_name,
                              &self->options, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), table == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", table != NULL);
  if (table == NULL)
    gtk_label_set_text (self->error_label, error->message);

  return table;
}

static void
type_selected_cb (AdwComboRow    *row,
                  GParamSpec     *pspec,
                  EpImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  g_autoptr(EpTable) table = NULL;

  if (self->building || column >= self->types->len)
    return;

  g_array_index (self->types, int, column) = adw_combo_row_get_selected (row);
  table = ep_import_dialog_parse (self);
}

static void
ep_import_dialog_rebuild (EpImportDialog *self)
{
  g_autoptr(EpTable) table = NULL;
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  g_assert (EP_IS_IMPORT_DIALOG (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  /* New delimiter or header: the columns are new, so their types are guessed again. */
  g_array_set_size (self->types, 0);
  table = ep_import_dialog_parse (self);
  if (table == NULL)
    return;

  for (int t = EP_COLUMN_NUMBER; t <= EP_COLUMN_DATE; t++)
    gtk_string_list_append (types, type_title (t));

  self->building = TRUE;
  for (guint c = 0; c < ep_table_get_n_columns (table); c++)
    {
      EpTableColumn *column = ep_table_get_column (table, c);
      GtkWidget *row = adw_combo_row_new ();
      g_autoptr(GString) sample = g_string_new (NULL);
      int type = column->type;

      for (guint i = 0; i < MIN (table->n_rows, 4); i++)
        {
          g_autofree char *text = ep_table_column_format (column, i);

          g_string_append_printf (sample, "%s%s", i > 0 ? ", " : "", *text != '\0' ? text : "—");
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sample->str);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (types));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), type);
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (type_selected_cb), self);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->rows, row);
      g_array_append_val (self->types, type);
    }
  self->building = FALSE;

  /* The guessed types, now fixed, are what Import uses unless changed. */
  ep_import_dialog_read_options (self);
}

static void
ep_import_dialog_options_changed_cb (EpImportDialog *self)
{
  if (self->preview != NULL && !self->building)
    ep_import_dialog_rebuild (self);
}

static void
ep_import_dialog_import_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  EpImportDialog *self = EP_IMPORT_DIALOG (widget);

  ep_import_dialog_read_options (self);
  g_signal_emit (self, signals[IMPORT], 0, self->file);
  gtk_window_close (GTK_WINDOW (self));
}

static void
ep_import_dialog_dispose (GObject *object)
{
  EpImportDialog *self = EP_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (ep_import_dialog_parent_class)->dispose (object);
}

static void
ep_import_dialog_finalize (GObject *object)
{
  EpImportDialog *self = EP_IMPORT_DIALOG (object);

  g_free (self->display_name);
  g_free (self->preview);
  g_clear_pointer (&self->types, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ep_import_dialog_parent_class)->finalize (object);
}

static void
ep_import_dialog_class_init (EpImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_import_dialog_dispose;
  object_class->finalize = ep_import_dialog_finalize;

  signals[IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EpImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EpImportDialog, separator_row);
  gtk_widget_class_bind_template_child (widget_class, EpImportDialog, decimal_row);
  gtk_widget_class_bind_template_child (widget_class, EpImportDialog, header_switch);
  gtk_widget_class_bind_template_child (widget_class, EpImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, EpImportDialog, columns_group);
  gtk_widget_class_bind_template_callback (widget_class, ep_import_dialog_options_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, ep_import_dialog_import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ep_import_dialog_init (EpImportDialog *self)
{
  self->types = g_array_new (FALSE, FALSE, sizeof (int));
  self->rows = g_ptr_array_new ();
  ep_import_options_init (&self->options);

  gtk_widget_init_template (GTK_WIDGET (self));
}

EpImportDialog *
ep_import_dialog_new (GFile   *file,
                      GError **error)
{
  EpImportDialog *self;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GString) preview = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *head = NULL;
  gsize n_read = 0;
  const char *line;
  char sep;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* a FIFO or a device is refused before it is opened (it would block or never end) */
  path = g_file_get_path (file);
  if (path != NULL && !ep_file_check_regular (path, error))
    return NULL;
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  head = g_malloc (PREVIEW_BYTES + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, PREVIEW_BYTES, &n_read, NULL,
                                error))
    return NULL;
  head[n_read] = '\0';
  /* the first PREVIEW_LINES whole lines (a line cut off at PREVIEW_BYTES is left out) */
  line = head;
  for (guint i = 0; i < PREVIEW_LINES && line < head + n_read; i++)
    {
      const char *end = memchr (line, '\n', head + n_read - line);

      if (end == NULL && n_read == PREVIEW_BYTES && i > 0)
        break;
      if (end == NULL)
        end = head + n_read;
      g_string_append_len (preview, line, end - line);
      g_string_append_c (preview, '\n');
      line = end + 1;
    }

  /* Owned by GTK's list of windows, as gtk_window_new()'s result. */
  self = g_object_new (EP_TYPE_IMPORT_DIALOG, NULL);
  self->file = g_object_ref (file);
  self->display_name = g_file_get_basename (file);
  self->preview_length = preview->len;
  self->preview = g_string_free (g_steal_pointer (&preview), FALSE);
  adw_window_title_set_subtitle (self->window_title, self->display_name);

  if (path != NULL && ep_import_format_for_path (path) == EP_FILE_FORMAT_TSV)
    sep = '\t';
  else
    sep = ep_import_guess_separator (self->preview, self->preview_length);
  self->building = TRUE;
  adw_combo_row_set_selected (self->separator_row, sep == ';' ? 1 : sep == '\t' ? 2 : 0);
  self->building = FALSE;
  ep_import_dialog_rebuild (self);

  return self;
}

const EpImportOptions *
ep_import_dialog_get_options (EpImportDialog *self)
{
  g_return_val_if_fail (EP_IS_IMPORT_DIALOG (self), NULL);

  ep_import_dialog_read_options (self);
  return &self->options;
}

guint
ep_import_dialog_get_n_columns (EpImportDialog *self)
{
  g_return_val_if_fail (EP_IS_IMPORT_DIALOG (self), 0);

  return self->types->len;
}

gboolean
ep_import_dialog_set_column_type (EpImportDialog *self,
                                  guint           column,
                                  EpColumnType    type)
{
  g_return_val_if_fail (EP_IS_IMPORT_DIALOG (self), FALSE);

  if (column >= self->rows->len || type > EP_COLUMN_DATE)
    return FALSE;

  adw_combo_row_set_selected (g_ptr_array_index (self->rows, column), type);
  return TRUE;
}
