/* ep-figure-options.c: the options panel of the Figures page
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Libadwaita rows, one per EpFigure property, bound both ways: a change here sets the
 * property, the figure emits ::changed and the preview redraws. The groups that do not apply to
 * the figure's kind (curves, number at risk, time axis for a forest plot) are hidden.
 *
 * The Published Arm group (a Kaplan-Meier figure of a project) is not a property of the figure
 * but of its place in the project: it lists the project's reconstructed cohorts (issue 17) and
 * sets or removes one with ep_project_set_figure_overlay(), an undo step of the project; it
 * follows the figure (undo, redo, the digitizer's Overlay) and the project's cohorts.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-figure-options.h"
#include "model/ep-reconstruction.h"

struct _EpFigureOptions
{
  AdwBin                parent_instance;

  EpFigure             *figure;
  GPtrArray            *bindings;
  EpProject            *project;         /* weak: the page's project */
  GPtrArray            *overlay_names;   /* char *: the cohorts of overlay_model's items 1.. */
  gboolean              syncing_overlay;

  /* Template children */
  AdwPreferencesGroup  *curves_group;
  AdwPreferencesGroup  *risk_group;
  AdwPreferencesGroup  *axes_group;
  AdwEntryRow          *title_row;
  AdwEntryRow          *x_label_row;
  AdwEntryRow          *y_label_row;
  AdwComboRow          *ci_row;
  AdwActionRow         *censor_marks_row;
  GtkSwitch            *censor_marks_switch;
  AdwActionRow         *median_lines_row;
  GtkSwitch            *median_lines_switch;
  AdwComboRow          *legend_row;
  AdwPreferencesGroup  *overlay_group;
  AdwComboRow          *overlay_row;
  GtkStringList        *overlay_model;
  AdwActionRow         *show_stats_row;
  GtkSwitch            *show_stats_switch;
  AdwActionRow         *group_hr_row;
  GtkSwitch            *group_hr_switch;
  AdwActionRow         *univariable_row;
  GtkSwitch            *univariable_switch;
  AdwActionRow         *risk_table_row;
  GtkSwitch            *risk_table_switch;
  AdwActionRow         *risk_table_events_row;
  GtkSwitch            *risk_table_events_switch;
  AdwComboRow          *data_unit_row;
  AdwComboRow          *time_unit_row;
  AdwComboRow          *landmark_axis_row;
  AdwActionRow         *landmark_overall_row;
  GtkSwitch            *landmark_overall_switch;
  AdwActionRow         *tick_interval_row;
  GtkSpinButton        *tick_interval_spin;
  AdwActionRow         *x_max_row;
  GtkSpinButton        *x_max_spin;
  AdwActionRow         *y_min_row;
  GtkSpinButton        *y_min_spin;
  AdwActionRow         *y_max_row;
  GtkSpinButton        *y_max_spin;
  AdwActionRow         *y_percent_row;
  GtkSwitch            *y_percent_switch;
  AdwComboRow          *palette_row;
  AdwComboRow          *language_row;
  AdwComboRow          *decimal_mark_row;
  AdwComboRow          *font_row;
  AdwActionRow         *font_size_row;
  GtkSpinButton        *font_size_spin;
  AdwActionRow         *line_width_row;
  GtkSpinButton        *line_width_spin;
  AdwActionRow         *width_row;
  GtkSpinButton        *width_spin;
  AdwActionRow         *height_row;
  GtkSpinButton        *height_spin;
};

G_DEFINE_FINAL_TYPE (EpFigureOptions, ep_figure_options, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FIGURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  CONTROL_ENTRY,    /* the row is an AdwEntryRow: "text" */
  CONTROL_SWITCH,   /* a GtkSwitch: "active" */
  CONTROL_SPIN,     /* a GtkSpinButton: "value" */
  CONTROL_COMBO,    /* the row is an AdwComboRow: "selected" = the enum's value */
  CONTROL_FONT,     /* an AdwComboRow of font_families */
} ControlKind;

typedef struct
{
  const char  *property;
  gsize        row;       /* offsets into EpFigureOptions */
  gsize        control;
  ControlKind  kind;
} Option;

#define ROW(name) G_STRUCT_OFFSET (EpFigureOptions, name)

