/* ep-digitizer.c: a window that turns a published Kaplan-Meier figure into points
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The image is drawn scaled to the canvas; a click goes to the current step: one of the four
 * ticks, tracing a curve, or editing the selected curve. The tracing itself is
 * ep_digitize_trace() (src/io), the code endpoint-cli digitize runs.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "app/ep-digitizer.h"
#include "app/ep-reconstruct-panel.h"
#include "io/ep-digitize.h"
#include "io/ep-image.h"
#include "io/ep-project-store.h"

typedef enum
{
  MODE_X1,
  MODE_X2,
  MODE_Y1,
  MODE_Y2,
  MODE_TRACE,
  MODE_EDIT,
} Mode;

typedef struct
{
  char   *name;
  guint8  color[3];
  GArray *time;
  GArray *surv;
  /* what the project links to the curve (EpProjectCurve): kept across edits */
  char   *cohort;
  char   *trial_id;
  char   *trial_arm;
} Curve;

struct _EpDigitizer
{
  AdwWindow          parent_instance;

  EpImage           *image;
  cairo_surface_t   *surface;
  char              *path;
  double             tick_px[4];
  gboolean           tick_set[4];
  Mode               mode;
  GPtrArray         *curves;
  int                selected;
  /* the project the figure is kept in (docs/reconstruction.md), or NULL */
  EpProject         *project;
  GBytes            *bytes;          /* the file as opened */
  char              *stored_name;    /* its name among the project's digitized figures */
  char              *citation;
  int                page;

  /* Template children */
  GtkDrawingArea    *canvas;
  GtkLabel          *hint_label;
  GtkToggleButton   *mode_buttons[6];
  GtkSpinButton     *value_spins[4];
  GtkListBox        *curve_list;
  GtkButton         *save_button;
  GtkLabel          *error_label;
  /* reconstructing the selected curve and using it (docs/reconstruction.md, "In the app") */
  EpReconstructPanel *panel;
  GtkMenuButton     *stored_button;
};

G_DEFINE_FINAL_TYPE (EpDigitizer, ep_digitizer, ADW_TYPE_WINDOW)

static void
curve_free (gpointer data)
{
  Curve *c = data;

  g_free (c->name);
  g_array_unref (c->time);
  g_array_unref (c->surv);
  g_free (c->cohort);
  g_free (c->trial_id);
  g_free (c->trial_arm);
  g_free (c);
}

/* The window's state as the project keeps it. */
static EpProjectDigitized *
to_stored (EpDigitizer *self)
{
  g_autofree char *file_name = g_path_get_basename (self->path);
  EpProjectDigitized *digitized = ep_project_digitized_new (self->stored_name, file_name,
                                                            (guint) self->page, self->bytes);

  digitized->citation = g_strdup (self->citation);
  digitized->calibrated = self->tick_set[0] && self->tick_set[1] && self->tick_set[2]
                          && self->tick_set[3];
  for (guint i = 0; digitized->calibrated && i < 4; i++)
    {
      digitized->tick_px[i] = self->tick_px[i];
      digitized->tick_value[i] = gtk_spin_button_get_value (self->value_spins[i]);
    }
  for (guint c = 0; c < self->curves->len; c++)
    {
      const Curve *curve = g_ptr_array_index (self->curves, c);
      EpProjectCurve *stored = ep_project_curve_new (curve->name, curve->color, curve->time->len,
                                                     (const double *) curve->time->data,
                                                     (const double *) curve->surv->data);

      stored->cohort = g_strdup (curve->cohort);
      stored->trial_id = g_strdup (curve->trial_id);
      stored->trial_arm = g_strdup (curve->trial_arm);
      g_ptr_array_add (digitized->curves, stored);
    }
  return digitized;
}

/* Keeps the figure, its calibration and its curves in the project after every change, so
 * that saving the project saves them and reopening brings them back. */
static void
keep (EpDigitizer *self)
{
  g_autoptr(EpProjectDigitized) digitized = NULL;

  if (self->project == NULL || self->bytes == NULL || self->stored_name == NULL)
    return;
  digitized = to_stored (self);
  ep_project_set_digitized (self->project, digitized);
}

