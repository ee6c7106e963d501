import { alertToWire } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import type {
  WireAcknowledgementInput,
  WireAlertStateInput,
  WireSubscribeResponseInput,
  WireTimestampInput,
} from '@citybrain/proto';
import type { AckRecord, AckStore } from './ack-store';
import type { MuteEvaluator } from './mute';
import type { StreamItem } from './subscriber-hub';

/** Epoch ms to a protobuf Timestamp. */
export function timestampOf(ms: number): WireTimestampInput {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

/** An acknowledgement to its wire message. */
export function ackToWire(ack: AckRecord): WireAcknowledgementInput {
  return {
    alertId: ack.alertId,
    acknowledgedBy: ack.acknowledgedBy,
    note: ack.note,
    acknowledgedAt: timestampOf(ack.acknowledgedAtMs),
    gridId: ack.gridId,
    areaId: ack.areaId,
  };
}

/** A stream item to its `SubscribeResponse`. */
export function streamItemToWire(item: StreamItem): WireSubscribeResponseInput {
  switch (item.kind) {
    case 'alert':
      return {
        alert: alertToWire(item.alert),
        position: item.position,
        snapshot: item.snapshot === true,
        silenced: item.silenced === true,
      };
    case 'ack':
      return { acknowledgement: ackToWire(item.ack), position: item.position };
    case 'heartbeat':
      return { heartbeat: { sentAt: timestampOf(item.atMs) }, position: item.position };
  }
}

/** An alert with what the gateway knows about it (silences, inhibitions, acknowledgement). */
export function alertStateToWire(alert: Alert, mute: MuteEvaluator, acks: AckStore): WireAlertStateInput {
  const m = mute.stateOf(alert);
  const ack = acks.get(alert.alertId);
  return {
    alert: alertToWire(alert),
    silencedBy: [...m.silencedBy],
    inhibitedBy: [...m.inhibitedBy],
    acknowledgement: ack ? ackToWire(ack) : null,
    suppressed: m.silencedBy.length > 0 || m.inhibitedBy.length > 0,
  };
}
