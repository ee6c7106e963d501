import type { WireAreaInfo } from '@citybrain/proto';
import { t } from '../i18n';
import type { CongestionLevel } from '../state/board-state';
import { projectMap, type MapGrid } from '../state/map-geometry';
import { svg } from './dom';

/** What a grid needs on the map besides its geometry. */
export interface GridLabel {
  readonly gridId: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly areaId: string;
  readonly areaNameZh: string;
  readonly areaNameEn: string;
  readonly communityNameZh: string;
  readonly communityNameEn: string;
}

/** How the map colours grids. */
export type MapMode = 'alerts' | 'congestion';

/** Fill colours by severity rank (0 = no alert) and by congestion level; the legend uses them too. */
export const SEVERITY_FILL = ['#2b3a4a', '#4f8fc0', '#e0c341', '#f08c2e', '#e53935', '#9c27b0'] as const;
export const CONGESTION_FILL: Record<CongestionLevel, string> = {
  none: '#2e7d32',
  moderate: '#f08c2e',
  severe: '#b71c1c',
};

/** Flattens ListGrids' hierarchy into map grids and labels. */
export function gridsOf(areas: readonly WireAreaInfo[]): {
  grids: MapGrid[];
  labels: Map<string, GridLabel>;
} {
  const grids: MapGrid[] = [];
  const labels = new Map<string, GridLabel>();
  for (const a of areas)
    for (const l of a.largeGrids)
      for (const g of l.grids) {
        grids.push({ gridId: g.gridId, areaId: g.areaId, largeGridId: g.largeGridId, boundary: g.boundary });
        labels.set(g.gridId, {
          gridId: g.gridId,
          nameZh: g.nameZh,
          nameEn: g.nameEn,
          areaId: a.areaId,
          areaNameZh: a.nameZh,
          areaNameEn: a.nameEn,
          communityNameZh: g.communityNameZh,
          communityNameEn: g.communityNameEn,
        });
      }
  return { grids, labels };
}

/**
 * The SVG map: one focusable polygon per grid (`data-grid-id`, `data-severity`, `data-congestion`),
 * area and large-grid outlines on top, zoom (wheel, buttons, +/-) and pan (drag, arrow keys) by
 * changing the viewBox, and a tooltip on hover and focus.
 */
export class MapView {
  private readonly polygons = new Map<string, SVGPolygonElement>();
  private view = { x: 0, y: 0, w: 1000, h: 1000 };
  private full = { w: 1000, h: 1000 };
  private mode: MapMode = 'alerts';
  private worst = new Map<string, number>();
  private congestion = new Map<string, CongestionLevel>();

  constructor(
    private readonly svgEl: SVGSVGElement,
    private readonly tooltip: HTMLElement,
    private readonly labels: () => ReadonlyMap<string, GridLabel>,
    private readonly describe: (l: GridLabel) => { title: string; lines: string[] },
    private readonly onOpen: (gridId: string) => void,
  ) {
    this.wireZoomAndPan();
  }

