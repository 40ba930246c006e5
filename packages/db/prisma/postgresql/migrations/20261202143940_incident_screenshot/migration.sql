-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "screenshotId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Incident_screenshotId_key" ON "Incident"("screenshotId");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_screenshotId_fkey" FOREIGN KEY ("screenshotId") REFERENCES "Attachment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
