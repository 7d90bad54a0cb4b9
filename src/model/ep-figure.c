/* ep-figure.c: a figure: data source, computed result, options and style
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The constructors, which resolve a figure's data and compute what it shows, are in
 * ep-figure-new.c; ep-figure-private.h holds the struct they share.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/ep-figure-private.h"
#include "plot/ep-plot-i18n.h"

G_DEFINE_FINAL_TYPE (EpFigure, ep_figure, G_TYPE_OBJECT)

G_DEFINE_QUARK (ep-figure-error-quark, ep_figure_error)

G_DEFINE_ENUM_TYPE (EpFigureKind, ep_figure_kind,
  G_DEFINE_ENUM_VALUE (EP_FIGURE_KM, "km"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_CIF, "cif"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_FOREST_PROPORTIONS, "forest-proportions"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_FOREST_RATIOS, "forest-ratios"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_COX_TABLE, "cox-table"))

G_DEFINE_ENUM_TYPE (EpFigureLandmarkAxis, ep_figure_landmark_axis,
  G_DEFINE_ENUM_VALUE (EP_FIGURE_LANDMARK_ORIGINAL, "original"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_LANDMARK_FROM, "from-landmark"))

G_DEFINE_ENUM_TYPE (EpFigureOutcome, ep_figure_outcome,
  G_DEFINE_ENUM_VALUE (EP_FIGURE_OUTCOME_CR, "cr"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_OUTCOME_MRD_NEG, "mrd-negative"))

G_DEFINE_ENUM_TYPE (EpPlotCi, ep_plot_ci,
  G_DEFINE_ENUM_VALUE (EP_PLOT_CI_NONE, "none"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_CI_BANDS, "bands"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_CI_LINES, "lines"))

G_DEFINE_ENUM_TYPE (EpPlotLegend, ep_plot_legend,
  G_DEFINE_ENUM_VALUE (EP_PLOT_LEGEND_NONE, "none"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_LEGEND_INSIDE, "inside"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_LEGEND_OUTSIDE, "outside"))

G_DEFINE_ENUM_TYPE (EpPlotTimeUnit, ep_plot_time_unit,
  G_DEFINE_ENUM_VALUE (EP_PLOT_TIME_UNSPECIFIED, "unspecified"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_TIME_DAYS, "days"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_TIME_WEEKS, "weeks"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_TIME_MONTHS, "months"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_TIME_YEARS, "years"))

G_DEFINE_ENUM_TYPE (EpPlotPalette, ep_plot_palette,
  G_DEFINE_ENUM_VALUE (EP_PLOT_PALETTE_OKABE_ITO, "okabe-ito"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_PALETTE_GRAYSCALE, "grayscale"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_PALETTE_NEJM, "nejm"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_PALETTE_LANCET, "lancet"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_PALETTE_JCO, "jco"))

/* The nicks are the strings of ep_plot_language_to_string() and the CLI's --figure-language. */
G_DEFINE_ENUM_TYPE (EpPlotLanguage, ep_plot_language,
  G_DEFINE_ENUM_VALUE (EP_PLOT_LANGUAGE_EN, "en"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_LANGUAGE_DE, "de"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_LANGUAGE_ZH_CN, "zh_CN"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_LANGUAGE_APP, "app"))

