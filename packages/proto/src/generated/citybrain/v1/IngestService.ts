// Original file: ../../proto/citybrain/v1/alert_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { PublishEventsRequest as _citybrain_v1_PublishEventsRequest, PublishEventsRequest__Output as _citybrain_v1_PublishEventsRequest__Output } from '../../citybrain/v1/PublishEventsRequest';
import type { PublishEventsResponse as _citybrain_v1_PublishEventsResponse, PublishEventsResponse__Output as _citybrain_v1_PublishEventsResponse__Output } from '../../citybrain/v1/PublishEventsResponse';

/**
 * Ingest for devices and services that do not speak Kafka.
 */
export interface IngestServiceClient extends grpc.Client {
  /**
   * Each event is validated and written to its input topic; the reply, sent once the client
   * half-closes, reports every event's acceptance or rejection reason, in order.
   */
  PublishEvents(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_PublishEventsResponse__Output>): grpc.ClientWritableStream<_citybrain_v1_PublishEventsRequest>;
  PublishEvents(metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_PublishEventsResponse__Output>): grpc.ClientWritableStream<_citybrain_v1_PublishEventsRequest>;
  PublishEvents(options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_PublishEventsResponse__Output>): grpc.ClientWritableStream<_citybrain_v1_PublishEventsRequest>;
  PublishEvents(callback: grpc.requestCallback<_citybrain_v1_PublishEventsResponse__Output>): grpc.ClientWritableStream<_citybrain_v1_PublishEventsRequest>;
  /**
   * Each event is validated and written to its input topic; the reply, sent once the client
   * half-closes, reports every event's acceptance or rejection reason, in order.
   */
  publishEvents(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_PublishEventsResponse__Output>): grpc.ClientWritableStream<_citybrain_v1_PublishEventsRequest>;
  publishEvents(metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_PublishEventsResponse__Output>): grpc.ClientWritableStream<_citybrain_v1_PublishEventsRequest>;
  publishEvents(options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_PublishEventsResponse__Output>): grpc.ClientWritableStream<_citybrain_v1_PublishEventsRequest>;
  publishEvents(callback: grpc.requestCallback<_citybrain_v1_PublishEventsResponse__Output>): grpc.ClientWritableStream<_citybrain_v1_PublishEventsRequest>;
  
}

/**
 * Ingest for devices and services that do not speak Kafka.
 */
export interface IngestServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Each event is validated and written to its input topic; the reply, sent once the client
   * half-closes, reports every event's acceptance or rejection reason, in order.
   */
  PublishEvents: grpc.handleClientStreamingCall<_citybrain_v1_PublishEventsRequest__Output, _citybrain_v1_PublishEventsResponse>;
  
}

export interface IngestServiceDefinition extends grpc.ServiceDefinition {
  PublishEvents: MethodDefinition<_citybrain_v1_PublishEventsRequest, _citybrain_v1_PublishEventsResponse, _citybrain_v1_PublishEventsRequest__Output, _citybrain_v1_PublishEventsResponse__Output>
}
