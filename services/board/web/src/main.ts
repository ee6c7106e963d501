/**
 * The board's entry point: composes the API client, the live feed, the map, the feed list, the
 * drill-down and the dialogs, and renders state changes at most once per animation frame.
 */
import './styles.css';
import type { WireAlert, WireSubscribeResponse } from '@citybrain/proto';
import { CitybrainApi } from './api/citybrain-api';
import { Code, RpcError } from './api/grpc-web-client';
import { lang, setLang, t, translateStatic, type Lang } from './i18n';
import {
  BoardState,
  KINDS,
  NO_FILTER,
  SEVERITIES,
  type FeedEntry,
  type FeedFilter,
} from './state/board-state';
import { LiveFeed, type ConnectionState } from './state/live-feed';
import { h } from './views/dom';
import { DrillView } from './views/drill-view';
import { FeedView } from './views/feed-view';
import { KpiView } from './views/kpi-view';
import { gridsOf, legendRows, MapView, type GridLabel, type MapMode } from './views/map-view';
import { SilenceView } from './views/silence-view';

const TOKEN_KEY = 'citybrain.token';
const LANG_KEY = 'citybrain.lang';

const $ = <T extends Element>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`board page lacks ${selector}`);
  return el;
};

const api = new CitybrainApi({
  baseUrl: location.origin,
  token: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
});
const state = new BoardState();
let labels = new Map<string, GridLabel>();
let areas: { areaId: string; nameZh: string; nameEn: string }[] = [];
let filter: FeedFilter = NO_FILTER;
let mode: MapMode = 'alerts';
let connection: { state: ConnectionState; detail?: string } = { state: 'connecting' };

const gridTitle = (gridId: string): string => {
  const l = labels.get(gridId);
  if (!l) return gridId;
  return `${gridId} ${lang() === 'zh' ? l.nameZh : l.nameEn}`;
};
const describeGrid = (l: GridLabel) => ({
  title: `${l.gridId} ${lang() === 'zh' ? l.nameZh : l.nameEn}`,
  lines: [
    `${t('community')}: ${lang() === 'zh' ? l.communityNameZh : l.communityNameEn}`,
    `${t('area')}: ${lang() === 'zh' ? l.areaNameZh : l.areaNameEn}`,
    ...[...state.active.values()]
      .filter((a) => a.gridId === l.gridId)
      .slice(0, 3)
      .map((a) => `${t(`severity_${a.severity}`)} · ${a.rule}`),
  ],
});

const drill = new DrillView($<HTMLDialogElement>('#drill'), $('#drill .drill-body'), api, gridTitle);
const kpis = new KpiView(
  $('#area-counts'),
  api,
  () => areas,
  () => state.areaCounts(),
);
const silences = new SilenceView($<HTMLDialogElement>('#silence-dialog'), api);
const map = new MapView(
  $<SVGSVGElement>('#map'),
  $('#tooltip'),
  () => labels,
  describeGrid,
  (id) => void drill.open(id),
);
const feed = new FeedView(
  $<HTMLOListElement>('#feed'),
  state,
  {
    acknowledge: (a) => openAck(a),
    silence: (a) =>
      void silences.open([
        { name: 'gridId', value: a.gridId },
        { name: 'rule', value: a.rule },
      ]),
    openGrid: (id) => void drill.open(id),
    gridName: gridTitle,
  },
  filter,
);

// --- acknowledgement dialog -------------------------------------------------------------------
let acking: WireAlert | undefined;
function openAck(a: WireAlert): void {
  acking = a;
  $('#ack-summary').textContent = `${gridTitle(a.gridId)} · ${a.rule}`;
  $<HTMLInputElement>('#ack-note').value = '';
  $<HTMLElement>('#ack-error').hidden = true;
  $<HTMLDialogElement>('#ack-dialog').showModal();
}
$('#ack-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const a = acking;
  if (!a) return;
  const note = $<HTMLInputElement>('#ack-note').value;
  api.acknowledge(a.alertId, note).then(
    () => $<HTMLDialogElement>('#ack-dialog').close(),
    (err: unknown) => {
      const el = $<HTMLElement>('#ack-error');
      el.hidden = false;
      el.textContent = `${t('error')}: ${err instanceof Error ? err.message : String(err)}`;
    },
  );
});
for (const b of document.querySelectorAll<HTMLButtonElement>('dialog button.close'))
  b.addEventListener('click', () => b.closest('dialog')?.close());

// --- token dialog -----------------------------------------------------------------------------
function askToken(reason = ''): void {
  const r = $<HTMLElement>('#token-reason');
  r.hidden = reason === '';
  r.textContent = reason;
  const d = $<HTMLDialogElement>('#token-dialog');
  if (!d.open) d.showModal();
}
$('#token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $<HTMLInputElement>('#token-input').value.trim());
  $<HTMLInputElement>('#token-input').value = '';
  $<HTMLDialogElement>('#token-dialog').close();
  // A new identity: start over (its scope differs) with the hierarchy and the stream.
  state.position = '';
  void loadGrids();
  live.kick();
});
$('#login-btn').addEventListener('click', () => askToken());
$('#silences-btn').addEventListener('click', () => void silences.open());

// --- rendering (batched per animation frame) ----------------------------------------------------
let pending: FeedEntry[] = [];
let rebuild = false;
let frame = 0;
function schedule(): void {
  if (frame === 0) frame = requestAnimationFrame(render);
}
function render(): void {
  frame = 0;
  if (rebuild) {
    rebuild = false;
    pending = [];
    feed.rebuild();
  } else if (pending.length > 0) {
    feed.add(pending);
    pending = [];
  }
  map.update(state.worstByGrid(), state.congestionByGrid());
  renderCounts();
}

