import type { EventFamily } from '@citybrain/domain';

/** Kafka topics of citybrain. Versioned: a breaking contract change gets a new topic. */
export const TOPICS = {
  /** Traffic observations and incidents (`citybrain.v1.TrafficEvent`). */
  traffic: 'city.traffic.v1',
  /** Permit stage events (`citybrain.v1.PermitEvent`). */
  permit: 'city.permit.v1',
  /** City-management case events (`citybrain.v1.CaseEvent`). */
  case: 'city.case.v1',
  /** Alerts, firing and resolved (`citybrain.v1.Alert`), keyed by fingerprint. */
  alerts: 'city.alerts.v1',
  /** Records that could not be processed: original key and value, `x-citybrain-dlq-*` headers. */
  deadLetter: 'city.deadletter.v1',
} as const;

/** Any citybrain topic name. */
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Input topic of each event family. */
export const TOPIC_BY_FAMILY: Readonly<Record<EventFamily, Topic>> = {
  traffic: TOPICS.traffic,
  permit: TOPICS.permit,
  case: TOPICS.case,
};

/** The input topics, one per event family. */
export const INPUT_TOPICS: readonly Topic[] = Object.values(TOPIC_BY_FAMILY);

/** The event family carried by an input topic, or `undefined` for any other topic. */
export function familyOfTopic(topic: string): EventFamily | undefined {
  switch (topic) {
    case TOPICS.traffic:
      return 'traffic';
    case TOPICS.permit:
      return 'permit';
    case TOPICS.case:
      return 'case';
    default:
      return undefined;
  }
}
