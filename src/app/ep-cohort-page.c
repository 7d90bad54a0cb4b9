/* ep-cohort-page.c: the Cohorts page
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three views in a stack:
 *  - welcome: Import… and the bundled examples (ep_cohort_list_examples);
 *  - editor: the cohort as a spreadsheet, a GtkColumnView over EpCohort (rows are created
 *    lazily by the model, so a million rows scroll) -> GtkFilterListModel (the row filter) ->
 *    GtkSortListModel (the column headers' sorters, ep_cohort_compare_rows) -> selection. The
 *    filter and the sorter are set only while used, so an untouched view never walks every
 *    row. Cells are GtkEditableLabels; an edit goes through ep_cohort_set_text(), and a refused
 *    one shows the model's message and puts the old text back. The side panel lists endpoints
 *    and columns (type, missing count, role);
 *  - results: EpAnalysisResults of the last analysis run.
 * Every edit is the cohort's, so Ctrl+Z / Ctrl+Shift+Z are the cohort's undo and redo.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "app/ep-analysis-dialog.h"
#include "app/ep-cohort-page.h"
#include "app/ep-import-dialog.h"
#include "app/ep-window.h"
#include "io/ep-export.h"

struct _EpCohortPage
{
  AdwBin               parent_instance;

  EpCohort            *cohort;
  char                *examples_dir;
  char                *message;
  char                *filter_text;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkMultiSelection   *selection;
  GtkCustomFilter     *filter;
  GCancellable        *cancellable;
  GtkPopover          *edit_popover;
  GtkEntry            *edit_entry;
  guint                edit_row;
  guint                edit_column;
  guint                focus_column;
  EpAnalysis          *last[EP_ANALYSIS_RESPONSE + 1];
  EpAnalysis          *shown;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkWidget           *undo_button;
  GtkWidget           *redo_button;
  GtkBox              *welcome_box;
  GtkListBox          *examples_list;
  GtkSearchEntry      *search_entry;
  AdwFlap             *flap;
  GtkColumnView       *column_view;
  GtkListBox          *endpoints_list;
  GtkListBox          *columns_list;
  GtkLabel            *count_label;
  EpAnalysisResults   *results;
};

G_DEFINE_FINAL_TYPE (EpCohortPage, ep_cohort_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COHORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ANALYSIS_RUN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
role_title (EpColumnRole role)
{
  switch (role)
    {
    case EP_COLUMN_ROLE_NONE:       return C_("column role", "None");
    case EP_COLUMN_ROLE_IDENTIFIER: return C_("column role", "Identifier");
    case EP_COLUMN_ROLE_TIME:       return C_("column role", "Time");
    case EP_COLUMN_ROLE_EVENT:      return C_("column role", "Event");
    case EP_COLUMN_ROLE_DATE:       return C_("column role", "Date");
    case EP_COLUMN_ROLE_GROUP:      return C_("column role", "Group");
    case EP_COLUMN_ROLE_COVARIATE:  return C_("column role", "Covariate");
    case EP_COLUMN_ROLE_OUTCOME:    return C_("column role", "Outcome");
    default:                        return "?";
    }
}

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
ep_cohort_page_show_message (EpCohortPage *self,
                             const char   *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_assert (EP_IS_COHORT_PAGE (self));

  g_free (self->message);
  self->message = g_strdup (message);
  /* Toast titles are markup; the message may quote what the user typed. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static guint
column_position (EpCohortPage   *self,
                 EpCohortColumn *column)
{
  guint position = G_MAXUINT;

  for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
    if (ep_cohort_get_column (self->cohort, c) == column)
      position = c;

  return position;
}

static void
ep_cohort_page_update_count (EpCohortPage *self)
{
  g_autofree char *rows = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *text = NULL;
  guint n_rows, n_missing = 0, shown;

  g_assert (EP_IS_COHORT_PAGE (self));

  if (self->cohort == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      return;
    }

  n_rows = ep_cohort_get_n_rows (self->cohort);
  for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
    n_missing += ep_cohort_column_get_n_missing (ep_cohort_get_column (self->cohort, c));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (self->filter_text != NULL)
    /* TRANSLATORS: "12 of 30 rows shown" */
    rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u row shown", "%u of %u rows shown", n_rows),
                            shown, n_rows);
  else
    rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);
  missing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u missing value", "%u missing values", n_missing),
                             n_missing);
  /* TRANSLATORS: "30 rows · 14 columns · 5 missing values" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u column · %s", "%s · %u columns · %s",
                                       ep_cohort_get_n_columns (self->cohort)),
                          rows, ep_cohort_get_n_columns (self->cohort), missing);
  gtk_label_set_text (self->count_label, text);
}

static void
ep_cohort_page_update_actions (EpCohortPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean have = self->cohort != NULL;
  gboolean selected = FALSE;

  g_assert (EP_IS_COHORT_PAGE (self));

  if (have)
    {
      g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      selected = !gtk_bitset_is_empty (set);
    }

  /* The buttons say what they would undo: "Undo Edit cell (Ctrl+Z)". */
  {
    const char *undo = have ? ep_cohort_get_undo_label (self->cohort) : NULL;
    const char *redo = have ? ep_cohort_get_redo_label (self->cohort) : NULL;
    g_autofree char *undo_tip = undo != NULL ? g_strdup_printf (_("Undo %s (Ctrl+Z)"), undo) : g_strdup (_("Undo (Ctrl+Z)"));
    g_autofree char *redo_tip = redo != NULL ? g_strdup_printf (_("Redo %s (Ctrl+Shift+Z)"), redo) : g_strdup (_("Redo (Ctrl+Shift+Z)"));

    gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
    gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
  }
  gtk_widget_action_set_enabled (widget, "cohort.undo", have && ep_cohort_can_undo (self->cohort));
  gtk_widget_action_set_enabled (widget, "cohort.redo", have && ep_cohort_can_redo (self->cohort));
  gtk_widget_action_set_enabled (widget, "cohort.add-row", have);
  gtk_widget_action_set_enabled (widget, "cohort.duplicate-row", have && selected);
  gtk_widget_action_set_enabled (widget, "cohort.delete-rows", have && selected);
  gtk_widget_action_set_enabled (widget, "cohort.add-column", have);
  gtk_widget_action_set_enabled (widget, "cohort.add-endpoint", have);
  gtk_widget_action_set_enabled (widget, "cohort.analyze", have);
  gtk_widget_action_set_enabled (widget, "cohort.export", have);
  gtk_widget_action_set_enabled (widget, "cohort.close", have);
  gtk_widget_action_set_enabled (widget, "cohort.show-results", have && self->shown != NULL);
  /* Figures live in the window; a page on its own (a test) has nowhere to send one. */
  gtk_widget_action_set_enabled (widget, "cohort.show-figure",
                                 have && self->shown != NULL && ep_analysis_has_results (self->shown)
                                 && EP_IS_WINDOW (gtk_widget_get_root (widget)));
}

