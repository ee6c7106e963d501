import type * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { UndecodableRequest, assertDecoded, tolerantService } from './request-decoding';

describe('tolerantService', () => {
  const parse = (b: Buffer): unknown => JSON.parse(b.toString('utf8'));
  const definition = {
    Get: {
      path: '/x.S/Get',
      requestStream: false,
      responseStream: false,
      requestSerialize: (v: unknown) => Buffer.from(JSON.stringify(v)),
      requestDeserialize: parse,
      responseSerialize: (v: unknown) => Buffer.from(JSON.stringify(v)),
      responseDeserialize: parse,
    },
  } as unknown as grpc.ServiceDefinition;

  it('turns undecodable bytes into a value the handler refuses with INVALID_ARGUMENT', () => {
    const tolerant = tolerantService(definition);
    expect(tolerant['Get']!.requestDeserialize(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    const bad: unknown = tolerant['Get']!.requestDeserialize(Buffer.from('{not json'));
    expect(bad).toBeInstanceOf(UndecodableRequest);
    expect(() => assertDecoded(bad)).toThrow(/the request bytes are not a valid message/);
    expect(assertDecoded({ a: 1 })).toEqual({ a: 1 });
  });
});
