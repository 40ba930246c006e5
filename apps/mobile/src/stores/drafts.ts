import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { ApiFailure } from '../api/http.js';
import {
  createSubmission,
  getSubmission,
  submitSubmission,
  uploadPhoto,
} from '../api/submissions.js';
import {
  newDraft,
  readDrafts,
  writeDrafts,
  type DraftPhoto,
  type LocalDraft,
} from '../utils/draft-storage.js';
import { dataUrlToBlob } from '../utils/photos.js';
import { useAuthStore } from './auth.js';

export interface PhotoProgress {
  state: 'waiting' | 'uploading' | 'done' | 'failed';
  /** 0–1 */
  progress: number;
  error: string;
}

export type SendOutcome =
  | { readonly kind: 'sent'; readonly id: string; readonly submitted: boolean }
  /** Kept on the phone; sent by itself when the connection returns. */
  | { readonly kind: 'queued' }
  /** The API refused something a person must fix (shown as the message). */
  | { readonly kind: 'refused'; readonly message: string }
  /** One or more photos did not go through; each can be retried. */
  | { readonly kind: 'photos_failed' };

/**
 * The quick reports being written on this phone. Every keystroke is kept in local storage, so
 * a closed tab or a dead battery loses nothing; a report sent without a connection waits there
 * and goes out when the browser says it is online again (DESIGN §7).
 */
export const useDraftsStore = defineStore('drafts', () => {
  const auth = useAuthStore();
  const drafts = ref<LocalDraft[]>([]);
  const storageFull = ref(false);
  const progress = reactive(new Map<string, PhotoProgress>());
  const sending = reactive(new Set<string>());
  let loadedFor: string | null = null;

  const waiting = computed(() => drafts.value.filter((d) => d.pending !== null));

  function personId(): string | null {
    return auth.user?.id ?? null;
  }

  function load(): void {
    const id = personId();
    if (id === null || loadedFor === id) return;
    loadedFor = id;
    drafts.value = readDrafts(localStorage, id);
  }

  function persist(): void {
    const id = personId();
    if (id === null) return;
    storageFull.value = !writeDrafts(localStorage, id, drafts.value);
  }

  function find(key: string): LocalDraft | undefined {
    return drafts.value.find((d) => d.key === key);
  }

  /** The draft being written: the newest one not yet handed over, or a new one. */
  function current(): LocalDraft {
    load();
    const open = drafts.value.find((d) => d.pending === null);
    if (open) return open;
    const draft = newDraft(crypto.randomUUID(), Date.now());
    drafts.value = [...drafts.value, draft];
    persist();
    return draft;
  }

  function update(key: string, change: Partial<LocalDraft>): void {
    drafts.value = drafts.value.map((d) =>
      d.key === key ? { ...d, ...change, updatedAt: Date.now() } : d,
    );
    persist();
  }

  function addPhoto(key: string, photo: DraftPhoto): void {
    const draft = find(key);
    if (!draft) return;
    update(key, { photos: [...draft.photos, photo] });
    progress.set(photo.key, { state: 'waiting', progress: 0, error: '' });
  }

  function removePhoto(key: string, photoKey: string): void {
    const draft = find(key);
    if (!draft) return;
    update(key, { photos: draft.photos.filter((p) => p.key !== photoKey) });
    progress.delete(photoKey);
  }

  function discard(key: string): void {
    drafts.value = drafts.value.filter((d) => d.key !== key);
    persist();
  }

  function photoState(photoKey: string): PhotoProgress {
    return progress.get(photoKey) ?? { state: 'waiting', progress: 0, error: '' };
  }

  async function uploadOne(
    draftKey: string,
    photo: DraftPhoto,
    serverId: string,
  ): Promise<boolean> {
    const state: PhotoProgress = { state: 'uploading', progress: 0, error: '' };
    progress.set(photo.key, state);
    try {
      const blob = dataUrlToBlob(photo.dataUrl);
      const result = await uploadPhoto(serverId, blob, photo.name, (fraction) => {
        const entry = progress.get(photo.key);
        if (entry) entry.progress = fraction;
      });
      const draft = find(draftKey);
      if (draft) {
        update(draftKey, {
          photos: draft.photos.map((p) =>
            p.key === photo.key ? { ...p, attachmentId: result.attachment.id, dataUrl: '' } : p,
          ),
        });
      }
      progress.set(photo.key, { state: 'done', progress: 1, error: '' });
      return true;
    } catch (error) {
      progress.set(photo.key, {
        state: 'failed',
        progress: 0,
        error: error instanceof Error ? error.message : '',
      });
      return false;
    }
  }

  /**
   * Hands a draft over: `submit` sends it for review, `save` keeps it as a draft on the server.
   * Safe to call again after any failure: the item is created once (its key), a photo already
   * uploaded is not sent again, and the API keeps one copy of the same photo.
   */
  async function send(key: string, action: 'submit' | 'save'): Promise<SendOutcome> {
    update(key, { pending: action });
    if (sending.has(key)) return { kind: 'queued' };
    sending.add(key);
    try {
      let draft = find(key);
      if (!draft) return { kind: 'queued' };
      if (typeof navigator !== 'undefined' && navigator.onLine === false) return { kind: 'queued' };
      let serverId = draft.serverId;
      if (serverId === null) {
        const created = await createSubmission({
          title: draft.title.trim(),
          body: draft.body,
          category: draft.category === '' ? 'news' : draft.category,
          eventAt: new Date(draft.eventAt ?? draft.updatedAt).toISOString(),
          idempotencyKey: draft.key,
        });
        serverId = created.id;
        update(key, { serverId });
      }
      draft = find(key);
      let photosOk = true;
      for (const photo of draft?.photos ?? []) {
        if (photo.attachmentId !== null) continue;
        if (!(await uploadOne(key, photo, serverId))) photosOk = false;
      }
      if (!photosOk) {
        const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
        if (offline) return { kind: 'queued' };
        // Online but refused or cut off: the person sees each photo's retry and decides.
        update(key, { pending: null });
        return { kind: 'photos_failed' };
      }
      let submitted = false;
      if (action === 'submit') {
        const detail = await getSubmission(serverId);
        if (detail.state === 'draft' || detail.state === 'returned') {
          await submitSubmission(serverId, detail.version);
        }
        submitted = true;
      }
      discard(key);
      return { kind: 'sent', id: serverId, submitted };
    } catch (error) {
      if (error instanceof ApiFailure && error.offline) return { kind: 'queued' };
      // A refusal a person must fix: the draft goes back to being written.
      update(key, { pending: null });
      return {
        kind: 'refused',
        message: error instanceof Error ? error.message : String(error),
      };
    } finally {
      sending.delete(key);
    }
  }

  /** Sends everything waiting; called at start and whenever the connection returns. */
  async function flush(): Promise<SendOutcome[]> {
    load();
    const outcomes: SendOutcome[] = [];
    for (const draft of [...waiting.value]) {
      if (draft.pending !== null) outcomes.push(await send(draft.key, draft.pending));
    }
    return outcomes;
  }

  function reset(): void {
    drafts.value = [];
    loadedFor = null;
  }

  return {
    drafts,
    waiting,
    storageFull,
    load,
    current,
    update,
    addPhoto,
    removePhoto,
    discard,
    photoState,
    uploadOne,
    send,
    flush,
    reset,
  };
});