/* Cells */

typedef struct
{
  EpCohortPage   *page;      /* not a reference: the page owns the column view */
  EpCohortColumn *column;
} ColumnData;

static void
column_data_free (gpointer data)
{
  ColumnData *cd = data;

  g_clear_object (&cd->column);
  g_free (cd);
}

/* Editing: a double click on a cell (or Enter on a row, for its first column) opens a popover
 * with an entry over the cell; Enter stores the text through ep_cohort_set_text(). The
 * popover belongs to the page and is closed before the store, because the store makes the
 * cohort announce the row as changed and the column view may then drop the cell it points
 * at. A refused edit shows the model's message and stores nothing. */
static void
edit_popover_closed_cb (EpCohortPage *self,
                        GtkPopover   *popover)
{
  if (gtk_widget_get_parent (GTK_WIDGET (popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (popover));
}

static void
edit_entry_activate_cb (EpCohortPage *self,
                        GtkEntry     *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_autofree char *old_text = NULL;

  if (self->cohort == NULL || self->edit_row >= ep_cohort_get_n_rows (self->cohort)
      || self->edit_column >= ep_cohort_get_n_columns (self->cohort))
    {
      gtk_popover_popdown (self->edit_popover);
      return;
    }

  old_text = ep_cohort_get_text (self->cohort, self->edit_row, self->edit_column);
  gtk_popover_popdown (self->edit_popover);
  if (g_strcmp0 (old_text, text) != 0)
    ep_cohort_page_edit_cell (self, self->edit_row, self->edit_column, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
ep_cohort_page_open_editor (EpCohortPage *self,
                            GtkWidget    *cell,
                            guint         row,
                            guint         column)
{
  g_autofree char *text = ep_cohort_get_text (self->cohort, row, column);
  g_autofree char *title = NULL;

  g_assert (EP_IS_COHORT_PAGE (self));

  if (gtk_widget_get_parent (GTK_WIDGET (self->edit_popover)) != NULL)
    {
      gtk_popover_popdown (self->edit_popover);
      if (gtk_widget_get_parent (GTK_WIDGET (self->edit_popover)) != NULL)
        gtk_widget_unparent (GTK_WIDGET (self->edit_popover));
    }

  self->edit_row = row;
  self->edit_column = column;
  gtk_editable_set_text (GTK_EDITABLE (self->edit_entry), text);
  /* TRANSLATORS: the accessible name of the cell editor: "age, row 3" */
  title = g_strdup_printf (_("%s, row %u"), ep_cohort_column_get_name (ep_cohort_get_column (self->cohort, column)),
                           row + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_parent (GTK_WIDGET (self->edit_popover), cell);
  gtk_popover_popup (self->edit_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->edit_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->edit_entry), 0, -1);
}

static void
cell_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  ColumnData *cd = g_object_get_data (G_OBJECT (cell), "column-data");
  EpCohortRow *row = gtk_list_item_get_item (item);
  guint position;

  if (row == NULL || cd->page->cohort == NULL)
    return;
  position = column_position (cd->page, cd->column);
  if (position == G_MAXUINT)
    return;
  cd->page->focus_column = position;
  if (n_press == 2)
    ep_cohort_page_open_editor (cd->page, cell, ep_cohort_row_get_index (row), position);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnData               *cd)
{
  GtkWidget *label = gtk_label_new (NULL);
  EpColumnType type = ep_cohort_column_get_column_type (cd->column);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_label_set_xalign (GTK_LABEL (label), type == EP_COLUMN_NUMBER ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), type == EP_COLUMN_CATEGORY ? 10 : 6);
  if (type == EP_COLUMN_NUMBER)
    gtk_widget_add_css_class (label, "numeric");
  g_object_set_data (G_OBJECT (label), "column-data", cd);
  g_object_set_data (G_OBJECT (label), "list-item", item);
  g_signal_connect (click, "pressed", G_CALLBACK (cell_pressed_cb), item);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *cd)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  EpCohortRow *row = gtk_list_item_get_item (item);
  guint position = column_position (cd->page, cd->column);
  g_autofree char *text = position != G_MAXUINT ? ep_cohort_row_get_text (row, position) : g_strdup ("");

  gtk_label_set_text (label, text);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                ColumnData               *cd)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkWidget *popover = GTK_WIDGET (cd->page->edit_popover);

  /* The editor must not outlive the cell it is attached to. */
  if (popover != NULL && gtk_widget_get_parent (popover) == label)
    {
      gtk_popover_popdown (GTK_POPOVER (popover));
      if (gtk_widget_get_parent (popover) == label)
        gtk_widget_unparent (popover);
    }
}

