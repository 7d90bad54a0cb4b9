/* ep-figure-page.c: the Figures page
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of figures (the sidebar), a live preview of the selected one and its options panel
 * (EpFigureOptions, in a flap that folds over the preview when the window is narrow). The
 * preview draws with the same renderer as the exported file, at the figure's aspect ratio and
 * scaled to fit, on a sheet of white as it will print. With no figure the page says how to
 * make one, and offers a Kaplan-Meier figure from a CSV file (EpFigureCsvDialog).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "app/ep-figure-csv-dialog.h"
#include "app/ep-figure-export-dialog.h"
#include "app/ep-figure-page.h"

struct _EpFigurePage
{
  AdwBin            parent_instance;

  GListStore       *figures;
  EpFigure         *selected;
  EpProject        *project;     /* for the undo of figure options; not owned */
  guint             n_draws;
  int               draw_width;
  int               draw_height;

  /* Template children */
  GtkStack         *stack;
  AdwLeaflet       *leaflet;
  GtkWidget        *sidebar;
  GtkWidget        *content;
  GtkListBox       *list_box;
  GtkLabel         *title_label;
  GtkLabel         *size_label;
  AdwFlap          *flap;
  GtkDrawingArea   *preview;
  GtkRevealer      *notes_revealer;
  GtkLabel         *notes_label;
  EpFigureOptions  *options;
};

G_DEFINE_FINAL_TYPE (EpFigurePage, ep_figure_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SELECTED_FIGURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FIGURE_FROM_FILE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The margin kept around the sheet, in pixels. */
#define PREVIEW_MARGIN 24.0

/* ---- the preview --------------------------------------------------------------------------- */

static void
preview_draw (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  EpFigurePage *self = EP_FIGURE_PAGE (user_data);
  const EpPlotStyle *style;
  double page_width, page_height, scale, x, y;

  g_assert (EP_IS_FIGURE_PAGE (self));

  self->n_draws++;
  self->draw_width = width;
  self->draw_height = height;

  /* A desk under the sheet, a shade darker than the window in light and dark styles. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.08);
  cairo_paint (cr);

  if (self->selected == NULL || width <= 2 * PREVIEW_MARGIN || height <= 2 * PREVIEW_MARGIN)
    return;

  /* The figure in points, scaled to fit and centred: the sheet keeps its aspect ratio. */
  style = ep_figure_get_style (self->selected);
  page_width = ep_plot_mm_to_pt (style->width_mm);
  page_height = ep_plot_mm_to_pt (style->height_mm);
  scale = MIN ((width - 2 * PREVIEW_MARGIN) / page_width, (height - 2 * PREVIEW_MARGIN) / page_height);
  x = floor ((width - page_width * scale) / 2);
  y = floor ((height - page_height * scale) / 2);

  /* A soft shadow under the sheet. */
  cairo_save (cr);
  for (int i = 1; i <= 4; i++)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.05);
      cairo_rectangle (cr, x - i + 1, y - i + 2, page_width * scale + 2 * (i - 1), page_height * scale + 2 * (i - 1));
      cairo_fill (cr);
    }
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, page_width, page_height);
  cairo_clip (cr);
  ep_figure_render (self->selected, cr, page_width, page_height, NULL);
  cairo_restore (cr);

  /* While its analysis catches up with an edit of the data the sheet says so (and Export
   * refuses): the numbers drawn are the previous ones. An analysis whose inputs are gone says
   * why. */
  {
    EpAnalysis *analysis = ep_figure_get_analysis (self->selected);
    const char *badge = NULL;

    if (analysis != NULL && ep_analysis_get_state (analysis) == EP_ANALYSIS_STATE_INVALID)
      badge = ep_analysis_get_state_message (analysis);
    else if (ep_figure_is_outdated (self->selected))
      badge = _("Updating…");

    if (badge != NULL)
      {
        g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), badge);
        int text_width, text_height;
        double bx, by;

        pango_layout_set_width (layout, (int) (MAX (page_width * scale - 48, 80) * PANGO_SCALE));
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_get_pixel_size (layout, &text_width, &text_height);
        bx = x + page_width * scale - text_width - 24;
        by = y + 12;
        cairo_save (cr);
        /* the sheet dimmed, the badge on top */
        cairo_set_source_rgba (cr, 1, 1, 1, 0.45);
        cairo_rectangle (cr, x, y, page_width * scale, page_height * scale);
        cairo_fill (cr);
        cairo_set_source_rgba (cr, 0.11, 0.11, 0.13, 0.85);
        cairo_rectangle (cr, bx - 10, by - 4, text_width + 20, text_height + 8);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_move_to (cr, bx, by);
        pango_cairo_show_layout (cr, layout);
        cairo_restore (cr);
      }
  }
}

