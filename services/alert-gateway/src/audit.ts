import type { Logger } from '@citybrain/observability';
import type { Principal } from './auth';

/** What an audit line records: a decision of the gateway about a caller's request. */
export type AuditDecision = 'refused' | 'silence-created' | 'silence-expired' | 'acknowledged';

/** One audit line: who (never their token), from where, what, and the outcome. */
export interface AuditEntry {
  readonly decision: AuditDecision;
  /** The gRPC method, e.g. `CreateSilence`. */
  readonly method: string;
  /** The caller, when authenticated. */
  readonly principal?: Principal;
  /** The peer address as gRPC reports it, e.g. `ipv4:127.0.0.1:53122`. */
  readonly peer?: string;
  /** For a refusal: the status code name and the reason given to the caller. */
  readonly code?: string;
  readonly reason?: string;
  /** What the decision was about. */
  readonly silenceId?: string;
  readonly alertId?: string;
  readonly matchers?: string;
}

/** Writes audit entries. */
export type AuditLog = (entry: AuditEntry) => void;

/**
 * An audit log on the service's structured log: one JSON line per decision, marked `audit: true`,
 * with `subject`, `role` and scope of the caller and the `peer` address. Tokens are never logged.
 */
export function createAuditLog(logger: Logger): AuditLog {
  const log = logger.child({ audit: true });
  return ({ principal, ...entry }) => {
    const who = principal
      ? {
          subject: principal.subject,
          role: principal.role,
          ...(principal.role === 'area-officer' ? { areaId: principal.areaId } : {}),
          ...(principal.role === 'grid-worker' ? { gridId: principal.gridId } : {}),
        }
      : { subject: '(unauthenticated)' };
    const line = { ...who, ...entry };
    if (entry.decision === 'refused') log.warn(line, `audit: ${entry.method} refused (${entry.code ?? '?'})`);
    else log.info(line, `audit: ${entry.decision}`);
  };
}
