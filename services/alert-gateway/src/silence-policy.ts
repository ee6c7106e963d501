import { isNarrowingMatcher, matchesAll, type LabelMatcher, type Silence } from '@citybrain/alerting';
import type { GridRegistry } from '@citybrain/grid';
import { scopeText, type Principal } from './auth';
import { GatewayError } from './errors';

/** Who may silence what, and for how long (from the gateway's configuration). */
export interface SilencePolicy {
  /** Longest silence an area officer or grid worker may create, ms (the committee has no bound). */
  readonly maxDurationMs: number;
  /** Whether grid workers may create silences at all (on their own grid only). */
  readonly gridWorkersMaySilence: boolean;
}

const LOCATION_LABELS = new Set(['areaId', 'gridId']);

/** Where a silence can apply: the grids its location matchers admit, and whether it narrows otherwise. */
export interface SilenceCoverage {
  /** Ids of the registry's grids whose alerts the silence's `areaId`/`gridId` matchers admit. */
  readonly grids: ReadonlySet<string>;
  /** Whether some other matcher restricts which alerts of those grids it mutes. */
  readonly narrowed: boolean;
}

/**
 * The grids a silence can reach, decided against the registry (so `gridId=~"G.*"` is known to
 * cover the city), and whether its other matchers narrow it ({@link isNarrowingMatcher}).
 */
export function silenceCoverage(matchers: readonly LabelMatcher[], registry: GridRegistry): SilenceCoverage {
  const location = matchers.filter((m) => LOCATION_LABELS.has(m.name));
  const grids = new Set<string>();
  for (const g of registry.grids)
    if (matchesAll(location, { gridId: g.id, areaId: g.areaId })) grids.add(g.id);
  return {
    grids,
    narrowed: matchers.some((m) => !LOCATION_LABELS.has(m.name) && isNarrowingMatcher(m)),
  };
}

/** Whether every grid a silence can reach is within the principal's scope. */
function coverageInScope(p: Principal, coverage: SilenceCoverage, registry: GridRegistry): boolean {
  if (p.role === 'committee') return true;
  for (const id of coverage.grids) {
    if (p.role === 'grid-worker' && id !== p.gridId) return false;
    if (p.role === 'area-officer' && registry.grid(id)?.areaId !== p.areaId) return false;
  }
  return true;
}

/** The first area all of whose grids a coverage reaches, if any. */
function wholeArea(coverage: SilenceCoverage, registry: GridRegistry): string | undefined {
  for (const area of registry.areas) {
    const grids = registry.grids.filter((g) => g.areaId === area.id);
    if (grids.length > 0 && grids.every((g) => coverage.grids.has(g.id))) return area.id;
  }
  return undefined;
}

/**
 * Checks that `p` may create `silence` (already validated for shape) now:
 * - grid workers only when the configuration allows it, on their own grid;
 * - area officers and grid workers only within their scope and for at most `maxDurationMs`;
 * - nobody mutes every alert of the city or of a whole area unless the committee forces it.
 *
 * @throws GatewayError `permission-denied` or `invalid-argument` naming the field.
 */
export function checkNewSilence(
  p: Principal,
  silence: Silence,
  options: { readonly force: boolean; readonly nowMs: number },
  policy: SilencePolicy,
  registry: GridRegistry,
): void {
  if (p.role === 'grid-worker' && !policy.gridWorkersMaySilence)
    throw new GatewayError('permission-denied', 'grid workers may not create silences here');
  if (options.force && p.role !== 'committee')
    throw new GatewayError('permission-denied', 'only the committee may force a silence', 'force');
  const coverage = silenceCoverage(silence.matchers, registry);
  if (coverage.grids.size === 0)
    throw new GatewayError(
      'invalid-argument',
      'the areaId/gridId matchers match no grid of the city',
      'matchers',
    );
  if (!coverageInScope(p, coverage, registry))
    throw new GatewayError(
      'permission-denied',
      `a silence must only reach alerts within your scope (${scopeText(p)}): pin it with areaId="…" or gridId="…"`,
      'matchers',
    );
  if (!coverage.narrowed && !options.force) {
    if (coverage.grids.size === registry.grids.length)
      throw new GatewayError(
        'invalid-argument',
        'the matchers would silence every alert of the city; narrow them (or, as the committee, force)',
        'matchers',
      );
    const area = wholeArea(coverage, registry);
    if (area !== undefined)
      throw new GatewayError(
        'invalid-argument',
        `the matchers would silence every alert of area ${area}; narrow them (by rule, kind or grid; or, as the committee, force)`,
        'matchers',
      );
  }
  if (p.role !== 'committee') {
    const from = Math.max(silence.startsAtMs, options.nowMs);
    if (silence.endsAtMs - from > policy.maxDurationMs)
      throw new GatewayError(
        'invalid-argument',
        `a silence may last at most ${policy.maxDurationMs} ms (CITYBRAIN_SILENCE_MAX_DURATION)`,
        'ends_at',
      );
    if (silence.startsAtMs - options.nowMs > policy.maxDurationMs)
      throw new GatewayError('invalid-argument', 'starts too far in the future', 'starts_at');
  }
}

/** Whether `p` may see a silence: the committee all; others those they created or that stay in their scope. */
export function silenceVisibleTo(p: Principal, silence: Silence, registry: GridRegistry): boolean {
  if (p.role === 'committee' || silence.createdBy === p.subject) return true;
  const coverage = silenceCoverage(silence.matchers, registry);
  return coverage.grids.size > 0 && coverageInScope(p, coverage, registry);
}

/** Whether `p` may expire a silence: only its owner or the committee. */
export function mayExpire(p: Principal, silence: Silence): boolean {
  return p.role === 'committee' || silence.createdBy === p.subject;
}
