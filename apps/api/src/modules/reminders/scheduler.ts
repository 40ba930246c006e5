import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '@jyxc/db';
import { releaseLease } from './repository.js';
import { REMINDERS_JOB, runRemindersJob, type RemindersRun } from './service.js';

/** A job running on a timer inside the API process. */
export interface ScheduledJob {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
  /** Runs once now (also used by tests); never throws. */
  runNow(): Promise<void>;
}

export interface ScheduleOptions {
  readonly name: string;
  readonly intervalMs: number;
  /** The work of one run; its errors are logged, never thrown into the process. */
  readonly run: () => Promise<void>;
  /** Delay before the first run, so that the server answers before the job competes for the database. */
  readonly firstDelayMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

/**
 * Runs `run` every `intervalMs`. Runs never overlap (the next is scheduled when one ends);
 * the timer is unref'd so that it never keeps the process alive on its own.
 */
export function schedule(options: ScheduleOptions): ScheduledJob {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const runOnce = async (): Promise<void> => {
    try {
      await options.run();
    } catch (error) {
      log(`[jobs] ${options.name} failed:`, error);
    }
  };

  const tick = (): void => {
    timer = null;
    if (stopped) return;
    running = runOnce().finally(() => {
      running = null;
      arm(options.intervalMs);
    });
  };

  const arm = (delay: number): void => {
    if (stopped) return;
    timer = setTimeout(tick, delay);
    timer.unref();
  };

  arm(options.firstDelayMs ?? Math.min(options.intervalMs, 5_000));

  return {
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (running !== null) await running;
    },
    async runNow() {
      if (running !== null) {
        await running;
        return;
      }
      running = runOnce().finally(() => {
        running = null;
      });
      await running;
    },
  };
}

/** A holder name unique to this process, shown in the `JobLease` row. */
export function processHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export interface RemindersSchedulerOptions {
  readonly db: Db;
  readonly now: () => Date;
  readonly intervalMs: number;
  readonly holder?: string;
  readonly log?: (message: string, error?: unknown) => void;
  readonly onRun?: (run: RemindersRun) => void;
}

/**
 * The reminders job (DESIGN §3.8) every `intervalMs` inside the API process. The lease lasts
 * two intervals, so the process that holds it keeps it while it runs, and another process
 * takes over when it has stopped renewing. Stopping releases the lease at once.
 */
export function startRemindersScheduler(options: RemindersSchedulerOptions): ScheduledJob {
  const holder = options.holder ?? processHolder();
  const leaseMs = Math.max(2 * options.intervalMs, 60_000);
  const job = schedule({
    name: REMINDERS_JOB,
    intervalMs: options.intervalMs,
    ...(options.log ? { log: options.log } : {}),
    run: async () => {
      const result = await runRemindersJob(options.db, { now: options.now(), holder, leaseMs });
      options.onRun?.(result);
    },
  });
  return {
    runNow: () => job.runNow(),
    async stop() {
      await job.stop();
      try {
        await releaseLease(options.db, REMINDERS_JOB, holder, options.now());
      } catch (error) {
        (options.log ?? console.error)('[jobs] reminders: the lease could not be released:', error);
      }
    },
  };
}
