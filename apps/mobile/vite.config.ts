import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { VantResolver } from '@vant/auto-import-resolver';
import Components from 'unplugin-vue-components/vite';
import { defineConfig, type Plugin } from 'vite';
import { sizeReport } from '../admin/build/size-report.js';
import { serviceWorker } from './build/service-worker.js';

/**
 * Vant's icon font is inlined as woff2 with a fallback on a CDN; every browser the app supports
 * reads woff2, and the product's CSP (font-src 'self' data:) refuses the CDN, so the fallback
 * only produced console errors. The app loads nothing from other hosts.
 */
function vantIconsWithoutCdn(): Plugin {
  return {
    name: 'jyxc-vant-icons-without-cdn',
    enforce: 'pre',
    transform(code, id) {
      if (!/vant[\\/]es[\\/]icon[\\/]index\.css/.test(id)) return null;
      return code.replace(/,url\(\/\/at\.alicdn\.com[^)]*\) format\("woff"\)/, '');
    },
  };
}

export default defineConfig({
  // The product serves the phone app under /m/ on the console's port (DESIGN §7).
  base: '/m/',
  plugins: [
    vantIconsWithoutCdn(),
    vue(),
    // Vant on demand, each component with its own CSS.
    Components({ resolvers: [VantResolver()], dts: false }),
    serviceWorker(fileURLToPath(new URL('src/sw.js', import.meta.url)), [
      'manifest.webmanifest',
      'icons/icon-192.png',
      'icons/icon-512.png',
    ]),
    // Issue 15: a phone's first load of /m/ (the home page) within 120 kB of gzip JavaScript.
    sizeReport([
      {
        name: 'home',
        modules: ['src/layout/TabLayout.vue', 'src/views/home/index.vue'],
        maxGzipBytes: 120 * 1024,
      },
    ]),
  ],
  server: {
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
  build: {
    target: 'es2022',
  },
});
