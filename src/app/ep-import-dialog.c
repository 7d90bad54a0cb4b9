/* ep-import-dialog.c: the preview of a delimited text file or a spreadsheet before it is imported
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text: the first bytes of the file are read once; the encoding is detected (or chosen) and
 * they are parsed with the same reader as the import under the chosen delimiter, decimal mark
 * (both sniffed together on opening: ';' with decimal commas, as European Excel writes) and
 * header row. Spreadsheets: the chosen sheet's first rows are read by the same reader as the
 * import. Each column is listed with its guessed type and why, which the user may change. A
 * choice that the preview rows cannot satisfy (a word in a column made a number) is said at
 * once, with the line and the column, and Import waits; the whole file is read only on
 * Import, by the page, with the same options.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "app/ep-import-dialog.h"
#include "io/ep-file-check.h"
#include "io/ep-sheet.h"

/* Enough rows to guess the types from, few enough to re-read on every change. */
#define PREVIEW_LINES 200
#define PREVIEW_BYTES (256 * 1024)

/* The encoding row's choices after "Automatic": iconv names. */
static const char * const encodings[] = { "UTF-8", "WINDOWS-1252", "ISO-8859-1", "UTF-16" };

struct _EpImportDialog
{
  AdwWindow        parent_instance;

  GFile           *file;
  char            *path;
  char            *display_name;
  gboolean         is_sheet;      /* .xlsx, .ods, .xls: no delimiter, decimal or encoding */
  char            *raw;           /* text: the file's first bytes, up to a line end */
  gsize            raw_length;
  const char      *detected;      /* the encoding detected from raw */
  char            *preview;       /* raw as UTF-8 */
  gsize            preview_length;
  char           **sheets;
  EpImportOptions  options;
  GArray          *types;         /* int per column: EpColumnType, or -1 to guess */
  GPtrArray       *rows;          /* the column rows, to remove them */
  gboolean         building;

  /* Template children */
  AdwWindowTitle      *window_title;
  AdwComboRow         *sheet_row;
  AdwComboRow         *encoding_row;
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
  guint encoding = adw_combo_row_get_selected (self->encoding_row);
  guint sheet = adw_combo_row_get_selected (self->sheet_row);

  self->options.sep = separators[MIN (sep, G_N_ELEMENTS (separators) - 1)];
  self->options.decimal_mark = adw_combo_row_get_selected (self->decimal_row) == 1 ? ',' : '.';
  self->options.header = gtk_switch_get_active (self->header_switch);
  self->options.types = (const int *) self->types->data;
  self->options.n_types = self->types->len;
  self->options.encoding = (encoding == 0 || encoding > G_N_ELEMENTS (encodings))
                             ? self->detected : encodings[encoding - 1];
  self->options.sheet = (self->sheets != NULL && sheet < g_strv_length (self->sheets))
                          ? self->sheets[sheet] : NULL;
}

/* The preview's cells under the current choices: the text converted and split, or the sheet's
 * first rows. NULL and the message shown when that fails. */
static EpCsv *
ep_import_dialog_read_cells (EpImportDialog  *self,
                             GError         **error)
{
  EpCsvFlags flags = self->options.header ? EP_CSV_FLAGS_NONE : EP_CSV_NO_HEADER;
  g_autofree char *utf8 = NULL;
  gsize utf8_length = 0;

  if (self->is_sheet)
    return ep_sheet_read (self->path, self->options.sheet, flags, PREVIEW_LINES, error);

  if (!ep_csv_convert_to_utf8 (self->raw, self->raw_length, self->options.encoding,
                               self->display_name, &utf8, &utf8_length, error))
    return NULL;
  g_free (self->preview);
  if (utf8 != NULL)
    {
      self->preview = g_steal_pointer (&utf8);
      self->preview_length = utf8_length;
    }
  else
    {
      self->preview = g_strndup (self->raw, self->raw_length);
      self->preview_length = self->raw_length;
    }

  return ep_csv_read_data_full (self->preview, self->preview_length, self->display_name,
                                self->options.sep, flags, error);
}

/* Parses the preview with the current choices; NULL and the message shown when it fails. */
static EpTable *
ep_import_dialog_parse (EpImportDialog  *self,
                        EpCsv          **cells)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCsv) csv = NULL;
  EpTable *table = NULL;

  ep_import_dialog_read_options (self);
  csv = ep_import_dialog_read_cells (self, &error);
  if (csv != NULL)
    table = ep_import_csv_table (csv, &self->options, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), table == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", table != NULL);
  if (table == NULL)
    gtk_label_set_text (self->error_label, error->message);
  if (cells != NULL)
    *cells = g_steal_pointer (&csv);

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
  table = ep_import_dialog_parse (self, NULL);
}

