import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, demoCounty } from './support/county.js';
import { changedTables, digestTables } from './support/database.js';
import { fillPath, isUniformError, readJson } from './support/http.js';
import { recordPart } from './support/results.js';

type County = Awaited<ReturnType<typeof demoCounty>>;

interface JsonSchema {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly format?: string;
}

interface WriteRoute {
  readonly method: string;
  readonly path: string;
  readonly schema: JsonSchema | undefined;
  readonly upload: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The write routes and their JSON body schemas, read from the API's own OpenAPI document. */
function writeRoutes(document: unknown): WriteRoute[] {
  if (!isRecord(document) || !isRecord(document.paths))
    throw new Error('no paths in the OpenAPI document');
  const routes: WriteRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!isRecord(operations)) continue;
    for (const [method, operation] of Object.entries(operations)) {
      if (method === 'get' || !isRecord(operation)) continue;
      // A write that takes neither a body nor a path parameter (log out, mark all read) has no
      // input that could be bad; logging out would also end the session the samples use.
      if (!isRecord(operation.requestBody) && !path.includes('{')) continue;
      const content =
        isRecord(operation.requestBody) && isRecord(operation.requestBody.content)
          ? operation.requestBody.content
          : {};
      const json = isRecord(content['application/json'])
        ? content['application/json'].schema
        : undefined;
      routes.push({
        method: method.toUpperCase(),
        path: `/api${path.replace(/\{(\w+)\}/g, ':$1')}`,
        // The document is generated from the routes' zod validators, in JSON Schema's shape.
        schema: isRecord(json) ? (json as JsonSchema) : undefined,
        upload: 'multipart/form-data' in content,
      });
    }
  }
  return routes;
}

const HUGE = '长'.repeat(300_000);
const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '\u202E\u202D',
  '\u200B\u200B',
  '👩‍👩‍👧‍👦'.repeat(500),
  "' OR 1=1 --",
  '"; DROP TABLE "Submission"; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%ff',
  'null',
  HUGE,
];
const EDGE_NUMBERS = [
  -1,
  -0,
  0.5,
  -1e308,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  2 ** 31,
  -(2 ** 63),
];

const anyValue = fc.oneof(
  fc.constantFrom<unknown>(...EDGE_STRINGS),
  fc.constantFrom<unknown>(...EDGE_NUMBERS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** A value that the schema certainly refuses. */
function invalidFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const notString = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant([]),
    fc.constant({}),
  );
  const notNumber = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant([1]),
    fc.constant({}),
  );
  switch (schema.type) {
    case 'string': {
      const options: fc.Arbitrary<unknown>[] = [notString];
      if (schema.enum) options.push(fc.constantFrom('not-a-member', 'NEWS', '', '\uD800'));
      if (schema.maxLength !== undefined)
        options.push(fc.constant('x'.repeat(schema.maxLength + 1)), fc.constant(HUGE));
      if (schema.format === 'date-time')
        options.push(fc.constantFrom('2026-13-45T99:99:99Z', 'yesterday', '2026-02-30T00:00:00Z'));
      return fc.oneof(...options);
    }
    case 'number':
    case 'integer': {
      const options: fc.Arbitrary<unknown>[] = [notNumber];
      if (schema.type === 'integer') options.push(fc.constantFrom(0.5, 1e308, -1e-9));
      if (schema.minimum !== undefined)
        options.push(fc.constant(schema.minimum - 1), fc.constant(-1e308));
      if (schema.maximum !== undefined)
        options.push(fc.constant(schema.maximum + 1), fc.constant(1e308));
      return fc.oneof(...options);
    }
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 1, 0, 'yes', null, [], {}));
    case 'array':
      return fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.integer(),
        fc.constant({}),
        fc.constant(null),
      );
    case 'object':
      return fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.integer(),
        fc.constant([]),
        fc.constant(null),
      );
    default:
      // A schema without a type (a free JSON value): nothing is certainly invalid but absence.
      return fc.constant(undefined);
  }
}

/** A JSON body with at least one certain defect: a wrong value for a field, a missing required one, or no object at all. */
function malformedBody(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const notAnObject = fc.oneof(
    fc.constantFrom('', '{', '{"title":', 'nul', '[1,2', '{"a":1}}', '\uFEFF{}'),
    fc.constantFrom<unknown>([], 0, -1, 'text', true, null).map((value) => JSON.stringify(value)),
  );
  const properties = Object.entries(schema?.properties ?? {});
  if (schema?.type !== 'object' || properties.length === 0) return notAnObject;
  const typed = properties.filter(([, property]) => property.type !== undefined);
  const withWrongField = fc
    .record({
      base: fc.dictionary(fc.constantFrom(...properties.map(([name]) => name)), anyValue, {
        maxKeys: properties.length,
      }),
      defect: fc
        .constantFrom(...(typed.length > 0 ? typed : properties))
        .chain(([name, property]) => invalidFor(property).map((value) => [name, value] as const)),
    })
    .map(({ base, defect }) => JSON.stringify({ ...base, [defect[0]]: defect[1] }));
  const required = schema.required ?? [];
  const withoutRequired =
    required.length > 0
      ? fc
          .constantFrom(...required)
          .map((missing) =>
            JSON.stringify(
              Object.fromEntries(
                properties.filter(([name]) => name !== missing).map(([name]) => [name, 'x']),
              ),
            ),
          )
      : notAnObject;
  return fc.oneof(
    { weight: 6, arbitrary: withWrongField },
    { weight: 1, arbitrary: withoutRequired },
    { weight: 2, arbitrary: notAnObject },
  );
}

