import { readFile } from 'node:fs/promises';
import { InvalidAlertingInputError, parseMatcher, type MatchOp } from '@citybrain/alerting';
import { alertFromWire, decodeEvent, eventToWire, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { EventFamily } from '@citybrain/domain';
import {
  loadGrpcObject,
  type WireAcknowledgement,
  type WireMatcher,
  type WirePublishEventsRequestInput,
  type WireSilence,
  type WireTimestamp,
} from '@citybrain/proto';
import {
  channelCredentials,
  clientOptions,
  formatAlertDetails,
  formatUtc8,
  toClientError,
  unaryCall,
  type ConnectionSettings,
} from '@citybrain/gateway-client';
import { CliError, CliUsageError } from './errors';

/** Where a command writes: lines for people, or JSON objects for scripts. */
export interface Output {
  readonly json: boolean;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** The three service clients of a connection; close them when done. */
export function gatewayClients(settings: ConnectionSettings) {
  const v1 = loadGrpcObject().citybrain.v1;
  const creds = channelCredentials(settings);
  const options = clientOptions(settings);
  const clients = {
    alerts: new v1.AlertService(settings.address, creds, options),
    grids: new v1.GridService(settings.address, creds, options),
    ingest: new v1.IngestService(settings.address, creds, options),
  };
  return { ...clients, close: () => Object.values(clients).forEach((c) => c.close()) };
}

/** The gateway clients. */
export type GatewayClients = ReturnType<typeof gatewayClients>;

const msOf = (t: WireTimestamp | null): number =>
  t ? Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6) : 0;
const OP_TO_WIRE: Readonly<Record<MatchOp, WireMatcher['op']>> = {
  '=': 'OP_EQUAL',
  '!=': 'OP_NOT_EQUAL',
  '=~': 'OP_REGEX',
  '!~': 'OP_NOT_REGEX',
};
const OP_FROM_WIRE: Readonly<Record<string, string>> = {
  OP_EQUAL: '=',
  OP_NOT_EQUAL: '!=',
  OP_REGEX: '=~',
  OP_NOT_REGEX: '!~',
};

/** Renders an acknowledgement: `ACK <alert> by <who> at <time>: <note>`. */
export function formatAcknowledgement(ack: WireAcknowledgement): string {
  return `ACK ${ack.alertId} ${ack.gridId} by ${ack.acknowledgedBy} at ${formatUtc8(msOf(ack.acknowledgedAt))}${ack.note ? `: ${ack.note}` : ''}`;
}

/** Renders a silence on one line. */
export function formatSilence(s: WireSilence): string {
  const matchers = s.matchers
    .map((m) => `${m.name}${OP_FROM_WIRE[m.op] ?? '?'}${JSON.stringify(m.value)}`)
    .join(',');
  return `${s.silenceId}  ${s.state.padEnd(7)}  {${matchers}}  ${formatUtc8(msOf(s.startsAt))} → ${formatUtc8(msOf(s.endsAt))}  by ${s.createdBy}: ${s.comment}`;
}

/** `alerts ack <id> [--note]`. */
export async function acknowledge(
  c: GatewayClients,
  address: string,
  alertId: string,
  note: string,
  o: Output,
) {
  const res = await unaryCall(c.alerts, 'AcknowledgeAlert', { alertId, note }, address);
  const ack = res.acknowledgement!;
  o.out(o.json ? JSON.stringify(ack) : formatAcknowledgement(ack));
}

/** `alerts show <id>`: the alert's last message with its evidence (GetAlert). */
export async function showAlert(
  c: GatewayClients,
  address: string,
  alertId: string,
  o: Output,
  color: boolean,
) {
  const res = await unaryCall(c.alerts, 'GetAlert', { alertId }, address);
  const alert = alertFromWire(res.alert!.alert!);
  o.out(o.json ? JSON.stringify(alert) : formatAlertDetails(alert, { color }));
}

/** `silence add <matcher>... --duration --comment`. */
export async function addSilence(
  c: GatewayClients,
  address: string,
  args: { matchers: readonly string[]; durationMs: number; comment: string },
  o: Output,
) {
  const matchers = args.matchers.map((text, i) => {
    try {
      const m = parseMatcher(text, `matcher ${i + 1}`);
      return { name: m.name, op: OP_TO_WIRE[m.op], value: m.value };
    } catch (err: unknown) {
      if (err instanceof InvalidAlertingInputError) throw new CliUsageError(err.message, { cause: err });
      throw err;
    }
  });
  const endsAtMs = Date.now() + args.durationMs;
  const res = await unaryCall(
    c.alerts,
    'CreateSilence',
    { matchers, endsAt: { seconds: Math.floor(endsAtMs / 1000) }, comment: args.comment },
    address,
  );
  o.out(o.json ? JSON.stringify(res.silence) : formatSilence(res.silence!));
}

/** `silence list [--expired]`. */
export async function listSilences(c: GatewayClients, address: string, includeExpired: boolean, o: Output) {
  const res = await unaryCall(c.alerts, 'ListSilences', { includeExpired }, address);
  for (const s of res.silences) o.out(o.json ? JSON.stringify(s) : formatSilence(s));
  if (res.silences.length === 0 && !o.json) o.err('no silences');
}

/** `silence expire <id>`. */
export async function expireSilence(c: GatewayClients, address: string, silenceId: string, o: Output) {
  const res = await unaryCall(c.alerts, 'ExpireSilence', { silenceId }, address);
  o.out(o.json ? JSON.stringify(res.silence) : formatSilence(res.silence!));
}

/** `grids show [<grid>] [--area]`: the hierarchy, or one grid's state. */
export async function showGrids(
  c: GatewayClients,
  address: string,
  args: { gridId?: string; areaId?: string },
  o: Output,
) {
  if (args.gridId !== undefined) {
    const s = await unaryCall(c.grids, 'GetGridState', { gridId: args.gridId }, address);
    if (o.json) return o.out(JSON.stringify(s));
    const g = s.grid!;
    o.out(
      `${g.gridId} ${g.nameEn} (${g.nameZh})  area ${g.areaId}  large grid ${g.largeGridId}  community ${g.communityId}`,
    );
    if (s.windows.length === 0) o.out('  no window results yet');
    for (const w of s.windows)
      o.out(
        `  ${w.name}  [${formatUtc8(msOf(w.window?.start ?? null))}, ${formatUtc8(msOf(w.window?.end ?? null))})  ${w.aggregates.map((a) => `${a.name}=${a.value}`).join(' ')}`,
      );
    o.out(`  open alerts: ${s.openAlerts.length}`);
    for (const a of s.openAlerts)
      o.out(
        `    ${a.alert?.alertId} ${a.alert?.rule} ${a.alert?.severity}${a.suppressed ? ' (muted)' : ''}${a.acknowledgement ? ' (acknowledged)' : ''}`,
      );
    return;
  }
  const res = await unaryCall(c.grids, 'ListGrids', { areaId: args.areaId ?? '' }, address);
  if (o.json) return o.out(JSON.stringify(res));
  for (const area of res.areas) {
    o.out(`${area.areaId} ${area.nameEn} (${area.nameZh})`);
    for (const l of area.largeGrids) {
      o.out(`  ${l.largeGridId} ${l.nameEn}`);
      for (const g of l.grids) o.out(`    ${g.gridId} ${g.nameEn} (${g.nameZh})`);
    }
  }
}

const FAMILIES: readonly EventFamily[] = ['traffic', 'permit', 'case'];

/**
 * Reads a JSON Lines file of events, one `{"traffic"|"permit"|"case": <protobuf JSON>}` per line.
 * Lines that do not parse are rejected here with the codec's reason; the others are sent.
 */
export async function readEventsFile(
  file: string,
): Promise<{ line: number; request?: WirePublishEventsRequestInput; rejection?: string }[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err: unknown) {
    throw new CliUsageError(
      `events publish: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  type Line = { line: number; request?: WirePublishEventsRequestInput; rejection?: string };
  return text.split('\n').flatMap((raw, i): Line[] => {
    const line = i + 1;
    if (raw.trim() === '') return [];
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      return [{ line, rejection: 'malformed-json: not a JSON object' }];
    }
    const keys = obj && typeof obj === 'object' ? Object.keys(obj) : [];
    const family = FAMILIES.find((f) => keys.length === 1 && keys[0] === f);
    if (!family)
      return [{ line, rejection: 'missing-field: event: one of "traffic", "permit", "case" per line' }];
    const inner = (obj as Record<string, unknown>)[family];
    const decoded = decodeEvent({
      topic: TOPIC_BY_FAMILY[family],
      value: Buffer.from(JSON.stringify(inner), 'utf8'),
      headers: { 'content-type': 'application/json' },
    });
    if (!decoded.ok) return [{ line, rejection: `${decoded.error.reason}: ${decoded.error.message}` }];
    return [{ line, request: { [family]: eventToWire(decoded.event) } }];
  });
}

/** `events publish <file>`: returns the exit code (2 when any event was rejected). */
export async function publishEvents(
  c: GatewayClients,
  address: string,
  file: string,
  o: Output,
): Promise<number> {
  const lines = await readEventsFile(file);
  const toSend = lines.filter((l) => l.request);
  const res = await new Promise<{
    results: { index: number; eventId: string; accepted: boolean; rejection: string }[];
  }>((resolve, reject) => {
    const call = c.ingest.PublishEvents({ deadline: Date.now() + 60_000 }, (err, r) =>
      err || !r ? reject(toClientError(err ?? new Error('empty response'), address)) : resolve(r),
    );
    for (const l of toSend) call.write(l.request!);
    call.end();
  });
  const outcome = new Map(toSend.map((l, i) => [l.line, res.results[i]]));
  let rejected = 0;
  for (const l of lines) {
    const r = outcome.get(l.line);
    const accepted = r?.accepted === true;
    const reason = l.rejection ?? r?.rejection ?? 'no answer';
    if (!accepted) rejected++;
    if (o.json)
      o.out(
        JSON.stringify({
          line: l.line,
          eventId: r?.eventId ?? '',
          accepted,
          ...(accepted ? {} : { rejection: reason }),
        }),
      );
    else if (!accepted) o.out(`line ${l.line}: rejected: ${reason}`);
  }
  if (!o.json) o.err(`${lines.length - rejected} accepted, ${rejected} rejected`);
  if (lines.length === 0) throw new CliError('failed', `events publish: ${file} has no events`);
  return rejected > 0 ? 2 : 0;
}
