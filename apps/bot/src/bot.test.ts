import type { UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { createBot } from './bot.js';
import { HELP_TEXT } from './features/help.js';

const botInfo: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: '教育信息',
  username: 'jyxc_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

function recordingBot() {
  const bot = createBot('test-token', { botInfo });
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  bot.api.config.use((_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    return Promise.resolve({ ok: true, result: true } as never);
  });
  return { bot, calls };
}

function privateText(text: string, updateId = 1) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_780_000_000,
      chat: { id: 1001, type: 'private' as const, first_name: '张' },
      from: { id: 1001, is_bot: false, first_name: '张' },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }] } : {}),
    },
  };
}

describe('the bot', () => {
  it('explains how to link an account when a stranger writes to it', async () => {
    const { bot, calls } = recordingBot();
    await bot.handleUpdate(privateText('你好'));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('sendMessage');
    expect(calls[0]?.payload.text).toBe(HELP_TEXT);
  });

  it('answers /help with what to do next', async () => {
    const { bot, calls } = recordingBot();
    await bot.handleUpdate(privateText('/help'));
    expect(calls[0]?.payload.text).toContain('/start 绑定码');
  });

  it('stays silent on ordinary group chatter', async () => {
    const { bot, calls } = recordingBot();
    await bot.handleUpdate({
      update_id: 7,
      message: {
        message_id: 7,
        date: 1_780_000_000,
        chat: { id: -100, type: 'group', title: '城关镇工作群' },
        from: { id: 1001, is_bot: false, first_name: '张' },
        text: '今天的会议改到下午',
      },
    });
    expect(calls).toHaveLength(0);
  });
});
