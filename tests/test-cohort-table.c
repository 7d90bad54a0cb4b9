/* test-cohort-table.c: the cohort table as a spreadsheet, in a real (virtual) window
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys go through ep_cohort_page_press_key(), which the table's key controller calls for a
 * key press; the cell editor is a GtkEntry, where Enter is its "activate". The clipboard is
 * the display's (Xvfb). The data is R's survival::aml (data/examples/aml.csv: 23 rows of time,
 * status, x).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "app/ep-application.h"
#include "ep-test-ui.h"
#include "app/ep-cohort-page.h"
#include "app/ep-import-dialog.h"
#include "ep-test-ui.h"

static EpApplication *app;
static GtkWindow *window;
static EpCohortPage *page;

static gboolean
imported (gpointer data)
{
  return !ep_cohort_page_get_importing (EP_COHORT_PAGE (data));
}

/* Imports run in a worker: runs the main loop until the page shows the result. */
static void
wait_import (void)
{
  g_assert_true (ep_test_ui_wait_for (imported, page));
}

static gboolean
is_mapped_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_ENTRY (widget) && gtk_widget_get_mapped (widget);
}

static GtkWidget *
editor (void)
{
  return ep_test_ui_find (GTK_WIDGET (ep_cohort_page_get_column_view (page)), is_mapped_entry, NULL);
}

static void
key (guint keyval, GdkModifierType state)
{
  g_assert_true (ep_cohort_page_press_key (page, keyval, state));
  ep_test_ui_iterate ();
}

static void
open_aml (void)
{
  gtk_widget_activate_action (GTK_WIDGET (page), "cohort.open-example", "s", "aml");
  ep_test_ui_iterate ();
  g_assert_cmpuint (ep_cohort_get_n_rows (ep_cohort_page_get_cohort (page)), ==, 23);
  ep_cohort_page_set_cursor (page, 0, 0, FALSE);
  ep_test_ui_iterate ();
}

static char *
text_at (guint row, guint column)
{
  return ep_cohort_get_text (ep_cohort_page_get_cohort (page), row, column);
}

#define assert_text(row, column, expected) \
  G_STMT_START { g_autofree char *_t = text_at (row, column); g_assert_cmpstr (_t, ==, expected); } G_STMT_END

/* Row 5 of aml is time 23, status 1: its status becomes 0 with the keyboard alone. */
static void
test_keyboard_edit (void)
{
  EpCohort *cohort;
  guint row, column;

  open_aml ();
  cohort = ep_cohort_page_get_cohort (page);
  assert_text (4, 1, "1");

  key (GDK_KEY_Down, 0);
  key (GDK_KEY_Down, 0);
  key (GDK_KEY_Return, 0);                        /* Enter moves down too */
  key (GDK_KEY_Down, 0);
  key (GDK_KEY_Tab, 0);                           /* to status */
  ep_cohort_page_get_cursor (page, &row, &column);
  g_assert_cmpuint (row, ==, 4);
  g_assert_cmpuint (column, ==, 1);

  key (GDK_KEY_0, 0);                             /* typing starts the editor with "0" */
  g_assert_nonnull (editor ());
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor ())), ==, "0");
  g_signal_emit_by_name (editor (), "activate");  /* Enter in the editor */
  ep_test_ui_iterate ();
  g_assert_null (editor ());
  assert_text (4, 1, "0");
  g_assert_cmpstr (ep_cohort_get_undo_label (cohort), ==, "Edit cell");
  ep_cohort_page_get_cursor (page, &row, &column);
  g_assert_cmpuint (row, ==, 5);                  /* and went down, as in a spreadsheet */

  /* Shift+Enter back up, F2 edits the existing text */
  key (GDK_KEY_Return, GDK_SHIFT_MASK);
  key (GDK_KEY_F2, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor ())), ==, "0");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (editor (), GTK_TYPE_POPOVER)));
  ep_test_ui_iterate ();

  /* Shift+Tab wraps to the last column of the row before; Delete clears to missing */
  key (GDK_KEY_Left, 0);
  key (GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK);
  ep_cohort_page_get_cursor (page, &row, &column);
  g_assert_cmpuint (row, ==, 3);
  g_assert_cmpuint (column, ==, 2);
  key (GDK_KEY_Delete, 0);
  assert_text (3, 2, "");
  g_assert_true (ep_cohort_undo (cohort));
  assert_text (3, 2, "Maintained");
  g_assert_true (ep_cohort_undo (cohort));
  assert_text (4, 1, "1");
}

