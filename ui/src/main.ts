// Boots the window: i18n, Pinia, the router, then the start-up load
// (marked step by step for the start-up report, api/app.ts). Element Plus comes
// component by component where templates use it (vite.config.ts), in Chinese through the
// root's el-config-provider; its styles are the one sheet below.
import { createApp } from 'vue';
import { markStartup } from './api/app';
import { createPinia } from 'pinia';
import 'element-plus/dist/index.css';
import './styles/index.css';
import './styles/import.css';
import App from './App.vue';
import { i18n } from './locales';
import { createAppRouter } from './router';
import { useAppStore } from './stores/app';

markStartup('script');
const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
const router = createAppRouter();
app.use(router);
void router.isReady().then(() => markStartup('route_ready'));
void useAppStore(pinia).load();
app.mount('#app');
markStartup('mounted');
