import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Alert as _citybrain_v1_Alert, Alert__Output as _citybrain_v1_Alert__Output } from './citybrain/v1/Alert';
import type { AlertEvidence as _citybrain_v1_AlertEvidence, AlertEvidence__Output as _citybrain_v1_AlertEvidence__Output } from './citybrain/v1/AlertEvidence';
import type { RecordRef as _citybrain_v1_RecordRef, RecordRef__Output as _citybrain_v1_RecordRef__Output } from './citybrain/v1/RecordRef';
import type { TimeWindow as _citybrain_v1_TimeWindow, TimeWindow__Output as _citybrain_v1_TimeWindow__Output } from './citybrain/v1/TimeWindow';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  citybrain: {
    v1: {
      Alert: MessageTypeDefinition<_citybrain_v1_Alert, _citybrain_v1_Alert__Output>
      AlertEvidence: MessageTypeDefinition<_citybrain_v1_AlertEvidence, _citybrain_v1_AlertEvidence__Output>
      AlertKind: EnumTypeDefinition
      AlertStatus: EnumTypeDefinition
      RecordRef: MessageTypeDefinition<_citybrain_v1_RecordRef, _citybrain_v1_RecordRef__Output>
      Severity: EnumTypeDefinition
      TimeWindow: MessageTypeDefinition<_citybrain_v1_TimeWindow, _citybrain_v1_TimeWindow__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

