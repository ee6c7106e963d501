import { createLogger, createRegistry } from '@citybrain/observability';
import type { TaskTopology } from '@citybrain/stream-runtime';
import { describe, expect, it } from 'vitest';
import { threadMetrics } from './city-thread';
import { createKpiMetrics } from './kpi-metrics';
import { createProcessorMetrics } from './metrics';

describe('threadMetrics', () => {
  it('stops reporting the lag and grid gauges of a task that moved to another thread', async () => {
    const registry = createRegistry('processor', { defaultMetrics: false });
    const metrics = createProcessorMetrics(registry);
    const kpi = createKpiMetrics(registry);
    const topology = {
      taskOf: (topic: string, p: number) => (topic === 'rep' ? `task-area-${p}` : `task-route-${p}`),
    } as unknown as TaskTopology;
    const listener = threadMetrics({
      metrics,
      kpi,
      logger: createLogger({ service: 'processor', level: 'silent' }),
      topology,
      gridsOf: (id) => (id === 'task-area-1' ? [{ grid: 'G1', area: 'A1' }] : []),
      onState: () => {},
    });
    listener.tasks?.(['task-area-1', 'task-route-1', 'task-route-2']);
    for (const [topic, partition] of [
      ['rep', 1],
      ['in', 1],
      ['in', 2],
    ] as const)
      listener.batch?.({ taskId: '', topic, partition, records: 1, lag: 5, lastTimestampMs: Date.now() });
    kpi.congestionLevel.set({ grid: 'G1', area: 'A1' }, 3);
    kpi.workOrdersOpen.set({ grid: 'G1', area: 'A1' }, 2);
    // The area task and route task 2 move away; route task 1 stays.
    listener.tasks?.(['task-route-1']);
    const body = await registry.metrics();
    expect(body).toContain('citybrain_consumer_lag_records{topic="in",partition="1",service="processor"} 5');
    expect(body).not.toContain('partition="2"');
    expect(body).not.toContain('topic="rep"');
    expect(body).not.toContain('grid="G1"');
    expect(body).toContain('citybrain_stream_tasks{kind="route",service="processor"} 1');
  });
});
