import type { WireGetKpisResponse } from '@citybrain/proto';
import type { CitybrainApi } from '../api/citybrain-api';
import { lang, t } from '../i18n';
import { kpiRow, leadTime, percent, type KpiRow } from '../state/kpi-figures';
import { h } from './dom';

/** How often the panel asks the gateway for the KPIs. */
const REFRESH_MS = 10_000;

/**
 * The KPI panel: per area, the alerts firing now (from the live feed), and from `GetKpis` the alerts
 * raised, the on-time closure rate (按期结案率) and the permits issued within the 8-day commitment
 * with their mean lead time. The figures are the gateway's sums of the processor's KPI facts, the
 * same facts its Prometheus metrics (and so Grafana) count.
 */
export class KpiView {
  private kpis: WireGetKpisResponse | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly el: HTMLElement,
    private readonly api: CitybrainApi,
    private readonly areas: () => readonly { areaId: string; nameZh: string; nameEn: string }[],
    private readonly firingByArea: () => ReadonlyMap<string, number>,
  ) {}

  /** Fetches now and then every few seconds. */
  start(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    void this.refresh();
  }

  /** Fetches the KPIs once (a failure keeps the last figures and is shown on the panel). */
  async refresh(): Promise<void> {
    try {
      this.kpis = await this.api.getKpis();
      delete this.el.dataset.error;
    } catch (err: unknown) {
      this.el.dataset.error = err instanceof Error ? err.message : String(err);
    }
    this.render();
  }

  /** Draws the panel from the last KPIs and the live firing counts. */
  render(): void {
    const firing = this.firingByArea();
    const unit = { days: t('days'), hours: t('hours') };
    const names = new Map(this.areas().map((a) => [a.areaId, lang() === 'zh' ? a.nameZh : a.nameEn]));
    const rows = (this.kpis?.areas ?? []).map(kpiRow);
    const ids = new Set([...names.keys(), ...rows.map((r) => r.areaId)]);
    const byId = new Map(rows.map((r) => [r.areaId, r]));
    const line = (id: string, label: string, r: KpiRow | undefined, live: number) =>
      h(
        'tr',
        {
          'data-area-id': id,
          'data-closed': r?.closed,
          'data-on-time': r?.onTime,
          'data-permits': r?.permits,
          'data-within': r?.withinCommitment,
          'data-alerts-raised': r?.alertsRaised,
        },
        h('th', { scope: 'row' }, label),
        h('td', { class: 'firing' }, String(live)),
        h('td', {}, r ? String(r.alertsRaised) : '—'),
        h('td', { title: r ? `${r.onTime}/${r.closed}` : '' }, r ? percent(r.onTimeRate) : '—'),
        h(
          'td',
          {
            title: r?.meanLeadDays != null ? `${t('kpiLead')} ${r.meanLeadDays.toFixed(1)} ${t('days')}` : '',
          },
          r ? `${r.withinCommitment}/${r.permits}` : '—',
        ),
      );
    const body = [...ids]
      .sort()
      .map((id) => line(id, names.get(id) ?? id, byId.get(id), firing.get(id) ?? 0));
    const total = this.kpis?.total ? kpiRow(this.kpis.total) : undefined;
    let liveTotal = 0;
    for (const n of firing.values()) liveTotal += n;
    this.el.replaceChildren(
      h('strong', {}, t('kpis')),
      h(
        'table',
        { class: 'kpi-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, t('area')),
            h('th', {}, t('kpiFiring')),
            h('th', {}, t('kpiAlerts')),
            h('th', {}, t('kpiOnTime')),
            h('th', {}, t('kpiPermits')),
          ),
        ),
        h('tbody', {}, ...body),
        h('tfoot', {}, line('total', t('total'), total, liveTotal)),
      ),
      total?.meanLeadDays != null
        ? h(
            'p',
            { class: 'muted', 'data-kpi': 'lead' },
            `${t('kpiLead')}: ${leadTime(total.meanLeadDays, unit)}`,
          )
        : '',
    );
  }
}
