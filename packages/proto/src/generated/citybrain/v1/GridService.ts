// Original file: ../../proto/citybrain/v1/alert_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetGridStateRequest as _citybrain_v1_GetGridStateRequest, GetGridStateRequest__Output as _citybrain_v1_GetGridStateRequest__Output } from '../../citybrain/v1/GetGridStateRequest';
import type { GetGridStateResponse as _citybrain_v1_GetGridStateResponse, GetGridStateResponse__Output as _citybrain_v1_GetGridStateResponse__Output } from '../../citybrain/v1/GetGridStateResponse';
import type { ListGridsRequest as _citybrain_v1_ListGridsRequest, ListGridsRequest__Output as _citybrain_v1_ListGridsRequest__Output } from '../../citybrain/v1/ListGridsRequest';
import type { ListGridsResponse as _citybrain_v1_ListGridsResponse, ListGridsResponse__Output as _citybrain_v1_ListGridsResponse__Output } from '../../citybrain/v1/ListGridsResponse';

/**
 * The grid hierarchy and the latest window state of a grid.
 */
export interface GridServiceClient extends grpc.Client {
  /**
   * The latest window aggregates and the open alerts of one grid.
   */
  GetGridState(argument: _citybrain_v1_GetGridStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetGridStateResponse__Output>): grpc.ClientUnaryCall;
  GetGridState(argument: _citybrain_v1_GetGridStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_GetGridStateResponse__Output>): grpc.ClientUnaryCall;
  GetGridState(argument: _citybrain_v1_GetGridStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetGridStateResponse__Output>): grpc.ClientUnaryCall;
  GetGridState(argument: _citybrain_v1_GetGridStateRequest, callback: grpc.requestCallback<_citybrain_v1_GetGridStateResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The latest window aggregates and the open alerts of one grid.
   */
  getGridState(argument: _citybrain_v1_GetGridStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetGridStateResponse__Output>): grpc.ClientUnaryCall;
  getGridState(argument: _citybrain_v1_GetGridStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_GetGridStateResponse__Output>): grpc.ClientUnaryCall;
  getGridState(argument: _citybrain_v1_GetGridStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetGridStateResponse__Output>): grpc.ClientUnaryCall;
  getGridState(argument: _citybrain_v1_GetGridStateRequest, callback: grpc.requestCallback<_citybrain_v1_GetGridStateResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Areas, large grids and grids, as the grid registry describes them (within the caller's scope).
   */
  ListGrids(argument: _citybrain_v1_ListGridsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListGridsResponse__Output>): grpc.ClientUnaryCall;
  ListGrids(argument: _citybrain_v1_ListGridsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListGridsResponse__Output>): grpc.ClientUnaryCall;
  ListGrids(argument: _citybrain_v1_ListGridsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListGridsResponse__Output>): grpc.ClientUnaryCall;
  ListGrids(argument: _citybrain_v1_ListGridsRequest, callback: grpc.requestCallback<_citybrain_v1_ListGridsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Areas, large grids and grids, as the grid registry describes them (within the caller's scope).
   */
  listGrids(argument: _citybrain_v1_ListGridsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListGridsResponse__Output>): grpc.ClientUnaryCall;
  listGrids(argument: _citybrain_v1_ListGridsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListGridsResponse__Output>): grpc.ClientUnaryCall;
  listGrids(argument: _citybrain_v1_ListGridsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListGridsResponse__Output>): grpc.ClientUnaryCall;
  listGrids(argument: _citybrain_v1_ListGridsRequest, callback: grpc.requestCallback<_citybrain_v1_ListGridsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * The grid hierarchy and the latest window state of a grid.
 */
export interface GridServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The latest window aggregates and the open alerts of one grid.
   */
  GetGridState: grpc.handleUnaryCall<_citybrain_v1_GetGridStateRequest__Output, _citybrain_v1_GetGridStateResponse>;
  
  /**
   * Areas, large grids and grids, as the grid registry describes them (within the caller's scope).
   */
  ListGrids: grpc.handleUnaryCall<_citybrain_v1_ListGridsRequest__Output, _citybrain_v1_ListGridsResponse>;
  
}

export interface GridServiceDefinition extends grpc.ServiceDefinition {
  GetGridState: MethodDefinition<_citybrain_v1_GetGridStateRequest, _citybrain_v1_GetGridStateResponse, _citybrain_v1_GetGridStateRequest__Output, _citybrain_v1_GetGridStateResponse__Output>
  ListGrids: MethodDefinition<_citybrain_v1_ListGridsRequest, _citybrain_v1_ListGridsResponse, _citybrain_v1_ListGridsRequest__Output, _citybrain_v1_ListGridsResponse__Output>
}
