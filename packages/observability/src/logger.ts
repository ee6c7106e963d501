import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Service name, set as the `service` field of every line. */
  readonly service: string;
  /** `fatal` … `trace`, or `silent` (from `CITYBRAIN_LOG_LEVEL`). */
  readonly level: string;
  /** `json` (default, for machines) or `pretty` (readable, for a terminal during development). */
  readonly format?: 'json' | 'pretty';
  /** Where JSON lines go; standard output when absent. Ignored by `pretty`. For tests. */
  readonly destination?: DestinationStream;
}

/**
 * Structured JSON logs (pino) with the service name on every line, an ISO `time` and the level as a
 * word (`"level":"info"`, what log pipelines index); `pretty` renders the same lines readable for a
 * terminal through pino-pretty.
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = { service: options.service };
  if (options.format === 'pretty') {
    return pino({
      level: options.level,
      base,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  const settings = {
    level: options.level,
    base,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
