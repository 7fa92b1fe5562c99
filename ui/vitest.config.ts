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
      // Mounting Element Plus forms under happy-dom takes seconds on a busy 2-core machine;
      // a test that waits on a condition must not fail for the machine's load.
      testTimeout: 30_000,
      server: { deps: { inline: ['element-plus'] } },
      // Worker threads start faster than the default child processes (about a tenth off the run).
      pool: 'threads',
    },
  }),
);
