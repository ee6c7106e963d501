import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CaseEvent as _citybrain_v1_CaseEvent, CaseEvent__Output as _citybrain_v1_CaseEvent__Output } from './citybrain/v1/CaseEvent';
import type { GeoPoint as _citybrain_v1_GeoPoint, GeoPoint__Output as _citybrain_v1_GeoPoint__Output } from './citybrain/v1/GeoPoint';
import type { Location as _citybrain_v1_Location, Location__Output as _citybrain_v1_Location__Output } from './citybrain/v1/Location';
import type { PermitEvent as _citybrain_v1_PermitEvent, PermitEvent__Output as _citybrain_v1_PermitEvent__Output } from './citybrain/v1/PermitEvent';
import type { RoadAccident as _citybrain_v1_RoadAccident, RoadAccident__Output as _citybrain_v1_RoadAccident__Output } from './citybrain/v1/RoadAccident';
import type { TrafficEvent as _citybrain_v1_TrafficEvent, TrafficEvent__Output as _citybrain_v1_TrafficEvent__Output } from './citybrain/v1/TrafficEvent';
import type { TrafficFlowObserved as _citybrain_v1_TrafficFlowObserved, TrafficFlowObserved__Output as _citybrain_v1_TrafficFlowObserved__Output } from './citybrain/v1/TrafficFlowObserved';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  citybrain: {
    v1: {
      CaseChannel: EnumTypeDefinition
      CaseEvent: MessageTypeDefinition<_citybrain_v1_CaseEvent, _citybrain_v1_CaseEvent__Output>
      CaseStage: EnumTypeDefinition
      CaseUrgency: EnumTypeDefinition
      GeoPoint: MessageTypeDefinition<_citybrain_v1_GeoPoint, _citybrain_v1_GeoPoint__Output>
      IncidentStatus: EnumTypeDefinition
      IncidentType: EnumTypeDefinition
      Location: MessageTypeDefinition<_citybrain_v1_Location, _citybrain_v1_Location__Output>
      PermitEvent: MessageTypeDefinition<_citybrain_v1_PermitEvent, _citybrain_v1_PermitEvent__Output>
      PermitStage: EnumTypeDefinition
      RoadAccident: MessageTypeDefinition<_citybrain_v1_RoadAccident, _citybrain_v1_RoadAccident__Output>
      RoadClass: EnumTypeDefinition
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