static void
show_error (EpDigitizer  *self,
            const GError *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
update_hint (EpDigitizer *self)
{
  static const char *hints[] = {
    N_("Click a tick of the time axis and type its time"),
    N_("Click a second tick of the time axis, far from the first, and type its time"),
    N_("Click a tick of the survival axis and type its value (proportion or percent)"),
    N_("Click a second tick of the survival axis and type its value"),
    N_("Click a curve to trace it by its colour"),
    N_("Click to add a point to the selected curve; right-click to delete the nearest point"),
  };

  if (self->image == NULL)
    gtk_label_set_text (self->hint_label, _("Open a figure: PNG, JPEG, SVG or PDF"));
  else
    gtk_label_set_text (self->hint_label, _(hints[self->mode]));
}

static gboolean
calibration (EpDigitizer       *self,
             EpDigitizeOptions *options)
{
  ep_digitize_options_init (options);
  for (guint i = 0; i < 4; i++)
    if (!self->tick_set[i])
      return FALSE;
  options->x = (EpAxisCalibration) { self->tick_px[0], gtk_spin_button_get_value (self->value_spins[0]),
                                     self->tick_px[1], gtk_spin_button_get_value (self->value_spins[1]) };
  options->y = (EpAxisCalibration) { self->tick_px[2], gtk_spin_button_get_value (self->value_spins[2]),
                                     self->tick_px[3], gtk_spin_button_get_value (self->value_spins[3]) };
  return TRUE;
}

/* The canvas's transform: widget = offset + image units x scale. */
static void
view_transform (EpDigitizer *self,
                double      *scale,
                double      *off_x,
                double      *off_y)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (self->canvas));
  double iw = self->image->width / self->image->scale, ih = self->image->height / self->image->scale;

  *scale = MIN (w / iw, h / ih);
  *off_x = (w - iw * *scale) / 2.0;
  *off_y = (h - ih * *scale) / 2.0;
}

