// Replaces source/collect/walk-worker-start.ts in the single-file build: the worker
// (source/collect/walk-worker.ts) is bundled into a CommonJS string at build time and evaluated.
import {Worker} from 'node:worker_threads';

declare const WAZUH_METRICS_WALK_WORKER: string;

export function createWalkWorker(): Worker {
	return new Worker(WAZUH_METRICS_WALK_WORKER, {eval: true, execArgv: []});
}
