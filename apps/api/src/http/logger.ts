import { pinoLogger, type PinoLogger } from 'hono-pino';
import { pino, type Logger } from 'pino';

/** What the outermost middleware puts on every request: its id and its logger. */
export interface EdgeEnv {
  Variables: {
    requestId: string;
    logger: PinoLogger;
  };
}

/** The process's logger: JSON lines on stdout at the given level (`silent` writes nothing). */
export function createLogger(level: string): Logger {
  return pino({ level });
}

/**
 * One line per request when it is answered: method, path, status, `responseTime` (the
 * duration in milliseconds) and the request id (`reqId`, the `X-Request-Id` the answer
 * carries). Headers are left out: they hold the session cookie and the bot's token.
 */
export function requestLogger(logger: Logger) {
  return pinoLogger({
    pino: logger,
    http: {
      onReqBindings: (c) => ({ method: c.req.method, path: c.req.path }),
      onResBindings: (c) => ({ status: c.res.status }),
      onResLevel: (c) => (c.res.status >= 500 ? 'error' : 'info'),
      onResMessage: () => 'request',
    },
  });
}
