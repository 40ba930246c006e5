import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INCIDENT_ACTIONS } from '@jyxc/domain';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from './labels.js';

const MODULES = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every `area.verb` string literal the services write as an audit action, and every entity. */
function written(): { actions: Set<string>; entities: Set<string> } {
  const actions = new Set<string>(INCIDENT_ACTIONS.map((a) => `incident.${a}`));
  const entities = new Set<string>();
  for (const file of sources(MODULES)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /\b(?:action:\s*|runCommand\(ctx, id, |persistTransition\([^)]*?, )'([a-z][A-Za-z]*\.[a-z][A-Za-z_]*)'/g,
    ))
      actions.add(m[1] ?? '');
    for (const m of text.matchAll(/'((?:submission|unit|scheme)\.[a-z][A-Za-z_]*)'/g))
      actions.add(m[1] ?? '');
    for (const m of text.matchAll(/entity:\s*'([A-Z][A-Za-z]*)'/g)) entities.add(m[1] ?? '');
  }
  return { actions, entities };
}

describe('the audit log’s words (DESIGN §6: no raw code shown)', () => {
  it('has a Chinese label for every action and object the services write', () => {
    const { actions, entities } = written();
    expect(actions.size).toBeGreaterThan(50);
    expect([...actions].filter((a) => AUDIT_ACTION_LABELS[a] === undefined)).toEqual([]);
    expect([...entities].filter((e) => AUDIT_ENTITY_LABELS[e] === undefined)).toEqual([]);
  });
});
