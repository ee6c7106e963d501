import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Service name, set as the `service` field of every line. */
  readonly service: string;
  readonly level: string;
  /** `json` (default, for machines) or `pretty` (readable, for a terminal during development). */
  readonly format?: 'json' | 'pretty';
}

/**
 * Structured JSON logs (pino) with the service name on every line; `pretty` renders them readable
 * for a terminal through pino-pretty.
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = { service: options.service };
  if (options.format === 'pretty') {
    return pino({
      level: options.level,
      base,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } },
    });
  }
  return pino({ level: options.level, base, timestamp: pino.stdTimeFunctions.isoTime });
}