/* Shift+arrows select a block; Ctrl+C puts it on the clipboard as tab-separated text. */
static void
copy_done (GObject *source, GAsyncResult *result, gpointer data)
{
  *(char **) data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_copy (void)
{
  g_autofree char *text = NULL;

  open_aml ();
  key (GDK_KEY_Down, GDK_SHIFT_MASK);
  key (GDK_KEY_Down, GDK_SHIFT_MASK);
  key (GDK_KEY_Right, GDK_SHIFT_MASK);
  key (GDK_KEY_c, GDK_CONTROL_MASK);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (page)), NULL, copy_done, &text);
  g_assert_true (ep_test_ui_wait_for (is_set, &text));
  g_assert_cmpstr (text, ==, "9\t1\n13\t1\n13\t0\n");
}

/* A 3 x 30 block pasted at row 21 overwrites three rows and adds 27, in one undo step. */
static gboolean
has_50_rows (gpointer data)
{
  return ep_cohort_get_n_rows (ep_cohort_page_get_cohort (page)) == 50;
}

static void
test_paste_block (void)
{
  g_autoptr(GString) block = g_string_new (NULL);
  EpCohort *cohort;
  guint64 revision;

  open_aml ();
  cohort = ep_cohort_page_get_cohort (page);
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (block, "%u.5\t%u\t%s\r\n", 100 + i, i % 2, i % 3 ? "Maintained" : "New arm");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (page)), block->str);
  ep_cohort_page_set_cursor (page, 20, 0, FALSE);
  revision = ep_cohort_get_revision (cohort);
  key (GDK_KEY_v, GDK_CONTROL_MASK);
  g_assert_true (ep_test_ui_wait_for (has_50_rows, NULL));
  /* one edit: one revision of the cohort, as the analyses that read it see it */
  g_assert_cmpuint (ep_cohort_get_revision (cohort), ==, revision + 1);

  assert_text (19, 0, "30");            /* untouched */
  assert_text (20, 0, "100.5");
  assert_text (20, 2, "New arm");
  assert_text (49, 0, "129.5");
  assert_text (49, 1, "1");
  g_assert_cmpstr (ep_cohort_get_undo_label (cohort), ==, "Paste");

  g_assert_true (ep_cohort_undo (cohort));
  g_assert_cmpuint (ep_cohort_get_n_rows (cohort), ==, 23);
  assert_text (20, 0, "33");
  g_assert_false (ep_cohort_can_undo (cohort));

  /* a block that does not fit refuses whole, naming the cell */
  ep_cohort_page_set_cursor (page, 20, 0, FALSE);
  ep_cohort_page_paste_text (page, "1\tabc\n", FALSE);
  g_assert_cmpstr (ep_cohort_page_get_message (page), ==,
                   "Cannot paste: row 21, column \"status\": \"abc\" is not a number");
  g_assert_false (ep_cohort_can_undo (cohort));

  /* an HTML table, as a web page offers it */
  ep_cohort_page_paste_text (page, "<html><body><table><tr><td>7</td><td> 0 </td></tr>"
                                   "<tr><th>8</th><td>1</td></tr></table></body></html>", TRUE);
  assert_text (20, 0, "7");
  assert_text (21, 1, "1");
}

/* A large block (20,000 rows x 3 columns, as a clinician pastes a registry export) pasted
 * below the last row: one undo step, one revision, and the table's model told once about the
 * new rows rather than once per cell (per-cell notifications made this paste take minutes). */
#define N_LARGE 20000

static void
count_items_changed (GListModel *model, guint position, guint removed, guint added, guint *n)
{
  (*n)++;
}

