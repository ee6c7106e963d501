// Regenerates docs/configuration.md from the services' configuration schemas:
//   pnpm --filter @citybrain/deploy-assets generate:config-docs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CONFIG_REFERENCE, renderConfigReference, repoPath } from '../src/index';

const target = repoPath(CONFIG_REFERENCE);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderConfigReference());
console.log(`wrote ${CONFIG_REFERENCE}`);
