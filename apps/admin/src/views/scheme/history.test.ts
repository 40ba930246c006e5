import { describe, expect, it } from 'vitest';
import { listDelta, schemeChanges } from './history.js';

const v1 = {
  year: 2026,
  version: 1,
  topics: ['教师队伍建设'],
  levels: { bureau: 1, county: 2, city: 4 },
  timeliness: { limitHours: { news: 48, exemplar: null } },
  quotaOverrides: [],
};

describe('the changes between two versions of a scheme', () => {
  it('names each changed field by its path, with its old and new value', () => {
    const v2 = {
      ...v1,
      version: 2,
      levels: { ...v1.levels, city: 5 },
      timeliness: { limitHours: { news: 48, exemplar: 72 } },
    };
    expect(schemeChanges(v1, v2)).toEqual([
      { path: 'levels.city', before: 4, after: 5 },
      { path: 'timeliness.limitHours.exemplar', before: null, after: 72 },
    ]);
  });

  it('treats a list as one field and does not count the renumbering as a change', () => {
    const v2 = {
      ...v1,
      version: 7,
      quotaOverrides: [{ unitId: 'u1', half: 'H1', submitted: 8, adopted: 4 }],
    };
    expect(schemeChanges(v1, v2).map((c) => c.path)).toEqual(['quotaOverrides']);
    expect(schemeChanges(v1, { ...v1, version: 2 })).toEqual([]);
  });

  it('reports fields that only one of the versions has', () => {
    const { levels: _levels, ...withoutLevels } = v1;
    expect(schemeChanges(v1, { ...withoutLevels, stacking: 'sum' })).toEqual([
      { path: 'stacking', before: undefined, after: 'sum' },
      { path: 'levels.bureau', before: 1, after: undefined },
      { path: 'levels.county', before: 2, after: undefined },
      { path: 'levels.city', before: 4, after: undefined },
    ]);
  });

  it('lists the topics added and removed', () => {
    expect(listDelta(['教师队伍建设', '安全'], ['安全', '双减'])).toEqual({
      added: ['双减'],
      removed: ['教师队伍建设'],
    });
  });
});
