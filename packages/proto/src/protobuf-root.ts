import { join } from 'node:path';
import protobuf from 'protobufjs';
import { ProtoLoadError } from './errors';
import { LOADER_OPTIONS } from './loader-options';
import { PROTO_FILES, PROTO_ROOT_DIR } from './proto-files';

let cachedRoot: protobuf.Root | undefined;

/**
 * A protobufjs `Root` of every citybrain proto file (field names camelCase, as with
 * {@link LOADER_OPTIONS}), resolved and cached. Used to encode and decode Kafka payloads:
 * `protobufRoot().lookupType('citybrain.v1.Alert')`. Convert decoded messages with
 * `type.toObject(message, LOADER_OPTIONS)` to get the same shape as gRPC.
 * `google/protobuf/*` imports resolve to the copies bundled with protobufjs.
 *
 * @throws ProtoLoadError when the proto files cannot be read or parsed.
 */
export function protobufRoot(): protobuf.Root {
  if (cachedRoot === undefined) {
    try {
      const root = new protobuf.Root();
      root.resolvePath = (_origin, target) =>
        target.startsWith('google/protobuf/') ? target : join(PROTO_ROOT_DIR, target);
      root.loadSync([...PROTO_FILES], { keepCase: LOADER_OPTIONS.keepCase });
      root.resolveAll();
      cachedRoot = root;
    } catch (err: unknown) {
      throw new ProtoLoadError(PROTO_ROOT_DIR, err);
    }
  }
  return cachedRoot;
}
