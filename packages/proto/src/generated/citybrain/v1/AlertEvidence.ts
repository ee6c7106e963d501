// Original file: ../../proto/citybrain/v1/alerts.proto

import type { TimeWindow as _citybrain_v1_TimeWindow, TimeWindow__Output as _citybrain_v1_TimeWindow__Output } from '../../citybrain/v1/TimeWindow';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { RecordRef as _citybrain_v1_RecordRef, RecordRef__Output as _citybrain_v1_RecordRef__Output } from '../../citybrain/v1/RecordRef';
import type { Long } from '@grpc/proto-loader';

/**
 * What a rule's decision rests on, so an operator can see why an alert fired or resolved.
 */
export interface AlertEvidence {
  /**
   * What the rule measures, e.g. "mean(averageVehicleSpeedKmh) weighted by intensity of traffic
   * where roadClass=arterial, per grid".
   */
  'measure'?: (string);
  /**
   * How the window was made: "tumbling", "hopping", "session", or for lifecycle rules "event" (one
   * event decided) and "deadline" (time since an event passed a limit).
   */
  'windowKind'?: (string);
  /**
   * The window the decision was taken on.
   */
  'window'?: (_citybrain_v1_TimeWindow | null);
  /**
   * The aggregates of that window by name, e.g. value, count, baseline; injured, dead, vehicles.
   */
  'aggregates'?: ({[key: string]: number | string});
  /**
   * Number of events the window aggregated.
   */
  'count'?: (number | string | Long);
  /**
   * The comparison that held (firing) or failed (resolved): value <comparison> threshold.
   */
  'comparison'?: (string);
  'threshold'?: (number | string);
  /**
   * The `for` history: how long the condition had to hold, since when it held (start of the first
   * true window) and the end of the first true window, from which `for` is measured.
   */
  'forMs'?: (number | string | Long);
  'pendingSince'?: (_google_protobuf_Timestamp | null);
  'firstTrueEnd'?: (_google_protobuf_Timestamp | null);
  /**
   * Input records behind the decision (at most 20).
   */
  'records'?: (_citybrain_v1_RecordRef)[];
}

/**
 * What a rule's decision rests on, so an operator can see why an alert fired or resolved.
 */
export interface AlertEvidence__Output {
  /**
   * What the rule measures, e.g. "mean(averageVehicleSpeedKmh) weighted by intensity of traffic
   * where roadClass=arterial, per grid".
   */
  'measure': (string);
  /**
   * How the window was made: "tumbling", "hopping", "session", or for lifecycle rules "event" (one
   * event decided) and "deadline" (time since an event passed a limit).
   */
  'windowKind': (string);
  /**
   * The window the decision was taken on.
   */
  'window': (_citybrain_v1_TimeWindow__Output | null);
  /**
   * The aggregates of that window by name, e.g. value, count, baseline; injured, dead, vehicles.
   */
  'aggregates': ({[key: string]: number});
  /**
   * Number of events the window aggregated.
   */
  'count': (string);
  /**
   * The comparison that held (firing) or failed (resolved): value <comparison> threshold.
   */
  'comparison': (string);
  'threshold': (number);
  /**
   * The `for` history: how long the condition had to hold, since when it held (start of the first
   * true window) and the end of the first true window, from which `for` is measured.
   */
  'forMs': (string);
  'pendingSince': (_google_protobuf_Timestamp__Output | null);
  'firstTrueEnd': (_google_protobuf_Timestamp__Output | null);
  /**
   * Input records behind the decision (at most 20).
   */
  'records': (_citybrain_v1_RecordRef__Output)[];
}
