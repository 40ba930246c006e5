import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { vi } from 'vitest';

/** One request the component sent. */
export interface Sent {
  readonly method: string;
  /** The path with its query, e.g. `/api/campaigns/c1/records?periodicalId=p1`. */
  readonly path: string;
  readonly body: unknown;
}

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The uniform error body of the API. */
export const failure = (
  status: number,
  code: string,
  message: string,
  details?: unknown,
): Response =>
  json({ error: { code, message, ...(details !== undefined ? { details } : {}) } }, status);

/**
 * A fetch that records every request and answers from `answer` (or `{}` when it returns
 * nothing), for stubbing the global `fetch` the API client uses.
 */
export function fakeApi(
  answer: (req: Sent) => Response | undefined | Promise<Response | undefined>,
) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : String(input), 'http://localhost');
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const text = request ? await request.text() : typeof init?.body === 'string' ? init.body : '';
    const req: Sent = {
      method,
      path: `${url.pathname}${url.search}`,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
    sent.push(req);
    return (await answer(req)) ?? json({});
  });
  return { sent, fetch };
}

/** Form validation, requests and Element Plus transitions resolve over a few ticks. */
export async function settle(rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The message a form item shows under its field, found by the item's `data-path`. */
export function errorOf(wrapper: VueWrapper, path: string): unknown {
  return wrapper
    .findAllComponents({ name: 'ElFormItem' })
    .find((c) => c.attributes('data-path') === path)
    ?.props('error');
}

/**
 * The latest confirmation box (ElMessageBox renders into the document body), or null. A box
 * already answered may linger while its leave transition runs, so the last one is the open one.
 */
export function messageBox(): HTMLElement | null {
  const boxes = document.querySelectorAll<HTMLElement>('.el-message-box');
  return boxes.item(boxes.length - 1) ?? null;
}

/** Answers the open confirmation box with its confirm (primary) or cancel button. */
export async function answerBox(confirm: boolean): Promise<void> {
  const box = messageBox();
  if (box === null) throw new Error('no confirmation box is open');
  const button = box.querySelector<HTMLButtonElement>(
    confirm
      ? '.el-message-box__btns .el-button--primary'
      : '.el-message-box__btns .el-button:not(.el-button--primary)',
  );
  button?.click();
  await settle();
}

/** Sets an Element Plus number or text input by the `data-test` on it or around it. */
export async function typeInto(wrapper: VueWrapper, testId: string, value: string): Promise<void> {
  const input = wrapper.find(`[data-test="${testId}"] input, input[data-test="${testId}"]`);
  await input.setValue(value);
  await input.trigger('change');
  await input.trigger('blur');
}
