import type { WireAcknowledgement, WireAlert } from '@citybrain/proto';
import { localSummary, t } from '../i18n';
import { matchesFilter, type BoardState, type FeedEntry, type FeedFilter } from '../state/board-state';
import { h, timeOf } from './dom';

/** What a feed row can ask for. */
export interface FeedActions {
  acknowledge(alert: WireAlert): void;
  silence(alert: WireAlert): void;
  openGrid(gridId: string): void;
  gridName(gridId: string): string;
}

/** How long a new row stays highlighted. */
const NEW_FOR_MS = 8_000;
/** At most this many rows of one frame are highlighted: a burst of a thousand must not animate them all. */
const MAX_HIGHLIGHTED_PER_FRAME = 30;

/**
 * The alert feed: newest first, one row per stream message (`data-alert-id`, `data-status`,
 * `data-position`), new rows highlighted, acknowledgements shown on their alert's rows too.
 * Rows are added incrementally (a burst of a thousand alerts must not rebuild the list).
 */
export class FeedView {
  private filter: FeedFilter;
  private readonly rowsByAlert = new Map<string, Set<HTMLElement>>();

  constructor(
    private readonly list: HTMLOListElement,
    private readonly state: BoardState,
    private readonly actions: FeedActions,
    filter: FeedFilter,
    private readonly maxRows = 2000,
  ) {
    this.filter = filter;
    list.addEventListener('keydown', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('li[data-alert-id]');
      if (!row) return;
      const alert = this.state.feed.find((x) => x.alert?.alertId === row.dataset.alertId)?.alert;
      if (!alert) return;
      if (e.key === 'a' || e.key === 'A') this.actions.acknowledge(alert);
      else if (e.key === 's' || e.key === 'S') this.actions.silence(alert);
      else if (e.key === 'Enter') this.actions.openGrid(alert.gridId);
      else if (e.key === 'ArrowDown') (row.nextElementSibling as HTMLElement | null)?.focus();
      else if (e.key === 'ArrowUp') (row.previousElementSibling as HTMLElement | null)?.focus();
      else return;
      e.preventDefault();
    });
  }

  setFilter(f: FeedFilter): void {
    this.filter = f;
    this.rebuild();
  }

  /** Rebuilds every row (filter or language changed). */
  rebuild(): void {
    this.rowsByAlert.clear();
    const now = Date.now();
    this.list.replaceChildren(
      ...this.state
        .filtered(this.filter)
        .slice(0, this.maxRows)
        .map((e) => this.row(e, now)),
    );
  }

  /** Prepends the rows of new entries (oldest first in `entries`). */
  add(entries: readonly FeedEntry[]): void {
    const now = Date.now();
    const rows: HTMLElement[] = [];
    // Only the newest few of a burst are highlighted (entries are oldest first).
    const highlightFrom = entries.length - MAX_HIGHLIGHTED_PER_FRAME;
    entries.forEach((e, i) => {
      if (e.ack) this.markAcknowledged(e.ack);
      if (this.passes(e)) rows.push(this.row(e, now, i >= highlightFrom));
    });
    if (rows.length === 0) return;
    this.list.prepend(...rows.reverse());
    while (this.list.childElementCount > this.maxRows) this.drop(this.list.lastElementChild as HTMLElement);
  }

  private passes(e: FeedEntry): boolean {
    return matchesFilter(e, this.filter);
  }

  private drop(row: HTMLElement): void {
    const id = row.dataset.alertId;
    if (id) this.rowsByAlert.get(id)?.delete(row);
    row.remove();
  }

  private markAcknowledged(ack: WireAcknowledgement): void {
    for (const row of this.rowsByAlert.get(ack.alertId) ?? []) this.showAck(row, ack);
  }

  private showAck(row: HTMLElement, ack: WireAcknowledgement): void {
    row.dataset.acknowledged = 'true';
    row
      .querySelector('.ack-state')
      ?.replaceChildren(`✓ ${t('acked')} · ${ack.acknowledgedBy}${ack.note ? `: ${ack.note}` : ''}`);
    row.querySelector<HTMLButtonElement>('button.ack')?.setAttribute('disabled', '');
  }

  private row(e: FeedEntry, now: number, highlight = true): HTMLElement {
    const isNew = highlight && now - e.receivedAtMs < NEW_FOR_MS && !e.snapshot;
    if (e.ack) {
      return h(
        'li',
        {
          class: `row ack${isNew ? ' new' : ''}`,
          'data-ack-for': e.ack.alertId,
          'data-position': e.position,
          tabindex: -1,
        },
        h('span', { class: 'time' }, timeOf(e.ack.acknowledgedAt)),
        h('span', { class: 'badge ack-badge' }, t('acked')),
        h('span', { class: 'grid-ref' }, this.actions.gridName(e.ack.gridId)),
        h('span', { class: 'summary' }, `${e.ack.acknowledgedBy}${e.ack.note ? `: ${e.ack.note}` : ''}`),
      );
    }
    const a = e.alert!;
    const firing = a.status === 'ALERT_STATUS_FIRING';
    const ackBtn = h('button', { class: 'ack', type: 'button', disabled: !firing }, t('ack'));
    ackBtn.addEventListener('click', () => this.actions.acknowledge(a));
    const silenceBtn = h('button', { class: 'silence', type: 'button' }, t('silence'));
    silenceBtn.addEventListener('click', () => this.actions.silence(a));
    const gridBtn = h('button', { class: 'grid-ref link', type: 'button' }, this.actions.gridName(a.gridId));
    gridBtn.addEventListener('click', () => this.actions.openGrid(a.gridId));
    const row = h(
      'li',
      {
        class: `row sev-${a.severity.replace('SEVERITY_', '').toLowerCase()} ${firing ? 'firing' : 'resolved'}${isNew ? ' new' : ''}`,
        tabindex: 0,
        'data-alert-id': a.alertId,
        'data-status': a.status,
        'data-severity': a.severity,
        'data-grid-id': a.gridId,
        'data-position': e.position,
        'data-snapshot': e.snapshot ? 'true' : 'false',
      },
      h('span', { class: 'time' }, timeOf(firing ? a.startsAt : (a.endsAt ?? a.startsAt))),
      h('span', { class: 'badge' }, `${t(`severity_${a.severity}`)} · ${t(`status_${a.status}`)}`),
      gridBtn,
      h('span', { class: 'summary' }, localSummary(a.summary)),
      h('span', { class: 'ack-state' }),
      h('span', { class: 'actions' }, ackBtn, silenceBtn),
    );
    const set = this.rowsByAlert.get(a.alertId) ?? new Set();
    set.add(row);
    this.rowsByAlert.set(a.alertId, set);
    const ack = this.state.acks.get(a.alertId);
    if (ack) this.showAck(row, ack);
    return row;
  }
}