static void
draw_canvas (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  EpDigitizer *self = EP_DIGITIZER (user_data);
  EpDigitizeOptions o;
  double scale, off_x, off_y;
  gboolean calibrated;

  if (self->image == NULL)
    return;

  view_transform (self, &scale, &off_x, &off_y);
  cairo_save (cr);
  cairo_translate (cr, off_x, off_y);
  cairo_scale (cr, scale / self->image->scale, scale / self->image->scale);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);

  /* The ticks: red lines across the image at the clicked positions. */
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, 0.85, 0.1, 0.1, 0.8);
  for (guint i = 0; i < 4; i++)
    {
      if (!self->tick_set[i])
        continue;
      if (i < 2)
        {
          double x = off_x + self->tick_px[i] * scale;
          cairo_move_to (cr, x, off_y);
          cairo_line_to (cr, x, height - off_y);
        }
      else
        {
          double y = off_y + self->tick_px[i] * scale;
          cairo_move_to (cr, off_x, y);
          cairo_line_to (cr, width - off_x, y);
        }
      cairo_stroke (cr);
    }

  /* The curves' points, in magenta (the selected one larger). */
  calibrated = calibration (self, &o);
  if (!calibrated)
    return;
  for (guint c = 0; c < self->curves->len; c++)
    {
      const Curve *curve = g_ptr_array_index (self->curves, c);
      double bx = (o.x.px2 - o.x.px1) / (o.x.v2 - o.x.v1);
      double by = (o.y.px2 - o.y.px1) / (o.y.v2 - o.y.v1);
      double percent = MAX (o.y.v1, o.y.v2) > 1.5 ? 100.0 : 1.0;
      double r = (int) c == self->selected ? 2.5 : 1.5;

      cairo_set_source_rgba (cr, 0.9, 0.0, 0.7, 0.9);
      for (guint i = 0; i < curve->time->len; i++)
        {
          double t = g_array_index (curve->time, double, i);
          double s = g_array_index (curve->surv, double, i) * percent;
          double x = off_x + (o.x.px1 + (t - o.x.v1) * bx) * scale;
          double y = off_y + (o.y.px1 + (s - o.y.v1) * by) * scale;

          cairo_arc (cr, x, y, r, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

static void
set_mode (EpDigitizer *self,
          Mode         mode)
{
  self->mode = mode;
  gtk_toggle_button_set_active (self->mode_buttons[mode], TRUE);
  update_hint (self);
}

static void
mode_toggled_cb (GtkToggleButton *button,
                 EpDigitizer     *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->mode_buttons); i++)
    if (self->mode_buttons[i] == button)
      {
        self->mode = i;
        update_hint (self);
      }
}

static void update_use (EpDigitizer *self);

static void
refresh_curves (EpDigitizer *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->curve_list))) != NULL)
    gtk_list_box_remove (self->curve_list, child);
  for (guint c = 0; c < self->curves->len; c++)
    {
      const Curve *curve = g_ptr_array_index (self->curves, c);
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point, #%02x%02x%02x",
                                                                "%u points, #%02x%02x%02x",
                                                                curve->time->len),
                                                   curve->time->len, curve->color[0],
                                                   curve->color[1], curve->color[2]);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), curve->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->curve_list, row);
      if ((int) c == self->selected)
        gtk_list_box_select_row (self->curve_list, GTK_LIST_BOX_ROW (row));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->curves->len > 0);
  update_use (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
curve_selected_cb (GtkListBox    *box,
                   GtkListBoxRow *row,
                   EpDigitizer   *self)
{
  /* also called while the template is disposed */
  if (self->canvas == NULL)
    return;
  if (row != NULL)
    self->selected = gtk_list_box_row_get_index (row);
  update_use (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
delete_curve_cb (EpDigitizer *self)
{
  if (self->selected < 0 || (guint) self->selected >= self->curves->len)
    return;
  g_ptr_array_remove_index (self->curves, self->selected);
  self->selected = (int) self->curves->len - 1;
  refresh_curves (self);
  keep (self);
}

static void
rename_curve_cb (EpDigitizer *self,
                 GtkEditable *entry)
{
  const char *text = gtk_editable_get_text (entry);
  Curve *curve;

  if (self->selected < 0 || (guint) self->selected >= self->curves->len || text[0] == '\0')
    return;
  curve = g_ptr_array_index (self->curves, self->selected);
  g_free (curve->name);
  curve->name = g_strdup (text);
  refresh_curves (self);
  keep (self);
}

/* Adds (t, s) to the selected curve, keeping it sorted by time. */
static void
add_point (Curve  *curve,
           double  t,
           double  s)
{
  guint i = 0;

  while (i < curve->time->len && g_array_index (curve->time, double, i) <= t)
    i++;
  g_array_insert_val (curve->time, i, t);
  g_array_insert_val (curve->surv, i, s);
}

static void
canvas_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           wx,
                   double           wy,
                   EpDigitizer     *self)
{
  g_autoptr(GError) error = NULL;
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  EpDigitizeOptions o;
  double scale, off_x, off_y, x, y;

  if (self->image == NULL)
    return;
  view_transform (self, &scale, &off_x, &off_y);
  x = (wx - off_x) / scale;
  y = (wy - off_y) / scale;

  switch (self->mode)
    {
    case MODE_X1:
    case MODE_X2:
      ep_digitizer_set_tick (self, (EpDigitizerTick) self->mode, x,
                             gtk_spin_button_get_value (self->value_spins[self->mode]));
      break;
    case MODE_Y1:
    case MODE_Y2:
      ep_digitizer_set_tick (self, (EpDigitizerTick) self->mode, y,
                             gtk_spin_button_get_value (self->value_spins[self->mode]));
      break;
    case MODE_TRACE:
      if (!ep_digitizer_trace_at (self, x, y, &error))
        show_error (self, error);
      break;
    case MODE_EDIT:
      if (!calibration (self, &o) || self->selected < 0)
        break;
      {
        Curve *curve = g_ptr_array_index (self->curves, self->selected);
        double bx = (o.x.v2 - o.x.v1) / (o.x.px2 - o.x.px1);
        double by = (o.y.v2 - o.y.v1) / (o.y.px2 - o.y.px1);
        double percent = MAX (o.y.v1, o.y.v2) > 1.5 ? 100.0 : 1.0;
        double t = o.x.v1 + (x - o.x.px1) * bx;
        double s = (o.y.v1 + (y - o.y.px1) * by) / percent;

        if (button == GDK_BUTTON_SECONDARY)
          {
            /* the nearest point within 8 pixels of the screen */
            double best = 8.0 / scale;
            int found = -1;

            for (guint i = 0; i < curve->time->len; i++)
              {
                double px = o.x.px1 + (g_array_index (curve->time, double, i) - o.x.v1) / bx;
                double py = o.y.px1 + (g_array_index (curve->surv, double, i) * percent - o.y.v1) / by;
                double d = hypot (px - x, py - y);

                if (d < best)
                  {
                    best = d;
                    found = i;
                  }
              }
            if (found >= 0)
              {
                g_array_remove_index (curve->time, found);
                g_array_remove_index (curve->surv, found);
              }
          }
        else
          add_point (curve, t, s);
        refresh_curves (self);
        keep (self);
      }
      break;
    default:
      break;
    }
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  EpDigitizer     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !ep_digitizer_open (self, path, &error))
        show_error (self, error);
    }
  g_object_unref (chooser);
}

