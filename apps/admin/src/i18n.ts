import { createI18n } from 'vue-i18n';
import en from './locales/en.js';
import zhCN from './locales/zh-CN.js';

export type Locale = 'zh-CN' | 'en';

const stored = localStorage.getItem('locale');
const initial: Locale = stored === 'en' ? 'en' : 'zh-CN';
// Screen readers and the browser's translation read the page's language from <html lang>,
// which must follow the chosen language from the first paint, not only after a switch.
document.documentElement.lang = initial;

export const i18n = createI18n({
  legacy: false,
  locale: initial,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem('locale', locale);
  document.documentElement.lang = locale;
}
