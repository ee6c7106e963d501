/**
 * The operations centre's live board: a bundled single-page app (`web/`) and the small server that
 * serves it and bridges gRPC-Web to the gateway's `citybrain.v1` services byte for byte, forwarding
 * the caller's bearer token, so the board speaks the same API as every other client.
 *
 * @example
 * ```ts
 * import { loadBoardConfig, startBoard } from '@citybrain/board';
 * const board = await startBoard(loadBoardConfig(process.env), logger);
 * console.log(board.url); // http://127.0.0.1:8080/
 * await board.close();
 * ```
 */
export { loadBoardConfig, type BoardConfig, type GatewayTransport } from './config';
export { startBoard, type BoardHandle } from './board-server';
export { GrpcWebBridge } from './grpc-web-bridge';
export {
  createBoardMetrics,
  bridgeObserver,
  methodLabel,
  codeLabel,
  type BoardMetrics,
  type BridgeObserver,
} from './metrics';
export { methodTable, type MethodShape } from './method-table';
export {
  DATA_FRAME,
  TRAILER_FRAME,
  GRPC_WEB_CONTENT_TYPE,
  FrameParser,
  GrpcWebFrameError,
  encodeFrame,
  encodeTrailers,
  parseTrailers,
  encodeGrpcMessage,
  decodeGrpcMessage,
  type GrpcWebFrame,
} from './grpc-web-frames';
export { resolveStaticPath, serveStatic } from './static-files';
export { BoardError, type BoardErrorCode } from './errors';
