/* ep-cohort-page-table.c: the Cohorts page's spreadsheet
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cohort as a GtkColumnView over EpCohort (rows are created lazily by the model, so a
 * million rows scroll) -> GtkFilterListModel (the row filter) -> GtkSortListModel (the column
 * headers' sorters, ep_cohort_compare_rows) -> selection. The filter and the sorter are set
 * only while used, so an untouched view never walks every row. A double click on a cell opens
 * its editor; an edit goes through ep_cohort_set_text(), and a refused one shows the model's
 * message and stores nothing. Each column's header menu renames, retypes, sets the role of or
 * deletes it.
 *
 * Keyboard and selection work as in a spreadsheet: a cell cursor (an outline) and a block
 * selected from an anchor to it (tinted), moved by arrows, Tab/Shift+Tab, Enter/Shift+Enter,
 * Page Up/Down, extended with Shift or by dragging the mouse; typing starts editing the cursor's
 * cell with what was typed, F2 edits its text, Escape cancels an edit, Delete clears the block
 * to missing, Ctrl+C copies it as tab-separated text, Ctrl+V pastes tab-separated text or an
 * HTML table from the cursor (rows added past the end). Paste and clear are one undo step each
 * (ep_cohort_set_block). Positions are the view's (filtered, sorted); a block's cells are the
 * cohort rows shown at those positions, and a paste fills consecutive cohort rows from the
 * cursor's.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "app/ep-cohort-page-private.h"
#include "app/ep-column-titles.h"
#include "io/ep-paste.h"

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

static void move_cursor (EpCohortPage *self, int d_row, int d_column, gboolean extend);
static void update_cell_style (EpCohortPage *self, GtkWidget *label);

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
  /* as in a spreadsheet, Enter stores and goes down (Tab: right, see edit_entry_key_cb) */
  move_cursor (self, self->edit_forward_column ? 0 : 1, self->edit_forward_column ? 1 : 0, FALSE);
  self->edit_forward_column = FALSE;
}

static gboolean
edit_entry_key_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   EpCohortPage          *self)
{
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    {
      self->edit_forward_column = TRUE;
      edit_entry_activate_cb (self, self->edit_entry);
      return TRUE;
    }
  return FALSE;
}

static void
ep_cohort_page_open_editor_with (EpCohortPage *self,
                                 GtkWidget    *cell,
                                 guint         row,
                                 guint         column,
                                 const char   *typed)
{
  g_autofree char *text = typed != NULL ? g_strdup (typed) : ep_cohort_get_text (self->cohort, row, column);
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
  /* typed text goes on from where it was typed; an existing text is selected, to replace */
  if (typed != NULL)
    gtk_editable_set_position (GTK_EDITABLE (self->edit_entry), -1);
  else
    gtk_editable_select_region (GTK_EDITABLE (self->edit_entry), 0, -1);
}

