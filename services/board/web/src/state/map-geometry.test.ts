import { describe, expect, it } from 'vitest';
import { projectMap, type MapGrid } from './map-geometry';

// Four unit cells in a 2 × 2 block: two areas side by side; area A has two large grids.
const cell = (gridId: string, areaId: string, largeGridId: string, x: number, y: number): MapGrid => ({
  gridId,
  areaId,
  largeGridId,
  boundary: [
    { lon: x, lat: y },
    { lon: x + 0.01, lat: y },
    { lon: x + 0.01, lat: y + 0.01 },
    { lon: x, lat: y + 0.01 },
  ],
});
const grids = [
  cell('G1', 'A', 'L1', 120, 27),
  cell('G2', 'A', 'L2', 120, 27.01),
  cell('G3', 'B', 'L3', 120.01, 27),
  cell('G4', 'B', 'L3', 120.01, 27.01),
];

describe('projectMap', () => {
  const m = projectMap(grids, 200, 0);

  it('projects north up, keeping the aspect at the city latitude', () => {
    const g2 = m.centres.get('G2')!;
    const g1 = m.centres.get('G1')!;
    expect(g2.y).toBeLessThan(g1.y); // north is up
    // two cells wide, two high; a degree of longitude is shorter than one of latitude at 27°N
    expect(m.height / m.width).toBeCloseTo(1 / Math.cos((27.01 * Math.PI) / 180), 1);
    expect(m.points.get('G1')!.split(' ')).toHaveLength(4);
  });

  it('outlines areas (the outer ring and the border between A and B) and large grids inside an area', () => {
    const segments = (d: string) => d.split('M').filter(Boolean).length;
    expect(segments(m.areaBorders)).toBe(8 + 2); // outer ring of a 2 × 2 block, plus the A|B border
    expect(segments(m.largeGridBorders)).toBe(1); // G1|G2 only; G3|G4 share a large grid
  });

  it('draws nothing for no grids', () => {
    expect(projectMap([]).points.size).toBe(0);
  });
});
