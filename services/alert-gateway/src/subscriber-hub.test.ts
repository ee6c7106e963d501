import { describe, expect, it } from 'vitest';
import type { Alert } from '@citybrain/domain';
import { MATCH_ALL, type AlertFilter } from './alert-filter';
import { decodeCursor, encodeCursor } from './stream-cursor';
import { SubscriberHub, type StreamItem, type SubscriberSink } from './subscriber-hub';

function alert(id: string, gridId = 'G001', areaId = 'A01'): Alert {
  return {
    alertId: id,
    fingerprint: id,
    rule: 'traffic-congestion',
    kind: 'traffic',
    subCategory: 'trafficJam',
    gridId,
    areaId,
    severity: 'medium',
    status: 'firing',
    startsAtMs: 0,
    value: 12,
    threshold: 20,
    window: { startMs: 0, endMs: 60_000 },
    summary: 's',
    labels: {},
  };
}

class FakeSink implements SubscriberSink {
  readonly written: StreamItem[] = [];
  overflowed: string | undefined;
  private drain: (() => void) | undefined;
  constructor(private capacity = Infinity) {}
  write(item: StreamItem): boolean {
    this.written.push(item);
    return this.written.length < this.capacity;
  }
  onDrain(listener: () => void): void {
    this.drain = listener;
  }
  overflow(message: string): void {
    this.overflowed = message;
  }
  release(extra: number): void {
    this.capacity = this.written.length + extra;
    this.drain?.();
  }
}

const only = (gridId: string): AlertFilter => ({ ...MATCH_ALL, gridIds: new Set([gridId]) });
const newHub = (queueLimit: number, replayLimit = 100) => new SubscriberHub({ queueLimit, replayLimit });
let nextOffset = 0;
const publish = (hub: SubscriberHub, a: Alert, source = 'a0') =>
  hub.append(source, nextOffset++, { kind: 'alert', alert: a });
const ids = (sink: FakeSink) => sink.written.map((i) => (i.kind === 'alert' ? i.alert.alertId : i.kind));