G_DEFINE_ENUM_TYPE (EpPlotDecimalMark, ep_plot_decimal_mark,
  G_DEFINE_ENUM_VALUE (EP_PLOT_DECIMAL_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_DECIMAL_DOT, "dot"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_DECIMAL_COMMA, "comma"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_SUBTITLE,
  /* Options and style: every writable property is saved by ep_figure_to_json(). */
  PROP_TITLE,
  PROP_X_LABEL,
  PROP_Y_LABEL,
  PROP_CI,
  PROP_CENSOR_MARKS,
  PROP_RISK_TABLE,
  PROP_RISK_TABLE_EVENTS,
  PROP_MEDIAN_LINES,
  PROP_LEGEND,
  PROP_SHOW_STATS,
  PROP_DATA_UNIT,
  PROP_TIME_UNIT,
  PROP_TICK_INTERVAL,
  PROP_X_MAX,
  PROP_Y_MIN,
  PROP_Y_MAX,
  PROP_Y_PERCENT,
  PROP_FONT_FAMILY,
  PROP_FONT_SIZE,
  PROP_LINE_WIDTH,
  PROP_PALETTE,
  PROP_WIDTH_MM,
  PROP_HEIGHT_MM,
  PROP_DPI,
  PROP_LANGUAGE,
  PROP_DECIMAL_MARK,

  PROP_UNIVARIABLE,
  PROP_GROUP_HR,
  PROP_LANDMARK_AXIS,
  PROP_LANDMARK_OVERALL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------------------------- */

static gboolean
nonempty (const char *text)
{
  return text != NULL && *text != '\0';
}

/* g_set_str() is GLib 2.76. */
static gboolean
set_str (char       **field,
         const char  *text)
{
  if (g_strcmp0 (*field, text) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (text);
  return TRUE;
}

/* ---- rendering ----------------------------------------------------------------------------- */

static void overlay_sync (EpFigure *self);

void
ep_figure_render (EpFigure     *self,
                  cairo_t      *cr,
                  double        width,
                  double        height,
                  EpPlotLayout *layout)
{
  g_return_if_fail (EP_IS_FIGURE (self));
  g_return_if_fail (cr != NULL);

  /* An analysis that has no result yet (or whose inputs are gone): nothing to draw. */
  if (!ep_figure_has_data (self))
    return;

  switch (self->kind)
    {
    case EP_FIGURE_KM:
      {
        EpKmPlot plot;
        g_autofree double *hr = NULL;
        g_autofree char *hr_label = NULL;
        const char *simon_makuch_labels[3] = { NULL, NULL, NULL };

        ep_km_plot_init (&plot, self->km);
        plot.options = self->options;
        if (plot.options.y_max == 0.0)
          plot.options.y_max = 1.0;
        if (self->levels != NULL)
          plot.labels = ep_levels_get_labels (self->levels);
        /* the Simon-Makuch curves' names in the figure's language */
        if (self->simon_makuch)
          {
            simon_makuch_labels[0] = ep_plot_gettext (&self->style, N_("No response (yet)"));
            simon_makuch_labels[1] = ep_plot_gettext (&self->style, N_("Responded"));
            plot.labels = simon_makuch_labels;
          }
        /* the figure's data unit may have changed since the overlay was set */
        overlay_sync (self);
        if (self->overlay != NULL)
          {
            plot.overlay = self->overlay;
            plot.overlay_labels = (const char * const *) self->overlay_labels->pdata;
          }
        /* three or more groups: each against the reference (issue 13) */
        if (self->group_hr && self->analysis != NULL && ep_analysis_get_group_hr (self->analysis) != NULL
            && ep_analysis_get_group_hr (self->analysis)->n_groups == self->km->n_groups)
          {
            const EpGroupHr *g = ep_analysis_get_group_hr (self->analysis);

            hr = g_new (double, 3 * g->n_groups);
            for (guint k = 0; k < g->n_groups; k++)
              {
                gboolean ok = !g->singular[k] && !g->infinite[k];

                hr[k] = ok ? g->hr[k] : NAN;
                hr[g->n_groups + k] = ok ? g->lower[k] : NAN;
                hr[2 * g->n_groups + k] = ok ? g->upper[k] : NAN;
              }
            plot.group_hr = hr;
            plot.group_hr_lower = hr + g->n_groups;
            plot.group_hr_upper = hr + 2 * g->n_groups;
            plot.group_hr_reference = g->reference;
          }
        if (self->show_stats)
          {
            plot.logrank_p = self->logrank_p;
            plot.hr = self->hr;
            plot.hr_lower = self->hr_lower;
            plot.hr_upper = self->hr_upper;
            plot.hr_label = self->hr_label;
            if (self->hr_phrase != NULL)
              plot.hr_label = hr_label = ep_plot_phrase_write (self->hr_phrase, &self->style);
            /* "B vs A" in the figure's language, made now (not when the data were) */
            if (self->hr_label != NULL && self->levels != NULL && self->levels->n_levels == 2)
              plot.hr_label = hr_label
                = g_strdup_printf (ep_plot_gettext (&self->style, N_("%s vs %s")),
                                   ep_levels_get_label (self->levels, 1),
                                   ep_levels_get_label (self->levels, 0));
          }
        /* A landmark analysis (issue 16): its times are from the landmark. On the original
         * axis the curves start at the landmark, which a dashed line marks; from the landmark,
         * the axis says so unless the user titled it. */
        if (self->analysis != NULL && !self->simon_makuch
            && isfinite (ep_analysis_get_landmark_time (self->analysis)))
          {
            g_auto(EpPlotStyle) style = { 0, };
            double landmark = ep_analysis_get_landmark_time (self->analysis);
            const char *unit = ep_analysis_get_time_unit (self->analysis);
            g_autofree char *label = NULL;

            ep_plot_style_copy (&self->style, &style);
            g_autofree char *key = g_strconcat ("time unit\004", unit != NULL ? unit : "", NULL);
            const char *unit_text = ep_plot_gettext (&self->style, key);

            /* the unit in the figure's language (msgctxt "time unit", as the tables) */
            if (unit_text == key)
              unit_text = unit != NULL ? unit : "";
            if (self->landmark_axis == EP_FIGURE_LANDMARK_ORIGINAL)
              {
                /* TRANSLATORS: the line marking a landmark on a figure: "Landmark: 6 months" */
                g_autoptr(EpPlotPhrase) phrase = NULL;

                /* the landmark in the figure's decimal mark, not LC_NUMERIC's */
                phrase = ep_plot_phrase_new (N_("Landmark: %g %s"), ep_plot_phrase_number (landmark, -1),
                                             ep_plot_phrase_text (unit_text), NULL);
                label = ep_plot_phrase_write (phrase, &self->style);
                plot.time_offset = landmark;
                plot.marker_label = g_strstrip (label);
                if (self->landmark_overall)
                  {
                    plot.before = ep_analysis_get_landmark_overall (self->analysis);
                    /* TRANSLATORS: the legend of the grey curve before a landmark */
                    plot.before_label = ep_plot_gettext (&self->style,
                                                         N_("All patients, before the landmark"));
                  }
              }
            else if (style.x_label == NULL)
              {
                /* TRANSLATORS: the x axis of a landmark analysis: "Time from the landmark at 2.4 months" */
                g_autoptr(EpPlotPhrase) phrase = NULL;

                phrase = ep_plot_phrase_new (N_("Time from the landmark at %g %s"),
                                             ep_plot_phrase_number (landmark, -1),
                                             ep_plot_phrase_text (unit_text), NULL);
                label = ep_plot_phrase_write (phrase, &self->style);
                style.x_label = g_strdup (g_strstrip (label));
              }
            ep_km_plot_render (cr, width, height, &plot, &style, layout);
          }
        else
          ep_km_plot_render (cr, width, height, &plot, &self->style, layout);
      }
      break;

    case EP_FIGURE_CIF:
      {
        EpCifPlot plot;
        g_auto(GStrv) cause_labels = NULL;

        ep_cif_plot_init (&plot, self->cif);
        plot.options = self->options;
        if (plot.options.y_max == 0.0)
          plot.options.y_max = NAN;
        plot.at_risk = self->options.risk_table ? self->km : NULL;
        plot.gray = self->show_stats ? self->gray : NULL;
        if (self->levels != NULL)
          plot.group_labels = ep_levels_get_labels (self->levels);
        if (self->cause_labels != NULL)
          {
            guint n = g_strv_length (self->cause_labels);

            /* an unlabelled cause: "Cause 1" in the figure's language */
            cause_labels = g_new0 (char *, n + 1);
            for (guint c = 0; c < n; c++)
              cause_labels[c] = *self->cause_labels[c] != '\0' || c >= self->cif->n_causes
                                ? g_strdup (self->cause_labels[c])
                                : g_strdup_printf (ep_plot_gettext (&self->style, N_("Cause %d")),
                                                   self->cif->causes[c]);
            plot.cause_labels = (const char * const *) cause_labels;
          }
        ep_cif_plot_render (cr, width, height, &plot, &self->style, layout);
      }
      break;

    case EP_FIGURE_FOREST_PROPORTIONS:
    case EP_FIGURE_FOREST_RATIOS:
    case EP_FIGURE_COX_TABLE:
      {
        /* x-label overrides the forest's own axis label. */
        char *x_label = self->forest->x_label;
        EpPlotPhrase *x_label_phrase = self->forest->x_label_phrase;
        guint n_panels = self->forest->n_panels;

        self->forest->x_label = nonempty (self->style.x_label) ? self->style.x_label
                                                                : self->forest_x_label;
        /* the user's title as it is; the default made in the figure's language */
        if (nonempty (self->style.x_label))
          self->forest->x_label_phrase = NULL;
        /* a Cox figure without its univariable panel: the multivariable one alone */
        if (self->kind == EP_FIGURE_COX_TABLE && !self->univariable)
          self->forest->n_panels = 1;
        ep_forest_plot_render (cr, width, height, self->forest, &self->style, layout);
        self->forest->x_label = x_label;
        self->forest->x_label_phrase = x_label_phrase;
        self->forest->n_panels = n_panels;
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

EpPlotLayout *
ep_figure_layout (EpFigure *self)
{
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  ep_figure_render (self, cr, ep_plot_mm_to_pt (self->style.width_mm),
                    ep_plot_mm_to_pt (self->style.height_mm), layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return g_steal_pointer (&layout);
}

static void
draw_cb (cairo_t  *cr,
         double    width,
         double    height,
         gpointer  user_data)
{
  ep_figure_render (EP_FIGURE (user_data), cr, width, height, NULL);
}

gboolean
ep_figure_export (EpFigure     *self,
                  const char   *path,
                  EpPlotFormat  format,
                  GError      **error)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Never a file whose numbers disagree with the data: the caller waits for the update. */
  if (ep_figure_is_outdated (self))
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_OUTDATED,
                   _("The figure is being updated after a change of its data; export it again "
                     "when the update has finished"));
      return FALSE;
    }
  if (!ep_figure_has_data (self))
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("The figure has no result to draw yet"));
      return FALSE;
    }

  return ep_plot_export (path, format, &self->style, draw_cb, self, error);
}

gboolean
ep_figure_has_data (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), FALSE);

  switch (self->kind)
    {
    case EP_FIGURE_KM:  return self->km != NULL;
    case EP_FIGURE_CIF: return self->cif != NULL && self->km != NULL;
    default:            return self->forest != NULL;
    }
}

