import { describe, expect, it } from 'vitest';
import { STRANGER } from './test-support/chats.js';
import { botWorld } from './test-support/harness.js';

describe('rate limit', () => {
  it('stops answering a person who floods it, and tells them to wait', async () => {
    const world = await botWorld();
    for (let i = 0; i < 32; i++) await world.handle(world.privateText(STRANGER, `消息 ${i}`));
    const texts = world.sent().map((c) => String(c.payload.text));
    expect(texts.filter((t) => t.includes('/start 绑定码'))).toHaveLength(30);
    expect(texts.some((t) => t.includes('操作太频繁'))).toBe(true);
  });
});
