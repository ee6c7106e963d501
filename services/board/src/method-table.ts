import type { PackageDefinition } from '@grpc/proto-loader';

/** The streaming shape of one gRPC method, which is all a byte-level bridge needs to know. */
export interface MethodShape {
  /** `/package.Service/Method`. */
  readonly path: string;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
}

/**
 * Every method of every service in a proto-loader package definition, by path. Built from the
 * contract, so a method added to the proto is bridged without any code here.
 *
 * @param servicePrefix only services whose full name starts with it (default `citybrain.`: the
 *   bridge exposes the API, not the gateway's health or reflection services).
 */
export function methodTable(
  definition: PackageDefinition,
  servicePrefix = 'citybrain.',
): ReadonlyMap<string, MethodShape> {
  const table = new Map<string, MethodShape>();
  for (const [name, value] of Object.entries(definition)) {
    // Message and enum entries carry `format`; service definitions are maps of method definitions.
    if (!name.startsWith(servicePrefix) || 'format' in value) continue;
    for (const method of Object.values(value as Record<string, Partial<MethodShape>>)) {
      if (typeof method.path !== 'string') continue;
      table.set(method.path, {
        path: method.path,
        requestStream: method.requestStream === true,
        responseStream: method.responseStream === true,
      });
    }
  }
  return table;
}
