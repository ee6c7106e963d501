import { setTimeout as delay } from 'node:timers/promises';
import { pino } from 'pino';
import { ConfigError, readConfigFile } from '@citybrain/config';
import type { CityEvent } from '@citybrain/domain';
import { GridRegistry } from '@citybrain/grid';
import { BatchProducer, createKafkaClient, ensureTopics } from '@citybrain/kafka';
import { loadSimulatorConfig } from './config';
import { SIMULATOR_USAGE } from './flags';
import { runSimulation, type SimulatorLine } from './simulation';

// Entry point. stdout carries one JSON line per notable thing (for the demo and scripts); logs go to
// stderr so the two never mix.
const SHUTDOWN_BOUND_MS = 30_000;

async function main(): Promise<number> {
  let config;
  let registry;
  try {
    config = loadSimulatorConfig(process.argv.slice(2), process.env);
    if (config.flags.help) {
      process.stdout.write(SIMULATOR_USAGE);
      return 0;
    }
    registry = await readConfigFile('CITYBRAIN_GRIDS_FILE', config.gridsFile, (t) => GridRegistry.parse(t));
  } catch (err: unknown) {
    if (err instanceof ConfigError) {
      process.stderr.write(`citybrain simulator: ${err.message}\n(--help lists the flags)\n`);
      return 2;
    }
    throw err;
  }
  const { flags, topics } = config;
  const logger = pino(
    {
      level: config.log.level,
      base: { service: 'simulator' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: 2, sync: true }),
  );

  const grids = registry.grids.map((g) => ({ id: g.id, areaId: g.areaId, centroid: g.centroid }));
  const keyOf = (event: CityEvent): string =>
    event.location.kind === 'grid'
      ? event.location.gridId
      : (registry.locate(event.location.lat, event.location.lon)?.id ?? 'unlocated');

  const stop = new AbortController();
  const onSignal = (name: string) => () => {
    if (stop.signal.aborted) return;
    logger.info({ signal: name }, 'stopping: flushing what is batched');
    stop.abort();
    setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_BOUND_MS).unref();
  };
  process.on('SIGTERM', onSignal('SIGTERM'));
  process.on('SIGINT', onSignal('SIGINT'));

  const client = createKafkaClient(config.kafka, logger);
  const inputs = [topics.traffic, topics.permit, topics.case];
  const producer = new BatchProducer(client);
  try {
    const { created, mismatched } = await ensureTopics(
      client,
      inputs.map((topic) => ({ topic, numPartitions: config.inputPartitions })),
    );
    for (const m of mismatched) logger.warn(m, 'input topic has a different partition count than configured');
    await producer.connect();
    logger.info(
      {
        brokers: config.kafka.brokers,
        created,
        flags: { ...flags, start: new Date(flags.startMs).toISOString() },
      },
      'simulator started',
    );
    const summary = await runSimulation(
      {
        flags,
        grids,
        topics: { traffic: topics.traffic, permit: topics.permit, case: topics.case },
        keyOf,
      },
      {
        sink: producer,
        signal: stop.signal,
        emit: (line: SimulatorLine) => process.stdout.write(`${JSON.stringify(line)}\n`),
        clock: {
          now: () => Date.now(),
          sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
        },
      },
    );
    logger.info(summary, 'simulator finished');
    return 0;
  } catch (err: unknown) {
    logger.fatal({ err }, 'simulator failed');
    return 1;
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`citybrain simulator: ${String(err)}\n`);
    process.exit(1);
  },
);
