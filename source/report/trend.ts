import {definedValues, type Series} from './daemon-series.js';
import {fitLine} from './least-squares.js';
import type {Trend, TrendVerdict} from './report-model.js';
import {mean} from './statistics.js';
import type {Thresholds} from './thresholds.js';

const mebibyte = 1024 * 1024;
const hourMs = 3_600_000;

export function trendRule(thresholds: Thresholds): string {
	return `growing when the least-squares slope's 95 % interval lies above 0, the slope is at least ${thresholds.leakMinSlopeMiBPerHour} MiB/h, `
		+ `slope x analysed hours is at least ${thresholds.leakMinGrowthPercent} % of the mean and ${thresholds.leakMinGrowthMiB} MiB, `
		+ 'and the slopes of the first and the second half of the samples point the same way (a growth that goes on, not one step); '
		+ 'shrinking likewise below 0; stable otherwise. Fitted after the warm-up; the interval allows for autocorrelated residuals. '
		+ 'A daemon is growing when any of RSS, PSS, USS is.';
}

/** The trend of one memory metric of a series, from `from` (the first index after the warm-up). */
export function memoryTrend(series: Series, metric: 'rss' | 'pss' | 'uss', from: number, thresholds: Thresholds): Trend {
	const {times, values} = definedValues(series, metric, from);
	const empty: Trend = {metric, samples: values.length, slopeMiBPerHour: null, lowMiBPerHour: null, highMiBPerHour: null, r2: null, lastToFirstRatio: null, growthPercent: null, growthMiB: null, halfSlopesMiBPerHour: [null, null], verdict: 'unknown'};
	if (values.length < 3) {
		return empty;
	}

	const origin = times[0]!;
	const hours = times.map(time => (time - origin) / hourMs);
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
	const large = Math.abs(fit.slope) >= thresholds.leakMinSlopeMiBPerHour
		&& Math.abs(growthPercent) >= thresholds.leakMinGrowthPercent
		&& Math.abs(fit.slope * spanHours) >= thresholds.leakMinGrowthMiB;
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
