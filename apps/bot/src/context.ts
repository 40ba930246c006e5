import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Backend } from './backend.js';

/** What the features need from outside the update: the API and the console's address. */
export interface BotServices {
  readonly backend: Backend;
  /** The console's origin, for 在后台打开 links. */
  readonly publicUrl: string;
  /** The bytes of a Telegram file (getFile, then a download from the Bot API's file root). */
  downloadFile(fileId: string): Promise<Uint8Array>;
  readonly now: () => Date;
}

/** Inside a conversation only the translation plugin is installed again. */
export type ConversationContext = Context & I18nFlavor;

/** The one context type of every feature. */
export type BotContext = ConversationFlavor<Context & I18nFlavor & { services: BotServices }>;