const EpForestPlot *
ep_figure_get_forest (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return self->forest;
}

guint
ep_figure_count_forest_rows (EpFigure        *self,
                             EpForestRowKind  kind)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), 0);

  return self->forest != NULL ? ep_forest_plot_count_rows (self->forest, kind) : 0;
}

/* ---- JSON ---------------------------------------------------------------------------------- */

static gboolean
is_option (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_WRITABLE) != 0 &&
         (pspec->flags & G_PARAM_CONSTRUCT_ONLY) == 0 &&
         pspec->owner_type == EP_TYPE_FIGURE;
}

JsonNode *
ep_figure_to_json (EpFigure *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GEnumClass) kinds = g_type_class_ref (EP_TYPE_FIGURE_KIND);

  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, g_enum_get_value (kinds, self->kind)->value_nick);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  for (guint p = 1; p < N_PROPS; p++)
    {
      GParamSpec *pspec = properties[p];
      g_auto(GValue) value = G_VALUE_INIT;

      if (!is_option (pspec))
        continue;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (self), pspec->name, &value);
      json_builder_set_member_name (builder, pspec->name);
      switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
        {
        case G_TYPE_BOOLEAN:
          json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
          break;
        case G_TYPE_DOUBLE:
          json_builder_add_double_value (builder, g_value_get_double (&value));
          break;
        case G_TYPE_STRING:
          if (g_value_get_string (&value) != NULL)
            json_builder_add_string_value (builder, g_value_get_string (&value));
          else
            json_builder_add_null_value (builder);
          break;
        case G_TYPE_ENUM:
          {
            GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;

            json_builder_add_string_value (builder,
                                           g_enum_get_value (enum_class, g_value_get_enum (&value))->value_nick);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* One option from JSON into value (initialised to the property's type); FALSE when the JSON
 * value has the wrong type or is out of the property's range. */
static gboolean
option_from_json (GParamSpec *pspec,
                  JsonNode   *node,
                  GValue     *value)
{
  GType json_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_BOOLEAN:
      if (json_type != G_TYPE_BOOLEAN)
        return FALSE;
      g_value_set_boolean (value, json_node_get_boolean (node));
      break;
    case G_TYPE_DOUBLE:
      if (json_type != G_TYPE_DOUBLE && json_type != G_TYPE_INT64)
        return FALSE;
      g_value_set_double (value, json_node_get_double (node));
      break;
    case G_TYPE_STRING:
      if (JSON_NODE_HOLDS_NULL (node))
        g_value_set_string (value, NULL);
      else if (json_type == G_TYPE_STRING)
        g_value_set_string (value, json_node_get_string (node));
      else
        return FALSE;
      break;
    case G_TYPE_ENUM:
      {
        GEnumValue *enum_value;

        if (json_type != G_TYPE_STRING)
          return FALSE;
        enum_value = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                               json_node_get_string (node));
        if (enum_value == NULL)
          return FALSE;
        g_value_set_enum (value, enum_value->value);
      }
      break;
    default:
      return FALSE;
    }

  /* g_param_value_validate() clamps and says whether it had to. */
  return !g_param_value_validate (pspec, value);
}

gboolean
ep_figure_load_json (EpFigure  *self,
                     JsonNode  *node,
                     GError   **error)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (EP_TYPE_FIGURE_KIND);
  g_autoptr(GPtrArray) specs = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  JsonObject *object, *options;
  const char *kind;

  g_return_val_if_fail (EP_IS_FIGURE (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_JSON,
                           _("A saved figure must be a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (node);
  kind = json_object_get_string_member_with_default (object, "kind", NULL);
  if (kind == NULL || g_enum_get_value_by_nick (kinds, kind) == NULL ||
      (EpFigureKind) g_enum_get_value_by_nick (kinds, kind)->value != self->kind)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_JSON,
                   _("The saved figure is of kind “%s”, not “%s”"),
                   kind != NULL ? kind : "", g_enum_get_value (kinds, self->kind)->value_nick);
      return FALSE;
    }
  if (!json_object_has_member (object, "options"))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "options")))
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_JSON,
                           _("The saved figure's options must be a JSON object"));
      return FALSE;
    }
  options = json_object_get_object_member (object, "options");

  /* Read every option first, so that a bad one changes nothing. */
  for (guint p = 1; p < N_PROPS; p++)
    {
      GParamSpec *pspec = properties[p];
      GValue value = G_VALUE_INIT;

      if (!is_option (pspec) || !json_object_has_member (options, pspec->name))
        continue;

      g_value_init (&value, pspec->value_type);
      if (!option_from_json (pspec, json_object_get_member (options, pspec->name), &value))
        {
          g_value_unset (&value);
          g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_JSON,
                       _("The saved figure's option “%s” has a value of the wrong type or out of range"),
                       pspec->name);
          return FALSE;
        }
      g_array_append_val (values, value);
      g_ptr_array_add (specs, pspec);
    }

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < specs->len; i++)
    g_object_set_property (G_OBJECT (self), ((GParamSpec *) specs->pdata[i])->name,
                           &g_array_index (values, GValue, i));
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/* ---- accessors ----------------------------------------------------------------------------- */

