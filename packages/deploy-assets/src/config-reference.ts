import { readFileSync, readdirSync, existsSync } from 'node:fs';
import ts from 'typescript';
import { DeployAssetError } from './errors';
import { repoPath } from './repo-paths';

/** One environment variable of a service's configuration schema. */
export interface ConfigKey {
  /** The variable name, e.g. `CITYBRAIN_GRPC_PORT`. */
  readonly name: string;
  /** Readable type: `port`, `integer ≥ 1`, `true \| false`, … */
  readonly type: string;
  /** The default as an operator would type it, or `undefined` when the variable is optional without one. */
  readonly defaultValue: string | undefined;
  /** From the key's JSDoc in the schema, or the shared fallbacks of {@link KNOWN_MEANINGS}. */
  readonly description: string;
}

/** The configuration schema of one service (or the common part). */
export interface ConfigSchema {
  /** `common` or the service folder name. */
  readonly service: string;
  /** Repository-relative source of the schema. */
  readonly file: string;
  /** The schema's variable name in that file. */
  readonly schemaName: string;
  /** Whether it extends the common schema. */
  readonly extendsCommon: boolean;
  readonly keys: readonly ConfigKey[];
}

/**
 * What a variable means, for schema keys without a JSDoc comment (the schema's own JSDoc wins).
 * Keep these short; they end up in `docs/configuration.md`.
 */
export const KNOWN_MEANINGS: Readonly<Record<string, string>> = {
  KAFKA_BROKERS: 'Bootstrap servers, comma-separated `host:port`.',
  KAFKA_CLIENT_ID: 'Kafka client id (default `citybrain-<service>`).',
  CITYBRAIN_TOPIC_SUFFIX: 'Appended to every topic name (tests and demo runs use fresh topics).',
  CITYBRAIN_LOG_LEVEL: 'Log level.',
  CITYBRAIN_LOG_FORMAT: '`json` lines for machines, `pretty` for a terminal.',
  CITYBRAIN_METRICS_HOST: 'Interface of `/metrics` and `/healthz` (`0.0.0.0` in containers).',
  CITYBRAIN_PROCESSOR_GROUP: 'Consumer group of the processor instances.',
  CITYBRAIN_PROCESSOR_METRICS_PORT: 'Port of the processor’s `/metrics` and `/healthz`.',
  CITYBRAIN_GRIDS_FILE: 'The grid registry (YAML).',
  CITYBRAIN_WINDOW_GRACE_MS: 'Grace after a window’s end before late events go to the late topic.',
  CITYBRAIN_MAX_OUT_OF_ORDERNESS_MS: 'Bounded out-of-orderness of each input partition.',
  CITYBRAIN_IDLE_TIMEOUT_MS: 'A partition silent this long stops holding the watermark back.',
  CITYBRAIN_TICK_INTERVAL_MS: 'How often processing time is fed to the windows.',
  CITYBRAIN_CONSUME_FROM_BEGINNING: 'Where a new consumer group starts reading.',
  CITYBRAIN_GRPC_HOST: 'Interface the gRPC server listens on.',
  CITYBRAIN_GRPC_PORT: 'Port of the gRPC server.',
  CITYBRAIN_GATEWAY_METRICS_PORT: 'Port of the gateway’s `/metrics` and `/healthz`.',
  CITYBRAIN_HEARTBEAT_INTERVAL_MS: 'Heartbeat on idle subscriber streams.',
  CITYBRAIN_GATEWAY_GROUP_PREFIX: 'Prefix of each gateway instance’s own consumer group on the alerts topic.',
  CITYBRAIN_GRPC_SHUTDOWN_GRACE_MS: 'How long SIGTERM lets open gRPC calls finish.',
  CITYBRAIN_GRPC_TLS_KEY: 'PEM private key of the gRPC server.',
};

/** Where schemas are looked for: the common schema and every service's `src/config.ts`. */
export function schemaSourceFiles(): string[] {
  const services = readdirSync(repoPath('services'))
    .filter((s) => existsSync(repoPath(`services/${s}/src/config.ts`)))
    .sort()
    .map((s) => `services/${s}/src/config.ts`);
  return ['packages/config/src/common.ts', ...services];
}

