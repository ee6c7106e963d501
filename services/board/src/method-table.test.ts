import { describe, expect, it } from 'vitest';
import { loadPackageDefinition } from '@citybrain/proto';
import { methodTable } from './method-table';

describe('methodTable', () => {
  const table = methodTable(loadPackageDefinition());

  it('lists every citybrain.v1 method with its streaming shape, from the contract', () => {
    expect(table.get('/citybrain.v1.AlertService/Subscribe')).toEqual({
      path: '/citybrain.v1.AlertService/Subscribe',
      requestStream: false,
      responseStream: true,
    });
    expect(table.get('/citybrain.v1.GridService/ListGrids')).toMatchObject({
      requestStream: false,
      responseStream: false,
    });
    expect(table.get('/citybrain.v1.IngestService/PublishEvents')).toMatchObject({
      requestStream: true,
      responseStream: false,
    });
    expect(table.size).toBe(8 + 5 + 1);
  });

  it('exposes nothing outside the prefix', () => {
    expect([...table.keys()].every((p) => p.startsWith('/citybrain.v1.'))).toBe(true);
    expect(methodTable(loadPackageDefinition(), 'grpc.').size).toBe(0);
  });
});
