import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.js';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.test.ts'],
      // Mounting Element Plus components takes seconds on a loaded CI machine.
      testTimeout: 20_000,
      // Element Plus components arrive with their CSS imports; let vite handle them.
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
);
