-- AlterTable
ALTER TABLE "SignOff" ALTER COLUMN "reviewStartedAt" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ReviewOpening" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "via" TEXT NOT NULL DEFAULT 'web',

    CONSTRAINT "ReviewOpening_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewOpening_submissionId_reviewerId_revisionNumber_opened_idx" ON "ReviewOpening"("submissionId", "reviewerId", "revisionNumber", "openedAt");

-- AddForeignKey
ALTER TABLE "ReviewOpening" ADD CONSTRAINT "ReviewOpening_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewOpening" ADD CONSTRAINT "ReviewOpening_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