static void
test_paste_large (void)
{
  g_autoptr(GString) block = g_string_new (NULL);
  EpCohort *cohort;
  guint64 revision;
  guint n_items_changed = 0;
  gint64 start;
  gulong handler;

  open_aml ();
  cohort = ep_cohort_page_get_cohort (page);
  for (guint i = 0; i < N_LARGE; i++)
    g_string_append_printf (block, "%u\t%u\t%s\n", 1 + i % 150, i % 2, i % 3 ? "Maintained" : "New arm");
  revision = ep_cohort_get_revision (cohort);
  handler = g_signal_connect (cohort, "items-changed", G_CALLBACK (count_items_changed), &n_items_changed);
  ep_cohort_page_set_cursor (page, 22, 0, FALSE);
  start = g_get_monotonic_time ();
  ep_cohort_page_paste_text (page, block->str, FALSE);
  ep_test_ui_iterate ();
  g_test_message ("pasted %u rows in %.2f s", N_LARGE, (g_get_monotonic_time () - start) / 1e6);
  g_signal_handler_disconnect (cohort, handler);
  g_assert_cmpuint (ep_cohort_get_n_rows (cohort), ==, 22 + N_LARGE);
  g_assert_cmpuint (ep_cohort_get_revision (cohort), ==, revision + 1);
  /* the new rows, then the one overwritten row: not one signal per cell */
  g_assert_cmpuint (n_items_changed, <=, 2);
  assert_text (22, 0, "1");
  assert_text (22 + N_LARGE - 1, 2, (N_LARGE - 1) % 3 ? "Maintained" : "New arm");
  g_assert_true (ep_cohort_undo (cohort));
  g_assert_cmpuint (ep_cohort_get_n_rows (cohort), ==, 23);
  assert_text (22, 0, "45");
  g_assert_true (ep_cohort_redo (cohort));
  g_assert_cmpuint (ep_cohort_get_n_rows (cohort), ==, 22 + N_LARGE);
}

/* On the welcome page a paste becomes a new cohort through the import preview. */
static EpImportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (EP_IS_IMPORT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return EP_IMPORT_DIALOG (w);
    }
  return NULL;
}

static void
test_paste_new_cohort (void)
{
  EpImportDialog *dialog;
  EpCohort *cohort;

  ep_cohort_page_set_cohort (page, NULL);
  ep_test_ui_iterate ();
  ep_cohort_page_paste_text (page, "id\tmonths\tarm\n1\t3.5\tA\n2\t12\tB\n", FALSE);
  ep_test_ui_iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (ep_import_dialog_get_options (dialog)->types[1], ==, EP_COLUMN_NUMBER);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  wait_import ();
  cohort = ep_cohort_page_get_cohort (page);
  g_assert_nonnull (cohort);
  g_assert_cmpuint (ep_cohort_get_n_rows (cohort), ==, 2);
  assert_text (1, 1, "12");
}

/* A German Excel export: Windows-1252, ';', decimal commas. The preview detects all three;
 * time and dose arrive as number columns, the names with their umlauts. */
static void
test_import_latin1 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ep-cohort-table-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kohorte.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char latin1[] = "Zeit;Status;Dosis;\xc4rztin\n3,5;1;1,25;M\xfcller\n12;0;0,5;G\xf6rres\n7,25;1;2;J\xe4ger\n";
  const EpImportOptions *options;
  EpImportDialog *dialog;
  EpCohort *cohort;

  g_assert_true (g_file_set_contents (path, latin1, sizeof latin1 - 1, NULL));
  dialog = ep_cohort_page_import (page, file);
  g_assert_nonnull (dialog);
  ep_test_ui_iterate ();
  options = ep_import_dialog_get_options (dialog);
  g_assert_cmpstr (options->encoding, ==, "WINDOWS-1252");
  g_assert_cmpint (options->sep, ==, ';');
  g_assert_cmpint (options->decimal_mark, ==, ',');
  g_assert_cmpint (options->types[0], ==, EP_COLUMN_NUMBER);
  g_assert_cmpint (options->types[2], ==, EP_COLUMN_NUMBER);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  wait_import ();

  cohort = ep_cohort_page_get_cohort (page);
  g_assert_cmpuint (ep_cohort_get_n_rows (cohort), ==, 3);
  g_assert_cmpint (ep_cohort_column_get_column_type (ep_cohort_get_column (cohort, 0)), ==, EP_COLUMN_NUMBER);
  g_assert_cmpint (ep_cohort_column_get_column_type (ep_cohort_get_column (cohort, 2)), ==, EP_COLUMN_NUMBER);
  assert_text (2, 0, "7.25");
  assert_text (0, 3, "M\xc3\xbcller");
  g_assert_cmpstr (ep_cohort_column_get_name (ep_cohort_get_column (cohort, 3)), ==, "\xc3\x84rztin");

  g_unlink (path);
  g_rmdir (dir);
}

