/**
 * Entry point of the walk worker thread. Walks are synchronous and can take seconds on a large
 * tree, so they run here, away from the main thread's event loop where processes are sampled.
 * Requests are answered one at a time, in order.
 */
import {performance} from 'node:perf_hooks';
import {isMainThread, parentPort} from 'node:worker_threads';
import {directorySize} from './directory-size.js';
import type {WalkRequest, WalkResponse} from './walk-protocol.js';

// Guarded so that importing this module by mistake on the main thread does nothing.
if (!isMainThread && parentPort) {
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
