import base from '@jyxc/eslint-config';

export default [
  ...base,
  {
    // The harness starts the product as a user would, handing its own environment to it.
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
];
