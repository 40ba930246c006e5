-- CreateIndex
CREATE INDEX "Adoption_instructionAt_idx" ON "Adoption"("instructionAt");

-- CreateIndex
CREATE INDEX "SignOff_signedAt_idx" ON "SignOff"("signedAt");

-- CreateIndex
CREATE INDEX "SubmissionEvent_kind_at_idx" ON "SubmissionEvent"("kind", "at");
