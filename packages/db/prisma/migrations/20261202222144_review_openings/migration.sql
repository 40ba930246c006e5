-- CreateTable
CREATE TABLE "ReviewOpening" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "via" TEXT NOT NULL DEFAULT 'web',
    CONSTRAINT "ReviewOpening_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewOpening_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SignOff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "comment" TEXT,
    "reviewStartedAt" DATETIME,
    "signedAt" DATETIME NOT NULL,
    "voidedAt" DATETIME,
    CONSTRAINT "SignOff_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SignOff_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SignOff_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SignOff" ("comment", "id", "kind", "reviewStartedAt", "reviewerId", "revisionNumber", "signedAt", "submissionId", "unitId", "voidedAt") SELECT "comment", "id", "kind", "reviewStartedAt", "reviewerId", "revisionNumber", "signedAt", "submissionId", "unitId", "voidedAt" FROM "SignOff";
DROP TABLE "SignOff";
ALTER TABLE "new_SignOff" RENAME TO "SignOff";
CREATE INDEX "SignOff_submissionId_idx" ON "SignOff"("submissionId");
CREATE INDEX "SignOff_unitId_signedAt_idx" ON "SignOff"("unitId", "signedAt");
CREATE INDEX "SignOff_reviewerId_signedAt_idx" ON "SignOff"("reviewerId", "signedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReviewOpening_submissionId_reviewerId_revisionNumber_openedAt_idx" ON "ReviewOpening"("submissionId", "reviewerId", "revisionNumber", "openedAt");
