import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '../../i18n.js';
import LoginView from './index.vue';

function mountLogin() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginView },
      { path: '/', component: { template: '<div>home</div>' } },
    ],
  });
  const wrapper = mount(LoginView, {
    global: {
      plugins: [createPinia(), i18n, router, ElementPlus],
    },
  });
  return { wrapper, router };
}

/** Form validation and the request resolve over a few ticks. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the login page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for the username and password before sending anything', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const { wrapper } = mountLogin();
    await wrapper.find('form').trigger('submit');
    await settle();
    const invalid = wrapper
      .findAll('.el-form-item.is-error')
      .map((item) => item.find('label').text());
    expect(invalid).toEqual(['用户名', '密码']);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('shows the API message when the password is wrong', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              error: { code: 'AUTH.INVALID_CREDENTIALS', message: '用户名或密码不正确' },
            }),
            { status: 401, headers: { 'content-type': 'application/json' } },
          ),
      ),
    );
    const { wrapper } = mountLogin();
    await wrapper.find('input[name="username"]').setValue('admin');
    await wrapper.find('input[name="password"]').setValue('wrong');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(wrapper.text()).toContain('用户名或密码不正确');
  });
});
