import base from '@jyxc/eslint-config';
import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

export default [
  ...base,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
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
