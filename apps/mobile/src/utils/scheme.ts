import { defaultScheme, type Scheme } from '@jyxc/domain';
import { ref } from 'vue';
import { getScheme } from '../api/schemes.js';

const KEPT = (year: number) => `jyxc.m.scheme.${year}`;

function kept(year: number): Scheme | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEPT(year)) ?? 'null');
    return typeof value === 'object' && value !== null && 'timeliness' in value
      ? (value as Scheme)
      : null;
  } catch {
    return null;
  }
}

/**
 * The schemes of the years a form asks about, as the server has them (the bureau may have
 * changed the limits of the year). The last one read is kept on the phone for a form written
 * offline; only a phone that never reached the server falls back to the domain's defaults.
 */
export function useSchemes(): { schemeOf: (year: number) => Scheme } {
  const schemes = ref(new Map<number, Scheme>());
  const asked = new Set<number>();

  async function load(year: number): Promise<void> {
    try {
      const { scheme } = await getScheme(year);
      schemes.value = new Map(schemes.value).set(year, scheme);
      localStorage.setItem(KEPT(year), JSON.stringify(scheme));
    } catch {
      const copy = kept(year);
      if (copy !== null) schemes.value = new Map(schemes.value).set(year, copy);
    }
  }

  function schemeOf(year: number): Scheme {
    if (!asked.has(year)) {
      asked.add(year);
      void load(year);
    }
    return schemes.value.get(year) ?? kept(year) ?? defaultScheme(year);
  }

  return { schemeOf };
}
