import type { OpenCase, OpenCaseKind } from '@citybrain/domain';
import type { GridRegistry, Grid } from '@citybrain/grid';
import type {
  GridServiceHandlers,
  WireAreaInfoInput,
  WireAreaKpisInput,
  WireGridInfoInput,
  WireGridWindowStateInput,
  WireOpenCaseInput,
} from '@citybrain/proto';
import type { GridWindow } from '@citybrain/codec';
import type { AckStore } from './ack-store';
import type { AlertStore } from './alert-store';
import { alertStateToWire } from './wire';
import type { MuteEvaluator } from './mute';
import { inScope, scopeText, type Principal } from './auth';
import type { CaseView } from './case-view';
import type { GridHistory } from './grid-history';
import type { KpiView } from './kpi-view';
import type { CallRunner } from './call-runner';
import { GatewayError } from './errors';
import type { GridStateStore } from './grid-state-store';
import { timestampOf } from './wire';

/** What the GridService handlers work on. */
export interface GridServiceDeps {
  readonly registry: GridRegistry;
  readonly store: AlertStore;
  readonly gridState: GridStateStore;
  readonly history: GridHistory;
  readonly cases: CaseView;
  readonly kpis: KpiView;
  readonly mute: MuteEvaluator;
  readonly acks: AckStore;
  readonly runner: CallRunner;
}

function gridInfo(g: Grid, registry: GridRegistry): WireGridInfoInput {
  const community = registry.community(g.communityId);
  return {
    gridId: g.id,
    nameZh: g.nameZh,
    nameEn: g.nameEn,
    largeGridId: g.largeGridId,
    areaId: g.areaId,
    communityId: g.communityId,
    // The boundary lets any client (the web board first) draw the map without a second source.
    boundary: g.boundary.map(([lon, lat]) => ({ lat, lon })),
    communityNameZh: community?.nameZh ?? '',
    communityNameEn: community?.nameEn ?? '',
  };
}

function windowToWire(w: GridWindow): WireGridWindowStateInput {
  return {
    name: w.name,
    window: { start: timestampOf(w.startMs), end: timestampOf(w.endMs) },
    aggregates: Object.entries(w.aggregates).map(([name, value]) => ({ name, value })),
  };
}

const CASE_KIND_BY_WIRE = new Map<string, OpenCaseKind | undefined>([
  ['CASE_KIND_UNSPECIFIED', undefined],
  ['CASE_KIND_WORK_ORDER', 'work-order'],
  ['CASE_KIND_PERMIT', 'permit'],
]);
const CASE_KIND_TO_WIRE = { 'work-order': 'CASE_KIND_WORK_ORDER', permit: 'CASE_KIND_PERMIT' } as const;

function caseToWire(c: OpenCase): WireOpenCaseInput {
  return {
    kind: CASE_KIND_TO_WIRE[c.kind],
    caseId: c.caseId,
    gridId: c.gridId,
    areaId: c.areaId,
    stage: c.stage,
    openedAt: c.openedAtMs === null ? null : timestampOf(c.openedAtMs),
    title: c.title,
    urgency: c.urgency,
    deadlines: c.deadlines.map((d) => ({
      name: d.name,
      due: timestampOf(d.dueMs),
      met: d.met,
      overdue: d.overdue,
    })),
  };
}

