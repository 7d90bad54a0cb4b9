/* ep-figure-export-dialog.c: Export Figure: format, size in millimetres, resolution
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The size starts as the figure's; Export asks for a file name (GtkFileChooserNative), gives the
 * figure the size asked (so the preview shows what was written) and writes it with
 * ep_figure_export(): vector files at that size in points, PNG and TIFF at round
 * (mm / 25.4 x dpi) pixels with the resolution recorded.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "app/ep-figure-export-dialog.h"
#include "app/ep-window.h"

struct _EpFigureExportDialog
{
  AdwWindow        parent_instance;

  EpFigure        *figure;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwComboRow     *format_row;
  AdwComboRow     *preset_row;
  GtkSpinButton   *width_spin;
  GtkSpinButton   *height_spin;
  AdwActionRow    *dpi_row;
  GtkSpinButton   *dpi_spin;
  AdwActionRow    *summary_row;
  AdwPreferencesGroup *notes_group;
  GtkLabel        *notes_label;
};

G_DEFINE_FINAL_TYPE (EpFigureExportDialog, ep_figure_export_dialog, ADW_TYPE_WINDOW)

/* The Journal Width row's items after "Custom", in millimetres. */
static const double preset_widths[] = { 85.0, 114.0, 174.0 };

static gboolean
is_raster (EpPlotFormat format)
{
  return format == EP_PLOT_FORMAT_PNG || format == EP_PLOT_FORMAT_TIFF;
}

static const char *
format_extension (EpPlotFormat format)
{
  switch (format)
    {
    case EP_PLOT_FORMAT_PDF:  return "pdf";
    case EP_PLOT_FORMAT_SVG:  return "svg";
    case EP_PLOT_FORMAT_EPS:  return "eps";
    case EP_PLOT_FORMAT_PNG:  return "png";
    case EP_PLOT_FORMAT_TIFF: return "tiff";
    default:                  g_return_val_if_reached ("pdf");
    }
}

static void
ep_figure_export_dialog_update_cb (EpFigureExportDialog *self)
{
  EpPlotFormat format = ep_figure_export_dialog_get_format (self);
  double width = gtk_spin_button_get_value (self->width_spin);
  double height = gtk_spin_button_get_value (self->height_spin);
  double dpi = gtk_spin_button_get_value (self->dpi_spin);
  g_autofree char *summary = NULL;
  guint preset = 0;

  g_assert (EP_IS_FIGURE_EXPORT_DIALOG (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->dpi_row), is_raster (format));
  if (is_raster (format))
    /* TRANSLATORS: the pixel size of an image file */
    summary = g_strdup_printf (_("%d × %d pixels"),
                               ep_plot_mm_to_px (width, dpi), ep_plot_mm_to_px (height, dpi));
  else
    {
      char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (w, sizeof w, "%.1f", ep_plot_mm_to_pt (width));
      g_ascii_formatd (h, sizeof h, "%.1f", ep_plot_mm_to_pt (height));
      /* TRANSLATORS: the page size of a vector file, in points (1/72 inch) */
      summary = g_strdup_printf (_("%s × %s points"), w, h);
    }
  adw_action_row_set_subtitle (self->summary_row, summary);

  /* The preset that the width is, if any. */
  for (guint i = 0; i < G_N_ELEMENTS (preset_widths); i++)
    if (fabs (width - preset_widths[i]) < 0.05)
      preset = i + 1;
  if (adw_combo_row_get_selected (self->preset_row) != preset)
    adw_combo_row_set_selected (self->preset_row, preset);
}

/* A journal width keeps the figure's shape. */
static void
ep_figure_export_dialog_preset_cb (EpFigureExportDialog *self)
{
  guint preset = adw_combo_row_get_selected (self->preset_row);
  double width, height;

  g_assert (EP_IS_FIGURE_EXPORT_DIALOG (self));

  if (preset == 0 || preset > G_N_ELEMENTS (preset_widths))
    return;

  width = gtk_spin_button_get_value (self->width_spin);
  height = gtk_spin_button_get_value (self->height_spin);
  if (fabs (width - preset_widths[preset - 1]) < 0.05)
    return;

  gtk_spin_button_set_value (self->height_spin, round (height * preset_widths[preset - 1] / width * 10) / 10);
  gtk_spin_button_set_value (self->width_spin, preset_widths[preset - 1]);
}

