import vueApp from '@jyxc/eslint-config/vue';

export default [
  ...vueApp,
  {
    // The service worker runs in the worker's global scope, not the page's.
    files: ['src/sw.js'],
    languageOptions: {
      globals: {
        self: 'readonly',
        caches: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        Response: 'readonly',
      },
    },
  },
];
