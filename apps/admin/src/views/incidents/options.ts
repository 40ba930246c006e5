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
