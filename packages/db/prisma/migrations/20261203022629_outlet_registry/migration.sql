-- CreateTable
CREATE TABLE "Outlet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Adoption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "level" TEXT NOT NULL,
    "outletName" TEXT NOT NULL,
    "outletId" TEXT,
    "pageOrLink" TEXT,
    "publishedAt" DATETIME NOT NULL,
    "headline" BOOLEAN NOT NULL DEFAULT false,
    "instructionLevel" TEXT,
    "instructionNote" TEXT,
    "instructionAt" DATETIME,
    "instructionLeader" TEXT,
    "screenshotId" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "counteredAt" DATETIME,
    "counteredById" TEXT,
    "counterReason" TEXT,
    CONSTRAINT "Adoption_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Outlet" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Adoption_screenshotId_fkey" FOREIGN KEY ("screenshotId") REFERENCES "Attachment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Adoption_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Adoption_counteredById_fkey" FOREIGN KEY ("counteredById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Adoption" ("counterReason", "counteredAt", "counteredById", "createdAt", "headline", "id", "instructionAt", "instructionLeader", "instructionLevel", "instructionNote", "level", "outletName", "pageOrLink", "publishedAt", "recordedById", "screenshotId") SELECT "counterReason", "counteredAt", "counteredById", "createdAt", "headline", "id", "instructionAt", "instructionLeader", "instructionLevel", "instructionNote", "level", "outletName", "pageOrLink", "publishedAt", "recordedById", "screenshotId" FROM "Adoption";
DROP TABLE "Adoption";
ALTER TABLE "new_Adoption" RENAME TO "Adoption";
CREATE UNIQUE INDEX "Adoption_screenshotId_key" ON "Adoption"("screenshotId");
CREATE INDEX "Adoption_publishedAt_idx" ON "Adoption"("publishedAt");
CREATE INDEX "Adoption_outletId_idx" ON "Adoption"("outletId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Outlet_name_key" ON "Outlet"("name");

-- CreateIndex
CREATE INDEX "Outlet_active_level_idx" ON "Outlet"("active", "level");
