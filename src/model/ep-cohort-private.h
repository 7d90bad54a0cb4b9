/* ep-cohort-private.h: what ep-cohort.c shares with ep-cohort-input.c
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/ep-cohort.h"

G_BEGIN_DECLS

/* What messages call the cohort: its file's basename, else its name. */
const char *ep_cohort_describe (EpCohort *self);

G_END_DECLS
