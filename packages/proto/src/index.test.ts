import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as protoLoader from '@grpc/proto-loader';
import { afterAll, describe, expect, it } from 'vitest';
import { CODEGEN_CWD_URL, codegenArgs } from './codegen';
import {
  LOADER_OPTIONS,
  TYPE_NAMES,
  loadGrpcObject,
  loadPackageDefinition,
  protobufRoot,
  type WireAlert,
  type WireSubscribeResponseInput,
} from './index';

const alert: WireAlert = {
  alertId: 'traffic-congestion/g-001/1700000000000',
  fingerprint: 'f00d',
  rule: 'traffic-congestion',
  kind: 'ALERT_KIND_TRAFFIC',
  subCategory: 'trafficJam',
  gridId: 'g-001',
  areaId: 'a-1',
  severity: 'SEVERITY_HIGH',
  status: 'ALERT_STATUS_RESOLVED',
  startsAt: { seconds: '1700000000', nanos: 0 },
  endsAt: { seconds: '1700000600', nanos: 250_000_000 },
  value: 12.5,
  threshold: 15,
  window: { start: { seconds: '1699999700', nanos: 0 }, end: { seconds: '1700000000', nanos: 0 } },
  summary: 'Average speed 12.5 km/h on arterial roads of grid g-001',
  labels: { roadClass: 'arterial' },
  evidence: null,
};

describe('loadPackageDefinition', () => {
  it('describes citybrain.v1.AlertService with its methods', () => {
    const service = loadPackageDefinition()[TYPE_NAMES.alertService] as protoLoader.ServiceDefinition;
    expect(Object.keys(service).sort()).toEqual([
      'AcknowledgeAlert',
      'CreateSilence',
      'ExpireSilence',
      'GetAlert',
      'ListActiveAlerts',
      'ListAlerts',
      'ListSilences',
      'Subscribe',
    ]);
    expect(service.Subscribe).toMatchObject({
      path: '/citybrain.v1.AlertService/Subscribe',
      requestStream: false,
      responseStream: true,
    });
    expect(service.ListActiveAlerts).toMatchObject({
      path: '/citybrain.v1.AlertService/ListActiveAlerts',
      requestStream: false,
      responseStream: false,
    });
  });

  it('is cached', () => {
    expect(loadPackageDefinition()).toBe(loadPackageDefinition());
    expect(loadGrpcObject()).toBe(loadGrpcObject());
    expect(typeof loadGrpcObject().citybrain.v1.AlertService).toBe('function');
  });

  it('serializes what protobufRoot decodes into the same object shape', () => {
    const service = loadPackageDefinition()[TYPE_NAMES.alertService] as protoLoader.ServiceDefinition;
    const response: WireSubscribeResponseInput = { alert, position: '42', snapshot: false, silenced: false };
    const bytes = service.Subscribe!.responseSerialize(response);
    const type = protobufRoot().lookupType('citybrain.v1.SubscribeResponse');
    expect(type.toObject(type.decode(bytes), LOADER_OPTIONS)).toEqual({ ...response, event: 'alert' });
  });
});

describe('protobufRoot', () => {
  it('round-trips an Alert', () => {
    const type = protobufRoot().lookupType(TYPE_NAMES.alert);
    const bytes = type.encode(type.fromObject(alert)).finish();
    expect(type.toObject(type.decode(bytes), LOADER_OPTIONS)).toEqual(alert);
  });

  it('decodes an empty payload to defaults with absent messages as null', () => {
    const type = protobufRoot().lookupType(TYPE_NAMES.alert);
    expect(type.toObject(type.decode(new Uint8Array()), LOADER_OPTIONS)).toMatchObject({
      alertId: '',
      severity: 'SEVERITY_UNSPECIFIED',
      startsAt: null,
      labels: {},
    });
  });

  it('knows every topic message', () => {
    for (const name of [TYPE_NAMES.trafficEvent, TYPE_NAMES.permitEvent, TYPE_NAMES.caseEvent]) {
      expect(
        protobufRoot()
          .lookupType(name)
          .fieldsArray.map((f) => f.name),
      ).toEqual(expect.arrayContaining(['eventId', 'eventTime', 'source', 'location']));
    }
  });
});

describe('generated types', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'citybrain-proto-gen-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const filesUnder = (dir: string): Map<string, string> =>
    new Map(
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
          const path = join(entry.parentPath, entry.name);
          return [relative(dir, path), readFileSync(path, 'utf8')] as const;
        }),
    );

  it('are up to date with the proto files (run `pnpm --filter @citybrain/proto run gen`)', () => {
    const bin = createRequire(import.meta.url).resolve(
      '@grpc/proto-loader/build/bin/proto-loader-gen-types.js',
    );
    execFileSync(process.execPath, [bin, ...codegenArgs(outDir)], { cwd: CODEGEN_CWD_URL, stdio: 'pipe' });
    const committed = filesUnder(fileURLToPath(new URL('generated', import.meta.url)));
    const fresh = filesUnder(outDir);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, text] of fresh) expect(committed.get(path), path).toBe(text);
  });
});
