/**
 * Issue 14's benchmark: nothing lost in a burst (DESIGN §5). Through the Telegram emulator, the
 * real bot process and the real API process on a fresh SQLite database, each of `--users`
 * people (default 10) sends 20 text quick reports and right after them a 10-photo album as one
 * more report. Every photo must end on its album's item; prints the photos lost and a
 * `BENCH_JSON {...}` line. `--quick` runs 3 people.
 */
import { createDb } from '@jyxc/db';
import { hashPassword } from '../../api/src/modules/auth/password.js';
import { workflowCounty } from '@jyxc/api/test-support';
import { startTelegram } from '../src/test-support/emulator.js';
import { freePort, startApp, tempDatabaseUrl } from '../src/test-support/processes.js';

const quick = process.argv.includes('--quick');
const usersOption = process.argv.find((a) => a.startsWith('--users='))?.split('=')[1];
const USERS = usersOption === undefined ? (quick ? 3 : 10) : Number(usersOption);
const TEXTS = 20;
const PHOTOS = 10;
const TOKEN = '654322:bench-album-token';
const SERVICE_TOKEN = 'bench-album-service-token-0123456789abcdef0123456789';

const telegram = await startTelegram(TOKEN);
const port = await freePort();
const apiUrl = `http://127.0.0.1:${port}`;
const databaseUrl = tempDatabaseUrl();
const api = await startApp(
  'api',
  {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: '0',
    BOT_SERVICE_TOKEN: SERVICE_TOKEN,
  },
  /is running at/,
);
const db = createDb(databaseUrl);
const county = await workflowCounty(db);
const passwordHash = await hashPassword('Bench-Password-1');
const GROUP = -71_000;
await db.chatGroup.create({
  data: {
    channel: 'telegram',
    chatId: String(GROUP),
    unitId: county.township.id,
    title: '城关镇工作群',
  },
});
const users: number[] = [];
for (let i = 0; i < USERS; i++) {
  const person = await db.person.create({
    data: {
      name: `信息员${i + 1}`,
      username: `album_${i + 1}`,
      passwordHash,
      unitId: county.township.id,
      roles: { create: [{ role: 'officer', unitId: county.township.id }] },
    },
  });
  await db.chatIdentity.create({
    data: { channel: 'telegram', externalId: String(60_000 + i), personId: person.id },
  });
  users.push(60_000 + i);
}

const bot = await startApp(
  'bot',
  {
    TELEGRAM_BOT_TOKEN: TOKEN,
    BOT_SERVICE_TOKEN: SERVICE_TOKEN,
    API_URL: apiUrl,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    PUBLIC_URL: 'http://console.test/',
  },
  /Telegram bot @\S+ is running/,
);

const started = performance.now();
await Promise.all(
  users.map(async (id, u) => {
    const from = { id, is_bot: false, first_name: `信息员${u + 1}` };
    const chat = { id: GROUP, type: 'group', title: '城关镇工作群' };
    for (let n = 0; n < TEXTS; n++) {
      await telegram.send({
        from,
        chat,
        text: `/kb 快报 u${u + 1}-n${n + 1}\n正文。`,
        entities: [{ type: 'bot_command', offset: 0, length: 3 }],
      });
    }
    for (let p = 0; p < PHOTOS; p++) {
      await telegram.send({
        from,
        chat,
        media_group_id: `album-u${u + 1}`,
        photo: [
          {
            file_id: `album-u${u + 1}-p${p + 1}`,
            file_unique_id: `a${u}-${p}`,
            width: 1,
            height: 1,
          },
        ],
        ...(p === 0
          ? {
              caption: `/kb 相册 u${u + 1}\n十张照片。`,
              caption_entities: [{ type: 'bot_command', offset: 0, length: 3 }],
            }
          : {}),
      });
    }
  }),
);

/** Photos on the album items now. */
async function storedPhotos(): Promise<number> {
  return db.attachment.count({ where: { submission: { title: { startsWith: '相册 u' } } } });
}
/** Everything stored so far, to see whether the bot is still working through the burst. */
async function progress(): Promise<number> {
  return (await storedPhotos()) + (await db.submission.count());
}
const expected = USERS * PHOTOS;
const deadline = Date.now() + 300_000;
let stored = await storedPhotos();
let last = await progress();
let steady = 0;
// Done when every photo is stored, or when nothing has changed for 15 s (the rest is lost).
while (stored < expected && Date.now() < deadline && steady < 15) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const now = await progress();
  steady = now === last ? steady + 1 : 0;
  last = now;
  stored = await storedPhotos();
}
const elapsed = performance.now() - started;
const textsStored = await db.submission.count({ where: { title: { startsWith: '快报 u' } } });
await bot.stop();
await api.stop();
await db.$disconnect();
await telegram.stop();

const result = {
  users: USERS,
  textReports: USERS * TEXTS,
  textReportsStored: textsStored,
  photosSent: expected,
  photosStored: stored,
  photosLost: expected - stored,
  seconds: Math.round(elapsed / 100) / 10,
};
console.log(
  `${USERS} people × (${TEXTS} text reports + a ${PHOTOS}-photo album): ${textsStored}/${USERS * TEXTS} text reports, ${stored}/${expected} photos stored, ${expected - stored} photos lost, in ${result.seconds} s`,
);
console.log(`BENCH_JSON ${JSON.stringify(result)}`);
const ok = stored === expected && textsStored === USERS * TEXTS;
if (!ok) console.error('Some photos or reports were lost.');
process.exit(ok ? 0 : 1);
