import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '@citybrain/observability';
import { createCityThread } from './city-thread';
import { serveThread, type WorkerData } from './thread-host';

// A stream thread's worker: its own logger, Kafka client, group member, tasks and metrics; it
// answers the main thread's calls (start, metrics, rule reloads, stop) until stopped.
const { config, plan } = workerData as WorkerData;
const logger = createLogger({
  service: 'processor',
  level: config.log.level,
  format: config.log.format,
}).child({ thread: plan.index });
if (!parentPort) throw new Error('the stream-thread worker runs only as a worker thread');
serveThread(parentPort, (onState) => createCityThread(config, plan, logger, onState));
