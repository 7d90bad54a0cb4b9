/* ep-trial-detail.c: everything the catalog knows about one trial arm
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail pane of the Trials page: design, response, survival, toxicity, dosing, references
 * and the provenance of the record. Trial data stays in English (it is quoted from the sources);
 * the field names are translated. Text from the catalog never goes through Pango markup.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "app/ep-trial-detail.h"
#include "app/ep-window.h"
#include "model/ep-evidence.h"
#include "model/ep-reconstruction.h"

struct _EpTrialDetail
{
  AdwBin      parent_instance;

  EpTrial    *trial;
  EpProject  *project;    /* where a digitized curve of the arm may be kept; NULL: the window's */

  /* Template children */
  GtkStack   *stack;
  GtkLabel   *title_label;
  GtkLabel   *subtitle_label;
  GtkBox     *groups;
};

G_DEFINE_FINAL_TYPE (EpTrialDetail, ep_trial_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TRIAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Values longer than this go under the field name rather than beside it. */
#define SHORT_VALUE_CHARS 28

static AdwPreferencesGroup *
add_group (EpTrialDetail *self,
           const char    *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->groups, group);

  return ADW_PREFERENCES_GROUP (group);
}

/* A row "title: value"; the value may be NULL or empty (then the row is skipped and FALSE
 * returned). */
static gboolean
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value,
         const char          *detail)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return FALSE;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (g_utf8_strlen (value, -1) <= SHORT_VALUE_CHARS && detail == NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else if (detail == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
    }
  else
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", value, detail);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), both);
    }

  adw_preferences_group_add (group, row);

  return TRUE;
}

/* A row that is a statement in itself ("median OS 7.7 mo"), with an optional note under it. */
static gboolean
add_note_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *note)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (note != NULL && *note != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), note);
  adw_preferences_group_add (group, row);

  return TRUE;
}

/* Groups are added before their rows are known; one that got none is removed again. */
static void
drop_if_empty (EpTrialDetail       *self,
               AdwPreferencesGroup *group,
               guint                n_rows)
{
  if (n_rows == 0)
    gtk_box_remove (self->groups, GTK_WIDGET (group));
}

static char *
format_count_pct (int    n,
                  double pct)
{
  g_autofree char *pct_text = ep_trial_format_pct (pct);

  if (n >= 0 && !isnan (pct))
    /* TRANSLATORS: a count and its percentage, "25 (83%)" */
    return g_strdup_printf (_("%d (%s)"), n, pct_text);
  if (n >= 0)
    return g_strdup_printf ("%d", n);

  return g_steal_pointer (&pct_text);
}

static void
add_design (EpTrialDetail *self)
{
  guint n_rows = 0;
  const EpCatalogRecord *record = ep_trial_get_record (self->trial);
  AdwPreferencesGroup *group = add_group (self, _("Design"));
  g_autofree char *n = record->n >= 0 ? g_strdup_printf ("%d", record->n) : g_strdup ("—");
  g_autofree char *age = NULL;

  g_object_get (self->trial, "median-age-text", &age, NULL);

  n_rows += add_row (group, _("Phase"), record->phase, NULL);
  n_rows += add_row (group, _("Design"), record->design, NULL);
  n_rows += add_row (group, _("Target"), record->target, NULL);
  n_rows += add_row (group, _("Setting"), ep_trial_setting_to_string (record->setting), NULL);
  n_rows += add_row (group, _("Population"), ep_trial_population_to_string (record->population), NULL);
  n_rows += add_row (group, _("Ph status"), ep_ph_status_to_string (record->ph), NULL);
  n_rows += add_row (group, _("Patients"), n, NULL);
  n_rows += add_row (group, _("Median age (range), years"), age, NULL);
  drop_if_empty (self, group, n_rows);
}

