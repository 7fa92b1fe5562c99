// Hash routes: the first-run page, 我的学时 for members, the 台账's printable pages, and the
// shell with one child per menu entry.
import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router } from 'vue-router';
import { useAppStore } from '@/stores/app';
import { COUNCIL_ROUTES, councilMenu, menu } from './menu';

export const routes: RouteRecordRaw[] = [
  {
    path: '/welcome',
    name: 'welcome',
    component: () => import('@/views/welcome/index.vue'),
  },
  // 我的学时: members look up their own record here, outside the secretary's area.
  {
    path: '/my-hours',
    name: 'my-hours',
    component: () => import('@/views/my-hours/index.vue'),
    meta: { title: 'study.self_check.title' },
  },
  // The yearly 台账 as it prints, the whole window (from 导出年度台账 on the 工作台).
  {
    path: '/ledger/print',
    name: 'ledger-print',
    component: () => import('@/views/ledger/index.vue'),
    meta: { title: 'ledger.print.open' },
  },
  {
    path: '/',
    component: () => import('@/components/layout/app-shell.vue'),
    redirect: '/home',
    children: [
      ...[...menu, ...councilMenu].map((entry) => ({
        path: entry.name,
        name: entry.name,
        component: entry.view,
        meta: { title: `nav.${entry.name}` },
      })),
      // The 党委's window: one branch's report, read-only.
      {
        path: 'council-branch/:id',
        name: 'council-branch',
        component: () => import('@/views/council/branch.vue'),
        props: true,
        meta: { title: 'nav.council-overview' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/home' },
];

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHashHistory(), routes });
  // Without a branch only the first-run page makes sense; with one, it is never shown again.
  // A 党委's window shows its own pages only, none of a branch's.
  router.beforeEach(async (to) => {
    const app = useAppStore();
    await app.load();
    if (app.state !== 'ready') return true;
    const name = String(to.name ?? '');
    if (app.isCouncil) return COUNCIL_ROUTES.has(name) ? true : { name: 'council-overview' };
    if (!app.hasBranch && name !== 'welcome') return { name: 'welcome' };
    if (app.hasBranch && (name === 'welcome' || COUNCIL_ROUTES.has(name))) return { name: 'home' };
    return true;
  });
  return router;
}
