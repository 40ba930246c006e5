-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "authorIds" TEXT NOT NULL DEFAULT '[]';

-- Each existing item's authors in order, from its SubmissionAuthor rows.
UPDATE "Submission" AS s SET "authorIds" = COALESCE((
    SELECT json_agg(a."personId" ORDER BY a."position")::text
    FROM "SubmissionAuthor" AS a WHERE a."submissionId" = s."id"
), '[]');
