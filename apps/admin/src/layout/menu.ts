/** One entry of the side menu; `roles` limits it to people holding any of them. */
export interface MenuEntry {
  readonly key: string;
  readonly path?: string;
  readonly roles?: readonly string[];
  readonly children?: readonly MenuEntry[];
}

/** DESIGN §6: the console's areas, in the order a user works through them. */
export const MENU: readonly MenuEntry[] = [
  { key: 'nav.dashboard', path: '/dashboard' },
  { key: 'nav.submissions', path: '/submissions' },
  { key: 'nav.units', path: '/units' },
  {
    key: 'nav.evaluation',
    children: [
      { key: 'nav.evaluationResults', path: '/evaluation' },
      { key: 'nav.bulletins', path: '/evaluation/bulletins' },
      { key: 'nav.scheme', path: '/evaluation/scheme' },
      {
        key: 'nav.adjustments',
        path: '/evaluation/adjustments',
        roles: ['admin', 'reviewer', 'leader'],
      },
      { key: 'nav.outlets', path: '/evaluation/outlets', roles: ['admin', 'reviewer', 'leader'] },
    ],
  },
  { key: 'nav.incidents', path: '/incidents' },
  { key: 'nav.campaigns', path: '/campaigns' },
  {
    key: 'nav.system',
    roles: ['admin'],
    children: [
      { key: 'nav.users', path: '/system/users', roles: ['admin'] },
      { key: 'nav.import', path: '/system/import', roles: ['admin'] },
      { key: 'nav.chatLinks', path: '/system/chat-links', roles: ['admin'] },
      { key: 'nav.audit', path: '/system/audit', roles: ['admin'] },
      { key: 'nav.deliveries', path: '/system/deliveries', roles: ['admin'] },
    ],
  },
];

/** The entries a person with these roles sees (a group without visible children disappears). */
export function visibleMenu(
  menu: readonly MenuEntry[],
  has: (role: string) => boolean,
): MenuEntry[] {
  const allowed = (entry: MenuEntry) => !entry.roles || entry.roles.some(has);
  return menu.filter(allowed).flatMap((entry) => {
    if (!entry.children) return [entry];
    const children = entry.children.filter(allowed);
    return children.length > 0 ? [{ ...entry, children }] : [];
  });
}

/** Every page path of a menu, in order (the browser tests visit them all). */
export function menuPaths(menu: readonly MenuEntry[]): string[] {
  return menu.flatMap((entry) =>
    entry.children ? menuPaths(entry.children) : entry.path ? [entry.path] : [],
  );
}
