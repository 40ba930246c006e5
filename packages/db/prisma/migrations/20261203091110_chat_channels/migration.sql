-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "channel" TEXT;

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "handle" TEXT,
    "linkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChatIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "title" TEXT,
    "linkedById" TEXT,
    "linkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    CONSTRAINT "ChatGroup_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ChatGroup_linkedById_fkey" FOREIGN KEY ("linkedById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_channel_externalId_key" ON "ChatIdentity"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_personId_channel_key" ON "ChatIdentity"("personId", "channel");

-- CreateIndex
CREATE INDEX "ChatGroup_unitId_idx" ON "ChatGroup"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatGroup_channel_chatId_key" ON "ChatGroup"("channel", "chatId");

-- Move today's Telegram links (DESIGN §4: a chat identity is (channel, external id), a group
-- binding is (channel, chat id)). Every existing row is a Telegram one.
INSERT INTO "ChatIdentity" ("id", "channel", "externalId", "personId", "handle", "linkedAt")
SELECT "id", 'telegram', "telegramUserId", "personId", "username", "linkedAt" FROM "TelegramAccount";

INSERT INTO "ChatGroup" ("id", "channel", "chatId", "unitId", "title", "linkedById", "linkedAt")
SELECT "id", 'telegram', "chatId", "unitId", "title", "linkedById", "linkedAt" FROM "TelegramGroup";

-- Messages no channel could reach are marked in channel-neutral words now.
UPDATE "OutboxMessage" SET "lastError" = 'no chat link' WHERE "lastError" = 'no telegram link';

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "TelegramAccount";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "TelegramGroup";
PRAGMA foreign_keys=on;
