import type {Shape} from '../shape.js';

/** Seeded noise in [0, 1) (mulberry32): the same seed gives the same figures on every run. */
export type Noise = () => number;

export function seededNoise(seed: number): Noise {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6D_2B_79_F5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** `value` times a factor drawn in [1 - spread, 1 + spread). */
export const jitter = (noise: Noise, value: number, spread: number) => value * (1 - spread + (2 * spread * noise()));

/**
 * How much busier than steady the fake's CPU shape is during second `second` (0 = the first second
 * since it started): the burst's CPU over the steady CPU inside a burst, else 1. Bursts follow
 * fake-daemon.sh: windows of `every` seconds from the start, the burst at the end of each.
 */
export function loadFactor(shape: Shape, second: number): number {
	const burst = shape.cpuBurst;
	if (!burst || !(burst.every > 0) || !(burst.length > 0)) {
		return 1;
	}

	const middle = (second + 0.5) % burst.every;
	if (middle < burst.every - Math.min(burst.length, burst.every)) {
		return 1;
	}

	const steady = shape.cpu ?? 0;
	// A shape idle between bursts has no steady rate to scale: its bursts count ten times.
	return Math.min(200, steady > 0 ? Math.max(1, burst.cpu / steady) : 10);
}

/** One second of a bounded queue: what came in, what was taken out, what found it full. */
export type QueueStep = {inflow: number; served: number; dropped: number};

/** The nominal scan takes this share of the cycle; the queue then drains in about half of it. */
const scanShare = 0.4;
const drainShare = 0.5;
/** Over a nominal scan the queue climbs to this share of its room. */
const peak = 0.977;

/**
 * A bounded queue (analysisd's syscheck queue, the engine's router queue) filled by a periodic
 * flood (a FIM scan) faster than its consumer drains it, in whole seconds. A nominal scan takes the
 * queue to about 98 %; each cycle's scan lasts 0.9 to 1.1 times the nominal one, the first a tenth
 * longer: a long scan fills the queue and the rest of the flood is dropped, a short one peaks
 * around 90 %. Then the consumer drains it. Whole events only.
 */
export class QueueCycle {
	/** Events queued now. */
	elements = 0;
	/** The most the queue holds: Wazuh's usage is elements / (size - 1). */
	readonly room: number;
	readonly #cycle: number;
	readonly #nominal: number;
	readonly #service: number;
	readonly #climb: number;
	readonly #noise: Noise;
	#scan = 0;

	constructor(size: number, cycleSeconds: number, noise: Noise) {
		this.room = size - 1;
		this.#cycle = Math.max(0, Math.round(cycleSeconds));
		this.#nominal = Math.max(1, Math.round(scanShare * this.#cycle));
		this.#noise = noise;
		this.#service = this.#cycle > 0 ? Math.ceil(this.room / Math.max(1, drainShare * this.#cycle)) : 0;
		this.#climb = peak * this.room / this.#nominal;
	}

	/** Second `second` of the daemon's life (0 first). */
	step(second: number): QueueStep {
		if (this.#cycle === 0) {
			return {inflow: 0, served: 0, dropped: 0};
		}

		const phase = second % this.#cycle;
		if (phase === 0) {
			this.#scan = second === 0
				? this.#nominal + Math.max(1, Math.round(this.#nominal / 10))
				: Math.round(this.#nominal * (0.9 + (0.2 * this.#noise())));
		}

		const flood = phase < this.#scan ? jitter(this.#noise, this.#climb + this.#service, 0.05) : 0;
		// Between scans a trickle: the queue is never quite empty-handed.
		const inflow = Math.round(flood + (this.#service * 0.01 * this.#noise()));
		const available = this.elements + inflow;
		const served = Math.min(this.#service, available);
		const dropped = Math.max(0, available - served - this.room);
		this.elements = available - served - dropped;
		return {inflow, served, dropped};
	}
}

/**
 * A queue's usage as analysisd 4.4+ reports it for `elements` in a queue of `size`: elements /
 * (size - 1), a C float (Wazuh's src/shared/queue_op.c, `queue_get_percentage_ex`).
 */
export const queueUsage = (elements: number, size: number) => Math.fround(Math.min(size - 1, elements) / (size - 1));

/** Adds fractional amounts and hands out whole ones, keeping the rest for later. */
export class Carry {
	#rest = 0;

	take(amount: number): number {
		this.#rest += amount;
		const whole = Math.floor(this.#rest);
		this.#rest -= whole;
		return whole;
	}
}
