import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { WireAlertState, WireGetGridStateResponse } from '@citybrain/proto';
import type { CitybrainApi } from '../api/citybrain-api';
import { lang, localSummary, t } from '../i18n';
import { h, timeOf } from './dom';

/** How often an open drill-down refreshes the grid's state. */
const REFRESH_MS = 5_000;
/** Samples kept per series: the last hour. */
const HISTORY_MS = 60 * 60 * 1000;

/** One aggregate's samples, by window end (seconds). */
type Series = Map<number, number>;

/**
 * The drill-down of one grid: its latest window aggregates (GetGridState), a small chart per
 * aggregate over the last hour, its open alerts and its alert history (ListAlerts). The API gives
 * the latest windows only, so the board keeps every grid's samples from the moment it first opens
 * it, refreshing every few seconds while it is open.
 */
export class DrillView {
  private gridId = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly history = new Map<string, Map<string, Series>>();
  private charts: uPlot[] = [];

  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly body: HTMLElement,
    private readonly api: CitybrainApi,
    private readonly gridTitle: (gridId: string) => string,
  ) {
    dialog.addEventListener('close', () => {
      clearInterval(this.timer);
      this.timer = undefined;
      this.gridId = '';
      this.destroyCharts();
    });
  }

  /** Opens the drill-down of a grid and keeps it fresh while open. */
  async open(gridId: string): Promise<void> {
    this.gridId = gridId;
    this.body.replaceChildren(h('p', {}, '…'));
    this.dialog.dataset.gridId = gridId;
    if (!this.dialog.open) this.dialog.showModal();
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    const gridId = this.gridId;
    if (gridId === '') return;
    try {
      const [state, alerts] = await Promise.all([this.api.getGridState(gridId), this.api.listAlerts(gridId)]);
      if (gridId !== this.gridId) return;
      this.record(gridId, state);
      this.render(state, alerts);
    } catch (err: unknown) {
      if (gridId !== this.gridId) return;
      this.body.replaceChildren(
        h(
          'p',
          { class: 'error', role: 'alert' },
          `${t('error')}: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
    }
  }

  private record(gridId: string, state: WireGetGridStateResponse): void {
    const byName = this.history.get(gridId) ?? new Map<string, Series>();
    this.history.set(gridId, byName);
    const cutoff = Date.now() / 1000 - HISTORY_MS / 1000;
    for (const w of state.windows) {
      const end = Number(w.window?.end?.seconds ?? 0);
      for (const a of w.aggregates) {
        const key = `${w.name} · ${a.name}`;
        const s = byName.get(key) ?? new Map<number, number>();
        s.set(end, a.value);
        for (const k of s.keys()) if (k < cutoff) s.delete(k);
        byName.set(key, s);
      }
    }
  }

  private render(state: WireGetGridStateResponse, alerts: WireAlertState[]): void {
    this.destroyCharts();
    const g = state.grid;
    const zh = lang() === 'zh';
    const title = h('h2', { id: 'drill-title' }, this.gridTitle(g?.gridId ?? this.gridId));
    const info = h(
      'p',
      { class: 'muted' },
      `${t('community')}: ${zh ? g?.communityNameZh : g?.communityNameEn} · ${t('largeGrid')}: ${g?.largeGridId} · ${t('area')}: ${g?.areaId}`,
    );
    const table = h('table', { class: 'aggregates' });
    for (const w of state.windows)
      for (const a of w.aggregates)
        table.append(
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, `${w.name} · ${a.name}`),
            h('td', {}, Number.isInteger(a.value) ? String(a.value) : a.value.toFixed(1)),
            h('td', { class: 'muted' }, `${timeOf(w.window?.start)}–${timeOf(w.window?.end)}`),
          ),
        );
    const charts = h('div', { class: 'charts' });
    const open = state.openAlerts.map((s) => this.alertItem(s));
    const historyItems = alerts
      .slice(-50)
      .reverse()
      .map((s) => this.alertItem(s));
    this.body.replaceChildren(
      title,
      info,
      h('h3', {}, t('latestWindows')),
      state.windows.length > 0 ? table : h('p', { class: 'muted' }, t('none')),
      h('h3', {}, t('trend')),
      charts,
      h('h3', {}, `${t('openAlerts')} (${open.length})`),
      open.length > 0
        ? h('ul', { class: 'alerts open-alerts' }, ...open)
        : h('p', { class: 'muted' }, t('none')),
      h('h3', {}, t('history')),
      historyItems.length > 0
        ? h('ul', { class: 'alerts history' }, ...historyItems)
        : h('p', { class: 'muted' }, t('none')),
    );
    const series = this.history.get(this.gridId) ?? new Map<string, Series>();
    for (const [name, s] of [...series].slice(0, 6)) {
      const xs = [...s.keys()].sort((a, b) => a - b);
      const box = h('figure', { class: 'chart', 'data-series': name }, h('figcaption', {}, name));
      charts.append(box);
      this.charts.push(
        new uPlot(
          {
            width: 260,
            height: 110,
            legend: { show: false },
            scales: { x: { time: true } },
            axes: [
              { stroke: '#9fb3c8', size: 24 },
              { stroke: '#9fb3c8', size: 36 },
            ],
            series: [{}, { label: name, stroke: '#4fc3f7', width: 2, points: { show: xs.length < 3 } }],
          },
          [xs, xs.map((x) => s.get(x) ?? null)],
          box,
        ),
      );
    }
  }

  private alertItem(s: WireAlertState): HTMLElement {
    const a = s.alert;
    if (!a) return h('li', {});
    const acked = s.acknowledgement ? ` · ✓ ${s.acknowledgement.acknowledgedBy}` : '';
    return h(
      'li',
      { 'data-alert-id': a.alertId, class: `sev-${a.severity.replace('SEVERITY_', '').toLowerCase()}` },
      `${timeOf(a.startsAt)} ${t(`severity_${a.severity}`)} · ${t(`status_${a.status}`)} · ${localSummary(a.summary)}${acked}`,
    );
  }

  private destroyCharts(): void {
    for (const c of this.charts) c.destroy();
    this.charts = [];
  }
}
