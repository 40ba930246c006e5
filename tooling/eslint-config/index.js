import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The project's lint rules. Each package's eslint.config.js spreads this array and may add
 * its own entries (the console adds the Vue parser).
 */
export const base = tseslint.config(
  { ignores: ['**/dist/**', '**/coverage/**', '**/generated/**', '**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'smart'],
    },
  },
  // CONVENTIONS: configuration is read in one validated module per app (src/env.ts).
  {
    files: ['**/src/**/*.ts'],
    // Tests and their harnesses hand the processes they start an environment of their choosing.
    ignores: ['**/src/env.ts', '**/*.test.ts', '**/src/test-support/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through src/env.ts.',
        },
      ],
    },
  },
  prettier,
);

export default base;
