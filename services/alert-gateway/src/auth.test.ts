import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Metadata } from '@grpc/grpc-js';
import { GridRegistry } from '@citybrain/grid';
import { inScope, placeholderReason, scopeFilter, TokenTable, type Principal } from './auth';

// The city's real grid file: G001 is in area A01, G050 in area A05.
const registry = GridRegistry.parse(
  readFileSync(new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url), 'utf8'),
);

const FILE = `tokens:
  - { token: "committee-token-123456", subject: chair, role: committee }
  - { token: "officer-token-1234567", subject: o1, role: area-officer, areaId: A01 }
  - { token: "worker-token-12345678", subject: w1, role: grid-worker, gridId: G050 }
`;
const bearer = (t: string) => {
  const m = new Metadata();
  m.set('authorization', `Bearer ${t}`);
  return m;
};

describe('TokenTable', () => {
  const table = TokenTable.parse(FILE, registry);

  it('authenticates bearer tokens to their principal', () => {
    expect(table.authenticate(bearer('officer-token-1234567'))).toEqual({
      subject: 'o1',
      role: 'area-officer',
      areaId: 'A01',
    });
    expect(table.authenticate(bearer('worker-token-12345678'))).toEqual({
      subject: 'w1',
      role: 'grid-worker',
      gridId: 'G050',
      areaId: 'A05',
    });
  });

  it('refuses a missing, malformed or unknown token as unauthenticated', () => {
    expect(() => table.authenticate(new Metadata())).toThrow(/missing "authorization: Bearer <token>"/);
    const basic = new Metadata();
    basic.set('authorization', 'Basic abc');
    expect(() => table.authenticate(basic)).toThrow(/must be "Bearer <token>"/);
    expect(() => table.authenticate(bearer('nope'))).toThrow(/token refused/);
  });

  it('names every bad entry of the file', () => {
    expect(() =>
      TokenTable.parse(
        `tokens:\n  - { token: "abcdefghijklmnopq", subject: x, role: area-officer, areaId: A99 }\n  - { token: "short", subject: y, role: committee }\n`,
        registry,
      ),
    ).toThrow(/tokens\.1\.token/);
    expect(() =>
      TokenTable.parse(
        `tokens:\n  - { token: "abcdefghijklmnopq", subject: x, role: area-officer, areaId: A99 }\n`,
        registry,
      ),
    ).toThrow(/tokens\.0\.areaId: unknown area A99/);
  });
});

describe('placeholder tokens', () => {
  it('are refused at start, naming the entry, however long', () => {
    const file = (token: string) => `tokens:\n  - { token: "${token}", subject: chair, role: committee }\n`;
    for (const t of [
      'REPLACE-ME-committee-token-0000',
      'changeme-changeme-changeme',
      'example-token-for-the-docs-1',
      '<your committee token here>',
      '0000000000000000000000000000',
      'abababababababababababababab',
    ])
      expect(() => TokenTable.parse(file(t), registry), t).toThrow(/^tokens\.0\.token \(chair\): /);
    expect(placeholderReason('q8ZkL1vR4mT9xW2bN7cY')).toBeUndefined();
  });
});

describe('scopes', () => {
  const officer: Principal = { subject: 'o', role: 'area-officer', areaId: 'A01' };
  const worker: Principal = { subject: 'w', role: 'grid-worker', gridId: 'G050', areaId: 'A05' };
  const none = new Set<string>();

  it('narrows an empty filter to the scope', () => {
    expect(scopeFilter(officer, none, none, registry)).toEqual({ areaIds: new Set(['A01']), gridIds: none });
    expect(scopeFilter(worker, none, none, registry)).toEqual({ areaIds: none, gridIds: new Set(['G050']) });
  });

  it('denies areas and grids outside the scope, naming the field', () => {
    expect(() => scopeFilter(officer, new Set(['A02']), none, registry)).toThrow(
      /^area_ids\[0\]: area A02 is outside your scope \(area A01\)/,
    );
    expect(() => scopeFilter(officer, none, new Set(['G001', 'G050']), registry)).toThrow(/^grid_ids\[1\]/);
    expect(() => scopeFilter(worker, new Set(['A05']), none, registry)).toThrow(/^area_ids\[0\]/);
    expect(scopeFilter(worker, none, new Set(['G050']), registry).gridIds).toEqual(new Set(['G050']));
  });

  it('inScope follows the role', () => {
    expect(inScope(officer, 'A01', 'G001')).toBe(true);
    expect(inScope(officer, 'A05', 'G050')).toBe(false);
    expect(inScope(worker, 'A05', 'G050')).toBe(true);
    expect(inScope({ subject: 'c', role: 'committee' }, 'A09', 'G999')).toBe(true);
  });
});
