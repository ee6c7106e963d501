import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ProtoLoadError } from './errors';
import type { ProtoGrpcType } from './generated/alert_service';
import { LOADER_OPTIONS } from './loader-options';
import { PROTO_FILES, PROTO_ROOT_DIR } from './proto-files';

let cachedDefinition: protoLoader.PackageDefinition | undefined;
let cachedGrpcObject: ProtoGrpcType | undefined;

/**
 * The proto-loader package definition of every citybrain proto file, loaded once with
 * {@link LOADER_OPTIONS} and cached. Give it to `grpc.loadPackageDefinition` for servers and
 * clients, or to a reflection service.
 *
 * @throws ProtoLoadError when the proto files cannot be read or parsed.
 */
export function loadPackageDefinition(): protoLoader.PackageDefinition {
  if (cachedDefinition === undefined) {
    try {
      cachedDefinition = protoLoader.loadSync([...PROTO_FILES], {
        ...LOADER_OPTIONS,
        includeDirs: [PROTO_ROOT_DIR],
      });
    } catch (err: unknown) {
      throw new ProtoLoadError(PROTO_ROOT_DIR, err);
    }
  }
  return cachedDefinition;
}

/**
 * The gRPC object of {@link loadPackageDefinition}, typed: `loadGrpcObject().citybrain.v1.AlertService`
 * is the client constructor and its `.service` the service definition for `server.addService`.
 * Cached.
 *
 * @throws ProtoLoadError when the proto files cannot be read or parsed.
 */
export function loadGrpcObject(): ProtoGrpcType {
  cachedGrpcObject ??= grpc.loadPackageDefinition(loadPackageDefinition()) as unknown as ProtoGrpcType;
  return cachedGrpcObject;
}
