// Original file: ../../proto/citybrain/v1/alert_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetGridHistoryRequest as _citybrain_v1_GetGridHistoryRequest, GetGridHistoryRequest__Output as _citybrain_v1_GetGridHistoryRequest__Output } from '../../citybrain/v1/GetGridHistoryRequest';
import type { GetGridHistoryResponse as _citybrain_v1_GetGridHistoryResponse, GetGridHistoryResponse__Output as _citybrain_v1_GetGridHistoryResponse__Output } from '../../citybrain/v1/GetGridHistoryResponse';
import type { GetGridStateRequest as _citybrain_v1_GetGridStateRequest, GetGridStateRequest__Output as _citybrain_v1_GetGridStateRequest__Output } from '../../citybrain/v1/GetGridStateRequest';
import type { GetGridStateResponse as _citybrain_v1_GetGridStateResponse, GetGridStateResponse__Output as _citybrain_v1_GetGridStateResponse__Output } from '../../citybrain/v1/GetGridStateResponse';
import type { GetKpisRequest as _citybrain_v1_GetKpisRequest, GetKpisRequest__Output as _citybrain_v1_GetKpisRequest__Output } from '../../citybrain/v1/GetKpisRequest';
import type { GetKpisResponse as _citybrain_v1_GetKpisResponse, GetKpisResponse__Output as _citybrain_v1_GetKpisResponse__Output } from '../../citybrain/v1/GetKpisResponse';
import type { ListGridsRequest as _citybrain_v1_ListGridsRequest, ListGridsRequest__Output as _citybrain_v1_ListGridsRequest__Output } from '../../citybrain/v1/ListGridsRequest';
import type { ListGridsResponse as _citybrain_v1_ListGridsResponse, ListGridsResponse__Output as _citybrain_v1_ListGridsResponse__Output } from '../../citybrain/v1/ListGridsResponse';
import type { ListOpenCasesRequest as _citybrain_v1_ListOpenCasesRequest, ListOpenCasesRequest__Output as _citybrain_v1_ListOpenCasesRequest__Output } from '../../citybrain/v1/ListOpenCasesRequest';
import type { ListOpenCasesResponse as _citybrain_v1_ListOpenCasesResponse, ListOpenCasesResponse__Output as _citybrain_v1_ListOpenCasesResponse__Output } from '../../citybrain/v1/ListOpenCasesResponse';

/**
 * The grid hierarchy and the latest window state of a grid.
 */