/* The cell widget shown for a position of the view and a column, if it is on screen. */
static GtkWidget *
find_cell (GtkWidget *widget,
           guint      position,
           guint      column,
           EpCohortPage *self)
{
  ColumnData *cd = g_object_get_data (G_OBJECT (widget), "column-data");
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), "list-item");

  if (cd != NULL && item != NULL && gtk_list_item_get_item (item) != NULL
      && gtk_list_item_get_position (item) == position && column_position (self, cd->column) == column)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, position, column, self);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
column_view_activate_cb (EpCohortPage  *self,
                         guint          position,
                         GtkColumnView *view)
{
  ep_cohort_page_edit_at (self, position, self->focus_column);
}

static void
number_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  EpCohortRow *row = gtk_list_item_get_item (item);
  char text[16];

  g_snprintf (text, sizeof text, "%u", ep_cohort_row_get_index (row) + 1);
  gtk_label_set_text (label, text);
}

static void
number_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static int
compare_rows_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  ColumnData *cd = data;
  guint position = column_position (cd->page, cd->column);

  if (position == G_MAXUINT)
    return 0;

  return ep_cohort_compare_rows (cd->page->cohort, position,
                                 ep_cohort_row_get_index (EP_COHORT_ROW ((gpointer) a)),
                                 ep_cohort_row_get_index (EP_COHORT_ROW ((gpointer) b)));
}

static int
compare_index_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  guint ia = ep_cohort_row_get_index (EP_COHORT_ROW ((gpointer) a));
  guint ib = ep_cohort_row_get_index (EP_COHORT_ROW ((gpointer) b));

  return ia < ib ? -1 : ia > ib;
}

static GMenuModel *
column_header_menu (EpCohortColumn *column)
{
  const char *name = ep_cohort_column_get_name (column);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) types = g_menu_new ();
  g_autoptr(GMenu) roles = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  g_autoptr(GEnumClass) type_class = g_type_class_ref (EP_TYPE_COLUMN_TYPE);
  g_autoptr(GEnumClass) role_class = g_type_class_ref (EP_TYPE_COLUMN_ROLE);

  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Rename…"), NULL);

    g_menu_item_set_action_and_target_value (item, "cohort.rename-column", g_variant_new_string (name));
    g_menu_append_item (edit, item);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  for (guint t = 0; t < type_class->n_values; t++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (type_title (type_class->values[t].value), NULL);

      g_menu_item_set_action_and_target_value (item, "cohort.set-type",
                                               g_variant_new ("(ss)", name, type_class->values[t].value_nick));
      g_menu_append_item (types, item);
    }
  g_menu_append_submenu (menu, _("_Type"), G_MENU_MODEL (types));

  for (guint r = 0; r < role_class->n_values; r++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (role_title (role_class->values[r].value), NULL);

      g_menu_item_set_action_and_target_value (item, "cohort.set-role",
                                               g_variant_new ("(ss)", name, role_class->values[r].value_nick));
      g_menu_append_item (roles, item);
    }
  g_menu_append_submenu (menu, _("R_ole"), G_MENU_MODEL (roles));

  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Delete Column"), NULL);

    g_menu_item_set_action_and_target_value (item, "cohort.delete-column", g_variant_new_string (name));
    g_menu_append_item (remove, item);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));

  return G_MENU_MODEL (menu);
}

static void ep_cohort_page_rebuild_columns (EpCohortPage *self);

static void
column_changed_cb (EpCohortPage   *self,
                   GParamSpec     *pspec,
                   EpCohortColumn *column)
{
  /* A rename changes the header and its menu's targets; a retype the cells' alignment and
   * text. Rebuilding the columns (not the rows) is cheap. */
  if (g_strcmp0 (pspec->name, "n-missing") == 0)
    ep_cohort_page_update_count (self);
  else if (g_strcmp0 (pspec->name, "role") != 0)
    ep_cohort_page_rebuild_columns (self);
}