/**
 * Reads the environment schemas statically from their TypeScript source (the schemas are private to
 * each service; reading the source keeps the services free of documentation concerns): every
 * `const <x>EnvSchema = commonEnvSchema.extend({...})` or `z.object({...})`.
 *
 * @throws DeployAssetError when no schema at all is found.
 */
export function readConfigSchemas(): ConfigSchema[] {
  const out: ConfigSchema[] = [];
  for (const file of schemaSourceFiles()) {
    const source = ts.createSourceFile(
      file,
      readFileSync(repoPath(file), 'utf8'),
      ts.ScriptTarget.ES2022,
      true,
    );
    const consts = topLevelConsts(source);
    for (const [name, init] of consts) {
      if (!name.endsWith('EnvSchema') || !ts.isCallExpression(init)) continue;
      const callee = init.expression.getText(source);
      if (callee !== 'commonEnvSchema.extend' && callee !== 'z.object') continue;
      const shape = init.arguments[0];
      if (!shape || !ts.isObjectLiteralExpression(shape)) continue;
      const keys: ConfigKey[] = [];
      for (const prop of shape.properties) {
        if (!ts.isPropertyAssignment(prop)) continue;
        const key = prop.name.getText(source).replace(/^['"]|['"]$/g, '');
        const text = prop.initializer.getText(source);
        keys.push({
          name: key,
          type: describeType(text, consts, source),
          defaultValue: describeDefault(text, consts, source),
          description: jsDocOf(prop, source) ?? KNOWN_MEANINGS[key] ?? '',
        });
      }
      const service = file.startsWith('services/') ? (file.split('/')[1] ?? file) : 'common';
      out.push({ service, file, schemaName: name, extendsCommon: callee === 'commonEnvSchema.extend', keys });
    }
  }
  if (out.length === 0) throw new DeployAssetError('SCHEMA_NOT_FOUND', 'services', 'no *EnvSchema found');
  return out;
}

/** Every variable name any schema reads. */
export function allConfigKeys(): Set<string> {
  return new Set(readConfigSchemas().flatMap((s) => s.keys.map((k) => k.name)));
}

/** The variables one service reads: its own schema plus the common one when it extends it. */
export function configKeysOf(service: string): Map<string, ConfigKey> {
  const schemas = readConfigSchemas();
  const own = schemas.find((s) => s.service === service);
  if (!own) throw new DeployAssetError('SCHEMA_NOT_FOUND', `services/${service}`, 'no environment schema');
  const common = own.extendsCommon ? (schemas.find((s) => s.service === 'common')?.keys ?? []) : [];
  return new Map([...common, ...own.keys].map((k) => [k.name, k]));
}

/** Renders `docs/configuration.md`. Deterministic: same schemas, same bytes. */
export function renderConfigReference(schemas: readonly ConfigSchema[] = readConfigSchemas()): string {
  const lines = [
    '# Configuration reference',
    '',
    "<!-- GENERATED by `pnpm --filter @citybrain/deploy-assets generate:config-docs` from the services'",
    '     configuration schemas. Do not edit: a unit test fails when this file is stale. -->',
    '',
    'Every service reads environment variables, parsed once at start-up by a schema; a bad value stops the',
    'service with exit code 2 and a message naming every bad variable. Empty values count as unset.',
    'Durations are in milliseconds (the unit is in the name).',
    '',
  ];
  const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
  for (const schema of schemas) {
    const title = schema.service === 'common' ? 'Common to every service' : `\`${schema.service}\``;
    lines.push(`## ${title}`, '');
    lines.push(
      `Schema \`${schema.schemaName}\` in \`${schema.file}\`${schema.extendsCommon ? ', plus the common variables' : ''}.`,
      '',
    );
    lines.push('| variable | type | default | meaning |', '|---|---|---|---|');
    for (const k of schema.keys)
      lines.push(
        `| \`${k.name}\` | ${cell(k.type)} | ${k.defaultValue === undefined ? '(unset)' : k.defaultValue === '' ? '(empty)' : `\`${cell(k.defaultValue)}\``} | ${cell(k.description)} |`,
      );
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The generated file, repository-relative. */
export const CONFIG_REFERENCE = 'docs/configuration.md';

function topLevelConsts(source: ts.SourceFile): Map<string, ts.Expression> {
  const consts = new Map<string, ts.Expression>();
  for (const stmt of source.statements)
    if (ts.isVariableStatement(stmt))
      for (const d of stmt.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
  return consts;
}

function jsDocOf(node: ts.Node, source: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source.getFullText(), node.getFullStart()) ?? [];
  const docs = ranges
    .map((r) => source.getFullText().slice(r.pos, r.end))
    .filter((c) => c.startsWith('/**'))
    .map((c) =>
      c
        .replace(/^\/\*\*|\*\/$/g, '')
        .split('\n')
        .map((l) => l.replace(/^\s*\*\s?/, '').trim())
        .filter((l) => l.length > 0)
        .join(' '),
    );
  return docs.length > 0 ? docs.join(' ') : undefined;
}

const BASE_TYPES: Readonly<Record<string, string>> = {
  port: 'port (0–65535)',
  durationMs: 'milliseconds ≥ 0',
  positiveInt: 'integer ≥ 1',
  brokerList: '`host:port` list',
  logLevel: '`fatal` | `error` | `warn` | `info` | `debug` | `trace` | `silent`',
};

function describeType(text: string, consts: Map<string, ts.Expression>, source: ts.SourceFile): string {
  const root = /^[A-Za-z_$][\w$]*/.exec(text)?.[0] ?? '';
  if (root in BASE_TYPES) return BASE_TYPES[root]!;
  const local = consts.get(root);
  if (local && root !== 'z')
    return describeType(local.getText(source) + text.slice(root.length), consts, source);
  const enumValues = /^z\.enum\(\[([^\]]*)\]\)/.exec(text);
  if (enumValues?.[1])
    return enumValues[1]
      .split(',')
      .map((v) => `\`${v.trim().replace(/^['"]|['"]$/g, '')}\``)
      .join(' | ');
  if (text.startsWith('z.coerce.number')) return text.includes('.positive(') ? 'number > 0' : 'number';
  if (/^z\s*\.\s*string\(\)/.test(text))
    return /\.regex\(/.test(text) ? 'string (letters, digits, `._-`)' : 'string';
  return 'string';
}

function describeDefault(
  text: string,
  consts: Map<string, ts.Expression>,
  source: ts.SourceFile,
): string | undefined {
  const m = /\.default\(([\s\S]*)\)\s*$/.exec(text);
  if (!m?.[1]) {
    const root = /^[A-Za-z_$][\w$]*/.exec(text)?.[0] ?? '';
    const local = consts.get(root);
    return local && root !== 'z' ? describeDefault(local.getText(source), consts, source) : undefined;
  }
  return literalText(m[1].trim(), consts, source);
}

function literalText(expr: string, consts: Map<string, ts.Expression>, source: ts.SourceFile): string {
  const array = /^\[(.*)\]$/s.exec(expr);
  if (array?.[1] !== undefined) return literalText(array[1].trim(), consts, source);
  const str = /^(['"`])(.*)\1$/s.exec(expr);
  if (str) return str[2] ?? '';
  if (/^-?[\d_]+(\.\d+)?$/.test(expr)) return expr.replaceAll('_', '');
  if (expr === 'true' || expr === 'false') return expr;
  const local = consts.get(expr);
  if (local) {
    const path = /['"](?:\.\.\/)+([^'"]+)['"]/.exec(local.getText(source));
    if (path?.[1]) return path[1];
    return literalText(local.getText(source), consts, source);
  }
  const imported = KNOWN_CONSTANTS[expr];
  return imported ?? expr;
}

/** Constants imported by the schemas from `@citybrain/config` (resolved here, checked by a test). */
export const KNOWN_CONSTANTS: Readonly<Record<string, string>> = {
  DEFAULT_KAFKA_BROKERS: '127.0.0.1:19092',
};
