// Entry of the latency bench's measuring subscriber (a worker thread, so that the load generator's
// event loop does not delay its clock). tsx's module hooks do not reach a worker thread on Node 20:
// register them here, then load the TypeScript module.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
