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
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "app/ep-cohort-page-private.h"
#include "app/ep-column-titles.h"

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

  ep_cohort_page_open_editor (self, cell, ep_cohort_row_get_index (row), column);
  return TRUE;
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

  self->edit_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->edit_entry, FALSE);
  self->edit_popover = GTK_POPOVER (g_object_ref_sink (gtk_popover_new ()));
  gtk_popover_set_child (self->edit_popover, GTK_WIDGET (self->edit_entry));
  gtk_popover_set_position (self->edit_popover, GTK_POS_BOTTOM);
  g_signal_connect_object (self->edit_entry, "activate", G_CALLBACK (edit_entry_activate_cb), self, G_CONNECT_SWAPPED);
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
