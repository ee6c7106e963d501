/**
 * Wire contracts of citybrain: the `citybrain.v1` proto files (repository folder `proto/`), loaded
 * for gRPC with proto-loader and for Kafka payloads with protobufjs, and the TypeScript types
 * generated from them (`pnpm --filter @citybrain/proto run gen`; never edit `src/generated/`).
 *
 * Type names: `WireX` is the shape decoded messages have under {@link LOADER_OPTIONS} (every field
 * present, enums as names, 64-bit integers as strings, absent messages `null`); `WireXInput` is
 * the permissive shape accepted when encoding.
 *
 * @example
 * ```ts
 * import * as grpc from '@grpc/grpc-js';
 * import { loadGrpcObject, type AlertServiceHandlers } from '@citybrain/proto';
 *
 * const handlers: AlertServiceHandlers = { Subscribe: (call) => call.end(), ListActiveAlerts: (_call, cb) => cb(null, { alerts: [] }) };
 * const server = new grpc.Server();
 * server.addService(loadGrpcObject().citybrain.v1.AlertService.service, handlers);
 *
 * // Kafka payloads:
 * import { protobufRoot, LOADER_OPTIONS, TYPE_NAMES, type WireAlert } from '@citybrain/proto';
 * const type = protobufRoot().lookupType(TYPE_NAMES.alert);
 * const wire = type.toObject(type.decode(bytes), LOADER_OPTIONS) as WireAlert;
 * ```
 */
export { LOADER_OPTIONS } from './loader-options';
export { PROTO_FILES, PROTO_PACKAGE, PROTO_ROOT_DIR, TYPE_NAMES } from './proto-files';
export { loadGrpcObject, loadPackageDefinition } from './package-definition';
export { protobufRoot } from './protobuf-root';
export { ProtoError, ProtoLoadError, type ProtoErrorCode } from './errors';

export type { ProtoGrpcType as CitybrainGrpcType } from './generated/alert_service';
export type {
  AlertServiceClient,
  AlertServiceDefinition,
  AlertServiceHandlers,
} from './generated/citybrain/v1/AlertService';
export type {
  GridServiceClient,
  GridServiceDefinition,
  GridServiceHandlers,
} from './generated/citybrain/v1/GridService';
export type {
  IngestServiceClient,
  IngestServiceDefinition,
  IngestServiceHandlers,
} from './generated/citybrain/v1/IngestService';

export type {
  Timestamp__Output as WireTimestamp,
  Timestamp as WireTimestampInput,
} from './generated/google/protobuf/Timestamp';
export type {
  GeoPoint__Output as WireGeoPoint,
  GeoPoint as WireGeoPointInput,
} from './generated/citybrain/v1/GeoPoint';
export type {
  Location__Output as WireLocation,
  Location as WireLocationInput,
} from './generated/citybrain/v1/Location';
export type {
  TrafficFlowObserved__Output as WireTrafficFlowObserved,
  TrafficFlowObserved as WireTrafficFlowObservedInput,
} from './generated/citybrain/v1/TrafficFlowObserved';
export type {
  RoadAccident__Output as WireRoadAccident,
  RoadAccident as WireRoadAccidentInput,
} from './generated/citybrain/v1/RoadAccident';
export type {
  TrafficEvent__Output as WireTrafficEvent,
  TrafficEvent as WireTrafficEventInput,
} from './generated/citybrain/v1/TrafficEvent';
export type {
  PermitEvent__Output as WirePermitEvent,
  PermitEvent as WirePermitEventInput,
} from './generated/citybrain/v1/PermitEvent';
export type {
  CaseEvent__Output as WireCaseEvent,
  CaseEvent as WireCaseEventInput,
} from './generated/citybrain/v1/CaseEvent';
export type { RoadClass__Output as WireRoadClass } from './generated/citybrain/v1/RoadClass';
export type { IncidentType__Output as WireIncidentType } from './generated/citybrain/v1/IncidentType';
export type { IncidentStatus__Output as WireIncidentStatus } from './generated/citybrain/v1/IncidentStatus';
export type { PermitStage__Output as WirePermitStage } from './generated/citybrain/v1/PermitStage';
export type { CaseStage__Output as WireCaseStage } from './generated/citybrain/v1/CaseStage';
export type { CaseUrgency__Output as WireCaseUrgency } from './generated/citybrain/v1/CaseUrgency';
export type { CaseChannel__Output as WireCaseChannel } from './generated/citybrain/v1/CaseChannel';

