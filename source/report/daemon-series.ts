import type {RecordedProcess} from '../recording/recording.js';

/**
 * The metrics a report follows tick by tick. The io counters are not among them: their totals come
 * from each PID's own rows (summarize.ts), and the speeds are not reported. Fewer columns, less to
 * allocate for hours of data.
 */
export const seriesMetrics = ['cpuPercent', 'rss', 'pss', 'uss', 'swap', 'vms', 'fd', 'threads'] as const;
export type SeriesMetric = (typeof seriesMetrics)[number];

/** Per-tick values of one process or of a daemon with its children summed in; NaN where unknown. */
export type Series = {
	/** ms since the epoch, ascending. */
	readonly times: Float64Array;
	readonly values: Readonly<Record<SeriesMetric, Float64Array>>;
};

/** One process role's samples as a series (no summing). */
export function processSeries(process: RecordedProcess): Series {
	const {samples} = process;
	const n = samples.length;
	const times = new Float64Array(n);
	for (let index = 0; index < n; index++) {
		times[index] = samples[index]!.time;
	}

	const values = {} as Record<SeriesMetric, Float64Array>;
	// Metric by metric: each inner loop reads one property of every sample, which V8 keeps fast.
	for (const metric of seriesMetrics) {
		const column = new Float64Array(n);
		for (let index = 0; index < n; index++) {
			column[index] = samples[index]![metric] ?? Number.NaN;
		}

		values[metric] = column;
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
export function summedSeries(roles: readonly RecordedProcess[], intervalSeconds: number, exactTimes = false): Series {
	// This tool writes one timestamp per tick for every role: those times are the ticks, exactly.
	// Rounding them to the interval would merge two ticks a loaded machine ran closer together.
	const tickMs = exactTimes ? 1 : Math.max(1, intervalSeconds * 1000);
	let first = Number.POSITIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	let rows = 0;
	for (const role of roles) {
		rows += role.samples.length;
		for (const sample of role.samples) {
			const tick = Math.round(sample.time / tickMs);
			first = Math.min(first, tick);
			last = Math.max(last, tick);
		}
	}

	// Ticks are dense (a row every interval) but for pauses: one array over the span maps a tick to
	// its slot, unless pauses make the span far longer than the rows (then a Map).
	const span = rows === 0 ? 0 : last - first + 1;
	const dense = span <= 4 * rows + 1024;
	const seen = dense ? new Int32Array(span) : undefined;
	const sparse = dense ? undefined : new Map<number, number>();
	for (const role of roles) {
		for (const sample of role.samples) {
			const tick = Math.round(sample.time / tickMs);
			if (seen) {
				seen[tick - first] = 1;
			} else {
				sparse!.set(tick, 0);
			}
		}
	}

	const ticks: number[] = [];
	if (seen) {
		for (let offset = 0; offset < span; offset++) {
			if (seen[offset]) {
				seen[offset] = ticks.length;
				ticks.push(first + offset);
			}
		}
	} else {
		ticks.push(...[...sparse!.keys()].sort((a, b) => a - b));
		for (const [slot, tick] of ticks.entries()) {
			sparse!.set(tick, slot);
		}
	}

	const slotOf = (time: number): number => {
		const tick = Math.round(time / tickMs);
		return seen ? seen[tick - first]! : sparse!.get(tick)!;
	};

	const n = ticks.length;
	const times = new Float64Array(n).fill(Number.NaN);
	const values = {} as Record<SeriesMetric, Float64Array>;
	for (const metric of seriesMetrics) {
		values[metric] = new Float64Array(n).fill(Number.NaN);
	}

	for (const role of roles) {
		const {samples} = role;
		// Each row's slot, or -1 when the next row of the role falls in the same tick (a clock step,
		// a restart's extra row): then the later one counts.
		const slots = new Int32Array(samples.length);
		for (let index = 0; index < samples.length; index++) {
			slots[index] = slotOf(samples[index]!.time);
		}

		for (let index = 0; index < samples.length; index++) {
			if (index + 1 < samples.length && slots[index + 1] === slots[index]) {
				slots[index] = -1;
				continue;
			}

			const slot = slots[index]!;
			const {time} = samples[index]!;
			if (Number.isNaN(times[slot]!) || time < times[slot]!) {
				times[slot] = time;
			}
		}

		// Metric by metric, like processSeries: one property read over every row at a time.
		for (const metric of seriesMetrics) {
			const column = values[metric];
			for (let index = 0; index < samples.length; index++) {
				const slot = slots[index]!;
				const value = samples[index]![metric];
				if (slot < 0 || value === undefined) {
					continue;
				}

				const current = column[slot]!;
				column[slot] = Number.isNaN(current) ? value : current + value;
			}
		}
	}

	return {times, values};
}

/** The defined values of `metric` in the series from index `from` on, with their times. */
export function definedValues(series: Series, metric: SeriesMetric, from = 0): {times: number[]; values: number[]} {
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
