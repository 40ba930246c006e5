import { describe, expect, it } from 'vitest';
import { instructionJson } from './instruction.js';

const form = (at: Date) => ({ level: 'county' as const, at, leader: ' 县长 ', note: '  ' });

describe('instructionJson', () => {
  it('dates an instruction at the start of the chosen day, trimmed, without empty fields', () => {
    const body = instructionJson(form(new Date(2026, 8, 14, 15, 30)), '2026-08-01T02:00:00.000Z');
    expect(body).toEqual({
      level: 'county',
      at: new Date(2026, 8, 14).toISOString(),
      leader: '县长',
    });
  });

  it('never dates it before the publication when given on the day of publication', () => {
    const published = new Date(2026, 8, 14, 9, 0).toISOString();
    expect(instructionJson(form(new Date(2026, 8, 14)), published).at).toBe(published);
  });
});