EpFigureKind
ep_figure_get_kind (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), EP_FIGURE_KM);

  return self->kind;
}

const char *
ep_figure_get_title (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return self->style.title;
}

void
ep_figure_set_title (EpFigure   *self,
                     const char *title)
{
  g_return_if_fail (EP_IS_FIGURE (self));

  g_object_set (self, "title", title, NULL);
}

const char *
ep_figure_get_display_name (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  if (nonempty (self->style.title))
    return self->style.title;

  switch (self->kind)
    {
    case EP_FIGURE_KM:                 return _("Kaplan-Meier Curves");
    case EP_FIGURE_CIF:                return _("Cumulative Incidence");
    case EP_FIGURE_FOREST_PROPORTIONS: return _("Forest Plot of Proportions");
    case EP_FIGURE_FOREST_RATIOS:      return _("Forest Plot of Ratios");
    case EP_FIGURE_COX_TABLE:          return _("Hazard Ratios");
    default:                           g_return_val_if_reached (NULL);
    }
}

const char *
ep_figure_get_subtitle (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return self->subtitle;
}

EpCohort *
ep_figure_get_cohort (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return self->cohort;
}

const char *
ep_figure_get_path (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return self->path;
}

const char * const *
ep_figure_get_notes (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  if (self->overlay_note == NULL && self->data_note == NULL)
    return (const char * const *) self->notes->pdata;
  /* the figure's own notes (rebuilt with each result), then what its data and the overlay's
   * are (the caveat of reconstructed patients, once even when both are) */
  g_ptr_array_set_size (self->all_notes, 0);
  for (guint k = 0; k < self->notes->len && g_ptr_array_index (self->notes, k) != NULL; k++)
    g_ptr_array_add (self->all_notes, g_ptr_array_index (self->notes, k));
  if (self->data_note != NULL)
    g_ptr_array_add (self->all_notes, self->data_note);
  if (self->overlay_note != NULL && g_strcmp0 (self->overlay_note, self->data_note) != 0)
    g_ptr_array_add (self->all_notes, self->overlay_note);
  g_ptr_array_add (self->all_notes, NULL);
  return (const char * const *) self->all_notes->pdata;
}

