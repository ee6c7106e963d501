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
import { withinDeadline, type CallRunner } from './call-runner';
import { GatewayError } from './errors';

/** Events one PublishEvents call may carry; more is RESOURCE_EXHAUSTED (split the upload). */
export const MAX_EVENTS_PER_CALL = 10_000;

/** What the IngestService handler works on. */
export interface IngestServiceDeps {
  readonly registry: GridRegistry;
  readonly runner: CallRunner;
  readonly authenticate: (metadata: grpc.Metadata) => Principal;
  /** The input topic of each family (with the deployment's suffix). */
  readonly topics: Readonly<Record<EventFamily, string>>;
  readonly send: (records: OutgoingRecord[]) => Promise<void>;
  /** Counts an outcome: `accepted` or a rejection reason. */
  readonly count: (outcome: string) => void;
}

const TYPE_BY_FAMILY: Readonly<Record<EventFamily, string>> = {
  traffic: TYPE_NAMES.trafficEvent,
  permit: TYPE_NAMES.permitEvent,
  case: TYPE_NAMES.caseEvent,
};
const CONTENT_TYPE = { 'content-type': 'application/x-protobuf' };

/**
 * Validates one request message exactly as the processor will (the codec's `decodeEvent` on its
 * protobuf encoding) and checks the event's grid is within the caller's scope.
 */
function check(
  msg: WirePublishEventsRequest,
  p: Principal,
  registry: GridRegistry,
):
  | { ok: true; family: EventFamily; value: Uint8Array; key: string; eventId: string }
  | { ok: false; eventId: string; rejection: string } {
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
  const decoded = decodeEvent({ topic: TOPIC_BY_FAMILY[family], value, headers: CONTENT_TYPE });
  if (!decoded.ok)
    return {
      ok: false,
      eventId: wire.eventId,
      rejection: `${decoded.error.reason}: ${decoded.error.message}`,
    };
  const event = decoded.event;
  const where = registry.resolve(event.location);
  if (!where.ok) return { ok: false, eventId: event.eventId, rejection: `${where.reason}: location` };
  if (!inScope(p, where.areaId, where.gridId))
    return {
      ok: false,
      eventId: event.eventId,
      rejection: `permission-denied: grid ${where.gridId} is outside your scope (${scopeText(p)})`,
    };
  return { ok: true, family, value, key: where.gridId, eventId: event.eventId };
}

/** The IngestService handler: per-event validation, then one durable write of the accepted events. */
export function createIngestService(deps: IngestServiceDeps): IngestServiceHandlers {
  return {
    PublishEvents: (call, callback) => {
      const method = 'PublishEvents';
      let principal: Principal;
      try {
        principal = deps.authenticate(call.metadata);
      } catch (err: unknown) {
        call.destroy();
        callback(deps.runner.fail(method, err));
        return;
      }
      const results: WirePublishResultInput[] = [];
      const records: OutgoingRecord[] = [];
      let failed = false;
      call.on('data', (msg: WirePublishEventsRequest) => {
        if (failed) return;
        if (results.length >= MAX_EVENTS_PER_CALL) {
          failed = true;
          callback(
            deps.runner.fail(
              method,
              new GatewayError(
                'resource-exhausted',
                `at most ${MAX_EVENTS_PER_CALL} events per call; split the upload`,
              ),
            ),
          );
          return;
        }
        const index = results.length;
        const r = check(msg, principal, deps.registry);
        if (r.ok) {
          records.push({ topic: deps.topics[r.family], key: r.key, value: r.value, headers: CONTENT_TYPE });
          results.push({ index, eventId: r.eventId, accepted: true, rejection: '' });
          deps.count('accepted');
        } else {
          results.push({ index, eventId: r.eventId, accepted: false, rejection: r.rejection });
          deps.count(r.rejection.slice(0, r.rejection.indexOf(':')));
        }
      });
      call.on('end', () => {
        if (failed) return;
        withinDeadline(call, () => (records.length > 0 ? deps.send(records) : Promise.resolve())).then(
          () => {
            deps.runner.ok(method);
            callback(null, {
              results,
              accepted: records.length,
              rejected: results.length - records.length,
            });
          },
          (err: unknown) => callback(deps.runner.fail(method, err)),
        );
      });
    },
  };
}
