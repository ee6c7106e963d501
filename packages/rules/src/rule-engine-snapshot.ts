import type { Alert } from '@citybrain/domain';
import { ALERT_KINDS, SEVERITIES } from '@citybrain/domain';
import { z } from 'zod';
import { RuleEngineSnapshotError } from './errors';
import type { PermitOverdueState } from './permit-overdue-rule';
import type { SeriousAccidentState } from './serious-accident-rule';
import type { WindowedAlertEntry } from './windowed-alerts';

/** The snapshot format version this package writes and reads. */
export const RULE_ENGINE_SNAPSHOT_VERSION = 1;

/**
 * The whole state of a {@link RuleEngine}: plain JSON (no Maps, no undefined), with entries in a
 * deterministic order, so that `JSON.stringify` of two equal states gives the same text.
 */
export interface RuleEngineSnapshot {
  readonly version: typeof RULE_ENGINE_SNAPSHOT_VERSION;
  /** Highest watermark seen, epoch ms; null before the first. */
  readonly watermarkMs: number | null;
  readonly trafficCongestion: readonly WindowedAlertEntry[];
  readonly caseBacklogSpike: readonly WindowedAlertEntry[];
  readonly seriousAccident: SeriousAccidentState;
  readonly permitOverdue: PermitOverdueState;
}

const epochMs = z.number().finite();
const windowSchema = z.object({ startMs: epochMs, endMs: epochMs });
const alertSchema = z.object({
  alertId: z.string(),
  fingerprint: z.string(),
  rule: z.string(),
  kind: z.enum(ALERT_KINDS as [Alert['kind'], ...Alert['kind'][]]),
  subCategory: z.string(),
  gridId: z.string(),
  areaId: z.string(),
  severity: z.enum(SEVERITIES as [Alert['severity'], ...Alert['severity'][]]),
  status: z.literal('firing'),
  startsAtMs: epochMs,
  value: z.number(),
  threshold: z.number(),
  window: windowSchema,
  summary: z.string(),
  labels: z.record(z.string(), z.string()),
});
const windowedEntry = z.object({ alert: alertSchema, lastFiringWindowEndMs: epochMs });
const closedId = z.object({ id: z.string(), closedAtMs: epochMs });

const snapshotSchema = z.object({
  version: z.literal(RULE_ENGINE_SNAPSHOT_VERSION),
  watermarkMs: epochMs.nullable(),
  trafficCongestion: z.array(windowedEntry),
  caseBacklogSpike: z.array(windowedEntry),
  seriousAccident: z.object({
    firing: z.array(z.object({ incidentId: z.string(), alert: alertSchema })),
    closed: z.array(closedId),
  }),
  permitOverdue: z.object({
    permits: z.array(
      z.object({
        permitId: z.string(),
        projectName: z.string(),
        gridId: z.string(),
        areaId: z.string(),
        stage: z.enum(['filed', 'review']),
        stageEnteredAtMs: epochMs,
        filedAtMs: epochMs.nullable(),
        stageAlert: alertSchema.nullable(),
        overallAlert: alertSchema.nullable(),
      }),
    ),
    closed: z.array(closedId),
  }),
});

// Compile-time guard: what the schema accepts is a RuleEngineSnapshot.
const _schemaMatchesSnapshot: (s: z.output<typeof snapshotSchema>) => RuleEngineSnapshot = (s) => s;

/**
 * Checks that `value` is a snapshot this version can restore (e.g. one read back from storage).
 *
 * @throws RuleEngineSnapshotError on an unknown version or a malformed snapshot
 */
export function parseRuleEngineSnapshot(value: unknown): RuleEngineSnapshot {
  const version =
    typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  if (version !== RULE_ENGINE_SNAPSHOT_VERSION) {
    throw new RuleEngineSnapshotError(
      `unsupported rule-engine snapshot version ${String(version)}, expected ${RULE_ENGINE_SNAPSHOT_VERSION}`,
      version,
    );
  }
  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success) {
    throw new RuleEngineSnapshotError(
      `malformed rule-engine snapshot: ${z.prettifyError(parsed.error)}`,
      version,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}
