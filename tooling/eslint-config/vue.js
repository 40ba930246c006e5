import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import base from './index.js';

/**
 * The project's rules for a Vue app (the console and the phone app): the base config, Vue's
 * recommended rules, and `<script lang="ts">` checked with types like the `.ts` files.
 */
export const vueApp = [
  ...base,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      // vue-eslint-parser hands each <script> to typescript-eslint, which finds its types through
      // the project service like the .ts files (tsconfig.json includes the .vue files).
      parserOptions: {
        parser: tseslint.parser,
        projectService: true,
        extraFileExtensions: ['.vue'],
      },
    },
    // vue-tsc checks names in components; the core rule does not know the browser's globals.
    rules: { 'no-undef': 'off' },
  },
  {
    rules: {
      // Prettier owns formatting.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },
  {
    // CONVENTIONS: a page is src/views/<feature>/index.vue; the folder names it.
    files: ['src/views/*/index.vue'],
    rules: { 'vue/multi-word-component-names': 'off' },
  },
];

export default vueApp;
