import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcknowledgeAlertRequest as _citybrain_v1_AcknowledgeAlertRequest, AcknowledgeAlertRequest__Output as _citybrain_v1_AcknowledgeAlertRequest__Output } from './citybrain/v1/AcknowledgeAlertRequest';
import type { AcknowledgeAlertResponse as _citybrain_v1_AcknowledgeAlertResponse, AcknowledgeAlertResponse__Output as _citybrain_v1_AcknowledgeAlertResponse__Output } from './citybrain/v1/AcknowledgeAlertResponse';
import type { Acknowledgement as _citybrain_v1_Acknowledgement, Acknowledgement__Output as _citybrain_v1_Acknowledgement__Output } from './citybrain/v1/Acknowledgement';
import type { Alert as _citybrain_v1_Alert, Alert__Output as _citybrain_v1_Alert__Output } from './citybrain/v1/Alert';
import type { AlertEvidence as _citybrain_v1_AlertEvidence, AlertEvidence__Output as _citybrain_v1_AlertEvidence__Output } from './citybrain/v1/AlertEvidence';
import type { AlertServiceClient as _citybrain_v1_AlertServiceClient, AlertServiceDefinition as _citybrain_v1_AlertServiceDefinition } from './citybrain/v1/AlertService';
import type { AlertState as _citybrain_v1_AlertState, AlertState__Output as _citybrain_v1_AlertState__Output } from './citybrain/v1/AlertState';
import type { AreaInfo as _citybrain_v1_AreaInfo, AreaInfo__Output as _citybrain_v1_AreaInfo__Output } from './citybrain/v1/AreaInfo';
import type { AreaKpis as _citybrain_v1_AreaKpis, AreaKpis__Output as _citybrain_v1_AreaKpis__Output } from './citybrain/v1/AreaKpis';
import type { CaseDeadline as _citybrain_v1_CaseDeadline, CaseDeadline__Output as _citybrain_v1_CaseDeadline__Output } from './citybrain/v1/CaseDeadline';
import type { CaseEvent as _citybrain_v1_CaseEvent, CaseEvent__Output as _citybrain_v1_CaseEvent__Output } from './citybrain/v1/CaseEvent';
import type { CreateSilenceRequest as _citybrain_v1_CreateSilenceRequest, CreateSilenceRequest__Output as _citybrain_v1_CreateSilenceRequest__Output } from './citybrain/v1/CreateSilenceRequest';
import type { CreateSilenceResponse as _citybrain_v1_CreateSilenceResponse, CreateSilenceResponse__Output as _citybrain_v1_CreateSilenceResponse__Output } from './citybrain/v1/CreateSilenceResponse';
import type { ExpireSilenceRequest as _citybrain_v1_ExpireSilenceRequest, ExpireSilenceRequest__Output as _citybrain_v1_ExpireSilenceRequest__Output } from './citybrain/v1/ExpireSilenceRequest';
import type { ExpireSilenceResponse as _citybrain_v1_ExpireSilenceResponse, ExpireSilenceResponse__Output as _citybrain_v1_ExpireSilenceResponse__Output } from './citybrain/v1/ExpireSilenceResponse';
import type { GeoPoint as _citybrain_v1_GeoPoint, GeoPoint__Output as _citybrain_v1_GeoPoint__Output } from './citybrain/v1/GeoPoint';
import type { GetAlertRequest as _citybrain_v1_GetAlertRequest, GetAlertRequest__Output as _citybrain_v1_GetAlertRequest__Output } from './citybrain/v1/GetAlertRequest';
import type { GetAlertResponse as _citybrain_v1_GetAlertResponse, GetAlertResponse__Output as _citybrain_v1_GetAlertResponse__Output } from './citybrain/v1/GetAlertResponse';
import type { GetGridHistoryRequest as _citybrain_v1_GetGridHistoryRequest, GetGridHistoryRequest__Output as _citybrain_v1_GetGridHistoryRequest__Output } from './citybrain/v1/GetGridHistoryRequest';
import type { GetGridHistoryResponse as _citybrain_v1_GetGridHistoryResponse, GetGridHistoryResponse__Output as _citybrain_v1_GetGridHistoryResponse__Output } from './citybrain/v1/GetGridHistoryResponse';
import type { GetGridStateRequest as _citybrain_v1_GetGridStateRequest, GetGridStateRequest__Output as _citybrain_v1_GetGridStateRequest__Output } from './citybrain/v1/GetGridStateRequest';
import type { GetGridStateResponse as _citybrain_v1_GetGridStateResponse, GetGridStateResponse__Output as _citybrain_v1_GetGridStateResponse__Output } from './citybrain/v1/GetGridStateResponse';
import type { GetKpisRequest as _citybrain_v1_GetKpisRequest, GetKpisRequest__Output as _citybrain_v1_GetKpisRequest__Output } from './citybrain/v1/GetKpisRequest';
import type { GetKpisResponse as _citybrain_v1_GetKpisResponse, GetKpisResponse__Output as _citybrain_v1_GetKpisResponse__Output } from './citybrain/v1/GetKpisResponse';
import type { GridAggregate as _citybrain_v1_GridAggregate, GridAggregate__Output as _citybrain_v1_GridAggregate__Output } from './citybrain/v1/GridAggregate';
import type { GridInfo as _citybrain_v1_GridInfo, GridInfo__Output as _citybrain_v1_GridInfo__Output } from './citybrain/v1/GridInfo';
import type { GridServiceClient as _citybrain_v1_GridServiceClient, GridServiceDefinition as _citybrain_v1_GridServiceDefinition } from './citybrain/v1/GridService';
import type { GridWindowState as _citybrain_v1_GridWindowState, GridWindowState__Output as _citybrain_v1_GridWindowState__Output } from './citybrain/v1/GridWindowState';
import type { Heartbeat as _citybrain_v1_Heartbeat, Heartbeat__Output as _citybrain_v1_Heartbeat__Output } from './citybrain/v1/Heartbeat';
import type { IngestServiceClient as _citybrain_v1_IngestServiceClient, IngestServiceDefinition as _citybrain_v1_IngestServiceDefinition } from './citybrain/v1/IngestService';
import type { LargeGridInfo as _citybrain_v1_LargeGridInfo, LargeGridInfo__Output as _citybrain_v1_LargeGridInfo__Output } from './citybrain/v1/LargeGridInfo';
import type { ListActiveAlertsRequest as _citybrain_v1_ListActiveAlertsRequest, ListActiveAlertsRequest__Output as _citybrain_v1_ListActiveAlertsRequest__Output } from './citybrain/v1/ListActiveAlertsRequest';
import type { ListActiveAlertsResponse as _citybrain_v1_ListActiveAlertsResponse, ListActiveAlertsResponse__Output as _citybrain_v1_ListActiveAlertsResponse__Output } from './citybrain/v1/ListActiveAlertsResponse';
import type { ListAlertsRequest as _citybrain_v1_ListAlertsRequest, ListAlertsRequest__Output as _citybrain_v1_ListAlertsRequest__Output } from './citybrain/v1/ListAlertsRequest';
import type { ListAlertsResponse as _citybrain_v1_ListAlertsResponse, ListAlertsResponse__Output as _citybrain_v1_ListAlertsResponse__Output } from './citybrain/v1/ListAlertsResponse';
import type { ListGridsRequest as _citybrain_v1_ListGridsRequest, ListGridsRequest__Output as _citybrain_v1_ListGridsRequest__Output } from './citybrain/v1/ListGridsRequest';
import type { ListGridsResponse as _citybrain_v1_ListGridsResponse, ListGridsResponse__Output as _citybrain_v1_ListGridsResponse__Output } from './citybrain/v1/ListGridsResponse';
import type { ListOpenCasesRequest as _citybrain_v1_ListOpenCasesRequest, ListOpenCasesRequest__Output as _citybrain_v1_ListOpenCasesRequest__Output } from './citybrain/v1/ListOpenCasesRequest';
import type { ListOpenCasesResponse as _citybrain_v1_ListOpenCasesResponse, ListOpenCasesResponse__Output as _citybrain_v1_ListOpenCasesResponse__Output } from './citybrain/v1/ListOpenCasesResponse';
import type { ListSilencesRequest as _citybrain_v1_ListSilencesRequest, ListSilencesRequest__Output as _citybrain_v1_ListSilencesRequest__Output } from './citybrain/v1/ListSilencesRequest';
import type { ListSilencesResponse as _citybrain_v1_ListSilencesResponse, ListSilencesResponse__Output as _citybrain_v1_ListSilencesResponse__Output } from './citybrain/v1/ListSilencesResponse';
import type { Location as _citybrain_v1_Location, Location__Output as _citybrain_v1_Location__Output } from './citybrain/v1/Location';
import type { Matcher as _citybrain_v1_Matcher, Matcher__Output as _citybrain_v1_Matcher__Output } from './citybrain/v1/Matcher';
import type { OpenCase as _citybrain_v1_OpenCase, OpenCase__Output as _citybrain_v1_OpenCase__Output } from './citybrain/v1/OpenCase';
import type { PermitEvent as _citybrain_v1_PermitEvent, PermitEvent__Output as _citybrain_v1_PermitEvent__Output } from './citybrain/v1/PermitEvent';
import type { PublishEventsRequest as _citybrain_v1_PublishEventsRequest, PublishEventsRequest__Output as _citybrain_v1_PublishEventsRequest__Output } from './citybrain/v1/PublishEventsRequest';
import type { PublishEventsResponse as _citybrain_v1_PublishEventsResponse, PublishEventsResponse__Output as _citybrain_v1_PublishEventsResponse__Output } from './citybrain/v1/PublishEventsResponse';
import type { PublishResult as _citybrain_v1_PublishResult, PublishResult__Output as _citybrain_v1_PublishResult__Output } from './citybrain/v1/PublishResult';
import type { RecordRef as _citybrain_v1_RecordRef, RecordRef__Output as _citybrain_v1_RecordRef__Output } from './citybrain/v1/RecordRef';
import type { RoadAccident as _citybrain_v1_RoadAccident, RoadAccident__Output as _citybrain_v1_RoadAccident__Output } from './citybrain/v1/RoadAccident';
import type { Silence as _citybrain_v1_Silence, Silence__Output as _citybrain_v1_Silence__Output } from './citybrain/v1/Silence';
import type { SubscribeRequest as _citybrain_v1_SubscribeRequest, SubscribeRequest__Output as _citybrain_v1_SubscribeRequest__Output } from './citybrain/v1/SubscribeRequest';
import type { SubscribeResponse as _citybrain_v1_SubscribeResponse, SubscribeResponse__Output as _citybrain_v1_SubscribeResponse__Output } from './citybrain/v1/SubscribeResponse';
import type { TimeWindow as _citybrain_v1_TimeWindow, TimeWindow__Output as _citybrain_v1_TimeWindow__Output } from './citybrain/v1/TimeWindow';
import type { TrafficEvent as _citybrain_v1_TrafficEvent, TrafficEvent__Output as _citybrain_v1_TrafficEvent__Output } from './citybrain/v1/TrafficEvent';
import type { TrafficFlowObserved as _citybrain_v1_TrafficFlowObserved, TrafficFlowObserved__Output as _citybrain_v1_TrafficFlowObserved__Output } from './citybrain/v1/TrafficFlowObserved';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  citybrain: {
    v1: {
      AcknowledgeAlertRequest: MessageTypeDefinition<_citybrain_v1_AcknowledgeAlertRequest, _citybrain_v1_AcknowledgeAlertRequest__Output>
      AcknowledgeAlertResponse: MessageTypeDefinition<_citybrain_v1_AcknowledgeAlertResponse, _citybrain_v1_AcknowledgeAlertResponse__Output>
      Acknowledgement: MessageTypeDefinition<_citybrain_v1_Acknowledgement, _citybrain_v1_Acknowledgement__Output>
      Alert: MessageTypeDefinition<_citybrain_v1_Alert, _citybrain_v1_Alert__Output>
      AlertEvidence: MessageTypeDefinition<_citybrain_v1_AlertEvidence, _citybrain_v1_AlertEvidence__Output>
      AlertKind: EnumTypeDefinition
      /**
       * Streams, lists, acknowledges and silences alerts, filtered by area, grid, severity, kind and
       * status.
       */
      AlertService: SubtypeConstructor<typeof grpc.Client, _citybrain_v1_AlertServiceClient> & { service: _citybrain_v1_AlertServiceDefinition }
      AlertState: MessageTypeDefinition<_citybrain_v1_AlertState, _citybrain_v1_AlertState__Output>
      AlertStatus: EnumTypeDefinition
      AreaInfo: MessageTypeDefinition<_citybrain_v1_AreaInfo, _citybrain_v1_AreaInfo__Output>
      AreaKpis: MessageTypeDefinition<_citybrain_v1_AreaKpis, _citybrain_v1_AreaKpis__Output>
      CaseChannel: EnumTypeDefinition
      CaseDeadline: MessageTypeDefinition<_citybrain_v1_CaseDeadline, _citybrain_v1_CaseDeadline__Output>
      CaseEvent: MessageTypeDefinition<_citybrain_v1_CaseEvent, _citybrain_v1_CaseEvent__Output>
      CaseKind: EnumTypeDefinition
      CaseStage: EnumTypeDefinition
      CaseUrgency: EnumTypeDefinition
      CreateSilenceRequest: MessageTypeDefinition<_citybrain_v1_CreateSilenceRequest, _citybrain_v1_CreateSilenceRequest__Output>
      CreateSilenceResponse: MessageTypeDefinition<_citybrain_v1_CreateSilenceResponse, _citybrain_v1_CreateSilenceResponse__Output>
      ExpireSilenceRequest: MessageTypeDefinition<_citybrain_v1_ExpireSilenceRequest, _citybrain_v1_ExpireSilenceRequest__Output>
      ExpireSilenceResponse: MessageTypeDefinition<_citybrain_v1_ExpireSilenceResponse, _citybrain_v1_ExpireSilenceResponse__Output>
      GeoPoint: MessageTypeDefinition<_citybrain_v1_GeoPoint, _citybrain_v1_GeoPoint__Output>
      GetAlertRequest: MessageTypeDefinition<_citybrain_v1_GetAlertRequest, _citybrain_v1_GetAlertRequest__Output>
      GetAlertResponse: MessageTypeDefinition<_citybrain_v1_GetAlertResponse, _citybrain_v1_GetAlertResponse__Output>
      GetGridHistoryRequest: MessageTypeDefinition<_citybrain_v1_GetGridHistoryRequest, _citybrain_v1_GetGridHistoryRequest__Output>
      GetGridHistoryResponse: MessageTypeDefinition<_citybrain_v1_GetGridHistoryResponse, _citybrain_v1_GetGridHistoryResponse__Output>
      GetGridStateRequest: MessageTypeDefinition<_citybrain_v1_GetGridStateRequest, _citybrain_v1_GetGridStateRequest__Output>
      GetGridStateResponse: MessageTypeDefinition<_citybrain_v1_GetGridStateResponse, _citybrain_v1_GetGridStateResponse__Output>
      GetKpisRequest: MessageTypeDefinition<_citybrain_v1_GetKpisRequest, _citybrain_v1_GetKpisRequest__Output>
      GetKpisResponse: MessageTypeDefinition<_citybrain_v1_GetKpisResponse, _citybrain_v1_GetKpisResponse__Output>
      GridAggregate: MessageTypeDefinition<_citybrain_v1_GridAggregate, _citybrain_v1_GridAggregate__Output>
      GridInfo: MessageTypeDefinition<_citybrain_v1_GridInfo, _citybrain_v1_GridInfo__Output>
      /**
       * The grid hierarchy and the latest window state of a grid.
       */
      GridService: SubtypeConstructor<typeof grpc.Client, _citybrain_v1_GridServiceClient> & { service: _citybrain_v1_GridServiceDefinition }
      GridWindowState: MessageTypeDefinition<_citybrain_v1_GridWindowState, _citybrain_v1_GridWindowState__Output>
      Heartbeat: MessageTypeDefinition<_citybrain_v1_Heartbeat, _citybrain_v1_Heartbeat__Output>
      IncidentStatus: EnumTypeDefinition
      IncidentType: EnumTypeDefinition
      /**
       * Ingest for devices and services that do not speak Kafka.
       */
      IngestService: SubtypeConstructor<typeof grpc.Client, _citybrain_v1_IngestServiceClient> & { service: _citybrain_v1_IngestServiceDefinition }
      LargeGridInfo: MessageTypeDefinition<_citybrain_v1_LargeGridInfo, _citybrain_v1_LargeGridInfo__Output>
      ListActiveAlertsRequest: MessageTypeDefinition<_citybrain_v1_ListActiveAlertsRequest, _citybrain_v1_ListActiveAlertsRequest__Output>
      ListActiveAlertsResponse: MessageTypeDefinition<_citybrain_v1_ListActiveAlertsResponse, _citybrain_v1_ListActiveAlertsResponse__Output>
      ListAlertsRequest: MessageTypeDefinition<_citybrain_v1_ListAlertsRequest, _citybrain_v1_ListAlertsRequest__Output>
      ListAlertsResponse: MessageTypeDefinition<_citybrain_v1_ListAlertsResponse, _citybrain_v1_ListAlertsResponse__Output>
      ListGridsRequest: MessageTypeDefinition<_citybrain_v1_ListGridsRequest, _citybrain_v1_ListGridsRequest__Output>
      ListGridsResponse: MessageTypeDefinition<_citybrain_v1_ListGridsResponse, _citybrain_v1_ListGridsResponse__Output>
      ListOpenCasesRequest: MessageTypeDefinition<_citybrain_v1_ListOpenCasesRequest, _citybrain_v1_ListOpenCasesRequest__Output>
      ListOpenCasesResponse: MessageTypeDefinition<_citybrain_v1_ListOpenCasesResponse, _citybrain_v1_ListOpenCasesResponse__Output>
      ListSilencesRequest: MessageTypeDefinition<_citybrain_v1_ListSilencesRequest, _citybrain_v1_ListSilencesRequest__Output>
      ListSilencesResponse: MessageTypeDefinition<_citybrain_v1_ListSilencesResponse, _citybrain_v1_ListSilencesResponse__Output>
      Location: MessageTypeDefinition<_citybrain_v1_Location, _citybrain_v1_Location__Output>
      Matcher: MessageTypeDefinition<_citybrain_v1_Matcher, _citybrain_v1_Matcher__Output>
      OpenCase: MessageTypeDefinition<_citybrain_v1_OpenCase, _citybrain_v1_OpenCase__Output>
      PermitEvent: MessageTypeDefinition<_citybrain_v1_PermitEvent, _citybrain_v1_PermitEvent__Output>
      PermitStage: EnumTypeDefinition
      PublishEventsRequest: MessageTypeDefinition<_citybrain_v1_PublishEventsRequest, _citybrain_v1_PublishEventsRequest__Output>
      PublishEventsResponse: MessageTypeDefinition<_citybrain_v1_PublishEventsResponse, _citybrain_v1_PublishEventsResponse__Output>
      PublishResult: MessageTypeDefinition<_citybrain_v1_PublishResult, _citybrain_v1_PublishResult__Output>
      RecordRef: MessageTypeDefinition<_citybrain_v1_RecordRef, _citybrain_v1_RecordRef__Output>
      RoadAccident: MessageTypeDefinition<_citybrain_v1_RoadAccident, _citybrain_v1_RoadAccident__Output>
      RoadClass: EnumTypeDefinition
      Severity: EnumTypeDefinition
      Silence: MessageTypeDefinition<_citybrain_v1_Silence, _citybrain_v1_Silence__Output>
      SubscribeRequest: MessageTypeDefinition<_citybrain_v1_SubscribeRequest, _citybrain_v1_SubscribeRequest__Output>
      SubscribeResponse: MessageTypeDefinition<_citybrain_v1_SubscribeResponse, _citybrain_v1_SubscribeResponse__Output>
      TimeWindow: MessageTypeDefinition<_citybrain_v1_TimeWindow, _citybrain_v1_TimeWindow__Output>
      TrafficEvent: MessageTypeDefinition<_citybrain_v1_TrafficEvent, _citybrain_v1_TrafficEvent__Output>
      TrafficFlowObserved: MessageTypeDefinition<_citybrain_v1_TrafficFlowObserved, _citybrain_v1_TrafficFlowObserved__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

