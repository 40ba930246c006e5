import { describe, expect, it } from 'vitest';

import { ConfigError, loadEnv } from './env.js';

describe('DATABASE_POOL_SIZE', () => {
  it('is 30 connections unless set', () => {
    expect(loadEnv({}).databasePoolSize).toBe(30);
    expect(loadEnv({ DATABASE_POOL_SIZE: '12' }).databasePoolSize).toBe(12);
  });

  it.each([
    ['many', 'DATABASE_POOL_SIZE: DATABASE_POOL_SIZE must be a number of connections'],
    ['2.5', 'DATABASE_POOL_SIZE: DATABASE_POOL_SIZE must be a whole number'],
    ['0', 'DATABASE_POOL_SIZE: DATABASE_POOL_SIZE must be between 1 and 500'],
    ['501', 'DATABASE_POOL_SIZE: DATABASE_POOL_SIZE must be between 1 and 500'],
  ])('refuses %s, naming the variable', (value, message) => {
    expect(() => loadEnv({ DATABASE_POOL_SIZE: value })).toThrow(new ConfigError(message));
  });
});