static void
ep_cohort_page_open_editor (EpCohortPage *self,
                            GtkWidget    *cell,
                            guint         row,
                            guint         column)
{
  ep_cohort_page_open_editor_with (self, cell, row, column, NULL);
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
  {
    GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

    ep_cohort_page_set_cursor (cd->page, gtk_list_item_get_position (item), position,
                               (state & GDK_SHIFT_MASK) != 0);
    if (n_press == 1)
      gtk_widget_grab_focus (GTK_WIDGET (cd->page->column_view));
  }
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
  update_cell_style (cd->page, GTK_WIDGET (label));
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
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Labels…"), NULL);

    /* display name, value labels, level order and reference (issue 13) */
    g_menu_item_set_action_and_target_value (item, "cohort.edit-labels", g_variant_new_string (name));
    g_menu_append_item (edit, item);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  for (guint t = 0; t < type_class->n_values; t++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (ep_column_type_title (type_class->values[t].value), NULL);

      g_menu_item_set_action_and_target_value (item, "cohort.set-type",
                                               g_variant_new ("(ss)", name, type_class->values[t].value_nick));
      g_menu_append_item (types, item);
    }
  g_menu_append_submenu (menu, _("_Type"), G_MENU_MODEL (types));

  for (guint r = 0; r < role_class->n_values; r++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (ep_column_role_title (role_class->values[r].value), NULL);

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

static void
column_changed_cb (EpCohortPage   *self,
                   GParamSpec     *pspec,
                   EpCohortColumn *column)
{
  /* A rename changes the header and its menu's targets; a retype the cells' alignment and
   * text. Rebuilding the columns (not the rows) is cheap. */
  if (g_strcmp0 (pspec->name, "n-missing") == 0)
    _ep_cohort_page_update_count (self);
  else if (g_strcmp0 (pspec->name, "role") != 0)
    _ep_cohort_page_rebuild_columns (self);
}

void
_ep_cohort_page_rebuild_columns (EpCohortPage *self)
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

  _ep_cohort_page_update_count (self);
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

void
_ep_cohort_page_search_changed_cb (EpCohortPage   *self,
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
  _ep_cohort_page_update_count (self);
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

      _ep_cohort_page_show_message (self, message);
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

  self->cursor_row = self->anchor_row = position;
  self->cursor_column = self->anchor_column = column;
  ep_cohort_page_open_editor (self, cell, ep_cohort_row_get_index (row), column);
  return TRUE;
}

/* The spreadsheet: cursor, block, keys, copy and paste */

static void
block_bounds (EpCohortPage *self,
              guint        *row0,
              guint        *row1,
              guint        *col0,
              guint        *col1)
{
  *row0 = MIN (self->anchor_row, self->cursor_row);
  *row1 = MAX (self->anchor_row, self->cursor_row);
  *col0 = MIN (self->anchor_column, self->cursor_column);
  *col1 = MAX (self->anchor_column, self->cursor_column);
}

static void
update_cell_style (EpCohortPage *self,
                   GtkWidget    *label)
{
  ColumnData *cd = g_object_get_data (G_OBJECT (label), "column-data");
  GtkListItem *item = g_object_get_data (G_OBJECT (label), "list-item");
  guint row0, row1, col0, col1, position, column;

  if (cd == NULL || item == NULL || self->cohort == NULL)
    return;
  position = gtk_list_item_get_position (item);
  column = column_position (self, cd->column);
  block_bounds (self, &row0, &row1, &col0, &col1);
  if (gtk_list_item_get_item (item) != NULL && position == self->cursor_row && column == self->cursor_column)
    gtk_widget_add_css_class (label, "cell-cursor");
  else
    gtk_widget_remove_css_class (label, "cell-cursor");
  if (gtk_list_item_get_item (item) != NULL && position >= row0 && position <= row1 &&
      column >= col0 && column <= col1 && (row0 != row1 || col0 != col1))
    gtk_widget_add_css_class (label, "cell-selected");
  else
    gtk_widget_remove_css_class (label, "cell-selected");
}

static void
update_styles (EpCohortPage *self,
               GtkWidget    *widget)
{
  if (g_object_get_data (G_OBJECT (widget), "column-data") != NULL)
    {
      update_cell_style (self, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    update_styles (self, child);
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_VIEW (child))
        return child;
      found = find_list_view (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
ep_cohort_page_set_cursor (EpCohortPage *self,
                           guint         position,
                           guint         column,
                           gboolean      extend)
{
  guint n_items, n_columns, row0, row1, col0, col1;
  GtkWidget *list;

  g_return_if_fail (EP_IS_COHORT_PAGE (self));

  if (self->cohort == NULL)
    return;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  n_columns = ep_cohort_get_n_columns (self->cohort);
  if (n_items == 0 || n_columns == 0)
    return;

  self->cursor_row = MIN (position, n_items - 1);
  self->cursor_column = MIN (column, n_columns - 1);
  if (!extend)
    {
      self->anchor_row = self->cursor_row;
      self->anchor_column = self->cursor_column;
    }
  self->focus_column = self->cursor_column;

  /* the rows of the block are the view's selection too, for the row actions */
  block_bounds (self, &row0, &row1, &col0, &col1);
  gtk_selection_model_select_range (GTK_SELECTION_MODEL (self->selection), row0, row1 - row0 + 1, TRUE);
  list = find_list_view (GTK_WIDGET (self->column_view));
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", self->cursor_row);
  update_styles (self, GTK_WIDGET (self->column_view));
}

void
ep_cohort_page_get_cursor (EpCohortPage *self,
                           guint        *position,
                           guint        *column)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));

  if (position != NULL)
    *position = self->cursor_row;
  if (column != NULL)
    *column = self->cursor_column;
}

static void
move_cursor (EpCohortPage *self,
             int           d_row,
             int           d_column,
             gboolean      extend)
{
  gint64 row = (gint64) self->cursor_row + d_row;
  gint64 column = (gint64) self->cursor_column + d_column;
  guint n_columns;

  if (self->cohort == NULL)
    return;
  n_columns = ep_cohort_get_n_columns (self->cohort);
  ep_cohort_page_set_cursor (self, (guint) CLAMP (row, 0, G_MAXUINT), (guint) CLAMP (column, 0, MAX (n_columns, 1) - 1),
                             extend);
}

/* Tab past the last column goes on at the first of the next row; Shift+Tab back. */
static void
move_tab (EpCohortPage *self,
          gboolean      back)
{
  guint n_columns = self->cohort != NULL ? ep_cohort_get_n_columns (self->cohort) : 0;

  if (n_columns == 0)
    return;
  if (!back && self->cursor_column + 1 >= n_columns)
    ep_cohort_page_set_cursor (self, self->cursor_row + 1, 0, FALSE);
  else if (back && self->cursor_column == 0)
    ep_cohort_page_set_cursor (self, self->cursor_row > 0 ? self->cursor_row - 1 : 0,
                               self->cursor_row > 0 ? n_columns - 1 : 0, FALSE);
  else
    move_cursor (self, 0, back ? -1 : 1, FALSE);
}

static guint
cohort_row_at (EpCohortPage *self,
               guint         position)
{
  g_autoptr(EpCohortRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  return row != NULL ? ep_cohort_row_get_index (row) : ep_cohort_get_n_rows (self->cohort);
}

static gboolean
edit_cursor (EpCohortPage *self,
             const char   *typed)
{
  GtkWidget *cell = find_cell (GTK_WIDGET (self->column_view), self->cursor_row,
                               self->cursor_column, self);

  if (cell == NULL || self->cohort == NULL)
    return FALSE;
  ep_cohort_page_open_editor_with (self, cell, cohort_row_at (self, self->cursor_row),
                                   self->cursor_column, typed);
  return TRUE;
}

static void
clear_block (EpCohortPage *self)
{
  guint row0, row1, col0, col1;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gboolean contiguous = TRUE;
  guint first;

  block_bounds (self, &row0, &row1, &col0, &col1);
  first = cohort_row_at (self, row0);
  for (guint p = row0; p <= row1; p++)
    contiguous = contiguous && cohort_row_at (self, p) == first + (p - row0);
  if (!contiguous)
    {
      /* a sorted or filtered view: one cohort row at a time would be several steps */
      _ep_cohort_page_show_message (self, _("Clear a block of cells in the unsorted, unfiltered view"));
      return;
    }
  for (gsize k = 0; k < (gsize) (row1 - row0 + 1) * (col1 - col0 + 1); k++)
    g_ptr_array_add (texts, (gpointer) "");
  if (!ep_cohort_set_block (self->cohort, first, col0, row1 - row0 + 1, col1 - col0 + 1,
                            (const char * const *) texts->pdata, N_("Clear cells"), &error))
    _ep_cohort_page_show_message (self, error->message);
}

void
ep_cohort_page_copy (EpCohortPage *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint row0, row1, col0, col1;

  g_return_if_fail (EP_IS_COHORT_PAGE (self));

  if (self->cohort == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  block_bounds (self, &row0, &row1, &col0, &col1);
  for (guint p = row0; p <= row1; p++)
    {
      guint row = cohort_row_at (self, p);

      for (guint c = col0; c <= col1; c++)
        {
          g_autofree char *text = ep_cohort_get_text (self->cohort, row, c);

          if (c > col0)
            g_string_append_c (out, '\t');
          if (strpbrk (text, "\t\n\r\"") != NULL)
            {
              g_autofree char *quoted = NULL;
              g_auto(GStrv) parts = g_strsplit (text, "\"", -1);

              quoted = g_strjoinv ("\"\"", parts);
              g_string_append_printf (out, "\"%s\"", quoted);
            }
          else
            g_string_append (out, text);
        }
      g_string_append_c (out, '\n');
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), out->str);
}

/* Without a cohort a pasted block becomes a new cohort, through the import preview: its first
 * row names the columns, its types are guessed as a file's. */
static void
paste_as_new_cohort (EpCohortPage *self,
                     EpPasteBlock *block)
{
  g_autofree char *tsv = ep_paste_block_to_tsv (block);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "endpoint", NULL);
  g_autofree char *path = g_build_filename (dir, "pasted.tsv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (path, tsv, -1, &error))
    {
      _ep_cohort_page_show_message (self, error != NULL ? error->message : _("The pasted cells cannot be stored"));
      return;
    }
  ep_cohort_page_import (self, file);
}

void
ep_cohort_page_paste_text (EpCohortPage *self,
                           const char   *text,
                           gboolean      is_html)
{
  g_autoptr(EpPasteBlock) block = NULL;
  g_autoptr(GError) error = NULL;
  guint row;

  g_return_if_fail (EP_IS_COHORT_PAGE (self));

  if (text == NULL)
    return;
  block = is_html ? ep_paste_parse_html (text, strlen (text)) : ep_paste_parse_text (text);
  if (block == NULL)
    {
      _ep_cohort_page_show_message (self, _("The clipboard holds no cells to paste"));
      return;
    }
  if (self->cohort == NULL)
    {
      paste_as_new_cohort (self, block);
      return;
    }

  row = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0
          ? cohort_row_at (self, self->cursor_row) : ep_cohort_get_n_rows (self->cohort);
  if (!ep_cohort_set_block (self->cohort, row, self->cursor_column, block->n_rows,
                            block->n_columns, (const char * const *) block->cells, N_("Paste"),
                            &error))
    {
      /* TRANSLATORS: "Cannot paste: row 12, column "age": "abc" is not a number" */
      g_autofree char *message = g_strdup_printf (_("Cannot paste: %s"), error->message);

      _ep_cohort_page_show_message (self, message);
      return;
    }
  /* the pasted block is selected */
  ep_cohort_page_set_cursor (self, self->cursor_row, self->cursor_column, FALSE);
  ep_cohort_page_set_cursor (self, self->cursor_row + block->n_rows - 1,
                             self->cursor_column + block->n_columns - 1, TRUE);
}

static void
paste_text_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(EpCohortPage) self = data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text != NULL)
    ep_cohort_page_paste_text (self, text, FALSE);
}

static void
paste_html_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(EpCohortPage) self = data;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, NULL);
  g_autoptr(GOutputStream) memory = NULL;
  g_autofree char *html = NULL;

  if (stream == NULL)
    return;
  memory = g_memory_output_stream_new_resizable ();
  /* a clipboard's HTML is a copied table, not a document: 16 MB is plenty */
  if (g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, NULL) < 0 ||
      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)) > (16u << 20))
    return;
  g_output_stream_write_all (memory, "", 1, NULL, NULL, NULL);
  g_output_stream_close (memory, NULL, NULL);
  html = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
  ep_cohort_page_paste_text (self, html, TRUE);
}