static void
ep_cohort_page_rebuild_columns (EpCohortPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GtkListItemFactory *factory;
  GtkColumnViewColumn *number_column;
  g_autoptr(GtkSorter) index_sorter = NULL;

  g_assert (EP_IS_COHORT_PAGE (self));

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }

  if (self->cohort == NULL)
    return;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (number_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (number_bind_cb), NULL);
  number_column = gtk_column_view_column_new ("#", factory);
  index_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_index_cb, NULL, NULL));
  gtk_column_view_column_set_sorter (number_column, index_sorter);
  gtk_column_view_append_column (self->column_view, number_column);
  g_object_unref (number_column);

  for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
    {
      EpCohortColumn *column = ep_cohort_get_column (self->cohort, c);
      ColumnData *cd = g_new0 (ColumnData, 1);
      GtkColumnViewColumn *view_column;
      g_autoptr(GMenuModel) menu = column_header_menu (column);
      g_autoptr(GtkSorter) sorter = NULL;

      cd->page = self;
      cd->column = g_object_ref (column);
      factory = gtk_signal_list_item_factory_new ();
      g_object_set_data_full (G_OBJECT (factory), "column-data", cd, column_data_free);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), cd);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), cd);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), cd);

      view_column = gtk_column_view_column_new (ep_cohort_column_get_name (column), factory);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_column_set_header_menu (view_column, menu);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows_cb, cd, NULL));
      gtk_column_view_column_set_sorter (view_column, sorter);
      gtk_column_view_append_column (self->column_view, view_column);
      g_object_unref (view_column);

      g_signal_handlers_disconnect_by_func (column, column_changed_cb, self);
      g_signal_connect_object (column, "notify", G_CALLBACK (column_changed_cb), self, G_CONNECT_SWAPPED);
    }

  ep_cohort_page_update_count (self);
}

