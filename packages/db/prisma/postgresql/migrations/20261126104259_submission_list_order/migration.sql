-- CreateIndex
CREATE INDEX "Submission_createdAt_id_idx" ON "Submission"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Submission_state_createdAt_id_idx" ON "Submission"("state", "createdAt", "id");
