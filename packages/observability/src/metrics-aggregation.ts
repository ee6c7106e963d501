import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * One registry's metrics as plain data (`registry.getMetricsAsJSON()`), which can be posted between
 * threads: what a stream thread hands the main thread at each scrape.
 */
export type MetricsSnapshot = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * Renders several registries' snapshots as one Prometheus text, merged metric by metric and label set
 * by label set with the aggregator each metric declares (prom-client's `aggregator` option: `sum` —
 * the default, right for counters, histograms and gauges of disjoint things such as one thread's
 * tasks — or `min`, `max`, `first`, `average`, `omit`). A metric present in only some snapshots is
 * taken from those. Names and labels are kept as they are, so a process with N threads exposes the
 * same series as a process with one.
 *
 * @example
 * ```ts
 * const body = await aggregateMetrics([await main.getMetricsAsJSON(), ...threadSnapshots]);
 * ```
 */
export function aggregateMetrics(snapshots: readonly MetricsSnapshot[]): Promise<string> {
  return AggregatorRegistry.aggregate([...snapshots]).metrics();
}

/** The content type of {@link aggregateMetrics}' text (Prometheus 0.0.4). */
export const METRICS_CONTENT_TYPE: string = AggregatorRegistry.PROMETHEUS_CONTENT_TYPE;
