import type {RecordedProcess, RecordingFormat} from './recording.js';

/**
 * The ticks of a recording: which row of each process belongs to which sampling round. `report`
 * sums a daemon and its children tick by tick and `replay` rebuilds one snapshot per tick, so both
 * take their ticks from here.
 *
 * - This tool writes one timestamp per tick for every role (the snapshot's), so its distinct times
 *   are the ticks, exactly. Rounding them to the interval would merge two ticks that a loaded
 *   machine ran closer together.
 * - The Python original and Wazuh 5's monitor.py sample each process in its own loop and write the
 *   time cut to the second, so a process's rows are placed on a grid of the interval from the first
 *   row. Each loop takes a little longer than the interval, so now and then a process's clock skips
 *   a second and its row lands one grid step late, leaving the step before it empty. Such a hole
 *   (one step, between two rows of one PID whose times differ by at most the interval plus the one
 *   second the timestamps cannot tell) is filled with the row before it: the process was running
 *   and sampled, and a sum without it would dip by the whole process.
 */
export type Ticks = {
	/** Each tick's time, ms since the epoch, ascending: its earliest row's. */
	readonly times: Float64Array;
	/** Per process (in the order given): the row shown at each tick, or -1 when it has none. */
	readonly rows: readonly Int32Array[];
};

/** The resolution of the foreign formats' timestamps: whole seconds. */
const foreignResolutionMs = 1000;

/** The ticks of `processes` at once (a report reads a folder once). */
export function assignTicks(processes: readonly RecordedProcess[], format: RecordingFormat, intervalSeconds: number): Ticks {
	const assigner = new TickAssigner(format, intervalSeconds);
	assigner.update(processes);
	return assigner.ticks(processes);
}

const grownFloat = (array: Float64Array, capacity: number): Float64Array => {
	const larger = new Float64Array(capacity);
	larger.set(array);
	return larger;
};

/**
 * Ticks kept up to date while a folder is recorded (`replay` follows it): rows that come after the
 * ticks it has are added at the end, at a cost of the new rows only. A row that would go before
 * them (a file that lags behind, a grid that must start earlier) makes it assign everything again.
 */
export class TickAssigner {
	/** How many updates had to assign everything again (a row before the last tick): a figure for tests and benches. */
	reassigned = 0;
	private count = 0;
	private keys: Float64Array = new Float64Array(64);
	private times: Float64Array = new Float64Array(64);
	private readonly byRole = new Map<string, {rows: Int32Array; done: number; lastTime: number}>();
	private start = Number.POSITIVE_INFINITY;
	private readonly exact: boolean;
	private readonly step: number;

	constructor(format: RecordingFormat, intervalSeconds: number) {
		this.exact = format === 'wazuh-metrics';
		this.step = Math.max(1, intervalSeconds * 1000);
	}

	/** Takes the rows added to `processes` since the last update; true when any tick changed. */
	update(processes: readonly RecordedProcess[]): boolean {
		if (!this.canAppend(processes)) {
			this.reassigned++;
			this.reset(processes);
		}

		const last = this.count === 0 ? Number.NEGATIVE_INFINITY : this.keys[this.count - 1]!;
		// The keys of the new rows, sorted, without repeats, after the last tick's.
		const fresh: number[] = [];
		for (const process of processes) {
			const done = this.byRole.get(process.role)?.done ?? 0;
			for (let index = done; index < process.length; index++) {
				const key = this.keyOf(process.times[index]!);
				if (key > last) {
					fresh.push(key);
				}
			}
		}

		const newKeys = Float64Array.from(fresh).sort();
		let unique = 0;
		for (let index = 0; index < newKeys.length; index++) {
			if (index === 0 || newKeys[index] !== newKeys[index - 1]) {
				newKeys[unique++] = newKeys[index]!;
			}
		}

		// Room for the ticks, not the rows: every role's row list is as long as this.
		const before = this.count;
		this.reserve(this.count + unique);
		for (let index = 0; index < unique; index++) {
			this.keys[this.count] = newKeys[index]!;
			this.times[this.count] = Number.POSITIVE_INFINITY;
			this.count++;
		}

		let changed = this.count > before;
		const firstTouched = Math.max(0, before - 1);
		for (const process of processes) {
			let entry = this.byRole.get(process.role);
			if (!entry) {
				entry = {rows: new Int32Array(this.keys.length).fill(-1), done: 0, lastTime: Number.NaN};
				this.byRole.set(process.role, entry);
			} else if (entry.rows.length < this.keys.length) {
				const larger = new Int32Array(this.keys.length).fill(-1);
				larger.set(entry.rows);
				entry.rows = larger;
			}

			if (entry.done === process.length) {
				continue;
			}

			changed = true;
			const {rows} = entry;
			// A process's rows are in time order, so their ticks are found walking forward.
			let tick = firstTouched;
			for (let index = entry.done; index < process.length; index++) {
				const time = process.times[index]!;
				const key = this.keyOf(time);
				while (this.keys[tick]! < key) {
					tick++;
				}

				// Two rows of one process in one tick (a clock step, a restart's extra row): the later one.
				rows[tick] = index;
				if (time < this.times[tick]!) {
					this.times[tick] = time;
				}
			}

			entry.done = process.length;
			entry.lastTime = process.times[process.length - 1]!;
			if (!this.exact) {
				this.fillSkippedSeconds(process, rows, Math.max(1, firstTouched - 1));
			}
		}

		return changed;
	}