/* Row filter: a row is shown when one of its cells contains the text (case-insensitive). */
static gboolean
filter_match_cb (gpointer item,
                 gpointer data)
{
  EpCohortPage *self = data;
  EpCohortRow *row = item;

  if (self->filter_text == NULL)
    return TRUE;

  for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
    {
      g_autofree char *text = ep_cohort_row_get_text (row, c);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (strstr (folded, self->filter_text) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
ep_cohort_page_search_changed_cb (EpCohortPage   *self,
                                  GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->filter_text, g_free);
  if (text != NULL && *text != '\0')
    self->filter_text = g_utf8_casefold (text, -1);

  /* No filter at all while the entry is empty: the view stays lazy. */
  gtk_filter_list_model_set_filter (self->filter_model,
                                    self->filter_text != NULL ? GTK_FILTER (self->filter) : NULL);
  if (self->filter_text != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  ep_cohort_page_update_count (self);
}

/* The column view's sorter is only handed to the sort model once a column is sorted. */
static void
view_sorter_changed_cb (EpCohortPage *self,
                        GtkSorterChange change,
                        GtkSorter    *sorter)
{
  gboolean sorted = gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE;

  gtk_sort_list_model_set_sorter (self->sort_model, sorted ? sorter : NULL);
}

/* Side panel */

static void
column_row_update (GtkWidget      *row,
                   EpCohortColumn *column)
{
  g_autofree char *subtitle = NULL;
  guint n_missing = ep_cohort_column_get_n_missing (column);
  GtkDropDown *roles = g_object_get_data (G_OBJECT (row), "roles");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ep_cohort_column_get_name (column));
  if (n_missing > 0)
    /* TRANSLATORS: "Number · 3 missing" */
    subtitle = g_strdup_printf (_("%s · %u missing"), type_title (ep_cohort_column_get_column_type (column)),
                                n_missing);
  else
    subtitle = g_strdup (type_title (ep_cohort_column_get_column_type (column)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (gtk_drop_down_get_selected (roles) != (guint) ep_cohort_column_get_role (column))
    gtk_drop_down_set_selected (roles, ep_cohort_column_get_role (column));
}

static void
column_row_notify_cb (EpCohortColumn *column,
                      GParamSpec     *pspec,
                      GtkWidget      *row)
{
  column_row_update (row, column);
}

static void
role_selected_cb (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  GtkWidget   *row)
{
  EpCohortPage *self = g_object_get_data (G_OBJECT (row), "page");
  EpCohortColumn *column = g_object_get_data (G_OBJECT (row), "column");
  guint role = gtk_drop_down_get_selected (dropdown);
  guint position;

  if (self->cohort == NULL || role == GTK_INVALID_LIST_POSITION
      || role == (guint) ep_cohort_column_get_role (column))
    return;

  position = column_position (self, column);
  if (position != G_MAXUINT)
    ep_cohort_set_column_role (self->cohort, position, role);
}

static GtkWidget *
create_column_row (gpointer item,
                   gpointer data)
{
  EpCohortPage *self = data;
  EpCohortColumn *column = item;
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(GEnumClass) role_class = g_type_class_ref (EP_TYPE_COLUMN_ROLE);
  GtkWidget *dropdown;

  for (guint r = 0; r < role_class->n_values; r++)
    gtk_string_list_append (roles, role_title (role_class->values[r].value));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dropdown, _("What the column means to the analyses"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  g_object_set_data (G_OBJECT (row), "roles", dropdown);
  g_object_set_data (G_OBJECT (row), "page", self);
  g_object_set_data_full (G_OBJECT (row), "column", g_object_ref (column), g_object_unref);
  column_row_update (row, column);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (role_selected_cb), row);
  g_signal_connect_object (column, "notify", G_CALLBACK (column_row_notify_cb), row, 0);

  return row;
}

static char *
describe_endpoint (EpCohortEndpoint *endpoint)
{
  g_autofree char *codes = g_strjoinv (", ", (char **) ep_cohort_endpoint_get_event_codes (endpoint));
  const char *unit = ep_time_unit_to_string (ep_cohort_endpoint_get_unit (endpoint));

  if (ep_cohort_endpoint_get_source (endpoint) == EP_ENDPOINT_FROM_DATES)
    /* TRANSLATORS: "start → last_visit, event: status = 1; months" */
    return g_strdup_printf (_("%s → %s, event: %s = %s; %s"),
                            ep_cohort_endpoint_get_start_column (endpoint),
                            ep_cohort_endpoint_get_end_column (endpoint),
                            ep_cohort_endpoint_get_event_column (endpoint), codes, unit);

  /* TRANSLATORS: "time, event: status = 1; weeks" */
  return g_strdup_printf (_("%s, event: %s = %s; %s"),
                          ep_cohort_endpoint_get_time_column (endpoint),
                          ep_cohort_endpoint_get_event_column (endpoint), codes, unit);
}

static GtkWidget *
create_endpoint_row (gpointer item,
                     gpointer data)
{
  EpCohortEndpoint *endpoint = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = describe_endpoint (endpoint);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ep_cohort_endpoint_get_name (endpoint));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove the endpoint"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "cohort.remove-endpoint");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                          g_variant_new_string (ep_cohort_endpoint_get_name (endpoint)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

/* The cohort */

static void
cohort_undo_changed_cb (EpCohortPage *self,
                        GParamSpec   *pspec,
                        EpCohort     *cohort)
{
  ep_cohort_page_update_actions (self);
  ep_cohort_page_update_count (self);
}

static void
cohort_columns_changed_cb (EpCohortPage *self,
                           guint         position,
                           guint         removed,
                           guint         added,
                           GListModel   *columns)
{
  ep_cohort_page_rebuild_columns (self);
}

static void
selection_changed_cb (EpCohortPage *self,
                      guint         position,
                      guint         n_items,
                      GtkSelectionModel *selection)
{
  ep_cohort_page_update_actions (self);
}

void
ep_cohort_page_set_cohort (EpCohortPage *self,
                           EpCohort     *cohort)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (cohort == NULL || EP_IS_COHORT (cohort));

  if (self->cohort == cohort)
    return;

  if (self->cohort != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->cohort, self);
      g_signal_handlers_disconnect_by_data (ep_cohort_get_columns (self->cohort), self);
      for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
        g_signal_handlers_disconnect_by_data (ep_cohort_get_column (self->cohort, c), self);
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  for (guint k = 0; k < G_N_ELEMENTS (self->last); k++)
    g_clear_object (&self->last[k]);
  g_clear_object (&self->shown);
  ep_analysis_results_set_analysis (self->results, NULL, NULL);

  g_set_object (&self->cohort, cohort);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (cohort));

  if (cohort != NULL)
    {
      g_signal_connect_object (cohort, "notify::can-undo", G_CALLBACK (cohort_undo_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (cohort, "notify::can-redo", G_CALLBACK (cohort_undo_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (cohort, "notify::n-rows", G_CALLBACK (cohort_undo_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (ep_cohort_get_columns (cohort), "items-changed",
                               G_CALLBACK (cohort_columns_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (self->columns_list, ep_cohort_get_columns (cohort),
                               create_column_row, self, NULL);
      gtk_list_box_bind_model (self->endpoints_list, ep_cohort_get_endpoints (cohort),
                               create_endpoint_row, self, NULL);
    }
  else
    {
      gtk_list_box_bind_model (self->columns_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->endpoints_list, NULL, NULL, NULL, NULL);
    }

  ep_cohort_page_rebuild_columns (self);
  ep_cohort_page_update_count (self);
  ep_cohort_page_update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, cohort != NULL ? "editor" : "welcome");
  /* On a small screen the data comes first; the side panel is a click away. */
  if (cohort != NULL)
    adw_flap_set_reveal_flap (self->flap, gtk_widget_get_width (GTK_WIDGET (self)) >= 1000);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COHORT]);
}

/* Edits */

gboolean
ep_cohort_page_edit_cell (EpCohortPage *self,
                          guint         row,
                          guint         column,
                          const char   *text)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), FALSE);
  g_return_val_if_fail (self->cohort != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!ep_cohort_set_text (self->cohort, row, column, text, &error))
    {
      /* TRANSLATORS: "Row 3: "abc" is not a number" */
      g_autofree char *message = g_strdup_printf (_("Row %u: %s"), row + 1, error->message);

      ep_cohort_page_show_message (self, message);
      return FALSE;
    }

  return TRUE;
}

gboolean
ep_cohort_page_edit_at (EpCohortPage *self,
                        guint         position,
                        guint         column)
{
  GtkWidget *cell;
  g_autoptr(EpCohortRow) row = NULL;

  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), FALSE);

  if (self->cohort == NULL || column >= ep_cohort_get_n_columns (self->cohort))
    return FALSE;
  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  cell = find_cell (GTK_WIDGET (self->column_view), position, column, self);
  if (row == NULL || cell == NULL)
    return FALSE;

  ep_cohort_page_open_editor (self, cell, ep_cohort_row_get_index (row), column);
  return TRUE;
}

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
      const char *names[] = { type_title (EP_COLUMN_NUMBER), type_title (EP_COLUMN_CATEGORY),
                              type_title (EP_COLUMN_YESNO), type_title (EP_COLUMN_DATE), NULL };
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
    ep_cohort_page_show_message (self, error->message);
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
    ep_cohort_page_show_message (self, error->message);
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
    ep_cohort_page_show_message (self, error->message);
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
      ep_cohort_page_show_message (self, _("An endpoint needs a name, an event column and the codes that mean an event"));
      return;
    }

  if (gtk_drop_down_get_selected (form->source) == 1)
    {
      if (dropdown_string (form->start) == NULL || dropdown_string (form->end) == NULL)
        {
          ep_cohort_page_show_message (self, _("An endpoint from dates needs two date columns"));
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
          ep_cohort_page_show_message (self, _("An endpoint needs a number column for the time"));
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

/* Files */

static void
import_dialog_import_cb (EpImportDialog *dialog,
                         GFile          *file,
                         EpCohortPage   *self)
{
  ep_cohort_page_open_file (self, file, ep_import_dialog_get_options (dialog), NULL);
}

/* Delimited text goes through the preview (delimiter, decimal mark, header, types); SPSS,
 * Stata and SAS files say what they hold themselves. */
EpImportDialog *
ep_cohort_page_import (EpCohortPage *self,
                       GFile        *file)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  EpImportDialog *dialog;
  EpFileFormat format;

  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  format = path != NULL ? ep_import_format_for_path (path) : EP_FILE_FORMAT_UNKNOWN;
  if (format != EP_FILE_FORMAT_CSV && format != EP_FILE_FORMAT_TSV)
    {
      ep_cohort_page_open_file (self, file, NULL, NULL);
      return NULL;
    }

  dialog = ep_import_dialog_new (file, &error);
  if (dialog == NULL)
    {
      ep_cohort_page_show_message (self, error->message);
      return NULL;
    }
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "import", G_CALLBACK (import_dialog_import_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

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
  const char *suffixes[] = { "csv", "txt", "tsv", "tab", "sav", "zsav", "dta", "sas7bdat", "xpt", NULL };

  gtk_file_filter_set_name (data, _("Data files (CSV, TSV, SPSS, Stata, SAS)"));
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
        ep_cohort_page_show_message (self, error->message);
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
    ep_cohort_page_show_message (self, error->message);
}

/* Analyses */

static void
analysis_dialog_run_cb (EpAnalysisDialog *dialog,
                        EpAnalysis       *analysis,
                        EpCohortPage     *self)
{
  ep_cohort_page_run_analysis (self, analysis);
}

void
ep_cohort_page_analyze (EpCohortPage   *self,
                        EpAnalysisKind  kind)
{
  EpAnalysisDialog *dialog;

  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (self->cohort != NULL);

  dialog = ep_analysis_dialog_new (self->cohort, kind, self->last[kind]);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "run", G_CALLBACK (analysis_dialog_run_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ep_cohort_page_analyze_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  EpAnalysisKind kind;

  if (ep_analysis_kind_from_string (g_variant_get_string (param, NULL), &kind))
    ep_cohort_page_analyze (EP_COHORT_PAGE (widget), kind);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(EpCohortPage) self = data;
  EpAnalysis *analysis = EP_ANALYSIS (object);
  g_autoptr(GError) error = NULL;

  if (!ep_analysis_run_finish (analysis, result, &error)
      && ep_analysis_results_get_analysis (self->results) == analysis)
    ep_analysis_results_show_error (self->results, error);
  ep_cohort_page_update_actions (self);
}

void
ep_cohort_page_run_analysis (EpCohortPage *self,
                             EpAnalysis   *analysis)
{
  EpAnalysisKind kind;

  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (EP_IS_ANALYSIS (analysis));
  g_return_if_fail (self->cohort != NULL);

  /* One analysis at a time: a new one replaces the one running. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  kind = ep_analysis_get_kind (analysis);
  g_set_object (&self->last[kind], analysis);
  g_set_object (&self->shown, analysis);
  ep_analysis_results_set_analysis (self->results, analysis, self->cancellable);
  gtk_stack_set_visible_child_name (self->stack, "results");
  ep_cohort_page_update_actions (self);

  g_signal_emit (self, signals[ANALYSIS_RUN], 0, analysis);
  ep_analysis_run_async (analysis, self->cohort, self->cancellable, run_cb, g_object_ref (self));
}

/* The figure of the results on the Figures page: Kaplan-Meier curves, cumulative incidence or
 * the hazard-ratio table, from the same cohort and options (EpFigure computes with the same
 * core). */
static EpFigure *
figure_for_analysis (EpCohort    *cohort,
                     EpAnalysis  *analysis,
                     GError     **error)
{
  EpCohortEndpoint *endpoint;

  switch (ep_analysis_get_kind (analysis))
    {
    case EP_ANALYSIS_SURVIVAL:
      return ep_figure_new_km (cohort, ep_analysis_get_string (analysis, "endpoint"),
                               ep_analysis_get_string (analysis, "group"), error);
    case EP_ANALYSIS_COMPETING_RISKS:
      return ep_figure_new_cif (cohort, ep_analysis_get_string (analysis, "time"),
                                ep_analysis_get_string (analysis, "status"),
                                ep_analysis_get_string (analysis, "group"), error);
    case EP_ANALYSIS_COX:
      endpoint = ep_cohort_find_endpoint (cohort, ep_analysis_get_string (analysis, "endpoint"));
      if (endpoint == NULL || ep_cohort_endpoint_get_source (endpoint) != EP_ENDPOINT_FROM_TIME)
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                       _("A hazard-ratio figure needs an endpoint with a time column"));
          return NULL;
        }
      return ep_figure_new_cox_table (cohort, ep_cohort_endpoint_get_time_column (endpoint),
                                      ep_cohort_endpoint_get_event_column (endpoint),
                                      ep_analysis_get_strv (analysis, "covariates"), error);
    case EP_ANALYSIS_RESPONSE:
    default:
      g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                   _("This analysis has no figure"));
      return NULL;
    }
}

/* The figure's data source (model/ep-figure-source.h), so that the project can make it again. */
static JsonObject *
source_for_analysis (EpCohort   *cohort,
                     EpAnalysis *analysis)
{
  JsonObject *source = json_object_new ();
  const char *group = ep_analysis_get_string (analysis, "group");
  EpCohortEndpoint *endpoint;

  json_object_set_string_member (source, "cohort", ep_cohort_get_name (cohort));
  switch (ep_analysis_get_kind (analysis))
    {
    case EP_ANALYSIS_SURVIVAL:
      json_object_set_string_member (source, "kind", "km");
      json_object_set_string_member (source, "endpoint", ep_analysis_get_string (analysis, "endpoint"));
      break;
    case EP_ANALYSIS_COMPETING_RISKS:
      json_object_set_string_member (source, "kind", "cif");
      json_object_set_string_member (source, "time", ep_analysis_get_string (analysis, "time"));
      json_object_set_string_member (source, "status", ep_analysis_get_string (analysis, "status"));
      break;
    case EP_ANALYSIS_COX:
      {
        const char * const *covariates = ep_analysis_get_strv (analysis, "covariates");
        JsonArray *array = json_array_new ();

        endpoint = ep_cohort_find_endpoint (cohort, ep_analysis_get_string (analysis, "endpoint"));
        json_object_set_string_member (source, "kind", "cox-table");
        json_object_set_string_member (source, "time", ep_cohort_endpoint_get_time_column (endpoint));
        json_object_set_string_member (source, "event", ep_cohort_endpoint_get_event_column (endpoint));
        for (guint i = 0; covariates != NULL && covariates[i] != NULL; i++)
          json_array_add_string_element (array, covariates[i]);
        json_object_set_array_member (source, "covariates", array);
        group = NULL;
      }
      break;
    case EP_ANALYSIS_RESPONSE:
    default:
      g_assert_not_reached ();
    }
  if (group != NULL)
    json_object_set_string_member (source, "group", group);

  return source;
}

static void
ep_cohort_page_show_figure_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autoptr(JsonObject) source = NULL;

  if (self->cohort == NULL || self->shown == NULL || !EP_IS_WINDOW (root))
    return;

  figure = figure_for_analysis (self->cohort, self->shown, &error);
  if (figure == NULL)
    {
      ep_cohort_page_show_message (self, error->message);
      return;
    }
  title = ep_analysis_describe (self->shown);
  ep_figure_set_title (figure, title);
  source = source_for_analysis (self->cohort, self->shown);
  ep_window_add_figure (EP_WINDOW (root), figure, source);
}

static void
ep_cohort_page_show_editor_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack, self->cohort != NULL ? "editor" : "welcome");
}

