/* ep-trial.c: one arm of a published trial, as the Trials page shows it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/ep-trial.h"

struct _EpTrial
{
  GObject                  parent_instance;

  EpCatalogRecord         *record;

  /* Derived once; the record never changes. */
  const EpCatalogEndpoint *headline_endpoint;
  char                    *headline_survival;
  char                    *median_age_text;
  char                    *haystack;          /* folded text that search words are looked up in */
  char                    *trial_label;       /* the name, marked when the user entered the arm */
  gboolean                 user_entered;
};

G_DEFINE_FINAL_TYPE (EpTrial, ep_trial, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TRIAL,
  PROP_ARM,
  PROP_AGENT,
  PROP_DRUG_CLASS,
  PROP_TARGET,
  PROP_PHASE,
  PROP_DESIGN,
  PROP_SETTING,
  PROP_POPULATION,
  PROP_PH,
  PROP_N,
  PROP_N_TEXT,
  PROP_MEDIAN_AGE,
  PROP_MEDIAN_AGE_TEXT,
  PROP_CR_PCT,
  PROP_HAS_CR,
  PROP_CR_TEXT,
  PROP_CR_DEFINITION,
  PROP_MRD_NEG_PCT,
  PROP_HAS_MRD_NEG,
  PROP_MRD_NEG_TEXT,
  PROP_MRD_DEFINITION,
  PROP_RELAPSE_PCT,
  PROP_HAS_RELAPSE,
  PROP_RELAPSE_TEXT,
  PROP_RELAPSE_DEFINITION,
  PROP_HEADLINE_SURVIVAL,
  PROP_CITATION,
  PROP_DOSING,
  PROP_NOTES,
  PROP_USER_ENTERED,
  PROP_TRIAL_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Lower-case ASCII with accents transliterated ("Gökbuget" -> "gokbuget"), so that a search typed
 * without accents still finds the citation. */
static char *
fold (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");

  return g_ascii_strdown (ascii, -1);
}

static char *
format_number (double value)
{
  return g_strdup_printf ("%g", value);
}

char *
ep_trial_format_pct (double pct)
{
  g_autofree char *number = NULL;

  if (isnan (pct))
    return g_strdup ("—");

  number = format_number (pct);
  /* TRANSLATORS: a percentage, e.g. "81%" */
  return g_strdup_printf (_("%s%%"), number);
}

static char *
format_endpoint (const EpCatalogEndpoint *endpoint,
                 gboolean                 with_ci)
{
  g_autofree char *value = NULL;
  g_autofree char *months = NULL;
  g_autofree char *text = NULL;

  if (endpoint->kind == EP_ENDPOINT_KIND_MEDIAN)
    {
      if (endpoint->not_reached)
        /* TRANSLATORS: "median OS not reached" */
        return g_strdup_printf (_("median %s not reached"), endpoint->name);
      if (isnan (endpoint->value))
        /* TRANSLATORS: "median OS not reported" */
        return g_strdup_printf (_("median %s not reported"), endpoint->name);

      value = format_number (endpoint->value);
      /* TRANSLATORS: "median OS 7.7 mo" (months) */
      text = g_strdup_printf (_("median %s %s mo"), endpoint->name, value);
    }
  else if (endpoint->kind == EP_ENDPOINT_KIND_CRUDE)
    {
      /* a share event-free at the median follow-up, not a Kaplan-Meier rate */
      months = format_number (endpoint->follow_up_months);
      if (isnan (endpoint->value))
        return g_strdup_printf (_("%s at %s-mo median follow-up not reported"),
                                endpoint->name, months);
      value = format_number (endpoint->value);
      /* TRANSLATORS: "RFS 50% at 50.8-mo median follow-up" (a crude share, not a KM rate) */
      text = g_strdup_printf (_("%s %s%% at %s-mo median follow-up"), endpoint->name, value,
                              months);
    }
  else
    {
      months = format_number (endpoint->months);
      if (isnan (endpoint->value))
        /* TRANSLATORS: "12-mo OS not reported" */
        return g_strdup_printf (_("%s-mo %s not reported"), months, endpoint->name);

      value = format_number (endpoint->value);
      /* TRANSLATORS: "12-mo OS 76%": the OS rate at 12 months */
      text = g_strdup_printf (_("%s-mo %s %s%%"), months, endpoint->name, value);
    }

  if (with_ci && !isnan (endpoint->ci_lower) && !isnan (endpoint->ci_upper))
    {
      g_autofree char *lower = format_number (endpoint->ci_lower);
      g_autofree char *upper = format_number (endpoint->ci_upper);

      /* TRANSLATORS: appended to an estimate: " (95% CI 5.5–8.5)" */
      return g_strdup_printf (_("%s (95%% CI %s–%s)"), text, lower, upper);
    }

  return g_steal_pointer (&text);
}

char *
ep_trial_format_endpoint (const EpCatalogEndpoint *endpoint)
{
  g_return_val_if_fail (endpoint != NULL, NULL);

  return format_endpoint (endpoint, TRUE);
}

static const char * const headline_names[] = { "OS", "EFS", "RFS", "LFS", "PFS", "DFS", NULL };

static const EpCatalogEndpoint *
choose_headline (const EpCatalogRecord *record)
{
  for (guint k = 0; headline_names[k] != NULL; k++)
    {
      const EpCatalogEndpoint *median = NULL;
      const EpCatalogEndpoint *landmark = NULL;
      const EpCatalogEndpoint *not_reached = NULL;
      const EpCatalogEndpoint *crude = NULL;

      for (guint i = 0; i < record->endpoints->len; i++)
        {
          const EpCatalogEndpoint *endpoint = g_ptr_array_index (record->endpoints, i);

          if (endpoint->subgroup != NULL || strcmp (endpoint->name, headline_names[k]) != 0)
            continue;

          if (endpoint->kind == EP_ENDPOINT_KIND_MEDIAN)
            {
              if (!isnan (endpoint->value) && median == NULL)
                median = endpoint;
              else if (endpoint->not_reached && not_reached == NULL)
                not_reached = endpoint;
            }
          else if (endpoint->kind == EP_ENDPOINT_KIND_CRUDE)
            {
              if (!isnan (endpoint->value) && crude == NULL)
                crude = endpoint;
            }
          else if (!isnan (endpoint->value))
            {
              /* closest to 12 months; the earlier time on a tie */
              if (landmark == NULL ||
                  fabs (endpoint->months - 12.0) < fabs (landmark->months - 12.0) ||
                  (fabs (endpoint->months - 12.0) == fabs (landmark->months - 12.0) &&
                   endpoint->months < landmark->months))
                landmark = endpoint;
            }
        }

      if (median != NULL)
        return median;
      if (landmark != NULL)
        return landmark;
      if (crude != NULL)
        return crude;
      if (not_reached != NULL)
        return not_reached;
    }

  return NULL;
}

static char *
make_median_age_text (const EpCatalogRecord *record)
{
  g_autofree char *range = NULL;

  if (record->age_range != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (record->age_range, "-", -1);

      range = g_strjoinv ("–", parts);
    }

  if (!isnan (record->median_age) && range != NULL)
    {
      g_autofree char *median = format_number (record->median_age);

      /* TRANSLATORS: median age and range in years, "41 (18–80)" */
      return g_strdup_printf (_("%s (%s)"), median, range);
    }
  if (!isnan (record->median_age))
    return format_number (record->median_age);
  if (range != NULL)
    return g_strdup_printf ("(%s)", range);

  return g_strdup ("—");
}

/* Folded, with the spellings of "CAR T" made one word ("cart"), so that "CAR T" is not the
 * word "car" (Carpentier, CARPALL) and a single letter "t". */
static char *
normalize_search (const char *text)
{
  g_autofree char *folded = fold (text);
  g_autoptr(GRegex) car_t = g_regex_new ("\\bcar[- ]?t\\b", 0, 0, NULL);

  return g_regex_replace_literal (car_t, folded, -1, 0, "cart", 0, NULL);
}

/* Words a clinician uses for the same thing: a word of a group finds the others. */
static const char * const synonym_groups[][5] = {
  { "bite", "blinatumomab", "blincyto", NULL },
  { "tisagenlecleucel", "kymriah", "ctl019", NULL },
  { "inotuzumab", "besponsa", NULL },
};

/* TRUE when a word of the haystack starts with prefix. */
static gboolean
has_word_prefix (const char *haystack,
                 const char *prefix)
{
  gsize length = strlen (prefix);

  for (const char *p = strstr (haystack, prefix); p != NULL; p = strstr (p + 1, prefix))
    if ((p == haystack || !g_ascii_isalnum (p[-1])) && strncmp (p, prefix, length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
word_matches (const char *haystack,
              const char *word)
{
  /* an identifier with punctuation (a DOI, "10.1002/cam4.70515") is looked up as typed */
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return strstr (haystack, word) != NULL;

  if (has_word_prefix (haystack, word))
    return TRUE;

  for (guint g = 0; g < G_N_ELEMENTS (synonym_groups); g++)
    {
      gboolean in_group = FALSE;

      for (guint k = 0; synonym_groups[g][k] != NULL && !in_group; k++)
        in_group = g_str_has_prefix (synonym_groups[g][k], word) && strlen (word) >= 3;
      for (guint k = 0; in_group && synonym_groups[g][k] != NULL; k++)
        if (has_word_prefix (haystack, synonym_groups[g][k]))
          return TRUE;
    }

  return FALSE;
}

static char *
make_haystack (const EpCatalogRecord *record)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n%s\n%s\n%s\n", record->trial, record->agent, record->arm,
                          ep_drug_class_to_string (record->drug_class));
  if (record->target != NULL)
    g_string_append_printf (text, "%s\n", record->target);
  for (guint i = 0; record->aliases[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", record->aliases[i]);
  for (guint i = 0; i < record->references->len; i++)
    {
      const EpCatalogReference *reference = g_ptr_array_index (record->references, i);

      g_string_append_printf (text, "%s\n", reference->citation);
      /* registrations and DOIs: a clinician pastes "NCT02143414" as often as a name */
      if (reference->nct != NULL)
        g_string_append_printf (text, "%s\n", reference->nct);
      if (reference->registry != NULL)
        g_string_append_printf (text, "%s\n", reference->registry);
      if (reference->doi != NULL)
        g_string_append_printf (text, "%s\n", reference->doi);
    }

  return normalize_search (text->str);
}

static void
ep_trial_finalize (GObject *object)
{
  EpTrial *self = (EpTrial *)object;

  g_clear_pointer (&self->record, ep_catalog_record_free);
  g_clear_pointer (&self->headline_survival, g_free);
  g_clear_pointer (&self->median_age_text, g_free);
  g_clear_pointer (&self->haystack, g_free);
  g_clear_pointer (&self->trial_label, g_free);

  G_OBJECT_CLASS (ep_trial_parent_class)->finalize (object);
}

static void
ep_trial_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EpTrial *self = EP_TRIAL (object);
  const EpCatalogRecord *record = self->record;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, record->id);
      break;
    case PROP_TRIAL:
      g_value_set_string (value, record->trial);
      break;
    case PROP_USER_ENTERED:
      g_value_set_boolean (value, self->user_entered);
      break;
    case PROP_TRIAL_LABEL:
      g_value_set_string (value, ep_trial_get_trial_label (self));
      break;
    case PROP_ARM:
      g_value_set_string (value, record->arm);
      break;
    case PROP_AGENT:
      g_value_set_string (value, record->agent);
      break;
    case PROP_DRUG_CLASS:
      g_value_set_string (value, ep_drug_class_to_string (record->drug_class));
      break;
    case PROP_TARGET:
      g_value_set_string (value, record->target);
      break;
    case PROP_PHASE:
      g_value_set_string (value, record->phase);
      break;
    case PROP_DESIGN:
      g_value_set_string (value, record->design);
      break;
    case PROP_SETTING:
      g_value_set_string (value, ep_trial_setting_to_string (record->setting));
      break;
    case PROP_POPULATION:
      g_value_set_string (value, ep_trial_population_to_string (record->population));
      break;
    case PROP_PH:
      g_value_set_string (value, ep_ph_status_to_string (record->ph));
      break;
    case PROP_N:
      g_value_set_int (value, record->n);
      break;
    case PROP_N_TEXT:
      g_value_take_string (value, record->n >= 0 ? g_strdup_printf ("%d", record->n)
                                                 : g_strdup ("—"));
      break;
    case PROP_MEDIAN_AGE:
      g_value_set_double (value, record->median_age);
      break;
    case PROP_MEDIAN_AGE_TEXT:
      g_value_set_string (value, self->median_age_text);
      break;
    case PROP_CR_PCT:
      g_value_set_double (value, record->cr_pct);
      break;
    case PROP_HAS_CR:
      g_value_set_boolean (value, !isnan (record->cr_pct));
      break;
    case PROP_CR_TEXT:
      g_value_take_string (value, ep_trial_format_pct (record->cr_pct));
      break;
    case PROP_CR_DEFINITION:
      g_value_set_string (value, record->cr_definition);
      break;
    case PROP_MRD_NEG_PCT:
      g_value_set_double (value, record->mrd_neg_pct);
      break;
    case PROP_HAS_MRD_NEG:
      g_value_set_boolean (value, !isnan (record->mrd_neg_pct));
      break;
    case PROP_MRD_NEG_TEXT:
      g_value_take_string (value, ep_trial_format_pct (record->mrd_neg_pct));
      break;
    case PROP_MRD_DEFINITION:
      g_value_set_string (value, record->mrd_definition);
      break;
    case PROP_RELAPSE_PCT:
      g_value_set_double (value, record->relapse_pct);
      break;
    case PROP_HAS_RELAPSE:
      g_value_set_boolean (value, !isnan (record->relapse_pct));
      break;
    case PROP_RELAPSE_TEXT:
      g_value_take_string (value, ep_trial_format_pct (record->relapse_pct));
      break;
    case PROP_RELAPSE_DEFINITION:
      g_value_set_string (value, record->relapse_definition);
      break;
    case PROP_HEADLINE_SURVIVAL:
      g_value_set_string (value, self->headline_survival);
      break;
    case PROP_CITATION:
      g_value_set_string (value, ep_trial_get_citation (self));
      break;
    case PROP_DOSING:
      g_value_set_string (value, record->dosing);
      break;
    case PROP_NOTES:
      g_value_set_string (value, record->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name,
                 const char *nick)
{
  return g_param_spec_string (name, nick, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

/* The value is NaN when the source does not report it; GParamSpec cannot hold a NaN default. */
static GParamSpec *
number_property (const char *name,
                 const char *nick)
{
  return g_param_spec_double (name, nick, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
flag_property (const char *name,
               const char *nick)
{
  return g_param_spec_boolean (name, nick, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
ep_trial_class_init (EpTrialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ep_trial_finalize;
  object_class->get_property = ep_trial_get_property;

  properties[PROP_ID] = string_property ("id", "Id");
  properties[PROP_TRIAL] = string_property ("trial", "Trial");
  /* an arm the user added or edited (saved in the project), not the bundled catalog's */
  properties[PROP_USER_ENTERED] =
    g_param_spec_boolean ("user-entered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* the trial's name, with "(user-entered)" after it for a user's arm */
  properties[PROP_TRIAL_LABEL] = string_property ("trial-label", "Trial label");
  properties[PROP_ARM] = string_property ("arm", "Arm");
  properties[PROP_AGENT] = string_property ("agent", "Agent");
  /* "BiTE", "CAR T", "antibody-drug conjugate", "chemotherapy", "combination" */
  properties[PROP_DRUG_CLASS] = string_property ("drug-class", "Drug class");
  properties[PROP_TARGET] = string_property ("target", "Target");
  properties[PROP_PHASE] = string_property ("phase", "Phase");
  properties[PROP_DESIGN] = string_property ("design", "Design");
  /* "r/r", "MRD-positive", "frontline" */
  properties[PROP_SETTING] = string_property ("setting", "Setting");
  /* "pediatric", "AYA", "adult", "all ages"; NULL when not reported */
  properties[PROP_POPULATION] = string_property ("population", "Population");
  /* "Ph-", "Ph+", "mixed"; NULL when not reported */
  properties[PROP_PH] = string_property ("ph", "Ph status");
  properties[PROP_N] = g_param_spec_int ("n", "n", "Patients in the arm; -1 when not reported",
                                         -1, G_MAXINT, -1,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_TEXT] = string_property ("n-text", "n as text");
  properties[PROP_MEDIAN_AGE] = number_property ("median-age", "Median age");
  properties[PROP_MEDIAN_AGE_TEXT] = string_property ("median-age-text", "Median age (range)");
  properties[PROP_CR_PCT] = number_property ("cr-pct", "CR %");
  properties[PROP_HAS_CR] = flag_property ("has-cr", "CR reported");
  properties[PROP_CR_TEXT] = string_property ("cr-text", "CR % as text");
  properties[PROP_CR_DEFINITION] = string_property ("cr-definition", "CR definition");
  properties[PROP_MRD_NEG_PCT] = number_property ("mrd-neg-pct", "MRD-negative %");
  properties[PROP_HAS_MRD_NEG] = flag_property ("has-mrd-neg", "MRD-negative reported");
  properties[PROP_MRD_NEG_TEXT] = string_property ("mrd-neg-text", "MRD-negative % as text");
  properties[PROP_MRD_DEFINITION] = string_property ("mrd-definition", "MRD definition");
  properties[PROP_RELAPSE_PCT] = number_property ("relapse-pct", "Relapse %");
  properties[PROP_HAS_RELAPSE] = flag_property ("has-relapse", "Relapse reported");
  properties[PROP_RELAPSE_TEXT] = string_property ("relapse-text", "Relapse % as text");
  properties[PROP_RELAPSE_DEFINITION] = string_property ("relapse-definition", "Relapse definition");
  properties[PROP_HEADLINE_SURVIVAL] = string_property ("headline-survival", "Headline survival");
  properties[PROP_CITATION] = string_property ("citation", "Citation");
  properties[PROP_DOSING] = string_property ("dosing", "Dosing");
  properties[PROP_NOTES] = string_property ("notes", "Notes");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ep_trial_init (EpTrial *self)
{
}

EpTrial *
ep_trial_new (EpCatalogRecord *record)
{
  EpTrial *self;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (record->id != NULL && record->references->len > 0, NULL);

  self = g_object_new (EP_TYPE_TRIAL, NULL);
  self->record = record;
  self->headline_endpoint = choose_headline (record);
  self->headline_survival = self->headline_endpoint != NULL
                            ? format_endpoint (self->headline_endpoint, FALSE)
                            : g_strdup ("");
  self->median_age_text = make_median_age_text (record);
  self->haystack = make_haystack (record);

  return self;
}

const EpCatalogRecord *
ep_trial_get_record (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record;
}

const char *
ep_trial_get_id (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->id;
}

EpTrial *
ep_trial_new_user_entered (EpCatalogRecord *record)
{
  EpTrial *self = ep_trial_new (record);

  if (self != NULL)
    self->user_entered = TRUE;
  return self;
}

gboolean
ep_trial_get_user_entered (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), FALSE);
  return self->user_entered;
}

const char *
ep_trial_get_trial_label (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);

  if (!self->user_entered)
    return self->record->trial;
  if (self->trial_label == NULL)
    /* TRANSLATORS: the name of a trial arm the user entered, in tables and figures */
    self->trial_label = g_strdup_printf (_("%s (user-entered)"), self->record->trial);
  return self->trial_label;
}

const char *
ep_trial_get_trial (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->trial;
}

const char * const *
ep_trial_get_aliases (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return (const char * const *) self->record->aliases;
}

const char *
ep_trial_get_arm (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->arm;
}

const char *
ep_trial_get_agent (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->agent;
}

EpDrugClass
ep_trial_get_drug_class (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), EP_DRUG_CLASS_BITE);
  return self->record->drug_class;
}

EpTrialSetting
ep_trial_get_setting (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), EP_TRIAL_SETTING_RR);
  return self->record->setting;
}

EpTrialPopulation
ep_trial_get_population (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), EP_TRIAL_POPULATION_NOT_REPORTED);
  return self->record->population;
}

EpPhStatus
ep_trial_get_ph (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), EP_PH_STATUS_NOT_REPORTED);
  return self->record->ph;
}

