import {type RecordedMetric, recordedMetrics, type RecordedProcess} from '../recording/recording.js';

/** Per-tick values of one process or of a daemon with its children summed in; NaN where unknown. */
export type Series = {
	/** ms since the epoch, ascending. */
	readonly times: Float64Array;
	readonly values: Readonly<Record<RecordedMetric, Float64Array>>;
};

/** One process role's samples as a series (no summing). */
export function processSeries(process: RecordedProcess): Series {
	const n = process.samples.length;
	const times = new Float64Array(n);
	const values = {} as Record<RecordedMetric, Float64Array>;
	for (const metric of recordedMetrics) {
		values[metric] = new Float64Array(n);
	}

	for (const [index, sample] of process.samples.entries()) {
		times[index] = sample.time;
		for (const metric of recordedMetrics) {
			values[metric][index] = sample[metric] ?? Number.NaN;
		}
	}

	return {times, values};
}

/**
 * A daemon and its children summed tick by tick, as Wazuh's footprint reports count a daemon.
 * Rows are matched by tick: the time divided by the interval, rounded. This tool writes one
 * timestamp per tick for every role; the Python original's threads each write their own second,
 * which lands in the same tick. A role missing from a tick (a child not started yet, or gone)
 * adds nothing to it; a metric no role has at a tick stays NaN.
 */
export function summedSeries(roles: readonly RecordedProcess[], intervalSeconds: number): Series {
	const tickMs = Math.max(1, intervalSeconds * 1000);
	const slotOfTick = new Map<number, number>();
	const ticks: number[] = [];
	for (const role of roles) {
		for (const sample of role.samples) {
			const tick = Math.round(sample.time / tickMs);
			if (!slotOfTick.has(tick)) {
				slotOfTick.set(tick, -1);
				ticks.push(tick);
			}
		}
	}

	ticks.sort((a, b) => a - b);
	for (const [slot, tick] of ticks.entries()) {
		slotOfTick.set(tick, slot);
	}

	const n = ticks.length;
	const times = new Float64Array(n).fill(Number.NaN);
	const values = {} as Record<RecordedMetric, Float64Array>;
	for (const metric of recordedMetrics) {
		values[metric] = new Float64Array(n).fill(Number.NaN);
	}

	for (const role of roles) {
		const {samples} = role;
		for (let index = 0; index < samples.length; index++) {
			const sample = samples[index]!;
			const slot = slotOfTick.get(Math.round(sample.time / tickMs))!;
			const next = samples[index + 1];
			// Two rows of one role in one tick (a clock step, a restart's extra row): the later one counts.
			if (next !== undefined && slotOfTick.get(Math.round(next.time / tickMs)) === slot) {
				continue;
			}

			if (Number.isNaN(times[slot]!) || sample.time < times[slot]!) {
				times[slot] = sample.time;
			}

			for (const metric of recordedMetrics) {
				const value = sample[metric];
				if (value === undefined) {
					continue;
				}

				const column = values[metric];
				const current = column[slot]!;
				column[slot] = Number.isNaN(current) ? value : current + value;
			}
		}
	}

	return {times, values};
}

/** The defined values of `metric` in the series from index `from` on, with their times. */
export function definedValues(series: Series, metric: RecordedMetric, from = 0): {times: number[]; values: number[]} {
	const column = series.values[metric];
	const times: number[] = [];
	const values: number[] = [];
	for (let index = from; index < column.length; index++) {
		const value = column[index]!;
		if (!Number.isNaN(value)) {
			times.push(series.times[index]!);
			values.push(value);
		}
	}

	return {times, values};
}
