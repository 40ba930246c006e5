import vue from '@vitejs/plugin-vue';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';
import { sizeReport } from './build/size-report.js';

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus on demand: the full import alone makes a chunk over 500 kB.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: false,
    }),
    // Issue 5: the login page within 300 kB and the dashboard, charts included, within 500 kB.
    sizeReport([
      { name: 'login', modules: ['src/views/login/index.vue'], maxGzipBytes: 300 * 1024 },
      {
        name: 'dashboard',
        modules: ['src/layout/AppLayout.vue', 'src/views/dashboard/index.vue'],
        maxGzipBytes: 500 * 1024,
      },
    ]),
  ],
  server: {
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
});
