import { createI18n } from 'vue-i18n';
import en from './locales/en.js';
import zhCN from './locales/zh-CN.js';

export type Locale = 'zh-CN' | 'en';

// The console keeps the same key: a person who chose English there reads English here too.
const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('locale');
const initial: Locale = stored === 'en' ? 'en' : 'zh-CN';

export const i18n = createI18n({
  legacy: false,
  locale: initial,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function currentLocale(): Locale {
  return i18n.global.locale.value === 'en' ? 'en' : 'zh-CN';
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem('locale', locale);
  document.documentElement.lang = locale;
}
