import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { ErrorCapturingSqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * The slice of the WebAssembly JavaScript API used here. The package compiles against
 * ES2023 and Node's types, and neither declares the `WebAssembly` global (TypeScript keeps it
 * in the DOM library), so it is read from `globalThis` and checked before use. What
 * `instantiate` resolves to is checked too, down to the start function called here.
 */
interface WebAssemblyApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function webAssemblyApi(): WebAssemblyApi {
  const api: unknown = Reflect.get(globalThis, 'WebAssembly');
  if (isRecord(api) && typeof api['instantiate'] === 'function') {
    const instantiate = api['instantiate'];
    return {
      instantiate: (bytes, imports) =>
        Promise.resolve(Reflect.apply(instantiate, api, [bytes, imports])),
    };
  }
  throw new Error('This JavaScript runtime has no WebAssembly support.');
}

const pendingTimers = new Set<NodeJS.Timeout>();
let liveEngines = 0;

/**
 * The engine's timers, as the glue would set them, but remembered. The engine bounds some
 * waits with a timer (ten seconds for PostgreSQL's migration lock) and never cancels it when
 * the wait ends, which would keep a finished command alive for those seconds. Once no engine
 * is live, no future is waiting on these timers, so they are cleared.
 */
function trackedSetTimeout(callback: unknown, delay: unknown): NodeJS.Timeout {
  if (typeof callback !== 'function')
    throw new TypeError('The schema engine set a timer without a callback.');
  const timer = setTimeout(
    () => {
      pendingTimers.delete(timer);
      Reflect.apply(callback, undefined, []);
    },
    Number(delay) >>> 0,
  );
  pendingTimers.add(timer);
  return timer;
}

let loaded: Promise<void> | undefined;
let lastPanic: string | undefined;

/**
 * The message of the engine's most recent panic, if any. On a panic the engine hands the
 * message to a registry it expects on `globalThis`, then aborts the running task, usually
 * as an uncaught `RuntimeError: unreachable` that says nothing more: this message is the
 * only account of what went wrong.
 */
export function takeEnginePanic(): string | undefined {
  const message = lastPanic;
  lastPanic = undefined;
  return message;
}

/**
 * Instantiates the engine's WebAssembly module once per process. The glue module keeps the
 * instance in module state, so a second instantiation would swap it under live engines.
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    Reflect.set(globalThis, 'PRISMA_WASM_PANIC_REGISTRY', {
      set_message: (message: string) => {
        lastPanic = message;
      },
    });
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const glue: Record<string, unknown> = { ...bindings };
    for (const name of Object.keys(glue)) {
      if (name.startsWith('__wbg_setTimeout_')) glue[name] = trackedSetTimeout;
    }
    const source = await webAssemblyApi().instantiate(bytes, { './schema_engine_bg.js': glue });
    const instance = isRecord(source) ? source['instance'] : undefined;
    const exports = isRecord(instance) ? instance['exports'] : undefined;
    const start = isRecord(exports) ? exports['__wbindgen_start'] : undefined;
    if (typeof start !== 'function') {
      throw new Error('The schema engine module does not have the expected exports.');
    }
    bindings.__wbg_set_wasm(exports);
    Reflect.apply(start, exports, []);
  })();
  return loaded;
}

export interface SchemaFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Starts a schema engine that reaches the database only through `adapterFactory`. Release
 * it with {@link freeEngine}.
 */
export async function startEngine(
  schema: SchemaFile,
  adapterFactory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  log: (message: string) => void = () => {},
): Promise<SchemaEngine> {
  await loadWasm();
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    adapterFactory,
  );
  liveEngines += 1;
  return engine;
}

export function freeEngine(engine: SchemaEngine): void {
  engine.free();
  liveEngines -= 1;
  if (liveEngines > 0) return;
  for (const timer of pendingTimers) clearTimeout(timer);
  pendingTimers.clear();
}
