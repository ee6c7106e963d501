import { describe, expect, it } from 'vitest';
import type { Alert } from '@citybrain/domain';
import { MATCH_ALL, type AlertFilter } from './alert-filter';
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

describe('SubscriberHub', () => {
  it('delivers to matching subscribers only', () => {
    const hub = new SubscriberHub(10);
    const a = new FakeSink();
    const b = new FakeSink();
    hub.subscribe(only('G001'), a);
    hub.subscribe(only('G002'), b);
    expect(hub.publish(alert('x', 'G001'), 'p1')).toBe(1);
    expect(a.written.map((i) => i.kind === 'alert' && i.alert.alertId)).toEqual(['x']);
    expect(b.written).toEqual([]);
  });

  it('honours back-pressure and resumes on drain, in order', () => {
    const hub = new SubscriberHub(10);
    const sink = new FakeSink(1);
    hub.subscribe(MATCH_ALL, sink);
    hub.publish(alert('1'), 'p1');
    hub.publish(alert('2'), 'p2');
    hub.publish(alert('3'), 'p3');
    expect(sink.written).toHaveLength(1);
    sink.release(5);
    expect(sink.written.map((i) => i.position)).toEqual(['p1', 'p2', 'p3']);
  });

  it('cuts off a subscriber that falls too far behind without affecting others', () => {
    const hub = new SubscriberHub(2);
    const slow = new FakeSink(1);
    const fast = new FakeSink();
    hub.subscribe(MATCH_ALL, slow);
    hub.subscribe(MATCH_ALL, fast);
    for (let i = 0; i < 5; i++) hub.publish(alert(String(i)), `p${i}`);
    expect(slow.overflowed).toMatch(/fell more than 2 messages behind/);
    expect(fast.written).toHaveLength(5);
    expect(hub.size).toBe(1);
  });

  it('sends heartbeats carrying the last position to idle subscribers', () => {
    const hub = new SubscriberHub(10);
    const sink = new FakeSink();
    hub.subscribe(only('G009'), sink);
    hub.publish(alert('x', 'G001'), 'p7');
    hub.heartbeat(1000);
    expect(sink.written).toEqual([{ kind: 'heartbeat', atMs: 1000, position: 'p7' }]);
  });
});
