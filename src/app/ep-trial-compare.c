/* ep-trial-compare.c: trial arms side by side
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column per arm, one row per outcome, so a BiTE trial can be read against a CAR T trial:
 * design, patients, response, each survival endpoint any of the arms reports (whole-arm values
 * only; subgroups stay in the detail pane), toxicity, and the first reference. A value an arm
 * does not report is an em dash, never a zero. Two arms of one randomized trial (TOWER) are
 * also compared with each other: the odds ratio and the risk difference of each outcome, in the
 * experimental arm's column (ep-evidence-two-arm.h: like with like, Mantel-Haenszel).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "app/ep-trial-compare.h"
#include "model/ep-evidence.h"
#include "model/ep-evidence-two-arm.h"
#include "model/ep-trial.h"

typedef struct
{
  char      *label;
  GPtrArray *cells;     /* char *, one per arm */
  GPtrArray *details;   /* char *, one per arm, NULL: none (definition and denominator) */
  GPtrArray *tooltips;  /* char *, one per arm, NULL: none (the source) */
  gboolean   differs;   /* the arms' definitions or denominators differ: highlighted */
} CompareRow;

struct _EpTrialCompare
{
  AdwWindow       parent_instance;

  GPtrArray      *trials;  /* EpTrial */
  GPtrArray      *rows;    /* CompareRow */

  /* Template children */
  AdwWindowTitle *window_title;
  GtkGrid        *grid;
};

G_DEFINE_FINAL_TYPE (EpTrialCompare, ep_trial_compare, ADW_TYPE_WINDOW)

static void
compare_row_free (CompareRow *row)
{
  g_free (row->label);
  g_ptr_array_unref (row->cells);
  g_ptr_array_unref (row->details);
  g_ptr_array_unref (row->tooltips);
  g_free (row);
}

static CompareRow *
add_row (EpTrialCompare *self,
         const char     *label)
{
  CompareRow *row = g_new0 (CompareRow, 1);

  row->label = g_strdup (label);
  row->cells = g_ptr_array_new_with_free_func (g_free);
  row->details = g_ptr_array_new_with_free_func (g_free);
  row->tooltips = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->rows, row);

  return row;
}

/* Takes text; an empty or missing value is shown as an em dash. */
static void
add_cell (CompareRow *row,
          char       *text)
{
  if (text == NULL || *text == '\0')
    {
      g_free (text);
      text = g_strdup ("—");
    }

  g_ptr_array_add (row->cells, text);
  g_ptr_array_add (row->details, NULL);
  g_ptr_array_add (row->tooltips, NULL);
}

static const EpCatalogOutcome *
outcome_of (const EpCatalogRecord *record,
            const char            *which)
{
  if (g_strcmp0 (which, "mrd") == 0)
    return record->mrd_negative;
  if (g_strcmp0 (which, "relapse") == 0)
    return record->relapse;
  if (g_strcmp0 (which, "hsct") == 0)
    return record->hsct;
  return record->cr;
}

/* A proportion per arm: the printed value with its exact CI from n/N, the definition and
 * denominator under it, the source on hover; the row is highlighted when the arms' definitions
 * or denominators differ. */
static void
add_outcome_row (EpTrialCompare *self,
                 const char     *label,
                 const char     *which)
{
  CompareRow *row = add_row (self, label);
  g_autofree char *first_definition = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < self->trials->len; i++)
    {
      const EpCatalogRecord *record = ep_trial_get_record (g_ptr_array_index (self->trials, i));
      const EpCatalogOutcome *outcome = outcome_of (record, which);
      g_autofree char *key = NULL;

      add_cell (row, ep_evidence_format_outcome (record, outcome));
      if (outcome == NULL || isnan (outcome->value))
        continue;

      g_free (g_ptr_array_index (row->details, i));
      g_ptr_array_index (row->details, i) = ep_evidence_describe_outcome (record, outcome);
      g_free (g_ptr_array_index (row->tooltips, i));
      g_ptr_array_index (row->tooltips, i) = ep_evidence_outcome_source (record, outcome);

      key = g_strdup_printf ("%s|%s", outcome->definition->response ? outcome->definition->response : "",
                             outcome->denominator_kind ? outcome->denominator_kind : "");
      if (!any)
        first_definition = g_steal_pointer (&key);
      else if (g_strcmp0 (first_definition, key) != 0)
        row->differs = TRUE;
      any = TRUE;
    }
}