static const Option options[] = {
  { "title", ROW (title_row), ROW (title_row), CONTROL_ENTRY },
  { "x-label", ROW (x_label_row), ROW (x_label_row), CONTROL_ENTRY },
  { "y-label", ROW (y_label_row), ROW (y_label_row), CONTROL_ENTRY },
  { "ci", ROW (ci_row), ROW (ci_row), CONTROL_COMBO },
  { "censor-marks", ROW (censor_marks_row), ROW (censor_marks_switch), CONTROL_SWITCH },
  { "median-lines", ROW (median_lines_row), ROW (median_lines_switch), CONTROL_SWITCH },
  { "legend", ROW (legend_row), ROW (legend_row), CONTROL_COMBO },
  { "show-stats", ROW (show_stats_row), ROW (show_stats_switch), CONTROL_SWITCH },
  { "group-hr", ROW (group_hr_row), ROW (group_hr_switch), CONTROL_SWITCH },
  { "univariable", ROW (univariable_row), ROW (univariable_switch), CONTROL_SWITCH },
  { "risk-table", ROW (risk_table_row), ROW (risk_table_switch), CONTROL_SWITCH },
  { "risk-table-events", ROW (risk_table_events_row), ROW (risk_table_events_switch), CONTROL_SWITCH },
  { "data-unit", ROW (data_unit_row), ROW (data_unit_row), CONTROL_COMBO },
  { "time-unit", ROW (time_unit_row), ROW (time_unit_row), CONTROL_COMBO },
  { "landmark-axis", ROW (landmark_axis_row), ROW (landmark_axis_row), CONTROL_COMBO },
  { "landmark-overall", ROW (landmark_overall_row), ROW (landmark_overall_switch), CONTROL_SWITCH },
  { "tick-interval", ROW (tick_interval_row), ROW (tick_interval_spin), CONTROL_SPIN },
  { "x-max", ROW (x_max_row), ROW (x_max_spin), CONTROL_SPIN },
  { "y-percent", ROW (y_percent_row), ROW (y_percent_switch), CONTROL_SWITCH },
  { "y-min", ROW (y_min_row), ROW (y_min_spin), CONTROL_SPIN },
  { "y-max", ROW (y_max_row), ROW (y_max_spin), CONTROL_SPIN },
  { "palette", ROW (palette_row), ROW (palette_row), CONTROL_COMBO },
  { "language", ROW (language_row), ROW (language_row), CONTROL_COMBO },
  { "decimal-mark", ROW (decimal_mark_row), ROW (decimal_mark_row), CONTROL_COMBO },
  { "font-family", ROW (font_row), ROW (font_row), CONTROL_FONT },
  { "font-size", ROW (font_size_row), ROW (font_size_spin), CONTROL_SPIN },
  { "line-width", ROW (line_width_row), ROW (line_width_spin), CONTROL_SPIN },
  { "width-mm", ROW (width_row), ROW (width_spin), CONTROL_SPIN },
  { "height-mm", ROW (height_row), ROW (height_spin), CONTROL_SPIN },
};

#undef ROW

/* In the order of the Font row's items. The first is EpPlotStyle's default. */
static const char * const font_families[] = {
  "Liberation Sans, DejaVu Sans",
  "DejaVu Sans",
  "Liberation Serif, DejaVu Serif",
  "DejaVu Serif",
};

static gpointer
member (EpFigureOptions *self,
        gsize            offset)
{
  return G_STRUCT_MEMBER (gpointer, self, offset);
}

/* ---- transformations ----------------------------------------------------------------------- */

static gboolean
enum_to_selected (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
selected_to_enum (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  GEnumClass *enum_class = g_type_class_peek (G_VALUE_TYPE (to));
  guint selected = g_value_get_uint (from);

  /* GTK_INVALID_LIST_POSITION while the model changes: keep the figure's value. */
  if (g_enum_get_value (enum_class, (int) selected) == NULL)
    return FALSE;

  g_value_set_enum (to, (int) selected);
  return TRUE;
}

static gboolean
string_to_text (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text != NULL ? text : "");
  return TRUE;
}

static gboolean
text_to_string (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_set_string (to, g_value_get_string (from));
  return TRUE;
}