const char *
ep_trial_get_target (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->target;
}

const char *
ep_trial_get_phase (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->phase;
}

const char *
ep_trial_get_design (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->design;
}

int
ep_trial_get_n (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), -1);
  return self->record->n;
}

double
ep_trial_get_median_age (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NAN);
  return self->record->median_age;
}

const char *
ep_trial_get_age_range (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->age_range;
}

double
ep_trial_get_cr_pct (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NAN);
  return self->record->cr_pct;
}

const char *
ep_trial_get_cr_definition (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->cr_definition;
}

double
ep_trial_get_mrd_neg_pct (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NAN);
  return self->record->mrd_neg_pct;
}

const char *
ep_trial_get_mrd_definition (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->mrd_definition;
}

double
ep_trial_get_relapse_pct (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NAN);
  return self->record->relapse_pct;
}

const char *
ep_trial_get_relapse_definition (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->relapse_definition;
}

const char *
ep_trial_get_dosing (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->dosing;
}

const char *
ep_trial_get_notes (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->notes;
}

const char *
ep_trial_get_citation (EpTrial *self)
{
  const EpCatalogReference *reference;

  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);

  reference = g_ptr_array_index (self->record->references, 0);
  return reference->citation;
}

const char *
ep_trial_get_headline_survival (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->headline_survival;
}

