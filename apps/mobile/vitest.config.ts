import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.js';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.test.ts'],
      setupFiles: ['src/test-setup.ts'],
      testTimeout: 20_000,
      // Vant components arrive with their CSS imports; let vite handle them.
      server: { deps: { inline: ['vant'] } },
    },
  }),
);
