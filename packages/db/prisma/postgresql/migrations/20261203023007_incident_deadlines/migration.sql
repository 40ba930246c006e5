-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "reportDueAt" TIMESTAMP(3),
ADD COLUMN     "resolveDueAt" TIMESTAMP(3),
ADD COLUMN     "respondDueAt" TIMESTAMP(3);
