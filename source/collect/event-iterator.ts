import type {EventEmitter} from 'node:events';

/**
 * Async iteration over an emitter's `event` until `endEvent`: values that arrive while the
 * consumer is busy are queued (bounded: a consumer that never reads must not grow memory).
 */
export async function * iterateEvents<T>(emitter: EventEmitter, event: string, endEvent: string, maxQueued = 1000): AsyncGenerator<T> {
	const queue: T[] = [];
	let ended = false;
	let wake: (() => void) | undefined;
	const onValue = (value: T): void => {
		queue.push(value);
		if (queue.length > maxQueued) {
			queue.shift();
		}

		wake?.();
	};

	const onEnd = (): void => {
		ended = true;
		wake?.();
	};

	emitter.on(event, onValue);
	emitter.on(endEvent, onEnd);
	try {
		for (;;) {
			if (queue.length > 0) {
				yield queue.shift()!;
			} else if (ended) {
				return;
			} else {
				await new Promise<void>(resolve => {
					wake = resolve;
				});
				wake = undefined;
			}
		}
	} finally {
		emitter.off(event, onValue);
		emitter.off(endEvent, onEnd);
	}
}