/* Two arms of one trial against each other for an outcome: "OR 2.67 (1.56–4.59); RD 17.6
 * points (8.9–26.3)" in the experimental arm's column, the method and any like-with-like choice
 * on hover. No row when no trial has two arms reporting the outcome. */
static void
add_contrast_row (EpTrialCompare *self,
                  const char     *label,
                  const char     *which)
{
  EpEvidenceForestOptions options;
  g_autoptr(EpTwoArmResult) or = NULL;
  g_autoptr(EpTwoArmResult) rd = NULL;
  g_autofree char *row_label = NULL;
  CompareRow *row;

  ep_evidence_forest_options_init (&options);
  options.outcome = which;
  options.pooling = EP_EVIDENCE_POOLING_MH;
  options.effect = EP_EVIDENCE_EFFECT_OR;
  or = ep_evidence_two_arm_pool (self->trials, &options, NULL);
  options.effect = EP_EVIDENCE_EFFECT_RD;
  rd = ep_evidence_two_arm_pool (self->trials, &options, NULL);
  if (or == NULL || rd == NULL || or->k != rd->k)
    return;

  /* TRANSLATORS: a row of the comparison: "Complete remission, experimental vs control arm (95% CI)" */
  row_label = g_strdup_printf (_("%s, experimental vs control arm (95%% CI)"), label);
  row = add_row (self, row_label);
  for (guint i = 0; i < self->trials->len; i++)
    {
      const EpCatalogRecord *record = ep_trial_get_record (g_ptr_array_index (self->trials, i));
      gboolean found = FALSE;

      for (guint s = 0; s < or->k && !found; s++)
        {
          double o, ol, ou, d, dl, du;
          GString *detail;

          if (g_strcmp0 (record->trial, or->labels[s]) != 0 || g_strcmp0 (record->arm, or->arm1[s]) != 0)
            continue;
          if (!ep_two_arm_result_get_study (or, s, 0.95, &o, &ol, &ou)
              || !ep_two_arm_result_get_study (rd, s, 0.95, &d, &dl, &du))
            continue;
          /* TRANSLATORS: "OR 2.67 (1.56–4.59); RD +17.8 points (8.9–26.6) vs chemotherapy" */
          add_cell (row, g_strdup_printf (_("OR %.2f (%.2f–%.2f); RD %+.1f points (%.1f–%.1f) vs %s"),
                                          o, ol, ou, 100.0 * d, 100.0 * dl, 100.0 * du, or->arm2[s]));
          /* under it: the counts compared, and any like-with-like choice */
          detail = g_string_new (NULL);
          g_string_append_printf (detail, "%u/%u vs %u/%u", or->a[s], or->n1[s], or->c[s], or->n2[s]);
          for (guint n = 0; n < or->notes->len; n++)
            if (g_str_has_prefix (g_ptr_array_index (or->notes, n), or->labels[s]))
              g_string_append_printf (detail, "; %s", (char *) g_ptr_array_index (or->notes, n));
          g_free (g_ptr_array_index (row->details, i));
          g_ptr_array_index (row->details, i) = g_string_free (detail, FALSE);
          found = TRUE;
        }
      if (!found)
        add_cell (row, NULL);
    }
}

/* A row of one string property per arm. */
static void
add_property_row (EpTrialCompare *self,
                  const char     *label,
                  const char     *property)
{
  CompareRow *row = add_row (self, label);

  for (guint i = 0; i < self->trials->len; i++)
    {
      char *text = NULL;

      g_object_get (g_ptr_array_index (self->trials, i), property, &text, NULL);
      add_cell (row, text);
    }
}

