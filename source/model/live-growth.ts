import {defaultGrowthRule, defaultWarmupSeconds, memoryTrend, type Trend, warmupEndIndex} from './growth.js';

/**
 * Memory growth of a process (or a daemon's total) as the live view shows it: the report's rule
 * (growth.ts) over the samples the history holds, after the same warm-up, counted from when the
 * role was first seen. Over a run that fits in the history (an hour at 1 s), the last tick's cell
 * says what the report of its recording says.
 */
export type Growth = {
	/** Bytes per hour (negative when it shrinks): the fitted slope. */
	readonly perHour: number;
	/** The report would call it growing (`↗`). */
	readonly steady: boolean;
	readonly verdict: Trend['verdict'];
};

/** Before this much time and these many points, a slope is noise: nothing is shown. */
export const minimumGrowthSeconds = 60;
export const minimumGrowthPoints = 10;

const mebibyte = 1024 * 1024;

/**
 * `times` (ms, as the recording's Timestamp keeps them: see `recordedTime`) and `values` (bytes)
 * of the history window, oldest first, NaN for gaps; `firstSeen` the time of the role's first
 * sample. Undefined until the defined points span `minimumGrowthSeconds` and number
 * `minimumGrowthPoints`, or while the warm-up leaves fewer than 3. Pure.
 */
export function memoryGrowth(times: Float64Array, values: Float64Array, firstSeen: number, metric: Trend['metric'] = 'rss'): Growth | undefined {
	let count = 0;
	let first = Number.NaN;
	let last = Number.NaN;
	for (let index = 0; index < values.length; index++) {
		if (!Number.isNaN(values[index]!) && !Number.isNaN(times[index]!)) {
			if (count === 0) {
				first = times[index]!;
			}

			last = times[index]!;
			count++;
		}
	}

	if (count < minimumGrowthPoints || (last - first) / 1000 < minimumGrowthSeconds) {
		return undefined;
	}

	const from = warmupEndIndex(times, firstSeen, defaultWarmupSeconds((last - firstSeen) / 1000));
	const trend = memoryTrend(metric, times, values, from, defaultGrowthRule);
	if (trend.slopeMiBPerHour === null) {
		return undefined;
	}

	return {perHour: trend.slopeMiBPerHour * mebibyte, steady: trend.verdict === 'growing', verdict: trend.verdict};
}