/* The value with its exact CI, what it counts, and the definition's words and source. */
static gboolean
add_outcome (AdwPreferencesGroup     *group,
             const char              *title,
             const EpCatalogRecord   *record,
             const EpCatalogOutcome  *outcome)
{
  g_autofree char *value = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *source = NULL;
  g_autofree char *detail = NULL;

  if (outcome == NULL)
    return FALSE;

  value = ep_evidence_format_outcome (record, outcome);
  counts = ep_evidence_describe_outcome (record, outcome);
  source = ep_evidence_outcome_source (record, outcome);
  detail = g_strdup_printf ("%s\n%s\n%s", counts, outcome->definition->text, source);
  return add_row (group, title, value, detail);
}

static void
add_response (EpTrialDetail *self)
{
  guint n_rows = 0;
  const EpCatalogRecord *record = ep_trial_get_record (self->trial);
  AdwPreferencesGroup *group = add_group (self, _("Response"));
  GPtrArray *responses = ep_trial_get_responses (self->trial);

  n_rows += add_outcome (group, _("Complete remission"), record, record->cr);
  n_rows += add_outcome (group, _("MRD-negative"), record, record->mrd_negative);
  n_rows += add_outcome (group, _("Relapse"), record, record->relapse);
  n_rows += add_outcome (group, _("Consolidative HSCT"), record, record->hsct);

  for (guint i = 0; i < responses->len; i++)
    {
      const EpCatalogResponse *response = g_ptr_array_index (responses, i);
      g_autofree char *value = format_count_pct (response->n, response->pct);
      g_autofree char *title = response->subgroup != NULL
                               ? g_strdup_printf ("%s (%s)", response->category, response->subgroup)
                               : g_strdup (response->category);

      n_rows += add_row (group, title, value, response->note);
    }

  drop_if_empty (self, group, n_rows);
}

static void
add_survival (EpTrialDetail *self)
{
  guint n_rows = 0;
  AdwPreferencesGroup *group = add_group (self, _("Survival"));
  GPtrArray *endpoints = ep_trial_get_endpoints (self->trial);
  GPtrArray *incidence = ep_trial_get_cumulative_incidence (self->trial);
  GPtrArray *hazard_ratios = ep_trial_get_hazard_ratios (self->trial);

  for (guint i = 0; i < endpoints->len; i++)
    {
      const EpCatalogEndpoint *endpoint = g_ptr_array_index (endpoints, i);
      g_autofree char *text = ep_trial_format_endpoint (endpoint);
      g_autoptr(GString) detail = g_string_new (NULL);

      if (endpoint->subgroup != NULL)
        g_string_append (detail, endpoint->subgroup);
      if (!isnan (endpoint->follow_up_months))
        {
          if (detail->len > 0)
            g_string_append (detail, " · ");
          /* TRANSLATORS: median follow-up in months */
          g_string_append_printf (detail, _("median follow-up %g mo"), endpoint->follow_up_months);
        }
      if (endpoint->note != NULL)
        {
          if (detail->len > 0)
            g_string_append (detail, " · ");
          g_string_append (detail, endpoint->note);
        }

      n_rows += add_note_row (group, text, detail->str);
    }

  for (guint i = 0; i < incidence->len; i++)
    {
      const EpCatalogIncidence *ci = g_ptr_array_index (incidence, i);
      g_autofree char *value = ep_trial_format_pct (ci->value);
      g_autofree char *title = NULL;
      g_autofree char *detail = NULL;

      /* TRANSLATORS: cumulative incidence, "relapse at 36 mo" */
      title = g_strdup_printf (_("%s at %g mo"), ci->event, ci->months);
      if (ci->competing != NULL)
        /* TRANSLATORS: the competing event of a cumulative incidence, "death in remission" */
        detail = g_strdup_printf (_("competing risk: %s"), ci->competing);
      n_rows += add_row (group, title, value, detail != NULL ? detail : ci->note);
    }

  for (guint i = 0; i < hazard_ratios->len; i++)
    {
      const EpCatalogHazardRatio *hr = g_ptr_array_index (hazard_ratios, i);
      g_autofree char *title = NULL;
      g_autofree char *value = NULL;

      title = g_strdup_printf ("%s: %s%s%s%s", hr->outcome, hr->factor,
                               hr->comparison != NULL ? " (" : "",
                               hr->comparison != NULL ? hr->comparison : "",
                               hr->comparison != NULL ? ")" : "");
      if (!isnan (hr->ci_lower) && !isnan (hr->ci_upper))
        /* TRANSLATORS: a hazard ratio with its 95% CI and the model, "HR 0.62 (0.41–0.94), multivariable" */
        value = g_strdup_printf (_("HR %g (%g–%g), %s"), hr->hr, hr->ci_lower, hr->ci_upper,
                                 hr->multivariate ? _("multivariable") : _("univariable"));
      else
        value = g_strdup_printf (_("HR %g, %s"), hr->hr,
                                 hr->multivariate ? _("multivariable") : _("univariable"));
      n_rows += add_row (group, title, value, hr->timing);
    }

  drop_if_empty (self, group, n_rows);
}

