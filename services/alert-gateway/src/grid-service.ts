import type { GridRegistry, Grid } from '@citybrain/grid';
import type { GridServiceHandlers, WireAreaInfoInput, WireGridInfoInput } from '@citybrain/proto';
import type { AckStore } from './ack-store';
import type { AlertStore } from './alert-store';
import { alertStateToWire } from './wire';
import type { MuteEvaluator } from './mute';
import { inScope, scopeText } from './auth';
import type { CallRunner } from './call-runner';
import { GatewayError } from './errors';
import type { GridStateStore } from './grid-state-store';
import { timestampOf } from './wire';

/** What the GridService handlers work on. */
export interface GridServiceDeps {
  readonly registry: GridRegistry;
  readonly store: AlertStore;
  readonly gridState: GridStateStore;
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

/** The GridService handlers: the registry's hierarchy and the latest window state of a grid. */
export function createGridService(deps: GridServiceDeps): GridServiceHandlers {
  const { registry, runner } = deps;
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
      if (req.gridId === '') throw new GatewayError('invalid-argument', 'required', 'grid_id');
      const grid = registry.grid(req.gridId);
      if (!grid) throw new GatewayError('not-found', `no grid ${JSON.stringify(req.gridId)}`, 'grid_id');
      if (!inScope(p, grid.areaId, grid.id))
        throw new GatewayError(
          'permission-denied',
          `grid ${grid.id} is outside your scope (${scopeText(p)})`,
          'grid_id',
        );
      return {
        grid: gridInfo(grid, registry),
        windows: deps.gridState.windows(grid.id).map((w) => ({
          name: w.name,
          window: { start: timestampOf(w.startMs), end: timestampOf(w.endMs) },
          aggregates: Object.entries(w.aggregates).map(([name, value]) => ({ name, value })),
        })),
        openAlerts: deps.store
          .list((a) => a.gridId === grid.id && a.status === 'firing')
          .map((a) => alertStateToWire(a, deps.mute, deps.acks)),
      };
    }),
  };
}
