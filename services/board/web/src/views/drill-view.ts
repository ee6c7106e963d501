import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type {
  WireAlertState,
  WireGetGridStateResponse,
  WireGridWindowState,
  WireOpenCase,
} from '@citybrain/proto';
import type { CitybrainApi } from '../api/citybrain-api';
import { seriesOf } from '../state/grid-series';
import { lang, localSummary, t } from '../i18n';
import { dateTimeOf, h, timeOf } from './dom';

/** How often an open drill-down refreshes the grid's state, history and cases. */
const REFRESH_MS = 5_000;

/** What one refresh of a grid fetched. */
interface GridDetails {
  readonly state: WireGetGridStateResponse;
  readonly alerts: WireAlertState[];
  readonly history: WireGridWindowState[];
  readonly cases: WireOpenCase[];
}

/**
 * The drill-down of one grid: its latest window aggregates (GetGridState), a small chart per
 * aggregate over the last hour of final windows (GetGridHistory: speed, volume, case counts), its
 * open work orders and permits with their deadlines (ListOpenCases), its open alerts and its alert
 * history (ListAlerts). Refreshed every few seconds while open.
 */
export class DrillView {
  private gridId = '';
  private timer: ReturnType<typeof setInterval> | undefined;
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
      const [state, alerts, history, cases] = await Promise.all([
        this.api.getGridState(gridId),
        this.api.listAlerts(gridId),
        this.api.getGridHistory(gridId),
        this.api.listOpenCases(gridId),
      ]);
      if (gridId !== this.gridId) return;
      this.render({ state, alerts, history: history.windows, cases: cases.cases });
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

  private render({ state, alerts, history, cases }: GridDetails): void {
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
    const caseItems = cases.map((c) => caseItem(c));
    this.body.replaceChildren(
      title,
      info,
      h('h3', {}, `${t('openCases')} (${cases.length})`),
      caseItems.length > 0
        ? h('ul', { class: 'cases' }, ...caseItems)
        : h('p', { class: 'muted' }, t('none')),
      h('h3', {}, t('trend')),
      charts,
      h('h3', {}, t('latestWindows')),
      state.windows.length > 0 ? table : h('p', { class: 'muted' }, t('none')),
      h('h3', {}, `${t('openAlerts')} (${open.length})`),
      open.length > 0
        ? h('ul', { class: 'alerts open-alerts' }, ...open)
        : h('p', { class: 'muted' }, t('none')),
      h('h3', {}, t('history')),
      historyItems.length > 0
        ? h('ul', { class: 'alerts history' }, ...historyItems)
        : h('p', { class: 'muted' }, t('none')),
    );
    const series = seriesOf(history);
    if (series.length === 0) charts.append(h('p', { class: 'muted' }, t('none')));
    for (const s of series) {
      const box = h(
        'figure',
        { class: 'chart', 'data-series': s.key, 'data-measure': s.measure, 'data-points': s.xs.length },
        h('figcaption', {}, `${t(`measure_${s.measure}`)} · ${s.key}`),
      );
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
            series: [{}, { label: s.key, stroke: '#4fc3f7', width: 2, points: { show: s.xs.length < 3 } }],
          },
          [s.xs, s.ys],
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

/** An open work order or permit with its stage and deadlines (overdue ones marked). */
function caseItem(c: WireOpenCase): HTMLElement {
  const kind = c.kind === 'CASE_KIND_PERMIT' ? 'permit' : 'workOrder';
  const deadlines = c.deadlines.map((d) =>
    h(
      'li',
      {
        'data-deadline': d.name,
        'data-overdue': d.overdue,
        'data-met': d.met,
        class: d.overdue ? 'overdue' : d.met ? 'met' : '',
      },
      `${t(`deadline_${d.name}`)} ${dateTimeOf(d.due)}${d.overdue ? ` · ${t('overdue')}` : d.met ? ' ✓' : ''}`,
    ),
  );
  return h(
    'li',
    { 'data-case-id': c.caseId, 'data-kind': c.kind, 'data-stage': c.stage },
    h('strong', {}, `${t(`case_${kind}`)} ${c.caseId}`),
    ` · ${t(`stage_${c.stage}`)} · ${c.title}${c.urgency === 'urgent' ? ` · ${t('urgent')}` : ''}`,
    c.openedAt ? h('span', { class: 'muted' }, ` · ${t(`opened_${kind}`)} ${dateTimeOf(c.openedAt)}`) : '',
    h('ul', { class: 'deadlines' }, ...deadlines),
  );
}
