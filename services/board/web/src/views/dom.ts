/** Creates an element with attributes and children (text or nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** Local time of an alert timestamp (`{seconds, nanos}`) as HH:MM:SS, or '' when absent. */
export function timeOf(ts: { seconds: string | number } | null | undefined): string {
  if (!ts) return '';
  const d = new Date(Number(ts.seconds) * 1000);
  return d.toLocaleTimeString('en-GB', { hour12: false });
}

/** Local date and time of a timestamp as MM-DD HH:MM (a deadline days away), or '' when absent. */
export function dateTimeOf(ts: { seconds: string | number } | null | undefined): string {
  if (!ts) return '';
  const d = new Date(Number(ts.seconds) * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
