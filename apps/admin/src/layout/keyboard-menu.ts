import type { Directive } from 'vue';

const ITEMS = '.el-menu-item, .el-sub-menu__title';

function reachable(menu: HTMLElement): void {
  for (const item of menu.querySelectorAll<HTMLElement>(ITEMS)) item.tabIndex = 0;
}

function activate(event: KeyboardEvent): void {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  const target = event.target as HTMLElement | null;
  if (!target?.matches(ITEMS)) return;
  event.preventDefault();
  target.click();
}

/**
 * DESIGN §6 (WCAG 2.1.1): every menu entry can be reached with Tab and opened with Enter or
 * Space. Element Plus makes only a horizontal menu's entries focusable; a vertical one's have
 * tabindex -1, so a keyboard user could not leave the dashboard through the side menu.
 */
export const vKeyboardMenu: Directive<HTMLElement> = {
  mounted(el) {
    reachable(el);
    el.addEventListener('keydown', activate);
  },
  updated(el) {
    reachable(el);
  },
  beforeUnmount(el) {
    el.removeEventListener('keydown', activate);
  },
};