static void
add_toxicity (EpTrialDetail *self)
{
  guint n_rows = 0;
  AdwPreferencesGroup *group = add_group (self, _("Toxicity"));
  GPtrArray *toxicity = ep_trial_get_toxicity (self->trial);

  for (guint i = 0; i < toxicity->len; i++)
    {
      const EpCatalogToxicity *tox = g_ptr_array_index (toxicity, i);
      g_autofree char *value = format_count_pct (tox->n, tox->pct);
      g_autofree char *title = NULL;

      /* TRANSLATORS: an adverse event and its grade, "CRS, grade >=3" */
      title = g_strdup_printf (_("%s, grade %s"), tox->event, tox->grade);
      if (tox->subgroup != NULL)
        {
          g_autofree char *plain = g_steal_pointer (&title);

          title = g_strdup_printf ("%s (%s)", plain, tox->subgroup);
        }
      n_rows += add_row (group, title, value, tox->note);
    }

  drop_if_empty (self, group, n_rows);
}

static void
add_text_group (EpTrialDetail *self,
                const char    *title,
                const char    *text)
{
  AdwPreferencesGroup *group;
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    return;

  group = add_group (self, title);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_preferences_group_add (group, label);
}

static void
add_references (EpTrialDetail *self)
{
  guint n_rows = 0;
  AdwPreferencesGroup *group = add_group (self, _("References"));
  GPtrArray *references = ep_trial_get_references (self->trial);

  for (guint i = 0; i < references->len; i++)
    {
      const EpCatalogReference *reference = g_ptr_array_index (references, i);
      g_autoptr(GString) ids = g_string_new (NULL);

      if (reference->doi != NULL)
        g_string_append_printf (ids, "DOI %s", reference->doi);
      if (reference->pmid != NULL)
        g_string_append_printf (ids, "%sPMID %s", ids->len > 0 ? " · " : "", reference->pmid);
      if (reference->nct != NULL)
        g_string_append_printf (ids, "%s%s", ids->len > 0 ? " · " : "", reference->nct);
      if (reference->registry != NULL)
        g_string_append_printf (ids, "%s%s", ids->len > 0 ? " · " : "", reference->registry);

      {
        GtkWidget *row = adw_action_row_new ();

        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reference->citation);
        adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
        if (ids->len > 0)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ids->str);

        /* DOIs and registrations open in the browser. */
        if (reference->doi != NULL)
          {
            g_autofree char *uri = g_strdup_printf ("https://doi.org/%s", reference->doi);
            GtkWidget *link = gtk_link_button_new_with_label (uri, "DOI");

            gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
          }
        if (reference->nct != NULL)
          {
            g_autofree char *uri = g_strdup_printf ("https://clinicaltrials.gov/study/%s", reference->nct);
            GtkWidget *link = gtk_link_button_new_with_label (uri, reference->nct);

            gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
          }
        adw_preferences_group_add (group, row);
        n_rows++;
      }
    }

  drop_if_empty (self, group, n_rows);
}

