import { createMiddleware } from 'hono/factory';
import { pino, type Logger } from 'pino';

/** What the outermost middleware puts on every request: its id, and a failure to log. */
export interface EdgeEnv {
  Variables: {
    requestId: string;
    /** An unexpected error the request ended in, logged with its line (http/errors.ts). */
    failure: unknown;
  };
}

/** The process's logger: JSON lines on stdout at the given level (`silent` writes nothing). */
export function createLogger(level: string): Logger {
  return pino({ level });
}

/**
 * One line per request when it is answered: method, path, status, `responseTime` (the
 * duration in milliseconds) and the request id (`reqId`, the `X-Request-Id` the answer
 * carries); an answer of 500 or more is an error, with the unexpected error behind it (`err`).
 * Headers are left out: they hold the session cookie and the bot's token. The line is built
 * once the answer is known, and no logger is made per request: a busy API writes thousands
 * a second.
 */
export function requestLogger(logger: Logger) {
  return createMiddleware<EdgeEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    const line = {
      reqId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      responseTime: Math.round(performance.now() - started),
    };
    if (line.status < 500) {
      logger.info(line, 'request');
      return;
    }
    const failure = c.get('failure');
    logger.error(failure === undefined ? line : { ...line, err: failure }, 'request');
  });
}
