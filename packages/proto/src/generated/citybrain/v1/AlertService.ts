// Original file: ../../proto/citybrain/v1/alert_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcknowledgeAlertRequest as _citybrain_v1_AcknowledgeAlertRequest, AcknowledgeAlertRequest__Output as _citybrain_v1_AcknowledgeAlertRequest__Output } from '../../citybrain/v1/AcknowledgeAlertRequest';
import type { AcknowledgeAlertResponse as _citybrain_v1_AcknowledgeAlertResponse, AcknowledgeAlertResponse__Output as _citybrain_v1_AcknowledgeAlertResponse__Output } from '../../citybrain/v1/AcknowledgeAlertResponse';
import type { CreateSilenceRequest as _citybrain_v1_CreateSilenceRequest, CreateSilenceRequest__Output as _citybrain_v1_CreateSilenceRequest__Output } from '../../citybrain/v1/CreateSilenceRequest';
import type { CreateSilenceResponse as _citybrain_v1_CreateSilenceResponse, CreateSilenceResponse__Output as _citybrain_v1_CreateSilenceResponse__Output } from '../../citybrain/v1/CreateSilenceResponse';
import type { ExpireSilenceRequest as _citybrain_v1_ExpireSilenceRequest, ExpireSilenceRequest__Output as _citybrain_v1_ExpireSilenceRequest__Output } from '../../citybrain/v1/ExpireSilenceRequest';
import type { ExpireSilenceResponse as _citybrain_v1_ExpireSilenceResponse, ExpireSilenceResponse__Output as _citybrain_v1_ExpireSilenceResponse__Output } from '../../citybrain/v1/ExpireSilenceResponse';
import type { GetAlertRequest as _citybrain_v1_GetAlertRequest, GetAlertRequest__Output as _citybrain_v1_GetAlertRequest__Output } from '../../citybrain/v1/GetAlertRequest';
import type { GetAlertResponse as _citybrain_v1_GetAlertResponse, GetAlertResponse__Output as _citybrain_v1_GetAlertResponse__Output } from '../../citybrain/v1/GetAlertResponse';
import type { ListActiveAlertsRequest as _citybrain_v1_ListActiveAlertsRequest, ListActiveAlertsRequest__Output as _citybrain_v1_ListActiveAlertsRequest__Output } from '../../citybrain/v1/ListActiveAlertsRequest';
import type { ListActiveAlertsResponse as _citybrain_v1_ListActiveAlertsResponse, ListActiveAlertsResponse__Output as _citybrain_v1_ListActiveAlertsResponse__Output } from '../../citybrain/v1/ListActiveAlertsResponse';
import type { ListAlertsRequest as _citybrain_v1_ListAlertsRequest, ListAlertsRequest__Output as _citybrain_v1_ListAlertsRequest__Output } from '../../citybrain/v1/ListAlertsRequest';
import type { ListAlertsResponse as _citybrain_v1_ListAlertsResponse, ListAlertsResponse__Output as _citybrain_v1_ListAlertsResponse__Output } from '../../citybrain/v1/ListAlertsResponse';
import type { ListSilencesRequest as _citybrain_v1_ListSilencesRequest, ListSilencesRequest__Output as _citybrain_v1_ListSilencesRequest__Output } from '../../citybrain/v1/ListSilencesRequest';
import type { ListSilencesResponse as _citybrain_v1_ListSilencesResponse, ListSilencesResponse__Output as _citybrain_v1_ListSilencesResponse__Output } from '../../citybrain/v1/ListSilencesResponse';
import type { SubscribeRequest as _citybrain_v1_SubscribeRequest, SubscribeRequest__Output as _citybrain_v1_SubscribeRequest__Output } from '../../citybrain/v1/SubscribeRequest';
import type { SubscribeResponse as _citybrain_v1_SubscribeResponse, SubscribeResponse__Output as _citybrain_v1_SubscribeResponse__Output } from '../../citybrain/v1/SubscribeResponse';

/**
 * Streams, lists, acknowledges and silences alerts, filtered by area, grid, severity, kind and
 * status.
 */