static void
add_provenance (EpTrialDetail *self)
{
  guint n_rows = 0;
  AdwPreferencesGroup *group = add_group (self, _("Source"));
  GPtrArray *provenance = ep_trial_get_provenance (self->trial);

  adw_preferences_group_set_description (group,
                                         _("Where each number of this record was read"));

  for (guint i = 0; i < provenance->len; i++)
    {
      const EpCatalogProvenance *source = g_ptr_array_index (provenance, i);
      /* the article, not the seed's file name */
      g_autofree char *title = g_strdup_printf ("%s · %s", ep_evidence_document_citation (source->source),
                                                source->location);

      n_rows += add_note_row (group, title, source->note);
    }

  drop_if_empty (self, group, n_rows);
}

static void ep_trial_detail_rebuild (EpTrialDetail *self);

typedef struct
{
  gsize   n;
  double *time;
  double *surv;
} CurvePoints;

static void
curve_points_free (gpointer data)
{
  CurvePoints *c = data;

  g_free (c->time);
  g_free (c->surv);
  g_free (c);
}

/* The digitized curve as the paper drew it: a step line on a survival axis 0-1 and a time axis
 * up to its last point, in the accent colour. Its points, not a fit (a curve attached to an arm
 * need not have been reconstructed). */
static void
draw_arm_curve (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        data)
{
  const CurvePoints *c = data;
  double left = 36, right = 12, top = 10, bottom = 24, t_max = 0.0;
  double w = width - left - right, h = height - top - bottom;
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  for (gsize i = 0; i < c->n; i++)
    t_max = MAX (t_max, c->time[i]);
  if (c->n == 0 || !(t_max > 0.0) || w <= 0 || h <= 0)
    return;

  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, left, top);
  cairo_line_to (cr, left, top + h);
  cairo_line_to (cr, left + w, top + h);
  cairo_stroke (cr);
  for (guint k = 0; k <= 2; k++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%.1f", k / 2.0);
      cairo_move_to (cr, 4, top + h * (1 - k / 2.0) + 4);
      cairo_show_text (cr, text);
    }
  {
    char text[32];
    cairo_text_extents_t extents;

    g_snprintf (text, sizeof text, "%.4g", t_max);
    cairo_text_extents (cr, text, &extents);
    cairo_move_to (cr, left + w - extents.x_advance, top + h + 16);
    cairo_show_text (cr, text);
    cairo_move_to (cr, left - 3, top + h + 16);
    cairo_show_text (cr, "0");
  }

  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2.0);
  for (gsize i = 0; i < c->n; i++)
    {
      double x = left + w * c->time[i] / t_max;
      double y = top + h * (1.0 - CLAMP (c->surv[i], 0.0, 1.0));

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
}

/* The published curve of this arm, when one digitized in the project is attached to it. */
static void
add_arm_curve (EpTrialDetail *self)
{
  const EpCatalogRecord *record = ep_trial_get_record (self->trial);
  EpProject *project = self->project;
  const EpProjectDigitized *figure = NULL;
  const EpProjectCurve *curve;
  AdwPreferencesGroup *group;
  g_autofree char *source = NULL;
  CurvePoints *points;
  GtkWidget *area, *label;

  if (project == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (EP_IS_WINDOW (root))
        project = ep_window_get_project (EP_WINDOW (root));
    }
  if (project == NULL || record->id == NULL)
    return;
  curve = ep_project_find_arm_curve (project, record->id, record->arm, &figure);
  if (curve == NULL)
    return;

  group = add_group (self, _("Published Curve"));
  points = g_new0 (CurvePoints, 1);
  points->n = curve->n;
  points->time = g_memdup2 (curve->time, curve->n * sizeof (double));
  points->surv = g_memdup2 (curve->surv, curve->n * sizeof (double));
  area = gtk_drawing_area_new ();
  gtk_widget_set_size_request (area, -1, 180);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_arm_curve, points,
                                  curve_points_free);
  adw_preferences_group_add (group, area);

  source = g_strdup_printf (_("“%s”, digitized from %s"), curve->name,
                            figure->citation != NULL ? figure->citation : figure->file_name);
  label = gtk_label_new (source);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  adw_preferences_group_add (group, label);
  if (curve->cohort != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Reconstructed as the cohort “%s”. %s"),
                                               curve->cohort, ep_reconstruction_caveat ());

      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "dim-label");
      adw_preferences_group_add (group, label);
    }
}

