// Vite for the phone page (手机查学时): a separate small entry, no Vue, no Element Plus, plain
// ES2017 for WeChat's built-in browser, fixed file names the Rust server embeds
// (build.rs builds it into the crate's OUT_DIR; `npm run build` into dist-phone/).
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  base: '/',
  clearScreen: false,
  build: {
    outDir: 'dist-phone',
    emptyOutDir: true,
    target: 'es2017',
    modulePreload: false,
    cssCodeSplit: false,
    rollupOptions: {
      input: 'phone.html',
      output: {
        entryFileNames: 'phone.js',
        assetFileNames: 'phone[extname]',
      },
    },
  },
});