void
ep_cohort_page_paste (EpCohortPage *self)
{
  GdkClipboard *clipboard;
  GdkContentFormats *formats;

  g_return_if_fail (EP_IS_COHORT_PAGE (self));

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  formats = gdk_clipboard_get_formats (clipboard);
  /* Spreadsheets offer both; their text is exact, their HTML is styled: text first. */
  if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING) ||
      gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8") ||
      gdk_content_formats_contain_mime_type (formats, "text/plain"))
    gdk_clipboard_read_text_async (clipboard, NULL, paste_text_ready_cb, g_object_ref (self));
  else if (gdk_content_formats_contain_mime_type (formats, "text/html"))
    {
      const char *mime_types[] = { "text/html", NULL };

      gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL,
                                paste_html_ready_cb, g_object_ref (self));
    }
}

gboolean
ep_cohort_page_press_key (EpCohortPage    *self,
                          guint            keyval,
                          GdkModifierType  state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0;
  gunichar ch;

  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), FALSE);

  if (self->cohort == NULL)
    return FALSE;
  if ((state & GDK_CONTROL_MASK) && (keyval == GDK_KEY_c || keyval == GDK_KEY_C))
    {
      ep_cohort_page_copy (self);
      return TRUE;
    }
  if ((state & GDK_CONTROL_MASK) && (keyval == GDK_KEY_v || keyval == GDK_KEY_V))
    {
      ep_cohort_page_paste (self);
      return TRUE;
    }
  if (control)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      move_cursor (self, -1, 0, shift);
      return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      move_cursor (self, 1, 0, shift);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      move_cursor (self, 0, -1, shift);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      move_cursor (self, 0, 1, shift);
      return TRUE;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up:
      move_cursor (self, -20, 0, shift);
      return TRUE;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down:
      move_cursor (self, 20, 0, shift);
      return TRUE;
    case GDK_KEY_Tab: case GDK_KEY_KP_Tab:
      move_tab (self, FALSE);
      return TRUE;
    case GDK_KEY_ISO_Left_Tab:
      move_tab (self, TRUE);
      return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      move_cursor (self, shift ? -1 : 1, 0, FALSE);
      return TRUE;
    case GDK_KEY_F2:
      return edit_cursor (self, NULL);
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete: case GDK_KEY_BackSpace:
      clear_block (self);
      return TRUE;
    default:
      break;
    }

  /* a printable character starts editing with it */
  ch = gdk_keyval_to_unicode (keyval);
  if (ch != 0 && g_unichar_isprint (ch))
    {
      char typed[8] = { 0 };

      g_unichar_to_utf8 (ch, typed);
      return edit_cursor (self, typed);
    }

  return FALSE;
}

