import { ConfigError } from '@citybrain/config';
import { createLogger } from '@citybrain/observability';
import { startBoard } from './board-server';
import { loadBoardConfig } from './config';
import { BoardError } from './errors';

// Entry point: parse configuration once, serve, and stop cleanly on SIGTERM/SIGINT within a bound.
const SHUTDOWN_BOUND_MS = 10_000;

async function main(): Promise<number> {
  let config;
  try {
    config = loadBoardConfig(process.env);
  } catch (err: unknown) {
    if (err instanceof ConfigError) {
      process.stderr.write(`citybrain board: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const logger = createLogger({ service: 'board', level: config.log.level, format: config.log.format });
  let handle;
  try {
    handle = await startBoard(config, logger);
  } catch (err: unknown) {
    if (err instanceof BoardError) {
      process.stderr.write(`citybrain board: ${err.message}\n`);
      return 2;
    }
    logger.fatal({ err }, 'board failed to start');
    return 1;
  }
  const reason = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ reason }, 'shutting down');
  const bound = setTimeout(() => {
    logger.error('shutdown exceeded its bound; exiting');
    process.exit(1);
  }, SHUTDOWN_BOUND_MS);
  bound.unref();
  await handle.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `citybrain board: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
