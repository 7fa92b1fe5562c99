// Vite for the Tauri window: fixed dev port, no screen clearing, Tauri's env prefix.
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

export default defineConfig({
  // Element Plus components and directives (v-loading) are imported where a template uses
  // them, so the window loads only the ones the app uses. Their styles stay one sheet
  // (main.ts): split per component they arrive later and the first page took longer.
  plugins: [vue(), components({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false })],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  // vue-i18n: composition API only, no devtools hooks in the bundle.
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
});
