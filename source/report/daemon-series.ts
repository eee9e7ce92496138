import {type ReportMetric, reportMetrics} from '../model/process-metrics.js';
import type {RecordedProcess} from '../reader/recording.js';

/**
 * The metrics a report follows tick by tick: the registry's `report` metrics. The io counters are
 * not among them: their totals come from each PID's own rows (summarize.ts), and the speeds are not
 * reported. Fewer columns, less to allocate for hours of data.
 */
const seriesMetrics = reportMetrics;
export type SeriesMetric = ReportMetric;

/** Per-tick values of one process or of a daemon with its children summed in; NaN where unknown. */
export type Series = {
	/** ms since the epoch, ascending. */
	readonly times: Float64Array;
	readonly values: Readonly<Record<SeriesMetric, Float64Array>>;
};

/** One process role's rows as a series (no summing): views of its columns, no copy. */
export function processSeries(process: RecordedProcess): Series {
	const values = {} as Record<SeriesMetric, Float64Array>;
	for (const metric of seriesMetrics) {
		values[metric] = process.values[metric];
	}

	return {times: process.times, values};
}

/**
 * A daemon and its children summed tick by tick, as Wazuh's footprint reports count a daemon. The
 * ticks are the recording's (`assignTicks`): `rows[i][t]` is the row of `roles[i]` at tick t. A
 * role missing from a tick (a child not started yet, or gone) adds nothing to it; a metric no role
 * has at a tick stays NaN; a tick where none of the roles has a row is not in the series.
 */
export function summedSeries(roles: readonly RecordedProcess[], rows: readonly Int32Array[], tickTimes: Float64Array): Series {
	const ticks = rows[0]?.length ?? 0;
	const present: number[] = [];
	for (let tick = 0; tick < ticks; tick++) {
		if (rows.some(shown => shown[tick]! >= 0)) {
			present.push(tick);
		}
	}

	const n = present.length;
	const times = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
	const values = {} as Record<SeriesMetric, Float64Array>;
	for (const metric of seriesMetrics) {
		values[metric] = new Float64Array(n).fill(Number.NaN);
	}

	for (const [index, role] of roles.entries()) {
		const shown = rows[index]!;
		for (let slot = 0; slot < n; slot++) {
			const tick = present[slot]!;
			const row = shown[tick]!;
			// The daemon's time at a tick is its earliest row's; a row carried into a skipped second
			// (the one shown at the tick before too) is not of this tick.
			const carried = tick > 0 && shown[tick - 1] === row;
			if (row >= 0 && !carried && role.times[row]! < times[slot]!) {
				times[slot] = role.times[row]!;
			}
		}

		// Metric by metric: one column read over every tick at a time.
		for (const metric of seriesMetrics) {
			const column = values[metric];
			const source = role.values[metric];
			for (let slot = 0; slot < n; slot++) {
				const row = shown[present[slot]!]!;
				if (row < 0) {
					continue;
				}

				const value = source[row]!;
				if (!Number.isNaN(value)) {
					const current = column[slot]!;
					column[slot] = Number.isNaN(current) ? value : current + value;
				}
			}
		}
	}

	for (let slot = 0; slot < n; slot++) {
		// Only carried rows at this tick (every role skipped it): the tick's own time.
		if (times[slot] === Number.POSITIVE_INFINITY) {
			times[slot] = tickTimes[present[slot]!]!;
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
