import { describe, expect, it } from 'vitest';
import { WindowSpecError } from './errors';
import { HoppingWindows } from './hopping-windows';

describe('HoppingWindows', () => {
  it('assigns a timestamp to every window that contains it, ascending', () => {
    const w = HoppingWindows.of(300, 100);
    expect(w.windowsFor(250)).toEqual([
      { startMs: 0, endMs: 300 },
      { startMs: 100, endMs: 400 },
      { startMs: 200, endMs: 500 },
    ]);
    expect(w.windowsFor(300)).toEqual([
      { startMs: 100, endMs: 400 },
      { startMs: 200, endMs: 500 },
      { startMs: 300, endMs: 600 },
    ]);
  });

  it('handles an advance that does not divide the size', () => {
    const w = HoppingWindows.of(250, 100);
    expect(w.windowsFor(240).map((b) => b.startMs)).toEqual([0, 100, 200]);
    expect(w.windowsFor(250).map((b) => b.startMs)).toEqual([100, 200]);
  });

  it('equals tumbling when advance equals size', () => {
    expect(HoppingWindows.of(100, 100).windowsFor(150)).toEqual([{ startMs: 100, endMs: 200 }]);
  });

  it('rejects an advance larger than the size', () => {
    expect(() => HoppingWindows.of(100, 200)).toThrow(WindowSpecError);
    expect(() => HoppingWindows.of(100, 0)).toThrow(WindowSpecError);
  });
});
