import { readConfigFile } from '@citybrain/config';
import { GridRegistry } from '@citybrain/grid';

/** Loads and validates the grid registry file. */
export function loadGridRegistry(path: string): Promise<GridRegistry> {
  return readConfigFile('CITYBRAIN_GRIDS_FILE', path, (text) => GridRegistry.parse(text));
}
