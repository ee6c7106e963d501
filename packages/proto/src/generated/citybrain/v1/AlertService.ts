// Original file: ../../proto/citybrain/v1/alert_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListActiveAlertsRequest as _citybrain_v1_ListActiveAlertsRequest, ListActiveAlertsRequest__Output as _citybrain_v1_ListActiveAlertsRequest__Output } from '../../citybrain/v1/ListActiveAlertsRequest';
import type { ListActiveAlertsResponse as _citybrain_v1_ListActiveAlertsResponse, ListActiveAlertsResponse__Output as _citybrain_v1_ListActiveAlertsResponse__Output } from '../../citybrain/v1/ListActiveAlertsResponse';
import type { SubscribeRequest as _citybrain_v1_SubscribeRequest, SubscribeRequest__Output as _citybrain_v1_SubscribeRequest__Output } from '../../citybrain/v1/SubscribeRequest';
import type { SubscribeResponse as _citybrain_v1_SubscribeResponse, SubscribeResponse__Output as _citybrain_v1_SubscribeResponse__Output } from '../../citybrain/v1/SubscribeResponse';

/**
 * Streams and lists alerts, filtered by area, grid, severity and kind.
 */
export interface AlertServiceClient extends grpc.Client {
  /**
   * Returns the alerts currently firing.
   */
  ListActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  ListActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  ListActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  ListActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns the alerts currently firing.
   */
  listActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  listActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  listActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  listActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Streams alerts as they fire and resolve, with heartbeats while idle. The stream stays open
   * until the client cancels it or the server shuts down.
   */
  Subscribe(argument: _citybrain_v1_SubscribeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_citybrain_v1_SubscribeResponse__Output>;
  Subscribe(argument: _citybrain_v1_SubscribeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_citybrain_v1_SubscribeResponse__Output>;
  /**
   * Streams alerts as they fire and resolve, with heartbeats while idle. The stream stays open
   * until the client cancels it or the server shuts down.
   */
  subscribe(argument: _citybrain_v1_SubscribeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_citybrain_v1_SubscribeResponse__Output>;
  subscribe(argument: _citybrain_v1_SubscribeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_citybrain_v1_SubscribeResponse__Output>;
  
}

/**
 * Streams and lists alerts, filtered by area, grid, severity and kind.
 */
export interface AlertServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Returns the alerts currently firing.
   */
  ListActiveAlerts: grpc.handleUnaryCall<_citybrain_v1_ListActiveAlertsRequest__Output, _citybrain_v1_ListActiveAlertsResponse>;
  
  /**
   * Streams alerts as they fire and resolve, with heartbeats while idle. The stream stays open
   * until the client cancels it or the server shuts down.
   */
  Subscribe: grpc.handleServerStreamingCall<_citybrain_v1_SubscribeRequest__Output, _citybrain_v1_SubscribeResponse>;
  
}

export interface AlertServiceDefinition extends grpc.ServiceDefinition {
  ListActiveAlerts: MethodDefinition<_citybrain_v1_ListActiveAlertsRequest, _citybrain_v1_ListActiveAlertsResponse, _citybrain_v1_ListActiveAlertsRequest__Output, _citybrain_v1_ListActiveAlertsResponse__Output>
  Subscribe: MethodDefinition<_citybrain_v1_SubscribeRequest, _citybrain_v1_SubscribeResponse, _citybrain_v1_SubscribeRequest__Output, _citybrain_v1_SubscribeResponse__Output>
}
