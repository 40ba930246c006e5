-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "deactivatedAt" DATETIME;

-- CreateTable
CREATE TABLE "Installation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "countyName" TEXT NOT NULL,
    "setupAt" DATETIME NOT NULL,
    "setupById" TEXT NOT NULL
);
