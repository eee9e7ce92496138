import {EventEmitter} from 'node:events';
import path from 'node:path';
import type {DiskSample, DiskSnapshot} from '../model/snapshot.js';
import {iterateEvents} from './event-iterator.js';
import {Ticker} from './ticker.js';
import {formatTimestamp, timestampsNeedMilliseconds} from '../model/timestamp.js';
import {BackgroundWalker, WalkerClosedError} from './background-walker.js';
import {diskSample, type WalkOutcome} from './disk-sample.js';
import {statPath} from './path-stat.js';

export type DiskUsageTrackerOptions = {
	/** Files or directories to track; relative paths are resolved against the current directory once. */
	readonly paths: readonly string[];
	/** Seconds between ticks when driven by `start()`. */
	readonly interval: number;
};

export interface DiskUsageTrackerEvents {
	/** One snapshot per tick (and per direct `sample()` call). */
	snapshot: [snapshot: DiskSnapshot];
	/**
	 * The walk worker failed (it crashed or could not start). Emitted only while someone listens,
	 * because the failure is also reported in the samples' `problem` and must not crash a recorder.
	 */
	error: [error: Error];
	/** stop() was called. */
	stop: [];
}

type TrackedPath = {
	readonly path: string;
	/** `PathStat.identity` at the last sample; a change means a different file or directory. */
	identity: string | undefined;
	/** Bumped on every identity change so a walk of the old directory is not reported for the new one. */
	generation: number;
	walking: boolean;
	/** A tick came while walking: start the next walk as soon as this one ends, not a tick later. */
	rewalk: boolean;
	walk: WalkOutcome | undefined;
};

type State = 'idle' | 'running' | 'stopped';

/**
 * Tracks the size of files and directories. `sample()` is synchronous and cheap: it stats each
 * path, and a directory reports the size found by its latest completed walk while a new walk runs
 * in a worker thread. One walk per directory is in flight at a time: a walk that outlasts the
 * interval is followed by the next one as soon as it ends, so the reported size is at most one
 * walk old.
 */
export class DiskUsageTracker extends EventEmitter<DiskUsageTrackerEvents> {
	/** The tracked paths, absolute, without duplicates. */
	readonly paths: readonly string[];
	/** Seconds between ticks. */
	readonly interval: number;

	readonly #tracked: TrackedPath[];
	readonly #walker = new BackgroundWalker();
	#tick = 0;
	#state: State = 'idle';
	readonly #ticker: Ticker;
	/** Last walk failure reported as 'error', so a worker that keeps failing is reported once. */
	#lastWalkError: string | undefined;

	constructor({paths, interval}: DiskUsageTrackerOptions) {
		super();
		if (!Number.isFinite(interval) || interval <= 0) {
			throw new RangeError(`interval must be a positive number of seconds, got ${interval}`);
		}

		this.interval = interval;
		this.#ticker = new Ticker(interval * 1000, () => {
			this.sample(Date.now());
		});
		this.paths = [...new Set(paths.map((each) => path.resolve(each)))];
		this.#tracked = this.paths.map((absolute) => ({
			path: absolute,
			identity: undefined,
			generation: 0,
			walking: false,
			rewalk: false,
			walk: undefined,
		}));
	}

	/** Starts ticking: the first tick right away (after listeners attached in this turn), then every interval. */
	start(): void {
		if (this.#state === 'running') {
			return;
		}

		this.#state = 'running';
		this.#ticker.start({immediate: true});
	}

	/** Stops ticking, ends the async iterators and terminates the walk worker. */
	async stop(): Promise<void> {
		this.#state = 'stopped';
		this.#ticker.stop();
		this.emit('stop');
		await this.#walker.close();
	}

	/**
	 * Samples every path now, emits the snapshot as `'snapshot'` and returns it. `now` is the
	 * wall-clock tick start (ms since the epoch), so a caller driving several samplers from one tick
	 * can give them all the same timestamp.
	 */
	sample(now: number = Date.now()): DiskSnapshot {
		const samples: DiskSample[] = this.#tracked.map((tracked) => this.#samplePath(tracked));
		this.#tick++;
		const snapshot: DiskSnapshot = Object.freeze({
			tick: this.#tick,
			time: now,
			timestamp: formatTimestamp(now, timestampsNeedMilliseconds(this.interval)),
			samples: Object.freeze(samples.map((each) => Object.freeze(each))),
		});
		this.emit('snapshot', snapshot);
		return snapshot;
	}

	/** Yields every snapshot emitted from now until `stop()`; `break` unsubscribes. */
	async * [Symbol.asyncIterator](): AsyncGenerator<DiskSnapshot> {
		if (this.#state !== 'stopped') {
			yield * iterateEvents<DiskSnapshot>(this, 'snapshot', 'stop');
		}
	}

	#samplePath(tracked: TrackedPath): DiskSample {
		const stat = statPath(tracked.path);
		const identity = stat.exists ? stat.identity : undefined;
		if (identity !== tracked.identity) {
			// Appeared, vanished, or replaced (file <-> directory, directory recreated): forget the old size.
			tracked.identity = identity;
			tracked.generation++;
			tracked.walk = undefined;
			tracked.rewalk = false;
		}

		if (stat.exists && stat.isDirectory) {
			if (tracked.walking) {
				tracked.rewalk = true;
			} else {
				this.#startWalk(tracked);
			}
		}

		return diskSample(tracked.path, stat, tracked.walk);
	}

	#startWalk(tracked: TrackedPath): void {
		tracked.walking = true;
		tracked.rewalk = false;
		const {generation} = tracked;
		const finished = (outcome: WalkOutcome): void => {
			tracked.walking = false;
			if (tracked.generation === generation) {
				tracked.walk = outcome;
			}

			if (tracked.rewalk) {
				this.#startWalk(tracked);
			}
		};

		this.#walker.walk(tracked.path).then(
			(result) => {
				this.#lastWalkError = undefined;
				finished({bytes: result.bytes, problems: result.problems});
			},
			(error: unknown) => {
				if (error instanceof WalkerClosedError) {
					tracked.walking = false;
					tracked.rewalk = false;
					return;
				}

				const failure = error instanceof Error ? error : new Error(String(error));
				// One report per distinct failure, not one per path and tick while the worker keeps failing.
				if (failure.message !== this.#lastWalkError) {
					this.#lastWalkError = failure.message;
					if (this.listenerCount('error') > 0) {
						this.emit('error', failure);
					}
				}

				finished({error: failure.message});
			},
		);
	}
}