void
ep_figure_set_data_note (EpFigure   *self,
                         const char *note)
{
  g_return_if_fail (EP_IS_FIGURE (self));

  if (g_strcmp0 (self->data_note, note) == 0)
    return;
  g_free (self->data_note);
  self->data_note = g_strdup (note);
}

/* The unit the figure's data are in, as the KM renderer reads them (ep-km-plot.h: days when
 * only the axis has a unit). */
static EpPlotTimeUnit
overlay_target_unit (EpFigure *self)
{
  if (self->options.data_unit == EP_PLOT_TIME_UNSPECIFIED
      && self->options.time_unit != EP_PLOT_TIME_UNSPECIFIED)
    return EP_PLOT_TIME_DAYS;
  return self->options.data_unit;
}

static double
plot_unit_days (EpPlotTimeUnit unit)
{
  switch (unit)
    {
    case EP_PLOT_TIME_WEEKS:  return 7.0;
    case EP_PLOT_TIME_MONTHS: return EP_DAYS_PER_MONTH;
    case EP_PLOT_TIME_YEARS:  return 365.25;
    case EP_PLOT_TIME_DAYS:
    case EP_PLOT_TIME_UNSPECIFIED:
    default:                  return 1.0;
    }
}

/* Fits the overlay's patients in the figure's data unit. */
static EpKmResult *
overlay_fit (EpFigure  *self,
             GError   **error)
{
  EpPlotTimeUnit target = overlay_target_unit (self);
  g_autofree double *time = g_memdup2 (self->overlay_time, self->overlay_n * sizeof (double));
  EpKmResult *fit;

  if (self->overlay_unit != EP_PLOT_TIME_UNSPECIFIED && target != EP_PLOT_TIME_UNSPECIFIED
      && self->overlay_unit != target)
    {
      double factor = plot_unit_days (self->overlay_unit) / plot_unit_days (target);

      for (gsize i = 0; i < self->overlay_n; i++)
        time[i] *= factor;
    }
  fit = ep_km_fit (time, self->overlay_status, NULL, 1, self->overlay_n, EP_KM_CONF_LOG_LOG,
                   0.95, NULL, 0, error);
  if (fit != NULL)
    self->overlay_fit_unit = target;
  return fit;
}

/* The overlay in the figure's current data unit: fitted again when the unit changed since. */
static void
overlay_sync (EpFigure *self)
{
  EpKmResult *fit;

  if (self->overlay == NULL || self->overlay_fit_unit == overlay_target_unit (self))
    return;
  fit = overlay_fit (self, NULL);
  if (fit == NULL)
    return;   /* the same patients fitted before: cannot fail */
  ep_km_result_free (self->overlay);
  self->overlay = fit;
}

gboolean
ep_figure_set_overlay (EpFigure      *self,
                       const double  *time,
                       const int     *status,
                       gsize          n,
                       EpPlotTimeUnit unit,
                       const char    *label,
                       const char    *note,
                       GError       **error)
{
  g_autoptr(EpKmResult) fit = NULL;
  g_autofree double *old_time = NULL;
  g_autofree int *old_status = NULL;
  gsize old_n;
  EpPlotTimeUnit old_unit;

  g_return_val_if_fail (EP_IS_FIGURE (self), FALSE);
  g_return_val_if_fail (n == 0 || (time != NULL && status != NULL), FALSE);

  if (self->kind != EP_FIGURE_KM)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                   _("Only a Kaplan-Meier figure can show a published arm"));
      return FALSE;
    }
  old_time = g_steal_pointer (&self->overlay_time);
  old_status = g_steal_pointer (&self->overlay_status);
  old_n = self->overlay_n;
  old_unit = self->overlay_unit;
  self->overlay_time = g_memdup2 (time, n * sizeof (double));
  self->overlay_status = g_memdup2 (status, n * sizeof (int));
  self->overlay_n = n;
  self->overlay_unit = unit;
  if (n > 0)
    {
      fit = overlay_fit (self, error);
      if (fit == NULL)
        {
          /* keep the overlay as it was */
          g_free (self->overlay_time);
          g_free (self->overlay_status);
          self->overlay_time = g_steal_pointer (&old_time);
          self->overlay_status = g_steal_pointer (&old_status);
          self->overlay_n = old_n;
          self->overlay_unit = old_unit;
          return FALSE;
        }
    }
  g_clear_pointer (&self->overlay, ep_km_result_free);
  g_ptr_array_set_size (self->overlay_labels, 0);
  g_clear_pointer (&self->overlay_note, g_free);
  if (fit != NULL)
    {
      self->overlay = g_steal_pointer (&fit);
      g_ptr_array_add (self->overlay_labels, g_strdup (label != NULL ? label : _("Published arm")));
      self->overlay_note = g_strdup (note);
    }
  g_ptr_array_add (self->overlay_labels, NULL);
  _ep_figure_emit_changed (self);
  return TRUE;
}

const EpPlotStyle *
ep_figure_get_style (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return &self->style;
}