const EpCatalogEndpoint *
ep_trial_get_headline_endpoint (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->headline_endpoint;
}

GPtrArray *
ep_trial_get_endpoints (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->endpoints;
}

GPtrArray *
ep_trial_get_responses (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->responses;
}

GPtrArray *
ep_trial_get_cumulative_incidence (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->cumulative_incidence;
}

GPtrArray *
ep_trial_get_hazard_ratios (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->hazard_ratios;
}

GPtrArray *
ep_trial_get_toxicity (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->toxicity;
}

GPtrArray *
ep_trial_get_references (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->references;
}

GPtrArray *
ep_trial_get_provenance (EpTrial *self)
{
  g_return_val_if_fail (EP_IS_TRIAL (self), NULL);
  return self->record->provenance;
}

gboolean
ep_trial_matches_text (EpTrial    *self,
                       const char *text)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (EP_IS_TRIAL (self), FALSE);

  if (text == NULL)
    return TRUE;

  folded = normalize_search (text);
  words = g_strsplit_set (folded, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      /* a single letter finds nearly everything: it is no criterion */
      if (g_utf8_strlen (words[i], -1) < 2)
        continue;
      if (!word_matches (self->haystack, words[i]))
        return FALSE;
    }

  return TRUE;
}

/* -1, 0, 1 with "not reported" after everything reported */
static int
compare_reported (gboolean a_missing,
                  gboolean b_missing)
{
  if (a_missing && !b_missing)
    return 1;
  if (!a_missing && b_missing)
    return -1;
  return 0;
}

