import base from '@jyxc/eslint-config';

export default [
  ...base,
  {
    // The suite starts the real API process and hands it the environment it chooses.
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
];
