import { describe, expect, it } from 'vitest';
import { loadBotEnv } from './env.js';
import { privacyModeWarning } from './runtime.js';
import { botInfo } from './test-support/harness.js';

const BASE = {
  TELEGRAM_BOT_TOKEN: '123:abc',
  BOT_SERVICE_TOKEN: 'a-service-token-of-at-least-32-characters',
};

describe('the bot’s configuration', () => {
  it('polls by default, linking to the local console', () => {
    const env = loadBotEnv(BASE);
    expect(env.mode).toBe('polling');
    expect(env.publicUrl).toBe('http://localhost:8787/');
    expect(env.apiUrl).toBe('http://127.0.0.1:8787');
  });

  it('needs the secret and the public https address in webhook mode, each named in one line', () => {
    const webhook = { ...BASE, BOT_MODE: 'webhook' };
    expect(() => loadBotEnv({ ...webhook, PUBLIC_URL: 'https://jyxc.example.cn/' })).toThrow(
      /^WEBHOOK_SECRET: BOT_MODE=webhook needs WEBHOOK_SECRET/,
    );
    expect(() => loadBotEnv({ ...webhook, WEBHOOK_SECRET: 'a-secret-0123456789' })).toThrow(
      /^PUBLIC_URL: BOT_MODE=webhook needs PUBLIC_URL/,
    );
    expect(() =>
      loadBotEnv({
        ...webhook,
        WEBHOOK_SECRET: 'a-secret-0123456789',
        PUBLIC_URL: 'http://jyxc.example.cn/',
      }),
    ).toThrow(/^PUBLIC_URL: .*https/);
    expect(() =>
      loadBotEnv({ ...webhook, WEBHOOK_SECRET: 'short', PUBLIC_URL: 'https://jyxc.example.cn/' }),
    ).toThrow(/^WEBHOOK_SECRET: WEBHOOK_SECRET must be 16–256/);
    const env = loadBotEnv({
      ...webhook,
      WEBHOOK_SECRET: 'a-secret-0123456789',
      PUBLIC_URL: 'https://jyxc.example.cn/',
    });
    expect(env.mode).toBe('webhook');
    expect(env.webhookSecret).toBe('a-secret-0123456789');
  });

  it('takes an http address in webhook mode for another Bot API server (a local one, an emulator)', () => {
    const env = loadBotEnv({
      ...BASE,
      BOT_MODE: 'webhook',
      WEBHOOK_SECRET: 'a-secret-0123456789',
      PUBLIC_URL: 'http://10.0.0.5:8787/',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
    });
    expect(env.apiRoot).toBe('http://127.0.0.1:8081');
  });

  it('links 在后台打开 to the configured port without PUBLIC_URL, and to PUBLIC_URL with it', () => {
    const base = { TELEGRAM_BOT_TOKEN: 't', BOT_SERVICE_TOKEN: 'x'.repeat(32) };
    expect(loadBotEnv({ ...base, PORT: '9090' }).publicUrl).toBe('http://localhost:9090/');
    expect(
      loadBotEnv({ ...base, PORT: '9090', PUBLIC_URL: 'https://jyxc.example.cn:8443/' }).publicUrl,
    ).toBe('https://jyxc.example.cn:8443/');
  });

  it('refuses an unknown mode', () => {
    expect(() => loadBotEnv({ ...BASE, BOT_MODE: 'hook' })).toThrow(/^BOT_MODE: /);
  });
});

describe('privacy mode at start (DESIGN §5)', () => {
  it('says in one line what to do when the bot cannot read group messages, and nothing otherwise', () => {
    const line = privacyModeWarning({ ...botInfo, can_read_all_group_messages: false });
    expect(line).not.toBeNull();
    expect(line?.split('\n')).toHaveLength(1);
    expect(line).toContain('/setprivacy');
    expect(line).toContain('administrator');
    expect(line).toContain('docs/bot-guide.md');
    expect(privacyModeWarning({ ...botInfo, can_read_all_group_messages: true })).toBeNull();
  });
});
