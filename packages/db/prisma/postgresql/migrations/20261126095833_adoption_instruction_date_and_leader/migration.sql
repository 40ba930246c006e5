-- AlterTable
ALTER TABLE "Adoption" ADD COLUMN     "instructionAt" TIMESTAMP(3),
ADD COLUMN     "instructionLeader" TEXT;
