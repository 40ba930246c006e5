/** The one bound on how much of a request body the API ever reads. */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { MAX_IMAGE_BYTES, MAX_VIDEO_BYTES } from '../shared/images.js';
import { errorResponse } from './errors.js';
import type { EdgeEnv } from './logger.js';

/** A JSON body, the form of every write but uploads and the bot's quick reports. */
export const DEFAULT_BODY_BYTES = 1024 * 1024;
/** An image upload: the image itself plus room for the multipart headers. */
export const UPLOAD_BODY_BYTES = MAX_IMAGE_BYTES + 64 * 1024;
/**
 * An Excel import: the file's own limit (5 MB, said in the import's words once read) with
 * room to spare, so that only a file far too large is refused unread.
 */
export const IMPORT_BODY_BYTES = 6 * 1024 * 1024;
/** An attachment of a submission, which may be a video. */
export const ATTACHMENT_BODY_BYTES = MAX_VIDEO_BYTES + 64 * 1024;
/** A quick report from the bot carries its photos inline (base64). */
export const QUICK_REPORT_BODY_BYTES = 30 * 1024 * 1024;

/** The routes that take more than {@link DEFAULT_BODY_BYTES}; every other body is held to it. */
const LARGER_BODIES: readonly { method: string; path: RegExp; maxBytes: number }[] = [
  {
    method: 'POST',
    path: /^\/api\/submissions\/[^/]+\/attachments\/?$/,
    maxBytes: ATTACHMENT_BODY_BYTES,
  },
  { method: 'POST', path: /^\/api\/adoptions\/screenshots\/?$/, maxBytes: UPLOAD_BODY_BYTES },
  {
    method: 'POST',
    path: /^\/api\/incidents\/[^/]+\/screenshot\/?$/,
    maxBytes: UPLOAD_BODY_BYTES,
  },
  { method: 'POST', path: /^\/api\/imports\/(preview|commit)\/?$/, maxBytes: IMPORT_BODY_BYTES },
  { method: 'POST', path: /^\/api\/bot\/quick-reports\/?$/, maxBytes: QUICK_REPORT_BODY_BYTES },
];

/** How many bytes of body a request to `path` may carry. */
export function maxBodyBytes(method: string, path: string): number {
  const larger = LARGER_BODIES.find((entry) => entry.method === method && entry.path.test(path));
  return larger?.maxBytes ?? DEFAULT_BODY_BYTES;
}

/**
 * The body of a request as its route sees it. A GET or HEAD request has none (a Request of
 * either method carries none), and is not asked: asking would have the server build the whole
 * Request object for every page read.
 */
export function requestBody(c: Context): ReadableStream<Uint8Array> | null {
  return c.req.method === 'GET' || c.req.method === 'HEAD' ? null : c.req.raw.body;
}

/**
 * How much of a refused body is still read after its 413, and thrown away. Closing the
 * connection with the answer would reset a client still sending before it read the 413; left
 * unread, the rest would stall the connection for the client's next request. So a body at
 * most this much over its limit leaves the connection clean, and a larger one stops being read
 * here: @hono/node-server then closes its connection half a second after the answer, time
 * enough for the client to have read it.
 */
export const DISCARDED_BYTES = 8 * 1024 * 1024;

/** Reads what is left of a refused body and throws it away, up to {@link DISCARDED_BYTES}. */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let discarded = 0;
  try {
    while (discarded <= DISCARDED_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      discarded += value.byteLength;
    }
  } catch {
    // The connection closed meanwhile: nothing is left to read.
  }
}

/** The 413 of a body over `maxBytes`, whose rest `reader` reads (see {@link DISCARDED_BYTES}). */
function tooLarge(
  c: Context<EdgeEnv>,
  maxBytes: number,
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Response {
  const limit =
    maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${Math.round(maxBytes / 1024)} KB`;
  void discardRest(reader);
  return errorResponse(c, 413, 'REQUEST.TOO_LARGE', `请求内容过大（最多 ${limit}）`, {
    maxBytes,
  });
}

/**
 * Holds every request body to its route's limit before anything reads it. A declared
 * Content-Length over the limit is refused unread; a body without one (chunked) is counted as
 * it streams and refused as soon as it passes the limit, so at most the limit is ever held.
 */
export function limitBody() {
  return createMiddleware<EdgeEnv>(async (c, next) => {
    const body = requestBody(c);
    if (body === null) return next();
    const maxBytes = maxBodyBytes(c.req.method, c.req.path);
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      const length = Number(declared);
      if (!Number.isSafeInteger(length) || length > maxBytes)
        return tooLarge(c, maxBytes, body.getReader());
      return next();
    }
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) return tooLarge(c, maxBytes, reader);
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const headers = new Headers(c.req.raw.headers);
    headers.delete('transfer-encoding');
    headers.set('content-length', String(size));
    c.req.raw = new Request(c.req.raw.url, {
      method: c.req.raw.method,
      headers,
      body: bytes,
      signal: c.req.raw.signal,
    });
    return next();
  });
}
