// Boots the window: Element Plus in Chinese, i18n, Pinia, the router, then the start-up load.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './styles/index.css';
import './styles/import.css';
import App from './App.vue';
import { i18n } from './locales';
import { createAppRouter } from './router';
import { useAppStore } from './stores/app';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
app.use(ElementPlus, { locale: zhCn });
app.use(createAppRouter());
void useAppStore(pinia).load();
app.mount('#app');