double
ep_figure_get_aspect_ratio (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), 1.0);

  return self->style.width_mm / self->style.height_mm;
}

void
_ep_figure_emit_changed (EpFigure *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
ep_figure_dispatch_properties_changed (GObject     *object,
                                       guint        n_pspecs,
                                       GParamSpec **pspecs)
{
  G_OBJECT_CLASS (ep_figure_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);

  /* One ::changed per batch, so a preview redraws once for a loaded set of options. */
  g_signal_emit (object, signals[CHANGED], 0);
}

void
_ep_figure_clear_data (EpFigure *self)
{
  if (self->borrowed)
    {
      self->levels = NULL;
      self->km = NULL;
      self->cif = NULL;
      self->gray = NULL;
      self->borrowed = FALSE;
    }
  g_clear_pointer (&self->levels, ep_levels_free);
  g_clear_pointer (&self->km, ep_km_result_free);
  g_clear_pointer (&self->cif, ep_cif_result_free);
  g_clear_pointer (&self->gray, ep_gray_result_free);
  g_clear_pointer (&self->cause_labels, g_strfreev);
  g_clear_pointer (&self->hr_phrase, ep_plot_phrase_unref);
}

static void
ep_figure_finalize (GObject *object)
{
  EpFigure *self = EP_FIGURE (object);

  ep_plot_style_clear (&self->style);
  g_free (self->subtitle);
  g_clear_object (&self->cohort);
  g_free (self->path);
  g_ptr_array_unref (self->notes);
  g_clear_pointer (&self->overlay, ep_km_result_free);
  g_free (self->overlay_time);
  g_free (self->overlay_status);
  g_ptr_array_unref (self->overlay_labels);
  g_free (self->overlay_note);
  g_free (self->data_note);
  g_ptr_array_unref (self->all_notes);
  if (self->analysis != NULL)
    {
      g_clear_signal_handler (&self->results_changed_id, self->analysis);
      g_clear_signal_handler (&self->state_id, self->analysis);
      g_clear_object (&self->analysis);
    }
  _ep_figure_clear_data (self);
  g_free (self->hr_label);
  g_clear_pointer (&self->forest, ep_forest_plot_free);
  g_free (self->forest_x_label);

  G_OBJECT_CLASS (ep_figure_parent_class)->finalize (object);
}

static void
ep_figure_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EpFigure *self = EP_FIGURE (object);

  switch (prop_id)
    {
    case PROP_KIND:              g_value_set_enum (value, self->kind); break;
    case PROP_SUBTITLE:          g_value_set_string (value, self->subtitle); break;
    case PROP_TITLE:             g_value_set_string (value, self->style.title); break;
    case PROP_X_LABEL:           g_value_set_string (value, self->style.x_label); break;
    case PROP_Y_LABEL:           g_value_set_string (value, self->style.y_label); break;
    case PROP_CI:                g_value_set_enum (value, self->options.ci); break;
    case PROP_CENSOR_MARKS:      g_value_set_boolean (value, self->options.censor_marks); break;
    case PROP_RISK_TABLE:        g_value_set_boolean (value, self->options.risk_table); break;
    case PROP_RISK_TABLE_EVENTS: g_value_set_boolean (value, self->options.risk_table_events); break;
    case PROP_MEDIAN_LINES:      g_value_set_boolean (value, self->options.median_lines); break;
    case PROP_LEGEND:            g_value_set_enum (value, self->options.legend); break;
    case PROP_SHOW_STATS:        g_value_set_boolean (value, self->show_stats); break;
    case PROP_UNIVARIABLE:       g_value_set_boolean (value, self->univariable); break;
    case PROP_GROUP_HR:          g_value_set_boolean (value, self->group_hr); break;
    case PROP_DATA_UNIT:         g_value_set_enum (value, self->options.data_unit); break;
    case PROP_TIME_UNIT:         g_value_set_enum (value, self->options.time_unit); break;
    case PROP_TICK_INTERVAL:     g_value_set_double (value, self->options.tick_interval); break;
    case PROP_X_MAX:             g_value_set_double (value, self->options.x_max); break;
    case PROP_Y_MIN:             g_value_set_double (value, self->options.y_min); break;
    case PROP_Y_MAX:             g_value_set_double (value, isnan (self->options.y_max) ? 0.0 : self->options.y_max); break;
    case PROP_Y_PERCENT:         g_value_set_boolean (value, self->options.y_percent); break;
    case PROP_FONT_FAMILY:       g_value_set_string (value, self->style.font_family); break;
    case PROP_FONT_SIZE:         g_value_set_double (value, self->style.font_size); break;
    case PROP_LINE_WIDTH:        g_value_set_double (value, self->style.line_width); break;
    case PROP_PALETTE:           g_value_set_enum (value, self->style.palette); break;
    case PROP_WIDTH_MM:          g_value_set_double (value, self->style.width_mm); break;
    case PROP_HEIGHT_MM:         g_value_set_double (value, self->style.height_mm); break;
    case PROP_DPI:               g_value_set_double (value, self->style.dpi); break;
    case PROP_LANGUAGE:          g_value_set_enum (value, self->style.language); break;
    case PROP_DECIMAL_MARK:      g_value_set_enum (value, self->style.decimal_mark); break;
    case PROP_LANDMARK_AXIS:     g_value_set_enum (value, self->landmark_axis); break;
    case PROP_LANDMARK_OVERALL:  g_value_set_boolean (value, self->landmark_overall); break;
    default:                     G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (EpFigure    *self,
            char       **field,
            const GValue *value,
            guint        prop_id)
{
  const char *text = g_value_get_string (value);

  /* An empty entry means "none" (or the renderer's default label). */
  if (text != NULL && *text == '\0')
    text = NULL;
  if (set_str (field, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

#define SET_FIELD(field, getter)                                             \
  G_STMT_START {                                                             \
    __typeof__ (field) v_ = (__typeof__ (field)) getter (value);             \
    if ((field) != v_)                                                       \
      {                                                                      \
        (field) = v_;                                                        \
        g_object_notify_by_pspec (object, properties[prop_id]);              \
      }                                                                      \
  } G_STMT_END

static void
ep_figure_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EpFigure *self = EP_FIGURE (object);

  switch (prop_id)
    {
    case PROP_TITLE:             set_string (self, &self->style.title, value, prop_id); break;
    case PROP_X_LABEL:           set_string (self, &self->style.x_label, value, prop_id); break;
    case PROP_Y_LABEL:           set_string (self, &self->style.y_label, value, prop_id); break;
    case PROP_CI:                SET_FIELD (self->options.ci, g_value_get_enum); break;
    case PROP_CENSOR_MARKS:      SET_FIELD (self->options.censor_marks, g_value_get_boolean); break;
    case PROP_RISK_TABLE:        SET_FIELD (self->options.risk_table, g_value_get_boolean); break;
    case PROP_RISK_TABLE_EVENTS: SET_FIELD (self->options.risk_table_events, g_value_get_boolean); break;
    case PROP_MEDIAN_LINES:      SET_FIELD (self->options.median_lines, g_value_get_boolean); break;
    case PROP_LEGEND:            SET_FIELD (self->options.legend, g_value_get_enum); break;
    case PROP_SHOW_STATS:        SET_FIELD (self->show_stats, g_value_get_boolean); break;
    case PROP_UNIVARIABLE:       SET_FIELD (self->univariable, g_value_get_boolean); break;
    case PROP_GROUP_HR:          SET_FIELD (self->group_hr, g_value_get_boolean); break;
    case PROP_DATA_UNIT:         SET_FIELD (self->options.data_unit, g_value_get_enum); break;
    case PROP_TIME_UNIT:         SET_FIELD (self->options.time_unit, g_value_get_enum); break;
    case PROP_TICK_INTERVAL:     SET_FIELD (self->options.tick_interval, g_value_get_double); break;
    case PROP_X_MAX:             SET_FIELD (self->options.x_max, g_value_get_double); break;
    case PROP_Y_MIN:             SET_FIELD (self->options.y_min, g_value_get_double); break;
    case PROP_Y_MAX:
      {
        double y_max = g_value_get_double (value);

        /* 0: the renderer's default (1 for survival, automatic for incidence) */
        if (y_max == 0.0 && self->kind == EP_FIGURE_CIF)
          y_max = NAN;
        if (!(y_max == self->options.y_max || (isnan (y_max) && isnan (self->options.y_max))))
          {
            self->options.y_max = y_max;
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_Y_PERCENT:         SET_FIELD (self->options.y_percent, g_value_get_boolean); break;
    case PROP_FONT_FAMILY:
      {
        const char *family = g_value_get_string (value);

        /* A family is needed; an empty one keeps the default. */
        if (set_str (&self->style.font_family,
                       nonempty (family) ? family : "Liberation Sans, DejaVu Sans"))
          g_object_notify_by_pspec (object, pspec);
      }
      break;
    case PROP_FONT_SIZE:
      {
        double size = g_value_get_double (value);

        if (size != self->style.font_size)
          {
            /* The title keeps its step above the text. */
            self->style.title_size += size - self->style.font_size;
            self->style.font_size = size;
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_LINE_WIDTH:        SET_FIELD (self->style.line_width, g_value_get_double); break;
    case PROP_PALETTE:           SET_FIELD (self->style.palette, g_value_get_enum); break;
    case PROP_WIDTH_MM:          SET_FIELD (self->style.width_mm, g_value_get_double); break;
    case PROP_HEIGHT_MM:         SET_FIELD (self->style.height_mm, g_value_get_double); break;
    case PROP_DPI:               SET_FIELD (self->style.dpi, g_value_get_double); break;
    case PROP_LANGUAGE:          SET_FIELD (self->style.language, g_value_get_enum); break;
    case PROP_DECIMAL_MARK:      SET_FIELD (self->style.decimal_mark, g_value_get_enum); break;
    case PROP_LANDMARK_AXIS:     SET_FIELD (self->landmark_axis, g_value_get_enum); break;
    case PROP_LANDMARK_OVERALL:  SET_FIELD (self->landmark_overall, g_value_get_boolean); break;
    default:                     G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#undef SET_FIELD

static void
ep_figure_class_init (EpFigureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispatch_properties_changed = ep_figure_dispatch_properties_changed;
  object_class->finalize = ep_figure_finalize;
  object_class->get_property = ep_figure_get_property;
  object_class->set_property = ep_figure_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, EP_TYPE_FIGURE_KIND, EP_FIGURE_KM, ro);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_X_LABEL] =
    g_param_spec_string ("x-label", NULL, NULL, NULL, rw);
  properties[PROP_Y_LABEL] =
    g_param_spec_string ("y-label", NULL, NULL, NULL, rw);
  properties[PROP_CI] =
    g_param_spec_enum ("ci", NULL, NULL, EP_TYPE_PLOT_CI, EP_PLOT_CI_BANDS, rw);
  properties[PROP_CENSOR_MARKS] =
    g_param_spec_boolean ("censor-marks", NULL, NULL, TRUE, rw);
  properties[PROP_RISK_TABLE] =
    g_param_spec_boolean ("risk-table", NULL, NULL, TRUE, rw);
  properties[PROP_RISK_TABLE_EVENTS] =
    g_param_spec_boolean ("risk-table-events", NULL, NULL, FALSE, rw);
  properties[PROP_MEDIAN_LINES] =
    g_param_spec_boolean ("median-lines", NULL, NULL, FALSE, rw);
  properties[PROP_LEGEND] =
    g_param_spec_enum ("legend", NULL, NULL, EP_TYPE_PLOT_LEGEND, EP_PLOT_LEGEND_INSIDE, rw);
  properties[PROP_SHOW_STATS] =
    g_param_spec_boolean ("show-stats", NULL, NULL, TRUE, rw);
  properties[PROP_DATA_UNIT] =
    g_param_spec_enum ("data-unit", NULL, NULL, EP_TYPE_PLOT_TIME_UNIT, EP_PLOT_TIME_UNSPECIFIED, rw);
  properties[PROP_TIME_UNIT] =
    g_param_spec_enum ("time-unit", NULL, NULL, EP_TYPE_PLOT_TIME_UNIT, EP_PLOT_TIME_UNSPECIFIED, rw);
  properties[PROP_TICK_INTERVAL] =
    g_param_spec_double ("tick-interval", NULL, NULL, 0.0, 1e6, 0.0, rw);
  properties[PROP_X_MAX] =
    g_param_spec_double ("x-max", NULL, NULL, 0.0, 1e7, 0.0, rw);
  properties[PROP_Y_MIN] =
    g_param_spec_double ("y-min", NULL, NULL, 0.0, 1.0, 0.0, rw);
  properties[PROP_Y_MAX] =
    g_param_spec_double ("y-max", NULL, NULL, 0.0, 1.0, 1.0, rw);
  properties[PROP_Y_PERCENT] =
    g_param_spec_boolean ("y-percent", NULL, NULL, FALSE, rw);
  properties[PROP_FONT_FAMILY] =
    g_param_spec_string ("font-family", NULL, NULL, NULL, rw);
  properties[PROP_FONT_SIZE] =
    g_param_spec_double ("font-size", NULL, NULL, 2.0, 72.0, 7.0, rw);
  properties[PROP_LINE_WIDTH] =
    g_param_spec_double ("line-width", NULL, NULL, 0.1, 10.0, 1.0, rw);
  properties[PROP_PALETTE] =
    g_param_spec_enum ("palette", NULL, NULL, EP_TYPE_PLOT_PALETTE, EP_PLOT_PALETTE_OKABE_ITO, rw);
  /* The limits of ep_plot_export(). */
  properties[PROP_WIDTH_MM] =
    g_param_spec_double ("width-mm", NULL, NULL, 5.0, 2000.0, 85.0, rw);
  properties[PROP_HEIGHT_MM] =
    g_param_spec_double ("height-mm", NULL, NULL, 5.0, 2000.0, 70.0, rw);
  properties[PROP_DPI] =
    g_param_spec_double ("dpi", NULL, NULL, 36.0, 4800.0, 600.0, rw);
  /* The figure's text and numbers, independent of the app's language (issue 13). */
  properties[PROP_LANGUAGE] =
    g_param_spec_enum ("language", NULL, NULL, EP_TYPE_PLOT_LANGUAGE, EP_PLOT_LANGUAGE_EN, rw);
  properties[PROP_DECIMAL_MARK] =
    g_param_spec_enum ("decimal-mark", NULL, NULL, EP_TYPE_PLOT_DECIMAL_MARK, EP_PLOT_DECIMAL_AUTO, rw);

  /* Cox: the univariable HRs beside the multivariable ones (seed 002's Table 3) */
  properties[PROP_UNIVARIABLE] =
    g_param_spec_boolean ("univariable", NULL, NULL, TRUE, rw);
  /* KM with groups: each group's HR against the reference in the annotation */
  properties[PROP_GROUP_HR] =
    g_param_spec_boolean ("group-hr", NULL, NULL, FALSE, rw);
  /* A landmark analysis's curves: on the original time axis or from the landmark. */
  properties[PROP_LANDMARK_AXIS] =
    g_param_spec_enum ("landmark-axis", NULL, NULL, EP_TYPE_FIGURE_LANDMARK_AXIS,
                       EP_FIGURE_LANDMARK_ORIGINAL, rw);
  /* On the original axis: all patients' curve in grey before the landmark. */
  properties[PROP_LANDMARK_OVERALL] =
    g_param_spec_boolean ("landmark-overall", NULL, NULL, TRUE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpFigure::changed:
   *
   * An option or the style changed: the figure should be drawn again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ep_figure_init (EpFigure *self)
{
  ep_plot_style_init (&self->style);
  ep_time_plot_options_init (&self->options);
  self->show_stats = TRUE;
  self->univariable = TRUE;
  self->landmark_overall = TRUE;
  self->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->notes, NULL);
  self->overlay_labels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->overlay_labels, NULL);
  self->all_notes = g_ptr_array_new ();
  self->logrank_p = NAN;
  self->hr = self->hr_lower = self->hr_upper = NAN;
}