export interface AlertServiceClient extends grpc.Client {
  /**
   * Acknowledges an alert: who and why. The acknowledgement is also streamed to subscribers.
   */
  AcknowledgeAlert(argument: _citybrain_v1_AcknowledgeAlertRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_AcknowledgeAlertResponse__Output>): grpc.ClientUnaryCall;
  AcknowledgeAlert(argument: _citybrain_v1_AcknowledgeAlertRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_AcknowledgeAlertResponse__Output>): grpc.ClientUnaryCall;
  AcknowledgeAlert(argument: _citybrain_v1_AcknowledgeAlertRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_AcknowledgeAlertResponse__Output>): grpc.ClientUnaryCall;
  AcknowledgeAlert(argument: _citybrain_v1_AcknowledgeAlertRequest, callback: grpc.requestCallback<_citybrain_v1_AcknowledgeAlertResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Acknowledges an alert: who and why. The acknowledgement is also streamed to subscribers.
   */
  acknowledgeAlert(argument: _citybrain_v1_AcknowledgeAlertRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_AcknowledgeAlertResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeAlert(argument: _citybrain_v1_AcknowledgeAlertRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_AcknowledgeAlertResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeAlert(argument: _citybrain_v1_AcknowledgeAlertRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_AcknowledgeAlertResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeAlert(argument: _citybrain_v1_AcknowledgeAlertRequest, callback: grpc.requestCallback<_citybrain_v1_AcknowledgeAlertResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates a silence: matching alerts are not streamed until it ends (Alertmanager semantics).
   */
  CreateSilence(argument: _citybrain_v1_CreateSilenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_CreateSilenceResponse__Output>): grpc.ClientUnaryCall;
  CreateSilence(argument: _citybrain_v1_CreateSilenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_CreateSilenceResponse__Output>): grpc.ClientUnaryCall;
  CreateSilence(argument: _citybrain_v1_CreateSilenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_CreateSilenceResponse__Output>): grpc.ClientUnaryCall;
  CreateSilence(argument: _citybrain_v1_CreateSilenceRequest, callback: grpc.requestCallback<_citybrain_v1_CreateSilenceResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a silence: matching alerts are not streamed until it ends (Alertmanager semantics).
   */
  createSilence(argument: _citybrain_v1_CreateSilenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_CreateSilenceResponse__Output>): grpc.ClientUnaryCall;
  createSilence(argument: _citybrain_v1_CreateSilenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_CreateSilenceResponse__Output>): grpc.ClientUnaryCall;
  createSilence(argument: _citybrain_v1_CreateSilenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_CreateSilenceResponse__Output>): grpc.ClientUnaryCall;
  createSilence(argument: _citybrain_v1_CreateSilenceRequest, callback: grpc.requestCallback<_citybrain_v1_CreateSilenceResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Ends a silence now.
   */
  ExpireSilence(argument: _citybrain_v1_ExpireSilenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ExpireSilenceResponse__Output>): grpc.ClientUnaryCall;
  ExpireSilence(argument: _citybrain_v1_ExpireSilenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ExpireSilenceResponse__Output>): grpc.ClientUnaryCall;
  ExpireSilence(argument: _citybrain_v1_ExpireSilenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ExpireSilenceResponse__Output>): grpc.ClientUnaryCall;
  ExpireSilence(argument: _citybrain_v1_ExpireSilenceRequest, callback: grpc.requestCallback<_citybrain_v1_ExpireSilenceResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Ends a silence now.
   */
  expireSilence(argument: _citybrain_v1_ExpireSilenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ExpireSilenceResponse__Output>): grpc.ClientUnaryCall;
  expireSilence(argument: _citybrain_v1_ExpireSilenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ExpireSilenceResponse__Output>): grpc.ClientUnaryCall;
  expireSilence(argument: _citybrain_v1_ExpireSilenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ExpireSilenceResponse__Output>): grpc.ClientUnaryCall;
  expireSilence(argument: _citybrain_v1_ExpireSilenceRequest, callback: grpc.requestCallback<_citybrain_v1_ExpireSilenceResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns one alert with its state.
   */
  GetAlert(argument: _citybrain_v1_GetAlertRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetAlertResponse__Output>): grpc.ClientUnaryCall;
  GetAlert(argument: _citybrain_v1_GetAlertRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_GetAlertResponse__Output>): grpc.ClientUnaryCall;
  GetAlert(argument: _citybrain_v1_GetAlertRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetAlertResponse__Output>): grpc.ClientUnaryCall;
  GetAlert(argument: _citybrain_v1_GetAlertRequest, callback: grpc.requestCallback<_citybrain_v1_GetAlertResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns one alert with its state.
   */
  getAlert(argument: _citybrain_v1_GetAlertRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetAlertResponse__Output>): grpc.ClientUnaryCall;
  getAlert(argument: _citybrain_v1_GetAlertRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_GetAlertResponse__Output>): grpc.ClientUnaryCall;
  getAlert(argument: _citybrain_v1_GetAlertRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetAlertResponse__Output>): grpc.ClientUnaryCall;
  getAlert(argument: _citybrain_v1_GetAlertRequest, callback: grpc.requestCallback<_citybrain_v1_GetAlertResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns the alerts currently firing and not silenced or inhibited.
   */
  ListActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  ListActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  ListActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  ListActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns the alerts currently firing and not silenced or inhibited.
   */
  listActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  listActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  listActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  listActiveAlerts(argument: _citybrain_v1_ListActiveAlertsRequest, callback: grpc.requestCallback<_citybrain_v1_ListActiveAlertsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists alerts (firing and recently resolved) with their state, page by page.
   */
  ListAlerts(argument: _citybrain_v1_ListAlertsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListAlertsResponse__Output>): grpc.ClientUnaryCall;
  ListAlerts(argument: _citybrain_v1_ListAlertsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListAlertsResponse__Output>): grpc.ClientUnaryCall;
  ListAlerts(argument: _citybrain_v1_ListAlertsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListAlertsResponse__Output>): grpc.ClientUnaryCall;
  ListAlerts(argument: _citybrain_v1_ListAlertsRequest, callback: grpc.requestCallback<_citybrain_v1_ListAlertsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists alerts (firing and recently resolved) with their state, page by page.
   */
  listAlerts(argument: _citybrain_v1_ListAlertsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListAlertsResponse__Output>): grpc.ClientUnaryCall;
  listAlerts(argument: _citybrain_v1_ListAlertsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListAlertsResponse__Output>): grpc.ClientUnaryCall;
  listAlerts(argument: _citybrain_v1_ListAlertsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListAlertsResponse__Output>): grpc.ClientUnaryCall;
  listAlerts(argument: _citybrain_v1_ListAlertsRequest, callback: grpc.requestCallback<_citybrain_v1_ListAlertsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists silences, active, pending and expired.
   */
  ListSilences(argument: _citybrain_v1_ListSilencesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListSilencesResponse__Output>): grpc.ClientUnaryCall;
  ListSilences(argument: _citybrain_v1_ListSilencesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListSilencesResponse__Output>): grpc.ClientUnaryCall;
  ListSilences(argument: _citybrain_v1_ListSilencesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListSilencesResponse__Output>): grpc.ClientUnaryCall;
  ListSilences(argument: _citybrain_v1_ListSilencesRequest, callback: grpc.requestCallback<_citybrain_v1_ListSilencesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists silences, active, pending and expired.
   */
  listSilences(argument: _citybrain_v1_ListSilencesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListSilencesResponse__Output>): grpc.ClientUnaryCall;
  listSilences(argument: _citybrain_v1_ListSilencesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListSilencesResponse__Output>): grpc.ClientUnaryCall;
  listSilences(argument: _citybrain_v1_ListSilencesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListSilencesResponse__Output>): grpc.ClientUnaryCall;
  listSilences(argument: _citybrain_v1_ListSilencesRequest, callback: grpc.requestCallback<_citybrain_v1_ListSilencesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Streams alerts as they fire and resolve, acknowledgements as they are made, and heartbeats
   * while idle. Every message carries a position; reconnecting with `resume_from` set to the last
   * position received continues with no gap and no duplicate. The stream stays open until the
   * client cancels it or the server shuts down.
   */
  Subscribe(argument: _citybrain_v1_SubscribeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_citybrain_v1_SubscribeResponse__Output>;
  Subscribe(argument: _citybrain_v1_SubscribeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_citybrain_v1_SubscribeResponse__Output>;
  /**
   * Streams alerts as they fire and resolve, acknowledgements as they are made, and heartbeats
   * while idle. Every message carries a position; reconnecting with `resume_from` set to the last
   * position received continues with no gap and no duplicate. The stream stays open until the
   * client cancels it or the server shuts down.
   */
  subscribe(argument: _citybrain_v1_SubscribeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_citybrain_v1_SubscribeResponse__Output>;
  subscribe(argument: _citybrain_v1_SubscribeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_citybrain_v1_SubscribeResponse__Output>;
  
}

/**
 * Streams, lists, acknowledges and silences alerts, filtered by area, grid, severity, kind and
 * status.
 */
export interface AlertServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Acknowledges an alert: who and why. The acknowledgement is also streamed to subscribers.
   */
  AcknowledgeAlert: grpc.handleUnaryCall<_citybrain_v1_AcknowledgeAlertRequest__Output, _citybrain_v1_AcknowledgeAlertResponse>;
  
  /**
   * Creates a silence: matching alerts are not streamed until it ends (Alertmanager semantics).
   */
  CreateSilence: grpc.handleUnaryCall<_citybrain_v1_CreateSilenceRequest__Output, _citybrain_v1_CreateSilenceResponse>;
  
  /**
   * Ends a silence now.
   */
  ExpireSilence: grpc.handleUnaryCall<_citybrain_v1_ExpireSilenceRequest__Output, _citybrain_v1_ExpireSilenceResponse>;
  
  /**
   * Returns one alert with its state.
   */
  GetAlert: grpc.handleUnaryCall<_citybrain_v1_GetAlertRequest__Output, _citybrain_v1_GetAlertResponse>;
  
  /**
   * Returns the alerts currently firing and not silenced or inhibited.
   */
  ListActiveAlerts: grpc.handleUnaryCall<_citybrain_v1_ListActiveAlertsRequest__Output, _citybrain_v1_ListActiveAlertsResponse>;
  
  /**
   * Lists alerts (firing and recently resolved) with their state, page by page.
   */
  ListAlerts: grpc.handleUnaryCall<_citybrain_v1_ListAlertsRequest__Output, _citybrain_v1_ListAlertsResponse>;
  
  /**
   * Lists silences, active, pending and expired.
   */
  ListSilences: grpc.handleUnaryCall<_citybrain_v1_ListSilencesRequest__Output, _citybrain_v1_ListSilencesResponse>;
  
  /**
   * Streams alerts as they fire and resolve, acknowledgements as they are made, and heartbeats
   * while idle. Every message carries a position; reconnecting with `resume_from` set to the last
   * position received continues with no gap and no duplicate. The stream stays open until the
   * client cancels it or the server shuts down.
   */
  Subscribe: grpc.handleServerStreamingCall<_citybrain_v1_SubscribeRequest__Output, _citybrain_v1_SubscribeResponse>;
  
}

export interface AlertServiceDefinition extends grpc.ServiceDefinition {
  AcknowledgeAlert: MethodDefinition<_citybrain_v1_AcknowledgeAlertRequest, _citybrain_v1_AcknowledgeAlertResponse, _citybrain_v1_AcknowledgeAlertRequest__Output, _citybrain_v1_AcknowledgeAlertResponse__Output>
  CreateSilence: MethodDefinition<_citybrain_v1_CreateSilenceRequest, _citybrain_v1_CreateSilenceResponse, _citybrain_v1_CreateSilenceRequest__Output, _citybrain_v1_CreateSilenceResponse__Output>
  ExpireSilence: MethodDefinition<_citybrain_v1_ExpireSilenceRequest, _citybrain_v1_ExpireSilenceResponse, _citybrain_v1_ExpireSilenceRequest__Output, _citybrain_v1_ExpireSilenceResponse__Output>
  GetAlert: MethodDefinition<_citybrain_v1_GetAlertRequest, _citybrain_v1_GetAlertResponse, _citybrain_v1_GetAlertRequest__Output, _citybrain_v1_GetAlertResponse__Output>
  ListActiveAlerts: MethodDefinition<_citybrain_v1_ListActiveAlertsRequest, _citybrain_v1_ListActiveAlertsResponse, _citybrain_v1_ListActiveAlertsRequest__Output, _citybrain_v1_ListActiveAlertsResponse__Output>
  ListAlerts: MethodDefinition<_citybrain_v1_ListAlertsRequest, _citybrain_v1_ListAlertsResponse, _citybrain_v1_ListAlertsRequest__Output, _citybrain_v1_ListAlertsResponse__Output>
  ListSilences: MethodDefinition<_citybrain_v1_ListSilencesRequest, _citybrain_v1_ListSilencesResponse, _citybrain_v1_ListSilencesRequest__Output, _citybrain_v1_ListSilencesResponse__Output>
  Subscribe: MethodDefinition<_citybrain_v1_SubscribeRequest, _citybrain_v1_SubscribeResponse, _citybrain_v1_SubscribeRequest__Output, _citybrain_v1_SubscribeResponse__Output>
}