gboolean
ep_figure_page_get_preview_badge (EpFigurePage *self)
{
  g_return_val_if_fail (EP_IS_FIGURE_PAGE (self), FALSE);

  return self->selected != NULL
         && (ep_figure_is_outdated (self->selected)
             || (ep_figure_get_analysis (self->selected) != NULL
                 && ep_analysis_get_state (ep_figure_get_analysis (self->selected))
                    == EP_ANALYSIS_STATE_INVALID));
}

static void
ep_figure_page_update_header (EpFigurePage *self)
{
  g_assert (EP_IS_FIGURE_PAGE (self));

  if (self->selected == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->size_label, "");
      gtk_revealer_set_reveal_child (self->notes_revealer, FALSE);
      return;
    }

  {
    const EpPlotStyle *style = ep_figure_get_style (self->selected);
    const char * const *notes = ep_figure_get_notes (self->selected);
    g_autofree char *size = NULL;
    g_autofree char *joined = NULL;
    char width[G_ASCII_DTOSTR_BUF_SIZE], height[G_ASCII_DTOSTR_BUF_SIZE];

    gtk_label_set_text (self->title_label, ep_figure_get_display_name (self->selected));
    g_ascii_formatd (width, sizeof width, "%.0f", style->width_mm);
    g_ascii_formatd (height, sizeof height, "%.0f", style->height_mm);
    /* TRANSLATORS: the data of a figure and its size, e.g. "aml.csv: time, status by x · 85 × 70 mm" */
    size = g_strdup_printf (_("%s · %s × %s mm"), ep_figure_get_subtitle (self->selected), width, height);
    gtk_label_set_text (self->size_label, size);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->size_label), size);

    joined = g_strjoinv ("\n", (char **) notes);
    gtk_label_set_text (self->notes_label, joined);
    gtk_revealer_set_reveal_child (self->notes_revealer, notes[0] != NULL);
  }
}

static void
figure_changed_cb (EpFigurePage *self,
                   EpFigure     *figure)
{
  g_assert (EP_IS_FIGURE_PAGE (self));

  if (figure != self->selected)
    return;

  ep_figure_page_update_header (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

/* ---- the list ------------------------------------------------------------------------------ */

static void
row_update_cb (GtkWidget *row,
               EpFigure  *figure)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);

  gtk_label_set_text (GTK_LABEL (title), ep_figure_get_display_name (figure));
  gtk_label_set_text (GTK_LABEL (subtitle), ep_figure_get_subtitle (figure));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  EpFigure *figure = EP_FIGURE (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  row_update_cb (row, figure);
  g_signal_connect_object (figure, "changed", G_CALLBACK (row_update_cb), row, G_CONNECT_SWAPPED);

  return row;
}

static void
ep_figure_page_set_selected (EpFigurePage *self,
                             EpFigure     *figure)
{
  g_assert (EP_IS_FIGURE_PAGE (self));

  if (!g_set_object (&self->selected, figure))
    return;

  ep_figure_options_set_figure (self->options, figure);
  ep_figure_page_update_header (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.remove", figure != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.language-default", figure != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FIGURE]);
}

static void
ep_figure_page_row_selected_cb (EpFigurePage  *self,
                                GtkListBoxRow *row,
                                GtkListBox    *list_box)
{
  g_autoptr(EpFigure) figure = NULL;

  if (row != NULL)
    figure = g_list_model_get_item (G_LIST_MODEL (self->figures), gtk_list_box_row_get_index (row));

  ep_figure_page_set_selected (self, figure);
}

static void
ep_figure_page_row_activated_cb (EpFigurePage  *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list_box)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
ep_figure_page_update_stack (EpFigurePage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->figures));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "figures" : "empty");
}

/* ---- actions ------------------------------------------------------------------------------- */

/* A figure made from a file: whoever keeps the project (the window) takes the figure and its
 * data through ::figure-from-file; a page on its own just shows the figure. */
static void
csv_dialog_figure_created_cb (EpFigurePage *self,
                              EpFigure     *figure,
                              EpCohort     *cohort,
                              JsonObject   *source)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[FIGURE_FROM_FILE], 0, figure, cohort, source, &handled);
  if (!handled)
    ep_figure_page_add_figure (self, figure);
}

