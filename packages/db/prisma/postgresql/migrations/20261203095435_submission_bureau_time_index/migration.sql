-- CreateIndex
CREATE INDEX "Submission_submittedToBureauAt_idx" ON "Submission"("submittedToBureauAt");
