/* ep-window-private.h: what EpWindow's sibling files share
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "app/ep-cohort-page.h"
#include "app/ep-figure-page.h"
#include "app/ep-trial-browser.h"
#include "app/ep-window.h"

G_BEGIN_DECLS

struct _EpWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  EpCatalog            *catalog;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *primary_menu_button;
  AdwViewStack         *stack;
  AdwViewSwitcherBar   *switcher_bar;
  EpTrialBrowser       *trial_browser;
  EpCohortPage         *cohort_page;
  EpFigurePage         *figure_page;
};

void _ep_window_class_actions_init (EpWindowClass *klass);
void _ep_window_actions_update     (EpWindow      *self);

G_END_DECLS
