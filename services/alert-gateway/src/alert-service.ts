import { randomUUID } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { Metadata } from '@grpc/grpc-js';
import {
  InvalidAlertingInputError,
  formatMatcher,
  silenceState,
  validateSilence,
  type LabelMatcher,
  type MatchOp,
  type Silence,
} from '@citybrain/alerting';
import { alertToWire } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import type { OutgoingRecord } from '@citybrain/kafka';
import type {
  AlertServiceHandlers,
  WireAlertStateInput,
  WireMatcher,
  WireSilenceInput,
  WireTimestamp,
} from '@citybrain/proto';
import type { AckRecord, AckStore } from './ack-store';
import { matches, parseFilter, type AlertFilter, type KnownIds, type WireFilter } from './alert-filter';
import { compareAlerts, type AlertStore } from './alert-store';
import { inScope, scopeFilter, scopeText, type Principal } from './auth';
import { checkNewSilence, mayExpire, silenceVisibleTo, type SilencePolicy } from './silence-policy';
import type { AuditLog } from './audit';
import { peerOf, type CallRunner } from './call-runner';
import { GatewayError, toServiceError } from './errors';
import type { MuteEvaluator } from './mute';
import { decodePageToken, pageSizeOf, pageTokenAfter } from './paging';
import { assertDecoded } from './request-decoding';
import { silenceToRecord, type SilenceStore } from './silence-store';
import { decodeCursor } from './stream-cursor';
import type { SubscriberHub } from './subscriber-hub';
import { ackToWire, alertStateToWire, streamItemToWire, timestampOf } from './wire';

/** What the AlertService handlers work on. */
export interface AlertServiceDeps {
  readonly registry: GridRegistry;
  readonly store: AlertStore;
  readonly acks: AckStore;
  readonly silences: SilenceStore;
  readonly mute: MuteEvaluator;
  readonly hub: SubscriberHub;
  readonly runner: CallRunner;
  readonly authenticate: (metadata: grpc.Metadata) => Principal;
  /** Writes records durably (acks=-1). */
  readonly send: (records: OutgoingRecord[]) => Promise<void>;
  readonly topics: { readonly acks: string; readonly silences: string };
  readonly now: () => number;
  /** Stream bookkeeping: open/close counts, drops. */
  readonly streams: {
    opened(call: grpc.ServerWritableStream<unknown, unknown>): void;
    closed(call: grpc.ServerWritableStream<unknown, unknown>, code: string): void;
    dropped(): void;
  };
  readonly counters: { acknowledged(): void; silence(action: 'create' | 'expire'): void };
  /** Who may silence what, for how long. */
  readonly silencePolicy: SilencePolicy;
  /** Records silences, expiries and acknowledgements (refusals are recorded by the call runner). */
  readonly audit?: AuditLog;
}

const OPS: Readonly<Record<string, MatchOp>> = {
  OP_EQUAL: '=',
  OP_NOT_EQUAL: '!=',
  OP_REGEX: '=~',
  OP_NOT_REGEX: '!~',
};
const OP_WIRE: Readonly<Record<MatchOp, string>> = {
  '=': 'OP_EQUAL',
  '!=': 'OP_NOT_EQUAL',
  '=~': 'OP_REGEX',
  '!~': 'OP_NOT_REGEX',
};

function msOf(ts: WireTimestamp | null, field: string): number | undefined {
  if (!ts) return undefined;
  const ms = Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6);
  if (!Number.isFinite(ms)) throw new GatewayError('invalid-argument', 'not a time', field);
  return ms;
}

/** Converts an alerting validation error to INVALID_ARGUMENT naming the same field. */
function invalid(err: unknown): unknown {
  return err instanceof InvalidAlertingInputError
    ? new GatewayError('invalid-argument', err.reason, err.field, { cause: err })
    : err;
}

function requireId(value: string, field: string): string {
  if (value.trim() === '') throw new GatewayError('invalid-argument', 'required', field);
  return value;
}

/** A silence to its wire message, with its state now. */
export function silenceToWire(s: Silence, nowMs: number): WireSilenceInput {
  return {
    silenceId: s.id,
    matchers: s.matchers.map((m) => ({
      name: m.name,
      op: OP_WIRE[m.op] as WireMatcher['op'],
      value: m.value,
    })),
    startsAt: timestampOf(s.startsAtMs),
    endsAt: timestampOf(s.endsAtMs),
    createdBy: s.createdBy,
    comment: s.comment,
    state: silenceState(s, nowMs),
  };
}

