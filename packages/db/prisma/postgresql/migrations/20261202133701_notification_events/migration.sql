-- Notifications become structured events: the old templates are renamed to event kinds
-- (a review result splits by its outcome) and the zh-CN fallback text is dropped from the facts.
ALTER TABLE "OutboxMessage" ADD COLUMN     "facts" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "kind" TEXT,
ADD COLUMN     "readAt" TIMESTAMP(3);

UPDATE "OutboxMessage" SET
    "kind" = CASE "template"
        WHEN 'review_request' THEN 'review_requested'
        WHEN 'adoption' THEN 'adoption_credited'
        WHEN 'reminder.review.pending' THEN 'review_pending'
        WHEN 'reminder.review.escalated' THEN 'review_escalated'
        WHEN 'reminder.quota.digest' THEN 'quota_digest'
        WHEN 'reminder.quota.unit' THEN 'quota_behind'
        WHEN 'reminder.incident.soon' THEN 'incident_deadline_soon'
        WHEN 'reminder.incident.due' THEN 'incident_deadline_missed'
        WHEN 'reminder.adoption.author' THEN 'adoption_credited'
        WHEN 'reminder.adoption.head' THEN 'unit_adoption'
        WHEN 'incident.reported' THEN 'incident_reported'
        WHEN 'incident.closed' THEN 'incident_closed'
        WHEN 'review_result' THEN CASE "params"::jsonb ->> 'result'
            WHEN 'approved' THEN 'submission_forwarded'
            WHEN 'returned' THEN 'submission_returned'
            WHEN 'adopted' THEN 'submission_adopted'
            WHEN 'not_adopted' THEN 'submission_not_adopted'
            ELSE "template" END
        ELSE "template" END,
    "facts" = ("params"::jsonb - 'defaultMessage')::text;

ALTER TABLE "OutboxMessage" ALTER COLUMN "kind" SET NOT NULL;

-- AlterTable
ALTER TABLE "OutboxMessage" DROP COLUMN "defaultMessage",
DROP COLUMN "params",
DROP COLUMN "template";

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'zh-CN';

-- CreateIndex
CREATE INDEX "OutboxMessage_personId_readAt_idx" ON "OutboxMessage"("personId", "readAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_personId_createdAt_idx" ON "OutboxMessage"("personId", "createdAt");