static void
ep_import_dialog_rebuild (EpImportDialog *self)
{
  g_autoptr(EpTable) table = NULL;
  g_autoptr(EpCsv) cells = NULL;
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  g_assert (EP_IS_IMPORT_DIALOG (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  /* New delimiter or header: the columns are new, so their types are guessed again. */
  g_array_set_size (self->types, 0);
  table = ep_import_dialog_parse (self, &cells);
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
      g_autofree const char **texts = NULL;
      g_autofree char *reason = NULL;
      guint n = ep_csv_get_n_rows (cells);
      int type = column->type;

      for (guint i = 0; i < MIN (table->n_rows, 4); i++)
        {
          g_autofree char *text = ep_table_column_format (column, i);

          g_string_append_printf (sample, "%s%s", i > 0 ? ", " : "", *text != '\0' ? text : "—");
        }
      /* why the type was guessed, from the cells as the file has them */
      texts = g_new (const char *, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        texts[i] = ep_csv_get_cell (cells, i, c);
      ep_import_explain_type (texts, n, self->options.decimal_mark, &reason);
      /* TRANSLATORS: a column's first values, then why its type was guessed */
      g_string_append_printf (sample, "\n%s", reason);
      /* what the column seems to mean (issue 13): a guess for the user to confirm with the
       * column's role menu after import, never applied silently */
      {
        const char *role = ep_import_guess_role (column->name, column);

        if (g_strcmp0 (role, "time") == 0)
          g_string_append_printf (sample, "\n%s", _("Looks like a follow-up time: tick “Use this role”, or set Role → Time after import"));
        else if (g_strcmp0 (role, "event") == 0)
          g_string_append_printf (sample, "\n%s", _("Looks like an event status: tick “Use this role”, or set Role → Event after import"));
        else if (g_strcmp0 (role, "group") == 0)
          g_string_append_printf (sample, "\n%s", _("Looks like a grouping column: tick “Use this role”, or set Role → Group after import"));
        /* or here: ticked, the import gives the column the role; unticked, nothing */
        if (role != NULL)
          {
            GtkWidget *check = gtk_check_button_new_with_label (_("Use this role"));

            gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
            gtk_widget_set_tooltip_text (check, _("Give the column the guessed role on import"));
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
            g_object_set_data (G_OBJECT (row), "role-check", check);
            g_object_set_data_full (G_OBJECT (row), "role", g_strdup (role), g_free);
            g_object_set_data_full (G_OBJECT (row), "name", g_strdup (column->name), g_free);
          }
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
  if (self->file != NULL && !self->building)
    ep_import_dialog_rebuild (self);
}

GHashTable *
ep_import_dialog_get_confirmed_roles (EpImportDialog *self)
{
  GHashTable *roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (EP_IS_IMPORT_DIALOG (self), roles);

  for (guint c = 0; c < self->rows->len; c++)
    {
      GObject *row = g_ptr_array_index (self->rows, c);
      GtkCheckButton *check = g_object_get_data (row, "role-check");

      if (check != NULL && gtk_check_button_get_active (check))
        g_hash_table_insert (roles, g_strdup (g_object_get_data (row, "name")),
                             g_strdup (g_object_get_data (row, "role")));
    }
  return roles;
}

GtkWidget *
ep_import_dialog_get_role_check (EpImportDialog *self,
                                 guint           column)
{
  g_return_val_if_fail (EP_IS_IMPORT_DIALOG (self), NULL);

  if (column >= self->rows->len)
    return NULL;
  return g_object_get_data (g_ptr_array_index (self->rows, column), "role-check");
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
  g_free (self->path);
  g_free (self->raw);
  g_free (self->preview);
  g_strfreev (self->sheets);
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
  gtk_widget_class_bind_template_child (widget_class, EpImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, EpImportDialog, encoding_row);
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

/* The first bytes of a text file, cut after the last whole line (for UTF-16, after a
 * two-byte line feed at an even offset). */
static char *
read_text_start (GFile   *file,
                 gsize   *length,
                 GError **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = g_malloc (PREVIEW_BYTES);
  gsize n = 0;
  gsize cut;
  const char *encoding;
  guint lines = 0;
  g_autofree char *path = g_file_get_path (file);

  /* a FIFO or a device is refused before it is opened (it would block or never end) */
  if (path != NULL && !ep_file_check_regular (path, error))
    return NULL;
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, PREVIEW_BYTES, &n, NULL, error))
    return NULL;

  encoding = ep_csv_detect_encoding (buffer, n);
  cut = n;
  if (n == PREVIEW_BYTES)
    {
      /* a full buffer: the file goes on, so the last line may be cut */
      while (cut > 0 && buffer[cut - 1] != '\n')
        cut--;
      if (g_str_has_prefix (encoding, "UTF-16") && cut % 2 == 1)
        cut++;
    }
  /* no more than PREVIEW_LINES lines */
  for (gsize i = 0; i < cut; i++)
    if (buffer[i] == '\n' && ++lines == PREVIEW_LINES)
      {
        cut = i + 1;
        if (g_str_has_prefix (encoding, "UTF-16") && cut % 2 == 1)
          cut++;
        break;
      }

  *length = MIN (cut, n);
  return g_strndup (buffer, *length);
}

EpImportDialog *
ep_import_dialog_new (GFile   *file,
                      GError **error)
{
  EpImportDialog *self;
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_auto(GStrv) sheets = NULL;
  gsize raw_length = 0;
  gboolean is_sheet;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  is_sheet = path != NULL && ep_sheet_format_for_path (path) != EP_SHEET_FORMAT_NONE;
  if (is_sheet)
    {
      sheets = ep_sheet_list (path, error);
      if (sheets == NULL)
        return NULL;
    }
  else
    {
      raw = read_text_start (file, &raw_length, error);
      if (raw == NULL)
        return NULL;
    }

  /* Owned by GTK's list of windows, as gtk_window_new()'s result. */
  self = g_object_new (EP_TYPE_IMPORT_DIALOG, NULL);
  self->file = g_object_ref (file);
  self->path = g_steal_pointer (&path);
  self->display_name = g_file_get_basename (file);
  self->is_sheet = is_sheet;
  self->sheets = g_steal_pointer (&sheets);
  self->raw = g_steal_pointer (&raw);
  self->raw_length = raw_length;
  adw_window_title_set_subtitle (self->window_title, self->display_name);

  self->building = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), is_sheet);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), !is_sheet);
  gtk_widget_set_visible (GTK_WIDGET (self->separator_row), !is_sheet);
  gtk_widget_set_visible (GTK_WIDGET (self->decimal_row), !is_sheet);
  if (is_sheet)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const *) self->sheets);

      adw_window_title_set_title (self->window_title, _("Import Spreadsheet"));
      adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (names));
      adw_combo_row_set_selected (self->sheet_row, 0);
    }
  else
    {
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      g_autofree char *automatic = NULL;
      g_autofree char *utf8 = NULL;
      gsize utf8_length = 0;
      char sep, decimal_mark;

      self->detected = ep_csv_detect_encoding (self->raw, self->raw_length);
      /* TRANSLATORS: the encoding row's first choice; %s is the detected one, e.g. WINDOWS-1252 */
      automatic = g_strdup_printf (_("Automatic (%s)"),
                                   g_str_has_prefix (self->detected, "UTF-16") ? "UTF-16"
                                   : strcmp (self->detected, "WINDOWS-1252") == 0 ? "Windows-1252"
                                   : strcmp (self->detected, "ISO-8859-1") == 0 ? "Latin-1"
                                   : self->detected);
      gtk_string_list_append (choices, automatic);
      gtk_string_list_append (choices, _("UTF-8"));
      gtk_string_list_append (choices, _("Windows-1252 (Western Europe)"));
      gtk_string_list_append (choices, _("ISO 8859-1 (Latin-1)"));
      gtk_string_list_append (choices, _("UTF-16"));
      adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (choices));
      adw_combo_row_set_selected (self->encoding_row, 0);

      /* the delimiter and the decimal mark, sniffed together from the text as UTF-8 */
      sep = ',';
      decimal_mark = '.';
      if (ep_csv_convert_to_utf8 (self->raw, self->raw_length, self->detected, NULL, &utf8,
                                  &utf8_length, NULL))
        {
          if (utf8 != NULL)
            ep_import_guess_dialect (utf8, utf8_length, &sep, &decimal_mark);
          else
            ep_import_guess_dialect (self->raw, self->raw_length, &sep, &decimal_mark);
        }
      if (self->path != NULL && ep_import_format_for_path (self->path) == EP_FILE_FORMAT_TSV)
        sep = '\t';
      adw_combo_row_set_selected (self->separator_row, sep == ';' ? 1 : sep == '\t' ? 2 : 0);
      adw_combo_row_set_selected (self->decimal_row, decimal_mark == ',' ? 1 : 0);
    }
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
