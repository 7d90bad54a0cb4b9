/* ep-column-titles.c: the names the app shows for column types and roles (the Cohorts page's
 * column menus, side panel and Add Column dialog)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-column-titles.h"

const char *
ep_column_role_title (EpColumnRole role)
{
  switch (role)
    {
    case EP_COLUMN_ROLE_NONE:       return C_("column role", "None");
    case EP_COLUMN_ROLE_IDENTIFIER: return C_("column role", "Identifier");
    case EP_COLUMN_ROLE_TIME:       return C_("column role", "Time");
    case EP_COLUMN_ROLE_EVENT:      return C_("column role", "Event");
    case EP_COLUMN_ROLE_DATE:       return C_("column role", "Date");
    case EP_COLUMN_ROLE_GROUP:      return C_("column role", "Group");
    case EP_COLUMN_ROLE_COVARIATE:  return C_("column role", "Covariate");
    case EP_COLUMN_ROLE_OUTCOME:    return C_("column role", "Outcome");
    default:                        return "?";
    }
}

const char *
ep_column_type_title (EpColumnType type)
{
  switch (type)
    {
    case EP_COLUMN_NUMBER:   return C_("column type", "Number");
    case EP_COLUMN_CATEGORY: return C_("column type", "Category");
    case EP_COLUMN_YESNO:    return C_("column type", "Yes/No");
    case EP_COLUMN_DATE:     return C_("column type", "Date");
    default:                 return "?";
    }
}
