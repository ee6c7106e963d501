import { formatDateTimeUtc8 } from './time-format';

/**
 * Fills `{name}` placeholders of a summary template from `values`; an unknown name is left as
 * written so that a typo shows in the alert instead of vanishing. Numbers are rounded to two decimals.
 *
 * @example
 * ```ts
 * fillTemplate('{gridId}: {value} km/h', { gridId: 'G001', value: 12.345 }); // 'G001: 12.35 km/h'
 * ```
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) return whole;
    const v = values[name]!;
    return typeof v === 'number' ? String(Number(v.toFixed(2))) : v;
  });
}

/** The placeholders a template uses, e.g. `['gridId', 'value']`. */
export function templateNames(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/**
 * The summary of a lifecycle alert from a template: `{gridId}`, `{areaId}`, `{value}`,
 * `{threshold}`, `{startsAt}` (UTC+8) and the alert's labels; `zh / en`.
 */
export function lifecycleSummary(
  template: { readonly zh: string; readonly en: string },
  alert: {
    readonly gridId: string;
    readonly areaId: string;
    readonly value: number;
    readonly threshold: number;
    readonly startsAtMs: number;
    readonly labels: Readonly<Record<string, string>>;
  },
): string {
  const values = {
    ...alert.labels,
    gridId: alert.gridId,
    areaId: alert.areaId,
    value: alert.value,
    threshold: alert.threshold,
    startsAt: formatDateTimeUtc8(alert.startsAtMs),
  };
  return `${fillTemplate(template.zh, values)} / ${fillTemplate(template.en, values)}`;
}
