/**
 * Evaluation of a period (rules §6): per evaluated unit the counts, the score with its
 * breakdown, quota completion, status and rank; and the officer ranking (优秀信息员). One pure
 * function is the single source for the console tables, the bulletin and the bot's `/rank`.
 *
 * The rules are written once, plainly, in `evaluation/rules.ts`: that is the specification to
 * read beside rules §5–§6. `evaluate` runs the same rules through `evaluation/engine.ts`,
 * which a property test proves gives deep-equal results; the engine is kept because the plain
 * form is about four times slower on a large county (see the README's performance section).
 */
import { evaluateWithEngine } from './evaluation/engine.js';
import type { Evaluation, EvaluationInput, UnitEvaluation } from './evaluation/types.js';

export type * from './evaluation/types.js';
export { Evaluator } from './evaluation/engine.js';
export { compareForRanking, evaluateByRules, type Rankable } from './evaluation/rules.js';

/**
 * Evaluates a period: every evaluated unit (township centers and direct units) with its
 * figures, score, quota, status and rank, and the officer ranking. Pure: the same input gives
 * the same output in any order of its lists, and nothing is kept once it returns (hold an
 * {@link Evaluator} to reuse working tables between calls).
 *
 * @example
 * ```ts
 * const evaluation = evaluate({
 *   scheme: defaultScheme(2026),
 *   period: { year: 2026, kind: 'H1' },
 *   units,
 *   people,
 *   submissions,
 *   adoptions,
 * });
 * for (const u of evaluation.units) console.log(u.rank, u.name, u.score, u.status, u.reasons[0]?.message);
 * ```
 */
export function evaluate(input: EvaluationInput): Evaluation {
  return evaluateWithEngine(input);
}

/**
 * The evaluation of one unit, or null when the unit is not evaluated (for `/rank`).
 *
 * @example
 * ```ts
 * unitEvaluationOf(evaluation, 'hexi')?.rank; // the unit's rank, or undefined for a unit that is not evaluated
 * ```
 */
export function unitEvaluationOf(evaluation: Evaluation, unitId: string): UnitEvaluation | null {
  return evaluation.units.find((u) => u.unitId === unitId) ?? null;
}
