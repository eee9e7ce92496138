import type {RecordedProcess} from '../reader/recording.js';
import type {Series} from './daemon-series.js';
import type {Counter, ProcessStatistics, Spread} from './report-model.js';
import {maximum, mean, percentile} from '../math/statistics.js';

const orNull = (value: number | undefined): number | null => (value === undefined || Number.isNaN(value) ? null : value);

/** first / mean / max / last of the defined (not NaN) values, in one pass and without a copy. */
function spread(series: Series, metric: 'rss' | 'pss' | 'uss' | 'swap' | 'vms' | 'fd' | 'threads'): Spread {
	const column = series.values[metric];
	let first: number | undefined;
	let last: number | undefined;
	let sum = 0;
	let count = 0;
	let max = Number.NEGATIVE_INFINITY;
	for (const value of column) {
		if (Number.isNaN(value)) {
			continue;
		}

		first ??= value;
		last = value;
		sum += value;
		count++;
		if (value > max) {
			max = value;
		}
	}

	return count === 0
		? {first: null, mean: null, max: null, last: null}
		: {first: first!, mean: sum / count, max, last: last!};
}

/**
 * What a cumulative io counter grew by, summed over roles: the increments between consecutive rows
 * of one PID. A restart starts the counter over, so the step to a new PID counts nothing.
 */
function counterTotal(roles: readonly RecordedProcess[], metric: 'diskRead' | 'diskWritten' | 'readOps' | 'writeOps', seconds: number): Counter {
	let total = 0;
	let seen = false;
	for (const role of roles) {
		const values = role.values[metric];
		let previousPid = Number.NaN;
		let previous = Number.NaN;
		for (let index = 0; index < role.length; index++) {
			const value = values[index]!;
			if (Number.isNaN(value)) {
				continue;
			}

			seen = true;
			const pid = role.pids[index]!;
			if (pid === previousPid && value >= previous) {
				total += value - previous;
			}

			previousPid = pid;
			previous = value;
		}
	}

	return seen ? {total, ratePerSecond: seconds > 0 ? total / seconds : null} : {total: null, ratePerSecond: null};
}

/** PID changes in the rows of a role: each is a restart (the role's name stays, its process is new). */
function restartsOf(role: RecordedProcess | undefined): number {
	let restarts = 0;
	const pids = role?.pids ?? new Float64Array(0);
	for (let index = 1; index < pids.length; index++) {
		if (pids[index] !== pids[index - 1]) {
			restarts++;
		}
	}

	return restarts;
}

/** The statistics of one series: a role alone, or a daemon with its children summed (`roles` are what was summed). */
export function summarize(name: string, series: Series, roles: readonly RecordedProcess[]): ProcessStatistics {
	const {times} = series;
	const start = times.length > 0 ? times[0]! : undefined;
	const end = times.length > 0 ? times.at(-1)! : undefined;
	const durationSeconds = start === undefined || end === undefined ? 0 : (end - start) / 1000;
	const cpu = series.values.cpuPercent.filter(value => !Number.isNaN(value));
	const own = roles.find(role => role.childIndex === 0) ?? roles[0];
	return {
		name,
		roles: roles.length,
		samples: times.length,
		start: orNull(start),
		end: orNull(end),
		durationSeconds,
		cpu: {mean: orNull(mean(cpu)), p95: orNull(percentile(cpu, 95)), max: orNull(maximum(cpu))},
		rss: spread(series, 'rss'),
		pss: spread(series, 'pss'),
		uss: spread(series, 'uss'),
		swap: spread(series, 'swap'),
		vms: spread(series, 'vms'),
		fd: spread(series, 'fd'),
		threads: spread(series, 'threads'),
		io: {
			readBytes: counterTotal(roles, 'diskRead', durationSeconds),
			writtenBytes: counterTotal(roles, 'diskWritten', durationSeconds),
			readOps: counterTotal(roles, 'readOps', durationSeconds),
			writeOps: counterTotal(roles, 'writeOps', durationSeconds),
		},
		restarts: restartsOf(own),
	};
}
