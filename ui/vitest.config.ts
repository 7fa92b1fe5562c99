// Unit tests beside the code; never the WebDriver tests in e2e/.
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      environment: 'happy-dom',
      setupFiles: ['src/test-setup.ts'],
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
);
