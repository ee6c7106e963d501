/** A binary min-heap of numbers (window ends). Internal. */
export class MinHeap {
  private readonly items: number[] = [];

  /** Number of items. */
  get size(): number {
    return this.items.length;
  }

  /** The smallest item, or `undefined` when empty. */
  peek(): number | undefined {
    return this.items[0];
  }

  /** Adds an item. */
  push(value: number): void {
    const a = this.items;
    let i = a.length;
    a.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent]!;
      if (p <= value) break;
      a[i] = p;
      i = parent;
    }
    a[i] = value;
  }

  /** Removes and returns the smallest item, or `undefined` when empty. */
  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    const n = a.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && a[r]! < a[l]! ? r : l;
      if (a[c]! >= last) break;
      a[i] = a[c]!;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