static void
open_cb (EpDigitizer *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open a Figure"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Figures (PNG, JPEG, SVG, PDF)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  EpDigitizer     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !ep_digitizer_save (self, path, &error))
        show_error (self, error);
    }
  g_object_unref (chooser);
}

static void
save_cb (EpDigitizer *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save the Points"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "points.csv");
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The side panel below the curves (EpReconstructPanel) reconstructs the selected curve and
 * uses it; the window tells it which curve that is, keeps the figure in the project when it
 * asks, and takes the links the project gave the curve. */

static Curve *
selected_curve (EpDigitizer *self)
{
  if (self->selected < 0 || (guint) self->selected >= self->curves->len)
    return NULL;
  return g_ptr_array_index (self->curves, self->selected);
}

/* The figures digitized earlier, to open again (In the Project). */
static void
refresh_stored_menu (EpDigitizer *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n;

  /* also called while the template is disposed */
  if (self->project == NULL || self->stored_button == NULL)
    return;
  n = ep_project_get_n_digitized (self->project);
  for (guint k = 0; k < n; k++)
    {
      const EpProjectDigitized *stored = ep_project_get_digitized (self->project, k);
      g_autoptr(GMenuItem) item = g_menu_item_new (stored->name, NULL);

      g_menu_item_set_action_and_target_value (item, "digitizer.open-stored",
                                               g_variant_new_string (stored->name));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->stored_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->stored_button), n > 0);
}

/* The panel works on the selected curve. */
static void
update_use (EpDigitizer *self)
{
  const Curve *curve = selected_curve (self);

  if (self->panel == NULL)
    return;
  ep_reconstruct_panel_set_curve (self->panel, self->stored_name,
                                  curve != NULL ? self->selected : -1,
                                  curve != NULL ? curve->name : NULL,
                                  curve != NULL ? curve->cohort : NULL);
  refresh_stored_menu (self);
}

static void
refresh_choices (EpDigitizer *self)
{
  if (self->panel == NULL)
    return;
  ep_reconstruct_panel_refresh (self->panel);
  refresh_stored_menu (self);
}

static void
panel_citation_cb (EpDigitizer *self)
{
  const char *citation = ep_reconstruct_panel_get_citation (self->panel);

  /* set by the window itself (a figure opened) */
  if (g_strcmp0 (citation, self->citation) == 0)
    return;
  g_free (self->citation);
  self->citation = g_strdup (citation);
  keep (self);
}

/* The project linked the selected curve to its cohort or a catalog arm: the window's copy
 * takes the links, which keep() writes back. */
static void
panel_curve_linked_cb (EpDigitizer *self)
{
  const EpProjectDigitized *stored;
  const EpProjectCurve *linked;
  Curve *curve = selected_curve (self);

  if (curve == NULL || self->project == NULL || self->stored_name == NULL)
    return;
  stored = ep_project_find_digitized (self->project, self->stored_name);
  if (stored == NULL || (guint) self->selected >= stored->curves->len)
    return;
  linked = g_ptr_array_index (stored->curves, self->selected);
  g_free (curve->cohort);
  g_free (curve->trial_id);
  g_free (curve->trial_arm);
  curve->cohort = g_strdup (linked->cohort);
  curve->trial_id = g_strdup (linked->trial_id);
  curve->trial_arm = g_strdup (linked->trial_arm);
}

