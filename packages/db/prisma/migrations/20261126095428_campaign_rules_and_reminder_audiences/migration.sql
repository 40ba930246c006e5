-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "defaultMessage" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "dueAt" DATETIME;
ALTER TABLE "OutboxMessage" ADD COLUMN "reason" TEXT;

-- Audiences are named as the reminders of the domain name them: the group of a unit is unitGroup.
UPDATE "OutboxMessage" SET "audience" = 'unitGroup' WHERE "audience" IN ('group', 'unit');
UPDATE "OutboxMessage" SET "urgency" = 'normal' WHERE "urgency" <> 'urgent';

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "perCapitaTarget" REAL NOT NULL DEFAULT 0.3,
    "publicFundCapFen" INTEGER NOT NULL,
    "laggingShare" REAL NOT NULL DEFAULT 0.5,
    "laggingLeadDays" INTEGER NOT NULL DEFAULT 14,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
-- The public-fund cap keeps its value under the name the domain gives it.
INSERT INTO "new_Campaign" ("createdAt", "deadline", "id", "name", "perCapitaTarget", "publicFundCapFen", "status", "updatedAt", "year") SELECT "createdAt", "deadline", "id", "name", "perCapitaTarget", "publicFundCapPerUnit", "status", "updatedAt", "year" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE INDEX "Campaign_year_idx" ON "Campaign"("year");
CREATE TABLE "new_CampaignTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "requiredCopies" TEXT NOT NULL DEFAULT '{}',
    "perCapitaTarget" REAL,
    "publicFundCapFen" INTEGER,
    "deadline" DATETIME,
    CONSTRAINT "CampaignTarget_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CampaignTarget_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Required copies become per title. An old total cannot be split, so targets restart empty.
INSERT INTO "new_CampaignTarget" ("campaignId", "id", "perCapitaTarget", "requiredCopies", "unitId") SELECT "campaignId", "id", "perCapitaTarget", '{}', "unitId" FROM "CampaignTarget";
DROP TABLE "CampaignTarget";
ALTER TABLE "new_CampaignTarget" RENAME TO "CampaignTarget";
CREATE UNIQUE INDEX "CampaignTarget_campaignId_unitId_key" ON "CampaignTarget"("campaignId", "unitId");
-- A title without a postal code gets one of the 99- series until the bureau enters the real one.
CREATE TABLE "new_Periodical" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "postalCode" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "yearlyPriceFen" INTEGER NOT NULL,
    "recommended" BOOLEAN NOT NULL DEFAULT false,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "publicFundEligible" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Periodical_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Periodical" ("campaignId", "category", "id", "postalCode", "publicFundEligible", "publisher", "recommended", "required", "sortOrder", "title", "yearlyPriceFen") SELECT "campaignId", "category", "id", COALESCE("postalCode", '99-' || (1000 + rowid)), "publicFundEligible", "publisher", "recommended", "required", "sortOrder", "title", "yearlyPriceFen" FROM "Periodical";
DROP TABLE "Periodical";
ALTER TABLE "new_Periodical" RENAME TO "Periodical";
CREATE UNIQUE INDEX "Periodical_campaignId_title_key" ON "Periodical"("campaignId", "title");
CREATE UNIQUE INDEX "Periodical_campaignId_postalCode_key" ON "Periodical"("campaignId", "postalCode");
CREATE TABLE "new_SubscriptionRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "periodicalId" TEXT NOT NULL,
    "copies" INTEGER NOT NULL,
    "fundSource" TEXT NOT NULL,
    "mandatory" BOOLEAN NOT NULL DEFAULT false,
    "recordedById" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "idempotencyKey" TEXT,
    CONSTRAINT "SubscriptionRecord_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SubscriptionRecord_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubscriptionRecord_periodicalId_fkey" FOREIGN KEY ("periodicalId") REFERENCES "Periodical" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubscriptionRecord_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SubscriptionRecord" ("campaignId", "copies", "fundSource", "id", "idempotencyKey", "periodicalId", "recordedAt", "recordedById", "unitId") SELECT "campaignId", "copies", "fundSource", "id", "idempotencyKey", "periodicalId", "recordedAt", "recordedById", "unitId" FROM "SubscriptionRecord";
DROP TABLE "SubscriptionRecord";
ALTER TABLE "new_SubscriptionRecord" RENAME TO "SubscriptionRecord";
CREATE UNIQUE INDEX "SubscriptionRecord_idempotencyKey_key" ON "SubscriptionRecord"("idempotencyKey");
CREATE INDEX "SubscriptionRecord_campaignId_unitId_idx" ON "SubscriptionRecord"("campaignId", "unitId");
CREATE INDEX "SubscriptionRecord_campaignId_recordedAt_idx" ON "SubscriptionRecord"("campaignId", "recordedAt");
CREATE INDEX "SubscriptionRecord_periodicalId_idx" ON "SubscriptionRecord"("periodicalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
