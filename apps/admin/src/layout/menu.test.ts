import { describe, expect, it } from 'vitest';
import { MENU, menuPaths, visibleMenu } from './menu.js';

const holding =
  (...roles: string[]) =>
  (role: string) =>
    roles.includes(role);

describe('the side menu', () => {
  it('gives an admin every area, the system pages included', () => {
    const paths = menuPaths(visibleMenu(MENU, holding('admin')));
    expect(paths).toContain('/system/users');
    expect(paths).toContain('/system/audit');
    expect(paths).toContain('/evaluation/adjustments');
  });

  it('leaves out the system group and the adjustments for a school officer', () => {
    const menu = visibleMenu(MENU, holding('officer'));
    expect(menu.map((e) => e.key)).not.toContain('nav.system');
    expect(menuPaths(menu)).toEqual([
      '/dashboard',
      '/submissions',
      '/units',
      '/evaluation',
      '/evaluation/bulletins',
      '/evaluation/scheme',
      '/incidents',
      '/campaigns',
    ]);
  });
});