/** The GridService handlers: the registry's hierarchy, a grid's state and history, cases and KPIs. */
export function createGridService(deps: GridServiceDeps): GridServiceHandlers {
  const { registry, runner } = deps;
  /** The grid named by a request, checked against the registry and the caller's scope. */
  const scopedGrid = (gridId: string, p: Principal): Grid => {
    if (gridId === '') throw new GatewayError('invalid-argument', 'required', 'grid_id');
    const grid = registry.grid(gridId);
    if (!grid) throw new GatewayError('not-found', `no grid ${JSON.stringify(gridId)}`, 'grid_id');
    if (!inScope(p, grid.areaId, grid.id))
      throw new GatewayError(
        'permission-denied',
        `grid ${grid.id} is outside your scope (${scopeText(p)})`,
        'grid_id',
      );
    return grid;
  };
  /** The area named by a request, checked against the registry and `allowed` (the caller's scope). */
  const scopedArea = (areaId: string, p: Principal, allowed: boolean): void => {
    if (!registry.area(areaId))
      throw new GatewayError('invalid-argument', `unknown area ${JSON.stringify(areaId)}`, 'area_id');
    if (!allowed)
      throw new GatewayError(
        'permission-denied',
        `area ${areaId} is outside your scope (${scopeText(p)})`,
        'area_id',
      );
  };
  return {
    ListGrids: runner.unary('ListGrids', (req, p) => {
      if (req.areaId !== '') {
        if (!registry.area(req.areaId))
          throw new GatewayError('invalid-argument', `unknown area ${JSON.stringify(req.areaId)}`, 'area_id');
        if (p.role !== 'committee' && p.areaId !== req.areaId)
          throw new GatewayError(
            'permission-denied',
            `area ${req.areaId} is outside your scope (${scopeText(p)})`,
            'area_id',
          );
      }
      const areas: WireAreaInfoInput[] = [];
      for (const area of registry.areas) {
        if (req.areaId !== '' && area.id !== req.areaId) continue;
        const largeGrids = registry.largeGrids
          .filter((l) => l.areaId === area.id)
          .map((l) => ({
            largeGridId: l.id,
            nameZh: l.nameZh,
            nameEn: l.nameEn,
            grids: registry.grids
              .filter((g) => g.largeGridId === l.id && inScope(p, g.areaId, g.id))
              .map((g) => gridInfo(g, registry)),
          }))
          .filter((l) => l.grids.length > 0);
        if (largeGrids.length > 0)
          areas.push({ areaId: area.id, nameZh: area.nameZh, nameEn: area.nameEn, largeGrids });
      }
      return { areas };
    }),

    GetGridState: runner.unary('GetGridState', (req, p) => {
      const grid = scopedGrid(req.gridId, p);
      return {
        grid: gridInfo(grid, registry),
        windows: deps.gridState.windows(grid.id).map(windowToWire),
        openAlerts: deps.store
          .list((a) => a.gridId === grid.id && a.status === 'firing')
          .map((a) => alertStateToWire(a, deps.mute, deps.acks)),
      };
    }),

    GetGridHistory: runner.unary('GetGridHistory', (req, p) => {
      const grid = scopedGrid(req.gridId, p);
      if (req.spanSeconds < 0 || req.spanSeconds > 3600)
        throw new GatewayError('invalid-argument', 'must be 0..3600', 'span_seconds');
      const spanMs = (req.spanSeconds === 0 ? 3600 : req.spanSeconds) * 1000;
      return { windows: deps.history.windows(grid.id, spanMs, req.names).map(windowToWire) };
    }),

    ListOpenCases: runner.unary('ListOpenCases', (req, p) => {
      if (req.gridId !== '' && req.areaId !== '')
        throw new GatewayError('invalid-argument', 'set grid_id or area_id, not both', 'area_id');
      if (!CASE_KIND_BY_WIRE.has(req.kind))
        throw new GatewayError('invalid-argument', `unknown kind ${JSON.stringify(req.kind)}`, 'kind');
      const kind = CASE_KIND_BY_WIRE.get(req.kind);
      if (req.gridId !== '') scopedGrid(req.gridId, p);
      if (req.areaId !== '')
        scopedArea(
          req.areaId,
          p,
          p.role === 'committee' || (p.role === 'area-officer' && p.areaId === req.areaId),
        );
      const cases = deps.cases.list(
        {
          ...(req.gridId !== '' ? { gridId: req.gridId } : {}),
          ...(req.areaId !== '' ? { areaId: req.areaId } : {}),
          ...(kind !== undefined ? { kind } : {}),
        },
        // Neither set: everything in scope (a grid worker's own grid).
        (c) => inScope(p, c.areaId, c.gridId),
      );
      return { cases: cases.map(caseToWire) };
    }),

    GetKpis: runner.unary('GetKpis', (req, p) => {
      // Aggregates of an area are visible to everyone who works in it, not only to its officer.
      const mayRead = (areaId: string) => p.role === 'committee' || p.areaId === areaId;
      if (req.areaId !== '') scopedArea(req.areaId, p, mayRead(req.areaId));
      const firing = new Map<string, number>();
      for (const a of deps.store.firing()) firing.set(a.areaId, (firing.get(a.areaId) ?? 0) + 1);
      const sums = deps.kpis.areas();
      // Every area of the registry in scope, and (for the committee) any other area the facts
      // name, such as alerts of grids outside the registry: the sums must equal the processor's.
      const ids = new Set(registry.areas.map((a) => a.id));
      if (p.role === 'committee') for (const id of [...sums.keys(), ...firing.keys()]) ids.add(id);
      const areas: WireAreaKpisInput[] = [];
      const total = { closed: 0, onTime: 0, issued: 0, within: 0, leadMs: 0, raised: 0, firing: 0 };
      for (const areaId of [...ids].sort()) {
        if (!mayRead(areaId) || (req.areaId !== '' && areaId !== req.areaId)) continue;
        const s = sums.get(areaId);
        const f = firing.get(areaId) ?? 0;
        total.closed += s?.workOrdersClosed ?? 0;
        total.onTime += s?.workOrdersClosedOnTime ?? 0;
        total.issued += s?.permitsIssued ?? 0;
        total.within += s?.permitsWithinCommitment ?? 0;
        total.leadMs += s?.permitLeadTimeMsSum ?? 0;
        total.raised += s?.alertsRaised ?? 0;
        total.firing += f;
        areas.push({
          areaId,
          workOrdersClosed: s?.workOrdersClosed ?? 0,
          workOrdersClosedOnTime: s?.workOrdersClosedOnTime ?? 0,
          permitsIssued: s?.permitsIssued ?? 0,
          permitsWithinCommitment: s?.permitsWithinCommitment ?? 0,
          permitLeadTimeSecondsSum: (s?.permitLeadTimeMsSum ?? 0) / 1000,
          alertsRaised: s?.alertsRaised ?? 0,
          alertsFiring: f,
        });
      }
      return {
        areas,
        total: {
          areaId: '',
          workOrdersClosed: total.closed,
          workOrdersClosedOnTime: total.onTime,
          permitsIssued: total.issued,
          permitsWithinCommitment: total.within,
          permitLeadTimeSecondsSum: total.leadMs / 1000,
          alertsRaised: total.raised,
          alertsFiring: total.firing,
        },
        commitmentSeconds: deps.kpis.commitment / 1000,
      };
    }),
  };
}
