-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "reportDueAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "resolveDueAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "respondDueAt" DATETIME;