static char *
format_estimate (double value,
                 double lower,
                 double upper,
                 gboolean percent)
{
  const char *unit = percent ? "%" : "";

  if (isnan (value))
    return NULL;
  if (!isnan (lower) && !isnan (upper))
    return g_strdup_printf ("%g%s (%g–%g)", value, unit, lower, upper);

  return g_strdup_printf ("%g%s", value, unit);
}

/* Endpoints: the union over the arms of (name, kind, months), whole arm only, in the order
 * the arms list them. */
static gboolean
same_endpoint (const EpCatalogEndpoint *a,
               const EpCatalogEndpoint *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         a->kind == b->kind &&
         (a->kind == EP_ENDPOINT_KIND_MEDIAN || a->months == b->months);
}

/* Rows read in a clinician's order: OS before EFS, RFS, LFS, PFS, DFS; the median before the
 * landmark rates, which go by time. */
static int
endpoint_rank (const char *name)
{
  static const char * const order[] = { "OS", "EFS", "RFS", "LFS", "PFS", "DFS" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (name, order[i]) == 0)
      return i;

  return G_N_ELEMENTS (order);
}

static int
compare_endpoint_keys (gconstpointer a,
                       gconstpointer b)
{
  const EpCatalogEndpoint *x = *(const EpCatalogEndpoint * const *) a;
  const EpCatalogEndpoint *y = *(const EpCatalogEndpoint * const *) b;
  int rank = endpoint_rank (x->name) - endpoint_rank (y->name);

  if (rank != 0)
    return rank;
  if (x->kind != y->kind)
    return x->kind == EP_ENDPOINT_KIND_MEDIAN ? -1 : 1;
  if (x->kind == EP_ENDPOINT_KIND_LANDMARK && x->months != y->months)
    return x->months < y->months ? -1 : 1;

  return g_strcmp0 (x->name, y->name);
}

static void
add_endpoint_rows (EpTrialCompare *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; i < self->trials->len; i++)
    {
      GPtrArray *endpoints = ep_trial_get_endpoints (g_ptr_array_index (self->trials, i));

      for (guint j = 0; j < endpoints->len; j++)
        {
          const EpCatalogEndpoint *endpoint = g_ptr_array_index (endpoints, j);
          gboolean known = FALSE;

          if (endpoint->subgroup != NULL)
            continue;
          for (guint k = 0; k < keys->len && !known; k++)
            known = same_endpoint (g_ptr_array_index (keys, k), endpoint);
          if (!known)
            g_ptr_array_add (keys, (gpointer) endpoint);
        }
    }

  g_ptr_array_sort (keys, compare_endpoint_keys);

  for (guint k = 0; k < keys->len; k++)
    {
      const EpCatalogEndpoint *key = g_ptr_array_index (keys, k);
      g_autofree char *label = NULL;
      CompareRow *row;

      if (key->kind == EP_ENDPOINT_KIND_MEDIAN)
        /* TRANSLATORS: a row of the comparison, "Median OS, months (95% CI)" */
        label = g_strdup_printf (_("Median %s, months (95%% CI)"), key->name);
      else
        /* TRANSLATORS: a row of the comparison, "12-month OS (95% CI)" */
        label = g_strdup_printf (_("%g-month %s (95%% CI)"), key->months, key->name);
      row = add_row (self, label);

      for (guint i = 0; i < self->trials->len; i++)
        {
          GPtrArray *endpoints = ep_trial_get_endpoints (g_ptr_array_index (self->trials, i));
          char *text = NULL;

          for (guint j = 0; j < endpoints->len && text == NULL; j++)
            {
              const EpCatalogEndpoint *endpoint = g_ptr_array_index (endpoints, j);

              if (endpoint->subgroup != NULL || !same_endpoint (key, endpoint))
                continue;
              if (endpoint->not_reached)
                text = g_strdup (_("not reached"));
              else
                text = format_estimate (endpoint->value, endpoint->ci_lower, endpoint->ci_upper,
                                        endpoint->kind == EP_ENDPOINT_KIND_LANDMARK);
            }
          add_cell (row, text);
        }
    }
}

