-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "deactivatedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Installation" (
    "id" INTEGER NOT NULL,
    "countyName" TEXT NOT NULL,
    "setupAt" TIMESTAMP(3) NOT NULL,
    "setupById" TEXT NOT NULL,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);
