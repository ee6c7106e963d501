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