/* An .xlsx through the preview: the sheet is chosen, the types come from its cells. */
static void
test_import_xlsx (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sheets", "cohort.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EpImportDialog *dialog;
  EpCohort *cohort;

  dialog = ep_cohort_page_import (page, file);
  g_assert_nonnull (dialog);
  ep_test_ui_iterate ();
  g_assert_cmpstr (ep_import_dialog_get_options (dialog)->sheet, ==, "patients");
  g_assert_cmpint (ep_import_dialog_get_options (dialog)->types[4], ==, EP_COLUMN_DATE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  wait_import ();
  cohort = ep_cohort_page_get_cohort (page);
  g_assert_cmpuint (ep_cohort_get_n_rows (cohort), ==, 7);
  assert_text (0, 4, "2021-03-04");
}

/* Issue 13: roles guessed on import are offered with a tick box each; only the ticked ones are
 * given, nothing is assigned unconfirmed. */
static void
test_import_role_guesses (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ep-cohort-table-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "roles.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char csv[] = "id,OS_months,os_status,arm,age\n1,3.5,1,A,60\n2,12,0,B,71\n3,7.25,1,A,55\n";
  EpImportDialog *dialog;
  EpCohort *cohort;

  g_assert_true (g_file_set_contents (path, csv, sizeof csv - 1, NULL));
  dialog = ep_cohort_page_import (page, file);
  g_assert_nonnull (dialog);
  ep_test_ui_iterate ();
  /* guesses: time, event, group; none for id and age; nothing ticked yet */
  g_assert_null (ep_import_dialog_get_role_check (dialog, 0));
  g_assert_nonnull (ep_import_dialog_get_role_check (dialog, 1));
  g_assert_nonnull (ep_import_dialog_get_role_check (dialog, 2));
  g_assert_nonnull (ep_import_dialog_get_role_check (dialog, 3));
  g_assert_null (ep_import_dialog_get_role_check (dialog, 4));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (ep_import_dialog_get_role_check (dialog, 1))));
  {
    g_autoptr(GHashTable) none = ep_import_dialog_get_confirmed_roles (dialog);

    g_assert_cmpuint (g_hash_table_size (none), ==, 0);
  }
  ep_test_ui_save_screenshot (GTK_WIDGET (dialog), "import-role-guesses", TRUE);
  /* the user confirms the time and the event, not the group */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ep_import_dialog_get_role_check (dialog, 1)), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ep_import_dialog_get_role_check (dialog, 2)), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  wait_import ();

  cohort = ep_cohort_page_get_cohort (page);
  g_assert_nonnull (cohort);
  g_assert_cmpint (ep_cohort_column_get_role (ep_cohort_get_column (cohort, 1)), ==, EP_COLUMN_ROLE_TIME);
  g_assert_cmpint (ep_cohort_column_get_role (ep_cohort_get_column (cohort, 2)), ==, EP_COLUMN_ROLE_EVENT);
  g_assert_cmpint (ep_cohort_column_get_role (ep_cohort_get_column (cohort, 3)), !=, EP_COLUMN_ROLE_GROUP);
  g_assert_cmpint (ep_cohort_column_get_role (ep_cohort_get_column (cohort, 4)), ==, EP_COLUMN_ROLE_NONE);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *examples = NULL;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run under Xvfb (build-aux/dev test does)");
      return g_test_run ();
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  adw_init ();
  app = ep_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_hold (G_APPLICATION (app));
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    g_error ("cannot register the application");

  examples = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 800);
  page = EP_COHORT_PAGE (ep_cohort_page_new ());
  ep_cohort_page_set_examples_dir (page, examples);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  ep_test_ui_iterate ();

  g_test_add_func ("/cohort-table/keyboard-edit", test_keyboard_edit);
  g_test_add_func ("/cohort-table/copy", test_copy);
  g_test_add_func ("/cohort-table/paste-block", test_paste_block);
  g_test_add_func ("/cohort-table/paste-large", test_paste_large);
  g_test_add_func ("/cohort-table/paste-new-cohort", test_paste_new_cohort);
  g_test_add_func ("/cohort-table/import-latin1", test_import_latin1);
  g_test_add_func ("/cohort-table/import-xlsx", test_import_xlsx);
  g_test_add_func ("/cohort-table/import-role-guesses", test_import_role_guesses);

  return g_test_run ();
}
