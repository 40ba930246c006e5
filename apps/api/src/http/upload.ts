/** Image uploads and downloads at the HTTP edge (multipart in, bytes out). */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.js';
import { MAX_IMAGE_BYTES, MAX_VIDEO_BYTES, type Upload } from '../shared/images.js';
import { ServiceError } from '../shared/errors.js';
import { errorResponse } from './errors.js';

/**
 * Refuses a body over the image limit without reading past it (plus room for the multipart
 * headers); the exact file size is checked again once read.
 */
export const uploadLimit = bodyLimit({
  maxSize: MAX_IMAGE_BYTES + 64 * 1024,
  onError: (c) =>
    errorResponse(c, 413, 'UPLOAD.TOO_LARGE', `图片不能超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB`),
});

/** The same for an attachment of a submission, which may be a video (DESIGN §5). */
export const attachmentUploadLimit = bodyLimit({
  maxSize: MAX_VIDEO_BYTES + 64 * 1024,
  onError: (c) =>
    errorResponse(
      c,
      413,
      'UPLOAD.TOO_LARGE',
      `图片不能超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB，视频不能超过 ${MAX_VIDEO_BYTES / 1024 / 1024} MB`,
    ),
});

/** The one file of a multipart upload (field `file`); `what` names it in messages. */
export async function readUpload(c: Context<AppEnv>, what = '图片'): Promise<Upload> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new ServiceError(
      'unsupported_media',
      'UPLOAD.NOT_MULTIPART',
      `请以 multipart/form-data 方式上传${what}`,
    );
  }
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new ServiceError('malformed', 'VALIDATION', '上传内容无法解析', {
      issues: [{ path: 'file', message: '上传内容无法解析' }],
    });
  }
  const file = form.file;
  if (!(file instanceof File)) {
    throw new ServiceError('malformed', 'VALIDATION', `字段 file：请选择要上传的${what}`, {
      issues: [{ path: 'file', message: `请选择要上传的${what}` }],
    });
  }
  return { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** The bytes of a stored image, as the browser needs them. */
/** How a route answering with `imageResponse` documents its success (any image type it keeps). */
export function imageAnswer(description: string) {
  return { 200: { description, content: { 'image/*': {} } } };
}

export function imageResponse(
  c: Context<AppEnv>,
  file: { mime: string; filename: string; bytes: Uint8Array<ArrayBuffer> },
) {
  return c.body(file.bytes, 200, {
    'content-type': file.mime,
    'content-length': String(file.bytes.byteLength),
    'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
}

export const uploadRequestBody = {
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        properties: { file: { type: 'string' as const, format: 'binary' } },
        required: ['file'],
      },
    },
  },
};
