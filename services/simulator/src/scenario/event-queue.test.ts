import type { CityEvent } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';
import { Random } from './random';

const event = (eventId: string, eventTimeMs: number): CityEvent => ({
  eventId,
  eventTimeMs,
  source: 'test',
  location: { kind: 'grid', gridId: 'G001' },
  family: 'permit',
  permitId: 'p',
  projectName: 'p',
  stage: 'filed',
});

const drain = (queue: EventQueue, beforeMs: number): string[] => {
  const out: string[] = [];
  for (let e = queue.popBefore(beforeMs); e !== undefined; e = queue.popBefore(beforeMs)) out.push(e.eventId);
  return out;
};

describe('EventQueue', () => {
  it('releases by event time, ties in insertion order, only before the bound', () => {
    const queue = new EventQueue(1000, 0, Random.stream(1, 0));
    queue.push(event('c', 30));
    queue.push(event('a', 10));
    queue.push(event('b1', 20));
    queue.push(event('b2', 20));
    expect(drain(queue, 25)).toEqual(['a', 'b1', 'b2']);
    expect(queue.size).toBe(1);
    expect(drain(queue, 1000)).toEqual(['c']);
  });

  it('drops events at or after the end', () => {
    const queue = new EventQueue(100, 0, Random.stream(1, 0));
    queue.push(event('in', 99));
    queue.push(event('out', 100));
    expect(drain(queue, Infinity)).toEqual(['in']);
  });

  it('keeps disorder within the bound', () => {
    const maxDisorderMs = 50;
    const queue = new EventQueue(1e9, maxDisorderMs, Random.stream(2, 0));
    for (let t = 0; t < 2000; t += 3) queue.push(event(String(t), t));
    const times: number[] = [];
    for (let e = queue.popBefore(Infinity); e !== undefined; e = queue.popBefore(Infinity))
      times.push(e.eventTimeMs);
    let maxSeen = -Infinity;
    let disordered = 0;
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(maxSeen - maxDisorderMs);
      if (t < maxSeen) disordered++;
      maxSeen = Math.max(maxSeen, t);
    }
    expect(disordered).toBeGreaterThan(0);
  });
});