  /** Draws the grids (once, after ListGrids). */
  draw(grids: readonly MapGrid[]): void {
    const m = projectMap(grids);
    this.full = { w: m.width, h: m.height };
    this.view = { x: 0, y: 0, w: m.width, h: m.height };
    this.svgEl.replaceChildren();
    this.polygons.clear();
    const layer = svg('g', { class: 'grids' });
    for (const g of grids) {
      const p = svg('polygon', {
        points: m.points.get(g.gridId) ?? '',
        class: 'grid',
        tabindex: 0,
        role: 'button',
        'data-grid-id': g.gridId,
        'data-area-id': g.areaId,
        'data-severity': '',
        'data-congestion': 'none',
      });
      p.addEventListener('pointerenter', (e) => this.showTip(g.gridId, e.clientX, e.clientY));
      p.addEventListener('pointermove', (e) => this.moveTip(e.clientX, e.clientY));
      p.addEventListener('pointerleave', () => this.hideTip());
      p.addEventListener('focus', () => {
        const r = p.getBoundingClientRect();
        this.showTip(g.gridId, r.right, r.top);
      });
      p.addEventListener('blur', () => this.hideTip());
      p.addEventListener('click', () => this.onOpen(g.gridId));
      p.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.onOpen(g.gridId);
        }
      });
      layer.append(p);
      this.polygons.set(g.gridId, p);
    }
    this.svgEl.append(
      layer,
      svg('path', { d: m.largeGridBorders, class: 'border-large-grid' }),
      svg('path', { d: m.areaBorders, class: 'border-area' }),
    );
    this.applyView();
    this.relabel();
    this.recolour();
  }

  /** Number of grids drawn. */
  get gridCount(): number {
    return this.polygons.size;
  }

  setMode(mode: MapMode): void {
    this.mode = mode;
    this.recolour();
  }

  /** New colours from the board state; only changed polygons are touched. */
  update(worst: Map<string, number>, congestion: Map<string, CongestionLevel>): void {
    this.worst = worst;
    this.congestion = congestion;
    this.recolour();
  }

  /** Accessible names follow the language. */
  relabel(): void {
    const labels = this.labels();
    for (const [id, p] of this.polygons) {
      const l = labels.get(id);
      if (l) p.setAttribute('aria-label', this.describe(l).title);
    }
  }

  private recolour(): void {
    for (const [id, p] of this.polygons) {
      const rank = this.worst.get(id) ?? 0;
      const level = this.congestion.get(id) ?? 'none';
      const sev =
        rank === 0
          ? ''
          : [
              '',
              'SEVERITY_INFORMATIONAL',
              'SEVERITY_LOW',
              'SEVERITY_MEDIUM',
              'SEVERITY_HIGH',
              'SEVERITY_CRITICAL',
            ][rank]!;
      const fill: string =
        this.mode === 'alerts' ? (SEVERITY_FILL[rank] ?? SEVERITY_FILL[0]) : CONGESTION_FILL[level];
      if (p.dataset.severity !== sev) p.dataset.severity = sev;
      if (p.dataset.congestion !== level) p.dataset.congestion = level;
      if (p.getAttribute('fill') !== fill) p.setAttribute('fill', fill);
    }
  }

  private showTip(gridId: string, x: number, y: number): void {
    const l = this.labels().get(gridId);
    if (!l) return;
    const d = this.describe(l);
    const title = document.createElement('strong');
    title.textContent = d.title;
    this.tooltip.replaceChildren(
      title,
      ...d.lines.map((s) => Object.assign(document.createElement('div'), { textContent: s })),
    );
    this.tooltip.hidden = false;
    this.tooltip.dataset.gridId = gridId;
    this.moveTip(x, y);
  }

  private moveTip(x: number, y: number): void {
    this.tooltip.style.left = `${x + 14}px`;
    this.tooltip.style.top = `${y + 14}px`;
  }

  private hideTip(): void {
    this.tooltip.hidden = true;
  }

  /** Zooms by `factor` (>1 = in) around a point in SVG units (default: the view's centre). */
  zoom(factor: number, cx = this.view.x + this.view.w / 2, cy = this.view.y + this.view.h / 2): void {
    const w = Math.min(this.full.w * 1.5, Math.max(this.full.w / 12, this.view.w / factor));
    const h = (w * this.full.h) / this.full.w;
    this.view = {
      x: cx - ((cx - this.view.x) * w) / this.view.w,
      y: cy - ((cy - this.view.y) * h) / this.view.h,
      w,
      h,
    };
    this.applyView();
  }

  /** Pans by a fraction of the view (arrow keys: 10 %). */
  pan(fx: number, fy: number): void {
    this.view = { ...this.view, x: this.view.x + fx * this.view.w, y: this.view.y + fy * this.view.h };
    this.applyView();
  }

  reset(): void {
    this.view = { x: 0, y: 0, w: this.full.w, h: this.full.h };
    this.applyView();
  }

  private applyView(): void {
    const v = this.view;
    this.svgEl.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
  }

  private wireZoomAndPan(): void {
    const toSvg = (clientX: number, clientY: number) => {
      const r = this.svgEl.getBoundingClientRect();
      // preserveAspectRatio meet: the drawing is scaled uniformly and centred.
      const s = Math.min(r.width / this.view.w, r.height / this.view.h);
      const ox = (r.width - this.view.w * s) / 2;
      const oy = (r.height - this.view.h * s) / 2;
      return { x: this.view.x + (clientX - r.left - ox) / s, y: this.view.y + (clientY - r.top - oy) / s, s };
    };
    this.svgEl.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const p = toSvg(e.clientX, e.clientY);
        this.zoom(e.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
      },
      { passive: false },
    );
    let drag: { x: number; y: number; vx: number; vy: number; s: number; moved: boolean } | undefined;
    this.svgEl.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      drag = {
        x: e.clientX,
        y: e.clientY,
        vx: this.view.x,
        vy: this.view.y,
        s: toSvg(e.clientX, e.clientY).s,
        moved: false,
      };
    });
    this.svgEl.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return; // a click, not a drag
      if (!drag.moved) this.svgEl.setPointerCapture(e.pointerId);
      drag.moved = true;
      this.view = { ...this.view, x: drag.vx - dx / drag.s, y: drag.vy - dy / drag.s };
      this.applyView();
    });
    const end = (e: PointerEvent) => {
      if (drag?.moved) {
        // a drag must not also open the grid under the pointer
        const swallow = (c: Event) => c.stopPropagation();
        this.svgEl.addEventListener('click', swallow, { capture: true, once: true });
        setTimeout(() => this.svgEl.removeEventListener('click', swallow, { capture: true }), 0);
        if (this.svgEl.hasPointerCapture(e.pointerId)) this.svgEl.releasePointerCapture(e.pointerId);
      }
      drag = undefined;
    };
    this.svgEl.addEventListener('pointerup', end);
    this.svgEl.addEventListener('pointercancel', end);
    this.svgEl.addEventListener('keydown', (e) => {
      const keys: Record<string, () => void> = {
        '+': () => this.zoom(1.25),
        '=': () => this.zoom(1.25),
        '-': () => this.zoom(0.8),
        '0': () => this.reset(),
        ArrowLeft: () => this.pan(-0.1, 0),
        ArrowRight: () => this.pan(0.1, 0),
        ArrowUp: () => this.pan(0, -0.1),
        ArrowDown: () => this.pan(0, 0.1),
      };
      const act = keys[e.key];
      if (act) {
        e.preventDefault();
        act();
      }
    });
  }
}

/** Legend rows for a mode: [colour, label]. */
export function legendRows(mode: MapMode): [string, string][] {
  if (mode === 'congestion')
    return [
      [CONGESTION_FILL.none, t('congestionNone')],
      [CONGESTION_FILL.moderate, t('congestionModerate')],
      [CONGESTION_FILL.severe, t('congestionSevere')],
    ];
  return [
    [SEVERITY_FILL[0], t('noAlert')],
    [SEVERITY_FILL[1], t('severity_SEVERITY_INFORMATIONAL')],
    [SEVERITY_FILL[2], t('severity_SEVERITY_LOW')],
    [SEVERITY_FILL[3], t('severity_SEVERITY_MEDIUM')],
    [SEVERITY_FILL[4], t('severity_SEVERITY_HIGH')],
    [SEVERITY_FILL[5], t('severity_SEVERITY_CRITICAL')],
  ];
}