/* Toxicity: the union of (event, grade), whole arm only. */
static void
add_toxicity_rows (EpTrialCompare *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; i < self->trials->len; i++)
    {
      GPtrArray *toxicity = ep_trial_get_toxicity (g_ptr_array_index (self->trials, i));

      for (guint j = 0; j < toxicity->len; j++)
        {
          const EpCatalogToxicity *tox = g_ptr_array_index (toxicity, j);
          gboolean known = FALSE;

          if (tox->subgroup != NULL)
            continue;
          for (guint k = 0; k < keys->len && !known; k++)
            {
              const EpCatalogToxicity *key = g_ptr_array_index (keys, k);

              known = g_strcmp0 (key->event, tox->event) == 0 && g_strcmp0 (key->grade, tox->grade) == 0;
            }
          if (!known)
            g_ptr_array_add (keys, (gpointer) tox);
        }
    }

  for (guint k = 0; k < keys->len; k++)
    {
      const EpCatalogToxicity *key = g_ptr_array_index (keys, k);
      g_autofree char *label = NULL;
      CompareRow *row;

      /* TRANSLATORS: a row of the comparison, "CRS, grade >=3 (%)" */
      label = g_strdup_printf (_("%s, grade %s (%%)"), key->event, key->grade);
      if (key->grading != NULL)
        {
          g_autofree char *graded = g_strdup_printf ("%s [%s]", label, key->grading);

          g_free (label);
          label = g_steal_pointer (&graded);
        }
      row = add_row (self, label);

      for (guint i = 0; i < self->trials->len; i++)
        {
          GPtrArray *toxicity = ep_trial_get_toxicity (g_ptr_array_index (self->trials, i));
          char *text = NULL;

          for (guint j = 0; j < toxicity->len && text == NULL; j++)
            {
              const EpCatalogToxicity *tox = g_ptr_array_index (toxicity, j);

              /* a reported count of 0 is 0, not "not reported" */
              if (tox->subgroup == NULL &&
                  g_strcmp0 (key->event, tox->event) == 0 && g_strcmp0 (key->grade, tox->grade) == 0)
                text = ep_evidence_format_toxicity (tox);
            }
          add_cell (row, text);
        }
    }
}

static void
ep_trial_compare_build (EpTrialCompare *self)
{
  g_assert (EP_IS_TRIAL_COMPARE (self));

  add_property_row (self, _("Agent"), "agent");
  add_property_row (self, _("Class"), "drug-class");
  add_property_row (self, _("Setting"), "setting");
  add_property_row (self, _("Population"), "population");
  add_property_row (self, _("Ph status"), "ph");
  add_property_row (self, _("Phase"), "phase");
  add_property_row (self, _("Patients"), "n-text");
  add_property_row (self, _("Median age (range), years"), "median-age-text");
  add_outcome_row (self, _("Complete remission"), "cr");
  add_outcome_row (self, _("MRD-negative"), "mrd");
  add_outcome_row (self, _("Relapse"), "relapse");
  add_outcome_row (self, _("Consolidative HSCT"), "hsct");
  add_contrast_row (self, _("Complete remission"), "cr");
  add_contrast_row (self, _("MRD-negative"), "mrd");
  add_endpoint_rows (self);
  add_toxicity_rows (self);
  add_property_row (self, _("Reference"), "citation");
}

static GtkWidget *
make_label (const char *text,
            gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  /* Values can be copied; the headers are not focus stops. */
  gtk_label_set_selectable (GTK_LABEL (label), !header);
  if (header)
    gtk_widget_add_css_class (label, "heading");

  return label;
}

