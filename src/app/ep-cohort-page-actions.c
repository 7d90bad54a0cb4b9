/* ep-cohort-page-actions.c: the Cohorts page's actions on rows, columns, endpoints and files
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit is the cohort's (undoable, so nothing asks for confirmation). Rename and Add
 * Column ask for a name in a message dialog; Define an Endpoint is a small form in one.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-cohort-page-private.h"
#include "app/ep-column-titles.h"
#include "app/ep-label-editor.h"
#include "io/ep-export.h"

/* Rows */

/* The cohort rows of the selection, ascending. */
static GArray *
selected_rows (EpCohortPage *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, set, &position))
    do
      {
        g_autoptr(EpCohortRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
        guint index = ep_cohort_row_get_index (row);

        g_array_append_val (rows, index);
      }
    while (gtk_bitset_iter_next (&iter, &position));

  return rows;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *) a, ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

static void
ep_cohort_page_add_row_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  g_autoptr(GArray) rows = selected_rows (self);
  guint position = ep_cohort_get_n_rows (self->cohort);

  if (rows->len > 0)
    {
      g_array_sort (rows, compare_uint);
      position = g_array_index (rows, guint, rows->len - 1) + 1;
    }
  ep_cohort_insert_rows (self->cohort, position, 1);
}

static void
ep_cohort_page_duplicate_row_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  g_autoptr(GArray) rows = selected_rows (self);

  if (rows->len == 0)
    return;
  g_array_sort (rows, compare_uint);
  ep_cohort_duplicate_row (self->cohort, g_array_index (rows, guint, 0));
}

static void
ep_cohort_page_delete_rows_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  g_autoptr(GArray) rows = selected_rows (self);
  guint i;

  g_array_sort (rows, compare_uint);
  /* Contiguous runs from the end, so the earlier indices stay valid: one undo step a run. */
  i = rows->len;
  while (i > 0)
    {
      guint last = g_array_index (rows, guint, i - 1);
      guint first = last;

      i--;
      while (i > 0 && g_array_index (rows, guint, i - 1) == first - 1)
        first = g_array_index (rows, guint, --i);
      ep_cohort_delete_rows (self->cohort, first, last - first + 1);
    }
}

static void
ep_cohort_page_undo_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);

  if (self->cohort != NULL)
    ep_cohort_undo (self->cohort);
}

static void
ep_cohort_page_redo_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);

  if (self->cohort != NULL)
    ep_cohort_redo (self->cohort);
}

/* Columns */

/* A dialog asking for one name, used by Rename and Add Column. */
typedef void (*NameCallback) (EpCohortPage *self,
                              const char   *old_name,
                              const char   *name,
                              guint         type);

typedef struct
{
  EpCohortPage *page;
  char         *old_name;
  GtkEditable  *entry;
  GtkDropDown  *types;
  NameCallback  callback;
} NameDialog;

static void
name_dialog_free (gpointer data)
{
  NameDialog *nd = data;

  g_object_unref (nd->page);
  g_free (nd->old_name);
  g_free (nd);
}

static void
name_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         NameDialog       *nd)
{
  if (g_strcmp0 (response, "ok") == 0 && nd->page->cohort != NULL)
    nd->callback (nd->page, nd->old_name, gtk_editable_get_text (nd->entry),
                  nd->types != NULL ? gtk_drop_down_get_selected (nd->types) : 0);
}

