import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { identifyTelegram, telegramGroupChange } from './telegram-adapter.js';

const USER = { id: 4701, is_bot: false, first_name: '李信息' };
const BOT = { id: 123456, is_bot: true, first_name: 'Bot', username: 'TestNameBot' };
const GROUP = { id: -470, type: 'group' as const, title: '城关镇中心校工作群' };

function memberUpdate(status: 'kicked' | 'left' | 'member' | 'administrator'): Update {
  return {
    update_id: 1,
    my_chat_member: {
      chat: GROUP,
      from: USER,
      date: 0,
      old_chat_member: { user: BOT, status: 'member' },
      new_chat_member:
        status === 'kicked'
          ? { user: BOT, status, until_date: 0 }
          : status === 'administrator'
            ? {
                user: BOT,
                status,
                can_be_edited: false,
                is_anonymous: false,
                can_manage_chat: true,
                can_delete_messages: true,
                can_manage_video_chats: false,
                can_restrict_members: false,
                can_promote_members: false,
                can_change_info: false,
                can_invite_users: true,
                can_post_stories: false,
                can_edit_stories: false,
                can_delete_stories: false,
              }
            : { user: BOT, status },
    },
  } as Update;
}

describe('the Telegram adapter’s reading of updates (DESIGN §4)', () => {
  it('names the sender and the chat as (channel, id) pairs', () => {
    const update = {
      update_id: 2,
      message: { message_id: 5, date: 0, chat: GROUP, from: USER, text: '/kb 标题' },
    } as Update;
    expect(identifyTelegram(update)).toEqual({
      user: { channel: 'telegram', externalId: '4701' },
      chat: { channel: 'telegram', chatId: '-470', kind: 'group' },
    });
  });

  it('reads the bot kicked or gone as a removal, and promotion as nothing', () => {
    expect(telegramGroupChange(memberUpdate('kicked'))).toEqual({
      change: 'removed',
      chatId: '-470',
      status: 'kicked',
    });
    expect(telegramGroupChange(memberUpdate('left'))).toMatchObject({ change: 'removed' });
    expect(telegramGroupChange(memberUpdate('administrator'))).toBeNull();
    expect(telegramGroupChange(memberUpdate('member'))).toBeNull();
  });

  it('reads both service messages of a supergroup migration as the same move', () => {
    const to = {
      update_id: 3,
      message: { message_id: 6, date: 0, chat: GROUP, from: USER, migrate_to_chat_id: -1001470 },
    } as Update;
    const from = {
      update_id: 4,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: -1001470, type: 'supergroup', title: '城关镇中心校工作群' },
        from: USER,
        migrate_from_chat_id: -470,
      },
    } as Update;
    const move = { change: 'migrated', chatId: '-470', toChatId: '-1001470' };
    expect(telegramGroupChange(to)).toEqual(move);
    expect(telegramGroupChange(from)).toEqual(move);
  });
});
