// The side menu: one line per screen. Each entry is a route under the shell, a nav item
// (title `nav.<name>`, data-testid `nav-<name>`) and a lazily loaded view.
import type { Component } from 'vue';
import type { RouteComponent } from 'vue-router';
import {
  Avatar,
  Calendar,
  Connection,
  DataBoard,
  Flag,
  Guide,
  HomeFilled,
  Promotion,
  Reading,
  Setting,
  Trophy,
  UserFilled,
  Wallet,
} from '@element-plus/icons-vue';

export interface MenuEntry {
  /** Route name, path segment, i18n key under `nav.` and test id suffix. */
  name: string;
  icon: Component;
  view: () => Promise<RouteComponent | { default: RouteComponent }>;
}

export const menu: readonly MenuEntry[] = [
  { name: 'home', icon: HomeFilled, view: () => import('@/views/home/index.vue') },
  { name: 'members', icon: UserFilled, view: () => import('@/views/members/index.vue') },
  { name: 'committee', icon: Avatar, view: () => import('@/views/committee/index.vue') },
  { name: 'pipeline', icon: Promotion, view: () => import('@/views/pipeline/index.vue') },
  { name: 'sessions', icon: Calendar, view: () => import('@/views/sessions/index.vue') },
  { name: 'study', icon: Reading, view: () => import('@/views/study/index.vue') },
  { name: 'activities', icon: Flag, view: () => import('@/views/activities/index.vue') },
  { name: 'dues', icon: Wallet, view: () => import('@/views/dues/index.vue') },
  { name: 'strengths', icon: Trophy, view: () => import('@/views/strengths/index.vue') },
  { name: 'settings', icon: Setting, view: () => import('@/views/settings/index.vue') },
  { name: 'guide', icon: Guide, view: () => import('@/views/guide/index.vue') },
];

/** The 党委's window: its own menu, none of the branch's pages. */
export const councilMenu: readonly MenuEntry[] = [
  { name: 'council-overview', icon: DataBoard, view: () => import('@/views/council/overview.vue') },
  { name: 'council-ranking', icon: Trophy, view: () => import('@/views/council/ranking.vue') },
  { name: 'council-settings', icon: Connection, view: () => import('@/views/council/settings.vue') },
];

/** Every route of the 党委's window: its menu and a branch's report. */
export const COUNCIL_ROUTES: ReadonlySet<string> = new Set([...councilMenu.map((e) => e.name), 'council-branch']);
