/**
 * Generates Longgang's default grid registry, deploy/config/longgang-grids.yaml.
 *
 * The source article gives counts (9 areas, 32 large grids, 103 grids, 102 communities) but no
 * boundaries, so this lays a plausible, deterministic stand-in over the city: a lattice of cells in
 * a box around 27.5°N 120.55°E, with corners and edge midpoints jittered by a fixed hash so the grids
 * look less like a chessboard while still tiling exactly (shared vertices are computed once).
 *
 * Run from the repo root: `pnpm --filter @citybrain/grid generate:longgang`
 * (`-- --check` fails instead of writing when the committed file differs from the output).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

import * as prettier from 'prettier';
import { Document, isMap, isScalar, isSeq, visit } from 'yaml';

import { GridRegistry } from '../src/index';

const OUTPUT = fileURLToPath(new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url));

// The box: 15.5 km east-west × 12.4 km north-south, 12 × 9 cells of about 1.29 × 1.38 km.
const CENTER = { lon: 120.55, lat: 27.5 };
const WIDTH_KM = 15.5;
const HEIGHT_KM = 12.4;
const COLS = 12;
const ROWS = 9;
// Length of a degree at 27.5°N on the WGS84 ellipsoid, km.
const KM_PER_DEG_LAT = 110.811;
const KM_PER_DEG_LON = 98.812;
const CELL_LON = WIDTH_KM / KM_PER_DEG_LON / COLS;
const CELL_LAT = HEIGHT_KM / KM_PER_DEG_LAT / ROWS;
const WEST = CENTER.lon - (COLS * CELL_LON) / 2;
const SOUTH = CENTER.lat - (ROWS * CELL_LAT) / 2;
/** Corner jitter and edge-midpoint bulge, as fractions of a cell: small enough to keep cells convex-ish. */
const CORNER_JITTER = 0.14;
const MIDPOINT_BULGE = 0.08;

/** Cells (column from the west, row from the south) left out: the Aojiang estuary in the north-east. */
const WATER = new Set(['9,8', '10,8', '11,8', '10,7', '11,7']);

interface AreaSpec {
  readonly zh: string;
  readonly en: string;
  /** Block column (0 west .. 2 east) and row (0 south .. 2 north); a block is 4 × 3 cells. */
  readonly col: number;
  readonly row: number;
  readonly largeGrids: number;
}

// Areas named after places in Longgang; the article names 沿江片区 (and 华中社区, a community).
const AREAS: readonly AreaSpec[] = [
  { zh: '华中', en: 'Huazhong', col: 1, row: 2, largeGrids: 4 },
  { zh: '沿江', en: 'Yanjiang', col: 2, row: 2, largeGrids: 2 },
  { zh: '湖前', en: 'Huqian', col: 0, row: 2, largeGrids: 4 },
  { zh: '芦浦', en: 'Lupu', col: 0, row: 1, largeGrids: 4 },
  { zh: '云岩', en: 'Yunyan', col: 1, row: 1, largeGrids: 4 },
  { zh: '海城', en: 'Haicheng', col: 2, row: 1, largeGrids: 4 },
  { zh: '白沙', en: 'Baisha', col: 0, row: 0, largeGrids: 3 },
  { zh: '平等', en: 'Pingdeng', col: 1, row: 0, largeGrids: 4 },
  { zh: '舥艚', en: 'Pacao', col: 2, row: 0, largeGrids: 3 },
];

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