interface MalformedRequest {
  readonly route: WriteRoute;
  readonly actor: keyof typeof ACTORS;
  readonly id: string;
  readonly contentType: string;
  readonly body: string | FormData;
}

describe('bad input: thousands of malformed requests over every write route', () => {
  let county: County;
  let routes: WriteRoute[];
  const figures = { tried: 0, unexpected: 0 };

  beforeAll(async () => {
    county = await demoCounty();
    routes = writeRoutes(await readJson(await county.app.request('/api/openapi.json')));
  });

  afterAll(() => {
    recordPart('bad input', {
      scope: `${figures.tried} malformed requests over ${routes.length} write routes`,
      checks: figures.tried,
      badInputsTried: figures.tried,
      unexpectedResponses: figures.unexpected,
    });
  });

  it('never answers 500, always in the uniform error body, and changes nothing', async () => {
    const { db, app, as } = county;
    // A terminal item (adopted) makes every workflow command an invalid transition; a missing
    // id and hostile ids test the lookups.
    const adopted = await db.submission.findFirstOrThrow({
      where: { state: 'adopted' },
      select: { id: true },
    });
    const ids = [adopted.id, 'no-such-id', "' OR 1=1 --", '%2e%2e%2f', 'x'.repeat(5000), '\u0000'];
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const uploads = fc.oneof(
      // A text file labelled as an image, an empty file, an image too large, and no file at all.
      fc.constant({
        name: 'photo.png',
        type: 'image/png',
        bytes: new TextEncoder().encode('<?php echo 1; ?>'),
      }),
      fc.constant({ name: 'photo.jpg', type: 'image/jpeg', bytes: new Uint8Array(0) }),
      fc.constant({
        name: 'big.png',
        type: 'image/png',
        bytes: new Uint8Array(12 * 1024 * 1024).fill(7),
      }),
      fc.constant({
        name: 'page.png',
        type: 'image/png',
        bytes: new TextEncoder().encode('<html><script>alert(1)</script>'),
      }),
      fc.constant({ name: 'cut.png', type: 'image/png', bytes: png.slice(0, 4) }),
      fc.constant(null),
    );
    const requestArb: fc.Arbitrary<MalformedRequest> = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        actor: fc.constantFrom<keyof typeof ACTORS>(
          'admin',
          'reviewer',
          'townshipOfficer',
          'schoolOfficer',
        ),
        id: fc.constantFrom(...ids),
        contentType: route.upload
          ? fc.constant('multipart')
          : fc.constantFrom(
              'application/json',
              'application/json',
              'application/json',
              'text/plain',
              'application/xml',
            ),
        body: route.upload
          ? uploads.map((file) => {
              const form = new FormData();
              if (file) form.set('file', new Blob([file.bytes], { type: file.type }), file.name);
              else form.set('other', 'x');
              return form;
            })
          : malformedBody(route.schema),
      }),
    );
    const samples = fc.sample(requestArb, { numRuns: 10_200, seed: 20261126 });
    const cookies = new Map<string, string>();
    for (const key of Object.keys(ACTORS) as (keyof typeof ACTORS)[])
      cookies.set(key, await as(ACTORS[key]));
    const before = await digestTables(db);

    const wrong: string[] = [];
    for (const sample of samples) {
      const headers: Record<string, string> = {
        cookie: cookies.get(sample.actor) ?? '',
        origin: 'http://localhost',
      };
      if (sample.contentType !== 'multipart') headers['content-type'] = sample.contentType;
      const response = await app.request(
        fillPath(sample.route.path, () => sample.id),
        {
          method: sample.route.method,
          headers,
          body: sample.body,
        },
      );
      figures.tried += 1;
      const body = await readJson(response);
      if (response.status >= 500 || response.status < 400 || !isUniformError(body)) {
        figures.unexpected += 1;
        if (wrong.length < 30)
          wrong.push(
            `${sample.actor} ${sample.route.method} ${sample.route.path} id=${sample.id.slice(0, 20)} → ${response.status} ${JSON.stringify(body).slice(0, 160)} ← ${typeof sample.body === 'string' ? sample.body.slice(0, 160) : 'form'}`,
          );
      }
    }
    const after = await digestTables(db);
    expect(figures.tried).toBeGreaterThanOrEqual(10_000);
    expect(wrong).toEqual([]);
    expect(changedTables(before, after)).toEqual([]);
  });
});
