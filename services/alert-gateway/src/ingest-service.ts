import type * as grpc from '@grpc/grpc-js';
import { decodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { EventFamily } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import type { OutgoingRecord } from '@citybrain/kafka';
import {
  protobufRoot,
  TYPE_NAMES,
  type IngestServiceHandlers,
  type WirePublishEventsRequest,
  type WirePublishResultInput,
} from '@citybrain/proto';
import { inScope, scopeText, type Principal } from './auth';
import { peerOf, withinDeadline, type CallRunner } from './call-runner';
import type { IngestLimits } from './config';
import { GatewayError } from './errors';
import { chunkRecords, type IngestBudget } from './ingest-limits';
import { UndecodableRequest } from './request-decoding';

/** Events one PublishEvents call may carry; more is RESOURCE_EXHAUSTED (split the upload). */
export const MAX_EVENTS_PER_CALL = 10_000;

/** What the IngestService handler works on. */
export interface IngestServiceDeps {
  readonly registry: GridRegistry;
  readonly runner: CallRunner;
  readonly authenticate: (metadata: grpc.Metadata) => Principal;
  /** The input topic of each family (with the deployment's suffix). */
  readonly topics: Readonly<Record<EventFamily, string>>;
  /** Writes records durably; called with chunks of at most `limits.maxBatchBytes`. */
  readonly send: (records: OutgoingRecord[]) => Promise<void>;
  /** Counts an outcome: `accepted` or a rejection reason. */
  readonly count: (outcome: string) => void;
  readonly limits: IngestLimits;
  /** The uploads' shared memory budget ({@link IngestLimits.maxInflightBytes}). */
  readonly budget: IngestBudget;
  /** The gateway's clock, epoch ms: events further ahead than `limits.maxFutureSkewMs` are refused. */
  readonly now: () => number;
  /** Records a refused call in the audit log. */
  readonly audit?: (
    principal: Principal,
    call: grpc.ServerReadableStream<unknown, unknown>,
    err: GatewayError,
  ) => void;
}

const TYPE_BY_FAMILY: Readonly<Record<EventFamily, string>> = {
  traffic: TYPE_NAMES.trafficEvent,
  permit: TYPE_NAMES.permitEvent,
  case: TYPE_NAMES.caseEvent,
};
const CONTENT_TYPE = { 'content-type': 'application/x-protobuf' };

type Checked =
  | { ok: true; family: EventFamily; value: Uint8Array; key: string; eventId: string }
  | { ok: false; eventId: string; rejection: string }
  | { ok: 'too-large'; bytes: number };

/**
 * Validates one request message exactly as the processor will (the codec's `decodeEvent` on its
 * protobuf encoding), checks its size, that it is not dated in the future beyond the allowed skew,
 * and that the event's grid is within the caller's scope.
 */
function check(msg: WirePublishEventsRequest, p: Principal, deps: IngestServiceDeps, nowMs: number): Checked {
  const family = msg.event;
  const wire = family ? msg[family] : undefined;
  if (!family || !wire)
    return {
      ok: false,
      eventId: '',
      rejection: 'missing-field: event: exactly one of traffic, permit, case must be set',
    };
  const type = protobufRoot().lookupType(TYPE_BY_FAMILY[family]);
  const value = type.encode(type.fromObject(wire)).finish();
  if (value.length > deps.limits.maxEventBytes) return { ok: 'too-large', bytes: value.length };
  const decoded = decodeEvent({ topic: TOPIC_BY_FAMILY[family], value, headers: CONTENT_TYPE });
  if (!decoded.ok)
    return {
      ok: false,
      eventId: wire.eventId,
      rejection: `${decoded.error.reason}: ${decoded.error.message}`,
    };
  const event = decoded.event;
  if (event.eventTimeMs - nowMs > deps.limits.maxFutureSkewMs)
    return {
      ok: false,
      eventId: event.eventId,
      rejection:
        `future-event-time: event_time ${new Date(event.eventTimeMs).toISOString()} is more than ` +
        `${deps.limits.maxFutureSkewMs} ms ahead of the gateway's clock`,
    };
  const where = deps.registry.resolve(event.location);
  if (!where.ok) return { ok: false, eventId: event.eventId, rejection: `${where.reason}: location` };
  if (!inScope(p, where.areaId, where.gridId))
    return {
      ok: false,
      eventId: event.eventId,
      rejection: `permission-denied: grid ${where.gridId} is outside your scope (${scopeText(p)})`,
    };
  return { ok: true, family, value, key: where.gridId, eventId: event.eventId };
}

/**
 * The IngestService handler: per-event validation as the events stream in, then durable writes of
 * the accepted events in chunks under the broker's request limit.
 *
 * Bounded whatever the caller sends: the gRPC server refuses a message larger than one event may be
 * before reading it; an event over `maxEventBytes`, a call over `maxCallBytes` or
 * {@link MAX_EVENTS_PER_CALL} events, and uploads over the gateway-wide `maxInflightBytes` end the
 * call with RESOURCE_EXHAUSTED naming the limit, and what the call held is let go at once.
 */
export function createIngestService(deps: IngestServiceDeps): IngestServiceHandlers {
  const { limits, budget } = deps;
  return {
    PublishEvents: (call, callback) => {
      const method = 'PublishEvents';
      let principal: Principal;
      const peer = peerOf(call);
      const at = peer === undefined ? {} : { peer };
      try {
        principal = deps.authenticate(call.metadata);
      } catch (err: unknown) {
        call.destroy();
        callback(deps.runner.fail(method, err, at));
        return;
      }
      const results: WirePublishResultInput[] = [];
      let records: OutgoingRecord[] = [];
      let heldBytes = 0;
      let done = false;
      const letGo = () => {
        budget.release(heldBytes);
        heldBytes = 0;
        records = [];
      };
      const refuse = (err: GatewayError) => {
        done = true;
        letGo();
        callback(deps.runner.fail(method, err, { ...at, principal }));
      };
      call.on('cancelled', () => {
        done = true;
        letGo();
      });
      call.on('data', (raw: WirePublishEventsRequest | UndecodableRequest) => {
        if (done) return;
        const index = results.length;
        if (raw instanceof UndecodableRequest) {
          refuse(
            new GatewayError(
              'invalid-argument',
              'the message bytes are not a PublishEventsRequest',
              `events[${index}]`,
            ),
          );
          return;
        }
        const msg = raw;
        if (index >= MAX_EVENTS_PER_CALL) {
          refuse(
            new GatewayError(
              'resource-exhausted',
              `at most ${MAX_EVENTS_PER_CALL} events per call (the per-call event limit); split the upload`,
            ),
          );
          return;
        }
        const r = check(msg, principal, deps, deps.now());
        if (r.ok === 'too-large') {
          refuse(
            new GatewayError(
              'resource-exhausted',
              `the event is ${r.bytes} bytes, over CITYBRAIN_INGEST_MAX_EVENT_BYTES (${limits.maxEventBytes})`,
              `events[${index}]`,
            ),
          );
          return;
        }
        if (r.ok) {
          const bytes = r.value.length;
          if (heldBytes + bytes > limits.maxCallBytes) {
            refuse(
              new GatewayError(
                'resource-exhausted',
                `the call carries more than CITYBRAIN_INGEST_MAX_CALL_BYTES (${limits.maxCallBytes} bytes) of events; split the upload`,
                `events[${index}]`,
              ),
            );
            return;
          }
          if (!budget.tryTake(bytes)) {
            refuse(
              new GatewayError(
                'resource-exhausted',
                `the gateway already holds CITYBRAIN_INGEST_MAX_INFLIGHT_BYTES (${limits.maxInflightBytes} bytes) of uploads; retry later`,
              ),
            );
            return;
          }
          heldBytes += bytes;
          records.push({ topic: deps.topics[r.family], key: r.key, value: r.value, headers: CONTENT_TYPE });
          results.push({ index, eventId: r.eventId, accepted: true, rejection: '' });
          deps.count('accepted');
        } else {
          results.push({ index, eventId: r.eventId, accepted: false, rejection: r.rejection });
          deps.count(r.rejection.slice(0, r.rejection.indexOf(':')));
        }
      });
      call.on('end', () => {
        if (done) return;
        done = true;
        const accepted = records.length;
        const write = async () => {
          for (const chunk of chunkRecords(records, limits.maxBatchBytes)) await deps.send(chunk);
        };
        withinDeadline(call, write)
          .finally(letGo)
          .then(
            () => {
              deps.runner.ok(method);
              callback(null, { results, accepted, rejected: results.length - accepted });
            },
            (err: unknown) => callback(deps.runner.fail(method, err, { ...at, principal })),
          );
      });
    },
  };
}
