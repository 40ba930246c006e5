import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { derivePostgresSchema } from './generate.js';

const prismaDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'prisma');
const source = readFileSync(join(prismaDir, 'schema.prisma'), 'utf8');

describe('the PostgreSQL schema', () => {
  it('differs from the SQLite source only in its provider and its client folder', () => {
    const derived = derivePostgresSchema(source);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output                 = "../../src/generated/pg"');
    expect(derived).not.toContain('"sqlite"');
    const body = derived.slice(derived.indexOf('generator client'));
    expect(
      body
        .replace('"postgresql"', '"sqlite"')
        .replace('../../src/generated/pg', '../src/generated/sqlite'),
    ).toBe(source.slice(source.indexOf('generator client')));
  });

  it('is committed as derived from the current source', () => {
    expect(readFileSync(join(prismaDir, 'postgresql', 'schema.prisma'), 'utf8')).toBe(
      derivePostgresSchema(source),
    );
  });

  it('refuses a source whose provider or output it cannot find', () => {
    expect(() => derivePostgresSchema(source.replace('"sqlite"', '"mysql"'))).toThrow(
      /exactly one match/,
    );
    expect(() =>
      derivePostgresSchema(source.replace('../src/generated/sqlite', 'elsewhere')),
    ).toThrow(/exactly one match/);
  });
});
