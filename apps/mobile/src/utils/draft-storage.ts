import type { Category } from '@jyxc/domain';
import type { EventChoice } from './event-time.js';

/** A photo of a draft, kept on the phone until the API has it. */
export interface DraftPhoto {
  readonly key: string;
  readonly name: string;
  /** The compressed photo as a data URL (local storage holds text only). */
  readonly dataUrl: string;
  readonly size: number;
  /** The API's attachment once uploaded. */
  readonly attachmentId: string | null;
}

/** A quick report being written, as it survives a closed tab or a lost connection. */
export interface LocalDraft {
  /** Also the idempotency key of the item's creation: resending never makes a second item. */
  readonly key: string;
  readonly title: string;
  readonly body: string;
  readonly category: Category | '';
  readonly eventChoice: EventChoice;
  readonly eventAt: number | null;
  readonly photos: readonly DraftPhoto[];
  /** The item on the server once created. */
  readonly serverId: string | null;
  /** What to do as soon as the connection allows: submit for review, or keep as a draft there. */
  readonly pending: 'submit' | 'save' | null;
  readonly updatedAt: number;
}

const PREFIX = 'jyxc.m.drafts.';

/** Drafts are kept per person: another account on the same phone never sends them. */
export function storageKey(personId: string): string {
  return `${PREFIX}${personId}`;
}

function isDraft(value: unknown): value is LocalDraft {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d.key === 'string' &&
    typeof d.title === 'string' &&
    typeof d.body === 'string' &&
    Array.isArray(d.photos)
  );
}

export function readDrafts(storage: Storage, personId: string): LocalDraft[] {
  const text = storage.getItem(storageKey(personId));
  if (text === null) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isDraft) : [];
  } catch {
    return [];
  }
}

/**
 * Writes the drafts; false when the phone's storage is full. Then the text is kept without the
 * photos not yet uploaded, and the caller tells the person.
 */
export function writeDrafts(
  storage: Storage,
  personId: string,
  drafts: readonly LocalDraft[],
): boolean {
  try {
    storage.setItem(storageKey(personId), JSON.stringify(drafts));
    return true;
  } catch {
    const textOnly = drafts.map((d) => ({
      ...d,
      photos: d.photos.filter((p) => p.attachmentId !== null).map((p) => ({ ...p, dataUrl: '' })),
    }));
    try {
      storage.setItem(storageKey(personId), JSON.stringify(textOnly));
    } catch {
      // Nothing more can be kept; the page still holds the draft while it stays open.
    }
    return false;
  }
}

export function newDraft(key: string, now: number): LocalDraft {
  return {
    key,
    title: '',
    body: '',
    category: '',
    eventChoice: 'now',
    eventAt: now,
    photos: [],
    serverId: null,
    pending: null,
    updatedAt: now,
  };
}