describe('SubscriberHub', () => {
  it('delivers to matching subscribers only', () => {
    const hub = newHub(10);
    const a = new FakeSink();
    const b = new FakeSink();
    hub.subscribe(only('G001'), a);
    hub.subscribe(only('G002'), b);
    expect(publish(hub, alert('x', 'G001'))).toBe(1);
    expect(a.written.map((i) => i.kind === 'alert' && i.alert.alertId)).toEqual(['x']);
    expect(b.written).toEqual([]);
  });

  it('honours back-pressure and resumes on drain, in order', () => {
    const hub = newHub(10);
    const sink = new FakeSink(1);
    hub.subscribe(MATCH_ALL, sink);
    publish(hub, alert('1'));
    publish(hub, alert('2'));
    publish(hub, alert('3'));
    expect(sink.written).toHaveLength(1);
    sink.release(5);
    expect(ids(sink)).toEqual(['1', '2', '3']);
  });

  it('cuts off a subscriber that falls too far behind without affecting others', () => {
    const hub = newHub(2);
    const slow = new FakeSink(1);
    const fast = new FakeSink();
    hub.subscribe(MATCH_ALL, slow);
    hub.subscribe(MATCH_ALL, fast);
    for (let i = 0; i < 5; i++) publish(hub, alert(String(i)));
    expect(slow.overflowed).toMatch(/fell more than 2 messages behind/);
    expect(fast.written).toHaveLength(5);
    expect(hub.size).toBe(1);
  });

  it('sends heartbeats carrying the last position to idle subscribers', () => {
    const hub = newHub(10);
    const sink = new FakeSink();
    hub.subscribe(only('G009'), sink);
    hub.append('a2', 6, { kind: 'alert', alert: alert('x', 'G001') });
    hub.heartbeat(1000);
    expect(sink.written).toHaveLength(1);
    const beat = sink.written[0]!;
    expect(beat.kind).toBe('heartbeat');
    expect(decodeCursor(beat.position).get('a2')).toBe(7);
  });

  it('resumes after the last position received with no gap and no duplicate, across partitions', () => {
    const hub = newHub(10);
    const first = new FakeSink();
    const cancel = hub.subscribe(MATCH_ALL, first);
    hub.append('a0', 0, { kind: 'alert', alert: alert('p0-0') });
    hub.append('a1', 0, { kind: 'alert', alert: alert('p1-0') });
    hub.append('a0', 1, { kind: 'alert', alert: alert('p0-1', 'G002') });
    const last = first.written.at(-1)!.position;
    cancel();
    hub.append('a1', 1, { kind: 'alert', alert: alert('p1-1') });
    hub.append('a0', 2, undefined); // a duplicate: advances positions only
    hub.append('a0', 3, { kind: 'alert', alert: alert('p0-3') });
    const second = new FakeSink();
    hub.subscribe(MATCH_ALL, second, { from: decodeCursor(last) });
    hub.append('a1', 2, { kind: 'alert', alert: alert('p1-2') });
    expect([...ids(first), ...ids(second)]).toEqual(['p0-0', 'p1-0', 'p0-1', 'p1-1', 'p0-3', 'p1-2']);
  });

  it('skips records a resumed subscriber already has when the log is rebuilt from the start', () => {
    const hub = newHub(10);
    const sink = new FakeSink();
    hub.noteLogEnd('a0', 4); // the broker says the partition holds offsets 0..3
    hub.subscribe(MATCH_ALL, sink, { from: new Map([['a0', 2]]) });
    for (let o = 0; o < 4; o++) hub.append('a0', o, { kind: 'alert', alert: alert(`o${o}`) });
    expect(ids(sink)).toEqual(['o2', 'o3']);
  });

  it('refuses a position older than the replay buffer', () => {
    const hub = newHub(10, 4);
    for (let o = 0; o < 10; o++) hub.append('a0', o, { kind: 'alert', alert: alert(`o${o}`) });
    expect(() => hub.subscribe(MATCH_ALL, new FakeSink(), { from: new Map([['a0', 1]]) })).toThrow(
      /older than the replay buffer; resynchronise/,
    );
    const ok = new FakeSink();
    hub.subscribe(MATCH_ALL, ok, { from: new Map([['a0', 8]]) });
    expect(ids(ok)).toEqual(['o8', 'o9']);
  });

  it('replays at the pace of the transport, then goes live', () => {
    const hub = newHub(10);
    for (let o = 0; o < 5; o++) hub.append('a0', o, { kind: 'alert', alert: alert(`o${o}`) });
    const sink = new FakeSink(2);
    hub.subscribe(MATCH_ALL, sink, { from: new Map([['a0', 0]]) });
    expect(ids(sink)).toEqual(['o0', 'o1']);
    hub.append('a0', 5, { kind: 'alert', alert: alert('o5') });
    sink.release(100);
    hub.append('a0', 6, { kind: 'alert', alert: alert('o6') });
    expect(ids(sink)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
  });

  it('sends the active alerts first as a snapshot, then the live stream', () => {
    const hub = newHub(10);
    const sink = new FakeSink();
    hub.subscribe(MATCH_ALL, sink, { snapshot: [alert('s1'), alert('s2')] });
    publish(hub, alert('live'));
    expect(ids(sink)).toEqual(['s1', 's2', 'live']);
    expect(sink.written.map((i) => i.kind === 'alert' && i.snapshot === true)).toEqual([true, true, false]);
  });

  it('does not stream muted alerts but still advances positions past them', () => {
    const hub = new SubscriberHub({ queueLimit: 10, replayLimit: 10, isMuted: (a) => a.gridId === 'G009' });
    const sink = new FakeSink();
    hub.subscribe(MATCH_ALL, sink);
    hub.append('a0', 0, { kind: 'alert', alert: alert('muted', 'G009') });
    hub.heartbeat(5);
    expect(ids(sink)).toEqual(['heartbeat']);
    expect(decodeCursor(sink.written[0]!.position).get('a0')).toBe(1);
  });
});

describe('stream cursors', () => {
  it('round-trip and reject foreign strings naming the field', () => {
    const c = new Map([
      ['a0', 12],
      ['k1', 3],
    ]);
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(() => decodeCursor('0:12')).toThrow(/resume_from: not a position/);
    expect(() => decodeCursor(`c1.${'A'.repeat(5000)}`)).toThrow(/^resume_from: longer than 4096 characters/);
    expect(() => decodeCursor(`c1.${Buffer.from('a0:1,a0:2').toString('base64url')}`)).toThrow(/resume_from/);
    expect(() => decodeCursor(`c1.${Buffer.from('a0:-1').toString('base64url')}`)).toThrow(/resume_from/);
  });

  it('delivers muted alerts only to subscribers that see them (the committee), flagged silenced', () => {
    const hub = new SubscriberHub({
      queueLimit: 10,
      replayLimit: 100,
      isMuted: (a) => a.alertId.startsWith('muted'),
    });
    const committee = new FakeSink();
    const officer = new FakeSink();
    hub.subscribe(MATCH_ALL, committee, {
      includeMuted: true,
      snapshot: [alert('snap-muted'), alert('snap')],
      snapshotSilenced: new Set(['snap-muted']),
    });
    hub.subscribe(MATCH_ALL, officer);
    publish(hub, alert('muted-1'));
    publish(hub, alert('plain'));
    const flags = (sink: FakeSink) =>
      sink.written.flatMap((i) => (i.kind === 'alert' ? [`${i.alert.alertId}:${i.silenced === true}`] : []));
    expect(flags(committee)).toEqual(['snap-muted:true', 'snap:false', 'muted-1:true', 'plain:false']);
    expect(flags(officer)).toEqual(['plain:false']);
  });

  it('refuses a position ahead of the log or naming a source it does not have, instead of skipping', () => {
    const hub = newHub(10);
    hub.noteLogEnd('a0', 3);
    hub.noteLogEnd('a1', 0);
    expect(() => hub.subscribe(MATCH_ALL, new FakeSink(), { from: new Map([['a0', 4]]) })).toThrow(
      /^resume_from: is ahead of the log \(a0 at 4, the log ends at 3\)/,
    );
    expect(() => hub.subscribe(MATCH_ALL, new FakeSink(), { from: new Map([['a1', 1]]) })).toThrow(
      /ahead of the log/,
    );
    expect(() => hub.subscribe(MATCH_ALL, new FakeSink(), { from: new Map([['a7', 0]]) })).toThrow(
      /^resume_from: names a stream source \(a7\) this service does not have/,
    );
    const forged = new Map(
      Array.from({ length: 300_000 }, (_, i) => [`a${i % 99_999}`, 0] as [string, number]),
    );
    expect(() => hub.subscribe(MATCH_ALL, new FakeSink(), { from: forged })).toThrow(/does not have/);
    const sink = new FakeSink();
    hub.subscribe(MATCH_ALL, sink, {
      from: new Map([
        ['a0', 3],
        ['a1', 0],
      ]),
    });
    publish(hub, alert('next'), 'a1');
    expect(ids(sink)).toEqual(['next']);
  });
});
