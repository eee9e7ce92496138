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

export function assignTicks(processes: readonly RecordedProcess[], format: RecordingFormat, intervalSeconds: number): Ticks {
	const exact = format === 'wazuh-metrics';
	const step = Math.max(1, intervalSeconds * 1000);
	let start = Number.POSITIVE_INFINITY;
	let total = 0;
	for (const process of processes) {
		if (process.length > 0) {
			start = Math.min(start, process.times[0]!);
		}

		total += process.length;
	}

	const keyOf = exact ? (time: number): number => time : (time: number): number => Math.round((time - start) / step);
	const keys = new Float64Array(total);
	let filled = 0;
	for (const process of processes) {
		for (let index = 0; index < process.length; index++) {
			keys[filled++] = keyOf(process.times[index]!);
		}
	}

	keys.sort();
	let count = 0;
	for (let index = 0; index < keys.length; index++) {
		if (index === 0 || keys[index] !== keys[index - 1]) {
			keys[count++] = keys[index]!;
		}
	}

	const tickKeys = keys.subarray(0, count);
	const times = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
	const rows = processes.map(process => {
		const shown = new Int32Array(count).fill(-1);
		// A process's rows are in time order, so their ticks are found walking forward.
		let tick = 0;
		for (let index = 0; index < process.length; index++) {
			const time = process.times[index]!;
			const key = keyOf(time);
			while (tickKeys[tick]! < key) {
				tick++;
			}

			// Two rows of one process in one tick (a clock step, a restart's extra row): the later one.
			shown[tick] = index;
			if (time < times[tick]!) {
				times[tick] = time;
			}
		}

		if (!exact) {
			fillSkippedSeconds(process, shown, tickKeys, step);
		}

		return shown;
	});
	return {times, rows};
}

function fillSkippedSeconds(process: RecordedProcess, shown: Int32Array, keys: Float64Array, step: number): void {
	for (let tick = 1; tick + 1 < shown.length; tick++) {
		const before = shown[tick - 1]!;
		const after = shown[tick + 1]!;
		if (shown[tick] !== -1 || before < 0 || after < 0 || keys[tick]! - keys[tick - 1]! !== 1 || keys[tick + 1]! - keys[tick]! !== 1) {
			continue;
		}

		if (process.pids[before] === process.pids[after] && process.times[after]! - process.times[before]! <= step + foreignResolutionMs) {
			shown[tick] = before;
		}
	}
}