static void
ep_cohort_page_show_results_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  EpCohortPage *self = EP_COHORT_PAGE (widget);

  if (self->shown != NULL)
    gtk_stack_set_visible_child_name (self->stack, "results");
}

/* GObject */

static void
ep_cohort_page_dispose (GObject *object)
{
  EpCohortPage *self = EP_COHORT_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->cohort != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->cohort, self);
      for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
        g_signal_handlers_disconnect_by_data (ep_cohort_get_column (self->cohort, c), self);
    }
  g_clear_object (&self->cancellable);
  for (guint k = 0; k < G_N_ELEMENTS (self->last); k++)
    g_clear_object (&self->last[k]);
  g_clear_object (&self->shown);
  if (self->edit_popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->edit_popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->edit_popover));
  g_clear_object (&self->edit_popover);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->cohort);

  G_OBJECT_CLASS (ep_cohort_page_parent_class)->dispose (object);
}

static void
ep_cohort_page_finalize (GObject *object)
{
  EpCohortPage *self = EP_COHORT_PAGE (object);

  g_free (self->examples_dir);
  g_free (self->message);
  g_free (self->filter_text);

  G_OBJECT_CLASS (ep_cohort_page_parent_class)->finalize (object);
}

static void
ep_cohort_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EpCohortPage *self = EP_COHORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_COHORT:
      g_value_set_object (value, self->cohort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_cohort_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EpCohortPage *self = EP_COHORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_COHORT:
      ep_cohort_page_set_cohort (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_cohort_page_class_init (EpCohortPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_cohort_page_dispose;
  object_class->finalize = ep_cohort_page_finalize;
  object_class->get_property = ep_cohort_page_get_property;
  object_class->set_property = ep_cohort_page_set_property;

  properties[PROP_COHORT] =
    g_param_spec_object ("cohort", NULL, NULL, EP_TYPE_COHORT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpCohortPage::analysis-run:
   * @analysis: the analysis about to run on the page's cohort
   *
   * Emitted when an analysis starts, so that the project can keep it (kind and options).
   */
  signals[ANALYSIS_RUN] = g_signal_new ("analysis-run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, EP_TYPE_ANALYSIS);

  g_type_ensure (EP_TYPE_ANALYSIS_RESULTS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-cohort-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, undo_button);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, redo_button);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, welcome_box);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, examples_list);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, flap);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, endpoints_list);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, columns_list);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, results);
  gtk_widget_class_bind_template_callback (widget_class, ep_cohort_page_search_changed_cb);

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
  gtk_widget_class_install_action (widget_class, "cohort.delete-column", "s", ep_cohort_page_delete_column_action);
  gtk_widget_class_install_action (widget_class, "cohort.set-type", "(ss)", ep_cohort_page_set_type_action);
  gtk_widget_class_install_action (widget_class, "cohort.set-role", "(ss)", ep_cohort_page_set_role_action);
  gtk_widget_class_install_action (widget_class, "cohort.add-endpoint", NULL, ep_cohort_page_add_endpoint_action);
  gtk_widget_class_install_action (widget_class, "cohort.remove-endpoint", "s", ep_cohort_page_remove_endpoint_action);
  gtk_widget_class_install_action (widget_class, "cohort.analyze", "s", ep_cohort_page_analyze_action);
  gtk_widget_class_install_action (widget_class, "cohort.show-editor", NULL, ep_cohort_page_show_editor_action);
  gtk_widget_class_install_action (widget_class, "cohort.show-results", NULL, ep_cohort_page_show_results_action);
  gtk_widget_class_install_action (widget_class, "cohort.show-figure", NULL, ep_cohort_page_show_figure_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "cohort.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "cohort.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "cohort.redo", NULL);
}

