import { ConfigError, readConfigFile } from '@citybrain/config';
import { GridRegistry } from '@citybrain/grid';
import { createLogger } from '@citybrain/observability';
import type { TokenTable } from './auth';
import type { InhibitRule } from '@citybrain/alerting';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';
import { parseInhibitRules } from './inhibit-rules-file';
import { loadTokens, watchTokens, type TokenSource } from './tokens-file';

// Entry point: parse configuration once, start, and stop cleanly on SIGTERM/SIGINT within a bound.
const SHUTDOWN_BOUND_MS = 30_000;

async function main(): Promise<number> {
  let config;
  let registry;
  let tokens: TokenTable | undefined;
  let inhibitRules: readonly InhibitRule[] | undefined;
  try {
    config = loadGatewayConfig(process.env);
    const grids = await readConfigFile('CITYBRAIN_GRIDS_FILE', config.gridsFile, (t) =>
      GridRegistry.parse(t),
    );
    registry = grids;
    if (config.tokensFile) tokens = await loadTokens(config.tokensFile, grids);
    if (config.inhibitRulesFile)
      inhibitRules = await readConfigFile(
        'CITYBRAIN_INHIBIT_RULES_FILE',
        config.inhibitRulesFile,
        parseInhibitRules,
      );
  } catch (err: unknown) {
    if (err instanceof ConfigError) {
      process.stderr.write(`citybrain alert-gateway: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const logger = createLogger({
    service: 'alert-gateway',
    level: config.log.level,
    format: config.log.format,
  });
  // The tokens file is watched: a token removed from it is refused from the next call on.
  let tokenSource: TokenSource | undefined;
  if (tokens && config.tokensFile) tokenSource = watchTokens(config.tokensFile, tokens, registry, logger);
  let handle;
  try {
    handle = await startGateway(config, registry, logger, {
      ...(tokenSource ? { tokens: tokenSource.current } : {}),
      ...(inhibitRules ? { inhibitRules } : {}),
    });
  } catch (err: unknown) {
    logger.fatal({ err }, 'alert gateway failed to start');
    return 1;
  }
  const reason = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ reason }, 'shutting down');
  setTimeout(() => {
    logger.error('shutdown took too long, exiting');
    process.exit(1);
  }, SHUTDOWN_BOUND_MS).unref();
  tokenSource?.close();
  await handle.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`citybrain alert-gateway: ${String(err)}\n`);
    process.exit(1);
  },
);
