/** Images attached to submissions: stored once per item, added to the content as an edit. */
import { transition, type Submission } from '@jyxc/domain';
import { unwrap } from '../../shared/domain-result.js';
import { ServiceError } from '../../shared/errors.js';
import type { ServiceContext } from '../../shared/context.js';
import { actorAsPerson } from '../../shared/actor.js';
import { assertCanSee } from '../organisation/service.js';
import { inTransaction } from '../../shared/db.js';
import {
  findAttachment,
  findAttachmentByDigest,
  insertAttachment,
  loadSubmission,
  persistTransition,
} from './repository.js';

import { cleanFilename, inspectAttachment, type Upload } from '../../shared/images.js';

import { actorVisibility } from './queries.js';
import { submissionNotFound, versioned } from './service.js';

/**
 * Attaches an image to a submission: stored once per item (the same bytes twice give the
 * same attachment), and added to the content as an edit — a new revision — when it is new to
 * the item, so the domain decides who may do it and a sign-off is voided as for any edit.
 */
export async function uploadAttachment(
  ctx: ServiceContext,
  id: string,
  upload: Upload,
  expectedVersion?: number,
): Promise<{
  attachment: { id: string; filename: string; mime: string; size: number };
  submission: Submission;
  created: boolean;
}> {
  const { mime, sha256 } = inspectAttachment(upload);
  const visibility = await actorVisibility(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await loadSubmission(tx, id);
    if (before === null) throw submissionNotFound();
    assertCanSee(visibility, before.unitId);
    const existing = await findAttachmentByDigest(tx, id, sha256);
    if (existing !== null && before.attachments.includes(existing.id)) {
      return { attachment: existing, submission: before, created: false };
    }
    const attachment =
      existing ??
      (await insertAttachment(tx, {
        submissionId: id,
        filename: cleanFilename(upload.filename),
        mime,
        sha256,
        bytes: upload.bytes,
        createdById: ctx.actor.personId,
        createdAt: ctx.now,
      }));
    const t = unwrap(
      transition(
        before,
        {
          type: 'edit',
          changes: { attachments: [...before.attachments, attachment.id] },
          note: `${attachment.mime.startsWith('video/') ? '上传视频' : '上传图片'} ${attachment.filename}`,
          ...versioned(expectedVersion),
        },
        actorAsPerson(ctx.actor),
        ctx.now.getTime(),
      ),
    );
    await persistTransition(tx, ctx, before, t, 'submission.attach');
    return { attachment, submission: t.submission, created: existing === null };
  });
}

/** The bytes of an attachment of a submission the actor may see. */
export async function readAttachment(ctx: ServiceContext, id: string, attachmentId: string) {
  const visibility = await actorVisibility(ctx);
  const row = await findAttachment(ctx.db, id, attachmentId);
  if (row === null || row.submission === null) {
    throw new ServiceError('not_found', 'ATTACHMENT.NOT_FOUND', '附件不存在');
  }
  assertCanSee(visibility, row.submission.unitId);
  return { filename: row.filename, mime: row.mime, sha256: row.sha256, bytes: row.bytes };
}
