import type { DomainError } from './result.js';

/**
 * What one person may do now with one thing (an item, an incident, a bulletin): the actions
 * a screen offers, and for each action that the thing's state admits but the person may not
 * take, the reason (a button is shown only when its action is
 * allowed now; otherwise the reason is shown). Actions that the state does not admit at all are in neither
 * list: they are not offered and need no explanation.
 */
export interface ActionChoice<A extends string> {
  readonly allowed: readonly A[];
  readonly refused: readonly ActionRefusal<A>[];
}

/** An action the person may not take now, and why. */
export interface ActionRefusal<A extends string> {
  readonly action: A;
  readonly error: DomainError;
}

/**
 * Sorts the verdicts of a thing's guard into an {@link ActionChoice}: `null` allows the action,
 * an error refuses it, and a refusal for the wrong state (`wrongState`) leaves it out.
 */
export function choiceOf<A extends string>(
  verdicts: readonly (readonly [A, DomainError | null])[],
  isWrongState: (error: DomainError) => boolean,
): ActionChoice<A> {
  const allowed: A[] = [];
  const refused: ActionRefusal<A>[] = [];
  for (const [action, error] of verdicts) {
    if (error === null) allowed.push(action);
    else if (!isWrongState(error)) refused.push({ action, error });
  }
  return { allowed, refused };
}