export interface GridServiceClient extends grpc.Client {
  /**
   * The final windows of one grid over a recent span (the last hour by default), oldest first:
   * what a drill-down charts.
   */
  GetGridHistory(argument: _citybrain_v1_GetGridHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetGridHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetGridHistory(argument: _citybrain_v1_GetGridHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_GetGridHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetGridHistory(argument: _citybrain_v1_GetGridHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetGridHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetGridHistory(argument: _citybrain_v1_GetGridHistoryRequest, callback: grpc.requestCallback<_citybrain_v1_GetGridHistoryResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The final windows of one grid over a recent span (the last hour by default), oldest first:
   * what a drill-down charts.
   */
  getGridHistory(argument: _citybrain_v1_GetGridHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetGridHistoryResponse__Output>): grpc.ClientUnaryCall;
  getGridHistory(argument: _citybrain_v1_GetGridHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_GetGridHistoryResponse__Output>): grpc.ClientUnaryCall;
  getGridHistory(argument: _citybrain_v1_GetGridHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetGridHistoryResponse__Output>): grpc.ClientUnaryCall;
  getGridHistory(argument: _citybrain_v1_GetGridHistoryRequest, callback: grpc.requestCallback<_citybrain_v1_GetGridHistoryResponse__Output>): grpc.ClientUnaryCall;
  
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
   * The city's KPIs per area: work orders closed on time (按期结案率), permit lead time against the
   * 8-day commitment, alerts raised. Sums of the same facts the processor's metrics count.
   */
  GetKpis(argument: _citybrain_v1_GetKpisRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetKpisResponse__Output>): grpc.ClientUnaryCall;
  GetKpis(argument: _citybrain_v1_GetKpisRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_GetKpisResponse__Output>): grpc.ClientUnaryCall;
  GetKpis(argument: _citybrain_v1_GetKpisRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetKpisResponse__Output>): grpc.ClientUnaryCall;
  GetKpis(argument: _citybrain_v1_GetKpisRequest, callback: grpc.requestCallback<_citybrain_v1_GetKpisResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The city's KPIs per area: work orders closed on time (按期结案率), permit lead time against the
   * 8-day commitment, alerts raised. Sums of the same facts the processor's metrics count.
   */
  getKpis(argument: _citybrain_v1_GetKpisRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetKpisResponse__Output>): grpc.ClientUnaryCall;
  getKpis(argument: _citybrain_v1_GetKpisRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_GetKpisResponse__Output>): grpc.ClientUnaryCall;
  getKpis(argument: _citybrain_v1_GetKpisRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_GetKpisResponse__Output>): grpc.ClientUnaryCall;
  getKpis(argument: _citybrain_v1_GetKpisRequest, callback: grpc.requestCallback<_citybrain_v1_GetKpisResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  /**
   * The work orders and permits the rules hold open, with their stage and deadlines, in a grid or
   * an area (within the caller's scope).
   */
  ListOpenCases(argument: _citybrain_v1_ListOpenCasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListOpenCasesResponse__Output>): grpc.ClientUnaryCall;
  ListOpenCases(argument: _citybrain_v1_ListOpenCasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListOpenCasesResponse__Output>): grpc.ClientUnaryCall;
  ListOpenCases(argument: _citybrain_v1_ListOpenCasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListOpenCasesResponse__Output>): grpc.ClientUnaryCall;
  ListOpenCases(argument: _citybrain_v1_ListOpenCasesRequest, callback: grpc.requestCallback<_citybrain_v1_ListOpenCasesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The work orders and permits the rules hold open, with their stage and deadlines, in a grid or
   * an area (within the caller's scope).
   */
  listOpenCases(argument: _citybrain_v1_ListOpenCasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListOpenCasesResponse__Output>): grpc.ClientUnaryCall;
  listOpenCases(argument: _citybrain_v1_ListOpenCasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_citybrain_v1_ListOpenCasesResponse__Output>): grpc.ClientUnaryCall;
  listOpenCases(argument: _citybrain_v1_ListOpenCasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_citybrain_v1_ListOpenCasesResponse__Output>): grpc.ClientUnaryCall;
  listOpenCases(argument: _citybrain_v1_ListOpenCasesRequest, callback: grpc.requestCallback<_citybrain_v1_ListOpenCasesResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * The grid hierarchy and the latest window state of a grid.
 */
export interface GridServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The final windows of one grid over a recent span (the last hour by default), oldest first:
   * what a drill-down charts.
   */
  GetGridHistory: grpc.handleUnaryCall<_citybrain_v1_GetGridHistoryRequest__Output, _citybrain_v1_GetGridHistoryResponse>;
  
  /**
   * The latest window aggregates and the open alerts of one grid.
   */
  GetGridState: grpc.handleUnaryCall<_citybrain_v1_GetGridStateRequest__Output, _citybrain_v1_GetGridStateResponse>;
  
  /**
   * The city's KPIs per area: work orders closed on time (按期结案率), permit lead time against the
   * 8-day commitment, alerts raised. Sums of the same facts the processor's metrics count.
   */
  GetKpis: grpc.handleUnaryCall<_citybrain_v1_GetKpisRequest__Output, _citybrain_v1_GetKpisResponse>;
  
  /**
   * Areas, large grids and grids, as the grid registry describes them (within the caller's scope).
   */
  ListGrids: grpc.handleUnaryCall<_citybrain_v1_ListGridsRequest__Output, _citybrain_v1_ListGridsResponse>;
  
  /**
   * The work orders and permits the rules hold open, with their stage and deadlines, in a grid or
   * an area (within the caller's scope).
   */
  ListOpenCases: grpc.handleUnaryCall<_citybrain_v1_ListOpenCasesRequest__Output, _citybrain_v1_ListOpenCasesResponse>;
  
}

export interface GridServiceDefinition extends grpc.ServiceDefinition {
  GetGridHistory: MethodDefinition<_citybrain_v1_GetGridHistoryRequest, _citybrain_v1_GetGridHistoryResponse, _citybrain_v1_GetGridHistoryRequest__Output, _citybrain_v1_GetGridHistoryResponse__Output>
  GetGridState: MethodDefinition<_citybrain_v1_GetGridStateRequest, _citybrain_v1_GetGridStateResponse, _citybrain_v1_GetGridStateRequest__Output, _citybrain_v1_GetGridStateResponse__Output>
  GetKpis: MethodDefinition<_citybrain_v1_GetKpisRequest, _citybrain_v1_GetKpisResponse, _citybrain_v1_GetKpisRequest__Output, _citybrain_v1_GetKpisResponse__Output>
  ListGrids: MethodDefinition<_citybrain_v1_ListGridsRequest, _citybrain_v1_ListGridsResponse, _citybrain_v1_ListGridsRequest__Output, _citybrain_v1_ListGridsResponse__Output>
  ListOpenCases: MethodDefinition<_citybrain_v1_ListOpenCasesRequest, _citybrain_v1_ListOpenCasesResponse, _citybrain_v1_ListOpenCasesRequest__Output, _citybrain_v1_ListOpenCasesResponse__Output>
}
