/** What a reviewer is about to send, checked before it leaves the phone. */
export type ReviewInput =
  | {
      readonly kind: 'edit';
      readonly title: string;
      readonly body: string;
      readonly original: { readonly title: string; readonly body: string };
    }
  | { readonly kind: 'return'; readonly reason: string };

export const REASON_MIN = 2;

/**
 * The i18n key of the first problem, or null: 修改后签发 needs an actual change (otherwise it is
 * 通过并报送) and a title and body; 退回 needs a reason the author can act on (DESIGN §3.2).
 */
export function reviewProblems(input: ReviewInput): string | null {
  if (input.kind === 'return') {
    return [...input.reason.trim()].length < REASON_MIN ? 'review.rules.reasonRequired' : null;
  }
  if (input.title.trim() === '') return 'write.rules.titleRequired';
  if (input.body.trim() === '') return 'write.rules.bodyRequired';
  if (input.title.trim() === input.original.title && input.body === input.original.body)
    return 'review.rules.noEdit';
  return null;
}