static gboolean
family_to_selected (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  const char *family = g_value_get_string (from);

  for (guint i = 0; i < G_N_ELEMENTS (font_families); i++)
    if (g_strcmp0 (family, font_families[i]) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }

  /* A family from a saved figure that is not in the list: show none chosen. */
  g_value_set_uint (to, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static gboolean
selected_to_family (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  guint selected = g_value_get_uint (from);

  if (selected >= G_N_ELEMENTS (font_families))
    return FALSE;

  g_value_set_string (to, font_families[selected]);
  return TRUE;
}

/* ---- binding ------------------------------------------------------------------------------- */

static void
ep_figure_options_unbind (EpFigureOptions *self)
{
  g_assert (EP_IS_FIGURE_OPTIONS (self));

  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

static void
ep_figure_options_bind (EpFigureOptions *self)
{
  const GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  EpFigureKind kind;
  gboolean survival;

  g_assert (EP_IS_FIGURE_OPTIONS (self));
  g_assert (EP_IS_FIGURE (self->figure));

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      const Option *option = &options[i];
      GObject *control = member (self, option->control);
      GBinding *binding = NULL;

      switch (option->kind)
        {
        case CONTROL_ENTRY:
          binding = g_object_bind_property_full (self->figure, option->property, control, "text",
                                                 flags, string_to_text, text_to_string, NULL, NULL);
          break;
        case CONTROL_SWITCH:
          binding = g_object_bind_property (self->figure, option->property, control, "active", flags);
          break;
        case CONTROL_SPIN:
          binding = g_object_bind_property (self->figure, option->property, control, "value", flags);
          break;
        case CONTROL_COMBO:
          binding = g_object_bind_property_full (self->figure, option->property, control, "selected",
                                                 flags, enum_to_selected, selected_to_enum, NULL, NULL);
          break;
        case CONTROL_FONT:
          binding = g_object_bind_property_full (self->figure, option->property, control, "selected",
                                                 flags, family_to_selected, selected_to_family,
                                                 NULL, NULL);
          break;
        default:
          g_assert_not_reached ();
        }
      g_ptr_array_add (self->bindings, binding);
    }

  /* Only what the figure can show. */
  kind = ep_figure_get_kind (self->figure);
  survival = kind == EP_FIGURE_KM || kind == EP_FIGURE_CIF;
  gtk_widget_set_visible (GTK_WIDGET (self->curves_group), survival);
  gtk_widget_set_visible (GTK_WIDGET (self->risk_group), survival);
  gtk_widget_set_visible (GTK_WIDGET (self->axes_group), survival);
  gtk_widget_set_visible (GTK_WIDGET (self->y_label_row), survival);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->x_label_row),
                                 survival ? _("Time-Axis Label") : _("Axis Label"));
  adw_action_row_set_subtitle (self->show_stats_row,
                               kind == EP_FIGURE_CIF ? _("Gray’s test p for each cause")
                               : ep_figure_is_simon_makuch (self->figure)
                               /* what the Simon-Makuch figure shows under its curves */
                               ? _("Mantel-Byar p, and the hazard ratio of responding (time-dependent Cox model)")
                               : _("Log-rank p, and the hazard ratio for two groups"));
  gtk_widget_set_visible (GTK_WIDGET (self->censor_marks_row), kind == EP_FIGURE_KM);
  gtk_widget_set_visible (GTK_WIDGET (self->median_lines_row), kind == EP_FIGURE_KM);
  gtk_widget_set_visible (GTK_WIDGET (self->group_hr_row), kind == EP_FIGURE_KM);
  gtk_widget_set_visible (GTK_WIDGET (self->univariable_row), kind == EP_FIGURE_COX_TABLE);
  gtk_widget_set_visible (GTK_WIDGET (self->landmark_axis_row),
                          ep_figure_is_landmark (self->figure));
  gtk_widget_set_visible (GTK_WIDGET (self->landmark_overall_row),
                          ep_figure_is_landmark (self->figure));
}

/* ---- the published arm --------------------------------------------------------------------- */

/* The project's reconstructed cohorts, in the project's order. */
static GPtrArray *
reconstructed_cohorts (EpProject *project)
{
  GListModel *cohorts = ep_project_get_cohorts (project);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; k < g_list_model_get_n_items (cohorts); k++)
    {
      g_autoptr(EpCohort) cohort = g_list_model_get_item (cohorts, k);
      const char *name = ep_cohort_get_name (cohort);

      if (ep_project_find_reconstruction (project, name, NULL) != NULL)
        g_ptr_array_add (names, g_strdup (name));
    }
  return names;
}