// Community names: three from the article, the rest composed from common place-name characters.
const REAL_COMMUNITIES: ReadonlyMap<number, readonly [string, string]> = new Map([
  [0, ['华中', 'Huazhong']],
  [1, ['中对口', 'Zhongduikou']],
]);
const FIRST_YANJIANG_COMMUNITY: readonly [string, string] = ['涂厂', 'Tuchang'];
const FIRST_CHARS: readonly (readonly [string, string])[] = [
  ['东', 'Dong'], ['西', 'Xi'], ['南', 'Nan'], ['北', 'Bei'], ['新', 'Xin'], ['江', 'Jiang'],
  ['兴', 'Xing'], ['安', 'An'], ['丰', 'Feng'], ['金', 'Jin'], ['宝', 'Bao'], ['福', 'Fu'],
  ['康', 'Kang'], ['鹤', 'He'], ['庆', 'Qing'], ['永', 'Yong'], ['瑞', 'Rui'], ['盛', 'Sheng'],
  ['荣', 'Rong'], ['万', 'Wan'], ['长', 'Chang'], ['双', 'Shuang'], ['仁', 'Ren'], ['渔', 'Yu'],
]; // prettier-ignore
const SECOND_CHARS: readonly (readonly [string, string])[] = [
  ['园', 'yuan'], ['桥', 'qiao'], ['塘', 'tang'], ['浦', 'pu'], ['湾', 'wan'], ['岙', 'ao'],
  ['垟', 'yang'], ['头', 'tou'], ['田', 'tian'], ['港', 'gang'], ['城', 'cheng'], ['溪', 'xi'],
  ['河', 'he'], ['岸', 'an'], ['林', 'lin'], ['街', 'jie'],
]; // prettier-ignore

