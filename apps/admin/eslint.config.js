import vueApp from '@jyxc/eslint-config/vue';

export default vueApp;
