// Entry of a stream thread's worker. The services run from TypeScript sources through tsx
// (`node --import tsx`), whose module hooks do not reach a worker thread on Node 20 (a worker given
// `--import tsx` in its execArgv still fails on `.ts`): register them in the worker, then load the
// TypeScript entry. A build to JavaScript would load its `.js` entry directly.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