/** A deterministic hash of integers to [-1, 1). */
function noise(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const k of keys) {
    h = Math.imul(h ^ (k + 0x7f4a7c15), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return ((h >>> 0) / 2 ** 32) * 2 - 1;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Lattice corner (i, j) in cell units, jittered inside the box and along its edges. */
function corner(i: number, j: number): readonly [number, number] {
  const onX = i === 0 || i === COLS;
  const onY = j === 0 || j === ROWS;
  const dx = onX ? 0 : CORNER_JITTER * noise(1, i, j);
  const dy = onY ? 0 : CORNER_JITTER * noise(2, i, j);
  return [i + dx, j + dy];
}

function toLonLat([x, y]: readonly [number, number]): [number, number] {
  return [round6(WEST + x * CELL_LON), round6(SOUTH + y * CELL_LAT)];
}

/** The midpoint of the edge a → b, pushed sideways by a hash of the (direction-free) edge key. */
function bulged(
  a: readonly [number, number],
  b: readonly [number, number],
  key: readonly number[],
): readonly [number, number] {
  const t = MIDPOINT_BULGE * noise(3, ...key);
  const [mx, my] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  // Perpendicular in cell units; the sign follows the edge's canonical direction, so both cells
  // that share the edge get the same point.
  return [mx - t * (b[1] - a[1]), my + t * (b[0] - a[0])];
}

/** Cell (c, r) as a counter-clockwise open ring of 8 vertices: corners and bulged edge midpoints. */
function cellRing(c: number, r: number): [number, number][] {
  const sw = corner(c, r);
  const se = corner(c + 1, r);
  const ne = corner(c + 1, r + 1);
  const nw = corner(c, r + 1);
  const ring = [
    sw,
    bulged(sw, se, [0, c, r]),
    se,
    bulged(se, ne, [1, c + 1, r]),
    ne,
    bulged(nw, ne, [0, c, r + 1]),
    nw,
    bulged(sw, nw, [1, c, r]),
  ];
  return ring.map(toLonLat);
}

/** Cells of an area block in boustrophedon order from its north-west corner, so any run is contiguous. */
function blockCells(area: AreaSpec): [number, number][] {
  const cells: [number, number][] = [];
  for (let k = 0; k < 3; k++) {
    const r = area.row * 3 + 2 - k;
    const cols = [0, 1, 2, 3].map((d) => area.col * 4 + d);
    for (const c of k % 2 === 0 ? cols : cols.reverse()) if (!WATER.has(`${c},${r}`)) cells.push([c, r]);
  }
  return cells;
}

/** Splits `n` items into `k` runs whose sizes differ by at most one, larger runs first. */
function runSizes(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

function pinyin(first: string, second: string): string {
  // A syllable starting with a, o or e after another one takes an apostrophe (西岙 Xi'ao).
  return /^[aoe]/.test(second) ? `${first}'${second}` : `${first}${second}`;
}

function communityNames(count: number): [string, string][] {
  const taken = new Set(['龙港', 'Longgang', ...AREAS.flatMap((a) => [a.zh, a.en])]);
  for (const [zh, en] of [...REAL_COMMUNITIES.values(), FIRST_YANJIANG_COMMUNITY]) taken.add(zh).add(en);
  const invented: [string, string][] = [];
  for (let k = 0; invented.length < count; k++) {
    const first = FIRST_CHARS[Math.floor(((noise(4, k) + 1) / 2) * FIRST_CHARS.length)]!;
    const second = SECOND_CHARS[Math.floor(((noise(5, k) + 1) / 2) * SECOND_CHARS.length)]!;
    const zh = first[0] + second[0];
    const en = pinyin(first[1], second[1]);
    // Unique in both languages: 丰头 and 凤头 would both read Fengtou.
    if (taken.has(zh) || taken.has(en)) continue;
    taken.add(zh).add(en);
    invented.push([zh, en]);
  }
  return invented;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function generate(): { data: Record<string, unknown>; areaKm2: number } {
  const city = { id: 'longgang', nameZh: '龙港市', nameEn: 'Longgang' };
  const areas: Record<string, string>[] = [];
  const largeGrids: Record<string, string>[] = [];
  const communities: Record<string, string>[] = [];
  const grids: Record<string, unknown>[] = [];
  const invented = communityNames(102);
  let areaSqDeg = 0;

  const addCommunity = (name: readonly [string, string]): string => {
    const id = `C${pad(communities.length + 1, 3)}`;
    communities.push({ id, nameZh: `${name[0]}社区`, nameEn: `${name[1]} Community`, parent: city.id });
    return id;
  };

  AREAS.forEach((spec, a) => {
    const areaId = `A${pad(a + 1, 2)}`;
    areas.push({ id: areaId, nameZh: `${spec.zh}片区`, nameEn: `${spec.en} Area`, parent: city.id });
    const cells = blockCells(spec);
    let next = 0;
    runSizes(cells.length, spec.largeGrids).forEach((size, l) => {
      const largeGridId = `L${pad(largeGrids.length + 1, 2)}`;
      largeGrids.push({
        id: largeGridId,
        nameZh: `${spec.zh}片区第${NUMERALS[l]}大网格`,
        nameEn: `${spec.en} Area Large Grid ${l + 1}`,
        parent: areaId,
      });
      for (const [c, r] of cells.slice(next, next + size)) {
        next += 1;
        const inArea = next;
        const n = grids.length;
        // 华中社区, the dense old-town community, is served by the first two grids; every other
        // grid serves a community of its own: 103 grids, 102 communities.
        let communityId: string;
        if (n === 1) communityId = 'C001';
        else {
          const real = REAL_COMMUNITIES.get(communities.length);
          const isFirstOfYanjiang = spec.zh === '沿江' && next === 1;
          const name = real ?? (isFirstOfYanjiang ? FIRST_YANJIANG_COMMUNITY : invented.shift()!);
          communityId = addCommunity(name);
        }
        const boundary = cellRing(c, r);
        boundary.forEach(([x0, y0], i) => {
          const [x1, y1] = boundary[(i + 1) % boundary.length]!;
          areaSqDeg += (x0 * y1 - x1 * y0) / 2;
        });
        grids.push({
          id: `G${pad(n + 1, 3)}`,
          nameZh: `${spec.zh}片区第${NUMERALS[inArea - 1]}网格`,
          nameEn: `${spec.en} Area Grid ${inArea}`,
          parent: largeGridId,
          community: communityId,
          boundary,
        });
      }
    });
  });

  const areaKm2 = areaSqDeg * KM_PER_DEG_LAT * KM_PER_DEG_LON;
  return { data: { version: 1, city, areas, largeGrids, communities, grids }, areaKm2 };
}

function header(areaKm2: number): string {
  const cellKm = `${(WIDTH_KM / COLS).toFixed(2)} × ${(HEIGHT_KM / ROWS).toFixed(2)} km`;
  return [
    ' Longgang (龙港市) grid registry: 9 areas (片区), 32 large grids (大网格), 103 all-purpose',
    ' grids (全科网格) and the 102 communities the city manages directly (counts from the 2020-09-26',
    " article on the city's first year). A city replaces this whole file with its own.",
    '',
    ' GENERATED by packages/grid/scripts/generate-longgang.ts; do not edit by hand, rerun it.',
    '',
    ' The boundaries are a plausible stand-in, not surveyed ones: a lattice of 12 × 9 cells of about',
    ` ${cellKm} in a ${WIDTH_KM} × ${HEIGHT_KM} km box centred on 27.5°N 120.55°E, without 5 cells in`,
    ' the north-east (the Aojiang estuary), corners and edge midpoints jittered by a fixed hash.',
    ` The grids cover about ${areaKm2.toFixed(1)} km² (the city: 183.9 km²). Areas are 4 × 3-cell blocks`,
    ' named after places in Longgang (the article names 沿江片区 and 华中社区); large grids are',
    ' contiguous runs of cells inside an area. None of this is an official boundary.',
    '',
    ' Communities: each grid serves one community, except 华中社区 (C001), the dense old-town',
    ' community, which is served by two grids (G001, G002): 103 grids, 102 communities. Names other',
    ' than 华中, 中对口 and 涂厂 are invented.',
    '',
    ' Format (version 1):',
    ' - ids are unique across the file; areas and communities have the city as parent, a large grid',
    '   an area, a grid a large grid; a grid also names the community it serves.',
    ' - boundary: a polygon as [lon, lat] pairs, WGS84 degrees, counter-clockwise, open (the first',
    '   vertex is not repeated at the end; a closed ring is accepted too). Grids must not overlap;',
    '   a point on an edge shared by two grids belongs to exactly one of them.',
  ].join('\n');
}

async function render(data: Record<string, unknown>, areaKm2: number): Promise<string> {
  const doc = new Document(data);
  doc.commentBefore = header(areaKm2);
  // Short entries on one line each; a grid as a block with one [lon, lat] vertex a line.
  for (const key of ['city', 'areas', 'largeGrids', 'communities']) {
    const node = doc.get(key, true);
    if (isMap(node)) node.flow = true;
    if (isSeq(node)) for (const item of node.items) if (isMap(item)) item.flow = true;
  }
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'boundary' && isSeq(pair.value)) {
        for (const item of pair.value.items) if (isSeq(item)) item.flow = true;
      }
    },
  });
  // The repo's formatter has the last word, so that formatting the repo never changes the file.
  const options = await prettier.resolveConfig(OUTPUT);
  return prettier.format(doc.toString({ lineWidth: 0 }), { ...options, filepath: OUTPUT });
}

/** The file's full text, as the generator writes it. */
export async function renderLonggangGrids(): Promise<string> {
  const { data, areaKm2 } = generate();
  return render(data, areaKm2);
}

async function main(): Promise<void> {
  const text = await renderLonggangGrids();
  const registry = GridRegistry.parse(text); // the generator never writes a file the registry rejects
  const counts = [
    registry.areas.length,
    registry.largeGrids.length,
    registry.grids.length,
    registry.communities.length,
  ];
  if (counts.join() !== '9,32,103,102') throw new Error(`unexpected counts ${counts.join()}`);
  if (process.argv.includes('--check')) {
    if (readFileSync(OUTPUT, 'utf8') !== text) {
      console.error('longgang-grids.yaml is out of date: run the generator');
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${registry.grids.length} grids to deploy/config/longgang-grids.yaml`);
}

// Run only as a script, so that the test can import renderLonggangGrids.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
