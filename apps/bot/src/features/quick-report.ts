import {
  hasReportWords,
  isQuickReportText,
  quickReportContent,
  splitQuickReport,
} from '@jyxc/domain';
import { Composer, InlineKeyboard, type Filter } from 'grammy';
import type { Message } from 'grammy/types';
import { success } from '../backend.js';
import type { BotContext } from '../context.js';
import { cardFieldsOf, cardKeyboard, cardText, loadDetail, type CardFields } from '../drafts.js';
import type { DraftLinks } from '../storage.js';
import { refusal } from './errors.js';

/**
 * Quick reports from a unit's work group (DESIGN §5): `/kb` or `#快报` with text and photos
 * (an album becomes one draft), or `/kb` in reply to an earlier message; the card with
 * 提交审核 / 补充 / 撤回; replies to the card add text and photos; an edited message changes
 * its draft while it is still a draft.
 */

type GroupMessage = Filter<BotContext, 'message'>;

/** A photo, an original-quality image file (原图) or a video of a message (DESIGN §5). */
export interface Media {
  readonly fileId: string;
  readonly kind: 'photo' | 'video';
  /** As Telegram states it; unknown for some files. */
  readonly size: number | undefined;
}

/** What Telegram lets a bot download (getFile), and what the API keeps of an image. */
export const MAX_VIDEO_BYTES = 20 * 1024 * 1024;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** The attachment a message carries, if any: its largest photo size, an image or a video file. */
export function mediaOf(message: Message | NonNullable<Message['reply_to_message']>): Media | null {
  const photo = message.photo;
  if (photo !== undefined && photo.length > 0) {
    const largest = photo[photo.length - 1]!;
    return { fileId: largest.file_id, kind: 'photo', size: largest.file_size };
  }
  if (message.video !== undefined) {
    return { fileId: message.video.file_id, kind: 'video', size: message.video.file_size };
  }
  const document = message.document;
  const mime = document?.mime_type ?? '';
  if (document !== undefined && (mime.startsWith('image/') || mime.startsWith('video/'))) {
    return {
      fileId: document.file_id,
      kind: mime.startsWith('video/') ? 'video' : 'photo',
      size: document.file_size,
    };
  }
  return null;
}

function tooLarge(media: Media): boolean {
  const limit = media.kind === 'video' ? MAX_VIDEO_BYTES : MAX_PHOTO_BYTES;
  return media.size !== undefined && media.size > limit;
}

/** Album items seen recently, by chat and media group: Telegram sends each as its own message. */
class RecentAlbums {
  private readonly albums = new Map<string, { media: Media[]; caption: string; at: number }>();
  add(chatId: number, group: string, media: Media, caption: string, now: number) {
    const key = `${chatId}:${group}`;
    const entry = this.albums.get(key) ?? { media: [], caption: '', at: now };
    if (!entry.media.some((m) => m.fileId === media.fileId)) entry.media.push(media);
    if (entry.caption === '' && caption !== '') entry.caption = caption;
    this.albums.set(key, entry);
    // An album arrives within seconds; ten minutes covers a `/kb` reply to it shortly after.
    for (const [k, v] of this.albums) {
      if (now - v.at > 10 * 60_000) this.albums.delete(k);
      else break;
    }
  }
  of(chatId: number, group: string): readonly Media[] {
    return this.albums.get(`${chatId}:${group}`)?.media ?? [];
  }
  captionOf(chatId: number, group: string): string {
    return this.albums.get(`${chatId}:${group}`)?.caption ?? '';
  }
}

function textOf(message: Pick<Message, 'text' | 'caption'>): string {
  return message.text ?? message.caption ?? '';
}

/** A colleague @-mentioned in a quick report, to be its co-author (rules §5.5). */
export interface Mention {
  readonly username?: string;
  readonly telegramUserId?: string;
  /** How the mention reads in the message, to name one that could not be found. */
  readonly label: string;
}

/**
 * The people a message mentions: `@name` by username, and a mention of a user without a
 * username (Telegram's text mention) by user id. Telegram counts offsets in UTF-16 units, as
 * JavaScript strings do.
 */