static gboolean
table_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      EpCohortPage          *self)
{
  return ep_cohort_page_press_key (self, keyval, state);
}

/* Dragging over cells selects a block: the cell under the pointer becomes the cursor. */
static void
table_drag_update_cb (GtkGestureDrag *gesture,
                      double          dx,
                      double          dy,
                      EpCohortPage   *self)
{
  double x0, y0;
  GtkWidget *widget;

  if (!gtk_gesture_drag_get_start_point (gesture, &x0, &y0))
    return;
  widget = gtk_widget_pick (GTK_WIDGET (self->column_view), x0 + dx, y0 + dy, GTK_PICK_DEFAULT);
  for (; widget != NULL && widget != GTK_WIDGET (self->column_view); widget = gtk_widget_get_parent (widget))
    {
      ColumnData *cd = g_object_get_data (G_OBJECT (widget), "column-data");
      GtkListItem *item = g_object_get_data (G_OBJECT (widget), "list-item");

      if (cd != NULL && item != NULL && gtk_list_item_get_item (item) != NULL)
        {
          guint column = column_position (self, cd->column);

          if (column != G_MAXUINT &&
              (gtk_list_item_get_position (item) != self->cursor_row || column != self->cursor_column))
            ep_cohort_page_set_cursor (self, gtk_list_item_get_position (item), column, TRUE);
          return;
        }
    }
}

