/** Record formats: protobuf binary, or the protobuf JSON mapping of the same message. */
export type RecordFormat = 'protobuf' | 'json';

/** Name of the Kafka header that tells the record format. */
export const CONTENT_TYPE_HEADER = 'content-type';

/** The `content-type` written for each format. */
export const CONTENT_TYPES: Readonly<Record<RecordFormat, string>> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

const FORMAT_BY_MEDIA_TYPE: ReadonlyMap<string, RecordFormat> = new Map([
  ['application/x-protobuf', 'protobuf'],
  ['application/protobuf', 'protobuf'],
  ['application/json', 'json'],
]);

/** Reads a header by name, ignoring case (Kafka header names are case-sensitive bytes). */
export function headerValue(
  headers: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  const exact = headers[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/**
 * The record format announced by a `content-type` value: protobuf when absent; parameters such as
 * `; charset=utf-8` and case are ignored. `undefined` for any other media type.
 */
export function formatOfContentType(contentType: string | undefined): RecordFormat | undefined {
  if (contentType === undefined) return 'protobuf';
  // Every record asks: the exact values producers write are answered without splitting a string.
  const exact = FORMAT_BY_MEDIA_TYPE.get(contentType);
  if (exact !== undefined) return exact;
  if (contentType.trim() === '') return 'protobuf';
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return FORMAT_BY_MEDIA_TYPE.get(mediaType);
}
