/**
 * A fixed-size history of numbers. Positions are absolute (the n-th value ever pushed is at n), so
 * several buffers fed on the same tick line up and a paused view can keep reading "up to tick n"
 * while new values arrive. Gaps (a process that was not there, a field that could not be read) are
 * stored as NaN. Memory never grows: one Float64Array of `capacity` values.
 */
export class RingBuffer {
	readonly capacity: number;
	private readonly values: Float64Array;
	private next: number;

	/**
	 * @param start Absolute position of the first value pushed, so a buffer created late lines up
	 * with older ones; positions before it read as gaps.
	 */
	constructor(capacity: number, start = 0) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
		}

		this.capacity = capacity;
		this.values = new Float64Array(capacity).fill(Number.NaN);
		this.next = start;
	}

	/** Absolute position the next value will take (one past the newest). */
	get end(): number {
		return this.next;
	}

	/** Oldest absolute position still held. */
	get start(): number {
		return Math.max(0, this.next - this.capacity);
	}

	push(value: number | undefined): void {
		this.values[this.next % this.capacity] = value === undefined || !Number.isFinite(value) ? Number.NaN : value;
		this.next++;
	}

	/** The value at absolute position `index`, NaN when it is a gap, overwritten or not yet pushed. */
	at(index: number): number {
		if (index < this.start || index >= this.next || index < 0) {
			return Number.NaN;
		}

		return this.values[index % this.capacity]!;
	}

	/**
	 * The `count` positions ending just before `end` (default: the newest), oldest first. Positions
	 * the buffer no longer (or never) held are NaN, so the result always has `count` entries.
	 */
	read(count: number, end = this.next): Float64Array {
		const result = new Float64Array(Math.max(0, count));
		const first = end - result.length;
		for (let i = 0; i < result.length; i++) {
			result[i] = this.at(first + i);
		}

		return result;
	}
}

export type SeriesStats = {readonly min: number; readonly avg: number; readonly max: number; readonly count: number};

/** Min, average and max over the values that are not gaps; undefined when all are gaps. */
export function seriesStats(values: ArrayLike<number>): SeriesStats | undefined {
	let min = Number.POSITIVE_INFINITY;
	let max = Number.NEGATIVE_INFINITY;
	let sum = 0;
	let count = 0;
	for (let i = 0; i < values.length; i++) {
		const value = values[i]!;
		if (Number.isNaN(value)) {
			continue;
		}

		min = Math.min(min, value);
		max = Math.max(max, value);
		sum += value;
		count++;
	}

	return count === 0 ? undefined : {min, avg: sum / count, max, count};
}
