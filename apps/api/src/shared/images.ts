/** Images people upload (photos of quick reports, screenshots of adoptions). */
import { createHash } from 'node:crypto';
import { ServiceError } from './errors.js';

/** The largest image accepted (bytes). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * The image type of some bytes by their magic numbers (JPEG, PNG, GIF, WebP), or null. The
 * name and the declared type of an upload are not trusted.
 */
export function imageTypeOf(bytes: Uint8Array): string | null {
  const starts = (sig: readonly number[], offset = 0) =>
    sig.every((b, i) => bytes[offset + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (
    starts([0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) ||
    starts([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])
  ) {
    return 'image/gif';
  }
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export interface Upload {
  readonly filename: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** Checks an upload is an image within the limit; returns its type and digest. */
export function inspectImage(upload: Upload): { mime: string; sha256: string } {
  if (upload.bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new ServiceError(
      'too_large',
      'UPLOAD.TOO_LARGE',
      `图片不能超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB`,
    );
  }
  const mime = imageTypeOf(upload.bytes);
  if (mime === null) {
    throw new ServiceError(
      'unsupported_media',
      'UPLOAD.NOT_AN_IMAGE',
      '只能上传 JPEG、PNG、GIF 或 WebP 图片',
    );
  }
  return { mime, sha256: createHash('sha256').update(upload.bytes).digest('hex') };
}

/**
 * The largest video attached to a submission (bytes): what a Telegram bot can download at all
 * (DESIGN §5: videos sent to the bot are attachments too).
 */
export const MAX_VIDEO_BYTES = 20 * 1024 * 1024;

/** The video type of some bytes (an MP4 or QuickTime `ftyp` box), or null. */
export function videoTypeOf(bytes: Uint8Array): string | null {
  const ftyp = [0x66, 0x74, 0x79, 0x70].every((b, i) => bytes[4 + i] === b);
  if (!ftyp) return null;
  const brand = String.fromCharCode(...bytes.slice(8, 12));
  return brand === 'qt  ' ? 'video/quicktime' : 'video/mp4';
}

/**
 * Checks an attachment of a submission: an image within {@link MAX_IMAGE_BYTES} or an MP4 or
 * QuickTime video within {@link MAX_VIDEO_BYTES}; returns its type and digest.
 */
export function inspectAttachment(upload: Upload): { mime: string; sha256: string } {
  const video = videoTypeOf(upload.bytes);
  if (video === null) return inspectImage(upload);
  if (upload.bytes.byteLength > MAX_VIDEO_BYTES) {
    throw new ServiceError(
      'too_large',
      'UPLOAD.TOO_LARGE',
      `视频不能超过 ${MAX_VIDEO_BYTES / 1024 / 1024} MB`,
    );
  }
  return { mime: video, sha256: createHash('sha256').update(upload.bytes).digest('hex') };
}

/** The last part of an uploaded file's name, safe in a header; `fallback` when nothing is left. */
export function cleanFilename(name: string, fallback = 'image'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters and quotes would break the Content-Disposition header when served.
  const cleaned = Array.from(base)
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '"')
    .join('')
    .slice(0, 200);
  return cleaned === '' ? fallback : cleaned;
}
