import { z } from 'zod';

const schema = z.object({
  TELEGRAM_BOT_TOKEN: z.string().min(1, 'TELEGRAM_BOT_TOKEN is required to run the bot'),
  /** The product's public address, for links back into the console. */
  PUBLIC_URL: z.url('PUBLIC_URL must be an http(s) address').default('http://localhost:8787/'),
});

export interface BotEnv {
  readonly token: string;
  readonly publicUrl: string;
}

export function loadBotEnv(source: NodeJS.ProcessEnv = process.env): BotEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') ?? 'configuration'}: ${issue?.message ?? 'invalid value'}`);
  }
  return { token: parsed.data.TELEGRAM_BOT_TOKEN, publicUrl: parsed.data.PUBLIC_URL };
}
