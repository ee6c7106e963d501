import { ConfigError } from '@citybrain/config';
import { createLogger } from '@citybrain/observability';
import { loadProcessorConfig } from './config';
import { startProcessor } from './processor';

// Entry point: parse configuration once, start, and stop cleanly on SIGTERM/SIGINT within a bound.
const SHUTDOWN_BOUND_MS = 30_000;

async function main(): Promise<number> {
  // Listened for before anything starts: a SIGTERM during a slow start (threads joining the group)
  // otherwise took Node's default and killed the process mid-way; now it stops cleanly once started.
  const signal = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  let config;
  try {
    config = loadProcessorConfig(process.env);
  } catch (err: unknown) {
    if (err instanceof ConfigError) {
      process.stderr.write(`citybrain processor: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const logger = createLogger({ service: 'processor', level: config.log.level, format: config.log.format });
  let handle;
  try {
    handle = await startProcessor(config, logger);
  } catch (err: unknown) {
    if (err instanceof ConfigError) {
      process.stderr.write(`citybrain processor: ${err.message}\n`);
      return 2;
    }
    logger.fatal({ err }, 'processor failed to start');
    return 1;
  }
  const running = handle;
  // SIGHUP reloads the rule file; a rejected file is logged and the running rules stay.
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: reloading the rule file');
    void running.reloadRules();
  });
  const reason = await Promise.race([signal, running.failed.then((e) => `failure: ${e.message}`)]);
  logger.info({ reason }, 'shutting down');
  const bound = setTimeout(() => {
    logger.error('shutdown took too long, exiting');
    process.exit(1);
  }, SHUTDOWN_BOUND_MS);
  bound.unref();
  await running.stop();
  return reason.startsWith('failure') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`citybrain processor: ${String(err)}\n`);
    process.exit(1);
  },
);
