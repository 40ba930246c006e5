import type { Prisma } from '@jyxc/db';
import { isInstructionLevel, type Adoption } from '@jyxc/domain';
import type { Reader } from '../../shared/db.js';

export const adoptionInclude = {
  credits: { orderBy: { submissionId: 'asc' } },
} satisfies Prisma.AdoptionInclude;

export type AdoptionRow = Prisma.AdoptionGetPayload<{ include: typeof adoptionInclude }>;

/** Whether a proof is a link (online) rather than a printed page. */
export function isLink(text: string): boolean {
  return /^https?:\/\//i.test(text.trim());
}

/** An adoption row in the domain's shape (DESIGN §3.2: one proof, page or link). */
export function adoptionOf(row: AdoptionRow): Adoption {
  const proof = row.pageOrLink;
  const level = row.instructionLevel;
  return {
    id: row.id,
    submissionIds: row.credits.map((c) => c.submissionId),
    level: row.level,
    headline: row.headline,
    outlet: row.outletName,
    page: proof !== null && !isLink(proof) ? proof : null,
    link: proof !== null && isLink(proof) ? proof : null,
    screenshot: row.screenshotId,
    publishedAt: row.publishedAt.getTime(),
    // DESIGN §3.4: the instruction scores in the period it was given; rows without its own
    // date fall back to the publication's.
    instruction:
      level !== null && isInstructionLevel(level)
        ? {
            level,
            at: (row.instructionAt ?? row.publishedAt).getTime(),
            leader: row.instructionLeader,
            note: row.instructionNote,
          }
        : null,
    recordedBy: row.recordedById,
    recordedAt: row.createdAt.getTime(),
  };
}

/** The adoptions in force (not countered) that credit any of the submissions. */
export async function loadAdoptionsCrediting(
  db: Reader,
  submissionIds: readonly string[],
): Promise<Adoption[]> {
  const rows = await db.adoption.findMany({
    where: { counteredAt: null, credits: { some: { submissionId: { in: [...submissionIds] } } } },
    include: adoptionInclude,
    orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(adoptionOf);
}
