import type {Shape, StatsShape} from '../shape.js';
import {type Noise, seededNoise} from './load.js';

/** What a statistics model starts from: the fake's shapes, a seed, and when the fake started. */
export type ModelSetup = {
	readonly shape: Shape;
	readonly stats: StatsShape;
	readonly seed: number;
	/** When the fake started, ms since the epoch. */
	readonly started: number;
};

/**
 * The counters of one simulated daemon, advanced one whole second of its life at a time by
 * `step`, with seeded noise: the figures depend on the seed and the seconds lived only, never on
 * when or how often they are asked for. A restarted daemon gets a new model: counters from zero.
 */
export abstract class DaemonModel {
	readonly setup: ModelSetup;
	protected readonly noise: Noise;
	#seconds = 0;

	constructor(setup: ModelSetup) {
		this.setup = setup;
		this.noise = seededNoise(setup.seed);
	}

	/** Whole seconds lived so far that the counters include. */
	get seconds(): number {
		return this.#seconds;
	}

	/** getstats `uptime`: the epoch second the daemon started. */
	get uptime(): number {
		return Math.floor(this.setup.started / 1000);
	}

	/** Lives every whole second up to `now` (ms since the epoch). */
	advanceTo(now: number): void {
		const due = Math.floor((now - this.setup.started) / 1000);
		while (this.#seconds < due) {
			this.step(this.#seconds);
			this.#seconds++;
		}
	}

	/** Second `second` of the daemon's life (0 first). */
	protected abstract step(second: number): void;
}

/** The getstats reply of a daemon, success: Wazuh's envelope around `data`. */
export function okReply(model: DaemonModel, name: string, now: number, metrics: Record<string, unknown>): string {
	const data = {uptime: model.uptime, timestamp: Math.floor(now / 1000), name, metrics};
	return JSON.stringify({error: 0, message: 'ok', data});
}

/** An error reply in Wazuh's envelope: `data` is always an empty object. */
export const errorReply = (error: number, message: string) => JSON.stringify({error, message, data: {}});