static void
choose_file_response_cb (GtkNativeDialog      *chooser,
                         int                   response,
                         EpFigureExportDialog *self)
{
  g_assert (EP_IS_FIGURE_EXPORT_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFile) written = NULL;
      g_autoptr(GError) error = NULL;

      if (file != NULL)
        written = ep_figure_export_dialog_save (self, file, &error);

      if (written != NULL)
        {
          GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
          g_autofree char *basename = g_file_get_basename (written);
          g_autofree char *escaped = g_markup_escape_text (basename, -1);
          g_autofree char *title = g_strdup_printf (_("Exported “%s”"), escaped);

          if (parent != NULL && EP_IS_WINDOW (parent))
            ep_window_show_toast (EP_WINDOW (parent), title);
          gtk_window_destroy (GTK_WINDOW (self));
        }
      else if (error != NULL)
        {
          /* Toast titles are markup; the message names the file. */
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
ep_figure_export_dialog_choose_file_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  EpFigureExportDialog *self = EP_FIGURE_EXPORT_DIALOG (widget);
  EpPlotFormat format = ep_figure_export_dialog_get_format (self);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autofree char *safe = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Figure"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* A file name from the figure's name, without characters file systems refuse. */
  safe = g_strdup (ep_figure_get_display_name (self->figure));
  g_strdelimit (safe, "/\\:*?\"<>|", '-');
  name = g_strdup_printf ("%s.%s", safe, format_extension (format));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (choose_file_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
ep_figure_export_dialog_dispose (GObject *object)
{
  EpFigureExportDialog *self = EP_FIGURE_EXPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_FIGURE_EXPORT_DIALOG);
  g_clear_object (&self->figure);

  G_OBJECT_CLASS (ep_figure_export_dialog_parent_class)->dispose (object);
}

static void
ep_figure_export_dialog_class_init (EpFigureExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_figure_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-figure-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EpFigureExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EpFigureExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureExportDialog, preset_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, EpFigureExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, EpFigureExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, EpFigureExportDialog, summary_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureExportDialog, notes_group);
  gtk_widget_class_bind_template_child (widget_class, EpFigureExportDialog, notes_label);
  gtk_widget_class_bind_template_callback (widget_class, ep_figure_export_dialog_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, ep_figure_export_dialog_preset_cb);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, ep_figure_export_dialog_choose_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ep_figure_export_dialog_init (EpFigureExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ep_figure_export_dialog_new (GtkWindow *parent,
                             EpFigure  *figure)
{
  EpFigureExportDialog *self;
  const EpPlotStyle *style;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (EP_IS_FIGURE (figure), NULL);

  self = g_object_new (EP_TYPE_FIGURE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->figure = g_object_ref (figure);
  style = ep_figure_get_style (figure);
  ep_figure_export_dialog_set_size (self, style->width_mm, style->height_mm, style->dpi);
  ep_figure_export_dialog_update_cb (self);

  /* The figure's notes are not drawn in the file (rows dropped, the caveat of a published arm
   * reconstructed from a figure): shown here, for the caption. */
  {
    const char * const *notes = ep_figure_get_notes (figure);
    g_autofree char *joined = g_strjoinv ("\n", (char **) notes);

    gtk_label_set_text (self->notes_label, joined);
    gtk_widget_set_visible (GTK_WIDGET (self->notes_group), notes[0] != NULL);
  }

  return GTK_WIDGET (self);
}

EpPlotFormat
ep_figure_export_dialog_get_format (EpFigureExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (EP_IS_FIGURE_EXPORT_DIALOG (self), EP_PLOT_FORMAT_PDF);

  selected = adw_combo_row_get_selected (self->format_row);
  return selected <= EP_PLOT_FORMAT_TIFF ? (EpPlotFormat) selected : EP_PLOT_FORMAT_PDF;
}

void
ep_figure_export_dialog_set_format (EpFigureExportDialog *self,
                                    EpPlotFormat          format)
{
  g_return_if_fail (EP_IS_FIGURE_EXPORT_DIALOG (self));
  g_return_if_fail (format <= EP_PLOT_FORMAT_TIFF);

  adw_combo_row_set_selected (self->format_row, format);
}

void
ep_figure_export_dialog_set_size (EpFigureExportDialog *self,
                                  double                width_mm,
                                  double                height_mm,
                                  double                dpi)
{
  g_return_if_fail (EP_IS_FIGURE_EXPORT_DIALOG (self));

  gtk_spin_button_set_value (self->width_spin, width_mm);
  gtk_spin_button_set_value (self->height_spin, height_mm);
  gtk_spin_button_set_value (self->dpi_spin, dpi);
}

GFile *
ep_figure_export_dialog_save (EpFigureExportDialog  *self,
                              GFile                 *file,
                              GError               **error)
{
  g_autoptr(GFile) target = NULL;
  g_autofree char *path = NULL;
  EpPlotFormat format;

  g_return_val_if_fail (EP_IS_FIGURE_EXPORT_DIALOG (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Figures can only be exported to a local file"));
      return NULL;
    }

  /* The extension typed wins; a name without one gets the chosen format's. */
  if (!ep_plot_format_from_filename (path, &format))
    {
      char *with_extension;

      format = ep_figure_export_dialog_get_format (self);
      with_extension = g_strdup_printf ("%s.%s", path, format_extension (format));
      g_free (path);
      path = with_extension;
    }

  g_object_set (self->figure,
                "width-mm", gtk_spin_button_get_value (self->width_spin),
                "height-mm", gtk_spin_button_get_value (self->height_spin),
                "dpi", gtk_spin_button_get_value (self->dpi_spin),
                NULL);

  if (!ep_figure_export (self->figure, path, format, error))
    return NULL;

  target = g_file_new_for_path (path);
  return g_steal_pointer (&target);
}
