// Hash routes: the first-run page, 我的学时 for members, the 台账's printable pages, and the
// shell with one child per menu entry.
import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router } from 'vue-router';
import { useAppStore } from '@/stores/app';
import { menu } from './menu';

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
    children: menu.map((entry) => ({
      path: entry.name,
      name: entry.name,
      component: entry.view,
      meta: { title: `nav.${entry.name}` },
    })),
  },
  { path: '/:pathMatch(.*)*', redirect: '/home' },
];

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHashHistory(), routes });
  // Without a branch only the first-run page makes sense; with one, it is never shown again.
  router.beforeEach(async (to) => {
    const app = useAppStore();
    await app.load();
    if (app.state !== 'ready') return true;
    if (!app.hasBranch && to.name !== 'welcome') return { name: 'welcome' };
    if (app.hasBranch && to.name === 'welcome') return { name: 'home' };
    return true;
  });
  return router;
}