static gboolean
same_names (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint k = 0; k < a->len; k++)
    if (g_strcmp0 (g_ptr_array_index (a, k), g_ptr_array_index (b, k)) != 0)
      return FALSE;
  return TRUE;
}

/* Shows what the figure has: the list of the project's reconstructed cohorts, the one
 * overlaid selected (None otherwise); without any, the row says where to make one. */
static void
ep_figure_options_sync_overlay (EpFigureOptions *self)
{
  g_autoptr(GPtrArray) names = NULL;
  const char *current;
  guint selected = 0;
  gboolean shown;

  g_assert (EP_IS_FIGURE_OPTIONS (self));

  shown = self->figure != NULL && self->project != NULL
          && ep_figure_get_kind (self->figure) == EP_FIGURE_KM
          && ep_project_get_figure_source (self->project, self->figure) != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->overlay_group), shown);
  if (!shown)
    return;

  names = reconstructed_cohorts (self->project);
  current = ep_project_get_figure_overlay (self->project, self->figure);
  self->syncing_overlay = TRUE;
  if (!same_names (names, self->overlay_names))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->overlay_model));

      g_ptr_array_set_size (self->overlay_names, 0);
      for (guint k = 0; k < names->len; k++)
        g_ptr_array_add (self->overlay_names, g_strdup (g_ptr_array_index (names, k)));
      g_ptr_array_add (names, NULL);
      gtk_string_list_splice (self->overlay_model, 1, n - 1, (const char * const *) names->pdata);
    }
  for (guint k = 0; current != NULL && k < self->overlay_names->len; k++)
    if (g_strcmp0 (g_ptr_array_index (self->overlay_names, k), current) == 0)
      selected = k + 1;
  adw_combo_row_set_selected (self->overlay_row, selected);
  self->syncing_overlay = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->overlay_row), self->overlay_names->len > 0);
  if (self->overlay_names->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->overlay_row),
                                 _("None in this project yet: on the Trials page, Digitize a "
                                   "Figure… and Reconstruct"));
  else if (selected > 0)
    /* the legend names it; the row keeps its room for the cohort's name */
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->overlay_row), "");
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->overlay_row),
                                 _("Only your patients’ curves"));
}

/* A choice in the list sets the published arm (None removes it): an undo step. */
static void
overlay_selected_cb (EpFigureOptions *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->overlay_row);
  const char *name;

  if (self->syncing_overlay || self->figure == NULL || self->project == NULL
      || selected == GTK_INVALID_LIST_POSITION || selected > self->overlay_names->len)
    return;
  name = selected > 0 ? g_ptr_array_index (self->overlay_names, selected - 1) : NULL;
  if (g_strcmp0 (name, ep_project_get_figure_overlay (self->project, self->figure)) == 0)
    return;
  if (!ep_project_set_figure_overlay (self->project, self->figure, name, &error))
    {
      ep_figure_options_sync_overlay (self);
      /* why it could not be set, where it was chosen */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->overlay_row), error->message);
      return;
    }
  ep_figure_options_sync_overlay (self);
}

/* ---- GObject ------------------------------------------------------------------------------- */

/* A side panel: as wide as its rows need, not as wide as the preferences page would grow. */
static void
ep_figure_options_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GTK_WIDGET_CLASS (ep_figure_options_parent_class)->measure (widget, orientation, for_size,
                                                              minimum, natural,
                                                              minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, 380);
}

static void
ep_figure_options_dispose (GObject *object)
{
  EpFigureOptions *self = EP_FIGURE_OPTIONS (object);

  if (self->bindings != NULL)
    ep_figure_options_unbind (self);
  if (self->figure != NULL)
    g_signal_handlers_disconnect_by_data (self->figure, self);
  g_clear_object (&self->figure);
  ep_figure_options_set_project (self, NULL);

  /* AdwBin unparents its child (the template) itself. */

  G_OBJECT_CLASS (ep_figure_options_parent_class)->dispose (object);
}

static void
ep_figure_options_finalize (GObject *object)
{
  EpFigureOptions *self = EP_FIGURE_OPTIONS (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->overlay_names, g_ptr_array_unref);

  G_OBJECT_CLASS (ep_figure_options_parent_class)->finalize (object);
}

