import 'vant/es/style/base.css';
import 'vant/es/dialog/style';
import 'vant/es/image-preview/style';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n.js';
import { router } from './router/index.js';

document.documentElement.lang = i18n.global.locale.value;
createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');

// DESIGN §7: installable, with the app shell cached; the API's answers never are (public/sw.js).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, {
      scope: import.meta.env.BASE_URL,
    });
  });
}
