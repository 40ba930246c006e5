/** What a reviewer or author asked for on the detail page; the page sends it to the API. */
export type ReviewAction =
  | { readonly type: 'edit' }
  | { readonly type: 'submit' }
  | { readonly type: 'withdraw' }
  | { readonly type: 'forward' }
  | {
      readonly type: 'approve';
      readonly changes?: { readonly title?: string; readonly body?: string };
      readonly noChange: boolean;
      readonly comment: string;
      readonly forward: boolean;
    }
  | { readonly type: 'return'; readonly reason: string }
  | { readonly type: 'adopt' }
  | { readonly type: 'not_adopt'; readonly comment: string }
  | { readonly type: 'quality'; readonly quality: boolean };

/** The order of the buttons: the usual next step first. */
export const BUTTONS = [
  'submit',
  'approve',
  'forward',
  'adopt',
  'not_adopt',
  'mark_quality',
  'return',
  'edit',
  'withdraw',
] as const;