void
ep_trial_detail_set_project (EpTrialDetail *self,
                             EpProject     *project)
{
  g_return_if_fail (EP_IS_TRIAL_DETAIL (self));
  g_return_if_fail (project == NULL || EP_IS_PROJECT (project));

  if (g_set_object (&self->project, project))
    ep_trial_detail_rebuild (self);
}

static void
ep_trial_detail_rebuild (EpTrialDetail *self)
{
  GtkWidget *child;
  const EpCatalogRecord *record;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_assert (EP_IS_TRIAL_DETAIL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL)
    gtk_box_remove (self->groups, child);

  if (self->trial == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  record = ep_trial_get_record (self->trial);
  title = g_strdup_printf ("%s — %s", ep_trial_get_trial_label (self->trial), record->arm);
  subtitle = g_strdup_printf ("%s · %s · %s", record->agent,
                              ep_drug_class_to_string (record->drug_class),
                              ep_trial_setting_to_string (record->setting));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);

  add_design (self);
  add_response (self);
  add_survival (self);
  add_arm_curve (self);
  add_toxicity (self);
  add_text_group (self, _("Dosing"), record->dosing);
  add_text_group (self, _("Notes"), record->notes);
  add_references (self);
  add_provenance (self);

  gtk_stack_set_visible_child_name (self->stack, "trial");
}

static void
ep_trial_detail_dispose (GObject *object)
{
  EpTrialDetail *self = EP_TRIAL_DETAIL (object);

  g_clear_object (&self->trial);
  g_clear_object (&self->project);
  /* AdwBin unparents its child (the template) itself. */

  G_OBJECT_CLASS (ep_trial_detail_parent_class)->dispose (object);
}

static void
ep_trial_detail_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EpTrialDetail *self = EP_TRIAL_DETAIL (object);

  switch (prop_id)
    {
    case PROP_TRIAL:
      g_value_set_object (value, self->trial);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_trial_detail_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EpTrialDetail *self = EP_TRIAL_DETAIL (object);

  switch (prop_id)
    {
    case PROP_TRIAL:
      ep_trial_detail_set_trial (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_trial_detail_class_init (EpTrialDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_trial_detail_dispose;
  object_class->get_property = ep_trial_detail_get_property;
  object_class->set_property = ep_trial_detail_set_property;

  properties[PROP_TRIAL] =
    g_param_spec_object ("trial", NULL, NULL,
                         EP_TYPE_TRIAL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-trial-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, EpTrialDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, EpTrialDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, EpTrialDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, EpTrialDetail, groups);
}

static void
ep_trial_detail_init (EpTrialDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ep_trial_detail_new (void)
{
  return g_object_new (EP_TYPE_TRIAL_DETAIL, NULL);
}

EpTrial *
ep_trial_detail_get_trial (EpTrialDetail *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_DETAIL (self), NULL);

  return self->trial;
}

void
ep_trial_detail_set_trial (EpTrialDetail *self,
                           EpTrial       *trial)
{
  g_return_if_fail (EP_IS_TRIAL_DETAIL (self));
  g_return_if_fail (trial == NULL || EP_IS_TRIAL (trial));

  if (!g_set_object (&self->trial, trial))
    return;

  ep_trial_detail_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIAL]);
}