static void
ep_figure_page_new_from_csv_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  ep_figure_page_new_from_csv (EP_FIGURE_PAGE (widget));
}

static void
ep_figure_page_remove_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  EpFigurePage *self = EP_FIGURE_PAGE (widget);

  if (self->selected != NULL)
    ep_figure_page_remove_figure (self, self->selected);
}

static void
ep_figure_page_back_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  EpFigurePage *self = EP_FIGURE_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* Undo and redo of the project's history (figures' options, adding and removing figures and
 * analyses): Ctrl+Z on the Figures page. */
static void
ep_figure_page_update_history (EpFigurePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.undo",
                                 self->project != NULL && ep_project_can_undo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.redo",
                                 self->project != NULL && ep_project_can_redo (self->project));
}

/* The selected figure's language and decimal mark become the project's default for new
 * figures (issue 13). */
static void
ep_figure_page_language_default_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  EpFigurePage *self = EP_FIGURE_PAGE (widget);
  const EpPlotStyle *style;

  if (self->project == NULL || self->selected == NULL)
    return;
  style = ep_figure_get_style (self->selected);
  ep_project_set_figure_defaults (self->project, style->language, style->decimal_mark);
}

static void
ep_figure_page_history_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  EpFigurePage *self = EP_FIGURE_PAGE (widget);
  gpointer changed;

  if (self->project == NULL)
    return;
  changed = g_str_equal (action_name, "figures.undo") ? ep_project_undo (self->project)
                                                      : ep_project_redo (self->project);
  /* show what changed back (a figure the undo brought back is listed by the window) */
  if (EP_IS_FIGURE (changed) && changed != self->selected
      && g_list_store_find (self->figures, changed, NULL))
    ep_figure_page_select (self, changed);
}

static void
project_weak_notify (gpointer  data,
                     GObject  *where_the_object_was)
{
  EpFigurePage *self = data;

  self->project = NULL;
  ep_figure_page_update_history (self);
}

void
ep_figure_page_set_project (EpFigurePage *self,
                            EpProject    *project)
{
  g_return_if_fail (EP_IS_FIGURE_PAGE (self));

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_object_weak_unref (G_OBJECT (self->project), project_weak_notify, self);
    }
  self->project = project;
  /* the options offer the project's reconstructed arms to overlay */
  if (self->options != NULL)
    ep_figure_options_set_project (self->options, project);
  if (project != NULL)
    {
      g_object_weak_ref (G_OBJECT (project), project_weak_notify, self);
      g_signal_connect_object (project, "notify::can-undo",
                               G_CALLBACK (ep_figure_page_update_history), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "notify::can-redo",
                               G_CALLBACK (ep_figure_page_update_history), self, G_CONNECT_SWAPPED);
    }
  ep_figure_page_update_history (self);
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
ep_figure_page_dispose (GObject *object)
{
  EpFigurePage *self = EP_FIGURE_PAGE (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  if (self->figures != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->figures)); i++)
      {
        g_autoptr(EpFigure) figure = g_list_model_get_item (G_LIST_MODEL (self->figures), i);

        g_signal_handlers_disconnect_by_data (figure, self);
      }
  if (self->options != NULL)
    ep_figure_options_set_figure (self->options, NULL);
  ep_figure_page_set_project (self, NULL);

  /* AdwBin unparents its child (the template) itself. */

  g_clear_object (&self->selected);
  g_clear_object (&self->figures);

  G_OBJECT_CLASS (ep_figure_page_parent_class)->dispose (object);
}

static void
ep_figure_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EpFigurePage *self = EP_FIGURE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SELECTED_FIGURE:
      g_value_set_object (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_figure_page_class_init (EpFigurePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_figure_page_dispose;
  object_class->get_property = ep_figure_page_get_property;

  properties[PROP_SELECTED_FIGURE] =
    g_param_spec_object ("selected-figure", NULL, NULL,
                         EP_TYPE_FIGURE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpFigurePage::figure-from-file:
   * @figure: a figure the user made from a data file
   * @cohort: the file's data
   * @source: the figure's data source (ep-figure-source.h) without the "cohort" member
   *
   * Returns: TRUE when the handler took the figure (and adds it to the page itself)
   */
  signals[FIGURE_FROM_FILE] =
    g_signal_new ("figure-from-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 3, EP_TYPE_FIGURE, EP_TYPE_COHORT, JSON_TYPE_OBJECT);

  g_type_ensure (EP_TYPE_FIGURE_OPTIONS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-figure-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, stack);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, content);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, list_box);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, size_label);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, flap);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, preview);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, notes_revealer);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, EpFigurePage, options);
  gtk_widget_class_bind_template_callback (widget_class, ep_figure_page_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, ep_figure_page_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "figures.new-from-csv", NULL, ep_figure_page_new_from_csv_action);
  gtk_widget_class_install_action (widget_class, "figures.remove", NULL, ep_figure_page_remove_action);
  gtk_widget_class_install_action (widget_class, "figures.back", NULL, ep_figure_page_back_action);
  gtk_widget_class_install_action (widget_class, "figures.undo", NULL, ep_figure_page_history_action);
  gtk_widget_class_install_action (widget_class, "figures.redo", NULL, ep_figure_page_history_action);
  gtk_widget_class_install_action (widget_class, "figures.language-default", NULL,
                                   ep_figure_page_language_default_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "figures.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "figures.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "figures.redo", NULL);
}

