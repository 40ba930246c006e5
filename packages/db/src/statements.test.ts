import { describe, expect, it } from 'vitest';

import { MOST_NAMED_ARGS, statementName } from './statements.js';

describe('statementName', () => {
  const select = 'SELECT "id" FROM "Unit" WHERE "id" = $1';

  it('names a statement by its text, within PostgreSQL’s 63 bytes', () => {
    const name = statementName({ sql: select, args: ['a'] });
    expect(name).toMatch(/^jyxc_[\w-]+$/);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(statementName({ sql: select, args: ['b'] })).toBe(name);
    expect(statementName({ sql: `${select} LIMIT $2`, args: ['a', 1] })).not.toBe(name);
  });

  it('leaves unnamed what has no arguments, or a list of them', () => {
    expect(statementName({ sql: 'BEGIN', args: [] })).toBe('');
    const many = Array.from({ length: MOST_NAMED_ARGS + 1 }, (_, i) => `u${i}`);
    const list = many.map((_, i) => `$${i + 1}`).join(', ');
    expect(statementName({ sql: `SELECT 1 FROM "Unit" WHERE "id" IN (${list})`, args: many })).toBe(
      '',
    );
  });
});