function renderCounts(): void {
  const counts = state.severityCounts();
  $('#counts').replaceChildren(
    h(
      'span',
      { class: 'count total', 'data-count': 'total' },
      t('activeCount'),
      h('b', {}, String(state.active.size)),
    ),
    ...[...SEVERITIES]
      .reverse()
      .map((s) =>
        h(
          'span',
          { class: `count sev-${s.replace('SEVERITY_', '').toLowerCase()}`, 'data-count': s },
          t(`severity_${s}`),
          h('b', {}, String(counts[s])),
        ),
      ),
  );
  kpis.render();
  const conn = $<HTMLElement>('#conn');
  conn.dataset.state = connection.state;
  conn.textContent =
    connection.state === 'unauthenticated' || connection.state === 'denied'
      ? t(connection.state === 'denied' ? 'denied' : 'signIn')
      : t(connection.state === 'live' ? 'live' : connection.state);
  conn.title = connection.detail ?? '';
}

function renderLegend(): void {
  $('#legend').replaceChildren(
    h('strong', {}, t('legend')),
    ...legendRows(mode).map(([colour, label]) =>
      h('div', {}, h('span', { class: 'swatch', style: `background:${colour}` }), label),
    ),
    h('div', {}, h('span', { class: 'swatch line' }), t('areaBorder')),
    h('div', {}, h('span', { class: 'swatch line dashed' }), t('largeGridBorder')),
  );
}

function renderFilters(): void {
  const fill = (id: string, all: string, values: readonly [string, string][], current: string) => {
    const sel = $<HTMLSelectElement>(id);
    sel.replaceChildren(
      h('option', { value: '' }, t(all)),
      ...values.map(([v, label]) => h('option', { value: v, selected: v === current }, label)),
    );
  };
  fill(
    '#f-area',
    'allAreas',
    areas.map((a) => [a.areaId, lang() === 'zh' ? a.nameZh : a.nameEn]),
    filter.areaId,
  );
  fill(
    '#f-severity',
    'allSeverities',
    SEVERITIES.map((s) => [s, t(`severity_${s}`)]),
    filter.severity,
  );
  fill(
    '#f-kind',
    'allKinds',
    KINDS.map((k) => [k, t(`kind_${k}`)]),
    filter.kind,
  );
  fill(
    '#f-status',
    'allStatuses',
    (['ALERT_STATUS_FIRING', 'ALERT_STATUS_RESOLVED'] as const).map((s) => [s, t(`status_${s}`)]),
    filter.status,
  );
}
for (const [id, key] of [
  ['#f-area', 'areaId'],
  ['#f-severity', 'severity'],
  ['#f-kind', 'kind'],
  ['#f-status', 'status'],
] as const)
  $<HTMLSelectElement>(id).addEventListener('change', (e) => {
    filter = { ...filter, [key]: (e.target as HTMLSelectElement).value };
    feed.setFilter(filter);
  });

function applyLanguage(l: Lang): void {
  setLang(l);
  localStorage.setItem(LANG_KEY, l);
  $('#lang-btn').textContent = l === 'zh' ? 'EN' : '中文';
  translateStatic();
  renderFilters();
  renderLegend();
  map.relabel();
  rebuild = true;
  schedule();
}
$('#lang-btn').addEventListener('click', () => applyLanguage(lang() === 'zh' ? 'en' : 'zh'));
document.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement;
  if (target.closest('input, select, textarea, dialog') || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === 'l' || e.key === 'L') applyLanguage(lang() === 'zh' ? 'en' : 'zh');
});
for (const input of document.querySelectorAll<HTMLInputElement>('input[name="mode"]'))
  input.addEventListener('change', () => {
    mode = input.value as MapMode;
    map.setMode(mode);
    renderLegend();
  });
$('#zoom-in').addEventListener('click', () => map.zoom(1.25));
$('#zoom-out').addEventListener('click', () => map.zoom(0.8));
$('#zoom-reset').addEventListener('click', () => map.reset());

// --- data ---------------------------------------------------------------------------------------
async function loadGrids(): Promise<void> {
  try {
    const r = await api.listGrids();
    const g = gridsOf(r.areas);
    labels = g.labels;
    areas = r.areas.map((a) => ({ areaId: a.areaId, nameZh: a.nameZh, nameEn: a.nameEn }));
    map.draw(g.grids);
    document.body.dataset.grids = String(map.gridCount);
    kpis.start();
    renderFilters();
    schedule();
  } catch (err: unknown) {
    if (err instanceof RpcError && err.code === Code.UNAUTHENTICATED) askToken(err.message);
    else {
      connection = { state: 'reconnecting', detail: err instanceof Error ? err.message : String(err) };
      schedule();
      setTimeout(() => void loadGrids(), 2_000);
    }
  }
}

const live = new LiveFeed(
  api,
  state,
  (m: WireSubscribeResponse) => {
    const entry = state.apply(m, Date.now());
    if (entry) pending.push(entry);
    schedule();
  },
  (s, detail) => {
    connection = { state: s, ...(detail !== undefined ? { detail } : {}) };
    if (s === 'unauthenticated') askToken(detail);
    // The live feed starts over from the active alerts (new token, resume position too old).
    if (state.feed.length === 0) rebuild = true;
    document.body.dataset.connection = s;
    document.body.dataset.connections = String(live.connections);
    schedule();
  },
);

applyLanguage((localStorage.getItem(LANG_KEY) as Lang | null) ?? 'zh');
void loadGrids();
void live.run();
// For tests and the benchmark: the board's state, read-only by convention.
(window as unknown as { citybrainBoard: unknown }).citybrainBoard = { state, live };