static void
ep_cohort_page_copy_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  ep_cohort_page_copy (EP_COHORT_PAGE (widget));
}

static void
ep_cohort_page_paste_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  ep_cohort_page_paste (EP_COHORT_PAGE (widget));
}

void
_ep_cohort_page_class_table_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "cohort.copy-cells", NULL, ep_cohort_page_copy_action);
  gtk_widget_class_install_action (widget_class, "cohort.paste-cells", NULL, ep_cohort_page_paste_action);
  /* on the welcome page (and anywhere a focused entry does not take them first) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "cohort.paste-cells", NULL);
}

void
_ep_cohort_page_table_init (EpCohortPage *self)
{
  g_assert (EP_IS_COHORT_PAGE (self));

  self->filter = gtk_custom_filter_new (filter_match_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), NULL);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (column_view_activate_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    GtkGesture *drag = gtk_gesture_drag_new ();

    /* before the column view's own row navigation */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (table_key_pressed_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
    g_signal_connect_object (drag, "drag-update", G_CALLBACK (table_drag_update_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (drag));
  }

  self->edit_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->edit_entry, FALSE);
  self->edit_popover = GTK_POPOVER (g_object_ref_sink (gtk_popover_new ()));
  gtk_popover_set_child (self->edit_popover, GTK_WIDGET (self->edit_entry));
  gtk_popover_set_position (self->edit_popover, GTK_POS_BOTTOM);
  g_signal_connect_object (self->edit_entry, "activate", G_CALLBACK (edit_entry_activate_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (edit_entry_key_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->edit_entry), keys);
  }
  g_signal_connect_object (self->edit_popover, "closed", G_CALLBACK (edit_popover_closed_cb), self, G_CONNECT_SWAPPED);
}

void
_ep_cohort_page_table_dispose (EpCohortPage *self)
{
  g_assert (EP_IS_COHORT_PAGE (self));

  if (self->edit_popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->edit_popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->edit_popover));
  g_clear_object (&self->edit_popover);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
}
