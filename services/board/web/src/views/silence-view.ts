import type { WireSilence } from '@citybrain/proto';
import type { CitybrainApi } from '../api/citybrain-api';
import { t } from '../i18n';
import { h, timeOf } from './dom';

/**
 * Silences: the list the caller may see (ListSilences) with an Expire button each, and a form
 * that creates one (label = value matchers, a duration, a comment). The gateway decides what the
 * caller's scope allows; its refusal is shown as is.
 */
export class SilenceView {
  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly api: CitybrainApi,
  ) {}

  /** Opens the dialog, prefilled with matchers (e.g. a feed row's grid and rule). */
  async open(prefill: readonly { name: string; value: string }[] = []): Promise<void> {
    this.renderForm(prefill);
    if (!this.dialog.open) this.dialog.showModal();
    await this.refreshList();
  }

  private renderForm(prefill: readonly { name: string; value: string }[]): void {
    const rows = [0, 1, 2].map((i) => {
      const m = prefill[i];
      return h(
        'div',
        { class: 'matcher' },
        h(
          'label',
          {},
          t('label'),
          h('input', { name: `name${i}`, value: m?.name ?? '', autocomplete: 'off' }),
        ),
        h('span', {}, '='),
        h(
          'label',
          {},
          t('value'),
          h('input', { name: `value${i}`, value: m?.value ?? '', autocomplete: 'off' }),
        ),
      );
    });
    const form = h(
      'form',
      { class: 'silence-form', method: 'dialog' },
      h('h3', {}, t('newSilence')),
      ...rows,
      h(
        'label',
        {},
        `${t('minutes')} `,
        h('input', { name: 'minutes', type: 'number', min: 1, max: 10080, value: 60 }),
      ),
      h(
        'label',
        {},
        `${t('comment')} `,
        h('input', { name: 'comment', required: true, value: '', autocomplete: 'off' }),
      ),
      h('p', { class: 'error', role: 'alert', hidden: true }),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'submit', value: 'create', class: 'primary' }, t('silence')),
        h('button', { type: 'button', value: 'close', class: 'close' }, t('close')),
      ),
    );
    form.querySelector('button.close')?.addEventListener('click', () => this.dialog.close());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.create(form);
    });
    this.dialog.replaceChildren(h('h2', {}, t('silences')), form, h('ul', { class: 'silence-list' }));
  }

  private async create(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const field = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' ? v.trim() : '';
    };
    const matchers = [0, 1, 2]
      .map((i) => ({
        name: field(`name${i}`),
        value: field(`value${i}`),
      }))
      .filter((m) => m.name !== '');
    const error = form.querySelector<HTMLElement>('.error')!;
    try {
      await this.api.createSilence(matchers, Number(field('minutes') || 60), field('comment'));
      error.hidden = true;
      await this.refreshList();
    } catch (err: unknown) {
      error.hidden = false;
      error.textContent = `${t('error')}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private async refreshList(): Promise<void> {
    const list = this.dialog.querySelector('.silence-list');
    if (!list) return;
    let silences: WireSilence[];
    try {
      silences = await this.api.listSilences();
    } catch (err: unknown) {
      list.replaceChildren(h('li', { class: 'error' }, err instanceof Error ? err.message : String(err)));
      return;
    }
    if (silences.length === 0) {
      list.replaceChildren(h('li', { class: 'muted' }, t('noSilences')));
      return;
    }
    list.replaceChildren(
      ...silences.map((s) => {
        const expire = h('button', { type: 'button', class: 'expire' }, t('expire'));
        expire.addEventListener('click', () => {
          void this.api.expireSilence(s.silenceId).then(() => this.refreshList());
        });
        return h(
          'li',
          { 'data-silence-id': s.silenceId, 'data-state': s.state },
          h('code', {}, s.matchers.map((m) => `${m.name}=${m.value}`).join(', ')),
          ` ${s.state} → ${timeOf(s.endsAt)} · ${s.createdBy}: ${s.comment} `,
          expire,
        );
      }),
    );
  }
}
