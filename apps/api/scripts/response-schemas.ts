/**
 * The success answers of the API as JSON Schemas, read from the routes' own types: the type
 * `createApp` returns carries, for every route and status, the JSON its handler answers
 * (what the typed client `hc` sees). The OpenAPI document takes its success schemas from the
 * file this writes (src/http/openapi-responses.json), so the document says what the code
 * answers and cannot drift from it: a test regenerates the file and compares.
 *
 * Run: `pnpm --filter @jyxc/api openapi:responses`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

type Schema = Record<string, unknown>;

const here = dirname(fileURLToPath(import.meta.url));
export const RESPONSES_FILE = join(here, '../src/http/openapi-responses.json');

/** Hono's `/units/:id` as OpenAPI writes it (relative to `/api`): `/units/{id}`. */
function openApiPath(path: string): string {
  return path.replace(/^\/api/, '').replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

class Converter {
  readonly problems: string[] = [];
  private readonly stack = new Set<ts.Type>();

  constructor(private readonly checker: ts.TypeChecker) {}

  schema(type: ts.Type, where: string): Schema {
    const { checker } = this;
    // JSON answers are a few levels deep; deeper means a type that describes itself.
    if (where.split(/[.[]/).length > 12) {
      this.problems.push(`${where}: nested too deep`);
      return {};
    }
    const flags = type.flags;
    // A free-form JSON field (an audit entry's before and after): any JSON value is its form.
    if (
      /^(JSONValue|JSONObject|JSONArray|JsonValue|JsonObject|JsonArray)$/.test(
        type.aliasSymbol?.getName() ?? '',
      )
    )
      return { description: '任意 JSON 值' };
    if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
      this.problems.push(`${where}: untyped (${checker.typeToString(type)})`);
      return {};
    }
    if (flags & ts.TypeFlags.StringLiteral) return { const: (type as ts.StringLiteralType).value };
    if (flags & ts.TypeFlags.NumberLiteral) return { const: (type as ts.NumberLiteralType).value };
    if (flags & ts.TypeFlags.BooleanLiteral)
      return { const: checker.typeToString(type) === 'true' };
    if (flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { type: 'string' };
    if (flags & ts.TypeFlags.Number) return { type: 'number' };
    if (flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (flags & ts.TypeFlags.Null) return { type: 'null' };
    if (type.isUnion()) return this.union(type.types, where);
    if (checker.isTupleType(type)) {
      const items = checker.getTypeArguments(type as ts.TypeReference);
      return {
        type: 'array',
        prefixItems: items.map((item, i) => this.schema(item, `${where}[${i}]`)),
        minItems: items.length,
        maxItems: items.length,
      };
    }
    if (checker.isArrayType(type)) {
      const [item] = checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: item ? this.schema(item, `${where}[]`) : {} };
    }
    if (flags & ts.TypeFlags.Object || type.isIntersection()) return this.object(type, where);
    this.problems.push(`${where}: no JSON form for ${checker.typeToString(type)}`);
    return {};
  }

  private union(members: readonly ts.Type[], where: string): Schema {
    // `undefined` in a union is a property left out of the JSON (handled by `object`).
    const types = members.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const booleans = types.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const others = types.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
    const parts: Schema[] = [];
    if (booleans.length === 2) parts.push({ type: 'boolean' });
    else parts.push(...booleans.map((t) => this.schema(t, where)));
    const strings = others.filter((t) => t.flags & ts.TypeFlags.StringLiteral);
    if (strings.length > 1)
      parts.push({
        type: 'string',
        enum: strings.map((t) => (t as ts.StringLiteralType).value).sort(),
      });
    else parts.push(...strings.map((t) => this.schema(t, where)));
    for (const t of others)
      if (!(t.flags & ts.TypeFlags.StringLiteral)) parts.push(this.schema(t, where));
    if (parts.length === 1) return parts[0] ?? {};
    // `string | null` and the like, written as one type list.
    if (parts.every((p) => typeof p['type'] === 'string' && Object.keys(p).length === 1))
      return { type: parts.map((p) => p['type']) };
    return { anyOf: parts };
  }

  private object(type: ts.Type, where: string): Schema {
    const { checker } = this;
    if (this.stack.has(type)) {
      this.problems.push(`${where}: recursive type ${checker.typeToString(type)}`);
      return {};
    }
    this.stack.add(type);
    try {
      const properties: Record<string, Schema> = {};
      const required: string[] = [];
      for (const property of checker.getPropertiesOfType(type)) {
        const propertyType = checker.getTypeOfSymbol(property);
        // Functions and symbols have no JSON form; JSON.stringify leaves them out.
        if (propertyType.getCallSignatures().length > 0) continue;
        const name = property.getName();
        const optional =
          (property.flags & ts.SymbolFlags.Optional) !== 0 ||
          (propertyType.isUnion() &&
            propertyType.types.some((t) => t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
        properties[name] = this.schema(propertyType, `${where}.${name}`);
        if (!optional) required.push(name);
      }
      const index = checker
        .getIndexInfosOfType(type)
        .find((info) => info.keyType.flags & (ts.TypeFlags.String | ts.TypeFlags.Number));
      const schema: Schema = { type: 'object' };
      if (Object.keys(properties).length > 0) schema['properties'] = properties;
      if (required.length > 0) schema['required'] = required;
      schema['additionalProperties'] = index ? this.schema(index.type, `${where}[key]`) : false;
      return schema;
    } finally {
      this.stack.delete(type);
    }
  }
}

/** Every route's success answers: `"GET /units/{id}" → { "200": schema }`. */
export function responseSchemas(): {
  schemas: Record<string, Record<string, Schema>>;
  problems: string[];
} {
  const configPath = join(here, '../tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const appFile = join(here, '../src/app.ts');
  const program = ts.createProgram([appFile], { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(appFile);
  if (!source) throw new Error(`${appFile} is not in the program`);
  const createApp = source.statements.find(
    (node): node is ts.FunctionDeclaration =>
      ts.isFunctionDeclaration(node) && node.name?.text === 'createApp',
  );
  const signature = createApp && checker.getSignatureFromDeclaration(createApp);
  if (!signature) throw new Error('createApp not found in src/app.ts');
  const [, routes] = checker.getTypeArguments(signature.getReturnType() as ts.TypeReference);
  if (!routes) throw new Error('createApp does not return a typed Hono app');

  const converter = new Converter(checker);
  const schemas: Record<string, Record<string, Schema>> = {};
  // Hono's route schema is a union of one object per `.get()`/`.route()` call (and so are a
  // path's methods and a method's answers): each member is read on its own.
  const members = (type: ts.Type): ts.Type[] =>
    type.isUnion() ? type.types.flatMap(members) : [type];
  for (const part of members(routes)) {
    for (const path of checker.getPropertiesOfType(part)) {
      const name = path.getName();
      if (!name.startsWith('/api/')) continue;
      for (const methods of members(checker.getTypeOfSymbol(path))) {
        for (const method of checker.getPropertiesOfType(methods)) {
          const verb = method.getName().replace(/^\$/, '').toUpperCase();
          if (verb === 'ALL') continue;
          const key = `${verb} ${openApiPath(name)}`;
          for (const endpoint of members(checker.getTypeOfSymbol(method))) {
            const format = endpoint.getProperty('outputFormat');
            const formatType = format && checker.getTypeOfSymbol(format);
            if (!formatType?.isStringLiteral() || formatType.value !== 'json') continue;
            const status = endpoint.getProperty('status');
            const output = endpoint.getProperty('output');
            if (!status || !output) continue;
            // `c.json(value)` without a status: any success status; the handler's is 200.
            // `c.json(value, created ? 201 : 200)`: the same answer under both.
            const codes = members(checker.getTypeOfSymbol(status)).map((t) =>
              t.isNumberLiteral() ? t.value : 200,
            );
            for (const code of new Set(codes)) {
              if (code >= 300) continue;
              const schema = converter.schema(checker.getTypeOfSymbol(output), `${key} ${code}`);
              (schemas[key] ??= {})[String(code)] = schema;
            }
          }
        }
      }
    }
  }
  return { schemas, problems: converter.problems };
}

/**
 * The committed file: `routes` names, for each route and status, a schema in `schemas`; an
 * answer several routes share (a submission's detail after every action) is written once,
 * named after the first route giving it (`GET.submissions.id.200`).
 */
export interface ResponsesFile {
  readonly schemas: Record<string, Schema>;
  readonly routes: Record<string, Record<string, string>>;
}

export function responsesFile(schemas: Record<string, Record<string, Schema>>): ResponsesFile {
  const byText = new Map<string, string>();
  const file: { schemas: Record<string, Schema>; routes: Record<string, Record<string, string>> } =
    { schemas: {}, routes: {} };
  for (const key of Object.keys(schemas).sort()) {
    for (const [status, schema] of Object.entries(schemas[key] ?? {}).sort()) {
      const text = JSON.stringify(schema);
      let name = byText.get(text);
      if (name === undefined) {
        const [method = '', path = ''] = key.split(' ');
        name = [method, ...path.split('/').filter(Boolean), status]
          .join('.')
          .replace(/[^A-Za-z0-9.]/g, '');
        byText.set(text, name);
        file.schemas[name] = schema;
      }
      (file.routes[key] ??= {})[status] = name;
    }
  }
  return file;
}

/** The file's text: one line per schema and route, so that a change shows as a small diff. */
export function responsesText(file: ResponsesFile): string {
  const lines = (record: Record<string, unknown>) =>
    Object.entries(record)
      .map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`)
      .join(',\n');
  return `{\n  "schemas": {\n${lines(file.schemas)}\n  },\n  "routes": {\n${lines(file.routes)}\n  }\n}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { schemas, problems } = responseSchemas();
  writeFileSync(RESPONSES_FILE, responsesText(responsesFile(schemas)));
  for (const problem of problems) console.error(problem);
  console.log(`${Object.keys(schemas).length} routes → ${RESPONSES_FILE}`);
  if (problems.length > 0) process.exitCode = 1;
}
