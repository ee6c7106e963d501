import type { Alert } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { diffAlerts } from './chaos-harness';

const alert = (id: string, status: 'firing' | 'resolved', value = 1) =>
  ({ alertId: id, status, severity: 'high', value, startsAtMs: 0, summary: 's' }) as unknown as Alert;

describe('diffAlerts', () => {
  it('counts lost, duplicated, invented and different alerts', () => {
    const ref = [alert('a', 'firing'), alert('a', 'resolved'), alert('b', 'firing'), alert('c', 'firing')];
    const cand = [alert('a', 'firing'), alert('a', 'firing'), alert('b', 'firing', 2), alert('d', 'firing')];
    expect(diffAlerts(ref, cand)).toMatchObject({ lost: 2, duplicated: 1, invented: 1, different: 1 });
    expect(diffAlerts(ref, [...ref].reverse())).toMatchObject({
      lost: 0,
      duplicated: 0,
      invented: 0,
      different: 0,
    });
  });
});
