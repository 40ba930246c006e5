import base from '@jyxc/eslint-config';

export default [
  ...base,
  {
    // The tests, their harness and the benchmark are typed by their own tsconfig (see there).
    files: ['src/**/*.test.ts', 'src/test-support/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './tsconfig.test.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
];