EpReconstructPanel *
ep_digitizer_get_panel (EpDigitizer *self)
{
  g_return_val_if_fail (EP_IS_DIGITIZER (self), NULL);

  return self->panel;
}

EpCohort *
ep_digitizer_reconstruct (EpDigitizer  *self,
                          GError      **error)
{
  g_return_val_if_fail (EP_IS_DIGITIZER (self), NULL);

  return ep_reconstruct_panel_reconstruct (self->panel, error);
}

gboolean
ep_digitizer_overlay (EpDigitizer  *self,
                      const char   *figure_name,
                      GError      **error)
{
  g_return_val_if_fail (EP_IS_DIGITIZER (self), FALSE);

  return ep_reconstruct_panel_overlay (self->panel, figure_name, error);
}

char *
ep_digitizer_compare (EpDigitizer  *self,
                      const char   *cohort_name,
                      GError      **error)
{
  g_return_val_if_fail (EP_IS_DIGITIZER (self), NULL);

  return ep_reconstruct_panel_compare (self->panel, cohort_name, error);
}

EpCohort *
ep_digitizer_combine (EpDigitizer  *self,
                      const char   *cohort_name,
                      GError      **error)
{
  g_return_val_if_fail (EP_IS_DIGITIZER (self), NULL);

  return ep_reconstruct_panel_combine (self->panel, cohort_name, error);
}

gboolean
ep_digitizer_attach (EpDigitizer *self,
                     const char  *trial_id,
                     const char  *arm)
{
  g_return_val_if_fail (EP_IS_DIGITIZER (self), FALSE);

  return ep_reconstruct_panel_attach (self->panel, trial_id, arm);
}

void
ep_digitizer_set_at_risk (EpDigitizer *self,
                          const char  *text)
{
  g_return_if_fail (EP_IS_DIGITIZER (self));

  ep_reconstruct_panel_set_at_risk (self->panel, text);
}

void
ep_digitizer_set_totals (EpDigitizer *self,
                         int          total_events,
                         int          total)
{
  g_return_if_fail (EP_IS_DIGITIZER (self));

  ep_reconstruct_panel_set_totals (self->panel, total_events, total);
}

static void
open_stored_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EpDigitizer *self = EP_DIGITIZER (widget);
  g_autoptr(GError) error = NULL;

  if (!ep_digitizer_open_stored (self, g_variant_get_string (parameter, NULL), &error))
    show_error (self, error);
}

static void
ep_digitizer_dispose (GObject *object)
{
  EpDigitizer *self = EP_DIGITIZER (object);

  g_clear_pointer (&self->image, ep_image_free);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->curves, g_ptr_array_unref);
  g_clear_object (&self->project);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->stored_name, g_free);
  g_clear_pointer (&self->citation, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_DIGITIZER);

  G_OBJECT_CLASS (ep_digitizer_parent_class)->dispose (object);
}

