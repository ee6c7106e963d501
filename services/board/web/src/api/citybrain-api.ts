import type {
  WireAcknowledgement,
  WireAlert,
  WireAlertState,
  WireGetGridHistoryResponse,
  WireGetGridStateResponse,
  WireGetKpisResponse,
  WireListGridsResponse,
  WireListOpenCasesResponse,
  WireSilence,
  WireSubscribeResponse,
} from '@citybrain/proto';
import { call, unary, type Transport } from './grpc-web-client';

/** The citybrain.v1 calls the board makes, typed with the shapes every Node.js client sees too. */
export class CitybrainApi {
  constructor(private readonly transport: Transport) {}

  listGrids(): Promise<WireListGridsResponse> {
    return unary(this.transport, '/citybrain.v1.GridService/ListGrids', {});
  }

  getGridState(gridId: string): Promise<WireGetGridStateResponse> {
    return unary(this.transport, '/citybrain.v1.GridService/GetGridState', { gridId });
  }

  /** The grid's final windows over the last hour, oldest first (the drill-down's charts). */
  getGridHistory(gridId: string): Promise<WireGetGridHistoryResponse> {
    return unary(this.transport, '/citybrain.v1.GridService/GetGridHistory', { gridId });
  }

  /** The work orders and permits open in a grid, the next deadline first. */
  listOpenCases(gridId: string): Promise<WireListOpenCasesResponse> {
    return unary(this.transport, '/citybrain.v1.GridService/ListOpenCases', { gridId });
  }

  /** The KPIs of every area in the caller's scope. */
  getKpis(): Promise<WireGetKpisResponse> {
    return unary(this.transport, '/citybrain.v1.GridService/GetKpis', {});
  }

  /** One page of a grid's alerts, oldest first (firing and recently resolved). */
  async listAlerts(gridId: string, pageSize = 200): Promise<WireAlertState[]> {
    const r = await unary<{ alerts: WireAlertState[] }>(
      this.transport,
      '/citybrain.v1.AlertService/ListAlerts',
      {
        gridIds: [gridId],
        pageSize,
      },
    );
    return r.alerts;
  }

  acknowledge(alertId: string, note: string): Promise<{ acknowledgement: WireAcknowledgement | null }> {
    return unary(this.transport, '/citybrain.v1.AlertService/AcknowledgeAlert', { alertId, note });
  }

  /** Silences alerts matching every `name=value` pair for `minutes` from now. */
  createSilence(
    matchers: readonly { name: string; value: string }[],
    minutes: number,
    comment: string,
  ): Promise<{ silence: WireSilence | null }> {
    const ends = Date.now() + minutes * 60_000;
    return unary(this.transport, '/citybrain.v1.AlertService/CreateSilence', {
      matchers: matchers.map((m) => ({ name: m.name, op: 'OP_EQUAL', value: m.value })),
      endsAt: { seconds: Math.floor(ends / 1000), nanos: 0 },
      comment,
    });
  }

  async listSilences(): Promise<WireSilence[]> {
    const r = await unary<{ silences: WireSilence[] }>(
      this.transport,
      '/citybrain.v1.AlertService/ListSilences',
      {
        includeExpired: false,
      },
    );
    return r.silences;
  }

  expireSilence(silenceId: string): Promise<{ silence: WireSilence | null }> {
    return unary(this.transport, '/citybrain.v1.AlertService/ExpireSilence', { silenceId });
  }

  /**
   * Opens a Subscribe stream: with `resumeFrom` it continues right after that position; without,
   * it starts with the active alerts (`include_active`). Resolves only when the call ends.
   */
  subscribe(
    resumeFrom: string,
    onMessage: (m: WireSubscribeResponse) => void,
    signal: AbortSignal,
    onOpen: () => void,
  ): Promise<void> {
    return call(
      this.transport,
      '/citybrain.v1.AlertService/Subscribe',
      resumeFrom === '' ? { includeActive: true } : { resumeFrom },
      onMessage,
      signal,
      onOpen,
    );
  }
}

export type { WireAlert, WireAlertState, WireAcknowledgement, WireSilence };
