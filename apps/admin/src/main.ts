import 'element-plus/theme-chalk/base.css';
import 'element-plus/theme-chalk/el-message.css';
import './styles/theme.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n.js';
import { router } from './router/index.js';

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
