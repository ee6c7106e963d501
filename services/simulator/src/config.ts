import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { commonEnvSchema, parseEnv, toCommonConfig, type CommonConfig, type Env } from '@citybrain/config';
import { parseSimulatorFlags, type SimulatorFlags } from './flags';

/** The grid file shipped with the project (Longgang's default); a city points CITYBRAIN_GRIDS_FILE at its own. */
export const DEFAULT_GRIDS_FILE = fileURLToPath(
  new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url),
);

const simulatorEnvSchema = commonEnvSchema.extend({
  CITYBRAIN_GRIDS_FILE: z.string().min(1).default(DEFAULT_GRIDS_FILE),
});

/** The simulator's parsed, frozen configuration: flags from the command line, the rest from the environment. */
export interface SimulatorConfig extends CommonConfig {
  readonly flags: SimulatorFlags;
  readonly gridsFile: string;
}

/**
 * Parses the command line and the environment.
 * @throws ConfigError naming every bad flag, or every bad variable.
 */
export function loadSimulatorConfig(argv: readonly string[], env: Env): SimulatorConfig {
  const flags = parseSimulatorFlags(argv);
  const e = parseEnv(simulatorEnvSchema, env);
  // The simulator serves no metrics: port 0 is never bound.
  return Object.freeze({ ...toCommonConfig(e, 'simulator', 0), flags, gridsFile: e.CITYBRAIN_GRIDS_FILE });
}