static int
compare_values (const GValue *a,
                const GValue *b)
{
  switch (G_VALUE_TYPE (a))
    {
    case G_TYPE_STRING:
      {
        const char *sa = g_value_get_string (a);
        const char *sb = g_value_get_string (b);
        int missing = compare_reported (sa == NULL || *sa == '\0', sb == NULL || *sb == '\0');

        if (missing != 0 || sa == NULL || sb == NULL)
          return missing;
        return g_utf8_collate (sa, sb);
      }

    case G_TYPE_INT:
      {
        int ia = g_value_get_int (a);
        int ib = g_value_get_int (b);
        int missing = compare_reported (ia < 0, ib < 0);

        if (missing != 0)
          return missing;
        return (ia > ib) - (ia < ib);
      }

    case G_TYPE_DOUBLE:
      {
        double da = g_value_get_double (a);
        double db = g_value_get_double (b);
        int missing = compare_reported (isnan (da), isnan (db));

        if (missing != 0 || isnan (da))
          return missing;
        return (da > db) - (da < db);
      }

    case G_TYPE_BOOLEAN:
      return (int) g_value_get_boolean (a) - (int) g_value_get_boolean (b);

    default:
      return 0;
    }
}

int
ep_trial_compare (EpTrial    *a,
                  EpTrial    *b,
                  const char *property)
{
  GParamSpec *pspec;
  int result = 0;

  g_return_val_if_fail (EP_IS_TRIAL (a), 0);
  g_return_val_if_fail (EP_IS_TRIAL (b), 0);
  g_return_val_if_fail (property != NULL, 0);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (a), property);
  if (pspec != NULL)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspec->value_type);
      g_value_init (&vb, pspec->value_type);
      g_object_get_property (G_OBJECT (a), property, &va);
      g_object_get_property (G_OBJECT (b), property, &vb);
      result = compare_values (&va, &vb);
    }

  if (result == 0)
    result = strcmp (a->record->id, b->record->id);

  return result;
}
