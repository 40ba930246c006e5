-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Submission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "eventAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "reviewUnitId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "currentRevision" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" DATETIME,
    "reviewSince" DATETIME,
    "submittedToBureauAt" DATETIME,
    "withdrawnAt" DATETIME,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "decisionComment" TEXT,
    "qualityMark" BOOLEAN NOT NULL DEFAULT false,
    "qualityMarkedById" TEXT,
    "qualityMarkedAt" DATETIME,
    "source" TEXT NOT NULL DEFAULT 'console',
    "idempotencyKey" TEXT,
    "sourceChatId" TEXT,
    "sourceMessageId" TEXT,
    "returnedReason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "authorIds" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "Submission_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_reviewUnitId_fkey" FOREIGN KEY ("reviewUnitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Submission_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Submission_qualityMarkedById_fkey" FOREIGN KEY ("qualityMarkedById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Submission" ("body", "category", "createdAt", "createdById", "currentRevision", "decidedAt", "decidedById", "decisionComment", "eventAt", "id", "idempotencyKey", "qualityMark", "qualityMarkedAt", "qualityMarkedById", "returnedReason", "reviewSince", "reviewUnitId", "source", "sourceChatId", "sourceMessageId", "state", "submittedAt", "submittedToBureauAt", "title", "topics", "unitId", "updatedAt", "version", "withdrawnAt") SELECT "body", "category", "createdAt", "createdById", "currentRevision", "decidedAt", "decidedById", "decisionComment", "eventAt", "id", "idempotencyKey", "qualityMark", "qualityMarkedAt", "qualityMarkedById", "returnedReason", "reviewSince", "reviewUnitId", "source", "sourceChatId", "sourceMessageId", "state", "submittedAt", "submittedToBureauAt", "title", "topics", "unitId", "updatedAt", "version", "withdrawnAt" FROM "Submission";
DROP TABLE "Submission";
ALTER TABLE "new_Submission" RENAME TO "Submission";
CREATE UNIQUE INDEX "Submission_idempotencyKey_key" ON "Submission"("idempotencyKey");
CREATE INDEX "Submission_unitId_state_idx" ON "Submission"("unitId", "state");
CREATE INDEX "Submission_createdAt_id_idx" ON "Submission"("createdAt", "id");
CREATE INDEX "Submission_state_createdAt_id_idx" ON "Submission"("state", "createdAt", "id");
CREATE INDEX "Submission_state_submittedToBureauAt_idx" ON "Submission"("state", "submittedToBureauAt");
CREATE INDEX "Submission_unitId_submittedToBureauAt_idx" ON "Submission"("unitId", "submittedToBureauAt");
CREATE INDEX "Submission_unitId_createdAt_idx" ON "Submission"("unitId", "createdAt");
CREATE INDEX "Submission_submittedToBureauAt_idx" ON "Submission"("submittedToBureauAt");
CREATE INDEX "Submission_reviewUnitId_state_idx" ON "Submission"("reviewUnitId", "state");
CREATE INDEX "Submission_createdById_idx" ON "Submission"("createdById");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Each existing item's authors in order, from its SubmissionAuthor rows.
UPDATE "Submission" SET "authorIds" = COALESCE((
    SELECT json_group_array("personId" ORDER BY "position")
    FROM "SubmissionAuthor" WHERE "submissionId" = "Submission"."id"
), '[]');
