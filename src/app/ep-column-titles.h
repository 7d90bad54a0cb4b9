/* ep-column-titles.h: the names the app shows for column types and roles
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "model/ep-cohort-column.h"

G_BEGIN_DECLS

/* Translated ("Number", "Yes/No"; "Time", "Covariate"); "?" for a value out of range. */
const char *ep_column_type_title (EpColumnType type);
const char *ep_column_role_title (EpColumnRole role);

G_END_DECLS