/** The AlertService handlers: streams with resume cursors, listings, acknowledgements, silences. */
export function createAlertService(deps: AlertServiceDeps): AlertServiceHandlers {
  const { registry, store, acks, silences, mute, hub, runner } = deps;
  const known: KnownIds = {
    hasArea: (id) => registry.area(id) !== undefined,
    hasGrid: (id) => registry.grid(id) !== undefined,
  };

  const filterFor = (wire: WireFilter, p: Principal): AlertFilter => {
    const f = parseFilter(wire, known);
    return { ...f, ...scopeFilter(p, f.areaIds, f.gridIds, registry) };
  };

  const audit = (
    decision: 'acknowledged' | 'silence-created' | 'silence-expired',
    method: string,
    principal: Principal,
    call: { getPeer(): string },
    about: { alertId?: string; silenceId?: string; matchers?: string },
  ) => {
    const peer = peerOf(call);
    deps.audit?.({ decision, method, principal, ...(peer === undefined ? {} : { peer }), ...about });
  };
  const stateOf = (alert: Alert): WireAlertStateInput => alertStateToWire(alert, mute, acks);
  /** Whether an alert is silenced or inhibited now (no side effect on the stream's bookkeeping). */
  const isMutedNow = (alert: Alert): boolean => {
    const m = mute.stateOf(alert);
    return m.silencedBy.length > 0 || m.inhibitedBy.length > 0;
  };

  const visibleAlert = (alertId: string, field: string, p: Principal): Alert => {
    const alert = store.get(requireId(alertId, field));
    if (!alert) throw new GatewayError('not-found', `no alert ${JSON.stringify(alertId)}`, field);
    if (!inScope(p, alert.areaId, alert.gridId))
      throw new GatewayError(
        'permission-denied',
        `alert ${alertId} is outside your scope (${scopeText(p)})`,
        field,
      );
    return alert;
  };

  const ownSilence = (id: string, p: Principal): Silence => {
    const s = silences.get(requireId(id, 'silence_id'));
    if (!s) throw new GatewayError('not-found', `no silence ${JSON.stringify(id)}`, 'silence_id');
    if (!silenceVisibleTo(p, s, registry))
      throw new GatewayError(
        'permission-denied',
        `silence ${id} is outside your scope (${scopeText(p)})`,
        'silence_id',
      );
    if (!mayExpire(p, s))
      throw new GatewayError(
        'permission-denied',
        `silence ${id} was created by ${s.createdBy}: only its creator or the committee may expire it`,
        'silence_id',
      );
    return s;
  };

  const writeSilence = async (s: Silence): Promise<void> => {
    await deps.send([{ topic: deps.topics.silences, key: s.id, value: silenceToRecord(s) }]);
    silences.apply(s); // read-your-writes; the consumer applies the same record again
  };

  return {
    Subscribe: (call) => {
      const method = 'Subscribe';
      let unsubscribe: () => void;
      let principal: Principal | undefined;
      const peer = peerOf(call);
      try {
        principal = deps.authenticate(call.metadata);
        const request = assertDecoded(call.request);
        const filter = filterFor(request, principal);
        const from = request.resumeFrom === '' ? undefined : decodeCursor(request.resumeFrom);
        // The committee sees every alert, muted ones flagged: nobody's silence hides an alert from it.
        const includeMuted = principal.role === 'committee';
        const snapshotSilenced = new Set<string>();
        const snapshot = request.includeActive
          ? store.list((a) => {
              if (a.status !== 'firing' || !matches(filter, a)) return false;
              if (!isMutedNow(a)) return true;
              snapshotSilenced.add(a.alertId);
              return includeMuted;
            })
          : undefined;
        // Response headers now, before the first alert or heartbeat: a client (the web board too)
        // knows its subscription was accepted even when nothing is flowing yet.
        call.sendMetadata(new Metadata());
        unsubscribe = hub.subscribe(
          filter,
          {
            write: (item) => call.write(streamItemToWire(item)),
            onDrain: (listener) => call.on('drain', listener),
            overflow: (message) => {
              deps.streams.dropped();
              call.emit('error', toServiceError(new GatewayError('resource-exhausted', message)));
            },
          },
          { ...(from ? { from } : {}), ...(snapshot ? { snapshot, snapshotSilenced } : {}), includeMuted },
        );
      } catch (err: unknown) {
        call.emit(
          'error',
          runner.fail(method, err, {
            ...(principal ? { principal } : {}),
            ...(peer === undefined ? {} : { peer }),
          }),
        );
        return;
      }
      deps.streams.opened(call);
      let closed = false;
      const close = (code: string) => {
        if (closed) return;
        closed = true;
        unsubscribe();
        deps.streams.closed(call, code);
      };
      call.on('cancelled', () => close('CANCELLED'));
      call.on('error', () => close('ERROR'));
      call.on('close', () => close('OK'));
    },

    ListActiveAlerts: runner.unary('ListActiveAlerts', (req, p) => {
      const filter = filterFor(req, p);
      const silencedIds: string[] = [];
      const alerts = store.list((a) => {
        if (a.status !== 'firing' || !matches(filter, a)) return false;
        if (!isMutedNow(a)) return true;
        silencedIds.push(a.alertId);
        return p.role === 'committee';
      });
      return {
        alerts: alerts.map(alertToWire),
        silencedAlertIds: p.role === 'committee' ? silencedIds : [],
      };
    }),

    ListAlerts: runner.unary('ListAlerts', (req, p) => {
      const filter = filterFor(req, p);
      const size = pageSizeOf(req.pageSize);
      const after = req.pageToken === '' ? undefined : decodePageToken(req.pageToken);
      const all = store.list((a) => matches(filter, a));
      const start = after
        ? all.findIndex(
            (a) => compareAlerts(a, { ...a, startsAtMs: after.startsAtMs, alertId: after.alertId }) > 0,
          )
        : 0;
      const page = start < 0 ? [] : all.slice(start, start + size);
      const more = start >= 0 && start + size < all.length;
      return { alerts: page.map(stateOf), nextPageToken: more ? pageTokenAfter(page[page.length - 1]!) : '' };
    }),

    GetAlert: runner.unary('GetAlert', (req, p) => ({
      alert: stateOf(visibleAlert(req.alertId, 'alert_id', p)),
    })),

    AcknowledgeAlert: runner.unary('AcknowledgeAlert', async (req, p, call) => {
      const alert = visibleAlert(req.alertId, 'alert_id', p);
      if (req.note.length > 1000)
        throw new GatewayError('invalid-argument', 'at most 1000 characters', 'note');
      const ack: AckRecord = {
        alertId: alert.alertId,
        acknowledgedBy: p.subject,
        note: req.note,
        acknowledgedAtMs: deps.now(),
        gridId: alert.gridId,
        areaId: alert.areaId,
      };
      await deps.send([
        { topic: deps.topics.acks, key: ack.alertId, value: Buffer.from(JSON.stringify(ack), 'utf8') },
      ]);
      acks.apply(ack);
      deps.counters.acknowledged();
      audit('acknowledged', 'AcknowledgeAlert', p, call, { alertId: ack.alertId });
      return { acknowledgement: ackToWire(ack) };
    }),

    CreateSilence: runner.unary('CreateSilence', async (req, p, call) => {
      const now = deps.now();
      let silence: Silence;
      try {
        const matchers = req.matchers.map((m, i): LabelMatcher => {
          const op = OPS[m.op];
          if (!op)
            throw new GatewayError(
              'invalid-argument',
              'unspecified or unknown operator',
              `matchers[${i}].op`,
            );
          return { name: m.name, op, value: m.value };
        });
        const endsAtMs = msOf(req.endsAt, 'ends_at');
        if (endsAtMs === undefined) throw new GatewayError('invalid-argument', 'required', 'ends_at');
        silence = validateSilence({
          id: randomUUID(),
          matchers,
          startsAtMs: msOf(req.startsAt, 'starts_at') ?? now,
          endsAtMs,
          createdBy: p.subject,
          comment: req.comment,
        });
      } catch (err: unknown) {
        throw invalid(err);
      }
      if (silence.endsAtMs <= now)
        throw new GatewayError('invalid-argument', 'must be in the future', 'ends_at');
      checkNewSilence(p, silence, { force: req.force, nowMs: now }, deps.silencePolicy, registry);
      await writeSilence(silence);
      deps.counters.silence('create');
      audit('silence-created', 'CreateSilence', p, call, {
        silenceId: silence.id,
        matchers: silence.matchers.map(formatMatcher).join(','),
      });
      return { silence: silenceToWire(silence, now) };
    }),

    ListSilences: runner.unary('ListSilences', (req, p) => {
      const now = deps.now();
      return {
        silences: silences
          .list()
          .filter((s) => silenceVisibleTo(p, s, registry))
          .filter((s) => req.includeExpired || silenceState(s, now) !== 'expired')
          .map((s) => silenceToWire(s, now)),
      };
    }),

    ExpireSilence: runner.unary('ExpireSilence', async (req, p, call) => {
      const now = deps.now();
      const s = ownSilence(req.silenceId, p);
      if (silenceState(s, now) === 'expired')
        throw new GatewayError('failed-precondition', `silence ${s.id} has already expired`, 'silence_id');
      const expired: Silence = { ...s, startsAtMs: Math.min(s.startsAtMs, now), endsAtMs: now };
      await writeSilence(expired);
      deps.counters.silence('expire');
      audit('silence-expired', 'ExpireSilence', p, call, { silenceId: expired.id });
      return { silence: silenceToWire(expired, now) };
    }),
  };
}
