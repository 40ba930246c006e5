import type { CurrentUser } from '../stores/auth.js';

/** A school officer of 城关镇, as the API's /auth/me gives them. */
export const OFFICER: CurrentUser = {
  id: 'p-officer',
  name: '毛勇婷',
  username: 'cg01_xxy',
  unit: { id: 'u-school', name: '城关镇中心小学', kind: 'school' },
  roles: ['officer'],
};

/** The head of the township center that reviews the school's items. */
export const HEAD: CurrentUser = {
  ...OFFICER,
  id: 'p-head',
  name: '钱校长',
  username: 'cgz_head',
  unit: { id: 'u-town', name: '城关镇中心校', kind: 'township_center' },
  roles: ['head'],
};
