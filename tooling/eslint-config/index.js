import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The project's lint rules. Each package's eslint.config.js spreads this array and may add
 * its own entries (the console adds the Vue parser).
 *
 * Some rules read types: each file is checked against the package's tsconfig.json, found by
 * typescript-eslint's project service, so a package's types must be built or generated before
 * it is linted (turbo's `lint` task depends on `^build` and `generate`).
 */
export const base = tseslint.config(
  { ignores: ['**/dist/**', '**/coverage/**', '**/generated/**', '**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'smart'],
      // A promise nobody awaits loses its failure: await it, return it, or mark the fire-and-forget
      // with `void` and handle its rejection where it is started.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a plain callback is expected (an event handler, a condition) runs
      // without anyone waiting for it or seeing it fail.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A switch over a closed vocabulary (states, roles, kinds) either names every member or says
      // what happens to the others in a `default`, so that a new member is never silently skipped.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
    },
  },
  // Configuration files in plain JavaScript are outside every tsconfig.json: no type-aware rules.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
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