static void
ask_name (EpCohortPage *self,
          const char   *heading,
          const char   *ok_label,
          const char   *old_name,
          gboolean      with_type,
          NameCallback  callback)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();
  NameDialog *nd = g_new0 (NameDialog, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), old_name != NULL ? old_name : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column name"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  if (with_type)
    {
      const char *names[] = { ep_column_type_title (EP_COLUMN_NUMBER), ep_column_type_title (EP_COLUMN_CATEGORY),
                              ep_column_type_title (EP_COLUMN_YESNO), ep_column_type_title (EP_COLUMN_DATE), NULL };
      GtkWidget *types = gtk_drop_down_new_from_strings (names);

      gtk_box_append (GTK_BOX (box), types);
      nd->types = GTK_DROP_DOWN (types);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", ok_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  nd->page = g_object_ref (self);
  nd->old_name = g_strdup (old_name);
  nd->entry = GTK_EDITABLE (entry);
  nd->callback = callback;
  g_signal_connect_data (dialog, "response", G_CALLBACK (name_dialog_response_cb), nd,
                         (GClosureNotify) (void (*) (void)) name_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
rename_column (EpCohortPage *self,
               const char   *old_name,
               const char   *name,
               guint         type)
{
  g_autoptr(GError) error = NULL;
  int position = ep_cohort_find_column (self->cohort, old_name);

  if (position >= 0 && !ep_cohort_rename_column (self->cohort, position, name, &error))
    _ep_cohort_page_show_message (self, error->message);
}

static void
add_column (EpCohortPage *self,
            const char   *old_name,
            const char   *name,
            guint         type)
{
  g_autoptr(GError) error = NULL;

  if (!ep_cohort_add_column (self->cohort, ep_cohort_get_n_columns (self->cohort), name,
                             MIN (type, EP_COLUMN_DATE), &error))
    _ep_cohort_page_show_message (self, error->message);
}

static void
ep_cohort_page_edit_labels_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  int position;
  GtkWidget *editor;

  if (self->cohort == NULL)
    return;
  position = ep_cohort_find_column (self->cohort, g_variant_get_string (param, NULL));
  if (position < 0)
    return;
  editor = ep_label_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->cohort,
                                (guint) position);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
ep_cohort_page_rename_column_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  ask_name (EP_COHORT_PAGE (widget), _("Rename Column"), _("_Rename"),
            g_variant_get_string (param, NULL), FALSE, rename_column);
}

static void
ep_cohort_page_add_column_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  ask_name (EP_COHORT_PAGE (widget), _("Add Column"), _("_Add"), NULL, TRUE, add_column);
}

static void
ep_cohort_page_delete_column_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  int position = ep_cohort_find_column (self->cohort, g_variant_get_string (param, NULL));

  /* Undoable, so no confirmation. */
  if (position >= 0)
    ep_cohort_delete_column (self->cohort, position);
}

static void
ep_cohort_page_set_type_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  g_autoptr(GEnumClass) type_class = g_type_class_ref (EP_TYPE_COLUMN_TYPE);
  g_autoptr(GError) error = NULL;
  const char *name, *nick;
  GEnumValue *value;
  int position;

  g_variant_get (param, "(&s&s)", &name, &nick);
  position = ep_cohort_find_column (self->cohort, name);
  value = g_enum_get_value_by_nick (type_class, nick);
  if (position < 0 || value == NULL)
    return;
  if (!ep_cohort_set_column_type (self->cohort, position, value->value, &error))
    _ep_cohort_page_show_message (self, error->message);
}

static void
ep_cohort_page_set_role_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  g_autoptr(GEnumClass) role_class = g_type_class_ref (EP_TYPE_COLUMN_ROLE);
  const char *name, *nick;
  GEnumValue *value;
  int position;

  g_variant_get (param, "(&s&s)", &name, &nick);
  position = ep_cohort_find_column (self->cohort, name);
  value = g_enum_get_value_by_nick (role_class, nick);
  if (position >= 0 && value != NULL)
    ep_cohort_set_column_role (self->cohort, position, value->value);
}

/* Endpoints: a small form in a message dialog. */
typedef struct
{
  EpCohortPage *page;
  GtkEditable  *name;
  GtkDropDown  *source;
  GtkDropDown  *time;
  GtkDropDown  *start;
  GtkDropDown  *end;
  GtkDropDown  *event;
  GtkEditable  *codes;
  GtkDropDown  *unit;
} EndpointForm;

static void
endpoint_form_free (gpointer data)
{
  EndpointForm *form = data;

  g_object_unref (form->page);
  g_free (form);
}

