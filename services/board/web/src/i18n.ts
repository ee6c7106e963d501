/** The board's two languages. */
export type Lang = 'zh' | 'en';

const STRINGS = {
  title: { zh: '龙港城市大脑 · 运行指挥看板', en: 'Longgang city brain · operations board' },
  live: { zh: '实时', en: 'live' },
  connecting: { zh: '连接中…', en: 'connecting…' },
  reconnecting: { zh: '重连中…', en: 'reconnecting…' },
  signIn: { zh: '登录', en: 'Sign in' },
  token: { zh: '访问令牌', en: 'Access token' },
  tokenHelp: {
    zh: '输入网关签发的令牌（仅保存在本标签页）',
    en: 'Enter the token the gateway issued (kept in this tab only)',
  },
  save: { zh: '确定', en: 'OK' },
  cancel: { zh: '取消', en: 'Cancel' },
  close: { zh: '关闭', en: 'Close' },
  map: { zh: '网格地图', en: 'Grid map' },
  feed: { zh: '告警流', en: 'Alert feed' },
  modeAlerts: { zh: '按告警', en: 'By alert' },
  modeCongestion: { zh: '按拥堵', en: 'By congestion' },
  zoomIn: { zh: '放大', en: 'Zoom in' },
  zoomOut: { zh: '缩小', en: 'Zoom out' },
  zoomReset: { zh: '复位', en: 'Reset view' },
  legend: { zh: '图例', en: 'Legend' },
  noAlert: { zh: '无告警', en: 'No alert' },
  congestionNone: { zh: '畅通/基本畅通', en: 'Free or light' },
  congestionModerate: { zh: '中度拥堵', en: 'Moderate congestion' },
  congestionSevere: { zh: '严重拥堵', en: 'Severe congestion' },
  areaBorder: { zh: '片区边界', en: 'Area border' },
  largeGridBorder: { zh: '大网格边界', en: 'Large-grid border' },
  allAreas: { zh: '全部片区', en: 'All areas' },
  allSeverities: { zh: '全部级别', en: 'All severities' },
  allKinds: { zh: '全部类别', en: 'All kinds' },
  allStatuses: { zh: '全部状态', en: 'All statuses' },
  area: { zh: '片区', en: 'Area' },
  community: { zh: '社区', en: 'Community' },
  grid: { zh: '网格', en: 'Grid' },
  largeGrid: { zh: '大网格', en: 'Large grid' },
  ack: { zh: '确认', en: 'Acknowledge' },
  acked: { zh: '已确认', en: 'Acknowledged' },
  ackNote: { zh: '处置说明', en: 'Note' },
  silence: { zh: '静默', en: 'Silence' },
  silences: { zh: '静默规则', en: 'Silences' },
  newSilence: { zh: '新建静默', en: 'New silence' },
  expire: { zh: '结束', en: 'Expire' },
  minutes: { zh: '分钟', en: 'minutes' },
  comment: { zh: '原因', en: 'Comment' },
  label: { zh: '标签', en: 'Label' },
  value: { zh: '值', en: 'Value' },
  noSilences: { zh: '没有生效的静默', en: 'No active silence' },
  firing: { zh: '告警中', en: 'firing' },
  resolved: { zh: '已恢复', en: 'resolved' },
  snapshot: { zh: '当前', en: 'active' },
  drill: { zh: '网格详情', en: 'Grid details' },
  latestWindows: { zh: '最新窗口聚合', en: 'Latest window aggregates' },
  openAlerts: { zh: '未恢复告警', en: 'Open alerts' },
  history: { zh: '告警历史', en: 'Alert history' },
  trend: { zh: '近一小时走势', en: 'Last hour' },
  openCases: { zh: '在办工单与审批', en: 'Open work orders and permits' },
  case_workOrder: { zh: '工单', en: 'Work order' },
  case_permit: { zh: '审批', en: 'Permit' },
  opened_workOrder: { zh: '受理于', en: 'received' },
  opened_permit: { zh: '备案于', en: 'filed' },
  urgent: { zh: '紧急', en: 'urgent' },
  overdue: { zh: '已超时', en: 'overdue' },
  deadline_dispatch: { zh: '派单时限', en: 'dispatch by' },
  deadline_accept: { zh: '接单时限', en: 'accept by' },
  deadline_close: { zh: '结案时限', en: 'close by' },
  deadline_stage: { zh: '本环节时限', en: 'stage due' },
  deadline_permit: { zh: '8天承诺', en: '8-day commitment' },
  stage_received: { zh: '已受理', en: 'received' },
  stage_dispatched: { zh: '已派单', en: 'dispatched' },
  stage_accepted: { zh: '已接单', en: 'accepted' },
  stage_handled: { zh: '已处置', en: 'handled' },
  stage_verified: { zh: '已核查', en: 'verified' },
  stage_bounced: { zh: '已退单', en: 'bounced' },
  stage_filed: { zh: '赋码备案', en: 'filed' },
  stage_review: { zh: '审批中', en: 'in review' },
  stage_unknown: { zh: '未知', en: 'unknown' },
  measure_speed: { zh: '车速', en: 'speed' },
  measure_volume: { zh: '流量', en: 'volume' },
  measure_cases: { zh: '案件数', en: 'cases' },
  measure_other: { zh: '聚合', en: 'aggregate' },
  kpis: { zh: '城市指标', en: 'City KPIs' },
  kpiOnTime: { zh: '按期结案率', en: 'Closed on time' },
  kpiPermits: { zh: '8天内办结', en: 'Permits within 8 days' },
  kpiLead: { zh: '平均审批时长', en: 'Mean permit lead time' },
  kpiAlerts: { zh: '告警数', en: 'Alerts raised' },
  kpiFiring: { zh: '告警中', en: 'Firing' },
  days: { zh: '天', en: 'd' },
  hours: { zh: '小时', en: 'h' },
  total: { zh: '合计', en: 'Total' },
  none: { zh: '无', en: 'none' },
  activeCount: { zh: '当前告警', en: 'Firing' },
  perArea: { zh: '各片区告警', en: 'Alerts per area' },
  denied: { zh: '无权限', en: 'Permission denied' },
  error: { zh: '错误', en: 'Error' },
  severity_SEVERITY_INFORMATIONAL: { zh: '提示', en: 'info' },
  severity_SEVERITY_LOW: { zh: '低', en: 'low' },
  severity_SEVERITY_MEDIUM: { zh: '中', en: 'medium' },
  severity_SEVERITY_HIGH: { zh: '高', en: 'high' },
  severity_SEVERITY_CRITICAL: { zh: '紧急', en: 'critical' },
  kind_ALERT_KIND_TRAFFIC: { zh: '交通', en: 'traffic' },
  kind_ALERT_KIND_CITY_MANAGEMENT: { zh: '城市管理', en: 'city management' },
  kind_ALERT_KIND_GOVERNMENT_SERVICE: { zh: '政务服务', en: 'government service' },
  status_ALERT_STATUS_FIRING: { zh: '告警中', en: 'firing' },
  status_ALERT_STATUS_RESOLVED: { zh: '已恢复', en: 'resolved' },
  keys: {
    zh: '快捷键：Tab 移动，Enter 打开，A 确认，S 静默，+/- 缩放，方向键平移，L 切换语言',
    en: 'Keys: Tab moves, Enter opens, A acknowledges, S silences, +/- zoom, arrows pan, L switches language',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** A key of the board's strings. */
export type StringKey = keyof typeof STRINGS;

let current: Lang = 'zh';

/** The language in use. */
export function lang(): Lang {
  return current;
}

/** Switches the language (the caller redraws). */
export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

/** The string for a {@link StringKey} (or a dynamic one such as `severity_<name>`) in the current language; an unknown key is returned as is. */
export function t(key: string): string {
  const entry = (STRINGS as Record<string, Record<Lang, string>>)[key];
  return entry ? entry[current] : key;
}

/**
 * The part of a bilingual summary for the current language. The rules write summaries as
 * `<zh> / <en>`; a summary without the separator is shown as is.
 */
export function localSummary(summary: string, l: Lang = current): string {
  const i = summary.indexOf(' / ');
  if (i < 0) return summary;
  return l === 'zh' ? summary.slice(0, i) : summary.slice(i + 3);
}

/** Fills every `[data-i18n]` element's text and `[data-i18n-title]`/`-label` attributes. */
export function translateStatic(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]'))
    el.textContent = t(el.dataset.i18n ?? '');
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle ?? '');
    el.setAttribute('aria-label', el.title);
  }
}
