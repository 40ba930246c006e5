import { describe, expect, it } from 'vitest';
import { slowDown } from './bot.js';
import type { BotContext } from './context.js';

describe('rate limit', () => {
  it('slows a person who floods it down and drops none of their messages (DESIGN §5)', async () => {
    const limiter = slowDown(300, 5, (ctx) => ctx.from?.id.toString());
    const person = { from: { id: 7 } } as unknown as BotContext;
    const other = { from: { id: 8 } } as unknown as BotContext;
    const started = Date.now();
    const handled: { who: number; at: number }[] = [];
    const handle = (ctx: BotContext, who: number) =>
      limiter(ctx, () => {
        handled.push({ who, at: Date.now() - started });
        return Promise.resolve();
      });
    await Promise.all([...Array.from({ length: 8 }, () => handle(person, 7)), handle(other, 8)]);
    const mine = handled.filter((h) => h.who === 7);
    expect(mine).toHaveLength(8);
    expect(mine.slice(0, 5).every((h) => h.at < 200)).toBe(true);
    expect(mine.slice(5).every((h) => h.at >= 290)).toBe(true);
    // Someone else is not held up by the flood.
    expect(handled.find((h) => h.who === 8)?.at).toBeLessThan(200);
  });
});