static void
ep_trial_compare_render (EpTrialCompare *self)
{
  g_assert (EP_IS_TRIAL_COMPARE (self));

  /* Column headers: trial and arm */
  for (guint i = 0; i < self->trials->len; i++)
    {
      EpTrial *trial = g_ptr_array_index (self->trials, i);
      const EpCatalogRecord *record = ep_trial_get_record (trial);
      g_autofree char *title = g_strdup_printf ("%s\n%s", ep_trial_get_trial_label (trial),
                                                record->arm);

      gtk_grid_attach (self->grid, make_label (title, TRUE), i + 1, 0, 1, 1);
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      CompareRow *row = g_ptr_array_index (self->rows, r);
      GtkWidget *label = make_label (row->label, FALSE);

      /* Row names are not focus stops either; the values are what one copies. */
      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      gtk_widget_add_css_class (label, "dim-label");
      if (row->differs)
        {
          gtk_widget_add_css_class (label, "warning");
          gtk_widget_set_tooltip_text (label, _("The arms count this differently: see the line under each value"));
        }
      gtk_grid_attach (self->grid, label, 0, r + 1, 1, 1);
      for (guint i = 0; i < row->cells->len; i++)
        {
          const char *detail = g_ptr_array_index (row->details, i);
          const char *tooltip = g_ptr_array_index (row->tooltips, i);
          GtkWidget *cell = make_label (g_ptr_array_index (row->cells, i), FALSE);

          if (detail != NULL)
            {
              GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
              GtkWidget *under = make_label (detail, FALSE);

              gtk_widget_add_css_class (under, "caption");
              gtk_widget_add_css_class (under, "dim-label");
              gtk_box_append (GTK_BOX (box), cell);
              gtk_box_append (GTK_BOX (box), under);
              cell = box;
            }
          if (tooltip != NULL)
            /* TRANSLATORS: tooltip of a number in Compare: its source */
            {
              g_autofree char *text = g_strdup_printf (_("Source: %s"), tooltip);

              gtk_widget_set_tooltip_text (cell, text);
            }
          gtk_grid_attach (self->grid, cell, i + 1, r + 1, 1, 1);
        }
    }
}

static void
ep_trial_compare_dispose (GObject *object)
{
  EpTrialCompare *self = EP_TRIAL_COMPARE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_TRIAL_COMPARE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->trials, g_ptr_array_unref);

  G_OBJECT_CLASS (ep_trial_compare_parent_class)->dispose (object);
}

static void
ep_trial_compare_class_init (EpTrialCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_trial_compare_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-trial-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, EpTrialCompare, window_title);
  gtk_widget_class_bind_template_child (widget_class, EpTrialCompare, grid);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ep_trial_compare_init (EpTrialCompare *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->trials = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) compare_row_free);
}

GtkWidget *
ep_trial_compare_new (GtkWindow *parent,
                      GPtrArray *trials)
{
  EpTrialCompare *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (trials != NULL, NULL);

  self = g_object_new (EP_TYPE_TRIAL_COMPARE,
                       "transient-for", parent,
                       NULL);

  for (guint i = 0; i < trials->len; i++)
    g_ptr_array_add (self->trials, g_object_ref (g_ptr_array_index (trials, i)));

  /* TRANSLATORS: subtitle of the comparison window */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u arm", "%u arms", trials->len),
                              trials->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  ep_trial_compare_build (self);
  ep_trial_compare_render (self);

  return GTK_WIDGET (self);
}

guint
ep_trial_compare_get_n_arms (EpTrialCompare *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_COMPARE (self), 0);

  return self->trials->len;
}

guint
ep_trial_compare_get_n_rows (EpTrialCompare *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_COMPARE (self), 0);

  return self->rows->len;
}

const char *
ep_trial_compare_get_row_label (EpTrialCompare *self,
                                guint           row)
{
  g_return_val_if_fail (EP_IS_TRIAL_COMPARE (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  return ((CompareRow *) g_ptr_array_index (self->rows, row))->label;
}

const char *
ep_trial_compare_get_cell (EpTrialCompare *self,
                           guint           row,
                           guint           arm)
{
  CompareRow *compare_row;

  g_return_val_if_fail (EP_IS_TRIAL_COMPARE (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  compare_row = g_ptr_array_index (self->rows, row);
  g_return_val_if_fail (arm < compare_row->cells->len, NULL);

  return g_ptr_array_index (compare_row->cells, arm);
}