static const char *
dropdown_string (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
endpoint_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      EndpointForm     *form)
{
  EpCohortPage *self = form->page;
  g_autoptr(EpCohortEndpoint) endpoint = NULL;
  g_auto(GStrv) codes = NULL;
  const char *name = gtk_editable_get_text (form->name);
  EpTimeUnit unit = gtk_drop_down_get_selected (form->unit);

  if (g_strcmp0 (response, "ok") != 0 || self->cohort == NULL)
    return;

  codes = g_strsplit (gtk_editable_get_text (form->codes), ",", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    g_strstrip (codes[i]);
  if (*name == '\0' || codes[0] == NULL || *codes[0] == '\0' || dropdown_string (form->event) == NULL)
    {
      _ep_cohort_page_show_message (self, _("An endpoint needs a name, an event column and the codes that mean an event"));
      return;
    }

  if (gtk_drop_down_get_selected (form->source) == 1)
    {
      if (dropdown_string (form->start) == NULL || dropdown_string (form->end) == NULL)
        {
          _ep_cohort_page_show_message (self, _("An endpoint from dates needs two date columns"));
          return;
        }
      endpoint = ep_cohort_endpoint_new_dates (name, dropdown_string (form->start), dropdown_string (form->end),
                                               dropdown_string (form->event),
                                               (const char * const *) codes, unit);
    }
  else
    {
      if (dropdown_string (form->time) == NULL)
        {
          _ep_cohort_page_show_message (self, _("An endpoint needs a number column for the time"));
          return;
        }
      endpoint = ep_cohort_endpoint_new_time (name, dropdown_string (form->time), dropdown_string (form->event),
                                              (const char * const *) codes, unit);
    }
  ep_cohort_set_endpoint (self->cohort, endpoint);
}

static GtkDropDown *
columns_dropdown (EpCohort    *cohort,
                  int          type,
                  EpColumnRole role)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;
  guint selected = 0, n = 0;

  for (guint c = 0; c < ep_cohort_get_n_columns (cohort); c++)
    {
      EpCohortColumn *column = ep_cohort_get_column (cohort, c);

      if (type >= 0 && ep_cohort_column_get_column_type (column) != (EpColumnType) type)
        continue;
      if (ep_cohort_column_get_role (column) == role && selected == 0)
        selected = n;
      gtk_string_list_append (list, ep_cohort_column_get_name (column));
      n++;
    }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL));
  gtk_drop_down_set_selected (dropdown, selected);

  return dropdown;
}

static void
form_attach (GtkGrid    *grid,
             int         row,
             const char *title,
             GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
}

static void
ep_cohort_page_add_endpoint_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                              _("Define an Endpoint"),
                                              _("The time from a number column, or between two dates; an event column and the values that mean the event happened."));
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  EndpointForm *form = g_new0 (EndpointForm, 1);
  const char *sources[] = { _("Time column"), _("Two dates"), NULL };
  const char *units[] = { _("days"), _("weeks"), _("months"), _("years"), NULL };

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  form->page = g_object_ref (self);
  form->name = GTK_EDITABLE (gtk_entry_new ());
  gtk_editable_set_text (form->name, g_list_model_get_n_items (ep_cohort_get_endpoints (self->cohort)) == 0 ? "OS" : "");
  form->source = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (sources));
  form->time = columns_dropdown (self->cohort, EP_COLUMN_NUMBER, EP_COLUMN_ROLE_TIME);
  form->start = columns_dropdown (self->cohort, EP_COLUMN_DATE, EP_COLUMN_ROLE_DATE);
  form->end = columns_dropdown (self->cohort, EP_COLUMN_DATE, EP_COLUMN_ROLE_DATE);
  if (g_list_model_get_n_items (gtk_drop_down_get_model (form->end)) > 1)
    gtk_drop_down_set_selected (form->end, 1);
  form->event = columns_dropdown (self->cohort, -1, EP_COLUMN_ROLE_EVENT);
  form->codes = GTK_EDITABLE (gtk_entry_new ());
  gtk_editable_set_text (form->codes, "1");
  form->unit = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (units));
  gtk_drop_down_set_selected (form->unit, EP_TIME_UNIT_MONTHS);

  form_attach (grid, 0, _("Name"), GTK_WIDGET (form->name));
  form_attach (grid, 1, _("From"), GTK_WIDGET (form->source));
  form_attach (grid, 2, _("Time"), GTK_WIDGET (form->time));
  form_attach (grid, 3, _("Start date"), GTK_WIDGET (form->start));
  form_attach (grid, 4, _("End date"), GTK_WIDGET (form->end));
  form_attach (grid, 5, _("Event column"), GTK_WIDGET (form->event));
  form_attach (grid, 6, _("Event values"), GTK_WIDGET (form->codes));
  form_attach (grid, 7, _("Unit"), GTK_WIDGET (form->unit));
  gtk_widget_set_tooltip_text (GTK_WIDGET (form->codes), _("Comma-separated, e.g. 1 or Dead, Relapse"));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (grid));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", _("_Define"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (endpoint_response_cb), form,
                         (GClosureNotify) (void (*) (void)) endpoint_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ep_cohort_page_remove_endpoint_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);

  if (self->cohort != NULL)
    ep_cohort_remove_endpoint (self->cohort, g_variant_get_string (param, NULL));
}

