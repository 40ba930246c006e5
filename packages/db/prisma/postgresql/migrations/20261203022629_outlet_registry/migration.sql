-- CreateEnum
CREATE TYPE "OutletKind" AS ENUM ('newspaper', 'official_account', 'website', 'tv', 'other');

-- AlterTable
ALTER TABLE "Adoption" ADD COLUMN     "outletId" TEXT;

-- CreateTable
CREATE TABLE "Outlet" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "AdoptionLevel" NOT NULL,
    "kind" "OutletKind" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Outlet_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Outlet_name_key" ON "Outlet"("name");

-- CreateIndex
CREATE INDEX "Outlet_active_level_idx" ON "Outlet"("active", "level");

-- CreateIndex
CREATE INDEX "Adoption_outletId_idx" ON "Adoption"("outletId");

-- AddForeignKey
ALTER TABLE "Adoption" ADD CONSTRAINT "Adoption_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Outlet"("id") ON DELETE SET NULL ON UPDATE CASCADE;