static void
ep_figure_options_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EpFigureOptions *self = EP_FIGURE_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_FIGURE:
      g_value_set_object (value, self->figure);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_figure_options_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EpFigureOptions *self = EP_FIGURE_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_FIGURE:
      ep_figure_options_set_figure (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_figure_options_class_init (EpFigureOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_figure_options_dispose;
  object_class->finalize = ep_figure_options_finalize;
  object_class->get_property = ep_figure_options_get_property;
  object_class->set_property = ep_figure_options_set_property;

  widget_class->measure = ep_figure_options_measure;

  properties[PROP_FIGURE] =
    g_param_spec_object ("figure", NULL, NULL,
                         EP_TYPE_FIGURE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-figure-options.ui");
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, curves_group);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, risk_group);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, axes_group);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, title_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, x_label_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, y_label_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, ci_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, censor_marks_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, censor_marks_switch);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, group_hr_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, group_hr_switch);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, univariable_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, univariable_switch);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, median_lines_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, median_lines_switch);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, legend_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, overlay_group);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, overlay_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, overlay_model);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, show_stats_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, show_stats_switch);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, risk_table_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, risk_table_switch);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, risk_table_events_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, risk_table_events_switch);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, data_unit_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, time_unit_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, landmark_axis_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, landmark_overall_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, landmark_overall_switch);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, tick_interval_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, tick_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, x_max_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, x_max_spin);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, y_min_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, y_min_spin);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, y_max_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, y_max_spin);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, y_percent_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, y_percent_switch);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, palette_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, language_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, decimal_mark_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, font_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, font_size_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, font_size_spin);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, line_width_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, line_width_spin);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, width_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, width_spin);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, height_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureOptions, height_spin);
}

static void
ep_figure_options_init (EpFigureOptions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_ptr_array_new ();
  self->overlay_names = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_object (self->overlay_row, "notify::selected",
                           G_CALLBACK (overlay_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
ep_figure_options_new (void)
{
  return g_object_new (EP_TYPE_FIGURE_OPTIONS, NULL);
}

EpFigure *
ep_figure_options_get_figure (EpFigureOptions *self)
{
  g_return_val_if_fail (EP_IS_FIGURE_OPTIONS (self), NULL);

  return self->figure;
}

void
ep_figure_options_set_figure (EpFigureOptions *self,
                              EpFigure        *figure)
{
  g_return_if_fail (EP_IS_FIGURE_OPTIONS (self));
  g_return_if_fail (figure == NULL || EP_IS_FIGURE (figure));

  if (self->figure == figure)
    return;

  ep_figure_options_unbind (self);
  if (self->figure != NULL)
    g_signal_handlers_disconnect_by_data (self->figure, self);
  g_set_object (&self->figure, figure);
  if (figure != NULL)
    {
      ep_figure_options_bind (self);
      /* undo, redo and the digitizer change the published arm too */
      g_signal_connect_object (figure, "changed", G_CALLBACK (ep_figure_options_sync_overlay),
                               self, G_CONNECT_SWAPPED);
    }
  ep_figure_options_sync_overlay (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), figure != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIGURE]);
}

GtkWidget *
ep_figure_options_get_row (EpFigureOptions *self,
                           const char      *property)
{
  g_return_val_if_fail (EP_IS_FIGURE_OPTIONS (self), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (g_strcmp0 (options[i].property, property) == 0)
      return member (self, options[i].row);

  return NULL;
}

static void
project_weak_notify (gpointer  data,
                     GObject  *where_the_object_was)
{
  EpFigureOptions *self = data;

  self->project = NULL;
  ep_figure_options_sync_overlay (self);
}

void
ep_figure_options_set_project (EpFigureOptions *self,
                               EpProject       *project)
{
  g_return_if_fail (EP_IS_FIGURE_OPTIONS (self));
  g_return_if_fail (project == NULL || EP_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_object_weak_unref (G_OBJECT (self->project), project_weak_notify, self);
    }
  self->project = project;
  if (project != NULL)
    {
      g_object_weak_ref (G_OBJECT (project), project_weak_notify, self);
      /* a cohort reconstructed, renamed or removed */
      g_signal_connect_object (project, "changed", G_CALLBACK (ep_figure_options_sync_overlay),
                               self, G_CONNECT_SWAPPED);
    }
  ep_figure_options_sync_overlay (self);
}

GtkWidget *
ep_figure_options_get_overlay_row (EpFigureOptions *self)
{
  g_return_val_if_fail (EP_IS_FIGURE_OPTIONS (self), NULL);

  return GTK_WIDGET (self->overlay_row);
}