static void
ep_figure_page_init (EpFigurePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->figures = g_list_store_new (EP_TYPE_FIGURE);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->figures), create_row_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->preview, preview_draw, self, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.remove", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figures.language-default", FALSE);
  ep_figure_page_update_history (self);
  ep_figure_page_update_stack (self);
}

GtkWidget *
ep_figure_page_new (void)
{
  return g_object_new (EP_TYPE_FIGURE_PAGE, NULL);
}

GListModel *
ep_figure_page_get_figures (EpFigurePage *self)
{
  g_return_val_if_fail (EP_IS_FIGURE_PAGE (self), NULL);

  return G_LIST_MODEL (self->figures);
}

void
ep_figure_page_add_figure (EpFigurePage *self,
                           EpFigure     *figure)
{
  g_return_if_fail (EP_IS_FIGURE_PAGE (self));
  g_return_if_fail (EP_IS_FIGURE (figure));

  g_signal_connect_object (figure, "changed", G_CALLBACK (figure_changed_cb), self, G_CONNECT_SWAPPED);
  g_list_store_append (self->figures, figure);
  ep_figure_page_update_stack (self);
  ep_figure_page_select (self, figure);
}

void
ep_figure_page_remove_figure (EpFigurePage *self,
                              EpFigure     *figure)
{
  guint position;

  g_return_if_fail (EP_IS_FIGURE_PAGE (self));
  g_return_if_fail (EP_IS_FIGURE (figure));

  if (!g_list_store_find (self->figures, figure, &position))
    return;

  g_signal_handlers_disconnect_by_data (figure, self);
  g_list_store_remove (self->figures, position);
  ep_figure_page_update_stack (self);

  /* The next figure, or the one before the last. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->figures)) > 0)
    {
      g_autoptr(EpFigure) next = NULL;

      position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->figures)) - 1);
      next = g_list_model_get_item (G_LIST_MODEL (self->figures), position);
      ep_figure_page_select (self, next);
    }
  else
    ep_figure_page_set_selected (self, NULL);
}

EpFigure *
ep_figure_page_get_selected (EpFigurePage *self)
{
  g_return_val_if_fail (EP_IS_FIGURE_PAGE (self), NULL);

  return self->selected;
}

void
ep_figure_page_select (EpFigurePage *self,
                       EpFigure     *figure)
{
  guint position;

  g_return_if_fail (EP_IS_FIGURE_PAGE (self));
  g_return_if_fail (EP_IS_FIGURE (figure));

  if (!g_list_store_find (self->figures, figure, &position))
    return;

  gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, (int) position));
  /* Narrow window: show the figure, not the list. */
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

GtkWindow *
ep_figure_page_export (EpFigurePage *self)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (EP_IS_FIGURE_PAGE (self), NULL);

  if (self->selected == NULL)
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ep_figure_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->selected);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

GtkWindow *
ep_figure_page_new_from_csv (EpFigurePage *self)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (EP_IS_FIGURE_PAGE (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ep_figure_csv_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "figure-created", G_CALLBACK (csv_dialog_figure_created_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

EpFigureOptions *
ep_figure_page_get_options (EpFigurePage *self)
{
  g_return_val_if_fail (EP_IS_FIGURE_PAGE (self), NULL);

  return self->options;
}

guint
ep_figure_page_get_preview_draws (EpFigurePage *self,
                                  int          *width,
                                  int          *height)
{
  g_return_val_if_fail (EP_IS_FIGURE_PAGE (self), 0);

  if (width != NULL)
    *width = self->draw_width;
  if (height != NULL)
    *height = self->draw_height;

  return self->n_draws;
}
