-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "personId" TEXT,
    "chatId" TEXT,
    "unitId" TEXT,
    "reason" TEXT,
    "kind" TEXT NOT NULL,
    "facts" TEXT NOT NULL DEFAULT '{}',
    "urgency" TEXT NOT NULL DEFAULT 'normal',
    "dueAt" DATETIME,
    "notBefore" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lockedUntil" DATETIME,
    "readAt" DATETIME,
    CONSTRAINT "OutboxMessage_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Notifications become structured events: the old templates are renamed to event kinds
-- (a review result splits by its outcome) and the zh-CN fallback text is dropped from the facts.
INSERT INTO "new_OutboxMessage" ("attempts", "audience", "chatId", "createdAt", "deliveredAt", "dueAt", "id", "key", "lastError", "lockedUntil", "notBefore", "personId", "reason", "unitId", "urgency", "kind", "facts")
SELECT "attempts", "audience", "chatId", "createdAt", "deliveredAt", "dueAt", "id", "key", "lastError", "lockedUntil", "notBefore", "personId", "reason", "unitId", "urgency",
    CASE "template"
        WHEN 'review_request' THEN 'review_requested'
        WHEN 'adoption' THEN 'adoption_credited'
        WHEN 'reminder.review.pending' THEN 'review_pending'
        WHEN 'reminder.review.escalated' THEN 'review_escalated'
        WHEN 'reminder.quota.digest' THEN 'quota_digest'
        WHEN 'reminder.quota.unit' THEN 'quota_behind'
        WHEN 'reminder.incident.soon' THEN 'incident_deadline_soon'
        WHEN 'reminder.incident.due' THEN 'incident_deadline_missed'
        WHEN 'reminder.adoption.author' THEN 'adoption_credited'
        WHEN 'reminder.adoption.head' THEN 'unit_adoption'
        WHEN 'incident.reported' THEN 'incident_reported'
        WHEN 'incident.closed' THEN 'incident_closed'
        WHEN 'review_result' THEN CASE CASE WHEN json_valid("params") THEN json_extract("params", '$.result') END
            WHEN 'approved' THEN 'submission_forwarded'
            WHEN 'returned' THEN 'submission_returned'
            WHEN 'adopted' THEN 'submission_adopted'
            WHEN 'not_adopted' THEN 'submission_not_adopted'
            ELSE "template" END
        ELSE "template" END,
    CASE WHEN json_valid("params") THEN json_remove("params", '$.defaultMessage') ELSE '{}' END
FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_key_key" ON "OutboxMessage"("key");
CREATE INDEX "OutboxMessage_deliveredAt_notBefore_idx" ON "OutboxMessage"("deliveredAt", "notBefore");
CREATE INDEX "OutboxMessage_personId_readAt_idx" ON "OutboxMessage"("personId", "readAt");
CREATE INDEX "OutboxMessage_personId_createdAt_idx" ON "OutboxMessage"("personId", "createdAt");
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "phone" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("active", "createdAt", "id", "name", "passwordHash", "phone", "unitId", "updatedAt", "username") SELECT "active", "createdAt", "id", "name", "passwordHash", "phone", "unitId", "updatedAt", "username" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE UNIQUE INDEX "Person_username_key" ON "Person"("username");
CREATE INDEX "Person_unitId_idx" ON "Person"("unitId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
