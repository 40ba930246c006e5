/** DESIGN §3.6: sources, severities and the board's columns in the order of handling. */
export const SOURCES = ['online', 'media', 'petition', 'hotline', 'other'] as const;
export const SEVERITIES = ['general', 'significant', 'major'] as const;
export const BOARD_STATES = ['open', 'reported', 'responding', 'resolved', 'closed'] as const;

/** The next step of each state, by the unit (report, respond, resolve) or the bureau (close). */
export const NEXT_COMMANDS: Record<
  string,
  readonly ('report' | 'respond' | 'resolve' | 'close' | 'reopen')[]
> = {
  open: ['report'],
  reported: ['respond'],
  responding: ['resolve'],
  resolved: ['close', 'reopen'],
  closed: [],
};
