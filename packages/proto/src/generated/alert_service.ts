import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Alert as _citybrain_v1_Alert, Alert__Output as _citybrain_v1_Alert__Output } from './citybrain/v1/Alert';
import type { AlertServiceClient as _citybrain_v1_AlertServiceClient, AlertServiceDefinition as _citybrain_v1_AlertServiceDefinition } from './citybrain/v1/AlertService';
import type { Heartbeat as _citybrain_v1_Heartbeat, Heartbeat__Output as _citybrain_v1_Heartbeat__Output } from './citybrain/v1/Heartbeat';
import type { ListActiveAlertsRequest as _citybrain_v1_ListActiveAlertsRequest, ListActiveAlertsRequest__Output as _citybrain_v1_ListActiveAlertsRequest__Output } from './citybrain/v1/ListActiveAlertsRequest';
import type { ListActiveAlertsResponse as _citybrain_v1_ListActiveAlertsResponse, ListActiveAlertsResponse__Output as _citybrain_v1_ListActiveAlertsResponse__Output } from './citybrain/v1/ListActiveAlertsResponse';
import type { SubscribeRequest as _citybrain_v1_SubscribeRequest, SubscribeRequest__Output as _citybrain_v1_SubscribeRequest__Output } from './citybrain/v1/SubscribeRequest';
import type { SubscribeResponse as _citybrain_v1_SubscribeResponse, SubscribeResponse__Output as _citybrain_v1_SubscribeResponse__Output } from './citybrain/v1/SubscribeResponse';
import type { TimeWindow as _citybrain_v1_TimeWindow, TimeWindow__Output as _citybrain_v1_TimeWindow__Output } from './citybrain/v1/TimeWindow';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  citybrain: {
    v1: {
      Alert: MessageTypeDefinition<_citybrain_v1_Alert, _citybrain_v1_Alert__Output>
      AlertKind: EnumTypeDefinition
      /**
       * Streams and lists alerts, filtered by area, grid, severity and kind.
       */
      AlertService: SubtypeConstructor<typeof grpc.Client, _citybrain_v1_AlertServiceClient> & { service: _citybrain_v1_AlertServiceDefinition }
      AlertStatus: EnumTypeDefinition
      Heartbeat: MessageTypeDefinition<_citybrain_v1_Heartbeat, _citybrain_v1_Heartbeat__Output>
      ListActiveAlertsRequest: MessageTypeDefinition<_citybrain_v1_ListActiveAlertsRequest, _citybrain_v1_ListActiveAlertsRequest__Output>
      ListActiveAlertsResponse: MessageTypeDefinition<_citybrain_v1_ListActiveAlertsResponse, _citybrain_v1_ListActiveAlertsResponse__Output>
      Severity: EnumTypeDefinition
      SubscribeRequest: MessageTypeDefinition<_citybrain_v1_SubscribeRequest, _citybrain_v1_SubscribeRequest__Output>
      SubscribeResponse: MessageTypeDefinition<_citybrain_v1_SubscribeResponse, _citybrain_v1_SubscribeResponse__Output>
      TimeWindow: MessageTypeDefinition<_citybrain_v1_TimeWindow, _citybrain_v1_TimeWindow__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

