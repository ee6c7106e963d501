#!/usr/bin/env node
// The `citybrain` command: runs src/main.ts through tsx (the workspace has no build step). tsx is
// resolved from this package, so the command works from any directory.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
