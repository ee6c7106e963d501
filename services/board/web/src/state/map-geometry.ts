/** A grid as the map draws it. */
export interface MapGrid {
  readonly gridId: string;
  readonly areaId: string;
  readonly largeGridId: string;
  /** WGS84 vertices, open ring. */
  readonly boundary: readonly { readonly lat: number; readonly lon: number }[];
}

/** Projected grids in SVG user units (y down), with the box that holds them. */
export interface ProjectedMap {
  readonly width: number;
  readonly height: number;
  /** SVG `points` attribute of each grid, by id. */
  readonly points: ReadonlyMap<string, string>;
  /** Label anchor (vertex mean) of each grid. */
  readonly centres: ReadonlyMap<string, { readonly x: number; readonly y: number }>;
  /** Edges on an area's border (incl. the city's outline): `M x y L x y` path data. */
  readonly areaBorders: string;
  /** Edges between two large grids of the same area. */
  readonly largeGridBorders: string;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Projects grid boundaries to a `width`-wide SVG box (equirectangular, longitude scaled by the
 * cosine of the mean latitude: exact enough at city scale) and finds the outlines of areas and
 * large grids: an edge drawn by only one grid, or by two grids of different areas, is an area
 * border; one shared by two large grids of an area is a large-grid border. Pure.
 */
export function projectMap(grids: readonly MapGrid[], width = 1000, pad = 10): ProjectedMap {
  const all = grids.flatMap((g) => g.boundary);
  if (all.length === 0)
    return {
      width,
      height: width,
      points: new Map(),
      centres: new Map(),
      areaBorders: '',
      largeGridBorders: '',
    };
  const lats = all.map((p) => p.lat);
  const lons = all.map((p) => p.lon);
  const [minLat, maxLat, minLon, maxLon] = [
    Math.min(...lats),
    Math.max(...lats),
    Math.min(...lons),
    Math.max(...lons),
  ];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (width - 2 * pad) / Math.max((maxLon - minLon) * k, 1e-9);
  const height = Math.ceil((maxLat - minLat) * scale + 2 * pad);
  const xy = (p: { lat: number; lon: number }) => ({
    x: round(pad + (p.lon - minLon) * k * scale),
    y: round(pad + (maxLat - p.lat) * scale),
  });
  const points = new Map<string, string>();
  const centres = new Map<string, { x: number; y: number }>();
  const edges = new Map<
    string,
    { a: { x: number; y: number }; b: { x: number; y: number }; owners: MapGrid[] }
  >();
  for (const g of grids) {
    const ps = g.boundary.map(xy);
    points.set(g.gridId, ps.map((p) => `${p.x},${p.y}`).join(' '));
    centres.set(g.gridId, {
      x: round(ps.reduce((s, p) => s + p.x, 0) / ps.length),
      y: round(ps.reduce((s, p) => s + p.y, 0) / ps.length),
    });
    ps.forEach((a, i) => {
      const b = ps[(i + 1) % ps.length]!;
      if (a.x === b.x && a.y === b.y) return;
      const ka = `${a.x},${a.y}`;
      const kb = `${b.x},${b.y}`;
      const key = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
      const e = edges.get(key) ?? { a, b, owners: [] };
      e.owners.push(g);
      edges.set(key, e);
    });
  }
  let areaBorders = '';
  let largeGridBorders = '';
  for (const e of edges.values()) {
    const d = `M${e.a.x} ${e.a.y}L${e.b.x} ${e.b.y}`;
    const [g1, g2] = e.owners;
    if (!g2 || g1!.areaId !== g2.areaId) areaBorders += d;
    else if (g1!.largeGridId !== g2.largeGridId) largeGridBorders += d;
  }
  return { width, height, points, centres, areaBorders, largeGridBorders };
}