static void
ep_cohort_page_init (EpCohortPage *self)
{
  const char * const *examples = ep_cohort_list_examples ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_match_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), NULL);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (column_view_activate_cb), self, G_CONNECT_SWAPPED);

  self->edit_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->edit_entry, FALSE);
  self->edit_popover = GTK_POPOVER (g_object_ref_sink (gtk_popover_new ()));
  gtk_popover_set_child (self->edit_popover, GTK_WIDGET (self->edit_entry));
  gtk_popover_set_position (self->edit_popover, GTK_POS_BOTTOM);
  g_signal_connect_object (self->edit_entry, "activate", G_CALLBACK (edit_entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->edit_popover, "closed", G_CALLBACK (edit_popover_closed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  {
    GtkWidget *placeholder = gtk_label_new (_("No endpoint yet: define one to run survival and Cox analyses"));

    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_widget_set_margin_start (placeholder, 12);
    gtk_widget_set_margin_end (placeholder, 12);
    gtk_list_box_set_placeholder (self->endpoints_list, placeholder);
  }

  for (guint i = 0; examples[i] != NULL; i += 2)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(examples[i + 1]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "cohort.open-example");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (examples[i]));
      gtk_list_box_append (self->examples_list, row);
    }

  ep_cohort_page_update_actions (self);
}

