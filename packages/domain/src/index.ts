/**
 * Plain domain types of citybrain, shared by the pure core and the I/O edges. Wire types
 * (protobuf) live in `@citybrain/proto`; converters between the two live in `@citybrain/codec`.
 *
 * @example
 * ```ts
 * import type { CityEvent, Alert } from '@citybrain/domain';
 * import { severityRank } from '@citybrain/domain';
 * const worse = (a: Alert, b: Alert) => severityRank(a.severity) > severityRank(b.severity);
 * ```
 */
export * from './events';
export * from './alerts';
export * from './cases';
