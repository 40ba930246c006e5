import base from '@jyxc/eslint-config';
import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

export default [
  ...base,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      // Prettier owns formatting.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    // CONVENTIONS: a page is src/views/<feature>/index.vue; the folder names it.
    files: ['src/views/*/index.vue'],
    rules: { 'vue/multi-word-component-names': 'off' },
  },
];