void
ep_cohort_page_add_welcome_section (EpCohortPage *self,
                                    GtkWidget    *section)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (section));

  /* Right after Import…, before the example cohorts. */
  gtk_box_insert_child_after (self->welcome_box, section,
                              gtk_widget_get_first_child (GTK_WIDGET (self->welcome_box)));
}

GtkWidget *
ep_cohort_page_new (void)
{
  return g_object_new (EP_TYPE_COHORT_PAGE, NULL);
}

EpCohort *
ep_cohort_page_get_cohort (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);

  return self->cohort;
}

void
ep_cohort_page_set_examples_dir (EpCohortPage *self,
                                 const char   *dir)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));

  g_free (self->examples_dir);
  self->examples_dir = g_strdup (dir);
}

gboolean
ep_cohort_page_open_example (EpCohortPage  *self,
                             const char    *id,
                             GError       **error)
{
  g_autoptr(EpCohort) cohort = NULL;
  const char *dir;

  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  dir = self->examples_dir != NULL ? self->examples_dir : g_getenv ("ENDPOINT_EXAMPLES_DIR");
  cohort = ep_cohort_new_from_example (dir, id, error);
  if (cohort == NULL)
    return FALSE;

  ep_cohort_page_set_cohort (self, cohort);
  return TRUE;
}

gboolean
ep_cohort_page_open_file (EpCohortPage           *self,
                          GFile                  *file,
                          const EpImportOptions  *options,
                          GError                **error)
{
  g_autoptr(EpCohort) cohort = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only local files can be imported"));
    }
  else
    cohort = ep_cohort_new_from_file (path, options, &local_error);

  if (cohort == NULL)
    {
      /* The current cohort stays as it was. */
      ep_cohort_page_show_message (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  ep_cohort_page_set_cohort (self, cohort);
  return TRUE;
}

const char *
ep_cohort_page_get_message (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);

  return self->message;
}

EpAnalysisResults *
ep_cohort_page_get_results (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);

  return self->results;
}

GtkColumnView *
ep_cohort_page_get_column_view (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);

  return self->column_view;
}

const char *
ep_cohort_page_get_view (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
ep_cohort_page_remember_analysis (EpCohortPage *self,
                                  EpAnalysis   *analysis)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (EP_IS_ANALYSIS (analysis));

  g_set_object (&self->last[ep_analysis_get_kind (analysis)], analysis);
}
