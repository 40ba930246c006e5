import base from '@jyxc/eslint-config';

export default base;
