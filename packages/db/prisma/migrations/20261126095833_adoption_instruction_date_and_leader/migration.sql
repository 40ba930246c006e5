-- AlterTable
ALTER TABLE "Adoption" ADD COLUMN "instructionAt" DATETIME;
ALTER TABLE "Adoption" ADD COLUMN "instructionLeader" TEXT;
