import type { GridWindow } from '@citybrain/codec';
import { describe, expect, it } from 'vitest';
import { GridHistory } from './grid-history';

const MIN = 60_000;
const w = (name: string, minute: number, v = minute): GridWindow => ({
  name,
  startMs: minute * MIN,
  endMs: (minute + 1) * MIN,
  aggregates: { v },
});
const brief = (ws: readonly GridWindow[]) => ws.map((x) => `${x.name}@${x.startMs / MIN}=${x.aggregates.v}`);

describe('GridHistory', () => {
  it('keeps an hour of windows before the newest, oldest first, whatever the arrival order', () => {
    const h = new GridHistory();
    for (let m = 0; m < 90; m++) h.apply('G001', [w('traffic', m)]);
    h.apply('G001', [w('cases', 85), w('cases', 80)]);
    const all = h.windows('G001');
    // The newest ends at minute 90: windows ending at minute 30 or later stay.
    expect(all[0]).toEqual(w('traffic', 29));
    expect(all).toHaveLength(61 + 2);
    // Ended at most 10 minutes before minute 90: from the window that ends at minute 80.
    expect(brief(h.windows('G001', 10 * MIN))).toEqual([
      'traffic@79=79',
      'cases@80=80',
      'traffic@80=80',
      'traffic@81=81',
      'traffic@82=82',
      'traffic@83=83',
      'traffic@84=84',
      'cases@85=85',
      'traffic@85=85',
      'traffic@86=86',
      'traffic@87=87',
      'traffic@88=88',
      'traffic@89=89',
    ]);
    expect(brief(h.windows('G001', 3 * MIN, ['cases']))).toEqual([]);
    expect(h.windows('G404')).toEqual([]);
  });

  it('replaces a replayed result of the same window instead of keeping both', () => {
    const h = new GridHistory();
    h.apply('G001', [w('traffic', 1, 5), w('traffic', 2)]);
    h.apply('G001', [w('traffic', 1, 7)]);
    expect(brief(h.windows('G001'))).toEqual(['traffic@1=7', 'traffic@2=2']);
  });

  it('is bounded in windows per grid too', () => {
    const h = new GridHistory(60 * MIN, 10);
    for (let m = 0; m < 30; m++) h.apply('G001', [w('a', m), w('b', m)]);
    expect(brief(h.windows('G001'))).toEqual([
      'a@25=25',
      'b@25=25',
      'a@26=26',
      'b@26=26',
      'a@27=27',
      'b@27=27',
      'a@28=28',
      'b@28=28',
      'a@29=29',
      'b@29=29',
    ]);
  });
});
