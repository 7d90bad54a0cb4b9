/* ep-meta-input.c: catalog arms as the input of a meta-analysis of proportions
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "core/ep-levels.h"
#include "model/ep-meta-input.h"

G_DEFINE_QUARK (ep-meta-input-error-quark, ep_meta_input_error)

/* R's round (n * pct / 100): the same double operations in the same order, then rounding to
 * the nearest integer with ties to even (nearbyint in the default rounding mode, as R). */
static guint
events_from_percent (int    n,
                     double percent)
{
  return (guint) nearbyint ((double) n * percent / 100.0);
}

EpMetaInput *
ep_meta_input_new (const EpMetaArm  *arms,
                   guint             n_arms,
                   GError          **error)
{
  g_autoptr(EpMetaInput) input = NULL;
  g_autoptr(EpLevels) levels = NULL;
  g_autoptr(GPtrArray) classes = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  g_return_val_if_fail (arms != NULL || n_arms == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = g_new0 (EpMetaInput, 1);
  input->events = g_new0 (guint, MAX (n_arms, 1));
  input->total = g_new0 (guint, MAX (n_arms, 1));
  input->subgroup = g_new0 (guint, MAX (n_arms, 1));
  input->arm_index = g_new0 (guint, MAX (n_arms, 1));
  input->excluded = g_new0 (guint, MAX (n_arms, 1));
  input->exclusion = g_new0 (EpMetaArmExclusion, MAX (n_arms, 1));

  for (guint a = 0; a < n_arms; a++)
    {
      const EpMetaArm *arm = &arms[a];

      g_return_val_if_fail (arm->label != NULL, NULL);
      g_return_val_if_fail (arm->class_name != NULL, NULL);

      if (isnan (arm->percent) || arm->n < 1)
        {
          input->excluded[input->n_excluded] = a;
          input->exclusion[input->n_excluded] = isnan (arm->percent)
                                                ? EP_META_ARM_OUTCOME_NOT_REPORTED
                                                : EP_META_ARM_N_NOT_REPORTED;
          input->n_excluded++;
          continue;
        }

      if (!isfinite (arm->percent) || arm->percent < 0.0 || arm->percent > 100.0)
        {
          g_set_error (error, EP_META_INPUT_ERROR, EP_META_INPUT_ERROR_INVALID,
                       _("“%s”: %g%% is not a percentage between 0 and 100"),
                       arm->label, arm->percent);
          return NULL;
        }

      g_strv_builder_add (labels, arm->label);
      g_ptr_array_add (classes, (gpointer) arm->class_name);
      input->events[input->k] = events_from_percent (arm->n, arm->percent);
      input->total[input->k] = (guint) arm->n;
      input->arm_index[input->k] = a;
      input->k++;
    }

  input->labels = g_strv_builder_end (labels);

  /* Classes as subgroups, ordered as endpoint-cli meta --subgroup orders them. */
  levels = ep_levels_new ((const char * const *) classes->pdata, classes->len);
  input->n_subgroups = levels->n_levels;
  input->subgroup_names = g_strdupv (levels->levels);
  for (guint i = 0; i < input->k; i++)
    input->subgroup[i] = levels->codes[i];

  return g_steal_pointer (&input);
}

void
ep_meta_input_free (EpMetaInput *input)
{
  if (input == NULL)
    return;

  g_strfreev (input->labels);
  g_free (input->events);
  g_free (input->total);
  g_free (input->subgroup);
  g_free (input->arm_index);
  g_strfreev (input->subgroup_names);
  g_free (input->excluded);
  g_free (input->exclusion);
  g_free (input);
}

void
ep_meta_input_get_data (const EpMetaInput *input,
                        EpMetaMeasure      measure,
                        gboolean           with_subgroups,
                        EpMetaData        *data)
{
  g_return_if_fail (input != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (measure == EP_META_MEASURE_LOGIT || measure == EP_META_MEASURE_FT);

  *data = (EpMetaData) {
    .k = input->k,
    .measure = measure,
    .events = input->events,
    .total = input->total,
  };

  if (with_subgroups && input->n_subgroups > 0)
    {
      data->subgroup = input->subgroup;
      data->n_subgroups = input->n_subgroups;
      data->subgroup_names = (const char * const *) input->subgroup_names;
    }
}
