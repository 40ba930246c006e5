-- CreateIndex
CREATE UNIQUE INDEX "Appeal_bulletinId_unitId_key" ON "Appeal"("bulletinId", "unitId");
