-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "link" TEXT,
    "summary" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "discoveredAt" DATETIME NOT NULL,
    "responsibleId" TEXT NOT NULL,
    "screenshotId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'open',
    "reportedAt" DATETIME,
    "respondedAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Incident_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Incident_responsibleId_fkey" FOREIGN KEY ("responsibleId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Incident_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Incident_screenshotId_fkey" FOREIGN KEY ("screenshotId") REFERENCES "Attachment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Incident" ("closedAt", "createdAt", "createdById", "discoveredAt", "escalationLevel", "id", "link", "reportedAt", "resolvedAt", "respondedAt", "responsibleId", "severity", "source", "state", "summary", "title", "unitId", "updatedAt", "version") SELECT "closedAt", "createdAt", "createdById", "discoveredAt", "escalationLevel", "id", "link", "reportedAt", "resolvedAt", "respondedAt", "responsibleId", "severity", "source", "state", "summary", "title", "unitId", "updatedAt", "version" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE UNIQUE INDEX "Incident_screenshotId_key" ON "Incident"("screenshotId");
CREATE INDEX "Incident_unitId_state_idx" ON "Incident"("unitId", "state");
CREATE INDEX "Incident_state_discoveredAt_idx" ON "Incident"("state", "discoveredAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