static void
ep_digitizer_class_init (EpDigitizerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_digitizer_dispose;

  g_type_ensure (EP_TYPE_RECONSTRUCT_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/endpoint/Endpoint/ui/ep-digitizer.ui");
  gtk_widget_class_bind_template_child (widget_class, EpDigitizer, canvas);
  gtk_widget_class_bind_template_child (widget_class, EpDigitizer, hint_label);
  gtk_widget_class_bind_template_child_full (widget_class, "x1_button", FALSE, G_STRUCT_OFFSET (EpDigitizer, mode_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "x2_button", FALSE, G_STRUCT_OFFSET (EpDigitizer, mode_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "y1_button", FALSE, G_STRUCT_OFFSET (EpDigitizer, mode_buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "y2_button", FALSE, G_STRUCT_OFFSET (EpDigitizer, mode_buttons[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "trace_button", FALSE, G_STRUCT_OFFSET (EpDigitizer, mode_buttons[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "edit_button", FALSE, G_STRUCT_OFFSET (EpDigitizer, mode_buttons[5]));
  gtk_widget_class_bind_template_child_full (widget_class, "x1_value", FALSE, G_STRUCT_OFFSET (EpDigitizer, value_spins[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "x2_value", FALSE, G_STRUCT_OFFSET (EpDigitizer, value_spins[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "y1_value", FALSE, G_STRUCT_OFFSET (EpDigitizer, value_spins[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "y2_value", FALSE, G_STRUCT_OFFSET (EpDigitizer, value_spins[3]));
  gtk_widget_class_bind_template_child (widget_class, EpDigitizer, curve_list);
  gtk_widget_class_bind_template_child (widget_class, EpDigitizer, save_button);
  gtk_widget_class_bind_template_child (widget_class, EpDigitizer, error_label);
  gtk_widget_class_bind_template_child (widget_class, EpDigitizer, panel);
  gtk_widget_class_bind_template_child (widget_class, EpDigitizer, stored_button);
  gtk_widget_class_install_action (widget_class, "digitizer.open-stored", "s", open_stored_action);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, curve_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_curve_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_curve_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
}

static void
ep_digitizer_init (EpDigitizer *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->curves = g_ptr_array_new_with_free_func (curve_free);
  g_signal_connect_object (self->panel, "notify::citation", G_CALLBACK (panel_citation_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel, "keep", G_CALLBACK (keep), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel, "curve-linked", G_CALLBACK (panel_curve_linked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self, "notify::is-active", G_CALLBACK (refresh_choices), self);
  self->selected = -1;
  gtk_drawing_area_set_draw_func (self->canvas, draw_canvas, self, NULL);
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (canvas_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (click));
  update_hint (self);
}

GtkWidget *
ep_digitizer_new (GtkWindow *parent)
{
  return g_object_new (EP_TYPE_DIGITIZER, "transient-for", parent, NULL);
}

/* Shows image (taken) as the window's figure, with no ticks and no curves. */
static void
set_image (EpDigitizer *self,
           EpImage     *image,
           const char  *path)
{
  guint8 *data;
  int stride;

  g_clear_pointer (&self->surface, cairo_surface_destroy);
  self->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, image->width, image->height);
  data = cairo_image_surface_get_data (self->surface);
  stride = cairo_image_surface_get_stride (self->surface);
  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        const guint8 *p = image->rgb + (gsize) y * image->stride + 3 * (gsize) x;
        *(guint32 *) (data + (gsize) y * stride + 4 * (gsize) x) = (p[0] << 16) | (p[1] << 8) | p[2];
      }
  cairo_surface_mark_dirty (self->surface);

  g_clear_pointer (&self->image, ep_image_free);
  self->image = image;
  g_free (self->path);
  self->path = g_strdup (path);
  for (guint i = 0; i < 4; i++)
    self->tick_set[i] = FALSE;
  g_ptr_array_set_size (self->curves, 0);
  self->selected = -1;
  {
    g_autofree char *name = g_path_get_basename (path);
    gtk_window_set_title (GTK_WINDOW (self), name);
  }
  show_error (self, NULL);
  ep_reconstruct_panel_clear (self->panel);
  set_mode (self, MODE_X1);
  refresh_curves (self);
}

gboolean
ep_digitizer_open (EpDigitizer  *self,
                   const char   *path,
                   GError      **error)
{
  g_autoptr(EpImage) image = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (EP_IS_DIGITIZER (self), FALSE);

  image = ep_image_load (path, 1, 4.0, error);
  if (image == NULL)
    return FALSE;
  /* the file's bytes, kept in the project with the points */
  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  set_image (self, g_steal_pointer (&image), path);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  self->page = 1;
  g_clear_pointer (&self->citation, g_free);
  ep_reconstruct_panel_set_citation (self->panel, NULL);
  g_clear_pointer (&self->stored_name, g_free);
  if (self->project != NULL)
    {
      /* a name of its own among the project's figures: the file's, numbered if taken */
      g_autofree char *base = g_path_get_basename (path);
      char *name = g_strdup (base);

      for (guint k = 2; ep_project_find_digitized (self->project, name) != NULL; k++)
        {
          g_free (name);
          name = g_strdup_printf ("%s (%u)", base, k);
        }
      self->stored_name = name;
      keep (self);
    }
  return TRUE;
}

void
ep_digitizer_set_project (EpDigitizer *self,
                          EpProject   *project)
{
  g_return_if_fail (EP_IS_DIGITIZER (self));
  g_return_if_fail (project == NULL || EP_IS_PROJECT (project));

  g_set_object (&self->project, project);
  ep_reconstruct_panel_set_project (self->panel, project);
  update_use (self);
}

const char *
ep_digitizer_get_stored_name (EpDigitizer *self)
{
  g_return_val_if_fail (EP_IS_DIGITIZER (self), NULL);

  return self->stored_name;
}

void
ep_digitizer_set_citation (EpDigitizer *self,
                           const char  *citation)
{
  g_return_if_fail (EP_IS_DIGITIZER (self));

  g_free (self->citation);
  self->citation = citation != NULL && citation[0] != '\0' ? g_strdup (citation) : NULL;
  ep_reconstruct_panel_set_citation (self->panel, citation);
  keep (self);
}

gboolean
ep_digitizer_open_stored (EpDigitizer  *self,
                          const char   *name,
                          GError      **error)
{
  const EpProjectDigitized *stored;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(EpImage) image = NULL;
  gsize size = 0;
  gconstpointer bytes;

  g_return_val_if_fail (EP_IS_DIGITIZER (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  stored = ep_project_find_digitized (self->project, name);
  if (stored == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The project has no digitized figure “%s”"), name);
      return FALSE;
    }
  /* The image readers take a file: the stored bytes go to a private temporary one, named as
   * the original was, for as long as reading it takes. */
  dir = g_dir_make_tmp ("endpoint-figure-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, stored->file_name, NULL);
  bytes = g_bytes_get_data (stored->image, &size);
  if (g_file_set_contents (path, bytes, size, error))
    image = ep_image_load (path, (int) stored->page, 4.0, error);
  g_unlink (path);
  g_rmdir (dir);
  if (image == NULL)
    return FALSE;

  set_image (self, g_steal_pointer (&image), stored->file_name);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = g_bytes_ref (stored->image);
  self->page = (int) stored->page;
  g_free (self->citation);
  self->citation = g_strdup (stored->citation);
  ep_reconstruct_panel_set_citation (self->panel, stored->citation);
  g_free (self->stored_name);
  self->stored_name = g_strdup (stored->name);
  for (guint c = 0; c < stored->curves->len; c++)
    {
      const EpProjectCurve *sc = g_ptr_array_index (stored->curves, c);
      Curve *curve = g_new0 (Curve, 1);

      curve->name = g_strdup (sc->name);
      memcpy (curve->color, sc->color, 3);
      curve->time = g_array_new (FALSE, FALSE, sizeof (double));
      curve->surv = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_vals (curve->time, sc->time, sc->n);
      g_array_append_vals (curve->surv, sc->surv, sc->n);
      curve->cohort = g_strdup (sc->cohort);
      curve->trial_id = g_strdup (sc->trial_id);
      curve->trial_arm = g_strdup (sc->trial_arm);
      g_ptr_array_add (self->curves, curve);
    }
  self->selected = (int) self->curves->len - 1;
  if (stored->calibrated)
    for (guint i = 0; i < 4; i++)
      {
        self->tick_px[i] = stored->tick_px[i];
        self->tick_set[i] = TRUE;
        gtk_spin_button_set_value (self->value_spins[i], stored->tick_value[i]);
      }
  set_mode (self, stored->calibrated ? MODE_TRACE : MODE_X1);
  refresh_curves (self);
  return TRUE;
}

void
ep_digitizer_set_tick (EpDigitizer     *self,
                       EpDigitizerTick  tick,
                       double           px,
                       double           value)
{
  g_return_if_fail (EP_IS_DIGITIZER (self));
  g_return_if_fail (tick <= EP_DIGITIZER_TICK_Y2);

  self->tick_px[tick] = px;
  self->tick_set[tick] = TRUE;
  gtk_spin_button_set_value (self->value_spins[tick], value);
  /* on to the first tick still missing, or to tracing */
  {
    Mode next = MODE_TRACE;

    for (guint i = 4; i-- > 0;)
      if (!self->tick_set[i])
        next = i;
    set_mode (self, next);
  }
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  keep (self);
}

gboolean
ep_digitizer_trace_at (EpDigitizer  *self,
                       double        x,
                       double        y,
                       GError      **error)
{
  g_autoptr(EpDigitizeResult) result = NULL;
  EpDigitizeOptions o;
  Curve *curve;
  int rx, ry;

  g_return_val_if_fail (EP_IS_DIGITIZER (self), FALSE);
  g_return_val_if_fail (self->image != NULL, FALSE);

  if (!calibration (self, &o))
    {
      g_set_error (error, EP_DIGITIZE_ERROR, EP_DIGITIZE_ERROR_CALIBRATION,
                   _("Click two ticks on each axis first"));
      return FALSE;
    }
  /* The curve's colour: of the pixels within a few of the click, the one farthest from white
   * (a click a little beside a thin line still picks the line, not the background or a band). */
  rx = CLAMP ((int) (x * self->image->scale), 0, self->image->width - 1);
  ry = CLAMP ((int) (y * self->image->scale), 0, self->image->height - 1);
  {
    int radius = (int) ceil (3 * self->image->scale);
    double best = -1.0;

    for (int py = MAX (0, ry - radius); py <= MIN (self->image->height - 1, ry + radius); py++)
      for (int px = MAX (0, rx - radius); px <= MIN (self->image->width - 1, rx + radius); px++)
        {
          const guint8 *p = self->image->rgb + (gsize) py * self->image->stride + 3 * (gsize) px;
          double d = (255.0 - p[0]) * (255.0 - p[0]) + (255.0 - p[1]) * (255.0 - p[1])
                     + (255.0 - p[2]) * (255.0 - p[2]);

          if (d > best)
            {
              best = d;
              memcpy (o.color, p, 3);
            }
        }
  }
  result = ep_digitize_trace (self->image, &o, error);
  if (result == NULL)
    return FALSE;

  curve = g_new0 (Curve, 1);
  curve->name = g_strdup_printf (_("Curve %u"), self->curves->len + 1);
  memcpy (curve->color, o.color, 3);
  curve->time = g_array_new (FALSE, FALSE, sizeof (double));
  curve->surv = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (curve->time, result->time, result->n);
  g_array_append_vals (curve->surv, result->surv, result->n);
  g_ptr_array_add (self->curves, curve);
  self->selected = self->curves->len - 1;
  show_error (self, NULL);
  refresh_curves (self);
  keep (self);
  return TRUE;
}

guint
ep_digitizer_get_n_curves (EpDigitizer *self)
{
  g_return_val_if_fail (EP_IS_DIGITIZER (self), 0);
  return self->curves->len;
}

const char *
ep_digitizer_get_curve_name (EpDigitizer *self,
                             guint        curve)
{
  g_return_val_if_fail (EP_IS_DIGITIZER (self), NULL);
  g_return_val_if_fail (curve < self->curves->len, NULL);
  return ((Curve *) g_ptr_array_index (self->curves, curve))->name;
}

gsize
ep_digitizer_get_points (EpDigitizer   *self,
                         guint          curve,
                         const double **time,
                         const double **surv)
{
  const Curve *c;

  g_return_val_if_fail (EP_IS_DIGITIZER (self), 0);
  g_return_val_if_fail (curve < self->curves->len, 0);
  c = g_ptr_array_index (self->curves, curve);
  *time = (const double *) c->time->data;
  *surv = (const double *) c->surv->data;
  return c->time->len;
}

gboolean
ep_digitizer_save (EpDigitizer  *self,
                   const char   *path,
                   GError      **error)
{
  g_autoptr(GString) text = g_string_new ("curve,time,surv\n");
  char t[G_ASCII_DTOSTR_BUF_SIZE], s[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (EP_IS_DIGITIZER (self), FALSE);

  for (guint c = 0; c < self->curves->len; c++)
    {
      const Curve *curve = g_ptr_array_index (self->curves, c);
      g_autoptr(GString) name = g_string_new (curve->name);

      /* CSV quoting: the name in quotes, quotes doubled */
      g_string_replace (name, "\"", "\"\"", 0);
      for (guint i = 0; i < curve->time->len; i++)
        g_string_append_printf (text, "\"%s\",%s,%s\n", name->str,
                                g_ascii_formatd (t, sizeof t, "%.6g", g_array_index (curve->time, double, i)),
                                g_ascii_formatd (s, sizeof s, "%.6g", g_array_index (curve->surv, double, i)));
    }
  return g_file_set_contents (path, text->str, text->len, error);
}
