import { defaultScheme, type QuotaOverride, type Scheme } from '@jyxc/domain';

import { topicsOf } from './content.js';

/** A quota a unit has instead of its kind's default, for one half-year (DESIGN §3.4). */
export type DemoQuotaOverride = QuotaOverride & { readonly half: 'H1' | 'H2' };

/**
 * The demo county's scheme for `year`: the domain's defaults (DESIGN §3.4–§3.5) with the
 * county's topics of that year, its quota overrides and the given version number.
 */
export function demoScheme(
  year: number,
  quotaOverrides: readonly DemoQuotaOverride[] = [],
  version = 1,
): Scheme {
  return {
    ...defaultScheme(year),
    version,
    topics: [...topicsOf(year)],
    quotaOverrides: [...quotaOverrides],
  };
}
