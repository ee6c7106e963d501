import { createHash } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { GridRegistry } from '@citybrain/grid';
import { GatewayError } from './errors';

/** The roles of the governance committee's API. */
export type Role = 'committee' | 'area-officer' | 'grid-worker';

/**
 * Who is calling: the committee sees everything; an area officer sees one area (片区); a grid
 * worker sees one grid (全科网格).
 */
export type Principal =
  | { readonly subject: string; readonly role: 'committee' }
  | { readonly subject: string; readonly role: 'area-officer'; readonly areaId: string }
  | {
      readonly subject: string;
      readonly role: 'grid-worker';
      readonly gridId: string;
      readonly areaId: string;
    };

/** The principal used when authentication is off (insecure development mode only). */
export const OPEN_ACCESS: Principal = Object.freeze({ subject: 'anonymous', role: 'committee' });

const entrySchema = z.discriminatedUnion('role', [
  z.strictObject({ token: z.string().min(16), subject: z.string().min(1), role: z.literal('committee') }),
  z.strictObject({
    token: z.string().min(16),
    subject: z.string().min(1),
    role: z.literal('area-officer'),
    areaId: z.string().min(1),
  }),
  z.strictObject({
    token: z.string().min(16),
    subject: z.string().min(1),
    role: z.literal('grid-worker'),
    gridId: z.string().min(1),
  }),
]);
const fileSchema = z.strictObject({ tokens: z.array(entrySchema).min(1) });

/** Words that mark a token as a placeholder copied from an example, not a secret. */
const PLACEHOLDER_WORDS = [
  'replace',
  'changeme',
  'change-me',
  'change_me',
  'placeholder',
  'example',
  'your-token',
  'xxxx',
  'todo',
  '<',
  '>',
];
/** Fewest distinct characters a real token has (a 16-character random token has about 14). */
const MIN_DISTINCT_CHARS = 8;

/** Why a token is obviously not a secret (a placeholder, a repeated character), or undefined. */
export function placeholderReason(token: string): string | undefined {
  const lower = token.toLowerCase();
  const word = PLACEHOLDER_WORDS.find((w) => lower.includes(w));
  if (word !== undefined)
    return `looks like a placeholder (contains "${word}"); generate a long random token`;
  if (new Set(token).size < MIN_DISTINCT_CHARS)
    return `fewer than ${MIN_DISTINCT_CHARS} distinct characters; generate a long random token`;
  return undefined;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64');

/**
 * The bearer tokens the gateway accepts, from a YAML file:
 *
 * ```yaml
 * tokens:
 *   - { token: "<at least 16 chars>", subject: chair, role: committee }
 *   - { token: "...", subject: officer-a01, role: area-officer, areaId: A01 }
 *   - { token: "...", subject: worker-g001, role: grid-worker, gridId: G001 }
 * ```
 *
 * Tokens are kept only as SHA-256 digests.
 */
export class TokenTable {
  private constructor(private readonly byDigest: ReadonlyMap<string, Principal>) {}

  /** Number of tokens. */
  get size(): number {
    return this.byDigest.size;
  }

  /**
   * Parses a tokens file, checking every area and grid against the registry.
   * @throws Error naming every bad entry (the config layer wraps it with the variable's name).
   */
  static parse(text: string, registry: GridRegistry): TokenTable {
    const parsed = fileSchema.safeParse(parseYaml(text));
    if (!parsed.success)
      throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const map = new Map<string, Principal>();
    const problems: string[] = [];
    parsed.data.tokens.forEach((t, i) => {
      let p: Principal;
      if (t.role === 'committee') p = { subject: t.subject, role: 'committee' };
      else if (t.role === 'area-officer') {
        if (!registry.area(t.areaId)) problems.push(`tokens.${i}.areaId: unknown area ${t.areaId}`);
        p = { subject: t.subject, role: 'area-officer', areaId: t.areaId };
      } else {
        const grid = registry.grid(t.gridId);
        if (!grid) problems.push(`tokens.${i}.gridId: unknown grid ${t.gridId}`);
        p = { subject: t.subject, role: 'grid-worker', gridId: t.gridId, areaId: grid?.areaId ?? '' };
      }
      const weak = placeholderReason(t.token);
      if (weak !== undefined) problems.push(`tokens.${i}.token (${t.subject}): ${weak}`);
      const d = digest(t.token);
      if (map.has(d)) problems.push(`tokens.${i}.token: duplicate`);
      map.set(d, Object.freeze(p));
    });
    if (problems.length > 0) throw new Error(problems.join('; '));
    return new TokenTable(map);
  }

  /**
   * The principal of a call from its `authorization: Bearer <token>` metadata.
   * @throws GatewayError `unauthenticated` when the header is missing, malformed or the token unknown.
   */
  authenticate(metadata: Metadata): Principal {
    const header = metadata.get('authorization')[0];
    if (typeof header !== 'string' || header === '')
      throw new GatewayError('unauthenticated', 'missing "authorization: Bearer <token>" metadata');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new GatewayError('unauthenticated', 'authorization metadata must be "Bearer <token>"');
    const p = this.byDigest.get(digest(m[1]!));
    if (!p) throw new GatewayError('unauthenticated', 'token refused');
    return p;
  }
}

/** Authenticates calls: with a token table, or, without one, lets everyone in as the committee. */
export type Authenticator = (metadata: Metadata) => Principal;

/**
 * Builds the authenticator of a gateway: `tokens` gives the table in force at each call (so a
 * reloaded tokens file applies to the next call), or is undefined for authentication off.
 */
export function authenticator(tokens: (() => TokenTable) | undefined): Authenticator {
  return tokens ? (m) => tokens().authenticate(m) : () => OPEN_ACCESS;
}

/** Whether a principal may see things of this area and grid. */
export function inScope(p: Principal, areaId: string, gridId: string): boolean {
  switch (p.role) {
    case 'committee':
      return true;
    case 'area-officer':
      return p.areaId === areaId;
    case 'grid-worker':
      return p.gridId === gridId;
  }
}

/** Describes a principal's scope for error messages, e.g. `area A01`. */
export function scopeText(p: Principal): string {
  return p.role === 'committee'
    ? 'everything'
    : p.role === 'area-officer'
      ? `area ${p.areaId}`
      : `grid ${p.gridId}`;
}

/**
 * Narrows a request's area and grid filter to the principal's scope: an empty filter becomes the
 * scope; an explicit area or grid outside it is PERMISSION_DENIED naming the field.
 */
export function scopeFilter(
  p: Principal,
  areaIds: ReadonlySet<string>,
  gridIds: ReadonlySet<string>,
  registry: GridRegistry,
): { areaIds: ReadonlySet<string>; gridIds: ReadonlySet<string> } {
  if (p.role === 'committee') return { areaIds, gridIds };
  const deny = (field: string, what: string) =>
    new GatewayError('permission-denied', `${what} is outside your scope (${scopeText(p)})`, field);
  [...areaIds].forEach((a, i) => {
    if (p.role === 'grid-worker' || a !== p.areaId) throw deny(`area_ids[${i}]`, `area ${a}`);
  });
  [...gridIds].forEach((g, i) => {
    const area = registry.grid(g)?.areaId ?? '';
    if (!inScope(p, area, g)) throw deny(`grid_ids[${i}]`, `grid ${g}`);
  });
  if (p.role === 'area-officer') return { areaIds: new Set([p.areaId]), gridIds };
  return { areaIds, gridIds: gridIds.size > 0 ? gridIds : new Set([p.gridId]) };
}
