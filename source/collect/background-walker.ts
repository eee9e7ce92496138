import type {Worker} from 'node:worker_threads';
import type {DirectorySize} from './directory-size.js';
import type {WalkRequest, WalkResponse} from './walk-protocol.js';
import {createWalkWorker} from './walk-worker-start.js';

export type WalkResult = DirectorySize & {
	/** Time the walk itself took inside the worker. */
	readonly durationMs: number;
};

/** Rejection of walks cut short by `close()`: expected during shutdown, not a failure. */
export class WalkerClosedError extends Error {
	constructor() {
		super('disk walker closed');
		this.name = 'WalkerClosedError';
	}
}

type Pending = {
	resolve: (result: WalkResult) => void;
	reject: (error: Error) => void;
};

/**
 * Main-thread side of the walk worker: one worker thread for every directory, started on the first
 * walk and `unref`'d so an idle (or busy) walker never keeps the process alive. Walks queue in the
 * worker and complete in request order. If the worker dies, the walks in flight are rejected and the
 * next walk starts a fresh worker.
 */
export class BackgroundWalker {
	#worker: Worker | undefined;
	#nextId = 1;
	readonly #pending = new Map<number, Pending>();

	async walk(root: string): Promise<WalkResult> {
		const worker = this.#worker ?? this.#spawn();
		const id = this.#nextId++;
		return new Promise<WalkResult>((resolve, reject) => {
			this.#pending.set(id, {resolve, reject});
			const request: WalkRequest = {id, root};
			worker.postMessage(request);
		});
	}

	/** Stops the worker; walks still in flight are rejected. */
	async close(): Promise<void> {
		const worker = this.#worker;
		this.#worker = undefined;
		this.#failAll(new WalkerClosedError());
		if (worker) {
			await worker.terminate();
		}
	}

	#spawn(): Worker {
		const worker = createWalkWorker();
		worker.on('message', (response: WalkResponse) => {
			const pending = this.#pending.get(response.id);
			if (!pending) {
				return;
			}

			this.#pending.delete(response.id);
			if ('error' in response) {
				pending.reject(new Error(response.error));
			} else {
				pending.resolve({...response.result, durationMs: response.durationMs});
			}
		});
		// 'error' is followed by 'exit'; whichever comes first retires this worker.
		const retire = (error: Error): void => {
			if (this.#worker === worker) {
				this.#worker = undefined;
				this.#failAll(error);
			}
		};

		worker.on('error', retire);
		worker.on('exit', (code) => {
			retire(new Error(`disk walk worker exited with code ${code}`));
		});
		// After the listeners: attaching a 'message' listener refs the port again.
		worker.unref();
		this.#worker = worker;
		return worker;
	}

	#failAll(error: Error): void {
		const pending = [...this.#pending.values()];
		this.#pending.clear();
		for (const {reject} of pending) {
			reject(error);
		}
	}
}