/* Files and views */

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    EpCohortPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        ep_cohort_page_import (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
ep_cohort_page_import_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) data = gtk_file_filter_new ();
  const char *suffixes[] = { "csv", "txt", "tsv", "tab", "xlsx", "xlsm", "xls", "ods", "sav",
                             "zsav", "dta", "sas7bdat", "xpt", NULL };

  gtk_file_filter_set_name (data, _("Data files (CSV, TSV, Excel, OpenDocument, SPSS, Stata, SAS)"));
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (data, suffixes[i]);

  dialog = gtk_file_chooser_native_new (_("Import Cohort"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"),
                                        _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), data);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    EpCohortPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->cohort != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !ep_export_csv_file (ep_cohort_get_table (self->cohort), path, ',', &error))
        _ep_cohort_page_show_message (self, error->message);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
ep_cohort_page_export_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = g_strdup_printf ("%s.csv", ep_cohort_get_name (self->cohort));

  dialog = gtk_file_chooser_native_new (_("Export Cohort as CSV"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"),
                                        _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
ep_cohort_page_close_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  ep_cohort_page_set_cohort (EP_COHORT_PAGE (widget), NULL);
}

static void
ep_cohort_page_open_example_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!ep_cohort_page_open_example (self, g_variant_get_string (param, NULL), &error))
    _ep_cohort_page_show_message (self, error->message);
}

static void
ep_cohort_page_show_editor_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack, self->cohort != NULL ? "editor" : "welcome");
}

void
_ep_cohort_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "cohort.import", NULL, ep_cohort_page_import_action);
  gtk_widget_class_install_action (widget_class, "cohort.open-example", "s", ep_cohort_page_open_example_action);
  gtk_widget_class_install_action (widget_class, "cohort.export", NULL, ep_cohort_page_export_action);
  gtk_widget_class_install_action (widget_class, "cohort.close", NULL, ep_cohort_page_close_action);
  gtk_widget_class_install_action (widget_class, "cohort.undo", NULL, ep_cohort_page_undo_action);
  gtk_widget_class_install_action (widget_class, "cohort.redo", NULL, ep_cohort_page_redo_action);
  gtk_widget_class_install_action (widget_class, "cohort.add-row", NULL, ep_cohort_page_add_row_action);
  gtk_widget_class_install_action (widget_class, "cohort.duplicate-row", NULL, ep_cohort_page_duplicate_row_action);
  gtk_widget_class_install_action (widget_class, "cohort.delete-rows", NULL, ep_cohort_page_delete_rows_action);
  gtk_widget_class_install_action (widget_class, "cohort.add-column", NULL, ep_cohort_page_add_column_action);
  gtk_widget_class_install_action (widget_class, "cohort.rename-column", "s", ep_cohort_page_rename_column_action);
  gtk_widget_class_install_action (widget_class, "cohort.edit-labels", "s", ep_cohort_page_edit_labels_action);
  gtk_widget_class_install_action (widget_class, "cohort.delete-column", "s", ep_cohort_page_delete_column_action);
  gtk_widget_class_install_action (widget_class, "cohort.set-type", "(ss)", ep_cohort_page_set_type_action);
  gtk_widget_class_install_action (widget_class, "cohort.set-role", "(ss)", ep_cohort_page_set_role_action);
  gtk_widget_class_install_action (widget_class, "cohort.add-endpoint", NULL, ep_cohort_page_add_endpoint_action);
  gtk_widget_class_install_action (widget_class, "cohort.remove-endpoint", "s", ep_cohort_page_remove_endpoint_action);
  gtk_widget_class_install_action (widget_class, "cohort.show-editor", NULL, ep_cohort_page_show_editor_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "cohort.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "cohort.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "cohort.redo", NULL);
}
