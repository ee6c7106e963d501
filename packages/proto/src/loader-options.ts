/**
 * Conversion options shared by every place that turns protobuf messages into plain objects: the
 * gRPC runtime (proto-loader), the generated TypeScript types (`proto-loader-gen-types`, see
 * `scripts/gen.ts`) and Kafka payload decoding (protobufjs `Type.toObject`). Keeping one constant
 * keeps the three shapes identical:
 * - camelCase field names (`keepCase: false`);
 * - 64-bit integers as decimal strings (`longs: String`), e.g. `Timestamp.seconds`;
 * - enums as their names, e.g. `'SEVERITY_HIGH'` (`enums: String`);
 * - every field present, absent messages as `null` (`defaults: true`);
 * - a virtual property naming the member set in each oneof, e.g. `payload: 'observation'` (`oneofs: true`).
 */
export const LOADER_OPTIONS = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
} as const;