export function mentionsOf(
  message: Pick<Message, 'text' | 'caption' | 'entities' | 'caption_entities'>,
): Mention[] {
  const text = textOf(message);
  const entities = message.entities ?? message.caption_entities ?? [];
  const found: Mention[] = [];
  for (const e of entities) {
    const label = text.slice(e.offset, e.offset + e.length);
    if (e.type === 'mention' && /^@[A-Za-z0-9_]{3,32}$/.test(label)) {
      found.push({ username: label.slice(1), label });
    } else if (e.type === 'text_mention' && !e.user.is_bot) {
      found.push({ telegramUserId: String(e.user.id), label });
    }
  }
  return found.slice(0, 10);
}

/** The text without its `@name` mentions: they name co-authors, not the report's words. */
function withoutUsernames(text: string, mentions: readonly Mention[]): string {
  let out = text;
  for (const m of mentions) {
    if (m.username !== undefined) out = out.replaceAll(m.label, '');
  }
  return out.replace(/[ \t]{2,}/g, ' ').replace(/^[ \t]+|[ \t]+$/gm, '');
}

/**
 * `/kb 重大 …` (or 【重大】): major information (issue 14), which starts its 2-hour clock from the
 * event (DESIGN §3.3). 重大 must stand apart, so that a title such as 重大活动… stays a title.
 */
const MAJOR_MARK = /^\s*(?:【重大】|\[重大\]|重大(?:[\s:：]+|$))/;

/** What a quick report is made of, from the `/kb` message or the message it replies to. */
interface ReportSource {
  readonly text: string;
  readonly media: readonly Media[];
  /** Telegram's date of the reported message, in seconds. */
  readonly date: number;
  readonly messageId: number;
  /** Makes a redelivered message return the same draft. */
  readonly key: string;
  /** The reported message is a sticker, which has no words to report. */
  readonly sticker: boolean;
}

/** Two reports of the same words this close together (seconds) are asked about. */
const REPEAT_WINDOW_S = 60;

/** Drops the oldest entries of a map kept in insertion order while they are stale. */
function forgetOld<V>(map: Map<string, V>, stale: (value: V) => boolean): void {
  for (const [key, value] of map) {
    if (!stale(value) && map.size <= 1000) break;
    map.delete(key);
  }
}

function isGroup(ctx: BotContext): boolean {
  return ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';
}

