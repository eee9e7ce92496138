import type {RecordedProcess} from '../recording/recording.js';
import {definedValues, type Series} from './daemon-series.js';
import type {Counter, ProcessStatistics, Spread} from './report-model.js';
import {maximum, mean, percentile} from './statistics.js';

const orNull = (value: number | undefined): number | null => (value === undefined || Number.isNaN(value) ? null : value);

function spread(series: Series, metric: 'rss' | 'pss' | 'uss' | 'swap' | 'vms' | 'fd' | 'threads'): Spread {
	const {values} = definedValues(series, metric);
	return {first: orNull(values[0]), mean: orNull(mean(values)), max: orNull(maximum(values)), last: orNull(values.at(-1))};
}

/**
 * What a cumulative io counter grew by, summed over roles: the increments between consecutive rows
 * of one PID. A restart starts the counter over, so the step to a new PID counts nothing.
 */
function counterTotal(roles: readonly RecordedProcess[], metric: 'diskRead' | 'diskWritten' | 'readOps' | 'writeOps', seconds: number): Counter {
	let total = 0;
	let seen = false;
	for (const role of roles) {
		let previous: {pid: number; value: number} | undefined;
		for (const sample of role.samples) {
			const value = sample[metric];
			if (value === undefined) {
				continue;
			}

			seen = true;
			if (previous?.pid === sample.pid && value >= previous.value) {
				total += value - previous.value;
			}

			previous = {pid: sample.pid, value};
		}
	}

	return seen ? {total, ratePerSecond: seconds > 0 ? total / seconds : null} : {total: null, ratePerSecond: null};
}

/** PID changes in the rows of a role: each is a restart (the role's name stays, its process is new). */
export function restartsOf(role: RecordedProcess | undefined): number {
	let restarts = 0;
	const samples = role?.samples ?? [];
	for (let index = 1; index < samples.length; index++) {
		if (samples[index]!.pid !== samples[index - 1]!.pid) {
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
	const cpu = definedValues(series, 'cpuPercent').values;
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