	/** The ticks as they are now, a row list per process of `processes` (views: the next update may replace them). */
	ticks(processes: readonly RecordedProcess[]): Ticks {
		const none = new Int32Array(this.count).fill(-1);
		return {
			times: this.times.subarray(0, this.count),
			rows: processes.map(process => this.byRole.get(process.role)?.rows.subarray(0, this.count) ?? none),
		};
	}

	private keyOf(time: number): number {
		return this.exact ? time : Math.round((time - this.start) / this.step);
	}

	/** Whether what was assigned still holds: every role's old rows are where they were, the grid starts early enough. */
	private canAppend(processes: readonly RecordedProcess[]): boolean {
		let first = Number.POSITIVE_INFINITY;
		for (const process of processes) {
			if (process.length > 0) {
				first = Math.min(first, process.times[0]!);
			}

			const entry = this.byRole.get(process.role);
			if (entry && (process.length < entry.done || (entry.done > 0 && process.times[entry.done - 1] !== entry.lastTime))) {
				return false;
			}

			if (entry === undefined && this.count > 0 && process.length > 0 && this.keyOf(process.times[0]!) < this.keys[this.count - 1]!) {
				// A new role whose rows start before the last tick (a file that appeared late).
				return false;
			}

			if (entry !== undefined && entry.done < process.length && this.keyOf(process.times[entry.done]!) < this.keys[this.count - 1]!) {
				return false;
			}
		}

		if (this.exact) {
			return true;
		}

		if (this.count === 0) {
			this.start = first;
			return true;
		}

		return first >= this.start;
	}

	private reset(processes: readonly RecordedProcess[]): void {
		this.count = 0;
		this.byRole.clear();
		this.start = Number.POSITIVE_INFINITY;
		for (const process of processes) {
			if (process.length > 0) {
				this.start = Math.min(this.start, process.times[0]!);
			}
		}
	}

	private reserve(capacity: number): void {
		if (capacity > this.keys.length) {
			const larger = Math.max(capacity, this.keys.length * 2);
			this.keys = grownFloat(this.keys, larger);
			this.times = grownFloat(this.times, larger);
		}
	}

	/** A hole of one grid step between two rows of one PID one period apart: the row before it is shown there. */
	private fillSkippedSeconds(process: RecordedProcess, shown: Int32Array, from: number): void {
		const {keys} = this;
		for (let tick = from; tick + 1 < this.count; tick++) {
			const before = shown[tick - 1]!;
			const after = shown[tick + 1]!;
			if (shown[tick] !== -1 || before < 0 || after < 0 || keys[tick]! - keys[tick - 1]! !== 1 || keys[tick + 1]! - keys[tick]! !== 1) {
				continue;
			}

			if (process.pids[before] === process.pids[after] && process.times[after]! - process.times[before]! <= this.step + foreignResolutionMs) {
				shown[tick] = before;
			}
		}
	}
}
