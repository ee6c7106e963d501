import type { HoppingWindows } from './hopping-windows';
import type { SessionWindows } from './session-windows';
import type { SlidingWindows } from './sliding-windows';
import type { TumblingWindows } from './tumbling-windows';

/** Any window assigner the engine accepts; discriminated by `kind`. */
export type WindowSpec = TumblingWindows | HoppingWindows | SlidingWindows | SessionWindows;
