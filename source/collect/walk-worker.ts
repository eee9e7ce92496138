/**
 * Entry point of the walk worker thread. Walks are synchronous and can take seconds on a large
 * tree, so they run here, away from the main thread's event loop where processes are sampled.
 * Requests are answered one at a time, in order.
 */
import fs from 'node:fs';
import os from 'node:os';
import {performance} from 'node:perf_hooks';
import {isMainThread, parentPort} from 'node:worker_threads';
import {directorySize} from './directory-size.js';
import type {WalkRequest, WalkResponse} from './walk-protocol.js';

// Guarded so that importing this module by mistake on the main thread does nothing.
if (!isMainThread && parentPort) {
	lowerPriority();
	const port = parentPort;
	port.on('message', (request: WalkRequest) => {
		const started = performance.now();
		let response: WalkResponse;
		try {
			const result = directorySize(request.root);
			response = {id: request.id, result, durationMs: performance.now() - started};
		} catch (error) {
			response = {id: request.id, error: error instanceof Error ? error.message : String(error)};
		}

		port.postMessage(response);
	});
}

/**
 * A walk is background work: on a small machine a thread walking at full speed (and the garbage
 * it makes) can keep the main thread waiting for a CPU long enough to delay a tick by 100 ms and
 * more. Linux keeps a nice value per thread, so renicing this thread's own TID leaves the rest of
 * the process alone. Best effort: without /proc/thread-self nothing changes.
 */
function lowerPriority(): void {
	try {
		const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').at(-1));
		if (Number.isInteger(tid) && tid > 0) {
			os.setPriority(tid, 19);
		}
	} catch {}
}
