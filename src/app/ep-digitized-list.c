/* ep-digitized-list.c: the project's digitized figures, on the Trials page
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group "Digitized Figures" listing the published figures kept in the project (issue 17,
 * docs/reconstruction.md): each row names the figure (its citation, else the image file) and its
 * traced curves; Open reopens it in the digitizer with its calibration and curves, as the
 * digitizer's own In the Project menu does. The list is rebuilt when the project's digitized
 * figures change (the project's ::changed, compared by what the rows show) and is hidden while
 * there are none. Names, citations and curve names are the user's: never Pango markup.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-digitized-list.h"
#include "app/ep-digitizer.h"

struct _EpDigitizedList
{
  AdwBin               parent_instance;

  EpProject           *project;
  char                *shown;     /* what the rows show, to rebuild only when it changes */
  GPtrArray           *rows;      /* GtkWidget *, the group's rows */

  /* Template children */
  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (EpDigitizedList, ep_digitized_list, ADW_TYPE_BIN)

/* "2 curves: Drug X, Placebo", with the citation before it when there is one. */
static char *
describe (const EpProjectDigitized *digitized)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = digitized->curves->len;

  if (digitized->citation != NULL && digitized->citation[0] != '\0'
      && g_strcmp0 (digitized->citation, digitized->name) != 0)
    g_string_append_printf (text, "%s · ", digitized->citation);
  if (n == 0)
    {
      g_string_append (text, _("No curves traced yet"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  /* TRANSLATORS: the curves of a digitized figure; %u is their number, the names follow */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u curve: ", "%u curves: ", n), n);
  for (guint k = 0; k < n; k++)
    {
      const EpProjectCurve *curve = g_ptr_array_index (digitized->curves, k);

      if (k > 0)
        g_string_append (text, ", ");
      g_string_append (text, curve->name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_row (EpDigitizedList          *self,
         const EpProjectDigitized *digitized)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open"));
  g_autofree char *title = g_markup_escape_text (digitized->name, -1);
  g_autofree char *subtitle_text = describe (digitized);
  g_autofree char *subtitle = g_markup_escape_text (subtitle_text, -1);
  g_autofree char *tooltip = g_strdup_printf (_("Open “%s” in the digitizer"), digitized->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "digitized-list.open");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (digitized->name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
}

static void
refresh (EpDigitizedList *self)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  guint n = self->project != NULL ? ep_project_get_n_digitized (self->project) : 0;

  for (guint i = 0; i < n; i++)
    {
      const EpProjectDigitized *digitized = ep_project_get_digitized (self->project, i);
      g_autofree char *text = describe (digitized);

      g_string_append_printf (shown, "%s\x1f%s\x1e", digitized->name, text);
    }
  if (g_strcmp0 (shown->str, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_strdup (shown->str);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < n; i++)
    add_row (self, ep_project_get_digitized (self->project, i));
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

void
ep_digitized_list_set_project (EpDigitizedList *self,
                               EpProject       *project)
{
  g_return_if_fail (EP_IS_DIGITIZED_LIST (self));
  g_return_if_fail (project == NULL || EP_IS_PROJECT (project));

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_clear_pointer (&self->shown, g_free);
  refresh (self);
}

GtkWidget *
ep_digitized_list_open (EpDigitizedList  *self,
                        const char       *name,
                        GError          **error)
{
  GtkRoot *root;
  GtkWidget *window;

  g_return_val_if_fail (EP_IS_DIGITIZED_LIST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->project == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no project"));
      return NULL;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = ep_digitizer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  ep_digitizer_set_project (EP_DIGITIZER (window), self->project);
  if (!ep_digitizer_open_stored (EP_DIGITIZER (window), name, error))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return NULL;
    }
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  g_autoptr(GError) error = NULL;

  if (ep_digitized_list_open (EP_DIGITIZED_LIST (widget), g_variant_get_string (param, NULL),
                              &error) == NULL)
    g_warning ("%s", error->message);
}

static void
ep_digitized_list_dispose (GObject *object)
{
  EpDigitizedList *self = EP_DIGITIZED_LIST (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (ep_digitized_list_parent_class)->dispose (object);
}

static void
ep_digitized_list_finalize (GObject *object)
{
  EpDigitizedList *self = EP_DIGITIZED_LIST (object);

  g_free (self->shown);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (ep_digitized_list_parent_class)->finalize (object);
}

static void
ep_digitized_list_class_init (EpDigitizedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_digitized_list_dispose;
  object_class->finalize = ep_digitized_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/ep-digitized-list.ui");
  gtk_widget_class_bind_template_child (widget_class, EpDigitizedList, group);
  gtk_widget_class_install_action (widget_class, "digitized-list.open", "s", open_action);
}

static void
ep_digitized_list_init (EpDigitizedList *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ep_digitized_list_new (void)
{
  return g_object_new (EP_TYPE_DIGITIZED_LIST, NULL);
}