export function quickReport(links: DraftLinks) {
  const feature = new Composer<BotContext>();
  const albums = new RecentAlbums();
  /** The card of a draft in this process, refreshed when an album's later photos arrive. */
  const cards = new Map<string, { chatId: number; messageId: number }>();
  /** Drafts made in the last minute, by chat, sender and words: a second one is asked about. */
  const recentReports = new Map<string, { key: string; date: number; title: string }>();
  /** Reports held while their sender says whether they repeat an earlier one, by chat and message. */
  const repeats = new Map<
    string,
    { origin: Message; source: ReportSource; album: string | undefined; at: number }
  >();

  async function downloadAll(ctx: BotContext, media: readonly Media[]) {
    return Promise.all(
      media.map(async (m) => ({
        fileId: m.fileId,
        bytes: Buffer.from(await ctx.services.downloadFile(m.fileId)).toString('base64'),
      })),
    );
  }

  /** Adds one file to a draft; answers false (and tells the sender) when it is over the limit. */
  async function attach(
    ctx: BotContext,
    origin: Message,
    submissionId: string,
    media: Media,
  ): Promise<boolean> {
    if (tooLarge(media)) {
      await tellTooLarge(ctx, origin.message_id, media);
      return false;
    }
    const bytes = await ctx.services.downloadFile(media.fileId);
    await ctx.services.backend.uploadAttachment(origin.from?.id ?? 0, submissionId, {
      filename: `telegram-${media.fileId.slice(-12)}.${media.kind === 'video' ? 'mp4' : 'jpg'}`,
      bytes,
    });
    return true;
  }

  async function tellTooLarge(ctx: BotContext, replyTo: number, media: Media) {
    await ctx.reply(
      ctx.t('file-too-large', {
        kind: media.kind,
        size: Math.ceil((media.size ?? 0) / 1024 / 1024),
        limit: (media.kind === 'video' ? MAX_VIDEO_BYTES : MAX_PHOTO_BYTES) / 1024 / 1024,
      }),
      { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } },
    );
  }

  async function showCard(ctx: BotContext, card: CardFields, replyTo: number) {
    const sent = await ctx.reply(cardText(ctx.t, card), {
      reply_markup: cardKeyboard(ctx.t, card),
      reply_parameters: { message_id: replyTo, allow_sending_without_reply: true },
    });
    return sent.message_id;
  }

  async function refreshCard(ctx: BotContext, submissionId: string, userId: number) {
    const at = cards.get(submissionId);
    if (at === undefined) return;
    const card = cardFieldsOf(await loadDetail(ctx.services.backend, userId, submissionId));
    await ctx.api
      .editMessageText(at.chatId, at.messageId, cardText(ctx.t, card), {
        reply_markup: cardKeyboard(ctx.t, card),
      })
      // The card may be gone or unchanged; the draft itself is already up to date.
      .catch(() => undefined);
  }

  /**
   * Creates the draft (once per message or album) and answers with its card. `origin` is the
   * person's `/kb` message; `ctx` its update, or the press of 不是，再建一条 on the question
   * whether it repeats an earlier report.
   */
  async function report(
    ctx: BotContext,
    origin: Message,
    source: ReportSource,
    album: string | undefined,
    checkRepeat = true,
  ) {
    const backend = ctx.services.backend;
    const user = origin.from?.id ?? 0;
    const chatId = origin.chat.id;
    const replyTo = {
      reply_parameters: { message_id: origin.message_id, allow_sending_without_reply: true },
    };
    const mentions = mentionsOf(origin);
    source = { ...source, text: withoutUsernames(source.text, mentions) };
    const content = quickReportContent(source.text);
    const major = MAJOR_MARK.test(content);
    const said = major ? content.replace(MAJOR_MARK, '').trim() : content;
    // Photos without a word (a `/kb` reply to a photo or an album without a caption, or with
    // emoji alone) still make a draft, titled so that the card asks for a title.
    const text = !hasReportWords(said) && source.media.length > 0 ? ctx.t('kb-untitled') : said;
    if (source.sticker && text === '') return ctx.reply(ctx.t('kb-sticker'), replyTo);
    if (text === '') return ctx.reply(ctx.t('kb-empty'));
    if (!hasReportWords(text)) return ctx.reply(ctx.t('kb-no-words'), replyTo);
    // The same words from the same person within a minute are most likely sent twice by
    // mistake (a slow network, a double tap): ask before making a second draft.
    const sameWords = `${chatId}:${user}:${text.replace(/\s+/g, ' ')}`;
    const earlier = recentReports.get(sameWords);
    if (
      checkRepeat &&
      source.media.length === 0 &&
      earlier !== undefined &&
      earlier.key !== source.key &&
      Math.abs(source.date - earlier.date) < REPEAT_WINDOW_S
    ) {
      const token = `${chatId}-${origin.message_id}`;
      repeats.set(token, { origin, source, album, at: Date.now() });
      forgetOld(repeats, (r) => Date.now() - r.at > 10 * 60_000);
      return ctx.reply(ctx.t('kb-repeat-ask', { title: earlier.title }), {
        ...replyTo,
        reply_markup: new InlineKeyboard()
          .text(ctx.t('btn-repeat-ignore'), `qr:repeat:ignore:${token}`)
          .text(ctx.t('btn-repeat-new'), `qr:repeat:new:${token}`),
      });
    }
    // Files are fetched from Telegram only for a linked person in a linked group; without
    // files the API's own refusal says the same.
    if (source.media.length > 0) {
      const resolved = await success(
        await backend.service.bot.resolve.$get({
          query: { telegramUserId: String(user), chatId: String(chatId) },
        }),
      );
      if (resolved.group === null) return ctx.reply(ctx.t('group-unlinked'));
      if (resolved.person === null) return ctx.reply(ctx.t('unlinked-user'));
    }
    const fitting = source.media.filter((m) => !tooLarge(m));
    for (const m of source.media) if (tooLarge(m)) await tellTooLarge(ctx, origin.message_id, m);
    // Images go inline with the report (refused as a whole if one is not an image); videos,
    // larger, are added once the draft exists.
    const videos = fitting.filter((m) => m.kind === 'video');
    try {
      const photos = await downloadAll(
        ctx,
        fitting.filter((m) => m.kind === 'photo'),
      );
      const created = await success(
        await backend.as(user).bot['quick-reports'].$post({
          json: {
            idempotencyKey: source.key,
            chatId: String(chatId),
            telegramUserId: String(user),
            messageId: String(source.messageId),
            messageDate: new Date(source.date * 1000).toISOString(),
            text,
            ...(major ? { category: 'major' as const } : {}),
            ...(photos.length === 0 ? {} : { photos }),
            ...(mentions.length === 0 ? {} : { mentions }),
          },
        }),
      );
      const s = created.submission;
      let added = 0;
      if (created.created) {
        for (const video of videos) if (await attach(ctx, origin, s.id, video)) added += 1;
      }
      const card: CardFields =
        s.category === 'major'
          ? // The card says by when a major report must reach the bureau (the scheme's limit).
            cardFieldsOf(await loadDetail(backend, user, s.id))
          : {
              id: s.id,
              title: s.title,
              body: s.body,
              state: s.state,
              eventAt: s.eventAt,
              photos: created.attachments.length + added,
              unitName: s.unit.name,
              category: s.category,
            };
      const cardId = await showCard(ctx, card, origin.message_id);
      // The item exists without them: say whom the bot could not take as co-authors.
      if (created.created && created.unresolvedMentions.length > 0) {
        await ctx.reply(
          ctx.t('kb-mentions-unknown', { name: created.unresolvedMentions.join('、') }),
          replyTo,
        );
      }
      if (created.created) {
        recentReports.set(sameWords, { key: source.key, date: source.date, title: s.title });
        forgetOld(recentReports, (r) => source.date - r.date > REPEAT_WINDOW_S);
      }
      cards.set(s.id, { chatId, messageId: cardId });
      await Promise.all([
        links.set('card', chatId, cardId, s.id),
        album === undefined ? undefined : links.set('album', chatId, album, s.id),
      ]);
      return undefined;
    } catch (error) {
      return ctx.reply(refusal(ctx, error));
    }
  }

  /** Text and photos added to a draft by replying to its card (补充). */
  async function addToDraft(ctx: GroupMessage, submissionId: string) {
    const backend = ctx.services.backend;
    const user = ctx.from.id;
    try {
      const detail = await loadDetail(backend, user, submissionId);
      if (!detail.allowedCommands.includes('edit')) return ctx.reply(ctx.t('not-draft'));
      const added = quickReportContent(textOf(ctx.message));
      if (added !== '') {
        await success(
          await backend.as(user).submissions[':id'].$patch({
            param: { id: submissionId },
            json: {
              body: detail.body === '' ? added : `${detail.body}\n\n${added}`,
              note: ctx.t('note-added-from-chat'),
              expectedVersion: detail.version,
            },
          }),
        );
      }
      const media = mediaOf(ctx.message);
      const attached = media !== null && (await attach(ctx, ctx.message, submissionId, media));
      await refreshCard(ctx, submissionId, user);
      return ctx.reply(ctx.t('added', { chars: [...added].length, photos: attached ? 1 : 0 }), {
        reply_parameters: {
          message_id: ctx.message.message_id,
          allow_sending_without_reply: true,
        },
      });
    } catch (error) {
      return ctx.reply(refusal(ctx, error));
    }
  }

  const group = feature.filter(isGroup);

  // Every album item is remembered, so that a `/kb` caption or a `/kb` reply finds the others.
  group.on('message', async (ctx, next) => {
    const group = ctx.message.media_group_id;
    const media = mediaOf(ctx.message);
    if (group !== undefined && media !== null) {
      albums.add(ctx.chat.id, group, media, textOf(ctx.message), Date.now());
    }
    await next();
  });

  // Replies to the bot's card add to its draft.
  group.on('message', async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    if (replied?.from?.id !== ctx.me.id) return next();
    const submissionId = await links.get('card', ctx.chat.id, replied.message_id);
    if (submissionId === null) return next();
    return addToDraft(ctx, submissionId);
  });

  // The other photos and videos of an album whose caption made a draft join that draft.
  group.on('message', async (ctx, next) => {
    const album = ctx.message.media_group_id;
    if (album === undefined || isQuickReportText(textOf(ctx.message))) return next();
    const media = mediaOf(ctx.message);
    if (media === null) return next();
    const submissionId = await links.get('album', ctx.chat.id, album);
    if (submissionId === null) return next();
    try {
      if (await attach(ctx, ctx.message, submissionId, media)) {
        await refreshCard(ctx, submissionId, ctx.from.id);
      }
    } catch (error) {
      await ctx.reply(refusal(ctx, error));
    }
    return undefined;
  });

  group.on(['message:text', 'message:caption'], async (ctx, next) => {
    const own = textOf(ctx.message);
    if (!isQuickReportText(own)) return next();
    const message = ctx.message;
    const replied = message.reply_to_message;
    // `/kb` alone in reply to an earlier message (a teacher's post) reports that message: its
    // text or caption, its photo, or its whole album with the album's caption.
    if (replied !== undefined && quickReportContent(own) === '') {
      const album = replied.media_group_id;
      const single = mediaOf(replied);
      const albumMedia = album === undefined ? [] : albums.of(ctx.chat.id, album);
      const media = albumMedia.length > 0 ? albumMedia : single === null ? [] : [single];
      const caption = textOf(replied);
      return report(
        ctx,
        message,
        {
          text:
            caption === '' && album !== undefined ? albums.captionOf(ctx.chat.id, album) : caption,
          media,
          date: replied.date,
          messageId: replied.message_id,
          key: `m${ctx.chat.id}-${replied.message_id}`,
          sticker: replied.sticker !== undefined,
        },
        undefined,
      );
    }
    const album = message.media_group_id;
    const ownMedia = mediaOf(message);
    // `/kb 标题` in reply to a photo or an album takes its files too.
    const repliedAlbum = replied?.media_group_id;
    const repliedMedia =
      replied === undefined
        ? []
        : repliedAlbum !== undefined && albums.of(ctx.chat.id, repliedAlbum).length > 0
          ? albums.of(ctx.chat.id, repliedAlbum)
          : [mediaOf(replied)].filter((m): m is Media => m !== null);
    const media =
      album === undefined
        ? [...(ownMedia === null ? [] : [ownMedia]), ...repliedMedia]
        : [...albums.of(ctx.chat.id, album)];
    return report(
      ctx,
      message,
      {
        text: own,
        media,
        date: message.date,
        messageId: message.message_id,
        key:
          album === undefined
            ? `m${ctx.chat.id}-${message.message_id}`
            : `a${ctx.chat.id}-${album}`,
        sticker: false,
      },
      album,
    );
  });

  // An edited `/kb` message changes its draft while the draft is still the author's.
  feature.on('edited_message', async (ctx, next) => {
    const message = ctx.editedMessage;
    const text = textOf(message);
    if (!isGroup(ctx) || !isQuickReportText(text) || quickReportContent(text) === '') return next();
    // The API finds the message's draft by the key it was made with (and makes one when the
    // edit is what turned the message into a quick report).
    const album = message.media_group_id;
    const key =
      album === undefined
        ? `m${message.chat.id}-${message.message_id}`
        : `a${message.chat.id}-${album}`;
    let submissionId: string;
    try {
      const found = await success(
        await ctx.services.backend.as(ctx.from.id).bot['quick-reports'].$post({
          json: {
            idempotencyKey: key,
            chatId: String(message.chat.id),
            telegramUserId: String(ctx.from.id),
            messageId: String(message.message_id),
            messageDate: new Date(message.date * 1000).toISOString(),
            text: quickReportContent(text),
          },
        }),
      );
      submissionId = found.submission.id;
      if (found.created) {
        const s = found.submission;
        const card: CardFields = {
          id: s.id,
          title: s.title,
          body: s.body,
          state: s.state,
          eventAt: s.eventAt,
          photos: found.attachments.length,
          unitName: s.unit.name,
        };
        const cardId = await showCard(ctx, card, message.message_id);
        cards.set(s.id, { chatId: message.chat.id, messageId: cardId });
        await links.set('card', message.chat.id, cardId, s.id);
        return undefined;
      }
    } catch (error) {
      return ctx.reply(refusal(ctx, error));
    }
    const user = ctx.from.id;
    try {
      const detail = await loadDetail(ctx.services.backend, user, submissionId);
      if (detail.state !== 'draft' || !detail.allowedCommands.includes('edit')) {
        return ctx.reply(ctx.t('edit-too-late'), {
          reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
        });
      }
      const { title, body } = splitQuickReport(quickReportContent(textOf(message)));
      if (title === '') return ctx.reply(ctx.t('kb-empty'));
      await success(
        await ctx.services.backend.as(user).submissions[':id'].$patch({
          param: { id: submissionId },
          json: {
            title,
            body,
            note: ctx.t('note-edited-in-chat'),
            expectedVersion: detail.version,
          },
        }),
      );
      await refreshCard(ctx, submissionId, user);
      return ctx.reply(ctx.t('edit-applied'), {
        reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
      });
    } catch (error) {
      return ctx.reply(refusal(ctx, error));
    }
  });

  // 是重复，忽略 / 不是，再建一条: only the sender of the report answers the question.
  feature.callbackQuery(/^qr:repeat:(ignore|new):(.+)$/, async (ctx) => {
    const [, answer, token] = ctx.match;
    const held = repeats.get(token ?? '');
    if (held === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t('kb-repeat-expired'), show_alert: true });
      return ctx.editMessageReplyMarkup().catch(() => undefined);
    }
    if (held.origin.from?.id !== ctx.from.id) {
      return ctx.answerCallbackQuery({ text: ctx.t('kb-repeat-not-yours'), show_alert: true });
    }
    repeats.delete(token ?? '');
    await ctx.answerCallbackQuery();
    await ctx
      .editMessageText(ctx.t(answer === 'new' ? 'kb-repeat-made' : 'kb-repeat-ignored'))
      .catch(() => undefined);
    if (answer === 'new') await report(ctx, held.origin, held.source, held.album, false);
    return undefined;
  });

  // The card's buttons act as whoever presses them; the API decides whether they may.
  feature.callbackQuery(/^qr:(submit|more|withdraw):(.+)$/, async (ctx) => {
    const [, action, id] = ctx.match;
    if (id === undefined) return ctx.answerCallbackQuery();
    if (action === 'more') {
      await ctx.answerCallbackQuery();
      return ctx.reply(ctx.t('more-hint'), {
        ...(ctx.callbackQuery.message === undefined
          ? {}
          : {
              reply_parameters: {
                message_id: ctx.callbackQuery.message.message_id,
                allow_sending_without_reply: true,
              },
            }),
      });
    }
    const client = ctx.services.backend.as(ctx.from.id);
    try {
      const done =
        action === 'submit'
          ? await success(await client.submissions[':id'].submit.$post({ param: { id }, json: {} }))
          : await success(
              await client.submissions[':id'].withdraw.$post({ param: { id }, json: {} }),
            );
      const card = cardFieldsOf(done);
      await ctx.answerCallbackQuery({
        text: ctx.t(action === 'submit' ? 'submitted' : 'withdrawn'),
      });
      await ctx
        .editMessageText(cardText(ctx.t, card), { reply_markup: cardKeyboard(ctx.t, card) })
        .catch(() => undefined);
      return undefined;
    } catch (error) {
      return ctx.answerCallbackQuery({ text: refusal(ctx, error), show_alert: true });
    }
  });

  return feature;
}
