import {fitLine} from '../math/least-squares.js';
import {mean} from '../math/statistics.js';

/**
 * The one rule for "is this memory growing?", shared by the report's verdict and the live view's
 * RSS/h and PSS/h cells (live-growth.ts), so the two never disagree about the same samples.
 */
export type GrowthRule = {
	/** Memory grows when its slope's 95 % interval is above 0, the slope at least this many MiB/h ... */
	readonly leakMinSlopeMiBPerHour: number;
	/** ... and the growth over the analysed time at least this many % of the mean ... */
	readonly leakMinGrowthPercent: number;
	/** ... and at least this many MiB. */
	readonly leakMinGrowthMiB: number;
};

export const defaultGrowthRule: GrowthRule = {leakMinSlopeMiBPerHour: 1, leakMinGrowthPercent: 5, leakMinGrowthMiB: 1};

/** The default warm-up: 10 % of the recording, at most 10 minutes (a daemon's caches fill in its first minutes). */
export function defaultWarmupSeconds(durationSeconds: number): number {
	return Math.min(600, 0.1 * durationSeconds);
}

/** A memory trend's verdicts, as a list too: `report --fail-on` takes them by name (report/gate.ts). */
export const trendVerdicts = ['growing', 'shrinking', 'stable', 'unknown'] as const;
export type TrendVerdict = (typeof trendVerdicts)[number];

export type Trend = {
	readonly metric: 'rss' | 'pss' | 'uss';
	/** Samples after the warm-up the line was fitted to. */
	readonly samples: number;
	readonly slopeMiBPerHour: number | null;
	/** 95 % interval of the slope. */
	readonly lowMiBPerHour: number | null;
	readonly highMiBPerHour: number | null;
	readonly r2: number | null;
	/** Mean of the last 10 % of samples over the mean of the first 10 % (after the warm-up), as in Wazuh's footprint issues. */
	readonly lastToFirstRatio: number | null;
	/** Slope x analysed hours, in % of the mean. */
	readonly growthPercent: number | null;
	/** Slope x analysed hours. */
	readonly growthMiB: number | null;
	/** Slopes of the first and of the second half of the samples: a leak goes on in both, a single step does not. */
	readonly halfSlopesMiBPerHour: readonly [number | null, number | null];
	readonly verdict: TrendVerdict;
};

const mebibyte = 1024 * 1024;
const hourMs = 3_600_000;

export function trendRule(rule: GrowthRule): string {
	return `growing when the least-squares slope's 95 % interval lies above 0, the slope is at least ${rule.leakMinSlopeMiBPerHour} MiB/h, `
		+ `slope x analysed hours is at least ${rule.leakMinGrowthPercent} % of the mean and ${rule.leakMinGrowthMiB} MiB, `
		+ 'and the slopes of the first and the second half of the samples point the same way (a growth that goes on, not one step); '
		+ 'shrinking likewise below 0; stable otherwise. Fitted after the warm-up; the interval allows for autocorrelated residuals. '
		+ 'A daemon is growing when any of RSS, PSS, USS is.';
}

/**
 * The trend of one memory metric: `values` (bytes) against `times` (ms), both indexed alike, from
 * index `from` (the first after the warm-up) on, gaps (NaN) left out.
 */
export function memoryTrend(metric: Trend['metric'], times: ArrayLike<number>, column: ArrayLike<number>, from: number, rule: GrowthRule): Trend {
	const definedTimes: number[] = [];
	const values: number[] = [];
	for (let index = from; index < column.length; index++) {
		const value = column[index]!;
		if (!Number.isNaN(value)) {
			definedTimes.push(times[index]!);
			values.push(value);
		}
	}

	const empty: Trend = {metric, samples: values.length, slopeMiBPerHour: null, lowMiBPerHour: null, highMiBPerHour: null, r2: null, lastToFirstRatio: null, growthPercent: null, growthMiB: null, halfSlopesMiBPerHour: [null, null], verdict: 'unknown'};
	if (values.length < 3) {
		return empty;
	}

	const origin = definedTimes[0]!;
	const hours = definedTimes.map(time => (time - origin) / hourMs);
	const mib = values.map(value => value / mebibyte);
	const fit = fitLine(hours, mib);
	if (Number.isNaN(fit.slope)) {
		return empty;
	}

	const tenth = Math.max(1, Math.floor(values.length / 10));
	const first = mean(values.slice(0, tenth));
	const last = mean(values.slice(-tenth));
	const spanHours = hours.at(-1)!;
	const average = mean(mib);
	const growthPercent = average > 0 ? (fit.slope * spanHours * 100) / average : Number.NaN;
	const half = Math.floor(values.length / 2);
	const firstHalf = fitLine(hours.slice(0, half), mib.slice(0, half)).slope;
	const secondHalf = fitLine(hours.slice(half), mib.slice(half)).slope;
	let verdict: TrendVerdict = 'stable';
	const large = Math.abs(fit.slope) >= rule.leakMinSlopeMiBPerHour
		&& Math.abs(growthPercent) >= rule.leakMinGrowthPercent
		&& Math.abs(fit.slope * spanHours) >= rule.leakMinGrowthMiB;
	if (large && fit.low > 0 && firstHalf > 0 && secondHalf > 0) {
		verdict = 'growing';
	} else if (large && fit.high < 0 && firstHalf < 0 && secondHalf < 0) {
		verdict = 'shrinking';
	}

	const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
	return {
		metric,
		samples: values.length,
		slopeMiBPerHour: fit.slope,
		lowMiBPerHour: finite(fit.low),
		highMiBPerHour: finite(fit.high),
		r2: finite(fit.r2),
		lastToFirstRatio: first > 0 ? last / first : null,
		growthPercent: finite(growthPercent),
		growthMiB: finite(fit.slope * spanHours),
		halfSlopesMiBPerHour: [finite(firstHalf), finite(secondHalf)],
		verdict,
	};
}

export function combinedVerdict(trends: readonly Trend[]): TrendVerdict {
	if (trends.some(trend => trend.verdict === 'growing')) {
		return 'growing';
	}

	if (trends.some(trend => trend.verdict === 'shrinking')) {
		return 'shrinking';
	}

	return trends.some(trend => trend.verdict === 'stable') ? 'stable' : 'unknown';
}

/**
 * Index of the first time at or after the warm-up's end (the first sample's time plus the
 * warm-up); a NaN time (a slot of the history not filled yet) is before it.
 */
export function warmupEndIndex(times: ArrayLike<number>, firstTime: number, warmupSeconds: number): number {
	const end = firstTime + warmupSeconds * 1000;
	let index = 0;
	while (index < times.length && !(times[index]! >= end)) {
		index++;
	}

	return index;
}