export type { Alert__Output as WireAlert, Alert as WireAlertInput } from './generated/citybrain/v1/Alert';
export type {
  TimeWindow__Output as WireTimeWindow,
  TimeWindow as WireTimeWindowInput,
} from './generated/citybrain/v1/TimeWindow';
export type { AlertKind__Output as WireAlertKind } from './generated/citybrain/v1/AlertKind';
export type { Severity__Output as WireSeverity } from './generated/citybrain/v1/Severity';
export type { AlertStatus__Output as WireAlertStatus } from './generated/citybrain/v1/AlertStatus';
export type {
  SubscribeRequest__Output as WireSubscribeRequest,
  SubscribeRequest as WireSubscribeRequestInput,
} from './generated/citybrain/v1/SubscribeRequest';
export type {
  SubscribeResponse__Output as WireSubscribeResponse,
  SubscribeResponse as WireSubscribeResponseInput,
} from './generated/citybrain/v1/SubscribeResponse';
export type {
  Heartbeat__Output as WireHeartbeat,
  Heartbeat as WireHeartbeatInput,
} from './generated/citybrain/v1/Heartbeat';
export type {
  ListActiveAlertsRequest__Output as WireListActiveAlertsRequest,
  ListActiveAlertsRequest as WireListActiveAlertsRequestInput,
} from './generated/citybrain/v1/ListActiveAlertsRequest';
export type {
  ListActiveAlertsResponse__Output as WireListActiveAlertsResponse,
  ListActiveAlertsResponse as WireListActiveAlertsResponseInput,
} from './generated/citybrain/v1/ListActiveAlertsResponse';
export type {
  Acknowledgement__Output as WireAcknowledgement,
  Acknowledgement as WireAcknowledgementInput,
} from './generated/citybrain/v1/Acknowledgement';
export type {
  AlertState__Output as WireAlertState,
  AlertState as WireAlertStateInput,
} from './generated/citybrain/v1/AlertState';
export type {
  Matcher__Output as WireMatcher,
  Matcher as WireMatcherInput,
} from './generated/citybrain/v1/Matcher';
export type {
  Silence__Output as WireSilence,
  Silence as WireSilenceInput,
} from './generated/citybrain/v1/Silence';
export type {
  GridInfo__Output as WireGridInfo,
  GridInfo as WireGridInfoInput,
} from './generated/citybrain/v1/GridInfo';
export type {
  AreaInfo__Output as WireAreaInfo,
  AreaInfo as WireAreaInfoInput,
} from './generated/citybrain/v1/AreaInfo';
export type {
  LargeGridInfo__Output as WireLargeGridInfo,
  LargeGridInfo as WireLargeGridInfoInput,
} from './generated/citybrain/v1/LargeGridInfo';
export type {
  GridWindowState__Output as WireGridWindowState,
  GridWindowState as WireGridWindowStateInput,
} from './generated/citybrain/v1/GridWindowState';
export type {
  PublishEventsRequest__Output as WirePublishEventsRequest,
  PublishEventsRequest as WirePublishEventsRequestInput,
} from './generated/citybrain/v1/PublishEventsRequest';
export type {
  PublishEventsResponse__Output as WirePublishEventsResponse,
  PublishEventsResponse as WirePublishEventsResponseInput,
} from './generated/citybrain/v1/PublishEventsResponse';
export type {
  PublishResult__Output as WirePublishResult,
  PublishResult as WirePublishResultInput,
} from './generated/citybrain/v1/PublishResult';
export type {
  ListAlertsResponse__Output as WireListAlertsResponse,
  ListAlertsResponse as WireListAlertsResponseInput,
} from './generated/citybrain/v1/ListAlertsResponse';
export type {
  ListGridsResponse__Output as WireListGridsResponse,
  ListGridsResponse as WireListGridsResponseInput,
} from './generated/citybrain/v1/ListGridsResponse';
export type {
  GetGridStateResponse__Output as WireGetGridStateResponse,
  GetGridStateResponse as WireGetGridStateResponseInput,
} from './generated/citybrain/v1/GetGridStateResponse';
export type {
  GetGridHistoryResponse__Output as WireGetGridHistoryResponse,
  GetGridHistoryResponse as WireGetGridHistoryResponseInput,
} from './generated/citybrain/v1/GetGridHistoryResponse';
export type {
  ListOpenCasesResponse__Output as WireListOpenCasesResponse,
  ListOpenCasesResponse as WireListOpenCasesResponseInput,
} from './generated/citybrain/v1/ListOpenCasesResponse';
export type {
  GetKpisResponse__Output as WireGetKpisResponse,
  GetKpisResponse as WireGetKpisResponseInput,
} from './generated/citybrain/v1/GetKpisResponse';
export type {
  OpenCase__Output as WireOpenCase,
  OpenCase as WireOpenCaseInput,
} from './generated/citybrain/v1/OpenCase';
export type {
  AreaKpis__Output as WireAreaKpis,
  AreaKpis as WireAreaKpisInput,
} from './generated/citybrain/v1/AreaKpis';
export type {
  CaseDeadline__Output as WireCaseDeadline,
  CaseDeadline as WireCaseDeadlineInput,
} from './generated/citybrain/v1/CaseDeadline';
