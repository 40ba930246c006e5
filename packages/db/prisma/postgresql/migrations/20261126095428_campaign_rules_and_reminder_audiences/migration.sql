-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('urgent', 'normal');

-- AlterEnum
BEGIN;
CREATE TYPE "AudienceKind_new" AS ENUM ('person', 'unitGroup', 'bureauGroup');
-- Audiences are named as the reminders of the domain name them: the group of a unit is unitGroup.
ALTER TABLE "OutboxMessage" ALTER COLUMN "audience" TYPE "AudienceKind_new" USING (CASE WHEN "audience"::text = 'person' THEN 'person' ELSE 'unitGroup' END)::"AudienceKind_new";
ALTER TYPE "AudienceKind" RENAME TO "AudienceKind_old";
ALTER TYPE "AudienceKind_new" RENAME TO "AudienceKind";
DROP TYPE "public"."AudienceKind_old";
COMMIT;

-- AlterTable
-- The public-fund cap keeps its value under the name the domain gives it.
ALTER TABLE "Campaign" RENAME COLUMN "publicFundCapPerUnit" TO "publicFundCapFen";
ALTER TABLE "Campaign" ADD COLUMN     "laggingLeadDays" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "laggingShare" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- AlterTable
-- Required copies become per title. An old total cannot be split, so targets restart empty.
ALTER TABLE "CampaignTarget" ADD COLUMN     "deadline" TIMESTAMP(3),
ADD COLUMN     "publicFundCapFen" INTEGER,
ALTER COLUMN "requiredCopies" DROP DEFAULT,
ALTER COLUMN "requiredCopies" SET DATA TYPE TEXT USING '{}',
ALTER COLUMN "requiredCopies" SET DEFAULT '{}';

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "defaultMessage" TEXT,
ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "reason" TEXT,
ALTER COLUMN "urgency" DROP DEFAULT,
ALTER COLUMN "urgency" SET DATA TYPE "Urgency" USING (CASE WHEN "urgency" = 'urgent' THEN 'urgent' ELSE 'normal' END)::"Urgency",
ALTER COLUMN "urgency" SET DEFAULT 'normal';

-- A title without a postal code gets one of the 99- series until the bureau enters the real one.
UPDATE "Periodical" AS p SET "postalCode" = '99-' || (1000 + n.rn)
FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS rn FROM "Periodical" WHERE "postalCode" IS NULL) AS n
WHERE p."id" = n."id";

-- AlterTable
ALTER TABLE "Periodical" ALTER COLUMN "postalCode" SET NOT NULL;

-- AlterTable
ALTER TABLE "SubscriptionRecord" ADD COLUMN     "mandatory" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "Periodical_campaignId_postalCode_key" ON "Periodical"("campaignId", "postalCode");
